"""A demanding user's second walk through dvgen: a project of its own layout, pre-commit, and the
bad input users really make (a folder dvgen may not read, a page saved from a browser, a file
Notepad saved empty, a flag given twice). Each fault met is kept fixed here."""

from __future__ import annotations

import os
import shlex
from pathlib import Path
from typing import Any

import pytest

from dvgen.cli import main
from tests.conftest import run
from tests.solution_support import write_solution


def test_a_solution_folder_dvgen_may_not_read_is_an_error_not_a_missing_folder(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A solution's ``Entities/`` without read permission (copied from another account, say)
    was passed over as if absent: its tables were built from their relationships alone, with a
    warning that the folder lacks their files, and exit 0. Root reads any folder, so the
    refusal is the operating system's, simulated."""
    write_solution(workdir / "specs/ContosoSites")
    refused = workdir / "specs/ContosoSites/Entities"
    real = os.scandir

    def scandir(path: Any = ".") -> Any:
        if Path(path).resolve() == refused.resolve():
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, _, err = run(capsys, "generate", "--no-cache")
    assert code == 2, err
    assert err == "dvgen: error: specs/ContosoSites/Entities: Permission denied\n"
    assert not (workdir / "generated").exists()


def test_a_line_holding_a_line_separator_is_one_line_of_the_diff(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """contoso_notes' description holds a U+2028, which the SQLite DDL keeps in a comment.
    ``str.splitlines`` ended a line there: check's diff showed that line cut in two, its first
    half marked "\\ No newline at end of file" (false: the file ends with one), and counted
    two lines where git counts one."""
    assert run(capsys, "generate", "--target", "sql", "--dialect", "sqlite")[0] == 0
    spec = project / "specs/contoso_project.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace('"Free text; may hold', '"Free text; it may hold'), "utf-8")
    code, out, _ = run(capsys, "check", "--target", "sql", "--dialect", "sqlite")
    assert code == 1
    assert "No newline" not in out
    changed = [line for line in out.split("\n") if line[:1] in "+-" and "Free" in line]
    assert [line[:1] for line in changed] == ["-", "+"]
    assert all(line.endswith("\u2028separator.") for line in changed), changed
    code, out, _ = run(capsys, "check", "--target", "sql", "--dialect", "sqlite", "--stat")
    assert "changed: generated/sql/sqlite/schema.sql | +1 -1\n" in out


@pytest.mark.parametrize("option", ["--specs", "--out", "--config"])
def test_a_folder_option_given_twice_is_refused_not_the_last_taken(
    option: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--specs ms --specs ours`` reads like both folders; argparse kept the last silently,
    and the tables of the first were missing from every output, exit 0."""
    (project / "ours").mkdir()
    with pytest.raises(SystemExit) as exited:
        main(["generate", option, "specs", option, "ours"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert f"error: argument {option}: given twice ('specs', 'ours'): dvgen " in err
    assert not (project / "generated").exists()


@pytest.mark.parametrize("command", ["list", "show", "diff", "migrate"])
def test_every_command_s_help_gives_its_exit_status(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """generate's and check's --help ended with the exit status; list's, show's, diff's and
    migrate's did not, and diff's and migrate's descriptions began in lower case."""
    with pytest.raises(SystemExit):
        main([command, "--help"])
    text = capsys.readouterr().out
    assert text.split("\n\n")[1][0].isupper()
    assert "exit status: 0 done; 2 bad input or usage, reported as file:line: error: " in text


LEARN_PAGE = """<!DOCTYPE html>
<html
\tclass="layout layout-holy-grail show-table-of-contents reference show-breadcrumb default-focus"
\tlang="en-us"
\tdir="ltr"
\tdata-authenticated="false"
>
\t<head>
\t\t<title>account table/entity reference (Microsoft Dataverse) - Power Apps</title>
<table><tr><td>LogicalName</td><td><code>account</code></td></tr></table>
"""
"""The start of a reference article saved from the browser (Microsoft Learn's layout)."""

GITHUB_BLOB = """





<!DOCTYPE html>
<html
  lang="en"
  data-color-mode="auto" data-light-theme="light" data-dark-theme="dark"
>
"""
"""The start of GitHub's page of a file (``curl`` of a ``/blob/`` URL): blank lines first."""


@pytest.mark.parametrize(
    ("name", "text", "line", "kind"),
    [
        ("account.md", LEARN_PAGE, 1, "Markdown"),
        ("account.md", GITHUB_BLOB, 7, "Markdown"),
        ("new_widget.yaml", GITHUB_BLOB, 7, "YAML"),
    ],
)
def test_a_web_page_saved_as_a_spec_is_named_so(
    name: str, text: str, line: int, kind: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A page saved from the browser was "no '# <table> reference' title heading" (one naming
    no property was skipped as a note, its table missing), a YAML one a YAML error."""
    (project / "specs" / name).write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "generate")
    assert code == 2
    assert err.startswith(f"specs/{name}:{line}: error: an HTML page, not {kind} (saved from ")
    assert "save the raw file (GitHub's 'Raw' link)" in err
    assert err.count("\n") == 1
    assert not (project / "generated").exists()


def test_a_spec_holding_only_a_byte_order_mark_is_empty(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Notepad saves an empty file as UTF-8's byte order mark: an empty .md was an error, but
    that one was skipped as prose (a note --verbose shows), and an empty .yaml was told it
    lacks logical_name."""
    for name in ("new_a.md", "new_b.yaml"):
        (project / "specs" / name).write_bytes(b"\xef\xbb\xbf\n")
    code, _, err = run(capsys, "generate")
    assert code == 2
    assert err.splitlines() == [
        "specs/new_a.md:1: error: empty spec file",
        "specs/new_b.yaml:1: error: empty spec file",
    ]


@pytest.mark.parametrize(
    ("written", "told"),
    [
        ("Choice", "'Choice' is Power Apps' name of the type: write type: Picklist"),
        ("Yes/No", "'Yes/No' is Power Apps' name of the type: write type: Boolean"),
        ("Two Options", "'Two Options' is Power Apps' name of the type: write type: Boolean"),
        ("Whole Number", "'Whole Number' is Power Apps' name of the type: write type: Integer"),
        ("Email", "'Email' is Power Apps' name of the type: write type: String, format: Email"),
        ("MoneyType", "'MoneyType' is the API's display name of the type: write type: Money"),
        ("Strng", "did you mean 'String'?"),
    ],
)
def test_a_type_named_as_power_apps_names_it_is_told_the_type_to_write(
    written: str, told: str, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A maker writes the types by the designers' names (MicrosoftDocs/powerapps-docs,
    maker/data-platform/types-of-fields.md): 'Choice', 'Yes/No', 'Currency' were refused with
    the list of 24 types and no hint ('Currency' is Money, 'Choice' Picklist)."""
    (workdir / "specs").mkdir()
    column = f"{{logical_name: new_c, type: {written}}}"
    (workdir / "specs/new_x.yaml").write_text(f"logical_name: new_x\ncolumns:\n  - {column}\n")
    code, _, err = run(capsys, "generate")
    assert code == 2
    assert err.startswith("specs/new_x.yaml:3: error: columns.0.type: ")
    assert err.endswith(f"; {told}\n"), err


APPLE_DOUBLE = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x02\x00\x00\x00\t"
"""The start of the ``._<name>`` file macOS writes beside a file copied to a drive that keeps no
resource forks (a shared drive, a USB stick, a tar made on a Mac)."""


def test_hidden_files_of_a_specs_folder_are_no_specs(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A project whose specs folder is its root (``specs = "."``) holds its
    ``.pre-commit-config.yaml``: it was read as a table spec ("'logical_name' is a required
    property", exit 2), as was macOS's ``._contoso_project.yaml`` ("not UTF-8") and
    ``._Contoso_1_0.zip`` ("not a readable .zip"), and a ``.git`` folder made every run read
    every spec, as if it held a solution."""
    from dvgen import runner
    from dvgen.specfiles import SpecFile, read_specs

    specs = project / "specs"
    settings = '[tool.dvgen]\nspecs = "."\nout = "../generated"\n'  # no folder of its own
    (specs / "pyproject.toml").write_text(settings, encoding="utf-8")
    (specs / ".pre-commit-config.yaml").write_text("repos:\n  - repo: local\n", "utf-8")
    (specs / "._contoso_project.yaml").write_bytes(APPLE_DOUBLE)
    (specs / "._Contoso_1_0.zip").write_bytes(APPLE_DOUBLE)
    (specs / ".git").mkdir()
    monkeypatch.chdir(specs)
    reads: list[Path] = []

    def counted(folder: Path) -> list[SpecFile]:
        reads.append(folder)
        return read_specs(folder)

    monkeypatch.setattr(runner, "read_specs", counted)
    code, _, err = run(capsys, "generate")
    assert code == 0, err
    assert sorted(p.name for p in (project / "generated/model").iterdir()) == [
        "backgroundoperation.yaml",
        "contoso_project.yaml",
    ]
    assert run(capsys, "check") == (0, "", "")
    assert len(reads) == 1  # the second run knew the specs by their stats


@pytest.mark.parametrize("command", [["list"], ["show", "account"]])
def test_list_and_show_say_why_a_table_is_read_in_part(
    command: list[str], workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A solution copied without a table's Entity.xml: ``list`` showed the table with the
    columns its relationships give it, and said nothing; ``generate`` warned. The warnings of
    reading the specs now go to stderr (the setting ``ignore`` hides them), stdout unchanged."""
    write_solution(workdir / "specs/ContosoSites")
    (workdir / "specs/ContosoSites/Entities/contoso_Site/Entity.xml").unlink()
    code, out, err = run(capsys, *command)
    assert code == 0 and "account" in out
    missing = "specs/ContosoSites/Other/Solution.xml:16: warning: solution 'ContosoSites' lists "
    assert missing in err and err.rstrip().endswith("]")
    (workdir / "pyproject.toml").write_text(
        '[tool.dvgen]\nignore = ["solution-table-missing", "solution-base-missing", '
        '"lookup-target-unknown"]\n',
        "utf-8",
    )
    assert run(capsys, *command)[1:] == (out, "")


@pytest.mark.parametrize(
    ("setting", "told"),
    [
        ('target = ["sql"]', "unknown key 'target'; did you mean 'targets'? (known: cache, "),
        ('dialects = ["sqlite"]', "unknown key 'dialects'; did you mean 'sql-dialects'? (known: "),
        ('tables = ["contoso_*"]', "unknown key 'tables'; did you mean 'include'? (known: "),
        ('targets = "sql"', 'targets must be a list of strings; write ["sql"]'),
        ('targets = ["SQL"]', "targets has an unknown value 'SQL'; did you mean 'sql'? (known: "),
        (
            'sql-dialects = ["postgresql"]',
            "sql-dialects has an unknown value 'postgresql'; did you mean 'postgres'? (known: ",
        ),
    ],
)
def test_a_setting_slip_is_told_what_was_meant(
    setting: str, told: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A YAML spec's slip is told the name meant; a setting's was told only the list of every
    key (24 of them) or value."""
    (project / "pyproject.toml").write_text(f"[project]\nname = 'x'\n\n[tool.dvgen]\n{setting}\n")
    code, _, err = run(capsys, "check")
    assert code == 2
    assert err.startswith(f"pyproject.toml:5: error: [tool.dvgen]: {told}"), err


def test_a_spec_file_given_as_the_specs_folder_is_told_so(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--specs specs/contoso_project.yaml`` (one page, to render it alone) was "specs folder
    not found", though the file is there."""
    code, _, err = run(capsys, "list", "--specs", "specs/contoso_project.yaml")
    assert code == 2
    assert err == (
        "specs/contoso_project.yaml: error: specs 'specs/contoso_project.yaml' is a file, not a "
        "folder: name the folder of the spec files and solutions (--table NAME renders some of "
        "its tables)\n"
    )
    (project / "pyproject.toml").write_text('[tool.dvgen]\nspecs = "specs/contoso_project.yaml"\n')
    code, _, err = run(capsys, "generate")
    assert code == 2
    assert err.startswith("pyproject.toml:2: error: [tool.dvgen]: specs 'specs/contoso_project")
    assert not (project / "generated").exists()


def test_a_spec_made_unreadable_is_an_error_though_its_stats_are_recorded(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ``chmod`` keeps a file's size and time, so the run after one knew the spec by its
    recorded stats and read nothing: generate and check exited 0 while list (no record) said
    "Permission denied". Root reads any file: the refusal is simulated."""
    assert run(capsys, "generate")[0] == 0
    refused = (project / "specs/contoso_project.yaml").resolve()
    real_access, real_open = os.access, Path.read_bytes

    def access(path: Any, mode: int, **kwargs: Any) -> bool:
        return Path(path).resolve() != refused and real_access(path, mode, **kwargs)

    def read_bytes(self: Path) -> bytes:
        if self.resolve() == refused:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self)

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    for command in ("check", "generate"):
        code, _, err = run(capsys, command)
        assert (code, err) == (2, "dvgen: error: specs/contoso_project.yaml: Permission denied\n")


def test_check_names_the_generate_that_brings_its_files_up_to_date(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A check of some tables in a folder of their own (docs/cli.md's ``--out projects-only``)
    said to "run 'dvgen generate'", which writes the whole set to generated/ and leaves that
    folder as it was: the check failed again. Its last line now repeats the options that
    choose the files, quoted for a shell where they need it."""
    argv = ["--table", "contoso_*", "--target", "model", "--out", "projects only"]
    code, _, err = run(capsys, "check", *argv, "--stat")
    assert code == 1
    remedy = 'dvgen generate --out "projects only" --table "contoso_*" --target model'
    assert err == f"dvgen check: 1 generated file(s) out of date; run '{remedy}'\n"
    assert run(capsys, *shlex.split(remedy)[1:])[0] == 0  # as a shell reads it
    assert run(capsys, "check", *argv) == (0, "", "")
