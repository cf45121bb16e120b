"""One small inline spec per OpenAPI construct the generator supports (README feature table).

Each test generates a package, imports it and drives it through `httpx.MockTransport`:
what goes on the wire, and what comes back parsed. Schema-shaped constructs also go
through the corpus driver (`tests.calling`): every schemathesis-generated answer must parse.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any, cast
from urllib.parse import parse_qsl

import httpx
import pytest
from pydantic import BaseModel, ValidationError

from generator.spec.loader import load_spec
from tests.calling import Driver, check_operation
from tests.helpers import Built, GenerateClient


@dataclass
class Server:
    """A MockTransport handler answering every request with one scripted response."""

    status: int = 200
    json_body: Any = None
    content: bytes = b""
    content_type: str = "application/json"
    requests: list[httpx.Request] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        if self.json_body is not None:
            return httpx.Response(self.status, json=self.json_body)
        return httpx.Response(self.status, content=self.content, headers={"content-type": self.content_type})

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]


def make_client(built: Built, server: Server, *, asynchronous: bool = False, **options: Any) -> Any:
    api = built.generated.api
    client_class = getattr(built.package, api.async_client_class if asynchronous else api.client_class)
    options.setdefault("base_url", "https://api.test")
    return client_class(transport=httpx.MockTransport(server), max_retries=0, **options)


def generated_answers_parse(built: Built, examples: int = 10) -> None:
    """Every documented response of every operation, drawn by schemathesis, parses."""
    driver = Driver(load_spec(built.spec).document, built.generated.api, built.package)
    for op in built.generated.api.operations:
        check_operation(driver, op, examples)


def query(request: httpx.Request) -> list[tuple[str, str]]:
    return parse_qsl(request.url.query.decode(), keep_blank_values=True)


# -- $ref with siblings, recursion ----------------------------------------------------------

RECURSIVE = """
openapi: 3.1.0
info: {title: Tree, version: "1.0.0"}
paths:
  /nodes/{id}:
    get:
      operationId: getNode
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: "#/components/schemas/Node"}}}
components:
  schemas:
    Node:
      type: object
      required: [name]
      properties:
        name: {type: string}
        parent:
          $ref: "#/components/schemas/Node"
          description: The node above this one.
        children: {type: array, items: {$ref: "#/components/schemas/Node"}}
        owner: {$ref: "#/components/schemas/Person"}
    Person:
      type: object
      properties:
        name: {type: string}
        nodes: {type: array, items: {$ref: "#/components/schemas/Node"}}
"""


def test_recursive_and_mutually_recursive_schemas(generate_client: GenerateClient) -> None:
    built = generate_client(RECURSIVE, "tree")
    models = built.package.models
    server = Server(json_body={"name": "a", "children": [{"name": "b", "owner": {"nodes": [{"name": "c"}]}}]})
    node = make_client(built, server).get_node(1)
    assert isinstance(node, models.Node)
    assert isinstance(node.children[0].owner, models.Person)
    assert node.children[0].owner.nodes[0].name == "c"
    generated_answers_parse(built)


def test_a_ref_keeps_its_sibling_description(generate_client: GenerateClient) -> None:
    built = generate_client(RECURSIVE, "tree")
    source = built.generated.files["tree/models.py"].decode()
    assert 'parent: Node | MISSING = MISSING\n    """\n    The node above this one.\n    """' in source


# -- compositions -----------------------------------------------------------------------------

COMPOSITIONS = """
openapi: 3.0.3
info: {title: Zoo, version: "1.0.0"}
paths:
  /owners/{id}:
    get:
      operationId: getOwner
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: "#/components/schemas/Owner"}}}
components:
  schemas:
    Cat:
      type: object
      required: [petType]
      properties:
        petType: {type: string, enum: [cat]}
        lives: {type: integer}
    Dog:
      type: object
      required: [petType]
      properties:
        petType: {type: string, enum: [dog]}
        barks: {type: boolean}
    Pet:
      oneOf: [{$ref: "#/components/schemas/Cat"}, {$ref: "#/components/schemas/Dog"}]
      discriminator:
        propertyName: petType
        mapping: {cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog"}
    Named:
      type: object
      required: [name]
      properties:
        name: {type: string}
    Owner:
      allOf:
        - $ref: "#/components/schemas/Named"
        - type: object
          properties:
            favourite: {$ref: "#/components/schemas/Pet"}
            inline:
              description: A discriminator placed on the property itself (as Adyen does).
              oneOf: [{$ref: "#/components/schemas/Cat"}, {$ref: "#/components/schemas/Dog"}]
              discriminator: {propertyName: petType}
            untagged:
              oneOf: [{$ref: "#/components/schemas/Cat"}, {$ref: "#/components/schemas/Dog"}]
            code:
              anyOf: [{type: string}, {type: integer}]
"""


def test_all_of_one_of_any_of_with_and_without_discriminators(generate_client: GenerateClient) -> None:
    built = generate_client(COMPOSITIONS, "zoo")
    models = built.package.models
    answer = {
        "name": "Ana",
        "favourite": {"petType": "dog", "barks": True},
        "inline": {"petType": "cat", "lives": 9},
        "untagged": {"petType": "dog"},
        "code": 7,
    }
    owner = make_client(built, Server(json_body=answer)).get_owner("1")
    assert owner.name == "Ana"  # from allOf
    assert isinstance(owner.favourite.root, models.Dog)
    assert isinstance(owner.inline, models.Cat)
    assert isinstance(owner.untagged, models.Dog)
    assert owner.code == 7
    with pytest.raises(ValidationError):  # the discriminator decides: a dog cannot have lives
        models.Owner.model_validate({"name": "x", "inline": {"petType": "mouse"}})
    generated_answers_parse(built)


def test_a_discriminator_on_an_optional_property_does_not_refuse_untagged_values(
    generate_client: GenerateClient,
) -> None:
    """JSON Schema accepts a branch without the tag when the property is not required."""
    spec = COMPOSITIONS.replace("required: [petType]\n      properties:\n        petType: {type: string, enum: [cat]}",
                                "properties:\n        petType: {type: string, enum: [cat]}")  # fmt: skip
    built = generate_client(spec, "zoo_optional")
    owner = built.package.models.Owner.model_validate({"name": "x", "inline": {"lives": 3}})
    assert owner.inline.lives == 3


# -- nullable, enums, additionalProperties --------------------------------------------------


def nullable_spec(version: str, nullable: str) -> str:
    return f"""
openapi: {version}
info: {{title: Nulls, version: "1.0.0"}}
paths:
  /things:
    post:
      operationId: createThing
      requestBody:
        required: true
        content: {{application/json: {{schema: {{$ref: "#/components/schemas/NewThing"}}}}}}
      responses:
        "200":
          description: ok
          content: {{application/json: {{schema: {{$ref: "#/components/schemas/Thing"}}}}}}
components:
  schemas:
    NewThing:
      type: object
      required: [label]
      properties:
        label: {{type: string}}
        note: {{{nullable}}}
        kind: {{type: string, enum: ["", "small", "large"]}}
    Thing:
      type: object
      properties:
        note: {{{nullable}}}
        counts: {{type: object, additionalProperties: {{type: integer}}}}
        closed: {{type: object, properties: {{a: {{type: string}}}}, additionalProperties: false}}
        open: {{type: object, properties: {{a: {{type: string}}}}, additionalProperties: true}}
"""


@pytest.mark.parametrize(
    ("version", "nullable"),
    [("3.0.3", "type: string, nullable: true"), ("3.1.0", 'type: [string, "null"]')],
    ids=["3.0 nullable", "3.1 type array"],
)
def test_nullable_enums_with_empty_string_and_additional_properties(
    version: str, nullable: str, generate_client: GenerateClient
) -> None:
    built = generate_client(nullable_spec(version, nullable), "nulls")
    models = built.package.models
    server = Server(json_body={"note": None, "counts": {"a": 1}, "closed": {"a": "x"}, "open": {"a": "x", "b": 2}})
    thing = make_client(built, server).create_thing(models.NewThing(label="l", note=None, kind=""))
    assert json.loads(server.last.content) == {"label": "l", "note": None, "kind": ""}
    assert thing.note is None
    assert thing.counts == {"a": 1}
    assert thing.open.model_extra == {"b": 2}
    with pytest.raises(ValidationError):
        models.NewThing(label=None)  # not nullable
    with pytest.raises(ValidationError):
        models.NewThing(label="l", kind="medium")  # not in the enum
    with pytest.raises(ValidationError):
        models.Thing.model_validate({"closed": {"a": "x", "b": 1}})  # additionalProperties: false
    generated_answers_parse(built)


# -- request bodies ---------------------------------------------------------------------------

BODIES = """
openapi: 3.0.3
info: {title: Forms, version: "1.0.0"}
paths:
  /charges:
    post:
      operationId: createCharge
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [amount]
              properties:
                amount: {type: integer}
                tags: {type: array, items: {type: string}}
                metadata: {type: object, additionalProperties: {type: string}}
                expand: {type: array, items: {type: string}}
                paid: {type: boolean}
            encoding:
              expand: {style: deepObject, explode: true}
      responses: {"204": {description: created}}
  /files:
    post:
      operationId: uploadFile
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [file]
              properties:
                file: {type: string, format: binary}
                purpose: {type: string}
                labels: {type: array, items: {type: string}}
                options: {type: object, properties: {public: {type: boolean}}}
      responses: {"204": {description: stored}}
  /raw:
    put:
      operationId: putRaw
      requestBody:
        required: true
        content: {application/octet-stream: {schema: {type: string, format: binary}}}
      responses: {"204": {description: stored}}
"""


def test_form_urlencoded_body(generate_client: GenerateClient) -> None:
    built = generate_client(BODIES, "forms")
    server = Server(status=204)
    body = built.package.models.CreateChargeBody(
        amount=100, tags=["a", "b"], metadata={"k": "v"}, expand=["customer"], paid=False
    )
    make_client(built, server).create_charge(body)
    assert server.last.headers["content-type"] == "application/x-www-form-urlencoded"
    assert parse_qsl(server.last.content.decode()) == [
        ("amount", "100"),
        ("tags", "a"),
        ("tags", "b"),
        ("metadata[k]", "v"),
        ("expand[0]", "customer"),  # the Encoding Object says deepObject
        ("paid", "false"),
    ]


def test_multipart_body_with_file_fields_and_json_parts(generate_client: GenerateClient) -> None:
    built = generate_client(BODIES, "forms")
    server = Server(status=204)
    body = built.package.models.UploadFileBody(
        file=b"\x89PNG\x00\xff", purpose="avatar", labels=["x", "y"], options={"public": True}
    )
    asyncio.run(make_client(built, server, asynchronous=True).upload_file(body))
    request = server.last
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    content = request.content
    assert b'name="file"; filename="file"' in content
    assert b"\x89PNG\x00\xff" in content
    assert b'name="purpose"\r\n\r\navatar' in content
    assert content.count(b'name="labels"') == 2
    assert b'name="options"\r\nContent-Type: application/json\r\n\r\n{"public":true}' in content


def test_binary_body(generate_client: GenerateClient) -> None:
    built = generate_client(BODIES, "forms")
    server = Server(status=204)
    make_client(built, server).put_raw(b"\x00\x01")
    assert server.last.content == b"\x00\x01"
    assert server.last.headers["content-type"] == "application/octet-stream"


# -- responses --------------------------------------------------------------------------------

RESPONSES = """
openapi: 3.1.0
info: {title: Media, version: "1.0.0"}
paths:
  /invoice.pdf:
    get:
      responses:
        "200": {description: the PDF, content: {application/pdf: {schema: {type: string, format: binary}}}}
  /readme:
    get:
      responses:
        "200": {description: text, content: {text/plain: {schema: {type: string}}}}
  /events:
    get:
      operationId: streamEvents
      responses:
        "200": {description: events, content: {text/event-stream: {schema: {type: string}}}}
        "4XX":
          description: client error
          content: {application/json: {schema: {$ref: "#/components/schemas/Problem"}}}
        default:
          description: anything else
          content: {application/json: {schema: {$ref: "#/components/schemas/Failure"}}}
components:
  schemas:
    Problem:
      type: object
      required: [title]
      properties: {title: {type: string}}
    Failure:
      type: object
      required: [code]
      properties: {code: {type: integer}}
"""


def test_non_json_responses_and_operations_without_operation_id(generate_client: GenerateClient) -> None:
    built = generate_client(RESPONSES, "media")
    names = [op.python_name for op in built.generated.api.operations]
    assert names == ["get_invoice_pdf", "get_readme", "stream_events"]
    pdf = b"%PDF-1.7\n\x00\xff"
    assert make_client(built, Server(content=pdf, content_type="application/pdf")).get_invoice_pdf() == pdf
    text_server = Server(content="ação".encode(), content_type="text/plain; charset=utf-8")
    assert make_client(built, text_server).get_readme() == "ação"


def test_event_stream_is_returned_as_a_raw_stream(generate_client: GenerateClient) -> None:
    built = generate_client(RESPONSES, "media")
    events = b"event: a\ndata: 1\n\ndata: 2\n\n"
    server = Server(content=events, content_type="text/event-stream")
    with make_client(built, server).stream_events() as stream:
        assert stream.status_code == 200
        assert list(stream.iter_lines()) == ["event: a", "data: 1", "", "data: 2", ""]

    async def read_async() -> bytes:
        async with make_client(built, server, asynchronous=True) as client, await client.stream_events() as stream:
            return b"".join([chunk async for chunk in stream.iter_bytes()])

    assert asyncio.run(read_async()) == events


@pytest.mark.parametrize(
    ("status", "body", "model"),
    [(404, {"title": "gone"}, "Problem"), (503, {"code": 7}, "Failure")],
    ids=["4XX", "default"],
)
def test_range_and_default_response_keys(
    status: int, body: dict[str, Any], model: str, generate_client: GenerateClient
) -> None:
    built = generate_client(RESPONSES, "media")
    with pytest.raises(built.package.APIStatusError) as caught:
        make_client(built, Server(status=status, json_body=body)).stream_events()
    assert isinstance(caught.value.body, getattr(built.package.models, model))


def test_default_response_is_the_success_type_when_no_2xx_is_documented(generate_client: GenerateClient) -> None:
    spec = RESPONSES.replace(
        '        "200": {description: events, content: {text/event-stream: {schema: {type: string}}}}\n', ""
    )
    assert spec != RESPONSES
    built = generate_client(spec, "media_default")
    failure = make_client(built, Server(json_body={"code": 1})).stream_events()
    assert isinstance(failure, built.package.models.Failure)


# -- parameters -------------------------------------------------------------------------------

PARAMETERS = """
openapi: 3.0.3
info: {title: Params, version: "1.0.0"}
paths:
  /items/{ids}:
    get:
      operationId: listItems
      parameters:
        - {name: ids, in: path, required: true, schema: {type: array, items: {type: integer}}}
        - {name: tag, in: query, schema: {type: array, items: {type: string}}}
        - {name: csv, in: query, explode: false, schema: {type: array, items: {type: string}}}
        - {name: spaced, in: query, style: spaceDelimited, explode: false, schema: {type: array, items: {type: string}}}
        - {name: piped, in: query, style: pipeDelimited, explode: false, schema: {type: array, items: {type: string}}}
        - name: created
          in: query
          style: deepObject
          explode: true
          schema: {type: object, properties: {gt: {type: integer}, lt: {type: integer}}}
        - {name: X-Trace, in: header, schema: {type: array, items: {type: string}}}
        - {name: Accept, in: header, schema: {type: string}}
        - {name: session, in: cookie, schema: {type: string}}
        - {name: class, in: query, schema: {type: string, enum: [a, b]}}
      responses: {"204": {description: none}}
"""


def test_query_header_and_cookie_parameters_with_their_styles(generate_client: GenerateClient) -> None:
    built = generate_client(PARAMETERS, "params")
    op = built.generated.api.operations[0]
    # OpenAPI says an `Accept` header parameter is ignored; `class` is a keyword.
    assert [p.python_name for p in op.parameters] == [
        "ids", "tag", "csv", "spaced", "piped", "created", "x_trace", "session", "class_",
    ]  # fmt: skip
    server = Server(status=204)
    make_client(built, server).list_items(
        [1, 2],
        tag=["a", "b"],
        csv=["c", "d"],
        spaced=["e", "f"],
        piped=["g", "h"],
        created=built.package.models.ListItemsCreatedParam(gt=1, lt=5),
        x_trace=["t1", "t2"],
        session="s3cr3t",
        class_="a",
    )
    request = server.last
    assert request.url.path == "/items/1,2"
    assert query(request) == [
        ("tag", "a"),
        ("tag", "b"),
        ("csv", "c,d"),
        ("spaced", "e f"),
        ("piped", "g|h"),
        ("created[gt]", "1"),
        ("created[lt]", "5"),
        ("class", "a"),
    ]
    assert request.headers["x-trace"] == "t1,t2"
    assert request.headers["cookie"] == "session=s3cr3t"


def test_optional_parameters_left_out_are_not_sent(generate_client: GenerateClient) -> None:
    built = generate_client(PARAMETERS, "params")
    server = Server(status=204)
    make_client(built, server).list_items([3])
    assert server.last.url.query == b""
    assert "cookie" not in server.last.headers


# -- servers and security -------------------------------------------------------------------

SECURITY = """
openapi: 3.0.3
info: {title: Locks, version: "1.0.0"}
servers:
  - url: "https://{region}.api.test/{version}"
    variables:
      region: {default: eu, enum: [eu, us]}
      version: {default: v2}
paths:
  /bearer: {get: {operationId: withBearer, security: [{bearer: []}], responses: {"204": {description: ok}}}}
  /basic: {get: {operationId: withBasic, security: [{basic: []}], responses: {"204": {description: ok}}}}
  /header: {get: {operationId: withHeaderKey, security: [{headerKey: []}], responses: {"204": {description: ok}}}}
  /query: {get: {operationId: withQueryKey, security: [{queryKey: []}], responses: {"204": {description: ok}}}}
  /cookie: {get: {operationId: withCookieKey, security: [{cookieKey: []}], responses: {"204": {description: ok}}}}
  /oauth: {get: {operationId: withOauth, security: [{oauth: [read]}], responses: {"204": {description: ok}}}}
  /open: {get: {operationId: anonymous, security: [], responses: {"204": {description: ok}}}}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
    basic: {type: http, scheme: basic}
    headerKey: {type: apiKey, in: header, name: X-Api-Key}
    queryKey: {type: apiKey, in: query, name: api_key}
    cookieKey: {type: apiKey, in: cookie, name: key}
    oauth:
      type: oauth2
      flows: {clientCredentials: {tokenUrl: "https://auth.test/token", scopes: {read: read things}}}
"""


@pytest.mark.parametrize(
    ("method", "check"),
    [
        ("with_bearer", lambda r: r.headers["authorization"] == "Bearer tok"),
        ("with_basic", lambda r: r.headers["authorization"] == "Basic dXNlcjpwdw=="),
        ("with_header_key", lambda r: r.headers["x-api-key"] == "key"),
        ("with_query_key", lambda r: ("api_key", "key") in query(r)),
        ("with_cookie_key", lambda r: r.headers["cookie"] == "key=key"),
        ("with_oauth", lambda r: r.headers["authorization"] == "Bearer tok"),
        ("anonymous", lambda r: "authorization" not in r.headers and not r.url.query),
    ],
)
def test_security_schemes_and_server_variables(method: str, check: Any, generate_client: GenerateClient) -> None:
    built = generate_client(SECURITY, "locks")
    assert built.generated.api.default_base_url == "https://eu.api.test/v2"
    server = Server(status=204)
    credentials: dict[str, Any] = {"token": "tok", "username": "user", "password": "pw", "api_key": "key"}
    getattr(make_client(built, server, base_url=None, **credentials), method)()
    assert str(server.last.url).startswith("https://eu.api.test/v2/")
    assert check(server.last)


OWN_SERVERS = """
openapi: 3.0.3
info: {title: Uploads, version: "1.0.0"}
servers: [{url: "https://api.test/"}]
paths:
  /v1/files:
    servers: [{url: "https://api.test"}]
    get: {operationId: listFiles, responses: {"204": {description: ok}}}
    post:
      operationId: createFile
      servers: [{url: "https://files.test/"}]
      responses: {"204": {description: ok}}
"""


def test_an_operation_with_its_own_server(generate_client: GenerateClient, monkeypatch: pytest.MonkeyPatch) -> None:
    built = generate_client(OWN_SERVERS, "uploads")
    server = Server(status=204)
    client = make_client(built, server, base_url=None)
    client.list_files()
    assert str(server.last.url) == "https://api.test/v1/files"  # repeating the API's server changes nothing
    client.create_file()
    assert str(server.last.url) == "https://files.test/v1/files"
    make_client(built, server, base_url="http://proxy.test").create_file()
    assert str(server.last.url) == "http://proxy.test/v1/files"  # a base URL the caller chose wins
    monkeypatch.setenv("UPLOADS_BASE_URL", "http://env.test")
    make_client(built, server, base_url=None).create_file()
    assert str(server.last.url) == "http://env.test/v1/files"


# -- names ------------------------------------------------------------------------------------

NAMES = """
openapi: 3.0.3
info: {title: "Café — Bestellungen", version: "1.0.0", description: "Bestellungen für Cafés"}
paths:
  /orders/{order-id}:
    get:
      operationId: get-order
      summary: "Eine Bestellung lesen"
      parameters: [{name: order-id, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: "#/components/schemas/order.item"}}}
components:
  schemas:
    order.item:
      type: object
      properties:
        class: {type: string}
        from: {type: string}
        2fa: {type: boolean}
        x-rate-limit: {type: integer}
        naïve: {type: string, description: "Größe"}
        line: {$ref: "#/components/schemas/line-item"}
    line-item:
      type: object
      properties:
        qty: {type: integer}
"""


def test_dotted_and_hyphenated_names_keywords_and_non_ascii(generate_client: GenerateClient) -> None:
    built = generate_client(NAMES, "cafe")
    answer = {"class": "a", "from": "b", "2fa": True, "x-rate-limit": 3, "naïve": "c", "line": {"qty": 2}}
    order: Any = make_client(built, Server(json_body=answer)).get_order("o/1")
    assert isinstance(order, BaseModel)
    dumped = order.model_dump(by_alias=True, exclude_unset=True)
    assert dumped == answer
    assert cast(Any, order).line.qty == 2  # a generated attribute mypy cannot know here
    assert type(order).__module__.startswith("cafe.models")
    generated_answers_parse(built)


# -- documents without paths or without schemas ---------------------------------------------

WEBHOOKS_ONLY = """
openapi: 3.1.0
info: {title: Hooks, version: "1.0.0"}
webhooks:
  ping:
    post:
      requestBody: {content: {application/json: {schema: {$ref: "#/components/schemas/Ping"}}}}
      responses: {"200": {description: ok}}
components:
  schemas:
    Ping: {type: object, properties: {at: {type: string}}}
"""

NO_SCHEMAS = """
openapi: 3.0.0
info: {title: Bare, version: "1.0.0"}
paths:
  /:
    get:
      responses:
        "200": {description: ok, content: {application/json: {examples: {a: {value: {x: 1}}}}}}
"""


def test_a_document_without_paths_still_gets_a_client(generate_client: GenerateClient) -> None:
    built = generate_client(WEBHOOKS_ONLY, "hooks")
    assert built.generated.api.operations == ()
    assert built.package.models.Ping(at="now").at == "now"
    with make_client(built, Server()) as client:
        assert client.base_url == httpx.URL("https://api.test")


def test_a_document_without_schemas_still_gets_a_client(generate_client: GenerateClient) -> None:
    built = generate_client(NO_SCHEMAS, "bare")
    assert make_client(built, Server(json_body={"x": 1})).get() == {"x": 1}
