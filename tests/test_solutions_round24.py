"""Real unpacked solutions, round 24: the navigation property names dvgen gives lookups held to
what the exports' ``<EntityRelationshipRoles>`` state, the SQL run on SQLite and PostgreSQL 15,
the ``$metadata`` checked by the OASIS XSD.

Looked at (short excerpts below, transcribed; no whole file copied):
tc-ca/Security-Screening-Requests-Demandes-de-filtrage-de-s-curit- (``SecurityScreening``
1.0.0.6, exported 2021 from a 9.2.21054 environment, publisher prefix ``ss``, option prefix
10000): eight custom tables, ``ss_SecurityApplications`` holding a lookup to each of the
others. Its relationships' names were cut by the maker to Dataverse's length
(``ss_SecurityApplications_RequestType_cr``, ``ss_SecurityApplications_PreferredLangu``) and
each lookup has the schema name of the table it reaches (``ss_PreferredLanguage`` on
``ss_SecurityApplications`` to ``ss_PreferredLanguage``); the roles state the lookup's schema
name as the single-valued name and the cut relationship name as the collection, and dvgen
gives exactly those. Its ``Other/Relationships/SystemUser.xml`` and ``Owner.xml`` hold the
platform's ``lk_<table>_createdby`` / ``owner_<table>`` relationships with no roles and an
English and a French description: they name ``createdby``, ``modifiedby`` and ``ownerid``
(typed ``principal``) by the lookups' logical names, as Microsoft's EntityTypes of custom
tables do. No fault was found on this solution; the test keeps the names.

Jugalchoubisa32ue8eh/DemoTeam (``PFWforCELLPAK``, exported 2025 from 9.2.25053): a maker's
customization of Project Operations (shells of ``msdyn_project``, ``msdyn_projecttask`` and six
other ``msdyn_`` tables, no page of which is in the set; rollup and calculated columns; the
global choice ``proj_stage`` of another publisher, whose default 189330000 became the SQL
``DEFAULT``; boolean defaults ``false``) with five tables of its own, two of them business
process flows on ``msdyn_project``. Every navigation property name its roles state was met
(``advcellp_Project`` / ``advcellp_workpackage_Project_msdyn_project``,
``bpf_msdyn_projectid`` / ``bpf_msdyn_project_advcellp_approvalworkflowproject``), and those of
its roleless ``Workflow.xml`` and ``ProcessStage.xml`` (``processid``, ``activestageid``) are
Microsoft's. Also looked at: ArnoLKristiansen/SLA-Brud-ITSM-Processer (``src/`` layout, Danish
labels under 1033, an option label holding ``<``, required choices whose default is -1, a
date-only column of behavior 3) and owaisshahab/CRM_Solution's organization-owned tables
(``organization_<table>``): no fault.

The fault: a business process flow's table lacked ``<table>_WorkflowLogs``, the relationship
Dataverse makes from the process log (``workflowlog.asyncoperationid``) to every flow, which
Microsoft's EntityType of a solution-made flow has beside the six platform relationships
(Project Service's ``msdyn_bpf_665e73aa18c247d886bfc50499c73b82``: partner
``asyncoperationid_msdyn_bpf_...``). No export lists it; ``dvgen.platformlinks`` now adds it to
a table that says it is a flow (``IsBPFEntity``, ``is_bpf_entity``) or, not saying, is named as
Dynamics 365's flows are.

A second, in a diagnostic: the shell of Project Operations' undocumented ``msdyn_projectrisk``
was warned with "did you mean 'msdyn_projecttask'?", a typo's hint for a name the export itself
gives; it now only asks for a spec of the table.
"""

from __future__ import annotations

import re
import sqlite3
import uuid
from pathlib import Path

import pytest

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.pipeline import generate
from tests.solution_support import attribute_xml, generate_unpacked, manifest
from tests.test_solutions_round19 import (
    LOOKUP,
    _checked,
    _collection,
    _lookup,
    _one_to_many,
    _own,
    _relationships,
    _roots,
    _single,
)
from tests.test_sql_support import postgres_unavailable, shared_server

APPLICATIONS = "ss_SecurityApplications"

# Other/Relationships/<table>.xml: the relationship each lookup table holds (names as exported).
LOOKUPS = {
    "ss_RequestType": "ss_SecurityApplications_RequestType_cr",
    "ss_PreferredLanguage": "ss_SecurityApplications_PreferredLangu",
    "ss_LevelRequested": "ss_SecurityApplications_LevelRequested",
}


def _platform(name: str, referencing: str, referenced: str, attribute: str) -> str:
    """A relationship of Other/Relationships/SystemUser.xml or Owner.xml as the 2021 export
    writes it: no roles, an English and a French description."""
    return f"""  <EntityRelationship Name="{name}">
    <EntityRelationshipType>OneToMany</EntityRelationshipType>
    <IsCustomizable>1</IsCustomizable>
    <IntroducedVersion>1.0</IntroducedVersion>
    <IsHierarchical>0</IsHierarchical>
    <ReferencingEntityName>{referencing}</ReferencingEntityName>
    <ReferencedEntityName>{referenced}</ReferencedEntityName>
    <CascadeAssign>NoCascade</CascadeAssign>
    <CascadeDelete>NoCascade</CascadeDelete>
    <CascadeReparent>NoCascade</CascadeReparent>
    <CascadeShare>NoCascade</CascadeShare>
    <CascadeUnshare>NoCascade</CascadeUnshare>
    <ReferencingAttributeName>{attribute}</ReferencingAttributeName>
    <RelationshipDescription>
      <Descriptions>
        <Description description="Owner Id" languagecode="1033" />
        <Description description="ID du propriétaire" languagecode="1036" />
      </Descriptions>
    </RelationshipDescription>
  </EntityRelationship>
"""


def _security_screening() -> dict[str, str]:
    tables = [APPLICATIONS, *LOOKUPS]
    files = {
        "Other/Solution.xml": manifest(
            "SecurityScreening", "ss", 10000, _roots(dict.fromkeys(tables, 0))
        ),
        f"Entities/{APPLICATIONS}/Entity.xml": _own(
            APPLICATIONS, "ss", "".join(_lookup(table) for table in LOOKUPS)
        ),
    }
    for table, relationship in LOOKUPS.items():
        files[f"Entities/{table}/Entity.xml"] = _own(table, "ss")
        files[f"Other/Relationships/{table}.xml"] = _relationships(
            _one_to_many(relationship, APPLICATIONS, table, table, table, relationship)
        )
    users = [
        _platform(f"lk_{table.lower()}_{column}", table, "SystemUser", column)
        for table in tables
        for column in ("createdby", "modifiedby")
    ]
    files["Other/Relationships/SystemUser.xml"] = _relationships(*users)
    files["Other/Relationships/Owner.xml"] = _relationships(
        *[_platform(f"owner_{table.lower()}", table, "Owner", "OwnerId") for table in tables]
    )
    return files


def _entity_type(metadata: str, name: str) -> str:
    found = re.search(rf'<EntityType Name="{name}".*?</EntityType>', metadata, re.S)
    assert found is not None, name
    return found.group(0)


def test_cut_relationship_names_are_the_collections_the_roles_state(tmp_path: Path) -> None:
    generation, diagnostics = generate_unpacked(
        tmp_path, "SecurityScreening", _security_screening()
    )
    metadata = _checked(generation, diagnostics)
    for table, relationship in LOOKUPS.items():
        target = table.lower()
        assert _single(metadata, table, target, relationship), table
        assert _collection(metadata, relationship, "ss_securityapplications", table), table
    applications = _entity_type(metadata, "ss_securityapplications")
    for table in LOOKUPS:
        assert f'<Property Name="_{table.lower()}_value" Type="Edm.Guid"' in applications
    for table in ("ss_securityapplications", "ss_requesttype"):
        declared = _entity_type(metadata, table)
        for column in ("createdby", "modifiedby"):
            partner = f'Partner="lk_{table}_{column}"'
            assert f'<NavigationProperty Name="{column}" Type="mscrm.systemuser"' in declared
            assert partner in declared
        assert 'Name="ownerid" Type="mscrm.principal"' in declared
        assert f'Partner="owner_{table}"' in declared
        assert f'Name="{table}_AsyncOperations"' in declared


def test_the_lookups_keys_hold_on_sqlite_and_postgres(tmp_path: Path) -> None:
    generation, diagnostics = generate_unpacked(
        tmp_path, "SecurityScreening", _security_screening()
    )
    _checked(generation, diagnostics)
    sqlite_schema = generation.files["sql/sqlite/schema.sql"]
    postgres = generation.files["sql/postgres/schema.sql"]
    for table in LOOKUPS:
        referenced = f'REFERENCES "{table.lower()}" ("{table.lower()}id")'
        assert referenced in postgres, table
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA foreign_keys = ON")
    db.executescript(sqlite_schema)
    request = str(uuid.uuid4())
    db.execute("INSERT INTO ss_requesttype (ss_requesttypeid) VALUES (?)", (request,))
    db.execute(
        "INSERT INTO ss_securityapplications (ss_securityapplicationsid, ss_requesttype) "
        "VALUES (?, ?)",
        (str(uuid.uuid4()), request),
    )
    db.commit()
    db.execute(
        "INSERT INTO ss_securityapplications (ss_securityapplicationsid, ss_levelrequested) "
        "VALUES (?, ?)",
        (str(uuid.uuid4()), str(uuid.uuid4())),
    )
    with pytest.raises(sqlite3.IntegrityError):
        db.commit()  # the keys are deferred: a level requested that is not there fails here
    db.close()
    if postgres_unavailable() is None:
        import psycopg

        server = shared_server()
        with psycopg.connect(server.dsn(server.create_database()), autocommit=True) as connection:
            connection.execute(postgres)
            connection.execute(
                'INSERT INTO "ss_requesttype" ("ss_requesttypeid") VALUES (%s)', (request,)
            )
            connection.execute(
                'INSERT INTO "ss_securityapplications" ("ss_securityapplicationsid", '
                '"ss_requesttype") VALUES (%s, %s)',
                (str(uuid.uuid4()), request),
            )


# Jugalchoubisa32ue8eh/DemoTeam (``PFWforCELLPAK`` 1.0.0.4, exported 2025 from 9.2.25053, publisher
# ``advcellp``): a maker's business process flow on Project Operations' ``msdyn_project``,
# Entities/advcellp_approvalworkflowproject/Entity.xml (the facets that matter here) and its
# relationships as Other/Relationships/msdyn_project.xml, Workflow.xml and ProcessStage.xml
# write them.
FLOW = "advcellp_approvalworkflowproject"


def _flow_lookup(physical: str, custom: int) -> str:
    return attribute_xml(physical, "lookup", LOOKUP, custom=custom)


def _flow_entity(is_flow: int) -> str:
    attributes = (
        _flow_lookup("ActiveStageId", 0)
        + _flow_lookup("bpf_msdyn_projectid", 1)
        + attribute_xml(
            "bpf_name",
            "nvarchar",
            "<DisplayMask>PrimaryName|ValidForAdvancedFind|ValidForForm|ValidForGrid"
            "|RequiredForForm</DisplayMask><Format>text</Format><MaxLength>100</MaxLength>",
        )
        + attribute_xml("BusinessProcessFlowInstanceId", "primarykey", custom=0)
        + _flow_lookup("ProcessId", 0)
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Entity xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Name LocalizedName="Approval Workflow Project Charter"
        OriginalName="Approval Workflow Project Charter">{FLOW}</Name>
  <EntityInfo>
    <entity Name="{FLOW}">
      <attributes>
{attributes}      </attributes>
      <EntitySetName>{FLOW}s</EntitySetName>
      <IsBPFEntity>{is_flow}</IsBPFEntity>
      <OwnershipTypeMask>OrgOwned</OwnershipTypeMask>
    </entity>
  </EntityInfo>
</Entity>
"""


PROJECT = """<?xml version="1.0" encoding="utf-8"?>
<Entity xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Name LocalizedName="Plan" OriginalName="Project">msdyn_project</Name>
  <EntityInfo>
    <entity Name="msdyn_project">
      <attributes>
      </attributes>
    </entity>
  </EntityInfo>
</Entity>
"""


def _flow_solution(is_flow: int) -> dict[str, str]:
    roots = (
        f'<RootComponent type="1" schemaName="{FLOW}" behavior="0" />'
        '<RootComponent type="1" schemaName="msdyn_project" behavior="2" />'
    )
    to_project = f"bpf_msdyn_project_{FLOW}"
    return {
        "Other/Solution.xml": manifest("PFWforCELLPAK", "advcellp", 46891, roots),
        f"Entities/{FLOW}/Entity.xml": _flow_entity(is_flow),
        "Entities/msdyn_project/Entity.xml": PROJECT,
        "Other/Relationships/msdyn_project.xml": _relationships(
            _one_to_many(
                to_project,
                FLOW,
                "msdyn_project",
                "bpf_msdyn_projectid",
                "bpf_msdyn_projectid",
                to_project,
                "Cascade",
            )
        ),
        "Other/Relationships/Workflow.xml": _relationships(
            _platform(f"lk_{FLOW}_processid", FLOW, "Workflow", "ProcessId")
        ),
        "Other/Relationships/ProcessStage.xml": _relationships(
            _platform(f"lk_{FLOW}_activestageid", FLOW, "ProcessStage", "ActiveStageId")
        ),
    }


def test_a_makers_business_process_flow_has_its_process_logs(tmp_path: Path) -> None:
    """Dataverse relates the process log (``workflowlog.asyncoperationid``) to every business
    process flow's table, as it relates its six own tables to every table: Microsoft's
    EntityType of Project Service's flow ``msdyn_bpf_665e73aa18c247d886bfc50499c73b82`` has
    ``msdyn_bpf_..._WorkflowLogs`` (partner ``asyncoperationid_msdyn_bpf_...``) beside
    ``..._AsyncOperations``; no export lists it. The flow's other names are the roles' and
    Microsoft's (``bpf_msdyn_projectid``, ``processid``, ``activestageid``)."""
    generation, diagnostics = generate_unpacked(tmp_path, "PFW", _flow_solution(1))
    metadata = _checked(generation, diagnostics)
    flow = _entity_type(metadata, FLOW)
    logs = f"{FLOW}_WorkflowLogs"
    assert _collection(metadata, logs, "workflowlog", f"asyncoperationid_{FLOW}")
    assert _single(metadata, f"asyncoperationid_{FLOW}", FLOW, logs)
    log = _entity_type(metadata, "workflowlog")
    assert 'ReferencedProperty="businessprocessflowinstanceid"' in log
    assert f'Name="{FLOW}_AsyncOperations"' in flow
    assert _single(metadata, "bpf_msdyn_projectid", "msdyn_project", f"bpf_msdyn_project_{FLOW}")
    assert _single(metadata, "processid", "workflow", f"lk_{FLOW}_processid")
    assert _single(metadata, "activestageid", "processstage", f"lk_{FLOW}_activestageid")
    assert f"schema_name: {logs}" in generation.files[f"model/{FLOW}.yaml"]
    postgres = generation.files["sql/postgres/schema.sql"]
    assert "workflowlog" not in postgres  # no table of the set holds the logs
    if postgres_unavailable() is None:
        import psycopg

        server = shared_server()
        with psycopg.connect(server.dsn(server.create_database()), autocommit=True) as db:
            db.execute(postgres)


def test_a_table_that_is_no_flow_has_no_process_logs(tmp_path: Path) -> None:
    generation, diagnostics = generate_unpacked(tmp_path, "PFW", _flow_solution(0))
    metadata = _checked(generation, diagnostics)
    assert "WorkflowLogs" not in metadata
    assert f'Name="{FLOW}_AsyncOperations"' in _entity_type(metadata, FLOW)


def test_a_shell_of_a_dynamics_365_flow_has_its_process_logs(tmp_path: Path) -> None:
    """A solution customizing Project Service's flow, no page of which is in the set: its
    shell gets what Microsoft's EntityType has, the process logs with the six."""
    flow = "msdyn_bpf_665e73aa18c247d886bfc50499c73b82"
    shell = PROJECT.replace("msdyn_project", flow).replace('"Plan"', '"Project Service"')
    shell = shell.replace(
        "      </attributes>", _lookup("advcellp_Reviewer") + "      </attributes>"
    )
    files = {
        "Other/Solution.xml": manifest(
            "PFWforCELLPAK",
            "advcellp",
            46891,
            f'<RootComponent type="1" schemaName="{flow}" behavior="2" />',
        ),
        f"Entities/{flow}/Entity.xml": shell,
    }
    generation, diagnostics = generate_unpacked(tmp_path, "PFW", files)
    metadata = _checked(generation, diagnostics)
    logs = f"{flow}_WorkflowLogs"
    assert _collection(metadata, logs, "workflowlog", f"asyncoperationid_{flow}")
    assert f'Name="{flow}_SyncErrors"' in _entity_type(metadata, flow)


HAND_WRITTEN_FLOW = """logical_name: new_approvalflow
schema_name: new_approvalflow
display_name: Approval flow
entity_set_name: new_approvalflows
primary_id_attribute: businessprocessflowinstanceid
primary_name_attribute: bpf_name
ownership_type: OrganizationOwned
is_bpf_entity: {flag}
columns:
  - logical_name: businessprocessflowinstanceid
    type: Uniqueidentifier
  - logical_name: bpf_name
    type: String
    max_length: 100
"""


@pytest.mark.parametrize("flag", ["true", "false"])
def test_a_hand_written_flow_has_its_process_logs(tmp_path: Path, flag: str) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "new_approvalflow.yaml").write_text(HAND_WRITTEN_FLOW.format(flag=flag), "utf-8")
    diagnostics = Diagnostics()
    generation = generate(Config(specs=specs, out=tmp_path / "out", cache=False), diagnostics)
    metadata = _checked(generation, diagnostics)
    logs = _collection(
        metadata,
        "new_approvalflow_WorkflowLogs",
        "workflowlog",
        "asyncoperationid_new_approvalflow",
    )
    assert logs is (flag == "true")
    assert 'Name="new_approvalflow_AsyncOperations"' in metadata


# Entities/msdyn_project/Entity.xml's shell (two of its columns) and OptionSets/proj_stage.xml
# (three of its fourteen options), as DemoTeam exports them.
STAGE_OPTIONS = "".join(
    f'<option value="{value}" IsHidden="0"><labels>'
    f'<label description="{label}" languagecode="1033" /></labels></option>'
    for value, label in (
        (189330000, "Initiation"),
        (189330004, "Approved"),
        (468910001, "Rejected"),
    )
)
STAGE = f"""<?xml version="1.0" encoding="utf-8"?>
<optionset Name="proj_stage" localizedName="advcellp_Stage">
  <OptionSetType>picklist</OptionSetType>
  <IsGlobal>1</IsGlobal>
  <displaynames><displayname description="advcellp_Stage" languagecode="1033" /></displaynames>
  <options>{STAGE_OPTIONS}</options>
</optionset>
"""
CHARTER = (
    "<AppDefaultValue>0</AppDefaultValue>"
    '<optionset Name="advcellp_msdyn_project_advcellp_charterapproved">'
    "<OptionSetType>bit</OptionSetType><options>"
    '<option value="1"><labels><label description="Yes" languagecode="1033" /></labels></option>'
    '<option value="0"><labels><label description="No" languagecode="1033" /></labels></option>'
    "</options></optionset>"
)


def test_a_shells_choice_defaults_are_sql_defaults(tmp_path: Path) -> None:
    columns = attribute_xml("advcellp_Charterapproved", "bit", CHARTER) + attribute_xml(
        "proj_Stage",
        "picklist",
        "<AppDefaultValue>189330000</AppDefaultValue><OptionSetName>proj_stage</OptionSetName>",
    )
    roots = (
        '<RootComponent type="1" schemaName="msdyn_project" behavior="2" />'
        '<RootComponent type="9" schemaName="proj_stage" behavior="0" />'
    )
    files = {
        "Other/Solution.xml": manifest("PFWforCELLPAK", "advcellp", 46891, roots),
        "Entities/msdyn_project/Entity.xml": PROJECT.replace(
            "      </attributes>", columns + "      </attributes>"
        ),
        "OptionSets/proj_stage.xml": STAGE,
    }
    generation, diagnostics = generate_unpacked(tmp_path, "PFW", files)
    _checked(generation, diagnostics)
    postgres = generation.files["sql/postgres/schema.sql"]
    assert '"advcellp_charterapproved" boolean DEFAULT false' in postgres
    assert '"proj_stage" integer DEFAULT 189330000 CONSTRAINT' in postgres
    db = sqlite3.connect(":memory:")
    db.executescript(generation.files["sql/sqlite/schema.sql"])
    db.execute("INSERT INTO msdyn_project (msdyn_projectid) VALUES (?)", (str(uuid.uuid4()),))
    row = db.execute("SELECT advcellp_charterapproved, proj_stage FROM msdyn_project").fetchone()
    assert row == (0, 189330000)
    db.close()


# Entities/msdyn_ProjectRisk/Entity.xml (its lookup of publisher proj_) and the relationship of
# Other/Relationships/SystemUser.xml, whose referenced side's role names no collection, as the
# managed solution that made it left it (IntroducedVersion 1.6.0.0).
RISK = f"""<?xml version="1.0" encoding="utf-8"?>
<Entity xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Name LocalizedName="Risk" OriginalName="Risk">msdyn_ProjectRisk</Name>
  <EntityInfo>
    <entity Name="msdyn_ProjectRisk">
      <attributes>
{_lookup("proj_AssignedTo")}      </attributes>
    </entity>
  </EntityInfo>
</Entity>
"""


def test_a_shell_of_an_undocumented_table_is_no_slip_of_the_hand(tmp_path: Path) -> None:
    """``msdyn_projectrisk`` comes with Project Operations (the export's MissingDependencies:
    ``msdyn_ProjectServiceCore_Patch``) and no reference page documents it: the warning asks
    for a spec of it, without the "did you mean 'msdyn_projecttask'?" a hand-written
    customization's possible typo gets, since the export names a table its environment has."""
    relationship = "proj_msdyn_ProjectRisk_AssignedTo_SystemUser"
    files = {
        "Other/Solution.xml": manifest(
            "PFWforCELLPAK",
            "advcellp",
            46891,
            '<RootComponent type="1" schemaName="msdyn_projectrisk" behavior="2" />',
        ),
        "Entities/msdyn_ProjectRisk/Entity.xml": RISK,
        "Other/Relationships/SystemUser.xml": _relationships(
            _one_to_many(
                relationship,
                "msdyn_ProjectRisk",
                "SystemUser",
                "proj_AssignedTo",
                "proj_AssignedTo",
                None,
            )
        ),
    }
    generation, diagnostics = generate_unpacked(tmp_path, "PFW", files)
    missing = [str(d) for d in diagnostics if d.code == "solution-base-missing"]
    assert len(missing) == 1
    assert "'msdyn_projectrisk'" in missing[0] and "did you mean" not in missing[0], missing
    assert "; add a spec that defines it (a YAML table spec, say)" in missing[0]
    metadata = _checked(generation, diagnostics)
    assert _single(metadata, "proj_AssignedTo", "systemuser", relationship)
    assert _collection(metadata, relationship, "msdyn_projectrisk", "proj_AssignedTo")
