"""A Web API property as a JSON Schema 2020-12 subschema: one type-mapping table plus facets.

| ApiKind | JSON Schema | facets |
|---|---|---|
| guid | string, format uuid | |
| string | string | maxLength, ``x-dataverse-format`` (a String or Memo's FormatName, not Text) |
| int32, int64 | integer | minimum, maximum (MinValue/MaxValue, default the type's range) |
| decimal, money, double | number | minimum, maximum, ``x-dataverse-precision`` |
| date | string, format date | pattern: year 1753 or later (Dataverse's earliest) |
| datetime | string, format date-time | pattern: year 1753 or later |
| boolean | boolean | oneOf of ``{const, title}`` (its two labels), default |
| choice (Picklist, State, Status) | integer | oneOf of ``{const, title}``, default (SQL's) |
| choices (MultiSelectPicklist) | string | pattern of the valid values, ``x-dataverse-options`` |
| entity_name | string (a table's logical name) | maxLength (where stated, as pydantic's) |
| managed_property | object: Value (required), CanBeChanged, ManagedPropertyLogicalName | |
| image | string, contentEncoding base64 | base64 pattern, maxLength from MaxSizeInKB (or default) |
| file | string, format uuid (a GET returns the file's id) | readOnly |
| lookup (``_x_value``) | string, format uuid | readOnly, ``x-dataverse-targets`` |

With ``choices = "open"`` a Picklist, Status or MultiSelectPicklist also takes option values
its spec does not list (an organisation adds options to system choices): ``anyOf`` the listed
``{const, title}`` and any Int32; a multi-select's pattern takes any integers. A State's
options are Dataverse's own and stay closed.

Every property may be ``null`` (no value; the primary key too: Dataverse writes it as ``null``
in a row of ``$apply=aggregate(...)``, web-api-query-data-sample.md, Section 7). ``readOnly``
marks what a create or update cannot set: a column valid for neither, a lookup's ``_x_value``
(set through its navigation property) and a file (uploaded through its own messages);
``writeOnly`` what a client may send but never reads back (a column valid for create or update,
not for read).

Decimal places are an annotation, ``x-dataverse-precision``, not ``multipleOf``: JSON numbers
are binary floats once parsed, and ``0.07 / 0.01`` is not an integer in floating point, so
validators (python-jsonschema, ajv) would reject valid amounts. The pydantic target enforces
the places exactly, on ``Decimal`` values.

A text column's format (Email, Url, Phone, Json, RichText...) is the annotation
``x-dataverse-format``, not ``format``: Dataverse validates no value against it
(``webapi.textformats``), and a validator asserting ``"format": "email"`` or ``"uri"`` would
refuse records Dataverse holds (``"not-an-email"``, ``www.contoso.com``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dvgen.createdefaults import create_default, default_option
from dvgen.diagnostics import Diagnostics
from dvgen.model import Choice, ColumnType, Table
from dvgen.webapi.facets import (
    BASE64_PATTERN,
    SINCE_1753,
    OptionSets,
    choices_pattern,
    decimal_places,
    image_max_length,
    number_range,
)
from dvgen.webapi.properties import (
    ApiKind,
    ApiProperty,
    accepts_unknown_options,
    api_properties,
)
from dvgen.webapi.states import create_defaults, state_status
from dvgen.webapi.textformats import text_format

Schema = dict[str, Any]

ANNOTATION_KEYWORDS = (
    "x-dataverse-format",
    "x-dataverse-options",
    "x-dataverse-precision",
    "x-dataverse-targets",
)
"""Keywords of ours; a strict validator (ajv) must be told of them (see docs/jsonschema.md)."""

UUID: Schema = {"type": "string", "format": "uuid"}

TYPE_MAPPING: dict[ApiKind, Schema] = {
    ApiKind.GUID: UUID,
    ApiKind.STRING: {"type": "string"},
    ApiKind.INT32: {"type": "integer"},
    ApiKind.INT64: {"type": "integer"},
    ApiKind.DECIMAL: {"type": "number"},
    ApiKind.MONEY: {"type": "number"},
    ApiKind.DOUBLE: {"type": "number"},
    ApiKind.DATE: {"type": "string", "format": "date", "pattern": SINCE_1753},
    ApiKind.DATETIME: {"type": "string", "format": "date-time", "pattern": SINCE_1753},
    ApiKind.BOOLEAN: {"type": "boolean"},
    ApiKind.CHOICE: {"type": "integer"},
    ApiKind.CHOICES: {"type": "string"},
    ApiKind.ENTITY_NAME: {"type": "string"},
    ApiKind.MANAGED_PROPERTY: {
        "type": "object",
        "properties": {
            "Value": {"type": "boolean"},
            "CanBeChanged": {"type": "boolean"},
            "ManagedPropertyLogicalName": {"type": ["string", "null"]},
        },
        "required": ["Value"],
    },
    ApiKind.IMAGE: {"type": "string", "contentEncoding": "base64", "pattern": BASE64_PATTERN},
    ApiKind.BINARY: {"type": "string", "contentEncoding": "base64", "pattern": BASE64_PATTERN},
    ApiKind.FILE: UUID,
    ApiKind.LOOKUP: UUID,
}


NULL: Schema = {"type": "null"}
"""The branch of ``oneOf``/``anyOf`` that takes ``null``: every property may be null."""

OTHER_OPTION: Schema = {
    "type": "integer",
    "minimum": -(2**31),
    "maximum": 2**31 - 1,
    "description": 'An option the organisation added (choices = "open").',
}
"""With ``choices = "open"``: any Int32 beside the listed options (``anyOf``, not ``oneOf``)."""


class PropertySchemas:
    """Builds the subschema of each property; facets per kind are methods named in FACETS."""

    def __init__(
        self,
        options: OptionSets,
        diagnostics: Diagnostics,
        choices: str = "closed",
        closed: bool = False,
    ) -> None:
        self.options = options
        self.diagnostics = diagnostics
        self.choices = choices
        """The ``choices`` setting: ``"open"`` also accepts values the spec does not list."""
        self.closed = closed
        """``properties = "closed"``: a managed property's object holds its three members only
        (``BooleanManagedProperty`` is no open type), as the pydantic model's."""

    def schema(self, table: Table, prop: ApiProperty) -> Schema:
        column = prop.column
        schema: Schema = {}
        if column.display_name:
            schema["title"] = column.display_name
        if column.description:
            schema["description"] = column.description
        base = TYPE_MAPPING[prop.kind]
        schema["type"] = [base["type"], "null"]
        schema.update((k, v) for k, v in base.items() if k != "type")
        facets = FACETS.get(prop.kind)
        if facets is not None:
            facets(self, table, prop, schema)
        if self.closed and prop.kind is ApiKind.MANAGED_PROPERTY:
            schema["additionalProperties"] = False
        if prop.record_read_only:
            schema["readOnly"] = True
        elif prop.write_only:
            schema["writeOnly"] = True
        if prop.is_lookup and prop.targets:
            schema["x-dataverse-targets"] = list(prop.targets)
        return schema

    def _string(self, table: Table, prop: ApiProperty, schema: Schema) -> None:
        if prop.column.max_length is not None:
            schema["maxLength"] = prop.column.max_length
        fmt = text_format(prop.column) if prop.kind is ApiKind.STRING else None
        if fmt is not None:
            schema["x-dataverse-format"] = fmt

    def _number(self, table: Table, prop: ApiProperty, schema: Schema) -> None:
        schema["minimum"], schema["maximum"] = number_range(
            prop.column, prop.kind, self.diagnostics
        )
        places = decimal_places(prop)
        if places is not None:
            schema["x-dataverse-precision"] = places

    def _choice(self, table: Table, prop: ApiProperty, schema: Schema) -> None:
        options = self.options.of(table, prop.column).options
        if options and accepts_unknown_options(prop.column, self.choices):
            schema["anyOf"] = [_branch(o.value, o) for o in options] + [OTHER_OPTION]
            schema["anyOf"] += [NULL]
        elif options:
            schema["oneOf"] = [_branch(o.value, o) for o in options] + [NULL]
        default = _create_default(table, prop, options)
        if default is not None:
            schema["default"] = default

    def _choices(self, table: Table, prop: ApiProperty, schema: Schema) -> None:
        options = self.options.of(table, prop.column).options
        known = () if accepts_unknown_options(prop.column, self.choices) else options
        schema["pattern"] = choices_pattern(known)
        if options:
            schema["x-dataverse-options"] = [_branch(o.value, o) for o in options]

    def _boolean(self, table: Table, prop: ApiProperty, schema: Schema) -> None:
        labels = {c.value: c for c in prop.column.choices}
        if set(labels) == {0, 1}:
            schema["oneOf"] = [_branch(v == 1, labels[v]) for v in (0, 1)] + [NULL]
        default = create_default(prop.column)
        if default is not None:
            schema["default"] = default

    def _image(self, table: Table, prop: ApiProperty, schema: Schema) -> None:
        longest = image_max_length(prop.column)
        if longest is not None:
            schema["maxLength"] = longest


def _create_default(table: Table, prop: ApiProperty, options: tuple[Choice, ...]) -> int | None:
    """What a create that leaves the choice out stores, as the SQL DEFAULT: a State or Status
    column's from the state model (the initial state, its default status; a State's initial
    state without one, a Status alone none: ``webapi.states.create_defaults``),
    a Picklist's DefaultFormValue as ``createdefaults.default_option`` holds it to ``options``."""
    if prop.column.type in (ColumnType.STATE, ColumnType.STATUS):
        present = {p.column.logical_name for p in api_properties(table)}
        rule = state_status(table, present)
        return create_defaults(table, present, rule).get(prop.column.logical_name)
    return default_option(prop.column, options)


Facet = Callable[[PropertySchemas, Table, ApiProperty, Schema], None]

FACETS: dict[ApiKind, Facet] = {
    ApiKind.STRING: PropertySchemas._string,
    ApiKind.ENTITY_NAME: PropertySchemas._string,
    ApiKind.INT32: PropertySchemas._number,
    ApiKind.INT64: PropertySchemas._number,
    ApiKind.DECIMAL: PropertySchemas._number,
    ApiKind.MONEY: PropertySchemas._number,
    ApiKind.DOUBLE: PropertySchemas._number,
    ApiKind.BOOLEAN: PropertySchemas._boolean,
    ApiKind.CHOICE: PropertySchemas._choice,
    ApiKind.CHOICES: PropertySchemas._choices,
    ApiKind.IMAGE: PropertySchemas._image,
}


def _branch(value: int | bool, choice: Choice) -> Schema:
    branch: Schema = {"const": value, "title": choice.label}
    if choice.description:
        branch["description"] = choice.description
    return branch
