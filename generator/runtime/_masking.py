"""Where credentials travel on a request, and copies of requests, URLs and headers with them masked.

The runtime marks each request it builds with the names its credentials went under
(`Secrets`, in the request's extensions), so whatever later shows the request (the attempt
log, `repr(request.headers)`, a pickled exception) masks exactly those, whichever scheme put
them there. httpx itself only masks `Authorization` and `Proxy-Authorization`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:  # `_auth` imports the exceptions, which import this module
    from . import _auth

MASK = "[secure]"  # what httpx's own header repr shows for a masked value
EXTENSION = "client_secrets"  # request.extensions key; transports ignore keys they do not know
_ALWAYS = frozenset({"authorization", "proxy-authorization"})


@dataclass(frozen=True, slots=True)
class Secrets:
    """The names credentials are sent under: headers (lower case), query parameters, cookies."""

    headers: frozenset[str] = _ALWAYS
    query: frozenset[str] = frozenset()
    cookies: frozenset[str] = frozenset()


NONE = Secrets()


def secrets_of(schemes: Iterable[_auth.SecurityScheme]) -> Secrets:
    """Every name an API key of these schemes may travel under (bearer and basic use Authorization)."""
    keys = [s for s in schemes if s.kind == "api_key" and s.api_key_name]
    return Secrets(
        headers=_ALWAYS
        | {
            s.api_key_name.lower()
            for s in keys
            if s.api_key_location == "header" and s.api_key_name
        },
        query=frozenset(
            s.api_key_name for s in keys if s.api_key_location == "query" and s.api_key_name
        ),
        cookies=frozenset(
            s.api_key_name for s in keys if s.api_key_location == "cookie" and s.api_key_name
        ),
    )


def of_request(request: httpx.Request | None) -> Secrets:
    found = request.extensions.get(EXTENSION) if request is not None else None
    return found if isinstance(found, Secrets) else NONE


def masked_url(url: httpx.URL, secrets: Secrets) -> httpx.URL:
    if not secrets.query or not url.query:
        return url
    pairs = url.params.multi_items()
    if not any(key in secrets.query for key, _ in pairs):
        return url
    return url.copy_with(
        params=[(key, MASK if key in secrets.query else value) for key, value in pairs]
    )


def masked_items(items: Iterable[tuple[str, str]], secrets: Secrets) -> list[tuple[str, str]]:
    """Header pairs with secret values masked; in `Cookie` and `Set-Cookie`, only the secret cookies."""
    masked = []
    for name, value in items:
        lower = name.lower()
        if lower in secrets.headers:
            value = MASK
        elif lower in ("cookie", "set-cookie") and secrets.cookies:
            value = _masked_cookies(value, secrets.cookies)
        masked.append((name, value))
    return masked


def _masked_cookies(value: str, names: frozenset[str]) -> str:
    parts = []
    for part in value.split(";"):
        name, equals, _ = part.partition("=")
        parts.append(f"{name}={MASK}" if equals and name.strip() in names else part)
    return ";".join(parts)


class MaskedHeaders(httpx.Headers):
    """A request's headers whose repr masks the request's credentials, as httpx's masks Authorization."""

    def __init__(self, headers: httpx.Headers, secrets: Secrets) -> None:
        super().__init__(headers)
        self._secrets = secrets

    def __repr__(self) -> str:
        pairs = masked_items(self.multi_items(), self._secrets)
        shown = dict(pairs)
        return f"Headers({shown if len(shown) == len(pairs) else pairs!r})"


def masked_headers(headers: httpx.Headers, secrets: Secrets) -> httpx.Headers:
    return httpx.Headers(masked_items(headers.multi_items(), secrets))


def masked_request(request: httpx.Request) -> httpx.Request:
    """A copy with credentials masked and the body as sent (when it was read), for pickling."""
    secrets = of_request(request)
    try:
        content = request.content
    except httpx.RequestNotRead:
        content = b""
    return httpx.Request(
        request.method,
        masked_url(request.url, secrets),
        headers=masked_headers(request.headers, secrets),
        content=content,
    )


def masked_response(response: httpx.Response) -> httpx.Response:
    """A copy with its request masked, and its body when it was read (an error's body always is)."""
    try:
        content = response.content
    except httpx.ResponseNotRead:
        content = b""
    headers = masked_headers(response.headers, of_request(response.request))
    # `content` is already decoded: built without Content-Encoding, so it is not decoded twice.
    copy = httpx.Response(
        response.status_code,
        headers=[
            (name, value)
            for name, value in headers.multi_items()
            if name.lower() != "content-encoding"
        ],
        content=content,
        request=masked_request(response.request),
    )
    copy.headers = headers
    return copy


class QueryKeyFilter(logging.Filter):
    """Masks API keys sent in the query in httpx's own "HTTP Request: GET <url>" INFO records."""

    def __init__(self, names: frozenset[str] = frozenset()) -> None:
        super().__init__()
        # Replaced whole, never mutated: a record filtered in another thread reads one set or the other.
        self.names = names

    def filter(self, record: logging.LogRecord) -> bool:
        names = self.names
        if not names or not isinstance(record.args, tuple):
            return True
        secrets = Secrets(query=names)
        masked = tuple(
            masked_url(arg, secrets) if isinstance(arg, httpx.URL) else arg for arg in record.args
        )
        # Only a record that carried one of the keys is changed; any other keeps its args as logged.
        if any(new is not old for new, old in zip(masked, record.args, strict=True)):
            record.args = tuple(str(arg) if isinstance(arg, httpx.URL) else arg for arg in masked)
        return True


# httpx logs every request's URL on its one process-wide "httpx" logger, whichever client sent
# it, so a key in the query can only be kept out of that line by a filter on that logger: the
# install is process-wide by necessity. It is kept to what it must touch: installed by the first
# client of an API that sends a key in the query (importing the package changes nothing), it
# masks only those parameter names (of every client of this package: a same-named parameter of
# another API is masked too, which hides nothing anyone needs), and there is one such filter per
# generated package however often clients are built or the module is reloaded.
_HTTPX_LOGGER = logging.getLogger("httpx")
# Clients built in two threads at once must neither add two filters nor lose one's names.
_INSTALLING = threading.Lock()


def guard_httpx_log(schemes: Mapping[str, _auth.SecurityScheme]) -> None:
    """Mask this API's query-key names in httpx's log, through this package's one filter there."""
    names = secrets_of(schemes.values()).query
    if not names:
        return
    with _INSTALLING:
        ours = _installed_filter()
        if ours is None:
            ours = QueryKeyFilter()
            _HTTPX_LOGGER.addFilter(ours)
        if not names <= ours.names:
            ours.names = ours.names | names


def _installed_filter() -> QueryKeyFilter | None:
    """This package's filter on httpx's logger; one left by a reloaded copy of this module is taken over."""
    for found in list(_HTTPX_LOGGER.filters):
        if isinstance(found, QueryKeyFilter):
            return found
        kind = type(found)
        if kind.__module__ == __name__ and kind.__qualname__ == QueryKeyFilter.__qualname__:
            _HTTPX_LOGGER.removeFilter(found)
            replacement = QueryKeyFilter(frozenset(getattr(found, "names", frozenset())))
            _HTTPX_LOGGER.addFilter(replacement)
            return replacement
    return None
