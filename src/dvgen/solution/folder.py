"""Where a solution is and which of its files describe tables: an unpacked folder (what
``pac solution unpack`` / SolutionPackager writes) or an exported ``.zip``.

A folder is read into one byte string (a *bundle*: each kept file's relative path and bytes,
sorted), so that the pipeline hashes, caches and parses it as one unit, like a spec file.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from dvgen.diagnostics import Diagnostics, Location, clip, fatal

BUNDLE = b"dvgen-solution-folder 1\n"
"""The first bytes of a bundle."""
MANIFEST = "other/solution.xml"
SOURCE_MANIFEST = "src/" + MANIFEST
"""The manifest of an unpacked solution in a ``pac solution init`` project's ``src``."""
EXPORTED = ("solution.xml", "customizations.xml")
"""The two files at the root of an exported solution .zip; a repository often commits the
.zip's content extracted rather than unpacked (``[Content_Types].xml`` beside them)."""
SOURCE_FOLDERS = ("", "src")
"""Where under a folder of ``specs/`` the unpacked solution may start: the folder itself, or
its ``src`` (the layout of a ``pac solution init`` project)."""
NESTED = BUNDLE + b"nested\n"
"""The first bytes of what a folder of ``specs/`` yields when its solutions sit deeper than
dvgen looks: their relative paths, one a line, reported rather than read."""
YAML_FORMAT = BUNDLE + b"yaml-format\n"
"""The first bytes of what a folder of ``specs/`` yields when it holds a solution in the YAML
source-control format (``solutions/<UniqueName>/solution.yml``, ``entities/<table>/entity.yml``):
its manifests' paths, reported rather than read."""
YAML_MANIFEST = ("solutions", "solution.yml")
"""Where the YAML source-control format keeps a solution's manifest: one folder per solution
under ``solutions``, beside ``publishers/`` and the component folders (``entities/``...)."""
NESTED_DEPTH = 4
"""Folders below a folder of ``specs/`` searched for a solution it holds deeper (a cloned
repository's ``CenterofExcellenceCoreComponents/SolutionPackage/src``)."""
MAX_MEMBER = 200_000_000
"""Bytes above which a member of a .zip is refused (a zip bomb, not a solution)."""
MAX_UNZIPPED = 400_000_000
"""Bytes above which the XML members of a .zip together are refused: many members each
under ``MAX_MEMBER`` are a zip bomb too (the largest real export unzips to a few MB)."""


def solution_root(folder: Path) -> Path | None:
    """The solution in ``folder``, if any: the folder holding ``Other/Solution.xml`` (unpacked)
    or ``solution.xml`` with ``customizations.xml`` (an exported .zip extracted)."""
    for sub in SOURCE_FOLDERS:
        root = folder / sub if sub else folder
        other = _child(root, "Other")
        if other is not None and _child(other, "Solution.xml") is not None:
            return root
        if all(_child(root, name) is not None for name in EXPORTED):
            return root
    return None


def nested_solutions(folder: Path) -> bytes | None:
    """What a folder without a solution at its root or ``src`` yields when it holds some
    deeper (a cloned repository put in ``specs/`` whole): their paths, to be reported, since
    reading them would guess which of a repository's copies is meant. None when it holds none."""
    found: list[str] = []
    level = [folder]
    for _ in range(NESTED_DEPTH):
        children = [child for parent in level for child in sorted(parent.iterdir())]
        below = [d for d in children if _searched(d)]
        found += [p.relative_to(folder).as_posix() for p in children if _is_export(p)]
        found += [d.relative_to(folder).as_posix() for d in below if _is_root(d)]
        level = [d for d in below if not _is_root(d)]
    return _listed(NESTED, found)


def yaml_solutions(folder: Path) -> bytes | None:
    """What a folder holding a solution in the YAML source-control format yields (Dataverse's
    Git integration and ``pac solution clone`` write it since 2025: the XML of an unpacked
    solution as YAML, a file per column), at its root or in its ``src``: its manifests' paths,
    to be reported, since dvgen reads the XML layouts only. None when it holds none."""
    found: list[str] = []
    for sub in SOURCE_FOLDERS:
        root = folder / sub if sub else folder
        solutions = _child(root, YAML_MANIFEST[0])
        if solutions is None or not solutions.is_dir():
            continue
        for child in sorted(solutions.iterdir()):
            manifest = _child(child, YAML_MANIFEST[1]) if _searched(child) else None
            if manifest is not None and manifest.is_file():
                found.append(manifest.relative_to(folder).as_posix())
    return _listed(YAML_FORMAT, found)


def report_yaml_format(name: str, data: bytes, diagnostics: Diagnostics) -> None:
    """The warning saying that a folder's solution is in a format dvgen does not read, and how
    to get it in one it reads."""
    paths = _paths(YAML_FORMAT, data)
    diagnostics.warning(
        Location(name),
        f"this folder holds a solution in the YAML source-control format ({paths[0]}: "
        "Dataverse Git integration, pac solution clone), which dvgen does not read: put the "
        "solution exported as a .zip (pac solution export) in the specs folder instead "
        "(docs/solutions.md)",
        YAML_CODE,
    )


YAML_CODE = "solution-yaml-format"


def _searched(path: Path) -> bool:
    return path.is_dir() and not path.name.startswith(".") and not path.is_symlink()


def _is_export(path: Path) -> bool:
    """An exported solution .zip (``solutions/Contoso_1_0_managed.zip``, what many repositories
    commit; a .zip without a solution manifest, of images or a PCF build, is not one): reported
    with the unpacked folders, since a repository often keeps several (managed and unmanaged,
    one per version) and reading all would define their tables twice."""
    if path.suffix.lower() != ".zip" or not path.is_file() or path.name.startswith("."):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            names = [name.lower() for name in archive.namelist()]
    except (zipfile.BadZipFile, OSError):
        return False
    return any(name == "solution.xml" or name.endswith("/solution.xml") for name in names)


def _is_root(folder: Path) -> bool:
    other = _child(folder, "Other")
    if other is not None and _child(other, "Solution.xml") is not None:
        return True
    return all(_child(folder, name) is not None for name in EXPORTED)


def report_nested(name: str, data: bytes, diagnostics: Diagnostics) -> None:
    """The warning naming the solutions a folder holds deeper than dvgen looks."""
    paths = _paths(NESTED, data)
    shown = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
    diagnostics.warning(
        Location(name),
        f"this folder holds no solution itself nor in its 'src', but deeper: {shown}; dvgen "
        "reads a solution folder or exported .zip put (or linked) directly in the specs "
        "folder: link the one meant there (docs/solutions.md)",
        NESTED_CODE,
    )


NESTED_CODE = "solution-nested"


def _listed(marker: bytes, paths: list[str]) -> bytes | None:
    """What a folder yields whose solutions are reported, not read (``NESTED``,
    ``YAML_FORMAT``): ``marker``, then ``paths`` one a line; None when there are none."""
    return marker + "".join(f"{path}\n" for path in paths).encode() if paths else None


def _paths(marker: bytes, data: bytes) -> list[str]:
    """The paths ``_listed`` put after ``marker``, one a line (a path may hold a space)."""
    return data[len(marker) :].decode().splitlines()


def _child(folder: Path, name: str) -> Path | None:
    """``folder/name`` matched case-insensitively (a repository checked out on Windows)."""
    exact = folder / name
    if exact.exists():
        return exact
    if not folder.is_dir():
        return None
    return next((p for p in folder.iterdir() if p.name.lower() == name.lower()), None)


OTHER_KEPT = (("solution.xml",), ("customizations.xml",), ("relationships.xml",))
"""The files of ``Other/`` that say something of tables, choices or relationships. Its others
(``SiteMap.xml``, ``FieldSecurityProfiles.xml``, ``Roles``...) are neither read nor digested: a
broken or changed site map cannot stop or re-run a generation that does not use it."""


def is_kept(relative: str, unpacked: bool = True) -> bool:
    """Whether a file of a solution folder describes tables, choices or relationships: the
    unpacked layout's files, or (``unpacked`` False) an extracted export's two root files."""
    parts = PurePosixPath(relative.lower()).parts
    if not parts or not parts[-1].endswith(".xml"):
        return False
    if custom_api(relative):
        return True
    if len(parts) == 1:
        return not unpacked and parts[0] in EXPORTED
    if parts[0] == "other":
        return parts[1:] in OTHER_KEPT or (len(parts) == 3 and parts[1] == "relationships")
    if parts[0] == "optionsets":
        return len(parts) == 2
    if is_stray_relationships(relative):
        return unpacked
    return parts[0] == "entities" and len(parts) == 3 and parts[2] == "entity.xml"


def custom_api(relative: str) -> str:
    """The unique name of the custom API ``relative`` defines (``customapis/<name>/
    customapi.xml``, beside ``Other/`` in an unpacked folder and beside ``solution.xml`` in an
    extracted one, as Microsoft's docs add one by hand), "" for another file. Kept so that a
    solution of custom APIs only can be said to hold them; never parsed: a custom API is a
    message, not a table, and nothing of it is generated."""
    parts = PurePosixPath(relative).parts
    if len(parts) == 3 and parts[0].lower() == "customapis" and parts[2].lower() == "customapi.xml":
        return parts[1]
    return ""


def is_stray_relationships(relative: str) -> bool:
    """A relationship file in a ``Relationships/`` folder at the solution's root rather than in
    ``Other/Relationships/`` (a hand-written folder): kept, so that the reader can say it is
    not read, since neither SolutionPackager nor ``pac solution pack`` looks there."""
    parts = PurePosixPath(relative.lower()).parts
    return len(parts) == 2 and parts[0] == "relationships" and parts[1].endswith(".xml")


def bundle(root: Path) -> bytes:
    """The kept files of the solution folder at ``root``, as one deterministic byte string.
    An unpacked folder's root files are left out, but for an extracted export's
    (``EXPORTED``); an extracted export's ``src/Other/Solution.xml`` (a ``pac solution init``
    project's unpacked source) is kept: a folder holding both layouts is refused when read
    (``reader``), since which copy is meant cannot be told."""
    files = sorted(
        (path.relative_to(root).as_posix(), path) for path in _xml_files(root) if path.is_file()
    )
    unpacked = any(relative.lower() == MANIFEST for relative, _ in files)
    chunks = [BUNDLE]
    for relative, path in files:
        if is_kept(relative, unpacked) or relative.lower() in (*EXPORTED, SOURCE_MANIFEST):
            data = path.read_bytes()
            chunks += [f"{relative}\n{len(data)}\n".encode(), data]
    return b"".join(chunks)


def _xml_files(root: Path) -> Iterator[Path]:
    """The ``*.xml`` files under ``root`` (any case), not through links to folders, as
    ``rglob`` finds them; but a folder that cannot be read is an error (``OSError``, reported
    as bad input), where ``rglob`` passes over it: an ``Entities/`` without read permission
    would leave every table of the solution to its relationships, with a warning that the
    folder lacks its files and exit 0."""

    def fail(error: OSError) -> None:
        raise error

    for folder, _, names in os.walk(root, onerror=fail):
        yield from (Path(folder) / name for name in names if name.lower().endswith(".xml"))


def unbundle(data: bytes, name: str) -> dict[str, bytes]:
    """The files of a bundle or of an exported .zip: relative path -> bytes."""
    if not data.startswith(BUNDLE):  # a .zip file, or text or HTML saved under that name
        return _unzip(data, name)
    files: dict[str, bytes] = {}
    at = len(BUNDLE)
    while at < len(data):
        path_end = data.index(b"\n", at)
        size_end = data.index(b"\n", path_end + 1)
        size = int(data[path_end + 1 : size_end])
        files[data[at:path_end].decode()] = data[size_end + 1 : size_end + 1 + size]
        at = size_end + 1 + size
    return files


def _unzip(data: bytes, name: str) -> dict[str, bytes]:
    """The XML members of an exported solution .zip (an error naming the file if broken)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [m for m in archive.infolist() if m.filename.lower().endswith(".xml")]
            outside = [m.filename for m in members if not _inside(m.filename)]
            if outside:
                message = f"member {clip(outside[0])!r} names a path outside the archive: not read"
                raise fatal(Location(name), message)
            big = [m.filename for m in members if m.file_size > MAX_MEMBER]
            if big:
                raise fatal(Location(name), f"{big[0]} is over {MAX_MEMBER // 10**6} MB: not read")
            if sum(m.file_size for m in members) > MAX_UNZIPPED:
                limit = MAX_UNZIPPED // 10**6
                raise fatal(Location(name), f"its XML members unzip to over {limit} MB: not read")
            return _at_root({m.filename: archive.read(m) for m in members})
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise fatal(Location(name), f"not a readable .zip: {exc}") from None


def _inside(member: str) -> bool:
    """Whether a member's path stays inside the archive (``../x`` and ``/x`` do not): such a
    member is hostile, and a diagnostic naming it would name a file outside the input."""
    parts = PurePosixPath(member.replace("\\", "/")).parts
    return bool(parts) and not member.startswith(("/", "\\")) and ".." not in parts


def _at_root(files: dict[str, bytes]) -> dict[str, bytes]:
    """The members of a .zip whose solution sits in one folder (``Contoso/solution.xml``, a
    zip made of the folder rather than of its content) as if they were at its root; the folder
    of an unpacked solution zipped whole is the one holding ``Other/Solution.xml``, not
    ``Other`` itself (its ``Entities/`` and ``OptionSets/`` sit beside ``Other``)."""
    lower = [path.lower() for path in files]
    if "solution.xml" in lower or MANIFEST in lower:
        return files
    for manifest in (f"/{MANIFEST}", "/solution.xml"):
        found = [path for path in files if path.lower().endswith(manifest)]
        if found:
            if len(found) != 1:
                return files
            prefix = found[0][: -len(manifest) + 1]
            return {p[len(prefix) :]: data for p, data in files.items() if p.startswith(prefix)}
    return files


def without_managed_twins(files: dict[str, bytes]) -> dict[str, bytes]:
    """Drop ``X_managed.xml`` where ``X.xml`` is there too (a folder unpacked as *Both*)."""
    lower = {path.lower() for path in files}
    return {
        path: data
        for path, data in files.items()
        if not (
            path.lower().endswith("_managed.xml")
            and path.lower().removesuffix("_managed.xml") + ".xml" in lower
        )
    }
