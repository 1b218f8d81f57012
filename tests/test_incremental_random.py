"""Random edits, in and across related specs: after each one, a warm run (the cache kept from
every run before) gives exactly what a cold run gives: the same files, the same warnings, or the
same errors.

``test_incremental`` names eight kinds of edit; this walks sequences of edits no one chose:
a table row (a column, an option, a relationship, a property) dropped, doubled or moved, a cell's
word swapped for another word of the same page, a spec removed, renamed or put back. Many leave
a spec that no longer reads (an error): the warm run must then report what the cold run reports,
and, once the edit is undone, the run after must still be right.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics, SpecError
from dvgen.pipeline import generate
from tests.conftest import needs_shared
from tests.test_incremental import corpus

Outcome = tuple[str, dict[str, str], list[str]]
ROW = re.compile(r"^\|.*\|\s*$")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]{2,}")
STEPS = 10
SEEDS = (1, 2, 3)


def outcome(config: Config) -> Outcome:
    """("ok", files, warnings), or ("error", {}, diagnostics) when a spec does not read."""
    try:
        result = generate(config, Diagnostics())
    except SpecError as error:
        return "error", {}, [str(d) for d in error.diagnostics]
    return "ok", result.files, [str(w) for w in result.warnings]


class Editor:
    """Edits a specs folder at random (one ``random.Random``, so a seed replays a walk)."""

    def __init__(self, specs: Path, seed: int) -> None:
        self.specs = specs
        self.rng = random.Random(seed)
        self.aside: list[tuple[str, bytes]] = []
        """Specs taken out, to be put back later (under their name or another)."""

    def step(self) -> str:
        kinds: list[Callable[[], str]] = [self.row_dropped, self.row_doubled, self.rows_swapped]
        kinds += [self.word_swapped] * 3
        kinds += [self.spec_removed, self.spec_renamed]
        if self.aside:
            kinds += [self.spec_back] * 2
        return self.rng.choice(kinds)()

    def _page(self) -> tuple[Path, list[str]]:
        page = self.rng.choice(sorted(self.specs.glob("*.md")))
        return page, page.read_text(encoding="utf-8").split("\n")

    def _row(self, lines: list[str]) -> int:
        rows = [i for i, line in enumerate(lines) if ROW.match(line) and "---" not in line]
        return self.rng.choice(rows)

    def _write(self, page: Path, lines: list[str], what: str) -> str:
        page.write_text("\n".join(lines), encoding="utf-8")
        return f"{page.name}: {what}"

    def row_dropped(self) -> str:
        page, lines = self._page()
        at = self._row(lines)
        dropped = lines.pop(at)
        return self._write(page, lines, f"row {at + 1} dropped: {dropped[:60]}")

    def row_doubled(self) -> str:
        page, lines = self._page()
        at = self._row(lines)
        lines.insert(at, lines[at])
        return self._write(page, lines, f"row {at + 1} doubled: {lines[at][:60]}")

    def rows_swapped(self) -> str:
        page, lines = self._page()
        at = self._row(lines)
        if at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
        return self._write(page, lines, f"rows {at + 1} and {at + 2} swapped")

    def word_swapped(self) -> str:
        """A word of a table row replaced by another word of the same page: a type, a name, a
        level, a length, a target, a label become another that the page knows."""
        page, lines = self._page()
        at = self._row(lines)
        words = WORD.findall("\n".join(lines))
        found = list(WORD.finditer(lines[at]))
        if not found or not words:
            return f"{page.name}: nothing to swap at row {at + 1}"
        old = self.rng.choice(found)
        new = self.rng.choice(words)
        lines[at] = lines[at][: old.start()] + new + lines[at][old.end() :]
        return self._write(page, lines, f"row {at + 1}: {old.group()!r} -> {new!r}")

    def spec_removed(self) -> str:
        spec = self.rng.choice(sorted(self.specs.iterdir()))
        self.aside.append((spec.name, spec.read_bytes()))
        spec.unlink()
        return f"{spec.name}: removed"

    def spec_renamed(self) -> str:
        spec = self.rng.choice(sorted(self.specs.iterdir()))
        to = f"zz{self.rng.randrange(100)}_{spec.name}"
        if (self.specs / to).exists():
            return f"{spec.name}: not renamed ({to} exists)"
        spec.rename(self.specs / to)
        return f"{spec.name}: renamed {to}"

    def spec_back(self) -> str:
        name, data = self.aside.pop(self.rng.randrange(len(self.aside)))
        if (self.specs / name).exists():
            name = f"back_{name}"
        (self.specs / name).write_bytes(data)
        return f"{name}: put back"


@needs_shared
@pytest.mark.parametrize("seed", SEEDS)
def test_a_warm_run_after_random_edits_gives_the_cold_run(tmp_path: Path, seed: int) -> None:
    specs = corpus(tmp_path)
    warm = Config(specs=specs, cache=True, cache_dir=tmp_path / "cache", jobs=1)
    cold = Config(specs=specs, cache=False, jobs=1)
    outcome(warm)
    editor = Editor(specs, seed)
    done: list[str] = []
    kinds: set[str] = set()
    for _ in range(STEPS):
        before = snapshot(specs)
        done.append(editor.step())
        kind = same(warm, cold, seed, done)
        kinds.add(kind)
        if kind == "error":
            restore(specs, before)  # the spec reads again: the next run must be right too
            done.append("undone")
            same(warm, cold, seed, done)
    assert kinds == {"ok", "error"}, kinds  # the walk met both


def same(warm: Config, cold: Config, seed: int, done: list[str]) -> str:
    """Assert the warm run's outcome is the cold run's; return its kind."""
    got, want = outcome(warm), outcome(cold)
    walk = "\n  ".join(done)
    assert got[0] == want[0], f"seed {seed}, after:\n  {walk}\n{got[2][:3]} / {want[2][:3]}"
    assert got[2] == want[2], f"seed {seed}, after:\n  {walk}"
    assert sorted(got[1]) == sorted(want[1]), f"seed {seed}, after:\n  {walk}"
    differ = [path for path in got[1] if got[1][path] != want[1][path]]
    assert not differ, f"seed {seed}, after:\n  {walk}\n{differ[:5]}"
    return got[0]


def snapshot(specs: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in specs.iterdir()}


def restore(specs: Path, files: dict[str, bytes]) -> None:
    for path in specs.iterdir():
        if path.name not in files:
            path.unlink()
    for name, data in files.items():
        (specs / name).write_bytes(data)
