"""Atomicity faults: a refused request still writes."""

from __future__ import annotations

import json

from ..server import (
    Answer,
    KinboxServer,
    Refused,
    Request,
    pointer,
)


class AppliesValidFieldsFirst(KinboxServer):
    """Validates and writes field by field, so the fields before a bad one are saved."""

    async def handle(self, request: Request) -> Answer:
        answer = await super().handle(request)
        if answer.status == 422 and len(request.segments) == 3 and request.segments[2] in self.contacts:
            body = json.loads(request.body)
            bad = {item["field"] for item in answer.value.get("errors", [])}
            good = {name: value for name, value in body.items() if pointer(name) not in bad}
            if good:
                await self.update(int(request.segments[2]), good)
        return answer


class WritesBeforeAuth(KinboxServer):
    """The auth check runs as a response hook, after the handler has already written."""

    async def handle(self, request: Request) -> Answer:
        if request.method == "PATCH" and not self.authorised(request.header("authorization")):
            try:
                contact_id = self.parse_id(request.segments[-1])
                body = self.decode_body(request)
                if not self.problems(body):
                    await self.update(contact_id, body)
            except Refused:
                pass
        return await super().handle(request)
