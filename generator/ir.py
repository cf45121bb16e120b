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
ResponseKind = Literal["json", "text", "binary", "empty"]
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
    explode: bool  # arrays in query: repeat the key (True) or join with commas (False)


@dataclass(frozen=True, slots=True)
class RequestBody:
    media_type: str
    encoding: BodyEncoding
    annotation: str
    required: bool
    description: str


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

    @property
    def return_annotation(self) -> str:
        """What the method returns: the union of the 2xx bodies, or None."""
        annotations: list[str] = []
        for response in self.responses:
            if response.is_success:
                annotation = response.annotation or "None"
                if annotation not in annotations:
                    annotations.append(annotation)
        return " | ".join(annotations) if annotations else "None"

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

    @property
    def statement(self) -> str:
        if not self.module:
            return "from . import models"
        parent, _, leaf = f"models.{self.module}".rpartition(".")
        return f"from .{parent} import {leaf} as {self.alias}"


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
    model_modules: tuple[ModelModule, ...]
    model_names: tuple[str, ...]  # public classes of the models package, for the README

    @property
    def async_client_class(self) -> str:
        return f"Async{self.client_class}"

    @property
    def error_class(self) -> str:
        """Public name of the base exception: KinboxClient -> KinboxError."""
        return self.client_class.removesuffix("Client") + "Error"

    @property
    def typing_names(self) -> tuple[str, ...]:
        """Names from `typing` that the annotations use (so the module imports just those)."""
        text = " ".join(
            annotation
            for op in self.operations
            for annotation in (
                *(p.annotation for p in op.parameters),
                op.body.annotation if op.body else "",
                *(r.annotation or "" for r in op.responses),
            )
        )
        return tuple(name for name in ("Any", "Literal") if re.search(rf"(?<![\w.]){name}\b", text))
