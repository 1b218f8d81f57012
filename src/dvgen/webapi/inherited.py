"""What a record of an activity carries beyond the columns its spec lists, for records closed
to undeclared members (``properties = "closed"``).

The Web API's activities (``task``, ``email``...) derive from ``activitypointer``: a task's
EntityType holds every property of ``activitypointer`` (``community``, ``senton``,
``exchangeweblink``: what ``dvgen.activityparts`` lists, which Microsoft's task EntityType
declares) and its single-valued navigation properties, each spelt as the activity's own without
the activity's name (``createdby`` beside ``createdby_task``, ``regardingobjectid_account``
beside ``regardingobjectid_account_task``): ``ownerid@odata.bind`` sets a task's owner. A
reference page lists only some of these, so a closed record takes the others by name too,
with any value (no spec types them).
"""

from __future__ import annotations

import dataclasses

from dvgen.activityparts import columns as activity_columns
from dvgen.model import Table, TableSet
from dvgen.systemparts import is_activity
from dvgen.webapi.navs import expandable
from dvgen.webapi.properties import api_properties


def inherited_members(tables: TableSet, table: Table) -> tuple[str, ...]:
    """The names a closed record of ``table`` takes beyond its own properties and navigation
    properties (``expandable(..., closed=True)``): none but for an activity."""
    if not is_activity(table):
        return ()
    navs = expandable(tables, table, True)
    declared = {p.name for p in api_properties(table)} | {n.name for n in navs}
    pointer = dataclasses.replace(table, columns=tuple(activity_columns()))
    found = {p.name for p in api_properties(pointer)}
    suffix = "_" + table.logical_name
    found |= {n.name.removesuffix(suffix) for n in navs if n.single and n.name.endswith(suffix)}
    return tuple(sorted(found - declared))
