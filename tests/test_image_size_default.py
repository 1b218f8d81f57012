"""An Image column whose definition states no MaxSizeInKB takes Dataverse's default, 10,240 KB,
where a target enforces the size (the JSON Schema's and pydantic's ``maxLength`` of the base64
text, the SQL CHECK on the bytes), as a decimal without Precision takes its default places; the
canonical model keeps what the source states (none).

powerapps-docs image-attributes.md ("Update image columns"): "The default setting is 10240, or
10 MB. The maximum value is 30720 KB"; file-attributes.md: a File column's default is 32768
(32 MB), but a File column reads as the file's id (a Guid) and the file is never part of a
record, so no output shows that size. The 2021 account page's ``entityimage`` states no
MaxSizeInKB; later powerapps-docs pages state ``|MaxSizeInKB|10240|`` for ``entityimage``.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pydantic
import pytest
from psycopg import errors

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.evolve.diff import diff_sets
from dvgen.model import ColumnType, TableSet
from dvgen.resolve import resolve
from dvgen.targets.model.target import ModelTarget
from tests.test_jsonschema_validators import render_schemas
from tests.test_odata_support import col, table
from tests.test_pydantic import imported
from tests.test_pydantic import render as render_models
from tests.test_sql_postgres import connect as pg_connect
from tests.test_sql_postgres import postgres  # noqa: F401 (the fixture)
from tests.test_sql_support import PostgresServer
from tests.test_sql_support import render as render_sql

DEFAULT_BYTES = 10_240 * 1024
DEFAULT_BASE64 = 4 * math.ceil(DEFAULT_BYTES / 3)  # 13,981,016


def _set() -> TableSet:
    photo = table(
        "x_photo",
        col("x_image", ColumnType.IMAGE),  # no MaxSizeInKB
        col("x_small", ColumnType.IMAGE, max_size_in_kb=1),
        col("x_file", ColumnType.FILE),  # no MaxSizeInKB: a Guid in every record
    )
    diagnostics = Diagnostics()
    tables = resolve([photo], diagnostics)
    assert not diagnostics.has_errors
    return tables


@pytest.fixture(scope="module")
def tables() -> TableSet:
    return _set()


def test_json_schema_limits_an_unstated_image_to_the_default(tables: TableSet) -> None:
    schema = render_schemas(tables, Config())["x_photo.schema.json"]
    jsonschema.Draft202012Validator.check_schema(schema)
    props = schema["properties"]
    assert props["x_image"]["maxLength"] == DEFAULT_BASE64
    assert props["x_small"]["maxLength"] == 1368  # stated: 1 KB
    assert "maxLength" not in props["x_file"]
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid({"x_image": "A" * DEFAULT_BASE64})
    assert not validator.is_valid({"x_image": "A" * (DEFAULT_BASE64 + 4)})


def test_pydantic_limits_an_unstated_image_to_the_default(tables: TableSet, tmp_path: Path) -> None:
    files, _ = render_models(tables, "dvgen_image_default")
    with imported(files, tmp_path, "dvgen_image_default") as module:
        module.XPhoto.model_validate({"x_image": "A" * DEFAULT_BASE64})
        with pytest.raises(pydantic.ValidationError) as raised:
            module.XPhoto.model_validate({"x_image": "A" * (DEFAULT_BASE64 + 4)})
        assert raised.value.errors()[0]["type"] == "string_too_long"


@pytest.fixture
def sqlite_photo(tables: TableSet) -> Iterator[sqlite3.Connection]:
    text, _ = render_sql(tables, "sqlite")
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.executescript(text)
    yield conn
    conn.close()


def test_sqlite_refuses_an_image_beyond_the_default(sqlite_photo: sqlite3.Connection) -> None:
    insert = "INSERT INTO x_photo (x_photoid, x_image) VALUES (?, ?)"
    sqlite_photo.execute(insert, ("00000000-0000-0000-0000-000000000001", b"\0" * DEFAULT_BYTES))
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        sqlite_photo.execute(
            insert, ("00000000-0000-0000-0000-000000000002", b"\0" * (DEFAULT_BYTES + 1))
        )


def test_postgres_refuses_an_image_beyond_the_default(
    postgres: PostgresServer,  # noqa: F811
    tables: TableSet,
) -> None:
    text, _ = render_sql(tables, "postgres")
    insert = 'INSERT INTO "x_photo" ("x_photoid", "x_image") VALUES (%s, %s)'
    row_ids = ("00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002")
    with pg_connect(postgres, text) as conn:
        conn.execute(insert, (row_ids[0], b"\0" * DEFAULT_BYTES))
        with pytest.raises(errors.CheckViolation):
            conn.execute(insert, (row_ids[1], b"\0" * (DEFAULT_BYTES + 1)))


@pytest.mark.parametrize("dialect", ["postgres", "sqlite", "sqlserver"])
def test_sql_checks_the_image_and_leaves_the_file_id_alone(tables: TableSet, dialect: str) -> None:
    text, _ = render_sql(tables, dialect)
    assert f"<= {DEFAULT_BYTES})" in text
    assert "<= 1024)" in text
    (line,) = (x for x in text.splitlines() if "x_file" in x)
    assert "32768" not in line and "33554432" not in line  # the file's id, not the file


def test_the_model_keeps_what_the_source_states(tables: TableSet) -> None:
    files = ModelTarget(Config()).render(tables, Diagnostics())
    (text,) = (t for name, t in files.items() if "x_photo" in name)
    assert text.count("max_size_in_kb") == 1  # x_small's only
    assert "max_size_in_kb: 1\n" in text


def _sized(image: int | None, file: int | None) -> TableSet:
    photo = table(
        "x_photo",
        col("x_image", ColumnType.IMAGE, max_size_in_kb=image),
        col("x_file", ColumnType.FILE, max_size_in_kb=file),
    )
    return TableSet((photo,))


@pytest.mark.parametrize(
    ("image", "file", "rules"),
    [
        (10_240, 32_768, []),  # the defaults, stated: before, two length-narrowed
        (5_120, 32_768, ["length-narrowed"]),
        (30_720, 65_536, ["facet-widened-unenforced", "length-widened"]),  # the file: an id
        (None, 1_024, ["length-narrowed"]),
    ],
)
def test_evolve_takes_an_unstated_size_as_the_default(
    image: int | None, file: int | None, rules: list[str]
) -> None:
    """As a DateTime's unstated behaviour is UserLocal: stating the default breaks nothing."""
    changes = diff_sets(_sized(None, None), _sized(image, file))
    assert [c.rule for c in changes] == rules
