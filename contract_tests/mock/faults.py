"""Fault injection, off by default: latency, 429s with Retry-After, 503s, dropped connections.

Wraps the mock app so client resilience can be tested against a real server. A faulted
request never reaches the app, so it changes nothing (a retry is always safe), except a
dropped connection after the update, which `drop_after_update` asks for on purpose.
"""

from __future__ import annotations

import asyncio
import json
import random
from dataclasses import dataclass

from .types import ASGIApp, Message, Receive, Scope, Send


@dataclass(frozen=True, slots=True)
class Faults:
    latency: float = 0.0  # seconds added before every answer
    latency_jitter: float = 0.0  # plus up to this many seconds at random
    rate_429: float = 0.0  # share of requests answered 429 with Retry-After
    retry_after: str = "1"  # the Retry-After value sent with those 429s
    rate_503: float = 0.0  # share answered 503
    rate_drop: float = 0.0  # share whose connection is dropped mid-answer
    drop_after_update: bool = False  # drop after the app applied the update, not before
    seed: int | None = None

    @property
    def active(self) -> bool:
        return any((self.latency, self.latency_jitter, self.rate_429, self.rate_503, self.rate_drop))

    def __post_init__(self) -> None:
        if self.rate_429 + self.rate_503 + self.rate_drop > 1:
            raise ValueError("the fault rates add up to more than 1")


class FaultInjector:
    """ASGI middleware applying `Faults` to HTTP requests."""

    def __init__(self, app: ASGIApp, faults: Faults) -> None:
        self.app = app
        self.faults = faults
        self._random = random.Random(faults.seed)  # noqa: S311 - fault dice, not cryptography
        self.injected = {"429": 0, "503": 0, "drop": 0}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        faults = self.faults
        delay = faults.latency + faults.latency_jitter * self._random.random()
        if delay:
            await asyncio.sleep(delay)
        roll = self._random.random()
        if roll < faults.rate_429:
            self.injected["429"] += 1
            await _send_error(send, 429, "rate_limited", "Too many requests (injected).", faults.retry_after)
        elif roll < faults.rate_429 + faults.rate_503:
            self.injected["503"] += 1
            await _send_error(send, 503, "unavailable", "Service unavailable (injected).", None)
        elif roll < faults.rate_429 + faults.rate_503 + faults.rate_drop:
            self.injected["drop"] += 1
            if faults.drop_after_update:
                await self.app(scope, receive, _Swallow())
            else:
                await _drain(receive)
            await _drop(send)
        else:
            await self.app(scope, receive, send)


async def _send_error(send: Send, status: int, code: str, message: str, retry_after: str | None) -> None:
    body = json.dumps({"code": code, "message": message}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if retry_after is not None:
        headers.append((b"retry-after", retry_after.encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _drain(receive: Receive) -> None:
    """Read the whole request first: closing on unread bytes makes the kernel send a reset
    instead of a clean close, and the client would see a different fault from run to run."""
    while True:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body", False):
            return


async def _drop(send: Send) -> None:
    """Start an answer and end it early: the client sees the connection close mid-body."""
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"application/json"), (b"content-length", b"4096")],
        }
    )
    await send({"type": "http.response.body", "body": b'{"id":', "more_body": True})
    raise ConnectionAbortedError("connection dropped (injected fault)")


class _Swallow:
    """A `send` that discards the app's answer (used to apply an update, then drop)."""

    async def __call__(self, message: Message) -> None:
        return None
