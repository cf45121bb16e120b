"""Spec text made safe for what the tools write: Python, TOML and Markdown.

- `pystr`: a Python string literal (`repr`), for anything that becomes a value;
- `docstring`: text for inside a triple-quoted docstring (backslashes, quotes and control
  characters escaped);
- `oneline`: whitespace collapsed, for Markdown headings and one-line messages;
- `md_cell`: one line that stays inside its Markdown table cell;
- `toml_str`: a TOML basic string;
- `seconds`, `percent`: numbers as prose states them (`60`, `0.5`; `25%`).
"""

from __future__ import annotations

import json
import unicodedata


def pystr(value: object) -> str:
    """A Python literal for a string (or None)."""
    if value is not None and not isinstance(value, str):
        raise TypeError(f"pystr expects a string, got {type(value).__name__}")
    return repr(value)


def docstring(text: str) -> str:
    """`text` made safe inside `\"\"\"...\"\"\"`; reads the same once Python unescapes it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    escaped = []
    for char in text:
        if char not in "\n\t" and unicodedata.category(char) in ("Cc", "Cs"):
            escaped.append(f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")
        else:
            escaped.append(char)
    text = "".join(escaped)
    if text.endswith('"'):
        text = text[:-1] + '\\"'
    return text


def oneline(text: str) -> str:
    collapsed = " ".join(text.split())
    return "".join(char for char in collapsed if unicodedata.category(char) not in ("Cc", "Cs"))


def toml_str(text: str) -> str:
    # A JSON string with every non-ASCII character escaped is a valid TOML basic string,
    # except for DEL, which TOML wants escaped too.
    return json.dumps(text, ensure_ascii=True).replace("\x7f", "\\u007f")


def md_cell(text: str) -> str:
    """`text` on one line, its `|` escaped so it cannot end the table cell."""
    return oneline(text).replace("|", "\\|")


def seconds(value: float) -> str:
    """60.0 -> '60', 0.5 -> '0.5'."""
    return f"{value:g}"


def percent(fraction: float) -> str:
    """0.25 -> '25%'."""
    return f"{fraction * 100:g}%"
