"""A fifty-seventh round of real pages outside the corpus: powerapps-docs pages
(``powerapps-docs/developer/data-platform/reference/entities/``) drawn with random.Random(57)
among the 24 tables of the reference no earlier round used (no module docstring of the tests
names them, no earlier round's folder holds them, the corpus has none) that have a Microsoft
EntityType (MicrosoftDocs/dynamics365-docs-odata-apis, ``entitytypes.yml``), the first ten of
the draw, and two pages of 2021 of the draw's next tables. Rebuilt under /tmp/pages57 from
read_file's text, each of exactly its ``total_chars`` characters, and read with the corpus
pages they relate to (solution, businessunit, asyncoperation) and round 55's
solutioncomponentattributeconfiguration:

- appmoduleroles (commit 06abccfe, 08/30/2024 layout, 6,543 characters): an intersect table
  whose page names its many-to-many relationship and no other, though it holds two lookups;
- msdyn_analysiscomponent (06abccfe, 39,126): Events, a ``DeleteMultiple`` row of bold prose,
  Active's DefaultStatus 192350000, a SystemRequired choice defaulting to 192350001;
- solutioncomponentconfiguration (09770ae5, 02/15/2023 layout, 33,113): two Booleans whose
  choices table has no row, Microsoft's ``EntityId`` navigation (SchemaName);
- systemuserauthorizationchangetracker (256c49f5, 11,638): its primary id ``systemuserid``
  references ``systemuser`` (``user_userauthztracker``), beside a blank ``systemuseridname``
  and ``systemuseridyominame``;
- actioncarduserstate (05cfff53, 03/07/2023 layout, 10,608): OwnershipType None with an Owner
  column, an OwningBusinessUnit whose Targets is ``actioncard``;
- managedproperty (06abccfe, 4,986): no Messages, no relationships;
- serviceplanappmodules (256c49f5, 6,523): an intersect table without lookups, a
  ManagedProperty its one writable column, an empty DefaultFormValue;
- msdyn_aiodtrainingboundingbox (03cac834, 11/09/2024, 32,223): Doubles of 0 to 1 with four
  places, an owning business unit whose Archive is Restrict;
- roleprivileges (17f4f33f, 9,097): an intersect table with two many-to-one relationships,
  ``solution_roleprivileges`` through the Uniqueidentifier ``solutionid``, navigated as
  ``solutionid``;
- exportsolutionupload (0298582b, 30,833): a SystemRequired lookup whose Targets is empty, a
  File column, 19 messages, the owner relationship stated;
- 2021: languageprovisioningstate (03/04/2021, 4,413: one message, RetrieveEntityChanges, with
  an empty Web API cell) and teammobileofflineprofilemembership (03/04/2021, 22,899: "See team
  Table" many-to-one lines, ``MobileOfflineProfileId`` and ``TeamId`` navigations).

Each page alone and the twelve together, with and without the related pages: no diagnostic
but one (below) and, beside solutioncomponentattributeconfiguration, PostgreSQL's 63-byte
constraint names. SQLite, PostgreSQL 15, sqlglot (tsql), the OASIS CSDL XSD, the JSON Schema
2020-12 metaschema and the pydantic package accept the outputs. Against Microsoft's EntityTypes of
eleven of them (reduced to what bench/webapi_oracle reads under /tmp/et57; msdyn_analysiscomponent's
read by eye): 116 of 116 properties with their Edm types and read-only flags, 38 of 38
``_x_value`` properties, 38 of 38 collections with their partners, 28 of 29 single-valued
navigation properties; four properties newer than Microsoft's 2020-2021 EntityTypes
(``isonetoonechildcomponent``, roleprivileges' ``recordfilterid``...).

The fault: a blank read-only String named ``<primary id>name`` (or ``yominame``) was declared
a property of the Web API, ``systemuserauthorizationchangetracker.systemuseridname`` and
``systemuseridyominame``, where Microsoft's EntityType has ``systemuserid`` alone. dvgen left
out such display names of a Uniqueidentifier reference (``role.organizationidname``) but never
after the primary id; a primary id that a many-to-one relationship of the table goes through
is such a reference (``webapi.properties.lookup_companions``). Corpus and the twelve shared
solutions byte-identical.

Left, as Microsoft's 2020-2021 EntityTypes and the pages disagree with no rule to tell:
actioncarduserstate's ``ownerid`` (OwnershipType None, no owner relationship on the page, as
bulkdeleteoperation and duplicaterulecondition, which have none; Microsoft's has one, as its
customapirequestparameter, a known difference of the corpus: the strict expected failure
below); ``systemuserid_userauthztracker`` and teammobileofflineprofilemembership's
``createdby``... ``organizationid``, which Microsoft's 2021 EntityTypes of those two tables
(both "not supporting any operations") lack though their pages state the relationships;
roleprivileges' ``solutionid`` navigation, named as the Guid property: left out with a warning,
as Microsoft's ``roleprivileges`` has no navigation; msdyn_analysisresult's
``msdyn_AnalysisComponentId`` (``kin_lookups``: a SchemaName in lower case tells nothing).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from lxml import etree

from dvgen.cli import main
from tests.test_odata_tools import needs_xsd, xsd_errors

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"
NOCASCADE = (
    "<br />".join(
        f"{kind}: `{'{d}' if kind == 'Delete' else 'NoCascade'}`"
        for kind in ("Archive", "Assign", "Delete", "Merge", "Reparent", "RollupView", "Share")
    )
    + "<br />Unshare: `NoCascade`"
)


def _head(title: str, rows: str) -> str:
    return (
        f'---\ntitle: "{title} table/entity reference (Microsoft Dataverse)"\n'
        "ms.topic: reference\nauthor: phecke\n---\n\n"
        f"# {title} table/entity reference (Microsoft Dataverse)\n\n\n\n"
        f"## Properties\n\n|Property|Value|\n| --- | --- |\n{rows}\n"
    )


def _bullets(*names: str) -> str:
    return "".join(f"- [{name}](#BKMK_{name})\n" for name in names)


def _column(schema: str, rows: str) -> str:
    return f'### <a name="BKMK_{schema}"></a> {schema}\n\n|Property|Value|\n|---|---|\n{rows}\n'


def _plain(schema: str, logical: str, kind: str, extra: str = "", required: str = "None") -> str:
    """A column the page leaves blank: no description, no display name, not for forms."""
    return _column(
        schema,
        "|Description||\n|DisplayName||\n|IsValidForForm|False|\n|IsValidForRead|True|\n"
        f"|LogicalName|`{logical}`|\n|RequiredLevel|{required}|\n|Type|{kind}|\n{extra}",
    )


def _many_to_one(name: str, table: str, key: str, attribute: str, nav: str, delete: str) -> str:
    return (
        f'### <a name="BKMK_{name}"></a> {name}\n\n'
        f"One-To-Many Relationship: [{table} {name}]({table}.md#BKMK_{name})\n\n"
        f"|Property|Value|\n|---|---|\n|ReferencedEntity|`{table}`|\n"
        f"|ReferencedAttribute|`{key}`|\n|ReferencingAttribute|`{attribute}`|\n"
        f"|ReferencingEntityNavigationPropertyName|`{nav}`|\n|IsHierarchical||\n"
        f"|CascadeConfiguration|{NOCASCADE.format(d=delete)}|\n\n"
    )


WRITABLE = "## Writable columns/attributes\n\n"
READ_ONLY = "\n## Read-only columns/attributes\n\n"
MANY_TO_ONE = "## Many-to-One relationships\n\n"
TEXT = "|Format|Text|\n|FormatName|Text|\n|ImeMode|Auto|\n|IsLocalizable|False|\n|MaxLength|200|\n"
BIGINT = "|MaxValue|9223372036854775807|\n|MinValue|-9223372036854775808|\n"

TRACKER = (
    _head(
        "SystemUserAuthorizationChangeTracker",
        "| **DisplayName** | **SystemUserAuthorizationChangeTracker** |\n"
        "| **SchemaName** | `SystemUserAuthorizationChangeTracker` |\n"
        "| **EntitySetName** | `systemuserauthorizationchangetrackers`|\n"
        "| **LogicalName** | `systemuserauthorizationchangetracker` |\n"
        "| **PrimaryIdAttribute** | `systemuserid` |\n| **TableType** | `Standard` |\n"
        "| **OwnershipType** | `None` |\n",
    )
    + WRITABLE
    + _column(
        "SystemUserId",
        "|Description|**Unique identifier for the user**|\n|DisplayName|**User**|\n"
        "|IsValidForForm|False|\n|IsValidForRead|True|\n|LogicalName|`systemuserid`|\n"
        "|RequiredLevel|SystemRequired|\n|Type|Uniqueidentifier|\n",
    )
    + READ_ONLY
    + _bullets("ChangedVersionNumber", "SystemUserIdName", "SystemUserIdYomiName")
    + "\n"
    + _column(
        "ChangedVersionNumber",
        "|Description|**Database time stamp when user authorization settings were changed**|\n"
        "|DisplayName|**ChangedVersionNumber**|\n|IsValidForForm|True|\n|IsValidForRead|True|\n"
        "|LogicalName|`changedversionnumber`|\n|RequiredLevel|SystemRequired|\n|Type|BigInt|\n"
        + BIGINT,
    )
    + _plain("SystemUserIdName", "systemuseridname", "String", TEXT)
    + _plain("SystemUserIdYomiName", "systemuseridyominame", "String", TEXT)
    + MANY_TO_ONE
    + _many_to_one(
        "user_userauthztracker",
        "systemuser",
        "systemuserid",
        "systemuserid",
        "systemuserid_userauthztracker",
        "Cascade",
    )
)  # fmt: skip

COMPONENT_STATE = (
    "|Description|**For internal use only.**|\n|DisplayName|**Component State**|\n"
    "|IsValidForForm|False|\n|IsValidForRead|True|\n|LogicalName|`componentstate`|\n"
    "|RequiredLevel|SystemRequired|\n|Type|Picklist|\n|DefaultFormValue|-1|\n"
    "|GlobalChoiceName|`componentstate`|\n\n#### ComponentState Choices/Options\n\n"
    "|Value|Label|\n|---|---|\n|0|**Published**|\n|1|**Unpublished**|\n|2|**Deleted**|\n"
    "|3|**Deleted Unpublished**|\n"
)
SOLUTION_ID = (
    "|Description|**Unique identifier of the associated solution.**|\n|DisplayName|**Solution**|\n"
    "|IsValidForForm|False|\n|IsValidForRead|True|\n|LogicalName|`solutionid`|\n"
    "|RequiredLevel|SystemRequired|\n|Type|Uniqueidentifier|\n"
)

ROLEPRIVILEGES = (
    _head(
        "RolePrivileges",
        "| **SchemaName** | `RolePrivileges` |\n"
        "| **EntitySetName** | `roleprivilegescollection`|\n"
        "| **LogicalName** | `roleprivileges` |\n"
        "| **PrimaryIdAttribute** | `roleprivilegeid` |\n| **TableType** | `Standard` |\n"
        "| **OwnershipType** | `None` |\n",
    )
    + WRITABLE
    + _bullets("CanBeDeleted", "PrivilegeDepthMask", "RolePrivilegeId")
    + "\n"
    + _column(
        "CanBeDeleted",
        "|Description|**Tells whether the role privilege can be deleted.**|\n"
        "|DisplayName|**Can Be Deleted**|\n|IsValidForForm|False|\n|IsValidForRead|True|\n"
        "|LogicalName|`canbedeleted`|\n|RequiredLevel|SystemRequired|\n|Type|ManagedProperty|\n",
    )
    + _plain(
        "PrivilegeDepthMask",
        "privilegedepthmask",
        "Integer",
        "|MaxValue|2147483647|\n|MinValue|-2147483648|\n",
        "SystemRequired",
    )
    + _plain("RolePrivilegeId", "roleprivilegeid", "Uniqueidentifier", required="SystemRequired")
    + READ_ONLY
    + _bullets("ComponentState", "RoleId", "SolutionId")
    + "\n"
    + _column("ComponentState", COMPONENT_STATE)
    + _plain("RoleId", "roleid", "Uniqueidentifier", required="SystemRequired")
    + _column("SolutionId", SOLUTION_ID)
    + MANY_TO_ONE
    + _many_to_one(
        "solution_roleprivileges", "solution", "solutionid", "solutionid", "solutionid", "Cascade"
    )
    + "\n## Many-to-Many relationships\n\n"
    + '### <a name="BKMK_roleprivileges_association"></a> roleprivileges_association\n\n\n'
    "|Property|Value|\n|---|---|\n|IntersectEntityName|`roleprivileges`|\n"
    "|IsCustomizable|False|\n|SchemaName|`roleprivileges_association`|\n"
)  # fmt: skip

APPMODULEROLES = (
    _head(
        "App Module Roles (AppModuleRoles)",
        "| **DisplayName** | **App Module Roles** |\n| **SchemaName** | `AppModuleRoles` |\n"
        "| **EntitySetName** | `appmodulerolescollection`|\n"
        "| **LogicalName** | `appmoduleroles` |\n"
        "| **PrimaryIdAttribute** | `appmoduleroleid` |\n| **TableType** | `Standard` |\n"
        "| **OwnershipType** | `None` |\n",
    )
    + WRITABLE
    + _column(
        "AppModuleRoleId",
        "|Description|**For internal use only.**|\n|DisplayName||\n|IsValidForForm|False|\n"
        "|IsValidForRead|True|\n|LogicalName|`appmoduleroleid`|\n"
        "|RequiredLevel|SystemRequired|\n|Type|Uniqueidentifier|\n",
    )
    + READ_ONLY
    + _bullets("AppModuleId", "RoleId")
    + "\n"
    + _column(
        "AppModuleId",
        "|Description|**Unique identifier of the app module.**|\n|DisplayName|**AppModule**|\n"
        "|IsValidForForm|False|\n|IsValidForRead|True|\n|LogicalName|`appmoduleid`|\n"
        "|RequiredLevel|SystemRequired|\n|Type|Lookup|\n|Targets|appmodule|\n",
    )
    + _column(
        "RoleId",
        "|Description||\n|DisplayName|**Role**|\n|IsValidForForm|False|\n"
        "|IsValidForRead|True|\n|LogicalName|`roleid`|\n|RequiredLevel|SystemRequired|\n"
        "|Type|Lookup|\n|Targets|role|\n",
    )
    + "## Many-to-Many relationships\n\n"
    + '### <a name="BKMK_appmoduleroles_association"></a> appmoduleroles_association\n\n\n'
    "|Property|Value|\n|---|---|\n|IntersectEntityName|`appmoduleroles`|\n"
    "|IsCustomizable|False|\n|SchemaName|`appmoduleroles_association`|\n"
)  # fmt: skip

EXPORT = (
    _head(
        "ExportSolutionUpload",
        "| **DisplayName** | **ExportSolutionUpload** |\n"
        "| **SchemaName** | `ExportSolutionUpload` |\n"
        "| **EntitySetName** | `exportsolutionuploads`|\n"
        "| **LogicalName** | `exportsolutionupload` |\n"
        "| **PrimaryIdAttribute** | `exportsolutionuploadid` |\n"
        "| **PrimaryNameAttribute** |`name` |\n| **TableType** | `Standard` |\n"
        "| **OwnershipType** | `UserOwned` |\n",
    )
    + WRITABLE
    + _bullets("AsyncOperationId", "ExportSolutionUploadId", "name", "OwnerId")
    + "\n"
    + _column(
        "AsyncOperationId",
        "|Description|**Async jobs Id of export**|\n|DisplayName|**AsyncOperation Id**|\n"
        "|IsValidForForm|False|\n|IsValidForRead|True|\n|LogicalName|`asyncoperationid`|\n"
        "|RequiredLevel|SystemRequired|\n|Type|Lookup|\n|Targets||\n",
    )
    + _column(
        "ExportSolutionUploadId",
        "|Description|**Unique identifier for entity instances**|\n"
        "|DisplayName|**ExportSolutionUpload**|\n|IsValidForForm|False|\n|IsValidForRead|True|\n"
        "|LogicalName|`exportsolutionuploadid`|\n|RequiredLevel|SystemRequired|\n"
        "|Type|Uniqueidentifier|\n",
    )
    + _column(
        "name",
        "|Description|**The name of the custom entity.**|\n|DisplayName|**Name**|\n"
        "|IsValidForForm|True|\n|IsValidForRead|True|\n|LogicalName|`name`|\n"
        "|RequiredLevel|ApplicationRequired|\n|Type|String|\n" + TEXT.replace("200", "100"),
    )
    + _column(
        "OwnerId",
        "|Description|**Owner Id**|\n|DisplayName|**Owner**|\n|IsValidForForm|True|\n"
        "|IsValidForRead|True|\n|LogicalName|`ownerid`|\n|RequiredLevel|SystemRequired|\n"
        "|Type|Owner|\n|Targets|systemuser, team|\n",
    )
    + MANY_TO_ONE
    + _many_to_one(
        "owner_exportsolutionupload", "owner", "ownerid", "ownerid", "ownerid", "NoCascade"
    )
)  # fmt: skip

LEARN = (
    "[Learn to use messages with the SDK for .NET]"
    "(/power-apps/developer/data-platform/org-service/use-messages)"
)
ANALYSIS = (
    '---\ntitle: "Analysis Component (msdyn_analysiscomponent) table/entity reference (Microsoft '
    'Dataverse)"\nms.date: 08/30/2024\nms.topic: reference\nauthor: phecke\n---\n\n'
    "# Analysis Component (msdyn_analysiscomponent) table/entity reference\n\n\n\n"
    "## Messages\n\n| Name <br />Is Event? |Web API Operation |SDK for .NET |\n"
    "| ---- | ----- |----- |\n"
    f"| `DeleteMultiple`<br />Event: True |**DeleteMultiple action** |{LEARN}|\n"
    "| `Restore`<br />Event: True |<xref:Microsoft.Dynamics.CRM.Restore?displayProperty="
    f"nameWithType /> |{LEARN}|\n\n\n## Events\n\n"
    "|Name|Web API Operation |SDK for .NET |\n| ---- | ----- |----- |\n"
    + "".join(
        f"| `{name}`|<xref:Microsoft.Dynamics.CRM.{name}?displayProperty=nameWithType />"
        f" |{LEARN}|\n"
        for name in ("BulkRetain", "Retain")
    )
    + "\n## Properties\n\n|Property|Value|\n| --- | --- |\n"
    "| **SchemaName** | `msdyn_analysiscomponent` |\n"
    "| **EntitySetName** | `msdyn_analysiscomponents`|\n"
    "| **LogicalName** | `msdyn_analysiscomponent` |\n"
    "| **PrimaryIdAttribute** | `msdyn_analysiscomponentid` |\n| **TableType** | `Standard` |\n"
    "| **OwnershipType** | `UserOwned` |\n\n"
    + WRITABLE
    + _bullets(
        "msdyn_analysiscomponentId", "msdyn_AnalysisComponentType", "statecode", "statuscode"
    )
    + "\n"
    + _plain(
        "msdyn_analysiscomponentId", "msdyn_analysiscomponentid", "Uniqueidentifier",
        required="SystemRequired",
    )
    + _column(
        "msdyn_AnalysisComponentType",
        "|Description||\n|DisplayName|**Analysis Component Type**|\n|IsValidForForm|True|\n"
        "|IsValidForRead|True|\n|LogicalName|`msdyn_analysiscomponenttype`|\n"
        "|RequiredLevel|SystemRequired|\n|Type|Picklist|\n|DefaultFormValue|192350001|\n"
        "|GlobalChoiceName|`msdyn_analysiscomponent_msdyn_analysiscomponenttype`|\n\n"
        "#### msdyn_AnalysisComponentType Choices/Options\n\n|Value|Label|\n|---|---|\n"
        "|192350000|**Organization Health**|\n|192350001|**Component Health**|\n"
        "|192350002|**Object Health**|\n",
    )
    + _column(
        "statecode",
        "|Description|**Status of the Analysis Component**|\n|DisplayName|**Status**|\n"
        "|IsValidForForm|True|\n|IsValidForRead|True|\n|LogicalName|`statecode`|\n"
        "|RequiredLevel|SystemRequired|\n|Type|State|\n|DefaultFormValue||\n"
        "|GlobalChoiceName|`msdyn_analysiscomponent_statecode`|\n\n"
        "#### statecode Choices/Options\n\n|Value|Details|\n|---|---|\n"
        "|0|Label: **Active**<br />DefaultStatus: 192350000<br />InvariantName: `Active`|\n"
        "|1|Label: **Inactive**<br />DefaultStatus: 2<br />InvariantName: `Inactive`|\n",
    )
    + _column(
        "statuscode",
        "|Description|**Reason for the status of the Analysis Component**|\n"
        "|DisplayName|**Status Reason**|\n|IsValidForForm|True|\n|IsValidForRead|True|\n"
        "|LogicalName|`statuscode`|\n|RequiredLevel|None|\n|Type|Status|\n"
        "|DefaultFormValue||\n|GlobalChoiceName|`msdyn_analysiscomponent_statuscode`|\n\n"
        "#### statuscode Choices/Options\n\n|Value|Details|\n|---|---|\n"
        + "".join(
            f"|{value}|Label: **{label}**<br />State:{state}<br />TransitionData: None|\n"
            for value, label, state in (
                (1, "Pending", 0), (2, "Canceled", 1), (192350000, "Running", 0),
                (192350001, "Complete", 0), (192350003, "Completed With Exceptions", 0),
            )
        ),
    )
)  # fmt: skip

PAGES = {
    "systemuserauthorizationchangetracker": TRACKER,
    "roleprivileges": ROLEPRIVILEGES,
    "appmoduleroles": APPMODULEROLES,
    "exportsolutionupload": EXPORT,
    "msdyn_analysiscomponent": ANALYSIS,
}


def _generate(folder: Path, names: tuple[str, ...] = tuple(PAGES)) -> Path:
    specs = folder / "specs"
    specs.mkdir()
    for name in names:
        (specs / f"{name}.md").write_text(PAGES[name], encoding="utf-8")
    out = folder / "out"
    assert main(["generate", "--specs", str(specs), "--out", str(out), "--no-cache"]) == 0
    return out


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _generate(tmp_path_factory.mktemp("pages57"))


def _entity(out: Path, logical: str) -> etree._Element:
    root = etree.fromstring((out / "odata" / "metadata.xml").read_bytes())
    [entity] = [t for t in root.iter(f"{EDM}EntityType") if t.get("Name") == logical]
    return entity


def _properties(entity: etree._Element) -> dict[str, str]:
    return {p.get("Name", ""): p.get("Type", "") for p in entity.iter(f"{EDM}Property")}


def _navigations(entity: etree._Element) -> dict[str, tuple[str, str | None]]:
    return {
        n.get("Name", ""): (n.get("Type", ""), n.get("Partner"))
        for n in entity.iter(f"{EDM}NavigationProperty")
    }


@pytest.mark.parametrize(
    "name", ["systemuserauthorizationchangetracker", "appmoduleroles", "msdyn_analysiscomponent"]
)
def test_each_page_alone_says_nothing(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _generate(tmp_path, (name,))
    captured = capsys.readouterr()
    assert "warning" not in captured.err.lower() and "error" not in captured.err.lower()


def test_the_display_names_of_a_primary_id_that_references_a_user_are_no_properties(
    out: Path,
) -> None:
    """Microsoft's ``systemuserauthorizationchangetracker`` EntityType (2021) has
    ``systemuserid`` (Edm.Guid), ``changedversionnumber`` and no ``systemuseridname`` nor
    ``systemuseridyominame``: the page's blank read-only Strings after its primary id, which
    ``user_userauthztracker`` ties to ``systemuser``. dvgen declared both."""
    properties = _properties(_entity(out, "systemuserauthorizationchangetracker"))
    assert properties["systemuserid"] == "Edm.Guid"
    assert properties["changedversionnumber"] == "Edm.Int64"
    assert "systemuseridname" not in properties
    assert "systemuseridyominame" not in properties
    schema = json.loads(
        (out / "jsonschema" / "systemuserauthorizationchangetracker.schema.json").read_text()
    )
    assert "systemuseridname" not in schema["properties"]
    db = sqlite3.connect(":memory:")
    db.executescript((out / "sql" / "sqlite" / "schema.sql").read_text("utf-8"))
    db.execute(
        "INSERT INTO systemuserauthorizationchangetracker (systemuserid, changedversionnumber)"
        " VALUES ('6f1c6a4e-0000-0000-0000-000000000001', 9223372036854775807)"
    )
    # SQL stores the names, nullable, as any lookup's (Dataverse fills them in)
    assert db.execute(
        "SELECT systemuseridname FROM systemuserauthorizationchangetracker"
    ).fetchall() == [(None,)]


def test_a_primary_ids_blank_name_without_a_relationship_stays_a_property(
    tmp_path: Path,
) -> None:
    """Only a primary id a many-to-one relationship goes through is a reference: without
    ``user_userauthztracker`` the blank String is the table's own column."""
    PAGES["lonely"] = TRACKER.split(MANY_TO_ONE)[0]
    try:
        out = _generate(tmp_path, ("lonely",))
    finally:
        del PAGES["lonely"]
    properties = _properties(_entity(out, "systemuserauthorizationchangetracker"))
    assert properties["systemuseridname"] == "Edm.String"


def test_intersect_tables_as_microsofts_entitytypes(out: Path) -> None:
    """appmoduleroles: ``_appmoduleid_value`` and ``_roleid_value``, no navigation property
    (no relationship on the page, none in Microsoft's EntityType); roleprivileges:
    ``canbedeleted`` a BooleanManagedProperty, ``solutionid`` the Guid property and no
    navigation property of that name."""
    roles = _entity(out, "appmoduleroles")
    assert {"_appmoduleid_value", "_roleid_value"} <= set(_properties(roles))
    assert _navigations(roles) == {}
    privileges = _entity(out, "roleprivileges")
    properties = _properties(privileges)
    assert properties["canbedeleted"] == "mscrm.BooleanManagedProperty"
    assert properties["solutionid"] == "Edm.Guid"
    assert "solutionid" not in _navigations(privileges)
    collections = _navigations(_entity(out, "solution"))
    assert collections["solution_roleprivileges"] == ("Collection(mscrm.roleprivileges)", None)


def test_a_lookup_without_targets_and_a_stated_owner_relationship(out: Path) -> None:
    """exportsolutionupload: ``asyncoperationid`` (SystemRequired, Targets empty) is
    ``_asyncoperationid_value`` with no navigation property, as Microsoft's EntityType has it;
    ``ownerid`` navigates to ``principal``, partnered with ``owner_exportsolutionupload``."""
    entity = _entity(out, "exportsolutionupload")
    assert _properties(entity)["_asyncoperationid_value"] == "Edm.Guid"
    navigations = _navigations(entity)
    assert not any(name.startswith("asyncoperationid") for name in navigations)
    assert navigations["ownerid"] == ("mscrm.principal", "owner_exportsolutionupload")


@needs_xsd
def test_the_metadata_is_valid_csdl(out: Path) -> None:
    assert xsd_errors((out / "odata" / "metadata.xml").read_bytes()) == []


@pytest.mark.xfail(
    strict=True,
    reason="OwnershipType None with an Owner column and no owner relationship on the page: "
    "Microsoft's actioncarduserstate (and customapirequestparameter) navigate ownerid, its "
    "bulkdeleteoperation and duplicaterulecondition do not; no page tells them apart",
)
def test_actioncarduserstates_owner_navigation(tmp_path: Path) -> None:
    page = (
        '---\ntitle: "ActionCardUserState table/entity reference (Microsoft Dataverse) | '
        'Microsoft Docs"\nms.date: 03/07/2023\nms.topic: "reference"\n---\n\n'
        "# ActionCardUserState table/entity reference\n\n## Properties\n\n"
        "|Property|Value|\n|--------|-----|\n|EntitySetName|actioncarduserstates|\n"
        "|LogicalName|actioncarduserstate|\n|OwnershipType|None|\n"
        "|PrimaryIdAttribute|actioncarduserstateid|\n|PrimaryNameAttribute||\n"
        "|SchemaName|ActionCardUserState|\n\n"
        '<a name="writable-attributes"></a>\n\n## Writable columns/attributes\n\n'
        + _bullets("ActionCardUserStateId", "OwnerId")
        + '\n\n### <a name="BKMK_ActionCardUserStateId"></a> ActionCardUserStateId\n\n'
        "|Property|Value|\n|--------|-----|\n|Description|Unique identifier for entity "
        "instances|\n|DisplayName|ActionCardUserState|\n|IsValidForForm|False|\n"
        "|IsValidForRead|True|\n|IsValidForUpdate|False|\n|LogicalName|actioncarduserstateid|\n"
        "|RequiredLevel|SystemRequired|\n|Type|Uniqueidentifier|\n\n\n"
        '### <a name="BKMK_OwnerId"></a> OwnerId\n\n|Property|Value|\n|--------|-----|\n'
        "|Description|Unique identifier of the user or team who owns the state of this action "
        "card.|\n|DisplayName|Owner|\n|IsValidForForm|False|\n|IsValidForRead|True|\n"
        "|LogicalName|ownerid|\n|RequiredLevel|SystemRequired|\n|Targets|systemuser,team|\n"
        "|Type|Owner|\n"
    )
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "actioncarduserstate.md").write_text(page, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["generate", "--specs", str(specs), "--out", str(out), "--no-cache"]) == 0
    navigations = _navigations(_entity(out, "actioncarduserstate"))
    assert navigations["ownerid"] == ("mscrm.principal", "ActionCardUserState_Owner")


def test_a_state_whose_default_status_is_a_custom_one(out: Path) -> None:
    """msdyn_analysiscomponent: Active's DefaultStatus is 192350000 (Running), not 1; a
    SystemRequired choice defaults to its DefaultFormValue 192350001; ``DeleteMultiple``'s Web
    API cell is bold prose, the Events section names BulkRetain and Retain."""
    model = (out / "model" / "msdyn_analysiscomponent.yaml").read_text("utf-8")
    assert 'web_api_operation: "**DeleteMultiple action**"' in model
    assert "- name: BulkRetain" in model and "- name: Retain" in model
    db = sqlite3.connect(":memory:")
    db.executescript((out / "sql" / "sqlite" / "schema.sql").read_text("utf-8"))
    db.execute(
        "INSERT INTO msdyn_analysiscomponent (msdyn_analysiscomponentid)"
        " VALUES ('6f1c6a4e-0000-0000-0000-00000000000a')"
    )
    row = db.execute(
        "SELECT msdyn_analysiscomponenttype, statecode, statuscode FROM msdyn_analysiscomponent"
    ).fetchone()
    assert row == (192350001, 0, 192350000)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO msdyn_analysiscomponent (msdyn_analysiscomponentid, statecode, statuscode)"
            " VALUES ('6f1c6a4e-0000-0000-0000-00000000000b', 1, 192350000)"
        )
