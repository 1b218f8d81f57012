"""Spec files (reference pages and YAML specs) to tables: one pure function per file."""

from __future__ import annotations

from pathlib import Path

from dvgen.diagnostics import Diagnostic, Diagnostics, Location, SpecError, fatal
from dvgen.model import Spec

SPEC_SUFFIXES = (".md", ".yaml", ".yml")


def decode(data: bytes, where: Location) -> str:
    """UTF-8 (a BOM is allowed) with LF line ends; a clear error otherwise."""
    if not data.strip():
        raise fatal(where.at(1), "empty spec file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start : exc.start + 1].hex()
        message = f"not UTF-8 text: byte 0x{byte} at offset {exc.start} cannot be decoded"
        raise fatal(where.at(line), message) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def parse_spec(name: str, data: bytes) -> tuple[Spec | None, list[Diagnostic]]:
    """Parse one spec file's bytes; ``name`` is the path shown in diagnostics."""
    from dvgen.parse.page import parse_page
    from dvgen.parse.yaml_spec import parse_yaml_spec

    where = Location(name)
    diagnostics = Diagnostics()
    try:
        text = decode(data, where)
        table: Spec
        if Path(name).suffix.lower() == ".md":
            table = parse_page(text, where, diagnostics)
        else:
            table = parse_yaml_spec(text, where, diagnostics)
    except SpecError as exc:
        return None, _merge(diagnostics, exc.diagnostics)
    return table, list(diagnostics)


def _merge(diagnostics: Diagnostics, more: list[Diagnostic]) -> list[Diagnostic]:
    seen = set(diagnostics.items)
    return [*diagnostics.items, *(d for d in more if d not in seen)]
