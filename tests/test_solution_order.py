"""The setting ``solution-order``: the order in which an org installed solutions neither of
which depends on the other, so that where they disagree the later one wins, as in Dataverse.
Without it such a disagreement is an error that names the setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from dvgen.cache import Cache
from dvgen.model import TableExtension
from dvgen.solution.units import find_solutions, parse_solutions
from tests.conftest import run, settings
from tests.solution_support import write_solution

TIER = "Entities/Account/Entity.xml"
ACCOUNT = """logical_name: account
primary_id_attribute: accountid
primary_name_attribute: name
columns:
  - {logical_name: accountid, type: Uniqueidentifier}
  - {logical_name: name, type: String, max_length: 160}
"""


@pytest.fixture()
def two(workdir: Path) -> Path:
    """Two independent solutions that add ``account.contoso_tier``, 40 and 60 long, to an
    ``account`` of the set."""
    specs = workdir / "specs"
    specs.mkdir()
    (specs / "account.yaml").write_text(ACCOUNT, encoding="utf-8")
    write_solution(specs / "first", name="Alpha")
    write_solution(specs / "second", name="Beta")
    entity = specs / "second" / TIER
    entity.write_text(entity.read_text(encoding="utf-8").replace(">40<", ">60<"), "utf-8")
    return workdir


def tier_length(project: Path) -> str:
    model = (project / "generated/model/account.yaml").read_text(encoding="utf-8")
    block = model.split("logical_name: contoso_tier\n", 1)[1].split("\n- ", 1)[0]
    return block.split("max_length: ", 1)[1].split("\n", 1)[0]


def test_a_disagreement_of_unordered_solutions_names_the_setting(
    two: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "generate", "--target", "model")
    assert code == 2
    assert "max_length 60 here, but specs/first/Entities/Account/Entity.xml:" in err
    assert "Dataverse keeps what the one installed last sets; name the order in the " in err
    assert "setting solution-order" in err


@pytest.mark.parametrize(
    ("order", "length"), [('["Alpha", "Beta"]', "60"), ('["beta", "alpha"]', "40")]
)
def test_the_solution_installed_last_wins(
    order: str, length: str, two: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings(two, f"solution-order = {order}")
    code, _, err = run(capsys, "generate", "--target", "model")
    assert code == 0, err
    assert tier_length(two) == length


def test_a_name_that_is_no_solution_is_a_warning_at_its_line(
    two: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings(two, 'solution-order = ["Alpha", "Betta", "Beta"]')
    code, _, err = run(capsys, "generate", "--target", "model")
    assert code == 0, err
    assert (
        "pyproject.toml:2: warning: [tool.dvgen]: solution-order: 'Betta' is no solution of "
        "the specs folder (the solutions: Alpha, Beta) [solution-order-unmatched]\n"
    ) == err


def test_the_order_ranks_what_dependencies_leave_unordered(two: Path) -> None:
    specs = two / "specs"
    write_solution(specs / "third", name="Gamma", requires="Alpha")
    units = [(str(name), data) for name, data in find_solutions(specs, specs)]
    for order, expected in (
        ((), {"Alpha": 0, "Beta": 0, "Gamma": 1}),
        (("Beta", "Alpha"), {"Beta": 0, "Alpha": 1, "Gamma": 2}),
        (("Gamma", "Beta"), {"Alpha": 0, "Gamma": 1, "Beta": 2}),
    ):
        found, _ = parse_solutions(units, Cache(None), 1033, order=order)
        ranks = {s.solution: s.rank for s in found if isinstance(s, TableExtension)}
        assert ranks == expected, order


def test_an_order_against_a_dependency_leaves_the_dependency_first(workdir: Path) -> None:
    """solution-order listing a solution before one it depends on (by its manifest, or through
    a third) cannot be the order of install, as Dataverse installs no solution before what it
    requires: the dependency still ranks first. It ranked after its dependant, whose changes it
    then overrode, the cycle broken by name."""
    specs = workdir / "specs"
    write_solution(specs / "base", name="Zeta")
    write_solution(specs / "middle", name="Beta", requires="Zeta")
    write_solution(specs / "top", name="Alpha", requires="Beta")
    units = [(str(name), data) for name, data in find_solutions(specs, specs)]
    for order in ((), ("Alpha", "Zeta"), ("Beta", "Zeta"), ("Alpha", "Beta", "Zeta")):
        found, _ = parse_solutions(units, Cache(None), 1033, order=order)
        ranks = {s.solution: s.rank for s in found if isinstance(s, TableExtension)}
        assert ranks == {"Zeta": 0, "Beta": 1, "Alpha": 2}, order


@pytest.mark.parametrize("base", ["page", "shell"])
def test_a_solution_restating_what_is_there_still_has_to_agree(
    base: str, two: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Alpha states contoso_tier as the base has it (40), Beta otherwise (60): Beta silently
    won, by its folder's name, where the base already held Alpha's value (a table spec
    listing the column, or Alpha's own shell when no spec defines the table)."""
    account = two / "specs" / "account.yaml"
    if base == "page":
        tier = "  - {logical_name: contoso_tier, schema_name: contoso_Tier, type: String"
        account.write_text(ACCOUNT + tier + ", max_length: 40}\n", encoding="utf-8")
    else:
        account.unlink()
    code, _, err = run(capsys, "generate", "--target", "model")
    assert code == 2
    assert "max_length 60 here, but specs/first/Entities/Account/Entity.xml:8 sets it to 40" in err


def test_an_order_against_a_dependency_is_a_warning(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The order the setting names is not taken where it lists a solution before one it
    depends on (here through a third): that is said, not left silent."""
    specs = workdir / "specs"
    specs.mkdir()
    (specs / "account.yaml").write_text(ACCOUNT, encoding="utf-8")
    write_solution(specs / "base", name="Zeta")
    write_solution(specs / "middle", name="Beta", requires="Zeta")
    write_solution(specs / "top", name="Alpha", requires="Beta")
    settings(workdir, 'solution-order = ["Alpha", "Zeta"]')
    code, _, err = run(capsys, "generate", "--target", "model")
    assert code == 0, err
    assert err == (
        "pyproject.toml:2: warning: [tool.dvgen]: solution-order: 'Alpha' is listed before "
        "'Zeta', which it depends on: Dataverse installs no solution before one it depends on, "
        "so 'Zeta' still comes first [solution-order-against-dependency]\n"
    )


def test_only_the_solution_that_depends_on_a_later_one_is_warned_of(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Listed Alpha, Gamma, Zeta with Alpha requiring Zeta: Zeta comes first, and Gamma, which
    the order puts after Alpha, comes after Zeta too; but Gamma does not depend on Zeta, and the
    warning says so of Alpha only (it also said Gamma depended on Zeta)."""
    specs = workdir / "specs"
    specs.mkdir()
    (specs / "account.yaml").write_text(ACCOUNT, encoding="utf-8")
    write_solution(specs / "base", name="Zeta")
    write_solution(specs / "free", name="Gamma")
    write_solution(specs / "top", name="Alpha", requires="Zeta")
    settings(workdir, 'solution-order = ["Alpha", "Gamma", "Zeta"]')
    code, _, err = run(capsys, "generate", "--target", "model")
    assert code == 0, err
    assert err == (
        "pyproject.toml:2: warning: [tool.dvgen]: solution-order: 'Alpha' is listed before "
        "'Zeta', which it depends on: Dataverse installs no solution before one it depends on, "
        "so 'Zeta' still comes first [solution-order-against-dependency]\n"
    )
