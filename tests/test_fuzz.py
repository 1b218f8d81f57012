"""Issue 9, Done-when 2: a seeded mutation fuzz of ``dvgen generate`` over every real page.

Each case (``tests/fuzz.py`` makes it from the seed and its number) is a corpus page, the seed
page or a YAML spec, mutated, run through ``dvgen.cli.main(["generate", ...])`` in this process,
and must:

- exit 0 or 2 (never 3, never an exception out of ``main``, never a hang past the timeout);
- print no traceback, nothing on stdout, and on stderr only ``file:line: severity: message``
  lines (``file: ...`` for a whole file) naming an input file (or an output file it cannot
  write); at most 1 MB of them;
- on exit 2: print at least one error, each ``file:line`` naming a file that exists at a line
  within it, and leave the output folder as it was, byte for byte (half the cases start with
  earlier files in it);
- on exit 0: leave files dvgen does not own alone, and lose no column silently: a page's
  columns, counted by an independent line scan, are all in the model YAML, or a warning names
  a line of the lost column's section;
- on a sample of exit-0 cases: JSON Schemas pass the 2020-12 metaschema, the CSDL passes the
  OASIS XSD, the SQLite DDL applies to an in-memory database, the pydantic package imports
  (and builds every model's JSON Schema), each model YAML reads back to the same bytes, and
  the JSON Schema and the pydantic model of each table with a state model agree on records
  holding a state with its own status reason and with another state's (``tests/fuzz_records.py``).

Besides line-level mutations, the mix holds structure-aware ones (``tests/fuzz_struct.py``):
column blocks' headings swapped, property rows moved, Type cells changed, relationship blocks
under the columns, sections duplicated, option values duplicated, negative or past 2**31,
state links dropped or foreign, MaxLength 0/-1/10**12; for YAML specs, relationships whose two
sides disagree, status reasons without or with foreign states, customizations beyond limits,
of unknown columns or of the wrong type, and spec sets of 2-4 related files of the hand-written
app in ``tests/yaml_app/``.

In CI it runs a fixed seed's first 1200 cases (15-30 s on 2 cores; at most 90 s, a slower
machine stops early and says so). The long run, and replaying a failure (``tests/fuzz.py``)::

    DVGEN_FUZZ_CASES=100000 DVGEN_FUZZ_WORKERS=$(nproc) .venv/bin/pytest tests/test_fuzz.py -q
    .venv/bin/python -m tests.fuzz replay SEED CASE
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

from tests import fuzz, fuzz_records
from tests.conftest import CORPUS, NO_SHARED


@pytest.mark.skipif(not CORPUS.is_dir(), reason=NO_SHARED)
def test_fuzz_generate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = fuzz.Settings.from_env()
    report = fuzz.run(settings, tmp_path)
    with capsys.disabled():
        print("\n" + report.summary())
    assert report.cases > 0
    assert not report.failures, fuzz.failure_text(report)


def test_cases_are_a_function_of_seed_and_number() -> None:
    """Replay depends on it: the same (seed, number) makes the same input, another differs."""
    first = fuzz.make_case(7, 123)
    assert fuzz.make_case(7, 123).files == first.files
    assert fuzz.make_case(7, 123).steps == first.steps
    assert any(fuzz.make_case(7, n).files != first.files for n in range(124, 130))


def test_the_scan_counts_columns_wherever_their_headings_went() -> None:
    """The independent column scan: a ``LogicalName`` row in a ``###`` block or a columns
    section counts, the table's own and a many-to-many side's do not; deleting the section
    heading moves columns, it does not hide them."""
    page = """\
## Properties
|Property|Value|
|---|---|
|LogicalName|`t`|
## Writable columns/attributes
### <a name="BKMK_A"></a> A
|Property|Value|
|---|---|
|LogicalName|`a`|

### <a name="BKMK_B"></a> B

|Property|Value|
|---|---|
|LogicalName|b|
|LogicalName|b|
## Many-to-Many relationships
### <a name="BKMK_r"></a> r
#### Table 1
|Property|Value|
|---|---|
|IntersectAttribute|tid|
|LogicalName|t|
### See also
|LogicalName|x|
"""
    assert [(c.name, c.line) for c in fuzz.scan_columns(page)] == [("a", 9), ("b", 15)]
    without_section = page.replace("## Writable columns/attributes\n", "")
    assert [c.name for c in fuzz.scan_columns(without_section)] == ["a", "b"]
    side_without_key = page.replace("|IntersectAttribute|tid|\n", "")
    assert [c.name for c in fuzz.scan_columns(side_without_key)] == ["a", "b"]
    merged = page.replace('### <a name="BKMK_B"></a> B\n', "")  # B's table joins A's block
    assert [c.name for c in fuzz.scan_columns(merged)] == ["a", "b"]


@pytest.mark.skipif(not CORPUS.is_dir(), reason=NO_SHARED)
def test_the_scan_agrees_with_the_parser_on_every_real_page() -> None:
    """Without mutation the scan and the model agree, so a difference under mutation is real."""
    from dvgen.parse import parse_spec

    pages, _ = fuzz.bases()
    for page in pages:
        table, _ = parse_spec(page.name, page.text.encode("utf-8"))
        assert table is not None
        scanned = sorted(c.name for c in fuzz.scan_columns(page.text))
        assert scanned == sorted(c.logical_name for c in table.columns), page.name


def test_the_scan_reads_a_page_of_bold_lines_as_the_parser_does() -> None:
    """A Dynamics 365 page of 2017 (``DVGEN_FUZZ_PAGES`` may bring one) names each column on a
    ``**LogicalName**: x<br />`` line, in a block whose relationships name none."""
    from dvgen.parse import parse_spec
    from tests.test_parse_unseen33 import ASSN

    table, _ = parse_spec("x_assn.md", ASSN.encode("utf-8"))
    assert table is not None
    scanned = sorted(c.name for c in fuzz.scan_columns(ASSN))
    assert scanned == sorted(c.logical_name for c in table.columns)
    assert "resource" in scanned


def test_every_mutator_changes_its_input() -> None:
    rng = random.Random(1)
    text = "## Writable columns\n### A\n|Property|Value|\n|---|---|\n|LogicalName|a|\n"
    for mutate in fuzz.PAGE_MUTATORS:
        changed = [mutate(text, rng)[0] != text for _ in range(5)]
        assert any(changed), mutate.__name__
    yaml_text = "logical_name: t\ncolumns:\n  - logical_name: a\n    type: String\n"
    for mutate in fuzz.YAML_MUTATORS:
        changed = [mutate(yaml_text, rng)[0] != yaml_text for _ in range(5)]
        assert any(changed), mutate.__name__


@pytest.mark.skipif(not fuzz.XSD.is_file(), reason=f"{NO_SHARED} (OASIS edmx.xsd)")
def test_the_validators_refuse_broken_output(tmp_path: Path) -> None:
    """Each costly check finds a fault when there is one (they are not vacuous)."""
    files = {
        "jsonschema/t.schema.json": '{"type": 3}',
        "odata/metadata.xml": (
            '<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">'
            '<edmx:DataServices><Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" '
            'Namespace="N"><EntityContainer Name="C"/></Schema></edmx:DataServices></edmx:Edmx>'
        ),
        "sql/sqlite/schema.sql": "CREATE TABLE t (a INTEGER,);\n",
        "pydantic/pkg/__init__.py": "from .t import T\n",
        "pydantic/pkg/t.py": "T = int('1' * 5000)\n",
        "model/t.yaml": "logical_name: t\ndescription: |\n  \tx\n",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    found = {f.kind: f.detail for f in fuzz.validate_outputs(tmp_path)}
    assert list(found) == [
        "invalid-jsonschema",
        "invalid-csdl",
        "invalid-sqlite",
        "invalid-pydantic",
        "invalid-model_yaml",
    ]
    assert "SchemaError" in found["invalid-jsonschema"]
    assert "EntityContainer" in found["invalid-csdl"]
    assert "OperationalError" in found["invalid-sqlite"]
    assert "ValueError" in found["invalid-pydantic"]
    assert "does not read back" in found["invalid-model_yaml"]
    assert not [k for k in sys.modules if k.startswith("_dvgen_fuzz_pkg_")]


def test_the_verdict_names_each_fault(tmp_path: Path) -> None:
    """Synthetic outcomes: each property of a case is checked."""
    work = fuzz.Workspace(tmp_path / "w")
    page = "# T\n\n## Writable columns\n\n### A\n\n|Property|Value|\n|---|---|\n|LogicalName|a|\n"
    case = fuzz.Case(1, 2, {"t.md": page.encode()}, "t.md", ["x"], preexisting=True)
    before = work.prepare(case)
    spec = work.specs / "t.md"

    def kinds(rc: int | None, err: str = "", out: str = "", escaped: str = "") -> list[str]:
        outcome = fuzz.Outcome(rc, out, err, 0.0, escaped)
        return [f.kind for f in fuzz.verdict(case, work, outcome, before)]

    assert kinds(3, "dvgen: internal error (TypeError: x)") == ["exit-3"]
    assert kinds(1) == ["exit-1"]
    assert kinds(None, escaped="timeout: 10s") == ["timeout"]
    assert kinds(2, f"{spec}:3: error: bad") == []
    assert kinds(2, f"{spec}: error: bad\n{work.config}: error: bad") == []
    assert kinds(2, "Traceback (most recent call last):\n") == [
        "traceback",
        "diagnostic-form",
        "exit-2-without-error",
    ]
    assert kinds(2, "dvgen: error: [Errno 36] File name too long") == ["diagnostic-path"]
    assert kinds(2, "[tool.dvgen]: error: x") == ["diagnostic-path"]
    assert kinds(2, f"{spec}:3: error: bad\n  in line 3") == ["diagnostic-form"]
    (work.out / "keep.txt").write_text("changed", encoding="utf-8")
    assert kinds(2, f"{spec}:3: error: bad") == ["wrote-on-error"]
    assert kinds(0) == ["touched-foreign-file", "lost-column"]
    (work.out / "keep.txt").write_bytes(before["keep.txt"])
    (work.out / "model").mkdir(exist_ok=True)
    (work.out / "model" / "t.yaml").write_text("columns:\n- logical_name: a\n", encoding="utf-8")
    assert kinds(0) == []
    (work.out / "model" / "t.yaml").write_text("columns: []\n", encoding="utf-8")
    assert kinds(0, f"{spec}:1: warning: x") == ["lost-column"]  # not in A's section
    assert kinds(0, f"{spec}:5: warning: heading A not read") == []


def test_an_error_line_must_point_into_its_file(tmp_path: Path) -> None:
    """An error naming line 99 of a 3-line file, or a file that is not there, is a fault."""
    work = fuzz.Workspace(tmp_path / "w")
    case = fuzz.Case(1, 2, {"t.yaml": b"a: 1\nb: 2\n"}, "t.yaml", ["x"])
    before = work.prepare(case)
    spec = work.specs / "t.yaml"

    def kinds(err: str) -> list[str]:
        outcome = fuzz.Outcome(2, "", err, 0.0)
        return [f.kind for f in fuzz.verdict(case, work, outcome, before)]

    assert kinds(f"{spec}:3: error: bad") == []
    assert kinds(f"{spec}:4: error: bad") == ["diagnostic-line"]
    assert kinds(f"{spec}:0: error: bad") == ["diagnostic-line"]
    assert kinds(f"{work.specs / 'gone.yaml'}:1: error: bad") == [
        "diagnostic-path",
        "diagnostic-line",
    ]


STATE_MODEL = """\
logical_name: t
columns:
  - {logical_name: statecode, type: State, choices: [{value: 0, label: A, default_status: 1},
     {value: 1, label: B, default_status: 2}]}
  - {logical_name: statuscode, type: Status, choices: [{value: 1, label: X, state: 0},
     {value: 2, label: Y, state: 1}]}
"""


def test_the_records_name_a_capitalised_column_as_the_web_api_does() -> None:
    """A State column whose LogicalName a solution writes with capitals (``cased_logical_name``)
    is the property ``STATECODE`` of a Web API record: keyed ``statecode``, the record is a
    member the JSON Schema does not know while the pydantic model reads it by its Python name,
    and the two seemed to disagree (solutions fuzz, seed 20261216, case 4438)."""
    import yaml

    model = yaml.safe_load(STATE_MODEL)
    model["columns"][0]["cased_logical_name"] = "STATECODE"
    assert fuzz_records.state_records(model)[1] == {"STATECODE": 0, "statuscode": 2}


def test_the_record_check_finds_a_schema_and_a_model_that_disagree(tmp_path: Path) -> None:
    """A JSON Schema refusing a foreign status reason beside a model that accepts it (and the
    records: each state with its own reason and with another's)."""
    import yaml

    assert fuzz_records.state_records(yaml.safe_load(STATE_MODEL)) == [
        {"statecode": 0, "statuscode": 1},
        {"statecode": 0, "statuscode": 2},
        {"statecode": 1, "statuscode": 2},
        {"statecode": 1, "statuscode": 1},
    ]
    rule = {
        "if": {"properties": {"statecode": {"const": 0}}, "required": ["statecode"]},
        "then": {"properties": {"statuscode": {"not": {"enum": [2]}}}},
    }
    files = {
        "model/t.yaml": STATE_MODEL,
        "jsonschema/t.schema.json": json.dumps({"type": "object", "allOf": [rule]}),
        "pydantic/pkg/__init__.py": "from .t import T\n_MODULES = {'T': 't'}\n",
        "pydantic/pkg/t.py": "from pydantic import BaseModel\n\nclass T(BaseModel):\n"
        "    statecode: int | None = None\n    statuscode: int | None = None\n",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    found = fuzz.check_records(tmp_path)
    assert "{'statecode': 0, 'statuscode': 2}: JSON Schema refuses" in found, found
    assert "pydantic accepts" in found
    (tmp_path / "jsonschema/t.schema.json").write_text('{"type": "object"}', encoding="utf-8")
    assert fuzz.check_records(tmp_path) == ""


STRUCTURED_PAGE = """\
## Writable columns/attributes
### <a name="BKMK_A"></a> A
|Property|Value|
|---|---|
|LogicalName|`a`|
|Type|String|
|MaxLength|100|
### <a name="BKMK_StateCode"></a> StateCode
|Property|Value|
|---|---|
|LogicalName|`statecode`|
|Type|State|
#### StateCode Choices/Options
|Value|Label|DefaultStatus|InvariantName|
|-----|-----|-------------|-------------|
|0|Active|1|Active|
|1|Inactive|2|Inactive|
## One-To-Many Relationships
### <a name="BKMK_r"></a> r
|Property|Value|
|---|---|
|ReferencingEntity|b|
"""


def test_each_structure_mutator_changes_the_structure_it_knows() -> None:
    """On a page or spec that has what it looks for, each structure-aware mutator changes the
    input by its own rule (not by its fallback, whose step starts with a parenthesis)."""
    from tests import fuzz_struct

    texts = [STRUCTURED_PAGE]
    texts += [
        (fuzz.APP / n).read_text("utf-8") for n in ("cln_appointment.yaml", "contact_clinic.yaml")
    ]
    for mutate in [*fuzz_struct.PAGE_MUTATORS, *fuzz_struct.YAML_MUTATORS]:
        rng = random.Random(mutate.__name__)
        is_page = mutate in fuzz_struct.PAGE_MUTATORS
        base = texts[0] if is_page else texts[1]
        results = [mutate(base, rng) for _ in range(10)]
        assert all(text != base for text, _ in results), mutate.__name__
        assert all(not step.startswith("(") for _, step in results), (
            mutate.__name__,
            results[0][1],
        )
    assert "customizes" in fuzz_struct.customization(texts[2], random.Random(3))[0]
