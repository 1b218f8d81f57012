"""Variations met in a second round of real pages outside the corpus (the Dynamics 365 Sales
folder of MicrosoftDocs/dynamics-365-customer-engagement, the apps' extension pages, 2017-2025
generations), each as a minimal page written for the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from dvgen.model import TableExtension
from dvgen.parse import parse_spec
from tests.conftest import run
from tests.pages import parse, table

# The 2023 Dynamics 365 Sales pages: a Messages table with no Web API column.
SALES_2023 = """\
---
ms.date: 02/17/2023
ms.service: dynamics-365-sales
---

# Widget table/entity reference

Widgets.

**Added by**: Widget Management Solution

## Messages

|Message|SDK Assembly|
|-|-|
|Retrieve|<xref:Microsoft.Xrm.Sdk.Messages.RetrieveRequest>|

## Properties

|Property|Value|
|--------|-----|
|EntitySetName|widgets|
|LogicalName|widget|
|PrimaryIdAttribute|widgetid|
|SchemaName|Widget|

## Writable columns/attributes

### <a name="BKMK_WidgetId"></a> WidgetId

|Property|Value|
|--------|-----|
|LogicalName|widgetid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|
"""


def test_a_messages_table_without_a_web_api_column_reads_its_sdk_column() -> None:
    (retrieve,) = table(SALES_2023).messages
    assert retrieve.name == "Retrieve"
    assert retrieve.web_api_operation is None
    assert retrieve.sdk == "<xref:Microsoft.Xrm.Sdk.Messages.RetrieveRequest>"


def test_messages_columns_are_read_by_their_headings_in_any_order() -> None:
    page = SALES_2023.replace(
        "|Message|SDK Assembly|\n|-|-|\n|Retrieve|<xref:Microsoft.Xrm.Sdk.Messages.RetrieveRequest>|",
        "|Message|SDK class or method|Web API Operation|\n|-|-|-|\n|Retrieve|sdk|GET /widgets|",
    )
    (retrieve,) = table(page).messages
    assert (retrieve.web_api_operation, retrieve.sdk) == ("GET /widgets", "sdk")


# A custom action's article kept in the same folder as the table pages
# (ce/sales/developer/entities/msdyn-ConnectSequence-action.md): ends with "## See also".
ACTION = """\
---
title: "contoso_Connect Action | MicrosoftDocs"
ms.topic: article
---

# contoso_Connect Action

This action connects a record to a sequence.

## Parameters

|Name |Description |
|-----|-----|
|`RegardingEntityId`|Unique identifier of the record.|

## See also

[Enable the accelerator](../../enable-accelerator.md)
"""


def test_an_article_ending_in_see_also_is_skipped_with_a_note(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    specs = workdir / "specs"
    specs.mkdir()
    (specs / "widget.md").write_text(SALES_2023, encoding="utf-8")
    (specs / "contoso-connect-action.md").write_text(ACTION, encoding="utf-8")

    code, _, err = run(capsys, "generate", "--target", "model", "-v")

    assert code == 0, err
    assert "specs/contoso-connect-action.md:1: info: skipped: no reference page" in err
    assert ": warning: " not in err
    assert (workdir / "generated" / "model" / "widget.yaml").exists()


# The Microsoft Dynamics 365 Note page: annotation's ObjectId gains targets that only the
# Dynamics 365 apps define (msdyn_swarm, msdyn_transcript...).
NOTE_BASE = """\
---
ms.topic: generated-reference
---
# Note (contoso_note) table/entity reference (Microsoft Dataverse)

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `contoso_note` |
| **EntitySetName** | `contoso_notes`|
| **LogicalName** | `contoso_note` |
| **PrimaryIdAttribute** | `contoso_noteid` |

## Writable columns/attributes

### <a name="BKMK_contoso_noteId"></a> contoso_noteId

|Property|Value|
|---|---|
|LogicalName|`contoso_noteid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_ObjectId"></a> ObjectId

|Property|Value|
|---|---|
|LogicalName|`objectid`|
|RequiredLevel|None|
|Type|Lookup|
|Targets|account|
"""

NOTE_D365 = """\
---
title: "Note (contoso_note) table/entity reference (Microsoft Dynamics 365)"
---
# Note (contoso_note) table/entity reference (Microsoft Dynamics 365)

> [!NOTE]
> The Microsoft Dynamics 365 Note (contoso_note) table extends the [Microsoft Dataverse Note (contoso_note) table](/power-apps/developer/data-platform/reference/entities/contoso_note).

## Customized columns/attributes

### <a name="BKMK_ObjectId"></a> ObjectId

Changes from [ObjectId (Microsoft Dataverse)](/power-apps/developer/data-platform/reference/entities/contoso_note#BKMK_ObjectId)

|Property|Value|
|---|---|
|Targets|msdyn_personalsoundsetting, msdyn_salessuggestion, msdyn_soundfile, msdyn_soundnotificationsetting, msdyn_swarm, msdyn_taggedrecord, msdyn_transcript|
"""


def test_dynamics_365_tables_an_extension_page_names_are_known_tables(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each name resembles another known table (msdyn_transcript, msdyn_copilottranscript),
    which made it look misspelt: a warning the page, Microsoft's own, does not deserve."""
    specs = workdir / "specs"
    specs.mkdir()
    (specs / "contoso_note.md").write_text(NOTE_BASE, encoding="utf-8")
    (specs / "contoso_note-d365.md").write_text(NOTE_D365, encoding="utf-8")

    code, _, err = run(capsys, "generate", "--target", "model", "-v")

    assert code == 0, err
    assert "lookup-target-unknown" not in err
    assert "'msdyn_swarm' is a Dataverse table outside the set" in err
    note = (workdir / "generated" / "model" / "contoso_note.yaml").read_text(encoding="utf-8")
    assert "  - msdyn_transcript\n" in note


# A 2025 Dynamics 365 Sales page that only restates the table's display names: its last
# "##" section is Properties, so the page's "### See also" footer falls under it.
DISPLAY_NAMES = """\
---
ms.topic: generated-reference
---
# Rollup (contoso_rollup) table/entity reference (Microsoft Dynamics 365 Sales)

Rollups.

> [!NOTE]
> The Microsoft Dynamics 365 Sales Rollup (contoso_rollup) table extends the [Microsoft Dynamics 365 Rollup (contoso_rollup) table](/dynamics365/developer/reference/entities/contoso_rollup).


## Properties

The following table lists selected properties for the Rollup (contoso_rollup) table.

|Property|Value|
| --- | --- |
| **DisplayName** | **Rollup** |
| **DisplayCollectionName** | **Rollups** |


### See also

[Dataverse table/entity reference](/power-apps/developer/data-platform/reference/about-entity-reference)
"""


MESSAGES_ONLY = (
    DISPLAY_NAMES.split("## Properties", maxsplit=1)[0]
    + """\
## Messages

| Name <br />Is Event? |Web API Operation |SDK for .NET |
| ---- | ----- |----- |
| `Restore`<br />Event: True | |[Learn to use messages](/sdk)|


### See also

[Dataverse table/entity reference](/power-apps/developer/data-platform/reference/about-entity-reference)
"""
)


@pytest.mark.parametrize("page", [DISPLAY_NAMES, MESSAGES_ONLY], ids=["properties", "messages"])
def test_see_also_under_the_last_section_is_no_misplaced_heading(page: str) -> None:
    spec, warnings = parse(page, "contoso_rollup-sales.md")
    assert warnings == []
    assert isinstance(spec, TableExtension) and spec.logical_name == "contoso_rollup"


def test_an_extension_page_s_table_properties_are_noted_as_not_applied() -> None:
    _, diagnostics = parse_spec("contoso_rollup-sales.md", DISPLAY_NAMES.encode("utf-8"))
    assert [str(d) for d in diagnostics] == [
        "contoso_rollup-sales.md:16: info: table properties of a page extending a table are "
        "not applied: DisplayName, DisplayCollectionName [extension-properties-ignored]"
    ]
    _, diagnostics = parse_spec("contoso_rollup-sales.md", MESSAGES_ONLY.encode("utf-8"))
    assert list(diagnostics) == []


# A Dynamics 365 app's page may extend the Microsoft Dynamics 365 page of a table rather than
# Dataverse's: Customer Service's Queue changes a column that the Microsoft Dynamics 365 Queue
# page adds.
GADGET = """\
---
ms.topic: generated-reference
---
# Gadget (contoso_gadget) table/entity reference (Microsoft Dataverse)

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `contoso_gadget` |
| **EntitySetName** | `contoso_gadgets`|
| **LogicalName** | `contoso_gadget` |
| **PrimaryIdAttribute** | `contoso_gadgetid` |

## Writable columns/attributes

### <a name="BKMK_contoso_gadgetId"></a> contoso_gadgetId

|Property|Value|
|---|---|
|LogicalName|`contoso_gadgetid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|
"""

GADGET_D365 = """\
---
ms.topic: generated-reference
---
# Gadget (contoso_gadget) table/entity reference (Microsoft Dynamics 365)

> [!NOTE]
> The Microsoft Dynamics 365 Gadget (contoso_gadget) table extends the [Microsoft Dataverse Gadget (contoso_gadget) table](/power-apps/developer/data-platform/reference/entities/contoso_gadget).

## Writable columns/attributes

### <a name="BKMK_msdyn_kind"></a> msdyn_kind

|Property|Value|
|---|---|
|LogicalName|`msdyn_kind`|
|RequiredLevel|None|
|Type|Picklist|

#### msdyn_kind Choices/Options

|Value|Label|
|---|---|
|192350000|**Email**|
"""

GADGET_SERVICE = """\
---
ms.topic: generated-reference
---
# Gadget (contoso_gadget) table/entity reference (Microsoft Dynamics 365 Customer Service)

> [!NOTE]
> The Microsoft Dynamics 365 Customer Service Gadget (contoso_gadget) table extends the [Microsoft Dynamics 365 Gadget (contoso_gadget) table](/dynamics365/developer/reference/entities/contoso_gadget).

## Customized columns/attributes

### <a name="BKMK_msdyn_kind"></a> msdyn_kind

Changes from [msdyn_kind (Microsoft Dynamics 365)](/dynamics365/developer/reference/entities/contoso_gadget#BKMK_msdyn_kind)

#### msdyn_kind Choices/Options

|Value|Label|
|---|---|
|192350002|**Voice**|
"""


def test_a_page_extending_the_dynamics_365_page_ranks_after_those_extending_dataverse() -> None:
    ranks = {}
    for name, page in (("d365", GADGET_D365), ("service", GADGET_SERVICE)):
        spec, warnings = parse(page, f"contoso_gadget-{name}.md")
        assert warnings == [] and isinstance(spec, TableExtension)
        ranks[name] = spec.rank
    both = GADGET_SERVICE.replace(
        "the [Microsoft Dynamics 365 Gadget (contoso_gadget) table]",
        "[Gadget (contoso_gadget) table (Microsoft Dataverse)]"
        "(/power-apps/developer/data-platform/reference/entities/contoso_gadget) and "
        "[Gadget (contoso_gadget) table (Microsoft Dynamics 365)]",
    )
    spec, _ = parse(both, "contoso_gadget-sales.md")
    assert isinstance(spec, TableExtension)
    assert (ranks["d365"], ranks["service"], spec.rank) == (0, 1, 1)


def test_a_change_to_a_column_the_dynamics_365_page_adds_applies_whatever_the_file_names(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``contoso_gadget-customer-service.md`` sorts before ``contoso_gadget-dynamics365.md``:
    in file order its change met no column yet, a warning and a lost option."""
    specs = workdir / "specs"
    specs.mkdir()
    (specs / "contoso_gadget.md").write_text(GADGET, encoding="utf-8")
    (specs / "contoso_gadget-dynamics365.md").write_text(GADGET_D365, encoding="utf-8")
    (specs / "contoso_gadget-customer-service.md").write_text(GADGET_SERVICE, encoding="utf-8")

    code, _, err = run(capsys, "generate", "--target", "model")

    assert code == 0, err
    assert ": warning: " not in err
    model = (workdir / "generated" / "model" / "contoso_gadget.yaml").read_text(encoding="utf-8")
    assert (
        "  - value: 192350000\n    label: Email\n  - value: 192350002\n    label: Voice\n" in model
    )


def test_a_change_of_only_empty_values_is_noted_not_dropped_silently() -> None:
    """The Field Service and Sales pages list ``|DefaultFormValue||`` as a change: the app
    leaves unset a default that Dataverse's page gives as -1, no default either."""
    page = GADGET_SERVICE.replace(
        "#### msdyn_kind Choices/Options\n\n|Value|Label|\n|---|---|\n|192350002|**Voice**|\n",
        "|Property|Value|\n|---|---|\n|DefaultFormValue||\n",
    )
    spec, diagnostics = parse_spec("contoso_gadget-service.md", page.encode("utf-8"))
    assert isinstance(spec, TableExtension) and spec.column_changes == ()
    assert [str(d) for d in diagnostics] == [
        "contoso_gadget-service.md:11: info: column 'msdyn_kind': the change states only empty "
        "values (DefaultFormValue): nothing to apply [extension-change-empty]"
    ]
