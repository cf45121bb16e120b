"""Request bodies as JSON the mock can store and send back: I-JSON (RFC 7493), bounded.

A body is accepted only if it encodes back to what was sent, because a stored value that
cannot be encoded breaks every later answer about its contact. So: UTF-8 only, strictly (raw
`ED A0 80` is a surrogate, not a character); no lone surrogates written as escapes (`"\\ud800"`),
in values or in keys; no member name twice in one object (RFC 7493 2.3: which one would the
store keep, and which would a proxy or the caller's parser have read?); no number that parses to an infinite float (`1e400`); no integer longer
than the interpreter can print; and nesting bounded well below the interpreter's recursion
limit, which the JSON encoder and the validators both run into.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections import Counter
from typing import Any

from ..contract import MAX_PROBLEMS, Problem, _pointer

# Deep enough for any real custom field, shallow enough that nothing downstream recurses
# anywhere near the interpreter's limit (about 1000 frames).
MAX_DEPTH = 64
# A lone surrogate can only come from a `\uD800`-`\uDFFF` escape: strict UTF-8 decoding
# refuses raw ones. Bodies without such an escape skip the search for them.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
# What the walk looks for can only be there if the text has one of these: a surrogate escape,
# an exponent (a digit then e/E) or 309 digits in a row (a float without either is below
# 1e309, so finite), or at least MAX_DEPTH brackets. Most bodies have none and skip the walk.
_WALK_NEEDED = re.compile(r"\\u[dD][89a-fA-F]|[0-9][eE]|[0-9]{309}")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class Refused(Exception):
    """Why a body cannot be accepted: an error code, one readable line, and where."""

    def __init__(self, code: str, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.problems = problems or []


def parse(raw: bytes) -> Any:
    """The JSON value of `raw`, or `Refused` saying why it cannot be stored and sent back."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refused(
            "malformed_json",
            f"The request body is not valid JSON: it is not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}).",
        ) from None
    try:
        value = _DECODER.decode(text)
    except _RepeatedName:
        raise Refused(
            "malformed_json",
            "The request body is not interoperable JSON (RFC 7493): an object has the same member name twice.",
            _repeated_names(text),
        ) from None
    except json.JSONDecodeError as exc:
        raise Refused("malformed_json", f"The request body is not valid JSON: {exc.msg}.") from None
    except ValueError as exc:  # NaN/Infinity, or an integer too long to convert
        raise Refused("malformed_json", f"The request body is not valid JSON: {exc}.") from None
    except RecursionError:
        raise Refused("nesting_too_deep", f"The request body is nested deeper than {MAX_DEPTH} levels.") from None
    if _WALK_NEEDED.search(text) or text.count("[") + text.count("{") >= MAX_DEPTH:
        _check(value, surrogates_possible=_SURROGATE_ESCAPE.search(text) is not None)
    return value


def _check(value: Any, *, surrogates_possible: bool) -> None:
    """Walk `value` (iteratively: it may be deep) for what could not be encoded again."""
    problems: list[Problem] = []
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, ())]
    while stack and len(problems) < MAX_PROBLEMS:
        item, path = stack.pop()
        if isinstance(item, dict | list):
            if len(path) >= MAX_DEPTH:
                raise Refused(
                    "nesting_too_deep",
                    f"The request body is nested deeper than {MAX_DEPTH} levels.",
                    [Problem(_shown(path), f"is nested deeper than {MAX_DEPTH} levels")],
                )
            if isinstance(item, dict):
                for key, member in item.items():
                    if surrogates_possible and _LONE_SURROGATE.search(key):
                        problems.append(Problem(_shown((*path, key)), "has a name with a lone surrogate"))
                    stack.append((member, (*path, key)))
            else:
                stack.extend((member, (*path, index)) for index, member in enumerate(item))
        elif isinstance(item, float) and not math.isfinite(item):
            problems.append(Problem(_shown(path), "is a number beyond the range of a 64-bit float"))
        elif surrogates_possible and isinstance(item, str) and _LONE_SURROGATE.search(item):
            problems.append(Problem(_shown(path), "contains a lone surrogate, which UTF-8 cannot encode"))
    if problems:
        raise Refused(
            "malformed_json",
            "The request body is not interoperable JSON (RFC 7493): it has values the server could not send back.",
            sorted(problems, key=lambda problem: problem.field),
        )


def _shown(path: tuple[str | int, ...]) -> str:
    """The JSON pointer to `path`, with lone surrogates written as `\\udXXX` so it can be sent."""
    return _pointer(*path).encode("utf-8", "backslashreplace").decode("utf-8")


def _integer(digits: str) -> int:
    limit = sys.get_int_max_str_digits()
    if limit and len(digits) - digits.startswith("-") > limit:
        raise ValueError(f"an integer has more than {limit} digits")
    return int(digits)


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


class _RepeatedName(Exception):
    """Raised from inside the decoder: an object has a member name twice (where, `_repeated_names` finds)."""


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    members = dict(pairs)
    if len(members) != len(pairs):
        raise _RepeatedName
    return members


class _Repeated(dict[str, Any]):
    """An object that had member names twice: only ever built to find where, never stored."""

    names: list[str]


def _marked(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    members = dict(pairs)
    if len(members) == len(pairs):
        return members
    marked = _Repeated(members)
    marked.names = sorted(name for name, count in Counter(name for name, _ in pairs).items() if count > 1)
    return marked


def _repeated_names(text: str) -> list[Problem]:
    """Where each repeated name is, as a pointer to it; only run for a body already refused for one."""
    try:
        value = _MARKING_DECODER.decode(text)
    except (ValueError, RecursionError):  # a later fault as well: the repeated name is reason enough
        return []
    problems: list[Problem] = []
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, ())]
    while stack and len(problems) < MAX_PROBLEMS:
        item, path = stack.pop()
        if isinstance(item, _Repeated):
            problems += [Problem(_shown((*path, name)), "is given more than once in its object") for name in item.names]
        if isinstance(item, dict):
            stack.extend((member, (*path, key)) for key, member in item.items())
        elif isinstance(item, list):
            stack.extend((member, (*path, index)) for index, member in enumerate(item))
    return sorted(problems, key=lambda problem: problem.field)[:MAX_PROBLEMS]


# One decoder for every body: json.loads with hooks would build a new one per call.
_DECODER = json.JSONDecoder(parse_constant=_reject_constant, parse_int=_integer, object_pairs_hook=_unique)
_MARKING_DECODER = json.JSONDecoder(parse_constant=_reject_constant, parse_int=_integer, object_pairs_hook=_marked)
