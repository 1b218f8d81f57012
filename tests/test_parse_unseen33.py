"""Variations met in a thirty-third round of real pages outside the corpus. Drawn with
random.Random(33) from the 629 table pages of powerapps-docs' entities table of contents, less
the corpus, the seed, the pages of rounds 28 to 32 and every name in these tests: the first 20
(the version the GitHub index holds): processstageparameter (10/05/2021), indexedtrait (generated
reference, Elastic), semiannualfiscalcalendar (10/05/2021, Money columns ``Period1`` named
``firsthalf``), msdyn_aibfileattacheddata (02/15/2023), msdyn_bulkharvestrunlog (generated),
mspp_webform (generated, Virtual, no read-only section), skill (generated, one many-to-many
relationship without a list), plugintypestatistic (11/14/2020, no writable section,
``lk_plugintypestatisticbase_*``), pluginpackage (02/15/2023, read-only File columns),
mailboxtrackingfolder (08/30/2024, 249,905 characters, a Regarding lookup of 289 targets, an
OwningUser of empty Targets), savingrule, nlsqregistration (Elastic), msdyn_flow_approval
(``new_msdyn_flow_approval_allowcancel`` whose LogicalName is
``msdyn_flow_approval_allowcancel``), stagedmetadataasyncoperation (a String of MaxLength
1073741823), mspp_webformmetadata (Virtual, RequiredLevel ``Recommended``),
msgraphresourcetosubscription (03/07/2023, one read-only column and no list, no many-to-one
relationship), msdyn_customcontrolextendedsettings, sourcecontrolbranchconfiguration (Elastic,
``sourcecontrolconfigurationidpid``), serviceplan and customcontroldefaultconfig (02/15/2023);
drawn the same way from the first hundred pages of dynamics-365-customer-engagement's
ce/developer/entities: attributemaskingrule (an extension page of two property rows, run alone
and over powerapps-docs' page of the table), bookableresourcecategoryassn (10/31/2017, bold
lines), bot and bookableresourcecharacteristic. Each was rebuilt from the page read with the
index's read_file (wholly, or its distinctive parts where it ran to hundreds of like blocks),
run alone and with the corpus through every target and the real tools (sqlite3, PostgreSQL 15,
sqlglot, the OASIS CSDL schema, the JSON Schema metaschema, the pydantic package validating a
record), and compared with Microsoft's Web API EntityTypes (MicrosoftDocs/
dynamics365-docs-odata-apis) where they exist: plugintypestatistic, semiannualfiscalcalendar,
processstageparameter (``ProcessStageId``) and customcontroldefaultconfig matched them member for
member.

One fault was fixed. A Dynamics 365 app's table keeps the logical name of a lookup as its
navigation property where the page states none (Field Service's ``msdyn_workorder``), but a
relationship Dataverse's metadata API made with its lookup, named
``<referenced>_<referencing>_<lookup SchemaName>``, names the navigation property by that
SchemaName: Microsoft's ``$metadata`` has ``Resource`` and ``ResourceCategory`` on
bookableresourcecategoryassn, where dvgen wrote ``resource`` and ``resourcecategory`` (13 of 13
such lookups of five Scheduling tables so, none otherwise).

Seen and left as it is: Microsoft's ``$metadata`` names the Scheduling tables' created-by
navigation properties ``createdbyname``, ``modifiedonbehalfbyname`` (nothing on the page says
so); the Dynamics 365 extension page's DisplayName (``Attribute Masking Rule``) is not applied
over its table's (``Secured Masking Column``), as documented (``extension-properties-ignored``)."""

from __future__ import annotations

import re

from tests.test_webapi_wide import entity_type, partners

# bookableresourcecategoryassn (Dynamics 365 Customer Engagement, 10/31/2017): bold lines, a
# table the Scheduling solution added, many-to-one relationships given by name only.
ASSN_TEXT = """---
title: "x_assn Entity Reference (Dynamics 365 Customer Engagement)| MicrosoftDocs"
ms.date: 10/31/2017
---
# x_assn Entity Reference

Association entity to model the categorization of resources.

**Added by**: Scheduling Solution<br />

## Properties

**DisplayName**: Assn<br />
**SchemaName**: x_assn<br />
**LogicalName**: x_assn<br />
**EntitySetName**: x_assns<br />
**PrimaryIdAttribute**: x_assnid<br />
**OwnershipType**: OrganizationOwned<br />
<a name="writable-attributes"></a>

## Writable attributes

- [x_assnId](#BKMK_x_assnId)
- [Resource](#BKMK_Resource)
- [msdyn_ServiceAccount](#BKMK_msdyn_ServiceAccount)
- [TransactionCurrencyId](#BKMK_TransactionCurrencyId)


### <a name="BKMK_x_assnId"></a> x_assnId

**Description**: Unique identifier.<br />
**LogicalName**: x_assnid<br />
**RequiredLevel**: SystemRequired<br />
**Type**: Uniqueidentifier<br />


### <a name="BKMK_Resource"></a> Resource

**Description**: Shows the resource associated with the category.<br />
**LogicalName**: resource<br />
**RequiredLevel**: SystemRequired<br />
**Type**: Lookup<br />
**Targets**: bookableresource


### <a name="BKMK_msdyn_ServiceAccount"></a> msdyn_ServiceAccount

**Description**: Service account.<br />
**LogicalName**: msdyn_serviceaccount<br />
**RequiredLevel**: None<br />
**Type**: Lookup<br />
**Targets**: account


### <a name="BKMK_TransactionCurrencyId"></a> TransactionCurrencyId

**Description**: Currency.<br />
**LogicalName**: transactioncurrencyid<br />
**RequiredLevel**: None<br />
**Type**: Lookup<br />
**Targets**: transactioncurrency

<a name="manytoone"></a>

## Many-To-One Relationships

- [bookableresource_x_assn_Resource](#BKMK_bookableresource_x_assn_Resource)
- [msdyn_account_x_assn_ServiceAccount](#BKMK_msdyn_account_x_assn_ServiceAccount)
- [TransactionCurrency_x_assn](#BKMK_TransactionCurrency_x_assn)


### <a name="BKMK_bookableresource_x_assn_Resource"></a> bookableresource_x_assn_Resource

@@SEE:bookableresource:bookableresource_x_assn_Resource@@

### <a name="BKMK_msdyn_account_x_assn_ServiceAccount"></a> msdyn_account_x_assn_ServiceAccount

@@SEE:account:msdyn_account_x_assn_ServiceAccount@@

### <a name="BKMK_TransactionCurrency_x_assn"></a> TransactionCurrency_x_assn

@@SEE:transactioncurrency:TransactionCurrency_x_assn@@

## See also

[About the Entity Reference](../about-entity-reference.md)<br />
"""


def _see(match: re.Match[str]) -> str:
    """A 2017 many-to-one entry: the relationship's name and a link to the other table's."""
    other, name = match.group(1), match.group(2)
    return f"See {other} Entity [{name}]({other}.md#BKMK_{name}) One-To-Many relationship."


ASSN = re.sub(r"@@SEE:(\w+):(\w+)@@", _see, ASSN_TEXT)


def test_a_relationship_made_with_its_lookup_names_it_by_the_schema_name() -> None:
    """``bookableresource_bookableresourcecategoryassn_Resource`` ends with its lookup's
    SchemaName: Microsoft's ``$metadata`` has ``Resource``; the app's other lookups keep the
    logical name (``msdyn_serviceaccount`` of ``..._ServiceAccount``, whose ending is not the
    SchemaName ``msdyn_ServiceAccount``; ``transactioncurrencyid``)."""
    found = partners(entity_type("x_assn", ASSN))
    assert found["Resource"] == "bookableresource_x_assn_Resource"
    assert found["msdyn_serviceaccount"] == "msdyn_account_x_assn_ServiceAccount"
    assert found["transactioncurrencyid"] == "TransactionCurrency_x_assn"
    assert "resource" not in found


def test_a_schema_name_spelt_as_the_logical_name_says_nothing() -> None:
    """A lookup whose SchemaName is its logical name (``msdyn_supportingrecord``) is named so,
    whatever its relationship's name ends with."""
    page = ASSN.replace("[Resource](#BKMK_Resource)", "[resource](#BKMK_resource)").replace(
        '"BKMK_Resource"></a> Resource', '"BKMK_resource"></a> resource'
    )
    page = page.replace("x_assn_Resource", "x_assn_resource")
    found = partners(entity_type("x_assn", page))
    assert found["resource"] == "bookableresource_x_assn_resource"
