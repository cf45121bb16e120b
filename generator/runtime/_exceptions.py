"""Every exception the client raises.

Messages are one line and name the method and path, never the query string (an API key
may travel there) nor any header (the token does). Every exception pickles (so an error
raised in a `ProcessPoolExecutor` worker reaches the parent) with its request and response
copied, credentials masked.
"""

from __future__ import annotations

from typing import Any

import httpx

from ._masking import masked_headers, masked_request, masked_response, of_request
from ._response import request_id_of


class ClientError(Exception):
    """Base class of every exception raised by this client (exported as `<Api>Error`)."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Exception's own reduce calls cls(*args), which keyword-only arguments break.
        return _rebuilt, (type(self), self.args, _picklable_state(self.__dict__))


def _rebuilt(cls: type[ClientError], args: tuple[Any, ...], state: dict[str, Any]) -> ClientError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


def _picklable_state(state: dict[str, Any]) -> dict[str, Any]:
    """The attributes with requests and responses masked; headers masked as their request says."""
    request = state.get("request")
    response = state.get("response")
    secrets = of_request(response.request if isinstance(response, httpx.Response) else request)
    copied = {}
    for name, value in state.items():
        if isinstance(value, httpx.Response):
            value = masked_response(value)
        elif isinstance(value, httpx.Request):
            value = masked_request(value)
        elif isinstance(value, httpx.Headers):
            value = masked_headers(value, secrets)
        copied[name] = value
    return copied


class UsageError(ClientError, ValueError):
    """The client was called in a way it cannot honour (an empty path parameter, ...); nothing was sent."""


class MissingCredentialsError(ClientError):
    """No credential was passed or found in the environment for an operation that needs one."""


class RequestValidationError(ClientError, ValueError):
    """A request body breaks the spec's constraints; nothing was sent."""

    def __init__(self, message: str, *, errors: Any) -> None:
        super().__init__(message)
        self.errors = errors


class ParameterValidationError(RequestValidationError):
    """A path, query, header or cookie value its schema does not allow; nothing was sent.

    The message names the parameter and the rule it breaks, never the value (it may be a secret).
    """

    def __init__(self, message: str, *, location: str, parameter: str) -> None:
        super().__init__(message, errors=None)
        self.location = location
        self.parameter = parameter


class APIConnectionError(ClientError):
    """The request could not be sent or no answer came back."""

    def __init__(self, message: str, *, request: httpx.Request) -> None:
        super().__init__(message)
        self.request = request


class APITimeoutError(APIConnectionError):
    """The request did not complete within its timeout."""


class APIResponseValidationError(ClientError):
    """A success answer whose body does not match the response schema."""

    def __init__(self, message: str, *, response: httpx.Response, body: Any, errors: Any) -> None:
        super().__init__(message)
        self.response = response
        self.status_code = response.status_code
        self.body = body  # the offending JSON, decoded (or the raw text when it is not JSON)
        self.errors = errors  # the pydantic ValidationError


class APIStatusError(ClientError):
    """The server answered with a status code that is not 2xx."""

    def __init__(self, message: str, *, response: httpx.Response, body: Any) -> None:
        super().__init__(message)
        self.response = response
        self.status_code = response.status_code
        self.headers = response.headers
        self.body = body  # the spec's error model when the body fits it, else the decoded body
        self.request_id = request_id_of(response.headers)


class BadRequestError(APIStatusError):
    """400."""


class AuthenticationError(APIStatusError):
    """401."""


class PermissionDeniedError(APIStatusError):
    """403."""


class NotFoundError(APIStatusError):
    """404."""


class ConflictError(APIStatusError):
    """409."""


class UnprocessableEntityError(APIStatusError):
    """422."""


class RateLimitError(APIStatusError):
    """429. `retry_after` is the wait the server asked for, in seconds, when it said."""

    def __init__(
        self, message: str, *, response: httpx.Response, body: Any, retry_after: float | None
    ) -> None:
        super().__init__(message, response=response, body=body)
        self.retry_after = retry_after


class InternalServerError(APIStatusError):
    """5xx."""


STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
}


def status_error_class(status_code: int) -> type[APIStatusError]:
    if status_code >= 500:
        return InternalServerError
    return STATUS_ERRORS.get(status_code, APIStatusError)
