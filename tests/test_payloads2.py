"""The SQL replica of Web API records, as docs/using-outputs.md ("From a Web API record to a
row") builds it: records shaped like the bodies of Microsoft's pages go through the page's own
``row()`` into SQLite and a real PostgreSQL, and read back equal.

The records are written here, after the bodies of the pages each test names
(MicrosoftDocs/powerapps-docs ``powerapps-docs/developer/data-platform/webapi/`` and
MicrosoftDocs/dynamics-365-customer-engagement ``ce/developer/webapi/``); each is first checked
valid by its JSON Schema, since what the schema accepts the replica must take. The seed tests
always run; the corpus tests use the real pages of account, contact, task and annotation.
"""

from __future__ import annotations

import base64
import re
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

import jsonschema
import psycopg
import pytest
from psycopg import sql as pgsql
from referencing import Registry, Resource

from dvgen.model import TableSet
from tests.conftest import ROOT, needs_shared
from tests.test_jsonschema_validators import render_schemas
from tests.test_sql_support import PostgresServer, postgres_unavailable, render, shared_server

Row = Callable[..., dict[str, Any]]
Record = dict[str, Any]
FORMATS = jsonschema.Draft202012Validator.FORMAT_CHECKER
PROJECT = "1b0c8f2e-4a5d-4c3b-9e8f-7a6b5c4d3e2f"
OPERATION = "0b6f6a8e-2d0c-4f4e-8a1e-3c5d7e9f1a2b"
LOGO = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(range(32))).decode()


def docs_row() -> Row:
    """The ``row()`` of docs/using-outputs.md, run from the page itself: the test follows the
    docs exactly, and a change to the page is a change to what is tested."""
    page = (ROOT / "docs" / "using-outputs.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```python\n(.*?)```", page, re.S) if "def row(" in b)
    namespace: dict[str, Any] = {}
    exec(block.split("\nrecord = {")[0], namespace)
    found: Row = namespace["row"]
    return found


ROW = docs_row()


class Replica:
    """One table set's JSON Schemas and SQL schemas: records checked, loaded and read back."""

    def __init__(self, tables: TableSet) -> None:
        self.tables = {t.logical_name: t for t in tables.tables}
        self.schemas = {
            path.removesuffix(".schema.json"): schema
            for path, schema in render_schemas(tables).items()
        }
        self.sqlite = render(tables, "sqlite")[0]
        self.postgres = render(tables, "postgres")[0]

    def valid(self, table: str, record: Record) -> None:
        registry: Registry[Any] = Registry().with_resources(
            (s["$id"], Resource.from_contents(s)) for s in self.schemas.values()
        )
        validator = jsonschema.Draft202012Validator(
            self.schemas[table], registry=registry, format_checker=FORMATS
        )
        assert [e.message for e in validator.iter_errors(record)] == []

    def key(self, table: str) -> str:
        key = self.tables[table].primary_id_attribute
        assert key is not None
        return key

    def into_sqlite(self, rows: list[tuple[str, Record]]) -> None:
        """Every record in one transaction (foreign keys checked at commit), read back equal."""
        database = sqlite3.connect(":memory:", isolation_level=None)
        database.executescript(self.sqlite)
        database.execute("BEGIN")
        for table, record in rows:
            values = ROW(record, self.schemas[table])
            names = ", ".join(f'"{name}"' for name in values)
            marks = ", ".join("?" * len(values))
            database.execute(
                f'INSERT INTO "{table}" ({names}) VALUES ({marks})', [*values.values()]
            )
            key = self.key(table)
            back = database.execute(
                f'SELECT {names} FROM "{table}" WHERE "{key}" = ?', [values[key]]
            ).fetchone()
            assert dict(zip(values, back, strict=True)) == values
        database.execute("COMMIT")

    def into_postgres(self, server: PostgresServer, rows: list[tuple[str, Record]]) -> None:
        with psycopg.connect(server.dsn(server.create_database()), autocommit=True) as conn:
            conn.execute(self.postgres)
            with conn.transaction():
                for table, record in rows:
                    values = ROW(record, self.schemas[table], arrays=True)
                    names = pgsql.SQL(", ").join(map(pgsql.Identifier, values))
                    conn.execute(
                        pgsql.SQL("INSERT INTO {} ({}) VALUES ({})").format(
                            pgsql.Identifier(table),
                            names,
                            pgsql.SQL(", ").join(pgsql.Placeholder() * len(values)),
                        ),
                        [*values.values()],
                    )
                    back = conn.execute(
                        pgsql.SQL("SELECT {} FROM {} WHERE {} = %s").format(
                            names, pgsql.Identifier(table), pgsql.Identifier(self.key(table))
                        ),
                        [values[self.key(table)]],
                    ).fetchone()
                    assert back is not None
                    for column, stored in zip(values, back, strict=True):
                        assert same(stored, values[column]), (table, column, stored)


def same(stored: Any, sent: Any) -> bool:
    """PostgreSQL's value equals the text or number the record held."""
    if isinstance(stored, UUID):
        return bool(str(stored) == sent)
    if isinstance(stored, datetime):
        return bool(stored == datetime.fromisoformat(sent))
    if isinstance(stored, date):
        return bool(stored == date.fromisoformat(sent))
    if isinstance(stored, Decimal):
        return bool(stored == Decimal(str(sent)))
    return bool(stored == sent)


@pytest.fixture(scope="module")
def postgres() -> Iterator[PostgresServer]:
    reason = postgres_unavailable()
    if reason is not None:
        pytest.skip(reason)
    yield shared_server()


@pytest.fixture(scope="module")
def seed(seed_set: TableSet) -> Replica:
    return Replica(seed_set)


def operation() -> Record:
    """The row a lookup of the project names (the replica holds what its lookups name)."""
    return {"backgroundoperationid": OPERATION, "name": "Nightly import"}


def project(**changes: Any) -> Record:
    """A contoso_project as GET ...?$select=... returns it, with formatted values: every kind of
    column the seed holds, in the forms the JSON Schema accepts."""
    record: Record = {
        "@odata.etag": 'W/"1207335"',
        "contoso_projectid": PROJECT,
        "contoso_name": "Bridge 😀 ' \" \\",
        "contoso_notes": "line one\nline two",
        "contoso_headcount": 500,
        "contoso_budget": 922337203685477,
        "contoso_budget@OData.Community.Display.V1.FormattedValue": "$922,337,203,685,477.00",
        "contoso_completion": 99.99,
        "contoso_risk": 0.125,
        "contoso_startdate": "2024-02-29",
        "contoso_lastreview": "2024-06-01T09:30:00.123456+05:30",
        "contoso_isbillable": False,
        "contoso_phase": 100000006,
        "contoso_phase@OData.Community.Display.V1.FormattedValue": "Closed",
        "contoso_regions": "1,3",
        "contoso_logo": LOGO,
        "_contoso_operationid_value": OPERATION,
        "_contoso_customerid_value": "915e89f5-29fc-e511-80d2-00155db07c77",
        "_contoso_customerid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "account",
        "statecode": 1,
        "statuscode": 2,
        "_ownerid_value": "0b6f6a8e-2d0c-4f4e-8a1e-3c5d7e9f1a2b",
        "_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "systemuser",
        "_owningbusinessunit_value": "5c1e1fd3-4a1b-4d9e-9c1e-2f6a7b8c9d0e",
        "versionnumber": 1207335,
    }
    record.update(changes)
    return record


# The forms the JSON Schema accepts beside the Web API's own: a space after a multi-select's
# comma (the Web API takes it on write), upper-case uuids (RFC 4122) and a lower-case "t"/"z"
# (RFC 3339), which the docs' row() makes the one form SQLite's CHECKs hold.
OTHER_FORMS: dict[str, Record] = {
    "the Web API's forms": {},
    "a space after a comma": {"contoso_regions": "1, 2, 3"},
    "upper-case uuids": {
        "contoso_projectid": PROJECT.upper(),
        "_contoso_operationid_value": OPERATION.upper(),
    },
    "lower-case t and z": {"contoso_lastreview": "2024-06-01t09:30:00z"},
    "nulls": {"contoso_regions": None, "contoso_logo": None, "contoso_lastreview": None},
}


@pytest.mark.parametrize("changes", OTHER_FORMS.values(), ids=OTHER_FORMS.keys())
def test_a_record_of_every_kind_of_column_loads_into_sqlite(seed: Replica, changes: Record) -> None:
    record = project(**changes)
    seed.valid("contoso_project", record)
    seed.into_sqlite([("backgroundoperation", operation()), ("contoso_project", record)])


@pytest.mark.parametrize("changes", OTHER_FORMS.values(), ids=OTHER_FORMS.keys())
def test_a_record_of_every_kind_of_column_loads_into_postgres(
    seed: Replica, postgres: PostgresServer, changes: Record
) -> None:
    record = project(**changes)
    seed.valid("contoso_project", record)
    seed.into_postgres(
        postgres, [("backgroundoperation", operation()), ("contoso_project", record)]
    )


def test_row_is_what_the_docs_say(seed: Replica) -> None:
    """Annotations and expansions out, _x_value in x, an image's bytes, a multi-select's two
    forms, uuids and date-times in one case."""
    schema = seed.schemas["contoso_project"]
    expanded = project(contoso_OperationId=operation(), **OTHER_FORMS["upper-case uuids"])
    values = ROW(expanded, schema)
    assert not any("@" in name for name in values)
    assert "contoso_OperationId" not in values
    assert values["contoso_operationid"] == OPERATION
    assert values["contoso_projectid"] == PROJECT
    assert values["contoso_logo"] == base64.b64decode(LOGO)
    assert ROW(project(contoso_regions="3, 1"), schema)["contoso_regions"] == "3,1"
    assert ROW(project(contoso_regions="3, 1"), schema, arrays=True)["contoso_regions"] == [3, 1]
    assert ROW(project(contoso_lastreview="2024-06-01t09:30:00z"), schema)[
        "contoso_lastreview"
    ] == ("2024-06-01T09:30:00Z")


def test_a_misspelt_property_is_an_error_not_a_dropped_value(seed: Replica) -> None:
    """query-data-web-api.md (formatted values) shows ``transactioncurrencyid_value``, the lookup
    without its leading underscore: the JSON Schema lets an undeclared property pass (responses
    carry annotations and inherited properties), so the row must refuse it, not lose it."""
    record = project(contoso_operationid_value=OPERATION)
    seed.valid("contoso_project", record)
    with pytest.raises(ValueError, match="contoso_operationid_value"):
        ROW(record, seed.schemas["contoso_project"])


def test_a_select_without_the_system_required_columns_is_no_row(seed: Replica) -> None:
    """A $select leaving out a NOT NULL column gives a valid record but no row: the docs say to
    select them for a replica (statecode here, SystemRequired)."""
    record = project(statecode=None, statuscode=None)
    seed.valid("contoso_project", record)
    with pytest.raises(sqlite3.IntegrityError, match="NOT NULL"):
        seed.into_sqlite([("backgroundoperation", operation()), ("contoso_project", record)])


# --- records of the doc pages, on the real pages of their tables --------------------------

LITWARE = "78914942-34cb-ed11-b596-0022481d68cd"
SUSANNA = "70bf4d48-34cb-ed11-b596-0022481d68cd"
OWNER = "4026be43-6b69-e111-8f65-78e7d1620f5e"


def owned(record: Record) -> Record:
    """The owner a replica row needs (SystemRequired), as ``$select=_ownerid_value`` adds it."""
    return {**record, "_ownerid_value": OWNER}


def page_rows() -> list[tuple[str, Record]]:
    """Records shaped like those of join-tables.md (account, its expanded primary contact and
    tasks), query-data-web-api.md (money, formatted values), retrieve-entity-using-web-api.md
    and web-api-functions-actions-sample.md (a note): parents first, as foreign keys need."""
    return [
        ("contact", owned({"contactid": SUSANNA, "fullname": "Susanna Stubberod (sample)",
                           "birthdate": "1980-02-29", "numberofchildren": 2})),
        ("account", owned({
            "@odata.etag": 'W/"80649578"', "accountid": LITWARE,
            "name": "Litware, Inc. (sample)", "_primarycontactid_value": SUSANNA,
            "revenue": 100000, "revenue@OData.Community.Display.V1.FormattedValue": "$100,000.00",
            "creditlimit": 1234.5678, "donotpostalmail": False, "accountratingcode": 1,
            "createdon": "2023-03-26T18:07:35Z",
            "primarycontactid": {"contactid": SUSANNA, "fullname": "Susanna Stubberod (sample)"},
        })),
        ("task", owned({
            "@odata.etag": 'W/"80649460"', "activityid": "f68393c1-34cb-ed11-b597-000d3a993550",
            "subject": "Task 1 for Litware", "_regardingobjectid_value": LITWARE,
            "activitytypecode": "task",
            "actualdurationminutes": 30, "scheduledend": "2023-03-27T00:00:00Z",
        })),
        ("annotation", owned({
            "annotationid": "e3b6a4c1-0d2f-4b5e-9a7c-1f2e3d4c5b6a", "subject": "Note title",
            "notetext": "Note text", "_objectid_value": SUSANNA, "isdocument": False,
        })),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def corpus(corpus_set: TableSet) -> Replica:
    return Replica(corpus_set)


@needs_shared
def test_records_of_the_doc_pages_load_into_sqlite(corpus: Replica) -> None:
    rows = page_rows()
    for table, record in rows:
        corpus.valid(table, record)
    corpus.into_sqlite(rows)


@needs_shared
def test_records_of_the_doc_pages_load_into_postgres(
    corpus: Replica, postgres: PostgresServer
) -> None:
    corpus.into_postgres(postgres, page_rows())


@needs_shared
def test_a_lookup_to_a_row_outside_the_replica_is_refused_at_commit(corpus: Replica) -> None:
    """retrieve-entity-using-web-api.md's account names a primary contact the page never shows:
    the docs say a replica holds what its lookups name; SQLite checks it at commit."""
    account = page_rows()[1]
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        corpus.into_sqlite([account])
