"""The fuzzer's agreement check: the JSON Schema and the pydantic model of a table accept the
same records (``tests/fuzz.py`` runs it on the sampled exit-0 cases).

For each table with a State and a Status column (read from the model YAML dvgen wrote), it makes
one record per state holding a status reason of that state, and one holding a reason of another
state, then asks both validators. Missing required members are set aside on both sides: the
records hold two members only, and the check is about the values.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from itertools import count
from pathlib import Path
from typing import Any

_fresh = count(1)


def state_records(model: dict[str, Any]) -> list[dict[str, Any]]:
    """Records of a table's state model: each state with its own and with a foreign reason."""
    columns = [c for c in model.get("columns") or [] if isinstance(c, dict)]
    state = next((c for c in columns if c.get("type") == "State"), None)
    status = next((c for c in columns if c.get("type") == "Status"), None)
    if state is None or status is None:
        return []
    states = [c.get("value") for c in state.get("choices") or [] if isinstance(c, dict)]
    reasons = [
        (c.get("value"), c.get("state")) for c in status.get("choices") or [] if isinstance(c, dict)
    ]
    records = []
    for value in states:
        own = [r for r, s in reasons if s == value]
        other = [r for r, s in reasons if s is not None and s != value and r not in own]
        for reason in (own[:1] + other[:1]) or [None]:
            if reason is not None:
                records.append({_web_name(state): value, _web_name(status): reason})
    return records


def _web_name(column: dict[str, Any]) -> str:
    """The column's property in a Web API record: its LogicalName as Dataverse keeps it, when
    that has capitals (``cased_logical_name``), which the pydantic model also reads by its
    lower-case Python name and the JSON Schema does not."""
    return str(column.get("cased_logical_name") or column["logical_name"])


def _schema_accepts(schema: dict[str, Any], record: dict[str, Any]) -> tuple[bool, str]:
    from jsonschema import Draft202012Validator

    errors = [
        e for e in Draft202012Validator(schema).iter_errors(record) if e.validator != "required"
    ]
    return not errors, "; ".join(e.message[:200] for e in errors[:2])


def _model_accepts(model: Any, record: dict[str, Any]) -> tuple[bool, str]:
    from pydantic import ValidationError

    try:
        model.model_validate(record)
    except ValidationError as exc:
        errors = [e for e in exc.errors() if e["type"] != "missing"]
        return not errors, "; ".join(str(e["msg"])[:200] for e in errors[:2])
    return True, ""


def _package(out: Path) -> tuple[str, dict[str, str]] | None:
    """Import the generated package under a fresh name: (its name, model -> module)."""
    folders = [p for p in (out / "pydantic").glob("*") if (p / "__init__.py").is_file()]
    if not folders:
        return None
    name = f"_dvgen_fuzz_records_{os.getpid()}_{next(_fresh)}"
    spec = importlib.util.spec_from_file_location(
        name, folders[0] / "__init__.py", submodule_search_locations=[str(folders[0])]
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return name, dict(getattr(module, "_MODULES", {}))


def check_records(out: Path) -> str:
    """The first disagreement between the JSON Schema and the pydantic model, else empty."""
    import yaml

    try:
        found = _package(out)
    except Exception:  # check_pydantic reports a package that does not import
        return ""
    if found is None:
        return ""
    name, modules = found
    try:
        by_module = {module: model for model, module in modules.items()}
        for path in sorted((out / "model").glob("*.yaml")):
            table = path.stem
            schema_path = out / "jsonschema" / f"{table}.schema.json"
            if table not in by_module or not schema_path.is_file():
                continue
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            records = state_records(data) if isinstance(data, dict) else []
            if not records:
                continue
            schema = json.loads(schema_path.read_text(encoding="utf-8"))
            model = getattr(sys.modules[name], by_module[table])
            for record in records:
                by_schema, why_schema = _schema_accepts(schema, record)
                by_model, why_model = _model_accepts(model, record)
                if by_schema != by_model:
                    return (
                        f"{table}: {record}: JSON Schema {'accepts' if by_schema else 'refuses'}"
                        f" ({why_schema}), pydantic {'accepts' if by_model else 'refuses'}"
                        f" ({why_model})"
                    )
    finally:
        for key in [k for k in sys.modules if k == name or k.startswith(name + ".")]:
            del sys.modules[key]
    return ""
