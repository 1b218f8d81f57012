"""Real unpacked solutions, round 26: two exports of tables made in the maker portal, held to
what their files state; the SQL run on SQLite and PostgreSQL 15, the ``$metadata`` checked by the
OASIS XSD. No fault was found: these tests keep what was checked.

Looked at (short excerpts below, transcribed; no whole file copied):

jmirand4/smartOrder_logistics (``pac solution unpack`` layout under ``src/``, exported 2025
from a Portuguese (2070) environment, publisher prefix ``cr299``): ``cr299_Order`` and
``cr299_Employers``, the global choice ``OptionSets/cr299_smartorder_roles.xml`` (labels in
2070 only), ``Other/Relationships/cr299_Employers.xml``. ``cr299_Order`` holds a formula
column (``cr299_PriceWithTax``: decimal, ``<SourceType>3``, ``<FormulaDefinitionFileName>``,
range -100000000000..100000000000, accuracy 2), a recommended, field-secured
(``<IsSecured>1``) lookup ``cr299_UserResponsable`` to ``cr299_Employers`` whose roles name
``cr299_UserResponsable`` (type 1) and ``cr299_order_UserResponsable_cr299_employers`` (type 0);
``cr299_Employers`` an email string and ``cr299_Role`` on the global choice with
``<AppDefaultValue>-1``. dvgen gives the navigation properties the roles' names, makes the
formula column read-only (``numeric(14, 2)``, its range a CHECK), gives ``cr299_role`` no
DEFAULT and the CHECK of the global choice's two options.

OneWeekBreathe/Breathe (``src/`` layout, 2022, prefix ``cr880``): ``cr880_Donation``,
``cr880_ResearchProject``, ``cr880_SampleDonation`` (primary name ``cr880_DonationName``, not
``cr880_Name``). Its one relationship's name is cut at the platform's limit
(``cr880_Donation_cr880_ResearchProject_cr88``) and its referenced role names the collection
so; dvgen names both sides as the roles state.
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
    _own,
    _relationships,
    _roots,
    _single,
)
from tests.test_sql_support import postgres_unavailable, shared_server

ORDER = "cr299_Order"
EMPLOYERS = "cr299_Employers"

# Entities/cr299_Order/Entity.xml: the formula column's facets as the 2025 export states them.
FORMULA = (
    "<ValidForUpdateApi>0</ValidForUpdateApi><ValidForCreateApi>0</ValidForCreateApi>"
    "<SourceType>3</SourceType><MinValue>-100000000000</MinValue>"
    "<MaxValue>100000000000</MaxValue><Accuracy>2</Accuracy>"
    "<FormulaDefinitionFileName>/Formulas/cr299_order-FormulaDefinitions.yaml"
    "</FormulaDefinitionFileName>"
)

# OptionSets/cr299_smartorder_roles.xml, labels in Portuguese only.
ROLES = """<?xml version="1.0" encoding="utf-8"?>
<optionset Name="cr299_smartorder_roles" localizedName="SmartOrder_Roles">
  <OptionSetType>picklist</OptionSetType>
  <IsGlobal>1</IsGlobal>
  <displaynames><displayname description="SmartOrder_Roles" languagecode="2070" /></displaynames>
  <options>
    <option value="678390000" ExternalValue="" IsHidden="0">
      <labels><label description="Admin" languagecode="2070" /></labels>
    </option>
    <option value="678390001" ExternalValue="" IsHidden="0">
      <labels><label description="Worker" languagecode="2070" /></labels>
    </option>
  </options>
</optionset>
"""


def _required(attribute: str, level: str = "required") -> str:
    return attribute.replace("<RequiredLevel>none", f"<RequiredLevel>{level}")


def _smart_order() -> dict[str, str]:
    order = (
        attribute_xml(f"{ORDER}Id", "primarykey", custom=0)
        + _required(
            attribute_xml(
                "cr299_Name",
                "nvarchar",
                "<DisplayMask>PrimaryName|ValidForAdvancedFind</DisplayMask>"
                "<Format>text</Format><MaxLength>850</MaxLength>",
            )
        )
        + _required(
            attribute_xml(
                "cr299_Price",
                "int",
                "<Format>none</Format><MinValue>-2147483648</MinValue>"
                "<MaxValue>2147483647</MaxValue>",
            )
        )
        + attribute_xml("cr299_PriceWithTax", "decimal", FORMULA)
        + _required(
            attribute_xml("cr299_UserResponsable", "lookup", "<IsSecured>1</IsSecured>" + LOOKUP),
            "recommended",
        )
    )
    employers = _required(
        attribute_xml("cr299_Email", "nvarchar", "<Format>email</Format><MaxLength>100</MaxLength>")
    ) + attribute_xml(
        "cr299_Role",
        "picklist",
        "<AppDefaultValue>-1</AppDefaultValue><OptionSetName>cr299_smartorder_roles</OptionSetName>",
    )
    responsible = _one_to_many(
        "cr299_order_UserResponsable_cr299_employers",
        ORDER,
        EMPLOYERS,
        "cr299_UserResponsable",
        "cr299_UserResponsable",
        "cr299_order_UserResponsable_cr299_employers",
    )
    return {
        "Other/Solution.xml": manifest(
            "smartOrder", "cr299", 67839, _roots({ORDER: 0, EMPLOYERS: 0})
        ),
        f"Entities/{ORDER}/Entity.xml": _entity(ORDER, order),
        f"Entities/{EMPLOYERS}/Entity.xml": _own(EMPLOYERS, "cr299", employers),
        "OptionSets/cr299_smartorder_roles.xml": ROLES,
        f"Other/Relationships/{EMPLOYERS}.xml": _relationships(responsible),
    }


def _generated(tmp_path: Path, name: str, files: dict[str, str]) -> tuple[str, dict[str, str]]:
    generation, diagnostics = generate_unpacked(tmp_path, name, files)
    return _checked(generation, diagnostics), generation.files


def test_smart_order_lookup_is_named_by_its_roles(tmp_path: Path) -> None:
    metadata, files = _generated(tmp_path, "smartOrder", _smart_order())
    collection = "cr299_order_UserResponsable_cr299_employers"
    assert _single(metadata, "cr299_UserResponsable", "cr299_employers", collection)
    assert _collection(metadata, collection, "cr299_order", "cr299_UserResponsable")
    model = files["model/cr299_order.yaml"]
    assert "referencing_entity_navigation_property_name: cr299_UserResponsable\n" in model
    assert f"referenced_entity_navigation_property_name: {collection}\n" in model


def test_smart_order_formula_column_and_global_choice(tmp_path: Path) -> None:
    _, files = _generated(tmp_path, "smartOrder", _smart_order())
    model = files["model/cr299_order.yaml"]
    formula = model[model.index("logical_name: cr299_pricewithtax") :]
    formula = formula[: formula.index("- logical_name:")]
    assert "valid_for_create: false" in formula
    assert "valid_for_update: false" in formula
    assert "precision: 2" in formula
    postgres = files["sql/postgres/schema.sql"]
    assert '"cr299_pricewithtax" numeric(14, 2)' in postgres
    assert "BETWEEN -100000000000 AND 100000000000" in postgres
    role = next(line for line in postgres.splitlines() if '"cr299_role"' in line)
    assert "DEFAULT" not in role
    assert "IN (678390000, 678390001)" in role
    employers = files["model/cr299_employers.yaml"]
    assert "label: Admin" in employers and "label: Worker" in employers


def test_smart_order_schema_holds_on_sqlite_and_postgres(tmp_path: Path) -> None:
    _, files = _generated(tmp_path, "smartOrder", _smart_order())
    employer, order = str(uuid.uuid4()), str(uuid.uuid4())
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA foreign_keys = ON")
    db.executescript(files["sql/sqlite/schema.sql"])
    db.execute(
        "INSERT INTO cr299_employers (cr299_employersid, cr299_role) VALUES (?, 678390001)",
        (employer,),
    )
    db.execute(
        "INSERT INTO cr299_order (cr299_orderid, cr299_userresponsable, cr299_pricewithtax)"
        " VALUES (?, ?, 12.3)",
        (order, employer),
    )
    db.commit()
    assert db.execute("SELECT cr299_role FROM cr299_employers").fetchone() == (678390001,)
    db.close()
    if postgres_unavailable() is None:
        import psycopg

        server = shared_server()
        with psycopg.connect(server.dsn(server.create_database()), autocommit=True) as connection:
            connection.execute(files["sql/postgres/schema.sql"])
            connection.execute(
                'INSERT INTO "cr299_employers" ("cr299_employersid") VALUES (%s)', (employer,)
            )
            connection.execute(
                'INSERT INTO "cr299_order" ("cr299_orderid", "cr299_userresponsable") '
                "VALUES (%s, %s)",
                (order, employer),
            )
            role = connection.execute('SELECT "cr299_role" FROM "cr299_employers"').fetchone()
            assert role == (None,)


def test_breathe_relationship_cut_at_the_limit(tmp_path: Path) -> None:
    """Other/Relationships/cr880_ResearchProject.xml: the relationship's name and the
    collection's are cut, the lookup's role is the column's name."""
    name = "cr880_Donation_cr880_ResearchProject_cr88"
    donation = attribute_xml("cr880_ResearchProject", "lookup", LOOKUP)
    sample = attribute_xml("cr880_SampleDonationId", "primarykey", custom=0) + _required(
        attribute_xml(
            "cr880_DonationName",
            "nvarchar",
            "<DisplayMask>PrimaryName|ValidForAdvancedFind</DisplayMask>"
            "<Format>text</Format><MaxLength>100</MaxLength>",
        )
    )
    files = {
        "Other/Solution.xml": manifest(
            "Breathe",
            "cr880",
            10000,
            _roots({"cr880_Donation": 0, "cr880_ResearchProject": 0, "cr880_SampleDonation": 0}),
        ),
        "Entities/cr880_Donation/Entity.xml": _own("cr880_Donation", "cr880", donation),
        "Entities/cr880_ResearchProject/Entity.xml": _own("cr880_ResearchProject", "cr880"),
        "Entities/cr880_SampleDonation/Entity.xml": _entity("cr880_SampleDonation", sample),
        "Other/Relationships/cr880_ResearchProject.xml": _relationships(
            _one_to_many(
                name,
                "cr880_Donation",
                "cr880_ResearchProject",
                "cr880_ResearchProject",
                "cr880_ResearchProject",
                name,
            )
        ),
    }
    metadata, generated = _generated(tmp_path, "Breathe", files)
    assert _single(metadata, "cr880_ResearchProject", "cr880_researchproject", name)
    assert _collection(metadata, name, "cr880_donation", "cr880_ResearchProject")
    sample_model = generated["model/cr880_sampledonation.yaml"]
    assert "primary_name_attribute: cr880_donationname\n" in sample_model
