"""``dvgen diff`` and ``dvgen migrate`` on histories like users' own: one table's page across
the generations Microsoft used in turn, and YAML edits.

Found by diffing real consecutive versions of reference pages outside ``../shared/evolution``
(sdkmessage, sdkmessagefilter and userquery 2023 -> 2025; bulkdeleteoperation 2021 -> 2023;
savedquery 2021 -> 2023): a 2025 page states facets a 2023 page leaves out (ImeMode, cascade
rows of a many-to-one) and leaves out some it states (Format None, IsHierarchical), and every
generation writes a message's Web API and SDK cells its own way. None of that is a change of
the table. The pages here are hand-written, minimal, in the two layouts.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dvgen.evolve.diff import diff_sets
from dvgen.model import TableSet
from tests.conftest import run
from tests.pages import resolved

G1 = """---
title: "Widget table/entity reference (Microsoft Dataverse) | Microsoft Docs"
ms.date: 02/15/2023
ms.topic: "reference"
---

# Widget table/entity reference

A widget.

## Messages

|Message|Web API Operation|SDK class or method|
|-|-|-|
|Create|POST [*org URI*]/api/data/v9.2/contoso_widgets<br />See [Create](/create)|\
<xref:Microsoft.Xrm.Sdk.Messages.CreateRequest>|
|Retrieve|GET [*org URI*]/api/data/v9.2/contoso_widgets(*contoso_widgetid*)|\
<xref:Microsoft.Xrm.Sdk.Messages.RetrieveRequest>|

## Properties

|Property|Value|
|--------|-----|
|DisplayName|Widget|
|EntitySetName|contoso_widgets|
|IsBPFEntity|False|
|LogicalName|contoso_widget|
|OwnershipType|OrganizationOwned|
|PrimaryIdAttribute|contoso_widgetid|
|PrimaryNameAttribute|contoso_name|
|SchemaName|contoso_Widget|

## Writable columns/attributes

- [contoso_Count](#BKMK_contoso_Count)
- [contoso_Name](#BKMK_contoso_Name)
- [contoso_ParentId](#BKMK_contoso_ParentId)
- [contoso_WidgetId](#BKMK_contoso_WidgetId)

### <a name="BKMK_contoso_Count"></a> contoso_Count

**Added by**: Contoso Solution

|Property|Value|
|--------|-----|
|Description|How many.|
|DisplayName|Count|
|Format|None|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|contoso_count|
|MaxValue|1000|
|MinValue|0|
|RequiredLevel|None|
|Type|Integer|

### <a name="BKMK_contoso_Name"></a> contoso_Name

|Property|Value|
|--------|-----|
|Description|Its name.|
|DisplayName|Name|
|FormatName|Text|
|IsLocalizable|False|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|contoso_name|
|MaxLength|100|
|RequiredLevel|None|
|Type|String|

### <a name="BKMK_contoso_ParentId"></a> contoso_ParentId

|Property|Value|
|--------|-----|
|Description|The parent widget.|
|DisplayName|Parent|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|contoso_parentid|
|RequiredLevel|None|
|Targets|contoso_widget|
|Type|Lookup|

### <a name="BKMK_contoso_WidgetId"></a> contoso_WidgetId

|Property|Value|
|--------|-----|
|Description|Unique identifier.|
|DisplayName|Widget|
|IsValidForForm|False|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|contoso_widgetid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

## Read-only columns/attributes

- [contoso_ParentIdName](#BKMK_contoso_ParentIdName)

### <a name="BKMK_contoso_ParentIdName"></a> contoso_ParentIdName

|Property|Value|
|--------|-----|
|Description||
|DisplayName||
|FormatName|Text|
|IsLocalizable|False|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|contoso_parentidname|
|MaxLength|100|
|RequiredLevel|None|
|Type|String|

## One-To-Many Relationships

### <a name="BKMK_contoso_widget_children"></a> contoso_widget_children

Same as the [contoso_widget_children](contoso_widget.md#BKMK_contoso_widget_children) \
many-to-one relationship for the [contoso_widget](contoso_widget.md) table/entity.

|Property|Value|
|--------|-----|
|ReferencingEntity|contoso_widget|
|ReferencingAttribute|contoso_parentid|
|IsHierarchical|False|
|IsCustomizable|True|
|ReferencedEntityNavigationPropertyName|contoso_widget_children|
|CascadeConfiguration|Assign: NoCascade<br />Delete: RemoveLink<br />Merge: NoCascade<br />\
Reparent: NoCascade<br />Share: NoCascade<br />Unshare: NoCascade|

## Many-To-One Relationships

### <a name="BKMK_contoso_widget_children"></a> contoso_widget_children

See the [contoso_widget_children](contoso_widget.md#BKMK_contoso_widget_children) \
one-to-many relationship for the [contoso_widget](contoso_widget.md) table/entity.
"""

G3 = """---
title: "Widget (contoso_Widget) table/entity reference (Microsoft Dataverse)"
ms.topic: generated-reference
---

# Widget (contoso_Widget) table/entity reference (Microsoft Dataverse)

A widget.

## Messages

| Name <br />Is Event? |Web API Operation |SDK for .NET |
| ---- | ----- |----- |
| `Create`<br />Event: True |`POST` /contoso_widgets<br />See [Create](/create) |\
[Create records](/create-records)|
| `Retrieve`<br />Event: False |`GET` /contoso_widgets(*contoso_widgetid*) |\
[Retrieve records](/retrieve-records)|

## Properties

|Property|Value|
| --- | --- |
| **DisplayName** | **Widget** |
| **SchemaName** | `contoso_Widget` |
| **EntitySetName** | `contoso_widgets`|
| **LogicalName** | `contoso_widget` |
| **PrimaryIdAttribute** | `contoso_widgetid` |
| **PrimaryNameAttribute** |`contoso_name` |
| **TableType** | `Standard` |
| **OwnershipType** | `OrganizationOwned` |

## Writable columns/attributes

- [contoso_Count](#BKMK_contoso_Count)
- [contoso_Name](#BKMK_contoso_Name)
- [contoso_ParentId](#BKMK_contoso_ParentId)
- [contoso_WidgetId](#BKMK_contoso_WidgetId)

### <a name="BKMK_contoso_Count"></a> contoso_Count

|Property|Value|
|---|---|
|Description|**How many.**|
|DisplayName|**Count**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`contoso_count`|
|RequiredLevel|None|
|Type|Integer|
|MaxValue|1000|
|MinValue|0|

### <a name="BKMK_contoso_Name"></a> contoso_Name

|Property|Value|
|---|---|
|Description|**Its name.**|
|DisplayName|**Name**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`contoso_name`|
|RequiredLevel|None|
|Type|String|
|Format|Text|
|FormatName|Text|
|ImeMode|Auto|
|IsLocalizable|False|
|MaxLength|100|

### <a name="BKMK_contoso_ParentId"></a> contoso_ParentId

|Property|Value|
|---|---|
|Description|**The parent widget.**|
|DisplayName|**Parent**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`contoso_parentid`|
|RequiredLevel|None|
|Type|Lookup|
|Targets|contoso_widget|

### <a name="BKMK_contoso_WidgetId"></a> contoso_WidgetId

|Property|Value|
|---|---|
|Description|**Unique identifier.**|
|DisplayName|**Widget**|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|`contoso_widgetid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

## One-to-Many relationships

### <a name="BKMK_contoso_widget_children"></a> contoso_widget_children

Many-To-One Relationship: [contoso_widget contoso_widget_children](contoso_widget.md)

|Property|Value|
|---|---|
|ReferencingEntity|`contoso_widget`|
|ReferencingAttribute|`contoso_parentid`|
|ReferencedEntityNavigationPropertyName|`contoso_widget_children`|
|IsCustomizable|`True`|

## Many-to-One relationships

### <a name="BKMK_contoso_widget_children"></a> contoso_widget_children

One-To-Many Relationship: [contoso_widget contoso_widget_children](contoso_widget.md)

|Property|Value|
|---|---|
|ReferencedEntity|`contoso_widget`|
|ReferencedAttribute|`contoso_widgetid`|
|ReferencingAttribute|`contoso_parentid`|
|ReferencingEntityNavigationPropertyName|`contoso_parentid`|
|IsHierarchical||
|CascadeConfiguration|Archive: `NoCascade`<br />Assign: `NoCascade`<br />Delete: `RemoveLink`<br />\
Merge: `NoCascade`<br />Reparent: `NoCascade`<br />RollupView: `NoCascade`<br />\
Share: `NoCascade`<br />Unshare: `NoCascade`|
"""


def widget(page: str) -> TableSet:
    tables, warnings = resolved(("contoso_widget.md", page))
    assert warnings == []
    return tables


def changes(old: str, new: str) -> list[tuple[str, str]]:
    return [(".".join(c.path), c.rule) for c in diff_sets(widget(old), widget(new))]


def test_the_2023_and_2025_layouts_of_one_table_differ_only_by_the_helper_column() -> None:
    """The 2025 page states ImeMode, Format Text, TableType, IsEvent and the many-to-one's
    keys and cascades, and drops Format None, IsBPFEntity, IsHierarchical, Added by and the
    one-to-many's cascades: none of it is a change; the *Name helper it drops is one."""
    assert changes(G1, G3) == [("columns.contoso_parentidname", "lookup-companion-removed")]


def test_the_other_way_round_the_layouts_give_only_the_helper_column_added() -> None:
    assert changes(G3, G1) == [("columns.contoso_parentidname", "column-added")]


def test_message_cells_written_anew_are_no_change() -> None:
    """2021 -> 2023 pages moved every Web API URL from v9.0 to v9.2 (bulkdeleteoperation,
    savedquery): the same messages."""
    old = G1.replace("/api/data/v9.2/", "/api/data/v9.0/")
    assert changes(old, G1) == []


def test_a_message_added_or_removed_is_still_a_change() -> None:
    lines = G3.splitlines(keepends=True)
    fewer = "".join(line for line in lines if not line.startswith("| `Retrieve`"))
    assert fewer != G3
    assert changes(G3, fewer) == [("messages.Retrieve", "message-removed")]
    assert changes(fewer, G3) == [("messages.Retrieve", "message-added")]


@pytest.mark.parametrize(
    ("old", "new", "rule"),
    [
        ("|FormatName|Text|", "|FormatName|Email|", "facet-changed"),
        ("|Format|None|", "|Format|None|\n|MaxLength|10|", "length-narrowed"),
        ("|Description|Its name.|", "|Description||", "description-changed"),
        ("|MaxValue|1000|", "|MaxValue|10|", "range-narrowed"),
    ],
)
def test_facets_with_a_rule_or_stated_both_times_still_change(
    old: str, new: str, rule: str
) -> None:
    """A facet both versions state is compared; so is a length, a range, a description
    stated by one version only (the silent side has a meaning: no limit, no text)."""
    assert old in G1
    found = {rule for _, rule in changes(G1, G1.replace(old, new, 1))}
    assert found == {rule}


def test_a_facet_left_out_of_a_yaml_spec_is_no_change_but_a_new_value_is(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A user's YAML edits: dropping ``ime_mode`` says nothing; changing it is a change."""
    specs = workdir / "specs"
    specs.mkdir()
    spec = specs / "contoso_widget.md"
    spec.write_text(G3, encoding="utf-8")
    assert run(capsys, "generate", "--no-cache")[0] == 0
    old = workdir / "old-model"
    (workdir / "generated" / "model").rename(old)
    yaml_spec = specs / "contoso_widget.yaml"
    text = (old / "contoso_widget.yaml").read_text("utf-8")
    assert "ime_mode: Auto\n" in text
    spec.unlink()
    silent = "".join(line for line in text.splitlines(True) if "ime_mode: Auto" not in line)
    yaml_spec.write_text(silent, encoding="utf-8")
    assert run(capsys, "diff", "--against", str(old), "--no-cache") == (0, "no change\n", "")
    yaml_spec.write_text(text.replace("ime_mode: Auto", "ime_mode: Disabled"), encoding="utf-8")
    code, out, _ = run(capsys, "diff", "--against", str(old), "--no-cache")
    assert code == 0
    assert "facet-changed" in out
    assert "contoso_widget.columns.contoso_name.ime_mode" in out


def _catalog(db: sqlite3.Connection) -> dict[str, tuple[object, ...]]:
    """Each table's columns, foreign keys and indexes, as SQLite reports them."""
    names = [n for (n,) in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")]
    return {
        name: tuple(
            sorted(db.execute(f'PRAGMA {pragma}("{name}")').fetchall())
            for pragma in ("table_info", "foreign_key_list", "index_list")
        )
        for name in names
    }


def test_the_helper_column_a_2025_page_drops_migrates_on_sqlite_only_when_allowed(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """2023 -> 2025 (sdkmessage, userquery): dropping the *Name helpers is destructive, so
    refused without --allow-destructive; with it, the old database ends up with the new
    catalog and keeps its rows."""
    specs = workdir / "specs"
    specs.mkdir()
    page = specs / "contoso_widget.md"
    page.write_text(G1, encoding="utf-8")
    assert run(capsys, "generate", "--no-cache")[0] == 0
    (workdir / "generated" / "model").rename(workdir / "old-model")
    old_ddl = (workdir / "generated/sql/sqlite/schema.sql").read_text("utf-8")
    page.write_text(G3, encoding="utf-8")
    assert run(capsys, "generate", "--no-cache")[0] == 0
    new_ddl = (workdir / "generated/sql/sqlite/schema.sql").read_text("utf-8")
    migrate = ("migrate", "--from", "old-model", "--dialect", "sqlite", "--no-cache")
    code, out, err = run(capsys, *migrate)
    assert (code, out) == (2, "")
    assert "drop column contoso_parentidname" in err
    code, script, err = run(capsys, *migrate, "--allow-destructive")
    assert (code, err) == (0, "")
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.executescript(old_ddl)
    db.execute(
        "INSERT INTO contoso_widget (contoso_widgetid, contoso_name, contoso_count) "
        "VALUES ('4c3f6f0e-0000-0000-0000-000000000001', 'Sprocket', 7)"
    )
    fresh = sqlite3.connect(":memory:")
    fresh.executescript(new_ddl)
    assert _catalog(db) != _catalog(fresh)
    db.executescript(script)
    assert _catalog(db) == _catalog(fresh)
    rows = db.execute("SELECT contoso_name, contoso_count FROM contoso_widget").fetchall()
    assert rows == [("Sprocket", 7)]
