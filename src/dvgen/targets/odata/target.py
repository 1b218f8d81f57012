"""The ``odata`` target: the whole set as one OData v4 CSDL document, ``odata/metadata.xml``,
shaped like the Dataverse Web API's own ``$metadata`` (with ``?annotations=true``).

Context builders (the modules of this package) decide every element in plain Python; the templates
(autoescaped) only lay it out: ``odata/entity_type.xml.jinja`` each entity type, as a block kept
between runs, and ``odata/metadata.xml.jinja`` the blocks and the rest of the document.
"""

from __future__ import annotations

from markupsafe import Markup

from dvgen.diagnostics import Diagnostics
from dvgen.fragments import fragments
from dvgen.model import TableSet
from dvgen.render import render, template
from dvgen.targets import Target
from dvgen.targets.odata.context import Names, build_document, check_names

TEMPLATE = "odata/metadata.xml.jinja"
ENTITY_TYPE = "odata/entity_type.xml.jinja"


class ODataTarget(Target):
    name = "odata"
    folder = "odata"
    patterns = ("metadata.xml",)
    weight = 0.62
    kept_weight = 0.31

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

    def files(self, tables: TableSet, diagnostics: Diagnostics) -> dict[str, str]:
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
        each = template(ENTITY_TYPE, config.templates)
        kept = fragments(self)  # an entity type rendered before is not rendered again
        blocks = [
            Markup(kept.template(each, type=entity, permission_read=document.permission_read))
            for entity in document.entity_types
        ]  # escaped when rendered: the document takes each block as it is
        kept.finish()
        return {
            "metadata.xml": render(TEMPLATE, config.templates, doc=document, entity_types=blocks)
        }
