"""Shared fixtures: project paths, running the generator, the third-party spec corpus."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "kinbox.openapi.yaml"
GENERATED = ROOT / "generated"
PACKAGE = "kinbox_client"
# The shared corpus of real third-party specs, beside the checkout (absent on some machines).
CORPUS = ROOT.parent / "shared" / "specs"


def run_generator(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """`python -m generator ...` in a subprocess, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


@pytest.fixture
def write_spec(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write an inline spec (dedented) to a file and return its path."""

    def write(text: str, name: str = "spec.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path

    return write


@pytest.fixture(autouse=True)
def _close_callers() -> Iterator[None]:
    """Close every client a test opened through tests.support.Caller (and its event loop)."""
    yield
    from tests.support import OPEN_CALLERS  # imported late: it imports the generated package

    while OPEN_CALLERS:
        OPEN_CALLERS.pop().close()


def corpus_spec(name: str) -> Path:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"the shared spec corpus is not available ({path})")
    return path
