"""Real solutions, round 31: a 2017 single-file export (CRM 8.2) that reorders the options of
Microsoft's ``account.accountcategorycode``, a 2020 single-file export (9.1) of one plain table
named ``new_account`` beside Microsoft's ``account``, and a 2026 ``pac solution unpack`` folder of
a Hungarian org (base language 1038) with two tables and two global choices; the SQL run on
SQLite and PostgreSQL 15, the ``$metadata`` checked by the OASIS XSD.

Fault found: a solution restating the options of a Microsoft choice in another order (the
order the org's app shows them in) was ignored: the options the page already had kept their
places and the solution's new ones were appended. Raj812/LCMS_Package (``customizations.xml``,
exported from CRM 8.2.0002.0154, publisher DXC Technology, prefix ``dxc``, option prefix 28221;
``solution.xml`` lists ``account`` with behavior 2) restates ``AccountCategoryCode`` with
``<AppDefaultValue>2`` and the options, in this order, ``1`` "Preferred Customer",
``925290000`` "Arresting Agency", ``925290001`` "Law Firm", ``2`` "Standard" and ``282210000``
"Treating Facility": two options placed between Microsoft's 1 and 2 (an export lists a choice's
options in their display order, which is why 2 comes after 925290001 and not first). dvgen
gave 1, 2, 925290000, 925290001, 282210000, the page's order with the rest appended, though its
model keeps "the app's display order" (docs/spec-format.md). A solution's restated choice now
takes the solution's order; an option only the base has (a page newer than the export) stays
after the option it follows in the base's order.

Looked at (short excerpts below, transcribed; no whole file copied):

Raj812/LCMS_Package (``customizations.xml`` + ``solution.xml`` at the root, 3.8 MB, 2017):
legal case management; customizes account (behavior 2), contact, appointment, phonecall, task,
connection, sharepointdocumentlocation (behavior 2), incident and systemuser (behavior 1), and
adds 23 ``dxc_`` tables, among them the custom activity ``dxc_caseaction`` (regarding
relationships to incident, invoice, lead, knowledgearticle, entitlement...) and the N:N
``dxc_statute_knowledgebaserecord`` (intersect ``msdyn_dxc_statute_knowledgebaserecord``). Only
the account excerpt was read whole (the file is too big to read here).
Osttik/TestSolution (``customizations.xml`` + ``solution.xml``, 9.1.0.22242, 2020): one user-owned
table ``new_account`` (display name "Account", like Microsoft's) with the text columns
``new_isValidated`` (required) and ``new_Phonenumber``, six system relationships (no
``lk_..._createdonbehalfby``, which Dataverse still has), views whose names are in Ukrainian
under language 1033, and a plugin registered on Microsoft's ``account``. Alone and beside the
corpus's account and contact pages: no diagnostic but SQL Server's cascade notes; SQL, XSD,
JSON Schema and pydantic all pass.
SzucsKar/training-solution (``src/Training/src``, ``pac`` 2026, 9.2.26052.150, ``<Managed>2``,
languagecode 1038): ``new_Customer`` (``new_CustomerType`` a local choice, ``new_VIP`` a Yes/No,
``new_IsPremium`` written ``<Type>boolean</Type>`` with ``<DefaultValue>0`` and no option set,
``new_Email`` of format email, ``new_Name`` 850 characters) and ``new_Order`` (lookup
``new_Customer``, relationship ``new_order_Customer_new_customer`` with Delete and Archive
RemoveLink), labels in 1038 only but for the table names and ``new_IsPremium``'s; the manifest
lists the global choices ``new_customertype`` (``OptionSets/new_customertype.xml``) and
``new_individual``, which the folder does not hold (the warning ``solution-choice-missing`` says
so, rightly). Its ``Other/Relationships/SystemUser.xml`` has no ``..._createdonbehalfby``: dvgen
adds the four Dataverse creates.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics, Severity
from dvgen.model import CascadeType, Column, ColumnType
from dvgen.pipeline import Generation, generate
from tests.conftest import CORPUS, needs_shared
from tests.solution_support import attribute_xml, manifest
from tests.test_odata_tools import xsd_errors
from tests.test_sql_support import postgres_unavailable, shared_server

ALLOWED = {"sqlserver-cascade-cycle", "solution-choice-missing"}


def _run(
    tmp_path: Path,
    files: dict[str, str],
    pages: tuple[str, ...] = (),
    yaml: dict[str, str] | None = None,
) -> tuple[Generation, Diagnostics]:
    specs = tmp_path / "specs"
    for relative, text in files.items():
        path = specs / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for page in pages:
        shutil.copy(CORPUS / page, specs / page)
    for name, text in (yaml or {}).items():
        (specs / name).write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    generation = generate(Config(specs=specs, out=tmp_path / "out", cache=False), diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    warned = {d.code for d in diagnostics if d.severity is Severity.WARNING}
    assert warned <= ALLOWED, [str(d) for d in diagnostics]
    assert xsd_errors(generation.files["odata/metadata.xml"].encode("utf-8")) == []
    return generation, diagnostics


def _column(generation: Generation, table: str, column: str) -> Column:
    found = generation.tables.get(table)
    assert found is not None, table
    return found.columns_by_name[column]


def _values(generation: Generation, table: str, column: str) -> list[int]:
    return [choice.value for choice in _column(generation, table, column).choices]


# --- Raj812/LCMS_Package: Microsoft's account category, reordered ---------------------------

MANIFEST_82 = (
    '<ImportExportXml version="8.2.0002.0154" SolutionPackageVersion="8.2" languagecode="1033"'
    ' generatedBy="CrmLive"><SolutionManifest><UniqueName>LegalCaseManagementPackage</UniqueName>'
    '<LocalizedNames><LocalizedName description="Legal Case Management" languagecode="1033" />'
    "</LocalizedNames><Version>2.0.0</Version><Managed>0</Managed><Publisher><UniqueName>"
    "dxctechnology</UniqueName><CustomizationPrefix>dxc</CustomizationPrefix>"
    "<CustomizationOptionValuePrefix>28221</CustomizationOptionValuePrefix></Publisher>"
    '<RootComponents><RootComponent type="1" schemaName="account" behavior="2" />'
    "</RootComponents></SolutionManifest></ImportExportXml>"
)
CATEGORY = (
    (1, "Preferred Customer"),
    (925290000, "Arresting Agency"),
    (925290001, "Law Firm"),
    (2, "Standard"),
    (282210000, "Treating Facility"),
)


def _option(value: int, label: str) -> str:
    return (
        f'<option value="{value}"><labels><label description="{label}" languagecode="1033" />'
        "</labels></option>"
    )


def _category(options: tuple[tuple[int, str], ...]) -> str:
    """customizations.xml with Account's AccountCategoryCode as the export restates it."""
    listed = "".join(_option(value, label) for value, label in options)
    return (
        "<ImportExportXml><Entities><Entity>"
        '<Name LocalizedName="Account" OriginalName="Account">Account</Name>'
        '<ObjectTypeCode>1</ObjectTypeCode><EntityInfo><entity Name="Account"><attributes>'
        '<attribute PhysicalName="AccountCategoryCode"><Type>picklist</Type>'
        "<Name>accountcategorycode</Name><LogicalName>accountcategorycode</LogicalName>"
        "<RequiredLevel>none</RequiredLevel>"
        "<DisplayMask>ValidForAdvancedFind|ValidForForm|ValidForGrid</DisplayMask>"
        "<ImeMode>auto</ImeMode><ValidForUpdateApi>1</ValidForUpdateApi>"
        "<ValidForReadApi>1</ValidForReadApi><ValidForCreateApi>1</ValidForCreateApi>"
        "<IsCustomField>0</IsCustomField><IntroducedVersion>5.0.0.0</IntroducedVersion>"
        "<SourceType>0</SourceType><AppDefaultValue>2</AppDefaultValue>"
        '<optionset Name="account_accountcategorycode"><OptionSetType>picklist</OptionSetType>'
        '<displaynames><displayname description="Category" languagecode="1033" />'
        f"</displaynames><options>{listed}</options></optionset>"
        '<displaynames><displayname description="Category" languagecode="1033" />'
        "</displaynames></attribute></attributes></entity></EntityInfo></Entity></Entities>"
        "<EntityRelationships /><optionsets /><Languages><Language>1033</Language></Languages>"
        "</ImportExportXml>"
    )


def _export(options: tuple[tuple[int, str], ...]) -> dict[str, str]:
    return {
        "lcms/solution.xml": MANIFEST_82,
        "lcms/customizations.xml": _category(options),
    }


ACCOUNT_YAML = """\
logical_name: account
schema_name: Account
entity_set_name: accounts
primary_id_attribute: accountid
columns:
  - {logical_name: accountid, type: Uniqueidentifier, required_level: SystemRequired}
  - logical_name: accountcategorycode
    schema_name: AccountCategoryCode
    type: Picklist
    choices: [{value: 1, label: Preferred Customer}, {value: 2, label: Standard}{more}]
"""


@needs_shared
def test_a_restated_microsoft_choice_keeps_the_solutions_order(tmp_path: Path) -> None:
    generation, _ = _run(tmp_path, _export(CATEGORY), ("account.md",))
    assert _values(generation, "account", "accountcategorycode") == [v for v, _ in CATEGORY]
    column = _column(generation, "account", "accountcategorycode")
    assert [c.label for c in column.choices] == [label for _, label in CATEGORY]
    assert column.default_form_value == 2
    schema = generation.files["jsonschema/account.schema.json"]
    consts = [f'{{"const": {value}, "title": "{label}"}}' for value, label in CATEGORY]
    assert ",\n        ".join(consts) in schema
    models = generation.files["pydantic/dataverse_models/account.py"]
    assert 'ARRESTING_AGENCY = 925290000, "Arresting Agency"\n    LAW_FIRM' in models
    assert 'LAW_FIRM = 925290001, "Law Firm"\n    STANDARD = 2' in models


def test_an_option_only_the_base_has_stays_after_its_neighbour(tmp_path: Path) -> None:
    """A page newer than the export (an option 3 after 2): the solution's order, with 3 where
    the base has it, after 2; an option before every listed one stays first."""
    base = ACCOUNT_YAML.replace("[{value: 1", "[{value: 0, label: Zero}, {value: 1")
    base = base.replace("{more}", ", {value: 3, label: Newer}")
    generation, _ = _run(tmp_path, _export(CATEGORY), yaml={"account.yaml": base})
    assert _values(generation, "account", "accountcategorycode") == [
        0,
        1,
        925290000,
        925290001,
        2,
        3,
        282210000,
    ]


def test_the_same_options_in_the_bases_order_change_nothing(tmp_path: Path) -> None:
    ordered = (CATEGORY[0], CATEGORY[3], CATEGORY[1], CATEGORY[2], CATEGORY[4])
    base = ACCOUNT_YAML.replace("{more}", "")
    generation, _ = _run(tmp_path, _export(ordered), yaml={"account.yaml": base})
    assert _values(generation, "account", "accountcategorycode") == [v for v, _ in ordered]


def test_a_restated_global_choice_keeps_the_solutions_order(tmp_path: Path) -> None:
    """The same rule for a global choice a solution restates (``OptionSets/<name>.xml``): every
    column using it shows the solution's order, in a table the solution leaves alone too."""
    table = """\
logical_name: new_case
entity_set_name: new_cases
primary_id_attribute: new_caseid
columns:
  - {logical_name: new_caseid, type: Uniqueidentifier, required_level: SystemRequired}
  - logical_name: new_origin
    type: Picklist
    global_choice_name: incident_caseorigincode
    choices: [{value: 1, label: Phone}, {value: 2, label: Email}, {value: 3, label: Web}]
"""
    options = "".join(_option(v, label) for v, label in ((3, "Web"), (1, "Phone"), (2, "Email")))
    files = {
        "origins/Other/Solution.xml": manifest(
            "Origins",
            "new",
            10000,
            '<RootComponent type="1" schemaName="new_case" behavior="2" />'
            '<RootComponent type="9" schemaName="incident_caseorigincode" behavior="0" />',
        ),
        "origins/Entities/new_case/Entity.xml": (
            '<Entity><Name LocalizedName="Case" OriginalName="Case">new_case</Name><EntityInfo>'
            '<entity Name="new_case"><attributes>'
            + attribute_xml(
                "new_Origin", "picklist", "<OptionSetName>incident_caseorigincode</OptionSetName>"
            )
            + "</attributes></entity></EntityInfo></Entity>"
        ),
        "origins/Other/Customizations.xml": "<ImportExportXml><Entities /></ImportExportXml>",
        "origins/OptionSets/incident_caseorigincode.xml": (
            '<optionset Name="incident_caseorigincode"><OptionSetType>picklist</OptionSetType>'
            '<IsGlobal>1</IsGlobal><displaynames><displayname description="Origin" '
            f'languagecode="1033" /></displaynames><options>{options}</options></optionset>'
        ),
    }
    other = table.replace("new_case", "new_lead")
    generation, _ = _run(tmp_path, files, yaml={"new_case.yaml": table, "new_lead.yaml": other})
    assert _values(generation, "new_case", "new_origin") == [3, 1, 2]
    assert _values(generation, "new_lead", "new_origin") == [3, 1, 2]  # not in the solution


def _sql_runs(generation: Generation, tables: set[str]) -> None:
    """The SQLite DDL runs with foreign keys on and creates ``tables``."""
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA foreign_keys = ON")
    db.executescript(generation.files["sql/sqlite/schema.sql"])
    found = {row[0] for row in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    assert tables <= found, found


def _postgres_runs(generation: Generation) -> None:
    import psycopg

    server = shared_server()
    with psycopg.connect(server.dsn(server.create_database()), autocommit=True) as conn:
        conn.execute(generation.files["sql/postgres/schema.sql"])


# --- SzucsKar/training-solution: a Hungarian org's two tables --------------------------------

HU = 1038


def _names(*labels: tuple[int, str], tag: str = "displayname") -> str:
    inner = "".join(
        f'<{tag} description="{text}" languagecode="{code}" />' for code, text in labels
    )
    return f"<{tag}s>{inner}</{tag}s>"


def _attribute(physical: str, kind: str, body: str, *labels: tuple[int, str]) -> str:
    """An attribute as the 2026 export writes it, display names in ``labels`` (else 1038)."""
    shown = attribute_xml(physical, kind, body)
    start, end = shown.index("<displaynames>"), shown.index("</displaynames>")
    names = _names(*(labels or ((HU, physical),)))
    return shown[:start] + names + shown[end + len("</displaynames>") :]


def _hungarian(name: str, label: str, attributes: str) -> str:
    both = ((1033, label), (HU, label))
    return (
        f'<Entity><Name LocalizedName="{label}" OriginalName="{label}">{name}</Name><EntityInfo>'
        f'<entity Name="{name}">{_names(*both, tag="LocalizedName")}'
        f"{_names(*both, tag='LocalizedCollectionName')}<attributes>{attributes}</attributes>"
        f"<EntitySetName>{name.lower()}s</EntitySetName><IsBPFEntity>0</IsBPFEntity>"
        "<OwnershipTypeMask>UserOwned</OwnershipTypeMask><IsActivity>0</IsActivity>"
        "</entity></EntityInfo></Entity>"
    )


def _picklist(name: str, *options: tuple[int, str]) -> str:
    listed = "".join(
        f'<option value="{value}" ExternalValue="" IsHidden="0"><labels><label description="'
        f'{label}" languagecode="{HU}" /></labels></option>'
        for value, label in options
    )
    return (
        f'<AppDefaultValue>-1</AppDefaultValue><optionset Name="{name}"><OptionSetType>picklist'
        f"</OptionSetType><options>{listed}</options></optionset>"
    )


def _primary(physical: str, label: str) -> str:
    key = attribute_xml(physical, "primarykey", "", 0).replace(
        "<RequiredLevel>none", "<RequiredLevel>systemrequired"
    )
    return key.replace(
        f'description="{physical}" languagecode="1033"',
        f'description="{label}" languagecode="{HU}"',
    )


NAME_850 = (
    "<DisplayMask>PrimaryName|ValidForAdvancedFind|ValidForForm|ValidForGrid|RequiredForForm"
    "</DisplayMask><Format>text</Format><MaxLength>850</MaxLength><Length>1700</Length>"
)
VIP = (
    '<AppDefaultValue>0</AppDefaultValue><optionset Name="new_customer_new_vip">'
    "<OptionSetType>bit</OptionSetType><options>"
    f'<option value="1"><labels><label description="Yes" languagecode="{HU}" /></labels></option>'
    f'<option value="0"><labels><label description="No" languagecode="{HU}" /></labels></option>'
    "</options></optionset>"
)
CUSTOMER = (
    _primary("new_CustomerId", "Customer")
    + _attribute("new_Name", "nvarchar", NAME_850, (1033, "Name"), (HU, "Name"))
    + _attribute(
        "new_CustomerType",
        "picklist",
        _picklist(
            "new_customer_new_customertype", (100000000, "Individual"), (100000001, "Company")
        ),
        (HU, "Customer Type"),
    )
    + _attribute("new_Email", "nvarchar", "<Format>email</Format><MaxLength>100</MaxLength>")
    + _attribute("new_VIP", "bit", VIP, (HU, "VIP"))
    + _attribute(
        "new_IsPremium",
        "boolean",
        "<DefaultValue>0</DefaultValue>",
        (1033, "Is Premium"),
        (HU, "Premium ügyfél"),
    )
)
ORDER = (
    _primary("new_OrderId", "Order")
    + _attribute("new_Name", "nvarchar", NAME_850, (1033, "Name"), (HU, "Name"))
    + _attribute(
        "new_Customer",
        "lookup",
        "<LookupStyle>single</LookupStyle><LookupTypes />",
        (HU, "Customer"),
    )
)
ROLES = (
    "<EntityRelationshipRoles><EntityRelationshipRole><NavPaneDisplayOption>UseCollectionName"
    "</NavPaneDisplayOption><NavPaneArea>Details</NavPaneArea><NavPaneOrder>10000</NavPaneOrder>"
    "<NavigationPropertyName>new_Customer</NavigationPropertyName>"
    "<RelationshipRoleType>1</RelationshipRoleType></EntityRelationshipRole>"
    "<EntityRelationshipRole><NavigationPropertyName>new_order_Customer_new_customer"
    "</NavigationPropertyName><RelationshipRoleType>0</RelationshipRoleType>"
    "</EntityRelationshipRole></EntityRelationshipRoles>"
)
CUSTOMER_ORDERS = (
    '<EntityRelationships><EntityRelationship Name="new_order_Customer_new_customer">'
    "<EntityRelationshipType>OneToMany</EntityRelationshipType><IsCustomizable>1"
    "</IsCustomizable><IsHierarchical>0</IsHierarchical><ReferencingEntityName>new_Order"
    "</ReferencingEntityName><ReferencedEntityName>new_Customer</ReferencedEntityName>"
    "<CascadeAssign>NoCascade</CascadeAssign><CascadeDelete>RemoveLink</CascadeDelete>"
    "<CascadeArchive>RemoveLink</CascadeArchive><CascadeReparent>NoCascade</CascadeReparent>"
    "<CascadeShare>NoCascade</CascadeShare><CascadeUnshare>NoCascade</CascadeUnshare>"
    "<ReferencingAttributeName>new_Customer</ReferencingAttributeName>"
    f"{ROLES}</EntityRelationship></EntityRelationships>"
)
TRAINING = {
    "training/Other/Solution.xml": manifest(
        "Training",
        "new",
        10000,
        '<RootComponent type="1" schemaName="new_customer" behavior="0" />'
        '<RootComponent type="1" schemaName="new_order" behavior="0" />'
        '<RootComponent type="9" schemaName="new_customertype" behavior="0" />'
        '<RootComponent type="9" schemaName="new_individual" behavior="0" />',
        language=HU,
        managed=2,
    ),
    "training/Other/Customizations.xml": (
        "<ImportExportXml><Entities /><optionsets /><Languages><Language>1038</Language>"
        "</Languages></ImportExportXml>"
    ),
    "training/Entities/new_Customer/Entity.xml": _hungarian("new_Customer", "Customer", CUSTOMER),
    "training/Entities/new_Order/Entity.xml": _hungarian("new_Order", "Order", ORDER),
    "training/Other/Relationships/new_Customer.xml": CUSTOMER_ORDERS,
    "training/OptionSets/new_customertype.xml": (
        '<optionset Name="new_customertype" localizedName="Customer Type"><OptionSetType>'
        "picklist</OptionSetType><IsGlobal>1</IsGlobal>"
        + _names((HU, "Customer Type"))
        + "<options>"
        + f'<option value="100000000"><labels><label description="Individual" languagecode="{HU}"'
        " /></labels></option></options></optionset>"
    ),
}


@pytest.fixture(scope="module")
def training(tmp_path_factory: pytest.TempPathFactory) -> tuple[Generation, Diagnostics]:
    return _run(tmp_path_factory.mktemp("training"), TRAINING)


def test_a_hungarian_orgs_tables_and_their_lookup(
    training: tuple[Generation, Diagnostics],
) -> None:
    generation, diagnostics = training
    missing = [d for d in diagnostics if d.code == "solution-choice-missing"]
    assert len(missing) == 1 and "'new_individual'" in missing[0].message
    order = generation.tables.get("new_order")
    assert order is not None
    (link,) = [r for r in order.relationships.many_to_one if r.referenced_entity == "new_customer"]
    assert link.schema_name == "new_order_Customer_new_customer"
    assert link.referencing_entity_navigation_property_name == "new_Customer"
    assert link.cascade_configuration is not None
    assert link.cascade_configuration.delete is CascadeType.REMOVE_LINK
    metadata = generation.files["odata/metadata.xml"]
    assert (
        '<NavigationProperty Name="new_Customer" Type="mscrm.new_customer" Nullable="false" '
        'Partner="new_order_Customer_new_customer">'
    ) in metadata
    for name in ("new_vip", "new_ispremium"):
        assert _column(generation, "new_customer", name).type is ColumnType.BOOLEAN
    assert _column(generation, "new_customer", "new_vip").default_value is False
    assert _column(generation, "new_customer", "new_name").max_length == 850
    picked = _column(generation, "new_customer", "new_customertype")
    assert [c.label for c in picked.choices] == ["Individual", "Company"]  # 1038's, the only


def test_the_hungarian_orgs_sql_runs_on_sqlite(training: tuple[Generation, Diagnostics]) -> None:
    _sql_runs(training[0], {"new_customer", "new_order"})


@pytest.mark.skipif(postgres_unavailable() is not None, reason=str(postgres_unavailable()))
def test_the_hungarian_orgs_sql_runs_on_postgresql(
    training: tuple[Generation, Diagnostics],
) -> None:
    _postgres_runs(training[0])


# --- Osttik/TestSolution: a single-file export of a table named new_account -----------------

MANIFEST_91 = (
    '<ImportExportXml version="9.1.0.22242" SolutionPackageVersion="9.1" languagecode="1033" '
    'generatedBy="CrmLive"><SolutionManifest><UniqueName>TestSolution</UniqueName><Version>'
    "1.0.0.1</Version><Managed>0</Managed><Publisher><UniqueName>"
    "DefaultPublishermycompanyavailable</UniqueName><CustomizationPrefix>new"
    "</CustomizationPrefix><CustomizationOptionValuePrefix>10000"
    '</CustomizationOptionValuePrefix></Publisher><RootComponents><RootComponent type="1" '
    'schemaName="new_account" behavior="0" /><RootComponent type="92" '
    'id="{95cb357b-62f7-ea11-a815-000d3a22c11a}" behavior="0" /></RootComponents>'
    "</SolutionManifest></ImportExportXml>"
)


def _owned(name: str, link: str, attribute: str, referenced: str) -> str:
    return (
        f'<EntityRelationship Name="{link}"><EntityRelationshipType>OneToMany'
        "</EntityRelationshipType><IsCustomizable>1</IsCustomizable><IsHierarchical>0"
        f"</IsHierarchical><ReferencingEntityName>{name}</ReferencingEntityName>"
        f"<ReferencedEntityName>{referenced}</ReferencedEntityName><CascadeAssign>NoCascade"
        "</CascadeAssign><CascadeDelete>NoCascade</CascadeDelete><ReferencingAttributeName>"
        f"{attribute}</ReferencingAttributeName></EntityRelationship>"
    )


TEXT_100 = "<Format>text</Format><MaxLength>100</MaxLength><Length>200</Length>"
SINGLE_FILE = (
    '<ImportExportXml><Entities><Entity><Name LocalizedName="Account" OriginalName="Account">'
    '<![CDATA[new_account]]></Name><EntityInfo><entity Name="new_account"><LocalizedNames>'
    '<LocalizedName description="Account" languagecode="1033" /></LocalizedNames><attributes>'
    + attribute_xml("new_accountId", "primarykey", "", 0).replace(
        "<RequiredLevel>none", "<RequiredLevel>systemrequired"
    )
    + attribute_xml("new_name", "nvarchar", NAME_850.replace("850", "100"))
    + attribute_xml("new_isValidated", "nvarchar", TEXT_100).replace(
        "<RequiredLevel>none", "<RequiredLevel>required"
    )
    + attribute_xml("new_Phonenumber", "nvarchar", TEXT_100)
    + attribute_xml("CreatedBy", "lookup", "<LookupStyle>single</LookupStyle><LookupTypes />", 0)
    + attribute_xml(
        "CreatedOnBehalfBy", "lookup", "<LookupStyle>single</LookupStyle><LookupTypes />", 0
    )
    + attribute_xml("OwnerId", "owner", "<LookupStyle>single</LookupStyle><LookupTypes />", 0)
    + "</attributes><EntitySetName>new_accounts</EntitySetName><IsBPFEntity>0</IsBPFEntity>"
    "<OwnershipTypeMask>UserOwned</OwnershipTypeMask><IsActivity>0</IsActivity></entity>"
    "</EntityInfo></Entity></Entities><EntityRelationships>"
    + _owned("new_account", "lk_new_account_createdby", "CreatedBy", "SystemUser")
    + _owned("new_account", "owner_new_account", "OwnerId", "Owner")
    + _owned("new_account", "team_new_account", "OwningTeam", "Team")
    + "</EntityRelationships><optionsets /><Languages><Language>1033</Language></Languages>"
    "</ImportExportXml>"
)


@needs_shared
def test_a_table_named_new_account_beside_microsofts_account(tmp_path: Path) -> None:
    files = {"test/solution.xml": MANIFEST_91, "test/customizations.xml": SINGLE_FILE}
    generation, _ = _run(tmp_path, files, ("account.md",))
    mine = generation.tables.get("new_account")
    assert mine is not None and mine.display_name == "Account"
    assert mine.entity_set_name == "new_accounts"
    links = {r.schema_name for r in mine.relationships.many_to_one}
    assert {"lk_new_account_createdby", "owner_new_account", "team_new_account"} <= links
    assert "lk_new_account_createdonbehalfby" in links  # Dataverse creates it, unexported
    assert _column(generation, "new_account", "new_isvalidated").max_length == 100
    metadata = generation.files["odata/metadata.xml"]
    assert (
        '<EntitySet Name="new_accounts" EntityType="Microsoft.Dynamics.CRM.new_account"' in metadata
    )
    assert '<EntitySet Name="accounts" EntityType="Microsoft.Dynamics.CRM.account"' in metadata
    _sql_runs(generation, {"account", "new_account"})
    if postgres_unavailable() is None:
        _postgres_runs(generation)
