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
"""

from __future__ import annotations

import sqlite3

from dvgen.diagnostics import Diagnostics, Location
from dvgen.evolve.diff import diff_sets
from dvgen.evolve.migrate import migration_script
from dvgen.evolve.rules import RULES
from dvgen.model import Table, TableSet
from dvgen.parse.yaml_spec import parse_yaml_spec
from tests.test_sql_support import render

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
