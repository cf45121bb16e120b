"""Reading the structure of a (normalized) OpenAPI document.

Shared by model planning and the IR builder so both see the same operations, the same
chosen media types and the same schema locations. All `$ref`s are local pointers by now
(see `generator.refs`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .pointers import pointer
from .refs import resolve_pointer

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
JSON_MEDIA_SUFFIXES = ("/json", "+json")
FORM_MEDIA_TYPE = "application/x-www-form-urlencoded"
MULTIPART_MEDIA_TYPE = "multipart/form-data"
EVENT_STREAM_MEDIA_TYPE = "text/event-stream"


@dataclass(frozen=True, slots=True)
class Located:
    """An object of the document and the pointer where it really lives (after `$ref`s)."""

    value: dict[str, Any]
    at: str


@dataclass(frozen=True, slots=True)
class RawOperation:
    path: str
    method: str
    operation: dict[str, Any]
    path_item: dict[str, Any]
    at: str


def deref(document: dict[str, Any], value: Any, at: str) -> Located:
    """Follow `$ref` chains (Reference Objects) to the object they name."""
    seen: set[str] = set()
    while isinstance(value, dict) and "$ref" in value and isinstance(value["$ref"], str):
        target = value["$ref"].lstrip("#")
        if target in seen:
            break  # a reference cycle between Reference Objects; the validator reports it
        seen.add(target)
        value, at = resolve_pointer(document, target), target
    return Located(value if isinstance(value, dict) else {}, at)


def iter_operations(document: dict[str, Any]) -> Iterator[RawOperation]:
    """Operations in document order: paths as written, methods in HTTP_METHODS order."""
    for path, path_item in (document.get("paths") or {}).items():
        item = deref(document, path_item, pointer("paths", path))
        for method in HTTP_METHODS:
            operation = item.value.get(method)
            if isinstance(operation, dict):
                yield RawOperation(path, method, operation, item.value, item.at + pointer(method))


def operation_parameters(document: dict[str, Any], raw: RawOperation) -> list[Located]:
    """Path-item parameters overridden by operation parameters with the same name and location."""
    merged: dict[tuple[str, str], Located] = {}
    item_at = raw.at.rsplit("/", 1)[0]
    sources = (
        (raw.path_item.get("parameters") or [], item_at + "/parameters"),
        (raw.operation.get("parameters") or [], raw.at + "/parameters"),
    )
    for parameters, at in sources:
        for index, parameter in enumerate(parameters):
            located = deref(document, parameter, f"{at}/{index}")
            key = (str(located.value.get("name")), str(located.value.get("in")))
            merged[key] = located
    return list(merged.values())


def choose_media_type(content: dict[str, Any]) -> str | None:
    """The media type the client will use: JSON first, then forms, then anything else."""
    if not content:
        return None
    types = list(content)
    for media_type in types:
        base = media_type.split(";")[0].strip().lower()
        if base.endswith(JSON_MEDIA_SUFFIXES) or (base == "*/*" and len(types) == 1):
            return media_type
    for preferred in (FORM_MEDIA_TYPE, MULTIPART_MEDIA_TYPE):
        for media_type in types:
            if media_type.split(";")[0].strip().lower() == preferred:
                return media_type
    return types[0]


def media_base(media_type: str) -> str:
    return media_type.split(";")[0].strip().lower()


def is_json(media_type: str) -> bool:
    return media_base(media_type).endswith(JSON_MEDIA_SUFFIXES)


def request_body(document: dict[str, Any], raw: RawOperation) -> tuple[Located, str | None] | None:
    """The operation's Request Body Object and its chosen media type."""
    if "requestBody" not in raw.operation:
        return None
    body = deref(document, raw.operation["requestBody"], raw.at + "/requestBody")
    return body, choose_media_type(body.value.get("content") or {})


def responses(document: dict[str, Any], raw: RawOperation) -> list[tuple[str, Located, str | None]]:
    """(status, Response Object, chosen media type) in the spec's order."""
    found = []
    for status, response in (raw.operation.get("responses") or {}).items():
        if status.startswith("x-"):
            continue
        located = deref(document, response, raw.at + pointer("responses", status))
        found.append((str(status), located, choose_media_type(located.value.get("content") or {})))
    return found


def schema_of(container: Located, media_type: str | None) -> tuple[Any, str] | None:
    """The schema under `content/<media_type>/schema` and its pointer, if any."""
    if media_type is None:
        return None
    media = (container.value.get("content") or {}).get(media_type)
    if not isinstance(media, dict) or "schema" not in media:
        return None
    return media["schema"], container.at + pointer("content", media_type, "schema")


def is_success(status: str) -> bool:
    return status.startswith("2")
