"""Review of round 34/35's change (9b3800c..): faults found, each test failing without its fix.

The pages and specs below are small ones of our own, in the layouts of the real ones
(Dynamics 365's 2017 pages: MicrosoftDocs/dynamics-365-customer-engagement,
``ce/developer/entities/``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.solution_support import layered
from tests.test_activity_regarding import PROJECT
from tests.test_custom_activity import SMS, _export
from tests.test_parse_unseen34 import _column
from tests.test_review9 import _run

SENSOR = (
    "logical_name: app_sensor\ntable_type: {kind}\nprimary_name_attribute: app_name\n"
    "columns:\n  - {{logical_name: app_sensorid, type: Uniqueidentifier}}\n"
    "  - {{logical_name: app_name, type: String, max_length: 100}}\n"
    "  - {{logical_name: partitionid, type: String, max_length: 100}}\n"
    "keys:\n  - logical_name: keyfornosqlentitywithpkpartitionid\n"
    "    columns: [app_sensorid, partitionid]\n"
)

# task's page of 2017 cut down: its regarding relationship to new_project listed as the 2017
# pages list every many-to-one one, by its schema name and a link to the other table's page.
TASK_2017 = (
    "# task Entity Reference\n\nA task.\n\n"
    "## Entity Properties\n\n|Property|Value|\n|--------|-----|\n"
    "|EntitySetName|tasks|\n|LogicalName|task|\n|OwnershipType|UserOwned|\n"
    "|PrimaryIdAttribute|activityid|\n|PrimaryNameAttribute|subject|\n|SchemaName|Task|\n\n"
    '<a name="writable-attributes"></a>\n\n## Writable attributes\n\n'
    + _column("ActivityId", "activityid", "Uniqueidentifier")
    + _column("Subject", "subject", "String", "|FormatName|Text|\n|MaxLength|100|\n")
    + _column("RegardingObjectId", "regardingobjectid", "Lookup", "|Targets|new_project|\n")
    + '<a name="manytoone"></a>\n\n## Many-To-One Relationships\n\n'
    "Each Many-To-One relationship is defined by a corresponding One-To-Many relationship "
    "with the related entity. Listed by **SchemaName**.\n\n\n"
    '### <a name="BKMK_new_project_Tasks"></a> new_project_Tasks\n\n'
    "See new_project Entity [new_project_Tasks](new_project.md#BKMK_new_project_Tasks) "
    "One-To-Many relationship.\n"
)


def test_a_regarding_relationship_named_only_by_a_link_is_no_name_taken(tmp_path: Path) -> None:
    """The 2017 page names task's regarding relationship to new_project only by a link (no
    ReferencingAttribute): it is the relationship Dataverse made, not another holding its
    name; no regarding-name-taken ("task.None to new_project"), and the Web API target still
    gives it to regardingobjectid."""
    generation, said = _run(tmp_path, {"new_project.yaml": PROJECT, "task.md": TASK_2017})
    assert generation is not None, said
    assert not [s for s in said if "[regarding-name-taken]" in s]
    assert not [s for s in said if "[webapi-navigation]" in s]
    assert 'Name="new_project_Tasks"' in generation.files["odata/metadata.xml"]


@pytest.mark.parametrize(("kind", "refused"), [("Standard", True), ("Elastic", False)])
def test_only_an_elastic_table_s_built_in_key_holds_its_primary_key(
    tmp_path: Path, kind: str, refused: bool
) -> None:
    """keyfornosqlentitywithpkpartitionid is the key Dataverse gives each elastic table over
    its primary key and partitionid ("Create elastic tables using code"), as docs/spec-format.md
    says; on a standard table a key of that name is a maker's, whose columns may not be a
    Uniqueidentifier ("Work with alternate keys"): an error at the key, as before round 35."""
    generation, said = _run(tmp_path, {"app_sensor.yaml": SENSOR.format(kind=kind)})
    errors = [s for s in said if ": error:" in s and "Uniqueidentifier" in s]
    assert (generation is None) is refused, said
    assert bool(errors) is refused, said


def test_removing_activitypointers_with_no_activity_in_the_set_is_no_relationship_dvgen_adds(
    tmp_path: Path,
) -> None:
    """With no activity in the set resolution relates no activity to new_project, not even
    activitypointer: a customization removing new_project_ActivityPointers removes what the
    table does not have here, and the error says so, not that dvgen adds it."""
    removal = "customizes: new_project\nremove:\n  relationships: [new_project_ActivityPointers]\n"
    generation, said = _run(tmp_path, {"new_project.yaml": PROJECT, "off.yaml": removal})
    assert generation is None
    (error,) = [s for s in said if "off.yaml" in s]
    assert "does not have" in error and "dvgen adds" not in error


def test_a_solution_layer_enabling_an_activity_is_a_warning_not_followed(tmp_path: Path) -> None:
    """A solution's ``<HasRelatedActivities>True`` on an activity is a warning and not
    followed (docs/solutions.md), whether the solution defines the table or, as here,
    customizes it (root component of behavior 1) over a spec of it; it was an error for such a
    layer."""
    solution = _export()
    solution["customizations.xml"] = solution["customizations.xml"].replace(
        "<IsActivity>1</IsActivity>",
        "<IsActivity>1</IsActivity><HasRelatedActivities>True</HasRelatedActivities>",
    )
    solution["solution.xml"] = solution["solution.xml"].replace('behavior="0"', 'behavior="1"')
    generation = layered(tmp_path, solution, ("new_sms.yaml", SMS))
    table = generation.tables.get("new_sms")
    assert table is not None and not table.has_activities
    (said,) = [d for d in generation.warnings if d.code == "activities-refused"]
    assert "new_sms" in said.message


def test_a_customization_enabling_an_elastic_table_is_an_error_at_its_line(
    tmp_path: Path,
) -> None:
    """The error stands at ``has_activities:``, not at ``customizes:``."""
    customization = "# enable\ncustomizes: app_sensor\ndisplay_name: Sensor\nhas_activities: true\n"
    files = {"app_sensor.yaml": SENSOR.format(kind="Elastic"), "on.yaml": customization}
    generation, said = _run(tmp_path, files)
    assert generation is None
    (error,) = [s for s in said if "on.yaml" in s]
    assert "specs/on.yaml:4: error:" in error and "elastic" in error
