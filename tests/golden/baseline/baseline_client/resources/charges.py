# Generated from the OpenAPI spec by the generator: do not edit.

"""Operations on charges.

`client.charges.<operation>(...)`; `client.with_raw_response.charges` for raw responses.
"""

from __future__ import annotations

from typing import Unpack, cast

from .. import models
from .._runtime import (
    APIResponse,
    AsyncAPIClient,
    BodySpec,
    Endpoint,
    ParameterStyle,
    RequestOptions,
    ResponseSpec,
    Rule,
    SyncAPIClient,
)
from ..models.billing import v1 as models_billing_v1

__all__ = [
    "AsyncChargesResource",
    "AsyncChargesResourceWithRawResponse",
    "ChargesResource",
    "ChargesResourceWithRawResponse",
]

_CREATE_CHARGE = Endpoint(
    method="POST",
    path="/v2/charges",
    responses={
        "200": ResponseSpec("json", models_billing_v1.Charge),
    },
    body=BodySpec(
        "form",
        "application/x-www-form-urlencoded",
        models.CreateChargeBody,
        styles={
            "expand": ParameterStyle("deepObject", True),
        },
    ),
    security=(
        (
            "headerKey",
            "queryKey",
        ),
    ),
    accept="application/json",
)

_GET_CHARGE = Endpoint(
    method="GET",
    path="/v2/charges/{chargeId}",
    responses={
        "200": ResponseSpec("json", models_billing_v1.Charge),
    },
    security=(("bearer",),),
    accept="application/json",
    rules={
        ("path", "chargeId"): Rule(types=("string",)),
    },
    required=(("path", "chargeId"),),
)


class ChargesResource:
    """Operations on charges."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    def create_charge(
        self,
        body: models.CreateChargeBody,
        **options: Unpack[RequestOptions],
    ) -> models_billing_v1.Charge:
        """POST /v2/charges

        Untagged; the version segment is skipped, so the resource is `charges`.

        `POST /v2/charges`
        """
        return cast(
            "models_billing_v1.Charge",
            self._client._request(
                _CREATE_CHARGE,
                body=body,
                options=options,
            ),
        )

    def get_charge(
        self,
        charge_id: str,
        **options: Unpack[RequestOptions],
    ) -> models_billing_v1.Charge:
        """GET /v2/charges/{chargeId}

        `GET /v2/charges/{chargeId}`
        """
        return cast(
            "models_billing_v1.Charge",
            self._client._request(
                _GET_CHARGE,
                path={
                    "chargeId": charge_id,
                },
                options=options,
            ),
        )


class ChargesResourceWithRawResponse:
    """`ChargesResource` operations that return `APIResponse` instead of the parsed body."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    def create_charge(
        self,
        body: models.CreateChargeBody,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models_billing_v1.Charge]:
        """POST /v2/charges

        Untagged; the version segment is skipped, so the resource is `charges`.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `POST /v2/charges`
        """
        return self._client._request_raw(
            _CREATE_CHARGE,
            body=body,
            options=options,
        )

    def get_charge(
        self,
        charge_id: str,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models_billing_v1.Charge]:
        """GET /v2/charges/{chargeId}

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `GET /v2/charges/{chargeId}`
        """
        return self._client._request_raw(
            _GET_CHARGE,
            path={
                "chargeId": charge_id,
            },
            options=options,
        )


class AsyncChargesResource:
    """Operations on charges."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    async def create_charge(
        self,
        body: models.CreateChargeBody,
        **options: Unpack[RequestOptions],
    ) -> models_billing_v1.Charge:
        """POST /v2/charges

        Untagged; the version segment is skipped, so the resource is `charges`.

        `POST /v2/charges`
        """
        return cast(
            "models_billing_v1.Charge",
            await self._client._request(
                _CREATE_CHARGE,
                body=body,
                options=options,
            ),
        )

    async def get_charge(
        self,
        charge_id: str,
        **options: Unpack[RequestOptions],
    ) -> models_billing_v1.Charge:
        """GET /v2/charges/{chargeId}

        `GET /v2/charges/{chargeId}`
        """
        return cast(
            "models_billing_v1.Charge",
            await self._client._request(
                _GET_CHARGE,
                path={
                    "chargeId": charge_id,
                },
                options=options,
            ),
        )


class AsyncChargesResourceWithRawResponse:
    """`AsyncChargesResource` operations that return `APIResponse` instead of the parsed body."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    async def create_charge(
        self,
        body: models.CreateChargeBody,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models_billing_v1.Charge]:
        """POST /v2/charges

        Untagged; the version segment is skipped, so the resource is `charges`.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `POST /v2/charges`
        """
        return await self._client._request_raw(
            _CREATE_CHARGE,
            body=body,
            options=options,
        )

    async def get_charge(
        self,
        charge_id: str,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models_billing_v1.Charge]:
        """GET /v2/charges/{chargeId}

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `GET /v2/charges/{chargeId}`
        """
        return await self._client._request_raw(
            _GET_CHARGE,
            path={
                "chargeId": charge_id,
            },
            options=options,
        )
