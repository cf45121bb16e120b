# Generated from the OpenAPI spec by the generator: do not edit.

"""Typed client for Baseline, generated from its OpenAPI spec.

    from baseline_client import BaselineClient

    with BaselineClient() as client:
        ...

Models are in `baseline_client.models`; every exception derives from `BaselineError`.
"""

from . import models
from ._client import (
    AsyncBaselineClient,
    AsyncBaselineClientWithRawResponse,
    BaselineClient,
    BaselineClientWithRawResponse,
)
from ._runtime import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    APIConnectionError,
    APIResponse,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AsyncPage,
    AsyncPaginator,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    MissingCredentialsError,
    NotFoundError,
    PaginationError,
    ParameterValidationError,
    PermissionDeniedError,
    RateLimitError,
    RequestOptions,
    RequestValidationError,
    SyncPage,
    UnprocessableEntityError,
)
from ._runtime import ClientError as BaselineError
from ._version import __version__

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "APIConnectionError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncBaselineClient",
    "AsyncBaselineClientWithRawResponse",
    "AsyncPage",
    "AsyncPaginator",
    "AuthenticationError",
    "BadRequestError",
    "BaselineClient",
    "BaselineClientWithRawResponse",
    "BaselineError",
    "ConflictError",
    "InternalServerError",
    "MissingCredentialsError",
    "NotFoundError",
    "PaginationError",
    "ParameterValidationError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestOptions",
    "RequestValidationError",
    "SyncPage",
    "UnprocessableEntityError",
    "__version__",
    "models",
]
