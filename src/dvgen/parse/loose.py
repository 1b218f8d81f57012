"""Blocks a page holds where no handler reads them: each one reported, never silently dropped.

A page whose ``###`` heading is missing (deleted by an edit, mangled by a converter) shifts a
column's or a relationship's table into the section above it; a missing ``##`` heading moves a
whole section's items under the section before. The parser reads items only where they belong,
so everything left over is reported here, with its line, as a warning.
"""

from __future__ import annotations

import re

from dvgen.diagnostics import Diagnostics, Location
from dvgen.parse import cells
from dvgen.parse.columns import split_added_by
from dvgen.parse.relationships import INTERSECT, LINK_TEXT
from dvgen.parse.tree import Paragraph, Quote, Section

MISPLACED = "section-misplaced"
ORPHAN = "block-orphan"

FOOTER = r"(see also|related (information|content|articles))"
"""A page's closing links, under the last section: ``See also``, or ``Related Information`` on
the Omnichannel pages of Customer Service (2023), as on other Microsoft Learn articles."""
_SEE_ALSO = re.compile(rf"^\s*{FOOTER}\s*$", re.IGNORECASE)


def misplaced_children(section: Section, where: Location, diagnostics: Diagnostics) -> None:
    """Headings under a section that has no items (Properties, Messages): none are read.

    ``### See also`` is no item but the page's footer (``FOOTER``), which falls under whatever
    ``##`` section comes last: the Properties of a Dynamics 365 page that changes only a
    table's display names, the Messages of one that only adds a message."""
    for child in section.children:
        if _SEE_ALSO.match(child.title):
            continue
        diagnostics.warning(
            where.at(child.line),
            f"heading {child.title!r} under section {section.title!r} is not read "
            "(is a '##' section heading above it missing?)",
            MISPLACED,
        )


def orphan_blocks(
    section: Section, where: Location, diagnostics: Diagnostics, item: str = "column"
) -> None:
    """Tables, and a relationship's own text, sitting in a section before its first item."""
    for table in section.tables():
        diagnostics.warning(
            where.at(table.line),
            f"section {section.title!r}: a table with no {item} heading above it is ignored "
            "(is its '###' heading missing?)",
            ORPHAN,
        )
    for para in section.paragraphs():
        text = para.text
        row = next((n for n, line in enumerate(text.splitlines()) if _is_row(line)), None)
        if row is not None:
            diagnostics.warning(
                where.at(para.line + row),
                f"section {section.title!r}: table rows with no {item} heading and no "
                "'|Property|Value|' header above them are ignored",
                ORPHAN,
            )
        if item == "relationship" and (LINK_TEXT.match(text) or INTERSECT.match(text)):
            diagnostics.warning(
                where.at(para.line),
                f"section {section.title!r}: text of a {item} with no heading above it is "
                f"ignored: {_short(text)!r}",
                ORPHAN,
            )


def title_tables(title: Section, where: Location, diagnostics: Diagnostics) -> None:
    """Tables right under the ``# Title``: their section heading is missing."""
    for table in title.tables():
        diagnostics.warning(
            where.at(table.line),
            "a table under the title, before any '##' section, is ignored "
            "(is its section heading missing?)",
            ORPHAN,
        )


_SENTENCE_END = (".", "!", "?", ")")
"""How a note's last line ends when the text under it is a paragraph of its own."""
_INTERRUPTS = re.compile(r"^\s*(#|\||>|[-*+]\s|\d+[.)]\s|```|~~~|<)")
"""Lines that start a block of their own, so never continue a paragraph."""


def lazy_paragraph(quote: Quote, lines: list[str], first_line: int) -> Paragraph | None:
    """Text right under a ``>`` quote with neither ``>`` nor a blank line between: Markdown
    reads it into the quote (a "lazy continuation"), but a page means it as a paragraph of its
    own. The Omnichannel pages of Customer Service (12/2022) write a table's description so,
    under the ``> [!NOTE]`` on tables and entities. Only after a quote whose last line ends a
    sentence: a note's sentence wrapped onto a line without ``>`` is still the note's.
    ``lines`` are the page's, the first one being line ``first_line``."""
    i = quote.line - first_line
    while 0 <= i < len(lines) and lines[i].lstrip().startswith(">"):
        i += 1
    start = i
    while i < len(lines) and lines[i].strip() and not _INTERRUPTS.match(lines[i]):
        i += 1
    if i == start or start <= 0 or not lines[start - 1].rstrip().endswith(_SENTENCE_END):
        return None
    return Paragraph("\n".join(line.strip() for line in lines[start:i]), start + first_line)


def intro_text(paragraphs: list[Paragraph]) -> tuple[str | None, list[str]]:
    """(the solution an ``**Added by**`` line names, the plain text of the rest) of a page's
    introduction: the paragraphs under its title, or under the ``## Entity details`` heading
    where the hand-written Dynamics 365 Sales pages (2020-2022) put them. Bold lines run into
    the ``Added by`` line (``**Entity set path**: ...``) are prose of the page, kept as such."""
    solution = None
    texts = []
    for para in paragraphs:
        found, more = split_added_by(para)
        solution = found or solution
        if found is None:
            texts.append(cells.plain(cells.joined_lines(para.text)))
        elif more is not None:
            texts.append(cells.plain(more.text))
    return solution, texts


def _is_row(line: str) -> bool:
    """``|Key|Value|``: a line of a pipe table (its header and delimiter lost)."""
    line = line.strip()
    return line.startswith("|") and line.endswith("|") and line.count("|") >= 3


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."
