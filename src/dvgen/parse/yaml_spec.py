"""Hand-written (or generated) YAML specs: validated by the spec schema, then built.

Two paths, one result. The fast one reads the form dvgen writes (``dvgen.yamlfast``) and asks
the spec schema compiled into Python (``schemacheck``) whether the spec is valid; anything it
declines, and any spec that is not valid, takes the full one: PyYAML's node tree (with every
line), duplicate keys, jsonschema's errors, did-you-mean. ``tests/test_yaml_fast.py`` shows
that both give the same model, located line for line, and the same messages.
"""

from __future__ import annotations

import dataclasses
import difflib
import itertools
import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from dvgen import canonical, yamlfast, yamlio
from dvgen.diagnostics import Diagnostics, Location, SpecError
from dvgen.model import Spec, Table
from dvgen.parse import schemacheck
from dvgen.parse.customization import (
    choice_customization,
    column,
    locator,
    relationships,
    table_customization,
)

if TYPE_CHECKING:
    import jsonschema

_MAX_ERRORS = 100
"""Schema errors shown per spec; the rest are counted (up to ``_COUNT_ERRORS``)."""
_COUNT_ERRORS = 10_000
_LAYER_KEYS = frozenset({"customizes", "customizes_choice"})
"""Top-level keys that make a spec a customization: a misspelling of one is suggested."""
_MESSAGE_LIMIT = 1000
"""A safety net: no message of a schema error is longer (the enum of types is 300)."""


@cache
def spec_schema() -> dict[str, Any]:
    text = resources.files("dvgen").joinpath("schema/table.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator() -> jsonschema.protocols.Validator:
    """jsonschema's validator of the spec schema: imported when a spec needs its messages
    (a valid spec never does: an import saved in every process)."""
    import jsonschema

    schema = spec_schema()
    cls = jsonschema.validators.validator_for(schema)
    validator: jsonschema.protocols.Validator = cls(schema)
    return validator


def parse_yaml_spec(text: str, where: Location, diagnostics: Diagnostics) -> Table:
    """A YAML spec that must be a whole table (a canonical model file, say)."""
    spec = parse_yaml(text, where, diagnostics)
    if not isinstance(spec, Table):
        diagnostics.error(spec.loc, "a customization, where a whole table spec is expected")
        raise SpecError(diagnostics)
    return spec


def parse_yaml(text: str, where: Location, diagnostics: Diagnostics, fast: bool = True) -> Spec:
    """A YAML spec: a whole table, or a customization of a table or global choice.

    First (``fast``) as dvgen writes YAML, checked by the compiled schema; a spec that is
    not plainly that, or not valid, is read again by the full loader, whose node tree places
    every message (duplicate keys, schema errors, bad numbers) at its line.
    """
    if fast:
        found = _read_fast(text)
        if found is not None:
            return _build(*found, where)
    try:
        document = yamlio.load(text)
    except yamlio.YAMLProblem as problem:
        diagnostics.error(where.at(problem.line), problem.message)
        raise SpecError(diagnostics) from None
    if document is None:
        diagnostics.error(where.at(1), "empty YAML spec")
        raise SpecError(diagnostics)
    root, data = document.root, document.data
    for key, line in document.duplicates:
        diagnostics.error(where.at(line), f"key {key!r} appears twice in one mapping")
    _schema_errors(data, root, where, diagnostics)
    if diagnostics.has_errors:
        raise SpecError(diagnostics)
    assert isinstance(data, dict)  # the schema's "type": "object"
    return _build(data, root, where)


def _read_fast(text: str) -> tuple[dict[str, Any], yamlfast.Lines] | None:
    """The spec's data and lines from the fast reader, if it reads the text and the compiled
    schema finds it valid; None sends the spec to the full loader."""
    try:
        data, lines = yamlfast.read(text)
    except yamlfast.Decline:
        return None
    return (data, lines) if _valid(data) else None


@cache
def _compiled() -> schemacheck.Check | None:
    return schemacheck.compile_schema(spec_schema())


def _valid(data: Any) -> bool:
    """True if the compiled schema finds ``data`` valid; False when it does not, cannot tell
    (:class:`schemacheck.Doubt`) or the schema did not compile: jsonschema then decides."""
    check = _compiled()
    try:
        return check is not None and check(data)
    except schemacheck.Doubt:
        return False


def _schema_errors(data: Any, root: yaml.Node, where: Location, diagnostics: Diagnostics) -> None:
    """The spec schema's errors in line order, the first ``_MAX_ERRORS`` of them (aliases can
    repeat one mistake thousands of times), then a count of the rest."""
    if _valid(data):
        return
    errors = itertools.islice(_validator().iter_errors(data), _COUNT_ERRORS + 1)
    described = sorted(_describe(error, root) for error in errors)
    for line, message in described[:_MAX_ERRORS]:
        diagnostics.error(where.at(line), message)
    if len(described) > _MAX_ERRORS:
        rest = len(described) - _MAX_ERRORS
        count = f"more than {rest - 1}" if len(described) > _COUNT_ERRORS else str(rest)
        line = described[_MAX_ERRORS][0]
        diagnostics.error(where.at(line), f"{count} more errors in this spec, not shown")


def _describe(error: jsonschema.ValidationError, root: yaml.Node) -> tuple[int, str]:
    """The line and message of a schema error, echoed input cut short (:func:`yamlio.clip`)."""
    path = list(error.absolute_path)
    dotted = ".".join(yamlio.clip(str(p), 40) for p in path) or "top level"
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        schema = error.schema if isinstance(error.schema, dict) else {}
        allowed = set(schema.get("properties", {}))
        near = sorted(allowed | (_LAYER_KEYS if not path else set()))
        unknown = sorted(
            (str(k) for k in error.instance if k not in allowed),
            key=lambda k: (not difflib.get_close_matches(k, near, n=1), k),
        )  # a misspelling first: a misspelt 'customizes' makes its siblings unknown too
        if unknown:
            node = yamlio.node_at(root, [*path, unknown[0]], key=True)
            close = difflib.get_close_matches(unknown[0], near, n=1)
            known = "known: " + ", ".join(sorted(allowed))
            hint = f"did you mean {close[0]!r}?" if close else known
            name = yamlio.clip(unknown[0])
            return yamlio.line_of(node), f"{dotted}: unknown key {name!r} ({hint})"
    node = yamlio.node_at(root, path)
    return yamlio.line_of(node), f"{dotted}: {_message(error)}"


def _message(error: jsonschema.ValidationError) -> str:
    """jsonschema's message with the value it echoes (``'...' is not of type``) cut short;
    what follows comes from the schema, bounded by it."""
    message = str(error.message)
    shown = repr(error.instance)
    if len(shown) > yamlio.CLIP and message.startswith(shown):
        message = yamlio.clip(shown) + message[len(shown) :]
    return yamlio.clip(message, _MESSAGE_LIMIT)


def _build(data: dict[str, Any], root: yamlio.Root, where: Location) -> Spec:
    """A whole table, or a layer on one defined elsewhere (``parse.customization``)."""
    if "customizes" in data:
        return table_customization(data, root, where)
    if "customizes_choice" in data:
        return choice_customization(data, root, where)
    data = dict(data)
    data.setdefault("schema_name", data["logical_name"])
    at = locator(root, where)
    columns = [column(c, at(["columns", i])) for i, c in enumerate(data.pop("columns", []))]
    related = relationships(data.pop("relationships", {}), at)
    table = canonical.from_data(Table, data, where.at(yamlio.line_at(root, [])))
    return dataclasses.replace(table, columns=tuple(columns), relationships=related)
