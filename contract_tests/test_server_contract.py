"""The server honours the contract: one test per property, so CI's JUnit names what broke."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from contract_tests.cli import DEFAULT_EXAMPLES
from contract_tests.concurrency import CONCURRENT_WRITES_KEPT
from contract_tests.probes import PROBE_PROPERTIES
from contract_tests.properties import SEMANTIC_PROPERTIES
from contract_tests.report import Report
from contract_tests.resource import RESOURCE_PROPERTIES
from contract_tests.session import REJECTED_CHANGES_NOTHING
from contract_tests.suite import (
    MISSING_TOKEN_401,
    SNAPSHOT,
    STATE_RESTORED,
    UNKNOWN_ID_404,
    WRONG_TOKEN_401,
)

OWN_PROPERTIES = {
    *SEMANTIC_PROPERTIES,
    *PROBE_PROPERTIES,
    *RESOURCE_PROPERTIES,
    REJECTED_CHANGES_NOTHING,
    UNKNOWN_ID_404,
    MISSING_TOKEN_401,
    WRONG_TOKEN_401,
    STATE_RESTORED,
    SNAPSHOT,
}


def test_contact_can_be_snapshot(server_report: Report) -> None:
    assert SNAPSHOT not in server_report.findings, server_report.render()


def test_schemathesis_checks_pass(server_report: Report) -> None:
    broken = [name for name in server_report.broken if name not in OWN_PROPERTIES]
    assert not broken, server_report.render()


@pytest.mark.parametrize("prop", SEMANTIC_PROPERTIES)
def test_patch_semantics(server_report: Report, prop: str) -> None:
    assert prop not in server_report.findings, server_report.render()


@pytest.mark.parametrize("prop", [*PROBE_PROPERTIES, REJECTED_CHANGES_NOTHING, CONCURRENT_WRITES_KEPT])
def test_probes(server_report: Report, prop: str) -> None:
    assert prop not in server_report.findings, server_report.render()


@pytest.mark.parametrize("prop", [UNKNOWN_ID_404, MISSING_TOKEN_401, WRONG_TOKEN_401])
def test_errors_on_purpose(server_report: Report, prop: str) -> None:
    assert prop not in server_report.findings, server_report.render()


@pytest.mark.parametrize("prop", RESOURCE_PROPERTIES)
def test_across_operations(server_report: Report, prop: str) -> None:
    """Create, list, list-all and update agree with each other (`contract_tests.resource`)."""
    assert prop not in server_report.findings, server_report.render()


def test_contact_is_restored(server_report: Report) -> None:
    assert STATE_RESTORED not in server_report.findings, server_report.render()


README = Path(__file__).resolve().parents[1] / "README.md"
# The sentence in README.md that states the size of a default run, measured here.
README_RUN_SIZE = re.compile(r"The default run sends about ([\d,]+) requests per target")
RUN_SIZE_TOLERANCE = 0.1


def test_readme_states_the_size_of_a_default_run(server_report: Report, pytestconfig: pytest.Config) -> None:
    """README.md's "about N requests per target" is this run's count, within 10%, so it cannot go stale."""
    default = (pytestconfig.getoption("--contract-examples"), pytestconfig.getoption("--contract-seed")) == (
        DEFAULT_EXAMPLES,
        0,
    )
    if not (default and server_report.target.startswith("mock") and README.exists()):
        pytest.skip("measured only by a default run against the mock, in a checkout")
    found = README_RUN_SIZE.search(README.read_text(encoding="utf-8"))
    assert found, f"README.md no longer says {README_RUN_SIZE.pattern!r}"
    stated = int(found.group(1).replace(",", ""))
    assert abs(server_report.cases - stated) <= stated * RUN_SIZE_TOLERANCE, (
        f"README.md says about {stated:,} requests per target; this default run sent {server_report.cases:,}"
    )
