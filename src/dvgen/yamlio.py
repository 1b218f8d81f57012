"""YAML in: exact decimals, YAML 1.2 scalars, node lines and limits for diagnostics.

Reading is bounded: anchors and aliases are allowed (a hand-written spec may share a
cascade configuration), but what they add when expanded is capped, cycles are refused and
every walk visits each node once; numbers longer than any target can carry are refused
before Python converts them. Every problem is a :class:`YAMLProblem`: a line and one short
line of text. Writing is :func:`dump` (``dvgen.yamlemit``); the form it writes is read faster
by ``dvgen.yamlfast``, which leaves everything else to :func:`load`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Protocol

import yaml

from dvgen.diagnostics import clip

if TYPE_CHECKING:
    from dvgen.yamlemit import Emitter

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DIGITS = 100
"""Digits (significant digits of a decimal) a number may have: far beyond any target, whose
limits the parse step checks per facet; this one keeps conversions cheap and safe."""
MAX_NUMBER_TEXT = 1000
"""Characters a number's text may have (a double in fixed-point notation needs 330)."""
MAX_EXPONENT = 308
"""Decimal exponents beyond the range of a double are refused."""
MAX_ALIAS_NODES = 100_000
"""Nodes that aliases may add to a document when expanded (a "billion laughs" has 10^9)."""

_BOOL_12 = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT_12 = re.compile(r"^(?:[-+]?[0-9][0-9_]*|0o[0-7_]+|0x[0-9a-fA-F_]+)$")
"""YAML 1.2 core integers (``010`` is ten, ``1:30`` a string), with ``_`` separators."""
_FLOAT = re.compile(
    r"^[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*|[0-9][0-9_]*(?=[eE]))(?:[eE][-+]?[0-9]+)?$"
)
"""Decimal numbers with a digit before or after the point, or an exponent (``1e-12``)."""
_PREFIXES = {"0x": 16, "0o": 8}
_DROPPED = frozenset(f"tag:yaml.org,2002:{name}" for name in ("bool", "int", "float", "timestamp"))


class YAMLProblem(yaml.YAMLError):
    """A YAML text dvgen will not read: a 1-based line (1 if unknown) and one line of text.

    A ``yaml.YAMLError``, so that callers catching PyYAML's errors catch it too.
    """

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.problem = message


class SpecLoader(_Loader):  # type: ignore[misc,valid-type]
    """Safe loader with YAML 1.2 scalars: ``yes``/``no``/``on``/``off``, dates and ``1:30``
    stay strings; floats load as exact Decimals; numbers are bounded."""


SpecLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _DROPPED]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}
SpecLoader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL_12, list("tTfF"))
SpecLoader.add_implicit_resolver("tag:yaml.org,2002:int", _INT_12, list("-+0123456789"))
SpecLoader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789."))


def _too_long(line: int, count: int, what: str, limit: int) -> YAMLProblem:
    return YAMLProblem(line, f"number too long: {count} {what} (at most {limit})")


def _number_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node)).replace("_", "")


def integer(text: str, line: int) -> int:
    """The integer a YAML 1.2 integer's text (``_`` separators removed) stands for, within
    :data:`MAX_DIGITS`; ``line`` places the problem."""
    body = text.lstrip("+-")
    base = _PREFIXES.get(body[:2].lower(), 10)
    digits = body[2:] if base != 10 else body
    if len(digits) > MAX_DIGITS:
        raise _too_long(line, len(digits), "digits", MAX_DIGITS)
    try:
        return (-1 if text.startswith("-") else 1) * int(digits, base)
    except ValueError:
        raise YAMLProblem(line, f"{clip(text)!r} is not an integer") from None


def decimal(text: str, line: int) -> Decimal:
    """The exact Decimal of a number's text, within :data:`MAX_DIGITS` and
    :data:`MAX_EXPONENT`; ``line`` places the problem."""
    if len(text) > MAX_NUMBER_TEXT:
        raise _too_long(line, len(text), "characters", MAX_NUMBER_TEXT)
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise YAMLProblem(line, f"{clip(text)!r} is not a number") from None
    if not value.is_finite():
        raise YAMLProblem(line, f"{clip(text)!r} is not a finite number")
    digits = "".join(map(str, value.as_tuple().digits)).rstrip("0")
    if len(digits) > MAX_DIGITS:
        raise _too_long(line, len(digits), "significant digits", MAX_DIGITS)
    if abs(value.adjusted()) > MAX_EXPONENT:
        message = f"number {clip(text)} is out of range (exponent beyond ±{MAX_EXPONENT})"
        raise YAMLProblem(line, message)
    return value


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    return integer(_number_text(loader, node), line_of(node))


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    return decimal(_number_text(loader, node), line_of(node))


Constructor = Callable[[yaml.SafeLoader, yaml.ScalarNode], Any]


def _guarded(construct: Constructor, kind: str) -> Constructor:
    """PyYAML's scalar constructor, with its crashes on odd text (``!!bool x``) as problems."""

    def guarded(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, TypeError, AttributeError, KeyError, OverflowError):
            text = clip(str(node.value))
            raise YAMLProblem(line_of(node), f"{text!r} is not a {kind}") from None

    return guarded


SpecLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
SpecLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
for _tag, _kind in (("bool", "boolean"), ("timestamp", "timestamp"), ("binary", "binary")):
    SpecLoader.add_constructor(
        f"tag:yaml.org,2002:{_tag}",
        _guarded(SpecLoader.yaml_constructors[f"tag:yaml.org,2002:{_tag}"], _kind),
    )


def dump(data: Any, emitter: Emitter | None = None) -> str:
    """The canonical YAML text of plain data (see :class:`dvgen.yamlemit.Emitter`); one
    ``emitter`` used for many documents decides each distinct scalar's form once."""
    from dvgen.yamlemit import Emitter

    return (emitter or Emitter()).dump(data)


@dataclass(frozen=True)
class Document:
    """A YAML document read within dvgen's limits."""

    root: yaml.Node
    data: Any
    duplicates: tuple[tuple[str, int], ...]
    """Every repeated mapping key, with the line of its repetition."""


def load(text: str) -> Document | None:
    """Read a single-document YAML text; None when it holds no document.

    Raises :class:`YAMLProblem` for text that is not YAML, aliases that expand too far or
    into themselves, and numbers beyond :data:`MAX_DIGITS` or :data:`MAX_EXPONENT`.
    """
    try:
        root = compose(text)
    except YAMLProblem:
        raise
    except yaml.YAMLError as exc:
        raise _problem(exc, text) from None
    except RecursionError:
        raise YAMLProblem(1, "not valid YAML: nested too deeply") from None
    if root is None:
        return None
    duplicates = tuple(duplicate_keys(root))  # before construction merges ``<<`` keys in
    try:
        return Document(root, construct(root), duplicates)
    except YAMLProblem:
        raise
    except yaml.YAMLError as exc:
        raise _problem(exc, text) from None


def _tab_hint(text: str, index: int) -> str:
    """What to do when line ``index`` (from 0) is indented with a tab, which PyYAML reports
    only as a character that "cannot start any token" or that "violates indentation"."""
    lines = text.split("\n", index + 1)
    line = lines[index] if index < len(lines) else ""
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    return ": indent with spaces, YAML does not allow tabs there" if "\t" in indent else ""


def _problem(exc: yaml.YAMLError, text: str) -> YAMLProblem:
    """PyYAML's error in one line: its reason and column; the line goes to the location."""
    if isinstance(exc, yaml.reader.ReaderError):
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        index = max(text.find(char), 0)
        line = text.count("\n", 0, index) + 1
        column = index - text.rfind("\n", 0, index)
        reason = f"character U+{ord(char[:1] or ' '):04X} is not allowed"
        return YAMLProblem(line, f"not valid YAML: {reason} (column {column})")
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        reason = " ".join(str(exc.problem or exc.context or "unreadable").split())
        if reason == "but found another document":  # PyYAML's "expected a single document"
            reason = (
                "a second document ('---'): a file holds one spec, put each in a file of its own"
            )
        if mark is None:
            return YAMLProblem(1, f"not valid YAML: {clip(reason, 200)}")
        where = f" (column {mark.column + 1})" + _tab_hint(text, mark.line)
        line = _within(text, mark.line + 1)
        return YAMLProblem(line, f"not valid YAML: {clip(reason, 200)}{where}")
    reason = " ".join(str(exc).split("\n")[0].split())
    return YAMLProblem(1, f"not valid YAML: {clip(reason, 200)}")


def _within(text: str, line: int) -> int:
    """``line``, or the text's last line: PyYAML marks an error at the end of a stream that
    does not end with a newline on the line after the last one, which is not in the file."""
    return min(line, text.count("\n") + 1)


def _children(node: yaml.Node) -> list[tuple[yaml.Node, int]]:
    """A collection's child nodes, each with the line an alias there is reported at."""
    if isinstance(node, yaml.MappingNode):
        return [(n, line_of(k)) for k, v in node.value for n in (k, v)]
    if isinstance(node, yaml.SequenceNode):
        return [(n, line_of(node)) for n in node.value]
    return []


def _check_aliases(root: yaml.Node) -> None:
    """Refuse aliases to their own ancestors, and aliases that add too much when expanded.

    One depth-first pass that visits each node once: a node met a second time is an alias,
    and adds its expanded size (known by then, and capped) to the document.
    """
    size: dict[int, int] = {}
    open_nodes = {id(root)}
    added = 0
    frames = [(root, _children(root), [0])]
    while frames:
        node, children, done = frames[-1]
        if done[0] == len(children):
            frames.pop()
            open_nodes.discard(id(node))
            total = 1 + sum(size[id(child)] for child, _ in children)
            size[id(node)] = min(total, MAX_ALIAS_NODES + 1)
            continue
        child, line = children[done[0]]
        done[0] += 1
        if id(child) in open_nodes:
            raise YAMLProblem(line, "a YAML alias refers to a node that contains it")
        if id(child) in size:
            added += size[id(child)]
            if added > MAX_ALIAS_NODES:
                message = f"YAML aliases expand to more than {MAX_ALIAS_NODES} extra nodes"
                raise YAMLProblem(line, message)
            continue
        open_nodes.add(id(child))
        frames.append((child, _children(child), [0]))


def compose(text: str) -> yaml.Node | None:
    """The node tree (with marks) of a single-document YAML text, its aliases checked
    (:class:`YAMLProblem` when they refer to an ancestor or expand too far)."""
    loader = SpecLoader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
    finally:
        loader.dispose()
    if node is not None:
        _check_aliases(node)
    return node


def construct(node: yaml.Node) -> Any:
    loader = SpecLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def node_at(root: yaml.Node, path: list[str | int], key: bool = False) -> yaml.Node:
    """The deepest node along ``path`` (a key node for the last step when ``key``).

    Of repeated keys the last counts, as in construction (merged ``<<`` keys come first).
    """
    node = root
    for index, step in enumerate(path):
        last = index == len(path) - 1
        if isinstance(node, yaml.MappingNode):
            pair = next((p for p in reversed(node.value) if p[0].value == step), None)
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
    """The 1-based line a node starts on."""
    return int(node.start_mark.line) + 1


class Lines(Protocol):
    """The lines of a document's nodes without its node tree (``dvgen.yamlfast.Lines``)."""

    def line(self, path: list[str | int], key: bool = False) -> int:
        """The line of the node :func:`node_at` finds along ``path``."""


Root = yaml.Node | Lines
"""Where a document's lines come from: its node tree, or the fast reader's record."""


def line_at(root: Root, path: list[str | int], key: bool = False) -> int:
    """The 1-based line of the node along ``path`` (see :func:`node_at`), from either."""
    if isinstance(root, yaml.Node):
        return line_of(node_at(root, path, key))
    return root.line(path, key)


def duplicate_keys(node: yaml.Node) -> list[tuple[str, int]]:
    """Every repeated mapping key, with the line of its repetition; each node seen once."""
    found: list[tuple[str, int]] = []
    stack = [node]
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            keys: set[str] = set()
            for key_node, value_node in current.value:
                stack.append(value_node)
                if not isinstance(key_node, yaml.ScalarNode):
                    continue  # a collection key: refused by construction ("unhashable")
                key = str(key_node.value)
                if key in keys:
                    found.append((clip(key), line_of(key_node)))
                keys.add(key)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return sorted(found, key=lambda item: item[1])
