"""One dialect's view of the plan: names claimed, types spelled, constraints and comments
written out, ready for ``templates/sql/schema.sql.jinja`` (which only lays them out).

Every text the template prints is ``SqlText``: escaped by the dialect (literals, comments) or
built from quoted identifiers and numbers. A template never receives a plain spec string.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from dvgen import escape
from dvgen.diagnostics import Diagnostics, Location, clip
from dvgen.targets.sql.dialects.base import Description, Dialect
from dvgen.targets.sql.keys import ForeignKeyPlan, OnDelete
from dvgen.targets.sql.names import Namespace, SqlIdentifier, SqlText
from dvgen.targets.sql.plan import ColumnPlan, TablePlan


@dataclass(frozen=True, slots=True)
class SqlConstraint:
    name: SqlText
    body: SqlText
    """Everything after ``CONSTRAINT <name>``."""
    note: SqlText | None = None
    """A one-line comment beside it."""


@dataclass(frozen=True, slots=True)
class SqlColumn:
    name: SqlText
    type: SqlText
    null: SqlText
    """``NOT NULL``, ``NULL`` (where the dialect needs it said) or empty."""
    default: SqlText | None
    """The whole clause: ``DEFAULT x`` or ``CONSTRAINT name DEFAULT x``."""
    check: SqlConstraint | None
    comment: tuple[SqlText, ...]
    """Description as ``--`` lines, where the dialect keeps descriptions in the DDL."""
    note: SqlText | None


@dataclass(slots=True)
class SqlTable:
    name: SqlText
    """Qualified and quoted, as statements write it."""
    title: SqlText
    omitted: list[SqlText]
    comment: tuple[SqlText, ...]
    columns: list[SqlColumn]
    constraints: list[SqlConstraint]
    comments: list[SqlText] = field(default_factory=list)
    """Statements that store the descriptions (COMMENT ON, extended properties)."""
    column_names: list[SqlText] = field(default_factory=list)
    row_batches: list[list[SqlText]] = field(default_factory=list)
    """Label tables: rows to insert, as ``(...)`` value lists, in batches."""
    indexes: list[SqlConstraint] = field(default_factory=list)
    """Unique indexes made after CREATE TABLE (SQL Server's alternate keys): each its name and
    its whole ``CREATE UNIQUE INDEX`` statement."""


@dataclass(frozen=True, slots=True)
class SqlForeignKey:
    table: SqlText
    name: SqlText
    body: SqlText
    note: SqlText | None


def comment_text(text: str) -> SqlText:
    """A one-line ``--`` comment's text (titles, notes): never more than that line."""
    return SqlText(escape.sql_comment(text))


class ContextBuilder:
    """Claims every name of one dialect's schema and spells its statements."""

    def __init__(self, dialect: Dialect, diagnostics: Diagnostics) -> None:
        self.dialect = dialect
        self.diagnostics = diagnostics
        self.schema = Namespace(dialect.NAME_RULES)
        self.tables: dict[str, SqlIdentifier] = {}
        self.columns: dict[str, dict[str, SqlIdentifier]] = {}
        self.descriptions: list[Description] = []
        """Every description stored by statements, in order (``Dialect.declarations``)."""

    def _claim(self, namespace: Namespace, loc: Location, what: str, name: str) -> SqlIdentifier:
        """The identifier of a table, column or constraint; a changed name is reported."""
        got, problem = namespace.claim_checked(name)
        if problem is not None:
            self._changed(loc, what, name, got, problem)
        return got

    def _changed(
        self, loc: Location, what: str, name: str, got: SqlIdentifier, problem: str
    ) -> None:
        self.diagnostics.warning(
            loc,
            f"{self.dialect.title}: {what} {name!r} is created as {got.name!r}: {problem}",
            code="sql-name-changed",
        )

    def _claim_columns(self, namespace: Namespace, plan: TablePlan) -> dict[str, SqlIdentifier]:
        """Each column's identifier (``Namespace.claim_all``), a changed name reported."""
        names = [c.logical_name for c in plan.columns]
        found = {}
        for column, (got, problem) in zip(plan.columns, namespace.claim_all(names), strict=True):
            if problem is not None:
                self._changed(
                    column.loc, f"column of {plan.logical_name}", column.logical_name, got, problem
                )
            found[column.logical_name] = got
        return found

    def _constraint(self, name: str, loc: Location) -> SqlText:
        return self._claim(self.schema, loc, "constraint", name).quoted

    def claim_names(self, plans: Sequence[TablePlan]) -> None:
        """Tables first, in order, then each table's columns: the same input, the same names."""
        for plan in plans:
            self.tables[plan.logical_name] = self._claim(
                self.schema, plan.loc, "table", plan.logical_name
            )
        # Columns follow the schema's rules but for the names kept: the dialect's system
        # columns, and no prefix (SQLite keeps ``sqlite_`` for schema objects, not columns).
        column_rules = replace(
            self.dialect.NAME_RULES, reserved=self.dialect.RESERVED_COLUMNS, reserved_prefixes=()
        )
        for plan in plans:
            self.columns[plan.logical_name] = self._claim_columns(Namespace(column_rules), plan)

    def table(self, plan: TablePlan, notes: dict[str, str]) -> SqlTable:
        names = self.columns[plan.logical_name]
        ident = self.tables[plan.logical_name]
        columns = [self._column(plan, column, names, notes) for column in plan.columns]
        title = plan.logical_name + (f": {plan.title}" if plan.title else "")
        inline = self.dialect.INLINE_COMMENTS
        table = SqlTable(
            name=self.dialect.qualified(ident),
            title=comment_text(title),
            omitted=[comment_text(f"{name} ({why})") for name, why in plan.omitted],
            comment=self._lines(plan.description, plan.loc) if inline else (),
            columns=columns,
            constraints=self._table_constraints(plan, names),
            column_names=[names[c.logical_name].quoted for c in plan.columns],
        )
        self._unique_keys(plan, names, table)
        if not inline:
            table.comments = self._comments(plan, ident, names)
        table.row_batches = self._batches(plan)
        return table

    def _lines(self, text: str | None, loc: Location) -> tuple[SqlText, ...]:
        return () if text is None else self.dialect.comment_lines(text, loc)

    def _column(
        self,
        plan: TablePlan,
        column: ColumnPlan,
        names: dict[str, SqlIdentifier],
        notes: dict[str, str],
    ) -> SqlColumn:
        name = names[column.logical_name]
        conditions = self.dialect.checks(name.quoted, column)
        check = None
        if conditions:
            check_name = self._constraint(
                f"ck_{plan.logical_name}_{column.logical_name}", column.loc
            )
            joined = (
                conditions[0]
                if len(conditions) == 1
                else " AND ".join(f"({c})" for c in conditions)
            )
            check = SqlConstraint(check_name, SqlText(f"CHECK ({joined})"))
        null = "NOT NULL" if column.not_null else ("NULL" if self.dialect.EXPLICIT_NULL else "")
        note = notes.get(column.logical_name)
        inline = self.dialect.INLINE_COMMENTS
        return SqlColumn(
            name=name.quoted,
            type=self.dialect.type_of(column),
            null=SqlText(null),
            default=self._default(plan, column),
            check=check,
            comment=self._lines(column.description, column.loc) if inline else (),
            note=comment_text(note) if note else None,
        )

    def _default(self, plan: TablePlan, column: ColumnPlan) -> SqlText | None:
        """``DEFAULT x``; named where the dialect would otherwise make up a name."""
        value = self.dialect.default_of(column)
        if value is None:
            return None
        if not self.dialect.NAMED_DEFAULTS:
            return SqlText(f"DEFAULT {value}")
        name = self._constraint(f"df_{plan.logical_name}_{column.logical_name}", column.loc)
        return SqlText(f"CONSTRAINT {name} DEFAULT {value}")

    def _table_constraints(
        self, plan: TablePlan, names: dict[str, SqlIdentifier]
    ) -> list[SqlConstraint]:
        found: list[SqlConstraint] = []
        if plan.primary_key:
            key = ", ".join(str(names[c]) for c in plan.primary_key)
            name = self._constraint(f"pk_{plan.logical_name}", plan.loc)
            found.append(SqlConstraint(name, SqlText(f"PRIMARY KEY ({key})")))
        pair = plan.state_status
        if pair is not None and (pair.foreign or not pair.open):
            state, status = names[pair.state], names[pair.status]
            cases = " OR ".join(
                f"({state} = {value} AND {status} IN ({', '.join(map(str, statuses))}))"
                for value, statuses in (pair.foreign if pair.open else pair.pairs)
                if statuses
            )
            held = f"NOT ({cases})" if pair.open else cases or "1 = 0"
            body = f"CHECK ({state} IS NULL OR {status} IS NULL OR {held})"
            name = self._constraint(f"ck_{plan.logical_name}_{pair.state}_{pair.status}", plan.loc)
            found.append(SqlConstraint(name, SqlText(body)))
        return found

    def _unique_keys(
        self, plan: TablePlan, names: dict[str, SqlIdentifier], table: SqlTable
    ) -> None:
        """Each alternate key as the dialect enforces it: a UNIQUE constraint of the table, or
        a statement after it (``Dialect.unique_key``); a key over a column the dialect cannot
        index is left out, with a warning."""
        for key in plan.unique_keys:
            columns = [plan.by_name[name] for name in key.columns]
            refused = next((c for c in columns if not self.dialect.indexable(c)), None)
            if refused is not None:
                self.diagnostics.warning(
                    key.loc,
                    f"{self.dialect.title}: alternate key {clip(key.logical_name)!r} of "
                    f"{plan.logical_name!r}: column {clip(refused.logical_name)!r} is of a "
                    "type an index cannot hold: no unique constraint",
                    code="sql-alternate-key-left-out",
                )
                continue
            wanted = key.constraint or f"ak_{plan.logical_name}_{key.logical_name}"
            name = self._constraint(wanted, key.loc)
            idents = [names[c.logical_name] for c in columns]
            constraint, statement = self.dialect.unique_key(name, table.name, idents)
            if constraint is not None:
                table.constraints.append(SqlConstraint(name, constraint))
            if statement is not None:
                table.indexes.append(SqlConstraint(name, statement))

    def _comments(
        self, plan: TablePlan, table: SqlIdentifier, names: dict[str, SqlIdentifier]
    ) -> list[SqlText]:
        items = table_descriptions(plan, table, names)
        self.descriptions.extend(items)
        return [statement for item in items for statement in self.dialect.comment(item)]

    def _batches(self, plan: TablePlan) -> list[list[SqlText]]:
        size = self.dialect.MAX_ROWS_PER_INSERT
        values = [
            SqlText("(" + ", ".join(self.dialect.literal(v, row.loc) for v in row.values) + ")")
            for row in plan.rows
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
            name = self._constraint(f"fk_{key.table}_{key.column}", key.loc)
            body, note = self._key_body(key, key in conflicts)
            comment = comment_text(note) if note else None
            if self.dialect.INLINE_FOREIGN_KEYS:
                inline.setdefault(key.table, []).append(SqlConstraint(name, body, comment))
            else:
                table = self.dialect.qualified(self.tables[key.table])
                alter.append(SqlForeignKey(table, name, body, comment))
        return alter, inline

    def _key_body(self, key: ForeignKeyPlan, conflict: bool) -> tuple[SqlText, str | None]:
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
                code="sqlserver-cascade-cycle",  # the one dialect that refuses them
            )
        column = self.columns[key.table][key.column]
        target = self.dialect.qualified(self.tables[key.target])
        target_column = self.columns[key.target][key.target_column]
        body = (
            f"FOREIGN KEY ({column}) REFERENCES {target} ({target_column}) "
            f"ON DELETE {action}{self.dialect.DEFERRABLE}"
        )
        return SqlText(body), note


def table_descriptions(
    plan: TablePlan, table: SqlIdentifier, names: dict[str, SqlIdentifier]
) -> list[Description]:
    """The descriptions a table's statements store (where the DDL cannot hold them inline)."""
    items = [Description(table, None, plan.description, plan.loc)] if plan.description else []
    items += [
        Description(table, names[c.logical_name], c.description, c.loc)
        for c in plan.columns
        if c.description is not None
    ]
    return items
