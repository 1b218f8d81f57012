"""Real solutions, round 35: organization- and business-unit-owned tables, alternate keys
(one on an autonumbered column, one of two lookups and a number), a global choice, currency
columns under a Dutch base language, relationships written without their roles or without the
referenced side's navigation name, tables referencing each other and themselves with Restrict
deletes, Microsoft tables referenced and customized, and a ``pac solution init`` manifest; the
SQL run on SQLite and PostgreSQL 15, the ``$metadata`` checked by the OASIS XSD. No fault was
found: these tests hold what was checked.

Looked at (short excerpts below, transcribed; no whole file copied):

CooperSurgicalCommercialWebEngineering/CustomAgentSidecarMDA (``solution/``, 2025-26,
publisher prefix ``maftagsc``): ``Entities/maftagsc_timeofftype/Entity.xml`` (40,832
characters, read whole) is ``<OwnershipTypeMask>OrgOwned``: no owner columns, an
``OrganizationId`` lookup with no ``DisplayMask`` and no ``LookupStyle``, a ``bit`` column
with ``<AppDefaultValue>1``, a text column of ``<MaxLength>30`` but ``<Length>400``;
``Other/Relationships/Organization.xml`` relates it to ``Organization`` by
``OrganizationId`` with every cascade ``NoCascade`` and no ``<EntityRelationshipRoles>``;
``maftagsc_timeofftype.xml`` relates two custom tables by a lookup named as its target.

farahyakoubi-vives/project-requests-app (``ProjectRequestsApp``, unmanaged, exported from a
9.2.26073 environment with ``languagecode="1043"``): ``Entities/fy_ProjectRequest/
Entity.xml`` (111,971 characters; the first 32,000 read) has ``ExchangeRate`` (decimal,
1E-10..1E11, accuracy 12, labels in 1043 and 1033), money ``fy_EstimatedBudget`` with
``<AccuracySource>2`` and its ``fy_estimatedbudget_Base`` (``<CalculationOf>``), a date-only
column of ``<Behavior>3``, choices labelled in Dutch only; ``Other/Relationships/
TransactionCurrency.xml`` is ``Restrict`` on delete and has no roles.

peterruiter/d365-contactcenter-ivr-toolkit (``solution/``, ``<Managed>2``, 9.2.26081, labels
in 1033 and 1043): eight custom tables whose required lookups point at ``Queue`` and
``Contact`` (``Other/Relationships/Queue.xml``, ``Contact.xml``, names capitalized); the
manifest lists ``contact`` and ``queue`` with ``behavior="1"``, ``Entities/Queue/Entity.xml``
is only ``<Name>`` and ``<RibbonDiffXml />``, and there is no ``Entities/Contact``.

andrewpilcher/pacDemo (``src/``): the ``Other/Solution.xml`` that ``pac solution init``
writes (XML comments between the elements, ``<Version>1.0``, ``<Managed>2``, an empty
``<RootComponents />``) beside two tables exported later; the lookup ``chhsdev_Order`` of
``chhsdev_Item`` has the logical name of its target table ``chhsdev_order``.

Viipiin/DemoRepo (``src/solution``, ``HRAutomation``, 9.2.26093, 2026: 17 tables, 8 global
choices, ``systemuser`` and ``team`` listed with ``behavior="1"``): ``Entities/hra_Employee/
Entity.xml`` (114,199 characters; 28,000-44,000, 64,000-80,000 and the end read) holds
``<EntityKeys>`` ``hra_key_employee_number`` on ``hra_EmployeeNumber`` (``<AutoNumberFormat>
EMP-{SEQNUM:4}``, 20 characters, ``ReadOnlyInUI``) and ``hra_key_employee_workemail`` on
``hra_WorkEmail`` (``<Format>email``, required), ``hra_EmploymentStatus`` on the global
``hra_employmentstatus`` (``OptionSets/hra_employmentstatus.xml``: options 817990000-4 with
``IsHidden`` and no ``ExternalValue``; ``<AppDefaultValue>817990000``), a primary name not
required; ``Entities/hra_LeaveBalance/Entity.xml`` (64,128; the end read) a key on
``hra_employee``, ``hra_leavetype``, ``hra_leaveyear``; ``Other/Relationships/
hra_Employee.xml`` and ``hra_Department.xml``: an employee's department (Restrict), the
department's head (RemoveLink), two self references; ``hra_Department`` and ``hra_LeaveType``
are organization-owned (``Organization.xml``).

antoniobabicpyrovio/CodeAppPTO2 (``solution/src``, 2026): ``team`` and Microsoft's
``msdyn_project`` are root components with ``behavior="0"``; ``Entities/Team/Entity.xml``
(11,771, read whole) holds ``<OwnershipTypeMask>BusinessOwned``, two publishers' Yes/No
columns and Microsoft's ``IsSasTokenSet`` naming the global ``isencryptedattributevalueset``
without displaynames; ``Entities/msdyn_project/Entity.xml`` (49,961, read whole) only ten of
the table's columns; ``Other/Relationships/Team.xml`` Microsoft's
``msdyn_team_msdyn_project_projectteamid`` whose referenced role has no
``<NavigationPropertyName>`` (and an empty ``<CustomLabel>``), ``team_msdyn_project`` by
``OwningTeam`` without roles, and ``pmo_msdyn_project_pmo_PrimaryTeam_team``.

Khushi-Tyagi9/Officio (``unpacked/``, ``ManageLeave``): three custom tables look up the virtual
``aaduser`` (``Other/Relationships/aaduser.xml``; names cut at 50 characters elsewhere,
``contoso_contoso_leavebalance_LeaveType_contoso_le``); ``Entities/aaduser/Entity.xml`` (355,
read whole) is ``<Name LocalizedName="Microsoft Entra ID" OriginalName="AAD User">`` and
``<entity Name="aaduser" unmodified="1"><attributes />``.

Checked against what Dataverse creates: an organization-owned table gets ``organizationid``
(``_organizationid_value``, navigation ``organizationid``, collection ``organization_<table>``
on organization), no owner; a relationship without roles gets the lookup's logical name as its
single-valued navigation and the relationship's schema name as the collection; ``_base`` money
and ``exchangerate`` are read-only; date-only of behavior 3 is ``Edm.DateTimeOffset``; the
lookups to queue and contact become foreign keys when those pages are in the set; a table's
keys are UNIQUE in SQL and alternate keys in ``$metadata`` (a lookup's by ``_<name>_value``);
Restrict refuses the delete, RemoveLink clears the link; a business-owned ``team`` from its
shell derives from ``principal`` and partners each collection with the lookup the relationship
names. The SQL runs on SQLite (foreign keys on) and PostgreSQL 15, the ``$metadata`` is valid
by the OASIS XSD, the JSON Schemas by the 2020-12 metaschema.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.pipeline import Generation, generate
from tests.conftest import CORPUS, NO_SHARED
from tests.solution_support import DECLARATION, attribute_xml, manifest
from tests.test_odata_tools import xsd_errors
from tests.test_sql_support import postgres_unavailable, shared_server

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"
LOOKUP = "<LookupStyle>single</LookupStyle><LookupTypes />"
Files = dict[str, str]


def _required(xml: str) -> str:
    return xml.replace(
        "<RequiredLevel>none</RequiredLevel>", "<RequiredLevel>required</RequiredLevel>"
    )


def _key(table: str) -> str:
    logical = table.lower() + "id"
    return (
        f'<attribute PhysicalName="{table}Id"><Type>primarykey</Type><Name>{logical}</Name>'
        f"<LogicalName>{logical}</LogicalName><RequiredLevel>systemrequired</RequiredLevel>"
        "<ValidForUpdateApi>0</ValidForUpdateApi><IsCustomField>0</IsCustomField></attribute>"
    )


def _name(physical: str) -> str:
    logical = physical.lower()
    return (
        f'<attribute PhysicalName="{physical}"><Type>nvarchar</Type><Name>{logical}</Name>'
        f"<LogicalName>{logical}</LogicalName><RequiredLevel>required</RequiredLevel>"
        "<DisplayMask>PrimaryName|ValidForAdvancedFind|ValidForForm|ValidForGrid|RequiredForForm"
        "</DisplayMask><IsCustomField>1</IsCustomField><Format>text</Format>"
        "<MaxLength>100</MaxLength><Length>200</Length></attribute>"
    )


def _entity(name: str, columns: str, ownership: str = "UserOwned") -> str:
    return (
        f'<Entity><Name LocalizedName="{name}" OriginalName="{name}">{name}</Name><EntityInfo>'
        f'<entity Name="{name}"><attributes>{columns}</attributes>'
        f"<EntitySetName>{name.lower()}s</EntitySetName>"
        f"<OwnershipTypeMask>{ownership}</OwnershipTypeMask></entity></EntityInfo></Entity>"
    )


def _relationship(
    name: str, referencing: str, referenced: str, lookup: str, roles: bool, delete: str = ""
) -> str:
    listed = (
        f"<EntityRelationshipRoles><EntityRelationshipRole><NavigationPropertyName>{lookup}"
        "</NavigationPropertyName><RelationshipRoleType>1</RelationshipRoleType>"
        f"</EntityRelationshipRole><EntityRelationshipRole><NavigationPropertyName>{name}"
        "</NavigationPropertyName><RelationshipRoleType>0</RelationshipRoleType>"
        "</EntityRelationshipRole></EntityRelationshipRoles>"
    )
    if not delete:
        delete = "Restrict" if referenced == "TransactionCurrency" else "RemoveLink"
        delete = "NoCascade" if referenced == "Organization" else delete
    return (
        f'<EntityRelationship Name="{name}"><EntityRelationshipType>OneToMany'
        f"</EntityRelationshipType><ReferencingEntityName>{referencing}</ReferencingEntityName>"
        f"<ReferencedEntityName>{referenced}</ReferencedEntityName>"
        f"<CascadeAssign>NoCascade</CascadeAssign><CascadeDelete>{delete}</CascadeDelete>"
        f"<ReferencingAttributeName>{lookup}</ReferencingAttributeName>"
        f"{listed if roles else ''}</EntityRelationship>"
    )


def _relationships(*listed: str) -> str:
    return "<EntityRelationships>" + "".join(listed) + "</EntityRelationships>"


def _generate(tmp_path: Path, files: Files, pages: tuple[str, ...] = ()) -> Generation:
    specs = tmp_path / "specs"
    for relative, text in files.items():
        path = specs / "solution" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DECLARATION + text, encoding="utf-8")
    for page in pages:
        shutil.copy(CORPUS / page, specs / page)
    diagnostics = Diagnostics()
    generation = generate(Config(specs=specs, out=tmp_path / "out", cache=False), diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    return generation


def _entity_type(generation: Generation, name: str) -> ET.Element:
    root = ET.fromstring(generation.files["odata/metadata.xml"])
    return next(e for e in root.iter(f"{EDM}EntityType") if e.get("Name") == name)


def _navigations(entity: ET.Element) -> dict[str | None, tuple[str | None, str | None]]:
    return {
        n.get("Name"): (n.get("Type"), n.get("Partner"))
        for n in entity.findall(f"{EDM}NavigationProperty")
    }


# CooperSurgicalCommercialWebEngineering/CustomAgentSidecarMDA
ORGANIZATION_ID = (
    '<attribute PhysicalName="OrganizationId"><Type>lookup</Type><Name>organizationid</Name>'
    "<LogicalName>organizationid</LogicalName><RequiredLevel>none</RequiredLevel>"
    "<ValidForUpdateApi>0</ValidForUpdateApi><ValidForReadApi>1</ValidForReadApi>"
    "<ValidForCreateApi>0</ValidForCreateApi><IsCustomField>0</IsCustomField><LookupTypes />"
    '<displaynames><displayname description="Organization Id" languagecode="1033" />'
    "</displaynames></attribute>"
)
APPROVAL = (
    '<AppDefaultValue>1</AppDefaultValue><optionset Name="new_maftagsc_timeofftype_'
    'maftagsc_requiresapproval"><OptionSetType>bit</OptionSetType><options>'
    '<option value="1"><labels><label description="True" languagecode="1033" /></labels>'
    '</option><option value="0"><labels><label description="False" languagecode="1033" />'
    "</labels></option></options></optionset>"
)
TIME_OFF_TYPE = (
    _required(
        attribute_xml(
            "maftagsc_code",
            "nvarchar",
            "<Format>text</Format><MaxLength>30</MaxLength><Length>400</Length>",
        )
    )
    + _name("maftagsc_name")
    + _required(attribute_xml("maftagsc_requiresapproval", "bit", APPROVAL))
    + _key("maftagsc_timeofftype")
    + ORGANIZATION_ID
)


def _sidecar() -> Files:
    roots = "".join(
        f'<RootComponent type="1" schemaName="{t}" behavior="0" />'
        for t in ("maftagsc_timeoffrequest", "maftagsc_timeofftype")
    )
    return {
        "Other/Solution.xml": manifest("Sidecar", "maftagsc", 10000, roots),
        "Entities/maftagsc_timeofftype/Entity.xml": _entity(
            "maftagsc_timeofftype", TIME_OFF_TYPE, "OrgOwned"
        ),
        "Entities/maftagsc_timeoffrequest/Entity.xml": _entity(
            "maftagsc_timeoffrequest",
            _key("maftagsc_timeoffrequest")
            + _name("maftagsc_name")
            + attribute_xml("maftagsc_timeofftype", "lookup", LOOKUP),
        ),
        "Other/Relationships/Organization.xml": _relationships(
            _relationship(
                "organization_maftagsc_timeofftype",
                "maftagsc_timeofftype",
                "Organization",
                "OrganizationId",
                roles=False,
            )
        ),
        "Other/Relationships/maftagsc_timeofftype.xml": _relationships(
            _relationship(
                "maftagsc_timeofftype_timeoffrequest",
                "maftagsc_timeoffrequest",
                "maftagsc_timeofftype",
                "maftagsc_timeofftype",
                roles=True,
            )
        ),
    }


# farahyakoubi-vives/project-requests-app
def _dutch(physical: str, kind: str, body: str, english: str = "", custom: int = 1) -> str:
    labels = f'<displayname description="{physical}" languagecode="1043" />'
    if english:
        labels += f'<displayname description="{english}" languagecode="1033" />'
    logical = physical.lower()
    writable = int(not english)
    return (
        f'<attribute PhysicalName="{physical}"><Type>{kind}</Type><Name>{logical}</Name>'
        f"<LogicalName>{logical}</LogicalName><RequiredLevel>none</RequiredLevel>"
        f"<ValidForUpdateApi>{writable}</ValidForUpdateApi><ValidForReadApi>1</ValidForReadApi>"
        f"<ValidForCreateApi>{writable}</ValidForCreateApi><IsCustomField>{custom}"
        f"</IsCustomField>{body}<displaynames>{labels}</displaynames></attribute>"
    )


MONEY = (
    "<MinValue>-922337203685477</MinValue><MaxValue>922337203685477</MaxValue>"
    "<Accuracy>2</Accuracy><AccuracySource>2</AccuracySource>"
)
DEV_STARTED = (
    '<AppDefaultValue>-1</AppDefaultValue><optionset Name="fy_projectrequest_fy_devstarted">'
    "<OptionSetType>picklist</OptionSetType><options>"
    '<option value="122590000"><labels><label description="Yes" languagecode="1043" />'
    '</labels></option><option value="122590001"><labels><label description="No" '
    'languagecode="1043" /></labels></option></options></optionset>'
)
PROJECT_REQUEST = (
    _key("fy_ProjectRequest")
    + _dutch(
        "ExchangeRate",
        "decimal",
        "<MinValue>1E-10</MinValue><MaxValue>100000000000</MaxValue><Accuracy>12</Accuracy>",
        english="Exchange Rate",
        custom=0,
    )
    + _dutch(
        "fy_BillingDate",
        "datetime",
        "<Format>date</Format><CanChangeDateTimeBehavior>1</CanChangeDateTimeBehavior>"
        "<Behavior>3</Behavior>",
    )
    + _dutch("fy_DevStarted", "picklist", DEV_STARTED)
    + _dutch("fy_EstimatedBudget", "money", MONEY)
    + _dutch(
        "fy_estimatedbudget_Base",
        "money",
        MONEY + "<CalculationOf>fy_EstimatedBudget</CalculationOf>",
        english="Estimated Budget (Base)",
    )
    + _name("fy_Name")
    + _dutch("TransactionCurrencyId", "lookup", LOOKUP, custom=0)
)


def _project_requests() -> Files:
    root = '<RootComponent type="1" schemaName="fy_projectrequest" behavior="0" />'
    return {
        "Other/Solution.xml": manifest("ProjectRequestsApp", "fy", 12259, root, language=1043),
        "Entities/fy_ProjectRequest/Entity.xml": _entity("fy_ProjectRequest", PROJECT_REQUEST),
        "Other/Relationships/TransactionCurrency.xml": _relationships(
            _relationship(
                "TransactionCurrency_fy_ProjectRequest",
                "fy_ProjectRequest",
                "TransactionCurrency",
                "TransactionCurrencyId",
                roles=False,
            )
        ),
    }


# peterruiter/d365-contactcenter-ivr-toolkit
def _ivr_toolkit() -> Files:
    roots = "".join(
        f'<RootComponent type="1" schemaName="{t}" behavior="{b}" />'
        for t, b in (("contact", 1), ("pwrp_callbackrequest", 0), ("queue", 1))
    )
    columns = (
        _key("pwrp_callbackrequest")
        + _name("pwrp_name")
        + _required(attribute_xml("pwrp_queueid", "lookup", LOOKUP))
        + attribute_xml("pwrp_contactid", "lookup", LOOKUP)
    )
    return {
        "Other/Solution.xml": manifest("PowerPeteIvrToolkitCore", "pwr", 68000, roots, managed=2),
        "Entities/Queue/Entity.xml": (
            '<Entity><Name LocalizedName="Queue" OriginalName="">Queue</Name>'
            "<RibbonDiffXml /></Entity>"
        ),
        "Entities/pwrp_callbackrequest/Entity.xml": _entity("pwrp_callbackrequest", columns),
        "Other/Relationships/Queue.xml": _relationships(
            _relationship(
                "pwrp_queue_pwrp_callbackrequest_pwrp_queueid",
                "pwrp_callbackrequest",
                "Queue",
                "pwrp_queueid",
                roles=True,
            )
        ),
        "Other/Relationships/Contact.xml": _relationships(
            _relationship(
                "pwrp_contact_pwrp_callbackrequest_pwrp_contactid",
                "pwrp_callbackrequest",
                "Contact",
                "pwrp_contactid",
                roles=True,
            )
        ),
    }


# andrewpilcher/pacDemo
PAC_MANIFEST = """<ImportExportXml version="9.1.0.643" SolutionPackageVersion="9.1"
    languagecode="1033" generatedBy="CrmLive">
  <SolutionManifest>
    <!-- Unique Name of Cds Solution-->
    <UniqueName>pacDemo</UniqueName>
    <LocalizedNames>
      <!-- Localized Solution Name in language code -->
      <LocalizedName description="pacDemo" languagecode="1033" />
    </LocalizedNames>
    <Version>1.0</Version>
    <!-- Solution Package Type: Unmanaged(0)/Managed(1)/Both(2)-->
    <Managed>2</Managed>
    <Publisher>
      <UniqueName>pilcher</UniqueName>
      <!-- Customization Prefix for the Cds Publisher-->
      <CustomizationPrefix>chhsdev</CustomizationPrefix>
      <CustomizationOptionValuePrefix>93454</CustomizationOptionValuePrefix>
    </Publisher>
    <RootComponents />
    <MissingDependencies />
  </SolutionManifest>
</ImportExportXml>"""


def _pac_demo() -> Files:
    return {
        "Other/Solution.xml": PAC_MANIFEST,
        "Entities/chhsdev_Item/Entity.xml": _entity(
            "chhsdev_Item",
            _key("chhsdev_Item")
            + _name("chhsdev_Name")
            + _required(attribute_xml("chhsdev_Order", "lookup", LOOKUP)),
        ),
        "Entities/chhsdev_Order/Entity.xml": _entity(
            "chhsdev_Order", _name("chhsdev_Name") + _key("chhsdev_Order")
        ),
        "Other/Relationships/chhsdev_Order.xml": _relationships(
            _relationship(
                "chhsdev_Item_Order_Relation",
                "chhsdev_Item",
                "chhsdev_Order",
                "chhsdev_Order",
                roles=True,
            )
        ),
    }


# Viipiin/DemoRepo
def _text(physical: str, length: int, kind: str = "text", body: str = "") -> str:
    return attribute_xml(
        physical,
        "nvarchar",
        body
        + f"<Format>{kind}</Format><MaxLength>{length}</MaxLength><Length>{2 * length}</Length>",
    )


def _choice(name: str, options: tuple[str, ...]) -> str:
    listed = "".join(
        f'<option value="{817990000 + index}" IsHidden="0"><labels>'
        f'<label description="{label}" languagecode="1033" /></labels></option>'
        for index, label in enumerate(options)
    )
    return (
        f'<optionset Name="{name}" localizedName="{name}"><OptionSetType>picklist</OptionSetType>'
        f"<IsGlobal>1</IsGlobal><options>{listed}</options></optionset>"
    )


def _key_of(name: str, *columns: str) -> str:
    listed = "".join(f"<AttributeName>{c}</AttributeName>" for c in columns)
    return (
        f"<EntityKey><Name>{name}</Name><LogicalName>{name}</LogicalName>"
        f"<IsCustomizable>0</IsCustomizable><EntityKeyAttributes>{listed}</EntityKeyAttributes>"
        "</EntityKey>"
    )


EMPLOYEE = (
    _key("hra_Employee")
    + _text("hra_EmployeeNumber", 20, body="<AutoNumberFormat>EMP-{SEQNUM:4}</AutoNumberFormat>")
    + _required(
        attribute_xml(
            "hra_EmploymentStatus",
            "picklist",
            "<AppDefaultValue>817990000</AppDefaultValue>"
            "<OptionSetName>hra_employmentstatus</OptionSetName>",
        )
    )
    + _name("hra_FullName").replace("required</RequiredLevel>", "none</RequiredLevel>")
    + _required(_text("hra_WorkEmail", 100, "email"))
    + attribute_xml("hra_Department", "lookup", LOOKUP)
    + attribute_xml("hra_ReportingManager", "lookup", LOOKUP)
)
LEAVE_BALANCE = (
    _key("hra_LeaveBalance")
    + _name("hra_Name")
    + attribute_xml("hra_Employee", "lookup", LOOKUP)
    + attribute_xml("hra_LeaveType", "lookup", LOOKUP)
    + attribute_xml(
        "hra_LeaveYear",
        "int",
        "<Format>none</Format><MinValue>2000</MinValue><MaxValue>2100</MaxValue>",
    )
)


def _hr() -> Files:
    tables = ("hra_department", "hra_employee", "hra_leavebalance", "hra_leavetype")
    roots = "".join(f'<RootComponent type="1" schemaName="{t}" behavior="0" />' for t in tables)
    roots += '<RootComponent type="9" schemaName="hra_employmentstatus" behavior="0" />'
    employee = _entity("hra_Employee", EMPLOYEE).replace(
        "</attributes>",
        "</attributes><EntityKeys>"
        + _key_of("hra_key_employee_number", "hra_employeenumber")
        + _key_of("hra_key_employee_workemail", "hra_workemail")
        + "</EntityKeys>",
    )
    balance = _entity("hra_LeaveBalance", LEAVE_BALANCE).replace(
        "</attributes>",
        "</attributes><EntityKeys>"
        + _key_of(
            "hra_key_leavebalance_employeetypeyear",
            "hra_employee",
            "hra_leavetype",
            "hra_leaveyear",
        )
        + "</EntityKeys>",
    )
    department = _key("hra_Department") + _name("hra_Name")
    department += attribute_xml("hra_DepartmentHead", "lookup", LOOKUP)
    department += attribute_xml("hra_ParentDepartment", "lookup", LOOKUP)
    return {
        "Other/Solution.xml": manifest("HRAutomation", "hra", 81799, roots),
        "OptionSets/hra_employmentstatus.xml": _choice(
            "hra_employmentstatus", ("Active", "On Notice", "Separated")
        ),
        "Entities/hra_Employee/Entity.xml": employee,
        "Entities/hra_LeaveBalance/Entity.xml": balance,
        "Entities/hra_LeaveType/Entity.xml": _entity(
            "hra_LeaveType", _key("hra_LeaveType") + _name("hra_Name"), "OrgOwned"
        ),
        "Entities/hra_Department/Entity.xml": _entity("hra_Department", department, "OrgOwned"),
        "Other/Relationships/hra_Employee.xml": _relationships(
            _relationship(
                "hra_employee_department_departmenthead",
                "hra_Department",
                "hra_Employee",
                "hra_DepartmentHead",
                roles=True,
            ),
            _relationship(
                "hra_employee_employee_reportingmanager",
                "hra_Employee",
                "hra_Employee",
                "hra_ReportingManager",
                roles=True,
            ),
            _relationship(
                "hra_employee_leavebalance_employee",
                "hra_LeaveBalance",
                "hra_Employee",
                "hra_Employee",
                roles=True,
                delete="Restrict",
            ),
        ),
        "Other/Relationships/hra_Department.xml": _relationships(
            _relationship(
                "hra_department_department_parentdepartment",
                "hra_Department",
                "hra_Department",
                "hra_ParentDepartment",
                roles=True,
            ),
            _relationship(
                "hra_department_employee_department",
                "hra_Employee",
                "hra_Department",
                "hra_Department",
                roles=True,
                delete="Restrict",
            ),
        ),
        "Other/Relationships/hra_LeaveType.xml": _relationships(
            _relationship(
                "hra_leavetype_leavebalance_leavetype",
                "hra_LeaveBalance",
                "hra_LeaveType",
                "hra_LeaveType",
                roles=True,
                delete="Restrict",
            )
        ),
    }


# antoniobabicpyrovio/CodeAppPTO2
BIT = (
    '<AppDefaultValue>0</AppDefaultValue><optionset Name="pmo_team_pmo_appteamflag">'
    '<OptionSetType>bit</OptionSetType><options><option value="1"><labels><label description="Yes" '
    'languagecode="1033" /></labels></option><option value="0"><labels><label description="No" '
    'languagecode="1033" /></labels></option></options></optionset>'
)
TEAM = (
    '<Entity><Name LocalizedName="Team" OriginalName="">Team</Name><EntityInfo><entity Name="Team">'
    "<attributes>"
    + attribute_xml("pmo_AppTeamFlag", "bit", BIT)
    + attribute_xml(
        "IsSasTokenSet",
        "bit",
        "<AppDefaultValue>0</AppDefaultValue><OptionSetName>isencryptedattributevalueset"
        "</OptionSetName>",
        custom=0,
    )
    + "</attributes><EntitySetName>teams</EntitySetName>"
    "<OwnershipTypeMask>BusinessOwned</OwnershipTypeMask></entity></EntityInfo></Entity>"
)
PROJECT = (
    '<Entity><Name LocalizedName="Project" OriginalName="Project">msdyn_project</Name><EntityInfo>'
    '<entity Name="msdyn_project"><attributes>'
    + attribute_xml("pmo_PrimaryTeam", "lookup", LOOKUP)
    + attribute_xml("OwningTeam", "lookup", LOOKUP, custom=0)
    + "</attributes><EntitySetName>msdyn_projects</EntitySetName>"
    "<OwnershipTypeMask>UserOwned</OwnershipTypeMask></entity></EntityInfo></Entity>"
)
PROJECT_TEAM = (
    '<EntityRelationship Name="msdyn_team_msdyn_project_projectteamid"><EntityRelationshipType>'
    "OneToMany</EntityRelationshipType><ReferencingEntityName>msdyn_project</ReferencingEntityName>"
    "<ReferencedEntityName>Team</ReferencedEntityName><CascadeDelete>RemoveLink</CascadeDelete>"
    "<ReferencingAttributeName>msdyn_projectteamid</ReferencingAttributeName>"
    "<EntityRelationshipRoles><EntityRelationshipRole><NavPaneDisplayOption>UseCollectionName"
    "</NavPaneDisplayOption><NavigationPropertyName>msdyn_projectteamid</NavigationPropertyName>"
    '<CustomLabels><CustomLabel description="" languagecode="1033" /></CustomLabels>'
    "<RelationshipRoleType>1</RelationshipRoleType></EntityRelationshipRole>"
    "<EntityRelationshipRole><RelationshipRoleType>0</RelationshipRoleType>"
    "</EntityRelationshipRole></EntityRelationshipRoles></EntityRelationship>"
)


def _pmo() -> Files:
    roots = '<RootComponent type="1" schemaName="msdyn_project" behavior="0" />'
    roots += '<RootComponent type="1" schemaName="team" behavior="0" />'
    return {
        "Other/Solution.xml": manifest("PMO", "pmo", 89346, roots),
        "Entities/Team/Entity.xml": TEAM,
        "Entities/msdyn_project/Entity.xml": PROJECT,
        "Other/Relationships/Team.xml": _relationships(
            PROJECT_TEAM,
            _relationship(
                "pmo_msdyn_project_pmo_PrimaryTeam_team",
                "msdyn_project",
                "Team",
                "pmo_PrimaryTeam",
                roles=True,
            ),
            _relationship(
                "team_msdyn_project",
                "msdyn_project",
                "Team",
                "OwningTeam",
                roles=False,
                delete="NoCascade",
            ),
        ),
    }


def test_keys_global_choice_and_mutual_references(tmp_path: Path) -> None:
    generation = _generate(tmp_path, _hr())
    employee = _entity_type(generation, "hra_employee")
    keys = [
        [
            v.get("String")
            for v in record.iter(f"{EDM}PropertyValue")
            if v.get("Property") == "Alias"
        ]
        for record in employee.iter(f"{EDM}Record")
        if record.get("Type") == "OData.Community.Keys.V1.AlternateKey"
    ]
    assert keys == [["hra_employeenumber"], ["hra_workemail"]]
    balance = _entity_type(generation, "hra_leavebalance")
    aliases = [
        v.get("String") for v in balance.iter(f"{EDM}PropertyValue") if v.get("Property") == "Alias"
    ]
    assert aliases == ["_hra_employee_value", "_hra_leavetype_value", "hra_leaveyear"]
    schema = json.loads(generation.files["jsonschema/hra_employee.schema.json"])
    Draft202012Validator.check_schema(schema)
    status = schema["properties"]["hra_employmentstatus"]
    assert status["default"] == 817990000
    assert [o.get("title") for o in status["oneOf"]] == ["Active", "On Notice", "Separated", None]
    assert xsd_errors(generation.files["odata/metadata.xml"].encode()) == []
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.executescript(generation.files["sql/sqlite/schema.sql"])
    dept_id, emp_id, other = (str(uuid.UUID(int=n)) for n in (1, 2, 3))
    conn.execute("INSERT INTO hra_department (hra_departmentid) VALUES (?)", (dept_id,))
    conn.execute(
        "INSERT INTO hra_employee (hra_employeeid, hra_workemail, hra_department) VALUES (?, ?, ?)",
        (emp_id, "a@b.c", dept_id),
    )
    conn.execute("UPDATE hra_department SET hra_departmenthead = ?", (emp_id,))
    with pytest.raises(sqlite3.IntegrityError):  # the second key
        conn.execute(
            "INSERT INTO hra_employee (hra_employeeid, hra_workemail) VALUES (?, ?)",
            (other, "a@b.c"),
        )
    with pytest.raises(sqlite3.IntegrityError):  # Restrict
        conn.execute("DELETE FROM hra_department WHERE hra_departmentid = ?", (dept_id,))
    conn.execute("DELETE FROM hra_employee WHERE hra_employeeid = ?", (emp_id,))  # RemoveLink
    assert conn.execute("SELECT hra_departmenthead FROM hra_department").fetchone() == (None,)


def test_team_shell_and_a_role_without_its_navigation(tmp_path: Path) -> None:
    generation = _generate(tmp_path, _pmo())
    assert "ownership_type: BusinessOwned" in generation.files["model/team.yaml"]
    team = _entity_type(generation, "team")
    assert team.get("BaseType") == "mscrm.principal"
    assert _navigations(team) == {
        "msdyn_team_msdyn_project_projectteamid": (
            "Collection(mscrm.msdyn_project)",
            "msdyn_projectteamid",
        ),
        "pmo_msdyn_project_pmo_PrimaryTeam_team": (
            "Collection(mscrm.msdyn_project)",
            "pmo_PrimaryTeam",
        ),
        "team_msdyn_project": ("Collection(mscrm.msdyn_project)", "owningteam"),
    }
    project = _navigations(_entity_type(generation, "msdyn_project"))
    assert project["msdyn_projectteamid"] == (
        "mscrm.team",
        "msdyn_team_msdyn_project_projectteamid",
    )
    assert project["owningteam"] == ("mscrm.team", "team_msdyn_project")
    assert xsd_errors(generation.files["odata/metadata.xml"].encode()) == []


# Khushi-Tyagi9/Officio
def _officio() -> Files:
    roots = '<RootComponent type="1" schemaName="aaduser" behavior="1" />'
    roots += '<RootComponent type="1" schemaName="contoso_leavebalance" behavior="0" />'
    columns = _key("contoso_LeaveBalance") + _name("contoso_Name")
    columns += attribute_xml("contoso_Employee", "lookup", LOOKUP)
    return {
        "Other/Solution.xml": manifest("ManageLeave", "contoso", 10000, roots),
        "Entities/aaduser/Entity.xml": (
            '<Entity><Name LocalizedName="Microsoft Entra ID" OriginalName="AAD User">aaduser'
            '</Name><EntityInfo><entity Name="aaduser" unmodified="1"><attributes />'
            "</entity></EntityInfo></Entity>"
        ),
        "Entities/contoso_LeaveBalance/Entity.xml": _entity("contoso_LeaveBalance", columns),
        "Other/Relationships/aaduser.xml": _relationships(
            _relationship(
                "contoso_contoso_leavebalance_Employee_aaduser",
                "contoso_LeaveBalance",
                "aaduser",
                "contoso_Employee",
                roles=True,
            )
        ),
    }


@pytest.mark.skipif(not (CORPUS / "aaduser.md").is_file(), reason=NO_SHARED)
def test_lookup_to_a_virtual_table_on_its_page(tmp_path: Path) -> None:
    generation = _generate(tmp_path, _officio(), ("aaduser.md",))
    aaduser = _navigations(_entity_type(generation, "aaduser"))
    assert aaduser["contoso_contoso_leavebalance_Employee_aaduser"] == (
        "Collection(mscrm.contoso_leavebalance)",
        "contoso_Employee",
    )
    model = generation.files["model/aaduser.yaml"]
    assert "display_name: AAD User" in model  # the unmodified shell changes nothing
    assert "userprincipalname" in model
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.executescript(generation.files["sql/sqlite/schema.sql"])
    fks = {(r[3], r[2]) for r in conn.execute("PRAGMA foreign_key_list(contoso_leavebalance)")}
    assert ("contoso_employee", "aaduser") in fks
    assert xsd_errors(generation.files["odata/metadata.xml"].encode()) == []


def test_organization_owned_table_has_organizationid_and_no_owner(tmp_path: Path) -> None:
    generation = _generate(tmp_path, _sidecar())
    model = generation.files["model/maftagsc_timeofftype.yaml"]
    assert "ownership_type: OrganizationOwned" in model
    table = _entity_type(generation, "maftagsc_timeofftype")
    props = {p.get("Name") for p in table.findall(f"{EDM}Property")}
    assert "_organizationid_value" in props
    assert not {"_ownerid_value", "_owningbusinessunit_value"} & props
    navigations = _navigations(table)
    assert navigations["organizationid"] == (
        "mscrm.organization",
        "organization_maftagsc_timeofftype",
    )
    assert navigations["maftagsc_timeofftype_timeoffrequest"] == (
        "Collection(mscrm.maftagsc_timeoffrequest)",
        "maftagsc_timeofftype",
    )
    back = _navigations(_entity_type(generation, "organization"))
    assert back["organization_maftagsc_timeofftype"][1] == "organizationid"
    schema = json.loads(generation.files["jsonschema/maftagsc_timeofftype.schema.json"])
    Draft202012Validator.check_schema(schema)
    assert schema["properties"]["maftagsc_requiresapproval"]["default"] is True
    assert schema["properties"]["maftagsc_code"]["maxLength"] == 30
    assert xsd_errors(generation.files["odata/metadata.xml"].encode()) == []


def test_currency_columns_under_a_dutch_base_language(tmp_path: Path) -> None:
    generation = _generate(tmp_path, _project_requests())
    table = _entity_type(generation, "fy_projectrequest")
    props = {p.get("Name"): p for p in table.findall(f"{EDM}Property")}
    assert props["fy_billingdate"].get("Type") == "Edm.DateTimeOffset"
    for computed in ("exchangerate", "fy_estimatedbudget_base"):
        terms = [a.get("Term") for a in props[computed].findall(f"{EDM}Annotation")]
        assert "Org.OData.Core.V1.Computed" in terms, computed
    assert _navigations(table)["transactioncurrencyid"] == (
        "mscrm.transactioncurrency",
        "TransactionCurrency_fy_ProjectRequest",
    )
    schema = json.loads(generation.files["jsonschema/fy_projectrequest.schema.json"])
    Draft202012Validator.check_schema(schema)
    columns = schema["properties"]
    assert columns["exchangerate"]["title"] == "Exchange Rate"
    assert columns["fy_estimatedbudget_base"]["readOnly"] is True
    assert "readOnly" not in columns["fy_estimatedbudget"]
    assert [o.get("title") for o in columns["fy_devstarted"]["oneOf"]] == ["Yes", "No", None]
    assert xsd_errors(generation.files["odata/metadata.xml"].encode()) == []


def test_pac_init_manifest_and_a_lookup_named_as_its_table(tmp_path: Path) -> None:
    generation = _generate(tmp_path, _pac_demo())
    item = _entity_type(generation, "chhsdev_item")
    assert _navigations(item)["chhsdev_Order"] == (
        "mscrm.chhsdev_order",
        "chhsdev_Item_Order_Relation",
    )
    assert "_chhsdev_order_value" in {p.get("Name") for p in item.findall(f"{EDM}Property")}
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.executescript(generation.files["sql/sqlite/schema.sql"])
    fks = {(row[3], row[2]) for row in conn.execute("PRAGMA foreign_key_list(chhsdev_item)")}
    assert fks == {("chhsdev_order", "chhsdev_order")}
    assert xsd_errors(generation.files["odata/metadata.xml"].encode()) == []


@pytest.mark.skipif(not (CORPUS / "queue.md").is_file(), reason=NO_SHARED)
def test_lookups_to_queue_and_contact_on_their_pages(tmp_path: Path) -> None:
    generation = _generate(tmp_path, _ivr_toolkit(), ("queue.md", "contact.md"))
    queue = _navigations(_entity_type(generation, "queue"))
    assert queue["pwrp_queue_pwrp_callbackrequest_pwrp_queueid"][1] == "pwrp_queueid"
    contact = _navigations(_entity_type(generation, "contact"))
    assert contact["pwrp_contact_pwrp_callbackrequest_pwrp_contactid"][1] == "pwrp_contactid"
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.executescript(generation.files["sql/sqlite/schema.sql"])
    fks = {
        (row[3], row[2]) for row in conn.execute("PRAGMA foreign_key_list(pwrp_callbackrequest)")
    }
    assert {("pwrp_queueid", "queue"), ("pwrp_contactid", "contact")} <= fks
    assert xsd_errors(generation.files["odata/metadata.xml"].encode()) == []


@pytest.mark.skipif(postgres_unavailable() is not None, reason=str(postgres_unavailable()))
def test_sql_runs_on_postgres(tmp_path: Path) -> None:
    import psycopg

    server = shared_server()
    for index, files in enumerate((_sidecar(), _project_requests(), _pac_demo(), _hr(), _pmo())):
        generation = _generate(tmp_path / str(index), files)
        with psycopg.connect(server.dsn(server.create_database())) as conn:
            conn.execute(generation.files["sql/postgres/schema.sql"])
            if index == 1:
                rows = conn.execute(
                    "SELECT column_name, numeric_precision, numeric_scale"
                    " FROM information_schema.columns WHERE table_name = 'fy_projectrequest'"
                    " AND column_name IN ('exchangerate', 'fy_estimatedbudget')"
                ).fetchall()
                assert set(rows) == {("exchangerate", 24, 12), ("fy_estimatedbudget", 19, 4)}
