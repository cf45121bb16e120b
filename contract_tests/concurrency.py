"""A bounded probe of parallel PATCHes: disjoint fields of one contact written at once, then one read.

A server that reads, modifies and writes the whole contact without a lock loses updates under
this load; one that stamps `lastUpdateAt` from a stale copy moves it backwards. Each round
writes up to `WIDTH` text fields in parallel, each with a value unique to the round; the read
after the round must show every one of them, and no `lastUpdateAt` may be earlier than the one
before the round, nor the read's earlier than any answer's.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from . import boundaries
from .properties import LAST_UPDATE_NOT_BACKWARDS, moment, same_json
from .session import Session, json_body

CONCURRENT_WRITES_KEPT = "concurrent_writes_kept"
WIDTH = 8  # parallel requests per round
ROUNDS = 3


def concurrent_fields(session: Session) -> list[str]:
    """Text fields this mode may write, short limits allowing."""
    properties: dict[str, Any] = session.contract.body_schema.get("properties", {})
    return [
        name
        for name, schema in properties.items()
        if "string" in (boundaries.types_of(schema) or ())
        and "enum" not in schema
        and schema.get("maxLength", 64) >= 32
        and schema.get("minLength", 0) <= 16
        and name not in session.unrestorable  # chosen, not held back: no case is skipped here
    ][:WIDTH]


def run_concurrency(session: Session) -> None:
    names = concurrent_fields(session)
    if len(names) < 2:
        return
    with ThreadPoolExecutor(max_workers=len(names)) as pool:
        for round_number in range(ROUNDS):
            _round(session, pool, names, round_number)


def _round(session: Session, pool: ThreadPoolExecutor, names: list[str], round_number: int) -> None:
    values = {name: f"parallel {round_number}-{index} ✓" for index, name in enumerate(names)}
    cases = {
        name: session.patch(session.target.contact_id, {name: value}, session.auth) for name, value in values.items()
    }
    before = moment(session.state.get("lastUpdateAt"))
    responses = dict(zip(cases, pool.map(lambda case: session.send(case, "concurrent"), cases.values()), strict=True))
    stamps = []
    written = []  # fields whose PATCH was answered (a rate-limited one says nothing)
    for name, response in responses.items():
        if not session.judgeable(response):
            continue
        written.append(name)
        answer = json_body(response)
        if response.status_code != 200 or not isinstance(answer, dict) or not same_json(answer.get(name), values[name]):
            got = response.status_code if response.status_code != 200 else repr(answer)[:80]
            session.record(CONCURRENT_WRITES_KEPT, f"a parallel PATCH of {name} answered {got}", cases[name], response)
            continue
        stamp = moment(answer.get("lastUpdateAt"))
        if before is not None and (stamp is None or stamp < before):
            session.record(
                LAST_UPDATE_NOT_BACKWARDS,
                f"under parallel PATCHes lastUpdateAt went from {session.state.get('lastUpdateAt')} "
                f"to {answer.get('lastUpdateAt')}",
                cases[name],
                response,
            )
        if stamp is not None:
            stamps.append(stamp)
    read = session.readback()
    if read is None:
        return
    lost = [name for name in written if not same_json(read.get(name), values[name])]
    if lost:
        session.record(
            CONCURRENT_WRITES_KEPT,
            f"{len(names)} parallel PATCHes of disjoint fields, then a read: lost {', '.join(lost)} "
            f"(read {lost[0]}={repr(read.get(lost[0], 'absent'))[:60]})",
            cases[lost[0]],
            responses[lost[0]],
        )
    final = moment(read.get("lastUpdateAt"))
    if stamps and (final is None or final < max(stamps)):
        session.record(
            LAST_UPDATE_NOT_BACKWARDS,
            f"after parallel PATCHes the read's lastUpdateAt {read.get('lastUpdateAt')} is before an answer's",
            cases[names[0]],
            responses[names[0]],
        )
    session.learn(read)
