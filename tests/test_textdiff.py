"""Diffs that check prints: the real ``patch`` tool turns the old text into the new one."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest

from dvgen.textdiff import _shortened, lines, text_diff, unified_diff
from tests.conftest import ROOT


def _patched(tmp_path: Path, old: str, new: str) -> str:
    target = tmp_path / "file.txt"
    target.write_text(old, encoding="utf-8")
    diff = "".join(
        unified_diff(old.splitlines(True), new.splitlines(True), "a/file.txt", "b/file.txt")
    )
    if not diff:
        return old
    subprocess.run(
        ["patch", "--quiet", "--force", str(target)],
        input=diff.encode("utf-8"),
        check=True,
        cwd=tmp_path,
    )
    return target.read_text(encoding="utf-8")


def _mutate(lines: list[str], rng: random.Random) -> list[str]:
    out = list(lines)
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(out) + 1)
        kind = rng.choice(("insert", "delete", "replace", "duplicate"))
        if kind == "insert":
            out.insert(at, f"new line {rng.random()}\n")
        elif kind == "delete" and at < len(out):
            del out[at]
        elif kind == "replace" and at < len(out):
            out[at] = f"changed {rng.random()}\n"
        elif at < len(out):
            out.insert(at, out[at])
    return out


@pytest.mark.skipif(shutil.which("patch") is None, reason="the patch tool is not installed")
@pytest.mark.parametrize("seed", range(12))
def test_patch_applies_the_diff(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    source = (ROOT / "generated" / "sql" / "postgres" / "schema.sql").read_text(encoding="utf-8")
    lines = source.splitlines(True)
    new = "".join(_mutate(lines, rng))
    assert _patched(tmp_path, source, new) == new


def test_same_text_has_no_diff() -> None:
    lines = ["a\n", "b\n"]
    assert list(unified_diff(lines, lines, "a", "b")) == []


def test_hunk_header_matches_difflib_on_a_simple_change() -> None:
    import difflib

    a = [f"{n}\n" for n in range(20)]
    b = [*a[:10], "x\n", *a[11:]]
    assert list(unified_diff(a, b, "a", "b")) == list(difflib.unified_diff(a, b, "a", "b"))


def _whole(old: str, new: str, context: int) -> list[str]:
    return list(unified_diff(lines(old), lines(new), "a", "b", context))


def _edited(rng: random.Random, lines: list[str]) -> list[str]:
    """A few lines inserted, removed, replaced or repeated; sometimes a piece of a line."""
    out = _mutate(lines, rng)
    if out and rng.random() < 0.3:
        at = rng.randrange(len(out))
        out[at] = out[at][: rng.randrange(len(out[at]) + 1)]
    return out


@pytest.mark.parametrize("seed", range(300))
def test_text_diff_is_the_diff_of_the_whole_lines(seed: int) -> None:
    """``text_diff`` splits only the lines near the change: its diff is the whole texts'
    diff, line numbers included, whatever the change (at the start or the end, a line that
    repeats those around it, no final line feed, line breaks other than a line feed)."""
    rng = random.Random(seed)
    words = ["x\n", "y\n", "z\n", "", "\r\n", "a\rb\n", "\u2028\n"][: rng.choice((3, 4, 7))]
    lines = [rng.choice(words) or f"{n}\n" for n in range(rng.randrange(0, 40))]
    old = "".join(lines) + rng.choice(("", "end"))
    new = "".join(_edited(rng, old.splitlines(True)))
    for context in (0, 1, 3):
        assert list(text_diff(old, new, "a", "b", context)) == _whole(old, new, context)


def test_text_diff_splits_only_the_lines_near_the_change() -> None:
    old = "".join(f"line {n}\n" for n in range(100_000))
    new = old.replace("line 50000\n", "changed\n")
    short = _shortened(old, new, 3)
    assert short is not None
    a, b, offset = short
    assert (len(a), len(b), offset) == (7, 7, 49_997)
    assert list(text_diff(old, new, "a", "b")) == _whole(old, new, 3)
