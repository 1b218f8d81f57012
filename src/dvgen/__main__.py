"""``python -m dvgen``."""

from dvgen.interrupts import run

run()
