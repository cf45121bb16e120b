"""The mock Kinbox server over real HTTP: answers, state, concurrency, limits and faults."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from collections.abc import Iterator

import httpx
import pytest

from contract_tests.mock import ContactStore, Faults, create_app, load_seed
from contract_tests.mock.serve import mock_in_thread, serve_in_process, serve_in_thread

TOKEN = "mock-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def url() -> Iterator[str]:
    with mock_in_thread(token=TOKEN) as base_url:
        yield base_url


def patch(
    url: str,
    contact_id: object,
    body: object = None,
    *,
    headers: dict[str, str] | None = None,
    content: bytes | None = None,
) -> httpx.Response:
    return httpx.patch(
        f"{url}/v3/contacts/{contact_id}",
        json=body if content is None else None,
        content=content,
        headers=AUTH if headers is None else headers,
    )


def test_patch_changes_only_the_fields_sent(url: str) -> None:
    before = patch(url, 1001, {}).json()
    after = patch(url, 1001, {"name": "Ana Maria", "email": None}).json()
    assert after["name"] == "Ana Maria"
    assert after["email"] is None
    assert {k: v for k, v in after.items() if k not in ("name", "email", "lastUpdateAt", "updatedAt")} == {
        k: v for k, v in before.items() if k not in ("name", "email", "lastUpdateAt", "updatedAt")
    }
    assert after["lastUpdateAt"] > before["lastUpdateAt"]
    assert after["updatedAt"] == after["lastUpdateAt"]
    assert patch(url, 1001, {}).json() == after  # an empty PATCH changes nothing


@pytest.mark.parametrize(
    ("headers", "body", "contact_id", "status", "code"),
    [
        ({}, {}, 1001, 401, "unauthorized"),
        ({"Authorization": "Bearer wrong"}, {}, 1001, 401, "unauthorized"),
        ({"Authorization": TOKEN}, {}, 1001, 401, "unauthorized"),
        (AUTH, {}, 424242, 404, "not_found"),
        (AUTH, {}, "abc", 422, "validation_failed"),
        (AUTH, {}, 0, 422, "validation_failed"),
        (AUTH, {}, "007", 422, "validation_failed"),
        (AUTH, {}, "9223372036854775808", 422, "validation_failed"),
        (AUTH, {"name": "x" * 129}, 1001, 422, "validation_failed"),
        (AUTH, {"name": None}, 1001, 422, "validation_failed"),
        (AUTH, {"nmae": "typo"}, 1001, 422, "validation_failed"),
        (AUTH, {"isPrivate": "yes"}, 1001, 422, "validation_failed"),
        (AUTH, [1, 2], 1001, 400, "malformed_json"),
    ],
)
def test_documented_errors(
    url: str, headers: dict[str, str], body: object, contact_id: object, status: int, code: str
) -> None:
    response = patch(url, contact_id, body, headers=headers)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.json()["code"] == code
    if status == 401:
        assert response.headers["www-authenticate"] == "Bearer"


def test_validation_errors_say_which_field_and_why(url: str) -> None:
    errors = patch(url, 1001, {"name": "x" * 129, "isPrivate": "yes", "bogus": 1}).json()["errors"]
    by_field = {error["field"]: error["message"] for error in errors}
    assert "too long" in by_field["/name"]
    assert "not of type 'boolean'" in by_field["/isPrivate"]
    assert "'bogus' was unexpected" in by_field[""]
    assert patch(url, "abc", {}).json()["errors"][0]["field"] == "path.id"


@pytest.mark.parametrize("content", [b"{", b"NaN", b'{"a": NaN}', b"\xff\xfe", b""])
def test_malformed_bodies_get_400(url: str, content: bytes) -> None:
    response = patch(url, 1001, content=content, headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json()["code"] == "malformed_json"


def test_wrong_content_type_gets_400(url: str) -> None:
    response = patch(
        url, 1001, content=b"name=Ana", headers={**AUTH, "Content-Type": "application/x-www-form-urlencoded"}
    )
    assert response.status_code == 400


def test_other_methods_get_405_with_allow(url: str) -> None:
    response = httpx.delete(f"{url}/v3/contacts/1001", headers=AUTH)
    assert response.status_code == 405
    assert response.headers["allow"] == "PATCH"
    assert httpx.get(f"{url}/v3/elsewhere", headers=AUTH).status_code == 404


def test_encoded_slashes_never_reach_another_path(url: str) -> None:
    assert patch(url, "1001%2F..%2F1002", {}).status_code == 422


def test_request_size_limit(url: str) -> None:
    big = {"notes": "x" * (70 * 1024)}
    assert patch(url, 1001, big).status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds while reading
        yield b'{"notes": "'
        for _ in range(80):
            yield b"x" * 1024
        yield b'"}'

    streamed = httpx.patch(
        f"{url}/v3/contacts/1001", content=chunks(), headers={**AUTH, "Content-Type": "application/json"}
    )
    assert streamed.status_code == 413


def test_every_answer_carries_a_request_id(url: str) -> None:
    first, second = patch(url, 1001, {}), patch(url, 1001, {})
    assert first.headers["x-request-id"] != second.headers["x-request-id"]


def test_no_lost_update_from_threads() -> None:
    """A read-modify-write per update: with 8 threads, every update gets its own timestamp."""
    # A clock stuck in the past: each update must still move lastUpdateAt on by one tick.
    store = ContactStore(load_seed(), clock=lambda: dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    per_thread = 300

    def writer(number: int) -> None:
        for index in range(per_thread):
            store.patch("1002", {"notes": f"{number}-{index}"})

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    final = store.get("1002")
    assert final is not None
    stamp = dt.datetime.fromisoformat(final["lastUpdateAt"].replace("Z", "+00:00"))
    start = dt.datetime.fromisoformat(load_seed()[1]["lastUpdateAt"].replace("Z", "+00:00"))
    assert stamp - start == dt.timedelta(milliseconds=8 * per_thread)  # each update advanced once


def test_no_lost_update_over_http(url: str) -> None:
    async def hammer() -> list[dict[str, object]]:
        async with httpx.AsyncClient(base_url=url, headers=AUTH) as client:
            responses = await asyncio.gather(
                *(client.patch("/v3/contacts/1003", json={"notes": f"n{i}"}) for i in range(100))
            )
        return [r.json() for r in responses]

    answers = asyncio.run(hammer())
    stamps = [answer["lastUpdateAt"] for answer in answers]
    assert len(set(stamps)) == 100
    last = max(answers, key=lambda answer: str(answer["lastUpdateAt"]))
    assert patch(url, 1003, {}).json()["notes"] == last["notes"]


@pytest.mark.parametrize(
    ("faults", "status"),
    [(Faults(rate_429=1.0, retry_after="7"), 429), (Faults(rate_503=1.0), 503)],
)
def test_injected_error_answers(faults: Faults, status: int) -> None:
    app, mock = create_app(token=TOKEN, faults=faults)
    with serve_in_thread(app) as url:
        response = patch(url, 1001, {"name": "never applied"})
    assert response.status_code == status
    assert response.json()["code"] in ("rate_limited", "unavailable")
    if status == 429:
        assert response.headers["retry-after"] == "7"
    assert mock.store.get("1001") == load_seed()[0]  # a faulted request changes nothing


def test_injected_dropped_connections_and_latency() -> None:
    # Every drop is a clean close mid-body, never a reset: the mock reads the request before
    # it hangs up, so the client sees the same fault on every run (a reset was 1 in 40).
    with mock_in_thread(token=TOKEN, faults=Faults(rate_drop=1.0)) as url:
        for size in range(0, 2000, 40):
            with pytest.raises(httpx.RemoteProtocolError):
                patch(url, 1001, {"notes": "x" * size})
    with mock_in_thread(token=TOKEN, faults=Faults(latency=0.2)) as url:
        response = patch(url, 1001, {})
    assert response.status_code == 200
    assert response.elapsed >= dt.timedelta(seconds=0.2)


def test_faults_are_off_by_default() -> None:
    app, mock = create_app(token=TOKEN)
    assert app is mock


@pytest.mark.slow
def test_command_line_prints_url_and_token() -> None:
    with serve_in_process(["--token", "cli-token"]) as url:
        assert url.startswith("http://127.0.0.1:")
        response = httpx.patch(f"{url}/v3/contacts/1001", json={}, headers={"Authorization": "Bearer cli-token"})
    assert response.status_code == 200
