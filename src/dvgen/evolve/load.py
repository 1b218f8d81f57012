"""The model of another revision: the canonical YAML the ``model`` target wrote, read back
from a git revision (``REF:<out>/model/``) or from a folder; and the current model, from the
specs as ``generate`` reads them."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics, Location, SpecError, fatal
from dvgen.model import Table, TableSet
from dvgen.parse.yaml_spec import parse_yaml_spec

MODEL_FOLDER = "model"
"""The ``model`` target's folder within OUT."""


def current_model(config: Config, diagnostics: Diagnostics) -> TableSet:
    """The specs as every target sees them: parsed, selected and resolved as ``generate``
    does (``listing.load_tables``)."""
    from dvgen.listing import load_tables

    return load_tables(config, diagnostics)


def load_model(ref: str, out: Path, hint: str = "") -> TableSet:
    """The model at ``ref``: a folder of canonical YAML, else a git revision whose
    ``<out>/model/`` holds it. A bad ref is an error naming it; ``hint`` ends the error of a
    ref with no model (why there may be none)."""
    folder = Path(ref)
    if folder.is_dir():
        texts = {str(p): p.read_text("utf-8") for p in sorted(folder.glob("*.yaml"))}
        where = f"folder {ref}"
        if not texts and any((folder / MODEL_FOLDER).glob("*.yaml")):
            hint = f"; its {MODEL_FOLDER}/ holds one: name {folder / MODEL_FOLDER}"
    else:
        texts = _from_git(ref, out / MODEL_FOLDER)
        where = f"{ref}:{out / MODEL_FOLDER}/"
    if not texts:
        raise fatal(Location(ref), f"no canonical model (*.yaml) in {where}{hint}")
    return _tables(texts)


def _tables(texts: dict[str, str]) -> TableSet:
    diagnostics = Diagnostics()
    tables: list[Table] = []
    for name, text in texts.items():
        try:
            tables.append(parse_yaml_spec(text, Location(name), diagnostics))
        except SpecError:
            continue
    if diagnostics.has_errors:
        raise SpecError(diagnostics.sorted())
    return TableSet(tuple(sorted(tables, key=lambda t: t.logical_name)))


def _git(*args: str, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], input=data, capture_output=True, check=False)
    except FileNotFoundError:
        raise fatal(Location("git"), "git is not installed: a revision cannot be read") from None


def _from_git(ref: str, folder: Path) -> dict[str, str]:
    """``{REF:path: text}`` of the YAML files of ``folder`` (relative to the current folder)
    at revision ``ref``, read in one ``git cat-file --batch``."""
    found = _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if found.returncode != 0:
        raise fatal(Location(ref), "neither a folder nor a git revision of this repository")
    commit = found.stdout.decode().strip()
    relative = os.path.relpath(folder.resolve(), Path.cwd().resolve())
    listed = _git("ls-tree", "-r", "--full-name", "--name-only", "-z", commit, "--", relative)
    if listed.returncode != 0:
        raise fatal(Location(ref), listed.stderr.decode(errors="replace").strip())
    paths = sorted(p for p in listed.stdout.decode().split("\0") if p.endswith(".yaml"))
    if not paths:
        return {}
    request = "".join(f"{commit}:{path}\n" for path in paths).encode()
    batch = _git("cat-file", "--batch", data=request)
    return dict(zip((f"{ref}:{p}" for p in paths), _blobs(batch.stdout), strict=True))


def _blobs(stream: bytes) -> list[str]:
    """The contents of ``git cat-file --batch`` output: ``<sha> blob <size>\\n<bytes>\\n``."""
    texts: list[str] = []
    at = 0
    while at < len(stream):
        end = stream.index(b"\n", at)
        size = int(stream[at:end].split()[2])
        texts.append(stream[end + 1 : end + 1 + size].decode("utf-8"))
        at = end + 1 + size + 1
    return texts
