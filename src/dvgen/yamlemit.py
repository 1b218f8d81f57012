"""YAML out: the canonical text of plain data, which every YAML reader reads back exactly.

Every scalar is plain, a literal block or double-quoted, chosen so that dvgen's loader (YAML
1.2) and any YAML 1.1 reader (PyYAML, libyaml) get back the very value written; no anchors,
aliases or tags. ``tests/test_yaml_roundtrip.py`` checks it for arbitrary text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from decimal import Decimal
from enum import Enum
from operator import attrgetter
from typing import Any, cast

import yaml

from dvgen.canonical import data_fields, to_data
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
_FIRST = frozenset(key for r in _RESOLVERS for key in r.yaml_implicit_resolvers)
"""The first characters a reader's implicit resolvers look at (``Resolver.resolve`` tries only
those keyed by a scalar's first character, and those keyed by None, with any): a scalar that
starts with none of them is a string to every reader, with no resolver called."""
_STR = "tag:yaml.org,2002:str"
_SIMPLE_KEY = 500
"""Longer keys are written as explicit ``? key`` entries: YAML readers refuse simple keys
of 1024 characters or more."""


def _plain_ok(text: str) -> bool:
    """A plain scalar that every YAML reader (1.1 or 1.2) reads back as this very string."""
    if not _PLAIN.fullmatch(text) or text.endswith((" ", ":")) or ": " in text or " #" in text:
        return False
    if text[0] not in _FIRST and None not in _FIRST:
        return True
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
            self._value(head, value, indent, lines)

    def _value(self, head: str, data: Any, indent: int, lines: list[str]) -> None:
        """``data`` under ``head`` (``key:``): a block below it, or a scalar after it."""
        if isinstance(data, dict) and data:
            lines.append(head)
            self._mapping(data, indent + 2, lines, " " * (indent + 2))
        elif isinstance(data, list) and data:
            lines.append(head)
            self._sequence(data, indent, lines)
        else:
            self._scalar_line(data, indent, lines, head + " ")

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


_fields = cast(Callable[[type], "tuple[tuple[str, bool, bool], ...] | None"], data_fields)
"""``canonical.data_fields``: (name, is pairs, is optional) of a model class, else None."""
_SCALAR_TYPES = frozenset({str, int, bool})
"""What a model field mostly holds, written as it is (``to_data`` leaves it as it is)."""
Layout = tuple[Callable[[Any], tuple[Any, ...]], tuple[tuple[str, bool, bool], ...]]
"""A model class's fields read at once, and per field: ``name:``, is pairs, is optional."""


class ModelEmitter(Emitter):
    """The canonical YAML text of a model object, written from the object itself: exactly
    ``Emitter().dump(canonical.to_data(obj))``, without building that data first.
    ``canonical.to_data``'s rules decide what is written: fields in order, ``loc`` never, None
    and empty tuples left out, an object whose fields are all left out written as ``{}`` only
    where it is optional; anything but a model object, a tuple, an enum or a plain scalar goes
    through ``to_data`` and ``Emitter`` themselves."""

    def __init__(self) -> None:
        super().__init__()
        self.layouts: dict[type, Layout | None] = {}

    def dump_object(self, obj: Any) -> str:
        lines: list[str] = []
        self._object(obj, 0, lines, "")
        return "\n".join(lines) + "\n"

    def _layout(self, cls: type) -> Layout | None:
        if cls not in self.layouts:
            fields = _fields(cls)
            if fields is None:
                self.layouts[cls] = None
            else:
                names = [name for name, _, _ in fields]
                get = attrgetter(*names) if len(names) > 1 else _one_getter(names)
                heads = tuple((self.scalar(n) + ":", pairs, opt) for n, pairs, opt in fields)
                self.layouts[cls] = (get, heads)
        return self.layouts[cls]

    def _object(self, obj: Any, indent: int, lines: list[str], first: str) -> None:
        """``obj``'s fields as a block mapping, its first line starting with ``first``; no
        line at all when every field is left out."""
        layout = self._layout(type(obj))
        assert layout is not None
        get, heads = layout
        start = first
        pad = " " * indent
        for value, (name, pairs, optional) in zip(get(obj), heads, strict=True):
            if value is None or value == ():
                continue
            item = value._value_ if isinstance(value, Enum) else value
            kind = type(item)
            if kind in _SCALAR_TYPES and not pairs and not (kind is str and "\n" in item):
                lines.append(f"{start}{name} {self.scalar(item)}")  # most fields: one line
            elif not self._field(start + name, item, pairs, optional, indent, lines):
                continue
            start = pad

    def _field(
        self, head: str, value: Any, pairs: bool, optional: bool, indent: int, lines: list[str]
    ) -> bool:
        """A field of more than one line under ``head`` (``key:``); False when it is left out
        (an object whose fields all are, where it is not optional)."""
        kind = type(value)
        if kind is tuple and not pairs:
            lines.append(head)
            self._items(value, indent, lines)
        elif not pairs and self._layout(kind) is not None:
            inner: list[str] = []
            self._object(value, indent + 2, inner, " " * (indent + 2))
            if inner:
                lines.append(head)
                lines.extend(inner)
            elif optional:
                lines.append(head + " {}")
            else:
                return False
        else:
            data = {k: to_data(v) for k, v in value} if pairs else to_data(value)
            if not (data or not isinstance(data, (list, dict)) or (optional and not pairs)):
                return False
            self._value(head, data, indent, lines)
        return True

    def _items(self, items: tuple[Any, ...], indent: int, lines: list[str]) -> None:
        """A tuple as a block sequence (``Emitter._sequence`` of its data)."""
        dash = " " * indent + "- "
        for item in items:
            kind = type(item)
            if kind in _SCALAR_TYPES:
                self._scalar_line(item, indent, lines, dash)
            elif self._layout(kind) is not None:
                inner: list[str] = []
                self._object(item, indent + 2, inner, dash)
                lines.extend(inner or [dash + "{}"])
            elif kind is tuple and item:
                lines.append(dash.rstrip())
                self._items(item, indent + 2, lines)
            else:
                self._sequence([to_data(item)], indent, lines)


def _one_getter(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """``attrgetter`` of one name (or none) that returns a tuple, as it does for several."""
    if not names:
        return lambda obj: ()
    get = attrgetter(names[0])
    return lambda obj: (get(obj),)
