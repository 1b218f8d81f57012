"""The custom lookups of a table a solution holds whole, as Dataverse names them.

A lookup a relationship names (``<ReferencingAttributeName>``) that no ``<attribute>`` lists is
made from its relationships (``dvgen.resolve`` makes it for any spec); what the export alone
knows of it is the case of its SchemaName, which that element spells (``dea_Lead`` of
Neamidea/Mini-CRM-Solution's ``dea_opportunity_Lead_dea_lead``, 2026). The lookups Dataverse
creates with every table (``transactioncurrencyid``, ``owningbusinessunit``...) are left to
``dvgen.systemcolumns``, which knows their labels and facets.

Dataverse names a custom lookup's single-valued navigation property by its SchemaName
(``new_CustomerId@odata.bind``, as microsoft/PowerPlatform-DataverseClient-Python's guidance
has it; ``dea_Lead``, ``samar_consultantrelatedopportunity`` in the roles of 2023-2026 exports),
a lookup Dataverse makes by its logical name (``parentaccountid``; ``activestageid`` of a
business process flow). An export whose relationship states no role (no
``<EntityRelationshipRoles>``) leaves the name to that rule."""

from __future__ import annotations

import dataclasses

from dvgen import systemparts
from dvgen.lookups import lookups_of
from dvgen.madenames import MADE_KINDS, made_navigation
from dvgen.model import Relationships, Table


def spelt_lookups(
    table: Table,
    spelt: dict[str, str],
    platform: bool = True,
    sketch: Relationships | None = None,
) -> Table:
    """``table`` with a Lookup for each name of ``spelt`` (logical name -> SchemaName) it has
    no column of and (``platform``) that is not a lookup Dataverse creates with every table,
    made as resolution makes a relationship's missing lookup (``dvgen.lookups.lookups_of``),
    spelt. ``platform`` False for the shell of a table the solution holds only relationships
    of, which gets no platform column otherwise: the lookups Dataverse creates with a table
    that its relationships name (``lk_<table>_createdby``, ``business_unit_<table>``) are
    made here as Dataverse makes them (``_platform_named``), the others as any lookup.
    ``sketch``: the relationships to read the lookups from, where they are more than the
    table's own (``dvgen.solution.entity.Links.away``)."""
    if not platform:
        table = _platform_named(table, spelt)
    if not spelt:
        return table
    made = systemparts.columns(table) if platform else ()
    skipped = {c.logical_name for c in made if c.type.is_lookup} | set(table.columns_by_name)
    wanted = [
        item
        for item in (sketch or table.relationships).many_to_one
        if item.referencing_attribute in spelt and item.referencing_attribute not in skipped
    ]
    added = [
        dataclasses.replace(column, schema_name=spelt[column.logical_name])
        for column in lookups_of(table, wanted)
    ]
    if not added:
        return table
    columns = sorted([*table.columns, *added], key=lambda c: c.logical_name)
    return dataclasses.replace(table, columns=tuple(columns))


def _platform_named(table: Table, spelt: dict[str, str]) -> Table:
    """``table`` with each lookup Dataverse creates with a table (``systemparts``) that its
    relationships name and it has no column of, made with Dataverse's facets (``CreatedBy``
    and ``OwningBusinessUnit`` are read only: neither a create nor an update sets them, as
    the reference pages list them among the read-only columns), spelt as ``spelt`` has it; a
    lookup made from its relationship alone would be writable."""
    platform = systemparts.platform_lookups(table)
    named = {
        item.referencing_attribute: item.loc for item in reversed(table.relationships.many_to_one)
    }
    added = [
        dataclasses.replace(
            column, schema_name=spelt.get(name, column.schema_name), loc=named[name]
        )
        for name, column in platform.items()
        if name in named and table.column(name) is None
    ]
    if not added:
        return table
    columns = sorted([*table.columns, *added], key=lambda c: c.logical_name)
    return dataclasses.replace(table, columns=tuple(columns))


def named_by_schema(table: Table, custom: frozenset[str]) -> Table:
    """``table`` (a solution's own, or one it customizes) with the single-valued navigation
    property of each of its ``custom`` lookups' relationships that states none (an export
    without ``<EntityRelationshipRoles>``) named as Dataverse names a custom lookup's: by its
    SchemaName (``dea_Lead``), ``<SchemaName>_<table>`` for a Customer lookup or one to
    several tables (``cr08f_Client_account``), ``<SchemaName>_<activity SchemaName>`` on a
    custom activity (opentavu/core's ``tavu_Meeting`` has ``tavu_Opportunity_tavu_Meeting``,
    ``tavu_DraftEmail_tavu_Meeting``, where its ``tavu_Proposal`` has ``tavu_Opportunity``;
    a SchemaName in lower case too: Microsoft's ``msfp_surveyinvite`` has
    ``msfp_surveyid_msfp_surveyinvite``), and ``<SchemaName>_<activity SchemaName>_<table>``
    for an activity's Customer lookup (Omnichannel's ``msdyn_ocliveworkitem`` has
    ``msdyn_customer_msdyn_ocliveworkitem_account``): ``dvgen.madenames``,
    where the Web API's rule for a lookup Dataverse makes gives its logical name.
    ``custom``: the lookups the solution added (``<IsCustomField>1``) or made from their
    relationships alone (``spelt_lookups``); a lookup Dataverse made with the table (a
    business process flow's ``ActiveStageId``, a custom activity's ``RegardingObjectId``)
    keeps its logical name, as Microsoft's ``phonetocaseprocess`` has ``activestageid``. A
    lookup added to one of Microsoft's tables is named so too (youssefeid019's ``ye_Facility``
    on lead; ``ReceivingMailboxId_Email`` on Microsoft's email)."""
    named = []
    activity = systemparts.is_activity(table)
    for given in table.relationships.many_to_one:
        item = given
        column = table.column(item.referencing_attribute or "")
        if (
            item.referencing_entity_navigation_property_name is None
            and item.referenced_entity
            and column is not None
            and column.logical_name in custom
            and column.type in MADE_KINDS
            and (column.schema_name != column.logical_name or activity)
        ):
            name = made_navigation(column, table, item.referenced_entity)
            item = dataclasses.replace(item, referencing_entity_navigation_property_name=name)
        named.append(item)
    relationships = dataclasses.replace(table.relationships, many_to_one=tuple(named))
    return dataclasses.replace(table, relationships=relationships)
