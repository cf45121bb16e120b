"""Any value a caller can build is either sent as valid JSON that the spec accepts, or refused before sending.

Hypothesis draws hostile values (huge and non-finite numbers, bools where numbers belong,
lone surrogates, control characters, nesting) for the Kinbox client's id and body and for
every parameter of an inline spec, sync and async. What reaches httpx's MockTransport is
checked independently of the client: strict JSON and UTF-8, the spec's schema by `jsonschema`,
and each parameter's wire text parsed back and checked against its schema.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import math
from collections.abc import Callable, Iterator
from functools import partial
from types import ModuleType
from typing import Any

import httpx
import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from kinbox_client import AsyncKinboxClient, KinboxClient, KinboxError
from kinbox_client.models import ContactUpdate
from tests.helpers import ROOT, imported_package
from tests.support import TOKEN

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Text with what breaks encoders: lone surrogates, NUL, CR/LF, `;`, non-BMP characters.
HOSTILE_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF),
        st.sampled_from(["\ud800", "\udfff", "\x00", "\r", "\n", ";", "😀", "/", "."]),
    ),
    max_size=12,
)
HOSTILE_NUMBERS = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, -1, 2**63 - 1, 2**63, 1.0, 0.5, 1e400, -1e400]),
)
SCALARS = st.one_of(st.none(), st.booleans(), HOSTILE_NUMBERS, HOSTILE_TEXT)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(HOSTILE_TEXT, inner, max_size=3)),
    max_leaves=8,
)
ANY_VALUE = st.one_of(
    JSON_VALUES,
    st.datetimes(timezones=st.one_of(st.none(), st.just(dt.UTC))),
    st.dates(),
    st.lists(SCALARS, max_size=5),
)


def strict_json(content: bytes) -> Any:
    """The body as a JSON parser that follows RFC 8259 reads it: UTF-8, no NaN or Infinity."""

    def refuse(constant: str) -> Any:
        raise ValueError(f"{constant} is not JSON")

    return json.loads(content.decode("utf-8", errors="strict"), parse_constant=refuse)


# -- the Kinbox client ---------------------------------------------------------------------------


def _spec_document() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((ROOT / "spec" / "kinbox.openapi.yaml").read_text(encoding="utf-8"))
    return document


DOCUMENT = _spec_document()
UPDATE_SCHEMA = {"$ref": "#/components/schemas/ContactUpdate", "components": DOCUMENT["components"]}


def _resolved(node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = DOCUMENT
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


ID_SCHEMA = {
    **next(
        _resolved(p)
        for p in DOCUMENT["paths"]["/v3/contacts/{id}"]["patch"]["parameters"]
        if _resolved(p)["name"] == "id"
    )["schema"],
    "components": DOCUMENT["components"],
}
WIRE_NAMES = sorted(DOCUMENT["components"]["schemas"]["ContactUpdate"]["properties"])
BY_ALIAS = {field.alias or name: name for name, field in ContactUpdate.model_fields.items()}

bodies = st.dictionaries(st.sampled_from(WIRE_NAMES), JSON_VALUES, max_size=5)
ids = st.one_of(HOSTILE_NUMBERS, st.booleans(), HOSTILE_TEXT, st.none())


def sent_or_refused(
    sync_client: Callable[..., Any],
    async_client: Callable[..., Any],
    call: Callable[[Any], Any],
    *,
    asynchronous: bool,
    error: type[Exception],
    answer: dict[str, Any],
) -> httpx.Request | None:
    """Make `call` with a client of the kind drawn, on a transport that records and answers 200:
    the one request it sent, or None when the client refused the values before sending anything
    (saying why on one line)."""
    sent: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=answer)

    transport = httpx.MockTransport(record)
    try:
        if asynchronous:

            async def run() -> None:
                async with async_client(transport=transport, max_retries=0) as client:
                    await call(client)

            asyncio.run(run())
        else:
            with sync_client(transport=transport, max_retries=0) as client:
                call(client)
    except error as caught:
        refused = str(caught)
    else:
        (request,) = sent
        return request
    assert sent == [], "refused after sending"
    assert "\n" not in refused
    return None


def build_body(data: dict[str, Any], construct: bool) -> ContactUpdate:
    """A body as a caller can build one: validated, or (pydantic's escape hatch) constructed unchecked."""
    if construct:
        return ContactUpdate.model_construct(**{BY_ALIAS[name]: value for name, value in data.items()})
    return ContactUpdate.model_validate(data, by_alias=True)


def check_sent(request: httpx.Request) -> None:
    jsonschema.Draft202012Validator(UPDATE_SCHEMA).validate(strict_json(request.content))
    segment = request.url.raw_path.decode("ascii").rsplit("/", 1)[-1]
    assert segment.isdigit(), segment
    jsonschema.Draft202012Validator(ID_SCHEMA).validate(int(segment))


@pytest.mark.slow  # about 5 s
@SETTINGS
@given(contact_id=ids, data=bodies, construct=st.booleans(), asynchronous=st.booleans())
def test_kinbox_update_sends_only_what_the_spec_accepts(
    contact_id: Any, data: dict[str, Any], construct: bool, asynchronous: bool
) -> None:
    try:
        body = build_body(data, construct)
    except ValidationError:
        return  # refused when built: nothing could be sent
    request = sent_or_refused(
        partial(KinboxClient, token=TOKEN),
        partial(AsyncKinboxClient, token=TOKEN),
        lambda client: client.with_raw_response.update_contact(contact_id, body),
        asynchronous=asynchronous,
        error=KinboxError,
        answer={"id": "1", "workspaceId": 1},
    )
    if request is not None:
        check_sent(request)


# -- an inline spec with parameters of every type and constraint -----------------------------------

PARAMETERS_SPEC = """
openapi: 3.1.0
info: {title: Probe, version: "1.0.0"}
servers: [{url: "https://probe.example"}]
paths:
  /p/{word}/{count}:
    get:
      operationId: probe
      parameters:
        - {name: word, in: path, required: true, schema: {type: string, minLength: 1, maxLength: 8, pattern: "^[a-z]+$"}}
        - {name: count, in: path, required: true, schema: {type: integer, minimum: 0, maximum: 1000}}
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 500}}
        - {name: ratio, in: query, schema: {type: number, exclusiveMinimum: 0, exclusiveMaximum: 1}}
        - {name: flag, in: query, schema: {type: boolean}}
        - {name: since, in: query, schema: {type: string, format: date-time}}
        - {name: mode, in: query, schema: {type: string, enum: [fast, slow]}}
        - {name: tags, in: query, schema: {type: array, maxItems: 3, items: {type: integer, minimum: 0}}}
        - {name: X-Level, in: header, schema: {type: integer, minimum: -5, maximum: 5}}
        - {name: X-Label, in: header, schema: {type: string, maxLength: 10}}
        - {name: lang, in: cookie, schema: {type: string, minLength: 2, maxLength: 5}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
"""
PROBE = yaml.safe_load(PARAMETERS_SPEC)["paths"]["/p/{word}/{count}"]["get"]["parameters"]
SCHEMAS = {(p["in"], p["name"]): p["schema"] for p in PROBE}
ARGUMENTS = {"X-Level": "x_level", "X-Label": "x_label"}


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    with imported_package(PARAMETERS_SPEC, "probe_client", tmp_path_factory.mktemp("probe")) as (package, generated):
        package.__dict__["SYNC"] = getattr(package, generated.api.client_class)
        package.__dict__["ASYNC"] = getattr(package, generated.api.async_client_class)
        yield package


def wire_value(schema: dict[str, Any], texts: list[str]) -> Any:
    """What a server reads from the wire text, by the parameter's declared type."""
    kind = schema.get("type")
    if kind == "array":
        return [wire_value(schema["items"], [text]) for text in texts]
    (text,) = texts
    if kind == "integer":
        assert text.lstrip("-").isdigit(), text
        return int(text)
    if kind == "number":
        number = float(text)
        assert math.isfinite(number), text
        return number
    if kind == "boolean":
        assert text in ("true", "false"), text
        return text == "true"
    if schema.get("format") == "date-time":
        assert dt.datetime.fromisoformat(text).utcoffset() is not None, text
    return text


def check_parameters(request: httpx.Request) -> None:
    word, count = request.url.path.split("/")[2:4]
    found: dict[tuple[str, str], list[str]] = {("path", "word"): [word], ("path", "count"): [count]}
    for name, value in request.url.params.multi_items():
        found.setdefault(("query", name), []).append(value)
    for name in ("X-Level", "X-Label"):
        if name in request.headers:
            found[("header", name)] = [request.headers[name]]
    for pair in filter(None, request.headers.get("cookie", "").split("; ")):
        name, _, value = pair.partition("=")
        found[("cookie", name)] = [value]
    for key, texts in found.items():
        jsonschema.Draft202012Validator(SCHEMAS[key]).validate(wire_value(SCHEMAS[key], texts))


@pytest.mark.slow  # about 5 s
@SETTINGS
@given(
    values=st.fixed_dictionaries({}, optional={key: ANY_VALUE for key in SCHEMAS}),
    asynchronous=st.booleans(),
)
def test_every_parameter_is_sent_as_its_schema_allows_or_refused(
    probe: ModuleType, values: dict[tuple[str, str], Any], asynchronous: bool
) -> None:
    arguments = {ARGUMENTS.get(name, name): value for (_, name), value in values.items()}
    arguments.setdefault("word", "abc")
    arguments.setdefault("count", 1)
    request = sent_or_refused(
        probe.SYNC,
        probe.ASYNC,
        lambda client: client.probe(**arguments),
        asynchronous=asynchronous,
        error=probe.ProbeError,
        answer={},
    )
    if request is not None:
        check_parameters(request)
