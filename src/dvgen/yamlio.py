"""YAML in and out: exact decimals, YAML 1.2 booleans, node lines for diagnostics."""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

_BOOL_12 = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_FLOAT = re.compile(
    r"^[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*|[0-9][0-9_]*(?=[eE]))(?:[eE][-+]?[0-9]+)?$"
)
"""Decimal numbers with a digit before or after the point, or an exponent (``1e-12``)."""


class SpecLoader(_Loader):  # type: ignore[misc,valid-type]
    """Safe loader: ``yes``/``no``/``on``/``off`` stay strings; floats load as exact Decimals."""


SpecLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:float")
    ]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}
SpecLoader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL_12, list("tTfF"))
SpecLoader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789."))


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise yaml.constructor.ConstructorError(
            None, None, f"{text!r} is not a number", node.start_mark
        ) from None


SpecLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


_PLAIN = re.compile(
    r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]*"
)
_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
_LITERAL_BAD = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]"
)
_RESOLVERS = (yaml.resolver.Resolver(), SpecLoader(""))
_STR = "tag:yaml.org,2002:str"


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
    reader gets back exactly the value written.
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
        body = text.rstrip("\n")
        first = next((line for line in body.split("\n") if line), "")
        return bool(body) and not first.startswith(" ") and not _LITERAL_BAD.search(text)

    @staticmethod
    def _literal(text: str, indent: int, lines: list[str], head: str) -> None:
        body = text.rstrip("\n")
        trailing = len(text) - len(body)
        chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
        lines.append(f"{head}|{chomp}")
        pad = " " * (indent + 2)
        lines.extend(pad + line if line else "" for line in body.split("\n"))
        lines.extend("" for _ in range(trailing - 1))


def dump(data: Any) -> str:
    return Emitter().dump(data)


def compose(text: str) -> yaml.Node | None:
    """The node tree (with marks) of a single-document YAML text."""
    loader = SpecLoader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


def construct(node: yaml.Node) -> Any:
    loader = SpecLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def node_at(root: yaml.Node, path: list[str | int], key: bool = False) -> yaml.Node:
    """The deepest node along ``path`` (a key node for the last step when ``key``)."""
    node = root
    for index, step in enumerate(path):
        last = index == len(path) - 1
        if isinstance(node, yaml.MappingNode):
            pair = next((p for p in node.value if p[0].value == step), None)
            if pair is None:
                return node
            node = pair[0] if (key and last) else pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if step >= len(node.value):
                return node
            node = node.value[step]
        else:
            return node
    return node


def line_of(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def duplicate_keys(node: yaml.Node) -> list[tuple[str, int]]:
    """Every repeated mapping key, with the line of its repetition."""
    found: list[tuple[str, int]] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in current.value:
                key = str(key_node.value)
                if key in seen:
                    found.append((key, line_of(key_node)))
                seen.add(key)
                stack.append(value_node)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return sorted(found, key=lambda item: item[1])
