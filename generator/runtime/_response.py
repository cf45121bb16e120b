"""`APIResponse`: what `client.with_raw_response.<operation>(...)` returns."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

import httpx

T = TypeVar("T")


def request_id_of(headers: httpx.Headers) -> str | None:
    """The id a server gave the request, for support tickets (`x-request-id`, else `request-id`)."""
    found: str | None = headers.get("x-request-id") or headers.get("request-id")
    return found


class APIResponse(Generic[T]):
    """A success answer with everything about it: status, headers, the httpx response, and
    `parse()` for the typed body (parsed on first call, then cached)."""

    def __init__(
        self,
        http_response: httpx.Response,
        parser: Callable[[httpx.Response], T],
        retries_taken: int,
    ) -> None:
        self.http_response = http_response
        self.retries_taken = retries_taken
        self._parser = parser
        self._parsed: tuple[T] | None = None

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        return request_id_of(self.headers)

    @property
    def content(self) -> bytes:
        return self.http_response.content

    def json(self) -> Any:
        return self.http_response.json()

    def parse(self) -> T:
        if self._parsed is None:
            self._parsed = (self._parser(self.http_response),)
        return self._parsed[0]

    def __repr__(self) -> str:
        request = self.http_response.request
        return f"<APIResponse [{self.status_code}] {request.method} {request.url.path}>"
