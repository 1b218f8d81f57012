"""A widened facet, judged by the readers of the last version: breaking where its record targets
enforce the old bound, safe (``facet-widened-unenforced``) where none does.

Every value valid before still fits a longer MaxLength, a wider MinValue/MaxValue or more
decimal places, so these were safe ("every value valid before still fits", a writer's view).
But Dataverse returns the wider values, and the last version's JSON Schema (``maxLength``,
``minimum``/``maximum``) and pydantic model (``max_length``, ``ge``/``le``, ``JsonNumber``'s
places) refuse them: queueitem's ``title``, 300 characters on its 2021 page and 850 on its
2023 page (MicrosoftDocs/powerapps-docs ``.../reference/entities/queueitem.md``, 07972856 and
09770ae5), and its ``exchangerate``, 10 places and a MinValue of 1E-10, then 12 places and
1E-12. Breaking-change tools take that reader's view of a server's responses (oasdiff 1.31 fails a
response's constraint removed, ``maximum`` or ``minLength``; openapi-diff reports a response's
``maxLength`` increased as incompatible, OpenAPITools/openapi-diff#461). Each rule is held
to the real targets here: the last version's JSON Schema (python-jsonschema) and pydantic
model (imported) refuse a record the new version accepts exactly when the widening is
breaking.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pydantic
import pytest

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.evolve.diff import diff_sets
from dvgen.evolve.rules import RULES
from dvgen.model import TableSet
from dvgen.targets.pydantic.target import PydanticTarget
from tests.pages import resolved
from tests.test_evolve_unseen5 import BULKDELETEFAILURE
from tests.test_evolve_unseen10 import _queueitem
from tests.test_jsonschema_validators import render_schemas
from tests.test_pydantic import imported


@dataclass(frozen=True)
class Version:
    schema: dict[str, Any]
    model: type[pydantic.BaseModel]

    def schema_takes(self, record: dict[str, Any]) -> bool:
        return jsonschema.Draft202012Validator(self.schema).is_valid(record)

    def model_takes(self, record: dict[str, Any]) -> bool:
        try:
            self.model.model_validate_json(json.dumps(record))
        except pydantic.ValidationError:
            return False
        return True


@pytest.fixture()
def versions(tmp_path: Path) -> Iterator[Any]:
    """Builds a version's JSON Schema and imported pydantic model of one table."""
    opened: list[imported] = []

    def build(tables: TableSet, file: str, model: str, package: str) -> Version:
        config = Config(pydantic_package=package)
        schema = render_schemas(tables, config)[f"{file}.schema.json"]
        files = PydanticTarget(config).render(tables, Diagnostics())
        context = imported(files, tmp_path / package, package)
        module: ModuleType = context.__enter__()
        opened.append(context)
        return Version(schema, getattr(module, model))

    yield build
    for context in reversed(opened):
        context.__exit__()


def _set(name: str, text: str) -> TableSet:
    tables, warnings = resolved((name, text))
    assert warnings == []
    return tables


def _rules(old: TableSet, new: TableSet) -> dict[str, tuple[str, bool]]:
    return {c.where: (c.rule, c.breaking) for c in diff_sets(old, new)}


# --- real pages -------------------------------------------------------------------------------

QI = "queueitem.columns"
TITLE = {"title": "t" * 500}
SMALL_RATE = {"exchangerate": 0.000000000002}  # below 1E-10, the 2021 MinValue
PLACES = {"exchangerate": 0.123456789012}  # 12 places, in both ranges


def test_queueitem_s_wider_title_and_rate_break_the_2021_readers(versions: Any) -> None:
    """The 2023 page allows a 500-character title, a rate of 2E-12 and twelve places: Dataverse
    returns them, and the 2021 JSON Schema and pydantic model refuse them (the JSON Schema only
    annotates the places, ``x-dataverse-precision``: pydantic holds them)."""
    old_set, new_set = (
        _set("queueitem.md", _queueitem(2021)),
        _set("queueitem.md", _queueitem(2023)),
    )
    rules = _rules(old_set, new_set)
    assert rules[f"{QI}.title.max_length"] == ("length-widened", True)
    assert rules[f"{QI}.exchangerate.min_value"] == ("range-widened", True)
    assert rules[f"{QI}.exchangerate.precision"] == ("precision-widened", True)
    old = versions(old_set, "queueitem", "QueueItem", "qi_2021")
    new = versions(new_set, "queueitem", "QueueItem", "qi_2023")
    for record in (TITLE, SMALL_RATE, PLACES):
        assert new.schema_takes(record) and new.model_takes(record), record
        assert not old.model_takes(record), record
    assert not old.schema_takes(TITLE)
    assert not old.schema_takes(SMALL_RATE)
    assert old.schema_takes(PLACES)  # an annotation: pydantic refuses it
    assert old.schema_takes({"title": "t" * 300}) and old.model_takes({"title": "t" * 300})


def test_bulkdeletefailure_s_longer_regarding_name_breaks_no_reader(versions: Any) -> None:
    """``regardingobjectidname`` (800 -> 850, 2021 -> 2023) is the lookup's name companion: the
    Web API returns it as an annotation of ``_regardingobjectid_value``, which no target
    bounds, never as a property."""
    old_set, new_set = (
        _set("bulkdeletefailure.md", BULKDELETEFAILURE.format(targets=targets, length=n))
        for targets, n in (("account,contact", 800), ("account,contact", 850))
    )
    where = "bulkdeletefailure.columns.regardingobjectidname.max_length"
    assert _rules(old_set, new_set) == {where: ("facet-widened-unenforced", False)}
    old = versions(old_set, "bulkdeletefailure", "BulkDeleteFailure", "bdf_2021")
    assert "regardingobjectidname" not in old.schema["properties"]
    name = "_regardingobjectid_value@OData.Community.Display.V1.FormattedValue"
    record = {"_regardingobjectid_value": "11111111-1111-4111-8111-111111111111", name: "n" * 850}
    assert old.schema_takes(record) and old.model_takes(record)


# --- every bound the record targets enforce, and those they do not ---------------------------

GAUGE = """logical_name: x_gauge
display_name: Gauge
entity_set_name: x_gauges
primary_id_attribute: x_gaugeid
primary_name_attribute: x_name
ownership_type: OrganizationOwned
columns:
  - {logical_name: x_gaugeid, type: Uniqueidentifier, required_level: SystemRequired}
  - {logical_name: x_name, type: String, max_length: @10|20@}
  - {logical_name: x_notes, type: Memo, max_length: @100|2000@}
  - {logical_name: x_count, type: Integer, min_value: 0, max_value: @10|20@}
  - {logical_name: x_floor, type: Integer, min_value: @0|-10@, max_value: 10}
  - {logical_name: x_big, type: BigInt, min_value: 0, max_value: @1000|2000@}
  - {logical_name: x_rate, type: Decimal, precision: @2|4@, min_value: 0, max_value: 100}
  - {logical_name: x_price, type: Money, precision: @2|4@, precision_source: 0}
  - {logical_name: x_ratio, type: Double, min_value: 0, max_value: @10|20@}
  - {logical_name: x_share, type: Double, precision: @2|4@, min_value: 0, max_value: 100}
  - {logical_name: x_huge, type: Decimal, max_value: @100000000000|1000000000000@}
  - {logical_name: x_photo, type: Image, max_size_in_kb: @1|2@}
  - {logical_name: x_doc, type: File, max_size_in_kb: @100|200@}
  - {logical_name: x_secret, type: String, max_length: @10|20@, valid_for_read: false}
  - {logical_name: x_parentid, type: Lookup, targets: [x_gauge]}
  - {logical_name: x_parentidname, type: String, max_length: @10|20@, attribute_of: x_parentid,
     valid_for_create: false, valid_for_update: false}
relationships:
  many_to_one:
    - {schema_name: x_gauge_parent, referenced_entity: x_gauge, referencing_attribute: x_parentid}
"""
"""A hand-made table of each widenable facet, in its last version (the first of each pair of
values) and the new one."""


def _gauge(wide: bool) -> TableSet:
    parts = GAUGE.split("@")
    text = "".join(p if i % 2 == 0 else p.split("|")[wide] for i, p in enumerate(parts))
    return _set("x_gauge.yaml", text)


PHOTO = base64.b64encode(b"\x89" * 1500).decode()  # 1,500 bytes: over 1 KB, within 2 KB
CASES: dict[str, tuple[str, Any]] = {
    "x_name.max_length": ("length-widened", "n" * 15),
    "x_notes.max_length": ("length-widened", "n" * 1000),
    "x_count.max_value": ("range-widened", 15),
    "x_floor.min_value": ("range-widened", -5),
    "x_big.max_value": ("range-widened", 1500),
    "x_rate.precision": ("precision-widened", 1.2345),
    "x_price.precision": ("precision-widened", 1.2345),
    "x_price_base.precision": ("precision-widened", 1.2345),  # Dataverse adds it, read-only
    "x_ratio.max_value": ("range-widened", 15.5),
    "x_share.precision": ("facet-changed", 1.2345),  # only displayed: no bound
    "x_huge.max_value": ("facet-widened-unenforced", 100_000_000_000),  # the type's range
    "x_photo.max_size_in_kb": ("length-widened", PHOTO),
    "x_doc.max_size_in_kb": ("facet-widened-unenforced", "22222222-2222-4222-8222-222222222222"),
    "x_secret.max_length": ("facet-widened-unenforced", None),  # never returned
    "x_parentidname.max_length": ("facet-widened-unenforced", None),  # an annotation
}
"""Each widening, its rule, and a value Dataverse may return in the new version (None: it
returns none, as no property)."""
ANNOTATION_ONLY = {"x_rate.precision", "x_price.precision", "x_price_base.precision"}
"""Breaking by the pydantic model alone: the JSON Schema annotates places, never enforces them."""


@pytest.fixture()
def gauges(versions: Any) -> tuple[Version, Version]:
    return (
        versions(_gauge(False), "x_gauge", "XGauge", "gauge_old"),
        versions(_gauge(True), "x_gauge", "XGauge", "gauge_new"),
    )


def test_each_widening_is_classified_by_what_the_targets_enforce() -> None:
    found = {
        c.where.removeprefix("x_gauge.columns."): c for c in diff_sets(_gauge(False), _gauge(True))
    }
    assert {where: c.rule for where, c in found.items()} == {
        where: rule for where, (rule, _) in CASES.items()
    }
    assert all(c.breaking is RULES[c.rule].breaking for c in found.values())
    breaking = {where for where, c in found.items() if c.breaking}
    assert breaking == {w for w, (rule, _) in CASES.items() if rule.endswith("-widened")}


def test_the_last_version_refuses_what_a_breaking_widening_returns(
    gauges: tuple[Version, Version],
) -> None:
    old, new = gauges
    for where, (rule, value) in CASES.items():
        if value is None:
            continue
        record = {where.split(".")[0]: value}
        assert new.schema_takes(record) and new.model_takes(record), where
        takes = not RULES[rule].breaking
        assert old.model_takes(record) is takes, where
        assert old.schema_takes(record) is (takes or where in ANNOTATION_ONLY), where


def test_a_widening_no_target_enforces_leaves_the_old_property_as_it_was(
    gauges: tuple[Version, Version],
) -> None:
    """A MaxValue beyond the Decimal's range, a File's size: the property's schema is the same;
    a column not valid for read and a lookup's name companion are no property to return."""
    old, new = gauges
    for name in ("x_huge", "x_doc"):
        assert old.schema["properties"][name] == new.schema["properties"][name]
    assert old.schema["properties"]["x_secret"]["writeOnly"] is True
    assert "x_parentidname" not in old.schema["properties"]
    name = "_x_parentid_value@OData.Community.Display.V1.FormattedValue"
    record = {"_x_parentid_value": "11111111-1111-4111-8111-111111111111", name: "p" * 20}
    assert old.schema_takes(record) and old.model_takes(record)
