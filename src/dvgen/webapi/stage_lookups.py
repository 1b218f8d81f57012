"""A ``stageid`` the pages print as a Uniqueidentifier that the Web API carries as a lookup.

Every table enabled for business process flows has ``stageid``, tied to ``processstage`` by
``processstage_<table>``, and every page prints it as a Uniqueidentifier. A table the platform
made keeps it a Guid: Microsoft's ``account``, ``appointment``... EntityTypes have the property
``stageid`` and the navigation property ``stageid_processstage``. A table a solution made has
a lookup instead: the navigation property ``stageid`` and ``_stageid_value``, no Guid property
(Microsoft's ``msdyn_journal`` EntityType; ``processstage``'s partners 15 of 15 such tables
with ``stageid``, 26 of 26 of the platform's with ``stageid_processstage``). Pages of 2024 on
say which it is (``ReferencingEntityNavigationPropertyName``: ``stageid`` on
``processstage_msdyn_workorder``, ``processstage_BookableResourceBooking``,
``processstage_msdyn_iotalert``); older pages name the relationship only, and its name tells:
the platform's is its table's logical name in lower case (``processstage_account``,
``processstage_appointments``), a solution's carries the table's prefix or SchemaName
(``processstage_msdyn_journal``, ``processstage_BookableResourceBooking``).
"""

from __future__ import annotations

from dataclasses import replace

from dvgen.model import Column, ColumnType, OneToManyRelationship, Table

STAGE = "processstage"
STAGE_ID = "stageid"
"""The column of a table enabled for business process flows that holds its row's stage."""


def made_by_the_platform(table: str, schema_name: str) -> bool:
    """Whether ``processstage``'s relationship ``schema_name`` to ``table`` is one the platform
    made (its ``stageid`` a Guid): a table without a publisher's prefix, the relationship's
    name in lower case."""
    return "_" not in table and schema_name == schema_name.lower()


def _stage_relationship(table: Table) -> OneToManyRelationship | None:
    for relationship in table.relationships.many_to_one:
        column = relationship.referencing_attribute
        if relationship.referenced_entity == STAGE and column in (None, STAGE_ID):
            return relationship
    return None


def stage_lookup(table: Table, column: Column) -> bool:
    """Whether the Web API carries ``column``, a Uniqueidentifier ``stageid`` tied to
    ``processstage``, as a lookup (``_stageid_value``, navigation property ``stageid``): the
    page names that navigation property so, or names none and the relationship is a
    solution's."""
    if column.logical_name != STAGE_ID or column.type is not ColumnType.UNIQUEIDENTIFIER:
        return False
    relationship = _stage_relationship(table)
    if relationship is None:
        return False
    stated = relationship.referencing_entity_navigation_property_name
    if stated is not None:
        return stated == STAGE_ID
    return not made_by_the_platform(table.logical_name, relationship.schema_name)


def as_lookup(column: Column) -> Column:
    """The column as the Web API sees it: a lookup to ``processstage``."""
    return replace(column, type=ColumnType.LOOKUP, targets=(STAGE,))
