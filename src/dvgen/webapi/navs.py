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
- the single-valued navigation property (ReferencingEntityNavigationPropertyName) is named by
  ``single_names`` on a table of the set, by ``outside_names`` on a table outside it (the
  partner of a collection of a table of the set), from the lookup's name, its targets, its
  SchemaName and who made the table;
- a relationship to a table the Web API does not expose (``externalparty``) has no navigation
  property;
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
``webapi.lookup_links``; the collections' names here, the single-valued navigation
properties' in ``single_names`` and ``outside_names``.
"""

from __future__ import annotations

import dataclasses
import weakref
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from dvgen.dataverse_tables import OWNER, key_of
from dvgen.model import ColumnType, OwnershipType, Table, TableSet
from dvgen.webapi.activity_lookups import activity_lookups, targets_seen
from dvgen.webapi.bases import ACTIVITY, PRINCIPAL, base_of, entity_type_of
from dvgen.webapi.kin_lookups import kin_lookup, schema_named
from dvgen.webapi.links import (
    ManyToManyLink,
    OneToManyLink,
    Side,
    many_to_many_links,
    one_to_many_links,
)
from dvgen.webapi.lookup_links import Finding, with_attributes
from dvgen.webapi.outside_names import outside_name
from dvgen.webapi.properties import api_properties
from dvgen.webapi.single_names import single_name

OWNED_BY_PRINCIPALS = frozenset({None, OwnershipType.USER_OWNED, OwnershipType.TEAM_OWNED})
"""Ownership (None: not stated) of the tables whose Owner column has its owner relationship."""
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
    named = schema_named(decided, by_name)
    decided = tuple(kin_lookup(s, d, by_name, named) for s, d in zip(links, decided, strict=True))
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
    (``outside_names.outside_name``), keyed by ``activityid`` where another relationship
    leaves the key unstated (``_key``)."""
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
            single = single_name(table, column, link, shared, seen)
        else:
            to_activity = _is_activity(link.referenced, by_name)
            single = outside_name(link, column, shared, spread, to_activity, keyed)
    if collection is None and link.schema_name:
        collection = link.schema_name
    key = link.referenced_attribute
    if key is None and link.referenced is not None:
        # an owner relationship a page lists by a link only is keyed by the principal's
        # ``ownerid``, as one no page names is (``_owner_links``): ``owner_importdatas``
        key = PRINCIPAL.key if link.referenced == OWNER else _key(link.referenced, by_name, keyed)
    return dataclasses.replace(link, single=single, collection=collection, referenced_attribute=key)


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


def _key(table: str, by_name: dict[str, Table], keyed: frozenset[str] = frozenset()) -> str:
    """The key of ``table``: its primary id in the set; outside it, an activity's is
    ``activityid`` (its base type's), as is that of a table another relationship of the set
    references by ``activityid`` (``keyed``: whatever order the relationships come in), every
    other table's ``<logical name>id``."""
    found = by_name.get(table)
    if found is not None and found.primary_id_attribute:
        return found.primary_id_attribute
    return key_of(table, table in keyed)


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


def _named_many(link: ManyToManyLink) -> ManyToManyLink:
    """Each side's collection: the name its page gives; a side no page of the set names takes
    the other side's (``appmodule``'s page names ``serviceplan_appmodule_association``, and
    Microsoft's ``$metadata`` has that name on ``serviceplan`` too, as Dataverse names both
    sides of a relationship between two tables alike), else the schema name. A table related
    to itself has ``<name>`` and ``<name>_referenced``."""
    first, second = link.first, link.second
    if first.table is not None and first.table == second.table:
        one, two = first.navigation, second.navigation
        if one is None or two is None or one == two:
            name = (one or two or link.schema_name).removesuffix(REFERENCED_SUFFIX)
            first, second = Side(first.table, name), Side(first.table, name + REFERENCED_SUFFIX)
    else:
        one, two = first.navigation, second.navigation
        first = Side(first.table, one or two or link.schema_name)
        second = Side(second.table, two or one or link.schema_name)
    return ManyToManyLink(link.schema_name, first, second, link.loc)
