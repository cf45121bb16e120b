"""Spec text made safe for what the tools write: Python, TOML and Markdown.

- `pystr`: a Python string literal (`repr`), for anything that becomes a value;
- `docstring`: text for inside a triple-quoted docstring (backslashes, quotes and control
  characters escaped);
- `oneline`: whitespace collapsed, for Markdown headings and one-line messages;
- `md_cell`: one line that stays inside its Markdown table cell;
- `md_code`: one line as a Markdown code span, whatever backticks it holds;
- `toml_str`: a TOML basic string;
- `terminal`: text safe to print on a terminal (no control or invisible character acts);
- `seconds`, `percent`: numbers as prose states them (`60`, `0.5`; `25%`).
"""

from __future__ import annotations

import json
import re
import unicodedata


def pystr(value: object) -> str:
    """A Python literal for a string (or None)."""
    if value is not None and not isinstance(value, str):
        raise TypeError(f"pystr expects a string, got {type(value).__name__}")
    return repr(value)


# Unicode's control (Cc) and surrogate (Cs) characters but newline and tab: a docstring would
# carry them raw into the source, where they are invisible, or not encodable as UTF-8.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def docstring(text: str) -> str:
    """`text` made safe inside `\"\"\"...\"\"\"`; reads the same once Python unescapes it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    text = _UNPRINTABLE.sub(_escaped, text)
    # A final quote would merge with the closing `"""`, unless our escaping already made it `\"`:
    # it is escaped when an odd number of backslashes precede it.
    if text.endswith('"') and (len(text) - 1 - len(text[:-1].rstrip("\\"))) % 2 == 0:
        text = text[:-1] + '\\"'
    return text


def oneline(text: str) -> str:
    collapsed = " ".join(text.split())
    return "".join(char for char in collapsed if unicodedata.category(char) not in ("Cc", "Cs"))


def toml_str(text: str) -> str:
    """A TOML basic string: UTF-8 as is, quotes, backslashes and control characters escaped.

    Not `json.dumps(ensure_ascii=True)`: that writes a character outside the BMP as a
    surrogate pair (`\\ud83d\\ude00`), which TOML refuses. A lone surrogate cannot be
    encoded at all and becomes U+FFFD (the loader refuses them before they get here).
    """
    out = ['"']
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif unicodedata.category(char) == "Cc":
            out.append(f"\\u{ord(char):04x}")
        elif unicodedata.category(char) == "Cs":
            out.append("\ufffd")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def md_cell(text: str) -> str:
    """`text` on one line, its `|` escaped so it cannot end the table cell."""
    return oneline(text).replace("|", "\\|")


def md_code(text: str) -> str:
    """A Markdown code span of `text` on one line, fenced by more backticks than it holds in a row."""
    line = oneline(text)
    longest = max((len(run) for run in re.findall(r"`+", line)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {line} " if line.startswith("`") or line.endswith("`") else line
    return f"{fence}{padded}{fence}"


def terminal(text: str) -> str:
    """`text` with every character Python does not call printable shown as an escape, so
    printing it cannot move the cursor, recolour the terminal, reorder what is shown or start a
    new line that looks like another message: C0 and C1 controls (ESC, CR, LF, ...), DEL, line
    and paragraph separators, format characters (bidirectional overrides), lone surrogates,
    unassigned code points. A tab is kept; everything else is kept as is.
    """
    return "".join(char if char.isprintable() or char == "\t" else _escape(char) for char in text)


def _escape(char: str) -> str:
    if char in "\r\n":
        return json.dumps(char)[1:-1]
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def seconds(value: float) -> str:
    """60.0 -> '60', 0.5 -> '0.5'."""
    return f"{value:g}"


def percent(fraction: float) -> str:
    """0.25 -> '25%'."""
    return f"{fraction * 100:g}%"
