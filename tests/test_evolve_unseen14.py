"""The breaking-change gate on real page history, round 14: the gate's known gaps, and
Dynamics 365 customer-engagement pages.

Two known gaps, decided:

- a choice column that lists its own options in both versions, naming a global choice whose
  options another table's spec changes, was compared by its own options only, so the change was
  reported at the other table alone; but every target takes a global choice's options merged
  over the set (``OptionSets``: Dataverse has one option set for all the columns naming it), so
  this column's JSON Schema ``oneOf``, pydantic enum and SQL CHECK take the new option too, and
  the last version's refuse it. The column is now compared by the options its targets take, and
  the option is ``option-added-closed`` at it as well (``option-added`` with open choices);
- a default only the newer version states (a choice's DefaultFormValue, which the 2024 and 2025
  pages state and the 2023 ones do not) changed the SQL DEFAULT and the JSON Schema ``default``,
  and ``dvgen migrate`` wrote its ``SET DEFAULT``, while ``dvgen diff`` listed nothing. It is
  listed now, ``facet-changed`` (safe), when it changes what a create leaving the column out
  stores (``create_default``); -1, which fills nothing, stays unlisted.

Real history, three pairs of MicrosoftDocs/dynamics-365-customer-engagement pages no earlier
round used, each an older page of ``ce/developer/entities/`` against the newer one of
``ce/developer/reference/entities/``: entitlementchannel (Service, 12/05/2017, 0decdcea ->
2025, 68cb8db1), bookableresourcecategory (Scheduling, 10/31/2017, 21453c82 -> 2025, 97affe77),
discounttype (Sales, 10/31/2017, 0ab00ed5 -> 2025, a336f096). Generated from the older page,
committed, gated on the newer; migrations checked on SQLite and PostgreSQL 15, rows kept.

One fault: the 2025 entitlementchannel page prints an empty ``|Targets||`` for
``owningbusinessunit`` and ``owninguser``, which the 2017 page gave as businessunit and
systemuser, and the gate failed the build on ``lookup-target-removed`` for both. No Dataverse
lookup references no table: Microsoft's EntityType (dynamics365-docs-odata-apis
``entitytypes/entitlementchannel.yml``) still binds ``owninguser`` to systemuser (partner
``user_entitlementchannel``, which the 2025 page lists too), and ``_owningbusinessunit_value``
has no navigation property in either version. A lookup whose targets a version no longer
names is ``facet-changed`` now, safe and listed (its JSON Schema ``x-dataverse-targets`` goes).

The pages here are short excerpts of the real ones.
"""

from __future__ import annotations

from typing import Any

import pytest

from dvgen.config import Config
from dvgen.evolve.cli import closed_options
from dvgen.evolve.diff import diff_sets
from dvgen.evolve.migrate import migration_script
from dvgen.model import TableSet
from tests.pages import resolved
from tests.test_evolve_unseen7 import _migrates_keeping_rows
from tests.test_sql_postgres import postgres  # noqa: F401 (the fixture)
from tests.test_sql_support import PostgresServer, render


def _set(*pages: tuple[str, str]) -> TableSet:
    tables, _ = resolved(*pages)
    return tables


def _rules(old: TableSet, new: TableSet, choices: str = "closed") -> dict[str, tuple[str, bool]]:
    changes = closed_options(diff_sets(old, new), Config(choices=choices), new)
    return {c.where: (c.rule, c.breaking) for c in changes}


# --- entitlementchannel (Service): 12/05/2017 (0decdcea) and 2025 (68cb8db1) ----------------

EC_2017 = """---
title: "EntitlementChannel Entity Reference (Developer Guide for Dynamics 365 for Customer Engagement)| MicrosoftDocs"
description: "Includes schema information and supported messages for the EntitlementChannel entity."
ms.date: 12/05/2017
ms.service: "crm-online"
ms.topic: "reference"
---
# EntitlementChannel Entity Reference

Defines the amount and type of support for a channel.

**Added by**: Service Solution<br />

## Messages

|Message|Web API Operation|SDK Assembly|
|-|-|-|
|Create|POST [*org URI*]/api/data/v9.0/entitlementchannels<br />See [Create](../webapi/create-entity-web-api.md)|<xref:Microsoft.Xrm.Sdk.Messages.CreateRequest>|
|Delete|DELETE [*org URI*]/api/data/v9.0/entitlementchannels(*entitlementchannelid*)|<xref:Microsoft.Xrm.Sdk.Messages.DeleteRequest>|
|Retrieve|GET [*org URI*]/api/data/v9.0/entitlementchannels(*entitlementchannelid*)|<xref:Microsoft.Xrm.Sdk.Messages.RetrieveRequest>|
|RetrieveMultiple|GET [*org URI*]/api/data/v9.0/entitlementchannels|<xref:Microsoft.Xrm.Sdk.Messages.RetrieveMultipleRequest>|
|Update|PATCH [*org URI*]/api/data/v9.0/entitlementchannels(*entitlementchannelid*)|<xref:Microsoft.Xrm.Sdk.Messages.UpdateRequest>|

## Entity Properties

|Property|Value|
|--------|-----|
|CollectionSchemaName|EntitlementChannels|
|DisplayCollectionName|Entitlement Channels|
|DisplayName|Entitlement Channel|
|EntitySetName|entitlementchannels|
|IsBPFEntity|False|
|LogicalCollectionName|entitlementchannels|
|LogicalName|entitlementchannel|
|OwnershipType|UserOwned|
|PrimaryIdAttribute|entitlementchannelid|
|PrimaryNameAttribute|name|
|SchemaName|EntitlementChannel|

<a name="writable-attributes"></a>

## Writable attributes

These attributes return true for either **IsValidForCreate** or **IsValidForUpdate** (usually both). Listed by **SchemaName**.

- [Channel](#BKMK_Channel)
- [EntitlementChannelId](#BKMK_EntitlementChannelId)
- [Name](#BKMK_Name)
- [OwnerId](#BKMK_OwnerId)
- [TotalTerms](#BKMK_TotalTerms)
- [TransactionCurrencyId](#BKMK_TransactionCurrencyId)


### <a name="BKMK_Channel"></a> Channel

|Property|Value|
|--------|-----|
|Description|Select a channel for which you are defining the entitlement terms.|
|DisplayName|Name|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|channel|
|RequiredLevel|SystemRequired|
|Type|Picklist|

#### Channel Options

|Value|Label|
|-----|-----|
|1|Phone|
|2|Email|
|3|Web|
|2483|Facebook|
|3986|Twitter|



### <a name="BKMK_EntitlementChannelId"></a> EntitlementChannelId

|Property|Value|
|--------|-----|
|Description|Unique identifier for entity instances|
|DisplayName|Entitlement Channel|
|IsValidForForm|False|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|entitlementchannelid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_Name"></a> Name

|Property|Value|
|--------|-----|
|Description|The name of the custom entity.|
|DisplayName|Entitlement Channel Name|
|FormatName|Text|
|IsLocalizable|False|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|name|
|MaxLength|100|
|RequiredLevel|None|
|Type|String|


### <a name="BKMK_OwnerId"></a> OwnerId

|Property|Value|
|--------|-----|
|Description|Owner Id|
|DisplayName|Owner|
|IsValidForForm|False|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|ownerid|
|RequiredLevel|None|
|Targets|systemuser,team|
|Type|Owner|


### <a name="BKMK_TotalTerms"></a> TotalTerms

|Property|Value|
|--------|-----|
|Description|Type the total number of entitlement terms.|
|DisplayName|Total Terms|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|totalterms|
|MaxValue|100000000000|
|MinValue|0|
|Precision|2|
|RequiredLevel|None|
|Type|Decimal|


### <a name="BKMK_TransactionCurrencyId"></a> TransactionCurrencyId

|Property|Value|
|--------|-----|
|Description|Unique identifier of the currency associated with the incident.|
|DisplayName|Currency|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|transactioncurrencyid|
|RequiredLevel|None|
|Targets|transactioncurrency|
|Type|Lookup|

<a name="read-only-attributes"></a>
## Read-only attributes
These attributes return false for both **IsValidForCreate** or **IsValidForUpdate**. Listed by **SchemaName**.

- [CreatedOn](#BKMK_CreatedOn)
- [ExchangeRate](#BKMK_ExchangeRate)
- [OwnerIdType](#BKMK_OwnerIdType)
- [OwningBusinessUnit](#BKMK_OwningBusinessUnit)
- [OwningUser](#BKMK_OwningUser)


### <a name="BKMK_CreatedOn"></a> CreatedOn

|Property|Value|
|--------|-----|
|DateTimeBehavior|UserLocal|
|Description|Date and time when the record was created.|
|DisplayName|Created On|
|Format|DateOnly|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|createdon|
|RequiredLevel|None|
|Type|DateTime|


### <a name="BKMK_ExchangeRate"></a> ExchangeRate

|Property|Value|
|--------|-----|
|Description|Exchange rate for the currency associated with the incident with respect to the base currency.|
|DisplayName|Exchange Rate|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|exchangerate|
|MaxValue|100000000000|
|MinValue|0.0000000001|
|Precision|10|
|RequiredLevel|None|
|Type|Decimal|


### <a name="BKMK_OwnerIdType"></a> OwnerIdType

|Property|Value|
|--------|-----|
|Description|Owner Id Type|
|DisplayName||
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|owneridtype|
|RequiredLevel|SystemRequired|
|Type|EntityName|


### <a name="BKMK_OwningBusinessUnit"></a> OwningBusinessUnit

|Property|Value|
|--------|-----|
|Description|Unique identifier for the business unit that owns the record|
|DisplayName|Owning Business Unit|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|owningbusinessunit|
|RequiredLevel|ApplicationRequired|
|Targets|businessunit|
|Type|Lookup|


### <a name="BKMK_OwningUser"></a> OwningUser

|Property|Value|
|--------|-----|
|Description|Unique identifier for the user that owns the record.|
|DisplayName|Owning User|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|owninguser|
|RequiredLevel|ApplicationRequired|
|Targets|systemuser|
|Type|Lookup|

<a name="manytoone"></a>

## Many-To-One Relationships

Each Many-To-One relationship is defined by a corresponding One-To-Many relationship with the related entity. Listed by **SchemaName**.

- [user_entitlementchannel](#BKMK_user_entitlementchannel)
- [TransactionCurrency_entitlementchannel](#BKMK_TransactionCurrency_entitlementchannel)


### <a name="BKMK_user_entitlementchannel"></a> user_entitlementchannel

See systemuser Entity [user_entitlementchannel](systemuser.md#BKMK_user_entitlementchannel) One-To-Many relationship.

### <a name="BKMK_TransactionCurrency_entitlementchannel"></a> TransactionCurrency_entitlementchannel

See transactioncurrency Entity [TransactionCurrency_entitlementchannel](transactioncurrency.md#BKMK_TransactionCurrency_entitlementchannel) One-To-Many relationship.
"""

EC_2025 = """---
title: "Entitlement Channel (EntitlementChannel) table/entity reference (Microsoft Dynamics 365)"
description: "Includes schema information and supported messages for the Entitlement Channel (EntitlementChannel) table/entity with Microsoft Dynamics 365."
ms.topic: generated-reference
author: JimDaly
ms.author: jdaly
---

# Entitlement Channel (EntitlementChannel) table/entity reference (Microsoft Dynamics 365)

Defines the amount and type of support for a channel.

## Messages

The following table lists the messages for the Entitlement Channel (EntitlementChannel) table.
Messages represent operations that can be performed on the table. They may also be events.

| Name <br />Is Event? |Web API Operation |SDK for .NET |
| ---- | ----- |----- |
| `Create`<br />Event: True |`POST` /entitlementchannels<br />See [Create](/powerapps/developer/data-platform/webapi/create-entity-web-api) |[Create records](/power-apps/developer/data-platform/org-service/entity-operations-create#basic-create)|
| `Delete`<br />Event: True |`DELETE` /entitlementchannels(*entitlementchannelid*) |[Delete records](/power-apps/developer/data-platform/org-service/entity-operations-update-delete#basic-delete)|
| `Retrieve`<br />Event: True |`GET` /entitlementchannels(*entitlementchannelid*) |[Retrieve records](/power-apps/developer/data-platform/org-service/entity-operations-retrieve)|
| `RetrieveMultiple`<br />Event: True |`GET` /entitlementchannels |[Query data](/power-apps/developer/data-platform/org-service/entity-operations-query-data)|
| `Update`<br />Event: True |`PATCH` /entitlementchannels(*entitlementchannelid*) |[Update records](/power-apps/developer/data-platform/org-service/entity-operations-update-delete#basic-update)|
| `Upsert`<br />Event: False |`PATCH` /entitlementchannels(*entitlementchannelid*) |<xref:Microsoft.Xrm.Sdk.Messages.UpsertRequest>|

## Properties

The following table lists selected properties for the Entitlement Channel (EntitlementChannel) table.

|Property|Value|
| --- | --- |
| **DisplayName** | **Entitlement Channel** |
| **DisplayCollectionName** | **Entitlement Channels** |
| **SchemaName** | `EntitlementChannel` |
| **CollectionSchemaName** | `EntitlementChannels` |
| **EntitySetName** | `entitlementchannels`|
| **LogicalName** | `entitlementchannel` |
| **LogicalCollectionName** | `entitlementchannels` |
| **PrimaryIdAttribute** | `entitlementchannelid` |
| **PrimaryNameAttribute** |`name` |
| **TableType** | `Standard` |
| **OwnershipType** | `UserOwned` |

## Writable columns/attributes

These columns/attributes return true for either **IsValidForCreate** or **IsValidForUpdate** (usually both). Listed by **SchemaName**.

- [Channel](#BKMK_Channel)
- [EntitlementChannelId](#BKMK_EntitlementChannelId)
- [Name](#BKMK_Name)
- [OwnerId](#BKMK_OwnerId)
- [TotalTerms](#BKMK_TotalTerms)
- [TransactionCurrencyId](#BKMK_TransactionCurrencyId)

### <a name="BKMK_Channel"></a> Channel

|Property|Value|
|---|---|
|Description|**Select a channel for which you are defining the entitlement terms.**|
|DisplayName|**Name**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`channel`|
|RequiredLevel|SystemRequired|
|Type|Picklist|
|DefaultFormValue|-1|
|GlobalChoiceName|`incident_caseorigincode`|

#### Channel Choices/Options

|Value|Label|
|---|---|
|1|**Phone**|
|2|**Email**|
|3|**Web**|
|2483|**Facebook**|
|3986|**Twitter**|
|700610000|**IoT**|

### <a name="BKMK_EntitlementChannelId"></a> EntitlementChannelId

|Property|Value|
|---|---|
|Description|**Unique identifier for entity instances**|
|DisplayName|**Entitlement Channel**|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|`entitlementchannelid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_Name"></a> Name

|Property|Value|
|---|---|
|Description|**The name of the custom entity.**|
|DisplayName|**Entitlement Channel Name**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`name`|
|RequiredLevel|None|
|Type|String|
|Format|Text|
|FormatName|Text|
|ImeMode|Auto|
|IsLocalizable|False|
|MaxLength|100|

### <a name="BKMK_OwnerId"></a> OwnerId

|Property|Value|
|---|---|
|Description|**Owner Id**|
|DisplayName|**Owner**|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|`ownerid`|
|RequiredLevel|None|
|Type|Owner|
|Targets|systemuser, team|

### <a name="BKMK_TotalTerms"></a> TotalTerms

|Property|Value|
|---|---|
|Description|**Type the total number of entitlement terms.**|
|DisplayName|**Total Terms**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`totalterms`|
|RequiredLevel|None|
|Type|Decimal|
|ImeMode|Disabled|
|MaxValue|100000000000|
|MinValue|0|
|Precision|2|
|SourceTypeMask|0|

### <a name="BKMK_TransactionCurrencyId"></a> TransactionCurrencyId

|Property|Value|
|---|---|
|Description|**Unique identifier of the currency associated with the incident.**|
|DisplayName|**Currency**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`transactioncurrencyid`|
|RequiredLevel|None|
|Type|Lookup|
|Targets|transactioncurrency|


## Read-only columns/attributes

These columns/attributes return false for both **IsValidForCreate** and **IsValidForUpdate**. Listed by **SchemaName**.

- [CreatedOn](#BKMK_CreatedOn)
- [ExchangeRate](#BKMK_ExchangeRate)
- [OwnerIdType](#BKMK_OwnerIdType)
- [OwningBusinessUnit](#BKMK_OwningBusinessUnit)
- [OwningUser](#BKMK_OwningUser)

### <a name="BKMK_CreatedOn"></a> CreatedOn

|Property|Value|
|---|---|
|Description|**Date and time when the record was created.**|
|DisplayName|**Created On**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`createdon`|
|RequiredLevel|None|
|Type|DateTime|
|CanChangeDateTimeBehavior|False|
|DateTimeBehavior|UserLocal|
|Format|DateAndTime|
|ImeMode|Inactive|
|SourceTypeMask|0|

### <a name="BKMK_ExchangeRate"></a> ExchangeRate

|Property|Value|
|---|---|
|Description|**Exchange rate for the currency associated with the incident with respect to the base currency.**|
|DisplayName|**Exchange Rate**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`exchangerate`|
|RequiredLevel|None|
|Type|Decimal|
|ImeMode|Disabled|
|MaxValue|100000000000|
|MinValue|1E-12|
|Precision|12|
|SourceTypeMask|0|

### <a name="BKMK_OwnerIdType"></a> OwnerIdType

|Property|Value|
|---|---|
|Description|**Owner Id Type**|
|DisplayName||
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|`owneridtype`|
|RequiredLevel|SystemRequired|
|Type|EntityName|

### <a name="BKMK_OwningBusinessUnit"></a> OwningBusinessUnit

|Property|Value|
|---|---|
|Description|**Unique identifier for the business unit that owns the record**|
|DisplayName|**Owning Business Unit**|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|`owningbusinessunit`|
|RequiredLevel|ApplicationRequired|
|Type|Lookup|
|Targets||

### <a name="BKMK_OwningUser"></a> OwningUser

|Property|Value|
|---|---|
|Description|**Unique identifier for the user that owns the record.**|
|DisplayName|**Owning User**|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|`owninguser`|
|RequiredLevel|ApplicationRequired|
|Type|Lookup|
|Targets||

## Many-to-One relationships

These relationships are many-to-one. Listed by **SchemaName**.

- [TransactionCurrency_entitlementchannel](#BKMK_TransactionCurrency_entitlementchannel)
- [user_entitlementchannel](#BKMK_user_entitlementchannel)

### <a name="BKMK_TransactionCurrency_entitlementchannel"></a> TransactionCurrency_entitlementchannel

One-To-Many Relationship: [transactioncurrency TransactionCurrency_entitlementchannel](transactioncurrency.md#BKMK_TransactionCurrency_entitlementchannel)

|Property|Value|
|---|---|
|ReferencedEntity|`transactioncurrency`|
|ReferencedAttribute|`transactioncurrencyid`|
|ReferencingAttribute|`transactioncurrencyid`|
|ReferencingEntityNavigationPropertyName|`transactioncurrencyid`|
|IsHierarchical||
|CascadeConfiguration|Archive: `NoCascade`<br />Assign: `NoCascade`<br />Delete: `Restrict`<br />Merge: `NoCascade`<br />Reparent: `NoCascade`<br />RollupView: `NoCascade`<br />Share: `NoCascade`<br />Unshare: `NoCascade`|

### <a name="BKMK_user_entitlementchannel"></a> user_entitlementchannel

One-To-Many Relationship: [systemuser user_entitlementchannel](systemuser.md#BKMK_user_entitlementchannel)

|Property|Value|
|---|---|
|ReferencedEntity|`systemuser`|
|ReferencedAttribute|`systemuserid`|
|ReferencingAttribute|`owninguser`|
|ReferencingEntityNavigationPropertyName|`owninguser`|
|IsHierarchical||
|CascadeConfiguration|Archive: `NoCascade`<br />Assign: `NoCascade`<br />Delete: `NoCascade`<br />Merge: `NoCascade`<br />Reparent: `NoCascade`<br />RollupView: `NoCascade`<br />Share: `NoCascade`<br />Unshare: `NoCascade`|
"""

# --- bookableresourcecategory (Scheduling): 10/31/2017 (21453c82) and 2025 (97affe77) -------

BRC_2017 = """---
title: "BookableResourceCategory Entity Reference (Developer Guide for Dynamics 365 Customer Engagement)| MicrosoftDocs"
description: "Includes schema information and supported messages for the BookableResourceCategory entity."
ms.date: 10/31/2017
ms.service: "crm-online"
ms.topic: "reference"
---
# BookableResourceCategory Entity Reference

Resource category master used to categorize people and equipment.

**Added by**: Scheduling Solution<br />

## Messages

|Message|Web API Operation|SDK Assembly|
|-|-|-|
|Create|POST [*org URI*]/api/data/v9.0/bookableresourcecategories<br />See [Create](../webapi/create-entity-web-api.md)|<xref:Microsoft.Xrm.Sdk.Messages.CreateRequest>|
|Retrieve|GET [*org URI*]/api/data/v9.0/bookableresourcecategories(*bookableresourcecategoryid*)|<xref:Microsoft.Xrm.Sdk.Messages.RetrieveRequest>|
|SetState|PATCH [*org URI*]/api/data/v9.0/bookableresourcecategories(*bookableresourcecategoryid*)|<xref:Microsoft.Crm.Sdk.Messages.SetStateRequest>|

## Properties

**DisplayName**: Bookable Resource Category<br />
**DisplayCollectionName**: Bookable Resource Categories<br />
**SchemaName**: BookableResourceCategory<br />
**CollectionSchemaName**: BookableResourceCategory<br />
**LogicalName**: bookableresourcecategory<br />
**LogicalCollectionName**: bookableresourcecategories<br />
**EntitySetName**: bookableresourcecategories<br />
**PrimaryIdAttribute**: bookableresourcecategoryid<br />
**PrimaryNameAttribute**: name<br />
**OwnershipType**: UserOwned<br />
**IsBPFEntity**: False<br />
<a name="writable-attributes"></a>

## Writable attributes

These attributes return true for either **IsValidForCreate** or **IsValidForUpdate** (usually both). Listed by **SchemaName**.

- [BookableResourceCategoryId](#BKMK_BookableResourceCategoryId)
- [Description](#BKMK_Description)
- [msdyn_billingtype](#BKMK_msdyn_billingtype)
- [msdyn_targetutilization](#BKMK_msdyn_targetutilization)
- [msdyn_TransactionCategory](#BKMK_msdyn_TransactionCategory)
- [Name](#BKMK_Name)
- [StateCode](#BKMK_StateCode)
- [StatusCode](#BKMK_StatusCode)
- [TransactionCurrencyId](#BKMK_TransactionCurrencyId)


### <a name="BKMK_BookableResourceCategoryId"></a> BookableResourceCategoryId

**Description**: Unique identifier of the resource category.<br />
**DisplayName**: Resource Category<br />
**LogicalName**: bookableresourcecategoryid<br />
**IsValidForForm**: False<br />
**IsValidForRead**: True<br />
**RequiredLevel**: SystemRequired<br />
**IsValidForUpdate**: False<br />
**Type**: Uniqueidentifier<br />


### <a name="BKMK_Description"></a> Description

**Description**: Type a detailed description of what the categorization is about.<br />
**DisplayName**: Description<br />
**LogicalName**: description<br />
**IsValidForForm**: True<br />
**IsValidForRead**: True<br />
**RequiredLevel**: None<br />
**Type**: String<br />
**FormatName**: Text<br />
**IsLocalizable**: False<br />
**MaxLength**: 100


### <a name="BKMK_msdyn_billingtype"></a> msdyn_billingtype

**Added by**: Project Service Automation Solution<br />
**Description**: Select the billing type for this resource role.<br />
**DisplayName**: Billing Type<br />
**LogicalName**: msdyn_billingtype<br />
**IsValidForForm**: True<br />
**IsValidForRead**: True<br />
**RequiredLevel**: None<br />
**Type**: Picklist<br />
**Options**:

- **Value**: 192350000 **Label**: Non Chargeable
- **Value**: 192350001 **Label**: Chargeable
- **Value**: 192350002 **Label**: Complimentary
- **Value**: 192350003 **Label**: Not Available



### <a name="BKMK_msdyn_targetutilization"></a> msdyn_targetutilization

**Added by**: Project Service Automation Solution<br />
**Description**: Enter the target usage rate for this resource role.<br />
**DisplayName**: Target Utilization<br />
**LogicalName**: msdyn_targetutilization<br />
**IsValidForForm**: True<br />
**IsValidForRead**: True<br />
**RequiredLevel**: None<br />
**Type**: Integer<br />
**Format**: None<br />
**MaxValue**: 100<br />
**MinValue**: 1


### <a name="BKMK_msdyn_TransactionCategory"></a> msdyn_TransactionCategory

**Added by**: Project Service Automation Solution<br />
**Description**: Enter the default transaction category for this resource role.<br />
**DisplayName**: Transaction Category<br />
**LogicalName**: msdyn_transactioncategory<br />
**IsValidForForm**: True<br />
**IsValidForRead**: True<br />
**RequiredLevel**: None<br />
**Type**: Lookup<br />
**Targets**: msdyn_transactioncategory


### <a name="BKMK_Name"></a> Name

**Description**: Type the name of the resource category.<br />
**DisplayName**: Name<br />
**LogicalName**: name<br />
**IsValidForForm**: True<br />
**IsValidForRead**: True<br />
**RequiredLevel**: SystemRequired<br />
**Type**: String<br />
**FormatName**: Text<br />
**IsLocalizable**: False<br />
**MaxLength**: 100


### <a name="BKMK_StateCode"></a> StateCode

**Description**: Status of the Resource Category<br />
**DisplayName**: Status<br />
**LogicalName**: statecode<br />
**IsValidForForm**: True<br />
**IsValidForRead**: True<br />
**RequiredLevel**: SystemRequired<br />
**IsValidForCreate**: False<br />
**Type**: State<br />
**Options**:

- **Value**: 0 **Label**: Active **DefaultStatus**: 1 **InvariantName**: Active
- **Value**: 1 **Label**: Inactive **DefaultStatus**: 2 **InvariantName**: Inactive



### <a name="BKMK_StatusCode"></a> StatusCode

**Description**: Reason for the status of the Resource Category<br />
**DisplayName**: Status Reason<br />
**LogicalName**: statuscode<br />
**IsValidForForm**: True<br />
**IsValidForRead**: True<br />
**RequiredLevel**: None<br />
**Type**: Status<br />
**Options**:

- **Value**: 1 **Label**: Active **State**: 0
- **Value**: 2 **Label**: Inactive **State**: 1



### <a name="BKMK_TransactionCurrencyId"></a> TransactionCurrencyId

**Description**: Exchange rate for the currency associated with the BookableResourceCategory with respect to the base currency.<br />
**DisplayName**: Currency<br />
**LogicalName**: transactioncurrencyid<br />
**IsValidForForm**: True<br />
**IsValidForRead**: True<br />
**RequiredLevel**: None<br />
**Type**: Lookup<br />
**Targets**: transactioncurrency

<a name="read-only-attributes"></a>
## Read-only attributes
These attributes return false for both **IsValidForCreate** or **IsValidForUpdate**. Listed by **SchemaName**.

- [CreatedBy](#BKMK_CreatedBy)
- [CreatedByYomiName](#BKMK_CreatedByYomiName)
- [ExchangeRate](#BKMK_ExchangeRate)


### <a name="BKMK_CreatedBy"></a> CreatedBy

**Description**: Unique identifier of the user who created the record.<br />
**DisplayName**: Created By<br />
**LogicalName**: createdby<br />
**IsValidForForm**: True<br />
**IsValidForRead**: True<br />
**RequiredLevel**: None<br />
**Type**: Lookup<br />
**Targets**: systemuser


### <a name="BKMK_CreatedByYomiName"></a> CreatedByYomiName

**Description**: <br />
**DisplayName**: <br />
**LogicalName**: createdbyyominame<br />
**IsValidForForm**: False<br />
**IsValidForRead**: True<br />
**RequiredLevel**: SystemRequired<br />
**Type**: String<br />
**FormatName**: Text<br />
**IsLocalizable**: False<br />
**MaxLength**: 100


### <a name="BKMK_ExchangeRate"></a> ExchangeRate

**Description**: Exchange rate for the currency associated with the bookableresourcecategory with respect to the base currency.<br />
**DisplayName**: ExchangeRate<br />
**LogicalName**: exchangerate<br />
**IsValidForForm**: True<br />
**IsValidForRead**: True<br />
**RequiredLevel**: None<br />
**Type**: Decimal<br />
**MaxValue**: 100000000000<br />
**MinValue**: 0.0000000001<br />
**Precision**: 10
"""

BRC_2025 = """---
title: "Bookable Resource Category (BookableResourceCategory) table/entity reference (Microsoft Dynamics 365)"
description: "Includes schema information and supported messages for the Bookable Resource Category (BookableResourceCategory) table/entity with Microsoft Dynamics 365."
ms.topic: generated-reference
author: JimDaly
ms.author: jdaly
---

# Bookable Resource Category (BookableResourceCategory) table/entity reference (Microsoft Dynamics 365)

Categorize resources that have capacity into categories such as roles.

## Messages

The following table lists the messages for the Bookable Resource Category (BookableResourceCategory) table.
Messages represent operations that can be performed on the table. They may also be events.

| Name <br />Is Event? |Web API Operation |SDK for .NET |
| ---- | ----- |----- |
| `Create`<br />Event: True |`POST` /bookableresourcecategories<br />See [Create](/powerapps/developer/data-platform/webapi/create-entity-web-api) |[Create records](/power-apps/developer/data-platform/org-service/entity-operations-create#basic-create)|
| `Retrieve`<br />Event: True |`GET` /bookableresourcecategories(*bookableresourcecategoryid*) |[Retrieve records](/power-apps/developer/data-platform/org-service/entity-operations-retrieve)|
| `SetState`<br />Event: True |`PATCH` /bookableresourcecategories(*bookableresourcecategoryid*) |<xref:Microsoft.Crm.Sdk.Messages.SetStateRequest>|

## Properties

The following table lists selected properties for the Bookable Resource Category (BookableResourceCategory) table.

|Property|Value|
| --- | --- |
| **DisplayName** | **Bookable Resource Category** |
| **DisplayCollectionName** | **Bookable Resource Categories** |
| **SchemaName** | `BookableResourceCategory` |
| **CollectionSchemaName** | `BookableResourceCategory` |
| **EntitySetName** | `bookableresourcecategories`|
| **LogicalName** | `bookableresourcecategory` |
| **LogicalCollectionName** | `bookableresourcecategories` |
| **PrimaryIdAttribute** | `bookableresourcecategoryid` |
| **PrimaryNameAttribute** |`name` |
| **TableType** | `Standard` |
| **OwnershipType** | `UserOwned` |

## Writable columns/attributes

These columns/attributes return true for either **IsValidForCreate** or **IsValidForUpdate** (usually both). Listed by **SchemaName**.

- [BookableResourceCategoryId](#BKMK_BookableResourceCategoryId)
- [Description](#BKMK_Description)
- [Name](#BKMK_Name)
- [StateCode](#BKMK_StateCode)
- [StatusCode](#BKMK_StatusCode)
- [TransactionCurrencyId](#BKMK_TransactionCurrencyId)

### <a name="BKMK_BookableResourceCategoryId"></a> BookableResourceCategoryId

|Property|Value|
|---|---|
|Description|**Unique identifier of the resource category.**|
|DisplayName|**Resource Category**|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|`bookableresourcecategoryid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_Description"></a> Description

|Property|Value|
|---|---|
|Description|**Type a detailed description of what the categorization is about.**|
|DisplayName|**Description**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`description`|
|RequiredLevel|None|
|Type|String|
|Format|Text|
|FormatName|Text|
|ImeMode|Auto|
|IsLocalizable|False|
|MaxLength|100|

### <a name="BKMK_Name"></a> Name

|Property|Value|
|---|---|
|Description|**Type the name of the resource category.**|
|DisplayName|**Name**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`name`|
|RequiredLevel|SystemRequired|
|Type|String|
|Format|Text|
|FormatName|Text|
|ImeMode|Auto|
|IsLocalizable|False|
|MaxLength|100|

### <a name="BKMK_StateCode"></a> StateCode

|Property|Value|
|---|---|
|Description|**Status of the Resource Category**|
|DisplayName|**Status**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`statecode`|
|RequiredLevel|SystemRequired|
|Type|State|
|DefaultFormValue||
|GlobalChoiceName|`bookableresourcecategory_statecode`|

#### StateCode Choices/Options

|Value|Details|
|---|---|
|0|Label: **Active**<br />DefaultStatus: 1<br />InvariantName: `Active`|
|1|Label: **Inactive**<br />DefaultStatus: 2<br />InvariantName: `Inactive`|

### <a name="BKMK_StatusCode"></a> StatusCode

|Property|Value|
|---|---|
|Description|**Reason for the status of the Resource Category**|
|DisplayName|**Status Reason**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`statuscode`|
|RequiredLevel|None|
|Type|Status|
|DefaultFormValue||
|GlobalChoiceName|`bookableresourcecategory_statuscode`|

#### StatusCode Choices/Options

|Value|Details|
|---|---|
|1|Label: **Active**<br />State:0<br />TransitionData: None|
|2|Label: **Inactive**<br />State:1<br />TransitionData: None|

### <a name="BKMK_TransactionCurrencyId"></a> TransactionCurrencyId

|Property|Value|
|---|---|
|Description|**Exchange rate for the currency associated with the BookableResourceCategory with respect to the base currency.**|
|DisplayName|**Currency**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`transactioncurrencyid`|
|RequiredLevel|None|
|Type|Lookup|
|Targets|transactioncurrency|


## Read-only columns/attributes

These columns/attributes return false for both **IsValidForCreate** and **IsValidForUpdate**. Listed by **SchemaName**.

- [CreatedBy](#BKMK_CreatedBy)
- [ExchangeRate](#BKMK_ExchangeRate)

### <a name="BKMK_CreatedBy"></a> CreatedBy

|Property|Value|
|---|---|
|Description|**Unique identifier of the user who created the record.**|
|DisplayName|**Created By**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`createdby`|
|RequiredLevel|None|
|Type|Lookup|
|Targets|systemuser|

### <a name="BKMK_ExchangeRate"></a> ExchangeRate

|Property|Value|
|---|---|
|Description|**Exchange rate for the currency associated with the bookableresourcecategory with respect to the base currency.**|
|DisplayName|**ExchangeRate**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`exchangerate`|
|RequiredLevel|None|
|Type|Decimal|
|ImeMode|Disabled|
|MaxValue|100000000000|
|MinValue|1E-12|
|Precision|12|
|SourceTypeMask|0|
"""

# --- discounttype (Sales): 10/31/2017 (0ab00ed5) and 2025 (a336f096) ------------------------

DT_2017 = """---
title: "DiscountType Entity Reference (Developer Guide for Dynamics 365 Customer Engagement)| MicrosoftDocs"
description: "Includes schema information and supported messages for the DiscountType entity."
ms.date: 10/31/2017
ms.service: "crm-online"
ms.topic: "reference"
---
# DiscountType Entity Reference

Type of discount specified as either a percentage or an amount.

**Added by**: Sales Solution<br />

## Messages

|Message|Web API Operation|SDK Assembly|
|-|-|-|
|Create|POST [*org URI*]/api/data/v9.0/discounttypes<br />See [Create](../webapi/create-entity-web-api.md)|<xref:Microsoft.Xrm.Sdk.Messages.CreateRequest>|
|SetState|PATCH [*org URI*]/api/data/v9.0/discounttypes(*discounttypeid*)|<xref:Microsoft.Crm.Sdk.Messages.SetStateRequest>|

## Properties

**DisplayName**: Discount List<br />
**DisplayCollectionName**: Discount Lists<br />
**SchemaName**: DiscountType<br />
**CollectionSchemaName**: DiscountTypes<br />
**LogicalName**: discounttype<br />
**LogicalCollectionName**: discounttypes<br />
**EntitySetName**: discounttypes<br />
**PrimaryIdAttribute**: discounttypeid<br />
**PrimaryNameAttribute**: name<br />
**OwnershipType**: OrganizationOwned<br />
**IsBPFEntity**: False<br />
<a name="writable-attributes"></a>

## Writable attributes

These attributes return true for either **IsValidForCreate** or **IsValidForUpdate** (usually both). Listed by **SchemaName**.

- [Description](#BKMK_Description)
- [DiscountTypeId](#BKMK_DiscountTypeId)
- [IsAmountType](#BKMK_IsAmountType)
- [Name](#BKMK_Name)
- [StateCode](#BKMK_StateCode)
- [StatusCode](#BKMK_StatusCode)
- [TransactionCurrencyId](#BKMK_TransactionCurrencyId)


### <a name="BKMK_Description"></a> Description

**Description**: Description of the discount list.<br />
**DisplayName**: Description<br />
**LogicalName**: description<br />
**IsValidForForm**: False<br />
**IsValidForRead**: True<br />
**RequiredLevel**: None<br />
**Type**: Memo<br />
**Format**: Text<br />
**IsLocalizable**: False<br />
**MaxLength**: 2000


### <a name="BKMK_DiscountTypeId"></a> DiscountTypeId

**Description**: Unique identifier of the discount list.<br />
**DisplayName**: Discount List<br />
**LogicalName**: discounttypeid<br />
**IsValidForForm**: False<br />
**IsValidForRead**: True<br />
**RequiredLevel**: SystemRequired<br />
**IsValidForUpdate**: False<br />
**Type**: Uniqueidentifier<br />


### <a name="BKMK_IsAmountType"></a> IsAmountType

**Description**: Information about whether the discount list amounts are specified as monetary amounts or percentages.<br />
**DisplayName**: Type<br />
**LogicalName**: isamounttype<br />
**IsValidForForm**: False<br />
**IsValidForRead**: True<br />
**RequiredLevel**: None<br />
**IsValidForUpdate**: False<br />
**Type**: Boolean<br />
**Options**:

- **TrueOption Value**: 1 **Label**: Amount
- **FalseOption Value**: 0 **Label**: Percentage

**DefaultValue**: False


### <a name="BKMK_Name"></a> Name

**Description**: Name of the discount list.<br />
**DisplayName**: Name<br />
**LogicalName**: name<br />
**IsValidForForm**: False<br />
**IsValidForRead**: True<br />
**RequiredLevel**: SystemRequired<br />
**Type**: String<br />
**FormatName**: Text<br />
**IsLocalizable**: False<br />
**MaxLength**: 100


### <a name="BKMK_StateCode"></a> StateCode

**Description**: Status of the discount list.<br />
**DisplayName**: Status<br />
**LogicalName**: statecode<br />
**IsValidForForm**: True<br />
**IsValidForRead**: True<br />
**RequiredLevel**: SystemRequired<br />
**IsValidForCreate**: False<br />
**Type**: State<br />
**Options**:

- **Value**: 0 **Label**: Active **DefaultStatus**: 100001 **InvariantName**: Active
- **Value**: 1 **Label**: Inactive **DefaultStatus**: 100002 **InvariantName**: Inactive



### <a name="BKMK_StatusCode"></a> StatusCode

**Description**: Reason for the status of the discount list.<br />
**DisplayName**: Status Reason<br />
**LogicalName**: statuscode<br />
**IsValidForForm**: False<br />
**IsValidForRead**: True<br />
**RequiredLevel**: None<br />
**Type**: Status<br />
**Options**:

- **Value**: 100001 **Label**: Active **State**: 0
- **Value**: 100002 **Label**: Inactive **State**: 1



### <a name="BKMK_TransactionCurrencyId"></a> TransactionCurrencyId

**Description**: Unique identifier of the currency associated with the discount type.<br />
**DisplayName**: Currency<br />
**LogicalName**: transactioncurrencyid<br />
**IsValidForForm**: True<br />
**IsValidForRead**: True<br />
**RequiredLevel**: None<br />
**IsValidForUpdate**: False<br />
**Type**: Lookup<br />
**Targets**: transactioncurrency
"""

DT_2025 = """---
title: "Discount List (DiscountType) table/entity reference (Microsoft Dynamics 365)"
description: "Includes schema information and supported messages for the Discount List (DiscountType) table/entity with Microsoft Dynamics 365."
ms.topic: generated-reference
author: JimDaly
ms.author: jdaly
---

# Discount List (DiscountType) table/entity reference (Microsoft Dynamics 365)

Type of discount specified as either a percentage or an amount.

## Messages

The following table lists the messages for the Discount List (DiscountType) table.
Messages represent operations that can be performed on the table. They may also be events.

| Name <br />Is Event? |Web API Operation |SDK for .NET |
| ---- | ----- |----- |
| `Create`<br />Event: True |`POST` /discounttypes<br />See [Create](/powerapps/developer/data-platform/webapi/create-entity-web-api) |[Create records](/power-apps/developer/data-platform/org-service/entity-operations-create#basic-create)|
| `SetState`<br />Event: True |`PATCH` /discounttypes(*discounttypeid*) |<xref:Microsoft.Crm.Sdk.Messages.SetStateRequest>|

## Properties

The following table lists selected properties for the Discount List (DiscountType) table.

|Property|Value|
| --- | --- |
| **DisplayName** | **Discount List** |
| **DisplayCollectionName** | **Discount Lists** |
| **SchemaName** | `DiscountType` |
| **CollectionSchemaName** | `DiscountTypes` |
| **EntitySetName** | `discounttypes`|
| **LogicalName** | `discounttype` |
| **LogicalCollectionName** | `discounttypes` |
| **PrimaryIdAttribute** | `discounttypeid` |
| **PrimaryNameAttribute** |`name` |
| **TableType** | `Standard` |
| **OwnershipType** | `OrganizationOwned` |

## Writable columns/attributes

These columns/attributes return true for either **IsValidForCreate** or **IsValidForUpdate** (usually both). Listed by **SchemaName**.

- [Description](#BKMK_Description)
- [DiscountTypeId](#BKMK_DiscountTypeId)
- [IsAmountType](#BKMK_IsAmountType)
- [Name](#BKMK_Name)
- [StateCode](#BKMK_StateCode)
- [StatusCode](#BKMK_StatusCode)
- [TransactionCurrencyId](#BKMK_TransactionCurrencyId)

### <a name="BKMK_Description"></a> Description

|Property|Value|
|---|---|
|Description|**Description of the discount list.**|
|DisplayName|**Description**|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|`description`|
|RequiredLevel|None|
|Type|Memo|
|Format|Text|
|FormatName|Text|
|ImeMode|Auto|
|IsLocalizable|False|
|MaxLength|2000|

### <a name="BKMK_DiscountTypeId"></a> DiscountTypeId

|Property|Value|
|---|---|
|Description|**Unique identifier of the discount list.**|
|DisplayName|**Discount List**|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|`discounttypeid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_IsAmountType"></a> IsAmountType

|Property|Value|
|---|---|
|Description|**Information about whether the discount list amounts are specified as monetary amounts or percentages.**|
|DisplayName|**Type**|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|`isamounttype`|
|RequiredLevel|None|
|Type|Boolean|
|GlobalChoiceName|`discounttype_isamounttype`|
|DefaultValue|False|
|True Label|Amount|
|False Label|Percentage|

### <a name="BKMK_Name"></a> Name

|Property|Value|
|---|---|
|Description|**Name of the discount list.**|
|DisplayName|**Name**|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|`name`|
|RequiredLevel|SystemRequired|
|Type|String|
|Format|Text|
|FormatName|Text|
|ImeMode|Auto|
|IsLocalizable|False|
|MaxLength|100|

### <a name="BKMK_StateCode"></a> StateCode

|Property|Value|
|---|---|
|Description|**Status of the discount list.**|
|DisplayName|**Status**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`statecode`|
|RequiredLevel|SystemRequired|
|Type|State|
|DefaultFormValue|0|
|GlobalChoiceName|`discounttype_statecode`|

#### StateCode Choices/Options

|Value|Details|
|---|---|
|0|Label: **Active**<br />DefaultStatus: 100001<br />InvariantName: `Active`|
|1|Label: **Inactive**<br />DefaultStatus: 100002<br />InvariantName: `Inactive`|

### <a name="BKMK_StatusCode"></a> StatusCode

|Property|Value|
|---|---|
|Description|**Reason for the status of the discount list.**|
|DisplayName|**Status Reason**|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|`statuscode`|
|RequiredLevel|None|
|Type|Status|
|DefaultFormValue|-1|
|GlobalChoiceName|`discounttype_statuscode`|

#### StatusCode Choices/Options

|Value|Details|
|---|---|
|100001|Label: **Active**<br />State:0<br />TransitionData: None|
|100002|Label: **Inactive**<br />State:1<br />TransitionData: None|

### <a name="BKMK_TransactionCurrencyId"></a> TransactionCurrencyId

|Property|Value|
|---|---|
|Description|**Unique identifier of the currency associated with the discount type.**|
|DisplayName|**Currency**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`transactioncurrencyid`|
|RequiredLevel|None|
|Type|Lookup|
|Targets|transactioncurrency|
"""

EC = "entitlementchannel.columns"


def test_entitlementchannel_2017_to_2025_is_classified_as_dataverse_takes_it() -> None:
    """IoT joins the channels (the global choice ``incident_caseorigincode``, stated in 2025
    only); the exchange rate takes 12 places down to 1E-12; the 2025 page states no
    IsValidForUpdate (``ownerid`` reads as updatable) and no targets for two ownership
    lookups; createdon's Format is display only (UserLocal both: Edm.DateTimeOffset)."""
    rules = _rules(
        _set(("entitlementchannel.md", EC_2017)), _set(("entitlementchannel.md", EC_2025))
    )
    assert rules == {
        f"{EC}.channel.choices.700610000": ("option-added-closed", True),
        f"{EC}.createdon.format": ("facet-changed", False),
        f"{EC}.exchangerate.min_value": ("range-widened", True),
        f"{EC}.exchangerate.precision": ("precision-widened", True),
        f"{EC}.ownerid.valid_for_update": ("column-access-added", False),
        f"{EC}.owningbusinessunit.targets": ("facet-changed", False),
        f"{EC}.owninguser.targets": ("facet-changed", False),
        "entitlementchannel.messages.Upsert": ("message-added", False),
    }


def test_a_lookup_whose_targets_go_unnamed_keeps_its_navigation_property() -> None:
    """What the targets emit for ``owninguser`` with ``|Targets||``: the navigation property
    to systemuser its relationship gives, as Microsoft's EntityType has it."""
    from dvgen.webapi.properties import api_properties

    new = _set(("entitlementchannel.md", EC_2025))
    table = new.by_name["entitlementchannel"]
    assert table.column("owninguser").targets == ()  # type: ignore[union-attr]
    rel = {r.referencing_attribute: r for r in table.relationships.many_to_one}
    assert rel["owninguser"].referenced_entity == "systemuser"
    assert "owninguser" in {p.column.logical_name for p in api_properties(table)}


def test_a_target_a_listed_version_leaves_out_still_breaks() -> None:
    narrower = EC_2025.replace("|Targets|systemuser, team|", "|Targets|systemuser|")
    assert narrower != EC_2025
    rules = _rules(
        _set(("entitlementchannel.md", EC_2025)), _set(("entitlementchannel.md", narrower))
    )
    assert rules == {f"{EC}.ownerid.targets": ("lookup-target-removed", True)}


BRC = "bookableresourcecategory.columns"


def test_bookableresourcecategory_2017_to_2025_is_classified_as_dataverse_takes_it() -> None:
    """Project Service Automation's three columns are not on the 2025 page (a table without
    that solution); the yomi name companion, SystemRequired in 2017, is an annotation of the
    lookup, never a property; statecode's create-only state is the one every page implies."""
    old = _set(("bookableresourcecategory.md", BRC_2017))
    new = _set(("bookableresourcecategory.md", BRC_2025))
    assert _rules(old, new) == {
        f"{BRC}.createdbyyominame": ("lookup-companion-removed", False),
        f"{BRC}.exchangerate.min_value": ("range-widened", True),
        f"{BRC}.exchangerate.precision": ("precision-widened", True),
        f"{BRC}.msdyn_billingtype": ("column-removed", True),
        f"{BRC}.msdyn_targetutilization": ("column-removed", True),
        f"{BRC}.msdyn_transactioncategory": ("column-removed", True),
        "bookableresourcecategory.description": ("description-changed", False),
    }


def test_discounttype_2017_to_2025_breaks_nothing() -> None:
    """The 2025 page states no IsValidForUpdate: the create-only type and currency read as
    updatable (``column-access-added``); statecode's DefaultFormValue 0 (a State: its default
    comes from the state model either way) and statuscode's -1 fill nothing new."""
    old, new = _set(("discounttype.md", DT_2017)), _set(("discounttype.md", DT_2025))
    assert _rules(old, new) == {
        "discounttype.columns.isamounttype.valid_for_update": ("column-access-added", False),
        "discounttype.columns.transactioncurrencyid.valid_for_update": (
            "column-access-added",
            False,
        ),
    }


# --- gap (a): a global choice's option added by another table's spec -----------------------

INCIDENT = """---
title: "Case (Incident) table/entity reference (Microsoft Dynamics 365)"
ms.topic: generated-reference
---

# Case (Incident) table/entity reference (Microsoft Dynamics 365)

Service request case associated with a contract.

## Properties

|Property|Value|
| --- | --- |
| **DisplayName** | **Case** |
| **DisplayCollectionName** | **Cases** |
| **SchemaName** | `Incident` |
| **CollectionSchemaName** | `Incidents` |
| **EntitySetName** | `incidents`|
| **LogicalName** | `incident` |
| **LogicalCollectionName** | `incidents` |
| **PrimaryIdAttribute** | `incidentid` |
| **PrimaryNameAttribute** |`title` |
| **TableType** | `Standard` |
| **OwnershipType** | `UserOwned` |

## Writable columns/attributes

These columns/attributes return true for either **IsValidForCreate** or **IsValidForUpdate** (usually both). Listed by **SchemaName**.

- [CaseOriginCode](#BKMK_CaseOriginCode)
- [IncidentId](#BKMK_IncidentId)
- [Title](#BKMK_Title)

### <a name="BKMK_CaseOriginCode"></a> CaseOriginCode

|Property|Value|
|---|---|
|Description|**Select how contact about the case was originated, such as email, phone, or web, for use in reporting and analysis.**|
|DisplayName|**Origin**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`caseorigincode`|
|RequiredLevel|None|
|Type|Picklist|
|DefaultFormValue|1|
|GlobalChoiceName|`incident_caseorigincode`|

#### CaseOriginCode Choices/Options

|Value|Label|
|---|---|
|1|**Phone**|
|2|**Email**|
|3|**Web**|
|2483|**Facebook**|
|3986|**Twitter**|
|700610000|**IoT**|
{extra}
### <a name="BKMK_IncidentId"></a> IncidentId

|Property|Value|
|---|---|
|Description|**Unique identifier of the case.**|
|DisplayName|**Case**|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|`incidentid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_Title"></a> Title

|Property|Value|
|---|---|
|Description|**Type a subject or descriptive name, such as the request, issue, or company name, to identify the case in Microsoft Dynamics 365 views.**|
|DisplayName|**Case Title**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`title`|
|RequiredLevel|ApplicationRequired|
|Type|String|
|Format|Text|
|MaxLength|200|
"""
"""Microsoft's incident page, cut to three columns; ``{extra}`` is a maker's edit: an option
added to the global choice ``incident_caseorigincode`` in this spec only."""

CHAT = "|700610001|**Chat**|\n"


def _cases(extra: str) -> TableSet:
    return _set(
        ("entitlementchannel.md", EC_2025), ("incident.md", INCIDENT.replace("{extra}", extra))
    )


def _check_of(ddl: str, table: str, column: str) -> str:
    start = ddl.index(f'CREATE TABLE "{table}"')
    block = ddl[start : ddl.index(") STRICT;", start)]
    return next(line for line in block.splitlines() if line.strip().startswith(f'"{column}"'))


def test_the_option_another_table_adds_is_one_this_columns_targets_take() -> None:
    """What the targets emit, before deciding: entitlementchannel's own page lists the six
    options in both versions, yet its CHECK (and JSON Schema, pydantic enum) take Chat once
    incident's spec adds it to the global choice."""
    old, new = _cases(""), _cases(CHAT)
    before = _check_of(render(old, "sqlite")[0], "entitlementchannel", "channel")
    after = _check_of(render(new, "sqlite")[0], "entitlementchannel", "channel")
    assert "700610001" not in before
    assert "700610001" in after


@pytest.mark.parametrize(
    ("choices", "rule", "breaking"),
    [("closed", "option-added-closed", True), ("open", "option-added", False)],
)
def test_a_global_choice_gaining_an_option_elsewhere_is_a_change_of_this_column_too(
    choices: str, rule: str, breaking: bool
) -> None:
    assert _rules(_cases(""), _cases(CHAT), choices) == {
        "incident.columns.caseorigincode.choices.700610001": (rule, breaking),
        f"{EC}.channel.choices.700610001": (rule, breaking),
    }


def test_the_gate_reads_the_option_where_the_other_spec_states_it() -> None:
    """entitlementchannel's change is read at incident's option list, where it was made."""
    found = {c.where: c.loc for c in diff_sets(_cases(""), _cases(CHAT))}
    assert (
        found[f"{EC}.channel.choices.700610001"]
        == (found["incident.columns.caseorigincode.choices.700610001"])
    )
    assert found[f"{EC}.channel.choices.700610001"].startswith("incident.md:")


def test_a_column_listing_what_its_targets_take_compares_as_before() -> None:
    assert _rules(_cases(""), _cases("")) == {}


def test_a_label_one_spec_of_a_global_choice_changes_is_compared_as_the_targets_take_it() -> None:
    """incident relabels IoT, entitlementchannel does not: the targets keep the label most
    columns give (a tie: the first table's, with the warning ``global-choice-differs``), so
    the enum member typed code names is unchanged, and so is every column's option."""
    relabelled = INCIDENT.replace("{extra}", "").replace("**IoT**", "**Internet of Things**")
    new = _set(("entitlementchannel.md", EC_2025), ("incident.md", relabelled))
    assert _rules(_cases(""), new) == {}


# --- gap (b): a default only the newer version states --------------------------------------

UNSTATED = EC_2025.replace("|DefaultFormValue|-1|\n", "")


def _channel_default(value: str) -> TableSet:
    return _set(("entitlementchannel.md", EC_2025.replace("|DefaultFormValue|-1|", value)))


def test_a_default_only_the_newer_version_states_is_listed_where_it_fills_the_column() -> None:
    """The SQL DEFAULT, the JSON Schema ``default`` and the migration's SET DEFAULT come with
    it, so ``diff`` lists it; -1 fills nothing and stays unlisted."""
    old = _set(("entitlementchannel.md", UNSTATED))
    assert old.by_name["entitlementchannel"].column("channel").default_form_value is None  # type: ignore[union-attr]
    new = _channel_default("|DefaultFormValue|1|")
    assert _rules(old, new) == {f"{EC}.channel.default_form_value": ("facet-changed", False)}
    assert "SET DEFAULT 1" in migration_script(old, new, "postgres", "old").text
    assert _rules(old, _channel_default("|DefaultFormValue|-1|")) == {}
    assert _rules(old, _channel_default("|DefaultFormValue|99|")) == {}  # none of its options


def test_the_migrations_keep_the_rows_on_sqlite_and_postgres(
    postgres: PostgresServer,  # noqa: F811
) -> None:
    import psycopg

    pairs: list[tuple[Any, Any]] = [
        (("entitlementchannel.md", EC_2017), ("entitlementchannel.md", EC_2025)),
        (("bookableresourcecategory.md", BRC_2017), ("bookableresourcecategory.md", BRC_2025)),
        (("discounttype.md", DT_2017), ("discounttype.md", DT_2025)),
    ]
    for old, new in pairs:
        _migrates_keeping_rows(_set(old), _set(new), postgres, psycopg)
    _migrates_keeping_rows(_cases(""), _cases(CHAT), postgres, psycopg)
    _migrates_keeping_rows(
        _set(("entitlementchannel.md", UNSTATED)),
        _channel_default("|DefaultFormValue|1|"),
        postgres,
        psycopg,
    )
