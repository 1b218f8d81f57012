"""Variations met in a thirty-eighth round of real pages outside the corpus, drawn with
random.Random(38) from the reference's table of contents less the corpus and the tables earlier
rounds used, passing over duplicaterule (90,595 characters).
MicrosoftDocs/powerapps-docs pages (``powerapps-docs/developer/data-platform/reference/entities/``),
in the order drawn: postregarding (03/04/2021, the index's newest, commit faf77306),
powerpagesite_dvtablesearch (an intersect table, commit 281798c0), flowtestsession (a status
reason 0 of the inactive state, commit 8fa06797), mspp_powerpagescoreentityds (virtual, commit
7df03445), recyclebinconfig (commit 91813265), mspp_shortcut (virtual, a relationship to every
activity, commit be518f09), componentversion (virtual, three lookups without Targets, a
self-relationship, commit 2b1e58c0), msdyn_aibdataset (05/20/2021, commit 74294d98),
msdyn_solutionhealthruleargument (05/20/2021, commit 93b15ece), msdyn_qna (commit be518f09),
msdyn_historicalcaseharvestbatch (commit 281798c0) and msdyn_richtextfile (10/05/2021, an image
column, commit b1359fe0), msdyn_pmprocessextendedmetadataversion (06/06/2023, commit 0a55aa56)
and retentionconfig (06/06/2023, two status reasons labelled Active, commit b3900b8f); drawn
further, solutionhistorydata (an ``activityid`` column on a table not an activity, commit
0298582b). Older versions: webwizard (03/04/2021, commit 009a738e) and
sdkmessageprocessingstepsecureconfig (03/07/2018, ``developer/common-data-service/``, commit
c8a2cbfc). MicrosoftDocs/dynamics-365-customer-engagement: contactinvoices (an intersect table
with a name, commit f7ae5d03) and connector (a page of changes only, commit ea896eec) of
``ce/developer/reference/entities/`` (contractdetail passed over: 45,166 characters), and
businessprocessflowinstance of ``ce/developer/entities/`` (10/31/2017, commit d6d948d1).

Faults found, both against Microsoft's EntityTypes (MicrosoftDocs/dynamics365-docs-odata-apis,
``WebAPI-reference/dynamics-ce-odata-9/entitytypes/``):

- postregarding's ``regardingobjecttypecodeforsharing`` (EntityName) was taken for a companion
  of the lookup ``regardingobjectid`` (its name starts with the lookup's stem and holds
  "type") and left out of the CSDL; Microsoft's ``postregarding`` EntityType has it, an
  ``Edm.String`` (and not ``regardingobjecttypecode`` nor ``regardingobjectowneridtype``).
- the partner of a collection whose referencing table is outside the set was the bare lookup
  (``regardingobjectid``, ``objectid``, ``baserecordid``, ``record1id``) when the set ties that
  lookup to one table only, as a single page does: Dataverse points those lookups at every table
  that enables the feature, and Microsoft names them ``<lookup>_<table>`` whatever the set:
  ``contactinvoices_AsyncOperations`` with ``regardingobjectid_contactinvoices``,
  ``msdyn_aibdataset_DuplicateBaseRecord`` with ``baserecordid_msdyn_aibdataset``,
  ``account_connections1`` with ``record1id_account``, ``Account_Tasks`` with
  ``regardingobjectid_account_task`` (an activity's Regarding is activitypointer's). Alone,
  contactinvoices, msdyn_aibdataset and msdyn_richtextfile partnered 0 of their 4, 10 and 6
  such collections as Microsoft does; now 4, 8 and 6 (msdyn_aibdataset's two others are
  lookups its Dynamics 365 solution names by SchemaName, ``msdyn_AIBDatasetId``, which no page
  states).
- Power Pages' Portal Comment and Invite Redemption are activities (PrimaryIdAttribute
  ``activityid`` on their pages), which mspp_shortcut's relationships to them did not tell:
  their placeholders had a key ``adx_portalcommentid`` and a Regarding ``regardingobjectid``;
  in the corpus (sample_bankaccount's relationships, annotation's page making them activities)
  the placeholders derived from activitypointer yet declared ``adx_portalcommentid``.
- sdkmessageprocessingstepsecureconfig's 2018 page names
  ``userentityinstancedata_sdkmessageprocessingstepsecureconfig``, and the CSDL declared that
  collection and a ``userentityinstancedata`` placeholder; the Web API has no such type (none
  among Microsoft's EntityTypes, nor a ``userentityinstancedata_<table>`` collection on any, as
  real ``$metadata`` dumps of custom tables show), and Microsoft's EntityType of the table has
  only the collection of sdkmessageprocessingstep.

The CSDL of postregarding, webwizard, contactinvoices, msdyn_aibdataset, msdyn_richtextfile,
msdyn_solutionhealthruleargument, solutionhistorydata and sdkmessageprocessingstepsecureconfig
was compared with Microsoft's EntityTypes: every property and its Edm type (101 of 101), every
single-valued navigation property and partner but postregarding's four Regarding targets the
2021 page no longer lists. Every output loaded into sqlite3 and PostgreSQL 15, parsed as T-SQL,
passed the OASIS CSDL XSD and the JSON Schema 2020-12 metaschema, and the pydantic models
imported."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from dvgen.cli import main
from dvgen.webapi.properties import api_properties, lookup_companions
from tests.pages import table
from tests.test_odata_tools import xsd_errors

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"


def _g1(schema: str, rows: str) -> str:
    """A column block of a 2021 page (plain values, keys in alphabetical order)."""
    return (
        f'### <a name="BKMK_{schema}"></a> {schema}\n\n|Property|Value|\n|--------|-----|\n'
        f"{rows}\n\n"
    )


def _entity_name(schema: str, required: str) -> str:
    return _g1(
        schema,
        f"|Description||\n|DisplayName|{schema}|\n|IsValidForForm|False|\n"
        f"|IsValidForRead|True|\n|LogicalName|{schema.lower()}|\n|RequiredLevel|{required}|\n"
        "|Type|EntityName|",
    )


# postregarding, 03/04/2021 (powerapps-docs commit faf77306), cut to its Regarding columns
POST_REGARDING = (
    "# PostRegarding table/entity reference\n\n## Properties\n\n|Property|Value|\n"
    "|--------|-----|\n|CollectionSchemaName|PostRegardings|\n|EntitySetName|postregardings|\n"
    "|LogicalName|postregarding|\n|OwnershipType|None|\n|PrimaryIdAttribute|postregardingid|\n"
    "|PrimaryNameAttribute||\n|SchemaName|PostRegarding|\n\n"
    "## Writable columns/attributes\n\n"
    + _g1(
        "PostRegardingId",
        "|Description|Shows the ID of the record that the post is referring to.|\n"
        "|DisplayName|PostRegardingId|\n|IsValidForForm|False|\n|IsValidForRead|True|\n"
        "|IsValidForUpdate|False|\n|LogicalName|postregardingid|\n"
        "|RequiredLevel|SystemRequired|\n|Type|Uniqueidentifier|",
    )
    + _g1(
        "RegardingObjectId",
        "|Description|Choose the record that the post relates to.|\n"
        "|DisplayName|RegardingObjectId|\n|IsValidForForm|False|\n|IsValidForRead|True|\n"
        "|IsValidForUpdate|False|\n|LogicalName|regardingobjectid|\n|RequiredLevel|None|\n"
        "|Targets|account,contact,systemuser,team|\n|Type|Lookup|",
    )
    + _g1(
        "RegardingObjectOwnerId",
        "|Description|Unique identifier of the user or team who owns the regarding object.|\n"
        "|DisplayName|Owner|\n|IsValidForForm|False|\n|IsValidForRead|True|\n"
        "|IsValidForUpdate|False|\n|LogicalName|regardingobjectownerid|\n"
        "|RequiredLevel|None|\n|Targets|systemuser,team|\n|Type|Owner|",
    )
    + _entity_name("RegardingObjectOwnerIdType", "None")
    + _entity_name("RegardingObjectTypeCode", "SystemRequired")
    + "## Read-only columns/attributes\n\n"
    + _entity_name("RegardingObjectTypeCodeForSharing", "SystemRequired")
)


def test_a_type_name_going_on_past_its_type_is_a_property() -> None:
    """``regardingobjecttypecodeforsharing`` is a column of its own, which Microsoft's
    postregarding EntityType has (``Edm.String``); ``regardingobjecttypecode`` and
    ``regardingobjectowneridtype`` describe lookups, and it has neither."""
    post = table(POST_REGARDING, "postregarding.md")
    companions = lookup_companions(post)
    assert "regardingobjecttypecodeforsharing" not in companions
    assert {"regardingobjecttypecode", "regardingobjectowneridtype"} <= companions
    names = {p.name for p in api_properties(post)}
    assert "regardingobjecttypecodeforsharing" in names
    assert not names & {"regardingobjecttypecode", "regardingobjectowneridtype"}


def _one_to_many(name: str, referencing: str, attribute: str) -> str:
    """A one-to-many block of a page of 2024 on (Markdown code values)."""
    return (
        f'### <a name="BKMK_{name}"></a> {name}\n\nMany-To-One Relationship: '
        f"[{referencing} {name}]({referencing}.md#BKMK_{name})\n\n|Property|Value|\n|---|---|\n"
        f"|ReferencingEntity|`{referencing}`|\n|ReferencingAttribute|`{attribute}`|\n"
        f"|ReferencedEntityNavigationPropertyName|`{name}`|\n|IsCustomizable|`True`|\n\n"
    )


def _page(logical: str, key: str, relationships: str) -> str:
    return (
        f"# {logical} table/entity reference (Microsoft Dynamics 365)\n\n## Properties\n\n"
        f"|Property|Value|\n| --- | --- |\n| **SchemaName** | `{logical}` |\n"
        f"| **EntitySetName** | `{logical}s`|\n| **LogicalName** | `{logical}` |\n"
        f"| **PrimaryIdAttribute** | `{key}` |\n| **TableType** | `Standard` |\n"
        "| **OwnershipType** | `None` |\n\n## Writable columns/attributes\n\n"
        f'### <a name="BKMK_{key}"></a> {key}\n\n|Property|Value|\n|---|---|\n'
        f"|Description||\n|DisplayName||\n|IsValidForForm|False|\n|IsValidForRead|True|\n"
        f"|LogicalName|`{key}`|\n|RequiredLevel|SystemRequired|\n|Type|Uniqueidentifier|\n\n"
        "## One-to-Many relationships\n\nThese relationships are one-to-many. "
        "Listed by **SchemaName**.\n\n" + relationships
    )


# contactinvoices (dynamics-365-customer-engagement, commit f7ae5d03): its four relationships
CONTACT_INVOICES = _page(
    "contactinvoices",
    "contactinvoiceid",
    _one_to_many("contactinvoices_AsyncOperations", "asyncoperation", "regardingobjectid")
    + _one_to_many("contactinvoices_BulkDeleteFailures", "bulkdeletefailure", "regardingobjectid")
    + _one_to_many(
        "contactinvoices_MailboxTrackingFolders", "mailboxtrackingfolder", "regardingobjectid"
    )
    + _one_to_many(
        "contactinvoices_PrincipalObjectAttributeAccesses",
        "principalobjectattributeaccess",
        "objectid",
    ),
)

# mspp_shortcut (powerapps-docs, commit be518f09): some of its relationships, and flowtestsession's
# (commit 8fa06797) to flowsession, whose lookup refers to one table
SHORTCUT = _page(
    "mspp_shortcut",
    "mspp_shortcutid",
    _one_to_many("mspp_shortcut_ActivityPointers", "activitypointer", "regardingobjectid")
    + _one_to_many("mspp_shortcut_Tasks", "task", "regardingobjectid")
    + _one_to_many("mspp_shortcut_adx_portalcomments", "adx_portalcomment", "regardingobjectid")
    + _one_to_many("mspp_shortcut_connections1", "connection", "record1id")
    + _one_to_many("mspp_shortcut_DuplicateBaseRecord", "duplicaterecord", "baserecordid")
    + _one_to_many("flowtestsession_flowsession", "flowsession", "flowtestsessionid"),
)


def entity_type_alone(folder: Path, logical: str, text: str) -> etree._Element:
    """The EntityType of the page alone, its CSDL valid against the OASIS schema."""
    specs = folder / "specs"
    specs.mkdir()
    (specs / f"{logical}.md").write_text(text)
    code = main(["generate", "--specs", str(specs), "--out", str(folder / "out"), "--no-cache"])
    assert code == 0
    xml = (folder / "out" / "odata" / "metadata.xml").read_bytes()
    assert xsd_errors(xml) == []
    [entity] = [
        t for t in etree.fromstring(xml).iter(f"{EDM}EntityType") if t.get("Name") == logical
    ]
    return entity


def _partners(folder: Path, logical: str, text: str) -> dict[str, str | None]:
    entity = entity_type_alone(folder, logical, text)
    return {
        n.get("Name", ""): n.get("Partner")
        for n in entity.iter(f"{EDM}NavigationProperty")
        if n.get("Type", "").startswith("Collection(")
    }


def test_a_lookup_dataverse_points_at_every_table_is_named_after_the_table(
    tmp_path: Path,
) -> None:
    """A page alone: Microsoft's contactinvoices EntityType partners its four collections
    with ``regardingobjectid_contactinvoices`` and ``objectid_contactinvoices``."""
    assert _partners(tmp_path, "contactinvoices", CONTACT_INVOICES) == {
        "contactinvoices_AsyncOperations": "regardingobjectid_contactinvoices",
        "contactinvoices_BulkDeleteFailures": "regardingobjectid_contactinvoices",
        "contactinvoices_MailboxTrackingFolders": "regardingobjectid_contactinvoices",
        "contactinvoices_PrincipalObjectAttributeAccesses": "objectid_contactinvoices",
    }


def test_an_activitys_regarding_is_activitypointers(tmp_path: Path) -> None:
    """An activity's Regarding is activitypointer's, so its name ends with the activity's
    (``regardingobjectid_account_task`` in Microsoft's $metadata); a connection's and a
    duplicate's lookups refer to every table too; a lookup to one table keeps its name. A
    Portal Comment is an activity (its page: PrimaryIdAttribute ``activityid``), keyed by
    activitypointer's key, with no ``adx_portalcommentid`` of its own."""
    assert _partners(tmp_path, "mspp_shortcut", SHORTCUT) == {
        "mspp_shortcut_ActivityPointers": "regardingobjectid_mspp_shortcut",
        "mspp_shortcut_Tasks": "regardingobjectid_mspp_shortcut_task",
        "mspp_shortcut_adx_portalcomments": "regardingobjectid_mspp_shortcut_adx_portalcomment",
        "mspp_shortcut_connections1": "record1id_mspp_shortcut",
        "mspp_shortcut_DuplicateBaseRecord": "baserecordid_mspp_shortcut",
        "flowtestsession_flowsession": "flowtestsessionid",
    }
    xml = (tmp_path / "out" / "odata" / "metadata.xml").read_bytes()
    [comment] = [
        t
        for t in etree.fromstring(xml).iter(f"{EDM}EntityType")
        if t.get("Name") == "adx_portalcomment"
    ]
    assert comment.get("BaseType") == "mscrm.activitypointer"
    assert comment.find(f"{EDM}Key") is None
    assert "adx_portalcommentid" not in {p.get("Name") for p in comment.iter(f"{EDM}Property")}


def _b2017(name: str, referencing: str, attribute: str) -> str:
    """A one-to-many block of a 2017-2018 page (bold keys, ``<br />`` line ends)."""
    return (
        f'### <a name="BKMK_{name}"></a> {name}\n\nSame as {referencing} entity [{name}]'
        f"({referencing}.md#BKMK_{name}) Many-To-One relationship.\n\n"
        f"**ReferencingEntity**: {referencing}<br />\n**ReferencingAttribute**: {attribute}<br />\n"
        "**IsHierarchical**: False<br />\n**IsCustomizable**: False<br />\n"
        f"**ReferencedEntityNavigationPropertyName**: {name}<br />\n\n"
    )


# sdkmessageprocessingstepsecureconfig, 03/07/2018 (powerapps-docs, common-data-service path,
# commit c8a2cbfc), cut to its key and its two one-to-many relationships
SECURE_CONFIG = (
    "# SdkMessageProcessingStepSecureConfig Entity Reference\n\n## Entity Properties\n\n"
    "**SchemaName**: SdkMessageProcessingStepSecureConfig<br />\n"
    "**LogicalName**: sdkmessageprocessingstepsecureconfig<br />\n"
    "**EntitySetName**: sdkmessageprocessingstepsecureconfigs<br />\n"
    "**PrimaryIdAttribute**: sdkmessageprocessingstepsecureconfigid<br />\n"
    "**PrimaryNameAttribute**: <br />\n**OwnershipType**: OrganizationOwned<br />\n\n"
    "## Writable attributes\n\n"
    '### <a name="BKMK_SdkMessageProcessingStepSecureConfigId"></a> '
    "SdkMessageProcessingStepSecureConfigId\n\n**Description**: Unique identifier of the SDK "
    "message processing step secure configuration.<br />\n**DisplayName**: <br />\n"
    "**LogicalName**: sdkmessageprocessingstepsecureconfigid<br />\n"
    "**IsValidForForm**: False<br />\n**IsValidForRead**: True<br />\n"
    "**RequiredLevel**: SystemRequired<br />\n**IsValidForUpdate**: False<br />\n"
    "**Type**: Uniqueidentifier<br />\n\n"
    '<a name="onetomany"></a>\n\n## One-To-Many Relationships\n\n'
    + _b2017(
        "userentityinstancedata_sdkmessageprocessingstepsecureconfig",
        "userentityinstancedata",
        "objectid",
    )
    + _b2017(
        "sdkmessageprocessingstepsecureconfigid_sdkmessageprocessingstep",
        "sdkmessageprocessingstep",
        "sdkmessageprocessingstepsecureconfigid",
    )
)


def test_the_web_api_has_no_user_entity_instance_data(tmp_path: Path) -> None:
    """Microsoft's sdkmessageprocessingstepsecureconfig EntityType has the collection of
    sdkmessageprocessingstep and none of ``userentityinstancedata``, which the Web API does
    not expose (no entity type, as ``externalparty``)."""
    assert _partners(tmp_path, "sdkmessageprocessingstepsecureconfig", SECURE_CONFIG) == {
        "sdkmessageprocessingstepsecureconfigid_sdkmessageprocessingstep": (
            "sdkmessageprocessingstepsecureconfigid"
        )
    }
    xml = (tmp_path / "out" / "odata" / "metadata.xml").read_text()
    assert "userentityinstancedata" not in xml
