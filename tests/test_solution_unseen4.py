"""Variations met in a sixth round of real solutions outside the corpus (extracted exports with
everything inline in customizations.xml: a CRM 2015 custom table, a 2022 leave-request app on
``systemuser``), each as a minimal solution written for the test."""

from __future__ import annotations

from pathlib import Path

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.model import Column, Table
from dvgen.pipeline import Generation, generate
from tests.solution_support import manifest

MANIFEST = manifest(
    "TimeOffRequest",
    "cra0f",
    23808,
    '<RootComponent type="1" schemaName="cra0f_leaverequest" behavior="0" />'
    '<RootComponent type="1" schemaName="systemuser" behavior="1" />',
)


def _attribute(physical: str, kind: str, body: str = "") -> str:
    logical = physical.lower()
    return (
        f'<attribute PhysicalName="{physical}"><Type>{kind}</Type><Name>{logical}</Name>'
        f"<LogicalName>{logical}</LogicalName><RequiredLevel>none</RequiredLevel>{body}"
        "</attribute>\n"
    )


def _relationship(name: str, referenced: str, column: str) -> str:
    return (
        f'<EntityRelationship Name="{name}"><EntityRelationshipType>OneToMany'
        "</EntityRelationshipType><ReferencingEntityName>cra0f_LeaveRequest"
        f"</ReferencingEntityName><ReferencedEntityName>{referenced}</ReferencedEntityName>"
        f"<ReferencingAttributeName>{column}</ReferencingAttributeName></EntityRelationship>\n"
    )


OWNER_TYPES = (
    '<LookupTypes><LookupType id="00000000-0000-0000-0000-000000000000">8</LookupType>'
    '<LookupType id="00000000-0000-0000-0000-000000000000">9</LookupType></LookupTypes>'
)
LEAVE_REQUEST = (
    '<Entity><Name>cra0f_LeaveRequest</Name><EntityInfo><entity Name="cra0f_LeaveRequest">'
    "<attributes>\n"
    + _attribute("cra0f_LeaveRequestId", "primarykey")
    + _attribute("cra0f_ID", "nvarchar", "<DisplayMask>PrimaryName</DisplayMask>")
    + _attribute("cra0f_Approver", "lookup", "<LookupTypes />")
    + _attribute("OwnerId", "owner", OWNER_TYPES)
    + "</attributes><OwnershipTypeMask>UserOwned</OwnershipTypeMask></entity></EntityInfo>"
    "</Entity>\n"
)
RELATIONSHIPS = _relationship(
    "cra0f_cra0f_leaverequest_Approver_systemuser", "SystemUser", "cra0f_Approver"
) + _relationship("owner_cra0f_leaverequest", "Owner", "OwnerId")


def _export(folder: Path, entities: str, relationships: str) -> Path:
    """An extracted export in ``folder``: solution.xml and one customizations.xml holding
    every table and relationship inline."""
    folder.mkdir(parents=True)
    (folder / "solution.xml").write_text(MANIFEST, encoding="utf-8")
    (folder / "customizations.xml").write_text(
        '<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<Entities>{entities}</Entities><EntityRelationships>{relationships}"
        "</EntityRelationships><Languages><Language>1033</Language></Languages>"
        "</ImportExportXml>\n",
        encoding="utf-8",
    )
    return folder


def _generate(tmp_path: Path) -> tuple[Generation, Diagnostics]:
    diagnostics = Diagnostics()
    config = Config(specs=tmp_path / "specs", out=tmp_path / "out", cache=False)
    return generate(config, diagnostics), diagnostics


def _column(table: object, name: str) -> Column:
    assert isinstance(table, Table)
    return next(c for c in table.columns if c.logical_name == name)


# Every user-owned table's owner relationship (owner_<table>) references "owner", Dataverse's
# abstract principal; the Owner column's own <LookupTypes> (8, 9) name its tables, as the
# reference pages' Targets do (systemuser, team). The relationship used to win: "owner".
def test_an_owner_column_targets_users_and_teams_not_the_principal(tmp_path: Path) -> None:
    _export(tmp_path / "specs" / "TimeOffRequest", LEAVE_REQUEST, RELATIONSHIPS)
    generation, diagnostics = _generate(tmp_path)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    tables = {t.logical_name: t for t in generation.tables.tables}
    table = tables["cra0f_leaverequest"]
    assert _column(table, "ownerid").targets == ("systemuser", "team")
    assert _column(table, "cra0f_approver").targets == ("systemuser",)
    assert isinstance(table, Table)
    owner = [r for r in table.relationships.many_to_one if r.referencing_attribute == "ownerid"]
    assert [r.referenced_entity for r in owner] == ["owner"]


# The same export where the owner column lists no <LookupTypes>: the tables Dataverse gives
# every Owner column.
def test_an_owner_column_without_lookup_types_gets_dataverse_s_tables(tmp_path: Path) -> None:
    bare = LEAVE_REQUEST.replace(OWNER_TYPES, "<LookupTypes />")
    _export(tmp_path / "specs" / "TimeOffRequest", bare, RELATIONSHIPS)
    generation, diagnostics = _generate(tmp_path)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    table = next(t for t in generation.tables.tables if t.logical_name == "cra0f_leaverequest")
    assert _column(table, "ownerid").targets == ("systemuser", "team")
