"""The README's table of the catalogue, rendered from it so the two cannot disagree."""

from __future__ import annotations

from .catalogue import CATALOGUE, Variant

BEGIN = "<!-- teeth-table: `python -m tests.contract.faulty_server --table` writes it; tests/contract/test_contract_teeth.py checks it -->"
END = "<!-- /teeth-table -->"


def _row(variant: Variant) -> str:
    properties = ", ".join(f"`{name}`" for name in sorted(variant.properties)) or "none"
    description = variant.description.replace("|", "\\|")
    return f"| `{variant.name}` | {variant.kind} | {description} | {variant.verdict} | {properties} |"


def render_table() -> str:
    lines = [
        BEGIN,
        "| variant | class | what it does | suite's verdict | properties that must fail |",
        "|---|---|---|---|---|",
        *(_row(variant) for variant in CATALOGUE),
        END,
    ]
    return "\n".join(lines)
