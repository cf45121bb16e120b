"""Mock server throughput: our mock vs Stoplight Prism, valid PATCHes over loopback; then
List Contacts at limit 20 and 500 (over a store of `LISTED` contacts) and Create Contact.

Every measurement starts its server fresh on a free port, warms it up, then drives it for a
fixed time with one load generator in a separate process (wrk when installed, else
`bench.loadgen`), at 1, 4 and 16 keep-alive connections. Servers and connection counts are
interleaved round by round. A trivial asyncio server shows the load generator's own ceiling,
and a fixed-answer uvicorn app the ceiling of any app served as the mock is.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from .core import ROOT, SPEC, Goal, Section, Stat, Table, millis, per_second, ratios, shown, times
from .loadgen import AsyncioClient, Load, LoadGenerator, Request, Wrk
from .proc import free_port, serve
from .tools import Tools

TOKEN = "bench-token"  # noqa: S105 - a throwaway token for local servers
BODY = b'{"name":"Ana"}'
CONNECTIONS = (1, 4, 16)
GOAL_RATIO = 3.0
GOAL_P99_MS = 10.0
# The create and list table: the store holds this many contacts before a list is measured.
LISTED = 520
CREATE_BODY = json.dumps({"name": "Ana", "externalId": "bench-1", "origin": "bench"}).encode()


@dataclass(frozen=True)
class Scenario:
    key: str
    label: str
    method: str
    path: str
    body: bytes = b""


@dataclass(frozen=True)
class Server:
    key: str
    label: str
    command: Callable[[int], list[str]]
    connections: tuple[int, ...] = CONNECTIONS


@dataclass
class Series:
    loads: list[Load] = field(default_factory=list)
    error: str | None = None


def servers(tools: Tools, connections: tuple[int, ...]) -> list[Server]:
    python = sys.executable
    found = [
        Server(
            "trivial",
            "trivial asyncio server (load-generator ceiling)",
            lambda p: [python, "-m", "bench.servers", "trivial", "--port", str(p)],
            connections,
        ),
        Server(
            "fixed",
            "uvicorn, fixed answer (ceiling of the mock's HTTP stack)",
            lambda p: [python, "-m", "bench.servers", "fixed", "--port", str(p)],
            connections,
        ),
        Server(
            "ours",
            "**our mock: full** (request validation, state, response self-check)",
            lambda p: ours_command(str(p)),
            connections,
        ),
        Server(
            "ours-nocheck",
            "our mock, `--no-response-check` (request validation, state)",
            lambda p: [*ours_command(str(p)), "--no-response-check"],
            connections,
        ),
    ]
    if tools.prism is not None:
        prism = tools.prism
        found.append(Server("prism", "**Prism, `-v error`**", lambda p: prism_command(prism, str(p)), connections))
        found.append(
            Server(
                "prism-log",
                "Prism, default logging",
                lambda p: prism_command(prism, str(p), quiet=False),
                tuple(c for c in connections if c == 4) or connections[:1],
            )
        )
    return found


def ours_command(port: str) -> list[str]:
    return [sys.executable, "-m", "contract_tests.mock", "--port", port, "--token", TOKEN]


def prism_command(prism: Path, port: str, *, quiet: bool = True) -> list[str]:
    return [str(prism), "mock", "-h", "127.0.0.1", "-p", port, *(["-v", "error"] if quiet else []), str(SPEC)]


def request(url: str) -> Request:
    return Request(
        f"{url}/v3/contacts/1001", BODY, {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    )


def measure(server: Server, generator: LoadGenerator, connections: int, duration: float, warmup: float) -> Load:
    port = free_port()
    with serve(server.command(port), port, cwd=ROOT, env=None) as url:
        return generator.run(request(url), connections, duration, warmup)


def run(
    tools: Tools, *, rounds: int, duration: float, warmup: float, connections: tuple[int, ...] = CONNECTIONS
) -> Section:
    generator: LoadGenerator = Wrk(tools.wrk) if tools.wrk is not None else AsyncioClient()
    contenders = servers(tools, connections)
    results: dict[tuple[str, int], Series] = {(s.key, c): Series() for s in contenders for c in s.connections}
    for _ in range(rounds):
        for count in connections:
            for server in contenders:
                series = results.get((server.key, count))
                if series is None or series.error is not None:
                    continue
                try:
                    series.loads.append(measure(server, generator, count, duration, warmup))
                except RuntimeError as exc:
                    series.error = str(exc).splitlines()[0][:200]
    section = Section(
        "Mock server: our mock vs Prism",
        f"Valid `PATCH /v3/contacts/1001` with `{BODY.decode()}` and a bearer token over loopback, driven by "
        f"{generator.name} in a separate process for {duration:g} s per measurement after a {warmup:g} s warm-up, "
        f"each server started fresh; median (min–max) over {rounds} interleaved rounds. Ratios are ours (full) / "
        "Prism `-v error` per round.",
    )
    table = Table(["server", "connections", "throughput", "p50 latency", "p99 latency", "non-200", "vs Prism -v error"])
    section.tables.append(table)
    for count in connections:
        for server in contenders:
            series = results.get((server.key, count))
            if series is None:
                continue
            if series.error is not None or not series.loads:
                table.add(server.label, str(count), f"fails: {series.error}", "–", "–", "–", "–")
                continue
            loads = series.loads
            versus = "–"
            prism = results.get(("prism", count))
            if server.key in {"ours", "ours-nocheck"} and prism is not None and prism.loads and prism.error is None:
                versus = ratios([x.rps for x in loads], [x.rps for x in prism.loads]).show(times)
            table.add(
                server.label,
                str(count),
                Stat.of(x.rps for x in loads).show(per_second),
                Stat.of(x.p50_ms for x in loads).show(millis),
                Stat.of(x.p99_ms for x in loads).show(millis),
                str(sum(x.not_ok for x in loads)),
                versus,
            )
    resource_connections = 4 if 4 in connections else connections[0]
    section.tables.append(
        run_resource(
            tools, generator, rounds=rounds, duration=duration, warmup=warmup, connections=resource_connections
        )
    )
    section.goals += goals(results, connections, tools)
    section.notes += [
        "Prism answers the spec's example statelessly (nothing is stored, `lastUpdateAt` never moves); our mock "
        "validates the path, token and body against the spec's JSON Schema, applies the PATCH to its store under a "
        "lock, and (full, as `nox -s mock` serves it) checks its own answer against the spec before sending it. "
        "We count the self-check as part of full validation: it is on by default.",
        f"Second table: each operation at {resource_connections} connections, same rounds and durations. Before a "
        f"list is measured, our mock is filled to {LISTED} contacts over HTTP, so `limit=500` answers 500 "
        "contacts (about 100 KB), each validated by the self-check; a create stores a new contact every request, "
        "so the store grows during the run. Prism answers the spec's example whatever the query (one contact; "
        "nothing is created), so it does far less work per list request.",
        "Load generator: "
        + (
            f"`{tools.wrk}` (one thread, the other core is the server's)."
            if tools.wrk
            else "wrk is not installed: `bench.loadgen` (asyncio, raw streams, one process); its ceiling is the trivial-server row."
        ),
    ]
    if tools.prism is None:
        section.notes.append(
            "**Prism rows skipped**: Prism is not installed (npm unavailable, or `--prism` not given)."
        )
    example = request("http://127.0.0.1:PORT")
    section.commands += [
        shown(ours_command("PORT")) + "  # and with --no-response-check",
        shown(prism_command(Path("prism"), "PORT")) + "  # and without -v error",
        shown(generator.command(example, 4, duration)) + "  # -c1, -c4, -c16",
        *(
            shown(generator.command(scenario_request("http://127.0.0.1:PORT", s), resource_connections, duration))
            for s in SCENARIOS
        ),
    ]
    if isinstance(generator, Wrk):
        section.commands.append("# SCRIPT.lua:\n" + generator.script(example).strip())
    return section


SCENARIOS = (
    Scenario("list20", "List Contacts, `limit=20`", "GET", "/v3/contacts?limit=20"),
    Scenario("list500", "List Contacts, `limit=500`", "GET", "/v3/contacts?limit=500"),
    Scenario("create", "Create Contact", "POST", "/v3/contacts", CREATE_BODY),
)


def scenario_request(url: str, scenario: Scenario) -> Request:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    if scenario.body:
        headers["Content-Type"] = "application/json"
    return Request(f"{url}{scenario.path}", scenario.body, headers, scenario.method)


def fill(url: str, server: Server) -> None:
    """Create contacts until our mock holds `LISTED` (Prism stores nothing: it needs none)."""
    if server.key != "ours":
        return
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {TOKEN}"}) as client:
        have = client.get("/v3/contacts", params={"limit": 1}).json()["totalCount"]
        for index in range(LISTED - have):
            client.post("/v3/contacts", json={"name": f"Contact {index}"}).raise_for_status()


def run_resource(
    tools: Tools, generator: LoadGenerator, *, rounds: int, duration: float, warmup: float, connections: int
) -> Table:
    """Create and list, ours (full) vs Prism `-v error`, at one connection count, interleaved by round."""
    contenders = [s for s in servers(tools, (connections,)) if s.key in ("ours", "prism")]
    results: dict[tuple[str, str], Series] = {(s.key, c.key): Series() for s in contenders for c in SCENARIOS}
    for _ in range(rounds):
        for scenario in SCENARIOS:
            for server in contenders:
                series = results[(server.key, scenario.key)]
                if series.error is not None:
                    continue
                try:
                    port = free_port()
                    with serve(server.command(port), port, cwd=ROOT, env=None) as url:
                        fill(url, server)
                        series.loads.append(
                            generator.run(scenario_request(url, scenario), connections, duration, warmup)
                        )
                except (RuntimeError, httpx.HTTPError) as exc:
                    series.error = str(exc).splitlines()[0][:200]
    table = Table(["operation", "server", "throughput", "p50 latency", "p99 latency", "non-2xx", "vs Prism -v error"])
    for scenario in SCENARIOS:
        for server in contenders:
            series = results[(server.key, scenario.key)]
            if series.error is not None or not series.loads:
                table.add(scenario.label, server.label, f"fails: {series.error}", "–", "–", "–", "–")
                continue
            versus = "–"
            prism = results.get(("prism", scenario.key))
            if server.key == "ours" and prism is not None and prism.loads and prism.error is None:
                versus = ratios([x.rps for x in series.loads], [x.rps for x in prism.loads]).show(times)
            table.add(
                scenario.label,
                server.label,
                Stat.of(x.rps for x in series.loads).show(per_second),
                Stat.of(x.p50_ms for x in series.loads).show(millis),
                Stat.of(x.p99_ms for x in series.loads).show(millis),
                str(sum(x.not_ok for x in series.loads)),
                versus,
            )
    return table


def goals(results: dict[tuple[str, int], Series], connections: tuple[int, ...], tools: Tools) -> list[Goal]:
    found: list[Goal] = []
    ratio_text = f"at least {GOAL_RATIO:g}× Prism's throughput with full validation and state"
    measured = []
    for count in connections:
        ours, prism = results.get(("ours", count)), results.get(("prism", count))
        if ours and prism and ours.loads and prism.loads:
            measured.append((count, ratios([x.rps for x in ours.loads], [x.rps for x in prism.loads])))
    if measured:
        detail = ", ".join(f"{r.median:.2f}× at {c}" for c, r in measured)
        found.append(Goal(ratio_text, all(r.median >= GOAL_RATIO for _, r in measured), detail))
    else:
        found.append(Goal(ratio_text, None, "Prism not measured" if tools.prism is None else "no measurement"))
    ours4 = results.get(("ours", 4))
    if ours4 is not None and ours4.loads:
        p99 = Stat.of(x.p99_ms for x in ours4.loads)
        found.append(
            Goal(
                f"p99 under {GOAL_P99_MS:g} ms at 4 connections (full)",
                p99.median < GOAL_P99_MS,
                f"p99 {p99.show(millis)}",
            )
        )
    else:
        found.append(Goal(f"p99 under {GOAL_P99_MS:g} ms at 4 connections (full)", None, "4 connections not measured"))
    return found
