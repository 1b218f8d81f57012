"""The JSON Schema and pydantic checks of a collection-valued navigation property to a table
outside the set (tests/test_many_to_many_outside, tests/test_one_to_many_outside): a record
expanding it validates and round-trips; when properties are closed the collection is declared
(an array), else it is left to the open members."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pydantic
import pytest
from referencing import Registry, Resource

from dvgen.config import Config
from dvgen.model import TableSet
from tests.test_jsonschema_validators import render_schemas
from tests.test_pydantic import imported
from tests.test_pydantic import render as render_models


def check_json_schema(
    tables: TableSet, table: str, record: dict[str, Any], collection: str, properties: str
) -> None:
    """``record`` of ``table``, expanding ``collection``, against the table's JSON Schema."""
    schemas = render_schemas(tables, Config(properties=properties))
    schema = schemas[f"{table}.schema.json"]
    jsonschema.Draft202012Validator.check_schema(schema)
    registry: Registry[Any] = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in schemas.values()
    )
    validator = jsonschema.Draft202012Validator(schema, registry=registry)
    assert [e.message for e in validator.iter_errors(record)] == []
    declared = collection in schema["properties"]
    assert declared is (properties == "closed")
    wrong = {**record, collection: record[collection][0]}
    assert bool(list(validator.iter_errors(wrong))) is declared  # an array, when declared


def check_pydantic(
    tables: TableSet,
    model_name: str,
    record: dict[str, Any],
    collection: str,
    properties: str,
    folder: Path,
) -> None:
    """``record``, expanding ``collection``, through the pydantic model ``model_name``."""
    package = f"dvgen_outside_{model_name.lower()}_{properties}"
    files, _ = render_models(tables, package, properties=properties)
    with imported(files, folder, package) as module:
        model = getattr(module, model_name)
        validated = model.model_validate(record)
        assert validated.model_dump(by_alias=True, mode="json", exclude_unset=True) == record
        wrong = {**record, collection: record[collection][0]}
        if properties == "closed":
            with pytest.raises(pydantic.ValidationError):
                model.model_validate(wrong)
        else:
            model.model_validate(wrong)
