"""What the generated code declares about each operation, and how values go on the wire.

An `Endpoint` is a constant in the generated client module; the client classes only pass
it with the caller's arguments to `SyncAPIClient._request` / `AsyncAPIClient._request`.
Parameter styles are laid out by `._params`; bodies are encoded and decoded by `._bodies`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from ._exceptions import ParameterValidationError, UsageError
from ._kinds import BodyEncoding, ResponseKind
from ._params import (
    COOKIE_DEFAULT,
    HEADER_DEFAULT,
    PATH_DEFAULT,
    ParameterStyle,
    cookie_pairs,
    header_value,
    is_absent,
    path_value,
    query_pairs,
)
from ._rules import Rule, problem

_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


@dataclass(frozen=True, slots=True)
class ResponseSpec:
    """How to read one documented response: `kind` and, for JSON, the type to parse into."""

    kind: ResponseKind
    type: Any = None


@dataclass(frozen=True, slots=True)
class BodySpec:
    encoding: BodyEncoding
    media_type: str
    type: Any = None
    # Form and multipart properties whose Encoding Object sets a style, by wire name.
    styles: Mapping[str, ParameterStyle] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Endpoint:
    method: str
    path: str
    responses: Mapping[str, ResponseSpec]
    body: BodySpec | None = None
    security: tuple[tuple[str, ...], ...] = ()
    accept: str | None = None  # media types of the success responses
    # (location, wire name) -> style, for parameters not in their location's default style.
    styles: Mapping[tuple[str, str], ParameterStyle] = field(default_factory=dict)
    # The operation's own server (OpenAPI operation `servers`), used instead of the API's
    # default base URL; a base URL the caller chose (argument or environment) wins over both.
    server: str | None = None
    # (location, wire name) -> what its schema allows; checked before anything is sent.
    rules: Mapping[tuple[str, str], Rule] = field(default_factory=dict)
    required: tuple[tuple[str, str], ...] = ()  # (location, wire name) of the required parameters

    def check_parameters(self, location: str, values: Mapping[str, object]) -> None:
        """Refuse a value its parameter's schema does not allow, and a required one left out."""
        for name, value in values.items():
            if is_absent(value):
                if (location, name) in self.required:
                    raise parameter_error(location, name, "is required")
                continue
            found = problem(value, self.rules.get((location, name), _ANYTHING))
            if found is not None:
                raise parameter_error(location, name, found)

    def response_for(self, status_code: int) -> ResponseSpec | None:
        """The documented response for a status: exact code, then range (`4XX`), then `default`."""
        return (
            self.responses.get(str(status_code))
            or self.responses.get(f"{status_code // 100}XX")
            or self.responses.get("default")
        )

    def success_fallback(self) -> ResponseSpec | None:
        """For an undocumented 2xx: read it like the first documented one."""
        return next(
            (spec for status, spec in self.responses.items() if status.startswith("2")), None
        )

    def error_fallback(self) -> ResponseSpec | None:
        """For an undocumented error status: try the operation's first documented error model."""
        return next(
            (
                spec
                for status, spec in self.responses.items()
                if not status.startswith("2") and spec.kind == "json"
            ),
            None,
        )

    @property
    def streams(self) -> bool:
        """Whether a success answer is handed over unread, as a stream."""
        return any(
            spec.kind == "stream"
            for status, spec in self.responses.items()
            if status[0] == "2" or status == "default"
        )

    def url_path(self, values: Mapping[str, object]) -> str:
        return build_path(
            self.path,
            values,
            {name: s for (where, name), s in self.styles.items() if where == "path"},
        )

    def query_pairs(self, values: Mapping[str, object]) -> list[tuple[str, str]]:
        pairs: list[tuple[str, str]] = []
        for name, value in values.items():
            style = self.styles.get(("query", name))
            pairs.extend(query_pairs(name, value, style) if style else query_pairs(name, value))
        return pairs

    def header_values(self, values: Mapping[str, object]) -> dict[str, str]:
        headers = {
            name: header_value(value, self.styles.get(("header", name), HEADER_DEFAULT))
            for name, value in values.items()
            if not is_absent(value)
        }
        for name, value in headers.items():
            if _BREAKS_HEADER.search(value):
                raise parameter_error(
                    "header", name, "must not contain a line break or NUL (it would end the header)"
                )
        return headers

    def cookie_values(self, values: Mapping[str, object]) -> dict[str, str]:
        cookies = dict(
            pair
            for name, value in values.items()
            for pair in cookie_pairs(name, value, self.styles.get(("cookie", name), COOKIE_DEFAULT))
        )
        for name, value in cookies.items():
            if _BREAKS_COOKIE.search(name + value):
                raise parameter_error(
                    "cookie",
                    name,
                    "must not contain `;`, a line break or NUL (it would end the cookie)",
                )
        return cookies


_ANYTHING = Rule()  # a parameter without constraints: still no NaN, no infinity, no lone surrogate
_BREAKS_HEADER = re.compile(r"[\r\n\x00]")
_BREAKS_COOKIE = re.compile(r"[;\r\n\x00]")


def parameter_error(location: str, name: str, found: str) -> ParameterValidationError:
    return ParameterValidationError(
        f"{location} parameter {name!r} {found}; nothing was sent",
        location=location,
        parameter=name,
    )


# -- parameters -------------------------------------------------------------------------------


def build_path(
    template: str, values: Mapping[str, object], styles: Mapping[str, ParameterStyle] | None = None
) -> str:
    """Fill a path template, percent-encoding each value so it stays inside its segment.

    `/`, `?`, `#`, `%` and spaces are encoded; a segment that would read `.` or `..` has its
    dots encoded too, so no value can walk to another path.
    """
    styles = styles or {}
    segments = []
    for segment, has_placeholder in _segments(template):
        if not has_placeholder:
            segments.append(segment)
            continue
        filled = _PLACEHOLDER.sub(
            lambda match: _path_value(match.group(1), values, styles), segment
        )
        if unquote(filled) in (".", ".."):
            filled = filled.replace(".", "%2E")
        segments.append(filled)
    return "/".join(segments)


@functools.cache
def _segments(template: str) -> tuple[tuple[str, bool], ...]:
    return tuple((segment, "{" in segment) for segment in template.split("/"))


def _path_value(
    name: str, values: Mapping[str, object], styles: Mapping[str, ParameterStyle]
) -> str:
    value = values[name]
    if name not in styles and type(value) is int:  # the common case: digits need no encoding
        return str(value)
    filled = path_value(value, styles.get(name, PATH_DEFAULT))
    if filled == "":
        raise UsageError(f"path parameter {name!r} must not be empty")
    return filled


def query_items(values: Mapping[str, object], explode: Mapping[str, bool]) -> list[tuple[str, str]]:
    """Query pairs in form style; None and MISSING are left out, lists repeat the key unless explode=False."""
    return [
        pair
        for name, value in values.items()
        for pair in query_pairs(name, value, ParameterStyle("form", explode.get(name, True)))
    ]
