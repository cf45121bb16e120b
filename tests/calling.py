"""Call every operation of a generated package through `httpx.MockTransport`.

The requests come from schemathesis' strategies for the spec as the generator reads it
(`plan_models`: inline schemas named, request-only objects closed to unknown fields), so
every argument is one the spec allows. The answers come from schemathesis too: each
documented JSON response schema becomes the request body of an operation in a "mirror"
document, whose strategies then draw schema-valid response bodies. Each call must reach the
operation's method and path, and each answer must parse into the generated types: a
success into the method's return value, an error into the exception's `body`.
"""

from __future__ import annotations

import asyncio
import copy
import functools
import importlib
import json
import re
import typing
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import httpx
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter
from schemathesis.core import NOT_SET

from generator.codegen import ir
from generator.codegen.models import plan_models
from generator.spec.openapi import is_json, iter_operations, responses, schema_of

BASE_URL = "https://api.example.test/base"
CREDENTIALS = {"token": "t0k3n", "api_key": "k3y", "username": "user", "password": "pass"}
# JSON is read by wire names only, as the runtime reads it.
WIRE_NAMES: dict[str, Any] = {"by_alias": True, "by_name": False}
NON_JSON_BODIES = {"text": b"plain text \xc3\xa7", "binary": b"%PDF-1.7\n\x00\xff", "stream": b"data: 1\n\ndata: 2\n\n"}


@dataclass(frozen=True)
class Answer:
    """One documented response, as the mock server will send it."""

    key: str  # the key in the spec: "200", "4XX", "default"
    status: int
    spec: Any  # the runtime ResponseSpec
    media_type: str | None
    strategy: st.SearchStrategy[Any] | None  # JSON bodies; None for the rest


@functools.cache
def adapter(tp: Any) -> TypeAdapter[Any]:
    return TypeAdapter(tp)


def concrete_status(key: str, documented: set[str]) -> int:
    """A status code for a response key: `4XX` -> the first 4xx not documented on its own."""
    if key.isdigit():
        return int(key)
    if key == "default":
        has_success = any(k.startswith("2") for k in documented)
        return 418 if has_success else 200
    first = int(key[0]) * 100
    return next(code for code in range(first, first + 100) if str(code) not in documented)


def swap_read_write_only(node: Any) -> Any:
    """Make a request-body generator produce response bodies: writeOnly fields are left out
    of responses, readOnly ones are allowed in them."""
    if isinstance(node, list):
        return [swap_read_write_only(item) for item in node]
    if not isinstance(node, dict):
        return node
    swapped = {}
    for key, value in node.items():
        if key in ("readOnly", "writeOnly") and isinstance(value, bool):
            if key == "writeOnly":
                swapped["readOnly"] = value
            continue
        swapped[key] = swap_read_write_only(value)
    return swapped


class Driver:
    """Strategies for one spec's requests and responses, and a client to call with them."""

    def __init__(self, document: dict[str, Any], api: ir.Api, package: ModuleType) -> None:
        self.api = api
        self.package = package
        plan, _ = plan_models(document, api.package)
        self.requests = schemathesis.openapi.from_dict(plan)
        mirror: dict[str, Any] = {
            key: copy.deepcopy(value) for key, value in plan.items() if key not in ("paths", "webhooks")
        }
        mirror["paths"] = {}
        self.response_paths: dict[tuple[str, str], str] = {}
        for index, raw in enumerate(iter_operations(plan)):
            for status, response, media_type in responses(plan, raw):
                found = schema_of(response, media_type)
                if found is None or media_type is None or not is_json(media_type):
                    continue
                path = f"/responses/{index}/{status}"
                mirror["paths"][path] = {
                    "post": {
                        "requestBody": {"required": True, "content": {"application/json": {"schema": found[0]}}},
                        "responses": {"200": {"description": "-"}},
                    }
                }
                self.response_paths[(raw.at, status if status == "default" else status.upper())] = path
        self.answers = schemathesis.openapi.from_dict(swap_read_write_only(mirror))

    def module_of(self, op: ir.Operation) -> ModuleType:
        """The module that declares the operation's Endpoint."""
        name = f"resources.{op.resource}" if op.resource else "_client"
        return importlib.import_module(f"{self.api.package}.{name}")

    def request_strategy(self, op: ir.Operation) -> st.SearchStrategy[Any]:
        operation = self.requests[op.path][op.method]
        media_type = op.body.media_type if op.body is not None else None
        return operation.as_strategy(media_type=media_type)

    def answers_for(self, op: ir.Operation) -> list[Answer]:
        endpoint = getattr(self.module_of(op), op.constant_name)
        documented = {response.status for response in op.responses}
        found = []
        for response in op.responses:
            spec = endpoint.responses[response.status]
            path = self.response_paths.get((op.source, response.status))
            strategy = None
            if response.kind == "json" and path is not None:
                strategy = self.answers[path]["POST"].as_strategy().map(lambda case: case.body)
            found.append(
                Answer(
                    response.status, concrete_status(response.status, documented), spec, response.media_type, strategy
                )
            )
        return found


def call_arguments(method: Any, module: ModuleType, op: ir.Operation, case: Any) -> tuple[list[Any], dict[str, Any]]:
    """Python arguments for `method` from a schemathesis case, typed as the method declares.

    The case holds JSON-like values; validating them against the method's own annotations
    turns them into the models, enums and lists a caller would pass.
    """
    hints = typing.get_type_hints(method, globalns=vars(module))
    sources = {
        "path": case.path_parameters or {},
        "query": case.query or {},
        "header": case.headers or {},
        "cookie": case.cookies or {},
    }
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for parameter in op.parameters:
        values = sources[parameter.location]
        if parameter.wire_name not in values:
            assert not parameter.required, f"schemathesis left out the required {parameter.wire_name}"
            continue
        value = adapter(hints[parameter.python_name]).validate_python(values[parameter.wire_name], **WIRE_NAMES)
        if parameter.location == "path":
            args.append(value)
        else:
            kwargs[parameter.python_name] = value
    if op.body is not None:
        body = None if case.body is NOT_SET else case.body
        if body is not None and op.body.encoding in ("json", "form", "multipart"):
            body = adapter(hints["body"]).validate_python(body, **WIRE_NAMES)
        elif body is not None and op.body.encoding == "binary" and not isinstance(body, bytes):
            body = json.dumps(body).encode()
        elif body is not None and op.body.encoding == "text" and not isinstance(body, str):
            body = json.dumps(body)
        args.append(body)
    return args, kwargs


def answer_content(answer: Answer, data: st.DataObject) -> bytes:
    if answer.strategy is not None:
        return json.dumps(data.draw(answer.strategy, label=f"answer {answer.key}")).encode()
    if answer.spec is not None and answer.spec.kind == "json":
        return b'{"free": ["form", 1, null]}'  # a JSON body without a schema: anything
    return NON_JSON_BODIES.get(answer.spec.kind if answer.spec else "", b"")


def expected_body(answer: Answer, content: bytes) -> Any:
    kind = answer.spec.kind if answer.spec is not None else "empty"
    if kind == "json":
        if answer.spec.type in (None, Any):
            return json.loads(content)
        return adapter(answer.spec.type).validate_json(content, **WIRE_NAMES)
    if kind == "text":
        return content.decode("utf-8")
    if kind in ("binary", "stream"):
        return content
    return None


def expected_error_body(answer: Answer, content: bytes) -> Any:
    """An error's `body`: the error model for JSON with a schema, else the JSON, else the text."""
    if answer.spec is not None and answer.spec.kind == "json":
        return expected_body(answer, content)
    try:
        return json.loads(content)
    except ValueError:
        return content.decode("utf-8", errors="replace")


def path_pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^{}]+\})", template)
    return re.compile("".join("[^/]+" if part.startswith("{") else re.escape(part) for part in parts) + "$")


class Exchange:
    """One call of one operation, sync or async, against a mock server with one answer."""

    def __init__(self, driver: Driver, answer: Answer, content: bytes) -> None:
        self.driver = driver
        self.answer = answer
        self.content = content
        self.requests: list[httpx.Request] = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        headers = {"content-type": self.answer.media_type} if self.answer.media_type else {}
        return httpx.Response(self.answer.status, content=self.content, headers=headers)

    def client(self, mode: str) -> Any:
        api = self.driver.api
        credentials = {c.argument: CREDENTIALS[c.argument] for c in api.credentials}
        client_class = getattr(self.driver.package, api.client_class if mode == "sync" else api.async_client_class)
        return client_class(
            base_url=BASE_URL, transport=httpx.MockTransport(self.handler), max_retries=0, **credentials
        )

    def run(self, op: ir.Operation, mode: str, case: Any) -> Any:
        """The parsed result, the bytes of a stream, or the APIStatusError raised."""
        module = self.driver.module_of(op)
        error_type = self.driver.package.APIStatusError
        runtime = self.driver.package._runtime

        def bound(client: Any) -> tuple[Any, list[Any], dict[str, Any]]:
            target = getattr(client, op.resource) if op.resource else client
            args, kwargs = call_arguments(getattr(type(target), op.python_name), module, op, case)
            return getattr(target, op.python_name), args, kwargs

        if mode == "sync":
            with self.client(mode) as client:
                method, args, kwargs = bound(client)
                try:
                    result = method(*args, **kwargs)
                except error_type as error:
                    return error
                if isinstance(result, runtime.Stream):
                    with result as stream:
                        return b"".join(stream.iter_bytes())
                return result.body if isinstance(result, runtime.SyncPage) else result  # a paged operation

        async def run_async() -> Any:
            async with self.client(mode) as client:
                method, args, kwargs = bound(client)
                try:
                    result = await method(*args, **kwargs)
                except error_type as error:
                    return error
                if isinstance(result, runtime.AsyncStream):
                    async with result as stream:
                        return b"".join([chunk async for chunk in stream.iter_bytes()])
                return result.body if isinstance(result, runtime.AsyncPage) else result

        return asyncio.run(run_async())


def check_operation(driver: Driver, op: ir.Operation, examples: int) -> int:
    """Call `op` sync and async with generated arguments, once per documented response.

    Returns the number of calls made.
    """
    # An operation without documented responses still gets an answer: any success.
    answers = driver.answers_for(op) or [Answer("", 200, None, None, None)]
    pattern = path_pattern(httpx.URL(BASE_URL).path + op.path)
    calls = 0

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        nonlocal calls
        case = data.draw(driver.request_strategy(op), label="request")
        for answer in answers:
            content = answer_content(answer, data)
            success = 200 <= answer.status < 300
            expected = expected_body(answer, content) if success else expected_error_body(answer, content)
            for mode in ("sync", "async"):
                exchange = Exchange(driver, answer, content)
                outcome = exchange.run(op, mode, case)
                calls += 1
                (request,) = exchange.requests
                assert request.method == op.method
                sent_path = request.url.raw_path.split(b"?")[0].decode("ascii")
                assert pattern.match(sent_path), (sent_path, op.path)
                if success:
                    assert outcome == expected, (mode, answer.key)
                    assert type(outcome) is type(expected), (mode, answer.key)
                else:
                    assert isinstance(outcome, driver.package.APIStatusError), outcome
                    assert outcome.status_code == answer.status
                    assert outcome.body == expected, (mode, answer.key)

    run()
    return calls
