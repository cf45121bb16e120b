"""Schema faults in what the server answers."""

from __future__ import annotations

from typing import Any

from ..server import (
    KinboxServer,
    parse_stamp,
)


class WorkspaceIdAsText(KinboxServer):
    def present(self, contact: dict[str, Any]) -> dict[str, Any]:
        return {**contact, "workspaceId": str(contact["workspaceId"])}


class IdAsNumber(KinboxServer):
    def present(self, contact: dict[str, Any]) -> dict[str, Any]:
        return {**contact, "id": int(contact["id"])}


class OmitsCreatedAt(KinboxServer):
    def present(self, contact: dict[str, Any]) -> dict[str, Any]:
        return {name: value for name, value in contact.items() if name != "createdAt"}


class SqlTimestamps(KinboxServer):
    """Timestamps as the database prints them: `2026-12-01 10:15:00`, not RFC 3339."""

    def present(self, contact: dict[str, Any]) -> dict[str, Any]:
        shown = dict(contact)
        for name in ("createdAt", "lastUpdateAt", "updatedAt"):
            if name in shown:
                shown[name] = parse_stamp(shown[name]).strftime("%Y-%m-%d %H:%M:%S")
        return shown


class ErrorsWithoutMessage(KinboxServer):
    """Errors in another framework's shape: `{"error": ...}`, no `message`."""

    def encode(self, value: Any) -> bytes:
        if isinstance(value, dict) and "message" in value and "id" not in value:
            value = {"error": value["message"], "details": value.get("errors", [])}
        return super().encode(value)
