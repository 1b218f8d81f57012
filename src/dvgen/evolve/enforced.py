"""Whether a widened facet breaks the readers of the last version: its record targets enforce it.

A longer MaxLength, a wider MinValue/MaxValue, more decimal places: every value valid before
still fits, so the last version's writers are unaffected. Its readers are not: the last
version's JSON Schema (``maxLength``, ``minimum``/``maximum``) and pydantic model
(``max_length``, ``ge``/``le``, ``JsonNumber``'s places) refuse a record holding a wider value,
which Dataverse now returns (queueitem's title, 300 characters in 2021, 850 in 2023). As
breaking-change tools take a server's responses (oasdiff 1.31 fails a response's constraint
removed, ``maximum`` or ``minLength``: "the server may return values old clients never had to
handle"; openapi-diff reports a response's ``maxLength`` increased as incompatible), such a
widening is breaking.

A widening no record target of the last version enforces on a value Dataverse returns stays
safe, ``facet-widened-unenforced``:

- a column the Web API carries as no property (a lookup's name companion, an annotation of the
  lookup's value; a PartyList), or that it does not return (not valid for read);
- a File's MaxSizeInKB: its property holds the file's id, the size is the upload's to enforce;
- a MinValue/MaxValue beyond what the Web API type holds: the targets bound values by the type,
  so the bounds they enforce are the same.

A Double's Precision, which Dataverse only displays, is no bound at all: ``facet-changed``.
"""

from __future__ import annotations

from dvgen.diagnostics import Diagnostics
from dvgen.model import Table
from dvgen.webapi.facets import RANGES, number_range
from dvgen.webapi.properties import ApiKind, ApiProperty, api_properties

UNENFORCED = "facet-widened-unenforced"

_NUMBERS = frozenset(RANGES)
_PLACES = frozenset({ApiKind.DECIMAL, ApiKind.MONEY})
BOUNDED: dict[str, frozenset[ApiKind]] = {
    "max_length": frozenset({ApiKind.STRING, ApiKind.ENTITY_NAME}),
    "max_size_in_kb": frozenset({ApiKind.IMAGE}),
    "min_value": _NUMBERS,
    "max_value": _NUMBERS,
    "precision": _PLACES,
    "precision_source": _PLACES,
}
"""Each widenable facet and the Web API kinds whose record targets enforce it: a String's
``maxLength``/``max_length`` (an EntityName's too, where one is stated), an Image's base64
``maxLength``/``max_length`` from MaxSizeInKB, a number's ``minimum``/``maximum`` and
``ge``/``le`` (``JsonNumber``'s bounds), a Decimal's or Money's places (``JsonNumber``)."""


def for_readers(tables: tuple[Table, Table], name: str, field: str, rule: str) -> str:
    """``rule`` itself, unless it is a widening (``*-widened``) that no record target of the
    last version enforces on a value Dataverse returns: then ``facet-widened-unenforced``."""
    if not rule.endswith("-widened") or enforced(tables, name, field):
        return rule
    return UNENFORCED


def enforced(tables: tuple[Table, Table], name: str, field: str) -> bool:
    """Whether the last version's JSON Schema or pydantic model bounds the column's ``field``
    on a value the Web API returns now (the column is valid for read in the new version), so
    that a wider bound lets Dataverse return values they refuse."""
    before, after = tables
    prop = _property(before, name)
    column = after.column(name)
    if prop is None or column is None or not column.valid_for_read:
        return False
    if prop.kind not in BOUNDED.get(field, ()):
        return False
    if field in ("min_value", "max_value"):
        quiet = Diagnostics()
        return number_range(prop.column, prop.kind, quiet) != number_range(column, prop.kind, quiet)
    return True


def _property(table: Table, name: str) -> ApiProperty | None:
    return next((p for p in api_properties(table) if p.column.logical_name == name), None)
