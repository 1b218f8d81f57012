"""Variations met in an eighth round of real pages outside the corpus (2017-2025: team,
systemuser, fieldsecurityprofile, msdyn_forecastinstance, dynamicproperty, opportunityproduct,
msdyn_ocsession, mspcat_catalogdescription, appaction, msdyn_objectanchor,
dynamicpropertyassociation, ...), each as a minimal page written for the test. Five real
problems were fixed: the Omnichannel pages' closing ``### Related Information`` was read as a
relationship (an error: nothing generated); a description run into the ``> [!NOTE]`` above it
was lost; a lookup to Omnichannel's work stream was taken for a misspelt table; the size
warning assumed pages of 0.15 MB where systemuser's is 1.86 MB; and a lookup to a table whose
page lacks its key column printed ``systemuser.None`` in the SQL and its warning. The other
tests pin what the readers took, so that a later change cannot lose it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dvgen import parse
from dvgen.diagnostics import Diagnostics, Location, Severity
from dvgen.model import ColumnType, ManyToManyRelationship, Table
from tests.pages import resolved, table
from tests.test_sql_support import render

GENERATED = """\
# Forecast (msdyn_forecastinstance) table/entity reference (Microsoft Dynamics 365)

## Properties

|Property|Value|
| --- | --- |
| **LogicalName** | `msdyn_forecastinstance` |
| **PrimaryIdAttribute** | `msdyn_forecastinstanceid` |
| **SchemaName** | `msdyn_forecastinstance` |

## Writable columns/attributes

### <a name="BKMK_msdyn_forecastparentid"></a> msdyn_forecastparentid

|Property|Value|
|---|---|
|LogicalName|`msdyn_forecastparentid`|
|RequiredLevel|None|
|Type|Lookup|
|Targets|msdyn_forecastinstance|

## Read-only columns/attributes

### <a name="BKMK_msdyn_percentageachieved"></a> msdyn_percentageachieved

|Property|Value|
|---|---|
|LogicalName|`msdyn_percentageachieved`|
|RequiredLevel|None|
|Type|Decimal|
|ImeMode|Auto|
|MaxValue|100000000000|
|MinValue|-100000000000|
|Precision|2|
|SourceTypeMask|1|
"""

SELF_RELATIONSHIP = """
## Many-to-One relationships

### <a name="BKMK_msdyn_msdyn_forecastinstance_msdyn_forecastinstance-many-to-one"></a> \
msdyn_msdyn_forecastinstance_msdyn_forecastinstance

One-To-Many Relationship: [msdyn_forecastinstance msdyn_msdyn_forecastinstance_msdyn_\
forecastinstance](#BKMK_msdyn_msdyn_forecastinstance_msdyn_forecastinstance-one-to-many)

|Property|Value|
|---|---|
|ReferencedEntity|`msdyn_forecastinstance`|
|ReferencedAttribute|`msdyn_forecastinstanceid`|
|ReferencingAttribute|`msdyn_forecastparentid`|
|ReferencingEntityNavigationPropertyName|`msdyn_forecastparentid`|
|IsHierarchical||
|CascadeConfiguration|Archive: `NoCascade`<br />Assign: `NoCascade`<br />Delete: `RemoveLink`\
<br />Merge: `NoCascade`<br />Reparent: `Cascade`<br />RollupView: `NoCascade`<br />Share: \
`Cascade`<br />Unshare: `Cascade`|

## One-to-Many relationships

### <a name="BKMK_msdyn_msdyn_forecastinstance_msdyn_forecastinstance-one-to-many"></a> \
msdyn_msdyn_forecastinstance_msdyn_forecastinstance

Many-To-One Relationship: [msdyn_forecastinstance msdyn_msdyn_forecastinstance_msdyn_\
forecastinstance](#BKMK_msdyn_msdyn_forecastinstance_msdyn_forecastinstance-many-to-one)

|Property|Value|
|---|---|
|ReferencingEntity|`msdyn_forecastinstance`|
|ReferencingAttribute|`msdyn_forecastparentid`|
|ReferencedEntityNavigationPropertyName|`msdyn_msdyn_forecastinstance_msdyn_forecastinstance`|
|IsCustomizable|`False`|
"""


OMNICHANNEL = """\
# msdyn_ocsession table

Session for interacting with a customer

**Added by**: Omnichannel \u2013 Base Solution

## Properties

|Property|Value|
|--------|-----|
|LogicalName|msdyn_ocsession|
|PrimaryIdAttribute|activityid|
|SchemaName|msdyn_ocsession|

## Writable columns/attributes

### <a name="BKMK_msdyn_primarysession"></a> msdyn_primarysession

|Property|Value|
|--------|-----|
|LogicalName|msdyn_primarysession|
|RequiredLevel|None|
|Targets|msdyn_ocsession|
|Type|Lookup|

<a name="manytoone"></a>

## Many-To-One Relationships

Each Many-To-One relationship is defined by a corresponding One-To-Many relationship with the \
related table. Listed by **SchemaName**.


### <a name="BKMK_msdyn_msdyn_ocsession_msdyn_ocsession_primarysession"></a> \
msdyn_msdyn_ocsession_msdyn_ocsession_primarysession

**Added by**: Active Solution Solution

See msdyn_ocsession Table [msdyn_msdyn_ocsession_msdyn_ocsession_primarysession](#BKMK_msdyn_\
msdyn_ocsession_msdyn_ocsession_primarysession) One-To-Many relationship.


### Related Information

[ Omnichannel for Customer Service entity reference](overview-entity-ref.md)<br />
[Web API Reference](/dynamics365/customer-engagement/web-api/about)<br />
"""


def test_a_closing_related_information_heading_is_the_footer_not_a_relationship() -> None:
    """msdyn_ocsession (Customer Service, 08/2023): the page ends with ``### Related
    Information`` under its last relationships section, where others have ``### See also``."""
    spec = table(OMNICHANNEL)
    (parent,) = spec.relationships.many_to_one
    assert parent.schema_name == "msdyn_msdyn_ocsession_msdyn_ocsession_primarysession"
    assert parent.referenced_entity == "msdyn_ocsession"
    assert spec.added_by == "Omnichannel \u2013 Base"


def test_a_related_information_footer_under_the_columns_is_no_column() -> None:
    """msdyn_agentstatus (Customer Service, 04/2023) has no relationships: its ``### Related
    Information`` falls under the read-only columns (dvgen stopped on it: no property table)."""
    cut = OMNICHANNEL.index('<a name="manytoone">')
    footer = OMNICHANNEL[OMNICHANNEL.index("### Related Information") :]
    spec = table(OMNICHANNEL[:cut] + footer)
    assert [c.logical_name for c in spec.columns] == ["msdyn_primarysession"]
    assert len(spec.relationships) == 0


def test_a_page_the_size_of_the_largest_real_ones_gets_no_size_warning() -> None:
    """systemuser's page is 1.86 MB (on-premises 9.x), 1.82 MB (Dataverse 2025), and it
    doubled in two years: a page of 2.5 MB is no sign of a wrong file. Over 4 MB the warning
    names the largest real page, not the 0.15 MB it once assumed."""
    quiet = Diagnostics()
    parse.check_size(b" " * 2_500_000, Location("systemuser.md"), quiet)
    assert list(quiet) == []
    loud = Diagnostics()
    parse.check_size(b" " * 4_100_000, Location("big.md"), loud)
    assert [str(d) for d in loud] == [
        "big.md:1: warning: spec file is 4.1 MB, far larger than any real reference page "
        "(the largest is 1.9 MB): over 8 MB it is refused [spec-large]"
    ]


def test_a_self_relationship_with_suffixed_anchors_is_read_in_both_sections() -> None:
    """msdyn_forecastinstance (generated reference): the one relationship heads both
    sections, its anchors told apart by ``-many-to-one``/``-one-to-many``."""
    spec = table(GENERATED + SELF_RELATIONSHIP)
    (up,) = spec.relationships.many_to_one
    (down,) = spec.relationships.one_to_many
    name = "msdyn_msdyn_forecastinstance_msdyn_forecastinstance"
    assert up.schema_name == down.schema_name == name
    assert (up.referenced_entity, up.referencing_attribute) == (
        "msdyn_forecastinstance",
        "msdyn_forecastparentid",
    )
    assert (down.referencing_entity, down.referencing_attribute, down.is_customizable) == (
        "msdyn_forecastinstance",
        "msdyn_forecastparentid",
        False,
    )
    assert up.cascade_configuration is not None
    assert (up.cascade_configuration.delete, up.cascade_configuration.rollup_view) == (
        "RemoveLink",
        "NoCascade",
    )


def test_a_calculated_decimal_keeps_its_source_type_mask_and_range() -> None:
    """msdyn_forecastinstance: ``msdyn_percentageachieved`` is calculated (SourceTypeMask 1)."""
    achieved = table(GENERATED).column("msdyn_percentageachieved")
    assert achieved is not None and achieved.type is ColumnType.DECIMAL
    assert (achieved.source_type_mask, achieved.precision) == (1, 2)
    assert (achieved.min_value, achieved.max_value) == (
        Decimal("-100000000000"),
        Decimal("100000000000"),
    )


TEAM_2023 = """\
# Team table/entity reference

## Properties

|Property|Value|
|--------|-----|
|LogicalName|team|
|PrimaryIdAttribute|teamid|
|SchemaName|Team|

## Many-To-Many Relationships

### <a name="BKMK_teammembership_association"></a> teammembership_association

IntersectEntityName: teammembership<br />
#### Table 1

|Property|Value|
|--------|-----|
|IntersectAttribute|teamid|
|IsCustomizable|False|
|LogicalName|team|
|NavigationPropertyName|teammembership_association|
|AssociatedMenuConfiguration|Behavior: DoNotDisplay<br />Group: Details<br />Label: <br />Order: |

#### Table 2

|Property|Value|
|--------|-----|
|LogicalName|systemuser|
|IntersectAttribute|systemuserid|
|NavigationPropertyName|teammembership_association|
|AssociatedMenuConfiguration|Behavior: DoNotDisplay<br />Group: Details<br />Label: <br />Order: |
"""

SYSTEMUSER_2025 = """\
# User (SystemUser) table/entity reference (Microsoft Dataverse)

## Properties

|Property|Value|
| --- | --- |
| **LogicalName** | `systemuser` |
| **PrimaryIdAttribute** | `systemuserid` |
| **SchemaName** | `SystemUser` |

## Many-to-Many relationships

### <a name="BKMK_teammembership_association"></a> teammembership_association

See [team teammembership_association Many-To-Many Relationship](team.md#BKMK_teammembership\
_association)

|Property|Value|
|---|---|
|IntersectEntityName|`teammembership`|
|IsCustomizable|False|
|SchemaName|`teammembership_association`|
|IntersectAttribute|`systemuserid`|
|NavigationPropertyName|`teammembership_association`|
"""


def _many(found: Table) -> ManyToManyRelationship:
    (only,) = found.relationships.many_to_many
    return only


def test_a_many_to_many_told_on_both_sides_in_two_generations_is_one_relationship() -> None:
    """team (2023, ``#### Table 1``/``#### Table 2``) and systemuser (2025, a "See [team ...
    Many-To-Many Relationship]" link over a properties table): each side ends with both
    intersect attributes and the relationship's first table."""
    tables, warnings = resolved(("team.md", TEAM_2023), ("systemuser.md", SYSTEMUSER_2025))
    assert warnings == []
    team, user = tables.get("team"), tables.get("systemuser")
    assert team is not None and user is not None
    seen_from_user = _many(user)
    assert (seen_from_user.entity1, seen_from_user.intersect_entity_name) == (
        "team",
        "teammembership",
    )
    assert seen_from_user.this_table.intersect_attribute == "systemuserid"
    assert seen_from_user.other_table.logical_name == "team"
    assert seen_from_user.other_table.intersect_attribute == "teamid"
    assert _many(team).other_table.intersect_attribute == "systemuserid"


ON_PREMISES = """\
# DynamicProperty Entity Reference

## Entity Properties

|Property|Value|
|--------|-----|
|LogicalName|dynamicproperty|
|PrimaryIdAttribute|dynamicpropertyid|
|SchemaName|DynamicProperty|

## Writable attributes

### <a name="BKMK_MaxValueDouble"></a> MaxValueDouble

|Property|Value|
|--------|-----|
|Description|Shows the maximum allowed value of the property for a double data type.|
|DisplayName|Maximum Double Value|
|LogicalName|maxvaluedouble|
|MaxValue|100000000000|
|MinValue|-100000000000|
|Precision|5|
|RequiredLevel|None|
|Type|Double|


### <a name="BKMK_Precision"></a> Precision

|Property|Value|
|--------|-----|
|Description|Shows the allowed precision of the property for a whole number data type.|
|DisplayName|Precision|
|Format|None|
|LogicalName|precision|
|MaxValue|5|
|MinValue|0|
|RequiredLevel|None|
|Type|Integer|


### <a name="BKMK_statuscode"></a> statuscode

|Property|Value|
|--------|-----|
|LogicalName|statuscode|
|RequiredLevel|None|
|Type|Status|

#### statuscode Options

|Value|Label|State|
|-----|-----|-----|
|0|Draft|1|
|1|Active|0|
|2|Retired|2|

### See also

[About the Entity Reference](../about-entity-reference.md)<br />

[!INCLUDE[footer-include](../../../../includes/footer-banner.md)]
"""


def test_columns_named_like_properties_keep_their_own_facets() -> None:
    """dynamicproperty (on-premises, 04/2019): columns ``Precision`` and ``MaxValueDouble``
    are columns like any other; a Status option of value 0 keeps its state."""
    spec = table(ON_PREMISES)
    double, precision = spec.column("maxvaluedouble"), spec.column("precision")
    assert double is not None and precision is not None
    assert (double.type, double.precision, double.max_value) == (
        ColumnType.DOUBLE,
        5,
        Decimal("100000000000"),
    )
    assert (precision.type, precision.min_value, precision.max_value) == (
        ColumnType.INTEGER,
        0,
        5,
    )
    status = spec.column("statuscode")
    assert status is not None
    assert [(c.value, c.label, c.state) for c in status.choices] == [
        (0, "Draft", 1),
        (1, "Active", 0),
        (2, "Retired", 2),
    ]


BUNDLE = """\
# OpportunityProduct Entity Reference

## Entity Properties

|Property|Value|
|--------|-----|
|LogicalName|opportunityproduct|
|PrimaryIdAttribute|opportunityproductid|
|SchemaName|OpportunityProduct|

## Writable attributes

### <a name="BKMK_OpportunityProductId"></a> OpportunityProductId

|Property|Value|
|--------|-----|
|LogicalName|opportunityproductid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_ParentBundleId"></a> ParentBundleId

|Property|Value|
|--------|-----|
|Description|Choose the parent bundle associated with this product|
|LogicalName|parentbundleid|
|RequiredLevel|None|
|Type|Uniqueidentifier|

## One-To-Many Relationships

### <a name="BKMK_opportunityproduct_parent_opportunityproduct"></a> \
opportunityproduct_parent_opportunityproduct

Same as opportunityproduct entity [opportunityproduct_parent_opportunityproduct](opportunity\
product.md#BKMK_opportunityproduct_parent_opportunityproduct) Many-To-One relationship.

|Property|Value|
|--------|-----|
|ReferencingEntity|opportunityproduct|
|ReferencingAttribute|parentbundleid|
|IsHierarchical|False|
|IsCustomizable|True|
|ReferencedEntityNavigationPropertyName|opportunityproduct_parent_opportunityproduct|
|AssociatedMenuConfiguration|Behavior: DoNotDisplay<br />Group: Details<br />Label: <br />Order: |
|CascadeConfiguration|Assign: NoCascade<br />Delete: Cascade<br />Merge: NoCascade<br />\
Reparent: NoCascade<br />Share: NoCascade<br />Unshare: NoCascade|
"""


def test_a_relationship_held_by_a_uniqueidentifier_column_leaves_the_column_as_it_is() -> None:
    """opportunityproduct (12/2017): the bundle relationship's referencing attribute,
    ``parentbundleid``, is a Uniqueidentifier, not a lookup: no lookup is made of it."""
    tables, warnings = resolved(("opportunityproduct.md", BUNDLE))
    assert warnings == []
    spec = tables.get("opportunityproduct")
    assert spec is not None
    (bundle,) = spec.relationships.one_to_many
    assert (bundle.referencing_entity, bundle.referencing_attribute) == (
        "opportunityproduct",
        "parentbundleid",
    )
    parent = spec.column("parentbundleid")
    assert parent is not None and parent.type is ColumnType.UNIQUEIDENTIFIER


KEYLESS = """\
# User (SystemUser) table/entity reference (Microsoft Dataverse)

## Properties

|Property|Value|
| --- | --- |
| **LogicalName** | `systemuser` |
| **PrimaryIdAttribute** | `systemuserid` |
| **SchemaName** | `SystemUser` |

## Writable columns/attributes

### <a name="BKMK_Address1_City"></a> Address1_City

|Property|Value|
|---|---|
|LogicalName|`address1_city`|
|RequiredLevel|None|
|Type|String|
|MaxLength|128|
"""

LOOKUP_TO_USER = """\
# Team table/entity reference

## Properties

|Property|Value|
|--------|-----|
|LogicalName|team|
|PrimaryIdAttribute|teamid|
|SchemaName|Team|

## Writable columns/attributes

### <a name="BKMK_TeamId"></a> TeamId

|Property|Value|
|--------|-----|
|LogicalName|teamid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_AdministratorId"></a> AdministratorId

|Property|Value|
|--------|-----|
|LogicalName|administratorid|
|RequiredLevel|SystemRequired|
|Targets|systemuser|
|Type|Lookup|
"""


def test_a_lookup_to_a_table_without_its_key_column_names_no_none_key() -> None:
    """systemuser's page cut short of its ``systemuserid`` block, with team's lookups to it:
    the SQL note says the table has no key column, not ``systemuser.None``; the one warning is
    the table's own (a page cut short of its key had a warning per lookup to it: 227 for a
    systemuser page), each lookup a note."""
    tables, _ = resolved(("systemuser.md", KEYLESS), ("team.md", LOOKUP_TO_USER))
    sql, diagnostics = render(tables, "postgres")
    assert "None" not in sql
    assert "-- lookup to systemuser, which has no key column: no foreign key" in sql
    warned = [d.code for d in diagnostics if d.severity >= Severity.WARNING]
    assert warned == ["sql-no-primary-key"]
    assert [str(d) for d in diagnostics if d.code == "sql-no-foreign-key"] == [
        "team.md:24: info: sql: team.administratorid: lookup to systemuser, which has no key "
        "column: no foreign key [sql-no-foreign-key]"
    ]


WORK_STREAM = """\
# msdyn_ocliveworkstreamcontextvariable Entity Reference

## Entity Properties

|Property|Value|
|--------|-----|
|LogicalName|msdyn_ocliveworkstreamcontextvariable|
|PrimaryIdAttribute|msdyn_ocliveworkstreamcontextvariableid|
|SchemaName|msdyn_ocliveworkstreamcontextvariable|

## Writable attributes

### <a name="BKMK_msdyn_ocliveworkstreamcontextvariableId"></a> \
msdyn_ocliveworkstreamcontextvariableId

|Property|Value|
|--------|-----|
|LogicalName|msdyn_ocliveworkstreamcontextvariableid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_msdyn_liveworkstreamid"></a> msdyn_liveworkstreamid

|Property|Value|
|--------|-----|
|LogicalName|msdyn_liveworkstreamid|
|RequiredLevel|ApplicationRequired|
|Targets|msdyn_liveworkstream|
|Type|Lookup|
"""


@pytest.mark.parametrize("target", ["msdyn_liveworkstream", "msdyn_presence"])
def test_a_lookup_to_a_real_omnichannel_table_is_no_misspelt_name(target: str) -> None:
    """msdyn_ocliveworkstreamcontextvariable (10/2020) looks up ``msdyn_liveworkstream``,
    msdyn_agentstatus (04/2023) ``msdyn_presence``: real Omnichannel tables, which dvgen took
    for misspellings of ``msdyn_ocliveworkitem`` and ``msdyn_geofence``."""
    page = WORK_STREAM.replace("|Targets|msdyn_liveworkstream|", f"|Targets|{target}|")
    _, warnings = resolved(("ctx.md", page))
    assert warnings == []


NOTE_THEN_DESCRIPTION = """\
# SystemUser table/entity reference

> [!NOTE]
> Unsure about table vs. entity? See [Developers: Understand terminology in Microsoft \
Dataverse](/powerapps/developer/data-platform/understand-terminology).
Person with access to the Microsoft CRM system and who owns objects in the Microsoft CRM \
database.


## Properties

|Property|Value|
|--------|-----|
|LogicalName|systemuser|
|PrimaryIdAttribute|systemuserid|
|SchemaName|SystemUser|

## Writable columns/attributes

### <a name="BKMK_SystemUserId"></a> SystemUserId

|Property|Value|
|--------|-----|
|LogicalName|systemuserid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|
"""


def test_a_description_run_into_the_note_above_it_is_the_description() -> None:
    """systemuser (Customer Service, 12/2022): the description follows the ``> [!NOTE]``
    with no blank line, so Markdown reads it into the note; it was lost, silently."""
    spec = table(NOTE_THEN_DESCRIPTION)
    assert spec.description == (
        "Person with access to the Microsoft CRM system and who owns objects in the "
        "Microsoft CRM database."
    )
    spaced = table(NOTE_THEN_DESCRIPTION.replace(".)\nPerson", ".)\n\nPerson"))
    assert spaced.description == spec.description


def test_a_note_wrapped_onto_a_line_without_its_mark_keeps_that_line() -> None:
    """A note's sentence wrapped onto the next line without ``>`` (Markdown's lazy
    continuation) is the note's: only text after a note's finished sentence is the
    description."""
    text = NOTE_THEN_DESCRIPTION.replace(
        "Dataverse](/powerapps/developer/data-platform/understand-terminology).\n",
        "Dataverse](/powerapps/developer/data-platform/understand-terminology), and\n",
    )
    found = table(text, "systemuser.md")
    assert found.description is None or "Person with access" not in found.description


POINTER_BASE = """\
# DynamicPropertyAssociation Entity Reference

Association of a property definition with another entity in the system.

## Entity Properties

|Property|Value|
|--------|-----|
|LogicalName|dynamicpropertyassociation|
|PrimaryIdAttribute|dynamicpropertyassociationid|
|SchemaName|DynamicPropertyAssociation|

<a name="writable-attributes"></a>

## Writable attributes

### <a name="BKMK_DynamicPropertyAssociationId"></a> DynamicPropertyAssociationId

|Property|Value|
|--------|-----|
|LogicalName|dynamicpropertyassociationid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_TransactionCurrencyId"></a> TransactionCurrencyId

|Property|Value|
|--------|-----|
|LogicalName|transactioncurrencyid|
|RequiredLevel|None|
|Targets|transactioncurrency|
|Type|Lookup|

<a name="read-only-attributes"></a>
## Read-only attributes
These attributes return false for both **IsValidForCreate** or **IsValidForUpdate**.

### <a name="BKMK_ExchangeRate"></a> ExchangeRate

|Property|Value|
|--------|-----|
|LogicalName|exchangerate|
|MaxValue|100000000000|
|MinValue|0.0000000001|
|Precision|10|
|RequiredLevel|None|
|Type|Decimal|

<a name="manytoone"></a>

## Many-To-One Relationships

### <a name="BKMK_DynamicPropertyAssociation_TransactionCurrency"></a> DynamicPropertyAsso\
ciation_TransactionCurrency

See transactioncurrency Entity [DynamicPropertyAssociation_TransactionCurrency](transactio\
ncurrency.md#BKMK_DynamicPropertyAssociation_TransactionCurrency) One-To-Many relationship.

### See also

[About the Entity Reference](../about-entity-reference.md)<br />
"""

POINTER_EXTENSION = """\
# Property Association (DynamicPropertyAssociation) table/entity reference

Association of a property definition with another entity in the system.

> [!NOTE]
> The Microsoft Dynamics 365 Customer Service Property Association (DynamicPropertyAssocia\
tion) table extends the [Microsoft Dynamics 365 Property Association (DynamicPropertyAssoc\
iation) table](/dynamics365/developer/entities/dynamicpropertyassociation).

## Many-to-One relationships

### <a name="BKMK_DynamicPropertyAssociation_TransactionCurrency"></a> DynamicPropertyAsso\
ciation_TransactionCurrency

One-To-Many Relationship: [transactioncurrency DynamicPropertyAssociation_TransactionCurre\
ncy](transactioncurrency.md#BKMK_DynamicPropertyAssociation_TransactionCurrency)

|Property|Value|
|---|---|
|ReferencedEntity|`transactioncurrency`|
|ReferencedAttribute|`transactioncurrencyid`|
|ReferencingAttribute|`transactioncurrencyid`|
|ReferencingEntityNavigationPropertyName|`transactioncurrencyid`|
|IsHierarchical||
|CascadeConfiguration|Archive: `NoCascade`<br />Assign: `NoCascade`<br />Delete: `Restrict\
`<br />Merge: `NoCascade`<br />Reparent: `NoCascade`<br />RollupView: `NoCascade`<br />Sha\
re: `NoCascade`<br />Unshare: `NoCascade`|

### See also

[Dataverse table/entity reference](../about-entity-reference.md)
"""


def test_a_2024_extension_fills_in_a_relationship_its_2017_table_only_points_to() -> None:
    """dynamicpropertyassociation: the 2017 page names its currency relationship only by a
    ``See transactioncurrency Entity [...]`` line (headings and text run together under
    ``## Read-only attributes``); Customer Service's 2024 page, which extends it, restates
    the relationship with its attributes and cascades. Both read as one relationship."""
    tables, found = resolved(
        ("dynamicpropertyassociation.md", POINTER_BASE),
        ("dynamicpropertyassociation-customerservice.md", POINTER_EXTENSION),
    )
    assert found == []
    merged = tables.by_name["dynamicpropertyassociation"]
    (currency,) = merged.relationships.many_to_one
    assert currency.schema_name == "DynamicPropertyAssociation_TransactionCurrency"
    assert (currency.referenced_entity, currency.referenced_attribute) == (
        "transactioncurrency",
        "transactioncurrencyid",
    )
    assert currency.referencing_attribute == "transactioncurrencyid"
    assert currency.cascade_configuration is not None
    assert currency.cascade_configuration.delete == "Restrict"
    rate = merged.column("exchangerate")
    assert rate is not None and rate.type is ColumnType.DECIMAL
    assert (rate.min_value, rate.max_value, rate.precision) == (
        Decimal("0.0000000001"),
        Decimal("100000000000"),
        10,
    )
    assert (rate.valid_for_create, rate.valid_for_update) == (False, False)
