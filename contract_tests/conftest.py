"""Targets and options for the contract tests (`python -m nox -s contract`).

By default the server suite runs against the mock twice: in-process (ASGI) and over real
HTTP (a uvicorn subprocess). With KINBOX_BASE_URL, KINBOX_TOKEN and KINBOX_CONTACT_ID set,
it runs against that server instead, writing only to that contact and restoring it, in the
mode KINBOX_CONTRACT_MODE names (`careful` by default). The mock targets run in scratch mode:
every case is sent.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator

import pytest

from contract_tests.mock import create_app
from contract_tests.mock.serve import serve_in_process
from contract_tests.modes import SCRATCH
from contract_tests.report import Report
from contract_tests.suite import Target, run

KNOWN_CONTACT = 1001
REPORTS: list[Report] = []


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("contract")
    group.addoption(
        "--contract-examples",
        type=int,
        default=int(os.environ.get("CONTRACT_EXAMPLES", "300")),
        help="generated cases per server (default 300, or CONTRACT_EXAMPLES)",
    )
    group.addoption(
        "--contract-seed",
        type=int,
        default=int(os.environ.get("CONTRACT_SEED", "0")),
        help="seed of the generated cases (default 0, or CONTRACT_SEED)",
    )


def _target_names() -> list[str]:
    return ["live"] if Target.from_environment() is not None else ["mock-inprocess", "mock-http"]


@pytest.fixture(scope="session", params=_target_names())
def target(request: pytest.FixtureRequest) -> Iterator[Target]:
    name = request.param
    if name == "live":
        live = Target.from_environment()
        assert live is not None
        yield live
        return
    token = secrets.token_urlsafe(12)
    if name == "mock-inprocess":
        app, _ = create_app(token=token)
        yield Target(name, token, KNOWN_CONTACT, app=app, mode=SCRATCH)
        return
    with serve_in_process(["--token", token]) as url:
        yield Target(name, token, KNOWN_CONTACT, base_url=url, mode=SCRATCH)


@pytest.fixture(scope="session")
def server_report(target: Target, pytestconfig: pytest.Config) -> Report:
    report = run(
        target,
        examples=pytestconfig.getoption("--contract-examples"),
        seed_value=pytestconfig.getoption("--contract-seed"),
    )
    REPORTS.append(report)
    return report


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for report in REPORTS:
        terminalreporter.write_line(report.render() if report.findings else report.summary())
