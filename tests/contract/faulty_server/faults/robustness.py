"""Robustness faults: inputs that crash the server (a 500)."""

from __future__ import annotations

import json
from typing import Any

from ..server import KinboxServer, Request


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


class CrashesOnEmptyStrings(KinboxServer):
    """`text[0]` on every string to sniff its script."""

    def problems(self, body: dict[str, Any]) -> list[dict[str, str]]:
        for text in _strings(body):
            text[0].isalpha()  # IndexError on ""
        return super().problems(body)


class CrashesOnAstralCharacters(KinboxServer):
    """A MySQL `utf8` (3-byte) column: emoji and other characters above U+FFFF make the insert fail."""

    def store_value(self, name: str, value: Any) -> Any:
        for text in _strings(value):
            if any(ord(char) > 0xFFFF for char in text):
                raise ValueError("Incorrect string value for column")
        return value


class CrashesOnNul(KinboxServer):
    """PostgreSQL text refuses U+0000, and the driver's error escapes as a 500."""

    def store_value(self, name: str, value: Any) -> Any:
        if any("\x00" in text for text in _strings(value)):
            raise ValueError("invalid byte sequence for encoding UTF8: 0x00")
        return value


class CrashesOnInvalidJson(KinboxServer):
    """Parses the body without catching the parser's error."""

    def decode_body(self, request: Request) -> dict[str, Any]:
        if self.accepts_media_type(request.header("content-type")) and request.body.strip():
            json.loads(request.body)
        return super().decode_body(request)


class CrashesOnEmptyBody(KinboxServer):
    """A body parser that hands the handler `None` for an empty body."""

    def decode_body(self, request: Request) -> dict[str, Any]:
        if not request.body.strip():
            return None.items()  # type: ignore[attr-defined,no-any-return]
        return super().decode_body(request)


class Int32Ids(KinboxServer):
    """Ids parsed into a 32-bit integer: a larger id overflows."""

    def parse_id(self, raw: str) -> int:
        contact_id = super().parse_id(raw)
        if contact_id > 2**31 - 1:
            raise OverflowError("value out of int32 range")
        return contact_id
