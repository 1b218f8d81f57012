"""Variations met in a thirteenth round of real pages outside the corpus (File, Image, money and
multi-select columns, elastic, activity, AI Builder, Power Automate, Field Service, catalog and
solution-management tables of 2017 to 2025, related ones run together), each as a minimal page
written for the test. One reader problem was found (a plural name that is no name failed the
page); the other tests pin what the readers took from the variations met."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from dvgen.model import ColumnType, TableExtension
from tests.conftest import run
from tests.pages import parse, resolved, table

# appmodulecomponent, on-premises 2019 (the 2025 page prints the same row backticked): the
# CollectionSchemaName row holds the display collection name, spaces and all.
PLURAL_DISPLAY_NAME = """\
---
ms.date: 04/02/2019
---
# AppModuleComponent Entity Reference

## Entity Properties

|Property|Value|
|--------|-----|
|CollectionSchemaName|App Module Components|
|DisplayCollectionName|App Module Components|
|EntitySetName|appmodulecomponents|
|LogicalCollectionName|appmodulecomponents|
|LogicalName|appmodulecomponent|
|PrimaryIdAttribute|appmodulecomponentid|
|PrimaryNameAttribute||
|SchemaName|AppModuleComponent|

## Writable attributes

### <a name="BKMK_AppModuleComponentId"></a> AppModuleComponentId

|Property|Value|
|--------|-----|
|LogicalName|appmodulecomponentid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|
"""

PLURAL_DISPLAY_NAME_2025 = """\
---
ms.topic: generated-reference
---

# App Module Component (AppModuleComponent) table/entity reference (Microsoft Dataverse)

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `AppModuleComponent` |
| **CollectionSchemaName** | `App Module Components` |
| **EntitySetName** | `appmodulecomponents`|
| **LogicalName** | `appmodulecomponent` |
| **LogicalCollectionName** | `app module components` |
| **PrimaryIdAttribute** | `appmodulecomponentid` |

## Writable columns/attributes

### <a name="BKMK_AppModuleComponentId"></a> AppModuleComponentId

|Property|Value|
|---|---|
|LogicalName|`appmodulecomponentid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|
"""


def test_a_plural_name_holding_a_display_name_is_left_out_not_fatal() -> None:
    """The page was refused (exit 2: "CollectionSchemaName 'App Module Components' is not a
    name") though no target needs the row: now the row is left out with a warning and the rest
    of the table is read."""
    spec, warnings = parse(PLURAL_DISPLAY_NAME)
    assert len(warnings) == 1
    assert "CollectionSchemaName 'App Module Components' is no name" in warnings[0]
    assert warnings[0].endswith("[table-property-not-a-name]")
    assert not isinstance(spec, TableExtension)
    assert spec.collection_schema_name is None
    assert spec.logical_collection_name == "appmodulecomponents"
    assert spec.schema_name == "AppModuleComponent"


def test_either_plural_row_of_a_2025_page_is_left_out_when_no_name() -> None:
    spec, warnings = parse(PLURAL_DISPLAY_NAME_2025)
    assert [w.split(": ")[-2] for w in warnings] == [
        "CollectionSchemaName 'App Module Components' is no name (a display name?)",
        "LogicalCollectionName 'app module components' is no name (a display name?)",
    ]
    assert not isinstance(spec, TableExtension)
    assert (spec.collection_schema_name, spec.logical_collection_name) == (None, None)
    assert spec.entity_set_name == "appmodulecomponents"


def test_the_page_with_a_display_plural_generates(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """End to end: exit 0, and the canonical YAML (checked against its schema when read back
    by ``dvgen check``) has no collection_schema_name."""
    specs = workdir / "specs"
    specs.mkdir()
    (specs / "appmodulecomponent.md").write_text(PLURAL_DISPLAY_NAME, encoding="utf-8")

    code, _, err = run(capsys, "generate", "--target", "model")

    assert code == 0, err
    assert "[table-property-not-a-name]" in err
    written = (workdir / "generated" / "model" / "appmodulecomponent.yaml").read_text("utf-8")
    model = yaml.safe_load(written)
    assert "collection_schema_name" not in model
    assert model["schema_name"] == "AppModuleComponent"


# mspcat_catalogitemfile (Catalog Manager, 06/2024): a custom Image column (writable) and its
# three read-only companions, a read-only File column and its ``_Name`` companion.
FILE_AND_IMAGE = """\
---
ms.date: 06/26/2024
---

# Catalog Item File (mspcat_CatalogItemFile) table/entity reference

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `mspcat_CatalogItemFile` |
| **EntitySetName** | `mspcat_catalogitemfiles`|
| **LogicalName** | `mspcat_catalogitemfile` |
| **PrimaryIdAttribute** | `mspcat_catalogitemfileid` |
| **TableType** | `Standard` |

## Writable columns/attributes

### <a name="BKMK_mspcat_CatalogItemFileId"></a> mspcat_CatalogItemFileId

|Property|Value|
|---|---|
|LogicalName|`mspcat_catalogitemfileid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_mspcat_Image"></a> mspcat_Image

|Property|Value|
|---|---|
|Description|**Image for catalog item**|
|DisplayName|**Image**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`mspcat_image`|
|RequiredLevel|None|
|Type|Image|
|CanStoreFullImage|True|
|IsPrimaryImage|True|
|MaxHeight|144|
|MaxSizeInKB|10240|
|MaxWidth|144|

## Read-only columns/attributes

### <a name="BKMK_mspcat_File"></a> mspcat_File

|Property|Value|
|---|---|
|Description|**Stored file Item**|
|LogicalName|`mspcat_file`|
|RequiredLevel|None|
|Type|File|
|MaxSizeInKB|32768|

### <a name="BKMK_mspcat_File_Name"></a> mspcat_File_Name

|Property|Value|
|---|---|
|LogicalName|`mspcat_file_name`|
|RequiredLevel|None|
|Type|String|
|Format|Text|
|FormatName|Text|
|ImeMode|Disabled|
|IsLocalizable|False|
|MaxLength|200|

### <a name="BKMK_mspcat_Image_Timestamp"></a> mspcat_Image_Timestamp

|Property|Value|
|---|---|
|LogicalName|`mspcat_image_timestamp`|
|RequiredLevel|None|
|Type|BigInt|
|MaxValue|9223372036854775807|
|MinValue|-9223372036854775808|

### <a name="BKMK_mspcat_Image_URL"></a> mspcat_Image_URL

|Property|Value|
|---|---|
|LogicalName|`mspcat_image_url`|
|RequiredLevel|None|
|Type|String|
|Format|Url|
|FormatName|Url|
|ImeMode|Disabled|
|IsLocalizable|False|
|MaxLength|200|

### <a name="BKMK_mspcat_ImageId"></a> mspcat_ImageId

|Property|Value|
|---|---|
|LogicalName|`mspcat_imageid`|
|RequiredLevel|None|
|Type|Uniqueidentifier|
"""


def test_a_custom_image_and_file_column_with_their_companions() -> None:
    """Each companion is a column of its own type as the page states it; the Image keeps its
    four facets, the read-only File its size, with no warning."""
    spec = table(FILE_AND_IMAGE)
    by_name = {c.logical_name: c for c in spec.columns}
    image = by_name["mspcat_image"]
    assert image.type is ColumnType.IMAGE
    assert (image.can_store_full_image, image.is_primary_image) == (True, True)
    assert (image.max_height, image.max_width, image.max_size_in_kb) == (144, 144, 10240)
    assert (image.valid_for_create, image.valid_for_update) == (True, True)
    file = by_name["mspcat_file"]
    assert (file.type, file.max_size_in_kb) == (ColumnType.FILE, 32768)
    assert (file.valid_for_create, file.valid_for_update) == (False, False)
    assert [(n, by_name[n].type) for n in sorted(by_name) if n != "mspcat_catalogitemfileid"] == [
        ("mspcat_file", ColumnType.FILE),
        ("mspcat_file_name", ColumnType.STRING),
        ("mspcat_image", ColumnType.IMAGE),
        ("mspcat_image_timestamp", ColumnType.BIG_INT),
        ("mspcat_image_url", ColumnType.STRING),
        ("mspcat_imageid", ColumnType.UNIQUEIDENTIFIER),
    ]
    assert (by_name["mspcat_image_url"].format, by_name["mspcat_image_url"].max_length) == (
        "Url",
        200,
    )


def test_the_image_and_file_columns_in_sqlite(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run on SQLite: the image is a BLOB bounded by its MaxSizeInKB, the file a GUID (its
    fileattachment), the companions plain columns."""
    specs = workdir / "specs"
    specs.mkdir()
    (specs / "mspcat_catalogitemfile.md").write_text(FILE_AND_IMAGE, encoding="utf-8")
    code, _, err = run(capsys, "generate", "--target", "sql", "--dialect", "sqlite")
    assert code == 0, err
    ddl = (workdir / "generated" / "sql" / "sqlite" / "schema.sql").read_text(encoding="utf-8")
    db = sqlite3.connect(":memory:")
    db.executescript(ddl)
    row = (
        "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
        b"\x89PNG",
        "3f2504e0-4f89-41d3-9a0c-0305e82c3302",
    )
    db.execute(
        "INSERT INTO mspcat_catalogitemfile (mspcat_catalogitemfileid, mspcat_image, mspcat_file)"
        " VALUES (?, ?, ?)",
        row,
    )
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO mspcat_catalogitemfile (mspcat_catalogitemfileid, mspcat_image)"
            " VALUES ('3f2504e0-4f89-41d3-9a0c-0305e82c3303', ?)",
            (b"\0" * (10240 * 1024 + 1),),
        )


# msdyn_aisimulationrun (Dynamics 365, 2025) and mspcat_catalogitemfile (2024): state options
# whose InvariantName holds a space, and a state whose default status is a custom one.
STATE_DETAILS = """\
---
ms.topic: generated-reference
---

# AI Simulation Run (msdyn_aisimulationrun) table/entity reference (Microsoft Dynamics 365)

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `msdyn_aisimulationrun` |
| **EntitySetName** | `msdyn_aisimulationruns`|
| **LogicalName** | `msdyn_aisimulationrun` |
| **PrimaryIdAttribute** | `msdyn_aisimulationrunid` |

## Writable columns/attributes

### <a name="BKMK_msdyn_aisimulationrunId"></a> msdyn_aisimulationrunId

|Property|Value|
|---|---|
|LogicalName|`msdyn_aisimulationrunid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_statecode"></a> statecode

|Property|Value|
|---|---|
|LogicalName|`statecode`|
|RequiredLevel|SystemRequired|
|Type|State|
|DefaultFormValue||
|GlobalChoiceName|`msdyn_aisimulationrun_statecode`|

#### statecode Choices/Options

|Value|Details|
|---|---|
|0|Label: **Not Started**<br />DefaultStatus: 526430001<br />InvariantName: `Not Started`|
|1|Label: **In Progress**<br />DefaultStatus: 2<br />InvariantName: `In Progress`|

### <a name="BKMK_statuscode"></a> statuscode

|Property|Value|
|---|---|
|LogicalName|`statuscode`|
|RequiredLevel|None|
|Type|Status|
|DefaultFormValue||
|GlobalChoiceName|`msdyn_aisimulationrun_statuscode`|

#### statuscode Choices/Options

|Value|Details|
|---|---|
|2|Label: **In Progress**<br />State:1<br />TransitionData: None|
|526430001|Label: **Pending Approval**<br />State:0<br />TransitionData: None|
"""


def test_state_options_with_spaced_invariant_names_and_a_custom_default_status() -> None:
    spec = table(STATE_DETAILS)
    by_name = {c.logical_name: c for c in spec.columns}
    assert [
        (o.value, o.label, o.default_status, o.invariant_name) for o in by_name["statecode"].choices
    ] == [(0, "Not Started", 526430001, "Not Started"), (1, "In Progress", 2, "In Progress")]
    assert [(o.value, o.label, o.state) for o in by_name["statuscode"].choices] == [
        (2, "In Progress", 1),
        (526430001, "Pending Approval", 0),
    ]


def test_spaced_invariant_names_make_python_members(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The pydantic choice enum names the options from their labels (``NOT_STARTED``), and a
    record holding each state and status validates."""
    specs = workdir / "specs"
    specs.mkdir()
    (specs / "msdyn_aisimulationrun.md").write_text(STATE_DETAILS, encoding="utf-8")
    code, _, err = run(capsys, "generate", "--target", "pydantic")
    assert code == 0, err
    module = workdir / "generated" / "pydantic" / "dataverse_models" / "msdyn_aisimulationrun.py"
    source = module.read_text(encoding="utf-8")
    assert 'NOT_STARTED = 0, "Not Started"' in source
    assert 'PENDING_APPROVAL = 526430001, "Pending Approval"' in source
    check = (
        "from dataverse_models import MsdynAisimulationrun as M\n"
        "r = M.model_validate({'statecode': 0, 'statuscode': 526430001})\n"
        "print(r.statecode.name, r.statuscode.name)"
    )
    done = subprocess.run(
        [sys.executable, "-c", check],
        cwd=module.parent.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "NOT_STARTED PENDING_APPROVAL\n"), done.stderr


# serviceendpoint (Common Data Service, 10/2018): no Messages section, bold-line properties and
# columns, a Boolean's TrueOption/FalseOption bullets, many-to-one relationships named
# ``createdby_<table>`` and ``lk_<table>base_<lookup>`` with no body, and the generator's stray
# line (the table's logical name) after the last relationship.
CDS_2018 = """\
---
ms.date: 10/31/2018
---
# ServiceEndpoint Entity Reference

Service endpoint that can be contacted.

## Entity Properties

**DisplayName**: Service Endpoint<br />
**EntitySetName**: serviceendpoints<br />
**LogicalName**: serviceendpoint<br />
**PrimaryIdAttribute**: serviceendpointid<br />
**SchemaName**: ServiceEndpoint<br />
<a name="writable-attributes"></a>

## Writable attributes

### <a name="BKMK_ServiceEndpointId"></a> ServiceEndpointId

**LogicalName**: serviceendpointid<br />
**RequiredLevel**: SystemRequired<br />
**Type**: Uniqueidentifier<br />

<a name="read-only-attributes"></a>
## Read-only attributes
These attributes return false for both **IsValidForCreate** or **IsValidForUpdate**.

### <a name="BKMK_CreatedBy"></a> CreatedBy

**LogicalName**: createdby<br />
**RequiredLevel**: None<br />
**Type**: Lookup<br />
**Targets**: systemuser


### <a name="BKMK_IsAuthValueSet"></a> IsAuthValueSet

**LogicalName**: isauthvalueset<br />
**RequiredLevel**: None<br />
**Type**: Boolean<br />
**Options**:

- **TrueOption Value**: 1 **Label**: Yes
- **FalseOption Value**: 0 **Label**: No

**DefaultValue**: False


### <a name="BKMK_ModifiedOnBehalfBy"></a> ModifiedOnBehalfBy

**LogicalName**: modifiedonbehalfby<br />
**RequiredLevel**: None<br />
**Type**: Lookup<br />
**Targets**: systemuser


### <a name="BKMK_OrganizationId"></a> OrganizationId

**LogicalName**: organizationid<br />
**RequiredLevel**: SystemRequired<br />
**Type**: Lookup<br />
**Targets**: organization

<a name="manytoone"></a>

## Many-To-One Relationships

- [createdby_serviceendpoint](#BKMK_createdby_serviceendpoint)
- [lk_serviceendpointbase_modifiedonbehalfby](#BKMK_lk_serviceendpointbase_modifiedonbehalfby)
- [organization_serviceendpoint](#BKMK_organization_serviceendpoint)


### <a name="BKMK_createdby_serviceendpoint"></a> createdby_serviceendpoint

See systemuser Entity [createdby_serviceendpoint](systemuser.md#BKMK_createdby_serviceendpoint) \
One-To-Many relationship.

### <a name="BKMK_lk_serviceendpointbase_modifiedonbehalfby"></a> \
lk_serviceendpointbase_modifiedonbehalfby

See systemuser Entity [lk_serviceendpointbase_modifiedonbehalfby](systemuser.md#BKMK_lk_\
serviceendpointbase_modifiedonbehalfby) One-To-Many relationship.

### <a name="BKMK_organization_serviceendpoint"></a> organization_serviceendpoint

See organization Entity [organization_serviceendpoint](organization.md#BKMK_organization_\
serviceendpoint) One-To-Many relationship.
serviceendpoint

"""


def test_a_2018_page_without_messages_and_a_stray_name_line() -> None:
    spec = table(CDS_2018)
    assert spec.messages == ()
    by_name = {c.logical_name: c for c in spec.columns}
    flag = by_name["isauthvalueset"]
    assert (flag.type, flag.default_value) == (ColumnType.BOOLEAN, False)
    assert [(o.value, o.label) for o in flag.choices] == [(1, "Yes"), (0, "No")]
    assert [(r.schema_name, r.referenced_entity) for r in spec.relationships.many_to_one] == [
        ("createdby_serviceendpoint", "systemuser"),
        ("lk_serviceendpointbase_modifiedonbehalfby", "systemuser"),
        ("organization_serviceendpoint", "organization"),
    ]


def test_the_2018_relationship_names_find_their_lookups(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``createdby_x`` is createdby's relationship, ``lk_xbase_modifiedonbehalfby``
    modifiedonbehalfby's, ``organization_x`` organizationid's (the only lookup to its table):
    each lookup's navigation property partners its relationship, as in the Web API."""
    specs = workdir / "specs"
    specs.mkdir()
    (specs / "serviceendpoint.md").write_text(CDS_2018, encoding="utf-8")
    code, _, err = run(capsys, "generate", "--target", "odata")
    assert code == 0, err
    assert "webapi-navigation" not in err
    xml = (workdir / "generated" / "odata" / "metadata.xml").read_text(encoding="utf-8")
    for lookup, relationship in (
        ("createdby", "createdby_serviceendpoint"),
        ("modifiedonbehalfby", "lk_serviceendpointbase_modifiedonbehalfby"),
        ("organizationid", "organization_serviceendpoint"),
    ):
        assert f'<NavigationProperty Name="{lookup}" ' in xml
        assert f'Partner="{relationship}"' in xml


# Flow Machine Image as Dynamics 365 Sales customizes it (2025): two columns whose only change
# is CanChangeDateTimeBehavior, on a Dataverse table whose 2023 page has no such columns.
SALES_2025 = """\
# Flow Machine Image (flowmachineimage) table/entity reference (Microsoft Dynamics 365 Sales)

> [!NOTE]
> The Microsoft Dynamics 365 Sales Flow Machine Image (flowmachineimage) table extends the \
[Microsoft Dataverse Flow Machine Image (flowmachineimage) \
table](/power-apps/developer/data-platform/reference/entities/flowmachineimage).

## Customized columns/attributes

Microsoft Dynamics 365 Sales modifies the definition of columns/attributes defined in other \
solutions. Listed by **SchemaName**.

- [DeprecationDate](#BKMK_DeprecationDate)
- [EndOfSupportDate](#BKMK_EndOfSupportDate)

### <a name="BKMK_DeprecationDate"></a> DeprecationDate

Changes from [DeprecationDate (Microsoft \
Dataverse)](/power-apps/developer/data-platform/reference/entities/flowmachineimage#BKMK_DeprecationDate)

|Property|Value|
|---|---|
|CanChangeDateTimeBehavior|False|


### <a name="BKMK_EndOfSupportDate"></a> EndOfSupportDate

Changes from [EndOfSupportDate (Microsoft \
Dataverse)](/power-apps/developer/data-platform/reference/entities/flowmachineimage#BKMK_EndOfSupportDate)

|Property|Value|
|---|---|
|CanChangeDateTimeBehavior|False|




### See also

<xref:Microsoft.Dynamics.CRM.flowmachineimage?displayProperty=fullName>
"""

# The Dataverse table, cut down: DeprecationDate is a column, EndOfSupportDate is not.
FLOW_MACHINE_IMAGE = """\
# Flow Machine Image (flowmachineimage) table/entity reference

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `flowmachineimage` |
| **LogicalName** | `flowmachineimage` |
| **PrimaryIdAttribute** | `flowmachineimageid` |

## Writable columns/attributes

### <a name="BKMK_DeprecationDate"></a> DeprecationDate

|Property|Value|
|---|---|
|Description|**Date when the image is deprecated.**|
|DisplayName|**Deprecation Date**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`deprecationdate`|
|RequiredLevel|None|
|Type|DateTime|
|CanChangeDateTimeBehavior|True|
|DateTimeBehavior|UserLocal|
|Format|DateOnly|
|ImeMode|Inactive|
|SourceTypeMask|0|

### <a name="BKMK_flowmachineimageId"></a> flowmachineimageId

|Property|Value|
|---|---|
|LogicalName|`flowmachineimageid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|
"""


def test_an_extension_changing_only_the_date_time_behavior_flag() -> None:
    spec, warnings = parse(SALES_2025, "flowmachineimage-sales.md")
    assert warnings == []
    assert isinstance(spec, TableExtension)
    assert spec.logical_name == "flowmachineimage"
    assert [(c.logical_name, c.changes) for c in spec.column_changes] == [
        ("deprecationdate", (("can_change_date_time_behavior", False),)),
        ("endofsupportdate", (("can_change_date_time_behavior", False),)),
    ]


def test_the_flag_applies_to_a_column_the_base_has_and_the_other_is_warned() -> None:
    """The 2023 Dataverse page has neither column (they came later): a change to a column
    the set lacks is reported and skipped, never invented as a column."""
    tables, warnings = resolved(
        ("flowmachineimage.md", FLOW_MACHINE_IMAGE), ("flowmachineimage-sales.md", SALES_2025)
    )
    assert len(warnings) == 1
    assert "'endofsupportdate' is not a column of table 'flowmachineimage'" in warnings[0]
    assert "[extension-column-unknown]" in warnings[0]
    (image,) = tables.tables
    by_name = {c.logical_name: c for c in image.columns}
    assert sorted(by_name) == ["deprecationdate", "flowmachineimageid"]
    assert by_name["deprecationdate"].can_change_date_time_behavior is False


# Catalog Item (Power Platform Catalog Manager, 06/2024), cut down: a bold Web API cell for a
# custom function, and a description holding a backslash that is no Markdown escape.
CATALOG_ITEM = """\
# Catalog Item (mspcat_applications) table/entity reference

Entry that will appear in the Catalog

## Messages

|Name <br />Is Event? |Web API Operation |SDK for .NET |
| ---- | ----- |----- |
| `Create`<br />Event: True |`POST` /mspcat_applicationses<br />See \
[Create](/powerapps/developer/data-platform/webapi/create-entity-web-api) |[Create \
records](/power-apps/developer/data-platform/org-service/entity-operations-create#basic-create)|
| `mspcat_InstallCatalogItem`<br />Event: False |**mspcat_InstallCatalogItem function** \
|[Learn to use messages with the SDK for \
.NET](/power-apps/developer/data-platform/org-service/use-messages)|

## Properties

|Property|Value|
| --- | --- |
| **DisplayName** | **Catalog Item** |
| **DisplayCollectionName** | **Catalog Items** |
| **SchemaName** | `mspcat_applications` |
| **CollectionSchemaName** | `mspcat_applicationses` |
| **EntitySetName** | `mspcat_applicationses`|
| **LogicalName** | `mspcat_applications` |
| **LogicalCollectionName** | `mspcat_applicationses` |
| **PrimaryIdAttribute** | `mspcat_applicationsid` |
| **PrimaryNameAttribute** |`mspcat_name` |
| **TableType** | `Standard` |
| **OwnershipType** | `UserOwned` |

## Writable columns/attributes

### <a name="BKMK_mspcat_applicationsId"></a> mspcat_applicationsId

|Property|Value|
|---|---|
|Description|**Unique identifier for entity instances**|
|DisplayName|**Catalog Item**|
|IsValidForForm|False|
|IsValidForRead|True|
|LogicalName|`mspcat_applicationsid`|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|

### <a name="BKMK_mspcat_name"></a> mspcat_name

|Property|Value|
|---|---|
|Description|**The name of the custom entity.**|
|DisplayName|**Name**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`mspcat_name`|
|RequiredLevel|ApplicationRequired|
|Type|String|
|Format|Text|
|FormatName|Text|
|ImeMode|Auto|
|IsLocalizable|False|
|MaxLength|100|

### <a name="BKMK_mspcat_PushedDate"></a> mspcat_PushedDate

|Property|Value|
|---|---|
|Description|**Last Date that this was pushed to TPS\\PES**|
|DisplayName|**Pushed Date**|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|`mspcat_pusheddate`|
|RequiredLevel|None|
|Type|DateTime|
|CanChangeDateTimeBehavior|True|
|DateTimeBehavior|UserLocal|
|Format|DateAndTime|
|ImeMode|Auto|
|SourceTypeMask|0|
"""


def test_a_backslash_before_a_letter_is_kept_and_a_bold_operation_cell_read() -> None:
    """``\\P`` is no Markdown escape (only punctuation is escaped): the backslash is text."""
    spec = table(CATALOG_ITEM)
    assert spec.collection_schema_name == "mspcat_applicationses"
    pushed = {c.logical_name: c for c in spec.columns}["mspcat_pusheddate"]
    assert pushed.description == "Last Date that this was pushed to TPS\\PES"
    assert [(m.name, m.is_event) for m in spec.messages] == [
        ("Create", True),
        ("mspcat_InstallCatalogItem", False),
    ]
    assert spec.messages[1].web_api_operation == "**mspcat_InstallCatalogItem function**"


def test_the_backslash_survives_into_postgres_and_sqlite(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    specs = workdir / "specs"
    specs.mkdir()
    (specs / "mspcat_applications.md").write_text(CATALOG_ITEM, encoding="utf-8")
    for dialect in ("sqlite", "postgres"):
        code, _, err = run(capsys, "generate", "--target", "sql", "--dialect", dialect)
        assert code == 0, err
    sql = workdir / "generated" / "sql"
    sqlite_ddl = (sql / "sqlite" / "schema.sql").read_text(encoding="utf-8")
    sqlite3.connect(":memory:").executescript(sqlite_ddl)
    assert "TPS\\PES" in sqlite_ddl
    postgres_ddl = (sql / "postgres" / "schema.sql").read_text(encoding="utf-8")
    assert "E'Last Date that this was pushed to TPS\\\\PES'" in postgres_ddl


# Catalog (Common Data Service, 11/2020), cut down: a lookup to its own table whose
# many-to-one is only a "See catalog Entity" line, and whose one-to-many names the
# collection navigation property ``SubCatalogs``.
CATALOG_2020 = """\
# Catalog table reference

**Added by**: CatalogFramework Solution

## Table Properties

|Property|Value|
|--------|-----|
|CollectionSchemaName|Catalogs|
|DisplayCollectionName|Catalogs|
|DisplayName|Catalog|
|EntitySetName|catalogs|
|IsBPFEntity|False|
|LogicalCollectionName|catalogs|
|LogicalName|catalog|
|OwnershipType|OrganizationOwned|
|PrimaryIdAttribute|catalogid|
|PrimaryNameAttribute|name|
|SchemaName|Catalog|

<a name="writable-attributes"></a>

## Writable Columns

### <a name="BKMK_CatalogId"></a> CatalogId

|Property|Value|
|--------|-----|
|Description|Unique identifier for catalog instances|
|DisplayName|Catalog|
|IsValidForForm|False|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|catalogid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|


### <a name="BKMK_Name"></a> Name

|Property|Value|
|--------|-----|
|Description|The primary name of the catalog|
|DisplayName|Name|
|FormatName|Text|
|IsLocalizable|False|
|IsValidForForm|True|
|IsValidForRead|True|
|LogicalName|name|
|MaxLength|100|
|RequiredLevel|SystemRequired|
|Type|String|


### <a name="BKMK_ParentCatalogId"></a> ParentCatalogId

|Property|Value|
|--------|-----|
|Description|Unique identifier for the Parent Catalog|
|DisplayName|Parent Catalog|
|IsValidForForm|True|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|parentcatalogid|
|RequiredLevel|None|
|Targets|catalog|
|Type|Lookup|

<a name="onetomany"></a>

## One-To-Many Relationships

Listed by **SchemaName**.

- [parentcatalog_catalog](#BKMK_parentcatalog_catalog)


### <a name="BKMK_parentcatalog_catalog"></a> parentcatalog_catalog

Same as catalog entity [parentcatalog_catalog](catalog.md#BKMK_parentcatalog_catalog) \
Many-To-One relationship.

|Property|Value|
|--------|-----|
|ReferencingEntity|catalog|
|ReferencingAttribute|parentcatalogid|
|IsHierarchical|False|
|IsCustomizable|False|
|ReferencedEntityNavigationPropertyName|SubCatalogs|
|AssociatedMenuConfiguration|Behavior: UseCollectionName<br />Group: Details<br />Label: <br />\
Order: 10000|
|CascadeConfiguration|Assign: Cascade<br />Delete: Cascade<br />Merge: NoCascade<br />\
Reparent: Cascade<br />Share: Cascade<br />Unshare: Cascade|

<a name="manytoone"></a>

## Many-To-One Relationships

Each Many-To-One relationship is defined by a corresponding One-To-Many relationship with the \
related entity. Listed by **SchemaName**.

- [parentcatalog_catalog](#BKMK_parentcatalog_catalog)


### <a name="BKMK_parentcatalog_catalog"></a> parentcatalog_catalog

See catalog Entity [parentcatalog_catalog](catalog.md#BKMK_parentcatalog_catalog) One-To-Many \
relationship.
"""


def test_a_self_lookup_pairs_with_the_collection_its_one_to_many_names(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The bodyless many-to-one and the one-to-many are the same self relationship: the
    lookup ``parentcatalogid`` and the collection ``SubCatalogs`` partner each other, and
    the foreign key references the table itself. The navigation property is the lookup's
    SchemaName, ``ParentCatalogId``, as Microsoft's ``catalog`` EntityType has it: a
    solution (Catalog Framework) made the table and its lookup."""
    spec = table(CATALOG_2020)
    (one,) = spec.relationships.one_to_many
    assert (one.referencing_attribute, one.referenced_entity_navigation_property_name) == (
        "parentcatalogid",
        "SubCatalogs",
    )
    specs = workdir / "specs"
    specs.mkdir()
    (specs / "catalog.md").write_text(CATALOG_2020, encoding="utf-8")
    for target in (["odata"], ["sql", "--dialect", "sqlite"]):
        code, _, err = run(capsys, "generate", "--target", *target)
        assert code == 0, err
        assert "warning" not in err
    xml = (workdir / "generated" / "odata" / "metadata.xml").read_text(encoding="utf-8")
    assert '<NavigationProperty Name="ParentCatalogId" Type="mscrm.catalog"' in xml
    assert 'Partner="SubCatalogs"' in xml
    assert (
        '<NavigationProperty Name="SubCatalogs" Type="Collection(mscrm.catalog)" '
        'Partner="ParentCatalogId"/>'
    ) in xml
    ddl = (workdir / "generated" / "sql" / "sqlite" / "schema.sql").read_text(encoding="utf-8")
    assert 'FOREIGN KEY ("parentcatalogid") REFERENCES "catalog" ("catalogid")' in ddl
    connection = sqlite3.connect(":memory:")
    connection.execute("PRAGMA foreign_keys=ON")
    connection.executescript(ddl)


# CompetitorSalesLiterature (12/2017), the properties table of an intersect page: both plural
# names are empty cells.
EMPTY_PLURALS_2017 = """\
# CompetitorSalesLiterature Entity Reference

**Added by**: Sales Solution<br />

## Entity Properties

|Property|Value|
|--------|-----|
|CollectionSchemaName||
|DisplayCollectionName|CompetitorSalesLiterature|
|DisplayName|CompetitorSalesLiterature|
|EntitySetName|competitorsalesliteratures|
|IsBPFEntity|False|
|LogicalCollectionName||
|LogicalName|competitorsalesliterature|
|OwnershipType|None|
|PrimaryIdAttribute|competitorsalesliteratureid|
|PrimaryNameAttribute|name|
|SchemaName|CompetitorSalesLiterature|

## Writable attributes

### <a name="BKMK_CompetitorSalesLiteratureId"></a> CompetitorSalesLiteratureId

|Property|Value|
|--------|-----|
|Description|Unique identifier of the sales literature for the competitor product.|
|DisplayName||
|IsValidForForm|False|
|IsValidForRead|True|
|IsValidForUpdate|False|
|LogicalName|competitorsalesliteratureid|
|RequiredLevel|SystemRequired|
|Type|Uniqueidentifier|
"""


def test_empty_plural_names_are_no_display_names_to_warn_about() -> None:
    """An empty plural-name cell says nothing: it is left out without the warning a display
    name in that row gets."""
    spec = table(EMPTY_PLURALS_2017)
    assert (spec.collection_schema_name, spec.logical_collection_name) == (None, None)
    assert spec.entity_set_name == "competitorsalesliteratures"
