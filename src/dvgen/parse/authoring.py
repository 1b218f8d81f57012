"""The rules Dataverse enforces when a table is created, checked on a hand-written YAML spec.

A reference page describes a table Dataverse already made, so what it states is taken as it is
(a page cut short gets notes, never errors). A table written by hand is what its author asks
Dataverse to create, and Dataverse refuses a request that breaks these rules; each is a slip an
expert still makes (a primary name column misspelt, a String of 5,000 characters, a Money column
of 6 decimals), which would otherwise pass silently and give outputs Dataverse never would. Each
is an error at the line of the value, saying what to write instead. A model file dvgen wrote is
resolution's output and is not checked here (``yaml_spec.GENERATED``).

The limits are those of the Dataverse SDK's metadata classes: ``StringAttributeMetadata``'s
MaxSupportedLength (4,000) and ``MemoAttributeMetadata``'s (1,048,576); the MaxSupportedPrecision
of ``DecimalAttributeMetadata`` (10), ``MoneyAttributeMetadata`` (4) and
``DoubleAttributeMetadata`` (5); ``CreateEntityRequest.PrimaryAttribute`` is a
``StringAttributeMetadata``, and a table's primary id is its Uniqueidentifier key; formats are
the Web API's StringFormat, IntegerFormat and DateTimeFormat members. Across files, the two
hand-written sides of one relationship must agree (``parse.agreement``, called by ``resolve``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from dvgen.dataverse_tables import ACTIVITY_KEY, OWNER
from dvgen.diagnostics import Diagnostics
from dvgen.lookups import microsoft_name
from dvgen.parse.customization import Where
from dvgen.parse.keys import key_problems
from dvgen.parse.statuses import created_states, default_statuses, status_states
from dvgen.regarding import refusal

MAX_LENGTH = {"String": 4000, "Memo": 1_048_576}
"""MaxLength Dataverse accepts for a new column of each text type."""
LONGER = {"String": "use type Memo for longer text"}
MAX_PRECISION = {"Decimal": 10, "Money": 4, "Double": 5}
"""Precision (decimal places) Dataverse accepts for a new column of each number type."""
OWN_PRECISION = {"exchangerate": 12}
"""Columns Dataverse adds itself, beyond those limits: a spec may describe them as they are."""
_TEXT_FORMATS = (
    "Email", "Text", "TextArea", "Url", "TickerSymbol", "PhoneticGuide", "VersionNumber",
    "Phone", "Json", "RichText",
)  # fmt: skip
FORMATS = {
    "String": _TEXT_FORMATS,
    "Memo": _TEXT_FORMATS,
    "Integer": ("None", "Duration", "TimeZone", "Language", "Locale"),
    "DateTime": ("DateOnly", "DateAndTime"),
}
"""Format (and FormatName) of each type: the Web API's StringFormat, IntegerFormat and
DateTimeFormat members."""
MAX_SIZE_IN_KB = {"Image": 30_720, "File": 10_485_760}
"""MaxSizeInKB Dataverse accepts: an image of 30 MB, a file of 10 GB."""
CHOICE_TYPES = frozenset({"Picklist", "MultiSelectPicklist", "State", "Status"})
_NUMBERS = ("BigInt", "Decimal", "Double", "Integer", "Money")
_IMAGE = ("Image",)
FACET_TYPES: dict[str, tuple[str, ...]] = {
    "max_length": ("Memo", "String"),
    "precision": ("Decimal", "Double", "Money"),
    "precision_source": ("Money",),
    "is_base_currency": ("Money",),
    "min_value": _NUMBERS,
    "max_value": _NUMBERS,
    "max_size_in_kb": ("File", "Image"),
    "max_height": _IMAGE,
    "max_width": _IMAGE,
    "can_store_full_image": _IMAGE,
    "is_primary_image": _IMAGE,
    "targets": ("Customer", "Lookup", "Owner", "PartyList"),
    "choices": ("Boolean", *sorted(CHOICE_TYPES)),
    "global_choice_name": ("Boolean", *sorted(CHOICE_TYPES)),
    "default_form_value": tuple(sorted(CHOICE_TYPES)),
    "default_value": ("Boolean",),
    "date_time_behavior": ("DateTime",),
    "can_change_date_time_behavior": ("DateTime",),
    "format": tuple(sorted(FORMATS)),
    "format_name": tuple(sorted(FORMATS)),
}
"""The types each facet belongs to, as the SDK's metadata classes hold them (MaxLength is
``StringAttributeMetadata``'s and ``MemoAttributeMetadata``'s, Targets is
``LookupAttributeMetadata``'s, ...): a facet stated on a column of another type is taken by no
target and no Dataverse, most likely a slip (a ``max_length`` left on a column turned into a
Picklist, a ``precision`` on an Integer)."""
NO_DEFAULT = -1
"""DefaultFormValue -1: no option preselected, as Dataverse writes it."""

Problem = tuple[list[str | int], str]
"""Where (a path into the spec) and what is wrong."""


def problems(data: dict[str, Any], customization: bool) -> list[Problem]:
    """What Dataverse would refuse to create in the spec ``data``: a whole table, or the
    columns a customization adds (the facets it changes are checked where they apply). A table
    only Microsoft can have named (``account``, ``msdyn_workorder``) is one Dataverse made
    already, described as it is, like a reference page: its own columns go beyond what a new
    one may (``annotation.documentbody``, a String of 1,073,741,823; a BigInt key). The facets
    a customization changes in a column it does not add are checked as it applies, where the
    column's type is known (``changed``)."""
    listed = data.get("columns", [])
    if customization:
        return [*check_columns(listed), *key_problems(data, None)]
    columns: dict[str, Any] = {}
    for column in listed:  # the first of a name: a second is reported as a duplicate
        columns.setdefault(column["logical_name"], column)
    if microsoft_name(data["logical_name"]):
        return list(key_problems(data, columns))
    return [
        *key_problems(data, columns),
        *_schema_name(data, [], "table"),
        *_primaries(data, columns),
        *_activity(data),
        *_enabled_for_activities(data),
        *check_columns(listed),
        *_lookup_targets(data.get("relationships", {}), columns),
        *status_states(listed, created_states(data)),
        *default_statuses(listed),
        *_relationship_names(data.get("relationships", {})),
        *_own_sides(data["logical_name"], data.get("relationships", {})),
    ]


def report(
    found: list[Problem], at: Where, diagnostics: Diagnostics, code: str | None = None
) -> None:
    """Each problem as an error at its line (a warning, given its ``code``), in line order."""
    located = sorted((at(path), message) for path, message in found)
    for location, message in located:
        if code is None:
            diagnostics.error(location, message)
        else:
            diagnostics.warning(location, message, code)


def _closest(name: str, names: Any) -> str:
    close = difflib.get_close_matches(name, list(names), n=1)
    return f"did you mean {close[0]!r}?" if close else ""


def _index(data: dict[str, Any], name: str) -> int:
    return next(i for i, c in enumerate(data["columns"]) if c["logical_name"] == name)


def _of_type(columns: dict[str, Any], kind: str) -> list[str]:
    return [name for name, column in columns.items() if column["type"] == kind]


PRIMARY = (
    (
        "primary_id_attribute",
        "Uniqueidentifier",
        "the primary id",
        "a table's key is of type Uniqueidentifier",
    ),
    (
        "primary_name_attribute",
        "String",
        "the primary name",
        "Dataverse's primary name column is of type String (a single line of text)",
    ),
)
"""Each primary column a table names: its key, its type, what it is and the rule
(``CreateEntityRequest.PrimaryAttribute`` is a ``StringAttributeMetadata``)."""


def _primaries(data: dict[str, Any], columns: dict[str, Any]) -> Iterator[Problem]:
    for key, kind, what, rule in PRIMARY:
        name = data.get(key)
        if name is None:
            continue
        column = columns.get(name)
        if column is None:
            add = f"add {{logical_name: {name}, type: {kind}}} to columns"
            hint = _closest(name, _of_type(columns, kind)) or add
            yield [key], f"{key} {name!r} is no column; {hint}"
        elif column["type"] != kind:
            yield (
                ["columns", _index(data, name), "type"],
                f"column {name!r} is {what} ({key}): {rule}, not {column['type']}",
            )


ACTIVITY_RULES = (
    ("primary_name_attribute", ("subject",), "has subject as its primary name column"),
    ("ownership_type", ("UserOwned", "TeamOwned"), "is user or team owned"),
)
"""What a custom activity (keyed by ``activityid``) must be, per Microsoft's "Custom
activities" (powerapps-docs, developer/data-platform/custom-activities.md)."""


def _activity(data: dict[str, Any]) -> Iterator[Problem]:
    """A custom activity's primary name and ownership, where the spec states them."""
    if data.get("primary_id_attribute") != ACTIVITY_KEY:
        return
    for key, allowed, rule in ACTIVITY_RULES:
        value = data.get(key)
        if value is not None and value not in allowed:
            yield (
                [key],
                (
                    f"{key} {value!r}: a custom activity (key activityid) {rule}; "
                    f"write {key}: {allowed[0]}"
                ),
            )


def _enabled_for_activities(data: dict[str, Any]) -> Iterator[Problem]:
    """``has_activities: true`` on a table Dataverse cannot enable for activities (an
    activity, an elastic table: ``regarding.refusal``)."""
    reason = refusal(data.get("primary_id_attribute"), data.get("table_type"))
    if data.get("has_activities") is True and reason is not None:
        yield ["has_activities"], f"has_activities: true: {reason}; leave it out"


def check_columns(columns: list[dict[str, Any]]) -> Iterator[Problem]:
    """The columns' facets beyond what Dataverse accepts for their type."""
    for index, column in enumerate(columns):
        yield from _column(column, ["columns", index])


CHANGED = ("max_length", "precision", "max_size_in_kb", "format", "format_name")
"""The facets a customization's ``changes`` may set that have a limit for the column's type."""


def changed(kind: str, name: str, changes: dict[str, Any], options: list[int]) -> list[str]:
    """What Dataverse would refuse in a customization's change of an existing column ``name``
    of type ``kind`` (an update of its metadata is held to the limits a new column is):
    the facets it sets (a facet of another type among them), and a default option that is
    none of ``options`` (the column's, and those the change adds)."""
    column: dict[str, Any] = {"type": kind, "logical_name": name}
    stated = (facet for facet in changes if facet in CHANGED or facet in FACET_TYPES)
    column.update((facet, changes[facet]) for facet in stated if facet != "choices")
    if kind in CHOICE_TYPES and "default_form_value" in changes:
        column["default_form_value"] = changes["default_form_value"]
        column["choices"] = [{"value": value} for value in options]
    return [message for _, message in _column(column, [])]


def _column(column: dict[str, Any], path: list[str | int]) -> Iterator[Problem]:
    kind, name = column["type"], column["logical_name"]
    yield from _schema_name(column, path, "column")
    yield from _foreign_facets(column, path)
    length, limit = column.get("max_length"), MAX_LENGTH.get(kind)
    if length is not None and limit is not None and length > limit:
        instead = LONGER.get(kind, f"write max_length: {limit} at most")
        yield (
            [*path, "max_length"],
            f"column {name!r}: max_length {length:,} is over Dataverse's limit for a {kind} "
            f"column ({limit:,}); {instead}",
        )
    precision = column.get("precision")
    most = OWN_PRECISION.get(name) or MAX_PRECISION.get(kind)
    if precision is not None and most is not None and precision > most:
        yield (
            [*path, "precision"],
            f"column {name!r}: precision {precision} is over Dataverse's limit for a {kind} "
            f"column (0 to {most} decimal places); write precision: {most} at most",
        )
    size, largest = column.get("max_size_in_kb"), MAX_SIZE_IN_KB.get(kind)
    if size is not None and largest is not None and size > largest:
        yield (
            [*path, "max_size_in_kb"],
            f"column {name!r}: max_size_in_kb {size:,} is over Dataverse's limit for "
            f"{_article(kind)} {kind} column ({largest:,}); "
            f"write max_size_in_kb: {largest} at most",
        )
    yield from _default_option(column, path)
    yield from _formats(column, path)
    yield from _boolean_options(column, path)


def _schema_name(spec: dict[str, Any], path: list[str | int], what: str) -> Iterator[Problem]:
    """A schema name that is not the logical name in other case: Dataverse makes a new
    table's or column's LogicalName the SchemaName in lower case (``AttributeMetadata``), and
    the Web API names a lookup's navigation property by its SchemaName, so a slip here gives
    names no org would have."""
    name, schema_name = spec["logical_name"], spec.get("schema_name")
    if isinstance(schema_name, str) and schema_name.lower() != name:
        yield (
            [*path, "schema_name"],
            f"{what} {name!r}: schema_name {schema_name!r} is not {name!r} in other case, "
            "as Dataverse makes the logical name the schema name in lower case; write "
            f"schema_name: {name} in the capitals you want, or logical_name: {schema_name.lower()}",
        )


def _foreign_facets(column: dict[str, Any], path: list[str | int]) -> Iterator[Problem]:
    """Each facet the column states that its type does not have (``FACET_TYPES``)."""
    kind = column["type"]
    for facet, types in FACET_TYPES.items():
        if column.get(facet) in (None, []) or kind in types:
            continue
        yield (
            [*path, facet],
            f"column {column['logical_name']!r}: {_article(kind)} {kind} column has no "
            f"{facet} (a facet of {_listed(types)} columns): remove it, or correct the type",
        )


def _listed(types: tuple[str, ...]) -> str:
    return types[0] if len(types) == 1 else f"{', '.join(types[:-1])} and {types[-1]}"


def _boolean_options(column: dict[str, Any], path: list[str | int]) -> Iterator[Problem]:
    choices = column.get("choices")
    if column["type"] != "Boolean" or not choices:
        return
    values = sorted(choice["value"] for choice in choices)
    if values != [0, 1]:
        yield (
            [*path, "choices"],
            f"column {column['logical_name']!r}: a Boolean column's two options are value 0 "
            f"(false) and value 1 (true), not {', '.join(str(v) for v in values)}",
        )


def _formats(column: dict[str, Any], path: list[str | int]) -> Iterator[Problem]:
    known = FORMATS.get(column["type"])
    for key in ("format", "format_name"):
        value = column.get(key)
        if known is None or value is None or value in known:
            continue
        lowered = {name.lower(): name for name in known}
        meant = lowered.get(value.lower().replace(" ", ""))
        hint = f"did you mean {meant!r}?" if meant else _closest(value, known)
        yield (
            [*path, key],
            f"column {column['logical_name']!r}: {key} {value!r} is no format of "
            f"{_article(column['type'])} {column['type']} column ({', '.join(known)})"
            + (f"; {hint}" if hint else ""),
        )


def _article(word: str) -> str:
    return "an" if word[0] in "AEIOU" else "a"


def _default_option(column: dict[str, Any], path: list[str | int]) -> Iterator[Problem]:
    default, choices = column.get("default_form_value"), column.get("choices")
    if column["type"] not in CHOICE_TYPES or default in (None, NO_DEFAULT) or not choices:
        return
    values = [choice["value"] for choice in choices]
    if default not in values:
        listed = ", ".join(str(value) for value in values)
        yield (
            [*path, "default_form_value"],
            f"column {column['logical_name']!r}: default_form_value {default} is not among its "
            f"options ({listed}); write one of them, or -1 for no default",
        )


def _relationship_names(relationships: dict[str, Any]) -> Iterator[Problem]:
    """A relationship's schema name is unique in Dataverse: two relationships of one kind named
    alike are a copy and paste left unrenamed (a self-referencing one may be listed both as
    many-to-one and as one-to-many: the same relationship, seen from each end)."""
    for kind in ("many_to_one", "one_to_many", "many_to_many"):
        seen: set[str] = set()
        for index, rel in enumerate(relationships.get(kind, [])):
            name = rel["schema_name"].lower()
            if name in seen:
                yield (
                    ["relationships", kind, index, "schema_name"],
                    f"relationship {rel['schema_name']!r} is listed twice under {kind}: a "
                    "relationship's schema_name is unique; rename one",
                )
            seen.add(name)
    one_to_many = {
        rel["schema_name"].lower()
        for kind in ("many_to_one", "one_to_many")
        for rel in relationships.get(kind, [])
    }
    for index, rel in enumerate(relationships.get("many_to_many", [])):
        if rel["schema_name"].lower() in one_to_many:
            yield (
                ["relationships", "many_to_many", index, "schema_name"],
                f"relationship {rel['schema_name']!r} is listed under many_to_many and as a "
                "one-to-many relationship: a relationship's schema_name is unique; rename one",
            )


def _own_sides(table: str, relationships: dict[str, Any]) -> Iterator[Problem]:
    """A many-to-many relationship's ``this_table`` is the table's own side: another table
    there (the other table's, or a misspelling) would relate two other tables."""
    for index, rel in enumerate(relationships.get("many_to_many", [])):
        own = (rel.get("this_table") or {}).get("logical_name")
        if own is not None and own != table:
            yield (
                ["relationships", "many_to_many", index, "this_table", "logical_name"],
                f"relationship {rel['schema_name']!r}: this_table {own!r} is not the table "
                f"{table!r}: this_table is the table's own side, other_table the other's; "
                f"write logical_name: {table}",
            )


def _lookup_targets(relationships: dict[str, Any], columns: dict[str, Any]) -> Iterator[Problem]:
    """A many-to-one relationship references a table its lookup targets: in Dataverse the
    relationship makes the lookup, so they cannot disagree."""
    for index, rel in enumerate(relationships.get("many_to_one", [])):
        lookup = columns.get(rel.get("referencing_attribute")) or {}
        table = rel.get("referenced_entity")
        targets = lookup.get("targets") or []
        if table is None or not targets or table in targets or table == OWNER:
            continue  # ``owner``: the user or team an Owner column's targets name
        hint = _closest(table, targets) or f"add {table!r} to the lookup's targets"
        yield (
            ["relationships", "many_to_one", index, "referenced_entity"],
            f"relationship {rel['schema_name']!r}: referenced_entity {table!r} is not among the "
            f"targets of its lookup {lookup['logical_name']!r} ({', '.join(targets)}); {hint}",
        )
