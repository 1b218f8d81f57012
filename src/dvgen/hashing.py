"""The two hashes dvgen keys and compares by, in a module of its own: a run with nothing
changed hashes before it imports anything of the model."""

from __future__ import annotations

import hashlib


def digest(*parts: bytes) -> str:
    """SHA-256 of the parts, each prefixed with its length (no two lists hash alike): the
    digest every key of the cache is made with."""
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()


def sha256(data: bytes) -> str:
    """The hex SHA-256 of ``data``: how a spec file's or an output file's bytes are known."""
    return hashlib.sha256(data).hexdigest()
