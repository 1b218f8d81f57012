"""Records through both targets, for every table of the corpus and the seed.

Records are built from the specs (types, options, MaxLength, MinValue/MaxValue, Precision),
not from our output. A complete record (every property set, at its upper bounds) and a minimal
one (only what ``required`` lists) must be accepted by the JSON Schema (python-jsonschema with
format checking, and ajv) and by the pydantic model, and the model must write them back
unchanged. A wrong type, an out-of-range number, a too-long string, an unknown option or a
malformed uuid, in any property, must be rejected by all three. The pydantic model's own JSON
Schema must agree with ours on property names, JSON types, formats and bounds.
"""

from __future__ import annotations

import base64
import math
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pydantic
import pytest

from dvgen.config import Config
from dvgen.model import Table, TableSet
from dvgen.webapi.properties import ApiKind, ApiProperty, api_properties
from dvgen.webapi.states import state_status
from tests.test_jsonschema_validators import NO_AJV, needs_ajv, render_schemas, run_ajv
from tests.test_pydantic import imported, render

RANGES = {
    ApiKind.INT32: (-(2**31), 2**31 - 1),
    ApiKind.INT64: (-(2**63), 2**63 - 1),
    ApiKind.DECIMAL: (-(10**11), 10**11),
    ApiKind.MONEY: (-922337203685477, 922337203685477),
    ApiKind.DOUBLE: (-(10**11), 10**11),
}
LONGEST_BUILT = 100_000
"""A too-long value is built only for columns up to this MaxLength (Memo allows 1 GiB)."""
FORMATS = jsonschema.Draft202012Validator.FORMAT_CHECKER


@dataclass(frozen=True)
class Subject:
    """One table in both targets."""

    table: Table
    schema: dict[str, Any]
    model: type[pydantic.BaseModel]
    required: list[str]

    def validator(self) -> jsonschema.Draft202012Validator:
        return jsonschema.Draft202012Validator(self.schema, format_checker=FORMATS)


def subjects_of(
    tables: TableSet, package: str, root: Path, properties: str = "open"
) -> Iterator[list[Subject]]:
    schemas = render_schemas(tables, Config(properties=properties))
    with imported(render(tables, package, properties=properties)[0], root, package) as module:
        yield [subject(t, schemas[f"{t.logical_name}.schema.json"], module) for t in tables.tables]


def subject(table: Table, schema: dict[str, Any], module: ModuleType) -> Subject:
    models = [getattr(module, name) for name in module.__all__]
    model = next(m for m in models if m.__module__.endswith("." + table.logical_name))
    return Subject(table, schema, model, schema.get("required", []))


@pytest.fixture(scope="module", params=["corpus", "seed", "corpus-closed"])
def subjects(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[list[Subject]]:
    """The corpus and the seed; the corpus again with ``properties = "closed"``, whose
    records targets must take every record built here just as well."""
    which, _, properties = request.param.partition("-")
    tables: TableSet = request.getfixturevalue(f"{which}_set")
    root = tmp_path_factory.mktemp(request.param)
    package = f"dvgen_records_{request.param.replace('-', '_')}"
    yield from subjects_of(tables, package, root, properties or "open")


# --- values, from the spec -------------------------------------------------------------------


def bounds(prop: ApiProperty) -> tuple[Decimal, Decimal]:
    low, high = RANGES[prop.kind]
    column = prop.column
    minimum = Decimal(low) if column.min_value is None else max(Decimal(low), column.min_value)
    maximum = Decimal(high) if column.max_value is None else min(Decimal(high), column.max_value)
    return minimum, maximum


def number(prop: ApiProperty, value: Decimal) -> int | float:
    if prop.kind in (ApiKind.INT32, ApiKind.INT64):
        return int(value)
    return float(value)


def amount(prop: ApiProperty) -> float:
    """A value with two decimals (or fewer, as Precision allows), inside the bounds."""
    minimum, maximum = bounds(prop)
    places = min(2, prop.column.precision if prop.column.precision is not None else 2)
    value = Decimal("12.34").quantize(Decimal(1).scaleb(-places))
    if not minimum <= value <= maximum:
        value = maximum.quantize(Decimal(1).scaleb(-places), rounding="ROUND_FLOOR")
    return float(value)


def valid_value(table: Table, prop: ApiProperty) -> Any:
    column, kind = prop.column, prop.kind
    if kind in (ApiKind.GUID, ApiKind.LOOKUP, ApiKind.FILE):
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{table.logical_name}/{prop.name}"))
    if kind is ApiKind.STRING:
        return ('Contoso “Ü” "q" \\ ' * 10)[: column.max_length or 40]
    if kind is ApiKind.ENTITY_NAME:
        return "account"
    if kind in (ApiKind.INT32, ApiKind.INT64):
        return number(prop, bounds(prop)[1])
    if kind in (ApiKind.DECIMAL, ApiKind.MONEY, ApiKind.DOUBLE):
        return amount(prop)
    return OTHER_VALUES[kind](column)


OTHER_VALUES: dict[ApiKind, Any] = {
    ApiKind.DATE: lambda c: "2024-02-29",
    ApiKind.DATETIME: lambda c: "2023-04-07T21:59:01Z",
    ApiKind.BOOLEAN: lambda c: True,
    ApiKind.CHOICE: lambda c: c.choices[-1].value if c.choices else 7,
    ApiKind.CHOICES: lambda c: ",".join(str(o.value) for o in c.choices[-2:]) or "1,2",
    ApiKind.MANAGED_PROPERTY: lambda c: {
        "Value": True,
        "CanBeChanged": False,
        "ManagedPropertyLogicalName": "iscustomizable",
    },
    ApiKind.IMAGE: lambda c: base64.b64encode(b"\x89PNG\r\n\x1a\n not really").decode(),
    ApiKind.BINARY: lambda c: base64.b64encode(b"%PDF-1.7 not really").decode(),
}

WRONG_TYPE: dict[ApiKind, Any] = {
    ApiKind.GUID: 12345,
    ApiKind.STRING: 12345,
    ApiKind.INT32: "12",
    ApiKind.INT64: 1.5,
    ApiKind.DECIMAL: "12.5",
    ApiKind.MONEY: "12.5",
    ApiKind.DOUBLE: "12.5",
    ApiKind.DATE: 20240229,
    ApiKind.DATETIME: 1680904741,
    ApiKind.BOOLEAN: "true",
    ApiKind.CHOICE: "1",
    ApiKind.CHOICES: 1,
    ApiKind.ENTITY_NAME: ["account"],
    ApiKind.MANAGED_PROPERTY: True,
    ApiKind.IMAGE: 12345,
    ApiKind.BINARY: 12345,
    ApiKind.FILE: {"id": 1},
    ApiKind.LOOKUP: 12345,
}
MALFORMED_UUIDS = (
    "not-a-guid",
    "89390c24-9c72-e511-80d4-00155d2a68d",
    "89390c24-9c72-e511-80d4-00155d2a68dg",
    "89390c249c72e51180d400155d2a68d1",
    "{89390c24-9c72-e511-80d4-00155d2a68d1}",
)

MALFORMED_DATES = {
    ApiKind.DATE: ("2024-02-30", "2024-02-29T00:00:00Z", "29/02/2024"),
    ApiKind.DATETIME: ("2023-04-07T21:59:01", "2023-04-07T21:59Z", "2023-13-07T21:59:01Z"),
}


def invalid_values(prop: ApiProperty) -> Iterator[tuple[str, Any]]:
    """(what is wrong, value) for a property; each must be rejected."""
    column, kind = prop.column, prop.kind
    yield "wrong type", WRONG_TYPE[kind]
    if kind in (ApiKind.INT32, ApiKind.INT64):
        minimum, maximum = bounds(prop)
        yield "above MaxValue", number(prop, maximum) + 1
        yield "below MinValue", number(prop, minimum) - 1
    if kind in (ApiKind.STRING, ApiKind.ENTITY_NAME) and column.max_length is not None:
        if column.max_length < LONGEST_BUILT:
            yield "too long", "x" * (column.max_length + 1)
    if kind in (ApiKind.CHOICE, ApiKind.CHOICES) and column.choices:
        unknown = max(o.value for o in column.choices) + 1
        yield "unknown option", unknown if kind is ApiKind.CHOICE else f"{unknown}"
    if kind in (ApiKind.GUID, ApiKind.LOOKUP, ApiKind.FILE):
        for text in MALFORMED_UUIDS:
            yield "malformed uuid", text
    for text in MALFORMED_DATES.get(kind, ()):
        yield "malformed date", text
    if kind is ApiKind.BINARY:
        yield "not base64", "not base64!"


def full_record(table: Table) -> dict[str, Any]:
    """A value for every property: a status reason of the state chosen (``webapi.states``)."""
    props = api_properties(table)
    record = {p.name: valid_value(table, p) for p in props}
    names = {p.column.logical_name: p.name for p in props}
    rule = state_status(table, names)
    if rule is not None:
        own = dict(rule.pairs).get(record[names[rule.state]])
        if own:
            record[names[rule.status]] = own[-1]
    return record


def minimal_record(subject: Subject) -> dict[str, Any]:
    record = full_record(subject.table)
    return {name: record[name] for name in subject.required}


def bad_records(subject: Subject) -> Iterator[tuple[str, dict[str, Any]]]:
    base = minimal_record(subject)
    for prop in api_properties(subject.table):
        for problem, value in invalid_values(prop):
            yield (
                f"{subject.table.logical_name}.{prop.name}: {problem} {value!r}",
                base | {prop.name: value},
            )


# --- acceptance ------------------------------------------------------------------------------


def test_formats_are_checked() -> None:
    """python-jsonschema checks date-time only with rfc3339-validator (a test dependency)."""
    assert {"uuid", "date", "date-time"} <= set(FORMATS.checkers)


def test_complete_records_are_accepted_and_written_back(subjects: list[Subject]) -> None:
    for s in subjects:
        record = full_record(s.table)
        assert list(s.validator().iter_errors(record)) == [], s.table.logical_name
        model = s.model.model_validate(record)
        assert model.model_dump(by_alias=True, mode="json") == record, s.table.logical_name


def test_minimal_and_null_records_are_accepted(subjects: list[Subject]) -> None:
    for s in subjects:
        minimal = minimal_record(s)
        assert list(s.validator().iter_errors(minimal)) == []
        dumped = s.model.model_validate(minimal).model_dump(
            by_alias=True, mode="json", exclude_unset=True
        )
        assert dumped == minimal
        primary = s.table.primary_id_attribute
        nulls = {p.name: None for p in api_properties(s.table) if p.column.logical_name != primary}
        assert list(s.validator().iter_errors(nulls)) == []
        assert s.model.model_validate(nulls).model_dump(by_alias=True, mode="json") == nulls


def test_nothing_is_required_and_the_primary_key_may_be_null(subjects: list[Subject]) -> None:
    """A create body holds no key; a row of ``$apply=aggregate(...)`` holds it as ``null``
    (web-api-query-data-sample.md, Section 7), and is written back so."""
    for s in subjects:
        primary = [
            p.name
            for p in api_properties(s.table)
            if p.column.logical_name == s.table.primary_id_attribute
        ]
        assert s.required == []
        assert [n for n, f in s.model.model_fields.items() if f.is_required()] == []
        assert s.validator().is_valid({})
        assert s.model.model_validate({}).model_dump(by_alias=True, exclude_unset=True) == {}
        for name in primary:
            assert s.validator().is_valid({name: None})
            row = s.model.model_validate({name: None})
            assert row.model_dump(by_alias=True, mode="json", exclude_unset=True) == {name: None}


def test_web_api_annotations_are_allowed_and_kept(subjects: list[Subject]) -> None:
    for s in subjects[:3]:
        first = api_properties(s.table)[0].name  # closed records annotate declared ones only
        record = minimal_record(s) | {
            "@odata.etag": 'W/"81359849"',
            f"{first}@OData.Community.Display.V1.FormattedValue": "Active",
        }
        assert s.validator().is_valid(record)
        dumped = s.model.model_validate(record).model_dump(by_alias=True, mode="json")
        assert {k: dumped[k] for k in record} == record


def test_invalid_values_are_rejected_by_both(subjects: list[Subject]) -> None:
    checked = 0
    for s in subjects:
        validator = s.validator()
        for what, record in bad_records(s):
            assert not validator.is_valid(record), f"JSON Schema accepts {what}"
            with pytest.raises(pydantic.ValidationError):
                s.model.model_validate(record)
                pytest.fail(f"pydantic accepts {what}")
            checked += 1
    assert checked > len(subjects)


@needs_ajv
def test_ajv_agrees_on_every_record(subjects: list[Subject]) -> None:
    schemas = [s.schema for s in subjects]
    records: list[tuple[int, Any]] = []
    expected: list[tuple[str, bool]] = []
    for i, s in enumerate(subjects):
        for what, record, valid in [
            ("complete", full_record(s.table), True),
            ("minimal", minimal_record(s), True),
            *((what, record, False) for what, record in bad_records(s) if exact_in_js(record)),
        ]:
            records.append((i, record))
            expected.append((f"{s.table.logical_name}: {what}", valid))
    errors, results = run_ajv(schemas, records)
    assert errors == []
    wrong = [
        what
        for (what, valid), result in zip(expected, results, strict=True)
        if (result is None) != valid
    ]
    assert wrong == [], NO_AJV if not results else wrong[:10]


def exact_in_js(record: dict[str, Any]) -> bool:
    """JavaScript reads JSON numbers as doubles: past 2**53 (Int64 bounds) it cannot tell
    ``n`` from ``n + 1``, so ajv cannot enforce those bounds (python-jsonschema can)."""
    return not any(isinstance(v, int) and abs(v) > 2**53 for v in record.values())


# --- agreement -------------------------------------------------------------------------------

FACETS = (
    "format",
    "minimum",
    "maximum",
    "maxLength",
    "pattern",
    "readOnly",
    "writeOnly",
    "x-dataverse-format",
)


def test_model_json_schema_agrees_with_ours(subjects: list[Subject]) -> None:
    for s in subjects:
        theirs = s.model.model_json_schema()
        defs = theirs.get("$defs", {})
        theirs = resolve(theirs, defs)  # a model that refers to itself ($expand) is a $ref
        assert list(theirs["properties"]) == list(s.schema["properties"]), s.table.logical_name
        assert theirs.get("required", []) == s.required
        for name, ours in s.schema["properties"].items():
            where = f"{s.table.logical_name}.{name}"
            their = theirs["properties"][name]
            assert json_types(their, defs) == json_types(ours, {}), where
            assert facets(their, defs) == facets(ours, {}), where
            assert values(their, defs) == values(ours, {}), where


def resolve(schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref and not ref.startswith("#"):
        return {"type": "object"}  # another table's schema ($expand): a record
    return resolve(defs[ref.rsplit("/", 1)[-1]], defs) if ref else schema


def branches(schema: dict[str, Any], defs: dict[str, Any]) -> list[dict[str, Any]]:
    """The schema's alternatives (anyOf/oneOf branches, references followed)."""
    schema = resolve(schema, defs)
    found = [schema]
    for key in ("anyOf", "oneOf"):
        for branch in schema.get(key, []):
            found += branches(branch, defs)
    return found


def json_types(schema: dict[str, Any], defs: dict[str, Any]) -> set[str]:
    schema = resolve(schema, defs)
    if "type" in schema:
        types = schema["type"]
        return set(types) if isinstance(types, list) else {types}
    return set().union(*(json_types(b, defs) for b in schema.get("anyOf", schema.get("oneOf", []))))


def facets(schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for branch in branches(schema, defs):
        found.update((k, branch[k]) for k in FACETS if k in branch)
    for key in ("minimum", "maximum"):
        if key in found and isinstance(found[key], float) and math.isfinite(found[key]):
            found[key] = Decimal(repr(found[key])).normalize()
        elif key in found:
            found[key] = Decimal(found[key]).normalize()
    return found


def values(schema: dict[str, Any], defs: dict[str, Any]) -> set[Any]:
    """The option values a choice admits (const branches, or an enum)."""
    found: set[Any] = set()
    for branch in branches(schema, defs):
        found.update(branch.get("enum", ()))
        if "const" in branch and not isinstance(branch["const"], bool):
            found.add(branch["const"])
    return found
