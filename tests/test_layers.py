"""YAML customizations through the command line: what each part does to the generated model,
and each conflict as a `file:line` error naming both places, exit 2, nothing written.

The bases are the repo's own specs: backgroundoperation.md (a reference page, with the global
choices backgroundoperation_statecode/_statuscode and relationships to systemuser) and
contoso_project.yaml (a hand-written table with local choices and a lookup to it).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import run


def write(project: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (project / "specs" / name).write_text(text, encoding="utf-8")


def model(project: Path, table: str) -> dict[str, Any]:
    text = (project / "out" / "model" / f"{table}.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def column(data: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(c for c in data["columns"] if c["logical_name"] == name)
    return found


def labels(col: dict[str, Any]) -> dict[int, str]:
    return {choice["value"]: choice["label"] for choice in col.get("choices", [])}


CUSTOMIZED = {
    "contoso_background.yaml": """\
customizes: backgroundoperation
solution: Contoso Core
columns:
  - logical_name: contoso_tier
    schema_name: contoso_Tier
    type: Picklist
    display_name: Tier
    choices: [{value: 1, label: Gold}, {value: 2, label: Silver}]
  - {logical_name: contoso_projectid, type: Lookup, targets: [contoso_project]}
changes:
  name:
    max_length: 200
    display_name: Operation
  priority:
    max_value: 5
    required_level: ApplicationRequired
remove:
  columns: [runas]
  relationships: [contoso_backgroundoperation_contoso_project]
relationships:
  many_to_one:
    - schema_name: contoso_project_backgroundoperation
      referenced_entity: contoso_project
      referenced_attribute: contoso_projectid
      referencing_entity: backgroundoperation
      referencing_attribute: contoso_projectid
      referencing_entity_navigation_property_name: contoso_ProjectId
      referenced_entity_navigation_property_name: contoso_backgroundoperations
""",
    "contoso_project_phases.yaml": """\
customizes: contoso_project
changes:
  contoso_phase:
    add_choices: [{value: 100000007, label: Closed}]
    relabel_choices: [{value: 100000001, label: Class}]
remove:
  choices: {contoso_regions: [3]}
""",
    "contoso_status.yaml": """\
customizes_choice: backgroundoperation_statuscode
add_choices: [{value: 100000000, label: Parked, state: 0}]
relabel_choices: [{value: 20, label: Busy}]
""",
}


def test_a_customization_adds_changes_and_removes(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, CUSTOMIZED)
    code, _, err = run(capsys, "generate", "--out", "out")
    assert code == 0, err
    background = model(project, "backgroundoperation")
    tier = column(background, "contoso_tier")
    assert (tier["type"], tier["added_by"], labels(tier)) == (
        "Picklist",
        "Contoso Core",
        {1: "Gold", 2: "Silver"},
    )
    name = column(background, "name")
    assert (name["max_length"], name["display_name"], "added_by" in name) == (
        200,
        "Operation",
        False,
    )
    priority = column(background, "priority")
    assert (priority["max_value"], priority["required_level"]) == (5, "ApplicationRequired")
    assert "runas" not in {c["logical_name"] for c in background["columns"]}
    status = labels(column(background, "backgroundoperationstatuscode"))
    assert (status[100000000], status[20], status[0]) == ("Parked", "Busy", "Waiting For Resources")
    project_model = model(project, "contoso_project")
    phase = labels(column(project_model, "contoso_phase"))
    assert (phase[100000007], phase[100000001], phase[100000000]) == ("Closed", "Class", "Planning")
    assert list(phase)[-1] == 100000007, "an added option comes after the base's"
    assert labels(column(project_model, "contoso_regions")) == {1: "Americas", 2: "EMEA"}
    everywhere = [
        r["schema_name"]
        for data in (background, project_model)
        for kind in ("many_to_one", "one_to_many")
        for r in data.get("relationships", {}).get(kind, [])
    ]
    assert "contoso_backgroundoperation_contoso_project" not in everywhere
    assert "lk_backgroundoperation_createdby" in everywhere
    (added,) = [
        r
        for r in background["relationships"]["many_to_one"]
        if r["schema_name"] == "contoso_project_backgroundoperation"
    ]
    assert added["added_by"] == "Contoso Core"
    mirrored = project_model["relationships"]["one_to_many"]
    assert "contoso_project_backgroundoperation" in {r["schema_name"] for r in mirrored}


def test_a_customization_relabels_the_table(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An org that calls its background operations "Jobs": the table's own labels change, as
    a column's do (a label the customization does not state stays)."""
    labels_only = (
        "customizes: backgroundoperation\ndisplay_name: Job\ndisplay_collection_name: Jobs\n"
    )
    write(project, {"contoso_jobs.yaml": labels_only})
    code, _, err = run(capsys, "generate", "--out", "out")
    assert code == 0, err
    background = model(project, "backgroundoperation")
    assert (background["display_name"], background["display_collection_name"]) == ("Job", "Jobs")
    assert "description" not in background  # the page states none, nor does the first file
    write(project, {"contoso_jobs.yaml": labels_only + "description: Work done later.\n"})
    code, _, err = run(capsys, "generate", "--out", "out")
    assert code == 0, err
    assert model(project, "backgroundoperation")["description"] == "Work done later."


def test_the_customized_model_records_nothing_of_its_layers(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, CUSTOMIZED)
    assert run(capsys, "generate", "--out", "out")[0] == 0
    text = (project / "out" / "model" / "backgroundoperation.yaml").read_text()
    for word in ("customiz", "contoso_background.yaml", "relabel", "remove"):
        assert word not in text


NAME_LINE = "specs/backgroundoperation.md:187"
"""Where the base page defines column ``name`` (max length 512)."""
PHASE_LINE = "specs/contoso_project.yaml:97"
RELATIONSHIP_LINE = "specs/contoso_project.yaml:169"

CONFLICTS: dict[str, tuple[dict[str, str], list[str]]] = {
    "one facet set twice in one rank": (
        {
            "a.yaml": "customizes: backgroundoperation\nchanges:\n  name:\n    max_length: 200\n",
            "b.yaml": "customizes: backgroundoperation\nchanges:\n  name:\n    max_length: 300\n",
        },
        [
            "specs/b.yaml:3: error: column 'name' of table 'backgroundoperation': max_length "
            "300 here, but specs/a.yaml:3 sets it to 200: two customizations must agree"
        ],
    ),
    "an added column the base defines otherwise": (
        {
            "a.yaml": "customizes: backgroundoperation\ncolumns:\n"
            "  - {logical_name: name, type: String, max_length: 50}\n"
        },
        [
            "specs/a.yaml:3: error: column 'name' of table 'backgroundoperation': max_length 50 "
            f"here, but {NAME_LINE} defines it as 512: an add must agree with what is there; "
            "to change it, list it under 'changes:'"
        ],
    ),
    "an added option the base labels otherwise": (
        {
            "a.yaml": "customizes: contoso_project\nchanges:\n  contoso_phase:\n"
            "    add_choices: [{value: 100000000, label: Kickoff}]\n"
        },
        [
            "specs/a.yaml:4: error: column 'contoso_phase' of table 'contoso_project': option "
            f"100000000 label 'Kickoff' here, but {PHASE_LINE} defines it as 'Planning': "
            "an add must agree with what is there; to change it, list it under "
            "'relabel_choices:'"
        ],
    ),
    "one new option labelled twice": (
        {
            "a.yaml": "customizes: contoso_project\nchanges:\n  contoso_regions:\n"
            "    add_choices: [{value: 4, label: LATAM}]\n",
            "b.yaml": "customizes: contoso_project\nchanges:\n  contoso_regions:\n"
            "    add_choices: [{value: 4, label: South America}]\n",
        },
        [
            "specs/b.yaml:4: error: column 'contoso_regions' of table 'contoso_project': option "
            "4 label 'South America' here, but specs/a.yaml:4 defines it as 'LATAM'"
        ],
    ),
    "a global choice option labelled twice": (
        {
            "a.yaml": "customizes_choice: backgroundoperation_statuscode\n"
            "add_choices: [{value: 100000000, label: Parked}]\n",
            "b.yaml": "customizes_choice: backgroundoperation_statuscode\n"
            "add_choices: [{value: 100000000, label: Held}]\n",
        },
        [
            "specs/b.yaml:2: error: global choice 'backgroundoperation_statuscode': option "
            "100000000 label 'Held' here, but specs/a.yaml:2 defines it as 'Parked'"
        ],
    ),
    "each option of a list at its own line": (
        {
            "a.yaml": "# the org's statuses\ncustomizes_choice: backgroundoperation_statuscode\n"
            "add_choices:\n  - {value: 100000000, label: Parked, state: 0}\n"
            "  - {value: 0, label: Waiting, state: 0}\n"
            "relabel_choices:\n  - {value: 20, label: Running}\n  - {value: 99, label: Gone}\n"
        },
        [
            "specs/a.yaml:5: error: global choice 'backgroundoperation_statuscode': option 0 "
            "label 'Waiting' here, but specs/backgroundoperation.md:339 defines it as 'Waiting "
            "For Resources'",
            "specs/a.yaml:8: error: global choice 'backgroundoperation_statuscode': relabels "
            "option 99, which it does not have",
        ],
    ),
    "a removed column a relationship uses": (
        {"a.yaml": "customizes: contoso_project\nremove:\n  columns: [contoso_operationid]\n"},
        [
            "specs/a.yaml:3: error: removes column 'contoso_operationid' of table "
            "'contoso_project', but relationship 'contoso_backgroundoperation_contoso_project' "
            f"({RELATIONSHIP_LINE}) still uses it: remove the relationship too"
        ],
    ),
    "an added relationship that exists otherwise": (
        {
            "a.yaml": "customizes: backgroundoperation\nrelationships:\n  many_to_one:\n"
            "    - schema_name: lk_backgroundoperation_createdby\n"
            "      referencing_attribute: ownerid\n"
        },
        [
            "specs/a.yaml:4: error: relationship 'lk_backgroundoperation_createdby' of table "
            "'backgroundoperation': referencing_attribute 'ownerid' here, but "
            "specs/backgroundoperation.md:498 defines it as 'createdby': an add must agree"
        ],
    ),
    "a change to a column that does not exist": (
        {"a.yaml": "customizes: backgroundoperation\nchanges:\n  nmae:\n    max_length: 9\n"},
        [
            "specs/a.yaml:3: error: changes column 'nmae', which table 'backgroundoperation' "
            "does not have (did you mean 'name'?)"
        ],
    ),
    "a removal of what is not there": (
        {
            "a.yaml": "customizes: contoso_project\nremove:\n  relationships: [nope]\n"
            "  choices: {contoso_regions: [9]}\n"
        },
        [
            "specs/a.yaml:3: error: removes relationship 'nope', which table 'contoso_project' "
            "does not have",
            "specs/a.yaml:4: error: removes option 9 of column 'contoso_regions' of table "
            "'contoso_project', which it does not have (its values: 1, 2, 3)",
        ],
    ),
    "a relabel of an option that is not there": (
        {
            "a.yaml": "customizes: contoso_project\nchanges:\n  contoso_regions:\n"
            "    relabel_choices: [{value: 9, label: Oceania}]\n"
        },
        [
            "specs/a.yaml:4: error: column 'contoso_regions' of table 'contoso_project': "
            "relabels option 9, which it does not have (its values: 1, 2, 3); add an option "
            "under 'add_choices:'"
        ],
    ),
    "options of a global choice changed on one column": (
        {
            "a.yaml": "customizes: backgroundoperation\nchanges:\n"
            "  backgroundoperationstatuscode:\n    add_choices: [{value: 7, label: Seven}]\n"
        },
        [
            "specs/a.yaml:3: error: column 'backgroundoperationstatuscode' of table "
            "'backgroundoperation' uses global choice 'backgroundoperation_statuscode': change "
            "its options in a spec of their own ('customizes_choice: "
            "backgroundoperation_statuscode')"
        ],
    ),
    "a missing standard table": (
        {"a.yaml": "# the org's account\ncustomizes: account\nchanges:\n  name: {max_length: 9}\n"},
        [
            "specs/a.yaml:2: error: customizes table 'account', which no spec of the set "
            "defines: add account.md from MicrosoftDocs/powerapps-docs, "
            "powerapps-docs/developer/data-platform/reference/entities/account.md to the specs "
            "folder"
        ],
    ),
    "a missing custom table": (
        {"a.yaml": "customizes: contoso_projet\nchanges:\n  name: {max_length: 9}\n"},
        [
            "specs/a.yaml:1: error: customizes table 'contoso_projet', which no spec of the set "
            "defines: did you mean 'contoso_project'?"
        ],
    ),
    "a global choice no column uses": (
        {"a.yaml": "customizes_choice: contoso_tier\nremove_choices: [1]\n"},
        ["specs/a.yaml:1: error: customizes global choice 'contoso_tier', which no column"],
    ),
    "misspelt keys": (
        {"a.yaml": "customises: account\nchanges:\n  name: {max_lenght: 9}\n"},
        ["specs/a.yaml:1: error: top level: unknown key 'customises' (did you mean 'customizes'?)"],
    ),
    "a misspelt facet": (
        {"a.yaml": "customizes: account\nchanges:\n  name: {max_lenght: 9}\n"},
        [
            "specs/a.yaml:3: error: changes.name: unknown key 'max_lenght' (did you mean "
            "'max_length'?)"
        ],
    ),
}


@pytest.mark.parametrize("case", list(CONFLICTS))
def test_each_conflict_is_an_error_naming_both_places_and_nothing_is_written(
    project: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    files, expected = CONFLICTS[case]
    write(project, files)
    out = project / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine\n")
    code, _, err = run(capsys, "generate", "--out", "out")
    assert code == 2
    for message in expected:
        assert message in err
    assert "Traceback" not in err
    assert sorted(p.name for p in out.rglob("*")) == ["keep.txt"]
    assert (out / "keep.txt").read_text() == "mine\n"


def test_check_reports_the_same_errors(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`check` reads the specs as `generate` does: a conflict fails it the same way."""
    files, expected = CONFLICTS["one facet set twice in one rank"]
    write(project, files)
    code, _, err = run(capsys, "check", "--out", "out")
    assert code == 2
    assert expected[0] in err


def test_the_schema_offers_only_facets_the_model_has() -> None:
    from dvgen import model
    from dvgen.parse.yaml_spec import spec_schema

    defs = spec_schema()["$defs"]
    columns = {f.name for f in dataclasses.fields(model.Column)}
    changes = set(defs["column_change"]["properties"]) - {"add_choices", "relabel_choices"}
    assert changes <= columns
    assert set(defs["relabel"]["properties"]) <= {f.name for f in dataclasses.fields(model.Choice)}
    added = defs["table_customization"]["properties"]["columns"]
    assert added["items"] == defs["table"]["properties"]["columns"]["items"]


def test_a_type_cannot_change_and_a_change_must_say_something(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        project,
        {
            "a.yaml": "customizes: backgroundoperation\nchanges:\n"
            "  name: {type: Memo}\n  runas: {}\n"
        },
    )
    code, _, err = run(capsys, "generate", "--out", "out")
    assert code == 2
    assert "specs/a.yaml:3: error: changes.name: unknown key 'type'" in err
    assert "specs/a.yaml:4: error: changes.runas: {} should be non-empty" in err
    assert not (project / "out").exists()
