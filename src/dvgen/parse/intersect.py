"""An intersect table's own page of 2017-2020, which names the many-to-many relationship it
stores as if the table were one of its ends.

The Dynamics 365 pages of 2017-2019 and the Common Data Service pages of 2018-2020 list, on
the page of an intersect table (connectionroleassociation, competitorproduct), the relationship
it stores: ``See connectionrole Entity [connectionroleassociation_association](...)
Many-To-Many Relationship.``. Read as written, that is a many-to-many between the intersect
table and connectionrole; when connectionrole's page was in the set but did not give the
relationship (its page of another year), the targets invented it: navigation properties
``connectionroleassociation_association`` on both tables, each a collection of the other, though
the relationship joins connectionrole to itself and Dataverse gives the intersect table no
navigation property for it (the 2021 and later pages print ``IntersectEntityName`` there).

Such a page is known by its columns: an intersect table is owned by no one (OwnershipType
None) and holds an end's id as a plain Uniqueidentifier column, not as a lookup: the other
table's (``connectionroleid``, ``competitorid``), or that of a table the relationship's schema
name spells (the Common Data Service page of 2018 of ``channelaccessprofileentityaccesslevel``
says ``See privilege Entity [ChannelAccessProfile_Privilege]``; the table holds
``channelaccessprofileid``, and the privilege as ``entityaccesslevelid``). The relationship is
then read as the later pages give it: stored by this table, which is neither side.

One intersect table holds it as a lookup: campaignactivityitem (Dynamics 365, 12/05/2017),
which stores campaignactivitylist_association and campaignactivitysalesliterature_association
(campaignactivity to list, and to salesliterature), holds ``campaignactivityid`` as a lookup to
campaignactivity and the other end's id as the plain Uniqueidentifier ``itemid``. A lookup to
the other table is read as its id only beside such a second plain id (one neither the table's
own key nor an ``owning*`` column): a table owned by no one with a lookup to the other table
and no other id is an end of the relationship.
"""

from __future__ import annotations

from dataclasses import replace

from dvgen.model import (
    Column,
    ColumnType,
    ManyToManyRelationship,
    ManyToManySide,
    OwnershipType,
)

_OWNING = "owning"
"""``owningbusinessunit``, ``owninguser``, ``owningteam``: plain ids on a table owned by no
one too (campaignactivityitem), which name no end of a relationship."""


def seen_from_intersect(
    relationships: list[ManyToManyRelationship],
    table: str,
    ownership: OwnershipType | None,
    columns: list[Column],
) -> list[ManyToManyRelationship]:
    """``relationships`` of ``table``'s page, each that this table stores (see the module)
    without its sides and with this table as its intersect."""
    if ownership != OwnershipType.NONE:
        return relationships
    ids = {c.logical_name for c in columns if c.type == ColumnType.UNIQUEIDENTIFIER}
    if ids - {f"{table}id"} - {name for name in ids if name.startswith(_OWNING)}:
        ids |= {
            c.logical_name
            for c in columns
            if c.type == ColumnType.LOOKUP and c.targets == (c.logical_name.removesuffix("id"),)
        }
    return [_stored(rel, table, ids) for rel in relationships]


def _stored(rel: ManyToManyRelationship, table: str, ids: set[str]) -> ManyToManyRelationship:
    other = rel.other_table.logical_name
    if rel.intersect_entity_name is not None or other is None or other == table:
        return rel
    seen_only = rel.this_table == ManyToManySide(logical_name=table) and (
        rel.other_table == ManyToManySide(logical_name=other)
    )
    held = any(_holds_end(column, rel.schema_name, other, table) for column in ids)
    if not seen_only or not held:
        return rel
    return replace(
        rel, intersect_entity_name=table, this_table=ManyToManySide(), other_table=ManyToManySide()
    )


def _holds_end(column: str, schema_name: str, other: str, table: str) -> bool:
    """Whether ``column`` holds an end of the relationship: the other table's id
    (``connectionroleid``), or that of a table the relationship's schema name spells between
    underscores (``channelaccessprofileid`` of ``ChannelAccessProfile_Privilege``, whose
    intersect ``channelaccessprofileentityaccesslevel`` holds the privilege as
    ``entityaccesslevelid``)."""
    end = column.removesuffix("id")
    if not column.endswith("id") or not end or end == table:
        return False
    return end == other or f"_{end}_" in f"_{schema_name.lower()}_"
