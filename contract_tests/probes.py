"""Deliberate requests about every field: boundaries, wrong types, forbidden bodies, and fidelity.

Random generation may never hit a field's limit with emoji, or send `{}` inside `crmData`, so
these are sent for every request property, in every mode (a probe that would set what PATCH
cannot remove is held back in careful mode and counted). Each accepted probe must come back
exactly, in the answer and in a later read; each refused one must be refused with a
documented 4xx and leave the contact as it was (`Session.judge` reads it back).
"""

from __future__ import annotations

import json
from typing import Any

from schemathesis.core.transport import Response
from schemathesis.generation.case import Case

from . import boundaries, fidelity
from .contract import OPERATION_PATH
from .properties import changed_fields, same_json
from .session import ACCEPTED_VALUES_PERSIST, Session

LIMITS_ENFORCED = "limits_enforced"
WRONG_TYPES_REJECTED = "wrong_types_rejected"
NULL_REJECTED = "null_rejected_where_not_nullable"
UNKNOWN_PROPERTIES_REJECTED = "unknown_properties_rejected"
MISSING_BODY_REJECTED = "missing_body_rejected"
NON_JSON_BODY_REJECTED = "non_json_body_rejected"
VALID_VALUES_ACCEPTED = "valid_values_accepted"
PROBE_PROPERTIES = (
    LIMITS_ENFORCED,
    WRONG_TYPES_REJECTED,
    NULL_REJECTED,
    UNKNOWN_PROPERTIES_REJECTED,
    MISSING_BODY_REJECTED,
    NON_JSON_BODY_REJECTED,
    VALID_VALUES_ACCEPTED,
    ACCEPTED_VALUES_PERSIST,
)
REFUSED_BY_KIND = {
    boundaries.LIMIT: LIMITS_ENFORCED,
    boundaries.TYPE: WRONG_TYPES_REJECTED,
    boundaries.NULL: NULL_REJECTED,
}
UNKNOWN_PROPERTY = "kinboxContractUnknownProperty"
LARGE_BODY_CHARACTERS = 256 * 1024
# Answers that say "this request is wrong" rather than "who are you", "no such contact" or "slow down".
NOT_A_REJECTION = frozenset({401, 403, 404, 429})


def run_probes(session: Session) -> None:
    properties: dict[str, Any] = session.contract.body_schema.get("properties", {})
    for probe in boundaries.probes(properties):
        if probe.accept:
            sent = _accepted(session, probe.field, probe.label, probe.value)
        else:
            what = f"{probe.field} {probe.label}"
            sent = _refused(session, REFUSED_BY_KIND[probe.kind], what, {probe.field: probe.value})
        if sent:
            session.report.boundary(probe.field, probe.label)
    for name, label, value in fidelity.values(properties):
        _accepted(session, name, label, value)
    _body_probes(session, properties)


def rejection_statuses(session: Session) -> frozenset[int]:
    documented = session.contract.document["paths"][OPERATION_PATH]["patch"]["responses"]
    return frozenset(int(s) for s in documented if s.isdigit() and 400 <= int(s) < 500) - NOT_A_REJECTION


def _accepted(session: Session, name: str, label: str, value: Any) -> bool:
    """A value the schema allows: answered 200 with it, and still there on the next read. False if not sent."""
    body = {name: value}
    case = session.patch(session.target.contact_id, body, session.auth)
    if session.held(body):
        return False
    response = session.send(case, "probe")
    if session.judgeable(response):
        _judge_acceptance(session, name, label, value, (case, response))
    return True


def _judge_acceptance(
    session: Session, name: str, label: str, value: Any, exchange: tuple[Case[Any], Response]
) -> None:
    case, response = exchange
    session.schemathesis_checks(case, response)
    if response.status_code != 200:
        session.record(VALID_VALUES_ACCEPTED, f"{name} {label}: answered {response.status_code}", case, response)
    answer = session.judge(case, response)
    if answer is None:
        return
    read = session.readback()
    if read is None:
        return
    if name not in read or not same_json(read[name], value):
        now = repr(read.get(name, "absent"))[:80]
        session.record(ACCEPTED_VALUES_PERSIST, f"{name} {label}: accepted, but a later read has {now}", case, response)
    elif changes := changed_fields(answer, read, session.contract.writable_fields):
        field, was, now = changes[0]
        session.record(ACCEPTED_VALUES_PERSIST, f"{field} read back as {now}, answered as {was}", case, response)
    session.learn(read)


def _refused(session: Session, prop: str, what: str, body: Any, media_type: str = "application/json") -> bool:
    """A request the contract refuses; False if the mode did not send it."""
    case = session.patch(session.target.contact_id, body, session.auth, media_type)
    if session.held(body):
        return False
    _judge_refusal(session, prop, what, case)
    return True


def _judge_refusal(session: Session, prop: str, what: str, case: Case[Any]) -> None:
    response = session.send(case, "probe")
    if not session.judgeable(response):
        return
    session.schemathesis_checks(case, response)
    if response.status_code not in rejection_statuses(session):
        session.record(prop, f"{what}: answered {response.status_code}, not a documented rejection", case, response)
    if response.status_code == 200 and not isinstance(case.body, dict):
        # Accepted but not as JSON: what it did is learnt from a read.
        read = session.readback()
        if read is not None:
            session.learn(read)
        return
    session.judge(case, response)


def _large_body(session: Session, name: str) -> None:
    """A body far larger than any sane limit: the server may store it or answer 413, but never fail on it."""
    body = {name: "x" * LARGE_BODY_CHARACTERS}
    case = session.patch(session.target.contact_id, body, session.auth)
    response = session.send(case, "probe")
    if session.judgeable(response):
        session.schemathesis_checks(case, response)
        session.judge(case, response)


def _body_probes(session: Session, properties: dict[str, Any]) -> None:
    """Bodies no field schema describes: unknown properties, none at all, JSON that is not sent as JSON."""
    text_field = session.text_field()
    value = "kinbox contract probe ✓"
    if session.contract.body_schema.get("additionalProperties") is False:
        _refused(session, UNKNOWN_PROPERTIES_REJECTED, "an unknown property", {UNKNOWN_PROPERTY: value})
        if text_field is not None:
            # Refused as a whole: the valid field beside it must not be applied either.
            beside = {text_field: value, UNKNOWN_PROPERTY: 1}
            _refused(session, UNKNOWN_PROPERTIES_REJECTED, f"an unknown property beside {text_field}", beside)
    free_text = [
        name
        for name, schema in properties.items()
        if "string" in (boundaries.types_of(schema) or ()) and "maxLength" not in schema
    ]
    unlimited = next((name for name in free_text if name not in session.unrestorable), None)
    if unlimited is not None:
        _large_body(session, unlimited)
    missing = session.operation.Case(path_parameters={"id": session.target.contact_id}, headers=session.auth)
    _judge_refusal(session, MISSING_BODY_REJECTED, "no body", missing)
    if text_field is None:
        return
    looks_like_json = json.dumps({text_field: value})
    bodies: list[tuple[str, object]] = [
        ("text/plain", looks_like_json),
        ("application/x-www-form-urlencoded", {text_field: value}),
        ("application/x-www-form-urlencoded", looks_like_json),
        ("application/octet-stream", looks_like_json.encode()),
    ]
    for media_type, body in bodies:
        _refused(session, NON_JSON_BODY_REJECTED, f"a JSON-looking body as {media_type}", body, media_type)
    # Labelled JSON but not JSON (cut off mid-string): a server must refuse it with a 4xx, never
    # fail on it. Sent every run, so a parser whose error escapes as a 500 is always caught,
    # not only when generated data happens to break the syntax.
    truncated = looks_like_json[: len(looks_like_json) // 2].encode("utf-8")
    _refused(session, NON_JSON_BODY_REJECTED, "a truncated JSON body as application/json", truncated)
