"""The mock's create, list and list-all over real HTTP: new ids and server-managed fields, every
filter exactly as the spec decides it, pages, totalCount, the order, query validation, and a
store that stays consistent while creates, updates and lists run at once."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from contract_tests.contract import Contract
from contract_tests.mock import ContactStore, create_app, load_seed
from contract_tests.mock.serve import mock_in_thread, serve_in_thread
from contract_tests.mock.store import parse_stamp

TOKEN = "mock-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SERVER_MANAGED = {"id", "workspaceId", "createdAt", "lastUpdateAt", "updatedAt"}


@pytest.fixture
def url() -> Iterator[str]:
    with mock_in_thread(token=TOKEN) as base_url:
        yield base_url


def create(url: str, body: object) -> httpx.Response:
    return httpx.post(f"{url}/v3/contacts", json=body, headers=AUTH)


def listing(url: str, path: str = "/v3/contacts", **query: str) -> httpx.Response:
    return httpx.get(f"{url}{path}", params=query, headers=AUTH)


def every(url: str, **query: str) -> list[dict[str, Any]]:
    response = listing(url, "/v3/contacts/all", **query)
    assert response.status_code == 200, response.text
    data: list[dict[str, Any]] = response.json()["data"]
    return data


def test_create_answers_201_with_new_ids_and_server_managed_fields(url: str) -> None:
    first = create(url, {"name": "Ana", "externalId": "crm-42", "email": None, "customFields": {"plan": "gold"}})
    second = create(url, {"name": "Bia"})
    assert (first.status_code, second.status_code) == (201, 201), first.text + second.text
    one, two = first.json(), second.json()
    assert int(one["id"]) > 1003
    assert int(two["id"]) == int(one["id"]) + 1
    assert one["workspaceId"] == two["workspaceId"] == load_seed()[0]["workspaceId"]
    assert one["createdAt"] == one["lastUpdateAt"] == one["updatedAt"]
    assert parse_stamp(two["createdAt"]) > parse_stamp(one["createdAt"])
    assert "email" not in one  # sent as null: not set
    assert {k: v for k, v in one.items() if k not in SERVER_MANAGED} == {
        "name": "Ana",
        "externalId": "crm-42",
        "customFields": {"plan": "gold"},
    }
    updated = httpx.patch(f"{url}/v3/contacts/{one['id']}", json={"notes": "n"}, headers=AUTH)
    assert updated.status_code == 200
    assert updated.json()["createdAt"] == one["createdAt"]


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({}, 422, ""),  # name is required
        ({"name": "x" * 129}, 422, "/name"),
        ({"name": "Ana", "id": "1"}, 422, ""),  # server-managed fields cannot be sent
        ({"name": "Ana", "nmae": "typo"}, 422, ""),
        ([{"name": "Ana"}], 400, None),
    ],
)
def test_create_refuses_what_the_contract_refuses(url: str, body: object, status: int, field: str | None) -> None:
    before = every(url)
    response = create(url, body)
    assert response.status_code == status, response.text
    if field is not None:
        assert field in [error["field"] for error in response.json()["errors"]]
    assert every(url) == before  # nothing was created


def test_list_pages_partition_the_matching_set_in_a_stable_order(url: str) -> None:
    for index in range(7):
        assert create(url, {"name": f"Page {index}", "origin": "pages"}).status_code == 201
    everything = every(url)
    expected = sorted(everything, key=lambda c: (parse_stamp(c["createdAt"]), int(c["id"])))
    assert everything == expected
    seen: list[dict[str, Any]] = []
    for offset in range(0, 12, 3):
        page = listing(url, limit="3", offset=str(offset)).json()
        assert page["totalCount"] == len(everything) == 10
        assert len(page["data"]) == min(3, max(0, 10 - offset))
        seen.extend(page["data"])
    assert seen == everything  # no duplicate, no gap
    default = listing(url).json()
    assert default["data"] == everything[:20]
    assert default["totalCount"] == 10
    assert listing(url, offset="9223372036854775807").json() == {"totalCount": 10, "data": []}


def test_ignore_count_leaves_total_count_out(url: str) -> None:
    page = listing(url, ignoreCount="true", limit="1").json()
    assert "totalCount" not in page
    assert len(page["data"]) == 1
    assert listing(url, ignoreCount="false", limit="1").json()["totalCount"] == 3


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ({"name": "SOUZA"}, ["Ana Souza"]),  # contains, ignoring case
        ({"name": "a"}, ["Ana Souza", "Bruno Lima", "Carla Dias", "Édna Ramos"]),
        ({"name": "ÉDNA"}, ["Édna Ramos"]),
        ({"externalId": "crm-7"}, ["Édna Ramos"]),
        ({"externalId": "CRM-7"}, []),  # exact
        ({"origin": "instagram"}, ["Bruno Lima"]),
        ({"origin": "insta"}, []),
        ({"phone": "+5511987654321"}, ["Ana Souza"]),
        ({"email": "ANA.SOUZA@example.com"}, ["Ana Souza"]),  # exact, ignoring case
        ({"email": "souza@example.com"}, []),
        ({"newContact": "true"}, ["Édna Ramos"]),
        ({"newContact": "false"}, ["Ana Souza", "Bruno Lima", "Carla Dias"]),  # missing counts as false
        ({"createdAtFrom": "2025-01-10T08:30:00Z"}, ["Bruno Lima", "Carla Dias", "Édna Ramos"]),  # inclusive
        ({"createdAtTo": "2025-01-10T05:30:00-03:00"}, ["Ana Souza", "Bruno Lima"]),  # inclusive, any offset
        (
            {"createdAtFrom": "2025-01-01t00:00:00z", "createdAtTo": "2025-12-31T23:59:60Z"},
            ["Bruno Lima", "Carla Dias"],
        ),
        ({"name": "a", "origin": "whatsapp"}, ["Ana Souza"]),  # every filter at once
    ],
)
def test_every_filter_matches_as_the_spec_says(url: str, query: dict[str, str], names: list[str]) -> None:
    created = create(url, {"name": "Édna Ramos", "externalId": "crm-7", "newContact": True})
    assert created.status_code == 201
    page = listing(url, **query).json()
    assert [c["name"] for c in page["data"]] == names
    assert page["totalCount"] == len(names)


def test_list_all_filters_and_counts(url: str) -> None:
    created = create(url, {"name": "Recent", "newContact": True}).json()
    assert [c["id"] for c in every(url, last48h="true")] == [created["id"]]
    assert len(every(url, last48h="false")) == 4  # false does not filter
    assert [c["id"] for c in every(url, newContact="true")] == [created["id"]]
    answer = listing(url, "/v3/contacts/all", createdAtTo="2025-01-10T08:30:00Z").json()
    assert answer["totalCount"] == len(answer["data"]) == 2


@pytest.mark.parametrize(
    ("path", "query", "field"),
    [
        ("/v3/contacts", "limit=0", "query.limit"),
        ("/v3/contacts", "limit=501", "query.limit"),
        ("/v3/contacts", "limit=2.5", "query.limit"),
        ("/v3/contacts", "limit=", "query.limit"),
        ("/v3/contacts", "offset=-1", "query.offset"),
        ("/v3/contacts", "offset=9223372036854775808", "query.offset"),
        ("/v3/contacts", "offset=" + "9" * 5000, "query.offset"),
        ("/v3/contacts", "offset=007", "query.offset"),
        ("/v3/contacts", "ignoreCount=yes", "query.ignoreCount"),
        ("/v3/contacts", "newContact=True", "query.newContact"),
        ("/v3/contacts", "email=not-an-email", "query.email"),
        ("/v3/contacts", "createdAtFrom=2025-01-01", "query.createdAtFrom"),
        ("/v3/contacts", "name=a&name=b", "query.name"),
        ("/v3/contacts/all", "last48h=1", "query.last48h"),
        ("/v3/contacts/all", "createdAtTo=tomorrow", "query.createdAtTo"),
    ],
)
def test_query_validation_names_the_parameter(url: str, path: str, query: str, field: str) -> None:
    response = httpx.get(f"{url}{path}?{query}", headers=AUTH)
    assert response.status_code == 422, response.text
    assert [error["field"] for error in response.json()["errors"]] == [field]


def test_unknown_query_parameters_are_ignored(url: str) -> None:
    assert listing(url, sort="name", limit="1").json()["totalCount"] == 3


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("DELETE", "/v3/contacts", "GET, POST"),
        ("POST", "/v3/contacts/all", "GET"),
        ("GET", "/v3/contacts/1001", "PATCH"),
    ],
)
def test_other_methods_get_405_with_the_paths_allow(url: str, method: str, path: str, allow: str) -> None:
    response = httpx.request(method, f"{url}{path}", headers=AUTH)
    assert (response.status_code, response.headers["allow"]) == (405, allow)


@pytest.mark.parametrize("path", ["/v3/contacts", "/v3/contacts/all"])
def test_listing_needs_the_token(url: str, path: str) -> None:
    response = httpx.get(f"{url}{path}")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_every_answer_validates_against_its_operation() -> None:
    """The mock self-checks its answers; here the answers are checked again from outside."""
    contract = Contract()
    app, mock = create_app(token=TOKEN)
    checks = {
        "create": contract.operation("/v3/contacts", "post"),
        "list": contract.operation("/v3/contacts", "get"),
        "all": contract.operation("/v3/contacts/all", "get"),
    }
    with serve_in_thread(app) as base:
        answers = {
            "create": create(base, {"name": "Ana", "crmData": {"deal": 1}}),
            "list": listing(base, limit="500", ignoreCount="true"),
            "all": listing(base, "/v3/contacts/all"),
        }
    for name, response in answers.items():
        assert checks[name].response_problems(contract, response.status_code, response.json()) == [], name
    assert len(mock.store.ids()) == 4


def test_store_stays_consistent_under_concurrent_creates_updates_and_lists() -> None:
    """Threads create, update and list at once: ids are unique, every list is a consistent
    snapshot in order, and every contact created is there at the end."""
    store = ContactStore(load_seed(), clock=lambda: dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    created: list[str] = []
    problems: list[str] = []
    lock = threading.Lock()

    def creator(number: int) -> None:
        for index in range(200):
            _, value = store.create({"name": f"{number}-{index}"})
            with lock:
                created.append(value["id"])

    def updater() -> None:
        for index in range(400):
            store.patch("1001", {"notes": str(index)})

    def lister() -> None:
        for _ in range(100):
            snapshot = store.listing()
            keys = [(parse_stamp(record["createdAt"]), int(record["id"])) for record, _ in snapshot]
            if keys != sorted(keys) or len(set(keys)) != len(keys):
                problems.append("a listing out of order or with a duplicate")

    threads = [threading.Thread(target=creator, args=(n,)) for n in range(4)]
    threads += [threading.Thread(target=updater), threading.Thread(target=lister)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert problems == []
    assert len(set(created)) == len(created) == 800
    assert [record["id"] for record, _ in store.listing()][3:] == sorted(created, key=int)


def test_concurrent_creates_over_http_get_distinct_ids(url: str) -> None:
    async def burst() -> list[httpx.Response]:
        async with httpx.AsyncClient(base_url=url, headers=AUTH) as client:
            return await asyncio.gather(*(client.post("/v3/contacts", json={"name": f"c{i}"}) for i in range(60)))

    responses = asyncio.run(burst())
    assert {r.status_code for r in responses} == {201}
    ids = {r.json()["id"] for r in responses}
    assert len(ids) == 60
    assert {c["id"] for c in every(url)} >= ids
