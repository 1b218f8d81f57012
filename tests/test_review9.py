"""Open review questions, decided by how Dataverse behaves (each test fails without its fix).

Evidence: Microsoft's "Custom activities" (powerapps-docs, developer/data-platform/
custom-activities.md: ``CreateEntityRequest.HasActivities`` ``false``, "A custom activity table
must not have a relationship with activities"); "Create elastic tables using code" (developer/
data-platform/create-elastic-tables.md: "Cascading is not supported. Cascading behavior must be
set to ``Cascade.None``"), against the parental cascade of every regarding relationship
(``dvgen.regarding``); the real exports of ``../shared/solutions`` (3517 ``<LogicalName>``
elements, none with capitals) and Microsoft's pages of columns whose logical names keep capitals
(``msdyn_useOrgUILanguage``: ``tests/test_cased_logical_names.py``). The pages, specs and
solutions below are small ones of our own, in the formats of the real ones.
"""

from __future__ import annotations

from pathlib import Path

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics, SpecError
from dvgen.model import Table
from dvgen.pipeline import Generation, generate
from tests.solution_support import layered
from tests.test_activity_regarding import PROJECT, REGARDING, SET
from tests.test_custom_activity import SMS, _attribute, _export

# activitypointer's page cut down to its key, subject, regarding lookup and the relationship
# Dataverse made with a table enabled for activities (2024 format, as email.md's).
POINTER_PAGE = """\
---
title: "ActivityPointer table/entity reference (Microsoft Dataverse)"
ms.topic: reference
---

# ActivityPointer table/entity reference (Microsoft Dataverse)

Task performed, or to be performed, by a user.

## Properties

|Property|Value|
| --- | --- |
| **DisplayName** | **Activity** |
| **SchemaName** | `ActivityPointer` |
| **CollectionSchemaName** | `ActivityPointers` |
| **EntitySetName** | `activitypointers`|
| **LogicalName** | `activitypointer` |
| **PrimaryIdAttribute** | `activityid` |
| **PrimaryNameAttribute** |`subject` |
| **OwnershipType** | `UserOwned` |

## Writable columns/attributes

### <a name="BKMK_ActivityId"></a> ActivityId

|Property|Value|
|---|---|
|LogicalName|`activityid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_RegardingObjectId"></a> RegardingObjectId

|Property|Value|
|---|---|
|LogicalName|`regardingobjectid`|
|RequiredLevel|None|
|Type|Lookup|
|Targets|new_project|

### <a name="BKMK_Subject"></a> Subject

|Property|Value|
|---|---|
|LogicalName|`subject`|
|MaxLength|400|
|RequiredLevel|None|
|Type|String|

## Many-to-One relationships

### <a name="BKMK_new_project_ActivityPointers"></a> new_project_ActivityPointers

One-To-Many Relationship: [new_project new_project_ActivityPointers](new_project.md)

|Property|Value|
|---|---|
|ReferencedEntity|`new_project`|
|ReferencedAttribute|`new_projectid`|
|ReferencingAttribute|`regardingobjectid`|
|ReferencingEntityNavigationPropertyName|`regardingobjectid_new_project`|
"""
# A lookup of the project whose relationship the author named as Dataverse names task's
# regarding relationship to the project.
TAKEN = """\
  - {logical_name: new_managerid, schema_name: new_ManagerId, type: Lookup, targets: [systemuser]}
relationships:
  many_to_one:
    - schema_name: new_project_Tasks
      referenced_entity: systemuser
      referencing_attribute: new_managerid
"""


def _table(generation: Generation, name: str) -> Table:
    table = generation.tables.get(name)
    assert isinstance(table, Table)
    return table


# --- 3. a solution's column whose <LogicalName> has capitals ----------------------------------


def test_a_capitalised_logical_name_of_an_export_is_keyed_lower_and_kept_for_the_web_api(
    tmp_path: Path,
) -> None:
    """No real export of ../shared/solutions writes one, but Dataverse keeps a few logical
    names with capitals (``msdyn_useOrgUILanguage``), and its Web API property keeps them: read
    as a page's is, keyed in lower case, its Web API name kept, and said at its line."""
    cased = _attribute("new_Code", "nvarchar", "<MaxLength>10</MaxLength>").replace(
        "<LogicalName>new_code</LogicalName>", "<LogicalName>new_Code</LogicalName>"
    )
    generation = layered(tmp_path, _export(cased))
    column = _table(generation, "new_sms").columns_by_name["new_code"]
    assert column.cased_logical_name == "new_Code"
    assert '<Property Name="new_Code"' in generation.files["odata/metadata.xml"]
    (said,) = [d for d in generation.warnings if d.code == "logical-name-case"]
    assert said.location.path.endswith("customizations.xml") and said.location.line > 1
    assert "'new_Code'" in said.message


# --- 1. tables enabled for activities ---------------------------------------------------------


def _run(tmp_path: Path, files: dict[str, str]) -> tuple[Generation | None, list[str]]:
    """The set generated (None when it failed), and every diagnostic as printed."""
    specs = tmp_path / "specs"
    specs.mkdir()
    for name, text in files.items():
        (specs / name).write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    try:
        generation = generate(Config(specs=specs, out=tmp_path / "out", cache=False), diagnostics)
    except SpecError:
        return None, [str(d) for d in diagnostics]
    return generation, [str(d) for d in diagnostics]


def test_an_activity_enabled_for_activities_is_an_error_at_its_line(tmp_path: Path) -> None:
    """A custom activity is created with HasActivities false ("must not have a relationship
    with activities"): the spec saying otherwise is refused at the line that says it."""
    enabled = SMS.replace(
        "primary_id_attribute: activityid\n",
        "primary_id_attribute: activityid\nhas_activities: true\n",
    )
    assert enabled != SMS
    line = enabled.splitlines().index("has_activities: true") + 1
    generation, said = _run(tmp_path, {"new_sms.yaml": enabled})
    assert generation is None
    (error,) = [s for s in said if "has_activities" in s]
    assert f"specs/new_sms.yaml:{line}: error:" in error
    assert "cannot be enabled for activities" in error


def test_a_customization_enabling_an_activity_is_an_error(tmp_path: Path) -> None:
    files = {"new_sms.yaml": SMS, "on.yaml": "customizes: new_sms\nhas_activities: true\n"}
    generation, said = _run(tmp_path, files)
    assert generation is None
    assert any("on.yaml" in s and "cannot be enabled for activities" in s for s in said), said


def test_an_elastic_table_enabled_for_activities_is_an_error(tmp_path: Path) -> None:
    """Elastic tables cascade nothing ("Cascading behavior must be set to Cascade.None"), and
    a regarding relationship is parental."""
    elastic = PROJECT.replace(
        "has_activities: true\n", "has_activities: true\ntable_type: Elastic\n"
    )
    generation, said = _run(tmp_path, {**SET, "new_project.yaml": elastic})
    assert generation is None
    (error,) = [s for s in said if "has_activities" in s]
    line = elastic.splitlines().index("has_activities: true") + 1
    assert f"new_project.yaml:{line}: error:" in error and "elastic" in error


def test_a_solution_s_activity_said_enabled_is_read_as_not_with_a_warning(tmp_path: Path) -> None:
    solution = _export()
    solution["customizations.xml"] = solution["customizations.xml"].replace(
        "<IsActivity>1</IsActivity>",
        "<IsActivity>1</IsActivity><HasRelatedActivities>True</HasRelatedActivities>",
    )
    generation = layered(tmp_path, solution)
    assert _table(generation, "new_sms").has_activities is None
    (said,) = [d for d in generation.warnings if d.code == "activities-refused"]
    assert said.location.path.endswith("customizations.xml")


def test_has_activities_false_beside_a_page_s_activitypointers_relationship(tmp_path: Path) -> None:
    """The page of activitypointer lists the table's ``new_project_ActivityPointers``: Dataverse
    made it, so the table is enabled (and stays so); the spec's ``false`` is said and
    overridden, and each activity of the set regards the table."""
    off = PROJECT.replace("has_activities: true\n", "has_activities: false\n")
    files = {**SET, "new_project.yaml": off, "activitypointer.md": POINTER_PAGE}
    generation, said = _run(tmp_path, files)
    assert generation is not None, said
    (warning,) = [s for s in said if "[has-activities-contradicted]" in s]
    assert "specs/new_project.yaml:1: warning:" in warning
    assert "'activitypointer'" in warning
    project = _table(generation, "new_project")
    assert project.has_activities is True
    assert "new_project" in _table(generation, "new_sms").columns_by_name[REGARDING].targets


def test_a_regarding_relationship_s_name_taken_by_another_is_said(tmp_path: Path) -> None:
    """The author named a relationship of another lookup ``new_project_Tasks``, the name
    Dataverse gives task's regarding relationship to new_project: none is added (a second of
    one name would break every target), and the warning names the relationship's line."""
    taken = PROJECT + TAKEN
    generation, said = _run(tmp_path, {**SET, "new_project.yaml": taken})
    assert generation is not None, said
    (warning,) = [s for s in said if "[regarding-name-taken]" in s]
    line = taken.splitlines().index("    - schema_name: new_project_Tasks") + 1
    assert f"specs/new_project.yaml:{line}: warning:" in warning
    assert "task.regardingobjectid" in warning
    assert "new_project" not in _table(generation, "task").columns_by_name[REGARDING].targets


def test_removing_a_relationship_made_for_activities_says_what_it_is(tmp_path: Path) -> None:
    removal = "customizes: new_project\nremove:\n  relationships: [new_project_Tasks]\n"
    generation, said = _run(tmp_path, {**SET, "off.yaml": removal})
    assert generation is None
    (error,) = [s for s in said if "off.yaml" in s]
    assert "task.regardingobjectid" in error and "cannot be removed" in error
    assert "does not have" not in error
