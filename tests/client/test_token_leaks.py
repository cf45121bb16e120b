"""The token never shows: not in any repr, exception message or log record (httpx's included)."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from contract_tests.mock import Faults
from contract_tests.mock.serve import mock_in_thread
from kinbox_client import KinboxError
from kinbox_client.models import ContactUpdate
from tests.support import TOKEN, Caller, Recorder, contact_json


class Everything(logging.Handler):
    """Keeps every record of every logger, formatted the way a handler would print it."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.texts: list[str] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.texts.append(self.format(record))
        self.texts.append(repr(record.args))
        self.texts.append(repr(record.__dict__))


@pytest.fixture
def logs() -> Iterator[Everything]:
    handler = Everything()
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield handler
    root.removeHandler(handler)
    root.setLevel(previous)


def exception_texts(exc: BaseException) -> list[str]:
    texts = [str(exc), repr(exc), "".join(traceback.format_exception(exc))]
    texts += [repr(value) for value in vars(exc).values() if not callable(value)]
    response = getattr(exc, "response", None)
    if isinstance(response, httpx.Response):
        texts += [repr(response), repr(response.request), repr(response.request.headers)]
    request = getattr(exc, "request", None)
    if isinstance(request, httpx.Request):
        texts += [repr(request), repr(request.headers)]
    return texts


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_the_token_never_leaks(mode: str, logs: Everything) -> None:
    seen: list[str] = []
    answers: list[Any] = [
        httpx.Response(200, json=contact_json()),
        httpx.Response(200, json=contact_json()),
        *(httpx.Response(status, json={"message": "no"}) for status in (400, 401, 403, 404, 409, 422, 429, 500)),
        httpx.Response(200, json={"not": "a contact"}),
        httpx.ConnectError("refused"),
        httpx.ReadTimeout("slow"),
    ]
    with Caller(mode, Recorder(answers), max_retries=0) as caller:
        client = caller.client
        seen += [repr(client), repr(client.with_options(timeout=1)), repr(client._credentials), str(vars(client))]
        seen.append(repr(caller.update(1001, ContactUpdate(name="Ana"))))
        raw = caller.call("with_raw_response.update_contact", 1001, ContactUpdate())
        seen += [repr(raw), repr(raw.http_response.request), repr(raw.headers)]
        for _ in range(10):
            with pytest.raises(KinboxError) as caught:
                caller.update(1001, ContactUpdate())
            seen += exception_texts(caught.value)
        with pytest.raises(ValueError, match="at most 128") as invalid:
            caller.update(1001, ContactUpdate(name="x" * 300))
        seen += exception_texts(invalid.value)
    # Against a real server that drops connections and rate-limits, too.
    with (
        mock_in_thread(token=TOKEN, faults=Faults(rate_429=0.5, rate_drop=0.5, seed=1, retry_after="0")) as url,
        Caller(mode, None, base_url=url, max_retries=1) as caller,
    ):
        for _ in range(6):
            try:
                caller.update(1001, ContactUpdate())
            except KinboxError as exc:
                seen += exception_texts(exc)
    texts = seen + logs.texts
    assert any("kinbox_client" in text for text in logs.texts), "the client logged nothing to check"
    assert any("httpx" in text for text in logs.texts), "httpx logged nothing to check"
    leaks = [text for text in texts if TOKEN in text]
    assert leaks == [], leaks[:3]


def test_the_check_would_see_a_leak(logs: Everything) -> None:
    """The scan above is not vacuous: a record carrying the token is found."""
    logging.getLogger("kinbox_client").debug("Authorization: Bearer %s", TOKEN)
    assert any(TOKEN in text for text in logs.texts)
