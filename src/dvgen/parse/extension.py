"""Pages that extend a table: Dynamics 365 apps list only the changes they make to it."""

from __future__ import annotations

import re

from dvgen.parse import cells

_EXTENDS = re.compile(r"\btable extends\b", re.IGNORECASE)
_PRODUCT = re.compile(r"\breference\s*\(([^()|]+?)\)\s*(?:\|.*)?$", re.IGNORECASE)
"""The product after "table/entity reference": Microsoft Dynamics 365 Sales, and also products
not named Microsoft (Power Platform Catalog Manager)."""


def extended_table(
    notes: list[str], heading: str, title: str | None
) -> tuple[str, str | None] | None:
    """(logical name of the table extended, the extending product) from the page's note.

    ``> The Microsoft Dynamics 365 Sales Fax table extends the [Microsoft Dataverse Fax
    table](/power-apps/developer/data-platform/reference/entities/fax).``
    """
    for note in notes:
        match = _EXTENDS.search(note)
        if match is None:
            continue
        targets = [cells.page_name(target) for _, target in cells.links(note[match.end() :])]
        name = next((t for t in targets if t), None) or name_in_heading(heading)
        if name is None:
            return None
        return name, _product(title or "") or _product(heading)
    return None


def name_in_heading(heading: str) -> str | None:
    """``Note (Annotation) table/entity reference`` -> "annotation"."""
    match = re.search(r"\(([A-Za-z0-9_]+)\)", heading)
    return match.group(1).lower() if match else None


def _product(title: str) -> str | None:
    """``Fax table/entity reference (Microsoft Dynamics 365 Sales) | Microsoft Docs``."""
    match = _PRODUCT.search(title.strip())
    return match.group(1).strip() if match else None
