"""The server contract suite: every schemathesis check plus PATCH semantics, against any server.

`run(target)` drives Update Contact with schemathesis' positive and negative data together
(seeded, so a CI run is reproducible), mostly on the one known contact so bodies are really
applied, and checks each answer twice: with all of schemathesis' checks, and with the
semantic properties of `contract_tests.properties`. Then it asks for a 404 and 401s on
purpose. It snapshots the contact first (an empty PATCH answers its current state) and
restores the snapshot at the end whatever happened, so against a live server it writes only
to that contact and leaves it as it found it.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from requests.structures import CaseInsensitiveDict
from schemathesis.core.failures import FailureGroup
from schemathesis.core.parameters import ParameterLocation
from schemathesis.core.transport import Response
from schemathesis.generation.case import Case
from schemathesis.generation.modes import GenerationMode

from .contract import SPEC_PATH, Contract
from .properties import check_update, same_json
from .report import Finding, Report, describe_response

OPERATION_PATH = "/v3/contacts/{id}"
# The largest id the contract allows: a server cannot have a contact with it.
UNKNOWN_ID = 9_223_372_036_854_775_807
LIVE_ENV = ("KINBOX_BASE_URL", "KINBOX_TOKEN", "KINBOX_CONTACT_ID")
MODES = ("careful", "scratch")

UNKNOWN_ID_404 = "unknown_id_404"
MISSING_TOKEN_401 = "missing_token_401"  # noqa: S105 - a property name, not a secret
WRONG_TOKEN_401 = "wrong_token_401"  # noqa: S105 - a property name, not a secret
STATE_RESTORED = "state_restored"
SNAPSHOT = "snapshot"


@dataclass(frozen=True)
class Target:
    """A server to test: an in-process ASGI app, or anything reachable over HTTP."""

    name: str
    token: str
    contact_id: int
    base_url: str | None = None
    app: Any = None
    mode: str = "careful"

    @classmethod
    def from_environment(cls, env: Mapping[str, str] = os.environ) -> Target | None:
        """The live target named by KINBOX_BASE_URL, KINBOX_TOKEN and KINBOX_CONTACT_ID."""
        if not all(env.get(name) for name in LIVE_ENV):
            return None
        return cls(
            name="live",
            token=env["KINBOX_TOKEN"],
            contact_id=int(env["KINBOX_CONTACT_ID"]),
            base_url=env["KINBOX_BASE_URL"].rstrip("/"),
            mode=env.get("KINBOX_CONTRACT_MODE", "careful"),
        )


@dataclass
class _Run:
    target: Target
    operation: Any
    contract: Contract
    report: Report
    state: dict[str, Any] = field(default_factory=dict)
    statuses: Counter[int] = field(default_factory=Counter)
    # Fields the contact lacked at the start and PATCH cannot remove (not nullable): a case
    # that would set one is skipped, or the contact could not be restored.
    unrestorable: frozenset[str] = frozenset()

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.target.token}"}

    def send(self, case: Case[Any]) -> Response:
        response = case.call()
        self.statuses[response.status_code] += 1
        return response

    def record(self, prop: str, explanation: str, case: Case[Any], response: Response | None) -> None:
        self.report.add(
            Finding(
                property=prop,
                explanation=explanation,
                curl=case.as_curl_command(),
                response=describe_response(response),
            )
        )

    def exercise(self, case: Case[Any]) -> None:
        """One generated case: all schemathesis checks, then the PATCH semantics on a 200."""
        if isinstance(case.body, dict) and self.unrestorable & case.body.keys():
            self.report.skip(", ".join(sorted(self.unrestorable & case.body.keys())))
            return
        response = self.send(case)
        try:
            case.validate_response(response)
        except FailureGroup as group:
            for failure in group.exceptions:
                checks = getattr(type(failure), "checks", ())
                name = checks[0] if checks else failure.title
                first_line = (failure.message or failure.title).strip().splitlines()[0]
                self.record(name, f"{failure.title}: {first_line}", case, response)
        if (
            response.status_code == 200
            and str(case.path_parameters.get("id")) == str(self.target.contact_id)
            and isinstance(case.body, dict)
        ):
            answer = _json(response)
            if isinstance(answer, dict):
                for prop, why in check_update(self.target.contact_id, case.body, self.state, answer):
                    self.record(prop, why, case, response)
                self.state = answer

    def expect(self, prop: str, status: int, case: Case[Any]) -> None:
        response = self.send(case)
        if response.status_code != status:
            self.record(prop, f"expected {status}, got {response.status_code}", case, response)

    def patch(self, contact_id: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> Case[Any]:
        return self.operation.Case(  # type: ignore[no-any-return]
            path_parameters={"id": contact_id}, body=body, headers=headers, media_type="application/json"
        )


def run(target: Target, *, examples: int = 200, seed_value: int = 0) -> Report:
    """Run the whole suite against `target`; the report lists every property that broke."""
    schema = schemathesis.openapi.from_path(str(SPEC_PATH))
    if target.app is not None:
        schema.app = target.app  # before looking up the operation, which keeps a reference
    else:
        schema.config.update(base_url=target.base_url)
    operation = schema[OPERATION_PATH]["PATCH"]
    report = Report(target=target.name)
    session = _Run(target, operation, Contract(), report)
    started = time.perf_counter()
    snapshot_case = session.patch(target.contact_id, {}, session.auth)
    snapshot_response = session.send(snapshot_case)
    snapshot = _json(snapshot_response) if snapshot_response.status_code == 200 else None
    if not isinstance(snapshot, dict):
        session.record(
            SNAPSHOT,
            f"an empty PATCH of contact {target.contact_id} must answer 200 with the contact",
            snapshot_case,
            snapshot_response,
        )
        report.finish(cases=1, statuses=session.statuses, elapsed=time.perf_counter() - started)
        return report
    session.state = dict(snapshot)
    contract = session.contract
    session.unrestorable = frozenset(
        name for name in contract.writable_fields if name not in snapshot and not contract.nullable(name)
    )
    try:
        _coverage_cases(session, schema)
        _generated_cases(session, examples, seed_value)
        session.expect(UNKNOWN_ID_404, 404, session.patch(UNKNOWN_ID, {}, session.auth))
        session.expect(MISSING_TOKEN_401, 401, session.patch(target.contact_id, {}))
        wrong = {"Authorization": f"Bearer {target.token}-not-valid"}
        session.expect(WRONG_TOKEN_401, 401, session.patch(target.contact_id, {}, wrong))
    finally:
        _restore(session, snapshot)
    report.finish(
        cases=sum(session.statuses.values()), statuses=session.statuses, elapsed=time.perf_counter() - started
    )
    return report


def _coverage_cases(session: _Run, schema: Any) -> None:
    """schemathesis' coverage phase: one deterministic case per boundary and per single violation
    (a 129-character name, null where null is refused, each unexpected method, ...), which
    random generation may never hit."""
    operation = session.operation
    cases = schema.iter_coverage_cases(
        operation,
        generation_modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
        generation_config=schema.config.generation_for(operation=operation),
    )
    for case in cases:
        _aim(case, session)
        session.exercise(case)


def _aim(case: Case[Any], session: _Run) -> None:
    """Point a coverage case at the known contact with the real token, unless what the case
    tests is precisely a wrong id or a wrong token. A positive id (1, 2, ...) could be a real
    contact on a live server, so those go to the known contact too."""
    data = case.meta.phase.data if case.meta is not None else None
    location = getattr(data, "parameter_location", None)
    parameter = getattr(data, "parameter", None)
    negative = case.meta is not None and case.meta.generation.mode is GenerationMode.NEGATIVE
    if not (negative and location is ParameterLocation.PATH and parameter == "id"):
        case.path_parameters = {**(case.path_parameters or {}), "id": session.target.contact_id}
    if not (negative and location is ParameterLocation.HEADER and parameter == "Authorization"):
        case.headers = CaseInsensitiveDict({**dict(case.headers or {}), **session.auth})


def _generated_cases(session: _Run, examples: int, seed_value: int) -> None:
    known = {"id": session.target.contact_id}
    # Positive and negative data together, half and half, as schemathesis' own "all" mode.
    # Three in four cases target the known contact, so bodies are applied rather than answered
    # 404; the negative-id cases cannot name a real contact, so a live server is only ever
    # written through the known one.
    positive = session.operation.as_strategy(GenerationMode.POSITIVE, path_parameters=known, headers=session.auth)
    negative_body = session.operation.as_strategy(GenerationMode.NEGATIVE, path_parameters=known, headers=session.auth)
    negative_id = session.operation.as_strategy(GenerationMode.NEGATIVE, headers=session.auth)
    # A weighted choice: `st.one_of` would merge the repeated branch into one.
    strategy = st.sampled_from([positive, positive, negative_body, negative_id]).flatmap(lambda chosen: chosen)

    @seed(seed_value)
    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],  # findings are collected, not raised: nothing to shrink
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def exercise(case: Case[Any]) -> None:
        session.exercise(case)

    exercise()


def _restore(session: _Run, snapshot: dict[str, Any]) -> None:
    """Put back every writable field of the snapshot; fields it lacked are nulled where allowed."""
    contract = session.contract
    payload = {name: snapshot[name] for name in contract.writable_fields if name in snapshot}
    added = [name for name in contract.writable_fields if name not in snapshot and name in session.state]
    payload.update({name: None for name in added if contract.nullable(name)})
    case = session.patch(session.target.contact_id, payload, session.auth)
    response = session.send(case)
    answer = _json(response)
    if response.status_code != 200 or not isinstance(answer, dict):
        session.record(STATE_RESTORED, f"restoring the snapshot answered {response.status_code}", case, response)
        return
    differ = [name for name, value in payload.items() if name not in answer or not same_json(answer[name], value)]
    stuck = [name for name in added if not contract.nullable(name)]
    if differ or stuck:
        session.record(
            STATE_RESTORED,
            f"contact not restored: {', '.join(differ) or 'values match'}; "
            f"cannot be removed by PATCH: {', '.join(stuck) or 'none'}",
            case,
            response,
        )


def _json(response: Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None
