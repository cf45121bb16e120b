"""The benchmark harness cannot rot: each benchmark runs with tiny sizes and produces its table.

Nothing here asserts a timing. The anchors that need installing (openapi-python-client, Prism)
are left out unless BENCH_OPC / BENCH_PRISM name them; the mock benchmark uses the asyncio
load generator (always available), and wrk's driver is checked on its own when wrk is on PATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nox
import pytest

import noxfile
from bench import core
from bench.__main__ import BEGIN, END, write
from bench.generation import failure_reason
from bench.loadgen import Request, Wrk
from bench.proc import ChildRun, free_port, run_child, serve
from tests.helpers import ROOT

SECTIONS = (
    "### Generation: our generator vs openapi-python-client",
    "### Client overhead: `update_contact` vs raw httpx",
    "### Mock server: our mock vs Prism",
    "### Contract-test speed: our suite vs `st run`",
)


def test_quick_run_produces_every_table(tmp_path: Path) -> None:
    output = tmp_path / "RESULTS.md"
    output.write_text(f"# Kept above\n\n{BEGIN}\nold\n{END}\n\n## Kept below\n", encoding="utf-8")
    env = {**os.environ, "BENCH_OPC": os.environ.get("BENCH_OPC", ""), "BENCH_PRISM": os.environ.get("BENCH_PRISM", "")}
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--wrk", "", "--output", str(output)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    written = output.read_text(encoding="utf-8")
    assert written.startswith("# Kept above\n")
    assert written.rstrip().endswith("## Kept below")
    assert "\nold\n" not in written
    for text in (done.stdout, written):
        for heading in SECTIONS:
            assert heading in text
        for fact in ("**Date**", "**Machine**", "**Versions**", "**Command**"):
            assert fact in text
    kinbox_row = next(line for line in written.splitlines() if line.startswith("| `spec/kinbox.openapi.yaml` | "))
    assert not kinbox_row.split(" | ")[3].startswith("fails")  # our generator's wall time
    assert "| MockTransport (in-process) | sync | " in written
    assert "| 200 contacts, pages of 50, MockTransport | async | " in written
    assert "Same requests from both sides: yes" in written
    assert "| **our mock: full** (request validation, state, response self-check) | 1 | " in written
    assert "| trivial asyncio server (load-generator ceiling) | 1 | " in written
    assert "| `st run` (schemathesis CLI) | mock over HTTP (uvicorn subprocess) | " in written
    assert (
        "fails:"
        not in written.split("### Generation")[1]
        .split("###")[0]
        .split("openapi-python-client: peak RSS")[1]
        .split("\n")[2]
    )
    assert "Same wire request (method, URL, headers, body) from both sides: yes" in written


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed (the harness then uses bench.loadgen)")
def test_wrk_driver_reads_its_own_result() -> None:
    wrk = shutil.which("wrk")
    assert wrk is not None
    port = free_port()
    with serve([sys.executable, "-m", "bench.servers", "trivial", "--port", str(port)], port, cwd=ROOT) as url:
        load = Wrk(Path(wrk)).run(Request(url + "/x", b'{"a":1}', {"Content-Type": "application/json"}), 2, 1, 0)
    assert load.requests > 0
    assert load.not_ok == 0
    assert load.p50_ms <= load.p99_ms


def test_stats_and_interleaving() -> None:
    stat = core.Stat.of([3.0, 1.0, 2.0])
    assert (stat.median, stat.low, stat.high) == (2.0, 1.0, 3.0)
    assert stat.show(core.seconds) == "2.00 s (1.00 s–3.00 s)"
    assert core.ratios([2.0, 3.0], [1.0, 3.0]).values == (2.0, 1.0)
    order: list[str] = []
    core.interleave(2, [("a", lambda: order.append("a")), ("b", lambda: order.append("b"))])
    assert order == ["a", "b", "a", "b"]


def test_table_escapes_pipes_and_checks_width() -> None:
    table = core.Table(["a", "b"])
    table.add("x|y", "z")
    assert table.render().splitlines()[-1] == "| x\\|y | z |"
    with pytest.raises(ValueError, match="expected 2 cells"):
        table.add("only one")


def test_goal_verdicts() -> None:
    assert core.Goal("fast", True, "1.0×").render("Mock: ") == "- Mock: fast: **met** (1.0×)"
    assert "not judged" in core.Goal("fast", None).render()


def test_write_creates_or_prepends(tmp_path: Path) -> None:
    fresh = tmp_path / "new.md"
    write(fresh, f"{BEGIN}\nA\n{END}\n")
    assert fresh.read_text(encoding="utf-8") == f"{BEGIN}\nA\n{END}\n"
    old = tmp_path / "old.md"
    old.write_text("# Old facts\n", encoding="utf-8")
    write(old, f"{BEGIN}\nB\n{END}\n")
    assert old.read_text(encoding="utf-8") == f"{BEGIN}\nB\n{END}\n\n# Old facts\n"


def test_child_peak_memory_and_status() -> None:
    done = run_child([sys.executable, "-c", "b = bytearray(64 * 1024 * 1024); print('ok')"])
    assert done.ok
    assert done.output.strip() == "ok"
    assert done.peak_rss > 64 * 1024 * 1024
    assert run_child([sys.executable, "-c", "raise SystemExit(3)"]).returncode == 3


def test_failure_reason_is_one_line() -> None:
    pydantic = "Failed to parse OpenAPI document\n\n1 validation error for OpenAPI\npaths\n  Field required [type=missing, input_value={}]\n"
    assert failure_reason(ChildRun(1.0, 0.0, 1, pydantic)) == "paths: Field required"
    traceback = "Traceback (most recent call last):\n  ...\nValueError: Duplicate key GMT0 in enum\n"
    assert failure_reason(ChildRun(1.0, 0.0, 1, traceback)) == "ValueError: Duplicate key GMT0 in enum"


def test_bench_is_a_nox_session_outside_the_test_gate() -> None:
    """`python -m nox` (CI) never runs the benchmarks: a missed goal is reported, never a failure."""
    assert callable(noxfile.bench)
    assert "bench" not in (nox.options.sessions or ())
