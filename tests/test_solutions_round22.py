"""Real unpacked solutions, round 22: the navigation property names dvgen gives lookups held to
what the exports' ``<EntityRelationshipRoles>`` state, the SQL run on SQLite and PostgreSQL 15,
the ``$metadata`` checked by the OASIS XSD.

Looked at (short excerpts below, transcribed; no whole file copied):
gaurangjani/d365-project-operations-estimate-import (a ``pac solution unpack`` folder of 2026,
``solution/src``): the table ``est_estimateimport`` and a shell of Project Operations'
``msdyn_estimateline`` (six columns, ``<HasRelatedNotes>True``) whose Microsoft relationships
(``msdyn_AccountCustomer``, ``msdyn_ContactCustomer``, two self-references) the export lists
without the lookups, roles naming the single-valued side only, ``Restrict`` deletes, and a
relationship ``new_BookableResourceCategory_est_estimateimport`` whose referenced role names its
collection ``BookableResourceCategory_est_estimateimport``; HamzehMari/CaseSystem-PowerApps
(2025, ``cr08f_``: 14 tables, two that reference each other, one of them parentally, a rollup
Money column and its ``_base``, relationship names in mixed case); ZeeshanAhmed191/
CustomerComplaintManagement (2026, ``za_`` tables holding ``cr624_`` columns of another
publisher, lookups named as the tables they reference, ``za_Customer``); elishakrasz/
ir_request (an organization-owned ``new_engagementsignal``, lookups of one name on two tables);
microsoft/Industry-Accelerator-Media's ``MediaEventsVenues`` (relationship names cut at 40
characters, an N:N of two custom tables whose roles share its name). 29 relationships' roles
reproduced in mini-exports and 19 more of CaseSystem read: every name they state was met.

The fault: a shell of a table no page of the set describes, built from the shell, lost what
``<HasRelatedNotes>True`` says: ``msdyn_estimateline`` had no ``msdyn_estimateline_Annotations``,
which Microsoft's EntityType of it (dynamics365-docs-odata-apis, ``msdyn_estimateline.yml``)
lists, partnered ``objectid_msdyn_estimateline``; the same for hmcts/pre-rec-evidence's
``adx_invitation`` of ``../shared/solutions`` (annotation.md lists ``adx_invitation_Annotations``).
A solution's own table had it already (``systemcolumns.with_notes``); a customization now does
too, unless its table is related to its notes already (a page's), and not for a table of the
platform, whose name Dataverse spells otherwise (``Contact_Annotation``). The same table lacked
the six relationships Dataverse's own tables have to every solution-made table
(``msdyn_estimateline_AsyncOperations``..., which Microsoft's EntityType lists; powerapps-docs'
adx_invitation page the same): a table built from a shell with a publisher's prefix has them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dvgen.platformlinks import PLATFORM_LINKS
from tests.solution_support import attribute_xml, generate_unpacked, manifest
from tests.test_solutions_round19 import (
    LOOKUP,
    _checked,
    _collection,
    _entity,
    _lookup,
    _one_to_many,
    _own,
    _relationships,
    _roots,
    _single,
)
from tests.test_sql_support import postgres_unavailable, shared_server

READ_ONLY = "<ValidForUpdateApi>0</ValidForUpdateApi><ValidForCreateApi>0</ValidForCreateApi>"
OWNER = (
    "<LookupStyle>single</LookupStyle><LookupTypes>"
    '<LookupType id="00000000-0000-0000-0000-000000000000">8</LookupType>'
    '<LookupType id="00000000-0000-0000-0000-000000000000">9</LookupType></LookupTypes>'
)


def _applies_on_postgres(schema: str) -> None:
    import psycopg

    server = shared_server()
    with psycopg.connect(server.dsn(server.create_database()), autocommit=True) as connection:
        connection.execute(schema)


def _entity_type(metadata: str, name: str) -> str:
    found = re.search(rf'<EntityType Name="{name}".*?</EntityType>', metadata, re.S)
    assert found is not None, name
    return found.group(0)


# gaurangjani/d365-project-operations-estimate-import, solution/src/Entities/msdyn_estimateline/
# Entity.xml (the shell: CreatedBy, est_sourceimportid, ExchangeRate, OwnerId,
# TransactionCurrencyId... and <HasRelatedNotes>True</HasRelatedNotes>) and Other/Relationships/
# Account.xml, Contact.xml, msdyn_estimateline.xml, msdyn_project.xml,
# BookableResourceCategory.xml, Product.xml, UoM.xml.
LINE = "msdyn_estimateline"
IMPORT = "est_estimateimport"
MICROSOFT = (
    # relationship, referenced table, lookup (the role's name)
    ("msdyn_account_msdyn_estimateline_AccountCustomer", "Account", "msdyn_AccountCustomer"),
    ("msdyn_account_msdyn_estimateline_AccountVendor", "Account", "msdyn_AccountVendor"),
    ("msdyn_contact_msdyn_estimateline_ContactCustomer", "Contact", "msdyn_ContactCustomer"),
    ("msdyn_msdyn_estimateline_msdyn_estimateline_Origin", LINE, "msdyn_Origin"),
    ("msdyn_msdyn_estimateline_msdyn_estimateline_PairedSalesLine", LINE, "msdyn_PairedSalesLine"),
    ("msdyn_msdyn_project_msdyn_estimateline_Project", "msdyn_project", "msdyn_Project"),
    (
        "msdyn_bookableresourcecategory_msdyn_estimateline_ResourceCategory",
        "BookableResourceCategory",
        "msdyn_ResourceCategory",
    ),
    ("msdyn_product_msdyn_estimateline_Product", "Product", "msdyn_Product"),
    ("msdyn_uom_msdyn_estimateline_Unit", "UoM", "msdyn_Unit"),
)
OWN = (
    # relationship, referenced table, lookup, the referenced role's name
    ("msdyn_estimateline_est_estimateimport_Cost", LINE, "est_costestimateline", None),
    ("msdyn_estimateline_est_estimateimport_Sale", LINE, "est_saleestimateline", None),
    ("msdyn_project_est_estimateimport", "msdyn_project", "est_project", None),
    (
        "new_BookableResourceCategory_est_estimateimport",
        "BookableResourceCategory",
        "est_resourcecategory",
        "BookableResourceCategory_est_estimateimport",
    ),
    ("Product_est_estimateimport", "Product", "est_product", None),
    ("UoM_est_estimateimport", "UoM", "est_uom", None),
)


def _estimate_files(notes: str = "True") -> dict[str, str]:
    shell = (
        attribute_xml("CreatedBy", "lookup", READ_ONLY + LOOKUP, custom=0)
        + attribute_xml(
            "est_sourceimportid",
            "nvarchar",
            "<Format>text</Format><MaxLength>50</MaxLength><Length>100</Length>",
        )
        + attribute_xml(
            "ExchangeRate",
            "decimal",
            READ_ONLY
            + "<MinValue>1E-10</MinValue><MaxValue>100000000000</MaxValue><Accuracy>10</Accuracy>",
            custom=0,
        )
        + attribute_xml("OwnerId", "owner", OWNER, custom=0)
        + attribute_xml("TransactionCurrencyId", "lookup", LOOKUP, custom=0)
    )
    notes_xml = f"\n      <HasRelatedNotes>{notes}</HasRelatedNotes>"
    lookups = "".join(_lookup(lookup) for _, _, lookup, _ in OWN)
    by_file: dict[str, list[str]] = {}
    for name, referenced, lookup in MICROSOFT:
        item = _one_to_many(name, LINE, referenced, lookup, lookup, None, "Restrict")
        by_file.setdefault(referenced, []).append(item)
    for name, referenced, lookup, collection in OWN:
        item = _one_to_many(name, IMPORT, referenced, lookup, lookup, collection or name)
        by_file.setdefault(referenced, []).append(item)
    return {
        "Other/Solution.xml": manifest(
            "EstimateImport", "est", 10000, _roots({IMPORT: 0, LINE: 2})
        ),
        f"Entities/{IMPORT}/Entity.xml": _own(IMPORT, "est", lookups),
        f"Entities/{LINE}/Entity.xml": _entity(LINE, shell, notes_xml),
        **{
            f"Other/Relationships/{referenced}.xml": _relationships(*items)
            for referenced, items in by_file.items()
        },
    }


def test_a_shell_enabled_for_notes_keeps_its_notes_without_a_page(tmp_path: Path) -> None:
    generation, diagnostics = generate_unpacked(tmp_path, "EstimateImport", _estimate_files())
    metadata = _checked(generation, diagnostics)
    notes = "msdyn_estimateline_Annotations"
    assert _collection(metadata, notes, "annotation", f"objectid_{LINE}")
    assert _single(metadata, f"objectid_{LINE}", LINE, notes)
    model = generation.files[f"model/{LINE}.yaml"]
    assert f"schema_name: {notes}" in model
    assert "added_by" not in model.split(f"schema_name: {notes}")[1].split("- schema_name")[0]


def test_a_shell_of_a_solution_made_table_gets_the_platform_s_six(tmp_path: Path) -> None:
    """Microsoft's EntityType of msdyn_estimateline has msdyn_estimateline_AsyncOperations,
    _BulkDeleteFailures, _MailboxTrackingFolders, _PrincipalObjectAttributeAccesses,
    _ProcessSession and _SyncErrors, as every solution-made table (``dvgen.platformlinks``):
    a table built from its shell has them too."""
    generation, diagnostics = generate_unpacked(tmp_path, "EstimateImport", _estimate_files())
    metadata = _checked(generation, diagnostics)
    for referencing, lookup, plural in PLATFORM_LINKS:
        name = f"{LINE}_{plural}"
        assert _collection(metadata, name, referencing, f"{lookup}_{LINE}"), name


def test_the_roles_name_the_estimate_lines_lookups(tmp_path: Path) -> None:
    """Microsoft's EntityType of msdyn_estimateline: msdyn_AccountCustomer partnered with
    msdyn_account_msdyn_estimateline_AccountCustomer...; the export's roles name the lookups
    only, the collections are the relationships' names."""
    generation, diagnostics = generate_unpacked(tmp_path, "EstimateImport", _estimate_files())
    metadata = _checked(generation, diagnostics)
    for name, referenced, lookup in MICROSOFT:
        assert _single(metadata, lookup, referenced.lower(), name), name
        assert _collection(metadata, name, LINE, lookup), name
    for name, referenced, lookup, collection in OWN:
        assert _single(metadata, lookup, referenced.lower(), collection or name), name
        assert _collection(metadata, collection or name, IMPORT, lookup), name
    assert "new_BookableResourceCategory_est_estimateimport" not in metadata
    if postgres_unavailable() is None:
        _applies_on_postgres(generation.files["sql/postgres/schema.sql"])


def test_a_shell_not_enabled_for_notes_gets_none(tmp_path: Path) -> None:
    files = _estimate_files(notes="False")
    generation, diagnostics = generate_unpacked(tmp_path, "EstimateImport", files)
    metadata = _checked(generation, diagnostics)
    assert "msdyn_estimateline_Annotations" not in metadata


def test_a_platform_table_s_shell_gets_no_names_guessed(tmp_path: Path) -> None:
    """contact's notes are ``Contact_Annotation``, its system jobs ``Contact_AsyncOperations``
    (its page says so): a shell of contact alone, enabled for notes, is given neither rather
    than a ``contact_Annotations`` or ``contact_AsyncOperations`` Dataverse has not."""
    files = {
        "Other/Solution.xml": manifest("Contacts", "est", 10000, _roots({"Contact": 2})),
        "Entities/Contact/Entity.xml": _entity(
            "Contact",
            attribute_xml("est_code", "nvarchar", "<Format>text</Format><MaxLength>20</MaxLength>"),
            "\n      <HasRelatedNotes>True</HasRelatedNotes>",
        ),
    }
    generation, diagnostics = generate_unpacked(tmp_path, "Contacts", files)
    metadata = _checked(generation, diagnostics)
    contact = _entity_type(metadata, "contact")
    assert "Annotation" not in contact
    assert "_AsyncOperations" not in contact


# HamzehMari/CaseSystem-PowerApps, src/Entities/cr08f_rolluptest/Entity.xml (cr08f_rollup: money,
# SourceType 2, its formula file; cr08f_rollup_Base; cr08f_testvalue and its _Base) and
# src/Other/Relationships/cr08f_rolluptest.xml and cr08f_Universitydepartments.xml: each of the
# two tables references the other, cr08f_Universitydepartments.cr08f_rolluptest parentally.
MONEY = (
    "<MinValue>-922337203685477</MinValue><MaxValue>922337203685477</MaxValue>"
    "<Accuracy>2</Accuracy><AccuracySource>2</AccuracySource>"
)
ROLLUP = "cr08f_rolluptest"
UNITS = "cr08f_Universitydepartments"
BACK = "cr08f_rolluptest_cr08f_rolluptest_cr08f_Universitydepartments"
FORTH = "cr08f_rolluptest_lookup_cr08f_universitydepartments"


def _case_files() -> dict[str, str]:
    rollup = (
        attribute_xml(f"{ROLLUP}Id", "primarykey", custom=0)
        + attribute_xml(
            "cr08f_title",
            "nvarchar",
            "<DisplayMask>PrimaryName</DisplayMask><Format>text</Format><MaxLength>850</MaxLength>",
        )
        + _lookup("cr08f_lookup")
        + attribute_xml(
            "cr08f_rollup",
            "money",
            READ_ONLY
            + "<SourceType>2</SourceType>"
            + MONEY
            + "<FormulaDefinitionFileName>/Formulas/cr08f_rolluptest-cr08f_rollup.xaml"
            "</FormulaDefinitionFileName>",
        )
        + attribute_xml(
            "cr08f_rollup_Base",
            "money",
            READ_ONLY
            + "<SourceType>2</SourceType>"
            + MONEY
            + "<CalculationOf>cr08f_rollup</CalculationOf>",
        )
        + attribute_xml("cr08f_testvalue", "money", MONEY)
        + attribute_xml(
            "cr08f_testvalue_Base",
            "money",
            READ_ONLY + MONEY + "<CalculationOf>cr08f_testvalue</CalculationOf>",
        )
        + attribute_xml("TransactionCurrencyId", "lookup", LOOKUP, custom=0)
    )
    return {
        "Other/Solution.xml": manifest("CaseSystem", "cr08f", 10000, _roots({ROLLUP: 0, UNITS: 0})),
        f"Entities/{ROLLUP}/Entity.xml": _entity(ROLLUP, rollup),
        f"Entities/{UNITS}/Entity.xml": _own(UNITS, "cr08f", _lookup(ROLLUP)),
        f"Other/Relationships/{ROLLUP}.xml": _relationships(
            _one_to_many(BACK, UNITS, ROLLUP, ROLLUP, ROLLUP, BACK, "Cascade")
        ),
        f"Other/Relationships/{UNITS}.xml": _relationships(
            _one_to_many(FORTH, ROLLUP, UNITS, "cr08f_lookup", "cr08f_lookup", FORTH)
        ),
    }


def test_two_tables_that_reference_each_other_and_a_rollup(tmp_path: Path) -> None:
    generation, diagnostics = generate_unpacked(tmp_path, "CaseSystem", _case_files())
    metadata = _checked(generation, diagnostics)
    units = UNITS.lower()
    assert _single(metadata, "cr08f_lookup", units, FORTH)
    assert _collection(metadata, FORTH, ROLLUP, "cr08f_lookup")
    assert _single(metadata, ROLLUP, ROLLUP, BACK)
    assert _collection(metadata, BACK, units, ROLLUP)
    postgres = generation.files["sql/postgres/schema.sql"]
    assert f'REFERENCES "{ROLLUP}" ("{ROLLUP}id") ON DELETE CASCADE' in postgres
    for column in ("cr08f_rollup_date", "cr08f_rollup_state", "cr08f_rollup_base"):
        assert f'"{column}"' in postgres
    assert '"cr08f_rollup_base_date"' not in postgres
    if postgres_unavailable() is None:
        _applies_on_postgres(postgres)


# ZeeshanAhmed191/CustomerComplaintManagement, src/Entities/za_Complaint/Entity.xml (the lookups
# za_Customer and za_Product, cr624_ManagerDecision: a required choice of options 1, 2, 3 with
# <AppDefaultValue>-1) and src/Other/Relationships/za_Customer.xml, za_Product.xml.
DECISION = (
    "<AppDefaultValue>-1</AppDefaultValue>"
    '<optionset Name="cr624_za_complaint_cr624_managerdecision">'
    "<OptionSetType>picklist</OptionSetType><options>"
    + "".join(
        f'<option value="{value}"><labels><label description="{label}" languagecode="1033" />'
        "</labels></option>"
        for value, label in ((1, "Approved"), (2, "Rejected"), (3, "Needs More Investigation"))
    )
    + "</options></optionset>"
)


@pytest.mark.parametrize("target", ["za_Customer", "za_Product"])
def test_a_lookup_named_as_the_table_it_references(tmp_path: Path, target: str) -> None:
    decision = attribute_xml("cr624_ManagerDecision", "picklist", DECISION).replace(
        "<RequiredLevel>none</RequiredLevel>", "<RequiredLevel>required</RequiredLevel>"
    )
    name = f"za_Complaint_{target}_{target}"
    files = {
        "Other/Solution.xml": manifest(
            "CustomerComplaintManagement", "za", 10000, _roots({"za_Complaint": 0, target: 0})
        ),
        "Entities/za_Complaint/Entity.xml": _own("za_Complaint", "za", _lookup(target) + decision),
        f"Entities/{target}/Entity.xml": _own(target, "za"),
        f"Other/Relationships/{target}.xml": _relationships(
            _one_to_many(name, "za_Complaint", target, target, target, name)
        ),
    }
    generation, diagnostics = generate_unpacked(tmp_path, "CustomerComplaintManagement", files)
    metadata = _checked(generation, diagnostics)
    assert _single(metadata, target, target.lower(), name)
    assert _collection(metadata, name, "za_complaint", target)
    assert '<Property Name="cr624_managerdecision" Type="Edm.Int32"/>' in metadata


# elishakrasz/ir_request, solution/src/Other/Relationships/Contact.xml, Opportunity.xml and
# Organization.xml: two tables with lookups of one name each (new_contact, new_opportunity),
# relationships named new_contact_engagementsignal, new_contact_inforequest..., and the
# organization-owned new_engagementsignal's organizationid listed without roles.
SIGNAL = "new_engagementsignal"
REQUEST = "new_inforequest"
ORGANIZATION = """  <EntityRelationship Name="organization_new_engagementsignal">
    <EntityRelationshipType>OneToMany</EntityRelationshipType>
    <ReferencingEntityName>new_engagementsignal</ReferencingEntityName>
    <ReferencedEntityName>Organization</ReferencedEntityName>
    <CascadeAssign>NoCascade</CascadeAssign>
    <CascadeDelete>NoCascade</CascadeDelete>
    <ReferencingAttributeName>OrganizationId</ReferencingAttributeName>
  </EntityRelationship>
"""


def test_one_lookup_name_on_two_tables_and_an_organization_s_table(tmp_path: Path) -> None:
    lookups = _lookup("new_contact") + _lookup("new_opportunity")
    organization = attribute_xml("OrganizationId", "lookup", READ_ONLY + LOOKUP, custom=0)
    signal = _own(SIGNAL, "new", lookups + organization).replace("UserOwned", "OrgOwned")

    def pair(referenced: str, lookup: str) -> str:
        names = ((table, f"{lookup}_{table[4:]}") for table in (SIGNAL, REQUEST))
        return "".join(_one_to_many(n, t, referenced, lookup, lookup, n) for t, n in names)

    files = {
        "Other/Solution.xml": manifest("IRRequest", "new", 10000, _roots({SIGNAL: 0, REQUEST: 0})),
        f"Entities/{SIGNAL}/Entity.xml": signal,
        f"Entities/{REQUEST}/Entity.xml": _own(REQUEST, "new", lookups),
        "Other/Relationships/Contact.xml": _relationships(pair("Contact", "new_contact")),
        "Other/Relationships/Opportunity.xml": _relationships(
            pair("Opportunity", "new_opportunity")
        ),
        "Other/Relationships/Organization.xml": _relationships(ORGANIZATION),
    }
    generation, diagnostics = generate_unpacked(tmp_path, "IRRequest", files)
    metadata = _checked(generation, diagnostics)
    for table in (SIGNAL, REQUEST):
        for referenced, lookup in (("contact", "new_contact"), ("opportunity", "new_opportunity")):
            name = f"{lookup}_{table[4:]}"
            assert _single(metadata, lookup, referenced, name), name
            assert _collection(metadata, name, table, lookup), name
    partner = "organization_new_engagementsignal"
    assert _single(metadata, "organizationid", "organization", partner)
    if postgres_unavailable() is None:
        _applies_on_postgres(generation.files["sql/postgres/schema.sql"])
