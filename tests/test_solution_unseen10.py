"""Variations met in a tenth round of real solutions outside the corpus (extracted exports of
2022-2026 that customize ``account``, a business process flow table of a 2019 accelerator, a
2025 export of calculated columns, a 2026 manifest with non-numeric dependency types), each as
a minimal solution written for the test, read through the whole pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from dvgen.model import Column, ColumnType, OwnershipType, Table
from dvgen.pipeline import Generation
from tests.solution_support import layered, manifest

ACCOUNT_ROOT = '<RootComponent type="1" schemaName="account" behavior="1" />'


def _attribute(physical: str, kind: str, body: str, labels: str, valid: str = "") -> str:
    """An export's ``<attribute>`` (the flags dvgen reads only); ``valid``: its
    ValidFor*Api elements, all three set when empty."""
    logical = physical.lower()
    valid = valid or (
        "<ValidForUpdateApi>1</ValidForUpdateApi><ValidForReadApi>1</ValidForReadApi>"
        "<ValidForCreateApi>1</ValidForCreateApi>"
    )
    return f"""<attribute PhysicalName="{physical}">
  <Type>{kind}</Type><Name>{logical}</Name><LogicalName>{logical}</LogicalName>
  <RequiredLevel>none</RequiredLevel>{valid}<IsCustomField>1</IsCustomField>{body}
  <displaynames>{labels}</displaynames>
</attribute>"""


def _labels(*texts: tuple[str, int]) -> str:
    return "".join(f'<displayname description="{t}" languagecode="{c}" />' for t, c in texts)


def _export(entities: str, roots: str = ACCOUNT_ROOT, dependencies: str = "") -> dict[str, str]:
    """An extracted export (solution.xml, customizations.xml) of ``entities``."""
    solution = manifest("Extracted", "cr57b", 93957, roots)
    if dependencies:
        solution = solution.replace("<MissingDependencies />", dependencies)
    customizations = (
        '<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<Entities>{entities}</Entities><EntityRelationships /><optionsets />"
        "<Languages><Language>1033</Language></Languages></ImportExportXml>"
    )
    return {"solution.xml": solution, "customizations.xml": customizations}


def _account(*attributes: str) -> str:
    """Microsoft's account as 2022-2026 exports write it when a solution adds columns: no
    ``LocalizedNames``, only the columns the solution touches."""
    return (
        '<Entity><Name LocalizedName="Account" OriginalName="">Account</Name><EntityInfo>'
        f'<entity Name="Account"><attributes>{"".join(attributes)}</attributes>'
        "<EntitySetName>accounts</EntitySetName><OwnershipTypeMask>UserOwned</OwnershipTypeMask>"
        "</entity></EntityInfo></Entity>"
    )


def _column(generation: Generation, table: str, column: str) -> Column:
    found = generation.tables.get(table)
    assert isinstance(found, Table)
    return found.columns_by_name[column]


# P3EnvironmentSolution (041122-dynamics-uta/TimChialastriRevature1, 2022): msdyn_segmentid on
# account labelled in 45 languages, the invariant languagecode 127 first. Each language setting
# reads its own text, and English reads 1033's, not the 127 one listed before it.
SEGMENT = _attribute(
    "msdyn_segmentid",
    "lookup",
    "<LookupStyle>single</LookupStyle><LookupTypes />",
    _labels(
        ("Segment Id (invariant)", 127),
        ("Segment-ID", 1031),
        ("Segment Id", 1033),
        ("ID de segment", 1036),
        ("セグメント ID", 1041),
    ),
)


@pytest.mark.parametrize(
    ("language", "label"),
    [(1033, "Segment Id"), (1036, "ID de segment"), (1041, "セグメント ID"), (1031, "Segment-ID")],
)
def test_a_column_in_many_languages_reads_the_setting_s_one(
    tmp_path: Path, language: int, label: str
) -> None:
    generation = layered(tmp_path, _export(_account(SEGMENT)), language=language)
    assert _column(generation, "account", "msdyn_segmentid").display_name == label


# CorporateAccountPlanning (erturkm/dynamics365-corporate-account-planning, 2026): money columns
# of Accuracy 0 whose precision follows the currency (AccuracySource 2), beside their _Base.
AVAILABLE = _attribute(
    "fsi_AvailableLimit",
    "money",
    "<MinValue>-922337203685477</MinValue><MaxValue>922337203685477</MaxValue>"
    "<Accuracy>0</Accuracy><AccuracySource>2</AccuracySource>",
    _labels((" Available Limit", 1033)),
)


def test_money_of_accuracy_zero_keeps_its_precision_and_its_source(tmp_path: Path) -> None:
    generation = layered(tmp_path, _export(_account(AVAILABLE)))
    column = _column(generation, "account", "fsi_availablelimit")
    assert (column.type, column.precision, column.precision_source) == (ColumnType.MONEY, 0, 2)
    assert "precision: 0\n" in generation.files["model/account.yaml"]


# The same manifest lists MissingDependencies of types SettingDefinition and AppSetting (an app's
# settings, 2025-2026): no type number, nothing to read, and no word about them.
SETTING_DEPENDENCY = """<MissingDependencies><MissingDependency>
  <Required type="SettingDefinition" displayName="AppChannel" id.uniquename="AppChannel" />
  <Dependent type="AppSetting" displayName="parentappmoduleid.uniquename=fsi_AccountPlanning"
    id.settingdefinitionid.uniquename="AppChannel" />
</MissingDependency></MissingDependencies>"""


def test_dependencies_of_named_types_are_read_without_a_word(tmp_path: Path) -> None:
    generation = layered(tmp_path, _export(_account(AVAILABLE), dependencies=SETTING_DEPENDENCY))
    assert _column(generation, "account", "fsi_availablelimit").precision == 0
    assert not [w for w in generation.warnings if "SettingDefinition" in w.message]


# HR MATE (HappySingh0034/HRMate, 2025): calculated decimals (SourceType 1) pointing at their
# .xaml formula: read-only columns whose source the YAML keeps.
DAILY = _attribute(
    "cr80b_DailySalary",
    "decimal",
    "<SourceType>1</SourceType><MinValue>-100000000000</MinValue>"
    "<MaxValue>100000000000</MaxValue><Accuracy>2</Accuracy>"
    "<FormulaDefinitionFileName>/Formulas/cr80b_roles-cr80b_dailysalary.xaml"
    "</FormulaDefinitionFileName>",
    _labels(("Daily Salary", 1033)),
    valid="<ValidForUpdateApi>0</ValidForUpdateApi><ValidForReadApi>1</ValidForReadApi>"
    "<ValidForCreateApi>0</ValidForCreateApi>",
)


def test_a_calculated_column_of_an_export_is_read_only_and_names_its_formula(
    tmp_path: Path,
) -> None:
    generation = layered(tmp_path, _export(_account(DAILY)))
    column = _column(generation, "account", "cr80b_dailysalary")
    assert (column.valid_for_create, column.valid_for_update) == (False, False)
    extra = dict(column.extra)
    assert extra["SourceType"] == "1"
    assert str(extra["FormulaDefinitionFileName"]).endswith("cr80b_dailysalary.xaml")


# CommercialBankingAccelerator (microsoft/Industry-Accelerator-FinancialServices, 2019): a
# business process flow table, organization-owned, keyed by BusinessProcessFlowInstanceId (not
# <table>id), with a calculated duration whose export states ValidForReadApi only.
BPF = (
    '<Entity><Name LocalizedName="Company 360" OriginalName="Company 360">msfsi_company360</Name>'
    '<EntityInfo><entity Name="msfsi_company360">'
    '<LocalizedNames><LocalizedName description="Company 360" languagecode="1033" />'
    "</LocalizedNames><attributes>"
    + _attribute(
        "BusinessProcessFlowInstanceId",
        "primarykey",
        "",
        _labels(("Company 360", 1033)),
        valid="<ValidForReadApi>1</ValidForReadApi><ValidForCreateApi>1</ValidForCreateApi>",
    )
    + _attribute(
        "bpf_Duration",
        "int",
        "<SourceType>1</SourceType><Format>duration</Format><MinValue>0</MinValue>"
        "<MaxValue>2147483647</MaxValue>",
        _labels(("Duration", 1033)),
        valid="<ValidForReadApi>1</ValidForReadApi>",
    )
    + "</attributes><IsBPFEntity>1</IsBPFEntity><OwnershipTypeMask>OrgOwned</OwnershipTypeMask>"
    "</entity></EntityInfo></Entity>"
)


def test_a_business_process_flow_table_keeps_its_own_key(tmp_path: Path) -> None:
    roots = '<RootComponent type="1" schemaName="msfsi_company360" behavior="0" />'
    generation = layered(tmp_path, _export(BPF, roots=roots))
    table = generation.tables.get("msfsi_company360")
    assert isinstance(table, Table)
    assert table.primary_id_attribute == "businessprocessflowinstanceid"
    assert (table.is_bpf_entity, table.ownership_type) == (True, OwnershipType.ORGANIZATION_OWNED)
    duration = table.columns_by_name["bpf_duration"]
    assert (duration.valid_for_read, duration.valid_for_create, duration.valid_for_update) == (
        True,
        False,
        False,
    )
    schema = generation.files["sql/postgres/schema.sql"]
    assert 'PRIMARY KEY ("businessprocessflowinstanceid")' in schema
