"""One ASGI app in front of many variants: the first path segment picks the variant."""

from __future__ import annotations

import json
from collections.abc import Mapping

from .server import KinboxServer, Receive, Scope, Send


class Router:
    def __init__(self, variants: Mapping[str, KinboxServer]) -> None:
        self.variants = dict(variants)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        raw_path: bytes = scope.get("raw_path") or scope["path"].encode()
        name, _, rest = raw_path.lstrip(b"/").partition(b"/")
        variant = self.variants.get(name.decode("latin-1"))
        if variant is None:
            body = json.dumps({"code": "not_found", "message": "No such variant."}).encode()
            headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
            await send({"type": "http.response.start", "status": 404, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        prefix = len(name) + 1
        await variant({**scope, "raw_path": b"/" + rest, "path": scope["path"][prefix:]}, receive, send)


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
