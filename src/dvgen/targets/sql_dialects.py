"""SQL dialects: each a small class of data (a type-mapping table and feature flags) that
overrides a method only where a statement's structure differs, in the manner of sqlglot.

PostgreSQL is the base: its spelling is closest to the standard. SQLite stores few types (STRICT
tables take INTEGER, REAL, TEXT and BLOB), so it checks in CHECK constraints what the others
check in types. SQL Server cannot cascade along two paths or round a cycle, so it trims ON DELETE
actions (see ``SqlServer.cascade_conflicts``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import ClassVar

from dvgen import escape
from dvgen.targets.sql_keys import ForeignKeyPlan, OnDelete
from dvgen.targets.sql_names import NameRules
from dvgen.targets.sql_plan import INT32_RANGE, ColumnPlan, SqlKind, decimal_text


class Dialect:
    """The base: PostgreSQL's spelling, the closest to the standard."""

    name: ClassVar[str] = "postgres"
    title: ClassVar[str] = "PostgreSQL"
    usage: ClassVar[str] = "psql -v ON_ERROR_STOP=1 -f schema.sql (PostgreSQL 13 or later)"
    TYPE_MAPPING: ClassVar[dict[SqlKind, str]] = {
        SqlKind.UUID: "uuid",
        SqlKind.TEXT: "varchar({length})",
        SqlKind.INT32: "integer",
        SqlKind.INT64: "bigint",
        SqlKind.DECIMAL: "numeric({precision}, {scale})",
        SqlKind.MONEY: "numeric({precision}, {scale})",
        SqlKind.DOUBLE: "double precision",
        SqlKind.DATE: "date",
        SqlKind.TIMESTAMP: "timestamp without time zone",
        SqlKind.TIMESTAMP_TZ: "timestamp with time zone",
        SqlKind.BOOLEAN: "boolean",
        SqlKind.CHOICE: "integer",
        SqlKind.CHOICES: "integer[]",
        SqlKind.BINARY: "bytea",
    }
    TEXT_UNBOUNDED: ClassVar[str] = "text"
    MAX_TEXT_LENGTH: ClassVar[int] = 10_485_760
    """The longest length the TEXT type takes; longer ones are unbounded plus a CHECK."""
    MAX_NUMERIC_PRECISION: ClassVar[int] = 1000
    NAME_RULES: ClassVar[NameRules] = NameRules(max_length=63)
    RESERVED_COLUMNS: ClassVar[frozenset[str]] = frozenset(
        {"tableoid", "xmin", "cmin", "xmax", "cmax", "ctid"}
    )
    """System columns: no user column may take these names, quoted or not."""
    SCHEMA: ClassVar[str | None] = None
    EXPLICIT_NULL: ClassVar[bool] = False
    TRUE: ClassVar[str] = "true"
    FALSE: ClassVar[str] = "false"
    NEW_UUID: ClassVar[str] = "gen_random_uuid()"
    NAMED_DEFAULTS: ClassVar[bool] = False
    """Name DEFAULT constraints (SQL Server makes up random names otherwise)."""
    COMMENTS: ClassVar[str] = "comment_on"
    """How descriptions are stored: comment_on, extended_property or inline (SQL comments)."""
    MAX_COMMENT_LENGTH: ClassVar[int | None] = None
    DESCRIPTION_VARIABLE: ClassVar[str] = ""
    """Declares @description, which passes an extended property a text spliced together."""
    INLINE_FOREIGN_KEYS: ClassVar[bool] = False
    DEFERRABLE: ClassVar[str] = " DEFERRABLE INITIALLY DEFERRED"
    ON_DELETE: ClassVar[dict[OnDelete, str]] = {action: action.value for action in OnDelete}
    TABLE_OPTIONS: ClassVar[str] = ""
    PREAMBLE: ClassVar[tuple[str, ...]] = ("SET client_encoding = 'UTF8';",)
    BEGIN: ClassVar[str] = "BEGIN;"
    COMMIT: ClassVar[str] = "COMMIT;"
    MAX_ROWS_PER_INSERT: ClassVar[int] = 500
    LENGTH_CHECK: ClassVar[str] = "char_length({column}) <= {length}"
    BINARY_LENGTH_CHECK: ClassVar[str] = "octet_length({column}) <= {length}"
    INT32_CHECKED: ClassVar[bool] = False
    """INTEGER is 64 bits wide: Integer columns always check the 32-bit range."""
    FORMAT_CHECKS: ClassVar[dict[SqlKind, str]] = {}
    """Kind -> CHECK for values the type itself does not constrain (SQLite's TEXT dates)."""

    def string(self, text: str) -> str:
        return escape.postgres_string(text)

    def literal(self, value: object) -> str:
        if value is None:
            return "NULL"
        if isinstance(value, bool):
            return self.TRUE if value else self.FALSE
        if isinstance(value, str):
            return self.string(value)
        return str(value)

    def type_of(self, column: ColumnPlan) -> str:
        if column.kind is SqlKind.TEXT and (
            column.length is None or column.length > self.MAX_TEXT_LENGTH
        ):
            return self.TEXT_UNBOUNDED
        precision = column.precision
        if precision is not None:
            precision = min(precision, self.MAX_NUMERIC_PRECISION)
        return self.TYPE_MAPPING[column.kind].format(
            length=column.length, precision=precision, scale=column.scale
        )

    def default_of(self, column: ColumnPlan) -> str | None:
        if column.new_id:
            return self.NEW_UUID
        return None if column.default is None else self.literal(column.default)

    def checks(self, name: str, column: ColumnPlan) -> list[str]:
        """The conditions of a column's CHECK constraint (``name`` is its quoted name)."""
        found = [check.format(column=name) for check in self._format_checks(column)]
        found.extend(self._range_checks(name, column))
        if column.kind is SqlKind.TEXT and column.length is not None:
            if self.type_of(column) == self.TEXT_UNBOUNDED:
                found.append(self.length_check(name, column.length))
        if column.kind is SqlKind.BINARY and column.length is not None:
            found.append(self.BINARY_LENGTH_CHECK.format(column=name, length=column.length))
        if column.kind is SqlKind.CHOICE and column.choices:
            found.append(f"{name} IN ({', '.join(map(str, column.choices))})")
        if column.kind is SqlKind.CHOICES and column.choices:
            found.append(self.choices_check(name, column.choices))
        return found

    def _format_checks(self, column: ColumnPlan) -> list[str]:
        check = self.FORMAT_CHECKS.get(column.kind)
        return [check] if check else []

    def length_check(self, name: str, length: int) -> str:
        return self.LENGTH_CHECK.format(column=name, length=length)

    def _range_checks(self, name: str, column: ColumnPlan) -> list[str]:
        low, high = column.minimum, column.maximum
        if self.INT32_CHECKED and column.kind is SqlKind.INT32:
            low = INT32_RANGE[0] if low is None else low
            high = INT32_RANGE[1] if high is None else high
        if low is not None and high is not None:
            return [f"{name} BETWEEN {decimal_text(low)} AND {decimal_text(high)}"]
        if low is not None:
            return [f"{name} >= {decimal_text(low)}"]
        if high is not None:
            return [f"{name} <= {decimal_text(high)}"]
        return []

    def choices_check(self, name: str, values: Sequence[int]) -> str:
        """A multi-select column is an array of option values: all allowed, at least one."""
        listed = ", ".join(map(str, values))
        return f"{name} <@ ARRAY[{listed}] AND cardinality({name}) > 0"

    def on_delete(self, key: ForeignKeyPlan) -> str:
        return self.ON_DELETE[key.on_delete]

    def cascade_conflicts(self, keys: Sequence[ForeignKeyPlan]) -> set[ForeignKeyPlan]:
        """Keys whose ON DELETE action this dialect cannot keep (none here)."""
        return set()


class Postgres(Dialect):
    """PostgreSQL: the base spelling as it is."""


class _TextChoices(Dialect):
    """Dialects without arrays keep a multi-select value as the Web API writes it: "1,3"."""

    LENGTH_FUNCTION: ClassVar[str] = "length"
    CONCAT: ClassVar[str] = "||"
    NOT_DIGITS: ClassVar[str] = "{column} NOT GLOB '*[^0-9,-]*'"

    def choices_check(self, name: str, values: Sequence[int]) -> str:
        """Only allowed values, comma-separated: every value removed from ``,v1,v2,`` accounts
        for the whole text (a flat sum of REPLACE counts, so no nesting limit is reached)."""
        length, plus = self.LENGTH_FUNCTION, self.CONCAT
        wrapped = f"{self.string(',')} {plus} {name} {plus} {self.string(',')}"
        terms = []
        for value in values:
            token = self.string(f",{value},")
            removed = f"{length}({wrapped}) - {length}(REPLACE({wrapped}, {token}, ''))"
            terms.append(f"({removed}) / {len(str(value)) + 2} * {len(str(value)) + 1}")
        digits = self.NOT_DIGITS.format(column=name)
        return f"{digits} AND {' + '.join(terms)} = {length}({name}) + 1"


class Sqlite(_TextChoices):
    name = "sqlite"
    title = "SQLite"
    usage = "sqlite3 database.db < schema.sql (SQLite 3.37 or later: STRICT tables)"
    TYPE_MAPPING: ClassVar[dict[SqlKind, str]] = {
        **Dialect.TYPE_MAPPING,
        SqlKind.UUID: "TEXT",
        SqlKind.TEXT: "TEXT",
        SqlKind.INT32: "INTEGER",
        SqlKind.INT64: "INTEGER",
        SqlKind.DECIMAL: "REAL",
        SqlKind.MONEY: "REAL",
        SqlKind.DOUBLE: "REAL",
        SqlKind.DATE: "TEXT",
        SqlKind.TIMESTAMP: "TEXT",
        SqlKind.TIMESTAMP_TZ: "TEXT",
        SqlKind.BOOLEAN: "INTEGER",
        SqlKind.CHOICE: "INTEGER",
        SqlKind.CHOICES: "TEXT",
        SqlKind.BINARY: "BLOB",
    }
    TEXT_UNBOUNDED = "TEXT"
    MAX_TEXT_LENGTH = 0
    NAME_RULES = NameRules(case_insensitive=True, reserved_prefixes=("sqlite_",))
    RESERVED_COLUMNS = frozenset()
    TRUE = "1"
    FALSE = "0"
    NEW_UUID = (
        "(lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || "
        "substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || "
        "substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))))"
    )
    COMMENTS = "inline"
    INLINE_FOREIGN_KEYS = True
    TABLE_OPTIONS = " STRICT"
    PREAMBLE = ("PRAGMA foreign_keys = ON;",)
    LENGTH_CHECK = "length({column}) <= {length}"
    BINARY_LENGTH_CHECK = "length({column}) <= {length}"
    INT32_CHECKED = True
    _TIMESTAMP = (
        "{column} IS NULL OR {column} GLOB "
        "'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9][T ][0-2][0-9]:[0-5][0-9]*' "
        "AND julianday({column}) IS NOT NULL"
    )
    FORMAT_CHECKS: ClassVar[dict[SqlKind, str]] = {
        SqlKind.UUID: (
            "{column} GLOB '????????-????-????-????-????????????' "
            "AND {column} NOT GLOB '*[^0-9a-f-]*'"
        ),
        SqlKind.DATE: "date({column}, '+0 days') IS {column}",
        SqlKind.TIMESTAMP: _TIMESTAMP,
        SqlKind.TIMESTAMP_TZ: _TIMESTAMP,
        SqlKind.BOOLEAN: "{column} IN (0, 1)",
    }

    def string(self, text: str) -> str:
        return escape.sqlite_string(text)


class SqlServer(_TextChoices):
    name = "sqlserver"
    title = "SQL Server"
    usage = "sqlcmd -b -i schema.sql (SQL Server 2016 or later, Azure SQL)"
    TYPE_MAPPING: ClassVar[dict[SqlKind, str]] = {
        **Dialect.TYPE_MAPPING,
        SqlKind.UUID: "uniqueidentifier",
        SqlKind.TEXT: "nvarchar({length})",
        SqlKind.INT32: "int",
        SqlKind.INT64: "bigint",
        SqlKind.DECIMAL: "decimal({precision}, {scale})",
        SqlKind.MONEY: "money",
        SqlKind.DOUBLE: "float",
        SqlKind.TIMESTAMP: "datetime2",
        SqlKind.TIMESTAMP_TZ: "datetimeoffset",
        SqlKind.BOOLEAN: "bit",
        SqlKind.CHOICE: "int",
        SqlKind.CHOICES: "nvarchar(4000)",
        SqlKind.BINARY: "varbinary(max)",
    }
    TEXT_UNBOUNDED = "nvarchar(max)"
    MAX_TEXT_LENGTH = 4000
    MAX_NUMERIC_PRECISION = 38
    NAME_RULES = NameRules(opening="[", closing="]", max_length=128, case_insensitive=True)
    RESERVED_COLUMNS = frozenset()
    SCHEMA = "dbo"
    EXPLICIT_NULL = True
    TRUE = "1"
    FALSE = "0"
    NEW_UUID = "NEWID()"
    NAMED_DEFAULTS = True
    COMMENTS = "extended_property"
    MAX_COMMENT_LENGTH = 3750
    """An extended property's value is at most 7,500 bytes: 3,750 UTF-16 code units."""
    DESCRIPTION_VARIABLE = "DECLARE @description nvarchar(3750);"
    DEFERRABLE = ""
    ON_DELETE: ClassVar[dict[OnDelete, str]] = {
        **Dialect.ON_DELETE,
        OnDelete.RESTRICT: "NO ACTION",
    }
    PREAMBLE = ("SET XACT_ABORT ON;",)
    BEGIN = "BEGIN TRANSACTION;"
    COMMIT = "COMMIT TRANSACTION;"
    LENGTH_CHECK = "DATALENGTH({column}) <= {bytes}"
    BINARY_LENGTH_CHECK = "DATALENGTH({column}) <= {length}"
    LENGTH_FUNCTION = "LEN"
    CONCAT = "+"
    NOT_DIGITS = "{column} NOT LIKE N'%[^0-9,-]%'"

    def string(self, text: str) -> str:
        return escape.tsql_string(text)

    def length_check(self, name: str, length: int) -> str:
        """nvarchar holds UTF-16 code units, as Dataverse counts MaxLength: two bytes each."""
        return self.LENGTH_CHECK.format(column=name, bytes=2 * length)

    def cascade_conflicts(self, keys: Sequence[ForeignKeyPlan]) -> set[ForeignKeyPlan]:
        """SQL Server refuses a cascading key (CASCADE, SET NULL) that closes a cycle or opens a
        second cascade path between two tables (error 1785). Keys are taken in order; each one
        that would do either is reported and kept as NO ACTION."""
        children: dict[str, set[str]] = defaultdict(set)
        parents: dict[str, set[str]] = defaultdict(set)
        conflicts: set[ForeignKeyPlan] = set()
        for key in keys:
            if key.on_delete not in (OnDelete.CASCADE, OnDelete.SET_NULL):
                continue
            above = _reach(parents, key.target) | {key.target}
            below = _reach(children, key.table) | {key.table}
            if key.table in above or any(_reach(children, a) & below for a in above):
                conflicts.add(key)
                continue
            children[key.target].add(key.table)
            parents[key.table].add(key.target)
        return conflicts


def _reach(graph: dict[str, set[str]], start: str) -> set[str]:
    """Every node reachable from ``start`` (not ``start`` itself unless on a cycle)."""
    seen: set[str] = set()
    stack = list(graph.get(start, ()))
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(graph.get(node, ()))
    return seen


DIALECTS: dict[str, type[Dialect]] = {
    "postgres": Postgres,
    "sqlite": Sqlite,
    "sqlserver": SqlServer,
}
