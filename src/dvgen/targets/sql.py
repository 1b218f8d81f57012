"""The ``sql`` target: ``sql/<dialect>/schema.sql``, a schema that applies in one go to an empty
PostgreSQL, SQLite or SQL Server database.

The plan (``sql_plan``, ``sql_keys``, ``sql_labels``) is built once for the whole set and is the
same for every dialect; each dialect (``sql_dialects``) then claims its names and spells the
statements (``sql_context``), and one template render writes the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from dvgen.diagnostics import Diagnostics
from dvgen.model import TableSet
from dvgen.render import render
from dvgen.targets import Target
from dvgen.targets.sql_context import ContextBuilder
from dvgen.targets.sql_dialects import DIALECTS, Dialect
from dvgen.targets.sql_keys import ForeignKeyPlan, KeyPlanner
from dvgen.targets.sql_labels import plan_label_tables
from dvgen.targets.sql_plan import TablePlan, plan_table

TEMPLATE = "sql/schema.sql.jinja"


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
    builder = ContextBuilder(dialect, diagnostics)
    builder.claim_names([*plan.tables, *plan.labels])
    tables = [builder.table(t, plan.notes[t.logical_name]) for t in plan.tables]
    labels = [builder.table(t, {}) for t in plan.labels]
    foreign_keys, inline = builder.foreign_keys(plan.keys)
    for table, sql_table in zip(plan.tables, tables, strict=True):
        sql_table.constraints.extend(inline.get(table.logical_name, ()))
    uses_variable = any(c.variable for t in [*tables, *labels] for c in t.comments)
    schema = dialect.SCHEMA
    return {
        "title": dialect.title,
        "usage": dialect.usage,
        "table_count": len(tables),
        "preamble": dialect.PREAMBLE,
        "begin": dialect.BEGIN,
        "commit": dialect.COMMIT,
        "declarations": [dialect.DESCRIPTION_VARIABLE] if uses_variable else [],
        "tables": tables,
        "label_tables": labels,
        "foreign_keys": foreign_keys,
        "table_options": dialect.TABLE_OPTIONS,
        "comment_style": dialect.COMMENTS,
        "schema": dialect.string(schema) if schema else "",
    }


def render_schema(
    plan: SchemaPlan, dialect: str, diagnostics: Diagnostics, templates: Path | None = None
) -> str:
    """One dialect's ``schema.sql``."""
    context = schema_context(plan, DIALECTS[dialect](), diagnostics)
    return render(TEMPLATE, templates, **context)


class SqlTarget(Target):
    name = "sql"
    folder = "sql"
    patterns = ("*/schema.sql",)

    def cost(self) -> float:
        return self.weight * len(self.config.sql_dialects)

    def owns(self, path: str) -> bool:
        """Only the selected dialects' files: ``--dialect sqlite`` leaves the others alone."""
        parts = PurePosixPath(path).parts
        return super().owns(path) and len(parts) == 3 and parts[1] in self.config.sql_dialects

    def render(self, tables: TableSet, diagnostics: Diagnostics) -> dict[str, str]:
        plan = plan_schema(tables, diagnostics, self.config.sql_label_tables)
        return {
            f"{name}/schema.sql": render_schema(plan, name, diagnostics, self.config.templates)
            for name in self.config.sql_dialects
        }
