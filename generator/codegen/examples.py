"""An example call of each operation, for the README: valid Python that type-checks and runs.

Argument values come from the spec where it has them (a parameter's or body's named example,
`example`, `default`), else from the schema (its `minimum`, first `enum` value, a string long
enough for `minLength`, only the required properties of an object). Every value is printed
with `repr()` of plain data, so spec text can never break out of the literal it sits in, and
through the parameter's or body's annotation: a `datetime.datetime` for a date-time, a model
built with `model_validate` from the body's wire names (which are the spec's own, whatever
Python names the model gives its fields).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..naming import snake_case
from ..spec.openapi import OpenApi, OperationView

if TYPE_CHECKING:
    from . import ir
    from .paging import Paging

MAX_DEPTH = 8  # nested schemas followed for a value; deeper required structures get their bare type
MAX_SAMPLE_LENGTH, MAX_SAMPLE_ITEMS = 200, 20  # a huge minLength or minItems still makes a short line
# Names an example's variable must not take: the client, the modules its arguments name.
_TAKEN = frozenset({"client", "models", "datetime", "page"})
_MODEL = re.compile(r"models\w*\.\w+")
_SAMPLE_DATE_TIME = "2026-01-02T03:04:05+00:00"


@dataclass(frozen=True, slots=True)
class Example:
    """How one operation is called: `contact = client.update_contact(1001, models.ContactUpdate...)`."""

    arguments: str  # what goes between the call's parentheses
    result: str | None  # the variable that takes the answer; None when there is none
    loop_arguments: str | None = None  # paged: the call that iterates every item (no offset)
    item: str = "item"  # paged: the loop's variable
    stream: bool = False  # the answer is a Stream, used as a context manager
    modules: tuple[str, ...] = ()  # standard-library modules the arguments name

    def lines(self, call_name: str, is_async: bool = False, client: str = "client") -> tuple[str, ...]:
        """The example's lines, sync or async, calling `client.<call_name>`."""
        wait = "await " if is_async else ""
        call = f"{client}.{call_name}({self.arguments})"
        if self.stream:
            opener = "async with" if is_async else "with"
            reader = "async for" if is_async else "for"
            return (f"{opener} {wait}{call} as stream:", f"    {reader} line in stream.iter_lines():", "        ...")
        first = f"{self.result} = {wait}{call}" if self.result else f"{wait}{call}"
        if self.loop_arguments is None:
            return (first,)
        loop = f"{'async for' if is_async else 'for'} {self.item} in {client}.{call_name}({self.loop_arguments}):"
        return (first, loop, "    ...")


def build_example(
    openapi: OpenApi,
    view: OperationView,
    parameters: tuple[ir.Parameter, ...],
    body: ir.RequestBody | None,
    responses: tuple[ir.Response, ...],
    paging: Paging | None,
) -> Example:
    located = {(str(p.value.get("in")), str(p.value.get("name"))): p.value for p in view.parameters}
    controls = (
        {}
        if paging is None
        else {paging.spec.offset: "offset", paging.spec.limit: "limit", paging.spec.cursor: "cursor"}
    )
    modules: set[str] = set()
    positional: list[str] = []
    keywords: list[tuple[str, str, str | None]] = []  # (python name, value, paging control or None)
    for parameter in parameters:
        control = controls.get(parameter.wire_name) if parameter.location == "query" else None
        if control == "cursor" or not (parameter.required or control):
            continue  # the first page needs no cursor; optional filters stay out of a short example
        declared = located.get((parameter.location, parameter.wire_name), {})
        value = _parameter_value(openapi, declared, control)
        if _MODEL.fullmatch(str(parameter.annotation)) and "enum" in openapi.deref(declared.get("schema"), "").value:
            text = f"{parameter.annotation}({_literal(value)})"  # an Enum class: its member by value
        else:
            text = _expression(value, str(parameter.annotation), modules)
        if parameter.location == "path":
            positional.append(text)
        else:
            keywords.append((parameter.python_name, text, control))
    if body is not None and (body.required or body.model is not None):
        positional.append(_expression(_body_value(openapi, view, body), str(body.annotation), modules))

    def arguments(*, loop: bool) -> str:
        shown = [f"{name}={text}" for name, text, control in keywords if not (loop and control == "offset")]
        return ", ".join([*positional, *shown])

    success = [r for r in responses if r.is_success] or [r for r in responses if r.status == "default"]
    stream = bool(success) and all(r.kind == "stream" for r in success)
    if paging is not None:
        return Example(
            arguments(loop=False),
            "page",
            loop_arguments=arguments(loop=True),
            item=_variable(str(paging.item), "item"),
            modules=tuple(sorted(modules)),
        )
    answered = [r for r in success if r.annotation is not None]
    result = _variable(str(answered[0].annotation), "result") if answered else None
    return Example(arguments(loop=False), result, stream=stream, modules=tuple(sorted(modules)))


def _variable(annotation: str, fallback: str) -> str:
    """`models.Contact` -> `contact`; anything else, or a name an example already uses, -> `fallback`."""
    if not _MODEL.fullmatch(annotation):
        return fallback
    name = snake_case(annotation.rpartition(".")[2], fallback=fallback)
    return fallback if name in _TAKEN else name


def _parameter_value(openapi: OpenApi, parameter: Mapping[str, Any], control: str | None) -> Any:
    schema = openapi.deref(parameter.get("schema"), "").value
    if control and "default" in schema:
        return schema["default"]  # a page-size or offset reads best as the API's own default
    found = _named_example(parameter)
    return found[0] if found else _sample(openapi, schema)


def _body_value(openapi: OpenApi, view: OperationView, body: ir.RequestBody) -> Any:
    media = ((view.body.located.value.get("content") or {}) if view.body else {}).get(body.media_type) or {}
    found = _named_example(media)
    return found[0] if found else _sample(openapi, openapi.deref(media.get("schema"), "").value)


def _named_example(container: Mapping[str, Any]) -> tuple[Any] | None:
    """The first of an object's `example` or `examples` (Example Objects with an inline value)."""
    if "example" in container:
        return (container["example"],)
    for example in (container.get("examples") or {}).values():
        if isinstance(example, Mapping) and "value" in example:
            return (example["value"],)
    return None


def _sample(openapi: OpenApi, schema: Any, depth: int = 0) -> Any:
    """A value `schema` accepts, from its own example or default, else made up from its keywords."""
    schema = openapi.deref(schema, "").value
    if depth > MAX_DEPTH:
        return None
    for keyword in ("example", "default", "const"):
        if keyword in schema:
            return schema[keyword]
    if isinstance(schema.get("examples"), list) and schema["examples"]:
        return schema["examples"][0]
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return schema["enum"][0]
    for keyword in ("allOf", "anyOf", "oneOf"):
        if isinstance(schema.get(keyword), list) and schema[keyword]:
            if keyword != "allOf":
                return _sample(openapi, schema[keyword][0], depth + 1)
            merged: dict[str, Any] = {}
            for part in schema[keyword]:
                value = _sample(openapi, part, depth + 1)
                if isinstance(value, dict):
                    merged.update(value)
            return merged
    declared = schema.get("type")
    kind = next((t for t in (declared if isinstance(declared, list) else [declared]) if t != "null"), None)
    if kind == "string":
        if schema.get("format") in ("date-time", "date"):
            return _SAMPLE_DATE_TIME if schema["format"] == "date-time" else _SAMPLE_DATE_TIME[:10]
        text = "example".ljust(min(_count(schema.get("minLength")), MAX_SAMPLE_LENGTH), "x")
        return text[: schema["maxLength"]] if isinstance(schema.get("maxLength"), int) else text
    if kind in ("integer", "number"):
        value = _number(schema)
        return int(value) if kind == "integer" else float(value)
    if kind == "boolean":
        return True
    if kind == "array" or "items" in schema:
        # One item at least: an empty array is refused where a path or a required field takes it.
        count = min(max(_count(schema.get("minItems")), 1), MAX_SAMPLE_ITEMS)
        if isinstance(schema.get("maxItems"), int):
            count = min(count, schema["maxItems"])
        return [_sample(openapi, schema.get("items"), depth + 1)] * count
    properties = schema.get("properties") or {}
    required = [name for name in schema.get("required") or () if name in properties]
    return {name: _sample(openapi, properties[name], depth + 1) for name in required}


def _count(value: Any) -> int:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0


def _number(schema: Mapping[str, Any]) -> int | float:
    """1, or the nearest whole number inside the schema's bounds (3.0's boolean exclusives too)."""

    def bound(name: str) -> int | float | None:
        value = schema.get(name)
        return value if isinstance(value, int | float) and not isinstance(value, bool) else None

    low, high = bound("minimum"), bound("maximum")
    value: int | float = 1
    if low is not None:
        value = max(value, math.ceil(low) + (1 if schema.get("exclusiveMinimum") is True else 0))
    if (exclusive_low := bound("exclusiveMinimum")) is not None:
        value = max(value, math.floor(exclusive_low) + 1)
    if high is not None:
        value = min(value, math.floor(high) - (1 if schema.get("exclusiveMaximum") is True else 0))
    if (exclusive_high := bound("exclusiveMaximum")) is not None:
        value = min(value, math.ceil(exclusive_high) - 1)
    return value


def _expression(value: Any, annotation: str, modules: set[str]) -> str:
    """`value` as a Python expression of type `annotation`, built only from `repr()`s of plain data."""
    members = _top_level_members(annotation)
    if len(members) > 1:
        if value is None and "None" in members:
            return "None"
        return _expression(value, next(m for m in members if m != "None"), modules)
    if _MODEL.fullmatch(annotation):
        return f"{annotation}.model_validate({_literal(value)})"
    for container in ("list", "dict"):
        if annotation.startswith(container + "[") and annotation.endswith("]"):
            inner = _top_level_members(annotation[len(container) + 1 : -1], ",")[-1]
            if container == "list" and isinstance(value, list):
                return "[" + ", ".join(_expression(item, inner, modules) for item in value) + "]"
            if container == "dict" and isinstance(value, dict):
                pairs = (f"{_literal(str(key))}: {_expression(item, inner, modules)}" for key, item in value.items())
                return "{" + ", ".join(pairs) + "}"
            return "[]" if container == "list" else "{}"
    if annotation in ("datetime.datetime", "datetime.date"):
        modules.add("datetime")
        return _moment(value, annotation)
    if annotation == "bytes":
        return _fenced(repr(value.encode() if isinstance(value, str) else b""))
    if annotation == "str":
        return _literal(value if isinstance(value, str) else "" if value is None else str(value))
    if annotation in ("int", "float"):
        number = value if isinstance(value, int | float) and not isinstance(value, bool) else 1
        return repr(int(number) if annotation == "int" else float(number))
    if annotation == "bool":
        return repr(value if isinstance(value, bool) else True)
    return _literal(value)


def _moment(value: Any, annotation: str) -> str:
    """A `datetime.datetime` (always with a timezone: the client refuses naive ones) or `datetime.date`."""
    try:
        parsed = dt.datetime.fromisoformat(str(value))
    except ValueError:
        parsed = dt.datetime.fromisoformat(_SAMPLE_DATE_TIME)
    if annotation == "datetime.date":
        return f"datetime.date.fromisoformat({parsed.date().isoformat()!r})"
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return f"datetime.datetime.fromisoformat({parsed.isoformat()!r})"


def _literal(value: Any) -> str:
    """`repr()` of JSON-like data; what has no literal (infinities, other objects) becomes None."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_literal(str(key))}: {_literal(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_literal(item) for item in value) + "]"
    if isinstance(value, float) and not math.isfinite(value):
        return "None"
    if value is None or isinstance(value, str | int | float):
        return _fenced(repr(value))
    return "None"


def _fenced(literal: str) -> str:
    """A literal that cannot close the README's code fence: backticks as `\\x60` (the same value)."""
    return literal.replace("`", "\\x60")


def _top_level_members(annotation: str, separator: str = "|") -> list[str]:
    """`list[A | B] | None` -> [`list[A | B]`, `None`]: split outside brackets only."""
    members, depth, start = [], 0, 0
    for index, char in enumerate(annotation):
        depth += {"[": 1, "]": -1}.get(char, 0)
        if char == separator and depth == 0:
            members.append(annotation[start:index].strip())
            start = index + 1
    members.append(annotation[start:].strip())
    return members
