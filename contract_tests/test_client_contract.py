"""The generated client speaks the contract, checked with schemathesis' own strategies.

- every request it sends (method, path, headers, JSON body with explicit nulls and unset
  fields) validates against the spec;
- every response body the spec allows parses into the models and round-trips;
- single-violation bodies (schemathesis' coverage cases) are refused before anything is sent;
- end to end against the mock over real HTTP.

The oracle is the spec's own JSON Schema (`contract_tests.contract`), not the models.
"""

from __future__ import annotations

import asyncio
import copy
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.modes import GenerationMode

from contract_tests.contract import SPEC_PATH, Contract
from contract_tests.mock.serve import mock_in_thread
from contract_tests.properties import same_json
from kinbox_client import (
    AsyncKinboxClient,
    AuthenticationError,
    KinboxClient,
    NotFoundError,
    ParameterValidationError,
    RequestValidationError,
)
from kinbox_client.models import Contact, ContactUpdate, Error

TOKEN = "client-contract-token"
CONTRACT = Contract()
SCHEMA = schemathesis.openapi.from_path(str(SPEC_PATH))
OPERATION = SCHEMA["/v3/contacts/{id}"]["PATCH"]
DATE_TIMES = {"createdAt", "lastUpdateAt", "updatedAt"}
CHECK = settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))


def response_bodies(status: str) -> st.SearchStrategy[Any]:
    """Bodies the spec allows for a response, drawn by schemathesis: the response schema is
    offered as the request body of a throw-away operation, so its public strategies apply."""
    document = copy.deepcopy(CONTRACT.document)
    response = document["paths"]["/v3/contacts/{id}"]["patch"]["responses"][status]
    if "$ref" in response:
        response = document["components"]["responses"][response["$ref"].rsplit("/", 1)[-1]]
    schema = response["content"]["application/json"]["schema"]
    document["paths"] = {
        "/responses": {
            "post": {
                "requestBody": {"required": True, "content": {"application/json": {"schema": schema}}},
                "responses": {"204": {"description": "none"}},
            }
        }
    }
    document.pop("security", None)
    operation = schemathesis.openapi.from_dict(document)["/responses"]["POST"]
    return operation.as_strategy(GenerationMode.POSITIVE).map(lambda case: case.body)


class Capture:
    """A MockTransport handler that records the request and answers a fixed contact."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        contact_id = request.url.path.rsplit("/", 1)[-1]
        return httpx.Response(
            200,
            json={
                "id": contact_id,
                "workspaceId": 1,
                "createdAt": "2024-01-01T00:00:00Z",
                "lastUpdateAt": "2024-01-01T00:00:00Z",
            },
        )


def send(mode: str, capture: Capture, contact_id: int, body: ContactUpdate) -> Contact:
    transport = httpx.MockTransport(capture)
    if mode == "sync":
        with KinboxClient(token=TOKEN, transport=transport) as client:
            return client.update_contact(contact_id, body)

    async def call() -> Contact:
        async with AsyncKinboxClient(token=TOKEN, transport=transport) as client:
            return await client.update_contact(contact_id, body)

    return asyncio.run(call())


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_every_request_the_client_sends_validates_against_the_spec(mode: str) -> None:
    @CHECK
    @given(OPERATION.as_strategy(GenerationMode.POSITIVE))
    def check(case: Any) -> None:
        contact_id = int(case.path_parameters["id"])
        capture = Capture()
        send(mode, capture, contact_id, ContactUpdate.model_validate(case.body))
        (request,) = capture.requests
        assert request.method == "PATCH"
        assert request.url.raw_path.decode() == f"/v3/contacts/{contact_id}"
        assert not CONTRACT.problems(CONTRACT.id_validator, contact_id)
        assert request.headers["authorization"] == f"Bearer {TOKEN}"
        assert request.headers["content-type"] == "application/json"
        sent = json.loads(request.content)
        assert not CONTRACT.problems(CONTRACT.body_validator, sent), sent
        assert same_json(sent, case.body), (sent, case.body)  # nulls kept, unset fields absent

    check()


def _instant(value: Any) -> Any:
    return (
        dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
        if isinstance(value, str)
        else value
    )


def assert_round_trip(model: BaseModel, body: dict[str, Any]) -> None:
    dumped = model.model_dump(mode="json", by_alias=True)
    assert set(dumped) == set(body), "a field was added or lost"
    for field, value in body.items():
        if field in DATE_TIMES:
            assert _instant(dumped[field]) == _instant(value)
        else:
            assert same_json(dumped[field], value), field
    again = type(model).model_validate_json(json.dumps(dumped))
    assert again.model_dump(mode="json", by_alias=True) == dumped


@CHECK
@given(response_bodies("200"))
def test_every_allowed_contact_parses_and_round_trips(body: dict[str, Any]) -> None:
    assert_round_trip(Contact.model_validate_json(json.dumps(body)), body)

    # And through the client, which parses the raw bytes it received.
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=json.dumps(body).encode(), headers={"content-type": "application/json"})

    with KinboxClient(token=TOKEN, transport=httpx.MockTransport(answer)) as client:
        assert_round_trip(client.update_contact(1, ContactUpdate()), body)


@pytest.mark.parametrize("status", ["400", "401", "404", "413", "422", "429", "5XX"])
def test_every_allowed_error_body_parses_and_round_trips(status: str) -> None:
    @CHECK
    @given(response_bodies(status))
    def check(body: dict[str, Any]) -> None:
        assert_round_trip(Error.model_validate_json(json.dumps(body)), body)

    check()


def negative_body_cases() -> Iterator[Any]:
    """schemathesis' coverage cases that break exactly one thing in the body."""
    config = SCHEMA.config.generation_for(operation=OPERATION)
    for case in SCHEMA.iter_coverage_cases(
        OPERATION, generation_modes=[GenerationMode.NEGATIVE], generation_config=config
    ):
        data = case.meta.phase.data if case.meta is not None else None
        if getattr(data, "parameter_location", None) is ParameterLocation.BODY and case.method == "PATCH":
            yield case


NEGATIVE_BODIES = list(negative_body_cases())


@pytest.mark.parametrize(
    "case", NEGATIVE_BODIES, ids=[f"{i}-{c.meta.phase.data.description}" for i, c in enumerate(NEGATIVE_BODIES)]
)
def test_single_violation_bodies_are_refused_before_sending(case: Any) -> None:
    with pytest.raises(ValidationError):
        ContactUpdate.model_validate(case.body)
    if not isinstance(case.body, dict) or not set(case.body) <= {
        f.alias or n for n, f in ContactUpdate.model_fields.items()
    }:
        return  # not expressible as a ContactUpdate at all
    # Forced into a model without validation, the client still refuses to send it.
    names = {f.alias or n: n for n, f in ContactUpdate.model_fields.items()}
    body = ContactUpdate()
    for alias, value in case.body.items():
        setattr(body, names[alias], value)
    capture = Capture()
    with pytest.raises(RequestValidationError):
        send("sync", capture, 1001, body)
    assert capture.requests == []


def test_there_are_negative_body_cases() -> None:
    assert len(NEGATIVE_BODIES) > 50


@pytest.fixture(scope="module")
def mock_url() -> Iterator[str]:
    with mock_in_thread(token=TOKEN) as url:
        yield url


def test_client_end_to_end_against_the_mock_over_http(mock_url: str) -> None:
    with KinboxClient(token=TOKEN, base_url=mock_url) as client:
        before = client.update_contact(1002, ContactUpdate())
        after = client.update_contact(1002, ContactUpdate(notes="called back", email=None))
        assert after.notes == "called back"
        assert after.email is None
        assert after.name == before.name
        assert after.last_update_at > before.last_update_at
        with pytest.raises(NotFoundError):
            client.update_contact(999_999, ContactUpdate())
        # An id the contract forbids never leaves the client; the mock refuses it too, with 422.
        with pytest.raises(ParameterValidationError, match="'id'"):
            client.update_contact(0, ContactUpdate())
        refused = httpx.patch(f"{mock_url}/v3/contacts/0", json={}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert refused.status_code == 422
        assert refused.json()["errors"][0]["field"] == "path.id"
    with KinboxClient(token="wrong", base_url=mock_url) as client, pytest.raises(AuthenticationError):
        client.update_contact(1002, ContactUpdate())

    async def async_round() -> Contact:
        async with AsyncKinboxClient(token=TOKEN, base_url=mock_url) as client:
            return await client.update_contact(1002, ContactUpdate(is_private=True))

    assert asyncio.run(async_round()).is_private is True
