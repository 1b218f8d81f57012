"""A table's alternate keys as Dataverse's ``$metadata`` declares them: the annotation
``OData.Community.Keys.V1.AlternateKeys`` on its entity type, one record per key, one
``PropertyRef`` per column whose ``Alias`` and ``Name`` are the column's Web API property (a
lookup's is ``_<name>_value``, the name a URL gives it: ``/accounts(_primarycontactid_value=...)``).
"""

from __future__ import annotations

from dvgen.diagnostics import Diagnostics, clip
from dvgen.model import Table
from dvgen.targets.odata.registry import TypeRegistry

KeyRefs = tuple[tuple[str, str], ...]
"""One alternate key: (Alias, Name) per column, in the key's order."""
LEFT_OUT = "odata-alternate-key-left-out"


def alternate_keys(
    table: Table, registry: TypeRegistry, diagnostics: Diagnostics
) -> tuple[KeyRefs, ...]:
    """The keys of ``table`` whose every column is a property of its entity type; a key with
    a column the Web API does not expose (not valid for read) cannot address a row: left out,
    with a warning."""
    found = []
    for key in table.keys:
        names = [registry.property_name(table.logical_name, column) for column in key.columns]
        if None in names or not names:
            missing = [c for c, n in zip(key.columns, names, strict=True) if n is None]
            diagnostics.warning(
                key.loc,
                f"odata: alternate key {clip(key.logical_name)!r} of table "
                f"{table.logical_name!r}: column {clip(missing[0] if missing else '')!r} is no "
                "property of its entity type: left out",
                LEFT_OUT,
            )
            continue
        found.append(tuple((name, name) for name in names if name is not None))
    return tuple(found)
