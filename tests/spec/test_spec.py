"""The Kinbox spec itself: valid OpenAPI, every documented fact present, examples that hold."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
import yaml
from jsonschema.validators import Draft202012Validator
from openapi_spec_validator import validate

from generator.spec.openapi import deref, iter_operations
from tests.helpers import SPEC


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return document


def schema_validator(spec: dict[str, Any], schema: dict[str, Any]) -> Draft202012Validator:
    """Validate against a schema of the spec, resolving its local $refs."""
    root = {**spec, **schema}
    return Draft202012Validator(root, format_checker=jsonschema.FormatChecker())


def test_passes_openapi_spec_validator(spec: dict[str, Any]) -> None:
    validate(spec)
    assert spec["openapi"].startswith("3.1")


def test_documents_the_update_contact_operation(spec: dict[str, Any]) -> None:
    operation = spec["paths"]["/v3/contacts/{id}"]["patch"]
    assert operation["operationId"] == "updateContact"
    assert operation["tags"] == ["Contatos"]
    assert spec["servers"][0]["url"] == "https://api4.kinbox.com.br"
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": spec["components"]["securitySchemes"]["bearerAuth"]["description"],
    }
    assert spec["security"] == [{"bearerAuth": []}]


DOCUMENTED_FIELDS = [
    "_id", "customFields", "name", "email", "externalId", "origin", "phone", "location", "avatar",
    "facebookId", "instagramId", "telegramId", "notes", "isImported", "hasConversation", "newContact",
    "crmData", "CustomerCustomField", "isPrivate",
]  # fmt: skip


def test_request_schema_has_all_documented_fields_none_required(spec: dict[str, Any]) -> None:
    update = spec["components"]["schemas"]["ContactUpdate"]
    assert list(update["properties"]) == DOCUMENTED_FIELDS
    assert "required" not in update
    assert update["additionalProperties"] is False
    assert update["properties"]["name"]["maxLength"] == 128
    assert update["properties"]["email"]["maxLength"] == 100
    for obj in ("customFields", "crmData", "CustomerCustomField"):
        assert update["properties"][obj]["type"] == "object"


def test_response_schema_echoes_fields_and_is_forward_compatible(spec: dict[str, Any]) -> None:
    contact = spec["components"]["schemas"]["Contact"]
    assert set(DOCUMENTED_FIELDS) <= set(contact["properties"])
    assert contact["required"] == ["id", "workspaceId", "createdAt", "lastUpdateAt"]
    assert contact["additionalProperties"] is True
    assert contact["properties"]["id"]["type"] == "string"
    for stamp in ("createdAt", "lastUpdateAt", "updatedAt"):
        assert contact["properties"][stamp]["format"] == "date-time"


def test_path_id_is_a_positive_integer_with_a_reason(spec: dict[str, Any]) -> None:
    parameter = spec["components"]["parameters"]["ContactId"]
    assert parameter["schema"]["type"] == "integer"
    assert parameter["schema"]["minimum"] == 1
    assert "number" in parameter["description"]


@pytest.mark.parametrize("status", ["400", "401", "404", "413", "422", "429", "5XX"])
def test_error_responses_are_stated_assumptions_sharing_one_schema(spec: dict[str, Any], status: str) -> None:
    operation = spec["paths"]["/v3/contacts/{id}"]["patch"]
    response = deref(spec, operation["responses"][status], "").value
    assert "ASSUMPTION" in response["description"]
    assert response["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    if status == "429":
        assert "Retry-After" in response["headers"]


def _media_with_examples(spec: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for raw in iter_operations(spec):
        body = deref(spec, raw.operation.get("requestBody", {}), "").value
        for media_type, media in (body.get("content") or {}).items():
            found.append((f"{raw.at} request {media_type}", media))
        for status, response in raw.operation["responses"].items():
            resolved = deref(spec, response, "").value
            for media_type, media in (resolved.get("content") or {}).items():
                found.append((f"{raw.at} {status} {media_type}", media))
    return found


def test_every_body_and_response_has_named_examples_that_validate(spec: dict[str, Any]) -> None:
    checked = 0
    for where, media in _media_with_examples(spec):
        examples = media.get("examples")
        assert examples, f"{where} has no named examples"
        validator = schema_validator(spec, media["schema"])
        for name, example in examples.items():
            errors = [e.message for e in validator.iter_errors(example["value"])]
            assert not errors, f"{where} example {name!r}: {errors}"
            checked += 1
    assert checked >= 8


def test_example_validation_has_teeth(spec: dict[str, Any]) -> None:
    """The check above fails on an example that breaks its schema."""
    validator = schema_validator(spec, {"$ref": "#/components/schemas/ContactUpdate"})
    assert list(validator.iter_errors({"name": "x" * 129}))
    assert list(validator.iter_errors({"nmae": "typo"}))
    assert list(validator.iter_errors({"name": None}))
    assert not list(validator.iter_errors({"email": None}))
