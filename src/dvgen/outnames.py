"""Output paths that cannot be written everywhere, and why: checked before anything is
written (``runner.check_names``), and never staged (``output.Writer``)."""

from __future__ import annotations

import os
from pathlib import Path

from dvgen.staging import TEMP_EXTRA_BYTES

NAME_MAX = 255 - TEMP_EXTRA_BYTES
"""Bytes in one file name: 255 (most file systems), less what its temporary file adds."""
PATH_MAX = 4095
"""Bytes in a whole path (Linux)."""


def name_problems(out: Path, files: dict[str, str]) -> dict[str, str]:
    """Output paths that cannot be written everywhere -> why (empty when all are fine)."""
    problems: dict[str, str] = {}
    seen: dict[str, str] = {}
    base = str(out.absolute())
    for rel in sorted(files):
        problem = name_problem(base, rel)
        other = seen.setdefault(rel.casefold(), rel)
        if not problem and other != rel:
            problem = f"differs from {other} only in case (one file where case does not count)"
        if problem:
            problems[rel] = problem
    return problems


def name_problem(base: str, rel: str) -> str:
    """Why ``rel`` cannot be written under the folder ``base`` (OUT made absolute once: a run
    checks 3,000 names under it) ("" when it can)."""
    for part in rel.split("/"):
        if part in ("", ".", ".."):
            return f"{part!r} is not a file name"
        if any(ord(c) < 32 or c == "\x7f" for c in part):
            return "a file name with a control character"
        try:
            size = len(part.encode("utf-8"))
        except UnicodeEncodeError:
            return "a file name that is not valid Unicode text"
        if size > NAME_MAX:
            return f"a file name of {size} bytes (at most {NAME_MAX})"
    size = len(base.encode("utf-8")) + len(rel.encode("utf-8")) + (not base.endswith(os.sep))
    return f"a path of {size} bytes (at most {PATH_MAX})" if size > PATH_MAX else ""
