"""Type annotations as the IR carries them: printable Python and the imports they need.

The IR (`generator.codegen.ir`) holds these, the builder (`annotations.py`) makes them from
schemas, and the templates print their text and gather their imports (`imports.py`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .imports import ModelModule


@dataclass(frozen=True, slots=True)
class Annotation:
    """A ready-to-print Python type expression and what it needs imported to mean something."""

    text: str  # "list[models.Contact] | None"
    typing_names: frozenset[str] = frozenset()  # names it uses from `typing` ("Any", "Literal")
    model_modules: frozenset[ModelModule] = frozenset()  # models modules its classes are named through
    modules: frozenset[str] = frozenset()  # standard-library modules it names ("datetime")

    def __str__(self) -> str:
        return self.text

    @property
    def accepts_none(self) -> bool:
        """Whether None is already one of its values (`X | None`, `Any`, `None`)."""
        return self.text in ("Any", "None") or self.text.endswith("| None")

    def around(self, template: str) -> Annotation:
        """This annotation inside another expression: `around("list[{}]")`."""
        return Annotation(template.format(self.text), self.typing_names, self.model_modules, self.modules)

    def or_none(self) -> Annotation:
        return self.around("{} | None")


def union(members: Iterable[Annotation]) -> Annotation:
    """`a | b`, each member once, in order; the imports of all of them."""
    listed = list(members)
    return Annotation(
        " | ".join(dict.fromkeys(member.text for member in listed)),
        frozenset().union(*(member.typing_names for member in listed)),
        frozenset().union(*(member.model_modules for member in listed)),
        frozenset().union(*(member.modules for member in listed)),
    )


ANY = Annotation("Any", frozenset({"Any"}))
NONE = Annotation("None")
STR = Annotation("str")
BYTES = Annotation("bytes")
DATETIME = Annotation("datetime.datetime", modules=frozenset({"datetime"}))
DATE = Annotation("datetime.date", modules=frozenset({"datetime"}))
