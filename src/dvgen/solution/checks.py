"""Checks of what a solution yields that pages and YAML specs get elsewhere: names a target
cannot carry are errors, and no message quotes a megabyte of the input."""

from __future__ import annotations

import dataclasses

from dvgen.diagnostics import Diagnostic, Diagnostics, clip
from dvgen.model import ChoiceExtension, Spec, TableExtension
from dvgen.validate import LOGICAL_FIELDS, TABLE_NAMES, name_problem, validate, validate_columns

MAX_MESSAGE = 1000
"""Characters of a message beyond which its middle is cut: a message quotes values of the
input, and one of them may be megabytes long (a hand-edited file, a paste gone wrong)."""


def bounded(diagnostic: Diagnostic) -> Diagnostic:
    """``diagnostic`` with its message cut to about ``MAX_MESSAGE`` characters."""
    text = diagnostic.message
    if len(text) <= MAX_MESSAGE:
        return diagnostic
    cut = f"{text[: MAX_MESSAGE // 2]}... ({len(text)} characters) ...{text[-MAX_MESSAGE // 4 :]}"
    return dataclasses.replace(diagnostic, message=cut)


def check_names(spec: Spec, diagnostics: Diagnostics) -> None:
    """Names and numbers, as for pages and YAML specs; and a global choice's name, which
    later messages quote (``validate`` checks a choice where its columns are)."""
    validate(spec, diagnostics)
    names: list[tuple[str, str]] = []
    if isinstance(spec, ChoiceExtension):
        names.append(("Name", spec.name))
    elif isinstance(spec, TableExtension):
        # The table as the layer states it (``validate`` checks only a layer's columns),
        # whose names become the base's when no spec of the set defines it.
        shell = spec.shell
        stated = [f for f in TABLE_NAMES if f != "logical_name"]  # the spec's own, checked
        names += [(f, getattr(shell, f) or "") for f in stated if shell is not None]
        if shell is not None:  # its columns the layer neither adds nor changes: the base's then
            layered = {c.logical_name for c in spec.columns}
            layered |= {c.logical_name for c in spec.column_changes}
            validate_columns(
                [c for c in shell.columns if c.logical_name not in layered], diagnostics
            )
    if isinstance(spec, ChoiceExtension):
        what = f"global choice {clip(spec.name)!r}"
    else:
        what = f"table {clip(spec.logical_name)!r}"
    for key, value in dict.fromkeys(names):
        problem = name_problem(value, key in LOGICAL_FIELDS) if value else None
        if problem is not None:
            diagnostics.error(spec.loc, f"{what}: {key} {clip(value)!r} {problem}")
