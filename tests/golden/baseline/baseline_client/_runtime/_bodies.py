"""Request bodies on the wire and response bodies off it, as an `Endpoint` declares them."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import urlencode

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import PydanticSerializationError

from ._endpoint import BodySpec, ResponseSpec
from ._exceptions import RequestValidationError
from ._params import ParameterStyle, form_field_pairs, is_absent, plain, text
from ._sendable import unsendable

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
