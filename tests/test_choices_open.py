"""``choices = "open" | "closed"``: option values an organisation adds to a choice
(``industrycode: 100000000``) are accepted by the JSON Schema, the pydantic model and the SQL
CHECKs under "open", refused by all three under "closed" (the default); a known value still
gives its enum member and label; a State's options stay closed either way, and so does which
state a known status reason belongs to (a record in one state never holds another's)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pydantic
import pytest

from dvgen.config import Config, _from_section
from dvgen.diagnostics import Diagnostics, SpecError
from dvgen.model import Choice, Column, ColumnType, Table, TableSet
from dvgen.targets.pydantic.target import PydanticTarget
from dvgen.targets.sql.target import plan_schema, render_schema
from tests.test_jsonschema_validators import needs_ajv, render_schemas, run_ajv
from tests.test_pydantic import imported

ORG_ADDED = 100000000


def _column(name: str, kind: ColumnType, *choices: Choice) -> Column:
    return Column(name, name, kind, choices=choices)


ACCOUNT = Table(
    "account",
    "Account",
    entity_set_name="accounts",
    primary_id_attribute="accountid",
    columns=(
        _column("accountid", ColumnType.UNIQUEIDENTIFIER),
        _column("industrycode", ColumnType.PICKLIST, Choice(1, "Accounting"), Choice(2, "Law")),
        _column("x_tags", ColumnType.MULTI_SELECT_PICKLIST, Choice(1, "Red"), Choice(2, "Blue")),
        _column(
            "statecode",
            ColumnType.STATE,
            Choice(0, "Active", default_status=1),
            Choice(1, "Inactive", default_status=2),
        ),
        _column(
            "statuscode",
            ColumnType.STATUS,
            Choice(1, "Active", state=0),
            Choice(2, "Inactive", state=1),
        ),
    ),
)
TABLES = TableSet((ACCOUNT,))
KEY = "00000000-0000-0000-0000-000000000001"
RECORDS = {
    "known": {"accountid": KEY, "industrycode": 2, "x_tags": "1,2", "statuscode": 1},
    "known-state": {"accountid": KEY, "statecode": 1, "statuscode": 2},
    "org-added": {"accountid": KEY, "industrycode": ORG_ADDED},
    "org-added-many": {"accountid": KEY, "x_tags": f"1,{ORG_ADDED}"},
    "org-added-status": {"accountid": KEY, "statecode": 0, "statuscode": ORG_ADDED},
}
ALWAYS_REFUSED = {
    "state": {"accountid": KEY, "statecode": 7},
    "status-of-another-state": {"accountid": KEY, "statecode": 0, "statuscode": 2},
    "text": {"accountid": KEY, "industrycode": "2"},
}


def _schema(choices: str) -> dict[str, Any]:
    return render_schemas(TABLES, Config(choices=choices))["account.schema.json"]


@pytest.fixture(scope="module", params=["closed", "open"])
def package(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, ModuleType]]:
    choices = request.param
    name = f"dvgen_choices_{choices}"
    diagnostics = Diagnostics()
    files = PydanticTarget(Config(pydantic_package=name, choices=choices)).render(
        TABLES, diagnostics
    )
    assert not diagnostics.has_errors
    with imported(files, tmp_path_factory.mktemp(choices), name) as module:
        yield choices, module


@pytest.mark.parametrize("choices", ["closed", "open"])
@pytest.mark.parametrize("case", sorted(RECORDS))
def test_json_schema(choices: str, case: str) -> None:
    validator = jsonschema.Draft202012Validator(_schema(choices))
    accepted = validator.is_valid(RECORDS[case])
    assert accepted is (case.startswith("known") or choices == "open")
    for record in ALWAYS_REFUSED.values():
        assert not validator.is_valid(record)


@needs_ajv
@pytest.mark.parametrize("choices", ["closed", "open"])
def test_ajv_agrees(choices: str) -> None:
    cases = [*sorted(RECORDS), *sorted(ALWAYS_REFUSED)]
    records = [(0, {**RECORDS, **ALWAYS_REFUSED}[case]) for case in cases]
    errors, results = run_ajv([_schema(choices)], records)
    assert errors == []
    accepted = {case: result is None for case, result in zip(cases, results, strict=True)}
    assert accepted == {
        case: case.startswith("known") or (choices == "open" and case in RECORDS) for case in cases
    }


def test_pydantic(package: tuple[str, ModuleType]) -> None:
    choices, module = package
    model: type[pydantic.BaseModel] = module.Account
    known = model.model_validate(RECORDS["known"])
    assert known.industrycode is module.account.AccountIndustrycode.LAW  # type: ignore[attr-defined]
    assert known.industrycode.label == "Law"  # type: ignore[attr-defined]
    for case in ("org-added", "org-added-many", "org-added-status"):
        if choices == "closed":
            with pytest.raises(pydantic.ValidationError):
                model.model_validate(RECORDS[case])
            continue
        record = model.model_validate(RECORDS[case])
        assert record.model_dump(by_alias=True, mode="json", exclude_unset=True) == RECORDS[case]
    for record in ALWAYS_REFUSED.values():
        with pytest.raises(pydantic.ValidationError):
            model.model_validate(record)


def test_an_org_added_value_has_a_member_of_its_own(package: tuple[str, ModuleType]) -> None:
    choices, module = package
    enum = module.account.AccountIndustrycode
    if choices == "closed":
        with pytest.raises(ValueError, match=str(ORG_ADDED)):
            enum(ORG_ADDED)
        return
    assert enum(1) is enum.ACCOUNTING
    value = module.Account.model_validate(RECORDS["org-added"]).industrycode
    assert value == ORG_ADDED
    assert isinstance(value, enum)
    assert (value.name, value.label) == (f"VALUE_{ORG_ADDED}", str(ORG_ADDED))


def _sqlite(choices: str) -> sqlite3.Connection:
    diagnostics = Diagnostics()
    plan = plan_schema(TABLES, diagnostics, labels=False, choices=choices)
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.executescript(render_schema(plan, "sqlite", diagnostics))
    return conn


def _insert(conn: sqlite3.Connection, row: dict[str, Any]) -> None:
    names = ", ".join(row)
    marks = ", ".join("?" * len(row))
    conn.execute(f"INSERT INTO account ({names}) VALUES ({marks})", list(row.values()))


@pytest.mark.parametrize("choices", ["closed", "open"])
@pytest.mark.parametrize("case", sorted(RECORDS))
def test_sql_check(choices: str, case: str) -> None:
    conn = _sqlite(choices)
    row = {k: v for k, v in RECORDS[case].items() if k != "accountid"}
    row["accountid"] = KEY
    if case.startswith("known") or choices == "open":
        _insert(conn, row)
    else:
        with pytest.raises(sqlite3.IntegrityError):
            _insert(conn, row)
    with pytest.raises(sqlite3.IntegrityError):
        _insert(conn, {"accountid": KEY[:-1] + "2", "statecode": 7})
    with pytest.raises(sqlite3.IntegrityError):  # open or closed, a reason of another state
        _insert(conn, {**ALWAYS_REFUSED["status-of-another-state"], "accountid": KEY[:-1] + "3"})


def test_the_setting_is_checked() -> None:
    assert _from_section({"choices": "open"}, Path("pyproject.toml")).choices == "open"
    with pytest.raises(SpecError, match="must be one of 'closed', 'open'"):
        _from_section({"choices": "ajar"}, Path("pyproject.toml"))
    assert Config().choices == "closed"
