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
