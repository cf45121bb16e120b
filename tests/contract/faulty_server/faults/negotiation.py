"""Content negotiation faults: media types in and out."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from ..server import Answer, KinboxServer, Refused, Request


class ParsesAnyMediaType(KinboxServer):
    """Parses the body as JSON whatever Content-Type says."""

    def accepts_media_type(self, content_type: str | None) -> bool:
        return True


class AcceptsFormData(KinboxServer):
    """Also takes application/x-www-form-urlencoded, as a web form would post it."""

    def decode_body(self, request: Request) -> dict[str, Any]:
        media = (request.header("content-type") or "").split(";")[0].strip().lower()
        if media == "application/x-www-form-urlencoded":
            return dict(parse_qsl(request.body.decode("utf-8", "replace")))
        return super().decode_body(request)


class AnswersTextPlain(KinboxServer):
    """Sends JSON labelled text/plain (a framework's default for a pre-encoded string)."""

    def response_headers(self, request: Request, answer: Answer, body: bytes) -> list[tuple[str, str]]:
        headers = super().response_headers(request, answer, body)
        return [(name, "text/plain; charset=utf-8" if name == "content-type" else value) for name, value in headers]


class Answers415(KinboxServer):
    """Answers 415 Unsupported Media Type, which the contract does not document, not 400."""

    def decode_body(self, request: Request) -> dict[str, Any]:
        if not self.accepts_media_type(request.header("content-type")):
            raise Refused(415, "unsupported_media_type", "Send application/json.")
        return super().decode_body(request)
