"""The sql target end to end: the golden files of the repo's specs with label tables (without
them, the repo's own ``generated/sql`` is the golden record), and the command line
(``--dialect``, ``sql-label-tables``, ``check`` covering every dialect)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dvgen.cli import main
from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.model import TableSet
from dvgen.outfiles import owned_by
from dvgen.runner import run_generate
from dvgen.targets.sql.target import SqlTarget
from tests.conftest import ROOT
from tests.golden import assert_golden
from tests.test_sql_support import render

DIALECTS = ("postgres", "sqlite", "sqlserver")


@pytest.mark.golden
@pytest.mark.parametrize("dialect", DIALECTS)
def test_golden_schema_with_label_tables(seed_set: TableSet, dialect: str) -> None:
    assert_golden(f"sql/{dialect}/schema-labels.sql", render(seed_set, dialect, labels=True)[0])


@pytest.fixture()
def project(workdir: Path) -> Path:
    shutil.copytree(ROOT / "specs", workdir / "specs")
    return workdir


def files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.sql"))


def test_generate_writes_each_dialect_and_check_covers_them(project: Path) -> None:
    assert main(["generate", "-q", "--target", "sql"]) == 0
    out = project / "generated"
    assert files(out) == [f"sql/{d}/schema.sql" for d in DIALECTS]
    assert main(["check", "-q", "--target", "sql"]) == 0
    sqlite = out / "sql/sqlite/schema.sql"
    sqlite.write_text(sqlite.read_text(encoding="utf-8").replace("STRICT", "", 1), encoding="utf-8")
    assert main(["check", "-q", "--target", "sql"]) == 1
    (out / "sql/sqlserver/schema.sql").unlink()
    assert main(["check", "-q", "--target", "sql", "--dialect", "postgres"]) == 0
    assert main(["check", "-q", "--target", "sql"]) == 1


def test_dialect_option_writes_and_removes_only_its_own_files(project: Path) -> None:
    assert main(["generate", "-q", "--target", "sql", "--dialect", "sqlite"]) == 0
    out = project / "generated"
    assert files(out) == ["sql/sqlite/schema.sql"]
    assert main(["generate", "-q", "--target", "sql", "--dialect", "postgres"]) == 0
    assert files(out) == ["sql/postgres/schema.sql", "sql/sqlite/schema.sql"]


def test_label_tables_setting_comes_from_pyproject(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.dvgen]\ntargets = ["sql"]\nsql-dialects = ["postgres"]\nsql-label-tables = true\n',
        encoding="utf-8",
    )
    assert main(["generate", "-q"]) == 0
    text = (project / "generated/sql/postgres/schema.sql").read_text(encoding="utf-8")
    assert 'CREATE TABLE "OptionsetMetadata"' in text
    assert files(project / "generated") == ["sql/postgres/schema.sql"]


def test_a_run_of_some_dialects_is_served_from_the_cache(project: Path) -> None:
    """A one-off run of some dialects (``--dialect``) owns only their files: the others, on
    disk from an earlier run, are not stale output of this one."""
    assert main(["generate", "-q", "--target", "sql"]) == 0
    config = Config().narrowed(("sql",), ("sqlite",))
    first = run_generate(config, Diagnostics())
    assert not first.cached and first.files == 1
    second = run_generate(config, Diagnostics())
    assert second.cached and second.report.unchanged == ["sql/sqlite/schema.sql"]
    assert files(project / "generated") == [f"sql/{d}/schema.sql" for d in DIALECTS]
    owned = ((SqlTarget.folder, SqlTarget(config).patterns),)
    assert owned_by("sql/sqlite/schema.sql", owned)
    assert not owned_by("sql/postgres/schema.sql", owned)
    assert SqlTarget.patterns == tuple(f"{d}/schema.sql" for d in DIALECTS)
