"""What the generated code declares about each operation, and how values go on the wire.

An `Endpoint` is a constant in the generated client module; the client classes only pass
it with the caller's arguments to `SyncAPIClient._request` / `AsyncAPIClient._request`.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import quote, unquote

from pydantic import MISSING, BaseModel, TypeAdapter, ValidationError

from ._exceptions import RequestValidationError

ResponseKind = Literal["json", "text", "binary", "empty"]
BodyEncoding = Literal["json", "form", "multipart", "binary", "text"]

_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


@dataclass(frozen=True, slots=True)
class ResponseSpec:
    """How to read one documented response: `kind` and, for JSON, the type to parse into."""

    kind: ResponseKind
    type: Any = None


@dataclass(frozen=True, slots=True)
class BodySpec:
    encoding: BodyEncoding
    media_type: str
    type: Any = None


@dataclass(frozen=True, slots=True)
class Endpoint:
    method: str
    path: str
    responses: Mapping[str, ResponseSpec]
    body: BodySpec | None = None
    security: tuple[tuple[str, ...], ...] = ()
    accept: str | None = None  # media types of the success responses
    query_explode: Mapping[str, bool] = field(default_factory=dict)

    def response_for(self, status_code: int) -> ResponseSpec | None:
        """The documented response for a status: exact code, then range (`4XX`), then `default`."""
        return (
            self.responses.get(str(status_code))
            or self.responses.get(f"{status_code // 100}XX")
            or self.responses.get("default")
        )

    def success_fallback(self) -> ResponseSpec | None:
        """For an undocumented 2xx: read it like the first documented one."""
        return next(
            (spec for status, spec in self.responses.items() if status.startswith("2")), None
        )

    def error_fallback(self) -> ResponseSpec | None:
        """For an undocumented error status: try the operation's first documented error model."""
        return next(
            (
                spec
                for status, spec in self.responses.items()
                if not status.startswith("2") and spec.kind == "json"
            ),
            None,
        )


# -- parameters -------------------------------------------------------------------------------


def param_text(value: object) -> str:
    """The wire form of a scalar parameter value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return param_text(value.value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ",".join(param_text(item) for item in value)
    return str(value)


def build_path(template: str, values: Mapping[str, object]) -> str:
    """Fill a path template, percent-encoding each value so it stays inside its segment.

    `/`, `?`, `#`, `%` and spaces are encoded; a segment that would read `.` or `..` has its
    dots encoded too, so no value can walk to another path.
    """
    segments = []
    for segment in template.split("/"):
        filled = _PLACEHOLDER.sub(lambda match: _path_value(match.group(1), values), segment)
        if filled != segment and unquote(filled) in (".", ".."):
            filled = filled.replace(".", "%2E")
        segments.append(filled)
    return "/".join(segments)


def _path_value(name: str, values: Mapping[str, object]) -> str:
    text = param_text(values[name])
    if text == "":
        raise ValueError(f"path parameter {name!r} must not be empty")
    return quote(text, safe="")


def query_items(values: Mapping[str, object], explode: Mapping[str, bool]) -> list[tuple[str, str]]:
    """Query pairs; None and MISSING are left out, lists repeat the key unless explode=False."""
    items: list[tuple[str, str]] = []
    for name, value in values.items():
        if value is None or value is MISSING:
            continue
        if isinstance(value, list | tuple) and explode.get(name, True):
            items.extend((name, param_text(item)) for item in value)
        else:
            items.append((name, param_text(value)))
    return items


def header_items(values: Mapping[str, object]) -> dict[str, str]:
    return {
        name: param_text(value)
        for name, value in values.items()
        if value is not None and value is not MISSING
    }


# -- bodies -----------------------------------------------------------------------------------


@functools.cache
def adapter(tp: Any) -> TypeAdapter[Any]:
    return TypeAdapter(tp)


def encode_body(spec: BodySpec, body: object) -> tuple[dict[str, Any], str | None]:
    """httpx keyword arguments for the body, and the Content-Type to send (None: httpx's own).

    JSON and form bodies are serialized with only the fields the caller set, by their wire
    names, then validated again from that wire form: a model changed after it was built
    cannot send something the spec forbids.
    """
    if spec.encoding == "binary":
        return {"content": body}, spec.media_type
    if spec.encoding == "text":
        return {"content": str(body).encode("utf-8")}, spec.media_type
    if spec.encoding == "json":
        return {"content": _dump_validated_json(spec.type, body)}, spec.media_type
    data = json.loads(_dump_validated_json(spec.type, body))
    if spec.encoding == "form":
        return {"data": _form_pairs(data)}, None
    files = {name: value for name, value in _raw_items(body) if isinstance(value, bytes)}
    fields = [(name, value) for name, value in _form_pairs(data) if name not in files]
    return {
        "data": _group(fields),
        "files": {name: (name, content) for name, content in files.items()},
    }, None


def _dump_validated_json(tp: Any, body: object) -> bytes:
    validate: Callable[[bytes], object]
    if isinstance(body, BaseModel) and (tp is None or tp is Any or isinstance(body, tp)):
        # Serializer warnings are silenced: the validation just below reports the real problem.
        payload = body.model_dump_json(by_alias=True, exclude_unset=True, warnings=False).encode(
            "utf-8"
        )
        validate = type(body).model_validate_json
    elif tp is None or tp is Any:
        return json.dumps(body, separators=(",", ":"), default=str).encode("utf-8")
    else:
        type_adapter = adapter(tp)
        payload = type_adapter.dump_json(body, by_alias=True, exclude_unset=True, warnings=False)
        validate = type_adapter.validate_json
    try:
        validate(payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = "/".join(str(part) for part in first.get("loc", ())) or "body"
        raise RequestValidationError(
            f"request body is not valid ({where}: {first.get('msg')}); nothing was sent", errors=exc
        ) from None
    return payload


def _raw_items(body: object) -> Iterable[tuple[str, object]]:
    if isinstance(body, BaseModel):
        return (
            (field_info.alias or name, getattr(body, name))
            for name, field_info in type(body).model_fields.items()
        )
    if isinstance(body, Mapping):
        return body.items()
    return ()


def _form_pairs(data: object, prefix: str = "") -> list[tuple[str, str]]:
    """Flatten nested values the way form APIs expect: a[b]=1, a[0]=x; top-level lists repeat."""
    pairs: list[tuple[str, str]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            pairs.extend(_form_pairs(value, f"{prefix}[{key}]" if prefix else str(key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            nested = isinstance(value, dict | list)
            pairs.extend(
                _form_pairs(value, f"{prefix}[{index}]" if nested or "[" in prefix else prefix)
            )
    elif data is not None:
        pairs.append((prefix, param_text(data)))
    return pairs


def _group(pairs: list[tuple[str, str]]) -> dict[str, str | list[str]]:
    grouped: dict[str, str | list[str]] = {}
    for name, value in pairs:
        existing = grouped.get(name)
        if existing is None:
            grouped[name] = value
        elif isinstance(existing, list):
            existing.append(value)
        else:
            grouped[name] = [existing, value]
    return grouped


# -- responses ----------------------------------------------------------------------------------


def decode_body(spec: ResponseSpec, content: bytes, encoding: str | None) -> Any:
    """Parse a success body; raises pydantic's ValidationError when JSON does not fit."""
    if spec.kind == "empty":
        return None
    if spec.kind == "binary":
        return content
    if spec.kind == "text":
        return content.decode(encoding or "utf-8", errors="replace")
    tp = spec.type
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp.model_validate_json(content)
    if tp is None or tp is Any:
        return json.loads(content) if content else None
    return adapter(tp).validate_json(content)


def decode_error_body(spec: ResponseSpec | None, content: bytes) -> Any:
    """The error model when the body fits it; otherwise the decoded JSON, else the text."""
    if spec is not None and spec.kind == "json" and spec.type not in (None, Any):
        try:
            return decode_body(spec, content, None)
        except (ValidationError, ValueError):
            pass
    try:
        return json.loads(content)
    except ValueError:
        return content.decode("utf-8", errors="replace")
