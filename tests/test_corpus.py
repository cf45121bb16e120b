"""Generality: real third-party specs from the shared corpus generate working packages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import corpus_spec, run_generator


def generate_and_check(spec: Path, out: Path, package: str) -> subprocess.CompletedProcess[str]:
    result = run_generator("generate", spec, "--out", out, "--package", package)
    assert result.returncode == 0, result.stderr
    imported = subprocess.run(
        [sys.executable, "-c", f"import {package}; print({package}.__version__)"],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert imported.returncode == 0, imported.stderr
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "-p", package],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.parametrize("name", ["petstore-3.0.yaml", "petstore-3.1.yaml"])
def test_petstore_generates_imports_and_passes_mypy_strict(name: str, tmp_path: Path) -> None:
    typed = generate_and_check(corpus_spec(name), tmp_path / "out", "petstore")
    assert typed.returncode == 0, typed.stdout + typed.stderr
