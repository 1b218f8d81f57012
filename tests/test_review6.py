"""Edges the sixth review found in the round's changes: the cold run's turns (``claims.Claims``)
with workers started afresh (spawn, as on macOS and Windows), and a foreign key to a table whose
key is not ``<name>id`` (``keys.lookup_targets``)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dvgen import parallel_render, processes
from dvgen.config import Config, load_config
from dvgen.diagnostics import Diagnostics
from dvgen.evolve.cli import unused_acknowledgements
from dvgen.model import (
    Column,
    ColumnType,
    ManyToManyRelationship,
    ManyToManySide,
    OneToManyRelationship,
    Relationships,
    Table,
    TableSet,
)
from dvgen.pipeline import generate, select_targets
from dvgen.targets.sql.keys import lookup_targets, shared_intersect_columns
from tests.test_sql_support import render


def test_targets_are_taken_in_turns_by_a_spawned_worker(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A spawned worker gets the shared counter through the pool's initializer, pickled as the
    process starts (a multiprocessing Value may travel only then): every target is rendered
    once, by one process or the other, and the files are those of one process alone."""
    config = Config(specs=project / "specs", out=project / "out", cache=False, jobs=1)
    tables = generate(config, Diagnostics()).tables
    chosen = select_targets(config)
    expected, _, _ = parallel_render.render_targets(chosen, tables, jobs=1)
    monkeypatch.setattr(processes, "inheriting", lambda: None)
    monkeypatch.setattr(processes, "start_method", lambda platform="": "spawn")
    assert processes.context().get_start_method() == "spawn"
    files, _, timings = parallel_render.render_targets(chosen, tables, jobs=2)
    assert files == expected
    assert set(timings) == {target.name for target in chosen}


def _keyed_apart() -> TableSet:
    """usersettings, keyed by ``systemuserid`` (as Dataverse keys it), and a table whose lookup
    states no Targets but a relationship that joins it on that key."""
    settings = Table(
        "usersettings",
        "UserSettings",
        primary_id_attribute="systemuserid",
        columns=(Column("systemuserid", "SystemUserId", ColumnType.UNIQUEIDENTIFIER),),
    )
    joined = OneToManyRelationship(
        "contoso_usersettings_preference",
        referenced_entity="usersettings",
        referenced_attribute="systemuserid",
        referencing_entity="contoso_preference",
        referencing_attribute="contoso_settingsid",
    )
    preference = Table(
        "contoso_preference",
        "contoso_Preference",
        primary_id_attribute="contoso_preferenceid",
        columns=(
            Column("contoso_preferenceid", "contoso_PreferenceId", ColumnType.UNIQUEIDENTIFIER),
            Column("contoso_settingsid", "contoso_SettingsId", ColumnType.LOOKUP),
        ),
        relationships=Relationships(many_to_one=(joined,)),
    )
    return TableSet((preference, settings))


def test_a_relationship_on_the_stated_key_of_a_table_not_keyed_by_its_name_is_a_target() -> None:
    tables = _keyed_apart()
    preference = tables.get("contoso_preference")
    assert preference is not None
    lookup = preference.columns_by_name["contoso_settingsid"]
    assert lookup_targets(preference, lookup, tables) == ("usersettings",)
    assert lookup_targets(preference, lookup) == ()  # no set: only <name>id is a key
    sql, _ = render(tables, "sqlite")
    connection = sqlite3.connect(":memory:")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.executescript(sql)
    keys = connection.execute("PRAGMA foreign_key_list(contoso_preference)").fetchall()
    assert [(k[2], k[3], k[4]) for k in keys] == [
        ("usersettings", "contoso_settingsid", "systemuserid")
    ]


def _self_referencing() -> TableSet:
    """A role associated with roles: the intersect's two columns both hold a role's id."""
    ids = ("contoso_roleid", "contoso_associatedroleid")
    relationship = ManyToManyRelationship(
        "contoso_role_association",
        intersect_entity_name="contoso_roleassociation",
        this_table=ManyToManySide("contoso_role", ids[0]),
        other_table=ManyToManySide("contoso_role", ids[1]),
    )
    role = Table(
        "contoso_role",
        "contoso_Role",
        primary_id_attribute=ids[0],
        columns=(Column(ids[0], "contoso_RoleId", ColumnType.UNIQUEIDENTIFIER),),
        relationships=Relationships(many_to_many=(relationship,)),
    )
    columns = ("contoso_roleassociationid", *ids)
    association = Table(
        "contoso_roleassociation",
        "contoso_RoleAssociation",
        primary_id_attribute=columns[0],
        columns=tuple(Column(n, n, ColumnType.UNIQUEIDENTIFIER) for n in columns),
    )
    return TableSet((role, association))


def test_a_self_referencing_intersect_shares_no_column_and_keeps_both_keys() -> None:
    """Both columns of a self-referencing relationship's intersect hold the same table's ids,
    each its own side's: neither is a column of several tables (``shared_intersect_columns``),
    so each keeps its foreign key, which SQLite enforces."""
    tables = _self_referencing()
    assert shared_intersect_columns(tables) == {}
    sql, _ = render(tables, "sqlite")
    connection = sqlite3.connect(":memory:")
    connection.executescript(sql)
    keys = connection.execute("PRAGMA foreign_key_list(contoso_roleassociation)").fetchall()
    assert sorted((k[2], k[3], k[4]) for k in keys) == [
        ("contoso_role", "contoso_associatedroleid", "contoso_roleid"),
        ("contoso_role", "contoso_roleid", "contoso_roleid"),
    ]


ALLOW = """\
[tool.dvgen]
specs = "specs"

[[tool.dvgen.breaking.allow]]  # the column went with the 2026 release
table = "account"
rule = "column-removed"
reason = "no client reads it"

[[ tool.dvgen.breaking.allow ]]
table = "contact"
rule = "column-removed"
reason = "no client reads it"
"""


def test_an_unused_acknowledgement_is_named_at_its_commented_or_spaced_header(
    tmp_path: Path,
) -> None:
    """TOML allows a comment after a table header and spaces inside its brackets: each entry's
    warning still names its own line (before, neither header was found, and both said line 0)."""
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(ALLOW, encoding="utf-8")
    config = load_config(pyproject)
    warnings = unused_acknowledgements(config, [], "v1")
    assert [(d.location.line, d.code) for d in warnings] == [
        (4, "breaking-allow-unused"),
        (9, "breaking-allow-unused"),
    ]
