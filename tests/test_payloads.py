"""Records shaped like the Web API payloads of Microsoft's own documentation, through both
record targets (python-jsonschema with a registry and format checking, ajv, pydantic).

The records are written here, after the request and response bodies of the pages each test
names (MicrosoftDocs/powerapps-docs ``powerapps-docs/developer/data-platform/webapi/`` and
MicrosoftDocs/dynamics-365-customer-engagement ``ce/developer/webapi/``): what Dataverse sends
or accepts must validate, what it refuses must not. The seed tests always run; the corpus tests
use the real pages of account, contact and task.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pydantic
import pytest
from referencing import Registry, Resource

from dvgen.config import Config
from dvgen.model import Column, ColumnType, Table, TableSet
from tests.conftest import CORPUS, NO_SHARED, parse_file, resolve_clean
from tests.test_jsonschema_validators import NO_AJV, needs_ajv, render_schemas, run_ajv
from tests.test_pydantic import imported, render

FORMATS = jsonschema.Draft202012Validator.FORMAT_CHECKER
PROJECT = "1b0c8f2e-4a5d-4c3b-9e8f-7a6b5c4d3e2f"
OPERATION = "0b6f6a8e-2d0c-4f4e-8a1e-3c5d7e9f1a2b"
ACCOUNT = "915e89f5-29fc-e511-80d2-00155db07c77"
CONTACT = "c59648c3-68f7-e511-80d3-00155db53318"
CORPUS_TABLES = ("account", "contact", "task")


@dataclass(frozen=True)
class Targets:
    """Every schema of a set in one registry, and its pydantic package, imported."""

    schemas: dict[str, dict[str, Any]]
    package: ModuleType
    properties: str = "open"

    def errors(self, table: str, record: dict[str, Any]) -> list[str]:
        """Why the JSON Schema refuses the record ([] when it accepts it)."""
        registry: Registry[Any] = Registry().with_resources(
            (s["$id"], Resource.from_contents(s)) for s in self.schemas.values()
        )
        validator = jsonschema.Draft202012Validator(
            self.schemas[table], registry=registry, format_checker=FORMATS
        )
        return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(record)]

    def model(self, table: str) -> type[pydantic.BaseModel]:
        models = (getattr(self.package, name) for name in self.package.__all__)
        found: type[pydantic.BaseModel] = next(
            m for m in models if m.__module__.endswith("." + table)
        )
        return found

    def accepts(self, table: str, record: dict[str, Any]) -> None:
        """Both targets accept the record, and the model writes it back unchanged."""
        assert self.errors(table, record) == []
        read = self.model(table).model_validate(record)
        assert read.model_dump(by_alias=True, mode="json", exclude_unset=True) == record

    def refuses(self, table: str, record: dict[str, Any]) -> None:
        assert self.errors(table, record) != []
        with pytest.raises(pydantic.ValidationError):
            self.model(table).model_validate(record)


def targets_of(
    tables: TableSet, package: str, root: Path, properties: str = "open"
) -> Iterator[Targets]:
    config = Config(properties=properties)
    schemas = {
        path.removesuffix(".schema.json"): schema
        for path, schema in render_schemas(tables, config).items()
    }
    with imported(render(tables, package, properties=properties)[0], root, package) as module:
        yield Targets(schemas, module, properties)


PROPERTIES = ["open", "closed"]
"""Every payload of the docs validates under both settings: a closed record still takes all
that Dataverse sends and accepts (``properties = "closed"``)."""


@pytest.fixture(scope="module", params=PROPERTIES)
def seed(
    seed_set: TableSet, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[Targets]:
    package, root = f"payload_seed_models_{request.param}", tmp_path_factory.mktemp("seed")
    yield from targets_of(seed_set, package, root, request.param)


@pytest.fixture(scope="module", params=PROPERTIES)
def corpus(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[Targets]:
    pages = [CORPUS / f"{name}.md" for name in CORPUS_TABLES]
    if not all(page.is_file() for page in pages):
        pytest.skip(NO_SHARED)
    tables = resolve_clean([parse_file(page) for page in pages])
    package, root = f"payload_corpus_models_{request.param}", tmp_path_factory.mktemp("corpus")
    yield from targets_of(tables, package, root, request.param)


# --- the primary key: present in a GET's records, absent from the bodies a client sends ------


def test_create_and_update_bodies_hold_no_primary_key(seed: Targets) -> None:
    # create-entity-web-api.md (Basic Create), update-delete-entities-using-web-api.md (Basic
    # update): the body holds the columns set; Dataverse assigns the key or reads it from the URL.
    seed.accepts("contoso_project", {"contoso_name": "Harbour bridge", "contoso_headcount": 12})
    seed.accepts("contoso_project", {"contoso_name": "Harbour bridge (renamed)"})


def test_a_body_without_a_key_is_written_without_one(seed: Targets) -> None:
    """Without ``exclude_unset`` every other absent column is written as null; the key is
    left out (a create body holds none), but a key read as null is written back as null."""
    model = seed.model("contoso_project")
    written = model.model_validate({"contoso_name": "Harbour bridge"}).model_dump(
        by_alias=True, mode="json"
    )
    assert "contoso_projectid" not in written and written["contoso_name"] == "Harbour bridge"
    assert seed.errors("contoso_project", written) == []
    row = model.model_validate({"contoso_projectid": None}).model_dump(by_alias=True, mode="json")
    assert row["contoso_projectid"] is None


def test_a_create_body_binds_lookups_without_a_primary_key(seed: Targets) -> None:
    # create-entity-web-api.md (Associate table rows on create), with a relative, a bare and
    # an absolute URL as the docs' samples write them; associate-disassociate-entities-using-
    # web-api.md (Disassociate tables on update): null clears the lookup.
    for url in (
        f"/backgroundoperations({OPERATION})",
        f"backgroundoperations({OPERATION})",
        f"https://org.example.com/api/data/v9.2/backgroundoperations({OPERATION})",
    ):
        seed.accepts(
            "contoso_project", {"contoso_name": "x", "contoso_OperationId@odata.bind": url}
        )
    seed.accepts("contoso_project", {"contoso_OperationId@odata.bind": None})


def test_deep_insert_records_hold_no_primary_key(seed: Targets) -> None:
    # create-entity-web-api.md (Create related table rows in one operation), web-api-basic-
    # operations-sample.md (Section 3): related records created with their parent, as objects
    # of a single-valued and arrays of a collection-valued navigation property.
    seed.accepts("contoso_project", {"contoso_name": "x", "contoso_OperationId": {"name": "Sync"}})
    operation = {
        "name": "Sync",
        "contoso_backgroundoperation_contoso_project": [{"contoso_name": "a"}],
    }
    seed.accepts("backgroundoperation", operation)


def test_an_expanded_reference_is_an_odata_id_alone(seed: Targets) -> None:
    # retrieve-entity-using-web-api.md ($expand=primarycontactid/$ref): the related record is
    # its URL only, beside the lookup's _x_value.
    record = {
        "@odata.etag": 'W/"550616"',
        "contoso_projectid": PROJECT,
        "_contoso_operationid_value": OPERATION,
        "contoso_OperationId": {
            "@odata.id": f"https://org/api/data/v9.0/backgroundoperations({OPERATION})"
        },
    }
    seed.accepts("contoso_project", record)


def test_an_aggregate_row_holds_a_null_primary_key(seed: Targets) -> None:
    # web-api-query-data-sample.md (Section 7: Aggregate results): a row of
    # contacts?$apply=aggregate(annualincome with average as average, ...) holds every
    # property of the table, the primary key included, as null, beside the aggregates.
    row = {"contoso_projectid": None, "contoso_name": None, "average": 61300.0}
    if seed.properties == "closed":  # an aggregate's alias is no property of the table
        seed.refuses("contoso_project", row)
        row = {name: value for name, value in row.items() if name != "average"}
    seed.accepts("contoso_project", row)
    seed.accepts("contoso_project", {"contoso_OperationId": {"backgroundoperationid": None}})
    seed.refuses("contoso_project", {"contoso_projectid": "not-a-guid"})


@needs_ajv
def test_ajv_agrees_on_bodies_without_a_primary_key(seed: Targets) -> None:
    names = sorted(seed.schemas)
    records = [
        (names.index("contoso_project"), {"contoso_name": "x"}),
        (names.index("contoso_project"), {"contoso_OperationId": {"name": "Sync"}}),
        (names.index("contoso_project"), {"contoso_projectid": None}),
        (names.index("contoso_project"), {"contoso_projectid": 7}),
    ]
    errors, results = run_ajv([seed.schemas[n] for n in names], records)
    assert errors == []
    expected = [True, True, True, False]
    assert [r is None for r in results] == expected, NO_AJV if not results else results


# --- the real pages of account, contact and task ----------------------------------------------


def test_corpus_request_bodies(corpus: Targets) -> None:
    # create-entity-web-api.md (Basic Create; Associate table rows on create)
    corpus.accepts(
        "account",
        {
            "name": "Sample",
            "creditonhold": False,
            "address1_latitude": 47.639583,
            "revenue": 5000000,
        },
    )
    corpus.accepts(
        "account",
        {
            "name": "Sample",
            "primarycontactid@odata.bind": f"/contacts({CONTACT})",
            "Account_Tasks@odata.bind": [f"/tasks({ACCOUNT})"],
        },
    )
    # web-api-basic-operations-sample.md (Section 3: deep insert of a contact and its tasks)
    contact = {
        "firstname": "Susie",
        "annualincome": 48000,
        "Contact_Tasks": [{"subject": "Sign invoice", "scheduledend": "2016-04-19T00:00:00-07:00"}],
    }
    corpus.accepts("account", {"name": "Fourth Coffee", "primarycontactid": contact})
    # associate-disassociate-entities-using-web-api.md (Disassociate tables on update)
    corpus.accepts("account", {"parentaccountid": None, "primarycontactid@odata.bind": None})


def test_corpus_responses_without_a_primary_key(corpus: Targets) -> None:
    # create-entity-web-api.md (InitializeFrom): a record Dataverse returns to be posted back.
    corpus.accepts(
        "account",
        {
            "@odata.type": "#Microsoft.Dynamics.CRM.account",
            "parentaccountid@odata.bind": f"accounts({ACCOUNT})",
            "address1_city": "Seattle",
        },
    )
    # retrieve-entity-using-web-api.md ($expand=primarycontactid/$ref)
    corpus.accepts(
        "account",
        {
            "accountid": ACCOUNT,
            "_primarycontactid_value": CONTACT,
            "primarycontactid": {"@odata.id": f"https://org/api/data/v9.0/contacts({CONTACT})"},
        },
    )


def test_corpus_refuses_a_number_sent_as_text(corpus: Targets) -> None:
    # create-entity-web-api.md (InitializeFrom, second body) sends numberofemployees as "200":
    # Edm.Int32 is a JSON number; the sample is wrong (its body has a stray brace too).
    corpus.refuses("account", {"name": "Contoso Ltd", "numberofemployees": "200"})


@pytest.mark.parametrize(
    ("kind", "key", "text"),
    [
        (ColumnType.BIG_INT, 7, "7"),  # subscriptiontrackingdeletedobject: timestamp
        (ColumnType.INTEGER, 7, "7"),
        (ColumnType.STRING, "A-7", 7),
    ],
)
def test_a_primary_key_of_a_strict_type_is_never_of_another_type(
    kind: ColumnType, key: Any, text: Any, tmp_path: Path
) -> None:
    """A key that is no Guid keeps its type's strictness (``strict`` before ``PrimaryKey``),
    and may be null as any column may (an aggregate row's)."""
    table = Table(
        "new_tracked",
        "new_Tracked",
        entity_set_name="new_trackeds",
        primary_id_attribute="new_key",
        columns=(Column("new_key", "new_Key", kind, max_length=10),),
    )
    for found in targets_of(resolve_clean([table]), f"strict_keys_{kind.name.lower()}", tmp_path):
        found.accepts("new_tracked", {"new_key": key})
        found.accepts("new_tracked", {})
        found.accepts("new_tracked", {"new_key": None})
        found.refuses("new_tracked", {"new_key": text})


# --- a managed property set on create ---------------------------------------------------------


def test_a_create_body_sets_a_managed_property_by_its_value_alone(tmp_path: Path) -> None:
    """create-custom-api-with-code.md (Web API): ``POST customapis`` sets
    ``"iscustomizable": {"Value": false}`` on the API and on its deep-inserted request
    parameters, and Dataverse answers 204; a GET returns all three members. The
    BooleanManagedProperty read back writes no ``CanBeChanged`` it did not read."""
    table = Table(
        "new_api",
        "new_Api",
        entity_set_name="new_apis",
        primary_id_attribute="new_apiid",
        columns=(
            Column("new_apiid", "new_ApiId", ColumnType.UNIQUEIDENTIFIER),
            Column("iscustomizable", "IsCustomizable", ColumnType.MANAGED_PROPERTY),
        ),
    )
    for found in targets_of(resolve_clean([table]), "managed_create", tmp_path):
        found.accepts("new_api", {"iscustomizable": {"Value": False}})
        read = {"Value": True, "CanBeChanged": False, "ManagedPropertyLogicalName": "x"}
        found.accepts("new_api", {"new_apiid": PROJECT, "iscustomizable": read})
        found.refuses("new_api", {"iscustomizable": {"CanBeChanged": False}})
        found.refuses("new_api", {"iscustomizable": {"Value": False, "CanBeChanged": None}})
        model = found.model("new_api").model_validate({"iscustomizable": {"Value": False}})
        written = model.model_dump(by_alias=True, mode="json")
        assert written["iscustomizable"] == {"Value": False, "ManagedPropertyLogicalName": None}
        assert found.errors("new_api", written) == []
