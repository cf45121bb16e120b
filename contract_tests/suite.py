"""The server contract suite: every schemathesis check plus PATCH semantics, against any server.

`run(target)` drives Update Contact with schemathesis' positive and negative data together
(seeded, so a CI run is reproducible), mostly on the one known contact so bodies are really
applied, and checks each answer twice: with all of schemathesis' checks, and with the
semantic properties of `contract_tests.properties`; after a 4xx it reads the contact back,
which must be unchanged. Then it asks for a 404 and 401s on purpose. It snapshots the contact
first (an empty PATCH answers its current state) and restores the snapshot at the end
whatever happened, so against a live server it writes only to that contact. The target's
mode (`contract_tests.modes`) says whether a case that PATCH could not undo is sent.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from requests.structures import CaseInsensitiveDict
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.case import Case
from schemathesis.generation.modes import GenerationMode

from .concurrency import run_concurrency
from .contract import SPEC_PATH, Contract
from .manners import Manners
from .modes import MODES, SCRATCH, unrestorable
from .probes import run_probes
from .properties import same_json
from .report import Report
from .resource import run_resource, run_stateful
from .session import Session, connection_pool, json_body
from .target import LIVE_ENV, SCOPE_ALL, Target

__all__ = ["LIVE_ENV", "MODES", "Target", "run"]

OPERATION_PATH = "/v3/contacts/{id}"
# The largest id the contract allows: a server cannot have a contact with it.
UNKNOWN_ID = 9_223_372_036_854_775_807

UNKNOWN_ID_404 = "unknown_id_404"
MISSING_TOKEN_401 = "missing_token_401"  # noqa: S105 - a property name, not a secret
WRONG_TOKEN_401 = "wrong_token_401"  # noqa: S105 - a property name, not a secret
STATE_RESTORED = "state_restored"
SNAPSHOT = "snapshot"


def run(
    target: Target, *, examples: int = 200, seed_value: int = 0, sleep: Callable[[float], None] = time.sleep
) -> Report:
    """Run the whole suite against `target`; the report lists every property that broke and what was tested.

    `sleep` waits out a 429/503's `Retry-After` (tests pass one that records instead of waiting).
    """
    schema = schemathesis.openapi.from_path(str(SPEC_PATH))
    if target.app is not None:
        schema.app = target.app  # before looking up the operation, which keeps a reference
    else:
        schema.config.update(base_url=target.base_url)
    operation = schema[OPERATION_PATH]["PATCH"]
    with connection_pool(over_http=target.app is None) as http:
        report = Report(target=target.name, mode=target.mode, scope=target.scope)
        manners = Manners(sleep=sleep)
        session = Session(target, operation, Contract(), report, manners, http=http)
        started = time.perf_counter()
        snapshot_case = session.patch(target.contact_id, {}, session.auth)
        snapshot_response = session.send(snapshot_case, "snapshot")
        snapshot = json_body(snapshot_response) if snapshot_response.status_code == 200 else None
        if not isinstance(snapshot, dict):
            session.record(
                SNAPSHOT,
                f"an empty PATCH of contact {target.contact_id} must answer 200 with the contact",
                snapshot_case,
                snapshot_response,
            )
            _finish(session, started)
            return report
    session.learn(dict(snapshot))
    contract = session.contract
    nullable = [name for name in contract.writable_fields if contract.nullable(name)]
    session.unrestorable = unrestorable(
        contract.writable_fields,
        nullable,
        snapshot,
        lambda name, value: bool(contract.problems(contract.body_validator, {name: value})),
    )
    try:
        _coverage_cases(session, schema)
        _generated_cases(session, examples, seed_value)
        run_probes(session)
        run_concurrency(session)
        session.expect(UNKNOWN_ID_404, 404, session.patch(UNKNOWN_ID, {}, session.auth))
        # With a real change, so a server that writes before it checks the token is caught by the read after.
        field = session.text_field()
        change = {field: "written without a valid token"} if field is not None else {}
        session.expect(MISSING_TOKEN_401, 401, session.patch(target.contact_id, change))
        wrong = {"Authorization": f"Bearer {target.token}-not-valid"}
        session.expect(WRONG_TOKEN_401, 401, session.patch(target.contact_id, change, wrong))
        if target.scope == SCOPE_ALL:
            run_resource(session, schema)
            if target.name != "live":  # the stateful phase creates contacts freely: never on a live server
                run_stateful(session, schema, steps=max(1, examples // 10), seed_value=seed_value)
    finally:
        _restore(session, snapshot)
        _finish(session, started)
    return report


def _finish(session: Session, started: float) -> None:
    report, manners = session.report, session.manners
    report.retries, report.gave_up, report.waited = manners.retries, manners.gave_up, manners.waited
    report.finish(
        cases=sum(session.statuses.values()), statuses=session.statuses, elapsed=time.perf_counter() - started
    )


def _coverage_cases(session: Session, schema: Any) -> None:
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
        session.exercise(case, "coverage")


def _aim(case: Case[Any], session: Session) -> None:
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


def _generated_cases(session: Session, examples: int, seed_value: int) -> None:
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
        session.exercise(case, "generated")

    exercise()


def _restore(session: Session, snapshot: dict[str, Any]) -> None:
    """Put back every writable field that differs from the snapshot; fields it lacked are nulled where allowed.

    Only what changed is sent, so a stored value the request schema refuses is not re-sent
    unless a case changed it. If the server refuses the whole restore, each field is restored
    on its own, so one value PATCH cannot write back does not keep the others from coming back.
    What stays (only scratch mode can leave anything) is listed in the report.
    """
    contract = session.contract
    read = session.readback()
    current = read if read is not None else session.state
    payload = {
        name: snapshot[name]
        for name in contract.writable_fields
        if name in snapshot and (name not in current or not same_json(current[name], snapshot[name]))
    }
    added = [name for name in contract.writable_fields if name not in snapshot and name in current]
    payload.update({name: None for name in added if contract.nullable(name) and current[name] is not None})
    stuck = {name: "absent before; PATCH cannot remove it" for name in added if not contract.nullable(name)}
    case = session.patch(session.target.contact_id, payload, session.auth)
    response = None
    if payload:
        response = session.send(case, "restore")
        if 400 <= response.status_code < 500 and len(payload) > 1:
            for name, value in payload.items():
                single = session.patch(session.target.contact_id, {name: value}, session.auth)
                answer = session.send(single, "restore")
                if answer.status_code != 200:
                    stuck[name] = f"writing it back answered {answer.status_code}"
                    case, response = single, answer
        elif response.status_code != 200:
            stuck.update(dict.fromkeys(payload, f"writing it back answered {response.status_code}"))
    after = session.readback() if payload else current
    if after is None:
        session.record(STATE_RESTORED, "the contact could not be read after restoring it", case, response)
        return
    session.report.unrestored = [f"{name} ({why})" for name, why in sorted(stuck.items())]
    differ = [name for name, value in payload.items() if name not in after or not same_json(after[name], value)]
    # Scratch mode may leave what PATCH cannot put back (`session.unrestorable`: known from the
    # snapshot); any other value the server would not take back is a failure in every mode.
    left = [name for name in stuck if session.target.mode != SCRATCH or name not in session.unrestorable]
    broken = sorted({name for name in differ if name not in stuck} | set(left))
    if broken:
        reasons = ", ".join(f"{name} ({stuck[name]})" if name in stuck else name for name in broken)
        session.record(STATE_RESTORED, f"contact not restored: {reasons}", case, response)
