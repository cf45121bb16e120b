"""The exact wire request of the generated client: PATCH semantics, headers, safe paths."""

from __future__ import annotations

import json
from typing import Any, cast

import httpx
import pytest
from pydantic import ValidationError

from kinbox_client import APIStatusError, NotFoundError, RequestValidationError, __version__
from kinbox_client.models import Contact, ContactUpdate
from tests.support import TOKEN, Caller, Recorder, contact_json


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return cast(str, request.param)


def sent_json(request: httpx.Request) -> Any:
    return json.loads(request.content)


def test_exact_request_for_a_rename(mode: str) -> None:
    recorder = Recorder()
    contact = Caller(mode, recorder).update(1001, ContactUpdate(name="Ana"))
    request = recorder.last
    assert request.method == "PATCH"
    assert str(request.url) == "https://api4.kinbox.com.br/v3/contacts/1001"
    assert request.content == b'{"name":"Ana"}'
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert request.headers["content-type"] == "application/json"
    assert request.headers["accept"] == "application/json"
    assert request.headers["user-agent"].startswith(f"kinbox-client/{__version__} python/3.")
    assert isinstance(contact, Contact)
    assert contact.id == "1001"
    assert contact.name == "Ana"


def test_headers_match_what_httpx_itself_would_send(mode: str) -> None:
    """Our own client builds requests without httpx's merge; the wire must not notice."""
    recorder = Recorder()
    Caller(mode, recorder).update(1001, ContactUpdate(name="Ana"))
    ours = recorder.last.headers
    plain = httpx.Client().build_request("PATCH", "https://api4.kinbox.com.br/v3/contacts/1001", content=b"{}")
    for name in ("accept-encoding", "connection"):
        assert ours.get_list(name) == plain.headers.get_list(name)
    assert ours.get_list("accept") == ["application/json"]
    assert ours.get_list("user-agent")[0].startswith("kinbox-client/")


def test_only_set_fields_go_on_the_wire_by_their_json_names(mode: str) -> None:
    recorder = Recorder()
    body = ContactUpdate(
        field_id="abc", custom_fields={"plan": "gold"}, is_private=True, customer_custom_field={}, crm_data={"a": [1]}
    )
    Caller(mode, recorder).update(7, body)
    assert sent_json(recorder.last) == {
        "_id": "abc",
        "customFields": {"plan": "gold"},
        "isPrivate": True,
        "CustomerCustomField": {},
        "crmData": {"a": [1]},
    }


def test_wire_names_are_accepted_when_building_models() -> None:
    by_alias = ContactUpdate.model_validate({"_id": "x", "isPrivate": False})
    assert by_alias.field_id == "x"
    assert by_alias.is_private is False


def test_explicit_null_is_sent_where_the_schema_allows_it(mode: str) -> None:
    recorder = Recorder()
    Caller(mode, recorder).update(1001, ContactUpdate(email=None, phone=None, notes="kept"))
    assert sent_json(recorder.last) == {"email": None, "phone": None, "notes": "kept"}


def test_empty_update_sends_an_empty_object(mode: str) -> None:
    recorder = Recorder()
    Caller(mode, recorder).update(1001, ContactUpdate())
    assert recorder.last.content == b"{}"


@pytest.mark.parametrize("field", ["name", "origin", "is_private", "custom_fields", "field_id"])
def test_null_is_refused_where_the_schema_does_not_allow_it(field: str) -> None:
    with pytest.raises(ValidationError):
        ContactUpdate(**cast(dict[str, Any], {field: None}))  # mypy refuses it too: the cast lets it run


def test_a_model_changed_after_construction_is_refused_before_sending(mode: str) -> None:
    recorder = Recorder()
    caller = Caller(mode, recorder)
    for field, value in (("name", None), ("name", "x" * 129), ("email", "e" * 101)):
        body = ContactUpdate()
        setattr(body, field, value)  # bypasses validation, as a later mutation would
        with pytest.raises(RequestValidationError, match=f"{field}.*nothing was sent"):
            caller.update(1001, body)
    assert recorder.requests == []


def test_limits_are_enforced_when_building_the_model() -> None:
    ContactUpdate(name="x" * 128, email="e" * 100)
    with pytest.raises(ValidationError, match="at most 128"):
        ContactUpdate(name="x" * 129)
    with pytest.raises(ValidationError, match="at most 100"):
        ContactUpdate(email="e" * 101)
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        ContactUpdate.model_validate({"nmae": "typo"})


def test_base_url_with_a_path_prefix(mode: str) -> None:
    recorder = Recorder()
    Caller(mode, recorder, base_url="http://127.0.0.1:9/proxy/kinbox/").update(5, ContactUpdate())
    assert str(recorder.last.url) == "http://127.0.0.1:9/proxy/kinbox/v3/contacts/5"


def test_response_keeps_fields_the_server_added(mode: str) -> None:
    recorder = Recorder([httpx.Response(200, json=contact_json(name="Ana", loyaltyTier="gold"))])
    contact = Caller(mode, recorder).update(1001, ContactUpdate())
    assert contact.model_extra == {"loyaltyTier": "gold"}
    assert contact.model_dump(mode="json", by_alias=True)["loyaltyTier"] == "gold"


def test_non_2xx_raises_with_status_and_parsed_body(mode: str) -> None:
    recorder = Recorder([httpx.Response(404, json={"code": "not_found", "message": "Contact 9 was not found."})])
    with pytest.raises(NotFoundError) as caught:
        Caller(mode, recorder).update(9, ContactUpdate())
    error = caught.value
    assert isinstance(error, APIStatusError)
    assert error.status_code == 404
    assert error.body.code == "not_found"
    assert str(error) == "404 Not Found from PATCH /v3/contacts/9: Contact 9 was not found."
