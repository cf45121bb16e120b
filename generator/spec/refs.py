"""Resolve every `$ref` of a document and rewrite it as a local JSON pointer ("#/...").

Later stages (openapi-spec-validator, datamodel-code-generator, the IR builder) then only
ever see local pointers. This is where OpenAPI 3.1's JSON Schema 2020-12 references are
understood: `$id` changes the base URI and `$anchor` names a location, so
`/components/schemas/petdetails#pet_details_id` can point into the same file. References
to other files or the network are refused: the generator reads exactly one file and never
fetches anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urldefrag, urljoin

from ..errors import Diagnostic
from .pointers import pointer, split_pointer

# Keys whose values are instance data, not schemas or OpenAPI objects: a "$ref" in there is
# an example value, not a reference.
DATA_KEYS = frozenset({"example", "const", "default", "enum", "value"})

# Keys whose value is a map from user-chosen names to objects: there, "default" or "x-foo"
# is the name of a property (or schema, header, ...), not a keyword.
NAME_MAPS = frozenset(
    {
        "properties", "patternProperties", "$defs", "definitions", "dependentSchemas",
        "schemas", "responses", "parameters", "requestBodies", "headers", "securitySchemes",
        "links", "callbacks", "pathItems", "paths", "webhooks", "content", "encoding",
        "variables", "examples", "mapping", "scopes",
    }
)  # fmt: skip


@dataclass
class _Walk:
    document: dict[str, Any]
    document_uri: str
    dialect_2020: bool
    resources: dict[str, str] = field(default_factory=dict)  # absolute URI -> pointer
    anchors: dict[str, str] = field(default_factory=dict)  # absolute URI#anchor -> pointer
    refs: list[tuple[dict[str, Any], str, str]] = field(default_factory=list)  # (holder, ptr, base)
    errors: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)


def normalize_refs(
    document: dict[str, Any], *, document_uri: str, dialect_2020: bool
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """Rewrite all `$ref`s of `document` in place; return (errors, warnings)."""
    walk = _Walk(document, document_uri, dialect_2020)
    _collect(walk, document, "", document_uri, on_stack=set(), names=False)
    for holder, at, base in walk.refs:
        _rewrite(walk, holder, at, base)
    walk.errors.extend(_cycles_without_target(walk.document, [at for _, at, _ in walk.refs]))
    return walk.errors, walk.warnings


def _cycles_without_target(document: dict[str, Any], ref_holders: list[str]) -> list[Diagnostic]:
    """One error per cycle of `$ref`s that never reaches a value (`B: {$ref: B}`).

    Later stages would loop forever on such a cycle or, worse, silently treat the node as
    absent; a recursive schema (a `$ref` *inside* the target) is fine and not reported.
    """
    found: list[Diagnostic] = []
    reported: set[str] = set()
    for start in ref_holders:
        chain = [start]
        node = _lookup(document, start)
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#"):
            target = node["$ref"][1:]
            if target in chain:
                cycle = chain[chain.index(target) :]
                if not reported.intersection(cycle):
                    reported.update(cycle)
                    hops = " -> ".join("#" + at for at in [*cycle, target])
                    found.append(Diagnostic(f"$ref cycle with no target: {hops}", pointer=cycle[0] + "/$ref"))
                break
            chain.append(target)
            node = _lookup(document, target)
    return found


def _collect(walk: _Walk, node: Any, at: str, base: str, on_stack: set[int], names: bool) -> None:
    """Index `$id`/`$anchor` targets and remember every `$ref` with its base URI.

    `names` is true when `node` maps user-chosen names to objects (see NAME_MAPS).
    """
    if isinstance(node, list):
        if id(node) in on_stack:
            walk.errors.append(Diagnostic("recursive YAML alias: the document refers to itself", pointer=at))
            return
        on_stack.add(id(node))
        for index, item in enumerate(node):
            _collect(walk, item, f"{at}/{index}", base, on_stack, names=False)
        on_stack.discard(id(node))
        return
    if not isinstance(node, dict):
        return
    if id(node) in on_stack:
        walk.errors.append(Diagnostic("recursive YAML alias: the document refers to itself", pointer=at))
        return
    on_stack.add(id(node))
    if not names and walk.dialect_2020:
        resource_id = node.get("$id")
        if isinstance(resource_id, str):
            base = urldefrag(urljoin(base, resource_id)).url
            walk.resources.setdefault(base, at)
        anchor = node.get("$anchor")
        if isinstance(anchor, str):
            walk.anchors.setdefault(f"{base}#{anchor}", at)
    if not names and "$ref" in node:
        walk.refs.append((node, at, base))
    for key, value in node.items():
        if not names:
            if key in DATA_KEYS or key.startswith("x-"):
                continue
            if key == "examples" and isinstance(value, list):  # a Schema Object's examples: data
                continue
        child_names = not names and key in NAME_MAPS and isinstance(value, dict)
        _collect(walk, value, at + pointer(key), base, on_stack, names=child_names)
    on_stack.discard(id(node))


def _rewrite(walk: _Walk, holder: dict[str, Any], at: str, base: str) -> None:
    ref = holder["$ref"]
    ref_at = at + "/$ref"
    if ref is None:
        # `$ref: #/x` unquoted in YAML: '#' starts a comment, so the value is null.
        del holder["$ref"]
        walk.warnings.append(
            Diagnostic(
                "$ref is null (in YAML an unquoted '#' starts a comment: quote the reference); "
                "the reference is ignored and the value is typed as Any",
                pointer=ref_at,
            )
        )
        return
    if not isinstance(ref, str):
        walk.errors.append(Diagnostic(f"$ref must be a string, not {type(ref).__name__}", pointer=ref_at))
        return
    target = _resolve(walk, ref, base)
    if (
        isinstance(target, str)
        and ref.startswith("#/")
        and _lookup(walk.document, target) is _MISSING
        and _lookup(walk.document, ref[1:]) is not _MISSING
    ):
        # Strictly, "#/..." inside a schema with its own `$id` is relative to that schema;
        # OpenAPI authors (and tools) mean the document root, so fall back to it.
        target = ref[1:]
    if isinstance(target, Diagnostic):
        walk.errors.append(Diagnostic(target.message, pointer=ref_at))
        return
    if _lookup(walk.document, target) is _MISSING:
        walk.errors.append(
            Diagnostic(f"$ref {ref!r} does not resolve: {_why_missing(walk.document, target)}", pointer=ref_at)
        )
        return
    holder["$ref"] = "#" + target


def _resolve(walk: _Walk, ref: str, base: str) -> str | Diagnostic:
    """Turn a reference into a pointer within the document, or explain why it cannot be."""
    if ref.startswith("#"):
        fragment = ref[1:]
        resource = urldefrag(base).url
    else:
        absolute = urljoin(base, ref)
        resource, fragment = urldefrag(absolute)
    if resource == urldefrag(walk.document_uri).url:
        resource_pointer = ""
    elif resource in walk.resources:
        resource_pointer = walk.resources[resource]
    elif resource.startswith(("http://", "https://")):
        return Diagnostic(f"$ref {ref!r} points to the network; the generator never fetches remote documents")
    else:
        return Diagnostic(
            f"$ref {ref!r} points to another document; bundle the spec into one file first "
            "(for example with `redocly bundle`)"
        )
    if fragment == "" or fragment.startswith("/"):
        return resource_pointer + fragment
    anchor_key = f"{resource}#{fragment}"
    if anchor_key in walk.anchors:
        return walk.anchors[anchor_key]
    return Diagnostic(f"$ref {ref!r} names an anchor {fragment!r} that no $anchor defines")


class _Missing:
    pass


_MISSING = _Missing()


def _walk(document: Any, json_pointer: str) -> tuple[Any, str]:
    """The value at the pointer, or _MISSING and which token was not there."""
    node = document
    walked = ""
    for token in split_pointer(json_pointer):
        node = _child(node, token)
        if node is _MISSING:
            return _MISSING, f"there is no {token!r} in #{walked}"
        walked += pointer(token)
    return node, ""


def _child(node: Any, token: str) -> Any:
    """The member or item `token` names in `node`, else _MISSING."""
    if isinstance(node, dict) and token in node:
        return node[token]
    if isinstance(node, list) and token.isdigit() and int(token) < len(node):
        return node[int(token)]
    return _MISSING


def _lookup(document: Any, json_pointer: str) -> Any:
    return _walk(document, json_pointer)[0]


def _why_missing(document: Any, json_pointer: str) -> str:
    return _walk(document, json_pointer)[1]


def resolve_pointer(document: Any, json_pointer: str) -> Any:
    """The value at a local pointer ("#/a/b" or "/a/b"); KeyError when absent."""
    found = _lookup(document, json_pointer.lstrip("#"))
    if found is _MISSING:
        raise KeyError(json_pointer)
    return found


def canonical_pointer(document: Any, parts: list[str]) -> str:
    """The pointer where a path really lives, following `$ref`s crossed on the way.

    Validators report the path they walked (`/paths/.../schema/properties/name`) even when it
    runs through a reference; the user has to edit the place the reference points to.
    """
    node = document
    at = ""
    for index, part in enumerate(parts):
        if isinstance(node, dict) and part != "$ref" and isinstance(node.get("$ref"), str) and part not in node:
            at = node["$ref"].lstrip("#")
            node = _lookup(document, at)
        node = _child(node, part)
        if node is _MISSING:
            return at + "".join(pointer(t) for t in parts[index:])
        at += pointer(part)
    return at
