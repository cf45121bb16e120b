"""The mock Kinbox server: a plain ASGI application, served by uvicorn.

It serves the four contact operations of the spec: `POST /v3/contacts` (create), `GET
/v3/contacts` (one page), `GET /v3/contacts/all` (every match) and `PATCH /v3/contacts/{id}`.
Listing (query parameters, filters, order, pages) is `listing.py`'s job; the store's.

Checks happen in a fixed order, each answering as the spec documents: an unknown path 404,
another method 405 with `Allow`, no valid bearer token 401, a query parameter that breaks its
schema 422 naming `query.<name>` (listings), a path id that breaks its schema
422, an oversized body 413, a body that is not a JSON object (or not sent as JSON), or JSON
the mock could not send back (see `body.py`), 400, a body that breaks the schema 422 naming each
field and why, an unknown contact 404, else 200 with the contact after the update. The store
is written last, once the whole request is known to be valid. An unexpected exception still
answers a documented 5XX body; the contract and robustness tests make sure that never happens.
"""

from __future__ import annotations

import itertools
import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from ..contract import Contract, OperationChecks, Problem
from . import body as json_body
from . import listing
from .auth import bearer_matches, is_b64token
from .store import ContactStore, Unstorable, load_seed
from .types import Receive, Scope, Send

logger = logging.getLogger("kinbox_mock")

DEFAULT_MAX_BODY_BYTES = 64 * 1024
_CANONICAL_INTEGER = re.compile(r"(0|-?[1-9][0-9]*)")
# Longer ids are refused unread: converting thousands of digits to an int is slow, and beyond
# the interpreter's limit (4300) it fails. Any id of the spec's int64 has at most 19 digits.
MAX_ID_DIGITS = 64
_PATH_PREFIX = [b"", b"v3", b"contacts"]
# The spec's paths, by what the mock serves at each.
COLLECTION, ALL, ITEM = "/v3/contacts", "/v3/contacts/all", "/v3/contacts/{id}"
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(slots=True)
class Answer:
    status: int
    body: bytes
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    # The JSON value `body` encodes, when the answer was built from it: the self-check then
    # validates it without parsing `body` back.
    value: Any = None
    # False for answers to requests that match no operation of the spec (unknown path, other
    # method): the spec cannot document those, so they are not self-checked against it.
    documented: bool = True
    # The operation whose responses document this answer; None: Update Contact's.
    operation: OperationChecks | None = None

    async def send(self, send: Send, request_id: bytes) -> None:
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(self.body)).encode()),
            (b"x-request-id", request_id),
            *self.headers,
        ]
        await send({"type": "http.response.start", "status": self.status, "headers": headers})
        await send({"type": "http.response.body", "body": self.body})


def error(status: int, code: str, message: str, problems: list[Problem] | None = None, **headers: str) -> Answer:
    body: dict[str, Any] = {"code": code, "message": message}
    if problems:
        body["errors"] = [problem.as_json() for problem in problems]
    return Answer(
        status,
        json.dumps(body, ensure_ascii=False, allow_nan=False).encode("utf-8"),
        [(name.replace("_", "-").lower().encode(), value.encode()) for name, value in headers.items()],
        value=body,
    )


class MockKinbox:
    """ASGI app for the contact operations with the contract's semantics and state."""

    def __init__(
        self,
        *,
        token: str,
        store: ContactStore | None = None,
        contract: Contract | None = None,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        check_responses: bool = True,
    ) -> None:
        if not is_b64token(token):  # no request could ever match it; the message must not show it
            raise ValueError("the mock's token must be RFC 6750 b64token characters: letters, digits, -._~+/ then =s")
        self.token = token
        self.store = store if store is not None else ContactStore(load_seed())
        self.contract = contract if contract is not None else Contract()
        self.max_body_bytes = max_body_bytes
        self.check_responses = check_responses
        self._token = token.encode()
        paths = self.contract.document["paths"]
        self._allow = {
            path: ", ".join(sorted(method.upper() for method in paths[path] if method in _METHODS))
            for path in (COLLECTION, ALL, ITEM)
        }
        self._create = self.contract.operation(COLLECTION, "post")
        self._list = self.contract.operation(COLLECTION, "get")
        self._list_all = self.contract.operation(ALL, "get")
        if self._create.body is None:
            raise ValueError(f"the spec gives POST {COLLECTION} no JSON request body")
        self._create_body = self._create.body
        # What List Contacts does when `limit`/`offset` are left out: the spec's defaults.
        self._default_limit = int(self._list.query_schemas["limit"]["default"])
        self._default_offset = int(self._list.query_schemas["offset"]["default"])
        self._request_ids = itertools.count(1)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        request_id = f"mock-{next(self._request_ids)}".encode()
        try:
            answer = await self._answer(scope, receive)
            if self.check_responses and answer.documented:
                self._check(answer)
        except Exception:
            logger.exception("the mock server failed on %s %s", scope.get("method"), scope.get("path"))
            answer = error(500, "internal_error", "The mock server failed; this is a bug in the mock.")
        await answer.send(send, request_id)

    async def _answer(self, scope: Scope, receive: Receive) -> Answer:
        segments = scope.get("raw_path", scope["path"].encode()).split(b"?")[0].split(b"/")
        if segments == _PATH_PREFIX:
            path = COLLECTION
        elif len(segments) == 4 and segments[:3] == _PATH_PREFIX:
            path = ALL if segments[3] == b"all" else ITEM
        else:
            return _undocumented(error(404, "not_found", "No such endpoint."))
        allow = self._allow[path]
        if scope["method"] not in allow.split(", "):
            return _undocumented(error(405, "method_not_allowed", f"Use {allow}.", allow=allow))
        headers = dict(scope["headers"])
        if len(headers) == len(scope["headers"]):  # no header name repeats: the dict has them all
            authorizations = [headers[b"authorization"]] if b"authorization" in headers else []
        else:
            authorizations = [value for name, value in scope["headers"] if name == b"authorization"]
        if not bearer_matches(authorizations, self._token):
            return error(401, "unauthorized", "A valid bearer token is required.", www_authenticate="Bearer")
        if path == COLLECTION and scope["method"] == "POST":
            return _for(self._create, await self._create_contact(headers, receive))
        if path != ITEM:
            checks = self._list if path == COLLECTION else self._list_all
            return _for(checks, self._list_contacts(checks, scope.get("query_string", b""), paged=path == COLLECTION))
        raw_id = unquote(segments[3].decode("latin-1"), errors="replace")
        contact_id, problems = self._parse_id(raw_id)
        if problems:
            return error(422, "validation_failed", "The request does not match the contract.", problems)
        body, problem = await self._read_json(headers, receive)
        if problem is not None:
            return problem
        problems = self.contract.problems(self.contract.body_validator, body)
        if problems:
            return error(422, "validation_failed", "The request does not match the contract.", problems)
        try:
            updated = self.store.patch(contact_id, body)
        except Unstorable as exc:  # `json_body` refuses all of these first; this is the store's own guard
            return error(400, "malformed_json", f"The request body cannot be stored: {exc}.")
        if updated is None:
            return error(404, "not_found", f"Contact {contact_id} was not found.")
        encoded, value = updated
        return Answer(200, encoded, value=value)

    async def _create_contact(self, headers: dict[bytes, bytes], receive: Receive) -> Answer:
        body, problem = await self._read_json(headers, receive)
        if problem is not None:
            return problem
        problems = self.contract.problems(self._create_body, body)
        if problems:
            return error(422, "validation_failed", "The request does not match the contract.", problems)
        try:
            encoded, value = self.store.create(body)
        except Unstorable as exc:  # `json_body` refuses all of these first; this is the store's own guard
            return error(400, "malformed_json", f"The request body cannot be stored: {exc}.")
        return Answer(201, encoded, value=value)

    def _list_contacts(self, checks: OperationChecks, raw_query: bytes, *, paged: bool) -> Answer:
        query, problems = listing.read_query(raw_query, checks, self.contract)
        if query is None:
            return error(422, "validation_failed", "The query does not match the contract.", problems)
        found = listing.matching(self.store.listing(), query, self.store.now())
        value: dict[str, Any] = {}
        if paged:
            offset, limit = query.get("offset", self._default_offset), query.get("limit", self._default_limit)
            if not query.get("ignoreCount", False):
                value["totalCount"] = len(found)
            found = found[offset : offset + limit]
        else:
            value["totalCount"] = len(found)
        value["data"] = [record for record, _ in found]
        # The page is made of each record's stored encoding: no contact is encoded again.
        head = b'{"totalCount":%d,' % value["totalCount"] if "totalCount" in value else b"{"
        encoded = head + b'"data":[' + b",".join(json for _, json in found) + b"]}"
        return Answer(200, encoded, value=value)

    def _parse_id(self, raw: str) -> tuple[str, list[Problem]]:
        where = f"path.{self.contract.parameter_name}"
        if not _CANONICAL_INTEGER.fullmatch(raw):
            return raw, [Problem(where, "must be an integer written in decimal digits")]
        if len(raw) > MAX_ID_DIGITS:
            return raw, [Problem(where, f"must be at most {MAX_ID_DIGITS} digits long")]
        problems = self.contract.problems(self.contract.id_validator, int(raw))
        return raw, [Problem(where, p.message) for p in problems]

    async def _read_json(self, headers: dict[bytes, bytes], receive: Receive) -> tuple[Any, Answer | None]:
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            return None, self._too_large()
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":  # nobody to answer; and never store half a body
                return None, error(400, "malformed_json", "The request body was not received completely.")
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                return None, self._too_large()
            chunks.append(chunk)
            more = message.get("more_body", False)
        media_type = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
        if not (media_type == b"application/json" or media_type.endswith(b"+json")):
            return None, error(400, "unsupported_media_type", "The body must be sent as application/json.")
        try:
            body = json_body.parse(b"".join(chunks))
        except json_body.Refused as refused:
            return None, error(400, refused.code, refused.message, refused.problems)
        if not isinstance(body, dict):
            return None, error(400, "malformed_json", "The request body must be a JSON object.")
        return body, None

    def _too_large(self) -> Answer:
        return error(413, "payload_too_large", f"The body is larger than {self.max_body_bytes} bytes.")

    def _check(self, answer: Answer) -> None:
        value = answer.value if answer.value is not None else json.loads(answer.body)
        if answer.operation is not None:
            problems = answer.operation.response_problems(self.contract, answer.status, value)
        else:
            problems = self.contract.response_problems(answer.status, value)
        if problems:
            raise AssertionError(f"the mock's own {answer.status} answer breaks the spec: {problems}")


def _for(operation: OperationChecks, answer: Answer) -> Answer:
    answer.operation = operation
    return answer


def _undocumented(answer: Answer) -> Answer:
    answer.documented = False
    return answer


async def lifespan(receive: Receive, send: Send) -> None:
    """Answer the ASGI lifespan protocol: nothing to set up or tear down."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
