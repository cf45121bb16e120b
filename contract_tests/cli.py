"""`python -m contract_tests run`: the server contract suite against a live server, from any shell or CI.

It is a front end to the very pytest run that `nox -s contract` makes (the same conftest
calls `suite.run`, and pytest writes the JUnit XML), so the two cannot drift apart: the
flags only choose the target and the options, through the environment variables and
pytest options that run already reads.

Exit status: 0 the server honours the contract, 1 it broke a property, 2 the suite could
not run (bad arguments, unreachable server, a contact that cannot be read).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .suite import MODES

PASSED, BROKEN, COULD_NOT_RUN = 0, 1, 2
SUITE = Path(__file__).with_name("test_server_contract.py")
# The test that fails alone when the contact cannot even be read: nothing was tested then.
SNAPSHOT_TEST = "test_contact_can_be_snapshot"

# flag -> environment variable; the flag wins.
ENVIRONMENT = {
    "base_url": "KINBOX_BASE_URL",
    "token": "KINBOX_TOKEN",
    "contact_id": "KINBOX_CONTACT_ID",
    "mode": "KINBOX_CONTRACT_MODE",
    "junit": "CONTRACT_JUNIT",
    "examples": "CONTRACT_EXAMPLES",
    "seed": "CONTRACT_SEED",
}
DEFAULT_EXAMPLES = 300
DEFAULT_SEED = 0


class UsageError(Exception):
    """An option is missing or malformed: the message names the flag and its variable."""


@dataclass(frozen=True)
class Options:
    base_url: str
    token: str
    contact_id: int
    mode: str
    junit: Path | None
    examples: int
    seed: int

    def environment(self, base: Mapping[str, str]) -> dict[str, str]:
        """`base` with the variables `Target.from_environment` reads set to these options."""
        return {
            **base,
            ENVIRONMENT["base_url"]: self.base_url,
            ENVIRONMENT["token"]: self.token,
            ENVIRONMENT["contact_id"]: str(self.contact_id),
            ENVIRONMENT["mode"]: self.mode,
        }

    def pytest_arguments(self, *, progress: bool) -> list[str]:
        return [
            str(SUITE),
            "-p",
            "no:cacheprovider",
            f"--contract-examples={self.examples}",
            f"--contract-seed={self.seed}",
            # This process imported hypothesis (through the suite) before pytest could rewrite
            # its plugin's asserts; nothing here relies on that rewriting.
            "-W",
            "ignore::pytest.PytestAssertRewriteWarning",
            # One line per failure: conftest prints the report with the details. Longer tracebacks
            # would also print each frame's arguments, and a Target's repr holds the token.
            "--tb=line",
            *([f"--junitxml={self.junit}"] if self.junit else []),
            *(["-v"] if progress else ["-qq", "--no-header"]),
        ]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m contract_tests",
        description="Contract tests of the Kinbox API against a server you name.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser(
        "run",
        help="run the server contract suite against a live server",
        description=(
            "Run the server contract suite (every schemathesis check and the PATCH semantics of "
            "Update Contact) against the server at --base-url. It writes only to --contact-id and "
            "restores it at the end. Every flag can come from the environment variable named in "
            "its help; a flag given wins."
        ),
        epilog=(
            "Exit status: 0 the server honours the contract, 1 it broke at least one property "
            "(each is named with a curl command that replays it), 2 the suite could not run "
            "(bad arguments, unreachable server, a contact that cannot be read). Progress is "
            "shown on a terminal; with CI set or output redirected, only the result is printed."
        ),
    )
    run.add_argument("--base-url", metavar="URL", help="the server, e.g. https://api4.kinbox.com.br (KINBOX_BASE_URL)")
    run.add_argument(
        "--token",
        metavar="TOKEN",
        help=(
            "the bearer token (KINBOX_TOKEN). Prefer the environment variable: command-line "
            "arguments are visible to other users of the machine (ps, /proc). Never printed."
        ),
    )
    run.add_argument(
        "--contact-id",
        metavar="N",
        help="the contact the suite may write to, kept for testing with every field set (KINBOX_CONTACT_ID)",
    )
    run.add_argument(
        "--mode",
        metavar="MODE",
        help=f"one of {', '.join(MODES)} (KINBOX_CONTRACT_MODE; default {MODES[0]})",
    )
    run.add_argument("--junit", metavar="FILE", help="write JUnit XML, one test per property, to FILE (CONTRACT_JUNIT)")
    run.add_argument(
        "--examples",
        metavar="N",
        help=f"generated cases after the coverage cases (CONTRACT_EXAMPLES; default {DEFAULT_EXAMPLES})",
    )
    run.add_argument("--seed", metavar="N", help=f"seed of the generated cases (CONTRACT_SEED; default {DEFAULT_SEED})")
    return parser


def resolve(arguments: argparse.Namespace, env: Mapping[str, str]) -> Options:
    """Flags over environment variables over defaults, each value checked."""

    def value(name: str) -> str | None:
        given: str | None = getattr(arguments, name)
        return given if given not in (None, "") else env.get(ENVIRONMENT[name]) or None

    def required(name: str) -> str:
        found = value(name)
        if found is None:
            raise UsageError(f"{_flag(name)} is required (or set {ENVIRONMENT[name]})")
        return found

    base_url = required("base_url").rstrip("/")
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"{_flag('base_url')} must be an http:// or https:// URL, not {base_url!r}")
    mode = value("mode") or MODES[0]
    if mode not in MODES:
        raise UsageError(f"{_flag('mode')} must be one of {', '.join(MODES)}, not {mode!r}")
    junit = value("junit")
    return Options(
        base_url=base_url,
        token=required("token"),
        contact_id=_integer("contact_id", required("contact_id"), minimum=1),
        mode=mode,
        junit=Path(junit) if junit else None,
        examples=_integer("examples", value("examples") or str(DEFAULT_EXAMPLES), minimum=0),
        seed=_integer("seed", value("seed") or str(DEFAULT_SEED), minimum=None),
    )


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def _integer(name: str, text: str, *, minimum: int | None) -> int:
    try:
        number = int(text)
    except ValueError:
        raise UsageError(f"{_flag(name)} must be an integer, not {text!r}") from None
    if minimum is not None and number < minimum:
        raise UsageError(f"{_flag(name)} must be at least {minimum}, not {number}")
    return number


class _Outcome:
    """Which tests failed, and whether any could not even be set up (the suite did not run)."""

    def __init__(self) -> None:
        self.failed: set[str] = set()
        self.errors = 0

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.failed and report.when == "call":
            self.failed.add(report.nodeid.rpartition("::")[2].partition("[")[0])
        elif report.failed:
            self.errors += 1


def run(options: Options, *, progress: bool) -> int:
    """Run the suite in this process with `options`; the exit status of the module docstring."""
    saved = dict(os.environ)
    # conftest reads the target from the environment when it is imported: set before pytest starts.
    os.environ.update(options.environment({}))
    outcome = _Outcome()
    try:
        if progress:
            print(
                f"server contract against {options.base_url}, contact {options.contact_id}, mode {options.mode}: "
                f"coverage cases, then {options.examples} generated cases (seed {options.seed})",
                flush=True,
            )
        status = pytest.main(options.pytest_arguments(progress=progress), plugins=[outcome])
    finally:
        os.environ.clear()
        os.environ.update(saved)
    if status == pytest.ExitCode.OK:
        return PASSED
    if status == pytest.ExitCode.TESTS_FAILED and not outcome.errors and outcome.failed:
        return COULD_NOT_RUN if outcome.failed == {SNAPSHOT_TEST} else BROKEN
    return COULD_NOT_RUN


def main(argv: Sequence[str] | None = None, env: Mapping[str, str] = os.environ) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    try:
        options = resolve(arguments, env)
    except UsageError as error:
        parser.exit(COULD_NOT_RUN, f"{parser.prog} run: error: {error}\n")
    progress = sys.stdout.isatty() and not env.get("CI")
    status = run(options, progress=progress)
    if status == COULD_NOT_RUN:
        print(f"could not run the contract suite against {options.base_url} (see above)", file=sys.stderr)
    return status
