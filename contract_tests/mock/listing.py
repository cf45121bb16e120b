"""List Contacts and List All Contacts: their query parameters read and checked, and the
filters exactly as the spec's descriptions decide them.

A query parameter is read from its text by the type its schema gives (`true`/`false`, a
decimal integer, a string), then checked against that schema with the spec's own validator,
so `limit=0` or `createdAtFrom=yesterday` is refused naming `query.<name>`. A parameter given
twice is refused too: which of the two a server would use is not something to guess. Unknown
parameters are ignored, as the spec says.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from ..contract import Contract, OperationChecks, Problem
from .store import parse_stamp

_CANONICAL_INTEGER = re.compile(r"(0|-?[1-9][0-9]*)")
# Digits beyond these are refused unread (the spec's int64 bounds have 19): see app.MAX_ID_DIGITS.
MAX_INTEGER_DIGITS = 64
LAST_48H = dt.timedelta(hours=48)

Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Query:
    """The query of a listing request, read and valid: each parameter sent, by its spec name."""

    values: dict[str, Any]

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


def read_query(raw: bytes, checks: OperationChecks, contract: Contract) -> tuple[Query | None, list[Problem]]:
    """The query string's documented parameters as typed values, or the problems with them."""
    pairs = parse_qsl(raw.decode("latin-1"), keep_blank_values=True, encoding="utf-8", errors="replace")
    seen: dict[str, list[str]] = {}
    for name, text in pairs:
        if name in checks.query:
            seen.setdefault(name, []).append(text)
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, texts in seen.items():
        where = f"query.{name}"
        if len(texts) > 1:
            problems.append(Problem(where, "must be given at most once"))
            continue
        value, problem = _typed(texts[0], checks.query_schemas[name].get("type"))
        if problem is not None:
            problems.append(Problem(where, problem))
            continue
        found = contract.problems(checks.query[name], value)
        if not found and checks.query_schemas[name].get("format") == "date-time":
            try:
                value = parse_moment(value)
            except ValueError:
                found = [Problem("", "must be an RFC 3339 date-time this server can read")]
        problems.extend(Problem(where, p.message) for p in found)
        values[name] = value
    if problems:
        return None, problems
    return Query(values), []


def _typed(text: str, kind: Any) -> tuple[Any, str | None]:
    if kind == "boolean":
        if text in ("true", "false"):
            return text == "true", None
        return None, "must be true or false"
    if kind == "integer":
        if not _CANONICAL_INTEGER.fullmatch(text):
            return None, "must be an integer written in decimal digits"
        if len(text) > MAX_INTEGER_DIGITS:
            return None, f"must be at most {MAX_INTEGER_DIGITS} digits long"
        return int(text), None
    return text, None


def parse_moment(text: str) -> dt.datetime:
    """An RFC 3339 date-time (already validated) as an aware datetime. RFC 3339 allows `t`/`z`
    in lower case and a leap second, which `fromisoformat` does not read: a leap second is read
    as the second before it."""
    text = text.upper()
    if text[17:19] == "60":
        text = text[:17] + "59" + text[19:]
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(text)
    return moment


def _contains_casefolded(wanted: str) -> Callable[[Record], bool]:
    folded = wanted.casefold()
    return lambda record: isinstance(record.get("name"), str) and folded in record["name"].casefold()


def _equals(field: str, wanted: str) -> Callable[[Record], bool]:
    return lambda record: record.get(field) == wanted


def _equals_casefolded(field: str, wanted: str) -> Callable[[Record], bool]:
    folded = wanted.casefold()
    return lambda record: isinstance(record.get(field), str) and record[field].casefold() == folded


def _created(test: Callable[[dt.datetime], bool]) -> Callable[[Record], bool]:
    return lambda record: test(parse_stamp(record["createdAt"]))


def filters(query: Query, now: dt.datetime) -> list[Callable[[Record], bool]]:
    """One test per filter the query sets; a contact matches when it passes all of them."""
    tests: list[Callable[[Record], bool]] = []
    values = query.values
    if "newContact" in values:
        wanted = values["newContact"]
        tests.append(lambda record: bool(record.get("newContact", False)) is wanted)
    if "name" in values:
        tests.append(_contains_casefolded(values["name"]))
    for field in ("externalId", "origin", "phone"):
        if field in values:
            tests.append(_equals(field, values[field]))
    if "email" in values:
        tests.append(_equals_casefolded("email", values["email"]))
    if "createdAtFrom" in values:
        start: dt.datetime = values["createdAtFrom"]
        tests.append(_created(lambda moment: moment >= start))
    if "createdAtTo" in values:
        end: dt.datetime = values["createdAtTo"]
        tests.append(_created(lambda moment: moment <= end))
    if values.get("last48h") is True:
        since = now - LAST_48H
        tests.append(_created(lambda moment: moment >= since))
    return tests


def matching(contacts: Iterable[tuple[Record, bytes]], query: Query, now: dt.datetime) -> list[tuple[Record, bytes]]:
    """The contacts that pass every filter of `query`, in the order given."""
    tests = filters(query, now)
    if not tests:
        return list(contacts)
    return [entry for entry in contacts if all(test(entry[0]) for test in tests)]
