"""The breaking-change gate on real solution history: unpacked solutions whose repositories
hold several commits of the same export, generated from the older one, committed, and checked
against the newer one (short excerpts of the real files, inline).

- Pilseta-cilvekiem/Participant-Management (``Customizations/``): the global choice
  ``OptionSets/pc_emailcategory.xml``, used by the column ``pc_category`` the solution adds to
  Microsoft's ``email``, has two options at commit ab5f12f and three at 9a8ec73 (``Member
  Welcome Email``, 947970002, added). The option is written in the OptionSets file: the
  ``Entity.xml`` of ``email`` only names the choice (``<OptionSetName>``), and is the same at
  both commits. The gate pointed at that column's line, where nothing changed."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from dvgen.evolve.diff import diff_sets
from dvgen.evolve.load import load_model
from dvgen.evolve.migrate import migration_script
from dvgen.model import OneToManyRelationship, Relationships, Table, TableSet
from tests.conftest import run
from tests.solution_support import HEAD, manifest
from tests.test_evolve_migrate import (
    parsed_tsql,
    pg_catalog,
    pg_schema,
    sqlite_catalog,
    sqlite_db,
)
from tests.test_sql_postgres import postgres  # noqa: F401 (the fixture)
from tests.test_sql_support import PostgresServer, render

ROOTS = """
      <RootComponent type="1" schemaName="email" behavior="1" />
      <RootComponent type="9" schemaName="pc_emailcategory" behavior="0" />"""

EMAIL = """<Entity xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Name LocalizedName="Email" OriginalName="">Email</Name>
  <EntityInfo>
    <entity Name="Email">
      <attributes>
        <attribute PhysicalName="pc_Category">
          <Type>picklist</Type>
          <Name>pc_category</Name>
          <LogicalName>pc_category</LogicalName>
          <RequiredLevel>none</RequiredLevel>
          <ValidForUpdateApi>1</ValidForUpdateApi>
          <ValidForReadApi>1</ValidForReadApi>
          <ValidForCreateApi>1</ValidForCreateApi>
          <IsCustomField>1</IsCustomField>
          <AppDefaultValue>-1</AppDefaultValue>
          <OptionSetName>pc_emailcategory</OptionSetName>
          <displaynames>
            <displayname description="Category" languagecode="1033" />
            <displayname description="Kategorija" languagecode="1062" />
          </displaynames>
        </attribute>
      </attributes>
      <EntitySetName>emails</EntitySetName>
    </entity>
  </EntityInfo>
</Entity>
"""

CATEGORY_AB5F12F = """<optionset
  Name="pc_emailcategory"
  localizedName="Email Category" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <OptionSetType>picklist</OptionSetType>
  <IsGlobal>1</IsGlobal>
  <IntroducedVersion>1.0.0.0</IntroducedVersion>
  <IsCustomizable>1</IsCustomizable>
  <displaynames>
    <displayname
      description="Email Category"
      languagecode="1033" />
  </displaynames>
  <options>
    <option
      value="947970000">
      <labels>
        <label
          description="Debt Reminder"
          languagecode="1033" />
        <label
          description="Atgādinājums par parādu"
          languagecode="1062" />
      </labels>
    </option>
    <option
      value="947970001">
      <labels>
        <label
          description="Supporter Welcome Email"
          languagecode="1033" />
      </labels>
    </option>
  </options>
</optionset>
"""

CATEGORY_9A8EC73 = """<optionset Name="pc_emailcategory" localizedName="Email Category" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <OptionSetType>picklist</OptionSetType>
  <IsGlobal>1</IsGlobal>
  <IntroducedVersion>1.0.0.0</IntroducedVersion>
  <IsCustomizable>1</IsCustomizable>
  <displaynames>
    <displayname description="Email Category" languagecode="1033" />
  </displaynames>
  <options>
    <option value="947970000">
      <labels>
        <label description="Debt Reminder" languagecode="1033" />
        <label description="Atgādinājums par parādu" languagecode="1062" />
      </labels>
    </option>
    <option value="947970001">
      <labels>
        <label description="Supporter Welcome Email" languagecode="1033" />
      </labels>
    </option>
    <option value="947970002">
      <labels>
        <label description="Member Welcome Email" languagecode="1033" />
      </labels>
    </option>
  </options>
</optionset>
"""
CATEGORY_FILE = "specs/CityForPeople/OptionSets/pc_emailcategory.xml"
ADDED = 'value="947970002"'
RELABELLED = 'value="947970000"'


def _write(category: str) -> None:
    files = {
        "Other/Solution.xml": manifest("CityForPeople", "pc", 94797, ROOTS),
        "Entities/Email/Entity.xml": EMAIL,
        "OptionSets/pc_emailcategory.xml": category,
    }
    for relative, text in files.items():
        path = Path("specs/CityForPeople") / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(HEAD + text, encoding="utf-8")


def _line(text: str, needle: str) -> int:
    """The 1-based line of ``needle`` in a file written with ``HEAD`` (one line) before it."""
    return 1 + next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def _gate(capsys: pytest.CaptureFixture[str], old: str, new: str) -> tuple[int, str, Any]:
    _write(old)
    assert run(capsys, "generate", "--specs", "specs", "--out", "old", "--no-cache", "-q")[0] == 0
    _write(new)
    argv = ("--specs", "specs", "--out", "new", "--no-cache")
    assert run(capsys, "generate", *argv, "-q")[0] == 0
    code, out, _ = run(capsys, "check", "--breaking-against", "old/model", *argv)
    diff = run(capsys, "diff", "--against", "old/model", *argv[:2], "--format", "json")[1]
    return code, out, json.loads(diff)


def test_an_option_added_to_a_global_choice_is_read_at_its_line_in_optionsets(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The gate and the diff name the option's line in OptionSets/pc_emailcategory.xml, not
    the line of the column that names the choice (Entity.xml, unchanged)."""
    code, out, diff = _gate(capsys, CATEGORY_AB5F12F, CATEGORY_9A8EC73)
    where = f"{CATEGORY_FILE}:{_line(CATEGORY_9A8EC73, ADDED)}"
    assert code == 1
    assert f"{where}: option-added-closed: email.columns.pc_category.choices.947970002" in out
    [change] = diff["changes"]
    assert (change["rule"], change["loc"]) == ("option-added-closed", where)


def test_an_option_of_a_global_choice_relabelled_is_read_at_its_line(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A label changed in the OptionSets file: its option's line there."""
    relabelled = CATEGORY_9A8EC73.replace("Debt Reminder", "Payment Reminder")
    code, out, diff = _gate(capsys, CATEGORY_9A8EC73, relabelled)
    where = f"{CATEGORY_FILE}:{_line(relabelled, RELABELLED)}"
    assert code == 1
    assert f"{where}: option-label-changed: email.columns.pc_category.choices.947970000" in out
    [change] = diff["changes"]
    assert change["loc"] == where


# --- tc-ca/Mail-App: a date of ma_IncomingMail given another behaviour ------------------------
#
# ma_Pickupdate and ma_Dateitemreceived are UserLocal (<Behavior>1</Behavior>, with
# <CanChangeDateTimeBehavior>1): Dataverse lets a maker make them TimeZoneIndependent (3) or
# DateOnly (2). The values stored before stay UTC ("existing values remain in UTC" until
# ConvertDateAndTimeBehavior converts them), so the migrated database must read each one at UTC.
# PostgreSQL's plain cast of a timestamp with time zone reads it at the session's time zone.

INCOMING_MAIL = """<Entity xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Name LocalizedName="Incoming Mail" OriginalName="Incoming Mail">ma_IncomingMail</Name>
  <EntityInfo>
    <entity Name="ma_IncomingMail">
      <attributes>
        <attribute PhysicalName="ma_IncomingMailId">
          <Type>primarykey</Type>
          <Name>ma_incomingmailid</Name>
          <LogicalName>ma_incomingmailid</LogicalName>
          <RequiredLevel>systemrequired</RequiredLevel>
          <DisplayMask>ValidForAdvancedFind|RequiredForGrid</DisplayMask>
          <IsCustomField>0</IsCustomField>
        </attribute>
        <attribute PhysicalName="ma_IncomingMailRequestNumber">
          <Type>nvarchar</Type>
          <Name>ma_incomingmailrequestnumber</Name>
          <LogicalName>ma_incomingmailrequestnumber</LogicalName>
          <RequiredLevel>none</RequiredLevel>
          <DisplayMask>PrimaryName|ReadOnlyInUI|ValidForForm|ValidForGrid|RequiredForForm</DisplayMask>
          <IsCustomField>1</IsCustomField>
          <AutoNumberFormat>I-{DATETIMEUTC:yyyy-MM-dd}-{SEQNUM:4}</AutoNumberFormat>
          <Format>text</Format>
          <MaxLength>100</MaxLength>
        </attribute>
        <attribute PhysicalName="ma_Pickupdate">
          <Type>datetime</Type>
          <Name>ma_pickupdate</Name>
          <LogicalName>ma_pickupdate</LogicalName>
          <RequiredLevel>none</RequiredLevel>
          <DisplayMask>ValidForForm|ValidForGrid</DisplayMask>
          <IsCustomField>1</IsCustomField>
          <Format>datetime</Format>
          <CanChangeDateTimeBehavior>1</CanChangeDateTimeBehavior>
          <Behavior>1</Behavior>
        </attribute>
        <attribute PhysicalName="ma_Dateitemreceived">
          <Type>datetime</Type>
          <Name>ma_dateitemreceived</Name>
          <LogicalName>ma_dateitemreceived</LogicalName>
          <RequiredLevel>none</RequiredLevel>
          <DisplayMask>ValidForForm|ValidForGrid</DisplayMask>
          <IsCustomField>1</IsCustomField>
          <Format>date</Format>
          <CanChangeDateTimeBehavior>1</CanChangeDateTimeBehavior>
          <Behavior>1</Behavior>
        </attribute>
      </attributes>
      <EntitySetName>ma_incomingmails</EntitySetName>
      <OwnershipTypeMask>OrgOwned</OwnershipTypeMask>
    </entity>
  </EntityInfo>
</Entity>
"""
MAIL_ROOTS = '\n      <RootComponent type="1" schemaName="ma_incomingmail" behavior="0" />'
AS_STORED = "2026-01-15T23:30:00Z"
"""A UserLocal value as Dataverse stores it: UTC (01:30 on the 16th in Riga)."""


def _mail_model(out: str, entity: str, capsys: pytest.CaptureFixture[str]) -> TableSet:
    files = {
        "Other/Solution.xml": manifest("MailApp", "ma", 95381, MAIL_ROOTS),
        "Entities/ma_IncomingMail/Entity.xml": entity,
    }
    for relative, text in files.items():
        path = Path(out, "specs/MailApp", relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(HEAD + text, encoding="utf-8")
    argv = ("--specs", f"{out}/specs", "--out", out, "--no-cache", "-q")
    assert run(capsys, "generate", *argv)[0] == 0
    return load_model(f"{out}/model", Path(out))


def _behaviours(capsys: pytest.CaptureFixture[str]) -> tuple[TableSet, TableSet]:
    """ma_pickupdate made TimeZoneIndependent, ma_dateitemreceived DateOnly."""
    stated = "<CanChangeDateTimeBehavior>1</CanChangeDateTimeBehavior>\n          <Behavior>"
    pickup, received = (f"<Format>{f}</Format>\n          {stated}" for f in ("datetime", "date"))
    changed = INCOMING_MAIL.replace(f"{pickup}1", f"{pickup}3").replace(
        f"{received}1", f"{received}2"
    )
    assert changed.count("<Behavior>1</Behavior>") == 0
    return _mail_model("old", INCOMING_MAIL, capsys), _mail_model("new", changed, capsys)


def test_the_gate_breaks_on_date_only_and_lets_time_zone_independent_through(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = _behaviours(capsys)
    rules = {(c.path[-2], c.rule) for c in diff_sets(old, new)}
    assert rules == {
        ("ma_pickupdate", "facet-changed"),
        ("ma_dateitemreceived", "date-only-changed"),
    }


def test_on_postgres_a_new_behaviour_keeps_the_utc_value_whatever_the_session_zone(
    workdir: Path,
    capsys: pytest.CaptureFixture[str],
    postgres: PostgresServer,  # noqa: F811
) -> None:
    """Run from a session in Riga (UTC+2 in January), the migration used to make the pickup
    01:30 on the 16th and the date received the 16th; Dataverse reads both at UTC."""
    import psycopg

    old, new = _behaviours(capsys)
    with psycopg.connect(postgres.dsn(postgres.create_database()), autocommit=True) as conn:
        conn.execute("SET TimeZone = 'Europe/Riga'")
        pg_schema(conn, "fresh", render(new, "postgres")[0])
        fresh = pg_catalog(conn, "fresh")
        pg_schema(conn, "old", render(old, "postgres")[0])
        conn.execute(
            "INSERT INTO ma_incomingmail (ma_pickupdate, ma_dateitemreceived) VALUES (%s, %s)",
            (AS_STORED, AS_STORED),
        )
        conn.execute(migration_script(old, new, "postgres", "old").text)
        conn.execute("SET search_path TO old")
        assert pg_catalog(conn, "old") == fresh
        row = conn.execute(
            "SELECT ma_pickupdate::text, ma_dateitemreceived::text FROM ma_incomingmail"
        ).fetchone()
        assert row == ("2026-01-15 23:30:00", "2026-01-15")


def test_on_sql_server_an_instant_is_moved_to_utc_before_it_loses_its_offset(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """datetimeoffset to datetime2 or date keeps the time of the value's own offset: the
    values are switched to +00:00 first (parsed with sqlglot: no SQL Server here)."""
    old, new = _behaviours(capsys)
    text = migration_script(old, new, "sqlserver", "old").text
    parsed_tsql(text)
    for column, kind in (("ma_pickupdate", "datetime2"), ("ma_dateitemreceived", "date")):
        switch = text.index(f"SET [{column}] = SWITCHOFFSET([{column}], '+00:00')")
        assert switch < text.index(f"ALTER COLUMN [{column}] {kind}")


def test_on_sqlite_a_date_made_date_only_keeps_its_utc_date(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The copy into the rebuilt table takes the UTC date of each instant (the DATE check
    refused every value with a time: no row of a real table could migrate), as PostgreSQL's
    migration does; an offset is read as such (01:30 in Riga is 23:30 UTC the day before)."""
    old, new = _behaviours(capsys)
    conn = sqlite_db(render(old, "sqlite")[0])
    insert = "INSERT INTO ma_incomingmail (ma_incomingmailid, ma_pickupdate, ma_dateitemreceived)"
    conn.execute(f"{insert} VALUES ('00000000-0000-4000-8000-000000000001', ?, ?)", [AS_STORED] * 2)
    riga = "2026-01-16T01:30:00+02:00"
    conn.execute(f"{insert} VALUES ('00000000-0000-4000-8000-000000000002', ?, ?)", [riga] * 2)
    conn.executescript(migration_script(old, new, "sqlite", "old").text)
    assert sqlite_catalog(conn) == sqlite_catalog(sqlite_db(render(new, "sqlite")[0]))
    rows = conn.execute("SELECT ma_dateitemreceived FROM ma_incomingmail ORDER BY 1").fetchall()
    assert rows == [("2026-01-15",), ("2026-01-15",)]


# --- a relationship of the same name between other tables --------------------------------------
#
# Pilseta's pc_Payment_Contact_Contact (Other/Relationships/Contact.xml) joins pc_payment's
# pc_contact lookup to contact. Dataverse cannot point a relationship at another table: a
# pc_Payment_Contact_Contact to account is the old one deleted and made anew. The gate called
# the many-to-one side's new table a safe facet-changed, though its navigation property now
# expands to, and binds, rows of another table.


def test_a_relationship_joining_other_tables_is_the_old_one_removed() -> None:
    contact = OneToManyRelationship(
        "pc_Payment_Contact_Contact",
        referenced_entity="contact",
        referenced_attribute="contactid",
        referencing_entity="pc_payment",
        referencing_attribute="pc_contact",
        referencing_entity_navigation_property_name="pc_Contact",
    )
    account = dataclasses.replace(
        contact, referenced_entity="account", referenced_attribute="accountid"
    )
    payment = Table(
        logical_name="pc_payment",
        schema_name="pc_Payment",
        relationships=Relationships(many_to_one=(contact,)),
    )
    moved = dataclasses.replace(payment, relationships=Relationships(many_to_one=(account,)))
    changes = diff_sets(TableSet((payment,)), TableSet((moved,)))
    assert {(c.path[-1], c.rule, c.breaking) for c in changes} == {
        ("referenced_entity", "relationship-removed", True),
        ("referenced_attribute", "relationship-removed", True),
    }
