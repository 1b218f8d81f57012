"""The value Dataverse stores in a column that a create leaves out.

Dataverse adds these itself, on every create (Web API, SDK, import), not only on forms: the
Create pipeline's target already holds them at PreValidation (``DefaultsAddedFlag``). A
Web API create of an account that sends only its name stores each Boolean's ``DefaultValue``
and each choice's ``DefaultFormValue``, and leaves empty the choices whose DefaultFormValue is
-1 (no default). See docs/sql.md, **Constraints**.

A State and its Status are filled too: the initial state (``initial_state``) and that state's
default status (``initial_status``), whatever DefaultFormValue their page prints; every target
takes them from the state model (``webapi.states.create_defaults``: a State's initial state
even where no status reason names its state), so the SQL DEFAULT and the JSON Schema
``default`` agree.

A calculated or formula column (``derived.derived_kind``) has none: a create cannot set it and
Dataverse stores no DefaultValue there; what a client reads is what its formula gives when the
row is retrieved. Every yes/no column of a solution states a DefaultValue (the maker's
``<AppDefaultValue>0``), the derived ones included: the CoE Starter Kit's formula column
``admin_EnvironmentDeleted``, CopilotStudioAccelerator's ``cat_IntakeCompleted``.
"""

from __future__ import annotations

from collections.abc import Sequence

from dvgen.derived import derived_kind
from dvgen.model import Choice, Column, ColumnType

NO_DEFAULT_OPTION = -1
"""DefaultFormValue -1: no option; a create that leaves the column out stores none."""

_YES_NO = frozenset({ColumnType.BOOLEAN, ColumnType.MANAGED_PROPERTY})


def create_default(column: Column, options: tuple[Choice, ...] | None = None) -> bool | int | None:
    """What a create that leaves ``column`` out stores in it: a yes/no column's
    ``DefaultValue``; a single choice's ``DefaultFormValue`` when it is one of its ``options``
    (``default_option``: the column's own unless given), or the one stated when there are none
    (never -1); otherwise None (nothing is stored), a derived column's always."""
    if derived_kind(column) is not None:
        return None
    if column.type in _YES_NO:
        return column.default_value
    if column.type is ColumnType.PICKLIST:
        return default_option(column, options)
    return None


def default_option(column: Column, options: tuple[Choice, ...] | None = None) -> int | None:
    """A choice column's DefaultFormValue (not -1), when it is one of its ``options`` (the
    column's own unless given: the JSON Schema gives a global choice's, merged over the set),
    or when there are none to hold it to: a global choice whose options no spec of the set
    lists (a solution's column of Microsoft's ``activitypointer_deliveryprioritycode``, whose
    export states ``<AppDefaultValue>1``), which Dataverse fills all the same and whose SQL
    column and JSON Schema take any integer. A value the listed options lack is a stale one
    (nothing Dataverse could store): none; nor a calculated choice's (``create_default``)."""
    value = column.default_form_value
    if value is None or value == NO_DEFAULT_OPTION or derived_kind(column) is not None:
        return None
    listed = column.choices if options is None else options
    if not listed:
        return value
    return value if any(choice.value == value for choice in listed) else None


def initial_state(state: Column) -> Choice | None:
    """The state a create that leaves the State column out starts a row in: 0 (Active, Open)
    where there is one, else the lowest; None when the column lists no state."""
    if not state.choices:
        return None
    return next((c for c in state.choices if c.value == 0), min(state.choices, key=_value))


def initial_status(state: Choice, reasons: Sequence[int]) -> int | None:
    """The status reason a row starts ``state`` with: its DefaultStatus when that is one of
    ``reasons`` (the state's own), else the first of them; None when it has none."""
    if state.default_status in reasons:
        return state.default_status
    return reasons[0] if reasons else None


def _value(choice: Choice) -> int:
    return choice.value
