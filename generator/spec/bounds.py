"""Limits on what a spec may be, checked while it is read, so hostile input is refused with
its location instead of exhausting the stack, the memory or the time of later stages.

- nesting: at most `MAX_DEPTH` levels of objects and arrays. Real specs stay far below
  (Stripe's 4 MB spec is 24 deep); every later stage walks the document recursively, and
  libyaml's composer would overflow the C stack (a crash, not an error) on a deep enough one.
- YAML aliases: expanding them may add at most `MAX_ALIAS_NODES` nodes, so a "billion laughs"
  document (a few KB that expand to 10^9 nodes) is refused at once.
- JSON values only: YAML's `!!binary`, `!!set`, `!!omap`, `!!pairs`, `!!timestamp`,
  infinite and NaN numbers, integers longer than Python converts (4300 digits), lone
  surrogates. OpenAPI documents are JSON; none of these can reach generated code correctly.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable
from typing import Any, Protocol

import yaml

from .lines import line_at
from .pointers import pointer

MAX_DEPTH = 64
MAX_ALIAS_NODES = 1_000_000
MAX_INT_DIGITS = sys.get_int_max_str_digits() or 4300

_OPENS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSES = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_NODE_STARTS = (yaml.ScalarEvent, yaml.AliasEvent, *_OPENS)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class Finder(Protocol):
    def search(self, text: str, /) -> re.Match[str] | None: ...


class BoundExceeded(Exception):
    """A limit was passed. `line` is 1-based when known; else `source` is a pattern that finds
    the problem in the document's text (JSON has no node marks). `syntactic` is false for a
    limit on what a value means rather than on how the file is written."""

    def __init__(
        self,
        message: str,
        *,
        at: str | None = None,
        line: int | None = None,
        source: Finder | None = None,
        syntactic: bool = True,
    ) -> None:
        super().__init__(message)
        self.message, self.at, self.line, self.source, self.syntactic = message, at, line, source, syntactic

    def line_in(self, text: str) -> int | None:
        if self.line is not None or self.source is None:
            return self.line
        found = self.source.search(text)
        return line_at(text, found.start()) if found else None


def check_yaml_events(text: str, loader: type[yaml.SafeLoader]) -> bool:
    """Raise `BoundExceeded` when `text` nests deeper than MAX_DEPTH; return whether it uses aliases.

    Reads libyaml's event stream (no nodes are built, so this is cheap and cannot recurse);
    the composer runs only on documents that passed.
    """
    depth = 0
    aliases = False
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, _OPENS):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise BoundExceeded(
                    f"nested more than {MAX_DEPTH} levels deep" + (f" (column {mark.column + 1})" if mark else ""),
                    at=_pointer_of_event(text, loader, mark.index) if mark else None,
                    line=mark.line + 1 if mark else None,
                )
        elif isinstance(event, _CLOSES):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            aliases = True
    return aliases


def _pointer_of_event(text: str, loader: type[yaml.SafeLoader], index: int) -> str:
    """The JSON pointer of the node starting at character `index`, by replaying the events."""
    frames: list[list[Any]] = []  # [is_mapping, current key or index, expecting a key]
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, _NODE_STARTS) and frames:
            frame = frames[-1]
            if not frame[0]:
                frame[1] += 1
            elif frame[2]:
                frame[1] = event.value if isinstance(event, yaml.ScalarEvent) else "?"
                frame[2] = False
                if not isinstance(event, _OPENS):
                    continue  # a key, not a value: it does not nest
            else:
                frame[2] = True
        if isinstance(event, _OPENS):
            if event.start_mark is not None and event.start_mark.index == index:
                return "".join(pointer(str(frame[1])) for frame in frames)
            frames.append(
                [
                    isinstance(event, yaml.MappingStartEvent),
                    None if isinstance(event, yaml.MappingStartEvent) else -1,
                    True,
                ]
            )
        elif isinstance(event, _CLOSES):
            frames.pop()
    return ""


def check_alias_expansion(root: yaml.Node) -> None:
    """Raise `BoundExceeded` when expanding the aliases of a composed document adds more than
    MAX_ALIAS_NODES nodes, or nests it deeper than MAX_DEPTH (an alias of a deep node used
    deep down). Shared nodes are counted once per use, in one pass over the distinct nodes;
    the error names the node the expansion is concentrated in."""
    sizes, heights = _expanded_sizes(root)
    if heights[id(root)] > MAX_DEPTH:
        _too_deep_through_aliases(root, heights)
    if sizes[id(root)] - len(sizes) <= MAX_ALIAS_NODES:
        return
    node, at = root, ""
    while True:
        children = [(sizes[id(child)], token, child) for token, child in _children(node)]
        if not children:
            break
        size, token, child = max(children, key=lambda item: item[0])
        if size * 2 < sizes[id(node)]:
            break  # no single child holds most of it: this node is where it multiplies
        node, at = child, at + pointer(token)
    raise BoundExceeded(
        f"expanding its YAML aliases gives {sizes[id(node)]:,} nodes; at most {MAX_ALIAS_NODES:,} "
        "may come from aliases (a 'billion laughs' document?)",
        at=at,
        line=node.start_mark.line + 1,
    )


def _too_deep_through_aliases(root: yaml.Node, heights: dict[int, int]) -> None:
    node, at, depth = root, "", 1
    while depth <= MAX_DEPTH:
        token, node = max(_children(node), key=lambda child: heights.get(id(child[1]), 0))
        at, depth = at + pointer(token), depth + 1
    raise BoundExceeded(
        f"nested more than {MAX_DEPTH} levels deep once its YAML aliases are expanded",
        at=at,
        line=node.start_mark.line + 1,
    )


def _children(node: yaml.Node) -> list[tuple[str, yaml.Node]]:
    if isinstance(node, yaml.MappingNode):
        return [(str(key.value) if isinstance(key, yaml.ScalarNode) else "?", value) for key, value in node.value]
    if isinstance(node, yaml.SequenceNode):
        return [(str(index), item) for index, item in enumerate(node.value)]
    return []


def _expanded_sizes(root: yaml.Node) -> tuple[dict[int, int], dict[int, int]]:
    """id(node) -> nodes in its expansion, and -> levels of collections in it (0 for a scalar),
    computed bottom-up without recursion.

    A node that contains itself (a recursive alias) counts itself once there; the reference
    check reports it.
    """
    sizes: dict[int, int] = {}
    heights: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            on_path.discard(id(node))
            children = [child for _, child in _children(node)]
            keys = [key for key, _ in node.value] if isinstance(node, yaml.MappingNode) else []
            sizes[id(node)] = 1 + sum(sizes.get(id(child), 1) for child in (*keys, *children))
            heights[id(node)] = 1 + max((heights.get(id(child), 0) for child in children), default=0)
            continue
        if id(node) in sizes or id(node) in on_path:
            continue
        if not isinstance(node, yaml.CollectionNode):
            sizes[id(node)], heights[id(node)] = 1, 0
            continue
        on_path.add(id(node))
        stack.append((node, True))
        if isinstance(node, yaml.MappingNode):
            stack.extend((child, False) for pair in node.value for child in pair)
        else:
            stack.extend((child, False) for child in node.value)
    return sizes, heights


def _not_json(what: str) -> Callable[[yaml.SafeLoader, yaml.Node], Any]:
    def refuse(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
        raise yaml.MarkedYAMLError(
            None, None, f"{what} is not a JSON value (OpenAPI documents are JSON)", node.start_mark
        )

    return refuse


def _json_int(loader: yaml.SafeLoader, node: yaml.Node) -> int:
    if isinstance(node, yaml.ScalarNode) and sum(char.isdigit() for char in node.value) > MAX_INT_DIGITS:
        raise yaml.MarkedYAMLError(
            None, None, f"an integer of more than {MAX_INT_DIGITS} digits cannot be read", node.start_mark
        )
    value: int = yaml.SafeLoader.construct_yaml_int(loader, node)  # type: ignore[arg-type]
    return value


def _json_float(loader: yaml.SafeLoader, node: yaml.Node) -> float:
    value: float = yaml.SafeLoader.construct_yaml_float(loader, node)  # type: ignore[arg-type]
    if not math.isfinite(value):
        raise yaml.MarkedYAMLError(None, None, f"{value} is not a JSON number", node.start_mark)
    return value


def json_only(loader: type[yaml.SafeLoader]) -> None:
    """Make `loader` refuse, with their line, the YAML values JSON does not have."""
    for tag, what in (
        ("binary", "a YAML !!binary value"),
        ("set", "a YAML !!set"),
        ("omap", "a YAML !!omap"),
        ("pairs", "a YAML !!pairs"),
        ("timestamp", "a YAML !!timestamp"),
    ):
        loader.add_constructor(f"tag:yaml.org,2002:{tag}", _not_json(what))
    loader.add_constructor("tag:yaml.org,2002:int", _json_int)
    loader.add_constructor("tag:yaml.org,2002:float", _json_float)


def check_json_values(document: Any) -> None:
    """Raise `BoundExceeded` for nesting beyond MAX_DEPTH, a lone surrogate (key or value) or a
    non-finite number, walking without recursion. JSON's own reader accepts all three:
    `\\ud800` is a valid escape and `1e400` reads as infinity."""
    # Paths are linked (parent, token) pairs: building a pointer is only needed on an error.
    stack: list[tuple[Any, int, Any]] = [(document, 1, None)]
    while stack:
        value, depth, path = stack.pop()
        if isinstance(value, str):
            if not value.isascii() and _LONE_SURROGATE.search(value):
                raise BoundExceeded(_surrogate_message(value), at=_unlink(path), source=_surrogate_escape(value))
        elif isinstance(value, float):
            if not math.isfinite(value):
                raise BoundExceeded(f"{value} is not a JSON number (too large for a 64-bit float?)", at=_unlink(path))
        elif isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                raise BoundExceeded(f"nested more than {MAX_DEPTH} levels deep", at=_unlink(path))
            if isinstance(value, list):
                stack.extend((item, depth + 1, (path, str(index))) for index, item in enumerate(value))
                continue
            for key, item in value.items():
                if not key.isascii() and _LONE_SURROGATE.search(key):
                    raise BoundExceeded(
                        "a key holds " + _surrogate_message(key), at=_unlink((path, key)), source=_surrogate_escape(key)
                    )
                stack.append((item, depth + 1, (path, key)))


def _unlink(path: Any) -> str:
    tokens: list[str] = []
    while path is not None:
        path, token = path
        tokens.append(token)
    return "".join(pointer(token) for token in reversed(tokens))


def _surrogate_escape(text: str) -> re.Pattern[str]:
    """Where the escape of the lone surrogate in `text` is written in JSON source."""
    found = _LONE_SURROGATE.search(text)
    return re.compile(rf"\\u{ord(found.group()) if found else 0:04x}", re.IGNORECASE)


def _surrogate_message(text: str) -> str:
    found = _LONE_SURROGATE.search(text)
    code = ord(found.group()) if found else 0
    return f"a lone surrogate \\u{code:04x} (written as an escape) is not a Unicode character and cannot be encoded"


def check_version_digits(document: dict[str, Any]) -> None:
    """Refuse an `info.version` with a number too long for `int()`, which every reader of it
    (PEP 440 parsing, the version bump check) would fail on."""
    info = document.get("info")
    version = info.get("version") if isinstance(info, dict) else None
    if isinstance(version, str) and re.search(rf"\d{{{MAX_INT_DIGITS + 1},}}", version):
        raise BoundExceeded(
            f"info.version has a number of more than {MAX_INT_DIGITS} digits", at="/info/version", syntactic=False
        )


def json_constant(name: str) -> Any:
    """`parse_constant` for json.loads: `NaN`, `Infinity` and `-Infinity` are not JSON."""
    raise BoundExceeded(f"{name} is not a JSON number", source=re.compile(rf"(?<=[:\[,])\s*{re.escape(name)}\b"))


def json_too_deep() -> BoundExceeded:
    """json.loads ran out of stack: find where the nesting passes MAX_DEPTH in the text."""
    return BoundExceeded(f"nested more than {MAX_DEPTH} levels deep", source=_DeepJson())


def json_long_integer() -> BoundExceeded:
    return BoundExceeded(
        f"an integer of more than {MAX_INT_DIGITS} digits cannot be read",
        source=re.compile(rf"(?<![0-9.eE+-])-?[0-9]{{{MAX_INT_DIGITS + 1},}}"),
    )


class _DeepJson:
    """A stand-in for a pattern: `search` finds the bracket that opens level MAX_DEPTH + 1."""

    _TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')

    def search(self, text: str) -> re.Match[str] | None:
        depth = 0
        for token in self._TOKENS.finditer(text):
            kind = token.group()[0]
            if kind in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    return token
            elif kind in "]}":
                depth -= 1
        return None
