"""Choosing tables from a specs folder: names and globs, the closure over relationships and
lookups (both directions), rendering as if only the chosen pages were there, skipping files
that are plainly not specs, and an empty set as an error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dvgen.model import ManyToManyRelationship, ManyToManySide, Relationships, Table
from dvgen.select import closure, neighbours
from tests.conftest import run, settings

# contoso_c -> contoso_a -> contoso_b -> contoso_d (lookups), contoso_e alone.
LOOKUPS = {"contoso_a": "contoso_b", "contoso_b": "contoso_d", "contoso_c": "contoso_a"}
NAMES = ("contoso_a", "contoso_b", "contoso_c", "contoso_d", "contoso_e")


def spec(name: str) -> str:
    lookup = LOOKUPS.get(name)
    text = f"""\
logical_name: {name}
schema_name: {name}
entity_set_name: {name}s
primary_id_attribute: {name}id
columns:
  - logical_name: {name}id
    schema_name: {name}Id
    type: Uniqueidentifier
"""
    if lookup:
        text += f"""\
  - logical_name: {lookup}id
    schema_name: {lookup}Id
    type: Lookup
    targets: [{lookup}]
"""
    return text


@pytest.fixture()
def folder(workdir: Path) -> Path:
    specs = workdir / "specs"
    specs.mkdir()
    for name in NAMES:
        (specs / f"{name}.yaml").write_text(spec(name), encoding="utf-8")
    return workdir


def rendered(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "generated" / "model").iterdir())


@pytest.mark.parametrize(
    ("related", "expected"),
    [
        ("0", ["contoso_a"]),
        ("1", ["contoso_a", "contoso_b", "contoso_c"]),
        ("2", ["contoso_a", "contoso_b", "contoso_c", "contoso_d"]),
    ],
)
def test_table_with_related_takes_the_closure_both_ways(
    related: str, expected: list[str], folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "generate", "--table", "contoso_a", "--related", related)
    assert code == 0, err
    assert rendered(folder) == expected


def test_include_and_exclude_settings_take_globs(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings(folder, 'include = ["Contoso_[ab]", "contoso_e"]\nexclude = ["*_b"]\nrelated = 1')
    code, _, err = run(capsys, "generate")
    assert code == 0, err
    assert rendered(folder) == ["contoso_a", "contoso_c", "contoso_e"]
    code, _, err = run(capsys, "generate", "--table", "contoso_d")  # --table replaces include
    assert code == 0, err
    assert rendered(folder) == ["contoso_d"]  # related 1 would add b: excluded


def test_the_selection_renders_as_if_only_its_pages_were_there(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "generate", "-v", "--table", "contoso_a", "--table", "contoso_c")
    assert code == 0, err
    assert "lookup contoso_a.contoso_bid: target table 'contoso_b' is a table the selection " in err
    assert "[lookup-target-outside-set]" in err and "lookup-target-unknown" not in err
    alone = tmp_path / "alone"
    (alone / "specs").mkdir(parents=True)
    for name in ("contoso_a", "contoso_c"):
        shutil.copy(folder / "specs" / f"{name}.yaml", alone / "specs")
    code, _, err = run(
        capsys, "generate", "--specs", str(alone / "specs"), "--out", str(alone / "generated")
    )
    assert code == 0, err
    assert tree(folder / "generated") == tree(alone / "generated")
    assert "REFERENCES" in (folder / "generated/sql/postgres/schema.sql").read_text()  # c -> a


def tree(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_a_pattern_matching_nothing_is_a_warning(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "generate", "--table", "contoso_a", "--table", "contoso_zz")
    assert code == 0, err
    assert "--table: warning: 'contoso_zz' matches no table [selection-unmatched]" in err
    assert rendered(folder) == ["contoso_a"]
    settings(folder, 'exclude = ["*_archive"]')
    code, _, err = run(capsys, "generate", "--table", "contoso_a")
    assert code == 0, err
    assert err == (
        "pyproject.toml:2: warning: [tool.dvgen] exclude: '*_archive' matches no table "
        "[selection-unmatched]\n"
    )


def test_a_selection_matching_nothing_is_an_error(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "generate", "--table", "account*")
    assert (code, out) == (2, "")
    assert err.splitlines()[0] == (
        "--table: error: no table to generate from: the selection (--table account*) matches "
        "none of the 5 tables the specs define (contoso_a, contoso_b, contoso_c, contoso_d, "
        "contoso_e)"
    )
    assert not (folder / "generated").exists()
    settings(folder, 'exclude = ["contoso_*"]')
    code, _, err = run(capsys, "check")
    assert code == 2
    assert err.startswith("pyproject.toml: error: no table to generate from: the selection (all;")


def test_files_plainly_not_specs_are_skipped_with_a_note(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    specs = folder / "specs"
    (specs / "README.md").write_text(
        "# Our Dataverse specs\n\nThe whole reference, as downloaded.\n\n## Updating\n\n"
        "- run `./fetch`\n"
    )
    (specs / "NOTES.md").write_text("Remember to ask about the contoso_a table.\n")
    code, _, err = run(capsys, "generate", "-v")
    assert code == 0, err
    for name in ("NOTES.md", "README.md"):
        assert f"specs/{name}:1: info: skipped: no reference page" in err
    assert "[not-a-spec]" in err
    assert rendered(folder) == list(NAMES)


@pytest.mark.parametrize(
    "page",
    [
        "# Widget (new_widget) table/entity reference\n\nA widget.\n",
        "# Widgets\n\n## Properties\n\n| Property | Value |\n|---|---|\n| Bad | x |\n",
        "Some notes.\n\n| Property | Value |\n|---|---|\n| LogicalName | new_widget |\n",
    ],
)
def test_a_file_that_looks_like_a_page_but_is_broken_stays_an_error(
    page: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "specs" / "new_widget.md").write_text(page)
    code, _, err = run(capsys, "generate")
    assert code == 2
    assert err.startswith("specs/new_widget.md:") and ": error: " in err
    assert "not-a-spec" not in err


def test_closure_follows_many_to_many_and_stops_at_the_depth() -> None:
    side = ManyToManySide
    m2m = ManyToManyRelationship("x_y", "x_y", this_table=side("x"), other_table=side("y"))
    tables = [
        Table("x", "x", relationships=Relationships(many_to_many=(m2m,))),
        Table("y", "y"),
    ]
    graph = neighbours(tables)
    assert graph["y"] == {"x"} and graph["x"] == {"y", "x_y"}
    assert closure({"y"}, graph, 0) == {"y"}
    assert closure({"y"}, graph, 1) == {"x", "y"}
    assert closure({"y"}, graph, 2) == {"x", "y", "x_y"}
    assert closure({"y"}, graph, 2, blocked={"x"}) == {"y"}  # not through an excluded table


def test_a_setting_matching_nothing_is_reported_at_its_line(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings(folder, '# tables\nrelated = 0\ninclude = ["contoso_a", "contoso_zz"]')
    code, _, err = run(capsys, "generate")
    assert code == 0, err
    assert err == (
        "pyproject.toml:4: warning: [tool.dvgen] include: 'contoso_zz' matches no table "
        "[selection-unmatched]\n"
    )
