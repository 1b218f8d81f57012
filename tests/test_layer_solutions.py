"""Solution layers meeting the base, each other and YAML customizations: a later rank in
dependency order overrides, one rank must agree, a customization's ``changes:`` wins, and a
solution's standard table without its base is built from the solution's shell (or skipped).

The layers are built as the solution reader builds them (``TableExtension`` of kind
``solution``), so these tests need no solution folder."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from dvgen.config import Config, load_config
from dvgen.diagnostics import Diagnostics, Location
from dvgen.model import (
    Choice,
    ChoiceExtension,
    Column,
    ColumnChange,
    ColumnType,
    LayerKind,
    Removal,
    Spec,
    Table,
    TableExtension,
    TableSet,
)
from dvgen.resolve import resolve
from tests.conftest import run, settings

PAGE = Location("specs/account.md")
NAME = Column("name", "Name", ColumnType.STRING, max_length=160, loc=PAGE.at(300))
INDUSTRY = Column(
    "industrycode",
    "IndustryCode",
    ColumnType.PICKLIST,
    choices=(Choice(1, "Accounting"), Choice(2, "Agriculture")),
    loc=PAGE.at(400),
)
ACCOUNT = Table(
    "account",
    "Account",
    primary_id_attribute="accountid",
    primary_name_attribute="name",
    columns=(Column("accountid", "AccountId", ColumnType.UNIQUEIDENTIFIER), NAME, INDUSTRY),
    loc=PAGE.at(1),
)
TIER = Column("contoso_tier", "contoso_Tier", ColumnType.INTEGER, max_value=10)


def solution(name: str, rank: int, *columns: Column, **more: object) -> TableExtension:
    where = Location(f"specs/{name}/Entities/Account/Entity.xml", 3)
    located = tuple(replace(c, loc=where.at(10 + i)) for i, c in enumerate(columns))
    return TableExtension(
        "account",
        solution=name,
        columns=located,
        loc=where,
        kind=LayerKind.SOLUTION,
        rank=rank,
        **more,  # type: ignore[arg-type]
    )


def resolved(*specs: Spec, missing_base: str = "shell") -> tuple[TableSet, list[str]]:
    diagnostics = Diagnostics()
    tables = resolve(list(specs), diagnostics, missing_base=missing_base)
    return tables, [str(d) for d in diagnostics.sorted()]


def account(tables: TableSet) -> Table:
    found = tables.get("account")
    assert found is not None
    return found


def named(**facets: object) -> Column:
    """Column ``name`` as the base has it, but for ``facets``."""
    return replace(NAME, **facets)  # type: ignore[arg-type]


def test_a_solution_adds_its_columns_and_restating_the_base_changes_nothing() -> None:
    tables, found = resolved(ACCOUNT, solution("core", 0, TIER, NAME))
    assert found == []
    table = account(tables)
    tier = table.column("contoso_tier")
    assert tier is not None and tier.added_by == "core"
    assert table.column("name") == NAME


def test_a_later_solution_in_dependency_order_overrides_an_earlier_one() -> None:
    early = solution("core", 0, named(max_length=200))
    late = solution("sales", 1, named(max_length=250))
    for order in ([early, late], [late, early]):
        tables, found = resolved(ACCOUNT, *order)
        assert found == []
        column = account(tables).column("name")
        assert column is not None and column.max_length == 250
        assert column.added_by is None, "the column is still Microsoft's"


def test_two_solutions_of_one_rank_that_disagree_are_a_conflict_naming_both() -> None:
    first = solution("core", 0, named(max_length=200))
    second = solution("extras", 0, named(max_length=300))
    _, found = resolved(ACCOUNT, second, first)
    assert found == [
        "specs/extras/Entities/Account/Entity.xml:10: error: column 'name' of table 'account': "
        "max_length 300 here, but specs/core/Entities/Account/Entity.xml:10 sets it to 200: "
        "solutions neither of which depends on the other must agree: Dataverse keeps what the "
        "one installed last sets; name the order in the setting solution-order"
    ]


def test_a_later_solution_relabels_an_option_one_rank_must_agree() -> None:
    relabeled = replace(INDUSTRY, choices=(Choice(1, "Accounting & Audit"),))
    tables, found = resolved(ACCOUNT, solution("core", 0, relabeled))
    assert found == []
    column = account(tables).column("industrycode")
    assert column is not None
    assert [c.label for c in column.choices] == ["Accounting & Audit", "Agriculture"]
    other = replace(INDUSTRY, choices=(Choice(1, "Audit"),))
    _, found = resolved(ACCOUNT, solution("core", 0, relabeled), solution("extras", 0, other))
    assert len(found) == 1
    assert "option 1 label 'Audit' here, but specs/core/Entities/Account/Entity.xml:10" in found[0]


def customization(*changes: ColumnChange, columns: tuple[Column, ...] = ()) -> TableExtension:
    return TableExtension(
        "account",
        columns=columns,
        column_changes=changes,
        loc=Location("specs/custom.yaml", 1),
        kind=LayerKind.CUSTOMIZATION,
    )


def test_a_customization_changes_what_a_solution_set_but_may_not_add_it_anew() -> None:
    core = solution("core", 0, TIER)
    change = ColumnChange("contoso_tier", (("max_value", 20),), Location("specs/custom.yaml", 4))
    tables, found = resolved(ACCOUNT, core, customization(change))
    assert found == []
    tier = account(tables).column("contoso_tier")
    assert tier is not None and tier.max_value == 20
    again = replace(TIER, max_value=30, loc=Location("specs/custom.yaml", 3))
    _, found = resolved(ACCOUNT, core, customization(columns=(again,)))
    assert found == [
        "specs/custom.yaml:3: error: column 'contoso_tier' of table 'account': max_value 30 "
        "here, but specs/core/Entities/Account/Entity.xml:10 defines it as 10: an add must "
        "agree with what is there; to change it, list it under 'changes:'"
    ]


SHELL = Table(
    "account",
    "Account",
    primary_id_attribute="accountid",
    columns=(Column("accountid", "AccountId", ColumnType.UNIQUEIDENTIFIER),),
)


def test_without_its_base_a_solution_table_is_built_from_its_shell_with_a_warning() -> None:
    tables, found = resolved(solution("core", 0, TIER, shell=SHELL))
    table = account(tables)
    assert {c.logical_name for c in table.columns} == {"accountid", "contoso_tier"}
    assert found == [
        "specs/core/Entities/Account/Entity.xml:3: warning: solution 'core' customizes table "
        "'account', which no spec of the set defines: the table is built from what the "
        "solution holds of it (1 column); add account.md from MicrosoftDocs/powerapps-docs, "
        "powerapps-docs/developer/data-platform/reference/entities/account.md to the specs "
        "folder [solution-base-missing]"
    ]


def test_missing_base_skip_leaves_the_layer_out_with_a_warning() -> None:
    tables, found = resolved(solution("core", 0, TIER, shell=SHELL), missing_base="skip")
    assert tables.tables == ()
    (warning,) = [message for message in found if "warning" in message]
    assert 'its changes to it are skipped (missing-base = "skip")' in warning
    assert warning.endswith("[solution-base-missing]")


def test_a_second_solutions_shell_adds_the_standard_columns_the_first_lacked() -> None:
    more = Table("account", "Account", columns=(*SHELL.columns, NAME))
    tables, _ = resolved(solution("core", 0, TIER, shell=SHELL), solution("sales", 1, shell=more))
    assert {c.logical_name for c in account(tables).columns} == {
        "accountid",
        "contoso_tier",
        "name",
    }


def test_a_solutions_global_choice_reaches_every_column_using_it() -> None:
    uses = Column("new_size", "new_Size", ColumnType.PICKLIST, global_choice_name="new_sizes")
    other = Table("new_box", "new_Box", columns=(uses,))
    base = Table("account", "Account", columns=(uses,))
    sizes = ChoiceExtension(
        "new_sizes",
        options=(Choice(1, "Small"), Choice(2, "Large")),
        kind=LayerKind.SOLUTION,
        solution="core",
        loc=Location("specs/core/OptionSets/new_sizes.xml", 1),
    )
    tables, found = resolved(base, other, sizes)
    assert found == []
    for table in tables.tables:
        column = table.column("new_size")
        assert column is not None and [c.label for c in column.choices] == ["Small", "Large"]


def test_the_result_does_not_depend_on_the_order_of_the_specs() -> None:
    specs: list[Spec] = [
        ACCOUNT,
        solution("core", 0, TIER),
        solution("sales", 1, named(max_length=250)),
        customization(ColumnChange("name", (("description", "The name."),), PAGE.at(2))),
    ]
    first, _ = resolved(*specs)
    for seed in range(5):
        random.Random(seed).shuffle(specs)
        assert resolved(*specs)[0] == first


def test_missing_base_is_a_setting_of_two_values(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings(project, 'missing-base = "skip"')
    assert load_config(project / "pyproject.toml").missing_base == "skip"
    assert Config().missing_base == "shell"
    settings(project, 'missing-base = "drop"')
    code, _, err = run(capsys, "generate", "--out", "out")
    assert code == 2
    assert "missing-base must be one of 'shell', 'skip', not 'drop'" in err


def test_a_standard_column_the_page_lacks_comes_from_the_solutions_shell() -> None:
    """A page older than the org: the solution restates a column the base does not list."""
    newer = Column("contoso_region", "Region", ColumnType.STRING, max_length=50)
    shell = Table("account", "Account", columns=(*SHELL.columns, newer))
    change = ColumnChange("contoso_region", (("max_length", 80),), Location("specs/s.xml", 9))
    layer = solution("core", 0, shell=shell, column_changes=(change,))
    tables, found = resolved(ACCOUNT, layer)
    assert found == []
    region = account(tables).column("contoso_region")
    assert region is not None and region.max_length == 80
    unknown = ColumnChange("contoso_gone", (("max_length", 80),), Location("specs/s.xml", 12))
    _, found = resolved(ACCOUNT, solution("core", 0, shell=shell, column_changes=(unknown,)))
    assert found == [
        "specs/s.xml:12: warning: changes column 'contoso_gone', which table 'account' does "
        "not have: not applied [layer-column-unknown]"
    ]


def removal(*names: str) -> TableExtension:
    return TableExtension(
        "account",
        removed_columns=tuple(Removal(n, Location("specs/custom.yaml", 3)) for n in names),
        loc=Location("specs/custom.yaml", 1),
        kind=LayerKind.CUSTOMIZATION,
    )


def test_removing_a_lookup_removes_its_companion_columns_not_the_primary_ones() -> None:
    lookup = Column("primarycontactid", "PrimaryContactId", ColumnType.LOOKUP)
    companion = Column(
        "primarycontactidname", "PrimaryContactIdName", ColumnType.STRING,
        attribute_of="primarycontactid",
    )  # fmt: skip
    base = replace(ACCOUNT, columns=(*ACCOUNT.columns, lookup, companion))
    tables, found = resolved(base, removal("primarycontactid"))
    assert found == []
    assert [c.logical_name for c in account(tables).columns] == [
        "accountid",
        "industrycode",
        "name",
    ]
    _, found = resolved(base, removal("name"))
    assert found == [
        "specs/custom.yaml:3: error: removes column 'name', the primary name column of table "
        "'account': a table cannot lose it"
    ]
