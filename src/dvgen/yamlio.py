"""YAML in and out: exact decimals, YAML 1.2 booleans, node lines for diagnostics."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import yaml

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

_BOOL_12 = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_FLOAT = re.compile(
    r"^[-+]?(?:(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?"
    r"|[0-9][0-9_]*[eE][-+]?[0-9]+)$"
)


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
    return Decimal(str(loader.construct_scalar(node)).replace("_", ""))


SpecLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


class CanonicalDumper(_Dumper):  # type: ignore[misc,valid-type]
    """Block style, keys in model order, literal blocks for multi-line text."""


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = format(value, "f")
    if "." not in text:
        text += ".0"
    return dumper.represent_scalar("tag:yaml.org,2002:float", text)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_str(value)


CanonicalDumper.add_representer(Decimal, _represent_decimal)
CanonicalDumper.add_representer(str, _represent_str)


def dump(data: Any) -> str:
    text: str = yaml.dump(
        data,
        Dumper=CanonicalDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=4096,
        indent=2,
    )
    return text


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
