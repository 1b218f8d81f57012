"""The documents for the seed page alone, the repository's specs/ and every corpus page (with the
seed), checked by tools nobody here wrote: the OASIS CSDL XML schemas (lxml) and the OASIS
``odata-openapi`` converter (Node.js); plus the reference check of test_odata_refs, the
backgroundoperation golden file and ``dvgen generate``/``check``."""

from __future__ import annotations

import json
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from dvgen.cli import main
from dvgen.model import TableSet
from dvgen.platformlinks import PLATFORM_LINKS
from tests.conftest import NO_SHARED, ROOT, VALIDATORS, parse_file, resolve_clean
from tests.golden import assert_golden
from tests.test_odata_refs import unresolved
from tests.test_odata_support import Rendered, render_set

XSD = VALIDATORS / "odata-csdl-xsd" / "edmx.xsd"
NODE_MODULES = ROOT / "node_modules"
CONVERTER = NODE_MODULES / "odata-openapi" / "package.json"
needs_xsd = pytest.mark.skipif(not XSD.is_file(), reason=f"{NO_SHARED} (OASIS edmx.xsd)")
needs_converter = pytest.mark.skipif(
    not CONVERTER.is_file() or shutil.which("node") is None,
    reason="node or node_modules/odata-openapi is absent; scripts/test installs them (npm ci)",
)

CONVERT = """
const path = require("node:path");
const fs = require("node:fs");
const [, modules, source] = process.argv;
const openapiDir = path.join(modules, "odata-openapi");
const { csdl2openapi } = require(openapiDir);
const { xml2json } = require(require.resolve("odata-csdl", { paths: [openapiDir] }));
const parseMessages = [];
const csdl = xml2json(fs.readFileSync(source, "utf8"), { messages: parseMessages });
const messages = [];
const openapi = csdl2openapi(csdl, { messages });
process.stdout.write(JSON.stringify({
  parse: parseMessages.map((m) => String(m.message ?? m)),
  convert: messages.map(String),
  paths: Object.keys(openapi.paths),
  schemas: Object.keys(openapi.components.schemas),
}));
"""


@pytest.fixture(scope="module")
def seed_page() -> Rendered:
    """The seed page alone, as the repository holds it."""
    return render_set(resolve_clean([parse_file(ROOT / "specs" / "backgroundoperation.md")]))


@pytest.fixture(scope="module")
def specs_document(seed_set: TableSet) -> Rendered:
    return render_set(seed_set)


@pytest.fixture(scope="module")
def corpus_document(corpus_set: TableSet) -> Rendered:
    return render_set(corpus_set)


DOCUMENTS = ["seed_page", "specs_document", "corpus_document"]


@cache
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


def xsd_errors(xml: bytes) -> list[str]:
    schema = _schema()
    schema.validate(etree.fromstring(xml))
    return [f"{e.line}: {e.message}" for e in schema.error_log]


def convert(xml: str, tmp_path: Path) -> dict[str, list[str]]:
    source = tmp_path / "metadata.xml"
    source.write_text(xml, encoding="utf-8")
    done = subprocess.run(
        ["node", "-e", CONVERT, str(NODE_MODULES), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    result: dict[str, list[str]] = json.loads(done.stdout)
    return result


@needs_xsd
@pytest.mark.parametrize("name", DOCUMENTS)
def test_document_is_valid_by_the_oasis_schema(name: str, request: pytest.FixtureRequest) -> None:
    doc: Rendered = request.getfixturevalue(name)
    assert xsd_errors(doc.text.encode("utf-8")) == []


@needs_xsd
def test_the_schema_check_rejects_what_csdl_forbids(specs_document: Rendered) -> None:
    """Dataverse's own spelling ``Scale="Variable"`` is one: hence ``variable`` here."""
    assert 'Scale="variable"' in specs_document.text
    dataverse = specs_document.text.replace('Scale="variable"', 'Scale="Variable"')
    assert any("TScaleFacet" in e for e in xsd_errors(dataverse.encode("utf-8")))


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_reference_resolves(name: str, request: pytest.FixtureRequest) -> None:
    doc: Rendered = request.getfixturevalue(name)
    assert unresolved(doc.text.encode("utf-8")) == []


@needs_converter
@pytest.mark.parametrize("name", DOCUMENTS)
def test_odata_openapi_converts_without_warnings(
    name: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    doc: Rendered = request.getfixturevalue(name)
    result = convert(doc.text, tmp_path)
    assert result["parse"] == []
    assert result["convert"] == []
    entity_sets = {s.get("Name") for s in doc.root.iter("{*}EntitySet")}
    assert entity_sets and {f"/{s}" for s in entity_sets} <= set(result["paths"])


@needs_converter
def test_the_converter_reports_what_it_cannot_read(seed_page: Rendered, tmp_path: Path) -> None:
    broken = seed_page.text.replace('Type="Edm.Int32"', 'Type="Edm.Int33"', 1)
    assert "Unknown type: Edm.Int33" in convert(broken, tmp_path)["convert"]


def test_every_table_of_the_corpus_is_declared(
    corpus_document: Rendered, corpus_set: TableSet
) -> None:
    names = set(corpus_document.entity_names())
    sets = {entity for entity, _ in corpus_document.sets().values()}
    for table in corpus_set.tables:
        assert table.logical_name in names
        assert f"Microsoft.Dynamics.CRM.{table.logical_name}" in sets
    assert not corpus_document.diagnostics.has_errors


def test_repository_specs_render_with_only_the_expected_warnings(specs_document: Rendered) -> None:
    expected = [
        *(  # contoso_project's Customer column, with its relationship to each
            f"odata: table '{table}' is not in the set: declared as a placeholder entity type, "
            "with only the key properties its relationships name and no entity set, for "
            f"contoso_project.contoso_customerid_{table}"
            for table in ("account", "contact")
        ),
        "odata: table 'systemuser' is not in the set: declared as a placeholder entity type, "
        "with only the key properties its relationships name and no entity set, for "
        "backgroundoperation.createdby, backgroundoperation.createdonbehalfby, "
        "backgroundoperation.modifiedby, backgroundoperation.modifiedonbehalfby, "
        "contoso_project.createdby, contoso_project.createdonbehalfby, "
        "contoso_project.modifiedby, contoso_project.modifiedonbehalfby and 1 more",
        *(  # the lookups Dataverse creates with contoso_project (dvgen.systemcolumns)
            f"odata: table '{table}' is not in the set: declared as a placeholder entity type, "
            "with only the key properties its relationships name and no entity set, for "
            f"contoso_project.{column}"
            for table, column in (
                ("businessunit", "owningbusinessunit"),
                ("team", "owningteam"),
                ("transactioncurrency", "transactioncurrencyid"),
                # its File column's lookup, and the file store's rows of the table
                # (dvgen.platformlinks.FILE_LINK)
                (
                    "fileattachment",
                    "contoso_charter, contoso_project.contoso_project_FileAttachments",
                ),
            )
        ),
        # its File column's relationship, whose navigation property is the column's name
        "odata: navigation property 'contoso_charter' of 'contoso_project' (relationship "
        "'FileAttachment_contoso_Project_contoso_Charter') is left out: its type already has a "
        "member of that name, the file column itself",
        *(  # the tables of Dataverse related to every table it creates (dvgen.platformlinks)
            f"odata: table '{table}' is not in the set: declared as a placeholder entity type, "
            "with only the key properties its relationships name and no entity set, for "
            f"contoso_project.contoso_project_{plural}"
            for table, _, plural in PLATFORM_LINKS
        ),
    ]
    assert sorted(specs_document.warnings) == sorted(expected)


def _element(text: str, start: str, end: str) -> str:
    begin = text.index(start)
    return text[begin : text.index(end, begin) + len(end)]


@pytest.mark.golden
def test_backgroundoperation_entity_type(specs_document: Rendered) -> None:
    """Reviewed by hand against Microsoft's Web API reference ``backgroundoperation EntityType``
    (base crmbaseentity, key backgroundoperationid, its 25 properties and their types) and the
    table reference page's relationships: see docs/odata.md."""
    text = specs_document.text
    entity = _element(text, '      <EntityType Name="backgroundoperation"', "</EntityType>\n")
    entity_set = _element(text, '        <EntitySet Name="backgroundoperations"', "</EntitySet>\n")
    assert_golden("odata/backgroundoperation.xml", entity + entity_set)


def test_generate_writes_and_check_covers_the_document(workdir: Path) -> None:
    args = ["--specs", str(ROOT / "specs"), "--out", "out", "--target", "odata", "--no-cache", "-q"]
    assert main(["generate", *args]) == 0
    written = workdir / "out" / "odata" / "metadata.xml"
    assert written.read_bytes().startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert main(["check", *args]) == 0
    written.write_text(written.read_text(encoding="utf-8").replace("mscrm", "crm"), "utf-8")
    assert main(["check", *args]) == 1
    (workdir / "out" / "odata" / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["generate", *args]) == 0
    assert main(["check", *args]) == 0
    assert (workdir / "out" / "odata" / "notes.txt").is_file()


def test_the_repository_generated_folder_holds_the_current_document(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (ROOT / "generated" / "odata" / "metadata.xml").is_file(), "run dvgen generate"
    monkeypatch.chdir(ROOT)
    assert main(["check", "--target", "odata", "--no-cache", "-q"]) == 0, capsys.readouterr().out
