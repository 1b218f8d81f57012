"""Variations met in a ninth round of real pages outside the corpus (2017-2025: the same
tables at several dates and formats, connectionroleassociation 2017/2018/2025 and
azureserviceconnection 2017/2018; Power Pages, Marketing, Sales, Field Service and Copilot
tables; extension pages; tables and columns named like target keywords, ``position``,
``type``), each as a minimal page written for the test. Real problems fixed: the hand-written
Dynamics 365 Sales pages (msdyn_predictivescore, msdyn_predictivemodelscore, 2020-2022) run
more bold lines into the ``**Added by**`` line with Markdown hard breaks, and all of them
became the solution's name; they put that paragraph under ``## Entity details``, a section
dvgen ignored with a warning; and the ``## Events`` of a Dynamics 365 page extending a
Dataverse table (aipluginconversationstartermapping, aipluginauth, 2024) were dropped without
a word when the page was applied. The other tests pin what the readers took, so that a later
change cannot lose it."""

from __future__ import annotations

from dvgen.model import ColumnType, OwnershipType, Table, TableExtension, TableType
from tests.pages import parse, resolved, table

SALES_HEAD = """\
# msdyn_predictivemodelscore Entity Reference

> [!NOTE]
> This entity is for internal use only.

"""

SALES_DETAILS = """\
**Added by**: Predictive Scoring Common Solution  \n\
**Entity set path**: ```[organizationURI]/api/data/v9.1/msdyn_predictivemodelscores```  \n\
**Display name**: Predictive Model Score  \n\
**Alternate key**: msdyn_PredictiveModelScoreKey  \n\
**Operations supported**:   \n\
  - For admin: Create, retrieve, retrieve multiple, update, and delete
  - For other users: Retrieve

"""

SALES_BODY = """\
## Entity Properties

|Property|Value|
|--------|-----|
|LogicalName|msdyn_predictivemodelscore|
|PrimaryIdAttribute|msdyn_predictivemodelscoreid|
|SchemaName|msdyn_predictivemodelscore|

## Writable attributes

### <a name="BKMK_msdyn_predictivemodelscoreId"></a> msdyn_predictivemodelscoreId

|Property|Value|
|--------|-----|
|LogicalName|msdyn_predictivemodelscoreid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|
"""

SALES_REST = """\
**Entity set path**: ```[organizationURI]/api/data/v9.1/msdyn_predictivemodelscores```
**Display name**: Predictive Model Score
**Alternate key**: msdyn_PredictiveModelScoreKey
**Operations supported**:
  - For admin: Create, retrieve, retrieve multiple, update, and delete
  - For other users: Retrieve"""


def test_the_added_by_line_ends_with_its_line_and_the_lines_run_into_it_are_prose() -> None:
    """msdyn_predictivemodelscore (Sales, 11/2020): ``**Added by**: X Solution`` then, after
    Markdown hard breaks, ``**Entity set path**``, ``**Alternate key**`` and more. The whole
    paragraph was the solution's name; now the name is the line's and the rest is the page's
    description, its hard breaks gone."""
    spec = table(SALES_HEAD + SALES_DETAILS + SALES_BODY)
    assert spec.added_by == "Predictive Scoring Common"
    assert spec.description == SALES_REST


def test_an_entity_details_section_is_read_as_the_introduction() -> None:
    """msdyn_predictivescore (Sales, 2020-2022) puts the same paragraph under ``## Entity
    details``, after the title's sentence: no section-unknown warning, both texts kept."""
    title = "# msdyn_predictivescore Entity Reference\n\nThis article includes schema information."
    spec = table(title + "\n\n## Entity details\n\n" + SALES_DETAILS + SALES_BODY)
    assert spec.added_by == "Predictive Scoring Common"
    assert spec.description == "This article includes schema information.\n\n" + SALES_REST


def test_a_line_run_into_a_column_added_by_is_reported_not_taken_for_the_name() -> None:
    """The same hard break in a column block: the solution is the first line's, and the line
    after it is text dvgen does not understand, said so rather than kept in the name."""
    column = SALES_BODY.replace(
        "|Property|Value|\n|--------|-----|\n|LogicalName|msdyn_predictivemodelscoreid|",
        "**Added by**: Active Solution Solution  \nSee the key.\n\n"
        "|Property|Value|\n|--------|-----|\n|LogicalName|msdyn_predictivemodelscoreid|",
    )
    spec, warnings = parse(SALES_HEAD + column)
    assert isinstance(spec, Table)
    (id_column,) = spec.columns
    assert id_column.added_by == "Active Solution"
    assert id_column.type is ColumnType.UNIQUEIDENTIFIER
    assert len(warnings) == 1
    assert "text not understood: 'See the key.'" in warnings[0]


BASE = """\
# AI Plugin Conversation Starter Mapping (AIPluginConversationStarterMapping) table/entity reference

AIPlugins component

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `AIPluginConversationStarterMapping` |
| **LogicalName** | `aipluginconversationstartermapping` |
| **PrimaryIdAttribute** | `aipluginconversationstartermappingid` |

## Writable columns/attributes

### <a name="BKMK_AIPluginConversationStarterMappingId"></a> AIPluginConversationStarterMappingId

|Property|Value|
|---|---|
|LogicalName|`aipluginconversationstartermappingid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|
"""

EVENTS_ONLY = """\
# AI Plugin Conversation Starter Mapping (AIPluginConversationStarterMapping) table/entity reference

AIPlugins component

> [!NOTE]
> The Microsoft Dynamics 365 AI Plugin Conversation Starter Mapping \
(AIPluginConversationStarterMapping) table extends the [Microsoft Dataverse AI Plugin \
Conversation Starter Mapping (AIPluginConversationStarterMapping) \
table](/power-apps/developer/data-platform/reference/entities/aipluginconversationstartermapping).

## Events

|Name|Web API Operation |SDK for .NET |
| ---- | ----- |----- |
| `BulkRetain`|<xref:Microsoft.Dynamics.CRM.BulkRetain?displayProperty=nameWithType /> |[SDK](x)|
| `Retain`|<xref:Microsoft.Dynamics.CRM.Retain?displayProperty=nameWithType /> |[SDK](x)|
"""


def test_the_events_a_dynamics_365_page_adds_reach_the_table_it_extends() -> None:
    """aipluginconversationstartermapping (Dynamics 365, 08/2024) lists only the retention
    events it adds: the page is an extension, and its events are the table's once applied."""
    spec, _ = parse(EVENTS_ONLY, "d365.md")
    assert isinstance(spec, TableExtension)
    assert [e.name for e in spec.events] == ["BulkRetain", "Retain"]
    tables, warnings = resolved(("base.md", BASE), ("d365.md", EVENTS_ONLY))
    assert warnings == []
    (mapping,) = tables.tables
    assert [e.name for e in mapping.events] == ["BulkRetain", "Retain"]
    assert mapping.events[1].web_api_operation == (
        "<xref:Microsoft.Dynamics.CRM.Retain?displayProperty=nameWithType />"
    )


ESCAPED_LABELS = """\
# mobileofflineprofileitemfilter table/entity reference (Microsoft Dataverse)

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `mobileofflineprofileitemfilter` |
| **LogicalName** | `mobileofflineprofileitemfilter` |
| **PrimaryIdAttribute** | `mobileofflineprofileitemfilterid` |
| **TableType** | `Elastic` |

## Writable columns/attributes

### <a name="BKMK_type"></a> type

|Property|Value|
|---|---|
|Description||
|DisplayName|**Type**|
|LogicalName|`type`|
|RequiredLevel|SystemRequired|
|Type|Picklist|
|DefaultFormValue|-1|
|GlobalChoiceName|`mobileofflineprofileitemfilter_type`|

#### type Choices/Options

|Value|Label|
|---|---|
|0|**DELTA\\_IN**|
|3|**TOP\\_1**|
|4|**RELATED\\_ENTITIES**|
"""


def test_escaped_underscores_in_bold_labels_are_plain_underscores() -> None:
    """mobileofflineprofileitemfilter (generated reference, 2025) escapes the underscores of
    its option labels inside bold (``**CUD\\_IN**``), and names a column ``type``."""
    spec = table(ESCAPED_LABELS)
    (column,) = spec.columns
    assert (column.logical_name, column.type) == ("type", ColumnType.PICKLIST)
    assert [(c.value, c.label) for c in column.choices] == [
        (0, "DELTA_IN"),
        (3, "TOP_1"),
        (4, "RELATED_ENTITIES"),
    ]
    assert spec.table_type is TableType.ELASTIC


PROPERTY_NAMED_COLUMNS = """\
# CustomAPIResponseProperty entity reference

> [!NOTE]
> Effective Nov 2020, Common Data Service has been renamed to Microsoft Dataverse.

Entity that defines a response property for a custom API 

## Entity properties

|Property|Value|
|--------|-----|
|LogicalName|customapiresponseproperty|
|PrimaryIdAttribute|customapiresponsepropertyid|
|SchemaName|CustomAPIResponseProperty|

## Writable attributes

### <a name="BKMK_Description"></a> Description

|Property|Value|
|--------|-----|
|Description|Localized description for custom API response property instances|
|DisplayName|Description|
|FormatName|Text|
|IsLocalizable|True|
|LogicalName|description|
|MaxLength|100|
|RequiredLevel|ApplicationRequired|
|Type|String|


### <a name="BKMK_Type"></a> Type

|Property|Value|
|--------|-----|
|Description|The data type of the custom API response property|
|DisplayName|Type|
|IsValidForUpdate|False|
|LogicalName|type|
|RequiredLevel|SystemRequired|
|Type|Picklist|

#### Type Options

|Value|Label|
|-----|-----|
|0|Boolean|
|10|String|
"""


def test_columns_named_like_property_rows_keep_their_own_facets() -> None:
    """customapiresponseproperty (11/2020): columns named ``Description`` and ``Type``, the
    latter with a ``#### Type Options`` heading; each block reads as its column."""
    spec = table(PROPERTY_NAMED_COLUMNS)
    description, kind = spec.columns
    assert (description.logical_name, description.type) == ("description", ColumnType.STRING)
    assert (description.max_length, description.is_localizable) == (100, True)
    assert (kind.schema_name, kind.type, kind.valid_for_update) == (
        "Type",
        ColumnType.PICKLIST,
        False,
    )
    assert [(c.value, c.label) for c in kind.choices] == [(0, "Boolean"), (10, "String")]
    assert spec.description == "Entity that defines a response property for a custom API"


BOLD_2017 = """\
# AzureServiceConnection Entity Reference

[!INCLUDE[](../../includes/cc_applies_to_update_9_0_0.md)]

Stores connection information for an Azure service


## Properties

**DisplayName**: Azure Service Connection<br />
**SchemaName**: AzureServiceConnection<br />
**LogicalName**: azureserviceconnection<br />
**PrimaryIdAttribute**: azureserviceconnectionid<br />
**OwnershipType**: OrganizationOwned<br />
<a name="writable-attributes"></a>

## Writable attributes

### <a name="BKMK_AccountKey"></a> AccountKey

**Description**: Type the Azure account key.<br />
**DisplayName**: Azure Account Key<br />
**LogicalName**: accountkey<br />
**RequiredLevel**: ApplicationRequired<br />
**Type**: String<br />
**FormatName**: Text<br />
**MaxLength**: 100


### <a name="BKMK_ConnectionType"></a> ConnectionType

**Description**: Azure service connection type<br />
**LogicalName**: connectiontype<br />
**RequiredLevel**: ApplicationRequired<br />
**IsValidForUpdate**: False<br />
**Type**: Picklist<br />
**Options**:

- **Value**: 1 **Label**: Recommendation
- **Value**: 2 **Label**: Text Analytics

"""


def test_a_2017_bold_line_page_with_an_include_under_its_title() -> None:
    """azureserviceconnection (10/2017): an ``[!INCLUDE[]()]`` line under the title, the
    properties as bold lines under ``## Properties``, a block's last line without ``<br />``
    and options as a bullet list; the 2018 and later pages of the table read the same."""
    spec = table(BOLD_2017)
    assert spec.description == "Stores connection information for an Azure service"
    assert spec.ownership_type is OwnershipType.ORGANIZATION_OWNED
    key, kind = spec.columns
    assert (key.logical_name, key.max_length, key.format_name) == ("accountkey", 100, "Text")
    assert [(c.value, c.label) for c in kind.choices] == [
        (1, "Recommendation"),
        (2, "Text Analytics"),
    ]
    assert kind.valid_for_update is False


def test_a_license_and_role_requirements_section_is_known_prose() -> None:
    """The Sales pages (2020-2022) close with ``## License and role requirements``, a licence
    table and prose: nothing of the table's schema, so no section-unknown warning."""
    licence = (
        "\n## License and role requirements\n\n| Requirement type | You must have |\n"
        "|---|---|\n| **License** | Dynamics 365 Sales Premium |\n"
    )
    spec = table(SALES_HEAD + SALES_DETAILS + SALES_BODY + licence)
    assert [c.logical_name for c in spec.columns] == ["msdyn_predictivemodelscoreid"]
