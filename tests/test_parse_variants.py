"""A page as a user's tools leave it: reformatted, re-encoded, saved from the rendered view.

Five real pages (the corpus's agentprompt (G3), annotation (G3), customapi (G2b), accountleads
(Dynamics 365 customer engagement) and backgroundoperation (G2); then aciviewmapper (G1),
environmentvariabledefinition (G0), attachment and savedquery (2021) for the reflowed and
reformatted variants) were passed through the real tools: prettier 2.8.8 (``--parser markdown``,
with and without ``--prose-wrap always``), mdformat 1.0.0 with mdformat-gfm 1.0.0 (with and
without ``--wrap 80``, ``--compact-tables``), pandoc 2.17 (gfm to gfm, gfm to pandoc Markdown, and
HTML rendered by markdown-it-py back to gfm and to pandoc Markdown, as a page saved from the
rendered view), ``git clone`` with ``core.autocrlf=true``, and by hand: CRLF line ends, a UTF-8
BOM, tabs around the pipes, trailing spaces and tabs, ``*`` list bullets, ``&nbsp;`` in empty
cells, the front matter removed, the page cut at ``## Messages``. The canonical model of each was
compared with the original's. Faults found (each pinned below, on a short excerpt of agentprompt
with the tool's output written inline):

- a description paragraph reflowed by prettier or mdformat kept its line ends: the model's
  description changed (rendered, the paragraph is one line);
- a relationship sentence reflowed the same way (``One-To-Many Relationship:`` then the link on
  the next line; the G0-G1 ``Same as ...`` / ``See the [x](..)`` sentence broken after a link)
  warned "text not understood" on every relationship;
- ``&nbsp;`` in an empty cell (as an editor or a converter fills one) read as a non-breaking
  space: ``IsHierarchical`` failed, a Description became ``"\\xa0"``;
- pandoc writes the pages' ``<a name="BKMK_X"></a>`` heading anchors as ``<span id="BKMK_X">
  </span>``: every column and relationship failed as "not a name";
- pandoc keeps as HTML ``<table>`` a table whose cells hold line breaks (Messages, State/Status
  choices, every relationship's CascadeConfiguration): the Messages were silently lost and each
  relationship kept its name only. Now each such table is an error at its line (exit 2), as is
  a table of pandoc's own Markdown (``-t markdown``), which failed only as "no property table".

With the fixes, every variant but the refused ones gives SQL, CSDL, JSON Schema and pydantic
outputs byte-identical to the original's, and a model that differs only as follows.

Left as they are: Messages cells are kept as Markdown source, so a formatter's respelling of the
same rendering shows there (prettier's ``_x_`` for ``*x*``, mdformat's ``\\<xref:...>`` and
``\\[*org URI*\\]``, pandoc's ``[xref:X](xref:X)`` for ``<xref:X>``); mdformat without its
front-matter plugin turns the front matter into a thematic break and text, and pandoc drops it
(the model loses only ``page.front_matter``, as when the front matter is removed); a page cut
at Messages is refused with an error at its line (no Properties section).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dvgen.canonical import to_data
from dvgen.cli import main
from dvgen.diagnostics import Severity
from dvgen.parse import parse_spec
from tests.pages import parse, table

FRONT = """\
---
title: "Agent Prompt (agentprompt) table/entity reference (Microsoft Dataverse)"
ms.topic: generated-reference
search.audienceType: 
  - developer
---

"""

DESCRIPTION = (
    "Business that represents a customer or potential customer. "
    "The company that is billed in business transactions."
)

PROPERTIES = """\
|Property|Value|
| --- | --- |
| **DisplayName** | **Agent Prompt** |
| **DisplayCollectionName** | **Agent Prompts** |
| **SchemaName** | `agentprompt` |
| **CollectionSchemaName** | `agentprompts` |
| **EntitySetName** | `agentprompts`|
| **LogicalName** | `agentprompt` |
| **LogicalCollectionName** | `agentprompts` |
| **PrimaryIdAttribute** | `agentpromptid` |
| **PrimaryNameAttribute** |`name` |
| **TableType** | `Elastic` |
| **OwnershipType** | `UserOwned` |
"""

NAME = """\
|Property|Value|
|---|---|
|Description||
|DisplayName|**Name**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`name`|
|RequiredLevel|ApplicationRequired|
|Type|String|
|Format|Text|
|FormatName|Text|
|ImeMode|Auto|
|IsLocalizable|False|
|MaxLength|850|
"""

RELATIONSHIP_LINE = (
    "One-To-Many Relationship: [systemuser lk_agentprompt_createdby]"
    "(systemuser.md#BKMK_lk_agentprompt_createdby)"
)

CASCADE = (
    "Archive: `NoCascade`<br />Assign: `NoCascade`<br />Delete: `Cascade`<br />"
    "Merge: `NoCascade`<br />Reparent: `NoCascade`<br />RollupView: `NoCascade`<br />"
    "Share: `NoCascade`<br />Unshare: `NoCascade`"
)

RELATIONSHIP = f"""\
|Property|Value|
|---|---|
|ReferencedEntity|`systemuser`|
|ReferencedAttribute|`systemuserid`|
|ReferencingAttribute|`createdby`|
|ReferencingEntityNavigationPropertyName|`createdby`|
|IsHierarchical||
|CascadeConfiguration|{CASCADE}|
"""


def page(
    *,
    front: str = FRONT,
    description: str = DESCRIPTION,
    properties: str = PROPERTIES,
    name: str = NAME,
    relationship_line: str = RELATIONSHIP_LINE,
    relationship: str = RELATIONSHIP,
    anchor: str = '<a name="BKMK_{}"></a>',
    bullet: str = "-",
) -> str:
    """The agentprompt excerpt, each part replaceable by a tool's output."""
    name_anchor = anchor.format("Name")
    rel_anchor = anchor.format("lk_agentprompt_createdby")
    return f"""{front}# Agent Prompt (agentprompt) table/entity reference (Microsoft Dataverse)

{description}

## Properties

{properties}
## Writable columns/attributes

{bullet} [Name](#BKMK_Name)

### {name_anchor} Name

{name}
## Many-to-One relationships

{bullet} [lk_agentprompt_createdby](#BKMK_lk_agentprompt_createdby)

### {rel_anchor} lk_agentprompt_createdby

{relationship_line}

{relationship}"""


def model(text: str) -> dict[str, Any]:
    data: dict[str, Any] = to_data(table(text))
    return data


ORIGINAL = page()


def test_the_excerpt_reads() -> None:
    data = model(ORIGINAL)
    assert data["description"] == DESCRIPTION
    assert [c["logical_name"] for c in data["columns"]] == ["name"]
    (rel,) = data["relationships"]["many_to_one"]
    assert rel["cascade_configuration"]["delete"] == "Cascade"


# prettier 2.8.8 --parser markdown --prose-wrap always (mdformat --wrap 80 wraps it alike)
PRETTIER_DESCRIPTION = """\
Business that represents a customer or potential customer. The company that is
billed in business transactions."""

PRETTIER_RELATIONSHIP_LINE = """\
One-To-Many Relationship:
[systemuser lk_agentprompt_createdby](systemuser.md#BKMK_lk_agentprompt_createdby)"""


def test_a_reflowed_description_reads_as_one_line() -> None:
    assert model(page(description=PRETTIER_DESCRIPTION)) == model(ORIGINAL)


def test_a_reflowed_relationship_line_reads_without_a_warning() -> None:
    assert model(page(relationship_line=PRETTIER_RELATIONSHIP_LINE)) == model(ORIGINAL)
    glued = page(relationship_line=f"{RELATIONSHIP_LINE}\nSomething else.")
    assert "text not understood: 'Something else.'" in parse(glued)[1][0]


def test_a_hard_break_in_a_description_stays_a_line_end() -> None:
    for hard in ("  \n", "\\\n"):
        text = page(description=f"First line.{hard}Second line.")
        assert model(text)["description"] == "First line.\nSecond line."
    assert model(page(description="First line.\n   Second line."))["description"] == (
        "First line. Second line."
    )


# mdformat 1.0.0 + mdformat-gfm 1.0.0: realigned pipes, padded cells
MDFORMAT_PROPERTIES = """\
| Property                  | Value             |
| ------------------------- | ----------------- |
| **DisplayName**           | **Agent Prompt**  |
| **DisplayCollectionName** | **Agent Prompts** |
| **SchemaName**            | `agentprompt`     |
| **CollectionSchemaName**  | `agentprompts`    |
| **EntitySetName**         | `agentprompts`    |
| **LogicalName**           | `agentprompt`     |
| **LogicalCollectionName** | `agentprompts`    |
| **PrimaryIdAttribute**    | `agentpromptid`   |
| **PrimaryNameAttribute**  | `name`            |
| **TableType**             | `Elastic`         |
| **OwnershipType**         | `UserOwned`       |
"""

MDFORMAT_NAME = """\
| Property       | Value               |
| -------------- | ------------------- |
| Description    |                     |
| DisplayName    | **Name**            |
| IsValidForForm | True                |
| IsValidForRead | True                |
| LogicalName    | `name`              |
| RequiredLevel  | ApplicationRequired |
| Type           | String              |
| Format         | Text                |
| FormatName     | Text                |
| ImeMode        | Auto                |
| IsLocalizable  | False               |
| MaxLength      | 850                 |
"""


def _crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def _tabs(text: str) -> str:
    return "\n".join(
        line.replace("|", "\t|\t").strip("\t") if line.startswith("|") else line
        for line in text.split("\n")
    )


def _trailing(text: str) -> str:
    return "\n".join(
        f"{line}  \t " if line and line != "---" else line for line in text.split("\n")
    )


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(page(properties=MDFORMAT_PROPERTIES, name=MDFORMAT_NAME), id="mdformat"),
        pytest.param(_crlf(ORIGINAL), id="crlf"),
        pytest.param("\ufeff" + ORIGINAL, id="bom"),
        pytest.param("\ufeff" + _crlf(ORIGINAL), id="bom-crlf"),
        pytest.param(_tabs(ORIGINAL), id="tabs"),
        pytest.param(_trailing(ORIGINAL), id="trailing-spaces"),
        pytest.param(page(bullet="*"), id="star-bullets"),
    ],
)
def test_a_reformatted_page_reads_the_same(variant: str) -> None:
    assert model(variant) == model(ORIGINAL)


def test_the_front_matter_removed_loses_only_the_front_matter() -> None:
    original = model(ORIGINAL)
    del original["page"]["front_matter"]
    assert model(page(front="")) == original


def test_nbsp_in_an_empty_cell_reads_as_empty() -> None:
    name = NAME.replace("|Description||", "|Description|&nbsp;|")
    relationship = RELATIONSHIP.replace("|IsHierarchical||", "|IsHierarchical|&nbsp;|")
    assert model(page(name=name, relationship=relationship)) == model(ORIGINAL)


def test_pandoc_span_anchors_name_the_columns() -> None:
    """``pandoc -f html -t gfm`` of the rendered page: ``<a name>`` became ``<span id>``."""
    assert model(page(anchor='<span id="BKMK_{}"></span>')) == model(ORIGINAL)


# pandoc -f html -t gfm: a table whose cells hold <br /> stays HTML
PANDOC_RELATIONSHIP = """\
<table>
<thead>
<tr class="header">
<th>Property</th>
<th>Value</th>
</tr>
</thead>
<tbody>
<tr class="odd">
<td>ReferencedEntity</td>
<td><code>systemuser</code></td>
</tr>
<tr class="even">
<td>CascadeConfiguration</td>
<td>Archive: <code>NoCascade</code><br />
Delete: <code>Cascade</code></td>
</tr>
</tbody>
</table>
"""


def test_an_html_table_is_an_error_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = page(relationship=PANDOC_RELATIONSHIP)
    spec, diagnostics = parse_spec("agentprompt.md", text.encode())
    errors = [str(d) for d in diagnostics if d.severity >= Severity.ERROR]
    line = text.split("\n").index("<table>") + 1
    assert spec is None
    assert len(errors) == 1
    assert f"agentprompt.md:{line}: error: an HTML <table>" in errors[0]
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "agentprompt.md").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["generate", "--specs", str(specs), "--out", str(out), "--no-cache", "-q"]) == 2
    assert f"agentprompt.md:{line}: error: an HTML <table>" in capsys.readouterr().err


# aciviewmapper (G1), a many-to-one entry as prettier --prose-wrap always wrote it
G1_LINE = (
    "See the [lk_agentprompt_createdby](systemuser.md#BKMK_lk_agentprompt_createdby) "
    "one-to-many relationship for the [systemuser](systemuser.md) table/entity."
)
G1_WRAPPED = """\
See the
[lk_agentprompt_createdby](systemuser.md#BKMK_lk_agentprompt_createdby)
one-to-many relationship for the [systemuser](systemuser.md) table/entity."""


def test_a_relationship_sentence_wrapped_after_a_link_reads_without_a_warning() -> None:
    original = model(page(relationship_line=G1_LINE, relationship=""))
    assert model(page(relationship_line=G1_WRAPPED, relationship="")) == original
    glued = page(relationship_line=f"{G1_LINE}\nSomething else.", relationship="")
    assert "text not understood: 'Something else.'" in parse(glued)[1][0]


# pandoc 2.17 -f gfm -t markdown: a simple table (trailing spaces of the empty cell kept)
PANDOC_MARKDOWN_NAME = """\
  Property         Value
  ---------------- ---------------------
  Description      \n  DisplayName      **Name**
  IsValidForForm   True
  IsValidForRead   True
  LogicalName      `name`
  RequiredLevel    ApplicationRequired
  Type             String
  MaxLength        850
"""


def test_a_pandoc_markdown_table_is_an_error_at_its_rule() -> None:
    text = page(name=PANDOC_MARKDOWN_NAME)
    spec, diagnostics = parse_spec("agentprompt.md", text.encode())
    errors = [str(d) for d in diagnostics if d.severity >= Severity.ERROR]
    line = text.split("\n").index("  ---------------- ---------------------") + 1
    assert spec is None
    assert (
        f"agentprompt.md:{line}: error: a pandoc Markdown table (dashed rules, no pipes)"
        in (errors[0])
    )
