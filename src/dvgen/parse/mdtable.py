"""A faster GFM pipe-table rule for markdown-it, for pages made mostly of tables.

markdown-it-py's ``table`` rule splits every row character by character, asks every block
rule whether each row ends the table, and makes eight tokens of a two-cell row; reference
pages hold tens of thousands of rows, and that rule was most of the parse time. This rule
keeps its semantics (a header row, a delimiter row with the same number of columns, rows
until a blank line or another block, ``\\|`` for a pipe inside a cell, missing cells empty,
extra cells ignored) but makes one ``table_open``/``table_close`` pair per table and puts the
rows, with their source lines, in ``table_open.meta``. A row that starts with ``|`` cannot
start any other block, so only other lines go through the terminator rules.

One deliberate difference: a row that starts with ``|`` but whose last cell is not closed
goes on over the next lines, blank ones too, up to a line ending with ``|`` (Dynamics 365
Sales pages break a long description that way); markdown-it ends the table there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_block.state_block import StateBlock

_DELIMITER_ROW = re.compile(r"^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$")
_PIPE = re.compile(r"(?<!\\)\|")


def split_row(line: str) -> list[str]:
    """Cells of a row, outer pipes optional, ``\\|`` kept as a pipe, each cell stripped."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return [cell.strip().replace("\\|", "|") for cell in _PIPE.split(text)]


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


@dataclass(frozen=True, slots=True)
class TableRow:
    line: int
    """0-based line in the parsed text."""
    cells: list[str]
    """Exactly as many cells as the header: missing ones empty, extra ones dropped."""
    source_cells: int
    """How many cells the source row has (more than ``cells`` when some were dropped)."""
    leading_pipe: bool


def pipe_table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if start + 2 > end or state.sCount[start + 1] < state.blkIndent:
        return False
    if state.is_code_block(start) or state.is_code_block(start + 1):
        return False
    header_text = _line(state, start)
    delimiter = _line(state, start + 1)
    if "|" not in header_text or not _DELIMITER_ROW.match(delimiter.strip()):
        return False
    header = split_row(header_text)
    if len(header) != len(split_row(delimiter)) or "-" not in delimiter:
        return False
    if silent:
        return True
    rows, line = _rows(state, start + 2, end, len(header))
    table = state.push("table_open", "table", 1)
    table.map = [start, line]
    table.meta = {"header": TableRow(start, header, len(header), True), "rows": rows}
    state.push("table_close", "table", -1)
    state.line = line
    return True


def _rows(state: StateBlock, first: int, end: int, width: int) -> tuple[list[TableRow], int]:
    terminators = state.md.block.ruler.getRules("blockquote")
    rows: list[TableRow] = []
    line = first
    while line < end and state.sCount[line] >= state.blkIndent:
        text = _line(state, line)
        if not text.strip() or state.is_code_block(line):
            break
        if text[0] != "|" and any(rule(state, line, end, True) for rule in terminators):
            break
        cells = split_row(text)
        count = len(cells)
        cells = cells[:width] if count >= width else cells + [""] * (width - count)
        row_line = line
        line += 1
        if count == width and text[0] == "|" and _is_open(text):
            rest = _continuation(state, line, end)
            if rest is not None:
                more, line = rest
                cells[-1] = f"{cells[-1]}\n{more}".strip()
        rows.append(TableRow(row_line, cells, count, text[0] == "|"))
    return rows, line


_CONTINUATION_LINES = 60
"""How far a cell broken by literal newlines may run: the longest seen is about a dozen."""


def _is_open(text: str) -> bool:
    """A row whose last cell has no closing pipe: on a reference page, where every row ends
    with ``|``, its text goes on over the next lines (Dynamics 365 Sales pages)."""
    text = text.rstrip()
    return not text.endswith("|") or text.endswith("\\|")


def _continuation(state: StateBlock, first: int, end: int) -> tuple[str, int] | None:
    """The rest of an open last cell: the lines up to one ending with ``|`` (blank lines
    included, as a description's paragraphs), and the line after it. None when a heading, a
    new row or the end comes first: the row is then a plain row without its outer pipe."""
    parts: list[str] = []
    for line in range(first, min(end, first + _CONTINUATION_LINES)):
        raw = state.src[state.bMarks[line] : state.eMarks[line]]
        text = raw.strip()
        if text.startswith("#") or (text.startswith("|") and text != "|"):
            return None
        if text.endswith("|") and not text.endswith("\\|"):
            parts.append(raw.rstrip()[:-1].rstrip())
            return "\n".join(parts), line + 1
        parts.append(raw.rstrip())
    return None


def pipe_table_plugin(md: MarkdownIt) -> None:
    """Use this rule in place of markdown-it's ``table``."""
    md.block.ruler.at("table", pipe_table, {"alt": ["paragraph", "reference"]})
