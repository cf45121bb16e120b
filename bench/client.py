"""Client overhead: `update_contact` vs raw httpx sending the same request and `json`-decoding the answer.

Both sides use one transport: an `httpx.MockTransport` answering a fixed contact (no network,
so the figure is pure client cost), and loopback to one `bench.servers fixed` process (a
minimal uvicorn app whose cost is the same for both). Raw httpx sends byte-for-byte the
request the generated client sends (checked), serializes its body with `json.dumps` and
decodes the answer with `json.loads`; the generated client builds a `ContactUpdate`,
validates and serializes it, and parses the answer into a `Contact` model.
"""

from __future__ import annotations

import asyncio
import functools
import importlib.util
import json
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx

from . import pages
from .core import GENERATED, ROOT, Goal, Section, Stat, Table, interleave, micros, ratios, times
from .proc import free_port, serve
from .servers import CONTACT
from .wire import capturing, wire_headers

if importlib.util.find_spec("kinbox_client") is None:  # the committed package, imported from its directory
    sys.path.insert(0, str(GENERATED))

from kinbox_client import AsyncKinboxClient, KinboxClient
from kinbox_client.models import ContactUpdate

TOKEN = "bench-token"  # noqa: S105 - a throwaway token for local servers
CONTACT_ID = 1001
PATH = f"/v3/contacts/{CONTACT_ID}"
LIMIT = 1.15


def answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=CONTACT, headers={"content-type": "application/json"})


def update_once(transport: httpx.MockTransport) -> None:
    """The call measured, once: what `wire_headers` captures."""
    with KinboxClient(token=TOKEN, base_url="http://bench", transport=transport) as client:
        client.update_contact(CONTACT_ID, ContactUpdate(name="Ana"))


@dataclass
class Pair:
    """One transport and mode: a call of ours and the raw equivalent, each timed over `calls` calls."""

    ours: Callable[[int], float]
    raw: Callable[[int], float]
    close: Callable[[], None]


def _timed(call: Callable[[], object]) -> Callable[[int], float]:
    def measure(calls: int) -> float:
        started = time.perf_counter()
        for _ in range(calls):
            call()
        return (time.perf_counter() - started) / calls * 1e6

    return measure


def sync_pair(base_url: str, transport: httpx.BaseTransport | None, headers: dict[str, str]) -> Pair:
    ours = KinboxClient(token=TOKEN, base_url=base_url, transport=transport)
    raw = httpx.Client(base_url=base_url, transport=transport, headers=headers)

    def ours_call() -> object:
        return ours.update_contact(CONTACT_ID, ContactUpdate(name="Ana"))

    def raw_call() -> object:
        return json.loads(raw.patch(PATH, content=json.dumps({"name": "Ana"}, separators=(",", ":")).encode()).content)

    def close() -> None:
        ours.close()
        raw.close()

    return Pair(_timed(ours_call), _timed(raw_call), close)


def async_pair(base_url: str, transport: httpx.AsyncBaseTransport | None, headers: dict[str, str]) -> Pair:
    runner = asyncio.Runner()
    ours = AsyncKinboxClient(token=TOKEN, base_url=base_url, transport=transport)
    raw = httpx.AsyncClient(base_url=base_url, transport=transport, headers=headers)

    async def ours_call() -> object:
        return await ours.update_contact(CONTACT_ID, ContactUpdate(name="Ana"))

    async def raw_call() -> object:
        response = await raw.patch(PATH, content=json.dumps({"name": "Ana"}, separators=(",", ":")).encode())
        return json.loads(response.content)

    def timed(call: Callable[[], Awaitable[object]]) -> Callable[[int], float]:
        async def loop(calls: int) -> float:
            started = time.perf_counter()
            for _ in range(calls):
                await call()
            return (time.perf_counter() - started) / calls * 1e6

        return lambda calls: runner.run(loop(calls))

    def close() -> None:
        runner.run(ours.close())
        runner.run(raw.aclose())
        runner.close()

    return Pair(timed(ours_call), timed(raw_call), close)


def same_wire_request(headers: dict[str, str]) -> bool:
    """Raw httpx's request equals the generated client's: method, URL, headers and body."""
    transport, seen = capturing(answer)
    pair = sync_pair("http://bench", transport, headers)
    pair.ours(1)
    pair.raw(1)
    pair.close()
    ours, raw = seen

    def key(request: httpx.Request) -> tuple[Any, ...]:
        return request.method, str(request.url), sorted(request.headers.multi_items()), request.content

    return key(ours) == key(raw)


def run(*, rounds: int, calls: int) -> Section:
    headers = wire_headers(answer, update_once)
    section = Section(
        "Client overhead: `update_contact` vs raw httpx",
        f'Time per call of `client.update_contact({CONTACT_ID}, ContactUpdate(name="Ana"))` (validate and '
        "serialize the body, send, check the status, parse a `Contact`) vs raw httpx sending the same request "
        "and `json.loads`-ing the answer. Median (min–max) over interleaved rounds of "
        f"{calls} calls each, after a warm-up; ratios are ours / raw per round.",
    )
    table = Table(["transport", "mode", "ours", "raw httpx", "ratio", "overhead per call"])
    section.tables.append(table)
    measured: list[tuple[str, Stat]] = []
    port = free_port()
    with serve([sys.executable, "-m", "bench.servers", "fixed", "--port", str(port)], port, cwd=ROOT) as url:
        setups: list[tuple[str, str, Callable[[], Pair]]] = [
            (
                "MockTransport (in-process)",
                "sync",
                lambda: sync_pair("http://bench", httpx.MockTransport(answer), headers),
            ),
            (
                "MockTransport (in-process)",
                "async",
                lambda: async_pair("http://bench", httpx.MockTransport(answer), headers),
            ),
            ("loopback, one uvicorn server", "sync", lambda: sync_pair(url, None, headers)),
            ("loopback, one uvicorn server", "async", lambda: async_pair(url, None, headers)),
        ]
        for transport, mode, make in setups:
            pair = make()
            try:
                pair.ours(max(1, calls // 5))  # warm-up: connections, caches, code paths
                pair.raw(max(1, calls // 5))
                results = interleave(
                    rounds, [("ours", functools.partial(pair.ours, calls)), ("raw", functools.partial(pair.raw, calls))]
                )
            finally:
                pair.close()
            ours, raw = Stat.of(results["ours"]), Stat.of(results["raw"])
            ratio = ratios(results["ours"], results["raw"])
            overhead = Stat.of(a - b for a, b in zip(results["ours"], results["raw"], strict=True))
            table.add(transport, mode, ours.show(micros), raw.show(micros), ratio.show(times), overhead.show(micros))
            measured.append((f"{transport}, {mode}", ratio))
    pages_table, pages_goals, pages_notes = pages.run(rounds=rounds, calls=calls)
    section.tables.append(pages_table)
    for name, ratio in measured:
        section.goals.append(
            Goal(f"at most {LIMIT}× raw httpx: {name}", ratio.median <= LIMIT, f"ratio {ratio.show(times)}")
        )
    section.notes.append(
        "Same wire request (method, URL, headers, body) from both sides: "
        + ("yes, checked." if same_wire_request(headers) else "**no**: the comparison is off, see bench/client.py.")
    )
    section.notes.append(
        "Loopback: one `python -m bench.servers fixed` process (uvicorn, configured as the mock is served, "
        "answering a fixed contact) serves both clients over one keep-alive connection each."
    )
    section.goals += pages_goals
    section.notes += pages_notes
    section.commands.append(f"$PY -m bench --only client  # {calls} calls per round, {rounds} rounds")
    return section
