"""Faults the comparison with Microsoft's own Web API EntityTypes found on a fourth set of pages
outside the corpus (``bench/webapi_compare.py``: Dynamics 365 pages of 2017-2019 in the
bold-lines and table layouts, Sales, Product Management and Scheduling tables), each on a
minimal page written here in the layout of the 2017 pages."""

from __future__ import annotations

from dvgen.diagnostics import Diagnostics
from dvgen.targets.odata.context import Names, build_document
from dvgen.targets.odata.schema import EntityTypeDecl
from tests.pages import resolved
from tests.test_webapi_wide import partners

PAGE = """---
title: "{title} Entity Reference (Developer Guide for Dynamics 365 Customer Engagement)| MicrosoftDocs"
ms.date: 10/31/2017
---
# {title} Entity Reference

A record of a test.

**Added by**: {added} Solution<br />

## Properties

**DisplayName**: {title}<br />
**SchemaName**: {title}<br />
**LogicalName**: {name}<br />
**EntitySetName**: {name}s<br />
**PrimaryIdAttribute**: {name}id<br />
**PrimaryNameAttribute**: name<br />
**OwnershipType**: UserOwned<br />
<a name="writable-attributes"></a>

## Writable attributes

- [{title}Id](#BKMK_{title}Id)
- [Name](#BKMK_Name)
{lookups}

### <a name="BKMK_{title}Id"></a> {title}Id

**Description**: Unique identifier of the record.<br />
**DisplayName**: {title}<br />
**LogicalName**: {name}id<br />
**IsValidForForm**: False<br />
**IsValidForRead**: True<br />
**RequiredLevel**: SystemRequired<br />
**IsValidForUpdate**: False<br />
**Type**: Uniqueidentifier<br />


### <a name="BKMK_Name"></a> Name

**Description**: Type the name.<br />
**DisplayName**: Name<br />
**LogicalName**: name<br />
**IsValidForForm**: True<br />
**IsValidForRead**: True<br />
**RequiredLevel**: SystemRequired<br />
**Type**: String<br />
**FormatName**: Text<br />
**IsLocalizable**: False<br />
**MaxLength**: 100
{columns}
<a name="manytoone"></a>

## Many-To-One Relationships

{relationships}
"""

LOOKUP = """

### <a name="BKMK_{schema}"></a> {schema}

**Description**: The {schema}.<br />
**DisplayName**: {schema}<br />
**LogicalName**: {logical}<br />
**IsValidForForm**: True<br />
**IsValidForRead**: True<br />
**RequiredLevel**: None<br />
**Type**: Lookup<br />
**Targets**: {target}
"""

SEE = """
### <a name="BKMK_{schema}"></a> {schema}

See {target} Entity [{schema}]({target}.md#BKMK_{schema}) One-To-Many relationship.
"""


def _page(name: str, title: str, added: str, lookups: list[tuple[str, str, str, str]]) -> str:
    """A 2017 bold-lines page of ``name``; ``lookups``: (SchemaName, logical name, target,
    relationship schema name)."""
    return PAGE.format(
        name=name,
        title=title,
        added=added,
        lookups="".join(f"- [{s}](#BKMK_{s})\n" for s, _, _, _ in lookups),
        columns="".join(LOOKUP.format(schema=s, logical=n, target=t) for s, n, t, _ in lookups),
        relationships="".join(SEE.format(schema=r, target=t) for _, _, t, r in lookups),
    )


def _types(*pages: tuple[str, str]) -> dict[str, EntityTypeDecl]:
    table_set, warnings = resolved(*pages)
    assert warnings == []
    document = build_document(
        table_set, Names("Microsoft.Dynamics.CRM", "mscrm", "System"), Diagnostics()
    )
    return {str(t.name): t for t in document.entity_types}


SCALE = [("CreatedBy", "createdby", "systemuser", "lk_x_scale_createdby")]
GRADE = [
    ("CreatedBy", "createdby", "systemuser", "lk_x_grade_createdby"),
    ("ModifiedOnBehalfBy", "modifiedonbehalfby", "systemuser", "lk_x_grade_modifiedonbehalfby"),
    ("Scale", "scale", "x_scale", "x_scale_x_grade_Scale"),
    (
        "TransactionCurrencyId",
        "transactioncurrencyid",
        "transactioncurrency",
        "TransactionCurrency_x_grade",
    ),
]


def test_a_scheduling_tables_lookups_take_its_names() -> None:
    """A table Universal Resource Scheduling made (**Added by**: Scheduling Solution, as the
    2017-2019 pages of ``ratingmodel``, ``ratingvalue``, ``bookingstatus``, ``characteristic``,
    ``bookableresourcecategoryassn`` say): Microsoft's ``$metadata`` names its audit lookups'
    navigation properties ``createdbyname``, ``modifiedonbehalfbyname`` (partner
    ``lk_ratingvalue_createdby``...), its own lookups by SchemaName (``RatingModel``, partner of
    ``ratingmodel_ratingvalue_RatingModel``), and keeps ``transactioncurrencyid``; dvgen gave
    ``createdby`` and ``ratingmodel``."""
    types = _types(
        ("x_scale.md", _page("x_scale", "x_Scale", "Scheduling", SCALE)),
        ("x_grade.md", _page("x_grade", "x_Grade", "Scheduling", GRADE)),
    )
    assert partners(types["x_grade"]) == {
        "createdbyname": "lk_x_grade_createdby",
        "modifiedonbehalfbyname": "lk_x_grade_modifiedonbehalfby",
        "Scale": "x_scale_x_grade_Scale",
        "transactioncurrencyid": "TransactionCurrency_x_grade",
    }
    assert partners(types["x_scale"])["x_scale_x_grade_Scale"] == "Scale"
    assert "createdbyname" in partners(types["x_scale"])


def test_another_dynamics_365_solutions_table_keeps_the_logical_names() -> None:
    """``entitlementchannel`` (Service) has ``createdby`` for ``lk_entitlementchannel_createdby``
    and ``discount`` (Sales) ``discounttypeid`` in Microsoft's ``$metadata``: only the Scheduling
    solution's tables take the other names."""
    types = _types(
        ("x_scale.md", _page("x_scale", "x_Scale", "Sales", SCALE)),
        ("x_grade.md", _page("x_grade", "x_Grade", "Sales", GRADE)),
    )
    assert set(partners(types["x_grade"])) == {
        "createdby",
        "modifiedonbehalfby",
        "scale",
        "transactioncurrencyid",
    }


def test_a_lookup_to_externalparty_has_no_navigation_property() -> None:
    """The 2017 ``uomschedule`` page names ``lk_externalparty_uomschedule_createdby`` for its
    ``createdbyexternalparty``; Microsoft's ``$metadata`` has no ``externalparty`` entity type and
    only ``_createdbyexternalparty_value`` there (as on ``account`` and ``contact``): dvgen
    declared ``createdbyexternalparty`` to an ``externalparty`` placeholder, which a client
    would ``$expand`` in vain."""
    lookups = [
        ("CreatedBy", "createdby", "systemuser", "lk_x_unitbase_createdby"),
        (
            "CreatedByExternalParty",
            "createdbyexternalparty",
            "externalparty",
            "lk_externalparty_x_unit_createdby",
        ),
    ]
    types = _types(("x_unit.md", _page("x_unit", "x_Unit", "Product Management", lookups)))
    assert set(partners(types["x_unit"])) == {"createdby"}
    assert "_createdbyexternalparty_value" in {str(p.name) for p in types["x_unit"].properties}
    assert "externalparty" not in types
