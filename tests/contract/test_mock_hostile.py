"""Hostile requests the mock must refuse without storing anything, over real HTTP (issue 14).

Each input of the issue has its own test: it gets a documented 4xx in the spec's JSON error
shape, never a 5xx, and the contact is exactly as it was (an empty PATCH still answers 200).
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from contract_tests.contract import Contract
from contract_tests.mock import ContactStore, create_app, load_seed
from contract_tests.mock.body import MAX_DEPTH
from contract_tests.mock.protocol import MAX_HEAD_BYTES
from contract_tests.mock.serve import mock_in_thread
from contract_tests.mock.store import Unstorable

TOKEN = "hostile-test-token"
JSON = {"Content-Type": "application/json"}
AUTH = {"Authorization": f"Bearer {TOKEN}", **JSON}
CONTRACT = Contract()


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with mock_in_thread(token=TOKEN) as base_url:
        yield base_url


def send(url: str, content: bytes, *, contact: str = "1001", headers: Any = None) -> httpx.Response:
    return httpx.patch(f"{url}/v3/contacts/{contact}", content=content, headers=AUTH if headers is None else headers)


def snapshot(url: str) -> dict[str, Any]:
    """The contact now, by an empty PATCH: it must always answer 200 with valid JSON."""
    response = send(url, b"{}")
    assert response.status_code == 200, response.text
    value: dict[str, Any] = json.loads(response.content)
    assert CONTRACT.response_problems(200, value) == []
    return value


def refused(url: str, content: bytes, status: int, code: str, **kwargs: Any) -> dict[str, Any]:
    """Send `content`, expect a documented `status`/`code` error, and an unchanged contact."""
    before = snapshot(url)
    response = send(url, content, **kwargs)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    answer: dict[str, Any] = json.loads(response.content)
    assert CONTRACT.response_problems(status, answer) == []
    assert answer["code"] == code
    assert snapshot(url) == before
    return answer


def fields(answer: dict[str, Any]) -> list[str]:
    return [problem["field"] for problem in answer.get("errors", [])]


@pytest.mark.parametrize(
    ("content", "field"),
    [
        (b'{"name": "Kept?", "customFields": {"x": 1e400}}', "/customFields/x"),
        (b'{"crmData": {"y": -1e400}}', "/crmData/y"),
        (b'{"customFields": {"list": [1, 2, 1E+999]}}', "/customFields/list/2"),
        (b'{"customFields": {"long": ' + b"1" * 400 + b".5}}", "/customFields/long"),  # no exponent
    ],
)
def test_non_finite_numbers_are_refused(url: str, content: bytes, field: str) -> None:
    answer = refused(url, content, 400, "malformed_json")
    assert fields(answer) == [field]
    assert "64-bit float" in answer["errors"][0]["message"]


@pytest.mark.parametrize(
    ("content", "field"),
    [
        (rb'{"name": "\ud800"}', "/name"),
        (rb'{"notes": "ok \udfff then"}', "/notes"),
        (rb'{"customFields": {"\udc00": 1}}', "/customFields/\\udc00"),
        (rb'{"crmData": {"a": ["\ud83d"]}}', "/crmData/a/0"),
    ],
)
def test_lone_surrogates_are_refused_as_values_and_keys(url: str, content: bytes, field: str) -> None:
    answer = refused(url, content, 400, "malformed_json")
    assert fields(answer) == [field]


@pytest.mark.parametrize(
    ("content", "field"),
    [
        (b'{"name": "a", "name": "b"}', ["/name"]),
        (b'{"name": "a", "\\u006eame": "b"}', ["/name"]),  # the same name once unescaped
        (b'{"customFields": {"x": 1, "y": 2, "x": 3}}', ["/customFields/x"]),
        (b'{"crmData": {"a": [{"k": 1, "k": 1}]}, "notes": "n", "notes": "m"}', ["/crmData/a/0/k", "/notes"]),
        (b'{"customFields": {"\\udc00": 1, "\\udc00": 2}}', ["/customFields/\\udc00"]),
    ],
)
def test_a_member_name_given_twice_is_refused(url: str, content: bytes, field: list[str]) -> None:
    """Before, the last one silently won: a proxy or another parser may have read the first."""
    answer = refused(url, content, 400, "malformed_json")
    assert "same member name twice" in answer["message"]
    assert sorted(fields(answer)) == field


def test_the_same_name_in_different_objects_is_accepted(url: str) -> None:
    response = send(url, b'{"customFields": {"name": 1}, "crmData": {"name": 2}}')
    assert response.status_code == 200, response.text
    assert response.json()["customFields"]["name"] == 1


def test_a_surrogate_pair_is_one_character_and_accepted(url: str) -> None:
    response = send(url, rb'{"notes": "\ud83d\ude00"}')
    assert response.status_code == 200
    assert response.json()["notes"] == "\U0001f600"


@pytest.mark.parametrize(
    "content",
    [b'{"name": "\xed\xa0\x80"}', b'{"name": "\xff"}', '{"name": "Ana"}'.encode("utf-16")],
    ids=["raw-surrogate-ED-A0-80", "invalid-byte", "utf-16"],
)
def test_bodies_that_are_not_utf8_are_refused(url: str, content: bytes) -> None:
    answer = refused(url, content, 400, "malformed_json")
    assert "not UTF-8" in answer["message"]


@pytest.mark.parametrize("depth", [MAX_DEPTH, 500, 1000, 30_000])
def test_deep_nesting_is_refused_before_anything_is_applied(url: str, depth: int) -> None:
    # The body object is level 1 and customFields level 2: MAX_DEPTH nested levels inside it
    # make MAX_DEPTH + 1. The name comes first, as in the partial update.
    nested = "[" * (depth - 1) + "]" * (depth - 1)
    content = f'{{"name": "Partial?", "customFields": {{"deep": {nested}}}}}'.encode()
    answer = refused(url, content, 400, "nesting_too_deep")
    assert f"deeper than {MAX_DEPTH} levels" in answer["message"]


def test_nesting_up_to_the_limit_is_stored_and_sent_back(url: str) -> None:
    nested = "[" * (MAX_DEPTH - 2) + "]" * (MAX_DEPTH - 2)  # the body, customFields, then these
    response = send(url, f'{{"customFields": {{"deep": {nested}}}}}'.encode())
    assert response.status_code == 200, response.text
    assert snapshot(url)["customFields"] == json.loads(f'{{"deep": {nested}}}')


def test_an_integer_too_long_to_print_is_refused(url: str) -> None:
    answer = refused(url, b'{"customFields": {"n": ' + b"7" * 5000 + b"}}", 400, "malformed_json")
    assert "more than 4300 digits" in answer["message"]


def test_a_long_integer_within_the_limit_round_trips(url: str) -> None:
    digits = "9" * 4000
    response = send(url, f'{{"customFields": {{"n": {digits}}}}}'.encode())
    assert response.status_code == 200
    assert response.json()["customFields"]["n"] == int(digits)


@pytest.mark.parametrize("contact", ["1" * 5000, "9" * 65, "9" * 20])
def test_path_ids_beyond_any_integer_get_422(url: str, contact: str) -> None:
    answer = refused(url, b"{}", 422, "validation_failed", contact=contact)
    assert fields(answer) == ["path.id"]


def bearer(*values: bytes) -> list[tuple[bytes, bytes]]:
    return [(b"content-type", b"application/json"), *((b"authorization", value) for value in values)]


@pytest.mark.parametrize(
    "headers",
    [
        bearer(b"Bearer wrong", f"Bearer {TOKEN}".encode()),
        bearer(f"Bearer {TOKEN}".encode(), b"Bearer wrong"),
        bearer(f"Bearer {TOKEN}".encode(), f"Bearer {TOKEN}".encode()),
        bearer(b"Bearer"),
        bearer(TOKEN.encode()),
        bearer(f"Basic {TOKEN}".encode()),
        bearer(b"Bearer \xc3\xa9"),
        bearer(f"Bearer {TOKEN}\xe9".encode("latin-1")),
        bearer(f"Bearer {TOKEN} extra".encode()),
    ],
    ids=[
        "two-headers-right-last",
        "two-headers-right-first",
        "two-right-headers",
        "scheme-alone",
        "token-alone",
        "basic",
        "non-ascii-token",
        "non-ascii-after-token",
        "trailing-word",
    ],
)
def test_ambiguous_or_wrong_credentials_get_401(url: str, headers: list[tuple[bytes, bytes]]) -> None:
    before = snapshot(url)
    response = send(url, b'{"name": "Intruder"}', headers=headers)
    assert response.status_code == 401, response.text
    assert response.headers["www-authenticate"] == "Bearer"
    assert CONTRACT.response_problems(401, response.json()) == []
    assert snapshot(url) == before


@pytest.mark.parametrize("scheme", ["bearer", "BEARER", "bEaReR"])
def test_the_scheme_is_case_insensitive(url: str, scheme: str) -> None:
    response = send(url, b'{"notes": "scheme"}', headers={"Authorization": f"{scheme} {TOKEN}", **JSON})
    assert response.status_code == 200, response.text


def test_more_than_one_space_may_separate_scheme_and_token(url: str) -> None:
    response = send(url, b"{}", headers={"Authorization": f"Bearer   {TOKEN}", **JSON})
    assert response.status_code == 200


# Protocol level: requests uvicorn itself refuses, sent as raw bytes.

HEAD = f"Host: mock\r\nAuthorization: Bearer {TOKEN}\r\nContent-Type: application/json\r\n".encode()
QUICK_TIMEOUT = 0.5  # the request deadline of the `quick_url` server, in seconds


@pytest.fixture(scope="module")
def quick_url() -> Iterator[str]:
    with mock_in_thread(token=TOKEN, request_timeout=QUICK_TIMEOUT) as base_url:
        yield base_url


@dataclass
class RawAnswer:
    status: int
    headers: dict[str, str]
    body: bytes


def exchange(url: str, *parts: bytes, timeout: float = 30) -> RawAnswer | None:
    """Send `parts` on one connection, read until the server closes it; None if it sent nothing."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        for part in parts:
            sock.sendall(part)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    if not received:
        return None
    head, _, body = received.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value for name, _, value in (line.partition(": ") for line in lines)}
    return RawAnswer(int(status_line.split()[1]), headers, body)


def protocol_refusal(answer: RawAnswer | None, status: int, code: str) -> str:
    assert answer is not None
    assert answer.status == status, answer
    assert answer.headers["content-type"] == "application/json"
    assert answer.headers["connection"] == "close"
    value = json.loads(answer.body)
    assert CONTRACT.response_problems(status, value) == []
    assert value["code"] == code
    message: str = value["message"]
    return message


@pytest.mark.parametrize(
    ("request_bytes", "reason"),
    [
        (b"PATCH /v3/contacts/1001 HTTP/1.1\r\n" + HEAD + b"Content-Length: 2x\r\n\r\n{}", "Content-Length"),
        (
            b"PATCH /v3/contacts/1001 HTTP/1.1\r\n" + HEAD + b"Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
            "Duplicate",
        ),
        (
            b"PATCH /v3/contacts/1001 HTTP/1.1\r\n" + HEAD + b"Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
            "chunk",
        ),
        (b"PATCH /v3/contacts/10\x0001 HTTP/1.1\r\n" + HEAD + b"Content-Length: 2\r\n\r\n{}", "url"),
        (b"PATCH /v3/contacts/\xc3\xa9 HTTP/1.1\r\n" + HEAD + b"Content-Length: 2\r\n\r\n{}", "url"),
        (b"PATCH /v3/contacts/1001 HTTP/1.1\r\nAuthorization: Bearer\x00x\r\n\r\n", "header"),
        (b"PATCH /v3/contacts/1001 HTTP/1.1\nHost: mock\n\n", "CRLF"),
        (b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03", "method"),  # a TLS hello
    ],
    ids=[
        "bad-content-length",
        "two-content-lengths",
        "bad-chunk",
        "nul-in-path",
        "non-ascii-path",
        "nul-in-header",
        "lf-only",
        "tls",
    ],
)
def test_requests_that_are_not_http_get_a_json_400(url: str, request_bytes: bytes, reason: str) -> None:
    before = snapshot(url)
    message = protocol_refusal(exchange(url, request_bytes), 400, "malformed_request")
    assert message.startswith("The request is not valid HTTP/1.1: ")
    assert reason.lower() in message.lower()
    assert snapshot(url) == before


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"PATCH /v3/contacts/" + b"1" * 100_000 + b" HTTP/1.1\r\n" + HEAD + b"Content-Length: 2\r\n\r\n{}",
        b"PATCH /v3/contacts/1001 HTTP/1.1\r\n" + HEAD + b"X-Padding: " + b"p" * 40_000 + b"\r\n\r\n",
        b"PATCH /v3/contacts/1001 HTTP/1.1\r\n" + HEAD + b"X-A: b\r\n" * 10_000 + b"\r\n",
    ],
    ids=["100KB-url", "40KB-header", "10000-headers"],
)
def test_an_oversized_head_gets_a_json_413(url: str, request_bytes: bytes) -> None:
    message = protocol_refusal(exchange(url, request_bytes), 413, "request_too_large")
    assert str(MAX_HEAD_BYTES) in message


def test_a_refused_client_still_sending_reads_its_answer(url: str) -> None:
    """The refusal lingers: the server reads (and drops) what follows, so no reset eats the 413.

    Closed at once, with a megabyte of the client's bytes unread, the kernel resets the
    connection and the client never reads the answer (every time, on Linux).
    """
    request = b"PATCH /v3/contacts/1001 HTTP/1.1\r\n" + HEAD + b"X-Padding: " + b"p" * 40_000 + b"\r\n\r\n"
    for _ in range(5):
        protocol_refusal(exchange(url, request + b"j" * 1_000_000), 413, "request_too_large")


@pytest.mark.parametrize(
    "parts",
    [
        [b"PATCH /v3/contacts/1001 HTTP/1.1\r\nHost: mo"],
        [b"PATCH /v3/contacts/1001 HTTP/1.1\r\n" + HEAD + b"Content-Length: 40\r\n\r\n" + b'{"name": "Half"'],
        [b"PATCH /v3/contacts/1001 HTTP/1.1\r\n" + HEAD + b'Transfer-Encoding: chunked\r\n\r\n10\r\n{"name": "Chunk"'],
    ],
    ids=["head-cut-short", "body-cut-short", "chunk-cut-short"],
)
def test_incomplete_requests_are_answered_and_closed_after_the_deadline(quick_url: str, parts: list[bytes]) -> None:
    before = snapshot(quick_url)
    message = protocol_refusal(exchange(quick_url, *parts), 400, "request_timeout")
    assert f"within {QUICK_TIMEOUT:g} s" in message
    assert snapshot(quick_url) == before  # half a body is never stored


def test_a_connection_that_sends_nothing_is_closed(quick_url: str) -> None:
    assert exchange(quick_url) is None


def test_a_trickled_request_is_bounded_by_its_deadline(quick_url: str) -> None:
    """Bytes that keep arriving do not extend the deadline: it runs from the request's start."""
    host, port = quick_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(b"PATCH /v3/contacts/1001 HTTP/1.1\r\n")
        received = b""
        for _ in range(200):  # at most 200 header lines, QUICK_TIMEOUT / 10 apart
            try:
                sock.sendall(b"X-Slow: 1\r\n")
            except OSError:  # the server closed the connection
                break
            time.sleep(QUICK_TIMEOUT / 10)
        while chunk := sock.recv(65536):
            received += chunk
    assert b'"request_timeout"' in received


def test_the_scheme_alone_with_trailing_space_gets_401(url: str) -> None:
    answer = exchange(
        url,
        b"PATCH /v3/contacts/1001 HTTP/1.1\r\nHost: mock\r\nAuthorization: Bearer \r\nConnection: close\r\n"
        b"Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
    )
    assert answer is not None
    assert answer.status == 401
    assert answer.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("token", ["with space", "ünïcode", "", "a=b"])
def test_a_token_no_request_could_carry_is_refused_at_start(token: str) -> None:
    with pytest.raises(ValueError, match="b64token") as raised:
        create_app(token=token)
    assert not token or token not in str(raised.value)  # a token never shows in a message


# The store's own guard, for any operation that writes through it (not only PATCH over HTTP).


def deep_list(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(
    "changes",
    [
        {"name": "Kept?", "customFields": {"x": float("inf")}},
        {"name": "Kept?", "crmData": {"y": float("nan")}},
        {"name": "\ud800"},
        {"name": "Kept?", "customFields": {"\udc00": 1}},
        {"name": "Kept?", "customFields": {"deep": deep_list(5000)}},
        {"name": "Kept?", "customFields": {"set": {1, 2}}},
    ],
    ids=["inf", "nan", "surrogate-value", "surrogate-key", "5000-deep", "not-json"],
)
def test_the_store_never_commits_a_record_it_could_not_send_back(changes: dict[str, Any]) -> None:
    store = ContactStore(load_seed())
    before = store.get("1001")
    with pytest.raises(Unstorable):
        store.patch("1001", changes)
    assert store.get("1001") == before  # nothing applied, not even the name
    encoded, _ = store.patch("1001", {}) or (b"", {})
    assert json.loads(encoded) == before


def test_the_store_keeps_no_reference_to_the_callers_objects() -> None:
    store = ContactStore(load_seed())
    fields = {"plan": "gold"}
    store.patch("1001", {"customFields": fields})
    fields["plan"] = "changed by the caller afterwards"
    assert (store.get("1001") or {})["customFields"] == {"plan": "gold"}


@pytest.mark.parametrize("upgrade", [b"h2c", b"websocket"])
def test_an_upgrade_request_is_answered_and_the_connection_closed(url: str, upgrade: bytes) -> None:
    """Nothing is read after an upgrade request, so the connection must not wait for more."""
    answer = exchange(
        url,
        b"PATCH /v3/contacts/1001 HTTP/1.1\r\n" + HEAD + b"Connection: Upgrade\r\nUpgrade: " + upgrade + b"\r\n"
        b'Content-Length: 14\r\n\r\n{"notes":"up"}',
        timeout=10,  # well below uvicorn's 30 s keep-alive: a connection left open fails here
    )
    assert answer is not None
    assert answer.status < 500
    assert CONTRACT.response_problems(answer.status, json.loads(answer.body)) == []
