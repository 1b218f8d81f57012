"""Faults found reviewing the commits after 3885194 (review 11), each with the case that shows it.

- SQLite: a UserLocal column made TimeZoneIndependent kept a value written with an offset as
  written (``2026-01-16T01:30:00+02:00``, 01:30 wall clock), where Dataverse keeps it at UTC
  and the PostgreSQL migration reads it at UTC (23:30 on the 15th).
- The gate and ``dvgen diff`` placed an option removed from a solution's global choice at the
  line of the column that only names the choice (``Entities/Email/Entity.xml``, unchanged),
  the fault f230c2e fixed for an option added: now at the choice's file, ``OptionSets/``.
- The gate called a many-to-many relationship of the same name joining another table (or
  through another intersect table) a safe facet-changed, the fault 55d234d fixed for a
  one-to-many: its collection navigation property now lists rows of another table.
- PostgreSQL: a text column made a DateTime (UserLocal) read each text as a wall clock at UTC,
  dropping the offset it states (5eba398's cast: ``2026-01-16T01:30:00+02:00`` became 01:30
  UTC, not 23:30 on the 15th); only a date or wall-clock column is read at UTC.
- A solution layer's ``<HasRelatedActivities>True`` on an activity (the activities-refused
  warning of d103ffc) was reported at the table's line, not at the element's own line, as a
  customization's ``has_activities`` is.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from dvgen.diagnostics import Diagnostics
from dvgen.evolve.diff import diff_sets
from dvgen.evolve.migrate import migration_script
from dvgen.model import (
    ColumnType,
    DateTimeBehavior,
    ManyToManyRelationship,
    ManyToManySide,
    Relationships,
    Table,
    TableSet,
)
from dvgen.resolve import resolve
from tests.solution_support import layered
from tests.test_custom_activity import SMS, _export
from tests.test_evolve_migrate import pg_catalog, pg_schema, sqlite_catalog, sqlite_db
from tests.test_evolve_unseen4 import CATEGORY_9A8EC73, CATEGORY_FILE, _behaviours, _gate, _line
from tests.test_odata_support import col, table
from tests.test_sql_postgres import postgres  # noqa: F401 (the fixture)
from tests.test_sql_support import PostgresServer, render

ROWS = (
    ("00000000-0000-4000-8000-000000000001", "2026-01-16T01:30:00+02:00"),  # Riga, in January
    ("00000000-0000-4000-8000-000000000002", "1960-03-01T23:30:00Z"),  # before 1970, at UTC
    ("00000000-0000-4000-8000-000000000003", "1969-12-31T23:30:00-05:00"),  # New York
    ("00000000-0000-4000-8000-000000000004", None),
)


def test_on_sqlite_a_time_made_time_zone_independent_is_its_utc_time(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tc-ca/Mail-App's ma_pickupdate made TimeZoneIndependent: the wall clock at UTC, as
    test_evolve_unseen4's PostgreSQL migration gives (23:30 on the 15th)."""
    old, new = _behaviours(capsys)
    conn = sqlite_db(render(old, "sqlite")[0])
    insert = "INSERT INTO ma_incomingmail (ma_incomingmailid, ma_pickupdate) VALUES (?, ?)"
    conn.executemany(insert, ROWS)
    conn.executescript(migration_script(old, new, "sqlite", "old").text)
    assert sqlite_catalog(conn) == sqlite_catalog(sqlite_db(render(new, "sqlite")[0]))
    query = "SELECT ma_pickupdate FROM ma_incomingmail ORDER BY ma_incomingmailid"
    assert [row[0] for row in conn.execute(query)] == [
        "2026-01-15T23:30:00.000Z",
        "1960-03-01T23:30:00Z",  # at UTC already: kept as written
        "1970-01-01T04:30:00.000Z",
        None,
    ]


SUPPORTER = """    <option value="947970001">
      <labels>
        <label description="Supporter Welcome Email" languagecode="1033" />
      </labels>
    </option>
"""


def test_an_option_removed_from_a_global_choice_is_read_in_its_optionsets_file(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Pilseta's pc_emailcategory losing 947970001: the file the option left, not Entity.xml."""
    assert SUPPORTER in CATEGORY_9A8EC73
    removed = CATEGORY_9A8EC73.replace(SUPPORTER, "")
    code, out, diff = _gate(capsys, CATEGORY_9A8EC73, removed)
    assert code == 1
    assert f"{CATEGORY_FILE}: option-removed: email.columns.pc_category.choices.947970001" in out
    [change] = diff["changes"]
    assert (change["rule"], change["loc"]) == ("option-removed", CATEGORY_FILE)


def test_removed_relabelled_and_added_options_are_each_read_in_the_optionsets_file(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One commit removes 947970002, relabels 947970001 and adds 947970003: each change in the
    file of the global choice (the added and relabelled ones at their lines)."""
    changed = CATEGORY_9A8EC73.replace("Supporter Welcome Email", "Supporter Hello").replace(
        "947970002", "947970003"
    )
    code, _, diff = _gate(capsys, CATEGORY_9A8EC73, changed)
    assert code == 1
    found = {change["rule"]: change["loc"] for change in diff["changes"]}
    relabelled, added = (_line(changed, f'value="{value}"') for value in (947970001, 947970003))
    assert found == {
        "option-label-changed": f"{CATEGORY_FILE}:{relabelled}",
        "option-removed": CATEGORY_FILE,
        "option-added-closed": f"{CATEGORY_FILE}:{added}",
    }


def _with_role(relationship: ManyToManyRelationship) -> TableSet:
    thing = Table(
        logical_name="x_thing",
        schema_name="x_Thing",
        relationships=Relationships(many_to_many=(relationship,)),
    )
    return TableSet((thing,))


ROLE = ManyToManyRelationship(
    "x_thing_role",
    intersect_entity_name="x_thing_role",
    this_table=ManyToManySide("x_thing", "x_thingid", "x_thing_role"),
    other_table=ManyToManySide("mspp_webrole", "mspp_webroleid", "x_thing_role"),
)


@pytest.mark.parametrize(
    ("moved", "paths"),
    [
        (
            dataclasses.replace(
                ROLE, other_table=ManyToManySide("contact", "contactid", "x_thing_role")
            ),
            {("other_table", "logical_name"), ("other_table", "intersect_attribute")},
        ),
        (
            dataclasses.replace(ROLE, intersect_entity_name="x_thing_role2"),
            {("intersect_entity_name",)},
        ),
    ],
)
def test_a_many_to_many_joining_another_table_is_the_old_one_removed(
    moved: ManyToManyRelationship, paths: set[tuple[str, ...]]
) -> None:
    changes = diff_sets(_with_role(ROLE), _with_role(moved))
    assert {(c.path[3:], c.rule, c.breaking) for c in changes} == {
        (path, "relationship-removed", True) for path in paths
    }


def test_a_many_to_many_renaming_its_navigation_is_still_navigation_renamed() -> None:
    side = dataclasses.replace(ROLE.other_table, navigation_property_name="x_roles")
    changes = diff_sets(_with_role(ROLE), _with_role(dataclasses.replace(ROLE, other_table=side)))
    assert [(c.rule, c.breaking) for c in changes] == [("navigation-renamed", True)]


def _when(text: ColumnType, day: DateTimeBehavior) -> TableSet:
    columns = (
        col("x_text", text, max_length=100)
        if text is ColumnType.STRING
        else col("x_text", text, date_time_behavior=DateTimeBehavior.USER_LOCAL),
        col("x_day", ColumnType.DATE_TIME, date_time_behavior=day),
    )
    diagnostics = Diagnostics()
    tables = resolve([table("x_when", *columns)], diagnostics)
    assert not diagnostics.has_errors
    return tables


def test_on_postgres_a_text_made_an_instant_keeps_its_own_offset(
    postgres: PostgresServer,  # noqa: F811
) -> None:
    """A text stating +02:00 is that instant (23:30 UTC on the 15th); a date made UserLocal is
    its midnight at UTC (as 5eba398 made it), whatever the session's time zone."""
    import psycopg

    old = _when(ColumnType.STRING, DateTimeBehavior.DATE_ONLY)
    new = _when(ColumnType.DATE_TIME, DateTimeBehavior.USER_LOCAL)
    with psycopg.connect(postgres.dsn(postgres.create_database()), autocommit=True) as conn:
        conn.execute("SET TimeZone = 'Europe/Riga'")
        pg_schema(conn, "fresh", render(new, "postgres")[0])
        fresh = pg_catalog(conn, "fresh")
        pg_schema(conn, "old", render(old, "postgres")[0])
        conn.execute(
            "INSERT INTO x_when (x_text, x_day) VALUES ('2026-01-16T01:30:00+02:00', '1960-03-01')"
        )
        conn.execute(migration_script(old, new, "postgres", "old").text)
        assert pg_catalog(conn, "old") == fresh
        conn.execute("SET TimeZone = 'UTC'")
        row = conn.execute("SELECT x_text::text, x_day::text FROM old.x_when").fetchone()
    assert row == ("2026-01-15 23:30:00+00", "1960-03-01 00:00:00+00")


def test_a_solution_enabling_an_activity_is_warned_at_its_has_related_activities_line(
    tmp_path: Path,
) -> None:
    solution = _export()
    stated = "<HasRelatedActivities>True</HasRelatedActivities>"
    solution["customizations.xml"] = solution["customizations.xml"].replace(
        "<IsActivity>1</IsActivity>", f"<IsActivity>1</IsActivity>\n{stated}"
    )
    solution["solution.xml"] = solution["solution.xml"].replace('behavior="0"', 'behavior="1"')
    generation = layered(tmp_path, solution, ("new_sms.yaml", SMS))
    (said,) = [d for d in generation.warnings if d.code == "activities-refused"]
    assert said.location.path.endswith("customizations.xml")
    lines = Path(said.location.path).read_text(encoding="utf-8").splitlines()
    assert lines[said.location.line - 1].startswith(stated)
