"""Contract-test speed: our server contract suite vs schemathesis' own CLI (`st run`).

Ours runs `contract_tests.suite.run` in this process against the mock in-process (ASGI) and
over HTTP against a fresh mock subprocess; `st run` tests the same spec against a fresh mock
subprocess (the CLI only reaches servers over HTTP). Both use the same examples count and
seed, all of schemathesis' checks, one worker. Over HTTP, the requests are counted by the
server (its `x-request-id` counter), so both sides are counted in the same unit.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from contract_tests.mock import create_app
from contract_tests.modes import SCRATCH
from contract_tests.suite import Target
from contract_tests.suite import run as run_suite

from .core import ROOT, SPEC, Goal, Section, Stat, Table, interleave, per_second, ratios, seconds, shown, times
from .proc import free_port, run_child, serve

TOKEN = "bench-token"  # noqa: S105 - a throwaway token for local servers
CONTACT_ID = 1001
GOAL_IN_PROCESS = 150.0


@dataclass(frozen=True)
class Speed:
    cases: int  # test cases, as the runner counts them (ours: cases sent, without read-backs; st: cases generated)
    requests: int  # requests the server answered: cases plus those some checks send (ignored_auth, ...)
    seconds: float  # the runner's own timer: the test run, after loading the spec
    wall: float  # the whole run: spec loading included (for st, the whole process)

    @property
    def rate(self) -> float:
        return self.cases / self.seconds if self.seconds else 0.0

    @property
    def request_rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


class Counted:
    """An ASGI app that counts the HTTP requests it answers (the in-process twin of `x-request-id`)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.requests = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            self.requests += 1
        await self.app(scope, receive, send)


def mock_command(port: int | str) -> list[str]:
    return [sys.executable, "-m", "contract_tests.mock", "--port", str(port), "--token", TOKEN]


def count(value: float) -> str:
    return f"{value:.0f}"


def served_requests(url: str) -> int:
    """How many requests the mock has answered so far, from its `x-request-id` counter (this one included)."""
    response = httpx.patch(f"{url}/v3/contacts/{CONTACT_ID}", json={}, headers={"Authorization": f"Bearer {TOKEN}"})
    return int(response.headers["x-request-id"].rsplit("-", 1)[1])


def st_path() -> str:
    beside = Path(sys.executable).with_name("st")
    return str(beside) if beside.exists() else (shutil.which("st") or "st")


def st_command(url: str, examples: int, seed: int) -> list[str]:
    return [
        st_path(), "run", str(SPEC), "--url", url, "--header", f"Authorization: Bearer {TOKEN}",
        "--checks", "all", "--max-examples", str(examples), "--seed", str(seed), "--workers", "1",
        "--phases", "examples,coverage,fuzzing", "--no-color",
    ]  # fmt: skip


def ours_in_process(examples: int, seed: int) -> Speed:
    app = Counted(create_app(token=TOKEN)[0])
    started = time.perf_counter()
    report = run_suite(
        Target("mock-inprocess", TOKEN, CONTACT_ID, app=app, mode=SCRATCH), examples=examples, seed_value=seed
    )
    wall = time.perf_counter() - started
    _conforms(report.broken, "in-process")
    return Speed(report.tested, app.requests, report.elapsed, wall)


def ours_http(examples: int, seed: int) -> Speed:
    port = free_port()
    with serve(mock_command(port), port, cwd=ROOT) as url:
        before = served_requests(url)
        started = time.perf_counter()
        report = run_suite(
            Target("mock-http", TOKEN, CONTACT_ID, base_url=url, mode=SCRATCH), examples=examples, seed_value=seed
        )
        wall = time.perf_counter() - started
        requests = served_requests(url) - before - 1
    _conforms(report.broken, "over HTTP")
    return Speed(report.tested, requests, report.elapsed, wall)


def st_http(examples: int, seed: int) -> Speed:
    port = free_port()
    with serve(mock_command(port), port, cwd=ROOT) as url, tempfile.TemporaryDirectory() as scratch:
        before = served_requests(url)
        done = run_child(st_command(url, examples, seed), cwd=Path(scratch), timeout=600)
        requests = served_requests(url) - before - 1
    timers = re.findall(r" in (\d+(?:\.\d+)?)s\b", done.output)
    generated = re.search(r"(\d+) generated", done.output)
    if done.returncode not in (0, 1) or not timers or generated is None:
        raise RuntimeError(f"st run failed ({done.returncode}): {done.last_line()}")
    return Speed(int(generated.group(1)), requests, float(timers[-1]), done.wall)


def _conforms(broken: list[str], where: str) -> None:
    if broken:
        raise RuntimeError(f"the contract suite found the mock broken {where}: {', '.join(broken)}")


def run(*, rounds: int, examples: int, seed: int = 0, warmup: bool = True) -> Section:
    contenders: list[tuple[str, Callable[[], Speed]]] = [
        ("ours-inprocess", lambda: ours_in_process(examples, seed)),
        ("ours-http", lambda: ours_http(examples, seed)),
        ("st-http", lambda: st_http(examples, seed)),
    ]
    for _, measure in contenders if warmup else ():  # warm-up: imports, schemathesis' caches, the OS cache
        measure()
    results = interleave(rounds, contenders)
    labels = {
        "ours-inprocess": ("our suite (`contract_tests.suite.run`)", "mock in-process (ASGI)"),
        "ours-http": ("our suite (`contract_tests.suite.run`)", "mock over HTTP (uvicorn subprocess)"),
        "st-http": ("`st run` (schemathesis CLI)", "mock over HTTP (uvicorn subprocess)"),
    }
    section = Section(
        "Contract-test speed: our suite vs `st run`",
        f"Test cases per second with `--max-examples`/`examples={examples}`, seed {seed}, all checks, one "
        f'worker; median (min–max) over {rounds} interleaved rounds after a warm-up. "Run time" is each runner\'s '
        'own timer (after loading the spec); "wall" includes loading the spec (for `st`, its whole process: '
        "interpreter start, imports, API probing). Cases are each runner's own count (ours: the cases it sends, not the read-backs and restores around them; "
        '`st`: "N generated"); requests are counted by the server (in-process: by a counting ASGI wrapper), and '
        "include those some checks send themselves (`ignored_auth`, ...). Ratios are ours / `st run` per round, in "
        "cases per second on the runners' own timers.",
    )
    table = Table(
        [
            "runner",
            "target",
            "cases",
            "requests",
            "run time",
            "cases/s",
            "requests/s",
            "wall",
            "cases/s by wall",
            "vs st run",
        ]
    )
    section.tables.append(table)
    st_rates = [speed.rate for speed in results["st-http"]]
    for key, speeds in results.items():
        runner, target = labels[key]
        versus = ratios([s.rate for s in speeds], st_rates).show(times) if key != "st-http" else "1.00×"
        table.add(
            runner,
            target,
            Stat.of(s.cases for s in speeds).show(count),
            Stat.of(s.requests for s in speeds).show(count),
            Stat.of(s.seconds for s in speeds).show(seconds),
            Stat.of(s.rate for s in speeds).show(per_second),
            Stat.of(s.request_rate for s in speeds).show(per_second),
            Stat.of(s.wall for s in speeds).show(seconds),
            Stat.of(s.cases / s.wall for s in speeds).show(per_second),
            versus,
        )
    in_process = Stat.of(s.rate for s in results["ours-inprocess"])
    section.goals.append(
        Goal(
            f"at least {GOAL_IN_PROCESS:g} cases/s in-process",
            in_process.median >= GOAL_IN_PROCESS,
            f"{in_process.show(per_second)}",
        )
    )
    section.notes += [
        "Both generate positive and negative data: our suite runs schemathesis' coverage cases, then "
        "`examples` seeded random cases, then its probes of every field (limits, wrong types, fidelity, refused "
        "bodies) and three rounds of parallel PATCHes, then asks for a 404 and two 401s and restores the contact "
        "(scratch mode); every answer goes through all schemathesis checks plus the PATCH semantics, and each "
        "4xx and each accepted probe is followed by a read-back. `st run` runs its examples, coverage and "
        "fuzzing phases (stateful does not apply to one operation).",
        "`st run` cannot test an ASGI app in-process, so its only row is over HTTP; the mock is started fresh per "
        "measurement, with its response self-check on.",
    ]
    section.commands += [
        f"$PY -m bench --only contract  # our suite: contract_tests.suite.run(Target(...), examples={examples}, seed_value={seed})",
        shown(mock_command("PORT")) + "  # the mock, fresh for each HTTP run",
        shown(["st", *st_command("http://127.0.0.1:PORT", examples, seed)[1:]]),
    ]
    return section
