"""Auth faults: who the server lets in, and how it says no."""

from __future__ import annotations

from ..server import KinboxServer, Refused


class IgnoresAuth(KinboxServer):
    def authorised(self, header: str | None) -> bool:
        return True


class AcceptsTokenPrefix(KinboxServer):
    """Compares only as many characters as the real token has (a truncating hash)."""

    def authorised(self, header: str | None) -> bool:
        expected = f"Bearer {self.token}"
        return header is not None and header[: len(expected)] == expected


class ForbidsWrongToken(KinboxServer):
    """Answers 403, not the documented 401, when a token is present but wrong."""

    def authorised(self, header: str | None) -> bool:
        if header is not None and not super().authorised(header):
            raise Refused(403, "forbidden", "The token is not valid.")
        return super().authorised(header)


class AcceptsAnyBearer(KinboxServer):
    """Checks that a bearer token is present, not that it is valid."""

    def authorised(self, header: str | None) -> bool:
        return header is not None and header.startswith("Bearer ")
