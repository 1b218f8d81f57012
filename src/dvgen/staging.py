"""Writing many files as one change: staged as temporary files, then renamed in one quick pass.

An interrupt (Ctrl-C) or an error while staging removes the temporary files and the folders
made for them, so the disk is as it was. That removal, the rename pass and the removal of stale
files run with SIGINT deferred: a Ctrl-C then takes effect once they are done, never halfway.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

TEMP_NAME = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp")
"""A temporary file of a write: ``.<name>.<8 random characters>.tmp`` beside ``<name>``."""
TEMP_EXTRA_BYTES = len(".") + len(".12345678.tmp")
"""What a temporary file's name adds to the name of the file it becomes."""


class WriteError(Exception):
    """An output file or folder that cannot be written; the message names it."""


@dataclass(slots=True)
class Stage:
    """Temporary files waiting to be renamed over their targets, and the folders made for them."""

    pending: list[tuple[Path, Path]] = field(default_factory=list)
    """(temporary file, target) pairs, in order."""
    made: list[Path] = field(default_factory=list)
    """Folders created for the temporary files (a worker process's too, see ``adopt``)."""
    seen: set[Path] = field(default_factory=set)
    """Folders this stage found or made, not looked for again (a folder holds 1,000 files)."""

    def add(self, target: Path, data: bytes) -> None:
        """Write ``data`` to a temporary file beside ``target``, readable by all (0644)."""
        folder = target.parent
        try:
            if folder not in self.seen:
                self._make_parents(target, folder)
                self.seen.add(folder)
            fd, tmp = _temporary(folder, target.name)
        except OSError as exc:
            raise WriteError(f"cannot write {target}: {_reason(exc)}") from None
        self.pending.append((tmp, target))
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                if _FCHMOD:
                    os.fchmod(fd, 0o644)
            if not _FCHMOD:
                os.chmod(tmp, 0o644)
        except OSError as exc:
            raise WriteError(f"cannot write {target}: {_reason(exc)}") from None

    def _make_parents(self, target: Path, folder: Path) -> None:
        missing = [p for p in (folder, *folder.parents) if not p.is_dir()][::-1]
        for path in missing:
            try:
                path.mkdir()
            except FileExistsError:
                if path.is_dir():  # made meanwhile by another process staging beside this one
                    continue
                raise WriteError(f"cannot write {target}: {path} is a file, not a folder") from None
            self.made.append(path)

    def handed(self) -> tuple[list[tuple[Path, Path]], list[Path]]:
        """The temporary files and folders made so far, handed over to another process's stage
        (``adopt``), which renames or removes them: this stage holds none any more."""
        pending, made = self.pending, self.made
        self.pending, self.made = [], []
        return pending, made

    def adopt(self, pending: list[tuple[Path, Path]], made: list[Path]) -> None:
        """Take over what another process staged (``handed``)."""
        self.pending += pending
        self.made += made

    def discard(self) -> None:
        """Remove every temporary file and the folders made for them, deepest first."""
        self.seen.clear()
        for tmp, _ in self.pending:
            tmp.unlink(missing_ok=True)
        self.pending.clear()
        for folder in sorted(self.made, key=lambda path: len(path.parts), reverse=True):
            try:
                folder.rmdir()
            except OSError:
                pass
        self.made.clear()

    def commit(self, remove: list[Path], removed: Callable[[Path], None]) -> None:
        """Rename every temporary file over its target, then remove ``remove``, SIGINT
        deferred; ``removed(path)`` follows each removal (to prune emptied folders)."""
        with deferred_interrupt():
            try:
                for tmp, target in self.pending:
                    try:
                        os.replace(tmp, target)
                    except OSError as exc:
                        raise WriteError(f"cannot write {target}: {_reason(exc)}") from None
                self.pending.clear()
                self.made.clear()
            finally:
                self.discard()
            for path in remove:
                try:
                    path.unlink(missing_ok=True)
                except OSError as exc:
                    raise WriteError(f"cannot remove {path}: {_reason(exc)}") from None
                removed(path)


_FLAGS = (
    os.O_RDWR
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
"""A new file, never one there already nor through a link: ``tempfile.mkstemp``'s flags."""
_FCHMOD = hasattr(os, "fchmod")
_TRIES = 100


def _temporary(folder: Path, name: str) -> tuple[int, Path]:
    """A new file ``.<name>.<8 random characters>.tmp`` in ``folder``, open, mode 0600 (as
    ``tempfile.mkstemp`` makes it, without its checks of its arguments and of the folder: at
    1,000 tables a stage makes 3,000, and ``staged`` cleans up). A name taken is tried again."""
    for _ in range(_TRIES):
        path = folder / f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(path, _FLAGS, 0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, f"no free temporary name for {name} in {folder}")


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


@contextmanager
def staged() -> Iterator[Stage]:
    """A Stage whose temporary files are removed when the block ends before its commit, SIGINT
    deferred meanwhile: a second Ctrl-C would leave the rest of them."""
    stage = Stage()
    try:
        yield stage
    finally:
        with deferred_interrupt():
            stage.discard()


@contextmanager
def deferred_interrupt() -> Iterator[None]:
    """SIGINT held back until the block ends, then raised as KeyboardInterrupt."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def hold(signum: int, frame: FrameType | None) -> None:
        received.append(signum)

    previous = signal.signal(signal.SIGINT, hold)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.SIG_DFL)
    if received and callable(previous):
        previous(signal.SIGINT, None)
    elif received and previous != signal.SIG_IGN:
        raise KeyboardInterrupt
