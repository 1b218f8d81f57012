"""Review 20: what the merges of the round left inconsistent between targets.

- The SQL CHECK of a choice column takes its option set's options (a global choice's, merged
  over the set: ``webapi.facets.OptionSets``, since a61138d), but the label tables
  (``sql-label-tables``) still held each column's own: a column of a global choice listing none
  (IncidentReporting's ``csa_csIncident.deliveryprioritycode`` beside the email page) stored
  0 to 2 with no label for any of them, and ``GlobalOptionsetMetadata`` disagreed with the
  column's CHECK.
- An EntityName column's MaxLength, where one is stated, was enforced by the pydantic model
  (``max_length``) and the SQL column but not by the JSON Schema, though ``evolve.enforced``
  and docs/evolution.md count it among the bounds both record targets enforce.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.model import Choice, Column, ColumnType, Table, TableSet
from dvgen.targets.jsonschema.target import JsonSchemaTarget
from dvgen.targets.pydantic.target import PydanticTarget
from dvgen.targets.sql.target import SqlTarget
from tests.conftest import resolve_clean
from tests.test_global_choice_unlisted import LISTED, _table
from tests.test_pydantic import column
from tests.test_sql_postgres import connect, postgres  # noqa: F401 (the fixture)


def test_the_label_tables_hold_the_options_the_check_takes() -> None:
    """beta's ``priority`` lists no option of ``shared_priority``; alpha lists three. beta's
    CHECK takes 0 to 2 (as its JSON Schema and pydantic model), so the label table holds their
    labels for beta as for alpha; a local choice and a yes/no column keep their own."""
    tables = resolve_clean(
        [_table("alpha", "shared_priority", LISTED), _table("beta", "shared_priority", ())]
    )
    diagnostics = Diagnostics()
    files = SqlTarget(Config(sql_label_tables=True)).render(tables, diagnostics)
    db = sqlite3.connect(":memory:")
    db.executescript(files["sqlite/schema.sql"])
    db.execute(
        "INSERT INTO beta (betaid, priority) VALUES ('00000000-0000-0000-0000-00000000000b', 2)"
    )
    with_labels = db.execute(
        'SELECT "EntityName", "Option", "LocalizedLabel", "GlobalOptionSetName" '
        'FROM "GlobalOptionsetMetadata" ORDER BY 1, 2'
    ).fetchall()
    assert with_labels == [
        (table, value, label, "shared_priority")
        for table in ("alpha", "beta")
        for value, label in ((0, "Low"), (1, "Normal"), (2, "High"))
    ]
    stored = db.execute(
        'SELECT b.priority, m."LocalizedLabel" FROM beta b JOIN "GlobalOptionsetMetadata" m '
        "ON m.\"EntityName\" = 'beta' AND m.\"OptionSetName\" = 'priority' "
        'AND m."Option" = b.priority'
    ).fetchall()
    assert stored == [(2, "High")]


def test_the_label_tables_hold_them_on_postgres(postgres: Any) -> None:  # noqa: F811
    """The same on a real PostgreSQL 15 server: beta's stored 2 joins its label."""

    tables = resolve_clean(
        [_table("alpha", "shared_priority", LISTED), _table("beta", "shared_priority", ())]
    )
    files = SqlTarget(Config(sql_label_tables=True)).render(tables, Diagnostics())
    with connect(postgres, files["postgres/schema.sql"]) as conn:
        conn.execute(
            "INSERT INTO beta (betaid, priority) VALUES ('00000000-0000-0000-0000-00000000000b', 2)"
        )
        found = conn.execute(
            'SELECT m."LocalizedLabel" FROM beta b JOIN "GlobalOptionsetMetadata" m '
            "ON m.\"EntityName\" = 'beta' AND m.\"OptionSetName\" = 'priority' "
            'AND m."Option" = b.priority'
        ).fetchall()
        assert found == [("High",)]


def test_a_local_choice_and_a_yes_no_column_keep_their_own_labels() -> None:
    local = Choice(5, "Five")
    table = Table(
        logical_name="gamma",
        schema_name="Gamma",
        primary_id_attribute="gammaid",
        columns=(
            column("gammaid", ColumnType.UNIQUEIDENTIFIER),
            column("kind", ColumnType.PICKLIST, "Kind", choices=(local,)),
            column("done", ColumnType.BOOLEAN, "Done", choices=(Choice(0, "No"), Choice(1, "Yes"))),
        ),
    )
    files = SqlTarget(Config(sql_label_tables=True)).render(resolve_clean([table]), Diagnostics())
    db = sqlite3.connect(":memory:")
    db.executescript(files["sqlite/schema.sql"])
    rows = db.execute(
        'SELECT "OptionSetName", "Option", "LocalizedLabel" FROM "OptionsetMetadata" ORDER BY 1, 2'
    ).fetchall()
    assert rows == [("done", 0, "No"), ("done", 1, "Yes"), ("kind", 5, "Five")]


def test_an_entity_names_max_length_is_enforced_by_both_record_targets() -> None:
    """A page may state a MaxLength for an EntityName column (the page parser reads it for any
    type; a hand-written spec may not: ``authoring``); pydantic's ``max_length`` enforced it,
    the JSON Schema did not, so a widening was breaking for one and not the other."""
    import jsonschema

    table = Table(
        logical_name="delta",
        schema_name="Delta",
        primary_id_attribute="deltaid",
        columns=(
            column("deltaid", ColumnType.UNIQUEIDENTIFIER),
            column("objecttypecode", ColumnType.ENTITY_NAME, "Object Type", max_length=20),
        ),
    )
    tables = resolve_clean([table])
    diagnostics = Diagnostics()
    files = JsonSchemaTarget(Config()).render(tables, diagnostics)
    schema = json.loads(files["delta.schema.json"])
    assert schema["properties"]["objecttypecode"]["maxLength"] == 20
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid({"objecttypecode": "account"})
    assert not validator.is_valid({"objecttypecode": "x" * 21})
    models = PydanticTarget(Config()).render(tables, diagnostics)
    assert any("max_length=20" in text for text in models.values())


def _ranged(**bounds: int | float) -> TableSet:
    def ranged(name: str, kind: ColumnType) -> Column:
        stated = {k.split(".")[1]: v for k, v in bounds.items() if k.startswith(name + ".")}
        return column(name, kind, name.title(), **stated)

    table = Table(
        logical_name="eps",
        schema_name="Eps",
        primary_id_attribute="epsid",
        columns=(
            column("epsid", ColumnType.UNIQUEIDENTIFIER),
            ranged("count", ColumnType.INTEGER),
            ranged("rate", ColumnType.DECIMAL),
            ranged("floor", ColumnType.INTEGER),
        ),
    )
    return resolve_clean([table])


def test_a_range_stated_at_the_types_own_bound_is_no_change() -> None:
    """A MinValue one version leaves unstated is the type's bound to every target (the JSON
    Schema's ``minimum``, pydantic's ``ge``, the SQL CHECK: ``facets.number_range``). Stating
    an Integer's -2147483648, or a Decimal's -1E12 (beyond its -1E11), was ``range-narrowed``,
    breaking, comparing with no bound at all, though no target changed; stating 5 narrows and
    dropping it widens as before."""
    from dvgen.evolve.diff import diff_sets

    old = _ranged()
    new = _ranged(**{"count.min_value": -2147483648, "rate.min_value": -1e12, "floor.min_value": 5})
    found = {c.where: c.rule for c in diff_sets(old, new)}
    assert found == {"eps.columns.floor.min_value": "range-narrowed"}
    assert {c.where: c.rule for c in diff_sets(new, old)} == {
        "eps.columns.floor.min_value": "range-widened"
    }
    schemas = [
        json.loads(JsonSchemaTarget(Config()).render(tables, Diagnostics())["eps.schema.json"])
        for tables in (old, new)
    ]
    for name in ("count", "rate"):
        assert schemas[0]["properties"][name] == schemas[1]["properties"][name]
