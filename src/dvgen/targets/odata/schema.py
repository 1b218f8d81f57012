"""The CSDL document as plain data: what ``templates/odata/metadata.xml.jinja`` lays out.

Drafts (mutable, built by the context builders) become declarations (frozen, names and types
final, ordered) once every cross-type decision is taken.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dvgen.diagnostics import Location
from dvgen.model import NOWHERE, Table
from dvgen.targets.odata.names import EdmName
from dvgen.targets.odata.types import Facets

KeyRefs = tuple[str, ...]
"""One alternate key: the Web API property of each column, in the key's order (its
``PropertyRef``'s Alias and Name, which Dataverse makes the same)."""


@dataclass(frozen=True, slots=True)
class PropertyDecl:
    name: EdmName
    type: str
    """Qualified: ``Edm.Guid``, ``mscrm.BooleanManagedProperty``."""
    facets: Facets = ()
    description: str | None = None
    computed: bool = False
    """Not valid for create nor update: annotated Core.Computed and Core.Permissions Read."""


@dataclass(frozen=True, slots=True)
class NavigationDecl:
    name: EdmName
    type: str
    """``mscrm.account`` or ``Collection(mscrm.account)``."""
    single: bool
    partner: str | None = None
    constraint: tuple[str, str] | None = None
    """(Property, ReferencedProperty) of the ReferentialConstraint."""


@dataclass(frozen=True, slots=True)
class EntityTypeDecl:
    name: EdmName
    base_type: str | None
    abstract: bool
    key: str | None
    description: str | None
    properties: tuple[PropertyDecl, ...]
    navigations: tuple[NavigationDecl, ...]
    alternate_keys: tuple[KeyRefs, ...] = ()
    """Each alternate key's properties (``altkeys``)."""

    @property
    def empty(self) -> bool:
        return not (self.key or self.description or self.properties or self.navigations)


@dataclass(frozen=True, slots=True)
class ComplexTypeDecl:
    name: str
    properties: tuple[PropertyDecl, ...]


@dataclass(frozen=True, slots=True)
class EntitySetDecl:
    name: EdmName
    entity_type: str
    """Qualified with the full namespace, as Dataverse writes it."""
    bindings: tuple[tuple[str, str], ...]
    """(Path, Target) pairs."""


@dataclass(frozen=True, slots=True)
class Document:
    namespace: str
    alias: str
    container: str
    entity_types: tuple[EntityTypeDecl, ...]
    complex_types: tuple[ComplexTypeDecl, ...]
    entity_sets: tuple[EntitySetDecl, ...]
    permission_read: str = "Org.OData.Core.V1.Permission/Read"
    """The Core.Permissions member of a computed property (``types.PERMISSION_READ``)."""


@dataclass(eq=False, slots=True)
class Nav:
    """A navigation property being built; ``partner`` is the Nav on the other side, if any."""

    name: EdmName
    owner: str
    """The entity type that declares it."""
    target: str
    """The entity type it leads to."""
    single: bool
    relationship: str
    constraint: tuple[str, str] | None = None
    partner: Nav | None = None
    dropped: bool = False
    loc: Location = NOWHERE

    def decl(self, alias: str) -> NavigationDecl:
        target = f"{alias}.{self.target}"
        partner = self.partner
        return NavigationDecl(
            name=self.name,
            type=target if self.single else f"Collection({target})",
            single=self.single,
            partner=partner.name if partner is not None and not partner.dropped else None,
            constraint=self.constraint,
        )


@dataclass(eq=False, slots=True)
class TypeDraft:
    """An entity type being built: a table of the set, or a stand-in for one outside it."""

    name: EdmName
    base: str | None
    """The base entity type's name; None only for ``crmbaseentity`` itself."""
    key: str | None = None
    abstract: bool = False
    table: Table | None = None
    """The table it declares; None for a base type or a placeholder."""
    properties: dict[str, PropertyDecl] = field(default_factory=dict)
    navigations: list[Nav] = field(default_factory=list)
    loc: Location = NOWHERE
    alternate_keys: tuple[KeyRefs, ...] = ()

    @property
    def description(self) -> str | None:
        return self.table.description if self.table is not None else None
