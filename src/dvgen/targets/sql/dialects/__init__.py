"""SQL dialects, one module each: a small class of data (a type-mapping table and feature flags)
that overrides a method only where a statement's structure differs (``base.Dialect``).

Adding a dialect is adding one module here and one line to ``DIALECTS``.
"""

from __future__ import annotations

from dvgen.targets.sql.dialects.base import Dialect
from dvgen.targets.sql.dialects.postgres import Postgres
from dvgen.targets.sql.dialects.sqlite import Sqlite
from dvgen.targets.sql.dialects.sqlserver import SqlServer

DIALECTS: dict[str, type[Dialect]] = {
    "postgres": Postgres,
    "sqlite": Sqlite,
    "sqlserver": SqlServer,
}
"""Every dialect by the name settings and ``--dialect`` use, which is also its folder name."""

__all__ = ["DIALECTS", "Dialect", "Postgres", "SqlServer", "Sqlite"]
