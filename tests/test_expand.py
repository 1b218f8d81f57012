"""Typed ``$expand``: a record carries the related record (single-valued navigation property)
or a list of them (collection-valued) under the navigation property's name, nested as deep
as the query asks. The JSON Schema (python-jsonschema and ajv) and the pydantic models accept
such records and write them back unchanged, refuse a wrong type inside an expanded record,
and accept ``<lookup>@odata.bind`` on create and update."""

from __future__ import annotations

import json
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import jsonschema
import pydantic
import pytest
from referencing import Registry, Resource

from dvgen.model import TableSet
from tests.test_jsonschema_validators import needs_ajv, render_schemas, run_ajv
from tests.test_pydantic import imported, render

ACCOUNT = "00000000-0000-0000-0000-00000000000a"
CONTACT = "00000000-0000-0000-0000-00000000000c"
USER = "00000000-0000-0000-0000-00000000000e"

EXPANDED = {
    "accountid": ACCOUNT,
    "name": "Contoso",
    "primarycontactid": {  # single-valued, two levels: contact -> its account
        "contactid": CONTACT,
        "fullname": "Ana",
        "parentcustomerid_account": {"accountid": ACCOUNT, "name": "Contoso"},
    },
    "contact_customer_accounts": [  # collection-valued, each with a nested collection
        {"contactid": CONTACT, "account_primary_contact": [{"accountid": ACCOUNT}]},
    ],
    "createdby": {"systemuserid": USER, "fullname": "Admin"},  # a table outside the set
    "parentaccountid": None,  # expanded, and there is none
}
CREATE = {  # a record to create (its id given, as a client may)
    "accountid": ACCOUNT,
    "name": "Fabrikam",
    "parentaccountid@odata.bind": f"/accounts({ACCOUNT})",
    "primarycontactid@odata.bind": "contacts(emailaddress1='ana@example.com')",
    "ownerid@odata.bind": f"/systemusers({USER})",
}
WRONG = {
    "nested name": {
        "accountid": ACCOUNT,
        "primarycontactid": {"contactid": CONTACT, "fullname": 5},
    },
    "two levels": {
        "accountid": ACCOUNT,
        "primarycontactid": {
            "contactid": CONTACT,
            "parentcustomerid_account": {"accountid": ACCOUNT, "numberofemployees": "many"},
        },
    },
    "collection of one": {
        "accountid": ACCOUNT,
        "contact_customer_accounts": {"contactid": CONTACT},
    },
    "record in a collection": {"accountid": ACCOUNT, "contact_customer_accounts": [5]},
    "bind to another set": {"accountid": ACCOUNT, "parentaccountid@odata.bind": "/contacts(x)"},
    "bind not text": {"accountid": ACCOUNT, "parentaccountid@odata.bind": 5},
}


@pytest.fixture(scope="module")
def schemas(corpus_set: TableSet) -> dict[str, dict[str, Any]]:
    return render_schemas(corpus_set)


def _validator(schemas: dict[str, dict[str, Any]]) -> jsonschema.Draft202012Validator:
    registry: Registry[Any] = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas.values()
    )
    return jsonschema.Draft202012Validator(
        schemas["account.schema.json"],
        registry=registry,
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )


@pytest.fixture(scope="module")
def models(corpus_set: TableSet, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    files = render(corpus_set, "dvgen_expand_models")[0]
    with imported(files, tmp_path_factory.mktemp("expand"), "dvgen_expand_models") as package:
        yield package


def test_json_schema_accepts_expanded_records_and_binds(schemas: dict[str, Any]) -> None:
    validator = _validator(schemas)
    assert list(validator.iter_errors(EXPANDED)) == []
    assert list(validator.iter_errors(CREATE)) == []


@pytest.mark.parametrize("case", sorted(WRONG))
def test_json_schema_refuses_a_wrong_type_inside(schemas: dict[str, Any], case: str) -> None:
    assert not _validator(schemas).is_valid(WRONG[case])


@needs_ajv
def test_ajv_agrees(schemas: dict[str, Any]) -> None:
    names = list(schemas)
    account = names.index("account.schema.json")
    cases = [EXPANDED, CREATE, *(WRONG[c] for c in sorted(WRONG))]
    errors, results = run_ajv(list(schemas.values()), [(account, r) for r in cases])
    assert errors == []
    assert results[:2] == [None, None]
    assert all(result is not None for result in results[2:])


def test_pydantic_reads_expanded_records_typed_and_writes_them_back(models: ModuleType) -> None:
    record = models.Account.model_validate(EXPANDED)
    contact = record.primarycontactid
    assert isinstance(contact, models.Contact)
    assert isinstance(contact.parentcustomerid_account, models.Account)
    assert isinstance(
        record.contact_customer_accounts[0].account_primary_contact[0], models.Account
    )
    assert record.createdby.model_dump(by_alias=True) == EXPANDED["createdby"]
    assert record.model_dump(by_alias=True, mode="json", exclude_unset=True) == EXPANDED
    assert json.loads(record.model_dump_json(by_alias=True)) == json.loads(
        models.Account.model_validate(EXPANDED).model_dump_json(by_alias=True)
    )


def test_pydantic_writes_what_it_read_without_expand(models: ModuleType) -> None:
    plain = {"accountid": ACCOUNT, "name": "Contoso"}
    record = models.Account.model_validate(plain)
    assert set(record.model_dump(by_alias=True, mode="json")) >= set(plain)
    dumped = record.model_dump(by_alias=True, mode="json")
    assert not any(k in dumped for k in ("primarycontactid", "parentaccountid@odata.bind"))


def test_pydantic_takes_binds(models: ModuleType) -> None:
    record = models.Account.model_validate(CREATE)
    assert record.parentaccountid_bind == CREATE["parentaccountid@odata.bind"]
    assert record.model_dump(by_alias=True, mode="json", exclude_unset=True) == CREATE


@pytest.mark.parametrize("case", sorted(WRONG))
def test_pydantic_refuses_a_wrong_type_inside(models: ModuleType, case: str) -> None:
    with pytest.raises(pydantic.ValidationError):
        models.Account.model_validate(WRONG[case])


def test_a_module_imports_alone(
    corpus_set: TableSet, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The models refer to each other across modules; each module still imports by itself."""
    files = render(corpus_set, "dvgen_expand_alone")[0]
    with imported(files, tmp_path_factory.mktemp("alone"), "dvgen_expand_alone"):
        import importlib

        contact = importlib.import_module("dvgen_expand_alone.contact")
        record = contact.Contact.model_validate(
            {"contactid": CONTACT, "parentcustomerid_account": {"accountid": ACCOUNT}}
        )
        assert type(record.parentcustomerid_account).__name__ == "Account"
