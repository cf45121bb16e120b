"""Lenient mode: repair the sloppiness of third-party specs whose intent is clear, with a warning each.

Strict mode (the default) refuses a document the OpenAPI meta-schemas refuse. Specs written
by other teams often hold mistakes that say plainly what was meant; lenient mode rewrites
those in place before validation, so the validator and every later stage see a valid
document, and reports each rewrite as a located warning:

- OpenAPI 3.0 keywords in a 3.1 document: `exclusiveMinimum: true` / `exclusiveMaximum: true`
  beside `minimum` / `maximum` become the 3.1 number form; `nullable: true` adds `"null"` to
  `type` (without a `type` it is dropped);
- `const` in a 3.0 document becomes a one-value `enum`, and a 3.1 type list (`type: [string, "null"]`)
  becomes `type` with `nullable: true` (an `anyOf` of the types when there are several);
- a number as `info.version` (YAML reads `version: 1.0` as one) becomes the string it was written as;
- duplicate entries in `required` are dropped;
- `$`-keywords the document's dialect does not define (`$recursiveAnchor`, `$recursiveRef`, ...)
  are dropped;
- a `title` on a path item or operation (OpenAPI has none there) is dropped;
- a 3.0 document without `paths` (a components-only document, which 3.1 allows) has none;
- a document without `info` gets `info: {title: API, version: 0.1.0}` (`--package-version` overrides);
- a `default` that does not match its schema is dropped (see `generator.spec.loader`: this one
  is found by the validator, not here).

Anything else the validator refuses stays an error in both modes.
"""

from __future__ import annotations

from typing import Any

from ..errors import Diagnostic
from ..settings import LENIENT_KEY, TABLE
from .pointers import pointer, split_pointer

LENIENT_FLAG = f"--{LENIENT_KEY}"

# The `$`-keywords each dialect defines; any other `$`-key in a schema is dropped.
DOLLAR_KEYWORDS_31 = frozenset(
    {"$ref", "$id", "$schema", "$anchor", "$dynamicRef", "$dynamicAnchor", "$defs", "$comment", "$vocabulary"}
)
DOLLAR_KEYWORDS_30 = frozenset({"$ref"})

MISSING_INFO = {"title": "API", "version": "0.1.0"}

HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})

# Keys whose value holds instance data, never a schema: nothing in there is repaired.
_DATA_KEYS = frozenset({"example", "examples", "default", "enum", "const", "value"})

# Where a schema holds subschemas: one schema, a list of them, or a map of names to them.
_ONE_SCHEMA = frozenset(
    {
        "items", "additionalProperties", "unevaluatedProperties", "unevaluatedItems", "contains",
        "propertyNames", "not", "if", "then", "else", "contentSchema", "additionalItems",
    }
)  # fmt: skip
_SCHEMA_LISTS = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
_SCHEMA_MAPS = frozenset({"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"})


def repair(document: dict[str, Any], *, is_31: bool) -> list[Diagnostic]:
    """Rewrite the forgivable mistakes of `document` in place; one warning (with its pointer) each."""
    walk = _Repair(is_31)
    if "info" not in document:
        document["info"] = dict(MISSING_INFO)
        walk.warn(
            [], f"no `info`: read as `info: {{title: {MISSING_INFO['title']}, version: {MISSING_INFO['version']}}}`"
        )
    _version_string(walk, document)
    if not is_31 and "paths" not in document:
        document["paths"] = {}
        walk.warn([], "a 3.0 document without `paths`: read as one without operations (`paths: {}`)")
    walk.openapi(document, [])
    return walk.warnings


def dropped_default(json_pointer: str, problem: str) -> Diagnostic:
    """The warning for a `default` the validator found not to match its schema."""
    return Diagnostic(f"lenient: dropped a default that does not match its schema ({problem})", pointer=json_pointer)


# Said after strict-mode errors that lenient mode forgives, all of them.
STRICT_HINT = (
    f"each of these has one clear reading: if you cannot fix the spec, generate with {LENIENT_FLAG} "
    f"(or `{LENIENT_KEY} = true` in [tool.{TABLE}]) to repair them with a warning each"
)


class _Repair:
    def __init__(self, is_31: bool) -> None:
        self.is_31 = is_31
        self.dollar_keywords = DOLLAR_KEYWORDS_31 if is_31 else DOLLAR_KEYWORDS_30
        self.warnings: list[Diagnostic] = []
        self._seen: set[int] = set()  # YAML aliases can share a node; repair (and warn) once

    def warn(self, at: list[str], message: str) -> None:
        self.warnings.append(Diagnostic(f"lenient: {message}", pointer=pointer(*at)))

    def openapi(self, node: Any, at: list[str]) -> None:
        """Walk OpenAPI objects, handing every schema found to `schema`."""
        if isinstance(node, list):
            for index, item in enumerate(node):
                self.openapi(item, [*at, str(index)])
            return
        if not isinstance(node, dict) or not self._first_visit(node):
            return
        if _is_path_item(at):
            self._drop_titles(node, at)
        for key, value in node.items():
            if key in _DATA_KEYS or key.startswith("x-"):
                continue
            if key == "schema" or (key == "schemas" and at == ["components"]):
                if key == "schema":
                    self.schema(value, [*at, key])
                elif isinstance(value, dict):
                    for name, schema in value.items():
                        self.schema(schema, [*at, key, name])
            else:
                self.openapi(value, [*at, key])

    def _drop_titles(self, path_item: dict[str, Any], at: list[str]) -> None:
        holders: list[tuple[list[str], Any]] = [([], path_item)]
        holders += [([method], op) for method, op in path_item.items() if method in HTTP_METHODS]
        for tokens, holder in holders:
            if isinstance(holder, dict) and "title" in holder:
                del holder["title"]
                where = "an operation" if tokens else "a path item"
                self.warn([*at, *tokens, "title"], f"dropped `title`, which OpenAPI does not allow on {where}")

    def schema(self, node: Any, at: list[str]) -> None:
        if not isinstance(node, dict) or not self._first_visit(node):
            return
        self._dollar_keywords(node, at)
        if self.is_31:
            for bound in ("Minimum", "Maximum"):
                self._exclusive_bound(node, at, bound)
            self._nullable(node, at)
        else:
            if "const" in node:
                node["enum"] = [node.pop("const")]
                self.warn([*at, "const"], "`const` is OpenAPI 3.1; read as a one-value `enum` in this 3.0 document")
            self._type_list(node, at)
        self._required(node, at)
        for key, value in node.items():
            if key in _ONE_SCHEMA:
                self.schema(value, [*at, key])
            elif key in _SCHEMA_LISTS and isinstance(value, list):
                for index, item in enumerate(value):
                    self.schema(item, [*at, key, str(index)])
            elif key in _SCHEMA_MAPS and isinstance(value, dict):
                for name, item in value.items():
                    self.schema(item, [*at, key, name])
            elif key == "items" and isinstance(value, list):
                for index, item in enumerate(value):
                    self.schema(item, [*at, key, str(index)])

    def _dollar_keywords(self, node: dict[str, Any], at: list[str]) -> None:
        for key in [k for k in node if k.startswith("$") and k not in self.dollar_keywords]:
            del node[key]
            self.warn([*at, key], f"dropped `{key}`, which this document's JSON Schema dialect does not define")

    def _exclusive_bound(self, node: dict[str, Any], at: list[str], bound: str) -> None:
        exclusive, inclusive = f"exclusive{bound}", bound.lower()
        flag = node.get(exclusive)
        if not isinstance(flag, bool):
            return
        if flag and isinstance(node.get(inclusive), int | float) and not isinstance(node[inclusive], bool):
            node[exclusive] = node.pop(inclusive)
            self.warn([*at, exclusive], f"`{exclusive}: true` is OpenAPI 3.0; read as `{exclusive}: {node[exclusive]}`")
        else:
            del node[exclusive]
            self.warn(
                [*at, exclusive], f"dropped the OpenAPI 3.0 `{exclusive}: {str(flag).lower()}`, which bounds nothing"
            )

    def _nullable(self, node: dict[str, Any], at: list[str]) -> None:
        if "nullable" not in node:
            return
        nullable = node.pop("nullable")
        kind = node.get("type")
        if nullable is True and isinstance(kind, str | list):
            kinds = [kind] if isinstance(kind, str) else list(kind)
            node["type"] = kinds if "null" in kinds else [*kinds, "null"]
            self.warn([*at, "nullable"], "`nullable` is OpenAPI 3.0; read as `null` in `type`")
        else:
            self.warn([*at, "nullable"], f"dropped the OpenAPI 3.0 `nullable: {nullable!r}` of a schema without `type`")

    def _type_list(self, node: dict[str, Any], at: list[str]) -> None:
        kinds = node.get("type")
        if not isinstance(kinds, list) or not kinds or not all(isinstance(kind, str) for kind in kinds):
            return
        named = [kind for kind in dict.fromkeys(kinds) if kind != "null"]
        if not named:
            return  # only "null": no 3.0 form, the validator refuses it
        del node["type"]
        if "null" in kinds:
            node["nullable"] = True
        if len(named) == 1:
            node["type"] = named[0]
        else:
            node["anyOf"] = [{"type": kind} for kind in named]  # an existing anyOf makes this an error
        self.warn([*at, "type"], f"a type list is OpenAPI 3.1; read as {_as_30(named, 'null' in kinds)}")

    def _required(self, node: dict[str, Any], at: list[str]) -> None:
        required = node.get("required")
        if not isinstance(required, list) or not all(isinstance(name, str) for name in required):
            return
        unique = list(dict.fromkeys(required))
        if len(unique) != len(required):
            node["required"] = unique
            repeated = sorted({name for name in required if required.count(name) > 1})
            self.warn([*at, "required"], f"dropped duplicate `required` entries: {', '.join(repeated)}")

    def _first_visit(self, node: dict[str, Any] | list[Any]) -> bool:
        if id(node) in self._seen:
            return False
        self._seen.add(id(node))
        return True


def _as_30(named: list[str], nullable: bool) -> str:
    kind = f"`type: {named[0]}`" if len(named) == 1 else f"`anyOf` of {', '.join(named)}"
    return f"{kind} with `nullable: true`" if nullable else kind


def _version_string(walk: _Repair, document: dict[str, Any]) -> None:
    info = document.get("info")
    if not isinstance(info, dict):
        return
    version = info.get("version")
    if isinstance(version, int | float) and not isinstance(version, bool):
        info["version"] = str(version)
        walk.warn(["info", "version"], f"`version` must be a string; read as {info['version']!r}")


def _is_path_item(at: list[str]) -> bool:
    """`/paths/{path}`, `/webhooks/{name}` or `/components/pathItems/{name}`."""
    return (len(at) == 2 and at[0] in ("paths", "webhooks")) or (len(at) == 3 and at[:2] == ["components", "pathItems"])


def holder_of(document: Any, json_pointer: str) -> Any:
    """The node at `json_pointer` of a plain (already `$ref`-normalized) document, or None."""
    node = document
    for token in split_pointer(json_pointer):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
    return node
