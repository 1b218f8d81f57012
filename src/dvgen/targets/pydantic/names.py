"""Python names for the pydantic target: value types, sanitised once, in their constructors.

Every name is ASCII (accents folded, other characters dropped), so generated code reads the
same in any editor and its line lengths are exact. The reserved sets are spelled out here
rather than read from the running interpreter, so the output does not depend on the Python
version that generates it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import cache
from typing import ClassVar, Self

KEYWORDS = frozenset(
    "False None True and as assert async await break case class continue def del elif else "
    "except finally for from global if import in is lambda match nonlocal not or pass raise "
    "return try type while with yield _".split()
)
"""Keywords and soft keywords (``match``, ``case``, ``type``, ``_``) of Python 3.10-3.13."""

BUILTINS = frozenset(
    "abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod "
    "compile complex copyright credits delattr dict dir divmod enumerate eval exec exit filter "
    "float format frozenset getattr globals hasattr hash help hex id input int isinstance "
    "issubclass iter len license list locals map max memoryview min next object oct open ord "
    "pow print property quit range repr reversed round set setattr slice sorted staticmethod "
    "str sum super tuple type vars zip "
    "ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup "
    "BlockingIOError BrokenPipeError BufferError BytesWarning ChildProcessError "
    "ConnectionAbortedError ConnectionError ConnectionRefusedError ConnectionResetError "
    "DeprecationWarning EOFError Ellipsis EncodingWarning EnvironmentError Exception "
    "ExceptionGroup FileExistsError FileNotFoundError FloatingPointError FutureWarning "
    "GeneratorExit IOError ImportError ImportWarning IndentationError IndexError "
    "InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError "
    "ModuleNotFoundError NameError NotADirectoryError NotImplemented NotImplementedError "
    "OSError OverflowError PendingDeprecationWarning PermissionError ProcessLookupError "
    "PythonFinalizationError RecursionError ReferenceError ResourceWarning RuntimeError "
    "RuntimeWarning StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError "
    "SystemExit TabError TimeoutError TypeError UnboundLocalError UnicodeDecodeError "
    "UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning UserWarning "
    "ValueError Warning ZeroDivisionError".split()
)

BASEMODEL_ATTRIBUTES = frozenset(
    "construct copy dict from_orm json parse_file parse_obj parse_raw schema schema_json "
    "update_forward_refs validate".split()
)
"""pydantic.BaseModel's public names outside ``model_*`` (all of which are reserved too)."""
MODEL_ATTRIBUTES = frozenset({"status_reasons", "inherited_members"})
"""DataverseModel's own class attributes (``_base``)."""

IMPORTED = frozenset(
    "Annotated AwareDatetime BaseModel BooleanManagedProperty Choice CommaSeparated ConfigDict "
    "DataverseModel Decimal Field GuidFormat IsoFormat JsonNumber PrimaryKey StatusReasons UUID "
    "date "
    "annotations".split()
)
"""Names the generated modules import: no class or field may take them."""

RESERVED_MODULES = frozenset({"__init__", "_base", "choices"})

_WORD = re.compile(r"[A-Za-z0-9]+")
_UPPER_RUN = re.compile(r"([A-Z]+)([A-Z][a-z])")
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
MAX_MEMBER = 48


def words(text: str) -> list[str]:
    """The ASCII words of ``text``: accents folded (``é`` -> ``e``), apostrophes dropped, any
    other character (a space, U+2028, an emoji, a letter of another script) separates."""
    text = text.replace("'", "").replace("\u2019", "")
    if not text.isascii():
        text = "".join(c if c.isascii() else _fold(c) for c in text)
    return _WORD.findall(text)


def _fold(char: str) -> str:
    return unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii") or " "


def split_camel(word: str) -> list[str]:
    """``EMailAddress1`` -> ``E``, ``Mail``, ``Address1``; ``ACIView`` -> ``ACI``, ``View``."""
    return _CAMEL.sub(r"\1_\2", _UPPER_RUN.sub(r"\1_\2", word)).split("_")


class PythonIdentifier(str):
    """A valid ASCII identifier that is no keyword, no name in ``reserved`` and does not start
    with ``protected`` (a trailing ``_`` is added to one that would); ``fallback`` when
    ``text`` has no usable character."""

    __slots__ = ()
    protected: ClassVar[str | None] = None

    def __new__(
        cls, text: str, reserved: frozenset[str] = frozenset(), fallback: str = "name"
    ) -> Self:
        return cls._make("_".join(words(text)), reserved, fallback)

    @classmethod
    def _make(cls, name: str, reserved: frozenset[str], fallback: str) -> Self:
        name = name or fallback
        if name[0].isdigit():
            name = "_" + name
        if (
            name in KEYWORDS
            or name in reserved
            or (cls.protected is not None and name.startswith(cls.protected))
        ):
            name += "_"
        return str.__new__(cls, name)


class ClassName(PythonIdentifier):
    """PascalCase from a schema name: ``sample_BankAccount`` -> ``SampleBankAccount``;
    never a builtin or a name the modules import."""

    __slots__ = ()

    def __new__(cls, text: str, fallback: str = "Model") -> Self:
        pascal = "".join(w[:1].upper() + w[1:] for w in words(text))
        return cls._make(pascal, BUILTINS | IMPORTED, fallback)


class FieldName(PythonIdentifier):
    """snake_case from a column's schema name (``ParentCustomerId`` -> ``parent_customer_id``),
    or its logical name when the two disagree beyond case and underscores. Never a keyword, a
    builtin, a BaseModel attribute or ``model_*``, nor private (a leading ``_``)."""

    __slots__ = ()
    protected = "model_"

    def __new__(cls, schema_name: str, logical_name: str) -> Self:
        return cls._make(_snake(schema_name, logical_name), _FIELD_RESERVED, "field")


_FIELD_RESERVED = BUILTINS | BASEMODEL_ATTRIBUTES | MODEL_ATTRIBUTES | IMPORTED


@cache
def _snake(schema_name: str, logical_name: str) -> str:
    """Cached: the same columns (``createdon``, ``ownerid``...) recur in every table."""
    snake = "_".join(p.lower() for w in words(schema_name) for p in split_camel(w))
    if snake.replace("_", "") != logical_name.replace("_", ""):
        snake = "_".join(words(logical_name))
    return "field_" + snake if snake[:1].isdigit() else snake


class ModuleName(PythonIdentifier):
    """A table's module: its logical name, unless that is a keyword or a module of ours."""

    __slots__ = ()

    def __new__(cls, logical_name: str) -> Self:
        name = logical_name if logical_name.isascii() and logical_name.isidentifier() else ""
        return cls._make(name or "_".join(words(logical_name)).lower(), RESERVED_MODULES, "table")


class EnumMemberName(PythonIdentifier):
    """UPPER_SNAKE from an option's label: ``Client-side Paging`` -> ``CLIENT_SIDE_PAGING``.

    A label with no ASCII letter or digit (empty, an emoji, another script) gives
    ``VALUE_<value>``; one that starts with a digit gives ``OPTION_<words>`` (``1st`` ->
    ``OPTION_1ST``). Long labels are cut at a word, to at most 48 characters. Upper case never
    meets a keyword, nor an attribute of IntEnum or of our Choice (``label``, ``mro``).
    """

    __slots__ = ()

    def __new__(cls, label: str, value: int) -> Self:
        parts = [p.upper() for w in words(label) for p in split_camel(w) if p]
        name = ""
        for part in parts:
            if name and len(name) + 1 + len(part) > MAX_MEMBER:
                break
            name = f"{name}_{part}" if name else part[:MAX_MEMBER]
        if not name:
            name = "VALUE_" + value_suffix(value)
        elif name[0].isdigit():
            name = "OPTION_" + name
        return cls._make(name, frozenset(), "VALUE")


def value_suffix(value: int) -> str:
    return str(value) if value >= 0 else f"MINUS_{-value}"


def member_names(options: Iterable[tuple[str, int]]) -> list[str]:
    """Member names for (label, value) pairs: where labels give the same name, each of those
    members gets its value as a suffix (``PLANNING_100000000``); never a duplicate."""
    pairs = list(options)
    bases = [EnumMemberName(label, value) for label, value in pairs]
    counts = Counter(bases)
    names = Namespace()
    return [
        names.claim(f"{base}_{value_suffix(value)}" if counts[base] > 1 else base)
        for base, (_, value) in zip(bases, pairs, strict=True)
    ]


class Namespace:
    """Hands out unique names: a name already taken gets ``2``, ``3``... appended (``_2`` after
    a digit)."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.taken = set(taken)

    def claim(self, name: str) -> str:
        unique, n = name, 1
        joint = "_" if name[-1:].isdigit() else ""
        while unique in self.taken:
            n += 1
            unique = f"{name}{joint}{n}"
        self.taken.add(unique)
        return unique
