"""Variations met in a fourth round of real pages outside the corpus (system tables of
2017-2018, Field Service, Mixed Reality Guides, file and image columns, 2023-2025
generations), each as a minimal page written for the test."""

from __future__ import annotations

from dvgen.model import OneToManyRelationship
from tests.pages import parse, table

# A 2018 page (powerapps-docs, bold key lines): the page ends with the table's logical name
# alone on a line, below its last relationship, where later generations put a cross-reference.
BOLD_2018 = """\
---
ms.date: 10/31/2018
---
# Widget Entity Reference

Widgets.

## Entity Properties

**SchemaName**: Widget<br />
**LogicalName**: widget<br />
**EntitySetName**: widgets<br />
**PrimaryIdAttribute**: widgetid<br />
**PrimaryNameAttribute**: <br />
**OwnershipType**: None<br />

## Read-only attributes

### <a name="BKMK_WidgetId"></a> WidgetId

**LogicalName**: widgetid<br />
**RequiredLevel**: SystemRequired<br />
**Type**: Uniqueidentifier<br />

<a name="onetomany"></a>

## One-To-Many Relationships

Listed by **SchemaName**.


### <a name="BKMK_widget_notes"></a> widget_notes

Same as note entity [widget_notes](note.md#BKMK_widget_notes) Many-To-One relationship.

**ReferencingEntity**: note<br />
**ReferencingAttribute**: objectid<br />
**ReferencedEntityNavigationPropertyName**: widget_notes<br />
**CascadeConfiguration**:

- **Assign**: NoCascade
- **Delete**: Cascade

widget

"""


def test_a_2018_page_s_closing_table_name_is_no_text_not_understood() -> None:
    (notes,) = table(BOLD_2018).relationships.one_to_many
    assert isinstance(notes, OneToManyRelationship)
    assert (notes.referencing_entity, notes.referencing_attribute) == ("note", "objectid")


def test_other_text_closing_a_2018_page_is_still_reported() -> None:
    _, warnings = parse(BOLD_2018.replace("\nwidget\n", "\nwidgets are round\n"))
    assert len(warnings) == 1 and "text not understood: 'widgets are round'" in warnings[0]


# A 2018 page (the PhoneCall page of powerapps-docs): a column added by another solution
# opens its property lines with that solution, in the same paragraph as the other lines.
ADDED_BY_2018 = """\
---
ms.date: 03/07/2018
---
# Widget Entity Reference

**Added by**: Widgets Solution<br />

## Entity Properties

**SchemaName**: Widget<br />
**LogicalName**: widget<br />
**PrimaryIdAttribute**: widgetid<br />

## Writable attributes

### <a name="BKMK_WidgetId"></a> WidgetId

**LogicalName**: widgetid<br />
**RequiredLevel**: SystemRequired<br />
**Type**: Uniqueidentifier<br />

### <a name="BKMK_StatusCode"></a> StatusCode

**Added by**: Activities Solution<br />
**Description**: Select the widget's status.<br />
**LogicalName**: statuscode<br />
**RequiredLevel**: None<br />
**Type**: Status<br />
**Options**:

- **Value**: 1 **Label**: Open **State**: 0
- **Value**: 2 **Label**: Made **State**: 1
"""


def test_an_added_by_line_opening_a_column_s_property_lines_is_read() -> None:
    widget = table(ADDED_BY_2018)
    assert widget.added_by == "Widgets"
    status = widget.columns[1]
    assert (status.logical_name, status.added_by) == ("statuscode", "Activities")
    assert status.description == "Select the widget's status."
    assert [(c.value, c.label, c.state) for c in status.choices] == [
        (1, "Open", 0),
        (2, "Made", 1),
    ]
