"""A readable report of a contract run: what was tested, and each broken property once with a request to replay.

The request is a curl command with the Authorization header masked (schemathesis filters
it), so a report can be pasted into an issue; the response shows status, headers and body.
Besides the findings, the report says what the run did: requests sent by kind, cases held
back and why, statuses seen, the boundaries probed per field, the retries after 429/503, and
what could not be put back on the contact.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from schemathesis.core.transport import Response

MAX_BODY = 1500
# Requests that read or restore the contact rather than test a case.
BOOKKEEPING = frozenset({"snapshot", "readback", "restore"})


@dataclass
class Finding:
    property: str
    explanation: str
    curl: str
    response: str
    occurrences: int = 1


def _counts(counter: Counter[str] | Counter[int]) -> str:
    return ", ".join(f"{key}: {count}" for key, count in sorted(counter.items()))


@dataclass
class Report:
    target: str
    mode: str = "careful"
    scope: str = "all"  # "update": Create and List Contacts were not tested (contract_tests.target)
    findings: dict[str, Finding] = field(default_factory=dict)
    cases: int = 0  # requests sent, of every kind
    statuses: Counter[int] = field(default_factory=Counter)
    elapsed: float = 0.0
    skipped: Counter[str] = field(default_factory=Counter)  # why -> how many cases
    sent: Counter[str] = field(default_factory=Counter)  # kind of request -> how many
    boundaries: dict[str, set[str]] = field(default_factory=dict)  # field -> boundaries probed on it
    retries: Counter[int] = field(default_factory=Counter)  # status -> resends after waiting
    gave_up: Counter[int] = field(default_factory=Counter)  # status -> answers judged while still rate-limited
    waited: float = 0.0
    unrestored: list[str] = field(default_factory=list)  # fields left on the contact, with why
    held_back: set[str] = field(default_factory=set)  # fields whose cases were not sent

    def add(self, finding: Finding) -> None:
        """Keep the first example of each property and count the others."""
        known = self.findings.get(finding.property)
        if known is None:
            self.findings[finding.property] = finding
        else:
            known.occurrences += 1

    def skip(self, reason: str, fields: frozenset[str] = frozenset()) -> None:
        """A case not sent, why, and the fields that held it back."""
        self.skipped[reason] += 1
        self.held_back |= fields

    def boundary(self, name: str, label: str) -> None:
        self.boundaries.setdefault(name, set()).add(label)

    def finish(self, *, cases: int, statuses: Counter[int], elapsed: float) -> None:
        self.cases, self.statuses, self.elapsed = cases, statuses, elapsed

    @property
    def broken(self) -> list[str]:
        return sorted(self.findings)

    @property
    def tested(self) -> int:
        """Cases sent: every request except the reads and restores around them."""
        return sum(count for kind, count in self.sent.items() if kind not in BOOKKEEPING)

    @property
    def cases_per_second(self) -> float:
        return self.cases / self.elapsed if self.elapsed else 0.0

    def summary(self) -> str:
        count = len(self.findings)
        verdict = "conforms" if not count else f"BROKE {count} propert{'y' if count == 1 else 'ies'}"
        summary = (
            f"server contract against {self.target}: {verdict} "
            f"({self.mode} mode; {self.cases} requests in {self.elapsed:.1f} s, {self.cases_per_second:.0f}/s; "
            f"statuses {_counts(self.statuses)})"
        )
        if self.scope != "all":
            summary += f"; scope {self.scope}: only Update Contact was tested, not Create or List Contacts"
        summary += f"; {self.tested} cases sent, {sum(self.skipped.values())} cases not sent"
        if self.held_back:
            summary += (
                f" (they would set {', '.join(sorted(self.held_back))}, which PATCH could not put back as they were)"
            )
        if self.retries or self.gave_up:
            summary += f"; resent after waiting {self.waited:.1f} s: {_counts(self.retries)}"
        if self.gave_up:
            summary += f"; still rate-limited when judged: {_counts(self.gave_up)}"
        if self.unrestored:
            summary += f"; left on the contact: {', '.join(self.unrestored)}"
        return summary

    def render(self) -> str:
        """The summary, what was tested, then each broken property with its reproduction."""
        lines = [self.summary(), f"   sent: {_counts(self.sent)}"]
        lines += [f"   not sent ({count}): {reason}" for reason, count in sorted(self.skipped.items())]
        lines += [
            f"   boundaries {name}: {', '.join(sorted(self.boundaries[name]))}" for name in sorted(self.boundaries)
        ]
        for index, name in enumerate(self.broken, start=1):
            finding = self.findings[name]
            times = f" ({finding.occurrences} times)" if finding.occurrences > 1 else ""
            lines += [
                "",
                f"{index}. {finding.property}{times}: {finding.explanation}",
                f"   request:  {finding.curl}",
                "   response: " + finding.response.replace("\n", "\n             "),
            ]
        return "\n".join(lines)


def describe_response(response: Response | None) -> str:
    if response is None:
        return "(none)"
    headers = "\n".join(f"{name}: {', '.join(values)}" for name, values in sorted(response.headers.items()))
    body = response.text if response.text is not None else ""
    if len(body) > MAX_BODY:
        body = body[:MAX_BODY] + f"... ({len(body)} characters)"
    return f"{response.status_code} {response.message}\n{headers}\n\n{body}"
