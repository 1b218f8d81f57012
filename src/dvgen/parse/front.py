"""The parts of a page around its tables of properties: front matter and message rows."""

from __future__ import annotations

import re
from typing import Any

from dvgen import yamlio
from dvgen.diagnostics import Diagnostics, Location
from dvgen.model import FrontMatterValue, Message
from dvgen.parse import cells

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)


def front_matter(
    text: str, where: Location, diagnostics: Diagnostics
) -> tuple[tuple[tuple[str, FrontMatterValue], ...], str, int]:
    match = _FRONT_MATTER.match(text)
    if match is None:
        return (), text, 1
    body_line = text.count("\n", 0, match.end()) + 1
    body = text[match.end() :]
    try:
        document = yamlio.load(match.group(1) or "")
    except yamlio.YAMLProblem as exc:
        diagnostics.warning(
            where.at(exc.line + 1), f"front matter ignored: {exc.message}", "front-matter"
        )
        return (), body, body_line
    except RecursionError:
        diagnostics.warning(where.at(2), "front matter ignored: nested too deeply", "front-matter")
        return (), body, body_line
    root = document.root if document is not None else None
    data = document.data if document is not None else {}
    if not isinstance(data, dict):
        diagnostics.warning(where.at(1), "front matter is not a mapping, ignored", "front-matter")
        return (), body, body_line
    items, skipped = _front_items(data)
    for key in skipped:
        line = yamlio.line_of(yamlio.node_at(root, [key], key=True)) + 1 if root else 1
        message = f"front matter {key!r}: not text or a list of texts, ignored"
        diagnostics.warning(where.at(line), message, "front-matter")
    return tuple(sorted(items)), body, body_line


def _front_items(data: dict[Any, Any]) -> tuple[list[tuple[str, FrontMatterValue]], list[str]]:
    """(key, text or texts) of each entry; the keys of nested values, which are skipped."""
    items: list[tuple[str, FrontMatterValue]] = []
    skipped: list[str] = []
    for key, value in data.items():
        if isinstance(value, list) and not any(isinstance(v, list | dict) for v in value):
            items.append((str(key), tuple(_text(v) for v in value)))
        elif isinstance(value, list | dict):
            skipped.append(str(key))
        else:
            items.append((str(key), _text(value)))
    return items, skipped


def _text(value: object) -> str:
    return "" if value is None else str(value)


def message_columns(header: list[str]) -> tuple[int | None, int | None]:
    """(Web API column, SDK column) of a Messages table, found by their headings.

    Most generations write ``|Message|Web API Operation|SDK ...|``; the 2023 Dynamics 365
    Sales pages write ``|Message|SDK Assembly|``, with no Web API column, so a column is
    known by its heading, never by its position. A table whose headings name neither keeps
    the usual order."""
    names = [cells.plain(heading).lower() for heading in header]
    web_api = next((i for i, name in enumerate(names) if "web api" in name), None)
    sdk = next((i for i, name in enumerate(names) if name.startswith("sdk")), None)
    if web_api is None and sdk is None:
        return 1, 2
    return web_api, sdk


def message_row(row: list[str], columns: tuple[int | None, int | None] = (1, 2)) -> Message | None:
    """``| `Create`<br />Event: True |web api|sdk|`` or ``|Create|web api|sdk|``; ``columns``
    are where the Web API and SDK cells are (``message_columns``)."""
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
    web_api, sdk = (_cell(row, index) for index in columns)
    return Message(name, is_event, web_api, sdk)


def _cell(row: list[str], index: int | None) -> str | None:
    if index is None or index >= len(row):
        return None
    return row[index].strip() or None
