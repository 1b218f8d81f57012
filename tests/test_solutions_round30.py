"""Real solutions, round 30: a French org's customizations of Microsoft's contact, account and
letter (a formula column, global choices, a Yes/No listed Yes first), an email-enabled table
with a formula Yes/No and an autonumbered primary name, a German and English test app with a
File column, and the menu labels roles state; the SQL run on SQLite and PostgreSQL 15, the
``$metadata`` checked by the OASIS XSD.

Fault found: a role's ``<CustomLabels>`` (the label of the relationship's associated menu) was
dropped, where Microsoft's pages state it as the AssociatedMenuConfiguration's Label. The
powerapps-docs page of ``adx_invitation`` (MicrosoftDocs/powerapps-docs,
powerapps-docs/developer/data-platform/reference/entities/adx_invitation.md) gives
``adx_invitation_invitecontacts`` "Table 2 ... Behavior: UseLabel, Group: Details, Label: Invite
Contacts, Order: 10000" and ``adx_invitation_redeemedcontacts`` "Table 1 ... Behavior:
DoNotDisplay ... Label: Redeemed Invitations, Order: 20000", "Table 2 ... Label: Redeemed
Contacts"; hmcts/pre-rec-evidence's export of those relationships
(``Other/Relationships/adx_invitation.xml``, in ``../shared/solutions``) holds the same texts as
``<CustomLabel description="Invite Contacts" languagecode="1033" />`` in the roles of
``<AssociationRoleOrdinal>`` 2, 1 and 2, and its ``Account.xml`` gives Microsoft's
``msa_contact_managingpartner`` (``UseLabel``, order 100500) the label "Managed Contacts" (the
navigation item an app shows under that name). The canonical model now carries the label,
picked in the set's language like every other text of a solution.

Looked at (short excerpts below, transcribed; no whole file copied):

DenisMorelER/demat (``src/solution``, a ``pac solution unpack`` folder exported 2025 from a
9.2.25113 French org: ``languagecode="1036"``, publisher Energies_Reunion, prefix ``er``, option
prefix 12221). ``Entities/Contact/Entity.xml`` (root behavior 1) adds the formula column
``er_numeros_telephone`` (nvarchar 4000, ``<SourceType>3``, ValidFor Create and Update 0,
``<FormulaDefinitionFileName>/Formulas/contact-FormulaDefinitions.yaml``, which holds
``er_numeros_telephone: =telephone1 & " - " & telephone2``), the choices ``er_civilite`` and
``er_Typedactivite`` on the global ``er_civilites`` and ``er_activites_referents`` (labels in
French only) and the lookups ``er_menage`` (``er_menage_contacts``) and
``er_Adressederesidenceprincipale`` (``er_contact_Adressederesidenceprincipale_er_site``), and
restates Microsoft's ``FirstName`` required, ``MobilePhone`` and ``Telephone2`` recommended,
``FamilyStatusCode`` and ``GenderCode`` ``unmodified="1"`` with their labels in French and
English. ``Entities/Account/Entity.xml`` (root behavior 2) adds ``er_bool_donneur_alerte``, a
Yes/No listing ``1`` "Oui" before ``0`` "Non", default 0. ``Entities/Letter/Entity.xml``
(behavior 2, attributes only: no ``<IsActivity>``) adds ``er_date_resolution`` (date only,
behavior 2), ``er_origine_demande`` on the global ``er_origines_demandes`` (whose option
122210018 comes before 122210017) and ``er_echange_menage``, whose role names its lookup
``er_echange_menage_Letter`` (``Other/Relationships/er_echanges_menage.xml``). Layered on the
corpus's contact, account and letter pages: the contact's EntityType is Microsoft's
(validators/webapi-v9) plus the solution's six properties and two lookups.
``SharePointDocument`` (a virtual table with no page in the index) takes five text columns;
``er_diagnostic_slime`` has lookups to it and to ``SharePointDocumentLocation``.
orangelamp-1/Power-Platform-project (``src/solution``, 2026, ``<Managed>2``, 9.2.26022):
``ol_GR_Task`` is email enabled (``<IsActivityParty>1``, with the ``EmailAddress`` column
Dataverse adds), its primary name ``ol_TaskID`` is autonumbered (``GR-TSK{SEQNUM:6}``, display
mask ``QueueItemTitle|PrimaryName|ReadOnlyInUI...``), ``ol_TaskOverdue`` a formula Yes/No
(``<SourceType>3``, ``=If(ol_duedate < ol_completiondate, true, false)``, default 0) and
``ol_ParentTask`` a self-reference.
juergenbeck/D365TestCenter (``solution/src``, 2026, 9.2.26054, German 1031 and English 1033):
``jbe_testrunresult``'s File column ``jbe_uitrace`` (MaxValue 30720, ValidFor Create and Update
0) with ``FileAttachment_jbe_testrunresult_jbe_uitrace`` (``Other/Relationships/
FileAttachment.xml``, described, Delete and Archive RemoveLink), the memo ``jbe_TrackedRecords``
(``textarea``, MaxLength 1048576), ``statecode``/``statuscode`` whose PhysicalName is in lower
case, and ``jbe_testrunresult_testrun`` (Delete Cascade, Archive RemoveLink, an empty
``<RelationshipDescription />``, a role with ``UseCollectionName`` and the custom label "Test
Chunks").
Also opened, no table with a key: the 17 tables of Rounds15/Compliance-Matrix (written by a
script, ``generatedBy="ComplianceMatrix build_solution.py"``, not an export: left out).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics, Severity
from dvgen.model import (
    CascadeType,
    ColumnType,
    DateTimeBehavior,
    ManyToManyRelationship,
    RequiredLevel,
)
from dvgen.pipeline import Generation, generate
from tests.conftest import CORPUS, NO_SHARED, needs_shared
from tests.solution_support import attribute_xml
from tests.test_odata_tools import xsd_errors
from tests.test_sql_support import postgres_unavailable, shared_server

SINGLE = "<LookupStyle>single</LookupStyle><LookupTypes />"
NAME_MASK = (
    "<DisplayMask>PrimaryName|ValidForAdvancedFind|ValidForForm|ValidForGrid|RequiredForForm"
    "</DisplayMask>"
)
ALLOWED = {"solution-base-missing", "sqlserver-cascade-cycle"}
"""Warnings these excerpts may give: a table a page would define (adx_invitation, the virtual
SharePointDocument), and SQL Server's refusal of a second cascade path (Microsoft's pages)."""


def _names(labels: tuple[tuple[int, str], ...], tag: str = "displayname") -> str:
    return "".join(f'<{tag} description="{text}" languagecode="{code}" />' for code, text in labels)


def _labelled(attribute: str, labels: tuple[tuple[int, str], ...]) -> str:
    """``attribute`` with its display names in several languages."""
    start = attribute.index("<displaynames>")
    end = attribute.index("</displaynames>")
    return attribute[:start] + f"<displaynames>{_names(labels)}" + attribute[end:]


def _with(attribute: str, **elements: str) -> str:
    """``attribute`` with ``elements`` (tag -> text) before its display names."""
    extra = "".join(f"<{tag}>{text}</{tag}>" for tag, text in elements.items())
    return attribute.replace("<displaynames>", extra + "<displaynames>", 1)


def _required(attribute: str, level: str) -> str:
    return attribute.replace("<RequiredLevel>none", f"<RequiredLevel>{level}", 1)


def _key(physical: str) -> str:
    return _required(attribute_xml(physical, "primarykey", "", 0), "systemrequired")


def _name(physical: str, length: int) -> str:
    body = f"{NAME_MASK}<Format>text</Format><MaxLength>{length}</MaxLength>"
    return _required(attribute_xml(physical, "nvarchar", body), "required")


def _owner() -> str:
    return attribute_xml("OwnerId", "owner", SINGLE, 0)


def _entity(name: str, label: str, attributes: str, info: str = "") -> str:
    return (
        f'<Entity><Name LocalizedName="{label}" OriginalName="{label}">{name}</Name>'
        f'<EntityInfo><entity Name="{name}"><LocalizedNames><LocalizedName description="{label}"'
        ' languagecode="1033" /></LocalizedNames><LocalizedCollectionNames>'
        f'<LocalizedCollectionName description="{label}s" languagecode="1033" />'
        f"</LocalizedCollectionNames><attributes>{attributes}</attributes>"
        f"<EntitySetName>{name.lower()}s</EntitySetName><IsBPFEntity>0</IsBPFEntity>"
        f"<OwnershipTypeMask>UserOwned</OwnershipTypeMask><IsActivity>0</IsActivity>{info}"
        "</entity></EntityInfo></Entity>"
    )


def _shell(name: str, label: str, attributes: str) -> str:
    """An Entity.xml of a table the solution holds with ``behavior="2"``: attributes only."""
    return (
        f'<Entity><Name LocalizedName="{label}" OriginalName="">{name}</Name><EntityInfo>'
        f'<entity Name="{name}"><attributes>{attributes}</attributes></entity></EntityInfo>'
        "<FormXml /><RibbonDiffXml /></Entity>"
    )


def _role(nav: str, kind: str, menu: str = "", labels: str = "") -> str:
    custom = f"<CustomLabels>{labels}</CustomLabels>" if labels else ""
    return (
        f"<EntityRelationshipRole>{menu}<NavigationPropertyName>{nav}</NavigationPropertyName>"
        f"{custom}{kind}</EntityRelationshipRole>"
    )


def _menu(option: str, order: int) -> str:
    return (
        f"<NavPaneDisplayOption>{option}</NavPaneDisplayOption><NavPaneArea>Details</NavPaneArea>"
        f"<NavPaneOrder>{order}</NavPaneOrder>"
    )


def _one_to_many(
    name: str, referencing: str, referenced: str, lookup: str, roles: str, delete: str
) -> str:
    return (
        f'<EntityRelationship Name="{name}">'
        "<EntityRelationshipType>OneToMany</EntityRelationshipType>"
        f"<IsCustomizable>1</IsCustomizable><ReferencingEntityName>{referencing}"
        f"</ReferencingEntityName><ReferencedEntityName>{referenced}</ReferencedEntityName>"
        f"<CascadeAssign>NoCascade</CascadeAssign><CascadeDelete>{delete}</CascadeDelete>"
        "<CascadeArchive>RemoveLink</CascadeArchive><CascadeReparent>NoCascade</CascadeReparent>"
        "<CascadeShare>NoCascade</CascadeShare><CascadeUnshare>NoCascade</CascadeUnshare>"
        f"<ReferencingAttributeName>{lookup}</ReferencingAttributeName>"
        f"<RelationshipDescription /><EntityRelationshipRoles>{roles}</EntityRelationshipRoles>"
        "</EntityRelationship>"
    )


def _relationships(*items: str) -> str:
    return f"<EntityRelationships>{''.join(items)}</EntityRelationships>"


def _roots(*items: tuple[int, str, int]) -> str:
    """``RootComponent`` elements: (type, schema name, behavior) each."""
    return "".join(
        f'<RootComponent type="{kind}" schemaName="{schema}" behavior="{behavior}" />'
        for kind, schema, behavior in items
    )


def _solution(name: str, prefix: str, option_prefix: int, language: int, roots: str) -> str:
    return (
        f'<ImportExportXml version="9.2.25113.156" SolutionPackageVersion="9.2" '
        f'languagecode="{language}" generatedBy="CrmLive"><SolutionManifest>'
        f"<UniqueName>{name}</UniqueName><Version>1.0.0.0</Version><Managed>0</Managed>"
        f"<Publisher><UniqueName>{prefix}</UniqueName><CustomizationPrefix>{prefix}"
        f"</CustomizationPrefix><CustomizationOptionValuePrefix>{option_prefix}"
        "</CustomizationOptionValuePrefix></Publisher>"
        f"<RootComponents>{roots}</RootComponents><MissingDependencies />"
        "</SolutionManifest></ImportExportXml>"
    )


def _run(
    tmp_path: Path, name: str, files: dict[str, str], pages: tuple[str, ...] = ()
) -> Generation:
    specs = tmp_path / "specs"
    folder = specs / name
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        head = '<?xml version="1.0" encoding="utf-8"?>\n' if relative.endswith(".xml") else ""
        path.write_text(head + text, encoding="utf-8")
    for page in pages:
        shutil.copy(CORPUS / page, specs / page)
    diagnostics = Diagnostics()
    generation = generate(Config(specs=specs, out=tmp_path / "out", cache=False), diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    warned = {d.code for d in diagnostics if d.severity is Severity.WARNING}
    assert warned <= ALLOWED, [str(d) for d in diagnostics]
    assert xsd_errors(generation.files["odata/metadata.xml"].encode("utf-8")) == []
    return generation


# --- the menu labels roles state -----------------------------------------------------------

ORDINAL = "<AssociationRoleOrdinal>{}</AssociationRoleOrdinal>"
ONE, MANY = (
    "<RelationshipRoleType>1</RelationshipRoleType>",
    "<RelationshipRoleType>0</RelationshipRoleType>",
)


def _label(text: str, code: int = 1033) -> str:
    return f'<CustomLabel description="{text}" languagecode="{code}" />'


def _many_to_many(name: str, first: str, second: str, roles: str) -> str:
    return (
        f'<EntityRelationship Name="{name}"><EntityRelationshipType>ManyToMany'
        "</EntityRelationshipType><IntroducedVersion>7.0.11</IntroducedVersion>"
        f"<IsHierarchical>0</IsHierarchical><FirstEntityName>{first}</FirstEntityName>"
        f"<SecondEntityName>{second}</SecondEntityName><IntersectEntityName>{name}"
        "</IntersectEntityName><IsValidForAdvancedFind>1</IsValidForAdvancedFind>"
        f"<EntityRelationshipRoles>{roles}</EntityRelationshipRoles></EntityRelationship>"
    )


# hmcts/pre-rec-evidence, Other/Relationships/adx_invitation.xml (two of its N:N) and
# Account.xml (Microsoft's msa_contact_managingpartner, restated with its menu label).
INVITATIONS = _relationships(
    _many_to_many(
        "adx_invitation_invitecontacts",
        "adx_invitation",
        "Contact",
        _role(
            "adx_invitation_invitecontacts",
            ORDINAL.format(1),
            _menu("DoNotDisplay", 20000),
            _label(""),
        )
        + _role(
            "adx_invitation_invitecontacts",
            ORDINAL.format(2),
            _menu("UseLabel", 10000),
            _label("Invite Contacts"),
        ),
    ),
    _many_to_many(
        "adx_invitation_redeemedcontacts",
        "adx_invitation",
        "Contact",
        _role(
            "adx_invitation_redeemedcontacts",
            ORDINAL.format(1),
            _menu("DoNotDisplay", 20000),
            _label("Redeemed Invitations"),
        )
        + _role(
            "adx_invitation_redeemedcontacts",
            ORDINAL.format(2),
            _menu("UseLabel", 10000),
            _label("Redeemed Contacts"),
        ),
    ),
)
MANAGING = _relationships(
    _one_to_many(
        "msa_contact_managingpartner",
        "Contact",
        "Account",
        "msa_managingpartnerid",
        _role("msa_managingpartnerid", ONE, _menu("UseLabel", 100500), _label("Managed Contacts"))
        + f"<EntityRelationshipRole>{MANY}</EntityRelationshipRole>",
        "RemoveLink",
    )
)
PORTAL = {
    "Other/Solution.xml": _solution(
        "dts_pre_recorded_evidence",
        "pre",
        10000,
        1033,
        _roots((1, "adx_invitation", 0), (1, "contact", 1), (1, "account", 1)),
    ),
    "Entities/adx_invitation/Entity.xml": _entity(
        "adx_invitation", "Invitation", _key("adx_invitationId") + _name("adx_name", 100) + _owner()
    ),
    "Entities/Contact/Entity.xml": _shell(
        "Contact",
        "Contact",
        _with(attribute_xml("msa_managingpartnerid", "lookup"), LookupStyle="single"),
    ),
    "Entities/Account/Entity.xml": _shell("Account", "Account", _name("Name", 160)),
    "Other/Relationships/adx_invitation.xml": INVITATIONS,
    "Other/Relationships/Account.xml": MANAGING,
}


def test_a_roles_custom_label_is_its_menus_label(tmp_path: Path) -> None:
    generation = _run(tmp_path, "portal", PORTAL)
    invitation = generation.tables.get("adx_invitation")
    assert invitation is not None
    menus = {}
    for rel in invitation.relationships.many_to_many:
        assert isinstance(rel, ManyToManyRelationship)
        for side in (rel.this_table, rel.other_table):
            menu = side.associated_menu_configuration
            assert menu is not None
            menus[(rel.schema_name, side.logical_name)] = (menu.behavior, menu.label, menu.order)
    # As Microsoft's adx_invitation page states them (Table 1, Table 2).
    assert menus == {
        ("adx_invitation_invitecontacts", "adx_invitation"): ("DoNotDisplay", None, 20000),
        ("adx_invitation_invitecontacts", "contact"): ("UseLabel", "Invite Contacts", 10000),
        ("adx_invitation_redeemedcontacts", "adx_invitation"): (
            "DoNotDisplay",
            "Redeemed Invitations",
            20000,
        ),
        ("adx_invitation_redeemedcontacts", "contact"): ("UseLabel", "Redeemed Contacts", 10000),
    }
    contact = generation.tables.get("contact")
    assert contact is not None
    (managing,) = [
        r
        for r in contact.relationships.many_to_one
        if r.schema_name == "msa_contact_managingpartner"
    ]
    menu = managing.associated_menu_configuration
    assert menu is not None and (menu.behavior, menu.label, menu.order) == (
        "UseLabel",
        "Managed Contacts",
        100500,
    )
    model = generation.files["model/contact.yaml"]
    assert "behavior: UseLabel\n      group: Details\n      label: Managed Contacts\n" in model


# juergenbeck/D365TestCenter, Other/Relationships/jbe_testrun.xml: a UseCollectionName role
# with a custom label, labels in English and German (the set's language picks).
TEST_RUNS = _relationships(
    _one_to_many(
        "jbe_testrunresult_testrun",
        "jbe_testrunresult",
        "jbe_testrun",
        "jbe_TestRunId",
        _role("jbe_TestRunId", ONE, _menu("UseCollectionName", 10000), _label("Test Chunks"))
        + _role("jbe_testrunresult_testrun", MANY),
        "Cascade",
    )
)
FILE = _with(
    attribute_xml("jbe_uitrace", "file"),
    DisplayMask="ValidForForm|ValidForGrid",
    ValidForUpdateApi="0",
    ValidForReadApi="1",
    ValidForCreateApi="0",
    MaxValue="30720",
)
RESULT = (
    _key("jbe_testrunresultId")
    + _name("jbe_name", 200)
    + _labelled(
        attribute_xml("jbe_TestRunId", "lookup", SINGLE), ((1031, "Testlauf"), (1033, "Test Run"))
    )
    + _labelled(
        attribute_xml(
            "jbe_TrackedRecords", "ntext", "<Format>textarea</Format><MaxLength>1048576</MaxLength>"
        ),
        ((1031, "Erzeugte Records (JSON)"), (1033, "Tracked Records (JSON)")),
    )
    + FILE
    + _owner()
)
ATTACHMENT = (
    '<EntityRelationships><EntityRelationship Name="FileAttachment_jbe_testrunresult_jbe_uitrace">'
    "<EntityRelationshipType>OneToMany</EntityRelationshipType><IsCustomizable>0</IsCustomizable>"
    "<ReferencingEntityName>jbe_testrunresult</ReferencingEntityName>"
    "<ReferencedEntityName>FileAttachment</ReferencedEntityName>"
    "<CascadeAssign>NoCascade</CascadeAssign><CascadeDelete>RemoveLink</CascadeDelete>"
    "<CascadeArchive>RemoveLink</CascadeArchive><CascadeReparent>NoCascade</CascadeReparent>"
    "<CascadeShare>NoCascade</CascadeShare><CascadeUnshare>NoCascade</CascadeUnshare>"
    "<ReferencingAttributeName>jbe_uitrace</ReferencingAttributeName><RelationshipDescription>"
    '<Descriptions><Description description="Playwright trace.zip from a BrowserAction step '
    '(ADR-0006). Set on UI test failures only." languagecode="1033" /></Descriptions>'
    "</RelationshipDescription></EntityRelationship></EntityRelationships>"
)
TEST_CENTER = {
    "Other/Solution.xml": _solution(
        "D365TestCenter",
        "jbe",
        39507,
        1033,
        _roots((1, "jbe_testrun", 0), (1, "jbe_testrunresult", 0)),
    ),
    "Entities/jbe_testrun/Entity.xml": _entity(
        "jbe_testrun", "Test Run", _key("jbe_testrunId") + _name("jbe_name", 200) + _owner()
    ),
    "Entities/jbe_testrunresult/Entity.xml": _entity(
        "jbe_testrunresult", "Test Run Result", RESULT
    ),
    "Other/Relationships/jbe_testrun.xml": TEST_RUNS,
    "Other/Relationships/FileAttachment.xml": ATTACHMENT,
}


@pytest.fixture(scope="module")
def test_center(tmp_path_factory: pytest.TempPathFactory) -> Generation:
    return _run(tmp_path_factory.mktemp("testcenter"), "TestCenter", TEST_CENTER)


def test_a_use_collection_name_menu_keeps_its_custom_label(test_center: Generation) -> None:
    result = test_center.tables.get("jbe_testrunresult")
    assert result is not None
    (run,) = [
        r for r in result.relationships.many_to_one if r.schema_name == "jbe_testrunresult_testrun"
    ]
    menu = run.associated_menu_configuration
    assert menu is not None
    assert (menu.behavior, menu.group, menu.label, menu.order) == (
        "UseCollectionName",
        "Details",
        "Test Chunks",
        10000,
    )
    assert run.referencing_entity_navigation_property_name == "jbe_TestRunId"
    lookup = result.column("jbe_testrunid")
    assert lookup is not None and lookup.display_name == "Test Run"


def test_a_file_column_its_described_relationship_and_a_long_memo(test_center: Generation) -> None:
    result = test_center.tables.get("jbe_testrunresult")
    assert result is not None
    trace = result.column("jbe_uitrace")
    assert trace is not None and trace.type is ColumnType.FILE
    assert trace.max_size_in_kb == 30720
    assert not trace.valid_for_create and not trace.valid_for_update
    (attachment,) = [
        r for r in result.relationships.many_to_one if r.schema_name.startswith("FileAttachment_")
    ]
    assert attachment.schema_name == "FileAttachment_jbe_testrunresult_jbe_uitrace"
    assert attachment.is_customizable is False
    cascade = attachment.cascade_configuration
    assert cascade is not None
    assert cascade.delete is CascadeType.REMOVE_LINK and cascade.archive is CascadeType.REMOVE_LINK
    assert dict(attachment.extra)["Description"].startswith("Playwright trace.zip")
    memo = result.column("jbe_trackedrecords")
    assert memo is not None and (memo.type, memo.max_length) == (ColumnType.MEMO, 1048576)
    sqlite = test_center.files["sql/sqlite/schema.sql"]
    assert 'CHECK (length("jbe_trackedrecords") <= 1048576)' in sqlite
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA foreign_keys = ON")
    db.executescript(sqlite)
    owner = "5c1e1fd3-4a1b-4d9e-9c1e-2f6a7b8c9d0e"
    run = "0b6f1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d"
    db.execute(
        "INSERT INTO jbe_testrun (jbe_testrunid, jbe_name, ownerid) VALUES (?, 'R1', ?)",
        (run, owner),
    )
    db.execute(
        "INSERT INTO jbe_testrunresult (jbe_name, jbe_testrunid, jbe_trackedrecords, ownerid)"
        " VALUES ('T1', ?, ?, ?)",
        (run, "x" * 1048576, owner),
    )
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO jbe_testrunresult (jbe_name, jbe_trackedrecords, ownerid)"
            " VALUES ('T2', ?, ?)",
            ("x" * 1048577, owner),
        )
    db.execute("DELETE FROM jbe_testrun")  # Delete Cascade
    assert db.execute("SELECT count(*) FROM jbe_testrunresult").fetchone() == (0,)


# --- DenisMorelER/demat: a French org customizing contact, account and letter ---------------

FR, EN = 1036, 1033


def _french(attribute: str, label: str) -> str:
    return _labelled(attribute, ((FR, label),))


def _global_choice(name: str, label: str, options: tuple[tuple[int, str], ...]) -> str:
    listed = "".join(
        f'<option value="{value}" ExternalValue="" IsHidden="0"><labels>'
        f'<label description="{text}" languagecode="1036" /></labels></option>'
        for value, text in options
    )
    return (
        f'<optionset Name="{name}" localizedName="{label}"><OptionSetType>picklist</OptionSetType>'
        "<IsGlobal>1</IsGlobal><IntroducedVersion>1.0.0.0</IntroducedVersion>"
        f'<displaynames><displayname description="{label}" languagecode="1036" /></displaynames>'
        f"<options>{listed}</options></optionset>"
    )


def _lookup_to(name: str, referencing: str, referenced: str, lookup: str, nav: str) -> str:
    return _relationships(
        _one_to_many(
            name,
            referencing,
            referenced,
            lookup,
            _role(nav, ONE, _menu("UseCollectionName", 10000)) + _role(name, MANY),
            "RemoveLink",
        )
    )


FORMULA = _with(
    _french(
        attribute_xml(
            "er_numeros_telephone", "nvarchar", "<Format>text</Format><MaxLength>4000</MaxLength>"
        ),
        "Numéros de téléphone",
    ),
    ValidForUpdateApi="0",
    ValidForReadApi="1",
    ValidForCreateApi="0",
    SourceType="3",
    FormulaDefinitionFileName="/Formulas/contact-FormulaDefinitions.yaml",
)
CONTACT = (
    _labelled(
        _required(
            attribute_xml(
                "FirstName", "nvarchar", "<Format>text</Format><MaxLength>50</MaxLength>", 0
            ),
            "required",
        ),
        ((FR, "Prénom"), (EN, "First Name")),
    )
    + _labelled(
        _required(
            attribute_xml(
                "MobilePhone", "nvarchar", "<Format>phone</Format><MaxLength>50</MaxLength>", 0
            ),
            "recommended",
        ),
        ((EN, "Mobile Phone"), (FR, "Téléphone mobile")),
    )
    + _french(
        _required(
            attribute_xml(
                "er_civilite",
                "picklist",
                "<AppDefaultValue>-1</AppDefaultValue><OptionSetName>er_civilites</OptionSetName>",
            ),
            "recommended",
        ),
        "Civilité",
    )
    + _french(attribute_xml("er_menage", "lookup", SINGLE), "0 DEPRECATED Ménage de rattachement")
    + FORMULA
)
YES_NO = (
    "<AppDefaultValue>0</AppDefaultValue>"
    '<optionset Name="er_account_er_bool_donneur_alerte"><OptionSetType>bit</OptionSetType>'
    '<options><option value="1" ExternalValue="" IsHidden="0"><labels>'
    '<label description="Oui" languagecode="1036" /></labels></option>'
    '<option value="0" ExternalValue="" IsHidden="0"><labels>'
    '<label description="Non" languagecode="1036" /></labels></option></options></optionset>'
)
LETTER = (
    _french(
        attribute_xml(
            "er_date_resolution",
            "datetime",
            "<Format>date</Format><CanChangeDateTimeBehavior>1</CanChangeDateTimeBehavior>"
            "<Behavior>2</Behavior>",
        ),
        "Date de résolution",
    )
    + _french(
        attribute_xml(
            "er_origine_demande",
            "picklist",
            "<AppDefaultValue>-1</AppDefaultValue><OptionSetName>er_origines_demandes</OptionSetName>",
        ),
        "Origine de la demande",
    )
    + _french(attribute_xml("er_echange_menage", "lookup", SINGLE), "Echange Ménage")
)
DEMAT = {
    "Other/Solution.xml": _solution(
        "Dematerialisation_des_Processus",
        "er",
        12221,
        1036,
        _roots(
            (1, "account", 2),
            (1, "contact", 1),
            (1, "letter", 2),
            (1, "er_menage", 0),
            (1, "er_echanges_menage", 0),
            (9, "er_civilites", 0),
            (9, "er_origines_demandes", 0),
        ),
    ),
    "Entities/Contact/Entity.xml": _shell("Contact", "Contact", CONTACT),
    "Entities/Contact/Formulas/contact-FormulaDefinitions.yaml": (
        'er_numeros_telephone: =telephone1 & " - " & telephone2\n'
    ),
    "Entities/Account/Entity.xml": _shell(
        "Account",
        "Compte",
        _french(attribute_xml("er_bool_donneur_alerte", "bit", YES_NO), "Donneur d'alerte"),
    ),
    "Entities/Letter/Entity.xml": _shell("Letter", "Lettre", LETTER),
    "Entities/er_menage/Entity.xml": _entity(
        "er_menage", "Ménage", _key("er_menageId") + _name("er_name", 100) + _owner()
    ),
    "Entities/er_echanges_menage/Entity.xml": _entity(
        "er_echanges_menage",
        "Echange ménage",
        _key("er_echanges_menageId") + _name("er_name", 100) + _owner(),
    ),
    "OptionSets/er_civilites.xml": _global_choice(
        "er_civilites",
        "Civilités",
        ((122210000, "M."), (122210001, "Mme."), (122210002, "Mlle"), (122210003, "Autre")),
    ),
    "OptionSets/er_origines_demandes.xml": _global_choice(
        "er_origines_demandes",
        "Origines de demandes",
        (
            (122210016, "Salon de la maison"),
            (122210018, "Salon des séniors"),
            (122210017, "Site internet"),
        ),
    ),
    "Other/Relationships/er_menage.xml": _lookup_to(
        "er_menage_contacts", "Contact", "er_menage", "er_menage", "er_menage"
    ),
    "Other/Relationships/er_echanges_menage.xml": _lookup_to(
        "er_echange_menage_courriers",
        "Letter",
        "er_echanges_menage",
        "er_echange_menage",
        "er_echange_menage_Letter",
    ),
}


@pytest.fixture(scope="module")
def demat(tmp_path_factory: pytest.TempPathFactory) -> Generation:
    if not CORPUS.is_dir():
        pytest.skip(NO_SHARED)
    pages = ("contact.md", "account.md", "letter.md")
    return _run(tmp_path_factory.mktemp("demat"), "demat", DEMAT, pages)


@needs_shared
def test_a_formula_column_on_microsofts_contact(demat: Generation) -> None:
    contact = demat.tables.get("contact")
    assert contact is not None
    formula = contact.column("er_numeros_telephone")
    assert formula is not None and formula.type is ColumnType.STRING
    assert (formula.valid_for_create, formula.valid_for_update) == (False, False)
    assert formula.display_name == "Numéros de téléphone" and formula.max_length == 4000
    extra = dict(formula.extra)
    assert extra["SourceType"] == "3"
    assert extra["FormulaDefinitionFileName"] == "/Formulas/contact-FormulaDefinitions.yaml"
    metadata = demat.files["odata/metadata.xml"]
    start = metadata.index('<Property Name="er_numeros_telephone" Type="Edm.String"')
    assert (
        '<Annotation Term="Org.OData.Core.V1.Computed" Bool="true"/>'
        in metadata[start : start + 300]
    )


@needs_shared
def test_the_solution_sets_the_required_levels_of_microsofts_columns(demat: Generation) -> None:
    contact = demat.tables.get("contact")
    assert contact is not None
    first, mobile = contact.column("firstname"), contact.column("mobilephone")
    assert first is not None and first.required_level is RequiredLevel.APPLICATION_REQUIRED
    assert first.display_name == "First Name"  # the English label of a French export
    assert mobile is not None and mobile.required_level is RequiredLevel.RECOMMENDED
    civilite = contact.column("er_civilite")
    assert civilite is not None and civilite.global_choice_name == "er_civilites"
    assert [(c.value, c.label) for c in civilite.choices] == [
        (122210000, "M."),
        (122210001, "Mme."),
        (122210002, "Mlle"),
        (122210003, "Autre"),
    ]
    schema = demat.files["sql/postgres/schema.sql"]
    assert '"er_civilite" IN (122210000, 122210001, 122210002, 122210003)' in schema


@needs_shared
def test_the_lookups_of_contact_and_letter_take_their_roles_names(demat: Generation) -> None:
    metadata = demat.files["odata/metadata.xml"]
    assert (
        '<NavigationProperty Name="er_menage" Type="mscrm.er_menage" Nullable="false"'
        ' Partner="er_menage_contacts">'
    ) in metadata
    assert (
        '<NavigationProperty Name="er_echange_menage_Letter" Type="mscrm.er_echanges_menage"'
        ' Nullable="false" Partner="er_echange_menage_courriers">'
    ) in metadata
    letter = demat.tables.get("letter")
    assert letter is not None and letter.primary_id_attribute == "activityid"
    date = letter.column("er_date_resolution")
    assert date is not None and date.date_time_behavior is DateTimeBehavior.DATE_ONLY
    assert '<Property Name="er_date_resolution" Type="Edm.Date"/>' in metadata
    origin = letter.column("er_origine_demande")
    assert origin is not None
    assert [c.value for c in origin.choices] == [122210016, 122210018, 122210017]


@needs_shared
def test_a_yes_no_listing_yes_first(demat: Generation) -> None:
    account = demat.tables.get("account")
    assert account is not None
    flag = account.column("er_bool_donneur_alerte")
    assert flag is not None and flag.type is ColumnType.BOOLEAN
    assert {c.value: c.label for c in flag.choices} == {0: "Non", 1: "Oui"}
    assert flag.default_value is False
    assert (
        '"er_bool_donneur_alerte" boolean DEFAULT false' in demat.files["sql/postgres/schema.sql"]
    )


@needs_shared
def test_the_french_orgs_sql_runs_on_sqlite(demat: Generation) -> None:
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA foreign_keys = ON")
    db.executescript(demat.files["sql/sqlite/schema.sql"])
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    assert {"contact", "account", "letter", "er_menage", "er_echanges_menage"} <= tables


@needs_shared
@pytest.mark.skipif(postgres_unavailable() is not None, reason=str(postgres_unavailable()))
def test_the_french_orgs_sql_runs_on_postgresql(demat: Generation) -> None:
    import psycopg

    server = shared_server()
    with psycopg.connect(server.dsn(server.create_database()), autocommit=True) as conn:
        conn.execute(demat.files["sql/postgres/schema.sql"])
        row = conn.execute(
            "SELECT col_description('contact'::regclass, a.attnum) FROM pg_attribute a"
            " WHERE a.attrelid = 'contact'::regclass AND a.attname = 'er_numeros_telephone'"
        ).fetchone()
    assert row == (None,)


# --- orangelamp-1/Power-Platform-project: an email-enabled table ------------------------------

BIT = (
    "<AppDefaultValue>0</AppDefaultValue>"
    '<optionset Name="ol_gr_task_ol_taskoverdue"><OptionSetType>bit</OptionSetType>'
    '<options><option value="1" ExternalValue="" IsHidden="0"><labels>'
    '<label description="Yes" languagecode="1033" /></labels></option>'
    '<option value="0" ExternalValue="" IsHidden="0"><labels>'
    '<label description="No" languagecode="1033" /></labels></option></options></optionset>'
)
TASK = (
    _key("ol_GR_TaskId")
    + _with(
        attribute_xml("ol_TaskID", "nvarchar", "<Format>text</Format><MaxLength>200</MaxLength>"),
        DisplayMask="QueueItemTitle|PrimaryName|ReadOnlyInUI|ValidForAdvancedFind|ValidForForm"
        "|ValidForGrid|RequiredForForm",
        AutoNumberFormat="GR-TSK{SEQNUM:6}",
    )
    + _with(
        attribute_xml("ol_TaskOverdue", "bit", BIT),
        ValidForUpdateApi="0",
        ValidForReadApi="1",
        ValidForCreateApi="0",
        SourceType="3",
        FormulaDefinitionFileName="/Formulas/ol_gr_task-FormulaDefinitions.yaml",
    )
    + attribute_xml("ol_DueDate", "datetime", "<Format>datetime</Format><Behavior>1</Behavior>")
    + attribute_xml("ol_ParentTask", "lookup", SINGLE)
    + attribute_xml(
        "EmailAddress", "nvarchar", "<Format>email</Format><MaxLength>100</MaxLength>", 0
    )
    + _owner()
)
GRAIL = {
    "Other/Solution.xml": _solution("OL_MAIN", "ol", 12525, 1033, _roots((1, "ol_gr_task", 0))),
    "Entities/ol_GR_Task/Entity.xml": _entity(
        "ol_GR_Task",
        "GRAIL Task",
        TASK,
        "<IsActivityParty>1</IsActivityParty><IsConnectionsEnabled>1</IsConnectionsEnabled>"
        "<AutoCreateAccessTeams>1</AutoCreateAccessTeams><HasRelatedNotes>True</HasRelatedNotes>"
        "<HasRelatedFeedback>True</HasRelatedFeedback>",
    ),
    "Other/Relationships/ol_GR_Task.xml": _lookup_to(
        "ol_GR_Task_ParentTask_ol_GR_Task",
        "ol_GR_Task",
        "ol_GR_Task",
        "ol_ParentTask",
        "ol_ParentTask",
    ),
}


def test_an_email_enabled_table_with_a_formula_yes_no(tmp_path: Path) -> None:
    generation = _run(tmp_path, "grail", GRAIL)
    task = generation.tables.get("ol_gr_task")
    assert task is not None and task.primary_name_attribute == "ol_taskid"
    number = task.column("ol_taskid")
    assert number is not None and dict(number.extra)["AutoNumberFormat"] == "GR-TSK{SEQNUM:6}"
    overdue = task.column("ol_taskoverdue")
    assert overdue is not None and overdue.type is ColumnType.BOOLEAN
    assert (overdue.valid_for_create, overdue.valid_for_update) == (False, False)
    assert dict(overdue.extra)["SourceType"] == "3"
    email = task.column("emailaddress")
    assert email is not None and email.format_name == "Email" and email.max_length == 100
    names = {r.schema_name for r in task.relationships.one_to_many}
    assert {"ol_gr_task_connections1", "ol_gr_task_connections2", "ol_gr_task_Feedback"} <= names
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA foreign_keys = ON")
    db.executescript(generation.files["sql/sqlite/schema.sql"])
    owner = "5c1e1fd3-4a1b-4d9e-9c1e-2f6a7b8c9d0e"
    parent = "0b6f1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d"
    db.execute(
        "INSERT INTO ol_gr_task (ol_gr_taskid, ol_taskid, ownerid) VALUES (?, 'GR-TSK000001', ?)",
        (parent, owner),
    )
    db.execute(
        "INSERT INTO ol_gr_task (ol_taskid, ol_parenttask, ownerid) VALUES ('GR-TSK000002', ?, ?)",
        (parent, owner),
    )
    db.execute("DELETE FROM ol_gr_task WHERE ol_gr_taskid = ?", (parent,))
    assert db.execute("SELECT ol_parenttask FROM ol_gr_task").fetchall() == [(None,)]
