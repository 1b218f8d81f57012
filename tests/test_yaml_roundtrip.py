"""Property: every model YAML dvgen writes reads back to the same model, in dvgen and PyYAML.

Arbitrary text in every string field (tabs, control characters, line and paragraph
separators, BOMs, leading and trailing blanks, very long keys), arbitrary ints and Decimals
in the numeric facets. Derandomized and bounded, so CI runs the same cases every time;
``DVGEN_HYPOTHESIS_EXAMPLES=20000 pytest tests/test_yaml_roundtrip.py`` runs a longer search.
"""

from __future__ import annotations

import os
from decimal import Decimal
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dvgen import canonical, model, yamlio
from dvgen.model import (
    CascadeConfiguration,
    CascadeType,
    Choice,
    Column,
    ColumnType,
    ManyToManyRelationship,
    ManyToManySide,
    MenuConfiguration,
    Message,
    OneToManyRelationship,
    Page,
    Relationships,
    RequiredLevel,
    Table,
    TableSet,
)
from dvgen.parse import parse_spec
from dvgen.targets.model.target import table_yaml
from dvgen.yamlemit import Emitter, ModelEmitter
from tests.conftest import needs_shared

EXAMPLES = int(os.environ.get("DVGEN_HYPOTHESIS_EXAMPLES", "200"))
SETTINGS = settings(
    derandomize=True,
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

TRICKY = "\t\n\r \x00\x01\x1b\x7f\x85\xa0\u2028\u2029\ufeff\ufffd\U0001f600:#-?'\"|>{}[]&*!%@`,\\"
"""Characters YAML treats specially, or that a file must not hold raw."""
CHARS = st.one_of(st.characters(exclude_categories=["Cs"]), st.sampled_from(TRICKY))
"""Any character a file can hold: lone surrogates cannot be UTF-8, so no model has one."""
TEXT = st.one_of(
    st.text(CHARS, max_size=30),
    st.sampled_from(["yes", "no", "null", "~", "1:30", "0x1f", "010", "1e3", ".inf", "<<", "="]),
    st.builds(lambda a, b: a + "\n" + b, st.text(CHARS, max_size=12), st.text(CHARS, max_size=12)),
)
OPTIONAL = st.none() | TEXT
LOGICAL = st.from_regex(r"\A[a-z_][a-z0-9_]{0,12}\Z")
NAME = st.from_regex(r"\A[A-Za-z_][A-Za-z0-9_]{0,12}\Z")


def decimals(digits: int, exponent: int) -> st.SearchStrategy[Decimal]:
    """Decimals of up to ``digits`` significant digits, adjusted exponent within ``exponent``."""
    return st.builds(
        lambda sign, first, ds, adjusted: Decimal((sign, (first, *ds), adjusted - len(ds))),
        st.integers(0, 1),
        st.integers(0, 9),  # a zero's exponent is its adjusted exponent
        st.lists(st.integers(0, 9), max_size=digits - 1),
        st.integers(-exponent, exponent),
    ).filter(lambda d: abs(d.adjusted()) <= exponent)


INT = st.integers(-(10**yamlio.MAX_DIGITS) + 1, 10**yamlio.MAX_DIGITS - 1)
DECIMAL = decimals(yamlio.MAX_DIGITS, yamlio.MAX_EXPONENT)
"""Every number the YAML loader takes."""
INT32 = st.integers(-(2**31), 2**31 - 1)
COUNT = st.integers(0, 2**31 - 1)
VALUE = st.integers(-(10**38) + 1, 10**38 - 1) | decimals(20, 19)
"""MinValue/MaxValue a target carries: 38 digits, at most 40 before or after the point."""
KEY = st.one_of(TEXT, st.text(CHARS, min_size=480, max_size=1200))
EXTRA = st.lists(st.tuples(KEY, TEXT), max_size=3, unique_by=lambda p: p[0]).map(tuple)
CASCADE = st.none() | st.sampled_from(list(CascadeType))
BOOL = st.none() | st.booleans()

CHOICE = st.builds(
    Choice,
    value=INT32,
    label=TEXT,
    description=OPTIONAL,
    default_status=st.none() | INT32,
    invariant_name=OPTIONAL,
    state=st.none() | INT32,
    transition_data=OPTIONAL,
    extra=EXTRA,
)
COLUMN = st.builds(
    Column,
    logical_name=LOGICAL,
    schema_name=NAME,
    type=st.sampled_from(list(ColumnType)),
    display_name=OPTIONAL,
    description=OPTIONAL,
    required_level=st.sampled_from(list(RequiredLevel)),
    valid_for_create=st.booleans(),
    valid_for_form=BOOL,
    added_by=OPTIONAL,
    attribute_of=st.none() | LOGICAL,
    format=OPTIONAL,
    format_name=OPTIONAL,
    max_length=st.none() | st.integers(1, 2**30 - 1),
    min_value=st.none() | VALUE,
    max_value=st.none() | VALUE,
    precision=st.none() | st.integers(0, 38),
    precision_source=st.none() | st.integers(0, 2),
    date_time_behavior=st.none() | st.sampled_from(list(model.DateTimeBehavior)),
    source_type_mask=st.none() | COUNT,
    targets=st.lists(LOGICAL, max_size=2).map(tuple),
    global_choice_name=st.none() | NAME,
    default_form_value=st.none() | INT32,
    default_value=BOOL,
    max_size_in_kb=st.none() | st.integers(1, 2**31 - 1),
    choices=st.lists(CHOICE, max_size=2).map(tuple),
    extra=EXTRA,
)
MENU = st.none() | st.builds(
    MenuConfiguration,
    available_offline=BOOL,
    behavior=OPTIONAL,
    group=OPTIONAL,
    label=OPTIONAL,
    menu_id=OPTIONAL,
    order=st.none() | INT32,
    query_api=OPTIONAL,
    view_id=OPTIONAL,
)
ONE_TO_MANY = st.builds(
    OneToManyRelationship,
    schema_name=NAME,
    referenced_entity=st.none() | LOGICAL,
    referencing_attribute=st.none() | LOGICAL,
    referenced_entity_navigation_property_name=st.none() | NAME,
    is_hierarchical=BOOL,
    entity_key=OPTIONAL,
    cascade_configuration=st.none()
    | st.builds(CascadeConfiguration, delete=CASCADE, rollup_view=CASCADE)
    | st.just(CascadeConfiguration()),
    associated_menu_configuration=MENU,
    added_by=OPTIONAL,
    extra=EXTRA,
)
MANY_TO_MANY = st.builds(
    ManyToManyRelationship,
    schema_name=NAME,
    intersect_entity_name=st.none() | LOGICAL,
    entity1=st.none() | LOGICAL,
    this_table=st.builds(
        ManyToManySide,
        logical_name=st.none() | LOGICAL,
        navigation_property_name=st.none() | NAME,
        associated_menu_configuration=MENU,
    ),
    added_by=OPTIONAL,
    extra=EXTRA,
)
MESSAGE = st.builds(
    Message,
    name=TEXT.filter(bool),
    is_event=BOOL,
    web_api_operation=OPTIONAL,
    sdk=OPTIONAL,
)
FRONT_VALUE = st.one_of(TEXT, st.lists(TEXT, max_size=3).map(tuple))
TABLE = st.builds(
    Table,
    logical_name=LOGICAL,
    schema_name=NAME,
    display_name=OPTIONAL,
    display_collection_name=OPTIONAL,
    entity_set_name=st.none() | NAME,
    primary_id_attribute=st.none() | LOGICAL,
    table_type=st.none() | st.sampled_from(list(model.TableType)),
    ownership_type=st.none() | st.sampled_from(list(model.OwnershipType)),
    description=OPTIONAL,
    added_by=OPTIONAL,
    messages=st.lists(MESSAGE, max_size=2).map(tuple),
    events=st.lists(MESSAGE, max_size=1).map(tuple),
    columns=st.lists(COLUMN, max_size=3, unique_by=lambda c: c.logical_name).map(tuple),
    relationships=st.builds(
        Relationships,
        many_to_one=st.lists(ONE_TO_MANY, max_size=2).map(tuple),
        many_to_many=st.lists(MANY_TO_MANY, max_size=1).map(tuple),
    ),
    page=st.none()
    | st.builds(
        Page,
        title=OPTIONAL,
        front_matter=st.lists(st.tuples(KEY, FRONT_VALUE), max_size=3, unique_by=lambda p: p[0])
        .map(sorted)
        .map(tuple),
    ),
    extra=EXTRA,
)


def _floats(data: Any) -> Any:
    """Plain data as a YAML 1.1 reader gives it back: Decimals as floats."""
    if isinstance(data, dict):
        return {key: _floats(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_floats(item) for item in data]
    return float(data) if isinstance(data, Decimal) else data


def _assert_reads_back(table: Table) -> None:
    text = table_yaml(table)
    loaded, diagnostics = parse_spec(f"{table.logical_name}.yaml", text.encode("utf-8"))
    assert [str(d) for d in diagnostics] == [], text
    assert loaded == table, text
    assert isinstance(loaded, Table) and table_yaml(loaded) == text
    data = canonical.to_data(table)
    for loader in (yaml.SafeLoader, yaml.CSafeLoader):
        assert yaml.load(text, Loader=loader) == _floats(data), (loader, text)


@SETTINGS
@given(TABLE)
@example(Table("t", "T", description="\tab\ncd"))
@example(Table("t", "T", description="\n\n\tx\ny \n"))
@example(Table("t", "T", description=" lead\nz"))
@example(Table("t", "T", extra=(("k" * 2000, "v\n\tw"),)))
def test_every_model_yaml_reads_back_to_the_same_model(table: Table) -> None:
    _assert_reads_back(table)


@SETTINGS
@given(st.one_of(TEXT, st.text(CHARS, max_size=200)))
def test_every_string_reads_back_in_every_yaml_reader(text: str) -> None:
    """One string in each place a string goes: a value, a key, a sequence item."""
    written = yamlio.dump({"v": text, "m": {text: [text, "x"]}})
    expected = {"v": text, "m": {text: [text, "x"]}}
    assert yamlio.load(written) is not None
    assert yamlio.construct(yamlio.compose(written)) == expected  # type: ignore[arg-type]
    for loader in (yaml.SafeLoader, yaml.CSafeLoader):
        assert yaml.load(written, Loader=loader) == expected, written


@SETTINGS
@given(st.one_of(INT, DECIMAL))
def test_every_number_within_the_limits_reads_back(number: int | Decimal) -> None:
    written = yamlio.dump({"n": number})
    document = yamlio.load(written)
    assert document is not None and document.data == {"n": number}
    assert type(document.data["n"]) is type(number)
    assert yamlio.dump(document.data) == written


def test_a_multi_line_string_starting_with_a_tab_is_double_quoted() -> None:
    """The emitter bug of issue 9: ``|-`` then a tab-indented first line, refused by libyaml."""
    assert yamlio.dump({"k": "\tab\ncd"}) == 'k: "\\tab\\ncd"\n'
    assert yamlio.dump({"k": "ab\n\tcd"}) == "k: |-\n  ab\n  \tcd\n"
    assert yamlio.dump({"k": "ab \ncd"}) == 'k: "ab \\ncd"\n'


def test_a_very_long_key_is_written_as_an_explicit_key() -> None:
    key = "k" * 600
    assert yamlio.dump({"m": {key: "v"}}) == f"m:\n  ? {key}\n  : v\n"


_SHARED = ModelEmitter()
"""One writer across examples, as the model target keeps one across a set's tables."""


@SETTINGS
@given(TABLE)
@example(Table("t", "T", description="\tab\ncd"))
@example(Table("t", "T", extra=(("k" * 2000, "v\n\tw"), ("a", ("x", "y")))))
def test_the_model_writer_writes_what_the_data_writer_writes(table: Table) -> None:
    """``ModelEmitter`` writes a model object without ``to_data``'s plain data first: it must
    write, byte for byte, what ``Emitter`` writes of that data."""
    expected = Emitter().dump(canonical.to_data(table))
    assert ModelEmitter().dump_object(table) == expected
    assert _SHARED.dump_object(table) == expected


@needs_shared
def test_the_model_writer_writes_every_corpus_table_as_the_data_writer(
    corpus_set: TableSet,
) -> None:
    emitter = ModelEmitter()
    for table in corpus_set.tables:
        assert emitter.dump_object(table) == Emitter().dump(canonical.to_data(table))
