"""Hand-written (or generated) YAML specs: validated by the spec schema, then built.

Two paths, one result. The fast one reads the form dvgen writes (``dvgen.yamlfast``) and asks
the spec schema compiled into Python (``schemacheck``) whether the spec is valid; anything it
declines, and any spec that is not valid, takes the full one: PyYAML's node tree (with every
line), duplicate keys, jsonschema's errors, did-you-mean. ``tests/test_yaml_fast.py`` shows
that both give the same model, located line for line, and the same messages. A table written
by hand is then held to what Dataverse would create (``parse.authoring``); a model file dvgen
wrote is not.
"""

from __future__ import annotations

import dataclasses
import difflib
import itertools
import json
import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from dvgen import canonical, systemcolumns, yamlfast, yamlio
from dvgen.diagnostics import CLIP, Diagnostics, Location, SpecError, clip
from dvgen.model import ChoiceExtension, Message, Spec, Table
from dvgen.parse import authoring, schemacheck, statuses
from dvgen.parse.customization import (
    Where,
    choice_customization,
    column,
    locator,
    relationships,
    table_customization,
)
from dvgen.parse.keys import alternate_keys
from dvgen.parse.makertypes import level_hint, maker_hint
from dvgen.specfiles import MODEL_FILE_START

if TYPE_CHECKING:
    import jsonschema

_MAX_ERRORS = 100
"""Schema errors shown per spec; the rest are counted (up to ``_COUNT_ERRORS``)."""
_COUNT_ERRORS = 10_000
_LAYER_KEYS = frozenset({"customizes", "customizes_choice"})
"""Top-level keys that make a spec a customization: a misspelling of one is suggested."""
_MESSAGE_LIMIT = 1000
"""A safety net: no message of a schema error is longer (the enum of types is 300)."""
GENERATED = MODEL_FILE_START
"""How a model file dvgen wrote begins (the model target's ``HEADER``): resolution made it,
lookups added from relationships included, so it is not held to a hand-written table's rules."""


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
            return _authored(_build(*found, where), *found, where, text, diagnostics)
    try:
        document = yamlio.load(text)
    except yamlio.YAMLProblem as problem:
        diagnostics.error(where.at(problem.line), problem.message)
        raise SpecError(diagnostics) from None
    if document is None:
        diagnostics.error(where.at(1), "empty YAML spec: a table spec holds at least logical_name")
        raise SpecError(diagnostics)
    root, data = document.root, document.data
    for key, line in document.duplicates:
        diagnostics.error(where.at(line), f"key {key!r} appears twice in one mapping")
    _schema_errors(data, root, where, diagnostics)
    if diagnostics.has_errors:
        raise SpecError(diagnostics)
    assert isinstance(data, dict)  # the schema's "type": "object"
    return _authored(_build(data, root, where), data, root, where, text, diagnostics)


def _authored(
    spec: Spec,
    data: dict[str, Any],
    root: yamlio.Root,
    where: Location,
    text: str,
    diagnostics: Diagnostics,
) -> Spec:
    """``spec``, unless what its author wrote is what Dataverse would refuse to create
    (``parse.authoring``) or a relationship names no lookup of the table: errors then. A model
    file dvgen wrote (``GENERATED``) is resolution's output, read back as it was written; a
    table written by hand is marked so (``Table.hand_written``), for the rules resolution
    checks across the set."""
    if isinstance(spec, ChoiceExtension) or text.startswith(GENERATED):
        return spec
    found = authoring.problems(data, customization=not isinstance(spec, Table))
    authoring.report(found, locator(root, where), diagnostics)
    if isinstance(spec, Table):
        stateless = statuses.stateless_reasons(data)
        authoring.report(stateless, locator(root, where), diagnostics, statuses.STATELESS)
    if _own_lookups(spec, diagnostics) or found:
        raise SpecError(diagnostics)
    if not isinstance(spec, Table):
        return spec
    if systemcolumns.wanted(spec, data):  # the table Dataverse makes of it: docs/spec-format.md
        spec = systemcolumns.complete(spec, locator(root, where)(["logical_name"]))
    return dataclasses.replace(spec, hand_written=True)


def _own_lookups(spec: Spec, diagnostics: Diagnostics) -> bool:
    """A whole table whose many-to-one relationships each name a column of its own.

    On a reference page, a relationship without its lookup is a page cut short, and the
    lookup is added (``lookup-from-relationship``, a note). In a table written by hand it is
    a misspelling, which would add a column nobody meant and leave the real lookup without
    its relationship: an error, with the closest column. True if there was one."""
    if not isinstance(spec, Table):
        return False
    names = [column.logical_name for column in spec.columns]
    missing = [
        relationship
        for relationship in spec.relationships.many_to_one
        if relationship.referencing_attribute not in (None, *names)
        and relationship.referencing_entity in (None, spec.logical_name)
    ]
    for relationship in missing:
        name = relationship.referencing_attribute or ""
        close = difflib.get_close_matches(name, names, n=1)
        hint = f"did you mean {close[0]!r}?" if close else "add the lookup to columns"
        diagnostics.error(
            relationship.loc,
            f"relationship {relationship.schema_name!r}: referencing_attribute {name!r} is no "
            f"column of table {spec.logical_name!r}; {hint}",
        )
    return bool(missing)


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
    described = _without_consequences(sorted(_describe(error, root) for error in errors))
    for line, message in described[:_MAX_ERRORS]:
        diagnostics.error(where.at(line), message)
    if len(described) > _MAX_ERRORS:
        rest = len(described) - _MAX_ERRORS
        count = f"more than {rest - 1}" if len(described) > _COUNT_ERRORS else str(rest)
        line = described[_MAX_ERRORS][0]
        diagnostics.error(where.at(line), f"{count} more errors in this spec, not shown")


_NO_TABLE_NAME = "top level: 'logical_name' is a required property"


def _without_consequences(described: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The errors less the one a misspelt ``customizes`` causes: read as a whole table, the
    spec lacks a ``logical_name``, which is not what the author has to fix."""
    misspelt = any(
        message.startswith("top level: unknown key") and "did you mean 'customizes" in message
        for _, message in described
    )
    return [error for error in described if not (misspelt and error[1] == _NO_TABLE_NAME)]


def _describe(error: jsonschema.ValidationError, root: yaml.Node) -> tuple[int, str]:
    """The line and message of a schema error, echoed input cut short (:func:`diagnostics.clip`)."""
    path = list(error.absolute_path)
    dotted = ".".join(clip(str(p), 40) for p in path) or "top level"
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        found = _unknown_keys(error, root, path)
        if found is not None:
            return found[0], f"{dotted}: {found[1]}"
    node = yamlio.node_at(root, path)
    return yamlio.line_of(node), f"{dotted}: {_message(error)}"


_KEYS_SHOWN = 10
"""Unknown keys of one mapping a message names before it counts the rest."""


def _unknown_keys(
    error: jsonschema.ValidationError, root: yaml.Node, path: list[str | int]
) -> tuple[int, str] | None:
    """The line and message naming every key of one mapping the schema does not know, in
    file order, at the first one's line: a stray YAML file (a GitHub workflow's ``name``,
    ``on``, ``jobs``) shows at once all it holds that no spec does, not one key per run. A
    misspelt ``customizes`` is named alone: it makes its siblings (``changes``) unknown to a
    table spec, though they are right."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    allowed = set(schema.get("properties", {}))
    near = sorted(allowed | (_LAYER_KEYS if not path else set()))
    instance = error.instance if isinstance(error.instance, dict) else {}
    lines = {
        str(k): yamlio.line_of(yamlio.node_at(root, [*path, str(k)], key=True))
        for k in instance
        if k not in allowed
    }
    unknown = sorted(lines, key=lambda k: lines[k])  # stable: a line's keys as written
    close = {k: difflib.get_close_matches(k, near, n=1) for k in unknown}
    layer = [k for k in unknown if set(close[k]) & _LAYER_KEYS]
    named = layer[:1] or unknown
    if not named:
        return None
    shown = [
        repr(clip(k)) + (f" (did you mean {close[k][0]!r}?)" if close[k] else "") for k in named
    ]
    rest = len(named) - _KEYS_SHOWN
    listed = ", ".join(shown[:_KEYS_SHOWN]) + (f" and {rest} more" if rest > 0 else "")
    known = "" if all(close[k] for k in named) else f" (known: {', '.join(sorted(allowed))})"
    keys = "key" if len(named) == 1 else "keys"
    return lines[named[0]], f"unknown {keys} {listed}{known}"


def _message(error: jsonschema.ValidationError) -> str:
    """jsonschema's message with the value it echoes (``'...' is not of type``) cut short
    and spelt as the spec wrote it (``false``, not Python's ``False``); what follows comes
    from the schema, bounded by it; then a hint where a likely slip has one."""
    message = str(error.message)
    shown = repr(error.instance)
    if message.startswith(shown):
        message = _as_written(error.instance, shown) + message[len(shown) :]
    return clip(message, _MESSAGE_LIMIT) + _hint(error)


def _as_written(value: Any, shown: str) -> str:
    """A value echoed in a message as YAML writes it: ``true``, ``false``, ``null``, or its
    repr cut short."""
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    return clip(shown) if len(shown) > CLIP else shown


def _hint(error: jsonschema.ValidationError) -> str:
    """The closest allowed value of an enum (a type spelt ``string``), a list for one name
    (``targets: account``), the values of a Boolean's options (``0`` and ``1``, where
    ``false`` and ``true`` are natural)."""
    value, path = error.instance, list(error.absolute_path)
    if error.validator == "enum" and isinstance(value, str):
        listed = error.validator_value if isinstance(error.validator_value, list) else []
        allowed = [v for v in listed if isinstance(v, str)]
        maker = maker_hint(value, allowed) if path[-1:] == ["type"] else ""
        maker = level_hint(value) if path[-1:] == ["required_level"] else maker
        if maker:
            return maker
        lowered = {v.lower(): v for v in allowed}
        close = difflib.get_close_matches(value.lower(), list(lowered), n=1, cutoff=0.75)
        # a word of one value only (``Team`` of ``TeamOwned``)
        within = [v for v in allowed if len(value) > 2 and value.lower() in v.lower()]
        close = close or [w.lower() for w in within if len(within) == 1]
        return f"; did you mean {lowered[close[0]]!r}?" if close else ""
    if error.validator == "type" and error.validator_value == "array" and isinstance(value, str):
        item = value if value.isprintable() else repr(value)  # a diagnostic is one line
        return f"; a list, even of one: [{clip(item)}]"
    if isinstance(value, bool) and path[-3:-2] == ["choices"] and path[-1:] == ["value"]:
        return "; a Boolean column's options are value 0 (false) and value 1 (true)"
    if error.validator == "type" and not path:  # before a string's: a file of one line
        return "; a spec is a mapping of keys (logical_name: ..., columns: ...)"
    if error.validator == "type" and isinstance(value, str):
        return _unquoted(value, error.validator_value)
    if error.validator == "type" and path[-1:] == ["default_value"]:
        return (
            "; default_value is a Boolean column's default (true or false): Dataverse keeps "
            "none for other types (a choice's is default_form_value: one of its option values)"
        )
    if error.validator == "pattern" and isinstance(value, str):
        return _name_hint(value, str(error.validator_value))
    return ""


_NUMBER_TEXT = re.compile(r"-?[0-9]+(\.[0-9]+)?")
YAML11_BOOLEANS = {
    "yes": "true",
    "on": "true",
    "y": "true",
    "no": "false",
    "off": "false",
    "n": "false",
}
"""The booleans of YAML 1.1 (``no``), which YAML 1.2, as dvgen reads it, takes for text."""


def _unquoted(value: str, expected: Any) -> str:
    """A number or a boolean written in quotes (``'20'``, ``"false"``): YAML reads a string."""
    kinds = expected if isinstance(expected, list) else [expected]
    if value.lower() in ("true", "false") and "boolean" in kinds:
        return f"; write {value.lower()} without quotes"
    if value.lower() in YAML11_BOOLEANS and "boolean" in kinds:
        meant = YAML11_BOOLEANS[value.lower()]
        return f"; YAML 1.2 reads {value} as text: write {meant}"
    integer = "." not in value and "integer" in kinds
    if _NUMBER_TEXT.fullmatch(value) and (integer or "number" in kinds):
        return f"; write {value} without quotes"
    return ""


def _name_hint(value: str, pattern: str) -> str:
    """What a name must be, and the name meant where one is plain (``cln-room`` for
    ``cln_room``, ``cln_Room`` for a logical name ``cln_room``)."""
    logical = pattern == spec_schema()["$defs"]["logical_name"]["pattern"]
    rule = "lower-case ASCII letters" if logical else "ASCII letters"
    meant = re.sub(r"[^A-Za-z0-9_]", "_", value.lower() if logical else value)
    hint = f"; a name is {rule}, digits and '_', not starting with a digit"
    if meant and re.search(pattern, meant):
        return f"{hint}: did you mean {clip(meant)!r}?"
    return hint


def _build(data: dict[str, Any], root: yamlio.Root, where: Location) -> Spec:
    """A whole table, or a layer on one defined elsewhere (``parse.customization``)."""
    if "customizes" in data:
        return table_customization(data, root, where)
    if "customizes_choice" in data:
        return choice_customization(data, root, where)
    data = dict(data)
    data.setdefault("schema_name", data["logical_name"])
    data.pop(systemcolumns.OPT_OUT, None)  # a switch of the completion, no part of the table
    at = locator(root, where)
    columns = [column(c, at(["columns", i])) for i, c in enumerate(data.pop("columns", []))]
    related = relationships(data.pop("relationships", {}), at)
    keys = alternate_keys(data.pop("keys", []), at)
    messages = _messages(data.pop("messages", []), "messages", at)
    events = _messages(data.pop("events", []), "events", at)
    table = canonical.from_data(Table, data, where.at(yamlio.line_at(root, [])))
    return dataclasses.replace(
        table,
        columns=tuple(columns),
        keys=keys,
        relationships=related,
        messages=messages,
        events=events,
    )


def _messages(items: list[dict[str, Any]], kind: str, at: Where) -> tuple[Message, ...]:
    """The messages (or events), each at its own item, where the gate places one added or
    removed (a model file REF holds: ``HEAD:generated/model/<table>.yaml:15``)."""
    return tuple(canonical.from_data(Message, item, at([kind, i])) for i, item in enumerate(items))
