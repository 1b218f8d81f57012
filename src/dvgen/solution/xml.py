"""A small, line-numbered XML tree built with expat: every node knows its source line.

Solution files are plain XML without namespaced content, so a tree of ``Node`` (tag without
prefix, attributes, text, children, line) is all the reader needs; expat reports the line of
each start tag and of any syntax error, which every diagnostic names (``Entity.xml:12``).
Expat never fetches external entities, and it refuses entity-expansion bombs (expat >= 2.4).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.parsers import expat

from dvgen.diagnostics import Location, clip, fatal

NIL = "xsi:nil"


@dataclass(slots=True)
class Node:
    """One element: ``tag`` without a namespace prefix, ``line`` of its start tag (1-based)."""

    tag: str
    attrib: dict[str, str]
    line: int
    children: list[Node] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    key: str = ""
    """``tag`` in lower case, which lookups compare (exports differ in case)."""

    def __post_init__(self) -> None:
        self.key = self.tag.lower()

    @property
    def text(self) -> str:
        """The element's own text (not its children's), stripped."""
        return "".join(self.parts).strip()

    def child(self, tag: str) -> Node | None:
        """The first child named ``tag`` (case-insensitive: exports differ in case)."""
        wanted = tag.lower()
        for c in self.children:
            if c.key == wanted:
                return c
        return None

    def all(self, tag: str) -> list[Node]:
        wanted = tag.lower()
        return [c for c in self.children if c.key == wanted]

    def value(self, tag: str) -> str | None:
        """Text of child ``tag``; None when it is absent, empty or ``xsi:nil``."""
        found = self.child(tag)
        if found is None or found.attrib.get(NIL) == "true":
            return None
        return found.text or None

    def get(self, name: str) -> str | None:
        """Attribute ``name`` (case-insensitive), None when absent."""
        if name in self.attrib:
            return self.attrib[name]
        if not self.attrib:
            return None
        wanted = name.lower()
        return next((v for k, v in self.attrib.items() if k.lower() == wanted), None)

    def walk(self, tag: str) -> Iterator[Node]:
        """Every descendant named ``tag``, in document order."""
        wanted = tag.lower()
        for c in self.children:
            if c.key == wanted:
                yield c
            yield from c.walk(tag)


MAX_DIGITS = 40
"""Digits an integer of a solution file may have (``dvgen.validate``'s limit): ``int()`` of
more is slow, and Python refuses to print one of over 4,300."""


def integer(text: str | None) -> int | None:
    """``text`` as an integer when it is one in ASCII digits (an optional ``-``), at most
    ``MAX_DIGITS`` of them; else None. ``str.isdigit`` is not enough: it accepts ``²``, which
    ``int()`` refuses, and a number of any length."""
    if text is None:
        return None
    text = text.strip()
    digits = text.removeprefix("-")
    if not (digits.isascii() and digits.isdigit() and len(digits) <= MAX_DIGITS):
        return None
    return int(text)


def natural(text: str | None) -> int | None:
    """``text`` as a non-negative integer (a language code, a version part), else None."""
    number = integer(text)
    return number if number is not None and number >= 0 else None


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1] if ":" in name else name


def parse_xml(data: bytes, path: str) -> Node:
    """The root element of ``data``; a ``path:line: error`` when it is not well-formed XML."""
    parser = expat.ParserCreate()
    stack: list[Node] = []
    roots: list[Node] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        node = Node(_local(name), attrs, parser.CurrentLineNumber)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)

    def end(_name: str) -> None:
        stack.pop()

    def text(chars: str) -> None:
        if stack:
            stack[-1].parts.append(chars)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.buffer_text = True
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        message = expat.errors.messages.get(exc.code, str(exc)) if exc.code else str(exc)
        raise fatal(Location(path, exc.lineno), f"not well-formed XML: {message}") from None
    except (LookupError, ValueError) as exc:
        # The declaration names an encoding Python does not know (LookupError) or expat
        # cannot read (ValueError: a multi-byte one such as shift_jis): the file's fault.
        raise fatal(Location(path, 1), f"unreadable XML encoding: {clip(str(exc))}") from None
    if not roots:
        raise fatal(Location(path, 1), "no XML element in the file")
    return roots[0]
