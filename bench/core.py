"""Shared pieces: interleaved rounds, medians with min-max, goals and markdown tables."""

from __future__ import annotations

import shlex
import statistics
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "kinbox.openapi.yaml"
GENERATED = ROOT / "generated"
# The shared corpus of third-party specs, beside the checkout (absent on some machines).
CORPUS = ROOT.parent / "shared" / "specs"


@dataclass(frozen=True)
class Stat:
    """Several measurements of one thing: reported as median (min-max)."""

    values: tuple[float, ...]

    @classmethod
    def of(cls, values: Iterable[float]) -> Stat:
        found = tuple(values)
        if not found:
            raise ValueError("a Stat needs at least one value")
        return cls(found)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def low(self) -> float:
        return min(self.values)

    @property
    def high(self) -> float:
        return max(self.values)

    def show(self, fmt: Callable[[float], str]) -> str:
        if len(self.values) == 1 or self.low == self.high:
            return fmt(self.median)
        return f"{fmt(self.median)} ({fmt(self.low)}–{fmt(self.high)})"


def ratios(numerators: Sequence[float], denominators: Sequence[float]) -> Stat:
    """Per-round ratios of two interleaved series: the pairing cancels most of the machine's drift."""
    pairs = [(a / b) for a, b in zip(numerators, denominators, strict=False) if b > 0]
    if not pairs:
        raise ValueError("no round has a non-zero denominator")
    return Stat.of(pairs)


def interleave(rounds: int, contenders: Sequence[tuple[str, Callable[[], T]]]) -> dict[str, list[T]]:
    """Run each contender once per round, in turn (A B A B ...); every result, by name."""
    results: dict[str, list[T]] = {name: [] for name, _ in contenders}
    for _ in range(rounds):
        for name, measure in contenders:
            results[name].append(measure())
    return results


# -- formatting ----------------------------------------------------------------------------------


def seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def megabytes(value: float) -> str:
    return f"{value:.0f} MB"


def micros(value: float) -> str:
    return f"{value:.0f} µs"


def millis(value: float) -> str:
    return f"{value:.2f} ms" if value < 10 else f"{value:.1f} ms"


def per_second(value: float) -> str:
    return f"{value:,.0f}/s"


def times(value: float) -> str:
    return f"{value:.2f}×"


def shown(command: Sequence[str]) -> str:
    """A command as it can be typed from the repository root: the bench interpreter as `$PY`, paths relative."""
    words = []
    for word in command:
        if word == sys.executable:
            words.append("$PY")
            continue
        path = Path(word)
        if path.is_absolute() and path.is_relative_to(ROOT):
            word = str(path.relative_to(ROOT))
        elif path.is_absolute() and path.is_relative_to(ROOT.parent):
            word = "../" + str(path.relative_to(ROOT.parent))
        words.append(shlex.quote(word))
    return " ".join(words)


# -- results -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Goal:
    text: str
    met: bool | None  # None: could not be judged (an anchor was missing)
    detail: str = ""

    def render(self, where: str = "") -> str:
        verdict = {True: "**met**", False: "**not met**", None: "not judged"}[self.met]
        return f"- {where}{self.text}: {verdict}" + (f" ({self.detail})" if self.detail else "")


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)

    def add(self, *cells: str) -> None:
        if len(cells) != len(self.columns):
            raise ValueError(f"expected {len(self.columns)} cells, got {len(cells)}")
        self.rows.append(list(cells))

    def render(self) -> str:
        def line(cells: Sequence[str]) -> str:
            return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

        return "\n".join([line(self.columns), line(["---"] * len(self.columns)), *map(line, self.rows)])


@dataclass
class Section:
    """One benchmark's results: tables, goals, notes and the commands that reproduce them."""

    title: str
    intro: str = ""
    tables: list[Table] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    commands: list[str] = field(default_factory=list)

    def render(self) -> str:
        parts = [f"### {self.title}"]
        if self.intro:
            parts.append(self.intro)
        parts += [table.render() for table in self.tables]
        if self.goals:
            parts.append("Goals:\n\n" + "\n".join(goal.render() for goal in self.goals))
        if self.notes:
            parts.append("\n".join(f"- {note}" for note in self.notes))
        if self.commands:
            parts.append("Commands (`$PY` is the bench interpreter):\n\n```\n" + "\n".join(self.commands) + "\n```")
        return "\n\n".join(parts)
