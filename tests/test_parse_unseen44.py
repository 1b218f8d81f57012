"""Variations met in a forty-fourth round of real pages outside the corpus, drawn with
random.Random(44) among tables no earlier round used (the corpus, the seed and the tests less).

Older versions (2017-2020), each of another date or layout where the draw allowed.
MicrosoftDocs/powerapps-docs, ``powerapps-docs/developer/common-data-service/reference/entities/``
(the first 100 files the index lists, 16 left): entitymap (drawn 1st, 03/07/2018, commit
34079adc), expanderevent (3rd, 10/31/2018, commit 21e75aca: Many-To-One only), dataperformance
(4th, 10/31/2018, commit 21e75aca: one writable column and one relationship, neither with its
bullet list), actioncardusersettings (10th, 03/07/2018, commit 30a34532: user owned without an
owner relationship), datalakeworkspacepermission (15th, 11/07/2020, commit 7493cba6: ``## Table
Properties``, ``## Writable Columns``, ``## Read-only Columns``). MicrosoftDocs/
dynamics-365-customer-engagement, ``ce/developer/entities/`` (9 left of the first 100):
channelproperty (drawn 1st, 10/31/2017, commit 10a51e4b: a Messages table and bold Properties
lines) and appconfiginstance (2nd, 10/31/2017, commit 0ab00ed5: its primary key read-only).
Passed over: convertrule and advancedsimilarityrule (the 03/07/2018 layout again).

Newest (powerapps-docs ``developer/data-platform/reference/entities/``, 53 Power Pages, Copilot,
AI, search and MCP tables left, pages over ~40k characters passed over): mspp_sitesetting (drawn
3rd, 2024-25 layout, a Virtual table, commit 0658c019), powerpageslog (4th, the same layout, an
Elastic table, commit 17f4f33f), dvtablesearch (5th, commit 17f4f33f: a lookup named after its
table, a ``RemoveLink`` relationship, a many-to-many one) and msdyn_aievaluationconfiguration
(9th, generated-reference, commit 2d5f8da2), read with the intersect page botcomponent_dvtablesearch
(drawn 52nd, commit 17f4f33f). Passed over: mspp_entityform (60,718 characters),
mspp_sitemarker (a 06/04/2024 page), msdyn_aibdatasetfile and msdyn_aibfeedbackloop (2023
commits), msdyn_copilotinteractions (read, not saved for want of time).

No fault was found: every column, choice, key and relationship of the twelve pages came out as
the pages state them, alone and read together. Microsoft's EntityTypes
(MicrosoftDocs/dynamics365-docs-odata-apis, ``WebAPI-reference/dynamics-ce-odata-9/
entitytypes/``): dataperformance 20 of 20 properties, ``_organizationid_value`` and its one
navigation property with its partner; datalakeworkspacepermission 24 of 24 properties, 6 lookup
properties, 6 single-valued and 8 collection-valued navigation properties with their partners;
appconfiginstance 16 of 16 properties and 7 lookup properties, its navigation properties named
otherwise (``appconfiginstance_createdby`` partnered with
``systemuser_appconfiginstance_createdby`` where the 2017 page names the relationship
``lk_appconfiginstance_createdby`` and states no navigation name: left, no page rule tells it).
entitymap, expanderevent, actioncardusersettings, channelproperty and the newer tables have no
EntityType there. Every output loaded into sqlite3 and PostgreSQL 15, parsed as T-SQL with
sqlglot, passed the OASIS CSDL XSD and the JSON Schema 2020-12 metaschema, and the pydantic
models imported and validated records (powerpageslog's refusing a choice and a time to live out
of range). What the pages showed is pinned below.
"""

from __future__ import annotations

from pathlib import Path

from dvgen.model import CascadeType, ColumnType, TableType
from tests.pages import table
from tests.test_parse_unseen38 import entity_type_alone

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"

_HEAD_2018 = (
    '---\ntitle: "DataPerformance Entity Reference (Common Data Service for Apps)| '
    'Microsoft Docs"\nms.date: 10/31/2018\n---\n# DataPerformance Entity Reference\n\n'
    "Data Performance Dashboard.\n\n"
    "## Entity Properties\n\n**DisplayName**: Data Performance Dashboard<br />\n"
    "**SchemaName**: DataPerformance<br />\n**LogicalName**: dataperformance<br />\n"
    "**EntitySetName**: dataperformances<br />\n**PrimaryIdAttribute**: dataperformanceid<br />\n"
    "**PrimaryNameAttribute**: <br />\n**OwnershipType**: OrganizationOwned<br />\n"
    "**IsBPFEntity**: False<br />\n"
)

_DATAPERFORMANCE = (
    _HEAD_2018 + '<a name="writable-attributes"></a>\n\n## Writable attributes\n\n'
    "These attributes return true for either **IsValidForCreate** or **IsValidForUpdate** "
    "(usually both). Listed by **SchemaName**.\n\n\n"
    '### <a name="BKMK_DataPerformanceId"></a> DataPerformanceId\n\n'
    "**Description**: Unique identifier of the performance suggestion.<br />\n"
    "**DisplayName**: Id<br />\n**LogicalName**: dataperformanceid<br />\n"
    "**IsValidForForm**: False<br />\n**IsValidForRead**: True<br />\n"
    "**RequiredLevel**: SystemRequired<br />\n**IsValidForUpdate**: False<br />\n"
    "**Type**: Uniqueidentifier<br />\n\n"
    '<a name="read-only-attributes"></a>\n## Read-only attributes\n'
    "These attributes return false for both **IsValidForCreate** or **IsValidForUpdate**. "
    "Listed by **SchemaName**.\n\n- [MaxTime](#BKMK_MaxTime)\n"
    "- [OrganizationId](#BKMK_OrganizationId)\n\n\n"
    '### <a name="BKMK_MaxTime"></a> MaxTime\n\n'
    "**Description**: Maximum execution time in seconds. (Aggregated)<br />\n"
    "**DisplayName**: Max Time<br />\n**LogicalName**: maxtime<br />\n"
    "**IsValidForForm**: True<br />\n**IsValidForRead**: True<br />\n"
    "**RequiredLevel**: None<br />\n**Type**: Decimal<br />\n**MaxValue**: 1000000000<br />\n"
    "**MinValue**: 0<br />\n**Precision**: 2\n\n\n"
    '### <a name="BKMK_OrganizationId"></a> OrganizationId\n\n'
    "**Description**: Unique identifier of the organization associated.<br />\n"
    "**DisplayName**: <br />\n**LogicalName**: organizationid<br />\n"
    "**IsValidForForm**: False<br />\n**IsValidForRead**: True<br />\n"
    "**RequiredLevel**: SystemRequired<br />\n**Type**: Lookup<br />\n**Targets**: organization\n\n"
    '<a name="manytoone"></a>\n\n## Many-To-One Relationships\n\n'
    "Each Many-To-One relationship is defined by a corresponding One-To-Many relationship with "
    "the related entity. Listed by **SchemaName**.\n\n\n"
    '### <a name="BKMK_lk_dataperformance_organizationid"></a> '
    "lk_dataperformance_organizationid\n\n"
    "See organization Entity [lk_dataperformance_organizationid](organization.md#BKMK_lk_"
    "dataperformance_organizationid) One-To-Many relationship.\ndataperformance\n\n"
)


def test_a_2018_section_of_one_item_without_its_list_is_read() -> None:
    """dataperformance of 10/31/2018: the Writable section holds one column and the Many-To-One
    section one relationship, neither with its bullet list; the page ends with a stray line
    naming the table."""
    page = table(_DATAPERFORMANCE)
    columns = {c.logical_name: c for c in page.columns}
    assert set(columns) == {"dataperformanceid", "maxtime", "organizationid"}
    key = columns["dataperformanceid"]
    assert (key.valid_for_create, key.valid_for_update) == (True, False)
    maxtime = columns["maxtime"]
    assert maxtime.type is ColumnType.DECIMAL
    assert (maxtime.valid_for_create, maxtime.valid_for_update, maxtime.precision) == (
        False,
        False,
        2,
    )
    assert page.primary_name_attribute is None
    assert [r.schema_name for r in page.relationships.many_to_one] == [
        "lk_dataperformance_organizationid"
    ]


def test_a_2018_pages_lookup_partners_microsofts_relationship(tmp_path: Path) -> None:
    """Microsoft's dataperformance EntityType: ``organizationid`` partnered with
    ``lk_dataperformance_organizationid``, and ``_organizationid_value``."""
    entity = entity_type_alone(tmp_path, "dataperformance", _DATAPERFORMANCE)
    navs = {n.get("Name"): n.get("Partner") for n in entity.iter(f"{EDM}NavigationProperty")}
    assert navs == {"organizationid": "lk_dataperformance_organizationid"}
    names = {p.get("Name") for p in entity.iter(f"{EDM}Property")}
    assert names == {"dataperformanceid", "maxtime", "_organizationid_value"}


def _block(schema: str, kind: str, rows: str) -> str:
    return (
        f'### <a name="BKMK_{schema}"></a> {schema}\n\n|Property|Value|\n|---|---|\n'
        f"|Description||\n|DisplayName|**{schema}**|\n|IsValidForForm|True|\n"
        f"|IsValidForRead|True|\n|LogicalName|`{schema.lower()}`|\n|RequiredLevel|None|\n"
        f"|Type|{kind}|\n{rows}\n"
    )


def _page_2025(logical: str, schema: str, kind: str, blocks: str) -> str:
    return (
        f'---\ntitle: "{schema} table/entity reference (Microsoft Dataverse)"\n'
        "ms.topic: reference\n---\n\n"
        f"# {schema} table/entity reference (Microsoft Dataverse)\n\n\n\n"
        "## Properties\n\n|Property|Value|\n| --- | --- |\n"
        f"| **DisplayName** | **{schema}** |\n| **SchemaName** | `{schema}` |\n"
        f"| **EntitySetName** | `{logical}s`|\n| **LogicalName** | `{logical}` |\n"
        f"| **PrimaryIdAttribute** | `{logical}id` |\n| **PrimaryNameAttribute** |`name` |\n"
        f"| **TableType** | `{kind}` |\n| **OwnershipType** | `OrganizationOwned` |\n\n"
        "## Writable columns/attributes\n\nThese columns/attributes return true for either "
        "**IsValidForCreate** or **IsValidForUpdate** (usually both). Listed by **SchemaName**.\n\n"
        + blocks
    )


def test_an_elastic_tables_json_memo_keeps_its_format_and_length() -> None:
    """powerpageslog: an Elastic table whose ``Content`` Memo is FormatName ``Json`` of
    1048575 characters."""
    blocks = (
        _block(
            "Content",
            "Memo",
            "|Format|Text|\n|FormatName|Json|\n|ImeMode|Auto|\n|IsLocalizable|False|\n"
            "|MaxLength|1048575|",
        )
        + _block("Name", "String", "|Format|Text|\n|FormatName|Text|\n|MaxLength|100|")
        + _block("PowerPagesLogId", "Uniqueidentifier", "")
    )
    page = table(_page_2025("powerpageslog", "PowerPagesLog", "Elastic", blocks))
    assert page.table_type is TableType.ELASTIC
    content = {c.logical_name: c for c in page.columns}["content"]
    assert content.type is ColumnType.MEMO
    assert (content.format_name, content.max_length) == ("Json", 1048575)


def test_a_virtual_power_pages_tables_state_is_update_only() -> None:
    """mspp_sitesetting: a Virtual table of the 2024-25 layout, which prints no IsValidForCreate;
    its statecode is update-only and its key create-only, as on other pages of the layout."""
    state = (
        "|DefaultFormValue||\n|GlobalChoiceName|`mspp_sitesetting_statecode`|\n\n"
        "#### statecode Choices/Options\n\n|Value|Details|\n|---|---|\n"
        "|0|Label: **Active**<br />DefaultStatus: 1<br />InvariantName: `Active`|\n"
        "|1|Label: **Inactive**<br />DefaultStatus: 2<br />InvariantName: `Inactive`|\n"
    )
    blocks = (
        _block("mspp_sitesettingId", "Uniqueidentifier", "")
        + _block("Name", "String", "|Format|Text|\n|FormatName|Text|\n|MaxLength|100|")
        + _block("statecode", "State", state)
    )
    page = table(_page_2025("mspp_sitesetting", "mspp_sitesetting", "Virtual", blocks))
    assert page.table_type is TableType.VIRTUAL
    columns = {c.logical_name: c for c in page.columns}
    assert (columns["statecode"].valid_for_create, columns["statecode"].valid_for_update) == (
        False,
        True,
    )
    key = columns["mspp_sitesettingid"]
    assert (key.valid_for_create, key.valid_for_update) == (True, False)


_PERMISSION_2020 = (
    '---\ntitle: "datalakeworkspacepermission table reference (Common Data Service)| '
    'MicrosoftDocs"\nms.date: 11/07/2020\n---\n# datalakeworkspacepermission table reference\n\n'
    "**Added by**: Data lake workspaces Solution\n\n\n## Table Properties\n\n"
    "|Property|Value|\n|--------|-----|\n"
    "|EntitySetName|datalakeworkspacepermissions|\n|LogicalName|datalakeworkspacepermission|\n"
    "|OwnershipType|OrganizationOwned|\n|PrimaryIdAttribute|datalakeworkspacepermissionid|\n"
    "|PrimaryNameAttribute|name|\n|SchemaName|datalakeworkspacepermission|\n\n"
    '<a name="writable-attributes"></a>\n\n## Writable Columns\n\n'
    "These columns (attributes) return true for either **IsValidForCreate** or "
    "**IsValidForUpdate** (usually both). Listed by **SchemaName**.\n\n"
    "- [appid](#BKMK_appid)\n- [canread](#BKMK_canread)\n"
    "- [datalakeworkspacepermissionId](#BKMK_datalakeworkspacepermissionId)\n"
    "- [name](#BKMK_name)\n\n\n"
    '### <a name="BKMK_appid"></a> appid\n\n|Property|Value|\n|--------|-----|\n'
    "|Description|Additional application id that needs access to the workspace.|\n"
    "|DisplayName|App Id|\n|IsValidForForm|True|\n|IsValidForRead|True|\n"
    "|IsValidForUpdate|False|\n|LogicalName|appid|\n|RequiredLevel|ApplicationRequired|\n"
    "|Type|Uniqueidentifier|\n\n\n"
    '### <a name="BKMK_canread"></a> canread\n\n|Property|Value|\n|--------|-----|\n'
    "|Description|Indicates whether the application id has read access to the workspace.|\n"
    "|DisplayName|Can Read|\n|IsValidForForm|True|\n|IsValidForRead|True|\n"
    "|LogicalName|canread|\n|RequiredLevel|ApplicationRequired|\n|Type|Boolean|\n\n"
    "#### canread Options\n\n|Value|Label|\n|-----|-----|\n|1|Yes|\n|0|No|\n\n"
    "**DefaultValue**: False\n\n\n\n"
    '### <a name="BKMK_datalakeworkspacepermissionId"></a> datalakeworkspacepermissionId\n\n'
    "|Property|Value|\n|--------|-----|\n|Description|Unique identifier for entity instances|\n"
    "|DisplayName|Data Lake Workspace Permission|\n|IsValidForForm|False|\n"
    "|IsValidForRead|True|\n|IsValidForUpdate|False|\n"
    "|LogicalName|datalakeworkspacepermissionid|\n|RequiredLevel|SystemRequired|\n"
    "|Type|Uniqueidentifier|\n\n\n"
    '### <a name="BKMK_name"></a> name\n\n|Property|Value|\n|--------|-----|\n'
    "|Description|The name of the custom entity.|\n|DisplayName|Name|\n|FormatName|Text|\n"
    "|IsLocalizable|False|\n|IsValidForForm|True|\n|IsValidForRead|True|\n"
    "|LogicalName|name|\n|MaxLength|100|\n|RequiredLevel|ApplicationRequired|\n|Type|String|\n\n"
    '<a name="read-only-attributes"></a>\n\n## Read-only Columns\n\n'
    "These columns (attributes) return false for both **IsValidForCreate** or "
    "**IsValidForUpdate**. Listed by **SchemaName**.\n\n- [statecode](#BKMK_statecode)\n\n\n"
    '### <a name="BKMK_statecode"></a> statecode\n\n|Property|Value|\n|--------|-----|\n'
    "|Description|Status of the Data Lake Workspace Permission|\n|DisplayName|Status|\n"
    "|IsValidForForm|True|\n|IsValidForRead|True|\n|LogicalName|statecode|\n"
    "|RequiredLevel|SystemRequired|\n|Type|State|\n\n#### statecode Options\n\n"
    "|Value|Label|DefaultStatus|InvariantName|\n|-----|-----|-------------|-------------|\n"
    "|0|Active|1|Active|\n|1|Inactive|2|Inactive|\n\n\n\n"
    '<a name="onetomany"></a>\n\n## One-To-Many Relationships\n\nListed by **SchemaName**.\n\n'
    "- [datalakeworkspacepermission_DuplicateBaseRecord](#BKMK_datalakeworkspacepermission_"
    "DuplicateBaseRecord)\n\n\n"
    '### <a name="BKMK_datalakeworkspacepermission_DuplicateBaseRecord"></a> '
    "datalakeworkspacepermission_DuplicateBaseRecord\n\n**Added by**: System Solution Solution\n\n"
    "Same as duplicaterecord entity [datalakeworkspacepermission_DuplicateBaseRecord]"
    "(duplicaterecord.md#BKMK_datalakeworkspacepermission_DuplicateBaseRecord) Many-To-One "
    "relationship.\n\n|Property|Value|\n|--------|-----|\n|ReferencingEntity|duplicaterecord|\n"
    "|ReferencingAttribute|baserecordid|\n|IsHierarchical|False|\n|IsCustomizable|True|\n"
    "|ReferencedEntityNavigationPropertyName|datalakeworkspacepermission_DuplicateBaseRecord|\n"
    "|AssociatedMenuConfiguration|Behavior: DoNotDisplay<br />Group: Details<br />Label: <br />"
    "Order: |\n|CascadeConfiguration|Assign: NoCascade<br />Delete: Cascade<br />Merge: "
    "NoCascade<br />Reparent: NoCascade<br />Share: NoCascade<br />Unshare: NoCascade|\n"
)


def test_a_november_2020_page_with_table_and_columns_headings(tmp_path: Path) -> None:
    """datalakeworkspacepermission of 11/07/2020: ``## Table Properties``, ``## Writable
    Columns``, ``## Read-only Columns``, a Boolean's two-column options table and its
    DefaultValue line. Microsoft's EntityType (``datalakeworkspacepermission.yml``): ``appid``
    writable (create-only on the page), ``statecode`` read-only, the duplicate detection
    collection partnered with ``baserecordid_datalakeworkspacepermission``."""
    page = table(_PERMISSION_2020)
    columns = {c.logical_name: c for c in page.columns}
    assert set(columns) == {
        "appid",
        "canread",
        "datalakeworkspacepermissionid",
        "name",
        "statecode",
    }
    assert (columns["appid"].valid_for_create, columns["appid"].valid_for_update) == (True, False)
    state = columns["statecode"]
    assert (state.valid_for_create, state.valid_for_update) == (False, False)
    assert [(c.value, c.label) for c in state.choices] == [(0, "Active"), (1, "Inactive")]
    canread = columns["canread"]
    assert canread.default_value is False
    assert [(c.value, c.label) for c in canread.choices] == [(1, "Yes"), (0, "No")]
    entity = entity_type_alone(tmp_path, "datalakeworkspacepermission", _PERMISSION_2020)
    navs = {n.get("Name"): n.get("Partner") for n in entity.iter(f"{EDM}NavigationProperty")}
    assert navs == {
        "datalakeworkspacepermission_DuplicateBaseRecord": (
            "baserecordid_datalakeworkspacepermission"
        )
    }


_INSTANCE_2017 = (
    '---\ntitle: "AppConfigInstance Entity Reference (Developer Guide for Dynamics 365 Customer '
    'Engagement)| MicrosoftDocs"\nms.date: 10/31/2017\n---\n# AppConfigInstance Entity '
    "Reference\n\nContains a property or a list of properties from the app configuration master "
    "list that can be customized for any app in Dynamics 365. For internal use only.\n\n\n"
    "## Messages\n\n|Message|Web API Operation|SDK Assembly|\n|-|-|-|\n"
    '|RetrieveUnpublishedMultiple|<xref href="Microsoft.Dynamics.CRM.RetrieveUnpublishedMultiple'
    '?text=RetrieveUnpublishedMultiple Function" />|<xref:Microsoft.Crm.Sdk.Messages.'
    "RetrieveUnpublishedMultipleRequest>|\n\n## Properties\n\n"
    "**DisplayName**: App Configuration Instance<br />\n**SchemaName**: AppConfigInstance<br />\n"
    "**LogicalName**: appconfiginstance<br />\n**EntitySetName**: appconfiginstances<br />\n"
    "**PrimaryIdAttribute**: appconfiginstanceid<br />\n**PrimaryNameAttribute**: <br />\n"
    "**OwnershipType**: OrganizationOwned<br />\n**IsBPFEntity**: False<br />\n"
    '<a name="writable-attributes"></a>\n\n## Writable attributes\n\n'
    "These attributes return true for either **IsValidForCreate** or **IsValidForUpdate** "
    "(usually both). Listed by **SchemaName**.\n\n"
    "- [AppConfigInstanceIdUnique](#BKMK_AppConfigInstanceIdUnique)\n\n\n"
    '### <a name="BKMK_AppConfigInstanceIdUnique"></a> AppConfigInstanceIdUnique\n\n'
    "**Description**: System-populated App Configuration Instance unique identifier.<br />\n"
    "**DisplayName**: AppConfigInstanceIdUnique<br />\n"
    "**LogicalName**: appconfiginstanceidunique<br />\n**IsValidForForm**: False<br />\n"
    "**IsValidForRead**: True<br />\n**RequiredLevel**: None<br />\n"
    "**IsValidForUpdate**: False<br />\n**Type**: Uniqueidentifier<br />\n\n"
    '<a name="read-only-attributes"></a>\n## Read-only attributes\n'
    "These attributes return false for both **IsValidForCreate** or **IsValidForUpdate**. "
    "Listed by **SchemaName**.\n\n- [AppConfigInstanceId](#BKMK_AppConfigInstanceId)\n"
    "- [CreatedOnBehalfBy](#BKMK_CreatedOnBehalfBy)\n\n\n"
    '### <a name="BKMK_AppConfigInstanceId"></a> AppConfigInstanceId\n\n'
    "**Description**: System-Populated App Configuration instance identifier.<br />\n"
    "**DisplayName**: AppConfig Instance ID<br />\n**LogicalName**: appconfiginstanceid<br />\n"
    "**IsValidForForm**: False<br />\n**IsValidForRead**: True<br />\n"
    "**RequiredLevel**: SystemRequired<br />\n**Type**: Uniqueidentifier<br />\n\n\n"
    '### <a name="BKMK_CreatedOnBehalfBy"></a> CreatedOnBehalfBy\n\n'
    "**Description**: Shows who created the record on behalf\u00c2\u00a0of another user.<br />\n"
    "**DisplayName**: Created By (Delegate)<br />\n**LogicalName**: createdonbehalfby<br />\n"
    "**IsValidForForm**: False<br />\n**IsValidForRead**: True<br />\n"
    "**RequiredLevel**: None<br />\n**Type**: Lookup<br />\n**Targets**: systemuser\n\n"
    "## See also\n\n[About the Entity Reference](../about-entity-reference.md)<br />\n"
)


def test_a_2017_page_whose_primary_key_is_read_only(tmp_path: Path) -> None:
    """appconfiginstance of 10/31/2017 (Dynamics 365 Customer Engagement): a Messages table and
    bold Properties lines; the primary key listed among the read-only attributes, as Microsoft's
    EntityType has it (``appconfiginstanceid`` ``isreadonly: true``), still the entity key; a
    description keeps the page's stray ``Â`` before a no-break space, as Microsoft's does."""
    page = table(_INSTANCE_2017)
    columns = {c.logical_name: c for c in page.columns}
    key = columns["appconfiginstanceid"]
    assert (key.valid_for_create, key.valid_for_update) == (False, False)
    unique = columns["appconfiginstanceidunique"]
    assert (unique.valid_for_create, unique.valid_for_update) == (True, False)
    assert columns["createdonbehalfby"].description == (
        "Shows who created the record on behalf\u00c2\u00a0of another user."
    )
    assert [m.name for m in page.messages] == ["RetrieveUnpublishedMultiple"]
    entity = entity_type_alone(tmp_path, "appconfiginstance", _INSTANCE_2017)
    assert [k.get("Name") for k in entity.iter(f"{EDM}PropertyRef")] == ["appconfiginstanceid"]


def test_a_generated_pages_business_unit_relationship_restricts() -> None:
    """msdyn_aievaluationconfiguration (generated-reference): ``business_unit_<t>`` restricts
    Archive and Delete where the table's other relationships cascade nothing."""
    restrict = (
        "Archive: `Restrict`<br />Assign: `NoCascade`<br />Delete: `Restrict`<br />Merge: "
        "`NoCascade`<br />Reparent: `NoCascade`<br />RollupView: `NoCascade`<br />Share: "
        "`NoCascade`<br />Unshare: `NoCascade`"
    )
    body = (
        _block("msdyn_AIEvaluationConfigurationId", "Uniqueidentifier", "")
        + _block("Name", "String", "|Format|Text|\n|FormatName|Text|\n|MaxLength|200|")
        + _block("OwningBusinessUnit", "Lookup", "|Targets|businessunit|")
        + "\n## Many-to-One relationships\n\nThese relationships are many-to-one. Listed by "
        "**SchemaName**.\n\n"
        '### <a name="BKMK_business_unit_msdyn_aievaluationconfiguration"></a> '
        "business_unit_msdyn_aievaluationconfiguration\n\nOne-To-Many Relationship: "
        "[businessunit business_unit_msdyn_aievaluationconfiguration](businessunit.md#BKMK_"
        "business_unit_msdyn_aievaluationconfiguration)\n\n|Property|Value|\n|---|---|\n"
        "|ReferencedEntity|`businessunit`|\n|ReferencedAttribute|`businessunitid`|\n"
        "|ReferencingAttribute|`owningbusinessunit`|\n"
        "|ReferencingEntityNavigationPropertyName|`owningbusinessunit`|\n|IsHierarchical||\n"
        f"|CascadeConfiguration|{restrict}|\n"
    )
    page = table(
        _page_2025(
            "msdyn_aievaluationconfiguration", "msdyn_AIEvaluationConfiguration", "Standard", body
        )
    )
    [relationship] = page.relationships.many_to_one
    cascade = relationship.cascade_configuration
    assert cascade is not None
    assert (cascade.archive, cascade.delete, cascade.assign) == (
        CascadeType.RESTRICT,
        CascadeType.RESTRICT,
        CascadeType.NO_CASCADE,
    )


def test_a_lookup_named_after_its_table_keeps_the_pages_navigation_name(tmp_path: Path) -> None:
    """dvtablesearch (2024-25 layout): the lookup ``connectionreference`` to the table of that
    name, whose ReferencingEntityNavigationPropertyName is ``ConnectionReference``; its
    relationship removes the link on Archive and Delete."""
    remove = (
        "Archive: `RemoveLink`<br />Assign: `NoCascade`<br />Delete: `RemoveLink`<br />Merge: "
        "`NoCascade`<br />Reparent: `NoCascade`<br />RollupView: `NoCascade`<br />Share: "
        "`NoCascade`<br />Unshare: `NoCascade`"
    )
    body = (
        _block("DVTableSearchId", "Uniqueidentifier", "")
        + _block("Name", "String", "|Format|Text|\n|FormatName|Text|\n|MaxLength|100|")
        + _block("ConnectionReference", "Lookup", "|Targets|connectionreference|")
        + "\n## Many-to-One relationships\n\nThese relationships are many-to-one. Listed by "
        "**SchemaName**.\n\n"
        '### <a name="BKMK_ConnectionReference_DVTableSearch"></a> '
        "ConnectionReference_DVTableSearch\n\nOne-To-Many Relationship: [connectionreference "
        "ConnectionReference_DVTableSearch](connectionreference.md#BKMK_ConnectionReference_"
        "DVTableSearch)\n\n|Property|Value|\n|---|---|\n"
        "|ReferencedEntity|`connectionreference`|\n"
        "|ReferencedAttribute|`connectionreferenceid`|\n"
        "|ReferencingAttribute|`connectionreference`|\n"
        "|ReferencingEntityNavigationPropertyName|`ConnectionReference`|\n|IsHierarchical||\n"
        f"|CascadeConfiguration|{remove}|\n"
    )
    text = _page_2025("dvtablesearch", "DVTableSearch", "Standard", body)
    [relationship] = table(text).relationships.many_to_one
    cascade = relationship.cascade_configuration
    assert cascade is not None
    assert (cascade.archive, cascade.delete) == (CascadeType.REMOVE_LINK, CascadeType.REMOVE_LINK)
    entity = entity_type_alone(tmp_path, "dvtablesearch", text)
    navs = {n.get("Name"): n.get("Partner") for n in entity.iter(f"{EDM}NavigationProperty")}
    assert navs == {"ConnectionReference": "ConnectionReference_DVTableSearch"}
    names = {p.get("Name") for p in entity.iter(f"{EDM}Property")}
    assert "_connectionreference_value" in names
