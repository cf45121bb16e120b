"""Pages of a list operation whose spec declares `x-pagination`: one page, and every item across pages.

A sync list method returns the first `SyncPage`; iterating it yields every item, fetching
later pages only when the items before them are used up. An async list method returns an
`AsyncPaginator`: awaiting it gives the first `AsyncPage`, `async for` over it yields every item.

Iteration ends on an empty page; in offset style on a page shorter than the `limit` sent or
once `total` items have been passed; in cursor style when there is no next cursor. A server
that ignores `offset` (the next page holds the same items) or hands back a cursor already
followed raises `PaginationError` instead of looping forever.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Generator, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from pydantic import BaseModel

from ._endpoint import Endpoint
from ._exceptions import ClientError, UsageError
from ._params import is_absent

if TYPE_CHECKING:
    from ._client import AsyncAPIClient, SyncAPIClient
    from ._options import RequestOptions

PageStyle = Literal["offset", "cursor", "single"]
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Pagination:
    """How an operation pages: its `x-pagination`, pointers split into tokens, parameters by wire name."""

    style: PageStyle
    items: tuple[str, ...]
    total: tuple[str, ...] | None = None
    offset: str | None = None
    limit: str | None = None
    cursor: str | None = None
    next_cursor: tuple[str, ...] | None = None


class PaginationError(ClientError):
    """The server's pages cannot be followed to an end: a page repeats the previous one, or a cursor repeats."""


@dataclass(frozen=True, slots=True)
class _PageRequest:
    """Everything needed to ask for a page again with another offset or cursor."""

    endpoint: Endpoint
    pagination: Pagination
    options: RequestOptions
    parts: Mapping[str, Any]  # `path=`, `query=`, `headers=`, `cookies=` as the method passed them

    @property
    def query(self) -> Mapping[str, object]:
        query: Mapping[str, object] = self.parts.get("query") or {}
        return query

    def with_query(self, query: Mapping[str, object]) -> _PageRequest:
        return replace(self, parts={**self.parts, "query": query})

    @property
    def title(self) -> str:
        """How messages name the operation: method and path, never the query (a key may travel there)."""
        return f"{self.endpoint.method} {self.endpoint.path}"


def pick(value: Any, tokens: tuple[str, ...]) -> Any:
    """The value at a JSON pointer (as tokens) inside a parsed body: models by wire name, dicts, lists.

    None when it is not there; a model field left unset (pydantic's MISSING) is not there either.
    """
    for token in tokens:
        if is_absent(value):
            return None
        if isinstance(value, BaseModel):
            attribute = _attribute(type(value), token)
            value = (
                getattr(value, attribute)
                if attribute is not None
                else (value.model_extra or {}).get(token)
            )
        elif isinstance(value, Mapping):
            value = value.get(token)
        elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
            value = value[int(token)]
        else:
            return None
    return None if is_absent(value) else value


@functools.cache
def _attribute(model: type[BaseModel], wire_name: str) -> str | None:
    for name, info in model.model_fields.items():
        if (info.alias or name) == wire_name:
            return name
    return None


def _count(value: object) -> int | None:
    """A number of items (a `total`, an `offset`, a `limit`) as an int; None for anything else."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value)


class _Page(Generic[_T]):
    """What both pages are: the parsed body, its items and total, and where the next page starts."""

    def __init__(
        self, request: _PageRequest, body: Any, cursors: frozenset[str] = frozenset()
    ) -> None:
        self._request = request
        self._cursors = cursors  # the cursors followed to reach this page
        pagination = request.pagination
        self.body = body  # the parsed response, as the operation's raw-response method returns it
        items = pick(body, pagination.items)
        self.data: list[_T] = list(items) if isinstance(items, list) else []
        self.total_count: int | None = (
            _count(pick(body, pagination.total)) if pagination.total else None
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}(items={len(self.data)}, total_count={self.total_count})"

    def next_page_query(self) -> dict[str, object] | None:
        """The query of the next page; None when this page is the last."""
        pagination = self._request.pagination
        if pagination.style == "single" or not self.data:
            return None
        query = self._request.query
        if pagination.style == "offset" and pagination.offset:
            end = (_count(query.get(pagination.offset)) or 0) + len(self.data)
            if self.total_count is not None and end >= self.total_count:
                return None
            limit = _count(query.get(pagination.limit)) if pagination.limit else None
            if limit is not None and len(self.data) < limit:
                return None
            return {**query, pagination.offset: end}
        # Cursor APIs may send short pages before the end: only the cursor says where it is.
        cursor = pick(self.body, pagination.next_cursor) if pagination.next_cursor else None
        if cursor is None or cursor == "" or not pagination.cursor:
            return None
        return {**query, pagination.cursor: str(cursor)}

    def has_next_page(self) -> bool:
        return self.next_page_query() is not None

    def _next_request(self) -> tuple[_PageRequest, frozenset[str]]:
        query = self.next_page_query()
        if query is None:
            raise UsageError("this is the last page: check has_next_page() before get_next_page()")
        pagination = self._request.pagination
        cursors = self._cursors
        if pagination.style == "cursor" and pagination.cursor:
            cursor = str(query[pagination.cursor])
            if cursor in cursors:
                raise PaginationError(
                    f"{self._request.title}: the server sent back a cursor already followed; its pages would never end"
                )
            cursors = cursors | {cursor}
        return self._request.with_query(query), cursors

    def _check_progress(self, following: _Page[_T]) -> None:
        """A next page holding exactly this page's items means the server ignores where pages start."""
        if following.data and following.data == self.data:
            where = self._request.pagination.offset or self._request.pagination.cursor
            raise PaginationError(
                f"{self._request.title}: the next page repeats this one; "
                f"the server ignores `{where}`, so its pages would never end"
            )


class SyncPage(_Page[_T]):
    """One page of a sync list method; iterating it yields every item of this page and the ones after."""

    def __init__(
        self,
        client: SyncAPIClient,
        request: _PageRequest,
        body: Any,
        cursors: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__(request, body, cursors)
        self._client = client

    def get_next_page(self) -> SyncPage[_T]:
        request, cursors = self._next_request()
        body = self._client._request(request.endpoint, options=request.options, **request.parts)
        following: SyncPage[_T] = SyncPage(self._client, request, body, cursors)
        self._check_progress(following)
        return following

    def iter_pages(self) -> Iterator[SyncPage[_T]]:
        page = self
        yield page
        while page.has_next_page():
            page = page.get_next_page()
            yield page

    def __iter__(self) -> Iterator[_T]:
        for page in self.iter_pages():
            yield from page.data


class AsyncPage(_Page[_T]):
    """One page of an async list method; `async for` over it yields every item of this page and the ones after."""

    def __init__(
        self,
        client: AsyncAPIClient,
        request: _PageRequest,
        body: Any,
        cursors: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__(request, body, cursors)
        self._client = client

    async def get_next_page(self) -> AsyncPage[_T]:
        request, cursors = self._next_request()
        body = await self._client._request(
            request.endpoint, options=request.options, **request.parts
        )
        following: AsyncPage[_T] = AsyncPage(self._client, request, body, cursors)
        self._check_progress(following)
        return following

    async def iter_pages(self) -> AsyncIterator[AsyncPage[_T]]:
        page = self
        yield page
        while page.has_next_page():
            page = await page.get_next_page()
            yield page

    async def __aiter__(self) -> AsyncIterator[_T]:
        async for page in self.iter_pages():
            for item in page.data:
                yield item


def sync_page(
    client: SyncAPIClient,
    endpoint: Endpoint,
    *,
    pagination: Pagination,
    options: RequestOptions,
    **parts: Any,
) -> SyncPage[Any]:
    """The first page of a sync list method: one request, sent now."""
    request = _PageRequest(endpoint, pagination, options, parts)
    return SyncPage(client, request, client._request(endpoint, options=options, **parts))


class AsyncPaginator(Generic[_T]):
    """What an async list method returns: await it for the first page, or `async for` every item.

    Nothing is sent until it is awaited or iterated; each use sends its own first request.
    """

    def __init__(
        self,
        client: AsyncAPIClient,
        endpoint: Endpoint,
        *,
        pagination: Pagination,
        options: RequestOptions,
        **parts: Any,
    ) -> None:
        self._client = client
        self._request = _PageRequest(endpoint, pagination, options, parts)

    async def _first_page(self) -> AsyncPage[_T]:
        request = self._request
        body = await self._client._request(
            request.endpoint, options=request.options, **request.parts
        )
        return AsyncPage(self._client, request, body)

    def __await__(self) -> Generator[Any, None, AsyncPage[_T]]:
        return self._first_page().__await__()

    async def __aiter__(self) -> AsyncIterator[_T]:
        async for item in await self:
            yield item
