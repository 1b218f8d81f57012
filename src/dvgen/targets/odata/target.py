"""The ``odata`` target: the whole set as one OData v4 CSDL document, ``odata/metadata.xml``,
shaped like the Dataverse Web API's own ``$metadata`` (with ``?annotations=true``).

Context builders (the modules of this package) decide every element in plain Python; the template
``odata/metadata.xml.jinja`` (autoescaped) only lays it out, in one render.
"""

from __future__ import annotations

from dvgen.diagnostics import Diagnostics
from dvgen.model import TableSet
from dvgen.render import render
from dvgen.targets import Target
from dvgen.targets.odata.context import Names, build_document, check_names

TEMPLATE = "odata/metadata.xml.jinja"


class ODataTarget(Target):
    name = "odata"
    folder = "odata"
    patterns = ("metadata.xml",)
    weight = 0.9

    def check_settings(self, diagnostics: Diagnostics) -> None:
        config = self.config
        check_names(
            Names(
                config.odata_namespace,
                config.odata_alias,
                config.odata_container,
                config.odata_spellings,
            ),
            diagnostics,
        )

    def render(self, tables: TableSet, diagnostics: Diagnostics) -> dict[str, str]:
        config = self.config
        names = Names(
            config.odata_namespace,
            config.odata_alias,
            config.odata_container,
            config.odata_spellings,
        )
        if not check_names(names, diagnostics):
            return {}
        document = build_document(tables, names, diagnostics)
        return {"metadata.xml": render(TEMPLATE, config.templates, doc=document)}
