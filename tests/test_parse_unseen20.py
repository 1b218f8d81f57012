"""Variations met in a twentieth round of real pages outside the corpus, the random draw of rounds
15 to 17 continued (seed 15; 19 pages: powerapps-docs table pages of 2021 to 2024, Dynamics 365
Customer Engagement pages of 2017, 2024 and 2025, five of them extension pages), each page run
alone and with the corpus. Two faults found, both in the Web API navigation properties of an
activity's 2017 page (its regarding navigation lost beside activitypointer's, its key given to
the wrong relationship), and two variations met for the first time pinned; each test is a minimal
page written for it."""

from __future__ import annotations

from dvgen.diagnostics import Severity
from dvgen.model import ColumnType
from dvgen.webapi.navs import decide_links
from tests.pages import resolved, table
from tests.test_odata_support import render

# Campaign Activity (Dynamics 365, 10/2017): an activity whose regarding lookup the page narrows
# to `campaign`, and whose one-to-many list names `CampaignActivity_ActivityPointers`: the
# activitypointer rows regarding a campaign activity. Alone, activitypointer's lookup (outside
# the set) was taken to have that one target and named `regardingobjectid`, the name of the
# activity's own navigation property, which CSDL then left out as a clash with the inherited
# one: the campaign parent was lost. Microsoft's $metadata names the base's
# `regardingobjectid_campaignactivity`.
CAMPAIGN_ACTIVITY = """\
---
ms.date: 10/31/2017
---
# CampaignActivity Entity Reference

## Properties

**SchemaName**: CampaignActivity<br />
**LogicalName**: campaignactivity<br />
**PrimaryIdAttribute**: activityid<br />
**OwnershipType**: UserOwned<br />
<a name="writable-attributes"></a>

## Writable attributes

### <a name="BKMK_ActivityId"></a> ActivityId

**LogicalName**: activityid<br />
**RequiredLevel**: SystemRequired<br />
**Type**: Uniqueidentifier<br />

### <a name="BKMK_RegardingObjectId"></a> RegardingObjectId

**DisplayName**: Parent Campaign<br />
**LogicalName**: regardingobjectid<br />
**RequiredLevel**: ApplicationRequired<br />
**Type**: Lookup<br />
**Targets**: campaign

<a name="onetomany"></a>

## One-To-Many Relationships

### <a name="BKMK_CampaignActivity_ActivityPointers"></a> CampaignActivity_ActivityPointers

Same as activitypointer entity [CampaignActivity_ActivityPointers](activitypointer.md#BKMK_CampaignActivity_ActivityPointers) Many-To-One relationship.

**ReferencingEntity**: activitypointer<br />
**ReferencingAttribute**: regardingobjectid<br />
**ReferencedEntityNavigationPropertyName**: CampaignActivity_ActivityPointers<br />

<a name="manytoone"></a>

## Many-To-One Relationships

### <a name="BKMK_Campaign_CampaignActivities"></a> Campaign_CampaignActivities

See campaign Entity [Campaign_CampaignActivities](campaign.md#BKMK_Campaign_CampaignActivities) One-To-Many relationship.
"""


def test_an_activity_alone_keeps_its_regarding_navigation_beside_its_base_s() -> None:
    tables, warnings = resolved(("campaignactivity.md", CAMPAIGN_ACTIVITY))
    assert warnings == []
    singles = {link.schema_name: link.single for link in decide_links(tables.tables).one_to_many}
    # activitypointer's Regarding also holds the activity's own target, campaign: several
    assert singles["CampaignActivity_ActivityPointers"] == "regardingobjectid_campaignactivity"
    assert singles["Campaign_CampaignActivities"] == "regardingobjectid"
    rendered = render(table(CAMPAIGN_ACTIVITY, "campaignactivity.md"))
    warnings_ = [d for d in rendered.diagnostics if d.severity >= Severity.WARNING]
    assert "odata-member-clash" not in [d.code for d in warnings_]  # nothing left out
    own = rendered.navs("campaignactivity")["regardingobjectid"]
    assert own["Type"] == "mscrm.campaign"
    assert own["constraint"] == "_regardingobjectid_value->campaignid"
    base = rendered.navs("activitypointer")["regardingobjectid_campaignactivity"]
    assert base["Partner"] == "CampaignActivity_ActivityPointers"


# Analysis Job (powerapps-docs, 02/2023): a Boolean column whose "Choices/Options" table is its
# header and separator only, no row, and then the next column's heading. Read as a Boolean of
# no stated labels (the page gives none), with no warning, and the next column whole.
ANALYSIS_JOB = """\
---
ms.date: 02/15/2023
---

# msdyn_analysisjob table/entity reference

## Properties

|Property|Value|
|--------|-----|
|LogicalName|msdyn_analysisjob|
|OwnershipType|UserOwned|
|PrimaryIdAttribute|msdyn_analysisjobid|
|SchemaName|msdyn_analysisjob|

<a name="writable-attributes"></a>

## Writable columns/attributes

### <a name="BKMK_msdyn_analysisjobId"></a> msdyn_analysisjobId

|Property|Value|
|--------|-----|
|LogicalName|msdyn_analysisjobid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_msdyn_InAppNotificationEnabled"></a> msdyn_InAppNotificationEnabled

|Property|Value|
|--------|-----|
|Description|Health rule set Failure In App Notification Enabled.|
|LogicalName|msdyn_inappnotificationenabled|
|RequiredLevel|None|
|Type|Boolean|

#### msdyn_InAppNotificationEnabled Choices/Options

|Value|Label|Description|
|-----|-----|--------|


### <a name="BKMK_msdyn_name"></a> msdyn_name

|Property|Value|
|--------|-----|
|FormatName|Text|
|LogicalName|msdyn_name|
|MaxLength|100|
|RequiredLevel|ApplicationRequired|
|Type|String|
"""


def test_a_boolean_whose_choices_table_has_no_row() -> None:
    spec = table(ANALYSIS_JOB)
    flag = spec.column("msdyn_inappnotificationenabled")
    assert flag is not None
    assert flag.type is ColumnType.BOOLEAN
    assert flag.choices == ()
    assert flag.description == "Health rule set Failure In App Notification Enabled."
    name = spec.column("msdyn_name")
    assert name is not None
    assert (name.type, name.max_length, name.required_level.value) == (
        ColumnType.STRING,
        100,
        "ApplicationRequired",
    )


# Campaign Response (Dynamics 365, 12/2017): its many-to-one list names two relationships to
# activitypointer, `activity_campaignresponse` (Dataverse's is through originatingactivityid,
# whose Targets the page narrows to the activities) and `activity_pointer_campaignresponse`,
# the table's own key to its base row. The key went to the first, which spells the key's word
# `activity`, and the second was left without a lookup or navigation property; the key's
# relationship is the one named after the two tables alone.
CAMPAIGN_RESPONSE = """\
---
ms.date: 12/05/2017
---
# CampaignResponse Entity Reference

## Entity Properties

|Property|Value|
|--------|-----|
|LogicalName|campaignresponse|
|OwnershipType|UserOwned|
|PrimaryIdAttribute|activityid|
|SchemaName|CampaignResponse|

<a name="writable-attributes"></a>

## Writable attributes

### <a name="BKMK_ActivityId"></a> ActivityId

|Property|Value|
|--------|-----|
|LogicalName|activityid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_OriginatingActivityId"></a> OriginatingActivityId

|Property|Value|
|--------|-----|
|LogicalName|originatingactivityid|
|RequiredLevel|None|
|Targets|appointment,email,fax,letter,phonecall|
|Type|Lookup|

<a name="manytoone"></a>

## Many-To-One Relationships

### <a name="BKMK_activity_pointer_campaignresponse"></a> activity_pointer_campaignresponse

See activitypointer Entity [activity_pointer_campaignresponse](activitypointer.md#BKMK_activity_pointer_campaignresponse) One-To-Many relationship.

### <a name="BKMK_activity_campaignresponse"></a> activity_campaignresponse

See activitypointer Entity [activity_campaignresponse](activitypointer.md#BKMK_activity_campaignresponse) One-To-Many relationship.
"""


def test_an_activity_s_key_goes_to_the_relationship_named_after_it_and_its_base() -> None:
    tables, warnings = resolved(("campaignresponse.md", CAMPAIGN_RESPONSE))
    assert warnings == []
    view = decide_links(tables.tables)
    found = {
        link.schema_name: (link.referencing_attribute, link.single) for link in view.one_to_many
    }
    assert found["activity_pointer_campaignresponse"] == (
        "activityid",
        "activityid_activitypointer",
    )
    # the other belongs to the lookup whose Targets are activities only (round 34), its
    # navigation property per target as Microsoft's $metadata has it on activitypointer
    # (activity_campaignresponse, partner originatingactivityid_activitypointer)
    assert found["activity_campaignresponse"] == (
        "originatingactivityid",
        "originatingactivityid_activitypointer",
    )
    assert not view.findings


# AIPluginOperationResponseTemplate (Dynamics 365, 08/2024): an extension page whose only section
# is Events (no columns, no relationships), applied to the table's own page: the table gains
# the five retention events and nothing else.
RESPONSE_TEMPLATE = """\
---
ms.date: 08/21/2024
---

# Template table/entity reference

Content for the template

## Properties

|Property|Value|
|--------|-----|
|LogicalName|template|
|OwnershipType|UserOwned|
|PrimaryIdAttribute|templateid|
|SchemaName|Template|

<a name="writable-attributes"></a>

## Writable columns/attributes

### <a name="BKMK_templateId"></a> templateId

|Property|Value|
|--------|-----|
|LogicalName|templateid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|
"""

TEMPLATE_EVENTS = """\
---
title: "Template table/entity reference (Microsoft Dynamics 365)"
ms.date: 08/21/2024
ms.topic: reference
---

# Template table/entity reference

Content for the template

> [!NOTE]
> The Microsoft Dynamics 365 Template table extends the [Microsoft Dataverse Template table](/power-apps/developer/data-platform/reference/entities/template).


## Events

|Name|Web API Operation |SDK for .NET |
| ---- | ----- |----- |
| `BulkRetain`|<xref:Microsoft.Dynamics.CRM.BulkRetain?displayProperty=nameWithType /> |[Learn to use messages with the SDK for .NET](/power-apps/developer/data-platform/org-service/use-messages)|
| `Retain`|<xref:Microsoft.Dynamics.CRM.Retain?displayProperty=nameWithType /> |[Learn to use messages with the SDK for .NET](/power-apps/developer/data-platform/org-service/use-messages)|





### See also

[Dataverse table/entity reference](../about-entity-reference.md)

"""


def test_an_extension_page_of_events_alone_adds_them_to_its_table() -> None:
    tables, warnings = resolved(
        ("template.md", RESPONSE_TEMPLATE), ("template-ext.md", TEMPLATE_EVENTS)
    )
    assert warnings == []
    (extended,) = tables.tables
    assert [e.name for e in extended.events] == ["BulkRetain", "Retain"]
    assert [c.logical_name for c in extended.columns] == ["templateid"]
    assert extended.relationships.one_to_many == ()
