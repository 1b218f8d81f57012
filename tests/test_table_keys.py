"""Per-table keys (``targets.tablekeys``): the JSON Schema and pydantic targets key a table's
text by what its context reads, not by the context, so a warm run builds only the contexts of
tables whose inputs changed; and whatever the edit, its files and warnings are a cold run's."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.pipeline import generate
from dvgen.targets.jsonschema import target as jsonschema
from dvgen.targets.pydantic.target import PackagePlan
from tests.conftest import needs_shared
from tests.test_incremental import EDITS, Edit, assert_as_cold, corpus, replace

TARGETS = ("jsonschema", "pydantic")

GAUGE = """\
logical_name: accountcategorycode
schema_name: AccountCategoryCode
display_name: Gauge
entity_set_name: accountcategorycodes
primary_id_attribute: accountcategorycodeid
columns:
  - logical_name: accountcategorycodeid
    schema_name: AccountCategoryCodeId
    type: Uniqueidentifier
  - logical_name: reading
    schema_name: Reading
    type: Integer
    min_value: 0
    max_value: 99999999999
"""
"""A table whose model takes the name of account's local enum (``AccountCategoryCode``, now
``AccountCategoryCode2`` in account's module: nothing of account changed), and whose column's
MaxValue is beyond an Int32 (a warning, said again by every run that reads its text)."""


def add(name: str, text: str) -> Edit:
    def edit(specs: Path) -> None:
        (specs / name).write_text(text, encoding="utf-8")

    return edit


def remove(name: str) -> Edit:
    def edit(specs: Path) -> None:
        (specs / name).unlink()

    return edit


MORE_EDITS: list[tuple[str, Edit]] = [
    ("a table added whose model takes another's enum name", add("gauge.yaml", GAUGE)),
    ("a description of another table", EDITS[0][1]),
    (
        "a related table's model name",
        replace("contact.md", "|SchemaName|Contact|", "|SchemaName|Kontakt|"),
    ),
    ("the table taking the enum name removed", remove("gauge.yaml")),
]
"""What the keys read beyond ``test_incremental.EDITS`` (which cover every target, these two
included): another table's claims, a related model's name, warnings said again."""


def outcome(config: Config) -> tuple[dict[str, str], list[str]]:
    result = generate(config, Diagnostics())
    return result.files, [str(w) for w in result.warnings]


@needs_shared
def test_a_warm_run_after_each_edit_gives_the_cold_run_bytes_and_warnings(
    tmp_path: Path,
) -> None:
    specs = corpus(tmp_path)
    warm = Config(specs=specs, cache_dir=tmp_path / "cache", jobs=1, targets=TARGETS)
    cold = dataclasses.replace(warm, cache=False)
    outcome(warm)
    for name, edit in MORE_EDITS:
        edit(specs)
        assert_as_cold(warm, cold, name)


def count_calls(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> list[str]:
    """The logical names of the tables ``owner.name`` is called with, from now on."""
    calls: list[str] = []
    wrapped: Callable[..., Any] = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        table = next(a for a in args if hasattr(a, "logical_name"))
        calls.append(table.logical_name)
        return wrapped(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


@needs_shared
def test_one_changed_description_builds_one_context(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    specs = corpus(tmp_path)
    warm = Config(specs=specs, cache_dir=tmp_path / "cache", jobs=1, targets=TARGETS)
    add("gauge.yaml", GAUGE)(specs)
    first = outcome(warm)
    schemas = count_calls(monkeypatch, jsonschema, "schema_context")
    modules = count_calls(monkeypatch, PackagePlan, "table_module")
    assert outcome(warm) == first  # nothing changed: nothing built, the warnings said again
    assert schemas == modules == []
    assert any("reading: MinValue/MaxValue exceed" in w for w in first[1])
    EDITS[0][1](specs)  # account's description
    files, warnings = outcome(warm)
    assert schemas == modules == ["account"]
    assert (files, warnings) == outcome(dataclasses.replace(warm, cache=False))
