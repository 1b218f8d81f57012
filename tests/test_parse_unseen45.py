"""Variations met in a forty-fifth round of real pages outside the corpus, drawn with
random.Random(45) among the tables of the reference's table of contents that no earlier round
used (the corpus, the seed and the tests less: 166 left), preferring State/Status pairs, choices
with a DefaultFormValue, Boolean defaults and Owner lookups, and read with their related pages.
MicrosoftDocs/powerapps-docs (``powerapps-docs/developer/data-platform/reference/entities/``),
in the order drawn: msdyn_flow_flowapproval (drawn 1st, 2024 layout, commit 256c49f5: State and
Status with an empty DefaultFormValue, two Booleans defaulting to True),
msdyn_flow_approvalresponse (4th, 11/09/2024, commit 03cac834: an ApplicationRequired Status, a
choice whose DefaultFormValue is -1), federatedknowledgeconfiguration (5th, commit 0298582b:
three states, a status reason 0 that is state 0's default), msdyn_knowledgemanagementsetting
(6th, 03/07/2023, commit 05cfff53: ``**DefaultValue**: 1`` under a Boolean's options, a Picklist
with no DefaultFormValue row, a MultiSelectPicklist), allowedmcpclient (8th,
generated-reference, commit 537df776: an ApplicationRequired Boolean defaulting to False),
entityclusterconfig (9th, generated-reference, commit 38cf1f27: a SystemRequired choice whose
DefaultFormValue is 0, ``NOT NULL DEFAULT 0``), msdyn_flow_approvalrequest (30th, commit
17f4f33f, 41,614 characters: a choice defaulting to 192350000, a state whose default status is
no ``2``, a self-referencing lookup) and msdyn_flow_approvalstep (89th, commit 0658c019: a
lookup to four tables with its EntityName companion), the last three read with
msdyn_flow_flowapproval and msdyn_flow_approvalresponse, which all refer to
``msdyn_flow_approval``. Not read, for want of time: principalobjectaccess (3rd) and
msdyn_pmprocessversion (7th). MicrosoftDocs/dynamics-365-customer-engagement
(``ce/developer/reference/entities/``, Sales): discounttype (commit a336f096: StateCode's
DefaultFormValue 0, StatusCode's -1) and discount (commit 68cb8db1: a Status column with no
option and no State column), read together and alone.

Faults: the JSON Schema's ``default`` of a State and a Status column was the page's
DefaultFormValue, which those pages print empty (msdyn_flow_*, federatedknowledgeconfiguration,
allowedmcpclient) or -1 (discounttype's StatusCode), where the SQL DEFAULT, as Dataverse, is the
initial state and that state's default status: ``statuscode`` ``DEFAULT 100001`` beside no JSON
``default``, though docs/jsonschema.md says the two are the same value. Of the corpus, 26 tables
(49 columns: account, contact, task, letter's 2 ...) had a SQL DEFAULT and no JSON ``default``,
and 218 columns of the shared solutions' 109 schemas; now none of their 678 DEFAULTs differs.
Both now take it from the state model (``StateStatus.create_defaults``). And one more:
msdyn_flow_approvalstep's writable String ``msdyn_flow_approvalstep_modeltype`` ("Model Type")
was taken for a companion of the lookup ``msdyn_flow_approvalstep_model`` (by the name
``<lookup>type``) and left out of the CSDL, the JSON Schema and the pydantic model, though it is
a column of its own: the lookup's companion is the EntityName ``..._modelidtype``, and every
other column so named on the corpus's pages and those of rounds 28 to 45 is an EntityName.

Every other DEFAULT of the ten pages is what they state: each Boolean's DefaultValue (the G1
``**DefaultValue**: 0``/``1`` lines too), ``msdyn_flow_approvalrequest_responseoptionstype``
192350000, nothing for the choices at -1 or without a DefaultFormValue, none for a
MultiSelectPicklist, none for discount's ``statuscode`` (no State, no option). Microsoft's
EntityTypes (MicrosoftDocs/dynamics365-docs-odata-apis, ``WebAPI-reference/
dynamics-ce-odata-9/entitytypes/``): discounttype 13 of 13 properties, 6 lookup properties, 14
navigation properties with their partners; discount 18 of 18 properties and 6 lookups, its 12
navigation properties with their partners, and one property more: ``statuscode``, which
Microsoft's 2020 EntityType lacks while the pages of 2017 and 2025 list it (with no option); the
SDK's early-bound classes mark it ``[Obsolete]``: left, no page rule tells it. The msdyn_flow_*
tables and the others have no EntityType there. Every output loaded into sqlite3 and PostgreSQL
15, parsed as T-SQL with sqlglot, passed the OASIS CSDL XSD and the JSON Schema 2020-12
metaschema, and the pydantic models imported.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from dvgen.cli import main
from tests.test_parse_unseen38 import entity_type_alone

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"

_LIST = (
    "## Writable columns/attributes\n\nThese columns/attributes return true for either "
    "**IsValidForCreate** or **IsValidForUpdate** (usually both). Listed by **SchemaName**.\n\n"
)


def _column(schema: str, logical: str, kind: str, rows: str = "", required: str = "None") -> str:
    return (
        f'### <a name="BKMK_{schema}"></a> {schema}\n\n|Property|Value|\n|---|---|\n'
        f"|Description||\n|DisplayName|**{schema}**|\n|IsValidForForm|True|\n"
        f"|IsValidForRead|True|\n|LogicalName|`{logical}`|\n|RequiredLevel|{required}|\n"
        f"|Type|{kind}|\n{rows}\n"
    )


def _page(logical: str, schema: str, columns: list[str]) -> str:
    names = [c.split("</a> ", 1)[1].split("\n", 1)[0] for c in columns]
    return (
        f'---\ntitle: "{schema} table/entity reference (Microsoft Dynamics 365)"\n'
        f"ms.topic: generated-reference\n---\n\n# {schema} table/entity reference\n\n"
        f"## Properties\n\n|Property|Value|\n| --- | --- |\n| **DisplayName** | **{schema}** |\n"
        f"| **SchemaName** | `{schema}` |\n| **EntitySetName** | `{logical}s`|\n"
        f"| **LogicalName** | `{logical}` |\n| **PrimaryIdAttribute** | `{logical}id` |\n"
        f"| **PrimaryNameAttribute** |`name` |\n| **TableType** | `Standard` |\n"
        f"| **OwnershipType** | `OrganizationOwned` |\n\n"
        + _LIST
        + "".join(f"- [{n}](#BKMK_{n})\n" for n in names)
        + "\n"
        + "".join(columns)
    )


def _state(default_form_value: str, states: str) -> str:
    return _column(
        "StateCode",
        "statecode",
        "State",
        f"|DefaultFormValue|{default_form_value}|\n|GlobalChoiceName|`x_statecode`|\n\n"
        "#### StateCode Choices/Options\n\n|Value|Details|\n|---|---|\n" + states,
        "SystemRequired",
    )


def _status(default_form_value: str, reasons: str, required: str = "None") -> str:
    return _column(
        "StatusCode",
        "statuscode",
        "Status",
        f"|DefaultFormValue|{default_form_value}|\n|GlobalChoiceName|`x_statuscode`|\n\n"
        "#### StatusCode Choices/Options\n\n|Value|Details|\n|---|---|\n" + reasons,
        required,
    )


def _reason(value: int, label: str, state: int) -> str:
    return f"|{value}|Label: **{label}**<br />State:{state}<br />TransitionData: None|\n"


def _common(logical: str) -> list[str]:
    return [
        _column(f"{logical}Id", f"{logical}id", "Uniqueidentifier", required="SystemRequired"),
        _column(
            "Name",
            "name",
            "String",
            "|Format|Text|\n|FormatName|Text|\n|ImeMode|Auto|\n|IsLocalizable|False|\n"
            "|MaxLength|100|\n",
        ),
    ]


DISCOUNT_LIST = _page(
    "discounttype",
    "DiscountType",
    [
        *_common("discounttype"),
        _state(
            "0",
            "|0|Label: **Active**<br />DefaultStatus: 100001<br />InvariantName: `Active`|\n"
            "|1|Label: **Inactive**<br />DefaultStatus: 100002<br />InvariantName: `Inactive`|\n",
        ),
        _status("-1", _reason(100001, "Active", 0) + _reason(100002, "Inactive", 1)),
    ],
)
"""Dynamics 365 Sales' discounttype page (generated-reference): its State's DefaultFormValue is
0 and its Status's -1, yet a new discount list is Active with the reason Active (100001)."""

APPROVAL_REQUEST = _page(
    "msdyn_flow_approvalrequest",
    "msdyn_flow_approvalrequest",
    [
        *_common("msdyn_flow_approvalrequest"),
        _state(
            "",
            "|0|Label: **Active**<br />DefaultStatus: 1<br />InvariantName: `Active`|\n"
            "|1|Label: **Inactive**<br />DefaultStatus: 192350000<br />InvariantName: "
            "`Inactive`|\n",
        ),
        _status(
            "",
            _reason(1, "Active", 0)
            + _reason(2, "Inactive", 1)
            + _reason(192350000, "Reassigned", 1),
            "ApplicationRequired",
        ),
        _column(
            "msdyn_flow_approvalrequest_responseoptionstype",
            "msdyn_flow_approvalrequest_responseoptionstype",
            "Picklist",
            "|DefaultFormValue|192350000|\n|GlobalChoiceName|"
            "`msdyn_flow_approvalresponseoptionstype`|\n\n"
            "#### msdyn_flow_approvalrequest_responseoptionstype Choices/Options\n\n"
            "|Value|Label|\n|---|---|\n|192350000|**NotSpecified**|\n"
            "|192350001|**BasicApproveReject**|\n|192350002|**CustomOptions**|\n",
            "ApplicationRequired",
        ),
    ],
)
"""msdyn_flow_approvalrequest's page (2024 layout): State and Status with an empty
DefaultFormValue; a choice whose DefaultFormValue is one of its options."""


def _generate(folder: Path, logical: str, text: str) -> tuple[dict[str, Any], str]:
    specs = folder / "specs"
    specs.mkdir()
    (specs / f"{logical}.md").write_text(text)
    out = folder / "out"
    assert main(["generate", "--specs", str(specs), "--out", str(out), "--no-cache", "-q"]) == 0
    schema = json.loads((out / "jsonschema" / f"{logical}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema, (out / "sql" / "sqlite" / "schema.sql").read_text()


def _stored(ddl: str, logical: str, columns: list[str]) -> dict[str, Any]:
    """What SQLite stores in ``columns`` for a row inserted with its key and name alone."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.executescript(ddl)
    db.execute(
        f'INSERT INTO "{logical}" ("{logical}id", "name") VALUES (?, ?)',
        ("2c1d4a3e-5b6f-4a7b-8c9d-0e1f2a3b4c5d", "row"),
    )
    row = db.execute(f'SELECT {", ".join(columns)} FROM "{logical}"').fetchone()
    return dict(zip(columns, row, strict=True))


@pytest.mark.parametrize(
    ("logical", "text", "expected"),
    [
        ("discounttype", DISCOUNT_LIST, {"statecode": 0, "statuscode": 100001}),
        (
            "msdyn_flow_approvalrequest",
            APPROVAL_REQUEST,
            {
                "statecode": 0,
                "statuscode": 1,
                "msdyn_flow_approvalrequest_responseoptionstype": 192350000,
            },
        ),
    ],
)
def test_the_json_default_of_a_state_and_status_is_the_sql_default(
    tmp_path: Path, logical: str, text: str, expected: dict[str, int]
) -> None:
    """A new row starts in the initial state with its default status, whatever DefaultFormValue
    the page prints for them (empty, 0, -1): the JSON Schema's ``default`` says so as the SQL
    DEFAULT does, which SQLite applies to a row that leaves the columns out."""
    schema, ddl = _generate(tmp_path, logical, text)
    defaults = {name: schema["properties"][name].get("default") for name in expected}
    assert defaults == expected
    assert _stored(ddl, logical, list(expected)) == expected


APPROVAL_STEP = _page(
    "msdyn_flow_approvalstep",
    "msdyn_flow_approvalstep",
    [
        *_common("msdyn_flow_approvalstep"),
        _column(
            "msdyn_flow_approvalstep_model",
            "msdyn_flow_approvalstep_model",
            "Lookup",
            "|Targets|msdyn_flow_actionapprovalmodel, msdyn_flow_awaitallactionapprovalmodel, "
            "msdyn_flow_awaitallapprovalmodel, msdyn_flow_basicapprovalmodel|\n",
        ),
        _column(
            "msdyn_flow_approvalstep_modelIdType",
            "msdyn_flow_approvalstep_modelidtype",
            "EntityName",
        ),
        _column(
            "msdyn_flow_approvalstep_modeltype",
            "msdyn_flow_approvalstep_modeltype",
            "String",
            "|Format|Text|\n|FormatName|Text|\n|ImeMode|Auto|\n|IsLocalizable|False|\n"
            "|MaxLength|100|\n",
        ),
    ],
)
"""msdyn_flow_approvalstep's page (2024 layout): a lookup named without ``Id``, to four tables,
its EntityName companion ``..._modelidtype``, and a writable String "Model Type" named
``<lookup>type``."""


def test_a_string_named_after_a_lookup_and_type_is_a_property(tmp_path: Path) -> None:
    """A writable String named ``<lookup>type`` is a column of its own, a property of the Web
    API, of the JSON Schema and of the pydantic model; the lookup's table companion is the
    EntityName ``<lookup>idtype``, which the Web API carries as an annotation, no property."""
    entity = entity_type_alone(tmp_path, "msdyn_flow_approvalstep", APPROVAL_STEP)
    types = {p.get("Name"): p.get("Type") for p in entity.iter(f"{EDM}Property")}
    assert types["msdyn_flow_approvalstep_modeltype"] == "Edm.String"
    assert types["_msdyn_flow_approvalstep_model_value"] == "Edm.Guid"
    assert "msdyn_flow_approvalstep_modelidtype" not in types
    out = tmp_path / "out"
    schema = json.loads((out / "jsonschema" / "msdyn_flow_approvalstep.schema.json").read_text())
    member = schema["properties"]["msdyn_flow_approvalstep_modeltype"]
    assert member["maxLength"] == 100
    assert "msdyn_flow_approvalstep_modelidtype" not in schema["properties"]
    model = (out / "pydantic" / "dataverse_models" / "msdyn_flow_approvalstep.py").read_text()
    assert "msdyn_flow_approvalstep_modeltype" in model
