"""The client against a real local HTTP server that misbehaves on purpose (the mock's faults).

Retries are recorded instead of slept (tests.support.Caller), so the timing of the server's
Retry-After is checked without waiting for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections import Counter
from collections.abc import Iterator
from typing import cast

import pytest

from contract_tests.mock import Faults, create_app
from contract_tests.mock.serve import serve_in_thread
from kinbox_client import (
    APIConnectionError,
    APITimeoutError,
    AsyncKinboxClient,
    InternalServerError,
    KinboxClient,
    RateLimitError,
)
from kinbox_client.models import Contact, ContactUpdate
from tests.support import TOKEN, Caller

DOCUMENTED_TRANSIENT = (RateLimitError, InternalServerError, APIConnectionError)


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return cast(str, request.param)


@contextlib.contextmanager
def serve(faults: Faults) -> Iterator[tuple[str, dict[str, int]]]:
    """The mock with `faults`, over HTTP: its URL and the count of faults it injected."""
    app, _ = create_app(token=TOKEN, faults=faults)
    injected = getattr(app, "injected", {})
    with serve_in_thread(app) as url:
        yield url, injected


def test_429_with_retry_after_is_honoured_then_surfaced(mode: str) -> None:
    with serve(Faults(rate_429=1.0, retry_after="2")) as (url, injected):
        with Caller(mode, None, base_url=url) as caller, pytest.raises(RateLimitError) as caught:
            caller.update(1001, ContactUpdate(name="x"))
        assert caught.value.retry_after == 2.0
        assert caller.slept == [2.0, 2.0]
        assert injected["429"] == 3


def test_503s_are_retried_then_surfaced(mode: str) -> None:
    with serve(Faults(rate_503=1.0)) as (url, injected):
        with Caller(mode, None, base_url=url, max_retries=4) as caller, pytest.raises(InternalServerError):
            caller.update(1001, ContactUpdate())
        assert injected["503"] == 5
        assert len(caller.slept) == 4


def test_dropped_connections_are_retried_then_surfaced(mode: str) -> None:
    with serve(Faults(rate_drop=1.0)) as (url, injected):
        with Caller(mode, None, base_url=url) as caller, pytest.raises(APIConnectionError) as caught:
            caller.update(1001, ContactUpdate())
        assert type(caught.value) is APIConnectionError
        assert injected["drop"] == 3


def test_slow_responses_time_out(mode: str) -> None:
    with serve(Faults(latency=0.5)) as (url, _), Caller(mode, None, base_url=url, max_retries=0) as caller:
        with pytest.raises(APITimeoutError):
            caller.update(1001, ContactUpdate(), timeout=0.1)
        assert caller.update(1001, ContactUpdate(name="patient"), timeout=5.0).name == "patient"


FLAKY = Faults(rate_429=0.1, retry_after="0", rate_503=0.1, rate_drop=0.1, seed=7)  # 30% transient failures


@pytest.mark.slow
def test_a_thousand_updates_through_a_flaky_server_all_end_applied(mode: str) -> None:
    with serve(FLAKY) as (url, injected):
        with Caller(mode, None, base_url=url, max_retries=10) as caller:
            if mode == "sync":
                results = [caller.update(1002, ContactUpdate(notes=f"update {i}")).notes for i in range(1000)]
            else:
                client = cast(AsyncKinboxClient, caller.client)

                async def run_all() -> list[str | None]:
                    limit = asyncio.Semaphore(20)

                    async def one(i: int) -> str | None:
                        async with limit:
                            contact = await client.update_contact(1002 + i % 2, ContactUpdate(notes=f"update {i}"))
                            return cast(str | None, contact.notes)

                    return await asyncio.gather(*(one(i) for i in range(1000)))

                results = caller.run(run_all())
        assert results == [f"update {i}" for i in range(1000)]
        assert sum(injected.values()) >= 300  # the server really failed about 30% of attempts


@pytest.mark.slow
def test_when_retries_run_out_only_documented_exceptions_escape(mode: str) -> None:
    with serve(FLAKY) as (url, injected):
        outcomes: list[str] = []
        with Caller(mode, None, base_url=url, max_retries=0) as caller:
            for i in range(300):
                try:
                    caller.update(1001, ContactUpdate(notes=f"try {i}"))
                    outcomes.append("ok")
                except DOCUMENTED_TRANSIENT as exc:
                    outcomes.append(type(exc).__name__)
        assert outcomes.count("ok") > 150
        assert {"RateLimitError", "InternalServerError", "APIConnectionError"} <= set(outcomes)
        assert sum(injected.values()) == 300 - outcomes.count("ok")


def test_one_sync_client_shared_by_threads() -> None:
    app, mock = create_app(token=TOKEN)
    with serve_in_thread(app) as url, KinboxClient(token=TOKEN, base_url=url) as client:
        errors: list[BaseException] = []

        def worker(n: int) -> None:
            try:
                for i in range(40):
                    contact = client.update_contact(1001, ContactUpdate(notes=f"{n}-{i}"))
                    assert contact.notes == f"{n}-{i}"
            except BaseException as exc:  # collected and re-checked below
                errors.append(exc)

        threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    final = mock.store.get("1001")
    assert final is not None
    assert final["notes"].endswith("-39")


def test_one_async_client_shared_by_tasks() -> None:
    app, _ = create_app(token=TOKEN)

    async def scenario(url: str) -> list[Contact]:
        async with AsyncKinboxClient(token=TOKEN, base_url=url) as client:
            return await asyncio.gather(
                *(client.update_contact(1003, ContactUpdate(notes=f"task {i}")) for i in range(200))
            )

    with serve_in_thread(app) as url:
        contacts = asyncio.run(scenario(url))
    assert Counter(c.notes for c in contacts) == Counter(f"task {i}" for i in range(200))
    assert len({c.last_update_at for c in contacts}) == 200
