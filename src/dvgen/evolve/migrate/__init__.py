"""SQL that takes a database created from one version's DDL to another's, per dialect."""

from __future__ import annotations

from dataclasses import dataclass

from dvgen.diagnostics import Diagnostics
from dvgen.evolve.migrate.alter import alter_migration
from dvgen.evolve.migrate.rebuild import rebuild_migration
from dvgen.evolve.migrate.schema import sql_schema
from dvgen.evolve.migrate.steps import Migration
from dvgen.model import TableSet
from dvgen.render import render
from dvgen.targets.sql.context import comment_text
from dvgen.targets.sql.names import SqlText

TEMPLATE = "migrate/migration.sql.jinja"


@dataclass(frozen=True, slots=True)
class MigrationScript:
    text: str
    destructive: tuple[str, ...]
    """What the script drops or narrows, in the order it is listed at its top."""


def migration_script(
    old: TableSet,
    new: TableSet,
    dialect: str,
    source: str,
    labels: bool = False,
    choices: str = "closed",
) -> MigrationScript:
    """The migration from ``old`` (named ``source`` in the header) to ``new``. Diagnostics of
    planning either version are the ``generate`` run's to report, not the migration's."""
    before = sql_schema(old, dialect, labels, choices, Diagnostics())
    after = sql_schema(new, dialect, labels, choices, Diagnostics())
    plan: Migration = (
        rebuild_migration(before, after) if dialect == "sqlite" else alter_migration(before, after)
    )
    text = render(
        TEMPLATE,
        None,
        title=SqlText(after.dialect.title),
        usage=SqlText(after.dialect.migrate_usage),
        source=comment_text(source),
        destructive=plan.destructive,
        preamble=plan.preamble,
        begin=SqlText(after.dialect.BEGIN),
        commit=SqlText(after.dialect.COMMIT),
        steps=plan.steps,
        postamble=plan.postamble,
    )
    return MigrationScript(text, tuple(str(line) for line in plan.destructive))
