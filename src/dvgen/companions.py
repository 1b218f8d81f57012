"""The columns Dataverse creates beside an image, a file or a rollup column.

A table Dataverse creates (one written by hand, one a solution owns: ``dvgen.systemcolumns``
says which), and any table of stored rows a customization adds such a column to (a
solution's or a YAML spec's, ``dvgen.layers.table``: Microsoft's ``contact`` gets an image's
supports as a custom table does), holds, beside some of
its columns, supporting columns its definition never lists: neither a YAML spec nor a solution's
Entity.xml has them (no Entity.xml in ``../shared/solutions`` does: not the image columns of
``gmx_Expense``, ``cat_CopilotCard``, ``admin_Maker``, the file columns of ``pc_BankAccount``,
``cat_agentreviews``, nor the rollup columns of ``cat_Rubric``, ``cat_CopilotTestRun``,
``admin_Environment``). The Web API returns them with every record, so a record's model and its
SQL row lack them unless they are added here.

Found in real data, not from memory (the facets: every one a real page lists):

- An image column ``<name>``: ``<name>id`` (Uniqueidentifier), ``<name>_timestamp``
  (BigInt) and ``<name>_url`` (String, 200 characters, format Url), all read only and not
  valid for forms, with no label or description. Microsoft's "Use image column data"
  (powerapps-docs, developer/data-platform/image-column-data.md, "Download URL": ``<image
  column name>Id``, ``_Timestamp``, ``_URL``); the pages of ``account``, ``contact`` and
  ``queue`` in ``../shared/corpus`` (``entityimageid``, ``entityimage_timestamp``,
  ``entityimage_url``, in their read-only columns) and the 2024 page of the Field Service
  table ``msdyn_bookableresourcebookingquicknote`` (``msdyn_imageid``,
  ``msdyn_image_timestamp``, ``msdyn_image_url``: ImeMode Disabled, IsLocalizable False);
  the Web API's ``account`` EntityType (``../shared/validators/webapi-v9/account.yml``:
  ``entityimageid`` Edm.Guid, ``entityimage_timestamp`` Edm.Int64, ``entityimage_url``
  Edm.String, each ``isreadonly: true``).
- A file column ``<name>``: ``<name>_name``, the file's name (String, 200 characters, format
  Text), read only. "Use file column data" (file-column-data.md, "File name column": the
  schema name with ``_Name`` appended); ``activityfileattachment.md`` in ``../shared/corpus``
  (``filecontent_name``) and the Web API's ``activityfileattachment`` EntityType
  (``filecontent_name``, Edm.String, read only): unlike a lookup's ``<lookup>name``, it is a
  Web API property.
- A rollup column ``<name>`` (``SourceType`` 2, kept in its ``extra`` as a solution states it):
  ``<name>_date`` (DateTime, user local, "Last Updated time of rollup field <label>.") and
  ``<name>_state`` (Integer, "State of rollup field <label>.": 0 not calculated, 1
  calculated, 2-6 failures), read only. "Formula, calculated, and rollup columns"
  (calculated-rollup-attributes.md: "Each rollup column for a table will also include two
  supporting columns", and the rollup state values); the Sales page of ``account``
  (dynamics-365-customer-engagement, ``OpenDeals_Date``, ``OpenDeals_State``, in its read-only
  columns).

Nothing is added for a multi-select choice (the custom table page ``sample_bankaccount.md``
lists none beside ``sample_multiselectchoice``), an autonumber column (a String whose format
Dataverse fills in), or a customer lookup: its ``<lookup>name``, ``<lookup>yominame`` and
``<lookup>type`` (``sample_customeridname``, ``sample_customeridtype`` on the same page) are no
Web API properties (``contact.yml`` has ``_parentcustomerid_value`` only), as no lookup's are.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from dvgen.model import Column, ColumnType, DateTimeBehavior
from dvgen.systemparts import BIG_INT_RANGE, INT_RANGE, READ_ONLY
from dvgen.validate import MAX_NAME

ROLLUP = ("SourceType", "2")
"""How a column says it is a rollup: its ``extra`` row, as a solution's Entity.xml states it."""
_HIDDEN: dict[str, Any] = {**READ_ONLY, "valid_for_form": False}
"""What Dataverse keeps out of the maker's designer and forms: an image's or file's supports."""
_SHOWN: dict[str, Any] = {**READ_ONLY, "valid_for_form": True}
"""A rollup's supports, which a form may show (the page: IsValidForForm True)."""
_TEXT: dict[str, Any] = {"ime_mode": "Disabled", "is_localizable": False, "max_length": 200}


def companions(columns: tuple[Column, ...]) -> Iterator[Column]:
    """The supporting columns of each image, file and rollup column of ``columns``, in their
    order, each located at its column; a name over ``MAX_NAME`` (no EDM identifier is longer,
    and Dataverse's names are far shorter) is left out."""
    for column in columns:
        for companion in _of(column):
            if len(companion.logical_name) <= MAX_NAME:
                yield dataclasses.replace(companion, loc=column.loc)


def is_rollup(column: Column) -> bool:
    """Whether ``column`` is a rollup column (``SourceType`` 2), not the value of one in the
    base currency: an export marks a rollup Money column's ``<name>_base`` ``SourceType`` 2
    too (opentavu/core's ``tavu_lifetimerevenue_Base``, ``<CalculationOf>`` its rollup), but
    Dataverse keeps the rollup's date and state once, beside the rollup (Microsoft's
    ``account`` EntityType has ``openrevenue_base``, ``openrevenue_date`` and
    ``openrevenue_state``, no ``openrevenue_base_date``)."""
    if column.is_base_currency:
        return False
    return any((key, value.strip()) == ROLLUP for key, value in column.extra)


def _of(column: Column) -> Iterator[Column]:
    name, schema = column.logical_name, column.schema_name
    if column.type is ColumnType.IMAGE:
        yield Column(f"{name}id", f"{schema}Id", ColumnType.UNIQUEIDENTIFIER, **_HIDDEN)
        yield Column(
            f"{name}_timestamp",
            f"{schema}_Timestamp",
            ColumnType.BIG_INT,
            **BIG_INT_RANGE,
            **_HIDDEN,
        )
        yield Column(
            f"{name}_url",
            f"{schema}_URL",
            ColumnType.STRING,
            format="Url",
            format_name="Url",
            **_TEXT,
            **_HIDDEN,
        )
    elif column.type is ColumnType.FILE:
        yield Column(
            f"{name}_name",
            f"{schema}_Name",
            ColumnType.STRING,
            format="Text",
            format_name="Text",
            **_TEXT,
            **_HIDDEN,
        )
    if is_rollup(column):
        yield from _rollup(column)


def _rollup(column: Column) -> Iterator[Column]:
    """When a rollup was last calculated, and how that went (the account page's words)."""
    label = column.display_name or column.logical_name
    yield Column(
        f"{column.logical_name}_date",
        f"{column.schema_name}_Date",
        ColumnType.DATE_TIME,
        display_name=f"{label} (Last Updated On)",
        description=f"Last Updated time of rollup field {label}.",
        format="DateAndTime",
        date_time_behavior=DateTimeBehavior.USER_LOCAL,
        **_SHOWN,
    )
    yield Column(
        f"{column.logical_name}_state",
        f"{column.schema_name}_State",
        ColumnType.INTEGER,
        display_name=f"{label} (State)",
        description=f"State of rollup field {label}.",
        format="None",
        **INT_RANGE,
        **_SHOWN,
    )
