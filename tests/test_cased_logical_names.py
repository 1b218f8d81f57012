"""A column whose LogicalName Dataverse keeps with capitals (``msdyn_useOrgUILanguage`` of
msdyn_kalanguagesetting, ``msdynmkt_errorDetails`` of the Marketing scoring models,
``msdyn_EntityLogicalName`` of msdyn_callablecontext): the Web API names its property so
(Microsoft's 2019 EntityType page of msdyn_callablecontext lists ``msdyn_EntityLogicalName``
and ``msdyn_EntityOTC`` beside ``msdyn_callablecontextid``; Web API typings generated from live
orgs agree), while dvgen keys the column in lower case for relationships, customizations and
SQL. Minimal pages and specs written for the test."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import etree

from dvgen.cli import main
from dvgen.model import Table
from dvgen.parse import parse_spec
from tests.pages import parse
from tests.test_parse_unseen5 import EXTENSION_OF_MIXED_CASE, MIXED_CASE_LOGICAL
from tests.test_parse_unseen30 import LANGUAGE, RESOURCE

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"


def _generate(specs: Path, out: Path) -> int:
    return main(["generate", "--specs", str(specs), "--out", str(out), "--no-cache", "-q"])


def _write(folder: Path, pages: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        (folder / name).write_text(text)
    return folder


def _files(out: Path) -> dict[str, str]:
    return {
        p.relative_to(out).as_posix(): p.read_text() for p in sorted(out.rglob("*")) if p.is_file()
    }


def test_every_web_api_target_keeps_the_capitals_and_sql_the_lower_case_key(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    assert _generate(_write(tmp_path / "specs", {"x_setting.md": LANGUAGE}), out) == 0
    schema = json.loads((out / "jsonschema" / "x_setting.schema.json").read_text())
    assert "x_useOrgUILanguage" in schema["properties"]
    assert "x_useorguilanguage" not in schema["properties"]
    module = (out / "pydantic" / "dataverse_models" / "x_setting.py").read_text()
    assert 'alias="x_useOrgUILanguage"' in module
    for dialect in ("postgres", "sqlite", "sqlserver"):
        sql = (out / "sql" / dialect / "schema.sql").read_text()
        assert "x_useorguilanguage" in sql and "x_useOrgUILanguage" not in sql
    model = (out / "model" / "x_setting.yaml").read_text()
    assert "  cased_logical_name: x_useOrgUILanguage\n" in model
    assert model.count("cased_logical_name") == 1  # only where the page prints capitals


def test_the_canonical_model_reads_back_to_the_same_outputs(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    assert _generate(_write(tmp_path / "specs", {"x_setting.md": LANGUAGE}), first) == 0
    assert _generate(first / "model", second) == 0
    assert _files(second) == _files(first)


def test_a_key_and_a_referential_constraint_name_the_cased_property(tmp_path: Path) -> None:
    """The primary id and a plain Guid column holding a parent's key, printed with capitals:
    the Key and the ReferentialConstraint name the properties the entity type declares."""
    page = RESOURCE.replace("|LogicalName|x_controlid|", "|LogicalName|x_ControlId|").replace(
        "|LogicalName|x_resourceid|", "|LogicalName|x_ResourceId|"
    )
    out = tmp_path / "out"
    assert _generate(_write(tmp_path / "specs", {"x_resource.md": page}), out) == 0
    root = etree.parse(str(out / "odata" / "metadata.xml")).getroot()
    entity = next(e for e in root.iter(f"{EDM}EntityType") if e.get("Name") == "x_resource")
    props = {p.get("Name") for p in entity.iter(f"{EDM}Property")}
    assert {"x_ResourceId", "x_ControlId"} <= props
    assert [r.get("Name") for r in entity.iter(f"{EDM}PropertyRef")] == ["x_ResourceId"]
    constraint = next(entity.iter(f"{EDM}ReferentialConstraint"))
    assert constraint.get("Property") == "x_ControlId"


def test_an_extension_naming_the_column_changes_it_and_keeps_its_capitals(
    tmp_path: Path,
) -> None:
    specs = _write(
        tmp_path / "specs",
        {"msdynmkt_scoring.md": MIXED_CASE_LOGICAL, "cs.md": EXTENSION_OF_MIXED_CASE},
    )
    out = tmp_path / "out"
    assert _generate(specs, out) == 0
    schema = json.loads((out / "jsonschema" / "msdynmkt_scoring.schema.json").read_text())
    details = schema["properties"]["msdynmkt_errorDetails"]
    assert details["maxLength"] == 2000


CASED_YAML = """\
logical_name: x_thing
primary_id_attribute: x_thingid
columns:
- logical_name: x_thingid
  type: Uniqueidentifier
- logical_name: x_useorguilanguage
  type: Boolean
  cased_logical_name: {cased}
"""


def test_a_yaml_spec_states_the_capitals_of_its_own_column() -> None:
    spec, warnings = parse(CASED_YAML.format(cased="x_useOrgUILanguage"), "x_thing.yaml")
    assert warnings == []
    assert isinstance(spec, Table)
    assert [c.cased_logical_name for c in spec.columns] == [None, "x_useOrgUILanguage"]


def test_a_cased_logical_name_that_is_not_the_logical_name_with_capitals_is_refused() -> None:
    for cased in ("x_useOrgUI", "x_useorguilanguage"):
        spec, diagnostics = parse_spec("x_thing.yaml", CASED_YAML.format(cased=cased).encode())
        assert spec is None, cased
        assert [str(d) for d in diagnostics] == [
            f"x_thing.yaml:6: error: column 'x_useorguilanguage': cased_logical_name {cased!r} "
            "is not logical_name 'x_useorguilanguage' with capitals"
        ]
