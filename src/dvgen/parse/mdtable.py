"""A faster GFM pipe-table rule for markdown-it, for pages made mostly of tables.

markdown-it-py's ``table`` rule splits every row character by character, asks every block
rule whether each row ends the table, and makes eight tokens of a two-cell row; reference
pages hold tens of thousands of rows, and that rule was most of the parse time. This rule
keeps its semantics (a header row, a delimiter row with the same number of columns, rows
until a blank line or another block, ``\\|`` for a pipe inside a cell, missing cells empty,
extra cells ignored) but makes one ``table_open``/``table_close`` pair per table and puts the
header and the rows, as ``tree.Row``, in ``table_open.meta``. A row that starts with ``|``
cannot start any other block, so only other lines go through the terminator rules.

A row's ``line`` is its 0-based line in the parsed text, plus ``env["first_line"]`` when the
parse was given one (``blocks.parse_blocks`` gives the file line of the text's first line):
each row is made once, already located in its file.

One deliberate difference: a row that starts with ``|`` but whose last cell is not closed
goes on over the next lines, blank ones too, up to a line ending with ``|`` (Dynamics 365
Sales pages break a long description that way); markdown-it ends the table there.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block.state_block import StateBlock

from dvgen.parse.tree import Row

_DELIMITER_ROW = re.compile(r"^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$")
_PIPE = re.compile(r"(?<!\\)\|")


def split_row(line: str) -> list[str]:
    """Cells of a row, outer pipes optional, ``\\|`` kept as a pipe, each cell stripped."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return _cells(text)


def _cells(text: str) -> list[str]:
    """The cells of a row's text without its outer pipes. Without a backslash every pipe
    splits (as the pattern would), and no ``\\|`` is left to turn into a pipe."""
    if "\\" not in text:
        return [cell.strip() for cell in text.split("|")]
    return [cell.strip().replace("\\|", "|") for cell in _PIPE.split(text)]


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def pipe_table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A table from ``start``, or False. Tried at every block's first line and, as a
    paragraph's terminator, at each of its lines: a line without a pipe is let go first
    (each check is pure, so their order changes no answer)."""
    if start + 2 > end:
        return False
    if state.src.find("|", state.bMarks[start] + state.tShift[start], state.eMarks[start]) < 0:
        return False
    if state.sCount[start + 1] < state.blkIndent:
        return False
    if state.is_code_block(start) or state.is_code_block(start + 1):
        return False
    delimiter = _line(state, start + 1)
    if "-" not in delimiter or not _DELIMITER_ROW.match(delimiter.strip()):
        return False
    header = split_row(_line(state, start))
    if len(header) != len(split_row(delimiter)):
        return False
    if silent:
        return True
    shift = state.env.get("first_line", 0)
    rows, line = _rows(state, start + 2, end, len(header), shift)
    table = state.push("table_open", "table", 1)
    table.map = [start, line]
    table.meta = {"header": Row(header, start + shift, len(header)), "rows": rows}
    state.push("table_close", "table", -1)
    state.line = line
    return True


def _rows(state: StateBlock, first: int, end: int, width: int, shift: int) -> tuple[list[Row], int]:
    """The rows from ``first`` up to a blank line or another block, and the line after."""
    terminators = state.md.block.ruler.getRules("blockquote")
    src, begins, ends, shifts = state.src, state.bMarks, state.eMarks, state.tShift
    counts, indent = state.sCount, state.blkIndent
    rows: list[Row] = []
    line = first
    while line < end and counts[line] >= indent:
        text = src[begins[line] + shifts[line] : ends[line]]
        lead = text[:1] == "|"
        if (not lead and not text.strip()) or state.is_code_block(line):
            break
        if not lead and any(rule(state, line, end, True) for rule in terminators):
            break
        row_line = line
        line += 1
        if lead:
            cells, count, line = _lead_row(state, text, line, end, width)
        else:
            cells = split_row(text)
            count = len(cells)
            cells = _fit(cells, width)
        rows.append(Row(cells, row_line + shift, count, lead))
    return rows, line


def _lead_row(
    state: StateBlock, text: str, line: int, end: int, width: int
) -> tuple[list[str], int, int]:
    """A row starting with ``|``: its cells (``width`` of them), how many its source has,
    and the line after it (past the continuation of an open last cell)."""
    body = text.rstrip()  # == text.strip(): the text starts with "|"
    closed = body.endswith("|") and not body.endswith("\\|")
    cells = _cells(body[1:-1] if closed else body[1:])
    count = len(cells)
    if count != width:
        return _fit(cells, width), count, line
    if not closed:
        rest = _continuation(state, line, end)
        if rest is not None:
            more, line = rest
            cells[-1] = f"{cells[-1]}\n{more}".strip()
    return cells, count, line


def _fit(cells: list[str], width: int) -> list[str]:
    """Exactly ``width`` cells: missing ones empty, extra ones dropped."""
    count = len(cells)
    if count == width:
        return cells
    return cells[:width] if count > width else cells + [""] * (width - count)


_CONTINUATION_LINES = 60
"""How far a cell broken by literal newlines may run: the longest seen is about a dozen."""


def _continuation(state: StateBlock, first: int, end: int) -> tuple[str, int] | None:
    """The rest of an open last cell (a row with no closing pipe: on a reference page, where
    every row ends with ``|``, its text goes on over the next lines): the lines up to one
    ending with ``|`` (blank lines included, as a description's paragraphs), and the line
    after it. None when a heading, a new row or the end comes first: the row is then a plain
    row without its outer pipe."""
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
