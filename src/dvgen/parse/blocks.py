"""Markdown to a tree of sections holding located blocks, via markdown-it block tokens.

Only block-level rules run: cell and heading texts stay raw and are cleaned by ``cells``,
which is what the reference pages need and several times faster than full inline parsing.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from dvgen import collector
from dvgen.parse import boldlines
from dvgen.parse.mdlines import line_plugin
from dvgen.parse.mdtable import pipe_table_plugin
from dvgen.parse.tree import Paragraph, Quote, Row, Section, TableBlock

_ANCHOR = re.compile(
    r'<(?P<tag>a|span)\s+(?:name|id)\s*=\s*"(?P<id>[^"]*)"\s*>\s*</(?P=tag)\s*>', re.IGNORECASE
)
"""An empty anchor: the pages' ``<a name="BKMK_X"></a>``, or the ``<span id="BKMK_X"></span>``
pandoc writes for it when it converts a page's HTML (as saved from the rendered view) back to
Markdown."""
_HTML_TABLE = re.compile(r"<table[\s>]", re.IGNORECASE)
_PANDOC_RULE = re.compile(r"^ {0,3}(?:-{3,}(?: +-{3,})+|\+(?:[-=:]{3,}\+)+) *$", re.MULTILINE)
_INCLUDE = re.compile(r"\[!INCLUDE\s*\[[^\]]*\]\([^)]*\)\]", re.IGNORECASE)
"""A docfx include (``[!INCLUDE[](../includes/x.md)]``): a build directive, never page text."""


def _parser() -> MarkdownIt:
    # Lists (the pages' tables of contents), HTML blocks (anchors) and code are never data:
    # without their rules those lines read as paragraphs, which the parser ignores.
    md = MarkdownIt("zero").enable(["table", "heading", "paragraph", "blockquote"])
    md.disable("inline", ignoreInvalid=True)
    md.use(pipe_table_plugin)
    md.use(line_plugin)
    return md


_MD = _parser()


def split_anchor(text: str) -> tuple[str | None, str]:
    """``<a name="BKMK_X"></a> X`` (or ``<span id="BKMK_X"></span> X``) -> ("BKMK_X", "X")."""
    if "<" not in text:  # no anchor (most headings): the pattern needs a "<"
        return None, text.strip()
    match = _ANCHOR.search(text)
    if match is None:
        return None, text.strip()
    return match.group("id"), _ANCHOR.sub("", text).strip()


def strip_anchors(text: str) -> str:
    return _ANCHOR.sub("", text).strip()


def _paragraph_text(text: str) -> str:
    """A paragraph's text without anchors and docfx includes, which 2017-2020 pages put
    between the title and the description (and in footers)."""
    text = strip_anchors(text)
    if "[!" in text:
        text = _INCLUDE.sub("", text).strip()
    return text


def parse_blocks(text: str, first_line: int = 1) -> Section:
    """Return the root section (level 0); ``first_line`` is the file line of ``text``'s line 1.

    The collector is paused meanwhile (``collector``): tokens, rows and their cells are many
    objects and no garbage in cycles, and its collections took a twentieth of a page's parse.
    """
    with collector.paused():
        tokens = _MD.parse(text, {"first_line": first_line})  # rows come located in the file
        return _tree(tokens, first_line)


def foreign_tables(section: Section) -> list[tuple[int, str]]:
    """(line, kind) of each table in a section and its children that is not a pipe table, so
    the parser cannot read it: an HTML ``<table>`` (pandoc converting a page's HTML back to
    gfm keeps as HTML a table whose cells hold line breaks: Messages, choices, relationships)
    or a table of pandoc's own Markdown (``-t markdown``: a simple table's dashed rule, a grid
    table's ``+---+`` border)."""
    found = []
    for block in section.blocks:
        if isinstance(block, Paragraph):
            if _HTML_TABLE.match(block.text):
                found.append((block.line, "an HTML <table>"))
            elif (rule := _PANDOC_RULE.search(block.text)) is not None:
                at = block.line + block.text.count("\n", 0, rule.start())
                found.append((at, "a pandoc Markdown table (dashed rules, no pipes)"))
    for child in section.children:
        found.extend(foreign_tables(child))
    return found


def _tree(tokens: list[Token], first_line: int) -> Section:
    """The sections of the tokens, holding their blocks."""
    root = Section(0, "", None, first_line)
    stack = [root]
    offset = first_line
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        kind = tok.type
        if kind == "heading_open":
            level = int(tok.tag[1:])
            anchor, title = split_anchor(tokens[i + 1].content)
            section = Section(level, title, anchor, _line(tok, offset))
            while stack[-1].level >= level:
                stack.pop()
            stack[-1].children.append(section)
            stack.append(section)
            i += 3
            continue
        if kind == "table_open":
            i = _read_table(tokens, i, offset, stack[-1])
            continue
        if kind == "paragraph_open":
            para = _paragraph_text(tokens[i + 1].content)
            if para:
                _add_paragraph(stack[-1], para, _line(tok, offset))
            i += 3
            continue
        if kind == "blockquote_open":
            end = _skip_container(tokens, i)
            texts = [t.content for t in tokens[i:end] if t.type == "inline" and t.content]
            stack[-1].blocks.append(Quote("\n\n".join(texts), _line(tok, offset)))
            i = end
            continue
        i += 1
    return root


def _add_paragraph(section: Section, text: str, line: int) -> None:
    """A paragraph, or the ``**Key**: value`` lines of older pages as table rows."""
    tables = section.tables()
    if not any(not table.from_lines for table in tables):
        last = section.blocks[-1] if section.blocks else None
        lines_table = last if isinstance(last, TableBlock) and last.from_lines else None
        rows = boldlines.rows_of(text, line)
        if rows is not None:
            found = [
                boldlines.row_of(key, value, at)
                for key, value, at in rows
                if not boldlines.side_row(section, key, value, at)
            ]
            if lines_table is not None:
                lines_table.rows.extend(found)
            elif found:
                section.blocks.append(TableBlock(["Property", "Value"], found, line, True))
            return
        items = boldlines.items_of(text)
        if items is not None and _take_items(section, lines_table, items, line):
            return
    section.blocks.append(Paragraph(text, line))


def _take_items(
    section: Section, lines_table: TableBlock | None, items: list[list[tuple[str, str]]], line: int
) -> bool:
    """A ``- **Key**: value`` list of older pages: the value of the open row before it, or
    rows of a many-to-many relationship's sides."""
    open_table = boldlines.open_side(section)
    if open_table is None and lines_table is not None and boldlines.is_open_row(lines_table):
        open_table = lines_table
    if open_table is not None:
        boldlines.attach_items(section, open_table, items, line)
        return True
    return lines_table is not None and boldlines.side_items(section, items, line)


def _line(tok: Token, offset: int) -> int:
    return (tok.map[0] if tok.map else 0) + offset


def _skip_container(tokens: list[Token], i: int) -> int:
    depth = 0
    while True:
        depth += tokens[i].nesting
        i += 1
        if depth == 0:
            return i


def _read_table(tokens: list[Token], i: int, offset: int, section: Section) -> int:
    """A ``table_open`` of the pipe-table rule: its header and rows, located in the file
    (``first_line``), are in the token's ``meta``."""
    tok = tokens[i]
    header: Row = tok.meta["header"]
    rows: list[Row] = tok.meta["rows"]
    section.blocks.append(TableBlock(header.cells, rows, _line(tok, offset)))
    return i + 2
