"""The generated client against the mock over HTTP, sync and async: create, find by
`externalId`, page by `limit`/`offset` (one page, and every item across pages), list all, and
update, each answer parsed into the models."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from contract_tests.mock.serve import mock_in_thread
from kinbox_client import AsyncKinboxClient, AsyncPage, KinboxClient, SyncPage, UnprocessableEntityError
from kinbox_client.models import Contact, ContactCreate, ContactList, ContactPage, ContactUpdate

TOKEN = "client-contacts-token"


@pytest.fixture
def url() -> Iterator[str]:
    with mock_in_thread(token=TOKEN) as base_url:
        yield base_url


def test_sync_create_list_page_and_update(url: str) -> None:
    with KinboxClient(token=TOKEN, base_url=url) as client:
        created = client.create_contact(ContactCreate(name="Ana", external_id="crm-42"))
        assert isinstance(created, Contact)
        assert (created.name, created.external_id, created.workspace_id) == ("Ana", "crm-42", 42)
        found = client.list_contacts(limit=2, offset=0, external_id="crm-42")
        assert isinstance(found, SyncPage)
        assert isinstance(found.body, ContactPage)
        assert found.total_count == 1
        assert [c.id for c in found.data] == [created.id]
        pages = [client.list_contacts(limit=2, offset=offset) for offset in (0, 2, 4)]
        assert [len(p.data) for p in pages] == [2, 2, 0]
        assert [c.id for p in pages for c in p.data] == ["1001", "1002", "1003", created.id]
        # Iterating a page iterates every matching contact, the later pages fetched as needed.
        assert [c.id for c in client.list_contacts(limit=2)] == ["1001", "1002", "1003", created.id]
        assert pages[0].has_next_page()
        assert [c.id for c in pages[0].get_next_page().data] == ["1003", created.id]
        updated = client.update_contact(int(created.id), ContactUpdate(notes="called"))
        assert client.list_contacts(external_id="crm-42").data[0].notes == updated.notes == "called"
        everything = client.list_all_contacts(new_contact=False)
        assert isinstance(everything.body, ContactList)
        assert everything.total_count == len(everything.data) == 4
        assert len(list(client.list_all_contacts(new_contact=False))) == 4


def test_async_create_and_list(url: str) -> None:
    async def scenario() -> tuple[Contact, AsyncPage[Contact], list[Contact]]:
        async with AsyncKinboxClient(token=TOKEN, base_url=url) as client:
            created = await client.create_contact(ContactCreate(name="Bia", origin="api"))
            page = await client.list_contacts(origin="api", ignore_count=True)
            every = [contact async for contact in client.list_contacts(limit=2)]
            return created, page, every

    created, page, every = asyncio.run(scenario())
    assert page.total_count is None  # ignoreCount=true: left out of the answer
    assert [c.id for c in page.data] == [created.id]
    assert [c.id for c in every] == ["1001", "1002", "1003", created.id]


def test_out_of_range_paging_is_refused(url: str) -> None:
    """By the mock (422) today; a client that checks bounds before sending refuses it as a misuse (a ValueError)."""
    with KinboxClient(token=TOKEN, base_url=url) as client, pytest.raises((UnprocessableEntityError, ValueError)):
        client.list_contacts(limit=501)
