"""SQLite: STRICT tables of INTEGER, REAL, TEXT and BLOB, so CHECK constraints hold what other
databases' types hold (uuids, dates, booleans, Integer's 32 bits); descriptions as ``--`` lines
in the CREATE TABLE text, which SQLite keeps in ``sqlite_schema``."""

from __future__ import annotations

from typing import ClassVar

from dvgen import escape
from dvgen.targets.sql.dialects.base import Dialect, TextChoices
from dvgen.targets.sql.names import NameRules
from dvgen.targets.sql.plan import SqlKind


class Sqlite(TextChoices):
    name = "sqlite"
    title = "SQLite"
    usage = "sqlite3 -bail database.db < schema.sql (SQLite 3.37 or later: STRICT tables)"
    migrate_usage = "sqlite3 -bail database.db < migrate.sql"
    TYPE_MAPPING: ClassVar[dict[SqlKind, str]] = {
        **Dialect.TYPE_MAPPING,
        SqlKind.UUID: "TEXT",
        SqlKind.TEXT: "TEXT",
        SqlKind.INT32: "INTEGER",
        SqlKind.INT64: "INTEGER",
        SqlKind.DECIMAL: "REAL",
        SqlKind.MONEY: "REAL",
        SqlKind.DOUBLE: "REAL",
        SqlKind.DATE: "TEXT",
        SqlKind.TIMESTAMP: "TEXT",
        SqlKind.TIMESTAMP_TZ: "TEXT",
        SqlKind.BOOLEAN: "INTEGER",
        SqlKind.CHOICE: "INTEGER",
        SqlKind.CHOICES: "TEXT",
        SqlKind.BINARY: "BLOB",
    }
    TEXT_UNBOUNDED = "TEXT"
    MAX_TEXT_LENGTH = 0
    NAME_RULES = NameRules(case_insensitive=True, reserved_prefixes=("sqlite_",))
    RESERVED_COLUMNS = frozenset()
    TRUE = "1"
    FALSE = "0"
    NEW_UUID = (
        "(lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || "
        "substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || "
        "substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))))"
    )
    INLINE_COMMENTS = True
    INLINE_FOREIGN_KEYS = True
    TABLE_OPTIONS = " STRICT"
    PREAMBLE = ("PRAGMA foreign_keys = ON;",)
    LENGTH_CHECK = "length({column}) <= {length}"
    BINARY_LENGTH_CHECK = "length({column}) <= {length}"
    INT32_CHECKED = True
    _TIMESTAMP = (
        "{column} IS NULL OR {column} GLOB "
        "'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9][T ][0-2][0-9]:[0-5][0-9]*' "
        "AND julianday({column}) IS NOT NULL AND {column} >= '1753'"
    )
    FORMAT_CHECKS: ClassVar[dict[SqlKind, str]] = {
        SqlKind.UUID: (
            "{column} GLOB '????????-????-????-????-????????????' "
            "AND {column} NOT GLOB '*[^0-9a-f-]*'"
        ),
        SqlKind.DATE: "date({column}, '+0 days') IS {column} AND {column} >= '1753'",
        SqlKind.TIMESTAMP: _TIMESTAMP,
        SqlKind.TIMESTAMP_TZ: _TIMESTAMP,
        SqlKind.BOOLEAN: "{column} IN (0, 1)",
    }

    def quote(self, text: str) -> str:
        return escape.sqlite_string(text)
