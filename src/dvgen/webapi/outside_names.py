"""The name of the single-valued navigation property of a lookup of a table outside the set,
which no page of the set describes: the partner of a collection of a table of the set (``navs``
decides the rest of each relationship, ``single_names`` the names on tables of the set).

- the lookup's name, ``<lookup>_<table>`` when the set ties it to several tables;
- the lookup's SchemaName where the relationship's name ends with it
  (``mobileofflineprofile_teammobileofflineprofilemembership_MobileOfflineProfileId``:
  ``MobileOfflineProfileId``), on one of the platform's activities followed by the activity's
  SchemaName (``sensitivitylabel_email_SensitivityLabelId``: ``SensitivityLabelId_Email``);
- an activity's lookup that ``activitypointer`` also has ends with the activity's name
  (``regardingobjectid_account_phonecall``);
- a lookup to an activity is ``<lookup>_<activity>`` (``activityid_letter``);
- the table's own key, a Uniqueidentifier, is ``<key>_<table>`` (``activityid_recurrencerule``);
- a solution component's ``solutionid`` is its relationship's schema name (``solution_role``);
- the ``stageid`` of a table the platform made, a Uniqueidentifier, is ``stageid_processstage``;
- a lookup of Dataverse's own tables that holds rows of any table is ``<lookup>_<table>``
  whatever the set holds (``dataverse_tables.MANY_TABLE_LOOKUPS``: ``regardingobjectid_position``);
- ``syncerror``'s and ``actioncard``'s regarding lookup as on a table of the set
  (``single_names.regarding_as_an_activity``);
- a lookup named after a key, of a table of the publisher of a table of the set that names its
  own lookups by SchemaName, is that table's SchemaName and ``Id`` (``kin_lookups``, decided
  once every name of the set's own lookups is: ``msdyn_AIOdTrainingImageId``).
"""

from __future__ import annotations

from dvgen.dataverse_tables import (
    ACTIVITY_SCHEMA_NAMES,
    LOGICALLY_NAMED_LOOKUPS,
    MANY_TABLE_LOOKUPS,
    key_of,
)
from dvgen.webapi.bases import ACTIVITY, base_of
from dvgen.webapi.links import OneToManyLink
from dvgen.webapi.single_names import (
    SOLUTION,
    party_of_a_solutions_activity,
    regarding_as_an_activity,
)
from dvgen.webapi.stage_lookups import STAGE, STAGE_ID, made_by_the_platform

SOLUTION_ID = "solutionid"


def outside_name(
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
    activity's name, as for an activity of the set (``single_name``): Microsoft's
    ``$metadata`` has ``Account_Phonecalls`` partnered with ``regardingobjectid_account_phonecall``
    and ``business_unit_phone_call_activities`` with ``owningbusinessunit_phonecall``. A
    solution component's ``solutionid`` is its relationship's name (``_holds_its_solution``);
    a lookup to an activity (``to_activity``) refers to several tables
    (``navs._is_activity``), and so does a lookup Dataverse points at every table that
    enables a feature (``MANY_TABLE_LOOKUPS``: ``flowtestsession_AsyncOperations`` is partnered with
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
    if _holds_its_stage(link) or _is_its_key(table, column, keyed):
        return f"{column}_{referenced}"
    if (regarding := regarding_as_an_activity(link, column)) is not None:
        return regarding
    if (party := party_of_a_solutions_activity(table, column, referenced)) is not None:
        return party
    activity = table != ACTIVITY.name and (
        base_of(table, key_of(table)) == ACTIVITY.name or table in keyed
    )
    pointer = activity and (ACTIVITY.name, column) in MANY_TABLE_LOOKUPS
    inherited = activity and (column, referenced) in shared
    many = to_activity or pointer or (table, column) in MANY_TABLE_LOOKUPS
    seen = max(spread.get((table, column), 0), 2 if many else 0)
    spelt = None if seen > 1 or inherited else spelt_by_relationship(link, column)
    if spelt is not None and activity:
        schema = ACTIVITY_SCHEMA_NAMES.get(table)
        spelt = f"{spelt}_{schema}" if schema is not None else None
    if spelt is not None:
        return spelt
    if inherited:
        seen = max(seen, spread.get((ACTIVITY.name, column), 0), _targets_of(column, shared))
    name = f"{column}_{referenced}" if seen > 1 else column
    return f"{name}_{table}" if inherited else name


def _is_its_key(table: str, column: str, keyed: frozenset[str]) -> bool:
    """Whether the relationship's attribute is the referencing table's own key, a
    Uniqueidentifier (an activity's ``activityid``), which no navigation property may be named
    after, its key property having that name: Dataverse names it ``<key>_<table>``, as
    ``single_names.single_name`` does for a Uniqueidentifier of the set. Microsoft's
    ``recurrencerule`` EntityType partners ``recurrencerule_recurringappointmentmaster`` with
    ``activityid_recurrencerule`` (its 2018 page: ReferencingAttribute ``activityid``), and every
    activity's ``activity_pointer_<activity>`` with ``activityid_activitypointer``."""
    return bool(table) and column == key_of(table, table in keyed)


def spelt_by_relationship(link: OneToManyLink, column: str) -> str | None:
    """The lookup's SchemaName, where the relationship's schema name ends with it: a
    relationship named ``<referenced>_<referencing>_<Lookup>`` (as a maker names one from its
    lookup) whose last part, opening with a capital, is the lookup's name spelt otherwise than
    in lower case. Dataverse names the lookup's navigation property by that SchemaName:
    Microsoft's ``$metadata`` partners
    ``mobileofflineprofile_teammobileofflineprofilemembership_MobileOfflineProfileId`` (and
    ``..._usermobileofflineprofilemembership_...``) with ``MobileOfflineProfileId``,
    ``characteristic_bookableresourcecharacteristic_Characteristic`` with ``Characteristic``
    and ``ratingvalue_bookableresourcecharacteristic_RatingValue`` with ``RatingValue``, four
    of four (as ``ratingmodel_ratingvalue_RatingModel`` is with ``RatingModel``). A lookup with a
    publisher's prefix has it after the prefix (``_spelt_after_the_prefix``). A last part opening
    in lower case tells nothing (``..._federatedarticleId``, partnered with
    ``msdyn_federatedarticleid``): None."""
    name, table, referenced = link.schema_name or "", link.referencing, link.referenced
    if not table or not referenced:
        return None
    head, _, last = name.rpartition("_")
    if last[:1].isupper() and head == f"{referenced}_{table}" and last.lower() == column:
        return last
    if (prefixed := _spelt_after_the_prefix(head, last, table, referenced, column)) is not None:
        return prefixed
    return _spelt_in_the_middle(name, table, referenced, column)


def _spelt_after_the_prefix(
    head: str, last: str, table: str, referenced: str, column: str
) -> str | None:
    """The SchemaName of a lookup with a publisher's prefix, where a maker named the
    relationship from it: ``<prefix>_<referenced>_<referencing>_<Lookup>``, the lookup's name
    after the two tables' without the prefix, spelt otherwise than in lower case; the lookup
    is ``<prefix>_<Lookup>``. Microsoft's EntityTypes partner
    ``msdyn_msdyn_expensecategory_msdyn_expense_ExpenseCategory`` (and ``..._msdyn_journal_...``,
    ``..._msdyn_projectapproval_...``) with ``msdyn_ExpenseCategory``,
    ``msdyn_msdyn_timeentry_msdyn_timeoffcalendar_timeEntry`` with ``msdyn_timeEntry``,
    ``msdyn_msdyn_quoteinvoicingsetup_msdyn_quoteinvoicingproduct_QuoteInvoicingSetup`` with
    ``msdyn_QuoteInvoicingSetup`` (round 56), ``..._msdyn_bookingsetupmetadata_Default
    RequirementActiveStatus`` with ``msdyn_DefaultRequirementActiveStatus``,
    ``msdyn_msdyn_journal_msdyn_journalline_Journal`` with ``msdyn_Journal`` (round 54),
    ``msdyn_uomschedule_msdyn_actual_UnitSchedule`` with ``msdyn_UnitSchedule``: the referencing
    table's naming decides, not the referenced table's app, ``msdyn_priority``'s two
    relationships of that shape being partnered ``msdyn_Priority`` by Scheduling's
    ``msdyn_resourcerequirement`` and ``msdyn_priority`` by Field Service's ``msdyn_workorder``,
    one of the tables that keep logical names (``LOGICALLY_NAMED_LOOKUPS``: None)."""
    prefix, _, tables = head.partition("_")
    if not prefix or tables != f"{referenced}_{table}" or last == last.lower():
        return None
    if table in LOGICALLY_NAMED_LOOKUPS:
        return None
    lookup = f"{prefix}_{last}"
    return lookup if lookup.lower() == column else None


def _spelt_in_the_middle(name: str, table: str, referenced: str, column: str) -> str | None:
    """The lookup's SchemaName, where a relationship Dataverse named from its two tables'
    SchemaNames holds it between them: ``<One>_<Lookup>_<Other>``, one table whole and the
    other's name cut short (the whole name is cut to 41 characters), the middle part, opening
    with a capital, the lookup's name spelt otherwise than in lower case. Microsoft's
    ``aipluginoperation`` page states ``AIPluginOperation_DVFileSearch_DVFileSear``'s
    navigation property ``DVFileSearch`` (and ``..._DVTableSearch_DVTableSe``'s
    ``DVTableSearch``, ``AIPluginOperation_CustomAPI_CustomAPI``'s ``CustomAPI``,
    ``..._Entity_Entity``'s ``Entity``, ``..._Workflow_Workflow``'s ``Workflow``,
    ``..._AIPlugin_AIPlugin``'s ``AIPlugin``), skillrolemapping's ``skillrolemapping_SkillId_skill``
    and ``..._RoleId_role``'s ``SkillId`` and ``RoleId``, aiplugin's
    ``aiplugin_AIPluginTitle_aiplugintitle``'s ``AIPluginTitle``, nine of nine (and
    ``AIPlugin_connector_connector``'s ``connector``, its middle part in lower case);
    ``dvfilesearch``'s page lists ``DVFileSearch_DVFileSearch_DVFileSearchEnt``, the referenced
    table first. A middle part
    that is not the lookup (``Account_Email_SendersAccount``: ``sendersaccount``) tells
    nothing: None."""
    parts = name.split("_")
    if len(parts) != 3 or not all(parts):
        return None
    first, middle, last = parts[0].lower(), parts[1], parts[2].lower()
    if not middle[:1].isupper() or middle.lower() != column:
        return None
    ends = (first == table and referenced.startswith(last)) or (
        first == referenced and table.startswith(last)
    )
    return middle if ends else None


def _holds_its_solution(referenced: str, column: str) -> bool:
    """Whether a lookup of a table outside the set is a solution component's ``solutionid``,
    the Uniqueidentifier every solution-aware table has (``single_names._of_its_solution``):
    named by its relationship, its Web API property the column itself. Of the corpus's six
    relationships of ``solution`` to tables outside it, Microsoft's ``$metadata`` has five so
    (``solution_role``, ``FK_CanvasApp_Solution``...) and one lookup
    (``solution_solutioncomponent``: ``solutionid``), which no page of the set tells apart."""
    return referenced == SOLUTION and column == SOLUTION_ID


def _holds_its_stage(link: OneToManyLink) -> bool:
    """Whether a relationship of a table outside the set ties the ``stageid`` of a table the
    platform made (``stage_lookups.made_by_the_platform``: ``processstage_account``,
    ``processstage_appointments``) to ``processstage``: that column is a Uniqueidentifier, so
    Dataverse names its single-valued navigation property ``stageid_processstage``, as for a
    Uniqueidentifier of the set (``single_names.single_name``). A table a solution made has a
    lookup, ``stageid`` (``processstage_msdyn_workorder``, ``processstage_msevtmgt_Event``,
    ``processstage_BookableResourceBooking``). Microsoft's ``processstage`` EntityType has 26
    of 26 Partners of the first kind so and 15 of 15 of the second, and the 2024 pages of
    ``bookableresourcebooking`` and ``opportunity`` state theirs; ``processstage``'s page
    names the referencing column only."""
    return (
        link.referenced == STAGE
        and link.referencing_attribute == STAGE_ID
        and made_by_the_platform(link.referencing or "", link.schema_name)
    )


def outside_lookup_property(link: OneToManyLink) -> str | None:
    """The Web API property of the lookup of a relationship whose referencing table is outside
    the set: ``_<lookup>_value``, or a Uniqueidentifier itself (a solution component's
    ``solutionid``, a base table's ``stageid``)."""
    column, referenced = link.referencing_attribute, link.referenced
    if column is None or referenced is None:
        return None
    plain = _holds_its_solution(referenced, column) or _holds_its_stage(link)
    return column if plain else f"_{column}_value"


def _targets_of(column: str, shared: frozenset[tuple[str, str]]) -> int:
    """How many tables ``activitypointer``'s lookup ``column`` refers to (owners as one)."""
    return len({target for name, target in shared if name == column})
