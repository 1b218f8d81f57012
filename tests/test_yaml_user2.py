"""A user writing a project's tables by hand in YAML (six tables: a custom activity, a
many-to-many with its intersect, a global choice shared by two tables, a lookup to Microsoft's
``account``, alternate keys, an image and a file column): the outputs round-trip through the
canonical model and load in SQLite; and the slips found writing it, each now reported:

- a status reason whose ``state`` is no state of the ``statecode`` Dataverse creates with the
  table (the spec listing none) was taken, and dvgen invented a ``State 4`` for it: Dataverse
  creates a custom table with states 0 and 1 (an activity's 0 to 3) and adds none
  (``InsertStatusValueRequest.StateCode``);
- status reasons written without a state, in a table listing no ``statecode``, left the
  ``statecode`` dvgen adds with no options at all (any integer, a warning at line 1 about a
  column the author never wrote) instead of Dataverse's Active and Inactive, and without the
  ``status-reason-stateless`` warning;
- a many-to-many or one-to-many relationship to a misspelt table passed silently (the intersect
  lost its foreign key), where a lookup's misspelt target is a warning with the closest name.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import yaml

from tests.conftest import run

PROJECT = """\
logical_name: new_project
schema_name: new_Project
entity_set_name: new_projects
primary_id_attribute: new_projectid
primary_name_attribute: new_name
has_activities: true
columns:
  - {logical_name: new_projectid, schema_name: new_ProjectId, type: Uniqueidentifier}
  - {logical_name: new_name, schema_name: new_Name, type: String, max_length: 100}
  - {logical_name: new_code, schema_name: new_Code, type: String, max_length: 12}
  - {logical_name: new_priority, schema_name: new_Priority, type: Picklist,
     global_choice_name: new_priority, default_form_value: 2,
     choices: [{value: 1, label: Low}, {value: 2, label: Normal}, {value: 3, label: High}]}
  - {logical_name: new_accountid, schema_name: new_AccountId, type: Lookup, targets: [account]}
  - {logical_name: new_logo, schema_name: new_Logo, type: Image, max_size_in_kb: 10240}
  - {logical_name: new_charter, schema_name: new_Charter, type: File, max_size_in_kb: 32768}
keys:
  - {logical_name: new_project_code, columns: [new_code]}
relationships:
  many_to_one:
    - {schema_name: new_account_new_project, referenced_entity: account,
       referencing_attribute: new_accountid, cascade_configuration: {delete: RemoveLink}}
  many_to_many:
    - schema_name: new_project_member
      intersect_entity_name: new_project_member
      this_table: {logical_name: new_project, intersect_attribute: new_projectid,
                   navigation_property_name: new_project_member_members}
      other_table: {logical_name: new_member, intersect_attribute: new_memberid,
                    navigation_property_name: new_project_member_projects}
"""
MEMBER = """\
logical_name: new_member
schema_name: new_Member
entity_set_name: new_members
primary_id_attribute: new_memberid
primary_name_attribute: new_fullname
ownership_type: OrganizationOwned
columns:
  - {logical_name: new_memberid, schema_name: new_MemberId, type: Uniqueidentifier}
  - {logical_name: new_fullname, schema_name: new_FullName, type: String, max_length: 160}
  - {logical_name: new_skills, schema_name: new_Skills, type: MultiSelectPicklist,
     choices: [{value: 100000000, label: Python}, {value: 100000001, label: SQL}]}
"""
INTERSECT = """\
logical_name: new_project_member
primary_id_attribute: new_project_memberid
columns:
  - {logical_name: new_project_memberid, type: Uniqueidentifier, required_level: SystemRequired}
  - {logical_name: new_projectid, type: Uniqueidentifier, required_level: SystemRequired}
  - {logical_name: new_memberid, type: Uniqueidentifier, required_level: SystemRequired}
"""
MILESTONE = """\
logical_name: new_milestone
schema_name: new_Milestone
entity_set_name: new_milestones
primary_id_attribute: new_milestoneid
primary_name_attribute: new_name
ownership_type: TeamOwned
columns:
  - {logical_name: new_milestoneid, schema_name: new_MilestoneId, type: Uniqueidentifier}
  - {logical_name: new_name, schema_name: new_Name, type: String, max_length: 200}
  - {logical_name: new_projectid, schema_name: new_ProjectId, type: Lookup, targets: [new_project]}
  - {logical_name: new_priority, schema_name: new_Priority, type: Picklist,
     global_choice_name: new_priority}
relationships:
  many_to_one:
    - {schema_name: new_project_new_milestone, referenced_entity: new_project,
       referencing_attribute: new_projectid, cascade_configuration: {delete: Cascade}}
"""
VISIT = """\
logical_name: new_sitevisit
schema_name: new_SiteVisit
entity_set_name: new_sitevisits
primary_id_attribute: activityid
primary_name_attribute: subject
columns:
  - {logical_name: activityid, schema_name: ActivityId, type: Uniqueidentifier}
  - {logical_name: subject, schema_name: Subject, type: String, max_length: 400}
"""
TIMESHEET = """\
logical_name: new_timesheet
schema_name: new_Timesheet
entity_set_name: new_timesheets
primary_id_attribute: new_timesheetid
primary_name_attribute: new_name
columns:
  - {logical_name: new_timesheetid, schema_name: new_TimesheetId, type: Uniqueidentifier}
  - {logical_name: new_name, schema_name: new_Name, type: String, max_length: 100}
  - logical_name: statuscode
    schema_name: StatusCode
    type: Status
    choices:
      - {value: 1, label: Draft, state: 0}
      - {value: 100000000, label: Submitted, state: 0}
      - {value: 2, label: Approved, state: 1}
"""
SPECS = {
    "new_project": PROJECT,
    "new_member": MEMBER,
    "new_project_member": INTERSECT,
    "new_milestone": MILESTONE,
    "new_sitevisit": VISIT,
    "new_timesheet": TIMESHEET,
}


def write(root: Path, specs: dict[str, str]) -> None:
    (root / "specs").mkdir(exist_ok=True)
    for name, text in specs.items():
        (root / "specs" / f"{name}.yaml").write_text(text, encoding="utf-8")


def model(root: Path, name: str) -> dict[str, object]:
    text = (root / "generated" / "model" / f"{name}.yaml").read_text(encoding="utf-8")
    loaded: dict[str, object] = yaml.safe_load(text)
    return loaded


def options(table: dict[str, object], column: str) -> list[tuple[int, str, object]]:
    columns = table["columns"]
    assert isinstance(columns, list)
    (found,) = (c for c in columns if c["logical_name"] == column)
    return [(c["value"], c["label"], c.get("state")) for c in found.get("choices", [])]


def test_project_round_trips_and_loads(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(workdir, SPECS)
    code, _, err = run(capsys, "generate", "--ignore", "odata-no-entity-set")
    assert code == 0, err
    assert err == ""
    frozen = workdir / "frozen"
    frozen.mkdir()
    for path in (workdir / "generated" / "model").iterdir():
        (frozen / path.name).write_bytes(path.read_bytes())
    code, _, err = run(
        capsys, "generate", "--specs", "frozen", "--out", "again", "--ignore", "odata-no-entity-set"
    )
    assert code == 0, err
    for path in sorted((workdir / "generated").rglob("*")):
        if path.is_file():
            again = workdir / "again" / path.relative_to(workdir / "generated")
            assert again.read_bytes() == path.read_bytes(), path
    db = sqlite3.connect(":memory:")
    db.executescript((workdir / "generated/sql/sqlite/schema.sql").read_text(encoding="utf-8"))
    ddl = db.execute("SELECT sql FROM sqlite_master WHERE name = 'new_timesheet'").fetchone()[0]
    assert '("statecode" = 1 AND "statuscode" IN (2))' in ddl
    # the global choice the milestone names without options is the project's
    assert options(model(workdir, "new_milestone"), "new_priority") == []
    assert (
        'CHECK ("new_priority" IN (1, 2, 3))'
        in db.execute("SELECT sql FROM sqlite_master WHERE name = 'new_milestone'").fetchone()[0]
    )


@pytest.mark.parametrize(
    ("name", "state", "states"),
    [("new_timesheet", 4, "0, 1"), ("new_sitevisit", 4, "0, 1, 2, 3")],
)
def test_status_state_dataverse_does_not_create(
    workdir: Path, capsys: pytest.CaptureFixture[str], name: str, state: int, states: str
) -> None:
    text = SPECS[name]
    if name == "new_sitevisit":
        text += (
            "  - {logical_name: statuscode, schema_name: StatusCode, type: Status,\n"
            "     choices: [{value: 1, label: Open, state: 0}, {value: 9, label: Odd, state: 4}]}\n"
        )
    else:
        text = text.replace("label: Approved, state: 1", f"label: Approved, state: {state}")
    write(workdir, {name: text})
    code, _, err = run(capsys, "generate")
    line = text.splitlines().index(next(x for x in text.splitlines() if f"state: {state}" in x))
    assert code == 2
    assert err.startswith(f"specs/{name}.yaml:{line + 1}: error: column 'statuscode': ")
    assert f"has state {state}, which is no option of the State column ({states})" in err
    assert "Traceback" not in err
    assert not (workdir / "generated").exists()


def test_activity_status_in_its_states(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = VISIT + (
        "  - {logical_name: statuscode, schema_name: StatusCode, type: Status,\n"
        "     choices: [{value: 1, label: Open, state: 0}, {value: 4, label: Booked, state: 3}]}\n"
    )
    write(workdir, {"new_sitevisit": text})
    code, _, err = run(capsys, "generate", "--target", "model")
    assert code == 0, err


def test_stateless_reasons_get_dataverse_states(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        workdir,
        {"new_timesheet": TIMESHEET.replace(", state: 0}", "}").replace(", state: 1}", "}")},
    )
    code, _, err = run(capsys, "generate", "--target", "model")
    assert code == 0, err
    assert "choice-without-options" not in err
    assert err.count("[status-reason-stateless]") == 3
    assert (
        "specs/new_timesheet.yaml:13: warning: column 'statuscode': status reason 1 has no state, "
        "so no target checks a record's state and status reason together; add state: N, N an "
        "option of the State column (0, 1) [status-reason-stateless]"
    ) in err
    table = model(workdir, "new_timesheet")
    assert options(table, "statecode") == [(0, "Active", None), (1, "Inactive", None)]
    assert [value for value, _, _ in options(table, "statuscode")] == [1, 100000000, 2]


@pytest.mark.parametrize(
    ("spec", "before", "after", "what"),
    [
        (
            "new_project",
            "other_table: {logical_name: new_member,",
            "other_table: {logical_name: new_membr,",
            "many-to-many relationship 'new_project_member': table 'new_membr'",
        ),
        (
            "new_project",
            "  many_to_many:\n",
            "  one_to_many:\n    - {schema_name: new_project_x, referencing_entity: new_milestne,"
            " referencing_attribute: new_projectid}\n  many_to_many:\n",
            "one-to-many relationship 'new_project_x': table 'new_milestne'",
        ),
    ],
)
def test_relationship_to_misspelt_table(
    workdir: Path,
    capsys: pytest.CaptureFixture[str],
    spec: str,
    before: str,
    after: str,
    what: str,
) -> None:
    specs = dict(SPECS)
    assert before in specs[spec]
    specs[spec] = specs[spec].replace(before, after)
    write(workdir, specs)
    code, _, err = run(capsys, "generate", "--target", "model")
    assert code == 0, err
    (warning,) = (line for line in err.splitlines() if "lookup-target-unknown" in line)
    assert warning.startswith(f"specs/{spec}.yaml:")
    assert f"warning: {what} is neither a table of the set nor a known Dataverse table" in warning
    assert "did you mean 'new_member'?" in warning or "did you mean 'new_milestone'?" in warning


def test_relationship_to_known_table_outside_set(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    specs = dict(SPECS)
    specs["new_project"] = specs["new_project"].replace(
        "other_table: {logical_name: new_member,", "other_table: {logical_name: contact,"
    )
    write(workdir, specs)
    code, _, err = run(capsys, "generate", "--target", "model")
    assert code == 0, err
    assert "lookup-target-unknown" not in err


@pytest.mark.parametrize(
    ("before", "after", "hint"),
    [
        (
            "ownership_type: OrganizationOwned",
            "ownership_type: Team",
            "; did you mean 'TeamOwned'?",
        ),
        (
            "type: String, max_length: 160}",
            "type: String, max_length: 160, required_level: Business required}",
            "; 'Business required' is Power Apps' name of the level: write required_level: "
            "ApplicationRequired",
        ),
        (
            "type: String, max_length: 160}",
            "type: String, max_length: 160, required_level: Optional}",
            "; 'Optional' is Power Apps' name of the level: write required_level: None",
        ),
        (
            "type: String, max_length: 160}",
            "type: String, max_length: 160, default_value: 0}",
            "; default_value is a Boolean column's default (true or false): Dataverse keeps "
            "none for other types (a choice's is default_form_value: one of its option values)",
        ),
    ],
)
def test_what_to_write_instead(
    workdir: Path, capsys: pytest.CaptureFixture[str], before: str, after: str, hint: str
) -> None:
    assert before in MEMBER
    text = MEMBER.replace(before, after)
    write(workdir, {"new_member": text})
    code, _, err = run(capsys, "generate", "--target", "model")
    line = 1 + next(i for i, x in enumerate(text.splitlines()) if after in x)
    assert code == 2
    assert err.startswith(f"specs/new_member.yaml:{line}: error: ")
    assert err.rstrip("\n").endswith(hint), err
    assert "Traceback" not in err


def test_yaml11_boolean_says_what_to_write(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = TIMESHEET.replace(
        "type: String, max_length: 100}",
        "type: String, max_length: 100}\n"
        "  - {logical_name: new_billable, type: Boolean, default_value: no}",
    )
    write(workdir, {"new_timesheet": text})
    code, _, err = run(capsys, "generate", "--target", "model")
    assert code == 2
    assert err == (
        "specs/new_timesheet.yaml:9: error: columns.2.default_value: 'no' is not of type "
        "'boolean'; YAML 1.2 reads no as text: write false\n"
    )


def test_two_documents_in_one_file(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(workdir, {"new_tables": MEMBER + "---\n" + VISIT})
    code, _, err = run(capsys, "generate", "--target", "model")
    line = len(MEMBER.splitlines()) + 1
    assert code == 2
    assert err == (
        f"specs/new_tables.yaml:{line}: error: not valid YAML: a second document ('---'): a "
        "file holds one spec, put each in a file of its own (column 1)\n"
    )
    assert not (workdir / "generated").exists()


@pytest.mark.parametrize(
    ("before", "after", "message"),
    [
        (
            "this_table: {logical_name: new_project,",
            "this_table: {logical_name: new_projects,",
            "error: relationship 'new_project_member': this_table 'new_projects' is not the "
            "table 'new_project': this_table is the table's own side, other_table the other's; "
            "write logical_name: new_project",
        ),
        (
            "- schema_name: new_project_member\n",
            "- schema_name: new_account_new_project\n",
            "error: relationship 'new_account_new_project' is listed under many_to_many and as "
            "a one-to-many relationship: a relationship's schema_name is unique; rename one",
        ),
    ],
)
def test_many_to_many_slips(
    workdir: Path, capsys: pytest.CaptureFixture[str], before: str, after: str, message: str
) -> None:
    assert before in PROJECT
    text = PROJECT.replace(before, after)
    write(workdir, {**SPECS, "new_project": text})
    code, _, err = run(capsys, "generate", "--target", "model")
    line = 1 + next(i for i, x in enumerate(text.splitlines()) if after.strip() in x)
    assert code == 2
    assert err == f"specs/new_project.yaml:{line}: {message}\n"
    assert not (workdir / "generated").exists()


def test_intersect_attribute_not_a_column(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = PROJECT.replace("intersect_attribute: new_memberid,", "intersect_attribute: new_membid,")
    write(workdir, {**SPECS, "new_project": text})
    code, _, err = run(capsys, "generate", "--ignore", "odata-no-entity-set")
    line = 1 + text.splitlines().index("    - schema_name: new_project_member")
    assert code == 0, err
    assert err == (
        f"specs/new_project.yaml:{line}: warning: many-to-many relationship "
        "'new_project_member': intersect_attribute 'new_membid' of 'new_member' is no column of "
        "its intersect table 'new_project_member'; did you mean 'new_memberid'? (the rows get "
        "no foreign key to it) [intersect-column-missing]\n"
    )
    sql = (workdir / "generated/sql/sqlite/schema.sql").read_text(encoding="utf-8")
    assert '"fk_new_project_member_new_projectid"' in sql
    assert '"fk_new_project_member_new_memberid"' not in sql


@pytest.mark.parametrize(("default", "code"), [(7, 2), (3, 0), (-1, 0)])
def test_global_choice_default_among_its_options(
    workdir: Path, capsys: pytest.CaptureFixture[str], default: int, code: int
) -> None:
    text = MILESTONE.replace(
        "global_choice_name: new_priority}",
        f"global_choice_name: new_priority, default_form_value: {default}}}",
    )
    write(workdir, {**SPECS, "new_milestone": text})
    got, _, err = run(capsys, "generate", "--target", "sql", "--dialect", "sqlite")
    assert got == code, err
    if code:
        line = 1 + next(i for i, x in enumerate(text.splitlines()) if "default_form_value" in x)
        assert err == (
            f"specs/new_milestone.yaml:{line - 1}: error: column 'new_priority': "
            "default_form_value 7 is not among the options of its global choice 'new_priority' "
            "(1, 2, 3); write one of them, or -1 for no default\n"
        )
        return
    sql = (workdir / "generated/sql/sqlite/schema.sql").read_text(encoding="utf-8")
    stated = f'"new_priority" INTEGER DEFAULT {default} CONSTRAINT "ck_new_milestone_new_priority"'
    assert (stated in sql) is (default == 3)
