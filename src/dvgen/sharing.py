"""The model as it crosses between processes: equal strings made one object, as the parsed
specs come back from the parse workers (``share``); slotted dataclasses pickled by their fields
(``pickle_by_fields``).

Each spec comes back from a worker as new objects: the same column names, descriptions and
labels, repeated over the tables (every table's ``createdby``, ``modifiedon``...), are as many
strings. At 1,000 tables 300,000 strings hold 20,000 values; sharing them takes the set from 60
to 41 MB in each process holding it, and its pickle for the render worker from 12.5 to 7.1 MB
(which the worker then unpickles into shared strings too), for about 0.3 s of the parent's time
while the workers parse.

A value is replaced only by an equal one, so no comparison, hash or output can tell: the model's
objects are frozen to their users, and this runs before any user has them.
"""

from __future__ import annotations

import copyreg
import dataclasses
import enum
import typing
from collections.abc import Callable
from functools import partial
from operator import attrgetter
from typing import Any

from dvgen import model
from dvgen.diagnostics import Diagnostic, Location

Layout = tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]
_LAYOUTS: dict[type[Any], Layout] = {}
_set = object.__setattr__


def share(value: Any, strings: dict[str, str]) -> None:
    """Make each string in the fields of the dataclass ``value`` (and of the dataclasses and
    tuples it holds) the first equal one ``strings`` holds, adding those it does not."""
    names, values = _LAYOUTS.get(type(value)) or _lay_out(type(value))
    for name, item in zip(names, values(value), strict=True):
        kind = type(item)
        if kind is str:
            found = strings.setdefault(item, item)
            if found is not item:
                _set(value, name, found)
        elif kind is tuple:
            shared = _shared_tuple(item, strings)
            if shared is not item:
                _set(value, name, shared)
        elif dataclasses.is_dataclass(kind):
            share(item, strings)


def _shared_tuple(items: tuple[Any, ...], strings: dict[str, str]) -> tuple[Any, ...]:
    """``items`` with shared strings: the same tuple when none changed."""
    shared: list[Any] = []
    changed = False
    for item in items:
        kind = type(item)
        found: Any
        if kind is str:
            found = strings.setdefault(item, item)
        elif kind is tuple:
            found = _shared_tuple(item, strings)
        else:
            if dataclasses.is_dataclass(kind):
                share(item, strings)
            found = item
        changed |= found is not item
        shared.append(found)
    return tuple(shared) if changed else items


def _lay_out(cls: type[Any]) -> Layout:
    """The fields of ``cls`` that may hold a string, by their annotations (all of them when an
    annotation does not resolve), and a getter of their values."""
    try:
        hints = typing.get_type_hints(cls)
    except Exception:
        hints = {}
    names = tuple(f.name for f in dataclasses.fields(cls) if _may_hold_text(hints.get(f.name, Any)))
    if len(names) > 1:
        values: Callable[[Any], tuple[Any, ...]] = attrgetter(*names)
    elif names:
        one = attrgetter(names[0])
        values = lambda value: (one(value),)  # noqa: E731
    else:
        values = lambda value: ()  # noqa: E731
    _LAYOUTS[cls] = (names, values)
    return _LAYOUTS[cls]


def _may_hold_text(hint: Any) -> bool:
    """Whether a field so annotated may hold a string: not a number, flag, enum member or
    ``Location`` (whose path each spec's parse shares already)."""
    if hint is str or hint is Any:
        return True
    if isinstance(hint, type):
        if issubclass(hint, enum.Enum | int | float | Location):
            return False
        return dataclasses.is_dataclass(hint) or issubclass(hint, tuple)
    args = typing.get_args(hint)
    return any(_may_hold_text(arg) for arg in args) if args else True


def pickle_by_fields() -> None:
    """Pickle the model's slotted dataclasses (and the diagnostics') as their class and field
    values, rebuilt by the constructor: Python 3.11's own way for a frozen dataclass with slots
    calls ``dataclasses.fields`` per object. Measured on the 1,000 parsed specs: pickled in
    0.64 s instead of 0.92 s (by the parse workers), unpickled in 0.28 s instead of 0.51 s."""
    for cls in [*vars(model).values(), Diagnostic, Location]:
        if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
            continue
        fields = dataclasses.fields(cls)
        if "__slots__" in vars(cls) and fields and all(f.init for f in fields):
            values = attrgetter(*(f.name for f in fields))
            copyreg.pickle(cls, partial(_by_fields, cls, values, len(fields) == 1))


def _by_fields(
    cls: type[Any], values: Callable[[Any], Any], single: bool, value: Any
) -> tuple[type[Any], tuple[Any, ...]]:
    found = values(value)
    return cls, (found,) if single else found
