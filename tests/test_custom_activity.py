"""Custom activity tables (``IsActivity``): what Dataverse holds for one, from a solution and
from a YAML spec written by hand, checked through every target.

Evidence, not memory: the custom activity ``csa_csIncident`` of
``pnp__powerplatform-samples__IncidentReporting`` in ``../shared/solutions`` (its Entity.xml
lists the columns Dataverse made with it, its Relationships the system relationships, spelt
``<table>_systemuser_createdby``); the live ``EntityDefinitions`` of Microsoft's solution-made
activity ``msfp_surveyresponse`` (its delegates' relationships
``msfp_surveyresponse_systemuser_createdonbehalfby``, its ``msfp_surveyresponse_activity_parties``);
and the Web API's own ``task`` EntityType (``../shared/validators/webapi-v9/task.yml``: BaseType
``activitypointer``, key ``activityid``, ``activitytypecode`` an ``Edm.String``).
"""

from __future__ import annotations

import importlib
import json
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import sqlglot
import yaml
from lxml import etree

from dvgen.cli import main
from dvgen.diagnostics import Diagnostics, Location, SpecError
from dvgen.model import ColumnType, OwnershipType, Table
from dvgen.parse.yaml_spec import parse_yaml_spec
from dvgen.pipeline import Generation
from tests.conftest import NO_SHARED, SHARED, needs_shared
from tests.solution_support import layered, manifest
from tests.test_odata_tools import XSD, xsd_errors
from tests.test_pydantic import imported
from tests.test_sql_support import postgres_unavailable, shared_server

ROOT = '<RootComponent type="1" schemaName="new_sms" behavior="0" />'


def _attribute(physical: str, kind: str, body: str = "", mask: str = "ValidForForm") -> str:
    """An export's ``<attribute>`` Dataverse made with the activity (``IsCustomField`` 0)."""
    logical = physical.lower()
    return f"""<attribute PhysicalName="{physical}">
  <Type>{kind}</Type><Name>{logical}</Name><LogicalName>{logical}</LogicalName>
  <RequiredLevel>none</RequiredLevel><DisplayMask>{mask}</DisplayMask>
  <ValidForUpdateApi>0</ValidForUpdateApi><ValidForReadApi>1</ValidForReadApi>
  <ValidForCreateApi>0</ValidForCreateApi><IsCustomField>0</IsCustomField>{body}
</attribute>"""


# The custom activity's activitytypecode as csa_csIncident's export writes it: a picklist of the
# global activitypointer_activitytypecode whose display mask says ObjectTypeCode.
ACTIVITY_TYPE = _attribute(
    "ActivityTypeCode",
    "picklist",
    "<OptionSetName>activitypointer_activitytypecode</OptionSetName>",
    mask="ObjectTypeCode|ValidForAdvancedFind|ValidForGrid",
)
DELEGATE = _attribute(
    "CreatedOnBehalfBy", "lookup", "<LookupStyle>single</LookupStyle><LookupTypes />"
)
CREATED_BY = _attribute("CreatedBy", "lookup", "<LookupStyle>single</LookupStyle><LookupTypes />")
CREATED_BY_RELATIONSHIP = """<EntityRelationship Name="new_sms_systemuser_createdby">
  <EntityRelationshipType>OneToMany</EntityRelationshipType><IsHierarchical>0</IsHierarchical>
  <ReferencingEntityName>new_sms</ReferencingEntityName>
  <ReferencedEntityName>SystemUser</ReferencedEntityName>
  <CascadeAssign>NoCascade</CascadeAssign><CascadeDelete>NoCascade</CascadeDelete>
  <ReferencingAttributeName>CreatedBy</ReferencingAttributeName>
</EntityRelationship>"""


def _export(*attributes: str, relationships: str = "") -> dict[str, str]:
    """An extracted export of the custom activity ``new_sms`` with ``attributes`` beside its
    key and subject."""
    entity = (
        '<Entity><Name LocalizedName="SMS" OriginalName="SMS">new_sms</Name>'
        '<EntityInfo><entity Name="new_sms"><LocalizedNames>'
        '<LocalizedName description="SMS" languagecode="1033" /></LocalizedNames><attributes>'
        + _attribute("ActivityId", "primarykey")
        + _attribute("Subject", "nvarchar", "<MaxLength>200</MaxLength>", mask="PrimaryName")
        + "".join(attributes)
        + "</attributes><EntitySetName>new_smses</EntitySetName><IsActivity>1</IsActivity>"
        "<OwnershipTypeMask>UserOwned</OwnershipTypeMask></entity></EntityInfo></Entity>"
    )
    customizations = (
        '<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<Entities>{entity}</Entities><EntityRelationships>{relationships}"
        "</EntityRelationships><optionsets /><Languages><Language>1033</Language></Languages>"
        "</ImportExportXml>"
    )
    return {
        "solution.xml": manifest("Messaging", "new", 10000, ROOT),
        "customizations.xml": customizations,
    }


def _table(generation: Generation, name: str = "new_sms") -> Table:
    table = generation.tables.get(name)
    assert isinstance(table, Table)
    return table


def _record(activity: str, **fields: Any) -> dict[str, Any]:
    """A row of the activity as ``GET /<set>(<id>)`` returns it."""
    return {"activityid": str(uuid.uuid4()), "subject": "Hello", **fields} | {
        "activitytypecode": activity
    }


# --- a solution's custom activity ------------------------------------------------------------


def test_activity_type_of_an_export_is_the_table_s_name_as_the_web_api_gives_it(
    tmp_path: Path,
) -> None:
    """An export writes a custom activity's activitytypecode as a picklist of the global
    ``activitypointer_activitytypecode`` marked ObjectTypeCode; Dataverse types it EntityName
    (task.md: ``Type: EntityName``; task.yml: ``Edm.String``), so a Web API record carries
    the activity's logical name, not a number."""
    generation = layered(tmp_path, _export(ACTIVITY_TYPE))
    column = _table(generation).columns_by_name["activitytypecode"]
    assert (column.type, column.global_choice_name, column.choices) == (
        ColumnType.ENTITY_NAME,
        None,
        (),
    )
    assert (
        '<Property Name="activitytypecode" Type="Edm.String"'
        in (generation.files["odata/metadata.xml"])
    )
    package = {
        path.removeprefix("pydantic/"): text
        for path, text in generation.files.items()
        if path.startswith("pydantic/")
    }
    with imported(package, tmp_path / "pkg", "dataverse_models") as models:
        row = models.NewSms.model_validate(_record("new_sms"))
    assert row.activity_type_code == "new_sms"


def test_a_custom_activity_s_delegates_are_related_as_dataverse_names_them(
    tmp_path: Path,
) -> None:
    """An export lists no relationship of ``createdonbehalfby``; Dataverse names a custom
    activity's ``<table>_systemuser_createdonbehalfby``, as it names its ``createdby``'s
    (``csa_csincident_systemuser_createdby``; ``msfp_surveyresponse_systemuser_
    createdonbehalfby``), not ``lk_<table>_createdonbehalfby`` as for other tables."""
    solution = _export(CREATED_BY, DELEGATE, relationships=CREATED_BY_RELATIONSHIP)
    table = _table(layered(tmp_path, solution))
    related = {r.schema_name: r.referencing_attribute for r in table.relationships.many_to_one}
    assert related == {
        "new_sms_systemuser_createdby": "createdby",
        "new_sms_systemuser_createdonbehalfby": "createdonbehalfby",
        "activity_pointer_new_sms": "activityid",  # the export left out its own too
    }


# --- a custom activity written by hand -------------------------------------------------------

SMS = """\
# A custom activity: a text message, with a cost.
logical_name: new_sms
schema_name: new_Sms
display_name: SMS
display_collection_name: SMS Messages
entity_set_name: new_smses
primary_id_attribute: activityid
primary_name_attribute: subject
columns:
  - {logical_name: activityid, schema_name: ActivityId, type: Uniqueidentifier,
     required_level: SystemRequired}
  - {logical_name: subject, schema_name: Subject, type: String, max_length: 400,
     required_level: ApplicationRequired}
  - {logical_name: new_phonenumber, schema_name: new_PhoneNumber, type: String, max_length: 20}
  - {logical_name: new_cost, schema_name: new_Cost, type: Money, precision: 2}
"""
INCIDENT = SHARED / "solutions/pnp__powerplatform-samples__IncidentReporting"


def parse(text: str = SMS) -> Table:
    diagnostics = Diagnostics()
    table = parse_yaml_spec(text, Location("specs/new_sms.yaml"), diagnostics)
    assert not list(diagnostics), [str(d) for d in diagnostics]
    return table


def _made_with_the_activity() -> dict[str, tuple[str, bool, bool]]:
    """The columns Dataverse made with csa_csIncident (``IsCustomField`` 0, its key left
    out): name -> (export type, valid for create, valid for update)."""
    entity = INCIDENT / "Entities/csa_csIncident/Entity.xml"
    found = {}
    for attribute in etree.parse(str(entity)).iter("attribute"):
        kind = attribute.findtext("Type")
        if attribute.findtext("IsCustomField") != "0" or kind == "primarykey":
            continue
        create, update = (
            attribute.findtext(f"ValidFor{v}Api") == "1" for v in ("Create", "Update")
        )
        found[(attribute.findtext("LogicalName") or "").lower()] = (str(kind), create, update)
    return found


EXPORT_TYPES = {
    ColumnType.LOOKUP: "lookup",
    ColumnType.OWNER: "owner",
    ColumnType.PARTY_LIST: "partylist",
    ColumnType.DATE_TIME: "datetime",
    ColumnType.INTEGER: "int",
    ColumnType.STATE: "state",
    ColumnType.STATUS: "status",
    ColumnType.BOOLEAN: "bit",
    ColumnType.PICKLIST: "picklist",
    ColumnType.ENTITY_NAME: "picklist",  # activitytypecode, marked ObjectTypeCode
    ColumnType.MEMO: "ntext",
    ColumnType.STRING: "nvarchar",
    ColumnType.UNIQUEIDENTIFIER: "uniqueidentifier",
}


@needs_shared
def test_the_columns_are_those_dataverse_made_for_a_real_custom_activity() -> None:
    """Every column csa_csIncident's export lists as Dataverse's, of the same type and
    writability; ``versionnumber``, which no export lists, besides."""
    made = _made_with_the_activity()
    table = parse(
        SMS.replace(
            "  - {logical_name: new_cost, schema_name: new_Cost, type: Money, precision: 2}\n", ""
        )
    )
    ours = {
        c.logical_name: (EXPORT_TYPES[c.type], c.valid_for_create, c.valid_for_update)
        for c in table.columns
        if c.logical_name not in ("activityid", "versionnumber", "new_phonenumber")
    }
    assert ours == made


@needs_shared
def test_the_relationships_are_spelt_as_the_export_spells_them() -> None:
    """The system relationships csa_csIncident's export names, for our table's names; the
    delegates' and the currency's (no export lists them) as msfp_surveyresponse's."""
    folder = INCIDENT / "Other/Relationships"
    real = {
        str(name).replace("csa_csincident", "new_sms").replace("csa_csIncident", "new_Sms")
        for path in folder.glob("*.xml")
        for name in etree.parse(str(path)).xpath("//EntityRelationship/@Name")
    }
    ours = {r.schema_name for r in parse().relationships.many_to_one}
    unlisted = {
        "new_sms_systemuser_createdonbehalfby",
        "new_sms_systemuser_modifiedonbehalfby",
        "new_sms_transactioncurrency_transactioncurrencyid",
    }
    assert ours - unlisted <= real
    assert len(ours - unlisted) == 10
    assert "activity_pointer_new_Sms" in ours


def test_state_and_status_are_an_activity_s_and_ownership_user() -> None:
    table = parse()
    assert table.ownership_type is OwnershipType.USER_OWNED
    state, status = (table.columns_by_name[n] for n in ("statecode", "statuscode"))
    assert [(c.value, c.label, c.default_status) for c in state.choices] == [
        (0, "Open", 1),
        (1, "Completed", 2),
        (2, "Canceled", 3),
        (3, "Scheduled", 4),
    ]
    assert [(c.value, c.state) for c in status.choices] == [(1, 0), (2, 1), (3, 2), (4, 3)]


@pytest.mark.parametrize(
    ("line", "wrong", "message"),
    [
        (
            "primary_name_attribute: subject",
            "primary_name_attribute: new_phonenumber",
            "has subject as its primary name column",
        ),
        (
            "primary_name_attribute: subject",
            "primary_name_attribute: subject\nownership_type: OrganizationOwned",
            "is user or team owned",
        ),
    ],
)
def test_what_dataverse_refuses_of_a_custom_activity_is_an_error(
    line: str, wrong: str, message: str
) -> None:
    """Microsoft's "Custom activities": the primary column of every activity is ``subject``,
    and a custom activity is user or team owned."""
    diagnostics = Diagnostics()
    with pytest.raises(SpecError):
        parse_yaml_spec(SMS.replace(line, wrong), Location("specs/new_sms.yaml"), diagnostics)
    assert message in " ".join(str(d) for d in diagnostics)


# --- every target, judged by real tools ------------------------------------------------------


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The activity generated: every target and dialect, warnings none."""
    root = tmp_path_factory.mktemp("activity")
    (root / "specs").mkdir()
    (root / "specs/new_sms.yaml").write_text(SMS, encoding="utf-8")
    (root / "pyproject.toml").write_text('[tool.dvgen]\npydantic_package = "sms_models"\n')
    argv = ["--config", str(root / "pyproject.toml"), "--specs", str(root / "specs")]
    assert main(["generate", "-q", "--no-cache", *argv, "--out", str(root / "out")]) == 0
    return root / "out"


def test_no_warning_is_given_for_what_dataverse_made(
    app: Path, capsys: pytest.CaptureFixture[str], workdir: Path
) -> None:
    specs = app.parent / "specs"
    assert main(["generate", "--no-cache", "--specs", str(specs), "--out", "out"]) == 0
    assert "warning" not in capsys.readouterr().err


ACTIVITY_COLUMNS = {"activitytypecode", "regardingobjectid", "scheduledend", "prioritycode"}


def test_sqlite_stores_a_row_of_the_activity(app: Path) -> None:
    db = sqlite3.connect(":memory:")
    db.executescript((app / "sql/sqlite/schema.sql").read_text(encoding="utf-8"))
    columns = {row[1] for row in db.execute("PRAGMA table_info(new_sms)")}
    assert ACTIVITY_COLUMNS <= columns and "to" not in columns  # parties are activityparty's
    db.execute(
        "INSERT INTO new_sms (activityid, subject, activitytypecode, statecode, statuscode, "
        "ownerid, owningbusinessunit, instancetypecode, isregularactivity) "
        "VALUES (?, 'Hi', 'new_sms', 1, 2, ?, ?, 0, 1)",
        (str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())),
    )
    with pytest.raises(sqlite3.IntegrityError):  # Completed with Open's status reason
        db.execute("UPDATE new_sms SET statuscode = 1")


@pytest.mark.skipif(postgres_unavailable() is not None, reason=str(postgres_unavailable()))
def test_postgresql_applies_the_schema_of_the_activity(app: Path) -> None:
    import psycopg

    server = shared_server()
    with psycopg.connect(server.dsn(server.create_database()), autocommit=True) as conn:
        conn.execute((app / "sql/postgres/schema.sql").read_text(encoding="utf-8"))
        rows = conn.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = 'new_sms'"
        ).fetchall()
    types: dict[str, str] = dict(rows)
    assert ACTIVITY_COLUMNS <= set(types)
    assert (types["activitytypecode"], types["regardingobjectid"]) == ("text", "uuid")


def test_sqlglot_parses_the_sql_server_schema(app: Path) -> None:
    text = (app / "sql/sqlserver/schema.sql").read_text(encoding="utf-8")
    statements = [s for s in sqlglot.parse(text, read="tsql") if s is not None]
    created = {
        s.this.this.name: {
            c.name for c in s.this.expressions if isinstance(c, sqlglot.exp.ColumnDef)
        }
        for s in statements
        if isinstance(s, sqlglot.exp.Create)
    }
    assert ACTIVITY_COLUMNS <= created["new_sms"]


@pytest.mark.skipif(not XSD.is_file(), reason=f"{NO_SHARED} (OASIS edmx.xsd)")
def test_the_csdl_derives_the_activity_from_activitypointer(app: Path) -> None:
    """As the Web API's task: BaseType activitypointer, no key of its own, activitytypecode a
    string, the regarding lookup's ``_regardingobjectid_value``."""
    xml = (app / "odata/metadata.xml").read_bytes()
    assert xsd_errors(xml) == []
    ns = {"edm": "http://docs.oasis-open.org/odata/ns/edm"}
    sms = etree.fromstring(xml).find(".//edm:EntityType[@Name='new_sms']", ns)
    assert sms is not None and sms.get("BaseType") == "mscrm.activitypointer"
    assert sms.find("edm:Key", ns) is None
    types = {p.get("Name"): p.get("Type") for p in sms.findall("edm:Property", ns)}
    assert types["activitytypecode"] == "Edm.String"
    assert types["_regardingobjectid_value"] == "Edm.Guid"
    navigation = {
        p.get("Name"): p.get("Partner") for p in sms.findall("edm:NavigationProperty", ns)
    }
    # an activity a solution made names its own apart from those it inherits, as
    # adx_portalcomment's activityid_adx_portalcomment, createdby_adx_portalcomment
    # (tests/test_solutions_round21.py)
    assert navigation["activityid_new_sms"] == "activity_pointer_new_Sms"
    assert navigation["createdonbehalfby_new_sms"] == "new_sms_systemuser_createdonbehalfby"


def web_api_record() -> dict[str, Any]:
    """The activity as ``GET /new_smses(...)`` returns it."""
    user = str(uuid.uuid4())
    return {
        "@odata.etag": 'W/"4711"',
        "activityid": str(uuid.uuid4()),
        "subject": "Your parcel",
        "new_phonenumber": "+44 20 7946 0000",
        "activitytypecode": "new_sms",
        "statecode": 1,
        "statuscode": 2,
        "prioritycode": 2,
        "instancetypecode": 0,
        "isregularactivity": True,
        "isbilled": False,
        "scheduledend": "2026-01-02T03:04:05Z",
        "actualdurationminutes": 3,
        "description": None,
        "_regardingobjectid_value": str(uuid.uuid4()),
        "_ownerid_value": user,
        "_createdby_value": user,
        "_slaid_value": None,
        "versionnumber": 4711,
    }


def test_the_json_schema_validates_a_web_api_record(app: Path) -> None:
    schema = json.loads((app / "jsonschema/new_sms.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert list(validator.iter_errors(web_api_record())) == []
    for wrong in ({"activitytypecode": 4201}, {"statecode": 4}, {"prioritycode": 3}):
        assert list(validator.iter_errors({**web_api_record(), **wrong})), wrong


@pytest.fixture()
def models(app: Path) -> Iterator[Any]:
    with imported({}, app / "pydantic", "sms_models"):  # the package generate wrote
        yield importlib.import_module("sms_models.new_sms")


def test_pydantic_validates_a_web_api_record_of_the_activity(models: Any) -> None:
    record = web_api_record()
    sms = models.NewSms.model_validate(record)
    by_alias = {f.alias or name: name for name, f in models.NewSms.model_fields.items()}
    assert getattr(sms, by_alias["activitytypecode"]) == "new_sms"
    assert int(getattr(sms, by_alias["statecode"])) == 1
    assert getattr(sms, by_alias["_regardingobjectid_value"]) == uuid.UUID(
        record["_regardingobjectid_value"]
    )
    with pytest.raises(ValueError, match="statuscode"):
        models.NewSms.model_validate({**record, "statuscode": 9})


def test_the_activity_parties_are_related_to_the_activity(tmp_path: Path) -> None:
    """Dataverse relates ``activityparty.activityid`` to each activity by a relationship of
    its own, ``<activity>_activity_parties`` (task.md's ``task_activity_parties``, the Web
    API's collection of that name; ``msfp_surveyresponse_activity_parties``), which no export
    lists: a hand-written activity and a solution's get it."""
    solution = _table(layered(tmp_path, _export()))
    for table in (parse(), solution):
        (parties,) = [
            r for r in table.relationships.one_to_many if r.referencing_entity == "activityparty"
        ]
        assert (parties.schema_name, parties.referenced_entity, parties.referencing_attribute) == (
            "new_sms_activity_parties",
            "new_sms",
            "activityid",
        )
        assert parties.referenced_entity_navigation_property_name == "new_sms_activity_parties"


# activityparty's page cut down to what relates it to an activity (2023 format).
ACTIVITY_PARTY = """\
---
title: "ActivityParty table/entity reference (Microsoft Dataverse) | Microsoft Docs"
ms.date: 03/07/2023
---

# ActivityParty table/entity reference

Person or group associated with an activity.

## Properties

|Property|Value|
|--------|-----|
|CollectionSchemaName|ActivityParties|
|DisplayName|Activity Party|
|EntitySetName|activityparties|
|LogicalName|activityparty|
|OwnershipType|None|
|PrimaryIdAttribute|activitypartyid|
|PrimaryNameAttribute|partyidname|
|SchemaName|ActivityParty|

## Writable columns/attributes

### <a name="BKMK_ActivityId"></a> ActivityId

|Property|Value|
|--------|-----|
|Description|Unique identifier of the activity associated with the activity party.|
|DisplayName|Activity|
|LogicalName|activityid|
|RequiredLevel|SystemRequired|
|Targets|activitypointer|
|Type|Lookup|

### <a name="BKMK_ActivityPartyId"></a> ActivityPartyId

|Property|Value|
|--------|-----|
|Description|Unique identifier of the activity party.|
|DisplayName|Activity Party|
|IsValidForUpdate|False|
|LogicalName|activitypartyid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_PartyIdName"></a> PartyIdName

|Property|Value|
|--------|-----|
|LogicalName|partyidname|
|MaxLength|400|
|RequiredLevel|None|
|Type|String|
"""


def test_with_activityparty_in_the_set_the_parties_are_navigable_as_the_web_api_s(
    tmp_path: Path,
) -> None:
    """As the Web API's ``msdyn_approval_activity_parties`` (partner
    ``activityid_msdyn_approval_activityparty``): an activity a solution made, whose own
    ``activityid_<activity>`` is its relationship to ``activitypointer`` (the platform's
    ``task_activity_parties`` has ``activityid_task``)."""
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "new_sms.yaml").write_text(SMS, encoding="utf-8")
    (specs / "activityparty.md").write_text(ACTIVITY_PARTY, encoding="utf-8")
    argv = ["--specs", str(specs), "--out", str(tmp_path / "out"), "--target", "odata"]
    assert main(["generate", "-q", "--no-cache", *argv]) == 0
    xml = (tmp_path / "out/odata/metadata.xml").read_bytes()
    ns = {"edm": "http://docs.oasis-open.org/odata/ns/edm"}
    root = etree.fromstring(xml)
    partners = {
        (entity.get("Name"), nav.get("Name")): nav.get("Partner")
        for entity in root.iterfind(".//edm:EntityType", ns)
        for nav in entity.iterfind("edm:NavigationProperty", ns)
    }
    party = "activityid_new_sms_activityparty"
    assert partners[("new_sms", "new_sms_activity_parties")] == party
    assert partners[("activityparty", party)] == "new_sms_activity_parties"


@pytest.mark.parametrize(
    ("collection", "name"),
    [
        ("", "account_new_Smses"),  # the plural Dataverse gives new_Sms, not new_Smss
        ("collection_schema_name: new_TextMessages\n", "account_new_TextMessages"),
    ],
)
def test_a_regarding_target_the_author_states_gets_dataverse_s_relationship(
    collection: str, name: str
) -> None:
    """Enabling activities for a table relates each custom activity's regardingobjectid to it,
    ``<table>_<activity CollectionSchemaName>``, parental (csa_csIncident's
    ``account_csa_csIncidents`` and ``contact_csa_csIncidents``, cascading all but archive;
    sample_bankaccount.md's ``sample_bankaccount_SocialActivities``,
    ``sample_bankaccount_msfp_surveyresponses``): a target the author lists without its
    relationship gets it, one the author relates keeps the author's."""
    regarding = (
        "  - {logical_name: regardingobjectid, schema_name: RegardingObjectId, type: Lookup,\n"
        "     targets: [account, contact]}\n"
        "relationships:\n"
        "  many_to_one:\n"
        "    - {schema_name: contact_sms, referenced_entity: contact,"
        " referencing_attribute: regardingobjectid}\n"
    )
    table = parse(collection + SMS + regarding)
    related = {
        r.schema_name: r
        for r in table.relationships.many_to_one
        if r.referencing_attribute == "regardingobjectid"
    }
    assert set(related) == {name, "contact_sms"}
    account = related[name]
    assert (account.referenced_entity, account.referencing_entity) == ("account", "new_sms")
    navigation = account.referencing_entity_navigation_property_name
    assert navigation == "regardingobjectid_account_new_sms"
    assert account.referenced_entity_navigation_property_name == name
    cascade = account.cascade_configuration
    assert cascade is not None
    assert (cascade.delete, cascade.assign, cascade.archive) == ("Cascade", "Cascade", "NoCascade")


def test_an_activity_s_owning_business_unit_is_not_required() -> None:
    """Every activity's owningbusinessunit is RequiredLevel None (csa_csIncident's export;
    task.md, letter.md, fax.md, email.md, appointment.md, socialactivity.md), where another
    custom table's is SystemRequired: no NOT NULL on it."""
    column = parse().columns_by_name["owningbusinessunit"]
    assert column.required_level == "None"


@needs_shared
def test_the_web_api_properties_are_those_of_microsoft_s_task_but_its_own(app: Path) -> None:
    """The Web API's task EntityType (task.yml) declares every property the activity has,
    and besides only task's own columns and its key (the activity inherits activitypointer's)."""
    task = yaml.safe_load((SHARED / "validators/webapi-v9/task.yml").read_text(encoding="utf-8"))
    declared = {
        p["name"]
        for kind in ("properties", "lookup_properties")
        for p in task[kind]["property_items"]
    }
    xml = (app / "odata/metadata.xml").read_bytes()
    ns = {"edm": "http://docs.oasis-open.org/odata/ns/edm"}
    sms = etree.fromstring(xml).find(".//edm:EntityType[@Name='new_sms']", ns)
    assert sms is not None
    ours = {p.get("Name") for p in sms.findall("edm:Property", ns)}
    own = {"new_phonenumber", "new_cost", "new_cost_base"}
    tasks = {
        "category",
        "subcategory",
        "percentcomplete",
        "crmtaskassigneduniqueid",
        "subscriptionid",
    }
    assert ours - own == declared - tasks - {"activityid"}


@needs_shared
def test_the_system_columns_are_described_as_an_activity_s() -> None:
    """Dataverse describes a custom activity's system columns as the activity's
    (csa_csIncident's export; the Web API's task: "Unique identifier of the user who created
    the activity."), not as any record's."""
    entity = INCIDENT / "Entities/csa_csIncident/Entity.xml"
    described = {
        (a.findtext("LogicalName") or ""): a.find("Descriptions/Description").get("description")
        for a in etree.parse(str(entity)).iter("attribute")
        if a.find("Descriptions/Description") is not None
    }
    table = parse()
    names = ("createdby", "createdon", "createdonbehalfby", "modifiedby", "modifiedon")
    owner = ("modifiedonbehalfby", "ownerid", "owningbusinessunit", "owningteam", "owninguser")
    for name in (*names, *owner):
        assert table.columns_by_name[name].description == described[name], name
