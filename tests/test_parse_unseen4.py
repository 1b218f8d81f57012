"""Variations met in a fifth round of real pages outside the corpus (2017-2020 generations of
powerapps-docs and dynamics-365-customer-engagement, Omnichannel, extension pages of the
Dynamics 365 apps), each as a minimal page written for the test."""

from __future__ import annotations

from dvgen.diagnostics import Diagnostics, Severity
from dvgen.lookups import OUTSIDE
from dvgen.model import ManyToManyRelationship
from dvgen.resolve import resolve
from tests.pages import parse, table

# A 2018 page (powerapps-docs' Privilege, Queue, AppModule): the closing table name sits right
# below the last relationship's last property line, in its paragraph, with no blank line.
GLUED_2018 = """\
---
ms.date: 03/07/2018
---
# Widget Entity Reference

## Entity Properties

**SchemaName**: Widget<br />
**LogicalName**: widget<br />
**PrimaryIdAttribute**: widgetid<br />

## Writable attributes

### <a name="BKMK_WidgetId"></a> WidgetId

**LogicalName**: widgetid<br />
**RequiredLevel**: SystemRequired<br />
**Type**: Uniqueidentifier<br />

<a name="manytomany"></a>

## Many-To-Many Relationships

### <a name="BKMK_widgetroles_association"></a> widgetroles_association

**IntersectEntityName**: widgetroles<br />
**Entity1LogicalName**: widget<br />

- **Entity1IntersectAttribute**: widgetid
- **Entity1NavigationPropertyName**: widgetroles_association

**Entity2LogicalName**: [role](role.md)<br />

- **Entity2IntersectAttribute**: roleid
- **Entity2NavigationPropertyName**: widgetroles_association

**IsCustomizable**: True<br />
widget

"""


def test_a_closing_table_name_glued_to_the_last_property_line_is_dropped() -> None:
    (roles,) = table(GLUED_2018).relationships.many_to_many
    assert isinstance(roles, ManyToManyRelationship)
    assert roles.is_customizable is True
    assert roles.intersect_entity_name == "widgetroles"


def test_a_closing_table_name_glued_to_a_column_s_last_line_is_dropped() -> None:
    text = GLUED_2018.partition('<a name="manytomany"></a>')[0].rstrip()
    text = text.replace(
        "**Type**: Uniqueidentifier<br />", "**Type**: String<br />\n**MaxLength**: 100"
    )
    (column,) = table(text + "\nwidget\n").columns
    assert (column.type, column.max_length) == ("String", 100)


def test_closing_text_that_is_not_the_table_s_name_is_still_reported() -> None:
    _, warnings = parse(GLUED_2018.replace("<br />\nwidget\n", "<br />\ngadget\n"))
    assert len(warnings) == 1 and "text not understood" in warnings[0]
    assert "gadget" in warnings[0]


# The Field Service Account page (an extension page) adds a lookup to Marketing's segment
# table; a real Microsoft table, so an info at most, never a warning suggesting another name.
SEGMENT_LOOKUP = """\
---
title: "Widget table/entity reference (Microsoft Dataverse)"
---
# Widget table/entity reference

## Properties

|Property|Value|
|---|---|
|LogicalName|`widget`|
|PrimaryIdAttribute|`widgetid`|

## Writable columns/attributes

### <a name="BKMK_widgetid"></a> widgetid

|Property|Value|
|---|---|
|LogicalName|`widgetid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_msdyn_segmentid"></a> msdyn_segmentid

|Property|Value|
|---|---|
|LogicalName|`msdyn_segmentid`|
|RequiredLevel|None|
|Type|Lookup|
|Targets|msdyn_segment|
"""


def test_a_lookup_to_marketing_s_segment_table_is_no_warning() -> None:
    diagnostics = Diagnostics()
    tables = resolve([table(SEGMENT_LOOKUP)], diagnostics)
    assert [t.logical_name for t in tables.tables] == ["widget"]
    assert [str(d) for d in diagnostics if d.severity >= Severity.WARNING] == []
    assert [d.code for d in diagnostics] == [OUTSIDE]
