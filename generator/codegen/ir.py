"""The intermediate representation: everything the templates need, nothing they must compute.

The builder (`generator.build`) turns a validated spec plus the generated models into an
`Api`. Templates only render it: Python names are already valid identifiers and
annotations are ready-to-print Python expressions. Free text from the spec (titles,
summaries, descriptions) stays raw here and is escaped by the renderer's filters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

ParameterLocation = Literal["path", "query", "header", "cookie"]
BodyEncoding = Literal["json", "form", "multipart", "binary", "text"]
ResponseKind = Literal["json", "text", "binary", "empty", "stream"]
Layout = Literal["flat", "resources"]
SchemeKind = Literal["bearer", "basic", "api_key"]
ApiKeyLocation = Literal["header", "query", "cookie"]


@dataclass(frozen=True, slots=True)
class Parameter:
    wire_name: str
    python_name: str
    location: ParameterLocation
    required: bool
    annotation: str
    description: str
    deprecated: bool
    style: str  # OpenAPI `style`, defaulted from the location
    explode: bool

    @property
    def has_default_style(self) -> bool:
        """Whether the runtime lays the value out without being told (see `_runtime._params`)."""
        return (self.style, self.explode) == DEFAULT_STYLES[self.location]


DEFAULT_STYLES: dict[str, tuple[str, bool]] = {
    "path": ("simple", False),
    "query": ("form", True),
    "header": ("simple", False),
    "cookie": ("form", True),
}


@dataclass(frozen=True, slots=True)
class FieldStyle:
    """The style of one form or multipart property, from the body's Encoding Object."""

    wire_name: str
    style: str
    explode: bool


@dataclass(frozen=True, slots=True)
class RequestBody:
    media_type: str
    encoding: BodyEncoding
    annotation: str
    required: bool
    description: str
    styles: tuple[FieldStyle, ...] = ()


@dataclass(frozen=True, slots=True)
class Response:
    status: str  # "200", "4XX" or "default", exactly as in the spec
    description: str
    kind: ResponseKind
    media_type: str | None
    annotation: str | None  # the parsed type; None when there is no body to parse

    @property
    def is_success(self) -> bool:
        return self.status.startswith("2")


@dataclass(frozen=True, slots=True)
class Operation:
    python_name: str
    constant_name: str  # module-level name of the endpoint descriptor
    operation_id: str | None
    method: str  # upper case
    path: str
    summary: str
    description: str
    tags: tuple[str, ...]
    deprecated: bool
    parameters: tuple[Parameter, ...]
    body: RequestBody | None
    responses: tuple[Response, ...]
    security: tuple[tuple[str, ...], ...]  # alternatives, each a set of scheme names to apply together
    source: str  # JSON pointer of the operation, for messages
    model_modules: tuple[ModelModule, ...]  # what its annotations name
    resource: str | None = None  # the client attribute of its resource; None in the flat layout
    server: str | None = None  # its own base URL, when its `servers` replace the API's

    @property
    def call_name(self) -> str:
        """How a caller reaches it from a client: `update_contact` or `pets.get_pet_by_id`."""
        return f"{self.resource}.{self.python_name}" if self.resource else self.python_name

    @property
    def success_responses(self) -> tuple[Response, ...]:
        """The 2xx responses; `default` stands for them when none is documented."""
        found = tuple(r for r in self.responses if r.is_success)
        return found or tuple(r for r in self.responses if r.status == "default")

    @property
    def return_annotation(self) -> str:
        """What the sync method returns: the union of the success bodies, or None."""
        return self._returned("Stream")

    @property
    def async_return_annotation(self) -> str:
        return self._returned("AsyncStream")

    @property
    def streams(self) -> bool:
        return any(r.kind == "stream" for r in self.success_responses)

    def _returned(self, stream_type: str) -> str:
        annotations: list[str] = []
        for response in self.success_responses:
            annotation = stream_type if response.kind == "stream" else (response.annotation or "None")
            if annotation not in annotations:
                annotations.append(annotation)
        return " | ".join(annotations) if annotations else "None"

    @property
    def styled_parameters(self) -> tuple[Parameter, ...]:
        """Parameters the runtime must be told the style of."""
        return tuple(p for p in self.parameters if not p.has_default_style)

    @property
    def path_parameters(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == "path")

    @property
    def other_parameters(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location != "path")


@dataclass(frozen=True, slots=True)
class SecurityScheme:
    name: str  # as in components/securitySchemes
    kind: SchemeKind
    description: str
    api_key_name: str | None = None  # header/query/cookie name, for api_key
    api_key_location: ApiKeyLocation | None = None


@dataclass(frozen=True, slots=True)
class ModelModule:
    """A models module the client module imports; annotations name classes through it.

    Qualified names (`models.Contact`) keep schema names from ever colliding with the
    names the client module itself uses.
    """

    module: str  # dotted, below the models package; "" for the package itself
    alias: str  # "models" for the root, "models_studio_v2" for "studio.v2"

    def statement(self, level: int = 1) -> str:
        """The import, relative to a module `level` packages deep (1: the package's own modules)."""
        dots = "." * level
        if not self.module:
            return f"from {dots} import models"
        parent, _, leaf = f"models.{self.module}".rpartition(".")
        return f"from {dots}{parent} import {leaf} as {self.alias}"


@dataclass(frozen=True, slots=True)
class ModuleImports:
    """What one generated module of operations imports (the templates print exactly these)."""

    model_modules: tuple[ModelModule, ...]
    typing_names: tuple[str, ...]  # from `typing`
    runtime_names: tuple[str, ...]  # from the package's `_runtime`, besides the client bases


def imports_for(operations: tuple[Operation, ...]) -> ModuleImports:
    """Exactly the names a module declaring these operations uses, so it passes ruff's F401."""
    modules = {module.module: module for op in operations for module in op.model_modules}
    text = " ".join(
        annotation
        for op in operations
        for annotation in (
            *(p.annotation for p in op.parameters),
            op.body.annotation if op.body else "",
            *(r.annotation or "" for r in op.responses),
        )
    )
    typing_names = [name for name in ("Any", "Literal") if re.search(rf"(?<![\w.]){name}\b", text)]
    runtime: list[str] = []
    if operations:
        typing_names += ["Unpack", "cast"]
        runtime += ["APIResponse", "Endpoint", "RequestOptions", "ResponseSpec"]
    if any(op.body for op in operations):
        runtime.append("BodySpec")
    if any(op.styled_parameters or (op.body and op.body.styles) for op in operations):
        runtime.append("ParameterStyle")
    if any(op.streams for op in operations):
        runtime += ["AsyncStream", "Stream"]
    return ModuleImports(
        model_modules=tuple(modules[name] for name in sorted(modules)),
        typing_names=tuple(typing_names),
        runtime_names=tuple(sorted(runtime)),
    )


@dataclass(frozen=True, slots=True)
class Resource:
    """A group of operations reached as `client.<attribute>` (the resources layout).

    Rendered into `<package>/resources/<module>.py` as four classes: sync and async, each
    with a raw-response twin that `client.with_raw_response.<attribute>` returns.
    """

    attribute: str  # "pets"; also the module name
    title: str  # the tag or path segment it was made from, as written
    description: str  # the tag's description, if any
    operations: tuple[Operation, ...]

    @property
    def class_name(self) -> str:
        return "".join(part[:1].upper() + part[1:] for part in self.attribute.split("_")) + "Resource"

    @property
    def imports(self) -> ModuleImports:
        return imports_for(self.operations)


@dataclass(frozen=True, slots=True)
class Credential:
    """A constructor argument of the client that carries a secret."""

    argument: str  # "token", "api_key", "username", "password"
    env_var: str
    description: str


@dataclass(frozen=True, slots=True)
class Api:
    title: str
    description: str
    spec_version: str  # info.version, verbatim
    package: str  # import name
    distribution: str
    package_version: str  # PEP 440, from info.version
    client_class: str
    env_prefix: str
    default_base_url: str | None
    servers: tuple[str, ...]
    operations: tuple[Operation, ...]
    security_schemes: tuple[SecurityScheme, ...]
    default_security: tuple[tuple[str, ...], ...]
    credentials: tuple[Credential, ...]
    model_names: tuple[str, ...]  # public classes of the models package, for the README
    layout: Layout
    resources: tuple[Resource, ...]  # empty in the flat layout

    @property
    def async_client_class(self) -> str:
        return f"Async{self.client_class}"

    @property
    def error_class(self) -> str:
        """Public name of the base exception: KinboxClient -> KinboxError."""
        return self.client_class.removesuffix("Client") + "Error"

    @property
    def client_imports(self) -> ModuleImports:
        """What `_client.py` imports: every operation's needs in the flat layout, none otherwise."""
        return imports_for(self.operations if self.layout == "flat" else ())
