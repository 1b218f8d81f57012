"""SQL Server's one cascade path (error 1785): which keys give way, checked on the emitted DDL.

SQL Server refuses a foreign key whose ON DELETE action (CASCADE, SET NULL) lets a DELETE's
cascading actions reach a table twice (Microsoft's page of error 1785: "a table cannot appear
more than one time in a list of all the cascading referential actions"), a cycle included.
dvgen makes such keys NO ACTION, which acts as Dataverse's Restrict ("Prevent the Referenced
table record from being deleted when referencing tables exist": MicrosoftDocs/powerapps-docs,
developer/data-platform/configure-entity-relationship-cascading-behavior.md). It kept the first
keys in order, so round 63's pages (msdyn_sequencetarget's RemoveLink lookup to a step, the
step's parental Cascade lookup to its target) lost the Cascade key: a replica refused deleting
any target that has steps. Cascade keys are now kept before RemoveLink ones.

The SQL Server DDL is read back with sqlglot's T-SQL parser, its cascade graph built, and SQL
Server's rule simulated independently of dvgen's code (counting paths): no cycle, no second
path, every degraded key needed (restoring it breaks the rule), and no Cascade key degraded
that the kept Cascade keys alone would allow.
"""

from __future__ import annotations

import dataclasses
import random
import re
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
import sqlglot
from sqlglot import exp

from dvgen.cli import main
from dvgen.diagnostics import Location
from dvgen.targets.sql.cascades import refused
from dvgen.targets.sql.dialects import DIALECTS
from dvgen.targets.sql.dialects.sqlserver import SqlServer
from dvgen.targets.sql.keys import ForeignKeyPlan, OnDelete
from tests.conftest import CORPUS, NO_SHARED, SHARED
from tests.test_parse_unseen63 import PAGES

CASCADING = ("CASCADE", "SET NULL")
Edge = tuple[str, str, str, str]
"""(referencing table, its column, referenced table, ON DELETE action)."""


def key(table: str, target: str, action: OnDelete = OnDelete.CASCADE, n: int = 0) -> ForeignKeyPlan:
    column = f"{target}id{n or ''}"
    return ForeignKeyPlan(table, column, target, f"{target}id", action, None, Location("x"))


SET_NULL = OnDelete.SET_NULL


# --- the rule, on small graphs ----------------------------------------------------------------


def test_a_cascade_is_kept_before_the_remove_link_of_its_cycle() -> None:
    """b -> a Cascade (parental), a -> b RemoveLink: in either order the RemoveLink key goes."""
    parental, link = key("b", "a"), key("a", "b", SET_NULL)
    server = SqlServer()
    assert server.cascade_conflicts([link, parental]) == {link}
    assert server.cascade_conflicts([parental, link]) == {link}


def test_a_cascade_is_kept_before_a_remove_link_opening_a_second_path() -> None:
    """a -> b -> c by Cascade, a -> c by RemoveLink listed first: the RemoveLink key goes."""
    shortcut = key("c", "a", SET_NULL)
    keys = [shortcut, key("b", "a"), key("c", "b")]
    assert SqlServer().cascade_conflicts(keys) == {shortcut}


def test_keys_of_one_action_keep_their_order_and_restrict_is_never_degraded() -> None:
    cycle = [key("b", "a", SET_NULL), key("a", "b", SET_NULL)]
    assert SqlServer().cascade_conflicts(cycle) == {cycle[1]}
    restrict = [key("b", "a"), key("a", "b", OnDelete.RESTRICT), key("c", "a", OnDelete.NO_ACTION)]
    assert SqlServer().cascade_conflicts(restrict) == set()
    for name in ("postgres", "sqlite"):
        assert DIALECTS[name]().cascade_conflicts(cycle) == set()


def test_the_rule_is_the_dialects_data() -> None:
    assert SqlServer.ONE_CASCADE_PATH == (OnDelete.CASCADE, OnDelete.SET_NULL)
    assert DIALECTS["postgres"].ONE_CASCADE_PATH == ()
    links_first = [key("a", "b", SET_NULL), key("b", "a")]
    assert refused(links_first, (OnDelete.SET_NULL, OnDelete.CASCADE)) == {links_first[1]}


def test_random_graphs_keep_one_path_and_degrade_only_what_is_needed() -> None:
    """Independent of ``refused``'s search: paths are counted from every table."""
    rng = random.Random(1785)
    tables = "abcdef"
    server = SqlServer()
    for _ in range(400):
        keys = [
            key(rng.choice(tables), rng.choice(tables), rng.choice(list(OnDelete)), n)
            for n in range(rng.randint(1, 9))
        ]
        degraded = server.cascade_conflicts(keys)
        assert degraded == server.cascade_conflicts(list(keys))  # deterministic
        edges = [_edge(k) for k in keys]
        kept = [_edge(k) for k in keys if k not in degraded]
        _check_degraded(edges, kept, [_edge(k) for k in degraded])


def _edge(plan: ForeignKeyPlan) -> Edge:
    return plan.table, plan.column, plan.target, str(plan.on_delete)


# --- SQL Server's rule, simulated -------------------------------------------------------------


def one_path_at_most(edges: list[Edge]) -> bool:
    """Whether a DELETE of any table reaches every table once at most, itself never: SQL
    Server's rule for the cascading keys (CASCADE, SET NULL) of ``edges``."""
    graph: dict[str, list[str]] = {}
    for table, _, target, action in edges:
        if action in CASCADING:
            graph.setdefault(target, []).append(table)

    def reached(node: str, trail: frozenset[str], counts: Counter[str]) -> bool:
        for child in graph.get(node, []):
            counts[child] += 1
            if child in trail or counts[child] > 1:
                return False
            if not reached(child, trail | {child}, counts):
                return False
        return True

    return all(reached(start, frozenset({start}), Counter()) for start in graph)


def _check_degraded(edges: list[Edge], kept: list[Edge], degraded: list[Edge]) -> None:
    """``kept`` (the keys as emitted) keeps SQL Server's rule; each of ``degraded`` (emitted NO
    ACTION, CASCADE or SET NULL in Dataverse) is needed: restored, the rule breaks; and a
    degraded Cascade key breaks it with the kept Cascade keys alone (no RemoveLink key
    degraded instead could have kept it)."""
    assert one_path_at_most(kept)
    assert len(kept) + len(degraded) == len(edges)
    cascades = [e for e in kept if e[3] == "CASCADE"]
    for edge in degraded:
        assert edge[3] in CASCADING
        assert not one_path_at_most([*kept, edge]), f"{edge} degraded though not needed"
        if edge[3] == "CASCADE":
            assert not one_path_at_most([*cascades, edge]), f"{edge}: a RemoveLink key kept"


# --- the emitted DDL ----------------------------------------------------------------------


def _foreign_keys(text: str, dialect: str) -> dict[tuple[str, str], tuple[str, str]]:
    """(table, column) -> (referenced table, ON DELETE action) of each ALTER TABLE ... FOREIGN
    KEY, read by sqlglot."""
    found: dict[tuple[str, str], tuple[str, str]] = {}
    for statement in sqlglot.parse(text, read=dialect, error_level=sqlglot.ErrorLevel.RAISE):
        if not isinstance(statement, exp.Alter):
            continue
        for foreign in statement.find_all(exp.ForeignKey):
            reference = foreign.args["reference"]
            options = " ".join(str(o) for o in reference.args.get("options") or [])
            match = re.search(r"ON DELETE (CASCADE|SET NULL|NO ACTION|RESTRICT)", options)
            assert match, options
            (column,) = foreign.expressions
            target = reference.this.this.name
            found[(statement.this.name, column.name)] = (target, match.group(1))
    return found


def check_emitted(out: Path) -> tuple[list[Edge], list[Edge]]:
    """The SQL Server keys of a generated schema against the PostgreSQL ones (Dataverse's
    actions, every one kept): returns the kept cascading keys and the degraded ones."""
    server = _foreign_keys(_read(out, "sqlserver"), "tsql")
    wanted = _foreign_keys(_read(out, "postgres"), "postgres")
    assert server.keys() == wanted.keys()
    edges, kept, degraded = [], [], []
    for (table, column), (target, action) in server.items():
        intended = wanted[(table, column)][1]
        edge = (table, column, target, intended)
        edges.append(edge)
        if action == intended or (intended, action) == ("RESTRICT", "NO ACTION"):
            kept.append(edge)
        else:
            assert action == "NO ACTION", (edge, action)
            degraded.append(edge)
    _check_degraded(edges, kept, degraded)
    return [e for e in kept if e[3] in CASCADING], degraded


def _read(out: Path, dialect: str) -> str:
    return (out / "sql" / dialect / "schema.sql").read_text(encoding="utf-8")


def _generate(
    specs: Path, out: Path, dialects: tuple[str, ...] = ("sqlserver", "postgres")
) -> Path:
    argv = ["generate", "--specs", str(specs), "--out", str(out), "--no-cache", "-q"]
    argv += ["--target", "sql", *(a for d in dialects for a in ("--dialect", d))]
    assert main(argv) == 0
    return out


@pytest.fixture(scope="module")
def round63(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cascades63")
    specs = folder / "specs"
    specs.mkdir()
    for name, text in PAGES.items():
        (specs / f"{name}.md").write_text(text, encoding="utf-8")
    return _generate(specs, folder / "out", ("sqlserver", "postgres", "sqlite"))


STEP, TARGET = "msdyn_sequencetargetstep", "msdyn_sequencetarget"


def test_round63s_cycle_keeps_the_parental_cascade(round63: Path) -> None:
    kept, degraded = check_emitted(round63)
    assert kept == [(STEP, TARGET, TARGET, "CASCADE")]
    assert set(degraded) == {
        (TARGET, "msdyn_advancedfromstep", STEP, "SET NULL"),
        (STEP, "msdyn_advancedfromstep", STEP, "SET NULL"),  # its own table: always refused
    }


def test_what_the_replica_refuses(round63: Path) -> None:
    """SQLite given SQL Server's choice (the degraded keys NO ACTION): deleting a target with
    its steps goes through, as in Dataverse; refused is deleting a step a target still links
    to, until that link (what Dataverse's RemoveLink clears) is cleared. With the Cascade key
    degraded instead, deleting any target that has steps is refused."""
    _, degraded = check_emitted(round63)
    schema = _read(round63, "sqlite")
    owner, t1, t2, s1, s2, s3 = (f"00000000-0000-0000-0000-0000000000{n}" for n in range(10, 16))

    def replica(no_action: list[Edge]) -> sqlite3.Connection:
        text = schema
        for table, column, _, _ in no_action:
            constraint = f'CONSTRAINT "fk_{table}_{column}" FOREIGN KEY '
            pattern = rf"({re.escape(constraint)}[^\n]*?ON DELETE )(CASCADE|SET NULL)"
            text, count = re.subn(pattern, r"\1NO ACTION", text)
            assert count == 1
        conn = sqlite3.connect(":memory:", isolation_level=None)
        conn.executescript(text)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.executemany(
            f"INSERT INTO {TARGET} ({TARGET}id, msdyn_sequencetargetuniquekey, ownerid)"
            " VALUES (?, ?, ?)",
            [(t1, "k1", owner), (t2, "k2", owner)],
        )
        conn.executemany(
            f"INSERT INTO {STEP} ({STEP}id, {TARGET}, msdyn_advancedfromstep, ownerid)"
            " VALUES (?, ?, ?, ?)",
            [(s1, t1, None, owner), (s2, t1, s1, owner), (s3, t2, None, owner)],
        )
        conn.execute(
            f"UPDATE {TARGET} SET msdyn_advancedfromstep = ? WHERE {TARGET}id = ?", (s2, t1)
        )
        conn.execute(
            f"UPDATE {TARGET} SET msdyn_advancedfromstep = ? WHERE {TARGET}id = ?", (s3, t2)
        )
        return conn

    conn = replica(degraded)
    conn.execute(f"DELETE FROM {TARGET} WHERE {TARGET}id = ?", (t1,))
    assert conn.execute(f"SELECT {STEP}id FROM {STEP}").fetchall() == [(s3,)]
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(f"DELETE FROM {STEP} WHERE {STEP}id = ?", (s3,))
    conn.execute(f"UPDATE {TARGET} SET msdyn_advancedfromstep = NULL WHERE {TARGET}id = ?", (t2,))
    conn.execute(f"DELETE FROM {STEP} WHERE {STEP}id = ?", (s3,))

    cascade_degraded = [
        (STEP, TARGET, TARGET, "CASCADE"),
        (STEP, "msdyn_advancedfromstep", STEP, "SET NULL"),
    ]
    conn = replica(cascade_degraded)
    for target in (t1, t2):
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(f"DELETE FROM {TARGET} WHERE {TARGET}id = ?", (target,))


# --- the corpus and the shared solutions ----------------------------------------------------

SOLUTIONS = SHARED / "solutions"


@pytest.mark.skipif(not CORPUS.is_dir(), reason=NO_SHARED)
def test_the_corpus_keeps_one_path(tmp_path: Path) -> None:
    """The corpus's six degraded keys are self-references (account's, contact's and email's
    RemoveLink parents and masters, catalog's Cascade parent): no choice there."""
    _, degraded = check_emitted(_generate(CORPUS, tmp_path / "out"))
    assert len(degraded) == 6
    assert all(table == target for table, _, target, _ in degraded)


@pytest.mark.skipif(not SOLUTIONS.is_dir(), reason=NO_SHARED)
@pytest.mark.parametrize(
    "name",
    sorted(p.name for p in SOLUTIONS.iterdir() if p.is_dir()) if SOLUTIONS.is_dir() else [],
)
def test_each_shared_solution_keeps_one_path(tmp_path: Path, name: str) -> None:
    check_emitted(_generate(SOLUTIONS / name, tmp_path / "out"))


def test_a_second_key_between_the_same_tables_is_a_second_path() -> None:
    twice = [key("b", "a", SET_NULL), dataclasses.replace(key("b", "a"), column="other")]
    assert SqlServer().cascade_conflicts(twice) == {twice[0]}
    assert not one_path_at_most([_edge(k) for k in twice])


# --- computed yes/no columns: no create default -----------------------------------------------

COMPUTED = """\
logical_name: new_case
primary_id_attribute: new_caseid
primary_name_attribute: new_name
columns:
  - {logical_name: new_caseid, type: Uniqueidentifier, required_level: SystemRequired}
  - {logical_name: new_name, type: String, max_length: 100}
  - {logical_name: new_open, type: Boolean, default_value: true}
  - {logical_name: new_done, type: Boolean, default_value: false,
     valid_for_create: false, valid_for_update: false,
     extra: {SourceType: "3", FormulaDefinitionFileName: /Formulas/new_case-Formulas.yaml}}
  - {logical_name: new_late, type: Boolean, default_value: true,
     valid_for_create: false, valid_for_update: false, extra: {SourceType: "1"}}
  - {logical_name: new_flag, type: Boolean, default_value: true, source_type_mask: 1,
     valid_for_create: false, valid_for_update: false}
  - {logical_name: new_tier, type: Picklist, default_form_value: 1, extra: {SourceType: "1"},
     valid_for_create: false, valid_for_update: false,
     choices: [{value: 1, label: Low}, {value: 2, label: High}]}
"""
"""A stored yes/no column (``new_open``) beside a formula one (SourceType 3, as the CoE Starter
Kit's ``admin_EnvironmentDeleted`` is exported with ``<AppDefaultValue>0``), calculated ones
(SourceType 1; a page's SourceTypeMask) and a calculated choice."""


@pytest.fixture(scope="module")
def computed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("computed")
    specs = folder / "specs"
    specs.mkdir()
    (specs / "new_case.yaml").write_text(COMPUTED, encoding="utf-8")
    out = folder / "out"
    argv = ["generate", "--specs", str(specs), "--out", str(out), "--no-cache", "-q"]
    assert main([*argv, "--target", "sql", "--target", "jsonschema"]) == 0
    return out


def test_a_computed_column_has_no_sql_default(computed: Path) -> None:
    conn = sqlite3.connect(":memory:")
    conn.executescript(_read(computed, "sqlite"))
    ids = ("00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002")
    conn.execute("INSERT INTO new_case (ownerid, owningbusinessunit) VALUES (?, ?)", ids)
    row = conn.execute("SELECT new_open, new_done, new_late, new_flag, new_tier FROM new_case")
    assert row.fetchall() == [(1, None, None, None, None)]
    for dialect, read in (("sqlserver", "tsql"), ("postgres", "postgres")):
        create = next(
            s
            for s in sqlglot.parse(_read(computed, dialect), read=read)
            if isinstance(s, exp.Create)
        )
        defaults = {
            column.name
            for column in create.find_all(exp.ColumnDef)
            if column.find(exp.DefaultColumnConstraint) and column.name.startswith("new_")
        }
        assert defaults == {"new_caseid", "new_open"}, dialect


def test_a_computed_column_has_no_json_schema_default(computed: Path) -> None:
    import json

    import jsonschema

    schema = json.loads(
        (computed / "jsonschema" / "new_case.schema.json").read_text(encoding="utf-8")
    )
    jsonschema.Draft202012Validator.check_schema(schema)
    properties = schema["properties"]
    assert properties["new_open"]["default"] is True
    for name in ("new_done", "new_late", "new_flag", "new_tier"):
        assert "default" not in properties[name], name
        assert properties[name]["readOnly"] is True


COPILOT_KIT = SOLUTIONS / "microsoft__Power-CAT-Copilot-Studio-Kit__CopilotStudioAccelerator"


@pytest.mark.skipif(not COPILOT_KIT.is_dir(), reason=NO_SHARED)
def test_a_real_formula_column_has_no_default(tmp_path: Path) -> None:
    """cat_compliancecase's formula column ``cat_IntakeCompleted`` (``<SourceType>3``,
    ``<AppDefaultValue>0``) gets no default; its stored yes/no columns keep theirs."""
    import json

    out = tmp_path / "out"
    argv = ["generate", "--specs", str(COPILOT_KIT), "--out", str(out), "--no-cache", "-q"]
    assert main([*argv, "--target", "sql", "--target", "jsonschema"]) == 0
    schema = (out / "jsonschema" / "cat_compliancecase.schema.json").read_text(encoding="utf-8")
    properties = json.loads(schema)["properties"]
    assert "default" not in properties["cat_intakecompleted"]
    assert properties["cat_hasadminconfirmedtosendnotice"]["default"] is False
    server = _read(out, "sqlserver")
    assert "[cat_intakecompleted] bit NULL," in server
    assert "[df_cat_compliancecase_cat_hasadminconfirmedtosendnotice] DEFAULT 0" in server
