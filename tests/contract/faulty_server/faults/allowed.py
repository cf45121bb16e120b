"""Benign variants: behaviour the spec allows, which must raise no alarm."""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import gzip
import itertools
import json
import random
from typing import Any

from ..server import Answer, KinboxServer, Request, Send


class _EveryNth(KinboxServer):
    """Answers `status` with a Retry-After to every `every`-th request, before looking at it."""

    status = 429
    every = 150

    def __init__(self, token: str) -> None:
        super().__init__(token)
        self._requests = itertools.count(1)

    def retry_after(self) -> str:
        return "1"

    async def intercept(self, request: Request) -> Answer | None:
        if next(self._requests) % self.every:
            return None
        message = "Too many requests." if self.status == 429 else "Briefly unavailable."
        return Answer(self.status, {"code": "slow_down", "message": message}, [("retry-after", self.retry_after())])


class RateLimited(_EveryNth):
    pass


class Unavailable(_EveryNth):
    status = 503
    every = 170


class RetryAfterDate(_EveryNth):
    every = 190

    def retry_after(self) -> str:
        return email.utils.formatdate(dt.datetime.now(dt.UTC).timestamp() + 1, usegmt=True)


class Gzips(KinboxServer):
    async def send(self, request: Request, answer: Answer, send: Send) -> None:
        if "gzip" not in (request.header("accept-encoding") or ""):
            await super().send(request, answer, send)
            return
        body = gzip.compress(self.encode(answer.value), mtime=0)
        headers = [
            (name, str(len(body)) if name == "content-length" else value)
            for name, value in self.response_headers(request, answer, body)
        ]
        headers.append(("content-encoding", "gzip"))
        start = [(name.encode(), value.encode()) for name, value in headers]
        await send({"type": "http.response.start", "status": answer.status, "headers": start})
        await send({"type": "http.response.body", "body": body})


class CharsetParameter(KinboxServer):
    def response_headers(self, request: Request, answer: Answer, body: bytes) -> list[tuple[str, str]]:
        headers = super().response_headers(request, answer, body)
        return [
            (name, "application/json; charset=utf-8" if name == "content-type" else value) for name, value in headers
        ]


class ExtraProperties(KinboxServer):
    """Properties a newer server version adds, in contacts and in errors."""

    def encode(self, value: Any) -> bytes:
        if isinstance(value, dict):
            extra = {"tags": ["vip"], "score": 0.75, "_links": {"self": "/v3/contacts"}}
            value = {**value, **extra}
            if isinstance(value.get("errors"), list):
                value["errors"] = [{**item, "hint": "see the docs"} for item in value["errors"]]
        return super().encode(value)


class PrettyPrinted(KinboxServer):
    def encode(self, value: Any) -> bytes:
        return (json.dumps(value, indent=2) + "\n").encode("ascii")


class ClosesConnections(KinboxServer):
    def response_headers(self, request: Request, answer: Answer, body: bytes) -> list[tuple[str, str]]:
        return [*super().response_headers(request, answer, body), ("connection", "close")]


class Slow(KinboxServer):
    """Between 2 and 10 ms per answer, as a server across the internet."""

    async def intercept(self, request: Request) -> Answer | None:
        await asyncio.sleep(random.uniform(0.002, 0.01))  # timing, not secrecy
        return None


class Chunked(KinboxServer):
    """No Content-Length: the body is streamed in pieces (chunked transfer encoding)."""

    async def send(self, request: Request, answer: Answer, send: Send) -> None:
        body = self.encode(answer.value)
        headers = [
            (name.encode(), value.encode())
            for name, value in self.response_headers(request, answer, body)
            if name != "content-length"
        ]
        await send({"type": "http.response.start", "status": answer.status, "headers": headers})
        middle = len(body) // 2
        await send({"type": "http.response.body", "body": body[:middle], "more_body": True})
        await send({"type": "http.response.body", "body": body[middle:]})
