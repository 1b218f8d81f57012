"""Dataverse solutions as input: an unpacked solution folder (``Other/Solution.xml``,
``Entities/*/Entity.xml``, ``OptionSets/*.xml``, ``Other/Relationships/*.xml``) or an exported
solution ``.zip`` (``customizations.xml`` + ``solution.xml``), read into the canonical model:
tables the solution owns whole, and ``TableExtension`` layers on the tables it customizes."""

from __future__ import annotations

from dvgen.solution.folder import bundle, solution_root
from dvgen.solution.manifest import SolutionInfo, ranks
from dvgen.solution.reader import Parsed, read_solution

__all__ = ["Parsed", "SolutionInfo", "bundle", "ranks", "read_solution", "solution_root"]
