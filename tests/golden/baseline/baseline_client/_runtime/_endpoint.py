"""What the generated code declares about each operation, and how values go on the wire.

An `Endpoint` is a constant in the generated client module; the client classes only pass
it with the caller's arguments to `SyncAPIClient._request` / `AsyncAPIClient._request`.
Parameter styles are laid out by `._params`.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlencode

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import PydanticSerializationError

from ._exceptions import ParameterValidationError, RequestValidationError, UsageError
from ._kinds import BodyEncoding, ResponseKind
from ._params import (
    COOKIE_DEFAULT,
    HEADER_DEFAULT,
    PATH_DEFAULT,
    ParameterStyle,
    cookie_pairs,
    form_field_pairs,
    header_value,
    is_absent,
    path_value,
    plain,
    query_pairs,
    text,
)
from ._rules import Rule, problem
from ._sendable import unsendable

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
    # Form and multipart properties whose Encoding Object sets a style, by wire name.
    styles: Mapping[str, ParameterStyle] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Endpoint:
    method: str
    path: str
    responses: Mapping[str, ResponseSpec]
    body: BodySpec | None = None
    security: tuple[tuple[str, ...], ...] = ()
    accept: str | None = None  # media types of the success responses
    # (location, wire name) -> style, for parameters not in their location's default style.
    styles: Mapping[tuple[str, str], ParameterStyle] = field(default_factory=dict)
    # The operation's own server (OpenAPI operation `servers`), used instead of the API's
    # default base URL; a base URL the caller chose (argument or environment) wins over both.
    server: str | None = None
    # (location, wire name) -> what its schema allows; checked before anything is sent.
    rules: Mapping[tuple[str, str], Rule] = field(default_factory=dict)
    required: tuple[tuple[str, str], ...] = ()  # (location, wire name) of the required parameters

    def check_parameters(self, location: str, values: Mapping[str, object]) -> None:
        """Refuse a value its parameter's schema does not allow, and a required one left out."""
        for name, value in values.items():
            if is_absent(value):
                if (location, name) in self.required:
                    raise parameter_error(location, name, "is required")
                continue
            found = problem(value, self.rules.get((location, name), _ANYTHING))
            if found is not None:
                raise parameter_error(location, name, found)

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

    @property
    def streams(self) -> bool:
        """Whether a success answer is handed over unread, as a stream."""
        return any(
            spec.kind == "stream"
            for status, spec in self.responses.items()
            if status[0] == "2" or status == "default"
        )

    def url_path(self, values: Mapping[str, object]) -> str:
        return build_path(
            self.path,
            values,
            {name: s for (where, name), s in self.styles.items() if where == "path"},
        )

    def query_pairs(self, values: Mapping[str, object]) -> list[tuple[str, str]]:
        pairs: list[tuple[str, str]] = []
        for name, value in values.items():
            style = self.styles.get(("query", name))
            pairs.extend(query_pairs(name, value, style) if style else query_pairs(name, value))
        return pairs

    def header_values(self, values: Mapping[str, object]) -> dict[str, str]:
        headers = {
            name: header_value(value, self.styles.get(("header", name), HEADER_DEFAULT))
            for name, value in values.items()
            if not is_absent(value)
        }
        for name, value in headers.items():
            if _BREAKS_HEADER.search(value):
                raise parameter_error(
                    "header", name, "must not contain a line break or NUL (it would end the header)"
                )
        return headers

    def cookie_values(self, values: Mapping[str, object]) -> dict[str, str]:
        cookies = dict(
            pair
            for name, value in values.items()
            for pair in cookie_pairs(name, value, self.styles.get(("cookie", name), COOKIE_DEFAULT))
        )
        for name, value in cookies.items():
            if _BREAKS_COOKIE.search(name + value):
                raise parameter_error(
                    "cookie",
                    name,
                    "must not contain `;`, a line break or NUL (it would end the cookie)",
                )
        return cookies


_ANYTHING = Rule()  # a parameter without constraints: still no NaN, no infinity, no lone surrogate
_BREAKS_HEADER = re.compile(r"[\r\n\x00]")
_BREAKS_COOKIE = re.compile(r"[;\r\n\x00]")


def parameter_error(location: str, name: str, found: str) -> ParameterValidationError:
    return ParameterValidationError(
        f"{location} parameter {name!r} {found}; nothing was sent",
        location=location,
        parameter=name,
    )


# -- parameters -------------------------------------------------------------------------------


def build_path(
    template: str, values: Mapping[str, object], styles: Mapping[str, ParameterStyle] | None = None
) -> str:
    """Fill a path template, percent-encoding each value so it stays inside its segment.

    `/`, `?`, `#`, `%` and spaces are encoded; a segment that would read `.` or `..` has its
    dots encoded too, so no value can walk to another path.
    """
    styles = styles or {}
    segments = []
    for segment, has_placeholder in _segments(template):
        if not has_placeholder:
            segments.append(segment)
            continue
        filled = _PLACEHOLDER.sub(
            lambda match: _path_value(match.group(1), values, styles), segment
        )
        if unquote(filled) in (".", ".."):
            filled = filled.replace(".", "%2E")
        segments.append(filled)
    return "/".join(segments)


@functools.cache
def _segments(template: str) -> tuple[tuple[str, bool], ...]:
    return tuple((segment, "{" in segment) for segment in template.split("/"))


def _path_value(
    name: str, values: Mapping[str, object], styles: Mapping[str, ParameterStyle]
) -> str:
    value = values[name]
    if name not in styles and type(value) is int:  # the common case: digits need no encoding
        return str(value)
    filled = path_value(value, styles.get(name, PATH_DEFAULT))
    if filled == "":
        raise UsageError(f"path parameter {name!r} must not be empty")
    return filled


def query_items(values: Mapping[str, object], explode: Mapping[str, bool]) -> list[tuple[str, str]]:
    """Query pairs in form style; None and MISSING are left out, lists repeat the key unless explode=False."""
    return [
        pair
        for name, value in values.items()
        for pair in query_pairs(name, value, ParameterStyle("form", explode.get(name, True)))
    ]


# -- bodies -----------------------------------------------------------------------------------


@functools.cache
def adapter(tp: Any) -> TypeAdapter[Any]:
    return TypeAdapter(tp)


def encode_body(spec: BodySpec, body: object) -> tuple[dict[str, Any], str | None]:
    """httpx keyword arguments for the body, and the Content-Type to send (None: httpx's own).

    JSON and form bodies are serialized with only the fields the caller set, by their wire
    names, then validated again from that wire form (by wire names only): a model changed
    after it was built cannot send something the spec forbids.
    """
    if spec.encoding == "binary":
        return {"content": body}, spec.media_type
    if spec.encoding == "text":
        return {"content": _encoded_text(str(body))}, spec.media_type
    if spec.encoding == "json":
        return {"content": _dump_validated_json(spec.type, body)}, spec.media_type
    fields = _dump_validated_python(spec.type, body)
    if spec.encoding == "form":
        pairs = [
            pair
            for name, value in fields.items()
            for pair in form_field_pairs(name, value, spec.styles.get(name))
        ]
        return {"content": urlencode(pairs).encode("ascii")}, spec.media_type
    return {"files": _multipart_parts(fields, spec.styles)}, None


def _dump_validated_json(tp: Any, body: object) -> bytes:
    validate: Callable[[bytes], object]
    dump_python: Callable[[], object]
    if isinstance(body, BaseModel) and (tp is None or tp is Any or isinstance(body, tp)):
        dump_json: Callable[[], str | bytes] = functools.partial(
            body.model_dump_json, by_alias=True, exclude_unset=True, warnings=False
        )
        dump_python = functools.partial(
            body.model_dump, by_alias=True, exclude_unset=True, warnings=False
        )
        validate = functools.partial(type(body).model_validate_json, by_alias=True, by_name=False)
    elif tp is None or tp is Any:
        _refuse_unsendable(plain(body))
        return json.dumps(body, separators=(",", ":"), default=str, allow_nan=False).encode("utf-8")
    else:
        type_adapter = adapter(tp)
        dump_json = functools.partial(
            type_adapter.dump_json, body, by_alias=True, exclude_unset=True, warnings=False
        )
        dump_python = functools.partial(
            type_adapter.dump_python, body, by_alias=True, exclude_unset=True, warnings=False
        )
        validate = functools.partial(type_adapter.validate_json, by_alias=True, by_name=False)
    try:
        # Serializer warnings are silenced: the validation just below reports the real problem.
        dumped = dump_json()
    except PydanticSerializationError:  # a lone surrogate: find it and name it
        _refuse_unsendable(dump_python())
        raise
    payload = dumped.encode("utf-8") if isinstance(dumped, str) else dumped
    # pydantic writes inf and nan as null and a surrogate in a key as U+FFFD: tell them from real ones.
    if b"null" in payload or "\ufffd".encode() in payload:
        _refuse_unsendable(dump_python())
    _validated(validate, payload)
    return payload


def _encoded_text(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        pass  # raised outside this block: the encoder's error, which holds the whole body, is not kept
    raise _invalid_body("/", "a text body with a lone surrogate cannot be sent as UTF-8")


def _refuse_unsendable(data: object) -> None:
    found = unsendable(data)
    if found is not None:
        raise _invalid_body(*found)


def _invalid_body(where: str, what: str) -> RequestValidationError:
    """Names where and what, never the value: a body may hold anything, secrets included."""
    return RequestValidationError(
        f"request body is not valid ({where!r}: {what}); nothing was sent", errors=None
    )


def _dump_validated_python(tp: Any, body: object) -> Mapping[str, object]:
    """A form or multipart body as wire names -> values; file contents stay bytes."""
    fields: object
    if isinstance(body, BaseModel) and (tp is None or tp is Any or isinstance(body, tp)):
        fields = body.model_dump(by_alias=True, exclude_unset=True, warnings=False)
        _validated(
            functools.partial(type(body).model_validate, by_alias=True, by_name=False), fields
        )
    elif tp is None or tp is Any:
        fields = body
    else:
        fields = adapter(tp).dump_python(body, by_alias=True, exclude_unset=True, warnings=False)
        _validated(
            functools.partial(adapter(tp).validate_python, by_alias=True, by_name=False), fields
        )
    if not isinstance(fields, Mapping):
        raise RequestValidationError(
            f"a form body must be an object, not {type(fields).__name__}", errors=None
        )
    _refuse_unsendable(fields)
    return fields


def _validated(validate: Callable[[Any], object], payload: object) -> None:
    try:
        validate(payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = "/".join(str(part) for part in first.get("loc", ())) or "body"
        raise RequestValidationError(
            f"request body is not valid ({where}: {first.get('msg')}); nothing was sent", errors=exc
        ) from None


Part = tuple[str, tuple[str | None, bytes | str] | tuple[str | None, bytes | str, str]]


def _multipart_parts(
    fields: Mapping[str, object], styles: Mapping[str, ParameterStyle]
) -> list[Part]:
    """One part per field: bytes are files, scalars text, arrays repeat the part, and objects are
    JSON parts (OpenAPI's default for them) unless an Encoding Object gives them a style."""
    parts: list[Part] = []
    for name, value in fields.items():
        if is_absent(value):
            continue
        items: Iterable[object] = value if isinstance(value, list | tuple) else [value]
        if name in styles or any(isinstance(item, Mapping | BaseModel) for item in items):
            if name in styles:
                parts.extend(
                    (key, (None, item)) for key, item in form_field_pairs(name, value, styles[name])
                )
            else:
                parts.append(
                    (
                        name,
                        (None, json.dumps(plain(value), separators=(",", ":")), "application/json"),
                    )
                )
            continue
        for item in items:
            if isinstance(item, bytes):
                parts.append((name, (name, item, "application/octet-stream")))
            else:
                parts.append((name, (None, text(plain(item)))))
    return parts


# -- responses ----------------------------------------------------------------------------------


def decode_body(spec: ResponseSpec, content: bytes, encoding: str | None) -> Any:
    """Parse a success body; raises pydantic's ValidationError when JSON does not fit.

    Wire data is read by wire names only. Models also accept their Python names (so callers
    can write `ContactUpdate(is_private=True)`), but a server's `is_private` beside
    `isPrivate` is an unknown field, not a second value for the same one.
    """
    if spec.kind == "empty":
        return None
    if spec.kind == "binary":
        return content
    if spec.kind == "text":
        return content.decode(encoding or "utf-8", errors="replace")
    tp = spec.type
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp.model_validate_json(content, by_alias=True, by_name=False)
    if tp is None or tp is Any:
        return json.loads(content) if content else None
    return adapter(tp).validate_json(content, by_alias=True, by_name=False)


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
