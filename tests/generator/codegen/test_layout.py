"""Large specs are split into resource modules; small ones keep a flat client."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from generator.codegen.layouts import FLAT_LAYOUT_MAX_OPERATIONS
from tests.helpers import GenerateClient


def many_operations(count: int) -> str:
    """A spec with `count` operations: tagged `pets`/`stores`, plus untagged `/v1/owners/...`."""
    paths = {}
    for index in range(count):
        if index % 3 == 2:
            path, tags = f"/v1/owners/{{id}}/op{index}", []
        else:
            path, tags = f"/things{index}/{{id}}", ["Pets" if index % 3 == 0 else "Stores"]
        paths[path] = {
            "get": {
                "operationId": f"op{index}",
                "tags": tags,
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                    }
                },
            }
        }
    return json.dumps(
        {
            "openapi": "3.1.0",
            "info": {"title": "Many", "version": "1.0.0"},
            "tags": [{"name": "Stores", "description": "Where things are sold."}, {"name": "Pets"}],
            "paths": paths,
            "components": {"schemas": {"Thing": {"type": "object", "properties": {"id": {"type": "integer"}}}}},
        }
    )


def answer(request: httpx.Request) -> httpx.Response:
    """A Thing whose id is the path's `{id}`."""
    return httpx.Response(200, json={"id": next(int(s) for s in request.url.path.split("/") if s.isdigit())})


def test_more_operations_than_the_limit_are_grouped_into_resources(generate_client: GenerateClient) -> None:
    built = generate_client(many_operations(FLAT_LAYOUT_MAX_OPERATIONS + 1), "many")
    api = built.generated.api
    assert api.layout == "resources"
    # Declared tags first, in the spec's order; untagged operations by their path's first telling segment.
    assert [(r.attribute, len(r.operations)) for r in api.resources] == [("stores", 10), ("pets", 11), ("owners", 10)]
    assert {f for f in built.generated.files if f.startswith("many/resources/")} == {
        "many/resources/__init__.py", "many/resources/stores.py", "many/resources/pets.py", "many/resources/owners.py",
    }  # fmt: skip
    client = built.package.ManyClient(base_url="https://api.test", transport=httpx.MockTransport(answer))
    assert not hasattr(client, "op0")
    assert client.pets.op0(7).id == 7
    raw = client.with_raw_response.stores.op1(8)
    assert raw.status_code == 200
    assert raw.parse().id == 8
    assert client.with_options(max_retries=0).owners.op2(9).id == 9
    assert "Where things are sold." in (built.package.resources.stores.StoresResource.__doc__ or "")

    async def call_async() -> int:
        async with built.package.AsyncManyClient(
            base_url="https://api.test", transport=httpx.MockTransport(answer)
        ) as async_client:
            return int((await async_client.owners.op5(5)).id)

    assert asyncio.run(call_async()) == 5


def test_up_to_the_limit_the_client_stays_flat(generate_client: GenerateClient) -> None:
    built = generate_client(many_operations(FLAT_LAYOUT_MAX_OPERATIONS), "few")
    assert built.generated.api.layout == "flat"
    assert not any(f.startswith("few/resources/") for f in built.generated.files)
    client = built.package.FewClient(base_url="https://api.test", transport=httpx.MockTransport(answer))
    assert client.op3(3).id == 3


@pytest.mark.parametrize(("layout", "count"), [("flat", 40), ("resources", 3)])
def test_the_layout_can_be_pinned(layout: str, count: int, generate_client: GenerateClient) -> None:
    built = generate_client(many_operations(count), f"pinned_{layout}", layout=layout)
    assert built.generated.api.layout == layout
    client = getattr(built.package, f"Pinned{layout.capitalize()}Client")(
        base_url="https://api.test", transport=httpx.MockTransport(answer)
    )
    target = client.pets if layout == "resources" else client
    assert target.op0(1).id == 1
