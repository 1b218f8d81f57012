"""PostgreSQL: the base spelling, with long text as ``text``.

In PostgreSQL ``varchar(n)`` and ``text`` are stored alike; ``varchar(n)`` only adds the length
check. A PostgreSQL user writes ``text`` for long text, so a Memo column (notes, descriptions:
Dataverse's long text, up to 1,048,576 characters) and any text longer than 4,000 characters
(SQL Server's own line between ``nvarchar(n)`` and ``nvarchar(max)``) are ``text`` with a
CHECK on ``char_length`` that keeps Dataverse's maximum; shorter Strings stay ``varchar(n)``.
"""

from __future__ import annotations

from dvgen.targets.sql.dialects.base import Dialect


class Postgres(Dialect):
    """PostgreSQL: the base spelling; Memo columns and text over 4,000 characters are
    ``text`` plus a CHECK of their length."""

    MAX_TEXT_LENGTH = 4_000
    MEMO_UNBOUNDED = True
