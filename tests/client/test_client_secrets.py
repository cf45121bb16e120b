"""Credentials stay secret in pickled exceptions, in the runtime's logs and reprs, and in httpx's INFO line.

An inline spec sends its API key in the query, a header or a cookie (one operation each);
the Kinbox client covers the bearer token. Every check looks for the secret's own text in
what a caller could see or ship to another process.
"""

from __future__ import annotations

import concurrent.futures
import importlib
import logging
import multiprocessing
import pickle
import threading
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import httpx
import pytest

from kinbox_client import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    KinboxClient,
    NotFoundError,
    RateLimitError,
)
from kinbox_client.models import ContactUpdate
from tests.helpers import imported_package
from tests.support import TOKEN, contact_json

KEY = "k3y-0f-the-t3st"
SPEC = """
openapi: 3.0.3
info: {title: Keys, version: "1.0.0"}
servers: [{url: "https://keys.example"}]
components:
  securitySchemes:
    inQuery: {type: apiKey, in: query, name: api_key}
    inHeader: {type: apiKey, in: header, name: X-Api-Key}
    inCookie: {type: apiKey, in: cookie, name: sid}
paths:
  /q:
    get:
      operationId: byQuery
      security: [{inQuery: []}]
      parameters: [{name: page, in: query, schema: {type: integer}}]
      responses: {"200": {description: ok, content: {application/json: {schema: {type: object}}}}}
  /h:
    get:
      operationId: byHeader
      security: [{inHeader: []}]
      responses: {"200": {description: ok, content: {application/json: {schema: {type: object}}}}}
  /c:
    get:
      operationId: byCookie
      security: [{inCookie: []}]
      parameters: [{name: theme, in: cookie, schema: {type: string}}]
      responses: {"200": {description: ok, content: {application/json: {schema: {type: object}}}}}
"""
OPERATIONS = ["by_query", "by_header", "by_cookie"]


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    with imported_package(SPEC, "keys_client", tmp_path_factory.mktemp("keys")) as (package, generated):
        package.__dict__["CLIENT"] = getattr(package, generated.api.client_class)
        yield package


def keys_client(package: ModuleType, answer: httpx.Response | Exception) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        if isinstance(answer, Exception):
            raise answer
        return answer

    return package.CLIENT(api_key=KEY, transport=httpx.MockTransport(handler), max_retries=0)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_status_errors_pickle_without_the_key(keys: ModuleType, operation: str) -> None:
    client = keys_client(keys, httpx.Response(404, json={"message": "gone"}, headers={"X-Request-Id": "r1"}))
    with pytest.raises(keys.NotFoundError) as raised:
        getattr(client, operation)()
    data = pickle.dumps(raised.value)
    assert KEY.encode() not in data
    copy = pickle.loads(data)
    assert type(copy) is type(raised.value)
    assert str(copy) == str(raised.value)
    assert copy.status_code == 404
    assert copy.body == {"message": "gone"}
    assert copy.request_id == "r1"
    assert copy.headers["x-request-id"] == "r1"
    assert copy.response.json() == {"message": "gone"}
    assert copy.response.request.method == "GET"
    assert copy.response.request.url.path == raised.value.response.request.url.path
    assert KEY not in repr(copy.response.request.headers) + str(copy.response.request.url)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_the_request_repr_masks_the_key(keys: ModuleType, operation: str) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    client = keys.CLIENT(api_key=KEY, transport=httpx.MockTransport(handler))
    getattr(client.with_raw_response, operation)()
    (request,) = seen
    assert KEY in str(request.url) + request.headers.get("x-api-key", "") + request.headers.get("cookie", "")
    assert KEY not in repr(request.headers)
    assert "[secure]" in repr(request.headers) or operation == "by_query"


def test_other_cookies_stay_readable_in_the_repr(keys: ModuleType) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    keys.CLIENT(api_key=KEY, transport=httpx.MockTransport(handler)).by_cookie(theme="dark")
    assert "theme=dark" in repr(seen[0].headers)
    assert f"sid={KEY}" in seen[0].headers["cookie"]


def test_no_log_record_shows_a_query_key(keys: ModuleType, caplog: pytest.LogCaptureFixture) -> None:
    """The runtime's debug record and httpx's own INFO line ("HTTP Request: GET <url> ...") both mask it."""
    client = keys_client(keys, httpx.Response(200, json={}))
    with caplog.at_level(logging.DEBUG):
        client.by_query(page=2)
    shown = "\n".join(record.getMessage() for record in caplog.records)
    assert "HTTP Request: GET" in shown, "httpx's INFO record was not captured: the check would see nothing"
    assert "keys_client" in {record.name for record in caplog.records}
    assert KEY not in shown
    assert "api_key=%5Bsecure%5D" in shown or "api_key=[secure]" in shown
    assert "page=2" in shown


def _httpx_filters_of(package: str) -> list[logging.Filter]:
    found = logging.getLogger("httpx").filters
    return [f for f in found if isinstance(f, logging.Filter) and type(f).__module__.split(".")[0] == package]


def test_httpx_log_filter_is_one_per_package_however_often_installed(keys: ModuleType) -> None:
    """Clients built again and again, or the module reloaded, leave one filter on httpx's logger."""
    for _ in range(3):
        keys_client(keys, httpx.Response(200, json={}))
    masking = importlib.import_module("keys_client._runtime._masking")
    importlib.reload(masking)
    client = keys_client(keys, httpx.Response(200, json={}))
    (installed,) = _httpx_filters_of("keys_client")
    assert installed.names == frozenset({"api_key"})  # type: ignore[attr-defined]
    assert type(installed) is masking.QueryKeyFilter  # the reloaded module's, which the next client uses
    client.by_query(page=1)
    assert _httpx_filters_of("keys_client") == [installed]


def test_clients_built_in_parallel_install_one_filter(keys: ModuleType) -> None:
    """A race the lock in guard_httpx_log closes; without it this fails only now and then."""
    logger = logging.getLogger("httpx")
    for found in _httpx_filters_of("keys_client"):
        logger.removeFilter(found)
    barrier = threading.Barrier(8)

    def build(_: int) -> None:
        barrier.wait()
        keys_client(keys, httpx.Response(200, json={}))

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(build, range(8)))
    (installed,) = _httpx_filters_of("keys_client")
    assert installed.names == frozenset({"api_key"})  # type: ignore[attr-defined]


def test_importing_a_package_without_query_keys_leaves_httpx_logger_alone() -> None:
    """The Kinbox API sends only a bearer token, which httpx masks itself: nothing to install."""
    kinbox(httpx.Response(200, json=contact_json()))
    assert _httpx_filters_of("kinbox_client") == []


def test_httpx_log_filter_leaves_records_without_a_key_as_logged(keys: ModuleType) -> None:
    keys_client(keys, httpx.Response(200, json={}))
    (installed,) = _httpx_filters_of("keys_client")
    url = httpx.URL("https://keys.example/q?page=2")
    record = logging.LogRecord("httpx", logging.INFO, __file__, 1, "HTTP Request: %s %s", ("GET", url), None)
    assert installed.filter(record)
    assert record.args == ("GET", url)
    assert record.args[1] is url  # a handler that reads the URL object still gets it


def test_connection_errors_pickle_without_the_key(keys: ModuleType) -> None:
    for failure, expected in (
        (httpx.ConnectError("refused"), keys.APIConnectionError),
        (httpx.ReadTimeout("slow"), keys.APITimeoutError),
    ):
        with pytest.raises(expected) as raised:
            keys_client(keys, failure).by_query()
        data = pickle.dumps(raised.value)
        assert KEY.encode() not in data
        copy = pickle.loads(data)
        assert type(copy) is expected
        assert copy.request.url.path == "/q"
        assert KEY not in str(copy.request.url)


# -- the Kinbox client: bearer token ------------------------------------------------------------


def kinbox(answer: httpx.Response | Exception) -> KinboxClient:
    def handler(request: httpx.Request) -> httpx.Response:
        if isinstance(answer, Exception):
            raise answer
        return answer

    return KinboxClient(token=TOKEN, transport=httpx.MockTransport(handler), max_retries=0)


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (httpx.Response(404, json={"message": "no"}), NotFoundError),
        (httpx.Response(429, json={"message": "slow down"}, headers={"Retry-After": "3"}), RateLimitError),
        (httpx.Response(200, json={"id": "not-a-contact"}), APIResponseValidationError),
        (httpx.ConnectError("refused"), APIConnectionError),
        (httpx.ConnectTimeout("slow"), APITimeoutError),
    ],
)
def test_every_kinbox_error_pickles_without_the_token(answer: httpx.Response | Exception, error: type) -> None:
    with pytest.raises(error) as raised:
        kinbox(answer).update_contact(7, ContactUpdate(name="Ana"))
    data = pickle.dumps(raised.value)
    assert TOKEN.encode() not in data
    copy: Any = pickle.loads(data)
    request = copy.request if isinstance(copy, APIConnectionError) else copy.response.request
    assert copy.__class__ is error
    assert str(copy) == str(raised.value)
    assert request.method == "PATCH"
    assert str(request.url) == "https://api4.kinbox.com.br/v3/contacts/7"
    assert request.headers["authorization"] == "[secure]"
    assert request.content == b'{"name":"Ana"}'
    if isinstance(copy, RateLimitError):
        assert copy.retry_after == 3


def _failing_call() -> None:
    kinbox(httpx.Response(404, json={"message": "no"})).update_contact(7, ContactUpdate())


def test_an_error_in_a_worker_process_reaches_the_parent() -> None:
    """Before, unpickling failed in the parent (BrokenProcessPool) and the pickle held the token."""
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        future = pool.submit(_failing_call)
        with pytest.raises(NotFoundError) as raised:
            future.result(timeout=60)
    assert raised.value.status_code == 404
    assert raised.value.response.request.headers["authorization"] == "[secure]"
