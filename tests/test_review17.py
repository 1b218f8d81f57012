"""Review 17: the later merges of the round (choice defaults, ``<LookupStyle>polymorphic``, a
shell's option relationships, evolve 8's lookup companions in the gate).

- The gate's ``lookup_companions`` (evolve 8) covered a companion joining a table
  SystemRequired, not one raised to it: a lookup's name (``<lookup>name``) or the table type of
  a polymorphic lookup (``owneridtype``, SystemRequired and among the writable columns on the
  2023 pages, ``IsValidForUpdate`` False on others) whose required level rose was
  ``required-raised``, breaking, and one no longer valid for create or update
  ``column-access-removed``, breaking, though no client sends it (the Web API carries it as an
  annotation of the lookup's ``_x_value``; Microsoft's EntityTypes of contact and
  ``adx_invitation`` have no ``owneridtype`` property) and the SQL stores it nullable whatever
  its level, so no request and no database breaks. Those facets of a companion are now
  ``facet-changed``; the lookup's own are unchanged.
- The round's choice defaults held a DefaultFormValue to the column's own options, where the
  JSON Schema holds it to the option set's: a global choice's, merged over the set. pnp's
  IncidentReporting custom activity ``csa_csIncident`` restates ``DeliveryPriorityCode`` with
  ``<AppDefaultValue>1`` and ``<OptionSetName>activitypointer_deliveryprioritycode``, a global
  choice the export does not hold; beside Microsoft's email page (DefaultFormValue 1 of the
  same global choice, options 0, 1, 2) its JSON Schema said ``default: 1`` and its SQL column
  had no DEFAULT, though the docs say the two are the same value and Dataverse stores 1 on a
  create that leaves it out (alone, neither said it). ``createdefaults.default_option`` now
  takes the value stated when the column lists no options to hold it to (its SQL column and
  JSON Schema take any integer then), and the JSON Schema asks it with the merged options; a
  value the listed options lack is still none.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import sqlite3
from pathlib import Path

import jsonschema
import pytest

from dvgen.config import Config
from dvgen.createdefaults import create_default
from dvgen.diagnostics import Diagnostics, Location
from dvgen.evolve.diff import diff_sets
from dvgen.evolve.migrate import migration_script
from dvgen.evolve.rules import RULES
from dvgen.lookups import POLYMORPHIC
from dvgen.model import Choice, Column, ColumnType, Table, TableSet
from dvgen.parse.yaml_spec import parse_yaml_spec
from dvgen.pipeline import Generation, generate
from dvgen.targets.sql.plan import plan_table
from tests.conftest import CORPUS, SHARED, needs_shared
from tests.solution_support import generate_unpacked
from tests.test_solutions_round23 import _whatsapp
from tests.test_sql_support import postgres_unavailable, render, shared_server

ITEM = """\
logical_name: contoso_item
schema_name: contoso_Item
entity_set_name: contoso_items
primary_id_attribute: contoso_itemid
primary_name_attribute: contoso_name
ownership_type: UserOwned
columns:
  - {{logical_name: contoso_itemid, type: Uniqueidentifier, required_level: SystemRequired}}
  - {{logical_name: contoso_name, type: String, max_length: 100}}
  - {{logical_name: ownerid, type: Owner, required_level: SystemRequired,
      targets: [systemuser, team]}}
  - {{logical_name: owneridtype, type: EntityName, required_level: {level},
      valid_for_create: {writable}, valid_for_update: {writable}}}
  - {{logical_name: contoso_partyid, type: Lookup, required_level: {level}, targets: [account]}}
  - {{logical_name: contoso_partyidname, type: String, required_level: {level},
      attribute_of: contoso_partyid}}
"""
"""A user-owned table with the owner's type companion and a lookup with its name companion."""

ID = "0b6e9c1e-1c7a-4d0e-9a53-3f1b2f0c6a11"
OWNER = "7d2f4e8a-8b1c-4f3d-a2e5-6c9b0d1e2f33"
BUSINESS_UNIT = "1e2d3c4b-5a69-4788-9aab-bccddeeff001"
PARTY = "2c1d4a3e-5b6f-4a7b-8c9d-0e1f2a3b4c5d"


def _item(level: str, writable: str) -> TableSet:
    diagnostics = Diagnostics()
    text = ITEM.format(level=level, writable=writable)
    table: Table = parse_yaml_spec(text, Location("specs/contoso_item.yaml"), diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    return TableSet((table,))


BEFORE = _item("None", "true")
AFTER = _item("SystemRequired", "false")


def test_a_companion_raised_to_system_required_or_made_read_only_breaks_nothing() -> None:
    """The companions' facets of what a client sends are ``facet-changed``; the lookup raised
    to SystemRequired is still ``required-raised`` (creates without it are refused)."""
    found = {c.path: c.rule for c in diff_sets(BEFORE, AFTER)}
    assert found == {
        ("columns", "contoso_partyid", "required_level"): "required-raised",
        ("columns", "contoso_partyidname", "required_level"): "facet-changed",
        ("columns", "owneridtype", "required_level"): "facet-changed",
        ("columns", "owneridtype", "valid_for_create"): "facet-changed",
        ("columns", "owneridtype", "valid_for_update"): "facet-changed",
    }
    assert not RULES["facet-changed"].breaking


def test_the_sql_of_the_raised_companions_takes_a_row_without_them() -> None:
    """Judged by SQLite: the new DDL takes a row that leaves both companions out (nullable
    whatever their level), and the migration from the old DDL changes nothing for them."""
    text, diagnostics = render(AFTER, "sqlite")
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.executescript(text)
    db.execute(
        "INSERT INTO contoso_item (contoso_itemid, ownerid, owningbusinessunit, contoso_partyid)"
        " VALUES (?, ?, ?, ?)",
        (ID, OWNER, BUSINESS_UNIT, PARTY),
    )
    row = db.execute("SELECT owneridtype, contoso_partyidname FROM contoso_item").fetchone()
    assert row == (None, None)
    for dialect in ("postgres", "sqlserver"):
        script = migration_script(BEFORE, AFTER, dialect, "before").text
        assert "owneridtype" not in script and "contoso_partyidname" not in script, script


INCIDENT = SHARED / "solutions/pnp__powerplatform-samples__IncidentReporting"
ACTIVITY = "csa_csincident"


def _generated(tmp_path: Path, with_email: bool) -> Generation:
    """IncidentReporting generated, with Microsoft's email page beside it or alone."""
    specs = tmp_path / "specs"
    shutil.copytree(INCIDENT, specs / INCIDENT.name)
    if with_email:
        shutil.copy(CORPUS / "email.md", specs / "email.md")
    diagnostics = Diagnostics()
    generation = generate(Config(specs=specs, out=tmp_path / "out", cache=False), diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics if d.severity.name == "ERROR"]
    return generation


def _schema_defaults(generation: Generation, table: str) -> dict[str, object]:
    schema = json.loads(generation.files[f"jsonschema/{table}.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    return {n: p["default"] for n, p in schema["properties"].items() if "default" in p}


@needs_shared
@pytest.mark.parametrize("with_email", [False, True], ids=["alone", "with-email-page"])
def test_a_global_choice_s_default_is_the_same_in_the_json_schema_and_the_sql(
    tmp_path: Path, with_email: bool
) -> None:
    """Judged by SQLite: a csa_csIncident row that leaves deliveryprioritycode out holds 1,
    what Dataverse stores, and the JSON Schema's default says the same, with or without a
    page listing the global choice's options."""
    generation = _generated(tmp_path, with_email)
    assert _schema_defaults(generation, ACTIVITY)["deliveryprioritycode"] == 1
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.executescript(generation.files["sql/sqlite/schema.sql"])
    stated = db.execute(
        f"SELECT dflt_value FROM pragma_table_info('{ACTIVITY}') "
        "WHERE name IN ('deliveryprioritycode', 'community') ORDER BY name"
    ).fetchall()
    assert stated == [(None,), ("1",)]  # community's AppDefaultValue is -1: none
    text = generation.files["sql/sqlserver/schema.sql"]
    assert f"CONSTRAINT [df_{ACTIVITY}_deliveryprioritycode] DEFAULT 1" in text
    if with_email:
        assert _schema_defaults(generation, "email")["deliveryprioritycode"] == 1


def _choice(options: tuple[Choice, ...], default: int) -> Column:
    return Column(
        "contoso_tier",
        "contoso_Tier",
        ColumnType.PICKLIST,
        global_choice_name="contoso_tier",
        default_form_value=default,
        choices=options,
    )


def test_a_default_is_held_to_the_options_listed_and_taken_as_stated_when_none_are() -> None:
    listed = (Choice(1, "Gold"), Choice(2, "Silver"))
    assert create_default(_choice((), 1)) == 1
    assert create_default(_choice((), -1)) is None
    assert create_default(_choice(listed, 2)) == 2
    assert create_default(_choice(listed, 7)) is None  # stale: nothing Dataverse could store


TIER = """logical_name: contoso_{name}
schema_name: contoso_{name}
entity_set_name: contoso_{name}s
primary_id_attribute: contoso_{name}id
primary_name_attribute: contoso_name
ownership_type: OrganizationOwned
columns:
  - {{logical_name: contoso_{name}id, type: Uniqueidentifier, required_level: SystemRequired}}
  - {{logical_name: contoso_name, type: String, max_length: 100}}
  - {{logical_name: contoso_tier, type: Picklist, global_choice_name: contoso_tier,
     default_form_value: 1{options}}}
"""
"""Two tables of one global choice: ``contoso_gold`` lists its options, ``contoso_plain``
none (as a solution's column of a global choice it does not export)."""


def _tiers() -> TableSet:
    tables = []
    for name, options in (("gold", ", choices: [{value: 1, label: Gold}]"), ("plain", "")):
        text = TIER.format(name=name, options=options)
        diagnostics = Diagnostics()
        tables.append(parse_yaml_spec(text, Location(f"specs/{name}.yaml"), diagnostics))
        assert not diagnostics.has_errors
    return TableSet(tuple(tables))


def test_postgres_fills_a_global_choice_s_default_whose_options_the_column_lacks() -> None:
    reason = postgres_unavailable()
    if reason is not None:
        pytest.skip(reason)
    import psycopg

    tiers = _tiers()
    plans = [plan_table(t, Diagnostics()) for t in tiers.tables]
    assert [plan.by_name["contoso_tier"].default for plan in plans] == [1, 1]
    text, _ = render(tiers, "postgres")
    server = shared_server()
    with psycopg.connect(server.dsn(server.create_database()), autocommit=True) as conn:
        conn.execute(text)
        conn.execute("INSERT INTO contoso_plain (contoso_plainid) VALUES (%s)", [ID])
        row = conn.execute("SELECT contoso_tier FROM contoso_plain").fetchone()
    assert row == (1,)


def _without_style(tables: TableSet) -> TableSet:
    """``tables`` as a dvgen before ``<LookupStyle>`` was read modelled them: no style kept."""
    return TableSet(
        tuple(
            dataclasses.replace(
                table,
                columns=tuple(
                    dataclasses.replace(c, extra=tuple(e for e in c.extra if e != POLYMORPHIC))
                    for c in table.columns
                ),
            )
            for table in tables.tables
        )
    )


def test_the_polymorphic_style_against_a_model_written_before_is_no_change_and_drops_the_key(
    tmp_path: Path,
) -> None:
    """The upgrade the CHANGELOG states: against the model an earlier dvgen wrote of the same
    export, ``diff`` lists no change (a facet one version leaves unstated is none) and the
    migration drops the foreign key, which keeps the rows; judged by PostgreSQL 15 when it is
    there, a channel instance of another provider's table is then taken. The way back is
    ``foreign-key-added``, breaking."""
    generation, diagnostics = generate_unpacked(tmp_path, "XgateWhatsAppChannel", _whatsapp())
    assert not diagnostics.has_errors
    new = generation.tables
    old = _without_style(new)
    assert diff_sets(old, new) == []
    assert [c.rule for c in diff_sets(new, old)] == ["foreign-key-added"]
    script = migration_script(old, new, "postgres", "before").text
    assert 'DROP CONSTRAINT "fk_msdyn_channelinstance_msdyn_extendedentityid"' in script
    if postgres_unavailable() is not None:
        return
    import psycopg

    old_ddl, _ = render(old, "postgres")
    server = shared_server()
    with psycopg.connect(server.dsn(server.create_database()), autocommit=True) as conn:
        conn.execute(old_ddl)
        conn.execute(script)
        conn.execute(
            'INSERT INTO "msdyn_channelinstance" ("msdyn_channelinstanceid", '
            '"msdyn_extendedentityid") VALUES (%s, %s)',
            (ID, PARTY),
        )
        count = conn.execute('SELECT count(*) FROM "msdyn_channelinstance"').fetchone()
    assert count == (1,)
