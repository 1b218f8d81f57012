"""Choice enums of the pydantic target: which IntEnum each choice property uses, and where.

A choice column (Picklist, State, Status, MultiSelectPicklist) gets a ``Choice`` (an IntEnum
whose members also carry their ``label``):

- **local**, in its table's module, named ``<Model><Column>`` (``ContosoProjectPhase``; a
  publisher prefix or table name the column repeats is dropped: ``Account`` +
  ``AccountCategoryCode`` -> ``AccountCategoryCode``);
- **shared**, generated once in ``choices.py``, when its option set is global (see
  ``facets.OptionSets.is_shared``), named after the GlobalChoiceName with the case
  of a column that uses it (``componentstate`` -> ``ComponentState``).

Member names come from labels (``names.EnumMemberName``). A column that lists no
option has no enum: its field is a plain ``int``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from dvgen.escape import python_literal
from dvgen.model import Choice, Column, Table
from dvgen.targets.pydantic.names import ClassName, Namespace, member_names
from dvgen.webapi.facets import OPTION_KINDS, OptionSets
from dvgen.webapi.properties import accepts_unknown_options, api_properties

CLOSED_BASE = "Choice"
OPEN_BASE = "OpenChoice"
"""A ``Choice`` that also takes values it does not list: a value an organisation added
becomes a member named ``VALUE_<n>`` whose label is the value's text."""

LINE_LENGTH = 88
"""black's default: a member that may not fit on one line is written exploded."""


@dataclass(frozen=True, slots=True)
class Member:
    name: str
    value: int
    label: str
    compact: bool
    """One line (``NAME = 1, "label"``), else exploded with a magic trailing comma."""


@dataclass(frozen=True, slots=True)
class EnumClass:
    name: str
    doc: str
    members: tuple[Member, ...]
    shared: bool
    base: str = "Choice"
    """``OpenChoice`` when it also takes values it does not list (``choices = "open"``)."""

    @property
    def statement(self) -> str:
        return class_statement(self.name, self.base)


class EnumPlan:
    """The enum of every choice property; names claimed in ``names`` (models are in it)."""

    def __init__(
        self,
        tables: list[Table],
        options: OptionSets,
        names: Namespace,
        models: dict[str, str],
        choices: str = "closed",
    ) -> None:
        self.choices = choices
        self._by_column: dict[tuple[str, str], EnumClass] = {}
        self.shared: list[EnumClass] = []
        self.local: dict[str, list[EnumClass]] = {t.logical_name: [] for t in tables}
        self._plan_shared(options, names, models)
        for table in tables:
            for prop in api_properties(table):
                if prop.kind in OPTION_KINDS and not options.is_shared(table, prop.column):
                    self._plan_local(table, prop.column, options, names, models)

    def of(self, table: Table, column: Column) -> EnumClass | None:
        return self._by_column.get((table.logical_name, column.logical_name))

    def _plan_shared(self, options: OptionSets, names: Namespace, models: dict[str, str]) -> None:
        for global_name in options.shared_names():
            users = options.users(global_name)
            table, column = users[0]
            choices = options.of(table, column).options
            if not choices:
                continue
            name = names.claim(shared_name(global_name, users, models))
            is_open = any(accepts_unknown_options(c, self.choices) for _, c in users)
            enum = EnumClass(
                name,
                f"Options of the global choice {global_name}.",
                members(choices),
                True,
                OPEN_BASE if is_open else CLOSED_BASE,
            )
            self.shared.append(enum)
            for table, column in users:
                if options.is_shared(table, column):
                    self._by_column[table.logical_name, column.logical_name] = enum

    def _plan_local(
        self,
        table: Table,
        column: Column,
        options: OptionSets,
        names: Namespace,
        models: dict[str, str],
    ) -> None:
        choices = options.of(table, column).options
        if not choices:
            return
        model = models[table.logical_name]
        name = names.claim(local_name(model, table, column))
        where = f"{table.logical_name}.{column.logical_name}"
        title = f" ({column.display_name})" if column.display_name else ""
        base = OPEN_BASE if accepts_unknown_options(column, self.choices) else CLOSED_BASE
        doc = f"Options of the column {where}{title}."
        enum = EnumClass(name, doc, members(choices), False, base)
        self.local[table.logical_name].append(enum)
        self._by_column[table.logical_name, column.logical_name] = enum


def local_name(model: str, table: Table, column: Column) -> str:
    """``<Model><Column>``, without a publisher prefix or table name the column repeats."""
    schema = column.schema_name
    prefix, _, rest = table.schema_name.partition("_")
    if rest and schema.lower().startswith(prefix.lower() + "_"):
        schema = schema[len(prefix) + 1 :]
    part = ClassName(schema, fallback="Choice")
    for repeated in (model, ClassName(rest) if rest else model):
        size = len(repeated)
        if part.lower().startswith(repeated.lower()) and part[size : size + 1].isupper():
            part = ClassName(part[size:])
            break
    return ClassName(model + part)


def shared_name(global_name: str, users: list[tuple[Table, Column]], models: dict[str, str]) -> str:
    """The GlobalChoiceName in PascalCase, its words cased as a column using it spells them."""
    for _, column in users:
        if global_name == column.logical_name:
            return ClassName(column.schema_name)
    for _, column in users:
        head = global_name.removesuffix("_" + column.logical_name)
        if head and head != global_name:
            return ClassName((models.get(head) or ClassName(head)) + ClassName(column.schema_name))
    return ClassName(global_name, fallback="Choice")


def members(choices: tuple[Choice, ...]) -> tuple[Member, ...]:
    return _members(tuple((c.label, c.value) for c in choices))


@lru_cache(maxsize=8192)
def _members(options: tuple[tuple[str, int], ...]) -> tuple[Member, ...]:
    """The members of (label, value) pairs: cached, as the same options recur across tables
    (State, Status, the copies of a global choice's users)."""
    names = member_names(options)
    return tuple(
        Member(name, value, label, _fits(f"    {name} = {value}, {python_literal(label)}"))
        for name, (label, value) in zip(names, options, strict=True)
    )


def class_statement(name: str, base: str) -> str:
    """``class Name(Base):``, its base on a line of its own when too long, as black does."""
    line = f"class {name}({base}):"
    if len(line) <= LINE_LENGTH:
        return line
    return f"class {name}(\n    {base}\n):"


def _fits(line: str) -> bool:
    """Whether black surely keeps ``line`` whole: it counts a wide character as two columns,
    so each non-ASCII character counts as two here."""
    if line.isascii():
        return len(line) <= LINE_LENGTH
    return len(line) + sum(not c.isascii() for c in line) <= LINE_LENGTH
