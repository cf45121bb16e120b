"""Load generators: wrk with a Lua script when it is installed, else an asyncio client.

Both run in a process of their own, keep `connections` keep-alive connections busy for
`duration` seconds after a warm-up, send the same request (a PATCH unless told) and report requests, requests per
second, p50/p99 latency and how many answers were not 200.

`python -m bench.loadgen URL --connections N --duration S [--warmup S] [--method M] --body JSON --header 'K: V'`
is the asyncio client: raw streams, one coroutine per connection, Content-Length bodies.
"""

from __future__ import annotations

import abc
import argparse
import asyncio
import json
import math
import re
import shlex
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Load:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    not_ok: int  # answers other than 2xx (wrk: >= 400), plus socket errors and timeouts

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class Request:
    url: str
    body: bytes
    headers: dict[str, str]
    method: str = "PATCH"

    def raw(self) -> bytes:
        parts = urlsplit(self.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        head = [f"{self.method} {target} HTTP/1.1", f"Host: {parts.netloc}"]
        head += [f"{name}: {value}" for name, value in self.headers.items()]
        head.append(f"Content-Length: {len(self.body)}")
        return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + self.body


class LoadGenerator(abc.ABC):
    name = "abstract"

    @abc.abstractmethod
    def command(self, request: Request, connections: int, duration: float) -> list[str]:
        """The command line that runs this load, as a user would type it."""

    @abc.abstractmethod
    def run(self, request: Request, connections: int, duration: float, warmup: float) -> Load:
        """Keep `connections` connections busy for `duration` s after `warmup` s; what was measured."""


# -- wrk -----------------------------------------------------------------------------------------

_LUA_DONE = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH-RESULT %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), e.status + e.connect + e.read + e.write + e.timeout))
end
"""


def lua_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'"


class Wrk(LoadGenerator):
    """wrk, one thread (the other core is the server's), with a Lua script for the PATCH."""

    name = "wrk"

    def __init__(self, path: Path) -> None:
        self.path = path

    def script(self, request: Request) -> str:
        lines = [f"wrk.method = {lua_string(request.method)}", f"wrk.body = {lua_string(request.body.decode('utf-8'))}"]
        lines += [f"wrk.headers[{lua_string(name)}] = {lua_string(value)}" for name, value in request.headers.items()]
        return "\n".join(lines) + "\n" + _LUA_DONE

    def command(self, request: Request, connections: int, duration: float, script: str = "SCRIPT.lua") -> list[str]:
        seconds = max(1, math.ceil(duration))  # wrk counts whole seconds
        return [
            str(self.path),
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "5s",
            "-s",
            script,
            request.url,
        ]

    def run(self, request: Request, connections: int, duration: float, warmup: float) -> Load:
        with tempfile.NamedTemporaryFile("w", suffix=".lua", encoding="utf-8") as script:
            script.write(self.script(request))
            script.flush()
            if warmup > 0:
                self._wrk(self.command(request, connections, warmup, script.name))
            return self._wrk(self.command(request, connections, duration, script.name))

    def _wrk(self, command: list[str]) -> Load:
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
        match = re.search(r"BENCH-RESULT (\d+) (\d+) (\d+) (\d+) (\d+)", done.stdout)
        if done.returncode != 0 or match is None:
            raise RuntimeError(f"wrk failed ({done.returncode}): {(done.stdout + done.stderr).strip()[-300:]}")
        requests, micros, p50, p99, errors = map(int, match.groups())
        return Load(requests, micros / 1e6, p50 / 1e3, p99 / 1e3, errors)


# -- the asyncio client ---------------------------------------------------------------------------


class AsyncioClient(LoadGenerator):
    """This module run as a child process."""

    name = "asyncio client (bench.loadgen)"

    def command(self, request: Request, connections: int, duration: float, warmup: float = 0) -> list[str]:
        command = [sys.executable, "-m", "bench.loadgen", request.url, "--connections", str(connections)]
        command += ["--method", request.method]
        command += ["--duration", str(duration), "--warmup", str(warmup), "--body", request.body.decode("utf-8")]
        for name, value in request.headers.items():
            command += ["--header", f"{name}: {value}"]
        return command

    def run(self, request: Request, connections: int, duration: float, warmup: float) -> Load:
        root = Path(__file__).resolve().parent.parent
        command = self.command(request, connections, duration, warmup)
        done = subprocess.run(
            command, capture_output=True, text=True, check=False, timeout=120 + duration + warmup, cwd=root
        )
        if done.returncode != 0:
            raise RuntimeError(f"the load generator failed: {done.stderr.strip()[-300:]}")
        return Load(**json.loads(done.stdout))


async def _connection(request: Request, until: float, latencies: list[float], statuses: Counter[int]) -> None:
    parts = urlsplit(request.url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    payload = request.raw()
    try:
        while (started := time.perf_counter()) < until:
            writer.write(payload)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            match = re.search(rb"(?im)^content-length:\s*(\d+)", head)
            if match is None:
                raise RuntimeError("the server answered without Content-Length")
            await reader.readexactly(int(match.group(1)))
            latencies.append(time.perf_counter() - started)
            statuses[status] += 1
    finally:
        writer.close()


async def _drive(request: Request, connections: int, seconds: float) -> tuple[list[float], Counter[int], float]:
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    started = time.perf_counter()
    until = started + seconds
    await asyncio.gather(*(_connection(request, until, latencies, statuses) for _ in range(connections)))
    return latencies, statuses, time.perf_counter() - started


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return math.nan
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def measure(request: Request, connections: int, duration: float, warmup: float) -> Load:
    if warmup > 0:
        asyncio.run(_drive(request, connections, warmup))
    latencies, statuses, elapsed = asyncio.run(_drive(request, connections, duration))
    not_ok = sum(count for status, count in statuses.items() if not 200 <= status < 300)
    return Load(len(latencies), elapsed, percentile(latencies, 0.5) * 1e3, percentile(latencies, 0.99) * 1e3, not_ok)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.loadgen", description=__doc__)
    parser.add_argument("url")
    parser.add_argument("--connections", type=int, default=1)
    parser.add_argument("--duration", type=float, default=5.0)
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument("--method", default="PATCH")
    parser.add_argument("--body", default="{}")
    parser.add_argument("--header", action="append", default=[])
    args = parser.parse_args(argv)
    headers = dict(h.split(": ", 1) for h in args.header)
    request = Request(args.url, args.body.encode("utf-8"), headers, args.method)
    load = measure(request, args.connections, args.duration, args.warmup)
    print(json.dumps(asdict(load)))
    return 0


def describe(generator: LoadGenerator, request: Request, connections: int, duration: float) -> str:
    return shlex.join(generator.command(request, connections, duration))


if __name__ == "__main__":
    sys.exit(main())
