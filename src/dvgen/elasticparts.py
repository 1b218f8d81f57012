"""What Dataverse creates with an elastic table beside the columns of every table.

Found in real data, not from memory:

- Microsoft's "Elastic tables for developers" (powerapps-docs, ``developer/data-platform/
  elastic-tables.md``): "All elastic tables contain a system-defined Partition Id string column
  with the schema name ``PartitionId`` and logical name ``partitionid``"; "Dataverse
  automatically creates an integer column with the name Time to live, schema name
  ``TTLInSeconds`` and logical name ``ttlinseconds``". "Create elastic tables using code"
  (``create-elastic-tables.md``): "Each elastic table is created with one alternate key",
  ``KeyForNoSqlEntityWithPKPartitionId`` over the primary key and ``partitionid``; a
  relationship's "Cascading behavior must be set to Cascade.None".
- The reference pages of Microsoft's elastic tables (powerapps-docs, ``reference/entities``;
  ``agentprompt`` and ``backgroundoperation`` in ``../shared/corpus``,
  ``msdyn_aisimulationresult``, ``eventexpanderbreadcrumb``): ``partitionid`` a String of 100,
  ``ttlinseconds`` an Integer of 1..2147483647, both RequiredLevel None and writable, with the
  descriptions below; no ``statecode``, ``statuscode``, ``timezoneruleversionnumber`` nor
  ``utcconversiontimezonecode`` (``backgroundoperation``'s "StateCode" is a Picklist of its
  own, ``backgroundoperationstatecode``); a user-owned one's ``owningbusinessunit``
  RequiredLevel None; an organization-owned one no ``organizationid``; its relationships
  (``lk_<t>_createdby``, ``owner_<t>``, ``business_unit_<t>``...) cascading nothing at all,
  Merge and RollupView included; no one-to-many relationship (no notes, no
  ``<t>_AsyncOperations``...).
- Five elastic tables of ``microsoft__Power-CAT-Copilot-Studio-Kit__CopilotStudioAccelerator``
  (``cat_AgentTranscripts``...: ``<DataProviderId>`` the elastic provider's) list the same
  columns (``PartitionId`` ``<MaxLength>100``, ``TTLInSeconds`` ``<MinValue>1``) and
  ``business_unit_<t>`` with ``<CascadeDelete>NoCascade``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from dvgen.model import AlternateKey, CascadeConfiguration, CascadeType, Column, ColumnType, Table
from dvgen.parse.keys import BUILT_IN_KEY
from dvgen.validate import INT32

PARTITION = "partitionid"
"""The column of a row's logical partition."""
_KEY_SCHEMA = "KeyForNoSqlEntityWithPKPartitionId"
_KEY_LABEL = "Entity key for NoSql Entity that contains PrimaryKey and PartitionId attributes"
NO_CASCADE = CascadeConfiguration(
    **{
        name: CascadeType.NO_CASCADE
        for name in (
            "archive",
            "assign",
            "delete",
            "merge",
            "reparent",
            "rollup_view",
            "share",
            "unshare",
        )
    }
)
"""An elastic table's relationships: every action NoCascade, as its pages state them."""


def columns() -> Iterator[Column]:
    """The partition id and time to live of an elastic table's rows."""
    yield Column(
        PARTITION,
        "PartitionId",
        ColumnType.STRING,
        display_name="Partition Id",
        description="Logical partition id. A logical partition consists of a set of records "
        "with same partition id.",
        format="Text",
        max_length=100,
    )
    yield Column(
        "ttlinseconds",
        "TTLInSeconds",
        ColumnType.INTEGER,
        display_name="Time to live",
        description="Time to live in seconds.",
        min_value=1,
        max_value=INT32[1],
    )


def with_key(table: Table) -> Table:
    """``table`` (elastic) with its built-in key over its primary key and ``partitionid``,
    unless it has a key of that name, or lacks either column."""
    have = {key.logical_name for key in table.keys}
    primary = table.primary_id_attribute
    if BUILT_IN_KEY in have or primary is None:
        return table
    if table.column(primary) is None or table.column(PARTITION) is None:
        return table
    key = AlternateKey(
        BUILT_IN_KEY,
        _KEY_SCHEMA,
        display_name=_KEY_LABEL,
        columns=(primary, PARTITION),
        loc=table.loc,
    )
    return dataclasses.replace(table, keys=(*table.keys, key))


def described(columns: Iterable[Column]) -> bool:
    """Whether ``columns`` are an elastic table's: they hold the Integer ``ttlinseconds``
    Dataverse creates with each elastic table, a name without a publisher prefix no other table
    has. Pages older than their ``TableType`` row (G0 to G1) list it on Microsoft's elastic
    tables: ``searchtelemetry`` (02/15/2023; the Web API's ``EntityDefinitions`` say
    ``Elastic``), ``sharedworkspacenr`` (06/04/2024; its Field Service page of 08/21/2024 says
    ``Elastic``), ``sharedworkspaceaccesstoken`` (06/04/2024: "Logical object partition id to
    be used by an elastic table row"); the first does not list ``partitionid``."""
    return any(c.logical_name == "ttlinseconds" and c.type is ColumnType.INTEGER for c in columns)
