"""Build the intermediate representation (`generator.ir.Api`) from a spec and its models.

Decides everything the templates should not: method and argument names, which media type
an operation uses, the Python annotation of every parameter, body and response, which
credentials the client takes, and whether operations sit on the client itself or in
resources (`client.pets.get_pet_by_id`). Problems the user must fix (two operations that
would get the same name, a package version that is not PEP 440) are raised here with their
pointers, and so are constructs the generated client cannot honour (`Unsupported`): the
whole run fails, or with `skip_unsupported` just those operations are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, cast

from ..errors import Diagnostic, GeneratorError
from ..naming import constant_case, operation_name, package_names, snake_case, unique
from ..spec.loader import Spec
from ..spec.openapi import (
    EVENT_STREAM_MEDIA_TYPE,
    FORM_MEDIA_TYPE,
    MULTIPART_MEDIA_TYPE,
    Located,
    RawOperation,
    deref,
    is_json,
    iter_operations,
    media_base,
    operation_parameters,
    request_body,
    responses,
    schema_of,
)
from ..spec.pointers import pointer
from ..spec.refs import resolve_pointer
from ..versions import package_version as package_version_of
from . import ir
from .layouts import FLAT_LAYOUT_MAX_OPERATIONS, LayoutChoice
from .models import GeneratedModels, ModelClass

# Attributes of the generated client classes; an operation cannot take these names.
CLIENT_ATTRIBUTES = frozenset(
    {"close", "aclose", "with_options", "with_raw_response", "base_url", "timeout", "max_retries"}
)
# Names a generated method already uses for itself or for its per-call options.
RESERVED_ARGUMENTS = frozenset(
    {"self", "body", "options", "models", "timeout", "max_retries", "extra_headers", "extra_query"}
)
PRIMITIVES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
MAX_ANNOTATION_DEPTH = 20
_SERVER_VARIABLE = re.compile(r"\{([^{}]+)\}")

# The styles the runtime can lay out, by parameter location (`_runtime/_params.py`).
SUPPORTED_STYLES = {
    "path": {"simple"},
    "query": {"form", "spaceDelimited", "pipeDelimited", "deepObject"},
    "header": {"simple"},
    "cookie": {"form"},
}
DEFAULT_STYLE = {location: style for location, (style, _) in ir.DEFAULT_STYLES.items()}
# OpenAPI: header parameters with these names "SHALL be ignored" (the client sets them).
IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})
# Path segments that say nothing about what a group of operations is about.
_NOT_A_RESOURCE = re.compile(r"^(v\d+(\.\d+)*|api|rest|\{.*\})$", re.IGNORECASE)


class Unsupported(Exception):
    """A construct of one operation that the generated client cannot honour."""

    def __init__(self, construct: str, at: str) -> None:
        super().__init__(construct)
        self.construct = construct
        self.at = at


def build_api(
    spec: Spec,
    models: GeneratedModels,
    *,
    package: str,
    package_version: str | None = None,
    layout: LayoutChoice = "auto",
    skip_unsupported: bool = False,
) -> tuple[ir.Api, list[Diagnostic]]:
    """The IR of `spec`, and warnings about what was left out."""
    document = spec.document
    notes: list[Diagnostic] = []
    types = _Annotations(document, models)
    schemes = _security_schemes(document, notes)
    scheme_names = {scheme.name for scheme in schemes}
    default_security = _security(document.get("security"), scheme_names)
    operations = _operations(document, types, scheme_names, default_security, spec, skip_unsupported, notes)
    chosen: ir.Layout = (
        layout if layout != "auto" else ("flat" if len(operations) <= FLAT_LAYOUT_MAX_OPERATIONS else "resources")
    )
    resources = _resources(document, operations) if chosen == "resources" else ()
    if resources:
        operations = [op for resource in resources for op in resource.operations]
    used_kinds = {
        scheme.kind
        for scheme in schemes
        if any(scheme.name in alternative for op in operations for alternative in op.security)
    }
    distribution, client_class, env_prefix = package_names(package)
    info = document.get("info") or {}
    servers = _servers(document)
    api = ir.Api(
        title=str(info.get("title") or package),
        description=str(info.get("description") or ""),
        spec_version=str(info.get("version") or ""),
        package=package,
        distribution=distribution,
        package_version=package_version_of(str(info.get("version") or ""), package_version, notes),
        client_class=client_class,
        env_prefix=env_prefix,
        default_base_url=next((url for url in servers if "://" in url), None),
        servers=tuple(servers),
        operations=tuple(operations),
        security_schemes=tuple(s for s in schemes if s.kind in used_kinds),
        default_security=default_security,
        credentials=_credentials(used_kinds, env_prefix),
        model_names=models.public_names,
        layout=chosen,
        resources=resources,
    )
    return api, spec.locate(notes)


# -- operations -----------------------------------------------------------------------------


def _operations(
    document: dict[str, Any],
    types: _Annotations,
    scheme_names: set[str],
    default_security: tuple[tuple[str, ...], ...],
    spec: Spec,
    skip_unsupported: bool,
    notes: list[Diagnostic],
) -> list[ir.Operation]:
    operations: list[ir.Operation] = []
    first_user: dict[str, str] = {}
    clashes: list[Diagnostic] = []
    unsupported: list[Diagnostic] = []
    for raw in iter_operations(document):
        name = operation_name(raw.operation.get("operationId"), raw.method, raw.path)
        if name in CLIENT_ATTRIBUTES:
            name += "_"
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
        security = (
            _security(raw.operation["security"], scheme_names) if "security" in raw.operation else default_security
        )
        types.start_operation()
        try:
            server = _own_server(document, raw)
            parameters = _parameters(document, raw, types)
            body = _body(document, raw, types)
        except Unsupported as problem:
            what = f"{raw.method.upper()} {raw.path}"
            if skip_unsupported:
                notes.append(Diagnostic(f"skipped {what}: unsupported {problem.construct}", pointer=problem.at))
            else:
                unsupported.append(Diagnostic(f"unsupported {problem.construct} (in {what})", pointer=problem.at))
            continue
        responses = _responses(document, raw, types)
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
                security=security,
                source=raw.at,
                model_modules=types.used_modules(),
                server=server,
            )
        )
    if clashes:
        raise GeneratorError(clashes)
    if unsupported:
        skip = Diagnostic(f"--skip-unsupported generates the {len(operations)} other operations and leaves these out")
        raise GeneratorError([*spec.locate(unsupported), skip])
    return operations


def _resources(document: dict[str, Any], operations: list[ir.Operation]) -> tuple[ir.Resource, ...]:
    """Operations grouped by their first tag, else by the first telling segment of their path.

    Groups whose names make the same attribute are merged; the order is the spec's (tags as
    declared in `tags`, then as first used).
    """
    tag_descriptions = {
        str(tag.get("name")): str(tag.get("description") or "")
        for tag in document.get("tags") or []
        if isinstance(tag, dict)
    }
    groups: dict[str, tuple[str, list[ir.Operation]]] = {}
    for name in tag_descriptions:
        attribute = _resource_attribute(name)
        groups.setdefault(attribute, (name, []))
    for op in operations:
        title = op.tags[0] if op.tags else _path_resource(op.path)
        attribute = _resource_attribute(title)
        groups.setdefault(attribute, (title, []))[1].append(replace(op, resource=attribute))
    return tuple(
        ir.Resource(attribute, title, tag_descriptions.get(title, ""), tuple(members))
        for attribute, (title, members) in groups.items()
        if members
    )


def _resource_attribute(title: str) -> str:
    name = snake_case(title, fallback="resource")
    return name + "_" if name in CLIENT_ATTRIBUTES else name


def _path_resource(path: str) -> str:
    segments = [segment for segment in path.split("/") if segment and not _NOT_A_RESOURCE.match(segment)]
    return segments[0] if segments else "root"


def _own_server(document: dict[str, Any], raw: RawOperation) -> str | None:
    """The base URL of an operation whose `servers` (its own, else its path's) replace the API's.

    None when it has none or repeats one of the API's (Twilio's path-level servers). Stripe
    uploads files to https://files.stripe.com instead of https://api.stripe.com.
    """
    for holder, at in ((raw.operation, raw.at), (raw.path_item, raw.at.rsplit("/", 1)[0])):
        if not holder.get("servers"):
            continue
        own = _servers(holder)
        if set(own) & set(_servers(document)):
            return None
        absolute = next((url for url in own if "://" in url), None)
        if absolute is None:
            raise Unsupported("relative servers of an operation", at + "/servers")
        return absolute
    return None


def _parameters(document: dict[str, Any], raw: RawOperation, types: _Annotations) -> tuple[ir.Parameter, ...]:
    located = operation_parameters(document, raw)
    # Path parameters first, in the order they appear in the path: they are positional.
    order = {name: index for index, name in enumerate(re.findall(r"\{([^{}]+)\}", raw.path))}
    located.sort(key=lambda p: (p.value.get("in") != "path", order.get(p.value.get("name", ""), 0)))
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
        style = str(value.get("style", DEFAULT_STYLE[location]))
        if style not in SUPPORTED_STYLES[location]:
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
            )
        )
    return tuple(parameters)


def _body(document: dict[str, Any], raw: RawOperation, types: _Annotations) -> ir.RequestBody | None:
    found = request_body(document, raw)
    if found is None:
        return None
    container, media_type = found
    if media_type is None:
        return None
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
    schema = schema_of(container, media_type)
    if encoding == "text":
        annotation = "str"
    elif encoding == "binary":
        annotation = "bytes"
    elif schema is None:
        annotation = "Any"
    else:
        annotation = types.of(schema[0], schema[1])
    return ir.RequestBody(
        media_type=media_type,
        encoding=encoding,
        annotation=annotation,
        required=bool(container.value.get("required")),
        description=str(container.value.get("description") or ""),
        styles=_field_styles(container, media_type) if encoding in ("form", "multipart") else (),
    )


def _field_styles(container: Located, media_type: str) -> tuple[ir.FieldStyle, ...]:
    """Form properties whose Encoding Object sets `style` or `explode` (Stripe's deepObject)."""
    media = (container.value.get("content") or {}).get(media_type) or {}
    styles = []
    for name, encoding in sorted((media.get("encoding") or {}).items()):
        if not isinstance(encoding, dict) or not ({"style", "explode"} & encoding.keys()):
            continue
        style = str(encoding.get("style", "form"))
        if style not in SUPPORTED_STYLES["query"]:
            at = container.at + pointer("content", media_type, "encoding", name, "style")
            raise Unsupported(f"form field style {style!r}", at)
        styles.append(ir.FieldStyle(name, style, bool(encoding.get("explode", style == "form"))))
    return tuple(styles)


def _responses(document: dict[str, Any], raw: RawOperation, types: _Annotations) -> tuple[ir.Response, ...]:
    found = []
    for status, response, media_type in responses(document, raw):
        kind: ir.ResponseKind
        annotation: str | None
        if media_type is None:
            kind, annotation = "empty", None
        elif media_base(media_type) == EVENT_STREAM_MEDIA_TYPE:
            kind, annotation = "stream", None
        elif is_json(media_type):
            schema = schema_of(response, media_type)
            kind, annotation = "json", (types.of(schema[0], schema[1]) if schema else "Any")
        elif media_base(media_type).startswith("text/") or media_base(media_type).endswith(("/xml", "+xml")):
            kind, annotation = "text", "str"
        else:
            kind, annotation = "binary", "bytes"
        found.append(
            ir.Response(
                status=status if status == "default" else status.upper(),  # "4xx" -> "4XX"
                description=str(response.value.get("description") or ""),
                kind=kind,
                media_type=media_type,
                annotation=annotation,
            )
        )
    return tuple(found)


# -- security -------------------------------------------------------------------------------


def _security_schemes(document: dict[str, Any], notes: list[Diagnostic]) -> list[ir.SecurityScheme]:
    schemes = []
    declared = (document.get("components") or {}).get("securitySchemes") or {}
    for name, value in declared.items():
        at = pointer("components", "securitySchemes", name)
        scheme = deref(document, value, at).value
        kind = scheme.get("type")
        description = str(scheme.get("description") or "")
        http_scheme = str(scheme.get("scheme", "")).lower()
        if (kind == "http" and http_scheme == "bearer") or kind in ("oauth2", "openIdConnect"):
            schemes.append(ir.SecurityScheme(name, "bearer", description))
        elif kind == "http" and http_scheme == "basic":
            schemes.append(ir.SecurityScheme(name, "basic", description))
        elif kind == "apiKey" and scheme.get("in") in ("header", "query", "cookie"):
            schemes.append(
                ir.SecurityScheme(
                    name, "api_key", description, api_key_name=str(scheme["name"]), api_key_location=scheme["in"]
                )
            )
        else:
            notes.append(
                Diagnostic(
                    f"security scheme {name!r} ({kind} {http_scheme}".rstrip() + ") is not supported; "
                    "operations that require only it are generated without credentials",
                    pointer=at,
                )
            )
    return schemes


def _security(requirements: Any, supported: set[str]) -> tuple[tuple[str, ...], ...]:
    """Alternatives of scheme names; `()` is the anonymous alternative (`{}` in the spec)."""
    alternatives: list[tuple[str, ...]] = []
    for requirement in requirements or []:
        names = tuple(sorted(requirement or {}))
        if all(name in supported for name in names) and names not in alternatives:
            alternatives.append(names)
    return tuple(alternatives)


def _credentials(kinds: set[ir.SchemeKind], env_prefix: str) -> tuple[ir.Credential, ...]:
    credentials = []
    if "bearer" in kinds:
        credentials.append(ir.Credential("token", f"{env_prefix}_TOKEN", "Bearer token"))
    if "api_key" in kinds:
        credentials.append(ir.Credential("api_key", f"{env_prefix}_API_KEY", "API key"))
    if "basic" in kinds:
        credentials.append(ir.Credential("username", f"{env_prefix}_USERNAME", "User name for HTTP basic auth"))
        credentials.append(ir.Credential("password", f"{env_prefix}_PASSWORD", "Password for HTTP basic auth"))
    return tuple(credentials)


# -- package metadata -----------------------------------------------------------------------


def _servers(document: dict[str, Any]) -> list[str]:
    """Server URLs with their variables set to the declared defaults."""
    urls = []
    for server in document.get("servers") or []:
        url = _with_defaults(str(server.get("url", "")), server.get("variables") or {})
        urls.append(url.rstrip("/") if url != "/" else url)
    return urls


def _with_defaults(url: str, variables: dict[str, Any]) -> str:
    return _SERVER_VARIABLE.sub(lambda m: str((variables.get(m.group(1)) or {}).get("default", m.group(0))), url)


# -- annotations ----------------------------------------------------------------------------


@dataclass
class _Annotations:
    """Python annotations for schemas, naming generated classes through their module."""

    document: dict[str, Any]
    models: GeneratedModels
    _used: dict[str, ir.ModelModule] = field(default_factory=dict)  # by the current operation

    def start_operation(self) -> None:
        self._used = {}

    def used_modules(self) -> tuple[ir.ModelModule, ...]:
        """The models modules the current operation's annotations name, for its module's imports."""
        return tuple(self._used[name] for name in sorted(self._used))

    def qualified(self, model: ModelClass) -> str:
        alias = "models" if not model.module else "models_" + snake_case(model.module.replace(".", " "))
        self._used.setdefault(model.module, ir.ModelModule(model.module, alias))
        return f"{alias}.{model.name}"

    def of(self, schema: Any, at: str, *, for_parameter: bool = False, depth: int = 0) -> str:
        if depth > MAX_ANNOTATION_DEPTH or not isinstance(schema, dict):
            return "Any"
        model = self.models.class_for(at)
        if model is not None and not (for_parameter and _is_plain_scalar(self.document, schema)):
            return self.qualified(model)
        if isinstance(schema.get("$ref"), str):
            target = schema["$ref"].lstrip("#")
            return self.of(resolve_pointer(self.document, target), target, for_parameter=for_parameter, depth=depth + 1)
        declared = schema.get("type")
        type_names = [t for t in (declared if isinstance(declared, list) else [declared]) if isinstance(t, str)]
        nullable = schema.get("nullable") is True or "null" in type_names
        type_names = [t for t in type_names if t != "null"]
        base = self._base(schema, at, type_names, for_parameter, depth)
        if nullable and base not in ("Any", "None") and not base.endswith("| None"):
            return f"{base} | None"
        return base

    def _base(self, schema: dict[str, Any], at: str, type_names: list[str], for_parameter: bool, depth: int) -> str:
        literal = _literal(schema)
        if literal is not None:
            return literal
        if len(type_names) > 1:
            members = [self._base(schema, at, [name], for_parameter, depth) for name in type_names]
            return " | ".join(dict.fromkeys(members))
        kind = type_names[0] if type_names else None
        if kind == "string" and schema.get("format") == "binary":
            return "bytes"
        if kind in PRIMITIVES:
            return PRIMITIVES[kind]
        if kind == "array" or (kind is None and "items" in schema):
            items = schema.get("items")
            return f"list[{self.of(items, at + '/items', for_parameter=for_parameter, depth=depth + 1)}]"
        for keyword in ("anyOf", "oneOf"):
            if isinstance(schema.get(keyword), list) and schema[keyword]:
                members = [
                    self.of(sub, f"{at}/{keyword}/{index}", for_parameter=for_parameter, depth=depth + 1)
                    for index, sub in enumerate(schema[keyword])
                ]
                return "Any" if "Any" in members else " | ".join(dict.fromkeys(members))
        if kind == "object" or "additionalProperties" in schema or "properties" in schema:
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict) and extra:
                value = self.of(extra, at + "/additionalProperties", depth=depth + 1)
                return f"dict[str, {value}]"
            return "dict[str, Any]"
        if kind == "null":
            return "None"
        return "Any"


def _literal(schema: dict[str, Any]) -> str | None:
    """`Literal[...]` for an inline enum or const of strings, ints, bools (None widens it)."""
    if "const" in schema:
        values = [schema["const"]]
    elif isinstance(schema.get("enum"), list) and schema["enum"]:
        values = list(schema["enum"])
    else:
        return None
    if not all(v is None or isinstance(v, str | int) for v in values):  # bool is an int
        return None
    literals = [repr(v) for v in values if v is not None]
    if not literals:
        return "None"
    text = f"Literal[{', '.join(dict.fromkeys(literals))}]"
    return f"{text} | None" if None in values else text


def _is_plain_scalar(document: dict[str, Any], schema: dict[str, Any]) -> bool:
    """A string/number/boolean schema without enum: a parameter takes the plain value."""
    resolved = deref(document, schema, "").value if "$ref" in schema else schema
    declared = resolved.get("type")
    type_names = declared if isinstance(declared, list) else [declared]
    scalar = [t for t in type_names if t != "null"]
    return len(scalar) == 1 and scalar[0] in PRIMITIVES and "enum" not in resolved and "const" not in resolved
