"""Hand-written (or generated) YAML specs: validated by the spec schema, then built."""

from __future__ import annotations

import dataclasses
import difflib
import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
import yaml

from dvgen import canonical, yamlio
from dvgen.diagnostics import Diagnostics, Location, SpecError
from dvgen.model import Column, RequiredLevel, Table


@cache
def spec_schema() -> dict[str, Any]:
    text = resources.files("dvgen").joinpath("schema/table.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = spec_schema()
    cls = jsonschema.validators.validator_for(schema)
    validator: jsonschema.protocols.Validator = cls(schema)
    return validator


def parse_yaml_spec(text: str, where: Location, diagnostics: Diagnostics) -> Table:
    try:
        root = yamlio.compose(text)
        data = yamlio.construct(root) if root is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        problem = getattr(exc, "problem", None) or str(exc)
        diagnostics.error(where.at(line), f"not valid YAML: {problem}")
        raise SpecError(diagnostics) from None
    if root is None:
        diagnostics.error(where.at(1), "empty YAML spec")
        raise SpecError(diagnostics)
    for key, line in yamlio.duplicate_keys(root):
        diagnostics.error(where.at(line), f"key {key!r} appears twice in one mapping")
    for error in sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path)):
        line, message = _describe(error, root)
        diagnostics.error(where.at(line), message)
    if diagnostics.has_errors:
        raise SpecError(diagnostics)
    assert isinstance(data, dict)  # the schema's "type": "object"
    return _build(data, root, where)


def _describe(error: jsonschema.ValidationError, root: yaml.Node) -> tuple[int, str]:
    path = list(error.absolute_path)
    dotted = ".".join(str(p) for p in path) or "top level"
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        schema = error.schema if isinstance(error.schema, dict) else {}
        allowed = set(schema.get("properties", {}))
        unknown = sorted(str(k) for k in error.instance if k not in allowed)
        if unknown:
            node = yamlio.node_at(root, [*path, unknown[0]], key=True)
            close = difflib.get_close_matches(unknown[0], sorted(allowed), n=1)
            known = "known: " + ", ".join(sorted(allowed))
            hint = f"did you mean {close[0]!r}?" if close else known
            return yamlio.line_of(node), f"{dotted}: unknown key {unknown[0]!r} ({hint})"
    node = yamlio.node_at(root, path)
    return yamlio.line_of(node), f"{dotted}: {error.message}"


def _build(data: dict[str, Any], root: yaml.Node, where: Location) -> Table:
    data = dict(data)
    data.setdefault("schema_name", data["logical_name"])
    columns = [
        _column(c, yamlio.node_at(root, ["columns", i]), where)
        for i, c in enumerate(data.pop("columns", []))
    ]
    table = canonical.from_data(Table, data, where.at(yamlio.line_of(root)))
    return dataclasses.replace(table, columns=tuple(columns))


def _column(data: dict[str, Any], node: yaml.Node, where: Location) -> Column:
    data = dict(data)
    data.setdefault("schema_name", data["logical_name"])
    data.setdefault("required_level", RequiredLevel.NONE.value)
    return canonical.from_data(Column, data, where.at(yamlio.line_of(node)))
