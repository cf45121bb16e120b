"""Every parameter is checked against its schema before a request leaves, sync and async, for any spec.

An inline spec declares path, query, header and cookie parameters of every type and
constraint; its generated client runs over httpx's MockTransport, which records every request
that reaches the wire, so "refused" means exactly that nothing was sent.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import typing
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import httpx
import pytest

from kinbox_client import KinboxClient, ParameterValidationError, RequestValidationError
from kinbox_client.models import ContactUpdate
from tests.helpers import imported_package
from tests.support import TOKEN, Recorder

SPEC = """
openapi: 3.0.3
info: {title: Shop, version: "1.0.0"}
servers: [{url: "https://shop.example"}]
components:
  schemas:
    Fields:
      type: object
      properties:
        note: {type: string}
        score: {type: number}
        meta: {type: object, additionalProperties: true}
paths:
  /items/{slug}/{rank}:
    get:
      operationId: getItem
      parameters:
        - {name: slug, in: path, required: true, schema: {type: string, minLength: 1, maxLength: 20}}
        - {name: rank, in: path, required: true, schema: {type: integer, minimum: 1, maximum: 9}}
        - {name: limit, in: query, required: true, schema: {type: integer, minimum: 1, maximum: 500, default: 20}}
        - {name: offset, in: query, schema: {type: integer, minimum: 0, default: 0}}
        - {name: ratio, in: query, schema: {type: number, exclusiveMinimum: true, minimum: 0, maximum: 1}}
        - {name: step, in: query, schema: {type: number, multipleOf: 0.5}}
        - {name: active, in: query, schema: {type: boolean}}
        - {name: since, in: query, schema: {type: string, format: date-time}}
        - {name: day, in: query, schema: {type: string, format: date}}
        - {name: code, in: query, schema: {type: string, pattern: "^[A-Z]{3}$"}}
        - {name: colour, in: query, schema: {type: string, enum: [red, green]}}
        - name: tags
          in: query
          schema: {type: array, minItems: 1, maxItems: 3, uniqueItems: true, items: {type: string, maxLength: 5}}
        - {name: X-Priority, in: header, schema: {type: integer, minimum: 0, maximum: 5}}
        - {name: X-Note, in: header, schema: {type: string}}
        - {name: region, in: cookie, schema: {type: string, enum: [eu, us]}}
        - {name: theme, in: cookie, schema: {type: string}}
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {type: object}}}
  /forms:
    post:
      operationId: postForm
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema: {$ref: "#/components/schemas/Fields"}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
  /uploads:
    post:
      operationId: upload
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema: {$ref: "#/components/schemas/Fields"}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
  /texts:
    post:
      operationId: postText
      requestBody: {required: true, content: {text/plain: {schema: {type: string}}}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
  /notes/{key}:
    get:
      operationId: getNote
      parameters: [{name: key, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {type: object}}}
"""

# (keyword arguments beside the valid ones, the parameter named, what the message says)
REFUSED: list[tuple[dict[str, Any], str, str]] = [
    ({"slug": ""}, "slug", "at least 1 characters"),
    ({"slug": "x" * 21}, "slug", "at most 20 characters"),
    ({"slug": 7}, "slug", "must be a string, not an integer"),
    ({"rank": 0}, "rank", "must be >= 1"),
    ({"rank": 10}, "rank", "must be <= 9"),
    ({"rank": True}, "rank", "not a boolean"),
    ({"rank": 2.0}, "rank", "not a float"),
    ({"rank": "2"}, "rank", "not a string"),
    ({"limit": None}, "limit", "is required"),
    ({"limit": 0}, "limit", "must be >= 1"),
    ({"limit": 501}, "limit", "must be <= 500"),
    ({"offset": -1}, "offset", "must be >= 0"),
    ({"ratio": 0}, "ratio", "must be > 0"),
    ({"ratio": 1.5}, "ratio", "must be <= 1"),
    ({"ratio": float("nan")}, "ratio", "finite"),
    ({"ratio": float("inf")}, "ratio", "finite"),
    ({"ratio": False}, "ratio", "not a boolean"),
    ({"step": 0.3}, "step", "multiple of 0.5"),
    ({"active": 1}, "active", "must be a boolean"),
    ({"active": "true"}, "active", "must be a boolean"),
    ({"since": "2024-01-01"}, "since", "RFC 3339 date-time"),
    ({"since": "2024-01-01T10:00:00"}, "since", "RFC 3339 date-time"),
    ({"since": dt.datetime(2024, 1, 1, 10)}, "since", "without a timezone"),
    ({"day": "01/02/2024"}, "day", "RFC 3339 date"),
    ({"code": "abc"}, "code", "must match the pattern"),
    ({"colour": "blue"}, "colour", "must be one of 'red', 'green'"),
    ({"tags": []}, "tags", "at least 1 items"),
    ({"tags": ["a", "b", "c", "d"]}, "tags", "at most 3 items"),
    ({"tags": ["a", "a"]}, "tags", "must not repeat"),
    ({"tags": ["toolong"]}, "tags", "item 0 must be at most 5"),
    ({"tags": [1]}, "tags", "item 0 must be a string"),
    ({"tags": "a"}, "tags", "must be an array"),
    ({"x_priority": 6}, "X-Priority", "must be <= 5"),
    ({"x_priority": True}, "X-Priority", "not a boolean"),
    ({"x_note": "a\r\nSet-Cookie: x=1"}, "X-Note", "line break"),
    ({"x_note": "\ud800"}, "X-Note", "lone surrogate"),
    ({"region": "asia"}, "region", "must be one of"),
    ({"theme": "dark; admin=1"}, "theme", "`;`"),
    ({"code": "\udfff"}, "code", "lone surrogate"),
]
VALID: dict[str, Any] = {"slug": "chair", "rank": 3, "limit": 20}


class Shop:
    """The inline spec's client, sync or async, with the requests it sent."""

    def __init__(self, package: ModuleType, mode: str) -> None:
        self.sent: list[httpx.Request] = []
        self.mode = mode
        self.errors = package  # its own exception classes, not kinbox_client's

        def answer(request: httpx.Request) -> httpx.Response:
            self.sent.append(request)
            return httpx.Response(200, json={})

        client_class = getattr(package, package.SYNC if mode == "sync" else package.ASYNC)
        self.client = client_class(transport=httpx.MockTransport(answer))

    def call(self, operation: str, *arguments: Any, **keywords: Any) -> Any:
        method = getattr(self.client, operation)
        if self.mode == "sync":
            return method(*arguments, **keywords)

        async def run() -> Any:
            return await method(*arguments, **keywords)

        return asyncio.run(run())

    def get_item(self, **arguments: Any) -> Any:
        return self.call("get_item", **arguments)


@pytest.fixture(scope="module")
def shop_package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """Generated once for the module: generation costs far more than the calls."""
    with imported_package(SPEC, "shop_params", tmp_path_factory.mktemp("shop")) as (package, generated):
        package.__dict__["SYNC"] = generated.api.client_class
        package.__dict__["ASYNC"] = generated.api.async_client_class
        yield package


@pytest.fixture(params=["sync", "async"])
def shop(request: pytest.FixtureRequest, shop_package: ModuleType) -> Shop:
    return Shop(shop_package, request.param)


@pytest.mark.parametrize(
    ("change", "parameter", "says"), REFUSED, ids=[f"{index}-{p}" for index, (_, p, _) in enumerate(REFUSED)]
)
def test_a_value_its_schema_forbids_is_refused_before_sending(
    shop: Shop, change: dict[str, Any], parameter: str, says: str
) -> None:
    with pytest.raises(shop.errors.ParameterValidationError) as raised:
        shop.get_item(**{**VALID, **change})
    assert shop.sent == []
    message = str(raised.value)
    assert f"parameter {parameter!r}" in message
    assert says in message
    assert "\n" not in message
    assert raised.value.parameter == parameter
    assert isinstance(raised.value, shop.errors.RequestValidationError)
    assert isinstance(raised.value, ValueError)


def test_values_are_never_in_the_message(shop: Shop) -> None:
    secret = "s3cr3t-value-\r\n"
    with pytest.raises(shop.errors.ParameterValidationError) as raised:
        shop.get_item(**VALID, x_note=secret)
    assert "s3cr3t" not in str(raised.value)


def test_defaults_are_not_sent_unless_set(shop: Shop) -> None:
    shop.get_item(**VALID)
    (request,) = shop.sent
    assert request.url.raw_path == b"/items/chair/3?limit=20"
    assert "x-priority" not in request.headers
    assert "cookie" not in request.headers


def test_values_the_spec_allows_go_out_as_the_spec_says(shop: Shop) -> None:
    since = dt.datetime(2024, 5, 1, 12, 30, tzinfo=dt.UTC)
    shop.get_item(
        slug="a/b c",
        rank=9,
        limit=500,
        offset=0,
        ratio=0.25,
        step=1.5,
        active=False,
        since=since,
        day=dt.date(2024, 5, 1),
        code="ABC",
        colour="green",
        tags=["x", "y"],
        x_priority=0,
        x_note="plain",
        region="eu",
        theme="dark",
    )
    (request,) = shop.sent
    assert request.url.path == "/items/a/b c/9"
    assert request.url.raw_path.startswith(b"/items/a%2Fb%20c/9?")
    assert request.url.params.multi_items() == [
        ("limit", "500"),
        ("offset", "0"),
        ("ratio", "0.25"),
        ("step", "1.5"),
        ("active", "false"),
        ("since", "2024-05-01T12:30:00+00:00"),
        ("day", "2024-05-01"),
        ("code", "ABC"),
        ("colour", "green"),
        ("tags", "x"),
        ("tags", "y"),
    ]
    assert request.headers["x-priority"] == "0"
    assert request.headers["cookie"] == "region=eu; theme=dark"


def test_string_date_times_with_an_offset_are_sent_as_written(shop: Shop) -> None:
    shop.get_item(**VALID, since="2024-05-01T12:30:00.5Z", active=True)
    assert shop.sent[0].url.params["since"] == "2024-05-01T12:30:00.5Z"
    assert shop.sent[0].url.params["active"] == "true"


@pytest.mark.parametrize(
    ("slug", "raw_path"),
    [
        ("a/b", b"/items/a%2Fb/1"),
        ("../x", b"/items/..%2Fx/1"),
        ("..", b"/items/%2E%2E/1"),
        (".", b"/items/%2E/1"),
        ("a b", b"/items/a%20b/1"),
        ("1?admin=1#frag", b"/items/1%3Fadmin%3D1%23frag/1"),
        ("100%", b"/items/100%25/1"),
        ("ação", b"/items/a%C3%A7%C3%A3o/1"),
    ],
)
def test_path_parameters_are_percent_encoded(shop: Shop, slug: str, raw_path: bytes) -> None:
    shop.get_item(slug=slug, rank=1, limit=1)
    assert shop.sent[0].url.raw_path == raw_path + b"?limit=1"


def test_empty_path_parameter_is_refused(shop: Shop) -> None:
    with pytest.raises(ValueError, match="must not be empty"):
        shop.call("get_note", "")
    assert shop.sent == []


@pytest.mark.parametrize("operation", ["post_form", "upload"])
@pytest.mark.parametrize(
    ("fields", "where"),
    [
        ({"score": float("inf")}, "'/score': inf"),
        ({"score": float("nan")}, "'/score': nan"),
        ({"note": "\ud800"}, "'/note'"),
        ({"meta": {"deep": [float("-inf")]}}, "'/meta/deep/0': -inf"),
        ({"meta": {"\udfff": 1}}, "'/meta'"),
    ],
)
def test_form_and_multipart_bodies_json_cannot_carry_are_refused(
    shop: Shop, operation: str, fields: dict[str, Any], where: str
) -> None:
    body = shop.errors.models.Fields.model_construct(**fields)
    with pytest.raises(shop.errors.RequestValidationError) as raised:
        shop.call(operation, body)
    assert where in str(raised.value)
    assert shop.sent == []


def test_a_finite_form_body_is_sent(shop: Shop) -> None:
    shop.call("post_form", shop.errors.models.Fields(note="ação", score=1.5))
    assert shop.sent[0].content == b"note=a%C3%A7%C3%A3o&score=1.5"


@pytest.mark.parametrize("text", ["secret-note \ud800", "\udfff"])
def test_a_text_body_utf8_cannot_carry_is_refused_without_its_content(shop: Shop, text: str) -> None:
    """Before, the encoder's bare UnicodeEncodeError escaped, and its message quoted the body."""
    with pytest.raises(shop.errors.RequestValidationError) as raised:
        shop.call("post_text", text)
    message = str(raised.value)
    assert "request body is not valid ('/': a text body with a lone surrogate" in message
    assert "secret-note" not in message
    assert "\\ud" not in message.lower()
    assert raised.value.__context__ is None  # the encoder's error, which holds the body, is not kept
    assert shop.sent == []


def test_a_text_body_is_sent_as_utf8(shop: Shop) -> None:
    shop.call("post_text", "ação 😀")
    assert shop.sent[0].content == "ação 😀".encode()
    assert shop.sent[0].headers["content-type"] == "text/plain"


# -- the Kinbox client ---------------------------------------------------------------------------


@pytest.mark.parametrize("contact_id", [0, -1, 2**63, True, 1.5, "1", None])
def test_kinbox_update_refuses_ids_outside_the_contract(contact_id: Any) -> None:
    recorder = Recorder()
    client = KinboxClient(token=TOKEN, transport=httpx.MockTransport(recorder))
    with pytest.raises(ParameterValidationError, match="path parameter 'id'"):
        client.update_contact(contact_id, ContactUpdate())
    assert recorder.requests == []


def test_kinbox_update_sends_the_largest_id() -> None:
    recorder = Recorder()
    KinboxClient(token=TOKEN, transport=httpx.MockTransport(recorder)).update_contact(2**63 - 1, ContactUpdate())
    assert recorder.last.url.path == f"/v3/contacts/{2**63 - 1}"


def test_kinbox_date_time_filters_take_datetimes_and_go_out_in_rfc_3339() -> None:
    recorder = Recorder(answers=[httpx.Response(200, json={"data": [], "totalCount": 0}) for _ in range(2)])
    client = KinboxClient(token=TOKEN, transport=httpx.MockTransport(recorder))
    start = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    end = dt.datetime(2026, 1, 2, 3, 4, 5, 250000, tzinfo=dt.timezone(dt.timedelta(hours=-3)))
    client.list_contacts(created_at_from=start, created_at_to=end, limit=1)
    client.list_all_contacts(last48h=True, created_at_from=start)
    assert recorder.requests[0].url.params.multi_items() == [
        ("createdAtFrom", "2026-01-02T03:04:05+00:00"),
        ("createdAtTo", "2026-01-02T03:04:05.250000-03:00"),
        ("limit", "1"),
    ]
    assert recorder.requests[1].url.params.multi_items() == [
        ("last48h", "true"),
        ("createdAtFrom", "2026-01-02T03:04:05+00:00"),
    ]


def test_kinbox_refuses_a_naive_datetime_rather_than_guess_its_zone() -> None:
    recorder = Recorder()
    client = KinboxClient(token=TOKEN, transport=httpx.MockTransport(recorder))
    with pytest.raises(ParameterValidationError, match=r"'createdAtTo'.*without a timezone"):
        client.list_all_contacts(created_at_to=dt.datetime(2026, 1, 2, 3, 4, 5))
    assert recorder.requests == []


def test_date_and_date_time_parameters_are_typed_as_datetime_objects(shop_package: ModuleType) -> None:
    """The annotations say what the runtime serializes, so mypy flags a `str` for a date-time."""
    kinbox = typing.get_type_hints(KinboxClient.list_all_contacts)
    assert kinbox["created_at_from"] == dt.datetime | None
    assert kinbox["last48h"] == bool | None
    shop = typing.get_type_hints(getattr(shop_package, shop_package.SYNC).get_item)
    assert (shop["since"], shop["day"]) == (dt.datetime | None, dt.date | None)


# -- bodies: what JSON cannot carry ------------------------------------------------------------------

UNSENDABLE: list[tuple[Callable[[], ContactUpdate], str]] = [
    (lambda: ContactUpdate(custom_fields={"x": float("inf")}), "'/customFields/x': inf"),
    (lambda: ContactUpdate(custom_fields={"x": float("-inf")}), "'/customFields/x': -inf"),
    (lambda: ContactUpdate(crm_data={"a": [1, float("nan")]}), "'/crmData/a/1': nan"),
    (lambda: ContactUpdate(custom_fields={"x": "\ud800"}), "'/customFields/x'"),
    (lambda: ContactUpdate(custom_fields={"\udc00": 1}), "'/customFields'"),
]


@pytest.mark.parametrize(("build", "where"), UNSENDABLE)
def test_a_body_json_cannot_carry_is_refused_naming_the_field(build: Callable[[], ContactUpdate], where: str) -> None:
    recorder = Recorder()
    client = KinboxClient(token=TOKEN, transport=httpx.MockTransport(recorder))
    with pytest.raises(RequestValidationError) as raised:
        client.update_contact(1, build())
    assert where in str(raised.value)
    assert "\n" not in str(raised.value)
    assert recorder.requests == []


def test_a_real_null_still_goes_out() -> None:
    recorder = Recorder()
    client = KinboxClient(token=TOKEN, transport=httpx.MockTransport(recorder))
    client.update_contact(1, ContactUpdate(custom_fields={"x": None, "note": "null"}))
    assert json.loads(recorder.last.content) == {"customFields": {"x": None, "note": "null"}}
