"""The sql target's parts: names, escaping, the type table of each dialect, the decisions the
plan takes (NOT NULL, keys, omitted columns), SQL Server's cascade limits, diagnostics."""

from __future__ import annotations

import dataclasses
import pathlib
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from dvgen import escape
from dvgen.diagnostics import Diagnostics, Location, Severity
from dvgen.model import (
    CascadeConfiguration,
    CascadeType,
    Choice,
    Column,
    ColumnType,
    DateTimeBehavior,
    ManyToManyRelationship,
    ManyToManySide,
    OneToManyRelationship,
    Relationships,
    RequiredLevel,
    Table,
    TableSet,
)
from dvgen.render import render as render_template
from dvgen.targets.sql.context import ContextBuilder
from dvgen.targets.sql.dialects import Postgres
from dvgen.targets.sql.dialects.base import Description
from dvgen.targets.sql.dialects.sqlserver import SqlServer
from dvgen.targets.sql.keys import ForeignKeyPlan, OnDelete
from dvgen.targets.sql.names import NameRules, Namespace, SqlIdentifier, SqlText
from dvgen.targets.sql.plan import plan_column
from dvgen.targets.sql.target import DIALECTS, TEMPLATE, plan_schema, schema_context
from dvgen.webapi.properties import NOT_PROPERTIES
from tests.conftest import ROOT, resolve_clean
from tests.test_sql_support import HOSTILE, hostile_set, nul_set, render

# --- names ----------------------------------------------------------------------------------


def test_identifiers_are_always_quoted_and_their_quotes_doubled() -> None:
    assert SqlIdentifier("user").quoted == '"user"'
    assert SqlIdentifier('a"b').quoted == '"a""b"'
    assert SqlIdentifier("a]b", "[", "]").quoted == "[a]]b]"


def test_long_names_are_shortened_deterministically_and_never_collide() -> None:
    rules = NameRules(max_length=63)
    prefix = "contoso_" + "x" * 70
    first = [Namespace(rules).claim(prefix + "_a").name, Namespace(rules).claim(prefix + "_a").name]
    assert first[0] == first[1]
    namespace = Namespace(rules)
    names = [namespace.claim(prefix + suffix).name for suffix in ("_a", "_b", "_c")]
    assert len(set(names)) == 3
    assert all(len(n.encode()) <= 63 and n.startswith("contoso_xxx") for n in names)
    assert namespace.claim("short").name == "short"


def test_a_shortened_name_cannot_take_a_name_already_claimed() -> None:
    rules = NameRules(max_length=20)
    taken = Namespace(rules).claim("a" * 30).name
    namespace = Namespace(rules)
    assert namespace.claim(taken).name == taken
    assert namespace.claim("a" * 30).name not in (taken, "a" * 30)


def test_multibyte_names_are_cut_on_character_boundaries() -> None:
    name = Namespace(NameRules(max_length=20)).claim("é" * 30).name
    assert len(name.encode()) <= 20
    name.encode("utf-8").decode("utf-8")


def test_case_insensitive_dialects_see_a_clash_where_postgres_does_not() -> None:
    sqlite = Namespace(DIALECTS["sqlite"].NAME_RULES)
    postgres = Namespace(DIALECTS["postgres"].NAME_RULES)
    assert sqlite.claim("account").name == "account"
    assert sqlite.claim("Account").name != "Account"
    assert postgres.claim("account").name == "account"
    assert postgres.claim("Account").name == "Account"


def test_names_quoting_cannot_save_are_renamed() -> None:
    assert Namespace(NameRules(reserved=frozenset({"xmin"}))).claim("xmin").name != "xmin"
    renamed = Namespace(DIALECTS["sqlite"].NAME_RULES).claim("sqlite_table").name
    assert not renamed.startswith("sqlite_")


# --- escaping -------------------------------------------------------------------------------


def test_postgres_strings_mean_the_same_whatever_standard_conforming_strings() -> None:
    assert escape.postgres_string("it's") == "'it''s'"
    assert escape.postgres_string("a\\b'") == "E'a\\\\b'''"
    assert escape.postgres_string("a\r\n\x1b\u2028\t") == "E'a\\x0d\n\\x1b\\u2028\t'"


def test_sqlite_strings_spell_out_control_characters() -> None:
    assert escape.sqlite_string("it's") == "'it''s'"
    assert escape.sqlite_string("") == "''"
    assert escape.sqlite_string("a\rb\n") == "('a' || char(13) || 'b\n')"


def test_tsql_strings_are_unicode_and_splice_in_line_breaks_and_sqlcmd_markers() -> None:
    assert escape.tsql_string("it's\t") == "N'it''s\t'"
    assert escape.tsql_string("") == "N''"
    assert escape.tsql_string("a\r\nGO\n$(x)") == (
        "N'a' + NCHAR(13) + NCHAR(10) + N'GO' + NCHAR(10) + N'$' + N'(' + N'x)'"
    )
    assert escape.tsql_needs_expression("a\nb") and not escape.tsql_needs_expression("a'b\t")


def test_no_raw_carriage_return_or_control_character_reaches_a_script() -> None:
    for dialect in DIALECTS:
        text = render(hostile_set(), dialect, labels=True)[0]
        assert "\r" not in text and "\x1b" not in text, dialect


def test_sql_comments_stay_on_one_line() -> None:
    assert escape.sql_comment("a\nDROP TABLE x; --\r\u2028$(v)") == "a DROP TABLE x; -- $ (v)"


# --- the type table -------------------------------------------------------------------------


def column(kind: ColumnType, **fields: Any) -> Column:
    return Column("c", "c", kind, **fields)


TYPES: list[tuple[Column, str, str, str]] = [
    (column(ColumnType.UNIQUEIDENTIFIER), "uuid", "TEXT", "uniqueidentifier"),
    (column(ColumnType.STRING, max_length=100), "varchar(100)", "TEXT", "nvarchar(100)"),
    (column(ColumnType.STRING), "text", "TEXT", "nvarchar(max)"),
    (column(ColumnType.STRING, max_length=4000), "varchar(4000)", "TEXT", "nvarchar(4000)"),
    (column(ColumnType.STRING, max_length=4001), "text", "TEXT", "nvarchar(max)"),
    (column(ColumnType.MEMO, max_length=2000), "text", "TEXT", "nvarchar(2000)"),
    (column(ColumnType.MEMO, max_length=1048576), "text", "TEXT", "nvarchar(max)"),
    (column(ColumnType.MEMO, max_length=1073741823), "text", "TEXT", "nvarchar(max)"),
    (column(ColumnType.ENTITY_NAME), "text", "TEXT", "nvarchar(max)"),
    (column(ColumnType.INTEGER), "integer", "INTEGER", "int"),
    (column(ColumnType.BIG_INT), "bigint", "INTEGER", "bigint"),
    (
        column(
            ColumnType.MONEY, min_value=-922337203685477, max_value=922337203685477, precision=2
        ),
        "numeric(19, 4)",
        "REAL",
        "money",
    ),
    (
        column(ColumnType.DECIMAL, min_value=Decimal("1E-12"), max_value=10**11, precision=12),
        "numeric(24, 12)",
        "REAL",
        "decimal(24, 12)",
    ),
    (column(ColumnType.DECIMAL), "numeric(22, 10)", "REAL", "decimal(22, 10)"),
    (column(ColumnType.DOUBLE), "double precision", "REAL", "float"),
    (
        column(ColumnType.DATE_TIME, date_time_behavior=DateTimeBehavior.DATE_ONLY),
        "date",
        "TEXT",
        "date",
    ),
    (
        column(ColumnType.DATE_TIME, date_time_behavior=DateTimeBehavior.USER_LOCAL),
        "timestamp with time zone",
        "TEXT",
        "datetimeoffset",
    ),
    (
        column(ColumnType.DATE_TIME, date_time_behavior=DateTimeBehavior.TIME_ZONE_INDEPENDENT),
        "timestamp without time zone",
        "TEXT",
        "datetime2",
    ),
    (
        column(ColumnType.DATE_TIME, format="DateOnly"),
        "timestamp with time zone",
        "TEXT",
        "datetimeoffset",
    ),
    (column(ColumnType.BOOLEAN), "boolean", "INTEGER", "bit"),
    (column(ColumnType.MANAGED_PROPERTY), "boolean", "INTEGER", "bit"),
    (column(ColumnType.PICKLIST), "integer", "INTEGER", "int"),
    (column(ColumnType.MULTI_SELECT_PICKLIST), "integer[]", "TEXT", "nvarchar(4000)"),
    (column(ColumnType.IMAGE), "bytea", "BLOB", "varbinary(max)"),
    (column(ColumnType.FILE), "uuid", "TEXT", "uniqueidentifier"),
    (column(ColumnType.OWNER), "uuid", "TEXT", "uniqueidentifier"),
    (column(ColumnType.CUSTOMER), "uuid", "TEXT", "uniqueidentifier"),
]


@pytest.mark.parametrize(("source", "postgres", "sqlite", "sqlserver"), TYPES)
def test_type_mapping(source: Column, postgres: str, sqlite: str, sqlserver: str) -> None:
    plan = plan_column(Table("t", "t"), source, frozenset(), Diagnostics())
    found = [DIALECTS[name]().type_of(plan) for name in ("postgres", "sqlite", "sqlserver")]
    assert found == [postgres, sqlite, sqlserver]


def checks(dialect: str, source: Column) -> list[str]:
    plan = plan_column(Table("t", "t"), source, frozenset(), Diagnostics())
    return DIALECTS[dialect]().checks('"c"', plan)


def test_ranges_are_checked_only_where_the_type_does_not_already_hold_them() -> None:
    full = column(ColumnType.INTEGER, min_value=-(2**31), max_value=2**31 - 1)
    assert checks("postgres", full) == []
    assert checks("sqlite", full) == ['"c" BETWEEN -2147483648 AND 2147483647']
    assert checks("postgres", column(ColumnType.INTEGER, min_value=-1, max_value=2**31 - 1)) == [
        '"c" >= -1'
    ]
    money = column(ColumnType.MONEY, min_value=0, max_value=Decimal("1E+11"))
    assert checks("postgres", money) == ['"c" BETWEEN 0 AND 100000000000']


def test_lengths_are_counted_as_dataverse_counts_them() -> None:
    memo = column(ColumnType.MEMO, max_length=1048576)
    assert checks("postgres", memo) == ['char_length("c") <= 1048576']
    assert checks("sqlite", memo) == ['length("c") <= 1048576']
    assert checks("sqlserver", memo) == ['DATALENGTH("c") <= 2097152']


def test_choices_are_checked_against_their_values() -> None:
    picklist = column(ColumnType.PICKLIST, choices=(Choice(3, "b"), Choice(1, "a"), Choice(1, "a")))
    assert checks("postgres", picklist) == ['"c" IN (1, 3)']
    multi = column(ColumnType.MULTI_SELECT_PICKLIST, choices=(Choice(1, "a"), Choice(20, "b")))
    assert checks("postgres", multi) == ['"c" <@ ARRAY[1, 20] AND cardinality("c") > 0']
    text = checks("sqlite", multi)[0]
    assert text.startswith("\"c\" NOT GLOB '*[^0-9,-]*' AND ")
    assert "/ 4 * 3" in text and text.endswith('= length("c") + 1')


# --- the plan's decisions -------------------------------------------------------------------


def owner_table(**extra: Any) -> Table:
    return Table(
        "t",
        "t",
        primary_id_attribute="tid",
        columns=(
            Column("tid", "tid", ColumnType.UNIQUEIDENTIFIER),
            Column(
                "ownerid",
                "ownerid",
                ColumnType.OWNER,
                targets=("systemuser", "team"),
                required_level=RequiredLevel.SYSTEM_REQUIRED,
            ),
            Column(
                "owneridname",
                "owneridname",
                ColumnType.STRING,
                required_level=RequiredLevel.SYSTEM_REQUIRED,
                max_length=100,
            ),
            Column(
                "createdon",
                "createdon",
                ColumnType.DATE_TIME,
                required_level=RequiredLevel.SYSTEM_REQUIRED,
                valid_for_create=False,
            ),
            Column(
                "name",
                "name",
                ColumnType.STRING,
                required_level=RequiredLevel.APPLICATION_REQUIRED,
                max_length=100,
            ),
            Column("to", "to", ColumnType.PARTY_LIST),
            Column("secret", "secret", ColumnType.STRING, valid_for_read=False),
            Column("onlyview", "onlyview", ColumnType.VIRTUAL),
        ),
        **extra,
    )


def test_not_null_is_system_required_except_derived_lookup_names() -> None:
    text, _ = render(TableSet((owner_table(),)), "postgres")
    assert '"ownerid" uuid NOT NULL,' in text
    assert '"createdon" timestamp with time zone NOT NULL' in text
    assert '"owneridname" varchar(100),' in text
    assert '"name" varchar(100),' in text


def test_columns_without_a_stored_value_are_named_not_dropped() -> None:
    text, diagnostics = render(TableSet((owner_table(),)), "sqlite")
    assert "-- Not stored: onlyview (Virtual: it has no stored value)" in text
    assert "-- Not stored: secret (not valid for read)" in text
    assert "-- Not stored: to (PartyList: its parties are rows of activityparty)" in text
    assert '"to"' not in text and '"secret"' not in text
    infos = sorted(d.message for d in diagnostics if "is not stored" in d.message)
    assert all(d.severity is Severity.INFO for d in diagnostics)
    assert infos == [
        "sql: column t.onlyview is not stored (Virtual: it has no stored value)",
        "sql: column t.secret is not stored (not valid for read)",
        "sql: column t.to is not stored (PartyList: its parties are rows of activityparty)",
    ]


def lookup_set(delete: CascadeType | None, targets: tuple[str, ...] = ("p",)) -> TableSet:
    relationship = OneToManyRelationship(
        "p_c",
        referenced_entity="p",
        referenced_attribute="pid",
        referencing_entity="c",
        referencing_attribute="parent",
        cascade_configuration=CascadeConfiguration(delete=delete) if delete else None,
    )
    parent = Table(
        "p",
        "p",
        primary_id_attribute="pid",
        columns=(Column("pid", "pid", ColumnType.UNIQUEIDENTIFIER),),
    )
    child = Table(
        "c",
        "c",
        primary_id_attribute="cid",
        columns=(
            Column("cid", "cid", ColumnType.UNIQUEIDENTIFIER),
            Column("parent", "parent", ColumnType.LOOKUP, targets=targets),
        ),
        relationships=Relationships(many_to_one=(relationship,)),
    )
    return resolve_clean([parent, child])


@pytest.mark.parametrize(
    ("delete", "postgres", "sqlserver"),
    [
        (CascadeType.CASCADE, "ON DELETE CASCADE", "ON DELETE CASCADE"),
        (CascadeType.REMOVE_LINK, "ON DELETE SET NULL", "ON DELETE SET NULL"),
        (CascadeType.RESTRICT, "ON DELETE RESTRICT", "ON DELETE NO ACTION"),
        (CascadeType.NO_CASCADE, "ON DELETE NO ACTION", "ON DELETE NO ACTION"),
        (None, "ON DELETE NO ACTION", "ON DELETE NO ACTION"),
    ],
)
def test_on_delete_comes_from_the_relationship(
    delete: CascadeType | None, postgres: str, sqlserver: str
) -> None:
    tables = lookup_set(delete)
    assert (
        f'REFERENCES "p" ("pid") {postgres} DEFERRABLE INITIALLY DEFERRED;'
        in render(tables, "postgres")[0]
    )
    assert f"REFERENCES [dbo].[p] ([pid]) {sqlserver};" in render(tables, "sqlserver")[0]
    assert f'REFERENCES "p" ("pid") {postgres} DEFERRABLE' in render(tables, "sqlite")[0]


def test_lookups_without_one_target_in_the_set_get_a_note_not_a_key() -> None:
    several = render(lookup_set(CascadeType.CASCADE, ("p", "q")), "postgres")[0]
    assert "FOREIGN KEY" not in several
    assert "-- polymorphic lookup to p, q: no foreign key" in several
    alone = Table(  # a lookup to q alone (with p_c, resolve would take p: the relationship's)
        "c",
        "c",
        primary_id_attribute="cid",
        columns=(
            Column("cid", "cid", ColumnType.UNIQUEIDENTIFIER),
            Column("parent", "parent", ColumnType.LOOKUP, targets=("q",)),
        ),
    )
    outside = render(resolve_clean([alone]), "postgres")[0]
    assert "FOREIGN KEY" not in outside
    assert "-- lookup to q, not in this set: no foreign key" in outside
    polymorphic = render(TableSet((owner_table(),)), "postgres")[0]
    assert "-- polymorphic Owner lookup to systemuser, team: no foreign key" in polymorphic


def test_a_key_to_a_column_that_is_not_the_primary_key_is_reported() -> None:
    tables = lookup_set(CascadeType.CASCADE)
    child = tables.by_name["c"]
    relationship = dataclasses.replace(
        child.relationships.many_to_one[0], referenced_attribute="other"
    )
    child = dataclasses.replace(child, relationships=Relationships(many_to_one=(relationship,)))
    text, diagnostics = render(resolve_clean([tables.by_name["p"], child]), "postgres")
    assert "FOREIGN KEY" not in text
    assert any("not a primary key column" in d.message for d in diagnostics)


# --- SQL Server's cascade paths -------------------------------------------------------------


def key(table: str, target: str, action: OnDelete = OnDelete.CASCADE) -> ForeignKeyPlan:
    from dvgen.diagnostics import Location

    return ForeignKeyPlan(table, f"{target}id", target, f"{target}id", action, None, Location("x"))


def test_sql_server_keeps_one_cascade_path_and_no_cycle() -> None:
    server = SqlServer()
    self_reference = key("a", "a")
    assert server.cascade_conflicts([self_reference]) == {self_reference}
    cycle = [key("b", "a"), key("a", "b")]
    assert server.cascade_conflicts(cycle) == {cycle[1]}
    diamond = [key("b", "a"), key("c", "a"), key("d", "b"), key("d", "c")]
    assert server.cascade_conflicts(diamond) == {diamond[3]}
    twice = [key("b", "a"), dataclasses.replace(key("b", "a"), column="second")]
    assert server.cascade_conflicts(twice) == {twice[1]}
    chain = [key("b", "a"), key("c", "b", OnDelete.SET_NULL), key("c", "a", OnDelete.NO_ACTION)]
    assert server.cascade_conflicts(chain) == set()
    assert DIALECTS["postgres"]().cascade_conflicts([self_reference]) == set()


# --- diagnostics ----------------------------------------------------------------------------


def test_text_no_database_can_store_is_reported_and_replaced() -> None:
    table = Table(
        "t",
        "t",
        description="a\x00b",
        primary_id_attribute="tid",
        columns=(Column("tid", "tid", ColumnType.UNIQUEIDENTIFIER),),
    )
    text, diagnostics = render(TableSet((table,)), "postgres")
    assert "'a\ufffdb'" in text
    assert any("NUL" in d.message for d in diagnostics)


def test_sql_server_descriptions_longer_than_an_extended_property_are_cut_and_reported() -> None:
    table = Table(
        "t",
        "t",
        description="é" * 5000,
        primary_id_attribute="tid",
        columns=(Column("tid", "tid", ColumnType.UNIQUEIDENTIFIER),),
    )
    text, diagnostics = render(TableSet((table,)), "sqlserver")
    assert "N'" + "é" * 3750 + "'" in text and "é" * 3751 not in text
    assert any("longer than 3750" in d.message for d in diagnostics)
    assert "é" * 5000 in render(TableSet((table,)), "postgres")[0]


def test_a_table_without_a_primary_key_is_reported() -> None:
    table = Table("t", "t", columns=(Column("a", "a", ColumnType.STRING),))
    text, diagnostics = render(TableSet((table,)), "postgres")
    assert "PRIMARY KEY" not in text
    assert [d.message for d in diagnostics] == ["sql: table 't' has no primary key column"]


def test_a_table_with_nothing_to_store_is_reported_not_created() -> None:
    empty = Table("e", "e", columns=(Column("to", "to", ColumnType.PARTY_LIST),))
    for dialect in DIALECTS:
        text, diagnostics = render(TableSet((empty,)), dialect)
        assert "CREATE TABLE" not in text
        assert "sql: table 'e' has no column to store: not created" in [
            d.message for d in diagnostics
        ]


def test_output_is_deterministic_and_ends_with_one_newline(seed_set: TableSet) -> None:
    for dialect in DIALECTS:
        first, second = render(seed_set, dialect, True)[0], render(seed_set, dialect, True)[0]
        assert first == second
        assert first.endswith(";\n") and not first.endswith("\n\n") and "\r" not in first


def test_intersect_tables_reference_both_sides_and_cascade() -> None:
    side = ManyToManySide("p", "pid")
    relationship = ManyToManyRelationship(
        "p_q", "p_q", this_table=side, other_table=ManyToManySide("q", "qid")
    )
    parent = Table(
        "p",
        "p",
        primary_id_attribute="pid",
        columns=(Column("pid", "pid", ColumnType.UNIQUEIDENTIFIER),),
        relationships=Relationships(many_to_many=(relationship,)),
    )
    intersect = Table(
        "p_q",
        "p_q",
        primary_id_attribute="p_qid",
        columns=tuple(Column(n, n, ColumnType.UNIQUEIDENTIFIER) for n in ("p_qid", "pid", "qid")),
    )
    text = render(resolve_clean([parent, intersect]), "postgres")[0]
    assert 'FOREIGN KEY ("pid") REFERENCES "p" ("pid") ON DELETE CASCADE' in text
    assert '"qid"' in text and 'FOREIGN KEY ("qid")' not in text  # q is not in the set


def test_a_many_to_many_of_the_schema_without_its_intersect_table_is_noted() -> None:
    """Two tables of the set related many-to-many, no spec of the intersect table: a note
    (Dataverse has that table; dvgen does not invent its columns). With it, none."""
    side = ManyToManySide("p", "pid")
    relationship = ManyToManyRelationship(
        "p_q", "p_q", this_table=side, other_table=ManyToManySide("q", "qid")
    )

    def table(name: str, *columns: str, m2m: bool = False) -> Table:
        return Table(
            name,
            name,
            primary_id_attribute=columns[0],
            columns=tuple(Column(n, n, ColumnType.UNIQUEIDENTIFIER) for n in columns),
            relationships=Relationships(many_to_many=(relationship,) if m2m else ()),
        )

    both = [table("p", "pid", m2m=True), table("q", "qid")]
    _, diagnostics = render(resolve_clean(both), "sqlite")
    (note,) = [d for d in diagnostics if d.code == "sql-intersect-absent"]
    assert note.severity is Severity.INFO
    assert "'p_q' of 'p' and 'q': no spec defines its intersect table 'p_q'" in note.message
    with_intersect = [*both, table("p_q", "p_qid", "pid", "qid")]
    _, diagnostics = render(resolve_clean(with_intersect), "sqlite")
    assert not [d for d in diagnostics if d.code == "sql-intersect-absent"]
    _, diagnostics = render(resolve_clean(both[:1]), "sqlite")  # q outside the set: no note
    assert not [d for d in diagnostics if d.code == "sql-intersect-absent"]


def test_a_primary_key_of_another_type_is_still_the_key() -> None:
    table = Table(
        "t",
        "t",
        primary_id_attribute="code",
        columns=(Column("code", "code", ColumnType.STRING, max_length=10),),
    )
    text, diagnostics = render(TableSet((table,)), "postgres")
    assert '"code" varchar(10) NOT NULL,' in text and 'PRIMARY KEY ("code")' in text
    assert "DEFAULT" not in text and not list(diagnostics)


def test_label_tables_keep_the_first_of_a_repeated_option_value_and_say_so() -> None:
    picklist = Column("p", "p", ColumnType.PICKLIST, choices=(Choice(1, "a"), Choice(1, "b")))
    table = Table(
        "t",
        "t",
        primary_id_attribute="tid",
        columns=(Column("tid", "tid", ColumnType.UNIQUEIDENTIFIER), picklist),
    )
    text, diagnostics = render(TableSet((table,)), "postgres", labels=True)
    assert "('t', 'p', 1, false, 1033, 'a')" in text and "'b')" not in text
    assert any("listed twice" in d.message for d in diagnostics)


# --- NUL: replaced where any text becomes SQL, reported once at its place --------------------


@pytest.mark.parametrize("dialect", list(DIALECTS))
def test_nul_anywhere_becomes_u_fffd_reported_once_per_place(dialect: str) -> None:
    text, diagnostics = render(nul_set(), dialect, labels=True)
    assert "\x00" not in text
    assert "g\ufffd" in text and "one\ufffd" in text and "a\ufffd" in text
    assert "t\ufffd" in text and "pick\ufffd" in text
    found = sorted(str(d.location) for d in diagnostics if "NUL" in d.message)
    assert found == ["nul.yaml:3", "nul.yaml:4", "nul.yaml:5"]
    assert all(d.severity is Severity.WARNING for d in diagnostics if "NUL" in d.message)


def test_no_escaping_path_of_a_dialect_fails_on_nul() -> None:
    for dialect in DIALECTS.values():
        diagnostics = Diagnostics()
        spelled = dialect(diagnostics).literal("a\x00'b", Location("x.yaml", 1))
        assert "\x00" not in spelled and "\ufffd" in spelled
        assert [str(d) for d in diagnostics] == [
            "x.yaml:1: warning: sql: text holds a NUL character, which no database stores: U+FFFD "
            "[sql-nul]"
        ]


# --- numbers: the bounds every target uses, the sizes they need -----------------------------


def planned(source: Column, diagnostics: Diagnostics | None = None) -> Any:
    found = Diagnostics() if diagnostics is None else diagnostics
    return plan_column(Table("t", "t"), source, frozenset(), found)


def test_decimals_are_sized_from_both_effective_bounds() -> None:
    one_side = column(ColumnType.DECIMAL, precision=2, min_value=0)
    assert [DIALECTS[d]().type_of(planned(one_side)) for d in ("postgres", "sqlserver")] == [
        "numeric(14, 2)",
        "decimal(14, 2)",
    ]
    assert checks("postgres", one_side) == ['"c" BETWEEN 0 AND 100000000000']
    money = column(ColumnType.MONEY, max_value=100)
    assert DIALECTS["postgres"]().type_of(planned(money)) == "numeric(19, 4)"
    assert checks("postgres", money) == ['"c" BETWEEN -922337203685477 AND 100']


def test_ranges_agree_with_the_record_targets() -> None:
    diagnostics = Diagnostics()
    backwards = column(ColumnType.INTEGER, min_value=10, max_value=5)
    assert planned(backwards, diagnostics).minimum is None
    assert checks("postgres", backwards) == []
    assert checks("sqlite", backwards) == ['"c" BETWEEN -2147483648 AND 2147483647']
    assert ["MinValue is above MaxValue" in d.message for d in diagnostics] == [True]
    wide = column(ColumnType.DECIMAL, min_value=Decimal("-1E+15"), max_value=5)
    assert checks("postgres", wide) == ['"c" BETWEEN -100000000000 AND 5']
    assert DIALECTS["postgres"]().type_of(planned(wide)) == "numeric(22, 10)"
    double = column(ColumnType.DOUBLE)
    assert checks("sqlite", double) == ['"c" BETWEEN -100000000000 AND 100000000000']
    diagnostics = Diagnostics()
    planned(column(ColumnType.MONEY, max_value=Decimal("1E+20")), diagnostics)
    assert any("exceed what the type can hold" in d.message for d in diagnostics)


def test_numeric_types_stay_within_each_dialects_digits_and_say_so() -> None:
    many = column(ColumnType.DECIMAL, precision=45, loc=Location("d.yaml", 7))
    diagnostics = Diagnostics()
    assert SqlServer(diagnostics).type_of(planned(many)) == "decimal(38, 26)"
    assert [str(d.location) for d in diagnostics] == ["d.yaml:7"]
    assert "45 decimal places" in diagnostics.items[0].message
    assert DIALECTS["postgres"](diagnostics).type_of(planned(many)) == "numeric(57, 45)"
    most = column(ColumnType.DECIMAL, precision=995)
    diagnostics = Diagnostics()
    assert DIALECTS["postgres"](diagnostics).type_of(planned(most)) == "numeric(1000, 988)"
    assert [d.severity for d in diagnostics] == [Severity.WARNING]


# --- shared pieces and lookups ----------------------------------------------------------------


def test_what_is_stored_follows_the_shared_list_of_columns_without_a_value(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(NOT_PROPERTIES, ColumnType.IMAGE, "Image: test reason")
    table = Table(
        "t",
        "t",
        primary_id_attribute="tid",
        columns=(Column("tid", "tid", ColumnType.UNIQUEIDENTIFIER), column(ColumnType.IMAGE)),
    )
    assert "-- Not stored: c (Image: test reason)" in render(TableSet((table,)), "postgres")[0]


def test_a_long_list_of_lookup_targets_is_cut() -> None:
    targets = tuple(f"t{n}" for n in range(10))
    table = Table(
        "x",
        "x",
        primary_id_attribute="xid",
        columns=(
            Column("xid", "xid", ColumnType.UNIQUEIDENTIFIER),
            Column("l", "l", ColumnType.LOOKUP, targets=targets),
        ),
    )
    text = render(TableSet((table,)), "postgres")[0]
    assert "-- polymorphic lookup to t0, t1, t2, t3, t4, t5, t6, t7 and 2 more: no" in text


# --- names: every changed name reported, constraints too --------------------------------------


def test_a_shortened_constraint_name_is_reported() -> None:
    name = "contoso_" + "x" * 60
    table = Table(
        name,
        name,
        primary_id_attribute="tid",
        columns=(
            Column("tid", "tid", ColumnType.UNIQUEIDENTIFIER),
            column(ColumnType.INTEGER, min_value=0, loc=Location("c.yaml", 9)),
        ),
        loc=Location("c.yaml", 1),
    )
    _, diagnostics = render(TableSet((table,)), "postgres")
    renamed = sorted(
        (str(d.location), d.message.split("'")[1][:3])
        for d in diagnostics
        if ": constraint " in d.message and "is created as" in d.message
    )
    assert renamed == [("c.yaml:1", "pk_"), ("c.yaml:9", "ck_")]


def test_column_names_follow_the_dialects_rules_but_for_table_prefixes() -> None:
    table = Table(
        "sqlite_t",
        "sqlite_t",
        primary_id_attribute="sqlite_id",
        columns=(
            Column("sqlite_id", "sqlite_id", ColumnType.UNIQUEIDENTIFIER),
            Column("Name", "Name", ColumnType.STRING),
            Column("name", "name", ColumnType.STRING),
        ),
    )
    text, diagnostics = render(TableSet((table,)), "sqlite")
    assert 'CREATE TABLE "xsqlite_t_' in text and '"sqlite_id" TEXT NOT NULL' in text
    assert '"Name" TEXT' in text and '"name" TEXT' not in text  # names ignore case
    assert len([d for d in diagnostics if "is created as" in d.message]) == 2


# --- templates: layout only, and only SqlText to print ----------------------------------------


def sql_texts(value: object, where: str = "context") -> Iterator[tuple[str, object]]:
    """Every printable leaf of a template context, with its path."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from sql_texts(item, f"{where}.{key}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from sql_texts(item, f"{where}[{index}]")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for member in dataclasses.fields(value):
            yield from sql_texts(getattr(value, member.name), f"{where}.{member.name}")


@pytest.mark.parametrize("dialect", list(DIALECTS))
def test_templates_receive_only_sql_text(dialect: str) -> None:
    diagnostics = Diagnostics()
    plan = plan_schema(hostile_set(), diagnostics, labels=True)
    context = schema_context(plan, DIALECTS[dialect](diagnostics), diagnostics)
    leaves = list(sql_texts(context))
    # each table's block is rendered by sql/table.sql.jinja from its SqlTable: check those too
    builder = ContextBuilder(DIALECTS[dialect](diagnostics), diagnostics)
    builder.claim_names([*plan.tables, *plan.labels])
    tables = [builder.table(t, plan.notes[t.logical_name]) for t in plan.tables]
    leaves += list(sql_texts([*tables, *(builder.table(t, {}) for t in plan.labels)]))
    assert len(leaves) > 100
    assert [where for where, text in leaves if not isinstance(text, SqlText)] == []


@pytest.mark.parametrize("dialect", list(DIALECTS))
def test_spec_text_appears_only_escaped(dialect: str) -> None:
    """Remove every escaped form of the hostile texts: nothing of them is left."""
    tables = hostile_set()
    text = render(tables, dialect, labels=True)[0]
    spell = DIALECTS[dialect]()
    key = tables.by_name["user"].column("key")
    assert key is not None
    labels = [c.label or "" for c in key.choices]
    forms = [spell.string(HOSTILE), *spell.comment_lines(HOSTILE, Location("x"))]
    forms += [spell.string(label) for label in labels]
    for form in sorted(set(forms), key=len, reverse=True):
        text = text.replace(form, "")
    for fragment in ("DROP TABLE", "*/", "$(", ":r evil", "backslash", "it's", "\u202e"):
        assert fragment not in text, (fragment, dialect)


def test_a_dialect_writes_its_description_statements_and_the_template_only_lays_them_out() -> None:
    class Noted(Postgres):
        def comment(self, item: Description) -> list[SqlText]:
            column = "" if item.column is None else f".{item.column.name}"
            return [SqlText(f"-- described: {item.table.name}{column}")]

    diagnostics = Diagnostics()
    plan = plan_schema(TableSet((owner_table(description="d"),)), diagnostics, labels=False)
    text = render_template(TEMPLATE, None, **schema_context(plan, Noted(), diagnostics))
    assert "-- described: t\n" in text and "COMMENT ON" not in text
    macros = (ROOT / "templates" / "sql" / "_macros.sql.jinja").read_text(encoding="utf-8")
    assert "sp_addextendedproperty" not in macros and "COMMENT ON" not in macros


def test_a_type_without_digits_is_not_reported_for_them() -> None:
    diagnostics = Diagnostics()
    money = planned(column(ColumnType.MONEY, precision=30))
    assert SqlServer(diagnostics).type_of(money) == "money" and not diagnostics.items


def test_an_owner_column_lists_users_and_teams_not_the_principal_its_relationship_names() -> None:
    """The owner relationship (``owner_x_things``, as a solution holds it) references ``owner``,
    the Web API's abstract principal: the Owner column's note, and its label-table targets,
    name the tables it holds, users and teams, never a table called ``owner``."""
    from tests.test_odata_support import lookup, rel
    from tests.test_odata_support import table as make

    owner = rel("owner_x_things", "owner", "x_thing", "ownerid", referenced_attribute="ownerid")
    thing = make(
        "x_thing", lookup("ownerid", "systemuser", "team", kind=ColumnType.OWNER), m2o=(owner,)
    )
    sql, _ = render(resolve_clean([thing]), "postgres", labels=True)
    assert "polymorphic Owner lookup to systemuser, team: no foreign key" in sql
    assert "'owner'" not in sql and "team, owner" not in sql


@pytest.mark.parametrize("language", [1036, 1033])
def test_label_tables_give_each_label_the_language_it_was_read_in(
    tmp_path: pathlib.Path, language: int
) -> None:
    """A solution read in French (``language = 1036``): its options' labels are French, and the
    label tables say 1036 for them, 1033 for the labels of the reference pages (English).
    Read in English, every row says 1033 (before: 1033 for every label, whatever language)."""
    import sqlite3

    from dvgen.config import Config
    from dvgen.pipeline import generate
    from tests.solution_support import write_solution

    specs = tmp_path / "specs"
    write_solution(specs / "ContosoSites")
    seed = ROOT / "specs" / "backgroundoperation.md"
    (specs / seed.name).write_bytes(seed.read_bytes())
    config = Config(
        specs=specs,
        out=tmp_path / "out",
        cache=False,
        language=language,
        targets=("sql",),
        sql_dialects=("sqlite",),
        sql_label_tables=True,
    )
    generation = generate(config, Diagnostics())
    db = sqlite3.connect(":memory:")
    db.executescript(generation.files["sql/sqlite/schema.sql"])
    rows = db.execute(
        'SELECT "OptionSetName", "LocalizedLabelLanguageCode", "LocalizedLabel" '
        'FROM "GlobalOptionsetMetadata" WHERE "Option" = 412340000'
    ).fetchall()
    page = db.execute(
        'SELECT DISTINCT "LocalizedLabelLanguageCode" FROM "GlobalOptionsetMetadata" '
        "WHERE \"EntityName\" = 'backgroundoperation'"
    ).fetchall()
    assert page == [(1033,)]
    (segment,) = rows
    assert segment[:2] == ("contoso_segment", language)
    assert (segment[2] == "Entreprise") is (language == 1036)


_CLAIM_RULES = [
    NameRules(max_length=12, reserved=frozenset({"xmin"})),
    NameRules(case_insensitive=True, reserved_prefixes=("sqlite_",)),
    NameRules(opening="[", closing="]", max_length=10, case_insensitive=True),
]
_CLAIM_NAMES = [
    ["a", "b", "c"],
    ["a", "A", "b"],  # one name twice where case does not count
    ["abcdefghijklm", "b"],  # longer than a limit
    ["éééééé", "b"],  # 12 bytes in UTF-8, 6 characters
    ["XMIN", "xmin2"],  # a name the database keeps (case-insensitively)
    ["Sqlite_x", "y"],  # a prefix the database keeps
    ["taken", "z"],  # a name the namespace holds already
    ["a]b", "c"],  # a closing quote in the name
    [],
]


@pytest.mark.parametrize("rules", _CLAIM_RULES)
@pytest.mark.parametrize("names", _CLAIM_NAMES)
def test_claim_all_is_each_name_claimed_in_turn(rules: NameRules, names: list[str]) -> None:
    """``claim_all`` tests every name at once (``_all_usable``), and hands out what claiming
    each name in turn would, whatever makes a name unusable as it is."""
    at_once, in_turn = Namespace(rules, {"taken"}), Namespace(rules, {"taken"})
    assert at_once.claim_all(names) == [in_turn.claim_checked(name) for name in names]
    assert at_once.taken == in_turn.taken


@pytest.mark.parametrize("rules", _CLAIM_RULES)
@pytest.mark.parametrize("names", _CLAIM_NAMES)
def test_claim_names_are_the_identifiers_names(rules: NameRules, names: list[str]) -> None:
    """``claim_names`` and ``quoted_all`` (a replayed table's constraints) give the names and
    the quoted text of the identifiers ``claim_all`` makes, and take the same names."""
    by_name, by_identifier = Namespace(rules, {"taken"}), Namespace(rules, {"taken"})
    claimed = by_name.claim_names(names)
    identifiers = [ident for ident, _ in by_identifier.claim_all(names)]
    assert claimed == [ident.name for ident in identifiers]
    assert by_name.quoted_all(claimed) == [ident.quoted for ident in identifiers]
    assert by_name.taken == by_identifier.taken
