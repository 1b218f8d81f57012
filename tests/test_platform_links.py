"""The six relationships Dataverse's own tables have to every table a maker or a solution
creates (``dvgen.platformlinks``): a hand-written table and a solution's own get them, as the
pages of solution-made tables list them; what the author wrote wins; elastic, virtual and
data-source tables get none; the ``$metadata`` they give is held to Microsoft's ``catalog``
EntityType (``validators/webapi-v9``, a solution-made table: its collections and partners, the
table's name aside) and to the OASIS CSDL schema."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from lxml import etree

from dvgen.cli import main
from dvgen.config import Config
from dvgen.diagnostics import Diagnostics, Location
from dvgen.model import Table
from dvgen.parse.yaml_spec import parse_yaml_spec
from dvgen.pipeline import generate
from dvgen.platformlinks import PLATFORM_LINKS
from tests.conftest import VALIDATORS
from tests.solution_support import write_solution
from tests.test_odata_tools import needs_xsd, xsd_errors

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"
SUFFIXES = [plural for _, _, plural in PLATFORM_LINKS]
TRIP = """\
logical_name: app_trip
schema_name: app_Trip
display_name: Trip
entity_set_name: app_trips
primary_id_attribute: app_tripid
primary_name_attribute: app_name
columns:
  - {logical_name: app_tripid, type: Uniqueidentifier, required_level: SystemRequired}
  - {logical_name: app_name, type: String, display_name: Name, max_length: 100}
"""
CATALOG = VALIDATORS / "webapi-v9" / "catalog.yml"


def _table(text: str) -> Table:
    diagnostics = Diagnostics()
    table = parse_yaml_spec(text, Location("specs/app_trip.yaml"), diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    return table


def _platform(table: Table) -> dict[str, tuple[str | None, str | None]]:
    return {
        r.schema_name: (r.referencing_entity, r.referencing_attribute)
        for r in table.relationships.one_to_many
        if r.schema_name.split("_")[-1] in SUFFIXES
    }


def _collections(xml: bytes, table: str) -> dict[str, tuple[str, str]]:
    """The collection-valued navigation properties of ``table``'s entity type: name ->
    (type, partner)."""
    root = etree.fromstring(xml)
    found = {}
    for entity in root.iter(f"{EDM}EntityType"):
        if entity.get("Name") == table:
            for nav in entity.iter(f"{EDM}NavigationProperty"):
                kind = nav.get("Type", "")
                if kind.startswith("Collection("):
                    found[nav.get("Name", "")] = (kind, nav.get("Partner", ""))
    return found


def test_a_hand_written_table_gets_the_six_by_its_logical_name() -> None:
    table = _table(TRIP)
    assert _platform(table) == {
        "app_trip_AsyncOperations": ("asyncoperation", "regardingobjectid"),
        "app_trip_BulkDeleteFailures": ("bulkdeletefailure", "regardingobjectid"),
        "app_trip_MailboxTrackingFolders": ("mailboxtrackingfolder", "regardingobjectid"),
        "app_trip_PrincipalObjectAttributeAccesses": ("principalobjectattributeaccess", "objectid"),
        "app_trip_ProcessSession": ("processsession", "regardingobjectid"),
        "app_trip_SyncErrors": ("syncerror", "regardingobjectid"),
    }
    assert {r.loc.line for r in table.relationships.one_to_many} == {1}


def test_what_the_author_wrote_wins() -> None:
    stated = TRIP + (
        "relationships:\n"
        "  one_to_many:\n"
        "    - {schema_name: app_trip_syncerrors, referencing_entity: syncerror,\n"
        "       referencing_attribute: regardingobjectid,\n"
        "       referenced_entity_navigation_property_name: app_trip_errors}\n"
        "    - {schema_name: app_TripJobs, referencing_entity: asyncoperation,\n"
        "       referencing_attribute: regardingobjectid}\n"
    )
    names = set(_platform(_table(stated))) | {"app_TripJobs"}
    kept = {r.schema_name for r in _table(stated).relationships.one_to_many}
    assert "app_trip_SyncErrors" not in kept and "app_trip_AsyncOperations" not in kept
    assert {"app_trip_syncerrors", "app_TripJobs"} <= kept
    assert len(kept) == 6 and kept <= names | {"app_trip_syncerrors"}


@pytest.mark.parametrize("kind", ["Elastic", "Virtual"])
def test_an_elastic_or_virtual_table_gets_none(kind: str) -> None:
    table = _table(TRIP + f"table_type: {kind}\n")
    assert _platform(table) == {}


@needs_xsd
def test_the_metadata_is_microsofts_for_a_solution_made_table(tmp_path: Path) -> None:
    """Each collection, its placeholder's type and its partner, as Microsoft's ``catalog``
    EntityType has them for ``catalog``, the table's name put for ``catalog``."""
    if not CATALOG.is_file():
        pytest.skip(f"{CATALOG} is absent (../shared)")
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "app_trip.yaml").write_text(TRIP, encoding="utf-8")
    assert main(["generate", "--specs", str(specs), "--out", str(tmp_path / "out"), "-q"]) == 0
    xml = (tmp_path / "out" / "odata" / "metadata.xml").read_bytes()
    assert xsd_errors(xml) == []
    ours = _collections(xml, "app_trip")
    microsoft = yaml.safe_load(CATALOG.read_text(encoding="utf-8"))
    expected = {
        nav["name"].replace("catalog", "app_trip", 1): (
            f"Collection({nav['type'].replace('Microsoft.Dynamics.CRM.', 'mscrm.')})",
            nav["partner"].replace("catalog", "app_trip"),
        )
        for nav in microsoft["collection_valued_navigation_properties"]["property_items"]
        if nav["name"].startswith("catalog_") and nav["name"].split("_", 1)[1] in SUFFIXES
    }
    assert len(expected) == 6
    assert {name: ours.get(name) for name in expected} == expected


def _site_platform(tmp_path: Path, extra: str) -> dict[str, tuple[str | None, str | None]]:
    """The six of the shared test solution's own ``contoso_Site``, ``extra`` added to its
    ``<EntityInfo>``."""
    folder = write_solution(tmp_path / "specs" / "ContosoSites")
    entity = folder / "Entities" / "contoso_Site" / "Entity.xml"
    mask = "<OwnershipTypeMask>OrgOwned</OwnershipTypeMask>"
    entity.write_text(entity.read_text(encoding="utf-8").replace(mask, mask + extra))
    diagnostics = Diagnostics()
    config = Config(specs=tmp_path / "specs", out=tmp_path / "out", cache=False)
    generation = generate(config, diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    site = generation.tables.get("contoso_site")
    assert site is not None
    return _platform(site)


def test_a_solutions_own_table_gets_the_six(tmp_path: Path) -> None:
    assert set(_site_platform(tmp_path, "")) == {f"contoso_site_{s}" for s in SUFFIXES}


def test_a_data_source_table_gets_none(tmp_path: Path) -> None:
    """A virtual table provider's data sources (``DataProviderId`` the data-source provider's,
    as ``bguidinger/Xrm.DataProviders``'s ``bg_datasource_dynamics365``): the corpus's
    ``msdyn_odatav4ds`` lists none of the six."""
    provider = "<DataProviderId>{b2112a7e-b26c-42f7-9b63-9a809a9d716f}</DataProviderId>"
    assert _site_platform(tmp_path, provider) == {}
