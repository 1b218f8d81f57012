"""Variations met in a fourteenth round of real solutions outside the corpus, hunting the
features no earlier round had met in a new solution (many-to-many relationships, alternate
keys, image and file columns, multi-select choices, elastic tables), each held to what
Microsoft documents of it, as a minimal solution written for the test."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics, SpecError
from dvgen.elastic import UNSUPPORTED
from dvgen.model import Table, TableType
from dvgen.pipeline import Generation, generate
from tests.solution_support import DECLARATION, manifest


def _generate(tmp_path: Path, files: dict[str, str]) -> tuple[Generation, Diagnostics]:
    """The specs ``files`` (by path under ``specs``; XML ones get a declaration), generated;
    its diagnostics, whatever they are."""
    folder = tmp_path / "specs"
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        head = DECLARATION if relative.endswith(".xml") else ""
        path.write_text(head + text, encoding="utf-8")
    diagnostics = Diagnostics()
    generation = generate(Config(specs=folder, out=tmp_path / "out", cache=False), diagnostics)
    return generation, diagnostics


def _table(generation: Generation, name: str) -> Table:
    found = generation.tables.get(name)
    assert isinstance(found, Table)
    return found


def _warned(diagnostics: Diagnostics, code: str) -> list[str]:
    return [d.message for d in diagnostics.items if d.code == code]


# Elastic tables. Microsoft's "Create elastic tables using code" (MicrosoftDocs/powerapps-docs,
# powerapps-docs/developer/data-platform/create-elastic-tables.md): "Currently you cannot add
# these types of columns: Money, MultiSelectPicklist, State, Status, File, Image, Calculated,
# Rollup, or Formula Columns"; "You cannot create custom alternate keys for elastic tables"
# (each has the one key KeyForNoSqlEntityWithPKPartitionId); "Dataverse currently does not
# support creating Many-to-Many relationships with elastic tables". dvgen read a solution's
# <TableType>Elastic</TableType> table with a multi-select choice, an image, a file, a custom
# key and two many-to-many relationships (the shapes the Power CAT Copilot Studio Kit and the
# CoE Starter Kit export them in) and said nothing, writing a unique index, a join table and
# companion-less file and image columns for a table Dataverse could not have made.
def _attribute(physical: str, kind: str, body: str, mask: str = "ValidForForm") -> str:
    logical = physical.lower()
    return (
        f'<attribute PhysicalName="{physical}"><Type>{kind}</Type><Name>{logical}</Name>'
        f"<LogicalName>{logical}</LogicalName><RequiredLevel>none</RequiredLevel>"
        f"<DisplayMask>{mask}</DisplayMask><IsCustomField>1</IsCustomField>{body}"
        f'<displaynames><displayname description="{physical}" languagecode="1033" />'
        "</displaynames></attribute>"
    )


READING = (
    _attribute("contoso_ReadingId", "primarykey", "")
    + _attribute(
        "contoso_Name",
        "nvarchar",
        "<Format>text</Format><MaxLength>100</MaxLength>",
        "PrimaryName|ValidForForm",
    )
    + _attribute(
        "contoso_Tags",
        "multiselectpicklist",
        "<AppDefaultValue>-1</AppDefaultValue><OptionSetName>contoso_tag</OptionSetName>",
    )
    + _attribute("contoso_Photo", "image", "<MaxValue>10240</MaxValue><IsLogical>1</IsLogical>")
    + _attribute("contoso_Log", "file", "<MaxValue>32768</MaxValue>")
    + _attribute(
        "contoso_Total",
        "decimal",
        "<SourceType>1</SourceType><FormulaDefinitionFileName>/Formulas/x.xaml"
        "</FormulaDefinitionFileName><Accuracy>2</Accuracy>",
    )
    + _attribute("contoso_Device", "nvarchar", "<Format>text</Format><MaxLength>100</MaxLength>")
)
KEY = (
    "<EntityKeys><EntityKey><Name>contoso_Device</Name><LogicalName>contoso_device</LogicalName>"
    "<EntityKeyAttributes><AttributeName>contoso_device</AttributeName></EntityKeyAttributes>"
    '<displaynames><displayname description="Device" languagecode="1033" /></displaynames>'
    "</EntityKey></EntityKeys>"
)
ELASTIC = f"""<Entity><Name LocalizedName="Reading" OriginalName="Reading">contoso_Reading</Name>
<EntityInfo><entity Name="contoso_Reading">
<LocalizedNames><LocalizedName description="Reading" languagecode="1033" /></LocalizedNames>
<attributes>{READING}</attributes>{KEY}
<EntitySetName>contoso_readings</EntitySetName><OwnershipTypeMask>UserOwned</OwnershipTypeMask>
<TableType>{{kind}}</TableType></entity></EntityInfo></Entity>"""
CHOICE = """<optionset Name="contoso_tag" localizedName="Tag">
<OptionSetType>picklist</OptionSetType><IsGlobal>1</IsGlobal>
<displaynames><displayname description="Tag" languagecode="1033" />
</displaynames><options><option value="412340000"><labels>
<label description="Hot" languagecode="1033" /></labels></option></options></optionset>"""
ROLES = (
    "<EntityRelationshipRoles><EntityRelationshipRole><NavigationPropertyName>{name}"
    "</NavigationPropertyName><AssociationRoleOrdinal>1</AssociationRoleOrdinal>"
    "</EntityRelationshipRole><EntityRelationshipRole><NavigationPropertyName>{name}"
    "</NavigationPropertyName><AssociationRoleOrdinal>2</AssociationRoleOrdinal>"
    "</EntityRelationshipRole></EntityRelationshipRoles>"
)


def _many_to_many(name: str, first: str, second: str) -> str:
    return (
        f'<EntityRelationship Name="{name}"><EntityRelationshipType>ManyToMany'
        f"</EntityRelationshipType><FirstEntityName>{first}</FirstEntityName>"
        f"<SecondEntityName>{second}</SecondEntityName><IntersectEntityName>{name}"
        f"</IntersectEntityName>{ROLES.format(name=name)}</EntityRelationship>"
    )


def _elastic_solution(kind: str) -> dict[str, str]:
    roots = (
        '<RootComponent type="1" schemaName="contoso_reading" behavior="0" />'
        '<RootComponent type="9" schemaName="contoso_tag" behavior="0" />'
    )
    related = _many_to_many("contoso_reading_related", "contoso_Reading", "contoso_Reading")
    sites = _many_to_many("contoso_reading_site", "contoso_Reading", "contoso_Site")
    return {
        "Solution/Other/Solution.xml": manifest("Readings", "contoso", 41234, roots),
        "Solution/Entities/contoso_Reading/Entity.xml": ELASTIC.format(kind=kind),
        "Solution/OptionSets/contoso_tag.xml": CHOICE,
        "Solution/Other/Relationships/contoso_Reading.xml": (
            f"<EntityRelationships>{related}{sites}</EntityRelationships>"
        ),
        "contoso_site.yaml": (
            "logical_name: contoso_site\nprimary_name_attribute: contoso_name\ncolumns:\n"
            "  - {logical_name: contoso_name, type: String, max_length: 100}\n"
        ),
    }


def test_what_dataverse_refuses_on_an_elastic_table_is_a_warning_at_each_item(
    tmp_path: Path,
) -> None:
    generation, diagnostics = _generate(tmp_path, _elastic_solution("Elastic"))
    table = _table(generation, "contoso_reading")
    assert table.table_type is TableType.ELASTIC
    warned = {d.message.split(" of elastic table")[0]: d for d in diagnostics.items}
    warned = {k: d for k, d in warned.items() if d.code == UNSUPPORTED}
    assert sorted(warned) == [
        "alternate key 'contoso_device'",
        "column 'contoso_log'",
        "column 'contoso_photo'",
        "column 'contoso_tags'",
        "column 'contoso_total'",
        "many-to-many relationship 'contoso_reading_related'",
        "many-to-many relationship 'contoso_reading_site'",
    ]
    assert "is of type MultiSelectPicklist" in warned["column 'contoso_tags'"].message
    assert "is a calculated column" in warned["column 'contoso_total'"].message
    entity = "Entities/contoso_Reading/Entity.xml"
    assert all(entity in str(d.location) for k, d in warned.items() if "relationship" not in k)
    # Written as stated: the warnings change no output (the built-in key is Dataverse's own,
    # added as it creates it with every elastic table: dvgen.elasticparts).
    assert [k.logical_name for k in table.keys] == [
        "contoso_device",
        "keyfornosqlentitywithpkpartitionid",
    ]
    assert {r.schema_name for r in table.relationships.many_to_many} == {
        "contoso_reading_related",
        "contoso_reading_site",
    }


def test_the_same_table_standard_draws_no_elastic_warning(tmp_path: Path) -> None:
    generation, diagnostics = _generate(tmp_path, _elastic_solution("Standard"))
    assert _table(generation, "contoso_reading").table_type is TableType.STANDARD
    assert _warned(diagnostics, UNSUPPORTED) == []


@pytest.mark.parametrize(
    ("column", "warned"),
    [
        ("{logical_name: app_price, type: Money}", True),
        ("{logical_name: app_price, type: Decimal, source_type_mask: 2}", True),
        ("{logical_name: app_price, type: Decimal}", False),
        ("{logical_name: app_data, type: Memo, format_name: Json}", False),
    ],
)
def test_a_yaml_elastic_table_is_held_to_the_same_rules(
    tmp_path: Path, column: str, warned: bool
) -> None:
    """The rule is the table's, whatever its format: a hand-written elastic table too. Its
    built-in key KeyForNoSqlEntityWithPKPartitionId is over its primary key (a
    Uniqueidentifier, which no maker's key may use) and partitionid, as Microsoft documents
    it: an error before, now a unique constraint sqlite3 enforces."""
    spec = (
        "logical_name: app_sensor\ntable_type: Elastic\nprimary_name_attribute: app_name\n"
        "columns:\n  - {logical_name: app_sensorid, type: Uniqueidentifier}\n"
        "  - {logical_name: app_name, type: String, max_length: 100}\n"
        f"  - {{logical_name: partitionid, type: String, max_length: 100}}\n  - {column}\n"
        "keys:\n  - logical_name: keyfornosqlentitywithpkpartitionid\n"
        "    columns: [app_sensorid, partitionid]\n"
    )
    generation, diagnostics = _generate(tmp_path, {"app_sensor.yaml": spec})
    messages = _warned(diagnostics, UNSUPPORTED)
    assert bool(messages) is warned, messages
    assert not any("keyfornosqlentitywithpkpartitionid" in m.split(":")[0] for m in messages)
    db = sqlite3.connect(":memory:")
    db.executescript(generation.files["sql/sqlite/schema.sql"])
    # Completed as Dataverse creates it (dvgen.elasticparts): user owned, its owner required.
    owner = "'0d1e0000-0000-0000-0000-00000000000a'"
    row = (
        "INSERT INTO app_sensor (app_sensorid, app_name, partitionid, ownerid)"
        f" VALUES (?, 'x', ?, {owner})"
    )
    db.execute(row, ("7f3c0f8e-0000-0000-0000-000000000001", "device-1"))
    db.execute(row, ("7f3c0f8e-0000-0000-0000-000000000001", "device-2"))  # another partition
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(row, ("7f3c0f8e-0000-0000-0000-000000000001", "device-1"))


def test_the_built_in_key_names_no_uniqueidentifier_on_other_keys(tmp_path: Path) -> None:
    spec = (
        "logical_name: app_sensor\nprimary_name_attribute: app_name\ncolumns:\n"
        "  - {logical_name: app_name, type: String, max_length: 100}\n"
        "  - {logical_name: app_ref, type: Uniqueidentifier}\n"
        "keys:\n  - {logical_name: app_ref, columns: [app_ref]}\n"
    )
    with pytest.raises(SpecError, match="is of type Uniqueidentifier"):
        _generate(tmp_path, {"app_sensor.yaml": spec})


# Calculated, rollup and formula columns. Microsoft's "Formula, calculated, and rollup columns"
# (MicrosoftDocs/powerapps-docs, developer/data-platform/calculated-rollup-attributes.md):
# "They're read-only"; account's page lists its rollup opendeals among the columns whose
# IsValidForCreate and IsValidForUpdate are false. 2024-2026 exports (the Power CAT Copilot
# Studio Kit's cat_BadExample, rollup; cat_DaysRemaining, formula; HotelSphere's hsp_ValorDiaria,
# calculated, Marcelowil/hotelsphere-powerplatform, 2026, pt-BR) state ValidForCreateApi and
# ValidForUpdateApi 0; the 2022 CityForPeople (Pilseta-cilvekiem/Participant-Management) states
# 1 on its calculated pc_Debt and its rollups pc_LastPaymentDate and pc_ParticipantFrom, and
# the CoE Starter Kit's core (2024) on 17 of its 52 (admin_NumberOfApps, rollup), which dvgen
# wrote as writable: no readOnly in JSON Schema, settable in pydantic, no Core.Computed.
def _derived(source: str) -> str:
    return _attribute(
        "pc_Debt",
        "money",
        "<ValidForUpdateApi>1</ValidForUpdateApi><ValidForReadApi>1</ValidForReadApi>"
        f"<ValidForCreateApi>1</ValidForCreateApi><SourceType>{source}</SourceType>"
        "<Accuracy>2</Accuracy><AccuracySource>2</AccuracySource>",
        "ValidForAdvancedFind|ValidForForm|ValidForGrid",
    )


@pytest.mark.parametrize(("source", "written"), [("0", True), ("1", False), ("2", False)])
def test_a_calculated_or_rollup_column_is_read_only_whatever_its_flags_say(
    tmp_path: Path, source: str, written: bool
) -> None:
    entity = (
        '<Entity><Name LocalizedName="Contact" OriginalName="Contact">Contact</Name><EntityInfo>'
        f'<entity Name="Contact"><attributes>{_derived(source)}</attributes></entity>'
        "</EntityInfo></Entity>"
    )
    roots = '<RootComponent type="1" schemaName="contact" behavior="1" />'
    generation, _ = _generate(
        tmp_path,
        {
            "Solution/Other/Solution.xml": manifest("CityForPeople", "pc", 10000, roots),
            "Solution/Entities/Contact/Entity.xml": entity,
        },
    )
    column = _table(generation, "contact").columns_by_name["pc_debt"]
    assert (column.valid_for_create, column.valid_for_update, column.valid_for_read) == (
        written,
        written,
        True,
    )
    schema = generation.files["jsonschema/contact.schema.json"]
    read_only = '"readOnly": true' in schema.split('"pc_debt"', 1)[1].split("}", 1)[0]
    assert read_only is not written
