"""One dialect's ``schema.sql`` assembled from a block per table, each kept between runs.

A table's block (its CREATE TABLE and the statements storing its descriptions) depends on its
plan, its lookup notes, the names the schema gave it and its columns, and the constraint names
it claims in the schema's one namespace, which depend on every claim before. So each block is
kept as two entries:

- the claims entry, under the table's inputs: the constraint names it asked for and got, and
  its warnings. A later run asks the namespace for the same names in the same order (cheap: no
  statement is spelled); when it gets the same answers the table's claims and warnings are what
  rendering would make, else the table is built again (the claims undone first);
- the text entry, under the claims entry's key and the foreign keys written inside the table
  (SQLite's), which are claimed only after every table.

The set-level frame (header, declarations, foreign keys, label tables' blocks, COMMIT) is laid
out by ``sql/schema.sql.jinja`` around the blocks, which ``sql/table.sql.jinja`` renders.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dvgen.diagnostics import Diagnostic, Diagnostics, Location
from dvgen.fragments import Fragments
from dvgen.hashing import digest
from dvgen.render import Template
from dvgen.targets.sql.context import (
    ContextBuilder,
    SqlConstraint,
    SqlTable,
    table_descriptions,
)
from dvgen.targets.sql.dialects.base import Dialect
from dvgen.targets.sql.names import SqlText
from dvgen.targets.sql.plan import TablePlan

Claims = tuple[tuple[tuple[str, str], ...], list[Diagnostic]]
"""A table's claims entry: the (requested, got) constraint names, its warnings."""


class BlockBuilder(ContextBuilder):
    """A context builder that records the constraint names each table asks for and gets, and,
    given ``replay``, hands out the names a table got before instead of claiming them."""

    def __init__(self, dialect: Dialect, diagnostics: Diagnostics) -> None:
        super().__init__(dialect, diagnostics)
        self.requests: list[tuple[str, str]] = []
        self.replay: list[str] | None = None

    def _constraint(self, name: str, loc: Location) -> SqlText:
        if self.replay is not None:
            return SqlText(self.replay.pop(0))
        got = super()._constraint(name, loc)
        self.requests.append((name, str(got)))
        return got

    def claim_again(self, requests: tuple[tuple[str, str], ...]) -> bool:
        """Claim the names a table asked for; True when it gets what it got before, else the
        namespace is left as it was."""
        schema = self.schema
        claimed = schema.claim_names([name for name, _ in requests])
        if schema.quoted_all(claimed) == [got for _, got in requests]:
            return True
        # a claim always takes a new name: giving back every name taken restores the namespace
        schema.taken.difference_update(schema._key(name) for name in claimed)
        return False


@dataclass(slots=True)
class Block:
    """A table on its way to its block of text: its claims (replayed or made), its key."""

    plan: TablePlan
    key: str
    claims: Claims
    built: SqlTable | None = None
    """The table's context when built in this run (None when its claims were replayed)."""
    inline: list[SqlConstraint] = field(default_factory=list)


def claim_blocks(
    builder: BlockBuilder,
    plans: list[TablePlan],
    notes: dict[str, dict[str, str]],
    kept: Fragments,
    sources: dict[str, str],
) -> list[Block]:
    """Each table's claims, in order: replayed from the cache where they still hold, else
    built (warnings, descriptions and all). ``sources`` holds, by table, a digest of what its
    plan is made from (the table, locations included: see ``fragments.table_digest``); a plan
    without one (a label table) stands for itself."""
    blocks = []
    for plan in plans:
        name = plan.logical_name
        table_notes = notes.get(name, {})
        names = builder.columns[name]
        if not kept.keeping:  # nothing is replayed: no key
            blocks.append(_build(builder, plan, table_notes, "", kept))
            continue
        # the names of the columns are the source's: each table's are claimed in a namespace
        # of their own, by the dialect's rules (the key's name), from the plan's columns
        source = sources.get(name) or repr(plan)
        inputs = repr((source, table_notes, builder.tables[name].name))
        key = kept.key(f"sql/{builder.dialect.title}/claims", inputs)
        found = kept.get(key)
        if _is_claims(found) and builder.claim_again(found[0]):
            builder.diagnostics.extend(found[1])
            if not builder.dialect.INLINE_COMMENTS:
                builder.descriptions += table_descriptions(plan, builder.tables[name], names)
            blocks.append(Block(plan, key, found))
            continue
        blocks.append(_build(builder, plan, table_notes, key, kept))
    return blocks


def _is_claims(found: object) -> bool:
    return isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], tuple)


def _build(
    builder: BlockBuilder, plan: TablePlan, notes: dict[str, str], key: str, kept: Fragments
) -> Block:
    outer = builder.diagnostics
    builder.diagnostics = Diagnostics()
    builder.requests = []
    try:
        table = builder.table(plan, notes)
    finally:
        found, builder.diagnostics = builder.diagnostics, outer
    outer.extend(found.items)
    claims: Claims = (tuple(builder.requests), list(found.items))
    kept.put(key, claims)
    return Block(plan, key, claims, table)


def block_texts(
    builder: BlockBuilder,
    blocks: list[Block],
    notes: dict[str, dict[str, str]],
    template: Template,
    options: SqlText,
    kept: Fragments,
    labels: bool = False,
) -> list[SqlText]:
    """Each table's block of statements, from the cache where its claims and inline foreign
    keys are what they were."""
    texts = []
    for block in blocks:
        key = digest(block.key.encode(), repr(block.inline).encode()) if block.key else ""
        found = kept.get(key) if key else None
        if isinstance(found, str):
            text = SqlText(found)  # what the block template made of SqlText alone
            kept.hold(key, text)  # the SqlText, so that the text is held once
        else:
            table = block.built or _rebuild(builder, block, notes.get(block.plan.logical_name, {}))
            table.constraints.extend(block.inline)
            text = SqlText(template.text(table=table, table_options=options, inserts=labels))
            kept.put(key, text)
        texts.append(text)
    return texts


def _rebuild(builder: BlockBuilder, block: Block, notes: dict[str, str]) -> SqlTable:
    """The context of a table whose claims were replayed: built again with the names it got."""
    again = BlockBuilder(builder.dialect, Diagnostics())
    again.tables, again.columns = builder.tables, builder.columns
    again.replay = [got for _, got in block.claims[0]]
    return again.table(block.plan, notes)
