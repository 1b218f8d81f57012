"""Solution.xml: the solution's name, publisher prefixes, root components and dependencies,
and the order of several solutions (each after the ones it depends on)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from dvgen import cachedata
from dvgen.solution.vocabulary import COMPONENT_TYPES
from dvgen.solution.xml import Node, natural

TABLE = "1"
"""Root component type of a table."""
CHOICE = "9"
"""Root component type of a global choice."""


@dataclass(frozen=True, slots=True)
class Manifest:
    unique_name: str
    managed: str | None
    prefix: str | None
    """The publisher's customization prefix (``contoso``)."""
    option_prefix: int | None
    """The publisher's option value prefix (``41234``): the first digits of the values of
    the options its solutions add (``412340000``)."""
    behaviors: dict[str, str]
    """Table (logical name) -> root component behavior (0 whole, 1 properties, 2 shell)."""
    requires: frozenset[str]
    """Unique names of the solutions its missing dependencies name."""
    base_language: int | None
    lines: dict[str, int]
    """Table (logical name) -> line of its root component in Solution.xml."""
    others: tuple[str, ...] = ()
    """The component types of its other root components (``61`` a web resource...)."""
    components_line: int = 1
    """The line of ``<RootComponents>``, where a solution without tables is reported."""
    choices: dict[str, int] = field(default_factory=dict)
    """Global choice (name, lowercased) -> line of its root component in Solution.xml."""


@dataclass(frozen=True, slots=True)
class SolutionInfo:
    """What ordering solutions needs, kept with each solution's parse."""

    unique_name: str
    requires: frozenset[str]
    owns: frozenset[str]
    touches: frozenset[str]


cachedata.register(SolutionInfo)  # kept with each solution's parse in the cache


def read_manifest(root: Node) -> Manifest:
    """The manifest of a Solution.xml (``<ImportExportXml>``) root."""
    manifest = root.child("SolutionManifest") or root
    publisher = manifest.child("Publisher")
    components = manifest.child("RootComponents")
    listed = components.all("RootComponent") if components is not None else []
    tables = [c for c in listed if c.get("type") == TABLE]
    behaviors = {(c.get("schemaName") or "").lower(): c.get("behavior") or "0" for c in tables}
    missing = root.child("MissingDependencies") or manifest.child("MissingDependencies")
    requires = {
        _solution_name(required.get("solution") or "")
        for dependency in (missing.all("MissingDependency") if missing is not None else ())
        for required in dependency.all("Required")
    }
    requires.add(_parent(manifest))
    language = (root.get("languagecode") or "").strip()
    return Manifest(
        unique_name=manifest.value("UniqueName") or "",
        managed=manifest.value("Managed"),
        prefix=publisher.value("CustomizationPrefix") if publisher is not None else None,
        option_prefix=natural(publisher.value("CustomizationOptionValuePrefix"))
        if publisher is not None
        else None,
        behaviors=behaviors,
        requires=frozenset(name for name in requires if name),
        base_language=natural(language),
        lines={(c.get("schemaName") or "").lower(): c.line for c in tables},
        others=tuple(c.get("type") or "" for c in listed if c.get("type") != TABLE),
        components_line=(components or manifest).line,
        choices={
            (c.get("schemaName") or "").lower(): c.line
            for c in listed
            if c.get("type") == CHOICE and c.get("schemaName")
        },
    )


def other_components(manifest: Manifest) -> str:
    """``3 web resources, 1 canvas app``: what a solution holds besides tables, by type."""
    counts = Counter(
        COMPONENT_TYPES.get(kind, f"component of type {kind}") for kind in manifest.others
    )
    return (
        ", ".join(f"{count} {_plural(name, count)}" for name, count in sorted(counts.items()))
        or "none"
    )


def _plural(name: str, count: int) -> str:
    """``process`` -> ``processes``, ``component of type 10115`` -> ``components of type
    10115``: the warning names what a solution holds as English counts it."""
    if count == 1:
        return name
    head, sep, tail = name.partition(" of ")
    return f"{head}{'es' if head.endswith('s') else 's'}{sep}{tail}"


def _parent(manifest: Node) -> str:
    """The unique name of the solution a patch patches (``<ParentSolution>``'s
    ``<UniqueName>``), "" for a solution that is no patch. Dataverse installs a patch just
    above its parent, so the patch depends on it: it overrides what the parent sets, where
    the patch's own missing dependencies rarely name the parent."""
    parent = manifest.child("ParentSolution")
    if parent is None:
        return ""
    return (parent.value("UniqueName") or "").strip()


def installed(names: Iterable[str], order: Sequence[str]) -> list[str]:
    """The solutions of ``names`` that ``order`` lists, in its order (unique names compared
    in any case, as Dataverse compares them)."""
    known = {name.lower(): name for name in names}
    return [known[name.lower()] for name in order if name.lower() in known]


def _solution_name(text: str) -> str:
    """``msdynce_AppCommon (9.0.4.0066)`` -> ``msdynce_AppCommon``."""
    return re.sub(r"\s*\(.*\)\s*$", "", text).strip()


def ranks(
    solutions: Iterable[SolutionInfo],
    order: Sequence[str] = (),
    against: list[tuple[str, str]] | None = None,
) -> dict[str, int]:
    """Each solution's rank: one above the highest of the solutions it depends on (a missing
    dependency naming it, a table it customizes that the other one owns, or one listed before
    it in ``order``, the setting solution-order), 0 for none. Two solutions neither of which
    depends on the other share a rank, so where they both set a facet they must agree (the
    layer rules); a dependant overrides what it depends on. A dependency cycle is broken by
    unique name. An order against a dependency (a solution listed before one it requires) is
    no order of install: the dependency still ranks first, and the pair (the one listed
    first, its dependency) is added to ``against``."""
    infos = {info.unique_name: info for info in solutions}
    after = {
        name: {
            other
            for other, them in infos.items()
            if other != name and (other in info.requires or info.touches & them.owns)
        }
        for name, info in infos.items()
    }
    _add_order(after, installed(infos, order), [] if against is None else against)
    rank: dict[str, int] = {}
    left = sorted(infos)
    while left:
        ready = [name for name in left if after[name] <= rank.keys()] or left[:1]
        for name in ready:
            rank[name] = 1 + max((rank[d] for d in after[name] if d in rank), default=-1)
            left.remove(name)
    return rank


def _add_order(
    after: dict[str, set[str]], listed: list[str], against: list[tuple[str, str]]
) -> None:
    """Each solution of ``listed`` after those listed before it, unless one of them comes
    after it already (depends on it, directly or not): Dataverse installs no solution before
    one it requires, so that order cannot be the order of install; such a pair goes to
    ``against`` when the one listed first depends on the other itself, not only through the
    order taken (listed A, B, C with A requiring C: B comes after C, as after A, but does not
    depend on it). A name listed twice keeps its first place."""
    listed = list(dict.fromkeys(listed))
    required = {name: set(them) for name, them in after.items()}
    for index, name in enumerate(listed):
        for earlier in listed[:index]:
            if name not in _all_after(after, earlier):
                after[name].add(earlier)
            elif name in _all_after(required, earlier):
                against.append((earlier, name))


def _all_after(after: dict[str, set[str]], name: str) -> set[str]:
    """What ``name`` comes after, directly or through others."""
    found: set[str] = set()
    left = [name]
    while left:
        for other in after[left.pop()] - found:
            found.add(other)
            left.append(other)
    return found
