"""Real solutions, round 33: a solution that customizes Microsoft's task activity, layered on
the corpus page of ``task``; the SQL run on SQLite and PostgreSQL 15, the ``$metadata`` checked
by the OASIS XSD and beside Microsoft's own task EntityType.

Looked at (short excerpts below, transcribed; no whole file copied):

cjscholten/Industry-Accelerator-Health (Microsoft's Healthcare accelerator,
``CDS.solutions/ElectronicMedicalRecords/Extracts/Base``, publisher prefix ``msemr``, option
prefix 93500). ``Entities/Task/Entity.xml`` (71,550 characters, read whole) adds 27 columns to
``Task``: lookups with ``<LookupTypes />`` whose relationships live in the referenced tables'
files, choices bound to global option sets (``<OptionSetName>msemr_taskstatus``) and two local
ones (``msemr_task_msemr_intent``, whose values are listed out of order, 935000006 before
935000005, each ``Color="#0000ff"``), date-only columns with ``<Behavior>1`` (user local), an
int with the full Int32 range, text of ``<MaxLength>100``; the entity block keeps
``<IsActivity>1`` and ``<ActivityTypeMask>CommunicationActivity``. ``Other/Relationships/
Task.xml`` holds eight 1:N relationships from solution tables to Task, two of them from the
same table (``msemr_taskpartof``: ``msemr_task_msemr_taskpartof_PartOf`` by ``msemr_PartOf``
and ``msemr_task_msemr_taskpartof_Task`` by ``msemr_Task``), RemoveLink on delete.

Checked: task keeps BaseType ``activitypointer`` and every property of Microsoft's task
EntityType (``../shared/validators/webapi-v9/task.yml``; the ones it lists beyond task's own
come from activitypointer) plus the four columns added here; each navigation pair is partnered
both ways by the names the relationship file gives; the options keep the order and values of
the XML. The second SET NULL path from one table to task is refused by SQL Server and dvgen
says so (``sqlserver-cascade-cycle``), as it should. No fault found in the time of this round.
"""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from dvgen.pipeline import Generation
from tests.conftest import CORPUS, needs_shared
from tests.solution_support import attribute_xml, layered, manifest
from tests.test_odata_tools import xsd_errors
from tests.test_sql_support import postgres_unavailable, shared_server

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"
ROOTS = (
    '<RootComponent type="1" schemaName="task" behavior="1" />'
    '<RootComponent type="1" schemaName="msemr_taskpartof" behavior="0" />'
)
OPTIONS = "".join(
    f'<option value="{value}" ExternalValue="" Color="#0000ff"><labels>'
    f'<label description="{label}" languagecode="1033" /></labels></option>'
    for value, label in (
        (935000000, "Proposal"),
        (935000006, "Original-order"),
        (935000005, "Instance order"),
    )
)
TASK_COLUMNS = (
    attribute_xml(
        "msemr_Intent",
        "picklist",
        '<AppDefaultValue>-1</AppDefaultValue><optionset Name="msemr_task_msemr_intent">'
        "<OptionSetType>picklist</OptionSetType><displaynames>"
        '<displayname description="Intent" languagecode="1033" /></displaynames>'
        f"<options>{OPTIONS}</options></optionset>",
    )
    + attribute_xml(
        "msemr_RestrictionPeriodEndDate",
        "datetime",
        "<Format>date</Format><CanChangeDateTimeBehavior>1</CanChangeDateTimeBehavior>"
        "<Behavior>1</Behavior>",
    )
    + attribute_xml(
        "msemr_RestrictionRepetitions",
        "int",
        "<Format></Format><MinValue>-2147483648</MinValue><MaxValue>2147483647</MaxValue>",
    )
    + attribute_xml(
        "msemr_TaskNumber",
        "nvarchar",
        "<Format>text</Format><MaxLength>100</MaxLength><Length>200</Length>",
    )
)
TASK = (
    '<Entity><Name LocalizedName="Task" OriginalName="">Task</Name><EntityInfo><entity Name="Task">'
    f"<attributes>{TASK_COLUMNS}</attributes><EntitySetName>tasks</EntitySetName>"
    "<OwnershipTypeMask>UserOwned</OwnershipTypeMask><IsActivity>1</IsActivity>"
    "<ActivityTypeMask>CommunicationActivity</ActivityTypeMask></entity></EntityInfo></Entity>"
)
LOOKUP = "<LookupStyle>single</LookupStyle><LookupTypes />"
PART_OF = (
    '<Entity><Name LocalizedName="Task Part Of" OriginalName="Task Part Of">msemr_taskpartof</Name>'
    '<EntityInfo><entity Name="msemr_taskpartof"><attributes>'
    '<attribute PhysicalName="msemr_taskpartofId"><Type>primarykey</Type>'
    "<Name>msemr_taskpartofid</Name><LogicalName>msemr_taskpartofid</LogicalName>"
    "<RequiredLevel>systemrequired</RequiredLevel><IsCustomField>0</IsCustomField></attribute>"
    '<attribute PhysicalName="msemr_name"><Type>nvarchar</Type><Name>msemr_name</Name>'
    "<LogicalName>msemr_name</LogicalName><RequiredLevel>required</RequiredLevel>"
    "<DisplayMask>PrimaryName|ValidForAdvancedFind|ValidForForm|ValidForGrid</DisplayMask>"
    "<IsCustomField>1</IsCustomField><Format>text</Format><MaxLength>100</MaxLength></attribute>"
    + attribute_xml("msemr_PartOf", "lookup", LOOKUP)
    + attribute_xml("msemr_Task", "lookup", LOOKUP)
    + "</attributes><EntitySetName>msemr_taskpartofs</EntitySetName>"
    "<OwnershipTypeMask>UserOwned</OwnershipTypeMask></entity></EntityInfo></Entity>"
)


def _relationship(name: str, lookup: str) -> str:
    return (
        f'<EntityRelationship Name="{name}"><EntityRelationshipType>OneToMany'
        "</EntityRelationshipType><ReferencingEntityName>msemr_taskpartof</ReferencingEntityName>"
        "<ReferencedEntityName>Task</ReferencedEntityName><CascadeAssign>NoCascade</CascadeAssign>"
        "<CascadeDelete>RemoveLink</CascadeDelete>"
        f"<ReferencingAttributeName>{lookup}</ReferencingAttributeName><EntityRelationshipRoles>"
        f"<EntityRelationshipRole><NavigationPropertyName>{lookup}</NavigationPropertyName>"
        "<RelationshipRoleType>1</RelationshipRoleType></EntityRelationshipRole>"
        f"<EntityRelationshipRole><NavigationPropertyName>{name}</NavigationPropertyName>"
        "<RelationshipRoleType>0</RelationshipRoleType></EntityRelationshipRole>"
        "</EntityRelationshipRoles></EntityRelationship>"
    )


SOLUTION = {
    "Other/Solution.xml": manifest("ElectronicMedicalRecords", "msemr", 93500, ROOTS),
    "Entities/Task/Entity.xml": TASK,
    "Entities/msemr_taskpartof/Entity.xml": PART_OF,
    "Other/Relationships/Task.xml": "<EntityRelationships>"
    + _relationship("msemr_task_msemr_taskpartof_PartOf", "msemr_PartOf")
    + _relationship("msemr_task_msemr_taskpartof_Task", "msemr_Task")
    + "</EntityRelationships>",
}


def _generation(tmp_path: Path) -> Generation:
    page = (CORPUS / "task.md").read_text(encoding="utf-8")
    return layered(tmp_path, SOLUTION, ("task.md", page))


def _entity_type(generation: Generation, name: str) -> ET.Element:
    root = ET.fromstring(generation.files["odata/metadata.xml"])
    return next(e for e in root.iter(f"{EDM}EntityType") if e.get("Name") == name)


@needs_shared
def test_task_keeps_microsofts_shape_plus_the_solutions_columns(tmp_path: Path) -> None:
    generation = _generation(tmp_path)
    task = _entity_type(generation, "task")
    assert task.get("BaseType") == "mscrm.activitypointer"
    props = {p.get("Name"): p.get("Type") for p in task.findall(f"{EDM}Property")}
    assert props["msemr_intent"] == "Edm.Int32"
    assert props["msemr_restrictionperiodenddate"] == "Edm.DateTimeOffset"
    assert props["msemr_restrictionrepetitions"] == "Edm.Int32"
    assert props["msemr_tasknumber"] == "Edm.String"
    for own in ("subject", "percentcomplete", "_regardingobjectid_value", "_ownerid_value"):
        assert own in props
    navs = {n.get("Name"): n.get("Partner") for n in task.findall(f"{EDM}NavigationProperty")}
    assert navs["msemr_task_msemr_taskpartof_PartOf"] == "msemr_PartOf"
    assert navs["msemr_task_msemr_taskpartof_Task"] == "msemr_Task"
    part = _entity_type(generation, "msemr_taskpartof")
    back = {n.get("Name"): n.get("Partner") for n in part.findall(f"{EDM}NavigationProperty")}
    assert back["msemr_PartOf"] == "msemr_task_msemr_taskpartof_PartOf"
    assert back["msemr_Task"] == "msemr_task_msemr_taskpartof_Task"
    assert xsd_errors(generation.files["odata/metadata.xml"].encode()) == []
    model = generation.files["model/task.yaml"]
    assert model.index("935000006") < model.index("935000005")


@needs_shared
def test_task_sql_runs_on_sqlite(tmp_path: Path) -> None:
    generation = _generation(tmp_path)
    conn = sqlite3.connect(":memory:")
    conn.executescript(generation.files["sql/sqlite/schema.sql"])
    columns = {row[1] for row in conn.execute("PRAGMA table_info(task)")}
    assert {"msemr_intent", "msemr_tasknumber", "activityid"} <= columns
    fks = {(row[3], row[2]) for row in conn.execute("PRAGMA foreign_key_list(msemr_taskpartof)")}
    assert {("msemr_partof", "task"), ("msemr_task", "task")} <= fks


@needs_shared
@pytest.mark.skipif(postgres_unavailable() is not None, reason=str(postgres_unavailable()))
def test_task_sql_runs_on_postgres(tmp_path: Path) -> None:
    import psycopg

    generation = _generation(tmp_path)
    server = shared_server()
    with psycopg.connect(server.dsn(server.create_database())) as conn:
        conn.execute(generation.files["sql/postgres/schema.sql"])
        rows = conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'task'"
            " AND column_name LIKE 'msemr_%'"
        ).fetchall()
    assert {r[0] for r in rows} == {
        "msemr_intent",
        "msemr_restrictionperiodenddate",
        "msemr_restrictionrepetitions",
        "msemr_tasknumber",
    }
