"""The jsonschema target: the type mapping, presence and null, ``$id``, escaping,
and both record targets in ``generate``/``check`` and in the repo's own ``generated/``."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from dvgen.cli import main
from dvgen.config import Config
from dvgen.diagnostics import Diagnostics, Location
from dvgen.model import Choice, ColumnType, DateTimeBehavior, Table, TableSet
from dvgen.resolve import resolve
from dvgen.targets.jsonschema.properties import ANNOTATION_KEYWORDS
from dvgen.targets.jsonschema.target import JsonSchemaTarget
from dvgen.targets.pydantic.target import PydanticTarget
from dvgen.webapi.facets import SINCE_1753
from tests.conftest import ROOT, resolve_clean
from tests.test_pydantic import HOSTILE, column, hostile_table, options

FORMATS = jsonschema.Draft202012Validator.FORMAT_CHECKER


def render(
    tables: TableSet, config: Config | None = None
) -> tuple[dict[str, dict[str, Any]], dict[str, str], list[str]]:
    diagnostics = Diagnostics()
    files = JsonSchemaTarget(config or Config()).render(tables, diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    schemas = {path: json.loads(text) for path, text in files.items()}
    return schemas, files, [str(d) for d in diagnostics.sorted()]


def every_type_table() -> Table:
    lookup = {"targets": ("account", "contact")}
    return Table(
        logical_name="new_thing",
        schema_name="new_Thing",
        display_name="Thing",
        description="A thing.",
        primary_id_attribute="new_thingid",
        columns=(
            column("new_thingid", ColumnType.UNIQUEIDENTIFIER, valid_for_update=False),
            column("new_name", ColumnType.STRING, max_length=100, display_name="Name"),
            column("new_notes", ColumnType.MEMO, max_length=2000, format_name="RichText"),
            column("new_count", ColumnType.INTEGER, min_value=0, max_value=10),
            column("new_any", ColumnType.INTEGER),
            column("new_big", ColumnType.BIG_INT),
            column("new_rate", ColumnType.DECIMAL, min_value=Decimal("1E-12"), precision=12),
            column("new_price", ColumnType.MONEY, precision=2, precision_source=0),
            column("new_cost", ColumnType.MONEY, precision=2, precision_source=2),
            column("new_ratio", ColumnType.DOUBLE, min_value=0, max_value=1, precision=3),
            column("new_day", ColumnType.DATE_TIME, date_time_behavior=DateTimeBehavior.DATE_ONLY),
            column(
                "new_when", ColumnType.DATE_TIME, date_time_behavior=DateTimeBehavior.USER_LOCAL
            ),
            column(
                "new_flag",
                ColumnType.BOOLEAN,
                choices=(Choice(0, "Off"), Choice(1, "On")),
                default_value=False,
            ),
            column(
                "new_kind", ColumnType.PICKLIST, choices=options("A", "B"), default_form_value=2
            ),
            column("new_kinds", ColumnType.MULTI_SELECT_PICKLIST, choices=options("A", "B", "C")),
            column("statecode", ColumnType.STATE, choices=options("Active", start=0)),
            column("new_type", ColumnType.ENTITY_NAME),
            column("iscustomizable", ColumnType.MANAGED_PROPERTY),
            column("new_logo", ColumnType.IMAGE, max_size_in_kb=3),
            column("new_file", ColumnType.FILE),
            column("new_ownerid", ColumnType.OWNER, **lookup),
            column("new_parentid", ColumnType.LOOKUP, targets=("new_thing",)),
            column(
                "new_computed", ColumnType.STRING, valid_for_create=False, valid_for_update=False
            ),
            column("new_secret", ColumnType.STRING, valid_for_read=False),
            column(
                "new_hidden",
                ColumnType.STRING,
                valid_for_read=False,
                valid_for_create=False,
                valid_for_update=False,
            ),
            column("new_to", ColumnType.PARTY_LIST),
        ),
    )


@pytest.fixture(scope="module")
def thing() -> dict[str, Any]:
    schemas, _, _ = render(resolve_clean([every_type_table()]))
    return schemas["new_thing.schema.json"]


NULLABLE = {"type": ["string", "null"]}
UUID = {"type": ["string", "null"], "format": "uuid"}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("new_thingid", UUID),
        ("new_name", {"title": "Name", **NULLABLE, "maxLength": 100}),
        ("new_notes", {**NULLABLE, "maxLength": 2000, "x-dataverse-format": "RichText"}),
        ("new_count", {"type": ["integer", "null"], "minimum": 0, "maximum": 10}),
        ("new_any", {"type": ["integer", "null"], "minimum": -(2**31), "maximum": 2**31 - 1}),
        ("new_big", {"type": ["integer", "null"], "minimum": -(2**63), "maximum": 2**63 - 1}),
        (
            "new_rate",
            {
                "type": ["number", "null"],
                "minimum": 1e-12,
                "maximum": 10**11,
                "x-dataverse-precision": 12,
            },
        ),
        ("new_day", {**NULLABLE, "format": "date", "pattern": SINCE_1753}),
        ("new_when", {**NULLABLE, "format": "date-time", "pattern": SINCE_1753}),
        (
            "new_flag",
            {
                "type": ["boolean", "null"],
                "oneOf": [
                    {"const": False, "title": "Off"},
                    {"const": True, "title": "On"},
                    {"type": "null"},
                ],
                "default": False,
            },
        ),
        (
            "new_kind",
            {
                "type": ["integer", "null"],
                "oneOf": [{"const": 1, "title": "A"}, {"const": 2, "title": "B"}, {"type": "null"}],
                "default": 2,
            },
        ),
        (
            "new_kinds",
            {
                **NULLABLE,
                "pattern": "^(?:1|2|3)(?:, ?(?:1|2|3))*$",
                "x-dataverse-options": [
                    {"const": 1, "title": "A"},
                    {"const": 2, "title": "B"},
                    {"const": 3, "title": "C"},
                ],
            },
        ),
        ("new_type", NULLABLE),
        ("new_file", {**UUID, "readOnly": True}),
        (
            "_new_ownerid_value",
            {**UUID, "readOnly": True, "x-dataverse-targets": ["account", "contact"]},
        ),
        ("_new_parentid_value", {**UUID, "readOnly": True, "x-dataverse-targets": ["new_thing"]}),
        ("new_computed", {**NULLABLE, "readOnly": True}),
        ("new_secret", {**NULLABLE, "writeOnly": True}),
    ],
)
def test_type_mapping(thing: dict[str, Any], name: str, expected: dict[str, Any]) -> None:
    assert thing["properties"][name] == expected


def test_money_precision_and_the_columns_the_web_api_leaves_out(thing: dict[str, Any]) -> None:
    props = thing["properties"]
    assert props["new_price"]["x-dataverse-precision"] == 2
    assert props["new_cost"]["x-dataverse-precision"] == 4, "currency precision: up to 4"
    assert props["new_price"]["minimum"] == -922337203685477
    assert props["iscustomizable"]["type"] == ["object", "null"]
    assert props["iscustomizable"]["required"] == ["Value"], "a create body may set Value alone"
    assert props["new_logo"]["contentEncoding"] == "base64"
    assert props["new_logo"]["maxLength"] == 4096
    for absent in ("new_hidden", "new_to", "_new_to_value", "new_ownerid_value"):
        assert absent not in props
    # ``new_ownerid`` is the owner's navigation property: a record under $expand, not a Guid
    assert props["new_ownerid"]["anyOf"] == [{"type": "object"}, {"type": "null"}]
    assert "multipleOf" not in json.dumps(thing)


def test_precision_is_an_annotation_because_multiple_of_fails_on_floats(
    thing: dict[str, Any],
) -> None:
    """0.07 is a valid two-decimal amount, but 0.07 / 0.01 is not an integer in binary
    floating point: a multipleOf facet would make validators refuse it."""
    assert not jsonschema.Draft202012Validator({"multipleOf": 0.01}).is_valid(0.07)
    validator = jsonschema.Draft202012Validator(thing, format_checker=FORMATS)
    assert validator.is_valid(
        {"new_thingid": "89390c24-9c72-e511-80d4-00155d2a68d1", "new_price": 0.07}
    )


def test_nothing_is_required_and_null_means_no_value(thing: dict[str, Any]) -> None:
    """A create or update body holds no primary key (tests/test_payloads.py); an aggregate
    row holds it as null, as every other property (web-api-query-data-sample.md)."""
    assert "required" not in thing
    validator = jsonschema.Draft202012Validator(thing, format_checker=FORMATS)
    key = {"new_thingid": "89390c24-9c72-e511-80d4-00155d2a68d1"}
    assert validator.is_valid(key), "with $select, any other property may be absent"
    assert validator.is_valid(
        key | {name: None for name in thing["properties"] if name != "new_thingid"}
    )
    assert validator.is_valid({name: None for name in thing["properties"]})
    assert validator.is_valid({"new_name": "x"})
    assert validator.is_valid(
        key | {"@odata.etag": 'W/"1"', "new_kind@OData.Community.Display.V1.FormattedValue": "A"}
    )


def test_multi_select_pattern(thing: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(thing["properties"]["new_kinds"])
    for good in ("1", "1,3", "3,1", "1, 2", None):
        assert validator.is_valid(good), good
    for bad in ("", "4", "1,,2", "1;2", "1,", " 1", "01", [1, 2], 1):
        assert not validator.is_valid(bad), bad


def test_a_table_without_primary_key_requires_nothing() -> None:
    table = Table(logical_name="t", schema_name="T", columns=(column("a", ColumnType.STRING),))
    schemas, _, _ = render(resolve_clean([table]))
    schema = schemas["t.schema.json"]
    assert "required" not in schema and schema["properties"]["a"]["type"] == ["string", "null"]
    assert schema["title"] == "T"


def test_id_comes_from_the_base_uri_setting() -> None:
    tables = resolve_clean([every_type_table()])
    for base in ("https://schemas.contoso.com/dv/", "https://schemas.contoso.com/dv"):
        schemas, _, _ = render(tables, Config(jsonschema_base_uri=base))
        assert (
            schemas["new_thing.schema.json"]["$id"]
            == "https://schemas.contoso.com/dv/new_thing.schema.json"
        )


@pytest.mark.parametrize(
    "base", ["not a uri", "relative/path/", "https://x/#frag", "https://x/?q=1"]
)
def test_a_bad_base_uri_is_an_error(base: str) -> None:
    diagnostics = Diagnostics()
    assert (
        JsonSchemaTarget(Config(jsonschema_base_uri=base)).render(TableSet(()), diagnostics) == {}
    )
    assert diagnostics.has_errors
    assert str(diagnostics.sorted()[0]).startswith("[tool.dvgen] jsonschema-base-uri: error:")


def test_out_of_range_bounds_are_clamped_and_reported() -> None:
    table = Table(
        logical_name="t",
        schema_name="T",
        columns=(
            column(
                "a", ColumnType.INTEGER, min_value=-(2**40), max_value=5, loc=Location("t.yaml", 3)
            ),
            column("b", ColumnType.INTEGER, min_value=9, max_value=1, loc=Location("t.yaml", 9)),
        ),
    )
    schemas, _, warnings = render(resolve_clean([table]))
    props = schemas["t.schema.json"]["properties"]
    assert (props["a"]["minimum"], props["a"]["maximum"]) == (-(2**31), 5)
    assert (props["b"]["minimum"], props["b"]["maximum"]) == (-(2**31), 2**31 - 1)
    assert warnings == [
        "t.yaml:3: warning: a: MinValue/MaxValue exceed what the type can hold [range-beyond-type]",
        "t.yaml:9: warning: b: MinValue is above MaxValue; using the type's range [range-inverted]",
    ]


def test_duplicate_option_values_are_refused_before_any_target() -> None:
    choices = (Choice(1, "A"), Choice(1, "B"), Choice(2, "C"))
    table = Table(
        logical_name="t",
        schema_name="T",
        columns=(column("k", ColumnType.PICKLIST, choices=choices),),
    )
    diagnostics = Diagnostics()
    resolve([table], diagnostics)
    assert [str(d) for d in diagnostics] == [
        "<model>: error: column 'k' of table 't': choice value 1 appears twice"
    ]


def test_our_keywords_are_all_declared(thing: dict[str, Any]) -> None:
    used: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            used.update(k for k in node if k.startswith("x-"))
            for key, value in node.items():
                if key != "properties":
                    walk(value)
                else:
                    for sub in value.values():
                        walk(sub)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(thing)
    assert used == set(ANNOTATION_KEYWORDS)


# --- text is data ----------------------------------------------------------------------------


def test_hostile_texts_come_out_exact_and_inert() -> None:
    table = hostile_table()
    schemas, files, _ = render(resolve_clean([table]))
    schema = schemas["hostile.schema.json"]
    assert schema["title"] == table.display_name
    assert schema["description"] == table.description
    for i, text in enumerate(HOSTILE):
        assert schema["properties"][f"text{i}"]["title"] == text
        assert schema["properties"][f"text{i}"]["description"] == text
        assert schema["properties"][f"pick{i}"]["oneOf"][0]["title"] == text
    raw = files["hostile.schema.json"]
    for invisible in ("\x00", "\u2028", "\u2029", "\u202e", "\r", "\t"):
        assert invisible not in raw
    assert all(line.isprintable() for line in raw.splitlines())
    assert list(schema) == [
        "$schema",
        "$id",
        "title",
        "description",
        "type",
        "properties",
    ]
    labels = [b["title"] for b in schema["properties"]["kind"]["oneOf"][:-1]]
    assert labels == [
        "class",
        "None",
        "1st",
        "mro",
        "\U0001f680",
        "",
        "label",
        "value",
        "_",
        "True",
        "A-B",
    ]


def test_output_is_stable(seed_set: TableSet) -> None:
    first = render(seed_set)[1]
    assert render(resolve_clean(list(reversed(seed_set.tables))))[1] == first
    for text in first.values():
        assert text.endswith("}\n") and "\r" not in text


# --- generate and check ----------------------------------------------------------------------


@pytest.fixture()
def project(workdir: Path) -> Path:
    shutil.copytree(ROOT / "specs", workdir / "specs")
    return workdir


def test_generate_and_check_cover_both_targets(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    targets = ["--target", "jsonschema", "--target", "pydantic"]
    assert main(["generate", *targets]) == 0
    out = project / "generated"
    assert (out / "jsonschema/contoso_project.schema.json").is_file()
    package = out / "pydantic/dataverse_models"
    assert sorted(p.name for p in package.iterdir()) == [
        "__init__.py",
        "_base.py",
        "backgroundoperation.py",
        "choices.py",
        "contoso_project.py",
        "py.typed",
    ]
    assert main(["check", *targets]) == 0
    (package / "contoso_project.py").write_text("# edited\n")
    (out / "jsonschema/ghost.schema.json").write_text("{}\n")
    (package / "ghost.py").write_text("\n")
    (package / "notes.txt").write_text("mine\n")
    capsys.readouterr()
    assert main(["check", *targets]) == 1
    report = capsys.readouterr().out
    assert "changed: generated/pydantic/dataverse_models/contoso_project.py" in report
    assert "stale: generated/jsonschema/ghost.schema.json" in report
    assert "stale: generated/pydantic/dataverse_models/ghost.py" in report
    assert main(["generate", *targets]) == 0
    assert not (package / "ghost.py").exists() and (package / "notes.txt").is_file()
    assert main(["check", *targets]) == 0


def test_repo_generated_holds_both_targets(seed_set: TableSet) -> None:
    generated = ROOT / "generated"
    diagnostics = Diagnostics()
    for target in (JsonSchemaTarget(Config()), PydanticTarget(Config())):
        files = target.render(seed_set, diagnostics)
        for rel, text in files.items():
            path = generated / target.folder / rel
            assert path.is_file(), f"{path} is missing: run 'dvgen generate'"
            assert path.read_text(encoding="utf-8") == text, (
                f"{path} is stale: run 'dvgen generate'"
            )
