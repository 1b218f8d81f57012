"""The entity types the Web API derives tables from: ``principal`` for users and teams,
``activitypointer`` for every activity, ``crmbaseentity`` for the rest (Web API reference,
web-api-entitytypes.md). Navigation names, lookup properties and the OData document all ask
which base a table has.
"""

from __future__ import annotations

from dataclasses import dataclass

from dvgen.dataverse_tables import OWNER, OWNER_TABLES

CRM_BASE_ENTITY = "crmbaseentity"
"""The abstract root of every business entity type: no key, no properties."""


@dataclass(frozen=True, slots=True)
class KnownBase:
    """An entity type Dataverse derives some tables from; declared whenever the set needs it."""

    name: str
    key: str
    abstract: bool
    derived: frozenset[str] = frozenset()
    """Tables of this base by logical name (beside the rule in ``base_of``)."""


PRINCIPAL = KnownBase("principal", "ownerid", abstract=True, derived=frozenset(OWNER_TABLES))
ACTIVITY = KnownBase("activitypointer", "activityid", abstract=False)
KNOWN_BASES = {base.name: base for base in (PRINCIPAL, ACTIVITY)}

ENTITY_TYPE_OF = {OWNER: PRINCIPAL.name}
"""Tables the Web API exposes under another entity type: Owner lookups point at ``principal``."""


def base_of(logical_name: str, primary_id: str | None) -> str:
    """The entity type a table derives from: ``principal`` for users and teams,
    ``activitypointer`` for every activity (their primary id is ``activityid``)."""
    if logical_name in PRINCIPAL.derived:
        return PRINCIPAL.name
    if primary_id == ACTIVITY.key and logical_name != ACTIVITY.name:
        return ACTIVITY.name
    return CRM_BASE_ENTITY


def entity_type_of(logical_name: str) -> str:
    return ENTITY_TYPE_OF.get(logical_name, logical_name)
