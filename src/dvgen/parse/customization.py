"""YAML customizations: a layer on a table (``customizes:``) or a global choice
(``customizes_choice:``) that another spec of the set defines (docs/customizations.md).

The data is already valid against the spec schema; this builds the model's layer types, each
part located at its own line so that a conflict names the line that causes it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dvgen import canonical, yamlio
from dvgen.diagnostics import Location
from dvgen.model import (
    Choice,
    ChoiceExtension,
    Column,
    ColumnChange,
    LayerKind,
    ManyToManyRelationship,
    OneToManyRelationship,
    OptionRemoval,
    Relationships,
    Removal,
    RequiredLevel,
    TableExtension,
)
from dvgen.parse.keys import alternate_keys

Where = Callable[[list[str | int]], Location]
"""The location of the node at a path of the document (of its key, for a mapping entry)."""

TABLE_LABELS = ("display_name", "display_collection_name", "description")
"""The table's own labels a customization may change (an org that calls its accounts
"Customers")."""
_RELATIONSHIP_KINDS: dict[str, type] = {
    "many_to_one": OneToManyRelationship,
    "one_to_many": OneToManyRelationship,
    "many_to_many": ManyToManyRelationship,
}


def locator(root: yamlio.Root, where: Location) -> Where:
    """Lines of the key for a mapping entry (``name:`` under ``changes:``), whose value may
    start on the next line, and of the item for a list entry."""

    def at(path: list[str | int]) -> Location:
        key = isinstance(path[-1], str)
        return where.at(yamlio.line_at(root, path, key=key))

    return at


def table_customization(data: dict[str, Any], root: yamlio.Root, where: Location) -> TableExtension:
    """A ``customizes:`` spec as a layer of kind customization."""
    at = locator(root, where)
    remove: dict[str, Any] = data.get("remove", {})
    return TableExtension(
        logical_name=data["customizes"],
        solution=data.get("solution"),
        columns=tuple(column(c, at(["columns", i])) for i, c in enumerate(data.get("columns", []))),
        column_changes=tuple(
            _change(name, facets, at) for name, facets in data.get("changes", {}).items()
        ),
        relationships=relationships(data.get("relationships", {}), at),
        keys=alternate_keys(data.get("keys", []), at),
        loc=at(["customizes"]),
        kind=LayerKind.CUSTOMIZATION,
        table_changes=tuple((label, data[label]) for label in TABLE_LABELS if label in data),
        has_activities=data.get("has_activities"),
        has_activities_loc=at(["has_activities" if "has_activities" in data else "customizes"]),
        removed_columns=tuple(
            Removal(name, at(["remove", "columns", i]))
            for i, name in enumerate(remove.get("columns", []))
        ),
        removed_relationships=tuple(
            Removal(name, at(["remove", "relationships", i]))
            for i, name in enumerate(remove.get("relationships", []))
        ),
        removed_options=tuple(
            OptionRemoval(value, name, at(["remove", "choices", name, i]))
            for name, values in remove.get("choices", {}).items()
            for i, value in enumerate(values)
        ),
    )


def choice_customization(
    data: dict[str, Any], root: yamlio.Root, where: Location
) -> ChoiceExtension:
    """A ``customizes_choice:`` spec as a layer of kind customization."""
    at = locator(root, where)
    added, relabeled = data.get("add_choices", []), data.get("relabel_choices", [])
    return ChoiceExtension(
        name=data["customizes_choice"],
        options=_choices(added),
        relabeled=_choices(relabeled),
        options_at=_each(at, ["add_choices"], added),
        relabeled_at=_each(at, ["relabel_choices"], relabeled),
        removed_options=tuple(
            OptionRemoval(value, None, at(["remove_choices", i]))
            for i, value in enumerate(data.get("remove_choices", []))
        ),
        solution=data.get("solution"),
        loc=at(["customizes_choice"]),
    )


def column(data: dict[str, Any], loc: Location) -> Column:
    """A column as a whole table spec writes it (schema name and required level defaulted)."""
    data = dict(data)
    data.setdefault("schema_name", data["logical_name"])
    data.setdefault("required_level", RequiredLevel.NONE.value)
    return canonical.from_data(Column, data, loc)


def _change(name: str, facets: dict[str, Any], at: Where) -> ColumnChange:
    loc = at(["changes", name])
    changes: list[tuple[str, Any]] = []
    for key, value in facets.items():
        if key == "add_choices":
            changes.append(("choices", _choices(value)))
        elif key != "relabel_choices":
            changes.append((key, canonical.field_value(Column, key, value, loc)))
    relabeled = facets.get("relabel_choices", [])
    return ColumnChange(
        name,
        tuple(changes),
        loc,
        _choices(relabeled),
        choices_at=_each(at, ["changes", name, "add_choices"], facets.get("add_choices", [])),
        relabeled_at=_each(at, ["changes", name, "relabel_choices"], relabeled),
    )


def _choices(items: list[dict[str, Any]]) -> tuple[Choice, ...]:
    return tuple(canonical.from_data(Choice, item) for item in items)


def _each(at: Where, path: list[str | int], items: list[Any]) -> tuple[Location, ...]:
    """Where each item of the list at ``path`` is written."""
    return tuple(at([*path, index]) for index in range(len(items)))


def relationships(data: dict[str, Any], at: Where) -> Relationships:
    built: dict[str, Any] = {
        kind: tuple(
            canonical.from_data(cls, item, at(["relationships", kind, i]))
            for i, item in enumerate(data.get(kind, []))
        )
        for kind, cls in _RELATIONSHIP_KINDS.items()
    }
    return Relationships(**built)
