"""Pages that extend a table: Dynamics 365 apps list only the changes they make to it."""

from __future__ import annotations

import re

from dvgen.diagnostics import Diagnostics, Location
from dvgen.parse import cells
from dvgen.validate import page_key

_EXTENDS = re.compile(r"\btable extends\b", re.IGNORECASE)
_PRODUCT = re.compile(r"\breference\s*\(([^()|]+?)\)\s*(?:\|.*)?$", re.IGNORECASE)
"""The product after "table/entity reference": Microsoft Dynamics 365 Sales, and also products
not named Microsoft (Power Platform Catalog Manager)."""


def extended_table(
    notes: list[str], heading: str, title: str | None
) -> tuple[str, str | None, int] | None:
    """(logical name of the table extended, the extending product, the page's rank) from the
    page's note.

    ``> The Microsoft Dynamics 365 Sales Fax table extends the [Microsoft Dataverse Fax
    table](/power-apps/developer/data-platform/reference/entities/fax).``
    """
    for note in notes:
        match = _EXTENDS.search(note)
        if match is None:
            continue
        links = cells.links(note[match.end() :])
        targets = [cells.page_name(target) for _, target in links]
        name = next((t for t in targets if t), None) or name_in_heading(heading)
        if name is None:
            return None
        rank = ON_DYNAMICS_365 if any(_dynamics_365(*link) for link in links) else ON_DATAVERSE
        return name, _product(title or "") or _product(heading), rank
    return None


ON_DATAVERSE = 0
ON_DYNAMICS_365 = 1
"""Ranks of extension pages: a page that extends the Microsoft Dynamics 365 page of a table
(Customer Service's Queue extends "the [Microsoft Dynamics 365 Queue
table](/dynamics365/...)", 2024 Sales pages extend both) changes what that page adds, a column
say, so it applies after the pages that extend Dataverse's table, whatever the file names."""


def _dynamics_365(text: str, target: str) -> bool:
    """Whether a link of the note is to a Dynamics 365 layer of the table, not Dataverse's."""
    return target.startswith("/dynamics365/") or "dynamics 365" in text.lower()


def name_in_heading(heading: str) -> str | None:
    """``Note (Annotation) table/entity reference`` -> "annotation"."""
    match = re.search(r"\(([A-Za-z0-9_]+)\)", heading)
    return match.group(1).lower() if match else None


def _product(title: str) -> str | None:
    """``Fax table/entity reference (Microsoft Dynamics 365 Sales) | Microsoft Docs``."""
    match = _PRODUCT.search(title.strip())
    return match.group(1).strip() if match else None


PROPERTIES_IGNORED = "extension-properties-ignored"


def report_properties(stated: list[str], where: Location, diagnostics: Diagnostics) -> None:
    """An extension page's table properties, which no layer applies, noted rather than lost.

    The 2025 Dynamics 365 Sales pages restate a table's DisplayName and DisplayCollectionName
    under ``## Properties`` (a page with nothing else); the extended table keeps its own."""
    if stated:
        names = ", ".join(page_key(field) for field in stated)
        message = f"table properties of a page extending a table are not applied: {names}"
        diagnostics.info(where, message, code=PROPERTIES_IGNORED)
