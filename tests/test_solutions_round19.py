"""Variations met in a nineteenth round of real solutions outside the corpus (2018 to 2026
folders): tc-ca/ROM-GSR's ``Oversight`` (a 9.1 export of 2020 in English and French: 20 of
Microsoft's Field Service and Scheduling tables customized as shells around ``ovs_`` and ``tc_``
tables, roles that name Microsoft's lookups in lower case, ``msdyn_serviceaccount`` for
``msdyn_ServiceAccount``, and leave the referenced side's role unnamed); tc-ca/CCMS-SGCR's
``HRCaseManagement`` (English and French, a global choice, a business process flow on a custom
table, a many-to-many relationship whose two roles carry one name);
microsoft/powercat-business-approvals-kit (29 ``cat_`` tables, relationship names cut at 40
characters, two self-references of one table, a collection renamed ``cat_publishedworkflow``);
JoseeeLB/Proyecto-SDD-Logistica-Sur-S.L. (2026, Spanish only, ``<CascadeArchive>``). Each
navigation property dvgen gives their lookups is held to what the export's
``<EntityRelationshipRoles>`` state, and the outputs to sqlite3 and the OASIS XSD; as a minimal
solution written for the test.

Every stated name was reproduced (50 relationships of the four folders checked), with the roles
and, for the custom tables, without: the round found no fault in the names, and these tests keep
them. It found three beside them: a shell's ``<Name LocalizedName>`` was not read, so a table
built from a shell had no display name; an export's word that the columns Dataverse alone
writes (``createdon``...) are valid for create and update was taken; and a column a shell lists
unmodified that the page lacks was left out (a lookup of it made anew, unnamed)."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from dvgen.diagnostics import Diagnostics
from dvgen.pipeline import Generation
from tests.conftest import CORPUS, NO_SHARED
from tests.solution_support import attribute_xml, generate_unpacked, manifest
from tests.test_odata_tools import xsd_errors

LOOKUP = "<LookupStyle>single</LookupStyle><LookupTypes />"


def _roots(tables: dict[str, int]) -> str:
    return "".join(
        f'<RootComponent type="1" schemaName="{name.lower()}" behavior="{behavior}" />'
        for name, behavior in tables.items()
    )


def _entity(schema: str, attributes: str, extra: str = "") -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Entity>
  <Name LocalizedName="{schema}" OriginalName="{schema}">{schema}</Name>
  <EntityInfo>
    <entity Name="{schema}">
      <attributes>
{attributes}      </attributes>
      <EntitySetName>{schema.lower()}s</EntitySetName>
      <OwnershipTypeMask>UserOwned</OwnershipTypeMask>{extra}
    </entity>
  </EntityInfo>
</Entity>
"""


def _shell(schema: str, attributes: str) -> str:
    """A table of Microsoft's as a 9.1 export keeps it for the columns a solution lists
    (``<entity Name="msdyn_actual" unmodified="1">``, no table properties)."""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Entity>
  <Name LocalizedName="{schema}" OriginalName="{schema}">{schema}</Name>
  <EntityInfo>
    <entity Name="{schema}" unmodified="1">
      <attributes>
{attributes}      </attributes>
    </entity>
  </EntityInfo>
</Entity>
"""


def _own(schema: str, prefix: str, lookups: str = "") -> str:
    """A custom table: its key, its primary name and ``lookups``."""
    name = attribute_xml(
        f"{prefix}_Name",
        "nvarchar",
        "<DisplayMask>PrimaryName</DisplayMask><Format>text</Format><MaxLength>100</MaxLength>",
    )
    return _entity(schema, attribute_xml(f"{schema}Id", "primarykey", custom=0) + name + lookups)


def _lookup(physical: str) -> str:
    return attribute_xml(physical, "lookup", LOOKUP)


def _one_to_many(
    name: str,
    referencing: str,
    referenced: str,
    attribute: str,
    single: str,
    collection: str | None,
    delete: str = "RemoveLink",
) -> str:
    """A ``<EntityRelationship>`` with its roles as a 9.x export writes them; ``collection``
    None leaves the referenced side's role without a name, as Microsoft's own relationships
    of a 2020 export have it."""
    named = f"<NavigationPropertyName>{collection}</NavigationPropertyName>" if collection else ""
    return f"""  <EntityRelationship Name="{name}">
    <EntityRelationshipType>OneToMany</EntityRelationshipType>
    <IntroducedVersion>1.0.0.0</IntroducedVersion>
    <IsHierarchical>0</IsHierarchical>
    <ReferencingEntityName>{referencing}</ReferencingEntityName>
    <ReferencedEntityName>{referenced}</ReferencedEntityName>
    <CascadeAssign>NoCascade</CascadeAssign>
    <CascadeDelete>{delete}</CascadeDelete>
    <CascadeArchive>RemoveLink</CascadeArchive>
    <IsValidForAdvancedFind>1</IsValidForAdvancedFind>
    <ReferencingAttributeName>{attribute}</ReferencingAttributeName>
    <RelationshipDescription>
      <Descriptions>
        <Description description="Compte à servir" languagecode="1036" />
      </Descriptions>
    </RelationshipDescription>
    <EntityRelationshipRoles>
      <EntityRelationshipRole>
        <NavPaneDisplayOption>UseCollectionName</NavPaneDisplayOption>
        <NavPaneArea>Details</NavPaneArea>
        <NavPaneOrder>10000</NavPaneOrder>
        <NavigationPropertyName>{single}</NavigationPropertyName>
        <CustomLabels>
          <CustomLabel description="" languagecode="1033" />
          <CustomLabel description="" languagecode="1036" />
        </CustomLabels>
        <RelationshipRoleType>1</RelationshipRoleType>
      </EntityRelationshipRole>
      <EntityRelationshipRole>
        {named}<RelationshipRoleType>0</RelationshipRoleType>
      </EntityRelationshipRole>
    </EntityRelationshipRoles>
  </EntityRelationship>
"""


def _many_to_many(name: str, first: str, second: str, intersect: str, navs: tuple[str, str]) -> str:
    roles = "".join(
        "<EntityRelationshipRole><NavPaneDisplayOption>UseCollectionName</NavPaneDisplayOption>"
        f"<NavPaneArea>Details</NavPaneArea><NavigationPropertyName>{nav}</NavigationPropertyName>"
        f"<AssociationRoleOrdinal>{ordinal}</AssociationRoleOrdinal></EntityRelationshipRole>"
        for ordinal, nav in ((1, navs[0]), (2, navs[1]))
    )
    return f"""  <EntityRelationship Name="{name}">
    <EntityRelationshipType>ManyToMany</EntityRelationshipType>
    <IsCustomizable>1</IsCustomizable>
    <FirstEntityName>{first}</FirstEntityName>
    <SecondEntityName>{second}</SecondEntityName>
    <IntersectEntityName>{intersect}</IntersectEntityName>
    <EntityRelationshipRoles>{roles}</EntityRelationshipRoles>
  </EntityRelationship>
"""


def _relationships(*items: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<EntityRelationships>\n'
        + "".join(items)
        + ("</EntityRelationships>\n")
    )


def _checked(generation: Generation, diagnostics: Diagnostics) -> str:
    """The $metadata, once the run has no error, it is valid by the OASIS XSD and the SQLite
    schema applies."""
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    metadata = generation.files["odata/metadata.xml"]
    assert xsd_errors(metadata.encode("utf-8")) == []
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA foreign_keys = ON")
    db.executescript(generation.files["sql/sqlite/schema.sql"])
    db.close()
    return metadata


def _roleless(files: dict[str, str]) -> dict[str, str]:
    """``files`` with the roles of every one-to-many relationship left out, as an export of
    CRM 2016 or before writes none."""
    pattern = re.compile(
        r"(<EntityRelationshipType>OneToMany</EntityRelationshipType>.*?)"
        r"<EntityRelationshipRoles>.*?</EntityRelationshipRoles>",
        re.S,
    )
    return {path: pattern.sub(r"\1", text) for path, text in files.items()}


def _same_without_roles(tmp_path: Path, name: str, files: dict[str, str], metadata: str) -> None:
    """The custom lookups' names do not depend on the roles: Dataverse named them by their
    SchemaName, the collections by the relationships' names, which dvgen gives without them."""
    generation, diagnostics = generate_unpacked(tmp_path / "roleless", name, _roleless(files))
    assert _checked(generation, diagnostics) == metadata


def _single(metadata: str, name: str, target: str, partner: str) -> bool:
    declared = f'<NavigationProperty Name="{name}" Type="mscrm.{target}" Nullable="false"'
    return f'{declared} Partner="{partner}">' in metadata


def _collection(metadata: str, name: str, target: str, partner: str) -> bool:
    declared = f'<NavigationProperty Name="{name}" Type="Collection(mscrm.{target})"'
    return f'{declared} Partner="{partner}"/>' in metadata


# tc-ca/ROM-GSR, Oversight/Other/Relationships/Account.xml and BookableResource.xml (2020): the
# roles of Microsoft's own relationships name the lookup as Field Service and Scheduling named
# it, in lower case for some (msdyn_serviceaccount of msdyn_ServiceAccount, msdyn_resourcegroup
# of msdyn_ResourceGroup) and by SchemaName for others (msdyn_Crew, msdyn_SupportContact), and
# leave the referenced side's role without a name: the collection is the schema name. The
# solution's own lookups on msdyn_workorder state both sides (ovs_PrimaryInspector).
FIELD_SERVICE = {
    "Account": 2,
    "BookableResource": 0,
    "BookableResourceBooking": 2,
    "msdyn_workorder": 2,
    "ovs_AirCarrier": 0,
}
ROLES = (
    # name, referencing, referenced, lookup, single-valued, collection stated
    (
        "msdyn_account_msdyn_workorder_ServiceAccount",
        "msdyn_workorder",
        "Account",
        "msdyn_ServiceAccount",
        "msdyn_serviceaccount",
        None,
    ),
    (
        "msdyn_bookableresource_bookableresourcebooking_Crew",
        "BookableResourceBooking",
        "BookableResource",
        "msdyn_Crew",
        "msdyn_Crew",
        None,
    ),
    (
        "msdyn_bookableresource_bookableresourcebooking_ResourceGroup",
        "BookableResourceBooking",
        "BookableResource",
        "msdyn_ResourceGroup",
        "msdyn_resourcegroup",
        None,
    ),
    (
        "msdyn_bookableresource_msdyn_workorder_SupportContact",
        "msdyn_workorder",
        "BookableResource",
        "msdyn_SupportContact",
        "msdyn_SupportContact",
        None,
    ),
    (
        "msdyn_bookableresource_account_PreferredResource",
        "Account",
        "BookableResource",
        "msdyn_PreferredResource",
        "msdyn_PreferredResource",
        None,
    ),
    (
        "ovs_msdyn_workorder_PrimaryInspector_Bookable",
        "msdyn_workorder",
        "BookableResource",
        "ovs_PrimaryInspector",
        "ovs_PrimaryInspector",
        "ovs_msdyn_workorder_PrimaryInspector_Bookable",
    ),
    (
        "ovs_AirCarrier_Organization_Account",
        "ovs_AirCarrier",
        "Account",
        "ovs_Organization",
        "ovs_Organization",
        "ovs_AirCarrier_Organization_Account",
    ),
)


@pytest.mark.skipif(not CORPUS.is_dir(), reason=NO_SHARED)
def test_field_service_roles_name_lookups_as_the_export_states(tmp_path: Path) -> None:
    files = {
        "Other/Solution.xml": manifest("Oversight", "ovs", 91864, _roots(FIELD_SERVICE)),
        "Entities/BookableResource/Entity.xml": _own("BookableResource", "bookable"),
        "Entities/ovs_AirCarrier/Entity.xml": _own(
            "ovs_AirCarrier", "ovs", _lookup("ovs_Organization")
        ),
    }
    lookups: dict[str, str] = {}
    for _, referencing, _, lookup, _, _ in ROLES:
        if FIELD_SERVICE[referencing] == 2:
            lookups[referencing] = lookups.get(referencing, "") + _lookup(lookup)
    for table, attributes in lookups.items():
        files[f"Entities/{table}/Entity.xml"] = _shell(table, attributes)
    referenced: dict[str, list[str]] = {}
    for name, referencing, target, lookup, single, collection in ROLES:
        delete = "Restrict" if target == "Account" and collection is None else "RemoveLink"
        made = _one_to_many(name, referencing, target, lookup, single, collection, delete)
        referenced.setdefault(target, []).append(made)
    for target, items in referenced.items():
        files[f"Other/Relationships/{target}.xml"] = _relationships(*items)
    (tmp_path / "specs").mkdir()
    shutil.copy(CORPUS / "account.md", tmp_path / "specs" / "account.md")
    metadata = _checked(*generate_unpacked(tmp_path, "Oversight", files))
    for name, referencing, target, _, single, collection in ROLES:
        assert _single(metadata, single, target.lower(), collection or name), name
        assert _collection(metadata, collection or name, referencing.lower(), single), name
    assert 'Name="msdyn_ServiceAccount"' not in metadata
    assert 'Name="msdyn_ResourceGroup"' not in metadata


# tc-ca/CCMS-SGCR, HRCaseManagement (2020-2022): the business process flow new_phoenixcase on
# hr_HRCase, whose bpf_hr_hrcase_new_phoenixcase states bpf_hr_hrcaseid, while the flow's
# ActiveStageId and ProcessId relationships (ProcessStage.xml, Workflow.xml) state no role;
# and hr_CaseType_hr_CaseSubType_hr_CaseSubType, many-to-many, one name in both roles.
def test_a_business_process_flow_and_a_many_to_many_of_one_name(tmp_path: Path) -> None:
    flow = (
        attribute_xml("BusinessProcessFlowInstanceId", "primarykey", custom=0)
        + attribute_xml("bpf_name", "nvarchar", "<DisplayMask>PrimaryName</DisplayMask>")
        + attribute_xml("ActiveStageId", "lookup", LOOKUP, custom=0)
        + attribute_xml("ProcessId", "lookup", LOOKUP, custom=0)
        + _lookup("bpf_hr_hrcaseid")
    )
    bare = (
        '  <EntityRelationship Name="{name}">\n'
        "    <EntityRelationshipType>OneToMany</EntityRelationshipType>\n"
        "    <ReferencingEntityName>new_phoenixcase</ReferencingEntityName>\n"
        "    <ReferencedEntityName>{table}</ReferencedEntityName>\n"
        "    <CascadeDelete>NoCascade</CascadeDelete>\n"
        "    <ReferencingAttributeName>{column}</ReferencingAttributeName>\n"
        "  </EntityRelationship>\n"
    )
    tables = {"hr_HRCase": 0, "hr_CaseType": 0, "hr_CaseSubType": 0, "new_phoenixcase": 0}
    files = {
        "Other/Solution.xml": manifest("HRCaseManagement", "hr", 31584, _roots(tables)),
        "Entities/hr_HRCase/Entity.xml": _own(
            "hr_HRCase", "hr", _lookup("hr_CaseType") + _lookup("hr_CaseSubType")
        ),
        "Entities/hr_CaseType/Entity.xml": _own("hr_CaseType", "hr"),
        "Entities/hr_CaseSubType/Entity.xml": _own("hr_CaseSubType", "hr"),
        "Entities/new_phoenixcase/Entity.xml": _entity(
            "new_phoenixcase", flow, "\n      <IsBPFEntity>1</IsBPFEntity>"
        ).replace("UserOwned", "OrgOwned"),
        "Other/Relationships/hr_HRCase.xml": _relationships(
            _one_to_many(
                "bpf_hr_hrcase_new_phoenixcase",
                "new_phoenixcase",
                "hr_HRCase",
                "bpf_hr_hrcaseid",
                "bpf_hr_hrcaseid",
                "bpf_hr_hrcase_new_phoenixcase",
                "Cascade",
            )
        ),
        "Other/Relationships/hr_CaseType.xml": _relationships(
            _one_to_many(
                "hr_HRCase_hr_CaseType_hr_CaseType",
                "hr_HRCase",
                "hr_CaseType",
                "hr_CaseType",
                "hr_CaseType",
                "hr_HRCase_hr_CaseType_hr_CaseType",
            )
        ),
        "Other/Relationships/hr_CaseSubType.xml": _relationships(
            _many_to_many(
                "hr_CaseType_hr_CaseSubType_hr_CaseSubType",
                "hr_CaseSubType",
                "hr_CaseType",
                "hr_CaseType_hr_CaseSubType",
                ("hr_CaseType_hr_CaseSubType_hr_CaseSubType",) * 2,
            ),
            _one_to_many(
                "hr_HRCase_CaseSubType_hr_CaseSubType",
                "hr_HRCase",
                "hr_CaseSubType",
                "hr_CaseSubType",
                "hr_CaseSubType",
                "hr_HRCase_CaseSubType_hr_CaseSubType",
            ),
        ),
        "Other/Relationships/ProcessStage.xml": _relationships(
            bare.format(
                name="lk_new_phoenixcase_activestageid",
                table="ProcessStage",
                column="ActiveStageId",
            )
        ),
        "Other/Relationships/Workflow.xml": _relationships(
            bare.format(name="lk_new_phoenixcase_processid", table="Workflow", column="ProcessId")
        ),
    }
    metadata = _checked(*generate_unpacked(tmp_path, "HRCaseManagement", files))
    _same_without_roles(tmp_path, "HRCaseManagement", files, metadata)
    flows = "bpf_hr_hrcase_new_phoenixcase"
    assert _single(metadata, "bpf_hr_hrcaseid", "hr_hrcase", flows)
    assert _collection(metadata, flows, "new_phoenixcase", "bpf_hr_hrcaseid")
    assert '<NavigationProperty Name="activestageid" Type="mscrm.processstage"' in metadata
    assert '<NavigationProperty Name="processid" Type="mscrm.workflow"' in metadata
    assert _single(
        metadata, "hr_CaseSubType", "hr_casesubtype", "hr_HRCase_CaseSubType_hr_CaseSubType"
    )
    assert _single(metadata, "hr_CaseType", "hr_casetype", "hr_HRCase_hr_CaseType_hr_CaseType")
    both = "hr_CaseType_hr_CaseSubType_hr_CaseSubType"
    assert _collection(metadata, both, "hr_casetype", both)
    assert _collection(metadata, both, "hr_casesubtype", both)


# microsoft/powercat-business-approvals-kit, BusinessApprovalKit/SolutionPackage/src/Other/
# Relationships/cat_BusinessApprover.xml and cat_BusinessApprovalPublishedWorkflow.xml: two
# self-references of cat_BusinessApprover (names cut at 40 characters), and a relationship
# whose collection was named by hand, cat_publishedworkflow for the lookup cat_Workflow.
def test_two_self_references_and_a_collection_named_by_hand(tmp_path: Path) -> None:
    tables = {
        "cat_BusinessApprover": 0,
        "cat_BusinessApprovalPublishedWorkflow": 0,
        "cat_BusinessApprovalPublishedRuntimeData": 0,
    }
    approver = "cat_BusinessApprover"
    selves = (
        ("cat_BusinessApprover_BackupDelegate_cat_B", "cat_BackupDelegate"),
        ("cat_BusinessApprover_Delegate_cat_Busines", "cat_Delegate"),
    )
    files = {
        "Other/Solution.xml": manifest("BusinessApprovalKit", "cat", 10000, _roots(tables)),
        "Entities/cat_BusinessApprover/Entity.xml": _own(
            approver, "cat", _lookup("cat_BackupDelegate") + _lookup("cat_Delegate")
        ),
        "Entities/cat_BusinessApprovalPublishedWorkflow/Entity.xml": _own(
            "cat_BusinessApprovalPublishedWorkflow", "cat"
        ),
        "Entities/cat_BusinessApprovalPublishedRuntimeData/Entity.xml": _own(
            "cat_BusinessApprovalPublishedRuntimeData", "cat", _lookup("cat_Workflow")
        ),
        "Other/Relationships/cat_BusinessApprover.xml": _relationships(
            *(
                _one_to_many(name, approver, approver, column, column, name)
                for name, column in selves
            )
        ),
        "Other/Relationships/cat_BusinessApprovalPublishedWorkflow.xml": _relationships(
            _one_to_many(
                "cat_publishedworkflow",
                "cat_BusinessApprovalPublishedRuntimeData",
                "cat_BusinessApprovalPublishedWorkflow",
                "cat_Workflow",
                "cat_Workflow",
                "cat_publishedworkflow",
            )
        ),
    }
    metadata = _checked(*generate_unpacked(tmp_path, "BusinessApprovalKit", files))
    _same_without_roles(tmp_path, "BusinessApprovalKit", files, metadata)
    for name, column in selves:
        assert _single(metadata, column, "cat_businessapprover", name)
        assert _collection(metadata, name, "cat_businessapprover", column)
    published = "cat_businessapprovalpublishedworkflow"
    assert _single(metadata, "cat_Workflow", published, "cat_publishedworkflow")
    runtime = "cat_businessapprovalpublishedruntimedata"
    assert _collection(metadata, "cat_publishedworkflow", runtime, "cat_Workflow")


# JoseeeLB/Proyecto-SDD-Logistica-Sur-S.L., src/Other/Relationships/jlb_centrotrabajo.xml and
# src/Entities/jlb_perfilusuario/Entity.xml (2026): a Spanish-only export (languagecode 3082)
# whose relationship states <CascadeArchive>RemoveLink and an empty <RelationshipDescription />.
def test_a_spanish_export_s_required_lookup(tmp_path: Path) -> None:
    tables = {"jlb_centrotrabajo": 0, "jlb_perfilusuario": 0}
    required = attribute_xml("jlb_CentroTrabajoId", "lookup", LOOKUP).replace(
        "<RequiredLevel>none</RequiredLevel>", "<RequiredLevel>required</RequiredLevel>"
    )
    spanish = {
        "Other/Solution.xml": manifest("LogisticaSur", "jlb", 10000, _roots(tables), language=3082),
        "Entities/jlb_centrotrabajo/Entity.xml": _own("jlb_centrotrabajo", "jlb"),
        "Entities/jlb_perfilusuario/Entity.xml": _own("jlb_perfilusuario", "jlb", required),
        "Other/Relationships/jlb_centrotrabajo.xml": _relationships(
            _one_to_many(
                "jlb_centrotrabajo_perfilusuario",
                "jlb_perfilusuario",
                "jlb_centrotrabajo",
                "jlb_CentroTrabajoId",
                "jlb_CentroTrabajoId",
                "jlb_centrotrabajo_perfilusuario",
            ).replace('languagecode="1036"', 'languagecode="3082"')
        ),
    }
    files = {k: v.replace('languagecode="1033"', 'languagecode="3082"') for k, v in spanish.items()}
    generation, diagnostics = generate_unpacked(tmp_path, "LogisticaSur", files)
    metadata = _checked(generation, diagnostics)
    _same_without_roles(tmp_path, "LogisticaSur", files, metadata)
    name = "jlb_centrotrabajo_perfilusuario"
    assert _single(metadata, "jlb_CentroTrabajoId", "jlb_centrotrabajo", name)
    assert _collection(metadata, name, "jlb_perfilusuario", "jlb_CentroTrabajoId")
    schema = generation.files["sql/sqlite/schema.sql"]
    assert '"jlb_centrotrabajoid" TEXT NOT NULL' in schema


# tc-ca/ROM-GSR, Oversight/Entities/msdyn_actual/Entity.xml (2020, languagecode 1033): a shell
# (<entity Name="msdyn_actual" unmodified="1">, no <LocalizedNames>) whose <Name> still names
# the table, "Actual", as every export's <Name LocalizedName> names it in the export's language
# (the <LocalizedName> of that language wherever both are there: 119 of 119 tables of the
# solutions in ../shared; systemuser's shells say "User", aaduser's "AAD User" as Microsoft's
# page does). A table built from the shell, no spec defining it, had no display name: the JSON
# Schema titled it by its logical name. MehdiNaj/test (a 9.0 export in French, languagecode
# 1036) names Microsoft's opportunity "Opportunité": the table's name in the language its labels
# are read in, none of them in English. A page's name wins over a shell's.
SHELL = """<?xml version="1.0" encoding="utf-8"?>
<Entity>
  <Name LocalizedName="{shown}" OriginalName="{shown}">{schema}</Name>
  <EntityInfo>
    <entity Name="{schema}" unmodified="1">
      <attributes>
{attributes}      </attributes>
    </entity>
  </EntityInfo>
</Entity>
"""


def _named_shell(
    tmp_path: Path, language: int, schema: str, shown: str, labels: int | None = None
) -> Generation:
    """A solution in ``language`` customizing ``schema``'s shell, named ``shown``, with one
    column labelled in ``labels`` (``language`` by default)."""
    roots = f'<RootComponent type="1" schemaName="{schema.lower()}" behavior="2" />'
    label = f'<displayname description="Taux" languagecode="{labels or language}" />'
    column = attribute_xml("new_Rate", "decimal", "<MinValue>0</MinValue><MaxValue>10</MaxValue>")
    column = column.replace('<displayname description="new_Rate" languagecode="1033" />', label)
    files = {
        "Other/Solution.xml": manifest("Named", "new", 10000, roots, language=language),
        f"Entities/{schema}/Entity.xml": SHELL.format(
            schema=schema, shown=shown, attributes=column
        ),
    }
    generation, diagnostics = generate_unpacked(tmp_path, "Named", files)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    return generation


def test_a_shell_s_name_is_the_table_s_display_name(tmp_path: Path) -> None:
    generation = _named_shell(tmp_path / "en", 1033, "msdyn_actual", "Actual")
    assert "\ndisplay_name: Actual\n" in generation.files["model/msdyn_actual.yaml"]
    assert '"title": "Actual"' in generation.files["jsonschema/msdyn_actual.schema.json"]
    assert "-- Table msdyn_actual: Actual\n" in generation.files["sql/sqlite/schema.sql"]
    french = _named_shell(tmp_path / "fr", 1036, "Opportunity", "Opportunité")
    assert "\ndisplay_name: Opportunité\n" in french.files["model/opportunity.yaml"]
    # A French export with English labels: its English reader gets no French table name.
    both = _named_shell(tmp_path / "both", 1036, "Opportunity", "Opportunité", labels=1033)
    assert "display_name" not in both.files["model/opportunity.yaml"].split("columns:")[0]


@pytest.mark.skipif(not CORPUS.is_dir(), reason=NO_SHARED)
def test_a_page_s_display_name_wins_over_a_shell_s(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    shutil.copy(CORPUS / "account.md", tmp_path / "specs" / "account.md")
    generation = _named_shell(tmp_path, 1036, "Account", "Compte")
    assert "\ndisplay_name: Account\n" in generation.files["model/account.yaml"]


# tc-ca/CCMS-SGCR, HRCaseManagement/Entities/hr_HRCase/Entity.xml (2022): every column the table
# lists states <ValidForCreateApi>1 and <ValidForUpdateApi>1, CreatedBy, CreatedOn and
# ModifiedOn too, where the same solution's hr_CaseType states 0 for them, as 114 of 114 tables
# of ../shared/solutions and every page of the corpus do: Dataverse alone writes them. dvgen
# took the export's word, and its JSON Schema let a client write createdon.
def test_the_columns_dataverse_writes_stay_read_only(tmp_path: Path) -> None:
    flags = (
        "<ValidForUpdateApi>1</ValidForUpdateApi><ValidForReadApi>1</ValidForReadApi>"
        "<ValidForCreateApi>1</ValidForCreateApi>"
    )
    audit = (
        attribute_xml("CreatedBy", "lookup", flags + LOOKUP, custom=0)
        + attribute_xml("CreatedOn", "datetime", flags + "<Format>datetime</Format>", custom=0)
        + attribute_xml("ModifiedOn", "datetime", flags + "<Format>datetime</Format>", custom=0)
        + attribute_xml("hr_ClosedOn", "datetime", flags + "<Format>datetime</Format>")
    )
    files = {
        "Other/Solution.xml": manifest("HRCaseManagement", "hr", 31584, _roots({"hr_HRCase": 0})),
        "Entities/hr_HRCase/Entity.xml": _own("hr_HRCase", "hr", audit),
    }
    generation, diagnostics = generate_unpacked(tmp_path, "HRCaseManagement", files)
    _checked(generation, diagnostics)
    model = generation.files["model/hr_hrcase.yaml"]
    for name in ("createdby", "createdon", "modifiedon"):
        column = model.split(f"- logical_name: {name}\n", 1)[1].split("\n- ", 1)[0]
        assert "valid_for_create: false" in column, name
        assert "valid_for_update: false" in column, name
    closed = model.split("- logical_name: hr_closedon\n", 1)[1].split("\n- ", 1)[0]
    assert "valid_for_create: true" in closed
    schema = json.loads(generation.files["jsonschema/hr_hrcase.schema.json"])
    assert schema["properties"]["createdon"]["readOnly"] is True
    assert "readOnly" not in schema["properties"]["hr_closedon"]


# tc-ca/ROM-GSR, Oversight/Entities/Account/Entity.xml (2020): Microsoft's account as a shell
# listing one column, unmodified, Field Service's lookup msdyn_PreferredResource ("Preferred
# Resource (Deprecated)", "Ressource préférée (Déconseillé)"), which the solution's relationship
# msdyn_bookableresource_account_PreferredResource names; account.md, Dataverse's page, has no
# such column. A restated column the page lacks came from the shell; an unmodified one was left
# out, and the relationship's lookup made anew: msdyn_preferredresource, unnamed, in lower case.
# A column the page has keeps the page's facets (the shell's name is listed with another length).
@pytest.mark.skipif(not CORPUS.is_dir(), reason=NO_SHARED)
def test_an_unmodified_column_the_page_lacks_comes_from_the_shell(tmp_path: Path) -> None:
    labels = (
        '<displaynames><displayname description="Preferred Resource (Deprecated)" '
        'languagecode="1033" /><displayname description="Ressource préférée (Déconseillé)" '
        'languagecode="1036" /></displaynames>'
    )
    preferred = (
        '<attribute PhysicalName="msdyn_PreferredResource" unmodified="1"><Type>lookup</Type>'
        "<Name>msdyn_preferredresource</Name><LogicalName>msdyn_preferredresource</LogicalName>"
        "<RequiredLevel>none</RequiredLevel><ValidForUpdateApi>1</ValidForUpdateApi>"
        "<ValidForReadApi>1</ValidForReadApi><ValidForCreateApi>1</ValidForCreateApi>"
        f"<IsCustomField>1</IsCustomField>{LOOKUP}{labels}</attribute>\n"
    )
    name = attribute_xml("Name", "nvarchar", "<Format>text</Format><MaxLength>100</MaxLength>", 0)
    name = name.replace(
        '<attribute PhysicalName="Name">', '<attribute PhysicalName="Name" unmodified="1">'
    )
    tables = {"Account": 2, "BookableResource": 0}
    files = {
        "Other/Solution.xml": manifest("Oversight", "ovs", 91864, _roots(tables)),
        "Entities/Account/Entity.xml": SHELL.format(
            schema="Account", shown="Account", attributes=preferred + name
        ),
        "Entities/BookableResource/Entity.xml": _own("BookableResource", "bookable"),
        "Other/Relationships/BookableResource.xml": _relationships(
            _one_to_many(
                "msdyn_bookableresource_account_PreferredResource",
                "Account",
                "BookableResource",
                "msdyn_PreferredResource",
                "msdyn_PreferredResource",
                None,
            )
        ),
    }
    (tmp_path / "specs").mkdir()
    shutil.copy(CORPUS / "account.md", tmp_path / "specs" / "account.md")
    generation, diagnostics = generate_unpacked(tmp_path, "Oversight", files)
    metadata = _checked(generation, diagnostics)
    model = generation.files["model/account.yaml"]
    column = model.split("- logical_name: msdyn_preferredresource\n", 1)[1].split("\n- ", 1)[0]
    assert "schema_name: msdyn_PreferredResource\n" in column
    assert "display_name: Preferred Resource (Deprecated)\n" in column
    named = model.split("- logical_name: name\n", 1)[1].split("\n- ", 1)[0]
    assert "max_length: 160" in named
    relationship = "msdyn_bookableresource_account_PreferredResource"
    assert _single(metadata, "msdyn_PreferredResource", "bookableresource", relationship)
