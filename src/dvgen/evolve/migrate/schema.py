"""One version of the model as one dialect's DDL sees it: the SQL target's plan and context.

Nothing here spells a type or a constraint: ``plan_schema`` and ``ContextBuilder`` (what
``schema_context`` uses) do, so a migration writes exactly what a fresh ``schema.sql`` would.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dvgen.diagnostics import Diagnostics
from dvgen.model import TableSet
from dvgen.render import render
from dvgen.targets.sql.context import ContextBuilder, SqlConstraint, SqlForeignKey, SqlTable
from dvgen.targets.sql.dialects import DIALECTS, Dialect
from dvgen.targets.sql.dialects.base import Description
from dvgen.targets.sql.names import SqlText
from dvgen.targets.sql.plan import ColumnPlan, TablePlan
from dvgen.targets.sql.target import SchemaPlan, plan_schema

TABLE_TEMPLATE = "sql/table.sql.jinja"
"""The sql target's own block of one table: CREATE TABLE, its descriptions, its rows."""


@dataclass(slots=True)
class SqlSchema:
    """Every table of one version, by logical name, with its plan and its SQL spelling."""

    dialect: Dialect
    plans: dict[str, TablePlan]
    tables: dict[str, SqlTable]
    labels: frozenset[str]
    """Logical names of the label tables (rows derived from the definitions)."""
    foreign_keys: dict[str, SqlForeignKey]
    """ALTER TABLE keys by constraint name (none where keys are inline: SQLite)."""
    descriptions: dict[tuple[str, str | None], Description]
    """Stored descriptions by (quoted table, quoted column or None)."""
    names: dict[str, dict[str, SqlText]] = field(default_factory=dict)
    """Logical table -> logical column -> quoted column name."""

    def create(self, name: str, table: SqlTable | None = None) -> SqlText:
        """The CREATE TABLE of ``name`` (with its comments and rows) as schema.sql writes it."""
        text = render(
            TABLE_TEMPLATE,
            None,
            table=table or self.tables[name],
            table_options=SqlText(self.dialect.TABLE_OPTIONS),
            inserts=name in self.labels,
        )
        return SqlText(text.strip("\n"))

    def column(self, table: str, column: str) -> ColumnPlan:
        return self.plans[table].by_name[column]


def sql_schema(
    tables: TableSet, dialect: str, labels: bool, choices: str, diagnostics: Diagnostics
) -> SqlSchema:
    """Plan and spell ``tables`` as the sql target does (``plan_schema``, ``schema_context``)."""
    plan: SchemaPlan = plan_schema(tables, diagnostics, labels, choices)
    spelling = DIALECTS[dialect](diagnostics)
    builder = ContextBuilder(spelling, diagnostics)
    builder.claim_names([*plan.tables, *plan.labels])
    sql_tables = {t.logical_name: builder.table(t, plan.notes[t.logical_name]) for t in plan.tables}
    sql_tables |= {t.logical_name: builder.table(t, {}) for t in plan.labels}
    keys, inline = builder.foreign_keys(plan.keys)
    for name, constraints in inline.items():
        sql_tables[name].constraints.extend(constraints)
    return SqlSchema(
        dialect=spelling,
        plans={t.logical_name: t for t in [*plan.tables, *plan.labels]},
        tables=sql_tables,
        labels=frozenset(t.logical_name for t in plan.labels),
        foreign_keys={str(k.name): k for k in keys},
        descriptions={
            (
                str(spelling.qualified(d.table)),
                None if d.column is None else str(d.column.quoted),
            ): d
            for d in builder.descriptions
        },
        names={
            table: {column: ident.quoted for column, ident in columns.items()}
            for table, columns in builder.columns.items()
        },
    )


def constraints_of(table: SqlTable) -> dict[str, SqlConstraint]:
    """Every named constraint of a table: column checks and table constraints, by name."""
    found = {str(c.check.name): c.check for c in table.columns if c.check is not None}
    found |= {str(c.name): c for c in table.constraints}
    return found
