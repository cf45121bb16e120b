"""The toolkit itself as another team gets it: its wheel in a fresh virtualenv, used outside
any checkout (generate a client, serve the mock, run the contract suite against it)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers import ROOT, SPEC
from tests.project.test_install import fresh_venv, install, run


@pytest.mark.slow
def test_the_toolkit_wheel_works_outside_a_checkout(tmp_path: Path) -> None:
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", tmp_path / "dist", ROOT)
    (wheel,) = (tmp_path / "dist").glob("kinbox_contract_toolkit-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read("contract_tests/spec/kinbox.openapi.yaml") == SPEC.read_bytes()
        assert "generator/templates/README.md.jinja" in archive.namelist()
    python = fresh_venv(tmp_path / "venv")
    install(python, "-c", ROOT / "constraints.txt", f"{wheel}[contract]")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {"PATH": f"{python.parent}{os.pathsep}/usr/bin:/bin", "CI": "1"}

    spec = elsewhere / "api.yaml"
    spec.write_bytes(SPEC.read_bytes())
    run(
        python,
        "-m",
        "generator",
        "generate",
        spec,
        "--out",
        elsewhere / "client",
        "--package",
        "their_client",
        cwd=elsewhere,
        env=env,
    )
    assert (elsewhere / "client" / "their_client" / "_client.py").is_file()

    mock = subprocess.Popen(
        [str(python), "-m", "contract_tests.mock", "--port", "0", "--token", "toolkit-test-token"],
        cwd=elsewhere,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert mock.stdout is not None
        url = None
        for line in mock.stdout:
            found = re.search(r"http://127\.0\.0\.1:\d+", line)
            if found:
                url = found.group()
                break
        assert url is not None, "the mock printed no URL"
        suite = subprocess.run(
            [
                str(python),
                "-m",
                "contract_tests",
                "run",
                "--base-url",
                url,
                "--contact-id",
                "1001",
                "--mode",
                "scratch",
                "--examples",
                "5",
            ],
            cwd=elsewhere,
            env={**env, "KINBOX_TOKEN": "toolkit-test-token"},
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        assert suite.returncode == 0, suite.stdout + suite.stderr
    finally:
        mock.terminate()
        mock.wait(timeout=30)
        if mock.stdout is not None:
            mock.stdout.close()
