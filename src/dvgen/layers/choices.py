"""Global-choice layers: options added to, relabeled in or removed from a global choice reach
every column of the set that uses it (``global_choice_name``), in every table."""

from __future__ import annotations

import dataclasses
import difflib
from collections import defaultdict

from dvgen.layers.merge import BASE, Origin, Tracker, in_listed_order, position_of
from dvgen.model import Choice, ChoiceExtension, Column, ColumnType, LayerKind, Table
from dvgen.parse import statuses
from dvgen.parse.statuses import STATELESS


def apply_choice_layers(
    tables: dict[str, Table], layers: list[ChoiceExtension], tracker: Tracker
) -> dict[str, Table]:
    """``tables`` with ``layers`` (in the order they apply) applied to the columns using
    each global choice. Conflicts are checked against the first such column (by table and
    column name): its options stand for the choice's."""
    if not layers:
        return tables
    users = _users(tables)
    changed: dict[str, dict[str, Column]] = defaultdict(dict)
    for layer in layers:
        using = users.get(layer.name.lower(), [])
        if not using:
            _report_unused(layer, sorted(users), tracker)
            continue
        current = [changed[t].get(c) or tables[t].columns_by_name[c] for t, c in using]
        for (owner, _), column in zip(using, _apply(layer, current, tracker), strict=True):
            changed[owner][column.logical_name] = column
    result = dict(tables)
    for name, columns in changed.items():
        table = tables[name]
        merged = tuple(columns.get(c.logical_name, c) for c in table.columns)
        result[name] = dataclasses.replace(table, columns=merged)
    return result


def _users(tables: dict[str, Table]) -> dict[str, list[tuple[str, str]]]:
    """Global choice name (case-insensitive, as Dataverse's) -> (table, column) using it."""
    users: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name in sorted(tables):
        for column in sorted(tables[name].columns, key=lambda c: c.logical_name):
            if column.global_choice_name:
                users[column.global_choice_name.lower()].append((name, column.logical_name))
    return users


def _report_unused(layer: ChoiceExtension, known: list[str], tracker: Tracker) -> None:
    """A customization of a global choice no column uses changes nothing: an error. A
    solution carries every global choice it defines, used in the set or not: no message."""
    if layer.kind is not LayerKind.CUSTOMIZATION:
        return
    close = difflib.get_close_matches(layer.name.lower(), known, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    tracker.diagnostics.error(
        layer.loc,
        f"customizes global choice {layer.name!r}, which no column of the set uses{hint}: "
        "add the spec of a table with a column using it",
    )


def _apply(layer: ChoiceExtension, columns: list[Column], tracker: Tracker) -> list[Column]:
    """The columns with the layer's options; checked once, on the first column."""
    first = columns[0]
    key = ("choice", layer.name.lower())
    tracker.origins.setdefault(key, Origin(BASE, first.loc))
    at = Origin(position_of(layer), layer.loc)
    strict = layer.kind is LayerKind.CUSTOMIZATION
    if strict and first.type is ColumnType.STATUS:  # as for a table's (``parse.statuses``)
        for option in (o for o in layer.options if o.state is None):
            message = statuses.stateless(first.logical_name, option.value, [])
            tracker.diagnostics.warning(layer.loc, f"add_choices: {message}", STATELESS)
    reference = tracker.add_options(key, first.choices, layer.options, at, strict, layer.options_at)
    reference = tracker.relabel(key, reference, layer.relabeled, at, layer.relabeled_at)
    values = {choice.value for choice in reference}
    for removal in layer.removed_options:
        if removal.value not in values:
            tracker.diagnostics.error(
                removal.loc,
                f"removes option {removal.value} of global choice {layer.name!r}, which it does "
                f"not have (its values: {', '.join(str(v) for v in sorted(values)) or 'none'})",
            )
    foreign = tracker.add_foreign(key, reference, layer.foreign_options, at)
    reference = (*reference, *foreign)
    final = {choice.value: choice for choice in reference}
    touched = [c.value for c in (*layer.options, *layer.relabeled, *foreign) if c.value in final]
    removed = {removal.value for removal in layer.removed_options}
    listed: tuple[int, ...] = ()
    if layer.kind is LayerKind.SOLUTION:
        listed = layer.options_order or tuple(c.value for c in layer.options)
    return [_with(column, final, touched, removed, listed) for column in columns]


def _with(
    column: Column,
    final: dict[int, Choice],
    touched: list[int],
    removed: set[int],
    listed: tuple[int, ...],
) -> Column:
    """``column`` with the touched options as the choice now has them (in place, or appended)
    and the removed ones gone; the options no layer touched stay as the column lists them. A
    solution's (``listed``: it states the choice whole) are in its order."""
    merged = {choice.value: choice for choice in column.choices}
    for value in touched:
        merged[value] = final[value]
    kept = tuple(choice for value, choice in merged.items() if value not in removed)
    if listed:
        kept = in_listed_order(kept, listed)
    return column if kept == column.choices else dataclasses.replace(column, choices=kept)
