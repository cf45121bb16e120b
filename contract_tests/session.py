"""One contract run's state: what it sends, what it knows of the contact, and what it reports.

Every request goes through `send`, so each one is counted, carries the rate-limit manners and
respects the mode. `readback` is an empty PATCH, the one read the operation offers.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookiejar import DefaultCookiePolicy
from typing import Any

import requests
from schemathesis.core.failures import FailureGroup
from schemathesis.core.transport import Response
from schemathesis.generation.case import Case
from schemathesis.transport.requests import ManagedCookiesSession

from .boundaries import types_of
from .contract import Contract
from .manners import Manners
from .modes import held_back, skip_reason
from .properties import changed_fields, check_update
from .report import Finding, Report, describe_response
from .target import Target

REJECTED_CHANGES_NOTHING = "rejected_request_changes_nothing"
ACCEPTED_VALUES_PERSIST = "accepted_values_persist"


@dataclass
class Session:
    target: Target
    operation: Any
    contract: Contract
    report: Report
    manners: Manners
    state: dict[str, Any] = field(default_factory=dict)
    statuses: Counter[int] = field(default_factory=Counter)
    # Fields PATCH could not put back as the contact had them (`modes.unrestorable`).
    unrestorable: frozenset[str] = frozenset()
    # Whether `state` was read back (what is stored) or is the last 200's answer (what the server
    # claims it stored), and that 200: a read that differs from a claim is the claim's fault.
    confirmed: bool = True
    last_write: tuple[Case[Any], Response] | None = None
    # Over HTTP, the run's one pool of keep-alive connections (`connection_pool`); in-process, None.
    http: requests.Session | None = None

    @property
    def transport(self) -> dict[str, Any]:
        """What every request of the run is sent with: the manners' hooks, and the run's connections.

        schemathesis' own auth probes (`ignored_auth`) drop the session and open their own, so a
        request without the token never shares anything with one that had it.
        """
        return {"hooks": self.manners.hooks, **({"session": self.http} if self.http is not None else {})}

    def learn(self, contact: dict[str, Any], write: tuple[Case[Any], Response] | None = None) -> None:
        """The contact as now known: read back, or (with `write`) as a 200 answered it."""
        self.state, self.confirmed = contact, write is None
        if write is not None:
            self.last_write = write

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.target.token}"}

    def send(self, case: Case[Any], kind: str) -> Response:
        response = case.call(**self.transport)
        self.statuses[response.status_code] += 1
        self.report.sent[kind] += 1
        return response

    def judgeable(self, response: Response) -> bool:
        """False for an answer still rate-limited after the waits ran out: it is counted as not tested."""
        header = response.headers.get("retry-after")
        if not self.manners.still_limited(response.status_code, header[0] if header else None):
            return True
        self.report.skip(f"answered {response.status_code} after the run's waits for Retry-After ran out")
        return False

    def held(self, body: object) -> bool:
        """Whether the mode keeps this body from being sent; a held case is counted with its reason."""
        fields = held_back(self.target.mode, body, self.unrestorable)
        if fields:
            self.report.skip(skip_reason(fields), fields)
        return bool(fields)

    def record(self, prop: str, explanation: str, case: Case[Any], response: Response | None) -> None:
        self.report.add(
            Finding(
                property=prop,
                explanation=explanation,
                curl=case.as_curl_command(),
                response=describe_response(response),
            )
        )

    def schemathesis_checks(self, case: Case[Any], response: Response) -> None:
        """All of schemathesis' checks; the probes they send carry the same manners."""
        try:
            case.validate_response(response, transport_kwargs=self.transport)
        except FailureGroup as group:
            for failure in group.exceptions:
                checks = getattr(type(failure), "checks", ())
                name = checks[0] if checks else failure.title
                first_line = (failure.message or failure.title).strip().splitlines()[0]
                self.record(name, f"{failure.title}: {first_line}", case, response)

    def on_contact(self, case: Case[Any]) -> bool:
        return str((case.path_parameters or {}).get("id")) == str(self.target.contact_id)

    def judge(self, case: Case[Any], response: Response) -> dict[str, Any] | None:
        """PATCH semantics of an answer about the known contact: a 200 is checked against what was sent,
        a 4xx must have changed nothing. Returns the 200's contact, which becomes the known state."""
        if not self.on_contact(case):
            return None
        if response.status_code == 200 and isinstance(case.body, dict):
            answer = json_body(response)
            if isinstance(answer, dict):
                writable = self.contract.writable_fields
                for prop, why in check_update(self.target.contact_id, case.body, self.state, answer, writable):
                    self.record(prop, why, case, response)
                self.learn(answer, (case, response))
                return answer
        elif 400 <= response.status_code < 500:
            self.unchanged_after(case, response)
        elif response.status_code >= 500:
            # The contract says nothing of the state after a server error (reported by schemathesis'
            # not_a_server_error); learn it, so the next answer is not blamed for this one.
            read = self.readback()
            if read is not None:
                self.learn(read)
        return None

    def unchanged_after(self, case: Case[Any], response: Response) -> None:
        """Read the contact back after a rejected request: it must be as it was before."""
        read = self.readback()
        if read is None:
            return
        changed = changed_fields(self.state, read, self.contract.writable_fields)
        sent = case.body.keys() if isinstance(case.body, dict) else None
        # A change this body asked for is this request's, and so is any change from a read state.
        # Otherwise the state was only the last 200's claim, and that 200 did not keep what it said.
        # (The probes always start from a read state, so a refusal that writes cannot hide this way.)
        mine = [c for c in changed if self.confirmed or self.last_write is None or (sent is not None and c[0] in sent)]
        claimed = [c for c in changed if c not in mine]
        if mine:
            self.record(
                REJECTED_CHANGES_NOTHING,
                f"answered {response.status_code}, yet a later read shows "
                + "; ".join(f"{name} changed from {was} to {now}" for name, was, now in mine),
                case,
                response,
            )
        if claimed and self.last_write is not None:
            self.record(
                ACCEPTED_VALUES_PERSIST,
                "a later read differs from this answer: "
                + "; ".join(f"{name} answered as {was}, read as {now}" for name, was, now in claimed),
                *self.last_write,
            )
        self.learn(read)

    def readback(self) -> dict[str, Any] | None:
        """The contact now, from an empty PATCH; None (and nothing judged) when the read itself fails."""
        response = self.send(self.patch(self.target.contact_id, {}, self.auth), "readback")
        if not self.judgeable(response):
            return None
        answer = json_body(response) if response.status_code == 200 else None
        return answer if isinstance(answer, dict) else None

    def exercise(self, case: Case[Any], kind: str) -> None:
        """One generated case: all schemathesis checks, then the PATCH semantics."""
        if self.on_contact(case) and self.held(case.body):
            return
        response = self.send(case, kind)
        if self.judgeable(response):
            self.schemathesis_checks(case, response)
            self.judge(case, response)

    def expect(self, prop: str, status: int, case: Case[Any]) -> None:
        """A request whose answer the contract fixes; on the known contact, a refusal must also change nothing."""
        response = self.send(case, "on purpose")
        if not self.judgeable(response):
            return
        if response.status_code != status:
            self.record(prop, f"expected {status}, got {response.status_code}", case, response)
        self.judge(case, response)

    def text_field(self) -> str | None:
        """A text field every mode may write, for probes that need one; a nullable one first, as any
        contact can be put back after it."""
        properties: dict[str, Any] = self.contract.body_schema.get("properties", {})
        writable = [
            name
            for name, schema in properties.items()
            if "string" in (types_of(schema) or ()) and name not in self.unrestorable and "enum" not in schema
        ]
        return next((name for name in writable if self.contract.nullable(name)), next(iter(writable), None))

    def patch(
        self,
        contact_id: int,
        body: Any,
        headers: dict[str, str] | None = None,
        media_type: str = "application/json",
    ) -> Case[Any]:
        return self.operation.Case(  # type: ignore[no-any-return]
            path_parameters={"id": contact_id}, body=body, headers=headers, media_type=media_type
        )


@contextlib.contextmanager
def connection_pool(over_http: bool) -> Iterator[requests.Session | None]:
    """One `requests` session for a whole run over HTTP, so requests reuse connections instead of
    opening one each (schemathesis' default without a session); None in-process.

    It is built to send exactly what schemathesis' own per-request session sends: no default headers
    (schemathesis clears them on its own sessions too), redirects followed only within the host, and no
    cookie kept from any answer, not even for the moment a concurrent request would see it. Parallel
    requests (`concurrency`, up to 8) each take a connection of their own: the pool holds 10 per host
    and opens more when all are busy, so parallel PATCHes still reach the server in parallel.
    """
    if not over_http:
        yield None
        return
    http = ManagedCookiesSession()
    http.headers.clear()
    http.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))
    try:
        yield http
    finally:
        http.close()


def json_body(response: Response) -> Any:
    """The answer as JSON, or None when it is not JSON."""
    try:
        return response.json()
    except ValueError:
        return None
