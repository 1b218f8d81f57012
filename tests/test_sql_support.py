"""Helpers of the SQL tests (no tests here): a throwaway PostgreSQL server, rendering, and rows
built from the model alone, so that the databases, not our own code, judge the schema."""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from dvgen.diagnostics import Diagnostics, Location
from dvgen.model import (
    CascadeConfiguration,
    CascadeType,
    Choice,
    Column,
    ColumnType,
    DateTimeBehavior,
    OneToManyRelationship,
    Relationships,
    RequiredLevel,
    Table,
    TableSet,
)
from dvgen.targets.sql.keys import lookup_targets
from dvgen.targets.sql.target import plan_schema, render_schema
from dvgen.webapi.properties import lookup_companions

NAMESPACE = uuid.UUID("6f0c64c4-7d5f-4e8a-9a55-3d3cbd0f8f10")
NOT_STORED = {ColumnType.PARTY_LIST, ColumnType.CALENDAR_RULES, ColumnType.VIRTUAL}
NUMBERS = {
    ColumnType.INTEGER,
    ColumnType.BIG_INT,
    ColumnType.DECIMAL,
    ColumnType.MONEY,
    ColumnType.DOUBLE,
}
CHOICES = {ColumnType.PICKLIST, ColumnType.STATE, ColumnType.STATUS}
TEXTS = {ColumnType.STRING, ColumnType.MEMO, ColumnType.ENTITY_NAME}
INT64_MAX = 2**63 - 1


def render(tables: TableSet, dialect: str, labels: bool = False) -> tuple[str, Diagnostics]:
    diagnostics = Diagnostics()
    plan = plan_schema(tables, diagnostics, labels)
    return render_schema(plan, dialect, diagnostics), diagnostics


# --- a PostgreSQL server of our own -------------------------------------------------------


def postgres_bindir() -> Path | None:
    """The newest installed server's bin folder (Debian layout first, then PATH)."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    found = [p for p in found if (p / "initdb").is_file() and (p / "pg_ctl").is_file()]
    if found:
        return found[-1]
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb and shutil.which("pg_ctl") else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class PostgresServer:
    """initdb + pg_ctl in a temporary folder, on loopback; as the postgres user when root
    (initdb refuses to run as root)."""

    bindir: Path
    root: Path | None = None
    port: int = 0
    databases: int = 0

    def _run(self, *args: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *args], check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="dvgen-pg-"))
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
        data = self.root / "data"
        self._run(
            str(self.bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
            "-E", "UTF8", "--locale=C", "--no-sync",
        )  # fmt: skip
        log = str(self.root / "server.log")
        for attempt in range(3):  # another process may take the free port first
            self.port = _free_port()
            options = (
                f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off"
            )
            pg_ctl = str(self.bindir / "pg_ctl")
            try:
                self._run(pg_ctl, "-D", str(data), "-l", log, "-o", options, "-w", "start")
                return
            except subprocess.CalledProcessError:
                if attempt == 2:
                    raise

    def stop(self) -> None:
        if self.root is None:
            return
        with contextlib.suppress(subprocess.SubprocessError):
            self._run(
                str(self.bindir / "pg_ctl"),
                "-D",
                str(self.root / "data"),
                "-m",
                "immediate",
                "stop",
            )
        shutil.rmtree(self.root, ignore_errors=True)
        self.root = None

    def dsn(self, database: str = "postgres") -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={database}"

    def create_database(self) -> str:
        import psycopg

        self.databases += 1
        name = f"test_{self.databases}"
        with psycopg.connect(self.dsn(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return name


_SERVERS: list[PostgresServer] = []


def shared_server() -> PostgresServer:
    """The one throwaway server of a test run, started on first use and stopped at exit: each
    module importing the ``postgres`` fixture holds a fixture of its own, and all share it."""
    if not _SERVERS:
        bindir = postgres_bindir()
        assert bindir is not None
        server = PostgresServer(bindir)
        server.start()
        atexit.register(server.stop)
        _SERVERS.append(server)
    return _SERVERS[0]


def postgres_unavailable() -> str | None:
    """Why no throwaway server can run here, or None."""
    if postgres_bindir() is None:
        return "no PostgreSQL server binaries (initdb, pg_ctl): apt-get install postgresql"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root without a postgres user to run the server as"
        if shutil.which("runuser") is None:
            return "running as root without runuser to run the server as postgres"
    return None


# --- rows built from the model ------------------------------------------------------------


def row_id(table: str, n: int = 0) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{table}/{n}"))


def stored(table: Table) -> list[Column]:
    """The columns a Dataverse mirror stores: readable, and not PartyList/Virtual."""
    return [c for c in table.columns if c.valid_for_read and c.type not in NOT_STORED]


def required(table: Table, column: Column) -> bool:
    """SystemRequired: Dataverse always fills it; its lookup companions it derives."""
    if column.logical_name == table.primary_id_attribute:
        return True
    system = column.required_level is RequiredLevel.SYSTEM_REQUIRED
    return system and column.logical_name not in lookup_companions(table)


def key_target(tables: TableSet, table: Table, column: Column) -> str | None:
    """The table a column must reference: a Lookup's only target, or for an intersect table's
    column, the table of the many-to-many relationship whose id it holds (if in the set)."""
    if column.type is ColumnType.UNIQUEIDENTIFIER:
        for other in tables.tables:
            for relationship in other.relationships.many_to_many:
                side = relationship.this_table
                if (
                    relationship.intersect_entity_name == table.logical_name != other.logical_name
                    and side.logical_name == other.logical_name
                    and side.intersect_attribute == column.logical_name
                ):
                    return other.logical_name
        return None
    if column.type is not ColumnType.LOOKUP:
        return None
    targets = lookup_targets(table, column)
    if len(targets) != 1 or targets[0] not in tables:
        return None
    target = tables.get(targets[0])
    return targets[0] if target is not None and target.primary_id is not None else None


def _clamp(value: Any, column: Column) -> Any:
    if column.min_value is not None and value < column.min_value:
        value = column.min_value
    if column.max_value is not None and value > column.max_value:
        value = column.max_value
    return value


def _text(table: Table, column: Column) -> str:
    if column.type is ColumnType.ENTITY_NAME:
        base = table.logical_name
    else:
        base = f"{column.display_name or column.logical_name} \u2013 caf\u00e9 \u2713"
    return base[: column.max_length] if column.max_length else base


def _number(column: Column) -> Any:
    if column.type in (ColumnType.INTEGER, ColumnType.BIG_INT):
        return int(_clamp(42, column))
    if column.type is ColumnType.DOUBLE:
        return float(_clamp(Decimal("0.5"), column))
    places = 4 if column.type is ColumnType.MONEY else (column.precision or 0)
    value = Decimal(_clamp(Decimal("1234.5678"), column))
    return value.quantize(Decimal(1).scaleb(-min(places, 4)))


def _state_status(table: Table) -> tuple[int | None, int | None]:
    state = next((c for c in table.columns if c.type is ColumnType.STATE), None)
    status = next((c for c in table.columns if c.type is ColumnType.STATUS), None)
    value = min((c.value for c in state.choices), default=None) if state else None
    if status is None or not status.choices:
        return value, None
    fits = [c.value for c in status.choices if c.state is None or c.state == value]
    return value, min(fits or [c.value for c in status.choices])


class Values:
    """Values in one dialect's representation: PostgreSQL (psycopg) or SQLite."""

    def __init__(self, dialect: str) -> None:
        self.dialect = dialect

    def value(self, tables: TableSet, table: Table, column: Column) -> Any:
        kind = column.type
        if column.logical_name == table.primary_id_attribute:
            return row_id(table.logical_name)
        if kind.is_lookup or kind is ColumnType.UNIQUEIDENTIFIER:
            target = key_target(tables, table, column)
            return (
                row_id(target) if target else row_id(f"{table.logical_name}.{column.logical_name}")
            )
        if kind is ColumnType.FILE:
            return row_id(f"{table.logical_name}.{column.logical_name}")
        if kind in TEXTS:
            return _text(table, column)
        if kind in NUMBERS:
            number = _number(column)
            return (
                float(number)
                if self.dialect == "sqlite" and isinstance(number, Decimal)
                else number
            )
        if kind is ColumnType.DATE_TIME:
            return self.moment(column)
        if kind in (ColumnType.BOOLEAN, ColumnType.MANAGED_PROPERTY):
            return 1 if self.dialect == "sqlite" else True
        if kind in CHOICES:
            state, status = _state_status(table)
            if kind is ColumnType.STATE and state is not None:
                return state
            if kind is ColumnType.STATUS and status is not None:
                return status
            return min((c.value for c in column.choices), default=1)
        if kind is ColumnType.MULTI_SELECT_PICKLIST:
            return self.choices(sorted(c.value for c in column.choices)[:2] or [1])
        if kind is ColumnType.IMAGE:
            return b"\x89PNG\r\n\x1a\n" + bytes(range(16))
        raise AssertionError(f"no value for {kind}")  # pragma: no cover

    def choices(self, values: list[int]) -> Any:
        return ",".join(map(str, values)) if self.dialect == "sqlite" else values

    def moment(self, column: Column) -> Any:
        behavior = column.date_time_behavior
        when = datetime(2024, 5, 17, 13, 45, 30, tzinfo=UTC)
        if self.dialect == "sqlite":
            if behavior is DateTimeBehavior.DATE_ONLY:
                return "2024-05-17"
            zone = "" if behavior is DateTimeBehavior.TIME_ZONE_INDEPENDENT else "Z"
            return "2024-05-17T13:45:30" + zone
        if behavior is DateTimeBehavior.DATE_ONLY:
            return date(2024, 5, 17)
        if behavior is DateTimeBehavior.TIME_ZONE_INDEPENDENT:
            return when.replace(tzinfo=None)
        return when

    def row(self, tables: TableSet, table: Table) -> dict[str, Any]:
        """A realistic valid row: every stored column filled."""
        return {c.logical_name: self.value(tables, table, c) for c in stored(table)}


@dataclass(frozen=True)
class Breach:
    """One way to break a row: the column, the bad value, what kind of rule it breaks."""

    column: str
    value: Any
    rule: str


def breaches(tables: TableSet, table: Table, values: Values) -> Iterator[Breach]:
    """Every rule of the model that a row can break, one column at a time."""
    for column in stored(table):
        name = column.logical_name
        if required(table, column):
            yield Breach(name, None, "required")
        if column.type in NUMBERS:
            yield from _range_breaches(column, values)
        if column.type in CHOICES and column.choices:
            yield Breach(name, max(c.value for c in column.choices) + 1, "choice")
        if column.type is ColumnType.MULTI_SELECT_PICKLIST and column.choices:
            bad = [min(c.value for c in column.choices), max(c.value for c in column.choices) + 1]
            yield Breach(name, values.choices(bad), "choice")
        if column.type is ColumnType.BOOLEAN and values.dialect == "sqlite":
            yield Breach(name, 2, "choice")
        if column.type in TEXTS and column.max_length and column.max_length <= 2_000_000:
            yield Breach(name, "x" * (column.max_length + 1), "length")
        if key_target(tables, table, column):
            yield Breach(name, row_id("nowhere", 1), "foreign key")


def _range_breaches(column: Column, values: Values) -> Iterator[Breach]:
    step: Any = 1
    for bound, sign in ((column.max_value, 1), (column.min_value, -1)):
        if bound is None:
            continue
        bad = bound + sign * step
        if column.type in (ColumnType.INTEGER, ColumnType.BIG_INT):
            if abs(bad) > INT64_MAX and values.dialect == "sqlite":
                continue  # beyond what SQLite (and the Python driver) can even carry
            bad = int(bad)
        elif values.dialect == "sqlite" or column.type is ColumnType.DOUBLE:
            bad = float(bad)
        yield Breach(column.logical_name, bad, "range")
        return


# --- table sets ---------------------------------------------------------------------------

_MERGED: dict[tuple[int, int], TableSet] = {}


def merged(corpus: TableSet, seed: TableSet) -> TableSet:
    """The corpus and the repo's own specs together (contoso_project joins the real pages)."""
    key = (id(corpus), id(seed))
    if key not in _MERGED:
        from tests.conftest import resolve_clean

        extra = [t for t in seed.tables if t.logical_name not in corpus]
        _MERGED[key] = resolve_clean([*corpus.tables, *extra])
    return _MERGED[key]


HOSTILE = (
    "'); DROP TABLE x; --\n*/ /* a \\ backslash, a ' quote, a \" double quote\r\n"
    "$(sqlcmdvar)\nGO\n:r evil.sql\n\ttab, emoji \U0001f680, RLO \u202e, LS \u2028 end"
)
LONG = "contoso_" + "averyveryverylongtablename" * 3


def hostile_set() -> TableSet:
    """Reserved words as names, hostile texts everywhere, names too long for PostgreSQL."""
    from tests.conftest import resolve_clean

    def column(name: str, kind: ColumnType, **fields: Any) -> Column:
        return Column(name, name, kind, description=fields.pop("description", HOSTILE), **fields)

    labels = tuple(
        Choice(value, label)
        for value, label in enumerate(
            ("'); DROP TABLE x; --", "a\\b", "*/", "it's\nnew", "", "cr\r\x1b\u2028"), 1
        )
    )
    user = Table(
        "user",
        "User",
        description=HOSTILE,
        primary_id_attribute="userid",
        columns=(
            column(
                "userid", ColumnType.UNIQUEIDENTIFIER, required_level=RequiredLevel.SYSTEM_REQUIRED
            ),
            column("order", ColumnType.STRING, max_length=100),
            column("from", ColumnType.INTEGER, min_value=0, max_value=10),
            column("key", ColumnType.PICKLIST, choices=labels),
            column("select", ColumnType.MEMO, max_length=2000, description="plain"),
            column("xmin", ColumnType.STRING, max_length=10, description=None),
        ),
    )
    x = Table(
        "x", "x", primary_id_attribute="xid", columns=(column("xid", ColumnType.UNIQUEIDENTIFIER),)
    )
    long_a, long_b = LONG + "_first_column_id", LONG + "_second_column_id"
    relationship = OneToManyRelationship(
        "user_long",
        referenced_entity="user",
        referenced_attribute="userid",
        referencing_entity=LONG,
        referencing_attribute=long_a,
        cascade_configuration=CascadeConfiguration(delete=CascadeType.CASCADE),
    )
    long = Table(
        LONG,
        LONG,
        primary_id_attribute=LONG + "id",
        columns=(
            column(LONG + "id", ColumnType.UNIQUEIDENTIFIER),
            column(long_a, ColumnType.LOOKUP, targets=("user",)),
            column(long_b, ColumnType.LOOKUP, targets=("user",)),
        ),
        relationships=Relationships(many_to_one=(relationship,)),
    )
    return resolve_clean([user, x, long])


def nul_set() -> TableSet:
    """NUL in every kind of spec text a schema with label tables writes."""
    here = Location("nul.yaml", 3)
    choice = Column(
        "p",
        "p",
        ColumnType.PICKLIST,
        global_choice_name="g\x00",
        choices=(Choice(1, "one\x00"), Choice(2, "two\x00")),
        description="pick\x00",
        loc=here.at(4),
    )
    lookup = Column("l", "l", ColumnType.LOOKUP, targets=("a\x00", "b"), loc=here.at(5))
    table = Table(
        "t",
        "t",
        description="t\x00",
        primary_id_attribute="tid",
        columns=(Column("tid", "tid", ColumnType.UNIQUEIDENTIFIER), choice, lookup),
        loc=here,
    )
    return TableSet((table,))
