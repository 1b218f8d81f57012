"""The SQL Server schema, parsed statement by statement with sqlglot's T-SQL dialect (there is no
SQL Server here): every statement parses as what it should be, and the descriptions read back
from the parsed extended properties equal the model's exactly."""

from __future__ import annotations

import functools
from collections import Counter

import pytest
import sqlglot
from sqlglot import exp

from dvgen.model import Column, ColumnType, Table, TableSet
from tests.test_sql_support import HOSTILE, hostile_set, merged, nul_set, render, stored

SQLGLOT = tuple(int(part) for part in sqlglot.__version__.split(".")[:1] if part.isdigit())
pytestmark = pytest.mark.skipif(
    SQLGLOT < (29,),
    reason=f"sqlglot {sqlglot.__version__} cannot parse T-SQL EXEC; 29 or later can",
)

EXPECTED = {
    exp.Set,
    exp.Transaction,
    exp.Declare,
    exp.Create,
    exp.Execute,
    exp.Alter,
    exp.Insert,
    exp.Commit,
}


@pytest.fixture(params=["seed", "corpus"])
def table_set(request: pytest.FixtureRequest, seed_set: TableSet) -> TableSet:
    if request.param == "seed":
        return seed_set
    return merged(request.getfixturevalue("corpus_set"), seed_set)


@functools.cache
def parse(text: str) -> list[exp.Expression]:
    """Every statement, each of an expected kind; none left unparsed (sqlglot's Command)."""
    statements = sqlglot.parse(text, read="tsql", error_level=sqlglot.ErrorLevel.RAISE)
    found = [s for s in statements if s is not None]
    kinds = {type(s) for s in found}
    assert kinds <= EXPECTED, kinds - EXPECTED
    assert not any(s.find(exp.Command) for s in found), "a statement sqlglot could not parse"
    return found


def text_of(node: exp.Expression, variables: dict[str, str]) -> str:
    """The value of a constant string expression: N'..' literals, NCHAR(n), + and @variables."""
    if isinstance(node, exp.National) or (isinstance(node, exp.Literal) and node.is_string):
        return str(node.this)
    if isinstance(node, exp.Add):
        return text_of(node.this, variables) + text_of(node.expression, variables)
    if isinstance(node, exp.Anonymous) and node.name.upper() == "NCHAR":
        return chr(int(node.expressions[0].this))
    if isinstance(node, exp.Parameter):
        return variables[node.name]
    raise AssertionError(f"not a constant string: {node!r}")


def extended_properties(statements: list[exp.Expression]) -> dict[tuple[str, str | None], str]:
    """(table, column) -> MS_Description, as SQL Server would store it."""
    variables: dict[str, str] = {}
    found: dict[tuple[str, str | None], str] = {}
    for statement in statements:
        item = statement.expressions[0].this if isinstance(statement, exp.Set) else None
        if isinstance(item, exp.EQ) and isinstance(item.this, exp.Parameter):
            variables[item.this.name] = text_of(item.expression, variables)
        if isinstance(statement, exp.Execute):
            assert statement.this.sql(dialect="tsql") == "sys.sp_addextendedproperty"
            args = {e.this.name: text_of(e.expression, variables) for e in statement.expressions}
            assert (args["name"], args["level0type"], args["level0name"]) == (
                "MS_Description",
                "SCHEMA",
                "dbo",
            )
            key = (args["level1name"], args.get("level2name"))
            assert key not in found
            found[key] = args["value"]
    return found


def test_every_statement_parses_as_tsql(table_set: TableSet) -> None:
    text, _ = render(table_set, "sqlserver", labels=True)
    statements = parse(text)
    kinds = Counter(type(s) for s in statements)
    created_kinds = Counter(s.kind for s in statements if isinstance(s, exp.Create))
    assert created_kinds["TABLE"] == len(table_set.tables) + 5
    assert created_kinds["INDEX"] == text.count("CREATE UNIQUE INDEX")
    assert kinds[exp.Create] == created_kinds["TABLE"] + created_kinds["INDEX"]
    assert kinds[exp.Alter] == text.count("FOREIGN KEY") > 0
    created = {s.this.this.name for s in statements if isinstance(s, exp.Create)}
    assert {t.logical_name for t in table_set.tables} <= created
    assert isinstance(statements[-1], exp.Commit)


def test_descriptions_read_back_from_the_extended_properties(table_set: TableSet) -> None:
    found = extended_properties(parse(render(table_set, "sqlserver")[0]))
    expected: dict[tuple[str, str | None], str] = {}
    for table in table_set.tables:
        if table.description:
            expected[(table.logical_name, None)] = table.description
        for column in stored(table):
            if column.description:
                expected[(table.logical_name, column.logical_name)] = column.description
    assert found == expected


def test_hostile_text_parses_back_exactly() -> None:
    tables = hostile_set()
    text, _ = render(tables, "sqlserver", labels=True)
    statements = parse(text)
    found = extended_properties(statements)
    assert found[("user", None)] == found[("user", "order")] == HOSTILE
    created = sorted(s.this.this.name for s in statements if isinstance(s, exp.Create))
    assert created[:3] == ["GlobalOptionsetMetadata", "OptionsetMetadata", "StateMetadata"]
    assert {"user", "x"} <= set(created)
    labels = next(
        s
        for s in statements
        if isinstance(s, exp.Insert) and s.this.this.name == "OptionsetMetadata"
    )
    rows = [text_of(row.expressions[-1], {}) for row in labels.expression.expressions]
    key = next(c for c in tables.by_name["user"].columns if c.logical_name == "key")
    assert rows == [c.label for c in key.choices]


def test_no_script_line_starts_inside_a_literal_or_names_a_sqlcmd_variable() -> None:
    """sqlcmd reads GO and :commands at line starts and replaces $(name) anywhere."""
    text, _ = render(hostile_set(), "sqlserver", labels=True)
    assert "$(" not in text
    for line in text.splitlines():
        assert line.strip().upper() != "GO"
        assert not line.startswith(":")


def test_cascades_sql_server_refuses_become_no_action_and_are_reported(
    table_set: TableSet,
) -> None:
    """SQL Server (error 1785) refuses a cascading key that closes a cycle or opens a second
    cascade path; every kept cascading key must leave at most one path between two tables."""
    text, diagnostics = render(table_set, "sqlserver")
    edges: list[tuple[str, str]] = []
    for statement in parse(text):
        if not isinstance(statement, exp.Alter):
            continue
        body = statement.sql(dialect="tsql")
        if "ON DELETE CASCADE" in body or "ON DELETE SET NULL" in body:
            reference = statement.find(exp.Reference)
            assert reference is not None
            edges.append((reference.this.this.name, statement.this.name))
    assert_one_path_at_most(edges)
    reported = [d for d in diagnostics if "SQL Server refuses" in d.message]
    postgres = render(table_set, "postgres")[0]
    cascading = postgres.count("ON DELETE CASCADE") + postgres.count("ON DELETE SET NULL")
    assert len(edges) + len(reported) == cascading


def assert_one_path_at_most(edges: list[tuple[str, str]]) -> None:
    graph: dict[str, list[str]] = {}
    for parent, child in edges:
        assert parent != child, f"self-referencing cascade on {parent}"
        graph.setdefault(parent, []).append(child)

    def paths(node: str, seen: tuple[str, ...]) -> Counter[str]:
        found: Counter[str] = Counter()
        for child in graph.get(node, []):
            assert child not in seen, f"cascade cycle through {child}"
            found[child] += 1
            found.update(paths(child, (*seen, child)))
        return found

    for start in graph:
        counts = paths(start, (start,))
        assert max(counts.values(), default=1) == 1, (start, counts)


def test_nul_is_written_as_u_fffd() -> None:
    statements = parse(render(nul_set(), "sqlserver", labels=True)[0])
    found = extended_properties(statements)
    assert (found[("t", None)], found[("t", "p")]) == ("t\ufffd", "pick\ufffd")
    targets = next(
        s for s in statements if isinstance(s, exp.Insert) and s.this.this.name == "TargetMetadata"
    )
    entities = [text_of(row.expressions[2], {}) for row in targets.expression.expressions]
    assert entities == ["a\ufffd", "b"]


def test_a_decimal_wider_than_sql_server_allows_keeps_its_integer_digits() -> None:
    table = Table(
        "d",
        "d",
        primary_id_attribute="did",
        columns=(
            Column("did", "did", ColumnType.UNIQUEIDENTIFIER),
            Column("places", "places", ColumnType.DECIMAL, precision=45),
        ),
    )
    text, diagnostics = render(TableSet((table,)), "sqlserver")
    create = next(s for s in parse(text) if isinstance(s, exp.Create))
    kind = next(c for c in create.find_all(exp.ColumnDef) if c.name == "places").args["kind"]
    assert kind.is_type("decimal") and [p.this.name for p in kind.expressions] == ["38", "26"]
    assert [d.message.startswith("SQL Server: places:") for d in diagnostics] == [True]
