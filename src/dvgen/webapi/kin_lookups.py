"""The lookup a table outside the set has to a table of the set that names its lookups by
SchemaName, when both are of one publisher's solution.

A one-to-many relationship a page lists from its table to a table outside the set says the
referencing attribute (``msdyn_aiconfigurationid``) and not the referencing table's navigation
property, the Partner of the page's collection: by default the lookup's logical name
(``outside_names.outside_name``). Where the page's own table names its lookups by SchemaName (a
page states it, ``msdyn_aiodtrainingimage``'s ``msdyn_AIConfigurationId``, or the table's
solution made them: ``single_names._solutions_own``), a table of the same publisher (its prefix)
whose lookup to it is named after its key was made by the same solution, and names that lookup
by its SchemaName, the table's SchemaName and ``Id``. Microsoft's ``$metadata`` has every such
relationship so, six of six in the sets of pages compared:
``msdyn_aiconfiguration_msdyn_aiodtrainingimage`` and
``msdyn_msdyn_aiconfiguration_msdyn_aifptrainingdocument_AIConfigurationId`` partnered with
``msdyn_AIConfigurationId``, ``msdyn_aiodtrainingimage_msdyn_aiodtrainingboundingbox`` with
``msdyn_AIOdTrainingImageId``, ``msdyn_AIBDatasetFile_msdyn_AIBDatas`` with
``msdyn_AIBDatasetId``, ``msdyn_AIBFile_msdyn_AIBDatasetsCont`` with
``msdyn_AIBDatasetsContainerId``, ``msdyn_AIBDatasetFile_msdyn_AIBuilde`` with
``msdyn_AIBFileId``; and every Partner of the 38 read that spells a table's key otherwise than
in lower case is that table's SchemaName and ``Id`` (``CustomAPIId``, ``ContactId``,
``EnvironmentVariableDefinitionId``). A table naming its lookups by logical name (Field
Service's ``msdyn_workorder``) keeps the logical name, as does a lookup named otherwise than
after the key (``msdyn_projecttask.msdyn_project``, ``msdyn_AIBDatasetsId``), a table of another
publisher (``contact``'s ``Contact_Feedback``, whose ``ContactId`` no page of ``contact``
tells), and a lookup to a table whose SchemaName is its logical name, which tells nothing of the
casing (``msdyn_analysiscomponent``, Microsoft's ``msdyn_AnalysisComponentId``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from dvgen.model import Table
from dvgen.webapi.links import OneToManyLink
from dvgen.webapi.single_names import PLATFORM_SOLUTIONS


def schema_named(links: Iterable[OneToManyLink], by_name: dict[str, Table]) -> frozenset[str]:
    """The tables of the set with a lookup whose navigation property is its SchemaName, spelt
    otherwise than its logical name."""
    found = set()
    for link in links:
        table = by_name.get(link.referencing or "")
        column = table.column(link.referencing_attribute or "") if table is not None else None
        if table is None or column is None or not column.type.is_lookup:
            continue
        if link.single == column.schema_name != column.logical_name:
            found.add(table.logical_name)
    return frozenset(found)


def kin_lookup(
    stated: OneToManyLink,
    decided: OneToManyLink,
    by_name: dict[str, Table],
    named: frozenset[str],
) -> OneToManyLink:
    """``decided`` with the single-valued navigation property of a kin table's lookup to a
    table of ``named`` (see the module), where no page states it."""
    referenced = by_name.get(decided.referenced or "")
    referencing = decided.referencing or ""
    if stated.single is not None or referenced is None or referencing in by_name:
        return decided
    if (referenced.logical_name not in named and not _solutions_table(referenced)) or (
        decided.single != decided.referencing_attribute
    ):
        return decided
    if referenced.schema_name == referenced.logical_name:
        return decided  # a SchemaName in lower case tells nothing of the lookup's
    name = referenced.schema_name + "Id"
    if name.lower() != referenced.primary_id_attribute or decided.single != name.lower():
        return decided
    prefix, underscore, _ = referenced.logical_name.partition("_")
    if not underscore or not referencing.startswith(prefix + "_"):
        return decided
    return dataclasses.replace(decided, single=name)


def _solutions_table(table: Table) -> bool:
    """Whether a solution other than the platform's made the table (its page's table-level
    **Added by**): it names its lookups by SchemaName though it has none of its own to show it.
    Microsoft's ``$metadata`` partners ``msdyn_aiodimage_msdyn_aiodtrainingimage`` with
    ``msdyn_AIOdImageId`` (``msdyn_aiodimage``'s page: AI Solution deprecated templates); over
    the earlier comparisons' pages it changes no other Partner."""
    return table.added_by is not None and table.added_by not in PLATFORM_SOLUTIONS
