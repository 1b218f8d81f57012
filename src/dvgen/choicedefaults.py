"""A hand-written choice column's ``default_form_value`` among the options of its global
choice, when the column lists none itself (``global_choice_name`` only, the options listed by
another column of the set): Dataverse refuses a default that is no option of the choice, and
the targets would drop it silently. A column listing options is checked where it is read
(``parse.authoring``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from dvgen.diagnostics import Diagnostics
from dvgen.model import Table

NO_DEFAULT = -1
"""``default_form_value: -1``: no default (``parse.authoring``)."""


def check_global_defaults(tables: Iterable[Table], diagnostics: Diagnostics) -> None:
    """An error at each hand-written column whose default is none of its global choice's
    options, as the set lists them (every column of that choice together)."""
    tables = list(tables)
    if not any(table.hand_written for table in tables):
        return  # a set of pages and solutions: nothing to check, no option set to gather
    options: dict[str, set[int]] = defaultdict(set)
    for table in tables:
        for column in table.columns:
            if column.global_choice_name and column.choices:
                options[column.global_choice_name].update(c.value for c in column.choices)
    for table in tables:
        if not table.hand_written:
            continue
        for column in table.columns:
            default, name = column.default_form_value, column.global_choice_name
            if column.choices or name is None or default in (None, NO_DEFAULT):
                continue
            values = sorted(options.get(name, ()))
            if values and default not in values:
                listed = ", ".join(str(value) for value in values)
                diagnostics.error(
                    column.loc,
                    f"column {column.logical_name!r}: default_form_value {default} is not among "
                    f"the options of its global choice {name!r} ({listed}); write one of them, "
                    "or -1 for no default",
                )
