"""A Dataverse expert's acceptance review of the change workflow (generate, commit, ``check
--breaking-against``, ``migrate``): what it found wrong, each shown by a test that fails without
its fix, run as a user runs dvgen, in a real git repository.

- Raising a column to ApplicationRequired ("business required") or Recommended failed the gate
  as ``required-raised``, and a new ApplicationRequired column as ``required-column-added``,
  though the Web API creates rows without such a column (Microsoft's support article
  "Dataverse records are created without required fields") and no output dvgen writes changes:
  only the model file does. Now ``required-raised-in-apps``, safe; SystemRequired still breaks,
  but a new SystemRequired column Dataverse fills (a Boolean's default, a state) is no
  ``required-column-added``: no create lacks it.
- A relationship's Delete behaviour becoming Restrict or Cascade was ``facet-changed``, safe,
  though deleting a referenced row then fails, or deletes the rows that reference it
  (configure-entity-relationship-cascading-behavior.md; the SQL's ON DELETE follows): now
  ``delete-restricted`` and ``delete-cascaded``, breaking.
- A DateTime column becoming DateOnly was ``facet-changed``, safe, though the Web API then
  sends and takes dates, not dates and times (behavior-format-date-time-attribute.md), and
  every target's type changes with it: now ``date-only-changed``, breaking.
- The gate's lines named no ``file:line``: now each starts with where the specs state what
  changed, or, for what is gone, its line in REF's model file.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import run, settings
from tests.test_evolve_gate import ALLOW, commit_edit, git, remove_notes, repo  # noqa: F401

NOTES_END = "    format: TextArea\n    max_length: 10000\n"
DELETE = "delete: RemoveLink"
OPERATION = "5531d753-95af-e711-a94e-000d3a11e605"
PROJECT = "6c1f2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"
USER = "1b0c8f2e-4a5d-4c3b-9e8f-7a6b5c4d3e2f"
UNIT = "5c1e1fd3-4a1b-4d9e-9c1e-2f6a7b8c9d0e"


def gate(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code, out, _ = run(capsys, "check", "--breaking-against", "HEAD~1")
    return code, out


def rules(capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """``dvgen diff --against HEAD~1``: each change's place -> its rule."""
    code, out, _ = run(capsys, "diff", "--against", "HEAD~1")
    assert code == 0
    lines = [line.split() for line in out.splitlines() if line.startswith("  ")]
    return {words[2]: words[1] for words in lines}


@pytest.mark.parametrize("level", ["Recommended", "ApplicationRequired"])
def test_a_column_raised_to_business_required_passes_the_gate(
    repo: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    level: str,
) -> None:
    commit_edit(repo, capsys, NOTES_END, f"{NOTES_END}    required_level: {level}\n")
    changed = git("diff", "--name-only", "HEAD~1", "HEAD", "--", "generated").split()
    assert changed == ["generated/model/contoso_project.yaml"]  # no client-facing output
    where = "contoso_project.columns.contoso_notes.required_level:"
    assert rules(capsys) == {where: "required-raised-in-apps"}
    assert gate(capsys)[0] == 0


def test_a_column_raised_to_system_required_still_fails_the_gate(
    repo: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    commit_edit(repo, capsys, NOTES_END, f"{NOTES_END}    required_level: SystemRequired\n")
    code, out = gate(capsys)
    assert code == 1
    assert "required-raised: contoso_project.columns.contoso_notes.required_level" in out


@pytest.mark.parametrize(
    ("level", "rule", "code"),
    [
        ("ApplicationRequired", "column-added", 0),
        ("SystemRequired", "required-column-added", 1),
        ("SystemRequired, type: Boolean, default_value: false", "column-added", 0),
    ],
)
def test_a_new_column_breaks_only_when_system_required(
    repo: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    level: str,
    rule: str,
    code: int,
) -> None:
    column = "logical_name: contoso_code, type: String, max_length: 9"
    if "Boolean" in level:  # Dataverse fills its DefaultValue: no create lacks it
        column = "logical_name: contoso_code"
    added = f"  - {{{column}, required_level: {level}}}\n"
    commit_edit(
        repo,
        capsys,
        "  - logical_name: contoso_notes\n",
        added + "  - logical_name: contoso_notes\n",
    )
    assert rules(capsys) == {"contoso_project.columns.contoso_code": rule}
    assert gate(capsys)[0] == code


def delete_operation(schema: str) -> None:
    """Create a project referencing a background operation on ``schema``, then delete the
    operation: sqlite3 raises what the database refuses."""
    database = sqlite3.connect(":memory:")
    database.execute("PRAGMA foreign_keys = ON")
    database.executescript(schema)
    database.execute(
        "INSERT INTO backgroundoperation (backgroundoperationid) VALUES (?)", (OPERATION,)
    )
    database.execute(
        "INSERT INTO contoso_project (contoso_projectid, contoso_operationid, ownerid, "
        "owningbusinessunit) VALUES (?, ?, ?, ?)",
        (PROJECT, OPERATION, USER, UNIT),
    )
    database.execute("DELETE FROM backgroundoperation")
    database.commit()


def test_a_delete_become_restrict_fails_the_gate_as_the_database_refuses_the_delete(
    repo: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    commit_edit(repo, capsys, DELETE, "delete: Restrict")
    delete_operation(git("show", "HEAD~1:generated/sql/sqlite/schema.sql"))
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        delete_operation((repo / "generated/sql/sqlite/schema.sql").read_text("utf-8"))
    code, out = gate(capsys)
    assert code == 1
    name = "relationships.many_to_one.contoso_backgroundoperation_contoso_project"
    assert f"delete-restricted: contoso_project.{name}.cascade_configuration.delete" in out


@pytest.mark.parametrize(
    ("old", "new", "rule", "code"),
    [
        ("RemoveLink", "Cascade", "delete-cascaded", 1),
        ("Restrict", "Cascade", "delete-cascaded", 1),
        ("Cascade", "Restrict", "delete-restricted", 1),
        ("Restrict", "RemoveLink", "facet-changed", 0),
        ("Cascade", "RemoveLink", "facet-changed", 0),
    ],
)
def test_each_change_of_delete_behaviour_is_classified(
    repo: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    old: str,
    new: str,
    rule: str,
    code: int,
) -> None:
    if old != "RemoveLink":  # the spec's own
        commit_edit(repo, capsys, DELETE, f"delete: {old}")
    commit_edit(repo, capsys, f"delete: {old}", f"delete: {new}")
    name = "contoso_project.relationships.many_to_one.contoso_backgroundoperation_contoso_project"
    assert rules(capsys)[f"{name}.cascade_configuration.delete:"] == rule
    assert gate(capsys)[0] == code


def test_each_line_of_the_gate_names_the_file_and_line_of_its_change(
    repo: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = (repo / "specs/contoso_project.yaml").read_text("utf-8")
    start = text.index("  - logical_name: contoso_notes\n")
    end = text.index("  - logical_name:", start + 1)
    edited = text[:start] + text[end:]
    commit_edit(repo, capsys, text, edited.replace("max_value: 500", "max_value: 50", 1))
    code, out = gate(capsys)
    assert code == 1
    spec = (repo / "specs/contoso_project.yaml").read_text("utf-8").splitlines()
    narrowed = spec.index("  - logical_name: contoso_headcount") + 1
    assert f"  specs/contoso_project.yaml:{narrowed}: range-narrowed: " in out
    model = git("show", "HEAD~1:generated/model/contoso_project.yaml").splitlines()
    removed = model.index("- logical_name: contoso_notes") + 1
    at = f"HEAD~1:generated/model/contoso_project.yaml:{removed}"
    assert f"  {at}: column-removed: contoso_project.columns.contoso_notes " in out


REVIEW = "    format: DateAndTime\n    date_time_behavior: UserLocal\n"
BEHAVIOURS = {
    "DateOnly": (
        "    format: DateOnly\n    date_time_behavior: DateOnly\n",
        "date-only-changed",
        1,
    ),
    "unstated": ("    format: DateAndTime\n", None, 0),
    "TimeZoneIndependent": (
        "    format: DateAndTime\n    date_time_behavior: TimeZoneIndependent\n",
        "facet-changed",
        0,
    ),
}


@pytest.mark.parametrize(("text", "rule", "code"), BEHAVIOURS.values(), ids=BEHAVIOURS.keys())
def test_a_date_and_time_column_become_date_only_fails_the_gate(
    repo: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    text: str,
    rule: str | None,
    code: int,
) -> None:
    """behavior-format-date-time-attribute.md: a UserLocal column (the behaviour of a column
    that states none) may become DateOnly or TimeZoneIndependent; as DateOnly the Web API's
    values are dates, and so are each target's (the JSON Schema's format here)."""
    commit_edit(repo, capsys, REVIEW, text)
    path = "generated/jsonschema/contoso_project.schema.json"
    now = json.loads((repo / path).read_text("utf-8"))["properties"]["contoso_lastreview"]
    before = json.loads(git("show", f"HEAD~1:{path}"))["properties"]["contoso_lastreview"]
    assert (now["format"] != before["format"]) == (rule == "date-only-changed")
    found = rules(capsys).get("contoso_project.columns.contoso_lastreview.date_time_behavior:")
    assert found == rule
    assert gate(capsys)[0] == code


def test_the_json_diff_gives_each_change_its_file_and_line(
    repo: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    commit_edit(repo, capsys, "max_value: 500", "max_value: 50")
    code, out, _ = run(capsys, "diff", "--against", "HEAD~1", "--format", "json")
    assert code == 0
    (change,) = json.loads(out)["changes"]
    spec = (repo / "specs/contoso_project.yaml").read_text("utf-8").splitlines()
    line = spec.index("  - logical_name: contoso_headcount") + 1
    assert change["loc"] == f"specs/contoso_project.yaml:{line}"


def test_a_gate_without_the_model_target_says_why_it_finds_no_model(
    repo: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The gate and migrations read REF's model files, which only the model target writes."""
    settings(repo, 'specs = "specs"\nout = "generated"\ntargets = ["sql"]')
    git("rm", "-q", "-r", "generated/model")
    git("commit", "-q", "-m", "no model")
    code, _, err = run(capsys, "check", "--breaking-against", "HEAD")
    assert code == 2
    assert "the setting targets leaves out 'model'" in err
    assert "Traceback" not in err


def test_a_shallow_ci_checkout_compares_with_the_branch_once_it_fetches_it(
    repo: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """docs/evolution.md: a one-commit, one-branch checkout (GitHub's actions/checkout) has
    no origin/main until the step the page gives fetches it."""
    git("checkout", "-q", "-b", "feature")
    # a safe change (a File's size: no record target bounds it; a wider range would break)
    commit_edit(repo, capsys, "max_size_in_kb: 32768", "max_size_in_kb: 65536")
    clone = tmp_path / "ci"
    url = repo.resolve().as_uri()
    git("clone", "-q", "--depth", "1", "--single-branch", "--branch", "feature", url, str(clone))
    monkeypatch.chdir(clone)
    code, _, err = run(capsys, "check", "--breaking-against", "origin/main")
    assert code == 2
    assert "origin/main: error: neither a folder nor a git revision" in err
    git("fetch", "-q", "--depth=1", "origin", "main:refs/remotes/origin/main")
    assert run(capsys, "check", "--breaking-against", "origin/main")[0] == 0


def test_an_acknowledgement_of_a_committed_change_is_a_warning_naming_its_line(
    repo: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Left in, it would acknowledge the next removal of that column unseen."""
    allow = ALLOW.replace(
        "[[",
        '\n[[tool.dvgen.breaking.allow]]\ntable = "x"\nrule = "table-removed"\nreason = "r"\n\n[[',
        1,
    )
    settings(repo, f'specs = "specs"\nout = "generated"\n{allow}')
    remove_notes(repo, capsys)
    code, _, err = run(capsys, "check", "--breaking-against", "HEAD~1")
    assert code == 0
    assert err.count("[breaking-allow-unused]") == 1  # the entry of table x
    code, _, err = run(capsys, "check", "--breaking-against", "HEAD")
    assert code == 0
    lines = (repo / "pyproject.toml").read_text("utf-8").splitlines()
    second = [n for n, line in enumerate(lines, 1) if "breaking.allow" in line][1]
    assert f"pyproject.toml:{second}: warning: [[tool.dvgen.breaking.allow]] entry 2 " in err
    assert "acknowledges no change since HEAD" in err
    assert (
        run(capsys, "check", "--breaking-against", "HEAD", "--ignore", "breaking-allow-unused")[2]
        == ""
    )


PHASE = "      - {value: 100000006, label: Planning}\n"


@pytest.mark.parametrize(
    ("choices", "rule", "code"), [("closed", "option-added-closed", 1), ("open", "option-added", 0)]
)
def test_an_option_added_breaks_only_the_clients_closed_choices_make(
    repo: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    choices: str,
    rule: str,
    code: int,
) -> None:
    """With closed choices the last version's JSON Schema refuses a record holding the new
    option (checked with jsonschema on the committed schema): the gate says so; with open
    ones it takes it, and the new option is safe."""
    import jsonschema

    if choices == "open":
        settings(repo, 'choices = "open"')
        assert run(capsys, "generate")[0] == 0
        git("commit", "-q", "-am", "open choices")
    commit_edit(repo, capsys, PHASE, PHASE + "      - {value: 100000007, label: Closing}\n")
    path = "generated/jsonschema/contoso_project.schema.json"
    before = json.loads(git("show", f"HEAD~1:{path}"))
    record = {"contoso_phase": 100000007}
    valid = jsonschema.Draft202012Validator(before).is_valid(record)
    assert valid is (choices == "open")
    assert rules(capsys) == {"contoso_project.columns.contoso_phase.choices.100000007": rule}
    assert gate(capsys)[0] == code
