"""The cache's codecs: each registered dataclass as a bare array of its fields, laid out once.

Reading the cache back is most of what a run after one change spends on it (145,000 objects at
1,000 tables), and a tagged object per value (``{"@": "Column", "v": [...]}``, each enum
``{"#": [...]}``) cost a dict, a hook call and a lookup each. A codec takes the layout from the
class's annotations: a field annotated as an enum holds its member's value, one annotated as a
registered dataclass (or a tuple of them) that object's own array, a scalar itself, anything
else the tagged form (``cachedata``). The annotation only chooses the layout: the encoder checks
each value's exact type and raises ``Loose`` for one that does not fit, and the object is then
written field by field, so the round trip never depends on an annotation being true.
"""

from __future__ import annotations

import dataclasses
import inspect
import typing
from collections.abc import Callable, Sequence
from functools import partial
from operator import attrgetter, itemgetter
from types import MemberDescriptorType, NoneType
from typing import Any

SCALARS = frozenset({str, int, float, bool, NoneType})
"""The types JSON gives back exactly as they were."""
CODECS: dict[type[Any], Codec] = {}
"""The codec of each registered dataclass (``cachedata.register``)."""
MEMBERS: dict[type[Any], dict[Any, Any]] = {}
"""Each registered enum: member value -> member (what ``Enum(value)`` finds, without its call)."""


class Loose(Exception):
    """A value that does not fit its codec's layout: the object is written field by field."""


def _getter(get: Callable[..., Any], keys: Sequence[Any]) -> Callable[[Any], tuple[Any, ...]]:
    """``attrgetter``/``itemgetter`` of ``keys`` that always returns a tuple (one key: not)."""
    if len(keys) > 1:
        return get(*keys)  # type: ignore[no-any-return]
    if keys:
        one = get(keys[0])
        return lambda value: (one(value),)
    return lambda value: ()


class Codec:
    """One registered dataclass as a bare array of its fields, laid out from its annotations
    once (``lay_out``): per field, how its value is written and read back; then what it
    carries, when a module asked (``carry``)."""

    def __init__(self, cls: type[Any], names: tuple[str, ...]) -> None:
        self.cls = cls
        self.names = names
        self.values = _getter(attrgetter, self.names)
        self.setters = _setters(cls, self.names) if "__slots__" in vars(cls) else None
        self.plain: Callable[[list[Any]], tuple[Any, ...]] = _getter(itemgetter, ())
        self.encoders: list[tuple[int, Callable[[Any], Any]]] = []
        self.decoders: list[tuple[int, Callable[[Any], Any]]] = []
        self.carried: Carry | None = None
        self.built = False
        """Whether an object is made by calling the class (a small one, no carry, the
        ``__init__`` dataclasses wrote): measured, 40% of the time for a ``Location``."""
        self.fast = _compiled(self)
        """The decoding, written for the layout as it is (``compile``)."""

    def lay_out(self, tagged: Coders) -> None:
        """Each field's coders from its annotation; ``tagged`` (the tagged form's) for a field
        of no other layout."""
        try:
            hints = typing.get_type_hints(self.cls)
        except Exception:  # an annotation that does not resolve: every field tagged
            hints = {}
        plain = []
        for index, name in enumerate(self.names):
            coders = _coders(hints.get(name, Any), tagged)
            if coders is None:
                plain.append(index)
            else:
                self.encoders.append((index, coders[0]))
                self.decoders.append((index, coders[1]))
        self.plain = _getter(itemgetter, plain)
        self.built = self.setters is not None and _plain_init(self.cls)
        self.compile()

    def decode(self, values: Any) -> Any:
        """The object ``encode`` wrote, from its array (whose members are JSON values, not
        yet read); None for null (a field of type ``X | None``). Other codecs hold this
        method from before the layout is final: it calls the decoding compiled last."""
        return self.fast(values)

    def compile(self) -> None:
        """``fast``, written for this layout: each field read and set by a line of its own
        (no loop over the fields, no list written back), as dataclasses writes ``__init__``.
        The code is made from the class's field names and indexes alone, never from data."""
        self.fast = _compiled(self)

    def encode(self, value: Any) -> list[Any]:
        """The fields as an array (and what the class carries, last); ``Loose`` when a value
        does not fit the layout."""
        values = list(self.values(value))
        if not SCALARS.issuperset(map(type, self.plain(values))):
            raise Loose
        for index, encode in self.encoders:
            values[index] = encode(values[index])
        if self.carried is not None:
            values.append(self.carried[0](value))
        return values


def _compiled(codec: Codec) -> Callable[[Any], Any]:
    """The decoding of ``codec``'s layout as straight-line code: check the array's length,
    make the object (by calling the class when ``built``, else setting each slot, or its
    ``__dict__`` at once), each field read by its decoder where it has one, what the class
    carries handed over last."""
    names, carried = codec.names, codec.carried
    size = len(names) + (carried is not None)
    read = dict(codec.decoders)
    scope: dict[str, Any] = {"cls": codec.cls, "new": object.__new__, "ValueError": ValueError}
    values = []
    for index in range(len(names)):
        item = f"values[{index}]"
        if index in read:
            scope[f"r{index}"] = read[index]
            item = f"r{index}({item})"
        values.append(item)
    lines = [
        "def decode(values):",
        "    if values is None:",
        "        return None",
        f"    if type(values) is not list or len(values) != {size}:",
        "        raise ValueError(f'no {cls.__name__}: {values!r:.60}')",
    ]
    if codec.built:
        lines.append(f"    return cls({', '.join(values)})")
    else:
        lines.append("    made = new(cls)")
        if codec.setters is not None:
            for index, (setter, item) in enumerate(zip(codec.setters, values, strict=True)):
                scope[f"s{index}"] = setter
                lines.append(f"    s{index}(made, {item})")
        else:  # a frozen dataclass's fields are its __dict__: filled at once
            pairs = ", ".join(f"{name!r}: {item}" for name, item in zip(names, values, strict=True))
            lines.append(f"    made.__dict__.update({{{pairs}}})")
        if carried is not None:
            scope["carry"] = carried[1]
            lines.append(f"    carry(made, values[{len(names)}])")
        lines.append("    return made")
    exec("\n".join(lines), scope)  # code made from field names and indexes, see above
    decode: Callable[[Any], Any] = scope["decode"]
    return decode


def _plain_init(cls: type[Any]) -> bool:
    """Whether calling ``cls`` with every field does nothing but set them: a frozen slotted
    dataclass of at most ``SMALL`` fields, all set by the ``__init__`` dataclasses wrote (no
    ``__post_init__``). Beyond that, setting each slot from here is faster."""
    params = getattr(cls, "__dataclass_params__", None)
    fields = dataclasses.fields(cls)
    return (
        params is not None
        and params.frozen
        and not hasattr(cls, "__post_init__")
        and all(f.init for f in fields)
        and len(fields) <= SMALL
        and getattr(vars(cls).get("__init__"), "__code__", None) is not None
        and vars(cls)["__init__"].__code__.co_filename == "<string>"  # made by dataclasses
    )


SMALL = 8


def _setters(cls: type[Any], names: tuple[str, ...]) -> tuple[Callable[[Any, Any], None], ...]:
    """Each field's slot setter (the member descriptor's, a third cheaper to call than
    ``object.__setattr__``), or ``object.__setattr__`` for a field that has none."""
    setters = []
    for name in names:
        slot = inspect.getattr_static(cls, name, None)
        if isinstance(slot, MemberDescriptorType):
            setters.append(slot.__set__)
        else:
            setters.append(partial(_set, name=name))
    return tuple(setters)


def _set(made: Any, value: Any, name: str) -> None:
    object.__setattr__(made, name, value)


Carry = tuple[Callable[[Any], Any], Callable[[Any, Any], None]]


def carry(cls: type[Any], write: Callable[[Any], Any], read: Callable[[Any, Any], None]) -> None:
    """Write ``write(obj)`` (JSON data) with each ``cls`` object of its codec's layout, and
    call ``read(obj, data)`` on each one read back: what is derived from an object and costly
    to derive again (``digests``). Set when ``cachedata`` is imported, before any entry is
    written or read, so that every process lays objects out alike."""
    CODECS[cls].carried = (write, read)
    CODECS[cls].built = False
    CODECS[cls].compile()


Coders = tuple[Callable[[Any], Any], Callable[[Any], Any]]


def _coders(hint: Any, tagged: Coders) -> Coders | None:
    """How a field annotated ``hint`` is written and read: None for a scalar as it is, an enum
    (or None) as its member's value, a registered dataclass (or None) or a tuple of them as
    their arrays, anything else in the tagged form."""
    args = typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, _UNION) else ()
    options = [arg for arg in args or (hint,) if arg is not NoneType]
    if all(option in SCALARS for option in options):
        return None
    if len(options) == 1 and options[0] in MEMBERS and _scalar_values(options[0]):
        return _enum_coders(options[0])
    if len(options) == 1 and options[0] in CODECS:
        return _object_coders(CODECS[options[0]])
    if typing.get_origin(hint) is tuple:
        item = typing.get_args(hint)
        if len(item) == 2 and item[1] is Ellipsis and item[0] in CODECS:
            return _tuple_coders(CODECS[item[0]])
    return tagged


_UNION = type(int | None)


def _scalar_values(cls: type[Any]) -> bool:
    """Whether every member's value is a JSON scalar other than null (which stands for None)."""
    return all(type(value) in SCALARS and value is not None for value in MEMBERS[cls])


def _enum_coders(cls: type[Any]) -> Coders:
    members = {**MEMBERS[cls], None: None}

    def encode(value: Any) -> Any:
        if value is None:
            return None
        if type(value) is not cls:
            raise Loose
        return value._value_  # what ``.value`` gives, without its descriptor's call

    return encode, members.__getitem__


def _object_coders(codec: Codec) -> Coders:
    cls = codec.cls

    def encode(value: Any) -> Any:
        if value is None:
            return None
        if type(value) is not cls:
            raise Loose
        return codec.encode(value)

    return encode, codec.decode


def _tuple_coders(codec: Codec) -> Coders:
    cls = codec.cls

    def encode(value: Any) -> Any:
        if type(value) is not tuple or not all(type(item) is cls for item in value):
            raise Loose
        return [codec.encode(item) for item in value]

    def decode(value: Any) -> Any:
        if type(value) is not list:
            raise ValueError(f"no tuple of {cls.__name__}")
        return tuple([codec.decode(item) for item in value])

    return encode, decode
