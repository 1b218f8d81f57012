"""Variations met in a thirty-ninth round of real pages outside the corpus, drawn with
random.Random(39) from the reference's table of contents less the corpus and the tables earlier
rounds used, passing over powerpagecomponent (42,966 characters) and mspp_webformstep (77,015).
MicrosoftDocs/powerapps-docs pages (``powerapps-docs/developer/data-platform/reference/entities/``),
in the order drawn: msdyn_dataflow (commit 0658c019), msdyn_integratedsearchprovider (02/15/2023,
no owner relationship listed, commit 09770ae5), plannerbusinessscenario (a Boolean without
labels, commit 17f4f33f), approvalstageintelligent (a File column named as its relationship's
navigation property, commit 8e4fc54b), msdyn_aitemplate (commit 0298582b), msdyn_dmsrequest
(empty Web API cells, commit 256c49f5), aipluginexternalschemaproperty (08/30/2024, commit
00dcf07a), msdyn_historicalcaseharvestrun (a LogicalName with capitals, status reasons of one
label in two states, commit 3784eda3), msdyn_aievaluationrun (a lookup navigated by SchemaName,
commit 2d5f8da2), viewasexamplequestion (organization-owned, commit 256c49f5),
msdyn_pmprocesstemplate (03/07/2023, commit 0084d69f) and mspp_websiteaccess (virtual, a
many-to-many relationship, commit 0298582b). Older versions, 03/07/2018
(``developer/common-data-service/``): exchangesyncidmapping (drawn 14th; commit 0b94b9ca) and
publisheraddress (a one-to-many section of one item and no list, commit 148cef80).
MicrosoftDocs/dynamics-365-customer-engagement (``ce/developer/reference/entities/``, commit
f7ae5d03): competitoraddress (choices with no option), dynamicpropertyinstance (relationships
whose referencing attribute is the table's key) and adx_setting (a page of changes only,
skipped with its warning when alone).

No fault was found. The CSDL of msdyn_dataflow, msdyn_aitemplate, exchangesyncidmapping,
publisheraddress, competitoraddress and dynamicpropertyinstance was compared with Microsoft's
EntityTypes (MicrosoftDocs/dynamics365-docs-odata-apis,
``WebAPI-reference/dynamics-ce-odata-9/entitytypes/``) with ``bench/webapi_compare.py``, the
pages together: 147 of Microsoft's 148 properties with its Edm type
(``exchangesyncidmapping.itemsubject`` is newer than the 2018 page; ``msdyn_modelaction`` newer
than the EntityType), 44 of its 44 single-valued navigation properties (43 partnered), and all 25
collections to tables outside the set, 24 partnered as Microsoft's. Left, as no page of the set
can tell them: ``msdyn_aitemplate_msdyn_aimodel``'s partner, Microsoft's ``msdyn_TemplateId`` (AI
Builder names its lookups by SchemaName), and exchangesyncidmapping's ``ownerid``, partnered
``owner_exchangesyncidmapping`` by Microsoft, which a table of the base system names as it likes
(``owner_accounts``, ``owner_sharepointdocumentlocation``) and the 2018 page does not list. The
tests below pin what was checked. Every output loaded into sqlite3 and PostgreSQL 15, parsed as
T-SQL, passed the OASIS CSDL XSD and the JSON Schema 2020-12 metaschema, and the pydantic models
imported and validated a record."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from dvgen.model import ColumnType
from tests.pages import table
from tests.test_parse_unseen38 import _one_to_many, entity_type_alone

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"


def _column(schema: str, rows: str) -> str:
    """A column block of a page of 2024 on (values in backticks, keys in the page's order)."""
    return f'### <a name="BKMK_{schema}"></a> {schema}\n\n|Property|Value|\n|---|---|\n{rows}\n\n'


def _lookup(schema: str, targets: str) -> str:
    return _column(
        schema,
        f"|Description||\n|DisplayName||\n|IsValidForForm|False|\n|IsValidForRead|True|\n"
        f"|LogicalName|`{schema.lower()}`|\n|RequiredLevel|None|\n|Type|Lookup|\n"
        f"|Targets|{targets}|",
    )


def _many_to_one(name: str, referenced: str, attribute: str, navigation: str) -> str:
    return (
        f'### <a name="BKMK_{name}"></a> {name}\n\nOne-To-Many Relationship: '
        f"[{referenced} {name}]({referenced}.md#BKMK_{name})\n\n|Property|Value|\n|---|---|\n"
        f"|ReferencedEntity|`{referenced}`|\n|ReferencedAttribute|`{referenced}id`|\n"
        f"|ReferencingAttribute|`{attribute}`|\n"
        f"|ReferencingEntityNavigationPropertyName|`{navigation}`|\n|IsHierarchical||\n\n"
    )


def _page(logical: str, key: str, ownership: str, columns: str, relationships: str) -> str:
    return (
        f"# {logical} table/entity reference (Microsoft Dynamics 365)\n\n## Properties\n\n"
        f"|Property|Value|\n| --- | --- |\n| **SchemaName** | `{logical}` |\n"
        f"| **EntitySetName** | `{logical}s`|\n| **LogicalName** | `{logical}` |\n"
        f"| **PrimaryIdAttribute** | `{key}` |\n| **TableType** | `Standard` |\n"
        f"| **OwnershipType** | `{ownership}` |\n\n## Writable columns/attributes\n\n"
        + _column(
            key,
            "|Description||\n|DisplayName||\n|IsValidForForm|False|\n|IsValidForRead|True|\n"
            f"|LogicalName|`{key}`|\n|RequiredLevel|SystemRequired|\n|Type|Uniqueidentifier|",
        )
        + columns
        + relationships
    )


def _navigations(entity: etree._Element) -> dict[str, tuple[str, str | None]]:
    return {
        n.get("Name", ""): (n.get("Type", ""), n.get("Partner"))
        for n in entity.iter(f"{EDM}NavigationProperty")
    }


# dynamicpropertyinstance (dynamics-365-customer-engagement, commit f7ae5d03): two relationships
# whose ReferencingAttribute is the table's key, OwningUser listing no Targets
PROPERTY_INSTANCE = _page(
    "dynamicpropertyinstance",
    "dynamicpropertyinstanceid",
    "UserOwned",
    _lookup("OwningUser", "")
    + _lookup("TransactionCurrencyId", "transactioncurrency")
    + "## Many-to-One relationships\n\nThese relationships are many-to-one. "
    "Listed by **SchemaName**.\n\n",
    _many_to_one(
        "OwningUser_Dynamicpropertyinsatance",
        "systemuser",
        "dynamicpropertyinstanceid",
        "owninguser",
    )
    + _many_to_one(
        "TransactionCurrency_Dynamicpropertyinsatance",
        "transactioncurrency",
        "dynamicpropertyinstanceid",
        "transactioncurrencyid",
    ),
)


def test_a_relationship_on_the_key_is_navigated_by_its_own_name(tmp_path: Path) -> None:
    """Microsoft's dynamicpropertyinstance EntityType has ``owninguser`` and
    ``transactioncurrencyid``, partnered by these relationships though their referencing
    attribute is the key, beside lookup properties that name no navigation property."""
    entity = entity_type_alone(tmp_path, "dynamicpropertyinstance", PROPERTY_INSTANCE)
    navigations = _navigations(entity)
    assert navigations["owninguser"] == (
        "mscrm.systemuser",
        "OwningUser_Dynamicpropertyinsatance",
    )
    assert navigations["transactioncurrencyid"] == (
        "mscrm.transactioncurrency",
        "TransactionCurrency_Dynamicpropertyinsatance",
    )
    properties = {p.get("Name") for p in entity.iter(f"{EDM}Property")}
    assert {"_owninguser_value", "_transactioncurrencyid_value"} <= properties


# msdyn_dataflow (powerapps-docs, commit 0658c019): its relationships to the tables every table
# of its kind is related to
DATAFLOW = _page(
    "msdyn_dataflow",
    "msdyn_dataflowid",
    "UserOwned",
    "## One-to-Many relationships\n\nThese relationships are one-to-many. "
    "Listed by **SchemaName**.\n\n",
    _one_to_many("msdyn_dataflow_AsyncOperations", "asyncoperation", "regardingobjectid")
    + _one_to_many("msdyn_dataflow_BulkDeleteFailures", "bulkdeletefailure", "regardingobjectid")
    + _one_to_many("msdyn_dataflow_DuplicateBaseRecord", "duplicaterecord", "baserecordid")
    + _one_to_many("msdyn_dataflow_DuplicateMatchingRecord", "duplicaterecord", "duplicaterecordid")
    + _one_to_many(
        "msdyn_dataflow_MailboxTrackingFolders", "mailboxtrackingfolder", "regardingobjectid"
    )
    + _one_to_many(
        "msdyn_dataflow_PrincipalObjectAttributeAccesses",
        "principalobjectattributeaccess",
        "objectid",
    )
    + _one_to_many("msdyn_dataflow_ProcessSession", "processsession", "regardingobjectid")
    + _one_to_many("msdyn_dataflow_SyncErrors", "syncerror", "regardingobjectid"),
)


def test_collections_to_tables_outside_the_set_are_partnered_as_microsofts(
    tmp_path: Path,
) -> None:
    """All eight collections of Microsoft's msdyn_dataflow EntityType, with its partners."""
    navigations = _navigations(entity_type_alone(tmp_path, "msdyn_dataflow", DATAFLOW))
    collections = {
        name: partner for name, (kind, partner) in navigations.items() if "Collection(" in kind
    }
    assert collections == {
        "msdyn_dataflow_AsyncOperations": "regardingobjectid_msdyn_dataflow",
        "msdyn_dataflow_BulkDeleteFailures": "regardingobjectid_msdyn_dataflow",
        "msdyn_dataflow_DuplicateBaseRecord": "baserecordid_msdyn_dataflow",
        "msdyn_dataflow_DuplicateMatchingRecord": "duplicaterecordid_msdyn_dataflow",
        "msdyn_dataflow_MailboxTrackingFolders": "regardingobjectid_msdyn_dataflow",
        "msdyn_dataflow_PrincipalObjectAttributeAccesses": "objectid_msdyn_dataflow",
        "msdyn_dataflow_ProcessSession": "regardingobjectid_msdyn_dataflow",
        "msdyn_dataflow_SyncErrors": "regardingobjectid_msdyn_dataflow",
    }


# approvalstageintelligent (powerapps-docs, commit 8e4fc54b): a File column whose relationship
# with fileattachment is navigated by the column's own name
APPROVAL_STAGE = _page(
    "approvalstageintelligent",
    "approvalstageintelligentid",
    "UserOwned",
    "## Read-only columns/attributes\n\n"
    + _column(
        "Inputs",
        "|Description|**Inputs to intelligent approval stage.**|\n|DisplayName|**Inputs**|\n"
        "|IsValidForForm|True|\n|IsValidForRead|True|\n|LogicalName|`inputs`|\n"
        "|RequiredLevel|None|\n|Type|File|\n|MaxSizeInKB|32768|",
    )
    + "## Many-to-One relationships\n\nThese relationships are many-to-one. "
    "Listed by **SchemaName**.\n\n",
    _many_to_one(
        "FileAttachment_approvalstageintelligent_Inputs", "fileattachment", "inputs", "inputs"
    ),
)


def test_a_file_column_named_as_its_navigation_property_is_declared_once(tmp_path: Path) -> None:
    """The File column is the property ``inputs`` (``Edm.Binary``); a navigation property of
    the same name would make the EntityType invalid, so there is none."""
    entity = entity_type_alone(tmp_path, "approvalstageintelligent", APPROVAL_STAGE)
    declared = [p.get("Name") for p in entity.iter(f"{EDM}Property")] + list(_navigations(entity))
    assert declared.count("inputs") == 1
    [inputs] = [p for p in entity.iter(f"{EDM}Property") if p.get("Name") == "inputs"]
    assert inputs.get("Type") == "Edm.Binary"


# exchangesyncidmapping, 03/07/2018 (powerapps-docs developer/common-data-service, commit
# 0b94b9ca): bold keys and options listed under the Boolean
EXCHANGE_SYNC = (
    "# ExchangeSyncIdMapping Entity Reference\n\n## Entity Properties\n\n"
    "**SchemaName**: ExchangeSyncIdMapping<br />\n**LogicalName**: exchangesyncidmapping<br />\n"
    "**EntitySetName**: exchangesyncidmappings<br />\n"
    "**PrimaryIdAttribute**: exchangesyncidmappingid<br />\n**PrimaryNameAttribute**: <br />\n"
    "**OwnershipType**: UserOwned<br />\n\n## Writable attributes\n\n"
    '### <a name="BKMK_ExchangeSyncIdmappingId"></a> ExchangeSyncIdmappingId\n\n'
    "**Description**: <br />\n**DisplayName**: <br />\n"
    "**LogicalName**: exchangesyncidmappingid<br />\n"
    "**IsValidForForm**: False<br />\n**IsValidForRead**: True<br />\n"
    "**RequiredLevel**: SystemRequired<br />\n**IsValidForUpdate**: False<br />\n"
    "**Type**: Uniqueidentifier<br />\n\n\n"
    '### <a name="BKMK_IsDeletedInExchange"></a> IsDeletedInExchange\n\n'
    "**Description**: <br />\n**DisplayName**: <br />\n**LogicalName**: isdeletedinexchange<br />\n"
    "**IsValidForForm**: False<br />\n**IsValidForRead**: True<br />\n"
    "**RequiredLevel**: None<br />\n"
    "**Type**: Boolean<br />\n**Options**:\n\n- **TrueOption Value**: 1 **Label**: Yes\n"
    "- **FalseOption Value**: 0 **Label**: No\n\n**DefaultValue**: False\n\n\n"
    '### <a name="BKMK_OwnerId"></a> OwnerId\n\n'
    "**Description**: <br />\n**DisplayName**: <br />\n**LogicalName**: ownerid<br />\n"
    "**IsValidForForm**: False<br />\n**IsValidForRead**: True<br />\n"
    "**RequiredLevel**: SystemRequired<br />\n**IsValidForUpdate**: False<br />\n"
    "**Type**: Owner<br />\n**Targets**: systemuser,team\n"
)


def test_a_2018_page_gives_its_boolean_labels_and_a_fixed_owner() -> None:
    mapping = table(EXCHANGE_SYNC, "exchangesyncidmapping.md")
    flag = mapping.column("isdeletedinexchange")
    assert flag is not None
    assert flag.type is ColumnType.BOOLEAN
    assert sorted((c.value, c.label) for c in flag.choices) == [(0, "No"), (1, "Yes")]
    assert flag.default_value is False
    owner = mapping.column("ownerid")
    assert owner is not None
    assert owner.type is ColumnType.OWNER
    assert owner.targets == ("systemuser", "team")
    assert (owner.valid_for_create, owner.valid_for_update) == (True, False)
