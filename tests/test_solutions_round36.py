"""Real solutions, round 36: exports of the SolutionPackager's older era (9.1, and the 7.x
shape CRM 2015 wrote, before the Web API gave relationships navigation names): a table with
a multi-select choice whose options carry colours, an ``Other/Relationships.xml`` that only
lists the relationships by name beside the files that define them, an integer of ``<Format>
none``, system columns stating only the ``ValidFor...Api`` flags that hold; a Microsoft
table (``account``) customized with a lookup and a currency column and an N:N relationship
to ``contact`` whose roles name no navigation property. The SQL run on SQLite and
PostgreSQL 15, the ``$metadata`` checked by the OASIS XSD. No fault was found: these tests
hold what was checked.

Looked at (short excerpts below, transcribed; no whole file copied):

RobertaCognizant/GitTest (``Test`` 1.0.3, ``<ImportExportXml version="9.1.0.4632"
SolutionPackageVersion="9.1">``, publisher prefix ``cog``, option prefix 18131):
``Entities/cog_testentity/Entity.xml`` (39,397 characters, read whole): ``cog_MultiSelect``
(``multiselectpicklist``, local options 181310000-2 with ``Color="#0000ff"`` and an empty
``ExternalValue``), ``cog_name`` (required, 100), the primary key stating only
``ValidForReadApi`` and ``ValidForCreateApi``, ``CreatedBy`` only ``ValidForReadApi``,
``OverriddenCreatedOn`` ``<Format>date`` of ``<Behavior>1``, ``OwnerId`` with ``LookupTypes``
8 and 9, ``OwningTeam`` / ``OwningUser`` ``<IsLogical>1`` and no ``DisplayMask``;
``Other/Relationships.xml`` (the index: six ``<EntityRelationship Name=…/>``),
``Other/Relationships/Owner.xml`` (``owner_cog_testentity``, every cascade NoCascade).

ContosoUniversity/Contoso-University (``Solution/``): ``Entities/demo_Parter/Entity.xml``
(44,072; the first 16,000 read): ``demo_Rating`` an ``int`` of ``<Format>none``,
``demo_Website`` text of 100, all three ``ValidFor...Api`` flags stated (0 or 1);
``Other/Relationships/Team.xml`` is the only relationship file (``team_demo_parter`` by
``OwningTeam``).

praivan/ppdemo (``Demo2``, 9.2.24112, ``new`` prefix): ``Other/Solution.xml`` (5,306, read
whole): root components of types 1, 62 and 80, and a ``<MissingDependency>`` whose
``<Required type="SettingDefinition">`` holds a ``<package>`` child and whose ``<Dependent
type="AppSetting">`` has dotted ``id.…`` attributes: the manifest below carries it, and it
changes no output (compared byte for byte with the manifest without it).

No 7.x or 8.x export was found in the index (the ``Solution.xml`` files it holds are 9.x);
the CRM 2015 shape below is written from the fields these exports lack before the Web API
(8.0): ``<EntityRelationshipRole>`` with ``NavPaneDisplayOption``, ``NavPaneArea``,
``NavPaneOrder`` and no ``NavigationPropertyName``, root components without ``behavior``,
an ``ObjectTypeCode``-free ``<Entity>``, a date column without ``<Behavior>``.

Compared with Microsoft's truth: Dataverse names an N:N relationship's navigation property,
on both sides, by the relationship's schema name, and a 1:N one's single-valued side by the
lookup's schema name, its collection side by the relationship's schema name (the EntityTypes
of ``validators/webapi-v9``: ``account``'s ``contactleads_association`` style names and
``parentaccountid`` / ``account_parent_account``).
"""

from __future__ import annotations

import re
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.pipeline import Generation, generate
from tests.conftest import CORPUS, NO_SHARED
from tests.solution_support import DECLARATION, manifest
from tests.test_odata_tools import xsd_errors
from tests.test_sql_support import postgres_unavailable, shared_server

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"
Files = dict[str, str]
VALIDITY = ("ValidForUpdateApi", "ValidForReadApi", "ValidForCreateApi")


def _attribute(physical: str, kind: str, body: str, valid: str = "111", **more: str) -> str:
    """An ``<attribute>`` as these exports write one, stating only the flags that hold."""
    logical = physical.lower()
    flags = "".join(
        f"<{tag}>1</{tag}>" for tag, bit in zip(VALIDITY, valid, strict=True) if bit == "1"
    )
    mask = more.get("mask", "ValidForAdvancedFind|ValidForForm|ValidForGrid")
    return (
        f'<attribute PhysicalName="{physical}"><Type>{kind}</Type><Name>{logical}</Name>'
        f"<LogicalName>{logical}</LogicalName>"
        f"<RequiredLevel>{more.get('required', 'none')}</RequiredLevel>"
        f"{f'<DisplayMask>{mask}</DisplayMask>' if mask else ''}<ImeMode>auto</ImeMode>{flags}"
        f"<IsCustomField>{more.get('custom', '1')}</IsCustomField>"
        "<IntroducedVersion>1.0.0.0</IntroducedVersion><SourceType>0</SourceType>"
        f"<AutoNumberFormat></AutoNumberFormat>{body}"
        f'<displaynames><displayname description="{physical}" languagecode="1033" />'
        "</displaynames></attribute>\n"
    )


def _option(value: int, label: str) -> str:
    return (
        f'<option value="{value}" ExternalValue="" Color="#0000ff"><labels>'
        f'<label description="{label}" languagecode="1033" /></labels></option>'
    )


LOOKUP = "<LookupStyle>single</LookupStyle><LookupTypes />"
OWNER_TYPES = (
    "<LookupStyle>single</LookupStyle><LookupTypes>"
    '<LookupType id="00000000-0000-0000-0000-000000000000">8</LookupType>'
    '<LookupType id="00000000-0000-0000-0000-000000000000">9</LookupType></LookupTypes>'
)
STATES = (
    '<optionset Name="cog_testentity_statecode"><OptionSetType>state</OptionSetType><states>'
    '<state value="0" defaultstatus="1" invariantname="Active"><labels>'
    '<label description="Active" languagecode="1033" /></labels></state>'
    '<state value="1" defaultstatus="2" invariantname="Inactive"><labels>'
    '<label description="Inactive" languagecode="1033" /></labels></state></states></optionset>'
)
STATUSES = (
    '<optionset Name="cog_testentity_statuscode"><OptionSetType>status</OptionSetType>'
    '<statuses><status value="1" state="0"><labels><label description="Active" '
    'languagecode="1033" /></labels></status><status value="2" state="1"><labels>'
    '<label description="Inactive" languagecode="1033" /></labels></status></statuses>'
    "</optionset>"
)


def _test_entity() -> str:
    multi = (
        '<optionset Name="cog_testentity_cog_multiselect"><OptionSetType>picklist'
        "</OptionSetType><options>"
        + "".join(_option(181310000 + i, f"Option {i + 1}") for i in range(3))
        + "</options></optionset>"
    )
    system = {"custom": "0"}
    columns = (
        _attribute("cog_MultiSelect", "multiselectpicklist", multi)
        + _attribute(
            "cog_name",
            "nvarchar",
            "<Format>text</Format><MaxLength>100</MaxLength><Length>200</Length>",
            required="required",
            mask="PrimaryName|ValidForAdvancedFind|ValidForForm|ValidForGrid|RequiredForForm",
        )
        + _attribute(
            "cog_testentityId",
            "primarykey",
            "",
            "011",
            required="systemrequired",
            mask="ValidForAdvancedFind|RequiredForGrid",
            custom="0",
        )
        + _attribute("CreatedBy", "lookup", LOOKUP, "010", **system)
        + _attribute(
            "CreatedOn",
            "datetime",
            "<Format>datetime</Format><CanChangeDateTimeBehavior>0</CanChangeDateTimeBehavior>"
            "<Behavior>1</Behavior>",
            "010",
            **system,
        )
        + _attribute(
            "OverriddenCreatedOn",
            "datetime",
            "<Format>date</Format><CanChangeDateTimeBehavior>0</CanChangeDateTimeBehavior>"
            "<Behavior>1</Behavior>",
            "011",
            mask="ValidForAdvancedFind|ValidForGrid",
            **system,
        )
        + _attribute("OwnerId", "owner", OWNER_TYPES, required="systemrequired", **system)
        + _attribute("OwningBusinessUnit", "lookup", LOOKUP, "010", mask="", **system)
        + _attribute("OwningTeam", "lookup", "<IsLogical>1</IsLogical>" + LOOKUP, "010", mask="")
        + _attribute("statecode", "state", STATES, "110", required="systemrequired", **system)
        + _attribute("statuscode", "status", STATUSES, **system)
        + _attribute(
            "demo_Rating",
            "int",
            "<Format>none</Format><MinValue>-2147483648</MinValue><MaxValue>2147483647</MaxValue>",
        )
    )
    return (
        '<Entity><Name LocalizedName="Test Entity" OriginalName="Test Entity">cog_testentity'
        '</Name><EntityInfo><entity Name="cog_testentity"><LocalizedNames><LocalizedName '
        'description="Test Entity" languagecode="1033" /></LocalizedNames>'
        f"<attributes>{columns}</attributes><EntitySetName>cog_testentities</EntitySetName>"
        "<IsDuplicateCheckSupported>1</IsDuplicateCheckSupported>"
        "<OwnershipTypeMask>UserOwned</OwnershipTypeMask></entity></EntityInfo>"
        "<FormXml /><SavedQueries /><RibbonDiffXml /></Entity>"
    )


def _one_to_many(name: str, referencing: str, referenced: str, lookup: str, roles: str) -> str:
    return (
        f'<EntityRelationships><EntityRelationship Name="{name}"><EntityRelationshipType>'
        "OneToMany</EntityRelationshipType><IsCustomizable>1</IsCustomizable>"
        "<IsHierarchical>0</IsHierarchical>"
        f"<ReferencingEntityName>{referencing}</ReferencingEntityName>"
        f"<ReferencedEntityName>{referenced}</ReferencedEntityName>"
        "<CascadeAssign>NoCascade</CascadeAssign><CascadeDelete>RemoveLink</CascadeDelete>"
        "<CascadeReparent>NoCascade</CascadeReparent><CascadeShare>NoCascade</CascadeShare>"
        "<CascadeUnshare>NoCascade</CascadeUnshare>"
        f"<ReferencingAttributeName>{lookup}</ReferencingAttributeName>{roles}"
        "</EntityRelationship></EntityRelationships>"
    )


DEPENDENCIES = (
    "<MissingDependencies><MissingDependency>"
    '<Required type="SettingDefinition" displayName="AppChannel" '
    'solution="msdyn_AppFrameworkInfraExtensions (1.0.0.12)" id.uniquename="AppChannel">'
    "<package>PowerAppsAppFramework_Anchor (1.0.0.16)</package></Required>"
    '<Dependent type="AppSetting" displayName="AppChannel" '
    'id.parentappmoduleid.uniquename="new_ProjectManagementApp" '
    'id.settingdefinitionid.uniquename="AppChannel" />'
    "</MissingDependency></MissingDependencies>"
)
"""praivan/ppdemo's app-setting dependency (a ``<package>`` inside ``<Required>``)."""


def _git_test() -> Files:
    roots = (
        '<RootComponent type="1" schemaName="cog_testentity" behavior="0" />'
        '<RootComponent type="62" schemaName="new_ProjectManagementApp" behavior="0" />'
        '<RootComponent type="80" schemaName="new_ProjectManagementApp" behavior="0" />'
    )
    index = "".join(
        f'<EntityRelationship Name="{name}" />'
        for name in ("business_unit_cog_testentity", "owner_cog_testentity")
    )
    owner = _one_to_many("owner_cog_testentity", "cog_testentity", "Owner", "OwnerId", "")
    return {
        "Other/Solution.xml": manifest("Test", "cog", 18131, roots)
        .replace(
            'version="9.2.25024.216" SolutionPackageVersion="9.2"',
            'version="9.1.0.4632" SolutionPackageVersion="9.1"',
        )
        .replace("<MissingDependencies />", DEPENDENCIES),
        "Other/Relationships.xml": f"<EntityRelationships>{index}</EntityRelationships>",
        "Other/Relationships/Owner.xml": owner.replace("RemoveLink", "NoCascade"),
        "Entities/cog_testentity/Entity.xml": _test_entity(),
    }


ROLE = (
    "<EntityRelationshipRole><NavPaneDisplayOption>UseCollectionName</NavPaneDisplayOption>"
    "<NavPaneArea>Details</NavPaneArea><NavPaneOrder>10000</NavPaneOrder>"
    "<RelationshipRoleType>{}</RelationshipRoleType></EntityRelationshipRole>"
)
ROLES = f"<EntityRelationshipRoles>{ROLE.format(1)}{ROLE.format(0)}</EntityRelationshipRoles>"


def _crm2015() -> Files:
    """The 7.x shape: roles without navigation names; ``account`` customized."""
    roots = (
        '<RootComponent type="1" schemaName="account" />'
        '<RootComponent type="1" schemaName="new_project" />'
    )
    account = (
        _attribute("new_ProjectId", "lookup", LOOKUP)
        + _attribute(
            "new_Budget",
            "money",
            "<MinValue>0</MinValue><MaxValue>1000000000</MaxValue><Accuracy>2</Accuracy>"
            "<AccuracySource>2</AccuracySource>",
        )
        + _attribute(
            "new_budget_Base",
            "money",
            "<MinValue>-922337203685477</MinValue><MaxValue>922337203685477</MaxValue>"
            "<Accuracy>4</Accuracy><AccuracySource>2</AccuracySource>"
            "<CalculationOf>new_budget</CalculationOf>",
            "010",
        )
    )
    project = (
        _attribute(
            "new_name",
            "nvarchar",
            "<Format>text</Format><MaxLength>100</MaxLength>",
            required="required",
            mask="PrimaryName|ValidForAdvancedFind|ValidForForm|ValidForGrid|RequiredForForm",
        )
        + _attribute("new_ProjectId", "primarykey", "", "011", required="systemrequired")
        + _attribute("new_Notes", "ntext", "<Format>TextArea</Format><MaxLength>2000</MaxLength>")
    )
    many = (
        '<EntityRelationships><EntityRelationship Name="new_account_contact">'
        "<EntityRelationshipType>ManyToMany</EntityRelationshipType>"
        "<IsCustomizable>1</IsCustomizable><IntroducedVersion>1.0</IntroducedVersion>"
        "<FirstEntityName>Account</FirstEntityName><SecondEntityName>Contact</SecondEntityName>"
        f"<IntersectEntityName>new_account_contact</IntersectEntityName>{ROLES}"
        "</EntityRelationship></EntityRelationships>"
    )
    return {
        "Other/Solution.xml": manifest("Old", "new", 10000, roots).replace(
            'version="9.2.25024.216" SolutionPackageVersion="9.2"',
            'version="7.1.0.1059" SolutionPackageVersion="7.1"',
        ),
        "Entities/Account/Entity.xml": (
            '<Entity><Name LocalizedName="Account" OriginalName="Account">Account</Name>'
            '<EntityInfo><entity Name="Account" unmodified="1">'
            f"<attributes>{account}</attributes></entity></EntityInfo><RibbonDiffXml /></Entity>"
        ),
        "Entities/new_Project/Entity.xml": (
            '<Entity><Name LocalizedName="Project" OriginalName="Project">new_Project</Name>'
            '<EntityInfo><entity Name="new_Project"><LocalizedCollectionNames>'
            '<LocalizedCollectionName description="Projects" languagecode="1033" />'
            f"</LocalizedCollectionNames><attributes>{project}</attributes>"
            "<OwnershipTypeMask>OrgOwned</OwnershipTypeMask></entity></EntityInfo></Entity>"
        ),
        "Other/Relationships/Account.xml": many.replace(
            "</EntityRelationships>",
            many[many.index("<EntityRelationship ") : many.index("</EntityRelationships>")]
            .replace("new_account_contact", "new_account_account")
            .replace("<SecondEntityName>Contact", "<SecondEntityName>Account")
            + "</EntityRelationships>",
        ),
        "Other/Relationships/new_Project.xml": _one_to_many(
            "new_new_project_account", "Account", "new_Project", "new_ProjectId", ROLES
        ),
    }


def _generate(tmp_path: Path, files: Files, pages: tuple[str, ...] = ()) -> Generation:
    specs = tmp_path / "specs"
    for relative, text in files.items():
        path = specs / "solution" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DECLARATION + text, encoding="utf-8")
    for page in pages:
        (specs / page).write_text((CORPUS / page).read_text(encoding="utf-8"), encoding="utf-8")
    diagnostics = Diagnostics()
    generation = generate(Config(specs=specs, out=tmp_path / "out", cache=False), diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    assert not [d for d in diagnostics if "solution" in (d.code or "")], [
        str(d) for d in diagnostics
    ]
    return generation


def _entity_type(generation: Generation, name: str) -> ET.Element:
    root = ET.fromstring(generation.files["odata/metadata.xml"])
    return next(e for e in root.iter(f"{EDM}EntityType") if e.get("Name") == name)


def _navigations(entity: ET.Element) -> dict[str | None, tuple[str | None, str | None]]:
    return {
        n.get("Name"): (n.get("Type"), n.get("Partner"))
        for n in entity.findall(f"{EDM}NavigationProperty")
    }


def test_multi_select_index_file_and_stated_flags(tmp_path: Path) -> None:
    generation = _generate(tmp_path, _git_test())
    model = generation.files["model/cog_testentity.yaml"]
    assert re.search(r"value: 181310002\n    label: Option 3\n    extra:\n      Color:", model)
    rating = model.split("logical_name: demo_rating")[1].split("- logical_name:")[0]
    assert "format: None" in rating
    key = model.split("logical_name: cog_testentityid")[1].split("- logical_name:")[0]
    assert "valid_for_create: true" in key and "valid_for_update: false" in key
    state = model.split("logical_name: statecode")[1].split("- logical_name:")[0]
    assert "valid_for_create: false" in state and "valid_for_update: true" in state
    overridden = model.split("logical_name: overriddencreatedon")[1].split("- logical_name:")[0]
    assert "format: DateOnly" in overridden and "date_time_behavior: UserLocal" in overridden
    owner = model.split("logical_name: ownerid")[1].split("- logical_name:")[0]
    assert "  - systemuser\n  - team" in owner
    for name in ("business_unit_cog_testentity", "owner_cog_testentity"):
        assert f"schema_name: {name}\n" in model
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.executescript(generation.files["sql/sqlite/schema.sql"])
    conn.execute(
        "INSERT INTO cog_testentity (cog_testentityid, ownerid, statecode, statuscode)"
        " VALUES ('00000000-0000-0000-0000-000000000001', "
        "'00000000-0000-0000-0000-000000000002', 0, 1)"
    )
    with pytest.raises(sqlite3.IntegrityError):  # statecode 0 with statuscode 2
        conn.execute(
            "INSERT INTO cog_testentity (cog_testentityid, ownerid, statecode, statuscode)"
            " VALUES ('00000000-0000-0000-0000-000000000003', "
            "'00000000-0000-0000-0000-000000000002', 0, 2)"
        )
    assert xsd_errors(generation.files["odata/metadata.xml"].encode()) == []


@pytest.mark.skipif(not CORPUS.is_dir(), reason=NO_SHARED)
def test_roles_without_navigation_names_on_microsoft_tables(tmp_path: Path) -> None:
    generation = _generate(tmp_path, _crm2015(), ("account.md", "contact.md"))
    account = _navigations(_entity_type(generation, "account"))
    contact = _navigations(_entity_type(generation, "contact"))
    assert account["new_account_contact"] == ("Collection(mscrm.contact)", "new_account_contact")
    assert contact["new_account_contact"] == ("Collection(mscrm.account)", "new_account_contact")
    # a self-referencing N:N: the second side's name ends in _referenced, as
    # connectionrole's connectionroleassociation_association(_referenced) in Microsoft's EntityTypes
    assert account["new_account_account"] == (
        "Collection(mscrm.account)",
        "new_account_account_referenced",
    )
    assert account["new_account_account_referenced"][1] == "new_account_account"
    assert account["new_ProjectId"] == ("mscrm.new_project", "new_new_project_account")
    project = _navigations(_entity_type(generation, "new_project"))
    assert project["new_new_project_account"] == ("Collection(mscrm.account)", "new_ProjectId")
    properties = {
        p.get("Name"): p.get("Type")
        for p in _entity_type(generation, "account").findall(f"{EDM}Property")
    }
    assert properties["_new_projectid_value"] == "Edm.Guid"
    assert properties["new_budget"] == properties["new_budget_base"] == "Edm.Decimal"
    sets = ET.fromstring(generation.files["odata/metadata.xml"]).iter(f"{EDM}EntitySet")
    assert "new_projects" in {s.get("Name") for s in sets}
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.executescript(generation.files["sql/sqlite/schema.sql"])
    fks = {(row[3], row[2]) for row in conn.execute("PRAGMA foreign_key_list(account)")}
    assert ("new_projectid", "new_project") in fks
    # no spec defines the intersect table: no table for its rows (docs/sql.md)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "new_account_contact" not in tables
    assert xsd_errors(generation.files["odata/metadata.xml"].encode()) == []


@pytest.mark.skipif(postgres_unavailable() is not None, reason=str(postgres_unavailable()))
def test_sql_runs_on_postgres(tmp_path: Path) -> None:
    import psycopg

    server = shared_server()
    cases: list[tuple[Files, tuple[str, ...]]] = [(_git_test(), ())]
    if CORPUS.is_dir():
        cases.append((_crm2015(), ("account.md", "contact.md")))
    for index, (files, pages) in enumerate(cases):
        generation = _generate(tmp_path / str(index), files, pages)
        with psycopg.connect(server.dsn(server.create_database())) as conn:
            conn.execute(generation.files["sql/postgres/schema.sql"])
            if index == 0:
                conn.execute(
                    "INSERT INTO cog_testentity (ownerid, statecode, cog_multiselect)"
                    " VALUES (gen_random_uuid(), 0, ARRAY[181310000, 181310002])"
                )
                with pytest.raises(psycopg.errors.CheckViolation):
                    conn.execute(
                        "INSERT INTO cog_testentity (ownerid, statecode, cog_multiselect)"
                        " VALUES (gen_random_uuid(), 0, ARRAY[5])"
                    )
