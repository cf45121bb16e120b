"""`python -m bench [--quick] [--only generation,client,mock,contract] [--rounds N] [--output FILE]`.

Runs the benchmarks, prints a markdown report and writes it into FILE (default
bench/RESULTS.md) between the `bench:begin`/`bench:end` markers, keeping the rest of the file.
Goals are reported, never enforced: the exit status is 0 whenever the harness itself worked.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import client, contract, facts, generation, mock
from .core import CORPUS, ROOT, Section
from .tools import Tools

BENCHMARKS = ("generation", "client", "mock", "contract")
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


@dataclass(frozen=True)
class Sizes:
    generation_rounds: int
    client_rounds: int
    client_calls: int
    mock_rounds: int
    mock_duration: float
    mock_warmup: float
    mock_connections: tuple[int, ...]
    contract_rounds: int
    contract_examples: int

    @classmethod
    def for_run(cls, quick: bool, rounds: int | None) -> Sizes:
        if quick:
            r = rounds or 1
            return cls(r, r, 20, r, 1.0, 0.2, (1,), r, 3)
        return cls(rounds or 5, rounds or 5, 2000, rounds or 3, 5.0, 1.0, mock.CONNECTIONS, rounds or 3, 200)


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny sizes: checks the harness, measures nothing")
    parser.add_argument("--only", default=",".join(BENCHMARKS), help="comma-separated: " + ", ".join(BENCHMARKS))
    parser.add_argument("--rounds", type=int, default=None, help="rounds per pair (default 5, mock and contract 3)")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "RESULTS.md", help="markdown file to write")
    parser.add_argument("--opc", default=None, help="openapi-python-client executable (or BENCH_OPC; '' = none)")
    parser.add_argument("--prism", default=None, help="prism executable (or BENCH_PRISM; '' = none)")
    parser.add_argument("--wrk", default=None, help="wrk executable (or BENCH_WRK, else PATH; '' = none)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="third-party specs (default ../shared/specs)")
    parser.add_argument("--command", default=None, help="the command to record as having run this (nox passes its own)")
    args = parser.parse_args(argv)
    unknown = set(args.only.split(",")) - set(BENCHMARKS)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    tools = Tools.find(args.opc, args.prism, args.wrk)
    sizes = Sizes.for_run(args.quick, args.rounds)
    chosen = [name for name in BENCHMARKS if name in args.only.split(",")]
    runners: dict[str, Callable[[], Section]] = {
        "generation": lambda: generation.run(
            tools, rounds=sizes.generation_rounds, quick=args.quick, corpus=args.corpus
        ),
        "client": lambda: client.run(rounds=sizes.client_rounds, calls=sizes.client_calls),
        "mock": lambda: mock.run(
            tools,
            rounds=sizes.mock_rounds,
            duration=sizes.mock_duration,
            warmup=sizes.mock_warmup,
            connections=sizes.mock_connections,
        ),
        "contract": lambda: contract.run(
            rounds=sizes.contract_rounds, examples=sizes.contract_examples, warmup=not args.quick
        ),
    }
    load_before = facts.load_average()
    started = time.monotonic()
    sections = []
    for name in chosen:
        print(f"bench: {name} ...", file=sys.stderr, flush=True)
        sections.append(runners[name]())
    minutes = (time.monotonic() - started) / 60
    command = args.command or shlex.join(["python", "-m", "bench", *(argv if argv is not None else sys.argv[1:])])
    report = render(sections, tools, command=command, quick=args.quick, load_before=load_before, minutes=minutes)
    print(report)
    write(args.output, report)
    return 0


def render(
    sections: list[Section], tools: Tools, *, command: str, quick: bool, load_before: str, minutes: float
) -> str:
    versions = {
        "kinbox-contract-toolkit (ours)": f"{facts.package('kinbox-contract-toolkit')} at `{facts.git_commit()}`",
        "httpx": facts.package("httpx"),
        "pydantic": facts.package("pydantic"),
        "uvicorn": facts.package("uvicorn"),
        "jsonschema": facts.package("jsonschema"),
        "schemathesis": facts.package("schemathesis"),
        "openapi-python-client": facts.version_in([str(tools.opc), "--version"]) if tools.opc else "not available",
        "Prism": facts.tool_output([str(tools.prism), "--version"]) if tools.prism else "not available",
        "node": facts.tool_output(["node", "--version"]) if tools.prism else "not used",
        "wrk": facts.version_in([str(tools.wrk), "-v"]) if tools.wrk else "not available (asyncio load generator)",
    }
    goals = [(section.title.split(":")[0], goal) for section in sections for goal in section.goals]
    lines = [
        BEGIN,
        "## Benchmarks against the anchors" + (" (quick run: tiny sizes, not measurements)" if quick else ""),
        "",
        "Generated by `python -m nox -s bench` (`bench/`); everything between the `bench:begin`/`bench:end` "
        "markers is rewritten by each run. Shared, noisy machine: read the ratios (each pair runs interleaved, "
        "in the same run), not the absolute times.",
        "",
        f"- **Date**: {facts.today()}, {minutes:.1f} minutes",
        f"- **Machine**: {facts.machine()}; load average (1/5/15 min) {load_before} at the start, "
        f"{facts.load_average()} at the end",
        "- **Versions**: " + "; ".join(f"{name} {value}" for name, value in versions.items()),
        f"- **Command**: `{command}` (`$PY` below: the bench virtualenv's python, from the repository root)",
        "",
        "### Goals",
        "",
        "\n".join(goal.render(f"{where}: ") for where, goal in goals),
        "",
        *("\n\n".join(section.render() for section in sections).splitlines()),
        END,
    ]
    return "\n".join(lines) + "\n"


def write(path: Path, report: str) -> None:
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in old and END in old:
        head, _, rest = old.partition(BEGIN)
        _, _, tail = rest.partition(END)
        new = head + report.rstrip("\n") + tail
    elif old:
        new = report + "\n" + old
    else:
        new = report
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
