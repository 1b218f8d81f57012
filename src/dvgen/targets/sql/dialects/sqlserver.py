"""SQL Server: descriptions as ``MS_Description`` extended properties, and ON DELETE actions
trimmed where SQL Server refuses a second cascade path or a cycle (``ONE_CASCADE_PATH``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from dvgen import escape
from dvgen.targets.sql.dialects.base import Description, Dialect, TextChoices
from dvgen.targets.sql.keys import OnDelete
from dvgen.targets.sql.names import NameRules, SqlIdentifier, SqlText
from dvgen.targets.sql.plan import ColumnPlan, SqlKind


class SqlServer(TextChoices):
    name = "sqlserver"
    title = "SQL Server"
    usage = "sqlcmd -b -i schema.sql (SQL Server 2016 or later, Azure SQL)"
    migrate_usage = "sqlcmd -b -i migrate.sql"
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
    MAX_COMMENT_LENGTH = 3750
    """An extended property's value is at most 7,500 bytes: 3,750 UTF-16 code units."""
    DESCRIPTION_VARIABLE: ClassVar[str] = "DECLARE @description nvarchar(3750);"
    """Passes an extended property a text spliced together (EXEC takes no expression)."""
    DEFERRABLE = ""
    ON_DELETE: ClassVar[dict[OnDelete, str]] = {
        **Dialect.ON_DELETE,
        OnDelete.RESTRICT: "NO ACTION",
    }
    ONE_CASCADE_PATH = (OnDelete.CASCADE, OnDelete.SET_NULL)
    """A Cascade key kept before a RemoveLink one: made NO ACTION, a RemoveLink key refuses
    deleting a row only while a link to it is left, which Dataverse would clear; a Cascade key
    refuses deleting a parent until its children are deleted, which it would delete."""
    PREAMBLE = ("SET XACT_ABORT ON;",)
    BEGIN = "BEGIN TRANSACTION;"
    COMMIT = "COMMIT TRANSACTION;"
    LENGTH_CHECK = "DATALENGTH({column}) <= {bytes}"
    BINARY_LENGTH_CHECK = "DATALENGTH({column}) <= {length}"
    LENGTH_FUNCTION = "LEN"
    CONCAT = "+"
    NOT_DIGITS = "{column} NOT LIKE N'%[^0-9,-]%'"

    def indexable(self, column: ColumnPlan) -> bool:
        """No ``nvarchar(max)``, which no index holds; a bounded text is (SQL Server refuses
        only a value past an index key's 1,700 bytes, as Dataverse one past its 900)."""
        return column.kind is not SqlKind.TEXT or (
            column.length is not None and column.length <= self.MAX_TEXT_LENGTH
        )

    def unique_key(
        self, name: SqlText, table: SqlText, columns: Sequence[SqlIdentifier]
    ) -> tuple[SqlText | None, SqlText | None]:
        """A filtered unique index: SQL Server's UNIQUE constraint allows one NULL, where
        Dataverse's key (and PostgreSQL's and SQLite's UNIQUE) lets many rows leave a key
        column empty; the index leaves those rows out, as Dataverse's own index does."""
        listed = ", ".join(str(c) for c in columns)
        held = " AND ".join(f"{c} IS NOT NULL" for c in columns)
        return None, SqlText(f"CREATE UNIQUE INDEX {name} ON {table} ({listed}) WHERE {held};")

    def quote(self, text: str) -> str:
        return escape.tsql_string(text)

    def comment(self, item: Description) -> list[SqlText]:
        """``sys.sp_addextendedproperty``; a value spliced together (line breaks, ``$(``) goes
        through @description first, since EXEC takes only a literal or a variable."""
        text = self.fit_comment(item)
        value = self.string(text, item.loc)
        statements = []
        if escape.tsql_needs_expression(text):
            statements.append(SqlText(f"SET @description = {value};"))
            value = SqlText("@description")
        schema = self.string(self.SCHEMA or "")
        levels = (
            f"@level0type = N'SCHEMA', @level0name = {schema}, "
            f"@level1type = N'TABLE', @level1name = {self.string(item.table.name, item.loc)}"
        )
        if item.column is not None:
            column = self.string(item.column.name, item.loc)
            levels += f", @level2type = N'COLUMN', @level2name = {column}"
        statements.append(
            SqlText(
                f"EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = {value}, "
                f"{levels};"
            )
        )
        return statements

    def declarations(self, descriptions: Sequence[Description]) -> list[SqlText]:
        spliced = any(escape.tsql_needs_expression(self.fit_comment(d)) for d in descriptions)
        return [SqlText(self.DESCRIPTION_VARIABLE)] if spliced else []

    def length_check(self, name: str, length: int) -> str:
        """nvarchar holds UTF-16 code units, as Dataverse counts MaxLength: two bytes each."""
        return self.LENGTH_CHECK.format(column=name, bytes=2 * length)
