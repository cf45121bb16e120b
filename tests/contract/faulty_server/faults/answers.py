"""Schema faults in what the server answers."""

from __future__ import annotations

from typing import Any

from ..server import Answer, KinboxServer, Request, parse_stamp


class WorkspaceIdAsText(KinboxServer):
    def present(self, contact: dict[str, Any]) -> dict[str, Any]:
        return {**contact, "workspaceId": str(contact["workspaceId"])}


class ErrorsWithoutMessage(KinboxServer):
    """Errors in another framework's shape: `{"error": ...}`, no `message`."""

    def encode(self, value: Any) -> bytes:
        if isinstance(value, dict) and "message" in value and "id" not in value:
            value = {"error": value["message"], "details": value.get("errors", [])}
        return super().encode(value)


class SqlTimestamps(KinboxServer):
    """Timestamps as the database prints them: `2026-12-01 10:15:00`, not RFC 3339."""

    def present(self, contact: dict[str, Any]) -> dict[str, Any]:
        shown = dict(contact)
        for name in ("createdAt", "lastUpdateAt", "updatedAt"):
            if name in shown:
                shown[name] = parse_stamp(shown[name]).strftime("%Y-%m-%d %H:%M:%S")
        return shown


class OtherMethodsNotFound(KinboxServer):
    """A router that only knows the routes it has: another method is "not found", with no Allow."""

    async def handle(self, request: Request) -> Answer:
        if request.method != "PATCH":
            return Answer(404, {"code": "not_found", "message": "No such route."})
        return await super().handle(request)
