"""Every schema of the corpus and the seed, checked by two independent validators.

python-jsonschema checks each against the 2020-12 metaschema; ajv (npm, strict mode, with our
annotation keywords declared) compiles each. ajv runs once, in one node process, for a whole
set of schemas (``run_ajv``); ``tests/test_pydantic_records.py`` uses it to validate records too.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Sequence
from typing import Any

import jsonschema
import pytest

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.model import TableSet
from dvgen.targets.jsonschema.properties import ANNOTATION_KEYWORDS
from dvgen.targets.jsonschema.target import JsonSchemaTarget
from tests.conftest import ROOT

NODE_MODULES = ROOT / "node_modules"
NO_AJV = "node or node_modules/ajv, ajv-formats are absent; scripts/test installs them (npm ci)"
needs_ajv = pytest.mark.skipif(
    shutil.which("node") is None
    or not (NODE_MODULES / "ajv").is_dir()
    or not (NODE_MODULES / "ajv-formats").is_dir(),
    reason=NO_AJV,
)

AJV_SCRIPT = r"""
const path = require("path");
const modules = process.argv[1];
const Ajv2020 = require(path.join(modules, "ajv/dist/2020")).default;
const addFormats = require(path.join(modules, "ajv-formats"));
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const ajv = new Ajv2020({strict: true, allErrors: true});
addFormats(ajv);
for (const keyword of input.keywords) ajv.addKeyword({keyword});
const compiled = [], errors = [];
// every schema first, so that a $ref to another table's schema ($expand) resolves
input.schemas.forEach((schema, i) => {
  try { ajv.addSchema(schema); }
  catch (e) { errors.push([i, String(e.message)]); }
});
input.schemas.forEach((schema, i) => {
  try { compiled[i] = schema.$id ? ajv.getSchema(schema.$id) : ajv.compile(schema); }
  catch (e) { errors.push([i, String(e.message)]); }
});
const results = input.records.map(([i, record]) =>
  compiled[i] ? (compiled[i](record) ? null : JSON.stringify(compiled[i].errors)) : "not compiled");
process.stdout.write(JSON.stringify({errors, results}));
"""


def run_ajv(
    schemas: list[dict[str, Any]],
    records: Sequence[tuple[int, Any]] = (),
    keywords: tuple[str, ...] = ANNOTATION_KEYWORDS,
) -> tuple[list[tuple[int, str]], list[str | None]]:
    """Compile ``schemas`` in one ajv (strict); validate each (schema index, record).

    Returns the compile errors and, per record, None (valid) or ajv's errors.
    """
    data = {"schemas": schemas, "records": list(records), "keywords": list(keywords)}
    done = subprocess.run(
        ["node", "-e", AJV_SCRIPT, str(NODE_MODULES)],
        input=json.dumps(data),
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    result = json.loads(done.stdout)
    return [tuple(e) for e in result["errors"]], result["results"]


def render_schemas(tables: TableSet, config: Config | None = None) -> dict[str, dict[str, Any]]:
    diagnostics = Diagnostics()
    files = JsonSchemaTarget(config or Config()).render(tables, diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    return {path: json.loads(text) for path, text in files.items()}


@pytest.fixture(scope="module")
def corpus_schemas(corpus_set: TableSet) -> dict[str, dict[str, Any]]:
    return render_schemas(corpus_set)


@pytest.fixture(scope="module")
def seed_schemas(seed_set: TableSet) -> dict[str, dict[str, Any]]:
    return render_schemas(seed_set)


@pytest.mark.parametrize("which", ["corpus_schemas", "seed_schemas"])
def test_every_schema_passes_the_2020_12_metaschema(
    which: str, request: pytest.FixtureRequest
) -> None:
    schemas: dict[str, dict[str, Any]] = request.getfixturevalue(which)
    assert schemas
    for path, schema in schemas.items():
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", path
        jsonschema.Draft202012Validator.check_schema(schema)


@needs_ajv
@pytest.mark.parametrize("which", ["corpus_schemas", "seed_schemas"])
def test_every_schema_compiles_under_ajv_strict(which: str, request: pytest.FixtureRequest) -> None:
    schemas: dict[str, dict[str, Any]] = request.getfixturevalue(which)
    errors, _ = run_ajv(list(schemas.values()))
    names = list(schemas)
    assert [(names[i], message) for i, message in errors] == []


@needs_ajv
def test_ajv_is_strict_and_our_keywords_need_declaring(seed_schemas: dict[str, Any]) -> None:
    """The harness is no rubber stamp: undeclared, our keywords fail strict compilation."""
    schemas = list(seed_schemas.values())
    errors, _ = run_ajv(schemas, keywords=())
    assert len(errors) == len(schemas)
    assert all("x-dataverse-" in message for _, message in errors)
    errors, _ = run_ajv([{"type": "object", "properties": {"a": {"maxLength": 1}}}])
    assert errors and "strict mode" in errors[0][1]


def test_ids_are_stable_and_distinct(corpus_schemas: dict[str, dict[str, Any]]) -> None:
    ids = [schema["$id"] for schema in corpus_schemas.values()]
    assert len(set(ids)) == len(ids)
    for path, schema in corpus_schemas.items():
        assert schema["$id"] == "https://example.com/dataverse/" + path
