"""A warm run (cache kept across edits) gives the bytes of a cold run, whatever the edit; and it
renders again only the tables whose inputs changed."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from dvgen import fragments
from dvgen.cache import Cache
from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.fragments import Fragments, delta_key, kept_before, pack_key
from dvgen.pipeline import generate, select_targets
from dvgen.targets.sql.dialects import DIALECTS
from tests.conftest import ROOT, corpus_pages, needs_shared

Edit = Callable[[Path], None]
PER_TABLE = ("model", "jsonschema", "pydantic", "odata")
"""The targets that keep a fragment per table."""


def replace(name: str, old: str, new: str) -> Edit:
    def edit(specs: Path) -> None:
        path = specs / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{name} lacks {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def cut(name: str, at: str) -> Edit:
    """The spec up to ``at`` (its last section, dropped)."""

    def edit(specs: Path) -> None:
        path = specs / name
        text = path.read_text(encoding="utf-8")
        path.write_text(text[: text.index(at)], encoding="utf-8")

    return edit


def move(name: str, to: str) -> Edit:
    def edit(specs: Path) -> None:
        (specs / name).rename(specs / to)

    return edit


REGULAR = "|GlobalChoiceName|`activitypointer_isregularactivity`|\n|DefaultValue|False|\n"
PARTNER = "referenced_entity_navigation_property_name: contoso_backgroundoperation_contoso_project"
EDITS: list[tuple[str, Edit]] = [
    (
        "a description",
        replace(
            "account.md",
            "|Description|Select a category",
            "|Description|Changed. Select a category",
        ),
    ),
    (
        "a lookup target's entity set name",
        replace("account.md", "|EntitySetName|accounts|", "|EntitySetName|accountz|"),
    ),
    (
        "a global choice, on another page than its other users",
        replace("email.md", REGULAR + "|True Label|Yes|", REGULAR + "|True Label|Surely|"),
    ),
    (
        "a relationship partner's navigation name",
        replace("contoso_project.yaml", PARTNER, PARTNER.replace("_project", "_projects")),
    ),
    ("a relationship removed", cut("contoso_project.yaml", "relationships:\n")),
    ("a referenced table removed", move("account.md", "account.md.off")),
    ("a referenced table added back", move("account.md.off", "account.md")),
    ("a spec renamed", move("contact.md", "zz_contact.md")),
]


RELATED = frozenset(
    {
        "account.md",
        "activityfileattachment.md",
        "annotation.md",
        "appointment.md",
        "backgroundoperation.md",
        "businessunit.md",
        "contact.md",
        "email.md",
        "fax.md",
        "letter.md",
        "post.md",
        "queue.md",
        "socialactivity.md",
        "task.md",
    }
)
"""Corpus pages that refer to each other (lookups, relationships, global choices)."""


def corpus(folder: Path) -> Path:
    specs = folder / "specs"
    specs.mkdir()
    for page in corpus_pages():
        if page.name in RELATED:
            shutil.copy(page, specs / page.name)
    shutil.copy(ROOT / "specs" / "contoso_project.yaml", specs / "contoso_project.yaml")
    return specs


def outcome(config: Config) -> tuple[dict[str, str], list[str]]:
    result = generate(config, Diagnostics())
    return result.files, [str(w) for w in result.warnings]


def fragment_files(cache: Path, target: str) -> set[str]:
    """The keys of the fragments ``target`` keeps in the cache."""
    fragments = Fragments(Cache(cache), target, "")
    fragments.get("")
    return set(fragments.found or {})


@needs_shared
def test_a_warm_run_after_each_edit_gives_the_cold_run_bytes(tmp_path: Path) -> None:
    specs = corpus(tmp_path)
    warm = Config(specs=specs, cache=True, cache_dir=tmp_path / "cache", jobs=1)
    cold = Config(specs=specs, cache=False, jobs=1)
    outcome(warm)
    for name, edit in EDITS:
        edit(specs)
        assert_as_cold(warm, cold, name)


def assert_as_cold(warm: Config, cold: Config, name: str) -> None:
    """The warm run gives the cold run's files and warnings (``name``: the edit, for the
    message)."""
    files, warnings = outcome(warm)
    cold_files, cold_warnings = outcome(cold)
    assert sorted(files) == sorted(cold_files), name
    changed = [path for path in files if files[path] != cold_files[path]]
    assert not changed, f"after {name}: {changed[:5]}"
    assert warnings == cold_warnings, name


@needs_shared
def test_one_changed_description_renders_one_table_again(tmp_path: Path) -> None:
    specs = corpus(tmp_path)
    cache = tmp_path / "cache"
    warm = Config(specs=specs, cache=True, cache_dir=cache, jobs=1)
    assert not kept_before(select_targets(warm))
    outcome(warm)
    assert kept_before(select_targets(warm))  # the next run reads more than it renders
    before = {target: fragment_files(cache, target) for target in PER_TABLE}
    sql = fragment_files(cache, "sql")
    assert len(sql) >= 2 * len(DIALECTS) * len(RELATED)
    assert all(len(before[target]) >= len(RELATED) for target in PER_TABLE), before
    EDITS[0][1](specs)
    outcome(warm)
    for target in PER_TABLE:
        after = fragment_files(cache, target)
        assert len(after - before[target]) == 1, target  # account's, rendered again
        assert len(before[target] - after) == 1, target  # its old one, pruned
    # SQL: account's claims and block in each dialect, the other tables' kept
    assert len(fragment_files(cache, "sql") - sql) == 2 * len(DIALECTS)


@pytest.mark.parametrize("target", PER_TABLE)
def test_fragments_follow_the_settings(project: Path, target: str) -> None:
    """The same table under other settings is another fragment, never the old text."""
    cache = project / "cache"
    plain = Config(specs=Path("specs"), cache_dir=cache, jobs=1, targets=(target,))
    other = Config(
        specs=Path("specs"),
        cache_dir=cache,
        jobs=1,
        targets=(target,),
        jsonschema_base_uri="https://example.org/other/",
        pydantic_package="other_models",
        choices="open",
    )
    first = outcome(plain)[0]
    assert outcome(other)[0] == outcome(dataclasses.replace(other, cache=False))[0]
    assert outcome(plain)[0] == first == outcome(dataclasses.replace(plain, cache=False))[0]


@needs_shared
def test_a_run_that_changes_a_few_fragments_writes_only_the_delta(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    specs = corpus(tmp_path)
    cache = tmp_path / "cache"
    warm = Config(specs=specs, cache=True, cache_dir=cache, jobs=1, targets=("model",))
    outcome(warm)
    (pack,) = cache.rglob(f"{pack_key('model')}.json")
    before = pack.read_bytes()
    monkeypatch.setattr(fragments, "COMPACT", 1.0)
    EDITS[0][1](specs)  # account's description
    files = outcome(warm)[0]
    assert pack.read_bytes() == before  # the pack is left as it was
    token, made, dropped = Cache(cache).get(fragments.KIND, delta_key("model"))
    assert before.split(b"\n", 1)[1].startswith(f'["{token}"'.encode())
    assert len(made) == 1 and len(dropped) == 1  # account's new YAML, and its old one
    assert files == outcome(dataclasses.replace(warm, cache=False))[0]
    monkeypatch.setattr(fragments, "COMPACT", 0.0)
    EDITS[1][1](specs)
    assert outcome(warm)[0] == outcome(dataclasses.replace(warm, cache=False))[0]
    assert pack.read_bytes() != before  # written whole again, under a new token
    assert Cache(cache).get(fragments.KIND, delta_key("model"))[1:] == ({}, ())
    assert len(fragment_files(cache, "model")) == len(files)  # one per table, none left over


PROJECT = """\
logical_name: new_project
schema_name: new_Project
primary_id_attribute: new_projectid
ownership_type: OrganizationOwned
columns:
  - {{logical_name: new_projectid, schema_name: new_ProjectId, type: Uniqueidentifier}}
relationships:
  many_to_many:
    - schema_name: new_project_member
      intersect_entity_name: new_project_member
      this_table: {{logical_name: new_project, intersect_attribute: {column}}}
      other_table: {{logical_name: new_member, intersect_attribute: new_memberid}}
"""
MEMBER = """\
logical_name: new_member
schema_name: new_Member
primary_id_attribute: new_memberid
ownership_type: OrganizationOwned
columns:
  - {logical_name: new_memberid, schema_name: new_MemberId, type: Uniqueidentifier}
"""
INTERSECT = """\
logical_name: new_project_member
primary_id_attribute: new_project_memberid
columns:
  - {logical_name: new_project_memberid, type: Uniqueidentifier, required_level: SystemRequired}
  - {logical_name: new_projectid, type: Uniqueidentifier, required_level: SystemRequired}
  - {logical_name: new_memberid, type: Uniqueidentifier, required_level: SystemRequired}
"""


def test_an_intersect_tables_pair_follows_the_spec_that_states_it(tmp_path: Path) -> None:
    """The unique pair of an intersect table is stated by an end's spec, not its own: when that
    spec names another intersect column, the intersect table's cached SQL block (its own spec
    unchanged) is not reused: the pair is part of what the block is made from
    (``targets.sql.target._source``)."""
    specs = tmp_path / "specs"
    specs.mkdir()
    project = specs / "new_project.yaml"
    project.write_text(PROJECT.format(column="new_projectid"), encoding="utf-8")
    (specs / "new_member.yaml").write_text(MEMBER, encoding="utf-8")
    (specs / "new_project_member.yaml").write_text(INTERSECT, encoding="utf-8")
    warm = Config(specs=specs, cache=True, cache_dir=tmp_path / "cache", jobs=1)
    cold = Config(specs=specs, cache=False, jobs=1)
    assert "uq_new_project_member" in outcome(warm)[0]["sql/sqlite/schema.sql"]
    # a column the intersect table lacks (warned): no pair
    project.write_text(PROJECT.format(column="new_projectkey"), encoding="utf-8")
    assert "uq_new_project_member" not in outcome(warm)[0]["sql/sqlite/schema.sql"]
    assert_as_cold(warm, cold, "an intersect column renamed on an end's spec")
