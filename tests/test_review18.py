"""Review 18 of the round's merges (sol24: a flow's process logs, the solution-base-missing hint;
pages45: a State and Status column's JSON default from the state model, ``<lookup>type``).

The fault: a State column whose table holds no Status column with it had no default at all, so
the SQL refused a row that left it out (``NOT NULL``, no ``DEFAULT``) and the JSON Schema gave
no ``default``, while Dataverse starts every new row in the initial state whatever status
reasons the set knows. Met on Pilseta-cilvekiem/Participant-Management's ``CityForPeople``
(``Entities/Contact/Entity.xml``): the solution customizes Microsoft's ``contact``, no page of
which is in the set, and its shell holds ``statecode`` (SystemRequired, the states Active,
DefaultStatus 1, and Inactive, DefaultStatus 2) and not ``statuscode``. The excerpt below is
transcribed and cut to that column.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

from tests.solution_support import generate_unpacked, manifest
from tests.test_sql_support import postgres_unavailable, shared_server

STATE = """<attribute PhysicalName="StateCode"><Type>state</Type><Name>statecode</Name>
<LogicalName>statecode</LogicalName><RequiredLevel>systemrequired</RequiredLevel>
<ValidForUpdateApi>1</ValidForUpdateApi><ValidForReadApi>1</ValidForReadApi>
<ValidForCreateApi>0</ValidForCreateApi><IsCustomField>0</IsCustomField>
<optionset Name="contact_statecode"><OptionSetType>state</OptionSetType>
<displaynames><displayname description="Status" languagecode="1033" /></displaynames>
<states>
<state value="0" defaultstatus="1" invariantname="Active"><labels>
<label description="Active" languagecode="1033" /></labels></state>
<state value="1" defaultstatus="2" invariantname="Inactive"><labels>
<label description="Inactive" languagecode="1033" /></labels></state>
</states></optionset>
<displaynames><displayname description="Status" languagecode="1033" /></displaynames>
</attribute>
"""
CONTACT = f"""<?xml version="1.0" encoding="utf-8"?>
<Entity xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Name LocalizedName="Contact" OriginalName="">Contact</Name>
  <EntityInfo>
    <entity Name="Contact">
      <attributes>
{STATE}      </attributes>
    </entity>
  </EntityInfo>
</Entity>
"""


def test_a_state_without_its_status_starts_a_row_in_the_initial_state(tmp_path: Path) -> None:
    """The shell's ``statecode`` gets the initial state (0) as its SQL DEFAULT, which SQLite
    and PostgreSQL 15 apply to a row that leaves it out, and as its JSON Schema ``default``."""
    files = {
        "Other/Solution.xml": manifest(
            "CityForPeople", "pc", 94660, '<RootComponent type="1" schemaName="contact" />'
        ),
        "Entities/Contact/Entity.xml": CONTACT,
    }
    generation, _ = generate_unpacked(tmp_path, "CityForPeople", files)
    schema = json.loads(generation.files["jsonschema/contact.schema.json"])
    assert "statuscode" not in schema["properties"]
    assert schema["properties"]["statecode"]["default"] == 0
    assert '"statecode" integer NOT NULL DEFAULT 0' in generation.files["sql/postgres/schema.sql"]
    db = sqlite3.connect(":memory:")
    db.executescript(generation.files["sql/sqlite/schema.sql"])
    db.execute("INSERT INTO contact (contactid) VALUES (?)", (str(uuid.uuid4()),))
    assert db.execute("SELECT statecode FROM contact").fetchone() == (0,)
    db.close()
    if postgres_unavailable() is None:
        import psycopg

        server = shared_server()
        with psycopg.connect(server.dsn(server.create_database()), autocommit=True) as connection:
            connection.execute(generation.files["sql/postgres/schema.sql"])
            connection.execute("INSERT INTO contact (contactid) VALUES (%s)", (uuid.uuid4(),))
            stored = connection.execute("SELECT statecode FROM contact").fetchone()
            assert stored == (0,)
