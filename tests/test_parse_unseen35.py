"""Variations met in a thirty-fifth round of real pages outside the corpus: fourteen current
MicrosoftDocs/powerapps-docs pages (``powerapps-docs/developer/data-platform/reference/
entities/``), drawn with random.Random(35) from the reference's table of contents less the
corpus and the tables earlier rounds used, passing over pages beyond ~40,000 characters
(recurringappointmentmaster, msdyn_pminferredtask). Examined, in that order: msdyn_
knowledgeconfiguration (G2b), fxexpression (G2, Boolean "True Label"/"False Label" rows),
msdyn_knowledgeinteractioninsight (2023, a Double), indexattributes (G2, no Messages),
msdyn_evalresult (G3, ``\\_`` escapes in a description, a
Decimal of 1e11), mspp_entitypermission (2024 G1, a self-referencing many-to-many),
msdyn_analysisresult (2021, SchemaName-cased lookup navigation properties), ribbonmetadatatoprocess
(2023, empty PrimaryNameAttribute, mixed-case EntitySetName), controlconfiguration (G3, a Memo
of 1,073,741,823 characters, a lookup named ``attribute``), privilegecheckerlog (G2b, one writable
column without its bullet list, a DefaultFormValue no choice holds), msdyn_dmssyncrequest (G2b),
synapselinkschedule (G2b, columns ``type`` and ``profile``), searchrelationshipsettings (G2,
Events) and entityindex (G2). Their CSDL
was compared with Microsoft's EntityTypes (dynamics365-docs-odata-apis) for
msdyn_knowledgeinteractioninsight, msdyn_analysisresult and ribbonmetadatatoprocess: every
property, type, navigation property and partner as Microsoft's.

One fault was fixed: ribbonmetadatatoprocess's page prints the EntitySetName
``RibbonMetadataSetToProcess``, which dvgen declared as the entity set, while the Web API's
$metadata declares ``ribbonmetadatasettoprocess`` (Microsoft's EntityType page; the $metadata
excerpt of MicrosoftDocs/powerapps-docs issue 1287, which finds knowledgearticlescategory's
``KnowledgeArticleCategories`` declared ``knowledgearticlecategories`` the same way). Round 31
had met delegatedauthorization's ``DelegatedAuthorizations`` (Microsoft's page:
``delegatedauthorizations``) and left it. The entity set, its bindings and the ``@odata.bind``
URLs the JSON Schema and pydantic models accept now take the name in lower case; the model keeps
the page's, and the gate takes a change of its case only as ``facet-changed``, not a rename.

The tests write minimal pages of their own, in the layout of the real ones."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import jsonschema
import pydantic
import pytest
from lxml import etree

from dvgen.cli import main
from dvgen.evolve.diff import diff_sets
from tests.pages import resolved
from tests.test_odata_tools import xsd_errors

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"


def _column(schema: str, logical: str, kind: str, extra: str = "") -> str:
    return (
        f'### <a name="BKMK_{schema}"></a> {schema}\n\n|Property|Value|\n|--------|-----|\n'
        f"|Description||\n|DisplayName|{schema}|\n|IsValidForForm|True|\n|IsValidForRead|True|\n"
        f"|LogicalName|{logical}|\n|RequiredLevel|None|\n{extra}|Type|{kind}|\n\n\n"
    )


def _page(logical: str, entity_set: str, columns: str, tail: str = "") -> str:
    """A 2023 page (``| Microsoft Docs`` title, plain Properties table)."""
    return (
        f'---\ntitle: "{logical} table/entity reference (Microsoft Dataverse) | Microsoft Docs"\n'
        f"ms.date: 02/15/2023\n---\n\n# {logical} table/entity reference\n\nA table.\n\n\n"
        "## Properties\n\n|Property|Value|\n|--------|-----|\n"
        f"|CollectionSchemaName|{logical}es|\n|EntitySetName|{entity_set}|\n"
        f"|LogicalCollectionName|{logical}es|\n|LogicalName|{logical}|\n|OwnershipType|None|\n"
        f"|PrimaryIdAttribute|{logical}id|\n|PrimaryNameAttribute||\n|SchemaName|{logical}|\n\n"
        '<a name="writable-attributes"></a>\n\n## Writable columns/attributes\n\n'
        "These columns/attributes return true for either **IsValidForCreate** or "
        "**IsValidForUpdate** (usually both). Listed by **SchemaName**.\n\n"
        + _column(f"{logical}Id", f"{logical}id", "Uniqueidentifier")
        + columns
        + tail
    )


# ribbonmetadatatoprocess (02/15/2023): |EntitySetName|RibbonMetadataSetToProcess|
RIBBON = _page("x_ribbon", "X_RibbonSetToProcess", "")
LOG = _page(
    "x_log",
    "x_logs",
    _column("x_ribbonid", "x_ribbonid", "Lookup", "|Targets|x_ribbon|\n"),
    '<a name="manytoone"></a>\n\n## Many-To-One Relationships\n\n'
    "Each Many-To-One relationship is defined by a corresponding One-To-Many relationship "
    "with the related table. Listed by **SchemaName**.\n\n\n"
    '### <a name="BKMK_x_ribbon_x_log"></a> x_ribbon_x_log\n\n'
    "See the [x_ribbon_x_log](x_ribbon.md#BKMK_x_ribbon_x_log) one-to-many relationship for "
    "the [x_ribbon](x_ribbon.md) table/entity.\n",
)
KEY = "00000000-0000-0000-0000-000000000001"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("unseen35")
    folder = base / "specs"
    folder.mkdir()
    (folder / "x_ribbon.md").write_text(RIBBON)
    (folder / "x_log.md").write_text(LOG)
    target = base / "out"
    assert main(["generate", "--specs", str(folder), "--out", str(target), "--no-cache", "-q"]) == 0
    return target


def test_entity_set_is_the_web_api_s_lower_case_name(out: Path) -> None:
    """$metadata declares the entity set ``x_ribbonsettoprocess`` and binds the lookup's
    navigation property to it; the model keeps the page's EntitySetName. Before, the entity set
    was ``X_RibbonSetToProcess``, a name the Web API does not serve."""
    xml = (out / "odata" / "metadata.xml").read_bytes()
    assert xsd_errors(xml) == []
    root = etree.fromstring(xml)
    sets = {s.get("Name"): s for s in root.iter(f"{EDM}EntitySet")}
    assert set(sets) == {"x_ribbonsettoprocess", "x_logs"}
    bindings = {
        b.get("Path"): b.get("Target")
        for b in sets["x_logs"].iter(f"{EDM}NavigationPropertyBinding")
    }
    assert bindings == {"x_ribbonid": "x_ribbonsettoprocess"}
    model = (out / "model" / "x_ribbon.yaml").read_text()
    assert "entity_set_name: X_RibbonSetToProcess\n" in model


def test_json_schema_binds_the_lookup_by_the_web_api_s_url(out: Path) -> None:
    schema = json.loads((out / "jsonschema" / "x_log.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid({"x_ribbonid@odata.bind": f"/x_ribbonsettoprocess({KEY})"})
    assert not validator.is_valid({"x_ribbonid@odata.bind": f"/X_RibbonSetToProcess({KEY})"})


def test_pydantic_binds_the_lookup_by_the_web_api_s_url(out: Path) -> None:
    sys.path.insert(0, str(out / "pydantic"))
    try:
        for name in [m for m in sys.modules if m.startswith("dataverse_models")]:
            del sys.modules[name]
        module = importlib.import_module("dataverse_models.x_log")
        model = module.XLog
        model.model_validate({"x_ribbonid@odata.bind": f"/x_ribbonsettoprocess({KEY})"})
        with pytest.raises(pydantic.ValidationError):
            model.model_validate({"x_ribbonid@odata.bind": f"/X_RibbonSetToProcess({KEY})"})
    finally:
        sys.path.remove(str(out / "pydantic"))
        for name in [m for m in sys.modules if m.startswith("dataverse_models")]:
            del sys.modules[name]


def test_a_change_of_case_of_the_entity_set_name_is_no_rename() -> None:
    """The Web API's entity set is the same (``x_ribbonsettoprocess``), its URLs too: the gate
    takes the change as ``facet-changed``, safe, not ``entity-set-renamed``, breaking; a change
    of name stays a rename."""
    old = resolved(("x_ribbon.md", RIBBON))[0]
    lower = resolved(
        ("x_ribbon.md", RIBBON.replace("X_RibbonSetToProcess", "x_ribbonsettoprocess"))
    )
    renamed = resolved(("x_ribbon.md", RIBBON.replace("X_RibbonSetToProcess", "x_ribbons")))
    assert lower[1] == renamed[1] == []
    assert [(c.path, c.rule) for c in diff_sets(old, lower[0])] == [
        (("entity_set_name",), "facet-changed")
    ]
    assert [(c.path, c.rule) for c in diff_sets(old, renamed[0])] == [
        (("entity_set_name",), "entity-set-renamed")
    ]
