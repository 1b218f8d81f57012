"""Review 16: what the round's elastic-table change left inconsistent.

- ``dvgen.elastic`` said Dataverse gives an elastic table its ``statecode`` and ``statuscode``
  and left State and Status columns unchecked, where ``dvgen.elasticparts`` (the same round)
  creates an elastic table without them, as Microsoft's elastic tables have none
  (``backgroundoperation``'s and ``eventexpanderbreadcrumb``'s "StateCode" are Picklists named
  ``backgroundoperationstatecode``, ``breadcrumbstatecode``; the Copilot Studio Kit's five
  elastic tables' exports list neither) and "Create elastic tables using code" lists State and
  Status among the types "you cannot add". A spec stating one now gets ``elastic-unsupported``.
- The gate called the built-in key Dataverse creates with every elastic table, now added to a
  model dvgen wrote before, ``key-added``, breaking, because "rows a database created from the
  old DDL holds may repeat the key's values": a key over the primary key (and ``partitionid``)
  can never be repeated. A project with the Copilot Studio Kit saw five breaking changes; a key
  that holds the table's primary key is now ``key-added-with-primary``, safe.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import uuid
from pathlib import Path

import pytest

from dvgen.cli import main
from dvgen.diagnostics import Diagnostics, Location
from dvgen.elastic import UNSUPPORTED, check
from dvgen.evolve.diff import diff_sets
from dvgen.evolve.rules import RULES
from dvgen.model import AlternateKey, TableSet
from dvgen.parse.yaml_spec import parse_yaml_spec
from tests.test_elastic_columns import KEY, LOG, SENSOR

STATE = """\
  - logical_name: statecode
    type: State
    choices: [{value: 0, label: Active}]
  - logical_name: statuscode
    type: Status
    choices: [{value: 1, label: Active, state: 0}]
"""


def test_a_state_or_status_column_on_an_elastic_table_is_one_dataverse_refuses() -> None:
    diagnostics = Diagnostics()
    table = parse_yaml_spec(SENSOR + STATE, Location("specs/sensor.yaml"), diagnostics)
    assert not list(diagnostics), [str(d) for d in diagnostics]
    check([table], diagnostics)
    flagged = [d.message for d in diagnostics if d.code == UNSUPPORTED]
    assert len(flagged) == 2, flagged
    assert "'statecode'" in flagged[0] and "of type State" in flagged[0]
    assert "'statuscode'" in flagged[1] and "of type Status" in flagged[1]


def _sensor() -> TableSet:
    diagnostics = Diagnostics()
    table = parse_yaml_spec(SENSOR, Location("specs/sensor.yaml"), diagnostics)
    return TableSet((table,))


def test_the_built_in_key_of_an_elastic_table_added_to_an_older_model_is_safe() -> None:
    """The model an earlier dvgen wrote of ``table_type: Elastic`` had no key; the key now
    added holds the primary key, so no stored rows can clash under it."""
    new = _sensor()
    [table] = new.tables
    old = TableSet((dataclasses.replace(table, keys=()),))
    [change] = [c for c in diff_sets(old, new) if c.path[0] == "keys"]
    assert change.path == ("keys", KEY)
    assert change.rule == "key-added-with-primary"
    assert not change.breaking and not RULES[change.rule].breaking


def test_a_key_without_the_primary_key_added_is_still_breaking() -> None:
    new = _sensor()
    [table] = new.tables
    old = TableSet((table,))
    custom = AlternateKey("contoso_typekey", "contoso_TypeKey", columns=("contoso_sensortype",))
    newer = TableSet((dataclasses.replace(table, keys=(*table.keys, custom)),))
    [change] = [c for c in diff_sets(old, newer) if c.path[0] == "keys"]
    assert (change.rule, change.breaking) == ("key-added", True)


def test_the_migration_adding_the_built_in_key_keeps_a_databases_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Judged by SQLite: a database created from the DDL of the model an earlier dvgen wrote
    (no key) holds rows; the migration to the key over the primary key and ``partitionid``
    keeps every one, as a safe change must."""
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "contoso_log.yaml").write_text(LOG, "utf-8")
    assert main(["generate", "--specs", str(specs), "--out", str(tmp_path / "new")]) == 0
    before = tmp_path / "before"
    before.mkdir()
    written = (tmp_path / "new" / "model" / "contoso_log.yaml").read_text("utf-8")
    head, rest = written.split("\nkeys:\n")
    assert KEY in rest
    (before / "contoso_log.yaml").write_text(
        head + "\nrelationships:" + rest.split("relationships:", 1)[1]
    )
    assert main(["generate", "--specs", str(before), "--out", str(tmp_path / "old")]) == 0
    capsys.readouterr()
    argv = ["migrate", "--from", str(before), "--dialect", "sqlite"]
    assert main([*argv, "--specs", str(specs), "--out", str(tmp_path / "new")]) == 0
    migration = capsys.readouterr().out
    old_ddl = (tmp_path / "old" / "sql" / "sqlite" / "schema.sql").read_text("utf-8")
    assert KEY not in old_ddl and KEY in migration
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.executescript(old_ddl)
    ids = [str(uuid.uuid4()) for _ in range(3)]
    db.executemany("INSERT INTO contoso_log (contoso_logid) VALUES (?)", [(i,) for i in ids])
    db.executescript(migration)
    assert sorted(r[0] for r in db.execute("SELECT contoso_logid FROM contoso_log")) == sorted(ids)
