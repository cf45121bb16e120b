"""The `x-pagination` extension of an operation, read and checked against the operation itself.

```yaml
x-pagination:
  style: offset          # offset | cursor | single
  items: /data           # JSON Pointer into the 2xx JSON body: the page's items (required)
  total: /totalCount     # optional: the number of matching items
  offset: offset         # offset style: the query parameter of the first item's index
  limit: limit           # offset style (required), cursor style (optional): the page-size parameter
  cursor: cursor         # cursor style: the query parameter carrying the cursor
  next_cursor: /next     # cursor style: where the next cursor is; absent, null or "" ends the pages
```

Every problem is a `Diagnostic` pointing at the key that has it; the caller locates them.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Literal, cast

from ..errors import Diagnostic
from .openapi import OpenApi, OperationView, is_json, is_success
from .pointers import escape_pointer_token, split_pointer

EXTENSION = "x-pagination"
Style = Literal["offset", "cursor", "single"]
# Keys each style reads; `style` and `items` are required by all, the others as `REQUIRED` says.
KEYS: dict[Style, frozenset[str]] = {
    "offset": frozenset({"style", "items", "total", "offset", "limit"}),
    "cursor": frozenset({"style", "items", "total", "cursor", "limit", "next_cursor"}),
    "single": frozenset({"style", "items", "total"}),
}
REQUIRED: dict[Style, tuple[str, ...]] = {
    "offset": ("items", "offset", "limit"),
    "cursor": ("items", "cursor", "next_cursor"),
    "single": ("items",),
}
PARAMETER_KEYS = ("offset", "limit", "cursor")
POINTER_KEYS = ("items", "total", "next_cursor")
MAX_DEPTH = 32  # `$ref`/`allOf` hops while following one pointer (a recursive schema ends here)


@dataclass(frozen=True, slots=True)
class PaginationSpec:
    """A valid `x-pagination`: pointers as tokens, parameters by wire name, and the items' schema."""

    style: Style
    items: tuple[str, ...]
    total: tuple[str, ...] | None
    offset: str | None
    limit: str | None
    cursor: str | None
    next_cursor: tuple[str, ...] | None
    item_schema: tuple[Any, str]  # the schema of one item and where it is, for its annotation

    @property
    def arguments(self) -> tuple[tuple[str, str | tuple[str, ...]], ...]:
        """The runtime `Pagination`'s arguments that are set: every field but `item_schema`, in order."""
        values = ((field.name, getattr(self, field.name)) for field in fields(self) if field.name != "item_schema")
        return tuple((name, value) for name, value in values if value is not None)


class PaginationProblems(Exception):
    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics


def read_pagination(openapi: OpenApi, view: OperationView) -> PaginationSpec | None:
    """The operation's pagination, None when it declares none; raises `PaginationProblems`."""
    operation = view.raw.operation
    if EXTENSION not in operation:
        return None
    at = f"{view.raw.at}/{EXTENSION}"
    value = operation[EXTENSION]
    if not isinstance(value, dict):
        raise PaginationProblems([Diagnostic(f"{EXTENSION} must be an object", pointer=at)])
    style = value.get("style")
    if style not in KEYS:
        raise PaginationProblems(
            [Diagnostic(f"style must be one of {', '.join(KEYS)}, not {style!r}", pointer=f"{at}/style")]
        )
    style = cast(Style, style)
    problems = [
        Diagnostic(f"unknown key {key!r} for style {style!r} (it reads {', '.join(sorted(KEYS[style]))})", pointer=at)
        for key in value
        if key not in KEYS[style]
    ]
    problems += [
        Diagnostic(f"style {style!r} needs {key!r}", pointer=at) for key in REQUIRED[style] if key not in value
    ]
    query = {str(p.value.get("name")) for p in view.parameters if p.value.get("in") == "query"}
    for key in PARAMETER_KEYS:
        if key in value and (not isinstance(value[key], str) or value[key] not in query):
            message = f"{key}: {value[key]!r} is not a query parameter of this operation"
            problems.append(Diagnostic(message, pointer=f"{at}/{key}"))
    body = _success_schema(view)
    if body is None:
        problems.append(Diagnostic(f"{EXTENSION} needs a 2xx response with a JSON schema", pointer=at))
        raise PaginationProblems(problems)
    found: dict[str, tuple[Any, str]] = {}
    for key in POINTER_KEYS:
        if key not in value:
            continue
        target = value[key]
        if not isinstance(target, str) or not target.startswith("/"):
            problems.append(Diagnostic(f"{key} must be a JSON pointer such as '/data'", pointer=f"{at}/{key}"))
            continue
        schema = _follow(openapi, body, split_pointer(target))
        if schema is None:
            message = f"{key}: {target!r} is not in the response schema at #{body[1]}"
            problems.append(Diagnostic(message, pointer=f"{at}/{key}"))
        else:
            found[key] = schema
    items = found.get("items")
    item_schema = _array_items(openapi, items) if items else None
    if items and item_schema is None:
        message = f"items: {value['items']!r} is not an array in the response schema"
        problems.append(Diagnostic(message, pointer=f"{at}/items"))
    if problems or item_schema is None:
        raise PaginationProblems(problems)

    def tokens(key: str) -> tuple[str, ...] | None:
        return tuple(split_pointer(value[key])) if key in value else None

    return PaginationSpec(
        style=style,
        items=tuple(split_pointer(value["items"])),
        total=tokens("total"),
        offset=value.get("offset"),
        limit=value.get("limit"),
        cursor=value.get("cursor"),
        next_cursor=tokens("next_cursor"),
        item_schema=item_schema,
    )


def _success_schema(view: OperationView) -> tuple[Any, str] | None:
    for status, content in view.responses:
        if is_success(status) and content.media_type is not None and is_json(content.media_type):
            return content.schema
    return None


def _follow(openapi: OpenApi, schema: tuple[Any, str], tokens: list[str]) -> tuple[Any, str] | None:
    """The subschema a pointer into an instance lands on (through `$ref`, `allOf`, properties, items)."""
    value, at = schema
    for token in tokens:
        step = _child(openapi, value, at, token, MAX_DEPTH)
        if step is None:
            return None
        value, at = step
    return value, at


def _child(openapi: OpenApi, value: Any, at: str, token: str, depth: int) -> tuple[Any, str] | None:
    if depth <= 0 or not isinstance(value, dict):
        return None
    if isinstance(value.get("$ref"), str):
        target = value["$ref"].lstrip("#")
        return _child(openapi, openapi.resolve(target), target, token, depth - 1)
    properties = value.get("properties")
    if isinstance(properties, dict) and token in properties:
        return properties[token], f"{at}/properties/{escape_pointer_token(token)}"
    if token.isdigit() and isinstance(value.get("items"), dict):
        return value["items"], f"{at}/items"
    for index, part in enumerate(value.get("allOf") or []):
        found = _child(openapi, part, f"{at}/allOf/{index}", token, depth - 1)
        if found is not None:
            return found
    return None


def _array_items(openapi: OpenApi, schema: tuple[Any, str]) -> tuple[Any, str] | None:
    """The `items` schema of an array schema (after `$ref`s), else None."""
    value, at = schema
    located = openapi.deref(value, at)
    declared = located.value.get("type")
    is_array = declared == "array" or (isinstance(declared, list) and "array" in declared)
    items = located.value.get("items")
    if not (is_array or isinstance(items, dict)):
        return None
    return (items, f"{located.at}/items") if isinstance(items, dict) else ({}, f"{located.at}/items")
