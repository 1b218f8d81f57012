"""Real unpacked solutions, round 25: the relationships Dataverse makes to a table a solution
enables for service level agreements, held to Microsoft's pages; the SQL run on SQLite and
PostgreSQL 15, the ``$metadata`` checked by the OASIS XSD.

Looked at (short excerpts below, transcribed; no whole file copied):
GDFujitsu/GD (SolutionPackager layout, exported 2019 from a 9.1 environment, publisher prefixes
``new`` and ``fjs``): five tables of its own and customizations of ``account``, ``contact``,
``incident`` and ``connection``. Its ``new_Notifiableevent`` states ``<IsSLAEnabled>1``,
``<IsKnowledgeManagementEnabled>1``, ``<IsConnectionsEnabled>1``,
``<IsDuplicateCheckSupported>1``, ``<IsActivityParty>1`` and holds ``SLAId`` and
``SLAInvokedId`` (LookupTypes ``9750``, the SLA's object type code); its
``Other/Relationships.xml`` lists ``manualsla_new_notifiableevent`` and
``sla_new_notifiableevent`` (Dataverse's names for the two lookups' relationships) and no
``new_notifiableevent_SLAKPIInstances``. The roles of its ``Account.xml`` and ``Contact.xml``
(``new_Organisation`` / ``new_account_new_notifiableevent_Organisation``,
``new_SchemeIndividual`` / ``new_contact_new_notifiableevent_SchemeIndividual`` and
``new_contact_new_scheme_SchemeIndividual``...) are what dvgen gives; its choice
``new_eventtype`` (AppDefaultValue -1) has no SQL ``DEFAULT``, as it should. The roleless SLA
relationships name their lookups ``slaid`` and ``slainvokedid``, as Microsoft's page of the
solution-made, SLA-enabled ``msdyn_aiagentstatus`` does (the platform's ``account`` has
``sla_account_sla``). Also looked at: JurgenPostelmans/IssueTracking (``u2u_Course``, 2025,
``<IsDuplicateCheckSupported>1``, a non-customizable column, no lookups): no fault.

The fault: a table enabled for SLAs lacked ``<table>_SLAKPIInstances``, the relationship from
``slakpiinstance.regarding`` Dataverse makes with the option, which Microsoft's pages of
SLA-enabled solution-made tables list (powerapps-docs, reference/entities:
``mspcat_certificationrequest_SLAKPIInstances``, partner
``regarding_mspcat_certificationrequest``, Assign, Delete, Reparent, Share and Unshare
Cascade, the rest NoCascade; Field Service's ``msdyn_workorder_SLAKPIInstances`` alike;
``msdyn_aiagentstatus_SLAKPIInstances``) and no export states. ``dvgen.optionlinks`` now adds
it for ``<IsSLAEnabled>1`` as it adds connections and duplicate detection.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

from tests.solution_support import attribute_xml, generate_unpacked, manifest
from tests.test_solutions_round19 import (
    LOOKUP,
    _checked,
    _collection,
    _entity,
    _one_to_many,
    _relationships,
    _roots,
    _single,
)
from tests.test_sql_support import postgres_unavailable, shared_server

EVENT = "new_Notifiableevent"
TABLE = EVENT.lower()
SLA_LOOKUP = (
    "<LookupStyle>single</LookupStyle><LookupTypes>"
    '<LookupType id="00000000-0000-0000-0000-000000000000">9750</LookupType></LookupTypes>'
)

# Entities/new_Notifiableevent/Entity.xml: the table's options as the 2019 export states them.
OPTIONS = """
      <IsDuplicateCheckSupported>1</IsDuplicateCheckSupported>
      <IsConnectionsEnabled>1</IsConnectionsEnabled>
      <IsKnowledgeManagementEnabled>1</IsKnowledgeManagementEnabled>
      <IsSLAEnabled>{sla}</IsSLAEnabled>
      <EntityMask>ActivityPointer</EntityMask>
      <IsActivityParty>1</IsActivityParty>
      <HasRelatedNotes>True</HasRelatedNotes>"""

# A hand-written spec of Microsoft's ``sla`` (its key and name), for the lookups to reach.
SLA_SPEC = """logical_name: sla
schema_name: SLA
display_name: SLA
entity_set_name: slas
primary_id_attribute: slaid
primary_name_attribute: name
ownership_type: UserOwned
columns:
  - {logical_name: slaid, schema_name: SLAId, type: Uniqueidentifier}
  - {logical_name: name, schema_name: Name, type: String, display_name: Name, max_length: 160}
"""


def _sla_relationship(name: str, attribute: str) -> str:
    """A relationship of Other/Relationships/SLA.xml as a 9.x export writes Dataverse's own:
    no roles."""
    return f"""  <EntityRelationship Name="{name}">
    <EntityRelationshipType>OneToMany</EntityRelationshipType>
    <IsCustomizable>1</IsCustomizable>
    <IntroducedVersion>1.0</IntroducedVersion>
    <IsHierarchical>0</IsHierarchical>
    <ReferencingEntityName>{EVENT}</ReferencingEntityName>
    <ReferencedEntityName>SLA</ReferencedEntityName>
    <CascadeAssign>NoCascade</CascadeAssign>
    <CascadeDelete>RemoveLink</CascadeDelete>
    <CascadeReparent>NoCascade</CascadeReparent>
    <CascadeShare>NoCascade</CascadeShare>
    <CascadeUnshare>NoCascade</CascadeUnshare>
    <ReferencingAttributeName>{attribute}</ReferencingAttributeName>
  </EntityRelationship>
"""


def _gd(sla: int = 1) -> dict[str, str]:
    attributes = (
        attribute_xml(f"{EVENT}Id", "primarykey", custom=0)
        + attribute_xml(
            "new_name",
            "nvarchar",
            "<DisplayMask>PrimaryName|ValidForAdvancedFind</DisplayMask><Format>text</Format>"
            "<MaxLength>100</MaxLength>",
        )
        + attribute_xml("new_Organisation", "lookup", LOOKUP)
        + attribute_xml("SLAId", "lookup", SLA_LOOKUP, custom=0)
        + attribute_xml("SLAInvokedId", "lookup", SLA_LOOKUP, custom=0)
    )
    organisation = _one_to_many(
        "new_account_new_notifiableevent_Organisation",
        EVENT,
        "Account",
        "new_Organisation",
        "new_Organisation",
        "new_account_new_notifiableevent_Organisation",
    )
    account = _entity("Account", attribute_xml("AccountId", "primarykey", custom=0))
    return {
        "Other/Solution.xml": manifest("GD", "new", 100000000, _roots({EVENT: 0, "Account": 0})),
        f"Entities/{EVENT}/Entity.xml": _entity(EVENT, attributes, OPTIONS.format(sla=sla)),
        "Entities/Account/Entity.xml": account,
        "Other/Relationships/Account.xml": _relationships(organisation),
        "Other/Relationships/SLA.xml": _relationships(
            _sla_relationship(f"manualsla_{TABLE}", "SLAId"),
            _sla_relationship(f"sla_{TABLE}", "SLAInvokedId"),
        ),
    }


def _generated(tmp_path: Path, sla: int = 1) -> tuple[str, dict[str, str]]:
    (tmp_path / "specs").mkdir(parents=True, exist_ok=True)
    (tmp_path / "specs" / "sla.yaml").write_text(SLA_SPEC, encoding="utf-8")
    generation, diagnostics = generate_unpacked(tmp_path, "GD", _gd(sla))
    return _checked(generation, diagnostics), generation.files


def test_an_sla_enabled_table_has_its_kpi_instances(tmp_path: Path) -> None:
    metadata, files = _generated(tmp_path)
    kpis = f"{TABLE}_SLAKPIInstances"
    assert _collection(metadata, kpis, "slakpiinstance", f"regarding_{TABLE}")
    assert _single(metadata, f"regarding_{TABLE}", TABLE, kpis)
    model = files[f"model/{TABLE}.yaml"]
    block = model[model.index(f"schema_name: {kpis}") :]
    block = block[: block.index("unshare:") + len("unshare: Cascade\n")]
    assert "referencing_entity: slakpiinstance" in block
    assert "referencing_attribute: regarding" in block
    for action, cascade in (
        ("archive", "NoCascade"),
        ("assign", "Cascade"),
        ("delete", "Cascade"),
        ("merge", "NoCascade"),
        ("reparent", "Cascade"),
        ("rollup_view", "NoCascade"),
        ("share", "Cascade"),
        ("unshare", "Cascade"),
    ):
        assert f"{action}: {cascade}\n" in block, action
    # the options' other relationships and the export's own, as Dataverse names them
    assert _collection(metadata, f"{TABLE}_connections1", "connection", f"record1id_{TABLE}")
    assert _collection(
        metadata, f"{TABLE}_DuplicateBaseRecord", "duplicaterecord", f"baserecordid_{TABLE}"
    )
    assert _single(metadata, "slaid", "sla", f"manualsla_{TABLE}")
    assert _single(metadata, "slainvokedid", "sla", f"sla_{TABLE}")
    assert _single(
        metadata, "new_Organisation", "account", "new_account_new_notifiableevent_Organisation"
    )


def test_a_table_not_enabled_for_slas_has_none(tmp_path: Path) -> None:
    metadata, _ = _generated(tmp_path, sla=0)
    assert "SLAKPIInstances" not in metadata
    assert _single(metadata, "slaid", "sla", f"manualsla_{TABLE}")


def test_the_sla_keys_hold_on_sqlite_and_postgres(tmp_path: Path) -> None:
    _, files = _generated(tmp_path)
    sqlite_schema = files["sql/sqlite/schema.sql"]
    postgres = files["sql/postgres/schema.sql"]
    assert 'REFERENCES "sla" ("slaid")' in postgres
    sla = str(uuid.uuid4())
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA foreign_keys = ON")
    db.executescript(sqlite_schema)
    db.execute("INSERT INTO sla (slaid) VALUES (?)", (sla,))
    db.execute(
        f"INSERT INTO {TABLE} ({TABLE}id, new_name, slaid, slainvokedid) VALUES (?, 'e', ?, ?)",
        (str(uuid.uuid4()), sla, sla),
    )
    db.commit()
    db.close()
    if postgres_unavailable() is None:
        import psycopg

        server = shared_server()
        with psycopg.connect(server.dsn(server.create_database()), autocommit=True) as connection:
            connection.execute(postgres)
            connection.execute('INSERT INTO "sla" ("slaid") VALUES (%s)', (sla,))
            connection.execute(
                f'INSERT INTO "{TABLE}" ("{TABLE}id", "new_name", "slaid") VALUES (%s, %s, %s)',
                (str(uuid.uuid4()), "e", sla),
            )
