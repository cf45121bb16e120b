"""The contract run as CI and a developer start it, pointed at a server by environment variables.

`pytest contract_tests/test_server_contract.py` with KINBOX_BASE_URL, KINBOX_TOKEN and
KINBOX_CONTACT_ID set (what `nox -s contract` runs): exit 0 against a conforming server,
non-zero with the broken property named against one that is not, JUnit XML either way.
"""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from contract_tests.mock import MockKinbox
from contract_tests.mock.serve import serve_in_thread
from tests.contract.asgi_wrappers import ignoring_auth
from tests.helpers import ROOT, run_python

TOKEN = "live-mode-token"


def run_contract(url: str, junit: Path, mode: str = "careful") -> subprocess.CompletedProcess[str]:
    return run_python(
        "-m", "pytest", "contract_tests/test_server_contract.py", "-p", "no:cacheprovider",
        "-q", f"--junitxml={junit}", "--contract-examples=40",
        KINBOX_BASE_URL=url,
        KINBOX_TOKEN=TOKEN,
        KINBOX_CONTACT_ID="1002",
        KINBOX_CONTRACT_MODE=mode,
        PYTHONPATH=f"{ROOT}:{ROOT / 'generated'}",
    )  # fmt: skip


@pytest.mark.slow
def test_a_conforming_live_server_passes(tmp_path: Path) -> None:
    mock = MockKinbox(token=TOKEN)
    before = mock.store.get("1002")
    with serve_in_thread(mock) as url:
        result = run_contract(url, tmp_path / "junit.xml")
    assert result.returncode == 0, result.stdout[-3000:]
    assert "server contract against live: conforms" in result.stdout
    suites = ET.parse(tmp_path / "junit.xml").getroot()
    assert int(suites.find("testsuite").get("failures")) == 0  # type: ignore[union-attr,arg-type]
    after = mock.store.get("1002")
    assert after is not None
    assert before is not None
    # The suite restored the contact it wrote to: every original value is back, and a field
    # it lacked is at most null (PATCH cannot make it absent again).
    assert {k: after[k] for k in before if k not in ("lastUpdateAt", "updatedAt")} == {
        k: v for k, v in before.items() if k not in ("lastUpdateAt", "updatedAt")
    }
    added = set(after) - set(before) - {"updatedAt"}  # updatedAt is the server's to set
    assert {k: after[k] for k in added} == dict.fromkeys(added)
    assert {c["id"] for c in (mock.store.get(i) for i in ("1001", "1003")) if c} == {"1001", "1003"}
    assert "cases not sent (they would set" in result.stdout  # careful mode says what it held back


@pytest.mark.slow
def test_scratch_mode_sends_every_case(tmp_path: Path) -> None:
    mock = MockKinbox(token=TOKEN)
    others = [mock.store.get(i) for i in ("1001", "1003")]
    with serve_in_thread(mock) as url:
        result = run_contract(url, tmp_path / "junit.xml", mode="scratch")
    assert result.returncode == 0, result.stdout[-3000:]
    assert "server contract against live: conforms (scratch mode;" in result.stdout
    assert ", 0 cases not sent;" in result.stdout
    assert "left on the contact: " in result.stdout  # what PATCH could not remove is listed
    assert [mock.store.get(i) for i in ("1001", "1003")] == others  # only the named contact was written


@pytest.mark.slow
def test_a_server_that_ignores_auth_fails_with_the_property_named(tmp_path: Path) -> None:
    ignores_auth = ignoring_auth(MockKinbox(token=TOKEN), TOKEN)
    with serve_in_thread(ignores_auth) as url:
        result = run_contract(url, tmp_path / "junit.xml")
    assert result.returncode != 0
    assert "missing_token_401" in result.stdout
    assert "curl -X PATCH" in result.stdout
    assert f"Bearer {TOKEN}" not in result.stdout
    failed = [
        case.get("name")
        for case in ET.parse(tmp_path / "junit.xml").iter("testcase")
        if case.find("failure") is not None
    ]
    assert "test_errors_on_purpose[live-missing_token_401]" in failed
