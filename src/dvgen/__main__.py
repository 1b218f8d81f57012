"""``python -m dvgen``."""

from dvgen.cli import entry

entry()
