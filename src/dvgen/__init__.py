"""dvgen: Microsoft Dataverse table definitions to code.

``__version__`` is the one place the version is written: hatchling reads it from here for the
package metadata (``[tool.hatch.version]``), so an installed dvgen and a source tree agree.
"""

__version__ = "0.1.0"
