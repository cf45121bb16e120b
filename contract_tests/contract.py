"""The spec as the mock server's oracle: JSON Schema validators compiled from the spec itself.

Deliberately independent of the generator and of the generated pydantic models: the mock
reads the YAML with PyYAML and validates with JSON Schema libraries, so a bug in the
generator cannot hide behind the same bug on the server side.

Each schema gets two validators: jsonschema-rs answers "valid?" in about a microsecond (the
path every valid request takes), and the pure-Python `jsonschema` explains, field by field,
why an invalid instance is invalid.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jsonschema_rs
import yaml
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

# An installed wheel carries the spec beside this module (pyproject's force-include); a checkout
# has the one at its root, which is then the only copy.
_PACKAGED_SPEC = Path(__file__).resolve().parent / "spec" / "kinbox.openapi.yaml"
SPEC_PATH = (
    _PACKAGED_SPEC if _PACKAGED_SPEC.is_file() else Path(__file__).resolve().parents[1] / "spec" / "kinbox.openapi.yaml"
)
OPERATION_PATH = "/v3/contacts/{id}"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_BASE = "urn:kinbox-spec"
MAX_PROBLEMS = 10
MAX_MESSAGE = 200


@dataclass(frozen=True, slots=True)
class SchemaCheck:
    """A fast yes/no validator and a thorough explaining one, for the same schema."""

    fast: jsonschema_rs.Validator
    explain: Draft202012Validator


@dataclass(frozen=True, slots=True)
class OperationChecks:
    """The validators of one operation: its query parameters by name, its JSON body (if any),
    and its responses by status as the spec writes them (`200`, `5XX`)."""

    query: dict[str, SchemaCheck]
    query_schemas: dict[str, dict[str, Any]]
    body: SchemaCheck | None
    responses: dict[str, SchemaCheck]

    def response_problems(self, contract: Contract, status: int, body: Any) -> list[Problem]:
        validator = self.responses.get(str(status)) or self.responses.get(f"{status // 100}XX")
        if validator is None:
            return [Problem("", f"status {status} is not documented")]
        return contract.problems(validator, body)


@dataclass(frozen=True, slots=True)
class Problem:
    """One reason a request breaks the contract: where (a JSON pointer) and why."""

    field: str
    message: str

    def as_json(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


def _escape(token: object) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def _pointer(*tokens: object) -> str:
    return "".join("/" + _escape(token) for token in tokens)


def _ref(json_pointer: str) -> dict[str, str]:
    """A `$ref` to a pointer of the spec; in a URI fragment it is percent-encoded (RFC 6901 §6)."""
    return {"$ref": f"{_BASE}#{quote(json_pointer, safe='/~')}"}


class Contract:
    """Validators for the Update Contact operation, built from the spec document."""

    def __init__(self, spec_path: Path = SPEC_PATH) -> None:
        self.document: dict[str, Any] = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
        self._registry: Registry[Any] = Registry().with_resource(
            _BASE, Resource.from_contents(self.document, default_specification=DRAFT202012)
        )
        self._fast_registry = jsonschema_rs.Registry([(_BASE, self.document)])
        path_item = self.document["paths"][OPERATION_PATH]
        self.allowed_methods = tuple(sorted(m.upper() for m in path_item if m in HTTP_METHODS))
        operation_at = _pointer("paths", OPERATION_PATH, "patch")
        operation = path_item["patch"]
        parameter = self._resolve(operation["parameters"][0])
        self.id_validator = self._validator(
            _ref(self._location(operation["parameters"][0], operation_at + "/parameters/0") + "/schema")
        )
        self.parameter_name: str = parameter["name"]
        body_at = operation_at + "/requestBody/content/application~1json/schema"
        self.body_validator = self._validator(_ref(body_at))
        self.body_schema = self._resolve(operation["requestBody"]["content"]["application/json"]["schema"])
        self.response_validators = {
            status: self._validator(
                _ref(
                    self._location(response, operation_at + _pointer("responses", status))
                    + "/content/application~1json/schema"
                )
            )
            for status, response in operation["responses"].items()
        }

    @property
    def writable_fields(self) -> tuple[str, ...]:
        """Properties a PATCH may change."""
        return tuple(self.body_schema.get("properties", {}))

    def nullable(self, field: str) -> bool:
        declared = self.body_schema.get("properties", {}).get(field, {}).get("type")
        return isinstance(declared, list) and "null" in declared

    def problems(self, check: SchemaCheck, instance: Any, prefix: str = "") -> list[Problem]:
        """Why `instance` breaks the schema, one problem per field; empty when it does not."""
        if check.fast.is_valid(instance):
            return []
        found = []
        for error in sorted(check.explain.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path))):
            message = " ".join(error.message.split())
            if len(message) > MAX_MESSAGE:
                message = message[: MAX_MESSAGE - 1] + "…"
            found.append(Problem(prefix + _pointer(*error.absolute_path), message))
            if len(found) == MAX_PROBLEMS:
                break
        if not found:  # the two libraries disagree: the fast one refused it, so say what it saw
            error = next(iter(check.fast.iter_errors(instance)))
            found.append(Problem(prefix + _pointer(*error.instance_path), error.message[:MAX_MESSAGE]))
        return found

    def response_problems(self, status: int, body: Any) -> list[Problem]:
        """Self-check of the mock's own answers against the documented response schemas."""
        validator = self.response_validators.get(str(status)) or self.response_validators.get(f"{status // 100}XX")
        if validator is None:
            return [Problem("", f"status {status} is not documented")]
        return self.problems(validator, body)

    def operation(self, path: str, method: str) -> OperationChecks:
        """The validators of the operation at `path` and `method` (lower case), from the spec."""
        at = _pointer("paths", path, method)
        operation = self.document["paths"][path][method]
        query: dict[str, SchemaCheck] = {}
        query_schemas: dict[str, dict[str, Any]] = {}
        for index, parameter in enumerate(operation.get("parameters", [])):
            resolved = self._resolve(parameter)
            if resolved.get("in") == "query":
                where = self._location(parameter, f"{at}/parameters/{index}")
                query[resolved["name"]] = self._validator(_ref(where + "/schema"))
                query_schemas[resolved["name"]] = self._resolve(resolved["schema"])
        body = None
        if "requestBody" in operation:
            body = self._validator(_ref(at + "/requestBody/content/application~1json/schema"))
        responses = {
            status: self._validator(
                _ref(self._location(response, at + _pointer("responses", status)) + "/content/application~1json/schema")
            )
            for status, response in operation["responses"].items()
        }
        return OperationChecks(query, query_schemas, body, responses)

    def _validator(self, schema: dict[str, Any]) -> SchemaCheck:
        return SchemaCheck(
            fast=jsonschema_rs.validator_for(schema, registry=self._fast_registry, validate_formats=True),
            explain=Draft202012Validator(schema, registry=self._registry, format_checker=FormatChecker()),
        )

    def _resolve(self, value: Any) -> dict[str, Any]:
        while isinstance(value, dict) and "$ref" in value:
            value = self._registry.resolver(_BASE).lookup(_BASE + value["$ref"]).contents
        return value if isinstance(value, dict) else {}

    def _location(self, value: Any, at: str) -> str:
        """Where a possibly `$ref`'d object lives, as a pointer."""
        while isinstance(value, dict) and "$ref" in value:
            at = value["$ref"].lstrip("#")
            value = self._registry.resolver(_BASE).lookup(_BASE + value["$ref"]).contents
        return at
