"""The cross-operation contract checks have teeth: the real mock passes them, a rerun reuses the
tagged contacts instead of creating more, and each deliberately broken server (a real mock with
one fault, served in-process) is caught by the property that names the fault."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pytest
import schemathesis

from contract_tests.contract import SPEC_PATH, Contract
from contract_tests.manners import Manners
from contract_tests.mock import ContactStore, create_app, load_seed
from contract_tests.mock.types import ASGIApp, Message, Receive, Scope, Send
from contract_tests.modes import SCRATCH
from contract_tests.report import Report
from contract_tests.resource import (
    CREATED_IS_LISTED,
    FILTERS_MATCH,
    PAGES_PARTITION,
    PAGING_BOUNDS,
    RESOURCE_PROPERTIES,
    STATEFUL,
    TAG,
    TAGGED,
    TOTAL_COUNT,
    UPDATE_IS_LISTED,
    run_resource,
    run_stateful,
)
from contract_tests.session import Session
from contract_tests.target import Target

TOKEN = "resource-test-token"


def session_for(app: ASGIApp) -> tuple[Session, Any]:
    schema = schemathesis.openapi.from_path(str(SPEC_PATH))
    schema.app = app
    target = Target("faulty", TOKEN, 1001, app=app, mode=SCRATCH)
    report = Report(target=target.name, mode=SCRATCH)
    session = Session(target, schema["/v3/contacts/{id}"]["PATCH"], Contract(), report, Manners(sleep=lambda _: None))
    return session, schema


def resource_report(app: ASGIApp) -> Report:
    session, schema = session_for(app)
    run_resource(session, schema)
    return session.report


class Rewrite:
    """A real mock behind one fault: the query a request carries, or the JSON an answer carries, rewritten."""

    def __init__(
        self,
        app: ASGIApp,
        query: Callable[[str, dict[str, str]], dict[str, str]] | None = None,
        answer: Callable[[str, str, Any], Any] | None = None,
    ) -> None:
        self.app, self.query, self.answer = app, query, answer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.query is not None:
            pairs = dict(parse_qsl(scope.get("query_string", b"").decode(), keep_blank_values=True))
            scope = {**scope, "query_string": urlencode(self.query(scope["path"], pairs)).encode()}
        if self.answer is None:
            await self.app(scope, receive, send)
            return
        started: list[Message] = []

        async def rewrite(message: Message) -> None:
            if message["type"] == "http.response.start":
                started.append(message)
                return
            assert self.answer is not None
            body = json.dumps(self.answer(scope["method"], scope["path"], json.loads(message["body"]))).encode()
            start = started[0]
            headers = [(k, v) for k, v in start["headers"] if k != b"content-length"]
            await send({**start, "headers": [*headers, (b"content-length", str(len(body)).encode())]})
            await send({**message, "body": body})

        await self.app(scope, receive, rewrite)


def mock(store: ContactStore | None = None) -> ASGIApp:
    return create_app(token=TOKEN, store=store, check_responses=False)[0]


class ForgetfulStore(ContactStore):
    """Answers a create, but never lists what it created."""

    def listing(self) -> list[tuple[dict[str, Any], bytes]]:
        return [entry for entry in super().listing() if int(entry[0]["id"]) <= 1003]


class StaleListingStore(ContactStore):
    """Lists each contact as it was created: updates never show in the listing."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.first: dict[str, tuple[dict[str, Any], bytes]] = {}

    def listing(self) -> list[tuple[dict[str, Any], bytes]]:
        for entry in super().listing():
            self.first.setdefault(entry[0]["id"], entry)
        return [self.first[entry[0]["id"]] for entry in super().listing()]


def _total_plus_one(method: str, path: str, value: Any) -> Any:
    if method == "GET" and isinstance(value, dict) and "totalCount" in value:
        return {**value, "totalCount": value["totalCount"] + 1}
    return value


def _without_created_at(method: str, path: str, value: Any) -> Any:
    if method == "POST" and isinstance(value, dict):
        return {k: v for k, v in value.items() if k != "createdAt"}
    return value


FAULTS: dict[str, Callable[[], ASGIApp]] = {
    CREATED_IS_LISTED: lambda: mock(ForgetfulStore(load_seed())),
    UPDATE_IS_LISTED: lambda: mock(StaleListingStore(load_seed())),
    # offset ignored: every page is the first
    PAGES_PARTITION: lambda: Rewrite(mock(), query=lambda _, q: {k: v for k, v in q.items() if k != "offset"}),
    TOTAL_COUNT: lambda: Rewrite(mock(), answer=_total_plus_one),
    # the phone filter ignored: contacts with other phones come back
    FILTERS_MATCH: lambda: Rewrite(mock(), query=lambda _, q: {k: v for k, v in q.items() if k != "phone"}),
    # an out-of-range limit clamped instead of refused
    PAGING_BOUNDS: lambda: Rewrite(
        mock(), query=lambda _, q: {**q, "limit": "1"} if q.get("limit") in ("0", "501") else q
    ),
}


def test_the_mock_passes_and_a_rerun_reuses_the_tagged_contacts() -> None:
    app, server = create_app(token=TOKEN)
    first = resource_report(app)
    assert first.findings == {}, first.render()
    after_first = server.store.ids()
    assert len(after_first) == 3 + TAGGED
    second = resource_report(app)
    assert second.findings == {}, second.render()
    assert server.store.ids() == after_first  # nothing more created
    tagged = [c for c in (server.store.get(i) for i in after_first) if c is not None and c.get("origin") == TAG]
    assert sorted(c["externalId"] for c in tagged) == [f"{TAG}-{i}" for i in range(1, TAGGED + 1)]


@pytest.mark.parametrize("prop", list(FAULTS))
def test_each_fault_is_caught_by_its_property(prop: str) -> None:
    report = resource_report(FAULTS[prop]())
    assert prop in report.findings, report.render()


def test_every_property_has_a_fault() -> None:
    assert set(RESOURCE_PROPERTIES) == {*FAULTS, STATEFUL}


def test_the_stateful_phase_follows_links_and_reports_what_breaks() -> None:
    session, schema = session_for(Rewrite(mock(), answer=_without_created_at))
    run_stateful(session, schema, steps=10)
    assert STATEFUL in session.report.findings, session.report.render()
    assert session.report.sent["stateful"] > 0
    clean, clean_schema = session_for(mock())
    run_stateful(clean, clean_schema, steps=10)
    assert clean.report.findings == {}, clean.report.render()


def _stateful_store(seed_value: int) -> list[dict[str, Any]]:
    """What a stateful run left in a fresh mock: the contacts it created and changed."""
    app, server = create_app(token=TOKEN)
    session, schema = session_for(app)
    run_stateful(session, schema, steps=5, seed_value=seed_value)
    assert session.report.findings == {}, session.report.render()
    volatile = {"createdAt", "lastUpdateAt", "updatedAt"}
    contacts = (server.store.get(i) for i in server.store.ids())
    return [{k: v for k, v in c.items() if k not in volatile} for c in contacts if c is not None]


def test_the_stateful_phase_follows_the_contract_seed() -> None:
    """CONTRACT_SEED reproduces a run; another seed explores other calls."""
    first = _stateful_store(0)
    assert first == _stateful_store(0)
    assert first != _stateful_store(1)
