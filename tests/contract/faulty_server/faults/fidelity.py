"""Fidelity faults: what is stored, or answered, is not exactly what was sent."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from ..server import KinboxServer


class TruncatesNotes(KinboxServer):
    """Notes go to a VARCHAR(255) column that silently truncates."""

    def store_value(self, name: str, value: Any) -> Any:
        return value[:255] if name == "notes" and isinstance(value, str) else value


class NormalisesUnicode(KinboxServer):
    """Stores text in NFC, so a letter and its combining mark become one code point."""

    def store_value(self, name: str, value: Any) -> Any:
        return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


class ReplacesAstralCharacters(KinboxServer):
    """A 3-byte UTF-8 column in lenient mode: characters above U+FFFF become U+FFFD."""

    def store_value(self, name: str, value: Any) -> Any:
        if isinstance(value, str):
            return "".join(char if ord(char) <= 0xFFFF else "\ufffd" for char in value)
        return value


class DropsTelegramId(KinboxServer):
    """telegramId is missing from the column list of the UPDATE statement."""

    def apply(self, contact: dict[str, Any], changes: dict[str, Any]) -> None:
        super().apply(contact, {name: value for name, value in changes.items() if name != "telegramId"})


class EchoesUnsavedLocation(KinboxServer):
    """Answers the location it was sent, but never writes it (a cache updated, the store not)."""

    async def update(self, contact_id: int, changes: dict[str, Any]) -> dict[str, Any] | None:
        saved = {name: value for name, value in changes.items() if name != "location"}
        contact = await super().update(contact_id, saved)
        if contact is not None and "location" in changes:
            contact["location"] = changes["location"]
        return contact


class FloatNumbers(KinboxServer):
    """Numbers inside free-form objects pass through float64 (a JavaScript service)."""

    def store_value(self, name: str, value: Any) -> Any:
        return _as_float(value) if isinstance(value, dict) else value


def _as_float(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return float(value)
    if isinstance(value, dict):
        return {key: _as_float(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_float(item) for item in value]
    return value


class FlattensNestedValues(KinboxServer):
    """Free-form objects are a key/value table: nested objects and arrays are stored as text."""

    def store_value(self, name: str, value: Any) -> Any:
        if isinstance(value, dict):
            return {key: json.dumps(item) if isinstance(item, dict | list) else item for key, item in value.items()}
        return value
