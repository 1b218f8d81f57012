"""Golden files: expected outputs and error texts, kept in tests/golden/ and reviewed by hand.

``scripts/regen-golden`` rewrites them all (it sets DVGEN_REGEN_GOLDEN=1 and runs the tests
that use them); review the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"
REGEN = os.environ.get("DVGEN_REGEN_GOLDEN") == "1"


def assert_golden(name: str, actual: str) -> None:
    """``actual`` equals tests/golden/<name>; rewritten instead when regenerating."""
    path = GOLDEN / name
    if REGEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.is_file(), f"missing golden file {path}; run scripts/regen-golden"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{path} differs; run scripts/regen-golden and review the diff"
