"""Atomicity faults: a refused request still writes."""

from __future__ import annotations

import json

from ..server import Answer, KinboxServer, Refused, Request, pointer


class AppliesValidFieldsFirst(KinboxServer):
    """Validates and writes field by field, so the fields before a bad one are saved."""

    async def handle(self, request: Request) -> Answer:
        try:
            return await super().handle(request)
        except Refused as refused:
            if refused.answer.status == 422 and request.segments[-1] in self.contacts:
                bad = {item["field"] for item in refused.answer.value.get("errors", [])}
                good = {name: value for name, value in json.loads(request.body).items() if pointer(name) not in bad}
                if good:
                    await self.update(int(request.segments[-1]), good)
            raise


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
