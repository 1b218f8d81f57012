"""A column of a global choice that lists none of its options takes the set's, unwarned.

An export holds a column of Microsoft's global choice without the option set itself
(pnp/powerplatform-samples' IncidentReporting: its custom activity ``csa_csIncident`` has
``deliveryprioritycode`` of ``activitypointer_deliveryprioritycode``, no options). Beside the
email page, which lists that choice's three options, both targets used them, yet dvgen warned
twice, each wrongly: that the column lacked Low, Normal and High "listed in email"
(``global-choice-differs``), and that it listed none so "any integer is accepted"
(``choice-without-options``)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics, Location
from dvgen.model import Choice, ColumnType, Table
from dvgen.targets.jsonschema.target import JsonSchemaTarget
from dvgen.targets.pydantic.target import PydanticTarget
from tests.conftest import CORPUS, SHARED, resolve_clean
from tests.test_pydantic import column


def _table(name: str, choice: str, choices: tuple[Choice, ...]) -> Table:
    return Table(
        logical_name=name,
        schema_name=name.title(),
        primary_id_attribute=name + "id",
        columns=(
            column(name + "id", ColumnType.UNIQUEIDENTIFIER),
            column(
                "priority",
                ColumnType.PICKLIST,
                "Priority",
                global_choice_name=choice,
                choices=choices,
                loc=Location(f"{name}.yaml", 7),
            ),
        ),
    )


LISTED = (Choice(0, "Low"), Choice(1, "Normal"), Choice(2, "High"))


def _render() -> tuple[dict[str, str], list[str]]:
    tables = resolve_clean(
        [
            _table("alpha", "shared_priority", LISTED),
            _table("beta", "shared_priority", ()),
            _table("gamma", "gamma_only", ()),
        ]
    )
    diagnostics = Diagnostics()
    files = JsonSchemaTarget(Config()).render(tables, diagnostics)
    files |= PydanticTarget(Config()).render(tables, diagnostics)
    return files, sorted({str(d) for d in diagnostics})


def test_a_column_listing_none_takes_the_options_listed_elsewhere_without_a_warning() -> None:
    files, warnings = _render()
    beta = json.loads(files["beta.schema.json"])["properties"]["priority"]
    assert [o.get("const") for o in beta["oneOf"]] == [0, 1, 2, None]
    assert [w for w in warnings if "beta" in w] == []


def test_a_column_whose_choice_no_spec_lists_is_still_warned_of() -> None:
    _, warnings = _render()
    assert warnings == [
        "gamma.yaml:7: warning: priority: no options listed; any integer is accepted "
        "[choice-without-options]"
    ]


def test_a_solutions_activity_beside_the_email_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from dvgen.cli import main

    solution = SHARED / "solutions" / "pnp__powerplatform-samples__IncidentReporting"
    if not solution.is_dir() or not (CORPUS / "email.md").is_file():
        pytest.skip("../shared (corpus, solutions) is absent")
    specs = tmp_path / "specs"
    shutil.copytree(solution, specs / solution.name)
    shutil.copy(CORPUS / "email.md", specs / "email.md")
    out = tmp_path / "out"
    assert main(["generate", "--specs", str(specs), "--out", str(out), "--no-cache"]) == 0
    assert "deliveryprioritycode" not in capsys.readouterr().err
    schema = json.loads((out / "jsonschema" / "csa_csincident.schema.json").read_text())
    options = schema["properties"]["deliveryprioritycode"]["oneOf"]
    assert [(o.get("const"), o.get("title")) for o in options[:3]] == [
        (0, "Low"),
        (1, "Normal"),
        (2, "High"),
    ]


_SPEC = """logical_name: {name}
primary_id_attribute: {name}id
columns:
  - {{logical_name: {name}id, type: Uniqueidentifier, required_level: SystemRequired}}
  - logical_name: priority
    type: Picklist
    global_choice_name: shared_priority
    default_form_value: {default}
    choices: [{choices}]
"""


def _spec(name: str, values: tuple[int, ...], default: int = -1) -> str:
    choices = ", ".join(f"{{value: {v}, label: O{v}}}" for v in values)
    return _SPEC.format(name=name, choices=choices, default=default)


_ID = (
    "00000000-0000-0000-0000-000000000001",
    "00000000-0000-0000-0000-000000000002",
    "00000000-0000-0000-0000-000000000003",
)


def _sqlite(out: Path) -> Any:
    import sqlite3

    db = sqlite3.connect(":memory:")
    db.executescript((out / "sql" / "sqlite" / "schema.sql").read_text())
    return db


def test_sql_checks_a_global_choice_as_the_records_targets_do(tmp_path: Path) -> None:
    """The SQL CHECK held each column to its own options: none for a column listing none,
    fewer than the records targets take for one listing some; a row JSON Schema and pydantic
    accept was refused, or one they refuse stored. It now takes the same option set, on
    SQLite, and its DEFAULT the DefaultFormValue among them."""
    import sqlite3

    from dvgen.cli import main

    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "alpha.yaml").write_text(_spec("alpha", (0, 1, 2)))
    (specs / "beta.yaml").write_text(_spec("beta", (), default=2))
    (specs / "gamma.yaml").write_text(_spec("gamma", (0, 1)))
    out = tmp_path / "out"
    assert main(["generate", "--specs", str(specs), "--out", str(out), "--no-cache"]) == 0
    db = _sqlite(out)
    for table in ("beta", "gamma"):
        db.execute(f"INSERT INTO {table} ({table}id, priority) VALUES (?, 2)", (_ID[0],))
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(f"INSERT INTO {table} ({table}id, priority) VALUES (?, 7)", (_ID[1],))
    db.execute("INSERT INTO beta (betaid) VALUES (?)", (_ID[2],))
    assert db.execute("SELECT priority FROM beta WHERE betaid = ?", (_ID[2],)).fetchone() == (2,)


def test_a_changed_option_set_reaches_the_sql_of_a_table_whose_spec_did_not_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """beta's SQL block is kept between runs under a key of what it is made from: an option
    alpha's spec adds to the global choice changes beta's CHECK, as a cold run makes it."""
    from dvgen.cli import main

    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "alpha.yaml").write_text(_spec("alpha", (0, 1, 2)))
    (specs / "beta.yaml").write_text(_spec("beta", ()))
    monkeypatch.chdir(tmp_path)  # the cache: .dvgen-cache here
    assert main(["generate", "--specs", str(specs), "--out", str(tmp_path / "warm")]) == 0
    assert (tmp_path / ".dvgen-cache").is_dir()
    (specs / "alpha.yaml").write_text(_spec("alpha", (0, 1, 2, 3)))
    assert main(["generate", "--specs", str(specs), "--out", str(tmp_path / "warm")]) == 0
    cold = tmp_path / "cold"
    assert main(["generate", "--specs", str(specs), "--out", str(cold), "--no-cache"]) == 0
    for dialect in ("postgres", "sqlite", "sqlserver"):
        warm = (tmp_path / "warm" / "sql" / dialect / "schema.sql").read_text()
        assert warm == (cold / "sql" / dialect / "schema.sql").read_text()
    db = _sqlite(tmp_path / "warm")
    db.execute("INSERT INTO beta (betaid, priority) VALUES (?, 3)", (_ID[0],))
