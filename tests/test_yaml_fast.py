"""The fast YAML path (``dvgen.yamlfast`` and the compiled spec schema) against the full one.

A spec is read fast only when that gives exactly what the full loader and jsonschema give:
the same model, every object at the same line, and for anything else the full path's own
messages. Shown on every corpus table's canonical YAML, on fuzzed specs, and case by case.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import random
from decimal import Decimal
from typing import Any

import jsonschema
import pytest
import yaml

from dvgen import yamlfast, yamlio
from dvgen.diagnostics import Diagnostics, Location, SpecError
from dvgen.model import Table, TableSet
from dvgen.parse import parse_spec, yaml_spec
from dvgen.parse.schemacheck import Doubt, compile_schema
from dvgen.targets.model.target import table_yaml
from tests.conftest import ROOT
from tests.fuzz import YAML_MUTATORS

SPECS = sorted((ROOT / "specs").glob("*.yaml"))
CUSTOMIZATIONS = {
    "customizes.yaml": (
        "# a layer\ncustomizes: account\nsolution: Contoso\ncolumns:\n"
        "- logical_name: new_x\n  type: String\n  max_length: 10\nchanges:\n"
        "  name:\n    display_name: Account name\n    add_choices:\n    - value: 1\n"
        "      label: One\n  telephone1:\n    required_level: ApplicationRequired\n"
        "remove:\n  columns:\n  - fax\n  relationships:\n  - account_x\n"
        "  choices:\n    industrycode:\n    - 1\n    - 2\n"
    ),
    "customizes_choice.yaml": (
        "customizes_choice: budgetstatus\nadd_choices:\n- value: 5\n  label: |-\n"
        '    Five\n    lines\nrelabel_choices:\n- value: 1\n  label: "One \\"1\\""\n'
        "remove_choices:\n- 2\n"
    ),
}


def same(a: Any, b: Any, at: str = "") -> None:
    """``a`` and ``b`` equal with equal types all the way down, locations included (the
    model leaves them out of ``==``)."""
    assert type(a) is type(b), f"{at}: {type(a).__name__} != {type(b).__name__}"
    if dataclasses.is_dataclass(a):
        for field in dataclasses.fields(a):
            same(getattr(a, field.name), getattr(b, field.name), f"{at}.{field.name}")
    elif isinstance(a, tuple | list):
        assert len(a) == len(b), at
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{at}[{index}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), at
        for key in a:
            same(a[key], b[key], f"{at}.{key}")
    else:
        assert a == b, at


def both_paths(text: str, name: str = "t.yaml") -> tuple[Any, Any]:
    """(outcome of the fast path, of the full path): a spec, or the diagnostics it raised."""
    outcomes = []
    for fast in (True, False):
        try:
            outcomes.append(yaml_spec.parse_yaml(text, Location(name), Diagnostics(), fast))
        except SpecError as exc:
            outcomes.append([str(d) for d in exc.diagnostics])
    return outcomes[0], outcomes[1]


def node_paths(node: yaml.Node, path: list[str | int]) -> Any:
    """Every path to a node of the tree, with ``key`` for key nodes, as builders ask them."""
    yield path, False
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield [*path, key.value], True
            yield from node_paths(value, [*path, key.value])
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            yield from node_paths(value, [*path, index])


def assert_same_lines(text: str) -> None:
    """The fast reader's line of every node is the one the full loader's tree gives."""
    data, lines = yamlfast.read(text)
    document = yamlio.load(text)
    assert document is not None
    same(data, document.data)
    for path, key in node_paths(document.root, []):
        expected = yamlio.line_of(yamlio.node_at(document.root, path, key))
        assert lines.line(path, key) == expected, (path, key)
    assert lines.line(["no such key", 3]) == yamlio.line_of(document.root)


@pytest.fixture(scope="module")
def corpus_yaml(corpus_set: TableSet) -> dict[str, str]:
    """The canonical YAML (the model target's text) of every table of the corpus."""
    return {f"{t.logical_name}.yaml": table_yaml(t) for t in corpus_set.tables}


def test_every_corpus_table_reads_fast_into_the_same_model(corpus_yaml: dict[str, str]) -> None:
    assert len(corpus_yaml) > 60
    for name, text in corpus_yaml.items():
        assert yaml_spec._read_fast(text) is not None, name  # the fast path is taken
        fast, full = both_paths(text, name)
        same(fast, full, name)


def test_every_node_of_the_corpus_yaml_has_the_full_loaders_line(
    corpus_yaml: dict[str, str],
) -> None:
    for text in list(corpus_yaml.values())[::4]:
        assert_same_lines(text)


@pytest.mark.parametrize("path", SPECS, ids=[p.name for p in SPECS])
def test_the_repos_yaml_specs_give_the_same_model_either_way(path: Any) -> None:
    """Hand-written specs may use all of YAML (contoso_project.yaml has flow mappings)."""
    text = path.read_text(encoding="utf-8")
    fast, full = both_paths(text, path.name)
    same(fast, full)


@pytest.mark.parametrize("name", sorted(CUSTOMIZATIONS))
def test_customizations_read_fast_with_every_part_at_its_line(name: str) -> None:
    text = CUSTOMIZATIONS[name]
    assert yaml_spec._read_fast(text) is not None
    assert_same_lines(text)
    fast, full = both_paths(text, name)
    same(fast, full)


@functools.cache
def seed_yaml() -> str:
    """The canonical YAML of the repo's reference page (no ../shared needed)."""
    path = ROOT / "specs" / "backgroundoperation.md"
    table, _ = parse_spec(path.name, path.read_bytes())
    assert isinstance(table, Table)
    return table_yaml(table)


def fuzzed(count: int) -> list[str]:
    """Specs made by the fuzzer's YAML mutators from the repo's YAML specs, customizations
    and a canonical table (the mutators keep most of a text in the canonical form)."""
    bases = [p.read_text(encoding="utf-8") for p in SPECS] + list(CUSTOMIZATIONS.values())
    bases += [seed_yaml()] * 3
    texts = []
    for index in range(count):
        rng = random.Random(f"yaml-fast:{index}")
        text = rng.choice(bases)
        for _ in range(rng.randint(1, 3)):
            text = rng.choice(YAML_MUTATORS)(text, rng)[0]
        texts.append(text)
    return texts


def test_fuzzed_specs_give_the_same_model_or_the_same_messages_either_way() -> None:
    taken = 0
    for text in fuzzed(400):
        fast, full = both_paths(text)
        same(fast, full, text[:200])
        taken += yaml_spec._read_fast(text) is not None
    assert 10 < taken < 390  # both paths were exercised


def test_fuzzed_specs_read_fast_only_where_the_loader_agrees_line_for_line() -> None:
    for text in fuzzed(400):
        try:
            yamlfast.read(text)
        except yamlfast.Decline:
            continue
        assert_same_lines(text)


def test_the_compiled_schema_agrees_with_jsonschema(corpus_yaml: dict[str, str]) -> None:
    check = compile_schema(yaml_spec.spec_schema())
    assert check is not None
    validator = yaml_spec._validator()
    texts = [*fuzzed(400), *list(corpus_yaml.values())[::8]]
    verdicts = set()
    for text in texts:
        try:
            document = yamlio.load(text)
        except yamlio.YAMLProblem:
            continue
        if document is None:
            continue
        try:
            valid = check(document.data)
        except Doubt:
            continue
        assert valid == (next(validator.iter_errors(document.data), None) is None), text[:300]
        verdicts.add(valid)
    assert verdicts == {True, False}


@pytest.mark.parametrize(
    "schema, value, valid",
    [
        ({"type": "integer"}, True, False),
        ({"type": "integer"}, Decimal("1.0"), False),
        ({"type": "number"}, Decimal("1.5"), True),
        ({"type": ["string", "null"]}, None, True),
        ({"enum": ["a", "b"]}, "b", True),
        ({"enum": ["a"]}, 1, False),
        ({"enum": [True]}, True, True),
        ({"enum": [True]}, False, False),
        ({"enum": [True]}, 1, False),  # jsonschema tells a boolean from 1
        ({"pattern": "^[a-z]+$"}, "abc\n", True),  # re.search, as jsonschema: $ before \n
        ({"pattern": "^[a-z]+$"}, 5, True),
        ({"minimum": 1}, 0, False),
        ({"minimum": 1}, "0", True),
        ({"maximum": 2}, Decimal("2.5"), False),
        ({"minLength": 1}, "", False),
        ({"minItems": 1}, [], False),
        ({"minProperties": 2}, {"a": 1}, False),
        ({"required": ["a"]}, {"b": 1}, False),
        ({"required": ["a"]}, [], True),
        ({"uniqueItems": True}, [1, 2, 1], False),
        ({"uniqueItems": True}, ["a", "b"], True),
        ({"propertyNames": {"pattern": "^a"}}, {"ab": 1, "b": 2}, False),
        ({"properties": {"a": {"type": "string"}}, "additionalProperties": False}, {"b": 1}, False),
        ({"properties": {"a": {"type": "string"}}}, {"b": 1}, True),
        ({"additionalProperties": {"type": "string"}}, {"b": 1}, False),
        ({"oneOf": [{"type": "string"}, {"minLength": 1}]}, "x", False),
        ({"if": {"required": ["a"]}, "then": {"minProperties": 2}}, {"a": 1}, False),
        ({"if": {"required": ["a"]}, "else": {"minProperties": 2}}, {"b": 1}, False),
        ({"$ref": "#/$defs/x", "$defs": {"x": {"items": {"$ref": "#/$defs/x"}}}}, [[[]]], True),
        (
            {
                "$ref": "#/$defs/x",
                "$defs": {"x": {"type": "array", "items": {"$ref": "#/$defs/x"}}},
            },
            [[1]],
            False,
        ),
    ],
)
def test_each_keyword_answers_as_jsonschema(
    schema: dict[str, Any], value: Any, valid: bool
) -> None:
    assert jsonschema.Draft202012Validator(schema).is_valid(value) == valid
    check = compile_schema(schema)
    assert check is not None
    assert check(value) == valid


def test_a_schema_with_an_unknown_keyword_compiles_to_nothing() -> None:
    assert compile_schema({"not": {"type": "string"}}) is None
    assert compile_schema({"enum": [1, "a"]}) is None
    assert compile_schema({"properties": {"a": {"contains": {}}}}) is None
    assert compile_schema({"items": {"$ref": "#"}}) is None  # only references to $defs


def test_values_the_loader_makes_only_by_tag_are_left_to_jsonschema() -> None:
    check = compile_schema({"type": "string"})
    assert check is not None
    with pytest.raises(Doubt):
        check(datetime.date(2026, 1, 1))
    with pytest.raises(Doubt):
        check(1.5)


READ_FAST = {
    "yaml 1.2 scalars": "a: yes\nb: 010\nc: 2026-12-06\nd: 1:30\ne: 1.50\nf: -7\ng: 0x1F\nh: ~\n",
    "bools": "a: true\nb: False\nc: TRUE\n",
    "numbers with separators": "a: 1_000\nb: 1e-3\nc: .5\nd: +3\n",
    "quoted": 'a: "x: y # z"\n"b c": "\\u00e9\\n\\t\\"q\\""\n',
    "long quoted item": 'a:\n- "' + "x" * 700 + '"\n',
    "literal clip": "a: |\n  one\n\n  two\nb: 1\n",
    "literal strip": "a: |-\n  one\nb: 1\n",
    "literal keep": "a: |+\n  one\n\n\nb: 1\n",
    "literal keep at the end": "a: |+\n  one\n\n",
    "literal in a sequence": "a:\n- |\n  x\n    y\n- z\n",
    "leading empty lines in a literal": "a: |\n\n  x\n",
    "nested sequences": "a:\n-\n  - 1\n  - 2\n- []\n- {}\n",
    "indented sequence": "a:\n  - b: 1\n    c: 2\n  - d\nz: 1\n",
    "indentless sequence in an item": "k:\n- a:\n  - x\n  b: 1\n- c\n",
    "comments and blank lines": "# c\n\na: 1\n  # inner\nb:\n\n  c: 2\n",
    "plain with indicators inside": "a: x-y?z:w,[v]{u}#t&s*r!q|p>o'n\"m%l@k`j\n",
}


@pytest.mark.parametrize("name", sorted(READ_FAST))
def test_read_fast_as_the_full_loader_reads(name: str) -> None:
    text = READ_FAST[name]
    assert_same_lines(text)


DECLINED = {
    "tab": "a:\n\tb: 1\n",
    "anchor": "a: &x 1\nb: 1\n",
    "alias": "a: 1\nb: *x\n",
    "tag": "a: !!str 1\n",
    "flow": "a: [1, 2]\n",
    "single quoted": "a: 'x'\n",
    "folded": "a: >\n  x\n",
    "indentation indicator": "a: |2\n   x\n",
    "multi-line plain": "a: x\n  y\n",
    "multi-line quoted": 'a: "x\n  y"\n',
    "repeated key": "a: 1\na: 2\n",
    "merge key": "<<: {}\n",
    "key with no value": "a:\nb: 1\n",
    "non-string key": "1: a\n",
    "document marker": "---\na: 1\n",
    "comment after a value": "a: 1 # c\n",
    "trailing space": "a: 1 \n",
    "no final newline": "a: 1",
    "surrogate escape": 'a: "\\ud83d\\ude00"\n',
    "slash escape": 'a: "\\/"\n',
    "NEL": "a: x\x85y\n",
    "top-level sequence": "- a\n",
    "number too long": "a: " + "9" * 200 + "\n",
    "odd indentation": "a:\n   b: 1\n  c: 2\n",
    "comment after a literal": "a: |+\n  x\n\n# c\nb: 1\n",
    "literal indented further": "a: |\n    x\n",
    "explicit key": "? a\n: 1\n",
    "blank before the colon": "a : 1\n",
    "empty key": ": 1\n",
    "empty key in an item": "a:\n- : 1\n",
    "long quoted key": '"' + "k" * 600 + '": 1\n',
}


@pytest.mark.parametrize("name", sorted(DECLINED))
def test_outside_the_canonical_form_the_fast_reader_declines(name: str) -> None:
    with pytest.raises(yamlfast.Decline):
        yamlfast.read(DECLINED[name])


CANONICAL = """\
# dvgen canonical model of table t. Generated by dvgen: do not edit.
logical_name: t
display_name: T
ownership_type: UserOwned
columns:
- logical_name: a
  type: String
  max_length: 100
- logical_name: b
  type: Integer
"""


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("  type: Integer\n", "  type: Integer\n  type: String\n", "t.yaml:11: error: key 'type'"),
        ("display_name: T\n", "display_nmae: T\n", "t.yaml:3: error: top level: unknown key "),
        ("  max_length: 100\n", "  max_length: x\n", "t.yaml:8: error: columns.0.max_length: 'x'"),
        ("ownership_type: UserOwned\n", "ownership_type: Mine\n", "t.yaml:4: error: ownership"),
        ("  max_length: 100\n", "  max_length: 1" + "0" * 120 + "\n", "t.yaml:8: error: number"),
        ("display_name: T\n", "display_name: T: x\n", "t.yaml:3: error: not valid YAML"),
        ("display_name: T\n", "display_name: T\nextra: *a\n", "t.yaml:4: error: not valid YAML"),
        ("  max_length: 100\n", "  max_length: 99999999999\n", "t.yaml:6: error: column 'a'"),
    ],
    ids=["duplicate", "did-you-mean", "type", "enum", "number", "syntax", "alias", "validate"],
)
def test_each_error_in_a_canonical_file_names_its_line(old: str, new: str, expected: str) -> None:
    assert yaml_spec._read_fast(CANONICAL) is not None
    text = CANONICAL.replace(old, new, 1)
    assert text != CANONICAL
    table, diagnostics = parse_spec("t.yaml", text.encode("utf-8"))
    assert table is None
    messages = [str(d) for d in diagnostics]
    assert any(message.startswith(expected) for message in messages), messages


PIECES = (
    "a", "b", "key", '"q"', '"q: r"', "1", "-1", "0x1F", "1.5", "1e3", "true", "yes", "null",
    "~", "{}", "[]", "|", "|-", "|+", "x y", "a:b", "#c", "x #c", "-", "- x", ":", "", "é",
    '"\\u00e9"', '"\\x41"', "&a", "*a", "!t", "'s'", ">", "[1]", "<<", "=", "...", "---",
)  # fmt: skip


def random_document(rng: random.Random) -> str:
    """A block mapping of tokens YAML treats in many ways, nested at random, now and then
    indented one space off."""
    return "\n".join(_mapping(rng, 0, 3)) + "\n"


def _piece(rng: random.Random, plain: float) -> str:
    return rng.choice(["k", "name", "x_1"]) if rng.random() < plain else rng.choice(PIECES)


def _mapping(rng: random.Random, indent: int, depth: int, dash: str = "") -> list[str]:
    lines = []
    for number in range(rng.randint(1, 4)):
        pad = dash if number == 0 and dash else " " * (indent + (rng.random() < 0.03))
        head = f"{pad}{_piece(rng, 0.8)}:"
        lines += _value(rng, head, indent, depth)
    return lines


def _value(rng: random.Random, head: str, indent: int, depth: int) -> list[str]:
    shape = rng.random() if depth else 0.0
    if shape < 0.6:
        value = _piece(rng, 0.3)
        if value.startswith("|"):
            body = [" " * (indent + 2) + _piece(rng, 0.5) if rng.random() < 0.8 else ""]
            return [f"{head} {value}", *body * rng.randint(1, 3)]
        return [f"{head} {value}".rstrip(" ")]
    if shape < 0.75:
        return [head, *_mapping(rng, indent + 2, depth - 1)]
    column = indent + rng.choice([0, 2])
    items = []
    for _ in range(rng.randint(1, 3)):
        if rng.random() < 0.5:
            items += _mapping(rng, column + 2, depth - 1, " " * column + "- ")
        else:
            items.append((" " * column + "- " + _piece(rng, 0.3)).rstrip(" "))
    return [head, *items]


def test_random_documents_read_fast_only_as_the_full_loader_reads_them() -> None:
    accepted = 0
    for index in range(3000):
        text = random_document(random.Random(f"yaml-pieces:{index}"))
        try:
            yamlfast.read(text)
        except yamlfast.Decline:
            continue
        assert_same_lines(text)  # the full loader reads it, to the same data and lines
        accepted += 1
    assert accepted > 100
