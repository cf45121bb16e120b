"""What a generated module imports, named once so that the module passes ruff's F401.

The IR's annotations say which models modules and `typing` names they use; these gather
them for a module of operations, with the runtime names its code needs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import ir


@dataclass(frozen=True, slots=True)
class ModelModule:
    """A models module the client module imports; annotations name classes through it.

    Qualified names (`models.Contact`) keep schema names from ever colliding with the
    names the client module itself uses.
    """

    module: str  # dotted, below the models package; "" for the package itself
    alias: str  # "models" for the root, "models_studio_v2" for "studio.v2"

    def statement(self, level: int = 1) -> str:
        """The import, relative to a module `level` packages deep (1: the package's own modules)."""
        dots = "." * level
        if not self.module:
            return f"from {dots} import models"
        parent, _, leaf = f"models.{self.module}".rpartition(".")
        return f"from {dots}{parent} import {leaf} as {self.alias}"


@dataclass(frozen=True, slots=True)
class ModuleImports:
    """What one generated module of operations imports (the templates print exactly these)."""

    model_modules: tuple[ModelModule, ...]
    modules: tuple[str, ...]  # standard-library modules, imported whole (`import datetime`)
    typing_names: tuple[str, ...]  # from `typing`
    runtime_names: tuple[str, ...]  # from the package's `_runtime`


def imports_for(operations: tuple[ir.Operation, ...], *, bases: Iterable[str] = ()) -> ModuleImports:
    """Exactly the names a module declaring these operations uses, so it passes ruff's F401.

    `bases` are the runtime names the module needs besides its operations' (the client bases).
    """
    annotations = [annotation for op in operations for annotation in op.annotations]
    used_typing = frozenset().union(*(annotation.typing_names for annotation in annotations))
    typing_names: list[str] = [name for name in ("Any", "Literal") if name in used_typing]
    runtime: list[str] = list(bases)
    if operations:
        typing_names += ["Unpack", "cast"] if any(op.paging is None for op in operations) else ["Unpack"]
        runtime += ["APIResponse", "Endpoint", "RequestOptions", "ResponseSpec"]
    if any(op.paging for op in operations):
        runtime += ["AsyncPaginator", "Pagination", "SyncPage", "sync_page"]
    if any(op.body for op in operations):
        runtime.append("BodySpec")
    if any(op.styled_parameters or (op.body and op.body.styles) for op in operations):
        runtime.append("ParameterStyle")
    if any(op.checked_parameters for op in operations):
        runtime.append("Rule")
    if any(op.streams for op in operations):
        runtime += ["AsyncStream", "Stream"]
    return ModuleImports(
        model_modules=sorted_modules(module for op in operations for module in op.model_modules),
        modules=tuple(sorted(frozenset().union(*(annotation.modules for annotation in annotations)))),
        typing_names=tuple(typing_names),
        runtime_names=tuple(sorted(runtime)),
    )


def sorted_modules(modules: Iterable[ModelModule]) -> tuple[ModelModule, ...]:
    by_name = {module.module: module for module in modules}
    return tuple(by_name[name] for name in sorted(by_name))


def python_order(names: Iterable[str]) -> tuple[str, ...]:
    """Names as isort orders them: CONSTANTS, then Classes, then everything else."""
    return tuple(sorted(names, key=lambda name: (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)))
