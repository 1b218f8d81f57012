"""Variations met in a forty-sixth round of real pages outside the corpus, drawn with
random.Random(46) among the tables of the reference's table of contents that no earlier round
used (the corpus, the seed and the tests less: 153 left), preferring State/Status pairs, choices
with a DefaultFormValue, Boolean defaults and Owner lookups, and read with their related pages.
MicrosoftDocs/powerapps-docs (``powerapps-docs/developer/data-platform/reference/entities/``),
in the order drawn: flowaggregation (drawn 1st, generated-reference, commit 8fa06797: an Elastic
user-owned table, a choice with an empty DefaultFormValue), organizationdatasyncfnostate (2nd,
11/09/2024, commit 13293c95: a choice defaulting to 0, a Boolean defaulting to True, a lookup
named ``entityname``), computeruseagent (3rd, commit 8fa06797: State/Status with empty
DefaultFormValues, Owner), msdyn_evalprompt (4th, commit 8fa06797), and with them
organizationdatasyncsubscriptionfnotable (141st, commit 0658c019: an ApplicationRequired choice
whose DefaultFormValue is -1, two lookups to one table whose navigation properties differ only
in case, ``organizationdatasyncsubscriptionId`` and ``organizationdatasyncsubscription``) and
msdyn_evaldataset (149th, commit 5843dd64), the tables the first ones refer to.
MicrosoftDocs/dynamics-365-customer-engagement (``ce/developer/reference/entities/``):
contracttemplate (commit f7ae5d03: three choices defaulting to 1, a SystemRequired ComponentState
at -1) and salesliterature (commit f3957a8d: a choice defaulting to 2, not its first option; a
Uniqueidentifier ``stageid`` with a relationship to processstage). Left for size: quoteclose
(72,464 characters).

No fault: every SQL DEFAULT is what the pages state (27 of them: each Boolean's DefaultValue,
the choices' DefaultFormValue when it is one of their options, none at -1 or empty, the initial
state 0 and its default status 1), each JSON Schema ``default`` is the same value (54 of 54 over
the eight tables together and each alone), and PostgreSQL 15 applies them to a row that leaves
the columns out. Microsoft's EntityTypes (MicrosoftDocs/dynamics365-docs-odata-apis,
``WebAPI-reference/dynamics-ce-odata-9/entitytypes/``): contracttemplate 23 of 23 properties, 5
lookup properties, 12 navigation properties with their partners; salesliterature 23 of 23, 8
lookups, 21 navigation properties (``stageid`` a Guid beside ``stageid_processstage``); the
others have no EntityType there (computeruseagent's partner ``ComputerUseAgentId`` matches the
live metadata of flowsession). Every output loaded into sqlite3 and PostgreSQL 15, parsed as
T-SQL with sqlglot, passed the OASIS CSDL XSD and the JSON Schema 2020-12 metaschema, and the
pydantic models imported. These tests pin what the round checked.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import jsonschema

from dvgen.cli import main
from tests.test_parse_unseen38 import entity_type_alone
from tests.test_parse_unseen45 import _column, _common, _page, _reason, _state, _status

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"


def _choice(schema: str, default_form_value: str, options: str, required: str = "None") -> str:
    logical = schema.lower()
    return _column(
        schema,
        logical,
        "Picklist",
        f"|DefaultFormValue|{default_form_value}|\n|GlobalChoiceName|`x_{logical}`|\n\n"
        f"#### {schema} Choices/Options\n\n|Value|Label|\n|---|---|\n{options}",
        required,
    )


def _yes_no(schema: str, default: str) -> str:
    logical = schema.lower()
    return _column(
        schema,
        logical,
        "Boolean",
        f"|GlobalChoiceName|`x_{logical}`|\n|DefaultValue|{default}|\n|True Label|Yes|\n"
        "|False Label|No|\n",
    )


SALES_LITERATURE = _page(
    "salesliterature",
    "SalesLiterature",
    [
        *_common("salesliterature"),
        _choice(
            "LiteratureTypeCode",
            "2",
            "|0|**Presentation**|\n|1|**Product Sheet**|\n|2|**Policies And Procedures**|\n"
            "|3|**Sales Literature**|\n|100001|**Marketing Collateral**|\n",
        ),
        _yes_no("IsCustomerViewable", "False"),
    ],
)
"""Dynamics 365 Sales' salesliterature page: a choice whose DefaultFormValue is its third
option, not its first."""

FNO_TABLE = _page(
    "organizationdatasyncsubscriptionfnotable",
    "organizationdatasyncsubscriptionfnotable",
    [
        *_common("organizationdatasyncsubscriptionfnotable"),
        _choice(
            "BlobPartitionBy",
            "-1",
            "|0|**None**|\n|1|**Day**|\n|2|**Month**|\n|3|**Year**|\n",
            "ApplicationRequired",
        ),
        _yes_no("IsActivity", "False"),
        _state(
            "",
            "|0|Label: **Active**<br />DefaultStatus: 1<br />InvariantName: `Active`|\n"
            "|1|Label: **Inactive**<br />DefaultStatus: 2<br />InvariantName: `Inactive`|\n",
        ),
        _status("", _reason(1, "Active", 0) + _reason(2, "Inactive", 1)),
    ],
)
"""organizationdatasyncsubscriptionfnotable's page: an ApplicationRequired choice at -1 (no
default: forms ask for it, a create does not fill it) and empty State/Status DefaultFormValues."""

FNO_STATE = _page(
    "organizationdatasyncfnostate",
    "organizationdatasyncfnostate",
    [
        *_common("organizationdatasyncfnostate"),
        _choice(
            "currentfullsyncstate",
            "0",
            "|0|**NotInitialized**|\n|1|**Initiating**|\n|2|**InProgress**|\n|6|**Failed**|\n",
        ),
        _yes_no("continuefromlastdeltasync", "True"),
        _yes_no("fullsynconly", "False"),
    ],
)
"""organizationdatasyncfnostate's page (11/09/2024): a choice defaulting to 0 and a Boolean
defaulting to True."""


def _generate(folder: Path, pages: dict[str, str]) -> Path:
    specs = folder / "specs"
    specs.mkdir(parents=True)
    for logical, text in pages.items():
        (specs / f"{logical}.md").write_text(text)
    out = folder / "out"
    assert main(["generate", "--specs", str(specs), "--out", str(out), "--no-cache", "-q"]) == 0
    return out


def _defaults(out: Path, logical: str, columns: list[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The JSON Schema ``default`` of ``columns``, and what SQLite stores in them for a row
    inserted with its key and name alone."""
    schema = json.loads((out / "jsonschema" / f"{logical}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    stated = {name: schema["properties"][name].get("default") for name in columns}
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.executescript((out / "sql" / "sqlite" / "schema.sql").read_text())
    db.execute(
        f'INSERT INTO "{logical}" ("{logical}id", "name") VALUES (?, ?)',
        ("2c1d4a3e-5b6f-4a7b-8c9d-0e1f2a3b4c5d", "row"),
    )
    row = db.execute(f'SELECT {", ".join(columns)} FROM "{logical}"').fetchone()
    return stated, dict(zip(columns, row, strict=True))


def test_a_choice_defaults_to_its_stated_option_not_its_first(tmp_path: Path) -> None:
    out = _generate(tmp_path, {"salesliterature": SALES_LITERATURE})
    stated, stored = _defaults(out, "salesliterature", ["literaturetypecode", "iscustomerviewable"])
    assert stated == {"literaturetypecode": 2, "iscustomerviewable": False}
    assert stored == {"literaturetypecode": 2, "iscustomerviewable": 0}


def test_defaults_of_two_related_pages_alone_and_together(tmp_path: Path) -> None:
    """-1 on an ApplicationRequired choice is no default; 0 is one; a Boolean's True is one; the
    State/Status pair starts at 0/1 though the page prints no DefaultFormValue. The same read
    alone and with the related page."""
    expected_table: dict[str, Any] = {
        "blobpartitionby": None,
        "isactivity": False,
        "statecode": 0,
        "statuscode": 1,
    }
    expected_state: dict[str, Any] = {
        "currentfullsyncstate": 0,
        "continuefromlastdeltasync": True,
        "fullsynconly": False,
    }
    together = _generate(
        tmp_path / "both",
        {
            "organizationdatasyncsubscriptionfnotable": FNO_TABLE,
            "organizationdatasyncfnostate": FNO_STATE,
        },
    )
    cases: list[tuple[Path, str, dict[str, Any]]] = [
        (
            _generate(tmp_path / "table", {"organizationdatasyncsubscriptionfnotable": FNO_TABLE}),
            "organizationdatasyncsubscriptionfnotable",
            expected_table,
        ),
        (
            _generate(tmp_path / "state", {"organizationdatasyncfnostate": FNO_STATE}),
            "organizationdatasyncfnostate",
            expected_state,
        ),
        (together, "organizationdatasyncsubscriptionfnotable", expected_table),
        (together, "organizationdatasyncfnostate", expected_state),
    ]
    for out, logical, expected in cases:
        stated, stored = _defaults(out, logical, list(expected))
        assert stated == expected
        assert stored == {k: (int(v) if isinstance(v, bool) else v) for k, v in expected.items()}


def _lookup(schema: str) -> str:
    return _column(
        schema,
        schema.lower(),
        "Lookup",
        "|Targets|organizationdatasyncsubscription|\n",
        "ApplicationRequired",
    )


def _many_to_one(name: str, attribute: str, navigation: str, delete: str) -> str:
    return (
        f'### <a name="BKMK_{name}"></a> {name}\n\n'
        f"One-To-Many Relationship: [organizationdatasyncsubscription {name}]"
        f"(organizationdatasyncsubscription.md#BKMK_{name})\n\n|Property|Value|\n|---|---|\n"
        "|ReferencedEntity|`organizationdatasyncsubscription`|\n"
        "|ReferencedAttribute|`organizationdatasyncsubscriptionid`|\n"
        f"|ReferencingAttribute|`{attribute}`|\n"
        f"|ReferencingEntityNavigationPropertyName|`{navigation}`|\n|IsHierarchical||\n"
        "|CascadeConfiguration|Archive: `NoCascade`<br />Assign: `Cascade`<br />"
        f"Delete: `{delete}`<br />Merge: `NoCascade`<br />Reparent: `Cascade`<br />"
        "RollupView: `NoCascade`<br />Share: `Cascade`<br />Unshare: `Cascade`|\n\n"
    )


TWO_LOOKUPS = (
    _page(
        "organizationdatasyncsubscriptionfnotable",
        "organizationdatasyncsubscriptionfnotable",
        [
            *_common("organizationdatasyncsubscriptionfnotable"),
            _lookup("OrganizationDataSyncSubscriptioId"),
            _lookup("OrganizationDataSyncSubscription"),
        ],
    )
    + "\n## Many-to-One relationships\n\nThese relationships are many-to-one. Listed by "
    "**SchemaName**.\n\n- [subscription_subscriptionfnotable]"
    "(#BKMK_subscription_subscriptionfnotable)"
    "\n- [subscription_subscriptionfnotable_duplicate]"
    "(#BKMK_subscription_subscriptionfnotable_duplicate)\n\n"
    + _many_to_one(
        "subscription_subscriptionfnotable",
        "organizationdatasyncsubscriptioid",
        "organizationdatasyncsubscriptionId",
        "Cascade",
    )
    + _many_to_one(
        "subscription_subscriptionfnotable_duplicate",
        "organizationdatasyncsubscription",
        "organizationdatasyncsubscription",
        "RemoveLink",
    )
)
"""organizationdatasyncsubscriptionfnotable's two lookups to one table: one named like the
table, their navigation properties differing only in case."""


def test_two_lookups_to_one_table_keep_their_navigation_properties(tmp_path: Path) -> None:
    entity = entity_type_alone(tmp_path, "organizationdatasyncsubscriptionfnotable", TWO_LOOKUPS)
    navigations = {
        n.get("Name"): n.get("Partner")
        for n in entity.iter(f"{EDM}NavigationProperty")
        if n.get("Name", "").startswith("organizationdatasync")
    }
    assert navigations == {
        "organizationdatasyncsubscriptionId": "subscription_subscriptionfnotable",
        "organizationdatasyncsubscription": "subscription_subscriptionfnotable_duplicate",
    }
    values = {p.get("Name") for p in entity.iter(f"{EDM}Property")}
    assert {
        "_organizationdatasyncsubscriptioid_value",
        "_organizationdatasyncsubscription_value",
    } <= values
