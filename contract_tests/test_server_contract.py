"""The server honours the contract: one test per property, so CI's JUnit names what broke."""

from __future__ import annotations

import pytest

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
