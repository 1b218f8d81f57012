"""The gate when a choice's options become known, or stop being known (docs/evolution.md).

pnp/powerplatform-samples IncidentReporting (26a6652f, ../shared/solutions): its export of
``csa_csIncident`` restates ``DeliveryPriorityCode`` naming Microsoft's global choice
``activitypointer_deliveryprioritycode`` and carries no ``OptionSets/`` file for it, so the
column lists no options: its JSON Schema and pydantic model take any integer, its SQL column no
CHECK (``choice-without-options``). Microsoft's email page (0658c019, ../shared/corpus) states
the choice's three options (Low 0, Normal 1, High 2); added beside the export, as the
``solution-base-missing`` warning asks, it gives the incident's column those three in every
target (``facets.OptionSets``), and so would a later export carrying the choice's file.

The faults: the email page added, the gate said nothing of the incident's column, though the
migration adds a CHECK; the export carrying the choice's file, it said ``option-added-closed``
three times, whose reason (the last version's records targets refuse the new values) is untrue:
they took any integer. Taken away again, the options were ``option-removed``, breaking, though
the targets then take any integer; and the export dropping the file while the email page still
states the options changed no target, yet the gate failed three times.

What breaks, held to the real targets: (a) a client of the last version, whose JSON Schema and
pydantic model took any integer, takes every record Dataverse returns (only the options:
Dataverse refuses any other value, ``PicklistValueOutOfRange`` 0x8004431A, "The picklist value
is out of the range", powerapps-docs ``developer/data-platform/includes/
data-service-error-codes.md``), and its writes were always checked against the same option
set; the OData type is Edm.Int32 in both. (b) A database created from the last version's DDL
receives the CHECK: rows Dataverse wrote pass it, but the last version's DDL let any number in,
and a row holding another one stops the migration (SQLite, PostgreSQL 15), as a MaxLength
stated where none was does (``length-narrowed``). So: ``options-stated-closed``, breaking for
databases only; with open choices no CHECK is added: ``options-stated``, safe. (c) The options
no longer stated: the targets take any integer, the migration drops the CHECK and keeps every
row, and Dataverse still returns only the options, which the last version takes:
``options-unstated``, safe.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import jsonschema
import pydantic
import pytest

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.evolve.diff import diff_sets
from dvgen.evolve.migrate import migration_script
from dvgen.model import Choice, Column, ColumnType, Table, TableSet
from dvgen.targets.odata.target import ODataTarget
from dvgen.targets.pydantic.target import PydanticTarget
from tests.conftest import NO_SHARED, SHARED
from tests.solution_support import manifest
from tests.test_evolve_migrate import pg_schema, sqlite_catalog, sqlite_db
from tests.test_evolve_unseen12 import (
    BREAKING,
    SAFE,
    Files,
    _column,
    _gate,
    _key,
    _own,
    _page,
    _properties,
    _roots,
    _string,
    _tables,
)
from tests.test_jsonschema_validators import render_schemas
from tests.test_pydantic import imported
from tests.test_sql_postgres import postgres  # noqa: F401 (the fixture)
from tests.test_sql_support import PostgresServer, render

# --- the export, the page, and the choice's file a later export would carry -------------------

DELIVERY_PRIORITY = """        <attribute PhysicalName="DeliveryPriorityCode">
          <Type>picklist</Type>
          <Name>deliveryprioritycode</Name>
          <LogicalName>deliveryprioritycode</LogicalName>
          <RequiredLevel>none</RequiredLevel>
          <DisplayMask>ValidForAdvancedFind|ValidForForm|ValidForGrid</DisplayMask>
          <ImeMode>auto</ImeMode>
          <ValidForUpdateApi>0</ValidForUpdateApi>
          <ValidForReadApi>1</ValidForReadApi>
          <ValidForCreateApi>1</ValidForCreateApi>
          <IsCustomField>0</IsCustomField>
          <IntroducedVersion>6.0.0.0</IntroducedVersion>
          <AppDefaultValue>1</AppDefaultValue>
          <OptionSetName>activitypointer_deliveryprioritycode</OptionSetName>
          <displaynames>
            <displayname description="Delivery Priority" languagecode="1033" />
          </displaynames>
          <Descriptions>
            <Description description="Priority of delivery of the activity to the email server." languagecode="1033" />
          </Descriptions>
        </attribute>
"""
"""pnp/powerplatform-samples IncidentReporting ``Entities/csa_csIncident/Entity.xml``
(26a6652f), its ``DeliveryPriorityCode``, cut to what dvgen reads."""

EMAIL_PAGE = _page(
    "Email",
    "02/15/2023",
    "Activity that is delivered using email protocols.",
    _properties("Email", "emails", "activityid", "subject", "Email"),
    {
        "ActivityId": _column("ActivityId", _key("Unique identifier of the email activity.", "Email Message", "activityid")),
        "DeliveryPriorityCode": _column(
            "DeliveryPriorityCode",
            "|Description|Select the priority of delivery of the email to the email server.|\n"
            "|DisplayName|Delivery Priority|\n|IsValidForForm|True|\n|IsValidForRead|True|\n"
            "|LogicalName|deliveryprioritycode|\n|RequiredLevel|None|\n|Type|Picklist|\n"
            "|DefaultFormValue|1|\n|GlobalChoiceName|activitypointer_deliveryprioritycode|",
            "\n#### DeliveryPriorityCode Choices/Options\n\n|Value|Label|\n|-----|-----|\n"
            "|0|Low|\n|1|Normal|\n|2|High|\n",
        ),
        "Subject": _column("Subject", _string("Type a short description about the objective or primary topic of the email.", "Subject", "subject", 400, "None")),
    },
    {},
)  # fmt: skip
"""Microsoft's email page (0658c019, ../shared/corpus/email.md), cut to three columns, in the
2023 layout."""

CHOICE_FILE = """<?xml version="1.0" encoding="utf-8"?>
<optionset Name="activitypointer_deliveryprioritycode" localizedName="Delivery Priority" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <OptionSetType>picklist</OptionSetType>
  <IsGlobal>1</IsGlobal>
  <IntroducedVersion>6.0.0.0</IntroducedVersion>
  <IsCustomizable>1</IsCustomizable>
  <displaynames>
    <displayname description="Delivery Priority" languagecode="1033" />
  </displaynames>
  <options>
    <option value="0" ExternalValue="">
      <labels><label description="Low" languagecode="1033" /></labels>
    </option>
    <option value="1" ExternalValue="">
      <labels><label description="Normal" languagecode="1033" /></labels>
    </option>
    <option value="2" ExternalValue="">
      <labels><label description="High" languagecode="1033" /></labels>
    </option>
  </options>
</optionset>
"""
"""``OptionSets/activitypointer_deliveryprioritycode.xml`` as an export that adds the global
choice to the solution writes it (the layout of IncidentReporting's ``csa_severity.xml``),
with the email page's options."""

COLUMN = "csa_csincident.columns.deliveryprioritycode"
OPTIONS = (0, 1, 2)


def _incidents(page: bool = False, choice_file: bool = False) -> Files:
    """The export's incident table (its key, its name, the delivery priority), with the email
    page beside it, and the choice's file in it, or not."""
    choices = ("activitypointer_deliveryprioritycode",) if choice_file else ()
    files = {
        "sol/Other/Solution.xml": manifest(
            "IncidentReporting", "csa", 10000, _roots({"csa_csIncident": 0}, choices)
        ),
        "sol/Entities/csa_csIncident/Entity.xml": _own("csa_csIncident", "csa", DELIVERY_PRIORITY),
    }
    if choice_file:
        files["sol/OptionSets/activitypointer_deliveryprioritycode.xml"] = CHOICE_FILE
    if page:
        files["email.md"] = EMAIL_PAGE
    return files


def _of_the_column(changes: dict[str, tuple[str, bool]]) -> dict[str, tuple[str, bool]]:
    return {path: rule for path, rule in changes.items() if path.startswith(COLUMN)}


def _each(rule: str, breaking: bool) -> dict[str, tuple[str, bool]]:
    return {f"{COLUMN}.choices.{value}": (rule, breaking) for value in OPTIONS}


# --- the verdicts ------------------------------------------------------------------------------


def test_the_page_stating_the_options_breaks_databases_only(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The email page added: the incident's column takes its three options in every target,
    which the gate listed nowhere before; now each is ``options-stated-closed``, breaking for
    databases only, read at the column's line in the export (it names the choice)."""
    code, out, changes = _gate(workdir, capsys, _incidents(), _incidents(page=True))
    assert _of_the_column(changes) == _each("options-stated-closed", BREAKING)
    assert code == 1
    assert "option-added" not in out
    line = _line_of(_incidents()["sol/Entities/csa_csIncident/Entity.xml"], "DeliveryPriorityCode")
    assert f"specs/sol/Entities/csa_csIncident/Entity.xml:{line}: options-stated-closed:" in out
    assert "breaking for databases only" in out


def test_the_export_carrying_the_choice_states_them_alike(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A later export carrying the choice's file: the same three, not ``option-added-closed``
    (whose reason, that the last version refuses the new values, is untrue), each read at its
    line in the choice's file."""
    _, out, changes = _gate(workdir, capsys, _incidents(), _incidents(choice_file=True))
    assert _of_the_column(changes) == _each("options-stated-closed", BREAKING)
    assert "option-added-closed" not in out
    for value in OPTIONS:
        line = _line_of(CHOICE_FILE, f'option value="{value}"')
        file = "specs/sol/OptionSets/activitypointer_deliveryprioritycode.xml"
        assert f"{file}:{line}: options-stated-closed: {COLUMN}.choices.{value} " in out


def test_open_choices_take_the_stated_options_safely(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With ``choices = "open"`` no target checks the values (no SQL CHECK, the JSON Schema's
    ``anyOf`` of any integer): ``options-stated``, safe; the gate passes."""
    code, _, changes = _gate(
        workdir, capsys, _incidents(), _incidents(page=True), 'choices = "open"\n'
    )
    assert _of_the_column(changes) == _each("options-stated", SAFE)
    assert code == 0


@pytest.mark.parametrize("source", ["page", "choice_file"])
def test_options_no_longer_stated_remove_none(
    workdir: Path, capsys: pytest.CaptureFixture[str], source: str
) -> None:
    """The page, or the choice's file, taken away: ``options-unstated``, safe, not
    ``option-removed`` (the targets take any integer, Dataverse returns the same values)."""
    stated = _incidents(**{source: True})
    code, out, changes = _gate(workdir, capsys, stated, _incidents())
    assert _of_the_column(changes) == _each("options-unstated", SAFE)
    assert "option-removed" not in out
    if source == "choice_file":
        assert code == 0


def test_the_same_options_stated_elsewhere_are_no_change(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The export drops the choice's file while the email page still states the options: the
    targets give the column the same three, so nothing of it changed (it was three
    ``option-removed`` before), and the gate passes."""
    both = _incidents(page=True, choice_file=True)
    code, _, changes = _gate(workdir, capsys, both, _incidents(page=True))
    assert _of_the_column(changes) == {}
    assert code == 0


def test_options_of_a_column_that_states_its_own_still_compare_as_before(
    tmp_path: Path,
) -> None:
    """A column listing its options in both versions is compared by its own: an option added
    to the choice's file is ``option-added`` (closed by the gate's setting), not stated."""
    grown = CHOICE_FILE.replace(
        "  </options>",
        '    <option value="3" ExternalValue="">\n'
        '      <labels><label description="Urgent" languagecode="1033" /></labels>\n'
        "    </option>\n  </options>",
    )
    old = _tables(tmp_path / "old", _incidents(choice_file=True))
    files = _incidents(choice_file=True)
    files["sol/OptionSets/activitypointer_deliveryprioritycode.xml"] = grown
    new = _tables(tmp_path / "new", files)
    rules = {c.where: c.rule for c in diff_sets(old, new)}
    assert rules == {f"{COLUMN}.choices.3": "option-added"}


# --- held to the real targets ------------------------------------------------------------------


def test_the_last_version_takes_every_value_dataverse_returns(tmp_path: Path) -> None:
    """(a) and (c): the version without the options takes any integer (jsonschema, an imported
    pydantic model), the one with them takes the three Dataverse stores and refuses another;
    so each version takes every record the other's Dataverse returns."""
    values = (*OPTIONS, None)
    for page in (False, True):
        tables = _tables(tmp_path / f"specs{page}", _incidents(page=page))
        schema = render_schemas(tables)["csa_csincident.schema.json"]
        validator = jsonschema.Draft202012Validator(schema)
        package = f"incident_{int(page)}"
        files = PydanticTarget(Config(pydantic_package=package)).render(tables, Diagnostics())
        with imported(files, tmp_path / f"pkg{page}", package) as module:
            for value in values:
                record = {"deliveryprioritycode": value}
                assert validator.is_valid(record), (page, value)
                module.CsaCsIncident.model_validate(record)
            other = {"deliveryprioritycode": 7}
            assert validator.is_valid(other) is not page
            if page:
                with pytest.raises(pydantic.ValidationError):
                    module.CsaCsIncident.model_validate(other)
            else:
                module.CsaCsIncident.model_validate(other)


def test_the_odata_entity_type_is_the_same(tmp_path: Path) -> None:
    """The Web API's $metadata types a choice Edm.Int32, options known or not: the incident's
    EntityType is the same text in both versions."""
    found = []
    for page in (False, True):
        tables = _tables(tmp_path / f"specs{page}", _incidents(page=page))
        metadata = ODataTarget(Config()).render(tables, Diagnostics())["metadata.xml"]
        entity = re.search(r'<EntityType Name="csa_csincident".*?</EntityType>', metadata, re.S)
        assert entity is not None
        found.append(entity.group(0))
    assert found[0] == found[1]
    assert '<Property Name="deliveryprioritycode" Type="Edm.Int32"' in found[0]


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def _versions(tmp_path: Path) -> tuple[TableSet, TableSet]:
    return (
        _tables(tmp_path / "old", _incidents()),
        _tables(tmp_path / "new", _incidents(page=True)),
    )


INSERT = "INSERT INTO csa_csincident (csa_csincidentid, csa_name, deliveryprioritycode) VALUES "
ROW = "('7f1d7b0e-4c4e-4a54-9d1b-2b6f0e7c1a01', 'Flood', {})"


def test_sqlite_the_check_keeps_dataverses_rows_and_stops_on_another_number(
    tmp_path: Path,
) -> None:
    """(b) on SQLite: the last version's database with a row Dataverse wrote (High, 2) migrates
    to the catalog of the new DDL keeping it; with a row of a number Dataverse never stores
    but the last version's DDL took (7), the migration stops and leaves the database as it
    was; the way back drops the CHECK keeping the rows."""
    old, new = _versions(tmp_path)
    assert "CHECK" not in _column_sql(render(old, "sqlite")[0])
    assert "IN (0, 1, 2)" in _column_sql(render(new, "sqlite")[0])
    script = migration_script(old, new, "sqlite", "old").text
    kept = sqlite_db(render(old, "sqlite")[0])
    kept.execute(INSERT + ROW.format(2))
    kept.executescript(script)
    assert sqlite_catalog(kept) == sqlite_catalog(sqlite_db(render(new, "sqlite")[0]))
    assert kept.execute("SELECT deliveryprioritycode FROM csa_csincident").fetchall() == [(2,)]
    stopped = sqlite_db(render(old, "sqlite")[0])
    stopped.execute(INSERT + ROW.format(7))
    before = sqlite_catalog(stopped)
    with pytest.raises(sqlite3.IntegrityError, match="deliveryprioritycode"):
        stopped.executescript(script)
    if stopped.in_transaction:
        stopped.execute("ROLLBACK")
    assert sqlite_catalog(stopped) == before
    assert stopped.execute("SELECT deliveryprioritycode FROM csa_csincident").fetchall() == [(7,)]
    back = migration_script(new, old, "sqlite", "new").text
    kept.executescript(back)
    assert sqlite_catalog(kept) == sqlite_catalog(sqlite_db(render(old, "sqlite")[0]))
    assert kept.execute("SELECT deliveryprioritycode FROM csa_csincident").fetchall() == [(2,)]


def test_postgres_the_check_keeps_dataverses_rows_and_stops_on_another_number(
    tmp_path: Path,
    postgres: PostgresServer,  # noqa: F811
) -> None:
    """(b) on PostgreSQL 15: the same, the added CHECK validating the rows there are."""
    import psycopg

    old, new = _versions(tmp_path)
    script = migration_script(old, new, "postgres", "old").text
    with psycopg.connect(postgres.dsn(postgres.create_database()), autocommit=True) as pg:
        pg_schema(pg, "old", render(old, "postgres")[0])
        pg.execute(INSERT + ROW.format(2))
        pg.execute(script)
        pg.execute("SET search_path TO old")
        found = pg.execute("SELECT deliveryprioritycode FROM csa_csincident").fetchall()
        assert found == [(2,)]
        with pytest.raises(psycopg.errors.CheckViolation):
            pg.execute(INSERT + ROW.replace("7f1d", "8f1d").format(7))
        back = migration_script(new, old, "postgres", "new").text
        pg.execute(back)
        pg.execute("SET search_path TO old")
        pg.execute(INSERT + ROW.replace("7f1d", "9f1d").format(7))
        pg_schema(pg, "other", render(old, "postgres")[0])
        pg.execute(INSERT + ROW.format(7))
        with pytest.raises(psycopg.errors.CheckViolation, match="deliveryprioritycode"):
            pg.execute(script)
        pg.execute("ROLLBACK")  # the script's transaction, as psql -v ON_ERROR_STOP=1 leaves it
        pg.execute("SET search_path TO other")
        assert "ck_csa_csincident_deliveryprioritycode" not in str(
            pg.execute("SELECT conname FROM pg_constraint").fetchall()
        )
        found = pg.execute("SELECT deliveryprioritycode FROM csa_csincident").fetchall()
        assert found == [(7,)]


def _column_sql(script: str) -> str:
    return next(line for line in script.splitlines() if '"deliveryprioritycode"' in line)


def test_the_export_is_incident_reportings() -> None:
    """The inline column is the real export's, cut to what dvgen reads."""
    real = SHARED / "solutions/pnp__powerplatform-samples__IncidentReporting"
    if not real.is_dir():
        pytest.skip(NO_SHARED)
    text = (real / "Entities/csa_csIncident/Entity.xml").read_text(encoding="utf-8-sig")
    for line in DELIVERY_PRIORITY.splitlines():
        assert line in text, line
    assert not (real / "OptionSets/activitypointer_deliveryprioritycode.xml").exists()
    page = (SHARED / "corpus/email.md").read_text(encoding="utf-8")
    assert "|GlobalChoiceName|`activitypointer_deliveryprioritycode`|" in page
    for value, label in zip(OPTIONS, ("Low", "Normal", "High"), strict=True):
        assert f"|{value}|**{label}**|" in page


# --- a choice of several values, and a column whose options the other table lists ------------


def _multi(kind: ColumnType, listed: bool) -> tuple[Table, Table]:
    """Two tables whose columns of ``kind`` name one global choice: ``contoso_b``'s lists none,
    ``contoso_a``'s lists two options when ``listed`` (else it lists none either)."""
    options = (Choice(1, "Red"), Choice(2, "Blue")) if listed else ()
    tables = []
    for name, choices in (("contoso_a", options), ("contoso_b", ())):
        column = Column(
            "contoso_colours", "contoso_Colours", kind, global_choice_name="contoso_colour",
            choices=choices,
        )  # fmt: skip
        key = Column(f"{name}id", f"{name}Id", ColumnType.UNIQUEIDENTIFIER)
        tables.append(
            Table(name, name, entity_set_name=f"{name}s", primary_id_attribute=f"{name}id",
                  columns=(key, column))
        )  # fmt: skip
    return tables[0], tables[1]


@pytest.mark.parametrize("kind", [ColumnType.PICKLIST, ColumnType.MULTI_SELECT_PICKLIST])
def test_a_column_takes_the_options_another_table_states(kind: ColumnType) -> None:
    """A Picklist or a MultiSelectPicklist: the other table's column comes to list the global
    choice's options, and the column that lists none takes them too (its JSON Schema, its SQL
    CHECK): both are ``options-stated``; the way back ``options-unstated``."""
    before, after = TableSet(_multi(kind, False)), TableSet(_multi(kind, True))
    stated = {c.where: c.rule for c in diff_sets(before, after)}
    assert stated == {
        f"{table}.columns.contoso_colours.choices.{value}": "options-stated"
        for table in ("contoso_a", "contoso_b")
        for value in (1, 2)
    }
    unstated = {c.where: c.rule for c in diff_sets(after, before)}
    assert set(unstated.values()) == {"options-unstated"}
    assert unstated.keys() == stated.keys()
    value = 2 if kind is ColumnType.PICKLIST else "1,2"
    other = 7 if kind is ColumnType.PICKLIST else "1,7"
    for tables, takes_other in ((before, True), (after, False)):
        validator = jsonschema.Draft202012Validator(render_schemas(tables)["contoso_b.schema.json"])
        assert validator.is_valid({"contoso_colours": value})
        assert validator.is_valid({"contoso_colours": other}) is takes_other
