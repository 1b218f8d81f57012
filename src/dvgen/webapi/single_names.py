"""The name of the single-valued navigation property (ReferencingEntityNavigationPropertyName)
of a lookup of a table of the set, where its page does not state it (``navs`` decides the rest of
each relationship):

- the lookup's name, ``<lookup>_<table>`` per target for a lookup with several targets
  (Customer, Regarding); a key is ``<key>_<base>``;
- a solution component's ``solutionid`` (a Uniqueidentifier, not a lookup) is its relationship's
  schema name (``solution_role``);
- a one-target lookup of a table a solution added (the page's table-level **Added by**), not one
  of the platform's, is named by its SchemaName (``CustomAPIId``), as Dataverse names what the
  metadata API creates, spelt as its display-name column ``<SchemaName>Name`` spells it
  (``msdyn_resolutionaction``); on a Dynamics 365 app's page, only a Project Service
  Automation or a Universal Resource Scheduling table's (``msdyn_PredecessorTask``,
  ``msdyn_FilterLayout``: Field Service's keep logical names);
- on a table Universal Resource Scheduling made (**Added by**: Scheduling Solution), and on
  Microsoft's own business process flow tables (``expiredprocess``), the four audit lookups
  are ``<lookup>name`` (``createdbyname``); on the former, a lookup whose relationship's name
  ends with its SchemaName, as the metadata API names a relationship made with its lookup, is
  that SchemaName (``bookableresource_bookableresourcecategoryassn_Resource``: ``Resource``);
- a File or Image column's ``fileattachment`` relationship is the column's logical name;
- an activity's own lookup that ``activitypointer`` also has is ``<name>_<activity>``: the base
  type already declares ``<name>`` and CSDL members are unique across a type and its base; its
  Regarding is ``regardingobjectid_<table>_<activity>`` even where the set relates it to one
  table only;
- ``syncerror``'s and ``actioncard``'s regarding lookup is named as an activity's where the
  base system made the relationship (``Position_SyncErrors``:
  ``regardingobjectid_position_syncerror``), as any other where Dataverse made it with a
  newer table (``catalog_SyncErrors``: ``regardingobjectid_catalog``).
"""

from __future__ import annotations

from dvgen import systemparts
from dvgen.dataverse_tables import (
    ACTIVITY_PARTY,
    AUDIT_LOOKUPS,
    BPF_SCHEMA_NAMES,
    DYNAMICS_365_PAGES,
    made_by_a_solution,
)
from dvgen.model import Column, ColumnType, OwnershipType, Table
from dvgen.webapi.bases import ACTIVITY, base_of
from dvgen.webapi.links import OneToManyLink
from dvgen.webapi.stage_lookups import stage_lookup

SOLUTION = "solution"
"""The table that holds every solution component (the ``solutionid`` of each)."""


def single_name(
    table: Table,
    column_name: str,
    link: OneToManyLink,
    shared: frozenset[tuple[str, str]],
    seen: int = 0,
) -> str:
    """``seen``: how many tables the set's relationships tie this lookup to, more than its
    Targets on an older page (activityparty's ``activityid`` lists only activitypointer)."""
    referenced = link.referenced or ""
    if (special := _named_apart(table, column_name, link)) is not None:
        return special
    column = table.column(column_name)
    if column is None or not column.type.is_lookup:  # a Uniqueidentifier holding a key
        return f"{column_name}_{referenced}"
    name = column_name
    if _regards(table, column_name):
        return f"{column_name}_{referenced}_{table.logical_name}"
    if column.type is not ColumnType.OWNER and max(len(column.targets), seen) > 1:
        name = f"{column_name}_{referenced}"
    elif (scheduling := _of_scheduling(table, column, link.schema_name)) is not None:
        name = scheduling
    elif (audit := _of_own_flow(table, column, link.schema_name)) is not None:
        name = audit
    elif _solutions_own(table, column):
        name = _created_name(table, column)
    base = base_of(table.logical_name, table.primary_id_attribute)
    if base == ACTIVITY.name and (column_name, referenced) in shared:
        name = f"{name}_{table.logical_name}"
    return name


def _named_apart(table: Table, column_name: str, link: OneToManyLink) -> str | None:
    """The name of a relationship Dataverse names by a rule of its own (an activity's
    regarding or party lookups, its SLA lookups, a solution component's ``solutionid``, a
    File column's, the key of a solution's activity, a solution table's ``stageid``), else
    None."""
    referenced = link.referenced or ""
    if (regarding := regarding_as_an_activity(link, column_name)) is not None:
        return regarding
    party = party_of_a_solutions_activity(table.logical_name, column_name, referenced)
    if party is not None:
        return party
    if _solutions_activity(table) and (column_name, referenced) in POINTER_SLA_NAMES:
        return f"{POINTER_SLA_NAMES[column_name, referenced]}_{table.logical_name}"
    column = table.column(column_name)
    if column is not None and not column.type.is_lookup and _of_its_solution(referenced):
        return link.schema_name or f"{column_name}_{referenced}"
    if column is not None and _holds_a_file(column, referenced):
        return column_name
    if _keys_a_solutions_activity(table, column_name, referenced):
        return f"{column_name}_{table.logical_name}"
    if column is not None and stage_lookup(table, column):
        return column_name
    return None


def _regards(table: Table, column_name: str) -> bool:
    """Whether ``column_name`` is the Regarding lookup of an activity a solution made
    (``_solutions_activity``): Dataverse names its single-valued navigation property to each
    table ``regardingobjectid_<table>_<activity>`` however many of those tables the set
    holds, as such a Regarding holds a row of any table of the org enabled for activities
    (``dvgen.regarding``), each of which ``activitypointer``'s Regarding holds too: Microsoft's
    ``msfp_alert`` has ``regardingobjectid_account_msfp_alert`` (``account_msfp_alerts``) and
    every one of its 45 others so, ``adx_portalcomment`` and ``msfp_surveyinvite`` alike. An
    export relating its custom activity to one table
    (TheMarkChristie/FoodbankModelDrivenApp's ``account_com_Collections``, no role) gave
    ``regardingobjectid_com_collection``. The platform's activities keep the rule of their
    other lookups: ``socialactivity`` has ``regardingobjectid_asyncoperation``, a table
    ``activitypointer``'s Regarding does not hold."""
    return column_name == REGARDING and _solutions_activity(table)


def party_of_a_solutions_activity(referencing: str, column: str, referenced: str) -> str | None:
    """``activityparty.activityid``'s single-valued navigation property to an activity a
    solution made: ``activityid_<activity>_activityparty``, as Microsoft's ``activityparty``
    EntityType has ``activityid_msdyn_approval_activityparty`` partnered with
    ``msdyn_approval_activity_parties`` (``msdyn_bookingalert``, ``msfp_surveyinvite``,
    ``msfp_surveyresponse``, ``adx_inviteredemption`` alike), the activity's own
    ``activityid_<activity>`` naming its relationship to ``activitypointer``; the platform's
    activities have ``activityid_<activity>`` (``activityid_letter``). None otherwise."""
    if referencing == ACTIVITY_PARTY and column == ACTIVITY.key and made_by_a_solution(referenced):
        return f"{column}_{referenced}_{ACTIVITY_PARTY}"
    return None


POINTER_SLA_NAMES = {
    ("slaid", "sla"): "sla_activitypointer_sla",
    ("slainvokedid", "sla"): "slainvokedid_activitypointer_sla",
}
"""``activitypointer``'s navigation properties of its two lookups to ``sla`` (the Web API's
``email``: ``sla_activitypointer_sla``, ``slainvokedid_activitypointer_sla``), which an
activity a solution made names its own after: ``sla_activitypointer_sla_<activity>`` and
``slainvokedid_activitypointer_sla_<activity>``, as the roles of ``csa_csIncident``'s and
``cttech_OF95ApprovalUser``'s exports state the first (the second's relationship has no
roles) and Microsoft's pages of ``msfp_surveyinvite``, ``msfp_surveyresponse`` and
``adx_portalcomment`` state both."""


def _solutions_activity(table: Table) -> bool:
    return systemparts.is_activity(table) and made_by_a_solution(table.logical_name)


def _keys_a_solutions_activity(table: Table, column_name: str, referenced: str) -> bool:
    """Whether the relationship is an activity's ``activity_pointer_<SchemaName>`` by its key,
    on an activity a solution made: Dataverse names its single-valued navigation property
    ``activityid_<activity>`` (``activityid_adx_portalcomment``, ``activityid_msdyn_approval``,
    ``activityid_msfp_surveyresponse``), where the platform's activities have
    ``activityid_activitypointer`` (``dataverse_tables.made_by_a_solution``)."""
    key = referenced == ACTIVITY.name and column_name == ACTIVITY.key
    return key and _solutions_activity(table)


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


SCHEMA_NAMED_APPS = frozenset(
    {
        "Project Service Automation",
        "Universal Resource Scheduling",
        "Unified Resource Scheduling",
        "Forecasting",
    }
)
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
(``quotedetail.msdyn_Project``) is not decided here. One table of the app does not:
``msdyn_characteristicreqforteammember`` has ``msdyn_characteristic`` for ``msdyn_Characteristic``
(tests/test_webapi_apps.py). Universal Resource Scheduling's ``msdyn_`` tables (**Added by**
Universal, or Unified, Resource Scheduling; not its older tables, ``Scheduling``) likewise: 8
of the 11 whose EntityTypes were read spell all 33 such lookups by SchemaName
(``msdyn_scheduleboardsetting.msdyn_FilterLayout``), 3 keep logical names for 4
(``msdyn_systemuserschedulersetting.msdyn_user`` for ``msdyn_User``), and no page tells them
apart: the name is the defining table's, as Microsoft created it, and the app's usual one is
given. Sales' Forecasting (**Added by** Forecasting) likewise: five lookups of its three
tables checked are named as their display-name columns spell them (``_created_name``), four in
lower case (``msdyn_forecastinstance``'s three beside ``msdyn_forecastrecurrenceidName`` and
the like on its 2019 page, ``msdyn_forecastdefinition.msdyn_metricid``) and
``msdyn_forecastrecurrence``'s ``msdyn_ForecastDefinitionId``, beside
``msdyn_ForecastDefinitionIdName``, its SchemaName on the page ``msdyn_forecastdefinitionid``:
Microsoft's ``$metadata`` has all five so (tests/test_parse_unseen48.py)."""


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


def _of_own_flow(table: Table, column: Column, relationship: str) -> str | None:
    """The single-valued navigation property of an audit lookup of one of Microsoft's
    business process flow tables (``BPF_SCHEMA_NAMES``: ``expiredprocess``, ``newprocess``,
    ``opportunitysalesprocess``, ``phonetocaseprocess``, ``translationprocess``...), where the
    page does not state it: ``<lookup>name`` (``createdbyname`` for
    ``lk_expiredprocess_createdby``), as Microsoft's ``$metadata`` has all four on each of
    the six (``leadtoopportunitysalesprocess`` too) and the 2025 expiredprocess page states
    it; their other lookups keep their logical names (``activestageid``, ``processid``).
    None for any other table, or where the relationship is not the audit one Dataverse made
    (``lk_<table>_<lookup>``)."""
    name = column.logical_name
    if table.logical_name not in BPF_SCHEMA_NAMES or name not in AUDIT_LOOKUPS:
        return None
    return f"{name}name" if relationship.lower() == f"lk_{table.logical_name}_{name}" else None


SCHEDULING = "Scheduling"
"""The table-level **Added by** of Universal Resource Scheduling's tables (``Scheduling
Solution`` on their 2017-2019 pages)."""


PLATFORM_SOLUTIONS = frozenset({"Active Solution", "Basic Solution", "System Solution"})
"""The solutions the pages name for what Dataverse itself adds to a table."""


def _platform_lookups(table: Table) -> frozenset[str]:
    """The lookups Dataverse creates with ``table``; a business-owned table's owning business
    unit is ``businessunitid`` (``applicationuser``, ``business_unit_applicationuser``)."""
    found = {c.logical_name for c in systemparts.columns(table) if c.type.is_lookup}
    if table.ownership_type is OwnershipType.BUSINESS_OWNED:
        found.add("businessunitid")
    return frozenset(found)


REGARDING_AS_ACTIVITIES = {"syncerror": "SyncErrors", "actioncard": "ActionCards"}
"""Tables other than activities whose ``regardingobjectid`` relationships of the base system
Dataverse named as an activity's (``<lookup>_<table>_<referencing>``), by the referencing
table, with the collection schema name its relationships made with a newer table end with
(``<logical name>_SyncErrors``), which are named as any other (``<lookup>_<table>``)."""
REGARDING = "regardingobjectid"


def regarding_as_an_activity(link: OneToManyLink, column: str) -> str | None:
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
