"""Model generation: pinned datamodel-code-generator options, names, and the extra-fields policy."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.codegen.models import DMCG_OPTIONS, generate_models
from generator.spec.loader import load_spec
from tests.helpers import SPEC

ROLES = """
openapi: 3.1.0
info: {title: Roles, version: "1.0.0"}
paths:
  /things:
    post:
      operationId: createThing
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/NewThing"}
      responses:
        "200":
          description: created
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Thing"}
    put:
      operationId: replaceThing
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Thing"}
      responses:
        "200":
          description: replaced
          content:
            application/json:
              schema:
                type: object
                properties:
                  thing: {$ref: "#/components/schemas/Thing"}
components:
  schemas:
    NewThing:
      type: object
      properties:
        name: {type: string}
        tags:
          type: array
          items: {type: object, properties: {label: {type: string}}}
    Thing:
      type: object
      properties:
        id: {type: integer}
        name: {type: string}
"""


def test_pinned_options_cover_every_announced_default_change() -> None:
    """dmcg warns about defaults it will change; with our options it must stay silent."""
    spec = load_spec(SPEC)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        models = generate_models(spec.document, spec.path, "kinbox_client")
    assert models.warnings == ()
    for option in ("use_annotated", "formatters", "allow_remote_refs", "use_missing_sentinel"):
        assert option in DMCG_OPTIONS


@pytest.fixture
def roles_models(write_spec: Callable[[str], Path]) -> dict[str, str]:
    spec = load_spec(write_spec(ROLES))
    models = generate_models(spec.document, spec.path, "kinbox_client")
    return {"source": models.files["models.py"], **{k: v.name for k, v in models.classes.items()}}


def test_request_only_objects_refuse_unknown_fields_and_responses_keep_them(roles_models: dict[str, str]) -> None:
    namespace: dict[str, object] = {}
    exec(compile(roles_models["source"], "models.py", "exec"), namespace)
    new_thing, thing = namespace["NewThing"], namespace["Thing"]
    # NewThing (and its inline item) is only ever sent: a typo must fail.
    assert new_thing.model_config["extra"] == "forbid"  # type: ignore[attr-defined]
    # Thing is sent *and* received: receiving wins, unknown server fields are kept.
    assert thing.model_config["extra"] == "allow"  # type: ignore[attr-defined]
    lifted = roles_models["/components/schemas/ReplaceThingResponse"]
    assert namespace[lifted].model_config["extra"] == "allow"  # type: ignore[attr-defined]
    # The inline object in NewThing.tags becomes a nested class; it is request-only too.
    assert namespace["Tag"].model_config["extra"] == "forbid"  # type: ignore[attr-defined]


def test_inline_operation_schemas_get_names_from_the_operation(roles_models: dict[str, str]) -> None:
    assert roles_models["/components/schemas/ReplaceThingResponse"] == "ReplaceThingResponse"
