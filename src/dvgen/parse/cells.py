"""Turn a raw markdown cell (or line) into the plain text a reader of the page sees."""

from __future__ import annotations

import html
import re
from decimal import Decimal, InvalidOperation

from dvgen.model import Number
from dvgen.validate import MAX_DIGITS

_BR = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_MARK_STARTS = frozenset("*_`")
_EMPTY_MARKS = frozenset({"``", "****", "____"})
_INT = re.compile(r"[-+]?\d+")
_DECIMAL = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def unwrap(text: str) -> str:
    """Strip whole-value emphasis and code marks: ``**x**``, `` `x` ``, ``*x*``, ``__x__``."""
    text = text.strip()
    if not text or (text[0] not in _MARK_STARTS):
        return text
    if text in _EMPTY_MARKS:
        return ""
    while True:
        for mark in ("**", "__", "`", "*", "_"):
            size = len(mark)
            if len(text) > 2 * size and text.startswith(mark) and text.endswith(mark):
                inner = text[size:-size]
                if mark not in inner:
                    text = inner.strip()
                    break
        else:
            return text


def unescape(text: str) -> str:
    """Markdown backslash escapes and HTML entities, as a renderer would show them."""
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "&" in text:
        text = html.unescape(text)
    return text


def plain(text: str) -> str:
    """A cell as text: whole-value marks stripped, ``<br />`` as newlines, escapes resolved.
    (``unwrap`` and ``unescape`` are called only where they have something to do: most cells
    have no mark, escape or entity.) Whitespace an entity stands for is stripped too: a
    formatter or an editor may fill an empty cell with ``&nbsp;``, which shows as nothing."""
    if "<" in text:
        text = "\n".join(unwrap(part) for part in _BR.split(text))
    text = text.strip()
    if text and text[0] in _MARK_STARTS:
        text = unwrap(text)
    if "\\" in text or "&" in text:
        return unescape(text).strip()
    return text


def joined_lines(text: str) -> str:
    """A paragraph's lines as a reader sees them: a line end is a space (a soft break), but a
    line ending with two spaces or a backslash (a hard break) stays a line end. A formatter
    that reflows prose (prettier's ``--prose-wrap always``, mdformat's ``--wrap``) splits a
    long description into lines; rendered, it is one line again."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        last = out[-1]
        hard = last.endswith("  ") or last.endswith("\\")
        out[-1] = last[:-1] if last.endswith("\\") else last.rstrip(" \t")
        out.append("\n" if hard else " ")
        out.append(line.lstrip(" \t"))
    return "".join(out)


def plain_or_none(text: str) -> str | None:
    value = plain(text)
    return value if value else None


def br_parts(text: str) -> list[str]:
    """The ``<br />``-separated parts of a cell, each stripped (empty ones kept)."""
    return [part.strip() for part in _BR.split(text.strip())]


def key_value(part: str, sep: str = ":") -> tuple[str, str] | None:
    """``Label: **Active**`` -> ("Label", "**Active**"); None when there is no separator."""
    key, found, value = part.partition(sep)
    if not found:
        return None
    return unwrap(key), value.strip()


def links(text: str) -> list[tuple[str, str]]:
    """Every markdown link as (text, target)."""
    return [(m.group(1), m.group(2)) for m in _LINK.finditer(text)]


def page_name(target: str) -> str | None:
    """``../x/systemuser.md#BKMK_y`` -> "systemuser"; None for a link to no page."""
    path = target.split("#", 1)[0].split("?", 1)[0].rstrip("/")
    name = path.rsplit("/", 1)[-1]
    if name.endswith(".md"):
        name = name[:-3]
    return name.lower() or None


class CellError(ValueError):
    """A cell whose text does not fit the row's kind of value."""


def parse_bool(text: str) -> bool | None:
    value = plain(text).lower()
    if not value or value == "null":
        return None
    if value in ("true", "yes", "1"):
        return True
    if value in ("false", "no", "0"):
        return False
    raise CellError(f"expected True or False, got {plain(text)!r}")


def _too_long(value: str) -> CellError:
    shown = value if len(value) <= 24 else f"{value[:12]}...{value[-8:]}"
    return CellError(
        f"number {shown!r} has {len(value)} characters: out of range (at most {MAX_DIGITS} digits)"
    )


def _bounded_int(value: str) -> int:
    """``int(value)`` for a string of digits, refused beyond ``MAX_DIGITS``: a bound keeps a
    mistyped or hostile cell from crashing (Python refuses to read an integer of more than 4,300
    digits) or costing time (``1E999999999`` would be written as a billion zeros)."""
    if len(value.lstrip("+-").lstrip("0")) > MAX_DIGITS:
        raise _too_long(value)
    return int(value)


def parse_int(text: str) -> int | None:
    value = plain(text).replace(",", "")
    if not value:
        return None
    if not _INT.fullmatch(value):
        raise CellError(f"expected an integer, got {plain(text)!r}")
    return _bounded_int(value)


def parse_leading_int(text: str) -> int | None:
    """``1 (Organization.PricingDecimalPrecision)`` -> 1."""
    value = plain(text)
    match = _INT.match(value)
    if not value:
        return None
    if match is None:
        raise CellError(f"expected an integer, got {value!r}")
    return _bounded_int(match.group(0))


def parse_number(text: str) -> Number | None:
    """An integer stays an int; ``1E-12`` or ``0.5`` becomes an exact Decimal."""
    value = plain(text).replace(",", "")
    if not value:
        return None
    if _INT.fullmatch(value):
        return _bounded_int(value)
    if not _DECIMAL.fullmatch(value):
        raise CellError(f"expected a number, got {plain(text)!r}")
    if len(value) > 4 * MAX_DIGITS:
        raise _too_long(value)
    try:
        number = Decimal(value)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only numbers
        raise CellError(f"expected a number, got {value!r}") from exc
    if number and not -MAX_DIGITS <= number.adjusted() < MAX_DIGITS:
        limit = f"at most {MAX_DIGITS} digits before or after the point"
        raise CellError(f"number {value!r} is out of range ({limit})")
    return number


def parse_list(text: str) -> tuple[str, ...]:
    """``systemuser, team`` or ``systemuser,team`` -> ("systemuser", "team")."""
    value = plain(text)
    return tuple(item.strip() for item in re.split(r"[,\n]", value) if item.strip())
