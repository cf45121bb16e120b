"""`python -m contract_tests run` as another team's CI runs it: a real subprocess against the mock over HTTP.

Exit 0 / 1 / 2 for pass / broken / could not run, JUnit when asked, progress only on a
terminal, and the token nowhere in what it prints, whether it came by flag or by variable.
"""

from __future__ import annotations

import os
import pty
import re
import socket
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from contract_tests.cli import ENVIRONMENT, build_parser, resolve
from contract_tests.mock import MockKinbox
from contract_tests.mock.serve import serve_in_thread
from contract_tests.suite import MODES, Target
from tests.contract.asgi_wrappers import ignoring_auth
from tests.helpers import ROOT

TOKEN = "cli-token-Zq7"
BASE_ENV = {"PATH": "/usr/bin:/bin", "PYTHONPATH": f"{ROOT}:{ROOT / 'generated'}"}


def server_contract_tests() -> int:
    """How many tests the server suite has against one (live) target, as pytest collects them."""
    live = {"KINBOX_BASE_URL": "http://127.0.0.1:1", "KINBOX_TOKEN": "collect-only", "KINBOX_CONTACT_ID": "1"}
    collected = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            "contract_tests/test_server_contract.py",
        ],
        cwd=ROOT,
        env={**BASE_ENV, **live},
        capture_output=True,
        text=True,
        check=True,
    )
    return sum("::" in line for line in collected.stdout.splitlines())


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "contract_tests", *args],
        cwd=ROOT,
        env={**BASE_ENV, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


@pytest.fixture(scope="module")
def mock_url() -> Iterator[str]:
    with serve_in_thread(MockKinbox(token=TOKEN)) as url:
        yield url


def test_help_documents_every_flag_its_variable_and_the_exit_statuses() -> None:
    result = cli("run", "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    for flag, variable in ENVIRONMENT.items():
        assert f"--{flag.replace('_', '-')}" in text
        assert variable in text
    assert "Prefer the environment variable" in text
    assert "visible to other users" in text
    assert "0 the server honours the contract, 1 it broke at least one property" in text
    assert "2 the suite could not run" in text
    for mode in MODES:
        assert mode in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "--base-url is required (or set KINBOX_BASE_URL)"),
        (("--base-url", "http://127.0.0.1:9"), "--token is required (or set KINBOX_TOKEN)"),
        (("--base-url", "ftp://x", "--token", "t", "--contact-id", "1"), "--base-url must be an http:// or https://"),
        (("--base-url", "http://h", "--token", "t", "--contact-id", "x"), "--contact-id must be an integer, not 'x'"),
        (("--base-url", "http://h", "--token", "t", "--contact-id", "0"), "--contact-id must be at least 1, not 0"),
        (
            ("--base-url", "http://h", "--token", "t", "--contact-id", "1", "--mode", "reckless"),
            "--mode must be one of",
        ),
        (("--base-url", "http://h", "--token", "t", "--contact-id", "1", "--examples", "-1"), "--examples must be at"),
    ],
)
def test_bad_arguments_exit_2_naming_the_flag_and_its_variable(args: tuple[str, ...], message: str) -> None:
    result = cli("run", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_flags_win_over_variables_and_the_mode_reaches_the_target() -> None:
    env = {
        "KINBOX_BASE_URL": "http://env.example/",
        "KINBOX_TOKEN": "env-token",
        "KINBOX_CONTACT_ID": "7",
        "KINBOX_CONTRACT_MODE": "scratch",
        "CONTRACT_EXAMPLES": "11",
        "CONTRACT_SEED": "5",
        "CONTRACT_JUNIT": "from-env.xml",
    }
    from_env = resolve(build_parser().parse_args(["run"]), env)
    assert (from_env.base_url, from_env.contact_id, from_env.examples, from_env.seed) == (
        "http://env.example",
        7,
        11,
        5,
    )
    assert from_env.junit == Path("from-env.xml")
    target = Target.from_environment(from_env.environment({}))
    assert target is not None
    assert (target.base_url, target.token, target.contact_id, target.mode) == (
        "http://env.example",
        "env-token",
        7,
        "scratch",
    )
    flags = resolve(build_parser().parse_args(["run", "--contact-id", "8", "--mode", "careful", "--seed", "9"]), env)
    assert (flags.contact_id, flags.mode, flags.seed, flags.examples) == (8, "careful", 9, 11)
    defaults = resolve(
        build_parser().parse_args(["run", "--base-url", "http://h", "--token", "t", "--contact-id", "1"]), {}
    )
    assert (defaults.mode, defaults.examples, defaults.seed, defaults.junit) == ("careful", 300, 0, None)


@pytest.mark.slow
def test_a_conforming_server_exits_0_with_junit_and_no_token_in_the_output(mock_url: str, tmp_path: Path) -> None:
    junit = tmp_path / "junit.xml"
    result = cli(
        "run", "--base-url", mock_url, "--token", TOKEN, "--contact-id", "1002", "--examples", "20",
        "--junit", str(junit), env={"CI": "true"},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "server contract against live: conforms" in result.stdout
    assert TOKEN not in result.stdout + result.stderr
    assert "PASSED" not in result.stdout  # quiet in CI
    suite = ET.parse(junit).getroot().find("testsuite")
    assert suite is not None
    counts = (int(suite.get("tests", "0")), int(suite.get("failures", "1")), int(suite.get("errors", "1")))
    assert counts == (server_contract_tests(), 0, 0)


@pytest.mark.slow
def test_a_broken_server_exits_1_naming_the_property(tmp_path: Path) -> None:
    ignores_auth = ignoring_auth(MockKinbox(token=TOKEN), TOKEN)
    junit = tmp_path / "junit.xml"
    with serve_in_thread(ignores_auth) as url:
        env = {
            "KINBOX_BASE_URL": url,
            "KINBOX_TOKEN": TOKEN,
            "KINBOX_CONTACT_ID": "1002",
            "CONTRACT_EXAMPLES": "20",
            "CONTRACT_JUNIT": str(junit),
        }
        result = cli("run", env=env)
    assert result.returncode == 1, result.stdout[-3000:] + result.stderr[-3000:]
    assert "missing_token_401" in result.stdout
    assert "curl -X PATCH" in result.stdout
    assert TOKEN not in result.stdout + result.stderr
    failed = [case.get("name") for case in ET.parse(junit).iter("testcase") if case.find("failure") is not None]
    assert "test_errors_on_purpose[live-missing_token_401]" in failed


@pytest.mark.slow
def test_an_unreachable_server_exits_2(unused_port: int) -> None:
    result = cli(
        "run", "--base-url", f"http://127.0.0.1:{unused_port}", "--contact-id", "1002", env={"KINBOX_TOKEN": TOKEN}
    )
    assert result.returncode == 2, result.stdout[-3000:]
    assert "Connection refused" in result.stdout
    assert "could not run the contract suite" in result.stderr
    assert TOKEN not in result.stdout + result.stderr


@pytest.mark.slow
def test_a_contact_that_cannot_be_read_exits_2(mock_url: str) -> None:
    for contact, token in (("999999", TOKEN), ("1002", "not-the-token")):
        result = cli("run", "--base-url", mock_url, "--contact-id", contact, env={"KINBOX_TOKEN": token})
        assert result.returncode == 2, result.stdout[-3000:]
        assert "snapshot: an empty PATCH of contact" in result.stdout
        assert token not in result.stdout + result.stderr


@pytest.mark.slow
def test_progress_on_a_terminal(mock_url: str) -> None:
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "contract_tests",
            "run",
            "--base-url",
            mock_url,
            "--contact-id",
            "1003",
            "--examples",
            "5",
        ],
        cwd=ROOT,
        env={**BASE_ENV, "KINBOX_TOKEN": TOKEN},
        stdin=subprocess.DEVNULL,
        stdout=secondary,
        stderr=secondary,
    )
    os.close(secondary)
    output = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # the other side closed: Linux reports EIO
            break
        if not chunk:
            break
        output += chunk
    os.close(primary)
    assert process.wait(timeout=60) == 0
    text = re.sub(r"\x1b\[[0-9;]*m", "", output.decode())  # pytest colours a terminal
    assert "coverage cases, then 5 generated cases (seed 0)" in text
    assert "test_errors_on_purpose[live-missing_token_401] PASSED" in text
    assert TOKEN not in text


@pytest.fixture
def unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
