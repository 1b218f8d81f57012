"""The cache and the worker processes change only the speed, never a byte of output."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from dvgen import cachedata, outfiles, outstats
from dvgen.cache import FORMAT, RUNS_KEPT, Cache, RunRecord
from dvgen.config import Config
from dvgen.diagnostics import Diagnostic, Diagnostics, Location, Severity
from dvgen.pipeline import generate
from tests.conftest import ROOT, corpus_pages, needs_shared, run


def cache_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / ".dvgen-cache").rglob("*.json"))


def test_a_second_run_is_served_from_the_cache(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "generate", "-v")[0] == 0
    assert [p.parent.parent.name for p in cache_files(project)].count("run") == 1
    code, _, err = run(capsys, "generate", "-v")
    assert code == 0
    assert "0 written" in err
    assert run(capsys, "check") == (0, "", "")


def test_a_corrupt_cache_is_a_miss(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "generate")
    expected = sorted((project / "generated").rglob("*"))
    for entry in cache_files(project):
        entry.write_bytes(b"dvgen-cache-2 not an entry")
    assert run(capsys, "check") == (0, "", "")
    for entry in cache_files(project):
        entry.write_bytes(b"")
    assert run(capsys, "generate")[0] == 0
    assert sorted((project / "generated").rglob("*")) == expected


def test_a_stale_cache_never_hides_drift(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "generate")
    model = project / "generated" / "model" / "contoso_project.yaml"
    model.write_text(model.read_text() + "# edited\n")
    code, out, _ = run(capsys, "check")
    assert code == 1 and "changed: generated/model/contoso_project.yaml" in out
    run(capsys, "generate")
    spec = project / "specs" / "contoso_project.yaml"
    spec.write_text(spec.read_text().replace("max_length: 100", "max_length: 120"))
    code, out, _ = run(capsys, "check", "--target", "model")
    assert code == 1 and "-  max_length: 100\n+  max_length: 120" in out
    (project / "generated" / "model" / "ghost.yaml").write_text("x: 1\n")
    spec.write_text(spec.read_text().replace("max_length: 120", "max_length: 100"))
    code, out, _ = run(capsys, "check")
    assert code == 1 and "stale: generated/model/ghost.yaml" in out


def test_a_warning_is_shown_again_from_the_cache(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = (ROOT / "specs" / "backgroundoperation.md").read_text()
    (project / "specs" / "backgroundoperation.md").write_text(
        page.replace("|ImeMode|", "|Wobble|", 1)
    )
    first = run(capsys, "generate")
    second = run(capsys, "generate")
    assert "unknown property row 'Wobble'" in first[2]
    assert first == second


@needs_shared
def test_cache_and_workers_give_the_same_bytes(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    for page in corpus_pages():
        shutil.copy(page, specs / page.name)
    plain = generate(Config(specs=specs, cache=False, jobs=1), Diagnostics()).files
    cached = Config(specs=specs, cache=True, cache_dir=tmp_path / "cache", jobs=2)
    first = generate(cached, Diagnostics()).files
    again = generate(cached, Diagnostics()).files
    assert first == plain
    assert again == plain


def test_every_spelling_of_the_specs_folder_shares_the_cache(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from dvgen.runner import run_generate

    first = run_generate(Config(specs=Path("specs")), Diagnostics())
    assert not first.cached
    for spelling in ("./specs/", "specs/../specs", str(project / "specs")):
        again = run_generate(Config(specs=Path(spelling)), Diagnostics())
        assert again.cached, spelling
        assert [str(w) for w in again.warnings] == [str(w) for w in first.warnings]
    code, _, err = run(capsys, "generate", "-v", "--specs", str(project / "specs"))
    assert code == 0 and "specs/contoso_project.yaml:" in err and str(project) not in err


def test_every_setting_that_changes_output_is_in_the_run_key() -> None:
    import dataclasses

    from dvgen.runkey import _NOT_OUTPUT, run_key

    base = Config()
    for f in dataclasses.fields(Config):
        if f.name in _NOT_OUTPUT:
            continue
        value = getattr(base, f.name)
        changed = (
            (*value, "x")
            if isinstance(value, tuple)
            else (not value if isinstance(value, bool) else f"{value}x")
        )
        other = dataclasses.replace(base, **{f.name: changed})
        assert run_key(other, []) != run_key(base, []), f.name


def test_the_cache_folder_is_marked_as_a_cache(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "generate")
    root = project / ".dvgen-cache"
    assert (root / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (
        (root / "CACHEDIR.TAG")
        .read_text()
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    git = shutil.which("git")
    if git is not None:  # git itself leaves the folder out
        subprocess.run([git, "init", "-q", str(project)], check=True)
        status = subprocess.run(
            [git, "status", "--porcelain", "--untracked-files=all"],
            cwd=project,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert ".dvgen-cache" not in status and "specs/" in status


def test_an_entry_is_data_with_a_version_a_key_and_a_hash(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    value = ([Diagnostic(Severity.WARNING, Location("a.md", 3), "m", "c")], (1, Decimal("1.50")))
    cache.put("spec", "ab" * 32, value)
    (entry,) = cache.entries("spec")
    header, _, payload = entry.read_bytes().partition(b"\n")
    assert header.split(b" ")[:2] == [FORMAT, b"ab" * 32]
    assert json.loads(payload)  # plain JSON after the header
    assert cache.get("spec", "ab" * 32) == value
    assert cache.get("spec", "cd" * 32) is None
    entry.write_bytes(entry.read_bytes().replace(b"1.50", b"2.50"))
    assert cache.get("spec", "ab" * 32) is None  # the content no longer matches its hash
    entry.write_bytes(header.replace(FORMAT, b"dvgen-cache-1") + b"\n" + payload)
    assert cache.get("spec", "ab" * 32) is None  # another format version


class Boom:
    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.touch, (Path("ran-code"),))


@pytest.mark.parametrize(
    "kind", ["pickle", "json-class", "json-unknown", "json-compact-class", "json-enum-class"]
)
def test_an_entry_someone_else_wrote_never_runs_code(
    workdir: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A forged entry under a real key, with a valid header and hash: a miss, nothing run."""
    shutil.copytree(ROOT / "specs", workdir / "specs")
    run(capsys, "generate")
    payloads = {
        "pickle": pickle.dumps(Boom()),
        "json-class": b'{"@":"Path","v":["ran-code"]}',
        "json-unknown": b'{"@":"Boom","v":[]}',
        "json-compact-class": b'{"@":"Path","c":["ran-code"]}',
        "json-enum-class": b'{"#":["Path","ran-code"]}',
    }
    for entry in sorted((workdir / ".dvgen-cache").rglob("*.json")):
        key = entry.stem
        payload = payloads[kind]
        digest = hashlib.sha256(payload).hexdigest().encode()
        entry.write_bytes(b" ".join((FORMAT, key.encode(), digest)) + b"\n" + payload)
    assert run(capsys, "check") == (0, "", "")
    assert not (workdir / "ran-code").exists()


def test_an_entry_of_the_old_format_is_parsed_again_not_misread(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A parse under its real key and a valid hash, readable by this version's decoder, but
    written as format 2: a miss (the spec is parsed again and the entry rewritten)."""
    run(capsys, "generate")
    cache = Cache(project / ".dvgen-cache")
    for kind in ("run", "latest"):  # so that the check parses
        shutil.rmtree(project / ".dvgen-cache" / kind)
    entries = cache.entries("spec")
    assert entries and FORMAT != b"dvgen-cache-2"
    for entry in entries:
        written = entry.read_bytes().partition(b"\n")[2]
        payload = written.replace(b'"String"', b'"Memo"')  # a column type, as format 3 has it
        assert payload != written
        digest = hashlib.sha256(payload).hexdigest().encode()
        header = b" ".join((b"dvgen-cache-2", entry.stem.encode(), digest))
        entry.write_bytes(header + b"\n" + payload)
        assert cachedata.loads(payload) is not None  # this version could decode it
    assert run(capsys, "check") == (0, "", "")
    for entry in entries:
        assert entry.read_bytes().startswith(FORMAT + b" "), entry
        assert b'"String"' in entry.read_bytes()


def test_a_run_record_reads_back_as_it_was_written_and_nothing_else(tmp_path: Path) -> None:
    """Plain JSON, read on every run: each field comes back with its type, and data of any
    other shape is a miss (ValueError), never a record with a wrong field."""
    notes = [Diagnostic(Severity.INFO, Location("a.md", 3), "m", "c")]
    notes.append(Diagnostic(Severity.WARNING, Location("b.md"), 'say "x"\n', "d"))
    record = RunRecord.of(
        {"m/a.yaml": "ab"}, (("model", ("*.yaml",)),), 2, notes, {"m/a.yaml": (5, 7)}
    )
    cache = Cache(tmp_path)
    cache.put_json("run", "ab" * 32, record.to_json())
    back = RunRecord.from_json(cache.get_json("run", "ab" * 32))
    assert back == record and list(back.warnings) == notes
    assert list(back.warnings.at_least(Severity.WARNING)) == notes[1:]
    good = json.loads(json.dumps(record.to_json()))
    for broken in (
        {**good, "tables": "2"},
        {**good, "notes": [[1, "a.md", 3, "m"]]},
        {**good, "notes": [[1, "a.md", "3", "m", "c"]]},
        {**good, "stats": {"m/a.yaml": [5]}},
        {**good, "files": {"m/a.yaml": 1}},
        {k: v for k, v in good.items() if k != "owned"},
        [good],
        None,
    ):
        with pytest.raises(ValueError):
            RunRecord.from_json(broken)


def test_a_run_with_nothing_changed_imports_no_model_reader_or_target(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The pre-commit hook's usual run: its record and the stats of specs and outputs answer
    it, so it loads none of what renders (measured at 1,000 tables: 0.1 s of a 0.25-0.35 s
    run was importing it), and shows the same warnings as the run that rendered."""
    page = (ROOT / "specs" / "backgroundoperation.md").read_text()
    (project / "specs" / "backgroundoperation.md").write_text(
        page.replace("|ImeMode|", "|Wobble|", 1)
    )
    first = run(capsys, "generate", "-v")
    script = (
        "import sys\n"
        "from dvgen.cli import main\n"
        "code = main(['generate', '-v'])\n"
        "heavy = ('dvgen.model', 'dvgen.pipeline', 'dvgen.cachedata', 'dvgen.parse', "
        "'dvgen.targets.', 'jinja2', 'yaml', 'markdown_it')\n"
        "print(code, sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=project, capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines()[-1] == "0 []"
    notes = [
        line for line in done.stderr.splitlines() if ": info: " in line or ": warning: " in line
    ]
    assert notes and notes == [
        line for line in first[2].splitlines() if ": info: " in line or ": warning: " in line
    ]
    assert "0 written" in done.stderr


def test_old_run_records_are_pruned(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = project / "specs" / "contoso_project.yaml"
    text = spec.read_text()
    for index in range(RUNS_KEPT + 3):  # each run another input, so another record
        spec.write_text(f"{text}# {index}\n")
        assert run(capsys, "generate")[0] == 0
    records = Cache(project / ".dvgen-cache").entries("run")
    assert len(records) == RUNS_KEPT
    from dvgen.runner import run_check

    assert run_check(Config(specs=Path("specs")), Diagnostics()).cached  # the newest is kept


def test_workers_start_safely_on_every_platform() -> None:
    """A fork server on Linux; a fresh interpreter (spawn) on macOS and Windows; never fork."""
    from dvgen.processes import context, start_method

    assert start_method("linux") == "forkserver"
    assert start_method("darwin") == "spawn"
    assert start_method("win32") == "spawn"
    assert context().get_start_method() == start_method()


def _one_output(tmp_path: Path) -> tuple[dict[str, str], dict[str, tuple[int, int]], int]:
    """An OUT with one owned file: its hashes, its stats, and its mtime_ns."""
    text = "a: 1\n"
    path = tmp_path / "model" / "t.yaml"
    path.parent.mkdir()
    path.write_text(text)
    files = {"model/t.yaml": hashlib.sha256(text.encode()).hexdigest()}
    stats = outstats.stats(tmp_path, files)
    return files, stats, path.stat().st_mtime_ns


def test_an_output_with_its_recorded_stats_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files, stats, mtime = _one_output(tmp_path)
    owned = (("model", ("*.yaml",)),)
    assert stats == {"model/t.yaml": (5, mtime)}

    def unreadable(path: Path) -> bytes | None:
        raise AssertionError(f"{path} was read")

    monkeypatch.setattr(outfiles, "read", unreadable)
    assert outstats.matches(tmp_path, files, owned, stats, before=mtime + 1)
    with pytest.raises(AssertionError, match="was read"):  # no stats: read and hashed
        outstats.matches(tmp_path, files, owned, {}, before=mtime + 1)


def test_a_same_size_edit_in_the_tick_of_the_record_is_seen(tmp_path: Path) -> None:
    files, stats, mtime = _one_output(tmp_path)
    owned = (("model", ("*.yaml",)),)
    path = tmp_path / "model" / "t.yaml"
    path.write_text("a: 2\n")  # same size, and the clock shows the time it showed before
    os.utime(path, ns=(mtime, mtime))
    assert outstats.stats(tmp_path, files) == stats
    # the record was written in the same tick as the file: its stats prove nothing
    assert not outstats.matches(tmp_path, files, owned, stats, before=mtime)
    path.write_text("a: 1\n")
    assert outstats.matches(tmp_path, files, owned, stats, before=mtime)


def test_a_run_record_holds_the_stats_of_the_files_it_wrote(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "generate", "--target", "model")
    cache = Cache(project / ".dvgen-cache")
    (entry,) = cache.entries("run")
    record = RunRecord.from_json(cache.get_json("run", entry.stem))
    out = project / "generated"
    assert record.stats == outstats.stats(out, record.files) and len(record.stats) == len(
        record.files
    )
    model = out / "model" / "contoso_project.yaml"
    text = model.read_text()
    model.write_text(text.replace("max_length: 100", "max_length: 999"))  # same size
    code, out_text, _ = run(capsys, "check", "--target", "model")
    assert code == 1 and "changed: generated/model/contoso_project.yaml" in out_text


def test_after_one_change_only_the_changed_outputs_are_read(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, "generate")[0] == 0
    out = project / "generated"
    past = time.time_ns() - 10**9  # the files older than the record: their stats hold
    for path in out.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(past, past))
    assert run(capsys, "generate")[0] == 0  # records the stats as they are now
    spec = project / "specs" / "contoso_project.yaml"
    spec.write_text(spec.read_text().replace("max_length: 100\n", "max_length: 120\n"))
    real_read = outfiles.read
    read: list[str] = []

    def counting(path: Path) -> bytes | None:
        read.append(Path(path).as_posix().removeprefix("generated/"))
        return real_read(path)

    monkeypatch.setattr(outfiles, "read", counting)
    code, text, err = run(capsys, "check")
    assert code == 1 and "changed: generated/model/contoso_project.yaml" in text, err
    written = sum(1 for path in out.rglob("*") if path.is_file())
    assert "model/contoso_project.yaml" in read and 0 < len(read) < written // 2
    read.clear()
    assert run(capsys, "generate")[0] == 0
    assert "model/contoso_project.yaml" in read and len(read) < written // 2
    monkeypatch.setattr(outfiles, "read", real_read)
    assert run(capsys, "check", "--no-cache") == (0, "", "")
