"""Responses read as they arrive: what an operation answering `text/event-stream` returns.

The body is handed over unread and raw (bytes, text or lines); parsing the events is left
to the caller, because event formats differ between APIs. Use it as a context manager (or
call `close()`) so the connection goes back to the pool.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Self

import httpx


class _StreamBase:
    """What both streams are: an unread response and its status line."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response

    @property
    def status_code(self) -> int:
        return self.response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.response.headers


class Stream(_StreamBase):
    """A streamed success response of the sync client."""

    def iter_bytes(self) -> Iterator[bytes]:
        return self.response.iter_bytes()

    def iter_text(self) -> Iterator[str]:
        return self.response.iter_text()

    def iter_lines(self) -> Iterator[str]:
        return self.response.iter_lines()

    def __iter__(self) -> Iterator[str]:
        return self.iter_lines()

    def close(self) -> None:
        self.response.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncStream(_StreamBase):
    """A streamed success response of the asyncio client."""

    def iter_bytes(self) -> AsyncIterator[bytes]:
        return self.response.aiter_bytes()

    def iter_text(self) -> AsyncIterator[str]:
        return self.response.aiter_text()

    def iter_lines(self) -> AsyncIterator[str]:
        return self.response.aiter_lines()

    def __aiter__(self) -> AsyncIterator[str]:
        return self.iter_lines()

    async def close(self) -> None:
        await self.response.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()
