"""YAML in, fast: the block YAML dvgen writes, read line by line with each node's line.

The canonical model files (``dvgen.yamlemit``) use a small part of YAML: block mappings and
sequences in two-space steps, plain scalars, one-line double-quoted scalars, literal blocks,
``{}`` and ``[]``, comment lines. Reading that part needs no node tree: :func:`read` walks the
lines once, builds the data, and keeps the line of every key and value for the messages that
name them later. Anything outside that part (a tab, an anchor, a tag, a flow collection, a
folded or single-quoted scalar, a repeated key, a number out of bounds, a character YAML
treats specially) makes it give up (:class:`Decline`): the caller then reads the text with
the full loader (``dvgen.yamlio``), which explains what is wrong. So this reader never has
to produce a message, only to agree with the full loader on what it accepts: values as
:data:`dvgen.yamlio.SpecLoader` resolves them, lines as :func:`dvgen.yamlio.node_at` finds
them (``tests/test_yaml_fast.py`` compares both on every corpus table and on fuzzed specs).
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from dvgen import collector, yamlio

_OUTSIDE = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
"""Characters left to the full loader: tabs, control characters, YAML's other line breaks
(NEL, U+2028, U+2029), a byte order mark, and what YAML refuses in a stream."""
_PLAIN_START = re.compile(r"[^\-?:,\[\]{}#&*!|>'\"%@` ]|-[0-9]")
"""A plain scalar's first character: no indicator (a minus only before a digit)."""
_QUOTED = re.compile(r'"(?:[^"\\]|\\["\\bfnrt]|\\u(?![dD][89a-fA-F])[0-9a-fA-F]{4})*"')
"""A double-quoted scalar whose escapes mean the same in JSON and YAML (no surrogates)."""
_LONGEST_KEY = 500
"""Longer keys go to the full loader (YAML limits a simple key to 1024 characters)."""
_STR, _NULL, _BOOL, _INT, _FLOAT = (
    f"tag:yaml.org,2002:{name}" for name in ("str", "null", "bool", "int", "float")
)
_RESOLVER = yamlio.SpecLoader("")
"""The full loader's resolver: a plain scalar gets the very tag it gets there."""


class Decline(Exception):
    """The text is outside the part of YAML read here: read it with the full loader."""


class Lines:
    """Each node's line, recorded per collection: ``(key line, value line)`` per key of a
    mapping, the line of each item of a sequence."""

    def __init__(self, data: Any, root_line: int, spans: dict[int, Any]) -> None:
        self.data = data
        self.root_line = root_line
        self.spans = spans
        """``id`` of each mapping and sequence of ``data`` -> its lines."""

    def line(self, path: list[str | int], key: bool = False) -> int:
        """The line :func:`dvgen.yamlio.node_at` gives for ``path``: the deepest node found
        along it (the key's line for the last step when ``key``)."""
        value, line = self.data, self.root_line
        for index, step in enumerate(path):
            spans = self.spans.get(id(value))
            if isinstance(value, dict) and spans is not None and step in spans:
                key_line, line = spans[step]
                if key and index == len(path) - 1:
                    return int(key_line)
                value = value[step]
            elif isinstance(value, list) and spans is not None and 0 <= _index(step) < len(value):
                line, value = spans[_index(step)], value[_index(step)]
            else:
                return int(line)
        return int(line)


def _index(step: str | int) -> int:
    return step if isinstance(step, int) else -1


def read(text: str) -> tuple[dict[str, Any], Lines]:
    """The mapping a YAML text holds, and its lines; :class:`Decline` if the text is not
    plainly inside the part of YAML this reads."""
    if not text.endswith("\n") or " \n" in text or _OUTSIDE.search(text):
        raise Decline("a character or line end left to the full loader")
    reader = _Reader(text.split("\n")[:-1])
    try:
        with collector.paused():  # reading makes many objects and no garbage
            return reader.document()
    except RecursionError:
        raise Decline("nested too deeply") from None


def _is_item(rest: str) -> bool:
    return rest == "-" or rest.startswith("- ")


Line = tuple[int, int, str]
"""A line with content: its index, its indentation, its text after the indentation."""


class _Reader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.pos = 0
        self.spans: dict[int, Any] = {}
        self.plain: dict[str, Any] = {}

    def document(self) -> tuple[dict[str, Any], Lines]:
        first = self.content()
        if first is None or first[1] or _is_item(first[2]):
            raise Decline("not a block mapping at the top")
        root = self.mapping(0, None)
        if self.content() is not None:
            raise Decline("text after the top mapping")
        return root, Lines(root, first[0] + 1, self.spans)

    def content(self) -> Line | None:
        """The next line with content (past blank and comment lines), not consumed."""
        lines, pos = self.lines, self.pos
        while pos < len(lines):
            line = lines[pos]
            body = line.lstrip(" ")
            if body and body[0] != "#":
                self.pos = pos
                indent = len(line) - len(body)
                if not indent and body.startswith(("---", "...")):
                    raise Decline("a document marker")
                return pos, indent, body
            pos += 1
        self.pos = pos
        return None

    def block(self, line: Line) -> Any:
        """The collection whose first line is ``line``, at that line's indentation."""
        if _is_item(line[2]):
            return self.sequence(line[1])
        return self.mapping(line[1], None)

    def mapping(self, column: int, first: tuple[int, tuple[str, str]] | None) -> dict[str, Any]:
        """A block mapping whose keys start at ``column``; ``first``: the entry already split
        off a sequence item's line (``- key: value``)."""
        out: dict[str, Any] = {}
        spans: dict[str, tuple[int, int]] = {}
        self.spans[id(out)] = spans
        while True:
            if first is not None:
                index, (key, text) = first
                first = None
            else:
                found = self.entry(column)
                if found is None:
                    return out
                index, _, rest = found
                entry = self.split(rest)
                if entry is None:
                    raise Decline("a line in a mapping that is not a key")
                key, text = entry
            self.pos = index + 1
            if key in out:
                raise Decline("a repeated key")
            out[key], line = self.value(text, column, index)
            spans[key] = (index + 1, line)

    def entry(self, column: int) -> Line | None:
        """The next line of a collection at ``column``, None where the collection ends (a
        line less indented, or the end)."""
        found = self.content()
        if found is None or found[1] < column:
            return None
        if found[1] > column:
            raise Decline("a line indented more than its collection")
        return found

    def sequence(self, column: int) -> list[Any]:
        """A block sequence whose dashes are at ``column``."""
        out: list[Any] = []
        spans: list[int] = []
        self.spans[id(out)] = spans
        while (found := self.entry(column)) is not None:
            index, _, rest = found
            if not _is_item(rest):
                return out  # the next key of the mapping this sequence is a value of
            self.pos = index + 1
            if rest == "-":
                item, line = self.nested(column)
            else:
                item, line = self.item(rest[2:], column, index), index + 1
            out.append(item)
            spans.append(line)
        return out

    def item(self, text: str, column: int, index: int) -> Any:
        entry = self.split(text)
        if entry is not None:
            return self.mapping(column + 2, (index, entry))
        return self.scalar(text, column, index)

    def value(self, text: str, column: int, index: int) -> tuple[Any, int]:
        """A mapping value and its line: on the key's line, or a collection below it."""
        if text:
            return self.scalar(text, column, index), index + 1
        below = self.content()
        if below is not None and (below[1] > column or (below[1] == column and _is_item(below[2]))):
            return self.block(below), below[0] + 1
        raise Decline("a key with no value")

    def nested(self, column: int) -> tuple[Any, int]:
        """A collection under a bare dash, on the lines below it."""
        below = self.content()
        if below is None or below[1] <= column:
            raise Decline("an empty sequence item")
        return self.block(below), below[0] + 1

    def split(self, text: str) -> tuple[str, str] | None:
        """``(key, value text)`` of a ``key: value`` line, None for a lone scalar."""
        if text.startswith('"'):
            match = _QUOTED.match(text)
            if match is None:
                raise Decline("a double-quoted scalar with other escapes, or on several lines")
            after = text[match.end() :]
            if not after:
                return None
            if (after != ":" and not after.startswith(": ")) or match.end() > _LONGEST_KEY:
                raise Decline("text after a double-quoted scalar, or a long key")
            return str(json.loads(match.group())), after[2:]
        cut = text.find(": ")
        if cut < 0 and not text.endswith(":"):
            return None
        key, value = (text[:cut], text[cut + 2 :]) if cut >= 0 else (text[:-1], "")
        if len(key) > _LONGEST_KEY or self.plain_value(key, 0) != key:
            raise Decline("a key that is not a plain string")
        return key, value

    def scalar(self, text: str, column: int, index: int) -> Any:
        if text == "{}":
            return {}
        if text == "[]":
            return []
        if text[:1] == '"':
            if _QUOTED.fullmatch(text) is None:
                raise Decline("a double-quoted scalar with other escapes, or text after it")
            return json.loads(text)
        if text[:1] == "|":
            return self.literal(text[1:], column)
        return self.plain_value(text, index + 1)

    def plain_value(self, text: str, line: int) -> Any:
        if text not in self.plain:
            self.plain[text] = self.resolved(text, line)
        return self.plain[text]

    def resolved(self, text: str, line: int) -> Any:
        """A plain scalar's value as the full loader makes it (YAML 1.2 scalars, exact
        Decimals, bounded numbers)."""
        minus = text[:1] == "-" and not text[1:].replace("_", "").replace(".", "").isdigit()
        odd_end = text[-1:] in ("", " ", ":")  # a key's trailing blanks are not part of it
        if minus or odd_end or not _PLAIN_START.match(text) or ": " in text or " #" in text:
            raise Decline("a plain scalar the full loader may read otherwise")
        tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
        if tag == _STR:
            return text
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return text.lower() == "true"
        try:
            if tag == _INT:
                return yamlio.integer(text.replace("_", ""), line)
            if tag == _FLOAT:
                return yamlio.decimal(text.replace("_", ""), line)
        except yamlio.YAMLProblem:
            raise Decline("a number out of bounds") from None
        raise Decline(f"a plain scalar of tag {tag}")

    def literal(self, chomp: str, column: int) -> str:
        """A literal block (``|``, ``|-``, ``|+``) indented two spaces past ``column``."""
        if chomp not in ("", "-", "+"):
            raise Decline("a block scalar header with an indentation indicator")
        pad = " " * (column + 2)
        lines, pos, body = self.lines, self.pos, []
        while pos < len(lines) and (not lines[pos] or lines[pos].startswith(pad)):
            body.append(lines[pos][len(pad) :])
            pos += 1
        self.pos = pos
        end = len(body)
        while end and not body[end - 1]:
            end -= 1
        content, trailing = body[:end], len(body) - end
        first = next((line for line in content if line), " ")
        if first[0] == " " or (pos < len(lines) and lines[pos].lstrip(" ").startswith("#")):
            raise Decline("a literal block indented otherwise, or a comment after it")
        text = "\n".join(content)
        return {"-": text, "": text + "\n", "+": text + "\n" * (1 + trailing)}[chomp]
