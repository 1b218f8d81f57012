"""Navigation properties a relationship both versions have, given another name where one
version leaves the name unstated: a change of the Web API no table's definition shows.

A relationship's navigation properties (a many-to-one's ReferencingEntityNavigationPropertyName
and the referenced table's collection, ReferencedEntityNavigationPropertyName; a many-to-many's
collection on each side) are what the spec states, else the names dvgen decides as Dataverse
names them (``dvgen.webapi.navs``: the lookup's name, the schema name). The unstated
side means that decided name, which its ``$metadata``, JSON Schema and pydantic models carry; a
version that states another renames what clients ``$expand`` and ``@odata.bind``
(``navigation-renamed``), as changing a stated name does. A name both versions state is compared
as any facet (``diff.leaves``); a relationship one version lacks, or that joins other tables
(``relationship-removed``), is said already. A table related to itself has both collections,
``<name>`` and ``<name>_referenced``, at the one path its relationship has: they are compared
together (``new_site_site, new_site_site_referenced``).
"""

from __future__ import annotations

from dvgen.evolve.changes import Change
from dvgen.listing import sources
from dvgen.model import Table, TableSet
from dvgen.webapi.inherited import inherited_members
from dvgen.webapi.navs import web_api_links

RULE = "navigation-renamed"
SINGLE = "referencing_entity_navigation_property_name"
COLLECTION = "referenced_entity_navigation_property_name"
THIS_SIDE = ("this_table", "navigation_property_name")
GONE = frozenset({"relationship-added", "relationship-removed"})
"""The changes that already say a relationship's navigation properties are new or gone."""
Where = tuple[str, tuple[str, ...]]
"""A table and the path of a navigation property name in it."""
Names = tuple[str, ...]
"""The navigation properties at a path: one, or a self-referencing many-to-many's two."""


def navigations_renamed(old: TableSet, new: TableSet, changes: list[Change]) -> list[Change]:
    """A ``navigation-renamed`` change for each navigation property of a relationship both
    versions have whose name, decided where a version leaves it unstated, differs, unless a
    change of that relationship already says so."""
    said = {(c.table, c.path[:3]) for c in changes if c.rule in GONE}
    said |= {(c.table, c.path) for c in changes}
    before, after = _names(old), _names(new)
    found: list[Change] = []
    for (table, path), (name, stated) in sorted(after.items()):
        was = before.get((table, path))
        if was is None or was[0] == name or (was[1] and stated):
            continue
        if (table, path[:3]) in said or (table, path) in said:
            continue
        if set(was[0]) <= _members(new, table):
            continue  # the old names are still the table's: nothing a client names fails
        at = sources(new.by_name[table])
        loc = at.get(".".join(path[:3]), at["table"])
        found.append(Change(table, path, RULE, ", ".join(was[0]), ", ".join(name), loc))
    return found


def _members(tables: TableSet, name: str) -> frozenset[str]:
    """The navigation properties a record of the table has: its own and, for an activity,
    those of ``activitypointer`` it inherits (``createdby`` beside ``createdby_fax``: a second
    activity joining the set names the activity's own ``createdby_fax``, as Microsoft's
    ``$metadata`` does, and ``createdby`` is still the fax's)."""
    table = tables.by_name[name]
    own = {nav.name for nav in web_api_links(tables).navigations(name)}
    return frozenset(own | set(inherited_members(tables, table)))


def _names(tables: TableSet) -> dict[Where, tuple[Names, bool]]:
    """(table, path) -> (the navigation properties' names as dvgen writes them, whether the
    table's relationship states it), for each relationship a table of the set holds."""
    stated = _stated(tables)
    links = web_api_links(tables)
    found: dict[Where, tuple[Names, bool]] = {}

    def put(table: str | None, path: tuple[str, ...], *names: str | None) -> None:
        key = (table or "", path)
        named = tuple(name for name in names if name is not None)
        if table is not None and len(named) == len(names) and key in stated:
            found[key] = (named, stated[key] is not None)

    for link in links.one_to_many:
        one = ("relationships", "many_to_one", link.schema_name, SINGLE)
        put(link.referencing, one, link.single)
        many = ("relationships", "one_to_many", link.schema_name, COLLECTION)
        put(link.referenced, many, link.collection)
    for link_n in links.many_to_many:
        path = ("relationships", "many_to_many", link_n.schema_name, *THIS_SIDE)
        first, second = link_n.first, link_n.second
        if first.table == second.table:  # a table related to itself: both its collections
            put(first.table, path, first.navigation, second.navigation)
            continue
        for side in (first, second):
            put(side.table, path, side.navigation)
    return found


def _stated(tables: TableSet) -> dict[Where, str | None]:
    """(table, path) -> the name the table's relationship states (None: unstated), for each
    navigation property name a relationship of the table holds."""
    found: dict[Where, str | None] = {}
    for table in tables.tables:
        found.update(_stated_in(table))
    return found


def _stated_in(table: Table) -> dict[Where, str | None]:
    name = table.logical_name
    found: dict[Where, str | None] = {}
    for rel in table.relationships.many_to_one:
        path = ("relationships", "many_to_one", rel.schema_name, SINGLE)
        found[(name, path)] = rel.referencing_entity_navigation_property_name
    for rel in table.relationships.one_to_many:
        path = ("relationships", "one_to_many", rel.schema_name, COLLECTION)
        found[(name, path)] = rel.referenced_entity_navigation_property_name
    for rel_n in table.relationships.many_to_many:
        side = ("relationships", "many_to_many", rel_n.schema_name, *THIS_SIDE)
        found[(name, side)] = rel_n.this_table.navigation_property_name
    return found
