"""The canonical form: model <-> plain data (dicts, lists, scalars), keys in field order.

Both directions are driven by the dataclass fields and their type hints, so the YAML format
cannot drift from the model. ``None``, empty lists and empty mappings are left out, except
an object stated but empty (``cascade_configuration: {}``), which reads back as itself.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable, Hashable
from decimal import Decimal
from functools import cache
from typing import Any, TypeVar, cast, get_args, get_origin

from dvgen import model
from dvgen.diagnostics import Location

T = TypeVar("T")
_PAIR_FIELDS = frozenset({"extra", "front_matter"})
"""Tuple-of-pairs fields, written as mappings."""
_SKIP = frozenset({"loc", "origins", "hand_written"})
"""Provenance, not definition: never written."""


def to_data(obj: Any) -> Any:
    """A model object as plain data, ready for YAML or JSON."""
    names = data_fields(cast(Hashable, type(obj)))
    if names is not None:
        out: dict[str, Any] = {}
        for name, pairs, optional in names:
            value = getattr(obj, name)
            if value is None or value == ():
                continue
            data = {k: to_data(v) for k, v in value} if pairs else to_data(value)
            if data or not isinstance(data, (list, dict)) or (optional and not pairs):
                out[name] = data
        return out
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, tuple):
        return [to_data(item) for item in obj]
    return obj


@cache
def data_fields(cls: Any) -> tuple[tuple[str, bool, bool], ...] | None:
    """(field name, is a tuple of pairs, defaults to None) of a model class; None for
    anything else. An optional object is written even when empty: left out, it would read
    back as None."""
    if not dataclasses.is_dataclass(cls):
        return None
    return tuple(
        (f.name, f.name in _PAIR_FIELDS, f.default is None)
        for f in dataclasses.fields(cls)
        if f.name not in _SKIP
    )


def from_data(cls: type[T], data: dict[str, Any], loc: Location | None = None) -> T:
    """Build ``cls`` from data already validated against the spec schema."""
    converters = _converters(cast(Any, cls))
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        kwargs[key] = converters[key](value, loc)
    if loc is not None and "loc" in _field_names(cast(Any, cls)):
        kwargs["loc"] = loc
    return cls(**kwargs)


Converter = Callable[[Any, Location | None], Any]


@cache
def _field_names(cls: Any) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))


@cache
def _converters(cls: Any) -> dict[str, Converter]:
    hints = typing.get_type_hints(cls, vars(model))
    return {
        f.name: _converter(hints[f.name], pairs=f.name in _PAIR_FIELDS)
        for f in dataclasses.fields(cls)
        if f.name not in _SKIP
    }


def _converter(hint: Any, pairs: bool = False) -> Converter:
    if pairs:
        return lambda value, _loc: tuple(
            (str(k), tuple(v) if isinstance(v, list) else v) for k, v in value.items()
        )
    origin = get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in get_args(hint) if arg is not type(None)]
        if Decimal in options:
            return lambda value, _loc: value if isinstance(value, int) else Decimal(str(value))
        return _converter(options[0])
    if origin is tuple:
        item = _converter(get_args(hint)[0])
        return lambda value, loc: tuple(item(v, loc) for v in value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        nested: type = hint
        return lambda value, loc: from_data(nested, value, loc)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        kind: type[enum.Enum] = hint
        return lambda value, _loc: kind(value)
    return lambda value, _loc: value


def field_value(cls: type, name: str, value: Any, loc: Location | None = None) -> Any:
    """One field of ``cls`` built from validated data, as :func:`from_data` builds it: a YAML
    customization changes single fields of a column (``required_level: ApplicationRequired``)."""
    return _converters(cast(Any, cls))[name](value, loc)
