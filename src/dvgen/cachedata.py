"""The cache's data format: dvgen's model values as JSON, decoded into registered classes only.

A cache entry is data, never code: decoding builds only the dataclasses and enums registered
here (the model's, the diagnostics', and those other modules register), by setting their
fields (or calling the ``__init__`` dataclasses wrote for them, which does only that), so a file
someone else wrote can at worst make a wrong value of a known type, which the key check and the
content hash refuse long before (see ``cache``). Nothing is imported by name.

The encoding is exact for the types the model uses: tuples and lists stay apart (a JSON array
is a tuple, a list and a frozenset are tagged), ``Decimal`` keeps its digits, enums their
members, and a dataclass its fields in order (``loc`` included, which ``repr`` and ``==``
leave out).

Decoding is most of what a run after one change spends on the cache (145,000 objects at 1,000
tables), so each registered dataclass is written as its codec lays it out (``cachecodec``): a
bare array of its fields, or, when a value does not fit the layout, field by field in the tagged
form (``{"@": name, "v": [...]}``).
"""

from __future__ import annotations

import dataclasses
import enum
import json
from decimal import Decimal
from types import ModuleType
from typing import Any

from dvgen import collector, diagnostics, digests, model
from dvgen.cachecodec import CODECS, MEMBERS, Codec, Loose, carry

CLASS = "@"
"""Key of an object that is a registered dataclass: ``{"@": name, "c": [...]}`` (its codec's
array) or ``{"@": name, "v": [...]}`` (each field in the tagged form)."""
COMPACT = "c"
FIELDS = "v"
ENUM = "#"
LIST = "L"
DECIMAL = "$"
MAPPING = "M"
FROZENSET = "F"
_CLASSES: dict[str, type[Any]] = {}
_FIELDS: dict[type[Any], tuple[str, ...]] = {}


class UnknownType(TypeError):
    """A value of a type the cache cannot hold: the entry is not cached (only speed is lost)."""


def register(*classes: type[Any]) -> None:
    """Allow these dataclasses and enums in cache entries, under their class name. A codec's
    layout may use the classes registered before it or with it (never later ones, so that every
    process lays an object out the same way)."""
    for cls in classes:
        known = _CLASSES.setdefault(cls.__name__, cls)
        if known is not cls:
            raise ValueError(f"two cacheable classes are named {cls.__name__!r}")
        if dataclasses.is_dataclass(cls):
            _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
        elif issubclass(cls, enum.Enum):
            MEMBERS[cls] = {member.value: member for member in cls.__members__.values()}
    for cls in classes:
        if cls in _FIELDS:
            CODECS[cls] = Codec(cls, _FIELDS[cls])
    for codec in (CODECS[cls] for cls in classes if cls in _FIELDS):
        codec.lay_out((_encode, _tuples))


def _register_module(module: ModuleType) -> None:
    register(
        *(
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and value.__module__ == module.__name__
            and (dataclasses.is_dataclass(value) or issubclass(value, enum.Enum))
        )
    )


def _encode(value: Any) -> Any:
    if value is None or (
        isinstance(value, (str, bool, int, float)) and not isinstance(value, enum.Enum)
    ):
        return value
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    if isinstance(value, list):
        return {LIST: [_encode(item) for item in value]}
    kind = type(value)
    if isinstance(value, enum.Enum) and _CLASSES.get(kind.__name__) is kind:
        return {ENUM: [kind.__name__, value.value]}
    if kind in CODECS and _CLASSES.get(kind.__name__) is kind:
        return _encode_object(value, CODECS[kind])
    if isinstance(value, Decimal):
        return {DECIMAL: str(value)}
    if isinstance(value, dict):
        return {MAPPING: [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, frozenset):
        return {FROZENSET: [_encode(item) for item in sorted(value, key=repr)]}
    raise UnknownType(f"the cache holds no {kind.__module__}.{kind.__qualname__}")


def _encode_object(value: Any, codec: Codec) -> dict[str, Any]:
    """Its codec's array, or (a value that does not fit) each field in the tagged form."""
    name = codec.cls.__name__
    try:
        return {CLASS: name, COMPACT: codec.encode(value)}
    except Loose:
        return {CLASS: name, FIELDS: [_encode(item) for item in codec.values(value)]}


class _List(list[Any]):
    """A list decoded from its tag, told apart from the JSON arrays that become tuples."""


def _tuples(value: Any) -> Any:
    """JSON arrays as tuples, all the way down (objects were decoded already)."""
    if type(value) is list:
        return tuple([_tuples(item) for item in value])
    if type(value) is _List:
        return list(value)
    return value


def _object(data: dict[str, Any]) -> Any:
    """One JSON object, its members decoded already (``json`` decodes inside out)."""
    if CLASS in data:
        cls = _CLASSES[data[CLASS]]
        if COMPACT in data:
            if type(data[COMPACT]) is not list:  # (null is None only in a field)
                raise ValueError(f"no {cls.__name__}: {data[COMPACT]!r:.60}")
            return CODECS[cls].decode(data[COMPACT])
        return _tagged_object(cls, data[FIELDS])
    if ENUM in data:
        name, item = data[ENUM]
        return MEMBERS[_CLASSES[name]][item]
    if LIST in data:
        return _List([_tuples(item) for item in data[LIST]])
    if DECIMAL in data:
        return Decimal(data[DECIMAL])
    if MAPPING in data:
        return {_tuples(k): _tuples(v) for k, v in data[MAPPING]}
    if FROZENSET in data:
        return frozenset(_tuples(item) for item in data[FROZENSET])
    raise ValueError(f"an object with members {sorted(data)} is no cache value")


def _tagged_object(cls: type[Any], values: list[Any]) -> Any:
    names = _FIELDS[cls]
    if len(values) != len(names):
        raise ValueError(f"{cls.__name__}: {len(values)} fields, not {len(names)}")
    made = object.__new__(cls)
    for name, item in zip(names, values, strict=True):
        object.__setattr__(made, name, _tuples(item))
    return made


def dumps(value: Any) -> bytes:
    """The value as compact JSON (UnknownType when it holds an unregistered type)."""
    return json.dumps(_encode(value), ensure_ascii=False, separators=(",", ":")).encode()


def loads(data: bytes) -> Any:
    """The value ``dumps`` wrote; ValueError (or KeyError) for anything else.

    The collector pauses meanwhile (``paused``)."""
    with collector.paused():
        return _tuples(json.loads(data, object_hook=_object))


_register_module(diagnostics)  # first: the model's codecs lay out its Location as an array
_register_module(model)
carry(model.Table, digests.carried, digests.restore)
