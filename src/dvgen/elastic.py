"""What Dataverse refuses on an elastic table, said where a set holds it.

Microsoft's "Create elastic tables using code" (powerapps-docs,
``developer/data-platform/create-elastic-tables.md``) lists what an elastic table cannot have:

- columns of type Money, MultiSelectPicklist, State, Status, File or Image, and calculated,
  rollup or formula columns ("Currently you cannot add these types of columns");
- custom alternate keys: "You cannot create custom alternate keys for elastic tables", each
  being created with the one key ``KeyForNoSqlEntityWithPKPartitionId`` (its primary key and
  ``partitionid``);
- many-to-many relationships: "Dataverse currently does not support creating Many-to-Many
  relationships with elastic tables".

A spec or solution stating one describes a table Dataverse could not have made: each is a
warning (``elastic-unsupported``) at the item, and is written as stated. State and Status are
among them: Dataverse creates an elastic table without ``statecode`` and ``statuscode``
(``dvgen.elasticparts``), and no elastic table of Microsoft's has a column of either type
(``backgroundoperation``'s "StateCode" and ``eventexpanderbreadcrumb``'s are Picklists named
``backgroundoperationstatecode``, ``breadcrumbstatecode``; the Copilot Studio Kit's five elastic
tables' exports list neither).

What a table's reference page states is not checked: the page is Microsoft's description of a
table Dataverse has, made by Microsoft, not through the API the rules above are about. Its
elastic ``sharedworkspacenr`` (Dynamics 365 Field Service page of 08/21/2024, ``TableType``
``Elastic``) has a State ``statecode`` (``sharedworkspacenr_statecode``), and its powerapps-docs
page of 06/04/2024 also a Status ``statuscode``. What a solution or a hand-written spec adds to
such a table is still checked.
"""

from __future__ import annotations

from collections.abc import Iterable

from dvgen.derived import derived_kind
from dvgen.diagnostics import Diagnostics, Location
from dvgen.model import ColumnType, Table, TableType
from dvgen.parse.keys import BUILT_IN_KEY

UNSUPPORTED = "elastic-unsupported"
"""The code of the warnings below."""
REFUSED_TYPES = frozenset(
    {
        ColumnType.MONEY,
        ColumnType.MULTI_SELECT_PICKLIST,
        ColumnType.STATE,
        ColumnType.STATUS,
        ColumnType.FILE,
        ColumnType.IMAGE,
    }
)
"""Column types no elastic table can have."""


def check(tables: Iterable[Table], diagnostics: Diagnostics) -> None:
    """A warning for each column, key and many-to-many relationship of an elastic table of
    ``tables`` that Dataverse refuses on one."""
    for table in tables:
        if table.table_type == TableType.ELASTIC:
            _check(table, diagnostics)


def _check(table: Table, diagnostics: Diagnostics) -> None:
    name = table.logical_name
    for column in table.columns:
        if _paged(table, column.loc):
            continue
        what = derived_kind(column)
        if what is None and column.type in REFUSED_TYPES:
            what = f"of type {column.type.value}"
        if what is not None:
            diagnostics.warning(
                column.loc,
                f"column {column.logical_name!r} of elastic table {name!r} is {what}, "
                "which Dataverse cannot add to an elastic table",
                UNSUPPORTED,
            )
    for key in table.keys:
        if key.logical_name != BUILT_IN_KEY and not _paged(table, key.loc):
            diagnostics.warning(
                key.loc,
                f"alternate key {key.logical_name!r} of elastic table {name!r}: Dataverse "
                f"creates no custom alternate key on an elastic table (its one key is "
                f"{BUILT_IN_KEY}: its primary key and partitionid)",
                UNSUPPORTED,
            )
    for relationship in table.relationships.many_to_many:
        if _paged(table, relationship.loc):
            continue
        diagnostics.warning(
            relationship.loc,
            f"many-to-many relationship {relationship.schema_name!r} of elastic table "
            f"{name!r}: Dataverse does not support many-to-many relationships with elastic "
            "tables",
            UNSUPPORTED,
        )


def _paged(table: Table, loc: Location) -> bool:
    """Whether ``loc`` is in the reference page ``table`` was read from: an item Microsoft's
    own table has, not one a solution or a spec adds."""
    return table.page is not None and loc.path == table.loc.path
