"""What a new user met on a first day with dvgen, each fixed and kept fixed: the documented
SQLite migration that lost rows, settings errors without a line, a specs folder "not found"
without saying where dvgen looked, schema errors that did not say what was meant."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dvgen.cli import main
from dvgen.parse import yaml_spec
from dvgen.targets.model import target as model_target
from tests.conftest import ROOT, run, settings

SQLITE3 = shutil.which("sqlite3")
GIT = shutil.which("git")


def _git(project: Path, *argv: str) -> None:
    subprocess.run(
        [GIT or "git", "-c", "user.name=t", "-c", "user.email=t@t", *argv],
        cwd=project,
        check=True,
        capture_output=True,
    )


def _documented_apply_command() -> list[str]:
    """The command docs/evolution.md gives to apply a SQLite migration, as argv (without the
    redirection), so the test runs what a reader copies."""
    page = (ROOT / "docs" / "evolution.md").read_text(encoding="utf-8")
    (line,) = re.findall(r"^(sqlite3 .*)< migrate\.sql$", page, flags=re.MULTILINE)
    return line.split()


@pytest.mark.skipif(SQLITE3 is None or GIT is None, reason="needs the sqlite3 shell and git")
def test_a_migration_applied_as_documented_keeps_the_rows_it_cannot_copy(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A narrowed column whose rows do not fit: the copy into the rebuilt table fails. The
    sqlite3 shell without -bail went on, dropped the old table and committed an empty one."""
    assert run(capsys, "generate")[0] == 0
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "first")
    database = project / "app.db"
    schema = (project / "generated/sql/sqlite/schema.sql").read_text(encoding="utf-8")
    subprocess.run([SQLITE3 or "sqlite3", str(database)], input=schema, text=True, check=True)
    insert = (  # with its owner, which Dataverse sets on every row of a user-owned table
        "INSERT INTO contoso_project (contoso_name, ownerid, owningbusinessunit) VALUES "
        "('Harbour bridge, phase one', '1b0c8f2e-4a5d-4c3b-9e8f-7a6b5c4d3e2f', "
        "'5c1e1fd3-4a1b-4d9e-9c1e-2f6a7b8c9d0e')"
    )
    subprocess.run([SQLITE3 or "sqlite3", str(database), insert], check=True)
    spec = project / "specs/contoso_project.yaml"
    spec.write_text(spec.read_text().replace("max_length: 100\n", "max_length: 5\n", 1))
    code, script, _ = run(
        capsys, "migrate", "--from", "HEAD", "--dialect", "sqlite", "--allow-destructive"
    )
    assert code == 0 and "narrow column contoso_name" in script
    argv = _documented_apply_command()
    applied = subprocess.run(
        [*argv[:-1], str(database)], input=script, text=True, capture_output=True, check=False
    )
    assert applied.returncode != 0 and "constraint failed" in applied.stderr.lower()
    kept = subprocess.run(
        [SQLITE3 or "sqlite3", str(database), "SELECT contoso_name FROM contoso_project"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert kept.stdout == "Harbour bridge, phase one\n"


PYPROJECT = """\
[project]
name = "contoso-field"

[tool.dvgen]
specs = "specs"
sql-dialects = ["postgres", "sqlite3"]
"""


def test_a_setting_error_names_the_line_of_its_key(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text(PYPROJECT)
    code, _, err = run(capsys, "generate")
    assert code == 2
    assert err.startswith("pyproject.toml:6: error: [tool.dvgen]: sql-dialects has an unknown")


def test_a_target_setting_error_names_the_line_of_its_key(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings(project, 'specs = "specs"\nodata-namespace = "has space"')
    code, _, err = run(capsys, "check")
    assert code == 2
    assert err.startswith("pyproject.toml:3: error: [tool.dvgen]: odata-namespace: "), err


def test_a_toml_syntax_error_names_its_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings(project, 'specs = "specs\nout = "generated"')
    code, _, err = run(capsys, "list")
    assert code == 2
    assert err.startswith("pyproject.toml:2: error: not valid TOML: "), err


def test_run_from_a_subfolder_without_settings_says_why_specs_was_looked_for_there(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project / "specs")
    code, _, err = run(capsys, "check")
    assert code == 2
    assert err.startswith("specs: error: specs folder not found (no pyproject.toml with")
    assert "run dvgen from the project's folder, give --specs DIR" in err


def test_a_specs_setting_naming_no_folder_is_an_error_at_the_setting(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings(project, 'out = "generated"\nspecs = "spec"')
    (project / "src").mkdir()
    monkeypatch.chdir(project / "src")
    code, _, err = run(capsys, "generate")
    assert code == 2
    assert err == "../pyproject.toml:3: error: [tool.dvgen]: specs folder '../spec' not found\n"
    assert not (project / "generated").exists()


def test_a_type_in_the_wrong_case_is_suggested_right(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = project / "specs/contoso_project.yaml"
    spec.write_text(spec.read_text().replace("type: String", "type: string", 1))
    code, _, err = run(capsys, "generate")
    assert code == 2
    assert err.rstrip().endswith("'Virtual']; did you mean 'String'?"), err


def test_a_boolean_option_written_false_is_echoed_as_written_with_the_values_to_use(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "specs").mkdir()
    (workdir / "specs/new_x.yaml").write_text(
        "logical_name: new_x\ncolumns:\n  - logical_name: new_done\n    type: Boolean\n"
        "    choices: [{value: false, label: No}, {value: 1, label: Yes}]\n"
    )
    code, _, err = run(capsys, "generate")
    assert (code, err) == (
        2,
        "specs/new_x.yaml:5: error: columns.0.choices.0.value: false is not of type 'integer'; "
        "a Boolean column's options are value 0 (false) and value 1 (true)\n",
    )


def test_a_misspelt_lookup_of_a_relationship_is_an_error_not_a_new_column(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It added a lookup column named by the typo, with only a note --verbose shows, and left
    the real lookup without its relationship."""
    spec = project / "specs/contoso_project.yaml"
    text = spec.read_text()
    spec.write_text(
        text.replace(
            "referencing_attribute: contoso_operationid",
            "referencing_attribute: contoso_operationld",
        )
    )
    code, _, err = run(capsys, "generate")
    assert code == 2 and not (project / "generated").exists()
    assert (
        "error: relationship 'contoso_backgroundoperation_contoso_project': referencing_attribute "
        "'contoso_operationld' is no column of table 'contoso_project'; did you mean "
        "'contoso_operationid'?"
    ) in err


def test_a_model_file_dvgen_wrote_is_known_by_its_header() -> None:
    assert model_target.HEADER.startswith(yaml_spec.GENERATED)


def test_a_link_in_the_specs_folder_to_nothing_is_an_error_not_a_smaller_set(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A solution linked by a wrong relative path was passed over: its tables were missing from
    a run that exited 0. An editor's hidden lock link stays ignored."""
    (project / "specs/Contoso").symlink_to("../solution/Contoso/src")
    (project / "specs/.#contoso_project.yaml").symlink_to("nobody@host.123")
    code, _, err = run(capsys, "generate")
    assert (code, err) == (
        2,
        "specs/Contoso: error: a link to '../solution/Contoso/src', which does not exist (a "
        "link's path is relative to the folder it is in)\n",
    )
    assert not (project / "generated").exists()
    (project / "specs/Contoso").unlink()
    assert run(capsys, "generate")[0] == 0


def test_a_misspelt_customizes_is_the_only_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It came second, after "'logical_name' is a required property", which sent the author
    to add a logical_name to a customization."""
    (project / "specs/zz_layer.yaml").write_text(
        "customize: contoso_project\ncolumns:\n  - {logical_name: contoso_x, type: Integer}\n"
    )
    code, _, err = run(capsys, "generate")
    assert (code, err) == (
        2,
        "specs/zz_layer.yaml:1: error: top level: unknown key 'customize' (did you mean "
        "'customizes'?)\n",
    )


PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
GATE = """\
repos:
  - repo: local
    hooks:
      - id: dvgen-breaking
        name: dvgen breaking-change gate
        entry: {dvgen} check --breaking-against HEAD
        language: system
        pass_filenames: false
        always_run: true
"""


@pytest.mark.skipif(not PRE_COMMIT.exists() or GIT is None, reason="needs pre-commit and git")
def test_the_first_commit_under_the_gate_goes_in_as_docs_pre_commit_says(
    project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """With nothing committed there is no model to compare with: the hook stops the commit,
    and the page says how to make it (the real pre-commit, with the hook of docs/pre-commit.md)."""
    page = (ROOT / "docs" / "pre-commit.md").read_text(encoding="utf-8")
    (documented,) = re.findall(r"`(SKIP=\S+) git commit -m \"First model\"`", page)
    dvgen = Path(sys.executable).with_name("dvgen")
    (project / ".pre-commit-config.yaml").write_text(GATE.format(dvgen=dvgen))
    assert run(capsys, "generate")[0] == 0
    env = os.environ | {"PRE_COMMIT_HOME": str(tmp_path / "home")}
    _git(project, "init", "-q")
    subprocess.run([str(PRE_COMMIT), "install"], cwd=project, env=env, check=True)
    _git(project, "add", "-A")
    commit = [GIT or "git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "m"]
    stopped = subprocess.run(commit, cwd=project, env=env, capture_output=True, check=False)
    said = (stopped.stdout + stopped.stderr).decode()
    assert stopped.returncode == 1 and "HEAD: error: " in said, said
    name, value = documented.split("=")
    skipped = env | {name: value}
    done = subprocess.run(commit, cwd=project, env=skipped, capture_output=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("command", ["list", "show"])
def test_list_and_show_help_as_generate_and_check_do(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Their descriptions began in lower case, and list's --format said nothing."""
    with pytest.raises(SystemExit):
        main([command, "--help"])
    text = capsys.readouterr().out
    description = text.split("\n\n")[1]
    assert description[0].isupper() and description.endswith("."), description
    options = text.split("\noptions:\n", 1)[1]
    format_help = options.split("--format {", 1)[1].split("\n  --", 1)[0]
    assert "json: " in format_help, format_help


@pytest.mark.parametrize(
    ("column", "told"),
    [
        (
            "{logical_name: new_d, type: DateTime, date_time_behavior: Dateonly}",
            "columns.0.date_time_behavior: 'Dateonly' is not one of ['UserLocal', 'DateOnly', "
            "'TimeZoneIndependent']; did you mean 'DateOnly'?",
        ),
        (
            "{logical_name: new_l, type: Lookup, targets: account}",
            "columns.0.targets: 'account' is not of type 'array'; a list, even of one: [account]",
        ),
        (  # no guess between ApplicationRequired and SystemRequired: the list says it all
            "{logical_name: new_s, type: String, required_level: required}",
            "columns.0.required_level: 'required' is not one of ['None', 'Recommended', "
            "'ApplicationRequired', 'SystemRequired']",
        ),
    ],
)
def test_a_slip_in_a_yaml_spec_is_told_with_what_to_write(
    column: str, told: str, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "specs").mkdir()
    (workdir / "specs/new_x.yaml").write_text(f"logical_name: new_x\ncolumns:\n  - {column}\n")
    code, _, err = run(capsys, "generate")
    assert (code, err) == (2, f"specs/new_x.yaml:3: error: {told}\n")


@pytest.mark.parametrize(
    ("indent", "line", "reason"),
    [
        ("\t- logical_name: new_id\n\t  type: Uniqueidentifier\n", 3, "found character that "),
        ("  - logical_name: new_id\n\ttype: Uniqueidentifier\n", 4, "found a tab character that "),
    ],
)
def test_a_tab_in_a_yaml_spec_s_indentation_is_named(
    indent: str, line: int, reason: str, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """PyYAML says only that a character "cannot start any token" or "violates indentation"."""
    (workdir / "specs").mkdir()
    (workdir / "specs/new_x.yaml").write_text(f"logical_name: new_x\ncolumns:\n{indent}")
    code, _, err = run(capsys, "generate")
    assert code == 2
    assert err.startswith(f"specs/new_x.yaml:{line}: error: not valid YAML: {reason}")
    assert err.endswith("(column 1): indent with spaces, YAML does not allow tabs there\n")


def test_a_tab_inside_a_value_is_no_indentation_slip(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "specs").mkdir()
    (workdir / "specs/new_x.yaml").write_text("logical_name: new_x\ncolumns: [\t{a: 1}\n")
    code, _, err = run(capsys, "generate")
    assert code == 2 and "not valid YAML" in err
    assert "tabs" not in err
