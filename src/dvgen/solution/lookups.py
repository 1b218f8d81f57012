"""The lookups a solution's relationships name on a table the solution holds whole, which no
``<attribute>`` of the table lists.

Such a lookup is made from its relationships (``dvgen.resolve`` makes it for any spec); what
the export alone knows of it is the case of its SchemaName, which its relationships'
``<ReferencingAttributeName>`` spells (``dea_Lead`` of Neamidea/Mini-CRM-Solution's
``dea_opportunity_Lead_dea_lead``, 2026). Dataverse names a custom lookup's single-valued
navigation property by that SchemaName, so a lookup made as its logical name (``dea_lead``)
would give the Web API a property the service does not have. The lookups Dataverse creates
with every table (``transactioncurrencyid``, ``owningbusinessunit``...) are left to
``dvgen.systemcolumns``, which knows their labels and facets."""

from __future__ import annotations

import dataclasses

from dvgen import systemparts
from dvgen.model import Column, ColumnType, OneToManyRelationship, Table


def spelt_lookups(table: Table, spelt: dict[str, str]) -> Table:
    """``table`` with a Lookup for each name of ``spelt`` (logical name -> SchemaName) it has
    no column of and that is not a lookup Dataverse creates with every table, to the tables
    its relationships reference (in order of name), at the first relationship's line."""
    if not spelt:
        return table
    have = set(table.columns_by_name)
    platform = {c.logical_name for c in systemparts.columns(table) if c.type.is_lookup}
    targets: dict[str, list[str]] = {}
    first: dict[str, OneToManyRelationship] = {}
    for item in table.relationships.many_to_one:
        name, referenced = item.referencing_attribute, item.referenced_entity
        if not name or not referenced or name not in spelt or name in have | platform:
            continue
        first.setdefault(name, item)
        found = targets.setdefault(name, [])
        if referenced not in found:
            found.append(referenced)
    if not targets:
        return table
    added = [
        Column(
            logical_name=name,
            schema_name=spelt[name],
            type=ColumnType.LOOKUP,
            targets=tuple(sorted(found)),
            loc=first[name].loc,
        )
        for name, found in targets.items()
    ]
    columns = sorted([*table.columns, *added], key=lambda c: c.logical_name)
    return dataclasses.replace(table, columns=tuple(columns))
