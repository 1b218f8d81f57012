"""Variations met in a seventh round of real pages outside the corpus (2017-2023 generations:
goal, goalrollupquery, slaitem, transactioncurrency, uom, datalakefolder,
approvalstagecondition), each as a minimal page written for the test. dvgen read them all
without a loss; these pin what it read, so a later change to the readers cannot lose it."""

from __future__ import annotations

from decimal import Decimal

from dvgen.model import Column
from tests.pages import table

HEAD = """\
# Sample table/entity reference

## Properties

|Property|Value|
|--------|-----|
|LogicalName|sample|
|PrimaryIdAttribute|sampleid|
|SchemaName|Sample|

## Writable columns/attributes

"""


def column(block: str) -> Column:
    """The one column of a page made of the common head and ``block``."""
    (only,) = table(HEAD + block).columns
    return only


def test_a_decimal_minimum_in_exponent_form_is_kept_exactly() -> None:
    """transactioncurrency (2023): ExchangeRate's MinValue is printed as ``1E-12``."""
    rate = column(
        """\
### <a name="BKMK_ExchangeRate"></a> ExchangeRate

|Property|Value|
|---|---|
|LogicalName|`exchangerate`|
|RequiredLevel|SystemRequired|
|Type|Decimal|
|ImeMode|Disabled|
|MaxValue|100000000000|
|MinValue|1E-12|
|Precision|12|
"""
    )
    assert (rate.min_value, rate.max_value, rate.precision) == (
        Decimal("1E-12"),
        100000000000,
        12,
    )


def test_an_image_column_keeps_its_size_limits() -> None:
    """transactioncurrency (2023): EntityImage with MaxSizeInKB and CanStoreFullImage."""
    image = column(
        """\
### <a name="BKMK_EntityImage"></a> EntityImage

|Property|Value|
|---|---|
|LogicalName|`entityimage`|
|RequiredLevel|None|
|Type|Image|
|CanStoreFullImage|False|
|IsPrimaryImage|True|
|MaxHeight|144|
|MaxSizeInKB|10240|
|MaxWidth|144|
"""
    )
    assert (image.max_size_in_kb, image.max_height, image.max_width) == (10240, 144, 144)
    assert (image.can_store_full_image, image.is_primary_image) == (False, True)


def test_boolean_option_rows_short_of_the_header_keep_their_labels() -> None:
    """goal (2021): a three-column options header over two-cell rows, default ``True``."""
    flag = column(
        """\
### <a name="BKMK_ConsiderOnlyGoalOwnersRecords"></a> ConsiderOnlyGoalOwnersRecords

|Property|Value|
|--------|-----|
|LogicalName|consideronlygoalownersrecords|
|RequiredLevel|SystemRequired|
|Type|Boolean|

#### ConsiderOnlyGoalOwnersRecords Choices/Options

|Value|Label|Description|
|-----|-----|--------|
|1|Owned by goal owner|
|0|All|

**DefaultValue**: True
"""
    )
    assert sorted((c.value, c.label) for c in flag.choices) == [
        (0, "All"),
        (1, "Owned by goal owner"),
    ]
    assert flag.default_value is True


def test_a_boolean_default_printed_as_a_number_is_read_as_true_or_false() -> None:
    """slaitem (2023): ``**DefaultValue**: 1`` and ``0`` under Boolean columns."""
    template = """\
### <a name="BKMK_AllowPauseResume"></a> AllowPauseResume

**Added by**: Service Level Agreement (SLA) Solution

|Property|Value|
|--------|-----|
|LogicalName|allowpauseresume|
|RequiredLevel|None|
|Type|Boolean|

#### AllowPauseResume Choices/Options

|Value|Label|Description|
|-----|-----|--------|
|1|Yes||
|0|No||

**DefaultValue**: {}
"""
    assert column(template.format(1)).default_value is True
    assert column(template.format(0)).default_value is False
    assert column(template.format(1)).added_by == "Service Level Agreement (SLA)"


def test_an_empty_targets_cell_or_line_gives_a_lookup_without_targets() -> None:
    """slaitem (2023) prints ``|Targets||``; goalrollupquery (2018) ``**Targets**: ``."""
    in_table = column(
        """\
### <a name="BKMK_OwningUser"></a> OwningUser

|Property|Value|
|--------|-----|
|LogicalName|owninguser|
|RequiredLevel|None|
|Targets||
|Type|Lookup|
"""
    )
    in_lines = column(
        """\
### <a name="BKMK_OwningUser"></a> OwningUser

**Description**: Unique identifier of the user who owns the record.<br />
**LogicalName**: owninguser<br />
**RequiredLevel**: None<br />
**Type**: Lookup<br />
**Targets**: 
"""
    )
    assert (in_table.targets, in_lines.targets) == ((), ())
    assert in_lines.description == "Unique identifier of the user who owns the record."


def test_an_empty_default_form_value_on_a_state_column_is_no_value() -> None:
    """approvalstagecondition (2025 generator): ``|DefaultFormValue||`` on State/Status."""
    state = column(
        """\
### <a name="BKMK_statecode"></a> statecode

|Property|Value|
|---|---|
|LogicalName|`statecode`|
|RequiredLevel|SystemRequired|
|Type|State|
|DefaultFormValue||
|GlobalChoiceName|`approvalstagecondition_statecode`|

#### statecode Choices/Options

|Value|Details|
|---|---|
|0|Label: **Active**<br />DefaultStatus: 1<br />InvariantName: `Active`|
|1|Label: **Inactive**<br />DefaultStatus: 2<br />InvariantName: `Inactive`|
"""
    )
    assert state.default_form_value is None
    assert sorted((c.value, c.default_status) for c in state.choices) == [(0, 1), (1, 2)]


def test_the_2020_table_properties_and_columns_headings_are_read() -> None:
    """datalakefolder (11/2020): "Table Properties", "Writable Columns", "x Options"."""
    page = """\
# datalakefolder table reference

## Table Properties

|Property|Value|
|--------|-----|
|LogicalName|datalakefolder|
|OwnershipType|UserOwned|
|PrimaryIdAttribute|datalakefolderid|
|SchemaName|datalakefolder|

## Writable Columns

### <a name="BKMK_isprivate"></a> isprivate

|Property|Value|
|--------|-----|
|LogicalName|isprivate|
|RequiredLevel|ApplicationRequired|
|Type|Boolean|

#### isprivate Options

|Value|Label|
|-----|-----|
|1|Yes|
|0|No|

**DefaultValue**: False

## Read-only Columns

### <a name="BKMK_containerendpoint"></a> containerendpoint

|Property|Value|
|--------|-----|
|LogicalName|containerendpoint|
|MaxLength|100|
|RequiredLevel|None|
|Type|String|
"""
    spec = table(page)
    assert spec.ownership_type is not None and spec.ownership_type.value == "UserOwned"
    private, endpoint = sorted(spec.columns, key=lambda c: c.logical_name != "isprivate")
    assert sorted(c.label for c in private.choices) == ["No", "Yes"]
    assert private.default_value is False and private.valid_for_create
    assert (endpoint.max_length, endpoint.valid_for_create) == (100, False)


def test_a_page_without_a_description_does_not_take_the_note_as_one() -> None:
    """msdyn_aibfile (10/2021): after the terminology note comes only the "Added by" line."""
    page = """\
# msdyn_AIBFile table/entity reference

> [!NOTE]
> Unsure about table vs. entity? See [Developers: Understand terminology](/x).



**Added by**: AI Solution default templates Solution


## Properties

|Property|Value|
|--------|-----|
|LogicalName|msdyn_aibfile|
|PrimaryIdAttribute|msdyn_aibfileid|
|SchemaName|msdyn_AIBFile|

## Writable columns/attributes

### <a name="BKMK_statecode"></a> statecode

|Property|Value|
|--------|-----|
|LogicalName|statecode|
|RequiredLevel|SystemRequired|
|Type|State|

#### statecode Choices/Options

|Value|Label|DefaultStatus|InvariantName|
|-----|-----|-------------|-------------|
|0|Active|1|Active|
|1|Inactive|2|Inactive|
"""
    spec = table(page)
    assert spec.description is None
    assert spec.added_by == "AI Solution default templates"
    (state,) = spec.columns
    assert sorted((c.label, c.default_status, c.invariant_name) for c in state.choices) == [
        ("Active", 1, "Active"),
        ("Inactive", 2, "Inactive"),
    ]
