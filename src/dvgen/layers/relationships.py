"""Relationships a layer adds to a table, changes (an extension page's "Changes from") or
removes: merged by schema name, as columns are by logical name."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from dvgen.layers.merge import Key, Origin, as_added, fill_unknowns, position_of
from dvgen.madenames import MADE_KINDS, made_navigation
from dvgen.model import LayerKind, OneToManyRelationship, Removal, Table, TableExtension
from dvgen.regarding import made_for_activities

if TYPE_CHECKING:
    from dvgen.layers.table import Assembly

KINDS = ("many_to_one", "one_to_many", "many_to_many")
"""The relationship kinds, as fields of ``Relationships``."""


def remove_relationship(table: Assembly, removal: Removal) -> None:
    key = removal.name.lower()
    found = [kind for kind in KINDS if key in table.relationships[kind]]
    if not found and key not in _declared_elsewhere(table.name, table.others):
        made = made_for_activities(key, table.table, table.others.values())
        if made is not None:
            table.diagnostics.error(
                removal.loc,
                f"removes relationship {removal.name!r}, which {made}; Dataverse makes it "
                "itself and keeps it while activities are enabled, which they stay once "
                f"enabled: it cannot be removed, leave {removal.name!r} out of remove",
            )
            return
        table.diagnostics.error(
            removal.loc,
            f"removes relationship {removal.name!r}, which table {table.name!r} does not have",
        )
        return
    for kind in found:
        del table.relationships[kind][key]
    table.removed_relationships[key] = removal


def add_relationships(table: Assembly, layer: TableExtension) -> None:
    position = position_of(layer)
    adding = "remove it and add it anew" if layer.kind is LayerKind.CUSTOMIZATION else None
    changed = {name.lower() for name in layer.changed_relationships}
    for kind in KINDS:
        known = table.relationships[kind]
        for item in getattr(layer.relationships, kind):
            name = item.schema_name.lower()
            present = known.get(name)
            key: Key = ("relationship", table.name, (present or item).schema_name)
            if name in changed:
                _change_relationship(table, known, name, item)
            elif present is None:
                known[name] = as_added(_named_as_made(item, kind, layer, table.table), layer)
                table.tracker.origins[key] = Origin(position, item.loc)
            elif layer.kind is LayerKind.EXTENSION_PAGE:
                known[name] = fill_unknowns(present, item)
            else:
                at = Origin(position, item.loc)
                known[name] = table.tracker.merge_record(key, present, item, at, adding)


def _named_as_made(item: Any, kind: str, layer: TableExtension, table: Table) -> Any:
    """A many-to-one relationship a customization adds with its own lookup, whose navigation
    property it leaves unnamed: Dataverse's metadata API, which makes an
    organisation's lookup and relationship, names the single-valued navigation property by the
    lookup's SchemaName (``new_CustomerId``), as Microsoft's ``$metadata`` has every custom
    lookup (``msdyn_ResolutionAction``, ``CustomAPIId``): a client binds it so
    (``contoso_TourId@odata.bind``); the lower-case logical name is not a member of the
    entity type. A Customer lookup, or a lookup with several targets, is
    ``<SchemaName>_<table>`` for each table (Microsoft's multi-table lookup article binds
    ``new_CheckedoutItem_new_book@odata.bind``; a Customer column of an export,
    ``cr08f_Client_account``). On an activity (``table``) the activity's SchemaName follows
    the lookup's, as for an unpacked solution's (``dvgen.madenames``): Microsoft's ``email``
    has ``ReceivingMailboxId_Email``, Omnichannel's ``msdyn_ocliveworkitem``
    ``msdyn_customer_msdyn_ocliveworkitem_account``."""
    if layer.kind is not LayerKind.CUSTOMIZATION or kind != "many_to_one":
        return item
    if not isinstance(item, OneToManyRelationship):
        return item
    if item.referencing_entity_navigation_property_name is not None:
        return item
    made = {c.logical_name: c for c in layer.columns}.get(item.referencing_attribute or "")
    if made is None or made.type not in MADE_KINDS:
        return item
    name = made_navigation(made, table, item.referenced_entity)
    if name is None:
        return item
    return dataclasses.replace(item, referencing_entity_navigation_property_name=name)


def _change_relationship(table: Assembly, known: dict[str, Any], name: str, item: Any) -> None:
    """An extension page's "Changes from" relationship: what it states overrides the
    relationship the table has (a cascade facet, IsCustomizable); one the table does not
    have is reported, since a change alone does not say what the relationship joins."""
    present = known.get(name)
    if present is None:
        table.diagnostics.warning(
            item.loc,
            f"relationship {item.schema_name!r} is not a relationship of table "
            f"{table.name!r}; its changes are not applied",
            "extension-relationship-unknown",
        )
        return
    known[name] = fill_unknowns(dataclasses.replace(item, loc=present.loc), present)


def _declared_elsewhere(name: str, tables: dict[str, Table]) -> frozenset[str]:
    """Schema names (lower case) of relationships with table ``name`` that other tables
    declare: a customization of ``name`` may remove them, as its output lists them."""
    found: set[str] = set()
    for other in tables.values():
        if other.logical_name == name:
            continue
        rel = other.relationships
        for item in (*rel.many_to_one, *rel.one_to_many):
            if name in (item.referenced_entity, item.referencing_entity):
                found.add(item.schema_name.lower())
        for m2m in rel.many_to_many:
            if name in (m2m.this_table.logical_name, m2m.other_table.logical_name):
                found.add(m2m.schema_name.lower())
    return frozenset(found)
