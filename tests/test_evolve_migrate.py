"""``dvgen migrate``: each evolution pair's migration, run on real databases.

A PostgreSQL schema and a SQLite database are built from the old DDL and filled with
realistic rows, then migrated; their catalog must equal that of a database built fresh from
the new DDL, and every row the new schema allows must still be there, unchanged. Where the new
version requires a column the rows cannot have, the migration must fail loudly, naming it, and
change nothing. SQL Server migrations are parsed with sqlglot.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
import sqlglot
from psycopg import errors
from psycopg import sql as pgsql
from sqlglot import exp

from dvgen.evolve.diff import diff_sets
from dvgen.evolve.migrate import migration_script
from dvgen.model import Column, ColumnType, TableSet
from tests.evolve_support import EDITS, edited, one, pair_params
from tests.test_sql_postgres import Connection, insert, postgres  # noqa: F401 (the fixture)
from tests.test_sql_support import (
    PostgresServer,
    Values,
    key_target,
    render,
    required,
    row_id,
    stored,
)

DEFAULTED = {ColumnType.STATE, ColumnType.STATUS}

Rows = dict[str, list[tuple[Any, ...]]]


def rows_of(tables: TableSet, new: TableSet, dialect: str) -> dict[str, list[dict[str, Any]]]:
    """Two realistic rows per table: every stored column filled, a lookup with the id of a row
    of its target when either version knows the target (a row of the set, not a made-up id)."""
    values = Values(dialect)
    found: dict[str, list[dict[str, Any]]] = {}
    for table in tables.tables:
        first = values.row(tables, table)
        after = new.get(table.logical_name)
        for column in stored(table) if after is not None else ():
            now = after.column(column.logical_name) if after else None
            target = key_target(new, after, now) if after and now else None
            if target is not None:
                first[column.logical_name] = row_id(target)
        key = table.primary_id_attribute or ""
        second = first | {key: row_id(table.logical_name, 2)}
        found[table.logical_name] = [first, second]
    return found


def new_required(old: TableSet, new: TableSet) -> dict[str, list[str]]:
    """Per table, the columns the new version requires and the old rows cannot hold: stored
    by the new version only, required (``test_sql_support.required``), with no default (a
    Boolean's DefaultValue; a choice's DefaultFormValue that is one of its options, which
    Dataverse stores on a create that leaves it out; a State's initial state, and its
    Status's default)."""
    found: dict[str, list[str]] = {}
    for table in new.tables:
        before = old.get(table.logical_name)
        kept = {c.logical_name for c in stored(before)} if before else set()
        for column in stored(table):
            defaulted = (
                column.default_value is not None
                or column.type in DEFAULTED
                or _default_option(column)
            )
            fresh = column.logical_name not in kept
            if fresh and required(table, column) and not defaulted:
                found.setdefault(table.logical_name, []).append(column.logical_name)
    return found


def _default_option(column: Column) -> bool:
    """A Picklist whose DefaultFormValue is one of its options, or stated while it lists none
    (a global choice no spec lists: any integer is stored); -1 is none."""
    values = {choice.value for choice in column.choices}
    default = column.default_form_value
    known = default in values or (not values and default is not None)
    return column.type is ColumnType.PICKLIST and default != -1 and known


def allowed(
    old: TableSet, new: TableSet, rows: dict[str, list[dict[str, Any]]]
) -> dict[str, list[dict[str, Any]]]:
    """The rows the new schema allows: none of a table that gains a required column, one of
    a table with alternate keys in either version (the two rows share their values), and no
    value in a column that becomes DateOnly or stops being (a date and time is no date: the
    migration refuses it, as it refuses any narrowed type), nor in a column that gains a
    foreign key (``foreign-key-added``: its ids name rows the old database never held)."""
    needed = new_required(old, new)
    keyed = {t.logical_name for t in (*old.tables, *new.tables) if t.keys}
    reshaped = {
        (c.table, c.column)
        for c in diff_sets(old, new)
        if c.rule in ("date-only-changed", "foreign-key-added")
    }
    return {
        table: [
            {k: None if (table, k) in reshaped else v for k, v in item.items()}
            for item in (items[:1] if table in keyed else items)
        ]
        for table, items in rows.items()
        if table not in needed
    }


def kept_columns(old: TableSet, new: TableSet, table: str) -> list[str]:
    before, after = old.get(table), new.get(table)
    assert before is not None and after is not None
    names = {c.logical_name for c in stored(after)}
    return [c.logical_name for c in stored(before) if c.logical_name in names]


# --- SQLite ---------------------------------------------------------------------------------


def sqlite_db(script: str) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.executescript(script)
    return conn


def sqlite_catalog(conn: sqlite3.Connection) -> dict[str, Any]:
    """Every table's CREATE text (columns, types, checks, keys, descriptions), columns and keys."""
    found: dict[str, Any] = {}
    for name, text in conn.execute("SELECT name, sql FROM sqlite_schema WHERE type = 'table'"):
        columns = conn.execute(f'PRAGMA table_info("{name}")').fetchall()
        keys = conn.execute(f'PRAGMA foreign_key_list("{name}")').fetchall()
        found[name] = (text, sorted(columns), sorted(keys))
    return found


def sqlite_fill(conn: sqlite3.Connection, rows: dict[str, list[dict[str, Any]]]) -> None:
    for table, items in rows.items():
        for row in items:
            columns = ", ".join(f'"{c}"' for c in row)
            marks = ", ".join("?" for _ in row)
            conn.execute(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(row.values()))


def sqlite_rows(conn: sqlite3.Connection, table: str, columns: list[str]) -> list[tuple[Any, ...]]:
    listed = ", ".join(f'"{c}"' for c in columns)
    return sorted(conn.execute(f'SELECT {listed} FROM "{table}"').fetchall(), key=repr)


@pytest.mark.parametrize(("old_page", "new_page"), pair_params())
def test_sqlite_database_migrates_to_the_new_schema_keeping_its_rows(
    old_page: Path, new_page: Path
) -> None:
    old, new = one(old_page), one(new_page)
    script = migration_script(old, new, "sqlite", "old").text
    fresh = sqlite_catalog(sqlite_db(render(new, "sqlite")[0]))
    rows = rows_of(old, new, "sqlite")
    needed = new_required(old, new)
    conn = sqlite_db(render(old, "sqlite")[0])
    sqlite_fill(conn, rows)
    before = sqlite_catalog(conn)
    if needed:
        with pytest.raises(sqlite3.IntegrityError, match="NOT NULL constraint failed"):
            conn.executescript(script)
        conn.execute("ROLLBACK")
        assert sqlite_catalog(conn) == before
        rows = {t: r for t, r in rows.items() if t not in needed}
        conn = sqlite_db(render(old, "sqlite")[0])
        sqlite_fill(conn, rows)
    conn.executescript(script)
    assert sqlite_catalog(conn) == fresh
    for table, items in rows.items():
        columns = kept_columns(old, new, table)
        expected = sorted((tuple(row[c] for c in columns) for row in items), key=repr)
        assert sqlite_rows(conn, table, columns) == expected


# --- PostgreSQL -----------------------------------------------------------------------------

CATALOG = {
    "columns": "SELECT table_name, column_name, data_type, udt_name, character_maximum_length, "
    "numeric_precision, numeric_scale, is_nullable, column_default "
    "FROM information_schema.columns WHERE table_schema = current_schema()",
    "constraints": "SELECT cl.relname, c.conname, c.contype, pg_get_constraintdef(c.oid) "
    "FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid "
    "WHERE cl.relnamespace = current_schema()::regnamespace",
    "comments": "SELECT cl.relname, a.attname, col_description(cl.oid, a.attnum) "
    "FROM pg_class cl JOIN pg_attribute a ON a.attrelid = cl.oid "
    "WHERE cl.relnamespace = current_schema()::regnamespace AND cl.relkind = 'r' "
    "AND a.attnum > 0 AND NOT a.attisdropped "
    "UNION ALL SELECT cl.relname, NULL, obj_description(cl.oid, 'pg_class') FROM pg_class cl "
    "WHERE cl.relnamespace = current_schema()::regnamespace AND cl.relkind = 'r'",
}


def pg_catalog(conn: Connection, schema: str) -> dict[str, set[tuple[Any, ...]]]:
    conn.execute(pgsql.SQL("SET search_path TO {}").format(pgsql.Identifier(schema)))
    return {name: set(conn.execute(query).fetchall()) for name, query in CATALOG.items()}


def pg_schema(conn: Connection, schema: str, script: str) -> None:
    conn.execute(pgsql.SQL("CREATE SCHEMA {}").format(pgsql.Identifier(schema)))
    conn.execute(pgsql.SQL("SET search_path TO {}").format(pgsql.Identifier(schema)))
    conn.execute(script)


def pg_fill(conn: Connection, rows: dict[str, list[dict[str, Any]]]) -> None:
    with conn.transaction():  # deferred keys: rows may reference each other
        for table, items in rows.items():
            for row in items:
                insert(conn, table, row)


def pg_rows(conn: Connection, table: str, columns: list[str]) -> list[tuple[Any, ...]]:
    listed = pgsql.SQL(", ").join(map(pgsql.Identifier, columns))
    query = pgsql.SQL("SELECT {} FROM {}").format(listed, pgsql.Identifier(table))
    return sorted(conn.execute(query).fetchall(), key=repr)


@pytest.mark.parametrize(("old_page", "new_page"), pair_params())
def test_postgres_schema_migrates_to_the_new_schema_keeping_its_rows(
    postgres: PostgresServer,  # noqa: F811
    old_page: Path,
    new_page: Path,
) -> None:
    import psycopg

    old, new = one(old_page), one(new_page)
    script = migration_script(old, new, "postgres", "old").text
    rows = rows_of(old, new, "postgres")
    needed = new_required(old, new)
    with psycopg.connect(postgres.dsn(postgres.create_database()), autocommit=True) as conn:
        pg_schema(conn, "fresh", render(new, "postgres")[0])
        fresh = pg_catalog(conn, "fresh")
        if needed:
            pg_schema(conn, "refused", render(old, "postgres")[0])
            pg_fill(conn, rows)
            before = pg_catalog(conn, "refused")
            with pytest.raises(errors.RaiseException, match=needed[next(iter(needed))][0]):
                conn.execute(script)
            conn.execute("ROLLBACK")
            assert pg_catalog(conn, "refused") == before
            rows = {t: r for t, r in rows.items() if t not in needed}
        pg_schema(conn, "migrated", render(old, "postgres")[0])
        pg_fill(conn, rows)
        kept = {t: pg_rows(conn, t, kept_columns(old, new, t)) for t in rows}
        conn.execute(script)
        assert pg_catalog(conn, "migrated") == fresh
        for table, found in kept.items():
            assert pg_rows(conn, table, kept_columns(old, new, table)) == found


# --- synthetic edits, one per rule, on both databases ---------------------------------------

EDITED = [rule for rule in EDITS if rule not in ("table-added",)] + ["table-added"]
EDITED += ["foreign-key-added"]


def _apply_sqlite(before: TableSet, after: TableSet, rows: dict[str, list[dict[str, Any]]]) -> Any:
    conn = sqlite_db(render(before, "sqlite")[0])
    sqlite_fill(conn, rows)
    conn.executescript(migration_script(before, after, "sqlite", "old").text)
    return conn


@pytest.mark.parametrize("rule", EDITED)
def test_each_edit_migrates_on_sqlite(rule: str) -> None:
    before, after = edited(rule)
    rows = allowed(before, after, rows_of(before, after, "sqlite"))
    conn = _apply_sqlite(before, after, rows)
    assert sqlite_catalog(conn) == sqlite_catalog(sqlite_db(render(after, "sqlite")[0]))
    for table in set(rows) & {t.logical_name for t in after.tables}:
        columns = kept_columns(before, after, table)
        expected = sorted((tuple(r[c] for c in columns) for r in rows[table]), key=repr)
        assert sqlite_rows(conn, table, columns) == expected


@pytest.mark.parametrize("rule", EDITED)
def test_each_edit_migrates_on_postgres(postgres: PostgresServer, rule: str) -> None:  # noqa: F811
    import psycopg

    before, after = edited(rule)
    rows = allowed(before, after, rows_of(before, after, "postgres"))
    schema = rule.replace("-", "_")
    with psycopg.connect(postgres.dsn(_edits_database(postgres)), autocommit=True) as conn:
        pg_schema(conn, f"fresh_{schema}", render(after, "postgres")[0])
        fresh = pg_catalog(conn, f"fresh_{schema}")
        pg_schema(conn, schema, render(before, "postgres")[0])
        pg_fill(conn, rows)
        kept = {t: pg_rows(conn, t, kept_columns(before, after, t)) for t in rows if t in after}
        conn.execute(migration_script(before, after, "postgres", "old").text)
        assert pg_catalog(conn, schema) == fresh
        for table, found in kept.items():
            assert pg_rows(conn, table, kept_columns(before, after, table)) == found


_DATABASES: dict[int, str] = {}


def _edits_database(server: PostgresServer) -> str:
    """One database for every synthetic edit (a schema each)."""
    if id(server) not in _DATABASES:
        _DATABASES[id(server)] = server.create_database()
    return _DATABASES[id(server)]


def test_rows_that_do_not_fit_a_narrowing_stop_the_migration(
    postgres: PostgresServer,  # noqa: F811
) -> None:
    """A value longer than the new MaxLength: both databases refuse, naming the column, and
    keep the old schema and every row."""
    import psycopg

    before, after = edited("length-narrowed")
    rows = rows_of(before, after, "sqlite")
    rows["contoso_thing"][1]["contoso_name"] = "x" * 80
    with pytest.raises(sqlite3.IntegrityError, match="ck_contoso_thing_contoso_name"):
        _apply_sqlite(before, after, rows)
    rows = rows_of(before, after, "postgres")
    rows["contoso_thing"][1]["contoso_name"] = "x" * 80
    with psycopg.connect(postgres.dsn(_edits_database(postgres)), autocommit=True) as conn:
        pg_schema(conn, "narrowed", render(before, "postgres")[0])
        pg_fill(conn, rows)
        catalog = pg_catalog(conn, "narrowed")
        with pytest.raises(errors.RaiseException, match=r"contoso_name.*does not fit"):
            conn.execute(migration_script(before, after, "postgres", "old").text)
        conn.execute("ROLLBACK")
        assert pg_catalog(conn, "narrowed") == catalog
        assert len(pg_rows(conn, "contoso_thing", ["contoso_name"])) == 2


@pytest.mark.parametrize(
    ("dialect", "client"),
    [
        ("sqlite", "sqlite3 -bail database.db < migrate.sql"),
        ("postgres", "psql -v ON_ERROR_STOP=1 -f migrate.sql"),
        ("sqlserver", "sqlcmd -b -i migrate.sql"),
    ],
)
def test_the_header_names_a_client_that_stops_at_the_first_error(dialect: str, client: str) -> None:
    before, after = edited("length-narrowed")
    header = migration_script(before, after, dialect, "old").text.splitlines()[1]
    assert header.startswith("-- Apply it with a client that stops at the first error")
    assert f"({client})" in header


@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="the sqlite3 shell is not installed")
def test_the_sqlite_shell_as_the_header_says_keeps_rows_a_narrowing_cannot_copy(
    tmp_path: Path,
) -> None:
    """Without ``-bail`` the shell goes on past the failed copy: it drops the old table and
    commits the new, empty one. As the header says, it stops and the rows stay."""
    before, after = edited("length-narrowed")
    rows = rows_of(before, after, "sqlite")
    rows["contoso_thing"][1]["contoso_name"] = "x" * 80
    database = tmp_path / "database.db"
    conn = sqlite3.connect(database, isolation_level=None)
    conn.executescript(render(before, "sqlite")[0])
    sqlite_fill(conn, rows)
    conn.close()
    (tmp_path / "migrate.sql").write_text(migration_script(before, after, "sqlite", "old").text)
    header = (tmp_path / "migrate.sql").read_text().splitlines()[1]
    command = header.split("(", 1)[1].split(")", 1)[0]
    done = subprocess.run(
        command, check=False, shell=True, cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode != 0 and "ck_contoso_thing_contoso_name" in done.stderr
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT count(*) FROM contoso_thing").fetchone() == (2,)


def test_a_new_foreign_key_that_rows_break_stops_the_sqlite_migration() -> None:
    """Step 10 of the rebuild: rows pointing nowhere fail the migration, not just a listing."""
    after, before = edited("lookup-target-removed")
    rows = rows_of(before, before, "sqlite")
    rows["contoso_thing"][0]["contoso_parentid"] = row_id("nowhere")
    with pytest.raises(sqlite3.IntegrityError, match="rows reference rows that do not exist"):
        _apply_sqlite(before, TableSet((after.tables[0],)), rows)


# --- SQL Server -----------------------------------------------------------------------------

TSQL = {exp.Set, exp.Transaction, exp.Declare, exp.Create, exp.Execute, exp.Alter}
TSQL |= {exp.Insert, exp.Commit, exp.Select, exp.Update, exp.Drop, exp.Delete}


ADD_DEFAULT = re.compile(
    r"ALTER TABLE \[dbo\]\.\[\w+\] ADD CONSTRAINT \[df_\w+\] DEFAULT -?\d+ FOR \[\w+\];"
)
"""A default given to an existing column, as Microsoft's ALTER TABLE (Transact-SQL) example
writes it (``ADD CONSTRAINT col_b_def DEFAULT 50 FOR column_b``): sqlglot parses no
``DEFAULT ... FOR``, so such lines are matched here, whole, and left out of its parse."""


def parsed_tsql(text: str) -> list[Any]:
    lines = text.splitlines()
    text = "\n".join(line for line in lines if not ADD_DEFAULT.fullmatch(line))
    statements = sqlglot.parse(text, read="tsql", error_level=sqlglot.ErrorLevel.RAISE)
    found = [s for s in statements if s is not None]
    assert {type(s) for s in found} <= TSQL
    assert not any(s.find(exp.Command) for s in found), "a statement sqlglot could not parse"
    return found


@pytest.mark.parametrize(("old_page", "new_page"), pair_params())
def test_sql_server_migration_parses(old_page: Path, new_page: Path) -> None:
    old, new = one(old_page), one(new_page)
    statements = parsed_tsql(migration_script(old, new, "sqlserver", "old").text)
    assert isinstance(statements[1], exp.Transaction)
    assert isinstance(statements[-1], exp.Commit)


@pytest.mark.parametrize("labels", [False, True], ids=["plain", "label-tables"])
@pytest.mark.parametrize("rule", [*EDITED, "table-removed"])
def test_sql_server_migration_of_each_edit_parses(rule: str, labels: bool) -> None:
    before, after = edited(rule)
    script = migration_script(before, after, "sqlserver", "old", labels=labels).text
    statements = parsed_tsql(script)
    if "-- Nothing to change." not in script:
        assert isinstance(statements[1], exp.Transaction)
        assert len(statements) > 3  # SET XACT_ABORT, BEGIN, at least one step, COMMIT


# --- label tables -------------------------------------------------------------------------

LABELS = ("OptionsetMetadata", "StateMetadata", "StatusMetadata", "TargetMetadata")


def labelled_ddl(tables: TableSet, dialect: str) -> str:
    return render(tables, dialect, labels=True)[0]


@pytest.mark.parametrize(
    "rule", ["option-added", "option-label-changed", "status-reason-moved", "lookup-target-added"]
)
def test_label_rows_follow_the_definitions(postgres: PostgresServer, rule: str) -> None:  # noqa: F811
    """With sql-label-tables, the label tables hold the new definitions' rows after migrating."""
    import psycopg

    before, after = edited(rule)
    conn = sqlite_db(labelled_ddl(before, "sqlite"))
    conn.executescript(migration_script(before, after, "sqlite", "old", labels=True).text)
    fresh = sqlite_db(labelled_ddl(after, "sqlite"))
    assert sqlite_catalog(conn) == sqlite_catalog(fresh)
    for table in LABELS:
        query = f'SELECT * FROM "{table}"'
        assert sorted(conn.execute(query)) == sorted(fresh.execute(query))
    schema = f"labels_{rule.replace('-', '_')}"
    with psycopg.connect(postgres.dsn(_edits_database(postgres)), autocommit=True) as pg:
        pg_schema(pg, f"fresh_{schema}", labelled_ddl(after, "postgres"))
        expected = pg_catalog(pg, f"fresh_{schema}"), {t: pg_all(pg, t) for t in LABELS}
        pg_schema(pg, schema, labelled_ddl(before, "postgres"))
        pg.execute(migration_script(before, after, "postgres", "old", labels=True).text)
        assert (pg_catalog(pg, schema), {t: pg_all(pg, t) for t in LABELS}) == expected


def pg_all(conn: Connection, table: str) -> list[tuple[Any, ...]]:
    query = pgsql.SQL("SELECT * FROM {}").format(pgsql.Identifier(table))
    return sorted(conn.execute(query).fetchall(), key=repr)
