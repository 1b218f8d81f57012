"""The ``sql`` target: ``sql/<dialect>/schema.sql``, a schema that applies in one go to an empty
PostgreSQL, SQLite or SQL Server database.

The plan (``plan``, ``keys``, ``labels``) is built once for the whole set and is the
same for every dialect; each dialect (``dialects/``: one module each) then
claims its names and spells the statements (``context``): each table's as a block kept between
runs (``blocks``), laid out with the rest by one template render.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from dvgen.cache import Cache
from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.fragments import Fragments, fragments, table_digest
from dvgen.hashing import digest
from dvgen.model import Choice, Column, Table, TableSet
from dvgen.render import render, template
from dvgen.targets import Target
from dvgen.targets.sql.blocks import BlockBuilder, block_texts, claim_blocks
from dvgen.targets.sql.dialects import DIALECTS, Dialect
from dvgen.targets.sql.keys import ForeignKeyPlan, KeyPlanner, OnDelete
from dvgen.targets.sql.labels import plan_label_tables
from dvgen.targets.sql.names import SqlText
from dvgen.targets.sql.pairs import intersect_pairs
from dvgen.targets.sql.plan import Options, TablePlan, UniquePlan, plan_table
from dvgen.webapi.facets import OptionSets
from dvgen.webapi.properties import accepts_unknown_options

TEMPLATE = "sql/schema.sql.jinja"
BLOCK = "sql/table.sql.jinja"


def _schema_files(dialects: tuple[str, ...]) -> tuple[str, ...]:
    """Each dialect's file, within the target's folder."""
    return tuple(f"{dialect}/schema.sql" for dialect in dialects)


@dataclass(slots=True)
class SchemaPlan:
    """Everything every dialect renders: tables, their lookup notes, keys, label tables."""

    tables: list[TablePlan]
    notes: dict[str, dict[str, str]]
    keys: list[ForeignKeyPlan]
    labels: list[TablePlan]
    sources: dict[str, str] = field(default_factory=dict)
    """A digest of each table's plan's source (``fragments.table_digest``), by logical name."""


def plan_schema(
    tables: TableSet,
    diagnostics: Diagnostics,
    labels: bool,
    choices: str = "closed",
    sources: bool = True,
) -> SchemaPlan:
    """The schema's plan; ``sources``: with each table's digest (the key of its block's
    fragments: without a cache, nothing reads it)."""
    plans: dict[str, TablePlan] = {}
    option_sets = OptionSets(tables, diagnostics)
    for table in tables.tables:
        plan = plan_table(table, diagnostics, _options(option_sets, table))
        plan = open_choices(plan, table, choices)
        if plan.columns:
            plans[table.logical_name] = plan
        else:
            message = f"sql: table {table.logical_name!r} has no column to store: not created"
            diagnostics.warning(table.loc, message, code="sql-table-empty")
    tables = TableSet(tuple(t for t in tables.tables if t.logical_name in plans))
    planner = KeyPlanner(tables, plans, diagnostics)
    pairs = intersect_pairs(tables, plans, planner.shared)
    for intersect, pair_keys in pairs.items():
        plans[intersect] = dataclasses.replace(
            plans[intersect], unique_keys=plans[intersect].unique_keys + pair_keys
        )
    notes: dict[str, dict[str, str]] = {}
    keys: list[ForeignKeyPlan] = []
    for table in tables.tables:
        found, notes[table.logical_name] = planner.plan(table)
        keys.extend(found)
    emptied = emptied_by_delete(keys, plans)
    for name, columns in emptied.items():
        plans[name] = _nullable(plans[name], columns)
    shared = partial(_options, option_sets)
    label_tables = plan_label_tables(tables, plans, diagnostics, shared) if labels else []
    digests = (
        {
            t.logical_name: _source(
                t, option_sets, emptied.get(t.logical_name), pairs.get(t.logical_name, ())
            )
            for t in tables.tables
        }
        if sources
        else {}
    )
    return SchemaPlan(list(plans.values()), notes, keys, label_tables, digests)


def _options(option_sets: OptionSets, table: Table) -> Options:
    """The options of each choice column of ``table``, for its CHECK, its DEFAULT and its
    labels: a global choice's merged over the set (``OptionSets``), as the records targets
    take them; any other column's own (a yes/no column's two, which are no option set's)."""

    def options(column: Column) -> tuple[Choice, ...]:
        if option_sets.is_shared(table, column):
            return option_sets.of(table, column).options
        return column.choices

    return options


def emptied_by_delete(
    keys: list[ForeignKeyPlan], plans: dict[str, TablePlan]
) -> dict[str, frozenset[str]]:
    """The NOT NULL columns, by table, whose key is ON DELETE SET NULL: a SystemRequired lookup
    of a RemoveLink relationship (federatedknowledgeconfiguration's ``connectionreference``).
    Dataverse fills it on create but empties it when the record it points at is deleted, so it
    must take NULL; NOT NULL would refuse every delete of a referenced row. Only a set holding
    both tables shows it: without the referenced table there is no key."""
    found: dict[str, set[str]] = {}
    for key in keys:
        if key.on_delete is not OnDelete.SET_NULL:
            continue
        column = plans[key.table].by_name.get(key.column)
        if column is not None and column.not_null and not column.key:
            found.setdefault(key.table, set()).add(key.column)
    return {table: frozenset(columns) for table, columns in found.items()}


def _nullable(plan: TablePlan, columns: frozenset[str]) -> TablePlan:
    return dataclasses.replace(
        plan,
        columns=tuple(
            dataclasses.replace(c, not_null=False) if c.logical_name in columns else c
            for c in plan.columns
        ),
    )


def _source(
    table: Table,
    option_sets: OptionSets,
    emptied: frozenset[str] | None = None,
    pairs: tuple[UniquePlan, ...] = (),
) -> str:
    """A digest of what the table's plan is made from: the table, the options of its global
    choices, merged over the set (another table's spec can change them), its columns a
    referenced table's delete empties (``emptied_by_delete``: whether that table is in the
    set), and, for an intersect table, the unique pairs its relationships' pages state
    (``intersect_pairs``)."""
    shared = tuple(
        (c.logical_name, tuple(o.value for o in option_sets.of(table, c).options))
        for c in table.columns
        if option_sets.is_shared(table, c)
    )
    own = table_digest(table)
    parts = [repr(shared).encode()] if shared else []
    if emptied:
        parts.append(repr(("emptied", sorted(emptied))).encode())
    if pairs:
        parts.append(repr(("pairs", pairs)).encode())
    return digest(own.encode(), *parts) if parts else own


def open_choices(plan: TablePlan, table: Table, choices: str) -> TablePlan:
    """With ``choices = "open"``, no CHECK of option values on a choice an organisation can
    add options to (``webapi.properties.accepts_unknown_options``); of which Status belongs to
    which State, only that a state holds no reason of another (a status reason it adds is in
    neither list); a State keeps its CHECK."""
    if choices != "open":
        return plan
    columns = tuple(
        dataclasses.replace(c, choices=())
        if c.choices and _accepts_unknown(table, c.logical_name, choices)
        else c
        for c in plan.columns
    )
    pair = plan.state_status
    if pair is not None and _accepts_unknown(table, pair.status, choices):
        pair = dataclasses.replace(pair, open=True)
    return dataclasses.replace(plan, columns=columns, state_status=pair)


def _accepts_unknown(table: Table, name: str, choices: str) -> bool:
    column = table.column(name)
    return column is not None and accepts_unknown_options(column, choices)


def schema_context(
    plan: SchemaPlan,
    dialect: Dialect,
    diagnostics: Diagnostics,
    kept: Fragments | None = None,
    templates: Path | None = None,
) -> dict[str, Any]:
    """What the template lays out: every text ``SqlText`` (a table's block too), ready to
    print; with ``kept``, blocks come from earlier runs where their inputs are the same."""
    kept = kept or Fragments(Cache(None), "sql", "")
    builder = BlockBuilder(dialect, diagnostics)
    builder.claim_names([*plan.tables, *plan.labels])
    blocks = claim_blocks(builder, plan.tables, plan.notes, kept, plan.sources)
    label_blocks = claim_blocks(builder, plan.labels, {}, kept, {})
    foreign_keys, inline = builder.foreign_keys(plan.keys)
    for block in blocks:
        block.inline = inline.get(block.plan.logical_name, [])
    each = template(BLOCK, templates)
    options = SqlText(dialect.TABLE_OPTIONS)
    tables = block_texts(builder, blocks, plan.notes, each, options, kept)
    labels = block_texts(builder, label_blocks, {}, each, options, kept, labels=True)
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
    }


def render_schema(
    plan: SchemaPlan,
    dialect: str,
    diagnostics: Diagnostics,
    templates: Path | None = None,
    kept: Fragments | None = None,
) -> str:
    """One dialect's ``schema.sql``; with ``kept``, tables' blocks come from earlier runs where
    their inputs are the same."""
    context = schema_context(plan, DIALECTS[dialect](diagnostics), diagnostics, kept, templates)
    return render(TEMPLATE, templates, **context)


class SqlTarget(Target):
    name = "sql"
    folder = "sql"
    patterns = tuple(f"{dialect}/schema.sql" for dialect in DIALECTS)
    weight = 0.67  # each dialect (see cost)
    kept_weight = 0.25

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        # the files this instance writes; what a run owns is `owned_patterns`
        self.patterns = _schema_files(config.sql_dialects)

    @classmethod
    def owned_patterns(cls, config: Config) -> tuple[str, ...]:
        """Every dialect's file, or the ``--dialect`` ones: a deselected dialect's is stale."""
        return _schema_files(config.only_dialects or tuple(DIALECTS))

    def cost(self, kept: bool = False) -> float:
        return super().cost(kept) * len(self.config.sql_dialects)

    def files(self, tables: TableSet, diagnostics: Diagnostics) -> dict[str, str]:
        kept = fragments(self)
        config = self.config
        plan = plan_schema(
            tables, diagnostics, config.sql_label_tables, config.choices, kept.keeping
        )
        files = {
            f"{name}/schema.sql": render_schema(
                plan, name, diagnostics, self.config.templates, kept
            )
            for name in self.config.sql_dialects
        }
        kept.finish()
        return files
