"""The probes catch what random generation misses: each fault here slips past schemathesis' checks alone.

The probe values are derived from schemas (tested on small inline ones), and each faulty
server wraps the real mock and is served over real HTTP, so the suite runs its live path.
"""

from __future__ import annotations

import asyncio
import json
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

import pytest

from contract_tests import boundaries, fidelity
from contract_tests.concurrency import CONCURRENT_WRITES_KEPT
from contract_tests.contract import Contract, Problem
from contract_tests.mock import ContactStore, MockKinbox, load_seed
from contract_tests.mock.serve import serve_in_thread
from contract_tests.mock.types import ASGIApp, Receive, Scope, Send
from contract_tests.modes import SCRATCH
from contract_tests.probes import (
    LIMITS_ENFORCED,
    NON_JSON_BODY_REJECTED,
    NULL_REJECTED,
    UNKNOWN_PROPERTY,
    VALID_VALUES_ACCEPTED,
)
from contract_tests.properties import REFLECTS_VALUES_SENT
from contract_tests.report import Report
from contract_tests.session import ACCEPTED_VALUES_PERSIST, REJECTED_CHANGES_NOTHING
from contract_tests.suite import Target, run
from tests.contract.asgi_wrappers import edit_requests, json_or_none

TOKEN = "probes-token"
EXAMPLES = 10


def run_over_http(app: ASGIApp) -> Report:
    with serve_in_thread(app) as url:
        return run(Target("faulty", TOKEN, 1001, base_url=url, mode=SCRATCH), examples=EXAMPLES)


def test_every_limit_is_probed_at_and_one_past_in_code_points() -> None:
    schema = {"type": "string", "maxLength": 5, "minLength": 2}
    found = list(boundaries.probes({"f": schema}))
    for alphabet in boundaries.ALPHABETS:
        at = next(p for p in found if p.label == f"maxLength 5: at, {alphabet}")
        past = next(p for p in found if p.label == f"maxLength 5: one past, {alphabet}")
        assert (len(at.value), at.accept, len(past.value), past.accept) == (5, True, 6, False)
        short = next(p for p in found if p.label == f"minLength 2: one short, {alphabet}")
        assert (len(short.value), short.accept) == (1, False)
    emoji = next(p for p in found if p.label == "maxLength 5: at, emoji").value
    assert len(emoji.encode("utf-16-le")) // 2 == 10  # twice the limit in UTF-16 units
    combining = next(p for p in found if p.label == "maxLength 5: at, combining").value
    assert len(unicodedata.normalize("NFC", combining)) < 5  # a normalising server counts fewer


def test_numbers_counts_and_choices_are_probed() -> None:
    schemas: dict[str, dict[str, Any]] = {
        "n": {"type": "integer", "minimum": 1, "exclusiveMaximum": 10},
        "tags": {"type": "array", "maxItems": 2},
        "kind": {"type": "string", "enum": ["a", "b"]},
    }
    found = {(p.field, p.label): (p.value, p.accept) for p in boundaries.probes(schemas)}
    assert found["n", "minimum 1: one past"] == (0, False)
    assert found["n", "exclusiveMaximum 10: at"] == (10, False)
    assert found["n", "exclusiveMaximum 10: just inside"] == (9, True)
    assert found["tags", "maxItems 2: one past"][1] is False
    assert len(found["tags", "maxItems 2: one past"][0]) == 3
    assert found["kind", "enum: 'b'"] == ("b", True)
    assert found["kind", "enum: not a member"][1] is False
    assert found["n", "wrong type: number 1.5"] == (1.5, False)
    assert found["n", 'wrong type: string "7"'] == ("7", False)  # what a lenient server coerces
    assert found["n", "null, refused"] == (None, False)


def test_the_kinbox_spec_uses_only_probed_keywords() -> None:
    properties = Contract().body_schema["properties"]
    assert boundaries.unprobed_keywords(properties) == {}
    assert boundaries.unprobed_keywords({"f": {"type": "string", "pattern": "^a"}}) == {"f": {"pattern"}}


def test_fidelity_values_fit_every_field_and_cover_every_plane() -> None:
    properties = Contract().body_schema["properties"]
    values = list(fidelity.values(properties))
    assert {name for name, _, _ in values} == set(properties)  # every field, not a sample
    for name, label, value in values:
        limit = properties[name].get("maxLength")
        assert limit is None or not isinstance(value, str) or len(value) <= limit, (name, label)
    planes = {ord(char) >> 16 for char in fidelity.PLANES}
    assert planes == {0, 1, 2, 3, 14, 15, 16}
    name_values = [v for n, _, v in values if n == "name"]
    assert max(map(len, name_values)) == properties["name"]["maxLength"]
    notes = [v for n, _, v in values if n == "notes"]
    assert max(map(len, notes)) == fidelity.FREE_TEXT_LENGTH


class CountsUtf16(Contract):
    """Refuses a string longer than its maxLength in UTF-16 units (as JavaScript's `length` counts)."""

    def problems(self, check: Any, instance: Any, prefix: str = "") -> list[Problem]:
        found = super().problems(check, instance, prefix)
        if check is self.body_validator and isinstance(instance, dict):
            for name, value in instance.items():
                limit = self.body_schema["properties"].get(name, {}).get("maxLength")
                if isinstance(value, str) and limit is not None and len(value.encode("utf-16-le")) // 2 > limit:
                    found.append(Problem(f"/{name}", "too long"))
        return found


class AcceptsOneTooMany(Contract):
    """An off-by-one limit: one character past maxLength passes."""

    def problems(self, check: Any, instance: Any, prefix: str = "") -> list[Problem]:
        if check is self.body_validator and isinstance(instance, dict):
            limits = {n: s.get("maxLength") for n, s in self.body_schema["properties"].items()}
            instance = {
                n: v[:-1] if isinstance(v, str) and limits.get(n) is not None and len(v) == limits[n] + 1 else v
                for n, v in instance.items()
            }
        return super().problems(check, instance, prefix)


class AcceptsNull(Contract):
    """Lets `null` through for every field."""

    def problems(self, check: Any, instance: Any, prefix: str = "") -> list[Problem]:
        if check is self.body_validator and isinstance(instance, dict):
            instance = {n: v for n, v in instance.items() if v is not None}
        return super().problems(check, instance, prefix)


class Truncates(ContactStore):
    """Stores and answers long text cut to 1000 characters."""

    def patch(self, contact_id: str, changes: Mapping[str, Any]) -> tuple[bytes, dict[str, Any]] | None:
        cut = {n: v[:1000] if isinstance(v, str) else v for n, v in changes.items()}
        return super().patch(contact_id, cut)


class ForgetsNested(ContactStore):
    """Answers what was sent, but stores free-form objects only one level deep."""

    def patch(self, contact_id: str, changes: Mapping[str, Any]) -> tuple[bytes, dict[str, Any]] | None:
        flat = {
            n: {k: x for k, x in v.items() if not isinstance(x, dict)} if isinstance(v, dict) else v
            for n, v in changes.items()
        }
        stored = super().patch(contact_id, flat)
        if stored is None or flat == dict(changes):
            return stored
        answer = {**stored[1], **changes}
        return json.dumps(answer).encode(), answer


def accepts_text_plain(app: ASGIApp) -> ASGIApp:
    async def edit(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
        headers = [
            (k, b"application/json" if k == b"content-type" and v.startswith(b"text/plain") else v)
            for k, v in scope["headers"]
        ]
        return {**scope, "headers": headers}, body

    return edit_requests(app, edit)


def applies_then_refuses(mock: MockKinbox) -> ASGIApp:
    """Writes the known fields of a body before validating it, so a refused body is half applied."""

    async def edit(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
        data = json_or_none(body)
        if isinstance(data, dict) and UNKNOWN_PROPERTY in data:
            known = {k: v for k, v in data.items() if k in mock.contract.writable_fields}
            mock.store.patch(scope["path"].rsplit("/", 1)[1], known)
        return scope, body

    return edit_requests(mock, edit)


def loses_updates(mock: MockKinbox) -> ASGIApp:
    """Read, wait, write back the whole contact: concurrent PATCHes overwrite one another."""

    async def edit(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
        data = json_or_none(body)
        contact_id = scope["path"].rsplit("/", 1)[1]
        current = mock.store.get(contact_id)
        if (
            isinstance(data, dict)
            and data
            and current is not None
            and mock.contract.problems(mock.contract.body_validator, data) == []
        ):
            await asyncio.sleep(0.005)
            whole = {k: v for k, v in current.items() if k in mock.contract.writable_fields}
            return scope, json.dumps({**whole, **data}).encode()
        return scope, body

    return edit_requests(mock, edit)


def writes_before_auth(mock: MockKinbox) -> ASGIApp:
    """Applies a body before it looks at the token, then refuses the request with 401."""

    async def edit(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
        data = json_or_none(body)
        if isinstance(data, dict) and dict(scope["headers"]).get(b"authorization") != f"Bearer {TOKEN}".encode():
            mock.store.patch(scope["path"].rsplit("/", 1)[1], data)
        return scope, body

    return edit_requests(mock, edit)


def fails_on_large_bodies(mock: MockKinbox) -> ASGIApp:
    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and int(dict(scope["headers"]).get(b"content-length", b"0") or 0) > 100_000:
            payload = b'{"message": "boom"}'
            headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
            await send({"type": "http.response.start", "status": 502, "headers": headers})
            await send({"type": "http.response.body", "body": payload})
            return
        await mock(scope, receive, send)

    return wrapped


def accepts_any_media_type(mock: MockKinbox) -> ASGIApp:
    async def edit(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
        headers = [(k, v) for k, v in scope["headers"] if k != b"content-type"]
        if json_or_none(body) is not None:
            headers.append((b"content-type", b"application/json"))
        return {**scope, "headers": headers}, body

    return edit_requests(mock, edit)


FAULTS: dict[str, tuple[Callable[[], ASGIApp], str]] = {
    "writes before checking the token": (lambda: writes_before_auth(MockKinbox(token=TOKEN)), REJECTED_CHANGES_NOTHING),
    "fails on a large body": (lambda: fails_on_large_bodies(MockKinbox(token=TOKEN)), "not_a_server_error"),
    "reads any body that parses as JSON": (
        lambda: accepts_any_media_type(MockKinbox(token=TOKEN)),
        NON_JSON_BODY_REJECTED,
    ),
    "counts UTF-16 units against maxLength": (
        lambda: MockKinbox(token=TOKEN, contract=CountsUtf16()),
        VALID_VALUES_ACCEPTED,
    ),
    "accepts one character past maxLength": (
        lambda: MockKinbox(token=TOKEN, contract=AcceptsOneTooMany()),
        LIMITS_ENFORCED,
    ),
    "accepts null everywhere": (lambda: MockKinbox(token=TOKEN, contract=AcceptsNull()), NULL_REJECTED),
    "truncates long text": (lambda: MockKinbox(token=TOKEN, store=Truncates(load_seed())), REFLECTS_VALUES_SENT),
    "answers nested values it does not keep": (
        lambda: MockKinbox(token=TOKEN, store=ForgetsNested(load_seed())),
        ACCEPTED_VALUES_PERSIST,
    ),
    "accepts JSON sent as text/plain": (lambda: accepts_text_plain(MockKinbox(token=TOKEN)), NON_JSON_BODY_REJECTED),
    "half-applies a refused body": (lambda: applies_then_refuses(MockKinbox(token=TOKEN)), REJECTED_CHANGES_NOTHING),
    "loses concurrent updates": (lambda: loses_updates(MockKinbox(token=TOKEN)), CONCURRENT_WRITES_KEPT),
}


@pytest.mark.slow
@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_fault_is_caught_by_its_probe(fault: str) -> None:
    make, expected = FAULTS[fault]
    report = run_over_http(make())
    assert expected in report.broken, f"{fault}: got {report.broken}\n{report.render()}"
    rendered = report.render()
    assert f". {expected}" in rendered
    assert "curl -X PATCH" in rendered
    assert f"Bearer {TOKEN}" not in rendered
