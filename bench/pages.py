"""Per-item cost of iterating pages: a paged list method vs raw httpx walking the same pages.

The paged operation is `contacts.list_recent_contacts` of the baseline golden package
(`tests/golden/baseline/`, offset style, `total` in the body): the Kinbox package has no list
operation of its own to page through. Both sides walk `ITEMS` contacts in pages of `PAGE_SIZE`
through one `httpx.MockTransport` answering pre-encoded pages, so the figure is client cost
only. Raw httpx sends the same requests (checked), `json.loads` each page and follows
`offset` until `total`; ours parses each page into models and yields `Contact`s.
"""

from __future__ import annotations

import asyncio
import functools
import importlib.util
import json
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl

import httpx

from .core import ROOT, Goal, Stat, Table, interleave, micros, ratios, times
from .wire import capturing, wire_headers

BASELINE = ROOT / "tests" / "golden" / "baseline"
if importlib.util.find_spec("baseline_client") is None:  # the committed golden package
    sys.path.insert(0, str(BASELINE))

from baseline_client import AsyncBaselineClient, BaselineClient  # noqa: E402 - found through the path above

TOKEN = "bench-token"  # noqa: S105 - a throwaway token for an in-process transport
BASE_URL = "http://bench"
PATH = "/contacts/recent"
ITEMS = 200
PAGE_SIZE = 50
LIMIT = 1.5  # goal: at most this many times raw httpx's time per item
CONTACTS = [{"id": n, "name": f"Contact {n}", "kind": "lead", "email": f"c{n}@bench.test"} for n in range(ITEMS)]
PAGES = {
    offset: json.dumps({"total": ITEMS, "data": CONTACTS[offset : offset + PAGE_SIZE]}, separators=(",", ":")).encode()
    for offset in range(0, ITEMS + PAGE_SIZE, PAGE_SIZE)
}


def answer(request: httpx.Request) -> httpx.Response:
    query = dict(parse_qsl(request.url.query.decode()))
    body = PAGES[int(query.get("offset", "0"))]
    return httpx.Response(200, content=body, headers={"content-type": "application/json"})


def list_once(transport: httpx.MockTransport) -> None:
    """The first page, once: what `wire_headers` captures."""
    with BaselineClient(token=TOKEN, base_url=BASE_URL, transport=transport) as client:
        client.contacts.list_recent_contacts(limit=PAGE_SIZE)


def raw_walk(get: Callable[[dict[str, int]], httpx.Response]) -> int:
    """Every item, page by page, as a hand-written loop over raw httpx would: until `total` is passed."""
    seen, offset, params = 0, 0, {"limit": PAGE_SIZE}
    while True:
        page = json.loads(get(params).content)
        for _item in page["data"]:
            seen += 1
        offset += len(page["data"])
        if not page["data"] or offset >= page["total"]:
            return seen
        params = {"offset": offset, "limit": PAGE_SIZE}


Walk = Callable[[int], float]  # walks -> µs per item


def sync_walks(transport: httpx.BaseTransport, headers: dict[str, str]) -> tuple[Walk, Walk, Callable[[], None]]:
    ours = BaselineClient(token=TOKEN, base_url=BASE_URL, transport=transport)
    raw = httpx.Client(base_url=BASE_URL, transport=transport, headers=headers)

    def ours_walk() -> int:
        return sum(1 for _contact in ours.contacts.list_recent_contacts(limit=PAGE_SIZE))

    def raw_get(params: dict[str, int]) -> httpx.Response:
        return raw.get(PATH, params=params)

    def timed(walk: Callable[[], int]) -> Walk:
        def measure(walks: int) -> float:
            started = time.perf_counter()
            items = sum(walk() for _ in range(walks))
            return (time.perf_counter() - started) / items * 1e6

        return measure

    def close() -> None:
        ours.close()
        raw.close()

    return timed(ours_walk), timed(functools.partial(raw_walk, raw_get)), close


def async_walks(transport: httpx.AsyncBaseTransport, headers: dict[str, str]) -> tuple[Walk, Walk, Callable[[], None]]:
    runner = asyncio.Runner()
    ours = AsyncBaselineClient(token=TOKEN, base_url=BASE_URL, transport=transport)
    raw = httpx.AsyncClient(base_url=BASE_URL, transport=transport, headers=headers)

    async def ours_walk() -> int:
        return len([_contact async for _contact in ours.contacts.list_recent_contacts(limit=PAGE_SIZE)])

    async def raw_walk_async() -> int:
        seen, offset, params = 0, 0, {"limit": PAGE_SIZE}
        while True:
            page = json.loads((await raw.get(PATH, params=params)).content)
            for _item in page["data"]:
                seen += 1
            offset += len(page["data"])
            if not page["data"] or offset >= page["total"]:
                return seen
            params = {"offset": offset, "limit": PAGE_SIZE}

    def timed(walk: Callable[[], Awaitable[int]]) -> Walk:
        async def loop(walks: int) -> float:
            started = time.perf_counter()
            items = 0
            for _ in range(walks):
                items += await walk()
            return (time.perf_counter() - started) / items * 1e6

        return lambda walks: runner.run(loop(walks))

    def close() -> None:
        runner.run(ours.close())
        runner.run(raw.aclose())
        runner.close()

    return timed(ours_walk), timed(raw_walk_async), close


def same_wire_requests(headers: dict[str, str]) -> bool:
    """Both sides send the same requests, page for page: method, URL, headers."""
    transport, seen = capturing(answer)
    ours, raw, close = sync_walks(transport, headers)
    ours(1)
    ours_requests = list(seen)
    seen.clear()
    raw(1)
    close()

    def key(request: httpx.Request) -> tuple[Any, ...]:
        return request.method, str(request.url), sorted(request.headers.multi_items())

    return [key(r) for r in ours_requests] == [key(r) for r in seen]


def run(*, rounds: int, calls: int) -> tuple[Table, list[Goal], list[str]]:
    """The table, goals and notes of the page-iteration figures, for the client section."""
    headers = wire_headers(answer, list_once)
    walks = max(1, calls // 100)
    table = Table(["paged iteration", "mode", "ours per item", "raw httpx per item", "ratio", "overhead per item"])
    goals: list[Goal] = []
    setups: list[tuple[str, Callable[[], tuple[Walk, Walk, Callable[[], None]]]]] = [
        ("sync", lambda: sync_walks(httpx.MockTransport(answer), headers)),
        ("async", lambda: async_walks(httpx.MockTransport(answer), headers)),
    ]
    for mode, make in setups:
        ours, raw, close = make()
        try:
            ours(1)  # warm-up: caches, code paths
            raw(1)
            results = interleave(
                rounds, [("ours", functools.partial(ours, walks)), ("raw", functools.partial(raw, walks))]
            )
        finally:
            close()
        ratio = ratios(results["ours"], results["raw"])
        overhead = Stat.of(a - b for a, b in zip(results["ours"], results["raw"], strict=True))
        table.add(
            f"{ITEMS} contacts, pages of {PAGE_SIZE}, MockTransport",
            mode,
            Stat.of(results["ours"]).show(fractional_micros),
            Stat.of(results["raw"]).show(fractional_micros),
            ratio.show(times),
            overhead.show(fractional_micros),
        )
        goals.append(
            Goal(
                f"paged iteration at most {LIMIT}× raw httpx per item, {mode}", ratio.median <= LIMIT, ratio.show(times)
            )
        )
    notes = [
        f"Paged iteration: `for contact in client.contacts.list_recent_contacts(limit={PAGE_SIZE})` of the baseline "
        f"golden package ({ITEMS} `Contact` models, {ITEMS // PAGE_SIZE} requests, the last page ends at `total`) "
        f"vs raw httpx following `offset` and `json.loads`-ing each page; {walks} walks per round. Same requests from "
        "both sides: " + ("yes, checked." if same_wire_requests(headers) else "**no**: see bench/pages.py."),
        "What bounds paged iteration: parsing each page into `Contact` models (pydantic-core's `validate_json`, "
        "about 6 µs an item of the baseline's 17-field `Contact` in a profile), not the paging itself (one page "
        "object and one short list comparison per page).",
    ]
    return table, goals, notes


def fractional_micros(value: float) -> str:
    return f"{value:.1f} µs" if value < 100 else micros(value)
