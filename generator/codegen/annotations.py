"""Python annotations for schemas: `str`, `list[models.Contact]`, `Literal['a', 'b'] | None`.

A schema with a generated model class is named through its module (`models.Contact`,
`models_studio_v2.Flow`), so schema names never collide with the names a client module
uses itself; anything else is spelled out from its `type`, `enum`, `items`, ...
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..naming import snake_case
from ..spec.openapi import OpenApi
from . import ir
from .imports import ModelModule
from .models import GeneratedModels, ModelClass

PRIMITIVES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
MAX_ANNOTATION_DEPTH = 20
# String formats a parameter takes as a Python object (models get pydantic's types from datamodel-code-generator).
PARAMETER_FORMATS = {"date-time": ir.DATETIME, "date": ir.DATE}


@dataclass(frozen=True, slots=True)
class Annotations:
    """Python annotations for schemas, naming generated classes through their module."""

    openapi: OpenApi
    models: GeneratedModels

    def of(self, schema: Any, at: str, *, for_parameter: bool = False, depth: int = 0) -> ir.Annotation:
        if depth > MAX_ANNOTATION_DEPTH or not isinstance(schema, dict):
            return ir.ANY
        model = self.models.class_for(at)
        if model is not None and not (for_parameter and _is_plain_scalar(self.openapi, schema)):
            return _qualified(model)
        if isinstance(schema.get("$ref"), str):
            target = schema["$ref"].lstrip("#")
            return self.of(self.openapi.resolve(target), target, for_parameter=for_parameter, depth=depth + 1)
        declared = schema.get("type")
        type_names = [t for t in (declared if isinstance(declared, list) else [declared]) if isinstance(t, str)]
        nullable = schema.get("nullable") is True or "null" in type_names
        type_names = [t for t in type_names if t != "null"]
        base = self._base(schema, at, type_names, for_parameter, depth)
        return base.or_none() if nullable and not base.accepts_none else base

    def _base(
        self, schema: dict[str, Any], at: str, type_names: list[str], for_parameter: bool, depth: int
    ) -> ir.Annotation:
        literal = _literal(schema)
        if literal is not None:
            return literal
        if len(type_names) > 1:
            return ir.union(self._base(schema, at, [name], for_parameter, depth) for name in type_names)
        kind = type_names[0] if type_names else None
        if kind == "string" and schema.get("format") == "binary":
            return ir.BYTES
        if kind == "string" and for_parameter and schema.get("format") in PARAMETER_FORMATS:
            # The runtime sends these as RFC 3339 text (`_runtime/_params.py`) and refuses a
            # naive datetime; a string still works at run time, but the type says what to pass.
            return PARAMETER_FORMATS[schema["format"]]
        if kind in PRIMITIVES:
            return ir.Annotation(PRIMITIVES[kind])
        if kind == "array" or (kind is None and "items" in schema):
            items = schema.get("items")
            return self.of(items, at + "/items", for_parameter=for_parameter, depth=depth + 1).around("list[{}]")
        for keyword in ("anyOf", "oneOf"):
            if isinstance(schema.get(keyword), list) and schema[keyword]:
                members = [
                    self.of(sub, f"{at}/{keyword}/{index}", for_parameter=for_parameter, depth=depth + 1)
                    for index, sub in enumerate(schema[keyword])
                ]
                return ir.ANY if ir.ANY in members else ir.union(members)
        if kind == "object" or "additionalProperties" in schema or "properties" in schema:
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict) and extra:
                return self.of(extra, at + "/additionalProperties", depth=depth + 1).around("dict[str, {}]")
            return ir.ANY.around("dict[str, {}]")
        if kind == "null":
            return ir.NONE
        return ir.ANY


def _qualified(model: ModelClass) -> ir.Annotation:
    alias = "models" if not model.module else "models_" + snake_case(model.module.replace(".", " "))
    return ir.Annotation(f"{alias}.{model.name}", model_modules=frozenset({ModelModule(model.module, alias)}))


def _literal(schema: dict[str, Any]) -> ir.Annotation | None:
    """`Literal[...]` for an inline enum or const of strings, ints, bools (None widens it)."""
    if "const" in schema:
        values = [schema["const"]]
    elif isinstance(schema.get("enum"), list) and schema["enum"]:
        values = list(schema["enum"])
    else:
        return None
    if not all(v is None or isinstance(v, str | int) for v in values):  # bool is an int
        return None
    literals = [repr(v) for v in values if v is not None]
    if not literals:
        return ir.NONE
    literal = ir.Annotation(f"Literal[{', '.join(dict.fromkeys(literals))}]", frozenset({"Literal"}))
    return literal.or_none() if None in values else literal


def _is_plain_scalar(openapi: OpenApi, schema: dict[str, Any]) -> bool:
    """A string/number/boolean schema without enum: a parameter takes the plain value."""
    resolved = openapi.deref(schema, "").value if "$ref" in schema else schema
    declared = resolved.get("type")
    type_names = declared if isinstance(declared, list) else [declared]
    scalar = [t for t in type_names if t != "null"]
    return len(scalar) == 1 and scalar[0] in PRIMITIVES and "enum" not in resolved and "const" not in resolved
