# Generated from the OpenAPI spec by the generator: do not edit.

"""Operations on Events.

`client.events.<operation>(...)`; `client.with_raw_response.events` for raw responses.
"""

from __future__ import annotations

from typing import Unpack, cast

from .. import models
from .._runtime import (
    APIResponse,
    AsyncAPIClient,
    AsyncPaginator,
    AsyncStream,
    BodySpec,
    Endpoint,
    Pagination,
    RequestOptions,
    ResponseSpec,
    Stream,
    SyncAPIClient,
    SyncPage,
    sync_page,
)

__all__ = [
    "AsyncEventsResource",
    "AsyncEventsResourceWithRawResponse",
    "EventsResource",
    "EventsResourceWithRawResponse",
]

_STREAM_EVENTS = Endpoint(
    method="GET",
    path="/events",
    responses={
        "200": ResponseSpec("stream"),
        "4XX": ResponseSpec("json", models.Problem),
        "default": ResponseSpec("json", models.Error),
    },
    security=(("openId",),),
    accept="text/event-stream",
)

_GET_LATEST_EVENT = Endpoint(
    method="GET",
    path="/events/latest",
    responses={
        "default": ResponseSpec("json", models.Event),
    },
    security=(("bearer",),),
    accept="application/json",
)

_LIST_EVENT_HISTORY = Endpoint(
    method="GET",
    path="/events/history",
    responses={
        "200": ResponseSpec("json", models.ListEventHistoryResponse),
    },
    security=(("bearer",),),
    accept="application/json",
)
_LIST_EVENT_HISTORY__PAGES = Pagination(
    style="single",
    items=("events",),
)

_SUBSCRIBE = Endpoint(
    method="POST",
    path="/events/subscriptions",
    responses={
        "2XX": ResponseSpec("empty"),
    },
    body=BodySpec("json", "application/json", models.SubscribeBody),
    security=(("bearer",),),
)


class EventsResource:
    """Operations on Events."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    def stream_events(
        self,
        **options: Unpack[RequestOptions],
    ) -> Stream:
        """GET /events

        Returns the body unread, as a stream: use it as a context manager and iterate its lines.

        `GET /events`
        """
        return cast(
            "Stream",
            self._client._request(
                _STREAM_EVENTS,
                options=options,
            ),
        )

    def get_latest_event(
        self,
        **options: Unpack[RequestOptions],
    ) -> models.Event:
        """GET /events/latest

        No 2xx is documented, so `default` is also the success type.

        `GET /events/latest`
        """
        return cast(
            "models.Event",
            self._client._request(
                _GET_LATEST_EVENT,
                options=options,
            ),
        )

    def list_event_history(
        self,
        **options: Unpack[RequestOptions],
    ) -> SyncPage[models.Event]:
        """GET /events/history

        Every event in one answer; the page still iterates its items.

        Returns the first page (`.data`, `.total_count`, `.get_next_page()`; async: await it). Iterating it (async: `async for`) yields every item, fetching later pages as they are needed.

        `GET /events/history`
        """
        return sync_page(
            self._client,
            _LIST_EVENT_HISTORY,
            options=options,
            pagination=_LIST_EVENT_HISTORY__PAGES,
        )

    def subscribe(
        self,
        body: models.SubscribeBody,
        **options: Unpack[RequestOptions],
    ) -> None:
        """POST /events/subscriptions

        `POST /events/subscriptions`
        """
        return cast(
            "None",
            self._client._request(
                _SUBSCRIBE,
                body=body,
                options=options,
            ),
        )


class EventsResourceWithRawResponse:
    """`EventsResource` operations that return `APIResponse` instead of the parsed body."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    def stream_events(
        self,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[Stream]:
        """GET /events

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `GET /events`
        """
        return self._client._request_raw(
            _STREAM_EVENTS,
            options=options,
        )

    def get_latest_event(
        self,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models.Event]:
        """GET /events/latest

        No 2xx is documented, so `default` is also the success type.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `GET /events/latest`
        """
        return self._client._request_raw(
            _GET_LATEST_EVENT,
            options=options,
        )

    def list_event_history(
        self,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models.ListEventHistoryResponse]:
        """GET /events/history

        Every event in one answer; the page still iterates its items.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `GET /events/history`
        """
        return self._client._request_raw(
            _LIST_EVENT_HISTORY,
            options=options,
        )

    def subscribe(
        self,
        body: models.SubscribeBody,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[None]:
        """POST /events/subscriptions

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `POST /events/subscriptions`
        """
        return self._client._request_raw(
            _SUBSCRIBE,
            body=body,
            options=options,
        )


class AsyncEventsResource:
    """Operations on Events."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    async def stream_events(
        self,
        **options: Unpack[RequestOptions],
    ) -> AsyncStream:
        """GET /events

        Returns the body unread, as a stream: use it as a context manager and iterate its lines.

        `GET /events`
        """
        return cast(
            "AsyncStream",
            await self._client._request(
                _STREAM_EVENTS,
                options=options,
            ),
        )

    async def get_latest_event(
        self,
        **options: Unpack[RequestOptions],
    ) -> models.Event:
        """GET /events/latest

        No 2xx is documented, so `default` is also the success type.

        `GET /events/latest`
        """
        return cast(
            "models.Event",
            await self._client._request(
                _GET_LATEST_EVENT,
                options=options,
            ),
        )

    def list_event_history(
        self,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[models.Event]:
        """GET /events/history

        Every event in one answer; the page still iterates its items.

        Returns the first page (`.data`, `.total_count`, `.get_next_page()`; async: await it). Iterating it (async: `async for`) yields every item, fetching later pages as they are needed.

        `GET /events/history`
        """
        return AsyncPaginator(
            self._client,
            _LIST_EVENT_HISTORY,
            options=options,
            pagination=_LIST_EVENT_HISTORY__PAGES,
        )

    async def subscribe(
        self,
        body: models.SubscribeBody,
        **options: Unpack[RequestOptions],
    ) -> None:
        """POST /events/subscriptions

        `POST /events/subscriptions`
        """
        return cast(
            "None",
            await self._client._request(
                _SUBSCRIBE,
                body=body,
                options=options,
            ),
        )


class AsyncEventsResourceWithRawResponse:
    """`AsyncEventsResource` operations that return `APIResponse` instead of the parsed body."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    async def stream_events(
        self,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[AsyncStream]:
        """GET /events

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `GET /events`
        """
        return await self._client._request_raw(
            _STREAM_EVENTS,
            options=options,
        )

    async def get_latest_event(
        self,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models.Event]:
        """GET /events/latest

        No 2xx is documented, so `default` is also the success type.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `GET /events/latest`
        """
        return await self._client._request_raw(
            _GET_LATEST_EVENT,
            options=options,
        )

    async def list_event_history(
        self,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models.ListEventHistoryResponse]:
        """GET /events/history

        Every event in one answer; the page still iterates its items.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `GET /events/history`
        """
        return await self._client._request_raw(
            _LIST_EVENT_HISTORY,
            options=options,
        )

    async def subscribe(
        self,
        body: models.SubscribeBody,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[None]:
        """POST /events/subscriptions

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `POST /events/subscriptions`
        """
        return await self._client._request_raw(
            _SUBSCRIBE,
            body=body,
            options=options,
        )
