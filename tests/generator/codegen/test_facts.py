"""Facts shared by the runtime and the generator are written once, in the runtime's own
standard-library modules (`_kinds`, `_defaults`, `_exports`), and everything else follows them."""

from __future__ import annotations

import re
import subprocess
import sys

import httpx
import pytest

import kinbox_client
from generator.codegen.facts import defaults, exports
from generator.pipeline import generate_package
from kinbox_client import _runtime
from kinbox_client._runtime import _retry
from tests.helpers import GENERATED, PACKAGE, ROOT, SPEC


def test_the_readme_states_the_runtime_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Changing a default in `_defaults.py` changes what the generated README says."""
    monkeypatch.setattr(defaults, "MAX_BACKOFF", 16.0)
    monkeypatch.setattr(defaults, "TIMEOUT", 90.0)
    monkeypatch.setattr(defaults, "MAX_RETRIES", 3)
    monkeypatch.setattr(defaults, "BACKOFF_JITTER", 0.1)
    monkeypatch.setattr(defaults, "RETRYABLE_STATUS", frozenset({408, 425, 429}))
    readme = generate_package(SPEC, package=PACKAGE).files["README.md"].decode("utf-8")
    assert "| Timeout | 90 s per request, 5 s to connect |" in readme
    assert "| Retries | 3 retries after a connection error, a timeout, 408, 425, 429 or 5xx |" in readme
    assert "| Backoff | 0.5 s doubling to 16 s, minus up to 10% jitter | - |" in readme
    assert "honoured up to 60 s;" in readme


def test_the_runtime_uses_the_same_numbers() -> None:
    assert httpx.Timeout(defaults.TIMEOUT, connect=defaults.CONNECT_TIMEOUT) == _runtime.DEFAULT_TIMEOUT
    assert _runtime.DEFAULT_MAX_RETRIES == defaults.MAX_RETRIES
    assert _retry.backoff(0, rand=lambda: 0.0) == defaults.INITIAL_BACKOFF
    assert _retry.backoff(50, rand=lambda: 0.0) == defaults.MAX_BACKOFF
    assert _retry.backoff(50, rand=lambda: 1.0) == defaults.MAX_BACKOFF * (1 - defaults.BACKOFF_JITTER)
    assert all(_retry.is_retryable_status(status) for status in defaults.RETRYABLE_STATUS)


def test_the_package_exports_every_listed_name_and_the_readme_lists_every_error() -> None:
    readme = (GENERATED / "README.md").read_text(encoding="utf-8")
    errors_table = readme.split("## Errors", 1)[1].split("\n## ", 1)[0]
    for name in exports.EXPORTS:
        assert name in kinbox_client.__all__
        assert getattr(kinbox_client, name) is getattr(_runtime, name)
    assert kinbox_client.KinboxError is getattr(_runtime, exports.BASE_ERROR)
    for names, _ in exports.ERRORS:
        for name in names:
            assert issubclass(getattr(_runtime, name), kinbox_client.KinboxError)
            assert f"`{name}`" in errors_table
    listed = re.findall(r"^\| (`[A-Za-z]+`(?:, `[A-Za-z]+`)*) \|", errors_table, flags=re.MULTILINE)
    assert len(listed) == len(exports.ERRORS)


def test_generating_does_not_import_the_http_runtime() -> None:
    """The generator reads the fact modules from their files: importing `generator.runtime` would
    pull in httpx and the pydantic runtime for every generation."""
    probe = "import sys, generator.pipeline, generator.codegen.ir; print('httpx' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
