"""Faults that only a whole org generated at once shows, each reproduced by a small synthetic set.

Found by generating 385 real pages together (the 355 sweep pages, the corpus among them, and 30
Dynamics 365 Customer Engagement pages of ``ce/developer/reference/entities/`` in
MicrosoftDocs/dynamics-365-customer-engagement) and loading every output with real tools.

- A SystemRequired lookup whose relationship's Delete is RemoveLink, with the referenced table in
  the set: federatedknowledgeconfiguration's ``connectionreference`` (powerapps-docs
  ``federatedknowledgeconfiguration.md``: ``RequiredLevel|SystemRequired``, and its many-to-one
  ``connectionreference_federatedknowledgeconfiguration`` with ``Delete: `RemoveLink```). The
  column was ``NOT NULL`` and its key ``ON DELETE SET NULL``: deleting a connection reference,
  which Dataverse does (it empties the lookup), failed in PostgreSQL, SQLite and SQL Server
  alike. Alone the page shows nothing: without the referenced table there is no key.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import errors

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.model import Table, TableSet
from dvgen.parse import parse_spec
from dvgen.pipeline import generate
from tests.conftest import resolve_clean
from tests.test_sql_support import PostgresServer, postgres_unavailable, render, shared_server

PARENT = """\
logical_name: contoso_link
schema_name: contoso_Link
display_name: Link
display_collection_name: Links
primary_id_attribute: contoso_linkid
ownership_type: OrganizationOwned
columns:
  - {logical_name: contoso_linkid, schema_name: contoso_LinkId, type: Uniqueidentifier,
     display_name: Link, required_level: SystemRequired}
"""

CHILD = """\
logical_name: contoso_config
schema_name: contoso_Config
display_name: Config
display_collection_name: Configs
primary_id_attribute: contoso_configid
ownership_type: OrganizationOwned
columns:
  - {logical_name: contoso_configid, schema_name: contoso_ConfigId, type: Uniqueidentifier,
     display_name: Config, required_level: SystemRequired}
  - {logical_name: contoso_linkid, schema_name: contoso_LinkId, type: Lookup, display_name: Link,
     required_level: SystemRequired, targets: [contoso_link]}
  - {logical_name: contoso_keptid, schema_name: contoso_KeptId, type: Lookup, display_name: Kept,
     required_level: SystemRequired, targets: [contoso_link]}
relationships:
  many_to_one:
    - schema_name: contoso_link_contoso_config
      referenced_entity: contoso_link
      referenced_attribute: contoso_linkid
      referencing_entity: contoso_config
      referencing_attribute: contoso_linkid
      cascade_configuration: {assign: NoCascade, delete: RemoveLink, merge: NoCascade,
                              reparent: NoCascade, share: NoCascade, unshare: NoCascade}
    - schema_name: contoso_link_contoso_config_kept
      referenced_entity: contoso_link
      referenced_attribute: contoso_linkid
      referencing_entity: contoso_config
      referencing_attribute: contoso_keptid
      cascade_configuration: {assign: NoCascade, delete: Restrict, merge: NoCascade,
                              reparent: NoCascade, share: NoCascade, unshare: NoCascade}
"""

LINK, CONFIG = "00000000-0000-0000-0000-00000000000a", "00000000-0000-0000-0000-00000000000b"


def tables(*texts: str) -> TableSet:
    specs = []
    for n, text in enumerate(texts):
        spec, diagnostics = parse_spec(f"t{n}.yaml", text.encode())
        assert isinstance(spec, Table), [str(d) for d in diagnostics]
        specs.append(spec)
    return resolve_clean(specs)


def column_line(schema: str, table: str, column: str, quote: tuple[str, str]) -> str:
    block = schema.split(f"CREATE TABLE {table_name(table, quote)}", 1)[1].split(");", 1)[0]
    opening, closing = quote
    return next(
        line for line in block.splitlines() if line.strip().startswith(opening + column + closing)
    )


def table_name(table: str, quote: tuple[str, str]) -> str:
    opening, closing = quote
    return f"[dbo].[{table}]" if opening == "[" else f"{opening}{table}{closing}"


QUOTES = {"postgres": ('"', '"'), "sqlite": ('"', '"'), "sqlserver": ("[", "]")}


@pytest.mark.parametrize("dialect", sorted(QUOTES))
def test_a_required_lookup_a_delete_empties_takes_null_when_its_table_is_in_the_set(
    dialect: str,
) -> None:
    schema, _ = render(tables(PARENT, CHILD), dialect)
    quote = QUOTES[dialect]
    emptied = column_line(schema, "contoso_config", "contoso_linkid", quote)
    assert "NOT NULL" not in emptied
    assert "SET NULL" in schema
    # the Restrict one, and the lookup alone (no key: nothing empties it), keep NOT NULL
    assert "NOT NULL" in column_line(schema, "contoso_config", "contoso_keptid", quote)
    alone, _ = render(tables(CHILD), dialect)
    assert "NOT NULL" in column_line(alone, "contoso_config", "contoso_linkid", quote)


def rows(execute: Any) -> None:
    execute("INSERT INTO contoso_link (contoso_linkid) VALUES (%s)", (LINK,))
    execute(
        "INSERT INTO contoso_config (contoso_configid, contoso_linkid, contoso_keptid) "
        "VALUES (%s, %s, %s)",
        (CONFIG, LINK, LINK),
    )


def test_sqlite_deletes_the_referenced_row_and_empties_the_lookup() -> None:
    schema, _ = render(
        tables(PARENT, CHILD.replace("delete: Restrict", "delete: RemoveLink")), "sqlite"
    )
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA foreign_keys = ON")
    db.executescript(schema)
    rows(lambda sql, args: db.execute(sql.replace("%s", "?"), args))
    db.commit()
    db.execute("DELETE FROM contoso_link")  # was: NOT NULL constraint failed
    db.commit()
    found = db.execute("SELECT contoso_linkid, contoso_keptid FROM contoso_config").fetchall()
    assert found == [(None, None)]


@pytest.fixture(scope="module")
def postgres() -> PostgresServer:
    reason = postgres_unavailable()
    if reason is not None:
        pytest.skip(reason)
    return shared_server()


def test_postgres_deletes_the_referenced_row_and_empties_the_lookup(
    postgres: PostgresServer,
) -> None:
    """Both lookups RemoveLink: the delete goes through and empties them (it was refused:
    NOT NULL)."""
    no_cascade = CHILD.replace("delete: Restrict", "delete: RemoveLink")
    schema, _ = render(tables(PARENT, no_cascade), "postgres")
    with psycopg.connect(postgres.dsn(postgres.create_database()), autocommit=True) as conn:
        conn.execute(schema)
        rows(conn.execute)
        conn.execute("DELETE FROM contoso_link")
        found = conn.execute("SELECT contoso_linkid, contoso_keptid FROM contoso_config")
        assert found.fetchall() == [(None, None)]
        with pytest.raises(errors.NotNullViolation):  # the primary key stays NOT NULL
            conn.execute("INSERT INTO contoso_config (contoso_configid) VALUES (NULL)")


def test_a_warm_run_empties_the_lookup_when_its_table_joins_the_set(tmp_path: Path) -> None:
    """Once the parent joins the set, a warm run gives the cold run's bytes: the child's cached
    SQL block, NOT NULL, is not reused (its key changes with the new foreign key's notes, and
    with the columns a delete empties: ``targets.sql.target._source``)."""
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "contoso_config.yaml").write_text(CHILD, encoding="utf-8")
    warm = Config(specs=specs, cache=True, cache_dir=tmp_path / "cache", jobs=1)
    cold = Config(specs=specs, cache=False, jobs=1)
    generate(warm, Diagnostics())
    (specs / "contoso_link.yaml").write_text(PARENT, encoding="utf-8")
    files = generate(warm, Diagnostics()).files
    assert files == generate(cold, Diagnostics()).files
    schema = files["sql/sqlite/schema.sql"]
    assert "NOT NULL" not in column_line(
        schema, "contoso_config", "contoso_linkid", QUOTES["sqlite"]
    )
