"""Without a cache (``--no-cache``) no run reads a fragment, so none is keyed: no table's
digest, no context's ``repr``, no key (at 1,000 tables 0.5 s of a cold run's processor time)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dvgen import digests
from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.fragments import Fragments
from dvgen.pipeline import generate


def _refuse(*args: object, **kwargs: object) -> str:
    raise AssertionError("a fragment's key made without a cache")


def test_without_a_cache_no_fragment_is_keyed(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = Config(specs=project / "specs", out=project / "out", cache=False, jobs=1)
    expected = generate(config, Diagnostics()).files
    monkeypatch.setattr(digests, "table_digest", _refuse)
    monkeypatch.setattr(Fragments, "key", _refuse)
    assert generate(config, Diagnostics()).files == expected  # every target, every file


def test_with_a_cache_each_fragment_is_keyed(project: Path) -> None:
    config = Config(specs=project / "specs", out=project / "out", cache=True, jobs=1)
    keyed: list[str] = []
    real = Fragments.key

    def key(self: Fragments, name: str, inputs: str) -> str:
        keyed.append(name)
        return real(self, name, inputs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Fragments, "key", key)
        generate(config, Diagnostics())
    assert {"model", "odata/entity_type.xml.jinja"} <= set(keyed)
    assert any(name.startswith("sql/") for name in keyed)
