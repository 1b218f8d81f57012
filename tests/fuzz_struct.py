"""Structure-aware mutators for the fuzzer (``tests/fuzz.py`` mixes them into its defaults).

The line-level mutators of ``tests/fuzz.py`` rarely make a page or a spec that is well formed
and wrong in meaning. These know the structure: a page's ``###`` column blocks, property rows,
option tables and state links; a YAML spec's relationships, status reasons and customizations.
Each takes ``(text, rng)`` and returns ``(new text, what it did)``; each changes its input (when
the structure it wants is absent it falls back to inserting a hostile line).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from typing import Any

Mutator = Callable[[str, random.Random], tuple[str, str]]

_H3 = re.compile(r"^### ")
_PROP_ROW = re.compile(r"^\|\s*(?:\*\*)?(\w+)(?:\*\*)?\s*\|(.*)\|\s*$")
_SEP = re.compile(r"^\|?[\s:|-]+$")
TYPES = (
    "String",
    "Memo",
    "Integer",
    "BigInt",
    "Decimal",
    "Double",
    "Money",
    "Boolean",
    "DateTime",
    "Picklist",
    "State",
    "Status",
    "MultiSelectPicklist",
    "Lookup",
    "Customer",
    "Owner",
    "Uniqueidentifier",
    "File",
    "Image",
    "EntityName",
    "Virtual",
    "ManagedProperty",
    "CalendarRules",
    "PartyList",
)
EXTREMES = ("0", "-1", str(10**12), str(2**31), str(-(2**31) - 1), "4001", "1048577")


def _fallback(text: str, rng: random.Random, why: str) -> tuple[str, str]:
    lines = text.split("\n")
    i = rng.randrange(len(lines) + 1)
    lines.insert(i, "|Type|" + rng.choice(TYPES) + "|")
    return "\n".join(lines), f"({why}) insert a Type row at line {i + 1}"


def _sections(lines: list[str], prefix: str) -> list[tuple[int, int]]:
    """(start, end) line ranges of each heading of exactly this level (end exclusive)."""
    level = len(prefix.strip())
    starts = [i for i, line in enumerate(lines) if line.startswith(prefix)]
    ranges = []
    for s in starts:
        e = s + 1
        while e < len(lines):
            head = re.match(r"^(#+) ", lines[e])
            if head and len(head.group(1)) <= level:
                break
            e += 1
        ranges.append((s, e))
    return ranges


def _section_of(lines: list[str], word: str) -> list[tuple[int, int]]:
    return [(s, e) for s, e in _sections(lines, "## ") if word in lines[s].lower()]


def _blocks_in(lines: list[str], word: str) -> list[tuple[int, int]]:
    found = []
    for s, e in _section_of(lines, word):
        found += [(a, b) for a, b in _sections(lines, "### ") if s < a < e]
    return found


def _prop_rows(lines: list[str], start: int, end: int) -> list[int]:
    rows = []
    for i in range(start, end):
        m = _PROP_ROW.match(lines[i])
        if m and not _SEP.match(lines[i]) and m.group(1) not in ("Property", "Value"):
            rows.append(i)
    return rows


# --------------------------------------------------------------------------- pages


def swap_block_headings(text: str, rng: random.Random) -> tuple[str, str]:
    lines = text.split("\n")
    heads = [i for i, line in enumerate(lines) if _H3.match(line)]
    if len(heads) < 2:
        return _fallback(text, rng, "fewer than two blocks")
    i, j = rng.sample(heads, 2)
    if lines[i] == lines[j]:
        return _fallback(text, rng, "equal headings")
    lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines), f"swap block headings at lines {i + 1} and {j + 1}"


def move_property_row(text: str, rng: random.Random) -> tuple[str, str]:
    lines = text.split("\n")
    blocks = _sections(lines, "### ")
    rowed = [(b, _prop_rows(lines, *b)) for b in blocks]
    rowed = [(b, rows) for b, rows in rowed if rows]
    if len(rowed) < 2:
        return _fallback(text, rng, "fewer than two tables")
    (_, rows), (_, target) = rng.sample(rowed, 2)
    i, j = rng.choice(rows), rng.choice(target)
    row = lines[i]
    if i < j:
        lines.insert(j + 1, row)
        del lines[i]
    else:
        del lines[i]
        lines.insert(j + 1, row)
    return "\n".join(lines), f"move row {row[:40]!r} from line {i + 1} after line {j + 1}"


def change_type(text: str, rng: random.Random) -> tuple[str, str]:
    lines = text.split("\n")
    rows = [i for i, line in enumerate(lines) if re.match(r"^\|\s*(\*\*)?Type(\*\*)?\s*\|", line)]
    if not rows:
        return _fallback(text, rng, "no Type row")
    i = rng.choice(rows)
    old = lines[i].split("|")[2].strip() if lines[i].count("|") >= 3 else ""
    new = rng.choice([t for t in TYPES if t != old])
    lines[i] = f"|Type|{new}|"
    return "\n".join(lines), f"Type at line {i + 1}: {old[:20]} -> {new}"


def relationship_under_columns(text: str, rng: random.Random) -> tuple[str, str]:
    lines = text.split("\n")
    rels = _blocks_in(lines, "relationship")
    cols = _section_of(lines, "column")
    if not rels or not cols:
        return _fallback(text, rng, "no relationship block or no columns section")
    s, e = rng.choice(rels)
    block = lines[s:e]
    c_start, c_end = rng.choice(cols)
    at = rng.choice([c_start + 1, c_end])
    if rng.random() < 0.5:  # moved, not copied
        del lines[s:e]
        if at > s:
            at -= e - s
    lines[at:at] = block
    return "\n".join(lines), f"relationship block of line {s + 1} put at line {at + 1}"


def duplicate_section(text: str, rng: random.Random) -> tuple[str, str]:
    lines = text.split("\n")
    sections = _sections(lines, "## ")
    if not sections:
        return _fallback(text, rng, "no section")
    s, e = rng.choice(sections)
    lines[e:e] = lines[s:e]
    return "\n".join(lines), f"duplicate the section of lines {s + 1}-{e}"


def _option_tables(lines: list[str]) -> list[tuple[list[str], list[int]]]:
    """Each option table: its header cells and the line numbers of its rows."""
    found = []
    for i, line in enumerate(lines):
        if re.match(r"^\|\s*Value\s*\|", line):
            head = [c.strip() for c in line.strip().strip("|").split("|")]
            rows = []
            k = i + 2
            while k < len(lines) and lines[k].startswith("|"):
                rows.append(k)
                k += 1
            if rows:
                found.append((head, rows))
    return found


def _set_cell(line: str, column: int, value: str) -> str:
    cells = line.strip().strip("|").split("|")
    while len(cells) <= column:
        cells.append("")
    cells[column] = value
    return "|" + "|".join(cells) + "|"


def option_values(text: str, rng: random.Random) -> tuple[str, str]:
    lines = text.split("\n")
    tables = _option_tables(lines)
    if not tables:
        return _fallback(text, rng, "no option table")
    _, rows = rng.choice(tables)
    how = rng.choice(["duplicate", "negative", "2**31", "-2**31-1", "10**12"])
    first = lines[rows[0]].strip().strip("|").split("|")[0].strip()
    for n, k in enumerate(rows):
        value = {
            "duplicate": first,
            "negative": f"-{n + 1}",
            "2**31": str(2**31 + n),
            "-2**31-1": str(-(2**31) - 1 - n),
            "10**12": str(10**12 + n),
        }[how]
        if how != "duplicate" and rng.random() < 0.3:
            continue
        lines[k] = _set_cell(lines[k], 0, value)
    if how == "duplicate" and len(rows) == 1:
        lines.insert(rows[0], lines[rows[0]])
    return "\n".join(lines), f"option values of line {rows[0] + 1}: {how}"


def drop_state_links(text: str, rng: random.Random) -> tuple[str, str]:
    lines = text.split("\n")
    tables = [
        (head, rows)
        for head, rows in _option_tables(lines)
        if "State" in head or "DefaultStatus" in head
    ]
    if not tables:
        return _fallback(text, rng, "no state or status options")
    head, rows = rng.choice(tables)
    column = head.index("State") if "State" in head else head.index("DefaultStatus")
    how = rng.choice(["blank", "foreign", "drop-one", "text"])
    picked = rows if how != "drop-one" else [rng.choice(rows)]
    for k in picked:
        value = {"blank": "", "foreign": "99", "drop-one": "", "text": "Active"}[how]
        lines[k] = _set_cell(lines[k], column, value)
    return "\n".join(lines), f"{head[column]} links of line {rows[0] + 1}: {how}"


def extreme_max_length(text: str, rng: random.Random) -> tuple[str, str]:
    lines = text.split("\n")
    keys = "MaxLength|MaxSizeInKB|MaxHeight|Precision|MinValue"
    rows = [i for i, line in enumerate(lines) if re.match(rf"^\|\s*(\*\*)?({keys})\W", line)]
    length = [i for i in rows if "MaxLength" in lines[i]]
    if not rows:
        return _fallback(text, rng, "no MaxLength row")
    i = rng.choice(length if length and rng.random() < 0.6 else rows)
    key = lines[i].split("|")[1].strip("* ")
    value = rng.choice(["0", "-1", str(10**12)])
    lines[i] = f"|{key}|{value}|"
    return "\n".join(lines), f"{key} at line {i + 1} := {value}"


PAGE_MUTATORS: list[Mutator] = [
    swap_block_headings,
    move_property_row,
    change_type,
    relationship_under_columns,
    duplicate_section,
    option_values,
    drop_state_links,
    extreme_max_length,
]


# --------------------------------------------------------------------------- YAML specs


def _load(text: str) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, ValueError, RecursionError):
        return None


def _dump(data: Any) -> str:
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return str(yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=1000))


def _yaml_fallback(text: str, rng: random.Random, why: str) -> tuple[str, str]:
    extra = rng.choice(["changes: {nosuch: {max_length: -1}}", "remove: {columns: [nosuch]}"])
    return text.rstrip("\n") + "\n" + extra + "\n", f"({why}) append {extra!r}"


def _columns(data: dict[str, Any]) -> list[dict[str, Any]]:
    cols = data.get("columns")
    return [c for c in cols if isinstance(c, dict)] if isinstance(cols, list) else []


def _relationships(data: dict[str, Any]) -> list[dict[str, Any]]:
    rels = data.get("relationships")
    if not isinstance(rels, dict):
        return []
    found = []
    for kind in rels.values():
        if isinstance(kind, list):
            found += [r for r in kind if isinstance(r, dict)]
    return found


def relationship_disagree(text: str, rng: random.Random) -> tuple[str, str]:
    data = _load(text)
    rels = _relationships(data) if isinstance(data, dict) else []
    if not rels:
        return _yaml_fallback(text, rng, "no relationship")
    rel = rng.choice(rels)
    side = rel
    for key in ("this_table", "other_table"):
        if isinstance(rel.get(key), dict) and rng.random() < 0.4:
            side = rel[key]
    key = rng.choice([k for k in side if k != "schema_name"] or ["referencing_attribute"])
    value: Any = rng.choice(["nosuch", "cln_patient", "contact", "cln_patientid", None, 7, ["x"]])
    if key == "cascade_configuration":
        value = {"delete": rng.choice(["Cascade", "Restrict", "NoCascade", "Bogus"])}
    side[key] = value
    return _dump(data), f"relationship {rel.get('schema_name')!s:.40}: {key} := {value!r}"


def status_reasons(text: str, rng: random.Random) -> tuple[str, str]:
    data = _load(text)
    cols = _columns(data) if isinstance(data, dict) else []
    linked = [c for c in cols if c.get("type") in ("State", "Status") and c.get("choices")]
    if not linked:
        return _yaml_fallback(text, rng, "no state or status column")
    col = rng.choice(linked)
    choices = [c for c in col["choices"] if isinstance(c, dict)] or [{}]
    choice = rng.choice(choices)
    link = "state" if col.get("type") == "Status" else "default_status"
    how = rng.choice(["drop", "foreign", "another", "negative", "huge", "duplicate-value"])
    if how == "drop":
        choice.pop(link, None)
    elif how == "duplicate-value":
        choice["value"] = choices[0].get("value", 0)
    else:
        choice[link] = {"foreign": 99, "another": 1, "negative": -1, "huge": 2**31}[how]
    return _dump(data), f"{col.get('logical_name')!s:.30} {link} of a choice: {how}"


FACETS: dict[str, list[Any]] = {
    "max_length": [0, -1, 10**12, 1048577, "x"],
    "min_value": [10**12, -(10**16), "x", 1.5],
    "max_value": [-(10**12), 10**16, 2**63],
    "precision": [-1, 11, 100],
    "max_size_in_kb": [0, -1, 10**12],
    "required_level": ["Mandatory", 3],
    "format": ["Email", "DateOnly", "Bogus"],
    "targets": [["nosuch"], []],
}


def _facet(rng: random.Random) -> tuple[str, Any]:
    key = rng.choice(list(FACETS))
    return key, rng.choice(FACETS[key])


def customization(text: str, rng: random.Random) -> tuple[str, str]:
    """A ``changes``, ``add_choices`` or ``remove`` entry: beyond limits, of an unknown column,
    of the wrong type; or ``customizes``/``customizes_choice`` pointing elsewhere."""
    data = _load(text)
    if not isinstance(data, dict):
        return _yaml_fallback(text, rng, "not a mapping")
    names = [str(c.get("logical_name")) for c in _columns(data)] or ["description"]
    target = rng.choice([*names, "nosuch", "statecode", "ownerid", "emailaddress1"])
    how = rng.choice(["facet", "add_choices", "remove", "customizes", "wrong-type", "relabel"])
    if how in ("facet", "wrong-type"):
        key, value = _facet(rng)
        if how == "wrong-type":
            key, value = rng.choice([("type", "Boolean"), ("type", "String"), ("choices", [])])
        changes = data.setdefault("changes", {})
        if not isinstance(changes, dict):
            changes = data["changes"] = {}
        entry = changes.setdefault(target, {})
        if isinstance(entry, dict):
            entry[key] = value
        else:
            changes[target] = {key: value}
        step = f"changes.{target}.{key} := {value!r}"
    elif how in ("add_choices", "relabel"):
        value = rng.choice([1, 0, -1, 2**31, 100000000, "x"])
        item = {"value": value, "label": rng.choice(["Dup", "", "Carer"])}
        key = "add_choices" if how == "add_choices" else "relabel_choices"
        if "customizes_choice" in data:
            data[key] = [item, item] if rng.random() < 0.3 else [item]
        else:
            changes = data.setdefault("changes", {})
            if not isinstance(changes, dict):
                changes = data["changes"] = {}
            changes[target] = {key: [item]}
        step = f"{key} {target} value {value!r}"
    elif how == "remove":
        data["remove"] = {rng.choice(["columns", "relationships", "choices"]): [target]}
        step = f"remove {target}"
    else:
        key = "customizes_choice" if "customizes_choice" in data else "customizes"
        value = rng.choice(["nosuch", "cln_patient", "contact", "account", "cln_bloodtype", ""])
        data[key] = value
        step = f"{key} := {value!r}"
    return _dump(data), step


def column_facet(text: str, rng: random.Random) -> tuple[str, str]:
    data = _load(text)
    cols = _columns(data) if isinstance(data, dict) else []
    if not cols:
        return _yaml_fallback(text, rng, "no column")
    col = rng.choice(cols)
    key, value = _facet(rng)
    if rng.random() < 0.3:
        key, value = "type", rng.choice(TYPES)
    col[key] = value
    return _dump(data), f"column {col.get('logical_name')!s:.30}.{key} := {value!r}"


def _guarded(mutate: Mutator) -> Mutator:
    """``mutate``, falling back when the spec cannot be dumped again (nesting too deep for the
    dumper, a value it cannot represent): the mutator keeps its name for the weights."""

    def guarded(text: str, rng: random.Random) -> tuple[str, str]:
        import yaml

        try:
            return mutate(text, rng)
        except (RecursionError, yaml.YAMLError):
            return _yaml_fallback(text, rng, "cannot be dumped")

    guarded.__name__ = mutate.__name__
    guarded.__doc__ = mutate.__doc__
    return guarded


YAML_MUTATORS: list[Mutator] = [
    _guarded(m) for m in (relationship_disagree, status_reasons, customization, column_facet)
]
WEIGHTS = {m.__name__: 2.0 for m in (*PAGE_MUTATORS, *YAML_MUTATORS)}
