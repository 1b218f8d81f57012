"""Builders and readers for the odata tests: small tables in, the parsed document out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from dvgen.config import Config
from dvgen.diagnostics import Diagnostics
from dvgen.model import (
    Column,
    ColumnType,
    ManyToManyRelationship,
    ManyToManySide,
    OneToManyRelationship,
    Relationships,
    Table,
    TableSet,
)
from dvgen.resolve import resolve
from dvgen.targets.odata.target import ODataTarget

EDM = "{http://docs.oasis-open.org/odata/ns/edm}"
CORE_DESCRIPTION = "Org.OData.Core.V1.Description"


def col(name: str, kind: ColumnType = ColumnType.STRING, **fields: Any) -> Column:
    return Column(logical_name=name, schema_name=name, type=kind, **fields)


def lookup(name: str, *targets: str, kind: ColumnType = ColumnType.LOOKUP, **fields: Any) -> Column:
    return col(name, kind, targets=targets, **fields)


def table(
    name: str,
    *columns: Column,
    pid: str | None = "",
    entity_set: str | None = "",
    m2o: tuple[OneToManyRelationship, ...] = (),
    o2m: tuple[OneToManyRelationship, ...] = (),
    m2m: tuple[ManyToManyRelationship, ...] = (),
    **fields: Any,
) -> Table:
    """A table with a Guid primary id ``<name>id`` (unless ``pid`` says otherwise)."""
    primary = f"{name}id" if pid == "" else pid
    cols = list(columns)
    if primary and all(c.logical_name != primary for c in cols):
        cols.insert(0, col(primary, ColumnType.UNIQUEIDENTIFIER))
    return Table(
        logical_name=name,
        schema_name=name,
        primary_id_attribute=primary,
        entity_set_name=f"{name}s" if entity_set == "" else entity_set,
        columns=tuple(cols),
        relationships=Relationships(many_to_one=m2o, one_to_many=o2m, many_to_many=m2m),
        **fields,
    )


def rel(
    schema: str,
    referenced: str,
    referencing: str,
    attribute: str | None,
    single: str | None = None,
    collection: str | None = None,
    referenced_attribute: str | None = "",
) -> OneToManyRelationship:
    return OneToManyRelationship(
        schema_name=schema,
        referenced_entity=referenced,
        referenced_attribute=f"{referenced}id"
        if referenced_attribute == ""
        else referenced_attribute,
        referencing_entity=referencing,
        referencing_attribute=attribute,
        referencing_entity_navigation_property_name=single,
        referenced_entity_navigation_property_name=collection,
    )


def many(
    schema: str, this: str, other: str, this_nav: str | None, other_nav: str | None
) -> ManyToManyRelationship:
    return ManyToManyRelationship(
        schema_name=schema,
        intersect_entity_name=schema,
        this_table=ManyToManySide(this, f"{this}id", this_nav),
        other_table=ManyToManySide(other, f"{other}id", other_nav),
    )


@dataclass
class Rendered:
    text: str
    diagnostics: Diagnostics
    root: etree._Element = field(init=False)

    def __post_init__(self) -> None:
        self.root = etree.fromstring(self.text.encode("utf-8"))

    @property
    def warnings(self) -> list[str]:
        return [d.message for d in self.diagnostics]

    def warned(self, *fragments: str) -> bool:
        return any(all(f in w for f in fragments) for w in self.warnings)

    @property
    def schema(self) -> etree._Element:
        found = self.root.find(
            f"{{http://docs.oasis-open.org/odata/ns/edmx}}DataServices/{EDM}Schema"
        )
        assert found is not None
        return found

    def entity(self, name: str) -> etree._Element | None:
        return self.schema.find(f"{EDM}EntityType[@Name='{name}']")

    def entity_names(self) -> list[str]:
        return [e.get("Name", "") for e in self.schema.iter(f"{EDM}EntityType")]

    def props(self, name: str) -> dict[str, dict[str, str]]:
        entity = self.entity(name)
        assert entity is not None, f"no EntityType {name}"
        return {p.get("Name", ""): dict(p.attrib) for p in entity.iter(f"{EDM}Property")}

    def navs(self, name: str) -> dict[str, dict[str, str]]:
        entity = self.entity(name)
        assert entity is not None, f"no EntityType {name}"
        found = {}
        for nav in entity.iter(f"{EDM}NavigationProperty"):
            attrs = dict(nav.attrib)
            constraint = nav.find(f"{EDM}ReferentialConstraint")
            if constraint is not None:
                attrs["constraint"] = (
                    f"{constraint.get('Property')}->{constraint.get('ReferencedProperty')}"
                )
            found[attrs.pop("Name")] = attrs
        return found

    def key(self, name: str) -> list[str]:
        entity = self.entity(name)
        assert entity is not None
        return [ref.get("Name", "") for ref in entity.iter(f"{EDM}PropertyRef")]

    def sets(self) -> dict[str, tuple[str, dict[str, str]]]:
        return {
            s.get("Name", ""): (
                s.get("EntityType", ""),
                {
                    b.get("Path", ""): b.get("Target", "")
                    for b in s.iter(f"{EDM}NavigationPropertyBinding")
                },
            )
            for s in self.schema.iter(f"{EDM}EntitySet")
        }

    def description(self, element: etree._Element) -> str | None:
        for annotation in element.findall(f"{EDM}Annotation"):
            if annotation.get("Term") == CORE_DESCRIPTION:
                return annotation.get("String")
        return None


def render_set(tables: TableSet, config: Config | None = None) -> Rendered:
    diagnostics = Diagnostics()
    files = ODataTarget(config or Config()).render(tables, diagnostics)
    assert list(files) == ["metadata.xml"], [str(d) for d in diagnostics]
    return Rendered(files["metadata.xml"], diagnostics)


def render(*tables: Table, config: Config | None = None) -> Rendered:
    diagnostics = Diagnostics()
    table_set = resolve(tables, diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    rendered = render_set(table_set, config)
    rendered.diagnostics.extend(diagnostics)
    return rendered
