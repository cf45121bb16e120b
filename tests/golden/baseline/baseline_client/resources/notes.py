# Generated from the OpenAPI spec by the generator: do not edit.

"""Operations on notes.

`client.notes.<operation>(...)`; `client.with_raw_response.notes` for raw responses.
"""

from __future__ import annotations

from typing import Unpack, cast

from .._runtime import (
    APIResponse,
    AsyncAPIClient,
    BodySpec,
    Endpoint,
    RequestOptions,
    ResponseSpec,
    SyncAPIClient,
)

__all__ = [
    "AsyncNotesResource",
    "AsyncNotesResourceWithRawResponse",
    "NotesResource",
    "NotesResourceWithRawResponse",
]

_ADD_NOTE = Endpoint(
    method="POST",
    path="/notes",
    responses={
        "200": ResponseSpec("text"),
    },
    body=BodySpec("text", "text/plain"),
    security=(),
    accept="text/plain",
)


class NotesResource:
    """Operations on notes."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    def add_note(
        self,
        body: str,
        **options: Unpack[RequestOptions],
    ) -> str:
        """POST /notes

        Untagged, so grouped by the first segment of its path.

        `POST /notes`
        """
        return cast(
            "str",
            self._client._request(
                _ADD_NOTE,
                body=body,
                options=options,
            ),
        )


class NotesResourceWithRawResponse:
    """`NotesResource` operations that return `APIResponse` instead of the parsed body."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    def add_note(
        self,
        body: str,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[str]:
        """POST /notes

        Untagged, so grouped by the first segment of its path.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `POST /notes`
        """
        return self._client._request_raw(
            _ADD_NOTE,
            body=body,
            options=options,
        )


class AsyncNotesResource:
    """Operations on notes."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    async def add_note(
        self,
        body: str,
        **options: Unpack[RequestOptions],
    ) -> str:
        """POST /notes

        Untagged, so grouped by the first segment of its path.

        `POST /notes`
        """
        return cast(
            "str",
            await self._client._request(
                _ADD_NOTE,
                body=body,
                options=options,
            ),
        )


class AsyncNotesResourceWithRawResponse:
    """`AsyncNotesResource` operations that return `APIResponse` instead of the parsed body."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    async def add_note(
        self,
        body: str,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[str]:
        """POST /notes

        Untagged, so grouped by the first segment of its path.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `POST /notes`
        """
        return await self._client._request_raw(
            _ADD_NOTE,
            body=body,
            options=options,
        )
