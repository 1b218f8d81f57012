"""Review 15: the changes merged after review 14 held to Microsoft's EntityTypes and the real
tools, where the round's own tests left them untried.

- ``dvgen.platformlinks`` on a custom activity: its six collections are partnered
  ``regardingobjectid_<activity>`` and ``objectid_<activity>`` (not named apart as the lookups it
  inherits from ``activitypointer`` are, round 21 of solutions), as Microsoft's
  ``msfp_surveyresponse`` EntityType (MicrosoftDocs/dynamics365-docs-odata-apis,
  ``WebAPI-reference/dynamics-ce-odata-9/entitytypes/msfp_surveyresponse.yml``, excerpt below)
  lists them; with the referencing tables' pages in the set (``asyncoperation``) as without.
- ``dvgen diff`` and the gate over a model made before the round: the six are
  ``relationship-added``, safe, and nothing else changes.
- the intersect tables: Microsoft's ``accountleads`` (``validators/webapi-v9``) has four of
  the six, the solution-made ``bot_botcomponent`` none; the module's docstring said no intersect
  has any (docstring corrected; dvgen completes no intersect, so no output changes).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from lxml import etree

from dvgen.cli import main
from dvgen.evolve.diff import diff_sets
from dvgen.model import TableSet
from dvgen.platformlinks import PLATFORM_LINKS
from tests.conftest import SHARED, VALIDATORS, needs_shared
from tests.pages import resolved
from tests.test_odata_tools import needs_xsd, xsd_errors

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"
SMS = """\
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
"""
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
# Microsoft's msfp_surveyresponse EntityType, its One-to-Many table (name: partner), the six.
SURVEY_RESPONSE = {
    "msfp_surveyresponse_SyncErrors": "regardingobjectid_msfp_surveyresponse",
    "msfp_surveyresponse_AsyncOperations": "regardingobjectid_msfp_surveyresponse",
    "msfp_surveyresponse_MailboxTrackingFolders": "regardingobjectid_msfp_surveyresponse",
    "msfp_surveyresponse_ProcessSession": "regardingobjectid_msfp_surveyresponse",
    "msfp_surveyresponse_BulkDeleteFailures": "regardingobjectid_msfp_surveyresponse",
    "msfp_surveyresponse_PrincipalObjectAttributeAccesses": "objectid_msfp_surveyresponse",
}
SUFFIXES = {plural for _, _, plural in PLATFORM_LINKS}


def _generate(tmp_path: Path, *pages: Path, **specs: str) -> bytes:
    folder = tmp_path / "specs"
    folder.mkdir()
    for name, text in specs.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    for page in pages:
        (folder / page.name).write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    argv = ["generate", "-q", "--no-cache", "--specs", str(folder), "--out", str(tmp_path / "o")]
    assert main(argv) == 0
    return (tmp_path / "o/odata/metadata.xml").read_bytes()


def _navs(xml: bytes) -> dict[tuple[str, str], str]:
    """(entity type, navigation property) -> partner."""
    root = etree.fromstring(xml)
    return {
        (entity.get("Name", ""), nav.get("Name", "")): nav.get("Partner", "")
        for entity in root.iter(f"{EDM}EntityType")
        for nav in entity.iter(f"{EDM}NavigationProperty")
    }


def _expected(activity: str) -> dict[str, str]:
    return {
        name.replace("msfp_surveyresponse", activity): partner.replace(
            "msfp_surveyresponse", activity
        )
        for name, partner in SURVEY_RESPONSE.items()
    }


@needs_xsd
def test_a_custom_activitys_six_are_partnered_as_microsofts_survey_response(
    tmp_path: Path,
) -> None:
    xml = _generate(tmp_path, new_sms=SMS)
    assert not xsd_errors(xml)
    navs = _navs(xml)
    found = {
        name: partner
        for (entity, name), partner in navs.items()
        if entity == "new_sms" and name.split("_")[-1] in SUFFIXES
    }
    assert found == _expected("new_sms")


@needs_shared
def test_with_the_referencing_tables_page_the_partner_is_the_same(tmp_path: Path) -> None:
    """``asyncoperation``'s page in the set: its own ``regardingobjectid_new_sms`` partners
    ``new_sms_AsyncOperations`` (Microsoft's asyncoperation EntityType:
    ``regardingobjectid_msfp_surveyresponse``, not the activity's inherited style)."""
    xml = _generate(tmp_path, SHARED / "corpus/asyncoperation.md", new_sms=SMS, app_trip=TRIP)
    navs = _navs(xml)
    assert navs["asyncoperation", "regardingobjectid_new_sms"] == "new_sms_AsyncOperations"
    assert navs["asyncoperation", "regardingobjectid_app_trip"] == "app_trip_AsyncOperations"
    assert navs["new_sms", "new_sms_AsyncOperations"] == "regardingobjectid_new_sms"
    assert not [
        name for (entity, name) in navs if entity == "asyncoperation" and "_new_sms_" in name
    ]


def test_the_gate_over_a_model_made_before_the_round_sees_six_safe_additions() -> None:
    new, warnings = resolved(("app_trip.yaml", TRIP))
    assert not warnings
    [trip] = new.tables
    kept = tuple(
        r for r in trip.relationships.one_to_many if r.schema_name.split("_")[-1] not in SUFFIXES
    )
    old_trip = dataclasses.replace(
        trip, relationships=dataclasses.replace(trip.relationships, one_to_many=kept)
    )
    changes = diff_sets(TableSet((old_trip,)), new)
    assert {(c.where, c.rule, c.breaking) for c in changes} == {
        (f"app_trip.relationships.one_to_many.app_trip_{plural}", "relationship-added", False)
        for plural in SUFFIXES
    }


@needs_shared
def test_microsofts_intersects_are_no_rule_for_the_six() -> None:
    """What the corrected docstring says: ``accountleads`` four, ``bot_botcomponent`` none."""
    text = (VALIDATORS / "webapi-v9/accountleads.yml").read_text(encoding="utf-8")
    bot = (VALIDATORS / "webapi-v9/bot_botcomponent.yml").read_text(encoding="utf-8")
    has = {p for p in SUFFIXES if f"name: accountleads_{p}\n" in text}
    assert has == {
        "AsyncOperations",
        "BulkDeleteFailures",
        "MailboxTrackingFolders",
        "PrincipalObjectAttributeAccesses",
    }
    assert not [p for p in SUFFIXES if f"_{p}\n" in bot]
