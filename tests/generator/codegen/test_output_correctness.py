"""Inline specs for output that used to be wrong: recursive containers, discriminators on
enums reached through `allOf`, `$ref` cycles with and without a target, and the runtime
dependencies the models need (issue 15, item 3)."""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import ValidationError

from generator.errors import GeneratorError
from generator.pipeline import generate_package, write_package
from generator.stack import deep_call
from tests.helpers import Built, GenerateClient, forget

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
        forget("deep")


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


def strict_mypy(built: Built) -> subprocess.CompletedProcess[str]:
    """`mypy --strict` over the generated package, as the corpus test runs it."""
    out = Path(str(built.package.__file__)).parent.parent
    command = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "-p", built.package.__name__]
    return subprocess.run(command, cwd=out, capture_output=True, text=True, check=False)


TREE = (
    HEAD.replace('"#/components/schemas/Root"', '"#/components/schemas/Tree"')
    + """
components:
  schemas:
    Tree:
      type: array
      items:
        type: object
        additionalProperties: {$ref: "#/components/schemas/Tree"}
    Grid:
      type: array
      items: {type: array, items: {$ref: "#/components/schemas/Grid"}}
"""
)


@pytest.mark.slow
def test_recursive_arrays_of_maps_and_arrays_are_typed_and_validated(generate_client: GenerateClient) -> None:
    # Both used to be a bare `RootModel[list]`: mypy --strict refused it and any list passed.
    built = generate_client(TREE, package="trees")
    models = built.package.models
    tree = models.Tree.model_validate([{"a": [{}], "b": []}])
    assert isinstance(tree.root[0], models.TreeItem)
    assert isinstance(tree.root[0].root["a"], models.Tree)
    assert models.Grid.model_validate([[[], [[]]]]).root[0].root[1].root[0].root == []
    for refused in ([1], [{"a": "not a tree"}], [{"a": [3]}]):
        with pytest.raises(ValidationError):
            models.Tree.model_validate(refused)
    with pytest.raises(ValidationError):
        models.Grid.model_validate([[1]])
    typed = strict_mypy(built)
    assert typed.returncode == 0, typed.stdout + typed.stderr


DISCRIMINATED = (
    HEAD.replace('"#/components/schemas/Root"', '"#/components/schemas/Pet"')
    + """
components:
  schemas:
    Kind: {type: string, enum: [cat, dog]}
    Base:
      type: object
      required: [kind]
      properties: {kind: {$ref: "#/components/schemas/Kind"}}
    Cat:
      allOf:
        - $ref: "#/components/schemas/Base"
        - {type: object, properties: {meow: {type: boolean}}}
    Dog:
      allOf:
        - $ref: "#/components/schemas/Base"
        - {type: object, properties: {bark: {type: boolean}}}
    Pet:
      oneOf: [{$ref: "#/components/schemas/Cat"}, {$ref: "#/components/schemas/Dog"}]
      discriminator:
        propertyName: kind
        mapping: {cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog"}
"""
)


@pytest.mark.slow
def test_a_discriminator_typed_as_an_enum_through_all_of_passes_mypy_strict(generate_client: GenerateClient) -> None:
    # The branches said `kind: Literal["cat"]` over the base's `kind: Kind`: an incompatible override.
    built = generate_client(DISCRIMINATED, package="pets")
    models = built.package.models
    pet = models.Pet.model_validate({"kind": "dog", "bark": True})
    assert isinstance(pet.root, models.Dog)
    assert pet.root.kind is models.Kind.dog
    assert pet.model_dump(mode="json") == {"kind": "dog", "bark": True}
    with pytest.raises(ValidationError):
        models.Pet.model_validate({"kind": "cow"})
    typed = strict_mypy(built)
    assert typed.returncode == 0, typed.stdout + typed.stderr
