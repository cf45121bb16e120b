"""JSON pointers (RFC 6901): how every stage names a place in a spec."""

from __future__ import annotations


def escape_pointer_token(token: str | int) -> str:
    """Escape one reference token of a JSON pointer (RFC 6901)."""
    return str(token).replace("~", "~0").replace("/", "~1")


def unescape_pointer_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def pointer(*tokens: str | int) -> str:
    """Build a JSON pointer from raw tokens: pointer("paths", "/a/{id}") == "/paths/~1a~1{id}"."""
    return "".join("/" + escape_pointer_token(token) for token in tokens)


def split_pointer(json_pointer: str) -> list[str]:
    if json_pointer in ("", "#"):
        return []
    return [unescape_pointer_token(part) for part in json_pointer.lstrip("#").split("/")[1:]]
