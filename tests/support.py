"""Helpers for driving the generated client in tests, sync and async alike."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from kinbox_client import AsyncKinboxClient, KinboxClient

TOKEN = "tok-SECRET-7f3a9c"  # recognisable, so tests can prove it never leaks
OPEN_CALLERS: list[Caller] = []  # closed after each test by a fixture in tests/conftest.py


def contact_json(contact_id: str = "1001", **fields: Any) -> dict[str, Any]:
    return {
        "id": contact_id,
        "workspaceId": 42,
        "createdAt": "2024-05-02T12:00:00Z",
        "lastUpdateAt": "2026-11-24T10:15:00Z",
        **fields,
    }


@dataclass
class Recorder:
    """An httpx.MockTransport handler that records requests and answers from a script."""

    answers: list[httpx.Response | Exception] = field(default_factory=list)
    requests: list[httpx.Request] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        if self.answers:
            answer = self.answers.pop(0)
            if isinstance(answer, Exception):
                raise answer
            return answer
        body = json.loads(request.content or b"{}")
        return httpx.Response(200, json=contact_json(request.url.path.rsplit("/", 1)[-1], **body))

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]


class Caller:
    """Runs the same client calls through KinboxClient or AsyncKinboxClient.

    `transport` is a MockTransport handler, or None to talk to a real server at `base_url`.
    Sleeping is recorded instead of done (`slept`), so retry timing is tested without waiting.
    """

    def __init__(self, mode: str, transport: Callable[[httpx.Request], httpx.Response] | None, **options: Any) -> None:
        self.mode = mode
        self.slept: list[float] = []
        if transport is not None:
            options["transport"] = httpx.MockTransport(transport)
        options.setdefault("token", TOKEN)
        if mode == "sync":
            self.client: KinboxClient | AsyncKinboxClient = KinboxClient(**options)
            self.client._sleep = self.slept.append
        else:
            self.client = AsyncKinboxClient(**options)

            async def record(seconds: float) -> None:
                self.slept.append(seconds)

            self.client._sleep = record
        # One event loop for all async calls: an httpx.AsyncClient's connections belong to it.
        self._loop = asyncio.new_event_loop() if mode == "async" else None
        self._closed = False
        OPEN_CALLERS.append(self)

    def __enter__(self) -> Caller:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.call("close")
        if self._loop is not None:
            self._loop.close()

    def run(self, awaitable: Any) -> Any:
        assert self._loop is not None
        return self._loop.run_until_complete(awaitable)

    def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """`client.<method>(...)`, awaited when the client is async; `raw.` prefix for raw."""
        target: Any = self.client
        for part in method.split("."):
            target = getattr(target, part)
        result = target(*args, **kwargs)
        return self.run(result) if self.mode == "async" else result

    def update(self, *args: Any, **kwargs: Any) -> Any:
        return self.call("update_contact", *args, **kwargs)
