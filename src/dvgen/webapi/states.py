"""Dataverse's state model: each status reason (a Status column's option) belongs to one state
(an option of the State column), and a record holds a status reason of its own state. Every
target that checks a record checks it: SQL's table CHECK, JSON Schema's ``allOf``, pydantic's
validator (https://learn.microsoft.com/power-apps/developer/data-platform/define-custom-state-model-transitions)."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from dvgen.createdefaults import initial_state, initial_status
from dvgen.model import ColumnType, Table


@dataclass(frozen=True, slots=True)
class StateStatus:
    """Which Status values belong to which State value."""

    state: str
    status: str
    pairs: tuple[tuple[int, tuple[int, ...]], ...]
    """Each state's value, with its status reasons' values."""
    open: bool = False
    """An organisation may add status reasons (``choices = "open"``): a check refuses only a
    reason of another state (``foreign``), not one it does not know."""

    @property
    def foreign(self) -> tuple[tuple[int, tuple[int, ...]], ...]:
        """Each state with the status reasons of the other states, which a record in it never
        holds (states with none left out). A status reason in no list (one an organisation
        added, where choices are open) is not among them: Dataverse alone knows its state."""
        found = []
        for state, own in self.pairs:
            others = {value for s, values in self.pairs if s != state for value in values}
            if others - set(own):
                found.append((state, tuple(sorted(others - set(own)))))
        return tuple(found)

    def create_defaults(self, table: Table) -> dict[str, int]:
        """What a create that leaves them out stores in the State and Status columns: the
        initial state and its default status (``createdefaults``), by logical name: what
        ``create_defaults`` gives every target (the SQL DEFAULT, the JSON Schema ``default``)."""
        column = table.column(self.state)
        initial = initial_state(column) if column is not None else None
        if initial is None:
            return {}
        defaults = {self.state: initial.value}
        status = initial_status(initial, dict(self.pairs).get(initial.value, ()))
        if status is not None:
            defaults[self.status] = status
        return defaults


def state_status(table: Table, present: Container[str]) -> StateStatus | None:
    """The table's state model, when it has one State and one Status column among ``present``
    (the columns a target holds) and every status reason names its state; else None."""
    states = [c for c in table.columns if c.type is ColumnType.STATE and c.logical_name in present]
    statuses = [
        c for c in table.columns if c.type is ColumnType.STATUS and c.logical_name in present
    ]
    if len(states) != 1 or len(statuses) != 1 or not states[0].choices:
        return None
    if not statuses[0].choices or any(s.state is None for s in statuses[0].choices):
        return None
    pairs = tuple(
        (state, tuple(sorted({s.value for s in statuses[0].choices if s.state == state})))
        for state in sorted({choice.value for choice in states[0].choices})
    )
    return StateStatus(states[0].logical_name, statuses[0].logical_name, pairs)


def create_defaults(
    table: Table, present: Container[str], rule: StateStatus | None
) -> dict[str, int]:
    """What a create that leaves them out stores in the State and Status columns among
    ``present``: the state model's (``rule``, ``state_status``'s answer for them:
    ``StateStatus.create_defaults``); where none is known (a solution's shell of ``contact``
    holds its ``statecode`` and not its ``statuscode``), the State's initial state all the same,
    which Dataverse gives every new row whatever status reasons the set knows; nothing for a
    Status alone (its state is unknown)."""
    if rule is not None:
        return rule.create_defaults(table)
    states = [c for c in table.columns if c.type is ColumnType.STATE and c.logical_name in present]
    initial = initial_state(states[0]) if len(states) == 1 else None
    return {} if initial is None else {states[0].logical_name: initial.value}
