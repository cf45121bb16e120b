"""Property-based robustness of the mock over real HTTP (issue 14).

Hypothesis builds raw requests (odd methods, paths, headers and framing; bodies of hostile JSON
with extreme numbers, surrogates and deep nesting, or plain bytes) and sends each on its own
connection to the mock in a uvicorn subprocess, as `python -m contract_tests.mock` serves it.
For every request:

- no answer is a 5xx;
- every answer is JSON that matches the spec (the documented schema for its status; the
  shared Error schema for 404s and 405s outside the operation);
- afterwards an empty PATCH of every contact still answers 200 with a valid contact;
- the contacts changed only if the answer was a 2xx, and then to exactly what it said.

The mock's resident memory is read before and after a bounded run and must stay flat (a
generous bound, never a time).
"""

from __future__ import annotations

import contextlib
import json
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

from contract_tests.contract import Contract
from contract_tests.mock import load_seed
from contract_tests.mock.serve import mock_process

TOKEN = "property-test-token"
CONTACTS = [str(contact["id"]) for contact in load_seed()]
CONTRACT = Contract()
REQUEST_TIMEOUT = 0.5  # the mock's request deadline here: incomplete requests are drawn too
EXAMPLES = 150  # per run; two runs
# Growth of the mock's RSS allowed across the second run: generous, since the allocator keeps
# freed arenas; a leak of even 1 KB per request would exceed it.
RSS_GROWTH_BOUND_KB = 16 * 1024


@dataclass
class Mock:
    url: str
    host: str
    port: int
    pid: int
    client: httpx.Client

    def rss_kb(self) -> int:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise AssertionError("no VmRSS line")


@pytest.fixture(scope="module")
def mock() -> Iterator[Mock]:
    if not Path("/proc/self/status").exists():
        pytest.skip("reading a process's memory needs /proc")
    args = ["--token", TOKEN, "--request-timeout", str(REQUEST_TIMEOUT)]
    with mock_process(args) as (url, process), httpx.Client(base_url=url) as client:
        host, port = url.removeprefix("http://").split(":")
        yield Mock(url, host, int(port), process.pid, client)


# Strategies. Most requests are well-formed, authorized PATCHes of a known contact, so their
# hostile bodies reach the store; the rest vary everything else.


def mostly(common: st.SearchStrategy[Any], rare: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """`common` four times in five (one_of would give each branch the same share)."""
    return st.sampled_from([common] * 4 + [rare]).flatmap(lambda chosen: chosen)


@dataclass(frozen=True)
class Raw:
    """JSON text written as is: numbers such as 1e400, nesting deeper than any encoder allows."""

    text: str


def dump(value: Any, *, ascii: bool = True) -> str:
    """JSON text; with `ascii` a lone surrogate is written as its `\\ud800` escape, else as itself
    (its UTF-8 bytes, `ED A0 80`, once encoded with surrogatepass)."""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, dict):
        members = (
            f"{json.dumps(key, ensure_ascii=ascii)}:{dump(member, ascii=ascii)}" for key, member in value.items()
        )
        return "{" + ",".join(members) + "}"
    if isinstance(value, list):
        return "[" + ",".join(dump(member, ascii=ascii) for member in value) + "]"
    return json.dumps(value, ensure_ascii=ascii)


# Text including lone surrogates, NUL, controls and characters outside the BMP.
hostile_text = st.text(st.characters(codec=None, categories=None), max_size=20)
extreme_numbers = st.sampled_from(
    ["1e400", "-1e400", "1E+999", "-0", "1e-400", "4.9e-324", "1.7976931348623157e308", "9" * 5000, "-" + "7" * 4301]
).map(Raw)
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | hostile_text
    | extreme_numbers
)
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(hostile_text, children, max_size=4),
    max_leaves=20,
)
deep_nesting = st.integers(min_value=1, max_value=3000).map(lambda depth: Raw("[" * depth + "]" * depth))
FIELDS = ["name", "notes", "email", "phone", "isPrivate", "customFields", "crmData", "id", "lastUpdateAt", "bogus"]
field_values = (
    hostile_text
    | json_values
    | st.dictionaries(hostile_text, json_values | deep_nesting, max_size=3)
    | st.text(max_size=200)
)
containers = st.dictionaries(hostile_text, json_values | deep_nesting, max_size=3)
plausible_updates = st.fixed_dictionaries(
    {},
    optional={
        "name": hostile_text,
        "notes": st.none() | hostile_text,
        "isPrivate": st.booleans(),
        "customFields": containers,
        "crmData": containers,
    },
)
json_objects = mostly(
    plausible_updates, st.dictionaries(st.sampled_from(FIELDS) | hostile_text, field_values, max_size=4)
)
bodies = (
    json_objects.map(lambda value: dump(value).encode())
    | json_objects.map(lambda value: dump(value, ascii=False).encode("utf-8", "surrogatepass"))
    | json_values.map(lambda value: dump(value).encode())
    | st.binary(max_size=200)
    | st.integers(min_value=60_000, max_value=70_000).map(lambda size: b'{"notes":"' + b"x" * size + b'"}')
)

methods = mostly(
    st.just("PATCH"), st.sampled_from(["patch", "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE", "X"])
)
contact_ids = mostly(
    st.sampled_from(CONTACTS),
    st.integers(min_value=-(2**64), max_value=2**64).map(str)
    | st.sampled_from(["0", "007", "1e3", "1.5", "%31%30%30%31", "1001%2F..%2F1002", "1" * 5000, "%00", "%ff", "%"])
    | st.text(st.characters(codec="ascii", exclude_characters=" \r\n"), max_size=12)
    | st.binary(max_size=12).map(lambda raw: raw.decode("latin-1")),
)
paths = mostly(
    contact_ids.map(lambda cid: "/v3/contacts/" + cid),
    st.sampled_from(
        [
            "/",
            "/v3/contacts",
            "/v3/contacts/",
            "/v3/contacts/1001/x",
            "*",
            "/v3//contacts/1001",
            "/v3/contacts/1001?x=1",
        ]
    ),
)
authorizations = mostly(
    st.just([f"Bearer {TOKEN}"]),
    st.lists(
        st.sampled_from(
            [
                f"Bearer {TOKEN}",
                f"bearer {TOKEN}",
                f"BEARER   {TOKEN}",
                "Bearer wrong",
                "Bearer",
                TOKEN,
                f"Basic {TOKEN}",
                f"Bearer {TOKEN}\u00e9",
                f"Bearer {TOKEN}, Bearer x",
            ]
        ),
        max_size=2,
    ),
)
content_types = st.sampled_from(
    [["application/json"]] * 4
    + [
        [],
        ["application/json; charset=utf-8"],
        ["application/merge-patch+json"],
        ["text/plain"],
        ["application/json"] * 2,
    ]
)
odd_headers = mostly(
    st.just([]),
    st.lists(
        st.tuples(
            st.sampled_from(["X-Odd", "Expect", "Connection", "Upgrade", "Transfer-Encoding", "Content-Length", "Host"])
            | st.text(st.characters(codec="latin-1"), min_size=1, max_size=8),
            st.sampled_from(["100-continue", "close", "upgrade", "websocket", "chunked", "identity", "-1", "1e3", ""])
            | st.text(st.characters(codec="latin-1"), max_size=20),
        ),
        max_size=2,
    ),
)
framings = mostly(st.just("length"), st.sampled_from(["chunked", "none", "shorter", "longer", "bad-chunk"]))


@dataclass(frozen=True)
class HostileRequest:
    method: str
    path: str
    headers: list[tuple[str, str]]
    body: bytes
    framing: str

    def encode(self) -> bytes:
        lines = [f"{self.method} {self.path} HTTP/1.1", "Host: mock", "Connection: close"]
        lines += [f"{name}: {value}" for name, value in self.headers]
        body = self.body
        if self.framing == "length":
            lines.append(f"Content-Length: {len(body)}")
        elif self.framing == "shorter":
            lines.append(f"Content-Length: {max(len(body) - 1, 0)}")
        elif self.framing == "longer":
            lines.append(f"Content-Length: {len(body) + 10}")
        elif self.framing in ("chunked", "bad-chunk"):
            lines.append("Transfer-Encoding: chunked")
            size = f"{len(body):x}" if self.framing == "chunked" else "zz"
            body = f"{size}\r\n".encode() + body + b"\r\n0\r\n\r\n" if body else b"0\r\n\r\n"
        return "\r\n".join(lines).encode("latin-1", "replace") + b"\r\n\r\n" + body


requests = st.builds(
    HostileRequest,
    method=methods,
    path=paths,
    headers=st.tuples(
        authorizations.map(lambda values: [("Authorization", value) for value in values]),
        content_types.map(lambda values: [("Content-Type", value) for value in values]),
        odd_headers,
    ).map(lambda groups: [header for group in groups for header in group]),
    body=bodies,
    framing=framings,
)


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def exchange(mock: Mock, request: HostileRequest) -> list[Answer]:
    """Send `request` on a new connection; the answers on it until the server closes it."""
    with socket.create_connection((mock.host, mock.port), timeout=30) as sock:
        with contextlib.suppress(OSError):  # the server refused the rest (a 413 head, say) and closed
            sock.sendall(request.encode())
        received = b""
        try:
            while chunk := sock.recv(65536):
                received += chunk
        except ConnectionResetError:  # closed with our unread bytes still queued: keep what came
            pass
    answers = []
    while received:
        head, separator, rest = received.partition(b"\r\n\r\n")
        assert separator, f"an incomplete answer: {received[:200]!r}"
        status_line, *lines = head.decode("latin-1").split("\r\n")
        headers = {name.lower(): value for name, _, value in (line.partition(": ") for line in lines)}
        status = int(status_line.split()[1])
        if status == 100:  # the interim answer to `Expect: 100-continue`
            received = rest
            continue
        length = int(headers["content-length"])
        answers.append(Answer(status, headers, rest[:length]))
        if request.method == "HEAD":  # no body, and what follows cannot be framed reliably
            break
        received = rest[length:]
    return answers


def contacts(mock: Mock) -> dict[str, Any]:
    """Every contact, by an empty PATCH: each must answer 200 with a valid contact."""
    found = {}
    for contact_id in CONTACTS:
        response = mock.client.patch(
            f"/v3/contacts/{contact_id}", json={}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        assert response.status_code == 200, response.text
        value = json.loads(response.content)
        assert CONTRACT.response_problems(200, value) == []
        found[contact_id] = value
    return found


def check_answer(request: HostileRequest, answer: Answer) -> Any:
    assert answer.status < 500, answer
    if request.method == "HEAD" and not answer.body:  # a body only if the request was refused unread
        return None
    assert answer.headers.get("content-type") == "application/json", answer
    value = json.loads(answer.body)  # strict: the answer must be JSON, not text/plain
    path = request.path.split("?")[0]
    listing = {"/v3/contacts": "/v3/contacts", "/v3/contacts/all": "/v3/contacts/all"}.get(path)
    if answer.status in (404, 405):  # possibly outside the operation: the shared Error shape
        problems = CONTRACT.problems(CONTRACT.response_validators["400"], value)
    elif listing is not None and request.method in ("GET", "POST"):  # create and the listings document their own
        problems = CONTRACT.operation(listing, request.method.lower()).response_problems(CONTRACT, answer.status, value)
    else:
        problems = CONTRACT.response_problems(answer.status, value)
    assert problems == [], (answer.status, value)
    return value


def hostile_run(mock: Mock, run_seed: int) -> None:
    @hypothesis_seed(run_seed)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    )
    @given(request=requests)
    def one(request: HostileRequest) -> None:
        before = contacts(mock)
        answers = exchange(mock, request)
        values = [check_answer(request, answer) for answer in answers]
        after = contacts(mock)
        expected = dict(before)
        for answer, value in zip(answers, values, strict=True):
            # A PATCH's 2xx is the contact it changed; a listing changes nothing, and a create adds a
            # contact outside CONTACTS, the ones read back here.
            if 200 <= answer.status < 300 and isinstance(value, dict) and value.get("id") in expected:
                expected[value["id"]] = value
        assert after == expected, "the contacts changed without a 2xx saying so"

    one()


@pytest.mark.slow
def test_hostile_requests_over_http_never_break_the_mock(mock: Mock, capsys: pytest.CaptureFixture[str]) -> None:
    hostile_run(mock, run_seed=1)  # warms the mock up: imports, caches, the allocator's arenas
    warm = mock.rss_kb()
    hostile_run(mock, run_seed=2)
    end = mock.rss_kb()
    with capsys.disabled():
        print(f"\nmock RSS: {warm} KB after a first run of {EXAMPLES} hostile requests, {end} KB after a second")
    assert end - warm < RSS_GROWTH_BOUND_KB
