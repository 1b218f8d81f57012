"""Lookup targets checked against the set: a misspelt target is a warning with a suggestion,
a real Dataverse table outside the set only an info; the list of known tables is data."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from dvgen.cli import main
from dvgen.dataverse_tables import KNOWN_TABLES
from dvgen.diagnostics import Diagnostics, Location, Severity
from dvgen.lookups import CONTRADICTED, OUTSIDE, UNKNOWN, suggestion
from dvgen.model import Column, ColumnType, OneToManyRelationship, Relationships, Table, TableSet
from dvgen.resolve import resolve
from tests.conftest import NO_SHARED, VALIDATORS

WEBAPI = VALIDATORS / "webapi-v9"

SPEC = """\
logical_name: new_order
schema_name: new_Order
entity_set_name: new_orders
primary_id_attribute: new_orderid
columns:
  - logical_name: new_orderid
    schema_name: new_OrderId
    type: Uniqueidentifier
  - logical_name: new_customerid
    schema_name: new_CustomerId
    type: Lookup
    targets: [{target}]
relationships:
  many_to_one:
    - schema_name: new_{target}_new_order
      referenced_entity: {target}
      referencing_attribute: new_customerid
"""


def referenced_tables(tables: TableSet) -> set[str]:
    """Every table a set's pages name: their own, lookup targets, relationship entities."""
    found: set[str] = set()
    for table in tables.tables:
        found.add(table.logical_name)
        for column in table.columns:
            found.update(column.targets)
        rel = table.relationships
        for one in (*rel.many_to_one, *rel.one_to_many):
            found.update((one.referenced_entity or "", one.referencing_entity or ""))
        for many in rel.many_to_many:
            found.update(
                (
                    many.intersect_entity_name or "",
                    many.this_table.logical_name or "",
                    many.other_table.logical_name or "",
                )
            )
    return found - {""}


def test_every_table_the_corpus_names_is_known(corpus_set: TableSet) -> None:
    named = referenced_tables(corpus_set)
    assert len(named) > 300
    assert sorted(named - KNOWN_TABLES) == []


@pytest.mark.skipif(not WEBAPI.is_dir(), reason=f"{NO_SHARED} (webapi-v9)")
def test_every_web_api_entity_type_is_known() -> None:
    types = {path.stem for path in WEBAPI.glob("*.yml")}
    assert len(types) > 50
    assert sorted(types - KNOWN_TABLES) == []


def test_the_list_holds_logical_names_only() -> None:
    assert len(KNOWN_TABLES) > 900
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", name) for name in KNOWN_TABLES)
    assert {"account", "contact", "systemuser", "team", "msdyn_workorder"} <= KNOWN_TABLES
    assert not {"crmbaseentity", "expando", "principal", "acount"} & KNOWN_TABLES


def run(project: Path, capsys: pytest.CaptureFixture[str], target: str) -> tuple[int, list[str]]:
    (project / "specs").mkdir(exist_ok=True)
    (project / "specs" / "new_order.yaml").write_text(SPEC.format(target=target))
    code = main(["generate", "--verbose", "--target", "sql", "--dialect", "sqlite"])
    return code, capsys.readouterr().err.splitlines()


def test_a_misspelt_target_is_a_warning_with_a_suggestion(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines = run(workdir, capsys, "acount")
    assert code == 0
    found = [line for line in lines if UNKNOWN in line]
    assert found == [
        "specs/new_order.yaml:9: warning: lookup new_order.new_customerid: target table "
        "'acount' is neither a table of the set nor a known Dataverse table; did you mean "
        "'account'? (no foreign key to it, and a record of it expanded through the lookup is "
        "untyped) [lookup-target-unknown]"
    ]


def test_a_real_table_outside_the_set_is_only_an_info(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines = run(workdir, capsys, "account")
    assert code == 0
    assert not [line for line in lines if ": warning: " in line]
    assert [line for line in lines if OUTSIDE in line] == [
        "specs/new_order.yaml:9: info: lookup new_order.new_customerid: target table "
        "'account' is a Dataverse table outside the set: no foreign key to it, and a record of "
        "it expanded through the lookup is untyped [lookup-target-outside-set]"
    ]


def test_a_target_in_the_set_says_nothing(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines = run(workdir, capsys, "new_order")
    assert code == 0
    assert not [line for line in lines if "lookup-target" in line]


def lookup(target: str, rel_target: str | None = None, spec: str = "specs/x_thing.yaml") -> Table:
    relationship = OneToManyRelationship(
        "rel", referenced_entity=rel_target, referencing_attribute="x_ref"
    )
    at = Location(spec, 9)
    return Table(
        logical_name="x_thing",
        schema_name="x_Thing",
        primary_id_attribute="x_thingid",
        columns=(
            Column("x_thingid", "x_ThingId", ColumnType.UNIQUEIDENTIFIER),
            Column("x_ref", "x_Ref", ColumnType.LOOKUP, targets=(target,), loc=at),
        ),
        relationships=Relationships(many_to_one=(relationship,) if rel_target else ()),
    )


def findings(*tables: Table) -> list[tuple[Severity, str]]:
    diagnostics = Diagnostics()
    resolve(tables, diagnostics)
    return [(d.severity, d.code) for d in diagnostics if d.code.startswith("lookup-target")]


def test_each_target_is_reported_once_whether_column_or_relationship_names_it() -> None:
    assert findings(lookup("x_thnig", "x_thnig")) == [(Severity.WARNING, UNKNOWN)]
    assert findings(lookup("x_thnig", "contact")) == [  # the relationship's table wins
        (Severity.WARNING, CONTRADICTED),
        (Severity.INFO, OUTSIDE),
    ]
    assert findings(lookup("x_thing")) == []


def test_a_suggestion_prefers_the_set_and_is_deterministic() -> None:
    assert suggestion("acount", []) == "account"
    assert suggestion("Account", []) == "account"
    assert suggestion("x_projetc", ["x_project"]) == "x_project"
    assert suggestion("zzzzqqqq", ["x_project"]) is None
    assert suggestion("contacx", ["contacy"]) == "contacy"  # as close as "contact"


@pytest.mark.parametrize(
    ("target", "severity"),
    [
        ("contoso_invoice", Severity.WARNING),  # a custom table, not in the set: said loudly
        ("msdyn_brandnewtable", Severity.INFO),  # Microsoft's prefix, like nothing listed
        ("brandnewsystemtable", Severity.INFO),  # no prefix: no custom table can be named so
        ("botcomponent_brandnew", Severity.INFO),  # an intersect of a Dataverse table
        ("msdyn_workordr", Severity.WARNING),  # Microsoft's prefix, but a typo of a listed one
    ],
)
def test_a_name_missing_from_the_list_is_a_warning_unless_only_microsoft_uses_it(
    target: str, severity: Severity
) -> None:
    assert [s for s, _ in findings(lookup(target))] == [severity]


def test_a_page_s_lookup_to_a_microsoft_name_is_no_typo_however_close_a_table_of_the_set() -> None:
    """msdyn_adjustmenthistory's page (2024) looks up msdyn_forecast, outside the set, while
    msdyn_forecastinstance is in it: Microsoft's page names a table its Dataverse has, so no
    "did you mean"; a hand-written spec naming it so may be a slip, and is told."""
    instance = dataclasses.replace(lookup("x_thing"), logical_name="msdyn_forecastinstance")
    page = lookup("msdyn_forecast", spec="specs/msdyn_adjustmenthistory.md")
    assert findings(page, instance) == [(Severity.INFO, OUTSIDE)]
    assert findings(lookup("msdyn_forecast"), instance) == [(Severity.WARNING, UNKNOWN)]


def test_a_lookup_outside_the_set_is_said_once_not_once_per_target(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "specs").mkdir()
    (workdir / "specs" / "new_order.yaml").write_text(SPEC.format(target="account"))
    assert main(["generate", "--verbose"]) == 0
    lines = capsys.readouterr().err.splitlines()
    about = [line for line in lines if "new_order.yaml:9:" in line]
    assert len(about) == 1 and about[0].endswith("[lookup-target-outside-set]"), about


def test_a_lookup_to_the_table_of_a_spec_that_failed_is_not_called_unknown(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A spec with an error leaves its table out of the set: a lookup to it is not a
    misspelt target, and the run reports only the error."""
    (workdir / "specs").mkdir()
    broken = (
        "logical_name: new_customer\nschema_name: new_Customer\n"
        "primary_id_attribute: new_customerid\ncolumns:\n"
        "  - logical_name: new_customerid\n    type: Uniqueidentfier\n"
    )
    (workdir / "specs" / "new_customer.yaml").write_text(broken, encoding="utf-8")
    code, lines = run(workdir, capsys, "new_customer")
    assert code == 2
    assert any("Uniqueidentfier" in line for line in lines)
    assert not [line for line in lines if UNKNOWN in line]
