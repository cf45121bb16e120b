"""Where the anchors live: openapi-python-client, Prism and wrk, each optional.

`nox -s bench` installs openapi-python-client into its own virtualenv and Prism into
`.bench-tools/` and passes their paths; wrk is taken from PATH. A missing tool skips its
rows with a note instead of failing the run.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .core import ROOT

PRISM_DEFAULT = ROOT / ".bench-tools" / "prism" / "node_modules" / ".bin" / "prism"


@dataclass(frozen=True)
class Tools:
    opc: Path | None = None  # the openapi-python-client executable (inside its own virtualenv)
    prism: Path | None = None  # the prism executable (node)
    wrk: Path | None = None

    @classmethod
    def find(cls, opc: str | None = None, prism: str | None = None, wrk: str | None = None) -> Tools:
        """Explicit paths first, then BENCH_OPC / BENCH_PRISM / BENCH_WRK, then the usual places.

        An empty value (`--wrk ""`) means: do without that tool.
        """
        return cls(
            opc=_existing(opc if opc is not None else os.environ.get("BENCH_OPC")),
            prism=_existing(prism if prism is not None else os.environ.get("BENCH_PRISM", str(PRISM_DEFAULT))),
            wrk=_existing(wrk if wrk is not None else os.environ.get("BENCH_WRK", shutil.which("wrk") or "")),
        )


def _existing(value: str | None) -> Path | None:
    if not value:
        return None
    path = Path(value)
    found = path if path.is_file() else (Path(which) if (which := shutil.which(value)) else None)
    return found.absolute() if found is not None and os.access(found, os.X_OK) else None
