"""Lookups and the relationships Dataverse creates them with.

A hand-written lookup no relationship of the set names is a warning saying what to add
(Dataverse creates a lookup only with its relationship); a page whose lookup's Targets
contradicts its own relationship is taken as the relationship says, with a warning; a stray
YAML file in the specs folder has all its unknown keys named at once.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from lxml import etree

from dvgen.diagnostics import Diagnostics
from dvgen.lookups import CONTRADICTED, MISSING
from dvgen.model import Column, ColumnType, OneToManyRelationship, Relationships, Table
from dvgen.resolve import resolve
from tests.conftest import CORPUS, SHARED, needs_shared, run

CLIENT = """\
logical_name: new_client
schema_name: new_Client
entity_set_name: new_clients
primary_id_attribute: new_clientid
columns:
  - {logical_name: new_clientid, schema_name: new_ClientId, type: Uniqueidentifier}
"""
ORDER = """\
logical_name: new_order
schema_name: new_Order
entity_set_name: new_orders
primary_id_attribute: new_orderid
columns:
  - {logical_name: new_orderid, schema_name: new_OrderId, type: Uniqueidentifier}
  - {logical_name: new_clientid, schema_name: new_ClientId, type: Lookup, targets: [new_client]}
"""
ORDER_LOOKUP_LINE = 7
EDM = {"edm": "http://docs.oasis-open.org/odata/ns/edm"}
ONE_TO_MANY = """\
relationships:
  one_to_many:
    - {schema_name: new_client_orders, referencing_entity: new_order, referencing_attribute: \
new_clientid}
"""


def _write(folder: Path, **specs: str) -> None:
    (folder / "specs").mkdir(exist_ok=True)
    for name, text in specs.items():
        (folder / "specs" / f"{name}.yaml").write_text(text, encoding="utf-8")


def _coded(err: str, code: str) -> list[str]:
    return [line for line in err.splitlines() if line.endswith(f"[{code}]")]


def _navigations(out: Path, table: str) -> list[str]:
    """The navigation properties of the table's entity type, as lxml reads the CSDL."""
    tree = etree.parse(out / "odata" / "metadata.xml")
    found = tree.xpath(
        "//edm:EntityType[@Name=$name]/edm:NavigationProperty/@Name", name=table, namespaces=EDM
    )
    return sorted(str(name) for name in found)


def _foreign_keys(out: Path, table: str) -> list[tuple[str, str]]:
    """(column, referenced table) of each foreign key SQLite reads from the generated DDL."""
    with sqlite3.connect(":memory:") as db:
        db.executescript((out / "sql" / "sqlite" / "schema.sql").read_text("utf-8"))
        rows = db.execute(f"PRAGMA foreign_key_list({table})").fetchall()
    return sorted((row[3], row[2]) for row in rows)


def _generate(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """``dvgen generate`` of the OData document and SQLite's DDL: (exit code, stderr)."""
    targets = ("--target", "sql", "--target", "odata", "--dialect", "sqlite")
    code, _, err = run(capsys, "generate", "--no-cache", *targets, *argv)
    return code, err


def test_a_hand_written_lookup_without_relationship_is_a_warning_saying_what_to_add(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Shown without -v, at the column's line; the relationship it suggests, added as written,
    silences it and gives the lookup its navigation property."""
    _write(workdir, new_client=CLIENT, new_order=ORDER)
    code, err = _generate(capsys)
    assert code == 0
    [line] = _coded(err, MISSING)
    assert line.startswith(
        f"specs/new_order.yaml:{ORDER_LOOKUP_LINE}: warning: Lookup column "
        "new_order.new_clientid: no many-to-one relationship names it (Dataverse creates a lookup "
        "only with its own), so it gets no navigation property"
    )
    suggested = re.findall(r"\{schema_name: [^}]*\}", line)
    assert suggested == [
        "{schema_name: new_new_client_new_order, referenced_entity: new_client, "
        "referencing_attribute: new_clientid}"
    ]
    assert _navigations(workdir / "generated", "new_order") == []
    _write(workdir, new_order=ORDER + f"relationships:\n  many_to_one:\n    - {suggested[0]}\n")
    code, err = _generate(capsys)
    assert code == 0 and not _coded(err, MISSING), err
    assert _navigations(workdir / "generated", "new_order") == ["new_clientid"]


def test_a_spec_read_back_from_the_cache_is_still_held_to_it(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """new_order's parse comes from the cache the second time (another spec changed): that it
    was written by hand is kept with it."""
    _write(workdir, new_client=CLIENT, new_order=ORDER)
    for client in (CLIENT, CLIENT + "description: changed\n"):
        _write(workdir, new_client=client)
        code, _, err = run(capsys, "generate", "--target", "model")
        assert code == 0 and len(_coded(err, MISSING)) == 1, err


def test_the_referenced_table_s_one_to_many_counts_once_the_set_is_resolved(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(workdir, new_client=CLIENT + ONE_TO_MANY, new_order=ORDER)
    code, err = _generate(capsys)
    assert code == 0 and not _coded(err, MISSING), err
    assert _navigations(workdir / "generated", "new_order") == ["new_clientid"]


def test_a_lookup_to_a_table_the_selection_leaves_out_is_not_warned_of(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The left-out table's spec may hold the relationship (it does here)."""
    _write(workdir, new_client=CLIENT + ONE_TO_MANY, new_order=ORDER)
    code, err = _generate(capsys, "--table", "new_order")
    assert code == 0 and not _coded(err, MISSING), err


CUSTOMER = "  - {logical_name: new_payerid, schema_name: new_PayerId, type: Customer, targets: \
[account, contact]}\n"
CUSTOMER_RELATIONSHIPS = """\
relationships:
  many_to_one:
    - {schema_name: new_account_new_order, referenced_entity: account, referencing_attribute: \
new_payerid}
    - {schema_name: new_contact_new_order, referenced_entity: contact, referencing_attribute: \
new_payerid}
"""
OWNER = (
    "  - {logical_name: ownerid, schema_name: OwnerId, type: Owner, targets: [systemuser, team]}\n"
)


def test_a_customer_column_is_told_to_add_its_two_relationships(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(workdir, new_client=CLIENT + ONE_TO_MANY, new_order=ORDER + CUSTOMER)
    code, err = _generate(capsys)
    [line] = _coded(err, MISSING)
    assert code == 0 and "Customer column new_order.new_payerid" in line
    assert "referenced_entity: account, referencing_attribute: new_payerid}" in line
    assert "referenced_entity: contact, referencing_attribute: new_payerid}" in line
    _write(workdir, new_order=ORDER + CUSTOMER + CUSTOMER_RELATIONSHIPS)
    code, err = _generate(capsys)
    assert code == 0 and not _coded(err, MISSING), err


def test_owner_columns_and_tables_only_microsoft_names_are_exempt(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Dataverse relates an Owner column itself; a table named as only Microsoft names one
    (``account``) is described as it is, like a reference page."""
    account = (
        "logical_name: account\nschema_name: Account\nprimary_id_attribute: accountid\n"
        "columns:\n  - {logical_name: accountid, schema_name: AccountId, type: Uniqueidentifier}\n"
        "  - {logical_name: primarycontactid, schema_name: PrimaryContactId, type: Lookup, "
        "targets: [contact]}\n"
    )
    _write(workdir, new_client=CLIENT + OWNER + ONE_TO_MANY, new_order=ORDER, account=account)
    code, err = _generate(capsys, "--table", "new_client", "--table", "account")
    assert code == 0 and not _coded(err, MISSING), err


def test_model_files_read_back_are_not_warned_of_but_the_same_text_by_hand_is(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A model file dvgen wrote is resolution's output (its first line says so): read back as
    specs it is not held to the rule again; the same file without that line is a spec by hand."""
    _write(workdir, new_client=CLIENT, new_order=ORDER)
    code, _, err = run(capsys, "generate", "--no-cache", "--target", "model")
    assert code == 0 and len(_coded(err, MISSING)) == 1
    again = ["generate", "--no-cache", "--target", "model", "--specs", "generated/model"]
    code, _, err = run(capsys, *again, "--out", "again")
    assert code == 0 and not _coded(err, MISSING), err
    model = workdir / "generated" / "model" / "new_order.yaml"
    model.write_text(model.read_text("utf-8").split("\n", 1)[1], encoding="utf-8")
    code, _, err = run(capsys, *again, "--out", "again")
    assert code == 0 and len(_coded(err, MISSING)) == 1, err


@needs_shared
def test_no_real_page_solution_or_their_model_files_get_either_warning(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The corpus and a real solution, then the model files dvgen writes of them, as specs.
    The Copilot Studio Kit's model files hold 10 lookups its solution relates to no table
    (``createdonbehalfby``...): read back without their first line, they would be warned of."""
    solution = (
        SHARED / "solutions" / "microsoft__Power-CAT-Copilot-Studio-Kit__CopilotStudioAccelerator"
    )
    for name, specs in (("corpus", CORPUS), ("solution", solution)):
        argv = ["generate", "--no-cache", "--target", "model", "--verbose"]
        code, _, err = run(capsys, *argv, "--specs", str(specs), "--out", name)
        assert code == 0 and "[lookup-" in err  # the notes are shown (-v)
        assert not _coded(err, MISSING) and not _coded(err, CONTRADICTED)
        code, _, err = run(capsys, *argv, "--specs", f"{name}/model", "--out", f"{name}2")
        assert code == 0 and not _coded(err, MISSING) and not _coded(err, CONTRADICTED), err


def _page(name: str, columns: str = "", many_to_one: str = "") -> str:
    """A minimal reference page: its properties, id column, columns and relationships."""
    return f"""# Test ({name}) table/entity reference

## Properties

|Property|Value|
| --- | --- |
| **SchemaName** | `{name}` |
| **EntitySetName** | `{name}s`|
| **LogicalName** | `{name}` |
| **PrimaryIdAttribute** | `{name}id` |

## Writable columns/attributes

### <a name="BKMK_{name}id"></a> {name}id

|Property|Value|
|---|---|
|LogicalName|`{name}id`|
|Type|Uniqueidentifier|
{columns}
## Many-to-One relationships
{many_to_one}"""


CHANNEL = _page(
    "entitlementtemplatechannel",
    columns="""
### <a name="BKMK_EntitlementTemplateId"></a> EntitlementTemplateId

|Property|Value|
|---|---|
|LogicalName|`entitlementtemplateid`|
|Type|Lookup|
|Targets|entitlementchannel|
""",
    many_to_one="""
### <a name="BKMK_rel"></a> entitlementtemplate_entitlementchannel_entitlementtemplateid

|Property|Value|
|---|---|
|ReferencedEntity|`entitlementtemplate`|
|ReferencedAttribute|`entitlementtemplateid`|
|ReferencingAttribute|`entitlementtemplateid`|
""",
)
CHANNEL_LOOKUP_LINE = 23


def test_a_page_s_lookup_contradicting_its_relationship_takes_the_relationship_s_table(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Entitlement Template Channel's page (Dynamics 365, 2025): Targets entitlementchannel,
    its relationship entitlementtemplate. Merged, the lookup was to either table, with no
    foreign key; the relationship is what Dataverse enforces."""
    (workdir / "specs").mkdir()
    (workdir / "specs" / "entitlementtemplatechannel.md").write_text(CHANNEL, encoding="utf-8")
    (workdir / "specs" / "entitlementtemplate.md").write_text(
        _page("entitlementtemplate"), encoding="utf-8"
    )
    code, _, err = run(capsys, "generate", "--no-cache")
    assert code == 0
    [line] = _coded(err, CONTRADICTED)
    assert line.startswith(
        f"specs/entitlementtemplatechannel.md:{CHANNEL_LOOKUP_LINE}: warning: lookup "
        "entitlementtemplatechannel.entitlementtemplateid: its Targets 'entitlementchannel' is "
        "not the table its relationship "
        "'entitlementtemplate_entitlementchannel_entitlementtemplateid' references "
        "('entitlementtemplate')"
    )
    model = (workdir / "generated" / "model" / "entitlementtemplatechannel.yaml").read_text()
    assert "  targets:\n  - entitlementtemplate\n" in model and "entitlementchannel\n" not in model
    assert _foreign_keys(workdir / "generated", "entitlementtemplatechannel") == [
        ("entitlementtemplateid", "entitlementtemplate")
    ]


def _lookup_table(targets: tuple[str, ...], referenced: tuple[str, ...], kind: ColumnType) -> Table:
    relationships = tuple(
        OneToManyRelationship(f"rel_{name}", referenced_entity=name, referencing_attribute="x_ref")
        for name in referenced
    )
    return Table(
        logical_name="x_thing",
        schema_name="x_Thing",
        primary_id_attribute="x_thingid",
        columns=(
            Column("x_thingid", "x_ThingId", ColumnType.UNIQUEIDENTIFIER),
            Column("x_ref", "x_Ref", kind, targets=targets),
        ),
        relationships=Relationships(many_to_one=relationships),
    )


@pytest.mark.parametrize(
    ("targets", "referenced", "kind", "resolved"),
    [
        (("account",), ("contact",), ColumnType.LOOKUP, ("contact",)),  # contradicted
        (("account",), ("account",), ColumnType.LOOKUP, ("account",)),
        # activitymimeattachment.objectid: a lookup to activitypointer holds every activity,
        # each related by its own relationship (msdyn_bookingalert: no list holds them all)
        (("activitypointer",), ("email", "msdyn_bookingalert"), ColumnType.LOOKUP, None),
        (("email",), ("activitypointer",), ColumnType.LOOKUP, None),
        # dynamicproperty.regardingobjectid: Targets product, relationships to product and
        # productassociation: a polymorphic lookup whose Targets is short, not a contradiction
        (("product",), ("product", "productassociation"), ColumnType.LOOKUP, None),
        (("account",), ("contact",), ColumnType.CUSTOMER, None),  # only single Lookups
        (("account", "team"), ("contact",), ColumnType.LOOKUP, None),
    ],
)
def test_only_a_single_target_contradicted_by_all_its_relationships_is_changed(
    targets: tuple[str, ...],
    referenced: tuple[str, ...],
    kind: ColumnType,
    resolved: tuple[str, ...] | None,
) -> None:
    diagnostics = Diagnostics()
    [table] = resolve([_lookup_table(targets, referenced, kind)], diagnostics).tables
    column = table.column("x_ref")
    assert column is not None and column.targets == (resolved or targets)
    warned = _coded("\n".join(map(str, diagnostics)), CONTRADICTED)
    assert bool(warned) == (resolved is not None and resolved != targets)


WORKFLOW = """\
name: CI
on:
  push:
    branches: [main]
jobs:
  test:
    runs-on: ubuntu-latest
"""


def test_a_stray_workflow_file_has_all_its_unknown_keys_named_in_one_message(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "specs" / "ci.yaml").write_text(WORKFLOW, encoding="utf-8")
    code, _, err = run(capsys, "generate")
    assert code == 2 and not (project / "generated").exists()
    [unknown] = [line for line in err.splitlines() if "unknown key" in line]
    assert unknown.startswith(
        "specs/ci.yaml:1: error: top level: unknown keys 'name', 'on', 'jobs' (known: added_by, "
        "collection_schema_name, columns, "
    )


def test_unknown_keys_of_a_column_are_named_in_file_order_with_their_suggestions(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    many = "".join(f", k{n:02}: 1" for n in range(12))
    column = "  - {logical_name: new_x, schema_name: new_X, type: String, colour: red, "
    _write(workdir, new_order=ORDER + column + f"max_lenght: 9{many}}}\n")
    code, _, err = run(capsys, "generate")
    [line] = [line for line in err.splitlines() if "unknown key" in line]
    assert code == 2 and line.startswith(
        "specs/new_order.yaml:8: error: columns.2: unknown keys 'colour', 'max_lenght' (did you "
        "mean 'max_length'?), 'k00', 'k01', 'k02', 'k03', 'k04', 'k05', 'k06', 'k07' and 4 more "
        "(known: added_by, "
    )


def test_a_misspelt_customizes_is_still_named_alone(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its siblings (``changes``) are unknown only to a table spec, and right."""
    _write(workdir, new_layer="customises: account\nchanges:\n  name: {max_length: 9}\nfoo: 1\n")
    code, _, err = run(capsys, "generate")
    assert (code, err) == (
        2,
        "specs/new_layer.yaml:1: error: top level: unknown key 'customises' (did you mean "
        "'customizes'?)\n",
    )
