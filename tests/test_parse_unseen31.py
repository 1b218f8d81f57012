"""Variations met in a thirty-first round of real pages outside the corpus (round 31: the pages
and what was found are listed at the end of this docstring once the round is done).

These tests pin, on minimal pages written for the test, what the readers and targets took from
variations that no earlier test held, so that a regression shows."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import etree

from dvgen.cli import main
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
