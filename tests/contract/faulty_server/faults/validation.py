"""Schema faults in what the server accepts or refuses."""

from __future__ import annotations

import json
from typing import Any

from ..rules import FieldRule, json_type
from ..server import KinboxServer, Request


class AcceptsLongName(KinboxServer):
    """The name column was widened and the length check removed with it."""

    def problems(self, body: dict[str, Any]) -> list[dict[str, str]]:
        return [p for p in super().problems(body) if not (p["field"] == "/name" and "at most" in p["message"])]


class AcceptsOnePastEmailLimit(KinboxServer):
    """`len(text) > limit + 1`: one character past the limit gets through."""

    def too_long(self, text: str, limit: int) -> bool:
        return len(text) > limit + 1


class RejectsAtLimit(KinboxServer):
    """`len(text) >= limit`: a value exactly at the limit is refused."""

    def too_long(self, text: str, limit: int) -> bool:
        return len(text) >= limit


class CountsUtf8Bytes(KinboxServer):
    """Measures the UTF-8 encoding, so 128 accented letters are "too long"."""

    def too_long(self, text: str, limit: int) -> bool:
        return len(text.encode("utf-8")) > limit


class CountsUtf16Units(KinboxServer):
    """Measures UTF-16 code units (JavaScript's `.length`), so an emoji counts twice."""

    def too_long(self, text: str, limit: int) -> bool:
        return len(text.encode("utf-16-le")) // 2 > limit


class AcceptsNullEverywhere(KinboxServer):
    """Every column is nullable in the database, and the check follows the database."""

    def admits_type(self, rule: FieldRule, value: Any) -> bool:
        return value is None or super().admits_type(rule, value)


class RefusesNull(KinboxServer):
    """Every column is NOT NULL, so clearing a field with null is refused."""

    def admits_type(self, rule: FieldRule, value: Any) -> bool:
        return value is not None and super().admits_type(rule, value)


class DropsUnknownProperties(KinboxServer):
    """Ignores properties it does not know instead of refusing them."""

    def problems(self, body: dict[str, Any]) -> list[dict[str, str]]:
        known = {name: value for name, value in body.items() if name in self.rules}
        for name in set(body) - set(known):
            del body[name]
        return super().problems(known)


class CoercesToText(KinboxServer):
    """Turns numbers and booleans sent for a text field into their text."""

    def admits_type(self, rule: FieldRule, value: Any) -> bool:
        scalar = json_type(value) in {"integer", "number", "boolean"}
        return ("string" in rule.types and scalar) or super().admits_type(rule, value)

    def store_value(self, name: str, value: Any) -> Any:
        if "string" in self.rules[name].types and json_type(value) in {"integer", "number", "boolean"}:
            return json.dumps(value)
        return value


class EmptyBodyIsEmptyObject(KinboxServer):
    """A body parser that hands the handler `{}` when there is no body, so the required body is not."""

    def decode_body(self, request: Request) -> dict[str, Any]:
        return {} if not request.body else super().decode_body(request)
