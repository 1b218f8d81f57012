"""Real solutions, round 28: single-file exports (``solution.xml`` and one ``customizations.xml``
holding every table, unzipped), custom activities, older 9.1 exports; the SQL run on SQLite and
PostgreSQL 15, the ``$metadata`` checked by the OASIS XSD.

Looked at (short excerpts below, transcribed; no whole file copied):

TheMarkChristie/FoodbankModelDrivenApp (``Foodbanks_1_0_0_1_managed.zip`` committed extracted
beside it: ``solution.xml`` ``version="9.1.0.19232"``, managed, publisher prefix ``com``; its
``customizations.xml`` is 840,146 characters, read in pieces at offsets 0, 16000, 48000, 96000,
720000, 760000, 776000 and 824146). Two custom activities, ``com_Collection`` and
``com_Delivery`` (``<IsActivity>1``, UserOwned), beside six custom tables and shells of
Microsoft's (``Account``, ``Contact``... with only their ``<RibbonDiffXml>``). Its relationships
state no ``<EntityRelationshipRoles>`` but for ``<table>_sla_slaid``
(``sla_activitypointer_sla_com_collection``). ``account_com_Collections`` relates the activity's
``RegardingObjectId`` to ``Account``, parental, no role: dvgen named its single-valued side
``regardingobjectid_com_collection`` (the set relating the Regarding to one table only), where
Dataverse names every one of a solution-made activity's ``regardingobjectid_<table>_<activity>``
(MicrosoftDocs' ``msfp_alert``: ``account_msfp_alerts`` -> ``regardingobjectid_account_msfp_alert``,
and so for its 45 other tables), as dvgen itself did once a second table was related. Fixed in
``dvgen.webapi.single_names``; the platform's activities keep their rule
(``socialactivity``'s ``regardingobjectid_asyncoperation``, as the Web API has it). (The
whole export relates the Regarding to ``InteractionForEmail``, ``KnowledgeArticle`` and
``KnowledgeBaseRecord`` too, which hid the fault there; an excerpt, or a folder relating one
table, showed it.)

The same ``com_Collection`` states ``<HasRelatedFeedback>True`` and its export lists no
``com_collection_Feedback``: Dataverse makes that relationship with the option
(``CreateEntityRequest.HasFeedback``: "a special relationship to the Feedback table"; the
feedback page of the Dataverse reference lists every solution-made table's alike:
``msfp_surveyinvite_Feedback``, ``adx_webpage_Feedback``, ``msdyn_ocliveworkitem_Feedback``,
``feedback.regardingobjectid``, navigation property ``regardingobjectid_<table>``, Delete
Cascade and nothing else). dvgen left it out, the option never followed; now
``dvgen.optionlinks`` follows it as it follows connections and duplicate detection.

Looked at, no fault (the other tests keep what was checked): the same activity's other roleless
relationships (``com_collection_owner_ownerid``, ``_systemuser_createdby``,
``_businessunit_owningbusinessunit``, ``_team_owningteam``, ``_systemuser_owninguser``,
``_mailbox_sendermailboxid``, ``_sla_slainvokedid``, ``activity_pointer_com_Collection``) named
as ``msfp_alert``'s are; its Boolean columns with a local ``bit`` option set or the global
``activitypointer_isregularactivity`` and their ``<AppDefaultValue>`` (SQL DEFAULTs), its
``PriorityCode`` default, ``Community``'s ``<AppDefaultValue>-1`` (no default) of Microsoft's global
``socialprofile_community``, ``ProcessId`` a ``uniqueidentifier`` (no ``processid`` relationship,
as for every activity), ``partylist`` columns (no SQL column, no property).
JoelGarciaValhondo/TFGVentaTecnologica (single-file, 2023, ``languagecode="3082"`` only, 490,110
characters read at offsets 200000, 250000, 440110, 456110 and 474110): roles naming the custom
lookups by logical name (``iav_producto``, ``iav_categoria``), an organization-owned
``iav_pedido`` (``organization_iav_pedido``, ``lk_iav_pedido_createdby``, no owner
relationships), an image column's ``EntityImageConfigs``/``AttributeImageConfigs``: run on an
excerpt with Spanish labels only, no fault (labels read in 3082, SQL on SQLite and PostgreSQL 15,
XSD valid).
Also opened, no table definitions in their ``customizations.xml``: PowerPlatformProfessor/
ConvertActivityDialog (a dialog, 1033 and 1053), PCAPredict/Dynamics365,
Preclikos/ScriptMaster_8.0.1.79 (2016, 1033 and 1029), Yaseminp/School-Library (2025, an app
module); SweetsNSavories/timeline (58 KB, Account forms only).
"""

from __future__ import annotations

import sqlite3
import uuid

import pytest

from dvgen.diagnostics import Diagnostics
from dvgen.pipeline import Generation
from tests.solution_support import generate_unpacked, manifest
from tests.test_solutions_round19 import _checked, _collection, _single
from tests.test_sql_support import postgres_unavailable, shared_server

ACTIVITY = "com_collection"


def _attribute(physical: str, kind: str, body: str = "", required: str = "none") -> str:
    """An ``<attribute>`` Dataverse made with the activity (``IsCustomField`` 0), as the
    export writes it, its boilerplate (``IsAuditEnabled``, ``CanModify...``) left out."""
    logical = physical.lower()
    return (
        f'<attribute PhysicalName="{physical}"><Type>{kind}</Type><Name>{logical}</Name>'
        f"<LogicalName>{logical}</LogicalName><RequiredLevel>{required}</RequiredLevel>"
        "<ValidForUpdateApi>1</ValidForUpdateApi><ValidForReadApi>1</ValidForReadApi>"
        f"<ValidForCreateApi>1</ValidForCreateApi><IsCustomField>0</IsCustomField>{body}"
        f'<displaynames><displayname description="{physical}" languagecode="1033" />'
        "</displaynames></attribute>"
    )


def _types(*codes: int) -> str:
    zero = "00000000-0000-0000-0000-000000000000"
    return "".join(f'<LookupType id="{zero}">{code}</LookupType>' for code in codes)


def _options(name: str, kind: str, options: tuple[tuple[int, str], ...]) -> str:
    items = "".join(
        f'<option value="{value}"><labels><label description="{label}" languagecode="1033" />'
        "</labels></option>"
        for value, label in options
    )
    return (
        f'<optionset Name="{name}"><OptionSetType>{kind}</OptionSetType>'
        f"<options>{items}</options></optionset>"
    )


STATES = (
    '<optionset Name="com_collection_statecode"><OptionSetType>state</OptionSetType><states>'
    + "".join(
        f'<state value="{value}" defaultstatus="{value + 1}" invariantname="{label}"><labels>'
        f'<label description="{label}" languagecode="1033" /></labels></state>'
        for value, label in enumerate(("Open", "Completed", "Canceled", "Scheduled"))
    )
    + "</states></optionset>"
)
STATUSES = (
    '<optionset Name="com_collection_statuscode"><OptionSetType>status</OptionSetType><statuses>'
    + "".join(
        f'<status value="{value + 1}" state="{value}"><labels>'
        f'<label description="{label}" languagecode="1033" /></labels></status>'
        for value, label in enumerate(("Open", "Completed", "Canceled", "Scheduled"))
    )
    + "</statuses></optionset>"
)
SINGLE = "<LookupStyle>single</LookupStyle>"
NO_YES = ((0, "No"), (1, "Yes"))

# customizations.xml, com_Collection's <attributes> and flags (offsets 16000-152000), in the
# export's order.
ATTRIBUTES = (
    _attribute("ActivityId", "primarykey", required="systemrequired"),
    _attribute(
        "ActivityTypeCode",
        "picklist",
        "<DisplayMask>ObjectTypeCode|ValidForAdvancedFind|ValidForGrid</DisplayMask>"
        "<OptionSetName>activitypointer_activitytypecode</OptionSetName>",
        required="systemrequired",
    ),
    _attribute(
        "BCC",
        "partylist",
        f"<IsLogical>1</IsLogical><LookupStyle>multi</LookupStyle><LookupTypes>{_types(8, 1, 2)}"
        "</LookupTypes>",
    ),
    _attribute(
        "Community",
        "picklist",
        "<AppDefaultValue>-1</AppDefaultValue><OptionSetName>socialprofile_community</OptionSetName>",
    ),
    _attribute("CreatedBy", "lookup", f"{SINGLE}<LookupTypes>{_types(8)}</LookupTypes>"),
    _attribute(
        "IsBilled",
        "bit",
        "<AppDefaultValue>0</AppDefaultValue>" + _options("com_collection_isbilled", "bit", NO_YES),
    ),
    _attribute(
        "IsRegularActivity",
        "bit",
        "<AppDefaultValue>1</AppDefaultValue>"
        "<OptionSetName>activitypointer_isregularactivity</OptionSetName>",
        required="systemrequired",
    ),
    _attribute("ModifiedBy", "lookup", f"{SINGLE}<LookupTypes>{_types(8)}</LookupTypes>"),
    _attribute("OwnerId", "owner", f"{SINGLE}<LookupTypes>{_types(8, 9)}</LookupTypes>"),
    _attribute("OwningBusinessUnit", "lookup", f"{SINGLE}<LookupTypes />"),
    _attribute("OwningTeam", "lookup", f"<IsLogical>1</IsLogical>{SINGLE}<LookupTypes />"),
    _attribute("OwningUser", "lookup", f"<IsLogical>1</IsLogical>{SINGLE}<LookupTypes />"),
    _attribute(
        "PriorityCode",
        "picklist",
        "<AppDefaultValue>1</AppDefaultValue>"
        + _options(
            "com_collection_prioritycode", "picklist", ((0, "Low"), (1, "Normal"), (2, "High"))
        ),
    ),
    _attribute("ProcessId", "uniqueidentifier"),
    _attribute("RegardingObjectId", "lookup", SINGLE),
    _attribute(
        "Resources",
        "partylist",
        f"<IsLogical>1</IsLogical><LookupStyle>multi</LookupStyle><LookupTypes>{_types(8)}"
        "</LookupTypes>",
    ),
    _attribute("SenderMailboxId", "lookup", f"{SINGLE}<LookupTypes />"),
    _attribute("SLAId", "lookup", f"{SINGLE}<LookupTypes />"),
    _attribute("SLAInvokedId", "lookup", f"{SINGLE}<LookupTypes />"),
    _attribute("StateCode", "state", STATES, required="systemrequired"),
    _attribute("StatusCode", "status", STATUSES),
    _attribute(
        "Subject",
        "nvarchar",
        "<DisplayMask>PrimaryName|ValidForAdvancedFind|ValidForForm|ValidForGrid</DisplayMask>"
        "<Format>text</Format><MaxLength>100</MaxLength>",
        required="required",
    ),
)

ENTITY = (
    '<Entity><Name LocalizedName="Collection" OriginalName="Collection">com_Collection</Name>'
    '<EntityInfo><entity Name="com_Collection"><LocalizedNames>'
    '<LocalizedName description="Collection" languagecode="1033" /></LocalizedNames>'
    "<LocalizedCollectionNames>"
    '<LocalizedCollectionName description="Collections" languagecode="1033" />'
    "</LocalizedCollectionNames><attributes>"
    + "".join(ATTRIBUTES)
    + "</attributes><EntitySetName>com_collections</EntitySetName>"
    "<IsDuplicateCheckSupported>1</IsDuplicateCheckSupported><IsConnectionsEnabled>1"
    "</IsConnectionsEnabled><IsSLAEnabled>0</IsSLAEnabled><IsBPFEntity>0</IsBPFEntity>"
    "<OwnershipTypeMask>UserOwned</OwnershipTypeMask><IsActivity>1</IsActivity>"
    "<ActivityTypeMask>CommunicationActivity</ActivityTypeMask><IsActivityParty>0</IsActivityParty>"
    "<HasRelatedNotes>True</HasRelatedNotes><HasRelatedFeedback>True</HasRelatedFeedback>"
    "</entity></EntityInfo></Entity>"
)
# Microsoft's tables are listed for their ribbons only (offset 0 and 760000).
SHELL = (
    '<Entity><Name LocalizedName="Account" OriginalName="">Account</Name>'
    "<RibbonDiffXml><CustomActions /></RibbonDiffXml></Entity>"
)


def _relationship(
    name: str, referenced: str, attribute: str, cascade: str = "NoCascade", delete: str = ""
) -> str:
    """A roleless ``<EntityRelationship>`` of com_Collection, as the 9.1 export writes it."""
    return (
        f'<EntityRelationship Name="{name}"><EntityRelationshipType>OneToMany'
        "</EntityRelationshipType><IsCustomizable>1</IsCustomizable><IsHierarchical>0"
        "</IsHierarchical><ReferencingEntityName>com_Collection</ReferencingEntityName>"
        f"<ReferencedEntityName>{referenced}</ReferencedEntityName>"
        f"<CascadeAssign>{cascade}</CascadeAssign><CascadeDelete>{delete or cascade}"
        f"</CascadeDelete><CascadeReparent>{cascade}</CascadeReparent>"
        f"<CascadeShare>{cascade}</CascadeShare><CascadeUnshare>{cascade}</CascadeUnshare>"
        "<CascadeRollupView>NoCascade</CascadeRollupView>"
        f"<ReferencingAttributeName>{attribute}</ReferencingAttributeName></EntityRelationship>"
    )


# offsets 760000-792000: each as the export lists it, none with roles.
RELATIONSHIPS = (
    _relationship("account_com_Collections", "Account", "RegardingObjectId", "Cascade"),
    _relationship("activity_pointer_com_Collection", "ActivityPointer", "ActivityId"),
    _relationship(
        "com_collection_businessunit_owningbusinessunit", "BusinessUnit", "OwningBusinessUnit"
    ),
    _relationship("com_collection_mailbox_sendermailboxid", "Mailbox", "SenderMailboxId"),
    _relationship("com_collection_owner_ownerid", "Owner", "OwnerId"),
    _relationship("com_collection_sla_slainvokedid", "SLA", "SLAInvokedId", delete="RemoveLink"),
    _relationship("com_collection_systemuser_createdby", "SystemUser", "CreatedBy"),
    _relationship("com_collection_systemuser_modifiedby", "SystemUser", "ModifiedBy"),
    _relationship("com_collection_systemuser_owninguser", "SystemUser", "OwningUser"),
    _relationship("com_collection_team_owningteam", "Team", "OwningTeam"),
)

FOODBANKS = {
    "solution.xml": manifest(
        "Foodbanks",
        "com",
        18141,
        '<RootComponent type="1" schemaName="account" behavior="0" />'
        '<RootComponent type="1" schemaName="com_collection" behavior="0" />',
        managed=1,
    ),
    "customizations.xml": (
        '<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<Entities>{SHELL}{ENTITY}</Entities><Roles></Roles><Workflows></Workflows>"
        f"<EntityRelationships>{''.join(RELATIONSHIPS)}</EntityRelationships>"
        "<OrganizationSettings /><optionsets /><Languages><Language>1033</Language></Languages>"
        "</ImportExportXml>"
    ),
}


@pytest.fixture(scope="module")
def foodbanks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Generation, Diagnostics]:
    return generate_unpacked(tmp_path_factory.mktemp("foodbanks"), "Foodbanks", FOODBANKS)


def test_a_custom_activity_s_regarding_names_its_table_however_many_the_set_holds(
    foodbanks: tuple[Generation, Diagnostics],
) -> None:
    """``account_com_Collections`` (no role) relates the activity's Regarding to one table:
    Dataverse names its single-valued side ``regardingobjectid_account_com_collection``, as
    Microsoft's ``msfp_alert`` has ``regardingobjectid_account_msfp_alert`` (and every
    other of its 46 tables so); dvgen gave ``regardingobjectid_com_collection``."""
    metadata = _checked(*foodbanks)
    name = f"regardingobjectid_account_{ACTIVITY}"
    assert _single(metadata, name, "account", "account_com_Collections")
    assert _collection(metadata, "account_com_Collections", ACTIVITY, name)
    assert f'Name="regardingobjectid_{ACTIVITY}" Type="mscrm.account"' not in metadata
    generation, _ = foodbanks
    schema = generation.files[f"jsonschema/{ACTIVITY}.schema.json"]
    assert f'"{name}@odata.bind"' in schema


def test_the_activity_s_other_roleless_relationships_are_named_as_dataverse_names_them(
    foodbanks: tuple[Generation, Diagnostics],
) -> None:
    """No fault: each as Microsoft's ``msfp_alert`` has its own (MicrosoftDocs'
    ``createdby_msfp_alert``, ``owningbusinessunit_msfp_alert``, ``sendermailboxid_msfp_alert``,
    ``slainvokedid_activitypointer_sla_msfp_alert``, ``activityid_msfp_alert``...), and the
    party lists have no property."""
    metadata = _checked(*foodbanks)
    for name, target, partner in (
        ("activityid", "activitypointer", "activity_pointer_com_Collection"),
        ("createdby", "systemuser", "com_collection_systemuser_createdby"),
        ("modifiedby", "systemuser", "com_collection_systemuser_modifiedby"),
        ("ownerid", "principal", "com_collection_owner_ownerid"),
        ("owningbusinessunit", "businessunit", "com_collection_businessunit_owningbusinessunit"),
        ("owningteam", "team", "com_collection_team_owningteam"),
        ("owninguser", "systemuser", "com_collection_systemuser_owninguser"),
        ("sendermailboxid", "mailbox", "com_collection_mailbox_sendermailboxid"),
        ("slainvokedid_activitypointer_sla", "sla", "com_collection_sla_slainvokedid"),
    ):
        assert _single(metadata, f"{name}_{ACTIVITY}", target, partner), name
    for party in ("bcc", "resources"):
        assert f'<Property Name="{party}"' not in metadata
    assert "com_collection_processid" not in metadata


def test_a_table_enabled_for_feedback_is_related_to_it_as_dataverse_relates_it(
    foodbanks: tuple[Generation, Diagnostics],
) -> None:
    """``<HasRelatedFeedback>True`` (CreateEntityRequest.HasFeedback: "a special relationship
    to the Feedback table"), and the export lists no ``com_collection_Feedback``: Dataverse
    relates ``feedback.regardingobjectid`` to it as the feedback page lists every
    solution-made table's (``msfp_surveyinvite_Feedback``, ``adx_webpage_Feedback``...:
    navigation property ``regardingobjectid_<table>``, Delete Cascade, nothing else); dvgen
    left it out."""
    metadata = _checked(*foodbanks)
    partner = f"regardingobjectid_{ACTIVITY}"
    assert _collection(metadata, f"{ACTIVITY}_Feedback", "feedback", partner)
    assert _single(metadata, partner, ACTIVITY, f"{ACTIVITY}_Feedback")
    generation, _ = foodbanks
    table = generation.tables.get(ACTIVITY)
    assert table is not None
    (feedback,) = (r for r in table.relationships.one_to_many if r.referencing_entity == "feedback")
    cascade = feedback.cascade_configuration
    assert cascade is not None
    assert (cascade.delete, cascade.assign, cascade.share, cascade.reparent) == (
        "Cascade",
        "NoCascade",
        "NoCascade",
        "NoCascade",
    )
    # the options the export states beside it, as before (dvgen.optionlinks)
    for name in ("connections1", "connections2", "DuplicateBaseRecord", "Annotations"):
        assert f'<NavigationProperty Name="{ACTIVITY}_{name}"' in metadata, name
    assert f"{ACTIVITY}_SLAKPIInstances" not in metadata


def _insert(execute: object, regarding: str | None) -> None:
    """A collection with only what has no default, as a GET returns none of the rest."""
    assert callable(execute)
    execute(
        "INSERT INTO com_collection (activityid, subject, activitytypecode, ownerid, statecode, "
        f"regardingobjectid) VALUES ('{uuid.uuid4()}', 'Van run', 'com_collection', "
        f"'{uuid.uuid4()}', 0, " + (f"'{regarding}')" if regarding else "NULL)")
    )


def test_sqlite_takes_the_defaults_the_export_states(
    foodbanks: tuple[Generation, Diagnostics],
) -> None:
    """No fault: ``<AppDefaultValue>`` of the Booleans and of PriorityCode are SQL defaults,
    Community's ``-1`` (no value) is none, and the Regarding references the account, deleting
    its collections with it (Delete: Cascade)."""
    generation, _ = foodbanks
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA foreign_keys = ON")
    db.executescript(generation.files["sql/sqlite/schema.sql"])
    account = str(uuid.uuid4())
    db.execute("INSERT INTO account (accountid) VALUES (?)", (account,))
    _insert(db.execute, account)
    row = db.execute(
        "SELECT isbilled, isregularactivity, prioritycode, community FROM com_collection"
    ).fetchone()
    assert row == (0, 1, 1, None)
    db.execute("DELETE FROM account")
    assert db.execute("SELECT count(*) FROM com_collection").fetchone() == (0,)


@pytest.mark.skipif(postgres_unavailable() is not None, reason=str(postgres_unavailable()))
def test_postgresql_takes_the_defaults_the_export_states(
    foodbanks: tuple[Generation, Diagnostics],
) -> None:
    import psycopg

    generation, _ = foodbanks
    server = shared_server()
    with psycopg.connect(server.dsn(server.create_database()), autocommit=True) as conn:
        conn.execute(generation.files["sql/postgres/schema.sql"])
        _insert(conn.execute, None)
        row = conn.execute(
            "SELECT isbilled, isregularactivity, prioritycode, community FROM com_collection"
        ).fetchone()
    assert row == (False, True, 1, None)
