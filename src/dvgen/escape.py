"""Text from a spec is data: one escaping function per target language.

Each returns a complete literal (quotes included) that evaluates to exactly the input.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from json.encoder import encode_basestring
from typing import Any

from markupsafe import Markup

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_ATTRIBUTE = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\t": "&#9;",
        "\n": "&#10;",
        "\r": "&#13;",
    }
)


def python_comment(text: str) -> str:
    """Text safe inside a ``#`` comment: one line, no control characters."""
    return re.sub(r"[\x00-\x1f\x7f\u2028\u2029\x85]+", " ", text).strip()


def sql_string(text: str) -> str:
    """A standard SQL string literal: single quotes doubled; NUL is not storable, so refused."""
    if "\x00" in text:
        raise ValueError("SQL text cannot hold a NUL character")
    return "'" + text.replace("'", "''") + "'"


def xml_text(text: str) -> str:
    """Text for an XML document: characters XML 1.0 cannot carry (C0 controls but TAB, LF and
    CR; lone surrogates; U+FFFE, U+FFFF) become U+FFFD."""
    return _XML_ILLEGAL.sub("\ufffd", text)


def xml_attribute(text: str) -> Markup:
    """A double-quoted XML attribute value that parses back to exactly ``xml_text(text)``:
    markup characters escaped, TAB, LF and CR as character references (a parser would turn them
    into spaces otherwise). Markup, so an autoescaping template writes it as it is."""
    return Markup('"' + xml_text(text).translate(_XML_ATTRIBUTE) + '"')


_SQL_UNPRINTABLE = re.compile("([\x01-\x08\x0b-\x1f\x7f\x85\u2028\u2029])")
"""Characters a literal spells out rather than writes raw: controls (but TAB and LF) and the
line separators, so no CR or other invisible break ends up in a generated script."""


def _pg_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"


def postgres_string(text: str) -> str:
    """A PostgreSQL string literal that reads the same whatever standard_conforming_strings is:
    an escape string (``E'...'``, backslashes doubled, controls as ``\\x0d``) when the text
    holds a backslash or a control character."""
    if "\\" not in text and not _SQL_UNPRINTABLE.search(text):
        return sql_string(text)
    if "\x00" in text:
        raise ValueError("SQL text cannot hold a NUL character")
    body = text.replace("\\", "\\\\").replace("'", "''")
    return "E'" + _SQL_UNPRINTABLE.sub(_pg_escape, body) + "'"


def sqlite_string(text: str) -> str:
    """An SQLite string: a literal, or (SQLite having no escapes) literals and ``char()``
    concatenated where the text holds a control character."""
    if not _SQL_UNPRINTABLE.search(text):  # one literal (most texts)
        return sql_string(text) if text else "''"
    parts = [
        f"char({ord(piece)})" if _SQL_UNPRINTABLE.fullmatch(piece) else sql_string(piece)
        for piece in _SQL_UNPRINTABLE.split(text)
        if piece
    ]
    if len(parts) == 1:
        return parts[0]
    return "(" + " || ".join(parts) + ")" if parts else "''"


_TSQL_SPLICES = re.compile("([\x01-\x08\x0a-\x1f\x7f\x85\u2028\u2029]|\\$\\()")


def tsql_needs_expression(text: str) -> bool:
    """Whether :func:`tsql_string` gives an expression rather than a single literal."""
    return _TSQL_SPLICES.search(text) is not None


def tsql_string(text: str) -> str:
    """A T-SQL Unicode string (``N'...'``). Line breaks, other controls and ``$(`` are spliced
    in with NCHAR() and concatenation, so that no line of a script starts inside a literal
    (sqlcmd reads ``GO`` and ``:r`` at line starts) and sqlcmd finds no ``$(variable)`` in it."""
    if not _TSQL_SPLICES.search(text):  # one literal (most texts)
        return "N" + sql_string(text) if text else "N''"
    parts = []
    for piece in _TSQL_SPLICES.split(text):
        if piece == "$(":
            parts.append("N'$' + N'('")
        elif _TSQL_SPLICES.fullmatch(piece):
            parts.append(f"NCHAR({ord(piece)})")
        elif piece:
            parts.append("N" + sql_string(piece))
    return " + ".join(parts) or "N''"


def sql_comment(text: str) -> str:
    """Text safe in a ``--`` comment of any SQL script: one line, no control characters, and
    no ``$(`` for sqlcmd to take for a variable."""
    return python_comment(text).replace("$(", "$ (")


# --- Python and JSON literals for the record targets (jsonschema, pydantic) ---

_PY_ESCAPES = {i: f"\\x{i:02x}" for i in [*range(0x20), 0x7F]} | {
    ord("\\"): "\\\\",
    ord("\n"): "\\n",
    ord("\r"): "\\r",
    ord("\t"): "\\t",
}
_PY_DOUBLE = _PY_ESCAPES | {ord('"'): '\\"'}
_PY_SINGLE = _PY_ESCAPES | {ord("'"): "\\'"}


def _unicode_escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _escape_unprintable(body: str) -> str:
    """Escape what ``str.isprintable`` rejects (line and paragraph separators, bidi controls,
    lone surrogates...): invisible in an editor, so never left raw in generated source."""
    if body.isprintable():
        return body
    return "".join(c if c.isprintable() else _unicode_escape(c) for c in body)


def python_literal(text: str) -> str:
    """A Python string literal that evaluates to exactly ``text``, written the way black writes
    it: double quotes unless single quotes need fewer escapes, lower-case hex escapes, every
    character ``str.isprintable`` rejects escaped. Generated code then passes ``black --check``."""
    single = text.count("'") < text.count('"')
    table = _PY_SINGLE if single else _PY_DOUBLE
    quote = "'" if single else '"'
    return quote + _escape_unprintable(text.translate(table)) + quote


def python_docstring(text: str) -> str:
    """A one-line triple-quoted docstring whose value is exactly ``text`` and that black leaves
    as it is: line breaks escaped, ``"`` escaped where it could end the string or where black
    would pad it, edge spaces written as ``\\x20`` (black strips docstrings)."""
    body = _escape_unprintable(text.translate(_PY_ESCAPES))
    chars = list(body)
    for i, char in enumerate(chars):
        if char == '"' and (i == 0 or i + 1 == len(chars) or chars[i + 1] == '"'):
            chars[i] = "\\x22" if i + 1 == len(chars) else '\\"'
    for i in (0, -1):
        if chars and chars[i] == " ":
            chars[i] = "\\x20"
    return '"""' + "".join(chars) + '"""'


def json_string(text: str) -> str:
    """A JSON string that parses back to exactly ``text``; characters ``str.isprintable``
    rejects (U+2028, bidi controls, lone surrogates...) as ``\\u`` escapes."""
    literal = encode_basestring(text)
    if literal.isprintable():
        return literal
    return "".join(c if c.isprintable() else _json_escape(c) for c in literal)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


JsonValue = Any
"""None, bool, int, float, Decimal, str, or lists and string-keyed dicts of them."""


def json_block(value: JsonValue, indent: int = 0, width: int = 100) -> str:
    """``value`` as JSON text for a document indented with two spaces: a list or object of
    scalars on one line when it fits in ``width``, otherwise one member per line. Lines after
    the first are indented by ``indent`` spaces, so the block can follow a key."""
    if isinstance(value, dict):
        members = [f"{json_string(k)}: " for k in value]
        items = list(value.values())
        opening, closing = "{", "}"
    elif isinstance(value, _SEQUENCES):
        members = [""] * len(value)
        items = list(value)
        opening, closing = "[", "]"
    else:
        return _json_scalar(value)
    if not items:
        return opening + closing
    inner = " " * (indent + 2)
    if not any(isinstance(item, _CONTAINERS) for item in items):
        # each member is a scalar, written the same inline or on its own line
        scalars = [m + _json_scalar(v) for m, v in zip(members, items, strict=True)]
        inline = ", ".join(scalars)
        if indent + len(inline) + 2 <= width:
            return opening + inline + closing
        lines = [inner + scalar for scalar in scalars]
    else:
        lines = [
            inner + m + json_block(v, indent + 2, width)
            for m, v in zip(members, items, strict=True)
        ]
    return opening + "\n" + ",\n".join(lines) + "\n" + " " * indent + closing


_SEQUENCES = (list, tuple)
_CONTAINERS = (dict, *_SEQUENCES)
"""What ``json_block`` writes member by member (tuples, not unions: ``isinstance`` is quicker
with them)."""


def _json_scalar(value: JsonValue) -> str:
    if isinstance(value, str):
        return json_string(value)
    if value is None or isinstance(value, bool):
        return _JSON_CONSTANTS[value]
    if isinstance(value, int):
        return str(value)
    if not isinstance(value, Decimal | float):
        raise TypeError(f"JSON has no value of type {type(value).__name__}")
    if not math.isfinite(value):
        raise ValueError(f"JSON has no number {value}")
    return str(value) if isinstance(value, Decimal) else repr(value)


_JSON_CONSTANTS = {None: "null", True: "true", False: "false"}
