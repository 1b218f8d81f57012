"""Which lookup each one-to-many relationship of a set belongs to, and which lookups
``activitypointer`` declares, for ``webapi.navs`` to name navigation properties by.

A reference page up to 2023 lists a many-to-one relationship only by its schema name and a
link to the other table's page, without its ReferencingAttribute. The lookup it belongs to is
then decided here by Microsoft's rules (web-api-navigation-properties.md): the table's lookup
whose Targets include the referenced table, else a Uniqueidentifier holding its key, else a
lookup to ``activitypointer`` for an activity, else, for ``activitypointer``, a lookup to
activities only; among several, the one the schema name spells best; failing all, the lookup
whose name ends the schema name (``_entitlementtemplateid``), whatever its Targets; last, the
one relationship of a table no rule decides and the one lookup of it no relationship claims
belong together (``ownermapping.targetsystemuserid``, printed with Targets ``businessunit``).
Before them, two relationships Dataverse makes itself are decided by name: a table's SLA
relationships, and a business process flow's relationship to a process log
(``workflowlog.asyncoperationid``, whose Targets leave the flows out). A relationship no rule
decides becomes a ``Finding``.

How an activity's lookup is named depends on whether ``activitypointer`` declares it too (CSDL
members are unique across a type and its base), so the lookups it declares, and how many
tables each lookup refers to, are counted here from the set as well: from ``activitypointer``'s
page, or else by a vote of the set's activities.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from dvgen.dataverse_tables import (
    ACTIVITIES,
    BPF_SCHEMA_NAMES,
    OWNER,
    POINTER_LOOKUPS,
    collection_name,
    is_bpf,
    made_by_a_solution,
)
from dvgen.diagnostics import Location
from dvgen.model import Column, ColumnType, Table
from dvgen.targets.odata.links import OneToManyLink
from dvgen.targets.odata.types import ACTIVITY, PRINCIPAL, base_of

_MIN_WORD = 3
_TRAILING_NUMBER = re.compile(r"(\d+)$")
_BASE_ROW = 2000
"""A relationship named after a table and its base type holds the table's own key."""


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


@dataclass(frozen=True, slots=True)
class Finding:
    """A relationship no rule decides: reported by the target that declares navigations."""

    loc: Location
    message: str


def with_attributes(
    links: list[OneToManyLink], by_name: dict[str, Table], findings: list[Finding]
) -> list[OneToManyLink]:
    """``links`` with the lookup of each relationship its page does not name, grouped by
    referencing and referenced table so that the relationships of a group share the lookups
    left; what no rule decides is added to ``findings``."""
    links = [_flow_link(_sla_link(link, by_name), by_name) for link in links]
    groups: dict[tuple[str, str], list[OneToManyLink]] = defaultdict(list)
    for link in links:
        if link.referencing in by_name and link.referenced is not None:
            groups[(link.referencing, link.referenced)].append(link)
    chosen: dict[int, str] = {}
    activities = _activity_names(by_name)
    rules = (_targets, _holds_key, _holds_activity(activities), _to_activities(activities))
    left: dict[str, list[OneToManyLink]] = defaultdict(list)
    for (referencing, referenced), group in sorted(groups.items()):
        chosen.update(_match(by_name[referencing], referenced, group, rules, left[referencing]))
    for referencing, open_links in sorted(left.items()):
        table = by_name[referencing]
        own = [link for link in links if link.referencing == referencing]
        chosen.update(_last_left(table, open_links, own, chosen))
        findings.extend(_undecided(table, link) for link in open_links)
    return [
        dataclasses.replace(link, referencing_attribute=chosen[id(link)])
        if id(link) in chosen
        else link
        for link in links
    ]


def _sla_link(link: OneToManyLink, by_name: dict[str, Table]) -> OneToManyLink:
    """The two relationships of a table enabled for SLAs, whose schema names spell neither of
    its two lookups to ``sla``: ``manualsla_<table>`` belongs to ``slaid``, named
    ``sla_<table>_sla``, and ``sla_<table>`` to ``slainvokedid``, named
    ``slainvokedid_<table>_sla``, as Microsoft's $metadata has them for every such table (and
    the newer pages state them: task's, email's)."""
    table = by_name.get(link.referencing or "")
    if table is None or link.referencing_attribute is not None or link.referenced != _SLA:
        return link
    for prefix, (lookup, single) in _SLA_LINKS.items():
        column = table.column(lookup)
        if link.schema_name.lower() != prefix + table.logical_name or column is None:
            continue
        if column.type.is_lookup and _SLA in column.targets:
            name = single.format(table=table.logical_name)
            return dataclasses.replace(
                link, referencing_attribute=lookup, single=link.single or name
            )
    return link


def _flow_link(link: OneToManyLink, by_name: dict[str, Table]) -> OneToManyLink:
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
    """Whether ``table`` is a business process flow: its page says so, or it is one of
    Microsoft's (``dvgen.dataverse_tables.is_bpf``)."""
    found = by_name.get(table)
    if found is not None and found.is_bpf_entity is not None:
        return found.is_bpf_entity
    return is_bpf(table)


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


def _targets(table: Table, column: Column, referenced: str) -> bool:
    """The lookup can hold a row of ``referenced`` (an Owner column only through ``owner``)."""
    if column.type is ColumnType.OWNER:
        return referenced in (OWNER, PRINCIPAL.name)
    return column.type.is_lookup and referenced in column.targets


def _activity_names(by_name: dict[str, Table]) -> frozenset[str]:
    """The activity tables but ``activitypointer``: those of the set by their primary id,
    the others as Microsoft's list knows them."""
    outside = {name for name in ACTIVITIES if name not in by_name}
    inside = {name for name, table in by_name.items() if _is_activity(table)}
    return frozenset((outside | inside) - {ACTIVITY.name})


def _is_activity(table: Table) -> bool:
    """Whether ``table`` is an activity: its entity type derives from ``activitypointer``."""
    return base_of(table.logical_name, table.primary_id_attribute) == ACTIVITY.name


def _holds_activity(activities: frozenset[str]) -> Callable[[Table, Column, str], bool]:
    """Whether a lookup to ``activitypointer`` holds a row of ``referenced``, one of
    ``activities``: Dataverse relates ``activityparty.activityid`` (Targets: activitypointer)
    to each activity table by a relationship of its own (``letter_activity_parties``, whose
    navigation property is ``activityid_letter``), which a page names only by a link."""

    def holds(table: Table, column: Column, referenced: str) -> bool:
        return (
            column.type.is_lookup and ACTIVITY.name in column.targets and referenced in activities
        )

    return holds


def _to_activities(activities: frozenset[str]) -> Callable[[Table, Column, str], bool]:
    """Whether a lookup whose Targets are activities only holds the ``activitypointer`` row
    of a relationship to ``activitypointer``: an activity's key is its ``activitypointer``
    row's. Dataverse relates ``campaignactivityitem.campaignactivityid`` (Targets:
    campaignactivity) to ``activitypointer`` (``ActivityPointer_CampaignActivityItems``, whose
    navigation property is ``campaignactivityid``), which a page of 2017-2022 names only by a
    link."""

    def holds(table: Table, column: Column, referenced: str) -> bool:
        return (
            referenced == ACTIVITY.name
            and column.type.is_lookup
            and bool(column.targets)
            and all(target in activities for target in column.targets)
        )

    return holds


def _holds_key(table: Table, column: Column, referenced: str) -> bool:
    """A Uniqueidentifier column that holds a ``referenced`` row's key: named as that key
    (``<table>id``) or as its last word (``stageid`` for ``processstage``), or the table's own
    key when ``referenced`` is its base entity type."""
    if column.type is not ColumnType.UNIQUEIDENTIFIER:
        return False
    stem = column.logical_name.removesuffix("id")
    if stem == referenced or (len(stem) > _MIN_WORD and referenced.endswith(stem)):
        return True
    if column.logical_name == table.primary_id_attribute:
        return base_of(table.logical_name, column.logical_name) == referenced
    return False


def _match(
    table: Table,
    referenced: str,
    group: list[OneToManyLink],
    rules: tuple[Callable[[Table, Column, str], bool], ...],
    left: list[OneToManyLink],
) -> dict[int, str]:
    """Lookup of each relationship of the group (one referencing and referenced table) whose
    page does not name it, by the first of ``rules`` that finds one: a lookup to the table,
    then a column holding its key, then a lookup to ``activitypointer`` for an activity, then
    (for ``activitypointer``) a lookup to activities only. What none decides is added to
    ``left``."""
    claimed = {link.referencing_attribute for link in group}
    open_links = [link for link in group if link.referencing_attribute is None]
    chosen: dict[int, str] = {}
    for holds in rules:
        free = [
            c.logical_name
            for c in table.columns
            if holds(table, c, referenced) and c.logical_name not in claimed
        ]
        chosen.update(_assign(open_links, free, table.logical_name, referenced))
    chosen.update(_named_at_end(table, open_links, claimed | set(chosen.values())))
    chosen.update(_named_at_start(table, referenced, open_links, claimed | set(chosen.values())))
    left.extend(open_links)
    return chosen


def _undecided(table: Table, link: OneToManyLink) -> Finding:
    return Finding(
        link.loc,
        f"webapi: relationship {link.schema_name!r} ({table.logical_name} -> "
        f"{link.referenced}): no rule decides which lookup it belongs to: no navigation "
        "property",
    )


def _last_left(
    table: Table,
    open_links: list[OneToManyLink],
    own: list[OneToManyLink],
    chosen: dict[int, str],
) -> dict[int, str]:
    """The one relationship of ``table`` no rule decides belongs to its one lookup that no
    relationship of the set claims, whatever that lookup's printed Targets: a page's Targets
    can be wrong where its relationships are not. ``ownermapping``'s 2023 page prints
    ``targetsystemuserid`` ("Target System User") with Targets ``businessunit`` and lists
    ``OwnerMapping_SystemUser`` (from ``systemuser``), which no other lookup takes; Microsoft's
    ``$metadata`` has ``targetsystemuserid``, of type ``systemuser``, partnered with it. Only
    one of each, and the lookup's name must name the related table (``targetsystemuserid``,
    ``systemuser``): two relationships, two such lookups or a lookup named otherwise
    (``x_activityid`` with Targets ``account`` against ``ActivityPointer_X_Items``) leave the
    page's word standing (a lookup whose relationship the page does not list keeps no
    navigation property)."""
    if len(open_links) != 1 or not open_links[0].referenced:
        return {}
    taken = {link.referencing_attribute for link in own} | {
        chosen[id(link)] for link in own if id(link) in chosen
    }
    free = [
        c.logical_name
        for c in table.columns
        if c.type.is_lookup and c.type is not ColumnType.OWNER and c.logical_name not in taken
    ]
    if len(free) != 1 or open_links[0].referenced not in free[0]:
        return {}
    return {id(open_links.pop()): free[0]}


def _named_at_end(
    table: Table, open_links: list[OneToManyLink], taken: set[str | None]
) -> dict[int, str]:
    """A relationship no rule above decides whose schema name ends with one of the table's
    lookups (``_<lookup>``, as Dataverse names a relationship made with its lookup) belongs
    to it, whatever that lookup's printed Targets: ``entitlementtemplatechannel``'s 2019 page
    prints ``entitlementtemplateid`` with Targets ``entitlementchannel`` and lists
    ``entitlementtemplate_entitlementchannel_entitlementtemplateid`` (from
    ``entitlementtemplate``), whose navigation property Microsoft's ``$metadata`` has:
    ``entitlementtemplateid``, of type ``entitlementtemplate``."""

    def fits(link: OneToManyLink, column: Column) -> bool:
        return (
            column.type.is_lookup
            and column.type is not ColumnType.OWNER
            and link.schema_name.lower().endswith(f"_{column.logical_name}")
        )

    return _sole_fits(table, open_links, taken, fits)


def _named_at_start(
    table: Table, referenced: str, open_links: list[OneToManyLink], taken: set[str | None]
) -> dict[int, str]:
    """A relationship still undecided whose schema name, underscores aside, opens with the
    name of exactly one of the table's free lookups to the referenced table less its ``id``
    belongs to it: ``calendarrule``'s 2021 page lists ``calendar_calendar_rules`` and
    ``inner_calendar_calendar_rules``, both to ``calendar``, by name alone, and Microsoft's
    ``$metadata`` partners them with ``calendarid`` and ``innercalendarid`` (the words of each
    name spell both lookups alike, so the scores above tie)."""

    def fits(link: OneToManyLink, column: Column) -> bool:
        name = column.logical_name
        return (
            _targets(table, column, referenced)
            and name.endswith("id")
            and len(name) - 2 >= _MIN_WORD
            and link.schema_name.lower().replace("_", "").startswith(name[:-2].replace("_", ""))
        )

    return _sole_fits(table, open_links, taken, fits)


def _sole_fits(
    table: Table,
    open_links: list[OneToManyLink],
    taken: set[str | None],
    fits: Callable[[OneToManyLink, Column], bool],
) -> dict[int, str]:
    """Each relationship of ``open_links`` that exactly one column of ``table`` not yet
    ``taken`` ``fits`` belongs to that column: it is taken, and the relationship leaves
    ``open_links``."""
    chosen: dict[int, str] = {}
    for link in list(open_links):
        found = [
            c.logical_name for c in table.columns if c.logical_name not in taken and fits(link, c)
        ]
        if len(found) == 1:
            chosen[id(link)] = found[0]
            taken.add(found[0])
            open_links.remove(link)
    return chosen


def _assign(
    open_links: list[OneToManyLink], free: list[str], table: str, referenced: str
) -> dict[int, str]:
    """Pairs relationships with columns (both lists lose what is paired)."""
    chosen: dict[int, str] = {}
    while open_links and free:
        if len(open_links) == 1 and len(free) == 1:
            pick = (open_links[0], free[0])
        else:
            found = _best(open_links, free, table, referenced)
            if found is None:
                break
            pick = found
        chosen[id(pick[0])] = pick[1]
        open_links.remove(pick[0])
        free.remove(pick[1])
    return chosen


def _best(
    links: list[OneToManyLink], columns: list[str], table: str, referenced: str
) -> tuple[OneToManyLink, str] | None:
    """The pair whose schema name spells its lookup best, when no other lookup ties."""
    best: tuple[int, OneToManyLink, str] | None = None
    for link in links:
        scored = sorted(
            ((_score(c, link.schema_name, table, referenced), c) for c in columns), reverse=True
        )
        top, column = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else 0
        if top > runner_up and (best is None or top > best[0]):
            best = (top, link, column)
    return (best[1], best[2]) if best is not None else None


def _score(column: str, schema_name: str, table: str, referenced: str) -> int:
    if _names_the_base_row(column, schema_name, table, referenced):
        return _BASE_ROW
    text = _after_referenced(schema_name.lower(), referenced)
    if column in text:
        return 1000 + len(column)
    words = [
        w
        for w in text.split("_")
        if len(w) >= 3 and not w.startswith(table) and not w.startswith(referenced)
    ]
    return sum(len(w) for w in words if w in column) + _numbered(column, text)


def _names_the_base_row(column: str, schema_name: str, table: str, referenced: str) -> bool:
    """The relationship of a table's own key to its base type's row is named after the two
    tables alone (``activity_pointer_campaignresponse``): Campaign Response's 2017 page also
    names ``activity_campaignresponse`` (``originatingactivityid``) to ``activitypointer``,
    which, spelling the key's word ``activity``, took ``activityid`` from it."""
    if base_of(table, column) != referenced:
        return False
    rest = schema_name.lower().replace(table, "", 1)
    return rest.replace("_", "") == referenced


def _after_referenced(text: str, referenced: str) -> str:
    """The schema name without the leading ``[<prefix>_]<referenced>`` Dataverse starts it with
    (``<prefix>_<referenced>_<referencing>_<lookup>``): those words name the referenced table,
    not a lookup, though a lookup may bear the same name. Solution Health Rule's
    ``msdyn_workflow_msdyn_solutionhealthrule_resolutionaction`` belongs to
    ``msdyn_resolutionaction``, not to ``msdyn_workflow``."""
    if text.startswith(referenced + "_"):
        return text[len(referenced) :]
    prefix, _, rest = text.partition("_")
    if prefix and rest.startswith(referenced + "_"):
        return rest[len(referenced) :]
    return text


def _numbered(column: str, schema_name: str) -> int:
    """1 when the schema name ends in a number the lookup's name holds: connection's pairs
    ``account_connections1`` / ``account_connections2`` belong to ``record1id`` / ``record2id``
    (``connection_role_connections1`` to ``record1roleid``), which no word of theirs spells."""
    number = _TRAILING_NUMBER.search(schema_name)
    if number is None:
        return 0
    return 1 if re.search(rf"(?<!\d){number.group(1)}(?!\d)", column) else 0


def activity_lookups(tables: Sequence[Table]) -> frozenset[tuple[str, str]]:
    """(lookup, target) pairs ``activitypointer`` declares: from its page, or else those the
    activities of the set share (an activity carries all of activitypointer's columns); and
    each an activity a solution made holds of activitypointer's lookups (``POINTER_LOOKUPS``),
    whatever its target: ``activitypointer``'s Regarding holds every table enabled for
    activities, which alone an activity's Regarding holds, so such an activity names each apart
    (``regardingobjectid_adx_ad_adx_portalcomment``) though no other page of the set says
    ``activitypointer`` has it, and a lone activity as one among others."""
    pointer = [_lookup_pairs(t) for t in tables if t.logical_name == ACTIVITY.name]
    if pointer:
        found = pointer[0]
    else:
        found = _shared_by_holders(_lookup_pairs(t) for t in tables if _is_activity(t))
    return found | _inherited_by_solutions_activities(tables)


def _inherited_by_solutions_activities(tables: Sequence[Table]) -> frozenset[tuple[str, str]]:
    """The (lookup, target) pairs of ``activitypointer``'s lookups each activity of the set a
    solution made holds (``dataverse_tables.made_by_a_solution``)."""
    return frozenset(
        (column, target)
        for table in tables
        if _is_activity(table) and made_by_a_solution(table.logical_name)
        for column, target in _lookup_pairs(table)
        if column in POINTER_LOOKUPS
    )


def _shared_by_holders(
    activities: Iterable[frozenset[tuple[str, str]]],
) -> frozenset[tuple[str, str]]:
    """The targets more than half the activities holding a lookup give it, for a lookup more
    than half the activities (and two at least) hold. A page listing only a few of its table's
    columns (``phonecall``'s 11, an older page's 19) leaves ``createdby`` out rather than stating
    something else: requiring every activity to hold it would name each activity's own
    navigation property as the one it inherits (``createdby`` for ``createdby_appointment``).
    A lookup a solution adds to a few activities only stays theirs. Likewise a target: an
    activity whose own lookup Dataverse narrows (Quick Campaign's ``regardingobjectid``:
    ``campaignactivity, list``) is outvoted rather than emptying what the others share."""
    held: dict[str, list[frozenset[str]]] = defaultdict(list)
    count = 0
    for pairs in activities:
        count += 1
        targets: dict[str, set[str]] = defaultdict(set)
        for column, target in pairs:
            targets[column].add(target)
        for column, found in targets.items():
            held[column].append(frozenset(found))
    return frozenset(
        (column, target)
        for column, sets in held.items()
        if len(sets) > 1 and 2 * len(sets) > count
        for target, votes in Counter(t for found in sets for t in found).items()
        if 2 * votes > len(sets)
    )


def _lookup_pairs(table: Table) -> frozenset[tuple[str, str]]:
    return frozenset(
        (c.logical_name, OWNER if c.type is ColumnType.OWNER else target)
        for c in table.columns
        if c.type.is_lookup
        for target in (c.targets or ("",))
    )


def targets_seen(links: list[OneToManyLink], tables: Sequence[Table]) -> dict[tuple[str, str], int]:
    """How many tables each (table, lookup) of the links refers to. A lookup of
    ``activitypointer`` outside the set also refers to every target the set's activities give
    their lookup of that name (an activity carries its base's columns, narrowed at most): a
    Campaign Activity page alone names only ``CampaignActivity_ActivityPointers`` on it, yet
    its Regarding is ``regardingobjectid_campaignactivity``, not the activity's own
    ``regardingobjectid`` (which the clash of names then left out)."""
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for link in links:
        if link.referencing and link.referencing_attribute and link.referenced:
            seen[(link.referencing, link.referencing_attribute)].add(link.referenced)
    if all(t.logical_name != ACTIVITY.name for t in tables):
        for table in filter(_is_activity, tables):
            for column, target in _lookup_pairs(table):
                key = (ACTIVITY.name, column)
                if key in seen and target not in ("", OWNER):
                    seen[key].add(target)
    return {key: len(value) for key, value in seen.items()}
