"""The PostgreSQL schema on a real server: a throwaway one started here, one database per test.

It applies in one go; a realistic row of every table inserts; rows breaking a range, a choice,
a length, a required column or a foreign key are refused; comments read back exactly.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from psycopg import errors
from psycopg import sql as pgsql

from dvgen.model import Column, ColumnType, Table, TableSet
from tests.test_sql_support import (
    HOSTILE,
    LONG,
    PostgresServer,
    Values,
    breaches,
    hostile_set,
    merged,
    nul_set,
    postgres_unavailable,
    render,
    required,
    row_id,
    shared_server,
    stored,
)

REFUSALS: dict[str, tuple[type[Exception], ...]] = {
    "required": (errors.NotNullViolation,),
    "range": (errors.CheckViolation, errors.NumericValueOutOfRange),
    "choice": (errors.CheckViolation,),
    "length": (errors.StringDataRightTruncation, errors.CheckViolation),
    "foreign key": (errors.ForeignKeyViolation,),
}


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """One throwaway server for the session, on loopback, removed at the end (one for every
    module that imports this fixture: ``shared_server``)."""
    reason = postgres_unavailable()
    if reason is not None:
        pytest.skip(reason)
    yield shared_server()


@pytest.fixture(params=["seed", "corpus"])
def table_set(request: pytest.FixtureRequest, seed_set: TableSet) -> TableSet:
    """The repo's own specs; then every corpus page and the seed with them."""
    if request.param == "seed":
        return seed_set
    return merged(request.getfixturevalue("corpus_set"), seed_set)


Connection = Any
OWNED = {"ownerid": row_id("owner"), "owningbusinessunit": row_id("businessunit")}
"""The owner of a user-owned table's row (SystemRequired: Dataverse sets it on create)."""


def connect(server: PostgresServer, script: str) -> Connection:
    """A fresh database with ``script`` applied in one go (autocommit: its own BEGIN/COMMIT)."""
    conn = psycopg.connect(server.dsn(server.create_database()), autocommit=True)
    conn.execute(script)
    return conn


def insert(conn: Connection, table: str, row: dict[str, Any]) -> None:
    statement = pgsql.SQL("INSERT INTO {} ({}) VALUES ({})").format(
        pgsql.Identifier(table),
        pgsql.SQL(", ").join(map(pgsql.Identifier, row)),
        pgsql.SQL(", ").join(pgsql.Placeholder() * len(row)),
    )
    conn.execute(statement, list(row.values()))


def tables_in(conn: Connection) -> set[str]:
    rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
    return {name for (name,) in rows}


def test_schema_applies_in_one_go_with_every_table_and_key(
    postgres: PostgresServer, table_set: TableSet
) -> None:
    text, _ = render(table_set, "postgres", labels=True)
    with connect(postgres, text) as conn:
        names = tables_in(conn)
        assert {t.logical_name for t in table_set.tables} <= names
        assert {"OptionsetMetadata", "StatusMetadata", "TargetMetadata"} <= names
        keys = conn.execute("SELECT count(*) FROM pg_constraint WHERE contype = 'f'").fetchone()
        assert keys[0] == text.count("FOREIGN KEY")
        assert keys[0] > 0


def test_a_realistic_row_of_every_table_inserts_and_each_broken_rule_is_refused(
    postgres: PostgresServer, table_set: TableSet
) -> None:
    text, _ = render(table_set, "postgres")
    values = Values("postgres")
    refused: dict[str, int] = dict.fromkeys(REFUSALS, 0)
    with connect(postgres, text) as conn:
        with conn.transaction():  # deferred keys: rows may reference each other in any order
            for table in table_set.tables:
                insert(conn, table.logical_name, values.row(table_set, table))
        with conn.transaction():
            conn.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table in table_set.tables:
                base = values.row(table_set, table) | {
                    table.primary_id_attribute: row_id(table.logical_name, 1)
                }
                for breach in breaches(table_set, table, values):
                    row = base | {breach.column: breach.value}
                    with pytest.raises(REFUSALS[breach.rule]), conn.transaction():
                        insert(conn, table.logical_name, row)
                    refused[breach.rule] += 1
    assert all(refused.values()), refused


def test_only_system_required_columns_are_required(
    postgres: PostgresServer, table_set: TableSet
) -> None:
    """A row holding only what Dataverse always fills inserts: no other column is NOT NULL."""
    text, _ = render(table_set, "postgres")
    values = Values("postgres")
    with connect(postgres, text) as conn, conn.transaction():
        for table in table_set.tables:
            full = values.row(table_set, table)
            row = {
                c.logical_name: full[c.logical_name] for c in stored(table) if required(table, c)
            }
            insert(conn, table.logical_name, row)


def test_defaults_are_what_dataverse_gives_a_new_row(
    postgres: PostgresServer, seed_set: TableSet
) -> None:
    """A new id, the initial state and its default status, the yes/no column's default, the
    choice's DefaultFormValue (Dataverse stores it on a create that leaves it out)."""
    text, _ = render(seed_set, "postgres")
    with connect(postgres, text) as conn:
        insert(conn, "contoso_project", OWNED)  # Dataverse fills a new row's owner
        found = conn.execute(
            "SELECT contoso_projectid, statecode, statuscode, contoso_isbillable, contoso_phase "
            "FROM contoso_project"
        ).fetchone()
    assert found[0].version == 4
    assert found[1:] == (0, 1, True, 100000000)


def test_polymorphic_lookups_take_ids_of_any_target_and_get_no_single_key(
    postgres: PostgresServer, seed_set: TableSet
) -> None:
    text, _ = render(seed_set, "postgres")
    with connect(postgres, text) as conn:
        for n, target in enumerate(("account", "contact", "anything")):
            row = {
                "contoso_projectid": row_id("contoso_project", 10 + n),
                "contoso_customerid": row_id(target),
                "statecode": 0,
                **OWNED,
            }
            insert(conn, "contoso_project", row)
        keys = conn.execute(
            "SELECT a.attname FROM pg_constraint c JOIN pg_attribute a "
            "ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) "
            "WHERE c.contype = 'f' AND c.conrelid = 'contoso_project'::regclass"
        ).fetchall()
        assert keys == [("contoso_operationid",)]


def test_on_delete_follows_the_cascade_configuration(
    postgres: PostgresServer, seed_set: TableSet
) -> None:
    """RemoveLink: deleting the background operation empties the project's lookup."""
    text, _ = render(seed_set, "postgres")
    operation, project = row_id("backgroundoperation"), row_id("contoso_project")
    with connect(postgres, text) as conn:
        insert(conn, "backgroundoperation", {"backgroundoperationid": operation})
        insert(
            conn,
            "contoso_project",
            {"contoso_projectid": project, "statecode": 0, "contoso_operationid": operation}
            | OWNED,
        )
        conn.execute("DELETE FROM backgroundoperation")
        found = conn.execute("SELECT contoso_operationid FROM contoso_project").fetchone()
        assert found == (None,)


def catalog_comments(conn: Connection) -> dict[tuple[str, str | None], str | None]:
    rows = conn.execute(
        "SELECT c.relname, NULL, obj_description(c.oid, 'pg_class') FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind = 'r' "
        "UNION ALL SELECT c.relname, a.attname, col_description(c.oid, a.attnum) "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
        "WHERE n.nspname = 'public' AND c.relkind = 'r'"
    ).fetchall()
    return {(table, column): text for table, column, text in rows}


def test_comments_read_back_from_the_catalog_equal_the_descriptions(
    postgres: PostgresServer, table_set: TableSet
) -> None:
    text, _ = render(table_set, "postgres")
    with connect(postgres, text) as conn:
        found = catalog_comments(conn)
    expected: dict[tuple[str, str | None], str | None] = {}
    for table in table_set.tables:
        expected[(table.logical_name, None)] = table.description or None
        for column in stored(table):
            expected[(table.logical_name, column.logical_name)] = column.description or None
    assert {key: found[key] for key in expected} == expected
    assert any(value for value in expected.values())


def test_hostile_text_is_stored_exactly_and_breaks_nothing(postgres: PostgresServer) -> None:
    tables = hostile_set()
    text, diagnostics = render(tables, "postgres", labels=True)
    with connect(postgres, text) as conn:
        assert {"user", "x", "OptionsetMetadata"} <= tables_in(conn)
        comments = catalog_comments(conn)
        assert comments[("user", None)] == HOSTILE
        assert comments[("user", "order")] == HOSTILE
        labels = conn.execute(
            'SELECT "Option", "LocalizedLabel" FROM "OptionsetMetadata" ORDER BY 1'
        ).fetchall()
        key = next(c for c in tables.by_name["user"].columns if c.logical_name == "key")
        assert labels == [(c.value, c.label) for c in key.choices]
        insert(conn, "user", {"userid": row_id("user"), "order": HOSTILE[:100], "key": 1})
    assert not [d for d in diagnostics if "user" in str(d) and "order" in str(d)]


def test_reserved_words_work_and_long_names_are_shortened_without_collisions(
    postgres: PostgresServer,
) -> None:
    text, diagnostics = render(hostile_set(), "postgres")
    with connect(postgres, text) as conn:
        columns = conn.execute(
            "SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND a.attnum > 0 AND c.relkind = 'r'"
        ).fetchall()
        user = {name for table, name in columns if table == "user"}
        assert {"order", "from", "key", "select"} <= user
        assert "xmin" not in user and any(n.startswith("xmin_") for n in user)
        long_tables = {table for table, _ in columns if table.startswith(LONG[:40])}
        assert len(long_tables) == 1
        long_columns = [name for table, name in columns if table in long_tables]
        assert len(long_columns) == len(set(long_columns)) == 3
        assert all(len(name.encode()) <= 63 for name in long_columns)
    renamed = [d.message for d in diagnostics if "is created as" in d.message]
    constraints = sorted(m.split("'")[1][:3] for m in renamed if ": constraint " in m)
    assert len(renamed) - len(constraints) == 5  # the table, its three columns, xmin
    assert constraints == ["fk_", "fk_", "pk_"]  # the long table's keys, cut to 63 bytes too


def test_label_tables_join_a_value_to_its_label(
    postgres: PostgresServer, seed_set: TableSet
) -> None:
    text, _ = render(seed_set, "postgres", labels=True)
    with connect(postgres, text) as conn:
        insert(
            conn,
            "contoso_project",
            {
                "contoso_projectid": row_id("p"),
                "statecode": 1,
                "statuscode": 2,
                "contoso_phase": 100000004,
                **OWNED,
            },
        )
        found = conn.execute(
            'SELECT o."LocalizedLabel", s."LocalizedLabel", t."LocalizedLabel" '
            "FROM contoso_project p "
            'JOIN "OptionsetMetadata" o ON o."EntityName" = %(t)s '
            'AND o."OptionSetName" = %(c)s AND o."Option" = p.contoso_phase '
            'JOIN "StateMetadata" s ON s."EntityName" = %(t)s AND s."State" = p.statecode '
            'JOIN "StatusMetadata" t ON t."EntityName" = %(t)s AND t."Status" = p.statuscode',
            {"t": "contoso_project", "c": "contoso_phase"},
        ).fetchall()
        assert found == [("\U0001f680 Launch", "Inactive", "Inactive")]
        targets = conn.execute(
            'SELECT "ReferencedEntity" FROM "TargetMetadata" '
            "WHERE \"AttributeName\" = 'contoso_customerid' ORDER BY 1"
        ).fetchall()
        assert targets == [("account",), ("contact",)]


def test_multi_select_values_are_an_array_of_allowed_options(
    postgres: PostgresServer, seed_set: TableSet
) -> None:
    text, _ = render(seed_set, "postgres")
    with connect(postgres, text) as conn:
        insert(
            conn,
            "contoso_project",
            {"contoso_projectid": row_id("m"), "statecode": 0, "contoso_regions": [1, 3]} | OWNED,
        )
        for bad in ([], [1, 4], [None]):
            with pytest.raises(errors.CheckViolation), conn.transaction():
                row = {"contoso_projectid": row_id("m", 2), "statecode": 0, "contoso_regions": bad}
                row |= OWNED
                insert(conn, "contoso_project", row)
        state_mismatch = {"contoso_projectid": row_id("m", 3), "statecode": 0, "statuscode": 2}
        state_mismatch |= OWNED
        with pytest.raises(errors.CheckViolation), conn.transaction():
            insert(conn, "contoso_project", state_mismatch)


def test_columns_hold_the_widest_legal_values(postgres: PostgresServer, seed_set: TableSet) -> None:
    from datetime import UTC, date, datetime
    from decimal import Decimal

    text, _ = render(seed_set, "postgres")
    project = seed_set.by_name["contoso_project"]
    budget = next(c for c in project.columns if c.logical_name == "contoso_budget_base")
    assert budget.type is ColumnType.MONEY
    with connect(postgres, text) as conn:
        row = {
            "contoso_projectid": row_id("w"),
            "statecode": 0,
            "contoso_budget_base": Decimal("-922337203685477.0000"),
            "contoso_budget": Decimal("922337203685477.0000"),
            "contoso_notes": "\U0001f680" * 10000,
            "versionnumber": 2**63 - 1,
            **OWNED,
            "contoso_startdate": date(9999, 12, 31),
            "contoso_lastreview": datetime(1753, 1, 1, tzinfo=UTC),
        }
        insert(conn, "contoso_project", row)
        stored_budget = conn.execute("SELECT contoso_budget_base FROM contoso_project").fetchone()
        assert stored_budget == (Decimal("-922337203685477.0000"),)


def test_nul_is_stored_as_u_fffd(postgres: PostgresServer) -> None:
    with connect(postgres, render(nul_set(), "postgres", labels=True)[0]) as conn:
        found = conn.execute(
            'SELECT "GlobalOptionSetName", "LocalizedLabel" FROM "GlobalOptionsetMetadata" '
            "ORDER BY 2"
        ).fetchall()
        assert found == [("g\ufffd", "one\ufffd"), ("g\ufffd", "two\ufffd")]
        comments = catalog_comments(conn)
        assert (comments[("t", None)], comments[("t", "p")]) == ("t\ufffd", "pick\ufffd")


def test_decimals_hold_every_value_their_bounds_allow(postgres: PostgresServer) -> None:
    """Sized from both effective bounds; a numeric never wider than PostgreSQL's 1000 digits."""
    from decimal import Decimal

    table = Table(
        "d",
        "d",
        primary_id_attribute="did",
        columns=(
            Column("did", "did", ColumnType.UNIQUEIDENTIFIER),
            Column("low", "low", ColumnType.DECIMAL, precision=2, min_value=0),
            Column("places", "places", ColumnType.DECIMAL, precision=995),
        ),
    )
    text, diagnostics = render(TableSet((table,)), "postgres")
    assert ["1000 digits" in d.message for d in diagnostics] == [True]
    with connect(postgres, text) as conn:
        widest = {"low": Decimal("100000000000.00"), "places": Decimal("-1E+11")}
        insert(conn, "d", {"did": row_id("d")} | widest)
        assert conn.execute("SELECT low, places FROM d").fetchone() == tuple(widest.values())
        for n, (name, value) in enumerate((("low", "100000000000.01"), ("low", "-0.01")), 1):
            with pytest.raises(errors.CheckViolation), conn.transaction():
                insert(conn, "d", {"did": row_id("d", n), name: Decimal(value)})


def test_memo_and_long_text_are_text_with_their_length_checked(postgres: PostgresServer) -> None:
    """Memo columns, and text over 4,000 characters, are ``text`` plus a CHECK on
    ``char_length`` (characters, not bytes); a short String stays ``varchar(n)``."""
    table = Table(
        "m",
        "m",
        primary_id_attribute="mid",
        columns=(
            Column("mid", "mid", ColumnType.UNIQUEIDENTIFIER),
            Column("notes", "notes", ColumnType.MEMO, max_length=2000),
            Column("body", "body", ColumnType.MEMO, max_length=1048576),
            Column("code", "code", ColumnType.STRING, max_length=4001),
            Column("name", "name", ColumnType.STRING, max_length=100),
        ),
    )
    with connect(postgres, render(TableSet((table,)), "postgres")[0]) as conn:
        types = dict(
            conn.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = 'm'"
            ).fetchall()
        )
        assert types == {
            "mid": "uuid",
            "notes": "text",
            "body": "text",
            "code": "text",
            "name": "character varying",
        }
        insert(conn, "m", {"mid": row_id("a"), "notes": "\U0001f680" * 2000, "code": "x" * 4001})
        for column, text in (("notes", "n" * 2001), ("code", "c" * 4002)):
            with pytest.raises(errors.CheckViolation):
                insert(conn, "m", {"mid": row_id("b"), column: text})
