"""What the request schema allows, read from the spec: one `FieldRule` per ContactUpdate property.

The spec uses few keywords on ContactUpdate (`type` with optional `null`, `maxLength`,
`additionalProperties`), so the server checks them by hand, as a real server would, rather than
through a JSON Schema library. A keyword the reader does not know is refused at import, so a
spec change cannot silently leave the server checking less than the contract says.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SPEC_PATH = Path(__file__).resolve().parents[3] / "spec" / "kinbox.openapi.yaml"
OPERATION_PATH = "/v3/contacts/{id}"
MAX_ID = 2**63 - 1  # the ContactId parameter's `maximum`
_KNOWN_KEYWORDS = frozenset({"type", "maxLength", "description", "additionalProperties"})


def json_type(value: Any) -> str:
    """The JSON type of a decoded value (a bool is not a number here, whatever Python says)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


@dataclass(frozen=True)
class FieldRule:
    name: str
    types: frozenset[str]
    max_length: int | None

    @property
    def nullable(self) -> bool:
        return "null" in self.types

    def admits_type(self, value: Any) -> bool:
        kind = json_type(value)
        return kind in self.types or (kind == "integer" and "number" in self.types)


def _schema(document: dict[str, Any], ref: str) -> dict[str, Any]:
    node: Any = document
    for token in ref.removeprefix("#/").split("/"):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return dict(node)


def load_rules(spec_path: Path = SPEC_PATH) -> dict[str, FieldRule]:
    document = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    body = document["paths"][OPERATION_PATH]["patch"]["requestBody"]["content"]["application/json"]["schema"]
    schema = _schema(document, body["$ref"]) if "$ref" in body else body
    if schema.get("additionalProperties") is not False:
        raise ValueError("the faulty server assumes ContactUpdate refuses unknown properties")
    rules = {}
    for name, prop in schema["properties"].items():
        unknown = set(prop) - _KNOWN_KEYWORDS
        if unknown:
            raise ValueError(f"ContactUpdate.{name} uses {sorted(unknown)}, which the faulty server does not check")
        declared = prop["type"]
        types = frozenset([declared] if isinstance(declared, str) else declared)
        rules[name] = FieldRule(name, types, prop.get("maxLength"))
    return rules
