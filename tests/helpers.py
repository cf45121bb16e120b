"""Plain helpers of the tests (no fixtures: those are in conftest.py): project paths, running
the generator, the spec corpus, edited copies of the Kinbox spec, and what `generate_client` gives.

The project's paths are bench's (`bench.core`): one statement of where things are, and bench
must not import tests.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from bench.core import CORPUS, GENERATED, ROOT, SPEC
from generator.pipeline import Generated, generate_package, write_package

__all__ = ["CORPUS", "GENERATED", "ROOT", "SPEC"]  # re-exported: tests import every path from here

PACKAGE = "kinbox_client"


def run_python(*args: str | Path, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess[str]:
    """`python ARGS` in a subprocess whose environment is `env` and the system PATH only, so
    nothing of the test run's own environment (its PYTHONPATH, a virtualenv) decides the result."""
    return subprocess.run(
        [sys.executable, *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", **env},
    )


def run_generator(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """`python -m generator ...` in a subprocess, as a user runs it."""
    return run_python("-m", "generator", *args, cwd=cwd, PYTHONPATH=str(ROOT))


def corpus_spec(name: str) -> Path:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"the shared spec corpus is not available ({path})")
    return path


# -- edited copies of the Kinbox spec (spec diff and changelog tests) -----------------------------


def kinbox(directory: Path, *replacements: tuple[str, str], name: str = "kinbox.openapi.yaml") -> Path:
    """A copy of the Kinbox spec with each (old, new) text replaced exactly once."""
    text = SPEC.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


SHRINK_NAME = ("          maxLength: 128\n", "          maxLength: 64\n")
DROP_WORKSPACE_ID = (
    (
        "        - workspaceId\n        - createdAt",
        "        - createdAt",
    ),
    (
        "        workspaceId:\n          type: integer\n          format: int64\n"
        "          description: Id of the workspace that owns the contact (documented as `number`; ids are whole numbers).\n",
        "",
    ),
)


def add_update_property(name: str) -> tuple[str, str]:
    """The replacement that adds an optional string property `name` to ContactUpdate."""
    end = "          description: Whether the contact is private.\n    ContactCreate:"
    return end, end.replace("    ContactCreate:", f"        {name}:\n          type: string\n    ContactCreate:")


ADD_NICKNAME = add_update_property("nickname")
# The spec's own info.version, so the bumps below keep testing bumps whatever the spec is at.
VERSION: str = yaml.safe_load(SPEC.read_text(encoding="utf-8"))["info"]["version"]
_MAJOR, _MINOR, _PATCH = (int(part) for part in VERSION.split("."))
NEXT_MAJOR, NEXT_MINOR, NEXT_PATCH = f"{_MAJOR + 1}.0.0", f"{_MAJOR}.{_MINOR + 1}.0", f"{_MAJOR}.{_MINOR}.{_PATCH + 1}"
MAJOR = (f"  version: {VERSION}\n", f"  version: {NEXT_MAJOR}\n")
MINOR_BUMP = (f"  version: {VERSION}\n", f"  version: {NEXT_MINOR}\n")


# -- generated packages from inline specs (construct and layout tests) -----------------------------


@dataclass(frozen=True)
class Built:
    """A package generated from an inline spec, written out and imported."""

    spec: Path
    generated: Generated  # in memory: `.api` is the IR, `.files` the bytes, `.warnings`
    package: ModuleType


GenerateClient = Callable[..., Built]


def forget(package: str) -> None:
    """Drop an imported package and its modules, so that a later test can import another of that name."""
    for name in [name for name in sys.modules if name.split(".")[0] == package]:
        del sys.modules[name]


@contextmanager
def imported_package(spec_text: str, package: str, directory: Path) -> Iterator[tuple[ModuleType, Generated]]:
    """A package generated from an inline spec into `directory`, importable inside the block only:
    what a module-scoped fixture needs (the `generate_client` fixture is per test)."""
    spec = directory / f"{package}.yaml"
    spec.write_text(spec_text, encoding="utf-8")
    generated = generate_package(spec, package=package)
    out = directory / "dist"
    write_package(generated, out)
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module(package), generated
    finally:
        sys.path.remove(str(out))
        forget(package)


# -- small stdlib HTTP servers (an API to install against, a decoy index) --------------------------


class QuietHandler(BaseHTTPRequestHandler):
    """A request handler that answers with `reply` and keeps the test output free of access logs."""

    def reply(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def http_server(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """`handler` served on a free port of 127.0.0.1 in a thread; yield the base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
