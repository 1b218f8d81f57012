"""The ``sql`` target: ``sql/<dialect>/schema.sql``, a schema that applies in one go to an empty
PostgreSQL, SQLite or SQL Server database.

The plan (``sql_plan``, ``sql_keys``, ``sql_labels``) is built once for the whole set and is the
same for every dialect; each dialect (``sql_dialects``, ``sql_sqlite``, ``sql_sqlserver``) then
claims its names and spells the statements (``sql_context``), and one template render writes the
file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.model import TableSet
from dvgen.render import render
from dvgen.targets import Target
from dvgen.targets.sql_context import ContextBuilder
from dvgen.targets.sql_dialects import Dialect, Postgres
from dvgen.targets.sql_keys import ForeignKeyPlan, KeyPlanner
from dvgen.targets.sql_labels import plan_label_tables
from dvgen.targets.sql_names import SqlText
from dvgen.targets.sql_plan import TablePlan, plan_table
from dvgen.targets.sql_sqlite import Sqlite
from dvgen.targets.sql_sqlserver import SqlServer

TEMPLATE = "sql/schema.sql.jinja"

DIALECTS: dict[str, type[Dialect]] = {
    "postgres": Postgres,
    "sqlite": Sqlite,
    "sqlserver": SqlServer,
}


@dataclass(slots=True)
class SchemaPlan:
    """Everything every dialect renders: tables, their lookup notes, keys, label tables."""

    tables: list[TablePlan]
    notes: dict[str, dict[str, str]]
    keys: list[ForeignKeyPlan]
    labels: list[TablePlan]


def plan_schema(tables: TableSet, diagnostics: Diagnostics, labels: bool) -> SchemaPlan:
    plans: dict[str, TablePlan] = {}
    for table in tables.tables:
        plan = plan_table(table, diagnostics)
        if plan.columns:
            plans[table.logical_name] = plan
        else:
            message = f"sql: table {table.logical_name!r} has no column to store: not created"
            diagnostics.warning(table.loc, message)
    tables = TableSet(tuple(t for t in tables.tables if t.logical_name in plans))
    planner = KeyPlanner(tables, plans, diagnostics)
    notes: dict[str, dict[str, str]] = {}
    keys: list[ForeignKeyPlan] = []
    for table in tables.tables:
        found, notes[table.logical_name] = planner.plan(table)
        keys.extend(found)
    label_tables = plan_label_tables(tables, plans, diagnostics) if labels else []
    return SchemaPlan(list(plans.values()), notes, keys, label_tables)


def schema_context(plan: SchemaPlan, dialect: Dialect, diagnostics: Diagnostics) -> dict[str, Any]:
    """What the template lays out: every text ``SqlText``, ready to print."""
    builder = ContextBuilder(dialect, diagnostics)
    builder.claim_names([*plan.tables, *plan.labels])
    tables = [builder.table(t, plan.notes[t.logical_name]) for t in plan.tables]
    labels = [builder.table(t, {}) for t in plan.labels]
    foreign_keys, inline = builder.foreign_keys(plan.keys)
    for table, sql_table in zip(plan.tables, tables, strict=True):
        sql_table.constraints.extend(inline.get(table.logical_name, ()))
    return {
        "title": SqlText(dialect.title),
        "usage": SqlText(dialect.usage),
        "table_count": len(tables),
        "preamble": [SqlText(statement) for statement in dialect.PREAMBLE],
        "begin": SqlText(dialect.BEGIN),
        "commit": SqlText(dialect.COMMIT),
        "declarations": dialect.declarations(builder.descriptions),
        "tables": tables,
        "label_tables": labels,
        "foreign_keys": foreign_keys,
        "table_options": SqlText(dialect.TABLE_OPTIONS),
    }


def render_schema(
    plan: SchemaPlan, dialect: str, diagnostics: Diagnostics, templates: Path | None = None
) -> str:
    """One dialect's ``schema.sql``."""
    context = schema_context(plan, DIALECTS[dialect](diagnostics), diagnostics)
    return render(TEMPLATE, templates, **context)


class SqlTarget(Target):
    name = "sql"
    folder = "sql"
    patterns = tuple(f"{dialect}/schema.sql" for dialect in DIALECTS)

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        # only the configured dialects' files: `--dialect sqlite` leaves the others alone
        self.patterns = tuple(f"{dialect}/schema.sql" for dialect in config.sql_dialects)

    def cost(self) -> float:
        return self.weight * len(self.config.sql_dialects)

    def render(self, tables: TableSet, diagnostics: Diagnostics) -> dict[str, str]:
        plan = plan_schema(tables, diagnostics, self.config.sql_label_tables)
        return {
            f"{name}/schema.sql": render_schema(plan, name, diagnostics, self.config.templates)
            for name in self.config.sql_dialects
        }
