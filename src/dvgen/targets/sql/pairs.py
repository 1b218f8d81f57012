"""The pair of ids of an intersect table, unique: a record is associated with another once.

Dataverse keeps a many-to-many relationship's rows in its intersect table under a unique key on
the two ids (the platform's own tables: ``UQ_SystemUserRoles`` on ``SystemUserId, RoleId``,
``UQ_AccountLeads``, ``UQ_KnowledgeArticleCategory``, ``ndx_unique_connection_role_associations``
of the self-referencing ``connectionroleassociation``), so associating two records that are
associated already fails ("Cannot insert duplicate key"). A replica keeps that key: one row per
pair, and a second insert of a pair is refused as Dataverse refuses the Associate.

The two columns are the relationship's intersect attributes, each as a page of the set states
it (an end's page of 2023 and later gives its own, ``IntersectAttribute``; a page of 2023 with
both tables gives both). An end whose attribute no page states holds its table's primary id, as
Dataverse names it (``<table>id``, the one its spec states), when the intersect table has that
column; not for a relationship of a table with itself, whose second column is named otherwise
(``associatedconnectionroleid``). A column that the set's relationships fill with the ids of
several tables (campaignitem's ``entityid``) is keyed by Dataverse with the column naming its
table too: no pair is made of it.
"""

from __future__ import annotations

from dataclasses import replace

from dvgen.dataverse_tables import key_of
from dvgen.model import ManyToManyRelationship, ManyToManySide, TableSet
from dvgen.targets.sql.plan import TablePlan, UniquePlan


def intersect_pairs(
    tables: TableSet,
    plans: dict[str, TablePlan],
    shared: dict[str, dict[str, tuple[str, ...]]],
) -> dict[str, tuple[UniquePlan, ...]]:
    """Intersect table -> the unique keys of its pairs, in the order the set states their
    relationships; the first named ``uq_<table>``, any other ``uq_<table>_<relationship>``."""
    found: dict[str, dict[tuple[str, str], str]] = {}
    for relationship in _stated(tables):
        intersect = relationship.intersect_entity_name or ""
        plan = plans.get(intersect)
        if plan is None:
            continue
        pair = _pair(tables, plan, relationship, shared.get(intersect, {}))
        if pair is not None:
            found.setdefault(intersect, {}).setdefault(pair, relationship.schema_name)
    keys: dict[str, tuple[UniquePlan, ...]] = {}
    for intersect, pairs in found.items():
        keys[intersect] = tuple(
            UniquePlan(
                schema_name,
                pair,
                constraint=f"uq_{intersect}" if not n else f"uq_{intersect}_{schema_name.lower()}",
            )
            for n, (pair, schema_name) in enumerate(pairs.items())
        )
    return keys


def _stated(tables: TableSet) -> list[ManyToManyRelationship]:
    """Each many-to-many relationship the set states, its sides' attributes merged over every
    table that states it (each end's page gives its own)."""
    merged: dict[tuple[str, str], ManyToManyRelationship] = {}
    attributes: dict[tuple[str, str], dict[str, str]] = {}
    for table in tables.tables:
        for relationship in table.relationships.many_to_many:
            intersect = relationship.intersect_entity_name
            if not intersect or table.logical_name == intersect:
                continue
            key = (intersect, relationship.schema_name)
            merged.setdefault(key, relationship)
            held = attributes.setdefault(key, {})
            for side in (relationship.this_table, relationship.other_table):
                if side.logical_name and side.intersect_attribute:
                    held.setdefault(_end(relationship, side), side.intersect_attribute)
    return [_with_attributes(merged[key], attributes[key]) for key in merged]


def _end(relationship: ManyToManyRelationship, side: ManyToManySide) -> str:
    """A side's key among the ends: its table, or, joining a table to itself, which side."""
    this, other = relationship.this_table, relationship.other_table
    if this.logical_name != other.logical_name:
        return side.logical_name or ""
    return f"{side.logical_name}:{side.intersect_attribute}"


def _with_attributes(
    relationship: ManyToManyRelationship, held: dict[str, str]
) -> ManyToManyRelationship:
    """``relationship`` with the attributes of its ends as every table states them."""
    this, other = relationship.this_table, relationship.other_table
    if this.logical_name == other.logical_name:
        columns = list(dict.fromkeys(held.values()))
        if len(columns) != 2:
            return relationship
        return replace(
            relationship,
            this_table=replace(this, intersect_attribute=columns[0]),
            other_table=replace(other, intersect_attribute=columns[1]),
        )
    return replace(
        relationship,
        this_table=replace(this, intersect_attribute=held.get(this.logical_name or "")),
        other_table=replace(other, intersect_attribute=held.get(other.logical_name or "")),
    )


def _pair(
    tables: TableSet,
    plan: TablePlan,
    relationship: ManyToManyRelationship,
    shared: dict[str, tuple[str, ...]],
) -> tuple[str, str] | None:
    """The two columns of ``plan`` (the intersect table) holding the ends' ids, in the
    table's order; None when either is unknown, not stored, shared or both are one column."""
    this, other = relationship.this_table, relationship.other_table
    itself = this.logical_name == other.logical_name
    columns = [_column(tables, plan, side, itself) for side in (this, other)]
    first, second = columns
    if first is None or second is None or first == second:
        return None
    if first in shared or second in shared:
        return None
    order = [c.logical_name for c in plan.columns]
    low, high = sorted((first, second), key=order.index)
    return low, high


def _column(tables: TableSet, plan: TablePlan, side: ManyToManySide, itself: bool) -> str | None:
    """The intersect column of ``side``: stated, else its table's primary id (not for a
    relationship of a table with itself); None when the intersect table does not store it."""
    name = side.intersect_attribute
    if name is None and side.logical_name and not itself:
        stated = tables.get(side.logical_name)
        name = (stated.primary_id_attribute if stated else None) or key_of(side.logical_name)
    return name if name is not None and name in plan.by_name else None
