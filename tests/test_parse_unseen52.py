"""A fifty-second round of real pages outside the corpus: six current powerapps-docs pages
(``powerapps-docs/developer/data-platform/reference/entities/``) drawn with random.Random(52)
among the 124 tables of the reference no earlier round used (the corpus, the seed and the
tests less), the first six of the draw, all under 35k characters. Rebuilt under /tmp/pages52
from read_file's text, each of exactly read_file's ``total_chars``:

- sharepointmanagedidentity (commit 256c49f5, 2024 layout without ms.date, 27,052 characters:
  organization owned, Associate with an empty Web API cell, ``ManagedIdentityId`` a lookup
  navigated by its SchemaName with RemoveLink on Archive and Delete);
- mobileofflineprofileextension (09770ae5, 02/15/2023 layout, 24,779: **Added by** on columns
  and relationships, Delete cascades of the standard one-to-many relationships);
- msdyn_analysisresultdetail (00dcf07a, 08/30/2024, 33,260: user owned, Restore, a Memo of
  4,000, ``msdyn_AnalysisResult`` a lookup navigated by SchemaName, duplicate-record links);
- sharedworkspacepool (13293c95, 11/09/2024, 20,126: OwnershipType ``None``, six messages);
- dvfilesearch (06c3d0ba, generated-reference, 29,955: user owned, entity set ``dvfilesearchs``,
  a Many-to-Many section of one relationship with no bullet list, two one-to-many relationships
  named ``<One>_<Lookup>_<Other cut short>``);
- mspp_webtemplate (0298582b, 16,770: a Virtual table, a Memo of 1,048,576, five one-to-many
  relationships whose lookups are named otherwise than the key).

Read together and each alone: no diagnostic. SQLite, PostgreSQL 15, sqlglot (tsql), the OASIS
CSDL XSD, the JSON Schema 2020-12 metaschema and the pydantic package accept all six.
Microsoft's EntityTypes (MicrosoftDocs/dynamics365-docs-odata-apis) hold one of the six,
msdyn_analysisresultdetail: its 17 properties, 9 lookup properties, 9 single-valued navigation
properties and 8 collections with their partners are dvgen's, name for name.

One fault: the Partner of a collection to a table outside the set, from a relationship named
``AIPluginOperation_DVFileSearch_DVFileSear`` (referencing attribute ``dvfilesearch``), was the
lookup's logical name; Microsoft's aipluginoperation page states the navigation property
``DVFileSearch`` (and ``CustomAPI``, ``DVTableSearch``, ``Entity``, ``Workflow``, ``AIPlugin``
for its five kin), the lookup's SchemaName that the relationship's name holds in its middle.
Over the 407 pages of the earlier rounds the rule changes four Partners, each as Microsoft's
pages state it (``CustomAPI``, ``DVTableSearch``, ``AIPluginTitle``, ``SkillId``); over the
corpus one, customapi's ``AIPluginOperation_CustomAPI_CustomAPI`` (``CustomAPI``).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from lxml import etree

from dvgen.cli import main
from tests.test_odata_tools import needs_xsd, xsd_errors

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"
MENU = (
    "AvailableOffline: True<br />Behavior: `UseCollectionName`<br />Group: `Details`<br />"
    "Label: <br />MenuId: null<br />Order: 10000<br />QueryApi: null<br />"
    "ViewId: `00000000-0000-0000-0000-000000000000`"
)


def _one_to_many(schema: str, table: str, column: str) -> str:
    return (
        f'### <a name="BKMK_{schema}"></a> {schema}\n\n'
        f"Many-To-One Relationship: [{table} {schema}]({table}.md#BKMK_{schema})\n\n"
        f"|Property|Value|\n|---|---|\n|ReferencingEntity|`{table}`|\n"
        f"|ReferencingAttribute|`{column}`|\n|ReferencedEntityNavigationPropertyName|`{schema}`|\n"
        f"|IsCustomizable|`False`|\n|AssociatedMenuConfiguration|{MENU}|\n\n"
    )


def _bullets(*names: str) -> str:
    return "".join(f"- [{name}](#BKMK_{name})\n" for name in names)


AIPLUGIN = "AIPluginOperation_DVFileSearch_DVFileSear"
ENTITY = "DVFileSearch_DVFileSearch_DVFileSearchEnt"
UNRELATED = "DVFileSearch_DVFileSearch_Unrelated"
LOGICAL = "knowledgeasset_DVFileSearchId_dvfilesearch"
DVFILESEARCH = (
    '---\ntitle: "DVFileSearch table/entity reference (Microsoft Dataverse)"\n'
    "ms.topic: generated-reference\nauthor: phecke\n---\n\n"
    "# DVFileSearch table/entity reference (Microsoft Dataverse)\n\nDVFileSearches Component\n\n"
    "## Properties\n\n|Property|Value|\n| --- | --- |\n"
    "| **DisplayName** | **DVFileSearch** |\n| **SchemaName** | `DVFileSearch` |\n"
    "| **EntitySetName** | `dvfilesearchs`|\n| **LogicalName** | `dvfilesearch` |\n"
    "| **PrimaryIdAttribute** | `dvfilesearchid` |\n| **PrimaryNameAttribute** |`name` |\n"
    "| **TableType** | `Standard` |\n| **OwnershipType** | `OrganizationOwned` |\n\n"
    "## Writable columns/attributes\n\n"
    + _bullets("DVFileSearchId", "Name")
    + "\n"
    '### <a name="BKMK_DVFileSearchId"></a> DVFileSearchId\n\n|Property|Value|\n|---|---|\n'
    "|Description|**Unique identifier for entity instances**|\n|DisplayName|**DVFileSearch**|\n"
    "|IsValidForForm|False|\n|IsValidForRead|True|\n|LogicalName|`dvfilesearchid`|\n"
    "|RequiredLevel|SystemRequired|\n|Type|Uniqueidentifier|\n\n"
    '### <a name="BKMK_Name"></a> Name\n\n|Property|Value|\n|---|---|\n|Description||\n'
    "|DisplayName|**Name**|\n|IsValidForForm|True|\n|IsValidForRead|True|\n"
    "|LogicalName|`name`|\n|RequiredLevel|ApplicationRequired|\n|Type|String|\n"
    "|Format|Text|\n|FormatName|Text|\n|ImeMode|Auto|\n|IsLocalizable|False|\n|MaxLength|100|\n\n"
    "## One-to-Many relationships\n\nThese relationships are one-to-many. Listed by "
    "**SchemaName**.\n\n"
    + _bullets(AIPLUGIN, "dvfilesearch_AsyncOperations", ENTITY, UNRELATED, LOGICAL)
    + "\n"
    + _one_to_many(AIPLUGIN, "aipluginoperation", "dvfilesearch")
    + _one_to_many("dvfilesearch_AsyncOperations", "asyncoperation", "regardingobjectid")
    + _one_to_many(ENTITY, "dvfilesearchentity", "dvfilesearch")
    + _one_to_many(UNRELATED, "msdyn_knowledgeasset", "dvfilesearch")
    + _one_to_many(LOGICAL, "knowledgeasset", "dvfilesearchid")
    + "\n## Many-to-Many relationships\n\nThese relationships are many-to-many. Listed by "
    "**SchemaName**.\n\n"
    '### <a name="BKMK_powerpagesite_dvfilesearch"></a> powerpagesite_dvfilesearch\n\n'
    "See [powerpagesite powerpagesite_dvfilesearch Many-To-Many Relationship]"
    "(powerpagesite.md#BKMK_powerpagesite_dvfilesearch)\n\n|Property|Value|\n|---|---|\n"
    "|IntersectEntityName|`powerpagesite_dvfilesearch`|\n|IsCustomizable|False|\n"
    "|SchemaName|`powerpagesite_dvfilesearch`|\n|IntersectAttribute|`dvfilesearchid`|\n"
    f"|NavigationPropertyName|`powerpagesite_dvfilesearch`|\n|AssociatedMenuConfiguration|{MENU}|\n\n"
    "\n\n### See also\n\n[Dataverse table/entity reference](/power-apps/developer/data-platform/"
    "reference/about-entity-reference)  \n"
    "<xref:Microsoft.Dynamics.CRM.dvfilesearch?displayProperty=fullName>\n"
)  # fmt: skip


def _generate(folder: Path) -> tuple[Path, etree._Element]:
    specs = folder / "specs"
    specs.mkdir()
    (specs / "dvfilesearch.md").write_text(DVFILESEARCH, encoding="utf-8")
    out = folder / "out"
    assert main(["generate", "--specs", str(specs), "--out", str(out), "--no-cache"]) == 0
    xml = (out / "odata" / "metadata.xml").read_bytes()
    assert xsd_errors(xml) == []
    return out, etree.fromstring(xml)


def _entity(root: etree._Element, logical: str) -> etree._Element:
    [entity] = [t for t in root.iter(f"{EDM}EntityType") if t.get("Name") == logical]
    return entity


def _navigations(entity: etree._Element) -> dict[str, tuple[str, str | None]]:
    return {
        n.get("Name", ""): (n.get("Type", ""), n.get("Partner"))
        for n in entity.iter(f"{EDM}NavigationProperty")
    }


@needs_xsd
def test_a_lookup_spelt_in_the_middle_of_its_relationships_name(tmp_path: Path) -> None:
    """``AIPluginOperation_DVFileSearch_DVFileSear`` (aipluginoperation's page, powerapps-docs:
    ReferencingEntityNavigationPropertyName ``DVFileSearch``) and
    ``DVFileSearch_DVFileSearch_DVFileSearchEnt``: the Partner is the lookup's SchemaName the
    name holds between the two tables' names, not ``dvfilesearch``. A name whose last part
    begins neither table's name keeps the column's name, as a regarding lookup keeps its own."""
    _, root = _generate(tmp_path)
    navigations = _navigations(_entity(root, "dvfilesearch"))
    assert navigations["AIPluginOperation_DVFileSearch_DVFileSear"] == (
        "Collection(mscrm.aipluginoperation)",
        "DVFileSearch",
    )
    assert navigations["DVFileSearch_DVFileSearch_DVFileSearchEnt"][1] == "DVFileSearch"
    assert navigations["DVFileSearch_DVFileSearch_Unrelated"][1] == "dvfilesearch"
    # as skillrolemapping's page names skillrolemapping_SkillId_skill's ``SkillId``
    assert navigations[LOGICAL][1] == "DVFileSearchId"
    assert navigations["dvfilesearch_AsyncOperations"][1] == "regardingobjectid_dvfilesearch"
    outside = _navigations(_entity(root, "aipluginoperation"))
    assert outside["DVFileSearch"][1] == "AIPluginOperation_DVFileSearch_DVFileSear"


@needs_xsd
def test_a_many_to_many_section_of_one_relationship_without_a_list(tmp_path: Path) -> None:
    """dvfilesearch's Many-to-Many section holds one relationship and no bullet list: it is
    read all the same, a collection of powerpagesite named and partnered by its name; the
    table loads into SQLite with its entity set's odd plural kept in the CSDL."""
    out, root = _generate(tmp_path)
    navigations = _navigations(_entity(root, "dvfilesearch"))
    assert navigations["powerpagesite_dvfilesearch"] == (
        "Collection(mscrm.powerpagesite)",
        "powerpagesite_dvfilesearch",
    )
    sets = {s.get("Name"): s.get("EntityType") for s in root.iter(f"{EDM}EntitySet")}
    assert sets["dvfilesearchs"] == "Microsoft.Dynamics.CRM.dvfilesearch"
    model = (out / "model" / "dvfilesearch.yaml").read_text("utf-8")
    assert "many_to_many:\n  - schema_name: powerpagesite_dvfilesearch" in model
    connection = sqlite3.connect(":memory:")
    connection.executescript((out / "sql" / "sqlite" / "schema.sql").read_text("utf-8"))
    names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert "dvfilesearch" in names
