"""The single-valued navigation property Dataverse's metadata API gives a lookup an
organisation adds (a solution's own table, or a customization of Microsoft's), where the
definition states none: one rule for the unpacked solutions (``dvgen.solution.lookups``) and
the YAML customizations (``dvgen.layers.relationships``).

- the lookup's SchemaName (``new_CustomerId``: ``new_CustomerId@odata.bind``);
- on an activity, followed by the activity's SchemaName: Microsoft's ``email`` EntityType has
  ``ReceivingMailboxId_Email`` and ``CorrelatedActivityId_Email``, opentavu/core's custom
  activity ``tavu_Meeting`` has ``tavu_Opportunity_tavu_Meeting``;
- for a Customer lookup or one with several targets, followed by the table each relationship
  references: ``new_CheckedoutItem_new_book`` (Microsoft's multi-table lookup article),
  ``cr08f_Client_account``; on an activity after the activity's name, as Omnichannel's
  activity ``msdyn_ocliveworkitem`` has ``msdyn_customer_msdyn_ocliveworkitem_account`` and
  ``msdyn_customer_msdyn_ocliveworkitem_contact`` for its Customer column ``msdyn_customer``
  (its reference page; ``msdyn_customer_msdyn_ocliveworkitem_contact@odata.bind`` in the code
  that binds it). A Regarding lookup, which an activity inherits from ``activitypointer``, is
  ``regardingobjectid_<table>_<activity>`` instead, and Dataverse names it itself.
"""

from __future__ import annotations

from dvgen import systemparts
from dvgen.model import Column, ColumnType, Table

MADE_KINDS = (ColumnType.LOOKUP, ColumnType.CUSTOMER)
"""The kinds of lookup an organisation adds whose navigation property these rules name."""


def made_navigation(lookup: Column, table: Table, target: str | None) -> str | None:
    """The name of the navigation property of ``lookup`` (a Lookup or Customer column) of
    ``table`` to ``target``; None where a lookup to several tables (a Customer lookup, or one
    with several targets) has no target to name."""
    name = lookup.schema_name
    if systemparts.is_activity(table):
        name = f"{name}_{table.schema_name}"
    if lookup.type is ColumnType.CUSTOMER or len(lookup.targets) > 1:
        if not target:
            return None
        name = f"{name}_{target}"
    return name
