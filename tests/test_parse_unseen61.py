"""A sixty-first round of real pages outside the corpus, each with a Microsoft EntityType in
MicrosoftDocs/dynamics365-docs-odata-apis (``WebAPI-reference/dynamics-ce-odata-9/entitytypes/``).
The pool is nearly spent: of the tables that have both an EntityType and a reference page, nine
were left that neither the corpus nor the tests name; drawn with random.Random(61) in the draw's
order (msdyn_relationshipinsightsunifiedconfig, msdyn_postalbum, msdyn_solutioncomponentsummary,
msdyn_wallsavedquery, resourcegroup, msdyn_postconfig, msdyn_siconfig, msdyn_postruleconfig,
msdyn_wallsavedqueryusersettings). powerapps-docs holds a page of one of them only; the others'
pages have moved to MicrosoftDocs/dynamics-365-customer-engagement
(``ce/developer/reference/entities/``, the 2024-2025 generated-reference layout), which this round
took instead. Rebuilt under /tmp/pages61 from read_file's text, each of read_file's
``total_chars`` and the text at offset 16,000 matching:

- msdyn_solutioncomponentsummary (powerapps-docs 09770ae5, G1 02/15/2023: a virtual table of 58
  writable Strings and Decimals of MaxValue 100000000000, Precision 2, an ``organizationid``
  Uniqueidentifier, no relationship section);
- msdyn_postconfig (CE b240ea71), msdyn_postruleconfig (CE d6fd2a00), msdyn_wallsavedquery
  (CE d6fd2a00): three tables joined by Cascade relationships, a Boolean labelled Shown/Hidden,
  a String ``msdyn_savedqueryid`` of ImeMode Disabled;
- resourcegroup (CE 029760a1): its primary key ``resourcegroupid`` is also the referencing
  attribute of ``team_resource_groups`` and ``constraintbasedgroup_resource_groups`` (a scheduling
  group shares the id of its team or its constraint-based group), four bold ``function`` Web API
  cells, an EntityName ``objecttypecode``;
- msdyn_siconfig (CE ea896eec): an empty description paragraph, DisplayCollectionName equal to
  the DisplayName, empty DisplayName rows, an Owner of ``systemuser, team``;
- read, not rebuilt: msdyn_postalbum (CE ea896eec, 43,719 characters, an ordinary UserOwned
  table). msdyn_relationshipinsightsunifiedconfig, msdyn_wallsavedqueryusersettings: the index
  holds no page of either.

Read each alone, together and with the corpus: no diagnostic on any of them; SQLite, PostgreSQL
15, sqlglot (tsql), the OASIS CSDL XSD, the JSON Schema 2020-12 metaschema and the pydantic
package accept the outputs; the corpus outputs are unchanged (no source change). Against
Microsoft's EntityTypes, every property, lookup property, single- and collection-valued
navigation property and Partner of the six tables match (msdyn_solutioncomponentsummary's
``msdyn_lcid``, ``msdyn_primaryidattribute``, ``msdyn_standardstatus`` and ``organizationid``
are newer than the 2021 EntityType: a version difference). No fault found; the tests pin the
cases a regression would most likely break.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from lxml import etree

from dvgen.cli import main
from dvgen.model import ColumnType
from tests.pages import table
from tests.test_odata_tools import xsd_errors

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"

CE_HEAD = """\
---
title: "{title} ({schema}) table/entity reference (Microsoft Dynamics 365)"
ms.topic: generated-reference
---

# {title} ({schema}) table/entity reference (Microsoft Dynamics 365)

{description}

## Properties

|Property|Value|
| --- | --- |
| **DisplayName** | **{title}** |
| **DisplayCollectionName** | **{collection}** |
| **SchemaName** | `{schema}` |
| **EntitySetName** | `{logical}s`|
| **LogicalName** | `{logical}` |
| **PrimaryIdAttribute** | `{logical}id` |
| **PrimaryNameAttribute** |`{name}` |
| **TableType** | `Standard` |
| **OwnershipType** | `{ownership}` |

"""

CASCADE = (
    "Archive: `NoCascade`<br />Assign: `{0}`<br />Delete: `{0}`<br />Merge: `NoCascade`"
    "<br />Reparent: `{0}`<br />RollupView: `NoCascade`<br />Share: `{0}`<br />Unshare: `{0}`"
)


def _many_to_one(name: str, target: str, key: str, attribute: str, nav: str, cascade: str) -> str:
    return f"""\
### <a name="BKMK_{name}"></a> {name}

One-To-Many Relationship: [{target} {name}]({target}.md#BKMK_{name})

|Property|Value|
|---|---|
|ReferencedEntity|`{target}`|
|ReferencedAttribute|`{key}`|
|ReferencingAttribute|`{attribute}`|
|ReferencingEntityNavigationPropertyName|`{nav}`|
|IsHierarchical||
|CascadeConfiguration|{CASCADE.format(cascade)}|

"""


def _one_to_many(name: str, target: str, attribute: str) -> str:
    return f"""\
### <a name="BKMK_{name}"></a> {name}

Many-To-One Relationship: [{target} {name}]({target}.md#BKMK_{name})

|Property|Value|
|---|---|
|ReferencingEntity|`{target}`|
|ReferencingAttribute|`{attribute}`|
|ReferencedEntityNavigationPropertyName|`{name}`|
|IsCustomizable|`True`|

"""


def _key(logical: str) -> str:
    return f"""\
### <a name="BKMK_{logical}Id"></a> {logical}Id

|Property|Value|
|---|---|
|LogicalName|`{logical}id`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

"""


def _lookup(schema: str, target: str, required: str = "ApplicationRequired") -> str:
    return f"""\
### <a name="BKMK_{schema}"></a> {schema}

|Property|Value|
|---|---|
|LogicalName|`{schema.lower()}`|
|RequiredLevel|{required}|
|Type|Lookup|
|Targets|{target}|

"""


RESOURCEGROUP = (
    CE_HEAD.format(
        title="Scheduling Group",
        schema="ResourceGroup",
        collection="Scheduling Groups",
        logical="resourcegroup",
        name="name",
        ownership="BusinessOwned",
        description="Resource group or team whose members can be scheduled for a service.",
    )
    + """\
## Writable columns/attributes

### <a name="BKMK_ObjectTypeCode"></a> ObjectTypeCode

|Property|Value|
|---|---|
|Description|**Type of entity with which the scheduling group is associated.**|
|LogicalName|`objecttypecode`|
|RequiredLevel|SystemRequired|
|Type|EntityName|

### <a name="BKMK_ResourceGroupId"></a> ResourceGroupId

|Property|Value|
|---|---|
|Description|**Unique identifier of the scheduling group.**|
|LogicalName|`resourcegroupid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

"""
    + _lookup("BusinessUnitId", "businessunit", "None")
    + "## Many-to-One relationships\n\n"
    + _many_to_one(
        "business_unit_resource_groups",
        "businessunit",
        "businessunitid",
        "businessunitid",
        "businessunitid",
        "NoCascade",
    )
    + _many_to_one(
        "constraintbasedgroup_resource_groups",
        "constraintbasedgroup",
        "constraintbasedgroupid",
        "resourcegroupid",
        "resourcegroupid_constraintbasedgroup",
        "NoCascade",
    )
    + _many_to_one(
        "team_resource_groups",
        "team",
        "teamid",
        "resourcegroupid",
        "resourcegroupid_team",
        "NoCascade",
    )
    + "## One-to-Many relationships\n\n"
    + _one_to_many("ResourceGroup_SyncErrors", "syncerror", "regardingobjectid")
)
"""resourcegroup (CE 029760a1), cut down: the two relationships whose referencing attribute is
the table's own primary key, and an ordinary lookup beside them."""

POSTCONFIG = (
    CE_HEAD.format(
        title="Post Configuration",
        schema="msdyn_PostConfig",
        collection="Post Configurations",
        logical="msdyn_postconfig",
        name="msdyn_entitydisplayname",
        ownership="OrganizationOwned",
        description="Enable or disable entities for Activity Feeds and Yammer collaboration.",
    )
    + "## Writable columns/attributes\n\n"
    + _key("msdyn_PostConfig")
    + "## One-to-Many relationships\n\n"
    + _one_to_many(
        "msdyn_postconfig_msdyn_postruleconfig", "msdyn_postruleconfig", "msdyn_postconfigid"
    )
    + _one_to_many(
        "msdyn_postconfig_wallsavedquery", "msdyn_wallsavedquery", "msdyn_postconfigurationid"
    )
)
"""msdyn_postconfig (CE b240ea71), cut down to its key and two one-to-many relationships."""

POSTRULECONFIG = (
    CE_HEAD.format(
        title="Post Rule Configuration",
        schema="msdyn_PostRuleConfig",
        collection="Post Rule Configurations",
        logical="msdyn_postruleconfig",
        name="msdyn_name",
        ownership="OrganizationOwned",
        description="Enable or disable system post rules for an entity for Activity Feeds.",
    )
    + "## Writable columns/attributes\n\n"
    + _key("msdyn_PostRuleConfig")
    + _lookup("msdyn_PostConfigId", "msdyn_postconfig")
    + "## Many-to-One relationships\n\n"
    + _many_to_one(
        "msdyn_postconfig_msdyn_postruleconfig",
        "msdyn_postconfig",
        "msdyn_postconfigid",
        "msdyn_postconfigid",
        "msdyn_PostConfigId",
        "Cascade",
    )
)
"""msdyn_postruleconfig (CE d6fd2a00): its lookup's navigation property keeps the SchemaName's
capitals, ``msdyn_PostConfigId``."""

WALLSAVEDQUERY = (
    CE_HEAD.format(
        title="Wall View",
        schema="msdyn_wallsavedquery",
        collection="Wall Views",
        logical="msdyn_wallsavedquery",
        name="msdyn_entityname",
        ownership="OrganizationOwned",
        description="Contains information regarding which views are available for users.",
    ).replace("`msdyn_wallsavedquerys`", "`msdyn_wallsavedqueries`")
    + "## Writable columns/attributes\n\n"
    + _key("msdyn_wallsavedquery")
    + _lookup("msdyn_postconfigurationid", "msdyn_postconfig")
    + """\
### <a name="BKMK_msdyn_IsVisible"></a> msdyn_IsVisible

|Property|Value|
|---|---|
|Description|**Indicates that corresponding system view should be displayed on personal wall**|
|DisplayName|**Status**|
|LogicalName|`msdyn_isvisible`|
|RequiredLevel|ApplicationRequired|
|Type|Boolean|
|GlobalChoiceName|`msdyn_wallsavedquery_msdyn_isvisible`|
|DefaultValue|False|
|True Label|Shown|
|False Label|Hidden|

### <a name="BKMK_msdyn_SavedQueryId"></a> msdyn_SavedQueryId

|Property|Value|
|---|---|
|Description|**Unique identifier of the view that should be displayed on the personal wall.**|
|LogicalName|`msdyn_savedqueryid`|
|RequiredLevel|ApplicationRequired|
|Type|String|
|Format|Text|
|ImeMode|Disabled|
|MaxLength|50|

"""
    + "## Many-to-One relationships\n\n"
    + _many_to_one(
        "msdyn_postconfig_wallsavedquery",
        "msdyn_postconfig",
        "msdyn_postconfigid",
        "msdyn_postconfigurationid",
        "msdyn_postconfigurationid",
        "Cascade",
    )
)
"""msdyn_wallsavedquery (CE d6fd2a00), cut down."""


def _generate(folder: Path, pages: dict[str, str]) -> etree._Element:
    specs = folder / "specs"
    specs.mkdir()
    for name, text in pages.items():
        (specs / f"{name}.md").write_text(text, encoding="utf-8")
    out = folder / "out"
    assert main(["generate", "--specs", str(specs), "--out", str(out), "--no-cache", "-q"]) == 0
    xml = (out / "odata" / "metadata.xml").read_bytes()
    assert xsd_errors(xml) == []
    return etree.fromstring(xml)


def _entity(root: etree._Element, logical: str) -> etree._Element:
    [entity] = [t for t in root.iter(f"{EDM}EntityType") if t.get("Name") == logical]
    return entity


def _navigations(entity: etree._Element) -> dict[str, tuple[str, str]]:
    return {
        n.get("Name", ""): (n.get("Type", ""), n.get("Partner", ""))
        for n in entity.iter(f"{EDM}NavigationProperty")
    }


def test_relationships_on_the_own_key_give_navigations_without_a_lookup_property(
    tmp_path: Path,
) -> None:
    """Microsoft's resourcegroup EntityType: ``resourcegroupid_constraintbasedgroup`` and
    ``resourcegroupid_team`` are single-valued navigations, and no ``_resourcegroupid_value``
    lookup property exists (the id is the key itself); ``_businessunitid_value`` does."""
    root = _generate(tmp_path, {"resourcegroup": RESOURCEGROUP})
    entity = _entity(root, "resourcegroup")
    properties = {p.get("Name") for p in entity.iter(f"{EDM}Property")}
    assert "_businessunitid_value" in properties
    assert "_resourcegroupid_value" not in properties
    navigations = _navigations(entity)
    assert navigations["resourcegroupid_team"] == (
        "mscrm.team",
        "team_resource_groups",
    )
    assert navigations["resourcegroupid_constraintbasedgroup"] == (
        "mscrm.constraintbasedgroup",
        "constraintbasedgroup_resource_groups",
    )
    assert navigations["ResourceGroup_SyncErrors"] == (
        "Collection(mscrm.syncerror)",
        "regardingobjectid_resourcegroup_syncerror",
    )
    [key] = entity.iter(f"{EDM}PropertyRef")
    assert key.get("Name") == "resourcegroupid"


def test_a_capitalised_navigation_name_on_one_page_is_the_partner_on_the_other(
    tmp_path: Path,
) -> None:
    """Microsoft's msdyn_postconfig EntityType: ``msdyn_postconfig_msdyn_postruleconfig``'s
    Partner is ``msdyn_PostConfigId`` (as the postruleconfig page prints it), and
    ``msdyn_postconfig_wallsavedquery``'s ``msdyn_postconfigurationid``."""
    root = _generate(
        tmp_path,
        {
            "msdyn_postconfig": POSTCONFIG,
            "msdyn_postruleconfig": POSTRULECONFIG,
            "msdyn_wallsavedquery": WALLSAVEDQUERY,
        },
    )
    config = _navigations(_entity(root, "msdyn_postconfig"))
    assert config["msdyn_postconfig_msdyn_postruleconfig"] == (
        "Collection(mscrm.msdyn_postruleconfig)",
        "msdyn_PostConfigId",
    )
    assert config["msdyn_postconfig_wallsavedquery"] == (
        "Collection(mscrm.msdyn_wallsavedquery)",
        "msdyn_postconfigurationid",
    )
    rule = _navigations(_entity(root, "msdyn_postruleconfig"))
    assert rule["msdyn_PostConfigId"] == (
        "mscrm.msdyn_postconfig",
        "msdyn_postconfig_msdyn_postruleconfig",
    )
    wall = _entity(root, "msdyn_wallsavedquery")
    types = {p.get("Name"): p.get("Type") for p in wall.iter(f"{EDM}Property")}
    assert types["msdyn_savedqueryid"] == "Edm.String"  # a String, not a lookup, despite "id"
    assert types["msdyn_isvisible"] == "Edm.Boolean"
    assert types["_msdyn_postconfigurationid_value"] == "Edm.Guid"


def test_a_boolean_with_its_own_labels_and_a_string_named_like_an_id() -> None:
    """msdyn_wallsavedquery: Shown/Hidden are the options of ``msdyn_isvisible``; the String
    ``msdyn_savedqueryid`` keeps its MaxLength 50."""
    wall = table(WALLSAVEDQUERY)
    columns = {c.logical_name: c for c in wall.columns}
    visible = columns["msdyn_isvisible"]
    assert sorted((c.value, c.label) for c in visible.choices) == [(0, "Hidden"), (1, "Shown")]
    assert visible.default_value is False
    saved = columns["msdyn_savedqueryid"]
    assert (saved.type, saved.max_length) == (ColumnType.STRING, 50)


SUMMARY_DECIMAL = """\
---
title: "msdyn_solutioncomponentsummary table/entity reference (Microsoft Dataverse)"
ms.date: 02/15/2023
ms.topic: "reference"
---

# msdyn_solutioncomponentsummary table/entity reference

## Properties

|Property|Value|
|--------|-----|
|EntitySetName|msdyn_solutioncomponentsummaries|
|LogicalName|msdyn_solutioncomponentsummary|
|OwnershipType|OrganizationOwned|
|PrimaryIdAttribute|msdyn_solutioncomponentsummaryid|
|PrimaryNameAttribute|msdyn_name|
|SchemaName|msdyn_solutioncomponentsummary|

<a name="writable-attributes"></a>

## Writable columns/attributes

### <a name="BKMK_msdyn_lcid"></a> msdyn_lcid

|Property|Value|
|--------|-----|
|Description|Language code for component|
|DisplayName|msdyn_lcid|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|msdyn_lcid|
|MaxValue|100000000000|
|MinValue|-100000000000|
|Precision|2|
|RequiredLevel|None|
|Type|Decimal|
"""


def test_a_virtual_summary_decimal_keeps_range_and_precision() -> None:
    """msdyn_solutioncomponentsummary (powerapps-docs 09770ae5): a Decimal ``msdyn_lcid`` of
    ±100000000000 and Precision 2 (Microsoft's EntityType: Edm.Decimal)."""
    summary = table(SUMMARY_DECIMAL)
    (lcid,) = [c for c in summary.columns if c.logical_name == "msdyn_lcid"]
    assert lcid.type is ColumnType.DECIMAL
    assert (lcid.min_value, lcid.max_value, lcid.precision) == (
        Decimal(-100000000000),
        Decimal(100000000000),
        2,
    )
