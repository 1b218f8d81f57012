"""Applying extension pages (the changes a Dynamics 365 app makes) to the tables they extend."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeGuard, TypeVar

from dvgen.diagnostics import Diagnostics
from dvgen.model import Choice, Column, ColumnChange, Relationships, Table, TableExtension

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")


def apply_extensions(
    tables: list[Table], extensions: Iterable[TableExtension], diagnostics: Diagnostics
) -> list[Table]:
    """Each table with the extensions of it applied, in the order of their spec files."""
    by_name = {table.logical_name: table for table in tables}
    for extension in sorted(extensions, key=lambda e: e.loc):
        base = by_name.get(extension.logical_name)
        if base is None:
            diagnostics.warning(
                extension.loc,
                f"this page lists only the changes {extension.solution or 'an app'} makes to "
                f"table {extension.logical_name!r}, and no spec defines that table: add its "
                "reference page to apply them; the page is skipped",
                "extension-without-table",
            )
            continue
        by_name[extension.logical_name] = _apply(base, extension, diagnostics)
    return [by_name[table.logical_name] for table in tables]


def _apply(table: Table, extension: TableExtension, diagnostics: Diagnostics) -> Table:
    columns = {column.logical_name: column for column in table.columns}
    for change in extension.column_changes:
        column = columns.get(change.logical_name)
        if column is None:
            diagnostics.warning(
                change.loc,
                f"column {change.logical_name!r} is not a column of table "
                f"{table.logical_name!r}; its changes are not applied",
                "extension-column-unknown",
            )
            continue
        columns[change.logical_name] = _change_column(column, change)
    for new in extension.columns:
        owned = new if new.added_by else dataclasses.replace(new, added_by=extension.solution)
        present = columns.get(new.logical_name)
        columns[new.logical_name] = fill_unknowns(present, owned) if present else owned
    known = {message.name for message in table.messages}
    return dataclasses.replace(
        table,
        columns=tuple(columns.values()),
        messages=table.messages + tuple(m for m in extension.messages if m.name not in known),
        relationships=_merge_relationships(
            table.relationships, extension.relationships, extension.solution
        ),
    )


def _change_column(column: Column, change: ColumnChange) -> Column:
    updates: dict[str, Any] = {}
    for name, value in change.changes:
        if name == "targets":
            updates[name] = tuple(dict.fromkeys((*column.targets, *value)))
        elif name == "choices":
            updates[name] = _merge_choices(column.choices, value)
        elif name == "extra":
            updates[name] = (*column.extra, *value)
        else:
            updates[name] = value
    return dataclasses.replace(column, **updates)


def _merge_choices(base: tuple[Choice, ...], added: tuple[Choice, ...]) -> tuple[Choice, ...]:
    merged = {choice.value: choice for choice in base}
    merged.update((choice.value, choice) for choice in added)
    return tuple(merged.values())


def _merge_relationships(
    base: Relationships, added: Relationships, solution: str | None
) -> Relationships:
    return Relationships(
        many_to_one=_merge_named(base.many_to_one, added.many_to_one, solution),
        one_to_many=_merge_named(base.one_to_many, added.one_to_many, solution),
        many_to_many=_merge_named(base.many_to_many, added.many_to_many, solution),
    )


def _merge_named(base: tuple[T, ...], added: tuple[T, ...], solution: str | None) -> tuple[T, ...]:
    merged: dict[str, T] = {_name(item): item for item in base}
    for item in added:
        present = merged.get(_name(item))
        if present is not None:
            merged[_name(item)] = fill_unknowns(present, item)
        elif getattr(item, "added_by", None) is None:
            merged[_name(item)] = dataclasses.replace(item, added_by=solution)
        else:
            merged[_name(item)] = item
    return tuple(merged.values())


def _name(item: Any) -> str:
    return str(item.schema_name).lower()


def _is_record(value: object) -> TypeGuard[DataclassInstance]:
    return dataclasses.is_dataclass(value) and not isinstance(value, type)


def fill_unknowns(own: T, other: T) -> T:
    """``own`` with every unknown (None) field taken from ``other``, nested objects field-wise."""
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(own):
        if f.name in ("loc", "extra", "added_by"):
            continue
        mine = getattr(own, f.name)
        theirs = getattr(other, f.name)
        if theirs is None:
            continue
        if mine is None:
            changes[f.name] = theirs
        elif type(mine) is type(theirs) and _is_record(mine):
            merged = fill_unknowns(mine, theirs)
            if merged != mine:
                changes[f.name] = merged
    return dataclasses.replace(own, **changes) if changes else own
