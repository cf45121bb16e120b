"""Every behaviour of the client runtime, for KinboxClient and AsyncKinboxClient alike.

Over httpx.MockTransport; the real-server and resilience checks are in
test_client_resilience.py. Sleeping is recorded, never done.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import logging
import sys
from collections.abc import Callable
from typing import Any, cast

import httpx
import pytest

import kinbox_client
from kinbox_client import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    APIConnectionError,
    APIResponse,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    KinboxClient,
    KinboxError,
    MissingCredentialsError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from kinbox_client._runtime import _retry
from kinbox_client.models import Contact, ContactUpdate, Error
from tests.helpers import ROOT, run_python
from tests.support import TOKEN, Caller, Recorder, contact_json


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return cast(str, request.param)


def error(status: int, message: str = "nope", **headers: str) -> httpx.Response:
    return httpx.Response(status, json={"code": "x", "message": message}, headers=headers)


# -- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "exception"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, InternalServerError),
        (503, InternalServerError),
        (418, APIStatusError),
    ],
)
def test_status_codes_raise_their_exception(mode: str, status: int, exception: type[APIStatusError]) -> None:
    answer = error(status, "Something  went\nwrong.", **{"x-request-id": "req-42"})
    caller = Caller(mode, Recorder([answer]), max_retries=0)
    with pytest.raises(exception) as caught:
        caller.update(7, ContactUpdate())
    raised = caught.value
    assert type(raised) is exception
    assert isinstance(raised, APIStatusError)
    assert isinstance(raised, KinboxError)
    assert raised.status_code == status
    assert raised.headers["x-request-id"] == "req-42"
    assert raised.request_id == "req-42"
    assert raised.response.status_code == status
    assert isinstance(raised.body, Error)
    assert raised.body.message == "Something  went\nwrong."
    assert "\n" not in str(raised)
    assert str(raised).endswith("from PATCH /v3/contacts/7: Something went wrong.")


def test_error_body_that_does_not_fit_the_error_model_is_kept_raw(mode: str) -> None:
    caller = Caller(mode, Recorder([httpx.Response(400, json={"unexpected": True}), httpx.Response(400, text="plain")]))
    with pytest.raises(BadRequestError) as json_body:
        caller.update(1, ContactUpdate())
    assert json_body.value.body == {"unexpected": True}
    with pytest.raises(BadRequestError) as text_body:
        caller.update(1, ContactUpdate())
    assert text_body.value.body == "plain"
    assert str(text_body.value) == "400 Bad Request from PATCH /v3/contacts/1"


def test_a_2xx_body_that_breaks_the_schema_raises_response_validation_error(mode: str) -> None:
    broken = contact_json(workspaceId="forty-two")
    caller = Caller(mode, Recorder([httpx.Response(200, json=broken)]))
    with pytest.raises(APIResponseValidationError) as caught:
        caller.update(1001, ContactUpdate())
    assert caught.value.body == broken
    assert caught.value.status_code == 200
    assert "workspaceId" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert caught.value.errors.errors()[0]["loc"] == ("workspaceId",)


def test_a_2xx_body_that_is_not_json_raises_response_validation_error(mode: str) -> None:
    caller = Caller(mode, Recorder([httpx.Response(200, text="<html>")]))
    with pytest.raises(APIResponseValidationError) as caught:
        caller.update(1001, ContactUpdate())
    assert caught.value.body == "<html>"


# -- retries --------------------------------------------------------------------------------


TRANSIENT: dict[str, Any] = {
    "408": lambda: error(408),
    "429": lambda: error(429),
    "500": lambda: error(500),
    "502": lambda: error(502),
    "503": lambda: error(503),
    "connect": lambda: httpx.ConnectError("refused"),
    "timeout": lambda: httpx.ReadTimeout("slow"),
    "dropped": lambda: httpx.RemoteProtocolError("peer closed connection"),
}


@pytest.mark.parametrize("transient", list(TRANSIENT))
def test_transient_failures_are_retried(mode: str, transient: str) -> None:
    recorder = Recorder([TRANSIENT[transient](), TRANSIENT[transient]()])
    contact = Caller(mode, recorder).update(1001, ContactUpdate(name="Ana"))
    assert contact.name == "Ana"
    assert len(recorder.requests) == 3  # the default: 2 retries


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422])
def test_client_errors_are_not_retried(mode: str, status: int) -> None:
    recorder = Recorder([error(status)])
    caller = Caller(mode, recorder)
    with pytest.raises(APIStatusError):
        caller.update(1001, ContactUpdate())
    assert len(recorder.requests) == 1
    assert caller.slept == []


def test_retries_give_up_after_max_retries_with_the_last_error(mode: str) -> None:
    recorder = Recorder([error(503) for _ in range(10)])
    caller = Caller(mode, recorder)
    with pytest.raises(InternalServerError):
        caller.update(1001, ContactUpdate())
    assert len(recorder.requests) == 1 + DEFAULT_MAX_RETRIES == 3


def test_connection_failures_end_in_documented_exceptions(mode: str) -> None:
    for failure, expected in (
        (httpx.ConnectError("refused"), APIConnectionError),
        (httpx.ReadTimeout("t"), APITimeoutError),
    ):
        caller = Caller(mode, Recorder([failure for _ in range(3)]))
        with pytest.raises(expected) as caught:
            caller.update(1001, ContactUpdate())
        assert type(caught.value) is expected
        assert "PATCH /v3/contacts/1001" in str(caught.value)
        assert isinstance(caught.value.__cause__, httpx.TransportError)


def test_backoff_doubles_from_half_a_second_with_jitter_and_a_cap(mode: str) -> None:
    caller = Caller(mode, Recorder([error(503) for _ in range(8)]), max_retries=6)
    with pytest.raises(InternalServerError):
        caller.update(1001, ContactUpdate())
    nominal = [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    assert len(caller.slept) == 6
    for waited, cap in zip(caller.slept, nominal, strict=True):
        assert 0.75 * cap <= waited <= cap


def test_backoff_formula() -> None:
    assert _retry.backoff(0, rand=lambda: 0.0) == 0.5
    assert _retry.backoff(3, rand=lambda: 0.0) == 4.0
    assert _retry.backoff(10, rand=lambda: 0.0) == 8.0
    assert _retry.backoff(1, rand=lambda: 1.0) == 0.75


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after": "3"}, 3.0),
        ({"retry-after": "0.5"}, 0.5),
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "250", "retry-after": "9"}, 0.25),
    ],
)
def test_retry_after_is_honoured(mode: str, headers: dict[str, str], expected: float) -> None:
    caller = Caller(mode, Recorder([error(429, **headers)]))
    caller.update(1001, ContactUpdate())
    assert caller.slept == [expected]


def test_retry_after_as_an_http_date(mode: str) -> None:
    now = 1_800_000_000.0
    date = email.utils.formatdate(now + 12, usegmt=True)
    caller = Caller(mode, Recorder([error(503, **{"retry-after": date})]))
    caller.client._now = lambda: now
    caller.update(1001, ContactUpdate())
    assert caller.slept == [12.0]


def test_a_retry_after_past_the_cap_is_not_waited_for(mode: str) -> None:
    recorder = Recorder([error(429, **{"retry-after": "61"}) for _ in range(3)])
    caller = Caller(mode, recorder)
    with pytest.raises(RateLimitError) as caught:
        caller.update(1001, ContactUpdate())
    assert caught.value.retry_after == 61.0
    assert caller.slept == []
    assert len(recorder.requests) == 1


def test_rate_limit_error_exposes_retry_after(mode: str) -> None:
    caller = Caller(mode, Recorder([error(429, **{"retry-after": "7"})]), max_retries=0)
    with pytest.raises(RateLimitError) as caught:
        caller.update(1001, ContactUpdate())
    assert caught.value.retry_after == 7.0
    caller = Caller(mode, Recorder([error(429)]), max_retries=0)
    with pytest.raises(RateLimitError) as without:
        caller.update(1001, ContactUpdate())
    assert without.value.retry_after is None


def test_max_retries_per_client_per_call_and_zero_disables(mode: str) -> None:
    recorder = Recorder([error(503) for _ in range(20)])
    caller = Caller(mode, recorder, max_retries=4)
    with pytest.raises(InternalServerError):
        caller.update(1001, ContactUpdate())
    assert len(recorder.requests) == 5
    with pytest.raises(InternalServerError):
        caller.update(1001, ContactUpdate(), max_retries=1)
    assert len(recorder.requests) == 5 + 2
    with pytest.raises(InternalServerError):
        caller.update(1001, ContactUpdate(), max_retries=0)
    assert len(recorder.requests) == 5 + 2 + 1
    with pytest.raises(ValueError, match="max_retries"):
        KinboxClient(token=TOKEN, max_retries=-1)


# -- timeouts and options ---------------------------------------------------------------------


def timeouts(request: httpx.Request) -> dict[str, float | None]:
    return cast(dict[str, float | None], request.extensions["timeout"])


def test_default_timeout_is_60_seconds_and_5_to_connect(mode: str) -> None:
    recorder = Recorder()
    Caller(mode, recorder).update(1001, ContactUpdate())
    assert httpx.Timeout(60.0, connect=5.0) == DEFAULT_TIMEOUT
    assert timeouts(recorder.last) == {"connect": 5.0, "read": 60.0, "write": 60.0, "pool": 60.0}


def test_timeout_per_client_and_per_call(mode: str) -> None:
    recorder = Recorder()
    caller = Caller(mode, recorder, timeout=12.0)
    caller.update(1001, ContactUpdate())
    assert timeouts(recorder.last)["read"] == 12.0
    caller.update(1001, ContactUpdate(), timeout=httpx.Timeout(3.0, connect=1.0))
    assert timeouts(recorder.last) == {"connect": 1.0, "read": 3.0, "write": 3.0, "pool": 3.0}
    caller.update(1001, ContactUpdate(), timeout=None)
    assert timeouts(recorder.last)["read"] is None


def test_with_options_returns_a_configured_copy_sharing_connections(mode: str) -> None:
    recorder = Recorder([error(503) for _ in range(10)])
    caller = Caller(mode, recorder)
    original = caller.client
    copy = original.with_options(timeout=2.5, max_retries=0)
    assert copy is not original
    assert (copy.timeout, copy.max_retries) == (2.5, 0)
    assert (original.timeout, original.max_retries) == (DEFAULT_TIMEOUT, DEFAULT_MAX_RETRIES)
    assert copy._http is original._http
    caller.client = copy
    with pytest.raises(InternalServerError):
        caller.update(1001, ContactUpdate())
    assert len(recorder.requests) == 1
    assert timeouts(recorder.last)["read"] == 2.5


def test_extra_headers_and_query(mode: str) -> None:
    recorder = Recorder()
    Caller(mode, recorder, default_headers={"X-Team": "crm"}).update(
        1001, ContactUpdate(), extra_headers={"X-Trace": "abc"}, extra_query={"dryRun": True}
    )
    assert recorder.last.headers["x-team"] == "crm"
    assert recorder.last.headers["x-trace"] == "abc"
    assert recorder.last.url.params["dryRun"] == "true"


# -- raw responses, transports, auth ----------------------------------------------------------


def test_raw_response_has_status_headers_and_the_parsed_model(mode: str) -> None:
    answer = httpx.Response(200, json=contact_json(name="Ana"), headers={"x-request-id": "r-1"})
    raw = Caller(mode, Recorder([error(503), answer])).call("with_raw_response.update_contact", 1001, ContactUpdate())
    assert isinstance(raw, APIResponse)
    assert raw.status_code == 200
    assert raw.headers["x-request-id"] == raw.request_id == "r-1"
    assert raw.retries_taken == 1
    assert raw.json()["name"] == "Ana"
    contact = raw.parse()
    assert isinstance(contact, Contact)
    assert contact.name == "Ana"
    assert raw.parse() is contact
    assert repr(raw) == "<APIResponse [200] PATCH /v3/contacts/1001>"


def test_raw_responses_still_raise_on_errors(mode: str) -> None:
    with pytest.raises(NotFoundError):
        Caller(mode, Recorder([error(404)])).call("with_raw_response.update_contact", 1, ContactUpdate())


def test_your_own_http_client_is_used_and_left_open() -> None:
    seen: list[httpx.Request] = []
    http = httpx.Client(transport=httpx.MockTransport(Recorder()), event_hooks={"request": [seen.append]})
    with KinboxClient(token=TOKEN, http_client=http) as client:
        client.update_contact(1001, ContactUpdate())
    assert len(seen) == 1
    assert not http.is_closed
    http.close()


def test_your_own_async_http_client_is_used_and_left_open() -> None:
    seen: list[httpx.Request] = []

    async def hook(request: httpx.Request) -> None:
        seen.append(request)

    async def scenario() -> bool:
        http = httpx.AsyncClient(transport=httpx.MockTransport(Recorder()), event_hooks={"request": [hook]})
        async with kinbox_client.AsyncKinboxClient(token=TOKEN, http_client=http) as client:
            await client.update_contact(1001, ContactUpdate())
        still_open = not http.is_closed
        await http.aclose()
        return still_open

    assert asyncio.run(scenario())
    assert len(seen) == 1


def test_context_manager_closes_its_own_connections(mode: str) -> None:
    caller = Caller(mode, Recorder())
    caller.update(1001, ContactUpdate())
    caller.call("close")
    assert caller.client._http.is_closed


def test_transport_and_http_client_are_exclusive() -> None:
    with pytest.raises(ValueError, match="not both"):
        KinboxClient(token=TOKEN, http_client=httpx.Client(), transport=httpx.MockTransport(Recorder()))


def test_token_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KINBOX_TOKEN", "from-env")
    recorder = Recorder()
    KinboxClient(transport=httpx.MockTransport(recorder)).update_contact(1001, ContactUpdate())
    assert recorder.last.headers["authorization"] == "Bearer from-env"
    KinboxClient(token="explicit", transport=httpx.MockTransport(recorder)).update_contact(1001, ContactUpdate())
    assert recorder.last.headers["authorization"] == "Bearer explicit"


def test_missing_token_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KINBOX_TOKEN", raising=False)
    with pytest.raises(MissingCredentialsError, match=r"no credentials: pass token=\.\.\. or set KINBOX_TOKEN"):
        KinboxClient()
    with pytest.raises(MissingCredentialsError):
        kinbox_client.AsyncKinboxClient(token="")


def test_base_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KINBOX_BASE_URL", "http://127.0.0.1:9/kinbox")
    assert str(KinboxClient(token=TOKEN).base_url) == "http://127.0.0.1:9/kinbox"
    assert str(KinboxClient(token=TOKEN, base_url="http://x").base_url) == "http://x"
    monkeypatch.delenv("KINBOX_BASE_URL")
    assert str(KinboxClient(token=TOKEN).base_url) == "https://api4.kinbox.com.br"


# -- logging, parsing, user agent -------------------------------------------------------------


def test_one_debug_record_per_attempt(mode: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="kinbox_client")
    Caller(mode, Recorder([error(503), httpx.ConnectError("refused")])).update(1001, ContactUpdate())
    records = [r for r in caplog.records if r.name == "kinbox_client"]
    assert [r.getMessage().split(" in ")[0] for r in records] == [
        "PATCH https://api4.kinbox.com.br/v3/contacts/1001 -> 503",
        "PATCH https://api4.kinbox.com.br/v3/contacts/1001 -> ConnectError",
        "PATCH https://api4.kinbox.com.br/v3/contacts/1001 -> 200",
    ]
    assert [r.getMessage().rsplit(" ", 1)[-1] for r in records] == ["0)", "1)", "2)"]
    assert all(" ms (retry " in r.getMessage() for r in records)


@pytest.mark.slow
def test_kinbox_log_debug_turns_logging_on_without_code() -> None:
    script = (
        "import httpx\n"
        "from kinbox_client import KinboxClient\nfrom kinbox_client.models import ContactUpdate\n"
        "from tests.support import Recorder\n"
        "KinboxClient(token='t', transport=httpx.MockTransport(Recorder())).update_contact(5, ContactUpdate())\n"
    )
    result = run_python("-c", script, KINBOX_LOG="debug", PYTHONPATH=f"{ROOT / 'generated'}:{ROOT}")
    assert result.returncode == 0, result.stderr
    assert "kinbox_client DEBUG] PATCH https://api4.kinbox.com.br/v3/contacts/5 -> 200 in" in result.stderr


def test_responses_are_parsed_straight_from_bytes(mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[object] = []
    original = Contact.model_validate_json

    def spy(data: Any, **kwargs: Any) -> Contact:
        seen.append(data)
        return original(data, **kwargs)

    monkeypatch.setattr(Contact, "model_validate_json", spy)
    Caller(mode, Recorder()).update(1001, ContactUpdate(name="Ana"))
    assert len(seen) == 1
    assert isinstance(seen[0], bytes)
    assert json.loads(seen[0])["name"] == "Ana"


def test_user_agent_names_the_client_python_and_httpx(mode: str) -> None:
    recorder = Recorder()
    Caller(mode, recorder).update(1001, ContactUpdate())
    agent = recorder.last.headers["user-agent"]
    assert (
        agent == f"kinbox-client/{kinbox_client.__version__} python/{sys.version.split()[0]} httpx/{httpx.__version__}"
    )


def test_client_side_validation_sends_nothing(mode: str) -> None:
    recorder = Recorder()
    caller = Caller(mode, recorder)
    with pytest.raises(ValueError, match="at most 128"):
        caller.update(1001, ContactUpdate(name="x" * 200))
    assert recorder.requests == []


def test_misuse_is_one_exception_type_both_a_client_error_and_a_value_error() -> None:
    # Callers catch either the package's base error or ValueError; both must work for every misuse.
    misuses: list[Callable[[], object]] = [
        lambda: KinboxClient(token=TOKEN, max_retries=-1),
        lambda: KinboxClient(token=TOKEN, http_client=httpx.Client(), transport=httpx.MockTransport(Recorder())),
        lambda: KinboxClient(token=TOKEN).with_options(max_retries=-1),
    ]
    for misuse in misuses:
        with pytest.raises(kinbox_client.KinboxError) as caught:
            misuse()
        assert isinstance(caught.value, ValueError)
        assert type(caught.value).__name__ == "UsageError"
