"""Variations met in a fifteenth round of real pages outside the corpus, drawn at random (seed
15) from Microsoft's current reference (powerapps-docs' table pages, 2021 to 2025) and from the
older Dynamics 365 Customer Engagement folders (2017 to 2025), each page run alone and with the
corpus. No reader problem was found; these tests pin, on minimal pages written for the test,
what the readers and the resolver took from the variations met there for the first time."""

from __future__ import annotations

from dvgen.model import Column, Table, TableExtension
from tests.pages import parse, resolved, table


def _column(spec: Table, name: str) -> Column:
    return next(c for c in spec.columns if c.logical_name == name)


# User Chart (10/2021): a Boolean's options table has three header cells (Value, Label,
# Description) but rows of two, and its default is a word.
CHART = """\
---
ms.date: 10/05/2021
---

# User Chart (UserQueryVisualization) table/entity reference

## Properties

|Property|Value|
|--------|-----|
|LogicalName|userqueryvisualization|
|PrimaryIdAttribute|userqueryvisualizationid|
|SchemaName|UserQueryVisualization|

## Writable columns/attributes

### <a name="BKMK_IsDefault"></a> IsDefault

|Property|Value|
|--------|-----|
|Description|Select whether the chart is the default chart for the view that it is associated with.|
|DisplayName|Default Chart|
|LogicalName|isdefault|
|RequiredLevel|SystemRequired|
|Type|Boolean|

#### IsDefault Choices/Options

|Value|Label|Description|
|-----|-----|--------|
|1|Yes|
|0|No|

**DefaultValue**: False

### <a name="BKMK_UserQueryVisualizationId"></a> UserQueryVisualizationId

|Property|Value|
|--------|-----|
|LogicalName|userqueryvisualizationid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|
"""


def test_boolean_rows_shorter_than_their_header_keep_both_labels_and_the_default() -> None:
    column = _column(table(CHART), "isdefault")
    assert sorted((c.value, c.label) for c in column.choices) == [(0, "No"), (1, "Yes")]
    assert column.default_value is False
    assert column.required_level == "SystemRequired"


# Card Type (Dynamics 365, 10/2017): bold lines; an include line before the description,
# a Recommended column, a time-zone independent date and an Integer whose Format is Duration.
CARD_TYPE = """\
---
ms.date: 10/31/2017
---
# CardType Entity Reference

[!INCLUDE[](../../includes/cc_applies_to_update_9_0_0.md)]

To provide master data for the card types list. For internal use only


## Properties

**SchemaName**: CardType<br />
**LogicalName**: cardtype<br />
**EntitySetName**: cardtype<br />
**PrimaryIdAttribute**: cardtypeid<br />
**PrimaryNameAttribute**: cardname<br />
**OwnershipType**: None<br />
<a name="writable-attributes"></a>

## Writable attributes

### <a name="BKMK_CardType"></a> CardType

**Description**: The CardType ENUM value.<br />
**DisplayName**: CardType ENUM<br />
**LogicalName**: cardtype<br />
**RequiredLevel**: SystemRequired<br />
**Type**: Integer<br />
**Format**: Duration<br />
**MaxValue**: 2147483647<br />
**MinValue**: 0


### <a name="BKMK_CardTypeId"></a> CardTypeId

**LogicalName**: cardtypeid<br />
**RequiredLevel**: SystemRequired<br />
**Type**: Uniqueidentifier<br />


### <a name="BKMK_ScheduleTime"></a> ScheduleTime

**Description**: This column is updated by the Plugin based on the last fetched data.<br />
**DisplayName**: ScheduleTime<br />
**LogicalName**: scheduletime<br />
**RequiredLevel**: Recommended<br />
**Type**: DateTime<br />
**DateTimeBehavior**: TimeZoneIndependent<br />
**Format**: DateAndTime
"""


def test_bold_lines_keep_recommended_time_zone_independent_and_duration() -> None:
    spec = table(CARD_TYPE)
    assert (
        spec.description == "To provide master data for the card types list. For internal use only"
    )
    schedule = _column(spec, "scheduletime")
    assert (schedule.required_level, schedule.date_time_behavior) == (
        "Recommended",
        "TimeZoneIndependent",
    )
    card = _column(spec, "cardtype")
    assert (card.format, card.min_value, card.max_value) == ("Duration", 0, 2147483647)


# Action Card User State (Dynamics 365, 10/2017): only an include line where the description
# would be, and an empty PrimaryNameAttribute line.
USER_STATE = """\
---
ms.date: 10/31/2017
---
# ActionCardUserState Entity Reference

[!INCLUDE[](../../includes/cc_applies_to_update_9_0_0.md)]

## Properties

**SchemaName**: ActionCardUserState<br />
**LogicalName**: actioncarduserstate<br />
**PrimaryIdAttribute**: actioncarduserstateid<br />
**PrimaryNameAttribute**: <br />
**OwnershipType**: None<br />
<a name="writable-attributes"></a>

## Writable attributes

### <a name="BKMK_ActionCardUserStateId"></a> ActionCardUserStateId

**LogicalName**: actioncarduserstateid<br />
**RequiredLevel**: SystemRequired<br />
**Type**: Uniqueidentifier<br />
"""


def test_an_include_line_is_no_description_and_an_empty_primary_name_is_none() -> None:
    spec = table(USER_STATE)
    assert spec.description is None
    assert spec.primary_name_attribute is None
    assert spec.primary_id_attribute == "actioncarduserstateid"


# Calendar (Dynamics 365, 10/2017): a self-referencing relationship listed in both sections,
# its many-to-one side ("See calendar Entity ...") without its lookup.
CALENDAR = """\
---
ms.date: 10/31/2017
---
# Calendar Entity Reference

## Properties

**SchemaName**: Calendar<br />
**LogicalName**: calendar<br />
**PrimaryIdAttribute**: calendarid<br />
<a name="writable-attributes"></a>

## Writable attributes

### <a name="BKMK_CalendarId"></a> CalendarId

**LogicalName**: calendarid<br />
**RequiredLevel**: SystemRequired<br />
**Type**: Uniqueidentifier<br />


### <a name="BKMK_HolidayScheduleCalendarId"></a> HolidayScheduleCalendarId

**LogicalName**: holidayschedulecalendarid<br />
**RequiredLevel**: None<br />
**Type**: Lookup<br />
**Targets**: calendar

<a name="onetomany"></a>

## One-To-Many Relationships

### <a name="BKMK_calendar_customercalendar_holidaycalendar"></a> calendar_customercalendar_holidaycalendar

Same as calendar entity [calendar_customercalendar_holidaycalendar](calendar.md#BKMK_calendar_customercalendar_holidaycalendar) Many-To-One relationship.

**ReferencingEntity**: calendar<br />
**ReferencingAttribute**: holidayschedulecalendarid<br />
**ReferencedEntityNavigationPropertyName**: calendar_customercalendar_holidaycalendar<br />
**CascadeConfiguration**:

- **Assign**: NoCascade
- **Delete**: RemoveLink

<a name="manytoone"></a>

## Many-To-One Relationships

### <a name="BKMK_calendar_customercalendar_holidaycalendar"></a> calendar_customercalendar_holidaycalendar

See calendar Entity [calendar_customercalendar_holidaycalendar](calendar.md#BKMK_calendar_customercalendar_holidaycalendar) One-To-Many relationship.
"""


def test_a_self_relationship_in_both_sections_takes_its_lookup_from_the_other_side() -> None:
    tables, warnings = resolved(("calendar.md", CALENDAR))
    assert warnings == []
    relationships = tables.tables[0].relationships
    name = "calendar_customercalendar_holidaycalendar"
    (one,) = [r for r in relationships.one_to_many if r.schema_name == name]
    (many,) = [r for r in relationships.many_to_one if r.schema_name == name]
    assert (one.referencing_entity, one.referencing_attribute) == (
        "calendar",
        "holidayschedulecalendarid",
    )
    assert (many.referenced_entity, many.referencing_attribute) == (
        "calendar",
        "holidayschedulecalendarid",
    )


BASE = """\
---
ms.date: 08/21/2024
---

# AIPlugin table/entity reference

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `AIPlugin` |
| **LogicalName** | `aiplugin` |
| **PrimaryIdAttribute** | `aipluginid` |

## Writable columns/attributes

### <a name="BKMK_AIPluginId"></a> AIPluginId

|Property|Value|
|---|---|
|LogicalName|`aipluginid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|
"""

# Dynamics 365's AIPlugin (2025) lists one one-to-many block and no list of links before it;
# its AICopilot (08/2024) lists nothing but events.
EXTENSION = """\
---
ms.topic: generated-reference
---

# AIPlugin table/entity reference (Microsoft Dynamics 365)

AIPlugins component

> [!NOTE]
> The Microsoft Dynamics 365 AIPlugin table extends the [Microsoft Dataverse AIPlugin table](/power-apps/developer/data-platform/reference/entities/aiplugin).

## Events

|Name|Web API Operation |SDK for .NET |
| ---- | ----- |----- |
| `Retain`|<xref:Microsoft.Dynamics.CRM.Retain?displayProperty=nameWithType /> |[Learn to use messages with the SDK for .NET](/power-apps/developer/data-platform/org-service/use-messages)|

## One-to-Many relationships

These relationships are one-to-many. Listed by **SchemaName**.

### <a name="BKMK_msdyn_aiplugin_msdyn_servicecopilotplugin_aipluginid"></a> msdyn_aiplugin_msdyn_servicecopilotplugin_aipluginid

Many-To-One Relationship: [msdyn_servicecopilotplugin msdyn_aiplugin_msdyn_servicecopilotplugin_aipluginid](msdyn_servicecopilotplugin.md#BKMK_msdyn_aiplugin_msdyn_servicecopilotplugin_aipluginid)

|Property|Value|
|---|---|
|ReferencingEntity|`msdyn_servicecopilotplugin`|
|ReferencingAttribute|`msdyn_aipluginid`|
|ReferencedEntityNavigationPropertyName|`msdyn_aiplugin_msdyn_servicecopilotplugin_aipluginid`|
|IsCustomizable|`True`|
"""


def test_an_extension_of_only_events_and_an_unlisted_block_adds_both_to_its_table() -> None:
    spec, warnings = parse(EXTENSION, "aiplugin-d365.md")
    assert warnings == []
    assert isinstance(spec, TableExtension)
    tables, warnings = resolved(("aiplugin.md", BASE), ("aiplugin-d365.md", EXTENSION))
    assert warnings == []
    (plugin,) = tables.tables
    assert [e.name for e in plugin.events] == ["Retain"]
    (added,) = plugin.relationships.one_to_many
    assert (added.schema_name, added.referencing_entity, added.referencing_attribute) == (
        "msdyn_aiplugin_msdyn_servicecopilotplugin_aipluginid",
        "msdyn_servicecopilotplugin",
        "msdyn_aipluginid",
    )


# Solution History Data Source (2025, a virtual table): a message whose Web API operation cell
# holds a single space.
VIRTUAL = """\
---
ms.topic: generated-reference
---

# Solution History Data Source (msdyn_solutionhistorydatasource) table/entity reference (Microsoft Dataverse)

## Messages

| Name <br />Is Event? |Web API Operation |SDK for .NET |
| ---- | ----- |----- |
| `RetrieveEntityChanges`<br />Event: True | |<xref:Microsoft.Xrm.Sdk.Messages.RetrieveEntityChangesRequest>|

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `msdyn_solutionhistorydatasource` |
| **LogicalName** | `msdyn_solutionhistorydatasource` |
| **PrimaryIdAttribute** | `msdyn_solutionhistorydatasourceid` |
| **TableType** | `Virtual` |

## Writable columns/attributes

### <a name="BKMK_msdyn_solutionhistorydatasourceId"></a> msdyn_solutionhistorydatasourceId

|Property|Value|
|---|---|
|LogicalName|`msdyn_solutionhistorydatasourceid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|
"""


def test_a_blank_web_api_cell_is_no_operation_but_keeps_the_message() -> None:
    spec = table(VIRTUAL)
    (message,) = spec.messages
    assert (message.name, message.is_event, message.web_api_operation) == (
        "RetrieveEntityChanges",
        True,
        None,
    )
    assert message.sdk == "<xref:Microsoft.Xrm.Sdk.Messages.RetrieveEntityChangesRequest>"
