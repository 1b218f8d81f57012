"""Variations met in a tenth round of real pages outside the corpus (2017-2025, favouring the
hand-written and app-specific pages: Dynamics 365 Sales, Customer Service, Field Service,
Guides, Process Mining, the Catalog Manager, on-premises 2022, Common Data Service 2018 and
2020, Web API 2017), each as a minimal page written for the test. Real problems fixed: a
hand-written Sales page (msdyn_callablecontext, 2024) names its primary name column
``msdyn_EntityLogicalName`` in the table's PrimaryNameAttribute row as in the column's
LogicalName row; the column was read in lower case with a warning, the table's row failed
validation and the whole page with it. A Web API EntityType page (``# subject EntityType``,
2017) gave fourteen lines that never said what it was. A lookup to a Dynamics 365 Guides table
(``msmrw_3dasset``) was warned about as a table no one knows, where Microsoft's other prefixes
are taken for Dataverse tables outside the set. The other tests pin what the readers took."""

from __future__ import annotations

from dvgen.diagnostics import Diagnostics, Severity
from dvgen.lookups import check_lookup_targets
from dvgen.model import ColumnType, OwnershipType, RequiredLevel, Table, TableExtension
from dvgen.parse import parse_spec
from tests.pages import parse, resolved, table

CALLABLE = """\
# msdyn_callablecontext table/entity reference

**Added by**: Playbook Solution

## Messages

|Message|Web API Operation|SDK class or method|
|-|-|-|
|BulkRetain|This message is to be executed only by Dataverse to trigger registered \
plug-ins and flows.||
|Restore||Use <xref:Microsoft.Xrm.Sdk.OrganizationRequest><br/>where \
<xref:Microsoft.Xrm.Sdk.OrganizationRequest.RequestName> = Restore|

## Properties

|Property|Value|
|--------|-----|
|LogicalName|msdyn_callablecontext|
|PrimaryIdAttribute|msdyn_callablecontextid|
|PrimaryNameAttribute|msdyn_EntityLogicalName|
|SchemaName|msdyn_callablecontext|

## Writable columns/attributes

### <a name="BKMK_msdyn_callablecontextId"></a> msdyn_callablecontextId

|Property|Value|
|--------|-----|
|LogicalName|msdyn_callablecontextid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_msdyn_EntityLogicalName"></a> msdyn_EntityLogicalName

|Property|Value|
|--------|-----|
|LogicalName|msdyn_EntityLogicalName|
|MaxLength|128|
|RequiredLevel|ApplicationRequired|
|Type|String|
"""


def test_a_mixed_case_primary_name_attribute_is_read_in_lower_case_like_its_column() -> None:
    """msdyn_callablecontext (Sales, 01/2024): the table's PrimaryNameAttribute row and the
    column's LogicalName row both print ``msdyn_EntityLogicalName``. Both are read in lower
    case, each with its logical-name-case warning, and the page gives its table; the column
    keeps the printed name for its Web API property, as Dataverse does (Microsoft's 2019
    EntityType page of msdyn_callablecontext lists ``msdyn_EntityLogicalName``)."""
    spec, warnings = parse(CALLABLE)
    assert isinstance(spec, Table)
    assert spec.primary_name_attribute == "msdyn_entitylogicalname"
    assert [c.logical_name for c in spec.columns] == [
        "msdyn_callablecontextid",
        "msdyn_entitylogicalname",
    ]
    assert spec.columns[1].cased_logical_name == "msdyn_EntityLogicalName"
    assert len(warnings) == 2
    assert any(
        "PrimaryNameAttribute 'msdyn_EntityLogicalName' read in lower" in w for w in warnings
    )
    assert all(w.endswith("[logical-name-case]") for w in warnings)
    assert [m.name for m in spec.messages] == ["Restore"]
    assert [m.name for m in spec.events] == ["BulkRetain"]  # only Dataverse executes it
    tables, problems = resolved(("callable.md", CALLABLE))
    assert tables.tables[0].primary_name_attribute == "msdyn_entitylogicalname"
    assert not [p for p in problems if "primary" in p]


def test_a_mixed_case_table_logical_name_is_lowered_with_the_same_warning() -> None:
    """The same rule for the table's own LogicalName and PrimaryIdAttribute rows."""
    page = CALLABLE.replace(
        "|LogicalName|msdyn_callablecontext|", "|LogicalName|msdyn_CallableContext|"
    ).replace("|PrimaryIdAttribute|msdyn_callablecontextid|", "|PrimaryIdAttribute|msdyn_X|")
    spec, warnings = parse(page)
    assert spec.logical_name == "msdyn_callablecontext"
    assert isinstance(spec, Table)
    assert spec.primary_id_attribute == "msdyn_x"
    assert sum("read in lower case" in w for w in warnings) == 4


WEB_API = """\
---
title: "Microsoft Dynamics 365 Customer Engagement subject EntityType Reference | MicrosoftDocs"
ms.date: 07/10/2017
---
# subject EntityType
<table>
<tr><td><b>Primary Key:</b></td><td>subjectid</td></tr>
</table>

## Properties
Properties represent fields of data stored in the entity. Some properties are read-only.

|Name|Type|Details|
|----|----|-------|
|createdon|Edm.DateTimeOffset|**Display Name**: Created On<br />Read-only<br />|
|title|Edm.String|**Display Name**: Title<br />|

## Lookup Properties

|Name|Single-valued navigation property|Description|
|----|---------------------------------|-----------|
|_createdby_value|createdby<br />|Unique identifier of the user who created the subject.|
"""


def test_a_web_api_entitytype_page_is_refused_with_one_error_that_names_it() -> None:
    """progref/webapireference/entitytypes/subject.md (07/2017): the ``## Properties`` table
    lists OData properties. One error at the title says which page this is and which to
    use, instead of a warning per property row and a missing LogicalName row."""
    spec, diagnostics = parse_spec("subject.md", WEB_API.encode())
    assert spec is None
    (error,) = [str(d) for d in diagnostics]
    assert error.startswith("subject.md:5: error: '# subject EntityType' is a Web API")
    assert "use the 'subject table/entity reference' page" in error


def test_a_reference_title_that_mentions_entitytype_is_still_a_page() -> None:
    """Only a title that is exactly ``<name> EntityType`` marks a Web API page."""
    page = ON_PREMISES_2022.replace(
        "# InvalidDependency entity reference", "# InvalidDependency EntityType reference"
    )
    assert table(page).logical_name == "invaliddependency"


GUIDES = """\
# Guide Step Object (msmrw_guidestepobject) table/entity reference

## Properties

|Property|Value|
| --- | --- |
| **LogicalName** | `msmrw_guidestepobject` |
| **PrimaryIdAttribute** | `msmrw_guidestepobjectid` |

## Writable columns/attributes

### <a name="BKMK_msmrw_guidestepobjectId"></a> msmrw_guidestepobjectId

|Property|Value|
|---|---|
|LogicalName|`msmrw_guidestepobjectid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_msmrw_3DObject"></a> msmrw_3DObject

|Property|Value|
|---|---|
|LogicalName|`msmrw_3dobject`|
|RequiredLevel|None|
|Type|Lookup|
|Targets|msmrw_3dasset|
"""


def test_a_lookup_to_a_dynamics_365_guides_table_is_taken_for_a_dataverse_table() -> None:
    """msmrw_guidestepobject (Field Service, 07.24.2024): ``msmrw_`` is Dynamics 365 Guides'
    prefix, Microsoft's; its lookup to ``msmrw_3dasset`` is a note, as a lookup to any
    Microsoft-named table outside the set is, not a warning."""
    spec = table(GUIDES)
    diagnostics = Diagnostics()
    check_lookup_targets([spec], diagnostics)
    (note,) = list(diagnostics)
    assert note.severity is Severity.INFO
    assert "only Microsoft names a table so" in note.message


DATALAKE_2020 = """\
# datalakefolderpermission table reference

> [!NOTE]
> Effective Nov 2020, some terminology in Common Data Service has been updated.

**Added by**: Data lake workspaces Solution

## Table Properties

|Property|Value|
|--------|-----|
|LogicalName|datalakefolderpermission|
|OwnershipType|UserOwned|
|PrimaryIdAttribute|datalakefolderpermissionid|
|PrimaryNameAttribute|name|
|SchemaName|datalakefolderpermission|

## Writable Columns

These columns (attributes) return true for either **IsValidForCreate** or \
**IsValidForUpdate** (usually both). Listed by **SchemaName**.

### <a name="BKMK_canexecute"></a> canexecute

|Property|Value|
|--------|-----|
|LogicalName|canexecute|
|RequiredLevel|ApplicationRequired|
|Type|Boolean|

#### canexecute Options

|Value|Label|
|-----|-----|
|1|Yes|
|0|No|

**DefaultValue**: False

## Read-only Columns

These columns (attributes) return false for both **IsValidForCreate** or \
**IsValidForUpdate**. Listed by **SchemaName**.

### <a name="BKMK_folderidName"></a> folderidName

|Property|Value|
|--------|-----|
|LogicalName|folderidname|
|MaxLength|100|
|RequiredLevel|None|
|Type|String|
"""


def test_the_november_2020_table_and_columns_headings_and_a_false_default() -> None:
    """datalakefolderpermission (11/07/2020): ``## Table Properties``, ``## Writable
    Columns`` and ``## Read-only Columns``, and a Boolean whose default is printed
    ``False``, not ``0``."""
    spec = table(DATALAKE_2020)
    assert spec.added_by == "Data lake workspaces"
    assert spec.ownership_type is OwnershipType.USER_OWNED
    flag, name = spec.columns
    assert flag.type is ColumnType.BOOLEAN
    assert flag.default_value is False
    assert [(c.value, c.label) for c in flag.choices] == [(1, "Yes"), (0, "No")]
    assert (flag.valid_for_create, name.valid_for_create) == (True, False)
    assert name.max_length == 100


ON_PREMISES_2022 = """\
# InvalidDependency entity reference

An invalid dependency in the CRM system.

## Messages

|Message|SDK class or method|
|-|-|
|Retrieve|<xref:Microsoft.Xrm.Sdk.Messages.RetrieveRequest>|

## Properties

|Property|Value|
|--------|-----|
|LogicalName|invaliddependency|
|OwnershipType|None|
|PrimaryIdAttribute|invaliddependencyid|
|PrimaryNameAttribute||
|SchemaName|InvalidDependency|

## Writable attributes

These attributes return true for either **IsValidForCreate** or **IsValidForUpdate** \
(usually both). Listed by **SchemaName**.


### <a name="BKMK_MissingComponentId"></a> MissingComponentId

|Property|Value|
|--------|-----|
|IsValidForCreate|False|
|LogicalName|missingcomponentid|
|RequiredLevel|None|
|Type|Uniqueidentifier|

## Read-only attributes

### <a name="BKMK_IsExistingNodeRequiredComponent"></a> IsExistingNodeRequiredComponent

|Property|Value|
|--------|-----|
|LogicalName|isexistingnoderequiredcomponent|
|RequiredLevel|None|
|Type|Boolean|

#### IsExistingNodeRequiredComponent Choices/Options

|Value|Label|Description|
|-----|-----|--------|
|1|Ancestor||
|0|Descendent||

**DefaultValue**: 1

### <a name="BKMK_InvalidDependencyId"></a> InvalidDependencyId

|Property|Value|
|--------|-----|
|LogicalName|invaliddependencyid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### See also

[About the Entity Reference](../about-entity-reference.md)<br />"""


def test_an_on_premises_2022_page_without_bullets_relationships_or_name_column() -> None:
    """invaliddependency (on-premises, 08/30/2022): a two-column Messages table, an empty
    PrimaryNameAttribute cell, a one-column Writable section with no bullet list, a
    Boolean whose labels are not Yes/No with a default of 1, no relationship sections and
    no trailing newline."""
    spec = table(ON_PREMISES_2022)
    assert spec.primary_name_attribute is None
    assert spec.ownership_type is OwnershipType.NONE
    assert [m.name for m in spec.messages] == ["Retrieve"]
    writable, flag, key = spec.columns
    assert (writable.valid_for_create, writable.valid_for_update) == (False, True)
    assert flag.default_value is True
    assert [(c.value, c.label) for c in flag.choices] == [(1, "Ancestor"), (0, "Descendent")]
    assert key.required_level is RequiredLevel.SYSTEM_REQUIRED
    assert spec.relationships.many_to_one == spec.relationships.one_to_many == ()


READ_TRACKER = """\
# Read Tracker (msdyn_readtracker) table/entity reference (Microsoft Dynamics 365)

## Properties

|Property|Value|
| --- | --- |
| **LogicalName** | `msdyn_readtracker` |
| **PrimaryIdAttribute** | `msdyn_readtrackerid` |
| **TableType** | `Elastic` |

## Writable columns/attributes

### <a name="BKMK_msdyn_readtrackerId"></a> msdyn_readtrackerId

|Property|Value|
|---|---|
|LogicalName|`msdyn_readtrackerid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_msdyn_RegardingObjectId"></a> msdyn_RegardingObjectId

|Property|Value|
|---|---|
|LogicalName|`msdyn_regardingobjectid`|
|RequiredLevel|SystemRequired|
|Type|Lookup|
|Targets|email, incident, task|
"""

READ_TRACKER_CS = """\
# Read Tracker (msdyn_readtracker) table/entity reference (Microsoft Dynamics 365 Customer Service)

> [!NOTE]
> The Microsoft Dynamics 365 Customer Service Read Tracker (msdyn_readtracker) table extends \
the [Microsoft Dynamics 365 Read Tracker (msdyn_readtracker) \
table](/dynamics365/developer/reference/entities/msdyn_readtracker).

## Customized columns/attributes

### <a name="BKMK_msdyn_RegardingObjectId"></a> msdyn_RegardingObjectId

Changes from [msdyn_RegardingObjectId (Microsoft Dynamics 365)](/dynamics365/x#BKMK_x)

|Property|Value|
|---|---|
|Targets|msdyn_ocvoicemail|
"""


def test_a_customer_service_page_adds_a_target_to_a_dynamics_365_lookup() -> None:
    """msdyn_readtracker (Customer Service, 2025) lists the one target it adds to the
    Dynamics 365 table's polymorphic lookup (whose page writes ``email, incident``, with
    spaces): applied, the lookup has the base's targets and the new one."""
    spec, _ = parse(READ_TRACKER_CS, "cs.md")
    assert isinstance(spec, TableExtension)
    tables, warnings = resolved(("base.md", READ_TRACKER), ("cs.md", READ_TRACKER_CS))
    assert not [w for w in warnings if "lookup-target" not in w]
    (tracker,) = tables.tables
    lookup = tracker.columns[1]
    assert lookup.targets == ("email", "incident", "task", "msdyn_ocvoicemail")


EMPTY_TARGETS = """\
# BookableResourceBookingExchangeSyncIdMapping Entity Reference

**Added by**: Scheduling Solution<br />

## Entity Properties

|Property|Value|
|--------|-----|
|LogicalName|bookableresourcebookingexchangesyncidmapping|
|PrimaryIdAttribute|bookableresourcebookingexchangesyncidmappingid|
|SchemaName|BookableResourceBookingExchangeSyncIdMapping|

## Writable attributes

### <a name="BKMK_BookableResourceBookingExchangeSyncIdMappingId"></a> \
BookableResourceBookingExchangeSyncIdMappingId

|Property|Value|
|--------|-----|
|LogicalName|bookableresourcebookingexchangesyncidmappingid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_UserId"></a> UserId

|Property|Value|
|--------|-----|
|Description||
|LogicalName|userid|
|RequiredLevel|None|
|Targets||
|Type|Lookup|
"""


def test_a_2017_lookup_with_an_empty_targets_cell_is_a_lookup_to_no_stated_table() -> None:
    """bookableresourcebookingexchangesyncidmapping (12/2017): ``|Targets||`` on a Lookup.
    The column stays a lookup with no targets, and the ``<br />`` after the solution's name
    is not part of it."""
    spec = table(EMPTY_TARGETS)
    assert spec.added_by == "Scheduling"
    user = spec.columns[1]
    assert user.type is ColumnType.LOOKUP
    assert user.targets == ()
    tables, warnings = resolved(("mapping.md", EMPTY_TARGETS))
    assert warnings == []
    assert tables.tables[0].columns[1].targets == ()


ARTICLE = """\
---
title: "Dynamics 365 for Marketing entity reference (Dynamics 365 for Marketing Developer Guide)"
ms.date: 04/01/2017
ms.topic: "conceptual"
---
# Dynamics 365 for Marketing entity reference

This section provides detailed entity reference for only those entities that have a specific
developer scenario.

## Entities view in Entity Metadata Browser

- **Text Search**: filter entities using <xref:Microsoft.Xrm.Sdk.Metadata.EntityMetadata.SchemaName>
  or <xref:Microsoft.Xrm.Sdk.Metadata.EntityMetadata.LogicalName>.
"""


def test_a_conceptual_article_titled_entity_reference_is_skipped_as_no_spec() -> None:
    """ce/marketing/developer/marketing-entity-reference.md (``ms.topic: "conceptual"``, 2017):
    a title ending in ``entity reference`` and prose naming ``SchemaName`` made it a broken
    page, five warnings and an error; it has no section and no property row of a page, so it
    is skipped with a note, as a README is."""
    spec, diagnostics = parse_spec("marketing.md", ARTICLE.encode())
    assert spec is None
    (note,) = diagnostics
    assert note.severity is Severity.INFO
    assert note.code == "not-a-spec"


def test_an_article_topic_does_not_hide_a_page_with_property_rows() -> None:
    """The topic alone skips nothing: a file with a property row of a page (here a 2018 bold
    line, with no section around it) stays a page, reported as the broken page it is."""
    broken = ARTICLE + "\n**LogicalName**: msdyn_x<br />\n"
    spec, diagnostics = parse_spec("broken.md", broken.encode())
    assert spec is None
    assert any(d.severity is Severity.ERROR for d in diagnostics)
