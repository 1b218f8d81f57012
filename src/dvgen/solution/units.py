"""Solutions in the pipeline: found in the specs folder, each parsed (and cached) as one unit
that yields several specs, then ranked in dependency order across the folder."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from dvgen.cache import Cache, fingerprint
from dvgen.diagnostics import Diagnostic, Diagnostics, Location
from dvgen.hashing import digest
from dvgen.model import ChoiceExtension, LayerKind, Spec, Table, TableExtension
from dvgen.solution.folder import (
    BUNDLE,
    NESTED,
    YAML_FORMAT,
    bundle,
    nested_solutions,
    report_nested,
    report_yaml_format,
    solution_root,
    yaml_solutions,
)
from dvgen.solution.loose import LOOSE, loose_spec_files, report_loose
from dvgen.solution.manifest import SolutionInfo, installed, ranks
from dvgen.solution.reader import Parsed, read_solution
from dvgen.specfiles import HIDDEN, ZIP_SUFFIX

CACHE_KIND = "solution"
ORDER_SETTING = "[tool.dvgen] solution-order"
"""Where a diagnostic of the setting is, until the pipeline names its pyproject.toml line."""


def find_solutions(specs: Path, folder: Path) -> list[tuple[Path, bytes]]:
    """(name, bytes) of each solution in ``specs``: sub-folders holding an unpacked solution
    (named ``folder/<sub-folder>``, or ``folder/<sub-folder>/src`` when it sits in the ``src``
    of a ``pac solution init`` project, so that diagnostics name the files as they are) and
    exported ``.zip`` files, by name; or ``specs`` itself when it is an unpacked solution
    (``specs = "solutions/Contoso/src"``). A sub-folder holding solutions only deeper yields
    their paths (``NESTED``), one holding a solution in the YAML source-control format its
    manifests' (``YAML_FORMAT``): both reported when parsed."""
    itself = solution_root(specs)
    if itself is not None:
        return [(folder / itself.relative_to(specs), bundle(itself))]
    if (yaml := yaml_solutions(specs)) is not None:
        return [(folder, yaml)]
    found: list[tuple[Path, bytes]] = []
    for path in sorted(specs.iterdir(), key=lambda p: p.name):
        if path.name.startswith(HIDDEN):  # .git, .github, macOS's ._Contoso.zip
            continue
        if path.is_dir():
            root = solution_root(path)
            if root is not None:
                found.append((folder / path.name / root.relative_to(path), bundle(root)))
            elif (yaml := yaml_solutions(path)) is not None:
                found.append((folder / path.name, yaml))
            elif (nested := nested_solutions(path)) is not None:
                found.append((folder / path.name, nested))
            elif loose := loose_spec_files(path):
                found.append((folder / path.name, loose))
        elif path.is_file() and path.suffix.lower() == ZIP_SUFFIX:
            found.append((folder / path.name, path.read_bytes()))
    return found


def is_solution(name: str, data: bytes) -> bool:
    return data.startswith(BUNDLE) or name.lower().endswith(ZIP_SUFFIX)


def parse_solutions(
    units: list[tuple[str, bytes]],
    cache: Cache,
    language: int,
    defined: frozenset[str] = frozenset(),
    order: Sequence[str] = (),
) -> tuple[list[Spec], list[Diagnostic]]:
    """Every solution's specs (from the cache where the same bytes were read in the same
    language before), each layer given its solution's rank in dependency order (``order``:
    the setting solution-order, the order of install of solutions neither of which depends
    on the other).

    ``defined``: the tables other specs define (reference pages, YAML); a solution holding
    one of them whole (a Microsoft table dvgen does not know by name, included with all its
    parts) is a layer on it, not a second definition."""
    code = fingerprint([]).encode()
    keys = [digest(code, name.encode(), data, str(language).encode()) for name, data in units]
    parsed: list[Parsed] = []
    for (name, data), key in zip(units, keys, strict=True):
        found: Parsed | None = cache.get(CACHE_KIND, key)
        if found is None:
            found = _read(name, data, language)
            cache.put(CACHE_KIND, key, found)
        parsed.append(found)
    cache.keep_only(CACHE_KIND, set(keys))
    twice = Diagnostics()
    parsed = _once_each([name for name, _ in units], parsed, twice)
    infos = [info for _, _, info in parsed if info is not None]
    _unmatched(order, [info.unique_name for info in infos], twice)
    against: list[tuple[str, str]] = []
    rank = ranks(infos, order, against)
    _against_dependencies(against, twice)
    owners: dict[str, str] = dict.fromkeys(defined, "")
    for solution in sorted(infos, key=lambda i: (rank[i.unique_name], i.unique_name)):
        for table in sorted(solution.owns):
            owners.setdefault(table, solution.unique_name)
    specs: list[Spec] = []
    diagnostics: list[Diagnostic] = list(twice)
    for unit_specs, unit_diagnostics, info in parsed:
        diagnostics += unit_diagnostics
        specs += [_ranked(spec, info, rank, owners) for spec in unit_specs]
    return specs, diagnostics


def _unmatched(order: Sequence[str], names: list[str], diagnostics: Diagnostics) -> None:
    """A warning for each name of the setting solution-order that is no solution read (a
    misspelt name would leave two solutions unordered without a word)."""
    found = {name.lower() for name in installed(names, order)}
    for name in order:
        if name.lower() not in found:
            diagnostics.warning(
                Location(ORDER_SETTING),
                f"{name!r} is no solution of the specs folder (the solutions: "
                f"{', '.join(sorted(names)) or 'none'})",
                code="solution-order-unmatched",
            )


def _against_dependencies(pairs: list[tuple[str, str]], diagnostics: Diagnostics) -> None:
    """A warning for each solution the setting solution-order lists before one it depends on
    (requires, or customizes a table of, directly or through others): no org installed it in
    that order, so the dependency still comes first and the setting's word is not taken."""
    for dependant, dependency in pairs:
        diagnostics.warning(
            Location(ORDER_SETTING),
            f"{dependant!r} is listed before {dependency!r}, which it depends on: Dataverse "
            f"installs no solution before one it depends on, so {dependency!r} still comes first",
            code="solution-order-against-dependency",
        )


def _once_each(names: list[str], parsed: list[Parsed], diagnostics: Diagnostics) -> list[Parsed]:
    """Each solution once: a second unit of the same unique name (the unpacked folder and its
    exported .zip, two exports of one solution) is an error naming both, and is not read, so
    that its tables are not each reported as defined twice."""
    first: dict[str, str] = {}
    kept: list[Parsed] = []
    for name, unit in zip(names, parsed, strict=True):
        info = unit[2]
        if info is not None:
            seen = first.setdefault(info.unique_name.lower(), name)
            if seen != name:
                diagnostics.error(
                    Location(name),
                    f"solution {info.unique_name!r} is in the specs folder twice, here and as "
                    f"{seen}: keep one (a folder and its exported .zip are one solution)",
                )
                continue
        kept.append(unit)
    return kept


def _read(name: str, data: bytes, language: int) -> Parsed:
    """A solution's specs; for a folder whose solutions sit deeper, or are in the YAML
    source-control format, the warning naming them."""
    if data.startswith((NESTED, YAML_FORMAT, LOOSE)):
        diagnostics = Diagnostics()
        reports = {NESTED: report_nested, YAML_FORMAT: report_yaml_format, LOOSE: report_loose}
        report = next(r for marker, r in reports.items() if data.startswith(marker))
        report(name, data, diagnostics)
        return (), list(diagnostics), None
    return read_solution(name, data, language)


def _ranked(
    spec: Spec, info: SolutionInfo | None, order: dict[str, int], owners: dict[str, str]
) -> Spec:
    """A layer with its solution's rank; a whole table that another spec defines (a reference
    page, a YAML spec) or a solution earlier in dependency order also holds whole (both include
    all of it) as a layer of this solution on it, keeping what a layer can add: its columns,
    relationships, alternate keys and activities enabled (its labels, which a solution reads
    in another language where the chosen one is missing, are the defining spec's)."""
    if info is None:
        return spec
    rank = order[info.unique_name]
    if (
        isinstance(spec, Table)
        and owners.get(spec.logical_name, info.unique_name) != info.unique_name
    ):
        return TableExtension(
            logical_name=spec.logical_name,
            solution=info.unique_name,
            columns=spec.columns,
            relationships=spec.relationships,
            loc=spec.loc,
            kind=LayerKind.SOLUTION,
            rank=rank,
            shell=spec,
            keys=spec.keys,
            has_activities=spec.has_activities,
        )
    if isinstance(spec, TableExtension | ChoiceExtension):
        return dataclasses.replace(spec, rank=rank)
    return spec
