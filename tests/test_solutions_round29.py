"""Real solutions, round 29: a solution table whose primary image is a custom Image column, a
lookup and relationship described over two lines, and a global choice two tables share (its
CHECKs, label-table rows and labels ending in a space), a decimal of five places and a choice
from 0; the SQL run on SQLite and PostgreSQL 15, the ``$metadata`` checked by the OASIS XSD.
No fault found: these tests keep what was checked.

Looked at (short excerpts below, transcribed; no whole file copied):

Alex-Karapetkov/MS-Power-Platform-Parking-Solution (2025, unpacked, prefix ``ak``, three tables):
``Entities/ak_Vehicle/Entity.xml``'s ``ak_VehicleImage`` (``<Type>image</Type>``, DisplayMask
``DenormalizedChild|PrimaryImage|ValidForForm|ValidForGrid``, ``<IsLogical>1``, ``<Format>jpeg``,
``<MaxLength>9437328``, ``<MaxValue>10240``): one Image column with its ``_timestamp``,
``_url`` and ``id`` companions, ``MaxSizeInKB`` 10240, primary image, no relationship to
``fileattachment`` (as Microsoft's EntityTypes have none for image columns). The
inspection's ``ak_ParkingRequest`` lookup and its relationship
``ak_parkinginspection_ParkingRequest_ak_parkingrequest`` (``Other/Relationships/
ak_ParkingRequest.xml``) carry a description with a line break (``&#xA;``): two ``--`` lines in
SQLite, one ``COMMENT ON`` string in PostgreSQL. Roles name the lookups by SchemaName
(``ak_Vehicle``, ``ak_ParkingRequest``), kept as the navigation properties.
haidaralishaik/HelpDesk-Power-App-CI-CD (unpacked, prefix ``code``): three global choices in
``OptionSets/`` (``code_ticketsystemtstatuschoice`` with values 140930000-4 and the labels
``"Resolved "`` and ``"Closed "`` ending in a space; ``code_ticketsystemprioritychoice``
100000000-3), ``code_Ticket``'s ``code_Priority`` (``<AppDefaultValue>100000001``) and
``code_Status`` (required, ``<AppDefaultValue>140930000``), the comment table
``code_Ticket_Comment``, ``code_ticket_comment_Ticket_code_ticket`` and ``code_AssignedTo``'s
``code_ticket_AssignedTo_systemuser`` (``Other/Relationships/SystemUser.xml``, with roles; the
platform's ``lk_code_ticket_createdby`` and ``user_code_ticket`` there without). The shared
choice is put on the comment table too (as a second table of a solution does) to check the
merged option set's CHECKs and label rows per table.
Rinesh007/powerapps-salary-management-system (unpacked, one table ``cre47_Employees`` made from a
SharePoint list): ``cre47_fixedsalary`` (``<Type>decimal``, ``<MinValue>-100000000000``,
``<MaxValue>100000000000``, ``<Accuracy>5``: ``numeric(17, 5)`` with its range CHECK), a local
choice ``cre47_employees_cre47_department`` whose values start at 0, the SharePoint-encoded
``cre47_per_x0020_day_x0020_salary``, and ``cre47_employeeid`` beside the key
``cre47_employeesid``.
Also opened, no table definitions: Jnaneshwar-ks/EmployeeServiceAutomation, iFlip721/
OnboardingOffboarding, AndresMaqueo/work-tracker-pro, CSULA-PDGo/PDGo (canvas apps, flows,
environment variables only); Blood-Moon-Interactive/EquipcoTrackingApp (a canvas app).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics, Severity
from dvgen.model import ColumnType
from dvgen.pipeline import Generation, generate
from tests.solution_support import attribute_xml, manifest
from tests.test_odata_tools import xsd_errors
from tests.test_sql_support import postgres_unavailable, shared_server

SINGLE = "<LookupStyle>single</LookupStyle><LookupTypes />"
NAME_MASK = (
    "<DisplayMask>PrimaryName|ValidForAdvancedFind|ValidForForm|ValidForGrid|RequiredForForm"
    "</DisplayMask>"
)
TWO_LINES = (
    "A lookup to a valid parking request.&#xA;Where a parking request does not exist this "
    "implies the parking is not valid."
)


def _required(attribute: str, level: str) -> str:
    return attribute.replace("<RequiredLevel>none", f"<RequiredLevel>{level}", 1)


def _key(physical: str) -> str:
    return _required(attribute_xml(physical, "primarykey", "", 0), "systemrequired")


def _name(physical: str, length: int) -> str:
    body = f"{NAME_MASK}<Format>text</Format><MaxLength>{length}</MaxLength>"
    return _required(attribute_xml(physical, "nvarchar", body), "required")


def _owner() -> str:
    return attribute_xml("OwnerId", "owner", SINGLE, 0)


def _entity(name: str, label: str, attributes: str) -> str:
    return (
        f'<Entity><Name LocalizedName="{label}" OriginalName="{label}">{name}</Name>'
        f'<EntityInfo><entity Name="{name}"><LocalizedNames><LocalizedName description="{label}"'
        ' languagecode="1033" /></LocalizedNames><LocalizedCollectionNames>'
        f'<LocalizedCollectionName description="{label}s" languagecode="1033" />'
        f"</LocalizedCollectionNames><attributes>{attributes}</attributes>"
        f"<EntitySetName>{name.lower()}s</EntitySetName><IsBPFEntity>0</IsBPFEntity>"
        "<OwnershipTypeMask>UserOwned</OwnershipTypeMask><IsActivity>0</IsActivity></entity>"
        "</EntityInfo></Entity>"
    )


def _relationship(name: str, referencing: str, referenced: str, lookup: str, text: str) -> str:
    cascades = "".join(
        f"<Cascade{kind}>{value}</Cascade{kind}>"
        for kind, value in (
            ("Assign", "NoCascade"),
            ("Delete", "RemoveLink"),
            ("Archive", "RemoveLink"),
            ("Reparent", "NoCascade"),
            ("Share", "NoCascade"),
            ("Unshare", "NoCascade"),
            ("RollupView", "NoCascade"),
        )
    )
    return (
        f'<EntityRelationships><EntityRelationship Name="{name}">'
        "<EntityRelationshipType>OneToMany</EntityRelationshipType>"
        f"<ReferencingEntityName>{referencing}</ReferencingEntityName>"
        f"<ReferencedEntityName>{referenced}</ReferencedEntityName>{cascades}"
        "<RelationshipDescription><Descriptions>"
        f'<Description description="{text}" languagecode="1033" /></Descriptions>'
        f"</RelationshipDescription><ReferencingAttributeName>{lookup}</ReferencingAttributeName>"
        "<EntityRelationshipRoles><EntityRelationshipRole>"
        f"<NavigationPropertyName>{lookup}</NavigationPropertyName>"
        "<RelationshipRoleType>1</RelationshipRoleType></EntityRelationshipRole>"
        f"<EntityRelationshipRole><NavigationPropertyName>{name}</NavigationPropertyName>"
        "<RelationshipRoleType>0</RelationshipRoleType></EntityRelationshipRole>"
        "</EntityRelationshipRoles></EntityRelationship></EntityRelationships>"
    )


def _run(tmp_path: Path, name: str, files: dict[str, str], labels: bool = False) -> Generation:
    folder = tmp_path / "specs" / name
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text('<?xml version="1.0" encoding="utf-8"?>\n' + text, encoding="utf-8")
    diagnostics = Diagnostics()
    config = Config(
        specs=tmp_path / "specs", out=tmp_path / "out", cache=False, sql_label_tables=labels
    )
    generation = generate(config, diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    assert [d for d in diagnostics if d.severity is Severity.WARNING] == []
    assert xsd_errors(generation.files["odata/metadata.xml"].encode("utf-8")) == []
    return generation


# Entities/ak_Vehicle/Entity.xml and ak_ParkingInspection/Entity.xml, the columns looked at.
VEHICLE = (
    _key("ak_VehicleId")
    + _name("ak_VehicleName", 50)
    + attribute_xml(
        "ak_VehicleImage",
        "image",
        "<DisplayMask>DenormalizedChild|PrimaryImage|ValidForForm|ValidForGrid</DisplayMask>"
        "<IsLogical>1</IsLogical><Format>jpeg</Format><MaxLength>9437328</MaxLength>"
        "<MaxValue>10240</MaxValue>",
    )
    + attribute_xml(
        "ak_VehicleOwnerEmail", "nvarchar", "<Format>email</Format><MaxLength>100</MaxLength>"
    )
    + _owner()
)
INSPECTION = (
    _key("ak_ParkingInspectionId")
    + _name("ak_ParkingInspectionName", 100)
    + attribute_xml(
        "ak_InspectionDateTime", "datetime", "<Format>datetime</Format><Behavior>1</Behavior>"
    )
    + attribute_xml("ak_ParkingRequest", "lookup", SINGLE).replace(
        "</displaynames>",
        f'</displaynames><Descriptions><Description description="{TWO_LINES}" '
        'languagecode="1033" /></Descriptions>',
    )
    + _required(attribute_xml("ak_Vehicle", "lookup", SINGLE), "required")
    + _owner()
)
PARKING = {
    "Other/Solution.xml": manifest(
        "ParkingChallenge",
        "ak",
        10000,
        '<RootComponent type="1" schemaName="ak_vehicle" behavior="0" />'
        '<RootComponent type="1" schemaName="ak_parkingrequest" behavior="0" />'
        '<RootComponent type="1" schemaName="ak_parkinginspection" behavior="0" />',
    ),
    "Entities/ak_Vehicle/Entity.xml": _entity("ak_Vehicle", "Vehicle", VEHICLE),
    "Entities/ak_ParkingRequest/Entity.xml": _entity(
        "ak_ParkingRequest",
        "Parking Request",
        _key("ak_ParkingRequestId") + _name("ak_ParkingRequestName", 100) + _owner(),
    ),
    "Entities/ak_ParkingInspection/Entity.xml": _entity(
        "ak_ParkingInspection", "Parking Inspection", INSPECTION
    ),
    "Other/Relationships/ak_Vehicle.xml": _relationship(
        "ak_parkinginspection_Vehicle_ak_vehicle",
        "ak_ParkingInspection",
        "ak_Vehicle",
        "ak_Vehicle",
        "A lookup to the vehicle table",
    ),
    "Other/Relationships/ak_ParkingRequest.xml": _relationship(
        "ak_parkinginspection_ParkingRequest_ak_parkingrequest",
        "ak_ParkingInspection",
        "ak_ParkingRequest",
        "ak_ParkingRequest",
        TWO_LINES,
    ),
}


@pytest.fixture(scope="module")
def parking(tmp_path_factory: pytest.TempPathFactory) -> Generation:
    return _run(tmp_path_factory.mktemp("parking"), "Parking", PARKING)


def test_a_custom_primary_image_column_and_its_companions(parking: Generation) -> None:
    vehicle = parking.tables.get("ak_vehicle")
    assert vehicle is not None
    image = vehicle.column("ak_vehicleimage")
    assert image is not None
    assert image.type is ColumnType.IMAGE
    assert image.is_primary_image and image.max_size_in_kb == 10240
    companions = {"ak_vehicleimage_timestamp", "ak_vehicleimage_url", "ak_vehicleimageid"}
    assert companions <= {column.logical_name for column in vehicle.columns}
    names = {r.schema_name for r in vehicle.relationships.one_to_many}
    assert not [name for name in names if name.startswith("FileAttachment_")]
    metadata = parking.files["odata/metadata.xml"]
    assert '<Property Name="ak_vehicleimage" Type="Edm.Binary"/>' in metadata
    assert "ak_vehicle_FileAttachments" not in metadata


def test_the_roles_name_the_lookups(parking: Generation) -> None:
    metadata = parking.files["odata/metadata.xml"]
    for lookup, target, name in (
        ("ak_Vehicle", "ak_vehicle", "ak_parkinginspection_Vehicle_ak_vehicle"),
        (
            "ak_ParkingRequest",
            "ak_parkingrequest",
            "ak_parkinginspection_ParkingRequest_ak_parkingrequest",
        ),
    ):
        single = f'<NavigationProperty Name="{lookup}" Type="mscrm.{target}" Nullable="false"'
        assert f'{single} Partner="{name}">' in metadata
        collection = (
            f'<NavigationProperty Name="{name}" Type="Collection(mscrm.ak_parkinginspection)"'
        )
        assert f'{collection} Partner="{lookup}"/>' in metadata


def test_a_description_over_two_lines_on_sqlite(parking: Generation) -> None:
    schema = parking.files["sql/sqlite/schema.sql"]
    assert "    -- A lookup to a valid parking request.\n    -- Where a parking request" in schema
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA foreign_keys = ON")
    db.executescript(schema)
    owner = "5c1e1fd3-4a1b-4d9e-9c1e-2f6a7b8c9d0e"
    vehicle = "1b0c8f2e-4a5d-4c3b-9e8f-7a6b5c4d3e2f"
    db.execute(
        "INSERT INTO ak_vehicle (ak_vehicleid, ak_vehiclename, ownerid) VALUES (?, 'AB12 CDE', ?)",
        (vehicle, owner),
    )
    db.execute(
        "INSERT INTO ak_parkinginspection (ak_parkinginspectionname, ak_vehicle, ownerid)"
        " VALUES ('I-1', ?, ?)",
        (vehicle, owner),
    )
    db.execute("DELETE FROM ak_vehicle")
    assert db.execute("SELECT ak_vehicle FROM ak_parkinginspection").fetchall() == [(None,)]


@pytest.mark.skipif(postgres_unavailable() is not None, reason=str(postgres_unavailable()))
def test_a_description_over_two_lines_on_postgresql(parking: Generation) -> None:
    import psycopg

    server = shared_server()
    with psycopg.connect(server.dsn(server.create_database()), autocommit=True) as conn:
        conn.execute(parking.files["sql/postgres/schema.sql"])
        row = conn.execute(
            "SELECT col_description(a.attrelid, a.attnum) FROM pg_attribute a"
            " WHERE a.attrelid = 'ak_parkinginspection'::regclass"
            " AND a.attname = 'ak_parkingrequest'"
        ).fetchone()
    assert row == (TWO_LINES.replace("&#xA;", "\n"),)


def _option(value: int, label: str) -> str:
    return (
        f'<option value="{value}" ExternalValue="" IsHidden="0"><labels>'
        f'<label description="{label}" languagecode="1033" /></labels></option>'
    )


def _global(name: str, label: str, options: tuple[tuple[int, str], ...]) -> str:
    """An ``OptionSets/<name>.xml`` as the export writes it (its empty descriptions left out)."""
    return (
        f'<optionset Name="{name}" localizedName="{label}"><OptionSetType>picklist</OptionSetType>'
        "<IsGlobal>1</IsGlobal><IntroducedVersion>1.0.0.0</IntroducedVersion>"
        "<IsCustomizable>1</IsCustomizable><ExternalTypeName></ExternalTypeName>"
        f'<displaynames><displayname description="{label}" languagecode="1033" /></displaynames>'
        f"<options>{''.join(_option(value, text) for value, text in options)}</options></optionset>"
    )


STATUS = "code_ticketsystemtstatuschoice"
PRIORITY = "code_ticketsystemprioritychoice"
STATUSES = (
    (140930000, "New"),
    (140930001, "Open"),
    (140930002, "In Progress"),
    (140930003, "Resolved "),
    (140930004, "Closed "),
)
TICKET = (
    attribute_xml("code_AssignedTo", "lookup", SINGLE)
    + _required(
        attribute_xml(
            "code_Description", "nvarchar", "<Format>text</Format><MaxLength>4000</MaxLength>"
        ),
        "recommended",
    )
    + attribute_xml(
        "code_Priority",
        "picklist",
        f"<AppDefaultValue>100000001</AppDefaultValue><OptionSetName>{PRIORITY}</OptionSetName>",
    )
    + _required(
        attribute_xml(
            "code_Status",
            "picklist",
            f"<AppDefaultValue>140930000</AppDefaultValue><OptionSetName>{STATUS}</OptionSetName>",
        ),
        "required",
    )
    + _key("code_TicketId")
    + _name("code_title", 850).replace("<RequiredLevel>required", "<RequiredLevel>recommended")
    + _owner()
)
COMMENT = (
    _key("code_Ticket_CommentId")
    + _name("code_Name", 100)
    + attribute_xml("code_Ticket", "lookup", SINGLE)
    + attribute_xml(
        "code_Status",
        "picklist",
        f"<AppDefaultValue>-1</AppDefaultValue><OptionSetName>{STATUS}</OptionSetName>",
    )
    + _owner()
)
HELPDESK = {
    "Other/Solution.xml": manifest(
        "HelpDesk",
        "code",
        14093,
        '<RootComponent type="1" schemaName="code_ticket" behavior="0" />'
        '<RootComponent type="1" schemaName="code_ticket_comment" behavior="0" />'
        f'<RootComponent type="9" schemaName="{STATUS}" behavior="0" />'
        f'<RootComponent type="9" schemaName="{PRIORITY}" behavior="0" />',
    ),
    "Entities/code_Ticket/Entity.xml": _entity("code_Ticket", "Ticket", TICKET),
    "Entities/code_Ticket_Comment/Entity.xml": _entity(
        "code_Ticket_Comment", "Ticket Comment", COMMENT
    ),
    "Other/Relationships/code_Ticket.xml": _relationship(
        "code_ticket_comment_Ticket_code_ticket",
        "code_Ticket_Comment",
        "code_Ticket",
        "code_Ticket",
        "",
    ),
    # Other/Relationships/SystemUser.xml: the custom lookup's relationship with its roles.
    "Other/Relationships/SystemUser.xml": _relationship(
        "code_ticket_AssignedTo_systemuser",
        "code_Ticket",
        "SystemUser",
        "code_AssignedTo",
        "",
    ),
    f"OptionSets/{STATUS}.xml": _global(STATUS, "Ticketsystemtstatuschoice", STATUSES),
    f"OptionSets/{PRIORITY}.xml": _global(
        PRIORITY,
        "Ticketsystemprioritychoice",
        ((100000000, "Low"), (100000001, "Medium"), (100000002, "High"), (100000003, "Critical")),
    ),
}


@pytest.fixture(scope="module")
def helpdesk(tmp_path_factory: pytest.TempPathFactory) -> Generation:
    return _run(tmp_path_factory.mktemp("helpdesk"), "HelpDesk", HELPDESK, labels=True)


def test_a_shared_global_choice_keeps_its_labels_as_written(helpdesk: Generation) -> None:
    for table in ("code_ticket", "code_ticket_comment"):
        found = helpdesk.tables.get(table)
        status = found.column("code_status") if found is not None else None
        assert status is not None
        assert tuple((o.value, o.label) for o in status.choices) == STATUSES


def test_a_custom_lookup_to_systemuser_by_its_roles(helpdesk: Generation) -> None:
    metadata = helpdesk.files["odata/metadata.xml"]
    single = '<NavigationProperty Name="code_AssignedTo" Type="mscrm.systemuser" Nullable="false"'
    assert f'{single} Partner="code_ticket_AssignedTo_systemuser">' in metadata
    collection = (
        '<NavigationProperty Name="code_ticket_AssignedTo_systemuser"'
        ' Type="Collection(mscrm.code_ticket)" Partner="code_AssignedTo"/>'
    )
    assert collection in metadata
    schema = helpdesk.files["sql/postgres/schema.sql"]
    assert "('code_ticket', 'code_assignedto', 'systemuser', NULL)" in schema


def test_a_shared_global_choice_on_sqlite(helpdesk: Generation) -> None:
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA foreign_keys = ON")
    db.executescript(helpdesk.files["sql/sqlite/schema.sql"])
    owner = "5c1e1fd3-4a1b-4d9e-9c1e-2f6a7b8c9d0e"
    db.execute("INSERT INTO code_ticket (code_title, ownerid) VALUES ('Printer', ?)", (owner,))
    assert db.execute("SELECT code_priority, code_status FROM code_ticket").fetchone() == (
        100000001,
        140930000,
    )
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO code_ticket_comment (code_name, code_status, ownerid) VALUES ('x', 1, ?)",
            (owner,),
        )
    rows = db.execute(
        'SELECT "EntityName", "LocalizedLabel" FROM "GlobalOptionsetMetadata"'
        ' WHERE "GlobalOptionSetName" = ? AND "Option" = 140930003 ORDER BY 1',
        (STATUS,),
    ).fetchall()
    assert rows == [("code_ticket", "Resolved "), ("code_ticket_comment", "Resolved ")]


@pytest.mark.skipif(postgres_unavailable() is not None, reason=str(postgres_unavailable()))
def test_a_shared_global_choice_on_postgresql(helpdesk: Generation) -> None:
    import psycopg

    server = shared_server()
    with psycopg.connect(server.dsn(server.create_database()), autocommit=True) as conn:
        conn.execute(helpdesk.files["sql/postgres/schema.sql"])
        count = conn.execute(
            'SELECT count(*) FROM "GlobalOptionsetMetadata" WHERE "GlobalOptionSetName" = %s',
            (STATUS,),
        ).fetchone()
        assert count == (10,)
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute(
                "INSERT INTO code_ticket (code_title, code_status, ownerid)"
                " VALUES ('x', 100000001, gen_random_uuid())"
            )


def _department() -> str:
    options = "".join(
        _option(value, label)
        for value, label in enumerate(("Finance", "Operations", "Guide", "Marketing", "Admin"))
    )
    return (
        '<AppDefaultValue>-1</AppDefaultValue><optionset Name="cre47_employees_cre47_department">'
        "<OptionSetType>picklist</OptionSetType><displaynames>"
        '<displayname description="Department" languagecode="1033" /></displaynames>'
        f"<options>{options}</options></optionset>"
    )


# Entities/cre47_Employees/Entity.xml, the columns looked at.
EMPLOYEES = (
    attribute_xml("cre47_department", "picklist", _department())
    + attribute_xml(
        "cre47_employeeid", "nvarchar", "<Format>text</Format><MaxLength>300</MaxLength>"
    )
    + _key("cre47_EmployeesId")
    + attribute_xml(
        "cre47_fixedsalary",
        "decimal",
        "<MinValue>-100000000000</MinValue><MaxValue>100000000000</MaxValue><Accuracy>5</Accuracy>",
    )
    + attribute_xml(
        "cre47_per_x0020_day_x0020_salary",
        "nvarchar",
        "<Format>text</Format><MaxLength>300</MaxLength>",
    )
    + _name("cre47_name", 100)
    + _owner()
)
SALARY = {
    "Other/Solution.xml": manifest(
        "Salary",
        "cre47",
        10000,
        '<RootComponent type="1" schemaName="cre47_employees" behavior="0" />',
    ),
    "Entities/cre47_Employees/Entity.xml": _entity("cre47_Employees", "Employees", EMPLOYEES),
}
INSERT = (
    "INSERT INTO cre47_employees (cre47_name, cre47_department, cre47_fixedsalary,"
    " cre47_per_x0020_day_x0020_salary, ownerid) VALUES ('Asha', 0, {salary}, '1200',"
    " '5c1e1fd3-4a1b-4d9e-9c1e-2f6a7b8c9d0e')"
)


@pytest.fixture(scope="module")
def salary(tmp_path_factory: pytest.TempPathFactory) -> Generation:
    return _run(tmp_path_factory.mktemp("salary"), "Salary", SALARY)


def test_a_decimal_of_five_places_and_a_choice_from_zero(salary: Generation) -> None:
    schema = salary.files["sql/postgres/schema.sql"]
    assert '"cre47_fixedsalary" numeric(17, 5)' in schema
    assert 'CHECK ("cre47_department" IN (0, 1, 2, 3, 4))' in schema
    db = sqlite3.connect(":memory:")
    db.executescript(salary.files["sql/sqlite/schema.sql"])
    db.execute(INSERT.format(salary="99999999999.12345"))
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(INSERT.format(salary="100000000001"))
    assert db.execute("SELECT cre47_department FROM cre47_employees").fetchall() == [(0,)]


@pytest.mark.skipif(postgres_unavailable() is not None, reason=str(postgres_unavailable()))
def test_a_decimal_of_five_places_on_postgresql(salary: Generation) -> None:
    import psycopg

    server = shared_server()
    with psycopg.connect(server.dsn(server.create_database()), autocommit=True) as conn:
        conn.execute(salary.files["sql/postgres/schema.sql"])
        conn.execute(INSERT.format(salary="-99999999999.12345"))
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute(INSERT.format(salary="-100000000001"))
        row = conn.execute("SELECT cre47_fixedsalary::text FROM cre47_employees").fetchone()
    assert row == ("-99999999999.12345",)
