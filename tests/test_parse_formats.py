"""Page-format variations, each in a small page written in the shape Microsoft publishes."""

from __future__ import annotations

from dvgen.diagnostics import Diagnostics, Severity
from dvgen.model import (
    CascadeType,
    Choice,
    ColumnType,
    Spec,
    Table,
    TableExtension,
    TableSet,
)
from dvgen.parse import parse_spec
from dvgen.resolve import resolve


def parse(text: str, name: str = "page.md") -> tuple[Spec, list[str]]:
    spec, diagnostics = parse_spec(name, text.encode("utf-8"))
    assert spec is not None, [str(d) for d in diagnostics]
    return spec, [str(d) for d in diagnostics]


def table_of(text: str, name: str = "page.md") -> Table:
    spec, found = parse(text, name)
    assert isinstance(spec, Table)
    assert found == []
    return spec


def resolved(*specs: Spec) -> tuple[TableSet, list[str]]:
    """The resolved set, and its warnings and errors (infos left out)."""
    diagnostics = Diagnostics()
    result = resolve(specs, diagnostics)
    return result, [str(d) for d in diagnostics if d.severity >= Severity.WARNING]


def page(name: str, body: str, props: str = "") -> str:
    """A 2023-style page of table ``name`` with ``body`` after its Properties section."""
    return f"""\
---
title: "{name} table/entity reference (Microsoft Dataverse) | Microsoft Docs"
ms.date: 02/15/2023
---

# {name} table/entity reference

The {name} table.

## Properties

|Property|Value|
|--------|-----|
|EntitySetName|{name}s|
|LogicalName|{name}|
|PrimaryIdAttribute|{name}id|
|SchemaName|{name.capitalize()}|
{props}
{body}"""


BOOLEANS = """\
## Writable columns/attributes

### <a name="BKMK_Old"></a> Old

|Property|Value|
|--------|-----|
|LogicalName|old|
|RequiredLevel|None|
|Type|Boolean|

#### Old Choices/Options

|Value|Label|Description|
|-----|-----|--------|
|1|Header|
|0|Query String|

**DefaultValue**: False

### <a name="BKMK_New"></a> New

|Property|Value|
|---|---|
|LogicalName|`new`|
|RequiredLevel|None|
|Type|Boolean|
|GlobalChoiceName|`new`|
|DefaultValue|True|
|True Label|Managed|
|False Label|Unmanaged|
"""


def test_booleans_of_every_generation_become_two_ordered_choices() -> None:
    table = resolved(table_of(page("t", BOOLEANS)))[0].tables[0]
    old, new = table.column("old"), table.column("new")
    assert old is not None and new is not None
    assert old.choices == (Choice(0, "Query String"), Choice(1, "Header"))
    assert old.default_value is False
    assert new.choices == (Choice(0, "Unmanaged"), Choice(1, "Managed"))
    assert new.default_value is True
    assert new.global_choice_name == "new"


STATE_STATUS = """\
## Writable columns/attributes

### <a name="BKMK_StateCode"></a> StateCode

|Property|Value|
|---|---|
|LogicalName|`statecode`|
|RequiredLevel|SystemRequired|
|Type|State|

#### StateCode Choices/Options

|Value|Details|
|---|---|
|0|Label: **Open**<br />DefaultStatus: 1<br />InvariantName: `Open`|
|1|Label: **Completed**<br />DefaultStatus: 2<br />InvariantName: `Completed`|

### <a name="BKMK_StatusCode"></a> StatusCode

|Property|Value|
|---|---|
|LogicalName|`statuscode`|
|RequiredLevel|None|
|Type|Status|

#### StatusCode Choices/Options

|Value|Details|
|---|---|
|1|Label: **Draft**<br />State:0<br />TransitionData: None|
|727000000|Label: **Sent**<br />State:1<br />TransitionData: 1,2|
"""


def test_state_and_status_details_cells() -> None:
    table = table_of(page("t", STATE_STATUS))
    state, status = table.column("statecode"), table.column("statuscode")
    assert state is not None and status is not None
    assert state.choices == (
        Choice(0, "Open", default_status=1, invariant_name="Open"),
        Choice(1, "Completed", default_status=2, invariant_name="Completed"),
    )
    assert status.choices == (
        Choice(1, "Draft", state=0),
        Choice(727000000, "Sent", state=1, transition_data="1,2"),
    )


ODD_CELLS = """\
## Writable columns/attributes

### <a name="BKMK_Name"></a> Name

**Added by**: Active Solution Solution

|Property|Value|
|--------|-----|
|Description|**Tom &amp; Jerry\\'s *name*<br />second line**|
|DisplayName||
|LogicalName|name|
|MaxLength|100|
|RequiredLevel|Recommended|
|Type|String|
|Wobble|Yes|

### <a name="BKMK_Note"></a> Note

|Property|Value|
|---|---|
|Description|A note broken
over two lines.|
|LogicalName|`note`|
|Type|Memo|
|MinValue||
"""


def test_cells_are_cleaned_and_unknown_rows_kept_with_a_warning() -> None:
    spec, found = parse(page("t", ODD_CELLS))
    assert isinstance(spec, Table)
    name, note = spec.column("name"), spec.column("note")
    assert name is not None and note is not None
    assert name.description == "Tom & Jerry's *name*\nsecond line"
    assert name.display_name is None
    assert name.added_by == "Active Solution"
    assert name.extra == (("Wobble", "Yes"),)
    assert found == [
        "page.md:33: warning: column 'Name': unknown property row 'Wobble' kept in 'extra' "
        "[property-unknown]"
    ]
    assert note.description == "A note broken\nover two lines."
    assert note.min_value is None


RELATED_A = """\
## One-To-Many Relationships

### <a name="BKMK_a_b"></a> a_b

Same as the [a_b](b.md#BKMK_a_b) many-to-one relationship for the [b](b.md) table/entity.

|Property|Value|
|--------|-----|
|ReferencingEntity|b|
|ReferencingAttribute|aid|
|IsHierarchical|False|
|IsCustomizable|True|
|ReferencedEntityNavigationPropertyName|a_b|
|AssociatedMenuConfiguration|Behavior: UseCollectionName<br />Group: Details<br />Label: <br />Order: 10000|
|CascadeConfiguration|Assign: Cascade<br />Delete: RemoveLink<br />Merge: NoCascade<br />Reparent: Cascade<br />Share: Cascade<br />Unshare: Cascade|

## Many-To-Many Relationships

Relationship details provided where the a table is the first table in the relationship.

### <a name="BKMK_a_c"></a> a_c

IntersectEntityName: ac<br />
#### Table 1

|Property|Value|
|--------|-----|
|IntersectAttribute|aid|
|IsCustomizable|False|
|LogicalName|a|
|NavigationPropertyName|a_c_a|
|AssociatedMenuConfiguration|Behavior: DoNotDisplay<br />Group: Details<br />Label: <br />Order: |

#### Table 2

|Property|Value|
|--------|-----|
|LogicalName|c|
|IntersectAttribute|cid|
|NavigationPropertyName|a_c_c|
|AssociatedMenuConfiguration|Behavior: DoNotDisplay<br />Group: Details<br />Label: <br />Order: |
"""

RELATED_B = """\
## Many-to-One relationships

### <a name="BKMK_a_b"></a> a_b

See the [a_b](a.md#BKMK_a_b) one-to-many relationship for the [a](a.md) table/entity.
"""

RELATED_C = """\
## Many-to-Many relationships

### <a name="BKMK_a_c"></a> a_c

See [a a_c Many-To-Many Relationship](a.md#BKMK_a_c)

|Property|Value|
|---|---|
|IntersectEntityName|`ac`|
|IsCustomizable|False|
|SchemaName|`a_c`|
|IntersectAttribute|`cid`|
|NavigationPropertyName|`a_c_c`|
"""


def test_relationship_details_come_from_the_other_page() -> None:
    a = table_of(page("a", RELATED_A), "a.md")
    b = table_of(page("b", RELATED_B), "b.md")
    c = table_of(page("c", RELATED_C), "c.md")
    only_b, _ = resolved(b)
    lone = only_b.tables[0].relationships.many_to_one[0]
    assert (lone.referenced_entity, lone.referencing_attribute) == ("a", None)

    tables, found = resolved(c, b, a)
    assert found == []
    b_side = tables.by_name["b"].relationships.many_to_one[0]
    assert b_side.referencing_attribute == "aid"
    assert b_side.referenced_entity_navigation_property_name == "a_b"
    assert b_side.cascade_configuration is not None
    assert b_side.cascade_configuration.delete is CascadeType.REMOVE_LINK
    a_c = tables.by_name["a"].relationships.many_to_many[0]
    c_a = tables.by_name["c"].relationships.many_to_many[0]
    assert a_c.entity1 == "a" and a_c.intersect_entity_name == "ac"
    assert (a_c.this_table.navigation_property_name, a_c.other_table.intersect_attribute) == (
        "a_c_a",
        "cid",
    )
    assert c_a.this_table.logical_name == "c"
    assert c_a.other_table.navigation_property_name == "a_c_a"
    assert resolved(a, b, c)[0] == tables


def test_a_relationship_declared_by_one_side_only_is_added_to_the_other() -> None:
    c = table_of(page("c", RELATED_C), "c.md")
    base = page("a", "")
    tables, _ = resolved(c, table_of(base, "a.md"))
    mirrored = tables.by_name["a"].relationships.many_to_many[0]
    assert mirrored.this_table.logical_name == "a"
    assert mirrored.other_table.navigation_property_name == "a_c_c"


EXTENSION = """\
---
title: "Fax table/entity reference (Microsoft Dynamics 365 Sales) | Microsoft Docs"
---

# Fax table/entity reference

Activity that tracks call outcome.

> [!NOTE]
> The Microsoft Dynamics 365 Sales Fax table extends the [Microsoft Dataverse Fax table](/power-apps/developer/data-platform/reference/entities/fax).
>
> This reference contains only the changes added by Microsoft Dynamics 365 Sales.

## Customized columns/attributes

### <a name="BKMK_RegardingObjectId"></a> RegardingObjectId

Changes from [RegardingObjectId (Microsoft Dataverse)](/power-apps/developer/data-platform/reference/entities/fax#BKMK_RegardingObjectId):

|Property|Value|
|---|---|
|Description|Unique identifier of the object with which the fax activity is associated.
|
|Targets|bookableresourcebooking,sample_bankaccount|

## Customized relationships

### Customized Many-to-One relationships

#### <a name="BKMK_fax_x"></a> fax_x

Changes from [fax_x (Microsoft Dataverse)](/power-apps/developer/data-platform/reference/entities/fax#BKMK_fax_x):


## Many-to-One relationships

### <a name="BKMK_sample_bankaccount_Faxes"></a> sample_bankaccount_Faxes

One-To-Many Relationship: [sample_bankaccount sample_bankaccount_Faxes](sample_bankaccount.md#BKMK_sample_bankaccount_Faxes)

|Property|Value|
|---|---|
|ReferencedEntity|`sample_bankaccount`|
|ReferencedAttribute|`sample_bankaccountid`|
|ReferencingAttribute|`regardingobjectid`|
|ReferencingEntityNavigationPropertyName|``|
|IsHierarchical||
|IsRelationshipAttributeDenormalized||
|DenormalizedAttributeName|null|
|EntityKey|null|
|IsDenormalizedLookup|null|

### See also

[Dataverse table/entity reference](../about-entity-reference.md)
"""

FAX = """\
## Writable columns/attributes

### <a name="BKMK_ActivityId"></a> ActivityId

|Property|Value|
|--------|-----|
|LogicalName|faxid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_RegardingObjectId"></a> RegardingObjectId

|Property|Value|
|--------|-----|
|Description|Regarding.|
|LogicalName|regardingobjectid|
|RequiredLevel|None|
|Targets|account,contact|
|Type|Lookup|
"""


def test_an_extension_page_is_applied_to_the_table_it_extends() -> None:
    extension, found = parse(EXTENSION, "fax-sales.md")
    assert found == []
    assert isinstance(extension, TableExtension)
    assert (extension.logical_name, extension.solution) == ("fax", "Microsoft Dynamics 365 Sales")
    assert extension.changed_relationships == ("fax_x",)
    fax = table_of(page("fax", FAX), "fax.md")

    tables, found = resolved(extension, fax)

    assert found == []
    merged = tables.by_name["fax"]
    regarding = merged.column("regardingobjectid")
    assert regarding is not None and regarding.type is ColumnType.LOOKUP
    assert regarding.targets == (
        "account",
        "contact",
        "bookableresourcebooking",
        "sample_bankaccount",
    )
    assert regarding.description == (
        "Unique identifier of the object with which the fax activity is associated."
    )
    (added,) = merged.relationships.many_to_one
    assert added.schema_name == "sample_bankaccount_Faxes"
    assert added.referencing_entity == "fax"
    assert added.added_by == "Microsoft Dynamics 365 Sales"
    assert added.referencing_entity_navigation_property_name is None
    assert added.entity_key is None


def test_an_extension_page_without_its_table_is_skipped_with_a_warning() -> None:
    extension, _ = parse(EXTENSION, "fax-sales.md")
    tables, found = resolved(extension)
    assert tables.tables == ()
    assert (
        "fax-sales.md:1: warning: this page lists only the changes Microsoft Dynamics 365 Sales "
        "makes to table 'fax', and no spec defines that table: add its reference page to apply "
        "them; the page is skipped [extension-without-table]"
    ) in found


BOLD_LINES = """\
---
title: "Widget Entity Reference (Common Data Service for Apps)| MicrosoftDocs"
ms.date: 03/07/2018
---
# Widget Entity Reference

A widget.

## Entity Properties

**DisplayName**: Widget<br />
**SchemaName**: new_Widget<br />
**LogicalName**: new_widget<br />
**EntitySetName**: new_widgets<br />
**PrimaryIdAttribute**: new_widgetid<br />
**PrimaryNameAttribute**: <br />
**OwnershipType**: UserOwned<br />
<a name="writable-attributes"></a>

## Writable attributes

- [statecode](#BKMK_statecode)

### <a name="BKMK_new_widgetId"></a> new_widgetId

**Description**: <br />
**LogicalName**: new_widgetid<br />
**RequiredLevel**: SystemRequired<br />
**Type**: Uniqueidentifier

### <a name="BKMK_statecode"></a> statecode

**Description**: Status of the Widget<br />
**LogicalName**: statecode<br />
**RequiredLevel**: SystemRequired<br />
**IsValidForCreate**: False<br />
**Type**: State<br />
**Options**:

- **Value**: 0 **Label**: Active **DefaultStatus**: 1 **InvariantName**: Active
- **Value**: 1 **Label**: Inactive **DefaultStatus**: 2 **InvariantName**: Inactive

### <a name="BKMK_IsManaged"></a> IsManaged

**LogicalName**: ismanaged<br />
**RequiredLevel**: SystemRequired<br />
**Type**: Boolean<br />
**Options**:

- **TrueOption Value**: 1 **Label**: Managed
- **FalseOption Value**: 0 **Label**: Unmanaged

**DefaultValue**: False

<a name="onetomany"></a>

## One-To-Many Relationships

### <a name="BKMK_new_widget_SyncErrors"></a> new_widget_SyncErrors

Same as syncerror entity [new_widget_SyncErrors](syncerror.md#BKMK_new_widget_SyncErrors) Many-To-One relationship.

**ReferencingEntity**: syncerror<br />
**ReferencingAttribute**: regardingobjectid<br />
**IsCustomizable**: True<br />
**ReferencedEntityNavigationPropertyName**: new_widget_SyncErrors<br />
**AssociatedMenuConfiguration**:

- **Behavior**: DoNotDisplay
- **Group**: Details
- **Label**: 
- **Order**: 

**CascadeConfiguration**:

- **Assign**: NoCascade
- **Delete**: Cascade
"""


def test_pages_written_as_bold_key_lines() -> None:
    """2018-2019 pages (and older Dynamics 365 ones) write properties as ``**Key**: value``."""
    table = resolved(table_of(BOLD_LINES))[0].tables[0]
    assert (table.logical_name, table.schema_name, table.primary_name_attribute) == (
        "new_widget",
        "new_Widget",
        None,
    )
    state, managed = table.column("statecode"), table.column("ismanaged")
    assert state is not None and managed is not None
    assert state.choices == (
        Choice(0, "Active", default_status=1, invariant_name="Active"),
        Choice(1, "Inactive", default_status=2, invariant_name="Inactive"),
    )
    assert not state.valid_for_create
    assert managed.choices == (Choice(0, "Unmanaged"), Choice(1, "Managed"))
    assert managed.default_value is False
    (errors,) = table.relationships.one_to_many
    assert errors.referencing_entity == "syncerror"
    assert errors.cascade_configuration is not None
    assert errors.cascade_configuration.delete is CascadeType.CASCADE
    assert errors.associated_menu_configuration is not None
    assert errors.associated_menu_configuration.behavior == "DoNotDisplay"
    assert table.page is not None and table.page.title == "Widget Entity Reference"


def test_a_relationship_declared_by_one_side_gives_the_other_its_lookup() -> None:
    """Creating a one-to-many relationship creates its lookup on the referencing table, which
    that table's reference page cannot list when the relationship is an organisation's own (the
    corpus's sample_bankaccount page and Microsoft's contact page): the lookup is added with the
    relationship, once, and a column the table has already is left as it is."""
    from dvgen.model import ColumnType
    from tests.test_odata_support import lookup, rel
    from tests.test_odata_support import table as make

    declared = rel("x_bank_contacts", "x_bank", "contact", "x_bankid")
    bank = make("x_bank", o2m=(declared, rel("x_bank_leads", "x_bank", "lead", "x_bankid")))
    own = lookup("x_bankid", "x_bank", display_name="Bank")
    tables = resolve([bank, make("contact"), make("lead", own)], Diagnostics())
    added = tables.by_name["contact"].column("x_bankid")
    assert added is not None and added.loc == declared.loc
    assert (added.type, added.targets) == (ColumnType.LOOKUP, ("x_bank",))
    assert [c.logical_name for c in tables.by_name["contact"].columns] == ["contactid", "x_bankid"]
    assert tables.by_name["lead"].column("x_bankid") == own
    assert resolve(tables.tables, Diagnostics()) == tables


def test_a_relationship_another_table_declares_extends_the_lookups_targets() -> None:
    """An organisation's activity-enabled table declares its one-to-many relationship to
    Microsoft's appointment (regarding): appointment's page cannot list it among
    regardingobjectid's Targets, yet Dataverse has it there; added after the page's own."""
    from tests.test_odata_support import lookup, rel
    from tests.test_odata_support import table as make

    declared = rel("x_bank_Appointments", "x_bank", "appointment", "regardingobjectid")
    bank = make("x_bank", o2m=(declared,))
    appointment = make("appointment", lookup("regardingobjectid", "contact", "account"))
    tables = resolve([bank, appointment], Diagnostics())
    regarding = tables.by_name["appointment"].column("regardingobjectid")
    assert regarding is not None
    assert regarding.targets == ("contact", "account", "x_bank")
    assert resolve(tables.tables, Diagnostics()) == tables


def test_a_table_whose_own_relationship_names_a_column_it_lacks_gets_that_lookup() -> None:
    """A page cut short (Microsoft's 2025 exportsolutionupload page lists
    ``business_unit_exportsolutionupload`` but not ``owningbusinessunit``) or an extension page
    read without its table's own: Dataverse has the relationship's lookup, so the set does,
    noted at the relationship; a lookup its relationships reach two tables by is one column
    with both targets; completing the set again adds nothing more."""
    from dvgen.model import ColumnType
    from tests.test_odata_support import rel
    from tests.test_odata_support import table as make

    owning = rel("business_unit_thing", "businessunit", "x_thing", "owningbusinessunit")
    first = rel("x_thing_account", "account", "x_thing", "x_customerid")
    second = rel("x_thing_contact", "contact", "x_thing", "x_customerid")
    diagnostics = Diagnostics()
    tables = resolve([make("x_thing", m2o=(second, owning, first))], diagnostics)
    thing = tables.by_name["x_thing"]
    added, customer = thing.column("owningbusinessunit"), thing.column("x_customerid")
    assert added is not None and customer is not None
    assert (added.type, added.targets, added.loc) == (
        ColumnType.LOOKUP,
        ("businessunit",),
        owning.loc,
    )
    assert (customer.targets, customer.loc) == (("account", "contact"), first.loc)
    assert [c.logical_name for c in thing.columns] == [
        "owningbusinessunit",
        "x_customerid",
        "x_thingid",
    ]
    notes = [d for d in diagnostics if d.code == "lookup-from-relationship"]
    assert [(d.severity, d.message) for d in notes] == [
        (
            Severity.INFO,
            "table 'x_thing' has no column 'owningbusinessunit', the ReferencingAttribute of "
            "its relationship 'business_unit_thing': added as a lookup to businessunit, as "
            "Dataverse creates it with the relationship",
        ),
        (
            Severity.INFO,
            "table 'x_thing' has no column 'x_customerid', the ReferencingAttribute of its "
            "relationship 'x_thing_account', 'x_thing_contact': added as a lookup to account, "
            "contact, as Dataverse creates it with the relationship",
        ),
    ]
    again = Diagnostics()
    assert resolve(tables.tables, again) == tables
    assert not [d for d in again if d.code == "lookup-from-relationship"]


def test_the_owner_relationship_a_page_lists_without_its_column_gives_an_owner_column() -> None:
    from dvgen.model import ColumnType
    from tests.test_odata_support import rel
    from tests.test_odata_support import table as make

    owner = rel("owner_x_things", "owner", "x_thing", "ownerid", referenced_attribute="ownerid")
    tables = resolve([make("x_thing", m2o=(owner,))], Diagnostics())
    column = tables.by_name["x_thing"].column("ownerid")
    assert column is not None
    assert (column.type, column.targets) == (ColumnType.OWNER, ("systemuser", "team"))


def test_a_lookup_named_only_on_the_other_page_is_added_from_what_that_page_says() -> None:
    """Older pages name a many-to-one relationship only by a link: its ReferencingAttribute
    comes from the other table's page, and the column it names is added when the page lacks it
    (so the SQL foreign key and the Web API navigation property are there)."""
    a = table_of(page("a", RELATED_A), "a.md")
    b = table_of(page("b", RELATED_B), "b.md")
    diagnostics = Diagnostics()
    tables = resolve([a, b], diagnostics)
    aid = tables.by_name["b"].column("aid")
    assert aid is not None and aid.targets == ("a",)
    assert [d.code for d in diagnostics if d.location.path == "b.md"] == [
        "lookup-from-relationship"
    ]
