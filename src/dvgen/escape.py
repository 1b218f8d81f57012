"""Text from a spec is data: one escaping function per target language.

Each returns a complete literal (quotes included) that evaluates to exactly the input.
"""

from __future__ import annotations

import json
import re

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


def python_string(text: str) -> str:
    """A Python string literal: ``repr`` with double quotes, safe for any input."""
    literal = json.dumps(text, ensure_ascii=False)
    # JSON escapes are valid Python escapes, except that Python treats U+2028/U+2029
    # as ordinary characters and JSON leaves them raw; escape them for tools that do not.
    return literal.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


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
