"""Validation on the other core (`generator.spec.background`) reports exactly what a
sequential load does: the same spec and warnings, the same errors in the same order, and
the validation error first when a later stage fails on the same document."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import pytest

from generator import pipeline
from generator.cli import EXIT_USER_ERROR
from generator.errors import Diagnostic, GeneratorError
from generator.spec import background
from generator.spec.background import load_in_background
from generator.spec.lenient import STRICT_HINT
from generator.spec.loader import load_spec
from tests.generator.spec.test_lenient import SLOPPY_30, SLOPPY_31
from tests.helpers import ROOT, SPEC, corpus_spec, run_generator

# Valid, with warnings from both loading stages: an unquoted `$ref: #...` (a YAML comment, so
# null: normalization warns) and a malformed annotation-only keyword (the validator warns).
WARNED = """\
openapi: 3.1.0
info: {title: Warned, version: 1.0.0}
externalDocs: 7
paths:
  /things:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing', description: ignored beside a ref in 3.0}
components:
  schemas:
    Thing:
      type: object
      properties:
        id: {type: integer}
        owner:
          $ref: #/components/schemas/Thing
"""

# Invalid for the validator only (parsing and `$ref`s are fine), in three places.
INVALID = """\
openapi: 3.0.3
info: {title: Invalid, version: 1.0.0}
paths:
  /things/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer, default: seven}}
      responses:
        '200': {description: ok}
components:
  schemas:
    Thing: {type: object, properties: {size: {type: integer, minimum: small}}}
    Other: {type: strung}
"""


def outcome(load: Callable[[], object]) -> tuple[str, object]:
    """What loading gives: the spec's fields, or the error's diagnostics."""
    try:
        spec = load()
    except GeneratorError as error:
        return ("error", error.diagnostics)
    return ("spec", spec)


def both(path: Path) -> tuple[tuple[str, object], tuple[str, object]]:
    sequential = outcome(lambda: load_spec(path))
    concurrent = outcome(lambda: load_in_background(path, background=True).settle())
    return sequential, concurrent


@pytest.mark.parametrize(
    "text", [WARNED, INVALID, SLOPPY_30, SLOPPY_31], ids=["warned", "invalid", "sloppy30", "sloppy31"]
)
def test_the_background_check_reports_what_a_sequential_load_does(write_spec: Callable[..., Path], text: str) -> None:
    sequential, concurrent = both(write_spec(text))
    assert concurrent == sequential


def test_warnings_of_every_stage_arrive_in_order(write_spec: Callable[..., Path]) -> None:
    kind, spec = both(write_spec(WARNED))[1]
    assert kind == "spec"
    warnings: tuple[Diagnostic, ...] = spec.warnings  # type: ignore[attr-defined]
    assert [d.pointer for d in warnings] == ["/components/schemas/Thing/properties/owner/$ref", "/externalDocs"]
    assert all(d.line is not None for d in warnings)


def test_errors_keep_the_validators_order_and_the_lenient_hint(write_spec: Callable[..., Path]) -> None:
    kind, diagnostics = both(write_spec(SLOPPY_31))[1]
    assert kind == "error"
    assert isinstance(diagnostics, tuple)
    assert len(diagnostics) > 2
    assert diagnostics[-1].message == STRICT_HINT


@pytest.mark.parametrize("name", ["petstore-3.1.yaml", "twilio-studio-v2.json", "peer-opc/baseline_openapi_3.0.json"])
def test_corpus_specs_load_the_same(name: str) -> None:
    sequential, concurrent = both(corpus_spec(name))
    assert concurrent == sequential


def test_our_spec_loads_the_same() -> None:
    sequential, concurrent = both(SPEC)
    assert concurrent == sequential
    assert concurrent[0] == "spec"


@pytest.mark.parametrize("executable", ["/nonexistent/python", "/bin/false"], ids=["cannot-start", "fails"])
def test_a_child_that_cannot_answer_falls_back_to_validating_here(
    write_spec: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, executable: str
) -> None:
    path = write_spec(INVALID)
    expected = outcome(lambda: load_spec(path))
    monkeypatch.setattr(sys, "executable", executable)
    assert outcome(lambda: load_in_background(path, background=True).settle()) == expected


def test_close_stops_a_check_nobody_waits_for(write_spec: Callable[..., Path]) -> None:
    loading = load_in_background(write_spec(WARNED), background=True)
    check = loading._check
    assert check is not None
    loading.close()
    assert check._process.poll() is not None


def test_lenient_mode_validates_in_line(write_spec: Callable[..., Path]) -> None:
    """Lenient repairs depend on the validator's errors: nothing can start before them."""
    loading = load_in_background(write_spec(SLOPPY_31), lenient=True, background=True)
    assert loading._check is None
    assert loading.settle().warnings == load_spec(write_spec(SLOPPY_31), lenient=True).warnings


def test_the_validation_error_comes_first_when_a_later_stage_fails(
    write_spec: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sequential run never reaches the models of an invalid spec: whatever they make of it,
    the validator's errors are what the user is told."""
    path = write_spec(INVALID)
    with pytest.raises(GeneratorError) as sequential:
        load_spec(path)

    def models_fail(*args: object) -> NoReturn:
        raise GeneratorError(Diagnostic("cannot generate models: made up by this test"))

    monkeypatch.setattr(background, "_worthwhile", lambda: True)
    monkeypatch.setattr(pipeline, "generate_models", models_fail)
    with pytest.raises(GeneratorError) as raised:
        pipeline.generate_package(path, package="invalid_client")
    assert raised.value.diagnostics == sequential.value.diagnostics


def test_the_cli_reports_the_validation_errors_as_before(write_spec: Callable[..., Path]) -> None:
    path = write_spec(INVALID)
    with pytest.raises(GeneratorError) as raised:
        load_spec(path)
    result = run_generator("generate", path, "--out", path.parent / "out", "--package", "invalid_client")
    assert result.returncode == EXIT_USER_ERROR
    assert result.stderr.strip().splitlines() == [f"error: {d.render()}" for d in raised.value.diagnostics]
    assert not (path.parent / "out").exists()


def test_a_generation_does_not_import_the_validator_on_a_multicore_machine(tmp_path: Path) -> None:
    """The point of the background check: the quarter second of imports leaves the critical path."""
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("one usable core: validation runs in line")
    probe = (
        "import sys\n"
        "from generator.cli import main\n"
        f"code = main(['generate', {str(SPEC)!r}, '--out', {str(tmp_path / 'out')!r}, '--package', 'probe_client', '--quiet'])\n"
        "print(code, 'openapi_spec_validator' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT)},
    )
    assert result.stdout.split() == ["0", "False"], result.stderr
