"""An independent reference check for CSDL XML: what the OASIS XSD cannot see.

``unresolved(xml)`` reads a document with lxml only (nothing from dvgen) and lists every
reference that does not resolve inside it: Type, BaseType, Key/PropertyRef, Partner (both ends
must name each other), ReferentialConstraint (Property on the declaring type, ReferencedProperty
on the target type), EntitySet/@EntityType and NavigationPropertyBinding (Path is a navigation
property of the set's type, Target an entity set whose type fits), annotation terms and member
names (unique per type, inherited members included). The tests below show it catches each kind
of break, so a clean result on a generated document means something.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from lxml import etree

EDMX = "{http://docs.oasis-open.org/odata/ns/edmx}"
EDM = "{http://docs.oasis-open.org/odata/ns/edm}"
PRIMITIVES = frozenset(
    "Edm." + name
    for name in (
        "Binary Boolean Byte Date DateTimeOffset Decimal Double Duration Guid Int16 Int32 Int64 "
        "SByte Single Stream String TimeOfDay Geography Geometry"
    ).split()
)
CORE_TERMS = {"Description": "String", "Computed": "Bool", "Permissions": "EnumMember"}
CORE_PERMISSIONS = frozenset({"None", "Read", "Write", "ReadWrite", "Invoke"})


@dataclass
class _Type:
    name: str
    element: etree._Element
    base: str | None = None
    properties: dict[str, etree._Element] = field(default_factory=dict)
    navigations: dict[str, etree._Element] = field(default_factory=dict)


class _Document:
    def __init__(self, root: etree._Element) -> None:
        self.problems: list[str] = []
        self.root = root
        schema = root.find(f"{EDMX}DataServices/{EDM}Schema")
        assert schema is not None, "no edmx:DataServices/Schema"
        self.namespace = schema.get("Namespace", "")
        self.alias = schema.get("Alias")
        self.includes = {
            inc.get("Namespace"): inc.get("Alias") for inc in root.iter(f"{EDMX}Include")
        }
        self.entities = self._types(schema, "EntityType")
        self.complexes = self._types(schema, "ComplexType")
        container = schema.find(f"{EDM}EntityContainer")
        self.sets = (
            {s.get("Name", ""): s for s in container.iter(f"{EDM}EntitySet")}
            if (container is not None)
            else {}
        )

    def _types(self, schema: etree._Element, kind: str) -> dict[str, _Type]:
        found: dict[str, _Type] = {}
        for element in schema.iter(f"{EDM}{kind}"):
            name = element.get("Name", "")
            if name in found or (kind == "ComplexType" and name in self.entities):
                self.problems.append(f"{kind} {name!r} declared twice")
            found[name] = _Type(name, element, element.get("BaseType"))
            for child in element:
                members = {
                    f"{EDM}Property": found[name].properties,
                    f"{EDM}NavigationProperty": found[name].navigations,
                }
                target = members.get(child.tag)
                if target is None:
                    continue
                member = child.get("Name", "")
                if member in found[name].properties or member in found[name].navigations:
                    self.problems.append(f"{name}.{member} declared twice")
                target[member] = child
        return found

    def local(self, qualified: str) -> str | None:
        """The local name of a type of this schema, by namespace or alias."""
        for prefix in (self.namespace, self.alias):
            if (
                prefix
                and qualified.startswith(prefix + ".")
                and "." not in qualified[len(prefix) + 1 :]
            ):
                return qualified[len(prefix) + 1 :]
        return None

    def entity(self, qualified: str | None) -> _Type | None:
        name = self.local(qualified) if qualified else None
        return self.entities.get(name) if name else None

    def lineage(self, entity: _Type) -> list[_Type]:
        chain, seen = [entity], {entity.name}
        while chain[-1].base is not None:
            base = self.entity(chain[-1].base)
            if base is None or base.name in seen:
                self.problems.append(f"{chain[-1].name}: BaseType {chain[-1].base!r} unresolved")
                break
            chain.append(base)
            seen.add(base.name)
        return chain

    def property(self, entity: _Type, name: str | None) -> bool:
        return any(name in t.properties for t in self.lineage(entity))

    def navigation(self, entity: _Type, name: str | None) -> etree._Element | None:
        for t in self.lineage(entity):
            if name in t.navigations:
                return t.navigations[name]
        return None

    def derives(self, entity: _Type, ancestor: _Type) -> bool:
        return any(t.name == ancestor.name for t in self.lineage(entity))


def unresolved(xml: bytes) -> list[str]:
    """Every reference of a CSDL XML document that does not resolve inside it."""
    doc = _Document(etree.fromstring(xml))
    for entity in doc.entities.values():
        _check_entity(doc, entity)
    for complex_type in doc.complexes.values():
        for prop in complex_type.properties.values():
            _check_type(doc, f"{complex_type.name}.{prop.get('Name')}", prop.get("Type"))
    for name, entity_set in doc.sets.items():
        _check_set(doc, name, entity_set)
    _check_annotations(doc)
    return sorted(set(doc.problems))


def _check_type(doc: _Document, where: str, type_name: str | None) -> None:
    if type_name in PRIMITIVES:
        return
    local = doc.local(type_name or "")
    if local not in doc.complexes:
        doc.problems.append(f"{where}: Type {type_name!r} unresolved")


def _check_entity(doc: _Document, entity: _Type) -> None:
    chain = doc.lineage(entity)
    inherited: set[str] = set()
    for base in chain[1:]:
        inherited |= base.properties.keys() | base.navigations.keys()
    for member in entity.properties.keys() | entity.navigations.keys():
        if member in inherited:
            doc.problems.append(f"{entity.name}.{member} redeclares an inherited member")
    keys = entity.element.findall(f"{EDM}Key/{EDM}PropertyRef")
    if keys and len(chain) > 1 and any(b.element.find(f"{EDM}Key") is not None for b in chain[1:]):
        doc.problems.append(f"{entity.name}: declares a Key although its base type has one")
    abstract = any(t.element.get("Abstract") == "true" for t in chain[:1])
    has_key = any(t.element.find(f"{EDM}Key") is not None for t in chain)
    if not has_key and not abstract:
        doc.problems.append(f"{entity.name}: no Key, declared or inherited")
    for ref in keys:
        if not doc.property(entity, ref.get("Name")):
            doc.problems.append(f"{entity.name}: PropertyRef {ref.get('Name')!r} unresolved")
    for name, prop in entity.properties.items():
        _check_type(doc, f"{entity.name}.{name}", prop.get("Type"))
    for name, nav in entity.navigations.items():
        _check_navigation(doc, entity, name, nav)


def _nav_target(doc: _Document, nav: etree._Element) -> tuple[_Type | None, bool]:
    type_name = nav.get("Type", "")
    collection = type_name.startswith("Collection(") and type_name.endswith(")")
    return doc.entity(type_name[11:-1] if collection else type_name), collection


def _check_navigation(doc: _Document, entity: _Type, name: str, nav: etree._Element) -> None:
    where = f"{entity.name}.{name}"
    target, collection = _nav_target(doc, nav)
    if target is None:
        doc.problems.append(f"{where}: Type {nav.get('Type')!r} unresolved")
        return
    if collection and nav.get("Nullable") is not None:
        doc.problems.append(f"{where}: Nullable on a collection")
    partner_name = nav.get("Partner")
    if partner_name is not None:
        partner = doc.navigation(target, partner_name)
        back, _ = _nav_target(doc, partner) if partner is not None else (None, False)
        if partner is None:
            doc.problems.append(f"{where}: Partner {partner_name!r} not on {target.name}")
        elif partner.get("Partner") != name or back is None or not doc.derives(entity, back):
            doc.problems.append(f"{where}: Partner {partner_name!r} does not point back")
    for constraint in nav.iter(f"{EDM}ReferentialConstraint"):
        if collection:
            doc.problems.append(f"{where}: ReferentialConstraint on a collection")
        if not doc.property(entity, constraint.get("Property")):
            doc.problems.append(f"{where}: constraint Property {constraint.get('Property')!r}")
        if not doc.property(target, constraint.get("ReferencedProperty")):
            ref = constraint.get("ReferencedProperty")
            doc.problems.append(f"{where}: constraint ReferencedProperty {ref!r}")


def _check_set(doc: _Document, name: str, entity_set: etree._Element) -> None:
    qualified = entity_set.get("EntityType", "")
    entity = doc.entity(qualified)
    if entity is None:
        doc.problems.append(f"EntitySet {name}: EntityType {qualified!r} unresolved")
        return
    paths = set()
    for binding in entity_set.iter(f"{EDM}NavigationPropertyBinding"):
        path, target_set = binding.get("Path"), binding.get("Target", "")
        if path in paths:
            doc.problems.append(f"EntitySet {name}: Path {path!r} bound twice")
        paths.add(path)
        nav = doc.navigation(entity, path)
        target = doc.sets.get(target_set)
        if nav is None:
            doc.problems.append(f"EntitySet {name}: binding Path {path!r} unresolved")
        elif target is None:
            doc.problems.append(f"EntitySet {name}: binding Target {target_set!r} unresolved")
        else:
            nav_type, _ = _nav_target(doc, nav)
            set_type = doc.entity(target.get("EntityType"))
            if nav_type is None or set_type is None or not doc.derives(set_type, nav_type):
                doc.problems.append(f"EntitySet {name}: Target {target_set!r} has another type")


def _check_annotations(doc: _Document) -> None:
    core_alias = doc.includes.get("Org.OData.Core.V1", "<missing>")
    for annotation in doc.root.iter(f"{EDM}Annotation"):
        term = annotation.get("Term", "")
        namespace, _, local = term.rpartition(".")
        if namespace not in ("Org.OData.Core.V1", core_alias) or local not in CORE_TERMS:
            doc.problems.append(f"annotation term {term!r} not in an included vocabulary")
            continue
        expression = CORE_TERMS[local]
        if expression == "EnumMember":
            members = [e.text or "" for e in annotation.iter(f"{EDM}EnumMember")]
            if not members or any(
                m.rpartition("/")[0] != "Org.OData.Core.V1.Permission"
                or m.rpartition("/")[2] not in CORE_PERMISSIONS
                for m in members
            ):
                doc.problems.append(f"annotation {term!r}: bad EnumMember {members!r}")
        elif annotation.get(expression) is None:
            doc.problems.append(f"annotation {term!r} without a {expression} value")


GOOD = b"""<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">
  <edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml">
    <edmx:Include Namespace="Org.OData.Core.V1" Alias="Core"/>
  </edmx:Reference>
  <edmx:DataServices>
    <Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="N.S" Alias="a">
      <EntityType Name="base" Abstract="true"/>
      <EntityType Name="parent" BaseType="a.base">
        <Key><PropertyRef Name="parentid"/></Key>
        <Property Name="parentid" Type="Edm.Guid">
          <Annotation Term="Org.OData.Core.V1.Description" String="x"/>
        </Property>
        <Property Name="flag" Type="a.Flag"/>
        <NavigationProperty Name="children" Type="Collection(a.child)" Partner="parentref"/>
      </EntityType>
      <EntityType Name="child" BaseType="a.parent">
        <Property Name="_parentref_value" Type="Edm.Guid">
          <Annotation Term="Org.OData.Core.V1.Computed" Bool="true"/>
          <Annotation Term="Org.OData.Core.V1.Permissions">
            <EnumMember>Org.OData.Core.V1.Permission/Read</EnumMember>
          </Annotation>
        </Property>
        <NavigationProperty Name="parentref" Type="a.parent" Nullable="false" Partner="children">
          <ReferentialConstraint Property="_parentref_value" ReferencedProperty="parentid"/>
        </NavigationProperty>
      </EntityType>
      <ComplexType Name="Flag">
        <Property Name="Value" Type="Edm.Boolean"/>
      </ComplexType>
      <EntityContainer Name="C">
        <EntitySet Name="parents" EntityType="N.S.parent">
          <NavigationPropertyBinding Path="children" Target="children"/>
        </EntitySet>
        <EntitySet Name="children" EntityType="N.S.child">
          <NavigationPropertyBinding Path="parentref" Target="parents"/>
        </EntitySet>
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"""

BREAKS = {
    "type": ('Type="a.Flag"', 'Type="a.Flags"'),
    "base type": ('BaseType="a.base"', 'BaseType="a.nobase"'),
    "property ref": ('PropertyRef Name="parentid"', 'PropertyRef Name="parent"'),
    "no key": ('<Key><PropertyRef Name="parentid"/></Key>', ""),
    "partner missing": ('Partner="parentref"', 'Partner="parent"'),
    "partner is a property": (
        'Nullable="false" Partner="children"',
        'Nullable="false" Partner="flag"',
    ),
    "partner not back": ('Partner="parentref"', 'Partner="children"'),
    "constraint property": ('Property="_parentref_value"', 'Property="_parent_value"'),
    "constraint referenced": ('ReferencedProperty="parentid"', 'ReferencedProperty="childid"'),
    "navigation type": ('Type="Collection(a.child)"', 'Type="Collection(a.kid)"'),
    "set type": ('EntityType="N.S.child"', 'EntityType="N.S.kid"'),
    "binding path": ('Path="children"', 'Path="kids"'),
    "binding target": ('Target="parents"', 'Target="people"'),
    "binding target type": (
        'Path="children" Target="children"',
        'Path="children" Target="parents"',
    ),
    "term": ("Org.OData.Core.V1.Computed", "Org.OData.Core.V1.Calculated"),
    "enum member": ("Core.V1.Permission/Read", "Core.V1.PermissionType/Read"),
    "duplicate member": ('<Property Name="flag"', '<Property Name="parentid"'),
    "redeclared member": ('<Property Name="_parentref_value"', '<Property Name="parentid"'),
}


def test_a_consistent_document_resolves() -> None:
    assert unresolved(GOOD) == []


@pytest.mark.parametrize("break_name", sorted(BREAKS))
def test_each_kind_of_break_is_found(break_name: str) -> None:
    old, new = BREAKS[break_name]
    assert old.encode() in GOOD
    problems = unresolved(GOOD.replace(old.encode(), new.encode(), 1))
    assert problems, break_name
