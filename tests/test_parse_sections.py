"""Every section of a page that holds columns, choices or relationships is accounted for.

A heading deleted from a real page (each one in turn) either leaves the model's counts as they
were, or gets a diagnostic naming a line of the section it headed: never a silent loss.
``DVGEN_SECTIONS_ALL=1`` runs it over every corpus page (about 4,300 pages, 3 minutes).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest

from dvgen.model import Table
from dvgen.parse import parse_spec
from tests.conftest import CORPUS, NO_SHARED, corpus_pages
from tests.test_cli import PAGE

SAMPLE = (
    "environmentvariabledefinition",  # G0 (2020)
    "attachment",  # 2021
    "solution",  # 2022
    "mspp_columnpermissionprofile",  # G1
    "savedquery",  # 2021, Boolean options tables
    "backgroundoperation",  # G2
    "botcomponent_msdyn_aimodel",  # G2 intersect table
    "webresource",  # G2b
    "sample_bankaccount",  # G3
    "accountleads",  # D365 CE
    "msdyn_solutioncomponentdatasource",  # no relationships
)
_HEADING = re.compile(r"^(#{1,6}) ")


def _pages() -> list[object]:
    if not CORPUS.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=NO_SHARED), id="no-corpus")]
    if os.environ.get("DVGEN_SECTIONS_ALL") == "1":
        return [pytest.param(p, id=p.stem) for p in corpus_pages()]
    return [pytest.param(CORPUS / f"{name}.md", id=name) for name in SAMPLE]


def counts(table: object) -> Counter[str]:
    assert isinstance(table, Table)
    rel = table.relationships
    return Counter(
        columns=len(table.columns),
        options=sum(len(c.choices) for c in table.columns),
        many_to_one=len(rel.many_to_one),
        one_to_many=len(rel.one_to_many),
        many_to_many=len(rel.many_to_many),
    )


def headings(lines: list[str]) -> list[tuple[int, int]]:
    """(index, end): each heading's line index and the index of the line that ends its section."""
    found = [(i, len(m.group(1))) for i, line in enumerate(lines) if (m := _HEADING.match(line))]
    return [
        (i, next((j for j, deeper in found[k + 1 :] if deeper <= level), len(lines)))
        for k, (i, level) in enumerate(found)
    ]


@pytest.mark.parametrize("page", _pages())
def test_deleting_any_heading_never_loses_content_silently(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    table, found = parse_spec(str(page), text.encode())
    assert found == []
    expected = counts(table)
    lines = text.split("\n")
    silent = []
    for index, end in headings(lines):
        mutated = "\n".join(lines[:index] + lines[index + 1 :])
        table, found = parse_spec(str(page), mutated.encode())
        if table is None:
            assert any(d.location.line for d in found)  # an error with a line: not silent
            continue
        if not isinstance(table, Table) or counts(table) == expected:
            continue
        # after the deletion, the section's lines are index+1 .. end-1 (1-based: shifted by one)
        if not any(index + 1 <= d.location.line <= end for d in found):
            silent.append(f"{page.name}:{index + 1}: {lines[index][:60]}")
    assert silent == []


def test_the_heading_scan_finds_each_section_end() -> None:
    lines = ["# T", "## A", "### a", "x", "#### o", "### b", "## B", "text"]
    assert headings(lines) == [(0, 8), (1, 6), (2, 5), (4, 5), (5, 6), (6, 8)]


# Each way a page can leave a block where nothing reads it: a warning with its line and code.

COLUMN = """
### <a name="BKMK_new_Kind"></a> new_Kind

|Property|Value|
|---|---|
|LogicalName|`new_kind`|
|RequiredLevel|None|
|Type|Picklist|

#### new_Kind Choices/Options

|Value|Label|
|---|---|
|1|**One**|
"""


def diagnostics_of(text: str) -> list[str]:
    _, found = parse_spec("w.md", text.encode())
    return [str(d) for d in found]


def test_columns_under_a_section_that_has_none_are_reported() -> None:
    text = PAGE.replace("## Writable columns/attributes\n", "")
    assert diagnostics_of(text) == [
        "w.md:15: warning: heading 'new_widgetId' under section 'Properties' is not read (is a "
        "'##' section heading above it missing?) [section-misplaced]",
        "w.md:23: warning: heading 'new_Size' under section 'Properties' is not read (is a "
        "'##' section heading above it missing?) [section-misplaced]",
    ]


def test_a_table_before_the_first_column_heading_is_reported() -> None:
    text = PAGE.replace('### <a name="BKMK_new_widgetId"></a> new_widgetId\n', "")
    assert diagnostics_of(text) == [
        "w.md:17: warning: section 'Writable columns/attributes': a table with no column "
        "heading above it is ignored (is its '###' heading missing?) [block-orphan]"
    ]


def test_a_table_under_the_title_is_reported() -> None:
    text = "# Widget table\n\n|Message|Web API|\n|-|-|\n|Create|POST|\n\n" + PAGE.split("\n", 1)[1]
    assert diagnostics_of(text)[0] == (
        "w.md:3: warning: a table under the title, before any '##' section, is ignored "
        "(is its section heading missing?) [block-orphan]"
    )


def test_a_column_table_inside_an_options_list_is_reported() -> None:
    text = PAGE + COLUMN + COLUMN.replace("Kind", "Mode").replace("kind", "mode")
    assert diagnostics_of(text) == []
    lost = PAGE + COLUMN + COLUMN.replace("Kind", "Mode").replace("kind", "mode").split("\n", 2)[2]
    assert diagnostics_of(lost) == [
        "w.md:48: warning: column 'new_Kind': second table ignored (is a heading above it "
        "missing?) [block-ignored]",
        "w.md:54: warning: column 'new_Kind': options list 'new_Mode Choices/Options' names "
        "another column [options-misplaced]",
        "w.md:54: warning: column 'new_Kind': second options list 'new_Mode Choices/Options' "
        "ignored [block-ignored]",
    ]


def test_an_options_list_without_its_column_is_reported() -> None:
    text = PAGE.split("## Writable")[0] + "## Writable columns\n" + COLUMN.split("\n", 2)[2]
    assert diagnostics_of(text) == [
        "w.md:16: warning: section 'Writable columns': a table with no column heading above it "
        "is ignored (is its '###' heading missing?) [block-orphan]",
        "w.md:22: warning: options list 'new_Kind Choices/Options' has no column heading above "
        "it: ignored [block-orphan]",
    ]


ONE_TO_MANY = """
## Many-To-One Relationships

### <a name="BKMK_lk_a"></a> lk_a

See the [lk_a](systemuser.md#BKMK_lk_a) one-to-many relationship for the \
[systemuser](systemuser.md) table/entity.

### <a name="BKMK_lk_b"></a> lk_b

See the [lk_b](team.md#BKMK_lk_b) one-to-many relationship for the [team](team.md) table/entity.
"""


def test_relationship_text_without_its_heading_is_reported() -> None:
    assert diagnostics_of(PAGE + ONE_TO_MANY) == []
    first = PAGE + ONE_TO_MANY.replace('### <a name="BKMK_lk_a"></a> lk_a\n', "")
    assert diagnostics_of(first) == [
        "w.md:37: warning: section 'Many-To-One Relationships': text of a relationship with no "
        "heading above it is ignored: 'See the [lk_a](systemuser.md#BKMK_lk_a) one-to-many "
        "relat...' [block-orphan]"
    ]
    second = PAGE + ONE_TO_MANY.replace('### <a name="BKMK_lk_b"></a> lk_b\n', "")
    assert diagnostics_of(second) == [
        "w.md:41: warning: relationship 'lk_a': second relationship text ignored (is a heading "
        "above it missing?) [block-ignored]"
    ]


def test_a_heading_that_does_not_parse_is_reported_with_its_line() -> None:
    text = PAGE.replace("## Writable columns/attributes", "## Writeable colums")
    assert diagnostics_of(text) == [
        "w.md:14: warning: section 'Writeable colums' not understood, ignored [section-unknown]"
    ]
