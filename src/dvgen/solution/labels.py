"""Labels in one language: display names, descriptions and option labels of a solution.

A solution stores each text once per language (``<displayname description=… languagecode=…>``);
dvgen writes one language, the ``language`` setting (default 1033). A solution that has no
label in that language falls back to the first language it has, and says so once.
"""

from __future__ import annotations

from dataclasses import dataclass

from dvgen.diagnostics import Diagnostics, Location
from dvgen.solution.xml import Node, natural

LABEL_TAGS = (
    "label",
    "displayname",
    "localizedname",
    "localizedcollectionname",
    "description",
    "customlabel",
)
"""The elements that carry one language's text in an ``description`` attribute."""


def languages_in(node: Node) -> list[int]:
    """Every ``languagecode`` below ``node``, in document order, once each."""
    found: dict[int, None] = {}
    stack = [node]
    while stack:
        current = stack.pop()
        code = current.attrib.get("languagecode")
        number = natural(code)
        if number is not None:
            found.setdefault(number, None)
        stack.extend(reversed(current.children))
    return list(found)


@dataclass(slots=True)
class Language:
    """The language chosen for one solution, with the one it falls back to."""

    wanted: int
    chosen: int
    texts: int = 0
    """Texts picked so far."""
    elsewhere: int = 0
    """Of them, those picked from another language than ``chosen`` (none there)."""

    @classmethod
    def choose(
        cls, wanted: int, present: list[int], where: Location, diagnostics: Diagnostics
    ) -> Language:
        """``wanted`` when the solution has it, else its first language (said as an info)."""
        if wanted in present or not present:
            return cls(wanted, wanted)
        chosen = present[0]
        diagnostics.info(
            where,
            f"the solution has no labels in language {wanted} (it has "
            f"{', '.join(map(str, present))}): its labels are read in {chosen}",
            code="solution-language-fallback",
        )
        return cls(wanted, chosen)

    def states(self, container: Node | None) -> bool:
        """Whether ``container``'s text is in the wanted language, or it holds none: a text
        picked from another language names a thing for a reader of that language, so it must
        not replace a text the rest of the set holds in the wanted one."""
        texts = _texts(container)
        return bool(texts.get(self.wanted, "").strip()) or not any(
            t.strip() for t in texts.values()
        )

    def pick(self, container: Node | None) -> str | None:
        """The text of the chosen language among ``container``'s label elements.

        Falls back to the first non-empty label when the chosen language is missing for this one
        text (a label added after the translation); an empty text is None."""
        return self.picked(container)[0]

    def picked(self, container: Node | None) -> tuple[str | None, int | None]:
        """``pick``'s text and the language it is in (None with no text)."""
        texts = _texts(container)
        code: int | None = self.chosen
        text = texts.get(self.chosen)
        if text is None:
            code, text = next(((c, t) for c, t in texts.items() if t.strip()), (None, None))
        if not (text and text.strip()):
            return None, None
        self.texts += 1
        self.elsewhere += code != self.chosen
        return text, code

    def report(self, where: Location, diagnostics: Diagnostics) -> None:
        """Say how many texts are not in the chosen language, when some are: a solution
        translated in part reads as a mix of two languages, which is the solution's, not
        dvgen's."""
        if self.elsewhere:
            diagnostics.info(
                where,
                f"{self.elsewhere} of the solution's {self.texts} labels have no text in "
                f"language {self.chosen}: each is read in the first language it has",
                code="solution-language-fallback",
            )


def _texts(container: Node | None) -> dict[int, str]:
    """Language code -> text of ``container``'s label elements (the first of each language)."""
    texts: dict[int, str] = {}
    for child in container.children if container is not None else ():
        code = natural(child.get("languagecode"))
        text = child.get("description")
        if child.key in LABEL_TAGS and code is not None and text is not None:
            texts.setdefault(code, text)
    return texts
