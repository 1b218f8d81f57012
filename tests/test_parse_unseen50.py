"""Variations met in a fiftieth round of real pages outside the corpus: Dynamics 365 apps'
pages of MicrosoftDocs/dynamics-365-customer-engagement, drawn with random.Random(50) among the
apps' tables of the table of contents of ``ce/developer/entities/toc.yml`` (commit 142efd27:
the ``msdyn_*`` tables of Field Service, Project Service Automation, Universal Resource
Scheduling, and the classic Sales and Service tables) that no earlier round used (the corpus,
the seed and the tests less: 145 left), each read from ``ce/developer/reference/entities/``
where the generated page exists there (none of the ``msdyn_`` tables drawn has one), else from
``ce/developer/entities/``, pages over ~45k characters passed over. Rebuilt under /tmp/pages50
from read_file's text, each of read_file's ``total_chars``:

- msdyn_transactiontype (drawn 1st, 10/31/2017, commit 1496009c: bold ``**Key**: Value<br />``
  lines, bulleted ``**Options**``, Project Service Automation; 29,304 characters);
- msdyn_processnotes (2nd, 12/05/2017, commit 0decdcea: the table layout; read, 36,387) and
  msdyn_quotelinetransactionclassification (3rd, 0decdcea: a Boolean's ``|Value|Label|`` rows
  and ``**DefaultValue**: True``, a description ending in two spaces; read, 34,958);
- msdyn_quotebookingservicetask (6th, 21453c82, Field Service: 51,773 characters, passed over;
  its EntityType read, below);
- servicecontractcontacts (generated, commit 66622e3c: ``OwnershipType`` None, no
  CollectionSchemaName, the entity set ``servicecontractcontactscollection``, a many-to-many
  relationship naming no table; 10,305) and salesliteratureitem (generated, 97affe77: a
  ``documentbody`` String of base64 text, ``organizationid`` a Uniqueidentifier, ``filetype`` not
  valid for read; 23,726), read with the table its lookup targets, salesliterature (generated,
  f3957a8d, 34,025 characters, of which its last 14,000, the one-to-many and many-to-many
  relationships, were rebuilt): ``sales_literature_items`` partnered with ``salesliteratureid``
  both ways, ``SalesLiterature_SyncErrors`` with ``regardingobjectid_salesliterature_syncerror``
  and ``salesliteratureitem_SyncErrors`` with ``regardingobjectid_salesliteratureitem``, as
  Microsoft's EntityTypes have them;
- two extension pages of Customer Service (``ce/customer-service/develop/reference/entities``):
  bookableresourcebookingheader (08/26/2024, commit 44c82588, 7,951 characters: a Picklist
  with its global choice, three lookups whose relationships state
  ``ReferencingEntityNavigationPropertyName``, one ``msdyn_ResourceRequirement``) read over an
  excerpt of its Dynamics 365 page (992d6ebd, 56,881 characters, its properties, key, name and
  currency), and opportunityclose (44c82588, 1,883 characters: the currency relationship with
  ``transactioncurrencyid_opportunityclose``), whose Dynamics 365 page (77,019) was left.

Microsoft's EntityTypes (MicrosoftDocs/dynamics365-docs-odata-apis): msdyn_transactiontype 13 of
13 properties, 7 of 7 single-valued navigation properties with their partners
(``msdyn_DefaultUnit``, ``msdyn_UnitGroup``: the app names its lookups by SchemaName), 9
collections partnered; servicecontractcontacts 10 of 10 properties, no single-valued
navigation property, 4 of 4 collections partnered; salesliteratureitem 5 of 5 single-valued
names and partners, 6 of 6 collections, 23 of 24 properties: the 24th,
``documentbody_binary``, is the fault below. msdyn_quotebookingservicetask's EntityType names
``msdyn_QuoteBookingSetup`` and ``msdyn_TaskType`` by SchemaName beside ``msdyn_customerasset``,
``msdyn_quote`` and ``msdyn_quotebookingincident``: Field Service's newer lookups, which no page
tells apart (tests/test_webapi_apps.py); its page shows ``msdyn_QuoteBookingSetupName`` as
``msdyn_workorder``'s shows ``msdyn_ServiceAccountName`` for ``msdyn_serviceaccount``.

One fault: Microsoft's ``$metadata`` declares beside a few String columns that hold a file's
bytes as base64 text a second property, ``<column>_binary`` (``Edm.Binary``), which dvgen left
out: ``salesliteratureitem.documentbody_binary``, and so ``annotation.documentbody_binary``,
``attachment.body_binary`` and ``webresource.content_binary`` on the corpus. No page says which
String has one (``documenttemplate.content``, "Bytes of the document template", of the same
type, format and length, has none): the seven of Microsoft's Web API EntityType reference are
known (``dataverse_tables.BINARY_VIEWS``).
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from lxml import etree

from dvgen.cli import main
from tests.test_odata_tools import xsd_errors
from tests.test_pydantic import imported

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"


def _row_block(schema: str, rows: list[tuple[str, str]]) -> str:
    """A column block of the generated Dynamics 365 pages (``|---|---|``)."""
    body = "".join(f"|{key}|{value}|\n" for key, value in rows)
    return f'### <a name="BKMK_{schema}"></a> {schema}\n\n|Property|Value|\n|---|---|\n{body}\n'


def _string(schema: str, description: str, required: str, form: str, length: int) -> str:
    return _row_block(
        schema,
        [
            ("Description", f"**{description}**"),
            ("DisplayName", ""),
            ("IsValidForForm", form),
            ("IsValidForRead", "True"),
            ("LogicalName", f"`{schema.lower()}`"),
            ("RequiredLevel", required),
            ("Type", "String"),
            ("Format", "TextArea"),
            ("FormatName", "TextArea"),
            ("ImeMode", "Auto"),
            ("IsLocalizable", "False"),
            ("MaxLength", str(length)),
        ],
    )


def _generated_page(display: str, schema: str, columns: str) -> str:
    """A generated Dynamics 365 page (ce/developer/reference/entities, 2024-25), cut to its
    properties and writable columns."""
    logical = schema.lower()
    rows = [
        ("DisplayName", f"**{display}**"),
        ("SchemaName", f"`{schema}`"),
        ("EntitySetName", f"`{logical}s`"),
        ("LogicalName", f"`{logical}`"),
        ("PrimaryIdAttribute", f"`{logical}id`"),
        ("PrimaryNameAttribute", "`title`"),
        ("TableType", "`Standard`"),
        ("OwnershipType", "`None`"),
    ]
    properties = "".join(f"| **{key}** | {value} |\n" for key, value in rows)
    return (
        f'---\ntitle: "{display} ({schema}) table/entity reference (Microsoft Dynamics 365)"\n'
        "ms.topic: generated-reference\nauthor: JimDaly\n---\n\n"
        f"# {display} ({schema}) table/entity reference (Microsoft Dynamics 365)\n\n"
        "Item in the sales literature collection.\n\n## Properties\n\n"
        f"|Property|Value|\n| --- | --- |\n{properties}\n"
        "## Writable columns/attributes\n\nThese columns/attributes return true for either "
        "**IsValidForCreate** or **IsValidForUpdate** (usually both). Listed by "
        "**SchemaName**.\n\n"
        + _row_block(
            f"{schema}Id",
            [
                ("Description", "**Unique identifier for the document.**"),
                ("DisplayName", "**Sales Literature Item**"),
                ("IsValidForForm", "False"),
                ("IsValidForRead", "True"),
                ("LogicalName", f"`{logical}id`"),
                ("RequiredLevel", "SystemRequired"),
                ("Type", "Uniqueidentifier"),
            ],
        )
        + columns
        + "\n### See also\n\n[Dataverse table/entity reference](/power-apps/developer/"
        "data-platform/reference/about-entity-reference)\n"
    )


SALES_LITERATURE_ITEM = _generated_page(
    "Sales Attachment",
    "SalesLiteratureItem",
    _string(
        "DocumentBody",
        "Shows the encoded contents of the sales literature document attachment.",
        "None",
        "False",
        1073741823,
    )
    + _row_block(
        "Title",
        [
            ("Description", "**Type the title or name that describes the document.**"),
            ("DisplayName", "**Title**"),
            ("IsValidForForm", "False"),
            ("IsValidForRead", "True"),
            ("LogicalName", "`title`"),
            ("RequiredLevel", "ApplicationRequired"),
            ("Type", "String"),
            ("Format", "Text"),
            ("FormatName", "Text"),
            ("MaxLength", "200"),
        ],
    ),
)

DOCUMENT_TEMPLATE_LIKE = _generated_page(
    "Document Template",
    "DocumentTemplate",
    _string("Content", "Bytes of the document template.", "SystemRequired", "False", 1073741823),
)
"""``documenttemplate``'s ``content`` (powerapps-docs, the generated page): a String of base64
text like ``annotation.documentbody``, of which Microsoft's EntityType has no ``_binary``."""


def _generate(folder: Path, pages: dict[str, str]) -> Path:
    specs = folder / "specs"
    specs.mkdir()
    for name, text in pages.items():
        (specs / f"{name}.md").write_text(text, encoding="utf-8")
    out = folder / "out"
    assert main(["generate", "--specs", str(specs), "--out", str(out), "--no-cache"]) == 0
    return out


def _properties(out: Path, logical: str) -> dict[str, str]:
    xml = (out / "odata" / "metadata.xml").read_bytes()
    assert xsd_errors(xml) == []
    [entity] = [
        t for t in etree.fromstring(xml).iter(f"{EDM}EntityType") if t.get("Name") == logical
    ]
    return {p.get("Name", ""): p.get("Type", "") for p in entity.iter(f"{EDM}Property")}


def test_a_known_base64_string_has_its_binary_property(tmp_path: Path) -> None:
    """Microsoft's salesliteratureitem EntityType has ``documentbody`` (Edm.String) and
    ``documentbody_binary`` (Edm.Binary, "Shows the encoded contents of the sales literature
    document attachment."): was the String alone."""
    out = _generate(tmp_path, {"salesliteratureitem": SALES_LITERATURE_ITEM})
    properties = _properties(out, "salesliteratureitem")
    assert properties["documentbody"] == "Edm.String"
    assert properties["documentbody_binary"] == "Edm.Binary"
    assert "title_binary" not in properties


def test_another_base64_string_has_none(tmp_path: Path) -> None:
    """No page tells which String has a binary view: ``documenttemplate.content`` is of the same
    type, format and length as ``annotation.documentbody``, and Microsoft's EntityType has
    ``content`` alone."""
    out = _generate(tmp_path, {"documenttemplate": DOCUMENT_TEMPLATE_LIKE})
    properties = _properties(out, "documenttemplate")
    assert properties["content"] == "Edm.String"
    assert "content_binary" not in properties


def test_the_binary_property_in_the_record_schemas(tmp_path: Path) -> None:
    """The JSON Schema (checked against the 2020-12 metaschema) and the pydantic model take the
    bytes as base64 text and refuse other text, as the Web API carries ``Edm.Binary``."""
    out = _generate(tmp_path, {"salesliteratureitem": SALES_LITERATURE_ITEM})
    schema: dict[str, Any] = json.loads(
        (out / "jsonschema" / "salesliteratureitem.schema.json").read_text(encoding="utf-8")
    )
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    record = {"title": "Brochure", "documentbody": "aGVsbG8=", "documentbody_binary": "aGVsbG8="}
    assert list(validator.iter_errors(record)) == []
    assert list(validator.iter_errors({**record, "documentbody_binary": "not base64!"}))
    with imported({}, out / "pydantic", "dataverse_models"):
        models = importlib.import_module("dataverse_models.salesliteratureitem")
        item = models.SalesLiteratureItem.model_validate(record)
        fields = {f.alias or n: n for n, f in models.SalesLiteratureItem.model_fields.items()}
        assert getattr(item, fields["documentbody_binary"]) == "aGVsbG8="
        with pytest.raises(ValueError, match="pattern"):
            models.SalesLiteratureItem.model_validate({**record, "documentbody_binary": "%%"})


CASCADE = (
    "Archive: `NoCascade`<br />Assign: `NoCascade`<br />Delete: `RemoveLink`<br />Merge: "
    "`NoCascade`<br />Reparent: `NoCascade`<br />RollupView: `NoCascade`<br />Share: "
    "`NoCascade`<br />Unshare: `NoCascade`"
)

HEADER_EXTENSION = (
    '---\ntitle: "Bookable Resource Booking Header (BookableResourceBookingHeader) table/entity '
    'reference (Microsoft Dynamics 365 Customer Service)"\nms.date: 08/26/2024\n'
    "ms.topic: reference\n---\n\n# Bookable Resource Booking Header "
    "(BookableResourceBookingHeader) table/entity reference\n\nReservation entity representing "
    "the summary of the associated resource bookings.\n\n> [!NOTE]\n> The Microsoft Dynamics 365 "
    "Customer Service Bookable Resource Booking Header (BookableResourceBookingHeader) table "
    "extends the [Microsoft Dynamics 365 Bookable Resource Booking Header "
    "(BookableResourceBookingHeader) table](/dynamics365/developer/entities/"
    "bookableresourcebookingheader).\n\n\n\n## Writable columns/attributes\n\n"
    "These columns/attributes return true for either **IsValidForCreate** or "
    "**IsValidForUpdate** (usually both). Listed by **SchemaName**.\n\n"
    "- [msdyn_BookingType](#BKMK_msdyn_BookingType)\n"
    "- [msdyn_ResourceRequirement](#BKMK_msdyn_ResourceRequirement)\n\n"
    + _row_block(
        "msdyn_BookingType",
        [
            ("Description", "**Select whether the booking is solid or liquid.**"),
            ("DisplayName", "**Booking Type**"),
            ("IsValidForForm", "True"),
            ("IsValidForRead", "True"),
            ("LogicalName", "`msdyn_bookingtype`"),
            ("RequiredLevel", "ApplicationRequired"),
            ("Type", "Picklist"),
            ("DefaultFormValue", "1"),
            ("GlobalChoiceName", "`msdyn_bookableresourcebookingheader_msdyn_bookingtype`"),
        ],
    )
    + "#### msdyn_BookingType Choices/Options\n\n|Value|Label|\n|---|---|\n"
    "|1|**Solid**|\n|2|**Liquid**|\n\n"
    + _row_block(
        "msdyn_ResourceRequirement",
        [
            ("Description", "**Resource Requirement**"),
            ("DisplayName", "**Resource Requirement**"),
            ("IsValidForForm", "True"),
            ("IsValidForRead", "True"),
            ("LogicalName", "`msdyn_resourcerequirement`"),
            ("RequiredLevel", "None"),
            ("Type", "Lookup"),
            ("Targets", "msdyn_resourcerequirement"),
        ],
    )
    + "\n## Many-to-One relationships\n\nThese relationships are many-to-one. Listed by "
    "**SchemaName**.\n\n"
    '### <a name="BKMK_msdyn_resourcerequirement_bookableresourcebookingheader_'
    'ResourceRequirement"></a> msdyn_resourcerequirement_bookableresourcebookingheader_'
    "ResourceRequirement\n\nOne-To-Many Relationship: [msdyn_resourcerequirement "
    "msdyn_resourcerequirement_bookableresourcebookingheader_ResourceRequirement]"
    "(msdyn_resourcerequirement.md#BKMK_msdyn_resourcerequirement_bookableresourcebookingheader"
    "_ResourceRequirement)\n\n|Property|Value|\n|---|---|\n"
    "|ReferencedEntity|`msdyn_resourcerequirement`|\n"
    "|ReferencedAttribute|`msdyn_resourcerequirementid`|\n"
    "|ReferencingAttribute|`msdyn_resourcerequirement`|\n"
    "|ReferencingEntityNavigationPropertyName|`msdyn_ResourceRequirement`|\n"
    f"|IsHierarchical||\n|CascadeConfiguration|{CASCADE}|\n\n\n\n### See also\n\n"
    "[Dataverse table/entity reference](../about-entity-reference.md)\n"
)
"""Customer Service's page of bookableresourcebookingheader (commit 44c82588), cut to two of
its four columns and one of its relationships: it extends the Dynamics 365 page."""


def test_customer_services_extension_applies_over_the_dynamics_365_page(tmp_path: Path) -> None:
    """The extension's lookup is named as its relationship states
    (``msdyn_ResourceRequirement``, partnered), its choice comes with its options, and the
    extension applies after the Dynamics 365 page it extends."""
    base = _generated_page("Bookable Resource Booking Header", "BookableResourceBookingHeader", "")
    pages = {
        "bookableresourcebookingheader": base,
        "bookableresourcebookingheader.customerservice": HEADER_EXTENSION,
    }
    out = _generate(tmp_path, pages)
    properties = _properties(out, "bookableresourcebookingheader")
    assert properties["_msdyn_resourcerequirement_value"] == "Edm.Guid"
    assert properties["msdyn_bookingtype"] == "Edm.Int32"
    xml = etree.fromstring((out / "odata" / "metadata.xml").read_bytes())
    navs = {
        n.get("Name"): n.get("Partner")
        for n in xml.iter(f"{EDM}NavigationProperty")
        if n.get("Type") == "mscrm.msdyn_resourcerequirement"
    }
    relationship = "msdyn_resourcerequirement_bookableresourcebookingheader_ResourceRequirement"
    assert navs == {"msdyn_ResourceRequirement": relationship}
    model = (out / "model" / "bookableresourcebookingheader.yaml").read_text(encoding="utf-8")
    assert "global_choice_name: msdyn_bookableresourcebookingheader_msdyn_bookingtype" in model
    assert "label: Liquid" in model


CONTRACT_CONTACTS = (
    '---\ntitle: "Service Contract Contact (ServiceContractContacts) table/entity reference '
    '(Microsoft Dynamics 365)"\nms.topic: generated-reference\n---\n\n'
    "# Service Contract Contact (ServiceContractContacts) table/entity reference (Microsoft "
    "Dynamics 365)\n\nItem in a Service contract.\n\n## Properties\n\n"
    "|Property|Value|\n| --- | --- |\n| **DisplayName** | **Service Contract Contact** |\n"
    "| **SchemaName** | `ServiceContractContacts` |\n"
    "| **EntitySetName** | `servicecontractcontactscollection`|\n"
    "| **LogicalName** | `servicecontractcontacts` |\n"
    "| **PrimaryIdAttribute** | `servicecontractcontactid` |\n"
    "| **PrimaryNameAttribute** |`name` |\n| **TableType** | `Standard` |\n"
    "| **OwnershipType** | `None` |\n\n## Writable columns/attributes\n\n"
    + _row_block(
        "ServiceContractContactId",
        [
            ("Description", "**Unique identifier of the contact of the service contract.**"),
            ("DisplayName", ""),
            ("IsValidForForm", "False"),
            ("IsValidForRead", "True"),
            ("LogicalName", "`servicecontractcontactid`"),
            ("RequiredLevel", "SystemRequired"),
            ("Type", "Uniqueidentifier"),
        ],
    )
    + "\n## Read-only columns/attributes\n\n"
    + _row_block(
        "ContactId",
        [
            ("Description", ""),
            ("DisplayName", ""),
            ("IsValidForForm", "False"),
            ("IsValidForRead", "True"),
            ("LogicalName", "`contactid`"),
            ("RequiredLevel", "SystemRequired"),
            ("Type", "Uniqueidentifier"),
        ],
    )
    + "## One-to-Many relationships\n\n"
    '### <a name="BKMK_servicecontractcontacts_AsyncOperations"></a> '
    "servicecontractcontacts_AsyncOperations\n\nMany-To-One Relationship: [asyncoperation "
    "servicecontractcontacts_AsyncOperations](asyncoperation.md#BKMK_servicecontractcontacts_"
    "AsyncOperations)\n\n|Property|Value|\n|---|---|\n|ReferencingEntity|`asyncoperation`|\n"
    "|ReferencingAttribute|`regardingobjectid`|\n"
    "|ReferencedEntityNavigationPropertyName|`servicecontractcontacts_AsyncOperations`|\n"
    "|IsCustomizable|`True`|\n\n\n## Many-to-Many relationships\n\n"
    '### <a name="BKMK_servicecontractcontacts_association"></a> '
    "servicecontractcontacts_association\n\n\n|Property|Value|\n|---|---|\n"
    "|IntersectEntityName|`servicecontractcontacts`|\n|IsCustomizable|False|\n"
    "|SchemaName|`servicecontractcontacts_association`|\n\n\n\n### See also\n\n"
    "[Dataverse table/entity reference](/power-apps/developer/data-platform/reference/"
    "about-entity-reference)\n"
)
"""servicecontractcontacts' generated page (commit 66622e3c), cut: no CollectionSchemaName,
``contactid`` a read-only Guid, a many-to-many relationship that names no table."""


def test_a_service_contract_contact_is_as_microsofts_entity_type(tmp_path: Path) -> None:
    """Microsoft's servicecontractcontacts EntityType: the entity set
    ``servicecontractcontactscollection``, ``contactid`` an Edm.Guid, no single-valued
    navigation property, ``servicecontractcontacts_AsyncOperations`` partnered with
    ``regardingobjectid_servicecontractcontacts``."""
    out = _generate(tmp_path, {"servicecontractcontacts": CONTRACT_CONTACTS})
    properties = _properties(out, "servicecontractcontacts")
    assert properties["contactid"] == "Edm.Guid"
    xml = etree.fromstring((out / "odata" / "metadata.xml").read_bytes())
    [entity_set] = [
        s for s in xml.iter(f"{EDM}EntitySet") if "servicecontract" in s.get("Name", "")
    ]
    assert entity_set.get("Name") == "servicecontractcontactscollection"
    [entity] = [
        t for t in xml.iter(f"{EDM}EntityType") if t.get("Name") == "servicecontractcontacts"
    ]
    navs = {n.get("Name"): n.get("Partner") for n in entity.iter(f"{EDM}NavigationProperty")}
    assert navs == {
        "servicecontractcontacts_AsyncOperations": "regardingobjectid_servicecontractcontacts"
    }
