"""Generation: wall time and peak memory of our generator vs openapi-python-client, per spec.

Each run is a fresh child process writing a complete package into an empty directory (both
tools format their output with ruff); its peak RSS comes from `os.wait4`. openapi-python-client
runs from its own virtualenv, with that virtualenv's `bin/` first on PATH so its ruff
post-hooks run as they would for a user.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .core import CORPUS, ROOT, SPEC, Goal, Section, Stat, Table, interleave, megabytes, ratios, seconds, shown, times
from .proc import ChildRun, run_child
from .tools import Tools

STRIPE = "stripe-spec3.json"
STRIPE_ROUNDS = 3  # about 50 s per round for both tools: fewer rounds bound the total time
# The goals of issue 15: time ratios, ours / openapi-python-client's, in the same run.
KINBOX_GOAL = 1.0
STRIPE_GOAL = 0.4
# openapi-python-client's settings where its defaults fail on a spec, and why.
OPC_CONFIG = {
    STRIPE: (
        "literal_enums: true\n",
        "with `literal_enums: true`: its default enum classes fail on Stripe (`Duplicate key GMT0 in enum`, "
        "and it suggests this setting)",
    ),
}


@dataclass
class Outcome:
    runs: list[ChildRun]
    failure: str | None = None


def corpus_specs(corpus: Path = CORPUS) -> list[Path]:
    """Kinbox first, then Stripe, then the rest of the corpus by name."""
    if not corpus.is_dir():
        return [SPEC]
    found = sorted(p for p in corpus.iterdir() if p.suffix in {".json", ".yaml", ".yml"})
    return [SPEC, *sorted(found, key=lambda p: (p.name != STRIPE, p.name))]


def ours_command(spec: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "generator",
        "generate",
        str(spec),
        "--out",
        str(out),
        "--package",
        "bench_client",
        "--quiet",
    ]


def opc_command(opc: Path, spec: Path, out: Path, config: Path | None) -> list[str]:
    command = [str(opc), "generate", "--path", str(spec), "--output-path", str(out), "--overwrite"]
    return command + (["--config", str(config)] if config is not None else [])


def opc_env(opc: Path) -> dict[str, str]:
    return {**os.environ, "PATH": f"{opc.parent}{os.pathsep}{os.environ.get('PATH', '')}"}


def failure_reason(run: ChildRun) -> str:
    """One line saying why a generator failed."""
    lines = [line.strip() for line in run.output.splitlines() if line.strip()]
    for index, line in enumerate(lines):
        if re.match(r"\d+ validation errors? for", line) and index + 2 < len(lines):
            return f"{lines[index + 1]}: {lines[index + 2].split(' [type=')[0]}"
    for line in reversed(lines):
        if re.match(r"\w*(Error|Exception):", line) or line.startswith("error:"):
            return line
    return lines[-1] if lines else f"exit status {run.returncode}"


def _measure(command: list[str], out: Path, env: dict[str, str] | None) -> ChildRun:
    shutil.rmtree(out, ignore_errors=True)
    return run_child(command, cwd=ROOT, env=env)


def bench_spec(spec: Path, tools: Tools, rounds: int, workdir: Path, warmup: bool) -> dict[str, Outcome]:
    ours_out, opc_out = workdir / "ours", workdir / "opc"
    contenders: list[tuple[str, list[str], Path, dict[str, str] | None]] = [
        ("ours", ours_command(spec, ours_out), ours_out, None)
    ]
    if tools.opc is not None:
        config = None
        if spec.name in OPC_CONFIG:
            config = workdir / "opc-config.yaml"
            config.write_text(OPC_CONFIG[spec.name][0], encoding="utf-8")
        contenders.append(("opc", opc_command(tools.opc, spec, opc_out, config), opc_out, opc_env(tools.opc)))
    outcomes = {name: Outcome([]) for name, *_ in contenders}
    if warmup:  # fills the OS cache and tells a tool that fails from one that is slow
        for name, command, out, env in contenders:
            run = _measure(command, out, env)
            if not run.ok:
                outcomes[name].failure = failure_reason(run)
    active = [(name, command, out, env) for name, command, out, env in contenders if outcomes[name].failure is None]
    measured = interleave(
        rounds, [(name, functools.partial(_measure, command, out, env)) for name, command, out, env in active]
    )
    for name, runs in measured.items():
        failed = next((run for run in runs if not run.ok), None)
        outcomes[name] = Outcome(runs, failure_reason(failed) if failed is not None else None)
    return outcomes


def size(path: Path) -> str:
    kb = path.stat().st_size / 1024
    if kb >= 1024:
        return f"{kb / 1024:.1f} MB"
    return f"{kb:.0f} KB" if kb >= 10 else f"{kb:.1f} KB"


def run(tools: Tools, *, rounds: int, quick: bool, corpus: Path = CORPUS) -> Section:
    specs = [SPEC] if quick else corpus_specs(corpus)
    section = Section(
        "Generation: our generator vs openapi-python-client",
        "Wall time and peak RSS of one complete generation (a fresh process writing a formatted package "
        "into an empty directory), median (min–max) over interleaved rounds. Ratios are ours / theirs "
        "per round: below 1 is faster or smaller.",
    )
    table = Table(
        [
            "spec",
            "size",
            "rounds",
            "ours: wall",
            "openapi-python-client: wall",
            "time ratio",
            "ours: peak RSS",
            "openapi-python-client: peak RSS",
            "memory ratio",
        ]
    )
    section.tables.append(table)
    ratio_of: dict[str, Stat] = {}
    with tempfile.TemporaryDirectory(prefix="bench-generation-") as tmp:
        for spec in specs:
            spec_rounds = min(rounds, STRIPE_ROUNDS) if spec.name == STRIPE else rounds
            outcomes = bench_spec(spec, tools, spec_rounds, Path(tmp), warmup=not quick)
            ours, opc = outcomes["ours"], outcomes.get("opc")
            cells = [_wall(ours), _wall(opc), "", _rss(ours), _rss(opc), ""]
            if ours.failure is None and opc is not None and opc.failure is None:
                time_ratio = ratios([r.wall for r in ours.runs], [r.wall for r in opc.runs])
                memory_ratio = ratios([r.peak_rss for r in ours.runs], [r.peak_rss for r in opc.runs])
                ratio_of[spec.name] = time_ratio
                cells[2], cells[5] = time_ratio.show(times), memory_ratio.show(times)
            else:
                cells[2] = cells[5] = "–"
            table.add(f"`{_shown(spec)}`", size(spec), str(spec_rounds), *cells)
    section.notes.append(
        "Both tools run from compiled bytecode, as on a user's machine: `nox -s bench` compiles both "
        "virtualenvs' site-packages, and the warm-up run caches the bytecode of our (editable) sources."
    )
    if tools.opc is None:
        section.notes.append("openapi-python-client was not available (`--opc` or BENCH_OPC): its columns are empty.")
    for name, (_, why) in OPC_CONFIG.items():
        if name in {spec.name for spec in specs}:
            section.notes.append(f"`{name}`: openapi-python-client runs {why}.")
    if any(spec.name == STRIPE for spec in specs):
        section.notes.append(
            f"Stripe runs {min(rounds, STRIPE_ROUNDS)} rounds (at most {STRIPE_ROUNDS}) to bound the total time."
        )
    stripe_goal = f"at most {STRIPE_GOAL:g}× openapi-python-client's time on Stripe"
    section.goals += [
        _goal("no slower than openapi-python-client on the Kinbox spec", ratio_of.get(SPEC.name), KINBOX_GOAL),
        _goal(stripe_goal, ratio_of.get(STRIPE), STRIPE_GOAL)
        if STRIPE in {spec.name for spec in specs}
        else Goal(stripe_goal, None, "Stripe not measured"),
    ]
    section.commands += [
        shown(ours_command(Path("SPEC"), Path("OUT"))),
        shown(opc_command(Path("openapi-python-client"), Path("SPEC"), Path("OUT"), None))
        + "  # plus --config CONFIG (literal_enums: true) for Stripe; its virtualenv's bin/ first on PATH",
    ]
    return section


def _goal(text: str, ratio: Stat | None, limit: float) -> Goal:
    if ratio is None:
        return Goal(text, None, "openapi-python-client not measured")
    return Goal(text, ratio.median <= limit, f"ratio {ratio.show(times)}, goal ≤ {limit:g}")


def _wall(outcome: Outcome | None) -> str:
    if outcome is None:
        return "not run"
    if outcome.failure is not None:
        return f"fails: {outcome.failure}"
    return Stat.of(r.wall for r in outcome.runs).show(seconds)


def _rss(outcome: Outcome | None) -> str:
    if outcome is None or outcome.failure is not None:
        return "–"
    return Stat.of(r.peak_rss / 1e6 for r in outcome.runs).show(megabytes)


def _shown(spec: Path) -> str:
    for base, label in ((ROOT, ""), (CORPUS.parent.parent, "../")):
        try:
            return label + str(spec.relative_to(base))
        except ValueError:
            continue
    return str(spec)
