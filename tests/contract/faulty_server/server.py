"""The correct server: PATCH /v3/contacts/{id} as the spec describes it, as a plain ASGI app.

Every decision a real server makes is one method of `KinboxServer`, so a fault (see
`faults`) is a subclass overriding exactly one of them. The order of checks follows the
spec's responses: unknown path 404, other method 405 with `Allow`, no valid token 401, a path
id that is not a positive int64 422, a body over 64 KiB 413, a body that is not a JSON object
sent as JSON 400, a body the schema refuses 422, an unknown contact 404, else 200 with the
whole contact after the update.
"""

from __future__ import annotations

import asyncio
import copy
import datetime as dt
import hmac
import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from .rules import MAX_ID, FieldRule, load_rules

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

MAX_BODY_BYTES = 64 * 1024
WORKSPACE_ID = 42
SERVER_MANAGED = frozenset({"id", "workspaceId", "createdAt", "lastUpdateAt", "updatedAt"})
_DECIMAL = re.compile(r"[1-9][0-9]*")


def seed_contacts() -> dict[str, dict[str, Any]]:
    """The server's contacts: 1001 has every writable field set (the teeth run writes to it),
    1002 only a few."""
    first: dict[str, Any] = {
        "id": "1001",
        "workspaceId": WORKSPACE_ID,
        "_id": "6650a1b2c3d4e5f601234567",
        "name": "Ana Souza",
        "email": "ana.souza@example.com",
        "externalId": "crm-7781",
        "origin": "whatsapp",
        "phone": "+5511987654321",
        "location": "São Paulo",
        "avatar": "https://example.com/ana.png",
        "facebookId": "ana.souza.fb",
        "instagramId": "ana.souza",
        "telegramId": "anasouza",
        "notes": "Prefers WhatsApp after 18h.",
        "isImported": False,
        "hasConversation": True,
        "newContact": False,
        "isPrivate": False,
        "customFields": {"plan": "gold"},
        "crmData": {"stage": "lead"},
        "CustomerCustomField": {"tier": 2},
        "createdAt": "2024-05-02T12:00:00.000000Z",
        "lastUpdateAt": "2026-11-01T10:15:00.000000Z",
        "updatedAt": "2026-11-01T10:15:00.000000Z",
    }
    second: dict[str, Any] = {
        "id": "1002",
        "workspaceId": WORKSPACE_ID,
        "name": "Bruno Lima",
        "origin": "instagram",
        "createdAt": "2025-01-10T08:30:00.000000Z",
        "lastUpdateAt": "2025-01-10T08:30:00.000000Z",
    }
    return {contact["id"]: contact for contact in (first, second)}


def stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def parse_stamp(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


@dataclass
class Request:
    method: str
    segments: list[str]  # the path below the variant's base path, split on "/"
    headers: dict[str, str]  # lower-case names; repeated headers joined with ", "
    body: bytes
    too_large: bool

    def header(self, name: str) -> str | None:
        return self.headers.get(name)


@dataclass
class Answer:
    status: int
    value: Any  # the JSON value of the body
    headers: list[tuple[str, str]] = field(default_factory=list)


class Refused(Exception):
    """A request the server answers with an error; raised where the problem is found."""

    def __init__(self, status: int, code: str, message: str, errors: list[dict[str, str]] | None = None) -> None:
        super().__init__(message)
        body: dict[str, Any] = {"code": code, "message": message}
        if errors:
            body["errors"] = errors
        self.answer = Answer(status, body)


def problem(pointer: str, message: str) -> dict[str, str]:
    return {"field": pointer, "message": message}


def pointer(name: str) -> str:
    return "/" + name.replace("~", "~0").replace("/", "~1")


class KinboxServer:
    """One variant's server: its own contacts, its own clock, its own decisions."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.rules: dict[str, FieldRule] = load_rules()
        self.contacts = seed_contacts()
        self.lock = asyncio.Lock()

    # -- the ASGI application -----------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = await read_request(scope, receive)
        answer = await self.intercept(request)
        if answer is None:
            try:
                answer = await self.handle(request)
            except Refused as refused:
                answer = refused.answer
            except Exception:  # what any web framework does with a bug: a 500, the process lives on
                answer = Answer(500, {"code": "internal_error", "message": "The server failed."})
        await self.send(request, answer, send)

    async def intercept(self, request: Request) -> Answer | None:
        """An answer given before the request is looked at (rate limiting, maintenance)."""
        return None

    async def handle(self, request: Request) -> Answer:
        if len(request.segments) != 3 or request.segments[:2] != ["v3", "contacts"]:
            return Answer(404, {"code": "not_found", "message": "No such endpoint."})
        if request.method != "PATCH":
            return Answer(405, {"code": "method_not_allowed", "message": "Use PATCH."}, [("allow", "PATCH")])
        if not self.authorised(request.header("authorization")):
            raise Refused(401, "unauthorized", "A valid bearer token is required.")
        contact_id = self.parse_id(request.segments[2])
        if request.too_large:
            raise Refused(413, "payload_too_large", f"The body is larger than {MAX_BODY_BYTES} bytes.")
        body = self.decode_body(request)
        errors = self.problems(body)
        if errors:
            raise Refused(422, "validation_failed", "The request does not match the contract.", errors)
        contact = await self.update(contact_id, body)
        if contact is None:
            return self.unknown_contact(contact_id)
        return Answer(200, self.present(contact))

    # -- the decisions a fault may get wrong ---------------------------------------------------

    def authorised(self, header: str | None) -> bool:
        return header is not None and hmac.compare_digest(header.encode(), f"Bearer {self.token}".encode())

    def parse_id(self, raw: str) -> int:
        text = unquote(raw)
        if not _DECIMAL.fullmatch(text) or int(text) > MAX_ID:
            raise Refused(
                422,
                "validation_failed",
                "The request does not match the contract.",
                [problem("path.id", "must be a positive 64-bit integer in decimal")],
            )
        return int(text)

    def accepts_media_type(self, content_type: str | None) -> bool:
        media = (content_type or "").split(";")[0].strip().lower()
        return media == "application/json" or media.endswith("+json")

    def decode_body(self, request: Request) -> dict[str, Any]:
        if not self.accepts_media_type(request.header("content-type")):
            raise Refused(400, "unsupported_media_type", "The body must be sent as application/json.")
        try:
            body = json.loads(request.body.decode("utf-8"), parse_constant=_refuse_constant)
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise Refused(400, "malformed_json", "The request body is not valid JSON.") from exc
        if not isinstance(body, dict):
            raise Refused(400, "malformed_json", "The request body must be a JSON object.")
        return body

    def problems(self, body: dict[str, Any]) -> list[dict[str, str]]:
        found = []
        for name, value in body.items():
            rule = self.rules.get(name)
            if rule is None:
                found.append(problem(pointer(name), "is not a property of ContactUpdate"))
            elif not self.admits_type(rule, value):
                found.append(problem(pointer(name), f"must be {' or '.join(sorted(rule.types))}"))
            elif isinstance(value, str) and rule.max_length is not None and self.too_long(value, rule.max_length):
                found.append(problem(pointer(name), f"must have at most {rule.max_length} characters"))
        return found

    def admits_type(self, rule: FieldRule, value: Any) -> bool:
        return rule.admits_type(value)

    def too_long(self, text: str, limit: int) -> bool:
        """JSON Schema counts characters as code points, and so does Python."""
        return len(text) > limit

    async def update(self, contact_id: int, changes: dict[str, Any]) -> dict[str, Any] | None:
        """Read, modify and write under one lock, so concurrent PATCHes never lose an update."""
        async with self.lock:
            contact = self.contacts.get(str(contact_id))
            if contact is None:
                return None
            if changes:
                self.apply(contact, changes)
                self.touch(contact)
            return copy.deepcopy(contact)

    def apply(self, contact: dict[str, Any], changes: dict[str, Any]) -> None:
        """PATCH semantics: each property sent replaces the stored value; null is stored as null."""
        for name, value in changes.items():
            contact[name] = self.store_value(name, copy.deepcopy(value))

    def store_value(self, name: str, value: Any) -> Any:
        return value

    def touch(self, contact: dict[str, Any]) -> None:
        """Advance the change stamps, strictly, even within one clock tick."""
        previous = parse_stamp(contact["lastUpdateAt"])
        moment = max(dt.datetime.now(dt.UTC), previous + dt.timedelta(microseconds=1))
        contact["lastUpdateAt"] = contact["updatedAt"] = stamp(moment)

    def unknown_contact(self, contact_id: int) -> Answer:
        return Answer(404, {"code": "not_found", "message": f"Contact {contact_id} was not found."})

    def present(self, contact: dict[str, Any]) -> dict[str, Any]:
        """The contact as the answer shows it."""
        return contact

    # -- the wire ------------------------------------------------------------------------------

    def encode(self, value: Any) -> bytes:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        try:
            return text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate the client sent as \ud800: echo it escaped
            return json.dumps(value, separators=(",", ":")).encode("ascii")

    def response_headers(self, request: Request, answer: Answer, body: bytes) -> list[tuple[str, str]]:
        headers = [("content-type", "application/json"), ("content-length", str(len(body)))]
        if answer.status == 401:
            headers.append(("www-authenticate", "Bearer"))
        return headers + answer.headers

    async def send(self, request: Request, answer: Answer, send: Send) -> None:
        body = self.encode(answer.value)
        headers = self.response_headers(request, answer, body)
        await send(
            {
                "type": "http.response.start",
                "status": answer.status,
                "headers": [(name.encode("latin-1"), value.encode("latin-1")) for name, value in headers],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


async def read_request(scope: Scope, receive: Receive) -> Request:
    """The whole request, the body read up to one byte past the limit (the rest is drained)."""
    chunks: list[bytes] = []
    size = 0
    more = True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        if size <= MAX_BODY_BYTES:
            chunks.append(chunk)
        size += len(chunk)
        more = message.get("more_body", False)
    headers: dict[str, str] = {}
    for raw_name, raw_value in scope["headers"]:
        name, value = raw_name.decode("latin-1").lower(), raw_value.decode("latin-1")
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    raw_path = scope.get("raw_path") or scope["path"].encode()
    return Request(
        method=scope["method"],
        segments=raw_path.decode("latin-1").split("?")[0].split("/")[1:],
        headers=headers,
        body=b"".join(chunks),
        too_large=size > MAX_BODY_BYTES,
    )
