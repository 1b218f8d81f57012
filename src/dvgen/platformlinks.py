"""The relationships Dataverse makes from its own tables to every table a maker or a solution
creates, which neither a hand-written spec nor a solution's export lists.

Creating a standard table, Dataverse relates six of its own tables to it, each through a lookup
that holds a row of any table (``dataverse_tables.MANY_TABLE_LOOKUPS``):

- ``asyncoperation.regardingobjectid`` (system jobs): ``<logical name>_AsyncOperations``;
- ``bulkdeletefailure.regardingobjectid``: ``<logical name>_BulkDeleteFailures``;
- ``mailboxtrackingfolder.regardingobjectid``: ``<logical name>_MailboxTrackingFolders``;
- ``principalobjectattributeaccess.objectid`` (column security):
  ``<logical name>_PrincipalObjectAttributeAccesses``;
- ``processsession.regardingobjectid``: ``<logical name>_ProcessSession``;
- ``syncerror.regardingobjectid``: ``<logical name>_SyncErrors``.

Found in real data: every solution-made standard table of ``../shared/corpus`` lists all six so,
by its logical name whatever its SchemaName (``sample_bankaccount``, ``catalog`` of SchemaName
``Catalog``, ``customapi``, ``customapirequestparameter``, ``connectionreference``,
``environmentvariabledefinition``, ``environmentvariablevalue``, ``activityfileattachment``,
``anyprivilegeentity``: 9 of 9), as the custom activity ``msfp_surveyresponse`` does
(powerapps-docs); the tables of the base system name theirs otherwise (``Account_AsyncOperations``,
``account_principalobjectattributeaccess``: their pages say so), elastic and virtual tables
(``agentprompt``, ``backgroundoperation``, ``msdyn_odatav4ds``) and the intersect tables of
solutions' many-to-many relationships (``bot_botcomponent``) have none; the platform's own
intersect ``accountleads`` has four of them, so no rule of intersects is drawn (dvgen completes
none: a hand-written table without a primary name is not completed, an export lists no
intersect's table). A custom activity has all six, partnered ``regardingobjectid_<activity>``
and ``objectid_<activity>`` like any table's, not named apart as its inherited lookups are
(Microsoft's ``msfp_surveyresponse`` EntityType).
A business process flow's table has a seventh (``FLOW_LINK``), from the process log's
``workflowlog.asyncoperationid`` ("Parent record", which holds the flow's instance):
``<logical name>_WorkflowLogs``, as Microsoft's EntityType of every solution-made flow has it
beside the six (Project Service's ``msdyn_bpf_665e73aa18c247d886bfc50499c73b82``:
``msdyn_bpf_..._WorkflowLogs``, partner ``asyncoperationid_msdyn_bpf_...``); a maker's flow
(``IsBPFEntity`` 1 in its export: Jugalchoubisa32ue8eh/DemoTeam's
``advcellp_approvalworkflowproject``, 2025) is made the same way. The flows of Dataverse's own
apps name theirs otherwise (``lk_newprocess_workflowlogs``: their pages state it).
A table with a File column has one more (``FILE_LINK``), from the file store's
``fileattachment.objectid`` (the row a file belongs to): ``<logical name>_FileAttachments``,
beside the column's own ``FileAttachment_<table>_<column>`` (``systemcolumns``). Microsoft's
EntityTypes of mid 2021 have it on every table of theirs with a File column that the index
holds (``asyncoperation``, ``activityfileattachment``, ``webresource``, the solution-made
``msdyn_knowledgearticleimage`` and ``msdyn_aiconfiguration``), partner
``objectid_<logical name>``, and every page of the 2024 layout on (G2, 08/2024) with a File
column lists it (``flowsessionbinary``, ``desktopflowbinary``, ``powerpagessourcefile``,
``packagehistory``, ``email``...); the earlier layouts list neither it nor the column's
(``searchcustomanalyzer``, 01/03/2024): ``with_file_link`` gives it to every table with a
File column that lacks it, a page's too.
A solution's export never lists them (``../shared/solutions``), nor does a hand-written spec.
A table a solution customizes that no page of the set describes, built from its shell, gets
them when a solution made it (``layers.table``: Microsoft's ``msdyn_estimateline`` EntityType
has ``msdyn_estimateline_AsyncOperations``...), not when the platform did.

In ``$metadata`` each is a collection of the table (``catalog_SyncErrors``) whose partner is the
lookup's navigation property on a key-only placeholder of the referencing table
(``regardingobjectid_catalog``: ``webapi.outside_names``); no SQL table holds the
referencing rows, so the SQL is unchanged. The relationships carry no cascade the pages state.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from dvgen.dataverse_tables import is_bpf
from dvgen.diagnostics import Location
from dvgen.model import ColumnType, OneToManyRelationship, Table, TableType

PLATFORM_LINKS: tuple[tuple[str, str, str], ...] = (
    ("asyncoperation", "regardingobjectid", "AsyncOperations"),
    ("bulkdeletefailure", "regardingobjectid", "BulkDeleteFailures"),
    ("mailboxtrackingfolder", "regardingobjectid", "MailboxTrackingFolders"),
    ("principalobjectattributeaccess", "objectid", "PrincipalObjectAttributeAccesses"),
    ("processsession", "regardingobjectid", "ProcessSession"),
    ("syncerror", "regardingobjectid", "SyncErrors"),
)
"""(referencing table, its lookup, the relationship's name after ``<logical name>_``)."""
FLOW_LINK = ("workflowlog", "asyncoperationid", "WorkflowLogs")
"""What a business process flow's table has besides ``PLATFORM_LINKS`` (the module doc)."""
FILE_LINK = ("fileattachment", "objectid", "FileAttachments")
"""What a table with a File column has besides ``PLATFORM_LINKS`` (the module doc)."""


def platform_links(table: Table, where: Location | None) -> list[OneToManyRelationship]:
    """The relationships of ``PLATFORM_LINKS`` (and ``FLOW_LINK`` on a business process
    flow's, ``FILE_LINK`` on one with a File column) a standard ``table`` lacks (``lacking``),
    at ``where`` (None: at the table)."""
    links = (*PLATFORM_LINKS, FLOW_LINK) if is_flow(table) else PLATFORM_LINKS
    if _has_files(table):
        links = (*links, FILE_LINK)
    return _made(table, links, where)


def _made(
    table: Table, links: Iterable[tuple[str, str, str]], where: Location | None
) -> list[OneToManyRelationship]:
    """The relationships of ``links`` to ``table`` it lacks (``lacking``), at ``where`` (None:
    at the table)."""
    name = table.logical_name
    return [
        OneToManyRelationship(
            f"{name}_{plural}",
            referenced_entity=name,
            referencing_entity=referencing,
            referencing_attribute=lookup,
            loc=where or table.loc,
        )
        for referencing, lookup, plural in lacking(table, links)
    ]


def _has_files(table: Table) -> bool:
    return any(column.type is ColumnType.FILE for column in table.columns)


def with_file_link(table: Table) -> Table:
    """``table`` with ``FILE_LINK`` when it has a File column and lacks it, whatever made it:
    the pages before 2024's layout leave it out though Microsoft's ``$metadata`` has it
    (``asyncoperation_FileAttachments``, ``activityfileattachment_FileAttachments``); a page
    that lists it, or a spec or solution completed by ``platform_links``, keeps its own."""
    made = _made(table, (FILE_LINK,), None) if _has_files(table) else []
    if not made:
        return table
    one_to_many = (*table.relationships.one_to_many, *made)
    relationships = dataclasses.replace(table.relationships, one_to_many=one_to_many)
    return dataclasses.replace(table, relationships=relationships)


def is_flow(table: Table) -> bool:
    """Whether ``table`` is a business process flow's: it says so (``IsBPFEntity``), or, not
    saying, it is named as Dynamics 365's are (``msdyn_bpf_<32 hex digits>``)."""
    if table.is_bpf_entity is not None:
        return table.is_bpf_entity
    return is_bpf(table.logical_name)


def lacking(table: Table, links: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The ``links`` (referencing table, its lookup, the name after ``<logical name>_``) of
    Dataverse's own tables to a standard ``table`` that it lacks: none of that name, nor one of
    that referencing table and lookup (what a page or an export states wins). None for a
    virtual or elastic table."""
    if table.table_type not in (None, TableType.STANDARD):
        return []
    have = table.relationships.one_to_many
    names = {r.schema_name.lower() for r in have}
    ends = {(r.referencing_entity, r.referencing_attribute) for r in have}
    prefix = f"{table.logical_name}_".lower()
    return [
        (referencing, lookup, suffix)
        for referencing, lookup, suffix in links
        if prefix + suffix.lower() not in names and (referencing, lookup) not in ends
    ]
