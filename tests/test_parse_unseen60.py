"""A sixtieth round of real pages outside the corpus: older layouts of powerapps-docs (2021 and
2023), drawn with random.Random(60) among 67 tables the corpus and the tests did not name, in
the draw's order, keeping those the index holds a 2021-2023 version of. Rebuilt under
/tmp/pages60 from read_file's text (``powerapps-docs/developer/data-platform/reference/
entities/``):

- entitydatasource (commit 0565ec41, 2021 ``ms.date: 06/07/2021``, whole: no relationship
  section at all, a Lookup ``entitydataproviderid`` printed with Targets ``contact``, an
  ``organizationid`` Uniqueidentifier);
- keyvaultreference (commit 6c9bf6c6, 2021 05/20/2021: Messages, Properties, every writable
  column, the read-only lookups and ``managedidentityidName``, its relationships) and its
  current page (commit 000a09f9, 2025 generated-reference) with the same sections;
- recordfilter (commit 20201ef5, G1 06/06/2023: writable columns, two read-only Booleans) and
  its current page (commit 17f4f33f, 2025) with the same sections;
- msdyn_workflowactionstatus (commit 0a55aa56, G1 06/06/2023: five messages "only Dataverse"
  executes, seven writable columns);
- roleeditorlayout (commit e40bbeb4, G1 06/06/2023: an empty description paragraph, the four
  audit lookups and ``organizationid`` printed with an empty Targets row and no relationship of
  their own but ``organization_roleeditorlayout``, a hierarchical self-relationship);
- msdyn_pmtemplate (commit e40bbeb4, G1 06/06/2023: eleven writable columns, ``msdyn_UniqueName``
  create-only, Memo columns of 1,048,576 characters, an Owner printed ``systemuser,team``);
- retentionfailuredetail (commit b3900b8f, G1 06/06/2023: ten writable columns, a Picklist of
  values 10, 20 and 30, no ComponentState: a table no solution holds);
- read, not rebuilt: makerfewshot (commit d5dea788, a 2025 page, not an older one: its
  descriptions' escaped brackets ``\\[entityscopeA\\]`` come out as ``[entityscopeA]``).

Fault found, pinned below: a 2023 page that prints a lookup with an empty Targets row and lists
its relationship by name alone left the relationship to no lookup
(``organization_roleeditorlayout``: a ``webapi-navigation`` warning and no ``organizationid``
navigation property); the lookup named as the referenced table's key now takes it.

Upgrades, read as a user would (``dvgen diff`` and ``dvgen check --breaking-against`` the old
output): keyvaultreference 2021 -> 2025 gives 0 breaking; the display names and descriptions
Microsoft rewrote, six messages the newer page lists, ``owner_keyvaultreference`` now listed,
``managedidentityidname`` no longer listed, and ``isvalidated`` made updatable (the 2025 page
prints no IsValidForUpdate; docs/evolution.md) are all it reports; recordfilter 2023 -> 2025
the same way (``uniquename``). The 2021 page's ``managedidentityid`` is named as Microsoft's
EntityType (MicrosoftDocs/dynamics365-docs-odata-apis, ``keyvaultreference.yml``) names it,
lower case, from the spelling of ``managedidentityidName``: 9 of 9 single-valued navigation
properties partnered as Microsoft's. Every output loaded into sqlite3 and PostgreSQL 15, parsed
as T-SQL by sqlglot, passed the OASIS CSDL XSD and the JSON Schema 2020-12 metaschema, and the
pydantic models imported and validated a record.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from dvgen.cli import main
from dvgen.evolve.diff import diff_sets
from tests.pages import resolved, table
from tests.test_odata_tools import xsd_errors

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"

_G1_FRONT = (
    '---\ntitle: "{name} table/entity reference (Microsoft Dataverse) | Microsoft Docs"\n'
    'ms.date: 06/06/2023\nms.service: "powerapps"\nms.topic: "reference"\n---\n\n'
    "# {name} table/entity reference\n\n\n\n**Added by**: {solution} Solution\n\n\n"
)


def _g1_block(schema: str, rows: str) -> str:
    head = f'### <a name="BKMK_{schema}"></a> {schema}\n\n'
    return f"{head}|Property|Value|\n|--------|-----|\n{rows}\n\n"


def _audit(schema: str, form: str = "True") -> str:
    return _g1_block(
        schema,
        f"|Description||\n|DisplayName|{schema}|\n|IsValidForForm|{form}|\n"
        f"|IsValidForRead|True|\n|LogicalName|{schema.lower()}|\n|RequiredLevel|None|\n"
        "|Targets||\n|Type|Lookup|",
    )


ROLEEDITORLAYOUT = (
    _G1_FRONT.format(name="RoleEditorLayout", solution="Role Editor")
    + "## Properties\n\n|Property|Value|\n|--------|-----|\n"
    "|CollectionSchemaName|RoleEditorLayouts|\n|EntitySetName|roleeditorlayouts|\n"
    "|LogicalName|roleeditorlayout|\n|OwnershipType|OrganizationOwned|\n"
    "|PrimaryIdAttribute|roleeditorlayoutid|\n|PrimaryNameAttribute|name|\n"
    "|SchemaName|RoleEditorLayout|\n\n"
    '<a name="writable-attributes"></a>\n\n## Writable columns/attributes\n\n'
    "- [Name](#BKMK_Name)\n- [RoleEditorLayoutId](#BKMK_RoleEditorLayoutId)\n\n"
    + _g1_block(
        "Name",
        "|Description|The name of the role editor layout item.|\n|DisplayName|Name|\n"
        "|FormatName|Text|\n|IsLocalizable|False|\n|IsValidForForm|True|\n"
        "|IsValidForRead|True|\n|IsValidForUpdate|False|\n|LogicalName|name|\n"
        "|MaxLength|128|\n|RequiredLevel|SystemRequired|\n|Type|String|",
    )
    + _g1_block(
        "RoleEditorLayoutId",
        "|Description|Unique identifier for role editor layout instances|\n"
        "|DisplayName|Role Editor Layout|\n|IsValidForForm|False|\n|IsValidForRead|True|\n"
        "|IsValidForUpdate|False|\n|LogicalName|roleeditorlayoutid|\n"
        "|RequiredLevel|SystemRequired|\n|Type|Uniqueidentifier|",
    )
    + '<a name="read-only-attributes"></a>\n\n## Read-only columns/attributes\n\n'
    "- [CreatedBy](#BKMK_CreatedBy)\n- [ModifiedBy](#BKMK_ModifiedBy)\n"
    "- [OrganizationId](#BKMK_OrganizationId)\n\n"
    + _audit("CreatedBy")
    + _audit("ModifiedBy")
    + _audit("OrganizationId", form="False")
    + '<a name="manytoone"></a>\n\n## Many-To-One Relationships\n\n'
    "Each Many-To-One relationship is defined by a corresponding One-To-Many relationship with "
    "the related table. Listed by **SchemaName**.\n\n"
    '### <a name="BKMK_organization_roleeditorlayout"></a> organization_roleeditorlayout\n\n'
    "**Added by**: System Solution Solution\n\n"
    "See the [organization_roleeditorlayout](organization.md#BKMK_organization_roleeditorlayout)"
    " one-to-many relationship for the [organization](organization.md) table/entity.\n"
)


def _entity(folder: Path, pages: dict[str, str], name: str) -> etree._Element:
    specs = folder / "specs"
    specs.mkdir()
    for logical, text in pages.items():
        (specs / f"{logical}.md").write_text(text)
    code = main(["generate", "--specs", str(specs), "--out", str(folder / "out"), "--no-cache"])
    assert code == 0
    xml = (folder / "out" / "odata" / "metadata.xml").read_bytes()
    assert xsd_errors(xml) == []
    [entity] = [t for t in etree.fromstring(xml).iter(f"{EDM}EntityType") if t.get("Name") == name]
    return entity


def _singles(entity: etree._Element) -> dict[str, tuple[str, str | None]]:
    return {
        n.get("Name", ""): (n.get("Type", ""), n.get("Partner"))
        for n in entity.iter(f"{EDM}NavigationProperty")
        if not n.get("Type", "").startswith("Collection(")
    }


def test_a_relationship_finds_its_lookup_printed_without_targets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """roleeditorlayout's 2023 page prints ``organizationid`` with an empty Targets row and
    lists ``organization_roleeditorlayout`` by name alone: the lookup named as
    ``organization``'s key takes it, as every page stating the relationship's lookup has it."""
    entity = _entity(tmp_path, {"roleeditorlayout": ROLEEDITORLAYOUT}, "roleeditorlayout")
    assert "webapi-navigation" not in capsys.readouterr().err
    assert _singles(entity)["organizationid"] == (
        "mscrm.organization",
        "organization_roleeditorlayout",
    )
    # the audit lookups, printed without Targets and with no relationship, keep none
    assert "createdby" not in _singles(entity)


def test_a_lookup_with_targets_elsewhere_is_not_taken_by_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The rule reads the name only where the page is silent: a lookup printed with other
    Targets keeps the page's word (the relationship stays undecided, and says so)."""
    text = ROLEEDITORLAYOUT.replace(
        "|LogicalName|organizationid|\n|RequiredLevel|None|\n|Targets||",
        "|LogicalName|organizationid|\n|RequiredLevel|None|\n|Targets|systemuser|",
    )
    entity = _entity(tmp_path, {"roleeditorlayout": text}, "roleeditorlayout")
    assert "webapi-navigation" in capsys.readouterr().err
    assert "organizationid" not in _singles(entity) or _singles(entity)["organizationid"][1] != (
        "organization_roleeditorlayout"
    )


_KEYVAULT_2021 = """---
title: "KeyVaultReference table/entity reference (Microsoft Dataverse)| MicrosoftDocs"
ms.date: 05/20/2021
ms.service: "powerapps"
ms.topic: "reference"
manager: "annbe"
---

# KeyVaultReference table/entity reference

KeyVaultReference entity

**Added by**: ManagedIdentityExtensions Solution


## Properties

|Property|Value|
|--------|-----|
|EntitySetName|keyvaultreferences|
|LogicalName|keyvaultreference|
|OwnershipType|UserOwned|
|PrimaryIdAttribute|keyvaultreferenceid|
|PrimaryNameAttribute|keyvaulturi|
|SchemaName|KeyVaultReference|

<a name="writable-attributes"></a>

## Writable columns/attributes

- [KeyVaultReferenceId](#BKMK_KeyVaultReferenceId)
- [ManagedIdentityId](#BKMK_ManagedIdentityId)


### <a name="BKMK_KeyVaultReferenceId"></a> KeyVaultReferenceId

|Property|Value|
|--------|-----|
|Description|Unique identifier for entity instances|
|DisplayName|KeyVaultReference Id|
|IsValidForForm|False|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|keyvaultreferenceid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_ManagedIdentityId"></a> ManagedIdentityId

|Property|Value|
|--------|-----|
|Description|Unique identifier for managedidentity which if preauthorized for the keyvault.|
|DisplayName|PreauthorizedManagedIdentityId|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|managedidentityid|
|RequiredLevel|None|
|Targets|managedidentity|
|Type|Lookup|

<a name="read-only-attributes"></a>

## Read-only columns/attributes

- [managedidentityidName](#BKMK_managedidentityidName)


### <a name="BKMK_managedidentityidName"></a> managedidentityidName

|Property|Value|
|--------|-----|
|Description||
|DisplayName||
|FormatName|Text|
|IsLocalizable|False|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|managedidentityidname|
|MaxLength|100|
|RequiredLevel|None|
|Type|String|

<a name="manytoone"></a>

## Many-To-One Relationships

Listed by **SchemaName**.

- [managedidentity_KeyVaultReference](#BKMK_managedidentity_KeyVaultReference)


### <a name="BKMK_managedidentity_KeyVaultReference"></a> managedidentity_KeyVaultReference

See managedidentity Table [managedidentity_KeyVaultReference]\
(managedidentity.md#BKMK_managedidentity_KeyVaultReference) One-To-Many relationship.
"""

_KEYVAULT_2025_RELATIONSHIP = """
## Many-to-One relationships

These relationships are many-to-one. Listed by **SchemaName**.

### <a name="BKMK_managedidentity_KeyVaultReference"></a> managedidentity_KeyVaultReference

One-To-Many Relationship: [managedidentity managedidentity_KeyVaultReference]\
(managedidentity.md#BKMK_managedidentity_KeyVaultReference)

|Property|Value|
|---|---|
|ReferencedEntity|`managedidentity`|
|ReferencedAttribute|`managedidentityid`|
|ReferencingAttribute|`managedidentityid`|
|ReferencingEntityNavigationPropertyName|`managedidentityid`|
|IsHierarchical||
|CascadeConfiguration|Archive: `NoCascade`<br />Assign: `NoCascade`<br />Delete: `RemoveLink`<br />\
Merge: `NoCascade`<br />Reparent: `NoCascade`<br />RollupView: `NoCascade`<br />\
Share: `NoCascade`<br />Unshare: `NoCascade`|
"""


def test_a_2021_solution_lookup_is_named_as_its_display_name_column_spells_it(
    tmp_path: Path,
) -> None:
    """Microsoft's ``keyvaultreference`` EntityType (2021) has ``managedidentityid``, lower
    case, partnered with ``managedidentity_KeyVaultReference``: the 2021 page names the
    relationship alone, and ``managedidentityidName`` spells the lookup."""
    entity = _entity(tmp_path, {"keyvaultreference": _KEYVAULT_2021}, "keyvaultreference")
    assert _singles(entity)["managedidentityid"] == (
        "mscrm.managedidentity",
        "managedidentity_KeyVaultReference",
    )


def test_upgrading_keyvaultreference_to_its_2025_page_renames_no_navigation() -> None:
    """The 2025 page states ``managedidentityid``: against the 2021 page's model no
    ``navigation-renamed`` (breaking) shows."""
    newer = _KEYVAULT_2021.partition('<a name="manytoone"></a>')[0] + _KEYVAULT_2025_RELATIONSHIP
    before, _ = resolved(("keyvaultreference.md", _KEYVAULT_2021))
    after, _ = resolved(("keyvaultreference.md", newer))
    changes = diff_sets(before, after)
    assert not [c for c in changes if c.breaking], [(c.path, c.rule) for c in changes]


_ENTITYDATASOURCE_2021_LOOKUP = """---
title: "EntityDataSource table/entity reference (Microsoft Dataverse)| MicrosoftDocs"
ms.date: 06/07/2021
---

# EntityDataSource table/entity reference

Internal entity that stores data source information for all installed providers.


## Properties

|Property|Value|
|--------|-----|
|EntitySetName|entitydatasources|
|LogicalName|entitydatasource|
|OwnershipType|OrganizationOwned|
|PrimaryIdAttribute|entitydatasourceid|
|PrimaryNameAttribute|name|
|SchemaName|EntityDataSource|

<a name="writable-attributes"></a>

## Writable columns/attributes

- [EntityDataProviderId](#BKMK_EntityDataProviderId)


### <a name="BKMK_EntityDataProviderId"></a> EntityDataProviderId

|Property|Value|
|--------|-----|
|Description|Choose the entity dataprovider for the entity datasource.|
|DisplayName|Entity Provider|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|entitydataproviderid|
|RequiredLevel|None|
|Targets|contact|
|Type|Lookup|
"""


def test_a_2021_page_without_relationship_sections_reads_as_printed() -> None:
    """entitydatasource's 2021 page has no relationship section; its lookup keeps the
    Targets the page prints (``contact``), writable as the section says."""
    found = table(_ENTITYDATASOURCE_2021_LOOKUP)
    [lookup] = found.columns
    assert lookup.targets == ("contact",)
    assert (lookup.valid_for_create, lookup.valid_for_update) == (True, True)
    assert found.relationships.many_to_one == ()
