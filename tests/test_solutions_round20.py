"""Variations met in a twentieth round of real solutions outside the corpus (2020 to 2026):
RBx93/federal-asset-tracker's ``FederalAssetTracker`` (unpacked by the Power Platform CLI into
``src/``, a 9.2.25122 export of 2026: three ``nouv_`` tables whose lookups are named by their
SchemaName in mixed case, ``nouv_Asset`` and ``nouv_Location``, and their collections by the
relationships' names; a currency column and its ``_Base`` twin; a date-only column of behaviour
3, time-zone independent, beside one of behaviour 1; a choice defaulting to a value it skips one
before; the relationships of Microsoft's tables written without roles);
tyler-hogsett-microsoft/portals-modularization-solution (2020: portal tables kept as shells of
behavior 2, each given a lookup to the solution's table, relationship names cut at 46
characters); mikefactorial/PluginSample (2023, ``<Managed>2</Managed>`` as a folder unpacked as
*Both* writes it, a two-part version, no table); Microsoft's own custom-API-only solution of
"Create a custom API with solution files"; harleyoliver/WorkforcePipes,
johnwildes/copilot-credit-alerts and devkeydet/explicitpluginimpersonation were looked at too
(pac folders of one or two tables, the same layout). Each navigation property dvgen gives the
custom lookups is held to what the export's ``<EntityRelationshipRoles>`` state, and the outputs
to sqlite3, PostgreSQL 15 and the OASIS XSD.

Every stated name was reproduced (8 custom relationships, 16 navigation properties, with the
roles and without; 15 relationships of Microsoft's tables, stated without roles, named as
Microsoft's tables name them). The round found two faults beside them: a table a solution
defines with ``<HasRelatedNotes>True`` (a 2026 pac export's, 14 of ../shared/solutions') had
no relationship to its notes, ``<table>_Annotations``, which Microsoft's $metadata has; and a
solution of custom APIs only was said to hold nothing ("its root components: none"), its
``customapis/`` folder unseen."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.pipeline import generate
from dvgen.solution.folder import bundle
from dvgen.solution.reader import read_solution
from tests.conftest import CORPUS, needs_shared
from tests.solution_support import attribute_xml, generate_unpacked, manifest
from tests.test_solutions_round19 import (
    LOOKUP,
    _checked,
    _collection,
    _entity,
    _one_to_many,
    _own,
    _relationships,
    _roots,
    _same_without_roles,
    _shell,
    _single,
)
from tests.test_sql_support import postgres_unavailable, shared_server

TEXT = "<DisplayMask>{mask}</DisplayMask><Format>text</Format><MaxLength>{length}</MaxLength>"
MONEY = (
    "<MinValue>-922337203685477</MinValue><MaxValue>922337203685477</MaxValue>"
    "<Accuracy>2</Accuracy><AccuracySource>2</AccuracySource>"
)


def _name(physical: str) -> str:
    mask = "PrimaryName|ValidForAdvancedFind|ValidForForm|ValidForGrid|RequiredForForm"
    return attribute_xml(physical, "nvarchar", TEXT.format(mask=mask, length=850))


def _date(physical: str, behavior: int) -> str:
    body = (
        "<Format>date</Format><CanChangeDateTimeBehavior>1</CanChangeDateTimeBehavior>"
        f"<Behavior>{behavior}</Behavior>"
    )
    return attribute_xml(physical, "datetime", body)


def _choice(physical: str, optionset: str, default: int, values: dict[int, str]) -> str:
    options = "".join(
        f'<option value="{value}" ExternalValue="" IsHidden="0"><labels>'
        f'<label description="{label}" languagecode="1033" /></labels></option>'
        for value, label in values.items()
    )
    body = (
        f'<AppDefaultValue>{default}</AppDefaultValue><optionset Name="{optionset}">'
        f"<OptionSetType>picklist</OptionSetType><options>{options}</options></optionset>"
    )
    return attribute_xml(physical, "picklist", body)


# RBx93/federal-asset-tracker, src/Entities/*/Entity.xml and src/Other/Relationships/*.xml
# (2026): the custom columns of the three tables, their lookups and the two relationships with
# the roles the export states.
ASSET = (
    attribute_xml("nouv_AssetId", "primarykey", custom=0)
    + _name("nouv_AssetName")
    + attribute_xml("nouv_AcquisitionCost", "money", MONEY)
    + attribute_xml(
        "nouv_acquisitioncost_Base",
        "money",
        "<ValidForCreateApi>0</ValidForCreateApi><ValidForUpdateApi>0</ValidForUpdateApi>"
        + MONEY
        + "<CalculationOf>nouv_AcquisitionCost</CalculationOf>",
    )
    + _date("nouv_AcquisitionDate", 1)
    + attribute_xml("nouv_Location", "lookup", LOOKUP)
    + attribute_xml("TransactionCurrencyId", "lookup", LOOKUP, custom=0)
    + attribute_xml("ExchangeRate", "decimal", "<Accuracy>12</Accuracy>", custom=0)
)
INSPECTION = (
    attribute_xml("nouv_InspectionId", "primarykey", custom=0)
    + _name("nouv_InspectionName")
    + attribute_xml("nouv_Asset", "lookup", LOOKUP)
    + _date("nouv_InspectionDate", 3)
    + _choice(
        "nouv_Result",
        "nouv_inspection_nouv_result",
        723380003,
        {723380000: "Pass", 723380001: "Fail", 723380003: "Pending Review"},
    )
)
LOCATION = attribute_xml("nouv_LocationId", "primarykey", custom=0) + _name("nouv_LocationName")
TRACKER = {
    "src/Other/Solution.xml": manifest(
        "FederalAssetTracker",
        "nouv",
        72338,
        _roots({"nouv_Asset": 0, "nouv_Inspection": 0, "nouv_Location": 0})
        + '<RootComponent type="80" schemaName="nouv_FederalAssetTracker" behavior="0" />',
    ),
    "src/Entities/nouv_Asset/Entity.xml": _entity("nouv_Asset", ASSET),
    "src/Entities/nouv_Inspection/Entity.xml": _entity("nouv_Inspection", INSPECTION),
    "src/Entities/nouv_Location/Entity.xml": _entity("nouv_Location", LOCATION),
    "src/Other/Relationships/nouv_Asset.xml": _relationships(
        _one_to_many(
            "nouv_Asset_nouv_Asset_nouv_Inspection",
            "nouv_Inspection",
            "nouv_Asset",
            "nouv_Asset",
            "nouv_Asset",
            "nouv_Asset_nouv_Asset_nouv_Inspection",
        )
    ),
    "src/Other/Relationships/nouv_Location.xml": _relationships(
        _one_to_many(
            "nouv_Asset_nouv_Location_nouv_Location",
            "nouv_Asset",
            "nouv_Location",
            "nouv_Location",
            "nouv_Location",
            "nouv_Asset_nouv_Location_nouv_Location",
        )
    ),
}


def test_the_tracker_lookups_are_named_as_the_roles_state(tmp_path: Path) -> None:
    """Both sides of each custom relationship carry the names the roles give them, the
    lookups by SchemaName in mixed case, with or without the roles."""
    generation, diagnostics = generate_unpacked(tmp_path, "FederalAssetTracker", TRACKER)
    metadata = _checked(generation, diagnostics)
    relationship = "nouv_Asset_nouv_Asset_nouv_Inspection"
    assert _single(metadata, "nouv_Asset", "nouv_asset", relationship)
    assert _collection(metadata, relationship, "nouv_inspection", "nouv_Asset")
    relationship = "nouv_Asset_nouv_Location_nouv_Location"
    assert _single(metadata, "nouv_Location", "nouv_location", relationship)
    assert _collection(metadata, relationship, "nouv_asset", "nouv_Location")
    assert _single(
        metadata, "transactioncurrencyid", "transactioncurrency", "TransactionCurrency_nouv_Asset"
    )
    _same_without_roles(tmp_path, "FederalAssetTracker", TRACKER, metadata)


def test_the_tracker_dates_currency_and_default(tmp_path: Path) -> None:
    """Behaviour 3 is time-zone independent, 1 user local (both date-only, Edm.DateTimeOffset
    in $metadata); the ``_Base`` twin is read-only; the choice's default is the value stated."""
    generation, diagnostics = generate_unpacked(tmp_path, "FederalAssetTracker", TRACKER)
    _checked(generation, diagnostics)
    inspection = generation.files["model/nouv_inspection.yaml"]
    assert "date_time_behavior: TimeZoneIndependent" in inspection
    assert "default_form_value: 723380003" in inspection
    asset = generation.files["model/nouv_asset.yaml"]
    assert "date_time_behavior: UserLocal" in asset
    base = asset.split("logical_name: nouv_acquisitioncost_base", 1)[1].split("- logical_name")[0]
    assert "valid_for_create: false" in base and "valid_for_update: false" in base
    assert "is_base_currency: true" in base
    metadata = generation.files["odata/metadata.xml"]
    assert '<Property Name="nouv_inspectiondate" Type="Edm.DateTimeOffset"/>' in metadata
    postgres = generation.files["sql/postgres/schema.sql"]
    assert '"nouv_inspectiondate" timestamp without time zone' in postgres
    assert '"nouv_acquisitiondate" timestamp with time zone' in postgres


@pytest.mark.skipif(postgres_unavailable() is not None, reason="no PostgreSQL server binaries")
def test_the_tracker_schema_applies_on_postgres(tmp_path: Path) -> None:
    import psycopg

    generation, diagnostics = generate_unpacked(tmp_path, "FederalAssetTracker", TRACKER)
    assert not diagnostics.has_errors
    server = shared_server()
    with psycopg.connect(server.dsn(server.create_database()), autocommit=True) as connection:
        connection.execute(generation.files["sql/postgres/schema.sql"])
        tables = connection.execute(
            "select count(*) from information_schema.tables where table_schema = 'public'"
        ).fetchone()
    assert tables is not None and tables[0] >= 3


# tyler-hogsett-microsoft/portals-modularization-solution, Other/Solution.xml and
# Other/Relationships/mdce_portal_module.xml (a 9.1 export of 2020): Microsoft's portal tables
# listed with behavior 2 and kept as shells (adx_entityform unmodified, Adx_pagetemplate named
# in mixed case), each given a lookup to the solution's mdce_portal_module, some named without
# the publisher's prefix (module_id); the relationships' names cut at 46 characters, the
# referenced side's role named as the relationship.
MODULES = (
    ("mdce_Adx_contentsnippet_module_id_mdce_portal_", "Adx_contentsnippet", "mdce_module_id"),
    ("mdce_adx_entityform_module_id_mdce_portal_modu", "adx_entityform", "mdce_module_id"),
    ("mdce_Adx_pagetemplate_module_id_mdce_portal_mo", "Adx_pagetemplate", "module_id"),
    ("mdce_adx_setting_module_id_mdce_portal_module", "adx_setting", "module_id"),
)
PORTAL = {
    "Other/Solution.xml": manifest(
        "mdce_portals_modularization",
        "mdce",
        60209,
        _roots({table: 2 for _, table, _ in MODULES}) + _roots({"mdce_portal_module": 0}),
    ),
    "Entities/mdce_portal_module/Entity.xml": _own("mdce_portal_module", "mdce"),
    "Other/Relationships/mdce_portal_module.xml": _relationships(
        *(
            _one_to_many(name, table, "mdce_portal_module", lookup, lookup, name)
            for name, table, lookup in MODULES
        )
    ),
    **{
        f"Entities/{table}/Entity.xml": _shell(table, attribute_xml(lookup, "lookup", LOOKUP))
        for _, table, lookup in MODULES
    },
}


def test_the_portal_shells_lookups_are_named_as_the_roles_state(tmp_path: Path) -> None:
    """Each lookup a solution adds to one of Microsoft's tables is named by its SchemaName,
    prefixed or not, and each collection by the (cut) relationship's name, as the roles say."""
    generation, diagnostics = generate_unpacked(tmp_path, "Portal", PORTAL)
    metadata = _checked(generation, diagnostics)
    for name, table, lookup in MODULES:
        assert _single(metadata, lookup, "mdce_portal_module", name), name
        assert _collection(metadata, name, table.lower(), lookup), name
    _same_without_roles(tmp_path, "Portal", PORTAL, metadata)


# mikefactorial/PluginSample, src/Other/Solution.xml and Customizations.xml (2023): a folder
# unpacked as Both (<Managed>2</Managed>), version "1.0", no table among its root components.
PLUGIN_ONLY = {
    "src/Other/Solution.xml": manifest(
        "PluginSample",
        "ochs",
        65563,
        '<RootComponent type="80" schemaName="crfce_Accounts" behavior="0" />'
        '<RootComponent type="91" id="{ff6b0d16-d1ce-4b81-873a-ec6d79a20aba}" '
        'schemaName="Plugins, Version=1.0.0.0, Culture=neutral" behavior="0" />'
        '<RootComponent type="92" id="{a5191a6b-9290-ee11-8179-000d3a354bf5}" behavior="0" />',
        managed=2,
    ).replace("<Version>1.0.0.0</Version>", "<Version>1.0</Version>"),
    "src/Other/Customizations.xml": (
        '<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Entities />'
        "<EntityRelationships /><optionsets /><SolutionPluginAssemblies />"
        "<SdkMessageProcessingSteps /><AppModules /><EntityDataProviders />"
        "<Languages><Language>1033</Language><Language>1036</Language></Languages>"
        "</ImportExportXml>"
    ),
}


@needs_shared
def test_a_solution_without_tables_beside_a_page_does_not_fail(tmp_path: Path) -> None:
    """The solution is said to reach nothing, and the page is generated as without it."""
    specs = tmp_path / "specs"
    for relative, text in PLUGIN_ONLY.items():
        path = specs / "PluginSample" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    shutil.copy(CORPUS / "contact.md", specs / "contact.md")
    diagnostics = Diagnostics()
    generation = generate(Config(specs=specs, out=tmp_path / "out", cache=False), diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    codes = [d.code for d in diagnostics]
    assert codes.count("solution-without-tables") == 1
    assert "plug-in assembly" in str(
        next(d for d in diagnostics if d.code == "solution-without-tables")
    )
    assert set(generation.files) >= {"model/contact.yaml", "odata/metadata.xml"}


# Microsoft's "Create a custom API with solution files" (powerapps-docs,
# developer/data-platform/create-custom-api-solution.md): an exported solution of no
# component, extracted, and a customapis/<uniquename>/customapi.xml added beside solution.xml;
# the manifest lists no root component. A folder unpacked by pac keeps customapis/ beside
# Other/ the same way.
CUSTOM_API = (
    '<customapi uniquename="sample_CustomAPIExample">'
    "<allowedcustomprocessingsteptype>0</allowedcustomprocessingsteptype>"
    "<bindingtype>0</bindingtype><boundentitylogicalname />"
    '<displayname default="Custom API Example">'
    '<label description="Custom API Example" languagecode="1033" /></displayname>'
    "<isfunction>0</isfunction><isprivate>0</isprivate><name>sample_CustomAPIExample</name>"
    "<plugintypeid /></customapi>"
)
PARAMETER = (
    '<customapirequestparameter uniquename="StringParameter"><isoptional>0</isoptional>'
    "<logicalentityname /><name>sample_CustomAPIExample.StringParameter</name><type>10</type>"
    "</customapirequestparameter>"
)
API = "customapis/sample_CustomAPIExample"


@pytest.mark.parametrize("unpacked", [False, True], ids=["extracted", "unpacked"])
def test_a_custom_api_only_solution_says_what_it_holds(tmp_path: Path, unpacked: bool) -> None:
    """The warning that nothing of the solution reaches the files names the custom API its
    folder holds, where it said 'its root components: none' as though the folder were empty;
    the custom API's files are not parsed (a broken one is no error: nothing reads them)."""
    solution = manifest("CustomAPIExample", "sample", 10000, "")
    files = {
        "Other/Solution.xml" if unpacked else "solution.xml": solution,
        f"{API}/customapi.xml": CUSTOM_API,
        f"{API}/customapirequestparameters/StringParameter/customapirequestparameter.xml": (
            PARAMETER
        ),
        "customapis/sample_Broken/customapi.xml": "<customapi uniquename=",
    }
    if not unpacked:
        files["customizations.xml"] = "<ImportExportXml><Entities /></ImportExportXml>"
    folder = tmp_path / "CustomAPIExample"
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    specs, found, _ = read_solution("CustomAPIExample", bundle(folder), 1033)
    assert specs == ()
    assert [d.code for d in found] == ["solution-without-tables"], [str(d) for d in found]
    message = str(found[0])
    assert "its root components: none" in message
    assert "none; 2 custom APIs in customapis/)" in message


# shaz-in-dev/homeguard-power-platform, solution/Entities/hg_Property/Entity.xml (a pac export
# of 2026), and Pilseta-cilvekiem's pc_BankAccount (../shared/solutions): a custom table enabled
# for notes states <HasRelatedNotes>True</HasRelatedNotes>, and the export holds no relationship
# for it. Dataverse makes <logical name>_Annotations, annotation.objectid, parental, whose
# single-valued side is objectid_<logical name>: annotation.md (powerapps-docs) lists ten such
# of solution-made tables (adx_invitation_Annotations, msdyn_aimodel_Annotations of
# msdyn_AIModel), and Microsoft's annotation EntityType has their Partners.
NOTES = {
    "Other/Solution.xml": manifest("HomeGuard", "hg", 18511, _roots({"hg_Property": 0})),
    "Entities/hg_Property/Entity.xml": _own("hg_Property", "hg").replace(
        "<OwnershipTypeMask>", "<HasRelatedNotes>True</HasRelatedNotes><OwnershipTypeMask>"
    ),
}


def test_a_table_enabled_for_notes_has_its_notes_relationship(tmp_path: Path) -> None:
    generation, diagnostics = generate_unpacked(tmp_path, "HomeGuard", NOTES)
    metadata = _checked(generation, diagnostics)
    declared = (
        '<NavigationProperty Name="hg_property_Annotations" Type="Collection(mscrm.annotation)"'
    )
    assert f'{declared} Partner="objectid_hg_property"/>' in metadata
    model = generation.files["model/hg_property.yaml"]
    relationship = model.split("schema_name: hg_property_Annotations", 1)[1].split("\n- ", 1)[0]
    for line in (
        "referencing_entity: annotation",
        "referencing_attribute: objectid",
        "referencing_entity_navigation_property_name: objectid_hg_property",
        "delete: Cascade",
        "assign: Cascade",
    ):
        assert line in relationship, line


def test_a_table_not_enabled_for_notes_has_none(tmp_path: Path) -> None:
    files = {**NOTES, "Entities/hg_Property/Entity.xml": _own("hg_Property", "hg")}
    generation, diagnostics = generate_unpacked(tmp_path, "HomeGuard", files)
    assert "_Annotations" not in _checked(generation, diagnostics)


@needs_shared
def test_the_notes_relationship_reaches_the_annotation_page(tmp_path: Path) -> None:
    """With annotation's page in the set, its objectid holds the table too, as the Web API's
    annotation has objectid_<table> for each table enabled for notes."""
    (tmp_path / "specs").mkdir()
    shutil.copy(CORPUS / "annotation.md", tmp_path / "specs" / "annotation.md")
    generation, diagnostics = generate_unpacked(tmp_path, "HomeGuard", NOTES)
    metadata = _checked(generation, diagnostics)
    single = '<NavigationProperty Name="objectid_hg_property" Type="mscrm.hg_property"'
    assert f'{single} Nullable="false" Partner="hg_property_Annotations">' in metadata
    assert "- hg_property" in generation.files["model/annotation.yaml"]
