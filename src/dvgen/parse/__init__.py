"""Spec files (reference pages and YAML specs) to tables: one pure function per file."""

from __future__ import annotations

import re
from pathlib import Path

from dvgen import collector
from dvgen.diagnostics import Diagnostic, Diagnostics, Location, SpecError, fatal, not_utf8
from dvgen.model import Spec
from dvgen.specfiles import MAX_SPEC

LARGEST_PAGE = 1_860_000
"""Bytes of the largest real reference page met: systemuser, whose relationships list every
table's createdby/modifiedby (1.86 MB on-premises 9.x, 1.82 MB Dataverse 2025, 0.91 MB in 2023;
organization 0.37 MB, businessunit 0.22 MB)."""
LARGE_SPEC = 4_000_000
"""Bytes above which a spec file gets a warning: about twice the largest real page, which
doubled in two years (a 2 MB page parses in about 0.35 s)."""


BOM = b"\xef\xbb\xbf"
"""UTF-8's byte order mark, which a spec may start with."""
_HTML = re.compile(r"\s*(<!doctype\s+html\b|<html\b)", re.IGNORECASE)
"""How a web page starts (after blank lines: GitHub's page of a file starts with some)."""


def refuse_html(text: str, where: Location, page: bool) -> None:
    """An error for a web page saved under a spec's name: the page of a reference article saved
    from a browser, or GitHub's page of the file (a ``/blob/`` URL) fetched for the file. It
    would be read as a broken page ("no '# <table> reference' title heading"), or skipped as
    no page at all when it names no property."""
    found = _HTML.match(text)
    if found is None:
        return
    line = text.count("\n", 0, found.start(1)) + 1
    message = (
        f"an HTML page, not {'Markdown' if page else 'YAML'} (saved from a browser, or GitHub's "
        "page of the file at a /blob/ URL): save the raw file (GitHub's 'Raw' link)"
    )
    if page:
        message += "; Microsoft's reference pages are Markdown in MicrosoftDocs/powerapps-docs"
    raise fatal(where.at(line), message)


def decode(data: bytes, where: Location) -> str:
    """UTF-8 (a BOM is allowed) with LF line ends; a clear error otherwise."""
    if not data.removeprefix(BOM).strip():  # Notepad saves an empty file as its BOM
        raise fatal(where.at(1), "empty spec file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, message = not_utf8(data, exc)
        raise fatal(where.at(line), message) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def check_size(data: bytes, where: Location, diagnostics: Diagnostics) -> None:
    """A warning for a large spec file, an error (raised) for one too large to be a spec."""
    size = len(data)
    if size > MAX_SPEC:
        message = f"spec file is {size / 1e6:.1f} MB, over the {MAX_SPEC / 1e6:.0f} MB limit"
        raise fatal(where.at(1), f"{message}: not parsed")
    if size > LARGE_SPEC:
        diagnostics.warning(
            where.at(1),
            f"spec file is {size / 1e6:.1f} MB, far larger than any real reference page "
            f"(the largest is {LARGEST_PAGE / 1e6:.1f} MB): over {MAX_SPEC / 1e6:.0f} MB it is "
            "refused",
            code="spec-large",
        )


def parse_spec(name: str, data: bytes) -> tuple[Spec | None, list[Diagnostic]]:
    """Parse one spec file's bytes; ``name`` is the path shown in diagnostics.

    Every spec, whatever its format, is validated (``dvgen.validate``) before it is returned.
    The collector is paused meanwhile: parsing makes many objects and no garbage in cycles
    (after every corpus page, ``gc.collect()`` found none), and each collection would walk
    them all (1,000 pages: 0.09 s of collections, against 0.015 s paused).
    """
    with collector.paused():
        return _parse_spec(name, data)


def _parse_spec(name: str, data: bytes) -> tuple[Spec | None, list[Diagnostic]]:
    from dvgen.parse.page import parse_page
    from dvgen.parse.prose import NOT_A_SPEC, plainly_not_a_page
    from dvgen.parse.yaml_spec import parse_yaml
    from dvgen.validate import validate

    where = Location(name)
    diagnostics = Diagnostics()
    page = Path(name).suffix.lower() == ".md"
    try:
        check_size(data, where, diagnostics)
        text = decode(data, where)
        refuse_html(text, where, page)
        table: Spec
        if page and plainly_not_a_page(text):
            message = "skipped: no reference page (no table title, section or property name)"
            diagnostics.info(where.at(1), message, code=NOT_A_SPEC)
            return None, list(diagnostics)
        if page:
            table = parse_page(text, where, diagnostics)
        else:
            table = parse_yaml(text, where, diagnostics)
        validate(table, diagnostics, page=page)
    except SpecError as exc:
        return None, _merge(diagnostics, exc.diagnostics)
    if diagnostics.has_errors:
        return None, list(diagnostics)
    return table, list(diagnostics)


def _merge(diagnostics: Diagnostics, more: list[Diagnostic]) -> list[Diagnostic]:
    seen = set(diagnostics.items)
    return [*diagnostics.items, *(d for d in more if d not in seen)]
