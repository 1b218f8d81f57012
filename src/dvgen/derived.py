"""Calculated, rollup and formula columns: values Dataverse derives rather than stores as sent.

A solution states what a column is by ``<SourceType>`` (1 calculated, 2 rollup, 3 formula; kept
in the column's ``extra``), a reference page by ``SourceTypeMask`` (0 for a plain column and a
rollup, other values for a calculated column's sources). Microsoft's "Calculated and rollup
columns": "They're read-only", and "Calculated columns are calculated in real-time when they
are retrieved"; a formula column "display[s] a calculated value".
"""

from __future__ import annotations

from dvgen.model import Column
from dvgen.solution.vocabulary import DERIVED_SOURCE_TYPES


def derived_kind(column: Column) -> str | None:
    """What derived column ``column`` is ("a calculated column"...), or None for a plain one:
    by a solution's ``SourceType`` (kept in ``extra``), else a page's ``SourceTypeMask`` other
    than 0."""
    source = dict(column.extra).get("SourceType")
    if source is not None:
        return DERIVED_SOURCE_TYPES.get(str(source).strip())
    if column.source_type_mask:
        return "a calculated, rollup or formula column"
    return None
