"""Every relationship of the set once, whichever tables list it, with what all of them say.

Resolution already completed each table's copy of a relationship from the other table's page;
this merges the copies into one record per relationship (keyed by schema name, which Dataverse
keeps unique), so both ends of a navigation property are decided from the same facts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dvgen.diagnostics import Location
from dvgen.layers.apply import fill_unknowns
from dvgen.model import ManyToManyRelationship, OneToManyRelationship, Table


@dataclass(frozen=True, slots=True)
class OneToManyLink:
    schema_name: str
    referenced: str | None
    referencing: str | None
    referenced_attribute: str | None
    referencing_attribute: str | None
    single: str | None
    """ReferencingEntityNavigationPropertyName: the lookup's single-valued navigation property."""
    collection: str | None
    """ReferencedEntityNavigationPropertyName: the collection on the referenced table."""
    loc: Location


@dataclass(frozen=True, slots=True)
class Side:
    table: str | None
    navigation: str | None


@dataclass(slots=True)
class ManyToManyLink:
    schema_name: str
    first: Side
    second: Side
    loc: Location


def one_to_many_links(tables: Iterable[Table]) -> list[OneToManyLink]:
    """Every one-to-many relationship the tables list (as many-to-one or one-to-many)."""
    links: dict[str, OneToManyLink] = {}
    for table in tables:
        rel = table.relationships
        for item in rel.many_to_one:
            _merge_one(links, _one(item, referencing=table.logical_name))
        for item in rel.one_to_many:
            _merge_one(links, _one(item, referenced=table.logical_name))
    return [links[key] for key in sorted(links)]


def _one(
    rel: OneToManyRelationship, referenced: str | None = None, referencing: str | None = None
) -> OneToManyLink:
    return OneToManyLink(
        schema_name=rel.schema_name,
        referenced=rel.referenced_entity or referenced,
        referencing=rel.referencing_entity or referencing,
        referenced_attribute=rel.referenced_attribute,
        referencing_attribute=rel.referencing_attribute,
        single=rel.referencing_entity_navigation_property_name,
        collection=rel.referenced_entity_navigation_property_name,
        loc=rel.loc,
    )


def _merge_one(links: dict[str, OneToManyLink], link: OneToManyLink) -> None:
    key = link.schema_name.lower()
    known = links.get(key)
    links[key] = link if known is None else fill_unknowns(known, link)


def many_to_many_links(tables: Iterable[Table]) -> list[ManyToManyLink]:
    """Every many-to-many relationship, each side with its table and navigation property.

    Sides are put in a canonical order (by table, then navigation property name), so the copies
    a relationship has on its two tables merge side by side.
    """
    links: dict[str, ManyToManyLink] = {}
    for table in tables:
        for item in table.relationships.many_to_many:
            link = _many(item, table.logical_name)
            if link is not None:
                _merge_many(links, link)
    return [links[key] for key in sorted(links)]


def _many(rel: ManyToManyRelationship, table: str) -> ManyToManyLink | None:
    if rel.this_table.logical_name is None and rel.intersect_entity_name == table:
        return None  # the intersect table's own page: it is neither side
    this = Side(rel.this_table.logical_name or table, rel.this_table.navigation_property_name)
    other = Side(rel.other_table.logical_name, rel.other_table.navigation_property_name)
    first, second = sorted((this, other), key=lambda s: (s.table or "", s.navigation or ""))
    return ManyToManyLink(rel.schema_name, first, second, rel.loc)


def _merge_many(links: dict[str, ManyToManyLink], link: ManyToManyLink) -> None:
    key = link.schema_name.lower()
    known = links.get(key)
    if known is None:
        links[key] = link
        return
    first, second = link.first, link.second
    if _conflicts(known.first, first) or _conflicts(known.second, second):
        first, second = second, first
    known.first = _fill_side(known.first, first)
    known.second = _fill_side(known.second, second)


def _conflicts(known: Side, other: Side) -> bool:
    return None not in (known.table, other.table) and known.table != other.table


def _fill_side(known: Side, other: Side) -> Side:
    return Side(known.table or other.table, known.navigation or other.navigation)
