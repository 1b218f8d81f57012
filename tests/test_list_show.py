"""``dvgen list`` and ``dvgen show``: what the set holds, each part with the line it came
from, checked against the spec files themselves and against ``generate``'s own output."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import parse_file, run

ACTIVITY = """\
logical_name: contoso_call
schema_name: contoso_Call
primary_id_attribute: activityid
columns:
  - logical_name: activityid
    schema_name: ActivityId
    type: Uniqueidentifier
"""
VIRTUAL = """\
logical_name: contoso_feed
schema_name: contoso_Feed
table_type: Virtual
primary_id_attribute: contoso_feedid
columns:
  - logical_name: contoso_feedid
    schema_name: contoso_FeedId
    type: Uniqueidentifier
"""


@pytest.fixture()
def specs(project: Path) -> Path:
    (project / "specs" / "contoso_call.yaml").write_text(ACTIVITY)
    (project / "specs" / "contoso_feed.yaml").write_text(VIRTUAL)
    return project / "specs"


def test_list_names_each_table_with_type_counts_and_source(
    specs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "list")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["TABLE", "TYPE", "COLUMNS", "RELATIONSHIPS", "SOURCE"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[1:]}
    assert rows["backgroundoperation"][0] == "elastic"
    assert rows["contoso_call"] == ["activity", "1", "0", "specs/contoso_call.yaml:1"]
    assert rows["contoso_feed"] == ["virtual", "1", "0", "specs/contoso_feed.yaml:1"]
    assert rows["contoso_project"][0] == "custom"
    assert list(rows) == sorted(rows)
    assert not (specs.parent / "generated").exists()  # list writes nothing


def test_list_json_agrees_with_the_model(specs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--format", "json", "--table", "contoso_project")
    assert code == 0
    (row,) = json.loads(out)
    model = yaml.safe_load((specs / "contoso_project.yaml").read_text())
    relationships = model.get("relationships", {})
    assert row["table"] == "contoso_project" and row["type"] == "custom"
    table = parse_file(specs / "contoso_project.yaml")  # and the columns Dataverse adds
    assert row["columns"] == len(table.columns) > len(model["columns"])
    assert row["relationships"] >= sum(len(v) for v in relationships.values())
    line = int(row["source"].rsplit(":", 1)[1])
    assert (
        "logical_name: contoso_project"
        in (specs / "contoso_project.yaml").read_text().splitlines()[line - 1]
    )


def _comments(text: str) -> list[tuple[str, str, int]]:
    """(line text, file, line) of each ``# file:line`` comment ``show`` added."""
    found = []
    for line in text.splitlines():
        match = re.search(r"  # (\S+):(\d+)$", line)
        if match:
            found.append((line[: match.start()], match.group(1), int(match.group(2))))
    return found


@pytest.mark.parametrize("table", ["backgroundoperation", "contoso_project"])
def test_show_is_the_generated_model_with_the_source_of_each_part(
    table: str, specs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "show", table)
    assert code == 0, err
    assert run(capsys, "generate", "--target", "model")[0] == 0
    generated = (specs.parent / "generated" / "model" / f"{table}.yaml").read_text()
    assert re.sub(r"  # \S+:\d+$", "", out, flags=re.MULTILINE) == generated
    assert yaml.safe_load(out) == yaml.safe_load(generated)
    model = yaml.safe_load(generated)
    comments = _comments(out)
    items = [c for c in comments if re.match(r"^\s*- (logical_name|schema_name|value):", c[0])]
    choices = sum(len(c.get("choices", [])) for c in model["columns"])
    relationships = sum(len(v) for v in model.get("relationships", {}).values())
    assert len(comments) == 1 + len(model["columns"]) + choices + relationships
    assert len(items) == len(comments) - 1
    schema_names = {c["logical_name"]: [c["schema_name"]] for c in model["columns"]}
    for text, path, line in comments[1:]:
        match = re.search(r"(?:logical_name|schema_name): (\S+)", text)
        if match is None:
            continue  # a choice: at its column's block
        if path != comments[0][1]:  # a relationship another spec states (a lookup to it)
            assert table in (specs.parent / path).read_text()
            continue
        if (path, line) == comments[0][1:]:  # a relationship a YAML spec's lookup implies,
            implied = text.lstrip().startswith("- schema_name: ")  # or a part Dataverse adds
            added = f"logical_name: {match.group(1)}\n" not in (specs.parent / path).read_text()
            assert (implied or added) and path.endswith(".yaml")
            continue
        names = {match.group(1), *schema_names.get(match.group(1), ())}
        names |= {n for n in schema_names if match.group(1).startswith(n)}  # a companion (an
        # image's <image>_url, dvgen.companions) is at the line of the column it supports
        source = (specs.parent / path).read_text().splitlines()
        near = "\n".join(source[max(0, line - 4) : line]).lower()
        assert any(name.lower() in near for name in names), (text, path, line)


def test_show_json_and_sources(specs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "contoso_project", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["table"] == yaml.safe_load(run(capsys, "show", "contoso_project")[1])
    assert data["sources"]["columns.contoso_name"].startswith("specs/contoso_project.yaml:")
    code, out, _ = run(capsys, "show", "contoso_project", "--sources")
    assert code == 0
    assert out.splitlines()[0] == "table: specs/contoso_project.yaml:4"
    assert f"columns.contoso_name: {data['sources']['columns.contoso_name']}" in out.splitlines()


def test_show_an_unknown_table_is_an_error_with_a_suggestion(
    specs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "show", "contoso_projet")
    assert (code, out) == (2, "")
    assert err == (
        "contoso_projet: error: no table 'contoso_projet' in the set; "
        "did you mean 'contoso_project'?\n"
    )


def test_list_reports_bad_specs_as_generate_does(
    specs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (specs / "broken.yaml").write_text("logical_name: [\n")
    code, out, err = run(capsys, "list")
    assert (code, out) == (2, "")
    assert err.startswith("specs/broken.yaml:") and "Traceback" not in err


CUSTOMIZED = """\
customizes: contoso_project
changes:
  contoso_name:
    max_length: 150
  contoso_phase:
    add_choices: [{value: 100000009, label: Archived}]
display_name: Venture
"""


def test_what_a_layer_set_is_shown_where_it_was_set(
    specs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A facet a customization changed names the customization's line, not the table's: who
    made ``contoso_name`` 150 long, who added option 100000009, who renamed the table."""
    (specs / "contoso_project_custom.yaml").write_text(CUSTOMIZED)
    code, out, err = run(capsys, "show", "contoso_project", "--sources")
    assert code == 0, err
    sources = dict(line.split(": ", 1) for line in out.splitlines())
    assert sources["columns.contoso_name"].startswith("specs/contoso_project.yaml:")
    assert sources["columns.contoso_name.max_length"] == "specs/contoso_project_custom.yaml:3"
    assert sources["columns.contoso_phase.choices.100000009"] == (
        "specs/contoso_project_custom.yaml:6"  # the option's own line, under add_choices
    )
    assert sources["columns.contoso_phase.choices.100000001"].startswith(
        "specs/contoso_project.yaml:"
    )
    assert sources["display_name"] == "specs/contoso_project_custom.yaml:1"
    code, out, _ = run(capsys, "show", "contoso_project")
    lines = out.splitlines()
    assert "  max_length: 150  # specs/contoso_project_custom.yaml:3" in lines
    assert "display_name: Venture  # specs/contoso_project_custom.yaml:1" in lines
    assert "    label: Archived" in lines
    archived = lines.index("    label: Archived")
    assert lines[archived - 1].endswith("# specs/contoso_project_custom.yaml:6")
