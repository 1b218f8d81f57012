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
says so (``sqlserver-cascade-cycle``), as it should. Also run, no fault: the global choice
``msemr_taskstatus`` (``OptionSets/``, 12 options) on task's ``msemr_Status``; account's
``msemr_Contact2`` and contact's ``msemr_ManagingOrganization`` (``Other/Relationships/
{Account,Contact}.xml``) layered on the corpus pages of both, partnered both ways; the custom
activity ``msemr_appointmentemr``'s roleless Regarding relationships to ``Incident`` and
``Opportunity`` (``incident_msemr_appointmentemrs``: ``regardingobjectid_incident_<activity>``,
as tests/test_solutions_round28 pins), with no page of either (placeholder types); a lookup
whose relationship file is left out (``solution-lookup-untargeted``) and a global choice whose
file is (``choice-without-options``) are reported, as they should be. No fault there.

kmurCD/ProcessFlowComponent (``TransligraCRM`` 1.0.0.1, unmanaged, exported 2025 from a
9.2.25013 environment in Spanish only, ``languagecode="3082"``, publisher prefix ``centella``,
option prefix 59420; ``Solution/Other/Solution.xml``, ``Solution/Entities/{Account,
Opportunity,Competitor}/Entity.xml``, read whole). It customizes Microsoft's ``Opportunity``
(``centella_Phase``, a local choice of 14 options valued 1-14, ``centella_ControlPhase``) and
``Account``, whose ``Entity.xml`` restates three of Microsoft's choices as the org has them,
labelled in Spanish only: ``AccountClassificationCode`` (``account_accountclassificationcode``:
1 "Bronce", 2 "Plata", 3 "Oro", 4 "Platino"; Microsoft's has 1 "Default Value" only),
``IndustryCode`` (``account_industrycode``: 34-43, "Agricultura, caza, silvicultura y pesca"
... "Otros servicios") and ``OwnershipCode`` (1-3). ``Competitor`` is restated whole (root
behavior 0) with two columns only, ``ExchangeRate``'s ``<MinValue>1E-12``.

Fault found: read in English on Microsoft's account page, the options the org added to
Microsoft's choices were dropped: ``accountclassificationcode`` kept 1 only and
``industrycode`` 1-33, so the JSON Schema and the SQL CHECK refused 2-4 and 34-43, values the
org's records hold. dvgen kept an option labelled only in another language than the set's
only when its value carried the publisher's prefix (the options an export's publisher adds);
these were added in the org's own UI with plain values. An option the base lacks is the org's
whatever its value: it is now added with the only label it has (a base option keeps its
English label), in the org's order, for a table's choice and a global one alike
(``ColumnChange.foreign_choices``, ``ChoiceExtension.foreign_options``).
"""

from __future__ import annotations

import json
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.pipeline import Generation, generate
from tests.conftest import CORPUS, needs_shared
from tests.solution_support import attribute_xml, layered, manifest
from tests.test_odata_tools import xsd_errors
from tests.test_solution_unseen2 import ACCOUNT
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


def _spanish(value: int, label: str) -> str:
    return (
        f'<option value="{value}" ExternalValue="" IsHidden="0"><labels>'
        f'<label description="{label}" languagecode="3082" /></labels></option>'
    )


def _restated(physical: str, optionset: str, options: tuple[tuple[int, str], ...]) -> str:
    """A Microsoft choice as the Spanish export restates it (``<IsCustomField>0``)."""
    listed = "".join(_spanish(value, label) for value, label in options)
    return attribute_xml(
        physical,
        "picklist",
        f'<AppDefaultValue>-1</AppDefaultValue><optionset Name="{optionset}">'
        f"<OptionSetType>picklist</OptionSetType><options>{listed}</options></optionset>",
        custom=0,
    )


TRANSLIGRA_ACCOUNT = (
    '<Entity><Name LocalizedName="Cuenta" OriginalName="">Account</Name><EntityInfo>'
    '<entity Name="Account"><attributes>'
    + _restated(
        "AccountClassificationCode",
        "account_accountclassificationcode",
        ((1, "Bronce"), (2, "Plata"), (3, "Oro"), (4, "Platino")),
    )
    + _restated(
        "IndustryCode",
        "account_industrycode",
        ((34, "Agricultura, caza, silvicultura y pesca"), (43, "Otros servicios")),
    )
    + _restated("OwnershipCode", "account_ownershipcode", ((1, "Pública"), (2, "Privada")))
    + "</attributes><EntitySetName>accounts</EntitySetName>"
    "<OwnershipTypeMask>UserOwned</OwnershipTypeMask><IsActivity>0</IsActivity>"
    "</entity></EntityInfo></Entity>"
)
TRANSLIGRA = {
    "Other/Solution.xml": manifest(
        "TransligraCRM",
        "centella",
        59420,
        '<RootComponent type="1" schemaName="account" behavior="1" />',
        language=3082,
    ),
    "Entities/Account/Entity.xml": TRANSLIGRA_ACCOUNT,
}


ROW = "00000000-0000-0000-0000-00000000000"


def _choices(generation: Generation, table: str, column: str) -> list[tuple[int, str]]:
    (found,) = [t for t in generation.tables.tables if t.logical_name == table]
    return [(c.value, c.label) for c in found.columns_by_name[column].choices]


@needs_shared
def test_options_an_org_added_to_microsofts_choices_are_kept_in_another_language(
    tmp_path: Path,
) -> None:
    """The Spanish export restates Microsoft's account choices as the org has them: the options
    the account page lacks (2-4, 34-43, valued without the publisher's prefix) are the org's and
    are added with their only label; Microsoft's keep their English labels and the option the
    export no longer lists (ownershipcode's 4) stays, as an import leaves it."""
    page = (CORPUS / "account.md").read_text(encoding="utf-8")
    generation = layered(tmp_path, TRANSLIGRA, ("account.md", page))
    assert _choices(generation, "account", "accountclassificationcode") == [
        (1, "Default Value"),
        (2, "Plata"),
        (3, "Oro"),
        (4, "Platino"),
    ]
    industry = _choices(generation, "account", "industrycode")
    assert industry[0] == (1, "Accounting") and len(industry) == 35
    assert industry[-2:] == [
        (34, "Agricultura, caza, silvicultura y pesca"),
        (43, "Otros servicios"),
    ]
    assert [v for v, _ in _choices(generation, "account", "ownershipcode")] == [1, 2, 3, 4]
    model = generation.files["model/account.yaml"]
    assert 'label: Platino\n    extra:\n      LabelLanguageCode: "3082"' in model
    conn = sqlite3.connect(":memory:")
    conn.executescript(generation.files["sql/sqlite/schema.sql"])
    conn.execute(
        "INSERT INTO account (accountid, ownerid, accountclassificationcode, industrycode)"
        f" VALUES ('{ROW}1', '{ROW}9', 4, 43)"
    )
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO account (accountid, ownerid, industrycode)"
            f" VALUES ('{ROW}2', '{ROW}9', 44)"
        )
    schema = json.loads(generation.files["jsonschema/account.schema.json"])
    industrycode = Draft202012Validator(schema["properties"]["industrycode"])
    assert industrycode.is_valid(43) and not industrycode.is_valid(44)


@needs_shared
@pytest.mark.skipif(postgres_unavailable() is not None, reason=str(postgres_unavailable()))
def test_the_orgs_options_are_accepted_by_postgres(tmp_path: Path) -> None:
    import psycopg

    page = (CORPUS / "account.md").read_text(encoding="utf-8")
    generation = layered(tmp_path, TRANSLIGRA, ("account.md", page))
    server = shared_server()
    with psycopg.connect(server.dsn(server.create_database())) as conn:
        conn.execute(generation.files["sql/postgres/schema.sql"])
        conn.execute(
            "INSERT INTO account (accountid, ownerid, accountclassificationcode, industrycode)"
            f" VALUES ('{ROW}1', '{ROW}9', 3, 34)"
        )
        rows = conn.execute("SELECT industrycode FROM account").fetchall()
    assert rows == [(34,)]


SECTOR = """<optionset Name="industrycode" localizedName="Sector">
  <OptionSetType>picklist</OptionSetType>
  <IsGlobal>1</IsGlobal>
  <options>
    <option value="1" IsHidden="0">
      <labels><label description="Contabilidad" languagecode="3082" /></labels>
    </option>
    <option value="34" IsHidden="0">
      <labels><label description="Energía y agua" languagecode="3082" /></labels>
    </option>
  </options>
</optionset>
"""


def test_a_global_choice_restated_in_another_language_gains_the_orgs_plain_options(
    tmp_path: Path,
) -> None:
    """As for a table's choice: a Microsoft global choice the Spanish export restates gains
    the option the org added without the publisher's prefix (34), with its only label, after
    the base's; Microsoft's option keeps its English label."""
    roots = '<RootComponent type="9" schemaName="industrycode" behavior="1" />'
    solution = {
        "Other/Solution.xml": manifest("TransligraCRM", "centella", 59420, roots, language=3082),
        "OptionSets/industrycode.xml": SECTOR,
    }
    base = ACCOUNT + (
        "  - logical_name: industrycode\n    schema_name: IndustryCode\n    type: Picklist\n"
        "    global_choice_name: industrycode\n    choices:\n"
        "      - {value: 1, label: Accounting}\n      - {value: 2, label: Agriculture}\n"
    )
    generation = layered(tmp_path, solution, ("account.yaml", base))
    assert _choices(generation, "account", "industrycode") == [
        (1, "Accounting"),
        (2, "Agriculture"),
        (34, "Energía y agua"),
    ]


COMPETITOR = (
    '<Entity><Name LocalizedName="Competidor" OriginalName="Competidor">Competitor</Name>'
    '<EntityInfo><entity Name="Competitor"><attributes>'
    + attribute_xml(
        "ExchangeRate",
        "decimal",
        "<ValidForUpdateApi>0</ValidForUpdateApi><ValidForCreateApi>0</ValidForCreateApi>"
        "<MinValue>1E-12</MinValue><MaxValue>100000000000</MaxValue><Accuracy>12</Accuracy>",
        custom=0,
    )
    + "</attributes><EntitySetName>competitors</EntitySetName>"
    "<OwnershipTypeMask>OrgOwned</OwnershipTypeMask></entity></EntityInfo></Entity>"
)


def test_a_restated_exchange_rate_keeps_its_exponent_range(tmp_path: Path) -> None:
    """No fault: Competitor restated whole (root behavior 0) with ``ExchangeRate``'s
    ``<MinValue>1E-12``, built from the solution alone (``solution-base-missing``): the range
    is exact in SQLite's CHECK, read only in ``$metadata``."""
    roots = '<RootComponent type="1" schemaName="competitor" behavior="0" />'
    files = {
        "Other/Solution.xml": manifest("TransligraCRM", "centella", 59420, roots, language=3082),
        "Entities/Competitor/Entity.xml": COMPETITOR,
    }
    specs = tmp_path / "specs" / "Transligra"
    for relative, text in files.items():
        (specs / relative).parent.mkdir(parents=True, exist_ok=True)
        (specs / relative).write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    config = Config(specs=tmp_path / "specs", out=tmp_path / "out", cache=False, language=3082)
    generation = generate(config, diagnostics)
    assert not diagnostics.has_errors
    conn = sqlite3.connect(":memory:")
    conn.executescript(generation.files["sql/sqlite/schema.sql"])
    conn.execute(f"INSERT INTO competitor (competitorid, exchangerate) VALUES ('{ROW}1', 1e-12)")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(f"INSERT INTO competitor (competitorid, exchangerate) VALUES ('{ROW}2', 0)")
    metadata = generation.files["odata/metadata.xml"]
    assert xsd_errors(metadata.encode()) == []
    assert '<Property Name="exchangerate" Type="Edm.Decimal"' in metadata
