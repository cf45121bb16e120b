"""Bearer authentication as RFC 9110 §11 and RFC 6750 §2.1 define it.

`credentials = auth-scheme [ 1*SP token68 ]`: the scheme is case-insensitive (`bearer` is
`Bearer`), the token is compared exactly and in constant time. Anything ambiguous is refused:
more than one `Authorization` header (which one would count?), a scheme without a token, a
token outside RFC 6750's `b64token` characters (non-ASCII included).
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Sequence

_SCHEME = b"bearer"
_B64TOKEN = re.compile(rb"[A-Za-z0-9\-._~+/]+=*")


def is_b64token(token: str) -> bool:
    """Whether `token` can be sent as a bearer token at all (RFC 6750 §2.1)."""
    return _B64TOKEN.fullmatch(token.encode("utf-8", "replace")) is not None


def bearer_matches(authorizations: Sequence[bytes], token: bytes) -> bool:
    """Whether the request's `Authorization` header values carry exactly `token`."""
    if len(authorizations) != 1:
        return False
    if hmac.compare_digest(authorizations[0], b"Bearer " + token):  # the usual spelling, at once
        return True
    scheme, _, credentials = authorizations[0].partition(b" ")
    credentials = credentials.lstrip(b" ")
    if scheme.lower() != _SCHEME or not _B64TOKEN.fullmatch(credentials):
        return False
    return hmac.compare_digest(credentials, token)
