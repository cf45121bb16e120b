"""The HTTP core of every generated client: auth, timeouts, retries, errors and logging.

Generated client classes subclass `SyncAPIClient` / `AsyncAPIClient` and each operation
is one call to `_request` (or `_request_raw`) with its `Endpoint`. Everything that is not
about a particular operation lives here, written once: the state in `BaseClient`, and every
decision of a call (retry or not, how long to wait, which error) in `._attempts`, a generator
that the two classes drive as httpx drives its auth flows. They differ only where one sends,
reads and sleeps synchronously and the other awaits. What a package and a caller configure is
in `._options`, what an answer turns into (a parsed body or an exception) in `._answers`, the
per-attempt log record in `._log`.
"""

from __future__ import annotations

import abc
import asyncio
import copy
import os
import platform
import time
from collections.abc import Callable, Generator, Mapping
from typing import Any, Generic, Self, TypeVar

import httpx

from . import _auth, _masking
from ._answers import parse_success
from ._attempts import Step, attempts
from ._bodies import encode_body
from ._endpoint import Endpoint, query_items
from ._exceptions import UsageError
from ._log import configure_logging
from ._options import DEFAULT_CONNECTION_LIMITS, NOT_GIVEN, ClientConfig, RequestOptions
from ._response import APIResponse
from ._streaming import AsyncStream, Stream

_HttpT = TypeVar("_HttpT", bound="httpx.Client | httpx.AsyncClient")
_TransportT = TypeVar("_TransportT", bound="httpx.BaseTransport | httpx.AsyncBaseTransport")


class BaseClient(abc.ABC, Generic[_HttpT, _TransportT]):
    """Configuration, the connection pool, and every step of a call that does not block."""

    _config: ClientConfig
    _stream_type: type[Stream] | type[AsyncStream]  # what a `text/event-stream` operation returns

    def __init__(
        self,
        config: ClientConfig,
        *,
        credentials: Mapping[str, str | None],
        base_url: str | httpx.URL | None,
        timeout: float | httpx.Timeout | None,
        max_retries: int,
        default_headers: Mapping[str, str] | None,
        http_client: _HttpT | None,
        transport: _TransportT | None,
    ) -> None:
        self._config = config
        chosen = base_url or os.environ.get(config.base_url_env)
        self._base_url_chosen = bool(chosen)  # then operations with their own server use it too
        resolved = chosen or config.default_base_url
        if not resolved:
            raise UsageError(f"no base URL: pass base_url=... or set {config.base_url_env}")
        self._base_url = httpx.URL(str(resolved).rstrip("/"))
        self._base_url_text = str(self._base_url).rstrip("/")
        self._credentials = _auth.Credentials(credentials, config.credential_env)
        self._alternatives: dict[tuple[tuple[str, ...], ...], tuple[str, ...]] = {}
        # Where this API's keys may travel, marked on every request so whatever shows it masks them.
        self._secrets = _masking.secrets_of(config.security_schemes.values())
        self._mask_header_repr = (
            self._secrets != _masking.NONE
        )  # httpx's repr masks Authorization itself
        _masking.guard_httpx_log(config.security_schemes)
        if config.default_security and all(config.default_security):
            _auth.require(config.default_security, config.security_schemes, self._credentials)
        if max_retries < 0:
            raise UsageError("max_retries must be 0 or more")
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
        configure_logging(config.log_env)
        if http_client is not None and transport is not None:
            raise UsageError("pass http_client or transport, not both")
        self._owns_http = http_client is None
        self._plain_http = http_client is None  # no defaults of the caller's to merge (copies too)
        self._http: _HttpT = http_client or self._new_http(transport)
        self._adopt_httpx_defaults(self._http.headers)

    @abc.abstractmethod
    def _new_http(self, transport: _TransportT | None) -> _HttpT:
        """The client's own httpx client, when the caller passed none."""

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

    def with_options(
        self, *, timeout: float | httpx.Timeout | None = NOT_GIVEN, max_retries: int = NOT_GIVEN
    ) -> Self:
        """A copy with other defaults, sharing this client's connections."""
        clone = copy.copy(self)
        clone._owns_http = False  # the copy shares the connection pool; the original closes it
        if timeout is not NOT_GIVEN:
            clone._timeout = timeout
            clone._timeout_extension = httpx.Timeout(timeout).as_dict()
        if max_retries is not NOT_GIVEN:
            if max_retries < 0:
                raise UsageError("max_retries must be 0 or more")
            clone._max_retries = max_retries
        return clone

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
        endpoint: Endpoint,
        *,
        path: Mapping[str, object] | None,
        query: Mapping[str, object] | None,
        headers: Mapping[str, object] | None,
        cookies: Mapping[str, object] | None,
        body: object,
        options: RequestOptions,
    ) -> httpx.Request:
        for location, values in (
            ("path", path),
            ("query", query),
            ("header", headers),
            ("cookie", cookies),
        ):
            if values:
                endpoint.check_parameters(location, values)
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
            request = self._http.build_request(
                endpoint.method,
                url,
                params=query_pairs or None,
                headers=request_headers,
                timeout=timeout if timeout is not None else httpx.Timeout(None),
                extensions={_masking.EXTENSION: self._secrets},
                **content_args,
            )
        else:  # our own client has no defaults to merge in: build the request directly (faster)
            request = httpx.Request(
                endpoint.method,
                url,
                params=query_pairs or None,
                headers=request_headers,
                extensions={
                    "timeout": httpx.Timeout(timeout).as_dict()
                    if "timeout" in options
                    else self._timeout_extension,
                    _masking.EXTENSION: self._secrets,
                },
                **content_args,
            )
        if self._mask_header_repr:
            request.headers = _masking.MaskedHeaders(request.headers, self._secrets)
        return request

    def _flow(
        self, endpoint: Endpoint, options: RequestOptions, parts: Mapping[str, Any]
    ) -> Generator[Step, httpx.Response, tuple[httpx.Response, int]]:
        """The call's attempts (`._attempts`), for `_send` to drive."""
        request = self._build_request(
            endpoint,
            path=parts.get("path"),
            query=parts.get("query"),
            headers=parts.get("headers"),
            cookies=parts.get("cookies"),
            body=parts.get("body"),
            options=options,
        )
        max_retries = options.get("max_retries", self._max_retries)
        return attempts(
            endpoint, request, max_retries=max_retries, now=self._now, clock=self._clock
        )

    # -- answering ----------------------------------------------------------------------------

    def _raw_response(
        self, endpoint: Endpoint, response: httpx.Response, retries: int
    ) -> APIResponse[Any]:
        return APIResponse(response, lambda r: self._parse(endpoint, r), retries)

    def _parse(self, endpoint: Endpoint, response: httpx.Response) -> Any:
        return parse_success(endpoint, response, self._stream_type)


class SyncAPIClient(BaseClient[httpx.Client, httpx.BaseTransport]):
    """Base of generated synchronous clients. Safe to share between threads."""

    _stream_type = Stream
    _sleep: Callable[[float], None] = staticmethod(time.sleep)

    def _new_http(self, transport: httpx.BaseTransport | None) -> httpx.Client:
        return httpx.Client(transport=transport, limits=DEFAULT_CONNECTION_LIMITS)

    def close(self) -> None:
        """Close the connection pool (unless it came from an `http_client` you passed in)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _request(self, endpoint: Endpoint, *, options: RequestOptions, **parts: Any) -> Any:
        return self._parse(endpoint, self._send(endpoint, options, parts)[0])

    def _request_raw(
        self, endpoint: Endpoint, *, options: RequestOptions, **parts: Any
    ) -> APIResponse[Any]:
        return self._raw_response(endpoint, *self._send(endpoint, options, parts))

    def _send(
        self, endpoint: Endpoint, options: RequestOptions, parts: Mapping[str, Any]
    ) -> tuple[httpx.Response, int]:
        """Drive the attempts with blocking I/O."""
        flow = self._flow(endpoint, options, parts)
        step = next(flow)
        while True:
            if isinstance(step, httpx.Request):
                try:
                    response = self._http.send(step, stream=endpoint.streams)
                except httpx.TransportError as exc:
                    step = flow.throw(exc)
                    continue
                try:
                    step = flow.send(response)
                except StopIteration as done:
                    result: tuple[httpx.Response, int] = done.value
                    return result
            elif isinstance(step, httpx.Response):
                step.read()
                step = next(flow)
            else:
                self._sleep(step)
                step = next(flow)


class AsyncAPIClient(BaseClient[httpx.AsyncClient, httpx.AsyncBaseTransport]):
    """Base of generated asyncio clients. Safe to share between tasks of one event loop."""

    _stream_type = AsyncStream
    _sleep: Callable[[float], Any] = staticmethod(asyncio.sleep)

    def _new_http(self, transport: httpx.AsyncBaseTransport | None) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=transport, limits=DEFAULT_CONNECTION_LIMITS)

    async def close(self) -> None:
        """Close the connection pool (unless it came from an `http_client` you passed in)."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def _request(self, endpoint: Endpoint, *, options: RequestOptions, **parts: Any) -> Any:
        return self._parse(endpoint, (await self._send(endpoint, options, parts))[0])

    async def _request_raw(
        self, endpoint: Endpoint, *, options: RequestOptions, **parts: Any
    ) -> APIResponse[Any]:
        return self._raw_response(endpoint, *(await self._send(endpoint, options, parts)))

    async def _send(
        self, endpoint: Endpoint, options: RequestOptions, parts: Mapping[str, Any]
    ) -> tuple[httpx.Response, int]:
        """Drive the attempts with awaited I/O."""
        flow = self._flow(endpoint, options, parts)
        step = next(flow)
        while True:
            if isinstance(step, httpx.Request):
                try:
                    response = await self._http.send(step, stream=endpoint.streams)
                except httpx.TransportError as exc:
                    step = flow.throw(exc)
                    continue
                try:
                    step = flow.send(response)
                except StopIteration as done:
                    result: tuple[httpx.Response, int] = done.value
                    return result
            elif isinstance(step, httpx.Response):
                await step.aread()
                step = next(flow)
            else:
                await self._sleep(step)
                step = next(flow)
