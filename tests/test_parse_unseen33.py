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
lines), bot (an extension page of 2024: a message and two relationships, run alone and over a
minimal page of its table) and bookableresourcecharacteristic (10/31/2017); and two OLDER
versions, drawn the same way from the first hundred pages of powerapps-docs'
common-data-service folder: channelaccessprofileentityaccesslevel (10/31/2018, bold lines, an
intersect table, rebuilt byte for byte) and columnmapping (04/12/2020, ``#### X Options``).
Each was rebuilt from the page read with the
index's read_file (wholly, or its distinctive parts where it ran to hundreds of like blocks),
run alone and with the corpus through every target and the real tools (sqlite3, PostgreSQL 15,
sqlglot, the OASIS CSDL schema, the JSON Schema metaschema, the pydantic package validating a
record), and compared with Microsoft's Web API EntityTypes (MicrosoftDocs/
dynamics365-docs-odata-apis) where they exist: plugintypestatistic, semiannualfiscalcalendar,
processstageparameter (``ProcessStageId``) and customcontroldefaultconfig matched them member for
member.

Two faults were fixed. A Dynamics 365 app's table keeps the logical name of a lookup as its
navigation property where the page states none (Field Service's ``msdyn_workorder``), but a
relationship Dataverse's metadata API made with its lookup, named
``<referenced>_<referencing>_<lookup SchemaName>``, names the navigation property by that
SchemaName: Microsoft's ``$metadata`` has ``Resource`` and ``ResourceCategory`` on
bookableresourcecategoryassn, where dvgen wrote ``resource`` and ``resourcecategory`` (14 of 14
such lookups of six Scheduling tables so, none otherwise). And the 2018 page of the intersect
table channelaccessprofileentityaccesslevel, which names ChannelAccessProfile_Privilege as if the
table were an end (``See privilege Entity [...]``) and holds the privilege as
``entityaccesslevelid``, not ``privilegeid``, was read as an end of it: with privilege's page
in the set, both tables had a collection of the other. An end's id is now also the id of a
table the relationship's name spells (``channelaccessprofileid``), as privilege's page of 2017
gives the relationship (IntersectEntityName channelaccessprofileentityaccesslevel).

Seen and left as it is: Microsoft's ``$metadata`` names the Scheduling tables' created-by
navigation properties ``createdbyname``, ``modifiedonbehalfbyname`` (nothing on the page says
so); the Dynamics 365 extension page's DisplayName (``Attribute Masking Rule``) is not applied
over its table's (``Secured Masking Column``), as documented (``extension-properties-ignored``)."""

from __future__ import annotations

import re
from pathlib import Path

from dvgen.model import ManyToManySide
from tests.pages import table
from tests.test_parse_unseen32 import ROLE, _column, _generate, _navigations, _page, _see
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


def _see_one(match: re.Match[str]) -> str:
    """A 2017 many-to-one entry: the relationship's name and a link to the other table's."""
    other, name = match.group(1), match.group(2)
    return f"See {other} Entity [{name}]({other}.md#BKMK_{name}) One-To-Many relationship."


ASSN = re.sub(r"@@SEE:(\w+):(\w+)@@", _see_one, ASSN_TEXT)


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


# channelaccessprofileentityaccesslevel (Common Data Service, 10/31/2018): the intersect table of
# ChannelAccessProfile_Privilege, owned by no one, that holds the channel access profile as
# channelaccessprofileid and the privilege as entityaccesslevelid (no privilegeid); its page
# names the relationship as if the table were an end: "See privilege Entity [...]".
LEVEL = _page(
    "x_profilelevel",
    "None",
    _column("ProfileId", "x_profileid", "Uniqueidentifier")
    + _column("EntityAccessLevelId", "entityaccesslevelid", "Uniqueidentifier"),
    _see("x_Profile_Role", "x_role"),
    name="",
)


def test_intersect_page_holding_the_end_its_relationship_name_spells() -> None:
    """The other table's id is not among the columns, the first end's (``x_profileid`` of
    ``x_Profile_Role``) is: the table stores the relationship, neither side."""
    (rel,) = table(LEVEL, "x_profilelevel.md").relationships.many_to_many
    assert rel.intersect_entity_name == "x_profilelevel"
    assert rel.this_table == rel.other_table == ManyToManySide()


def test_that_intersect_page_invents_no_navigation(tmp_path: Path) -> None:
    """Beside the other table's page, no target relates the intersect table to it: before,
    both had a collection ``x_Profile_Role`` of the other."""
    out = _generate(tmp_path, {"x_profilelevel.md": LEVEL, "x_role.md": ROLE})
    assert _navigations(out) == {"crmbaseentity": [], "x_profilelevel": [], "x_role": []}


def test_a_table_holding_no_end_keeps_its_sides() -> None:
    """An id column no part of the relationship's name spells (``x_otherid``) says nothing."""
    page = _page(
        "x_profilelevel",
        "None",
        _column("OtherId", "x_otherid", "Uniqueidentifier"),
        _see("x_Profile_Role", "x_role"),
        name="",
    )
    (rel,) = table(page, "x_profilelevel.md").relationships.many_to_many
    assert rel.intersect_entity_name is None
    assert rel.other_table == ManyToManySide(logical_name="x_role")
