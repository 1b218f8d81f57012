"""SQL dialects: each a small class of data (a type-mapping table and feature flags) that
overrides a method only where a statement's structure differs, in the manner of sqlglot.

PostgreSQL is the base: its spelling is closest to the standard. SQLite stores few types (STRICT
tables take INTEGER, REAL, TEXT and BLOB), so it checks in CHECK constraints what the others
check in types (``sqlite``). SQL Server (``sqlserver``) stores descriptions as extended
properties and cannot cascade along two paths.

A dialect is the one way spec text becomes SQL: ``string``, ``literal`` and ``comment_lines``
return ``SqlText``; NUL, which no database stores, becomes U+FFFD there, reported once at the
spec location, so no text can make an escaping function fail.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from dvgen import escape
from dvgen.diagnostics import Diagnostics, Location
from dvgen.targets.sql.cascades import refused
from dvgen.targets.sql.keys import ForeignKeyPlan, OnDelete
from dvgen.targets.sql.names import NameRules, SqlIdentifier, SqlText
from dvgen.targets.sql.plan import NOWHERE, ColumnPlan, SqlKind, decimal_text
from dvgen.webapi.facets import RANGES
from dvgen.webapi.properties import ApiKind


@dataclass(frozen=True, slots=True)
class Description:
    """A table's (``column`` None) or a column's description, to store in the database."""

    table: SqlIdentifier
    column: SqlIdentifier | None
    text: str
    loc: Location


class Dialect:
    """The base: PostgreSQL's spelling, the closest to the standard."""

    name: ClassVar[str] = "postgres"
    title: ClassVar[str] = "PostgreSQL"
    usage: ClassVar[str] = "psql -v ON_ERROR_STOP=1 -f schema.sql (PostgreSQL 13 or later)"
    migrate_usage: ClassVar[str] = "psql -v ON_ERROR_STOP=1 -f migrate.sql"
    """How to apply a migration so that the first failed statement ends it (a client that
    goes on past an error would run the steps after a failed copy outside its transaction)."""
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
    MEMO_UNBOUNDED: ClassVar[bool] = False
    """A Memo column is always the unbounded type (plus a CHECK of its length)."""
    MAX_NUMERIC_PRECISION: ClassVar[int] = 1000
    """The most digits a numeric type holds (its scale at most as many)."""
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
    INLINE_COMMENTS: ClassVar[bool] = False
    """Descriptions as ``--`` lines inside CREATE TABLE (``comment_lines``) rather than as
    statements of their own (``comment``)."""
    MAX_COMMENT_LENGTH: ClassVar[int | None] = None
    """The longest description stored, in UTF-16 code units; longer ones are cut, reported."""
    INLINE_FOREIGN_KEYS: ClassVar[bool] = False
    DEFERRABLE: ClassVar[str] = " DEFERRABLE INITIALLY DEFERRED"
    ON_DELETE: ClassVar[dict[OnDelete, str]] = {action: action.value for action in OnDelete}
    ONE_CASCADE_PATH: ClassVar[tuple[OnDelete, ...]] = ()
    """The ON DELETE actions whose keys may reach a table by one path only, and never close a
    cycle (SQL Server's error 1785), in the order they are kept where they cannot all be: the
    rest become NO ACTION (``cascades.refused``). None: every action is kept."""
    TABLE_OPTIONS: ClassVar[str] = ""
    PREAMBLE: ClassVar[tuple[str, ...]] = ("SET client_encoding = 'UTF8';",)
    BEGIN: ClassVar[str] = "BEGIN;"
    COMMIT: ClassVar[str] = "COMMIT;"
    MAX_ROWS_PER_INSERT: ClassVar[int] = 500
    LENGTH_CHECK: ClassVar[str] = "char_length({column}) <= {length}"
    BINARY_LENGTH_CHECK: ClassVar[str] = "octet_length({column}) <= {length}"
    INT32_CHECKED: ClassVar[bool] = False
    """INTEGER is 64 bits wide: Integer columns always check the 32-bit range."""
    FORMAT_CHECKS: ClassVar[dict[SqlKind, str]] = {
        SqlKind.DATE: "{column} >= '1753-01-01'",
        SqlKind.TIMESTAMP: "{column} >= '1753-01-01T00:00:00'",
        SqlKind.TIMESTAMP_TZ: "{column} >= '1753-01-01T00:00:00Z'",
    }
    """Kind -> CHECK for values the type itself does not constrain: Dataverse holds no date
    or time before 1753 (behavior-format-date-time-attribute.md); SQLite's TEXT dates."""

    def __init__(self, diagnostics: Diagnostics | None = None) -> None:
        self.diagnostics = Diagnostics() if diagnostics is None else diagnostics
        self._reported: set[tuple[Location, str]] = set()

    def warn(self, loc: Location, message: str, code: str) -> None:
        """A warning, once per place and message (a text may be written more than once)."""
        if (loc, message) not in self._reported:
            self._reported.add((loc, message))
            self.diagnostics.warning(loc, message, code)

    # --- text -----------------------------------------------------------------------------

    def quote(self, text: str) -> str:
        """The dialect's string literal of ``text`` (which holds no NUL)."""
        return escape.postgres_string(text)

    def storable(self, text: str, loc: Location) -> str:
        """``text`` as a database can store it: NUL, which none can, becomes U+FFFD."""
        if "\x00" not in text:
            return text
        self.warn(
            loc, "sql: text holds a NUL character, which no database stores: U+FFFD", "sql-nul"
        )
        return text.replace("\x00", "\ufffd")

    def string(self, text: str, loc: Location = NOWHERE) -> SqlText:
        """A string literal of any text (``loc``: where the spec states it)."""
        return SqlText(self.quote(self.storable(text, loc)))

    def literal(self, value: object, loc: Location = NOWHERE) -> SqlText:
        if value is None:
            return SqlText("NULL")
        if isinstance(value, bool):
            return SqlText(self.TRUE if value else self.FALSE)
        if isinstance(value, str):
            return self.string(value, loc)
        if isinstance(value, int | Decimal):
            return SqlText(decimal_text(value))
        raise TypeError(f"no SQL literal for {type(value).__name__}")

    def comment_lines(self, text: str, loc: Location) -> tuple[SqlText, ...]:
        """A description as ``--`` lines: a line break ends the comment, nothing else does."""
        text = self.storable(text, loc).replace("\r\n", "\n").replace("\r", "\n")
        return tuple(SqlText(f"-- {line}" if line else "--") for line in text.split("\n"))

    def qualified(self, name: SqlIdentifier) -> SqlText:
        """A table's name as statements write it: in its schema, where the dialect has one."""
        if self.SCHEMA is None:
            return name.quoted
        rules = self.NAME_RULES
        return SqlText(f"{SqlIdentifier(self.SCHEMA, rules.opening, rules.closing)}.{name}")

    def fit_comment(self, item: Description) -> str:
        """The description as stored: cut to ``MAX_COMMENT_LENGTH``, reported."""
        text, limit = self.storable(item.text, item.loc), self.MAX_COMMENT_LENGTH
        if limit is None or len(text.encode("utf-16-le")) // 2 <= limit:
            return text
        self.warn(
            item.loc,
            f"{self.title}: description longer than {limit} characters: cut",
            "sql-comment-cut",
        )
        return text.encode("utf-16-le")[: 2 * limit].decode("utf-16-le", errors="ignore")

    def comment(self, item: Description) -> list[SqlText]:
        """The statements that store a description (``INLINE_COMMENTS``: none)."""
        if self.INLINE_COMMENTS:
            return []
        table = self.qualified(item.table)
        target = f"TABLE {table}" if item.column is None else f"COLUMN {table}.{item.column}"
        value = self.string(self.fit_comment(item), item.loc)
        return [SqlText(f"COMMENT ON {target} IS {value};")]

    def declarations(self, descriptions: Sequence[Description]) -> list[SqlText]:
        """Variables the script declares after BEGIN for the statements of ``comment``."""
        return []

    # --- alternate keys ------------------------------------------------------------------

    def indexable(self, column: ColumnPlan) -> bool:
        """Whether a unique index can hold the column (SQL Server's cannot hold ``max`` types)."""
        return True

    def unique_key(
        self, name: SqlText, table: SqlText, columns: Sequence[SqlIdentifier]
    ) -> tuple[SqlText | None, SqlText | None]:
        """An alternate key as (the body of a table constraint, a statement after the table):
        here ``UNIQUE (...)``, which, as Dataverse's key, lets many rows leave a column empty
        (a NULL equals no other value)."""
        return SqlText(f"UNIQUE ({', '.join(str(c) for c in columns)})"), None

    # --- types, defaults, checks ----------------------------------------------------------

    def type_of(self, column: ColumnPlan) -> SqlText:
        if column.kind is SqlKind.TEXT and (
            column.length is None
            or column.length > self.MAX_TEXT_LENGTH
            or (column.memo and self.MEMO_UNBOUNDED)
        ):
            return SqlText(self.TEXT_UNBOUNDED)
        spelling = self.TYPE_MAPPING[column.kind]
        precision, scale = column.precision, column.scale
        if precision is not None and scale is not None and "{precision}" in spelling:
            precision, scale = self.numeric_size(column, precision, scale)
        return SqlText(spelling.format(length=column.length, precision=precision, scale=scale))

    def numeric_size(self, column: ColumnPlan, precision: int, scale: int) -> tuple[int, int]:
        """(precision, scale) within ``MAX_NUMERIC_PRECISION``: the integer digits kept (the
        values Dataverse holds must fit), the decimal places cut, reported."""
        limit = self.MAX_NUMERIC_PRECISION
        if precision <= limit:
            return precision, scale
        digits = precision - scale
        fitted = max(0, min(scale, limit - digits))
        self.warn(
            column.loc,
            f"{self.title}: {column.logical_name}: {digits} integer digits and {scale} decimal "
            f"places are more than the {limit} digits a numeric type holds: "
            f"{fitted} decimal places kept, values rounded to them",
            "sql-scale-cut",
        )
        return limit, fitted

    def default_of(self, column: ColumnPlan) -> SqlText | None:
        if column.new_id:
            return SqlText(self.NEW_UUID)
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
            int32_low, int32_high = RANGES[ApiKind.INT32]
            low = int32_low if low is None else low
            high = int32_high if high is None else high
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

    # --- keys -----------------------------------------------------------------------------

    def on_delete(self, key: ForeignKeyPlan) -> str:
        return self.ON_DELETE[key.on_delete]

    def cascade_conflicts(self, keys: Sequence[ForeignKeyPlan]) -> set[ForeignKeyPlan]:
        """Keys whose ON DELETE action this dialect cannot keep (``ONE_CASCADE_PATH``)."""
        return refused(keys, self.ONE_CASCADE_PATH)


class TextChoices(Dialect):
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
