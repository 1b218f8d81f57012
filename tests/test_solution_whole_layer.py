"""A table a solution holds whole while another spec defines it is a layer of that solution on it
(``dvgen.solution.units._ranked``): what a layer can add must come with it.

The case is real: an export that includes a Microsoft table dvgen does not know by name with all
its parts (root component behavior 0) beside that table's reference page, or two solutions of
one org that both include a table whole (a patch and its parent). The layer kept the table's
columns and relationships, but lost its alternate keys and its ``<HasRelatedActivities>``: an
org's integration key left no unique constraint, and a table enabled for activities got no
regarding relationship. The solution is a small one of our own, in the format of real exports
(``tests/solution_support``).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.model import Table
from dvgen.pipeline import Generation, generate
from tests.solution_support import HEAD, SITE, SOLUTION, UNPACKED, layered, write_solution

ENABLED = "<IsCustomizable>1</IsCustomizable>\n      <HasRelatedActivities>1</HasRelatedActivities>"
KEY = """      <EntityKeys>
        <EntityKey>
          <Name>contoso_key_name</Name>
          <LogicalName>contoso_key_name</LogicalName>
          <EntityKeyAttributes><AttributeName>contoso_name</AttributeName></EntityKeyAttributes>
        </EntityKey>
      </EntityKeys>
      <EntitySetName>"""
KEYED_SITE = SITE.replace("<IsCustomizable>1</IsCustomizable>", ENABLED).replace(
    "      <EntitySetName>", KEY, 1
)
# The table as a YAML spec of the set defines it (its page, say): no key, activities unsaid.
SITE_SPEC = """\
logical_name: contoso_site
schema_name: contoso_Site
entity_set_name: contoso_sites
primary_id_attribute: contoso_siteid
primary_name_attribute: contoso_name
columns:
  - logical_name: contoso_siteid
    type: Uniqueidentifier
    required_level: SystemRequired
  - logical_name: contoso_name
    type: String
    max_length: 100
"""
TASK = """\
logical_name: task
schema_name: Task
entity_set_name: tasks
primary_id_attribute: activityid
primary_name_attribute: subject
columns:
  - logical_name: activityid
    type: Uniqueidentifier
    required_level: SystemRequired
  - logical_name: subject
    type: String
    max_length: 200
  - logical_name: regardingobjectid
    type: Lookup
    targets: [account]
"""


def _site(generation: Generation) -> Table:
    site = generation.tables.get("contoso_site")
    assert site is not None
    return site


def _keyed_solution() -> dict[str, str]:
    files = dict(UNPACKED)
    files["Entities/contoso_Site/Entity.xml"] = KEYED_SITE
    files["Other/Solution.xml"] = SOLUTION.format(name="ContosoSites", requires="")
    return files


def test_a_whole_table_a_spec_defines_keeps_the_solution_s_key_and_activities(
    tmp_path: Path,
) -> None:
    generation = layered(tmp_path, _keyed_solution(), ("contoso_site.yaml", SITE_SPEC))
    site = _site(generation)
    assert [(k.logical_name, k.columns) for k in site.keys] == [
        ("contoso_key_name", ("contoso_name",))
    ]
    assert site.has_activities is True
    ddl = generation.files["sql/sqlite/schema.sql"]
    with sqlite3.connect(":memory:") as db:  # the key is a unique index SQLite enforces
        db.executescript(ddl)
        unique = [
            [column for _, _, column in db.execute(f"PRAGMA index_info('{name}')")]
            for _, name, is_unique, *_ in db.execute("PRAGMA index_list('contoso_site')")
            if is_unique
        ]
    assert ["contoso_name"] in unique


def test_an_activity_regards_a_whole_table_a_solution_enables(tmp_path: Path) -> None:
    """The enabled table is a target of the set's activities' regarding lookup, as Dataverse
    makes ``contoso_site_Tasks`` when activities are enabled."""
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "contoso_site.yaml").write_text(SITE_SPEC, encoding="utf-8")
    (specs / "task.yaml").write_text(TASK, encoding="utf-8")
    folder = specs / "Solution"
    for relative, text in _keyed_solution().items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(HEAD + text, encoding="utf-8")
    config = Config(specs=specs, out=tmp_path / "out", cache=False)
    generation = generate(config, Diagnostics())
    task = generation.tables.get("task")
    assert task is not None
    assert "contoso_site" in task.columns_by_name["regardingobjectid"].targets
    names = {r.schema_name for r in _site(generation).relationships.one_to_many}
    assert "contoso_site_Tasks" in names


def test_a_second_solution_holding_the_table_whole_adds_its_key(tmp_path: Path) -> None:
    """Two solutions of one org include the table whole; the one that depends on the other
    (installed after it) adds the key and enables activities."""
    specs = tmp_path / "specs"
    write_solution(specs / "Base", name="ContosoBase")
    later = specs / "Later"
    write_solution(later, name="ContosoLater", requires="ContosoBase")
    (later / "Entities/contoso_Site/Entity.xml").write_text(HEAD + KEYED_SITE, encoding="utf-8")
    config = Config(specs=specs, out=tmp_path / "out", cache=False)
    diagnostics = Diagnostics()
    generation = generate(config, diagnostics)
    site = _site(generation)
    assert [k.logical_name for k in site.keys] == ["contoso_key_name"]
    assert site.has_activities is True
