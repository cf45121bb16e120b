"""What a generated package exports from its runtime, and when each of its exceptions is raised.

Standard library only: the generator renders the package's `__init__` and the "Errors" table
of its README from these, so the three cannot list different names.
"""

from __future__ import annotations

# The base class of every exception, exported under the API's own name (`KinboxError`).
BASE_ERROR = "ClientError"
# The exceptions a caller catches, as the README's table lists them: (classes, when).
# One row names the classes that differ only by the status they stand for.
ERRORS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("APIConnectionError",), "the request could not be sent or no answer came back"),
    (("APITimeoutError",), "the request timed out (a subclass of `APIConnectionError`)"),
    (
        ("APIStatusError",),
        "any non-2xx answer; has `status_code`, `headers`, `body` (the spec's error model when it fits), "
        "`response`, `request_id`",
    ),
    (
        (
            "BadRequestError",
            "AuthenticationError",
            "PermissionDeniedError",
            "NotFoundError",
            "ConflictError",
            "UnprocessableEntityError",
        ),
        "400, 401, 403, 404, 409, 422",
    ),
    (("RateLimitError",), "429; `retry_after` is the wait the server asked for"),
    (("InternalServerError",), "5xx"),
    (
        ("APIResponseValidationError",),
        "a 2xx body that does not match the spec (`body` and `errors` say how)",
    ),
    (("RequestValidationError",), "a request body that breaks the spec; nothing was sent"),
    (
        ("ParameterValidationError",),
        "a path, query, header or cookie value that breaks its schema (a subclass of `RequestValidationError`)",
    ),
    (("MissingCredentialsError",), "no credential for an operation that needs one"),
    (
        ("PaginationError",),
        "iterating pages would never end: a page repeats the one before it, or a cursor repeats",
    ),
)
# Everything else the package's `__init__` re-exports from `_runtime`, with the exceptions.
EXPORTS: tuple[str, ...] = (
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "APIResponse",
    "AsyncPage",
    "AsyncPaginator",
    "RequestOptions",
    "SyncPage",
    *(name for names, _ in ERRORS for name in names),
)
