"""Hand-written pages in tests: each parsed as dvgen reads a spec file, with its warnings."""

from __future__ import annotations

from dvgen.diagnostics import Diagnostics, Severity
from dvgen.model import Spec, Table, TableSet
from dvgen.parse import parse_spec
from dvgen.resolve import resolve


def parse(text: str, name: str = "page.md") -> tuple[Spec, list[str]]:
    """The page's spec (it must give one) and its warnings, as printed."""
    spec, diagnostics = parse_spec(name, text.encode("utf-8"))
    assert spec is not None, [str(d) for d in diagnostics]
    return spec, [str(d) for d in diagnostics if d.severity >= Severity.WARNING]


def table(text: str, name: str = "page.md") -> Table:
    """The table a page defines without a warning."""
    spec, warnings = parse(text, name)
    assert warnings == []
    assert isinstance(spec, Table)
    return spec


def resolved(*texts: tuple[str, str]) -> tuple[TableSet, list[str]]:
    """``(file name, page)`` pairs parsed and resolved: the set and its warnings."""
    specs = [parse(text, name)[0] for name, text in texts]
    diagnostics = Diagnostics()
    result = resolve(specs, diagnostics)
    return result, [str(d) for d in diagnostics if d.severity >= Severity.WARNING]
