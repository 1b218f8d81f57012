"""Tables enabled for activities (``has_activities``; a solution's ``<HasRelatedActivities>``):
each is related to each activity table of the set through the activity's ``regardingobjectid``,
as Dataverse relates them, and a custom activity regards every such table.

Evidence (``dvgen.regarding``): the custom table ``sample_bankaccount``'s page
(``sample_bankaccount_ActivityPointers``, ``_Tasks``, ``_msfp_surveyresponses``), the Web API's
``appointment`` (``regardingobjectid_account_appointment``, partner ``Account_Appointments``),
``csa_csIncident``'s export (``account_csa_csIncidents``), ``CreateEntityRequest.HasActivities``.
The pages and solutions below are small ones of our own, in the formats of the real ones.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from lxml import etree
from referencing import Registry, Resource

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics, SpecError
from dvgen.model import CascadeConfiguration, CascadeType, Table
from dvgen.pipeline import Generation, generate
from dvgen.platformlinks import PLATFORM_LINKS
from tests.conftest import NO_SHARED
from tests.solution_support import layered, manifest
from tests.test_custom_activity import ROOT, SMS, _attribute, _export
from tests.test_odata_tools import XSD, xsd_errors
from tests.test_pydantic import imported
from tests.test_sql_support import postgres_unavailable, shared_server

PROJECT = """\
logical_name: new_project
schema_name: new_Project
display_name: Project
entity_set_name: new_projects
primary_id_attribute: new_projectid
primary_name_attribute: new_name
has_activities: true
columns:
  - {logical_name: new_projectid, schema_name: new_ProjectId, type: Uniqueidentifier,
     required_level: SystemRequired}
  - {logical_name: new_name, schema_name: new_Name, type: String, max_length: 100,
     required_level: ApplicationRequired}
"""

# A task page cut down to its key, subject and regarding lookup (2023 format).
TASK = """\
---
title: "Task table/entity reference (Microsoft Dataverse) | Microsoft Docs"
ms.date: 03/07/2023
---

# Task table/entity reference

Generic activity representing work needed to be done.

## Properties

|Property|Value|
|--------|-----|
|CollectionSchemaName|Tasks|
|DisplayName|Task|
|EntitySetName|tasks|
|LogicalName|task|
|OwnershipType|UserOwned|
|PrimaryIdAttribute|activityid|
|PrimaryNameAttribute|subject|
|SchemaName|Task|

## Writable columns/attributes

### <a name="BKMK_ActivityId"></a> ActivityId

|Property|Value|
|--------|-----|
|Description|Unique identifier of the task.|
|DisplayName|Task|
|LogicalName|activityid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_RegardingObjectId"></a> RegardingObjectId

|Property|Value|
|--------|-----|
|Description|Unique identifier of the object with which the task is associated.|
|DisplayName|Regarding|
|LogicalName|regardingobjectid|
|RequiredLevel|None|
|Targets|account|
|Type|Lookup|

### <a name="BKMK_Subject"></a> Subject

|Property|Value|
|--------|-----|
|LogicalName|subject|
|MaxLength|200|
|RequiredLevel|ApplicationRequired|
|Type|String|
"""

# An account page cut down to its key, name and the relationship that says it is enabled for
# activities (2023 format).
ACCOUNT = """\
---
title: "Account table/entity reference (Microsoft Dataverse) | Microsoft Docs"
ms.date: 03/07/2023
---

# Account table/entity reference

Business that represents a customer or potential customer.

## Properties

|Property|Value|
|--------|-----|
|CollectionSchemaName|Accounts|
|DisplayName|Account|
|EntitySetName|accounts|
|LogicalName|account|
|OwnershipType|UserOwned|
|PrimaryIdAttribute|accountid|
|PrimaryNameAttribute|name|
|SchemaName|Account|

## Writable columns/attributes

### <a name="BKMK_AccountId"></a> AccountId

|Property|Value|
|--------|-----|
|LogicalName|accountid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_Name"></a> Name

|Property|Value|
|--------|-----|
|LogicalName|name|
|MaxLength|160|
|RequiredLevel|ApplicationRequired|
|Type|String|

<a name="onetomany"></a>

## One-To-Many Relationships

### <a name="BKMK_Account_ActivityPointers"></a> Account_ActivityPointers

|Property|Value|
|--------|-----|
|ReferencingEntity|activitypointer|
|ReferencingAttribute|regardingobjectid|
|ReferencedEntityNavigationPropertyName|Account_ActivityPointers|
"""
REGARDING = "regardingobjectid"
EDM = {"edm": "http://docs.oasis-open.org/odata/ns/edm"}


def _generation(tmp_path: Path, files: dict[str, str]) -> Generation:
    specs = tmp_path / "specs"
    specs.mkdir()
    for name, text in files.items():
        (specs / name).write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    generation = generate(Config(specs=specs, out=tmp_path / "out", cache=False), diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    return generation


def _table(generation: Generation, name: str) -> Table:
    table = generation.tables.get(name)
    assert isinstance(table, Table)
    return table


def _regarding(table: Table) -> dict[str, tuple[str | None, str | None, str | None]]:
    """The table's regarding relationships of either side, to or from activities: name ->
    (referenced, referencing, the activity's navigation property); not those Dataverse's own
    tables have to every table it creates (``dvgen.platformlinks``: system jobs, sync errors)."""
    rel = table.relationships
    return {
        r.schema_name: (
            r.referenced_entity,
            r.referencing_entity,
            r.referencing_entity_navigation_property_name,
        )
        for r in (*rel.one_to_many, *rel.many_to_one)
        if r.referencing_attribute == REGARDING and r.referencing_entity not in PLATFORM_TABLES
    }


PLATFORM_TABLES = {referencing for referencing, _, _ in PLATFORM_LINKS}
SET = {"new_project.yaml": PROJECT, "new_sms.yaml": SMS, "task.md": TASK}


@pytest.fixture(scope="module")
def enabled(tmp_path_factory: pytest.TempPathFactory) -> Generation:
    """A table enabled for activities, Microsoft's task and a custom activity."""
    return _generation(tmp_path_factory.mktemp("enabled"), SET)


def test_the_table_is_related_to_each_activity_as_dataverse_names_it(
    enabled: Generation,
) -> None:
    project = _table(enabled, "new_project")
    assert _regarding(project) == {
        "new_project_ActivityPointers": (
            "new_project",
            "activitypointer",
            "regardingobjectid_new_project",
        ),
        "new_project_Tasks": ("new_project", "task", "regardingobjectid_new_project_task"),
        "new_project_new_Smses": (
            "new_project",
            "new_sms",
            "regardingobjectid_new_project_new_sms",
        ),
    }
    cascades = {
        r.referencing_entity: r.cascade_configuration for r in project.relationships.one_to_many
    }
    no, yes = CascadeType.NO_CASCADE, CascadeType.CASCADE
    # msdyn_paymentterm.md's msdyn_paymentterm_ActivityPointers and msdyn_paymentterm_Tasks
    assert cascades["activitypointer"] == CascadeConfiguration(
        archive=no,
        assign=no,
        delete=CascadeType.REMOVE_LINK,
        merge=no,
        reparent=no,
        rollup_view=no,
        share=no,
        unshare=no,
    )
    parental = CascadeConfiguration(
        archive=no,
        assign=yes,
        delete=yes,
        merge=no,
        reparent=yes,
        rollup_view=no,
        share=yes,
        unshare=yes,
    )
    assert cascades["task"] == cascades["new_sms"] == parental


def test_each_activity_regards_the_table(enabled: Generation) -> None:
    """The mirror: Microsoft's task gains the table among its Regarding targets, and the custom
    activity, which names none, regards it."""
    task, sms = _table(enabled, "task"), _table(enabled, "new_sms")
    assert task.columns_by_name[REGARDING].targets == ("account", "new_project")
    assert sms.columns_by_name[REGARDING].targets == ("new_project",)
    assert "new_project_Tasks" in _regarding(task)
    assert set(_regarding(sms)) == {"new_project_new_Smses"}


@pytest.mark.skipif(not XSD.is_file(), reason=f"{NO_SHARED} (OASIS edmx.xsd)")
def test_the_csdl_has_the_navigation_properties_of_both_sides(enabled: Generation) -> None:
    xml = enabled.files["odata/metadata.xml"].encode()
    assert xsd_errors(xml) == []
    root = etree.fromstring(xml)
    partners = {
        (entity.get("Name"), nav.get("Name")): nav.get("Partner")
        for entity in root.iterfind(".//edm:EntityType", EDM)
        for nav in entity.iterfind("edm:NavigationProperty", EDM)
    }
    assert partners[("new_project", "new_project_Tasks")] == "regardingobjectid_new_project_task"
    assert partners[("task", "regardingobjectid_new_project_task")] == "new_project_Tasks"
    assert partners[("new_sms", "regardingobjectid_new_project_new_sms")] == (
        "new_project_new_Smses"
    )
    assert partners[("activitypointer", "regardingobjectid_new_project")] == (
        "new_project_ActivityPointers"
    )


def test_the_json_schema_takes_a_task_bound_to_the_table_and_expanded_tasks(
    enabled: Generation,
) -> None:
    schemas = {
        path.removeprefix("jsonschema/"): json.loads(text)
        for path, text in enabled.files.items()
        if path.startswith("jsonschema/") and path.endswith(".schema.json")
    }
    registry: Registry[Any] = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas.values()
    )

    def validator(name: str) -> jsonschema.Draft202012Validator:
        jsonschema.Draft202012Validator.check_schema(schemas[name])
        return jsonschema.Draft202012Validator(schemas[name], registry=registry)

    project = str(uuid.uuid4())
    bound = {
        "subject": "Call back",
        "regardingobjectid_new_project_task@odata.bind": f"/new_projects({project})",
    }
    assert list(validator("task.schema.json").iter_errors(bound)) == []
    expanded = {
        "new_projectid": project,
        "new_name": "Apollo",
        "new_project_Tasks": [{"activityid": str(uuid.uuid4()), "subject": "Call back"}],
    }
    assert list(validator("new_project.schema.json").iter_errors(expanded)) == []
    wrong = {**expanded, "new_project_Tasks": [{"subject": 7}]}
    assert list(validator("new_project.schema.json").iter_errors(wrong))


def test_pydantic_reads_the_table_s_tasks_typed(enabled: Generation, tmp_path: Path) -> None:
    package = {
        path.removeprefix("pydantic/"): text
        for path, text in enabled.files.items()
        if path.startswith("pydantic/")
    }
    with imported(package, tmp_path / "pkg", "dataverse_models") as models:
        record = models.NewProject.model_validate(
            {
                "new_projectid": str(uuid.uuid4()),
                "new_name": "Apollo",
                "new_project_Tasks": [{"activityid": str(uuid.uuid4()), "subject": "Call"}],
            }
        )
        fields = {f.alias or name: name for name, f in models.NewProject.model_fields.items()}
        (task,) = getattr(record, fields["new_project_Tasks"])
        assert isinstance(task, models.Task)
        models.NewSms.model_validate({"activityid": str(uuid.uuid4()), "subject": "Hi"})
        sms = {f.alias or name for name, f in models.NewSms.model_fields.items()}
        assert "regardingobjectid_new_project_new_sms@odata.bind" in sms


def test_sqlite_deletes_the_table_s_activities_with_it(enabled: Generation) -> None:
    """In this set the custom activity regards the project only: its regardingobjectid is a
    foreign key to it, and deleting the project deletes its activities (Delete: Cascade)."""
    db = sqlite3.connect(":memory:")
    db.executescript(enabled.files["sql/sqlite/schema.sql"])
    db.execute("PRAGMA foreign_keys = ON")
    project, owner = str(uuid.uuid4()), str(uuid.uuid4())
    db.execute(
        "INSERT INTO new_project (new_projectid, new_name, ownerid, owningbusinessunit) "
        "VALUES (?, 'Apollo', ?, ?)",
        (project, owner, owner),
    )
    db.execute(
        "INSERT INTO new_sms (activityid, subject, activitytypecode, statecode, statuscode, "
        "ownerid, owningbusinessunit, instancetypecode, isregularactivity, regardingobjectid) "
        "VALUES (?, 'Hi', 'new_sms', 0, 1, ?, ?, 0, 1, ?)",
        (str(uuid.uuid4()), owner, owner, project),
    )
    db.commit()
    with pytest.raises(sqlite3.IntegrityError):  # a project that is not there (deferred)
        db.execute("UPDATE new_sms SET regardingobjectid = ?", (str(uuid.uuid4()),))
        db.commit()
    db.rollback()
    db.execute("DELETE FROM new_project")
    db.commit()
    assert db.execute("SELECT count(*) FROM new_sms").fetchone() == (0,)


@pytest.mark.skipif(postgres_unavailable() is not None, reason=str(postgres_unavailable()))
def test_postgresql_applies_the_schema_and_relates_the_activity(enabled: Generation) -> None:
    import psycopg

    server = shared_server()
    with psycopg.connect(server.dsn(server.create_database()), autocommit=True) as conn:
        conn.execute(enabled.files["sql/postgres/schema.sql"])
        rows = conn.execute(
            "SELECT c.confdeltype, t.relname FROM pg_constraint c "
            "JOIN pg_class t ON t.oid = c.confrelid "
            "WHERE c.conname = 'fk_new_sms_regardingobjectid'"
        ).fetchall()
    assert rows == [("c", "new_project")]  # ON DELETE CASCADE, to the project


def test_the_model_file_states_it_and_reads_back_as_written(
    enabled: Generation, tmp_path: Path
) -> None:
    """``has_activities`` round-trips through the ``model`` target: the model files, read as
    specs, give the same model files (the relationships already there, none added twice)."""
    model = {
        path.removeprefix("model/"): text
        for path, text in enabled.files.items()
        if path.startswith("model/")
    }
    assert "\nhas_activities: true\n" in model["new_project.yaml"]
    again = _generation(tmp_path, model)
    assert {
        path.removeprefix("model/"): text
        for path, text in again.files.items()
        if path.startswith("model/")
    } == model


def test_with_no_activity_in_the_set_nothing_is_added(tmp_path: Path) -> None:
    generation = _generation(tmp_path, {"new_project.yaml": PROJECT})
    project = _table(generation, "new_project")
    assert project.has_activities is True
    assert _regarding(project) == {}
    if XSD.is_file():
        assert xsd_errors(generation.files["odata/metadata.xml"].encode()) == []


def test_a_table_not_enabled_is_no_regarding_target(tmp_path: Path) -> None:
    plain = PROJECT.replace("has_activities: true\n", "")
    generation = _generation(tmp_path, {**SET, "new_project.yaml": plain})
    assert _regarding(_table(generation, "new_project")) == {}
    assert _table(generation, "new_sms").columns_by_name[REGARDING].targets == ()


def test_a_page_s_table_enabled_for_activities_is_a_custom_activity_s_regarding_target(
    tmp_path: Path,
) -> None:
    """A page does not say HasActivities, but its ``Account_ActivityPointers`` does: the
    custom activity, which Microsoft's page cannot list, regards account, as in Dataverse
    (csa_csIncident's ``account_csa_csIncidents``); two tables of Microsoft's pages are left
    as the pages have them (none is added between account and task)."""
    generation = _generation(
        tmp_path, {"account.md": ACCOUNT, "new_sms.yaml": SMS, "task.md": TASK}
    )
    account = _table(generation, "account")
    assert _regarding(account) == {
        "Account_ActivityPointers": ("account", "activitypointer", None),
        "account_new_Smses": ("account", "new_sms", "regardingobjectid_account_new_sms"),
    }
    assert _table(generation, "new_sms").columns_by_name[REGARDING].targets == ("account",)


PROJECT_ENTITY = (
    '<Entity><Name LocalizedName="Project" OriginalName="Project">new_project</Name>'
    '<EntityInfo><entity Name="new_project"><LocalizedNames>'
    '<LocalizedName description="Project" languagecode="1033" /></LocalizedNames><attributes>'
    + _attribute("new_projectId", "primarykey")
    + _attribute("new_Name", "nvarchar", "<MaxLength>100</MaxLength>", mask="PrimaryName")
    + "</attributes><EntitySetName>new_projects</EntitySetName><IsActivity>0</IsActivity>"
    "<OwnershipTypeMask>UserOwned</OwnershipTypeMask>{flag}</entity></EntityInfo></Entity>"
)


@pytest.mark.parametrize("flag", ["True", "False"])
def test_a_solution_s_table_with_related_activities_is_related_to_its_activity(
    tmp_path: Path, flag: str
) -> None:
    """An export says ``<HasRelatedActivities>True</HasRelatedActivities>`` of a table enabled
    for activities (cat_ComplianceCase, bac_Package in ../shared/solutions) and lists none of
    the relationships Dataverse made with it."""
    regarding = _attribute(
        "RegardingObjectId", "lookup", "<LookupStyle>single</LookupStyle><LookupTypes />"
    )
    solution = _export(regarding)
    entity = PROJECT_ENTITY.format(flag=f"<HasRelatedActivities>{flag}</HasRelatedActivities>")
    solution["customizations.xml"] = solution["customizations.xml"].replace(
        "<Entities>", f"<Entities>{entity}"
    )
    roots = ROOT + '<RootComponent type="1" schemaName="new_project" behavior="0" />'
    solution["solution.xml"] = manifest("Messaging", "new", 10000, roots)
    generation = layered(tmp_path, solution)
    project = _table(generation, "new_project")
    expected = {"new_project_ActivityPointers", "new_project_new_smses"}
    assert set(_regarding(project)) == (expected if flag == "True" else set())
    assert project.has_activities is (True if flag == "True" else None)


def test_a_solution_enabling_activities_on_a_table_it_customizes_relates_it(
    tmp_path: Path,
) -> None:
    """Activities can be enabled on a table that has them not (``UpdateEntityRequest.
    HasActivities``: "can only be enabled once. After it is enabled it cannot be disabled"): a
    solution customizing a table of the set says so in the table's Entity.xml as one owning it
    does (hmcts' ``adx_invitation`` in ../shared/solutions). The layer's word was dropped: the
    table stayed no regarding target of the solution's activity."""
    regarding = _attribute(
        "RegardingObjectId", "lookup", "<LookupStyle>single</LookupStyle><LookupTypes />"
    )
    solution = _export(regarding)
    entity = PROJECT_ENTITY.format(flag="<HasRelatedActivities>True</HasRelatedActivities>")
    solution["customizations.xml"] = solution["customizations.xml"].replace(
        "<Entities>", f"<Entities>{entity}"
    )
    roots = ROOT + '<RootComponent type="1" schemaName="new_project" behavior="2" />'
    solution["solution.xml"] = manifest("Messaging", "new", 10000, roots)
    plain = PROJECT.replace("has_activities: true\n", "")
    generation = layered(tmp_path, solution, ("new_project.yaml", plain))
    project = _table(generation, "new_project")
    assert project.has_activities is True
    assert set(_regarding(project)) == {"new_project_ActivityPointers", "new_project_new_smses"}
    assert _table(generation, "new_sms").columns_by_name[REGARDING].targets == ("new_project",)


def test_a_yaml_customization_enabling_activities_relates_the_table(tmp_path: Path) -> None:
    """``has_activities: true`` in a ``customizes:`` spec enables a table another spec defines,
    as a solution's ``<HasRelatedActivities>True`` does: the same relationships as a table
    enabled in its own spec."""
    plain = PROJECT.replace("has_activities: true\n", "")
    enabling = "customizes: new_project\nhas_activities: true\n"
    files = {**SET, "new_project.yaml": plain, "new_project_activities.yaml": enabling}
    generation = _generation(tmp_path, files)
    project = _table(generation, "new_project")
    assert project.has_activities is True
    (tmp_path / "own").mkdir()
    assert _regarding(project) == _regarding(
        _table(_generation(tmp_path / "own", SET), "new_project")
    )
    assert "new_project" in _table(generation, "new_sms").columns_by_name[REGARDING].targets


def test_a_yaml_customization_cannot_disable_activities(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "new_project.yaml").write_text(PROJECT, encoding="utf-8")
    (specs / "off.yaml").write_text("customizes: new_project\nhas_activities: false\n", "utf-8")
    diagnostics = Diagnostics()
    with pytest.raises(SpecError):
        generate(Config(specs=specs, out=tmp_path / "out", cache=False), diagnostics)
    assert [(d.location.path.endswith("off.yaml"), d.location.line) for d in diagnostics] == [
        (True, 2)
    ]
