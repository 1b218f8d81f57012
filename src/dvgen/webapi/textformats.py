"""The format of a String or Memo column, as both record targets annotate it.

Dataverse keeps a text column's format (``FormatName``: Email, Url, Phone, TickerSymbol,
TextArea, PhoneticGuide, VersionNumber, Json, RichText; the older ``Format`` beside it) to tell
its apps which control to show, and validates no value against it: "the applied formats do
not validate context, domains, or any other values. They instruct the UI, which control to use
for that type" (powerapps-docs, developer/data-platform/data-type-format-conversions.md). Even
the email address validation of model-driven apps "shows validation issues but won't block
users from saving their record" (maker/data-platform/data-validation-email-column.md), and
Microsoft's ``$metadata`` declares every such column a bare ``Edm.String``. So a record
target tells a client the format (``x-dataverse-format``) and refuses nothing for it: a
``"format": "email"`` would refuse ``"not-an-email"``, which Dataverse holds.

``FormatName`` is the one Dataverse reads first ("On Create ... the FormatName value is
considered first", format-and-formatname-columns.md) and the more precise (a Phone column's
``Format`` is Text): it wins over ``format``. Plain Text, the default, is not annotated; nor is
a value that is no format of the column's type (the parsers warn of it).
"""

from __future__ import annotations

from dvgen.model import Column, ColumnType
from dvgen.parse.authoring import FORMATS

PLAIN = "Text"
"""The default format of a text column: nothing to tell."""
_TEXT_TYPES = (ColumnType.STRING, ColumnType.MEMO)


def text_format(column: Column) -> str | None:
    """The column's FormatName (else its Format) when it is a String or Memo's and not Text."""
    if column.type not in _TEXT_TYPES:
        return None
    known = FORMATS[column.type.value]
    for value in (column.format_name, column.format):
        if value in known:
            return None if value == PLAIN else value
    return None
