"""Inline specs for output that used to be wrong: recursive containers, discriminators on
enums reached through `allOf`, `$ref` cycles with and without a target, and the runtime
dependencies the models need (issue 15, item 3)."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import ValidationError

from generator.errors import GeneratorError
from generator.pipeline import generate_package, write_package
from generator.stack import deep_call
from tests.conftest import GenerateClient

HEAD = """
openapi: 3.0.3
info: {title: T, version: "1.0.0"}
paths:
  /things:
    get:
      operationId: getThing
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: "#/components/schemas/Root"}}}
"""


def ring(length: int) -> str:
    """`length` object schemas, each reaching the next through an inline object: one cycle."""
    schemas = "".join(
        f"    A{i}:\n      type: object\n      properties:\n        next:\n          type: object\n"
        f"          properties:\n            inner: {{$ref: '#/components/schemas/A{(i + 1) % length}'}}\n"
        for i in range(length)
    )
    return HEAD + "components:\n  schemas:\n    Root: {$ref: '#/components/schemas/A0'}\n" + schemas


@pytest.mark.slow
def test_a_deep_but_valid_ref_cycle_generates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_spec: Callable[[str, str], Path]
) -> None:
    # 300 schemas deep exceeded Python's recursion limit in the validator ("maximum recursion
    # depth exceeded"); the document is valid and its models are ordinary.
    generated = generate_package(write_spec(ring(300), "deep.yaml"), package="deep")
    write_package(generated, tmp_path / "out")
    monkeypatch.syspath_prepend(tmp_path / "out")
    # pydantic builds a cycle's schemas recursively too, when the module is imported: a cycle
    # this long needs the same deep stack there.
    models = deep_call(importlib.import_module, "deep.models")
    try:
        value = models.A0.model_validate({"next": {"inner": {"next": {"inner": {}}}}})
        assert isinstance(value.next.inner, models.A1)
        assert isinstance(value.next.inner.next.inner, models.A2)
    finally:
        for name in [name for name in sys.modules if name == "deep" or name.startswith("deep.")]:
            del sys.modules[name]


SELF_BODY = """
openapi: 3.0.3
info: {title: T, version: "1.0.0"}
paths:
  /things:
    post:
      operationId: postThing
      requestBody: {$ref: "#/components/requestBodies/B"}
      responses: {"204": {description: done}}
components:
  requestBodies:
    B: {$ref: "#/components/requestBodies/B"}
    C: {$ref: "#/components/requestBodies/D"}
    D: {$ref: "#/components/requestBodies/C"}
  schemas:
    Fine:
      type: object
      properties: {again: {$ref: "#/components/schemas/Fine"}}
"""


def test_a_ref_cycle_without_a_target_is_reported_with_its_chain(generate_client: GenerateClient) -> None:
    # It used to be dropped silently: the operation was generated without its body.
    with pytest.raises(GeneratorError) as caught:
        generate_client(SELF_BODY, package="cycles")
    messages = [(d.pointer, d.message) for d in caught.value.diagnostics]
    assert messages == [
        (
            "/components/requestBodies/B/$ref",
            "$ref cycle with no target: #/components/requestBodies/B -> #/components/requestBodies/B",
        ),
        (
            "/components/requestBodies/C/$ref",
            "$ref cycle with no target: #/components/requestBodies/C -> #/components/requestBodies/D"
            " -> #/components/requestBodies/C",
        ),
    ]
    assert "cycles.yaml:11 #/components/requestBodies/B/$ref" in str(caught.value)


def test_a_recursive_schema_is_not_a_cycle_without_a_target(generate_client: GenerateClient) -> None:
    fine = SELF_BODY.replace('      requestBody: {$ref: "#/components/requestBodies/B"}\n', "")
    fine = fine.split("  requestBodies:")[0] + "  schemas:" + fine.split("  schemas:")[1]
    built = generate_client(fine, package="recursive")
    assert built.package.models.Fine.model_validate({"again": {"again": {}}}).again is not None


def test_refused_values_stay_refused(generate_client: GenerateClient) -> None:
    built = generate_client(ring(2), package="ring")
    with pytest.raises(ValidationError):
        built.package.models.A0.model_validate({"next": "not an object"})
