"""Variations met in a sixth round of real pages outside the corpus (2020-2024 generations:
Marketing, Omnichannel, Project Operations, Field Service), each as a minimal page written for
the test."""

from __future__ import annotations

from dvgen.model import Table, TableExtension
from dvgen.parse import parse_spec
from tests.pages import parse

# A 2024 Marketing page (msdynmkt_entityscoringmodel, as the Field Service docs print it): one
# column's LogicalName keeps the capitals of its SchemaName.
MIXED_CASE_LOGICAL = """\
# Scoring Model (msdynmkt_scoring) table/entity reference

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `msdynmkt_scoring` |
| **LogicalName** | `msdynmkt_scoring` |
| **PrimaryIdAttribute** | `msdynmkt_scoringid` |

## Writable columns/attributes

### <a name="BKMK_msdynmkt_scoringId"></a> msdynmkt_scoringId

|Property|Value|
|---|---|
|LogicalName|`msdynmkt_scoringid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_msdynmkt_errorDetails"></a> msdynmkt_errorDetails

|Property|Value|
|---|---|
|Description||
|LogicalName|`msdynmkt_errorDetails`|
|RequiredLevel|None|
|Type|Memo|
|MaxLength|1048576|
"""


def test_a_logical_name_with_capitals_is_keyed_in_lower_case_and_kept_for_the_web_api() -> None:
    spec, warnings = parse(MIXED_CASE_LOGICAL)
    assert isinstance(spec, Table)
    details = spec.columns[1]
    assert (details.logical_name, details.schema_name, details.cased_logical_name) == (
        "msdynmkt_errordetails",
        "msdynmkt_errorDetails",
        "msdynmkt_errorDetails",
    )
    assert spec.columns[0].cased_logical_name is None
    assert warnings == [
        "page.md:23: warning: column 'msdynmkt_errorDetails': LogicalName "
        "'msdynmkt_errorDetails' read in lower case, as 'msdynmkt_errordetails'; the Web API "
        "property keeps the capitals [logical-name-case]"
    ]


def test_a_logical_name_that_is_no_name_is_still_refused() -> None:
    page = MIXED_CASE_LOGICAL.replace("`msdynmkt_errorDetails`", "`msdynmkt_error Details`")

    spec, diagnostics = parse_spec("page.md", page.encode())
    assert spec is None
    assert any("is not a name" in str(d) for d in diagnostics)


def test_a_relationship_naming_the_column_with_capitals_follows_it_to_lower_case() -> None:
    # The same generation's one-to-many block of a lookup whose LogicalName keeps capitals.
    page = MIXED_CASE_LOGICAL + RELATIONSHIP_TO_MIXED_CASE
    spec, warnings = parse(page)
    assert isinstance(spec, Table)
    (relationship,) = spec.relationships.one_to_many
    assert relationship.referencing_attribute == "msdynmkt_basemodelid"
    assert len(warnings) == 2
    assert "ReferencingAttribute 'msdynmkt_baseModelId' read in lower case" in warnings[1]


RELATIONSHIP_TO_MIXED_CASE = """
## One-to-Many relationships

### <a name="BKMK_msdynmkt_scoring_basemodel"></a> msdynmkt_scoring_basemodel

|Property|Value|
|---|---|
|ReferencingEntity|`msdynmkt_scoringversion`|
|ReferencingAttribute|`msdynmkt_baseModelId`|
|ReferencedEntityNavigationPropertyName|`msdynmkt_scoring_basemodel`|
"""


# A Dynamics 365 app's extension page changing that column: its block names it with capitals.
EXTENSION_OF_MIXED_CASE = """\
# Scoring Model table/entity reference (Microsoft Dynamics 365 Customer Service)

> [!NOTE]
> The Microsoft Dynamics 365 Customer Service Scoring Model table extends the
> [Microsoft Dynamics 365 Scoring Model table](/dynamics365/developer/entities/msdynmkt_scoring).

## Customized columns/attributes

### <a name="BKMK_msdynmkt_errorDetails"></a> msdynmkt_errorDetails

Changes from [msdynmkt_errorDetails (Microsoft Dataverse)](/entities/msdynmkt_scoring)

|Property|Value|
|---|---|
|LogicalName|`msdynmkt_errorDetails`|
|MaxLength|2000|
"""


def test_an_extension_changing_a_column_with_capitals_names_it_in_lower_case() -> None:
    spec, warnings = parse(EXTENSION_OF_MIXED_CASE)
    assert isinstance(spec, TableExtension)
    (change,) = spec.column_changes
    assert change.logical_name == "msdynmkt_errordetails"
    assert dict(change.changes) == {"max_length": 2000}
    assert [w.rsplit(" ", 1)[-1] for w in warnings] == ["[logical-name-case]"]
