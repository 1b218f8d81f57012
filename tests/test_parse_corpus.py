"""Every real page parses, and the model holds exactly what the page lists.

The expected numbers come from a deliberately simple line scan of the markdown, independent
of the parser: headings and table rows counted by their first characters.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from dvgen.parse import parse_spec
from tests.conftest import page_params

_H2 = re.compile(r"^## +(.*?)\s*$")
_ROW = re.compile(r"^\s*\|")
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+")


def count_by_lines(text: str) -> Counter[str]:
    """Columns, choice options and relationships of a page, by scanning its lines."""
    counts: Counter[str] = Counter()
    section = ""
    in_options = False
    header_seen = False
    for line in text.splitlines():
        if match := _H2.match(line):
            section = match.group(1).lower()
            in_options = False
            continue
        if line.startswith("#"):
            in_options = line.startswith("#### ") and line.rstrip().endswith("Options")
            header_seen = False
            if line.startswith("### ") and "see also" not in line.lower():
                if "relationships" in section:
                    kind = re.search(r"(one-to-many|many-to-one|many-to-many)", section)
                    counts[kind.group(1) if kind else "relationship"] += 1
                elif "columns" in section or "attributes" in section:
                    counts["columns"] += 1
            continue
        if in_options and _ROW.match(line):
            if not header_seen:
                header_seen = True
            elif not _SEPARATOR.match(line.replace("|", "", 1)):
                counts["options"] += 1
        if line.startswith(("|True Label|", "|False Label|")):
            counts["options"] += 1
    return counts


def count_model(path: Path) -> Counter[str]:
    table, diagnostics = parse_spec(str(path), path.read_bytes())
    assert table is not None, [str(d) for d in diagnostics]
    rel = table.relationships
    return Counter(
        {
            "columns": len(table.columns),
            "options": sum(len(c.choices) for c in table.columns),
            "one-to-many": len(rel.one_to_many),
            "many-to-one": len(rel.many_to_one),
            "many-to-many": len(rel.many_to_many),
        }
    )


@pytest.mark.parametrize("page", page_params())
def test_page_parses_without_diagnostics(page: Path) -> None:
    table, diagnostics = parse_spec(str(page), page.read_bytes())
    assert table is not None
    assert [str(d) for d in diagnostics] == []


@pytest.mark.parametrize("page", page_params())
def test_model_counts_match_the_page(page: Path) -> None:
    expected = count_by_lines(page.read_text(encoding="utf-8"))
    actual = count_model(page)
    assert +actual == +expected


def test_line_counter_sees_each_kind() -> None:
    """The independent counter itself, on a small page of every shape it counts."""
    text = """\
## Writable columns/attributes
### <a name="BKMK_A"></a> A
|Property|Value|
|---|---|
|LogicalName|`a`|
|True Label|Yes|
|False Label|No|
### <a name="BKMK_B"></a> B
#### B Choices/Options
|Value|Label|
|---|---|
|1|**One**|
|2|**Two**|
## Many-to-One relationships
### <a name="BKMK_r"></a> r
## One-To-Many Relationships
### <a name="BKMK_s"></a> s
### See also
"""
    assert count_by_lines(text) == Counter(
        {"columns": 2, "options": 4, "many-to-one": 1, "one-to-many": 1}
    )
