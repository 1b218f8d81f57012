"""Alternate keys a layer adds to a table: merged by logical name as columns are."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dvgen.layers.merge import BASE, Key, Origin, position_of
from dvgen.model import AlternateKey, LayerKind, TableExtension
from dvgen.parse.keys import KEY_COLUMN_CODE, key_problem

if TYPE_CHECKING:
    from dvgen.layers.table import Assembly


def add_key(table: Assembly, new: AlternateKey, layer: TableExtension) -> None:
    """An alternate key a layer adds (a solution's integration key on Microsoft's
    ``contact``): a new name is added; a name the table has already is merged as a column
    is (a later solution overrides, one of the same rank must agree, a customization's add
    must agree)."""
    if not _columns_known(table, new, layer):
        return
    present = table.keys.get(new.logical_name)
    at = Origin(position_of(layer), new.loc)
    key: Key = ("key", table.name, new.logical_name)
    if present is None:
        table.keys[new.logical_name] = new
        table.tracker.origins[key] = at
        return
    table.tracker.origins.setdefault(key, Origin(BASE, present.loc))
    adding = "give it another logical_name" if layer.kind is LayerKind.CUSTOMIZATION else None
    table.keys[new.logical_name] = table.tracker.merge_record(key, present, new, at, adding)


def _columns_known(table: Assembly, new: AlternateKey, layer: TableExtension) -> bool:
    """Whether every column of a layer's key is one of the table a key may use (the columns
    every earlier layer and this one's ``columns`` left): else an error for a customization,
    a warning for a solution (the key left out)."""
    problem = key_problem(new, table.name, table.columns, table.table.table_type)
    if problem is None:
        return True
    if layer.kind is LayerKind.CUSTOMIZATION:
        table.diagnostics.error(new.loc, problem)
    else:
        table.diagnostics.warning(new.loc, f"{problem}: left out", KEY_COLUMN_CODE)
    return False
