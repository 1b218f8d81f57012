"""Peers side by side: LinkML's generators and datamodel-code-generator against dvgen's matching
targets, each a whole process from start to exit, on the same tables.

The peers read structured input, so dvgen runs twice: from the reference pages, and like for
like from its own canonical YAML (``OUT/model``, the model target's output, read back as specs).
LinkML reads a schema derived here from that canonical model (benchmark code only: classes for
tables, attributes typed by column type, the primary key as identifier, lookups as references to
the classes of the set, choices as enums); datamodel-code-generator reads dvgen's JSON Schemas.
Used by ``bench.py --peers``.
"""

from __future__ import annotations

import math
import re
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

BIN = Path(sys.executable).parent
RANGES = {
    "BigInt": "integer",
    "Boolean": "boolean",
    "DateTime": "datetime",
    "Decimal": "decimal",
    "Double": "float",
    "Integer": "integer",
    "Money": "decimal",
    "Uniqueidentifier": "string",
}
"""LinkML range of each column type; any other type is a string (or a class, or an enum)."""
Measure = Callable[[list[str], Path], tuple[float, float, float, str]]


def _name(text: str) -> str:
    """A LinkML element name: letters, digits and underscores."""
    return re.sub(r"[^A-Za-z0-9_]", "_", text) or "_"


def _attribute(column: dict[str, Any], classes: dict[str, str], enums: dict[str, Any]) -> Any:
    kind = column.get("type", "String")
    slot: dict[str, Any] = {"range": RANGES.get(kind, "string")}
    targets = [t for t in column.get("targets", []) if t in classes]
    if kind in ("Lookup", "Customer", "Owner") and len(targets) == 1:
        slot["range"] = classes[targets[0]]
    choices = column.get("choices") or []
    if choices and kind in ("Picklist", "State", "Status", "MultiSelectPicklist"):
        name = _name(f"{column['logical_name']}_{len(enums)}_enum")
        enums[name] = {
            "permissible_values": {
                f"v{c['value']}": {"description": str(c.get("label", ""))} for c in choices
            }
        }
        slot["range"] = name
        slot["multivalued"] = kind == "MultiSelectPicklist"
    if column.get("description"):
        slot["description"] = str(column["description"])
    return slot


def linkml_schema(model: Path, target: Path) -> None:
    """A LinkML schema of every table of dvgen's canonical YAML in ``model``."""
    tables = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(model.glob("*.yaml"))]
    classes = {t["logical_name"]: _name(t["schema_name"]) for t in tables}
    enums: dict[str, Any] = {}
    schema: dict[str, Any] = {
        "id": "https://example.org/dvgen-bench",
        "name": "dvgen_bench",
        "prefixes": {"linkml": "https://w3id.org/linkml/"},
        "imports": ["linkml:types"],
        "default_range": "string",
        "classes": {},
        "enums": enums,
    }
    for table in tables:
        attributes: dict[str, Any] = {}
        for column in table.get("columns", []):
            slot = _attribute(column, classes, enums)
            if column["logical_name"] == table.get("primary_id_attribute"):
                slot["identifier"] = True
            attributes[_name(column["logical_name"])] = slot
        entry: dict[str, Any] = {"attributes": attributes}
        if table.get("description"):
            entry["description"] = str(table["description"])
        schema["classes"][classes[table["logical_name"]]] = entry
    target.write_text(yaml.safe_dump(schema, sort_keys=True), encoding="utf-8")


def commands(work: Path) -> list[tuple[str, str, list[str]]]:
    """(what, peer or dvgen, argv) of every whole-process run, matched in threes: the peer,
    dvgen from the pages, dvgen from its canonical YAML."""
    dvgen = [sys.executable, "-m", "dvgen"]
    schema = str(work / "peer-schema.yaml")

    def ours(target: list[str], specs: str, out: str) -> list[str]:
        return [*dvgen, "generate", "--no-cache", "--specs", specs, "--out", out, *target]

    found: list[tuple[str, str, list[str]]] = []
    pairs = [
        ("JSON Schema", [str(BIN / "gen-json-schema"), schema], ["--target", "jsonschema"]),
        ("pydantic", [str(BIN / "gen-pydantic"), schema], ["--target", "pydantic"]),
        (
            "SQL (SQLite)",
            [str(BIN / "gen-sqltables"), "--dialect", "sqlite", schema],
            ["--target", "sql", "--dialect", "sqlite"],
        ),
        (
            "pydantic from JSON Schema",
            [
                str(BIN / "datamodel-codegen"),
                *("--input", str(work / "out" / "jsonschema"), "--input-file-type", "jsonschema"),
                *("--output", str(work / "peer-dmcg"), "--output-model-type"),
                "pydantic_v2.BaseModel",
            ],
            ["--target", "pydantic"],
        ),
    ]
    for what, peer, target in pairs:
        tool = "datamodel-codegen" if "datamodel" in peer[0] else Path(peer[0]).name
        found.append((what, tool, peer))
        found.append((what, "dvgen, pages", ours(target, "specs", "peer-out-pages")))
        found.append((what, "dvgen, YAML", ours(target, "out/model", "peer-out-yaml")))
    return found


def available() -> str | None:
    """Why the peers cannot run (None when they can)."""
    missing = [
        tool
        for tool in ("gen-json-schema", "gen-pydantic", "gen-sqltables", "datamodel-codegen")
        if not (BIN / tool).exists()
    ]
    if missing:
        return f"not installed: {', '.join(missing)} (pip install -e '.[bench]')"
    return None


def run_peers(work: Path, measure: Measure, repeat: int) -> list[str]:
    """Each command ``repeat`` times, interleaved; lines of min/median/max and the ratios of
    each peer's median to dvgen's."""
    linkml_schema(work / "out" / "model", work / "peer-schema.yaml")
    runs = commands(work)
    seconds: dict[int, list[float]] = {i: [] for i in range(len(runs))}
    lines = []
    for _ in range(repeat):
        for index, (what, tool, argv) in enumerate(runs):
            try:
                seconds[index].append(measure(argv, work)[0])
            except SystemExit as failed:  # a peer that fails is reported, the others run on
                seconds[index].append(math.nan)
                lines.append(f"  {what}, {tool} failed: {str(failed).splitlines()[0]}")
    for index in range(0, len(runs), 3):
        what = runs[index][0]
        medians = [statistics.median(seconds[index + k]) for k in range(3)]
        for k in range(3):
            times = seconds[index + k]
            lines.append(
                f"  {what:<26} {runs[index + k][1]:<20} "
                f"{min(times):7.2f} {medians[k]:7.2f} {max(times):7.2f} s"
            )
        lines.append(
            f"    peer / dvgen (medians): {medians[0] / medians[1]:.1f}x from pages, "
            f"{medians[0] / medians[2]:.1f}x from canonical YAML"
        )
    return lines
