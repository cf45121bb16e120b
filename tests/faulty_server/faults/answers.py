"""Schema faults in what the server answers."""

from __future__ import annotations

from typing import Any

from ..server import (
    KinboxServer,
)


class WorkspaceIdAsText(KinboxServer):
    def present(self, contact: dict[str, Any]) -> dict[str, Any]:
        return {**contact, "workspaceId": str(contact["workspaceId"])}


class ErrorsWithoutMessage(KinboxServer):
    """Errors in another framework's shape: `{"error": ...}`, no `message`."""

    def encode(self, value: Any) -> bytes:
        if isinstance(value, dict) and "message" in value and "id" not in value:
            value = {"error": value["message"], "details": value.get("errors", [])}
        return super().encode(value)
