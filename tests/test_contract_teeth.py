"""The server contract suite has teeth: each deliberately broken mock is caught by name.

The broken variants are built here, by wrapping or subclassing the real mock; the mock
itself carries no switch for misbehaving.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

import pytest

from contract_tests.contract import Contract, Problem
from contract_tests.mock import ContactStore, MockKinbox, load_seed
from contract_tests.mock.types import ASGIApp, Message, Receive, Scope, Send
from contract_tests.report import Report
from contract_tests.suite import MISSING_TOKEN_401, WRONG_TOKEN_401, Target, run

TOKEN = "teeth-token"
EXAMPLES = 150


def run_against(app: ASGIApp) -> Report:
    return run(Target("broken-mock", TOKEN, 1001, app=app), examples=EXAMPLES)


class AcceptsLongNames(Contract):
    """Validates everything except name's maxLength."""

    def problems(self, validator: Any, instance: Any, prefix: str = "") -> list[Problem]:
        found = super().problems(validator, instance, prefix)
        return [p for p in found if not (p.field == "/name" and "too long" in p.message)]


class ResetsUnsentFields(ContactStore):
    """Clears every writable field the PATCH did not mention."""

    def patch(self, contact_id: str, changes: Mapping[str, Any]) -> tuple[bytes, dict[str, Any]] | None:
        if changes:
            current = self.get(contact_id) or {}
            cleared: dict[str, Any] = {
                name: None for name in ("notes", "phone", "email") if name in current and name not in changes
            }
            changes = {**cleared, **changes}
        return super().patch(contact_id, changes)


def rewrite_json(app: ASGIApp, change: Callable[[dict[str, Any]], None]) -> ASGIApp:
    """Wrap `app`, editing every 200 JSON answer with `change`."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        start: Message = {}

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = dict(message)
                return
            body = message.get("body", b"")
            if start.get("status") == 200 and body:
                data = json.loads(body)
                change(data)
                body = json.dumps(data).encode()
                start["headers"] = [(k, v) for k, v in start["headers"] if k != b"content-length"]
                start["headers"].append((b"content-length", str(len(body)).encode()))
            await send(start)
            await send({"type": "http.response.body", "body": body})

        await app(scope, receive, capture if scope["type"] == "http" else send)

    return wrapped


def ignore_auth(app: ASGIApp) -> ASGIApp:
    """Wrap `app`, treating every request as if it carried the right token."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = [(k, v) for k, v in scope["headers"] if k != b"authorization"]
            scope = {**scope, "headers": [*headers, (b"authorization", f"Bearer {TOKEN}".encode())]}
        await app(scope, receive, send)

    return wrapped


def fails_on_empty_strings(app: ASGIApp) -> ASGIApp:
    """Wrap `app`, answering 500 when any string in the body is empty (an edge input)."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        messages = []
        more = True
        while more:
            message = await receive()
            messages.append(message)
            more = message.get("more_body", False)
        body = b"".join(m.get("body", b"") for m in messages)
        try:
            data = json.loads(body)
        except ValueError:
            data = None
        if isinstance(data, dict) and "" in data.values():
            payload = b'{"code": "internal_error", "message": "boom"}'
            headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
            await send({"type": "http.response.start", "status": 500, "headers": headers})
            await send({"type": "http.response.body", "body": payload})
            return

        async def replay() -> Message:
            return messages.pop(0) if messages else {"type": "http.disconnect"}

        await app(scope, replay, send)

    return wrapped


def workspace_as_text(data: dict[str, Any]) -> None:
    if "workspaceId" in data:  # a contact; a page of List Contacts carries its contacts in `data`
        data["workspaceId"] = str(data["workspaceId"])


def mock(**kwargs: Any) -> MockKinbox:
    return MockKinbox(token=TOKEN, **kwargs)


BROKEN: dict[str, tuple[Callable[[], ASGIApp], set[str]]] = {
    "accepts an over-long name": (lambda: mock(contract=AcceptsLongNames()), {"negative_data_rejection"}),
    "wrong type in a response field": (
        lambda: rewrite_json(mock(), workspace_as_text),
        {"response_schema_conformance"},
    ),
    "resets unsent fields": (
        lambda: mock(store=ResetsUnsentFields(load_seed())),
        {"unsent_fields_unchanged"},
    ),
    "ignores auth": (lambda: ignore_auth(mock()), {MISSING_TOKEN_401, WRONG_TOKEN_401, "ignored_auth"}),
    "answers 500 on an edge input": (lambda: fails_on_empty_strings(mock()), {"not_a_server_error"}),
}


@pytest.mark.slow
@pytest.mark.parametrize("defect", list(BROKEN))
def test_suite_catches_a_broken_server(defect: str) -> None:
    make, expected = BROKEN[defect]
    report = run_against(make())
    assert expected <= set(report.broken), f"{defect}: expected {expected}, got {report.broken}\n{report.render()}"
    rendered = report.render()
    for name in expected:
        assert f". {name}" in rendered  # each named, with its request and response
    assert "Authorization: [Filtered]" in rendered or "Authorization" not in rendered
    # Credentials are masked. (The token's text may still appear as generated data: schemathesis
    # reuses strings it has seen, so a body may carry it and the server echo it back.)
    assert f"Bearer {TOKEN}" not in rendered
    assert set(re.findall(r"Authorization: (\S+)", rendered)) <= {"[Filtered]'"}


def test_suite_passes_the_real_mock() -> None:
    report = run_against(mock())
    assert report.broken == [], report.render()
