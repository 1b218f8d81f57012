"""The rules tying a table's status reasons to its states, as Dataverse holds them: each
status reason belongs to a state of the table's State column, and each state's default status
is one of its own reasons. Checked on a hand-written table spec (``authoring.problems``) and on
the options a customization adds (``layers``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from dvgen.dataverse_tables import ACTIVITY_KEY, CREATED_STATES
from dvgen.lookups import microsoft_name

Problem = tuple[list[str | int], str]
"""Where (a path into the spec) and what is wrong (as ``parse.authoring``'s)."""

STATELESS = "status-reason-stateless"


def stateless(name: str, value: int, states: list[int]) -> str:
    """A status reason written without its state: Dataverse holds each in one
    (``StatusOptionMetadata.State``, ``InsertStatusValueRequest.StateCode``), and without it no
    target can check a record's state and status reason together (``webapi.states`` drops the
    rule). A warning (``STATELESS``), not an error: the spec is incomplete, not wrong, and every
    output is still valid, only less strict."""
    listed = f" ({', '.join(str(state) for state in sorted(states))})" if states else ""
    return (
        f"column {name!r}: status reason {value} has no state, so no target checks a record's "
        f"state and status reason together; add state: N, N an option of the State "
        f"column{listed}"
    )


def stateless_reasons(data: dict[str, Any]) -> list[Problem]:
    """The status reasons of a table spec written without their state (``stateless``), where it
    has a State column to name them by: its own, or the one Dataverse creates with it."""
    columns = data.get("columns", [])
    states = sorted(listed_states(columns) or created_states(data))
    return [
        (
            ["columns", index, "choices", at],
            stateless(column["logical_name"], choice["value"], states),
        )
        for index, column in enumerate(columns)
        if column["type"] == "Status" and states and not microsoft_name(data["logical_name"])
        for at, choice in enumerate(column.get("choices") or [])
        if choice.get("state") is None
    ]


def listed_states(columns: list[dict[str, Any]]) -> set[int]:
    """The values of the options a spec's State column lists."""
    return {
        choice["value"]
        for column in columns
        if column["type"] == "State"
        for choice in column.get("choices") or []
    }


def created_states(data: dict[str, Any]) -> frozenset[int]:
    """The states of the State column dvgen adds to a hand-written table spec that lists none,
    as Dataverse creates it (``systemcolumns.wanted``: not opted out, a standard table with a
    primary name column); none when it adds no State column."""
    if any(column["type"] == "State" for column in data.get("columns", [])):
        return frozenset()
    if data.get("system_columns", True) is False or data.get("table_type") not in (
        None,
        "Standard",
    ):
        return frozenset()
    if data.get("primary_name_attribute") is None:
        return frozenset()
    return frozenset(CREATED_STATES[data.get("primary_id_attribute") == ACTIVITY_KEY])


def status_states(
    columns: list[dict[str, Any]], created: frozenset[int] = frozenset()
) -> Iterator[Problem]:
    """Each status reason belongs to a state of the table's State column: the spec's, or the
    one Dataverse creates with the table (``created``, ``created_states``)."""
    states = listed_states(columns)
    listed = bool(states)
    states = states or set(created)
    for index, column in enumerate(columns):
        if column["type"] != "Status" or not states:
            continue
        for at, choice in enumerate(column.get("choices") or []):
            state = choice.get("state")
            if state is not None and state not in states:
                message = foreign_state(column["logical_name"], choice["value"], state, [*states])
                if not listed:
                    message += ", the states Dataverse creates the table with; it adds no other"
                yield (["columns", index, "choices", at, "state"], message)


def foreign_state(name: str, value: int, state: int, states: list[int]) -> str:
    """A status reason naming a state the table's State column does not have: Dataverse
    refuses it (``InsertStatusValueRequest.StateCode``), and the state rules of the targets
    would name a state no record can hold."""
    listed = ", ".join(str(option) for option in sorted(states))
    return (
        f"column {name!r}: status reason {value} has state {state}, which is no option of the "
        f"State column ({listed})"
    )


def default_statuses(columns: list[dict[str, Any]]) -> Iterator[Problem]:
    """Each state's ``default_status`` is a status reason of that state: Dataverse gives a
    record entering the state that reason, so it must be one the state holds (Microsoft's own
    pages are read as published: only hand-written tables are held to it)."""
    state = next((c for c in columns if c["type"] == "State" and c.get("choices")), None)
    status = next((c for c in columns if c["type"] == "Status" and c.get("choices")), None)
    if state is None or status is None:
        return
    reasons = {choice["value"]: choice.get("state") for choice in status["choices"]}
    index = columns.index(state)
    for at, choice in enumerate(state["choices"]):
        default = choice.get("default_status")
        if default is None or (default in reasons and reasons[default] in (None, choice["value"])):
            continue  # a reason written without its state is warned of (``stateless``)
        own = sorted(value for value, of in reasons.items() if of == choice["value"])
        listed = ", ".join(str(value) for value in own) or "none"
        yield (
            ["columns", index, "choices", at, "default_status"],
            f"column {state['logical_name']!r}: state {choice['value']} has default_status "
            f"{default}, which is no status reason of that state (its reasons: {listed})",
        )
