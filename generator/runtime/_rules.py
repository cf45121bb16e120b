"""What a parameter's schema allows, and the check of one value against it before anything is sent.

Standard library only: the generator builds these `Rule`s from each parameter's schema and
prints them into the operation's `Endpoint`, so the constraints the runtime checks are the
spec's, read once. `problem` returns what is wrong in a few words, never the value itself
(a parameter may carry a secret); the caller turns it into one error naming the parameter.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

JsonType = Literal["string", "integer", "number", "boolean", "array", "object"]
Number = int | float

# RFC 3339 `date-time` and `full-date`, the formats OpenAPI names; the offset is required.
_DATE = r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
_DATE_TIME = (
    _DATE + r"[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)"
)
FORMATS: dict[str, re.Pattern[str]] = {
    "date-time": re.compile(_DATE_TIME, re.ASCII),
    "date": re.compile(_DATE, re.ASCII),
}


@dataclass(frozen=True, slots=True)
class Rule:
    """The JSON Schema keywords of one parameter (or of its array items) that a client can check.

    Empty `types` allows any type; `any_of` holds the alternatives of `anyOf`/`oneOf`, one of
    which must accept the value. Fields left at their defaults constrain nothing.
    """

    types: tuple[JsonType, ...] = ()
    enum: tuple[object, ...] | None = None
    minimum: Number | None = None
    maximum: Number | None = None
    exclusive_minimum: Number | None = None
    exclusive_maximum: Number | None = None
    multiple_of: Number | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    format: str | None = None  # only the keys of FORMATS are checked
    items: Rule | None = None
    min_items: int | None = None
    max_items: int | None = None
    unique_items: bool = False
    any_of: tuple[Rule, ...] = ()


def problem(value: object, rule: Rule) -> str | None:
    """What makes `value` break `rule` ("must be <= 500"), or None when it is allowed."""
    if (
        type(value) is int
        and rule.enum is None
        and not rule.any_of
        and _type_allowed("integer", value, rule.types)
    ):
        return _number_problem(value, rule)  # the common case (ids, limits, offsets), kept short
    value = _unwrapped(value, rule)
    if isinstance(value, str) and _lone_surrogate(value):
        return "must not contain a lone surrogate (it cannot be sent as UTF-8)"
    if isinstance(value, float) and not math.isfinite(value):
        return "must be a finite number"
    kind = json_type(value)
    if not _type_allowed(kind, value, rule.types):
        return f"must be {' or '.join(_ARTICLES[t] for t in rule.types)}, not {_described(kind, value)}"
    if rule.enum is not None and not any(_same(value, allowed) for allowed in rule.enum):
        return "must be one of " + ", ".join(_shown(allowed) for allowed in rule.enum)
    found = _number_problem(value, rule) if kind in ("integer", "number") else None
    if found is None and isinstance(value, str):
        found = _string_problem(value, rule)
    if found is None and isinstance(value, list | tuple):
        found = _array_problem(value, rule)
    if found is None and isinstance(value, Mapping):
        found = _object_problem(value)
    if (
        found is None
        and rule.any_of
        and all(problem(value, alternative) for alternative in rule.any_of)
    ):
        found = "matches none of the schemas it may take (anyOf/oneOf)"
    return found


def json_type(value: object) -> JsonType | None:
    """The JSON type a plain value is sent as; None for what has none (bytes, sets, ...)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list | tuple):
        return "array"
    if isinstance(value, Mapping) or hasattr(value, "model_dump"):  # a pydantic model is an object
        return "object"
    return None


def _unwrapped(value: object, rule: Rule) -> object:
    """Enum members by value; dates and times as the ISO 8601 text they are sent as."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime):
        # A date-time without an offset is not RFC 3339: leave it a datetime, which no string rule accepts.
        return (
            value if rule.format == "date-time" and value.utcoffset() is None else value.isoformat()
        )
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def _type_allowed(kind: JsonType | None, value: object, types: tuple[JsonType, ...]) -> bool:
    if not types or kind in types:
        return True
    # An integer is also a number; a float is never an integer (no `1.0` for an id).
    return kind == "integer" and "number" in types


_ARTICLES: dict[str, str] = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "array": "an array",
    "object": "an object",
}


def _described(kind: JsonType | None, value: object) -> str:
    if isinstance(value, dt.datetime):
        return "a datetime without a timezone"
    if kind == "number":
        return "a float"
    return _ARTICLES.get(kind or "", type(value).__name__)


def _same(value: object, allowed: object) -> bool:
    """JSON equality: `True` is not `1`, but `1` is `1.0`."""
    if isinstance(value, bool) or isinstance(allowed, bool):
        return type(value) is type(allowed) and value == allowed
    return value == allowed


def _shown(allowed: object) -> str:
    return "null" if allowed is None else repr(allowed)


def _number_problem(value: object, rule: Rule) -> str | None:
    assert isinstance(value, int | float)
    if rule.minimum is not None and value < rule.minimum:
        return f"must be >= {rule.minimum}"
    if rule.maximum is not None and value > rule.maximum:
        return f"must be <= {rule.maximum}"
    if rule.exclusive_minimum is not None and value <= rule.exclusive_minimum:
        return f"must be > {rule.exclusive_minimum}"
    if rule.exclusive_maximum is not None and value >= rule.exclusive_maximum:
        return f"must be < {rule.exclusive_maximum}"
    if rule.multiple_of is not None and not _is_multiple(value, rule.multiple_of):
        return f"must be a multiple of {rule.multiple_of}"
    return None


def _is_multiple(value: Number, step: Number) -> bool:
    if isinstance(value, int) and isinstance(step, int):
        return value % step == 0
    quotient = value / step
    return math.isfinite(quotient) and math.isclose(
        quotient, round(quotient), rel_tol=0, abs_tol=1e-9
    )


def _string_problem(value: str, rule: Rule) -> str | None:
    # JSON Schema counts lengths in code points, as len() does.
    if rule.min_length is not None and len(value) < rule.min_length:
        return f"must be at least {rule.min_length} characters long"
    if rule.max_length is not None and len(value) > rule.max_length:
        return f"must be at most {rule.max_length} characters long"
    if rule.pattern is not None and compiled(rule.pattern).search(value) is None:
        return f"must match the pattern {rule.pattern!r}"
    checker = FORMATS.get(rule.format or "")
    if checker is not None and checker.fullmatch(value) is None:
        return f"must be an RFC 3339 {rule.format}"
    return None


def _array_problem(value: list[object] | tuple[object, ...], rule: Rule) -> str | None:
    if rule.min_items is not None and len(value) < rule.min_items:
        return f"must have at least {rule.min_items} items"
    if rule.max_items is not None and len(value) > rule.max_items:
        return f"must have at most {rule.max_items} items"
    if rule.unique_items and _has_duplicates(value):
        return "must not repeat an item"
    for index, item in enumerate(value):
        found = problem(item, rule.items or _ANYTHING)
        if found is not None:
            return f"item {index} {found}"
    return None


def _object_problem(value: Mapping[object, object]) -> str | None:
    for key, item in value.items():
        if isinstance(key, str) and _lone_surrogate(key):
            return "has a key with a lone surrogate (it cannot be sent as UTF-8)"
        found = problem(item, _ANYTHING)
        if found is not None:
            return f"property {key!s:.40} {found}"
    return None


def _has_duplicates(value: list[object] | tuple[object, ...]) -> bool:
    seen: list[object] = []
    for item in value:
        if any(_same(item, other) for other in seen):
            return True
        seen.append(item)
    return False


_ANYTHING = Rule()


@functools.cache
def compiled(pattern: str) -> re.Pattern[str]:
    """ECMA-262 patterns are unanchored, as `re.search` is; the generator keeps only those `re` compiles."""
    return re.compile(pattern)


def _lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
