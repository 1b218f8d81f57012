"""The SQLite schema in-process, with STRICT tables: it applies in one go, a realistic row of
every table inserts, every broken rule is refused, and the descriptions (kept as comments in
the CREATE TABLE text, which SQLite stores) read back from sqlite_schema."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest

from dvgen.model import TableSet
from tests.test_sql_support import (
    HOSTILE,
    Values,
    breaches,
    hostile_set,
    merged,
    nul_set,
    render,
    required,
    row_id,
    stored,
)

pytestmark = pytest.mark.skipif(
    sqlite3.sqlite_version_info < (3, 37),
    reason=f"SQLite {sqlite3.sqlite_version} is older than 3.37, the first with STRICT tables",
)

MESSAGES = {
    "required": "NOT NULL constraint failed",
    "range": "CHECK constraint failed",
    "choice": "CHECK constraint failed",
    "length": "CHECK constraint failed",
    "foreign key": "FOREIGN KEY constraint failed",
}

OWNED = {"ownerid": row_id("owner"), "owningbusinessunit": row_id("businessunit")}
"""The owner of a user-owned table's row (SystemRequired: Dataverse sets it on create)."""


@pytest.fixture(params=["seed", "corpus"])
def table_set(request: pytest.FixtureRequest, seed_set: TableSet) -> TableSet:
    if request.param == "seed":
        return seed_set
    return merged(request.getfixturevalue("corpus_set"), seed_set)


@pytest.fixture()
def connect() -> Iterator[Any]:
    opened: list[sqlite3.Connection] = []

    def apply(script: str) -> sqlite3.Connection:
        conn = sqlite3.connect(":memory:", isolation_level=None)
        conn.executescript(script)
        opened.append(conn)
        return conn

    yield apply
    for conn in opened:
        conn.close()


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def insert(conn: sqlite3.Connection, table: str, row: dict[str, Any]) -> None:
    names = ", ".join(map(quote, row))
    marks = ", ".join("?" * len(row))
    conn.execute(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", list(row.values()))


def test_schema_applies_in_one_go_with_strict_tables_and_keys(
    connect: Any, table_set: TableSet
) -> None:
    text, _ = render(table_set, "sqlite", labels=True)
    conn = connect(text)
    rows = conn.execute("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").fetchall()
    names = {name for name, _ in rows}
    assert {t.logical_name for t in table_set.tables} <= names
    assert all(sql.rstrip().endswith("STRICT") for _, sql in rows)
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    keys = sum(len(conn.execute(f"PRAGMA foreign_key_list({quote(n)})").fetchall()) for n in names)
    assert keys == text.count("FOREIGN KEY") > 0
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_realistic_row_of_every_table_inserts_and_each_broken_rule_is_refused(
    connect: Any, table_set: TableSet
) -> None:
    conn = connect(render(table_set, "sqlite")[0])
    values = Values("sqlite")
    conn.execute("BEGIN")
    for table in table_set.tables:
        insert(conn, table.logical_name, values.row(table_set, table))
    conn.execute("COMMIT")
    refused = dict.fromkeys(MESSAGES, 0)
    for table in table_set.tables:
        base = values.row(table_set, table) | {
            table.primary_id_attribute: row_id(table.logical_name, 1)
        }
        for breach in breaches(table_set, table, values):
            row = base | {breach.column: breach.value}
            conn.execute("BEGIN")
            with pytest.raises(sqlite3.IntegrityError, match=MESSAGES[breach.rule]):
                insert(conn, table.logical_name, row)
                conn.execute("COMMIT")  # foreign keys are deferred to the commit
            conn.execute("ROLLBACK")
            refused[breach.rule] += 1
    assert all(refused.values()), refused


def test_only_system_required_columns_are_required(connect: Any, table_set: TableSet) -> None:
    conn = connect(render(table_set, "sqlite")[0])
    values = Values("sqlite")
    conn.execute("BEGIN")
    for table in table_set.tables:
        full = values.row(table_set, table)
        row = {c.logical_name: full[c.logical_name] for c in stored(table) if required(table, c)}
        insert(conn, table.logical_name, row)
    conn.execute("COMMIT")


def test_defaults_are_what_dataverse_gives_a_new_row(connect: Any, seed_set: TableSet) -> None:
    conn = connect(render(seed_set, "sqlite")[0])
    insert(conn, "contoso_project", OWNED)  # Dataverse fills a new row's owner: not a default
    found = conn.execute(
        "SELECT contoso_projectid, statecode, statuscode, contoso_isbillable FROM contoso_project"
    ).fetchone()
    assert re.fullmatch(
        r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", found[0]
    )
    assert found[1:] == (0, 1, 1)


@pytest.mark.parametrize(
    ("column", "good", "bad"),
    [
        ("contoso_projectid", row_id("a"), ["not-a-uuid", row_id("a").upper(), row_id("a") + "0"]),
        (
            "contoso_startdate",
            "2024-02-29",
            ["2023-02-29", "2024-2-1", "tomorrow", "2024-02-29T00:00"],
        ),
        (
            "contoso_lastreview",
            "2024-05-17T13:45:30Z",
            ["2024-05-17", "noon", "2024-13-01T00:00:00"],
        ),
        ("contoso_regions", "1,3", ["", "1,4", "1, 3", "1;3", ",1", "1,,3", "x"]),
        ("contoso_isbillable", 0, [2, -1]),
        ("contoso_headcount", 500, [501, -1, 1.5, "ten"]),
        ("contoso_budget", 922337203685477.0, [922337203685478.0, -0.01, "much"]),
    ],
)
def test_sqlite_checks_what_its_types_do_not(
    connect: Any, seed_set: TableSet, column: str, good: Any, bad: list[Any]
) -> None:
    conn = connect(render(seed_set, "sqlite")[0])
    base = {"contoso_projectid": row_id("b"), "statecode": 0, **OWNED}
    insert(conn, "contoso_project", base | {column: good})
    for n, value in enumerate(bad, 1):
        with pytest.raises(sqlite3.IntegrityError):
            insert(
                conn, "contoso_project", base | {"contoso_projectid": row_id("b", n), column: value}
            )


def read_comments(sql: str) -> dict[str | None, str]:
    """Descriptions back from a stored CREATE TABLE: ``--`` lines above each column, the table's
    own before the blank line that ends them."""
    found: dict[str | None, str] = {}
    pending: list[str] = []
    for line in sql.split("\n")[1:]:
        body = line[4:]
        if body.startswith("--"):
            pending.append(body[3:])
        elif not line.strip():
            found[None] = "\n".join(pending)
            pending = []
        elif body.startswith('"'):
            name = re.match(r'"((?:[^"]|"")*)"', body)
            assert name is not None
            if pending:
                found[name.group(1).replace('""', '"')] = "\n".join(pending)
            pending = []
    return found


def test_descriptions_read_back_from_sqlite_schema(connect: Any, table_set: TableSet) -> None:
    conn = connect(render(table_set, "sqlite")[0])
    stored_sql = dict(conn.execute("SELECT name, sql FROM sqlite_schema WHERE type = 'table'"))
    for table in table_set.tables:
        found = read_comments(stored_sql[table.logical_name])
        expected: dict[str | None, str] = {}
        if table.description:
            expected[None] = lines(table.description)
        for column in stored(table):
            if column.description:
                expected[column.logical_name] = lines(column.description)
        assert found == expected, table.logical_name


def lines(text: str) -> str:
    """SQLite keeps no comments of its own; in ``--`` lines every line break reads as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def test_hostile_text_breaks_nothing_and_reads_back(connect: Any) -> None:
    tables = hostile_set()
    conn = connect(render(tables, "sqlite", labels=True)[0])
    names = {n for (n,) in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    assert {"user", "x", "OptionsetMetadata"} <= names
    stored_sql = dict(conn.execute("SELECT name, sql FROM sqlite_schema WHERE type = 'table'"))
    comments = read_comments(stored_sql["user"])
    assert comments[None] == comments["order"] == lines(HOSTILE)
    key = next(c for c in tables.by_name["user"].columns if c.logical_name == "key")
    labels = conn.execute('SELECT "Option", "LocalizedLabel" FROM "OptionsetMetadata"').fetchall()
    assert sorted(labels) == [(c.value, c.label) for c in key.choices]
    insert(conn, "user", {"userid": row_id("user"), "order": "o", "from": 3, "key": 5, "xmin": "x"})
    assert conn.execute('SELECT "order", "from", "key", "xmin" FROM "user"').fetchall() == [
        ("o", 3, 5, "x")
    ]


def test_nul_is_stored_as_u_fffd(connect: Any) -> None:
    conn = connect(render(nul_set(), "sqlite", labels=True)[0])
    found = conn.execute(
        'SELECT "GlobalOptionSetName", "LocalizedLabel" FROM "GlobalOptionsetMetadata"'
    ).fetchall()
    assert found == [("g\ufffd", "one\ufffd"), ("g\ufffd", "two\ufffd")]
    targets = conn.execute('SELECT "ReferencedEntity" FROM "TargetMetadata" ORDER BY 1')
    assert targets.fetchall() == [("a\ufffd",), ("b",)]
    stored_sql = conn.execute("SELECT sql FROM sqlite_schema WHERE name = 't'").fetchone()[0]
    assert read_comments(stored_sql) == {None: "t\ufffd", "p": "pick\ufffd"}
