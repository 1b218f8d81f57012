"""A Ctrl-C ends dvgen with exit status 130 and one line, whenever it comes: even while dvgen is
still loading its modules, even where CPython would end the process by the signal instead.

This module imports nothing of dvgen's, so that ``python -m dvgen`` has it before anything a
Ctrl-C could break off.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

EXIT_INTERRUPTED = 130
MESSAGE = "dvgen: interrupted"


def forget() -> None:
    """Clear CPython's record of a KeyboardInterrupt nobody caught, once dvgen caught it.

    CPython records one raised in code run by ``exec`` of a string as never caught, even when a
    caller catches it: dataclasses build their methods so, while a module loads, and dvgen loads
    some modules as the run needs them. ``python -m dvgen`` then ends by killing itself with
    SIGINT (status -2 to its parent, not 130), after saying "dvgen: interrupted" and exiting
    with 130. An ``exec`` of a string that completes clears the record (``run_eval_code_obj``
    in CPython's pythonrun.c; seen with gdb watching ``_Py_UnhandledKeyboardInterrupt``).
    """
    exec("None")


def caused_by_interrupt(error: BaseException | None) -> bool:
    """Whether ``error`` is a KeyboardInterrupt or was raised because of one (a class body
    interrupted while a module loads gives a RuntimeError caused by it)."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, KeyboardInterrupt):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def said() -> int:
    """Say "dvgen: interrupted"; the exit status of a Ctrl-C."""
    print(MESSAGE, file=sys.stderr)
    return EXIT_INTERRUPTED


def interrupted() -> NoReturn:
    """Say so and exit 130, the status of a Ctrl-C."""
    code = said()
    forget()
    sys.exit(code)


@contextmanager
def loading() -> Iterator[None]:
    """Loading dvgen's modules: a Ctrl-C meanwhile ends the run as one later would (exit 130
    and "dvgen: interrupted"), not with a traceback and the signal."""
    try:
        yield
    except BaseException as error:
        if not caused_by_interrupt(error):
            raise
        interrupted()


def run() -> NoReturn:
    """The ``dvgen`` command (its console script and ``python -m dvgen``): dvgen loaded within
    ``loading``, then run (``cli.entry``). A console script imports the module it names before
    it calls anything: naming this one, which imports nothing of dvgen's, puts the loading of
    the rest under ``loading`` too."""
    with loading():
        from dvgen.cli import entry
    entry()
