"""Values a conforming server must store and give back exactly, for every request property.

Text covers every Unicode plane, right-to-left scripts, combining marks and emoji sequences,
whitespace a careless server trims, and characters that break naive escaping; it runs up to a
field's `maxLength` exactly, and to a long free text where there is none. Free-form objects get
nested objects and arrays of every JSON type. U+0000 and 64-bit integers get values of their
own, so a server that stores text in PostgreSQL or numbers as float64 is named precisely: the
contract allows both (a JSON string may hold U+0000, and a free-form object any JSON number).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .boundaries import types_of

FREE_TEXT_LENGTH = 2000  # code points: long for a notes field, far below the 64 KiB a body may take

# One character from each plane with assigned or usable code points: BMP, SMP (emoji), SIP,
# TIP, SSP (a tag), and both private-use planes.
PLANES = "A é Ж 中 😀 𠀀 𰀀 \U000e0041 \U000f0000 \U0010fffd"
TEXTS: dict[str, str] = {
    "every plane": PLANES,
    "right-to-left": "שלום עולם \u200f مرحبا بالعالم 123",
    "combining and sequences": "e\u0301 n\u0303 \u1e9b\u0323 👩\u200d👩\u200d👧 🇧🇷 👍🏽",
    "whitespace and escapes": '  two  spaces\tand a tab\nline "quoted" \\ back </script> \u2028\u2029 ',
    "empty": "",
    "U+0000 and control characters": "nul \u0000 and \u0001\u001f\u007f controls",
}
NESTED: dict[str, Any] = {
    "nível": {"mais fundo": {"ainda": [1, -2.5, True, False, None, "😀", {"k": []}]}},
    "vazio": {},
    "listas": [[], [{}], [[1, [2, [3]]]]],
    "مفتاح": "قيمة",
    "grande": 9007199254740991,
    "negativo": -0.125,
    "texto": PLANES,
}


def long_text(length: int) -> str:
    """`length` code points cycling through every plane and script above."""
    # Without U+0000: a server refusing it is named by its own value, not by every long text.
    source = "".join(TEXTS.values()).replace("\u0000", "")
    return (source * (length // len(source) + 1))[:length]


def values(properties: Mapping[str, Mapping[str, Any]]) -> Iterator[tuple[str, str, Any]]:
    """(field, what the value is, value) for every property, each a value the schema accepts."""
    for name, schema in properties.items():
        allowed = types_of(schema) or frozenset({"object"})
        if "string" in allowed and "enum" not in schema and "const" not in schema:
            limit = schema.get("maxLength")
            floor = schema.get("minLength", 0)
            for label, value in TEXTS.items():
                if floor <= len(value) and (limit is None or len(value) <= limit):
                    yield name, label, value
            if limit is not None:
                yield name, f"mixed text at maxLength {limit}", long_text(limit)
            else:
                yield name, f"free text of {FREE_TEXT_LENGTH} code points", long_text(FREE_TEXT_LENGTH)
        if "boolean" in allowed:
            yield name, "true", True
            yield name, "false", False
        if "object" in allowed and "properties" not in schema:
            yield name, "nested objects and arrays", NESTED
            yield name, "empty object", {}
            yield name, "one key", {"chave": PLANES}
            yield name, "integers beyond 2^53", {"int64": [2**63 - 1, -(2**63), 2**53 + 1]}
        if "array" in allowed and "items" not in schema:
            yield name, "nested arrays", [NESTED, [], [None, 1, "x"]]
        for choice in schema.get("enum", [schema["const"]] if "const" in schema else []):
            yield name, f"enum member {choice!r}", choice
