"""The kinds of things an `Endpoint` declares, and the parameter styles the runtime lays out.

Standard library only: the generator imports this module too, so what it writes into a
generated package and what the runtime reads there are the same words.
"""

from __future__ import annotations

from typing import Literal

ParameterLocation = Literal["path", "query", "header", "cookie"]
Style = Literal["form", "simple", "spaceDelimited", "pipeDelimited", "deepObject"]
# "stream": the body is not read up front; the caller gets a `Stream` (text/event-stream).
ResponseKind = Literal["json", "text", "binary", "empty", "stream"]
BodyEncoding = Literal["json", "form", "multipart", "binary", "text"]
SchemeKind = Literal["bearer", "basic", "api_key"]
ApiKeyLocation = Literal["header", "query", "cookie"]

# OpenAPI 3's `style` and `explode` of a parameter that says neither, by location. The
# generated code declares a style only where it differs from these.
DEFAULT_STYLES: dict[ParameterLocation, tuple[Style, bool]] = {
    "path": ("simple", False),
    "query": ("form", True),
    "header": ("simple", False),
    "cookie": ("form", True),
}
# The styles `_params` can lay out, by location; the generator refuses any other.
SUPPORTED_STYLES: dict[ParameterLocation, frozenset[Style]] = {
    "path": frozenset({"simple"}),
    "query": frozenset({"form", "spaceDelimited", "pipeDelimited", "deepObject"}),
    "header": frozenset({"simple"}),
    "cookie": frozenset({"form"}),
}
