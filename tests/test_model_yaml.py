"""The canonical model and its YAML: the seed's facts, round trips, hand-written specs."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from dvgen import canonical, model, systemcolumns, yamlio
from dvgen.model import ColumnType, OwnershipType, Table, TableSet, TableType
from dvgen.parse import parse_spec
from dvgen.parse.yaml_spec import spec_schema
from dvgen.targets.model.target import table_yaml
from tests.conftest import SEED, needs_shared, page_params, parse_file, resolve_clean


def load_yaml(text: str, name: str = "spec.yaml") -> Table:
    table, diagnostics = parse_spec(name, text.encode("utf-8"))
    assert table is not None, [str(d) for d in diagnostics]
    assert list(diagnostics) == []
    return table


@needs_shared
def test_seed_facts() -> None:
    table = resolve_clean([parse_file(SEED)]).tables[0]
    writable = [c for c in table.columns if c.is_writable]
    assert len(table.columns) == 25
    assert (len(writable), len(table.columns) - len(writable)) == (18, 7)
    state = table.column("backgroundoperationstatecode")
    status = table.column("backgroundoperationstatuscode")
    assert state is not None and status is not None
    assert [c.label for c in state.choices] == ["Ready", "Locked", "Completed"]
    assert len(status.choices) == 6
    assert status.choices[0].label == "Waiting For Resources"
    assert len(table.relationships.many_to_one) == 4
    assert not table.relationships.one_to_many and not table.relationships.many_to_many
    assert len(table.messages) == 11
    assert all(m.is_event for m in table.messages)
    assert table.table_type is TableType.ELASTIC
    assert table.ownership_type is OwnershipType.ORGANIZATION_OWNED
    created_by = table.relationships.many_to_one[0]
    assert (created_by.schema_name, created_by.referenced_entity) == (
        "lk_backgroundoperation_createdby",
        "systemuser",
    )
    assert created_by.cascade_configuration is not None
    assert created_by.cascade_configuration.rollup_view is model.CascadeType.NO_CASCADE


@needs_shared
def test_seed_column_facets() -> None:
    table = parse_file(SEED)
    by_name = {c.logical_name: c for c in table.columns}
    assert by_name["ttlinseconds"].min_value == 1
    assert by_name["versionnumber"].max_value == 9223372036854775807
    assert by_name["errormessage"].max_length == 1048576
    assert by_name["createdby"].targets == ("systemuser",)
    assert not by_name["createdby"].valid_for_create
    assert by_name["overriddencreatedon"].format == "DateOnly"
    assert by_name["name"].required_level is model.RequiredLevel.APPLICATION_REQUIRED
    assert by_name["backgroundoperationstatecode"].global_choice_name == (
        "backgroundoperation_statecode"
    )


@pytest.mark.parametrize("page", page_params())
def test_yaml_round_trip_is_byte_identical(page: Path) -> None:
    table = resolve_clean([parse_file(page)]).tables[0]
    first = table_yaml(table)
    loaded = resolve_clean([load_yaml(first, f"{table.logical_name}.yaml")]).tables[0]
    assert loaded == table
    assert table_yaml(loaded) == first


def test_corpus_set_round_trip(corpus_set: TableSet) -> None:
    """Resolved across the set (details filled from other pages), the YAML still round-trips."""
    texts = {t.logical_name: table_yaml(t) for t in corpus_set.tables}
    again = resolve_clean([load_yaml(text, f"{name}.yaml") for name, text in texts.items()])
    assert {t.logical_name: table_yaml(t) for t in again.tables} == texts


def test_every_canonical_yaml_validates_against_the_spec_schema(corpus_set: TableSet) -> None:
    validator = jsonschema.Draft202012Validator(spec_schema())
    for table in corpus_set.tables:
        data = yamlio.construct(yamlio.compose(table_yaml(table)))  # type: ignore[arg-type]
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], table.logical_name


def test_spec_schema_is_valid_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(spec_schema())


_SCHEMA_OBJECTS: dict[type, str] = {
    model.Table: "table",
    model.Column: "column",
    model.Choice: "choice",
    model.Message: "message",
    model.OneToManyRelationship: "one_to_many",
    model.ManyToManyRelationship: "many_to_many",
    model.ManyToManySide: "many_to_many_side",
    model.CascadeConfiguration: "cascade_configuration",
    model.MenuConfiguration: "menu_configuration",
}


@pytest.mark.parametrize("cls", list(_SCHEMA_OBJECTS), ids=lambda c: c.__name__)
def test_spec_schema_lists_exactly_the_model_fields(cls: type) -> None:
    schema = spec_schema()
    name = _SCHEMA_OBJECTS[cls]
    node: dict[str, Any] = schema if name == "#" else schema["$defs"][name]
    skipped = ("loc", "origins", "hand_written")
    fields = {f.name for f in dataclasses.fields(cls) if f.name not in skipped}
    switches = {systemcolumns.OPT_OUT} if cls is model.Table else set()  # a spec's, no field
    assert set(node["properties"]) - switches == fields


HAND_WRITTEN = """\
# a custom table, written by hand
logical_name: new_widget
entity_set_name: new_widgets
primary_id_attribute: new_widgetid
columns:
  - {logical_name: new_widgetid, type: Uniqueidentifier, required_level: SystemRequired}
  - logical_name: new_enabled
    type: Boolean
    choices: [{value: 1, label: On}, {value: 0, label: Off}]
    default_value: yes
  - {logical_name: new_ratio, type: Decimal, min_value: 1e-12, max_value: 100, precision: 10}
"""

NORMALISED = """\
# dvgen canonical model of table new_widget. Generated by dvgen: do not edit.
logical_name: new_widget
schema_name: new_widget
entity_set_name: new_widgets
primary_id_attribute: new_widgetid
columns:
- logical_name: new_enabled
  schema_name: new_enabled
  type: Boolean
  required_level: None
  valid_for_create: true
  valid_for_update: true
  valid_for_read: true
  default_value: true
  choices:
  - value: 0
    label: "Off"
  - value: 1
    label: "On"
- logical_name: new_ratio
  schema_name: new_ratio
  type: Decimal
  required_level: None
  valid_for_create: true
  valid_for_update: true
  valid_for_read: true
  min_value: 0.000000000001
  max_value: 100
  precision: 10
- logical_name: new_widgetid
  schema_name: new_widgetid
  type: Uniqueidentifier
  required_level: SystemRequired
  valid_for_create: true
  valid_for_update: true
  valid_for_read: true
"""


def test_hand_written_yaml_is_validated_and_normalised() -> None:
    text = HAND_WRITTEN.replace("default_value: yes", "default_value: true")
    table = resolve_clean([load_yaml(text)]).tables[0]
    assert table_yaml(table) == NORMALISED
    ratio = table.column("new_ratio")
    assert ratio is not None and ratio.min_value == Decimal("1E-12")
    assert ratio.type is ColumnType.DECIMAL


def test_yaml_1_1_booleans_stay_strings() -> None:
    """``yes``/``on`` are strings (labels like On and Off stay labels); booleans are true/false."""
    table, diagnostics = parse_spec("spec.yaml", HAND_WRITTEN.encode())
    assert table is None
    assert [str(d) for d in diagnostics] == [
        "spec.yaml:10: error: columns.1.default_value: 'yes' is not of type 'boolean'; "
        "YAML 1.2 reads yes as text: write true"
    ]


def test_canonical_data_omits_unknowns() -> None:
    column = model.Column("x", "X", ColumnType.STRING)
    assert canonical.to_data(column) == {
        "logical_name": "x",
        "schema_name": "X",
        "type": "String",
        "required_level": "None",
        "valid_for_create": True,
        "valid_for_update": True,
        "valid_for_read": True,
    }


def test_an_empty_object_is_written_and_read_back_as_itself() -> None:
    """Left out, ``cascade_configuration: {}`` would read back as None: a different model."""
    relationship = model.OneToManyRelationship(
        "r", cascade_configuration=model.CascadeConfiguration()
    )
    table = Table("t", "T", relationships=model.Relationships(many_to_one=(relationship,)))
    text = table_yaml(table)
    assert "    cascade_configuration: {}\n" in text
    assert "this_table" not in canonical.to_data(model.ManyToManyRelationship("m"))
    assert load_yaml(text, "t.yaml") == table
