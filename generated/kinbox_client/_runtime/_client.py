"""The HTTP core of every generated client: auth, timeouts, retries, errors and logging.

Generated client classes subclass `SyncAPIClient` / `AsyncAPIClient` and each operation
is one call to `_request` (or `_request_raw`) with its `Endpoint`. Everything that is not
about a particular operation lives here, written once; the two classes differ only where
one sends and sleeps synchronously and the other awaits.
"""

from __future__ import annotations

import asyncio
import copy
import logging
import os
import platform
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Self, TypedDict

import httpx
from pydantic import ValidationError

from . import _auth, _defaults, _retry
from ._endpoint import Endpoint, decode_body, decode_error_body, encode_body, query_items
from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    ClientError,
    RateLimitError,
    status_error_class,
)
from ._response import APIResponse
from ._streaming import AsyncStream, Stream

DEFAULT_TIMEOUT = httpx.Timeout(_defaults.TIMEOUT, connect=_defaults.CONNECT_TIMEOUT)
DEFAULT_MAX_RETRIES = _defaults.MAX_RETRIES
DEFAULT_CONNECTION_LIMITS = httpx.Limits(
    max_connections=_defaults.MAX_CONNECTIONS,
    max_keepalive_connections=_defaults.MAX_KEEPALIVE_CONNECTIONS,
)

# The generated package's own logger: "kinbox_client" for kinbox_client._runtime._client.
logger = logging.getLogger(__name__.split(".")[0])


class RequestOptions(TypedDict, total=False):
    """Per-call options every operation method accepts as keyword arguments."""

    timeout: float | httpx.Timeout | None
    max_retries: int
    extra_headers: Mapping[str, str]
    extra_query: Mapping[str, object]


@dataclass(frozen=True, slots=True)
class ClientConfig:
    """What a generated package tells the runtime about its API (one constant per package)."""

    distribution: str
    version: str
    default_base_url: str | None
    base_url_env: str
    log_env: str
    credential_env: Mapping[str, str]  # constructor argument -> environment variable
    security_schemes: Mapping[str, _auth.SecurityScheme]
    default_security: tuple[tuple[str, ...], ...]


class _NotGiven:
    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Any = _NotGiven()


class BaseClient:
    """Configuration and the request/response steps that do not block."""

    _config: ClientConfig

    def __init__(
        self,
        config: ClientConfig,
        *,
        credentials: Mapping[str, str | None],
        base_url: str | httpx.URL | None,
        timeout: float | httpx.Timeout | None,
        max_retries: int,
        default_headers: Mapping[str, str] | None,
    ) -> None:
        self._config = config
        chosen = base_url or os.environ.get(config.base_url_env)
        self._base_url_chosen = bool(chosen)  # then operations with their own server use it too
        resolved = chosen or config.default_base_url
        if not resolved:
            raise ClientError(f"no base URL: pass base_url=... or set {config.base_url_env}")
        self._base_url = httpx.URL(str(resolved).rstrip("/"))
        self._base_url_text = str(self._base_url).rstrip("/")
        self._credentials = _auth.Credentials(credentials, config.credential_env)
        self._alternatives: dict[tuple[tuple[str, ...], ...], tuple[str, ...]] = {}
        if config.default_security and all(config.default_security):
            _auth.require(config.default_security, config.security_schemes, self._credentials)
        if max_retries < 0:
            raise ValueError("max_retries must be 0 or more")
        self._timeout = timeout
        self._timeout_extension = httpx.Timeout(timeout).as_dict()  # what httpx reads per request
        self._max_retries = max_retries
        self._default_headers = {
            "User-Agent": (
                f"{config.distribution}/{config.version} python/{platform.python_version()} httpx/{httpx.__version__}"
            ),
            **(default_headers or {}),
        }
        self._now: Callable[[], float] = time.time  # wall clock, for Retry-After dates
        self._clock: Callable[[], float] = time.monotonic  # for elapsed times
        _configure_logging(config.log_env)

    @property
    def base_url(self) -> httpx.URL:
        return self._base_url

    @property
    def timeout(self) -> float | httpx.Timeout | None:
        return self._timeout

    @property
    def max_retries(self) -> int:
        return self._max_retries

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={str(self._base_url)!r})"

    def _configured_copy(self, timeout: Any, max_retries: Any) -> Self:
        clone = copy.copy(self)
        clone._owns_http = False  # the copy shares the connection pool; the original closes it
        if timeout is not NOT_GIVEN:
            clone._timeout = timeout
            clone._timeout_extension = httpx.Timeout(timeout).as_dict()
        if max_retries is not NOT_GIVEN:
            if max_retries < 0:
                raise ValueError("max_retries must be 0 or more")
            clone._max_retries = max_retries
        return clone

    _owns_http: bool
    _plain_http: bool
    _stream_type: type[Stream] | type[AsyncStream]  # what a `text/event-stream` operation returns

    def _adopt_httpx_defaults(self, defaults: httpx.Headers) -> None:
        """Send what httpx's own client adds (Accept-Encoding, Connection) though we skip its merge.

        `Accept` stays per operation and `User-Agent` is ours; headers already set win.
        """
        if not self._plain_http:
            return
        present = {name.lower() for name in self._default_headers}
        for name, value in defaults.items():
            if name not in present and name not in ("accept", "user-agent"):
                self._default_headers["-".join(part.capitalize() for part in name.split("-"))] = (
                    value
                )

    # -- building ---------------------------------------------------------------------------

    def _build_request(
        self,
        http: httpx.Client | httpx.AsyncClient,
        endpoint: Endpoint,
        *,
        path: Mapping[str, object] | None,
        query: Mapping[str, object] | None,
        headers: Mapping[str, object] | None,
        cookies: Mapping[str, object] | None,
        body: object,
        options: RequestOptions,
    ) -> httpx.Request:
        url_path = endpoint.url_path(path or {})
        query_pairs: list[tuple[str, str | int | float | bool | None]] = []
        if query:
            query_pairs.extend(endpoint.query_pairs(query))
        if "extra_query" in options:
            query_pairs.extend(query_items(options["extra_query"], {}))
        request_headers = dict(self._default_headers)
        if headers:
            request_headers.update(endpoint.header_values(headers))
        request_cookies = endpoint.cookie_values(cookies) if cookies else {}
        alternative = self._alternatives.get(endpoint.security)
        if alternative is None:  # credentials never change: decide once per set of requirements
            alternative = _auth.require(
                endpoint.security, self._config.security_schemes, self._credentials
            )
            self._alternatives[endpoint.security] = alternative
        _auth.apply(
            alternative,
            self._config.security_schemes,
            self._credentials,
            request_headers,
            query_pairs,
            request_cookies,
        )
        content_args: dict[str, Any] = {}
        if endpoint.body is not None and body is not None:
            content_args, content_type = encode_body(endpoint.body, body)
            if content_type is not None:
                request_headers["Content-Type"] = content_type
        if endpoint.accept:
            request_headers.setdefault("Accept", endpoint.accept)
        if request_cookies:
            request_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in request_cookies.items())
        if "extra_headers" in options:
            request_headers.update(options["extra_headers"])
        timeout = options.get("timeout", self._timeout)
        base = (
            endpoint.server.rstrip("/")
            if endpoint.server and not self._base_url_chosen
            else self._base_url_text
        )
        url = base + url_path  # one string, parsed once: the path is already percent-encoded
        if not self._plain_http:  # the caller's client: its own headers, cookies and auth apply
            return http.build_request(
                endpoint.method,
                url,
                params=query_pairs or None,
                headers=request_headers,
                timeout=timeout if timeout is not None else httpx.Timeout(None),
                **content_args,
            )
        # Our own client has no defaults to merge in: build the request directly (faster).
        return httpx.Request(
            endpoint.method,
            url,
            params=query_pairs or None,
            headers=request_headers,
            extensions={
                "timeout": httpx.Timeout(timeout).as_dict()
                if "timeout" in options
                else self._timeout_extension
            },
            **content_args,
        )

    # -- answering ----------------------------------------------------------------------------

    def _retry_delay(
        self, retries_done: int, max_retries: int, response: httpx.Response | None
    ) -> float | None:
        """Seconds to wait before trying again, or None to stop now."""
        if retries_done >= max_retries:
            return None
        if response is not None and not _retry.is_retryable_status(response.status_code):
            return None
        return _retry.retry_delay(
            retries_done, response.headers if response is not None else None, self._now
        )

    def _status_error(self, endpoint: Endpoint, response: httpx.Response) -> APIStatusError:
        spec = endpoint.response_for(response.status_code) or endpoint.error_fallback()
        body = decode_error_body(spec, response.content)
        detail = _error_detail(body)
        message = f"{response.status_code} {response.reason_phrase} from {endpoint.method} {response.request.url.path}"
        if detail:
            message += f": {detail}"
        error_class = status_error_class(response.status_code)
        if response.status_code == 429:
            retry_after = _retry.server_retry_after(response.headers, self._now)
            return RateLimitError(message, response=response, body=body, retry_after=retry_after)
        return error_class(message, response=response, body=body)

    def _connection_error(
        self, endpoint: Endpoint, request: httpx.Request, exc: Exception
    ) -> APIConnectionError:
        where = f"{endpoint.method} {request.url.path}"
        if isinstance(exc, httpx.TimeoutException):
            return APITimeoutError(f"request timed out: {where}", request=request)
        reason = type(exc).__name__ + (f": {exc}" if str(exc) else "")
        return APIConnectionError(f"connection error: {where}: {reason}", request=request)

    def _parse(self, endpoint: Endpoint, response: httpx.Response) -> Any:
        spec = endpoint.response_for(response.status_code) or endpoint.success_fallback()
        if spec is None:
            return None
        if spec.kind == "stream":
            return self._stream_type(response)
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

    def _log_attempt(
        self, request: httpx.Request, status: int | str, started: float, retries_done: int
    ) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            elapsed_ms = (self._clock() - started) * 1000
            logger.debug(
                "%s %s -> %s in %.1f ms (retry %d)",
                request.method,
                _safe_url(request.url, self._config.security_schemes),
                status,
                elapsed_ms,
                retries_done,
            )


class SyncAPIClient(BaseClient):
    """Base of generated synchronous clients. Safe to share between threads."""

    _stream_type = Stream

    def __init__(
        self,
        config: ClientConfig,
        *,
        credentials: Mapping[str, str | None],
        base_url: str | httpx.URL | None,
        timeout: float | httpx.Timeout | None,
        max_retries: int,
        default_headers: Mapping[str, str] | None,
        http_client: httpx.Client | None,
        transport: httpx.BaseTransport | None,
    ) -> None:
        super().__init__(
            config,
            credentials=credentials,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
        )
        if http_client is not None and transport is not None:
            raise ValueError("pass http_client or transport, not both")
        self._owns_http = http_client is None
        self._plain_http = http_client is None  # no defaults of the caller's to merge (copies too)
        self._http = http_client or httpx.Client(
            transport=transport, limits=DEFAULT_CONNECTION_LIMITS
        )
        self._adopt_httpx_defaults(self._http.headers)
        self._sleep: Callable[[float], None] = time.sleep

    def close(self) -> None:
        """Close the connection pool (unless it came from an `http_client` you passed in)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def with_options(
        self, *, timeout: float | httpx.Timeout | None = NOT_GIVEN, max_retries: int = NOT_GIVEN
    ) -> Self:
        """A copy with other defaults, sharing this client's connections."""
        return self._configured_copy(timeout, max_retries)

    def _request(self, endpoint: Endpoint, *, options: RequestOptions, **parts: Any) -> Any:
        return self._parse(endpoint, self._send(endpoint, options, parts)[0])

    def _request_raw(
        self, endpoint: Endpoint, *, options: RequestOptions, **parts: Any
    ) -> APIResponse[Any]:
        response, retries = self._send(endpoint, options, parts)
        return APIResponse(response, lambda r: self._parse(endpoint, r), retries)

    def _send(
        self, endpoint: Endpoint, options: RequestOptions, parts: dict[str, Any]
    ) -> tuple[httpx.Response, int]:
        request = self._build_request(
            self._http,
            endpoint,
            path=parts.get("path"),
            query=parts.get("query"),
            headers=parts.get("headers"),
            cookies=parts.get("cookies"),
            body=parts.get("body"),
            options=options,
        )
        max_retries = options.get("max_retries", self._max_retries)
        retries_done = 0
        while True:
            started = self._clock()
            try:
                response = self._http.send(request, stream=endpoint.streams)
            except httpx.TransportError as exc:
                self._log_attempt(request, type(exc).__name__, started, retries_done)
                delay = self._retry_delay(retries_done, max_retries, None)
                if delay is None:
                    raise self._connection_error(endpoint, request, exc) from exc
            else:
                self._log_attempt(request, response.status_code, started, retries_done)
                if response.is_success:
                    return response, retries_done
                response.read()  # a streamed request's error body too
                delay = self._retry_delay(retries_done, max_retries, response)
                if delay is None:
                    raise self._status_error(endpoint, response)
                response.close()
            self._sleep(delay)
            retries_done += 1


class AsyncAPIClient(BaseClient):
    """Base of generated asyncio clients. Safe to share between tasks of one event loop."""

    _stream_type = AsyncStream

    def __init__(
        self,
        config: ClientConfig,
        *,
        credentials: Mapping[str, str | None],
        base_url: str | httpx.URL | None,
        timeout: float | httpx.Timeout | None,
        max_retries: int,
        default_headers: Mapping[str, str] | None,
        http_client: httpx.AsyncClient | None,
        transport: httpx.AsyncBaseTransport | None,
    ) -> None:
        super().__init__(
            config,
            credentials=credentials,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
        )
        if http_client is not None and transport is not None:
            raise ValueError("pass http_client or transport, not both")
        self._owns_http = http_client is None
        self._plain_http = http_client is None  # no defaults of the caller's to merge (copies too)
        self._http = http_client or httpx.AsyncClient(
            transport=transport, limits=DEFAULT_CONNECTION_LIMITS
        )
        self._adopt_httpx_defaults(self._http.headers)
        self._sleep: Callable[[float], Any] = asyncio.sleep

    async def close(self) -> None:
        """Close the connection pool (unless it came from an `http_client` you passed in)."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    def with_options(
        self, *, timeout: float | httpx.Timeout | None = NOT_GIVEN, max_retries: int = NOT_GIVEN
    ) -> Self:
        """A copy with other defaults, sharing this client's connections."""
        return self._configured_copy(timeout, max_retries)

    async def _request(self, endpoint: Endpoint, *, options: RequestOptions, **parts: Any) -> Any:
        return self._parse(endpoint, (await self._send(endpoint, options, parts))[0])

    async def _request_raw(
        self, endpoint: Endpoint, *, options: RequestOptions, **parts: Any
    ) -> APIResponse[Any]:
        response, retries = await self._send(endpoint, options, parts)
        return APIResponse(response, lambda r: self._parse(endpoint, r), retries)

    async def _send(
        self, endpoint: Endpoint, options: RequestOptions, parts: dict[str, Any]
    ) -> tuple[httpx.Response, int]:
        request = self._build_request(
            self._http,
            endpoint,
            path=parts.get("path"),
            query=parts.get("query"),
            headers=parts.get("headers"),
            cookies=parts.get("cookies"),
            body=parts.get("body"),
            options=options,
        )
        max_retries = options.get("max_retries", self._max_retries)
        retries_done = 0
        while True:
            started = self._clock()
            try:
                response = await self._http.send(request, stream=endpoint.streams)
            except httpx.TransportError as exc:
                self._log_attempt(request, type(exc).__name__, started, retries_done)
                delay = self._retry_delay(retries_done, max_retries, None)
                if delay is None:
                    raise self._connection_error(endpoint, request, exc) from exc
            else:
                self._log_attempt(request, response.status_code, started, retries_done)
                if response.is_success:
                    return response, retries_done
                await response.aread()  # a streamed request's error body too
                delay = self._retry_delay(retries_done, max_retries, response)
                if delay is None:
                    raise self._status_error(endpoint, response)
                await response.aclose()
            await self._sleep(delay)
            retries_done += 1


# -- helpers --------------------------------------------------------------------------------


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


def _safe_url(url: httpx.URL, schemes: Mapping[str, _auth.SecurityScheme]) -> str:
    """The URL for logs, with API keys sent in the query masked."""
    secret = {
        s.api_key_name
        for s in schemes.values()
        if s.kind == "api_key" and s.api_key_location == "query"
    }
    if not secret or not url.query:
        return str(url)
    masked = [(key, "***" if key in secret else value) for key, value in url.params.multi_items()]
    return str(url.copy_with(params=masked))


_LOG_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}


def _configure_logging(env_var: str) -> None:
    """`<PREFIX>_LOG=debug` turns on the package's logger without code (once per process)."""
    level = _LOG_LEVELS.get(os.environ.get(env_var, "").strip().lower())
    if level is None or getattr(logger, "_configured_from_env", False):
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("[%(asctime)s %(name)s %(levelname)s] %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
    logger._configured_from_env = True  # type: ignore[attr-defined]
