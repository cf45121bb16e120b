"""The normalized view of an OpenAPI document: what every later stage reads.

All `$ref`s are local pointers by now (see `generator.spec.refs`). The functions read one
structure each; `OpenApi` gathers, once, what the IR builder needs (each operation with its
merged parameters, chosen media types, security in effect and own servers), so the builder
never walks the document itself. Model planning, the IR builder and the spec diff share
these readings, so all of them see the same operations, media types and schema locations.
"""

from __future__ import annotations

import re
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
_SERVER_VARIABLE = re.compile(r"\{([^{}]+)\}")


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

    @property
    def title(self) -> str:
        """How messages name it: `PATCH /v3/contacts/{id}`."""
        return f"{self.method.upper()} {self.path}"


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
        base = media_base(media_type)
        if base.endswith(JSON_MEDIA_SUFFIXES) or (base == "*/*" and len(types) == 1):
            return media_type
    for preferred in (FORM_MEDIA_TYPE, MULTIPART_MEDIA_TYPE):
        for media_type in types:
            if media_base(media_type) == preferred:
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


def effective_security(document: dict[str, Any], raw: RawOperation) -> tuple[Any, str]:
    """The operation's security requirements (its own, else the document's) and their pointer."""
    if "security" in raw.operation:
        return raw.operation["security"], raw.at + "/security"
    return document.get("security"), "/security"


def components(document: dict[str, Any], kind: str) -> dict[str, Any]:
    """`components/<kind>` (schemas, securitySchemes, ...); empty when absent or malformed."""
    found = (document.get("components") or {}).get(kind) or {}
    return found if isinstance(found, dict) else {}


def server_urls(holder: dict[str, Any]) -> tuple[str, ...]:
    """The URLs of a `servers` list (of the document, a path item or an operation), variables set
    to their declared defaults."""
    urls = []
    for server in holder.get("servers") or []:
        url = _with_defaults(str(server.get("url", "")), server.get("variables") or {})
        urls.append(url.rstrip("/") if url != "/" else url)
    return tuple(urls)


def _with_defaults(url: str, variables: dict[str, Any]) -> str:
    return _SERVER_VARIABLE.sub(lambda m: str((variables.get(m.group(1)) or {}).get("default", m.group(0))), url)


@dataclass(frozen=True, slots=True)
class Content:
    """A Request Body or Response Object and the media type the client uses of its `content`."""

    located: Located
    media_type: str | None

    @property
    def schema(self) -> tuple[Any, str] | None:
        return schema_of(self.located, self.media_type)


@dataclass(frozen=True, slots=True)
class ServersOverride:
    """An operation's own `servers` (else its path item's): their URLs and where they are."""

    urls: tuple[str, ...]
    at: str


@dataclass(frozen=True, slots=True)
class OperationView:
    """One operation with everything the IR needs of it, read once."""

    raw: RawOperation
    parameters: tuple[Located, ...]  # path-item parameters merged with the operation's
    body: Content | None
    responses: tuple[tuple[str, Content], ...]  # by status, in the spec's order
    security: Any  # the requirements in effect: the operation's own, else the document's
    security_at: str  # where they are
    servers: ServersOverride | None

    @property
    def has_own_security(self) -> bool:
        return "security" in self.raw.operation


@dataclass(frozen=True, slots=True)
class SecuritySchemeView:
    name: str
    at: str
    value: dict[str, Any]  # the Security Scheme Object, after `$ref`s


@dataclass(frozen=True, slots=True)
class OpenApi:
    """The normalized document as the IR builder and the spec diff read it."""

    document: dict[str, Any]

    def text(self, key: str) -> str:
        """A field of `info` as text ("" when absent)."""
        return str((self.document.get("info") or {}).get(key) or "")

    @property
    def servers(self) -> tuple[str, ...]:
        return server_urls(self.document)

    @property
    def security(self) -> Any:
        return self.document.get("security")

    @property
    def tags(self) -> dict[str, str]:
        """Declared tags in order, name -> description."""
        return {
            str(tag.get("name")): str(tag.get("description") or "")
            for tag in self.document.get("tags") or []
            if isinstance(tag, dict)
        }

    def components(self, kind: str) -> dict[str, Any]:
        return components(self.document, kind)

    def security_schemes(self) -> Iterator[SecuritySchemeView]:
        for name, value in self.components("securitySchemes").items():
            at = pointer("components", "securitySchemes", name)
            yield SecuritySchemeView(name, at, self.deref(value, at).value)

    def deref(self, value: Any, at: str) -> Located:
        return deref(self.document, value, at)

    def resolve(self, json_pointer: str) -> Any:
        return resolve_pointer(self.document, json_pointer)

    def operations(self) -> Iterator[OperationView]:
        for raw in iter_operations(self.document):
            body = request_body(self.document, raw)
            security, security_at = effective_security(self.document, raw)
            yield OperationView(
                raw=raw,
                parameters=tuple(operation_parameters(self.document, raw)),
                body=None if body is None else Content(*body),
                responses=tuple(
                    (status, Content(located, media_type))
                    for status, located, media_type in responses(self.document, raw)
                ),
                security=security,
                security_at=security_at,
                servers=_servers_override(raw),
            )


def _servers_override(raw: RawOperation) -> ServersOverride | None:
    for holder, at in ((raw.operation, raw.at), (raw.path_item, raw.at.rsplit("/", 1)[0])):
        if holder.get("servers"):
            return ServersOverride(server_urls(holder), at + "/servers")
    return None
