"""Shared fixtures: project paths, running the generator, the third-party spec corpus."""

from __future__ import annotations

import importlib
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from generator.pipeline import Generated, generate_package, write_package

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
    for name in list(sys.modules):
        if any(name == package or name.startswith(package + ".") for package in imported):
            del sys.modules[name]
