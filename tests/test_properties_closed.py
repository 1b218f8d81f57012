"""``properties = "open" | "closed"``: under "closed" the JSON Schema and the pydantic model
refuse a member the table does not declare (a misspelt ``nmae``, a misspelt ``@odata.bind``
key), as the Web API refuses it ("The property 'nmae' does not exist on type
'Microsoft.Dynamics.CRM.account'"), and still take what the Web API carries: declared
properties, ``_x_value`` lookups, expanded navigation properties (nested records closed too),
``@odata.bind`` keys and OData annotations. "open" (the default) takes any member, and its
output is what it was before the setting existed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pydantic
import pytest
from referencing import Registry, Resource

from dvgen.config import Config, _from_section
from dvgen.diagnostics import Diagnostics, SpecError
from dvgen.evolve.cli import closed_properties
from dvgen.evolve.diff import diff_sets
from dvgen.model import TableSet
from dvgen.targets.jsonschema.closed import closed_members, ecma_escape
from dvgen.targets.pydantic.target import PydanticTarget
from tests.evolve_support import edited
from tests.test_expand import ACCOUNT, CONTACT, CREATE, EXPANDED
from tests.test_jsonschema_validators import needs_ajv, render_schemas, run_ajv
from tests.test_pydantic import imported

TYPO = {"accountid": ACCOUNT, "nmae": "Contoso"}
ACCEPTED = {
    "read": {  # a GET, with annotations of the record and of its properties
        "@odata.context": "https://org.crm.dynamics.com/api/data/v9.2/$metadata#accounts/$entity",
        "@odata.etag": 'W/"1234"',
        "accountid": ACCOUNT,
        "name": "Contoso",
        "industrycode": 1,
        "industrycode@OData.Community.Display.V1.FormattedValue": "Accounting",
        "_primarycontactid_value": CONTACT,
        "_primarycontactid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "contact",
        "_primarycontactid_value@OData.Community.Display.V1.FormattedValue": "Ana",
    },
    "expanded": EXPANDED,
    "create": CREATE,
    "expanded collection, paged": {
        "accountid": ACCOUNT,
        "contact_customer_accounts": [{"contactid": CONTACT, "@odata.etag": 'W/"1"'}],
        "contact_customer_accounts@odata.nextLink": "https://org/api/data/v9.2/contacts?$skiptoken=1",
    },
    "associate on create": {
        "name": "Fabrikam",
        "contact_customer_accounts@odata.bind": [f"/contacts({CONTACT})"],
    },
    "full metadata": {
        "accountid": ACCOUNT,
        "primarycontactid@odata.associationLink": f"accounts({ACCOUNT})/primarycontactid/$ref",
        "primarycontactid@odata.navigationLink": f"accounts({ACCOUNT})/primarycontactid",
    },
    "$ref": {"primarycontactid": {"@odata.id": f"contacts({CONTACT})"}},
    "a record of a table outside the set": {"createdby": {"systemuserid": CONTACT, "x": 1}},
    "records of a table outside the set": {  # a collection the account page lists
        "accountid": ACCOUNT,
        "Account_BulkDeleteFailures": [{"bulkdeletefailureid": CONTACT, "errornumber": 1}],
    },
}
REFUSED = {
    "typo": (TYPO, "nmae"),  # "Unevaluated properties are not allowed ('nmae' was unexpected)"
    "typo beside an annotation": (
        {"nmae": "Contoso", "nmae@OData.Community.Display.V1.FormattedValue": "Contoso"},
        "nmae",
    ),
    "annotation of an undeclared property": (
        {"accountid": ACCOUNT, "nmae@OData.Community.Display.V1.FormattedValue": "Contoso"},
        "nmae@OData.Community.Display.V1.FormattedValue",
    ),
    "misspelt bind": (
        {"name": "Fabrikam", "primarycontact@odata.bind": f"/contacts({CONTACT})"},
        "primarycontact@odata.bind",
    ),
    "a column by another case": ({"Name": "Contoso"}, "Name"),
    # "@odata.bind" binds a navigation property only: the Web API refuses it on a property
    "bind of a property": ({"name@odata.bind": f"/accounts({ACCOUNT})"}, "name@odata.bind"),
    "bind of a lookup's value": (
        {"_primarycontactid_value@odata.bind": f"/contacts({CONTACT})"},
        "_primarycontactid_value@odata.bind",
    ),
    "typo in an expanded record": (
        {"accountid": ACCOUNT, "primarycontactid": {"contactid": CONTACT, "fulname": "Ana"}},
        "fulname",
    ),
    "typo in an expanded collection": (
        {"accountid": ACCOUNT, "contact_customer_accounts": [{"contactid": CONTACT, "x": 1}]},
        "x",
    ),
}


@pytest.fixture(scope="module")
def schemas(corpus_set: TableSet) -> dict[str, dict[str, dict[str, Any]]]:
    return {
        properties: render_schemas(corpus_set, Config(properties=properties))
        for properties in ("open", "closed")
    }


def _validator(
    schemas: dict[str, dict[str, Any]], table: str = "account"
) -> jsonschema.Draft202012Validator:
    registry: Registry[Any] = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas.values()
    )
    return jsonschema.Draft202012Validator(
        schemas[f"{table}.schema.json"],
        registry=registry,
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )


@pytest.mark.parametrize("case", sorted(ACCEPTED))
@pytest.mark.parametrize("properties", ["open", "closed"])
def test_json_schema_takes_what_the_web_api_carries(
    schemas: dict[str, dict[str, dict[str, Any]]], properties: str, case: str
) -> None:
    errors = list(_validator(schemas[properties]).iter_errors(ACCEPTED[case]))
    assert [e.message for e in errors] == []


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_closed_json_schema_refuses_an_undeclared_member_by_name(
    schemas: dict[str, dict[str, dict[str, Any]]], case: str
) -> None:
    record, name = REFUSED[case]
    errors = list(_validator(schemas["closed"]).iter_errors(record))
    messages = [e.message for e in errors] + [c.message for e in errors for c in e.context]
    refused = "Unevaluated properties are not allowed ("
    assert any(m.startswith(refused) and repr(name) in m for m in messages), messages
    assert _validator(schemas["open"]).is_valid(record)


@needs_ajv
def test_ajv_compiles_the_closed_schemas_strictly_and_agrees(
    schemas: dict[str, dict[str, dict[str, Any]]],
) -> None:
    """ajv's strict mode refuses a pattern matching a declared property (a bind key): none
    does, and ajv names each undeclared member."""
    closed = schemas["closed"]
    account = list(closed).index("account.schema.json")
    cases = [*(ACCEPTED[c] for c in sorted(ACCEPTED)), *(REFUSED[c][0] for c in sorted(REFUSED))]
    errors, results = run_ajv(list(closed.values()), [(account, r) for r in cases])
    assert errors == []
    assert results[: len(ACCEPTED)] == [None] * len(ACCEPTED)
    for case, result in zip(sorted(REFUSED), results[len(ACCEPTED) :], strict=True):
        assert result is not None and f'"unevaluatedProperty":"{REFUSED[case][1]}"' in result


def test_every_closed_schema_passes_the_metaschema(
    schemas: dict[str, dict[str, dict[str, Any]]],
) -> None:
    for path, schema in schemas["closed"].items():
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["unevaluatedProperties"] is False, path
        for pattern in schema["patternProperties"]:
            assert not [p for p in schema["properties"] if re.search(pattern, p)], path


def test_open_is_the_default_and_unchanged(
    corpus_set: TableSet, schemas: dict[str, dict[str, dict[str, Any]]]
) -> None:
    assert Config().properties == "open"
    assert schemas["open"] == render_schemas(corpus_set)
    assert not any("unevaluatedProperties" in s for s in schemas["open"].values())


def test_the_patterns_escape_names_for_ecma_262() -> None:
    assert ecma_escape("a.b$c") == r"a\.b\$c"
    patterns = closed_members(["a.b", "c", "n", "n@odata.bind"], ["n"], (), ["c"])
    assert list(patterns["patternProperties"])[1] == r"^(?:c)@"
    bind_pattern = list(patterns["patternProperties"])[2]
    assert bind_pattern.startswith(r"^(?:a\.b|n)@")
    for name in ("n@odata.bind", "a.b@odata.bind"):
        assert not re.search(bind_pattern, name), name
    for name in ("n@odata.bindx", "n@odata.navigationLink", "n@Microsoft.X", "a.b@x"):
        assert re.search(bind_pattern, name), name


MANAGED = {"Value": True, "CanBeChanged": True, "ManagedPropertyLogicalName": "iscustomizable"}


def test_a_closed_managed_property_holds_its_three_members_only(
    schemas: dict[str, dict[str, dict[str, Any]]],
) -> None:
    """``BooleanManagedProperty`` is no open complex type: under closed, a member beside
    ``Value``, ``CanBeChanged`` and ``ManagedPropertyLogicalName`` is refused, as the pydantic
    model refuses it; open takes it."""
    table = "environmentvariabledefinition"
    extra = {"iscustomizable": {"Value": False, "Canbechanged": True}}
    for properties in ("open", "closed"):
        validator = _validator(schemas[properties], table)
        assert validator.is_valid({"iscustomizable": MANAGED})
        assert validator.is_valid({"iscustomizable": {"Value": False}})
        assert validator.is_valid(extra) == (properties == "open")
    errors = list(_validator(schemas["closed"], table).iter_errors(extra))
    assert [e.message for e in errors] == [
        "Additional properties are not allowed ('Canbechanged' was unexpected)"
    ]


# --- pydantic ------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["open", "closed"])
def models(
    request: pytest.FixtureRequest, corpus_set: TableSet, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, ModuleType]]:
    properties = request.param
    name = f"dvgen_properties_{properties}"
    diagnostics = Diagnostics()
    config = Config(pydantic_package=name, properties=properties)
    files = PydanticTarget(config).render(corpus_set, diagnostics)
    assert not diagnostics.has_errors
    with imported(files, tmp_path_factory.mktemp(properties), name) as module:
        yield properties, module


@pytest.mark.parametrize("case", sorted(ACCEPTED))
def test_pydantic_takes_what_the_web_api_carries_and_writes_it_back(
    models: tuple[str, ModuleType], case: str
) -> None:
    _, module = models
    record = module.Account.model_validate(ACCEPTED[case])
    dumped = record.model_dump(by_alias=True, mode="json", exclude_unset=True)
    assert dumped == ACCEPTED[case]


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_closed_pydantic_refuses_an_undeclared_member_by_name(
    models: tuple[str, ModuleType], case: str
) -> None:
    properties, module = models
    record, name = REFUSED[case]
    if properties == "open":
        module.Account.model_validate(record)
        return
    with pytest.raises(pydantic.ValidationError) as raised:
        module.Account.model_validate(record)
    error = raised.value.errors()[0]
    assert error["type"] == "dataverse_undeclared_property"
    assert error["loc"][-1] == name
    assert f"The property '{name}' does not exist on " in error["msg"]


def test_the_pydantic_json_schema_takes_what_the_model_takes(
    models: tuple[str, ModuleType],
) -> None:
    """``model_json_schema()`` says what validation does: closed, no member beyond the
    fields and OData annotations (``additionalProperties: false``); open, any. A record the
    model takes is valid against it, one it refuses by a top-level name is not (a related
    record is validated by its own model, not through this schema)."""
    properties, module = models
    schema = module.Account.model_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    assert (schema.get("additionalProperties") is False) is (properties == "closed")
    for case, record in ACCEPTED.items():
        assert [e.message for e in validator.iter_errors(record)] == [], case
    for case, (record, name) in REFUSED.items():
        if name in record:
            assert validator.is_valid(record) is (properties == "open"), case
    assert validator.is_valid({"accountid": ACCOUNT, "primarycontactid_bind": None})


def test_pydantic_managed_property_refuses_a_member_only_when_closed(
    models: tuple[str, ModuleType],
) -> None:
    properties, module = models
    record = {"iscustomizable": {"Value": False, "Canbechanged": True}}
    if properties == "open":
        module.EnvironmentVariableDefinition.model_validate(record)
        return
    with pytest.raises(pydantic.ValidationError, match="Canbechanged"):
        module.EnvironmentVariableDefinition.model_validate(record)


def test_closed_pydantic_takes_python_names_and_json(models: tuple[str, ModuleType]) -> None:
    properties, module = models
    by_name = module.Account.model_validate({"accountid": ACCOUNT, "primarycontactid_bind": None})
    assert by_name.primarycontactid_bind is None
    if properties == "closed":
        with pytest.raises(pydantic.ValidationError, match="'nmae' does not exist on Account"):
            module.Account.model_validate_json('{"nmae": "Contoso"}')


# --- the setting -----------------------------------------------------------------------------


def test_the_setting_is_read_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.dvgen]\nproperties = "closed"\n')
    assert _from_section({"properties": "closed"}, path).properties == "closed"
    path.write_text('[tool.dvgen]\nproperties = "shut"\n')
    with pytest.raises(SpecError, match="properties must be one of 'open', 'closed', not 'shut'"):
        _from_section({"properties": "shut"}, path)


# --- evolution -------------------------------------------------------------------------------


@pytest.mark.parametrize("properties", ["open", "closed"])
def test_a_column_added_breaks_the_records_targets_of_closed_properties(properties: str) -> None:
    """The last version's closed schema refuses a record holding the new column's property,
    so ``check --breaking-against`` calls the addition breaking; open, it stays safe. A
    column the Web API carries as no property (a lookup's name companion) breaks nothing."""
    config = Config(properties=properties)
    before, after = edited("column-added")
    old = render_schemas(before, config)["contoso_thing.schema.json"]
    holding = {"contoso_note": "new"}
    assert jsonschema.Draft202012Validator(old).is_valid(holding) is (properties == "open")
    changes = closed_properties(diff_sets(before, after), config, after)
    expected = "column-added-closed" if properties == "closed" else "column-added"
    assert [(c.column, c.rule) for c in changes] == [("contoso_note", expected)]
    assert changes[0].breaking is (properties == "closed")

    after, before = edited("lookup-companion-removed")  # the companion, added
    changes = closed_properties(diff_sets(before, after), config, after)
    assert [(c.column, c.rule) for c in changes] == [("contoso_parentidname", "column-added")]


# --- activities: what they inherit from activitypointer ---------------------------------------

TASK = {
    "read": {  # a GET without $select: activitypointer's properties the task page does not list
        "activityid": CONTACT,
        "subject": "Call back",
        "community": None,
        "senton": None,
        "exchangeweblink": None,
        "community@OData.Community.Display.V1.FormattedValue": "Other",
    },
    "create": {  # activitypointer's navigation properties, beside the task's own
        "subject": "Call back",
        "ownerid@odata.bind": f"/systemusers({CONTACT})",
        "regardingobjectid_account_task@odata.bind": f"/accounts({ACCOUNT})",
    },
}


def _task_validator(schemas: dict[str, dict[str, Any]]) -> jsonschema.Draft202012Validator:
    registry: Registry[Any] = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas.values()
    )
    return jsonschema.Draft202012Validator(schemas["task.schema.json"], registry=registry)


@pytest.mark.parametrize("case", sorted(TASK))
def test_an_activity_takes_what_it_inherits_from_activitypointer(
    schemas: dict[str, dict[str, dict[str, Any]]],
    models: tuple[str, ModuleType],
    case: str,
) -> None:
    properties, module = models
    validator = _task_validator(schemas[properties])
    assert [e.message for e in validator.iter_errors(TASK[case])] == []
    record = module.Task.model_validate(TASK[case])
    assert record.model_dump(by_alias=True, mode="json", exclude_unset=True) == TASK[case]
    typo = {"subjct": "Call back"}
    assert validator.is_valid(typo) is (properties == "open")
    if properties == "closed":
        with pytest.raises(pydantic.ValidationError, match="'subjct' does not exist on Task"):
            module.Task.model_validate(typo)


@pytest.mark.parametrize("model", ["Account", "Contact", "Email"])
def test_no_pattern_of_the_pydantic_json_schema_matches_a_declared_property(
    models: tuple[str, ModuleType], model: str
) -> None:
    """Only a collection-valued navigation property and an inherited member take any
    annotation; a single-valued one's ``@odata.bind`` is its declared field
    (``createdby@odata.bind``), so no pattern names it, as none does in the jsonschema target
    (ajv's strict mode refuses a pattern matching a declared property beside
    unevaluatedProperties)."""
    properties, module = models
    schema = getattr(module, model).model_json_schema()
    patterns = schema.get("patternProperties", {})
    assert bool(patterns) is (properties == "closed")
    clashes = [(p, k) for k in patterns for p in schema["properties"] if re.search(k, p)]
    assert clashes == []
