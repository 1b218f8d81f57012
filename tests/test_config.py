"""``[tool.dvgen]``: every key type-checked with a clear error, found from a subfolder."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from dvgen.cli import main
from dvgen.config import _KEYS, Config, find_pyproject, load_config
from tests.conftest import run, settings
from tests.golden import assert_golden

WRONG = {
    "specs": ("3", "must be a folder name (a string)"),
    "out": ("true", "must be a folder name (a string)"),
    "templates": ("[]", "must be a folder name (a string)"),
    "cache-dir": ('""', "must be a folder name (a string)"),
    "targets": ('"sql"', "must be a list of strings"),
    "sql-dialects": ("[1]", "must be a list of strings"),
    "ignore": ('"unknown-row"', "must be a list of strings"),
    "jsonschema-base-uri": ("1", "must be a string"),
    "pydantic-package": ("[]", "must be a string"),
    "odata-namespace": ("{}", "must be a string"),
    "odata-alias": ("1.5", "must be a string"),
    "odata-container": ("false", "must be a string"),
    "sql-label-tables": ('"yes"', "must be a boolean (true or false)"),
    "cache": ("1", "must be a boolean (true or false)"),
    "jobs": ("true", "must be an integer"),
}
"""A wrong value of each key of Config's own; keys another part adds are checked by type."""


@pytest.mark.parametrize("key", sorted(_KEYS))
def test_every_key_refuses_a_value_of_the_wrong_type(
    key: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    value, problem = WRONG.get(key, ("[[]]", "must be a"))
    settings(project, f"{key} = {value}")
    for command in ("generate", "check"):
        code, out, err = run(capsys, command)
        assert (code, out) == (2, ""), err
        assert err.startswith(f"pyproject.toml:2: error: [tool.dvgen]: {key} {problem}"), err
        assert err.count("\n") == 1
    assert not (project / "generated").exists()


def test_every_setting_is_covered() -> None:
    fields = {f.name for f in dataclasses.fields(Config)}
    assert {name.replace("-", "_") for name in WRONG} <= fields
    assert set(_KEYS.values()) <= fields - {"only_targets", "only_dialects", "source"}


@pytest.mark.golden
def test_specs_3_is_an_error_not_a_traceback(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings(project, "specs = 3")
    code, _, err = run(capsys, "check")
    assert code == 2
    assert_golden("errors/config-wrong-type.txt", err)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'targets = ["model", "sqll"]',
            "[tool.dvgen]: targets has an unknown value 'sqll'; did you mean 'sql'? (known: "
            "model, jsonschema, pydantic, sql, odata)",
        ),
        (
            'sql-dialects = ["mysql"]',
            "[tool.dvgen]: sql-dialects has an unknown value 'mysql' (known: postgres, sqlite, "
            "sqlserver)",
        ),
        (
            'ignore = ["lookup-target-unkown"]',
            "[tool.dvgen]: ignore has an unknown warning code 'lookup-target-unkown'; did you "
            "mean 'lookup-target-unknown'? (the codes: dvgen's README, 'Warning codes')",
        ),
        ("jobs = -1", "[tool.dvgen]: jobs must be 0 (one process per core) or more, not -1"),
        ("only-targets = []", "[tool.dvgen]: unknown key 'only-targets' (known: "),
    ],
)
def test_unknown_values_are_errors(
    text: str, expected: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings(project, text)
    code, _, err = run(capsys, "generate")
    assert code == 2
    assert err.startswith(f"pyproject.toml:2: error: {expected}"), err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[tool]\ndvgen = 3\n", "pyproject.toml: error: [tool.dvgen] must be a table\n"),
        ("tool = 3\n[x]\ndvgen = 1\n", ""),
        ("[tool.dvgen\n", "pyproject.toml:1: error: not valid TOML: "),
    ],
)
def test_a_malformed_section(
    text: str, expected: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text(text)
    code, _, err = run(capsys, "generate", "--target", "model")
    assert code == (2 if expected else 0)
    assert err.startswith(expected) and "Traceback" not in err


def test_a_templates_folder_that_does_not_exist_is_an_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A misspelt templates folder was passed over: the built-in templates rendered without a
    word, the user's changes missing from every output."""
    settings(project, 'targets = ["model"]\ntemplates = "my-templats"')
    code, _, err = run(capsys, "generate")
    assert code == 2
    assert err == (
        "pyproject.toml:3: error: [tool.dvgen]: templates 'my-templats' is no folder (paths "
        "are relative to this file's folder)\n"
    )
    assert not (project / "generated").exists()


def test_a_template_that_overrides_none_is_a_warning(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A copy under a misspelt name changed no output, without a word; a macro file of the
    user's own (``_*.jinja``) is no override and is not reported."""
    settings(project, 'targets = ["jsonschema"]\ntemplates = "mine"')
    (project / "mine" / "jsonschema").mkdir(parents=True)
    (project / "mine" / "jsonschema" / "table.schema.jsn.jinja").write_text("x")
    (project / "mine" / "jsonschema" / "_helpers.jinja").write_text("x")
    code, _, err = run(capsys, "generate")
    assert code == 0, err
    assert (
        "mine/jsonschema/table.schema.jsn.jinja: warning: template "
        "jsonschema/table.schema.jsn.jinja overrides no built-in template, so no output uses it "
        "(dvgen.config.templates_dir() holds them, by target) [template-unused]"
    ) in err.splitlines()
    assert "_helpers" not in err


def test_a_utf16_pyproject_is_reported_not_passed_over(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Windows PowerShell 5 writes a redirect (``>``) as UTF-16: its [tool.dvgen], unread, was
    passed over without a word, and the defaults silently replaced the settings."""
    text = '[tool.dvgen]\ntargets = ["model"]\n'
    (project / "pyproject.toml").write_bytes(text.encode("utf-16"))
    code, _, err = run(capsys, "generate")
    assert code == 2
    assert err == (
        "pyproject.toml:1: error: not UTF-8 text but UTF-16 (byte-order mark ff fe): "
        "save the file as UTF-8\n"
    )
    assert not (project / "generated").exists()


def test_a_pyproject_starting_with_a_utf8_byte_order_mark_is_named_as_such(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Windows PowerShell 5 saves "UTF-8" (``Out-File -Encoding utf8``, what the UTF-16 error
    above advises) with a byte-order mark, which TOML readers refuse: the error said only
    'Invalid statement (at line 1, column 1)' of a line that looks right."""
    text = '[tool.dvgen]\ntargets = ["model"]\n'
    (project / "pyproject.toml").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    code, _, err = run(capsys, "generate")
    assert code == 2
    assert err == (
        "pyproject.toml:1: error: a UTF-8 byte-order mark (ef bb bf) starts the file, which "
        "TOML does not allow: save the file as UTF-8 without a byte-order mark\n"
    )
    assert not (project / "generated").exists()


def test_run_from_a_subfolder_finds_the_pyproject_above(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings(project, 'targets = ["model"]')
    (project / ".git").mkdir()
    deeper = project / "docs" / "deeper"
    deeper.mkdir(parents=True)
    (project / "docs" / "pyproject.toml").write_text("[tool.black]\n")  # not ours: passed by
    monkeypatch.chdir(deeper)
    assert find_pyproject() == Path("../../pyproject.toml")
    assert load_config().out == Path("../../generated")
    code, _, err = run(capsys, "generate")
    assert code == 0, err
    assert sorted(p.name for p in (project / "generated").iterdir()) == ["model"]
    assert (project / ".dvgen-cache").is_dir()
    assert list(deeper.iterdir()) == []
    spec = project / "specs" / "contoso_project.yaml"
    spec.write_text(spec.read_text().replace("max_length: 100", "max_length: 120"))
    code, out, _ = run(capsys, "check")
    assert code == 1 and "changed: ../../generated/model/contoso_project.yaml" in out


def test_the_search_passes_a_repository_root(tmp_path: Path) -> None:
    """As ruff: only the filesystem root ends the search (tests/test_config_discovery.py)."""
    (tmp_path / "pyproject.toml").write_text("[tool.dvgen]\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "sub").mkdir()
    assert find_pyproject(repo / "sub") == tmp_path / "pyproject.toml"


def test_ignore_adds_to_the_settings_and_refuses_a_non_code(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["generate", "--ignore", "Bad Code"])
    assert exit_.value.code == 2
    assert "argument --ignore: unknown warning code 'Bad Code'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'odata-namespace = "has space"',
            "pyproject.toml:2: error: [tool.dvgen]: odata-namespace: 'has space' is not a valid ",
        ),
        ('pydantic-package = "1bad"', "pyproject.toml:2: error: [tool.dvgen]: pydantic-package: "),
        (
            'jsonschema-base-uri = "no scheme"',
            "pyproject.toml:2: error: [tool.dvgen]: jsonschema-base-uri: ",
        ),
    ],
)
def test_a_target_setting_error_names_the_pyproject(
    text: str, expected: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings(project, text)
    code, _, err = run(capsys, "check")
    assert code == 2
    assert err.startswith(expected), err
