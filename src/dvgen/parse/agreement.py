"""The two hand-written sides of one relationship, which must describe the same relationship.

A one-to-many relationship may be stated by both its tables (the referencing table's
``many_to_one``, the referenced table's ``one_to_many``), and a many-to-many one by each of its
two; each side may leave out what the other states (resolution fills it in), but what both
state must agree. Dataverse holds one definition of a relationship: two that differ (a cascade
changed in one file only) would leave each target to pick one silently, the SQL one cascade and
the model the other. Only YAML specs written by hand are held to it: two reference pages of
different generations may disagree, and are what Microsoft published.
"""

from __future__ import annotations

from collections.abc import Sequence

from dvgen.model import (
    CascadeConfiguration,
    ManyToManyRelationship,
    OneToManyRelationship,
    Table,
)

SIDE_FIELDS = (
    "referenced_entity",
    "referenced_attribute",
    "referencing_entity",
    "referencing_attribute",
    "referenced_entity_navigation_property_name",
    "referencing_entity_navigation_property_name",
    "is_hierarchical",
)
"""What both tables of a one-to-many relationship may state, and must state alike."""


def authored(table: Table) -> bool:
    """A table written by hand in a YAML spec (or its model file): no reference page."""
    return table.page is None and table.loc.path.lower().endswith((".yaml", ".yml"))


def disagreement(own: OneToManyRelationship, other: OneToManyRelationship) -> str | None:
    """Why the two hand-written sides of one relationship (the referencing table's many-to-one,
    the referenced table's one-to-many) describe two different relationships, or None.

    Dataverse holds one definition of a relationship; two sides that differ (a cascade changed
    in one file only) would leave each target to pick one of them silently."""
    pairs = [(name, getattr(own, name), getattr(other, name)) for name in SIDE_FIELDS]
    mine, theirs = own.cascade_configuration, other.cascade_configuration
    if mine is not None and theirs is not None:
        pairs += [
            (f"cascade_configuration.{name}", getattr(mine, name), getattr(theirs, name))
            for name in CascadeConfiguration.__dataclass_fields__
        ]
    return _first_difference(own, other, pairs)


def many_disagreement(own: ManyToManyRelationship, mirrored: ManyToManyRelationship) -> str | None:
    """As :func:`disagreement`, for a many-to-many relationship both tables declare; the other
    table's declaration ``mirrored`` to be seen from this table's side."""
    pairs = [("intersect_entity_name", own.intersect_entity_name, mirrored.intersect_entity_name)]
    for side in ("this_table", "other_table"):
        pairs += [
            (
                f"{side}.{name}",
                getattr(getattr(own, side), name),
                getattr(getattr(mirrored, side), name),
            )
            for name in ("logical_name", "intersect_attribute", "navigation_property_name")
        ]
    return _first_difference(own, mirrored, pairs)


def _first_difference(
    own: OneToManyRelationship | ManyToManyRelationship,
    other: OneToManyRelationship | ManyToManyRelationship,
    pairs: Sequence[tuple[str, object, object]],
) -> str | None:
    for name, a, b in pairs:
        if a is not None and b is not None and a != b:
            return (
                f"relationship {own.schema_name!r}: {name} is {_shown(a)} here and "
                f"{_shown(b)} at {other.loc}; write the same on both sides, or the "
                "relationship on one side only"
            )
    return None


def _shown(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else repr(str(value))
