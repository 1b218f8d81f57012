"""Lookup targets checked against the set: a misspelt one is a warning, not a lost key.

A lookup whose target table is outside the set gets no foreign key and no navigation
property. That is expected for a real Dataverse table the set does not hold (an ``info``,
``lookup-target-outside-set``), but a name that is neither a table of the set nor a known
Dataverse table is most likely a typo (``acount``): a warning, ``lookup-target-unknown``,
with the closest name as a suggestion.

The list of known tables cannot be complete (Microsoft adds tables every release), so a name
it lacks that nothing resembles and that only Microsoft could have given (no publisher prefix,
as no custom table can have, or one of Microsoft's prefixes) is taken for a newer Dataverse
table: an ``info`` too. A custom table's name (``contoso_invoice``) never is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from difflib import SequenceMatcher

from dvgen.dataverse_tables import KNOWN_TABLES
from dvgen.diagnostics import Diagnostics, Location
from dvgen.model import Table

OUTSIDE = "lookup-target-outside-set"
UNKNOWN = "lookup-target-unknown"

MICROSOFT_PREFIXES = frozenset(
    "adx li mbs ms msa msdyn msdynce msdynci msdyncrm msdynmkt mserp msevtmgt msfp msft msmrw "
    "mspcat mspp sales".split()
)
"""Publisher prefixes of Microsoft's own solutions (``msdyn_workorder``, ``mspp_webrole``;
Dynamics 365 Guides' ``msmrw_3dasset``, Customer Insights - Journeys' ``msdynci_``)."""

SIMILAR = 0.75
"""The least similarity (difflib's ratio) of a name offered as a suggestion."""


LOST = "no foreign key to it, and a record of it expanded through the lookup is untyped"


def check_lookup_targets(
    tables: Iterable[Table], diagnostics: Diagnostics, outside: frozenset[str] = frozenset()
) -> None:
    """Report each lookup target (a column's Targets, a many-to-one relationship's referenced
    table) that is not a table of ``tables``, once per column and target. ``outside`` holds
    tables the specs define but a selection left out: as well known as Dataverse's own."""
    tables = list(tables)
    names = {table.logical_name for table in tables}
    closest = Suggester(names)
    for table in tables:
        for where, column, target in _targets(table):
            if target not in names:
                what = f"lookup {table.logical_name}.{column}: target table {target!r}"
                _report(where, what, target, closest, diagnostics, outside)


def _report(
    where: Location,
    what: str,
    target: str,
    closest: Suggester,
    diagnostics: Diagnostics,
    outside: frozenset[str],
) -> None:
    if target in outside:
        diagnostics.info(where, f"{what} is a table the selection leaves out: {LOST}", code=OUTSIDE)
        return
    if target in KNOWN_TABLES:
        diagnostics.info(
            where, f"{what} is a Dataverse table outside the set: {LOST}", code=OUTSIDE
        )
        return
    hint = closest(target)
    if microsoft_name(target) and (hint is None or not _written_by_hand(where)):
        diagnostics.info(
            where,
            f"{what} is not in dvgen's list of Dataverse tables, but only Microsoft names a "
            f"table so: taken for a Dataverse table outside the set: {LOST}",
            code=OUTSIDE,
        )
        return
    mean = f"; did you mean {hint!r}?" if hint else ""
    diagnostics.warning(
        where,
        f"{what} is neither a table of the set nor a known Dataverse table{mean} ({LOST})",
        code=UNKNOWN,
    )


def _written_by_hand(where: Location) -> bool:
    """Whether the lookup is a YAML spec's, which a slip can misspell: a reference page's or
    a solution's names a table its Dataverse has (``msdyn_forecast``), however close a table
    of the set is named (``msdyn_forecastinstance``)."""
    return where.path.lower().endswith((".yaml", ".yml"))


def _targets(table: Table) -> Iterator[tuple[Location, str, str]]:
    """(location, column, target) of every lookup of the table, each pair once."""
    seen: set[tuple[str, str]] = set()
    found: list[tuple[Location, str, str]] = []
    for column in table.columns:
        if column.type.is_lookup:
            found.extend((column.loc, column.logical_name, t) for t in column.targets)
    for rel in table.relationships.many_to_one:
        if rel.referenced_entity and rel.referencing_attribute:
            found.append((rel.loc, rel.referencing_attribute, rel.referenced_entity))
    for where, name, target in found:
        if target and (name, target) not in seen:
            seen.add((name, target))
            yield where, name, target


def microsoft_name(name: str) -> bool:
    """Whether only Microsoft can have named a table so: a custom table's name always starts
    with its publisher's prefix and ``_``; Microsoft's have none, one of Microsoft's prefixes,
    or are an intersect named after a Dataverse table (``botcomponent_workflow``)."""
    prefix, underscore, _ = name.partition("_")
    return not underscore or prefix in MICROSOFT_PREFIXES or prefix in KNOWN_TABLES


def suggestion(name: str, in_set: Iterable[str]) -> str | None:
    """The table name closest to ``name``: of the set or a known Dataverse table, the set's
    first when as close, then the first by name; None when none is similar enough."""
    return Suggester(in_set)(name)


class Suggester:
    """``suggestion`` over one set, asked many times: the candidates are sorted and lowered
    once, and each name's answer is kept (at 1,000 tables, each lookup to an unknown table
    sorted the 2,000 names again and compared them all: most of resolve's time)."""

    def __init__(self, in_set: Iterable[str]) -> None:
        self.members = frozenset(in_set)
        self.candidates: list[tuple[str, str]] | None = None
        self.found: dict[str, str | None] = {}

    def __call__(self, name: str) -> str | None:
        if name not in self.found:
            self.found[name] = self._closest(name)
        return self.found[name]

    def _closest(self, name: str) -> str | None:
        if self.candidates is None:
            self.candidates = [(c, c.lower()) for c in sorted(self.members | KNOWN_TABLES)]
        matcher = SequenceMatcher(b=name.lower())
        best: tuple[float, bool, str] | None = None
        for candidate, lowered in self.candidates:
            matcher.set_seq1(lowered)
            if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
                continue
            score = matcher.ratio()
            key = (score, candidate in self.members, candidate)
            if score >= SIMILAR and (best is None or key[:2] > best[:2]):
                best = key
        return best[2] if best else None
