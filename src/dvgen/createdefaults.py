"""The value Dataverse stores in a column that a create leaves out.

Dataverse adds these itself, on every create (Web API, SDK, import), not only on forms: the
Create pipeline's target already holds them at PreValidation (``DefaultsAddedFlag``). A
Web API create of an account that sends only its name stores each Boolean's ``DefaultValue``
and each choice's ``DefaultFormValue``, and leaves empty the choices whose DefaultFormValue is
-1 (no default). See docs/sql.md, **Constraints**.

A State and its Status are filled too (the initial state, its default status): the SQL plan
gives those from the state model, not from here.
"""

from __future__ import annotations

from dvgen.model import Choice, Column, ColumnType

NO_DEFAULT_OPTION = -1
"""DefaultFormValue -1: no option; a create that leaves the column out stores none."""

_YES_NO = frozenset({ColumnType.BOOLEAN, ColumnType.MANAGED_PROPERTY})


def create_default(column: Column) -> bool | int | None:
    """What a create that leaves ``column`` out stores in it: a yes/no column's
    ``DefaultValue``; a single choice's ``DefaultFormValue`` when it is one of the column's
    options, or the one stated when the column lists none (never -1: ``default_option``);
    otherwise None (nothing is stored)."""
    if column.type in _YES_NO:
        return column.default_value
    if column.type is ColumnType.PICKLIST:
        return default_option(column)
    return None


def default_option(column: Column, options: tuple[Choice, ...] | None = None) -> int | None:
    """A choice column's DefaultFormValue (not -1), when it is one of its ``options`` (the
    column's own unless given: the JSON Schema gives a global choice's, merged over the set),
    or when there are none to hold it to: a global choice whose options no spec of the set
    lists (a solution's column of Microsoft's ``activitypointer_deliveryprioritycode``, whose
    export states ``<AppDefaultValue>1``), which Dataverse fills all the same and whose SQL
    column and JSON Schema take any integer. A value the listed options lack is a stale one
    (nothing Dataverse could store): none."""
    value = column.default_form_value
    if value is None or value == NO_DEFAULT_OPTION:
        return None
    listed = column.choices if options is None else options
    if not listed:
        return value
    return value if any(choice.value == value for choice in listed) else None
