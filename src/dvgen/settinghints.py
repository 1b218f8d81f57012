"""What a setting meant, where ``[tool.dvgen]`` names an unknown key or value: the closest
name, as the errors of a YAML spec say (``did you mean 'columns'?``)."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable

_OPTION_NAMES = {"table": "include", "tables": "include", "dialect": "sql-dialects"}
"""Keys written after a command-line option that sets another key (``--table`` sets
``include``, ``--dialect`` narrows ``sql-dialects``)."""


def meant_key(key: str, known: Iterable[str]) -> str:
    """``; did you mean 'targets'?`` for ``target``, "" when no key is close."""
    spelt = key.lower().replace("_", "-")
    meant = _OPTION_NAMES.get(spelt) or _closest(spelt, known)
    return f"; did you mean {meant!r}?" if meant else ""


def meant_value(value: str, known: Iterable[str]) -> str:
    """``; did you mean 'sql'?`` for ``SQL``, ``'postgres'`` for ``postgresql``; "" else."""
    meant = _closest(value, known)
    return f"; did you mean {meant!r}?" if meant else ""


def as_list(value: object) -> str:
    """``; write ["sql"]`` for a string where a list of strings is wanted."""
    if not isinstance(value, str) or not value.isprintable():
        return ""
    return f"; write {json.dumps([value], ensure_ascii=False)}"


def _closest(text: str, known: Iterable[str]) -> str:
    by_lower = {name.lower(): name for name in known}
    close = difflib.get_close_matches(text.lower(), list(by_lower), n=1, cutoff=0.75)
    return by_lower[close[0]] if close else ""
