"""Which credentials the client takes, and which schemes each operation applies."""

from __future__ import annotations

from typing import Any

from ..errors import Diagnostic
from ..spec.openapi import OpenApi
from . import ir


def security_schemes(openapi: OpenApi, warnings: list[Diagnostic]) -> list[ir.SecurityScheme]:
    """The schemes the runtime can apply; a note for each other one."""
    schemes = []
    for declared in openapi.security_schemes():
        name, scheme = declared.name, declared.value
        kind = scheme.get("type")
        description = str(scheme.get("description") or "")
        http_scheme = str(scheme.get("scheme", "")).lower()
        if (kind == "http" and http_scheme == "bearer") or kind in ("oauth2", "openIdConnect"):
            schemes.append(ir.SecurityScheme(name, "bearer", description))
        elif kind == "http" and http_scheme == "basic":
            schemes.append(ir.SecurityScheme(name, "basic", description))
        elif kind == "apiKey" and scheme.get("in") in ("header", "query", "cookie"):
            schemes.append(
                ir.SecurityScheme(
                    name, "api_key", description, api_key_name=str(scheme["name"]), api_key_location=scheme["in"]
                )
            )
        else:
            warnings.append(
                Diagnostic(
                    f"security scheme {name!r} ({kind} {http_scheme}".rstrip() + ") is not supported; "
                    "operations that require only it are generated without credentials",
                    pointer=declared.at,
                )
            )
    return schemes


def security(requirements: Any, supported: set[str]) -> tuple[tuple[str, ...], ...]:
    """Alternatives of scheme names; `()` is the anonymous alternative (`{}` in the spec)."""
    alternatives: list[tuple[str, ...]] = []
    for requirement in requirements or []:
        names = tuple(sorted(requirement or {}))
        if all(name in supported for name in names) and names not in alternatives:
            alternatives.append(names)
    return tuple(alternatives)


def credentials(kinds: set[ir.SchemeKind], env_prefix: str) -> tuple[ir.Credential, ...]:
    found = []
    if "bearer" in kinds:
        found.append(ir.Credential("token", f"{env_prefix}_TOKEN", "Bearer token"))
    if "api_key" in kinds:
        found.append(ir.Credential("api_key", f"{env_prefix}_API_KEY", "API key"))
    if "basic" in kinds:
        found.append(ir.Credential("username", f"{env_prefix}_USERNAME", "User name for HTTP basic auth"))
        found.append(ir.Credential("password", f"{env_prefix}_PASSWORD", "Password for HTTP basic auth"))
    return tuple(found)
