"""The second golden record: tests/golden/baseline/ is exactly what the generator makes today.

Its spec (tests/golden/baseline.openapi.yaml) uses every construct of the README's "Supported
OpenAPI" table that the generator supports, in the resources layout, so a change to how any of
them is generated shows up here as a diff to review, where generated/ (one operation, flat)
would not notice it. The record is generated through the command line only, the way
`nox -s golden` refreshes it, so it does not depend on how the generator is organized inside.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from noxfile import BASELINE_CONFIG, BASELINE_OUT, BASELINE_PACKAGE
from tests.helpers import ROOT, run_generator

OUT = ROOT / BASELINE_OUT
STALE_HINT = f"{BASELINE_OUT}/ is out of date: run `python -m nox -s golden` and commit the result"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)


def test_committed_baseline_matches_a_regeneration() -> None:
    # `--check` compares byte for byte, file by file, and names files that should not be there.
    result = run_generator("generate", "--config", ROOT / BASELINE_CONFIG, "--check")
    assert result.returncode == 0, STALE_HINT + "\n" + result.stderr


def test_baseline_is_generated_in_the_resources_layout() -> None:
    resources = sorted(path.stem for path in (OUT / BASELINE_PACKAGE / "resources").glob("*.py"))
    # Tagged operations by their tag; untagged ones by their path's first segment (`/v2/charges`).
    assert resources == ["__init__", "charges", "contacts", "events", "files", "notes"]


def test_baseline_imports_in_a_fresh_interpreter() -> None:
    """Every model, resource and runtime module loads (an import-time error would escape `--check`)."""
    probe = (
        f"import {BASELINE_PACKAGE} as p, {BASELINE_PACKAGE}.models.billing.v1 as v1; "
        "print(p.BaselineClient.__name__, p.AsyncBaselineClient.__name__, v1.Charge.__name__)"
    )
    result = run(sys.executable, "-B", "-c", probe, cwd=OUT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["BaselineClient", "AsyncBaselineClient", "Charge"]


@pytest.mark.slow
def test_baseline_passes_mypy_strict(tmp_path: Path) -> None:
    # From the record's directory, as the typecheck session runs it: found through MYPYPATH from
    # the root, the package's modules would fall under the project's mypy `exclude` of tests/golden/.
    result = run(
        sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", str(tmp_path),
        "-p", BASELINE_PACKAGE, cwd=OUT,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    modules = len(list((OUT / BASELINE_PACKAGE).rglob("*.py")))
    assert f"Success: no issues found in {modules} source files" in result.stdout  # none left out
