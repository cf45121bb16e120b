"""Hand-written runtime of generated clients, copied verbatim into each generated package.

Edit it here, in the generator, and regenerate; the copy in a generated package is
overwritten every time.
"""

from ._auth import SecurityScheme
from ._client import AsyncAPIClient, SyncAPIClient
from ._endpoint import BodySpec, Endpoint, ResponseSpec
from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ClientError,
    ConflictError,
    InternalServerError,
    MissingCredentialsError,
    NotFoundError,
    ParameterValidationError,
    PermissionDeniedError,
    RateLimitError,
    RequestValidationError,
    UnprocessableEntityError,
)
from ._options import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, NOT_GIVEN, ClientConfig, RequestOptions
from ._pagination import AsyncPage, AsyncPaginator, Pagination, PaginationError, SyncPage, sync_page
from ._params import ParameterStyle
from ._response import APIResponse
from ._rules import Rule
from ._streaming import AsyncStream, Stream
from ._types import JsonInt

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "APIConnectionError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncAPIClient",
    "AsyncPage",
    "AsyncPaginator",
    "AsyncStream",
    "AuthenticationError",
    "BadRequestError",
    "BodySpec",
    "ClientConfig",
    "ClientError",
    "ConflictError",
    "Endpoint",
    "InternalServerError",
    "JsonInt",
    "MissingCredentialsError",
    "NotFoundError",
    "Pagination",
    "PaginationError",
    "ParameterStyle",
    "ParameterValidationError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestOptions",
    "RequestValidationError",
    "ResponseSpec",
    "Rule",
    "SecurityScheme",
    "Stream",
    "SyncAPIClient",
    "SyncPage",
    "UnprocessableEntityError",
    "sync_page",
]
