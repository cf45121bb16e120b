"""Where a JSON pointer is in the spec's text: its 1-based line, for every diagnostic."""

from __future__ import annotations

import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]  # public, C-accelerated; not in typeshed
from pathlib import Path

import yaml

from ..errors import Diagnostic
from .pointers import split_pointer

# libyaml's loader is about ten times faster (the Stripe spec is 4 MB); PyYAML ships it in
# its wheels, and falls back to the pure-Python one where it was built without libyaml.
FAST_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def locate_all(diagnostics: list[Diagnostic], path: Path, text: str) -> list[Diagnostic]:
    finder = LineFinder(text)
    return [d.located(path, d.line if d.line is not None else finder.line_of(d.pointer)) for d in diagnostics]


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


class LineFinder:
    """Maps JSON pointers to 1-based line numbers, composing the YAML node tree only once.

    A JSON document is walked by `JsonOffsets` instead: composing Stripe's 4 MB as YAML nodes
    takes over a second, the walk a fraction of it. Both name the line where the value starts,
    or where the deepest existing part of the pointer does.
    """

    def __init__(self, text: str) -> None:
        self._json = JsonOffsets(text) if text.lstrip()[:1] in ("{", "[") else None
        # YAML (which reads JSON here) refuses surrogate escapes, even paired ones (`\ud83d\ude00`,
        # as json.dumps writes an emoji); a same-length escape keeps every line where it is.
        self._text = _SURROGATE_ESCAPE.sub(r"\\u0020", text)
        self._root: yaml.Node | None = None
        self._failed = False

    def line_of(self, json_pointer: str | None) -> int | None:
        if json_pointer is None:
            return None
        if self._json is not None:
            try:
                return self._json.line_of(split_pointer(json_pointer))
            except (ValueError, IndexError):  # YAML that starts like JSON: read it as YAML
                self._json = None
        if self._failed:
            return None
        if self._root is None:
            try:
                self._root = yaml.compose(self._text, Loader=FAST_SAFE_LOADER)
            except yaml.YAMLError:
                self._failed = True
                return None
        node: yaml.Node | None = self._root
        for token in split_pointer(json_pointer):
            child = _child(node, token) if node is not None else None
            if child is None:
                break
            node = child
        return node.start_mark.line + 1 if node is not None else None


def _child(node: yaml.Node, token: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == token:
                found: yaml.Node = value_node
                return found
    elif isinstance(node, yaml.SequenceNode) and token.isdigit() and int(token) < len(node.value):
        child: yaml.Node = node.value[int(token)]
        return child
    return None


_WHITESPACE = re.compile(r"[ \t\n\r]*")
# What YAML counts as a line break (inside JSON strings too), so every path gives the same line.
_LINE_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
_DECODER = json.JSONDecoder()


class JsonOffsets:
    """Offsets of the values in a JSON text, found with json's C scanner.

    The first pointer through a container indexes where each of its members starts (skipping
    each member with `raw_decode`); later pointers reuse the index, so a whole batch of
    diagnostics costs about as much as reading the document a few times.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._members: dict[int, dict[str, int] | list[int]] = {}

    def line_of(self, tokens: list[str]) -> int:
        at = _skip(self._text, 0)
        for token in tokens:
            members = self._members.get(at)
            if members is None:
                members = self._members[at] = _members(self._text, at)
            if isinstance(members, dict):
                found = members.get(token)
            else:
                found = members[int(token)] if token.isdigit() and int(token) < len(members) else None
            if found is None:
                break
            at = found
        return line_at(self._text, at)


def line_at(text: str, offset: int) -> int:
    """The 1-based line of `offset` in a spec's text, counting line breaks as YAML does."""
    return len(_LINE_BREAKS.findall(text, 0, offset)) + 1


def _skip(text: str, at: int) -> int:
    match = _WHITESPACE.match(text, at)
    return match.end() if match else at


def _members(text: str, at: int) -> dict[str, int] | list[int]:
    """Where each member of the object or array at `at` starts; nothing for a scalar."""
    opening = text[at : at + 1]
    if opening not in ("{", "["):
        return {}
    closing = "}" if opening == "{" else "]"
    keyed: dict[str, int] = {}
    listed: list[int] = []
    at = _skip(text, at + 1)
    if text[at] == closing:
        return keyed if opening == "{" else listed
    while True:
        if opening == "{":
            if text[at] != '"':
                raise ValueError("a key was expected")
            key, at = scanstring(text, at + 1)
            at = _skip(text, at)
            if text[at] != ":":
                raise ValueError("':' was expected")
            at = _skip(text, at + 1)
            keyed.setdefault(key, at)
        else:
            listed.append(at)
        _, at = _DECODER.raw_decode(text, at)
        at = _skip(text, at)
        if text[at] == closing:
            return keyed if opening == "{" else listed
        if text[at] != ",":
            raise ValueError("',' was expected")
        at = _skip(text, at + 1)
