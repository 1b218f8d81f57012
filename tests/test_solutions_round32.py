"""Real solutions, round 32: an organization-owned table, a table of error events that relates to
itself, two tables that look each other up, and a manifest listing tables its folder holds only
relationships of; the SQL run on SQLite and PostgreSQL 15, the ``$metadata`` checked by the
OASIS XSD.

Fault found: a table a solution holds only relationships of (no ``Entities/<name>/Entity.xml``)
was built with its names in lower case, where the relationships spell them as Dataverse does.
Bryanalano4/site-evaluation-system's ``Other/Relationships/BusinessUnit.xml`` defines
``business_unit_new_industries`` with ``<ReferencingEntityName>new_Industries`` and
``<ReferencingAttributeName>OwningBusinessUnit`` (and ``new_ApproverMatrix``,
``new_BDAquisition``, ``new_NONOOHCategories``, ... ; ``new_referenceimage`` in lower case),
while its ``Other/Solution.xml`` lists those 17 ``new_`` tables as root components and its
``Entities/`` holds none of them. dvgen built ``new_industries`` (warning
``solution-base-missing``) with the SchemaName ``new_industries``, the key
``new_industriesId`` (a SchemaName Dataverse never gives: it is the table's SchemaName +
``Id``) and the lookup ``owningbusinessunit`` (Dataverse's is ``OwningBusinessUnit``, as every
Entity.xml of the same export has it). Such a table now keeps the SchemaName its relationships
spell, its key is named after it, and each lookup its relationships name keeps the SchemaName
their ``<ReferencingAttributeName>`` gives.

Looked at (short excerpts below, transcribed; no whole file copied):

DevonAleshireMSFT/power-platform-monitoring-framework (``PowerPlatformMonitoringFramework``
1.0.0.10, exported 2026 from a 9.2.26042 environment, publisher prefix ``ppmf``, option prefix
42617; the repository keeps the unpacked folder both at its root and under
``PowerPlatformMonitoringFramework/``, the latter beside the extracted export's
``solution.xml`` and ``customizations.xml``, which dvgen leaves out of an unpacked folder).
``Entities/ppmf_AlertRoute/Entity.xml``: ``<OwnershipTypeMask>OrgOwned``, an
``OrganizationId`` lookup without ``<LookupStyle>`` or DisplayMask, ``ppmf_IsActive`` (bit,
default 1), ``ppmf_MinSeverity`` (choice 1-3, default 2), text columns of 100-500 characters;
``Other/Relationships/Organization.xml``: ``organization_ppmf_alertroute`` (NoCascade, no
``<EntityRelationshipRoles>``). Microsoft's own organization-owned tables have the same shape
(``../shared/validators/webapi-v9/aciviewmapper.yml``: ``_organizationid_value``, navigation
``organizationid``, partner ``organization_aciviewmapper``). ``Entities/ppmf_ErrorEvent/
Entity.xml`` (118,196 characters, read in pieces): the primary name ``ppmf_Name`` autonumbered
(``<AutoNumberFormat>ERR-{SEQNUM:6}``, DisplayMask ``PrimaryName|ReadOnlyInUI|...``, required
level none), Multiline Text columns (``<Type>ntext``, ``<Format>text``, ``<MaxLength>`` 2000,
4000, 5000), URL columns (``<Format>url``, 2048), ``ppmf_FixedOn`` (``<Format>date``,
``<Behavior>1``: date only, user local), ``ppmf_Severity``'s options with ``Color="#0F6CBD"``
and empty option descriptions, the self-referencing ``ppmf_RelatedErrorEventId``;
``Other/Relationships/ppmf_ErrorEvent.xml``: ``ppmf_ErrorEvent_ppmf_RelatedErrorEvent``
(RemoveLink, ``<NavPaneDisplayOption>DoNotDisplay``) and ``ppmf_ErrorEvent_ppmf_ErrorNote``
(RemoveLink, a ``<CustomLabel description="Error Notes">``).

ElmiandCo/PowerAppsChildCare (unpacked, prefix ``crec4``, five tables): ``crec4_AttendanceRecord``
(primary name ``crec4_AttendanceRecord1``, 850 characters, not required; ``crec4_ChildID``
required; ``crec4_CheckedInByStaff`` and ``crec4_CheckedOutByStaff``, two lookups to
``crec4_Staff``, relationships ``crec4_AttendanceRecord_crec4_Staff`` and ``..._Staff1``;
``crec4_CheckInMethod``, options 285840000-1, default 285840000; ``crec4_CheckedInByFamilyMember``
with DisplayMask ``ValidForForm|ValidForGrid``), and ``crec4_Child`` holding a lookup
``crec4_AttendanceRecord`` back to it (``crec4_Child_crec4_AttendanceRecord``): two tables that
reference each other, which SQL Server cannot cascade (dvgen says so,
``sqlserver-cascade-cycle``), PostgreSQL takes with deferred constraints and SQLite as written.

Bryanalano4/site-evaluation-system (``BDSiteEvaluationSystem`` 1.0.0.7, exported 2026 from a
9.2.26052 environment, prefix ``crfaa``, option prefix 48480): 16 ``crfaa_`` tables and
``Other/Relationships/TransactionCurrency.xml`` (``TransactionCurrency_crfaa_SiteEvaluation``,
Restrict), ``crfaa_ReferenceImage`` (``crfaa_ImageData``: ``ntext``, required, 2000), and the
17 ``new_`` tables above.

Also opened, no table definitions: devkeydet/codefirstsolution, L-Eugene/table-tennis-tournament,
Arineo-JanMehlin/hse24-efabo, bernierainerguy/dynamics-data-model-report, KRNichols/ppdd,
dyani368/contoso-it-support-copilot, equinor/eds-powerapps-poc,
amacey-msft/d365-agent-telephony-state, Blood-Moon-Interactive/EquipcoTrackingApp,
AndresMaqueo/work-tracker-pro, rashidmehmed/timesheetsolution (canvas apps, flows, environment
variables only). No virtual (``<DataProviderId>``) or elastic (``<TableType>Elastic``) table,
formula column or managed export was found in a repository not used before.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics, Severity
from dvgen.model import ColumnType, OwnershipType
from dvgen.pipeline import Generation, generate
from tests.solution_support import attribute_xml, manifest
from tests.test_odata_tools import xsd_errors
from tests.test_sql_support import postgres_unavailable, shared_server

SINGLE = "<LookupStyle>single</LookupStyle><LookupTypes />"
NAME_MASK = (
    "<DisplayMask>PrimaryName|ValidForAdvancedFind|ValidForForm|ValidForGrid|RequiredForForm"
    "</DisplayMask>"
)
CASCADES = (
    "<CascadeAssign>NoCascade</CascadeAssign><CascadeDelete>{delete}</CascadeDelete>"
    "<CascadeArchive>{delete}</CascadeArchive><CascadeReparent>NoCascade</CascadeReparent>"
    "<CascadeShare>NoCascade</CascadeShare><CascadeUnshare>NoCascade</CascadeUnshare>"
)


def _required(attribute: str, level: str) -> str:
    return attribute.replace("<RequiredLevel>none", f"<RequiredLevel>{level}", 1)


def _key(physical: str) -> str:
    return _required(attribute_xml(physical, "primarykey", "", 0), "systemrequired")


def _name(physical: str, length: int, level: str = "required", mask: str = NAME_MASK) -> str:
    body = f"{mask}<Format>text</Format><MaxLength>{length}</MaxLength>"
    return _required(attribute_xml(physical, "nvarchar", body), level)


def _text(physical: str, kind: str, length: int, form: str = "text") -> str:
    return attribute_xml(physical, kind, f"<Format>{form}</Format><MaxLength>{length}</MaxLength>")


def _owner() -> str:
    return attribute_xml("OwnerId", "owner", SINGLE, 0)


def _options(name: str, options: tuple[tuple[int, str], ...], colors: bool = False) -> str:
    items = "".join(
        f'<option value="{value}" ExternalValue=""'
        + (f' Color="#{value:06X}"' if colors else "")
        + f' IsHidden="0"><labels><label description="{label}" languagecode="1033" /></labels>'
        + ('<Descriptions><Description description="" languagecode="1033" /></Descriptions>')
        + "</option>"
        for value, label in options
    )
    return (
        f'<optionset Name="{name}"><OptionSetType>picklist</OptionSetType>'
        f"<options>{items}</options></optionset>"
    )


def _entity(name: str, label: str, attributes: str, ownership: str = "UserOwned") -> str:
    return (
        f'<Entity><Name LocalizedName="{label}" OriginalName="{label}">{name}</Name>'
        f'<EntityInfo><entity Name="{name}"><LocalizedNames><LocalizedName description="{label}"'
        ' languagecode="1033" /></LocalizedNames><LocalizedCollectionNames>'
        f'<LocalizedCollectionName description="{label}s" languagecode="1033" />'
        f"</LocalizedCollectionNames><attributes>{attributes}</attributes>"
        f"<EntitySetName>{name.lower()}s</EntitySetName><IsBPFEntity>0</IsBPFEntity>"
        f"<OwnershipTypeMask>{ownership}</OwnershipTypeMask><IsActivity>0</IsActivity>"
        "</entity></EntityInfo></Entity>"
    )


def _relationship(
    name: str,
    referencing: str,
    referenced: str,
    lookup: str,
    delete: str = "RemoveLink",
    roles: str | None = "",
) -> str:
    """A 1:N ``<EntityRelationship>``; ``roles`` None leaves its roles out (the platform's
    relationships), "" gives the lookup's and the collection's names, other text is the first
    role's extra elements (``<NavPaneDisplayOption>`` ...)."""
    held = ""
    if roles is not None:
        held = (
            f"<EntityRelationshipRoles><EntityRelationshipRole>{roles}"
            f"<NavigationPropertyName>{lookup}</NavigationPropertyName>"
            "<RelationshipRoleType>1</RelationshipRoleType></EntityRelationshipRole>"
            f"<EntityRelationshipRole><NavigationPropertyName>{name}</NavigationPropertyName>"
            "<RelationshipRoleType>0</RelationshipRoleType></EntityRelationshipRole>"
            "</EntityRelationshipRoles>"
        )
    return (
        f'<EntityRelationship Name="{name}"><EntityRelationshipType>OneToMany'
        "</EntityRelationshipType><IsCustomizable>1</IsCustomizable>"
        f"<IsHierarchical>0</IsHierarchical><ReferencingEntityName>{referencing}"
        f"</ReferencingEntityName><ReferencedEntityName>{referenced}</ReferencedEntityName>"
        f"{CASCADES.format(delete=delete)}<ReferencingAttributeName>{lookup}"
        f"</ReferencingAttributeName>{held}</EntityRelationship>"
    )


def _relationships(*items: str) -> str:
    return f"<EntityRelationships>{''.join(items)}</EntityRelationships>"


def _roots(*tables: str) -> str:
    return "".join(f'<RootComponent type="1" schemaName="{t}" behavior="0" />' for t in tables)


def _run(tmp_path: Path, name: str, files: dict[str, str]) -> tuple[Generation, list[str]]:
    """The generation of one solution folder, checked by the OASIS XSD; its warnings' codes."""
    folder = tmp_path / "specs" / name
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text('<?xml version="1.0" encoding="utf-8"?>\n' + text, encoding="utf-8")
    diagnostics = Diagnostics()
    config = Config(specs=tmp_path / "specs", out=tmp_path / "out", cache=False)
    generation = generate(config, diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    assert xsd_errors(generation.files["odata/metadata.xml"].encode("utf-8")) == []
    warnings = [d.code for d in diagnostics if d.severity is Severity.WARNING]
    return generation, warnings


def _postgres(generation: Generation, *statements: str) -> list[tuple[object, ...]]:
    """The PostgreSQL schema run on a fresh database, then ``statements`` in one transaction;
    the last one's rows."""
    import psycopg

    server = shared_server()
    with psycopg.connect(server.dsn(server.create_database())) as conn:
        conn.execute(generation.files["sql/postgres/schema.sql"])
        conn.commit()
        rows: list[tuple[object, ...]] = []
        for statement in statements:
            cursor = conn.execute(statement)
            rows = cursor.fetchall() if cursor.description else []
        conn.commit()
    return rows


def _sqlite(generation: Generation) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA foreign_keys = ON")
    db.executescript(generation.files["sql/sqlite/schema.sql"])
    return db


# PowerPlatformMonitoringFramework: Entities/ppmf_AlertRoute/Entity.xml (organization owned),
# Other/Relationships/Organization.xml, and the error events and their notes.
ALERT_ROUTE = (
    _key("ppmf_AlertRouteId")
    + _name("ppmf_Name", 200)
    + attribute_xml(
        "OrganizationId", "lookup", "<ValidForUpdateApi>0</ValidForUpdateApi><LookupTypes />", 0
    )
    + _text("ppmf_ChannelId", "nvarchar", 200)
    + _text("ppmf_Description", "nvarchar", 500, "textarea")
    + attribute_xml(
        "ppmf_IsActive",
        "bit",
        '<AppDefaultValue>1</AppDefaultValue><optionset Name="new_ppmf_alertroute_ppmf_isactive">'
        '<OptionSetType>bit</OptionSetType><options><option value="1"><labels><label '
        'description="Yes" languagecode="1033" /></labels></option><option value="0"><labels>'
        '<label description="No" languagecode="1033" /></labels></option></options></optionset>',
    )
    + attribute_xml(
        "ppmf_MinSeverity",
        "picklist",
        "<AppDefaultValue>2</AppDefaultValue>"
        + _options(
            "new_ppmf_alertroute_ppmf_minseverity", ((1, "Info"), (2, "Warning"), (3, "Critical"))
        ),
    )
)
READ_ONLY_NAME = (
    "<DisplayMask>PrimaryName|ReadOnlyInUI|ValidForAdvancedFind|ValidForForm|ValidForGrid|"
    "RequiredForForm</DisplayMask><AutoNumberFormat>ERR-{SEQNUM:6}</AutoNumberFormat>"
)
ERROR_EVENT = (
    _key("ppmf_ErrorEventId")
    + _name("ppmf_Name", 100, "none", READ_ONLY_NAME)
    + _text("ppmf_RawPayload", "ntext", 5000)
    + _text("ppmf_WorkItemLink", "nvarchar", 2048, "url")
    + attribute_xml("ppmf_FixedOn", "datetime", "<Format>date</Format><Behavior>1</Behavior>")
    + attribute_xml(
        "ppmf_Severity",
        "picklist",
        "<AppDefaultValue>-1</AppDefaultValue>"
        + _options(
            "new_ppmf_errorevent_ppmf_severity",
            ((1, "Info"), (2, "Warning"), (3, "Critical"), (4, "Unknown")),
            colors=True,
        ),
    )
    + attribute_xml("ppmf_RelatedErrorEventId", "lookup", SINGLE)
    + _owner()
)
ERROR_NOTE = (
    _key("ppmf_ErrorNoteId")
    + _name("ppmf_Name", 200)
    + attribute_xml("ppmf_ErrorEventId", "lookup", SINGLE)
    + _owner()
)
NAV_PANE = (
    "<NavPaneDisplayOption>UseCollectionName</NavPaneDisplayOption><NavPaneArea>Details"
    "</NavPaneArea><NavPaneOrder>10000</NavPaneOrder>"
)
MONITORING = {
    "Other/Solution.xml": manifest(
        "PowerPlatformMonitoringFramework",
        "ppmf",
        42617,
        _roots("ppmf_alertroute", "ppmf_errorevent", "ppmf_errornote"),
    ),
    "Entities/ppmf_AlertRoute/Entity.xml": _entity(
        "ppmf_AlertRoute", "Alert Route", ALERT_ROUTE, "OrgOwned"
    ),
    "Entities/ppmf_ErrorEvent/Entity.xml": _entity("ppmf_ErrorEvent", "Error Event", ERROR_EVENT),
    "Entities/ppmf_ErrorNote/Entity.xml": _entity("ppmf_ErrorNote", "Error Note", ERROR_NOTE),
    "Other/Relationships/Organization.xml": _relationships(
        _relationship(
            "organization_ppmf_alertroute",
            "ppmf_AlertRoute",
            "Organization",
            "OrganizationId",
            "NoCascade",
            None,
        )
    ),
    "Other/Relationships/ppmf_ErrorEvent.xml": _relationships(
        _relationship(
            "ppmf_ErrorEvent_ppmf_ErrorNote",
            "ppmf_ErrorNote",
            "ppmf_ErrorEvent",
            "ppmf_ErrorEventId",
            roles=NAV_PANE
            + '<CustomLabels><CustomLabel description="Error Notes" languagecode="1033" />'
            "</CustomLabels>",
        ),
        _relationship(
            "ppmf_ErrorEvent_ppmf_RelatedErrorEvent",
            "ppmf_ErrorEvent",
            "ppmf_ErrorEvent",
            "ppmf_RelatedErrorEventId",
            roles="<NavPaneDisplayOption>DoNotDisplay</NavPaneDisplayOption>",
        ),
    ),
}


@pytest.fixture(scope="module")
def monitoring(tmp_path_factory: pytest.TempPathFactory) -> tuple[Generation, list[str]]:
    return _run(tmp_path_factory.mktemp("monitoring"), "Monitoring", MONITORING)


def test_an_organization_owned_table_has_its_organization_and_no_owner(
    monitoring: tuple[Generation, list[str]],
) -> None:
    generation, _ = monitoring
    route = generation.tables.get("ppmf_alertroute")
    assert route is not None
    assert route.ownership_type is OwnershipType.ORGANIZATION_OWNED
    names = {column.logical_name for column in route.columns}
    assert not names & {"ownerid", "owninguser", "owningteam", "owningbusinessunit"}
    organization = route.column("organizationid")
    assert organization is not None and organization.targets == ("organization",)
    assert organization.valid_for_update is False
    metadata = generation.files["odata/metadata.xml"]
    start = metadata.index('<EntityType Name="ppmf_alertroute"')
    entity = metadata[start : metadata.index("</EntityType>", start)]
    assert '<Property Name="_organizationid_value" Type="Edm.Guid"' in entity
    assert (
        '<NavigationProperty Name="organizationid" Type="mscrm.organization" Nullable="false" '
        'Partner="organization_ppmf_alertroute">' in entity
    )
    assert "_ownerid_value" not in entity and "owningbusinessunit" not in entity


def test_the_error_events_columns_as_the_export_states_them(
    monitoring: tuple[Generation, list[str]],
) -> None:
    generation, _ = monitoring
    event = generation.tables.get("ppmf_errorevent")
    assert event is not None and event.primary_name_attribute == "ppmf_name"
    name = event.column("ppmf_name")
    assert name is not None and dict(name.extra)["AutoNumberFormat"] == "ERR-{SEQNUM:6}"
    payload = event.column("ppmf_rawpayload")
    assert payload is not None and payload.type is ColumnType.MEMO and payload.max_length == 5000
    severity = event.column("ppmf_severity")
    assert severity is not None and severity.default_form_value is None
    assert [dict(choice.extra).get("Color") for choice in severity.choices] == [
        "#000001",
        "#000002",
        "#000003",
        "#000004",
    ]
    metadata = generation.files["odata/metadata.xml"]
    assert '<Property Name="ppmf_fixedon" Type="Edm.DateTimeOffset"/>' in metadata
    menus = {
        r.schema_name: r.associated_menu_configuration for r in event.relationships.one_to_many
    }
    notes = menus["ppmf_ErrorEvent_ppmf_ErrorNote"]
    assert notes is not None and notes.label == "Error Notes"
    related = menus["ppmf_ErrorEvent_ppmf_RelatedErrorEvent"]
    assert related is not None and related.behavior == "DoNotDisplay"


def test_the_monitoring_tables_on_sqlite(monitoring: tuple[Generation, list[str]]) -> None:
    generation, warnings = monitoring
    # SQL Server refuses ON DELETE SET NULL on a table's reference to itself: said, and made
    # NO ACTION there; SQLite and PostgreSQL keep it.
    assert warnings == ["sqlserver-cascade-cycle"]
    db = _sqlite(generation)
    owner = "5c1e1fd3-4a1b-4d9e-9c1e-2f6a7b8c9d0e"
    first, second = "11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"
    db.execute(
        "INSERT INTO ppmf_errorevent (ppmf_erroreventid, ppmf_name, ownerid) VALUES (?, ?, ?)",
        (first, "ERR-000001", owner),
    )
    db.execute(
        "INSERT INTO ppmf_errorevent (ppmf_erroreventid, ppmf_name, ppmf_relatederroreventid,"
        " ownerid) VALUES (?, ?, ?, ?)",
        (second, "ERR-000002", first, owner),
    )
    db.execute(
        "INSERT INTO ppmf_errornote (ppmf_name, ppmf_erroreventid, ownerid) VALUES (?, ?, ?)",
        ("Looked at", first, owner),
    )
    db.execute("INSERT INTO ppmf_alertroute (ppmf_name) VALUES ('SCOUT')")
    assert db.execute("SELECT ppmf_isactive, ppmf_minseverity FROM ppmf_alertroute").fetchone() == (
        1,
        2,
    )
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE ppmf_errorevent SET ppmf_severity = 5")
    db.execute("DELETE FROM ppmf_errorevent WHERE ppmf_erroreventid = ?", (first,))
    assert db.execute("SELECT ppmf_relatederroreventid FROM ppmf_errorevent").fetchall() == [
        (None,)
    ]
    assert db.execute("SELECT ppmf_erroreventid FROM ppmf_errornote").fetchall() == [(None,)]


@pytest.mark.skipif(postgres_unavailable() is not None, reason=str(postgres_unavailable()))
def test_the_monitoring_tables_on_postgresql(monitoring: tuple[Generation, list[str]]) -> None:
    generation, _ = monitoring
    first = "11111111-1111-4111-8111-111111111111"
    rows = _postgres(
        generation,
        "INSERT INTO ppmf_errorevent (ppmf_erroreventid, ppmf_name, ppmf_relatederroreventid)"
        f" VALUES ('{first}', 'ERR-000001', '{first}')",
        f"DELETE FROM ppmf_errorevent WHERE ppmf_erroreventid = '{first}'",
        "INSERT INTO ppmf_alertroute (ppmf_name) VALUES ('SCOUT')",
        "SELECT ppmf_isactive, ppmf_minseverity FROM ppmf_alertroute",
    )
    assert rows == [(True, 2)]


# ElmiandCo/PowerAppsChildCare: an attendance record looks up its child and two members of
# staff; a child looks up an attendance record.
ATTENDANCE = (
    _key("crec4_AttendanceRecordId")
    + _name("crec4_AttendanceRecord1", 850, "none")
    + _required(attribute_xml("crec4_ChildID", "lookup", SINGLE), "required")
    + attribute_xml("crec4_CheckedInByStaff", "lookup", SINGLE)
    + attribute_xml("crec4_CheckedOutByStaff", "lookup", SINGLE)
    + attribute_xml(
        "crec4_CheckedInByFamilyMember",
        "nvarchar",
        "<DisplayMask>ValidForForm|ValidForGrid</DisplayMask><Format>text</Format>"
        "<MaxLength>100</MaxLength>",
    )
    + attribute_xml(
        "crec4_CheckInMethod",
        "picklist",
        "<AppDefaultValue>285840000</AppDefaultValue>"
        + _options(
            "crec4_attendancerecord_crec4_checkinmethod",
            ((285840000, "Staff"), (285840001, "Family Portal")),
        ),
    )
    + _owner()
)
CHILD_CARE = {
    "Other/Solution.xml": manifest(
        "ChildCare", "crec4", 28584, _roots("crec4_attendancerecord", "crec4_child", "crec4_staff")
    ),
    "Entities/crec4_AttendanceRecord/Entity.xml": _entity(
        "crec4_AttendanceRecord", "Attendance Record", ATTENDANCE
    ),
    "Entities/crec4_Child/Entity.xml": _entity(
        "crec4_Child",
        "Child",
        _key("crec4_ChildId")
        + _name("crec4_Name", 100)
        + attribute_xml("crec4_AttendanceRecord", "lookup", SINGLE)
        + _owner(),
    ),
    "Entities/crec4_Staff/Entity.xml": _entity(
        "crec4_Staff", "Staff", _key("crec4_StaffId") + _name("crec4_Name", 100) + _owner()
    ),
    "Other/Relationships/crec4_Child.xml": _relationships(
        _relationship(
            "crec4_AttendanceRecord_crec4_Child",
            "crec4_AttendanceRecord",
            "crec4_Child",
            "crec4_ChildID",
            roles=NAV_PANE,
        )
    ),
    "Other/Relationships/crec4_AttendanceRecord.xml": _relationships(
        _relationship(
            "crec4_Child_crec4_AttendanceRecord",
            "crec4_Child",
            "crec4_AttendanceRecord",
            "crec4_AttendanceRecord",
            roles=NAV_PANE,
        )
    ),
    "Other/Relationships/crec4_Staff.xml": _relationships(
        _relationship(
            "crec4_AttendanceRecord_crec4_Staff",
            "crec4_AttendanceRecord",
            "crec4_Staff",
            "crec4_CheckedInByStaff",
            roles=NAV_PANE,
        ),
        _relationship(
            "crec4_AttendanceRecord_crec4_Staff1",
            "crec4_AttendanceRecord",
            "crec4_Staff",
            "crec4_CheckedOutByStaff",
            roles=NAV_PANE,
        ),
    ),
}
CHILD = "33333333-3333-4333-8333-333333333333"
RECORD = "44444444-4444-4444-8444-444444444444"
STAFF = "55555555-5555-4555-8555-555555555555"


@pytest.fixture(scope="module")
def child_care(tmp_path_factory: pytest.TempPathFactory) -> tuple[Generation, list[str]]:
    return _run(tmp_path_factory.mktemp("childcare"), "ChildCare", CHILD_CARE)


def test_two_tables_that_look_each_other_up(child_care: tuple[Generation, list[str]]) -> None:
    generation, warnings = child_care
    # The cycle of the two tables, and the second path from staff to attendance records.
    assert warnings == ["sqlserver-cascade-cycle", "sqlserver-cascade-cycle"]
    record = generation.tables.get("crec4_attendancerecord")
    assert record is not None and record.primary_name_attribute == "crec4_attendancerecord1"
    name = record.column("crec4_attendancerecord1")
    assert name is not None and name.max_length == 850
    metadata = generation.files["odata/metadata.xml"]
    for lookup, target, relationship in (
        ("crec4_ChildID", "crec4_child", "crec4_AttendanceRecord_crec4_Child"),
        ("crec4_CheckedInByStaff", "crec4_staff", "crec4_AttendanceRecord_crec4_Staff"),
        ("crec4_CheckedOutByStaff", "crec4_staff", "crec4_AttendanceRecord_crec4_Staff1"),
        ("crec4_AttendanceRecord", "crec4_attendancerecord", "crec4_Child_crec4_AttendanceRecord"),
    ):
        assert (
            f'<NavigationProperty Name="{lookup}" Type="mscrm.{target}" Nullable="false" '
            f'Partner="{relationship}">' in metadata
        )
    db = _sqlite(generation)
    db.execute("INSERT INTO crec4_staff (crec4_staffid, crec4_name) VALUES (?, 'Ana')", (STAFF,))
    db.execute("INSERT INTO crec4_child (crec4_childid, crec4_name) VALUES (?, 'Bo')", (CHILD,))
    db.execute(
        "INSERT INTO crec4_attendancerecord (crec4_attendancerecordid, crec4_childid,"
        " crec4_checkedinbystaff, crec4_checkedoutbystaff) VALUES (?, ?, ?, ?)",
        (RECORD, CHILD, STAFF, STAFF),
    )
    db.execute("UPDATE crec4_child SET crec4_attendancerecord = ?", (RECORD,))
    assert db.execute("SELECT crec4_checkinmethod FROM crec4_attendancerecord").fetchone() == (
        285840000,
    )
    db.execute("DELETE FROM crec4_staff")
    db.execute("DELETE FROM crec4_child")
    assert db.execute(
        "SELECT crec4_childid, crec4_checkedinbystaff, crec4_checkedoutbystaff"
        " FROM crec4_attendancerecord"
    ).fetchall() == [(None, None, None)]


@pytest.mark.skipif(postgres_unavailable() is not None, reason=str(postgres_unavailable()))
def test_two_tables_that_look_each_other_up_on_postgresql(
    child_care: tuple[Generation, list[str]],
) -> None:
    generation, _ = child_care
    rows = _postgres(
        generation,
        # Each row names the other before it exists: the constraints are checked at commit.
        f"INSERT INTO crec4_child (crec4_childid, crec4_name, crec4_attendancerecord)"
        f" VALUES ('{CHILD}', 'Bo', '{RECORD}')",
        f"INSERT INTO crec4_attendancerecord (crec4_attendancerecordid, crec4_childid)"
        f" VALUES ('{RECORD}', '{CHILD}')",
        f"DELETE FROM crec4_attendancerecord WHERE crec4_attendancerecordid = '{RECORD}'",
        "SELECT crec4_attendancerecord FROM crec4_child",
    )
    assert rows == [(None,)]


# BDSiteEvaluationSystem: a table of its own, and a table its manifest lists and its
# relationships name (Other/Relationships/BusinessUnit.xml) but its Entities/ lacks.
SITE = {
    "Other/Solution.xml": manifest(
        "BDSiteEvaluationSystem",
        "crfaa",
        48480,
        _roots("crfaa_industry", "new_industries"),
    ),
    "Entities/crfaa_Industry/Entity.xml": _entity(
        "crfaa_Industry",
        "Industry",
        _key("crfaa_IndustryId")
        + _name("crfaa_Name", 100)
        + _owner()
        + attribute_xml("OwningBusinessUnit", "lookup", SINGLE, 0),
    ),
    "Other/Relationships/BusinessUnit.xml": _relationships(
        *(
            _relationship(
                f"business_unit_{table.lower()}",
                table,
                "BusinessUnit",
                "OwningBusinessUnit",
                "Restrict",
                None,
            )
            for table in ("crfaa_Industry", "new_Industries")
        )
    ),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Generation, list[str]]:
    return _run(tmp_path_factory.mktemp("site"), "Site", SITE)


def test_a_table_held_only_in_relationships_keeps_the_names_they_spell(
    site: tuple[Generation, list[str]],
) -> None:
    generation, warnings = site
    assert sorted(warnings) == ["solution-base-missing", "solution-table-missing"]
    industries = generation.tables.get("new_industries")
    assert industries is not None
    assert industries.schema_name == "new_Industries"
    assert industries.primary_id_attribute == "new_industriesid"
    key = industries.column("new_industriesid")
    assert key is not None and key.schema_name == "new_IndustriesId"
    unit = industries.column("owningbusinessunit")
    assert unit is not None and unit.schema_name == "OwningBusinessUnit"
    assert unit.targets == ("businessunit",)
    own = generation.tables.get("crfaa_industry")
    assert own is not None
    mine = own.column("owningbusinessunit")
    assert mine is not None and mine.schema_name == "OwningBusinessUnit"
    model = generation.files["model/new_industries.yaml"]
    assert "schema_name: new_Industries\n" in model
    assert "schema_name: OwningBusinessUnit\n" in model


INDUSTRY = (
    "INSERT INTO new_industries (owningbusinessunit) "
    "VALUES ('7d1b6a2e-0000-4000-8000-000000000001')"
)
"""A row of the table held only in relationships: its OwningBusinessUnit, which
``business_unit_new_industries`` names, is Dataverse's, set on every row (SystemRequired, read
only), as on a table the solution holds whole (tests/test_solution_gaps.py)."""


def test_a_table_held_only_in_relationships_on_sqlite(site: tuple[Generation, list[str]]) -> None:
    generation, _ = site
    db = _sqlite(generation)
    db.execute(INDUSTRY)
    db.execute("INSERT INTO crfaa_industry (crfaa_name) VALUES ('Retail')")
    assert db.execute("SELECT count(*) FROM new_industries").fetchone() == (1,)


@pytest.mark.skipif(postgres_unavailable() is not None, reason=str(postgres_unavailable()))
def test_a_table_held_only_in_relationships_on_postgresql(
    site: tuple[Generation, list[str]],
) -> None:
    generation, _ = site
    rows = _postgres(
        generation,
        INDUSTRY,
        "SELECT count(*) FROM new_industries",
    )
    assert rows == [(1,)]


def test_a_table_held_only_in_a_many_to_many_relationship_keeps_its_spelling(
    tmp_path: Path,
) -> None:
    """The first table of an N:N the folder holds no Entity.xml of: ``<FirstEntityName>``."""
    many = (
        '<EntityRelationships><EntityRelationship Name="new_Sales_new_Marketing">'
        "<EntityRelationshipType>ManyToMany</EntityRelationshipType>"
        "<FirstEntityName>new_Sales</FirstEntityName>"
        "<SecondEntityName>new_Marketing</SecondEntityName>"
        "<IntersectEntityName>new_Sales_new_Marketing</IntersectEntityName>"
        "</EntityRelationship></EntityRelationships>"
    )
    files = {
        "Other/Solution.xml": manifest("Site", "new", 10000, _roots("new_sales")),
        "Other/Relationships/new_Sales.xml": many,
    }
    generation, warnings = _run(tmp_path, "Site", files)
    assert sorted(warnings) == ["solution-base-missing", "solution-table-missing"]
    sales = generation.tables.get("new_sales")
    assert sales is not None and sales.schema_name == "new_Sales"
    key = sales.column("new_salesid")
    assert key is not None and key.schema_name == "new_SalesId"
