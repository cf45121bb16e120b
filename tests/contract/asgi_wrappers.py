"""Small ASGI wrappers that change how the real mock talks, for the contract suite's own tests.

Each takes an app and returns one that edits requests or answers on the way; the mock itself
has no switch for any of this.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from contract_tests.mock.types import ASGIApp, Message, Receive, Scope, Send

Headers = list[tuple[bytes, bytes]]
# (status, headers, body) -> (status, headers, body); content-length is fixed afterwards.
Edit = Callable[[int, Headers, bytes], tuple[int, Headers, bytes]]


async def read_body(receive: Receive) -> tuple[bytes, list[Message]]:
    messages = []
    more = True
    while more:
        message = await receive()
        messages.append(message)
        more = message.get("more_body", False)
    return b"".join(m.get("body", b"") for m in messages), messages


def replaying(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def edit_answers(app: ASGIApp, edit: Edit) -> ASGIApp:
    """Wrap `app`, passing every HTTP answer through `edit`."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = dict(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            status, headers, body = edit(start["status"], list(start.get("headers", [])), b"".join(chunks))
            headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
            headers.append((b"content-length", str(len(body)).encode()))
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await app(scope, receive, capture)

    return wrapped


def edit_requests(app: ASGIApp, edit: Callable[[Scope, bytes], Awaitable[tuple[Scope, bytes]]]) -> ASGIApp:
    """Wrap `app`, letting `edit` see (and change) each HTTP request's scope and whole body first."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        body, _ = await read_body(receive)
        scope, body = await edit(scope, body)
        await app(scope, replaying(body), send)

    return wrapped


def ignoring_auth(app: ASGIApp, token: str) -> ASGIApp:
    """Wrap `app` so that every HTTP request reaches it with `token`, whatever it was sent with:
    a server that never looks at the credentials."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = [(k, v) for k, v in scope["headers"] if k != b"authorization"]
            scope = {**scope, "headers": [*headers, (b"authorization", f"Bearer {token}".encode())]}
        await app(scope, receive, send)

    return wrapped


def json_or_none(body: bytes) -> Any:
    try:
        return json.loads(body)
    except ValueError:
        return None
