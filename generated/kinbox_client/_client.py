# Generated from the OpenAPI spec by the generator: do not edit.

"""Clients for Kinbox API: `KinboxClient` and `AsyncKinboxClient`.

Each operation is one method that hands its `Endpoint` to the runtime (`._runtime`),
which holds auth, timeouts, retries, errors and logging for every operation.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Unpack, cast

import httpx

from . import models
from ._runtime import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    APIResponse,
    AsyncAPIClient,
    AsyncPaginator,
    BodySpec,
    ClientConfig,
    Endpoint,
    Pagination,
    RequestOptions,
    ResponseSpec,
    Rule,
    SecurityScheme,
    SyncAPIClient,
    SyncPage,
    sync_page,
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

_LIST_CONTACTS = Endpoint(
    method="GET",
    path="/v3/contacts",
    responses={
        "200": ResponseSpec("json", models.ContactPage),
        "400": ResponseSpec("json", models.Error),
        "401": ResponseSpec("json", models.Error),
        "413": ResponseSpec("json", models.Error),
        "422": ResponseSpec("json", models.Error),
        "429": ResponseSpec("json", models.Error),
        "5XX": ResponseSpec("json", models.Error),
    },
    security=(("bearerAuth",),),
    accept="application/json",
    rules={
        ("query", "newContact"): Rule(types=("boolean",)),
        ("query", "name"): Rule(types=("string",)),
        ("query", "externalId"): Rule(types=("string",)),
        ("query", "origin"): Rule(types=("string",)),
        ("query", "phone"): Rule(types=("string",)),
        ("query", "email"): Rule(types=("string",)),
        ("query", "createdAtFrom"): Rule(types=("string",), format="date-time"),
        ("query", "createdAtTo"): Rule(types=("string",), format="date-time"),
        ("query", "ignoreCount"): Rule(types=("boolean",)),
        ("query", "limit"): Rule(types=("integer",), minimum=1, maximum=500),
        ("query", "offset"): Rule(types=("integer",), minimum=0, maximum=9223372036854775807),
    },
)
_LIST_CONTACTS__PAGES = Pagination(
    style="offset",
    items=("data",),
    total=("totalCount",),
    offset="offset",
    limit="limit",
)

_CREATE_CONTACT = Endpoint(
    method="POST",
    path="/v3/contacts",
    responses={
        "201": ResponseSpec("json", models.Contact),
        "400": ResponseSpec("json", models.Error),
        "401": ResponseSpec("json", models.Error),
        "413": ResponseSpec("json", models.Error),
        "422": ResponseSpec("json", models.Error),
        "429": ResponseSpec("json", models.Error),
        "5XX": ResponseSpec("json", models.Error),
    },
    body=BodySpec("json", "application/json", models.ContactCreate),
    security=(("bearerAuth",),),
    accept="application/json",
)

_LIST_ALL_CONTACTS = Endpoint(
    method="GET",
    path="/v3/contacts/all",
    responses={
        "200": ResponseSpec("json", models.ContactList),
        "400": ResponseSpec("json", models.Error),
        "401": ResponseSpec("json", models.Error),
        "413": ResponseSpec("json", models.Error),
        "422": ResponseSpec("json", models.Error),
        "429": ResponseSpec("json", models.Error),
        "5XX": ResponseSpec("json", models.Error),
    },
    security=(("bearerAuth",),),
    accept="application/json",
    rules={
        ("query", "last48h"): Rule(types=("boolean",)),
        ("query", "newContact"): Rule(types=("boolean",)),
        ("query", "createdAtFrom"): Rule(types=("string",), format="date-time"),
        ("query", "createdAtTo"): Rule(types=("string",), format="date-time"),
    },
)
_LIST_ALL_CONTACTS__PAGES = Pagination(
    style="single",
    items=("data",),
    total=("totalCount",),
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

    def list_contacts(
        self,
        *,
        new_contact: bool | None = None,
        name: str | None = None,
        external_id: str | None = None,
        origin: str | None = None,
        phone: str | None = None,
        email: str | None = None,
        created_at_from: datetime.datetime | None = None,
        created_at_to: datetime.datetime | None = None,
        ignore_count: bool | None = None,
        limit: int | None = None,
        offset: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> SyncPage[models.Contact]:
        """List Contacts

        One page of the workspace's contacts that match every filter given ("listar os
        contatos paginado"). Our decisions, where the documentation is silent: a filter left
        out matches every contact; `name` matches when it is contained in the contact's name,
        ignoring case (Unicode case folding); `externalId`, `origin` and `phone` match exactly;
        `email` matches exactly, ignoring case; a contact without a `newContact` value counts
        as `false`. Contacts are ordered by `createdAt`, oldest first, then by numeric `id`, so
        the order is stable and pages read one after another never repeat or skip a contact
        that did not change. Unknown query parameters are ignored; a parameter given twice is
        refused with 422.

        Args:
            new_contact: Contacts whose `newContact` flag has this value ("contato está na primeira sessão da primeira conversa"); a contact without the flag counts as `false` (our choice).
            name: Contacts whose name contains this text, ignoring case (our choice).
            external_id: Contacts with exactly this external id.
            origin: Contacts with exactly this origin.
            phone: Contacts with exactly this phone number (our choice; no normalization).
            email: Contacts with exactly this e-mail address, ignoring case (our choice); one revision of the documentation gives it format `email`.
            created_at_from: Contacts created at or after this moment. The documentation types it as a string
                without a format; this contract makes it an RFC 3339 date-time with a time zone
                (our choice), e.g. `2026-01-01T00:00:00Z`, and the bound is inclusive.
            created_at_to: Contacts created at or before this moment (inclusive); an RFC 3339 date-time like `createdAtFrom` (our choice).
            ignore_count: When `true`, the server does not count the matching contacts and leaves `totalCount`
                out of the answer (our reading of the name: counting is the expensive part of a
                page). Default `false`: `totalCount` is present.
            limit: The most contacts a page holds, 1 to 500, default 20. The documentation marks it
                required but gives it a default; a default is meaningless on a required parameter,
                so this contract makes it optional (our choice): leaving it out means 20.
            offset: How many matching contacts to skip, default 0. Marked required in the documentation
                but given a default, so optional here for the same reason as `limit` (our choice);
                the maximum is ours too (a 64-bit integer). An offset past the end answers an empty
                page.

        Returns the first page (`.data`, `.total_count`, `.get_next_page()`; async: await it). Iterating it (async: `async for`) yields every item, fetching later pages as they are needed.

        `GET /v3/contacts`
        """
        return sync_page(
            self,
            _LIST_CONTACTS,
            query={
                "newContact": new_contact,
                "name": name,
                "externalId": external_id,
                "origin": origin,
                "phone": phone,
                "email": email,
                "createdAtFrom": created_at_from,
                "createdAtTo": created_at_to,
                "ignoreCount": ignore_count,
                "limit": limit,
                "offset": offset,
            },
            options=options,
            pagination=_LIST_CONTACTS__PAGES,
        )

    def create_contact(
        self,
        body: models.ContactCreate,
        **options: Unpack[RequestOptions],
    ) -> models.Contact:
        """Create Contact

        Creates a contact in the token's workspace and answers 201 with it, including the
        server-managed `id`, `workspaceId`, `createdAt` and `lastUpdateAt` (and `updatedAt`,
        equal to `lastUpdateAt`). Properties left out, or sent as `null`, are not set.

        Args:
            body: The new contact's properties.

        `POST /v3/contacts`
        """
        return cast(
            "models.Contact",
            self._request(
                _CREATE_CONTACT,
                body=body,
                options=options,
            ),
        )

    def list_all_contacts(
        self,
        *,
        last48h: bool | None = None,
        new_contact: bool | None = None,
        created_at_from: datetime.datetime | None = None,
        created_at_to: datetime.datetime | None = None,
        **options: Unpack[RequestOptions],
    ) -> SyncPage[models.Contact]:
        """List All Contacts

        Every contact of the workspace that matches every filter given, in one answer, in the
        order of List Contacts (`createdAt`, then numeric `id`; our choice). `last48h=true`
        keeps the contacts created in the 48 hours before the server's current time; `false`
        or leaving it out does not filter. Unknown query parameters are ignored; a parameter
        given twice is refused with 422.

        Args:
            last48h: When `true`, only contacts created in the last 48 hours (our reading; `false` does not filter).
            new_contact: Contacts whose `newContact` flag has this value ("contato está na primeira sessão da primeira conversa"); a contact without the flag counts as `false` (our choice).
            created_at_from: Contacts created at or after this moment. The documentation types it as a string
                without a format; this contract makes it an RFC 3339 date-time with a time zone
                (our choice), e.g. `2026-01-01T00:00:00Z`, and the bound is inclusive.
            created_at_to: Contacts created at or before this moment (inclusive); an RFC 3339 date-time like `createdAtFrom` (our choice).

        Returns the first page (`.data`, `.total_count`, `.get_next_page()`; async: await it). Iterating it (async: `async for`) yields every item, fetching later pages as they are needed.

        `GET /v3/contacts/all`
        """
        return sync_page(
            self,
            _LIST_ALL_CONTACTS,
            query={
                "last48h": last48h,
                "newContact": new_contact,
                "createdAtFrom": created_at_from,
                "createdAtTo": created_at_to,
            },
            options=options,
            pagination=_LIST_ALL_CONTACTS__PAGES,
        )

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

    def list_contacts(
        self,
        *,
        new_contact: bool | None = None,
        name: str | None = None,
        external_id: str | None = None,
        origin: str | None = None,
        phone: str | None = None,
        email: str | None = None,
        created_at_from: datetime.datetime | None = None,
        created_at_to: datetime.datetime | None = None,
        ignore_count: bool | None = None,
        limit: int | None = None,
        offset: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models.ContactPage]:
        """List Contacts

        One page of the workspace's contacts that match every filter given ("listar os
        contatos paginado"). Our decisions, where the documentation is silent: a filter left
        out matches every contact; `name` matches when it is contained in the contact's name,
        ignoring case (Unicode case folding); `externalId`, `origin` and `phone` match exactly;
        `email` matches exactly, ignoring case; a contact without a `newContact` value counts
        as `false`. Contacts are ordered by `createdAt`, oldest first, then by numeric `id`, so
        the order is stable and pages read one after another never repeat or skip a contact
        that did not change. Unknown query parameters are ignored; a parameter given twice is
        refused with 422.

        Args:
            new_contact: Contacts whose `newContact` flag has this value ("contato está na primeira sessão da primeira conversa"); a contact without the flag counts as `false` (our choice).
            name: Contacts whose name contains this text, ignoring case (our choice).
            external_id: Contacts with exactly this external id.
            origin: Contacts with exactly this origin.
            phone: Contacts with exactly this phone number (our choice; no normalization).
            email: Contacts with exactly this e-mail address, ignoring case (our choice); one revision of the documentation gives it format `email`.
            created_at_from: Contacts created at or after this moment. The documentation types it as a string
                without a format; this contract makes it an RFC 3339 date-time with a time zone
                (our choice), e.g. `2026-01-01T00:00:00Z`, and the bound is inclusive.
            created_at_to: Contacts created at or before this moment (inclusive); an RFC 3339 date-time like `createdAtFrom` (our choice).
            ignore_count: When `true`, the server does not count the matching contacts and leaves `totalCount`
                out of the answer (our reading of the name: counting is the expensive part of a
                page). Default `false`: `totalCount` is present.
            limit: The most contacts a page holds, 1 to 500, default 20. The documentation marks it
                required but gives it a default; a default is meaningless on a required parameter,
                so this contract makes it optional (our choice): leaving it out means 20.
            offset: How many matching contacts to skip, default 0. Marked required in the documentation
                but given a default, so optional here for the same reason as `limit` (our choice);
                the maximum is ours too (a 64-bit integer). An offset past the end answers an empty
                page.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `GET /v3/contacts`
        """
        return self._client._request_raw(
            _LIST_CONTACTS,
            query={
                "newContact": new_contact,
                "name": name,
                "externalId": external_id,
                "origin": origin,
                "phone": phone,
                "email": email,
                "createdAtFrom": created_at_from,
                "createdAtTo": created_at_to,
                "ignoreCount": ignore_count,
                "limit": limit,
                "offset": offset,
            },
            options=options,
        )

    def create_contact(
        self,
        body: models.ContactCreate,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models.Contact]:
        """Create Contact

        Creates a contact in the token's workspace and answers 201 with it, including the
        server-managed `id`, `workspaceId`, `createdAt` and `lastUpdateAt` (and `updatedAt`,
        equal to `lastUpdateAt`). Properties left out, or sent as `null`, are not set.

        Args:
            body: The new contact's properties.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `POST /v3/contacts`
        """
        return self._client._request_raw(
            _CREATE_CONTACT,
            body=body,
            options=options,
        )

    def list_all_contacts(
        self,
        *,
        last48h: bool | None = None,
        new_contact: bool | None = None,
        created_at_from: datetime.datetime | None = None,
        created_at_to: datetime.datetime | None = None,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models.ContactList]:
        """List All Contacts

        Every contact of the workspace that matches every filter given, in one answer, in the
        order of List Contacts (`createdAt`, then numeric `id`; our choice). `last48h=true`
        keeps the contacts created in the 48 hours before the server's current time; `false`
        or leaving it out does not filter. Unknown query parameters are ignored; a parameter
        given twice is refused with 422.

        Args:
            last48h: When `true`, only contacts created in the last 48 hours (our reading; `false` does not filter).
            new_contact: Contacts whose `newContact` flag has this value ("contato está na primeira sessão da primeira conversa"); a contact without the flag counts as `false` (our choice).
            created_at_from: Contacts created at or after this moment. The documentation types it as a string
                without a format; this contract makes it an RFC 3339 date-time with a time zone
                (our choice), e.g. `2026-01-01T00:00:00Z`, and the bound is inclusive.
            created_at_to: Contacts created at or before this moment (inclusive); an RFC 3339 date-time like `createdAtFrom` (our choice).

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `GET /v3/contacts/all`
        """
        return self._client._request_raw(
            _LIST_ALL_CONTACTS,
            query={
                "last48h": last48h,
                "newContact": new_contact,
                "createdAtFrom": created_at_from,
                "createdAtTo": created_at_to,
            },
            options=options,
        )

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

    def list_contacts(
        self,
        *,
        new_contact: bool | None = None,
        name: str | None = None,
        external_id: str | None = None,
        origin: str | None = None,
        phone: str | None = None,
        email: str | None = None,
        created_at_from: datetime.datetime | None = None,
        created_at_to: datetime.datetime | None = None,
        ignore_count: bool | None = None,
        limit: int | None = None,
        offset: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[models.Contact]:
        """List Contacts

        One page of the workspace's contacts that match every filter given ("listar os
        contatos paginado"). Our decisions, where the documentation is silent: a filter left
        out matches every contact; `name` matches when it is contained in the contact's name,
        ignoring case (Unicode case folding); `externalId`, `origin` and `phone` match exactly;
        `email` matches exactly, ignoring case; a contact without a `newContact` value counts
        as `false`. Contacts are ordered by `createdAt`, oldest first, then by numeric `id`, so
        the order is stable and pages read one after another never repeat or skip a contact
        that did not change. Unknown query parameters are ignored; a parameter given twice is
        refused with 422.

        Args:
            new_contact: Contacts whose `newContact` flag has this value ("contato está na primeira sessão da primeira conversa"); a contact without the flag counts as `false` (our choice).
            name: Contacts whose name contains this text, ignoring case (our choice).
            external_id: Contacts with exactly this external id.
            origin: Contacts with exactly this origin.
            phone: Contacts with exactly this phone number (our choice; no normalization).
            email: Contacts with exactly this e-mail address, ignoring case (our choice); one revision of the documentation gives it format `email`.
            created_at_from: Contacts created at or after this moment. The documentation types it as a string
                without a format; this contract makes it an RFC 3339 date-time with a time zone
                (our choice), e.g. `2026-01-01T00:00:00Z`, and the bound is inclusive.
            created_at_to: Contacts created at or before this moment (inclusive); an RFC 3339 date-time like `createdAtFrom` (our choice).
            ignore_count: When `true`, the server does not count the matching contacts and leaves `totalCount`
                out of the answer (our reading of the name: counting is the expensive part of a
                page). Default `false`: `totalCount` is present.
            limit: The most contacts a page holds, 1 to 500, default 20. The documentation marks it
                required but gives it a default; a default is meaningless on a required parameter,
                so this contract makes it optional (our choice): leaving it out means 20.
            offset: How many matching contacts to skip, default 0. Marked required in the documentation
                but given a default, so optional here for the same reason as `limit` (our choice);
                the maximum is ours too (a 64-bit integer). An offset past the end answers an empty
                page.

        Returns the first page (`.data`, `.total_count`, `.get_next_page()`; async: await it). Iterating it (async: `async for`) yields every item, fetching later pages as they are needed.

        `GET /v3/contacts`
        """
        return AsyncPaginator(
            self,
            _LIST_CONTACTS,
            query={
                "newContact": new_contact,
                "name": name,
                "externalId": external_id,
                "origin": origin,
                "phone": phone,
                "email": email,
                "createdAtFrom": created_at_from,
                "createdAtTo": created_at_to,
                "ignoreCount": ignore_count,
                "limit": limit,
                "offset": offset,
            },
            options=options,
            pagination=_LIST_CONTACTS__PAGES,
        )

    async def create_contact(
        self,
        body: models.ContactCreate,
        **options: Unpack[RequestOptions],
    ) -> models.Contact:
        """Create Contact

        Creates a contact in the token's workspace and answers 201 with it, including the
        server-managed `id`, `workspaceId`, `createdAt` and `lastUpdateAt` (and `updatedAt`,
        equal to `lastUpdateAt`). Properties left out, or sent as `null`, are not set.

        Args:
            body: The new contact's properties.

        `POST /v3/contacts`
        """
        return cast(
            "models.Contact",
            await self._request(
                _CREATE_CONTACT,
                body=body,
                options=options,
            ),
        )

    def list_all_contacts(
        self,
        *,
        last48h: bool | None = None,
        new_contact: bool | None = None,
        created_at_from: datetime.datetime | None = None,
        created_at_to: datetime.datetime | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[models.Contact]:
        """List All Contacts

        Every contact of the workspace that matches every filter given, in one answer, in the
        order of List Contacts (`createdAt`, then numeric `id`; our choice). `last48h=true`
        keeps the contacts created in the 48 hours before the server's current time; `false`
        or leaving it out does not filter. Unknown query parameters are ignored; a parameter
        given twice is refused with 422.

        Args:
            last48h: When `true`, only contacts created in the last 48 hours (our reading; `false` does not filter).
            new_contact: Contacts whose `newContact` flag has this value ("contato está na primeira sessão da primeira conversa"); a contact without the flag counts as `false` (our choice).
            created_at_from: Contacts created at or after this moment. The documentation types it as a string
                without a format; this contract makes it an RFC 3339 date-time with a time zone
                (our choice), e.g. `2026-01-01T00:00:00Z`, and the bound is inclusive.
            created_at_to: Contacts created at or before this moment (inclusive); an RFC 3339 date-time like `createdAtFrom` (our choice).

        Returns the first page (`.data`, `.total_count`, `.get_next_page()`; async: await it). Iterating it (async: `async for`) yields every item, fetching later pages as they are needed.

        `GET /v3/contacts/all`
        """
        return AsyncPaginator(
            self,
            _LIST_ALL_CONTACTS,
            query={
                "last48h": last48h,
                "newContact": new_contact,
                "createdAtFrom": created_at_from,
                "createdAtTo": created_at_to,
            },
            options=options,
            pagination=_LIST_ALL_CONTACTS__PAGES,
        )

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

    async def list_contacts(
        self,
        *,
        new_contact: bool | None = None,
        name: str | None = None,
        external_id: str | None = None,
        origin: str | None = None,
        phone: str | None = None,
        email: str | None = None,
        created_at_from: datetime.datetime | None = None,
        created_at_to: datetime.datetime | None = None,
        ignore_count: bool | None = None,
        limit: int | None = None,
        offset: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models.ContactPage]:
        """List Contacts

        One page of the workspace's contacts that match every filter given ("listar os
        contatos paginado"). Our decisions, where the documentation is silent: a filter left
        out matches every contact; `name` matches when it is contained in the contact's name,
        ignoring case (Unicode case folding); `externalId`, `origin` and `phone` match exactly;
        `email` matches exactly, ignoring case; a contact without a `newContact` value counts
        as `false`. Contacts are ordered by `createdAt`, oldest first, then by numeric `id`, so
        the order is stable and pages read one after another never repeat or skip a contact
        that did not change. Unknown query parameters are ignored; a parameter given twice is
        refused with 422.

        Args:
            new_contact: Contacts whose `newContact` flag has this value ("contato está na primeira sessão da primeira conversa"); a contact without the flag counts as `false` (our choice).
            name: Contacts whose name contains this text, ignoring case (our choice).
            external_id: Contacts with exactly this external id.
            origin: Contacts with exactly this origin.
            phone: Contacts with exactly this phone number (our choice; no normalization).
            email: Contacts with exactly this e-mail address, ignoring case (our choice); one revision of the documentation gives it format `email`.
            created_at_from: Contacts created at or after this moment. The documentation types it as a string
                without a format; this contract makes it an RFC 3339 date-time with a time zone
                (our choice), e.g. `2026-01-01T00:00:00Z`, and the bound is inclusive.
            created_at_to: Contacts created at or before this moment (inclusive); an RFC 3339 date-time like `createdAtFrom` (our choice).
            ignore_count: When `true`, the server does not count the matching contacts and leaves `totalCount`
                out of the answer (our reading of the name: counting is the expensive part of a
                page). Default `false`: `totalCount` is present.
            limit: The most contacts a page holds, 1 to 500, default 20. The documentation marks it
                required but gives it a default; a default is meaningless on a required parameter,
                so this contract makes it optional (our choice): leaving it out means 20.
            offset: How many matching contacts to skip, default 0. Marked required in the documentation
                but given a default, so optional here for the same reason as `limit` (our choice);
                the maximum is ours too (a 64-bit integer). An offset past the end answers an empty
                page.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `GET /v3/contacts`
        """
        return await self._client._request_raw(
            _LIST_CONTACTS,
            query={
                "newContact": new_contact,
                "name": name,
                "externalId": external_id,
                "origin": origin,
                "phone": phone,
                "email": email,
                "createdAtFrom": created_at_from,
                "createdAtTo": created_at_to,
                "ignoreCount": ignore_count,
                "limit": limit,
                "offset": offset,
            },
            options=options,
        )

    async def create_contact(
        self,
        body: models.ContactCreate,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models.Contact]:
        """Create Contact

        Creates a contact in the token's workspace and answers 201 with it, including the
        server-managed `id`, `workspaceId`, `createdAt` and `lastUpdateAt` (and `updatedAt`,
        equal to `lastUpdateAt`). Properties left out, or sent as `null`, are not set.

        Args:
            body: The new contact's properties.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `POST /v3/contacts`
        """
        return await self._client._request_raw(
            _CREATE_CONTACT,
            body=body,
            options=options,
        )

    async def list_all_contacts(
        self,
        *,
        last48h: bool | None = None,
        new_contact: bool | None = None,
        created_at_from: datetime.datetime | None = None,
        created_at_to: datetime.datetime | None = None,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models.ContactList]:
        """List All Contacts

        Every contact of the workspace that matches every filter given, in one answer, in the
        order of List Contacts (`createdAt`, then numeric `id`; our choice). `last48h=true`
        keeps the contacts created in the 48 hours before the server's current time; `false`
        or leaving it out does not filter. Unknown query parameters are ignored; a parameter
        given twice is refused with 422.

        Args:
            last48h: When `true`, only contacts created in the last 48 hours (our reading; `false` does not filter).
            new_contact: Contacts whose `newContact` flag has this value ("contato está na primeira sessão da primeira conversa"); a contact without the flag counts as `false` (our choice).
            created_at_from: Contacts created at or after this moment. The documentation types it as a string
                without a format; this contract makes it an RFC 3339 date-time with a time zone
                (our choice), e.g. `2026-01-01T00:00:00Z`, and the bound is inclusive.
            created_at_to: Contacts created at or before this moment (inclusive); an RFC 3339 date-time like `createdAtFrom` (our choice).

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `GET /v3/contacts/all`
        """
        return await self._client._request_raw(
            _LIST_ALL_CONTACTS,
            query={
                "last48h": last48h,
                "newContact": new_contact,
                "createdAtFrom": created_at_from,
                "createdAtTo": created_at_to,
            },
            options=options,
        )

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
