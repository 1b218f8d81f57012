"""Variations met in a seventeenth round of real pages outside the corpus, the random draw of
rounds 15 and 16 continued (seed 15; 18 pages: powerapps-docs table pages of 2021 to 2024,
Dynamics 365 Customer Engagement pages of 2017 and 2025, four of them extension pages), each page
run alone and with the corpus. Three faults found (a blank options row, an activity's narrowed
regarding lookup, a lookup named after the table it references), and the variations met for the
first time pinned; each test is a minimal page written for it."""

from __future__ import annotations

from decimal import Decimal

from dvgen.diagnostics import Severity
from dvgen.model import ColumnType
from dvgen.parse import parse_spec
from dvgen.webapi.navs import decide_links
from tests.pages import resolved, table


def _activity(name: str, targets: str, many_to_one: str) -> str:
    """A 2017 bold-line page of an activity whose regarding lookup has ``targets`` and whose one
    many-to-one relationship, ``many_to_one``, comes from the table its name starts with."""
    other = many_to_one.partition("_")[0].lower()
    return f"""\
---
ms.date: 10/31/2017
---
# {name} Entity Reference

## Properties

**SchemaName**: {name}<br />
**LogicalName**: {name}<br />
**PrimaryIdAttribute**: activityid<br />
**OwnershipType**: UserOwned<br />
<a name="writable-attributes"></a>

## Writable attributes

### <a name="BKMK_ActivityId"></a> ActivityId

**LogicalName**: activityid<br />
**RequiredLevel**: SystemRequired<br />
**Type**: Uniqueidentifier<br />

### <a name="BKMK_RegardingObjectId"></a> RegardingObjectId

**LogicalName**: regardingobjectid<br />
**RequiredLevel**: None<br />
**Type**: Lookup<br />
**Targets**: {targets}

<a name="manytoone"></a>

## Many-To-One Relationships

### <a name="BKMK_{many_to_one}"></a> {many_to_one}

See {other} Entity [{many_to_one}]({other}.md#BKMK_{many_to_one}) One-To-Many relationship.
"""


# Quick Campaign (bulkoperation, Dynamics 365, 2025): an activity whose regarding lookup
# Dataverse narrows to `campaignactivity, list`. With it in a set, the targets the activities
# share (activitypointer's, whose navigation properties each activity's own
# `regardingobjectid_<target>_<activity>` must not clash with) came out empty, and the corpus's
# fax, letter, appointment and socialactivity lost the `_<activity>` suffix Microsoft's
# $metadata gives them (regardingobjectid_knowledgearticle_fax).
def test_an_activity_with_a_narrowed_regarding_lookup_is_outvoted() -> None:
    tables, warnings = resolved(
        ("fax.md", _activity("fax", "account,contact", "Account_Faxes")),
        ("letter.md", _activity("letter", "account,contact", "Account_Letters")),
        ("bulkoperation.md", _activity("bulkoperation", "campaignactivity,list", "List_Ops")),
    )
    assert warnings == []
    singles = {link.schema_name: link.single for link in decide_links(tables.tables).one_to_many}
    assert singles["Account_Faxes"] == "regardingobjectid_account_fax"
    assert singles["Account_Letters"] == "regardingobjectid_account_letter"
    # the narrowed activity's own target is its own: no other activity gives it
    assert singles["List_Ops"] == "regardingobjectid_list"


# Commitment (Dynamics 365, 12/2017): a State and a Status column of no options, each with a
# table under "#### StateCode Options" whose one row is only blank cells (padded to the header's
# widths). It was read as an option without a value: an error, and the page's table lost.
COMMITMENT = """\
---
ms.date: 12/05/2017
---
# Commitment Entity Reference

## Entity Properties

|Property|Value|
|--------|-----|
|LogicalName|commitment|
|OwnershipType|None|
|PrimaryIdAttribute|commitmentid|
|SchemaName|Commitment|

<a name="read-only-attributes"></a>
## Read-only attributes
These attributes return false for both **IsValidForCreate** or **IsValidForUpdate**. Listed by **SchemaName**.

### <a name="BKMK_CommitmentId"></a> CommitmentId

|Property|Value|
|--------|-----|
|LogicalName|commitmentid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_StateCode"></a> StateCode

|Property|Value|
|--------|-----|
|DisplayName|Status|
|LogicalName|statecode|
|RequiredLevel|SystemRequired|
|Type|State|

#### StateCode Options

| Value | Label | DefaultStatus | InvariantName |
|-------|-------|---------------|---------------|
|       |       |               |               |

### <a name="BKMK_StatusCode"></a> StatusCode

|Property|Value|
|--------|-----|
|LogicalName|statuscode|
|RequiredLevel|None|
|Type|Status|

#### StatusCode Options

| Value | Label | State |
|-------|-------|-------|
|       |       |       |
"""


def test_an_options_table_of_one_blank_row_lists_no_option() -> None:
    spec = table(COMMITMENT)
    by_name = {c.logical_name: c for c in spec.columns}
    assert [c.logical_name for c in spec.columns] == ["commitmentid", "statecode", "statuscode"]
    assert by_name["statecode"].type is ColumnType.STATE
    assert by_name["statecode"].display_name == "Status"
    assert by_name["statecode"].choices == ()
    assert by_name["statuscode"].type is ColumnType.STATUS
    assert by_name["statuscode"].choices == ()


def test_a_half_blank_options_row_is_still_an_option_without_a_value() -> None:
    page = COMMITMENT.replace("|       |       |       |", "|       | Open  |       |")
    spec, diagnostics = parse_spec("page.md", page.encode())
    assert spec is None
    assert [str(d) for d in diagnostics if d.severity is Severity.ERROR] == [
        "page.md:55: error: column 'StatusCode': option without a value"
    ]


# Solution Health Rule (powerapps-docs, 10/2021): two lookups to workflow, msdyn_workflow and
# msdyn_resolutionaction, and two many-to-one relationships that state neither. The lookup each
# belongs to is the one its schema name spells; but msdyn_workflow_..._resolutionaction starts
# with msdyn_workflow, the words naming the referenced table, and took that lookup: the two
# navigation properties came out swapped (each Partner the other's collection).
RULE = """\
---
ms.date: 10/31/2017
---
# msdyn_rule Entity Reference

## Properties

**SchemaName**: msdyn_rule<br />
**LogicalName**: msdyn_rule<br />
**PrimaryIdAttribute**: msdyn_ruleid<br />
**OwnershipType**: OrganizationOwned<br />
<a name="writable-attributes"></a>

## Writable attributes

### <a name="BKMK_msdyn_ruleId"></a> msdyn_ruleId

**LogicalName**: msdyn_ruleid<br />
**RequiredLevel**: SystemRequired<br />
**Type**: Uniqueidentifier<br />

### <a name="BKMK_msdyn_ResolutionAction"></a> msdyn_ResolutionAction

**LogicalName**: msdyn_resolutionaction<br />
**RequiredLevel**: None<br />
**Type**: Lookup<br />
**Targets**: workflow

### <a name="BKMK_msdyn_Workflow"></a> msdyn_Workflow

**LogicalName**: msdyn_workflow<br />
**RequiredLevel**: ApplicationRequired<br />
**Type**: Lookup<br />
**Targets**: workflow

<a name="manytoone"></a>

## Many-To-One Relationships

### <a name="BKMK_msdyn_workflow_msdyn_rule_Workflow"></a> msdyn_workflow_msdyn_rule_Workflow

See workflow Entity [msdyn_workflow_msdyn_rule_Workflow](workflow.md#BKMK_msdyn_workflow_msdyn_rule_Workflow) One-To-Many relationship.

### <a name="BKMK_msdyn_workflow_msdyn_rule_resolutionaction"></a> msdyn_workflow_msdyn_rule_resolutionaction

See workflow Entity [msdyn_workflow_msdyn_rule_resolutionaction](workflow.md#BKMK_msdyn_workflow_msdyn_rule_resolutionaction) One-To-Many relationship.
"""


def test_a_lookup_named_after_the_referenced_table_is_not_spelled_by_its_name() -> None:
    tables, warnings = resolved(("msdyn_rule.md", RULE))
    assert warnings == []
    lookups = {
        link.schema_name: link.referencing_attribute
        for link in decide_links(tables.tables).one_to_many
    }
    assert lookups == {
        "msdyn_workflow_msdyn_rule_Workflow": "msdyn_workflow",
        "msdyn_workflow_msdyn_rule_resolutionaction": "msdyn_resolutionaction",
    }


# External Identity (Dynamics 365, 2025): an extension page whose only change is a message
# (Restore); no column, no relationship. Applied to its base page, the table gains the message.
IDENTITY = """\
---
ms.topic: generated-reference
---
# External Identity (adx_externalidentity) table/entity reference (Microsoft Dataverse)

## Messages

| Name <br />Is Event? |Web API Operation |SDK for .NET |
| ---- | ----- |----- |
| `Create`<br />Event: True |`POST` /adx_externalidentities |[Create records](/create)|

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `adx_externalidentity` |
| **LogicalName** | `adx_externalidentity` |
| **PrimaryIdAttribute** | `adx_externalidentityid` |
| **OwnershipType** | `OrganizationOwned` |

## Writable columns/attributes

### <a name="BKMK_adx_externalidentityId"></a> adx_externalidentityId

|Property|Value|
|---|---|
|LogicalName|`adx_externalidentityid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|
"""
IDENTITY_D365 = """\
---
ms.topic: generated-reference
---

# External Identity (adx_externalidentity) table/entity reference (Microsoft Dynamics 365)

> [!NOTE]
> The Microsoft Dynamics 365 External Identity (adx_externalidentity) table extends the [Microsoft Dataverse External Identity (adx_externalidentity) table](/power-apps/developer/data-platform/reference/entities/adx_externalidentity).


## Messages

| Name <br />Is Event? |Web API Operation |SDK for .NET |
| ---- | ----- |----- |
| `Restore`<br />Event: True |<xref:Microsoft.Dynamics.CRM.Restore?displayProperty=nameWithType /> |[Learn to use messages with the SDK for .NET](/power-apps/developer/data-platform/org-service/use-messages)|





### See also

[Dataverse table/entity reference](/power-apps/developer/data-platform/reference/about-entity-reference)
"""


def test_an_extension_page_of_one_message_adds_it_to_its_table() -> None:
    tables, warnings = resolved(("identity.md", IDENTITY), ("identity-d365.md", IDENTITY_D365))
    assert warnings == []
    (identity,) = tables.tables
    assert [(m.name, m.is_event) for m in identity.messages] == [
        ("Create", True),
        ("Restore", True),
    ]
    assert [c.logical_name for c in identity.columns] == ["adx_externalidentityid"]


# Quick Campaign (Dynamics 365, 2025) and RollupField (powerapps-docs, 2023): a Lookup whose
# Targets cell is empty (serviceid, organizationid) and, on the 2025 page, a Decimal whose
# MinValue is written with an exponent (1E-12, where older pages write 0.000000000001).
CAMPAIGN = """\
---
ms.topic: generated-reference
---
# Quick Campaign (BulkOperation) table/entity reference (Microsoft Dynamics 365)

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `BulkOperation` |
| **LogicalName** | `bulkoperation` |
| **PrimaryIdAttribute** | `activityid` |
| **OwnershipType** | `UserOwned` |

## Writable columns/attributes

### <a name="BKMK_ActivityId"></a> ActivityId

|Property|Value|
|---|---|
|LogicalName|`activityid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_ServiceId"></a> ServiceId

|Property|Value|
|---|---|
|Description|**Unique identifier for an associated service.**|
|LogicalName|`serviceid`|
|RequiredLevel|None|
|Type|Lookup|
|Targets||

## Read-only columns/attributes

### <a name="BKMK_ExchangeRate"></a> ExchangeRate

|Property|Value|
|---|---|
|LogicalName|`exchangerate`|
|RequiredLevel|None|
|Type|Decimal|
|ImeMode|Disabled|
|MaxValue|100000000000|
|MinValue|1E-12|
|Precision|12|
|SourceTypeMask|0|
"""


def test_an_empty_targets_cell_and_an_exponent_min_value() -> None:
    spec = table(CAMPAIGN)
    by_name = {c.logical_name: c for c in spec.columns}
    assert by_name["serviceid"].type is ColumnType.LOOKUP
    assert by_name["serviceid"].targets == ()
    rate = by_name["exchangerate"]
    assert rate.type is ColumnType.DECIMAL
    assert (rate.min_value, rate.max_value, rate.precision) == (Decimal("1E-12"), 10**11, 12)
    assert rate.valid_for_create is False
