"""How one layer's statement meets what earlier layers set: override, agree, or conflict.

Every value a layer sets is recorded with its *origin*: the layer's position (kind, rank) and
the place in its file. A later position overrides; the same position (two solutions of one
rank in dependency order, two YAML customizations) must agree; an *add* (a customization's
``columns:``, ``add_choices:``, ``relationships:``) must agree with whatever is there, since
changing something is said under ``changes:`` or ``relabel_choices:``. A conflict is an error
at the later place that names the earlier one.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from dvgen.diagnostics import Diagnostics, Location
from dvgen.model import LAYER_ORDER, Choice, ChoiceExtension, LayerKind, TableExtension

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T")
R = TypeVar("R", bound="DataclassInstance")

Position = tuple[int, int]
"""(index of the layer's kind in ``LAYER_ORDER``, rank): later positions override."""
BASE: Position = (-1, 0)
"""The position of a table's own definition."""
Key = tuple[Hashable, ...]
"""What a value belongs to: ``(table, column, facet)``, ``(table, column, "choice", 3)``."""

_NOT_FACETS = frozenset({"loc", "extra", "added_by", "logical_name", "choices", "targets"})
"""Fields that identify a record, say where it is or who added it, or merge item by item."""


_SAME_RANK = {
    LayerKind.EXTENSION_PAGE: "two extension pages must agree",
    LayerKind.SOLUTION: (
        "solutions neither of which depends on the other must agree: Dataverse keeps what the "
        "one installed last sets; name the order in the setting solution-order"
    ),
    LayerKind.CUSTOMIZATION: "two customizations must agree: keep one of them",
}
"""Why two layers of one position may not disagree, and what to do, by kind."""


def position_of(layer: TableExtension | ChoiceExtension) -> Position:
    return (LAYER_ORDER.index(layer.kind), layer.rank)


def layer_order(layer: TableExtension | ChoiceExtension) -> tuple[int, int, str, int]:
    """Where a layer applies: by kind and rank, then by file and line (never by read order)."""
    return (*position_of(layer), layer.loc.path, layer.loc.line)


@dataclass(frozen=True)
class Origin:
    position: Position
    loc: Location


def shown(value: Any) -> str:
    """A value as a message shows it: ``'Name'``, ``160``, ``ApplicationRequired``."""
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, tuple):
        return "[" + ", ".join(shown(v) for v in value) + "]"
    return str(value)


def stated(cls_field: dataclasses.Field[Any], value: Any) -> bool:
    """Whether a layer states a field: it differs from the field's default (unknown)."""
    return cls_field.default is dataclasses.MISSING or value != cls_field.default


class Tracker:
    """The origins of everything set so far, and the conflict check."""

    def __init__(self, diagnostics: Diagnostics) -> None:
        self.diagnostics = diagnostics
        self.origins: dict[Key, Origin] = {}
        self.restated: dict[Key, Origin] = {}
        """The last layer that stated each part as it already was (no origin: it changed
        nothing), so that a layer of its position stating it otherwise is a conflict."""

    def origin(self, key: Key, fallback: Origin) -> Origin:
        """The origin of ``key``, else of the nearest record holding it, else ``fallback``."""
        for end in range(len(key), 0, -1):
            found = self.origins.get(key[:end])
            if found is not None:
                return found
        return fallback

    def layered(self) -> dict[Hashable, list[tuple[Key, Origin]]]:
        """What layers set (no origin of a table's own spec), by the table it is in (a key's
        second element): grouped once for every table, not searched for each."""
        found: dict[Hashable, list[tuple[Key, Origin]]] = {}
        for key, origin in self.origins.items():
            if len(key) >= 3 and origin.position != BASE:
                found.setdefault(key[1], []).append((key, origin))
        return found

    def forget(self, key: Key) -> None:
        """Drop the origins of ``key`` and all it holds: a removed column defined anew starts
        afresh."""
        for known in [k for k in self.origins if k[: len(key)] == key]:
            del self.origins[known]
        for known in [k for k in self.restated if k[: len(key)] == key]:
            del self.restated[known]

    def settle(self, key: Key, new: Origin, fallback: Origin, what: str, values: Any) -> bool:
        """Whether a layer at ``new`` may set ``key`` from ``values[0]`` (the present value) to
        ``values[1]``; reports the conflict when not. ``what``: the subject and facet."""
        mine, theirs = values
        before = self.origin(key, fallback)
        if mine == theirs:
            if before.position != new.position:
                self.origins[key] = new
            return True
        restated = self.restated.get(key)
        if restated is not None and restated.position == new.position and self._agree(new):
            before = restated  # a layer of this position stated the value it has
        if before.position == new.position:
            self.diagnostics.error(
                new.loc,
                f"{what} {shown(theirs)} here, but {before.loc} sets it to {shown(mine)}: "
                + _SAME_RANK[LAYER_ORDER[new.position[0]]],
            )
            return False
        self.origins[key] = new
        return True

    @staticmethod
    def _agree(layer: Origin) -> bool:
        """Whether layers of one position must agree even where one restates what is there:
        not extension pages, whose column changes apply in file order."""
        return LAYER_ORDER[layer.position[0]] is not LayerKind.EXTENSION_PAGE

    def refuse_add(self, where: Location, before: Origin, what: str, values: Any, how: str) -> None:
        mine, theirs = values
        self.diagnostics.error(
            where,
            f"{what} {shown(theirs)} here, but {before.loc} defines it as {shown(mine)}: "
            f"an add must agree with what is there; to change it, {how}",
        )

    def merge_record(self, key: Key, present: R, new: R, at: Origin, adding: str | None) -> R:
        """``present`` with the facets ``new`` states, each checked (``adding``: how to change
        instead, for an add that must agree). Choices and targets are merged by the caller."""
        fallback = self.origin(key, Origin(BASE, getattr(present, "loc", at.loc)))
        updates: dict[str, Any] = {}
        for field in dataclasses.fields(present):
            value = getattr(new, field.name)
            if field.name in _NOT_FACETS or not stated(field, value):
                continue
            mine = getattr(present, field.name)
            if mine is not None and type(mine) is type(value) and _record_type(type(value)):
                value = fill_unknowns(value, mine)  # a part it leaves unstated (an older export)
            if mine == value or (field.name == "schema_name" and mine.lower() == value.lower()):
                self.restated[(*key, field.name)] = at
                continue
            what = f"{describe(key)}: {field.name}"
            if adding is not None:
                before = self.origin((*key, field.name), fallback)
                self.refuse_add(at.loc, before, what, (mine, value), adding)
            elif self.settle((*key, field.name), at, fallback, what, (mine, value)):
                updates[field.name] = value
        return dataclasses.replace(present, **updates) if updates else present

    def add_options(
        self,
        key: Key,
        present: tuple[Choice, ...],
        added: tuple[Choice, ...],
        at: Origin,
        strict: bool,
        where: tuple[Location, ...] = (),
    ) -> tuple[Choice, ...]:
        """``present`` with ``added``: a new value is appended; a value already there keeps
        its place and takes the new label (an override) unless ``strict`` (an add, which must
        agree) or a layer of the same position gave another. ``where``: each added option's
        own location, when the layer knows it (else ``at``'s)."""
        merged = {choice.value: choice for choice in present}
        fallback = self.origin(key, Origin(BASE, at.loc))
        for index, choice in enumerate(added):
            here = _each(at, where, index)
            mine = merged.get(choice.value)
            option = (*key, "choice", choice.value)
            if mine is None:
                merged[choice.value] = choice
                self.origins[option] = here
                continue
            what = f"{describe(key)}: option {choice.value} label"
            if mine.label == choice.label:
                merged[choice.value] = _with_extra(fill_unknowns(mine, choice), mine, choice)
                self.restated[option] = here
            elif strict:
                how = "list it under 'relabel_choices:'"
                before = self.origin(option, fallback)
                self.refuse_add(here.loc, before, what, (mine.label, choice.label), how)
            elif self.settle(option, here, fallback, what, (mine.label, choice.label)):
                merged[choice.value] = _with_extra(fill_unknowns(choice, mine), mine, choice)
        return tuple(merged.values())

    def relabel(
        self,
        key: Key,
        present: tuple[Choice, ...],
        relabeled: tuple[Choice, ...],
        at: Origin,
        where: tuple[Location, ...] = (),
    ) -> tuple[Choice, ...]:
        """``present`` with new labels (and descriptions) for values it holds; relabeling a
        value it does not hold is an error (adding is ``add_choices:``). ``where`` as for
        ``add_options``."""
        merged = {choice.value: choice for choice in present}
        fallback = self.origin(key, Origin(BASE, at.loc))
        for index, choice in enumerate(relabeled):
            here = _each(at, where, index)
            mine = merged.get(choice.value)
            if mine is None:
                values = ", ".join(str(v) for v in merged) or "none"
                self.diagnostics.error(
                    here.loc,
                    f"{describe(key)}: relabels option {choice.value}, which it does not have "
                    f"(its values: {values}); add an option under 'add_choices:'",
                )
                continue
            what = f"{describe(key)}: option {choice.value} label"
            option = (*key, "choice", choice.value)
            if self.settle(option, here, fallback, what, (mine.label, choice.label)):
                description = choice.description or mine.description
                merged[choice.value] = dataclasses.replace(
                    mine, label=choice.label, description=description
                )
        return tuple(merged.values())

    def add_foreign(
        self, key: Key, present: tuple[Choice, ...], foreign: tuple[Choice, ...], at: Origin
    ) -> tuple[Choice, ...]:
        """The options of ``foreign`` (a solution's, labelled only in another language than
        the set's) that ``present`` lacks, recorded at ``at``: the org has them, with the only
        label they have; one ``present`` holds keeps its own label."""
        values = {choice.value for choice in present}
        added = tuple(choice for choice in foreign if choice.value not in values)
        self.origins.update(((*key, "choice", choice.value), at) for choice in added)
        return added


def in_listed_order(merged: tuple[Choice, ...], listed: Iterable[int]) -> tuple[Choice, ...]:
    """``merged`` in the order ``listed`` (option values) gives its options: a solution states a
    choice whole, in the order the org's app shows it (an export lists the options so), so its
    order is the org's, options labelled only in another language than the set's included
    (``ColumnChange.choices_order``). An option ``listed`` lacks (a page newer than the export)
    stays after the option it follows in ``merged``, or first when it follows none of them."""
    order = dict.fromkeys(listed)
    by_value = {choice.value: choice for choice in merged}
    after: dict[int | None, list[Choice]] = {}
    anchor: int | None = None
    for choice in merged:
        if choice.value in order:
            anchor = choice.value
        else:
            after.setdefault(anchor, []).append(choice)
    result = list(after.get(None, ()))
    for value in order:
        if value in by_value:
            result.append(by_value[value])
            result.extend(after.get(value, ()))
    return tuple(result)


def describe(key: Key) -> str:
    """``column 'name' of table 'account'``, ``global choice 'budgetstatus'``: a key's subject."""
    kind, *rest = key
    if kind == "column":
        return f"column {rest[1]!r} of table {rest[0]!r}"
    if kind == "relationship":
        return f"relationship {rest[1]!r} of table {rest[0]!r}"
    if kind == "table":
        return f"table {rest[0]!r}"
    if kind == "key":
        return f"alternate key {rest[1]!r} of table {rest[0]!r}"
    return f"global choice {rest[0]!r}"


_RECORD_TYPES: dict[type, bool] = {}


def _record_type(kind: type) -> bool:
    """Whether a value of ``kind`` is a record, a dataclass instance (asked once per type:
    ``fill_unknowns`` asks of every field's value)."""
    found = _RECORD_TYPES.get(kind)
    if found is None:
        found = _RECORD_TYPES[kind] = dataclasses.is_dataclass(kind) and not issubclass(kind, type)
    return found


@functools.cache
def _fillable(kind: type) -> tuple[str, ...]:
    """The fields ``fill_unknowns`` fills, of one record type (looked up once per type)."""
    return tuple(
        f.name for f in dataclasses.fields(kind) if f.name not in ("loc", "extra", "added_by")
    )


def fill_unknowns(own: R, other: R) -> R:
    """``own`` with every unknown (None) field taken from ``other``, nested objects field-wise.

    ``own`` itself when nothing is filled: a nested record that comes back as another object
    gained a value (the fields compared, all but ``loc``, differ), so identity says it."""
    changes: dict[str, Any] = {}
    for name in _fillable(type(own)):
        mine = getattr(own, name)
        theirs = getattr(other, name)
        if theirs is None:
            continue
        if mine is None:
            changes[name] = theirs
        elif type(mine) is type(theirs) and _record_type(type(mine)):
            merged = fill_unknowns(mine, theirs)
            if merged is not mine:
                changes[name] = merged
    return dataclasses.replace(own, **changes) if changes else own


def _with_extra(option: Choice, mine: Choice, new: Choice) -> Choice:
    """``option`` (``mine`` and ``new`` merged) with the extras of both: what ``new`` states
    (its colour, an export restating an option only to colour it) over what ``mine`` had."""
    stated = {key for key, _ in new.extra}
    extra = (*(item for item in mine.extra if item[0] not in stated), *new.extra)
    return option if extra == option.extra else dataclasses.replace(option, extra=extra)


def _each(at: Origin, where: tuple[Location, ...], index: int) -> Origin:
    """``at`` at the ``index``-th item's own location, when ``where`` holds it."""
    return Origin(at.position, where[index]) if index < len(where) else at


def as_added(item: Any, layer: TableExtension) -> Any:
    """A column or relationship as ``layer`` adds it: its solution's (``added_by``), unless it
    names who added it or the layer is no solution's."""
    if item.added_by or not layer.solution:
        return item
    return dataclasses.replace(item, added_by=layer.solution)
