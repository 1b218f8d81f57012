"""Unified diffs of large, nearly equal files, fast.

``difflib`` compares every line with every other: minutes for a 150,000-line SQL file with a
few changes. Here the lines both files share and hold once each (in the same order) anchor
the comparison, as in patience diff; ``difflib`` then only compares the short stretches
between anchors. The output is a standard unified diff (three lines of context).

``text_diff`` diffs two texts as ``unified_diff`` diffs their lines, without splitting the
lines both texts start and end with: after one change at 1,000 tables, ``check`` diffs four
whole-set files of 8 MB each (three ``schema.sql``, ``$metadata.xml``) that differ in a few
lines, and splitting them took most of its diffing (0.2 s of 0.25 s).
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from typing import Literal

Tag = Literal["replace", "delete", "insert", "equal"]
Opcode = tuple[Tag, int, int, int, int]

BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""What ``str.splitlines`` ends a line at besides a line feed; ``lines`` ends none there."""
STEPS = (1 << 16, 1 << 12, 1 << 8, 1 << 4, 1)
"""The sizes of the pieces two texts are compared in, each within the one before that differed."""


def lines(text: str) -> list[str]:
    """The lines of ``text``, each with its line feed (the last may have none), as git, diff
    and patch count them: ``str.splitlines`` also ends a line at a U+2028 or a form feed
    (``BREAKS``), which a description may hold, and the diff then showed the line cut in two,
    the first half marked ``\\ No newline at end of file``."""
    if not any(mark in text for mark in BREAKS):
        return text.splitlines(True)
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def text_diff(old: str, new: str, fromfile: str, tofile: str, context: int = 3) -> Iterator[str]:
    """``unified_diff`` of the texts' ``lines``, the same lines, without splitting the lines
    they start and end with in common: only the ``context`` lines next to the lines that
    differ are split, and the hunks' line numbers are offset by the lines left before them
    (``_shortened``)."""
    short = _shortened(old, new, context)
    if short is None:
        return unified_diff(lines(old), lines(new), fromfile, tofile, context)
    a, b, offset = short
    return unified_diff(a, b, fromfile, tofile, context, offset)


def _shortened(old: str, new: str, context: int) -> tuple[list[str], list[str], int] | None:
    """The lines of both texts from ``context`` lines before the first that differs to
    ``context`` lines after the last, and how many lines come before them; None when the
    diff of these lines could differ from the whole texts' diff: one text's lines the start
    of the other's with lines left out after them (the whole texts' common head could go on)."""
    head = old.rfind("\n", 0, _common_start(old, new)) + 1  # the lines both start with end here
    tail = _tail_start(old, new, head)
    before = _lines_back(old, head, context)
    after = _lines_on(old, tail, context)
    moved = len(new) - len(old)
    a = lines(old[before:after])
    b = lines(new[before : after + moved])
    if after < len(old) and _common_head(a, b) >= min(len(a), len(b)):
        return None
    return a, b, old.count("\n", 0, before)


def _common_start(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` start with in common (compared in pieces: each a
    C-level comparison, not a character at a time)."""
    size = min(len(a), len(b))
    at = 0
    for step in STEPS:
        while at < size and a[at : at + step] == b[at : at + step]:
            at += step
    return min(at, size)


def _common_end(a: str, b: str, most: int) -> int:
    """How many characters ``a`` and ``b`` end with in common, at most ``most``."""
    count = 0
    for step in STEPS:
        while count < most:
            take = min(step, most - count)
            if (
                a[len(a) - count - take : len(a) - count]
                != b[len(b) - count - take : len(b) - count]
            ):
                break
            count += take
    return count


def _tail_start(old: str, new: str, head: int) -> int:
    """Where, in ``old``, the lines both texts end with in common start (at or after ``head``,
    a line's start in both): after a line feed both texts hold at that place from their end."""
    common = _common_end(old, new, min(len(old), len(new)) - head)
    start = len(old) - common
    if _line_start(old, start, head) and _line_start(new, len(new) - common, head):
        return start
    found = old.find("\n", start)
    return len(old) if found < 0 else found + 1


def _line_start(text: str, at: int, head: int) -> bool:
    """Whether a line of ``text`` starts at ``at`` (``head`` is a line's start)."""
    return at == head or text[at - 1] == "\n"


def _lines_back(text: str, start: int, count: int) -> int:
    """The start of the line ``count`` lines before the one at ``start`` (or the text's)."""
    for _ in range(count):
        if start == 0:
            break
        start = text.rfind("\n", 0, start - 1) + 1
    return start


def _lines_on(text: str, start: int, count: int) -> int:
    """The end of the ``count`` lines from ``start`` (or the text's end)."""
    for _ in range(count):
        found = text.find("\n", start)
        if found < 0:
            return len(text)
        start = found + 1
    return start


def unified_diff(
    a: Sequence[str],
    b: Sequence[str],
    fromfile: str,
    tofile: str,
    context: int = 3,
    offset: int = 0,
) -> Iterator[str]:
    """Like ``difflib.unified_diff`` (lines keep their ends), with anchored matching;
    ``offset``: the lines that come before ``a`` and ``b`` (in both), for the hunks' numbers."""
    matcher = _Anchored(a, b)
    started = False
    for group in matcher.get_grouped_opcodes(context):
        if not started:
            started = True
            yield f"--- {fromfile}\n"
            yield f"+++ {tofile}\n"
        first, last = group[0], group[-1]
        old = _range(first[1] + offset, last[2] + offset)
        new = _range(first[3] + offset, last[4] + offset)
        yield f"@@ -{old} +{new} @@\n"
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                yield from (" " + line for line in a[i1:i2])
                continue
            if tag in ("replace", "delete"):
                yield from ("-" + line for line in a[i1:i2])
            if tag in ("replace", "insert"):
                yield from ("+" + line for line in b[j1:j2])


def _range(start: int, stop: int) -> str:
    """Unified-diff range of lines ``[start, stop)``, 1-based as diff writes it."""
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


class _Anchored(difflib.SequenceMatcher):  # type: ignore[type-arg]
    def __init__(self, a: Sequence[str], b: Sequence[str]) -> None:
        # the base class only groups what ``get_opcodes`` returns: given the lines, it would
        # index every line of ``b`` first, unused (0.02 s for a 68,000-line schema.sql)
        super().__init__(None, (), (), autojunk=False)
        self.a_lines, self.b_lines = a, b

    def get_opcodes(self) -> list[Opcode]:
        a, b = self.a_lines, self.b_lines
        # the lines both files start and end with are equal as they are: only the middle,
        # usually a few lines of a large file, needs anchoring
        head = _common_head(a, b)
        tail = _common_head(a[head:][::-1], b[head:][::-1])
        a_end, b_end = len(a) - tail, len(b) - tail
        opcodes: list[Opcode] = [("equal", 0, head, 0, head)] if head else []
        i, j = head, head
        inner = _anchors(a[head:a_end], b[head:b_end])
        for ai, bj in [*((x + head, y + head) for x, y in inner), (a_end, b_end)]:
            opcodes += _between(a, b, i, ai, j, bj)
            if ai < a_end:
                opcodes.append(("equal", ai, ai + 1, bj, bj + 1))
            i, j = ai + 1, bj + 1
        if tail:
            opcodes.append(("equal", a_end, len(a), b_end, len(b)))
        return _merge(opcodes)


def _common_head(a: Sequence[str], b: Sequence[str]) -> int:
    """How many lines ``a`` and ``b`` start with in common."""
    count = 0
    for line_a, line_b in zip(a, b, strict=False):
        if line_a != line_b:
            break
        count += 1
    return count


def _anchors(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs (i, j) of lines unique in both files, the longest run in the same order."""
    count_a: dict[str, int] = {}
    for line in a:
        count_a[line] = count_a.get(line, 0) + 1
    where_b: dict[str, int] = {}
    count_b: dict[str, int] = {}
    for j, line in enumerate(b):
        count_b[line] = count_b.get(line, 0) + 1
        where_b[line] = j
    pairs = [
        (i, where_b[line])
        for i, line in enumerate(a)
        if count_a[line] == 1 and count_b.get(line) == 1
    ]
    return _longest_increasing(pairs)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (sorted by i) whose j increase too."""
    tails: list[int] = []
    tail_index: list[int] = []
    previous: list[int] = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        slot = bisect_left(tails, j)
        if slot == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[slot] = j
            tail_index[slot] = index
        previous[index] = tail_index[slot - 1] if slot else -1
    chain: list[tuple[int, int]] = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        chain.append(pairs[index])
        index = previous[index]
    return chain[::-1]


def _between(
    a: Sequence[str], b: Sequence[str], i1: int, i2: int, j1: int, j2: int
) -> list[Opcode]:
    if i1 == i2 and j1 == j2:
        return []
    matcher = difflib.SequenceMatcher(None, a[i1:i2], b[j1:j2], autojunk=False)
    return [
        (tag, x1 + i1, x2 + i1, y1 + j1, y2 + j1) for tag, x1, x2, y1, y2 in matcher.get_opcodes()
    ]


def _merge(opcodes: list[Opcode]) -> list[Opcode]:
    """Adjacent opcodes of the same tag as one."""
    merged: list[Opcode] = []
    for op in opcodes:
        if merged and merged[-1][0] == op[0] == "equal":
            tag, i1, _, j1, _ = merged[-1]
            merged[-1] = (tag, i1, op[2], j1, op[4])
        else:
            merged.append(op)
    return merged or [("equal", 0, 0, 0, 0)]


def shortened(
    diffs: list[tuple[str, str]], per_file: int, overall: int, hint: str
) -> Iterator[str]:
    """The texts of ``(name, diff)`` pairs, each cut after ``per_file`` lines and all of them
    after ``overall`` lines (0: no limit), with a line saying how many lines were left out."""
    budget = overall or None
    left_files = left_lines = 0
    for name, diff in diffs:
        split = lines(diff)
        if budget == 0:
            left_files += 1
            left_lines += len(split)
            continue
        keep = min(len(split), per_file or len(split), budget if budget is not None else len(split))
        yield from split[:keep]
        if budget is not None:
            budget -= keep
        if keep < len(split):
            yield f"[... {len(split) - keep} more lines of the diff of {name} not shown; {hint}]\n"
    if left_files:
        yield f"[... the diffs of {left_files} more files ({left_lines} lines) not shown; {hint}]\n"
