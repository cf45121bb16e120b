"""Live-server manners: what a correct server may do never raises an alarm, and rate limits are waited out.

Each variant wraps the real mock and is served over real HTTP (uvicorn in a thread); the suite
runs against it through the same path a live run takes.
"""

from __future__ import annotations

import email.utils
import gzip
import itertools
import json
import time
from collections.abc import Callable

import pytest

from contract_tests.manners import DEFAULT_WAIT, MAX_WAIT, retry_after
from contract_tests.mock import MockKinbox
from contract_tests.mock.serve import serve_in_thread
from contract_tests.mock.types import ASGIApp, Receive, Scope, Send
from contract_tests.modes import SCRATCH
from contract_tests.report import Report
from contract_tests.suite import Target, run
from tests.contract.asgi_wrappers import Headers, edit_answers

TOKEN = "manners-token"
EXAMPLES = 10


def run_over_http(app: ASGIApp, sleep: Callable[[float], None] = time.sleep) -> Report:
    with serve_in_thread(app) as url:
        return run(Target("variant", TOKEN, 1001, base_url=url, mode=SCRATCH), examples=EXAMPLES, sleep=sleep)


def gzipped(status: int, headers: Headers, body: bytes) -> tuple[int, Headers, bytes]:
    return status, [*headers, (b"content-encoding", b"gzip"), (b"vary", b"Accept-Encoding")], gzip.compress(body)


def with_charset(status: int, headers: Headers, body: bytes) -> tuple[int, Headers, bytes]:
    kept = [(k, v) for k, v in headers if k != b"content-type"]
    return status, [*kept, (b"content-type", b"application/json; charset=utf-8")], body


_serial = itertools.count()


def extra_properties(status: int, headers: Headers, body: bytes) -> tuple[int, Headers, bytes]:
    data = json.loads(body)
    # Undocumented, and changing on every answer, like a server's own bookkeeping.
    data.update({"requestSerial": next(_serial), "score": {"value": 0.5}, "tags": ["vip"]})
    return status, headers, json.dumps(data).encode()


def pretty(status: int, headers: Headers, body: bytes) -> tuple[int, Headers, bytes]:
    return status, headers, json.dumps(json.loads(body), indent=2, ensure_ascii=True).encode() + b"\n"


def closing(status: int, headers: Headers, body: bytes) -> tuple[int, Headers, bytes]:
    return status, [*headers, (b"connection", b"close")], body


def slow(app: ASGIApp) -> ASGIApp:
    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            time.sleep(0.002)  # blocks uvicorn's loop, as a busy server would
        await app(scope, receive, send)

    return wrapped


BENIGN: dict[str, Callable[[], ASGIApp]] = {
    "gzip": lambda: edit_answers(MockKinbox(token=TOKEN), gzipped),
    "charset parameter": lambda: edit_answers(MockKinbox(token=TOKEN), with_charset),
    "extra undocumented properties": lambda: edit_answers(MockKinbox(token=TOKEN), extra_properties),
    "pretty-printed JSON": lambda: edit_answers(MockKinbox(token=TOKEN), pretty),
    "Connection: close": lambda: edit_answers(MockKinbox(token=TOKEN), closing),
    "latency": lambda: slow(MockKinbox(token=TOKEN)),
}


@pytest.mark.slow
@pytest.mark.parametrize("variant", list(BENIGN))
def test_a_benign_variant_raises_no_alarm(variant: str) -> None:
    report = run_over_http(BENIGN[variant]())
    assert report.broken == [], report.render()
    assert report.statuses[200] > 100


class RateLimited:
    """Every `every`-th request is answered `status` with a Retry-After, before the mock sees it."""

    def __init__(self, app: ASGIApp, status: int, retry_after: str, every: int = 4) -> None:
        self.app, self.status, self.retry_after, self.every = app, status, retry_after, every
        self.requests = 0
        self.limited_without_auth = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.requests += 1
        if self.requests % self.every:
            await self.app(scope, receive, send)
            return
        if b"authorization" not in dict(scope["headers"]):
            self.limited_without_auth += 1
        body = json.dumps({"code": "rate_limited", "message": "Slow down."}).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"retry-after", self.retry_after.encode()),
        ]
        await send({"type": "http.response.start", "status": self.status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


@pytest.mark.slow
@pytest.mark.parametrize("status", [429, 503])
def test_rate_limits_are_waited_out_before_judging(status: int) -> None:
    server = RateLimited(MockKinbox(token=TOKEN), status, "1", every=6)
    waits: list[float] = []
    report = run_over_http(server, sleep=waits.append)
    assert report.broken == [], report.render()
    assert report.retries[status] == len(waits) > 100
    assert set(waits) == {1.0}  # the header's value, honoured
    assert report.statuses[status] == 0  # nothing was judged while rate-limited
    # schemathesis' own probes (ignored_auth sends the request without its token) were waited out too.
    assert server.limited_without_auth > 0
    assert f"resent after waiting {report.waited:.1f} s: {status}: {report.retries[status]}" in report.summary()


def test_a_503_without_retry_after_is_judged_not_retried() -> None:
    server = RateLimited(MockKinbox(token=TOKEN), 503, "soon", every=50)
    waits: list[float] = []
    report = run_over_http(server, sleep=waits.append)
    assert waits == []
    assert "not_a_server_error" in report.broken


def test_retry_after_forms() -> None:
    now = time.time()
    assert retry_after("7") == 7.0
    assert retry_after(" 0 ") == 0.0
    later = email.utils.formatdate(now + 90, usegmt=True)
    assert retry_after(later, now=now) == pytest.approx(90, abs=1)
    assert retry_after(email.utils.formatdate(now - 90, usegmt=True), now=now) == 0.0
    assert retry_after("soon") is None
    assert retry_after(None) is None
    assert DEFAULT_WAIT < MAX_WAIT
