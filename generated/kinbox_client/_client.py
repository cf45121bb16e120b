# Generated from the OpenAPI spec by the generator: do not edit.

"""Clients for Kinbox API: `KinboxClient` and `AsyncKinboxClient`.

Each operation is one method that hands its `Endpoint` to the runtime (`._runtime`),
which holds auth, timeouts, retries, errors and logging for every operation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Unpack, cast

import httpx

from . import models
from ._runtime import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    APIResponse,
    AsyncAPIClient,
    BodySpec,
    ClientConfig,
    Endpoint,
    RequestOptions,
    ResponseSpec,
    Rule,
    SecurityScheme,
    SyncAPIClient,
)
from ._version import __version__

__all__ = [
    "KinboxClient",
    "AsyncKinboxClient",
    "KinboxClientWithRawResponse",
    "AsyncKinboxClientWithRawResponse",
]

_CONFIG = ClientConfig(
    distribution="kinbox-client",
    version=__version__,
    default_base_url="https://api4.kinbox.com.br",
    base_url_env="KINBOX_BASE_URL",
    log_env="KINBOX_LOG",
    credential_env={
        "token": "KINBOX_TOKEN",
    },
    security_schemes={
        "bearerAuth": SecurityScheme("bearer"),
    },
    default_security=(("bearerAuth",),),
)

_UPDATE_CONTACT = Endpoint(
    method="PATCH",
    path="/v3/contacts/{id}",
    responses={
        "200": ResponseSpec("json", models.Contact),
        "400": ResponseSpec("json", models.Error),
        "401": ResponseSpec("json", models.Error),
        "404": ResponseSpec("json", models.Error),
        "413": ResponseSpec("json", models.Error),
        "422": ResponseSpec("json", models.Error),
        "429": ResponseSpec("json", models.Error),
        "5XX": ResponseSpec("json", models.Error),
    },
    body=BodySpec("json", "application/json", models.ContactUpdate),
    security=(("bearerAuth",),),
    accept="application/json",
    rules={
        ("path", "id"): Rule(types=("integer",), minimum=1, maximum=9223372036854775807),
    },
    required=(("path", "id"),),
)


class KinboxClient(SyncAPIClient):
    """Client for Kinbox API.

    Args:
        token: Bearer token; read from `KINBOX_TOKEN` when not given.
        base_url: Server to call; defaults to `KINBOX_BASE_URL`, then `https://api4.kinbox.com.br`.
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
            },
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            http_client=http_client,
            transport=transport,
        )

    @property
    def with_raw_response(self) -> KinboxClientWithRawResponse:
        """The same operations, returning `APIResponse` (status, headers, `.parse()`)."""
        return KinboxClientWithRawResponse(self)

    def update_contact(
        self,
        id: int,
        body: models.ContactUpdate,
        **options: Unpack[RequestOptions],
    ) -> models.Contact:
        """Update Contact

        Partially updates one contact (PATCH semantics): properties present in the body
        replace the stored values, a property sent as `null` is cleared (only where its
        schema allows `null`), and properties left out keep their values. The answer is the
        whole contact after the update. An empty body `{}` changes nothing and returns the
        current state.

        Args:
            id: Id of the contact to update. The Kinbox documentation types it as `number`; this
                contract narrows it to a positive 64-bit integer (our choice) because contact ids are
                whole numbers: `1.5` or `1e3` in a path would be ambiguous, and an `int` in the
                generated client makes such ids impossible to send.
            body: The properties to change.

        `PATCH /v3/contacts/{id}`
        """
        return cast(
            "models.Contact",
            self._request(
                _UPDATE_CONTACT,
                path={
                    "id": id,
                },
                body=body,
                options=options,
            ),
        )


class KinboxClientWithRawResponse:
    """`KinboxClient` operations that return `APIResponse` instead of the parsed body."""

    def __init__(self, client: KinboxClient) -> None:
        self._client = client

    def update_contact(
        self,
        id: int,
        body: models.ContactUpdate,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models.Contact]:
        """Update Contact

        Partially updates one contact (PATCH semantics): properties present in the body
        replace the stored values, a property sent as `null` is cleared (only where its
        schema allows `null`), and properties left out keep their values. The answer is the
        whole contact after the update. An empty body `{}` changes nothing and returns the
        current state.

        Args:
            id: Id of the contact to update. The Kinbox documentation types it as `number`; this
                contract narrows it to a positive 64-bit integer (our choice) because contact ids are
                whole numbers: `1.5` or `1e3` in a path would be ambiguous, and an `int` in the
                generated client makes such ids impossible to send.
            body: The properties to change.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `PATCH /v3/contacts/{id}`
        """
        return self._client._request_raw(
            _UPDATE_CONTACT,
            path={
                "id": id,
            },
            body=body,
            options=options,
        )


class AsyncKinboxClient(AsyncAPIClient):
    """Asyncio client for Kinbox API.

    Args:
        token: Bearer token; read from `KINBOX_TOKEN` when not given.
        base_url: Server to call; defaults to `KINBOX_BASE_URL`, then `https://api4.kinbox.com.br`.
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
            },
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            http_client=http_client,
            transport=transport,
        )

    @property
    def with_raw_response(self) -> AsyncKinboxClientWithRawResponse:
        """The same operations, returning `APIResponse` (status, headers, `.parse()`)."""
        return AsyncKinboxClientWithRawResponse(self)

    async def update_contact(
        self,
        id: int,
        body: models.ContactUpdate,
        **options: Unpack[RequestOptions],
    ) -> models.Contact:
        """Update Contact

        Partially updates one contact (PATCH semantics): properties present in the body
        replace the stored values, a property sent as `null` is cleared (only where its
        schema allows `null`), and properties left out keep their values. The answer is the
        whole contact after the update. An empty body `{}` changes nothing and returns the
        current state.

        Args:
            id: Id of the contact to update. The Kinbox documentation types it as `number`; this
                contract narrows it to a positive 64-bit integer (our choice) because contact ids are
                whole numbers: `1.5` or `1e3` in a path would be ambiguous, and an `int` in the
                generated client makes such ids impossible to send.
            body: The properties to change.

        `PATCH /v3/contacts/{id}`
        """
        return cast(
            "models.Contact",
            await self._request(
                _UPDATE_CONTACT,
                path={
                    "id": id,
                },
                body=body,
                options=options,
            ),
        )


class AsyncKinboxClientWithRawResponse:
    """`AsyncKinboxClient` operations that return `APIResponse` instead of the parsed body."""

    def __init__(self, client: AsyncKinboxClient) -> None:
        self._client = client

    async def update_contact(
        self,
        id: int,
        body: models.ContactUpdate,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models.Contact]:
        """Update Contact

        Partially updates one contact (PATCH semantics): properties present in the body
        replace the stored values, a property sent as `null` is cleared (only where its
        schema allows `null`), and properties left out keep their values. The answer is the
        whole contact after the update. An empty body `{}` changes nothing and returns the
        current state.

        Args:
            id: Id of the contact to update. The Kinbox documentation types it as `number`; this
                contract narrows it to a positive 64-bit integer (our choice) because contact ids are
                whole numbers: `1.5` or `1e3` in a path would be ambiguous, and an `int` in the
                generated client makes such ids impossible to send.
            body: The properties to change.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `PATCH /v3/contacts/{id}`
        """
        return await self._client._request_raw(
            _UPDATE_CONTACT,
            path={
                "id": id,
            },
            body=body,
            options=options,
        )
