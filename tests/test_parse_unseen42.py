"""Variations met in a forty-second round of real pages outside the corpus, drawn with
random.Random(42) from the reference's table of contents less the corpus, the seed and the tables
of earlier rounds (214 left), preferring Customer Service and Sales tables (knowledge, quote and
order lines) and tables read together with their related pages. MicrosoftDocs/powerapps-docs
(``powerapps-docs/developer/data-platform/reference/entities/``): knowledgefaq (drawn 26th,
generated-reference, commit 5843dd64), usermapping (drawn 12th, 02/15/2023, commit 09770ae5),
metric (drawn 21st, 2024 layout with global choices on its Booleans, commit 0658c019) and
kbarticle (knowledge, 03/07/2023, commit 07bda7ad). Older versions: metric of 03/07/2018
(``developer/common-data-service/``, commit 0b94b9ca) and kbarticle of 11/07/2019 (commit
164d6de4). MicrosoftDocs/dynamics-365-customer-engagement (``ce/developer/reference/entities/``,
commit f7ae5d03): quotedetail (quote lines, two self-referencing relationships, an empty
choice list, empty Targets) and dynamicpropertyinstance (read with it: its Regarding holds the
four line tables of Sales; two relationships whose ReferencingAttribute is the primary key) and
contactorders (commit 666c1b7e: an intersect table with a key and a name of its own).
Not saved for want of time: the other pages drawn (powerpagesscanreport and exportedexcel
read only, appactionmigration, ...).

Faults found, each pinned below: (1) a table's relationship to the recycle bin's Deleted
Record Reference (``knowledgefaq_DeletedItemReferences``, ReferencingAttribute
``deletedobject``) was partnered with the bare ``deletedobject``, where Microsoft names the
single-valued navigation property of that many-table lookup ``deletedobject_<table>``
(powerapps-docs ``deleteditemreference.md``: ``deletedobject_account``, and a Targets list of
hundreds of tables). (2) ``QuoteDetail_Dynamicpropertyinstance`` was partnered with the bare
``regardingobjectid`` where Microsoft's quotedetail EntityType has
``regardingobjectid_quotedetail`` (the lookup's Targets are invoicedetail, opportunityproduct,
quotedetail and salesorderdetail). (3) ``kbarticletemplateidtitle``, the title of the template
``kbarticletemplateid`` references, was a Web API property; Microsoft's kbarticle EntityType has
``_kbarticletemplateid_value`` alone.

The CSDL was compared by eye with Microsoft's EntityTypes
(MicrosoftDocs/dynamics365-docs-odata-apis,
``WebAPI-reference/dynamics-ce-odata-9/entitytypes/``): metric 20 of 20 properties and 10 of 10
navigation properties with their Partners, usermapping 16 of 16 and 9 of 9, kbarticle 29 of 29
and 18 of 19 (``kbarticle_incidents`` is not on the 2023 page), contactorders 9 of 9 and 4 of 4,
dynamicpropertyinstance 27 of 27 and 19 of 19 (``owninguser`` and ``transactioncurrencyid`` tied
by the primary key, as the page says), quotedetail every property and navigation property the
page states, with Partners, save ``msdyn_quotedetail_salesorderdetail``: Microsoft's
``QuoteDetailId`` (salesorderdetail's lookup SchemaName) against dvgen's ``quotedetailid``,
which the quotedetail page alone does not tell (left). The 2018 and 2024 metric pages differ in
``amountdatatype`` and ``isamount``, which the 2018 page prints create-only and the 2024 layout
does not print (left: no rule tells); kbarticle's 2019 and 2023 pages differ in three facets
only. Statecode is update-only and the key create-only on every 2024-on page here (round 41's
rule). Every output loaded into sqlite3 and PostgreSQL 15, parsed as T-SQL, passed the OASIS
CSDL XSD and the JSON Schema 2020-12 metaschema, and the pydantic models imported and validated
a record."""

from __future__ import annotations

from pathlib import Path

from tests.test_parse_unseen38 import entity_type_alone

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"

_KNOWLEDGEFAQ = (
    "---\ntitle: T\nms.topic: generated-reference\n---\n\n"
    "# Knowledge FAQ (KnowledgeFAQ) table/entity reference (Microsoft Dataverse)\n\n"
    "Stores Knowledge Frequently Asked Questions\n\n"
    "## Properties\n\n|Property|Value|\n| --- | --- |\n"
    "| **SchemaName** | `KnowledgeFAQ` |\n"
    "| **EntitySetName** | `knowledgefaqs`|\n"
    "| **LogicalName** | `knowledgefaq` |\n"
    "| **PrimaryIdAttribute** | `knowledgefaqid` |\n"
    "| **PrimaryNameAttribute** |`botcomponentid` |\n"
    "| **TableType** | `Standard` |\n"
    "| **OwnershipType** | `UserOwned` |\n\n"
    "## Writable columns/attributes\n\n"
    '### <a name="BKMK_KnowledgeFAQId"></a> KnowledgeFAQId\n\n|Property|Value|\n|---|---|\n'
    "|Description|**Unique identifier for entity instances**|\n|DisplayName|**Knowledge FAQ**|\n"
    "|IsValidForForm|False|\n|IsValidForRead|True|\n|LogicalName|`knowledgefaqid`|\n"
    "|RequiredLevel|SystemRequired|\n|Type|Uniqueidentifier|\n\n"
    "## One-to-Many relationships\n\n"
    "These relationships are one-to-many. Listed by **SchemaName**.\n\n"
    "- [knowledgefaq_AsyncOperations](#BKMK_knowledgefaq_AsyncOperations)\n"
    "- [knowledgefaq_DeletedItemReferences](#BKMK_knowledgefaq_DeletedItemReferences)\n\n"
    '### <a name="BKMK_knowledgefaq_AsyncOperations"></a> knowledgefaq_AsyncOperations\n\n'
    "Many-To-One Relationship: [asyncoperation knowledgefaq_AsyncOperations]"
    "(asyncoperation.md#BKMK_knowledgefaq_AsyncOperations)\n\n"
    "|Property|Value|\n|---|---|\n|ReferencingEntity|`asyncoperation`|\n"
    "|ReferencingAttribute|`regardingobjectid`|\n"
    "|ReferencedEntityNavigationPropertyName|`knowledgefaq_AsyncOperations`|\n"
    "|IsCustomizable|`True`|\n\n"
    '### <a name="BKMK_knowledgefaq_DeletedItemReferences"></a> '
    "knowledgefaq_DeletedItemReferences\n\n"
    "Many-To-One Relationship: [deleteditemreference knowledgefaq_DeletedItemReferences]"
    "(deleteditemreference.md#BKMK_knowledgefaq_DeletedItemReferences)\n\n"
    "|Property|Value|\n|---|---|\n|ReferencingEntity|`deleteditemreference`|\n"
    "|ReferencingAttribute|`deletedobject`|\n"
    "|ReferencedEntityNavigationPropertyName|`knowledgefaq_DeletedItemReferences`|\n"
    "|IsCustomizable|`True`|\n"
)


def _partners(folder: Path, logical: str, text: str) -> dict[str, str | None]:
    entity = entity_type_alone(folder, logical, text)
    return {
        n.get("Name", ""): n.get("Partner")
        for n in entity.iter(f"{EDM}NavigationProperty")
        if n.get("Type", "").startswith("Collection(")
    }


def test_the_recycle_bins_deleted_object_is_named_after_the_table(tmp_path: Path) -> None:
    partners = _partners(tmp_path, "knowledgefaq", _KNOWLEDGEFAQ)
    assert partners == {
        "knowledgefaq_AsyncOperations": "regardingobjectid_knowledgefaq",
        "knowledgefaq_DeletedItemReferences": "deletedobject_knowledgefaq",
    }


def _one_to_many(table: str, schema: str, referencing: str, column: str) -> str:
    return (
        f'### <a name="BKMK_{schema}"></a> {schema}\n\n'
        f"Many-To-One Relationship: [{referencing} {schema}]({referencing}.md#BKMK_{schema})\n\n"
        f"|Property|Value|\n|---|---|\n|ReferencingEntity|`{referencing}`|\n"
        f"|ReferencingAttribute|`{column}`|\n"
        f"|ReferencedEntityNavigationPropertyName|`{schema}`|\n|IsCustomizable|`True`|\n\n"
    )


_QUOTEDETAIL = (
    "---\ntitle: T\nms.topic: generated-reference\n---\n\n"
    "# Quote Product (QuoteDetail) table/entity reference (Microsoft Dynamics 365)\n\n"
    "## Properties\n\n|Property|Value|\n| --- | --- |\n"
    "| **SchemaName** | `QuoteDetail` |\n"
    "| **EntitySetName** | `quotedetails`|\n"
    "| **LogicalName** | `quotedetail` |\n"
    "| **PrimaryIdAttribute** | `quotedetailid` |\n"
    "| **OwnershipType** | `UserOwned` |\n\n"
    "## Writable columns/attributes\n\n"
    '### <a name="BKMK_QuoteDetailId"></a> QuoteDetailId\n\n|Property|Value|\n|---|---|\n'
    "|Description||\n|DisplayName|**Quote Product**|\n|IsValidForForm|False|\n"
    "|IsValidForRead|True|\n|LogicalName|`quotedetailid`|\n|RequiredLevel|SystemRequired|\n"
    "|Type|Uniqueidentifier|\n\n"
    "## One-to-Many relationships\n\n"
    "These relationships are one-to-many. Listed by **SchemaName**.\n\n"
    "- [QuoteDetail_Dynamicpropertyinstance](#BKMK_QuoteDetail_Dynamicpropertyinstance)\n"
    "- [QuoteDetail_SyncErrors](#BKMK_QuoteDetail_SyncErrors)\n\n"
    + _one_to_many(
        "quotedetail",
        "QuoteDetail_Dynamicpropertyinstance",
        "dynamicpropertyinstance",
        "regardingobjectid",
    )
    + _one_to_many("quotedetail", "QuoteDetail_SyncErrors", "syncerror", "regardingobjectid")
)


def test_a_product_propertys_regarding_is_named_after_the_line_table(tmp_path: Path) -> None:
    """The Regarding of ``dynamicpropertyinstance`` holds any of the four line tables of Sales
    (its Targets), so Microsoft's ``quotedetail`` EntityType partners
    ``QuoteDetail_Dynamicpropertyinstance`` with ``regardingobjectid_quotedetail``."""
    partners = _partners(tmp_path, "quotedetail", _QUOTEDETAIL)
    assert partners == {
        "QuoteDetail_Dynamicpropertyinstance": "regardingobjectid_quotedetail",
        "QuoteDetail_SyncErrors": "regardingobjectid_quotedetail_syncerror",
    }


_KBARTICLE = (
    "---\ntitle: T\nms.date: 03/07/2023\n---\n\n# Article (KbArticle)  table/entity reference\n\n"
    "## Properties\n\n|Property|Value|\n|--------|-----|\n|EntitySetName|kbarticles|\n"
    "|LogicalName|kbarticle|\n|OwnershipType|OrganizationOwned|\n"
    "|PrimaryIdAttribute|kbarticleid|\n|PrimaryNameAttribute|title|\n|SchemaName|KbArticle|\n\n"
    "## Writable columns/attributes\n\n"
    '### <a name="BKMK_KbArticleId"></a> KbArticleId\n\n|Property|Value|\n|--------|-----|\n'
    "|Description|Shows the ID of the article.|\n|DisplayName|Article|\n|IsValidForForm|True|\n"
    "|IsValidForRead|True|\n|IsValidForUpdate|False|\n|LogicalName|kbarticleid|\n"
    "|RequiredLevel|SystemRequired|\n|Type|Uniqueidentifier|\n\n"
    '### <a name="BKMK_KbArticleTemplateId"></a> KbArticleTemplateId\n\n'
    "|Property|Value|\n|--------|-----|\n"
    "|Description|Choose the template that you want to use as a base for creating the new "
    "article.|\n|DisplayName|Base Template|\n|IsValidForForm|True|\n|IsValidForRead|True|\n"
    "|LogicalName|kbarticletemplateid|\n|RequiredLevel|SystemRequired|\n"
    "|Targets|kbarticletemplate|\n|Type|Lookup|\n\n"
    "## Read-only columns/attributes\n\n"
    '### <a name="BKMK_KbArticleTemplateIdTitle"></a> KbArticleTemplateIdTitle\n\n'
    "|Property|Value|\n|--------|-----|\n"
    "|Description|Title of the associated knowledge base article template.|\n|DisplayName||\n"
    "|FormatName|Text|\n|IsLocalizable|False|\n|IsValidForForm|False|\n|IsValidForRead|True|\n"
    "|LogicalName|kbarticletemplateidtitle|\n|MaxLength|100|\n|RequiredLevel|None|\n"
    "|Type|String|\n\n"
    '### <a name="BKMK_Number"></a> Number\n\n|Property|Value|\n|--------|-----|\n'
    "|Description|Knowledge base article number.|\n|DisplayName|Number|\n"
    "|FormatName|Text|\n|IsValidForForm|False|\n|IsValidForRead|True|\n"
    "|LogicalName|number|\n|MaxLength|20|\n|RequiredLevel|None|\n|Type|String|\n"
)


def test_the_title_of_a_lookups_row_is_no_property(tmp_path: Path) -> None:
    """``kbarticletemplateidtitle`` shows the title of the template ``kbarticletemplateid``
    references: Microsoft's ``kbarticle`` EntityType has ``_kbarticletemplateid_value`` and
    no such property; a read-only String of the page's own (``number``) stays one."""
    entity = entity_type_alone(tmp_path, "kbarticle", _KBARTICLE)
    names = [p.get("Name") for p in entity.iter(f"{EDM}Property")]
    assert names == ["kbarticleid", "_kbarticletemplateid_value", "number"]
