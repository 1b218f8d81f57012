"""``check``: what differs between the rendered files and OUT (missing, changed, stale, and
temporary files left by an interrupted run), with a unified diff of each file that differs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dvgen import outfiles
from dvgen.outfiles import Owned, is_leftover
from dvgen.textdiff import text_diff


@dataclass(slots=True)
class Drift:
    missing: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    leftover: list[str] = field(default_factory=list)
    """Temporary files of an interrupted run."""
    diffs: dict[str, str] = field(default_factory=dict)
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Lines added and removed, per file with a diff."""

    @property
    def clean(self) -> bool:
        return not (self.missing or self.changed or self.stale or self.leftover)

    @property
    def total(self) -> int:
        return len(self.missing) + len(self.changed) + len(self.stale) + len(self.leftover)


def check(
    out: Path,
    files: dict[str, str],
    on_disk: set[str],
    owned: Owned = (),
    same: frozenset[str] | set[str] = frozenset(),
) -> Drift:
    """What differs between ``files`` and OUT; ``same``: files known equal
    (``outstats.still_written``)."""
    drift = Drift()
    for rel in sorted(files):
        if rel in same:
            continue
        expected = files[rel].encode("utf-8")
        actual = outfiles.read(out / rel)
        if actual is None:
            drift.missing.append(rel)
            _add_diff(drift, rel, "", files[rel], "/dev/null", rel)
        elif actual != expected:
            drift.changed.append(rel)
            current = actual.decode("utf-8", errors="replace")
            _add_diff(drift, rel, current, files[rel], rel, rel)
    for rel in sorted(on_disk - set(files)):
        if is_leftover(rel, owned):
            drift.leftover.append(rel)
            continue
        drift.stale.append(rel)
        current = (outfiles.read(out / rel) or b"").decode("utf-8", errors="replace")
        _add_diff(drift, rel, current, "", rel, "/dev/null")
    return drift


def _add_diff(drift: Drift, rel: str, current: str, expected: str, old: str, new: str) -> None:
    lines = list(
        text_diff(
            current,
            expected,
            fromfile=f"a/{old}" if old != "/dev/null" else old,
            tofile=f"b/{new}" if new != "/dev/null" else new,
        )
    )
    body = lines[2:]
    added = sum(1 for line in body if line.startswith("+"))
    removed = sum(1 for line in body if line.startswith("-"))
    drift.counts[rel] = (added, removed)
    drift.diffs[rel] = "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )
