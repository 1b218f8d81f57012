"""The lookups of three relationships Dataverse makes itself, decided by their names where a
page up to 2023 lists them only by a link: a table's SLA relationships (``manualsla_<table>``,
``sla_<table>``), a business process flow's relationship to a process log
(``workflowlog.asyncoperationid``, whose Targets leave the flows out) and a scheduling
resource's relationship to the user whose business unit it shares (``equipment_systemuser``,
on ``businessunitid``, whose Targets name ``businessunit`` alone). ``webapi.lookup_links``
applies them before its general rules."""

from __future__ import annotations

import dataclasses

from dvgen.dataverse_tables import BPF_SCHEMA_NAMES, collection_name, is_bpf
from dvgen.model import Table
from dvgen.platformlinks import is_flow
from dvgen.webapi.links import OneToManyLink

_SLA = "sla"
_PROCESS_RUN = "asyncoperationid"
"""A process log's lookup to the process run it records (``workflowlog``'s "Parent record",
Targets ``asyncoperation, processsession``), which also holds a business process flow
instance."""
_SYSTEM_JOB = "asyncoperation"
_PROCESS_LOG = "workflowlog"
"""The process log: other tables' ``asyncoperationid`` (``bulkdeletefailure``'s "System Job")
hold the system job alone, and a flow's relationships to them belong to another lookup
(``regardingobjectid_phonetocaseprocess``)."""

_SLA_LINKS = {
    "manualsla_": ("slaid", "sla_{table}_sla"),
    "sla_": ("slainvokedid", "slainvokedid_{table}_sla"),
}
"""Schema-name prefix of an SLA relationship -> its lookup and navigation property."""


def sla_link(link: OneToManyLink, by_name: dict[str, Table]) -> OneToManyLink:
    """The two relationships of a table enabled for SLAs, whose schema names spell neither of
    its two lookups to ``sla``: ``manualsla_<table>`` belongs to ``slaid``, named
    ``sla_<table>_sla``, and ``sla_<table>`` to ``slainvokedid``, named
    ``slainvokedid_<table>_sla``, as Microsoft's $metadata has them for every such table (and
    the newer pages state them: task's, email's). The same when sla's own page states the
    relationship (``ReferencingAttribute`` ``slaid``) but not its navigation property, as its
    one-to-many blocks of 2021-2023 do, for a table read from its reference page (Microsoft's
    account has ``sla_account_sla`` and ``slainvokedid_account_sla``, not the lookups' names,
    with or without sla's page in the set). A table a solution makes and enables for SLAs
    keeps the lookups' names, as Dataverse gives them to the tables it enables later
    (``msdyn_aiagentstatus``; tests/test_solutions_round25)."""
    table = by_name.get(link.referencing or "")
    if table is None or link.referenced != _SLA:
        return link
    stated = link.referencing_attribute
    if stated is not None and table.page is None:
        return link
    for prefix, (lookup, single) in _SLA_LINKS.items():
        column = table.column(lookup)
        if link.schema_name.lower() != prefix + table.logical_name or column is None:
            continue
        if stated is not None and stated.lower() != lookup:
            continue
        if column.type.is_lookup and _SLA in column.targets:
            name = single.format(table=table.logical_name)
            return dataclasses.replace(
                link, referencing_attribute=stated or lookup, single=link.single or name
            )
    return link


_USER = "systemuser"
_BUSINESS_UNIT = "businessunitid"
"""The business unit lookup of a scheduling resource (``equipment``,
``constraintbasedgroup``), and ``systemuser``'s, which the relationship references."""


def business_unit_user_link(link: OneToManyLink, by_name: dict[str, Table]) -> OneToManyLink:
    """A scheduling resource's relationship ``<table>_systemuser`` (from ``systemuser``),
    which a page up to 2023 lists only by a link and which no lookup of the table to
    ``systemuser`` but the four ``lk_`` ones could take: Dataverse made it on the table's
    ``businessunitid`` (Targets ``businessunit``), referencing ``systemuser.businessunitid``
    (what SetBusinessEquipment and SetBusinessSystemUser keep equal). Microsoft's
    ``$metadata`` has ``businessunitid_businessunit`` (partner ``business_unit_equipment``)
    and ``businessunitid_systemuser`` (partner ``equipment_systemuser``) on ``equipment`` and
    on ``constraintbasedgroup``, and the newer pages state both relationships so. Its
    ReferencedAttribute (``systemuser.businessunitid``) is left unstated, as the page leaves
    it: stated, a placeholder ``systemuser`` would declare a ``businessunitid`` property,
    which the Web API spells ``_businessunitid_value`` and which would then push out
    ``systemuser``'s ``businessunitid`` navigation property (``business_unit_system_users``).
    A newer page states both attributes (``businessunitid``): with ``systemuser`` outside the
    set, its ReferencedAttribute is left unstated all the same (``_outside_user``)."""
    table = by_name.get(link.referencing or "")
    if table is None or link.referenced != _USER:
        return link
    if link.schema_name.lower() != f"{table.logical_name}_{_USER}":
        return link
    if link.referencing_attribute is not None:
        return _outside_user(link, by_name)
    column = table.column(_BUSINESS_UNIT)
    if column is None or not column.type.is_lookup or "businessunit" not in column.targets:
        return link
    return dataclasses.replace(link, referencing_attribute=_BUSINESS_UNIT)


def _outside_user(link: OneToManyLink, by_name: dict[str, Table]) -> OneToManyLink:
    """A scheduling resource's ``<table>_systemuser`` as a page from 2024 on states it
    (ReferencingAttribute and ReferencedAttribute ``businessunitid``: equipment's and
    constraintbasedgroup's), with the ReferencedAttribute left unstated when ``systemuser``
    is outside the set, as ``business_unit_user_link`` leaves it: the placeholder would
    otherwise declare a ``businessunitid`` Guid property beside the ``_businessunitid_value``
    of its own lookup, and push out that lookup's navigation property ``businessunitid``
    (``business_unit_system_users``, when businessunit's page is in the set). With
    ``systemuser``'s page in the set the attribute is its lookup's, and stays."""
    stated = (link.referencing_attribute or "").lower(), (link.referenced_attribute or "").lower()
    if stated != (_BUSINESS_UNIT, _BUSINESS_UNIT) or _USER in by_name:
        return link
    return dataclasses.replace(link, referenced_attribute=None)


def flow_link(link: OneToManyLink, by_name: dict[str, Table]) -> OneToManyLink:
    """A business process flow table's relationship to a process log, which a page up to
    2023 names only by a link (``lk_newprocess_workflowlogs``): it belongs to the log's
    ``asyncoperationid``, whose Targets (``asyncoperation, processsession``) leave the flow
    out, as the 2024 ``workflowlog`` page and ``newprocess``'s state it. Its navigation
    property is ``<SchemaName>_asyncoperationid`` for a flow of Dataverse's own apps
    (``NewProcess_asyncoperationid``), ``asyncoperationid_<flow>`` for any other
    (``asyncoperationid_msdyn_bpf_<32 hex digits>``); the collection on the flow is
    ``<log's LogicalCollectionName>_<flow>`` for Dataverse's own (``workflowlogs_newprocess``,
    as ``newprocess``'s page states it), the schema name for any other: Microsoft's
    ``workflowlog`` EntityType has all ten so. Only the process log's (``_PROCESS_LOG``)."""
    table = by_name.get(link.referencing or "")
    flow = link.referenced or ""
    if not _is_flow(flow, by_name):
        return link
    if table is None:
        return _outside_flow_link(link, flow, by_name)
    if table.logical_name != _PROCESS_LOG:
        return link
    if link.referencing_attribute is None:
        column = table.column(_PROCESS_RUN)
        if column is None or not column.type.is_lookup or _SYSTEM_JOB not in column.targets:
            return link
        if any(c.type.is_lookup and flow in c.targets for c in table.columns):
            return link
    elif link.referencing_attribute != _PROCESS_RUN:
        return link
    return dataclasses.replace(
        link,
        referencing_attribute=_PROCESS_RUN,
        single=link.single or _flow_navigation(flow, by_name),
        collection=link.collection or _flow_collection(table, flow),
    )


def _outside_flow_link(link: OneToManyLink, flow: str, by_name: dict[str, Table]) -> OneToManyLink:
    """The same relationship where the process log is outside the set and the flow's page
    states its lookup (``newprocess``'s ``lk_newprocess_workflowlogs``: ``asyncoperationid``):
    its navigation property is named as above (``NewProcess_asyncoperationid``, partner
    ``workflowlogs_newprocess`` in Microsoft's ``workflowlog`` EntityType)."""
    if link.referencing != _PROCESS_LOG or link.referencing_attribute != _PROCESS_RUN:
        return link
    return dataclasses.replace(link, single=link.single or _flow_navigation(flow, by_name))


def _is_flow(table: str, by_name: dict[str, Table]) -> bool:
    """Whether ``table`` is a business process flow (``platformlinks.is_flow``), or, outside
    the set, one of Microsoft's (``dvgen.dataverse_tables.is_bpf``)."""
    found = by_name.get(table)
    return is_flow(found) if found is not None else is_bpf(table)


def _flow_navigation(flow: str, by_name: dict[str, Table]) -> str:
    """The navigation property of a process log to a business process flow instance."""
    if flow not in BPF_SCHEMA_NAMES:
        return f"{_PROCESS_RUN}_{flow}"
    found = by_name.get(flow)
    schema = found.schema_name if found is not None else None
    return f"{schema or BPF_SCHEMA_NAMES[flow]}_{_PROCESS_RUN}"


def _flow_collection(log: Table, flow: str) -> str | None:
    """The collection of process logs on a business process flow of Dataverse's own apps
    (None: the relationship's schema name, as for any other)."""
    if flow not in BPF_SCHEMA_NAMES:
        return None
    return f"{log.logical_collection_name or collection_name(log.logical_name)}_{flow}"
