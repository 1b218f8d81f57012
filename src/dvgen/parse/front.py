"""The parts of a page around its tables of properties: front matter and message rows."""

from __future__ import annotations

import re
from typing import Any

import yaml

from dvgen.diagnostics import Diagnostics, Location
from dvgen.model import FrontMatterValue, Message
from dvgen.parse import cells

_YAML_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)


def front_matter(
    text: str, where: Location, diagnostics: Diagnostics
) -> tuple[tuple[tuple[str, FrontMatterValue], ...], str, int]:
    match = _FRONT_MATTER.match(text)
    if match is None:
        return (), text, 1
    body_line = text.count("\n", 0, match.end()) + 1
    try:
        data = yaml.load(match.group(1) or "", Loader=_YAML_LOADER) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        diagnostics.warning(where.at(line), f"front matter is not valid YAML, ignored: {exc}")
        return (), text[match.end() :], body_line
    if not isinstance(data, dict):
        diagnostics.warning(where.at(1), "front matter is not a mapping, ignored")
        return (), text[match.end() :], body_line
    return tuple(sorted(_front_items(data))), text[match.end() :], body_line


def _front_items(data: dict[Any, Any]) -> list[tuple[str, FrontMatterValue]]:
    items: list[tuple[str, FrontMatterValue]] = []
    for key, value in data.items():
        if isinstance(value, list):
            items.append((str(key), tuple("" if v is None else str(v) for v in value)))
        else:
            items.append((str(key), "" if value is None else str(value)))
    return items


def message_row(row: list[str]) -> Message | None:
    """``| `Create`<br />Event: True |web api|sdk|`` or ``|Create|web api|sdk|``."""
    if not row:
        return None
    parts = cells.br_parts(row[0])
    name = cells.plain(parts[0]) if parts else ""
    if not name:
        return None
    is_event = None
    for part in parts[1:]:
        pair = cells.key_value(part)
        if pair is not None and pair[0].lower() in ("event", "is event", "is event?"):
            try:
                is_event = cells.parse_bool(pair[1])
            except cells.CellError:
                is_event = None
    web_api = row[1].strip() if len(row) > 1 else ""
    sdk = row[2].strip() if len(row) > 2 else ""
    return Message(name, is_event, web_api or None, sdk or None)
