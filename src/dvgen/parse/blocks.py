"""Markdown to a tree of sections holding located blocks, via markdown-it block tokens.

Only block-level rules run: cell and heading texts stay raw and are cleaned by ``cells``,
which is what the reference pages need and several times faster than full inline parsing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

_ANCHOR = re.compile(r'<a\s+(?:name|id)\s*=\s*"([^"]*)"\s*>\s*</a>', re.IGNORECASE)


def _parser() -> MarkdownIt:
    # Lists (the pages' tables of contents), HTML blocks (anchors) and code are never data:
    # without their rules those lines read as paragraphs, which the parser ignores.
    md = MarkdownIt("zero").enable(["table", "heading", "paragraph", "blockquote"])
    md.disable("inline", ignoreInvalid=True)
    return md


_MD = _parser()


@dataclass(slots=True)
class Row:
    cells: list[str]
    line: int
    raw_cell_count: int
    leading_pipe: bool = True


@dataclass(slots=True)
class TableBlock:
    header: list[str]
    rows: list[Row]
    line: int


@dataclass(slots=True)
class Paragraph:
    text: str
    line: int


@dataclass(slots=True)
class Quote:
    """A ``> [!NOTE]`` block: its paragraphs' texts joined by blank lines."""

    text: str
    line: int


Block = TableBlock | Paragraph | Quote


@dataclass(slots=True)
class Section:
    level: int
    title: str
    anchor: str | None
    line: int
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    def tables(self) -> list[TableBlock]:
        return [b for b in self.blocks if isinstance(b, TableBlock)]

    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def quotes(self) -> list[Quote]:
        return [b for b in self.blocks if isinstance(b, Quote)]


def split_anchor(text: str) -> tuple[str | None, str]:
    """``<a name="BKMK_X"></a> X`` -> ("BKMK_X", "X")."""
    match = _ANCHOR.search(text)
    if match is None:
        return None, text.strip()
    return match.group(1), _ANCHOR.sub("", text).strip()


def strip_anchors(text: str) -> str:
    return _ANCHOR.sub("", text).strip()


def parse_blocks(text: str, first_line: int = 1) -> Section:
    """Return the root section (level 0); ``first_line`` is the file line of ``text``'s line 1."""
    tokens = _MD.parse(text)
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
            i = _read_table(tokens, i, offset, text, stack[-1])
            continue
        if kind == "paragraph_open":
            para = strip_anchors(tokens[i + 1].content)
            if para:
                stack[-1].blocks.append(Paragraph(para, _line(tok, offset)))
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


def _line(tok: Token, offset: int) -> int:
    return (tok.map[0] if tok.map else 0) + offset


def _skip_container(tokens: list[Token], i: int) -> int:
    depth = 0
    while True:
        depth += tokens[i].nesting
        i += 1
        if depth == 0:
            return i


def _read_table(tokens: list[Token], i: int, offset: int, text: str, section: Section) -> int:
    table_line = _line(tokens[i], offset)
    header: list[str] = []
    rows: list[Row] = []
    current: list[str] | None = None
    row_line = 0
    lines: list[str] | None = None
    while True:
        tok = tokens[i]
        kind = tok.type
        if kind == "table_close":
            break
        if kind == "tr_open":
            current = []
            row_line = _line(tok, offset)
        elif kind == "inline" and current is not None:
            current.append(tok.content)
        elif kind == "tr_close" and current is not None:
            if not header:
                header = current
            else:
                if lines is None:
                    lines = text.split("\n")
                source = lines[row_line - offset]
                rows.append(
                    Row(current, row_line, _raw_cell_count(source), source.lstrip().startswith("|"))
                )
            current = None
        i += 1
    section.blocks.append(TableBlock(header, rows, table_line))
    return i + 1


_PIPE = re.compile(r"(?<!\\)\|")


def _raw_cell_count(line: str) -> int:
    """Cells on a source row, to detect cells markdown-it drops beyond the header's width."""
    stripped = line.strip()
    if stripped.startswith("|"):
        stripped = stripped[1:]
    if stripped.endswith("|") and not stripped.endswith("\\|"):
        stripped = stripped[:-1]
    return len(_PIPE.split(stripped))
