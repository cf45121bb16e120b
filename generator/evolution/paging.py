"""An operation's `x-pagination` compared: it decides what the generated method returns and how it pages.

With the extension the method returns a page (`SyncPage[Item]`; async: an `AsyncPaginator`)
instead of the response model, so adding or removing it breaks every caller. Within it, each
key is read by the runtime's pager (`generator/runtime/_pagination.py`): `items` is what
`page.data` holds, `total` what `page.total_count` reports and where offset paging stops,
`offset` and `cursor` the query parameters the pager advances, `next_cursor` where it reads the
next cursor, and `limit` (offset style) where it learns that a short page is the last. A
different value changes what callers read or which pages they get, so it breaks; two changes
do not: a `total` that appears only fills in a `page.total_count` that was None, and a cursor
style's `limit` is not read by the pager at all (the parameter itself is compared as a parameter).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..spec.pagination import EXTENSION
from ..spec.pointers import pointer
from .rules import kebab, short

Change = tuple[str, str, Any, Any, str]  # (rule, pointer, old, new, what)


def pagination_changes(old: Any, new: Any, at: str, title: str) -> Iterator[Change]:
    """The findings between two operations' `x-pagination` values (None when it has none) at `at`."""
    if old is None and new is None:
        return
    if old is None or new is None:
        rule, what = (
            ("pagination-added", "now returns a page") if old is None else ("pagination-removed", "no longer pages")
        )
        yield rule, at, old, new, f"{title}: {EXTENSION} {'added' if old is None else 'removed'}: the method {what}"
        return
    if not isinstance(old, dict) or not isinstance(new, dict):  # refused by the generator: compared whole
        if old != new:
            yield "pagination-changed", at, old, new, f"{title}: {EXTENSION} {short(old)} -> {short(new)}"
        return
    if old.get("style") != new.get("style"):
        # Another style pages by other keys: one finding says it all.
        what = f"{title}: pagination style {short(old.get('style'))} -> {short(new.get('style'))}"
        yield "pagination-style-changed", at + "/style", old, new, what
        return
    for key in [*old, *(k for k in new if k not in old)]:
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        change = "added" if key not in old else "removed" if key not in new else "changed"
        yield _rule(key, change, new.get("style")), at + pointer(key), before, after, _what(title, key, before, after)


def _rule(key: str, change: str, style: Any) -> str:
    if key == "total":
        return f"pagination-total-{change}"
    if key == "limit" and style == "cursor":
        return "pagination-cursor-limit-changed"
    if key in ("items", "offset", "limit", "cursor", "next_cursor"):
        return f"pagination-{kebab(key).replace('_', '-')}-changed"
    return "pagination-changed"  # a key no style reads: the generator refuses it


def _what(title: str, key: str, before: Any, after: Any) -> str:
    shown = "none" if before is None else short(before), "none" if after is None else short(after)
    return f"{title}: pagination {key} {shown[0]} -> {shown[1]}"
