"""Fields of the pydantic target: one type-mapping table, and each field's prepared layout.

| ApiKind | Python type | constraints |
|---|---|---|
| guid, file, lookup | ``UUID`` with ``GuidFormat`` (8-4-4-4-12 hex text only) | |
| string, entity_name | ``str`` (strict) | max_length; ``x-dataverse-format`` (below) |
| int32, int64 | ``int`` (strict) | ge, le (MinValue/MaxValue, default the type's range) |
| decimal, money | ``Decimal`` with ``JsonNumber(ge, le, places)`` | bounds, decimal places |
| double | ``float`` (strict) | ge, le |
| date | ``date`` with ``IsoFormat`` (text only: no Unix timestamps) | |
| datetime | ``AwareDatetime`` with ``IsoFormat`` (an offset is required, as in RFC 3339) | |
| boolean | ``bool`` (strict) | |
| choice | its ``Choice`` enum (``int`` when no option is listed) | |
| choices | ``list[<Choice>]`` with ``CommaSeparated`` (parsed from and written as ``"1,3"``) | |
| managed_property | ``BooleanManagedProperty`` | |
| image | ``str`` (strict; the base64 text as carried) | base64 pattern, max_length |

A String or Memo's format (not Text) is ``json_schema_extra`` ``x-dataverse-format``, as the JSON
Schema's annotation: no ``EmailStr`` or ``AnyUrl``, which would refuse what Dataverse stores
(``webapi.textformats``).

Strict fields refuse values of another JSON type (``"5"`` for an int), as the JSON Schema
does. Each field is ``Annotated[<type> | None, <marker>, Field(...)] = None`` (the primary
key's ends with ``PrimaryKey``, after ``Field``: written only when read): a layout black
keeps whatever the names' lengths, since every bracket ends with a magic trailing comma. The
few lines that can still be too long (a long enum name) are split here as black splits them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dvgen.diagnostics import Diagnostics
from dvgen.escape import python_literal
from dvgen.model import Number, Table
from dvgen.targets.pydantic.enums import LINE_LENGTH, EnumClass, EnumPlan
from dvgen.targets.pydantic.names import FieldName, Namespace
from dvgen.webapi.facets import (
    BASE64_PATTERN,
    OPTION_KINDS,
    decimal_places,
    image_max_length,
    number_range,
)
from dvgen.webapi.properties import ApiKind, ApiProperty, api_properties
from dvgen.webapi.textformats import text_format

Import = tuple[str, str]
"""(module, name): ``from module import name``; a module starting with ``.`` is ours."""

BASE = "._base"
CHOICES_MODULE = ".choices"
PRIMARY_KEY = "PrimaryKey"
"""The marker of ``_base`` on the primary key: written back only when the record held it."""
ELEMENT_INDENT = 8
ARGUMENT_INDENT = 12
"""Of a ``Field(...)`` argument's line."""


@dataclass(frozen=True, slots=True)
class PyType:
    annotation: str
    imports: tuple[Import, ...] = ()
    strict: bool = False
    """``Field(strict=True)``: a value of another JSON type is refused, not converted."""
    marker: str | None = None
    """A class of ``_base`` that adapts the type to the Web API's JSON (see ``_base.py``)."""


UUID = PyType("UUID", (("uuid", "UUID"),), marker="GuidFormat")
TEXT = PyType("str", strict=True)
INTEGER = PyType("int", strict=True)
DECIMAL = PyType("Decimal", (("decimal", "Decimal"), (BASE, "JsonNumber")))
"""Its marker, ``JsonNumber(ge, le, places)``, is built per column."""

TYPE_MAPPING: dict[ApiKind, PyType] = {
    ApiKind.GUID: UUID,
    ApiKind.STRING: TEXT,
    ApiKind.INT32: INTEGER,
    ApiKind.INT64: INTEGER,
    ApiKind.DECIMAL: DECIMAL,
    ApiKind.MONEY: DECIMAL,
    ApiKind.DOUBLE: PyType("float", strict=True),
    ApiKind.DATE: PyType("date", (("datetime", "date"),), marker="IsoFormat"),
    ApiKind.DATETIME: PyType("AwareDatetime", (("pydantic", "AwareDatetime"),), marker="IsoFormat"),
    ApiKind.BOOLEAN: PyType("bool", strict=True),
    ApiKind.CHOICE: INTEGER,
    ApiKind.CHOICES: PyType("list[int]", marker="CommaSeparated"),
    ApiKind.ENTITY_NAME: TEXT,
    ApiKind.MANAGED_PROPERTY: PyType("BooleanManagedProperty", ((BASE, "BooleanManagedProperty"),)),
    ApiKind.IMAGE: TEXT,
    ApiKind.BINARY: TEXT,
    ApiKind.FILE: UUID,
    ApiKind.LOOKUP: UUID,
}


@dataclass(frozen=True, slots=True)
class FieldContext:
    name: str
    type_lines: tuple[str, ...]
    """The type element of ``Annotated[...]``, trailing comma included, split as black does."""
    marker_lines: tuple[str, ...]
    arguments: tuple[tuple[str, str], ...]
    """``Field(...)`` keyword arguments: (name, Python source of the value)."""
    closing_lines: tuple[str, ...] = ()
    """Markers after ``Field(...)``: ``PrimaryKey``."""


class FieldBuilder:
    """The fields of a table's model; ``imports`` collects what they use."""

    def __init__(self, enums: EnumPlan, diagnostics: Diagnostics) -> None:
        self.enums = enums
        self.diagnostics = diagnostics
        self.imports: set[Import] = set()

    def fields(self, table: Table, names: Namespace | None = None) -> list[FieldContext]:
        """The fields of the table's columns; their names are claimed in ``names``, where the
        aliases of navigation fields may already be taken (``navs``)."""
        names = Namespace() if names is None else names
        primary = table.primary_id_attribute
        return [
            self._field(table, prop, names, primary=prop.column.logical_name == primary)
            for prop in api_properties(table)
        ]

    def _field(
        self, table: Table, prop: ApiProperty, names: Namespace, primary: bool
    ) -> FieldContext:
        """The column's field; the primary key's may be absent or null, as every field may (a
        create or update body, a deep-inserted record, an ``@odata.id`` reference hold none; an
        aggregate row holds ``null``), and is written back only when read: ``PrimaryKey``."""
        column = prop.column
        py = TYPE_MAPPING[prop.kind]
        self.imports.update(py.imports)
        annotation, enum = py.annotation, None
        if prop.kind in OPTION_KINDS:
            enum = self.enums.of(table, column)
            annotation = self._choice(prop, enum)
        marker: tuple[str, ...] = ()
        if py.marker:
            self.imports.add((BASE, py.marker))
            marker = (f"{py.marker},",)
        if py is DECIMAL:
            marker = self._json_number(prop)
        if primary:
            self.imports.add((BASE, PRIMARY_KEY))
        return FieldContext(
            name=names.claim(_field_name(prop, names)),
            type_lines=type_lines(annotation, optional=True),
            marker_lines=marker,
            arguments=self._arguments(prop, strict=py.strict and enum is None),
            closing_lines=(f"{PRIMARY_KEY},",) if primary else (),
        )

    def _arguments(self, prop: ApiProperty, strict: bool) -> tuple[tuple[str, str], ...]:
        column = prop.column
        arguments = [("alias", python_literal(prop.name))]
        if strict:
            arguments.append(("strict", "True"))
        arguments += self._constraints(prop)
        extra = _schema_extra(prop)
        if extra:
            arguments.append(("json_schema_extra", dict_lines(extra)))
        if column.display_name:
            arguments.append(("title", python_literal(column.display_name)))
        if column.description:
            arguments.append(("description", python_literal(column.description)))
        return tuple(arguments)

    def _choice(self, prop: ApiProperty, enum: EnumClass | None) -> str:
        if enum is None:
            return "list[int]" if prop.kind is ApiKind.CHOICES else "int"
        if enum.shared:
            self.imports.add((CHOICES_MODULE, enum.name))
        return f"list[{enum.name}]" if prop.kind is ApiKind.CHOICES else enum.name

    def _json_number(self, prop: ApiProperty) -> tuple[str, ...]:
        low, high = number_range(prop.column, prop.kind, self.diagnostics)
        assert low is not None and high is not None
        arguments = [_decimal_literal(low), _decimal_literal(high), str(decimal_places(prop))]
        return call_lines("JsonNumber", arguments)

    def _constraints(self, prop: ApiProperty) -> list[tuple[str, str]]:
        column = prop.column
        if prop.kind in (ApiKind.INT32, ApiKind.INT64, ApiKind.DOUBLE):
            low, high = number_range(prop.column, prop.kind, self.diagnostics)
            assert low is not None and high is not None
            return [("ge", _float_literal(low)), ("le", _float_literal(high))]
        if prop.kind in (ApiKind.STRING, ApiKind.ENTITY_NAME) and column.max_length is not None:
            return [("max_length", str(column.max_length))]
        if prop.kind is ApiKind.BINARY:
            return [("pattern", python_literal(BASE64_PATTERN))]
        if prop.kind is ApiKind.IMAGE:
            longest = image_max_length(column)
            found = [("pattern", python_literal(BASE64_PATTERN))]
            return found + ([("max_length", str(longest))] if longest is not None else [])
        return []


def _schema_extra(prop: ApiProperty) -> list[str]:
    """Members of ``json_schema_extra`` (Python source), as the JSON Schema target's keywords:
    ``readOnly`` or ``writeOnly``, and the text format, an annotation that refuses nothing
    (Dataverse validates no value against it: ``webapi.textformats``)."""
    extra = []
    if prop.record_read_only:
        extra.append('"readOnly": True')
    elif prop.write_only:
        extra.append('"writeOnly": True')
    fmt = text_format(prop.column) if prop.kind is ApiKind.STRING else None
    if fmt is not None:
        extra.append(f'"x-dataverse-format": {python_literal(fmt)}')
    return extra


def _field_name(prop: ApiProperty, names: Namespace) -> str:
    """snake_case of the schema name; a lookup's is ``<name>_value`` when its navigation
    property has that name (a record given ``mspp_createdby`` must not fill the Guid field)."""
    name = FieldName(prop.column.schema_name, prop.column.logical_name)
    if prop.is_lookup and name in names.taken:
        return FieldName(name + "_value", prop.column.logical_name + "_value")
    return name


def type_lines(annotation: str, optional: bool) -> tuple[str, ...]:
    """``T | None,`` on one line when it fits, else split at ``|`` (and a ``list[...]`` at its
    bracket) as black does; a lone name black cannot split is left long."""
    whole = f"{annotation} | None," if optional else f"{annotation},"
    if not optional or ELEMENT_INDENT + len(whole) <= LINE_LENGTH:
        return (whole,)
    if ELEMENT_INDENT + len(annotation) <= LINE_LENGTH or not annotation.startswith("list["):
        return (annotation, "| None,")
    return ("list[", "    " + annotation[len("list[") : -1], "]", "| None,")


def dict_lines(members: Sequence[str]) -> str:
    """A dict literal as the value of a ``Field(...)`` argument: on one line when it fits, else
    one member a line, as black splits it (``json_schema_extra`` of a write-only
    VersionNumber column is 89 columns long)."""
    whole = "{" + ", ".join(members) + "}"
    if ARGUMENT_INDENT + len(f"json_schema_extra={whole},") <= LINE_LENGTH:
        return whole
    inner = " " * (ARGUMENT_INDENT + 4)
    return "{\n" + "".join(f"{inner}{m},\n" for m in members) + " " * ARGUMENT_INDENT + "}"


def call_lines(function: str, arguments: Sequence[str]) -> tuple[str, ...]:
    """A call as an element of ``Annotated[...]``: one line, or one argument per line."""
    whole = f"{function}({', '.join(arguments)}),"
    if ELEMENT_INDENT + len(whole) <= LINE_LENGTH:
        return (whole,)
    return (f"{function}(", *(f"    {a}," for a in arguments), "),")


def _decimal_literal(value: Number) -> str:
    """An int literal, or the exact decimal as a string (``JsonNumber`` takes both)."""
    if isinstance(value, int):
        return str(value)
    return python_literal(format(value, "f"))


def _float_literal(value: Number) -> str:
    """An int literal, or a float literal in black's spelling (``1e-12``, no ``e+``)."""
    if isinstance(value, int):
        return str(value)
    return repr(float(value)).replace("e+", "e")
