"""Alternate keys in a YAML spec (``keys:``): built located, and held to Dataverse's rules.

The rules are those of Microsoft's "Work with alternate keys" (``EntityKeyMetadata``): a key's
columns are of the types a unique index can hold (Decimal Number, Whole Number, Single line of
text, Date Time, Lookup, Choice), at most 16 columns a key and 10 keys a table, and no key on
a virtual table (its rows live elsewhere: Dataverse cannot make them unique). A key naming a
column the table does not have would give a unique constraint on nothing: an error too.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from dvgen import canonical
from dvgen.diagnostics import Location, clip
from dvgen.model import AlternateKey, TableType

KEY_COLUMN_CODE = "solution-key-column-unknown"
"""The warning of a solution's key naming a column the table does not have (or no key may use):
the key is left out."""
Problem = tuple[list[str | int], str]
"""Where (a path into the spec) and what is wrong (as ``parse.authoring``'s)."""

MAX_KEYS = 10
"""Alternate keys a table may have."""
MAX_COLUMNS = 16
"""Columns one key may have (a SQL Server index's limit)."""
KEY_TYPES = ("Customer", "DateTime", "Decimal", "Integer", "Lookup", "Owner", "Picklist", "String")
"""Column types a key may use: the documented metadata classes (Decimal, Integer, String,
DateTime, Lookup, Picklist); Customer and Owner columns are ``LookupAttributeMetadata`` too."""
BUILT_IN_KEY = "keyfornosqlentitywithpkpartitionid"
"""The key Dataverse gives every elastic table, over its primary key (a Uniqueidentifier, which
no maker's key may use) and ``partitionid`` (Microsoft's "Create elastic tables using code")."""
BUILT_IN_TYPES = (*KEY_TYPES, "Uniqueidentifier")


def alternate_keys(
    items: list[dict[str, Any]], at: Callable[[list[str | int]], Location]
) -> tuple[AlternateKey, ...]:
    """The ``keys:`` of a spec, each at its line; the schema name defaults to the logical
    name, as a column's does."""
    built = []
    for index, item in enumerate(items):
        data = {"schema_name": item["logical_name"], **item}
        built.append(canonical.from_data(AlternateKey, data, at(["keys", index])))
    return tuple(built)


def key_problems(data: dict[str, Any], columns: dict[str, Any] | None) -> Iterator[Problem]:
    """What Dataverse refuses in the spec's keys; ``columns`` (by logical name) for a whole
    table, None for a customization (its columns are checked as it applies)."""
    keys: list[dict[str, Any]] = data.get("keys", [])
    if keys and data.get("table_type") == "Virtual":
        yield ["keys"], "a virtual table cannot have alternate keys: Dataverse cannot enforce them"
    if len(keys) > MAX_KEYS:
        yield (
            ["keys", MAX_KEYS],
            f"{len(keys)} alternate keys: a table has at most {MAX_KEYS}",
        )
    elastic = data.get("table_type") == TableType.ELASTIC
    seen: set[str] = set()
    for index, key in enumerate(keys):
        name = key["logical_name"]
        if name in seen:
            yield ["keys", index, "logical_name"], f"alternate key {name!r} is listed twice"
        seen.add(name)
        yield from _key_columns(key, ["keys", index, "columns"], columns, elastic)


def _key_columns(
    key: dict[str, Any], path: list[str | int], columns: dict[str, Any] | None, elastic: bool
) -> Iterator[Problem]:
    names: list[str] = key["columns"]
    what = f"alternate key {key['logical_name']!r}"
    if len(names) > MAX_COLUMNS:
        yield [*path, MAX_COLUMNS], f"{what} has {len(names)} columns: at most {MAX_COLUMNS}"
    for index, name in enumerate(names):
        if name in names[:index]:
            yield [*path, index], f"{what} lists column {name!r} twice"
        elif columns is not None:
            built_in = elastic and key["logical_name"] == BUILT_IN_KEY
            problem = column_problem(name, columns.get(name), list(columns), built_in)
            if problem:
                yield [*path, index], f"{what}: {problem}"


def key_problem(
    key: AlternateKey, table: str, columns: Mapping[str, Any], table_type: object = None
) -> str | None:
    """Why ``key`` cannot stand on table ``table`` (its ``columns`` by logical name, its
    ``table_type``): the first of its columns that is missing, or of a type no key may use;
    None when every one can. Only an elastic table's built-in key holds a Uniqueidentifier."""
    built_in = table_type == TableType.ELASTIC and key.logical_name == BUILT_IN_KEY
    for name in key.columns:
        problem = column_problem(name, columns.get(name), list(columns), built_in)
        if problem:
            return f"alternate key {clip(key.logical_name)!r} of table {table!r}: {problem}"
    return None


def column_problem(name: str, column: Any, names: list[str], built_in: bool = False) -> str | None:
    """Why column ``name`` (its data or model object, None when missing) cannot be in a key
    (the ``built_in`` key of an elastic table, when it is that one)."""
    if column is None:
        close = difflib.get_close_matches(name, names, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return f"column {clip(name)!r} is no column of the table{hint}"
    kind = column["type"] if isinstance(column, dict) else str(column.type)
    allowed = BUILT_IN_TYPES if built_in else KEY_TYPES
    if kind not in allowed:
        return f"column {clip(name)!r} is of type {kind}; a key's columns are of type " + ", ".join(
            allowed
        )
    return None
