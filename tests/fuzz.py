"""A seeded mutation fuzzer for dvgen: real pages and YAML specs, mutated, through the CLI.

Each case is a pure function of ``(seed, index)``: one base spec (every corpus page, the seed
page, the repository's YAML spec and the canonical YAML dvgen writes for a few pages), mutated
one to four times (lines deleted, duplicated, swapped; a heading deleted; a table cell blanked or
replaced by a hostile value; truncation; for YAML also scalar type swaps, huge numbers, aliases,
deep nesting, tabs; and the structure-aware mutators of ``tests/fuzz_struct.py``), sometimes
beside a second, unmutated spec; or a spec of the hand-written app ``tests/yaml_app/`` beside 1-3
specs it relates to (a spec set). The case runs through
``dvgen.cli.main(["generate", ...])`` in this process, and :func:`verdict` says what is wrong
with the outcome (see ``tests/test_fuzz.py`` for the list of properties).

Settings (environment variables), read by ``tests/test_fuzz.py`` and by ``python -m tests.fuzz``:

=====================  ========================================================================
DVGEN_FUZZ_SEED        the seed (default 20261206)
DVGEN_FUZZ_CASES       how many cases (default 1200 when DVGEN_FUZZ_SECONDS is not set either)
DVGEN_FUZZ_SECONDS     time budget (default: 90 with the default cases, none when CASES is set)
DVGEN_FUZZ_WORKERS     processes sharing the cases (default 2, or 1 on one core)
DVGEN_FUZZ_SAMPLE      share of exit-0 cases whose outputs go through the validators (0.1)
DVGEN_FUZZ_TIMEOUT     seconds one case may take before it counts as a hang (10)
DVGEN_FUZZ_ARTIFACTS   where failing inputs are written (default $TMPDIR/dvgen-fuzz)
DVGEN_FUZZ_REPLAY      run only these cases: ``N``, ``N,M`` or ``SEED:N`` (checks all sampled)
DVGEN_FUZZ_PAGES       more base pages: a glob of folders (``/tmp/unseen*/pages``; default none)
=====================  ========================================================================

The long run (Done-when 2 of issue 9)::

    DVGEN_FUZZ_CASES=100000 DVGEN_FUZZ_WORKERS=$(nproc) .venv/bin/pytest tests/test_fuzz.py -q

Replay one failing case (the failure message prints this line)::

    .venv/bin/python -m tests.fuzz replay SEED CASE     # writes the input, runs it, prints why
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import itertools
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from tests import fuzz_records, fuzz_struct

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DVGEN_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
SEED_PAGE = SHARED / "seed" / "backgroundoperation.md"
XSD = SHARED / "validators" / "odata-csdl-xsd" / "edmx.xsd"

DEFAULT_SEED = 20261206
CI_CASES = 1200
"""Cases when neither DVGEN_FUZZ_CASES nor DVGEN_FUZZ_SECONDS is set: 15-30 s on 2 cores."""
CI_SECONDS = 90.0
"""... and the time that run may take at most (a slow machine runs fewer cases, and says so)."""


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class Settings:
    seed: int = DEFAULT_SEED
    cases: int | None = None
    seconds: float | None = None
    workers: int = 1
    sample: float = 0.1
    timeout: float = 10.0
    artifacts: Path = Path(tempfile.gettempdir()) / "dvgen-fuzz"
    replay: tuple[int, ...] = ()

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        seed = int(env.get("DVGEN_FUZZ_SEED", DEFAULT_SEED))
        cases_text, seconds_text = env.get("DVGEN_FUZZ_CASES"), env.get("DVGEN_FUZZ_SECONDS")
        cases: int | None = int(cases_text) if cases_text else None
        seconds: float | None = float(seconds_text) or None if seconds_text else None
        if not cases_text and not seconds_text:
            cases, seconds = CI_CASES, CI_SECONDS
        replay: list[int] = []
        for item in filter(None, env.get("DVGEN_FUZZ_REPLAY", "").split(",")):
            seed_text, _, number = item.rpartition(":")
            seed = int(seed_text) if seed_text else seed
            replay.append(int(number))
        return cls(
            seed=seed,
            cases=cases,
            seconds=seconds,
            workers=max(1, int(env.get("DVGEN_FUZZ_WORKERS", min(2, os.cpu_count() or 1)))),
            sample=1.0 if replay else float(env.get("DVGEN_FUZZ_SAMPLE", 0.1)),
            timeout=float(env.get("DVGEN_FUZZ_TIMEOUT", 10)),
            artifacts=Path(env.get("DVGEN_FUZZ_ARTIFACTS") or cls.artifacts),
            replay=tuple(replay),
        )


# --------------------------------------------------------------------------- base specs


@dataclass(frozen=True)
class Base:
    name: str
    """File name in the specs folder (``account.md``, ``contoso_project.yaml``)."""
    text: str


@cache
def bases() -> tuple[tuple[Base, ...], tuple[Base, ...]]:
    """(pages, YAML specs): every corpus page and the seed page; the YAML specs."""
    pages: list[Base] = []
    if CORPUS.is_dir():
        pages = [Base(p.name, p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.md"))]
    extra = os.environ.get("DVGEN_FUZZ_PAGES", "")
    for folder in sorted(Path("/").glob(extra.lstrip("/"))) if extra else []:
        pages += [Base(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.md"))]
    unique: dict[str, Base] = {}
    for page in pages:
        unique.setdefault(page.text, page)  # the first of equal texts
    pages = list(unique.values())
    seen = set(unique)
    for path in (SEED_PAGE, ROOT / "specs" / "backgroundoperation.md"):
        if path.is_file() and path.read_text(encoding="utf-8") not in seen:
            pages.append(Base(path.name, path.read_text(encoding="utf-8")))
            seen.add(pages[-1].text)
    yamls = [Base(p.name, p.read_text(encoding="utf-8")) for p in sorted(ROOT.glob("specs/*.yaml"))]
    yamls += canonical_yaml([b for b in pages if b.name in CANONICAL_PAGES])
    return tuple(pages), tuple(yamls)


APP = ROOT / "tests" / "yaml_app"
"""A hand-written YAML app (14 related tables, a customization of ``contact`` and of a global
choice): the base of the spec-set cases."""


@cache
def app_bases() -> tuple[Base, ...]:
    """The app's specs, and the corpus pages its customization needs (``contact``, ``account``)."""
    found = [Base(p.name, p.read_text(encoding="utf-8")) for p in sorted(APP.glob("*.yaml"))]
    for page in ("account.md", "contact.md"):
        if (CORPUS / page).is_file():
            found.append(Base(page, (CORPUS / page).read_text(encoding="utf-8")))
    return tuple(found)


def spec_set(rng: random.Random, base: Base) -> list[Base]:
    """One to three app specs that relate to ``base`` (name each other), or any others."""
    app = [b for b in app_bases() if b.name != base.name]
    stem = base.name.removesuffix(".yaml")
    related = [b for b in app if stem in b.text or b.name.removesuffix(".yaml") in base.text]
    chosen = rng.sample(related or app, min(len(related or app), rng.randint(1, 3)))
    if any("customizes: contact" in b.text for b in (base, *chosen)):
        chosen += [b for b in app if b.name in ("account.md", "contact.md") and b not in chosen]
    return chosen


CANONICAL_PAGES = (
    "account.md",
    "accountleads.md",
    "aciviewmapper.md",
    "annotation.md",
    "backgroundoperation.md",
    "environmentvariabledefinition.md",
    "msdyn_odatav4ds.md",
    "solution.md",
)
"""Pages whose canonical YAML (what ``dvgen generate`` writes under model/) is a base too."""


def canonical_yaml(pages: list[Base]) -> list[Base]:
    from dvgen.cli import main

    found: list[Base] = []
    with tempfile.TemporaryDirectory(prefix="dvgen-fuzz-base-") as tmp:
        work = Path(tmp)
        specs, out = work / "specs", work / "out"
        specs.mkdir()
        for page in pages:
            (specs / page.name).write_text(page.text, encoding="utf-8")
        (work / "empty.toml").write_text("", encoding="utf-8")
        argv = ["generate", "--specs", str(specs), "--out", str(out), "--no-cache", "-q"]
        argv += ["--config", str(work / "empty.toml"), "--jobs", "1", "--target", "model"]
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            rc = main(argv)
        if rc != 0:
            raise RuntimeError(f"dvgen generate of the base pages: exit {rc}: {err.getvalue()}")
        for path in sorted((out / "model").glob("*.yaml")):
            found.append(Base(f"model_{path.name}", path.read_text(encoding="utf-8")))
    return found


# --------------------------------------------------------------------------- hostile values


def _huge(digits: int) -> str:
    return "9" * digits


HOSTILE = [
    "",
    " ",
    "0",
    "-1",
    "-0",
    "1.5",
    "1E-12",
    "1e309",
    "NaN",
    "inf",
    "2147483648",
    "9223372036854775808",
    "18446744073709551616",
    "-99999999999999999999999999999999999999",
    _huge(40),
    _huge(4300),
    _huge(4301),
    "1" + "0" * 5000,
    "a" * 129,
    "a" * 245,
    "x" * 300,
    "new_" + "é" * 40,
    "名前🙂Ωé",
    "\u202eevil",
    "zero\u200bwidth",
    "nul\x00byte",
    "bell\x07",
    "\x1b[31mred",
    "tab\there",
    "\tleading tab<br />second line",
    "line\u2028sep",
    "{{ 7*7 }}",
    "{% raw %}",
    "{# x",
    "</Property>",
    "]]><x/>",
    "\"'<>&",
    "'); DROP TABLE account; --",
    "*/ --",
    "\\",
    "|",
    "`",
    "``",
    "**",
    "**x**",
    "<br />",
    "[x](y.md#BKMK_x)",
    "#",
    "- ",
    "> ",
    "null",
    "~",
    "true",
    "no",
    "&anchor",
    "*alias",
    "!!python/object/apply:os.system ['true']",
    "a b",
    "1a",
    "_",
    "Lookup",
    "Picklist",
    "None",
    "systemuser, team",
    ",,,",
]

HOSTILE_YAML = [
    "",
    "~",
    "null",
    "[]",
    "{}",
    "[1, 2]",
    "{a: 1}",
    "yes",
    "no",
    "true",
    "false",
    "0",
    "-1",
    "0x1F",
    "0o17",
    "1_000",
    "1e999",
    ".inf",
    "-.inf",
    ".nan",
    "1.5",
    "18446744073709551616",
    _huge(4301),
    "-" + _huge(5000),
    "'" + "a" * 300 + "'",
    "'" + "a" * 129 + "'",
    '"\\u0000"',
    '"\\t lead"',
    '"\\x07bell"',
    "\t",
    "'{{ 7*7 }}'",
    "'</Property>'",
    '"\'); DROP TABLE t; --"',
    "&a anchored",
    "*a",
    "*undefined_alias",
    "!!binary aGVsbG8=",
    "!!python/object/apply:os.system ['true']",
    "!!set {a, b}",
    "!!timestamp 2001-12-14",
    "2001-12-14",
    "|\n  \tfirst line starts with a tab\n  second",
    '"\\tline one\\nline two"',
    '"x\\u2028y"',
    "'名前🙂'",
    "? complex\n: key",
    "- a\n- b",
    "[" * 60 + "]" * 60,
]


# --------------------------------------------------------------------------- cases


@dataclass
class Case:
    seed: int
    index: int
    files: dict[str, bytes]
    """Spec file name -> bytes, as the specs folder holds them."""
    mutated: str
    """The name of the file that was mutated."""
    steps: list[str] = field(default_factory=list)
    preexisting: bool = False
    """The output folder holds earlier files before the run."""
    sampled: bool = False
    """Run the (costly) validators when the case exits 0."""
    config: str = ""
    """The pyproject.toml text given with --config (most cases: empty)."""

    def describe(self) -> str:
        return f"seed {self.seed} case {self.index}: {self.mutated}: " + "; ".join(self.steps)


def make_case(seed: int, index: int, sample: float = 0.1) -> Case:
    rng = random.Random(f"{seed}:{index}")
    pages, yamls = bases()
    if not pages and not yamls:
        raise RuntimeError("no base specs: ../shared/corpus and specs/ are both absent")
    is_page = bool(pages) and (not yamls or rng.random() < 0.75)
    in_set = not is_page and rng.random() < 0.4 and bool(app_bases())
    apps = [b for b in app_bases() if b.name.endswith(".yaml")]
    base = rng.choice(apps if in_set else pages if is_page else yamls)
    text = base.text
    steps: list[str] = []
    mutators = PAGE_MUTATORS if is_page else YAML_MUTATORS
    names = [m.__name__ for m in mutators]
    weights = [MUTATOR_WEIGHTS.get(n, 1.0) for n in names]
    for _ in range(1 + min(3, int(rng.expovariate(1.2)))):
        mutate = rng.choices(mutators, weights)[0]
        text, step = mutate(text, rng)
        steps.append(step)
    config = ""
    if rng.random() < 0.1:
        key = rng.choice(CONFIG_KEYS)
        value = rng.choice(CONFIG_VALUES)
        if key in ("specs", "out", "templates", "cache-dir") and value.startswith(("'", '"')):
            value = "3"
        config = f"[tool.dvgen]\n{key} = {value}\n"
        steps.append(f"config {key} = {value[:40]}")
    files = {base.name: text.encode("utf-8", "surrogatepass")}
    if in_set:
        for other in spec_set(rng, base):
            files[other.name] = other.text.encode("utf-8")
        steps.append("beside " + ", ".join(sorted(set(files) - {base.name})))
    elif rng.random() < 0.15:
        other = rng.choice([b for b in (*pages, *yamls) if b.name != base.name])
        files[other.name] = other.text.encode("utf-8")
        steps.append(f"beside {other.name}")
    return Case(
        seed,
        index,
        files,
        base.name,
        steps,
        preexisting=rng.random() < 0.5,
        sampled=rng.random() < sample or any(step.startswith(NUMERIC_KEYS) for step in steps),
        config=config,
    )


CONFIG_KEYS = (
    "specs",
    "out",
    "targets",
    "templates",
    "jsonschema-base-uri",
    "pydantic-package",
    "sql-dialects",
    "sql-label-tables",
    "odata-namespace",
    "odata-alias",
    "odata-container",
    "cache",
    "cache-dir",
    "jobs",
    "no-such-key",
)
"""``[tool.dvgen]`` keys a case may set (paths only to values that are not strings: the
command line's --specs and --out win anyway, and no case may write outside its folder)."""
CONFIG_VALUES = (
    "3",
    "-1",
    "0",
    "1e400",
    "true",
    "[]",
    '["sqlite"]',
    '["nope"]',
    '["model", "odata"]',
    "[1, 2]",
    "{a = 1}",
    '""',
    '"x"',
    '"class"',
    '"1abc"',
    '"名前"',
    '"a.b"',
    '"' + "a" * 300 + '"',
    '"{{ x }}"',
    '"</Property>"',
    '"has space"',
    "2026-12-06",
)


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _pick(rng: random.Random, lines: list[str], test: Callable[[str], bool]) -> int | None:
    found = [i for i, line in enumerate(lines) if test(line)]
    return rng.choice(found) if found else None


def delete_line(text: str, rng: random.Random) -> tuple[str, str]:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    del lines[i]
    return "\n".join(lines), f"delete line {i + 1}"


def delete_lines(text: str, rng: random.Random) -> tuple[str, str]:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    n = rng.randint(2, 12)
    del lines[i : i + n]
    return "\n".join(lines), f"delete lines {i + 1}-{i + n}"


def duplicate_line(text: str, rng: random.Random) -> tuple[str, str]:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    lines.insert(i, lines[i])
    return "\n".join(lines), f"duplicate line {i + 1}"


def swap_lines(text: str, rng: random.Random) -> tuple[str, str]:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    j = min(len(lines) - 1, i + 1) if rng.random() < 0.6 else rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines), f"swap lines {i + 1} and {j + 1}"


def truncate(text: str, rng: random.Random) -> tuple[str, str]:
    at = rng.randrange(len(text) + 1)
    return text[:at], f"truncate at character {at}"


def delete_heading(text: str, rng: random.Random) -> tuple[str, str]:
    lines = _lines(text)
    level = rng.choice(["## ", "### ", "#### ", "#"])
    i = _pick(rng, lines, lambda line: line.startswith(level))
    if i is None:
        return delete_line(text, rng)
    del lines[i]
    return "\n".join(lines), f"delete heading at line {i + 1}"


def replace_heading(text: str, rng: random.Random) -> tuple[str, str]:
    lines = _lines(text)
    i = _pick(rng, lines, lambda line: line.startswith("#"))
    if i is None:
        return delete_line(text, rng)
    hashes = lines[i].split(" ", 1)[0]
    value = rng.choice(HOSTILE)
    lines[i] = (rng.choice(["#", "##", "###", "####", hashes]) + " " + value).rstrip()
    return "\n".join(lines), f"replace heading at line {i + 1} by {lines[i][:60]!r}"


_ROW = re.compile(r"^\s*\|.*\|")
_SEP = re.compile(r"^\s*\|?[\s:|-]+$")


def _cells(line: str) -> list[str]:
    return line.split("|")


def _table_rows(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if _ROW.match(line) and not _SEP.match(line)]


NUMERIC_KEYS = ("MaxLength", "MaxValue", "MinValue", "Precision", "MaxSizeInKB", "DefaultValue")
HOSTILE_NUMBERS = [
    "-1",
    "0",
    "1.5",
    "1E-12",
    "1e309",
    "-1e309",
    "NaN",
    "2147483648",
    "-2147483649",
    "9223372036854775808",
    "18446744073709551616",
    "340282366920938463463374607431768211456",
    _huge(4300),
    _huge(4301),
    "-" + _huge(5000),
    "1,000",
    "0x10",
]
"""Values for the numeric rows (a targeted cell of NUMERIC_KEYS, more than half the time)."""

TARGETED_KEYS = (
    "SchemaName",
    "LogicalName",
    "MaxLength",
    "MaxValue",
    "MinValue",
    "Precision",
    "Targets",
    "Type",
    "RequiredLevel",
    "DefaultValue",
    "DefaultFormValue",
    "EntitySetName",
    "PrimaryIdAttribute",
    "ReferencedEntity",
    "ReferencingAttribute",
    "IntersectEntityName",
    "MaxSizeInKB",
    "Format",
    "OwnershipType",
    "TableType",
)


def _replace_cell(
    text: str, rng: random.Random, value: str | None, targeted: bool
) -> tuple[str, str]:
    lines = _lines(text)
    rows = _table_rows(lines)
    key = ""
    if targeted:
        key = rng.choice(TARGETED_KEYS)
        keyed = [i for i in rows if re.match(rf"^\s*\|\s*(\*\*)?{key}(\*\*)?\s*\|", lines[i])]
        rows = keyed or rows
        if value is None and key in NUMERIC_KEYS and rng.random() < 0.6:
            value = rng.choice(HOSTILE_NUMBERS)
    if not rows:
        return delete_line(text, rng)
    i = rng.choice(rows)
    cells = _cells(lines[i])
    # cells[0] is what precedes the first pipe; the last is after the closing one
    inner = list(range(1, max(2, len(cells) - 1)))
    c = inner[-1] if targeted and len(inner) > 1 else rng.choice(inner)
    if value is None:
        value = rng.choice(HOSTILE)
        if rng.random() < 0.3 and cells[c].strip().startswith("`"):
            value = f"`{value}`"
    cells[c] = value
    lines[i] = "|".join(cells)
    shown = value if len(value) < 40 else f"{value[:20]}...({len(value)} chars)"
    return "\n".join(lines), f"{key + ' ' if key else ''}cell {c} of line {i + 1} := {shown!r}"


def blank_cell(text: str, rng: random.Random) -> tuple[str, str]:
    return _replace_cell(text, rng, "", targeted=rng.random() < 0.5)


def hostile_cell(text: str, rng: random.Random) -> tuple[str, str]:
    return _replace_cell(text, rng, None, targeted=False)


def hostile_key_cell(text: str, rng: random.Random) -> tuple[str, str]:
    return _replace_cell(text, rng, None, targeted=True)


def hostile_line(text: str, rng: random.Random) -> tuple[str, str]:
    lines = _lines(text)
    i = rng.randrange(len(lines) + 1)
    value = rng.choice(
        [
            rng.choice(HOSTILE),
            "|" + rng.choice(HOSTILE) + "|" + rng.choice(HOSTILE) + "|",
            "|Property|Value|",
            "|---|---|",
            "|LogicalName|" + rng.choice(HOSTILE) + "|",
            "### " + rng.choice(HOSTILE),
            "#### " + rng.choice(HOSTILE) + " Choices/Options",
            "---",
            "```",
            "<!--",
            "> [!NOTE]\n> The Microsoft Dynamics 365 Sales Account table extends the "
            "[Microsoft Dataverse Account table](/power-apps/x/account).",
        ]
    )
    lines.insert(i, value)
    return "\n".join(lines), f"insert line {i + 1}: {value[:60]!r}"


def yaml_scalar(text: str, rng: random.Random) -> tuple[str, str]:
    lines = _lines(text)
    pattern = re.compile(r"^(\s*(?:- )?[A-Za-z_][\w ]*:)( .*)?$")
    i = _pick(rng, lines, lambda line: bool(pattern.match(line)))
    if i is None:
        return delete_line(text, rng)
    match = pattern.match(lines[i])
    assert match is not None
    value = rng.choice(HOSTILE_YAML)
    indent = " " * (len(match.group(1)) - len(match.group(1).lstrip()) + 2)
    value = value.replace("\n", "\n" + indent)
    lines[i] = f"{match.group(1)} {value}"
    shown = value if len(value) < 40 else f"{value[:20]}...({len(value)} chars)"
    return "\n".join(lines), f"line {i + 1} value := {shown!r}"


def yaml_structure(text: str, rng: random.Random) -> tuple[str, str]:
    """Load, replace one node (type swap, hostile value, nesting), dump again."""
    import yaml

    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, ValueError, RecursionError):
        return yaml_scalar(text, rng)
    if not isinstance(data, dict):
        return yaml_scalar(text, rng)
    path: list[Any] = []
    node: Any = data
    while isinstance(node, dict | list) and node and (not path or rng.random() < 0.75):
        key = rng.choice(list(node)) if isinstance(node, dict) else rng.randrange(len(node))
        path.append(key)
        node = node[key]
    if not path:
        return yaml_scalar(text, rng)
    choices: list[Any] = [
        None,
        "",
        0,
        -1,
        True,
        2**64,
        "__HUGE_INT__",
        -(10**40),
        1.5e308,
        float("inf"),
        "x" * 300,
        "\tlead\nline two",
        "\x07\x1b[0m",
        [],
        {},
        [node],
        {"value": node},
        str(node),
    ]
    if isinstance(node, str) and node.isdigit():
        choices.append(int(node))
    deep: Any = node
    for _ in range(rng.choice([10, 100, 400])):
        deep = [deep]
    choices.append(deep)
    value = rng.choice(choices)
    parent: Any = data
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    try:
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        dumped = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=1000)
    except (yaml.YAMLError, RecursionError):
        return yaml_scalar(text, rng)
    dumped = dumped.replace("'__HUGE_INT__'", _huge(4301)).replace("__HUGE_INT__", _huge(4301))
    shown = repr(value)
    shown = shown if len(shown) < 40 else f"{shown[:20]}...({len(shown)} chars)"
    return dumped, f"node {'/'.join(map(str, path))} := {shown}"


def yaml_alias(text: str, rng: random.Random) -> tuple[str, str]:
    """An alias bomb ("billion laughs") or a plain alias, under extra: or a column."""
    depth = rng.choice([2, 3, 5, 9])
    width = rng.choice([2, 5, 9])
    lines = ["extra:", "  a0: &a0 [lol]"]
    for level in range(1, depth):
        refs = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"  a{level}: &a{level} [{refs}]")
    block = "\n".join(lines)
    body = [line for line in _lines(text) if not line.startswith("extra:")]
    if rng.random() < 0.5:
        return "\n".join(body) + "\n" + block + "\n", f"alias bomb {depth}x{width} under extra"
    return block + "\n" + "\n".join(body), f"alias bomb {depth}x{width} at the top"


def yaml_tabs(text: str, rng: random.Random) -> tuple[str, str]:
    lines = _lines(text)
    i = _pick(rng, lines, lambda line: line.startswith(" "))
    if i is None:
        return delete_line(text, rng)
    stripped = lines[i].lstrip(" ")
    lines[i] = "\t" * rng.randint(1, 2) + stripped
    return "\n".join(lines), f"indent line {i + 1} with tabs"


def yaml_deep(text: str, rng: random.Random) -> tuple[str, str]:
    depth = rng.choice([50, 500, 5000])
    kind = rng.choice(["flow", "block"])
    if kind == "flow":
        value = "[" * depth + "1" + "]" * depth
    else:
        value = "\n".join("  " * (k + 1) + f"k{k}:" for k in range(min(depth, 800))) + " 1"
    return text.rstrip("\n") + f"\nextra:\n  deep: {value}\n", f"{kind} nesting {depth} deep"


PAGE_MUTATORS: list[Callable[[str, random.Random], tuple[str, str]]] = [
    delete_line,
    delete_lines,
    duplicate_line,
    swap_lines,
    truncate,
    delete_heading,
    replace_heading,
    blank_cell,
    hostile_cell,
    hostile_key_cell,
    hostile_line,
]
YAML_MUTATORS: list[Callable[[str, random.Random], tuple[str, str]]] = [
    delete_line,
    duplicate_line,
    swap_lines,
    truncate,
    yaml_scalar,
    yaml_structure,
    yaml_alias,
    yaml_tabs,
    yaml_deep,
]
PAGE_MUTATORS += fuzz_struct.PAGE_MUTATORS
YAML_MUTATORS += fuzz_struct.YAML_MUTATORS
MUTATOR_WEIGHTS = {
    **fuzz_struct.WEIGHTS,
    "truncate": 0.3,
    "delete_heading": 2.0,
    "hostile_key_cell": 2.5,
    "hostile_cell": 1.5,
    "blank_cell": 1.5,
    "yaml_scalar": 3.0,
    "yaml_structure": 3.0,
    "yaml_alias": 0.25,
    "yaml_deep": 0.4,
}


# --------------------------------------------------------------------------- independent scan


@dataclass(frozen=True)
class ScannedColumn:
    name: str
    """The LogicalName cell, without backticks or bold, lower case."""
    line: int
    start: int
    """First line of the region a warning about this column may name: its H2 section."""
    end: int
    """Last line of its block (before the next heading)."""


_LOGICAL = re.compile(r"^\s*\|\s*(?:\*\*)?LogicalName(?:\*\*)?\s*\|([^|]*)")
_COLUMN_SECTION = re.compile(r"column|attribute", re.IGNORECASE)
_SIDE = re.compile(r"^\s*\|\s*(?:\*\*)?(?:IntersectAttribute|NavigationPropertyName)(?:\*\*)?\s*\|")
_SIDE_HEADING = re.compile(r"^####\s+Table\b")
_BOLD_LOGICAL = re.compile(r"^\*\*LogicalName\*\*:([^<]*)")
"""A column's name on a page of bold lines (Dynamics 365, 2017): ``**LogicalName**: x<br />``."""


def scan_columns(text: str) -> list[ScannedColumn]:
    """Column property tables of a page, by lines only (independent of dvgen's parser).

    A column is a property table (two rows or more) with a ``LogicalName`` row, inside a
    ``### `` block (any section: a deleted ``##`` heading moves columns into the previous
    section, they are still columns) or directly under a columns/attributes ``##`` section,
    or on a page of bold lines a ``**LogicalName**: x<br />`` line in such a block (the first
    of its block); each distinct name of a block counts once. The table's own ``LogicalName`` (under
    ``## Properties``) is not in a ``###`` block and not counted, nor is a many-to-many side
    (under ``#### Table 1``, or with an ``IntersectAttribute`` or ``NavigationPropertyName`` row).
    """
    scanner = _Scanner()
    lines = text.split("\n")
    in_fence = False
    for number, line in enumerate(lines, 1):
        if line.startswith("```"):
            in_fence = not in_fence
        if not in_fence:
            scanner.line(number, line)
    scanner.close(len(lines))
    return scanner.found


class _Scanner:
    def __init__(self) -> None:
        self.found: list[ScannedColumn] = []
        self.h2_start = 1
        self.h2_is_columns = False
        self.in_h3 = False
        self.block: list[tuple[str, int]] = []
        self.table: list[tuple[str, int]] = []
        self.table_rows = 0
        self.table_is_side = False
        self.in_side = False
        """Under a ``#### Table 1``/``#### Table 2`` heading: a many-to-many side."""
        self.bold = False
        """This ``###`` block has had its bold ``**LogicalName**`` line."""

    def line(self, number: int, line: str) -> None:
        is_row = line.lstrip().startswith("|")
        if not is_row:
            self.end_table()
        if line.startswith(("# ", "## ", "### ")):
            self.close(number - 1)
            level = line.split(" ", 1)[0]
            if level == "##":
                self.h2_start = number
            self.h2_is_columns = level == "##" and bool(_COLUMN_SECTION.search(line))
            self.in_h3 = level == "###" and "see also" not in line.lower()
            self.in_side = False
            self.bold = False
            return
        if _SIDE_HEADING.match(line):
            self.in_side = True
        if is_row:
            self.table_rows += 1
        if _SIDE.match(line) or (is_row and self.in_side):
            self.table_is_side = True
        if (self.in_h3 or self.h2_is_columns) and (match := _LOGICAL.match(line)):
            self.table.append((match.group(1).strip().strip("`*").strip().lower(), number))
        elif self.in_h3 and not self.bold and (match := _BOLD_LOGICAL.match(line)):
            self.bold = True  # one column per block, as its first LogicalName line names it
            self.block.append((match.group(1).strip().strip("`*").strip().lower(), number))

    def end_table(self) -> None:
        # one column per property table: a second LogicalName row in the same table is a
        # duplicate row, not a second column
        if self.table and not self.table_is_side and self.table_rows >= 2:
            self.block.append(self.table[0])
        self.table = []
        self.table_is_side = False
        self.table_rows = 0

    def close(self, end: int) -> None:
        self.end_table()
        seen: set[str] = set()
        for name, line in self.block:
            if name not in seen:
                seen.add(name)
                self.found.append(ScannedColumn(name, line, self.h2_start, end))
        self.block = []


# --------------------------------------------------------------------------- running a case


class CaseTimeout(BaseException):
    """Raised by the alarm: a case ran longer than the timeout (a hang or a bomb)."""


@contextlib.contextmanager
def alarm(seconds: float) -> Iterator[None]:
    if seconds <= 0 or not hasattr(signal, "setitimer"):
        yield
        return

    def fire(signum: int, frame: object) -> None:
        raise CaseTimeout(f"case took more than {seconds:g}s")

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


PREEXISTING = {
    "keep.txt": b"not dvgen's\n",
    "model/earlier_table.yaml": b"logical_name: earlier_table\n",
    "sql/sqlite/schema.sql": b"-- an earlier schema\n",
    "pydantic/dataverse_models/__init__.py": b"# earlier\n",
    "odata/notes.md": b"mine\n",
}


@dataclass
class Outcome:
    rc: int | None
    stdout: str
    stderr: str
    seconds: float
    escaped: str = ""
    """An exception that escaped ``main`` (its type and message), else empty."""


def snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    } | {str(p.relative_to(folder)) + "/": b"" for p in folder.rglob("*") if p.is_dir()}


class Workspace:
    """A folder reused by the cases of one process: specs/, out/, an empty config."""

    def __init__(self, root: Path) -> None:
        root = Path(os.path.abspath(root))
        self.root = root
        self.specs = root / "specs"
        self.out = root / "out"
        self.config = root / "empty.toml"
        root.mkdir(parents=True, exist_ok=True)
        self.config.write_text("", encoding="utf-8")

    def prepare(self, case: Case) -> dict[str, bytes]:
        for folder in (self.specs, self.out):
            shutil.rmtree(folder, ignore_errors=True)
        self.specs.mkdir()
        self.config.write_text(case.config, encoding="utf-8")
        for name, data in case.files.items():
            (self.specs / name).parent.mkdir(parents=True, exist_ok=True)  # a solution folder
            (self.specs / name).write_bytes(data)
        if case.preexisting:
            for rel, data in PREEXISTING.items():
                path = self.out / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
        return snapshot(self.out)

    def argv(self) -> list[str]:
        """Paths relative to the workspace, the current folder while a case runs (as a user
        types them: ``--config pyproject.toml`` takes the paths of a config in ``.``)."""
        return [
            "generate",
            "--specs",
            self.specs.name,
            "--out",
            self.out.name,
            "--no-cache",
            "--config",
            self.config.name,
            "--jobs",
            "1",
        ]


def run_case(case: Case, work: Workspace, timeout: float) -> tuple[Outcome, dict[str, bytes]]:
    from dvgen.cli import main

    before = work.prepare(case)
    out, err = io.StringIO(), io.StringIO()
    rc: int | None = None
    escaped = ""
    start = time.perf_counter()
    cwd = os.getcwd()
    try:
        os.chdir(work.root)
        with alarm(timeout), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = main(work.argv())
    except CaseTimeout as exc:
        escaped = f"timeout: {exc}"
    except SystemExit as exc:
        rc = exc.code if isinstance(exc.code, int) else 2
    except BaseException as exc:
        import traceback

        escaped = f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"
    finally:
        os.chdir(cwd)
    seconds = time.perf_counter() - start
    return Outcome(rc, out.getvalue(), err.getvalue(), seconds, escaped), before


# --------------------------------------------------------------------------- the verdict

_DIAGNOSTIC = re.compile(r"^(?P<path>.*?)(?::(?P<line>\d+))?: (?P<sev>error|warning|info): \S")
MAX_STDERR = 1_000_000


@dataclass
class Failure:
    kind: str
    """A short name of the property that failed (``exit-3``, ``lost-column``, ...)."""
    detail: str


def verdict(
    case: Case, work: Workspace, outcome: Outcome, before: dict[str, bytes]
) -> list[Failure]:
    """Everything wrong with one case's outcome (an empty list: it passed)."""
    if outcome.escaped:
        kind = "timeout" if outcome.escaped.startswith("timeout") else "exception-escaped-main"
        return [Failure(kind, outcome.escaped)]
    if outcome.rc not in (0, 2):
        last = outcome.stderr.strip().splitlines()[-1:] or [""]
        return [Failure(f"exit-{outcome.rc}", last[0][:2000])]
    failures, errors = stream_failures(case, work, outcome)
    after = snapshot(work.out)
    around = {p.name for p in work.root.iterdir()} - {"out"}
    around |= {f"specs/{p.name}" for p in work.specs.iterdir()}
    expected = {"empty.toml", "specs"} | {f"specs/{name}" for name in case.files}
    if around != expected:
        failures.append(Failure("wrote-outside-out", f"new: {sorted(around - expected)[:5]}"))
    if outcome.rc == 2:
        if errors == 0:
            failures.append(Failure("exit-2-without-error", outcome.stderr[:300]))
        if after != before:
            changed = sorted(set(after) ^ set(before)) or sorted(
                k for k in after if after[k] != before.get(k)
            )
            failures.append(Failure("wrote-on-error", f"output folder changed: {changed[:5]}"))
        return failures
    for rel in ("keep.txt", "odata/notes.md"):
        if before.get(rel) != after.get(rel):
            failures.append(Failure("touched-foreign-file", rel))
    failures += lost_columns(case, work, outcome)
    if case.sampled:
        failures += validate_outputs(work.out)
    return failures


def stream_failures(case: Case, work: Workspace, outcome: Outcome) -> tuple[list[Failure], int]:
    """What is wrong with stdout and stderr (the first line of each kind), and the errors."""
    found: dict[str, Failure] = {}
    if "Traceback (most recent call last)" in outcome.stderr + outcome.stdout:
        found["traceback"] = Failure("traceback", outcome.stderr[-2000:])
    if len(outcome.stderr) > MAX_STDERR:
        found["flood"] = Failure("stderr-flood", f"{len(outcome.stderr)} characters on stderr")
    if outcome.stdout:
        found["stdout"] = Failure("stdout", f"printed on stdout: {outcome.stdout[:300]!r}")
    inputs = {str(work.specs), str(work.config)} | {str(work.specs / n) for n in case.files}
    errors = 0
    for line in outcome.stderr.splitlines()[:5000]:
        match = _DIAGNOSTIC.match(line)
        if match is None:
            detail = f"not `file:line: severity: message`: {line[:300]!r}"
            found.setdefault("form", Failure("diagnostic-form", detail))
            continue
        named = absolute(match["path"], work.root)
        if named not in inputs and not named.startswith(f"{work.out}{os.sep}"):
            detail = f"names neither an input nor an output file: {line[:300]!r}"
            found.setdefault("path", Failure("diagnostic-path", detail))
        errors += match["sev"] == "error"
        if match["sev"] == "error" and match["line"]:
            problem = _line_problem(Path(named), int(match["line"]))
            if problem:
                found.setdefault("line", Failure("diagnostic-line", f"{problem}: {line[:300]!r}"))
    return list(found.values()), errors


def _line_problem(path: Path, line: int) -> str:
    """Why an error's ``file:line`` does not point into its file (empty: it does)."""
    if not path.is_file():
        return "names a file that does not exist"
    lines = path.read_bytes().count(b"\n") + 1
    if not 1 <= line <= lines:
        return f"line {line} is outside the file's {lines} lines"
    return ""


def absolute(path: str, base: Path) -> str:
    """A diagnostic's path as given (absolute, or relative to the folder the case ran in)."""
    return os.path.normpath(os.path.join(base, path))


def _warning_lines(stderr: str, path: Path, base: Path) -> list[int]:
    lines = []
    for line in stderr.splitlines():
        match = _DIAGNOSTIC.match(line)
        if not match or not match["line"] or match["sev"] == "error":
            continue
        if absolute(match["path"], base) == str(path):
            lines.append(int(match["line"]))
    return lines


_TOP_KEY = re.compile(r"^[A-Za-z_]\w*:")


def _model_columns(out: Path) -> dict[str, set[str]]:
    """Column logical names of each model file, by lines (the emitter's layout: a top-level
    ``columns:`` list of ``- logical_name: x`` items); reading back is check_model_yaml's."""
    tables: dict[str, set[str]] = {}
    for path in sorted((out / "model").glob("*.yaml")):
        names: set[str] = set()
        in_columns = False
        for line in path.read_text(encoding="utf-8").split("\n"):
            if _TOP_KEY.match(line):
                in_columns = line.startswith("columns:")
            elif in_columns and line.startswith("- "):
                value = line[2:].removeprefix("logical_name:").strip().strip("'\"").lower()
                names.add(value if value not in names else f"{value}#{len(names)}")
        tables[path.name] = names
    return tables


def lost_columns(case: Case, work: Workspace, outcome: Outcome) -> list[Failure]:
    """A page's columns (independent scan) must all be in the model, or a warning names a line
    of the lost column's section."""
    models = _model_columns(work.out)
    pages = [n for n in case.files if n.endswith(".md")]
    if len(case.files) != 1 or not pages:
        return []
    name = pages[0]
    text = case.files[name].decode("utf-8", "replace")
    scanned = scan_columns(text)
    in_model = set().union(*models.values()) if models else set()
    count = sum(len(v) for v in models.values())
    if count >= len(scanned):
        return []
    lost = [c for c in scanned if c.name not in in_model]
    warned = _warning_lines(outcome.stderr, work.specs / name, work.root)
    if not models and warned:
        return []  # the whole page was set aside (an extension page alone), with a warning
    regions = [(c.start, c.end) for c in lost] or [(1, len(text.split("\n")))]
    if any(lo <= w <= hi for w in warned for lo, hi in regions):
        return []
    shown = ", ".join(f"{c.name or '<empty>'} (line {c.line})" for c in lost[:5])
    return [
        Failure(
            "lost-column",
            f"the page has {len(scanned)} columns, the model {count}; lost without a warning "
            f"naming a line of their section: {shown or 'unmatched names'}",
        )
    ]


# ----------------------------------------------------------------------- output validators

_fresh = itertools.count(1)


def validate_outputs(out: Path) -> list[Failure]:
    """The costly checks of an output folder: one failure per target whose output is bad."""
    failures: list[Failure] = []
    checks = (check_jsonschema, check_csdl, check_sqlite, check_pydantic, check_model_yaml)
    for check in (*checks, check_records):
        try:
            problem = check(out)
        except Exception as exc:
            problem = f"{type(exc).__name__}: {str(exc)[:1000]}"
        if problem:
            failures.append(Failure(f"invalid-{check.__name__.removeprefix('check_')}", problem))
    return failures


def check_jsonschema(out: Path) -> str:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    for path in sorted((out / "jsonschema").glob("*.json")):
        try:
            Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))
        except (SchemaError, ValueError) as exc:
            return f"{path.name}: {type(exc).__name__}: {str(exc)[:500]}"
    return ""


@cache
def _xsd() -> Any:
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(XSD)))


def check_csdl(out: Path) -> str:
    path = out / "odata" / "metadata.xml"
    if not path.is_file() or not XSD.is_file():
        return ""
    from lxml import etree

    schema = _xsd()
    if schema.validate(etree.fromstring(path.read_bytes())):
        return ""
    return "; ".join(f"{e.line}: {e.message}" for e in list(schema.error_log)[:3])


def check_sqlite(out: Path) -> str:
    path = out / "sql" / "sqlite" / "schema.sql"
    if not path.is_file():
        return ""
    db = sqlite3.connect(":memory:")
    try:
        db.executescript(path.read_text(encoding="utf-8"))
    except sqlite3.Error as exc:
        return f"{type(exc).__name__}: {exc}"
    finally:
        db.close()
    return ""


def check_pydantic(out: Path) -> str:
    """Import the package under a fresh name (its imports are relative), then forget it."""
    folders = [p for p in (out / "pydantic").glob("*") if (p / "__init__.py").is_file()]
    for folder in folders:
        name = f"_dvgen_fuzz_pkg_{os.getpid()}_{next(_fresh)}"
        spec = importlib.util.spec_from_file_location(
            name, folder / "__init__.py", submodule_search_locations=[str(folder)]
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
            for export in getattr(module, "__all__", []):
                model = getattr(module, export)
                if hasattr(model, "model_json_schema"):
                    model.model_json_schema()
        except Exception as exc:
            return f"{folder.name}: {type(exc).__name__}: {str(exc)[:500]}"
        finally:
            for key in [k for k in sys.modules if k == name or k.startswith(name + ".")]:
                del sys.modules[key]
    return ""


def check_records(out: Path) -> str:
    """The JSON Schema and the pydantic model accept the same state/status records."""
    return fuzz_records.check_records(out)


def check_model_yaml(out: Path) -> str:
    """Each model file reads back (dvgen's spec parser) and writes back to the same bytes."""
    from dvgen.parse import parse_spec
    from dvgen.targets.model.target import table_yaml

    for path in sorted((out / "model").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        table, diagnostics = parse_spec(path.name, text.encode("utf-8"))
        if table is None:
            return f"{path.name} does not read back: " + "; ".join(map(str, diagnostics))[:500]
        again = table_yaml(table)  # type: ignore[arg-type]
        if again != text:
            import difflib

            diff = difflib.unified_diff(text.splitlines(), again.splitlines(), lineterm="", n=0)
            return f"{path.name} reads back to other YAML: " + " | ".join(list(diff)[2:8])
    return ""


# --------------------------------------------------------------------------- a session


@dataclass
class Report:
    seed: int
    cases: int = 0
    exits: dict[int, int] = field(default_factory=dict)
    sampled: int = 0
    seconds: float = 0.0
    failures: list[tuple[int, str, Failure, str]] = field(default_factory=list)
    """(case, description, failure, where the input was written): the first few of each
    signature (kind and detail with numbers blanked); ``counts`` has them all."""
    counts: dict[str, int] = field(default_factory=dict)
    """Failing cases by failure kind."""
    signatures: dict[str, int] = field(default_factory=dict)
    slowest: tuple[float, int] = (0.0, -1)
    stopped: bool = False
    """The time budget ran out before the cases did."""

    def merge(self, other: Report) -> None:
        self.cases += other.cases
        for rc, n in other.exits.items():
            self.exits[rc] = self.exits.get(rc, 0) + n
        self.sampled += other.sampled
        self.seconds = max(self.seconds, other.seconds)
        self.failures += other.failures
        for kind, n in other.counts.items():
            self.counts[kind] = self.counts.get(kind, 0) + n
        for sig, n in other.signatures.items():
            self.signatures[sig] = self.signatures.get(sig, 0) + n
        self.slowest = max(self.slowest, other.slowest)
        self.stopped |= other.stopped

    def summary(self) -> str:
        rate = self.cases / self.seconds if self.seconds else 0.0
        exits = ", ".join(f"exit {rc}: {n}" for rc, n in sorted(self.exits.items()))
        kinds = self.counts
        text = (
            f"dvgen fuzz: seed {self.seed}: {self.cases} cases in {self.seconds:.1f}s "
            f"({rate:.1f}/s); {exits}; {self.sampled} validated; "
            f"slowest case {self.slowest[1]} ({self.slowest[0]:.2f}s); "
            f"{sum(kinds.values())} failures"
        )
        if self.stopped:
            text += "; stopped by DVGEN_FUZZ_SECONDS before the last case"
        if kinds:
            text += " (" + ", ".join(f"{k}: {n}" for k, n in sorted(kinds.items())) + ")"
        return text


def save_case(case: Case, settings: Settings, failures: list[Failure], outcome: Outcome) -> Path:
    folder = settings.artifacts / f"seed-{case.seed}" / f"case-{case.index}"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "specs").mkdir(parents=True)
    for name, data in case.files.items():
        (folder / "specs" / name).write_bytes(data)
    (folder / "pyproject.toml").write_text(case.config, encoding="utf-8")
    why = "\n".join(f"{f.kind}: {f.detail}" for f in failures)
    (folder / "README.txt").write_text(
        f"{case.describe()}\nexit {outcome.rc}\n\n{why}\n\nstderr:\n{outcome.stderr[:20000]}\n\n"
        f"replay: .venv/bin/python -m tests.fuzz replay {case.seed} {case.index}\n"
        f"    or: DVGEN_FUZZ_REPLAY={case.seed}:{case.index} .venv/bin/pytest tests/test_fuzz.py\n"
        f"    or: .venv/bin/dvgen generate --specs {folder / 'specs'} --out /tmp/o --no-cache "
        f"--config {folder / 'pyproject.toml'}\n",
        encoding="utf-8",
    )
    return folder


MAX_FAILURES = 60
"""Failures a message shows."""
EXAMPLES = 3
"""Failures kept (input saved, listed) per signature; the rest are only counted."""


def signature(failure: Failure, case: Case) -> str:
    """The kind and the start of the detail, numbers and quoted text blanked: a bug's site
    (for a lost column, which the detail does not tell, the kinds of mutation too)."""
    detail = re.sub(r"'[^']*'|\"[^\"]*\"", "'...'", failure.detail.split("\n")[0])
    text = failure.kind + ": " + re.sub(r"\d+", "N", detail)[:90]
    if failure.kind == "lost-column":
        verbs = sorted({" ".join(step.split()[:2]) for step in case.steps})
        text = failure.kind + ": after " + ", ".join(re.sub(r"\d+", "N", v) for v in verbs)
    return text


@dataclass(frozen=True)
class Campaign:
    """What one kind of campaign makes, judges and keeps of a case: the pages and YAML specs
    here (``PAGES``), the solutions of ``tests.fuzz_solutions``; each share runs it alike."""

    make_case: Callable[[int, int, float], Case]
    verdict: Callable[[Case, Workspace, Outcome, dict[str, bytes]], list[Failure]]
    save_case: Callable[[Case, Settings, list[Failure], Outcome], Path]
    folder: str
    """The artifacts' folder of a seed: ``<folder>-<seed>``."""


def run_share(
    settings: Settings, share: int, shares: int, root: Path, campaign: Campaign | None = None
) -> Report:
    """The cases ``share, share + shares, ...`` (or the replayed ones) within the budget."""
    campaign = campaign or PAGES
    report = Report(settings.seed)
    work = Workspace(root / f"work-{share}")
    progress = None
    if settings.cases is None or settings.cases > 2000:
        progress = (
            settings.artifacts / f"{campaign.folder}-{settings.seed}" / f"progress-{share}.txt"
        )
        progress.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    indexes: Any = settings.replay or range(share, settings.cases or sys.maxsize, shares)
    for index in indexes:
        if settings.seconds and time.perf_counter() - start > settings.seconds:
            report.stopped = True
            break
        case = campaign.make_case(settings.seed, index, settings.sample)
        outcome, before = run_case(case, work, settings.timeout)
        failures = campaign.verdict(case, work, outcome, before)
        report.cases += 1
        rc = -1 if outcome.rc is None else outcome.rc
        report.exits[rc] = report.exits.get(rc, 0) + 1
        report.sampled += case.sampled and outcome.rc == 0
        report.slowest = max(report.slowest, (outcome.seconds, index))
        fresh = []
        for failure in failures:
            report.counts[failure.kind] = report.counts.get(failure.kind, 0) + 1
            sig = signature(failure, case)
            report.signatures[sig] = report.signatures.get(sig, 0) + 1
            if report.signatures[sig] <= EXAMPLES:
                fresh.append(failure)
        if fresh or settings.replay:
            where = campaign.save_case(case, settings, failures, outcome)
            for failure in fresh or failures:
                report.failures.append((index, case.describe(), failure, str(where)))
        if progress is not None and report.cases % 500 == 0:
            report.seconds = time.perf_counter() - start
            progress.write_text(failure_text(report) + "\n", encoding="utf-8")
    report.seconds = time.perf_counter() - start
    if progress is not None:
        progress.write_text("(done) " + failure_text(report) + "\n", encoding="utf-8")
    shutil.rmtree(work.root, ignore_errors=True)
    return report


def _share_in_child(args: tuple[Settings, int, int, str, Campaign]) -> Report:
    settings, share, shares, root, campaign = args
    return run_share(settings, share, shares, Path(root), campaign)


def run(settings: Settings, root: Path) -> Report:
    """Every share, over ``settings.workers`` processes (fork) when more than one; the work
    folders in memory (/dev/shm) when there is one: removing folders on disk costs more than
    a case."""
    bases()  # load (and render the canonical YAML bases) once, before any fork
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        with tempfile.TemporaryDirectory(prefix="dvgen-fuzz-", dir=shm) as tmp:
            return run_campaign(settings, Path(tmp))
    return run_campaign(settings, root)


def run_campaign(settings: Settings, root: Path, campaign: Campaign | None = None) -> Report:
    """Every share of ``campaign`` (``PAGES`` by default), over ``settings.workers`` forked
    processes when more than one."""
    campaign = campaign or PAGES
    if settings.workers <= 1 or settings.replay:
        return run_share(settings, 0, 1, root, campaign)
    from multiprocessing import get_context

    shares = settings.workers
    report = Report(settings.seed)
    with get_context("fork").Pool(shares) as pool:
        jobs = [(settings, k, shares, str(root), campaign) for k in range(shares)]
        for part in pool.imap_unordered(_share_in_child, jobs):
            report.merge(part)
    report.failures.sort(key=lambda f: f[0])
    return report


def failure_text(report: Report) -> str:
    lines = [report.summary(), "signatures (failing cases):"]
    for sig, n in sorted(report.signatures.items(), key=lambda item: -item[1]):
        lines.append(f"  {n:6d}  {sig}")
    lines.append("examples:")
    for index, description, failure, where in report.failures[:MAX_FAILURES]:
        lines.append(f"- case {index} [{failure.kind}] {description}")
        lines.append(f"    {failure.detail[:600]}")
        lines.append(f"    input: {where}/specs")
        lines.append(f"    replay: .venv/bin/python -m tests.fuzz replay {report.seed} {index}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m tests.fuzz replay SEED CASE...`` or ``python -m tests.fuzz run`` (env)."""
    args = list(sys.argv[1:] if argv is None else argv)
    settings = Settings.from_env()
    if args[:1] == ["replay"] and len(args) >= 3:
        settings = Settings(
            seed=int(args[1]),
            replay=tuple(int(a) for a in args[2:]),
            sample=1.0,
            timeout=settings.timeout,
            artifacts=settings.artifacts,
        )
        for index in settings.replay:
            print(make_case(settings.seed, index, 1.0).describe())
    elif args[:1] != ["run"]:
        print(__doc__)
        return 2
    with tempfile.TemporaryDirectory(prefix="dvgen-fuzz-") as tmp:
        report = run(settings, Path(tmp))
    print(failure_text(report))
    for index in settings.replay:
        print(f"input: {settings.artifacts / f'seed-{settings.seed}' / f'case-{index}'}/specs")
    return 1 if report.failures else 0


PAGES = Campaign(make_case, verdict, save_case, "seed")
"""The pages and YAML specs campaign (its artifacts under ``seed-<seed>``, as before)."""

if __name__ == "__main__":
    sys.exit(main())
