"""Variations met in a twenty-first round of real pages outside the corpus: the long pages round
18 left out (the common-data-service folder's 2018 bold lines and 2019/2020 property tables, a
G0 page of 11/2020, a 2021 page, two 2025 Dynamics 365 Sales pages that only change two choice
columns) and full Dynamics 365 Sales pages of 2022-2024 drawn at random (seed 21). Each page was
run alone and with the corpus through every target and the real tools; no reader problem was
found. These tests pin, on minimal pages written for the test, what the readers took from the
variations that no earlier test held."""

from __future__ import annotations

from dvgen.model import ColumnType, Table, TableExtension, TableSet
from tests.pages import parse, resolved, table


def _table(tables: TableSet, name: str) -> Table:
    return next(t for t in tables.tables if t.logical_name == name)


# A 2024 Sales page (SARunInstance): the state Active enters status 0 ("In Progress"), a status
# value Dataverse's own tables never use; 0 is a value here, not "no default status".
STATUS_ZERO = """\
---
title: "contoso_run table/entity reference"
ms.date: 01/29/2024
ms.service: "dynamics-365-sales"
---

# contoso_run table/entity reference



**Added by**: Segment solution Solution


## Properties

|Property|Value|
|--------|-----|
|DisplayName|Run|
|EntitySetName|contoso_runs|
|LogicalName|contoso_run|
|OwnershipType|OrganizationOwned|
|PrimaryIdAttribute|contoso_runid|
|SchemaName|contoso_run|

<a name="writable-attributes"></a>

## Writable columns/attributes

These columns/attributes return true for either **IsValidForCreate** or **IsValidForUpdate** (usually both). Listed by **SchemaName**.

- [contoso_runId](#BKMK_contoso_runId)
- [statecode](#BKMK_statecode)
- [statuscode](#BKMK_statuscode)


### <a name="BKMK_contoso_runId"></a> contoso_runId

|Property|Value|
|--------|-----|
|Description|Unique identifier for entity instances|
|DisplayName|Run|
|IsValidForForm|False|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|contoso_runid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_statecode"></a> statecode

|Property|Value|
|--------|-----|
|Description|Status of the Run|
|DisplayName|Status|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|statecode|
|RequiredLevel|SystemRequired|
|Type|State|

#### statecode Choices/Options

|Value|Label|DefaultStatus|InvariantName|
|-----|-----|-------------|-------------|
|0|Active|0|Active|
|1|Inactive|2|Inactive|



### <a name="BKMK_statuscode"></a> statuscode

|Property|Value|
|--------|-----|
|Description|Reason for the status of the Run|
|DisplayName|Status Reason|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|statuscode|
|RequiredLevel|None|
|Type|Status|

#### statuscode Choices/Options

|Value|Label|State|
|-----|-----|-----|
|0|In Progress|0|
|1|Succeeded|1|
|2|Failed|1|
|3|Skipped|1|
"""


def test_a_state_whose_default_status_is_the_status_value_0() -> None:
    spec = table(STATUS_ZERO, "contoso_run.md")
    assert spec.added_by == "Segment solution"
    state = spec.column("statecode")
    status = spec.column("statuscode")
    assert state is not None and status is not None
    assert [(c.value, c.label, c.default_status, c.invariant_name) for c in state.choices] == [
        (0, "Active", 0, "Active"),
        (1, "Inactive", 2, "Inactive"),
    ]
    assert [(c.value, c.state) for c in status.choices] == [(0, 0), (1, 1), (2, 1), (3, 1)]


# A base for the Sales page below: the two choice columns Dataverse gives a rule table.
RULE_BASE = """\
logical_name: contoso_rule
schema_name: contoso_Rule
display_name: Rule
entity_set_name: contoso_rules
primary_id_attribute: contoso_ruleid
primary_name_attribute: contoso_name
ownership_type: UserOwned
columns:
  - logical_name: contoso_ruleid
    schema_name: contoso_RuleId
    type: Uniqueidentifier
    required_level: SystemRequired
  - logical_name: contoso_name
    schema_name: contoso_Name
    type: String
    max_length: 160
  - logical_name: baseentitytypecode
    schema_name: BaseEntityTypeCode
    type: Picklist
    required_level: SystemRequired
    choices:
      - {value: 1, label: Account}
  - logical_name: matchingentitytypecode
    schema_name: MatchingEntityTypeCode
    type: Picklist
    required_level: SystemRequired
    choices:
      - {value: 1, label: Account}
"""

# Sales changes two choice columns by Choices/Options tables alone (Similarity Rule, 2025):
# the page has no description, so three empty lines stand between its heading and its note;
# a bullet list names the two columns, and the first column's table runs up to the second's
# heading with no other line between them.
SALES_TWO_COLUMNS = """\
---
title: "Rule (contoso_Rule) table/entity reference (Microsoft Dynamics 365 Sales)"
ms.topic: generated-reference
---

# Rule (contoso_Rule) table/entity reference (Microsoft Dynamics 365 Sales)



> [!NOTE]
> The Microsoft Dynamics 365 Sales Rule (contoso_Rule) table extends the [Microsoft Dynamics 365 Rule (contoso_Rule) table](/dynamics365/developer/reference/entities/contoso_rule).



## Customized columns/attributes

Microsoft Dynamics 365 Sales modifies the definition of columns/attributes defined in other solutions. Listed by **SchemaName**.

- [BaseEntityTypeCode](#BKMK_BaseEntityTypeCode)
- [MatchingEntityTypeCode](#BKMK_MatchingEntityTypeCode)

### <a name="BKMK_BaseEntityTypeCode"></a> BaseEntityTypeCode

Changes from [BaseEntityTypeCode (Microsoft Dataverse)](/power-apps/developer/data-platform/reference/entities/contoso_rule#BKMK_BaseEntityTypeCode)

#### BaseEntityTypeCode Choices/Options

|Value|Label|
|---|---|
|10555|**Forecast**|
|10560|**Forecast**|
|10821|**Conversation Sentiment**|

### <a name="BKMK_MatchingEntityTypeCode"></a> MatchingEntityTypeCode

Changes from [MatchingEntityTypeCode (Microsoft Dataverse)](/power-apps/developer/data-platform/reference/entities/contoso_rule#BKMK_MatchingEntityTypeCode)

#### MatchingEntityTypeCode Choices/Options

|Value|Label|
|---|---|
|10555|**Forecast**|
|10560|**Forecast**|
|10821|**Conversation Sentiment**|



### See also

[Dataverse table/entity reference](/power-apps/developer/data-platform/reference/about-entity-reference)  
<xref:Microsoft.Dynamics.CRM.contoso_rule?displayProperty=fullName>
"""


def test_a_sales_page_without_a_description_changes_two_choice_columns() -> None:
    spec, warnings = parse(SALES_TWO_COLUMNS, "contoso_rule-sales.md")
    assert warnings == []
    assert isinstance(spec, TableExtension) and spec.logical_name == "contoso_rule"
    assert spec.solution == "Microsoft Dynamics 365 Sales"
    assert sorted(c.logical_name for c in spec.column_changes) == [
        "baseentitytypecode",
        "matchingentitytypecode",
    ]
    tables, warnings = resolved(
        ("contoso_rule.yaml", RULE_BASE), ("contoso_rule-sales.md", SALES_TWO_COLUMNS)
    )
    assert warnings == []
    rule = _table(tables, "contoso_rule")
    for name in ("baseentitytypecode", "matchingentitytypecode"):
        column = rule.column(name)
        assert column is not None and column.type is ColumnType.PICKLIST
        assert [(c.value, c.label) for c in column.choices] == [
            (1, "Account"),
            (10555, "Forecast"),
            (10560, "Forecast"),
            (10821, "Conversation Sentiment"),
        ]
