"""A lookup whose Targets contradicts the relationship its page lists by a link alone.

A page up to 2023 lists a many-to-one relationship only by its schema name and a link to the
other table's page ("See the [navigationsetting_appconfig](appconfig.md...) one-to-many
relationship for the [appconfig] table"), without its ReferencingAttribute, so
``lookups.agreed_targets`` cannot tie it to a lookup. The Web API's view does, by Microsoft's
rules (``webapi.lookup_links``): two of them, the lookup the schema name ends with and
the one lookup of a table no relationship claims, hold whatever the lookup's printed Targets,
since a page's Targets can be wrong where its relationships are not. ``navigationsetting``'s
2022 page prints ``appconfigid`` with Targets ``appmodule`` and lists only
``navigationsetting_appconfig`` (from ``appconfig``); Microsoft's ``$metadata`` navigates
``_appconfigid_value`` to ``appconfig``, partnered with that relationship
(``navigationsetting_appconfig``, of type ``appconfig``), as ``ownermapping``'s
``targetsystemuserid`` (Targets ``businessunit``) to ``systemuser``. The other targets read the
column's Targets: the SQL foreign key and the JSON Schema's ``x-dataverse-targets`` went to
the printed table while the navigation property went to the relationship's. Such a single-target
lookup is taken as one to the tables its relationships reference, the one Dataverse enforces,
with the warning ``agreed_targets`` gives (``lookup-target-contradicted``).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import Any

from dvgen.dataverse_tables import OWNER
from dvgen.diagnostics import Diagnostics
from dvgen.lookups import retargeted
from dvgen.model import Column, ColumnType, OneToManyRelationship, Table
from dvgen.webapi.links import OneToManyLink, one_to_many_links
from dvgen.webapi.lookup_links import with_attributes


def agree_with_links(
    tables: list[Table], activities: frozenset[str], diagnostics: Diagnostics
) -> list[Table]:
    """``tables``, each single-target Lookup the Web API ties to relationships (stated with it
    or decided for it) that all reference another table than its Targets taken as a lookup
    to the tables they reference, with a warning; the list itself when none is (most sets)."""
    by_name = {table.logical_name: table for table in tables}
    open_tables = _open(_sketches(tables), by_name)
    if not open_tables:
        return tables
    links = [link for link in one_to_many_links(tables) if link.referencing in open_tables]
    decided = with_attributes(links, by_name, [])
    held = _held(decided)
    inferred = {
        (link.referencing, link.referencing_attribute)
        for link, before in zip(decided, links, strict=True)
        if before.referencing_attribute is None
    }
    agreed = [_table(table, held, inferred, activities, diagnostics) for table in tables]
    return (
        agreed if any(new is not old for new, old in zip(agreed, tables, strict=True)) else tables
    )


def _table(
    table: Table,
    held: dict[tuple[str, str], list[OneToManyLink]],
    inferred: set[tuple[str | None, str | None]],
    activities: frozenset[str],
    diagnostics: Diagnostics,
) -> Table:
    columns = tuple(
        _agreed(table, column, held, inferred, activities, diagnostics) for column in table.columns
    )
    if all(new is old for new, old in zip(columns, table.columns, strict=True)):
        return table
    return dataclasses.replace(table, columns=columns)


def _sketches(tables: list[Table]) -> list[OneToManyLink]:
    """Every one-to-many relationship of the set once, as ``one_to_many_links`` merges it,
    with only what ``_open`` reads: its schema name, its tables and its lookup, each the first
    copy's that states it. Merging whole relationships takes most of this step's time, and
    most sets have no table to open."""
    found: dict[str, list[Any]] = {}
    for table in tables:
        name = table.logical_name
        for item in table.relationships.many_to_one:
            _sketch(found, item, item.referenced_entity, item.referencing_entity or name)
        for item in table.relationships.one_to_many:
            _sketch(found, item, item.referenced_entity or name, item.referencing_entity)
    return [
        OneToManyLink(schema, referenced, referencing, None, attribute, None, None, loc)
        for schema, referenced, referencing, attribute, loc in found.values()
    ]


def _sketch(
    found: dict[str, list[Any]],
    rel: OneToManyRelationship,
    referenced: str | None,
    referencing: str | None,
) -> None:
    sketch = found.get(key := rel.schema_name.lower())
    if sketch is None:
        found[key] = [rel.schema_name, referenced, referencing, rel.referencing_attribute, rel.loc]
        return
    for index, value in ((1, referenced), (2, referencing), (3, rel.referencing_attribute)):
        if sketch[index] is None:
            sketch[index] = value


def _open(links: list[OneToManyLink], by_name: dict[str, Table]) -> set[str]:
    """The tables whose relationships may hold a contradicted lookup: more listed without
    their ReferencingAttribute to one table than the table has lookups to it that no
    relationship states (else the Web API's first rule gives each a lookup to that table;
    ownermapping has two to ``systemuser`` and one such lookup; an Owner column is none, as
    that rule gives it only ``owner``'s relationship, though its Targets are ``systemuser``
    and ``team``), one of them tied, by a rule that reads no Targets, to a single-target
    Lookup no relationship states whose Targets is another table (``_may_tie``). Those rules
    decide a table's lookups from its own relationships alone, so the other tables' are not
    needed; none for most sets, and ``asyncoperation``'s hundreds of regarding relationships
    only where one may be tied so."""
    stated = {(link.referencing, link.referencing_attribute) for link in links}
    unstated: dict[tuple[str, str], list[OneToManyLink]] = defaultdict(list)
    for link in links:
        if link.referencing and link.referencing_attribute is None:
            if link.referenced not in (None, OWNER):
                unstated[(link.referencing, link.referenced)].append(link)
    free: dict[tuple[str, str], int] = defaultdict(int)
    single: dict[str, list[Column]] = defaultdict(list)
    for name in {name for name, _ in unstated}:
        for column in by_name[name].columns if name in by_name else ():
            if not column.type.is_lookup or (name, column.logical_name) in stated:
                continue
            if column.type is ColumnType.OWNER:  # holds only ``owner``'s (lookup_links._targets)
                continue
            for target in column.targets:
                free[(name, target)] += 1
            if column.type is ColumnType.LOOKUP and len(column.targets) == 1:
                single[name].append(column)
    return {
        name
        for (name, referenced), listed in unstated.items()
        if len(listed) > free[(name, referenced)]
        and any(_may_tie(link, column) for link in listed for column in single.get(name, ()))
    }


def _may_tie(link: OneToManyLink, column: Column) -> bool:
    """Whether a rule of the Web API's that reads no Targets may tie ``link`` to the
    single-target Lookup ``column`` of another table: the relationship's name ends with the
    lookup's (``navigationsetting_appconfig``... ``_<lookup>``, ``lookup_links._named_at_end``)
    or the lookup's name holds the related table's (``targetsystemuserid``, ``_last_left``).
    Every other rule ties a relationship to a lookup to its table, or an activity's to an
    activity's base, neither a contradiction."""
    referenced, name = link.referenced or "", column.logical_name
    if column.targets[0] == referenced:
        return False
    return referenced in name or link.schema_name.lower().endswith(f"_{name}")


def _held(links: list[OneToManyLink]) -> dict[tuple[str, str], list[OneToManyLink]]:
    """(referencing table, lookup) -> the relationships that hold it, stated or decided."""
    held: dict[tuple[str, str], list[OneToManyLink]] = defaultdict(list)
    for link in links:
        if link.referencing and link.referencing_attribute and link.referenced not in (None, OWNER):
            held[(link.referencing, link.referencing_attribute)].append(link)
    return held


def _agreed(
    table: Table,
    column: Column,
    held: dict[tuple[str, str], list[OneToManyLink]],
    inferred: set[tuple[str | None, str | None]],
    activities: frozenset[str],
    diagnostics: Diagnostics,
) -> Column:
    key = (table.logical_name, column.logical_name)
    if column.type is not ColumnType.LOOKUP or len(column.targets) != 1 or key not in inferred:
        return column
    related = held.get(key, [])
    referenced = sorted({link.referenced for link in related if link.referenced})
    names = [link.schema_name for link in related]
    how = ", listed without its ReferencingAttribute and tied to this lookup as the Web API ties it"
    return retargeted(table.logical_name, column, names, referenced, activities, diagnostics, how)
