"""A Dataverse expert's acceptance review: what it found wrong, each shown by a test that fails
without its fix.

- A ``.zip`` in the specs folder that is no zip (a text file, an HTML page a failed download
  saved) was read as dvgen's own bundle format: an internal error (exit 3), not a ``file``
  error (``solution.folder.unbundle``).
- A hand-written schema name that is not the logical name in other case was accepted, though
  Dataverse makes a LogicalName the SchemaName in lower case (``AttributeMetadata``), and the
  Web API names a custom lookup's navigation property by it (``parse.authoring``).
- A date or time before 1753 passed every target, though "all date and time columns in
  Dataverse support values as early as 1/1/1753" (behavior-format-date-time-attribute.md) and
  no earlier: the JSON Schema, the pydantic model and the SQL of each dialect now refuse it.
"""

from __future__ import annotations

import importlib
import json
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pydantic
import pytest
import sqlglot
from jsonschema import Draft202012Validator

from tests.conftest import run, settings
from tests.test_faults import snapshot
from tests.test_sql_postgres import connect, insert, postgres  # noqa: F401 (the fixture)
from tests.test_sql_support import PostgresServer

ID = "5531d753-95af-e711-a94e-000d3a11e605"

TEXT_ZIPS = {
    "lines": "\n".join(map(str, range(200))) + "\n",
    "a long line": "x" * 300 + "\n",
    "an HTML page": "<!DOCTYPE html>\n<html><body>Sign in to continue</body></html>\n",
    "two words": "hello\n",
}


@pytest.mark.parametrize("content", TEXT_ZIPS.values(), ids=TEXT_ZIPS.keys())
def test_a_zip_that_is_text_is_an_error_naming_the_file(
    project: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    assert run(capsys, "generate")[0] == 0
    before = snapshot(project / "generated")
    (project / "specs" / "solution.zip").write_text(content, encoding="utf-8")
    code, _, err = run(capsys, "generate")
    assert code == 2
    assert err == "specs/solution.zip: error: not a readable .zip: File is not a zip file\n"
    assert snapshot(project / "generated") == before


WIDGET = """\
logical_name: new_widget
schema_name: {table}
entity_set_name: new_widgets
primary_id_attribute: new_widgetid
columns:
  - {{logical_name: new_widgetid, type: Uniqueidentifier}}
  - {{logical_name: new_ownerid, schema_name: {column}, type: Integer}}
"""


def test_a_schema_name_that_is_not_the_logical_name_in_other_case_is_an_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = project / "specs" / "new_widget.yaml"
    spec.write_text(WIDGET.format(table="new_Widget", column="new_OwnerId"), encoding="utf-8")
    assert run(capsys, "generate")[0] == 0
    spec.write_text(WIDGET.format(table="new_Gadget", column="new_Owner"), encoding="utf-8")
    code, _, err = run(capsys, "generate")
    assert code == 2
    lines = err.splitlines()
    assert lines[0].startswith(
        "specs/new_widget.yaml:2: error: table 'new_widget': schema_name 'new_Gadget' is not "
        "'new_widget' in other case"
    )
    assert lines[1].startswith(
        "specs/new_widget.yaml:7: error: column 'new_ownerid': schema_name 'new_Owner' is not "
        "'new_ownerid' in other case"
    )
    assert lines[1].endswith("or logical_name: new_owner")
    assert len(lines) == 2


def test_a_customization_s_added_column_is_held_to_it_too(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "specs" / "more.yaml").write_text(
        "customizes: contoso_project\n"
        "columns:\n"
        "  - {logical_name: contoso_size, schema_name: contoso_Width, type: Integer}\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "generate")
    assert code == 2
    assert err.startswith("specs/more.yaml:3: error: column 'contoso_size': schema_name ")


DATES = """\
logical_name: new_event
schema_name: new_Event
entity_set_name: new_events
primary_id_attribute: new_eventid
columns:
  - {logical_name: new_eventid, type: Uniqueidentifier}
  - {logical_name: new_day, type: DateTime, date_time_behavior: DateOnly, format: DateOnly}
  - {logical_name: new_at, type: DateTime, date_time_behavior: UserLocal}
  - {logical_name: new_wall, type: DateTime, date_time_behavior: TimeZoneIndependent}
"""

EARLIEST = {
    "new_day": "1753-01-01",
    "new_at": "1753-01-01T00:00:00Z",
    "new_wall": "1753-01-01T00:00:00Z",
}
TOO_EARLY = {
    "new_day": "1752-12-31",
    "new_at": "1752-12-31T23:59:59Z",
    "new_wall": "0001-01-01T00:00:00Z",
}


@pytest.fixture()
def events(project: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Path]:
    """The project with a table of one column per date and time behavior, generated."""
    (project / "specs" / "new_event.yaml").write_text(DATES, encoding="utf-8")
    settings(project, 'pydantic-package = "review3_models"')
    assert run(capsys, "generate")[0] == 0
    yield project / "generated"
    for name in [m for m in sys.modules if m.split(".")[0] == "review3_models"]:
        del sys.modules[name]


def _models(generated: Path) -> ModuleType:
    sys.path.insert(0, str(generated / "pydantic"))
    try:
        return importlib.import_module("review3_models.new_event")
    finally:
        sys.path.remove(str(generated / "pydantic"))


def test_a_date_before_1753_is_refused_by_the_json_schema_and_the_pydantic_model(
    events: Path,
) -> None:
    schema = json.loads((events / "jsonschema" / "new_event.schema.json").read_text())
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    model: Any = _models(events).NewEvent
    for name, earliest in EARLIEST.items():
        record = {"new_eventid": ID, name: earliest}
        assert list(validator.iter_errors(record)) == []
        assert model.model_validate(record).model_dump(by_alias=True, mode="json",
                                                       exclude_unset=True) == record  # fmt: skip
        early = {"new_eventid": ID, name: TOO_EARLY[name]}
        assert not validator.is_valid(early), name
        with pytest.raises(pydantic.ValidationError, match="1753 or later"):
            model.model_validate(early)
    ours = schema["properties"]["new_day"]["pattern"]
    theirs = model.model_json_schema()["properties"]["new_day"]
    assert ours in json.dumps(theirs)


def test_a_date_before_1753_is_refused_by_sqlite(events: Path) -> None:
    database = sqlite3.connect(":memory:")
    database.executescript((events / "sql" / "sqlite" / "schema.sql").read_text())
    columns = ", ".join(EARLIEST)
    database.execute(f"INSERT INTO new_event (new_eventid, {columns}) VALUES (?, ?, ?, ?)",
                     (ID, *EARLIEST.values()))  # fmt: skip
    for name, value in TOO_EARLY.items():
        with pytest.raises(sqlite3.IntegrityError, match=f"ck_new_event_{name}"):
            database.execute(f"UPDATE new_event SET {name} = ?", (value,))


def test_a_date_before_1753_is_refused_by_postgresql(
    events: Path,
    postgres: PostgresServer,  # noqa: F811 (the fixture)
) -> None:
    from psycopg import errors

    conn = connect(postgres, (events / "sql" / "postgres" / "schema.sql").read_text())
    insert(conn, "new_event", {"new_eventid": ID, **EARLIEST})
    for name, value in TOO_EARLY.items():
        with pytest.raises(errors.CheckViolation, match=f"ck_new_event_{name}"):
            conn.execute(f"UPDATE new_event SET {name} = %s", (value,))


def test_sql_server_checks_each_date_column_against_1753(events: Path) -> None:
    text = (events / "sql" / "sqlserver" / "schema.sql").read_text()
    checked = {
        check.find(sqlglot.exp.Column).name: check.expression.name
        for check in sqlglot.parse_one(
            text[text.index("CREATE TABLE [dbo].[new_event]") :].split(";")[0], read="tsql"
        ).find_all(sqlglot.exp.GTE)
    }
    assert checked == {
        "new_day": "1753-01-01",
        "new_at": "1753-01-01T00:00:00Z",
        "new_wall": "1753-01-01T00:00:00",
    }
