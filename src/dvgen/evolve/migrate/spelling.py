"""How PostgreSQL and SQL Server spell the ALTER statements of a migration.

Per-dialect variation is data on a small class (``Postgres`` the base, ``SqlServer`` overriding
where its syntax differs); every name, type, default and check comes from the SQL target's
context, never from here.
"""

from __future__ import annotations

from typing import ClassVar

from dvgen.targets.sql.context import SqlColumn
from dvgen.targets.sql.dialects.base import Description, Dialect
from dvgen.targets.sql.names import SqlText
from dvgen.targets.sql.plan import SqlKind


class PostgresAlter:
    ADD_COLUMN: ClassVar[str] = "ALTER TABLE {table} ADD COLUMN {column} {type}{default};"
    SET_TYPE: ClassVar[str] = "ALTER TABLE {table} ALTER COLUMN {column} TYPE {type}{using};"
    SET_NOT_NULL: ClassVar[str] = "ALTER TABLE {table} ALTER COLUMN {column} SET NOT NULL;"
    DROP_NOT_NULL: ClassVar[str] = "ALTER TABLE {table} ALTER COLUMN {column} DROP NOT NULL;"
    FAIL: ClassVar[str] = (
        "DO $dvgen$ BEGIN IF EXISTS (SELECT 1 FROM {table} WHERE {condition}) THEN "
        "RAISE EXCEPTION '%', {message}; END IF; END $dvgen$;"
    )
    NARROWED: ClassVar[str] = "{column} IS NOT NULL AND CAST({column} AS {type}) <> {column}"

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect

    def add_column(self, table: str, column: SqlColumn) -> list[str]:
        """Added nullable, with its default (which fills the rows there are); NOT NULL, once
        the rows are checked, by ``set_null``."""
        default = f" {self.default_clause(column)}" if column.default else ""
        return [
            self.ADD_COLUMN.format(
                table=table, column=column.name, type=column.type, default=default
            )
        ]

    def default_clause(self, column: SqlColumn) -> str:
        return str(column.default)

    def set_type(self, table: str, old: SqlColumn, new: SqlColumn, cast: bool) -> list[str]:
        using = f" USING CAST({self._utc(old, new)} AS {new.type})" if cast else ""
        return [self.SET_TYPE.format(table=table, column=new.name, type=new.type, using=using)]

    def _utc(self, old: SqlColumn, new: SqlColumn) -> str:
        """The value to cast when a column's type changes: an instant (UserLocal, ``timestamp
        with time zone``) becoming a wall-clock value or a date (TimeZoneIndependent,
        DateOnly), or the reverse, is read at UTC, as Dataverse keeps it ("existing values
        remain in UTC" until ConvertDateAndTimeBehavior converts them), never at the session's
        time zone, which a plain cast takes: a migration run from Riga would move every value
        two hours, and dates by a day. A text becoming an instant is cast as it is: its own
        offset, when it states one, says which instant it is (read as a wall clock, the offset
        was dropped: ``01:30+02:00`` became 01:30 UTC)."""
        mapping = self.dialect.TYPE_MAPPING
        instant = mapping[SqlKind.TIMESTAMP_TZ]
        if old.type == instant and new.type != instant:
            return f"({new.name} AT TIME ZONE 'UTC')"
        if new.type == instant and old.type in (mapping[SqlKind.DATE], mapping[SqlKind.TIMESTAMP]):
            return f"(CAST({new.name} AS timestamp without time zone) AT TIME ZONE 'UTC')"
        return str(new.name)

    def set_null(self, table: str, column: SqlColumn) -> list[str]:
        form = self.SET_NOT_NULL if column.null == "NOT NULL" else self.DROP_NOT_NULL
        return [form.format(table=table, column=column.name)]

    def drop_default(self, table: str, column: SqlColumn) -> list[str]:
        return [f"ALTER TABLE {table} ALTER COLUMN {column.name} DROP DEFAULT;"]

    def set_default(self, table: str, column: SqlColumn) -> list[str]:
        value = str(column.default).removeprefix("DEFAULT ")
        return [f"ALTER TABLE {table} ALTER COLUMN {column.name} SET DEFAULT {value};"]

    def drop_column(self, table: str, column: SqlColumn) -> list[str]:
        return [f"ALTER TABLE {table} DROP COLUMN {column.name};"]

    def drop_constraint(self, table: str, name: str) -> str:
        return f"ALTER TABLE {table} DROP CONSTRAINT {name};"

    def add_constraint(self, table: str, name: str, body: str) -> str:
        return f"ALTER TABLE {table} ADD CONSTRAINT {name} {body};"

    def fail_if(self, table: str, condition: str, message: str) -> str:
        """Stop the migration, saying why, when a row of ``table`` meets ``condition``."""
        return self.FAIL.format(
            table=table, condition=condition, message=self.dialect.string(message)
        )

    def narrowed(self, column: SqlColumn, new_type: str) -> str:
        return self.NARROWED.format(column=column.name, type=new_type)

    def uncomment(self, item: Description) -> list[SqlText]:
        table = self.dialect.qualified(item.table)
        target = f"TABLE {table}" if item.column is None else f"COLUMN {table}.{item.column}"
        return [SqlText(f"COMMENT ON {target} IS NULL;")]

    def recomment(self, old: Description, new: Description) -> list[SqlText]:
        return self.dialect.comment(new)


class SqlServerAlter(PostgresAlter):
    ADD_COLUMN = "ALTER TABLE {table} ADD {column} {type} NULL{default};"
    FAIL = "SELECT TOP (1) CAST({message} AS int) FROM {table} WHERE {condition};"
    """Converting the message to a number fails, with the message in the error, exactly when
    a row meets the condition; SET XACT_ABORT ON then rolls the whole migration back. (THROW
    would say it more plainly, but not every T-SQL tool parses it.)"""

    def add_column(self, table: str, column: SqlColumn) -> list[str]:
        """Added with its default constraint, and the rows there are given the default (what
        ``WITH VALUES`` does, said in statements every T-SQL tool parses)."""
        statements = super().add_column(table, column)
        if column.default:
            value = self._default_parts(column)[1]
            statements.append(
                f"UPDATE {table} SET {column.name} = {value} WHERE {column.name} IS NULL;"
            )
        return statements

    def set_type(self, table: str, old: SqlColumn, new: SqlColumn, cast: bool) -> list[str]:
        """ALTER COLUMN restates the type and the nullability together. An instant
        (``datetimeoffset``) becoming a wall-clock value or a date is first moved to UTC: the
        conversion keeps each value's own offset's time, and Dataverse keeps the UTC one."""
        null = "NOT NULL" if old.null == "NOT NULL" else "NULL"
        instant = self.dialect.TYPE_MAPPING[SqlKind.TIMESTAMP_TZ]
        first = []
        if old.type == instant and new.type != instant:
            first.append(
                f"UPDATE {table} SET {new.name} = SWITCHOFFSET({new.name}, '+00:00') "
                f"WHERE {new.name} IS NOT NULL;"
            )
        return [*first, f"ALTER TABLE {table} ALTER COLUMN {new.name} {new.type} {null};"]

    def set_null(self, table: str, column: SqlColumn) -> list[str]:
        return [f"ALTER TABLE {table} ALTER COLUMN {column.name} {column.type} {column.null};"]

    def _default_parts(self, column: SqlColumn) -> tuple[str, str]:
        """(constraint name, value) of ``CONSTRAINT name DEFAULT value``."""
        name, _, value = str(column.default).removeprefix("CONSTRAINT ").partition(" DEFAULT ")
        return name, value

    def drop_default(self, table: str, column: SqlColumn) -> list[str]:
        return [self.drop_constraint(table, self._default_parts(column)[0])]

    def set_default(self, table: str, column: SqlColumn) -> list[str]:
        name, value = self._default_parts(column)
        return [f"ALTER TABLE {table} ADD CONSTRAINT {name} DEFAULT {value} FOR {column.name};"]

    def drop_column(self, table: str, column: SqlColumn) -> list[str]:
        """Its default constraint first: SQL Server refuses to drop a column that has one."""
        first = self.drop_default(table, column) if column.default else []
        return [*first, f"ALTER TABLE {table} DROP COLUMN {column.name};"]

    def _levels(self, item: Description) -> str:
        schema = self.dialect.string(self.dialect.SCHEMA or "")
        levels = (
            f"@level0type = N'SCHEMA', @level0name = {schema}, @level1type = N'TABLE', "
            f"@level1name = {self.dialect.string(item.table.name)}"
        )
        if item.column is not None:
            levels += (
                f", @level2type = N'COLUMN', @level2name = {self.dialect.string(item.column.name)}"
            )
        return levels

    def uncomment(self, item: Description) -> list[SqlText]:
        return [
            SqlText(
                f"EXEC sys.sp_dropextendedproperty @name = N'MS_Description', {self._levels(item)};"
            )
        ]

    def recomment(self, old: Description, new: Description) -> list[SqlText]:
        return [*self.uncomment(old), *self.dialect.comment(new)]


ALTERS: dict[str, type[PostgresAlter]] = {"postgres": PostgresAlter, "sqlserver": SqlServerAlter}
