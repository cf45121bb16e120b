"""What JSON cannot carry: non-finite numbers and lone surrogates, found before a body is sent.

pydantic writes `inf` and `nan` as `null` and json.dumps as `Infinity`, which no JSON parser
must accept; a lone surrogate cannot be encoded as UTF-8 at all. Either way the caller's data
would be changed or the request broken, so the body is refused and the field named instead.
"""

from __future__ import annotations

import math
from collections.abc import Mapping


def unsendable(data: object) -> tuple[str, str] | None:
    """(where, what) of a value JSON cannot carry, `where` a JSON pointer; None when all can.

    Walks without recursion, so a deeply nested body is checked like any other.
    """
    stack: list[tuple[str, object]] = [("", data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            return where or "/", f"{value!r} is not a JSON number"
        if isinstance(value, str) and _has_lone_surrogate(value):
            return where or "/", "a string with a lone surrogate cannot be sent as UTF-8"
        if isinstance(value, Mapping):
            for key, item in value.items():
                name = str(key)
                if _has_lone_surrogate(name):
                    return where or "/", "a key with a lone surrogate cannot be sent as UTF-8"
                stack.append((f"{where}/{_escaped(name)}", item))
        elif isinstance(value, list | tuple):
            stack.extend((f"{where}/{index}", item) for index, item in enumerate(value))
    return None


def _has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _escaped(name: str) -> str:
    """A key as a JSON pointer token (RFC 6901), cut short so a message stays one readable line."""
    token = name.replace("~", "~0").replace("/", "~1")
    return token if len(token) <= 60 else token[:57] + "..."
