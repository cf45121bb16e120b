"""The IR of an operation's pagination: the runtime's `Pagination` constant and the items' type.

Read and checked in `generator.spec.pagination`; here it gains what the templates print.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..spec.pagination import PaginationSpec, Style

if TYPE_CHECKING:
    from . import ir
    from .annotations import Annotations


@dataclass(frozen=True, slots=True)
class Paging:
    style: Style
    items: tuple[str, ...]
    total: tuple[str, ...] | None
    offset: str | None
    limit: str | None
    cursor: str | None
    next_cursor: tuple[str, ...] | None
    item: ir.Annotation  # the type of one item: what the page's `data` holds

    @property
    def fields(self) -> tuple[tuple[str, str | tuple[str, ...]], ...]:
        """The runtime `Pagination`'s arguments that are set, in its order (`style` first)."""
        values = (
            ("style", self.style),
            ("items", self.items),
            ("total", self.total),
            ("offset", self.offset),
            ("limit", self.limit),
            ("cursor", self.cursor),
            ("next_cursor", self.next_cursor),
        )
        return tuple((name, value) for name, value in values if value is not None)

    def returns(self, is_async: bool) -> str:
        """What the paged method returns: the first page (sync) or the paginator (async)."""
        return f"{'AsyncPaginator' if is_async else 'SyncPage'}[{self.item}]"


def build_paging(found: PaginationSpec, types: Annotations) -> Paging:
    return Paging(
        style=found.style,
        items=found.items,
        total=found.total,
        offset=found.offset,
        limit=found.limit,
        cursor=found.cursor,
        next_cursor=found.next_cursor,
        item=types.of(*found.item_schema),
    )
