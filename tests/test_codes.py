"""Every warning and note has a code from one list, and the README's table lists them all."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from dvgen.codes import CODES, unknown_code

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "src" / "dvgen").rglob("*.py"))
REPORTERS = {"warning", "info", "warn"}


def _constants(trees: list[ast.Module]) -> dict[str, str]:
    """Module-level ``NAME = "text"`` of every module (codes kept in constants)."""
    found: dict[str, str] = {}
    for tree in trees:
        for node in tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                for target in node.targets:
                    if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                        found[target.id] = node.value.value
    return found


def _used_codes() -> dict[str, list[str]]:
    """Code -> the calls that report it; a call whose code is not a plain text is ``?``."""
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in SOURCES}
    everywhere = _constants(list(trees.values()))  # for a constant imported from elsewhere
    used: dict[str, list[str]] = {}
    for path, tree in trees.items():
        constants = everywhere | _constants([tree])  # the module's own win
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in REPORTERS
            ):
                continue
            arg = next((k.value for k in node.keywords if k.arg == "code"), None)
            if arg is None and node.args:
                arg = node.args[-1]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                code = arg.value
            elif isinstance(arg, ast.Name) and arg.id in constants:
                code = constants[arg.id]
            elif isinstance(arg, ast.Name) and arg.id == "code":
                continue  # a helper passing its own parameter on
            else:
                code = "?"
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            used.setdefault(code, []).append(where)
    return used


def test_every_warning_and_note_has_a_listed_code() -> None:
    used = _used_codes()
    assert "?" not in used, f"a code that is not a text or constant: {used['?']}"
    unlisted = {code: places for code, places in used.items() if code not in CODES}
    assert not unlisted, f"codes missing from dvgen.codes.CODES: {unlisted}"


def test_every_listed_code_is_used() -> None:
    assert sorted(set(CODES) - set(_used_codes())) == []


def test_the_readme_lists_every_code_with_its_meaning() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Warning codes", 1)[1].split("\n#", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    listed = {row.split("`")[1]: row.split("|")[2].strip() for row in rows}
    assert listed == CODES


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("row-cells", None),
        (
            "lookup-target-unkown",
            "unknown warning code 'lookup-target-unkown'; did you mean 'lookup-target-unknown'? "
            "(the codes: dvgen's README, 'Warning codes')",
        ),
        ("zzz", "unknown warning code 'zzz' (the codes: dvgen's README, 'Warning codes')"),
    ],
)
def test_unknown_codes_are_named_with_the_closest(code: str, problem: str | None) -> None:
    assert unknown_code(code) == problem
