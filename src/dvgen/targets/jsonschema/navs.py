"""Navigation properties in a table's JSON Schema: what a record carries under ``$expand``,
and the ``@odata.bind`` keys that set a lookup on create or update.

- a single-valued navigation property holds the related record or ``null``: a ``$ref`` to the
  other table's schema when that table is in the set, else any object (a record of a table
  the set does not describe);
- a collection-valued one holds an array of records of a table of the set (with
  ``properties = "closed"``, of any table: any objects when the set does not hold it);
- ``<single>@odata.bind`` (write only) holds the related record's URL, ``/accounts(<id>)``,
  relative or absolute, by key or alternate key; ``null`` clears the lookup.

Navigation properties are decided once for every target by ``webapi.navs``.
"""

from __future__ import annotations

import re
from typing import Any

from dvgen.model import Table, TableSet
from dvgen.webapi.entity_sets import web_api_entity_set
from dvgen.webapi.navs import ApiNavigation, expandable

Schema = dict[str, Any]
BIND = "@odata.bind"


def navigation_schemas(
    tables: TableSet, table: Table, closed: bool = False
) -> list[tuple[str, Schema]]:
    """(property name, subschema) of every navigation property, then of every bind key;
    ``closed``: collections of tables outside the set too (``webapi.navs.expandable``)."""
    navs = expandable(tables, table, closed)
    found = [(nav.name, _expanded(tables, nav)) for nav in navs]
    found += [(nav.name + BIND, _bind(tables, nav)) for nav in navs if nav.single]
    return found


def _record(tables: TableSet, target: str) -> Schema:
    if target in tables:
        return {"$ref": f"{target}.schema.json"}
    return {"type": "object"}


def _expanded(tables: TableSet, nav: ApiNavigation) -> Schema:
    record = _record(tables, nav.target)
    if nav.single:
        return {
            "description": f"The related {nav.target} record, with $expand={nav.name}.",
            "anyOf": [record, {"type": "null"}],
        }
    return {
        "description": f"The related {nav.target} records, with $expand={nav.name}.",
        "type": ["array", "null"],
        "items": record,
    }


def _bind(tables: TableSet, nav: ApiNavigation) -> Schema:
    schema: Schema = {
        "description": f"Sets the lookup to a record of {nav.target} on create or update: "
        f"its URL, /<entity set>(<key>); null clears it.",
        "type": ["string", "null"],
        "writeOnly": True,
    }
    target = tables.get(nav.target)
    entity_set = web_api_entity_set(target) if target is not None else None
    if entity_set:
        schema["pattern"] = rf"^(?:.*/)?{re.escape(entity_set)}\(.+\)$"
    return schema
