"""PostgreSQL: the base spelling as it is."""

from __future__ import annotations

from dvgen.targets.sql.dialects.base import Dialect


class Postgres(Dialect):
    """PostgreSQL: the base spelling as it is."""
