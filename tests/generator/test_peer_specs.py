"""Peer suites: openapi-python-client's own end-to-end specs (`../shared/specs/peer-opc/`).

That generator accepts them; so does ours, in lenient mode where they need it (each
repair a located warning). Every operation is in the client (none silently skipped), the
package imports in a fresh interpreter and passes `mypy --strict`. Without the shared
corpus these tests skip.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.errors import GeneratorError
from generator.pipeline import Generated, generate_package, write_package
from generator.spec.lenient import STRICT_HINT
from generator.spec.loader import load_spec
from generator.spec.openapi import iter_operations
from tests.helpers import corpus_spec

# spec -> (import package, whether it needs lenient mode)
PEERS = {
    "peer-opc/baseline_openapi_3.0.json": ("opc_baseline_30", True),
    "peer-opc/baseline_openapi_3.1.yaml": ("opc_baseline_31", True),
    "peer-opc/3.1_specific.openapi.yaml": ("opc_specific_31", False),
    "peer-opc/openapi_3.1_enums.yaml": ("opc_enums_31", False),
}


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True, check=False)


def generate(name: str, out: Path) -> Generated:
    package, lenient = PEERS[name]
    generated = generate_package(corpus_spec(name), package=package, lenient=lenient)
    write_package(generated, out)
    return generated


@pytest.mark.slow
@pytest.mark.parametrize("name", list(PEERS))
def test_peer_spec_generates_every_operation_and_imports(name: str, tmp_path: Path) -> None:
    spec_path = corpus_spec(name)
    package, lenient = PEERS[name]
    if lenient:  # strict mode refuses it, with located errors only
        with pytest.raises(GeneratorError) as raised:
            load_spec(spec_path)
        assert all(
            d.file == spec_path and d.line is not None and d.pointer is not None for d in raised.value.diagnostics
        )
        assert raised.value.diagnostics[-1].message == STRICT_HINT

    generated = generate(name, tmp_path)
    declared = [
        (raw.method.upper(), raw.path) for raw in iter_operations(load_spec(spec_path, lenient=lenient).document)
    ]
    unsupported = [w for w in generated.warnings if "skipped" in w.message]
    generated_ops = [(op.method, op.path) for op in generated.api.operations]
    assert len(generated_ops) + len(unsupported) == len(declared), "an operation was silently left out"
    assert sorted(generated_ops) == sorted(declared)  # the resources layout groups them by tag
    assert all(w.file == spec_path and w.line is not None and w.pointer is not None for w in generated.warnings)

    imported = run(sys.executable, "-c", f"import {package}, {package}.models", cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr


@pytest.mark.slow
@pytest.mark.parametrize("name", list(PEERS))
def test_peer_spec_package_passes_mypy_strict(name: str, tmp_path: Path) -> None:
    generate(name, tmp_path)
    package, _ = PEERS[name]
    typed = run(sys.executable, "-m", "mypy", "--strict", "--no-incremental", "-p", package, cwd=tmp_path)
    assert typed.returncode == 0, typed.stdout + typed.stderr
