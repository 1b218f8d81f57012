"""A model's state model (``webapi.states``) as the class attribute its base validates by:
``status_reasons = StatusReasons(state=..., status=..., foreign={state: (reasons...)})``, laid
out as black lays it out (exploded by its trailing commas; a tuple too long for a line, one
reason per line)."""

from __future__ import annotations

from dvgen.escape import python_literal
from dvgen.model import Table
from dvgen.targets.pydantic.enums import LINE_LENGTH
from dvgen.targets.pydantic.fields import FieldContext
from dvgen.webapi.properties import api_properties
from dvgen.webapi.states import state_status

INDENT = "    "


def status_reasons(table: Table, fields: list[FieldContext]) -> tuple[str, ...]:
    """The lines of the table's ``status_reasons`` (indented for the class body), none when it
    has no state model; ``fields`` are those of its columns, in ``api_properties`` order."""
    props = api_properties(table)
    names = {p.column.logical_name: f.name for p, f in zip(props, fields, strict=True)}
    rule = state_status(table, names)
    if rule is None or not rule.foreign:
        return ()
    lines = [
        f"{INDENT}status_reasons = StatusReasons(",
        f"{INDENT * 2}state={python_literal(names[rule.state])},",
        f"{INDENT * 2}status={python_literal(names[rule.status])},",
        f"{INDENT * 2}foreign={{",
    ]
    for state, reasons in rule.foreign:
        lines += _member(state, reasons)
    return (*lines, f"{INDENT * 2}}},", f"{INDENT})")


def _member(state: int, reasons: tuple[int, ...]) -> list[str]:
    pad = INDENT * 3
    values = ", ".join(str(r) for r in reasons)
    line = f"{pad}{state}: ({values}{',' if len(reasons) == 1 else ''}),"
    if len(line) <= LINE_LENGTH:
        return [line]
    return [f"{pad}{state}: (", *(f"{pad}{INDENT}{r}," for r in reasons), f"{pad}),"]
