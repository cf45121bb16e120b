"""The attempt loop's I/O steps over real HTTP: a streamed operation's error answers are read
before the retry, so the connection goes back to the pool, and the success stream is not.

One connection is all the client may open, so an error answer left unread would hold it and
the retry would time out waiting for the pool. Uses the committed baseline golden record
(tests/golden/baseline/), whose `events.stream_events` answers `text/event-stream`.
"""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from contract_tests.mock.app import lifespan
from contract_tests.mock.serve import serve_in_thread
from contract_tests.mock.types import Receive, Scope, Send
from noxfile import BASELINE_OUT, BASELINE_PACKAGE
from tests.helpers import ROOT

EVENTS = b"event: a\ndata: 1\n\ndata: 2\n\n"
ONE_CONNECTION = httpx.Limits(max_connections=1, max_keepalive_connections=1)
POOL_WAIT = httpx.Timeout(5.0, pool=1.0)  # a connection still held fails the retry in a second


class Flaky:
    """ASGI app: `failures` 503s, each body sent in two chunks with `Retry-After: 0`, then events."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.peers: list[tuple[str, int]] = []  # the client address of each request: one connection, one port

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await lifespan(receive, send)
            return
        self.peers.append(tuple(scope["client"]))
        if self.failures:
            self.failures -= 1
            headers = [(b"content-type", b"application/json"), (b"retry-after", b"0")]
            await send({"type": "http.response.start", "status": 503, "headers": headers})
            await send({"type": "http.response.body", "body": b'{"message": ', "more_body": True})
            await send({"type": "http.response.body", "body": b'"busy"}'})
            return
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/event-stream")]})
        await send({"type": "http.response.body", "body": EVENTS})


@pytest.fixture(scope="module")
def baseline() -> Iterator[Any]:
    """The committed baseline package (not on the project's path: it is generated code)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(ROOT / BASELINE_OUT))
        yield importlib.import_module(BASELINE_PACKAGE)


def test_sync_stream_is_retried_over_one_connection(baseline: Any) -> None:
    app = Flaky(failures=2)
    slept: list[float] = []
    with serve_in_thread(app) as url:
        transport = httpx.HTTPTransport(limits=ONE_CONNECTION)
        with baseline.BaselineClient(token="t", base_url=url, transport=transport, timeout=POOL_WAIT) as client:
            client._sleep = slept.append
            with client.events.stream_events() as stream:
                assert stream.status_code == 200
                assert b"".join(stream.iter_bytes()) == EVENTS
    assert slept == [0.0, 0.0]
    assert len(app.peers) == 3
    assert len(set(app.peers)) == 1  # each error answer was read, so its connection was reused


def test_async_stream_is_retried_over_one_connection(baseline: Any) -> None:
    app = Flaky(failures=2)
    slept: list[float] = []

    async def record(seconds: float) -> None:
        slept.append(seconds)

    async def call(url: str) -> bytes:
        transport = httpx.AsyncHTTPTransport(limits=ONE_CONNECTION)
        async with baseline.AsyncBaselineClient(
            token="t", base_url=url, transport=transport, timeout=POOL_WAIT
        ) as client:
            client._sleep = record
            async with await client.events.stream_events() as stream:
                assert stream.status_code == 200
                return b"".join([chunk async for chunk in stream.iter_bytes()])

    with serve_in_thread(app) as url:
        assert asyncio.run(call(url)) == EVENTS
    assert slept == [0.0, 0.0]
    assert len(app.peers) == 3
    assert len(set(app.peers)) == 1


def test_the_last_error_answer_of_a_stream_is_read_into_the_exception(baseline: Any) -> None:
    app = Flaky(failures=5)
    with serve_in_thread(app) as url, baseline.BaselineClient(token="t", base_url=url, max_retries=1) as client:
        client._sleep = lambda seconds: None
        with pytest.raises(baseline.InternalServerError) as caught:
            client.events.stream_events()
    assert caught.value.body.message == "busy"  # the `default` response's Error model, from both chunks
    assert len(app.peers) == 2
