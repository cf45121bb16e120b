"""The IR of each operation: its method name, parameters, body, responses, security and server.

Constructs the generated client cannot honour raise `Unsupported`; `build_operations` turns
them into errors, or with `skip_unsupported` into warnings that leave the operation out.
"""

from __future__ import annotations

import re
from typing import cast

from ..errors import Diagnostic, GeneratorError
from ..naming import constant_case, operation_name, snake_case, unique
from ..spec.loader import Spec
from ..spec.openapi import (
    EVENT_STREAM_MEDIA_TYPE,
    FORM_MEDIA_TYPE,
    MULTIPART_MEDIA_TYPE,
    Content,
    OpenApi,
    OperationView,
    is_json,
    media_base,
)
from ..spec.pagination import PaginationProblems, read_pagination
from ..spec.pointers import pointer
from . import ir
from .annotations import Annotations
from .examples import build_example
from .facts import kinds
from .layouts import client_attribute
from .paging import Paging, build_paging
from .rules import parameter_rule
from .security import security

# Names a generated method already uses for itself or for its per-call options.
RESERVED_ARGUMENTS = frozenset(
    {"self", "body", "options", "models", "timeout", "max_retries", "extra_headers", "extra_query"}
)
# OpenAPI: header parameters with these names "SHALL be ignored" (the client sets them).
IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})


class Unsupported(Exception):
    """A construct of one operation that the generated client cannot honour."""

    def __init__(self, construct: str, at: str) -> None:
        super().__init__(construct)
        self.construct = construct
        self.at = at


def build_operations(
    spec: Spec,
    types: Annotations,
    scheme_names: set[str],
    default_security: tuple[tuple[str, ...], ...],
    skip_unsupported: bool,
    warnings: list[Diagnostic],
) -> list[ir.Operation]:
    openapi = spec.openapi
    api_servers = openapi.servers
    operations: list[ir.Operation] = []
    first_user: dict[str, str] = {}
    clashes: list[Diagnostic] = []
    unsupported: list[Diagnostic] = []
    invalid: list[Diagnostic] = []
    for view in openapi.operations():
        raw = view.raw
        name = client_attribute(operation_name(raw.operation.get("operationId"), raw.method, raw.path))
        if name in first_user:
            clashes.append(
                Diagnostic(
                    f"this operation would be called `{name}`, like the one at #{first_user[name]}; "
                    "give one of them a different operationId",
                    file=spec.path,
                    pointer=raw.at,
                )
            )
            continue
        first_user[name] = raw.at
        try:
            server = _own_server(view, api_servers)
            parameters = _parameters(view, types)
            body = _body(view.body, types)
        except Unsupported as problem:
            what = raw.title
            if skip_unsupported:
                warnings.append(Diagnostic(f"skipped {what}: unsupported {problem.construct}", pointer=problem.at))
            else:
                unsupported.append(Diagnostic(f"unsupported {problem.construct} (in {what})", pointer=problem.at))
            continue
        responses = _responses(view, types)
        try:
            paging = _paging(openapi, view, types)
        except PaginationProblems as problems:
            invalid.extend(problems.diagnostics)
            continue
        operations.append(
            ir.Operation(
                python_name=name,
                constant_name="_" + constant_case(name),
                operation_id=raw.operation.get("operationId"),
                method=raw.method.upper(),
                path=raw.path,
                summary=str(raw.operation.get("summary") or ""),
                description=str(raw.operation.get("description") or ""),
                tags=tuple(str(tag) for tag in raw.operation.get("tags") or ()),
                deprecated=bool(raw.operation.get("deprecated")),
                parameters=parameters,
                body=body,
                responses=responses,
                security=security(view.security, scheme_names) if view.has_own_security else default_security,
                source=raw.at,
                server=server,
                paging=paging,
                example=build_example(openapi, view, parameters, body, responses, paging),
            )
        )
    if clashes:
        raise GeneratorError(clashes)
    if invalid:
        raise GeneratorError(spec.locate(invalid))
    if unsupported:
        skip = Diagnostic(f"--skip-unsupported generates the {len(operations)} other operations and leaves these out")
        raise GeneratorError([*spec.locate(unsupported), skip])
    return operations


def _paging(openapi: OpenApi, view: OperationView, types: Annotations) -> Paging | None:
    found = read_pagination(openapi, view)
    return None if found is None else build_paging(found, types)


def _own_server(view: OperationView, api_servers: tuple[str, ...]) -> str | None:
    """The base URL of an operation whose `servers` (its own, else its path's) replace the API's.

    None when it has none or repeats one of the API's (Twilio's path-level servers). Stripe
    uploads files to https://files.stripe.com instead of https://api.stripe.com.
    """
    if view.servers is None or set(view.servers.urls) & set(api_servers):
        return None
    absolute = next((url for url in view.servers.urls if "://" in url), None)
    if absolute is None:
        raise Unsupported("relative servers of an operation", view.servers.at)
    return absolute


def _parameters(view: OperationView, types: Annotations) -> tuple[ir.Parameter, ...]:
    # Path parameters first, in the order they appear in the path: they are positional.
    order = {name: index for index, name in enumerate(re.findall(r"\{([^{}]+)\}", view.raw.path))}
    located = sorted(
        view.parameters, key=lambda p: (p.value.get("in") != "path", order.get(p.value.get("name", ""), 0))
    )
    taken: set[str] = set(RESERVED_ARGUMENTS)
    parameters = []
    for item in located:
        value = item.value
        location = cast(ir.ParameterLocation, value["in"])  # the validator allows only the four
        wire_name = str(value.get("name"))
        if location == "header" and wire_name.lower() in IGNORED_HEADERS:
            continue
        if "schema" not in value:
            raise Unsupported("parameter described by `content` instead of `schema`", item.at)
        style = str(value.get("style", kinds.DEFAULT_STYLES[location][0]))
        if style not in kinds.SUPPORTED_STYLES[location]:
            raise Unsupported(f"{location} parameter style {style!r}", item.at + "/style")
        python_name = snake_case(wire_name, fallback="param")
        if python_name in taken:
            python_name = unique(f"{python_name}_{location}", taken)
        taken.add(python_name)
        parameters.append(
            ir.Parameter(
                wire_name=wire_name,
                python_name=python_name,
                location=location,
                required=bool(value.get("required")) or location == "path",
                annotation=types.of(value["schema"], item.at + "/schema", for_parameter=True),
                description=str(value.get("description") or ""),
                deprecated=bool(value.get("deprecated")),
                style=style,
                explode=bool(value.get("explode", style == "form")),
                rule=parameter_rule(types.openapi, value["schema"]),
            )
        )
    return tuple(parameters)


def _body(content: Content | None, types: Annotations) -> ir.RequestBody | None:
    if content is None or content.media_type is None:
        return None
    media_type = content.media_type
    base = media_base(media_type)
    encoding: ir.BodyEncoding
    if is_json(media_type):
        encoding = "json"
    elif base == FORM_MEDIA_TYPE:
        encoding = "form"
    elif base == MULTIPART_MEDIA_TYPE:
        encoding = "multipart"
    elif base.startswith("text/"):
        encoding = "text"
    else:
        encoding = "binary"
    schema = content.schema
    if encoding == "text":
        annotation = ir.STR
    elif encoding == "binary":
        annotation = ir.BYTES
    elif schema is None:
        annotation = ir.ANY
    else:
        annotation = types.of(schema[0], schema[1])
    return ir.RequestBody(
        media_type=media_type,
        encoding=encoding,
        annotation=annotation,
        required=bool(content.located.value.get("required")),
        description=str(content.located.value.get("description") or ""),
        styles=_field_styles(content, media_type) if encoding in ("form", "multipart") else (),
    )


def _field_styles(content: Content, media_type: str) -> tuple[ir.FieldStyle, ...]:
    """Form properties whose Encoding Object sets `style` or `explode` (Stripe's deepObject)."""
    media = (content.located.value.get("content") or {}).get(media_type) or {}
    styles = []
    for name, encoding in sorted((media.get("encoding") or {}).items()):
        if not isinstance(encoding, dict) or not ({"style", "explode"} & encoding.keys()):
            continue
        style = str(encoding.get("style", "form"))
        if style not in kinds.SUPPORTED_STYLES["query"]:
            at = content.located.at + pointer("content", media_type, "encoding", name, "style")
            raise Unsupported(f"form field style {style!r}", at)
        styles.append(ir.FieldStyle(name, style, bool(encoding.get("explode", style == "form"))))
    return tuple(styles)


def _responses(view: OperationView, types: Annotations) -> tuple[ir.Response, ...]:
    found = []
    for status, content in view.responses:
        media_type = content.media_type
        kind: ir.ResponseKind
        annotation: ir.Annotation | None
        if media_type is None:
            kind, annotation = "empty", None
        elif media_base(media_type) == EVENT_STREAM_MEDIA_TYPE:
            kind, annotation = "stream", None
        elif is_json(media_type):
            schema = content.schema
            kind, annotation = "json", (types.of(schema[0], schema[1]) if schema else ir.ANY)
        elif media_base(media_type).startswith("text/") or media_base(media_type).endswith(("/xml", "+xml")):
            kind, annotation = "text", ir.STR
        else:
            kind, annotation = "binary", ir.BYTES
        found.append(
            ir.Response(
                status=status if status == "default" else status.upper(),  # "4xx" -> "4XX"
                description=str(content.located.value.get("description") or ""),
                kind=kind,
                media_type=media_type,
                annotation=annotation,
            )
        )
    return tuple(found)
