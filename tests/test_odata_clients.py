"""dvgen's ``$metadata`` read by OData client generators nobody here wrote, then type-checked.

Two independent chains, each ending in the TypeScript compiler (``tsc --strict``):

- ``@odata2ts/odata2ts`` reads the CSDL XML and writes model interfaces and query objects
  (and, for a small document, the whole client service); a generated ``names.ts`` asserts, type
  by type, that every entity type's interface has exactly the document's property and navigation
  names, each with the TypeScript type its EDM type maps to.
- the OASIS ``odata-openapi`` converter, then ``openapi-typescript`` on its OpenAPI document.

A user's program type-checks against each: an ``account`` create body with an ``@odata.bind``
lookup and a ``contact`` read with ``$expand`` of a navigation property dvgen declares; its
``@ts-expect-error`` lines prove that a misspelt name fails. The documents: the repository's
``generated/odata/metadata.xml``, every corpus page, and the corpus with the real solutions
layered on.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from lxml import etree

from dvgen.cli import main
from tests.conftest import NO_SHARED, ROOT, SHARED, corpus_pages

NODE_MODULES = ROOT / "node_modules"
ODATA2TS = NODE_MODULES / "@odata2ts" / "odata2ts" / "lib" / "run-cli.js"
OPENAPI_TS = NODE_MODULES / "openapi-typescript" / "bin" / "cli.js"
TSC = NODE_MODULES / "typescript" / "lib" / "tsc.js"
CONVERTER = NODE_MODULES / "odata-openapi" / "package.json"
TOOLS = (ODATA2TS, OPENAPI_TS, TSC, CONVERTER)
needs_tools = pytest.mark.skipif(
    shutil.which("node") is None or not all(tool.is_file() for tool in TOOLS),
    reason="node or the npm tools (odata2ts, openapi-typescript, typescript, odata-openapi) "
    "are absent; scripts/test installs them (npm ci)",
)
pytestmark = needs_tools

SOLUTIONS = SHARED / "solutions"
# Two independent solutions that both customize contact.lastname with different required
# levels: dvgen rightly refuses to layer them at one rank, so this one is left out.
CONFLICTING = "hmcts__pre-rec-evidence__dts_pre_recorded_evidence"
EDM = "{http://docs.oasis-open.org/odata/ns/edm}"
NAMESPACE = "Microsoft.Dynamics.CRM"
# Entity type names odata2ts writes as bare TypeScript identifiers, where a reserved word does
# not compile (Dataverse has the tables ``import`` and ``package``): renamed by its own option.
RESERVED = frozenset(
    "break case catch class const continue debugger default delete do else enum export extends "
    "false finally for function if implements import in instanceof interface let new null "
    "package private protected public return static super switch this throw true try typeof "
    "var void while with yield".split()
)
STRINGS = {"Guid", "String", "Date", "DateTimeOffset", "TimeOfDay", "Duration", "Binary"}
NUMBERS = {"Int16", "Int32", "Int64", "Byte", "SByte", "Single", "Double", "Decimal"}
TSCONFIG = {
    "compilerOptions": {
        "target": "ES2022",
        "module": "NodeNext",
        "moduleResolution": "NodeNext",
        "strict": True,
        "noEmit": True,
        "skipLibCheck": True,  # the npm packages' own declarations: not what is tested
        "types": [],
    },
    "include": ["**/*.ts"],
    "exclude": ["node_modules"],
}
CONVERT = """
const path = require("node:path");
const fs = require("node:fs");
const [, modules, source, target] = process.argv;
const openapiDir = path.join(modules, "odata-openapi");
const { csdl2openapi } = require(openapiDir);
const { xml2json } = require(require.resolve("odata-csdl", { paths: [openapiDir] }));
const messages = [];
const openapi = csdl2openapi(xml2json(fs.readFileSync(source, "utf8"), {}), { messages });
fs.writeFileSync(target, JSON.stringify(openapi));
process.stdout.write(messages.map(String).join("\\n"));
"""


def node(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["node", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


# --- the documents ----------------------------------------------------------------------------


def generate(specs: Path, out: Path) -> Path:
    """``dvgen generate --target odata`` as a user runs it on a folder of specs."""
    args = ["--specs", str(specs), "--out", str(out), "--no-cache", "--target", "odata", "-q"]
    assert main(["generate", *args]) == 0
    return out / "odata" / "metadata.xml"


def corpus_folder(into: Path, solutions: bool) -> Path:
    pages = corpus_pages()
    if not pages or (solutions and not SOLUTIONS.is_dir()):
        pytest.skip(NO_SHARED)
    into.mkdir(parents=True)
    for page in pages:
        shutil.copy(page, into / page.name)
    for folder in sorted(SOLUTIONS.glob("*__*")) if solutions else []:
        if folder.name != CONFLICTING:
            shutil.copytree(folder, into / folder.name)
    return into


def document(name: str, tmp: Path) -> Path:
    if name == "specs":
        return ROOT / "generated" / "odata" / "metadata.xml"
    if name == "slice":
        folder = corpus_folder(tmp / "specs", solutions=False)
        for page in folder.iterdir():
            if page.name not in {"account.md", "contact.md"}:
                page.unlink()
        return generate(folder, tmp / "out")
    return generate(corpus_folder(tmp / "specs", solutions=name == "layered"), tmp / "out")


# --- what the document declares ---------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    name: str
    type: str
    navigation: bool
    nullable: bool


@dataclass(frozen=True)
class Structured:
    """An entity or complex type of the document, with its base type's members folded in."""

    name: str
    members: tuple[Member, ...]
    computed: tuple[str, ...]


def local(type_name: str) -> str:
    return type_name.rsplit(".", 1)[-1]


def structured_types(xml: Path) -> list[Structured]:
    schema = etree.parse(str(xml)).getroot()
    declared = {t.get("Name", ""): t for t in schema.iter(f"{EDM}EntityType", f"{EDM}ComplexType")}

    def members(name: str) -> list[Member]:
        element = declared[name]
        base = element.get("BaseType")
        inherited = members(local(base)) if base else []
        own = [
            Member(
                m.get("Name", ""),
                m.get("Type", ""),
                m.tag == f"{EDM}NavigationProperty",
                m.get("Nullable") != "false",
            )
            for m in element
            if m.tag in (f"{EDM}Property", f"{EDM}NavigationProperty")
        ]
        return inherited + own

    def computed(element: etree._Element) -> tuple[str, ...]:
        term = "Org.OData.Core.V1.Computed"
        return tuple(
            p.get("Name", "")
            for p in element.iter(f"{EDM}Property")
            if any(a.get("Term") == term for a in p.iter(f"{EDM}Annotation"))
        )

    return [
        Structured(name, tuple(members(name)), computed(element))
        for name, element in sorted(declared.items())
    ]


# --- odata2ts ---------------------------------------------------------------------------------


def odata2ts_config(types: list[Structured], source: Path, mode: int) -> str:
    """Renames reserved words; marks ``Core.Computed`` properties as managed (server-set, so
    not in the editable create/update models), as a user configures odata2ts for Dataverse:
    odata2ts reads neither from the document itself."""
    by_name: list[dict[str, object]] = []
    for t in types:
        entry: dict[str, object] = {"type": "EntityType", "name": t.name}
        if t.name in RESERVED:
            entry["mappedName"] = f"{t.name}_"
        if t.computed:
            entry["properties"] = [{"name": p, "managed": True} for p in t.computed]
        if len(entry) > 2:
            by_name.append(entry)
    service = {
        "source": str(source),
        "output": "gen",
        "mode": mode,  # odata2ts's enum Modes: 0 models, 3 models, query objects and services
        "emitMode": "ts",
        "skipComments": True,
        "bundledFileGeneration": False,
        "byTypeAndName": by_name,
    }
    return f"module.exports = {json.dumps({'services': {'Dataverse': service}}, indent=1)};\n"


def interfaces(generated: Path, work: Path) -> dict[str, str]:
    """Each generated model interface's name -> its module, as an import path from ``work``."""
    found: dict[str, str] = {}
    for file in sorted(generated.rglob("*.ts")):
        module = "./" + file.relative_to(work).with_suffix("").as_posix()
        for line in file.read_text(encoding="utf-8").splitlines():
            if line.startswith("export interface "):
                found.setdefault(line.split()[2], module)
    return found


def ts_type(member: Member, names: dict[str, str]) -> str:
    """The TypeScript type odata2ts gives a member of the document's type."""
    collection = member.type.startswith("Collection(")
    target = local(member.type.removeprefix("Collection(").removesuffix(")"))
    if member.type.startswith("Edm."):
        base = "string" if target in STRINGS else "number" if target in NUMBERS else "boolean"
    else:
        base = names[target]
    if member.navigation:
        return f"Array<{base}> | undefined" if collection else f"{base} | undefined"
    return f"{base} | null" if member.nullable else base


def names_program(types: list[Structured], modules: dict[str, str]) -> str:
    """One type assertion per member, and one per type for the whole set of names."""
    alias = {t.name: f"T{i}" for i, t in enumerate(types)}
    mapped = {t.name: f"{t.name}_" if t.name in RESERVED else t.name for t in types}
    lines = [
        "type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2"
        " ? true : false;",
        "function same<A, B>(proof: Equal<A, B>): Equal<A, B> { return proof; }",
    ]
    lines += [
        f'import type {{ {mapped[t.name]} as {alias[t.name]} }} from "{modules[mapped[t.name]]}";'
        for t in types
    ]
    for t in types:
        keys = " | ".join(json.dumps(m.name) for m in t.members) or "never"
        lines.append(f"same<keyof {alias[t.name]}, {keys}>(true);")
        lines += [
            f"same<{alias[t.name]}[{json.dumps(m.name)}], {ts_type(m, alias)}>(true);"
            for m in t.members
        ]
    return "\n".join(lines) + "\n"


# --- the user's programs ----------------------------------------------------------------------

ODATA2TS_PROGRAM = """
import type { ODataHttpClient } from "@odata2ts/http-client-api";
import { MicrosoftDynamicsCrmService } from "./gen/MicrosoftDynamicsCrmService";
import type { account, Editableaccount } from "./gen/microsoft_dynamics_crm/account/account";

/** The single-valued navigation properties of T: the names `<name>@odata.bind` may take. */
type Lookup<T> = {
  [K in keyof T]-?: NonNullable<T[K]> extends readonly unknown[] ? never
    : NonNullable<T[K]> extends object ? K : never;
}[keyof T] & string;
type Binds<T> = { [K in Lookup<T> as `${K}@odata.bind`]?: string };

declare const client: ODataHttpClient;
const crm = new MicrosoftDynamicsCrmService(client, "https://contoso.crm.dynamics.com/api/data/v9.2");

export const body: Editableaccount & Binds<account> = {
  name: "Contoso",
  creditlimit: 1000,
  "primarycontactid@odata.bind": "/contacts(00000000-0000-0000-0000-000000000001)",
};
export const created = crm.accounts().create(body);

export async function parentName(id: string): Promise<string | null | undefined> {
  const read = await crm.contacts(id).query((q) =>
    q.select("fullname").expanding("parentcustomerid_account", (a) => a.select("name")),
  );
  return read.data.parentcustomerid_account?.name;
}

export const misspelt: Editableaccount & Binds<account> = {
  // @ts-expect-error: account has no navigation property primarycontact
  "primarycontact@odata.bind": "/contacts(00000000-0000-0000-0000-000000000001)",
};
// @ts-expect-error: createdon is Core.Computed, so odata2ts leaves it out of the create body
export const computed: Editableaccount = { createdon: "2024-01-01T00:00:00Z" };
export async function wrongExpand(id: string): Promise<void> {
  // @ts-expect-error: contact has no navigation property parentcustomer
  await crm.contacts(id).query((q) => q.expand("parentcustomer"));
}
"""

OPENAPI_PROGRAM = """
import type { components, paths } from "./openapi";

type AccountQuery = NonNullable<paths["/accounts({accountid})"]["get"]["parameters"]["query"]>;
type ContactQuery = NonNullable<paths["/contacts({contactid})"]["get"]["parameters"]["query"]>;
type Navigation = Exclude<NonNullable<AccountQuery["$expand"]>[number], "*">;
type Binds = { [K in Navigation as `${K}@odata.bind`]?: string };
type Read = paths["/contacts({contactid})"]["get"]["responses"][200];
type Contact = Read["content"]["application/json"];

// odata-openapi requires a key in a create body unless the key is Core.Computed or
// Core.ComputedDefaultValue; Dataverse's $metadata (and dvgen's) annotates neither, though
// Dataverse makes the id when a create body has none: a Dataverse client relaxes it.
type AccountCreate = components["schemas"]["Microsoft.Dynamics.CRM.account-create"];
type Create = Omit<AccountCreate, "accountid"> & Partial<Pick<AccountCreate, "accountid">>;

export const body: Create & Binds = {
  name: "Contoso",
  "primarycontactid@odata.bind": "/contacts(00000000-0000-0000-0000-000000000001)",
};
export const query: ContactQuery = {
  $select: ["fullname"],
  $expand: ["parentcustomerid_account"],
};
export function parentName(read: Contact): string | null | undefined {
  return read.parentcustomerid_account?.name;
}
// @ts-expect-error: contact has no navigation property parentcustomer
export const wrong: ContactQuery = { $expand: ["parentcustomer"] };
"""


# --- one run of every tool per document -------------------------------------------------------


@dataclass(frozen=True)
class Clients:
    """What each tool said about one document: odata2ts's and the converter's messages, and
    tsc's errors per file of the work folder (generated code, names.ts, the programs)."""

    work: Path
    odata2ts: subprocess.CompletedProcess[str]
    converter: str
    openapi_typescript: subprocess.CompletedProcess[str] | None
    tsc: dict[str, list[str]]
    types: list[Structured]


def tsc_errors(work: Path) -> dict[str, list[str]]:
    """``tsc -p`` over the work folder: its errors by file."""
    checked = node(TSC, "-p", "tsconfig.json", cwd=work)
    errors: dict[str, list[str]] = {}
    for line in (checked.stdout + checked.stderr).splitlines():
        if "error TS" in line:
            errors.setdefault(line.split("(", 1)[0].split(":", 1)[0], []).append(line)
    return errors


def prepare(work: Path, xml: Path, types: list[Structured], mode: int) -> None:
    work.mkdir(parents=True, exist_ok=True)
    (work / "node_modules").symlink_to(NODE_MODULES, target_is_directory=True)
    (work / "tsconfig.json").write_text(json.dumps(TSCONFIG), encoding="utf-8")
    config = odata2ts_config(types, xml, mode)
    (work / "odata2ts.config.js").write_text(config, encoding="utf-8")


def write_programs(work: Path, types: list[Structured], service: bool, openapi: bool) -> None:
    """names.ts always; the user's programs where the document has account and contact and
    the client they use was generated."""
    (work / "names.ts").write_text(names_program(types, interfaces(work / "gen", work)), "utf-8")
    if not {"account", "contact"} <= {t.name for t in types}:
        return
    if service:
        (work / "odata2ts_program.ts").write_text(ODATA2TS_PROGRAM, encoding="utf-8")
    if openapi:
        (work / "openapi_program.ts").write_text(OPENAPI_PROGRAM, encoding="utf-8")


def run_clients(xml: Path, work: Path, mode: int, openapi: bool = True) -> Clients:
    types = structured_types(xml)
    prepare(work, xml, types, mode)
    odata2ts = node(ODATA2TS, cwd=work)
    converted = node("-e", CONVERT, NODE_MODULES, xml, work / "openapi.json", cwd=work)
    assert converted.returncode == 0, converted.stderr
    openapi_ts = node(OPENAPI_TS, "openapi.json", "-o", "openapi.ts", cwd=work) if openapi else None
    if odata2ts.returncode != 0:
        return Clients(work, odata2ts, converted.stdout, openapi_ts, {}, types)
    write_programs(work, types, service=mode == 3, openapi=openapi)
    return Clients(work, odata2ts, converted.stdout, openapi_ts, tsc_errors(work), types)


DOCUMENTS = ["specs", "corpus", "layered"]
# openapi-typescript's output for the two largest is 16-28 MB of declarations, which tsc takes
# tens of seconds over: that chain runs on the repository's specs and the corpus.
OPENAPI_DOCUMENTS = {"specs", "corpus"}


@pytest.fixture(scope="module", params=DOCUMENTS)
def clients(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Clients]:
    tmp = tmp_path_factory.mktemp(request.param)
    xml = document(request.param, tmp)
    yield run_clients(xml, tmp / "work", mode=0, openapi=request.param in OPENAPI_DOCUMENTS)


@pytest.fixture(scope="module")
def slice_clients(tmp_path_factory: pytest.TempPathFactory) -> Clients:
    """account and contact alone: small enough for odata2ts's whole client service, whose
    recursive generics exhaust tsc's type-comparison depth on sets of hundreds of tables."""
    tmp = tmp_path_factory.mktemp("slice")
    return run_clients(document("slice", tmp), tmp / "work", mode=3)


def test_odata2ts_generates_without_a_message(clients: Clients) -> None:
    assert clients.odata2ts.returncode == 0, clients.odata2ts.stdout + clients.odata2ts.stderr
    assert "Duplicate name" not in clients.odata2ts.stdout
    assert clients.odata2ts.stderr == ""


@pytest.mark.parametrize("clients", sorted(OPENAPI_DOCUMENTS), indirect=True)
def test_openapi_typescript_converts_the_converters_document(clients: Clients) -> None:
    assert clients.converter == ""
    assert clients.openapi_typescript is not None
    assert clients.openapi_typescript.returncode == 0, clients.openapi_typescript.stderr


def test_tsc_accepts_what_both_generators_wrote(clients: Clients) -> None:
    generated = {f: e for f, e in clients.tsc.items() if f != "names.ts" and "program" not in f}
    assert generated == {}


def test_every_name_and_type_of_the_document_is_in_the_odata2ts_models(clients: Clients) -> None:
    assert clients.tsc.get("names.ts", []) == []
    assert sum(len(t.members) for t in clients.types) > 0


@pytest.mark.parametrize("clients", ["corpus"], indirect=True)
def test_the_users_program_type_checks_on_the_openapi_types(clients: Clients) -> None:
    """On the corpus: the repository's specs hold no account and contact."""
    assert {"account", "contact"} <= {t.name for t in clients.types}
    assert clients.openapi_typescript is not None
    assert (clients.work / "openapi_program.ts").is_file()
    assert clients.tsc.get("openapi_program.ts", []) == []


def test_the_users_program_type_checks_on_the_odata2ts_client(slice_clients: Clients) -> None:
    """Its ``@ts-expect-error`` lines make tsc fail unless each misspelt name is an error."""
    assert slice_clients.odata2ts.returncode == 0, slice_clients.odata2ts.stdout
    assert (slice_clients.work / "odata2ts_program.ts").is_file()
    assert (slice_clients.work / "openapi_program.ts").is_file()
    assert slice_clients.tsc == {}


def test_names_ts_fails_when_a_model_lacks_a_name_or_has_another_type(tmp_path: Path) -> None:
    """The check of every name can fail: with one member more and one type changed in what the
    document is said to declare, tsc reports the key set, that type and that member."""
    result = run_clients(ROOT / "generated" / "odata" / "metadata.xml", tmp_path, 0, False)
    assert result.tsc == {}
    project = next(t for t in result.types if t.name == "contoso_project")
    budget = next(m for m in project.members if m.name == "contoso_budget")
    changed = replace(budget, type="Edm.String")
    extra = Member("contoso_missing", "Edm.String", navigation=False, nullable=True)
    members = (*(changed if m is budget else m for m in project.members), extra)
    types = [replace(t, members=members) if t is project else t for t in result.types]
    write_programs(tmp_path, types, service=False, openapi=False)
    errors = tsc_errors(tmp_path)
    assert list(errors) == ["names.ts"], errors
    keys, budget_type, missing = errors["names.ts"]  # the key set, the type, the member
    assert "not assignable to parameter of type 'false'" in keys + budget_type
    assert "Property 'contoso_missing' does not exist on type 'contoso_project'" in missing


def test_odata2ts_rejects_a_navigation_property_to_an_undeclared_type(tmp_path: Path) -> None:
    xml = ROOT / "generated" / "odata" / "metadata.xml"
    broken = tmp_path / "broken.xml"
    broken.write_text(
        xml.read_text(encoding="utf-8").replace(
            'Type="mscrm.backgroundoperation"', 'Type="mscrm.nosuchtable"', 1
        ),
        encoding="utf-8",
    )
    result = run_clients(broken, tmp_path / "work", mode=0, openapi=False)
    assert result.odata2ts.returncode != 0
    assert 'Given data type: "mscrm.nosuchtable"' in result.odata2ts.stdout + result.odata2ts.stderr
