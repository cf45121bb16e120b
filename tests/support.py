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
    """Runs the same client calls through KinboxClient or AsyncKinboxClient."""

    def __init__(self, mode: str, transport: Callable[[httpx.Request], httpx.Response], **options: Any) -> None:
        self.mode = mode
        mock = httpx.MockTransport(transport)
        options.setdefault("token", TOKEN)
        if mode == "sync":
            self.client: KinboxClient | AsyncKinboxClient = KinboxClient(transport=mock, **options)
        else:
            self.client = AsyncKinboxClient(transport=mock, **options)

    def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """`client.<method>(...)`, awaited when the client is async; `raw.` prefix for raw."""
        target: Any = self.client
        for part in method.split("."):
            target = getattr(target, part)
        result = target(*args, **kwargs)
        if self.mode == "async":
            return asyncio.run(result)
        return result

    def update(self, *args: Any, **kwargs: Any) -> Any:
        return self.call("update_contact", *args, **kwargs)
