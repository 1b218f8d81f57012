"""Helpers of the evolution tests (no tests here): the evolution pairs, a synthetic table and
one edit of it per rule, and an independent comparison of two models' canonical data."""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dvgen import canonical
from dvgen.model import (
    AlternateKey,
    CascadeConfiguration,
    CascadeType,
    Choice,
    Column,
    ColumnType,
    DateTimeBehavior,
    Message,
    OneToManyRelationship,
    Relationships,
    RequiredLevel,
    Table,
    TableSet,
)
from tests.conftest import NO_SHARED, SHARED, parse_file, resolve_clean

EVOLUTION = SHARED / "evolution"


def evolution_pairs() -> list[tuple[Path, Path]]:
    """Every two consecutive versions of a table (file names sort oldest first)."""
    pairs = []
    for folder in sorted(p for p in EVOLUTION.glob("*") if p.is_dir()):
        versions = sorted(folder.glob("*.md"))
        pairs += list(itertools.pairwise(versions))
    return pairs


def pair_params() -> list[Any]:
    pairs = evolution_pairs()
    if not pairs:
        return [pytest.param(None, None, marks=pytest.mark.skip(reason=NO_SHARED), id="none")]
    return [pytest.param(a, b, id=f"{a.parent.name}-{b.stem}") for a, b in pairs]


def one(path: Path) -> TableSet:
    return resolve_clean([parse_file(path)])


# --- an independent comparison: canonical data, compared generically -----------------------

IDS = {
    "columns": "logical_name",
    "choices": "value",
    "many_to_one": "schema_name",
    "one_to_many": "schema_name",
    "many_to_many": "schema_name",
    "messages": "name",
    "events": "name",
    "keys": "logical_name",
}
MISSING = object()
PAGE_TEXT = ("page", "web_api_operation", "sdk")
"""Provenance and a message's documentation cells: never compared."""
RULED = {"max_length", "max_size_in_kb", "min_value", "max_value", "targets"}
RULED |= {"description", "display_name", "required_level", "type", "label"}
RULED |= {"valid_for_create", "valid_for_update", "valid_for_read", "cased_logical_name"}
"""Facets whose silent side has a meaning (or which a version always states): a facet that
only one version states is a change only for these."""


@dataclasses.dataclass(frozen=True)
class Item:
    """A list item matched by name: reported whole when only one side has it."""

    data: Any
    raw: Any
    """The item as the canonical data holds it."""


def _normal(value: Any, key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {k: _normal(v, k) for k, v in value.items() if k not in PAGE_TEXT}
    if isinstance(value, list) and key in IDS and all(isinstance(i, dict) for i in value):
        return {str(item[IDS[key]]): Item(_normal(item), item) for item in value}
    return value


def _plain(value: Any) -> Any:
    if value is MISSING:
        return None
    if isinstance(value, Item):
        return value.raw
    return value


def _compare(a: Any, b: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any, Any]]:
    if isinstance(a, Item) or isinstance(b, Item):
        if a is MISSING or b is MISSING:
            yield path, _plain(a), _plain(b)
        else:
            yield from _compare(a.data, b.data, path)
    elif isinstance(a, dict) or isinstance(b, dict):
        a = a if isinstance(a, dict) else {}
        b = b if isinstance(b, dict) else {}
        for key in sorted(set(a) | set(b)):
            yield from _compare(a.get(key, MISSING), b.get(key, MISSING), (*path, key))
    elif a != b and not _unstated(a, b, path):
        yield path, _plain(a), _plain(b)


def _unstated(a: Any, b: Any, path: tuple[str, ...]) -> bool:
    one_sided = (a is MISSING) != (b is MISSING)
    if one_sided and path[-1] == "date_time_behavior":
        return "DateOnly" not in (a, b)  # unstated is UserLocal: only DateOnly differs
    if one_sided and path[-1] in DEFAULTS and len(path) == 3:
        return False  # ``_silent_default``'s
    return one_sided and (path[-1] not in RULED or "extra" in path)


def independent_changes(old: TableSet, new: TableSet) -> set[tuple[str, tuple[str, ...], str]]:
    """(table, path, old -> new as JSON) of every difference of the two canonical data sets."""
    before = {t.logical_name: _normal(canonical.to_data(t)) for t in old.tables}
    after = {t.logical_name: _normal(canonical.to_data(t)) for t in new.tables}
    found: set[tuple[str, tuple[str, ...], str]] = set()
    for name in set(before) | set(after):
        if name not in before or name not in after:
            found.add((name, (), _json(None, None)))
            continue
        for path, a, b in _compare(before[name], after[name], ()):
            if _silent_default(path, a, b, (before[name], after[name])):
                continue
            found.add((name, path, _json(a, b)))
    return found


DEFAULTS = ("default_form_value", "default_value")
"""A column's defaults: stated by one version only, a change when the one stated fills the
column on create (the SQL DEFAULT, the JSON Schema ``default``)."""


def _silent_default(path: tuple[str, ...], a: Any, b: Any, tables: tuple[Any, Any]) -> bool:
    """A default one version states that fills nothing: a choice's -1, or a value none of
    its listed options is (a yes/no DefaultValue always fills)."""
    if path[-1] not in DEFAULTS or len(path) != 3 or (a is None) == (b is None):
        return False
    stated, table = (a, tables[0]) if b is None else (b, tables[1])
    if path[-1] == "default_value":
        return False
    column = table["columns"][path[1]].data
    values = [int(value) for value in column.get("choices", {})]
    return stated == -1 or (bool(values) and stated not in values)


def _json(a: Any, b: Any) -> str:
    return json.dumps([a, b], sort_keys=True, default=str)


def as_found(change: Any) -> tuple[str, tuple[str, ...], str]:
    if change.path == ():
        return change.table, (), _json(None, None)
    return change.table, change.path, _json(change.old, change.new)


# --- a synthetic table and one edit per rule -----------------------------------------------


def _column(name: str, kind: ColumnType, **facets: Any) -> Column:
    return Column(name, name, kind, **facets)


BASE = Table(
    "contoso_thing",
    "contoso_Thing",
    display_name="Thing",
    entity_set_name="contoso_things",
    primary_id_attribute="contoso_thingid",
    primary_name_attribute="contoso_name",
    description="A thing.",
    columns=(
        _column(
            "contoso_thingid",
            ColumnType.UNIQUEIDENTIFIER,
            required_level=RequiredLevel.SYSTEM_REQUIRED,
            valid_for_update=False,
        ),
        _column(
            "contoso_name",
            ColumnType.STRING,
            max_length=100,
            description="Its name.",
            format_name="Text",
        ),
        _column(
            "contoso_amount",
            ColumnType.DECIMAL,
            precision=2,
            min_value=0,
            max_value=1000,
            required_level=RequiredLevel.RECOMMENDED,
        ),
        _column(
            "contoso_kind",
            ColumnType.PICKLIST,
            choices=(Choice(1, "Small"), Choice(2, "Large")),
        ),
        _column("contoso_parentid", ColumnType.LOOKUP, targets=("contoso_thing",)),
        _column(
            "contoso_parentidname",
            ColumnType.STRING,
            max_length=100,
            attribute_of="contoso_parentid",
            valid_for_create=False,
            valid_for_update=False,
        ),
    ),
    relationships=Relationships(
        many_to_one=(
            OneToManyRelationship(
                "contoso_thing_parent",
                referenced_entity="contoso_thing",
                referenced_attribute="contoso_thingid",
                referencing_entity="contoso_thing",
                referencing_attribute="contoso_parentid",
                referencing_entity_navigation_property_name="contoso_parentid",
            ),
        )
    ),
    messages=(Message("Create"), Message("Update")),
)

Edit = Callable[[Table], Table]


def _columns(table: Table, name: str, **changes: Any) -> Table:
    columns = tuple(
        dataclasses.replace(c, **changes) if c.logical_name == name else c for c in table.columns
    )
    return dataclasses.replace(table, columns=columns)


def _without(table: Table, name: str) -> Table:
    columns = tuple(c for c in table.columns if c.logical_name != name)
    return dataclasses.replace(table, columns=columns)


def _choices(table: Table, *choices: Choice) -> Table:
    return _columns(table, "contoso_kind", choices=choices)


def _relationship(table: Table, **changes: Any) -> Table:
    (relationship,) = table.relationships.many_to_one
    changed = dataclasses.replace(relationship, **changes)
    return dataclasses.replace(table, relationships=Relationships(many_to_one=(changed,)))


WITH_STATUS = dataclasses.replace(
    BASE,
    columns=(
        *BASE.columns,
        _column(
            "statecode",
            ColumnType.STATE,
            required_level=RequiredLevel.SYSTEM_REQUIRED,
            choices=(
                Choice(0, "Active", default_status=1),
                Choice(1, "Inactive", default_status=2),
            ),
        ),
        _column(
            "statuscode",
            ColumnType.STATUS,
            choices=(
                Choice(1, "Active", state=0),
                Choice(2, "Inactive", state=1),
                Choice(3, "Waiting", state=0),
            ),
        ),
    ),
)
"""``BASE`` with a state and status pair, for the edits of a status reason."""
STATUS_EDITS = frozenset({"status-reason-moved"})
KEY = AlternateKey("contoso_namekey", "contoso_NameKey", columns=("contoso_name",))
"""An alternate key of ``BASE``'s name column, for the edits of alternate keys."""
WITH_KEY = dataclasses.replace(BASE, keys=(KEY,))
KEY_EDITS = frozenset({"key-removed", "key-changed"})
WITH_CASCADE = _relationship(
    BASE, cascade_configuration=CascadeConfiguration(delete=CascadeType.REMOVE_LINK)
)
"""``BASE`` whose relationship states its Delete behaviour, for the edits of it."""
CASCADE_EDITS = frozenset({"delete-restricted", "delete-cascaded"})
WITH_DATE = dataclasses.replace(
    BASE, columns=(*BASE.columns, _column("contoso_due", ColumnType.DATE_TIME))
)
"""``BASE`` with a DateTime column of no stated behaviour (UserLocal), for the edit of it."""

WITH_DEFAULT = _columns(
    BASE, "contoso_kind", required_level=RequiredLevel.SYSTEM_REQUIRED, default_form_value=1
)
"""``BASE`` whose choice is SystemRequired and filled by its DefaultFormValue, for the edit of
the default."""

UNLISTED = _choices(BASE)
"""``BASE`` whose choice lists no options (any integer), for the edits that state them."""


EDITS: dict[str, Edit] = {
    "entity-set-renamed": lambda t: dataclasses.replace(t, entity_set_name="contoso_thingset"),
    "column-removed": lambda t: _without(t, "contoso_name"),
    "type-changed": lambda t: _columns(t, "contoso_name", type=ColumnType.MEMO),
    "date-only-changed": lambda t: _columns(
        t, "contoso_due", date_time_behavior=DateTimeBehavior.DATE_ONLY
    ),
    "length-narrowed": lambda t: _columns(t, "contoso_name", max_length=50),
    "range-narrowed": lambda t: _columns(t, "contoso_amount", min_value=10),
    "precision-narrowed": lambda t: _columns(t, "contoso_amount", precision=1),
    "required-raised": lambda t: _columns(
        t, "contoso_name", required_level=RequiredLevel.SYSTEM_REQUIRED
    ),
    "default-removed": lambda t: _columns(t, "contoso_kind", default_form_value=-1),
    "column-access-removed": lambda t: _columns(t, "contoso_name", valid_for_update=False),
    "option-removed": lambda t: _choices(t, Choice(1, "Small")),
    "option-label-changed": lambda t: _choices(t, Choice(1, "Tiny"), Choice(2, "Large")),
    "status-reason-moved": lambda t: _columns(
        t,
        "statuscode",
        choices=(
            Choice(1, "Active", state=0),
            Choice(2, "Inactive", state=1),
            Choice(3, "Waiting", state=1),
        ),
    ),
    "lookup-target-removed": lambda t: _columns(t, "contoso_parentid", targets=("account",)),
    "relationship-removed": lambda t: dataclasses.replace(t, relationships=Relationships()),
    "property-renamed": lambda t: _columns(t, "contoso_name", cased_logical_name="contoso_Name"),
    "navigation-renamed": lambda t: _relationship(
        t, referencing_entity_navigation_property_name="contoso_ParentId"
    ),
    "delete-restricted": lambda t: _relationship(
        t, cascade_configuration=CascadeConfiguration(delete=CascadeType.RESTRICT)
    ),
    "delete-cascaded": lambda t: _relationship(
        t, cascade_configuration=CascadeConfiguration(delete=CascadeType.CASCADE)
    ),
    "message-removed": lambda t: dataclasses.replace(t, messages=(Message("Create"),)),
    "key-added": lambda t: dataclasses.replace(t, keys=(KEY,)),
    "key-added-with-primary": lambda t: dataclasses.replace(
        t, keys=(dataclasses.replace(KEY, columns=("contoso_thingid", "contoso_name")),)
    ),
    "key-removed": lambda t: dataclasses.replace(t, keys=()),
    "key-changed": lambda t: dataclasses.replace(
        t, keys=(dataclasses.replace(KEY, columns=("contoso_name", "contoso_kind")),)
    ),
    "column-added": lambda t: dataclasses.replace(
        t, columns=(*t.columns, _column("contoso_note", ColumnType.MEMO, max_length=2000))
    ),
    "column-added-closed": lambda t: dataclasses.replace(
        t, columns=(*t.columns, _column("contoso_note", ColumnType.MEMO, max_length=2000))
    ),
    "required-column-added": lambda t: dataclasses.replace(
        t,
        columns=(
            *t.columns,
            _column(
                "contoso_code", ColumnType.STRING, required_level=RequiredLevel.SYSTEM_REQUIRED
            ),
        ),
    ),
    "lookup-companion-removed": lambda t: _without(t, "contoso_parentidname"),
    "length-widened": lambda t: _columns(t, "contoso_name", max_length=200),
    "range-widened": lambda t: _columns(t, "contoso_amount", max_value=5000),
    "precision-widened": lambda t: _columns(t, "contoso_amount", precision=4),
    "facet-widened-unenforced": lambda t: _columns(t, "contoso_parentidname", max_length=200),
    "required-raised-in-apps": lambda t: _columns(
        t, "contoso_name", required_level=RequiredLevel.APPLICATION_REQUIRED
    ),
    "required-lowered": lambda t: _columns(t, "contoso_amount", required_level=RequiredLevel.NONE),
    "column-access-added": lambda t: _columns(t, "contoso_thingid", valid_for_update=True),
    "option-added": lambda t: _choices(t, Choice(1, "Small"), Choice(2, "Large"), Choice(3, "X")),
    "option-added-closed": lambda t: _choices(
        t, Choice(1, "Small"), Choice(2, "Large"), Choice(3, "X")
    ),
    "options-stated": lambda t: _choices(t, Choice(1, "Small"), Choice(2, "Large")),
    "options-stated-closed": lambda t: _choices(t, Choice(1, "Small"), Choice(2, "Large")),
    "options-unstated": _choices,
    "lookup-target-added": lambda t: _columns(
        t, "contoso_parentid", targets=("contoso_thing", "account")
    ),
    "relationship-added": lambda t: dataclasses.replace(
        t,
        relationships=Relationships(
            many_to_one=t.relationships.many_to_one,
            one_to_many=(OneToManyRelationship("contoso_thing_child"),),
        ),
    ),
    "message-added": lambda t: dataclasses.replace(t, messages=(*t.messages, Message("Delete"))),
    "description-changed": lambda t: _columns(t, "contoso_name", description="The name."),
    "display-name-changed": lambda t: dataclasses.replace(t, display_name="Object"),
    "facet-changed": lambda t: _columns(t, "contoso_name", format_name="Email"),
}
"""One edit of ``BASE`` per rule (table-added and table-removed: a table more or less)."""


WITH_OTHER_LOOKUP = dataclasses.replace(
    BASE,
    columns=(
        *BASE.columns,
        _column("contoso_otherid", ColumnType.LOOKUP, targets=("contoso_other",)),
    ),
)
"""``BASE`` with a lookup to ``contoso_other``, a table of no set yet: no foreign key."""
DERIVED = {"foreign-key-added": frozenset({"table-added"})}
"""Rules an edit gives only with another change (the table whose joining the set gives the
lookup its foreign key), and which no comparison of one table's data finds."""


def edited(rule: str) -> tuple[TableSet, TableSet]:
    """(before, after) of the edit that ``rule`` classifies."""
    other = dataclasses.replace(BASE, logical_name="contoso_other", schema_name="contoso_Other")
    if rule == "table-added":
        return TableSet((BASE,)), TableSet((BASE, other))
    if rule == "foreign-key-added":
        return TableSet((WITH_OTHER_LOOKUP,)), TableSet((WITH_OTHER_LOOKUP, other))
    if rule == "table-removed":
        return TableSet((BASE, other)), TableSet((BASE,))
    bases = {**dict.fromkeys(STATUS_EDITS, WITH_STATUS), **dict.fromkeys(KEY_EDITS, WITH_KEY)}
    bases |= {**dict.fromkeys(CASCADE_EDITS, WITH_CASCADE), "date-only-changed": WITH_DATE}
    bases["default-removed"] = WITH_DEFAULT
    bases |= dict.fromkeys(("options-stated", "options-stated-closed"), UNLISTED)
    base = bases.get(rule, BASE)
    return TableSet((base,)), TableSet((EDITS[rule](base),))
