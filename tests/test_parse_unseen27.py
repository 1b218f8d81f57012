"""Variations met in a twenty-seventh round of real pages outside the corpus, drawn at random (seed
27) from the OLD folders only: ce/developer/entities (Dynamics 365 Customer Engagement, 2017 bold
lines and property tables, one 2024 "extends" page) and the common-data-service reference folder
(2018 bold lines). Each page was run alone, with the corpus, and with the earlier rounds' pages of
the tables it links to, through every target and the real tools.

No fault was found. These tests pin, on minimal pages written for the test, what the readers and
targets took from variations that no earlier test held, so that a regression shows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from lxml import etree

from dvgen.cli import main
from dvgen.model import ColumnType, OwnershipType
from tests.pages import table

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"

# A 2018 page of the common-data-service folder (emailsignature): a ManagedProperty column given
# in bold lines with nothing after its type, and a Boolean whose default is True.
EMAILSIGNATURE = """\
---
title: "EmailSignature Entity Reference (Common Data Service for Apps)| Microsoft Docs"
ms.date: 10/31/2018
---
# EmailSignature Entity Reference

Signature for email message

## Entity Properties

**DisplayName**: Email Signature<br />
**SchemaName**: EmailSignature<br />
**LogicalName**: emailsignature<br />
**EntitySetName**: emailsignatures<br />
**PrimaryIdAttribute**: emailsignatureid<br />
**PrimaryNameAttribute**: title<br />
**OwnershipType**: UserOwned<br />
<a name="writable-attributes"></a>

## Writable attributes

- [EmailSignatureId](#BKMK_EmailSignatureId)
- [IsCustomizable](#BKMK_IsCustomizable)
- [IsPersonal](#BKMK_IsPersonal)
- [Title](#BKMK_Title)


### <a name="BKMK_EmailSignatureId"></a> EmailSignatureId

**Description**: Unique identifier of the email signature.<br />
**DisplayName**: Email Signature<br />
**LogicalName**: emailsignatureid<br />
**IsValidForForm**: False<br />
**IsValidForRead**: True<br />
**RequiredLevel**: SystemRequired<br />
**IsValidForUpdate**: False<br />
**Type**: Uniqueidentifier<br />


### <a name="BKMK_IsCustomizable"></a> IsCustomizable

**Description**: Information that specifies whether this component can be customized.<br />
**DisplayName**: Customizable<br />
**LogicalName**: iscustomizable<br />
**IsValidForForm**: False<br />
**IsValidForRead**: True<br />
**RequiredLevel**: SystemRequired<br />
**Type**: ManagedProperty<br />


### <a name="BKMK_IsPersonal"></a> IsPersonal

**Description**: Information about whether the email signature is personal or is available to all users.<br />
**DisplayName**: Viewable By<br />
**LogicalName**: ispersonal<br />
**IsValidForForm**: False<br />
**IsValidForRead**: True<br />
**RequiredLevel**: None<br />
**Type**: Boolean<br />
**Options**:

- **TrueOption Value**: 1 **Label**: Individual
- **FalseOption Value**: 0 **Label**: Queue

**DefaultValue**: True


### <a name="BKMK_Title"></a> Title

**Description**: Title of the email signature.<br />
**DisplayName**: Title<br />
**LogicalName**: title<br />
**IsValidForForm**: False<br />
**IsValidForRead**: True<br />
**RequiredLevel**: ApplicationRequired<br />
**Type**: String<br />
**FormatName**: Text<br />
**IsLocalizable**: False<br />
**MaxLength**: 200

"""


def test_a_bold_line_managed_property_and_a_boolean_defaulting_to_true() -> None:
    page = table(EMAILSIGNATURE)
    columns = {c.logical_name: c for c in page.columns}
    customizable = columns["iscustomizable"]
    assert (customizable.type, customizable.required_level) == (
        ColumnType.MANAGED_PROPERTY,
        "SystemRequired",
    )
    personal = columns["ispersonal"]
    assert personal.default_value is True
    assert {c.value: c.label for c in personal.choices} == {0: "Queue", 1: "Individual"}


# A 2017 page of ce/developer/entities (resourcespec): a Uniqueidentifier column, not a lookup,
# holds the id of a scheduling group, a constraint-based group or a team. Its own page names no
# attribute for the relationship; the constraint-based group's page does.
RESOURCESPEC = """\
---
title: "ResourceSpec Entity Reference (Developer Guide for Dynamics 365 Customer Engagement)| MicrosoftDocs"
ms.date: 10/31/2017
---
# ResourceSpec Entity Reference

[!INCLUDE[](../../includes/cc_applies_to_update_9_0_0.md)]

Selection rule that allows the scheduling engine to select a number of resources.

## Properties

**DisplayName**: Resource Specification<br />
**SchemaName**: ResourceSpec<br />
**LogicalName**: resourcespec<br />
**EntitySetName**: resourcespecs<br />
**PrimaryIdAttribute**: resourcespecid<br />
**PrimaryNameAttribute**: name<br />
**OwnershipType**: BusinessOwned<br />
<a name="writable-attributes"></a>

## Writable attributes

- [GroupObjectId](#BKMK_GroupObjectId)
- [Name](#BKMK_Name)
- [ResourceSpecId](#BKMK_ResourceSpecId)


### <a name="BKMK_GroupObjectId"></a> GroupObjectId

**Description**: Unique identifier of the scheduling group with which the resource specification is associated.<br />
**DisplayName**: Group Object<br />
**LogicalName**: groupobjectid<br />
**IsValidForForm**: False<br />
**IsValidForRead**: True<br />
**RequiredLevel**: SystemRequired<br />
**Type**: Uniqueidentifier<br />


### <a name="BKMK_Name"></a> Name

**Description**: Name of the resource specification.<br />
**DisplayName**: Name<br />
**LogicalName**: name<br />
**IsValidForForm**: False<br />
**IsValidForRead**: True<br />
**RequiredLevel**: SystemRequired<br />
**Type**: String<br />
**FormatName**: Text<br />
**IsLocalizable**: False<br />
**MaxLength**: 160


### <a name="BKMK_ResourceSpecId"></a> ResourceSpecId

**Description**: Unique identifier of the resource specification.<br />
**DisplayName**: Resource Spec<br />
**LogicalName**: resourcespecid<br />
**IsValidForForm**: False<br />
**IsValidForRead**: True<br />
**RequiredLevel**: SystemRequired<br />
**IsValidForUpdate**: False<br />
**Type**: Uniqueidentifier<br />

<a name="manytoone"></a>

## Many-To-One Relationships

Each Many-To-One relationship is defined by a corresponding One-To-Many relationship with the related entity. Listed by **SchemaName**.

- [constraint_based_group_resource_specs](#BKMK_constraint_based_group_resource_specs)


### <a name="BKMK_constraint_based_group_resource_specs"></a> constraint_based_group_resource_specs

See constraintbasedgroup Entity [constraint_based_group_resource_specs](constraintbasedgroup.md#BKMK_constraint_based_group_resource_specs) One-To-Many relationship.
"""

CONSTRAINTBASEDGROUP = """\
---
title: "ConstraintBasedGroup Entity Reference (Developer Guide for Dynamics 365 Customer Engagement)| MicrosoftDocs"
ms.date: 10/31/2017
---
# ConstraintBasedGroup Entity Reference

Group or collection of people, equipment, and/or facilities that can be scheduled.

## Properties

**DisplayName**: Resource Group<br />
**SchemaName**: ConstraintBasedGroup<br />
**LogicalName**: constraintbasedgroup<br />
**EntitySetName**: constraintbasedgroups<br />
**PrimaryIdAttribute**: constraintbasedgroupid<br />
**OwnershipType**: BusinessOwned<br />
<a name="writable-attributes"></a>

## Writable attributes

- [ConstraintBasedGroupId](#BKMK_ConstraintBasedGroupId)


### <a name="BKMK_ConstraintBasedGroupId"></a> ConstraintBasedGroupId

**Description**: Unique identifier of the resource group.<br />
**DisplayName**: Resource Group<br />
**LogicalName**: constraintbasedgroupid<br />
**IsValidForForm**: False<br />
**IsValidForRead**: True<br />
**RequiredLevel**: SystemRequired<br />
**IsValidForUpdate**: False<br />
**Type**: Uniqueidentifier<br />

<a name="onetomany"></a>

## One-To-Many Relationships

Listed by **SchemaName**.

- [constraint_based_group_resource_specs](#BKMK_constraint_based_group_resource_specs)


### <a name="BKMK_constraint_based_group_resource_specs"></a> constraint_based_group_resource_specs

Same as resourcespec entity [constraint_based_group_resource_specs](resourcespec.md#BKMK_constraint_based_group_resource_specs) Many-To-One relationship.

**ReferencingEntity**: resourcespec<br />
**ReferencingAttribute**: groupobjectid<br />
**IsHierarchical**: False<br />
**IsCustomizable**: False<br />
**ReferencedEntityNavigationPropertyName**: constraint_based_group_resource_specs<br />
**AssociatedMenuConfiguration**:

- **Behavior**: DoNotDisplay
- **Group**: Details
- **Label**: 
- **Order**: 

**CascadeConfiguration**:

- **Assign**: NoCascade
- **Delete**: Restrict
- **Merge**: NoCascade
- **Reparent**: NoCascade
- **Share**: NoCascade
- **Unshare**: NoCascade

"""


def _generate(tmp_path: Path, pages: dict[str, str], target: str) -> Path:
    folder = tmp_path / "specs"
    folder.mkdir(exist_ok=True)
    for name, text in pages.items():
        (folder / name).write_text(text)
    out = tmp_path / "out"
    argv = ["generate", "--specs", str(folder), "--out", str(out), "--no-cache", "-q"]
    assert main([*argv, "--target", target]) == 0
    return out


def _entity_type(metadata: Path, name: str) -> etree._Element:
    root = etree.parse(str(metadata)).getroot()
    found = root.find(f".//{EDM}EntityType[@Name='{name}']")
    assert found is not None
    return found


GROUP = {"resourcespec.md": RESOURCESPEC, "constraintbasedgroup.md": CONSTRAINTBASEDGROUP}


def test_a_uniqueidentifier_column_a_relationship_names_gets_no_sql_key(tmp_path: Path) -> None:
    schema = (_generate(tmp_path, GROUP, "sql") / "sql" / "sqlite" / "schema.sql").read_text()
    with sqlite3.connect(":memory:") as db:
        db.executescript(schema)
        db.execute("PRAGMA foreign_keys = ON")
        # a team's id: no constraint-based group has it, and the row is still taken
        db.execute(
            "INSERT INTO resourcespec (resourcespecid, name, groupobjectid) VALUES (?, ?, ?)",
            (
                "11111111-1111-1111-1111-111111111111",
                "any",
                "22222222-2222-2222-2222-222222222222",
            ),
        )
        keys = db.execute("PRAGMA foreign_key_list('resourcespec')").fetchall()
    assert keys == []


def test_a_uniqueidentifier_column_a_relationship_names_is_navigable(tmp_path: Path) -> None:
    metadata = _generate(tmp_path, GROUP, "odata") / "odata" / "metadata.xml"
    spec = _entity_type(metadata, "resourcespec")
    navs = {n.get("Name"): n for n in spec.iter(f"{EDM}NavigationProperty")}
    nav = navs["groupobjectid_constraintbasedgroup"]
    assert (nav.get("Type"), nav.get("Partner")) == (
        "mscrm.constraintbasedgroup",
        "constraint_based_group_resource_specs",
    )
    constraint = nav.find(f"{EDM}ReferentialConstraint")
    assert constraint is not None
    assert (constraint.get("Property"), constraint.get("ReferencedProperty")) == (
        "groupobjectid",
        "constraintbasedgroupid",
    )
    properties = {p.get("Name"): p.get("Type") for p in spec.iter(f"{EDM}Property")}
    assert properties["groupobjectid"] == "Edm.Guid"
    assert "_groupobjectid_value" not in properties


# A 2018 page of the common-data-service folder (channelaccessprofileruleitem): OwnershipType
# None beside an Owner column, and a one-to-many block whose collection is not named like the
# relationship (profileruleitem_Annotations, collection profileruleitem_Annotation).
RULEITEM = """\
---
title: "ChannelAccessProfileRuleItem Entity Reference (Common Data Service for Apps)| Microsoft Docs"
ms.date: 10/31/2018
---
# ChannelAccessProfileRuleItem Entity Reference

Defines the rule items of a profile rule set for the automated profile association.For internal use only

## Entity Properties

**DisplayName**: Channel Access Profile Rule Item<br />
**SchemaName**: ChannelAccessProfileRuleItem<br />
**LogicalName**: channelaccessprofileruleitem<br />
**EntitySetName**: channelaccessprofileruleitems<br />
**PrimaryIdAttribute**: channelaccessprofileruleitemid<br />
**PrimaryNameAttribute**: name<br />
**OwnershipType**: None<br />
<a name="writable-attributes"></a>

## Writable attributes

- [ChannelAccessProfileRuleItemId](#BKMK_ChannelAccessProfileRuleItemId)
- [OwnerId](#BKMK_OwnerId)


### <a name="BKMK_ChannelAccessProfileRuleItemId"></a> ChannelAccessProfileRuleItemId

**Description**: Unique identifier for entity instances<br />
**DisplayName**: Rule Item<br />
**LogicalName**: channelaccessprofileruleitemid<br />
**IsValidForForm**: False<br />
**IsValidForRead**: True<br />
**RequiredLevel**: SystemRequired<br />
**IsValidForUpdate**: False<br />
**Type**: Uniqueidentifier<br />


### <a name="BKMK_OwnerId"></a> OwnerId

**Description**: Enter the user or team who is assigned to manage the record.<br />
**DisplayName**: Owner<br />
**LogicalName**: ownerid<br />
**IsValidForForm**: True<br />
**IsValidForRead**: True<br />
**RequiredLevel**: SystemRequired<br />
**Type**: Owner<br />
**Targets**: systemuser,team

<a name="onetomany"></a>

## One-To-Many Relationships

Listed by **SchemaName**.

- [profileruleitem_Annotations](#BKMK_profileruleitem_Annotations)


### <a name="BKMK_profileruleitem_Annotations"></a> profileruleitem_Annotations

Same as annotation entity [profileruleitem_Annotations](annotation.md#BKMK_profileruleitem_Annotations) Many-To-One relationship.

**ReferencingEntity**: annotation<br />
**ReferencingAttribute**: objectid<br />
**IsHierarchical**: False<br />
**IsCustomizable**: True<br />
**ReferencedEntityNavigationPropertyName**: profileruleitem_Annotation<br />
**AssociatedMenuConfiguration**:

- **Behavior**: UseCollectionName
- **Group**: Details
- **Label**: 
- **Order**: 

**CascadeConfiguration**:

- **Assign**: Cascade
- **Delete**: Cascade
- **Merge**: NoCascade
- **Reparent**: Cascade
- **Share**: Cascade
- **Unshare**: Cascade

"""

ANNOTATION = """\
logical_name: annotation
schema_name: Annotation
entity_set_name: annotations
primary_id_attribute: annotationid
ownership_type: UserOwned
columns:
  - logical_name: annotationid
    schema_name: AnnotationId
    type: Uniqueidentifier
    required_level: SystemRequired
  - logical_name: objectid
    schema_name: ObjectId
    type: Lookup
    targets: [channelaccessprofileruleitem]
"""


def test_a_collection_named_apart_from_its_relationship() -> None:
    page = table(RULEITEM)
    assert page.ownership_type == OwnershipType.NONE
    (relationship,) = page.relationships.one_to_many
    assert (relationship.schema_name, relationship.referenced_entity_navigation_property_name) == (
        "profileruleitem_Annotations",
        "profileruleitem_Annotation",
    )


def test_the_collection_takes_the_name_its_block_gives(tmp_path: Path) -> None:
    pages = {"channelaccessprofileruleitem.md": RULEITEM, "annotation.yaml": ANNOTATION}
    metadata = _generate(tmp_path, pages, "odata") / "odata" / "metadata.xml"
    item = _entity_type(metadata, "channelaccessprofileruleitem")
    navs = {n.get("Name"): n.get("Partner") for n in item.iter(f"{EDM}NavigationProperty")}
    # one target: the single-valued side is the lookup's own name
    assert navs["profileruleitem_Annotation"] == "objectid"
    assert "profileruleitem_Annotations" not in navs
    note = _entity_type(metadata, "annotation")
    back = {n.get("Name"): n.get("Partner") for n in note.iter(f"{EDM}NavigationProperty")}
    assert back["objectid"] == "profileruleitem_Annotation"
