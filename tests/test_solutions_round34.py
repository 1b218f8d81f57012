"""Real solutions, round 34: a solution of three tables tied by six lookups, with formula
columns, a primary image and an autonumbered primary name, built from the solution alone; the
SQL run on SQLite and PostgreSQL 15, the ``$metadata`` checked by the OASIS XSD.

Looked at (short excerpts below, transcribed; no whole file copied):

Yaseminp/Animal-Shelter (``AnimalShelter``, unmanaged, exported 2025 from a 9.2.25024
environment, English only, publisher prefix ``pp``). ``Entities/pp_AnimalData/Entity.xml``
(109,992 characters, read whole): the primary name ``pp_MicrochipID`` is autonumbered
(``<AutoNumberFormat>{SEQNUM:11}``, ``<MaxLength>850``, required); five formula columns
(``<SourceType>3`` with ``<FormulaDefinitionFileName>``): ``pp_Age`` a decimal of
``<Accuracy>0`` between -1E11 and 1E11, ``pp_inShelter`` a Yes/No, ``pp_CurrentLocation``,
``pp_ShelterLocation``, ``pp_ShelterName`` text of 4000; ``pp_Photo`` an image column
(``<MaxValue>10240`` KB) made the table's primary image and full-size by
``Other/Customizations.xml`` (``<EntityImageConfig>``, ``<AttributeImageConfig>``
``<canstorefullimage>1``); local choices ``pp_Sex`` (values 0, 1, 3, default 3),
``pp_MedicalConditions`` (1-6, default 6), ``pp_ShelterStatus`` (1-7, no default: -1) and
``pp_Type`` (1-16); date-only columns with ``<Behavior>1``. ``Other/Relationships/
{pp_ShelterLocations1,pp_FosterFamilyInformation1}.xml`` hold six 1:N relationships, two from
each referencing table to the same referenced one (``pp_InitialShelter`` and
``pp_ShelterLocations1``; ``pp_FosterClaimer`` and ``pp_FosterFamilyInformation1``;
``pp_LocalShelter`` and ``pp_ShelterLocations1`` on the foster table), all RemoveLink, with
``<LookupTypes />`` on every lookup; a lookup is named as its target table
(``pp_FosterFamilyInformation1`` -> ``pp_fosterfamilyinformation1``).

Checked, no fault: each lookup targets the table its relationship names, each navigation pair
is partnered both ways by the relationship file's names, the second SET NULL path to a table
is refused by SQL Server and dvgen says so (``sqlserver-cascade-cycle``, four times), the
formula columns are read-only (computed in ``$metadata``, ``readOnly`` in JSON Schema), the
image is the primary image and stores full images, with its ``_url``/``_timestamp``/``id``
companions; choice value 0 and the default 3 are kept; the SQL runs on SQLite (foreign keys
on) and PostgreSQL 15, the ``$metadata`` is valid by the OASIS XSD, the JSON Schemas by the
2020-12 metaschema, the pydantic package imports. The solution has no global choice
(``<optionsets />`` empty); no other unseen solution with global choices shared by several
tables was found in the index this round.
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
from tests.solution_support import DECLARATION, attribute_xml, manifest
from tests.test_odata_tools import xsd_errors
from tests.test_sql_support import postgres_unavailable, shared_server

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"
LOOKUP = "<LookupStyle>single</LookupStyle><LookupTypes />"
FORMULA = (
    "<FormulaDefinitionFileName>/Formulas/pp_animaldata-FormulaDefinitions.yaml"
    "</FormulaDefinitionFileName>"
)


def _formula(physical: str, kind: str, body: str) -> str:
    return attribute_xml(physical, kind, body + FORMULA).replace(
        "<IsCustomField>", "<SourceType>3</SourceType><IsCustomField>"
    )


def _options(name: str, kind: str, options: tuple[tuple[int, str], ...], default: int) -> str:
    listed = "".join(
        f'<option value="{value}" ExternalValue="" IsHidden="0"><labels>'
        f'<label description="{label}" languagecode="1033" /></labels></option>'
        for value, label in options
    )
    return (
        f'<AppDefaultValue>{default}</AppDefaultValue><optionset Name="{name}">'
        f"<OptionSetType>{kind}</OptionSetType><options>{listed}</options></optionset>"
    )


def _key(table: str) -> str:
    logical = table.lower() + "id"
    return (
        f'<attribute PhysicalName="{table}Id"><Type>primarykey</Type><Name>{logical}</Name>'
        f"<LogicalName>{logical}</LogicalName><RequiredLevel>systemrequired</RequiredLevel>"
        "<ValidForUpdateApi>0</ValidForUpdateApi><IsCustomField>0</IsCustomField></attribute>"
    )


def _name(physical: str, length: int, auto: str = "") -> str:
    logical = physical.lower()
    return (
        f'<attribute PhysicalName="{physical}"><Type>nvarchar</Type><Name>{logical}</Name>'
        f"<LogicalName>{logical}</LogicalName><RequiredLevel>required</RequiredLevel>"
        "<DisplayMask>PrimaryName|ReadOnlyInUI|ValidForAdvancedFind|ValidForForm|ValidForGrid|"
        "RequiredForForm</DisplayMask><IsCustomField>1</IsCustomField>"
        f"<AutoNumberFormat>{auto}</AutoNumberFormat><Format>text</Format>"
        f"<MaxLength>{length}</MaxLength><Length>{2 * length}</Length></attribute>"
    )


ANIMAL_COLUMNS = (
    _key("pp_AnimalData")
    + _name("pp_MicrochipID", 850, "{SEQNUM:11}")
    + _formula(
        "pp_Age",
        "decimal",
        "<MinValue>-100000000000</MinValue><MaxValue>100000000000</MaxValue><Accuracy>0</Accuracy>",
    )
    + _formula(
        "pp_inShelter",
        "bit",
        _options("pp_animaldata_pp_inshelter", "bit", ((1, "Yes"), (0, "No")), 0),
    )
    + _formula(
        "pp_CurrentLocation",
        "nvarchar",
        "<Format>text</Format><MaxLength>4000</MaxLength><Length>8000</Length>",
    )
    + attribute_xml(
        "pp_Photo",
        "image",
        "<DisplayMask>DenormalizedChild|PrimaryImage|ValidForForm|ValidForGrid</DisplayMask>"
        "<IsLogical>1</IsLogical><Format>jpeg</Format><MaxLength>9437328</MaxLength>"
        "<MaxValue>10240</MaxValue>",
    )
    + attribute_xml(
        "pp_Sex",
        "picklist",
        _options(
            "pp_animaldata_pp_sex", "picklist", ((0, "Male"), (1, "Female"), (3, "Not set")), 3
        ),
    )
    + attribute_xml(
        "pp_DateofBirth",
        "datetime",
        "<Format>date</Format><CanChangeDateTimeBehavior>1</CanChangeDateTimeBehavior>"
        "<Behavior>1</Behavior>",
    )
    + attribute_xml("pp_FosterClaimer", "lookup", LOOKUP)
    + attribute_xml("pp_FosterFamilyInformation1", "lookup", LOOKUP)
    + attribute_xml("pp_InitialShelter", "lookup", LOOKUP)
    + attribute_xml("pp_ShelterLocations1", "lookup", LOOKUP)
)
FOSTER_COLUMNS = (
    _key("pp_FosterFamilyInformation1")
    + _name("pp_Name", 100)
    + attribute_xml("pp_LocalShelter", "lookup", LOOKUP)
    + attribute_xml("pp_ShelterLocations1", "lookup", LOOKUP)
)
CUSTOMIZATIONS = (
    "<ImportExportXml><Entities /><EntityImageConfigs><EntityImageConfig>"
    "<parententitylogicalname>pp_animaldata</parententitylogicalname>"
    "<primaryimageattribute>pp_photo</primaryimageattribute></EntityImageConfig>"
    "</EntityImageConfigs><AttributeImageConfigs><AttributeImageConfig>"
    "<attributelogicalname>pp_photo</attributelogicalname>"
    "<parententitylogicalname>pp_animaldata</parententitylogicalname>"
    "<canstorefullimage>1</canstorefullimage></AttributeImageConfig></AttributeImageConfigs>"
    "<optionsets /><Languages><Language>1033</Language></Languages></ImportExportXml>"
)
TABLES = ("pp_AnimalData", "pp_FosterFamilyInformation1", "pp_ShelterLocations1")
RELATIONSHIPS = {
    "pp_ShelterLocations1": (
        ("pp_animaldata_InitialShelter_pp_shelterlocations1", "pp_AnimalData", "pp_InitialShelter"),
        (
            "pp_AnimalData_pp_ShelterLocations1_pp_ShelterLocations1",
            "pp_AnimalData",
            "pp_ShelterLocations1",
        ),
        (
            "pp_fosterfamilyinformation1_LocalShelter_pp_shelterlocations1",
            "pp_FosterFamilyInformation1",
            "pp_LocalShelter",
        ),
        (
            "pp_FosterFamilyInformation1_pp_ShelterLocations1_pp_ShelterLocations1",
            "pp_FosterFamilyInformation1",
            "pp_ShelterLocations1",
        ),
    ),
    "pp_FosterFamilyInformation1": (
        (
            "pp_animaldata_FosterClaimer_pp_fosterfamilyinformation1",
            "pp_AnimalData",
            "pp_FosterClaimer",
        ),
        (
            "pp_AnimalData_pp_FosterFamilyInformation1_pp_FosterFamilyInformation1",
            "pp_AnimalData",
            "pp_FosterFamilyInformation1",
        ),
    ),
}


def _entity(name: str, columns: str) -> str:
    return (
        f'<Entity><Name LocalizedName="{name}" OriginalName="{name}">{name}</Name><EntityInfo>'
        f'<entity Name="{name}"><attributes>{columns}</attributes>'
        f"<EntitySetName>{name.lower()}s</EntitySetName>"
        "<OwnershipTypeMask>UserOwned</OwnershipTypeMask></entity></EntityInfo></Entity>"
    )


def _relationship(name: str, referencing: str, referenced: str, lookup: str) -> str:
    return (
        f'<EntityRelationship Name="{name}"><EntityRelationshipType>OneToMany'
        f"</EntityRelationshipType><ReferencingEntityName>{referencing}</ReferencingEntityName>"
        f"<ReferencedEntityName>{referenced}</ReferencedEntityName>"
        "<CascadeAssign>NoCascade</CascadeAssign><CascadeDelete>RemoveLink</CascadeDelete>"
        f"<ReferencingAttributeName>{lookup}</ReferencingAttributeName><EntityRelationshipRoles>"
        f"<EntityRelationshipRole><NavigationPropertyName>{lookup}</NavigationPropertyName>"
        "<RelationshipRoleType>1</RelationshipRoleType></EntityRelationshipRole>"
        f"<EntityRelationshipRole><NavigationPropertyName>{name}</NavigationPropertyName>"
        "<RelationshipRoleType>0</RelationshipRoleType></EntityRelationshipRole>"
        "</EntityRelationshipRoles></EntityRelationship>"
    )


def _solution() -> dict[str, str]:
    roots = "".join(
        f'<RootComponent type="1" schemaName="{t.lower()}" behavior="0" />' for t in TABLES
    )
    files = {
        "Other/Solution.xml": manifest("AnimalShelter", "pp", 10000, roots),
        "Other/Customizations.xml": CUSTOMIZATIONS,
        "Entities/pp_AnimalData/Entity.xml": _entity("pp_AnimalData", ANIMAL_COLUMNS),
        "Entities/pp_FosterFamilyInformation1/Entity.xml": _entity(
            "pp_FosterFamilyInformation1", FOSTER_COLUMNS
        ),
        "Entities/pp_ShelterLocations1/Entity.xml": _entity(
            "pp_ShelterLocations1", _key("pp_ShelterLocations1") + _name("pp_Name", 100)
        ),
    }
    for referenced, listed in RELATIONSHIPS.items():
        files[f"Other/Relationships/{referenced}.xml"] = (
            "<EntityRelationships>"
            + "".join(_relationship(n, ing, referenced, lookup) for n, ing, lookup in listed)
            + "</EntityRelationships>"
        )
    return files


def _generation(tmp_path: Path) -> tuple[Generation, Diagnostics]:
    specs = tmp_path / "specs"
    for relative, text in _solution().items():
        (specs / "AnimalShelter" / relative).parent.mkdir(parents=True, exist_ok=True)
        (specs / "AnimalShelter" / relative).write_text(DECLARATION + text, encoding="utf-8")
    diagnostics = Diagnostics()
    generation = generate(Config(specs=specs, out=tmp_path / "out", cache=False), diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    return generation, diagnostics


def _entity_type(generation: Generation, name: str) -> ET.Element:
    root = ET.fromstring(generation.files["odata/metadata.xml"])
    return next(e for e in root.iter(f"{EDM}EntityType") if e.get("Name") == name)


def test_two_lookups_to_one_table_are_partnered_both_ways(tmp_path: Path) -> None:
    generation, diagnostics = _generation(tmp_path)
    for referenced, listed in RELATIONSHIPS.items():
        back = _entity_type(generation, referenced.lower())
        collections = {
            n.get("Name"): n.get("Partner") for n in back.findall(f"{EDM}NavigationProperty")
        }
        for name, referencing, lookup in listed:
            assert collections[name] == lookup
            forth = _entity_type(generation, referencing.lower())
            singles = {
                n.get("Name"): (n.get("Type"), n.get("Partner"))
                for n in forth.findall(f"{EDM}NavigationProperty")
            }
            assert singles[lookup] == (f"mscrm.{referenced.lower()}", name)
    cycles = [d for d in diagnostics if d.code == "sqlserver-cascade-cycle"]
    assert len(cycles) == 4
    assert xsd_errors(generation.files["odata/metadata.xml"].encode()) == []


def test_formula_columns_are_read_only_and_the_photo_the_primary_image(tmp_path: Path) -> None:
    generation, _ = _generation(tmp_path)
    animal = _entity_type(generation, "pp_animaldata")
    props = {p.get("Name"): p for p in animal.findall(f"{EDM}Property")}
    for formula in ("pp_age", "pp_inshelter", "pp_currentlocation"):
        terms = [a.get("Term") for a in props[formula].findall(f"{EDM}Annotation")]
        assert "Org.OData.Core.V1.Computed" in terms, formula
    assert props["pp_photo"].get("Type") == "Edm.Binary"
    for companion in ("pp_photo_url", "pp_photo_timestamp", "pp_photoid"):
        assert companion in props
    schema = json.loads(generation.files["jsonschema/pp_animaldata.schema.json"])
    Draft202012Validator.check_schema(schema)
    columns = schema["properties"]
    assert columns["pp_age"]["readOnly"] is True
    assert columns["pp_inshelter"]["readOnly"] is True
    assert columns["pp_sex"]["default"] == 3
    assert [o.get("const") for o in columns["pp_sex"]["oneOf"]] == [0, 1, 3, None]
    model = generation.files["model/pp_animaldata.yaml"]
    assert "is_primary_image: true" in model
    assert "can_store_full_image: true" in model
    assert 'AutoNumberFormat: "{SEQNUM:11}"' in model


def test_sql_runs_on_sqlite(tmp_path: Path) -> None:
    generation, _ = _generation(tmp_path)
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.executescript(generation.files["sql/sqlite/schema.sql"])
    fks = {(row[3], row[2]) for row in conn.execute("PRAGMA foreign_key_list(pp_animaldata)")}
    assert fks == {
        ("pp_fosterclaimer", "pp_fosterfamilyinformation1"),
        ("pp_fosterfamilyinformation1", "pp_fosterfamilyinformation1"),
        ("pp_initialshelter", "pp_shelterlocations1"),
        ("pp_shelterlocations1", "pp_shelterlocations1"),
    }
    conn.execute("INSERT INTO pp_animaldata (pp_microchipid, pp_sex) VALUES ('1', 0)")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO pp_animaldata (pp_microchipid, pp_sex) VALUES ('2', 2)")


@pytest.mark.skipif(postgres_unavailable() is not None, reason=str(postgres_unavailable()))
def test_sql_runs_on_postgres(tmp_path: Path) -> None:
    import psycopg

    generation, _ = _generation(tmp_path)
    server = shared_server()
    with psycopg.connect(server.dsn(server.create_database())) as conn:
        conn.execute(generation.files["sql/postgres/schema.sql"])
        rows = conn.execute(
            "SELECT column_name, data_type, numeric_precision, numeric_scale"
            " FROM information_schema.columns WHERE table_name = 'pp_animaldata'"
            " AND column_name IN ('pp_age', 'pp_photo', 'pp_inshelter')"
        ).fetchall()
    assert set(rows) == {
        ("pp_age", "numeric", 12, 0),
        ("pp_photo", "bytea", None, None),
        ("pp_inshelter", "boolean", None, None),
    }
