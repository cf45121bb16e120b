"""Generality: every spec of the shared third-party corpus goes through the whole chain.

generate -> import (in a fresh interpreter) -> `mypy --strict` -> call every operation,
sync and async, through `httpx.MockTransport` with schemathesis-generated requests and
schema-valid answers for every documented response (see `tests.calling`). Nothing may be
skipped: every operation of the spec must be in the client.

The corpus lives beside the checkout (`../shared/specs`); without it these tests skip.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.pipeline import generate_package, write_package
from generator.spec.loader import load_spec
from generator.spec.openapi import iter_operations
from tests.calling import Driver, check_operation
from tests.helpers import corpus_spec

# spec -> (import package, hypothesis examples per operation). Stripe's 417 operations get
# one example each, which keeps its run within a few minutes on two cores.
CORPUS = {
    "petstore-3.0.yaml": ("petstore_v30", 5),
    "petstore-3.1.yaml": ("petstore_v31", 5),
    "api-with-examples-3.0.yaml": ("api_with_examples", 5),
    "uspto-3.0.yaml": ("uspto", 5),
    "link-example-3.0.yaml": ("link_example", 5),
    "webhook-example-3.1.yaml": ("webhook_example", 5),
    "non-oauth-scopes-3.1.yaml": ("non_oauth_scopes", 5),
    "twilio-studio-v2.json": ("twilio_studio", 5),
    "adyen-transfers-v4.json": ("adyen_transfers", 3),
    "stripe-spec3.json": ("stripe_client", 1),
}


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True, check=False)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(CORPUS))
def test_corpus_spec_generates_a_working_package(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec_path = corpus_spec(name)
    package, examples = CORPUS[name]
    out = tmp_path / "out"

    generated = generate_package(spec_path, package=package)
    write_package(generated, out)
    spec = load_spec(spec_path)
    declared = [(raw.method.upper(), raw.path) for raw in iter_operations(spec.document)]
    assert [(op.method, op.path) for op in generated.api.operations] == declared, "an operation was left out"
    assert not [w for w in generated.warnings if "skipped" in w.message]

    imported = run(sys.executable, "-c", f"import {package}, {package}.models", cwd=out)
    assert imported.returncode == 0, imported.stderr

    typed = run(sys.executable, "-m", "mypy", "--strict", "--no-incremental", "-p", package, cwd=out)
    assert typed.returncode == 0, typed.stdout + typed.stderr

    monkeypatch.syspath_prepend(out)
    driver = Driver(spec.document, generated.api, importlib.import_module(package))
    started = time.perf_counter()
    calls = sum(check_operation(driver, op, examples) for op in generated.api.operations)
    # Every operation answered each of its documented responses (or a bare 2xx), sync and async.
    assert calls >= 2 * len(declared)
    print(f"{name}: {len(declared)} operations, {calls} calls in {time.perf_counter() - started:.1f} s")
