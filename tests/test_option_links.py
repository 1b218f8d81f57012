"""The relationships Dataverse makes from its own tables to a solution's table whose export
turns an option on (``dvgen.optionlinks``): connections (``<IsConnectionsEnabled>1``) and
duplicate detection (``<IsDuplicateCheckSupported>1``). Their names, partners and cascades are
held to Microsoft's: the ``adx_invitation`` EntityType (excerpt below) of a table whose real
export states both options, the connection and duplicate pages, and the corpus's
``environmentvariabledefinition`` EntityType (``validators/webapi-v9``)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml
from lxml import etree

from dvgen.cli import main
from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.model import (
    CascadeType,
    OneToManyRelationship,
    Relationships,
    Table,
    TableType,
)
from dvgen.optionlinks import CONNECTIONS, DUPLICATE_DETECTION, option_links
from dvgen.pipeline import generate
from tests.conftest import VALIDATORS
from tests.solution_support import write_solution
from tests.test_odata_tools import needs_xsd, xsd_errors
from tests.test_solutions_round22 import (
    LINE,
    _checked,
    _collection,
    _estimate_files,
    generate_unpacked,
)

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"
SUFFIXES = ("connections1", "connections2", "DuplicateBaseRecord", "DuplicateMatchingRecord")
MASK = "<OwnershipTypeMask>OrgOwned</OwnershipTypeMask>"
BOTH = "<IsDuplicateCheckSupported>1</IsDuplicateCheckSupported>"
BOTH += "<IsConnectionsEnabled>1</IsConnectionsEnabled>"

ADX_INVITATION = (
    ("adx_invitation_connections1", "connection", "record1id_adx_invitation"),
    ("adx_invitation_connections2", "connection", "record2id_adx_invitation"),
    ("adx_invitation_DuplicateBaseRecord", "duplicaterecord", "baserecordid_adx_invitation"),
    (
        "adx_invitation_DuplicateMatchingRecord",
        "duplicaterecord",
        "duplicaterecordid_adx_invitation",
    ),
)
"""Microsoft's adx_invitation EntityType, its collections of the two options (name, type,
partner: MicrosoftDocs/dynamics-365-customer-engagement, progref/webapireference/entitytypes/
adx_invitation.md); the hmcts__pre-rec-evidence export of adx_invitation states
``<IsDuplicateCheckSupported>1`` and ``<IsConnectionsEnabled>1``."""
DEFINITION = VALIDATORS / "webapi-v9" / "environmentvariabledefinition.yml"


def _write(tmp_path: Path, extra: str, entity: str = "contoso_Site") -> None:
    """The shared test solution in ``specs``, ``extra`` added to ``entity``'s ``<EntityInfo>``
    (after its ownership)."""
    folder = write_solution(tmp_path / "specs" / "ContosoSites")
    path = folder / "Entities" / entity / "Entity.xml"
    text = path.read_text(encoding="utf-8")
    mask = MASK if MASK in text else "<OwnershipTypeMask>UserOwned</OwnershipTypeMask>"
    path.write_text(text.replace(mask, mask + extra), encoding="utf-8")


def _generate(tmp_path: Path, extra: str, entity: str = "contoso_Site") -> dict[str, Table]:
    """The tables of the shared test solution, ``extra`` added to ``entity``'s table."""
    _write(tmp_path, extra, entity)
    diagnostics = Diagnostics()
    config = Config(specs=tmp_path / "specs", out=tmp_path / "out", cache=False)
    generation = generate(config, diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    return generation.tables.by_name


def _options(table: Table) -> dict[str, OneToManyRelationship]:
    return {
        r.schema_name: r
        for r in table.relationships.one_to_many
        if r.schema_name.split("_")[-1] in SUFFIXES
    }


def test_connections_give_the_two_connection_relationships(tmp_path: Path) -> None:
    site = _generate(tmp_path, "<IsConnectionsEnabled>1</IsConnectionsEnabled>")["contoso_site"]
    found = _options(site)
    assert {n: (r.referencing_entity, r.referencing_attribute) for n, r in found.items()} == {
        "contoso_site_connections1": ("connection", "record1id"),
        "contoso_site_connections2": ("connection", "record2id"),
    }
    first = found["contoso_site_connections1"]
    assert first.referenced_entity_navigation_property_name == "contoso_site_connections1"
    assert first.referencing_entity_navigation_property_name == "record1id_contoso_site"
    cascade = first.cascade_configuration
    assert cascade is not None and cascade.delete is CascadeType.CASCADE
    others = dataclasses.asdict(dataclasses.replace(cascade, delete=CascadeType.NO_CASCADE))
    assert set(others.values()) == {CascadeType.NO_CASCADE}


def test_duplicate_detection_gives_the_two_duplicate_relationships(tmp_path: Path) -> None:
    flag = "<IsDuplicateCheckSupported>1</IsDuplicateCheckSupported>"
    found = _options(_generate(tmp_path, flag)["contoso_site"])
    assert {n: r.referencing_entity_navigation_property_name for n, r in found.items()} == {
        "contoso_site_DuplicateBaseRecord": "baserecordid_contoso_site",
        "contoso_site_DuplicateMatchingRecord": "duplicaterecordid_contoso_site",
    }
    assert {r.referencing_entity for r in found.values()} == {"duplicaterecord"}


@pytest.mark.parametrize("text", ["0", ""])
def test_an_option_off_or_unstated_gives_none(tmp_path: Path, text: str) -> None:
    extra = f"<IsConnectionsEnabled>{text}</IsConnectionsEnabled>" if text else ""
    extra += "<IsDuplicateCheckSupported>0</IsDuplicateCheckSupported>"
    assert _options(_generate(tmp_path, extra)["contoso_site"]) == {}


def test_an_export_writing_true_turns_it_on(tmp_path: Path) -> None:
    extra = "<IsConnectionsEnabled>True</IsConnectionsEnabled>"
    assert len(_options(_generate(tmp_path, extra)["contoso_site"])) == 2


def test_a_table_the_solution_customizes_is_left_to_its_page(tmp_path: Path) -> None:
    """Microsoft names its own tables' otherwise (``Account_DuplicateBaseRecord``,
    ``account_connections1``): their pages say so, a customization adds none."""
    tables = _generate(tmp_path, BOTH, entity="Account")
    assert all(not _options(t) for t in tables.values())


def test_a_data_source_table_gets_none(tmp_path: Path) -> None:
    provider = "<DataProviderId>{b2112a7e-b26c-42f7-9b63-9a809a9d716f}</DataProviderId>"
    assert _options(_generate(tmp_path, BOTH + provider)["contoso_site"]) == {}


def _bare(kind: TableType | None = None, *stated: OneToManyRelationship) -> Table:
    return Table(
        "app_trip",
        "app_Trip",
        primary_id_attribute="app_tripid",
        table_type=kind,
        relationships=Relationships(one_to_many=stated),
    )


@pytest.mark.parametrize("kind", [TableType.ELASTIC, TableType.VIRTUAL])
def test_an_elastic_or_virtual_table_gets_none(kind: TableType) -> None:
    assert _options(option_links(_bare(kind), [CONNECTIONS, DUPLICATE_DETECTION])) == {}


def test_what_the_export_states_wins() -> None:
    """A relationship of that name (any case), or of that lookup under another name, is kept
    and none is added beside it."""
    named = OneToManyRelationship(
        "app_trip_Connections1", referencing_entity="connection", referencing_attribute="x"
    )
    other = OneToManyRelationship(
        "app_TripMatches",
        referencing_entity="duplicaterecord",
        referencing_attribute="duplicaterecordid",
    )
    table = option_links(_bare(None, named, other), [CONNECTIONS, DUPLICATE_DETECTION])
    names = [r.schema_name for r in table.relationships.one_to_many]
    assert names == [
        "app_trip_Connections1",
        "app_TripMatches",
        "app_trip_connections2",
        "app_trip_DuplicateBaseRecord",
    ]


def test_an_unknown_option_adds_nothing() -> None:
    table = _bare()
    assert option_links(table, ["IsMailMergeEnabled"]) is table


def _collections(xml: bytes, table: str) -> dict[str, tuple[str, str]]:
    root = etree.fromstring(xml)
    return {
        nav.get("Name", ""): (nav.get("Type", ""), nav.get("Partner", ""))
        for entity in root.iter(f"{EDM}EntityType")
        if entity.get("Name") == table
        for nav in entity.iter(f"{EDM}NavigationProperty")
        if nav.get("Type", "").startswith("Collection(")
    }


def _microsoft(table: str) -> dict[str, tuple[str, str]]:
    """``ADX_INVITATION``, ``adx_invitation`` put as ``table``."""
    return {
        name.replace("adx_invitation", table): (
            f"Collection(mscrm.{kind})",
            partner.replace("adx_invitation", table),
        )
        for name, kind, partner in ADX_INVITATION
    }


@needs_xsd
def test_the_metadata_is_microsofts(tmp_path: Path) -> None:
    """The four collections, their placeholders' types and partners, as Microsoft's
    ``adx_invitation`` EntityType has them; the duplicates also as the corpus's
    ``environmentvariabledefinition`` has them; the document valid against OASIS's schema."""
    _write(tmp_path, BOTH)
    out = tmp_path / "out"
    assert main(["generate", "--specs", str(tmp_path / "specs"), "--out", str(out), "-q"]) == 0
    xml = (tmp_path / "out" / "odata" / "metadata.xml").read_bytes()
    assert xsd_errors(xml) == []
    ours = _collections(xml, "contoso_site")
    expected = _microsoft("contoso_site")
    assert len(expected) == 4
    assert {name: ours.get(name) for name in expected} == expected
    placeholders = {
        e.get("Name") for e in etree.fromstring(xml).iter(f"{EDM}EntityType") if e.get("Name")
    }
    assert {"connection", "duplicaterecord"} <= placeholders
    if DEFINITION.is_file():
        navs = yaml.safe_load(DEFINITION.read_text(encoding="utf-8"))
        items = navs["collection_valued_navigation_properties"]["property_items"]
        old = "environmentvariabledefinition"
        duplicates = {
            n["name"].replace(old, "contoso_site"): n["partner"].replace(old, "contoso_site")
            for n in items
            if "Duplicate" in n["name"]
        }
        assert len(duplicates) == 2
        assert duplicates == {name: ours[name][1] for name in duplicates}


def test_a_shell_of_a_solution_made_table_gets_its_options_relationships(
    tmp_path: Path,
) -> None:
    """A table built from a prefixed shell (no page in the set) that states both options gets
    their four relationships, as it gets the platform's six: Microsoft's ``adx_invitation``,
    whose export states both, has them (``ADX_INVITATION``); here Project Operations'
    ``msdyn_estimateline`` shell of tests/test_solutions_round22."""
    files = _estimate_files()
    entity = f"Entities/{LINE}/Entity.xml"
    notes = "<HasRelatedNotes>True</HasRelatedNotes>"
    assert notes in files[entity]
    files[entity] = files[entity].replace(notes, notes + BOTH)
    generation, diagnostics = generate_unpacked(tmp_path, "EstimateImport", files)
    metadata = _checked(generation, diagnostics)
    for suffix, referencing, lookup in (
        ("connections1", "connection", "record1id"),
        ("connections2", "connection", "record2id"),
        ("DuplicateBaseRecord", "duplicaterecord", "baserecordid"),
        ("DuplicateMatchingRecord", "duplicaterecord", "duplicaterecordid"),
    ):
        name = f"{LINE}_{suffix}"
        assert _collection(metadata, name, referencing, f"{lookup}_{LINE}"), name
    cascade = generation.tables.by_name[LINE].relationships.one_to_many
    found = {r.schema_name: r.cascade_configuration for r in cascade}
    assert found[f"{LINE}_connections1"] is not None
    assert found[f"{LINE}_connections1"].delete is CascadeType.CASCADE


def test_a_shell_stating_no_option_gets_none_of_their_relationships(tmp_path: Path) -> None:
    generation, diagnostics = generate_unpacked(tmp_path, "EstimateImport", _estimate_files())
    metadata = _checked(generation, diagnostics)
    assert f"{LINE}_connections1" not in metadata
    assert f"{LINE}_DuplicateBaseRecord" not in metadata
