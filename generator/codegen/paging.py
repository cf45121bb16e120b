"""The IR of an operation's pagination: the checked `x-pagination` and the type of its items.

`generator.spec.pagination` reads and checks the extension and is its one description; here
it gains only what the templates print besides: the items' annotation and the return type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..spec.pagination import PaginationSpec

if TYPE_CHECKING:
    from . import ir
    from .annotations import Annotations


@dataclass(frozen=True, slots=True)
class Paging:
    spec: PaginationSpec
    item: ir.Annotation  # the type of one item: what the page's `data` holds

    @property
    def fields(self) -> tuple[tuple[str, str | tuple[str, ...]], ...]:
        """The runtime `Pagination`'s arguments that are set, in its order (`style` first)."""
        return self.spec.arguments

    def returns(self, is_async: bool) -> str:
        """What the paged method returns: the first page (sync) or the paginator (async)."""
        return f"{'AsyncPaginator' if is_async else 'SyncPage'}[{self.item}]"


def build_paging(found: PaginationSpec, types: Annotations) -> Paging:
    return Paging(spec=found, item=types.of(*found.item_schema))
