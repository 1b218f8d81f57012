"""Layers: what extension pages, solutions and YAML customizations change in tables defined
elsewhere in the set (``apply``), one layer meeting what earlier ones set (``merge``), one
table's assembly (``table``) and global choices (``choices``); docs/customizations.md."""

from dvgen.layers.apply import apply_layers
from dvgen.layers.merge import fill_unknowns

__all__ = ["apply_layers", "fill_unknowns"]
