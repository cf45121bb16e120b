"""The intermediate representation: everything the templates need, nothing they must compute.

The builder (`generator.codegen.build`) turns a validated spec plus the generated models into
an `Api`. Templates only lay it out: Python names are already valid identifiers, annotations
are ready-to-print Python expressions that carry their own imports, and every value a
template prints is a field or property here. Free text from the spec (titles, summaries,
descriptions) stays raw here and is escaped by the renderer's filters.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Literal

from ..naming import pascal_case
from ..spec.openapi import is_success

# Annotations, the IR's own value type, live in `expressions` (the builder and the import planner
# share them); re-exported, so `ir.Annotation` is the one name templates and builders use.
from .expressions import ANY as ANY
from .expressions import BYTES as BYTES
from .expressions import DATE as DATE
from .expressions import DATETIME as DATETIME
from .expressions import NONE as NONE
from .expressions import STR as STR
from .expressions import Annotation as Annotation
from .expressions import union as union
from .facts import defaults, exports, kinds
from .imports import ModelModule, ModuleImports, imports_for, python_order, sorted_modules

if TYPE_CHECKING:
    from .examples import Example
    from .paging import Paging

# The runtime's words for what an `Endpoint` declares (`_runtime/_kinds.py`).
ParameterLocation = kinds.ParameterLocation
BodyEncoding = kinds.BodyEncoding
ResponseKind = kinds.ResponseKind
SchemeKind = kinds.SchemeKind
ApiKeyLocation = kinds.ApiKeyLocation
Layout = Literal["flat", "resources"]


@dataclass(frozen=True, slots=True)
class Parameter:
    wire_name: str
    python_name: str
    location: ParameterLocation
    required: bool
    annotation: Annotation
    description: str
    deprecated: bool
    style: str  # OpenAPI `style`, defaulted from the location
    explode: bool
    rule: str = ""  # its schema's constraints as the runtime's `Rule(...)` source; "" when none

    @property
    def argument_annotation(self) -> Annotation:
        """Its annotation in a method signature: an optional parameter also takes None (its default)."""
        return self.annotation if self.required or self.annotation.accepts_none else self.annotation.or_none()

    @property
    def has_default_style(self) -> bool:
        """Whether the runtime lays the value out without being told (see `_runtime._params`)."""
        return (self.style, self.explode) == kinds.DEFAULT_STYLES[self.location]


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
    annotation: Annotation
    required: bool
    description: str
    styles: tuple[FieldStyle, ...] = ()

    @property
    def argument_annotation(self) -> Annotation:
        """Its annotation in a method signature: an optional body also takes None (its default)."""
        return self.annotation if self.required else self.annotation.or_none()

    @property
    def model(self) -> Annotation | None:
        """What the runtime validates the body against before sending; None for raw bytes and text."""
        return self.annotation if self.encoding in ("json", "form", "multipart") else None


@dataclass(frozen=True, slots=True)
class Response:
    status: str  # "200", "4XX" or "default", exactly as in the spec
    description: str
    kind: ResponseKind
    media_type: str | None
    annotation: Annotation | None  # the parsed type; None when there is no body to parse

    @property
    def is_success(self) -> bool:
        return is_success(self.status)

    @property
    def model(self) -> Annotation | None:
        """What the runtime parses a JSON body into; None for anything else."""
        return self.annotation if self.kind == "json" else None


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
    resource: str | None = None  # the client attribute of its resource; None in the flat layout
    server: str | None = None  # its own base URL, when its `servers` replace the API's
    paging: Paging | None = None  # how it pages (`x-pagination`); its methods then return pages
    example: Example | None = None  # a call of it for the README (`examples.py`)

    @property
    def pages_constant(self) -> str:
        """Module-level name of its `Pagination` (a double underscore no operation's constant has)."""
        return self.constant_name + "__PAGES"

    @property
    def call_name(self) -> str:
        """How a caller reaches it from a client: `update_contact` or `pets.get_pet_by_id`."""
        return f"{self.resource}.{self.python_name}" if self.resource else self.python_name

    @property
    def success_responses(self) -> tuple[Response, ...]:
        """The 2xx responses; `default` stands for them when none is documented."""
        found = tuple(r for r in self.responses if r.is_success)
        return found or tuple(r for r in self.responses if r.status == "default")

    def returns(self, is_async: bool, raw: bool = False) -> str:
        """What a method returns: the union of the success bodies (a stream, or None), or for the
        raw-response twin the `APIResponse` of it."""
        stream_type = "AsyncStream" if is_async else "Stream"
        annotations: list[str] = []
        for response in self.success_responses:
            annotation = stream_type if response.kind == "stream" else str(response.annotation or "None")
            if annotation not in annotations:
                annotations.append(annotation)
        returned = " | ".join(annotations) if annotations else "None"
        return f"APIResponse[{returned}]" if raw else returned

    @property
    def streams(self) -> bool:
        return any(r.kind == "stream" for r in self.success_responses)

    @property
    def accept(self) -> str:
        """The `Accept` header: the media types of the success responses ("" when none has a body)."""
        return ", ".join(dict.fromkeys(r.media_type for r in self.success_responses if r.media_type is not None))

    @property
    def annotations(self) -> Iterator[Annotation]:
        """Every annotation its methods and its `Endpoint` print."""
        yield from (p.annotation for p in self.parameters)
        if self.body is not None:
            yield self.body.annotation
        yield from (r.annotation for r in self.responses if r.annotation is not None)
        if self.paging is not None:
            yield self.paging.item

    @property
    def model_modules(self) -> tuple[ModelModule, ...]:
        """The models modules its annotations name, for its module's imports."""
        return sorted_modules(module for annotation in self.annotations for module in annotation.model_modules)

    @property
    def styled_parameters(self) -> tuple[Parameter, ...]:
        """Parameters the runtime must be told the style of."""
        return tuple(p for p in self.parameters if not p.has_default_style)

    @property
    def checked_parameters(self) -> tuple[Parameter, ...]:
        """Parameters whose schema constrains their values (`Endpoint.rules`)."""
        return tuple(p for p in self.parameters if p.rule)

    @property
    def required_parameters(self) -> tuple[Parameter, ...]:
        """Parameters the runtime refuses to leave out (`Endpoint.required`)."""
        return tuple(p for p in self.parameters if p.required)

    @property
    def path_parameters(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == "path")

    @property
    def other_parameters(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location != "path")

    @property
    def request_arguments(self) -> tuple[tuple[str, tuple[Parameter, ...]], ...]:
        """The parameters by the runtime's `_request` argument that takes them (`headers=`, ...)."""
        grouped = (
            (argument, tuple(p for p in self.parameters if p.location == location))
            for location, argument in REQUEST_ARGUMENTS.items()
        )
        return tuple((argument, params) for argument, params in grouped if params)


# The keyword argument of the runtime's `_request` that takes the parameters of each location.
REQUEST_ARGUMENTS: dict[ParameterLocation, str] = {
    "path": "path",
    "query": "query",
    "header": "headers",
    "cookie": "cookies",
}


@dataclass(frozen=True, slots=True)
class SecurityScheme:
    name: str  # as in components/securitySchemes
    kind: SchemeKind
    description: str
    api_key_name: str | None = None  # header/query/cookie name, for api_key
    api_key_location: ApiKeyLocation | None = None


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
        """The sync resource class, `PetsResource`; the three others are named after it."""
        return pascal_case(self.attribute) + "Resource"

    @property
    def async_class_name(self) -> str:
        return f"Async{self.class_name}"

    @property
    def raw_class_name(self) -> str:
        return f"{self.class_name}WithRawResponse"

    @property
    def async_raw_class_name(self) -> str:
        return f"{self.async_class_name}WithRawResponse"

    @property
    def imports(self) -> ModuleImports:
        return imports_for(self.operations, bases=("AsyncAPIClient", "SyncAPIClient"))


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
    dependencies: tuple[str, ...]  # requirements of the package's pyproject.toml (`requirements.py`)

    @property
    def async_client_class(self) -> str:
        return f"Async{self.client_class}"

    @property
    def raw_client_class(self) -> str:
        return f"{self.client_class}WithRawResponse"

    @property
    def async_raw_client_class(self) -> str:
        return f"{self.async_client_class}WithRawResponse"

    @property
    def base_url_env(self) -> str:
        return f"{self.env_prefix}_BASE_URL"

    @property
    def log_env(self) -> str:
        return f"{self.env_prefix}_LOG"

    @property
    def example_operation(self) -> Operation | None:
        """The operation the README's quick start calls."""
        return self.operations[0] if self.operations else None

    @property
    def streams(self) -> bool:
        return any(op.streams for op in self.operations)

    @property
    def paged_operations(self) -> tuple[Operation, ...]:
        """Operations whose methods return pages (`x-pagination`), for the README."""
        return tuple(op for op in self.operations if op.paging is not None)

    @property
    def runtime_exports(self) -> tuple[str, ...]:
        """What the package's `__init__` imports from `_runtime`, besides its base exception."""
        return python_order(exports.EXPORTS)

    @property
    def base_error(self) -> str:
        """The runtime's base exception, exported as `error_class`."""
        return exports.BASE_ERROR

    @property
    def public_names(self) -> tuple[str, ...]:
        """The package's `__all__`."""
        clients = (self.client_class, self.async_client_class, self.raw_client_class, self.async_raw_client_class)
        return python_order((*exports.EXPORTS, *clients, self.error_class, "__version__", "models"))

    @property
    def errors(self) -> tuple[tuple[tuple[str, ...], str], ...]:
        """The exceptions a caller catches and when each is raised (`_runtime/_exports.py`)."""
        return exports.ERRORS

    @property
    def client_defaults(self) -> ModuleType:
        """The runtime's timeout, retry and backoff numbers (`_runtime/_defaults.py`)."""
        return defaults

    @property
    def retried_failures(self) -> str:
        """What the client retries after: 'a connection error, a timeout, 408, 429 or 5xx'."""
        statuses = ", ".join(str(status) for status in sorted(defaults.RETRYABLE_STATUS))
        return f"a connection error, a timeout, {statuses} or 5xx"

    @property
    def error_class(self) -> str:
        """Public name of the base exception: KinboxClient -> KinboxError."""
        return self.client_class.removesuffix("Client") + "Error"

    @property
    def client_imports(self) -> ModuleImports:
        """What `_client.py` imports: every operation's needs in the flat layout, none otherwise."""
        bases = ("DEFAULT_MAX_RETRIES", "DEFAULT_TIMEOUT", "AsyncAPIClient", "ClientConfig", "SyncAPIClient")
        return imports_for(
            self.operations if self.layout == "flat" else (),
            bases=(*bases, "SecurityScheme") if self.security_schemes else bases,
        )
