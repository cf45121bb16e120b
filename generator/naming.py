"""Python names for things named in a spec.

One place decides how `updateContact`, `_id`, `CustomerCustomField`, `X-Request-ID` or
`studio.v2.flow` become identifiers, so templates and model generation always agree.
Names are ASCII (accents are folded, other characters dropped), never keywords, and
never start with an underscore (which would make them private).
"""

from __future__ import annotations

import hashlib
import keyword
import re
import unicodedata
from collections.abc import Iterable

# Word boundaries: "HTTPServerID" -> HTTP Server ID, "updateContact" -> update Contact,
# "v3Contacts" -> v3 Contacts; anything that is not a letter or digit separates words. Digits
# inside a lowercase word do not end it ("last48h", "v2beta", "sha256sum" stay one word: no
# reader sees "last48 h"); only an upper-case letter or a separator does ("createdAt48H").
_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+(?:[0-9]+[a-z]+)*[0-9]*|[A-Z]+[0-9]*|[0-9]+")


def ascii_fold(text: str) -> str:
    """'Ação' -> 'Acao': decompose accents and drop what is not ASCII."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def words(text: str) -> list[str]:
    return _WORD.findall(ascii_fold(text))


def snake_case(text: str, *, fallback: str = "value") -> str:
    """'updateContact' -> 'update_contact'; '_id' -> 'id'; 'class' -> 'class_'."""
    name = "_".join(word.lower() for word in words(text)) or fallback
    if name[0].isdigit():
        name = f"{fallback}_{name}"
    return safe_identifier(name)


def pascal_case(text: str, *, fallback: str = "Model") -> str:
    """'studio.v2.flow' -> 'StudioV2Flow'; 'contact_update' -> 'ContactUpdate'."""
    name = "".join(word[:1].upper() + word[1:] for word in words(text)) or fallback
    if name[0].isdigit():
        name = f"{fallback}{name}"
    return safe_identifier(name)


def constant_case(text: str) -> str:
    """'updateContact' -> 'UPDATE_CONTACT'."""
    return snake_case(text).rstrip("_").upper()


MAX_FILE_NAME_CHARS = 64


def bounded(name: str, limit: int = MAX_FILE_NAME_CHARS) -> str:
    """`name`, or its start and a hash of all of it when longer than `limit`.

    For names that become file names: file systems refuse names over 255 bytes, and two long
    names with the same start must still differ.
    """
    if len(name) <= limit:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:8]
    return f"{name[: limit - len(digest) - 1].rstrip('_')}_{digest}"


def safe_identifier(name: str) -> str:
    """Append '_' to keywords and soft keywords so the name can be used anywhere."""
    if keyword.iskeyword(name) or keyword.issoftkeyword(name):
        return name + "_"
    return name


def unique(name: str, taken: Iterable[str]) -> str:
    """`name`, or `name_2`, `name_3`, ... whichever is not in `taken`."""
    taken_set = set(taken)
    if name not in taken_set:
        return name
    counter = 2
    while f"{name}_{counter}" in taken_set:
        counter += 1
    return f"{name}_{counter}"


def operation_name(operation_id: str | None, method: str, path: str) -> str:
    """Method name of an operation: from its operationId, else from method and path."""
    if operation_id:
        return snake_case(operation_id, fallback="operation")
    return snake_case(f"{method} {path}", fallback="operation")


def package_names(package: str) -> tuple[str, str, str]:
    """(distribution name, client class name, environment prefix) for an import package.

    'kinbox_client' -> ('kinbox-client', 'KinboxClient', 'KINBOX').
    """
    stem = package.removesuffix("_client") or package
    return package.replace("_", "-"), pascal_case(stem) + "Client", constant_case(stem)


def is_package_name(name: str) -> bool:
    return name.isidentifier() and name.isascii() and name == name.lower() and not keyword.iskeyword(name)
