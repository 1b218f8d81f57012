"""The command line: generate, check, exit codes, bad input, ownership of output files."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dvgen.cli import _parser, main
from tests.conftest import ROOT, no_package_index, run
from tests.golden import assert_golden

SPEC = (ROOT / "specs" / "contoso_project.yaml").read_text(encoding="utf-8")

PAGE = """\
# Widget (new_widget) table/entity reference

A widget.

## Properties

|Property|Value|
|---|---|
|**LogicalName**|`new_widget`|
|**SchemaName**|`new_Widget`|
|**EntitySetName**|`new_widgets`|
|**PrimaryIdAttribute**|`new_widgetid`|

## Writable columns/attributes

### <a name="BKMK_new_widgetId"></a> new_widgetId

|Property|Value|
|---|---|
|LogicalName|`new_widgetid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_new_Size"></a> new_Size

|Property|Value|
|---|---|
|LogicalName|`new_size`|
|RequiredLevel|None|
|Type|Integer|
|MaxValue|100|
|MinValue|0|
"""


@pytest.fixture()
def project(workdir: Path) -> Path:
    (workdir / "specs").mkdir()
    (workdir / "specs" / "contoso_project.yaml").write_text(SPEC, encoding="utf-8")
    (workdir / "specs" / "new_widget.md").write_text(PAGE, encoding="utf-8")
    return workdir


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_generate_then_check_is_clean_and_silent(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "generate", "--target", "model") == (0, "", "")
    assert (project / "generated/model/new_widget.yaml").is_file()
    assert run(capsys, "check", "--target", "model") == (0, "", "")


def test_check_names_changed_missing_and_stale_files_with_diffs(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "generate", "--target", "model")
    model = project / "generated" / "model"
    edited = model / "new_widget.yaml"
    edited.write_text(edited.read_text().replace("max_value: 100", "max_value: 99"))
    (model / "contoso_project.yaml").unlink()
    (model / "ghost.yaml").write_text("logical_name: ghost\n")
    (model / "README.md").write_text("not ours\n")

    code, out, err = run(capsys, "check", "--target", "model")

    assert code == 1
    assert "changed: generated/model/new_widget.yaml" in out
    assert "missing: generated/model/contoso_project.yaml" in out
    assert "stale: generated/model/ghost.yaml" in out
    assert "README.md" not in out
    assert "-  max_value: 99\n+  max_value: 100\n" in out
    assert "+++ b/generated/model/contoso_project.yaml" not in out
    assert "+++ b/model/contoso_project.yaml" in out
    assert "--- a/model/ghost.yaml\n+++ /dev/null\n" in out
    assert "3 generated file(s) out of date" in err


def test_generate_removes_owned_stale_files_and_keeps_others(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "generate", "--target", "model")
    model = project / "generated" / "model"
    (model / "ghost.yaml").write_text("x: 1\n")
    (model / "notes.txt").write_text("mine\n")
    before = (model / "new_widget.yaml").stat().st_mtime_ns

    assert run(capsys, "generate", "--target", "model", "-v")[0] == 0

    assert not (model / "ghost.yaml").exists()
    assert (model / "notes.txt").read_text() == "mine\n"
    assert (model / "new_widget.yaml").stat().st_mtime_ns == before  # unchanged: not rewritten


BAD_INPUTS = {
    "broken column table": (
        "new_widget.md",
        PAGE.replace("|MaxValue|100|", "|MaxValue|a hundred|"),
        "new_widget.md:31: error: column 'new_Size': MaxValue: expected a number, got 'a hundred'",
    ),
    "column table without a type": (
        "new_widget.md",
        PAGE.replace("|Type|Integer|\n", ""),
        "new_widget.md:26: error: column 'new_Size': no Type row",
    ),
    "unknown type": (
        "contoso_project.yaml",
        SPEC.replace("type: Memo", "type: Text"),
        "contoso_project.yaml:33: error: columns.2.type: 'Text' is not one of ",
    ),
    "unknown key": (
        "contoso_project.yaml",
        SPEC.replace("    format: TextArea\n", "    format: TextArea\n    colour: red\n"),
        "contoso_project.yaml:37: error: columns.2: unknown key 'colour' (known: added_by, ",
    ),
    "misspelt key": (
        "contoso_project.yaml",
        SPEC.replace("    max_length: 10000\n", "    max_lenght: 10000\n"),
        "contoso_project.yaml:37: error: columns.2: unknown key 'max_lenght' "
        "(did you mean 'max_length'?)",
    ),
    "duplicate column": (
        "contoso_project.yaml",
        SPEC.replace("logical_name: contoso_notes", "logical_name: contoso_name").replace(
            "schema_name: contoso_Notes", "schema_name: contoso_Name"
        ),
        "contoso_project.yaml:31: error: column 'contoso_name' of table 'contoso_project' is "
        "already defined at specs/contoso_project.yaml:23",
    ),
    "duplicate table": (
        "again.yaml",
        "logical_name: new_widget\ncolumns: []\n",
        "error: table 'new_widget' is already defined at ",
    ),
    "duplicate key": (
        "contoso_project.yaml",
        SPEC.replace("table_type: Standard\n", "table_type: Standard\ntable_type: Elastic\n"),
        "contoso_project.yaml:12: error: key 'table_type' appears twice in one mapping",
    ),
    "not UTF-8": (
        "new_widget.md",
        PAGE.replace("A widget.", "A widget \udcff.").encode("utf-8", "surrogateescape"),
        "new_widget.md:3: error: not UTF-8 text: byte 0xff at offset",
    ),
    "UTF-16": (
        "contoso_project.yaml",
        SPEC.encode("utf-16"),
        "contoso_project.yaml:1: error: not UTF-8 text but UTF-16 (byte-order mark ff fe): "
        "save the file as UTF-8",
    ),
    "empty file": ("new_widget.md", "\n\n", "new_widget.md:1: error: empty spec file"),
    "not YAML": (
        "contoso_project.yaml",
        SPEC.replace("display_name: Project\n", "display_name: [Project\n"),
        "contoso_project.yaml:7: error: not valid YAML: did not find expected",
    ),
    "no title heading": (
        "new_widget.md",
        PAGE.replace("# Widget (new_widget) table/entity reference\n", ""),
        "new_widget.md:1: error: no '# <table> reference' title heading",
    ),
}


@pytest.mark.golden
@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_is_reported_with_file_and_line_and_nothing_is_written(
    case: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "generate", "--target", "model")
    before = snapshot(project / "generated")
    name, content, expected = BAD_INPUTS[case]
    path = project / "specs" / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    extra = SPEC.replace("contoso_project", "contoso_x").replace("contoso_Project", "contoso_X")
    (project / "specs" / "extra.yaml").write_text(extra)

    for command in ("generate", "check"):
        code, out, err = run(capsys, command, "--target", "model")
        assert code == 2, err
        assert expected in err
        assert err.startswith(f"specs/{name}:") or err.startswith("specs/")
        assert "Traceback" not in err
        assert out == ""
        assert_golden(f"errors/{case.replace(' ', '-')}.txt", err)
    assert snapshot(project / "generated") == before


def test_bad_input_in_a_real_process_has_no_traceback(project: Path) -> None:
    (project / "specs" / "new_widget.md").write_bytes(b"\xff\xfe")
    result = subprocess.run(
        [sys.executable, "-m", "dvgen", "generate"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("specs/new_widget.md:1: error: not UTF-8 text")
    assert "Traceback" not in result.stderr
    assert not (project / "generated").exists()


def test_usage_errors_exit_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_exit(capsys, "generate", "--target", "nope")
    assert code == 2 and "invalid choice: 'nope'" in err
    code, _, err = run_exit(capsys)
    assert code == 2 and "usage: dvgen" in err
    (project / "pyproject.toml").write_text("[tool.dvgen]\nspecz = 'x'\n")
    code, _, err = run_exit(capsys, "check")
    assert code == 2 and "pyproject.toml:2: error: [tool.dvgen]: unknown key 'specz'" in err
    code, _, err = run_exit(capsys, "check", "--config", "missing.toml")
    assert code == 2 and "missing.toml: error: config file not found" in err


def run_exit(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_settings_come_from_pyproject(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.dvgen]\nspecs = "specs"\nout = "build/dv"\ntargets = ["model"]\n'
    )
    assert run(capsys, "generate")[0] == 0
    assert sorted(p.name for p in (project / "build/dv/model").iterdir()) == [
        "contoso_project.yaml",
        "new_widget.yaml",
    ]
    assert run(capsys, "check", "--out", "elsewhere")[0] == 1


def test_paths_are_relative_to_the_config_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text('[tool.dvgen]\ntargets = ["model"]\n')
    elsewhere = project / "elsewhere"
    elsewhere.mkdir()
    os.chdir(elsewhere)
    assert run(capsys, "generate", "--config", "../pyproject.toml")[0] == 0
    assert (project / "generated" / "model" / "new_widget.yaml").is_file()
    assert (project / ".dvgen-cache").is_dir()
    assert list(elsewhere.iterdir()) == []


def test_help_is_clear(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["generate", "--help"], ["check", "--help"]):
        code, out, _ = run_exit(capsys, *argv)
        assert code == 0
        assert "exit status: 0" in out
    assert "--target NAME" in run_exit(capsys, "check", "--help")[1]


def test_help_names_every_input_and_explains_every_option() -> None:
    """``dvgen --help`` names the solutions dvgen reads beside pages and YAML specs, and every
    option of every command says what it does (``diff --format`` said nothing)."""
    parser = _parser()
    assert "solutions" in parser.description.split("into")[0]
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    silent = [
        f"{name} {'/'.join(action.option_strings)}"
        for name, command in commands.choices.items()
        for action in command._actions
        if action.option_strings and not action.help
    ]
    assert silent == []
    specs = [a for a in commands.choices["generate"]._actions if "--specs" in a.option_strings]
    assert "solutions" in str(specs[0].help)


def test_python_dash_m_runs(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dvgen", "--help"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("usage: dvgen")


def test_repo_generated_folder_is_up_to_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """The repo dogfoods itself: its committed generated/ is what its specs/ produce."""
    monkeypatch.chdir(ROOT)
    code = main(["check"])
    assert code == 0, "generated/ is stale: run 'dvgen generate' and commit the result"


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_hook_passes_when_clean_and_fails_on_drift(tmp_path: Path) -> None:
    """The real pre-commit tool runs the repo's hook (.pre-commit-hooks.yaml) via try-repo."""
    pre_commit = Path(sys.executable).with_name("pre-commit")
    if not pre_commit.exists():
        pytest.skip("pre-commit is not installed in this environment")
    if no_package_index():  # pre-commit installs the hook's package and its dependencies
        pytest.skip(no_package_index())
    repo = tmp_path / "user-repo"
    (repo / "specs").mkdir(parents=True)
    (repo / "specs" / "new_widget.md").write_text(PAGE, encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    assert main(["generate", "--specs", str(repo / "specs"), "--out", str(repo / "generated")]) == 0
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "init"], cwd=repo, check=True)

    hook_repo = _hook_repository(tmp_path / "dvgen", git)

    def hook() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(pre_commit), "try-repo", str(hook_repo), "dvgen-check", "--all-files"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    clean = hook()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "dvgen check" in clean.stdout and "Passed" in clean.stdout
    spec = repo / "specs" / "new_widget.md"
    spec.write_text(PAGE.replace("|MaxValue|100|", "|MaxValue|50|"), encoding="utf-8")
    drift = hook()
    assert drift.returncode == 1, drift.stdout + drift.stderr
    assert "Failed" in drift.stdout
    assert "changed: generated/model/new_widget.yaml" in drift.stdout


def _hook_repository(path: Path, git: list[str]) -> Path:
    """This working tree's package, committed into a fresh repository for pre-commit to install."""
    for name in ("src", "templates"):
        shutil.copytree(ROOT / name, path / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy2(ROOT / name, path / name)
    subprocess.run([*git, "init", "-q"], cwd=path, check=True)
    subprocess.run([*git, "add", "-A"], cwd=path, check=True)
    subprocess.run([*git, "commit", "-qm", "hook"], cwd=path, check=True)
    return path


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        (
            "\n{{ s.no_such_field }}",
            "2: error: template: 'dvgen.targets.jsonschema.target.SchemaContext",
        ),
        ("\n\n{% if %}", "3: error: template: Expected an expression"),
    ],
)
def test_a_broken_override_template_is_reported_without_traceback(
    project: Path, capsys: pytest.CaptureFixture[str], template: str, problem: str
) -> None:
    overrides = project / "my-templates" / "jsonschema"
    overrides.mkdir(parents=True)
    (overrides / "table.schema.json.jinja").write_text(template + "\n")
    (project / "pyproject.toml").write_text('[tool.dvgen]\ntemplates = "my-templates"\n')
    code, _, err = run(capsys, "generate", "--target", "jsonschema")
    assert code == 2, err
    assert "my-templates/jsonschema/table.schema.json.jinja:" + problem in err
    assert "Traceback" not in err
    assert not (project / "generated").exists()


def test_errors_print_once_and_warnings_follow_quiet(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = (ROOT / "specs" / "backgroundoperation.md").read_text()
    (project / "specs" / "page.md").write_text(page.replace("|ImeMode|", "|Wobble|", 1))
    (project / "specs" / "bad.yaml").write_text("logical_name: x\ncolumns: 5\n")
    code, _, err = run(capsys, "generate")
    assert code == 2
    assert err.count("unknown property row 'Wobble'") == 1
    assert err.count("error: columns: 5 is not of type 'array'") == 1
    code, _, err = run(capsys, "generate", "--quiet")
    assert "Wobble" not in err and "error: columns: 5" in err
    code, _, err = run(capsys, "check")  # check shows warnings only with --verbose
    assert "Wobble" not in err and err.count("error: columns: 5") == 1


def test_a_yaml_tag_or_a_malformed_number_is_bad_input(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for text, expected in (
        ("logical_name: x\ndescription: !foo bar\n", "x.yaml:2: error: not valid YAML: "),
        (
            "logical_name: x\ncolumns:\n- {logical_name: a, type: Integer, max_value: ._}\n",
            "x.yaml:3: error: columns.0.max_value: '._' is not of type 'number'",
        ),
    ):
        (project / "specs" / "x.yaml").write_text(text)
        code, _, err = run(capsys, "generate")
        assert code == 2 and expected in err and "Traceback" not in err


def test_settings_are_checked_before_any_spec_is_read(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text('[tool.dvgen]\npydantic-package = "1bad"\n')
    (project / "specs" / "broken.yaml").write_text("logical_name: [\n")
    code, _, err = run(capsys, "generate")
    assert code == 2
    assert "pydantic-package" in err
    assert "broken.yaml" not in err
