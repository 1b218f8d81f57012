"""The drift gate: what the configuration no longer produces is stale, what dvgen never wrote is
never touched, a one-off --target/--dialect narrows one run, and check's output stays short."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run, settings

DIALECTS = ("postgres", "sqlite", "sqlserver")


def tree(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_a_dialect_dropped_from_the_settings_is_stale_and_removed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "generate")[0] == 0
    mine = project / "generated" / "sql" / "postgres" / "notes.txt"
    mine.write_text("mine\n")
    settings(project, 'sql-dialects = ["sqlite"]\n')

    code, out, _ = run(capsys, "check")
    assert code == 1
    assert out.splitlines()[:2] == [
        "stale: generated/sql/postgres/schema.sql",
        "stale: generated/sql/sqlserver/schema.sql",
    ]
    assert "notes.txt" not in out

    assert run(capsys, "generate")[0] == 0
    assert sorted(p for p in tree(project / "generated") if p.startswith("sql/")) == [
        "sql/postgres/notes.txt",
        "sql/sqlite/schema.sql",
    ]
    assert run(capsys, "check") == (0, "", "")


def test_a_target_dropped_from_the_settings_is_stale_and_removed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "generate")[0] == 0
    generated = project / "generated"
    (generated / "odata" / "README.md").write_text("mine\n")
    (generated / "pydantic" / "setup.cfg").write_text("mine\n")
    settings(project, 'targets = ["model", "sql"]\n')

    code, out, _ = run(capsys, "check")
    assert code == 1
    stale = [line for line in out.splitlines() if line.startswith("stale: ")]
    assert "stale: generated/odata/metadata.xml" in stale
    assert "stale: generated/jsonschema/contoso_project.schema.json" in stale
    assert "stale: generated/pydantic/dataverse_models/__init__.py" in stale
    assert not [line for line in stale if "README" in line or "setup.cfg" in line]

    assert run(capsys, "generate")[0] == 0
    left = tree(generated)
    assert {p.split("/")[0] for p in left} == {"model", "sql", "odata", "pydantic"}
    assert "odata/README.md" in left and "pydantic/setup.cfg" in left
    assert not any(p.startswith("jsonschema/") or p.endswith(".xml") for p in left)
    assert run(capsys, "check") == (0, "", "")


def test_a_one_off_target_or_dialect_leaves_the_other_folders_alone(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The safe reading: --target/--dialect narrow one run; what they do not name is neither
    reported nor removed, even what the settings no longer select."""
    assert run(capsys, "generate")[0] == 0
    before = tree(project / "generated")
    settings(project, 'targets = ["model", "sql"]\nsql-dialects = ["sqlite"]\n')

    assert run(capsys, "check", "--target", "model") == (0, "", "")
    assert run(capsys, "check", "--target", "sql", "--dialect", "sqlite") == (0, "", "")
    assert run(capsys, "generate", "--target", "sql", "--dialect", "sqlite")[0] == 0
    assert tree(project / "generated") == before

    code, out, _ = run(capsys, "check", "--target", "sql")  # every dialect the settings drop
    assert code == 1
    assert [line for line in out.splitlines() if line.startswith("stale")] == [
        "stale: generated/sql/postgres/schema.sql",
        "stale: generated/sql/sqlserver/schema.sql",
    ]
    assert run(capsys, "generate", "--target", "sql")[0] == 0
    assert "odata/metadata.xml" in tree(project / "generated")
    assert not (project / "generated" / "sql" / "postgres").exists()


def test_leftover_temporary_files_are_reported_and_removed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "generate", "--target", "model")[0] == 0
    model = project / "generated" / "model"
    leftover = model / ".contoso_project.yaml.k2j_x9a1.tmp"
    leftover.write_text("half a fil")
    mine = model / ".notes.tmp"
    mine.write_text("mine\n")

    code, out, _ = run(capsys, "check", "--target", "model")
    assert code == 1
    assert out == "leftover: generated/model/.contoso_project.yaml.k2j_x9a1.tmp\n"
    code, out, _ = run(capsys, "generate", "--target", "model", "-v")
    assert code == 0
    assert "removed generated/model/.contoso_project.yaml.k2j_x9a1.tmp" in out
    assert not leftover.exists() and mine.read_text() == "mine\n"
    assert run(capsys, "check", "--target", "model") == (0, "", "")


def test_check_is_silent_when_clean_and_shows_warnings_with_verbose(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = (project / "specs" / "backgroundoperation.md").read_text(encoding="utf-8")
    (project / "specs" / "backgroundoperation.md").write_text(
        page.replace("|ImeMode|", "|Wobble|", 1), encoding="utf-8"
    )
    code, _, err = run(capsys, "generate")
    assert code == 0 and "unknown property row 'Wobble'" in err
    assert run(capsys, "check") == (0, "", "")
    assert run(capsys, "check", "--no-cache") == (0, "", "")
    code, _, err = run(capsys, "check", "-v")
    assert code == 0 and "unknown property row 'Wobble'" in err


def test_stat_lists_files_and_counts_without_diffs(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "generate", "--target", "model")[0] == 0
    model = project / "generated" / "model"
    edited = model / "contoso_project.yaml"
    edited.write_text(edited.read_text().replace("max_length: 100\n", "max_length: 99\n", 1))
    (model / "ghost.yaml").write_text("a: 1\nb: 2\n")
    (model / "backgroundoperation.yaml").unlink()

    code, out, err = run(capsys, "check", "--target", "model", "--stat")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "changed: generated/model/contoso_project.yaml | +1 -1"
    assert lines[1].startswith("missing: generated/model/backgroundoperation.yaml | +")
    assert lines[2] == "stale: generated/model/ghost.yaml | +0 -2"
    added = int(lines[1].split("| +")[1].split()[0])
    assert lines[3] == f"3 files, +{added + 1} -3 lines"
    assert len(lines) == 4 and "@@" not in out
    assert "3 generated file(s) out of date" in err


def test_long_diffs_are_cut_with_a_count_of_the_rest(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "generate", "--target", "model")[0] == 0
    (project / "specs" / "backgroundoperation.md").unlink()

    code, out, _ = run(capsys, "check", "--target", "model")
    assert code == 1
    diff = out.split("\n", 1)[1]
    total = len((project / "generated/model/backgroundoperation.yaml").read_text().splitlines())
    assert len(diff.splitlines()) == 200 + 1
    assert diff.splitlines()[-1] == (
        f"[... {total + 3 - 200} more lines of the diff of "
        "generated/model/backgroundoperation.yaml not shown; --diff-lines 0 shows all, "
        "--stat a summary]"
    )
    code, out, _ = run(capsys, "check", "--target", "model", "--diff-lines", "0")
    assert len(out.splitlines()) == 1 + total + 3 and "not shown" not in out
    code, out, _ = run(capsys, "check", "--target", "model", "--diff-lines", "10")
    assert len(out.splitlines()) == 1 + 10 + 1


def test_shortened_caps_each_file_and_the_whole() -> None:
    from dvgen.textdiff import shortened

    diffs = [(name, "".join(f"{name}{i}\n" for i in range(5))) for name in "abcd"]
    lines = list(shortened(diffs, 3, 7, "hint"))
    assert lines == [
        "a0\n",
        "a1\n",
        "a2\n",
        "[... 2 more lines of the diff of a not shown; hint]\n",
        "b0\n",
        "b1\n",
        "b2\n",
        "[... 2 more lines of the diff of b not shown; hint]\n",
        "c0\n",
        "[... 4 more lines of the diff of c not shown; hint]\n",
        "[... the diffs of 1 more files (5 lines) not shown; hint]\n",
    ]
    assert "".join(shortened(diffs, 0, 0, "hint")) == "".join(d for _, d in diffs)


def test_warnings_are_silenced_by_code(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from dvgen.diagnostics import Diagnostic, Location, Severity
    from dvgen.runner import Outcome

    coded = Diagnostic(Severity.WARNING, Location("specs/a.md", 3), "odd", "row-cells")
    plain = Diagnostic(Severity.WARNING, Location("specs/a.md", 4), "plain")

    def fake(config: object, diagnostics: object, progress: object) -> Outcome:
        return Outcome(1, 0, [coded, plain])

    monkeypatch = pytest.MonkeyPatch()
    with monkeypatch.context() as patch:
        patch.setattr("dvgen.commands.run.run_generate", fake)
        assert run(capsys, "generate")[2] == (
            "specs/a.md:3: warning: odd [row-cells]\nspecs/a.md:4: warning: plain\n"
        )
        assert run(capsys, "generate", "--ignore", "row-cells")[2] == (
            "specs/a.md:4: warning: plain\n"
        )
        settings(project, 'ignore = ["row-cells"]\n')
        assert run(capsys, "generate")[2] == "specs/a.md:4: warning: plain\n"
