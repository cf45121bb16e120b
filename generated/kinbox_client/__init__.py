# Generated from the OpenAPI spec by the generator: do not edit.

"""Typed client for Kinbox API, generated from its OpenAPI spec.

    from kinbox_client import KinboxClient

    with KinboxClient() as client:
        ...

Models are in `kinbox_client.models`; every exception derives from `KinboxError`.
"""

from . import models
from ._client import (
    AsyncKinboxClient,
    AsyncKinboxClientWithRawResponse,
    KinboxClient,
    KinboxClientWithRawResponse,
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
from ._runtime import ClientError as KinboxError
from ._version import __version__

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "APIConnectionError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncKinboxClient",
    "AsyncKinboxClientWithRawResponse",
    "AsyncPage",
    "AsyncPaginator",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "KinboxClient",
    "KinboxClientWithRawResponse",
    "KinboxError",
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
