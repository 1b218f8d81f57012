"""The breaking-change gate on real page history, round 6, and on a maker's YAML edits.

Found by generating from the older of two versions, committing, and running the gate and the
migrations (SQLite, PostgreSQL 15, rows kept) on the newer, for ten pairs of real pages of
tables no earlier round used (MicrosoftDocs/powerapps-docs: customapi 2020 -> 2023 and
2023 -> 2025, pluginassembly 2018 -> 2023, sharepointdocumentlocation 2018 -> 2023,
customapirequestparameter 2020 -> 2024, environmentvariablevalue 2021 -> 2024 beside its
definition, sdkmessagefilter 2023 -> 2025, catalog 2021 -> 2024; dynamics-365-customer-engagement:
msdyn_customerasset and bookableresourcecharacteristic 2019 -> 2024), and two YAML projects
edited as a maker would (a column renamed by its display name only, an option removed, a lookup
target added, the primary name column changed, an alternate key's columns written in another
order).

Every change of the pages was classified as Dataverse takes it and every migration kept the
rows. One fault: an alternate key whose columns were written in another order was
``key-changed``, breaking, and the gate stopped the build, though it is the same key: a URL
names each key value (``/rsv_bookings(rsv_code='A-1',rsv_day=2024-05-01)``, OData's
key-value pairs, in any order) and a unique constraint refuses the same rows whatever its
columns' order. It is ``facet-changed`` now; the migration still rewrites the constraint, as
the DDL spells it. The pages here are short excerpts of the real ones.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dvgen.evolve.diff import diff_sets
from dvgen.evolve.migrate import migration_script
from dvgen.model import TableSet
from tests.conftest import run
from tests.pages import resolved
from tests.test_evolve_migrate import pg_catalog, pg_schema, sqlite_catalog, sqlite_db
from tests.test_sql_postgres import postgres  # noqa: F401 (the fixture)
from tests.test_sql_support import PostgresServer, render

# --- a maker's YAML project: rsv_booking, keyed by its code and day ------------------------

BOOKING = """logical_name: rsv_booking
schema_name: rsv_Booking
display_name: Booking
entity_set_name: rsv_bookings
primary_id_attribute: rsv_bookingid
primary_name_attribute: rsv_name
ownership_type: OrganizationOwned
columns:
  - logical_name: rsv_bookingid
    type: Uniqueidentifier
    display_name: Booking
    required_level: SystemRequired
    valid_for_update: false
  - {logical_name: rsv_name, type: String, display_name: Name, max_length: 100}
  - logical_name: rsv_code
    type: String
    display_name: Code
    max_length: 20
    required_level: SystemRequired
  - {logical_name: rsv_day, type: DateTime, display_name: Day, date_time_behavior: DateOnly}
  - logical_name: rsv_channel
    schema_name: rsv_Channel
    type: Picklist
    display_name: Channel
    choices:
      - {value: 100000000, label: Phone}
      - {value: 100000001, label: Web}
      - {value: 100000002, label: Walk-in}
keys:
  - logical_name: rsv_codeday
    display_name: Code and day
    columns: [rsv_code, rsv_day]
"""
REORDERED = BOOKING.replace("[rsv_code, rsv_day]", "[rsv_day, rsv_code]")
OTHER_COLUMNS = BOOKING.replace("[rsv_code, rsv_day]", "[rsv_day, rsv_name]")


def _booking(text: str) -> TableSet:
    tables, warnings = resolved(("rsv_booking.yaml", text))
    assert warnings == []
    return tables


def _rules(old: TableSet, new: TableSet) -> set[tuple[str, str, bool]]:
    return {(c.where, c.rule, c.breaking) for c in diff_sets(old, new)}


def test_a_key_whose_columns_are_written_in_another_order_is_the_same_key() -> None:
    """The same columns, so the same rows are unique and the same URLs address them."""
    where = "rsv_booking.keys.rsv_codeday.columns"
    assert _rules(_booking(BOOKING), _booking(REORDERED)) == {(where, "facet-changed", False)}
    assert _rules(_booking(BOOKING), _booking(OTHER_COLUMNS)) == {(where, "key-changed", True)}


def test_a_makers_edits_beside_the_reordered_key_are_classified_as_dataverse_takes_them() -> None:
    """A column renamed by its display name only, an option removed, the primary name
    column changed: only the option removed breaks."""
    edited = REORDERED.replace("display_name: Code\n", "display_name: Booking code\n")
    edited = edited.replace("      - {value: 100000002, label: Walk-in}\n", "")
    edited = edited.replace("primary_name_attribute: rsv_name", "primary_name_attribute: rsv_code")
    assert _rules(_booking(BOOKING), _booking(edited)) == {
        ("rsv_booking.columns.rsv_channel.choices.100000002", "option-removed", True),
        ("rsv_booking.columns.rsv_code.display_name", "display-name-changed", False),
        ("rsv_booking.keys.rsv_codeday.columns", "facet-changed", False),
        ("rsv_booking.primary_name_attribute", "facet-changed", False),
    }


def test_the_gate_lets_a_reordered_key_through(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    specs = workdir / "specs"
    specs.mkdir()
    (specs / "rsv_booking.yaml").write_text(BOOKING, "utf-8")
    assert run(capsys, "generate", "--specs", "specs", "--out", "old", "--no-cache", "-q")[0] == 0
    argv = ("--specs", "specs", "--out", "new", "--no-cache")
    against = ("--breaking-against", str(workdir / "old/model"))
    for text in (REORDERED, OTHER_COLUMNS):
        (specs / "rsv_booking.yaml").write_text(text, "utf-8")
        assert run(capsys, "generate", *argv, "-q")[0] == 0
        code, out, _ = run(capsys, "check", *against, *argv)
        if text == REORDERED:
            assert code == 0, out
    assert code == 1
    assert "key-changed: rsv_booking.keys.rsv_codeday.columns" in out


ROWS = (
    "INSERT INTO rsv_booking (rsv_bookingid, rsv_name, rsv_code, rsv_day) VALUES "
    "('11111111-1111-4111-8111-111111111111', 'Morning', 'A-1', '2024-05-01'), "
    "('22222222-2222-4222-8222-222222222222', 'Evening', 'A-1', '2024-05-02')"
)
AGAIN = (
    "INSERT INTO rsv_booking (rsv_bookingid, rsv_name, rsv_code, rsv_day) VALUES "
    "('33333333-3333-4333-8333-333333333333', 'Repeat', 'A-1', '2024-05-02')"
)


def test_on_sqlite_the_reordered_key_migrates_keeping_the_rows_and_what_is_unique() -> None:
    old, new = _booking(BOOKING), _booking(REORDERED)
    script = migration_script(old, new, "sqlite", "old")
    assert script.destructive == ()
    conn = sqlite_db(render(old, "sqlite")[0])
    conn.execute(ROWS)
    conn.executescript(script.text)
    assert sqlite_catalog(conn) == sqlite_catalog(sqlite_db(render(new, "sqlite")[0]))
    names = conn.execute("SELECT rsv_name FROM rsv_booking ORDER BY rsv_day").fetchall()
    assert names == [("Morning",), ("Evening",)]
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        conn.execute(AGAIN)


def test_on_postgres_the_reordered_key_migrates_keeping_the_rows_and_what_is_unique(
    postgres: PostgresServer,  # noqa: F811
) -> None:
    import psycopg

    old, new = _booking(BOOKING), _booking(REORDERED)
    with psycopg.connect(postgres.dsn(postgres.create_database()), autocommit=True) as conn:
        pg_schema(conn, "fresh", render(new, "postgres")[0])
        fresh = pg_catalog(conn, "fresh")
        pg_schema(conn, "old", render(old, "postgres")[0])
        conn.execute(ROWS)
        conn.execute(migration_script(old, new, "postgres", "old").text)
        conn.execute("SET search_path TO old")
        assert pg_catalog(conn, "old") == fresh
        names = conn.execute("SELECT rsv_name FROM rsv_booking ORDER BY rsv_day").fetchall()
        assert names == [("Morning",), ("Evening",)]
        with pytest.raises(psycopg.errors.UniqueViolation):
            conn.execute(AGAIN)
