"""Variations met in a thirty-first round of real pages outside the corpus, drawn at random (seed
31, names that suggest rarer features weighted three to one) from the 629 table pages of
powerapps-docs' entities table of contents, less the corpus, the seed, rounds 28 to 30 and every
name in these tests: the first 17 in that order (msdyn_insightsstorevirtualentity,
aipluginusersetting, flowlog, dvfilesearchattribute, synapselinkprofile, certificatecredential,
delegatedauthorization, sensitivitylabelattributemapping, attributeclusterconfig,
mspcat_catalogsubmissionfiles, virtualentitymetadata, msdyn_harvesteligibilitycondition,
transformationmapping, lookupmapping, appactionrule, trait, catalogassignment: pages of 2023,
2024 and the generated reference, 9k to 36k characters, Elastic tables of OwnershipType None and
UserOwned, polymorphic lookups, a File column, BigInt and Double columns), sharedlinksetting from
a first draw, and, drawn the same way from the generated Dynamics 365 reference,
bookableresourcecategory, contactquotes (an intersect table), entitystorageprofile (writable
BigInt columns, a Boolean without labels) and businessprocess (an extension page holding one
relationship, run over a minimal base page). Each
page was rebuilt byte for byte (its length checked against the tool's), run alone, with the
corpus, then all together, through every target and the real tools (sqlite3, PostgreSQL 15,
sqlglot, the OASIS CSDL schema, the JSON Schema metaschema, the pydantic package validating a
record), and compared with Microsoft's Web API EntityTypes where the docs hold them.

Two faults were fixed. A blank String named ``<lookup>pid`` (flowlog's ``cloudflowrunidpid``, and
the corpus's agentprompt ``agenticscenariopid``) was taken for a name companion of its lookup and
left out of $metadata, the JSON Schema and the pydantic model, while Microsoft's EntityTypes list
it as an Edm.String property. And a State or Status column whose page prints the GlobalChoiceName
``statecode``/``statuscode`` (msdyn_harvesteligibilitycondition) shared one merged option set
with every other such table in the record targets, though Dataverse keeps states and status
reasons in their table. The other tests pin, on minimal pages written for the test, what the
readers and targets took from variations that no earlier test held, so that a regression shows.

Seen and left as it is: delegatedauthorization's page prints the EntitySetName
``DelegatedAuthorizations`` (and its messages use it) while Microsoft's Web API EntityType page
gives the entity set path ``delegatedauthorizations``; dvgen kept the page's name (round 35
takes the Web API's, in lower case, for the entity set: tests/test_parse_unseen35). A 2023 page
that states no navigation property name for a lookup gets the lookup's logical name
(appactionrule's ``contextentity``), as Microsoft's navigation-properties article describes, though
appaction's newer page names its twin ``ContextEntity``."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from lxml import etree
from pydantic import ValidationError

from dvgen.cli import main
from tests.pages import table
from tests.test_pydantic import imported

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"


def _column(schema: str, rows: str) -> str:
    return f'### <a name="BKMK_{schema}"></a> {schema}\n\n|Property|Value|\n|---|---|\n{rows}\n\n'


def _page(logical: str, kind: str, ownership: str, columns: str, relationships: str = "") -> str:
    """A page of the generated reference (2024 on): bold keys, backticked values."""
    return (
        "---\nms.topic: generated-reference\n---\n\n"
        f"# {logical} ({logical}) table/entity reference (Microsoft Dataverse)\n\n"
        "## Properties\n\n|Property|Value|\n| --- | --- |\n"
        f"| **SchemaName** | `{logical}` |\n| **EntitySetName** | `{logical}s`|\n"
        f"| **LogicalName** | `{logical}` |\n| **PrimaryIdAttribute** | `{logical}id` |\n"
        f"| **TableType** | `{kind}` |\n| **OwnershipType** | `{ownership}` |\n\n"
        "## Writable columns/attributes\n\n"
        + _column(
            f"{logical}Id",
            f"|LogicalName|`{logical}id`|\n|RequiredLevel|SystemRequired|\n|Type|Uniqueidentifier|",
        )
        + columns
        + relationships
    )


def _generate(tmp_path: Path, pages: dict[str, str]) -> Path:
    folder = tmp_path / "specs"
    folder.mkdir(exist_ok=True)
    for name, text in pages.items():
        (folder / name).write_text(text)
    out = tmp_path / "out"
    argv = ["generate", "--specs", str(folder), "--out", str(out), "--no-cache", "-q"]
    assert main(argv) == 0
    return out


def _entity(out: Path, name: str) -> etree._Element:
    root = etree.parse(str(out / "odata" / "metadata.xml")).getroot()
    return next(e for e in root.iter(f"{EDM}EntityType") if e.get("Name") == name)


def _m2o(name: str, target: str, attribute: str, navigation: str, delete: str = "NoCascade") -> str:
    cascade = "<br />".join(
        f"{key}: `{delete if key == 'Delete' else 'NoCascade'}`"
        for key in ("Archive", "Assign", "Delete", "Merge", "Reparent", "RollupView", "Share")
    )
    return (
        f'### <a name="BKMK_{name}"></a> {name}\n\n'
        f"One-To-Many Relationship: [{target} {name}]({target}.md#BKMK_{name})\n\n"
        f"|Property|Value|\n|---|---|\n|ReferencedEntity|`{target}`|\n"
        f"|ReferencedAttribute|`{target}id`|\n|ReferencingAttribute|`{attribute}`|\n"
        f"|ReferencingEntityNavigationPropertyName|`{navigation}`|\n|IsHierarchical||\n"
        f"|CascadeConfiguration|{cascade}|\n\n"
    )


# flowlog (generated reference, Elastic): beside the lookup ``cloudflowrunid`` to the elastic
# flowrun, a blank String ``cloudflowrunidPId`` (no description, no display name, not valid for
# forms) holds the partition id of the row the lookup references. Dataverse exposes it: the Web
# API's flowlog EntityType lists ``cloudflowrunidpid`` (Edm.String) beside
# ``_cloudflowrunid_value``, and agentprompt's lists ``agenticscenariopid``. dvgen took it for a
# name companion of the lookup (a blank String named after the lookup's stem, as ``slaname`` is
# for ``slaid``) and left it out of $metadata, the JSON Schema and the pydantic model.
RUNLOG = _page(
    "x_runlog",
    "Elastic",
    "None",
    _column(
        "x_runid",
        "|Description|**The run this log is linked to.**|\n|DisplayName|**Run Id**|\n"
        "|IsValidForForm|True|\n|IsValidForRead|True|\n|LogicalName|`x_runid`|\n"
        "|RequiredLevel|None|\n|Type|Lookup|\n|Targets|x_run|",
    )
    + _column(
        "x_runidPId",
        "|Description||\n|DisplayName||\n|IsValidForForm|False|\n|IsValidForRead|True|\n"
        "|LogicalName|`x_runidpid`|\n|RequiredLevel|None|\n|Type|String|\n|Format|Text|\n"
        "|FormatName|Text|\n|ImeMode|Auto|\n|IsLocalizable|False|\n|MaxLength|100|",
    )
    + _column(
        "x_runidName",
        "|Description||\n|DisplayName||\n|IsValidForForm|False|\n|IsValidForRead|True|\n"
        "|LogicalName|`x_runidname`|\n|RequiredLevel|None|\n|Type|String|\n|Format|Text|\n"
        "|FormatName|Text|\n|ImeMode|Auto|\n|IsLocalizable|False|\n|MaxLength|100|",
    ),
    "## Many-to-One relationships\n\n"
    + _m2o("x_run_x_runlog_x_runid", "x_run", "x_runid", "x_runid"),
)


def test_a_lookups_partition_id_column_is_a_web_api_property(tmp_path: Path) -> None:
    out = _generate(tmp_path, {"x_runlog.md": RUNLOG})
    props = {p.get("Name"): p.get("Type") for p in _entity(out, "x_runlog").iter(f"{EDM}Property")}
    assert props["x_runidpid"] == "Edm.String"
    assert props["_x_runid_value"] == "Edm.Guid"
    assert "x_runidname" not in props  # the lookup's name companion stays an annotation
    schema = json.loads((out / "jsonschema" / "x_runlog.schema.json").read_text())
    assert "x_runidpid" in schema["properties"]
    assert "x_runidname" not in schema["properties"]
    with imported({}, out / "pydantic", "dataverse_models") as models:
        record = models.XRunlog.model_validate({"x_runidpid": "device-7"})
        dumped = record.model_dump(mode="json", by_alias=True, exclude_unset=True)
        assert dumped == {"x_runidpid": "device-7"}


def _states(logical: str, states: str, statuses: str) -> str:
    """A table whose State and Status columns print the GlobalChoiceName ``statecode`` and
    ``statuscode``, as msdyn_harvesteligibilitycondition's 2025 page does."""
    return _page(
        logical,
        "Standard",
        "OrganizationOwned",
        _column(
            "statecode",
            "|LogicalName|`statecode`|\n|RequiredLevel|SystemRequired|\n|Type|State|\n"
            "|DefaultFormValue||\n|GlobalChoiceName|`statecode`|\n\n"
            f"#### statecode Choices/Options\n\n|Value|Details|\n|---|---|\n{states}",
        )
        + _column(
            "statuscode",
            "|LogicalName|`statuscode`|\n|RequiredLevel|None|\n|Type|Status|\n"
            "|DefaultFormValue||\n|GlobalChoiceName|`statuscode`|\n\n"
            f"#### statuscode Choices/Options\n\n|Value|Details|\n|---|---|\n{statuses}",
        ),
    )


def _state(value: int, label: str, status: int) -> str:
    return (
        f"|{value}|Label: **{label}**<br />DefaultStatus: {status}<br />InvariantName: `{label}`|\n"
    )


def _status(value: int, label: str, state: int) -> str:
    return f"|{value}|Label: **{label}**<br />State:{state}<br />TransitionData: None|\n"


# msdyn_harvesteligibilitycondition (2025): its State and Status columns print the
# GlobalChoiceName ``statecode`` and ``statuscode``, not ``<table>_statecode``. Dataverse keeps a
# table's states and status reasons in the table ("StatusAttributeMetadata attributes always use
# local option sets"), but dvgen took the name for a global choice: with a second such table in
# the set, each table's record targets accepted the other's states and reasons (the union, with
# four global-choice-differs warnings), and pydantic named one shared ``Statecode`` enum.
DEAL_STATES = _state(0, "Open", 1) + _state(1, "Won", 3) + _state(2, "Lost", 4)
DEAL_REASONS = _status(1, "Open", 0) + _status(3, "Won", 1) + _status(4, "Lost", 2)
NOTE_STATES = _state(0, "Active", 1) + _state(1, "Inactive", 2)
NOTE_REASONS = _status(1, "Active", 0) + _status(2, "Inactive", 1)


def test_state_and_status_options_stay_their_tables_own(tmp_path: Path) -> None:
    pages = {
        "x_deal.md": _states("x_deal", DEAL_STATES, DEAL_REASONS),
        "x_note.md": _states("x_note", NOTE_STATES, NOTE_REASONS),
    }
    out = _generate(tmp_path, pages)
    schema = json.loads((out / "jsonschema" / "x_note.schema.json").read_text())
    states = [o.get("const") for o in schema["properties"]["statecode"]["oneOf"]]
    reasons = [o.get("const") for o in schema["properties"]["statuscode"]["oneOf"]]
    assert (states, reasons) == ([0, 1, None], [1, 2, None])
    with imported({}, out / "pydantic", "dataverse_models") as models:
        models.XNote.model_validate({"statecode": 1, "statuscode": 2})
        for wrong in ({"statecode": 2}, {"statuscode": 4}):  # x_deal's Lost
            with pytest.raises(ValidationError):
                models.XNote.model_validate(wrong)
        models.XDeal.model_validate({"statecode": 2, "statuscode": 4})


# flowlog (generated reference, Elastic, OwnershipType None): the polymorphic parentobjectid's
# relationships name the navigation properties unevenly, ``parentobjectid_flowmachinegroup``,
# plain ``parentobjectid`` for flowsession and ``parentobjectid_workqueue``, each Delete Cascade.
# Each is kept as the page names it, all three constrained by ``_parentobjectid_value``; SQL
# gives the column no key (one column cannot reference three tables) but keeps it NOT NULL.
PARENTS = ("x_group", "x_session", "x_queue")
LOG = _page(
    "x_log",
    "Elastic",
    "None",
    _column(
        "x_parentid",
        "|Description|**The id of the parent object.**|\n|LogicalName|`x_parentid`|\n"
        "|RequiredLevel|SystemRequired|\n|Type|Lookup|\n|Targets|x_group, x_session, x_queue|",
    )
    + _column(
        "x_parentidIdType",
        "|LogicalName|`x_parentididtype`|\n|RequiredLevel|None|\n|Type|EntityName|",
    ),
    "## Many-to-One relationships\n\n"
    + _m2o("x_group_x_log_x_parentid", "x_group", "x_parentid", "x_parentid_x_group", "Cascade")
    + _m2o("x_session_x_log_x_parentid", "x_session", "x_parentid", "x_parentid", "Cascade")
    + _m2o("x_queue_x_log_x_parentid", "x_queue", "x_parentid", "x_parentid_x_queue", "Cascade"),
)


def test_a_polymorphic_lookup_whose_navigation_names_are_uneven(tmp_path: Path) -> None:
    out = _generate(tmp_path, {"x_log.md": LOG})
    navs = {
        n.get("Name"): (n.get("Type"), n.find(f"{EDM}ReferentialConstraint").get("Property"))
        for n in _entity(out, "x_log").iter(f"{EDM}NavigationProperty")
    }
    assert navs == {
        "x_parentid_x_group": ("mscrm.x_group", "_x_parentid_value"),
        "x_parentid": ("mscrm.x_session", "_x_parentid_value"),
        "x_parentid_x_queue": ("mscrm.x_queue", "_x_parentid_value"),
    }
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA foreign_keys = ON")
    db.executescript((out / "sql" / "sqlite" / "schema.sql").read_text())
    insert = 'INSERT INTO "x_log" ("x_logid", "x_parentid") VALUES (?, ?)'
    db.execute(
        insert, ("00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-0000000000aa")
    )
    with pytest.raises(sqlite3.IntegrityError):  # SystemRequired
        db.execute(insert, ("00000000-0000-0000-0000-000000000002", None))


# attributeclusterconfig (generated reference): its primary name column ``name`` is listed among
# the read-only columns (not valid for create nor update), which no earlier page did; the record
# targets mark the primary name read only.
CLUSTER = (
    _page("x_cluster", "Standard", "OrganizationOwned", "").replace(
        "| **PrimaryIdAttribute** | `x_clusterid` |\n",
        "| **PrimaryIdAttribute** | `x_clusterid` |\n| **PrimaryNameAttribute** |`name` |\n",
    )
    + "## Read-only columns/attributes\n\n"
    + _column(
        "Name",
        "|Description|**The name of the  settings.**|\n|DisplayName|**Name**|\n"
        "|IsValidForForm|True|\n|IsValidForRead|True|\n|LogicalName|`name`|\n"
        "|RequiredLevel|None|\n|Type|String|\n|Format|Text|\n|MaxLength|100|",
    )
)


def test_a_read_only_primary_name(tmp_path: Path) -> None:
    cluster = table(CLUSTER)
    name = next(c for c in cluster.columns if c.logical_name == "name")
    assert cluster.primary_name_attribute == "name"
    assert (name.valid_for_create, name.valid_for_update) == (False, False)
    out = _generate(tmp_path, {"x_cluster.md": CLUSTER})
    schema = json.loads((out / "jsonschema" / "x_cluster.schema.json").read_text())
    assert schema["properties"]["name"]["readOnly"] is True


# aipluginusersetting (2024 of the 2023 layout): a Lookup whose logical name is its target's,
# ``systemuser`` to systemuser (relationship AIPluginUserSetting_SystemUser_Syst, a "See the"
# line only). Its navigation property takes the lookup's name and points at systemuser.
USERSETTING = _page(
    "x_usersetting",
    "Standard",
    "UserOwned",
    _column(
        "SystemUser",
        "|DisplayName|**User**|\n|LogicalName|`systemuser`|\n|RequiredLevel|ApplicationRequired|\n"
        "|Type|Lookup|\n|Targets|systemuser|",
    ),
    "## Many-to-One relationships\n\n"
    + _m2o("x_usersetting_systemuser_syst", "systemuser", "systemuser", "systemuser"),
)


def test_a_lookup_named_as_its_target_table(tmp_path: Path) -> None:
    out = _generate(tmp_path, {"x_usersetting.md": USERSETTING})
    entity = _entity(out, "x_usersetting")
    nav = next(n for n in entity.iter(f"{EDM}NavigationProperty") if n.get("Name") == "systemuser")
    assert (nav.get("Type"), nav.get("Partner")) == (
        "mscrm.systemuser",
        "x_usersetting_systemuser_syst",
    )
    props = [p.get("Name") for p in entity.iter(f"{EDM}Property")]
    assert "_systemuser_value" in props and "systemuser" not in props
