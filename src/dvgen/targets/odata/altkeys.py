"""A table's alternate keys as Dataverse's ``$metadata`` declares them: the annotation
``OData.Community.Keys.V1.AlternateKeys`` on its entity type, one record per key, one
``PropertyRef`` per column whose ``Alias`` and ``Name`` are both the column's Web API property
(a lookup's is ``_<name>_value``, the name a URL gives it:
``/accounts(_primarycontactid_value=...)``).
"""

from __future__ import annotations

from dvgen.diagnostics import Diagnostics, clip
from dvgen.model import Table
from dvgen.targets.odata.registry import TypeRegistry
from dvgen.targets.odata.schema import KeyRefs

LEFT_OUT = "odata-alternate-key-left-out"


def alternate_keys(
    table: Table, registry: TypeRegistry, diagnostics: Diagnostics
) -> tuple[KeyRefs, ...]:
    """The keys of ``table`` whose every column is a property of its entity type; a key with
    a column the Web API does not expose (not valid for read) cannot address a row: left out,
    with a warning."""
    found = []
    for key in table.keys:
        found_names = [registry.property_name(table.logical_name, c) for c in key.columns]
        names = tuple(name for name in found_names if name is not None)
        if len(names) < len(found_names) or not names:
            missing = [c for c, n in zip(key.columns, found_names, strict=True) if n is None]
            diagnostics.warning(
                key.loc,
                f"odata: alternate key {clip(key.logical_name)!r} of table "
                f"{table.logical_name!r}: column {clip(missing[0] if missing else '')!r} is no "
                "property of its entity type: left out",
                LEFT_OUT,
            )
            continue
        found.append(names)
    return tuple(found)
