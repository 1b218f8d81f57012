"""The fast pipe-table rule reads every table exactly as markdown-it-py's own table rule does."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from dvgen.parse.mdtable import pipe_table_plugin
from tests.conftest import page_params

Rows = list[tuple[int, list[str]]]


def _reference() -> MarkdownIt:
    md = MarkdownIt("zero").enable(["table", "heading", "paragraph", "blockquote"])
    md.disable("inline", ignoreInvalid=True)
    return md


def _fast() -> MarkdownIt:
    md = _reference()
    md.use(pipe_table_plugin)
    return md


def reference_tables(text: str) -> list[Rows]:
    """Tables by markdown-it-py's table rule: each row's line and cells, header first."""
    tables: list[Rows] = []
    row: list[str] | None = None
    line = 0
    for token in _reference().parse(text):
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            row, line = [], token.map[0] if token.map else -1
        elif token.type == "inline" and row is not None:
            row.append(token.content)
        elif token.type == "tr_close" and row is not None:
            tables[-1].append((line, row))
            row = None
    return tables


def fast_tables(text: str) -> list[Rows]:
    tables: list[Rows] = []
    for token in _fast().parse(text):
        if token.type == "table_open":
            header = token.meta["header"]
            rows = [(header.line, header.cells)]
            rows += [(row.line, row.cells) for row in token.meta["rows"]]
            tables.append(rows)
    return tables


@pytest.mark.parametrize("page", page_params())
def test_same_tables_as_markdown_it_on_real_pages(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert fast_tables(text) == reference_tables(text)


CASES = {
    "escaped pipe": "|a|b|\n|-|-|\n|x \\| y|z|\n",
    "no outer pipes": "a | b\n--- | ---\nx | y\n",
    "fewer and more cells": "|a|b|c|\n|-|-|-|\n|1|\n|1|2|3|4|\n",
    "ends at a blank line": "|a|b|\n|-|-|\n|1|2|\n\ntext\n",
    "ends at a heading": "|a|b|\n|-|-|\n|1|2|\n## next\n",
    "a row without a leading pipe": "|a|b|\n|---|---|\n|1|2|\nmore|x\n",
    "empty cells": "|Property|Value|\n|--------|-----|\n|MinValue||\n||x|\n",
    "aligned delimiter": "| a | b |\n| :--- | ---: |\n| 1 | 2 |\n",
    "header and delimiter disagree": "|a|b|\n|-|\n|1|2|\n",
    "not a delimiter": "|a|b|\n|x|y|\n",
    "dash list is not a table": "- a | b\n- c\n",
    "inside a quote": "> |a|b|\n> |-|-|\n> |1|2|\n",
}


@pytest.mark.parametrize("case", list(CASES))
def test_same_tables_on_edge_cases(case: str) -> None:
    text = CASES[case]
    assert fast_tables(text) == reference_tables(text)
