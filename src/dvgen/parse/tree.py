"""The tree a page parses into: sections (by heading) holding located blocks."""

from __future__ import annotations

from dataclasses import dataclass, field


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
    from_lines: bool = False
    """Written as ``**Key**: value`` lines (2018-2019 pages), not as a markdown table."""


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
