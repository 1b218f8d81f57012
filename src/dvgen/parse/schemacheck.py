"""The spec schema compiled into one Python predicate: is a spec valid, yes or no.

jsonschema walks the schema anew for every value (a validator object per step, references
looked up each time): right for its messages, slow for the common case, a valid spec. This
compiles the same schema once into closures that answer only "valid?", and the reader asks
jsonschema for the messages when the answer is no. The schema stays the one source of truth:
the closures are built from it, keyword by keyword, with jsonschema's semantics (types as its
type checker has them, ``pattern`` by ``re.search``, keywords applying only to their kind of
value). A schema using a keyword not known here compiles to nothing (every spec then goes to
jsonschema), and a value whose answer could differ from jsonschema's (a type the loader never
makes, items only ``uniq`` can compare) raises :class:`Doubt`: jsonschema decides.
``tests/test_yaml_fast.py`` checks the answers against jsonschema on every corpus spec and on
fuzzed ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

Check = Callable[[Any], bool]

_ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "default"})
_KNOWN_VALUES = frozenset({dict, list, str, bool, int, Decimal, type(None)})
"""What dvgen's YAML loader makes (besides tagged values); anything else is in doubt."""


class Doubt(Exception):
    """The compiled check cannot answer as jsonschema would: ask jsonschema."""


class Unsupported(Exception):
    """The schema uses a keyword (or form of one) this compiler does not know."""


def _is(*kinds: type) -> Check:
    """Whether a value is of one of ``kinds``: exactly, for the loader makes no subclasses;
    :class:`Doubt` for a value of a type it does not make."""
    accepted = frozenset(kinds)

    def check(value: Any) -> bool:
        kind = type(value)
        if kind in accepted:
            return True
        if kind in _KNOWN_VALUES:
            return False
        raise Doubt(kind.__name__)

    return check


_TYPES: dict[str, Check] = {
    "object": _is(dict),
    "array": _is(list),
    "string": _is(str),
    "boolean": _is(bool),
    "null": _is(type(None)),
    "integer": _is(int),
    "number": _is(int, Decimal),
}
"""jsonschema's draft 2020-12 type checker, for the values dvgen's loader makes (``bool`` is
neither integer nor number; a Decimal is a number, never an integer)."""
_OBJECT, _ARRAY, _STRING, _NUMBER = (_TYPES[t] for t in ("object", "array", "string", "number"))


def compile_schema(schema: dict[str, Any]) -> Check | None:
    """The predicate of a whole schema (``$ref`` to its ``$defs``); None if it cannot be
    compiled exactly (a keyword or form not known here)."""
    compiler = _Compiler(schema)
    try:
        check = compiler.compile(schema)
    except Unsupported:
        return None
    return check


class _Compiler:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.defs: dict[str, Check] = {}

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return lambda _value: True
        if schema is False:
            return lambda _value: False
        if not isinstance(schema, dict):
            raise Unsupported(repr(schema))
        checks = [self._keyword(key, value, schema) for key, value in schema.items()]
        parts = tuple(check for check in checks if check is not None)
        if len(parts) == 1:
            return parts[0]

        def every(value: Any) -> bool:
            for check in parts:
                if not check(value):
                    return False
            return True

        return every

    def _keyword(self, key: str, value: Any, schema: dict[str, Any]) -> Check | None:
        if key in _ANNOTATIONS or key in ("$defs", "then", "else"):
            return None  # $defs compile when referenced; then/else belong to "if"
        if key == "if":
            return self._if(value, schema.get("then", True), schema.get("else", True))
        if key == "properties":
            return _properties(
                {name: self.compile(sub) for name, sub in value.items()},
                schema.get("additionalProperties"),
                self.compile(schema.get("additionalProperties", True)),
            )
        if key == "additionalProperties":
            return None if "properties" in schema else _additional_alone(self, value)
        return _SIMPLE.get(key, _unsupported)(self, value)

    def _if(self, condition: Any, then: Any, otherwise: Any) -> Check:
        test, yes, no = self.compile(condition), self.compile(then), self.compile(otherwise)
        return lambda value: yes(value) if test(value) else no(value)

    def ref(self, target: Any) -> Check:
        if not isinstance(target, str) or not target.startswith("#/$defs/"):
            raise Unsupported(f"$ref {target!r}")
        name = target.removeprefix("#/$defs/")
        if name not in self.root.get("$defs", {}):
            raise Unsupported(f"$ref {target!r}")
        if name not in self.defs:
            self.defs[name] = _unset
            self.defs[name] = self.compile(self.root["$defs"][name])
        defs = self.defs

        def check(value: Any) -> bool:
            return defs[name](value)  # looked up when called: a definition may refer to itself

        return check


def _unset(_value: Any) -> bool:
    raise Doubt("a definition used while it is compiled")


def _unsupported(_compiler: _Compiler, value: Any) -> Check:
    raise Unsupported(repr(value))


def _properties(named: dict[str, Check], extra_schema: Any, extra: Check) -> Check:
    """``properties`` with ``additionalProperties`` (which applies to the other keys)."""
    others_free = extra_schema is None or extra_schema is True

    def check(value: Any) -> bool:
        if not _OBJECT(value):
            return True
        for key, item in value.items():
            sub = named.get(key) if isinstance(key, str) else None
            if sub is not None:
                if not sub(item):
                    return False
            elif not others_free and not extra(item):
                return False
        return True

    return check


def _additional_alone(compiler: _Compiler, value: Any) -> Check:
    extra = compiler.compile(value)
    return lambda v: not _OBJECT(v) or all(extra(item) for item in v.values())


def _type(_compiler: _Compiler, value: Any) -> Check:
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or any(name not in _TYPES for name in names):
        raise Unsupported(f"type {value!r}")
    checks = tuple(_TYPES[name] for name in names)
    return lambda v: any(check(v) for check in checks)


def _enum(_compiler: _Compiler, value: Any) -> Check:
    """Strings, or booleans (which jsonschema's ``equal`` tells from 0 and 1)."""
    if not isinstance(value, list):
        raise Unsupported(f"enum {value!r}")
    members = frozenset(value)
    if all(isinstance(item, str) for item in value):
        return lambda v: _STRING(v) and v in members
    if all(isinstance(item, bool) for item in value):
        return lambda v: isinstance(v, bool) and v in members
    raise Unsupported(f"enum {value!r}")  # jsonschema's ``equal`` of other types


def _pattern(_compiler: _Compiler, value: Any) -> Check:
    search = re.compile(value).search
    return lambda v: not _STRING(v) or search(v) is not None


def _bound(op: Callable[[Any, Any], bool]) -> Callable[[_Compiler, Any], Check]:
    def build(_compiler: _Compiler, limit: Any) -> Check:
        if not isinstance(limit, int | float) or isinstance(limit, bool):
            raise Unsupported(f"bound {limit!r}")
        return lambda v: not _NUMBER(v) or op(v, limit)

    return build


def _count(kind: Check) -> Callable[[_Compiler, Any], Check]:
    """minProperties, minItems, minLength: a size at least ``limit`` for values of ``kind``."""

    def build(_compiler: _Compiler, limit: Any) -> Check:
        if not isinstance(limit, int):
            raise Unsupported(f"count {limit!r}")
        return lambda v: not kind(v) or len(v) >= limit

    return build


def _required(_compiler: _Compiler, value: Any) -> Check:
    names = tuple(value)
    return lambda v: not _OBJECT(v) or all(name in v for name in names)


def _items(compiler: _Compiler, value: Any) -> Check:
    item = compiler.compile(value)
    return lambda v: not _ARRAY(v) or all(item(x) for x in v)


def _unique(_compiler: _Compiler, value: Any) -> Check:
    if value is not True:
        return lambda _v: True
    return _unique_items


def _unique_items(value: Any) -> bool:
    """jsonschema's ``uniq`` for lists of strings or of integers; other lists are in doubt."""
    if not _ARRAY(value):
        return True
    if all(type(x) is str for x in value) or all(type(x) is int for x in value):
        return len(set(value)) == len(value)
    raise Doubt("uniqueItems over mixed items")


def _property_names(compiler: _Compiler, value: Any) -> Check:
    name = compiler.compile(value)
    return lambda v: not _OBJECT(v) or all(name(key) for key in v)


def _one_of(compiler: _Compiler, value: Any) -> Check:
    options = tuple(compiler.compile(sub) for sub in value)
    return lambda v: sum(1 for option in options if option(v)) == 1


_SIMPLE: dict[str, Callable[[_Compiler, Any], Check]] = {
    "$ref": lambda compiler, value: compiler.ref(value),
    "type": _type,
    "enum": _enum,
    "pattern": _pattern,
    "minimum": _bound(lambda v, limit: v >= limit),
    "maximum": _bound(lambda v, limit: v <= limit),
    "minProperties": _count(_OBJECT),
    "minItems": _count(_ARRAY),
    "minLength": _count(_STRING),
    "required": _required,
    "items": _items,
    "uniqueItems": _unique,
    "propertyNames": _property_names,
    "oneOf": _one_of,
}
