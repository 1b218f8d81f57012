"""One dialect's view of the plan: names claimed, types spelled, constraints and comments
written out, ready for ``templates/sql/schema.sql.jinja`` (which only lays them out)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from dvgen import escape
from dvgen.diagnostics import Diagnostics, Location
from dvgen.targets.sql_dialects import Dialect
from dvgen.targets.sql_keys import ForeignKeyPlan, OnDelete
from dvgen.targets.sql_names import NameRules, Namespace, SqlIdentifier
from dvgen.targets.sql_plan import ColumnPlan, TablePlan


@dataclass(frozen=True, slots=True)
class SqlConstraint:
    name: SqlIdentifier
    body: str
    """Everything after ``CONSTRAINT <name>``."""
    note: str | None = None


@dataclass(frozen=True, slots=True)
class SqlColumn:
    name: SqlIdentifier
    type: str
    null: str
    """``NOT NULL``, ``NULL`` (where the dialect needs it said) or empty."""
    default: str | None
    """The whole clause: ``DEFAULT x`` or ``CONSTRAINT name DEFAULT x``."""
    check: SqlConstraint | None
    comment: tuple[str, ...]
    """Description as ``--`` lines, where the dialect keeps descriptions in the DDL."""
    note: str | None


@dataclass(frozen=True, slots=True)
class SqlComment:
    """A description stored in the database: COMMENT ON or an extended property."""

    target: str
    """PostgreSQL: ``TABLE "t"`` or ``COLUMN "t"."c"``."""
    value: str
    """The escaped text (a literal, or for SQL Server possibly a constant expression)."""
    table: str
    column: str | None
    """SQL Server: the table and column names as string literals."""
    variable: bool
    """SQL Server: the value is an expression, passed through @description."""


@dataclass(slots=True)
class SqlTable:
    name: str
    """Qualified and quoted, as statements write it."""
    title: str
    omitted: list[str]
    comment: tuple[str, ...]
    columns: list[SqlColumn]
    constraints: list[SqlConstraint]
    comments: list[SqlComment] = field(default_factory=list)
    column_names: list[str] = field(default_factory=list)
    row_batches: list[list[str]] = field(default_factory=list)
    """Label tables: rows to insert, as ``(...)`` value lists, in batches."""


@dataclass(frozen=True, slots=True)
class SqlForeignKey:
    table: str
    name: SqlIdentifier
    body: str
    note: str | None


def comment_lines(text: str | None) -> tuple[str, ...]:
    """A description as ``--`` lines: a line break ends the comment, nothing else does."""
    if text is None:
        return ()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return tuple(("-- " + line) if line else "--" for line in lines)


class ContextBuilder:
    """Claims every name of one dialect's schema and spells its statements."""

    def __init__(self, dialect: Dialect, diagnostics: Diagnostics) -> None:
        self.dialect = dialect
        self.diagnostics = diagnostics
        self.schema = Namespace(dialect.NAME_RULES)
        self.tables: dict[str, SqlIdentifier] = {}
        self.columns: dict[str, dict[str, SqlIdentifier]] = {}

    def qualified(self, name: SqlIdentifier) -> str:
        schema = self.dialect.SCHEMA
        if schema is None:
            return name.quoted
        rules = self.dialect.NAME_RULES
        return f"{SqlIdentifier(schema, rules.opening, rules.closing)}.{name}"

    def _claim(self, namespace: Namespace, loc: Location, what: str, name: str) -> SqlIdentifier:
        """The identifier of a table or column; a changed name is reported."""
        problem = namespace.problem(name)
        got = namespace.claim(name)
        if problem is not None:
            self.diagnostics.warning(
                loc, f"{self.dialect.title}: {what} {name!r} is created as {got.name!r}: {problem}"
            )
        return got

    def claim_names(self, plans: Sequence[TablePlan]) -> None:
        """Tables first, in order, then each table's columns: the same input, the same names."""
        for plan in plans:
            self.tables[plan.logical_name] = self._claim(
                self.schema, plan.loc, "table", plan.logical_name
            )
        rules = self.dialect.NAME_RULES
        column_rules = NameRules(
            rules.opening,
            rules.closing,
            rules.max_length,
            rules.case_insensitive,
            self.dialect.RESERVED_COLUMNS,
        )
        for plan in plans:
            namespace = Namespace(column_rules)
            self.columns[plan.logical_name] = {
                c.logical_name: self._claim(
                    namespace, c.loc, f"column of {plan.logical_name}", c.logical_name
                )
                for c in plan.columns
            }

    def table(self, plan: TablePlan, notes: dict[str, str]) -> SqlTable:
        names = self.columns[plan.logical_name]
        ident = self.tables[plan.logical_name]
        columns = [self._column(plan, column, names, notes) for column in plan.columns]
        title = plan.logical_name + (f": {plan.title}" if plan.title else "")
        table = SqlTable(
            name=self.qualified(ident),
            title=escape.sql_comment(title),
            omitted=[escape.sql_comment(f"{name} ({why})") for name, why in plan.omitted],
            comment=comment_lines(plan.description) if self._inline else (),
            columns=columns,
            constraints=self._table_constraints(plan, names),
            column_names=[str(names[c.logical_name]) for c in plan.columns],
        )
        if not self._inline:
            table.comments = self._comments(plan, ident, names)
        table.row_batches = self._batches(plan)
        return table

    @property
    def _inline(self) -> bool:
        return self.dialect.COMMENTS == "inline"

    def _column(
        self,
        plan: TablePlan,
        column: ColumnPlan,
        names: dict[str, SqlIdentifier],
        notes: dict[str, str],
    ) -> SqlColumn:
        name = names[column.logical_name]
        conditions = self.dialect.checks(str(name), column)
        check = None
        if conditions:
            check_name = self.schema.claim(f"ck_{plan.logical_name}_{column.logical_name}")
            joined = (
                conditions[0]
                if len(conditions) == 1
                else " AND ".join(f"({c})" for c in conditions)
            )
            check = SqlConstraint(check_name, f"CHECK ({joined})")
        null = "NOT NULL" if column.not_null else ("NULL" if self.dialect.EXPLICIT_NULL else "")
        note = notes.get(column.logical_name)
        return SqlColumn(
            name=name,
            type=self.dialect.type_of(column),
            null=null,
            default=self._default(plan, column),
            check=check,
            comment=comment_lines(column.description) if self._inline else (),
            note=escape.sql_comment(note) if note else None,
        )

    def _default(self, plan: TablePlan, column: ColumnPlan) -> str | None:
        """``DEFAULT x``; named where the dialect would otherwise make up a name."""
        value = self.dialect.default_of(column)
        if value is None:
            return None
        if not self.dialect.NAMED_DEFAULTS:
            return f"DEFAULT {value}"
        name = self.schema.claim(f"df_{plan.logical_name}_{column.logical_name}")
        return f"CONSTRAINT {name} DEFAULT {value}"

    def _table_constraints(
        self, plan: TablePlan, names: dict[str, SqlIdentifier]
    ) -> list[SqlConstraint]:
        found: list[SqlConstraint] = []
        if plan.primary_key:
            key = ", ".join(str(names[c]) for c in plan.primary_key)
            found.append(
                SqlConstraint(self.schema.claim(f"pk_{plan.logical_name}"), f"PRIMARY KEY ({key})")
            )
        pair = plan.state_status
        if pair is not None:
            state, status = names[pair.state], names[pair.status]
            cases = " OR ".join(
                f"({state} = {value} AND {status} IN ({', '.join(map(str, statuses))}))"
                for value, statuses in pair.pairs
                if statuses
            )
            body = f"CHECK ({state} IS NULL OR {status} IS NULL OR {cases or '1 = 0'})"
            name = self.schema.claim(f"ck_{plan.logical_name}_{pair.state}_{pair.status}")
            found.append(SqlConstraint(name, body))
        return found

    def _comments(
        self, plan: TablePlan, table: SqlIdentifier, names: dict[str, SqlIdentifier]
    ) -> list[SqlComment]:
        found = []
        items: list[tuple[str | None, str | None, Location]] = [(None, plan.description, plan.loc)]
        items += [(c.logical_name, c.description, c.loc) for c in plan.columns]
        for column, description, loc in items:
            if description is None:
                continue
            text = self._fit_comment(description, loc)
            target = f"TABLE {table}" if column is None else f"COLUMN {table}.{names[column]}"
            found.append(
                SqlComment(
                    target=target,
                    value=self.dialect.string(text),
                    table=self.dialect.string(table.name),
                    column=None if column is None else self.dialect.string(names[column].name),
                    variable=self.dialect.COMMENTS == "extended_property"
                    and escape.tsql_needs_expression(text),
                )
            )
        return found

    def _fit_comment(self, text: str, loc: Location) -> str:
        limit = self.dialect.MAX_COMMENT_LENGTH
        if limit is None or len(text.encode("utf-16-le")) // 2 <= limit:
            return text
        self.diagnostics.warning(
            loc, f"{self.dialect.title}: description longer than {limit} characters: cut"
        )
        cut = text.encode("utf-16-le")[: 2 * limit].decode("utf-16-le", errors="ignore")
        return cut

    def _batches(self, plan: TablePlan) -> list[list[str]]:
        size = self.dialect.MAX_ROWS_PER_INSERT
        values = [
            "(" + ", ".join(self.dialect.literal(value) for value in row) + ")" for row in plan.rows
        ]
        return [values[i : i + size] for i in range(0, len(values), size)]

    def foreign_keys(
        self, keys: Sequence[ForeignKeyPlan]
    ) -> tuple[list[SqlForeignKey], dict[str, list[SqlConstraint]]]:
        """The keys as ALTER TABLE statements, or as constraints of their table (SQLite)."""
        conflicts = self.dialect.cascade_conflicts(keys)
        alter: list[SqlForeignKey] = []
        inline: dict[str, list[SqlConstraint]] = {}
        for key in keys:
            name = self.schema.claim(f"fk_{key.table}_{key.column}")
            body, note = self._key_body(key, key in conflicts)
            comment = escape.sql_comment(note) if note else None
            if self.dialect.INLINE_FOREIGN_KEYS:
                inline.setdefault(key.table, []).append(SqlConstraint(name, body, comment))
            else:
                table = self.qualified(self.tables[key.table])
                alter.append(SqlForeignKey(table, name, body, comment))
        return alter, inline

    def _key_body(self, key: ForeignKeyPlan, conflict: bool) -> tuple[str, str | None]:
        """``FOREIGN KEY ... ON DELETE ...`` and the note beside it."""
        action, note = self.dialect.on_delete(key), key.relationship
        if conflict:
            title = self.dialect.title
            action = self.dialect.ON_DELETE[OnDelete.NO_ACTION]
            refusal = f"{title} refuses a cascade cycle or a second cascade path: NO ACTION"
            note = f"{note}; {refusal}" if note else refusal
            self.diagnostics.warning(
                key.loc,
                f"{title}: ON DELETE {key.on_delete} of {key.table}.{key.column} would close a "
                f"cascade cycle or open a second cascade path, which {title} refuses: "
                "NO ACTION instead",
            )
        column = self.columns[key.table][key.column]
        target = self.qualified(self.tables[key.target])
        target_column = self.columns[key.target][key.target_column]
        body = (
            f"FOREIGN KEY ({column}) REFERENCES {target} ({target_column}) "
            f"ON DELETE {action}{self.dialect.DEFERRABLE}"
        )
        return body, note
