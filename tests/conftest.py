"""Shared fixtures: inline specs written to files, packages generated from them, closing clients.

Plain helpers (paths, `run_generator`, `Built`, ...) are in tests/helpers.py.
"""

from __future__ import annotations

import importlib
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.pipeline import generate_package, write_package
from tests.helpers import Built, GenerateClient, forget


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


@pytest.fixture
def generate_client(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_spec: Callable[[str, str], Path]
) -> Iterator[GenerateClient]:
    """`generate_client(SPEC_TEXT, package="shop", **pipeline_options)` -> `Built`.

    The package is forgotten again after the test, so tests can reuse package names.
    """
    imported: list[str] = []

    def generate(text: str, package: str = "shop", **options: Any) -> Built:
        spec = write_spec(text, f"{package}.yaml")
        generated = generate_package(spec, package=package, **options)
        out = tmp_path / f"{package}-dist"
        write_package(generated, out)
        monkeypatch.syspath_prepend(out)
        imported.append(package)
        return Built(spec, generated, importlib.import_module(package))

    yield generate
    for package in imported:
        forget(package)
