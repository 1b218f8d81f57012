"""A table's alternate keys as a solution states them: ``<EntityKeys>`` of its ``<entity>``.

``<EntityKey>`` holds ``<Name>`` (the schema name), ``<LogicalName>``, ``<EntityKeyAttributes>``
(one ``<AttributeName>`` per column, in the key's order) and ``<displaynames>``.
"""

from __future__ import annotations

import dataclasses

from dvgen.diagnostics import Diagnostics
from dvgen.model import AlternateKey, Table
from dvgen.parse.keys import KEY_COLUMN_CODE, key_problem
from dvgen.solution.attributes import Context
from dvgen.solution.xml import Node


def read_keys(info: Node | None, ctx: Context) -> tuple[AlternateKey, ...]:
    """The keys of ``<entity>``; one without a name is named as Dataverse would not: skipped."""
    holder = info.child("EntityKeys") if info is not None else None
    keys = []
    for node in holder.all("EntityKey") if holder is not None else ():
        schema = node.value("Name") or node.value("LogicalName") or ""
        logical = (node.value("LogicalName") or schema).lower()
        names = node.child("EntityKeyAttributes")
        columns = [n.text.lower() for n in names.all("AttributeName")] if names else []
        if not logical or not columns:
            continue
        keys.append(
            AlternateKey(
                logical_name=logical,
                schema_name=schema or logical,
                display_name=ctx.language.pick(node.child("displaynames")),
                columns=tuple(dict.fromkeys(columns)),
                loc=ctx.where.at(node.line),
            )
        )
    return tuple(keys)


def known_keys(table: Table, diagnostics: Diagnostics) -> Table:
    """``table`` without the keys that name a column it does not have (or one no key may use),
    each said with a warning: Dataverse would not have exported such a key, so the solution
    was edited by hand, and a unique constraint on a missing column cannot be written."""
    kept = [key for key in table.keys if usable(key, table, diagnostics)]
    return table if len(kept) == len(table.keys) else dataclasses.replace(table, keys=tuple(kept))


def usable(key: AlternateKey, table: Table, diagnostics: Diagnostics) -> bool:
    """Whether every column of ``key`` is a column of ``table`` a key may use (a warning when
    not)."""
    problem = key_problem(key, table.logical_name, table.columns_by_name, table.table_type)
    if problem:
        diagnostics.warning(key.loc, f"{problem}: the key is left out", KEY_COLUMN_CODE)
    return problem is None
