"""The breaking-change gate and the evolution commands, run as a user runs them: ``dvgen``
in a real git repository, the old model read from a real commit."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dvgen.config import load_config
from dvgen.diagnostics import SpecError
from tests.conftest import no_package_index, run, settings
from tests.test_cli import _hook_repository

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

NOTES = """\
  - logical_name: contoso_notes
    schema_name: contoso_Notes
    type: Memo
"""
SPEC = "specs/contoso_project.yaml"
ALLOW = """
[[tool.dvgen.breaking.allow]]
table = "contoso_project"
column = "contoso_notes"
rule = "column-removed"
reason = "notes moved to annotations"
"""


def git(*args: str) -> str:
    env = os.environ | {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    done = subprocess.run(["git", *args], check=True, capture_output=True, text=True, env=env)
    return done.stdout


@pytest.fixture()
def repo(project: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The repo's specs, generated and committed: HEAD is the first version."""
    settings(project, 'specs = "specs"\nout = "generated"')
    git("init", "-q", "-b", "main")
    assert run(capsys, "generate")[0] == 0
    git("add", "-A")
    git("commit", "-q", "-m", "first")
    return project


def commit_edit(repo: Path, capsys: pytest.CaptureFixture[str], old: str, new: str) -> None:
    """Edit the spec, regenerate, commit: HEAD~1 is the version before the edit."""
    spec = repo / SPEC
    text = spec.read_text("utf-8")
    assert old in text
    spec.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert run(capsys, "generate")[0] == 0
    git("commit", "-q", "-am", "edit")


def remove_notes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (repo / SPEC).read_text("utf-8")
    start = text.index(NOTES)
    end = text.index("  - logical_name:", start + len(NOTES))
    commit_edit(repo, capsys, text[start:end], "")


def test_a_removed_column_fails_the_gate_naming_the_rule_and_the_toml(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    remove_notes(repo, capsys)
    code, out, err = run(capsys, "check", "--breaking-against", "HEAD~1")
    assert code == 1
    assert "column-removed: contoso_project.columns.contoso_notes" in out
    toml = ALLOW.strip().replace("notes moved to annotations", "why clients can take this change")
    assert toml in out
    assert "1 breaking change(s) since HEAD~1" in err


def test_the_same_change_acknowledged_in_the_settings_passes(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    remove_notes(repo, capsys)
    with (repo / "pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write(ALLOW)
    git("commit", "-q", "-am", "acknowledge")
    assert run(capsys, "check", "--breaking-against", "HEAD~2") == (0, "", "")


def test_a_safe_change_passes_and_diff_reports_it(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A File column's larger MaxSizeInKB: its property holds the file's id, so no record
    target of the last version bounds what Dataverse returns."""
    commit_edit(repo, capsys, "max_size_in_kb: 32768", "max_size_in_kb: 65536")
    assert run(capsys, "check", "--breaking-against", "HEAD~1") == (0, "", "")
    code, out, _ = run(capsys, "diff", "--against", "HEAD~1", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["breaking"] == 0
    (change,) = data["changes"]
    rule = "facet-widened-unenforced"
    assert (change["rule"], change["old"], change["new"]) == (rule, 32768, 65536)
    code, out, _ = run(capsys, "diff", "--against", "HEAD~1")
    assert out.splitlines()[0] == "contoso_project:"
    assert rule in out


def test_a_widened_length_fails_the_gate(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every note valid before still fits, but the last version's JSON Schema (maxLength) and
    pydantic model (max_length) refuse the longer notes Dataverse now returns: breaking for its
    readers (it was safe, and the gate let it through)."""
    commit_edit(repo, capsys, "max_length: 10000", "max_length: 20000")
    code, out, err = run(capsys, "check", "--breaking-against", "HEAD~1")
    assert code == 1
    assert "length-widened: contoso_project.columns.contoso_notes.max_length (" in out
    assert 'rule = "length-widened"' in out
    assert "1 breaking change(s) since HEAD~1" in err


def test_drift_still_fails_check_besides_the_gate(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "generated/model/contoso_project.yaml").write_text("changed\n", encoding="utf-8")
    code, _, err = run(capsys, "check", "--breaking-against", "HEAD")
    assert code == 1
    assert "out of date" in err


def test_diff_against_a_folder_of_model_yaml(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(repo / "generated/model", repo / "old-model")
    remove_notes(repo, capsys)
    code, out, _ = run(capsys, "diff", "--against", "old-model")
    assert code == 0
    assert "breaking column-removed" in out


def test_an_output_folder_for_the_model_folder_names_the_model_folder(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--against old-outputs`` (a copy of generated/) instead of ``old-outputs/model``: the
    error says where the model is."""
    shutil.copytree(repo / "generated", repo / "old-outputs")
    code, _, err = run(capsys, "diff", "--against", "old-outputs")
    assert code == 2
    assert err == (
        "old-outputs: error: no canonical model (*.yaml) in folder old-outputs; its model/ "
        "holds one: name old-outputs/model\n"
    )


@pytest.mark.parametrize("ref", ["no-such-ref", "HEAD~5"])
def test_a_bad_ref_is_an_error_naming_it(
    repo: Path, capsys: pytest.CaptureFixture[str], ref: str
) -> None:
    code, out, err = run(capsys, "diff", "--against", ref)
    assert (code, out) == (2, "")
    assert err == f"{ref}: error: neither a folder nor a git revision of this repository\n"


def test_a_revision_without_a_model_is_an_error(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "diff", "--against", "HEAD", "--out", "elsewhere")
    assert code == 2
    assert "no canonical model (*.yaml) in HEAD:elsewhere/model/" in err


def test_migrate_refuses_destructive_steps_unless_allowed(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    remove_notes(repo, capsys)
    code, out, err = run(capsys, "migrate", "--from", "HEAD~1", "--dialect", "postgres")
    assert (code, out) == (2, "")
    assert "drop column contoso_project.contoso_notes\n" in err
    code, out, _ = run(
        capsys, "migrate", "--from", "HEAD~1", "--dialect", "sqlite", "--allow-destructive"
    )
    assert code == 0
    assert out.index("-- Destructive steps") < out.index("BEGIN;")
    assert 'ALTER TABLE "contoso_project__dvgen_new" RENAME TO "contoso_project";' in out


def test_migrate_takes_one_dialect(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "migrate", "--from", "HEAD", "--dialect", "sqlite", "--dialect", "postgres"
    )
    assert code == 2
    assert "one dialect" in err


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('table = "t"\nrule = "column-remove"\nreason = "r"', "did you mean 'column-removed'?"),
        ('table = "t"\nrule = "column-removed"', "reason must be a non-empty string"),
        ('table = "t"\nrule = "column-removed"\nreason = "r"\nwhy = 1', "unknown key 'why'"),
    ],
)
def test_allow_list_entries_are_checked(project: Path, entry: str, message: str) -> None:
    settings(project, f"[[tool.dvgen.breaking.allow]]\n{entry}")
    with pytest.raises(SpecError, match=message.replace("?", r"\?")):
        load_config(project / "pyproject.toml")


def test_an_allow_list_entry_reads_back(project: Path) -> None:
    settings(project, ALLOW)
    (entry,) = load_config(project / "pyproject.toml").breaking_allow
    assert (entry.table, entry.column, entry.rule) == (
        "contoso_project",
        "contoso_notes",
        "column-removed",
    )


def test_the_pre_commit_hook_runs_the_gate(
    repo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The real pre-commit tool runs the dvgen-breaking hook of .pre-commit-hooks.yaml."""
    pre_commit = Path(sys.executable).with_name("pre-commit")
    if not pre_commit.exists():
        pytest.skip("pre-commit is not installed in this environment")
    if no_package_index():  # pre-commit installs the hook's package and its dependencies
        pytest.skip(no_package_index())
    git_config = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    hook_repo = _hook_repository(tmp_path / "dvgen", git_config)
    text = (repo / SPEC).read_text("utf-8")
    start = text.index(NOTES)
    end = text.index("  - logical_name:", start + len(NOTES))
    (repo / SPEC).write_text(text[:start] + text[end:], encoding="utf-8")
    assert run(capsys, "generate")[0] == 0

    def hook() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(pre_commit), "try-repo", str(hook_repo), "dvgen-breaking", "--all-files"],
            env=os.environ | {"PRE_COMMIT_HOME": str(tmp_path / "home")},
            capture_output=True,
            text=True,
            check=False,
        )

    failed = hook()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "column-removed: contoso_project.columns.contoso_notes" in failed.stdout
    with (repo / "pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write(ALLOW)
    passed = hook()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout


def test_diff_of_some_tables_leaves_the_others_out(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--table``: the tables left out of this run are not tables removed."""
    remove_notes(repo, capsys)
    code, out, _ = run(capsys, "diff", "--against", "HEAD~1", "--table", "contoso_*")
    assert code == 0
    assert "breaking column-removed" in out
    assert "backgroundoperation" not in out
