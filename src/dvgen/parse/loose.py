"""Blocks a page holds where no handler reads them: each one reported, never silently dropped.

A page whose ``###`` heading is missing (deleted by an edit, mangled by a converter) shifts a
column's or a relationship's table into the section above it; a missing ``##`` heading moves a
whole section's items under the section before. The parser reads items only where they belong,
so everything left over is reported here, with its line, as a warning.
"""

from __future__ import annotations

import re

from dvgen.diagnostics import Diagnostics, Location
from dvgen.parse.relationships import INTERSECT, LINK_TEXT
from dvgen.parse.tree import Section

MISPLACED = "section-misplaced"
ORPHAN = "block-orphan"

_SEE_ALSO = re.compile(r"^\s*see also\s*$", re.IGNORECASE)


def misplaced_children(section: Section, where: Location, diagnostics: Diagnostics) -> None:
    """Headings under a section that has no items (Properties, Messages): none are read.

    ``### See also`` is no item but the page's footer, which falls under whatever ``##``
    section comes last: the Properties of a Dynamics 365 page that changes only a table's
    display names, the Messages of one that only adds a message."""
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


def _is_row(line: str) -> bool:
    """``|Key|Value|``: a line of a pipe table (its header and delimiter lost)."""
    line = line.strip()
    return line.startswith("|") and line.endswith("|") and line.count("|") >= 3


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."
