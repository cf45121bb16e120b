"""User-facing problems: where they are (file, line, JSON pointer) and what is wrong.

Anything the user can fix (a broken spec, a bad argument, an output directory we must not
touch) is raised as `GeneratorError` and printed as one paragraph without a traceback.
Everything else is a bug in the generator and keeps its traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .text import terminal

MAX_MESSAGE_CHARS = 400


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem, located as precisely as the input allows."""

    message: str
    file: Path | None = None
    pointer: str | None = None
    line: int | None = None

    def render(self) -> str:
        """One line; spec text in it (keys in the pointer, values in the message) cannot act on a terminal."""
        where = []
        if self.file is not None:
            where.append(f"{self.file}:{self.line}" if self.line is not None else str(self.file))
        if self.pointer is not None:
            where.append(f"#{self.pointer}")
        message = " ".join(self.message.split())
        if len(message) > MAX_MESSAGE_CHARS:
            message = message[: MAX_MESSAGE_CHARS - 1] + "…"
        return terminal(f"{' '.join(where)}: {message}" if where else message)

    def located(self, file: Path, line: int | None) -> Diagnostic:
        return Diagnostic(self.message, file=file, pointer=self.pointer, line=line)

    def to_json(self) -> dict[str, Any]:
        """As a child process sends it (`generator.children`); `from_json` gives back an equal one."""
        file = str(self.file) if self.file is not None else None
        return {"message": self.message, "file": file, "pointer": self.pointer, "line": self.line}

    @classmethod
    def from_json(cls, item: dict[str, Any]) -> Diagnostic:
        file = Path(item["file"]) if item["file"] is not None else None
        return cls(item["message"], file=file, pointer=item["pointer"], line=item["line"])


class GeneratorError(Exception):
    """A problem in the user's input; the CLI prints it and exits non-zero."""

    def __init__(self, diagnostics: Diagnostic | Sequence[Diagnostic]) -> None:
        self.diagnostics: tuple[Diagnostic, ...] = (
            (diagnostics,) if isinstance(diagnostics, Diagnostic) else tuple(diagnostics)
        )
        super().__init__(self.render())

    def render(self, limit: int = 20) -> str:
        lines = [d.render() for d in self.diagnostics[:limit]]
        hidden = len(self.diagnostics) - limit
        if hidden > 0:
            lines.append(f"... and {hidden} more")
        return "\n".join(lines)
