"""What an answer becomes: the parsed success body, or the exception a failed call ends with.

Pure functions of the endpoint and the httpx objects, used by `._attempts` and
`BaseClient._parse`; nothing here sends, waits or decides on retries.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from pydantic import ValidationError

from . import _retry
from ._bodies import decode_body, decode_error_body
from ._endpoint import Endpoint
from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    RateLimitError,
    status_error_class,
)
from ._streaming import AsyncStream, Stream


def parse_success(
    endpoint: Endpoint, response: httpx.Response, stream_type: type[Stream] | type[AsyncStream]
) -> Any:
    """The typed body of a success answer (a `stream_type` for `text/event-stream`)."""
    spec = endpoint.response_for(response.status_code) or endpoint.success_fallback()
    if spec is None:
        return None
    if spec.kind == "stream":
        return stream_type(response)
    try:
        return decode_body(spec, response.content, response.encoding)
    except (ValidationError, ValueError) as exc:
        try:
            body: Any = response.json()
        except ValueError:
            body = response.text
        first = _first_problem(exc)
        raise APIResponseValidationError(
            f"{response.status_code} answer from {endpoint.method} {response.request.url.path} "
            f"does not match the spec: {first}",
            response=response,
            body=body,
            errors=exc,
        ) from None


def status_error(
    endpoint: Endpoint, response: httpx.Response, now: Callable[[], float]
) -> APIStatusError:
    """The exception for a non-2xx answer whose body has been read; `now` is the wall clock."""
    spec = endpoint.response_for(response.status_code) or endpoint.error_fallback()
    body = decode_error_body(spec, response.content)
    detail = _error_detail(body)
    message = f"{response.status_code} {response.reason_phrase} from {endpoint.method} {response.request.url.path}"
    if detail:
        message += f": {detail}"
    error_class = status_error_class(response.status_code)
    if response.status_code == 429:
        retry_after = _retry.server_retry_after(response.headers, now)
        return RateLimitError(message, response=response, body=body, retry_after=retry_after)
    return error_class(message, response=response, body=body)


def connection_error(
    endpoint: Endpoint, request: httpx.Request, exc: Exception
) -> APIConnectionError:
    """The exception for a transport failure: a timeout, or any other connection error."""
    where = f"{endpoint.method} {request.url.path}"
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"request timed out: {where}", request=request)
    reason = type(exc).__name__ + (f": {exc}" if str(exc) else "")
    return APIConnectionError(f"connection error: {where}: {reason}", request=request)


def _error_detail(body: Any) -> str:
    """The one-line explanation an error body carries, if any."""
    message = getattr(body, "message", None)
    if message is None and isinstance(body, dict):
        message = body.get("message") or body.get("error") or body.get("detail")
    if not isinstance(message, str):
        return ""
    line = " ".join(message.split())
    return line if len(line) <= 200 else line[:199] + "…"


def _first_problem(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = "/".join(str(part) for part in first.get("loc", ())) or "body"
        return f"{where}: {first.get('msg')}"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
