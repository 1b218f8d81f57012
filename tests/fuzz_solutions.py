"""A seeded mutation fuzzer for solutions: real unpacked solutions, mutated, through the CLI.

Each case is a pure function of ``(seed, index)``: one real solution (every folder of
``/work/shared/solutions`` and ``/tmp/solutions2..7`` that holds one, kept files only), given
as an unpacked folder, an extracted export or a ``.zip``, mutated one to three times: elements
deleted, duplicated, swapped, renamed in case or added; hostile, blank, huge or non-numeric
text and attributes; wrong ``languagecode``; a file deleted, truncated, re-encoded (BOM,
UTF-16, CRLF); a table duplicated; a relationship to a missing table; entity expansion
(billion laughs), an external entity (XXE); for a .zip a path-traversal member, a zip bomb, a
nested zip. It runs through ``dvgen.cli.main(["generate", ...])`` (``tests/fuzz.py``'s
runner) and :func:`verdict` checks the properties of ``tests/test_fuzz_solutions.py``.

Settings are ``tests/fuzz.py``'s environment variables (DVGEN_FUZZ_SEED, DVGEN_FUZZ_CASES,
DVGEN_FUZZ_SECONDS, DVGEN_FUZZ_WORKERS, DVGEN_FUZZ_SAMPLE, DVGEN_FUZZ_TIMEOUT,
DVGEN_FUZZ_ARTIFACTS, DVGEN_FUZZ_REPLAY); without CASES or SECONDS a short CI run.

    DVGEN_FUZZ_CASES=5000 DVGEN_FUZZ_WORKERS=2 .venv/bin/pytest tests/test_fuzz_solutions.py -q
    .venv/bin/python -m tests.fuzz_solutions replay SEED CASE
"""

from __future__ import annotations

import dataclasses
import io
import os
import random
import re
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from tests import fuzz

SOLUTION_DIRS = (fuzz.SHARED / "solutions", *(Path(f"/tmp/solutions{n}") for n in range(2, 8)))
CI_CASES = 300
CI_SECONDS = 25.0
CANARY = "DVGEN-FUZZ-CANARY-8d1f"
"""The content of a file beside the work folders that an external entity points at."""
ESCAPE = "dvgen-fuzz-escaped.xml"
"""The name a path-traversal member of a .zip tries to reach."""
MAX_BASE_BYTES = 2_000_000
"""Solutions larger than this (kept files) are used for a small share of cases only: they
take a second each."""


def settings_from_env(env: dict[str, str] | None = None) -> fuzz.Settings:
    """``tests/fuzz.py``'s settings, with a shorter default run (a solution case is slower)."""
    env = dict(os.environ if env is None else env)
    settings = fuzz.Settings.from_env(env)
    if not env.get("DVGEN_FUZZ_CASES") and not env.get("DVGEN_FUZZ_SECONDS"):
        settings = dataclasses.replace(settings, cases=CI_CASES, seconds=CI_SECONDS)
    return settings


# --------------------------------------------------------------------------- base solutions


@dataclasses.dataclass(frozen=True)
class Solution:
    name: str
    files: dict[str, bytes]
    """Relative path (as the folder holds it) -> bytes; an export: ``solution.xml`` and
    ``customizations.xml``; a .zip base: one entry ``<name>.zip``."""
    size: int


@cache
def bases() -> tuple[Solution, ...]:
    """Every solution of the solution folders, sorted by name (a stable case mapping)."""
    from dvgen.solution.folder import is_kept, solution_root

    found: list[Solution] = []
    for parent in SOLUTION_DIRS:
        if not parent.is_dir():
            continue
        for folder in sorted(p for p in parent.iterdir() if p.is_dir()):
            zips = sorted(folder.glob("*.zip"))
            root = solution_root(folder)
            if root is not None:
                rels = [p for p in sorted(root.rglob("*")) if p.is_file()]
                unpacked = any(
                    p.relative_to(root).as_posix().lower() == "other/solution.xml" for p in rels
                )
                files = {
                    p.relative_to(root).as_posix(): p.read_bytes()
                    for p in rels
                    if is_kept(p.relative_to(root).as_posix(), unpacked)
                }
            elif zips:
                files = {"export.zip": zips[0].read_bytes()}
            else:
                continue
            found.append(Solution(folder.name, files, sum(map(len, files.values()))))
    return tuple(found)


# --------------------------------------------------------------------------- XML mutations

_START = re.compile(rb"<([A-Za-z_][\w.:-]*)\b[^<>]*?(/?)>")
_TEXT = re.compile(rb">([^<>]+)</")
_ATTR = re.compile(rb"""\b([A-Za-z_][\w:.-]*)="([^"]*)\"""")


def _element(data: bytes, rng: random.Random) -> tuple[int, int, bytes] | None:
    """A random element's span (start, end) and tag (nested same-name elements counted)."""
    starts = list(_START.finditer(data))
    if len(starts) < 2:
        return None
    match = rng.choice(starts[1:])
    tag = match[1]
    if match[2]:
        return match.start(), match.end(), tag
    depth, at = 1, match.end()
    pattern = re.compile(rb"<(/?)" + re.escape(tag) + rb"\b[^<>]*?(/?)>")
    for other in pattern.finditer(data, at):
        if other[2]:
            continue
        depth += -1 if other[1] else 1
        if depth == 0:
            return match.start(), other.end(), tag
    return None


def delete_element(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    span = _element(data, rng)
    if span is None:
        return data[: len(data) // 2], "truncated (no element)"
    return data[: span[0]] + data[span[1] :], f"delete <{span[2].decode()}>"


def duplicate_element(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    span = _element(data, rng)
    if span is None:
        return data + data, "doubled"
    piece = data[span[0] : span[1]]
    return data[: span[1]] + piece + data[span[1] :], f"duplicate <{span[2].decode()}>"


def swap_elements(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    first, second = _element(data, rng), _element(data, rng)
    if first is None or second is None or not (first[1] <= second[0] or second[1] <= first[0]):
        return delete_element(data, rng)
    a, b = sorted([first, second])
    out = data[: a[0]] + data[b[0] : b[1]] + data[a[1] : b[0]] + data[a[0] : a[1]] + data[b[1] :]
    return out, f"swap <{a[2].decode()}> <{b[2].decode()}>"


def _huge(digits: int) -> str:
    return "9" * digits


HOSTILE = [
    "",
    " ",
    '"""',
    "'); DROP TABLE account; --",
    "</Property>",
    "]]>",
    "{{ 7*7 }}",
    "{% raw %}",
    "${x}",
    "\\",
    "a\u0000b",
    "a\u0001b\u001fc",
    "\u202e\u200b\ufeff",
    "ünïcødé 名前 🚀",
    "-1",
    "-2147483649",
    _huge(40),
    "1e309",
    "NaN",
    "0x10",
    "true",
    "abc",
    "1.5",
    "-0",
    "   42   ",
    "x" * 5000,
    "select",
    "class",
    "Id",
    "<b>bold</b>",
    "1e999999999",
    "\u00b2",
    "\u0661\u0660\u0663\u0663",
    _huge(5000),
]
BIG = "y" * 10_000_000


def _xml_escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _hostile(rng: random.Random) -> tuple[bytes, str]:
    """A hostile value, mostly escaped (well-formed XML), sometimes raw (broken)."""
    value = BIG if rng.random() < 0.01 else rng.choice(HOSTILE)
    raw = rng.random() < 0.15
    text = value if raw else _xml_escape(value)
    return text.encode("utf-8", "surrogatepass"), ("raw " if raw else "") + repr(value[:20])


def hostile_text(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    texts = [m for m in _TEXT.finditer(data) if m[1].strip()]
    if not texts:
        return delete_element(data, rng)
    match = rng.choice(texts)
    value, shown = _hostile(rng)
    return data[: match.start(1)] + value + data[
        match.end(1) :
    ], f"text {match[1][:20]!r} -> {shown}"


def hostile_attribute(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    attrs = [m for m in _ATTR.finditer(data) if not m[1].startswith(b"xmlns")]
    if not attrs:
        return hostile_text(data, rng)
    match = rng.choice(attrs)
    value, shown = _hostile(rng)
    out = data[: match.start(2)] + value + data[match.end(2) :]
    return out, f"attribute {match[1].decode()} -> {shown}"


NUMBERS = [
    b"-1",
    b"0",
    b"-99999999999999999999",
    _huge(30).encode(),
    _huge(5000).encode(),
    b"abc",
    b"",
    b"1.5",
    b"1e5",
    b"1e999999999",
    b"-1E-999999",
    "\u00b2".encode(),
    "\u0661\u0660\u0663\u0663".encode(),
]


def bad_number(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    numbers = list(re.finditer(rb">(-?\d+(?:\.\d+)?)</", data))
    if not numbers:
        return hostile_text(data, rng)
    match = rng.choice(numbers)
    value = rng.choice(NUMBERS)
    return data[: match.start(1)] + value + data[match.end(1) :], f"number -> {value[:20]!r}"


def language_code(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    codes = list(re.finditer(rb'languagecode="([^"]*)"', data, re.IGNORECASE))
    if not codes:
        return bad_number(data, rng)
    value = rng.choice(
        [b"0", b"-1", b"1036", b"99999999999", b"abc", b"", b"1033 ", b"\xc2\xb2", b"9" * 5000]
    )
    chosen = codes if rng.random() < 0.3 else [rng.choice(codes)]
    for match in sorted(chosen, key=lambda m: -m.start()):
        data = data[: match.start(1)] + value + data[match.end(1) :]
    return data, f"languagecode -> {value!r} ({len(chosen)})"


def unknown_element(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    starts = [m for m in _START.finditer(data) if not m[2]]
    if not starts:
        return delete_element(data, rng)
    at = rng.choice(starts).end()
    piece = rng.choice(
        [
            b'<Bogus a="1">x</Bogus>',
            b"<attribute/>",
            b"<Entity><Name/></Entity>",
            b"<Type>nvarchar</Type>",
            b"<xsi:nil/>",
            b"<!-- c -->",
            b"<![CDATA[<x>]]>",
        ]
    )
    return data[:at] + piece + data[at:], f"insert {piece.decode()[:20]}"


def case_change(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """A name's case changed: a tag (start and end alike) or a text value."""
    if rng.random() < 0.5:
        span = _element(data, rng)
        if span is not None and data[span[1] - 2 : span[1]] != b"/>":
            tag = span[2]
            new = tag.swapcase()
            piece = data[span[0] : span[1]]
            piece = b"<" + new + piece[1 + len(tag) :]
            piece = piece[: piece.rindex(b"</")] + b"</" + new + b">"
            return data[: span[0]] + piece + data[span[1] :], f"tag case {tag.decode()}"
    texts = [m for m in _TEXT.finditer(data) if re.fullmatch(rb"[A-Za-z_]\w*", m[1])]
    if not texts:
        return hostile_text(data, rng)
    match = rng.choice(texts)
    value = match[1].upper() if rng.random() < 0.5 else match[1].swapcase()
    return data[: match.start(1)] + value + data[match.end(1) :], f"text case {match[1].decode()}"


def missing_table(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    names = list(
        re.finditer(
            rb"<(Referenc\w*EntityName|FirstEntityName|SecondEntityName)>([^<]*)<",
            data,
            re.IGNORECASE,
        )
    )
    if not names:
        return case_change(data, rng)
    match = rng.choice(names)
    return data[: match.start(2)] + b"nosuch_table" + data[match.end(2) :], "to a missing table"


def truncate(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    at = rng.randrange(len(data) + 1)
    return data[:at], f"truncate at {at}"


def encoding(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    choice = rng.choice(["bom", "bom2", "utf16", "utf16-declared", "crlf", "cr", "latin1"])
    text = data.decode("utf-8", "replace")
    if choice == "bom":
        return b"\xef\xbb\xbf" + data.removeprefix(b"\xef\xbb\xbf"), choice
    if choice == "bom2":
        return b"\xef\xbb\xbf\xef\xbb\xbf" + data, choice
    if choice == "utf16":
        return text.lstrip("\ufeff").encode("utf-16"), choice
    if choice == "utf16-declared":
        return text.lstrip("\ufeff").replace('encoding="utf-8"', 'encoding="utf-16"').encode(
            "utf-16"
        ), choice
    if choice == "crlf":
        return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"), choice
    if choice == "cr":
        return data.replace(b"\n", b"\r"), choice
    return text.encode("latin-1", "replace"), choice


def _after_declaration(data: bytes, doctype: bytes, reference: bytes) -> bytes:
    """``data`` with a DOCTYPE before its root and ``reference`` in the first text."""
    root = next((m for m in _START.finditer(data) if not m[1].startswith(b"?")), None)
    if root is None:
        return doctype + data
    name = root[1]
    doc = doctype.replace(b"ROOT", name)
    text = _TEXT.search(data, root.end())
    body = data
    if text is not None:
        body = data[: text.start(1)] + reference + data[text.end(1) :]
    return body[: root.start()] + doc + body[root.start() :]


def billion_laughs(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    levels = [b'<!ENTITY l0 "lollollollollollollollollollol">']
    for n in range(1, 10):
        levels.append(b'<!ENTITY l%d "' % n + b"&l%d;" % (n - 1) * 10 + b'">')
    doctype = b"<!DOCTYPE ROOT [" + b"".join(levels) + b"]>\n"
    return _after_declaration(data, doctype, b"&l9;"), "billion laughs"


def external_entity(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """An external entity naming the canary beside the work folders (and a real file)."""
    target = rng.choice(["../../canary.txt", "/etc/hostname", "file:///etc/passwd"])
    kind = rng.choice([b"SYSTEM", b"PARAM"])
    if kind == b"PARAM":
        doctype = b'<!DOCTYPE ROOT [<!ENTITY % p SYSTEM "' + target.encode() + b'"> %p;]>\n'
        return _after_declaration(data, doctype, b"x"), f"xxe parameter {target}"
    doctype = b'<!DOCTYPE ROOT [<!ENTITY x SYSTEM "' + target.encode() + b'">]>\n'
    return _after_declaration(data, doctype, b"&x;"), f"xxe {target}"


def control_chars(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    at = rng.randrange(len(data) + 1)
    piece = rng.choice([b"\x00", b"\x01\x02", b"&#0;", b"&#x1;", b"\xff\xfe", b"\xc3"])
    return data[:at] + piece + data[at:], f"insert {piece!r} at {at}"


XML_MUTATORS: list[Callable[[bytes, random.Random], tuple[bytes, str]]] = [
    delete_element,
    duplicate_element,
    swap_elements,
    hostile_text,
    hostile_attribute,
    bad_number,
    language_code,
    unknown_element,
    case_change,
    missing_table,
    truncate,
    encoding,
    billion_laughs,
    external_entity,
    control_chars,
]
WEIGHTS = {
    "delete_element": 3.0,
    "duplicate_element": 2.0,
    "hostile_text": 3.0,
    "hostile_attribute": 2.0,
    "bad_number": 2.0,
    "case_change": 2.0,
    "missing_table": 1.5,
    "truncate": 0.5,
    "encoding": 1.0,
    "billion_laughs": 0.4,
    "external_entity": 0.6,
    "control_chars": 0.5,
}


# --------------------------------------------------------------------------- file mutations

Files = dict[str, bytes]


def delete_file(files: Files, rng: random.Random) -> tuple[Files, str]:
    entities = [p for p in files if p.lower().endswith("entity.xml")] or list(files)
    if len(files) < 2:
        return files, "kept the only file"
    gone = rng.choice(sorted(entities))
    return {p: d for p, d in files.items() if p != gone}, f"delete file {gone}"


def duplicate_table(files: Files, rng: random.Random) -> tuple[Files, str]:
    entities = sorted(p for p in files if p.lower().endswith("/entity.xml"))
    if not entities:
        return delete_file(files, rng)
    source = rng.choice(entities)
    copy = f"Entities/{rng.choice(['Copy', source.split('/')[1].upper()])}_x/Entity.xml"
    data = files[source]
    if rng.random() < 0.5:
        data = data.replace(b"<Name", b"<NAME", 0)
    return {**files, copy: data}, f"duplicate table {source}"


def _zip(files: Files, extra: list[tuple[str, bytes]] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in sorted(files.items()):
            archive.writestr(path, data)
        for path, data in extra or []:
            archive.writestr(path, data)
    return buffer.getvalue()


@cache
def _bomb() -> bytes:
    """A .zip of forty 150 MB members of zeros (each under dvgen's per-member limit)."""
    buffer = io.BytesIO()
    zeros = bytes(150_000_000)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("Entities/Bomb/Entity.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, zeros)
    one = buffer.getvalue()
    # The same member repeated under other names: copy the compressed entry (fast).
    with zipfile.ZipFile(io.BytesIO(one)) as source:
        entry = source.infolist()[0]
        raw = one[entry.header_offset : source.start_dir]
    del zeros
    return _repeat(raw, entry, 40)


def _repeat(raw: bytes, entry: zipfile.ZipInfo, count: int) -> bytes:
    """A zip of ``count`` copies of one local entry (``raw``), each under its own name."""
    import struct

    name = entry.filename.encode()
    head_len = 30 + len(name) + struct.unpack("<H", raw[28:30])[0]
    payload = raw[head_len:]
    out, central = io.BytesIO(), io.BytesIO()
    for n in range(count):
        new = f"Entities/Bomb{n:02d}/Entity.xml".encode()
        offset = out.tell()
        out.write(raw[:26] + struct.pack("<HH", len(new), 0) + new + payload)
        central.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0,
                entry.CRC,
                entry.compress_size,
                entry.file_size,
                len(new),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + new
        )
    start = out.tell()
    out.write(central.getvalue())
    size = out.tell() - start
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, size, start, 0))
    return out.getvalue()


def zip_form(files: Files, rng: random.Random) -> tuple[Files, str]:
    """The solution as a .zip, maybe with a hostile member."""
    if list(files) == ["export.zip"]:
        return files, "zip"
    kind = rng.choice(["plain", "traversal", "traversal", "bomb", "nested", "absolute", "empty"])
    extra: list[tuple[str, bytes]] = []
    if kind == "traversal" and files:
        target = rng.choice(list(files))
        extra.append((f"../../../{ESCAPE}", files[target]))
        if rng.random() < 0.5:
            extra.append(("../../Other/Solution.xml", files.get("Other/Solution.xml", b"<x/>")))
    elif kind == "absolute":
        extra.append((f"/tmp/{ESCAPE}", b"<x/>"))
    elif kind == "nested":
        inner = _zip(files)
        return {"export.zip": _zip({}, [("inner.zip", inner), ("Other/x.txt", b"")])}, "nested zip"
    elif kind == "empty":
        return {"export.zip": _zip({})}, "empty zip"
    elif kind == "bomb":
        return {"export.zip": _bomb()}, "zip bomb"
    return {"export.zip": _zip(files, extra)}, f"zip {kind}"


# --------------------------------------------------------------------------- cases


def make_case(seed: int, index: int, sample: float = 0.1) -> fuzz.Case:
    rng = random.Random(f"solutions:{seed}:{index}")
    solutions = bases()
    if not solutions:
        raise RuntimeError("no base solutions: ../shared/solutions and /tmp/solutions* absent")
    small = [s for s in solutions if s.size <= MAX_BASE_BYTES]
    base = rng.choice(solutions if not small or rng.random() < 0.05 else small)
    files = dict(base.files)
    steps: list[str] = [base.name]
    xml = [p for p in files if p.lower().endswith(".xml")]
    names = [m.__name__ for m in XML_MUTATORS]
    weights = [WEIGHTS.get(n, 1.0) for n in names]
    for _ in range(1 + min(2, int(rng.expovariate(1.2)))):
        roll = rng.random()
        if roll < 0.06:
            files, step = delete_file(files, rng)
        elif roll < 0.1:
            files, step = duplicate_table(files, rng)
        elif xml:
            path = rng.choice(sorted(p for p in files if p.lower().endswith(".xml")) or xml)
            if path not in files:
                continue
            mutate = rng.choices(XML_MUTATORS, weights)[0]
            files[path], step = mutate(files[path], rng)
            step = f"{path}: {step}"
        else:
            continue
        steps.append(step)
    if "export.zip" in files or rng.random() < 0.12:
        files, step = zip_form(files, rng)
        steps.append(step)
    folder = "sol.zip" if "export.zip" in files else "sol"
    laid = {("sol.zip" if p == "export.zip" else f"{folder}/{p}"): d for p, d in files.items()}
    return fuzz.Case(
        seed,
        index,
        laid,
        folder,
        steps,
        preexisting=rng.random() < 0.5,
        sampled=rng.random() < sample,
    )


# --------------------------------------------------------------------------- the verdict


def verdict(
    case: fuzz.Case, work: fuzz.Workspace, outcome: fuzz.Outcome, before: dict[str, bytes]
) -> list[fuzz.Failure]:
    """Everything wrong with one case's outcome (an empty list: it passed)."""
    if outcome.escaped:
        kind = "timeout" if outcome.escaped.startswith("timeout") else "exception-escaped-main"
        return [fuzz.Failure(kind, outcome.escaped)]
    if outcome.rc not in (0, 2):
        last = outcome.stderr.strip().splitlines()[-1:] or [""]
        return [fuzz.Failure(f"exit-{outcome.rc}", last[0][:2000])]
    failures, errors = stream_failures(case, work, outcome)
    after = fuzz.snapshot(work.out)
    failures += escapes(work, outcome, after)
    if outcome.rc == 2:
        if errors == 0:
            failures.append(fuzz.Failure("exit-2-without-error", outcome.stderr[:300]))
        if after != before:
            changed = sorted(set(after) ^ set(before)) or sorted(
                k for k in after if after[k] != before.get(k)
            )
            failures.append(fuzz.Failure("wrote-on-error", f"output folder changed: {changed[:5]}"))
        return failures
    for rel in ("keep.txt", "odata/notes.md"):
        if before.get(rel) != after.get(rel):
            failures.append(fuzz.Failure("touched-foreign-file", rel))
    failures += lost_columns(case, work, outcome)
    if case.sampled:
        failures += fuzz.validate_outputs(work.out)
    return failures


_ATTRIBUTE = re.compile(rb"<attribute\b[^>]*>(.*?)</attribute>", re.S | re.I)
_LOGICAL = re.compile(rb"<LogicalName>\s*([A-Za-z_][A-Za-z0-9_]*)\s*</LogicalName>", re.I)


def scan_columns(data: bytes) -> set[str]:
    """The column logical names of one Entity.xml or customizations.xml, by a regular
    expression over its ``<attribute>`` elements (independent of dvgen's reader)."""
    names = set()
    for match in _ATTRIBUTE.finditer(data):
        found = _LOGICAL.search(match[1])
        if found is not None:
            names.add(found[1].decode().lower())
    return names


def lost_columns(
    case: fuzz.Case, work: fuzz.Workspace, outcome: fuzz.Outcome
) -> list[fuzz.Failure]:
    """On exit 0, every column a table file states is in the model (any table), or a
    diagnostic names that file: nothing is dropped silently."""
    model = " ".join(p.read_text(encoding="utf-8") for p in (work.out / "model").glob("*.yaml"))
    in_model = {name.strip("'\"").lower() for name in re.findall(r"logical_name: (\S+)", model)}
    named = {
        fuzz.absolute(m["path"], work.root)
        for m in map(fuzz._DIAGNOSTIC.match, outcome.stderr.splitlines())
        if m is not None
    }
    for rel, data in sorted(case.files.items()):
        if not rel.lower().endswith(("entity.xml", "customizations.xml")):
            continue
        lost = scan_columns(data) - in_model
        if lost and str(work.specs / rel) not in named:
            shown = ", ".join(sorted(lost)[:5])
            return [
                fuzz.Failure("lost-column", f"{rel}: {len(lost)} columns lost silently: {shown}")
            ]
    return []


def stream_failures(
    case: fuzz.Case, work: fuzz.Workspace, outcome: fuzz.Outcome
) -> tuple[list[fuzz.Failure], int]:
    """stdout empty, no traceback, every stderr line a diagnostic naming an existing file
    (a solution's file, a member of its .zip, the config) or an output."""
    found: dict[str, fuzz.Failure] = {}
    if "Traceback (most recent call last)" in outcome.stderr + outcome.stdout:
        found["traceback"] = fuzz.Failure("traceback", outcome.stderr[-2000:])
    if "internal error" in outcome.stderr:
        found["internal"] = fuzz.Failure("internal-error", outcome.stderr[-2000:])
    if len(outcome.stderr) > fuzz.MAX_STDERR:
        found["flood"] = fuzz.Failure("stderr-flood", f"{len(outcome.stderr)} characters")
    if outcome.stdout:
        found["stdout"] = fuzz.Failure("stdout", f"printed on stdout: {outcome.stdout[:300]!r}")
    zip_path = str(work.specs / "sol.zip")
    errors = 0
    for line in outcome.stderr.splitlines()[:5000]:
        match = fuzz._DIAGNOSTIC.match(line)
        if match is None:
            detail = f"not `file:line: severity: message`: {line[:300]!r}"
            found.setdefault("form", fuzz.Failure("diagnostic-form", detail))
            continue
        named = fuzz.absolute(match["path"], work.root)
        member = named.startswith(zip_path + os.sep) and "sol.zip" in case.files
        exists = os.path.exists(named)
        if not (exists or member or named.startswith(f"{work.out}{os.sep}")):
            detail = f"names no input or output file: {line[:300]!r}"
            found.setdefault("path", fuzz.Failure("diagnostic-path", detail))
        errors += match["sev"] == "error"
    return list(found.values()), errors


def escapes(
    work: fuzz.Workspace, outcome: fuzz.Outcome, after: dict[str, bytes]
) -> list[fuzz.Failure]:
    """Nothing read or written outside the case's folder: no canary text anywhere dvgen wrote
    or printed, no file a traversal member names, nothing new beside specs/ and out/."""
    failures: list[fuzz.Failure] = []
    texts = [
        outcome.stderr,
        outcome.stdout,
        *(d.decode("utf-8", "replace") for d in after.values()),
    ]
    leaked = [t for t in texts if CANARY in t or "root:x:0:0" in t]
    if leaked:
        failures.append(
            fuzz.Failure("read-outside", f"a file outside was read: {leaked[0][:200]!r}")
        )
    around = {p.name for p in work.root.iterdir()} - {"out", "specs", "empty.toml"}
    escaped = [
        p
        for p in (work.root.parent, work.root.parent.parent, Path("/tmp"))
        if (p / ESCAPE).exists()
    ]
    if around or escaped:
        failures.append(fuzz.Failure("wrote-outside-out", f"new: {sorted(around)[:5]} {escaped}"))
    return failures


# --------------------------------------------------------------------------- a session


def save_case(
    case: fuzz.Case, settings: fuzz.Settings, failures: list[fuzz.Failure], outcome: fuzz.Outcome
) -> Path:
    folder = settings.artifacts / f"solutions-{case.seed}" / f"case-{case.index}"
    shutil.rmtree(folder, ignore_errors=True)
    for name, data in case.files.items():
        path = folder / "specs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    why = "\n".join(f"{f.kind}: {f.detail}" for f in failures)
    (folder / "README.txt").write_text(
        f"{case.describe()}\nexit {outcome.rc}\n\n{why}\n\nstderr:\n{outcome.stderr[:20000]}\n\n"
        f"replay: .venv/bin/python -m tests.fuzz_solutions replay {case.seed} {case.index}\n",
        encoding="utf-8",
    )
    return folder


SOLUTIONS = fuzz.Campaign(make_case, verdict, save_case, "solutions")


def run(settings: fuzz.Settings, root: Path) -> fuzz.Report:
    """Every share, over ``settings.workers`` forked processes when more than one."""
    bases()
    _bomb()  # made once, before any fork
    (root / "canary.txt").write_text(CANARY + "\n", encoding="utf-8")
    return fuzz.run_campaign(settings, root, SOLUTIONS)


def main(argv: list[str] | None = None) -> int:
    """``python -m tests.fuzz_solutions replay SEED CASE...`` or ``... run`` (env settings)."""
    args = list(sys.argv[1:] if argv is None else argv)
    settings = settings_from_env()
    if args[:1] == ["replay"] and len(args) >= 3:
        settings = dataclasses.replace(
            settings, seed=int(args[1]), replay=tuple(int(a) for a in args[2:]), sample=1.0
        )
    elif args[:1] != ["run"]:
        print(__doc__)
        return 2
    with tempfile.TemporaryDirectory(prefix="dvgen-fuzzsol-") as tmp:
        report = run(settings, Path(tmp))
    print(fuzz.failure_text(report).replace("tests.fuzz replay", "tests.fuzz_solutions replay"))
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
