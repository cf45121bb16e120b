"""When a schema's `discriminator` decides its generated union: the rule the generator applies
and the spec diff follows, written once."""

from __future__ import annotations

from typing import Any

from .openapi import deref


def discriminator_applies(document: dict[str, Any], node: dict[str, Any]) -> bool:
    """Whether the generated union of `node`'s branches is decided by its `discriminator`.

    A discriminated union refuses a value without its tag, which JSON Schema (and so the
    server) allows when some branch does not require the property: there, the generator drops
    the discriminator and lets the union match by shape (`codegen.models`), and the spec diff
    ignores it (`evolution.composition`).
    """
    discriminator = node["discriminator"]
    name = discriminator.get("propertyName") if isinstance(discriminator, dict) else None
    branches = node.get("oneOf") or node.get("anyOf") or []
    return bool(branches) and all(_requires(document, branch, name, set()) for branch in branches)


def _requires(document: dict[str, Any], schema: Any, name: Any, seen: set[str]) -> bool:
    """Whether every value `schema` accepts has the property `name` (through $ref and allOf)."""
    if not isinstance(schema, dict):
        return False
    if isinstance(schema.get("$ref"), str):
        target = schema["$ref"].lstrip("#")
        if target in seen:
            return False
        seen.add(target)
        if _requires(document, deref(document, schema, "").value, name, seen):
            return True
    if name in (schema.get("required") or []):
        return True
    return any(_requires(document, part, name, seen) for part in schema.get("allOf") or [])
