"""A readable report of a contract run: each broken property once, with a request to replay.

The request is a curl command with the Authorization header masked (schemathesis filters
it), so a report can be pasted into an issue; the response shows status, headers and body.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from schemathesis.core.transport import Response

MAX_BODY = 1500


@dataclass
class Finding:
    property: str
    explanation: str
    curl: str
    response: str
    occurrences: int = 1


@dataclass
class Report:
    target: str
    findings: dict[str, Finding] = field(default_factory=dict)
    cases: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    elapsed: float = 0.0
    skipped: Counter[str] = field(default_factory=Counter)  # why -> how many cases

    def add(self, finding: Finding) -> None:
        """Keep the first example of each property and count the others."""
        known = self.findings.get(finding.property)
        if known is None:
            self.findings[finding.property] = finding
        else:
            known.occurrences += 1

    def skip(self, fields: str) -> None:
        """A case not sent: it would set fields the contact cannot get rid of again."""
        self.skipped[fields] += 1

    def finish(self, *, cases: int, statuses: Counter[int], elapsed: float) -> None:
        self.cases, self.statuses, self.elapsed = cases, statuses, elapsed

    @property
    def broken(self) -> list[str]:
        return sorted(self.findings)

    @property
    def cases_per_second(self) -> float:
        return self.cases / self.elapsed if self.elapsed else 0.0

    def summary(self) -> str:
        statuses = ", ".join(f"{status}: {count}" for status, count in sorted(self.statuses.items()))
        count = len(self.findings)
        verdict = "conforms" if not count else f"BROKE {count} propert{'y' if count == 1 else 'ies'}"
        summary = (
            f"server contract against {self.target}: {verdict} "
            f"({self.cases} requests in {self.elapsed:.1f} s, {self.cases_per_second:.0f}/s; statuses {statuses})"
        )
        if self.skipped:
            fields = sorted({name for names in self.skipped for name in names.split(", ")})
            summary += (
                f"; {sum(self.skipped.values())} cases not sent: they would set {', '.join(fields)}, "
                "which the contact lacked and PATCH cannot remove"
            )
        return summary

    def render(self) -> str:
        lines = [self.summary()]
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
