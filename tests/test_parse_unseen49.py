"""Variations met in a forty-ninth round of real pages outside the corpus, drawn with
random.Random(49) from the table of contents' tables less the corpus, the seed, the tests and
earlier rounds' pages (120 left), each page rebuilt under /tmp/pages49 from read_file's text by
an expander and checked against its total_chars (equal but for two G1 pages, 5 and 6 characters
off in blank lines).

MicrosoftDocs/powerapps-docs, ``powerapps-docs/developer/data-platform/reference/entities/``:

- G1 (02/15/2023): dataprocessingconfiguration (commit 09770ae5: organization-owned, a
  LogicalName with a capital, ``externaldataprocessingconfigurationId``);
- G1 (01/03/2024): searchcustomanalyzer (commit 1cbdbbce: a File column, messages run only by
  Dataverse: ``BulkRetain``, ``PurgeRetainedContent``);
- G1 (06/04/2024): msdyn_schedule (commit 18c03d0e: relative Web API paths, a column named as
  its table, ``msdyn_schedule``, and a lookup not valid for read, ``msdyn_scheduleidref``, with
  its relationship ``msdyn_dataflow_dataflowschedule``);
- G2 (``ms.service: powerapps``, no date): federatedknowledgeconfiguration (0298582b), the
  neighbour of federatedknowledgeentityconfiguration, read with it;
- G2b: msdyn_dataflowconnectionreference (0658c019: an intersecting table with two RemoveLink
  lookups whose navigation properties keep capitals, ``msdyn_ConnectionReference``),
  federatedknowledgeentityconfiguration (0658c019: ``FederatedKnowledgeConfiguration``);
- G3: msdyn_knowledgeharvestjobrecord (2d5f8da2: four states, two status reasons under one
  state, a SystemRequired OwningBusinessUnit, no duplicate-detection relationships).

Draws 4 and 7 to 9 (msdyn_aitestrunbatch, 6dc9038a, read in part: a Double with Precision 2 and
a Picklist defaulting to -1; msdyn_powerappswrapbuild, skillrolemapping, cardstateitem) were
left for lack of time, as were the 2021-2023 pages of the neighbours: the index holds one
version each of msdyn_dataflow (1b6722f3) and federatedknowledgeconfiguration, neither of
2021-2023. Microsoft's EntityTypes (mid 2021) hold none of these tables.

All seven generated together and alone: no warning but logical-name-case and PostgreSQL's
63-byte renames; sqlite3, PostgreSQL 15, sqlglot (tsql), the OASIS CSDL XSD, the JSON Schema
2020-12 metaschema and the pydantic import pass. The first tests hold what the pages showed, as
Microsoft's Web API behaves (a property named as its entity type takes ``1``; a lookup not valid
for read keeps its navigation property and partner but no ``_x_value``, as Microsoft's
post.postregardingid; a navigation property keeps the capitals the page gives it).

One fault, found with searchcustomanalyzer (G1 01/03/2024, commit 1cbdbbce: a File column,
``analyzers``, and neither of the relationships Dataverse makes for it): a table with a File
column lacked ``<table>_FileAttachments``, the file store's ``fileattachment.objectid``
relationship, which Microsoft's EntityTypes have on every table with a File column the index
holds (asyncoperation, activityfileattachment, webresource, msdyn_knowledgearticleimage,
msdyn_aiconfiguration; partner ``objectid_<table>``) and every page of the G2 layout on
(08/2024 on) with a File column lists (flowsessionbinary, desktopflowbinary,
powerpagessourcefile, approvalstageintelligent, mspcat_catalogsubmissionfiles, packagehistory,
email, webresource), but the G1 layout, solutions and hand-written specs leave out
(``platformlinks``: ``FILE_LINK`` completes a solution's or spec's table, ``with_file_link``
every table). Outputs: the corpus's asyncoperation and activityfileattachment gain it, as
Microsoft's EntityTypes have it, and no other corpus output changes; of the shared solutions,
the five tables with a File column (pc_bankaccount, pre__assets, cat_agentreviews,
cat_copilottestresult, cat_solutionreview) gain it and the placeholder's ``objectid_<table>``,
and nothing else changes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from lxml import etree

from dvgen.cli import main
from tests.test_odata_tools import xsd_errors

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"


def _g1_block(schema: str, rows: list[tuple[str, str]]) -> str:
    body = "".join(f"|{k}|{v}|\n" for k, v in rows)
    head = f'### <a name="BKMK_{schema}"></a> {schema}\n\n'
    return f"{head}|Property|Value|\n|--------|-----|\n{body}\n\n"


SCHEDULE = (
    '---\ntitle: "msdyn_schedule table/entity reference (Microsoft Dataverse) | Microsoft Docs"\n'
    "ms.date: 06/04/2024\n---\n\n# msdyn_schedule table/entity reference\n\n"
    "Generic refresh schedule\n\n"
    "## Properties\n\n|Property|Value|\n|--------|-----|\n|CollectionSchemaName|msdyn_schedules|\n"
    "|DisplayCollectionName|Generic refresh schedule|\n|DisplayName|Schedule|\n"
    "|EntitySetName|msdyn_schedules|\n|IsBPFEntity|False|\n|LogicalCollectionName|msdyn_schedules|\n"
    "|LogicalName|msdyn_schedule|\n|OwnershipType|OrganizationOwned|\n"
    "|PrimaryIdAttribute|msdyn_scheduleid|\n|PrimaryNameAttribute|msdyn_schedule|\n"
    '|SchemaName|msdyn_schedule|\n\n<a name="writable-attributes"></a>\n\n'
    "## Writable columns/attributes\n\n- [msdyn_schedule](#BKMK_msdyn_schedule)\n"
    "- [msdyn_scheduleId](#BKMK_msdyn_scheduleId)\n\n\n"
    + _g1_block(
        "msdyn_schedule",
        [
            ("Description", "Schedule"),
            ("DisplayName", "Schedule"),
            ("FormatName", "Text"),
            ("IsLocalizable", "False"),
            ("IsValidForForm", "True"),
            ("IsValidForRead", "True"),
            ("LogicalName", "msdyn_schedule"),
            ("MaxLength", "100"),
            ("RequiredLevel", "None"),
            ("Type", "String"),
        ],
    )
    + _g1_block(
        "msdyn_scheduleId",
        [
            ("Description", "Unique identifier for entity instances"),
            ("DisplayName", "Schedule"),
            ("IsValidForForm", "False"),
            ("IsValidForRead", "True"),
            ("IsValidForUpdate", "False"),
            ("LogicalName", "msdyn_scheduleid"),
            ("RequiredLevel", "SystemRequired"),
            ("Type", "Uniqueidentifier"),
        ],
    )
    + '<a name="read-only-attributes"></a>\n\n## Read-only columns/attributes\n\n'
    + _g1_block(
        "msdyn_scheduleidref",
        [
            ("Description", "(Deprecated) Schedule id reference for dataflows etc."),
            ("DisplayName", "(Deprecated) ScheduleId reference"),
            ("IsValidForForm", "False"),
            ("IsValidForRead", "False"),
            ("LogicalName", "msdyn_scheduleidref"),
            ("RequiredLevel", "None"),
            ("Targets", "msdyn_dataflow"),
            ("Type", "Lookup"),
        ],
    )
    + '<a name="manytoone"></a>\n\n## Many-To-One Relationships\n\n'
    '### <a name="BKMK_msdyn_dataflow_dataflowschedule"></a> msdyn_dataflow_dataflowschedule\n\n'
    "**Added by**: Power Platform Dataflows Solution\n\n"
    "See the [msdyn_dataflow_dataflowschedule]"
    "(msdyn_dataflow.md#BKMK_msdyn_dataflow_dataflowschedule)"
    " one-to-many relationship for the [msdyn_dataflow](msdyn_dataflow.md) table/entity.\n"
)


def _g2_block(schema: str, rows: list[tuple[str, str]]) -> str:
    body = "".join(f"|{k}|{v}|\n" for k, v in rows)
    return f'### <a name="BKMK_{schema}"></a> {schema}\n\n|Property|Value|\n|---|---|\n{body}\n'


def _g2_page(schema: str, columns: str, relationships: str) -> str:
    logical = schema.lower()
    return (
        f'---\ntitle: "{schema} table/entity reference (Microsoft Dataverse)"\n'
        f"ms.topic: reference\n---\n\n# {schema} table/entity reference (Microsoft Dataverse)\n\n"
        f"{schema}s component\n\n## Properties\n\n|Property|Value|\n| --- | --- |\n"
        f"| **DisplayName** | **{schema}** |\n| **SchemaName** | `{schema}` |\n"
        f"| **EntitySetName** | `{logical}s`|\n| **LogicalName** | `{logical}` |\n"
        f"| **PrimaryIdAttribute** | `{logical}id` |\n| **PrimaryNameAttribute** |`name` |\n"
        "| **TableType** | `Standard` |\n| **OwnershipType** | `OrganizationOwned` |\n\n"
        "## Writable columns/attributes\n\n"
        + _g2_block(
            f"{schema}Id",
            [
                ("Description", "**Unique identifier.**"),
                ("DisplayName", "**Id**"),
                ("IsValidForForm", "False"),
                ("IsValidForRead", "True"),
                ("LogicalName", f"`{logical}id`"),
                ("RequiredLevel", "SystemRequired"),
                ("Type", "Uniqueidentifier"),
            ],
        )
        + _g2_block(
            "Name",
            [
                ("Description", "**The name.**"),
                ("DisplayName", "**Name**"),
                ("IsValidForForm", "True"),
                ("IsValidForRead", "True"),
                ("LogicalName", "`name`"),
                ("RequiredLevel", "SystemRequired"),
                ("Type", "String"),
                ("Format", "Text"),
                ("FormatName", "Text"),
                ("ImeMode", "Auto"),
                ("IsLocalizable", "True"),
                ("MaxLength", "100"),
            ],
        )
        + columns
        + relationships
    )


FKC = "federatedknowledgeconfiguration"
FKEC = "federatedknowledgeentityconfiguration"
REL = f"{FKC}_{FKEC}"
CONFIG = _g2_page(
    "FederatedKnowledgeConfiguration",
    "",
    "\n## One-to-Many relationships\n\n"
    f'### <a name="BKMK_{REL}"></a> {REL}\n\n'
    f"Many-To-One Relationship: [{FKEC} {REL}]({FKEC}.md#BKMK_{REL})\n\n"
    "|Property|Value|\n|---|---|\n"
    f"|ReferencingEntity|`{FKEC}`|\n|ReferencingAttribute|`{FKC}`|\n"
    f"|ReferencedEntityNavigationPropertyName|`{REL}`|\n|IsCustomizable|`False`|\n"
    "|AssociatedMenuConfiguration|AvailableOffline: True<br />Behavior: `UseCollectionName`<br />"
    "Group: `Details`<br />Label: <br />MenuId: null<br />Order: 10000<br />QueryApi: null<br />"
    "ViewId: `00000000-0000-0000-0000-000000000000`|\n",
)
ENTITY_CONFIG = _g2_page(
    "FederatedKnowledgeEntityConfiguration",
    _g2_block(
        "FederatedKnowledgeConfiguration",
        [
            ("Description", "**Reference to the FederatedKnowledgeConfiguration.**"),
            ("DisplayName", "**Federated Knowledge Configuration Id**"),
            ("IsValidForForm", "True"),
            ("IsValidForRead", "True"),
            ("LogicalName", f"`{FKC}`"),
            ("RequiredLevel", "None"),
            ("Type", "Lookup"),
            ("Targets", FKC),
        ],
    ),
    "\n## Many-to-One relationships\n\n"
    f'### <a name="BKMK_{REL}"></a> {REL}\n\n'
    f"One-To-Many Relationship: [{FKC} {REL}]({FKC}.md#BKMK_{REL})\n\n|Property|Value|\n|---|---|\n"
    f"|ReferencedEntity|`{FKC}`|\n|ReferencedAttribute|`{FKC}id`|\n|ReferencingAttribute|`{FKC}`|\n"
    "|ReferencingEntityNavigationPropertyName|`FederatedKnowledgeConfiguration`|\n|IsHierarchical||\n"
    "|CascadeConfiguration|Archive: `RemoveLink`<br />Assign: `NoCascade`<br />"
    "Delete: `RemoveLink`<br />Merge: `NoCascade`<br />Reparent: `NoCascade`<br />"
    "RollupView: `NoCascade`<br />Share: `NoCascade`<br />Unshare: `NoCascade`|\n",
)


def _generate(folder: Path, pages: dict[str, str]) -> Path:
    specs = folder / "specs"
    specs.mkdir()
    for name, text in pages.items():
        (specs / f"{name}.md").write_text(text)
    out = folder / "out"
    assert main(["generate", "--specs", str(specs), "--out", str(out), "--no-cache", "-q"]) == 0
    return out


def _entity_type(out: Path, name: str) -> etree._Element:
    metadata = (out / "odata" / "metadata.xml").read_bytes()
    assert xsd_errors(metadata) == []
    found = etree.fromstring(metadata).find(f".//{EDM}EntityType[@Name='{name}']")
    assert found is not None
    return found


def test_a_column_named_as_its_table_and_a_lookup_not_valid_for_read(tmp_path: Path) -> None:
    out = _generate(tmp_path, {"msdyn_schedule": SCHEDULE})
    entity = _entity_type(out, "msdyn_schedule")
    properties = {p.get("Name") for p in entity.findall(f"{EDM}Property")}
    assert "msdyn_schedule1" in properties and "msdyn_schedule" not in properties
    assert "_msdyn_scheduleidref_value" not in properties
    navs = {n.get("Name"): n for n in entity.findall(f"{EDM}NavigationProperty")}
    assert navs["msdyn_scheduleidref"].get("Partner") == "msdyn_dataflow_dataflowschedule"
    assert navs["msdyn_scheduleidref"].find(f"{EDM}ReferentialConstraint") is None
    db = sqlite3.connect(":memory:")
    db.executescript((out / "sql" / "sqlite" / "schema.sql").read_text())
    columns = {row[1] for row in db.execute('PRAGMA table_info("msdyn_schedule")')}
    assert "msdyn_schedule" in columns and "msdyn_scheduleidref" not in columns


def test_a_navigation_property_keeps_the_capitals_its_page_gives_it(tmp_path: Path) -> None:
    out = _generate(tmp_path, {FKC: CONFIG, FKEC: ENTITY_CONFIG})
    navs = {n.get("Name"): n for n in _entity_type(out, FKEC).findall(f"{EDM}NavigationProperty")}
    assert navs["FederatedKnowledgeConfiguration"].get("Partner") == REL
    back = {n.get("Name"): n for n in _entity_type(out, FKC).findall(f"{EDM}NavigationProperty")}
    assert back[REL].get("Partner") == "FederatedKnowledgeConfiguration"
    assert back[REL].get("Type") == f"Collection(mscrm.{FKEC})"
    schema = json.loads((out / "jsonschema" / f"{FKEC}.schema.json").read_text())
    assert "FederatedKnowledgeConfiguration@odata.bind" in schema["properties"]


SPEC = """logical_name: new_analyzer
schema_name: new_Analyzer
display_name: Analyzer
display_collection_name: Analyzers
entity_set_name: new_analyzers
primary_id_attribute: new_analyzerid
primary_name_attribute: new_name
table_type: Standard
columns:
  - logical_name: new_analyzerid
    schema_name: new_AnalyzerId
    type: Uniqueidentifier
    display_name: Analyzer
    required_level: SystemRequired
  - logical_name: new_name
    schema_name: new_Name
    type: String
    display_name: Name
    max_length: 100
  - logical_name: new_analyzers
    schema_name: new_Analyzers
    type: File
    display_name: Analyzers
    max_size_in_kb: 32768
"""


def test_a_table_with_a_file_column_is_related_to_the_file_store_by_objectid(
    tmp_path: Path,
) -> None:
    """Dataverse relates ``fileattachment.objectid`` to a table with a File column,
    ``<table>_FileAttachments`` (Microsoft's asyncoperation, webresource,
    msdyn_knowledgearticleimage, msdyn_aiconfiguration EntityTypes: partner
    ``objectid_<table>``; every page of 2024 on with a File column lists it), beside the
    column's own ``FileAttachment_<table>_<column>``; a hand-written table lacked it."""
    out = _generate_yaml(tmp_path, SPEC)
    navs = {
        n.get("Name"): n
        for n in _entity_type(out, "new_analyzer").findall(f"{EDM}NavigationProperty")
    }
    files = navs["new_analyzer_FileAttachments"]
    assert files.get("Type") == "Collection(mscrm.fileattachment)"
    assert files.get("Partner") == "objectid_new_analyzer"
    store = {
        n.get("Name")
        for n in _entity_type(out, "fileattachment").findall(f"{EDM}NavigationProperty")
    }
    assert "objectid_new_analyzer" in store
    model = (out / "model" / "new_analyzer.yaml").read_text()
    assert "schema_name: new_analyzer_FileAttachments" in model
    assert "schema_name: FileAttachment_new_Analyzer_new_Analyzers" in model


def test_a_table_without_a_file_column_is_not(tmp_path: Path) -> None:
    spec = SPEC.split("  - logical_name: new_analyzers\n", maxsplit=1)[0]
    out = _generate_yaml(tmp_path, spec)
    model = (out / "model" / "new_analyzer.yaml").read_text()
    assert "new_analyzer_AsyncOperations" in model and "FileAttachments" not in model


def _generate_yaml(folder: Path, text: str) -> Path:
    specs = folder / "specs"
    specs.mkdir()
    (specs / "new_analyzer.yaml").write_text(text)
    out = folder / "out"
    assert main(["generate", "--specs", str(specs), "--out", str(out), "--no-cache", "-q"]) == 0
    return out


ANALYZER = (
    '---\ntitle: "searchcustomanalyzer table/entity reference (Microsoft Dataverse) | '
    'Microsoft Docs"\n'
    "ms.date: 01/03/2024\n---\n\n# searchcustomanalyzer table/entity reference\n\n\n\n"
    "**Added by**: msdyn_RelevanceSearch Solution\n\n\n"
    "## Properties\n\n|Property|Value|\n|--------|-----|\n"
    "|CollectionSchemaName|searchcustomanalyzers|\n|DisplayName|SearchCustomAnalyzer|\n"
    "|EntitySetName|searchcustomanalyzers|\n|LogicalName|searchcustomanalyzer|\n"
    "|OwnershipType|OrganizationOwned|\n|PrimaryIdAttribute|searchcustomanalyzerid|\n"
    "|PrimaryNameAttribute|name|\n|SchemaName|searchcustomanalyzer|\n\n"
    '<a name="writable-attributes"></a>\n\n'
    "## Writable columns/attributes\n\n"
    + _g1_block(
        "name",
        [
            ("Description", "The name of the custom entity."),
            ("DisplayName", "Name"),
            ("FormatName", "Text"),
            ("IsLocalizable", "False"),
            ("IsValidForForm", "True"),
            ("IsValidForRead", "True"),
            ("LogicalName", "name"),
            ("MaxLength", "100"),
            ("RequiredLevel", "ApplicationRequired"),
            ("Type", "String"),
        ],
    )
    + _g1_block(
        "searchcustomanalyzerId",
        [
            ("Description", "Unique identifier for entity instances"),
            ("DisplayName", "SearchCustomAnalyzer"),
            ("IsValidForForm", "False"),
            ("IsValidForRead", "True"),
            ("IsValidForUpdate", "False"),
            ("LogicalName", "searchcustomanalyzerid"),
            ("RequiredLevel", "SystemRequired"),
            ("Type", "Uniqueidentifier"),
        ],
    )
    + '<a name="read-only-attributes"></a>\n\n## Read-only columns/attributes\n\n'
    + _g1_block(
        "analyzers",
        [
            ("Description", ""),
            ("DisplayName", "analyzers"),
            ("IsValidForForm", "True"),
            ("IsValidForRead", "True"),
            ("LogicalName", "analyzers"),
            ("RequiredLevel", "ApplicationRequired"),
            ("Type", "File"),
        ],
    )
    + _g1_block(
        "analyzers_Name",
        [
            ("Description", ""),
            ("DisplayName", ""),
            ("FormatName", "Text"),
            ("IsLocalizable", "False"),
            ("IsValidForForm", "False"),
            ("IsValidForRead", "True"),
            ("LogicalName", "analyzers_name"),
            ("MaxLength", "200"),
            ("RequiredLevel", "None"),
            ("Type", "String"),
        ],
    )
)


def test_a_page_before_2024s_layout_gets_the_file_stores_relationship(tmp_path: Path) -> None:
    """The G1 layout lists neither relationship of a File column; Microsoft's $metadata has
    ``<table>_FileAttachments`` for every such table (asyncoperation, activityfileattachment of
    the corpus, whose pages omit it too), partnered ``objectid_<table>``."""
    out = _generate(tmp_path, {"searchcustomanalyzer": ANALYZER})
    entity = _entity_type(out, "searchcustomanalyzer")
    navs = {n.get("Name"): n for n in entity.findall(f"{EDM}NavigationProperty")}
    assert navs["searchcustomanalyzer_FileAttachments"].get("Partner") == (
        "objectid_searchcustomanalyzer"
    )
    store = _entity_type(out, "fileattachment")
    assert store.find(f"{EDM}NavigationProperty[@Name='objectid_searchcustomanalyzer']") is not None


def test_a_page_that_lists_it_keeps_its_own(tmp_path: Path) -> None:
    listed = (
        ANALYZER + '<a name="onetomany"></a>\n\n## One-To-Many Relationships\n\n'
        '### <a name="BKMK_searchcustomanalyzer_FileAttachments"></a> '
        "searchcustomanalyzer_FileAttachments\n\n"
        "Same as the [searchcustomanalyzer_FileAttachments](fileattachment.md#BKMK_x) many-to-one "
        "relationship for the [fileattachment](fileattachment.md) table/entity.\n\n"
        "|Property|Value|\n|--------|-----|\n|ReferencingEntity|fileattachment|\n"
        "|ReferencingAttribute|objectid|\n|IsHierarchical|False|\n|IsCustomizable|True|\n"
        "|ReferencedEntityNavigationPropertyName|searchcustomanalyzer_FileAttachments|\n"
        "|AssociatedMenuConfiguration|Behavior: DoNotDisplay<br />Group: Details<br />Label: <br />"
        "Order: |\n|CascadeConfiguration|Assign: NoCascade<br />Delete: Cascade<br />"
        "Merge: NoCascade<br />Reparent: NoCascade<br />Share: NoCascade<br />Unshare: NoCascade|\n"
    )
    out = _generate(tmp_path, {"searchcustomanalyzer": listed})
    model = (out / "model" / "searchcustomanalyzer.yaml").read_text()
    assert model.count("schema_name: searchcustomanalyzer_FileAttachments") == 1
    assert "cascade" in model.split("searchcustomanalyzer_FileAttachments", 1)[1][:600]
