# Generated from the OpenAPI spec by the generator: do not edit.

"""People, and what they own.

`client.contacts.<operation>(...)`; `client.with_raw_response.contacts` for raw responses.
"""

from __future__ import annotations

from typing import Literal, Unpack, cast

from .. import models
from .._runtime import (
    APIResponse,
    AsyncAPIClient,
    AsyncPaginator,
    BodySpec,
    Endpoint,
    Pagination,
    ParameterStyle,
    RequestOptions,
    ResponseSpec,
    Rule,
    SyncAPIClient,
    SyncPage,
    sync_page,
)

__all__ = [
    "AsyncContactsResource",
    "AsyncContactsResourceWithRawResponse",
    "ContactsResource",
    "ContactsResourceWithRawResponse",
]

_SEARCH_CONTACTS = Endpoint(
    method="GET",
    path="/contacts",
    responses={
        "200": ResponseSpec("json", models.ContactPage),
    },
    security=(("bearer",),),
    accept="application/json",
    styles={
        ("query", "fields"): ParameterStyle("form", False),
        ("query", "spaced"): ParameterStyle("spaceDelimited", False),
        ("query", "piped"): ParameterStyle("pipeDelimited", False),
        ("query", "created"): ParameterStyle("deepObject", True),
        ("query", "expand"): ParameterStyle("deepObject", True),
    },
    rules={
        ("query", "tag"): Rule(types=("array",), items=Rule(types=("string",))),
        ("query", "fields"): Rule(types=("array",), items=Rule(types=("string",))),
        ("query", "spaced"): Rule(types=("array",), items=Rule(types=("integer",))),
        ("query", "piped"): Rule(types=("array",), items=Rule(types=("string",))),
        ("query", "created"): Rule(types=("object",)),
        ("query", "expand"): Rule(types=("array",), items=Rule(types=("string",))),
        ("query", "limit"): Rule(types=("integer",), minimum=1, maximum=100),
        ("query", "class"): Rule(
            types=("string",),
            enum=(
                "",
                "lead",
                "customer",
            ),
        ),
        ("header", "X-Request-Id"): Rule(types=("string",)),
        ("header", "X-Trace"): Rule(types=("array",), items=Rule(types=("string",))),
        ("cookie", "session"): Rule(types=("string",)),
        ("query", "cursor"): Rule(types=("string",)),
    },
)
_SEARCH_CONTACTS__PAGES = Pagination(
    style="cursor",
    items=("data",),
    limit="limit",
    cursor="cursor",
    next_cursor=("next",),
)

_CREATE_CONTACT = Endpoint(
    method="POST",
    path="/contacts",
    responses={
        "201": ResponseSpec("json", models.Contact),
        "422": ResponseSpec("json", models.ValidationProblem),
        "5XX": ResponseSpec("json", models.Error),
    },
    body=BodySpec("json", "application/json", models.NewContact),
    security=(
        ("bearer",),
        ("headerKey",),
    ),
    accept="application/json",
)

_LIST_RECENT_CONTACTS = Endpoint(
    method="GET",
    path="/contacts/recent",
    responses={
        "200": ResponseSpec("json", models.ListRecentContactsResponse),
    },
    security=(("bearer",),),
    accept="application/json",
    rules={
        ("query", "offset"): Rule(types=("integer",), minimum=0),
        ("query", "limit"): Rule(types=("integer",), minimum=1, maximum=50),
    },
)
_LIST_RECENT_CONTACTS__PAGES = Pagination(
    style="offset",
    items=("data",),
    total=("total",),
    offset="offset",
    limit="limit",
)

_GET_CONTACT = Endpoint(
    method="GET",
    path="/contacts/{id}",
    responses={
        "200": ResponseSpec("json", models.Contact),
        "4XX": ResponseSpec("json", models.Problem),
        "default": ResponseSpec("json", models.Error),
    },
    security=(("oauth",),),
    accept="application/json",
    rules={
        ("path", "id"): Rule(types=("integer",), minimum=1),
    },
    required=(("path", "id"),),
)

_DELETE_CONTACT = Endpoint(
    method="DELETE",
    path="/contacts/{id}",
    responses={
        "204": ResponseSpec("empty"),
    },
    security=(("cookieKey",),),
    rules={
        ("path", "id"): Rule(types=("integer",), minimum=1),
    },
    required=(("path", "id"),),
)

_UPDATE_CONTACT = Endpoint(
    method="PATCH",
    path="/contacts/{id}",
    responses={
        "200": ResponseSpec("json", models.Contact),
    },
    body=BodySpec("json", "application/merge-patch+json", models.ContactUpdate),
    security=(("bearer",),),
    accept="application/json",
    rules={
        ("path", "id"): Rule(types=("integer",), minimum=1),
    },
    required=(("path", "id"),),
)

_MERGE_CONTACTS = Endpoint(
    method="POST",
    path="/contacts/{ids}/merge/{point}",
    responses={
        "200": ResponseSpec("json", models.Contact),
    },
    security=(("bearer",),),
    accept="application/json",
    rules={
        ("path", "ids"): Rule(types=("array",), items=Rule(types=("integer",))),
        ("path", "point"): Rule(types=("object",)),
    },
    required=(
        ("path", "ids"),
        ("path", "point"),
    ),
)


class ContactsResource:
    """People, and what they own."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    def search_contacts(
        self,
        *,
        tag: list[str] | None = None,
        fields: list[str] | None = None,
        spaced: list[int] | None = None,
        piped: list[str] | None = None,
        created: models.SearchContactsCreatedParam | None = None,
        expand: list[str] | None = None,
        limit: int | None = None,
        class_: Literal["", "lead", "customer"] | None = None,
        x_request_id: str | None = None,
        x_trace: list[str] | None = None,
        session: str | None = None,
        cursor: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> SyncPage[models.Contact]:
        """Search contacts

        Every query style, header and cookie parameters, and parameters OpenAPI says to ignore.

        Args:
            tag: Exploded form (the default)
            expand: Indexed, as Stripe reads it (`expand[0]=owner`).
            cursor: Where the page starts (the previous page's `next`).

        Returns the first page (`.data`, `.total_count`, `.get_next_page()`; async: await it). Iterating it (async: `async for`) yields every item, fetching later pages as they are needed.

        `GET /contacts`
        """
        return sync_page(
            self._client,
            _SEARCH_CONTACTS,
            query={
                "tag": tag,
                "fields": fields,
                "spaced": spaced,
                "piped": piped,
                "created": created,
                "expand": expand,
                "limit": limit,
                "class": class_,
                "cursor": cursor,
            },
            headers={
                "X-Request-Id": x_request_id,
                "X-Trace": x_trace,
            },
            cookies={
                "session": session,
            },
            options=options,
            pagination=_SEARCH_CONTACTS__PAGES,
        )

    def create_contact(
        self,
        body: models.NewContact,
        **options: Unpack[RequestOptions],
    ) -> models.Contact:
        """POST /contacts

        `POST /contacts`
        """
        return cast(
            "models.Contact",
            self._client._request(
                _CREATE_CONTACT,
                body=body,
                options=options,
            ),
        )

    def list_recent_contacts(
        self,
        *,
        offset: int | None = None,
        limit: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> SyncPage[models.Contact]:
        """Recent contacts, by offset

        Returns the first page (`.data`, `.total_count`, `.get_next_page()`; async: await it). Iterating it (async: `async for`) yields every item, fetching later pages as they are needed.

        `GET /contacts/recent`
        """
        return sync_page(
            self._client,
            _LIST_RECENT_CONTACTS,
            query={
                "offset": offset,
                "limit": limit,
            },
            options=options,
            pagination=_LIST_RECENT_CONTACTS__PAGES,
        )

    def get_contact(
        self,
        id: int,
        **options: Unpack[RequestOptions],
    ) -> models.Contact:
        """Einen Kontakt lesen: Größe, Ação, 東京

        Args:
            id: A positive 64-bit id.

        `GET /contacts/{id}`
        """
        return cast(
            "models.Contact",
            self._client._request(
                _GET_CONTACT,
                path={
                    "id": id,
                },
                options=options,
            ),
        )

    def delete_contact(
        self,
        id: int,
        **options: Unpack[RequestOptions],
    ) -> None:
        """DELETE /contacts/{id}

        Args:
            id: A positive 64-bit id.

        `DELETE /contacts/{id}`
        """
        return cast(
            "None",
            self._client._request(
                _DELETE_CONTACT,
                path={
                    "id": id,
                },
                options=options,
            ),
        )

    def update_contact(
        self,
        id: int,
        body: models.ContactUpdate,
        **options: Unpack[RequestOptions],
    ) -> models.Contact:
        """PATCH /contacts/{id}

        Only the fields set are sent; `null` clears a field where the schema allows it.

        Args:
            id: A positive 64-bit id.

        `PATCH /contacts/{id}`
        """
        return cast(
            "models.Contact",
            self._client._request(
                _UPDATE_CONTACT,
                path={
                    "id": id,
                },
                body=body,
                options=options,
            ),
        )

    def merge_contacts(
        self,
        ids: list[int],
        point: models.MergeContactsPointParam,
        **options: Unpack[RequestOptions],
    ) -> models.Contact:
        """POST /contacts/{ids}/merge/{point}

        Path parameters in `simple` style; arrays and objects are comma-separated.

        `POST /contacts/{ids}/merge/{point}`
        """
        return cast(
            "models.Contact",
            self._client._request(
                _MERGE_CONTACTS,
                path={
                    "ids": ids,
                    "point": point,
                },
                options=options,
            ),
        )


class ContactsResourceWithRawResponse:
    """`ContactsResource` operations that return `APIResponse` instead of the parsed body."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    def search_contacts(
        self,
        *,
        tag: list[str] | None = None,
        fields: list[str] | None = None,
        spaced: list[int] | None = None,
        piped: list[str] | None = None,
        created: models.SearchContactsCreatedParam | None = None,
        expand: list[str] | None = None,
        limit: int | None = None,
        class_: Literal["", "lead", "customer"] | None = None,
        x_request_id: str | None = None,
        x_trace: list[str] | None = None,
        session: str | None = None,
        cursor: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models.ContactPage]:
        """Search contacts

        Every query style, header and cookie parameters, and parameters OpenAPI says to ignore.

        Args:
            tag: Exploded form (the default)
            expand: Indexed, as Stripe reads it (`expand[0]=owner`).
            cursor: Where the page starts (the previous page's `next`).

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `GET /contacts`
        """
        return self._client._request_raw(
            _SEARCH_CONTACTS,
            query={
                "tag": tag,
                "fields": fields,
                "spaced": spaced,
                "piped": piped,
                "created": created,
                "expand": expand,
                "limit": limit,
                "class": class_,
                "cursor": cursor,
            },
            headers={
                "X-Request-Id": x_request_id,
                "X-Trace": x_trace,
            },
            cookies={
                "session": session,
            },
            options=options,
        )

    def create_contact(
        self,
        body: models.NewContact,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models.Contact]:
        """POST /contacts

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `POST /contacts`
        """
        return self._client._request_raw(
            _CREATE_CONTACT,
            body=body,
            options=options,
        )

    def list_recent_contacts(
        self,
        *,
        offset: int | None = None,
        limit: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models.ListRecentContactsResponse]:
        """Recent contacts, by offset

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `GET /contacts/recent`
        """
        return self._client._request_raw(
            _LIST_RECENT_CONTACTS,
            query={
                "offset": offset,
                "limit": limit,
            },
            options=options,
        )

    def get_contact(
        self,
        id: int,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models.Contact]:
        """Einen Kontakt lesen: Größe, Ação, 東京

        Args:
            id: A positive 64-bit id.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `GET /contacts/{id}`
        """
        return self._client._request_raw(
            _GET_CONTACT,
            path={
                "id": id,
            },
            options=options,
        )

    def delete_contact(
        self,
        id: int,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[None]:
        """DELETE /contacts/{id}

        Args:
            id: A positive 64-bit id.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `DELETE /contacts/{id}`
        """
        return self._client._request_raw(
            _DELETE_CONTACT,
            path={
                "id": id,
            },
            options=options,
        )

    def update_contact(
        self,
        id: int,
        body: models.ContactUpdate,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models.Contact]:
        """PATCH /contacts/{id}

        Only the fields set are sent; `null` clears a field where the schema allows it.

        Args:
            id: A positive 64-bit id.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `PATCH /contacts/{id}`
        """
        return self._client._request_raw(
            _UPDATE_CONTACT,
            path={
                "id": id,
            },
            body=body,
            options=options,
        )

    def merge_contacts(
        self,
        ids: list[int],
        point: models.MergeContactsPointParam,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models.Contact]:
        """POST /contacts/{ids}/merge/{point}

        Path parameters in `simple` style; arrays and objects are comma-separated.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `POST /contacts/{ids}/merge/{point}`
        """
        return self._client._request_raw(
            _MERGE_CONTACTS,
            path={
                "ids": ids,
                "point": point,
            },
            options=options,
        )


class AsyncContactsResource:
    """People, and what they own."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    def search_contacts(
        self,
        *,
        tag: list[str] | None = None,
        fields: list[str] | None = None,
        spaced: list[int] | None = None,
        piped: list[str] | None = None,
        created: models.SearchContactsCreatedParam | None = None,
        expand: list[str] | None = None,
        limit: int | None = None,
        class_: Literal["", "lead", "customer"] | None = None,
        x_request_id: str | None = None,
        x_trace: list[str] | None = None,
        session: str | None = None,
        cursor: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[models.Contact]:
        """Search contacts

        Every query style, header and cookie parameters, and parameters OpenAPI says to ignore.

        Args:
            tag: Exploded form (the default)
            expand: Indexed, as Stripe reads it (`expand[0]=owner`).
            cursor: Where the page starts (the previous page's `next`).

        Returns the first page (`.data`, `.total_count`, `.get_next_page()`; async: await it). Iterating it (async: `async for`) yields every item, fetching later pages as they are needed.

        `GET /contacts`
        """
        return AsyncPaginator(
            self._client,
            _SEARCH_CONTACTS,
            query={
                "tag": tag,
                "fields": fields,
                "spaced": spaced,
                "piped": piped,
                "created": created,
                "expand": expand,
                "limit": limit,
                "class": class_,
                "cursor": cursor,
            },
            headers={
                "X-Request-Id": x_request_id,
                "X-Trace": x_trace,
            },
            cookies={
                "session": session,
            },
            options=options,
            pagination=_SEARCH_CONTACTS__PAGES,
        )

    async def create_contact(
        self,
        body: models.NewContact,
        **options: Unpack[RequestOptions],
    ) -> models.Contact:
        """POST /contacts

        `POST /contacts`
        """
        return cast(
            "models.Contact",
            await self._client._request(
                _CREATE_CONTACT,
                body=body,
                options=options,
            ),
        )

    def list_recent_contacts(
        self,
        *,
        offset: int | None = None,
        limit: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[models.Contact]:
        """Recent contacts, by offset

        Returns the first page (`.data`, `.total_count`, `.get_next_page()`; async: await it). Iterating it (async: `async for`) yields every item, fetching later pages as they are needed.

        `GET /contacts/recent`
        """
        return AsyncPaginator(
            self._client,
            _LIST_RECENT_CONTACTS,
            query={
                "offset": offset,
                "limit": limit,
            },
            options=options,
            pagination=_LIST_RECENT_CONTACTS__PAGES,
        )

    async def get_contact(
        self,
        id: int,
        **options: Unpack[RequestOptions],
    ) -> models.Contact:
        """Einen Kontakt lesen: Größe, Ação, 東京

        Args:
            id: A positive 64-bit id.

        `GET /contacts/{id}`
        """
        return cast(
            "models.Contact",
            await self._client._request(
                _GET_CONTACT,
                path={
                    "id": id,
                },
                options=options,
            ),
        )

    async def delete_contact(
        self,
        id: int,
        **options: Unpack[RequestOptions],
    ) -> None:
        """DELETE /contacts/{id}

        Args:
            id: A positive 64-bit id.

        `DELETE /contacts/{id}`
        """
        return cast(
            "None",
            await self._client._request(
                _DELETE_CONTACT,
                path={
                    "id": id,
                },
                options=options,
            ),
        )

    async def update_contact(
        self,
        id: int,
        body: models.ContactUpdate,
        **options: Unpack[RequestOptions],
    ) -> models.Contact:
        """PATCH /contacts/{id}

        Only the fields set are sent; `null` clears a field where the schema allows it.

        Args:
            id: A positive 64-bit id.

        `PATCH /contacts/{id}`
        """
        return cast(
            "models.Contact",
            await self._client._request(
                _UPDATE_CONTACT,
                path={
                    "id": id,
                },
                body=body,
                options=options,
            ),
        )

    async def merge_contacts(
        self,
        ids: list[int],
        point: models.MergeContactsPointParam,
        **options: Unpack[RequestOptions],
    ) -> models.Contact:
        """POST /contacts/{ids}/merge/{point}

        Path parameters in `simple` style; arrays and objects are comma-separated.

        `POST /contacts/{ids}/merge/{point}`
        """
        return cast(
            "models.Contact",
            await self._client._request(
                _MERGE_CONTACTS,
                path={
                    "ids": ids,
                    "point": point,
                },
                options=options,
            ),
        )


class AsyncContactsResourceWithRawResponse:
    """`AsyncContactsResource` operations that return `APIResponse` instead of the parsed body."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    async def search_contacts(
        self,
        *,
        tag: list[str] | None = None,
        fields: list[str] | None = None,
        spaced: list[int] | None = None,
        piped: list[str] | None = None,
        created: models.SearchContactsCreatedParam | None = None,
        expand: list[str] | None = None,
        limit: int | None = None,
        class_: Literal["", "lead", "customer"] | None = None,
        x_request_id: str | None = None,
        x_trace: list[str] | None = None,
        session: str | None = None,
        cursor: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models.ContactPage]:
        """Search contacts

        Every query style, header and cookie parameters, and parameters OpenAPI says to ignore.

        Args:
            tag: Exploded form (the default)
            expand: Indexed, as Stripe reads it (`expand[0]=owner`).
            cursor: Where the page starts (the previous page's `next`).

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `GET /contacts`
        """
        return await self._client._request_raw(
            _SEARCH_CONTACTS,
            query={
                "tag": tag,
                "fields": fields,
                "spaced": spaced,
                "piped": piped,
                "created": created,
                "expand": expand,
                "limit": limit,
                "class": class_,
                "cursor": cursor,
            },
            headers={
                "X-Request-Id": x_request_id,
                "X-Trace": x_trace,
            },
            cookies={
                "session": session,
            },
            options=options,
        )

    async def create_contact(
        self,
        body: models.NewContact,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models.Contact]:
        """POST /contacts

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `POST /contacts`
        """
        return await self._client._request_raw(
            _CREATE_CONTACT,
            body=body,
            options=options,
        )

    async def list_recent_contacts(
        self,
        *,
        offset: int | None = None,
        limit: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models.ListRecentContactsResponse]:
        """Recent contacts, by offset

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `GET /contacts/recent`
        """
        return await self._client._request_raw(
            _LIST_RECENT_CONTACTS,
            query={
                "offset": offset,
                "limit": limit,
            },
            options=options,
        )

    async def get_contact(
        self,
        id: int,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models.Contact]:
        """Einen Kontakt lesen: Größe, Ação, 東京

        Args:
            id: A positive 64-bit id.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `GET /contacts/{id}`
        """
        return await self._client._request_raw(
            _GET_CONTACT,
            path={
                "id": id,
            },
            options=options,
        )

    async def delete_contact(
        self,
        id: int,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[None]:
        """DELETE /contacts/{id}

        Args:
            id: A positive 64-bit id.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `DELETE /contacts/{id}`
        """
        return await self._client._request_raw(
            _DELETE_CONTACT,
            path={
                "id": id,
            },
            options=options,
        )

    async def update_contact(
        self,
        id: int,
        body: models.ContactUpdate,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models.Contact]:
        """PATCH /contacts/{id}

        Only the fields set are sent; `null` clears a field where the schema allows it.

        Args:
            id: A positive 64-bit id.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `PATCH /contacts/{id}`
        """
        return await self._client._request_raw(
            _UPDATE_CONTACT,
            path={
                "id": id,
            },
            body=body,
            options=options,
        )

    async def merge_contacts(
        self,
        ids: list[int],
        point: models.MergeContactsPointParam,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models.Contact]:
        """POST /contacts/{ids}/merge/{point}

        Path parameters in `simple` style; arrays and objects are comma-separated.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `POST /contacts/{ids}/merge/{point}`
        """
        return await self._client._request_raw(
            _MERGE_CONTACTS,
            path={
                "ids": ids,
                "point": point,
            },
            options=options,
        )
