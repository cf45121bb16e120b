# Generated from the OpenAPI spec by the generator: do not edit.

"""Clients for Baseline: `BaselineClient` and `AsyncBaselineClient`.

Each operation is one method that hands its `Endpoint` to the runtime (`._runtime`),
which holds auth, timeouts, retries, errors and logging for every operation.
"""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from ._runtime import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    AsyncAPIClient,
    ClientConfig,
    SecurityScheme,
    SyncAPIClient,
)
from ._version import __version__
from .resources.charges import (
    AsyncChargesResource,
    AsyncChargesResourceWithRawResponse,
    ChargesResource,
    ChargesResourceWithRawResponse,
)
from .resources.contacts import (
    AsyncContactsResource,
    AsyncContactsResourceWithRawResponse,
    ContactsResource,
    ContactsResourceWithRawResponse,
)
from .resources.events import (
    AsyncEventsResource,
    AsyncEventsResourceWithRawResponse,
    EventsResource,
    EventsResourceWithRawResponse,
)
from .resources.files import (
    AsyncFilesResource,
    AsyncFilesResourceWithRawResponse,
    FilesResource,
    FilesResourceWithRawResponse,
)
from .resources.notes import (
    AsyncNotesResource,
    AsyncNotesResourceWithRawResponse,
    NotesResource,
    NotesResourceWithRawResponse,
)

__all__ = [
    "BaselineClient",
    "AsyncBaselineClient",
    "BaselineClientWithRawResponse",
    "AsyncBaselineClientWithRawResponse",
]

_CONFIG = ClientConfig(
    distribution="baseline-client",
    version=__version__,
    default_base_url="https://eu.baseline.test/v1",
    base_url_env="BASELINE_BASE_URL",
    log_env="BASELINE_LOG",
    credential_env={
        "token": "BASELINE_TOKEN",
        "api_key": "BASELINE_API_KEY",
        "username": "BASELINE_USERNAME",
        "password": "BASELINE_PASSWORD",
    },
    security_schemes={
        "bearer": SecurityScheme("bearer"),
        "basic": SecurityScheme("basic"),
        "headerKey": SecurityScheme("api_key", "X-Api-Key", "header"),
        "queryKey": SecurityScheme("api_key", "api_key", "query"),
        "cookieKey": SecurityScheme("api_key", "session_key", "cookie"),
        "oauth": SecurityScheme("bearer"),
        "openId": SecurityScheme("bearer"),
    },
    default_security=(("bearer",),),
)


class BaselineClient(SyncAPIClient):
    """Client for Baseline.

    Args:
        token: Bearer token; read from `BASELINE_TOKEN` when not given.
        api_key: API key; read from `BASELINE_API_KEY` when not given.
        username: User name for HTTP basic auth; read from `BASELINE_USERNAME` when not given.
        password: Password for HTTP basic auth; read from `BASELINE_PASSWORD` when not given.
        base_url: Server to call; defaults to `BASELINE_BASE_URL`, then `https://eu.baseline.test/v1`.
        timeout: Default timeout for each request (seconds or `httpx.Timeout`; None waits forever).
        max_retries: Default number of retries after a connection error, a timeout, 408, 429 or 5xx.
        default_headers: Headers sent with every request.
        http_client: Your own `httpx.Client` (proxies, mTLS, ...); you keep ownership and close it.
        transport: An httpx transport for the client's own `httpx.Client`.
    """

    def __init__(
        self,
        *,
        token: str | None = None,
        api_key: str | None = None,
        username: str | None = None,
        password: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        super().__init__(
            _CONFIG,
            credentials={
                "token": token,
                "api_key": api_key,
                "username": username,
                "password": password,
            },
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            http_client=http_client,
            transport=transport,
        )

    @property
    def with_raw_response(self) -> BaselineClientWithRawResponse:
        """The same operations, returning `APIResponse` (status, headers, `.parse()`)."""
        return BaselineClientWithRawResponse(self)

    @property
    def contacts(self) -> ContactsResource:
        """People, and what they own."""
        return ContactsResource(self)

    @property
    def files(self) -> FilesResource:
        """Uploads and downloads, on a server of their own."""
        return FilesResource(self)

    @property
    def events(self) -> EventsResource:
        """Operations on Events."""
        return EventsResource(self)

    @property
    def notes(self) -> NotesResource:
        """Operations on notes."""
        return NotesResource(self)

    @property
    def charges(self) -> ChargesResource:
        """Operations on charges."""
        return ChargesResource(self)


class BaselineClientWithRawResponse:
    """`BaselineClient` operations that return `APIResponse` instead of the parsed body."""

    def __init__(self, client: BaselineClient) -> None:
        self._client = client

    @property
    def contacts(self) -> ContactsResourceWithRawResponse:
        return ContactsResourceWithRawResponse(self._client)

    @property
    def files(self) -> FilesResourceWithRawResponse:
        return FilesResourceWithRawResponse(self._client)

    @property
    def events(self) -> EventsResourceWithRawResponse:
        return EventsResourceWithRawResponse(self._client)

    @property
    def notes(self) -> NotesResourceWithRawResponse:
        return NotesResourceWithRawResponse(self._client)

    @property
    def charges(self) -> ChargesResourceWithRawResponse:
        return ChargesResourceWithRawResponse(self._client)


class AsyncBaselineClient(AsyncAPIClient):
    """Asyncio client for Baseline.

    Args:
        token: Bearer token; read from `BASELINE_TOKEN` when not given.
        api_key: API key; read from `BASELINE_API_KEY` when not given.
        username: User name for HTTP basic auth; read from `BASELINE_USERNAME` when not given.
        password: Password for HTTP basic auth; read from `BASELINE_PASSWORD` when not given.
        base_url: Server to call; defaults to `BASELINE_BASE_URL`, then `https://eu.baseline.test/v1`.
        timeout: Default timeout for each request (seconds or `httpx.Timeout`; None waits forever).
        max_retries: Default number of retries after a connection error, a timeout, 408, 429 or 5xx.
        default_headers: Headers sent with every request.
        http_client: Your own `httpx.AsyncClient` (proxies, mTLS, ...); you keep ownership and close it.
        transport: An httpx transport for the client's own `httpx.AsyncClient`.
    """

    def __init__(
        self,
        *,
        token: str | None = None,
        api_key: str | None = None,
        username: str | None = None,
        password: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        super().__init__(
            _CONFIG,
            credentials={
                "token": token,
                "api_key": api_key,
                "username": username,
                "password": password,
            },
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            http_client=http_client,
            transport=transport,
        )

    @property
    def with_raw_response(self) -> AsyncBaselineClientWithRawResponse:
        """The same operations, returning `APIResponse` (status, headers, `.parse()`)."""
        return AsyncBaselineClientWithRawResponse(self)

    @property
    def contacts(self) -> AsyncContactsResource:
        """People, and what they own."""
        return AsyncContactsResource(self)

    @property
    def files(self) -> AsyncFilesResource:
        """Uploads and downloads, on a server of their own."""
        return AsyncFilesResource(self)

    @property
    def events(self) -> AsyncEventsResource:
        """Operations on Events."""
        return AsyncEventsResource(self)

    @property
    def notes(self) -> AsyncNotesResource:
        """Operations on notes."""
        return AsyncNotesResource(self)

    @property
    def charges(self) -> AsyncChargesResource:
        """Operations on charges."""
        return AsyncChargesResource(self)


class AsyncBaselineClientWithRawResponse:
    """`AsyncBaselineClient` operations that return `APIResponse` instead of the parsed body."""

    def __init__(self, client: AsyncBaselineClient) -> None:
        self._client = client

    @property
    def contacts(self) -> AsyncContactsResourceWithRawResponse:
        return AsyncContactsResourceWithRawResponse(self._client)

    @property
    def files(self) -> AsyncFilesResourceWithRawResponse:
        return AsyncFilesResourceWithRawResponse(self._client)

    @property
    def events(self) -> AsyncEventsResourceWithRawResponse:
        return AsyncEventsResourceWithRawResponse(self._client)

    @property
    def notes(self) -> AsyncNotesResourceWithRawResponse:
        return AsyncNotesResourceWithRawResponse(self._client)

    @property
    def charges(self) -> AsyncChargesResourceWithRawResponse:
        return AsyncChargesResourceWithRawResponse(self._client)
