"""The Dataverse Web API's navigation properties of a set: every one-to-many relationship with
its lookup, its single-valued navigation property and its collection, decided once for every
target (OData, JSON Schema, pydantic).

What a page states wins. Where it is silent (reference pages up to 2023 list a many-to-one
relationship only by its schema name and a link to the other table's page), Microsoft's rules
decide (web-api-navigation-properties.md, create-edit-entity-relationships):

- the lookup a relationship belongs to is the table's lookup whose Targets include the
  referenced table; when several do, the one whose name the schema name spells
  (``lk_accountbase_createdby`` -> ``createdby``), then the one left;
- a table's own key references its base entity type's row (an activity's ``activityid`` is its
  ``activitypointer`` row, ``activity_pointer_<activity>``);
- a relationship to an activity no lookup targets belongs to a lookup to ``activitypointer``
  (``activityparty.activityid`` for ``letter_activity_parties``);
- a table's two SLA relationships are Dataverse's own: ``manualsla_<table>`` belongs to
  ``slaid`` (``sla_<table>_sla``), ``sla_<table>`` to ``slainvokedid``
  (``slainvokedid_<table>_sla``);
- a business process flow's relationship to a process log no lookup targets belongs to its
  ``asyncoperationid`` (``lk_newprocess_workflowlogs``), named ``<SchemaName>_asyncoperationid``
  with the collection ``workflowlogs_<flow>`` for Dataverse's own flows, and
  ``asyncoperationid_<flow>`` for Dynamics 365's ``msdyn_bpf_`` ones (Microsoft's
  ``workflowlog`` EntityType);
- an unstated ReferencedAttribute is the referenced table's primary id (``activityid`` for an
  activity, whether of the set or not);
- the single-valued navigation property (ReferencingEntityNavigationPropertyName) is the
  lookup's name, ``<lookup>_<table>`` per target for a lookup with several targets (Customer,
  Regarding); a key is ``<key>_<base>``; a solution component's ``solutionid`` (a
  Uniqueidentifier, not a lookup) is its relationship's schema name (``solution_role``); a
  one-target lookup of a table a solution added (the page's table-level **Added by**), not
  one of the platform's, is named by its SchemaName (``CustomAPIId``), as Dataverse names
  what the metadata API creates, spelt as its display-name column ``<SchemaName>Name``
  spells it (``msdyn_resolutionaction``); on a Dynamics 365 app's page, only a Project Service
  Automation table's (``msdyn_PredecessorTask``: Field Service's keep logical names);
- on a table Universal Resource Scheduling made (**Added by**: Scheduling Solution), the four
  audit lookups are ``<lookup>name`` (``createdbyname``), and a lookup whose relationship's name
  ends with its SchemaName, as the metadata API names a relationship made with its lookup, is
  that SchemaName (``bookableresource_bookableresourcecategoryassn_Resource``: ``Resource``);
- a relationship to a table the Web API does not expose (``externalparty``) has no navigation
  property;
- an activity's own lookup that ``activitypointer`` also has is ``<name>_<activity>``: the base
  type already declares ``<name>`` and CSDL members are unique across a type and its base;
- the single-valued navigation property of a lookup of a table outside the set, which no page
  of the set names, is the lookup's name, ``<lookup>_<table>`` when the set ties it to several
  tables; an activity's lookup that ``activitypointer`` also has ends with the activity's
  name, as above (``regardingobjectid_account_phonecall``), a lookup to an activity is
  ``<lookup>_<activity>`` (``activityid_letter``), and a solution component's
  ``solutionid`` is its relationship's schema name (``solution_role``); a lookup of
  Dataverse's own tables that holds rows of any table is ``<lookup>_<table>`` whatever the
  set holds (``dataverse_tables.MANY_TABLE_LOOKUPS``: ``regardingobjectid_position``);
- ``syncerror``'s and ``actioncard``'s regarding lookup is named as an activity's where the
  base system made the relationship (``Position_SyncErrors``:
  ``regardingobjectid_position_syncerror``), as any other where Dataverse made it with a
  newer table (``catalog_SyncErrors``: ``regardingobjectid_catalog``);
- the collection (ReferencedEntityNavigationPropertyName) defaults to the schema name;
- a table owned by a user or team with an Owner column has the owner relationship to
  ``principal`` (``ownerid``) even where the page leaves it out: ``owner_<table>`` on a table a
  solution added; elsewhere its schema name has no rule (``owner_accounts``,
  ``owner_connectionreference``), so such a navigation property has no Partner; a table whose
  OwnershipType is None or OrganizationOwned has none, nor has one whose generated reference
  page (which lists every many-to-one relationship) names no owner relationship
  (``bulkoperationlog``: only ``_ownerid_value``, as in Microsoft's ``$metadata``).

A relationship no rule decides is reported with its page line, code ``webapi-navigation``.
The first three rules, and which lookups ``activitypointer`` declares, are decided in
``webapi.lookup_links``; the names of the navigation properties are decided here.
"""

from __future__ import annotations

import dataclasses
import weakref
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from dvgen import systemparts
from dvgen.dataverse_tables import (
    AUDIT_LOOKUPS,
    BPF_SCHEMA_NAMES,
    DYNAMICS_365_PAGES,
    MANY_TABLE_LOOKUPS,
    OWNER,
    key_of,
)
from dvgen.model import Column, ColumnType, OwnershipType, Table, TableSet
from dvgen.targets.odata.links import (
    ManyToManyLink,
    OneToManyLink,
    Side,
    many_to_many_links,
    one_to_many_links,
)
from dvgen.targets.odata.types import ACTIVITY, PRINCIPAL, base_of, entity_type_of
from dvgen.targets.webapi.lookup_links import (
    Finding,
    activity_lookups,
    targets_seen,
    with_attributes,
)
from dvgen.targets.webapi.properties import api_properties

OWNED_BY_PRINCIPALS = frozenset({None, OwnershipType.USER_OWNED, OwnershipType.TEAM_OWNED})
"""Ownership (None: not stated) of the tables whose Owner column has its owner relationship."""
SOLUTION = "solution"
"""The table that holds every solution component (the ``solutionid`` of each)."""
SOLUTION_ID = "solutionid"
REFERENCED_SUFFIX = "_referenced"
"""Dataverse's second member of a self-referencing many-to-many relationship."""


@dataclass(frozen=True, slots=True)
class ApiNavigation:
    """A navigation property of a table of the set, as a record carries it under ``$expand``."""

    name: str
    target: str
    """The related table's logical name (an entity type name, ``principal`` for owners)."""
    single: bool
    column: str | None = None
    """The lookup column a single-valued navigation property is set through (``@odata.bind``)."""


@dataclass(frozen=True, slots=True)
class WebApiLinks:
    one_to_many: tuple[OneToManyLink, ...]
    many_to_many: tuple[ManyToManyLink, ...]
    findings: tuple[Finding, ...]
    by_table: dict[str, tuple[ApiNavigation, ...]] = dataclasses.field(
        default_factory=dict, compare=False
    )
    activities: frozenset[str] = frozenset()
    """The tables a relationship references by ``activityid`` (``_keyed_by_activityid``)."""

    def navigations(self, table: str) -> tuple[ApiNavigation, ...]:
        """The table's navigation properties whose both ends are named, by name."""
        return self.by_table.get(table, ())


def _by_table(
    one_to_many: Sequence[OneToManyLink], many_to_many: Sequence[ManyToManyLink]
) -> dict[str, tuple[ApiNavigation, ...]]:
    found: dict[str, dict[str, ApiNavigation]] = defaultdict(dict)
    for link in one_to_many:
        if link.referencing and link.single and link.referenced:
            nav = ApiNavigation(
                link.single, entity_type_of(link.referenced), True, link.referencing_attribute
            )
            found[link.referencing].setdefault(link.single, nav)
        if link.referenced and link.collection and link.referencing:
            nav = ApiNavigation(link.collection, link.referencing, False)
            found[link.referenced].setdefault(link.collection, nav)
    for many in many_to_many:
        for mine, other in ((many.first, many.second), (many.second, many.first)):
            if mine.table and mine.navigation and other.table:
                nav = ApiNavigation(mine.navigation, other.table, False)
                found[mine.table].setdefault(mine.navigation, nav)
    return {
        table: tuple(navs[n] for n in sorted(navs, key=lambda n: (n.casefold(), n)))
        for table, navs in found.items()
    }


def expandable(tables: TableSet, table: Table, closed: bool = False) -> tuple[ApiNavigation, ...]:
    """What a record of ``table`` may carry under ``$expand`` (and ``@odata.bind`` on write):
    its single-valued navigation properties, whatever table they lead to, and its collections
    of tables of the set, or of any table when ``closed`` (``properties = "closed"``: a record
    holds no member its targets do not declare); a name a property already has is left out (as
    the CSDL leaves it)."""
    taken = {p.name for p in api_properties(table)}
    return tuple(
        nav
        for nav in web_api_links(tables).navigations(table.logical_name)
        if nav.name not in taken and (nav.single or closed or nav.target in tables)
    )


_COMPUTED: dict[int, tuple[weakref.ref[TableSet], WebApiLinks]] = {}


def web_api_links(tables: TableSet) -> WebApiLinks:
    """The set's relationships with every name decided (computed once per set object)."""
    entry = _COMPUTED.get(id(tables))
    if entry is not None and entry[0]() is tables:
        return entry[1]
    found = decide_links(tables.tables)
    _COMPUTED[id(tables)] = (weakref.ref(tables), found)
    weakref.finalize(tables, _COMPUTED.pop, id(tables), None)
    return found


def decide_links(tables: Sequence[Table]) -> WebApiLinks:
    by_name = {t.logical_name: t for t in tables}
    findings: list[Finding] = []
    # the stated relationships take their lookups first: an owner relationship a page names
    # without its lookup ("See owner Table") then owns the Owner column, which no synthetic
    # link claims before it
    links = with_attributes(one_to_many_links(tables), by_name, findings)
    links = [link for link in links if link.referenced not in NOT_IN_WEB_API]
    links = [*links, *_owner_links(tables, links)]
    shared = activity_lookups(tables) | _given_to_activitypointer(links)
    spread = targets_seen(links, tables)
    keyed = _keyed_by_activityid(links)
    decided = tuple(_named(link, by_name, shared, spread, keyed) for link in links)
    many = tuple(_named_many(link) for link in many_to_many_links(tables))
    return WebApiLinks(decided, many, tuple(findings), _by_table(decided, many), keyed)


def _owner_links(tables: Sequence[Table], links: list[OneToManyLink]) -> list[OneToManyLink]:
    """The owner relationship of each Owner column the set does not name, on a table owned by
    a user or team (or whose ownership its page does not state): a table whose OwnershipType is
    None or OrganizationOwned (``bulkdeleteoperation``, ``post``'s regardingobjectownerid)
    has its Owner column's ``_<name>_value`` and no navigation property, as in the Web API."""
    owned = {
        (link.referencing, link.referencing_attribute)
        for link in links
        if link.referenced in (OWNER, PRINCIPAL.name)
    }
    added = []
    for table in tables:
        if table.ownership_type not in OWNED_BY_PRINCIPALS or _lists_every_relationship(table):
            continue
        for column in table.columns:
            key = (table.logical_name, column.logical_name)
            if column.type is ColumnType.OWNER and key not in owned:
                added.append(
                    OneToManyLink(
                        schema_name=_owner_relationship(table),
                        referenced=OWNER,
                        referencing=table.logical_name,
                        referenced_attribute=PRINCIPAL.key,
                        referencing_attribute=column.logical_name,
                        single=None,
                        collection=None,
                        loc=column.loc,
                    )
                )
    return added


def _lists_every_relationship(table: Table) -> bool:
    """Whether the table's page is of the generated reference (``ms.topic:
    generated-reference``, 2024 on), which lists every many-to-one relationship of a table
    whose ownership it states, its owner's too where Dataverse has one (``owner_annotations``,
    ``owner_msdyn_workorderservice``): where it names none for the Owner column, the Web API
    has no navigation property for it, only ``_ownerid_value`` (``bulkoperationlog``,
    ``knowledgearticleincident``, ``entitlementchannel``: no ``owner_<table>`` on their pages
    nor in Microsoft's ``$metadata``, though ``owningteam`` and ``owninguser`` have theirs)."""
    if table.page is None or table.ownership_type is None:
        return False
    topic = dict(table.page.front_matter).get("ms.topic")
    return topic == "generated-reference" and bool(table.relationships.many_to_one)


def _owner_relationship(table: Table) -> str:
    """The schema name of a table's owner relationship where no page names it: on a table a
    solution added (the page's table-level **Added by**), ``owner_<table>``, as Microsoft's
    ``$metadata`` has it for every such table (``owner_appnotification``,
    ``owner_botcomponent``, ``owner_environmentvariabledefinition``); a table of the base system
    has no rule (``owner_accounts``, ``owner_activitypointers``, ``owner_userquerys``): none
    (its navigation property is written without Partner)."""
    return f"owner_{table.logical_name}" if table.added_by is not None else ""


def _given_to_activitypointer(links: list[OneToManyLink]) -> frozenset[tuple[str, str]]:
    """(lookup, target) pairs a relationship of the set gives ``activitypointer`` itself
    (``sample_bankaccount_ActivityPointers``): an activity whose older page leaves that target
    out still has it, and its own navigation property must not clash with the inherited one."""
    return frozenset(
        (link.referencing_attribute, link.referenced)
        for link in links
        if link.referencing == ACTIVITY.name and link.referencing_attribute and link.referenced
    )


def _keyed_by_activityid(links: list[OneToManyLink]) -> frozenset[str]:
    """The tables a relationship of the set references by ``activityid``: activities, though
    Dataverse's list does not name them (``annotation.objectid``'s ``adx_inviteredemption``),
    whose lookups ``activitypointer`` also has are named as an activity's
    (``_outside_name``), keyed by ``activityid`` where another relationship leaves the key
    unstated (``_key``)."""
    return frozenset(
        link.referenced
        for link in links
        if link.referenced and link.referenced_attribute == ACTIVITY.key
    )


def _named(
    link: OneToManyLink,
    by_name: dict[str, Table],
    shared: frozenset[tuple[str, str]],
    spread: dict[tuple[str, str], int],
    keyed: frozenset[str] = frozenset(),
) -> OneToManyLink:
    single, collection = link.single, link.collection
    table = by_name.get(link.referencing or "")
    column = link.referencing_attribute
    if single is None and column is not None and link.referenced and link.referencing:
        if table is not None:
            seen = spread.get((link.referencing, column), 0)
            single = _single_name(table, column, link, shared, seen)
        else:
            to_activity = _is_activity(link.referenced, by_name)
            single = _outside_name(link, column, shared, spread, to_activity, keyed)
    if collection is None and link.schema_name:
        collection = link.schema_name
    key = link.referenced_attribute
    if key is None and link.referenced is not None and link.referenced != OWNER:
        key = _key(link.referenced, by_name, keyed)
    return dataclasses.replace(link, single=single, collection=collection, referenced_attribute=key)


def _outside_name(
    link: OneToManyLink,
    column: str,
    shared: frozenset[tuple[str, str]],
    spread: dict[tuple[str, str], int],
    to_activity: bool,
    keyed: frozenset[str],
) -> str:
    """The single-valued navigation property of a lookup of a table outside the set, which no
    page of the set describes: the lookup's name, ``<lookup>_<table>`` when the set ties it to
    several tables. An activity's lookup that ``activitypointer`` also has (``shared``) refers
    to as many tables as that one (an activity carries its base's columns) and ends with the
    activity's name, as for an activity of the set (``_single_name``): Microsoft's
    ``$metadata`` has ``Account_Phonecalls`` partnered with ``regardingobjectid_account_phonecall``
    and ``business_unit_phone_call_activities`` with ``owningbusinessunit_phonecall``. A
    solution component's ``solutionid`` is its relationship's name (``_holds_its_solution``);
    a lookup to an activity (``to_activity``) refers to several tables (``_is_activity``), and
    so does a lookup Dataverse points at every table that enables a feature
    (``MANY_TABLE_LOOKUPS``: ``flowtestsession_AsyncOperations`` is partnered with
    ``regardingobjectid_flowtestsession`` though the set names no other system job), an
    activity's Regarding among them, being ``activitypointer``'s. That Regarding ends with the
    activity's name where ``activitypointer``'s Regarding also holds the table: its page in
    the set says so, or the table's page names its relationship to ``activitypointer``
    (``Account_ActivityPointers``, which Dataverse makes with every activity's of a table
    that has activities): Microsoft's ``$metadata`` has ``regardingobjectid_account_task``,
    and ``AsyncOperation_Emails`` partnered with ``regardingobjectid_asyncoperation``, a
    system job having no ``AsyncOperation_ActivityPointers``. A table a relationship of the
    set references by ``activityid`` (``keyed``) is an activity, though Dataverse's list does
    not name it."""
    table, referenced = link.referencing or "", link.referenced or ""
    if _holds_its_solution(referenced, column) and link.schema_name:
        return link.schema_name
    if (regarding := _regarding_as_an_activity(link, column)) is not None:
        return regarding
    activity = table != ACTIVITY.name and (
        base_of(table, key_of(table)) == ACTIVITY.name or table in keyed
    )
    pointer = activity and (ACTIVITY.name, column) in MANY_TABLE_LOOKUPS
    inherited = activity and (column, referenced) in shared
    many = to_activity or pointer or (table, column) in MANY_TABLE_LOOKUPS
    seen = max(spread.get((table, column), 0), 2 if many else 0)
    if inherited:
        seen = max(seen, spread.get((ACTIVITY.name, column), 0), _targets_of(column, shared))
    name = f"{column}_{referenced}" if seen > 1 else column
    return f"{name}_{table}" if inherited else name


REGARDING_AS_ACTIVITIES = {"syncerror": "SyncErrors", "actioncard": "ActionCards"}
"""Tables other than activities whose ``regardingobjectid`` relationships of the base system
Dataverse named as an activity's (``<lookup>_<table>_<referencing>``), by the referencing
table, with the collection schema name its relationships made with a newer table end with
(``<logical name>_SyncErrors``), which are named as any other (``<lookup>_<table>``)."""
REGARDING = "regardingobjectid"


def _regarding_as_an_activity(link: OneToManyLink, column: str) -> str | None:
    """The single-valued navigation property of ``syncerror``'s and ``actioncard``'s regarding
    lookup, which Dataverse names as an activity's where the relationship is one the base
    system made: ``regardingobjectid_<table>_syncerror``, the SchemaName of a business
    process flow of Microsoft's standing for its logical name
    (``regardingobjectid_NewProcess_syncerror``). A table made since, by Dataverse's
    solutions or a maker's, has its relationship made with it, named ``<logical
    name>_SyncErrors`` (``<logical name>_ActionCards``), and ``regardingobjectid_<table>``.
    Microsoft's ``$metadata`` has every one of the 49 relationships read so, on the 53
    tables of the corpus and the 15 of the seventh comparison with its EntityTypes
    (``Account_SyncErrors``, ``Position_SyncErrors``, ``TeamTemplate_SyncErrors``,
    ``account_actioncard``, ``phonecall_actioncard`` against ``catalog_SyncErrors``,
    ``msdyn_analysisjob_SyncErrors``); its ``syncerror`` and ``actioncard`` EntityTypes
    name Dynamics 365's older tables so too (``regardingobjectid_product_syncerror``,
    ``regardingobjectid_lead_actioncard``, partner ``Lead_actioncard``), and the tables
    solutions made otherwise (``regardingobjectid_msdyn_workorder``,
    ``regardingobjectid_msdyn_approval``, partner ``msdyn_approval_ActionCards``). None where
    another rule decides."""
    referencing, referenced = link.referencing or "", link.referenced
    plural = REGARDING_AS_ACTIVITIES.get(referencing)
    if plural is None or column != REGARDING or not referenced or not link.schema_name:
        return None
    if link.schema_name == f"{referenced}_{plural}":
        return None
    return f"{column}_{BPF_SCHEMA_NAMES.get(referenced, referenced)}_{referencing}"


def _holds_its_solution(referenced: str, column: str) -> bool:
    """Whether a lookup of a table outside the set is a solution component's ``solutionid``,
    the Uniqueidentifier every solution-aware table has (``_of_its_solution``): named by its
    relationship, its Web API property the column itself. Of the corpus's six relationships
    of ``solution`` to tables outside it, Microsoft's ``$metadata`` has five so
    (``solution_role``, ``FK_CanvasApp_Solution``...) and one lookup
    (``solution_solutioncomponent``: ``solutionid``), which no page of the set tells apart."""
    return referenced == SOLUTION and column == SOLUTION_ID


def outside_lookup_property(link: OneToManyLink) -> str | None:
    """The Web API property of the lookup of a relationship whose referencing table is outside
    the set: ``_<lookup>_value``, or a solution component's ``solutionid`` itself."""
    column, referenced = link.referencing_attribute, link.referenced
    if column is None or referenced is None:
        return None
    return column if _holds_its_solution(referenced, column) else f"_{column}_value"


def _is_activity(table: str, by_name: dict[str, Table]) -> bool:
    """Whether ``table`` is an activity other than ``activitypointer``: a lookup of another
    table to one is a lookup to activities, several tables (``activitypointer`` and each of
    its activities), so Dataverse names its navigation property ``<lookup>_<activity>``:
    Microsoft's ``$metadata`` has every collection of ``appointment``, ``email``, ``fax``,
    ``letter``, ``socialactivity`` and ``task`` to another table, but those they inherit from
    ``activitypointer``, so partnered (89: ``letter_activity_parties`` with
    ``activityid_letter``, ``Letter_Annotation`` with ``objectid_letter``, and syncerror's
    ``regardingobjectid_letter_syncerror``), where the set may name one activity only."""
    return table != ACTIVITY.name and base_of(table, _key(table, by_name)) == ACTIVITY.name


def _targets_of(column: str, shared: frozenset[tuple[str, str]]) -> int:
    """How many tables ``activitypointer``'s lookup ``column`` refers to (owners as one)."""
    return len({target for name, target in shared if name == column})


def _key(table: str, by_name: dict[str, Table], keyed: frozenset[str] = frozenset()) -> str:
    """The key of ``table``: its primary id in the set; outside it, an activity's is
    ``activityid`` (its base type's), as is that of a table another relationship of the set
    references by ``activityid`` (``keyed``: whatever order the relationships come in), every
    other table's ``<logical name>id``."""
    found = by_name.get(table)
    if found is not None and found.primary_id_attribute:
        return found.primary_id_attribute
    return key_of(table, table in keyed)


def _single_name(
    table: Table,
    column_name: str,
    link: OneToManyLink,
    shared: frozenset[tuple[str, str]],
    seen: int = 0,
) -> str:
    """``seen``: how many tables the set's relationships tie this lookup to, more than its
    Targets on an older page (activityparty's ``activityid`` lists only activitypointer)."""
    referenced = link.referenced or ""
    if (regarding := _regarding_as_an_activity(link, column_name)) is not None:
        return regarding
    column = table.column(column_name)
    if column is not None and not column.type.is_lookup and _of_its_solution(referenced):
        return link.schema_name or f"{column_name}_{referenced}"
    if column is not None and _holds_a_file(column, referenced):
        return column_name
    if column is None or not column.type.is_lookup:  # a Uniqueidentifier holding a key
        return f"{column_name}_{referenced}"
    name = column_name
    if column.type is not ColumnType.OWNER and max(len(column.targets), seen) > 1:
        name = f"{column_name}_{referenced}"
    elif (scheduling := _of_scheduling(table, column, link.schema_name)) is not None:
        name = scheduling
    elif _solutions_own(table, column):
        name = _created_name(table, column)
    base = base_of(table.logical_name, table.primary_id_attribute)
    if base == ACTIVITY.name and (column_name, referenced) in shared:
        name = f"{name}_{table.logical_name}"
    return name


FILE_ATTACHMENT = "fileattachment"
FILE_COLUMNS = (ColumnType.FILE, ColumnType.IMAGE)


def _holds_a_file(column: Column, referenced: str) -> bool:
    """Whether ``column`` is a File or Image column and the relationship its ``fileattachment``
    row's (``FileAttachment_<table>_<column>``, which exports list without a role): Dataverse
    names its single-valued navigation property as the column, its logical name, as the pages
    of 2024 on state it for the File columns solutions made (``msdyn_aidataprocessingevent``'s
    ``msdyn_InputData``: ``msdyn_inputdata``; ``msdyn_mrasjob``'s ``msdyn_joboutputfile``,
    ``msdyn_knowledgearticleimage``'s ``msdyn_blobfile``, ``mspcat_packagestore``'s
    ``mspcat_packagefile``), not ``<column>_fileattachment``, which no table has. (The OData
    target leaves it out beside the column's own property of that name:
    ``odata.members.FILE_CLASH``.)"""
    return column.type in FILE_COLUMNS and referenced == FILE_ATTACHMENT


def _of_its_solution(referenced: str) -> bool:
    """Whether a relationship whose column is not a lookup ties a solution component to the
    ``solution`` that holds it (its ``solutionid``, a Uniqueidentifier): Dataverse names
    that single-valued navigation property by the relationship's schema name, as Microsoft's
    ``$metadata`` has ``solution_fieldpermission``, ``solution_fieldsecurityprofile``,
    ``solution_privilege``, ``solution_role``, ``FK_CanvasApp_Solution`` and
    ``package_solution`` (each its own Partner), and as later pages of ``fieldpermission``,
    ``privilege``, ``role`` and ``canvasapp`` state it; a lookup to ``solution`` keeps its
    name (``solutioncomponent.solutionid``), and another key column is
    ``<column>_<table>`` (``stageid_processstage``)."""
    return referenced == SOLUTION


def _solutions_own(table: Table, column: Column) -> bool:
    """A lookup a solution created on its own table (the page says a solution added the
    table), not one of the platform's: not one Dataverse creates with every table
    (``createdby``, ``organizationid``: ``dvgen.systemparts``) nor one its page says the
    platform's solutions added (``Active Solution``, ``Basic Solution``, ``System
    Solution``). Dataverse names its single-valued navigation property by the lookup's
    SchemaName, as Microsoft's ``$metadata`` has ``appnotification.AppModuleId``,
    ``botcomponent.ParentBotComponentId``, ``catalogassignment.CatalogId``,
    ``customapiresponseproperty.CustomAPIId``, and ``bot_conversationtranscriptId`` on
    ``conversationtranscript``, which another solution than the table's added; and as for
    a custom lookup (``new_CustomerId``). A table of the base system has the logical name
    (``parentaccountid``), and so has a table of Dynamics 365's apps that the platform made
    before solutions held them (``DYNAMICS_365_PAGES``): the 2022 Sales page of
    ``productpricelevel`` says Product Management added it, and Microsoft's ``$metadata`` has
    ``uomid``, ``pricelevelid``, ``discounttypeid``; and so have most lookups of a table a
    Dynamics 365 app's page describes (its title names the product): Field Service's
    ``msdyn_workorder`` has ``msdyn_serviceaccount``, ``msdyn_billingaccount`` and 21 more so,
    against three by SchemaName (``msdyn_FunctionalLocation``), in Microsoft's ``$metadata``;
    their pages of 2023 on state every one. Not so a table Project Service Automation added
    (``SCHEMA_NAMED_APPS``), whose app page it is all the same. A relationship's own
    **Added by** says nothing of it: ``appmodule_appnotification_app`` says System Solution."""
    if table.added_by is None or column.added_by in PLATFORM_SOLUTIONS:
        return False
    if table.logical_name in DYNAMICS_365_PAGES or _made_before_solutions(table):
        return False
    if _of_dynamics_365_app(table) and table.added_by not in SCHEMA_NAMED_APPS:
        return False
    return column.logical_name not in _platform_lookups(table)


SCHEMA_NAMED_APPS = frozenset({"Project Service Automation"})
"""The table-level **Added by** of the Dynamics 365 apps whose own lookups are named by
SchemaName though their pages are the app's (``_of_dynamics_365_app``), as a solution's table
names them: Microsoft's ``$metadata`` has every lookup of the three Project Service
Automation tables whose pages were read so, 11 of 11 (``msdyn_projecttaskdependency``:
``msdyn_PredecessorTask``, ``msdyn_Project``, ``msdyn_SuccessorTask``; ``msdyn_project``:
``msdyn_ContractOrganizationalUnitId``, ``msdyn_ProjectTemplate``, and ``msdyn_customer``,
``msdyn_projectmanager``... whose SchemaNames are lower case; ``msdyn_userworkhistory``:
``msdyn_Bookableresource``), and the Partners ``msdyn_project`` and ``msdyn_projecttask`` list
from a dozen more of its tables are spelt so (``msdyn_DefaultProject``, ``msdyn_projectTask``),
where Field Service's tables keep logical names. A lookup the app added to another app's table
(``quotedetail.msdyn_Project``) is not decided here."""


def _made_with_its_lookup(column: Column, relationship: str) -> bool:
    """Whether the relationship was made with its lookup by Dataverse's metadata API, which
    names it ``<referenced>_<referencing>_<lookup SchemaName>`` and the single-valued
    navigation property by the lookup's SchemaName: the Scheduling tables of Dynamics 365,
    whose 2017 pages state no navigation property, have ``Resource``
    (``bookableresource_bookableresourcecategoryassn_Resource``), ``ResourceCategory``,
    ``ChildResource``, ``ParentResource``, ``BookingStatus``, ``Header``, ``Characteristic``,
    ``RatingValue``, ``RatingModel``, ``AccountId``, ``ContactId`` and ``UserId`` in Microsoft's
    ``$metadata``, 14 of 14 so (six tables), where the table's app otherwise keeps logical
    names (``msdyn_workorder``'s ``msdyn_serviceaccount`` of
    ``msdyn_account_msdyn_workorder_ServiceAccount``, whose ending is not the lookup's
    SchemaName ``msdyn_ServiceAccount``). A SchemaName spelt as
    its logical name says nothing."""
    schema = column.schema_name
    return schema != column.logical_name and relationship.endswith("_" + schema)


def _created_name(table: Table, column: Column) -> str:
    """The lookup's SchemaName, spelt as its display-name column (``<SchemaName>Name``)
    spells it where the two differ only in case: Power Apps Checker's
    ``msdyn_solutionhealthrule`` lists ``msdyn_ResolutionAction`` beside
    ``msdyn_resolutionactionName``, and Microsoft's ``$metadata`` has
    ``msdyn_resolutionaction``; the other eleven solution lookups of the twelve 2021 pages
    checked (``msdyn_Workflow`` beside ``msdyn_WorkflowName``, ``msdyn_AIBDatasetsId``,
    ``CatalogId``) have a display-name column spelt as the SchemaName and the navigation
    property so named."""
    shown = table.column(column.logical_name + "name")
    if shown is not None and shown.schema_name.endswith("Name"):
        stem = shown.schema_name.removesuffix("Name")
        if stem.lower() == column.logical_name:
            return stem
    return column.schema_name


def _of_dynamics_365_app(table: Table) -> bool:
    """Whether the table's page is a Dynamics 365 app's, not Dataverse's: its heading or its
    front matter's title names the product (``Work Order (msdyn_workorder) table/entity
    reference (Microsoft Dynamics 365 Field Service)``, ``msdyn_workorder Entity Reference
    (Dynamics 365 Customer Engagement)``). Not its **Added by**: ``msfp_question``'s 2023
    Dataverse page says Dynamics 365 Customer Voice Solution added it, and Microsoft's
    ``$metadata`` has its lookup's SchemaName, ``msfp_Survey``."""
    if table.page is None:
        return False
    titles = [table.page.title, dict(table.page.front_matter).get("title")]
    return any(isinstance(t, str) and "dynamics 365" in t.lower() for t in titles)


def _made_before_solutions(table: Table) -> bool:
    """A table the platform made before solutions held it, whatever solution its page says
    added it: its relationships to the user who created or modified a row keep the ``Base``
    of its old SQL table (``lk_territorybase_createdby``, as ``lk_sharepointsitebase_createdby``
    and ``lk_userformbase_modifiedonbehalfby`` of the base system), where a table a solution
    created has ``lk_appnotification_createdby``. The 2021 page of ``territory`` says
    Application Common added it, and Microsoft's ``$metadata`` has ``managerid``,
    ``parentterritoryid`` and ``transactioncurrencyid``."""
    base = f"lk_{table.logical_name}base_"
    return any(
        link.schema_name.lower().startswith(base) for link in table.relationships.many_to_one
    )


def _of_scheduling(table: Table, column: Column, relationship: str) -> str | None:
    """The single-valued navigation property of an audit lookup of a table Universal Resource
    Scheduling made (its page's table-level **Added by** is Scheduling Solution:
    ``bookableresource``, ``bookingstatus``, ``characteristic``, ``ratingmodel``...), where the
    page does not state it; None where the other rules decide. Dataverse names the four
    audit lookups by their display-name column, ``<lookup>name`` (``createdbyname`` for
    ``lk_ratingvalue_createdby``, ``modifiedonbehalfbyname``), as Microsoft's ``$metadata``
    has for ``bookableresource``, ``bookableresourcecategoryassn``,
    ``bookableresourcecharacteristic``, ``bookableresourcegroup``, ``bookingstatus``,
    ``characteristic``, ``ratingmodel`` and ``ratingvalue``; and a lookup the solution made
    with its relationship (``_made_with_its_lookup``) by its SchemaName (``RatingModel``),
    the platform's keeping their logical names (``ownerid``, ``transactioncurrencyid``). The
    tables other Dynamics 365 solutions made keep ``createdby`` and logical names
    (``entitlementchannel``, ``lk_entitlementchannel_createdby``; ``discount``); no table
    outside Scheduling's was seen with a relationship ending in its lookup's SchemaName, so
    the rule is kept to the tables it was seen on."""
    if table.added_by != SCHEDULING:
        return None
    name = column.logical_name
    if name in AUDIT_LOOKUPS and relationship.lower() == f"lk_{table.logical_name}_{name}":
        return f"{name}name"
    if _made_with_its_lookup(column, relationship) and name not in _platform_lookups(table):
        return _created_name(table, column)
    return None


SCHEDULING = "Scheduling"
"""The table-level **Added by** of Universal Resource Scheduling's tables (``Scheduling
Solution`` on their 2017-2019 pages)."""
NOT_IN_WEB_API = frozenset({"externalparty", "userentityinstancedata"})
"""Tables Dataverse keeps out of the Web API: no entity type, so a lookup to one has its
``_<name>_value`` and no navigation property, on either side. Microsoft's ``$metadata`` has no
``externalparty`` type, and ``_createdbyexternalparty_value``, ``_modifiedbyexternalparty_value``
without one on ``account``, ``contact`` and ``uomschedule``, whose 2017 page names
``lk_externalparty_uomschedule_createdby``; no reference page describes the table. Nor has it a
``userentityinstancedata`` type (a user's per-row settings), and no collection of one: the 2018
page of ``sdkmessageprocessingstepsecureconfig`` names
``userentityinstancedata_sdkmessageprocessingstepsecureconfig`` (its ``objectid``), which
Microsoft's EntityType of that table lacks, as it lacks every ``userentityinstancedata_<table>``
Dataverse relates each table to."""

PLATFORM_SOLUTIONS = frozenset({"Active Solution", "Basic Solution", "System Solution"})
"""The solutions the pages name for what Dataverse itself adds to a table."""


def _platform_lookups(table: Table) -> frozenset[str]:
    """The lookups Dataverse creates with ``table``; a business-owned table's owning business
    unit is ``businessunitid`` (``applicationuser``, ``business_unit_applicationuser``)."""
    found = {c.logical_name for c in systemparts.columns(table) if c.type.is_lookup}
    if table.ownership_type is OwnershipType.BUSINESS_OWNED:
        found.add("businessunitid")
    return frozenset(found)


def _named_many(link: ManyToManyLink) -> ManyToManyLink:
    first, second = link.first, link.second
    if first.table is not None and first.table == second.table:
        one, two = first.navigation, second.navigation
        if one is None or two is None or one == two:
            name = (one or two or link.schema_name).removesuffix(REFERENCED_SUFFIX)
            first, second = Side(first.table, name), Side(first.table, name + REFERENCED_SUFFIX)
    else:
        first = Side(first.table, first.navigation or link.schema_name)
        second = Side(second.table, second.navigation or link.schema_name)
    return ManyToManyLink(link.schema_name, first, second, link.loc)
