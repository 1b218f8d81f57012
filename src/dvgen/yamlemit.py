"""YAML out: the canonical text of plain data, which every YAML reader reads back exactly.

Every scalar is plain, a literal block or double-quoted, chosen so that dvgen's loader (YAML
1.2) and any YAML 1.1 reader (PyYAML, libyaml) get back the very value written; no anchors,
aliases or tags. ``tests/test_yaml_roundtrip.py`` checks it for arbitrary text.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

import yaml

from dvgen.yamlio import SpecLoader

_PLAIN = re.compile(
    r"(?![\s\-?:,\[\]{}#&*!|>'\"%@`])[^\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]+"
)
_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
_LITERAL_BAD = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]"
    r"|[ \t](?:\n|\Z)|\A\n*[ \t]"
)
"""What a literal block cannot hold: characters YAML refuses in a file or reads as breaks,
trailing blanks (invisible, and editors strip them), and a first line that starts with a
blank (a tab cannot be indentation; a space would need an indentation indicator)."""
_RESOLVERS = (yaml.resolver.Resolver(), SpecLoader(""))
_STR = "tag:yaml.org,2002:str"
_SIMPLE_KEY = 500
"""Longer keys are written as explicit ``? key`` entries: YAML readers refuse simple keys
of 1024 characters or more."""


def _plain_ok(text: str) -> bool:
    """A plain scalar that every YAML reader (1.1 or 1.2) reads back as this very string."""
    if not _PLAIN.fullmatch(text) or text.endswith((" ", ":")) or ": " in text or " #" in text:
        return False
    return all(r.resolve(yaml.ScalarNode, text, (True, False)) == _STR for r in _RESOLVERS)


def _quoted(text: str) -> str:
    """A double-quoted scalar: JSON's escapes, plus the characters YAML reads as line breaks."""
    literal = json.dumps(text, ensure_ascii=False)
    return _ESCAPE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", literal)


class Emitter:
    """The canonical YAML text of plain data: block style, two-space indent, keys in order.

    Written for the model's shapes (mappings, sequences, strings, ints, bools, Decimals) and
    for speed; every scalar is plain, a literal block, or double-quoted, so that any YAML
    reader gets back exactly the value written. No anchors, aliases or tags.
    """

    def __init__(self) -> None:
        self.scalars: dict[str, str] = {}

    def dump(self, data: Any) -> str:
        lines: list[str] = []
        self._mapping(data, 0, lines, "")
        return "\n".join(lines) + "\n"

    def scalar(self, value: Any) -> str:
        if value is True:
            return "true"
        if value is False:
            return "false"
        if isinstance(value, int):
            return str(value)
        if isinstance(value, Decimal):
            text = format(value, "f")
            return text if "." in text else text + ".0"
        cached = self.scalars.get(value)
        if cached is None:
            cached = value if _plain_ok(value) else _quoted(value)
            self.scalars[value] = cached
        return cached

    def _mapping(self, data: dict[str, Any], indent: int, lines: list[str], first: str) -> None:
        """Block mapping; its first line starts with ``first`` (``"- "`` inside a sequence)."""
        start = first
        for key, value in data.items():
            head = f"{start}{self.scalar(str(key))}:"
            start = " " * indent
            if len(head) - indent > _SIMPLE_KEY:
                lines.append(f"{head[:indent]}? {head[indent:-1]}")
                head = start + ":"
            if isinstance(value, dict) and value:
                lines.append(head)
                self._mapping(value, indent + 2, lines, " " * (indent + 2))
            elif isinstance(value, list) and value:
                lines.append(head)
                self._sequence(value, indent, lines)
            else:
                self._scalar_line(value, indent, lines, head + " ")

    def _sequence(self, items: list[Any], indent: int, lines: list[str]) -> None:
        dash = " " * indent + "- "
        for item in items:
            if isinstance(item, dict) and item:
                self._mapping(item, indent + 2, lines, dash)
            elif isinstance(item, list) and item:
                lines.append(dash.rstrip())
                self._sequence(item, indent + 2, lines)
            else:
                self._scalar_line(item, indent, lines, dash)

    def _scalar_line(self, value: Any, indent: int, lines: list[str], head: str) -> None:
        if isinstance(value, str) and "\n" in value and self._literal_ok(value):
            self._literal(value, indent, lines, head)
        elif isinstance(value, dict):
            lines.append(head + "{}")
        elif isinstance(value, list):
            lines.append(head + "[]")
        else:
            lines.append(head + self.scalar(value))

    @staticmethod
    def _literal_ok(text: str) -> bool:
        return bool(text.rstrip("\n")) and not _LITERAL_BAD.search(text)

    @staticmethod
    def _literal(text: str, indent: int, lines: list[str], head: str) -> None:
        body = text.rstrip("\n")
        trailing = len(text) - len(body)
        chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
        lines.append(f"{head}|{chomp}")
        pad = " " * (indent + 2)
        lines.extend(pad + line if line else "" for line in body.split("\n"))
        lines.extend("" for _ in range(trailing - 1))
