"""Names and numbers checked once, where a spec becomes a model, whatever its format.

``parse_spec`` runs ``validate`` on every spec (reference page or YAML spec) before resolution,
so targets receive only what they can carry and never have to refuse input:

- **Names** (of tables, columns, relationships, lookup targets, global choices): Dataverse
  names are ASCII letters, digits and ``_``, not starting with a digit (every name of every
  real page is), and at most ``MAX_NAME`` characters: the limit of an EDM identifier (OData
  keeps names as they are, so a longer one cannot be written), far above the longest real one
  (64), and short enough that ``<table>.<suffix>`` stays a valid file name (255 bytes).
- **Numbers**: the properties Dataverse stores as 32-bit integers (option values, sizes,
  DefaultFormValue) must fit one; MaxLength is 1 to 1,073,741,823 (what Dataverse states for
  its longest text columns); Precision 0 to ``MAX_PRECISION``; MinValue/MaxValue at most
  ``MAX_DIGITS`` digits.

Each of these is an error, not a warning: Dataverse cannot hold such a name or number, so no
real page states one, and a guess (a clamp) would hide a typo. Where real pages do go beyond
what Microsoft documents (Precision 12 on ``exchangerate`` where Decimal is documented 0-10,
MaxLength 1,073,741,823 where Memo is documented up to 1,048,576), the limits sit at or above
what they state. MinValue/MaxValue beyond a type's own range (an Integer over 2,147,483,647)
stay as written: the targets narrow them to the type, with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from dvgen.diagnostics import Diagnostics, Location
from dvgen.model import (
    AlternateKey,
    ChoiceExtension,
    Column,
    ColumnChange,
    ManyToManyRelationship,
    Number,
    OneToManyRelationship,
    Relationships,
    Spec,
    Table,
)

MAX_NAME = 128
"""Characters in a name: an EDM SimpleIdentifier's limit (the real pages' longest is 64)."""

MAX_PRECISION = 38
"""Decimal places: the most digits a target carries (SQL Server's decimal holds 38). Dataverse
documents 0-10 for Decimal, 0-4 for Money and 0-5 for Double, and its own ``exchangerate``
columns state 12; the limit is far enough above both never to refuse a real page."""

MAX_TEXT_LENGTH = 1_073_741_823
"""MaxLength: what Dataverse states for its longest String and Memo columns (2^30 - 1)."""

INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)
"""What Integer and BigInt columns hold (Edm.Int32, Edm.Int64)."""
MONEY = (-922_337_203_685_477, 922_337_203_685_477)
"""What a Money column holds."""

MAX_DIGITS = 40
"""The most digits a number may have, before or after the point: no target carries more (SQL
Server's decimal holds 38 digits, a BigInt 19). Page cells are refused beyond it as they are
read (``parse.cells``); MinValue/MaxValue of any spec are checked here."""
NUMBER_LIMIT = Decimal(10) ** MAX_DIGITS

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

LOGICAL_FIELDS = frozenset(
    "logical_name primary_id_attribute primary_name_attribute attribute_of targets "
    "referenced_entity referenced_attribute referencing_entity referencing_attribute "
    "intersect_attribute intersect_entity_name entity1".split()
)
"""Fields holding logical names, which Dataverse keeps in lower case (schema names, entity set
and navigation property names may mix cases). The spec schema's ``logical_name`` pattern."""

TABLE_NAMES = (
    "logical_name",
    "schema_name",
    "entity_set_name",
    "collection_schema_name",
    "logical_collection_name",
    "primary_id_attribute",
    "primary_name_attribute",
)
"""The fields of a table holding names."""
_COLUMN_NAMES = (
    "logical_name",
    "cased_logical_name",
    "schema_name",
    "attribute_of",
    "global_choice_name",
)
_ONE_TO_MANY_NAMES = (
    "schema_name",
    "referenced_entity",
    "referenced_attribute",
    "referencing_entity",
    "referencing_attribute",
    "referenced_entity_navigation_property_name",
    "referencing_entity_navigation_property_name",
)
_SIDE_NAMES = ("logical_name", "intersect_attribute", "navigation_property_name")

_COUNTS = (0, INT32[1])
_SIZES = (1, INT32[1])
"""An image's height and width, a file's size: the spec schema's minimum is 1, so a 0 that
passed here would be written to a model file that does not read back."""
_COLUMN_NUMBERS: dict[str, tuple[int, int]] = {
    "max_length": (1, MAX_TEXT_LENGTH),
    "precision": (0, MAX_PRECISION),
    "precision_source": (0, 2),
    "source_type_mask": _COUNTS,
    "default_form_value": INT32,
    "max_height": _SIZES,
    "max_width": _SIZES,
    "max_size_in_kb": _SIZES,
}
"""Integer column properties and their inclusive bounds."""
_CHOICE_NUMBERS = ("value", "default_status", "state")


def name_problem(name: str, logical: bool = False) -> str | None:
    """Why ``name`` cannot be a Dataverse name (a ``logical`` one: in lower case), or None."""
    if len(name) > MAX_NAME:
        return f"is {len(name)} characters long, over the limit of {MAX_NAME}"
    if not _NAME.fullmatch(name):
        if not name:
            return "is empty"
        return "is not a name: ASCII letters, digits and '_' only, not starting with a digit"
    if logical and name != name.lower():
        return "is not a logical name: Dataverse writes logical names in lower case"
    return None


def number_problem(value: object, low: Number, high: Number) -> str | None:
    """Why ``value`` (when a number) is not within ``low``..``high``, or None."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return None
    if low <= value <= high:
        return None
    allowed = f"{low:,} to {high:,}" if high < NUMBER_LIMIT else f"at most {MAX_DIGITS} digits"
    return f"{_short(value)} is out of range (allowed: {allowed})"


def _short(value: object) -> str:
    text = str(value)
    return text if len(text) <= 30 else f"{text[:12]}...{text[-8:]} ({len(text)} characters)"


@dataclass(frozen=True, slots=True)
class _Checker:
    """Reports on one spec: ``file:line: error: <what>: <Key> <problem>``."""

    diagnostics: Diagnostics
    key: Callable[[str], str]

    def names(self, loc: Location, what: str, owner: object, fields: Iterable[str]) -> None:
        """Each name of ``owner`` once (a schema name defaulted to the logical name is not
        reported twice)."""
        seen: set[str] = set()
        for field in fields:
            value = getattr(owner, field)
            if value is not None and value not in seen:
                seen.add(value)
                self.name(loc, what, field, value)

    def name(self, loc: Location, what: str, field: str, value: str) -> None:
        problem = name_problem(value, field in LOGICAL_FIELDS)
        if problem is not None:
            self.diagnostics.error(loc, f"{what}: {self.key(field)} {_quoted(value)} {problem}")

    def number(self, loc: Location, what: str, field: str, value: Any, bounds: Any) -> None:
        problem = number_problem(value, *bounds)
        if problem is not None:
            self.diagnostics.error(loc, f"{what}: {self.key(field)} {problem}")

    def table(self, table: Table) -> None:
        what = _label("table", table.logical_name)
        self.names(table.loc, what, table, TABLE_NAMES)
        self.columns(table.columns)
        self.keys(table.keys)
        self.relationships(table.relationships)

    def keys(self, keys: Iterable[AlternateKey]) -> None:
        """An alternate key's names become SQL constraint names and model file keys."""
        for key in keys:
            what = _label("alternate key", key.logical_name)
            self.names(key.loc, what, key, ("logical_name", "schema_name"))
            for name in key.columns:
                self.name(key.loc, what, "columns", name)

    def columns(self, columns: Iterable[Column]) -> None:
        for column in columns:
            what = _label("column", column.schema_name or column.logical_name)
            self.names(column.loc, what, column, _COLUMN_NAMES)
            self.cased(column, what)
            self.column_values(column.loc, what, vars_of(column))

    def cased(self, column: Column, what: str) -> None:
        """A cased_logical_name is the logical_name with capitals, nothing else."""
        cased = column.cased_logical_name
        if cased is not None and (cased.lower() != column.logical_name or cased.islower()):
            self.diagnostics.error(
                column.loc,
                f"{what}: {self.key('cased_logical_name')} {_quoted(cased)} is not "
                f"{self.key('logical_name')} {_quoted(column.logical_name)} with capitals",
            )

    def column_values(self, loc: Location, what: str, values: dict[str, Any]) -> None:
        for target in values.get("targets") or ():
            self.name(loc, what, "targets", target)
        for field, bounds in _COLUMN_NUMBERS.items():
            self.number(loc, what, field, values.get(field), bounds)
        for field in ("min_value", "max_value"):
            self.number(loc, what, field, values.get(field), (-NUMBER_LIMIT, NUMBER_LIMIT))
        for choice in values.get("choices") or ():
            for field in _CHOICE_NUMBERS:
                self.number(loc, f"{what}: option", field, getattr(choice, field), INT32)

    def changes(self, changes: Iterable[ColumnChange]) -> None:
        for change in changes:
            what = _label("column", change.logical_name)
            self.name(change.loc, what, "logical_name", change.logical_name)
            self.column_values(change.loc, what, dict(change.changes))

    def relationships(self, relationships: Relationships) -> None:
        for one in (*relationships.many_to_one, *relationships.one_to_many):
            self.one_to_many(one)
        for many in relationships.many_to_many:
            self.many_to_many(many)

    def one_to_many(self, rel: OneToManyRelationship) -> None:
        what = _label("relationship", rel.schema_name)
        self.names(rel.loc, what, rel, _ONE_TO_MANY_NAMES)
        self.menu(rel.loc, what, rel.associated_menu_configuration)

    def many_to_many(self, rel: ManyToManyRelationship) -> None:
        what = _label("relationship", rel.schema_name)
        self.names(rel.loc, what, rel, ("schema_name", "intersect_entity_name", "entity1"))
        for side in (rel.this_table, rel.other_table):
            self.names(rel.loc, what, side, _SIDE_NAMES)
            self.menu(rel.loc, what, side.associated_menu_configuration)

    def menu(self, loc: Location, what: str, menu: Any) -> None:
        if menu is not None:
            self.number(loc, f"{what}: AssociatedMenuConfiguration", "order", menu.order, INT32)


def vars_of(column: Column) -> dict[str, Any]:
    return {name: getattr(column, name) for name in column.__dataclass_fields__}


def _quoted(name: str) -> str:
    return repr(name) if len(name) <= 40 else repr(name[:24] + "...")


def _label(kind: str, name: str | None) -> str:
    """``column 'x'``: what a message is about."""
    return f"{kind} {_quoted(name)}" if name else f"{kind} with no name"


def page_key(field: str) -> str:
    """``entity_set_name`` -> ``EntitySetName``: a property as reference pages write it."""
    special = {"max_size_in_kb": "MaxSizeInKB", "entity1": "Entity1"}
    return special.get(field) or "".join(part.capitalize() for part in field.split("_"))


def validate_columns(columns: Iterable[Column], diagnostics: Diagnostics) -> None:
    """Report every name and number of ``columns`` that no target can carry, as errors (a
    solution's shell: the columns a layer states of a table no spec of the set may define)."""
    _Checker(diagnostics, page_key).columns(columns)


def validate(spec: Spec, diagnostics: Diagnostics, page: bool = True) -> None:
    """Report every name and number of ``spec`` that no target can carry, as errors.

    ``page``: name properties as reference pages do (``LogicalName``), else as YAML specs do
    (``logical_name``).
    """
    checker = _Checker(diagnostics, page_key if page else str)
    if isinstance(spec, Table):
        checker.table(spec)
        return
    if isinstance(spec, ChoiceExtension):
        return  # option values and labels are checked where the choice's columns are
    what = _label("table", spec.logical_name)
    checker.name(spec.loc, what, "logical_name", spec.logical_name)
    checker.columns(spec.columns)
    checker.changes(spec.column_changes)
    checker.keys(spec.keys)
    checker.relationships(spec.relationships)
