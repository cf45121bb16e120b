"""Credentials and how they go on a request.

Secrets live only in `Credentials`, whose repr never shows them, and are added to each
request's headers, query or cookies just before it is sent. Messages name the argument
and the environment variable to set, never a value.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Mapping
from dataclasses import dataclass

from ._exceptions import MissingCredentialsError
from ._kinds import ApiKeyLocation, SchemeKind


@dataclass(frozen=True, slots=True)
class SecurityScheme:
    kind: SchemeKind
    api_key_name: str | None = None
    api_key_location: ApiKeyLocation | None = None


class Credentials:
    """Secrets by argument name ("token", "api_key", "username", "password")."""

    __slots__ = ("_env_vars", "_values")

    def __init__(self, given: Mapping[str, str | None], env_vars: Mapping[str, str]) -> None:
        self._env_vars = dict(env_vars)
        self._values = {
            name: value
            for name in env_vars
            if (value := given.get(name) or os.environ.get(env_vars[name]) or None) is not None
        }

    def get(self, name: str) -> str | None:
        return self._values.get(name)

    def hint(self, names: tuple[str, ...]) -> str:
        """'pass token=... or set KINBOX_TOKEN'."""
        return " and ".join(
            f"pass {name}=... or set {self._env_vars.get(name, name.upper())}" for name in names
        )

    def __repr__(self) -> str:
        return f"Credentials({', '.join(f'{name}=***' for name in sorted(self._values))})"


# What each kind of scheme needs from the caller.
REQUIRED: dict[SchemeKind, tuple[str, ...]] = {
    "bearer": ("token",),
    "api_key": ("api_key",),
    "basic": ("username", "password"),
}


def satisfiable(
    alternatives: tuple[tuple[str, ...], ...],
    schemes: Mapping[str, SecurityScheme],
    credentials: Credentials,
) -> tuple[str, ...] | None:
    """The first alternative whose credentials are all present; None when none is.

    The anonymous alternative (`{}` in the spec) is tried last: credentials the caller has
    are always sent.
    """
    if not alternatives:
        return ()
    for alternative in sorted(alternatives, key=lambda names: not names):
        if all(
            credentials.get(arg) for name in alternative for arg in REQUIRED[schemes[name].kind]
        ):
            return alternative
    return None


def missing_message(
    alternatives: tuple[tuple[str, ...], ...],
    schemes: Mapping[str, SecurityScheme],
    credentials: Credentials,
) -> str:
    needed = sorted({arg for name in alternatives[0] for arg in REQUIRED[schemes[name].kind]})
    return f"no credentials: {credentials.hint(tuple(needed))}"


def apply(
    alternative: tuple[str, ...],
    schemes: Mapping[str, SecurityScheme],
    credentials: Credentials,
    headers: dict[str, str],
    query: list[tuple[str, str | int | float | bool | None]],
    cookies: dict[str, str],
) -> None:
    for name in alternative:
        scheme = schemes[name]
        if scheme.kind == "bearer":
            headers["Authorization"] = f"Bearer {credentials.get('token')}"
        elif scheme.kind == "basic":
            pair = f"{credentials.get('username')}:{credentials.get('password')}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
        else:
            key = credentials.get("api_key") or ""
            assert scheme.api_key_name is not None
            if scheme.api_key_location == "query":
                query.append((scheme.api_key_name, key))
            elif scheme.api_key_location == "cookie":
                cookies[scheme.api_key_name] = key
            else:
                headers[scheme.api_key_name] = key


def require(
    alternatives: tuple[tuple[str, ...], ...],
    schemes: Mapping[str, SecurityScheme],
    credentials: Credentials,
) -> tuple[str, ...]:
    chosen = satisfiable(alternatives, schemes, credentials)
    if chosen is None:
        raise MissingCredentialsError(missing_message(alternatives, schemes, credentials))
    return chosen
