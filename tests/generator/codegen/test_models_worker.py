"""The models worker (`generator.codegen.models_worker`) gives what this process would make:
the same models, so the same package bytes, the same warnings and errors; and whatever it
cannot do, the pipeline does itself."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator import pipeline
from generator.codegen import models_worker
from generator.codegen.models import GeneratedModels, generate_models
from generator.errors import GeneratorError
from generator.pipeline import Generated, generate_package
from generator.spec.loader import Spec, load_spec
from tests.generator.spec.test_background_validation import INVALID
from tests.generator.spec.test_lenient import SLOPPY_31
from tests.helpers import ROOT, SPEC, corpus_spec, run_generator

BASELINE = ROOT / "tests" / "golden" / "baseline.openapi.yaml"


@pytest.fixture
def made_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each time the pipeline made models in this process (the worker's fallback included)."""
    calls: list[str] = []
    original = pipeline._models_here

    def counted(spec: Spec, package: str) -> GeneratedModels:
        calls.append(package)
        return original(spec, package)

    monkeypatch.setattr(pipeline, "_models_here", counted)
    return calls


@pytest.fixture
def prestarted(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], None]]:
    """Start a worker as `python -m generator generate` does, for this process to claim."""

    def start() -> None:
        models_worker.prestart(["generate"])

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    yield start
    while (worker := models_worker.claim()) is not None:
        worker.close()


def comparable(generated: Generated) -> tuple[dict[str, bytes], tuple[object, ...]]:
    return generated.files, generated.warnings


@pytest.mark.parametrize("spec", [SPEC, BASELINE], ids=["kinbox", "baseline"])
def test_the_encoding_gives_back_equal_models(spec: Path) -> None:
    models = generate_models(load_spec(spec).document, spec, "some_client")
    assert models_worker.decode(models_worker.encode(models)) == models


@pytest.mark.parametrize("name", ["kinbox", "baseline", "twilio-studio-v2.json"])
def test_a_package_made_with_the_worker_is_the_same(
    prestarted: Callable[[], None], made_here: list[str], name: str
) -> None:
    spec = {"kinbox": SPEC, "baseline": BASELINE}.get(name) or corpus_spec(name)
    here = generate_package(spec, package="some_client")
    assert made_here == ["some_client"]
    prestarted()
    assert models_worker._started, "the worker did not start"
    beside = generate_package(spec, package="some_client")
    assert not models_worker._started  # claimed
    assert made_here == ["some_client"], "the worker did not answer: the pipeline made the models itself"
    assert comparable(beside) == comparable(here)


def test_lenient_mode_hands_the_worker_the_repaired_document(
    prestarted: Callable[[], None], made_here: list[str], write_spec: Callable[..., Path]
) -> None:
    path = write_spec(SLOPPY_31)
    here = generate_package(path, package="sloppy_client", lenient=True)
    prestarted()
    assert comparable(generate_package(path, package="sloppy_client", lenient=True)) == comparable(here)
    assert len(made_here) == 1


def test_validation_errors_come_first_and_the_worker_is_stopped(
    prestarted: Callable[[], None], write_spec: Callable[..., Path]
) -> None:
    path = write_spec(INVALID)
    with pytest.raises(GeneratorError) as sequential:
        load_spec(path)
    prestarted()
    worker = models_worker._started[0]
    with pytest.raises(GeneratorError) as raised:
        generate_package(path, package="invalid_client")
    assert raised.value.diagnostics == sequential.value.diagnostics
    assert worker._process.poll() is not None


@pytest.mark.parametrize("executable", ["/nonexistent/python", "/bin/false"], ids=["cannot-start", "fails"])
def test_the_pipeline_makes_the_models_itself_when_the_worker_cannot(
    prestarted: Callable[[], None], made_here: list[str], monkeypatch: pytest.MonkeyPatch, executable: str
) -> None:
    here = generate_package(SPEC, package="some_client")
    monkeypatch.setattr(sys, "executable", executable)
    prestarted()
    assert comparable(generate_package(SPEC, package="some_client")) == comparable(here)
    assert len(made_here) == 2


def test_only_generate_starts_a_worker(prestarted: Callable[[], None]) -> None:
    for argv in (["diff", "a", "b"], ["generate", "--help"], []):
        models_worker.prestart(argv)
    assert models_worker.claim() is None


def test_the_command_line_uses_the_worker_and_writes_the_same_package(tmp_path: Path) -> None:
    result = run_generator("generate", SPEC, "--out", tmp_path / "out", "--package", "kinbox_client")
    assert result.returncode == 0, result.stderr
    here = generate_package(SPEC, package="kinbox_client")
    written = {
        str(p.relative_to(tmp_path / "out")): p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()
    }
    assert written == here.files
