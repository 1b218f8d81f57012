"""The cache's data format: every registered type back exactly, laid out by its codec, and a
table read back with its parts' digests."""

from __future__ import annotations

import dataclasses
import enum
import gc
import json
import types
import typing
from decimal import Decimal
from typing import Any

import pytest

import dvgen.solution.manifest  # noqa: F401  (registers SolutionInfo)
from dvgen import cachedata, digests
from dvgen.diagnostics import Location
from dvgen.model import Column, ColumnType, OneToManyRelationship, Relationships, Table

assert "SolutionInfo" in cachedata._CLASSES  # registered on import


def sample(hint: Any, seed: int) -> Any:
    """A value of type ``hint``; seeds pick union members, None, and vary every value."""
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        options = [arg for arg in args if arg is not types.NoneType]
        if len(options) < len(args) and seed % 3 == 0:
            return None
        return sample(options[seed % len(options)], seed + 1)
    if typing.get_origin(hint) in (tuple, list, frozenset):
        if len(args) == 2 and args[1] is Ellipsis:
            args = (args[0], args[0])
        made = [sample(arg, seed + index) for index, arg in enumerate(args)]
        return typing.get_origin(hint)(made)
    if typing.get_origin(hint) is dict:
        return {sample(args[0], seed): sample(args[1], seed + 1)}
    if hint is Any:
        return (seed, f"any {seed}", Decimal(f"{seed}.50"), [True], {"k": None})
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        members = list(hint)
        return members[seed % len(members)]
    if dataclasses.is_dataclass(hint):
        return instance(hint, seed)
    scalars = {str: f"text {seed} é \"'\n", bool: seed % 2 == 0, int: seed, float: seed + 0.25}
    return Decimal(f"{seed}.50") if hint is Decimal else scalars[hint]


def instance(cls: Any, seed: int) -> Any:
    hints = typing.get_type_hints(cls)
    fields = [f for f in dataclasses.fields(cls) if f.init]
    return cls(**{f.name: sample(hints[f.name], seed + i) for i, f in enumerate(fields)})


def same(a: Any, b: Any) -> bool:
    """Equal and of the same types all the way down, fields ``==`` leaves out (``loc``) too."""
    if type(a) is not type(b):
        return False
    if dataclasses.is_dataclass(a):
        return all(same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    if isinstance(a, (tuple, list)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return bool(a == b)


def back(value: Any) -> Any:
    return cachedata.loads(cachedata.dumps(value))


REGISTERED = sorted(cachedata._CLASSES.items())


@pytest.mark.parametrize(("name", "cls"), REGISTERED, ids=[name for name, _ in REGISTERED])
def test_every_registered_type_comes_back_exactly(name: str, cls: Any) -> None:
    values = list(cls) if issubclass(cls, enum.Enum) else [instance(cls, s) for s in range(4)]
    for value in values:
        assert same(back(value), value), value
        assert same(back([value, (value,)]), [value, (value,)])


def test_a_dataclass_is_a_bare_array_of_its_fields() -> None:
    column = Column("a", "A", ColumnType.LOOKUP, targets=("t",), loc=Location("p.md", 7))
    data = json.loads(cachedata.dumps(column))
    assert list(data) == ["@", "c"] and data["@"] == "Column"
    fields = dict(zip(cachedata._FIELDS[Column], data["c"], strict=True))
    assert fields["type"] == "Lookup"  # an enum as its value, not a tagged object
    assert fields["loc"] == ["p.md", 7] and fields["targets"] == ["t"]
    assert fields["required_level"] == "None" and fields["max_length"] is None


def test_a_value_that_does_not_fit_its_annotation_comes_back_exactly() -> None:
    """The layout follows the annotations; a value that breaks one is written field by field."""
    column = Column("a", "A", ColumnType.STRING)
    odd = [
        dataclasses.replace(column, type="String"),  # type: ignore[arg-type]
        dataclasses.replace(column, choices=[]),  # type: ignore[arg-type]
        dataclasses.replace(column, display_name=ColumnType.STRING),
        dataclasses.replace(column, loc=None),  # type: ignore[arg-type]
        Table("t", "T", columns=(column, column.logical_name)),  # type: ignore[arg-type]
    ]
    for value in odd:
        assert same(back(value), value), value
    assert json.loads(cachedata.dumps(odd[0]))["v"][2] == "String"


@pytest.mark.parametrize(
    "payload",
    [
        '{"@":"Column","c":["a"]}',  # too few fields
        '{"@":"Location","c":"a.md"}',
        '{"@":"Column","c":null}',
        '{"@":"Path","c":["x"]}',  # not registered
        '{"#":["Table","x"]}',  # not an enum
        '{"#":["ColumnType","Nope"]}',
        '{"@":"ColumnType","c":["String"]}',  # an enum is no dataclass
    ],
)
def test_a_payload_of_no_registered_value_is_refused(payload: str) -> None:
    with pytest.raises((ValueError, KeyError, TypeError)):
        cachedata.loads(payload.encode())


def related() -> Table:
    column = Column("c", "C", ColumnType.STRING, loc=Location("t.md", 9))
    rel = OneToManyRelationship("r", referenced_entity="u", loc=Location("t.md", 20))
    return Table("t", "T", columns=(column,), relationships=Relationships(many_to_one=(rel,)))


def test_a_table_read_back_brings_its_parts_digests() -> None:
    table = related()
    data = json.loads(cachedata.dumps(table))
    carried = data["c"][-1]
    assert carried == [digests.part_digest(part) for part in digests._parts(table)]
    forged = "f" * 2 * digests.PART_DIGEST
    data["c"][-1] = [forged, carried[1]]  # what the entry says is what the run uses
    read = cachedata.loads(json.dumps(data).encode())
    assert digests.part_digest(read.columns[0]) == forged
    assert digests.table_digest(read) != digests.table_digest(table)
    assert digests.table_digest(back(table)) == digests.table_digest(table)
    ids = [id(part) for part in digests._parts(read)]
    del read
    gc.collect()
    assert not any(key in digests._KNOWN for key in ids)  # forgotten with their table
    data["c"][-1] = carried[:1]
    with pytest.raises(ValueError, match="2 digests expected"):
        cachedata.loads(json.dumps(data).encode())


def test_a_table_digest_holds_everything_locations_included() -> None:
    table = related()
    column, rel = table.columns[0], table.relationships.many_to_one[0]
    variants = [
        dataclasses.replace(table, loc=Location("t.md", 2)),
        dataclasses.replace(table, columns=(dataclasses.replace(column, loc=Location("t.md")),)),
        dataclasses.replace(table, columns=(dataclasses.replace(column, max_length=5),)),
        dataclasses.replace(table, relationships=Relationships(one_to_many=(rel,))),
        dataclasses.replace(
            table,
            relationships=Relationships(many_to_one=(dataclasses.replace(rel, loc=Location("u")),)),
        ),
        dataclasses.replace(table, description="d"),
    ]
    found = {digests.table_digest(t) for t in [table, *variants]}
    assert len(found) == len(variants) + 1
    assert digests.table_digest(dataclasses.replace(table)) == digests.table_digest(table)
