"""Over HTTP the contract suite reuses one pool of connections per run, and it changes nothing else.

The server here notes which client connection (address and port) each request came on, so
reuse is seen from the server's side, where it matters. Rate-limit resends still go through
the manners, a cookie one answer sets never reaches another request, and parallel requests
still arrive in parallel.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import schemathesis

from contract_tests.concurrency import WIDTH
from contract_tests.contract import SPEC_PATH, Contract
from contract_tests.manners import Manners
from contract_tests.mock import MockKinbox
from contract_tests.mock.serve import serve_in_thread
from contract_tests.mock.types import ASGIApp, Receive, Scope, Send
from contract_tests.modes import SCRATCH
from contract_tests.report import Report
from contract_tests.session import Session, connection_pool
from contract_tests.suite import OPERATION_PATH
from contract_tests.target import Target

TOKEN = "connections-token"


class Observed:
    """Records each request's client connection and Cookie header; every `limit_every`-th is a 429."""

    def __init__(self, app: ASGIApp, *, limit_every: int = 0) -> None:
        self.app, self.limit_every = app, limit_every
        self.clients: list[tuple[str, int]] = []
        self.cookies: list[bytes | None] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.clients.append(tuple(scope["client"]))
        self.cookies.append(dict(scope["headers"]).get(b"cookie"))
        if self.limit_every and len(self.clients) % self.limit_every == 0:
            body = json.dumps({"code": "rate_limited", "message": "Slow down."}).encode()
            headers = [(b"content-type", b"application/json"), (b"retry-after", b"0")]
            await send({"type": "http.response.start", "status": 429, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return

        async def with_cookie(message: Any) -> None:
            if message["type"] == "http.response.start":  # an answer that tries to start a client-side state
                message = {**message, "headers": [*message["headers"], (b"set-cookie", b"sid=from-the-server")]}
            await send(message)

        await self.app(scope, receive, with_cookie)


@pytest.fixture
def served() -> Iterator[tuple[Observed, Session]]:
    server = Observed(MockKinbox(token=TOKEN), limit_every=3)
    with serve_in_thread(server) as url, connection_pool(over_http=True) as http:
        schema = schemathesis.openapi.from_path(str(SPEC_PATH))
        schema.config.update(base_url=url)
        target = Target("pooled", TOKEN, 1001, base_url=url, mode=SCRATCH)
        report = Report(target=target.name, mode=target.mode, scope=target.scope)
        session = Session(target, schema[OPERATION_PATH]["PATCH"], Contract(), report, Manners(sleep=lambda _: None))
        session.http = http
        yield server, session


def test_requests_of_a_run_share_one_connection(served: tuple[Observed, Session]) -> None:
    """Before, schemathesis opened a connection per request: six requests came from six ports."""
    server, session = served
    reads = [session.readback() for _ in range(6)]
    assert all(isinstance(read, dict) for read in reads)
    assert len(server.clients) == 8  # six reads; the 3rd and 6th requests were answered 429 and resent
    assert len(set(server.clients)) == 1


def test_rate_limits_are_still_waited_out_on_the_pool(served: tuple[Observed, Session]) -> None:
    _, session = served
    for _ in range(6):
        assert session.readback() is not None
    assert session.manners.retries[429] == 2  # the 3rd and 6th requests
    assert session.statuses[429] == 0  # every 429 was resent before anything saw it


def test_no_cookie_an_answer_sets_reaches_another_request(served: tuple[Observed, Session]) -> None:
    server, session = served
    for _ in range(3):
        session.readback()
    assert server.cookies == [None] * len(server.cookies)


def test_parallel_requests_still_arrive_on_connections_of_their_own(served: tuple[Observed, Session]) -> None:
    server, session = served
    server.limit_every = 0
    case = session.patch(session.target.contact_id, {}, session.auth)
    with ThreadPoolExecutor(max_workers=WIDTH) as pool:
        answers = list(pool.map(lambda _: session.send(case, "concurrent").status_code, range(WIDTH * 4)))
    assert answers == [200] * (WIDTH * 4)
    assert 1 < len(set(server.clients)) <= WIDTH  # parallel, and no more connections than requests at once


def test_in_process_runs_have_no_pool() -> None:
    with connection_pool(over_http=False) as http:
        assert http is None
