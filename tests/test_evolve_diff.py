"""``dvgen diff``: every change two models differ by, each classified by one rule.

The diff is checked against an independent comparison of the two models' canonical data
(``evolve_support.independent_changes``), over the real evolution pairs and over one
synthetic edit per rule of the classification table.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dvgen.config import Config
from dvgen.evolve.cli import closed_options, closed_properties
from dvgen.evolve.diff import diff_sets
from dvgen.evolve.rules import RULES
from dvgen.targets.model.target import table_yaml
from tests.conftest import CORPUS, ROOT, needs_shared, parse_file, resolve_clean
from tests.evolve_support import (
    DERIVED,
    EVOLUTION,
    as_found,
    edited,
    independent_changes,
    one,
    pair_params,
)

DOCS = ROOT / "docs" / "evolution.md"


@pytest.mark.parametrize(("old", "new"), pair_params())
def test_diff_lists_exactly_what_an_independent_comparison_finds(old: Path, new: Path) -> None:
    before, after = one(old), one(new)
    changes = diff_sets(before, after)
    found = {as_found(c) for c in changes if c.rule not in DERIVED}
    assert found == independent_changes(before, after)
    assert changes, "every pair of versions differs"


@pytest.mark.parametrize("rule", list(RULES))
def test_each_rule_has_an_edit_it_classifies_alone(rule: str) -> None:
    before, after = edited(rule)
    closed = Config(
        choices="closed" if rule in ("option-added-closed", "options-stated-closed") else "open",
        properties="closed" if rule == "column-added-closed" else "open",
    )
    changes = closed_properties(closed_options(diff_sets(before, after), closed), closed, after)
    assert {c.rule for c in changes} == {rule} | DERIVED.get(rule, set())
    found = {as_found(c) for c in changes if c.rule not in DERIVED}
    assert found == independent_changes(before, after)
    assert all(c.breaking is RULES[rule].breaking for c in changes if c.rule == rule)


def test_the_docs_table_lists_every_rule_as_the_code_classifies_it() -> None:
    rows = re.findall(r"^\| `([a-z-]+)` \| (breaking|safe) \|", DOCS.read_text("utf-8"), re.M)
    assert dict(rows) == {name: "breaking" if r.breaking else "safe" for name, r in RULES.items()}
    assert len(rows) == len(RULES)


@needs_shared
def test_a_page_format_change_alone_gives_no_change(tmp_path: Path) -> None:
    """The same text in two places, and the same table as a page and as canonical YAML."""
    same = [(EVOLUTION / "solution/2022-05-23_086a6944.md", CORPUS / "solution.md")]
    same += [(EVOLUTION / "plugintype/undated_0658c019.md", CORPUS / "plugintype.md")]
    for versioned, corpus in same:
        assert diff_sets(one(versioned), one(corpus)) == []
    for page in (CORPUS / "solution.md", CORPUS / "webresource.md"):
        table = one(page).tables[0]
        spec = tmp_path / f"{table.logical_name}.yaml"
        spec.write_text(table_yaml(table), encoding="utf-8")
        assert diff_sets(one(page), resolve_clean([parse_file(spec)])) == []


@needs_shared
def test_the_real_changes_sources_tsv_names_are_classified() -> None:
    def rules(table: str) -> dict[tuple[str, ...], str]:
        old, new = sorted((EVOLUTION / table).glob("*.md"))[:2]
        return {c.path: c.rule for c in diff_sets(one(old), one(new))}

    found = rules("appnotification")
    for column in ("expireson", "statecode", "statuscode"):
        assert found[("columns", column)] == "column-removed"
    assert found[("columns", "ttlinseconds")] == "column-added"
    removed = [p for p, r in found.items() if r == "relationship-removed"]
    assert len(removed) == 8
    assert rules("serviceendpoint")[("columns", "contract", "choices", "10")] == "option-added"
    found = rules("duplicaterulecondition")
    assert found[("columns", "operatorcode", "required_level")] == "required-raised"
    assert found[("columns", "operatorcode", "valid_for_update")] == "column-access-removed"
    found = rules("environmentvariabledefinition")
    assert found[("columns", "parentdefinitionid", "targets")] == "lookup-target-added"


@needs_shared
@pytest.mark.parametrize(("table", "count"), [("connectionreference", 9), ("plugintype", 7)])
def test_helper_columns_no_longer_listed_are_lookup_companions_not_removed_columns(
    table: str, count: int
) -> None:
    """SOURCES.tsv: newer generators drop the *Name/*YomiName helpers "(not a schema change)"."""
    old, new = sorted((EVOLUTION / table).glob("*.md"))
    changes = diff_sets(one(old), one(new))
    companions = [c for c in changes if c.rule == "lookup-companion-removed"]
    assert len(companions) == count
    assert all(c.column and c.column.endswith("name") for c in companions)
    assert not [c for c in changes if c.rule == "column-removed"]
