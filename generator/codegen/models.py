"""Pydantic models from the spec's schemas, through datamodel-code-generator's Python API.

Three steps:

1. Plan. Inline schemas of operations that need a class (objects, compositions) are lifted
   into `components/schemas` under names we choose (`UpdateContactBody`), so class names
   never depend on datamodel-code-generator's heuristics for paths. Object schemas that
   do not say `additionalProperties` get it from their role: reachable only from request
   bodies means `false` (a misspelt field raises), anything a response can carry means
   `true` (fields the server adds later are kept, not refused).
2. Generate. Every option that shapes the output is pinned in `DMCG_OPTIONS`, including
   the defaults datamodel-code-generator has announced it will change.
3. Index. The model metadata tells which class (and module) each `$ref` became; the IR
   builder annotates operations from it.
"""

from __future__ import annotations

import json
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datamodel_code_generator import Error as DmcgError
from datamodel_code_generator import generate
from datamodel_code_generator._format_types import DatetimeClassType, PythonVersion
from datamodel_code_generator.enums import (
    DataModelType,
    DefaultValueType,
    InputFileType,
    OpenAPIScope,
    StrictTypes,
    TargetPydanticVersion,
)

from .. import GENERATED_HEADER
from ..errors import Diagnostic, GeneratorError
from ..naming import pascal_case, unique
from ..spec.discriminators import discriminator_applies
from ..spec.openapi import (
    deref,
    iter_operations,
    operation_parameters,
    request_body,
    responses,
    schema_of,
)
from ..spec.pointers import pointer
from ..spec.refs import resolve_pointer

# Every option that changes the generated models, pinned. A new datamodel-code-generator
# default can then only change the output through a deliberate edit here (and the golden
# test shows the effect).
DMCG_OPTIONS: dict[str, Any] = {
    "input_file_type": InputFileType.OpenAPI,
    "openapi_scopes": [OpenAPIScope.Schemas],
    "output_model_type": DataModelType.PydanticV2BaseModel,
    "target_python_version": PythonVersion.PY_311,
    "target_pydantic_version": TargetPydanticVersion.V2_14,
    # Absent and null are different things in a PATCH: unset fields are MISSING and never
    # serialized; `None` is accepted only where the schema allows null.
    "use_missing_sentinel": True,
    "use_annotated": True,  # scheduled to become the default
    "formatters": [],  # scheduled to change; ruff formats the whole package afterwards
    "allow_remote_refs": False,  # scheduled to change; never fetch anything
    "field_constraints": True,
    # A JSON Schema `type` is exact: "true" is not a boolean and 1 is not a string. Lax pydantic
    # would coerce them and send a body the caller never wrote; strict scalars refuse them.
    # Integers get the runtime's JsonInt instead (see `_prepare_schemas`): strict, but 3.0 is 3.
    "strict_types": [StrictTypes.str, StrictTypes.float, StrictTypes.bool],
    "snake_case_field": True,
    "allow_population_by_field_name": True,
    "use_union_operator": True,
    "use_standard_collections": True,
    "use_schema_description": True,
    "use_field_description": True,
    "use_double_quotes": True,
    "disable_timestamp": True,
    "enable_version_header": False,
    "custom_file_header": GENERATED_HEADER,
    "collapse_root_models": False,
    "reuse_model": False,
    "capitalise_enum_members": False,
    "use_title_as_name": False,
    "use_exact_imports": False,
    "strict_nullable": True,
    "keep_model_order": False,
    "output_datetime_class": DatetimeClassType.Awaredatetime,
    # An enum field's default is the member (`AccountType.checking`), not its bare value,
    # which mypy --strict refuses (Adyen's `accountType: ... default: checking`).
    "deserialize_default_values": [DefaultValueType.Enum],
    # A branch's discriminator is `Literal[Kind.cat]`, not `Literal["cat"]`, so it narrows the
    # `kind: Kind` its allOf base declares instead of contradicting it (mypy --strict refuses that).
    "use_enum_values_in_discriminator": True,
    "encoding": "utf-8",
}


@dataclass(frozen=True, slots=True)
class ModelClass:
    module: str  # dotted module below the models package; "" for its root
    name: str


@dataclass(frozen=True, slots=True)
class GeneratedModels:
    """The models package: its files and which class each schema became."""

    files: dict[str, str]  # path relative to the package dir -> source
    classes: dict[str, ModelClass]  # pointer (no '#') of a schema -> its class
    lifted: dict[str, str]  # pointer of an inline operation schema -> pointer of its component
    public_names: tuple[str, ...]  # classes importable from the models package root
    warnings: tuple[Diagnostic, ...]

    def class_for(self, schema_pointer: str) -> ModelClass | None:
        return self.classes.get(self.lifted.get(schema_pointer, schema_pointer))


def generate_models(document: dict[str, Any], spec_path: Path, package: str) -> GeneratedModels:
    plan_document, lifted = plan_models(document, package)
    if not plan_document.get("components", {}).get("schemas"):
        return GeneratedModels(
            files={"models.py": GENERATED_HEADER + '"""No schemas in this API."""\n'},
            classes={},
            lifted={},
            public_names=(),
            warnings=(),
        )
    with tempfile.TemporaryDirectory(prefix="generator-models-") as scratch:
        metadata_path = Path(scratch) / "metadata.json"
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                result = generate(plan_document, emit_model_metadata=metadata_path, **DMCG_OPTIONS)
            except DmcgError as exc:
                raise GeneratorError(
                    Diagnostic(f"cannot generate models: {exc}", file=spec_path, pointer="/components/schemas")
                ) from None
        metadata = json.loads(metadata_path.read_text(encoding="utf-8"))
    files = _model_files(result)
    classes: dict[str, ModelClass] = {}
    for model in metadata["models"]:
        ref = model.get("source_ref") or ""
        if ref.startswith("#/"):
            classes.setdefault(ref[1:], ModelClass(model["module"] or "", model["class_name"]))
    public = tuple(sorted({c.name for c in classes.values() if c.module == ""}))
    found = tuple(
        Diagnostic(f"datamodel-code-generator: {w.message}", file=spec_path) for w in _unique_warnings(caught)
    )
    return GeneratedModels(files=files, classes=classes, lifted=lifted, public_names=public, warnings=found)


def _model_files(result: object) -> dict[str, str]:
    if isinstance(result, str):
        return {"models.py": result}
    if isinstance(result, dict):
        return {"/".join(("models", *parts)): source for parts, source in result.items()}
    raise TypeError(f"unexpected datamodel-code-generator result: {type(result).__name__}")


def _unique_warnings(caught: list[warnings.WarningMessage]) -> list[warnings.WarningMessage]:
    seen: set[str] = set()
    kept = []
    for warning in caught:
        text = str(warning.message)
        if text not in seen:
            seen.add(text)
            kept.append(warning)
    return kept


# -- planning -----------------------------------------------------------------------------


def plan_models(document: dict[str, Any], package: str) -> tuple[dict[str, Any], dict[str, str]]:
    """A copy of the document with lifted schemas, explicit `additionalProperties` and the
    runtime's integer type; `package` is the import name the models will live in."""
    plan: dict[str, Any] = json.loads(json.dumps(document))
    schemas: dict[str, Any] = plan.setdefault("components", {}).setdefault("schemas", {})
    taken = {pascal_case(name) for name in schemas}
    lifted: dict[str, str] = {}
    request_roots: list[str] = []
    response_roots: list[str] = []

    def lift(schema: Any, at: str, name: str) -> None:
        """Give the first schema that needs a class (looking through arrays/maps) a name."""
        if at in lifted or not isinstance(schema, dict):
            return
        if _needs_model(schema):
            component = unique(pascal_case(name), taken)
            taken.add(component)
            schemas[component] = json.loads(json.dumps(schema))
            lifted[at] = pointer("components", "schemas", component)
            # The operation now refers to its component, so the plan reads as one consistent
            # document (the corpus tests generate requests and responses from it).
            schema.clear()
            schema["$ref"] = "#" + lifted[at]
        elif isinstance(schema.get("items"), dict):
            lift(schema["items"], at + "/items", name + "Item")
        elif isinstance(schema.get("additionalProperties"), dict):
            lift(schema["additionalProperties"], at + "/additionalProperties", name + "Value")

    for raw in iter_operations(plan):
        op_name = pascal_case(raw.operation.get("operationId") or f"{raw.method} {raw.path}")
        for parameter in operation_parameters(plan, raw):
            if "schema" in parameter.value:
                param_name = f"{op_name} {parameter.value.get('name', '')} Param"
                lift(parameter.value["schema"], parameter.at + "/schema", param_name)
        body = request_body(plan, raw)
        if body is not None:
            found = schema_of(body[0], body[1])
            if found is not None:
                lift(found[0], found[1], _container_name(body[0].at, f"{op_name}Body"))
                request_roots.append(found[1])
        for status, response, media_type in responses(plan, raw):
            found = schema_of(response, media_type)
            if found is not None:
                suffix = "Response" if status in ("200", "201") else f"Response{status}"
                lift(found[0], found[1], _container_name(response.at, op_name + suffix))
                response_roots.append(found[1])
    _name_recursive_items(schemas, taken)
    _prepare_schemas(plan, lifted, request_roots, response_roots, f"{package}._runtime.JsonInt")
    return plan, lifted


def _name_recursive_items(schemas: dict[str, Any], taken: set[str]) -> None:
    """Give an array's inline container items a component when they refer back to the array.

    datamodel-code-generator types `Tree: {type: array, items: {type: object,
    additionalProperties: {$ref: Tree}}}` as a bare `RootModel[list]`, which mypy --strict
    refuses and which accepts any list; with the items named (`TreeItem`) it is
    `RootModel[list[TreeItem]]` and `TreeItem` is `RootModel[dict[str, Tree]]`.
    """
    for name in list(schemas):
        schema = schemas[name]
        items = schema.get("items") if isinstance(schema, dict) and schema.get("type") == "array" else None
        if not isinstance(items, dict) or "$ref" in items or _needs_model(items):
            continue
        if not isinstance(items.get("items") or items.get("additionalProperties"), dict):
            continue  # not a container: nothing for the recursion to hide in
        if not _refers_to(items, "#" + pointer("components", "schemas", name)):
            continue
        component = unique(pascal_case(name + "Item"), taken)
        taken.add(component)
        schemas[component] = items
        schema["items"] = {"$ref": "#" + pointer("components", "schemas", component)}


def _refers_to(schema: Any, ref: str) -> bool:
    """Whether `schema` or an inline subschema of it is `{$ref: ref}`."""
    if not isinstance(schema, dict):
        return False
    return schema.get("$ref") == ref or any(_refers_to(sub, ref) for sub, _ in _subschemas(schema, ""))


def _container_name(at: str, fallback: str) -> str:
    """A shared requestBody/response component is named after itself, not its first user."""
    parts = at.split("/")
    if len(parts) >= 4 and parts[1] == "components" and parts[2] in ("requestBodies", "responses"):
        return parts[3] + ("Body" if parts[2] == "requestBodies" else "")
    return fallback


def _needs_model(schema: dict[str, Any]) -> bool:
    if "$ref" in schema:
        return False
    return bool(schema.get("properties")) or any(k in schema for k in ("allOf", "anyOf", "oneOf"))


# Resource identifiers are meaningless once every $ref is a local pointer, and would make
# datamodel-code-generator resolve references a second time, differently.
RESOURCE_KEYWORDS = ("$id", "$anchor", "$dynamicAnchor", "$schema", "$vocabulary")


def _prepare_schemas(
    plan: dict[str, Any], lifted: dict[str, str], request_roots: list[str], response_roots: list[str], json_int: str
) -> None:
    """Drop resource keywords, make `additionalProperties` explicit from each schema's role,
    and type plain integers with the runtime's JsonInt."""
    request_nodes = _reachable_objects(plan, [lifted.get(r, r) for r in request_roots])
    response_nodes = _reachable_objects(plan, [lifted.get(r, r) for r in response_roots])
    components = [pointer("components", "schemas", name) for name in plan["components"]["schemas"]]
    for at, node in _reachable_objects(plan, components).items():
        for keyword in RESOURCE_KEYWORDS:
            node.pop(keyword, None)
        if _is_plain_integer(node):
            node["customTypePath"] = json_int
        if "discriminator" in node and not discriminator_applies(plan, node):
            # A discriminated union refuses a value without its tag, which JSON Schema (and
            # so the server) allows when the property is optional: let the union match it.
            del node["discriminator"]
        if not _is_object_schema(node):
            continue
        if "type" not in node:
            # Strictly, `properties` without `type` also admits strings or null; every tool
            # (and every author) means an object, and the models say so: make it explicit.
            node["type"] = "object"
        if "additionalProperties" in node:
            continue
        request_only = at in request_nodes and at not in response_nodes
        node["additionalProperties"] = not request_only


def _is_plain_integer(node: dict[str, Any]) -> bool:
    """`type: integer` (or [integer, null]) that is not an enum: a number, not a choice."""
    declared = node.get("type")
    types = [t for t in (declared if isinstance(declared, list) else [declared]) if t != "null"]
    return types == ["integer"] and "enum" not in node and "const" not in node and "$ref" not in node


def _is_object_schema(node: dict[str, Any]) -> bool:
    declared = node.get("type")
    types = declared if isinstance(declared, list) else [declared]
    return "object" in types or ("properties" in node and declared is None)


def _reachable_objects(plan: dict[str, Any], roots: list[str]) -> dict[str, dict[str, Any]]:
    """Every schema node reachable from `roots` (following $ref), by pointer."""
    found: dict[str, dict[str, Any]] = {}
    stack = [(resolve_pointer(plan, root), root) for root in roots if _exists(plan, root)]
    while stack:
        node, at = stack.pop()
        if not isinstance(node, dict) or at in found:
            continue
        found[at] = node
        if isinstance(node.get("$ref"), str):
            target = deref(plan, node, at)
            stack.append((target.value, target.at))
        stack.extend(_subschemas(node, at))
    return found


def _subschemas(node: dict[str, Any], at: str) -> Iterator[tuple[Any, str]]:
    for key in ("properties", "patternProperties", "$defs", "definitions"):
        for name, sub in (node.get(key) or {}).items():
            yield sub, at + pointer(key, name)
    for key in ("items", "additionalProperties", "not", "contains", "unevaluatedProperties"):
        if isinstance(node.get(key), dict):
            yield node[key], at + pointer(key)
    for key in ("allOf", "anyOf", "oneOf", "prefixItems"):
        for index, sub in enumerate(node.get(key) or []):
            yield sub, at + pointer(key, index)


def _exists(plan: dict[str, Any], at: str) -> bool:
    try:
        resolve_pointer(plan, at)
    except KeyError:
        return False
    return True
