"""Pagination (`x-pagination`): one page and every item across pages, sync and async.

One inline spec declares the three styles (offset, cursor, single); one scripted list server
answers it, both through `httpx.MockTransport` and under uvicorn on loopback. The server can
be told to omit `totalCount`, to lie about it, or to ignore `offset`, so every way iteration
must stop is seen on the wire: the requests it took are counted.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest

from contract_tests.mock.app import lifespan
from contract_tests.mock.serve import serve_in_thread
from contract_tests.mock.types import ASGIApp, Receive, Scope, Send
from generator.errors import GeneratorError
from generator.runtime._pagination import Pagination
from generator.spec.pagination import PaginationSpec
from tests.generator.codegen.test_constructs import generated_answers_parse
from tests.helpers import Built, GenerateClient, run_python

SPEC = """
openapi: 3.1.0
info: {title: Paged, version: "1.0.0"}
servers: [{url: "https://api.test"}]
paths:
  /items:
    get:
      operationId: listItems
      x-pagination: {style: offset, items: /data, total: /totalCount, offset: offset, limit: limit}
      parameters:
        - {name: offset, in: query, schema: {type: integer, minimum: 0}}
        - {name: limit, in: query, schema: {type: integer, minimum: 1}}
        - {name: q, in: query, schema: {type: string}}
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: "#/components/schemas/ItemList"}}}
  /feed:
    get:
      operationId: listFeed
      x-pagination: {style: cursor, items: /entries, cursor: after, limit: size, next_cursor: /meta/next}
      parameters:
        - {name: after, in: query, schema: {type: string}}
        - {name: size, in: query, schema: {type: integer}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  entries: {type: array, items: {type: string}}
                  meta: {type: object, properties: {next: {type: [string, "null"]}}}
  /all:
    get:
      operationId: listAll
      x-pagination: {style: single, items: /data}
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: "#/components/schemas/ItemList"}}}
components:
  schemas:
    Item:
      type: object
      required: [id]
      properties: {id: {type: integer}, name: {type: string}}
    ItemList:
      type: object
      required: [data]
      properties:
        totalCount: {type: integer}
        data: {type: array, items: {$ref: "#/components/schemas/Item"}}
"""


@dataclass
class Lister:
    """The list server: `count` items, answered honestly unless told otherwise."""

    count: int = 5
    with_total: bool = True
    claimed_total: int | None = None  # a `totalCount` that is not the real one
    ignore_offset: bool = False
    end_cursor: object = None  # what `meta.next` holds on the last feed page: None, "", or absent
    stuck_cursor: bool = False  # every feed page names the same next cursor
    feed_page: int | None = None  # feed pages this long, whatever `size` asks for
    queries: list[dict[str, str]] = field(default_factory=list)

    def answer(self, path: str, raw_query: str) -> dict[str, Any]:
        query = dict(parse_qsl(raw_query, keep_blank_values=True))
        self.queries.append({"path": path, **query})
        items = [{"id": index, "name": f"item {index}"} for index in range(self.count)]
        if path == "/items":
            start = 0 if self.ignore_offset else int(query.get("offset", "0"))
            body: dict[str, Any] = {"data": items[start : start + int(query.get("limit", "20"))]}
            if self.with_total:
                body["totalCount"] = self.count if self.claimed_total is None else self.claimed_total
            return body
        if path == "/feed":
            size = self.feed_page or int(query.get("size", "2"))
            # A stuck server answers its one cursor with the second page, again and again.
            start = size if query.get("after") == "again" else int(query.get("after", "0"))
            meta: dict[str, Any] = {}
            if self.stuck_cursor:
                meta["next"] = "again"
            elif start + size < self.count:
                meta["next"] = str(start + size)
            elif self.end_cursor != "absent":
                meta["next"] = self.end_cursor
            return {"entries": [str(item["id"]) for item in items[start : start + size]], "meta": meta}
        return {"data": items}

    def handle(self, request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=self.answer(request.url.path, request.url.query.decode()))


def asgi(lister: Lister) -> ASGIApp:
    """The list server as an ASGI app, for uvicorn."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await lifespan(receive, send)
            return
        content = json.dumps(lister.answer(scope["path"], scope["query_string"].decode())).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(content)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": content})

    return app


@pytest.fixture
def built(generate_client: GenerateClient) -> Built:
    return generate_client(SPEC, package="paged")


def client(built: Built, lister: Lister, asynchronous: bool = False) -> Any:
    name = "AsyncPagedClient" if asynchronous else "PagedClient"
    return getattr(built.package, name)(transport=httpx.MockTransport(lister.handle), max_retries=0)


def ids(items: Any) -> list[int]:
    return [item.id for item in items]


# -- offset ---------------------------------------------------------------------------------------


def test_one_page_has_data_total_and_the_next_page(built: Built) -> None:
    lister = Lister()
    page = client(built, lister).list_items(limit=2, offset=0, q="x")
    assert type(page).__name__ == "SyncPage"
    assert ids(page.data) == [0, 1]
    assert page.total_count == 5
    assert type(page.body).__name__ == "ItemList"
    assert page.body.data == page.data
    assert page.has_next_page()
    assert page.next_page_query() == {"offset": 2, "limit": 2, "q": "x"}
    following = page.get_next_page()
    assert ids(following.data) == [2, 3]
    assert lister.queries == [
        {"path": "/items", "offset": "0", "limit": "2", "q": "x"},
        {"path": "/items", "offset": "2", "limit": "2", "q": "x"},
    ]
    assert len(lister.queries) == 2, "a page is fetched once, when asked for"


def test_iterating_a_page_yields_every_item_fetching_pages_lazily(built: Built) -> None:
    lister = Lister(count=5)
    items = iter(client(built, lister).list_items(limit=2))
    assert next(items).id == 0
    assert len(lister.queries) == 1
    assert ids(items) == [1, 2, 3, 4]
    assert [q.get("offset") for q in lister.queries] == [None, "2", "4"]  # the short last page ends it


def test_iter_pages_walks_the_pages_themselves(built: Built) -> None:
    pages = list(client(built, Lister(count=5)).list_items(limit=2).iter_pages())
    assert [ids(page.data) for page in pages] == [[0, 1], [2, 3], [4]]
    assert [page.total_count for page in pages] == [5, 5, 5]


def test_iteration_starts_at_the_offset_given(built: Built) -> None:
    assert ids(client(built, Lister(count=5)).list_items(limit=2, offset=3)) == [3, 4]


@pytest.mark.parametrize(("with_total", "requests"), [(True, 2), (False, 3)])
def test_an_exact_multiple_of_the_page_size_ends_at_total_or_at_the_empty_page(
    built: Built, with_total: bool, requests: int
) -> None:
    lister = Lister(count=4, with_total=with_total)
    assert ids(client(built, lister).list_items(limit=2)) == [0, 1, 2, 3]
    assert len(lister.queries) == requests


def test_an_empty_result_is_one_request_and_no_next_page(built: Built) -> None:
    lister = Lister(count=0)
    page = client(built, lister).list_items(limit=2)
    assert page.data == []
    assert page.total_count == 0
    assert not page.has_next_page()
    assert list(page) == []
    assert len(lister.queries) == 1
    with pytest.raises(built.package.PagedError) as caught:
        page.get_next_page()
    assert isinstance(caught.value, ValueError)
    assert "last page" in str(caught.value)


def test_a_total_smaller_than_the_pages_served_stops_once_it_is_passed(built: Built) -> None:
    lister = Lister(count=10, claimed_total=3)
    assert ids(client(built, lister).list_items(limit=2)) == [0, 1, 2, 3]
    assert len(lister.queries) == 2


def test_without_a_limit_iteration_goes_on_until_an_empty_page(built: Built) -> None:
    lister = Lister(count=3, with_total=False)
    assert ids(client(built, lister).list_items()) == [0, 1, 2]
    assert [q.get("offset") for q in lister.queries] == [None, "3"]


@pytest.mark.parametrize("with_total", [True, False])
def test_a_server_that_ignores_offset_raises_instead_of_looping(built: Built, with_total: bool) -> None:
    lister = Lister(count=5, ignore_offset=True, with_total=with_total)
    seen: list[int] = []
    with pytest.raises(built.package.PaginationError) as caught:
        seen.extend(item.id for item in client(built, lister).list_items(limit=2))
    assert seen == [0, 1]
    assert len(lister.queries) == 2
    assert "GET /items" in str(caught.value)
    assert "ignores `offset`" in str(caught.value)
    assert isinstance(caught.value, built.package.PagedError)


def test_every_documented_answer_parses_into_the_first_page(built: Built) -> None:
    generated_answers_parse(built)


def test_the_raw_response_twin_returns_the_unpaged_body(built: Built) -> None:
    raw = client(built, Lister()).with_raw_response.list_items(limit=2)
    assert raw.status_code == 200
    assert ids(raw.parse().data) == [0, 1]


# -- cursor and single --------------------------------------------------------------------------


@pytest.mark.parametrize("end_cursor", [None, "", "absent"])
def test_cursor_pages_end_without_a_next_cursor(built: Built, end_cursor: object) -> None:
    lister = Lister(count=5, end_cursor=end_cursor)
    page = client(built, lister).list_feed(size=2)
    assert page.data == ["0", "1"]
    assert page.total_count is None
    assert page.next_page_query() == {"size": 2, "after": "2"}
    assert list(page) == ["0", "1", "2", "3", "4"]
    assert [q.get("after") for q in lister.queries] == [None, "2", "4"]  # the first page is not fetched again


def test_a_short_cursor_page_does_not_end_the_pages(built: Built) -> None:
    lister = Lister(count=3, feed_page=1)
    assert list(client(built, lister).list_feed(size=2)) == ["0", "1", "2"]
    assert [q.get("after") for q in lister.queries] == [None, "1", "2"]


def test_a_repeated_cursor_raises_instead_of_looping(built: Built) -> None:
    lister = Lister(count=5, stuck_cursor=True)
    with pytest.raises(built.package.PaginationError, match="cursor already followed"):
        list(client(built, lister).list_feed(size=2))
    assert [q.get("after") for q in lister.queries] == [None, "again"]


def test_single_style_is_one_page_that_iterates_its_items(built: Built) -> None:
    lister = Lister(count=3)
    page = client(built, lister).list_all()
    assert ids(page.data) == [0, 1, 2]
    assert page.total_count is None
    assert not page.has_next_page()
    assert ids(page) == [0, 1, 2]
    assert len(lister.queries) == 1


# -- async ----------------------------------------------------------------------------------------


def test_async_await_gives_the_first_page_and_async_for_every_item(built: Built) -> None:
    lister = Lister(count=5)

    async def scenario() -> None:
        async with client(built, lister, asynchronous=True) as api:
            paginator = api.list_items(limit=2)
            assert type(paginator).__name__ == "AsyncPaginator"
            assert lister.queries == [], "nothing is sent until it is awaited or iterated"
            page = await paginator
            assert ids(page.data) == [0, 1]
            assert page.total_count == 5
            assert page.has_next_page()
            assert ids((await page.get_next_page()).data) == [2, 3]
            assert [item.id async for item in api.list_items(limit=2)] == [0, 1, 2, 3, 4]
            assert [item async for item in api.list_feed(size=2)] == ["0", "1", "2", "3", "4"]
            assert [item.id async for item in await api.list_all()] == [0, 1, 2, 3, 4]
            pages = [len(p.data) async for p in (await api.list_items(limit=2)).iter_pages()]
            assert pages == [2, 2, 1]

    asyncio.run(scenario())
    assert len(lister.queries) == 2 + 3 + 3 + 1 + 3


def test_async_stops_on_a_server_that_ignores_offset(built: Built) -> None:
    lister = Lister(count=5, ignore_offset=True)

    async def scenario() -> list[int]:
        seen: list[int] = []
        async with client(built, lister, asynchronous=True) as api:
            async for item in api.list_items(limit=2):
                seen.append(item.id)
        return seen

    with pytest.raises(built.package.PaginationError):
        asyncio.run(scenario())
    assert len(lister.queries) == 2


# -- over a real server -----------------------------------------------------------------------------


@pytest.fixture
def served() -> Iterator[tuple[str, Lister]]:
    lister = Lister(count=7)
    with serve_in_thread(asgi(lister)) as url:
        yield url, lister


def test_pages_over_loopback_sync_and_async(built: Built, served: tuple[str, Lister]) -> None:
    url, lister = served
    with built.package.PagedClient(base_url=url, max_retries=0) as api:
        assert ids(api.list_items(limit=3)) == list(range(7))
        assert list(api.list_feed(size=4)) == [str(index) for index in range(7)]

    async def scenario() -> tuple[list[int], list[int]]:
        async with built.package.AsyncPagedClient(base_url=url, max_retries=0) as api:
            first = await api.list_items(limit=3, offset=1)
            return ids(first.data), [item.id async for item in api.list_items(limit=3)]

    assert asyncio.run(scenario()) == ([1, 2, 3], list(range(7)))
    assert len(lister.queries) == 3 + 2 + 1 + 3


# -- types ------------------------------------------------------------------------------------------

USAGE = """
import asyncio

from paged import AsyncPagedClient, AsyncPage, PagedClient, SyncPage
from paged.models import Item


def sync_use(client: PagedClient) -> list[int]:
    page: SyncPage[Item] = client.list_items(limit=2)
    total: int | None = page.total_count
    more: bool = page.has_next_page()
    following: SyncPage[Item] = page.get_next_page()
    feed: list[str] = list(client.list_feed(size=2))
    return [item.id for item in page] + [item.id for item in following.data] + [total or 0, int(more), len(feed)]


async def async_use(client: AsyncPagedClient) -> list[int]:
    page: AsyncPage[Item] = await client.list_items(limit=2)
    following: AsyncPage[Item] = await page.get_next_page()
    return [item.id async for item in client.list_items(limit=2)] + [item.id for item in following.data]
"""


@pytest.mark.slow
def test_the_generated_package_and_its_use_pass_mypy_strict(built: Built) -> None:
    out = Path(str(built.package.__file__)).parent.parent
    (out / "usage.py").write_text(USAGE, encoding="utf-8")
    result = run_python("-m", "mypy", "--strict", "--no-incremental", "paged", "usage.py", cwd=out)
    assert result.returncode == 0, result.stdout + result.stderr


# -- the extension checked --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extension", "pointer", "message"),
    [
        ("true", "/x-pagination", "x-pagination must be an object"),
        ("{style: pages, items: /data}", "/x-pagination/style", "style must be one of offset, cursor, single"),
        ("{style: single, items: /data, offset: offset}", "/x-pagination", "unknown key 'offset' for style 'single'"),
        ("{style: offset, items: /data, offset: offset}", "/x-pagination", "style 'offset' needs 'limit'"),
        (
            "{style: offset, items: /data, offset: start, limit: limit}",
            "/x-pagination/offset",
            "'start' is not a query",
        ),
        ("{style: offset, items: /rows, offset: offset, limit: limit}", "/x-pagination/items", "'/rows' is not in"),
        ("{style: offset, items: /totalCount, offset: offset, limit: limit}", "/x-pagination/items", "not an array"),
        ("{style: single, items: data}", "/x-pagination/items", "must be a JSON pointer"),
        ("{style: single, items: /data, total: /count}", "/x-pagination/total", "'/count' is not in"),
    ],
)
def test_a_wrong_extension_is_a_located_error(
    generate_client: GenerateClient, extension: str, pointer: str, message: str
) -> None:
    spec = SPEC.replace(
        "x-pagination: {style: offset, items: /data, total: /totalCount, offset: offset, limit: limit}",
        f"x-pagination: {extension}",
    )
    with pytest.raises(GeneratorError) as caught:
        generate_client(spec, package="paged")
    rendered = caught.value.render()
    assert f"paged.yaml:8 #/paths/~1items/get{pointer}: " in rendered, rendered
    assert message in rendered


def test_an_operation_without_a_json_success_cannot_page(generate_client: GenerateClient) -> None:
    all_items = SPEC.index("  /all:")
    spec = SPEC[:all_items] + SPEC[all_items:].replace(
        '{application/json: {schema: {$ref: "#/components/schemas/ItemList"}}}',
        "{text/plain: {schema: {type: string}}}",
        1,
    )
    with pytest.raises(GeneratorError, match=r"#/paths/~1all/get/x-pagination: x-pagination needs a 2xx response"):
        generate_client(spec, package="paged")


def test_a_pointer_is_followed_through_refs_and_all_of_and_names_the_item_type(
    generate_client: GenerateClient,
) -> None:
    spec = SPEC.replace(
        '{$ref: "#/components/schemas/ItemList"}}}\n  /feed:',
        '{allOf: [{$ref: "#/components/schemas/ItemList"}]}}}\n  /feed:',
    )
    assert spec != SPEC
    built = generate_client(spec, package="paged")
    (operation,) = [op for op in built.generated.api.operations if op.python_name == "list_items"]
    assert operation.paging is not None
    assert str(operation.paging.item) == "models.Item"


def test_the_checked_extension_and_the_runtime_pagination_have_the_same_fields() -> None:
    # The generator prints `Pagination(**spec.arguments)`: a field added to one of the two and
    # not the other would generate a package that fails when it is imported.
    printed = [f.name for f in fields(PaginationSpec) if f.name != "item_schema"]
    assert printed == [f.name for f in fields(Pagination)]
