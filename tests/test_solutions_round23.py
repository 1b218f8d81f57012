"""Real unpacked solutions, round 23: the navigation property names dvgen gives lookups held to
what the exports' ``<EntityRelationshipRoles>`` state, the SQL run on SQLite and PostgreSQL 15,
the ``$metadata`` checked by the OASIS XSD.

Looked at (short excerpts below, transcribed; no whole file copied): mian-HT/Dynamics365-Solution,
an ISV's custom channels for Dynamics 365 Customer Insights - Journeys: ``XgateSmsChannel``
(``XgateSmsChannel.Solution/unmanaged``, exported 2026 from a 9.2.26041 environment whose
``<MissingDependencies>`` name Microsoft's tables in Chinese: ``xgate_xgatesmschannelinstance``
and ``xgate_xgatesmschannelinstanceaccount``, each the referenced table of a relationship of
Microsoft's ``msdyn_ChannelInstance`` / ``msdyn_ChannelInstanceAccount``, which the export holds
no table of) and ``XgateWhatsAppChannel`` (``src``, a ``pac solution unpack`` folder of a
9.2.22083 export: a shell of ``msdyn_ChannelInstance`` holding only ``msdyn_extendedentityId``,
``<LookupStyle>polymorphic</LookupStyle>`` and no ``<LookupTypes>``, and
``msdyn_ChannelInstance_extendedentityid_xgate_whatsappchannelinstance``). The three
relationships' roles (single-valued ``msdyn_extendedentityid_<table>``, collection the
relationship's name) were reproduced, with the shell and without it. ethtri/RCSA_PowerPages's
``RCSA_POC_V2`` (a Power Pages risk assessment of 2025, ``cr129_``: 11 tables, account, contact,
systemuser, and ``applicationuser`` and ``contract`` as bare shells): its five relationships to
``cr129_Risk`` and contact were reproduced, with the lookups listed and without; every name the
roles state was met.

The fault: ``<LookupStyle>`` was ignored, so the polymorphic lookup, whose relationships in the
set reach one table, got a foreign key to that table. Dataverse lets it hold a row of any table
a relationship adds to it, and every channel's solution adds its own (Microsoft's
real-time-marketing-define-custom-channel-instance: "This attribute is a polymorphic lookup");
a database with that key refused a channel instance of another provider. The style is now kept
in the column's ``extra`` and such a lookup gets no foreign key, as a lookup to several tables
has none; ``single`` and ``multi`` (Customer, Owner: their Targets say it) change nothing.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest

from tests.solution_support import generate_unpacked, manifest
from tests.test_solutions_round19 import (
    _checked,
    _collection,
    _lookup,
    _one_to_many,
    _own,
    _relationships,
    _roots,
    _single,
)
from tests.test_sql_support import postgres_unavailable, shared_server

# XgateWhatsAppChannel/src/Entities/msdyn_ChannelInstance/Entity.xml (the lookup's facets that
# matter here, as the export writes them).
SHELL = """<?xml version="1.0" encoding="utf-8"?>
<Entity xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Name LocalizedName="Channel Instance"
        OriginalName="Channel Instance">msdyn_ChannelInstance</Name>
  <EntityInfo>
    <entity Name="msdyn_ChannelInstance" unmodified="1">
      <attributes>
        <attribute PhysicalName="msdyn_extendedentityId" unmodified="1">
          <Type>lookup</Type>
          <Name>msdyn_extendedentityid</Name>
          <LogicalName>msdyn_extendedentityid</LogicalName>
          <RequiredLevel>none</RequiredLevel>
          <DisplayMask>ValidForAdvancedFind|ValidForForm|ValidForGrid</DisplayMask>
          <ValidForUpdateApi>1</ValidForUpdateApi>
          <ValidForReadApi>1</ValidForReadApi>
          <ValidForCreateApi>1</ValidForCreateApi>
          <IsCustomField>1</IsCustomField>
          <LookupStyle>{style}</LookupStyle>
          <displaynames>
            <displayname description="Extended Entity Id" languagecode="1033" />
          </displaynames>
        </attribute>
      </attributes>
    </entity>
  </EntityInfo>
  <RibbonDiffXml />
</Entity>
"""

# XgateSmsChannel/.../Other/Relationships/xgate_xgatesmschannelinstance.xml and
# xgate_xgatesmschannelinstanceaccount.xml: Microsoft's pattern for a channel's extended
# configuration table (role 1 names the single-valued side, role 0 the collection).
EXTENDED = """  <EntityRelationship Name="msdyn_{base}_extendedentityid_{table}">
    <EntityRelationshipType>OneToMany</EntityRelationshipType>
    <IsCustomizable>0</IsCustomizable>
    <IntroducedVersion>1.0.0.0</IntroducedVersion>
    <IsHierarchical>0</IsHierarchical>
    <ReferencingEntityName>msdyn_{base}</ReferencingEntityName>
    <ReferencedEntityName>{table}</ReferencedEntityName>
    <CascadeAssign>NoCascade</CascadeAssign>
    <CascadeDelete>RemoveLink</CascadeDelete>
    <ReferencingAttributeName>msdyn_extendedentityId</ReferencingAttributeName>
    <EntityRelationshipRoles>
      <EntityRelationshipRole>
        <NavPaneDisplayOption>UseCollectionName</NavPaneDisplayOption>
        <NavPaneArea>Details</NavPaneArea>
        <NavPaneOrder>10000</NavPaneOrder>
        <NavigationPropertyName>msdyn_extendedentityid_{table}</NavigationPropertyName>
        <RelationshipRoleType>1</RelationshipRoleType>
      </EntityRelationshipRole>
      <EntityRelationshipRole>
        <NavigationPropertyName>msdyn_{base}_extendedentityid_{table}</NavigationPropertyName>
        <RelationshipRoleType>0</RelationshipRoleType>
      </EntityRelationshipRole>
    </EntityRelationshipRoles>
  </EntityRelationship>
"""
WHATSAPP = "xgate_whatsappchannelinstance"


def _whatsapp(style: str = "polymorphic") -> dict[str, str]:
    roots = _roots({"msdyn_channelinstance": 1, WHATSAPP: 0})
    return {
        "Other/Solution.xml": manifest("XgateWhatsAppChannel", "xgate", 10000, roots),
        "Entities/msdyn_ChannelInstance/Entity.xml": SHELL.format(style=style),
        f"Entities/{WHATSAPP}/Entity.xml": _own(WHATSAPP, "xgate"),
        f"Other/Relationships/{WHATSAPP}.xml": _relationships(
            EXTENDED.format(base="ChannelInstance", table=WHATSAPP)
        ),
    }


def _navigation(metadata: str, name: str, kind: str, partner: str) -> bool:
    return f'<NavigationProperty Name="{name}" Type="{kind}"' in metadata and (
        f'Partner="{partner}"' in metadata
    )


def _other_channel(schema: str) -> str:
    """``schema`` and a channel instance whose extended entity is another provider's table (a
    row id none of the set's tables holds)."""
    quoted = '"msdyn_channelinstance" ("msdyn_channelinstanceid", "msdyn_extendedentityid")'
    return f"{schema}\nINSERT INTO {quoted} VALUES ('{uuid.uuid4()}', '{uuid.uuid4()}');\n"


def test_a_polymorphic_lookup_of_a_shell_gets_no_foreign_key(tmp_path: Path) -> None:
    generation, diagnostics = generate_unpacked(tmp_path, "XgateWhatsAppChannel", _whatsapp())
    metadata = _checked(generation, diagnostics)
    single = f"msdyn_extendedentityid_{WHATSAPP}"
    collection = f"msdyn_ChannelInstance_extendedentityid_{WHATSAPP}"
    assert _navigation(metadata, single, f"mscrm.{WHATSAPP}", collection)
    assert _navigation(metadata, collection, "Collection(mscrm.msdyn_channelinstance)", single)
    for dialect in ("sqlite", "postgres", "sqlserver"):
        schema = generation.files[f"sql/{dialect}/schema.sql"]
        assert 'FOREIGN KEY ("msdyn_extendedentityid")' not in schema
        assert "FOREIGN KEY ([msdyn_extendedentityid])" not in schema
    assert "LookupStyle: polymorphic" in generation.files["model/msdyn_channelinstance.yaml"]
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA foreign_keys = ON")
    db.executescript(_other_channel(generation.files["sql/sqlite/schema.sql"]))
    assert db.execute("SELECT count(*) FROM msdyn_channelinstance").fetchone() == (1,)
    db.close()
    if postgres_unavailable() is None:
        import psycopg

        server = shared_server()
        dsn = server.dsn(server.create_database())
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(generation.files["sql/postgres/schema.sql"])
            connection.execute(
                'INSERT INTO "msdyn_channelinstance" ("msdyn_channelinstanceid", '
                '"msdyn_extendedentityid") VALUES (%s, %s)',
                (str(uuid.uuid4()), str(uuid.uuid4())),
            )


@pytest.mark.parametrize("style", ["single", "multi"])
def test_a_single_lookup_keeps_its_foreign_key(tmp_path: Path, style: str) -> None:
    generation, diagnostics = generate_unpacked(tmp_path, "XgateWhatsAppChannel", _whatsapp(style))
    _checked(generation, diagnostics)
    assert "LookupStyle" not in generation.files["model/msdyn_channelinstance.yaml"]
    schema = generation.files["sql/sqlite/schema.sql"]
    assert f'REFERENCES "{WHATSAPP}" ("{WHATSAPP}id")' in schema


def test_the_sms_channel_s_roles_name_both_sides(tmp_path: Path) -> None:
    """XgateSmsChannel: two extended configuration tables, Microsoft's tables outside the
    export (placeholders in ``$metadata``); each name the roles state is met."""
    pairs = (
        ("xgate_xgatesmschannelinstance", "ChannelInstance"),
        ("xgate_xgatesmschannelinstanceaccount", "ChannelInstanceAccount"),
    )
    roots = _roots({table: 0 for table, _ in pairs})
    files = {"Other/Solution.xml": manifest("XgateSmsChannel", "xgate", 10000, roots)}
    for table, base in pairs:
        files[f"Entities/{table}/Entity.xml"] = _own(table, "xgate")
        files[f"Other/Relationships/{table}.xml"] = _relationships(
            EXTENDED.format(base=base, table=table)
        )
    generation, diagnostics = generate_unpacked(tmp_path, "XgateSmsChannel", files)
    metadata = _checked(generation, diagnostics)
    for table, base in pairs:
        single = f"msdyn_extendedentityid_{table}"
        collection = f"msdyn_{base}_extendedentityid_{table}"
        assert _navigation(metadata, single, f"mscrm.{table}", collection)
        placeholder = f"Collection(mscrm.msdyn_{base.lower()})"
        assert _navigation(metadata, collection, placeholder, single)


# ethtri/RCSA_PowerPages, solution-src/RCSA_POC_V2/src (a pac folder of a 9.2.25061 export, 2025,
# version 7.0.3.1, publisher prefix cr129): Other/Relationships/cr129_Risk.xml and Contact.xml.
# The lookups' SchemaNames are in lower case but one (cr129_RIskTitle), the roles name the
# single-valued side by it and the collection by the relationship's name, case kept; four
# tables hold a lookup of one name to cr129_Risk. ApplicationUser and Contract are listed with
# behavior 1 and an Entity.xml of <Name> alone (as GDFujitsu/GD's contact, round 11).
RISK_ROLES = (
    ("cr129_assess_risktitle_cr129_risk", "cr129_Assess", "cr129_Risk", "cr129_risktitle"),
    ("cr129_issue_risktitle_cr129_risk", "cr129_Issue", "cr129_Risk", "cr129_risktitle"),
    ("cr129_kri_risktitle_cr129_risk", "cr129_KRI", "cr129_Risk", "cr129_risktitle"),
    ("cr129_riskctrl_RIskTitle_cr129_risk", "cr129_RiskCtrl", "cr129_Risk", "cr129_RIskTitle"),
    ("cr129_proc_test_contact", "cr129_Proc", "Contact", "cr129_test"),
)


@pytest.mark.parametrize("listed", [True, False], ids=["lookups listed", "relationships only"])
def test_rcsa_roles_name_lookups_of_one_name_on_four_tables(tmp_path: Path, listed: bool) -> None:
    tables = sorted({row[1] for row in RISK_ROLES} | {"cr129_Risk"})
    files = {
        "Other/Solution.xml": manifest(
            "RCSA_POC_V2", "cr129", 79806, _roots(dict.fromkeys(tables, 0))
        )
    }
    for table in tables:
        lookups = "".join(
            _lookup(attribute)
            for _, referencing, _, attribute in RISK_ROLES
            if referencing == table
        )
        files[f"Entities/{table}/Entity.xml"] = _own(table, "cr129", lookups if listed else "")
    by_table: dict[str, list[str]] = {}
    for name, referencing, referenced, attribute in RISK_ROLES:
        item = _one_to_many(name, referencing, referenced, attribute, attribute, name)
        by_table.setdefault(referenced, []).append(item)
    for referenced, items in by_table.items():
        files[f"Other/Relationships/{referenced}.xml"] = _relationships(*items)
    generation, diagnostics = generate_unpacked(tmp_path, "RCSA", files)
    metadata = _checked(generation, diagnostics)
    for name, referencing, referenced, attribute in RISK_ROLES:
        assert _single(metadata, attribute, referenced.lower(), name)
        assert _collection(metadata, name, referencing.lower(), attribute)
    postgres = generation.files["sql/postgres/schema.sql"]
    assert postgres.count('REFERENCES "cr129_risk" ("cr129_riskid")') == 4
    if postgres_unavailable() is None:
        import psycopg

        server = shared_server()
        with psycopg.connect(server.dsn(server.create_database()), autocommit=True) as db:
            db.execute(postgres)
