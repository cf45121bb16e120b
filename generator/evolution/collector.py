"""The findings of a spec diff, collected once each, and what they account for besides themselves."""

from __future__ import annotations

from typing import Any

from .rules import RULES, Finding
from .views import Where


class Collector:
    """Collects findings (see `RULES`) about two normalized documents."""

    def __init__(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        self.old, self.new = old, new
        self.findings: list[Finding] = []
        self._reported: set[tuple[str, str, str]] = set()
        self._compared: set[tuple[str, str, str, str]] = set()
        # Pointers a finding accounts for besides its own (the `required` entry of a property
        # that was added or removed), so they are not reported again as unclassified.
        self._explained: list[str] = []
        # Pointers a rule compares as a whole (an operation's parameters, its `x-pagination`):
        # the document walk leaves what is inside them to that rule, which passes on to
        # `_others` what it does not classify (a parameter's `style`).
        self._owned: list[str] = []
        self._others: list[tuple[str, Any, Any]] = []  # raw differences no rule has looked at yet

    def add(self, rule: str, at: str, old: Any, new: Any, message: str) -> None:
        """Record a finding once: a schema reached from several operations says the same thing."""
        key = (rule, at, message)
        if key not in self._reported:
            self._reported.add(key)
            self.findings.append(Finding(RULES[rule], rule, at, old, new, message))

    def changed(self, where: Where, change: str, at: str, old: Any, new: Any, what: str) -> None:
        """A finding about a schema: its rule and level depend on where the schema is."""
        self.add(f"{where.side}-{where.subject}-{change}", at, old, new, f"{where.label}: {what}")
