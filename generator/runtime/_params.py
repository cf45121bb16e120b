"""How parameter values and form fields go on the wire: OpenAPI's `style` and `explode`.

Values are first made plain (models by their wire names, enums by value, dates in ISO
8601), then laid out as the OpenAPI 3 style table says for their location:

| location | style | array `[a, b]` | object `{x: 1, y: 2}` |
|---|---|---|---|
| path | simple | `a,b` | `x,1,y,2`; exploded `x=1,y=2` |
| query | form (default, exploded) | `n=a&n=b`; not exploded `n=a,b` | `x=1&y=2`; not exploded `n=x,1,y,2` |
| query | spaceDelimited / pipeDelimited | `n=a%20b` / `n=a\\|b` | the same with keys |
| query | deepObject | `n[0]=a&n[1]=b` (the bracket convention form APIs read) | `n[x]=1&n[y]=2`, nested `n[x][z]=3` |
| header | simple | `a,b` | `x,1,y,2`; exploded `x=1,y=2` |
| cookie | form | `n=a,b` | `n=x,1,y,2`; exploded one cookie per property |

A structure nested inside an array or object that the style cannot express is sent as
compact JSON. `None` leaves a parameter out.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from pydantic import MISSING, BaseModel

from ._kinds import DEFAULT_STYLES, Style


@dataclass(frozen=True, slots=True)
class ParameterStyle:
    """OpenAPI `style` and `explode` of a parameter, or of a form field's Encoding Object."""

    style: Style
    explode: bool


PATH_DEFAULT = ParameterStyle(*DEFAULT_STYLES["path"])
QUERY_DEFAULT = ParameterStyle(*DEFAULT_STYLES["query"])
HEADER_DEFAULT = ParameterStyle(*DEFAULT_STYLES["header"])
COOKIE_DEFAULT = ParameterStyle(*DEFAULT_STYLES["cookie"])
_DELIMITERS = {
    "form": ",",
    "simple": ",",
    "spaceDelimited": " ",
    "pipeDelimited": "|",
    "deepObject": ",",
}


def is_absent(value: object) -> bool:
    return value is None or value is MISSING


def plain(value: object) -> Any:
    """JSON-like data for a value: models by wire name (unset fields left out), enums by value."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, enum.Enum):
        return plain(value.value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items() if item is not MISSING}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def text(value: object) -> str:
    """The wire text of one plain value: `true`/`false`, numbers as written, JSON for structures."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return str(value)


def _flat(data: object, style: ParameterStyle, encode: Callable[[str], str] = str) -> str:
    """Arrays and objects as one delimited value (path, header, unexploded query and cookie)."""
    delimiter = _DELIMITERS[style.style]
    if isinstance(data, list):
        return delimiter.join(encode(text(item)) for item in data)
    if isinstance(data, dict):
        if style.explode:
            return delimiter.join(
                f"{encode(key)}={encode(text(item))}" for key, item in data.items()
            )
        return delimiter.join(
            f"{encode(key)}{delimiter}{encode(text(item))}" for key, item in data.items()
        )
    return encode(text(data))


def path_value(value: object, style: ParameterStyle = PATH_DEFAULT) -> str:
    """A path parameter, percent-encoded so it stays inside its segment (delimiters kept)."""

    def encode(part: str) -> str:
        return quote(part, safe="")

    return _flat(plain(value), style, encode)


def query_pairs(
    name: str, value: object, style: ParameterStyle = QUERY_DEFAULT
) -> list[tuple[str, str]]:
    if is_absent(value):
        return []
    data = plain(value)
    if style.style == "deepObject":
        return bracket_pairs(data, name)
    if isinstance(data, list) and style.explode:
        return [(name, text(item)) for item in data]
    if isinstance(data, dict) and style.explode:
        return [(key, text(item)) for key, item in data.items()]
    return [(name, _flat(data, style))]


def header_value(value: object, style: ParameterStyle = HEADER_DEFAULT) -> str:
    return _flat(plain(value), style)


def cookie_pairs(
    name: str, value: object, style: ParameterStyle = COOKIE_DEFAULT
) -> list[tuple[str, str]]:
    if is_absent(value):
        return []
    data = plain(value)
    if isinstance(data, dict) and style.explode:
        return [(key, text(item)) for key, item in data.items()]
    return [(name, _flat(data, ParameterStyle("form", False)))]


def bracket_pairs(data: object, prefix: str) -> list[tuple[str, str]]:
    """`a[b]=1`, `a[0]=x`, nested to any depth: the convention of form APIs (Stripe, Rails, PHP)."""
    if isinstance(data, dict):
        return [
            pair for key, item in data.items() for pair in bracket_pairs(item, f"{prefix}[{key}]")
        ]
    if isinstance(data, list):
        return [
            pair
            for index, item in enumerate(data)
            for pair in bracket_pairs(item, f"{prefix}[{index}]")
        ]
    if data is None:
        return []
    return [(prefix, text(data))]


def form_field_pairs(
    name: str, value: object, style: ParameterStyle | None
) -> list[tuple[str, str]]:
    """One property of a form body. Without an Encoding Object, arrays of scalars repeat the key
    (form, exploded) and anything nested uses brackets (`a[b]=1`)."""
    data = plain(value)
    if style is not None:
        return query_pairs(name, data, style)
    if isinstance(data, list) and not any(isinstance(item, dict | list) for item in data):
        return [(name, text(item)) for item in data]
    return bracket_pairs(data, name)
