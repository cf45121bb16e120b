# Generated from the OpenAPI spec by the generator: do not edit.

"""Uploads and downloads, on a server of their own.

`client.files.<operation>(...)`; `client.with_raw_response.files` for raw responses.
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

__all__ = [
    "AsyncFilesResource",
    "AsyncFilesResourceWithRawResponse",
    "FilesResource",
    "FilesResourceWithRawResponse",
]

_UPLOAD_FILE = Endpoint(
    method="POST",
    path="/files",
    responses={
        "201": ResponseSpec("json", models.StoredFile),
    },
    body=BodySpec(
        "multipart",
        "multipart/form-data",
        models.UploadFileBody,
        styles={
            "meta": ParameterStyle("deepObject", True),
        },
    ),
    security=(("basic",),),
    server="https://uploads.baseline.test",
    accept="application/json",
)

_DOWNLOAD_FILE = Endpoint(
    method="GET",
    path="/files/{fileId}",
    responses={
        "200": ResponseSpec("binary"),
    },
    security=(("queryKey",),),
    server="https://downloads.baseline.test",
    accept="application/octet-stream",
    rules={
        ("path", "fileId"): Rule(types=("string",), pattern="^file_[a-z0-9]+$"),
    },
    required=(("path", "fileId"),),
)

_REPLACE_FILE = Endpoint(
    method="PUT",
    path="/files/{fileId}",
    responses={
        "204": ResponseSpec("empty"),
    },
    body=BodySpec("binary", "application/octet-stream"),
    security=(("bearer",),),
    rules={
        ("path", "fileId"): Rule(types=("string",), pattern="^file_[a-z0-9]+$"),
    },
    required=(("path", "fileId"),),
)

_GET_FILES_FILE_ID_PREVIEW = Endpoint(
    method="GET",
    path="/files/{fileId}/preview",
    responses={
        "200": ResponseSpec("binary"),
    },
    security=(("bearer",),),
    accept="application/pdf",
    rules={
        ("path", "fileId"): Rule(types=("string",), pattern="^file_[a-z0-9]+$"),
    },
    required=(("path", "fileId"),),
)

_PUT_MANIFEST = Endpoint(
    method="PUT",
    path="/files/{fileId}/manifest",
    responses={
        "200": ResponseSpec("text"),
    },
    body=BodySpec("binary", "application/xml"),
    security=(("bearer",),),
    accept="application/xml",
    rules={
        ("path", "fileId"): Rule(types=("string",), pattern="^file_[a-z0-9]+$"),
    },
    required=(("path", "fileId"),),
)


class FilesResource:
    """Uploads and downloads, on a server of their own."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    def upload_file(
        self,
        body: models.UploadFileBody,
        **options: Unpack[RequestOptions],
    ) -> models.StoredFile:
        """POST /files

        `POST /files`
        """
        return cast(
            "models.StoredFile",
            self._client._request(
                _UPLOAD_FILE,
                body=body,
                options=options,
            ),
        )

    def download_file(
        self,
        file_id: str,
        **options: Unpack[RequestOptions],
    ) -> bytes:
        """GET /files/{fileId}

        Args:
            file_id: A file id, shared through a component parameter.

        `GET /files/{fileId}`
        """
        return cast(
            "bytes",
            self._client._request(
                _DOWNLOAD_FILE,
                path={
                    "fileId": file_id,
                },
                options=options,
            ),
        )

    def replace_file(
        self,
        file_id: str,
        body: bytes,
        **options: Unpack[RequestOptions],
    ) -> None:
        """PUT /files/{fileId}

        Args:
            file_id: A file id, shared through a component parameter.

        `PUT /files/{fileId}`
        """
        return cast(
            "None",
            self._client._request(
                _REPLACE_FILE,
                path={
                    "fileId": file_id,
                },
                body=body,
                options=options,
            ),
        )

    def get_files_file_id_preview(
        self,
        file_id: str,
        **options: Unpack[RequestOptions],
    ) -> bytes:
        """GET /files/{fileId}/preview

        No operationId, so the method is named from method and path.

        Args:
            file_id: A file id, shared through a component parameter.

        `GET /files/{fileId}/preview`
        """
        return cast(
            "bytes",
            self._client._request(
                _GET_FILES_FILE_ID_PREVIEW,
                path={
                    "fileId": file_id,
                },
                options=options,
            ),
        )

    def put_manifest(
        self,
        file_id: str,
        body: bytes | None = None,
        **options: Unpack[RequestOptions],
    ) -> str:
        """PUT /files/{fileId}/manifest

        Args:
            file_id: A file id, shared through a component parameter.

        `PUT /files/{fileId}/manifest`
        """
        return cast(
            "str",
            self._client._request(
                _PUT_MANIFEST,
                path={
                    "fileId": file_id,
                },
                body=body,
                options=options,
            ),
        )


class FilesResourceWithRawResponse:
    """`FilesResource` operations that return `APIResponse` instead of the parsed body."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    def upload_file(
        self,
        body: models.UploadFileBody,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models.StoredFile]:
        """POST /files

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `POST /files`
        """
        return self._client._request_raw(
            _UPLOAD_FILE,
            body=body,
            options=options,
        )

    def download_file(
        self,
        file_id: str,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[bytes]:
        """GET /files/{fileId}

        Args:
            file_id: A file id, shared through a component parameter.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `GET /files/{fileId}`
        """
        return self._client._request_raw(
            _DOWNLOAD_FILE,
            path={
                "fileId": file_id,
            },
            options=options,
        )

    def replace_file(
        self,
        file_id: str,
        body: bytes,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[None]:
        """PUT /files/{fileId}

        Args:
            file_id: A file id, shared through a component parameter.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `PUT /files/{fileId}`
        """
        return self._client._request_raw(
            _REPLACE_FILE,
            path={
                "fileId": file_id,
            },
            body=body,
            options=options,
        )

    def get_files_file_id_preview(
        self,
        file_id: str,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[bytes]:
        """GET /files/{fileId}/preview

        No operationId, so the method is named from method and path.

        Args:
            file_id: A file id, shared through a component parameter.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `GET /files/{fileId}/preview`
        """
        return self._client._request_raw(
            _GET_FILES_FILE_ID_PREVIEW,
            path={
                "fileId": file_id,
            },
            options=options,
        )

    def put_manifest(
        self,
        file_id: str,
        body: bytes | None = None,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[str]:
        """PUT /files/{fileId}/manifest

        Args:
            file_id: A file id, shared through a component parameter.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `PUT /files/{fileId}/manifest`
        """
        return self._client._request_raw(
            _PUT_MANIFEST,
            path={
                "fileId": file_id,
            },
            body=body,
            options=options,
        )


class AsyncFilesResource:
    """Uploads and downloads, on a server of their own."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    async def upload_file(
        self,
        body: models.UploadFileBody,
        **options: Unpack[RequestOptions],
    ) -> models.StoredFile:
        """POST /files

        `POST /files`
        """
        return cast(
            "models.StoredFile",
            await self._client._request(
                _UPLOAD_FILE,
                body=body,
                options=options,
            ),
        )

    async def download_file(
        self,
        file_id: str,
        **options: Unpack[RequestOptions],
    ) -> bytes:
        """GET /files/{fileId}

        Args:
            file_id: A file id, shared through a component parameter.

        `GET /files/{fileId}`
        """
        return cast(
            "bytes",
            await self._client._request(
                _DOWNLOAD_FILE,
                path={
                    "fileId": file_id,
                },
                options=options,
            ),
        )

    async def replace_file(
        self,
        file_id: str,
        body: bytes,
        **options: Unpack[RequestOptions],
    ) -> None:
        """PUT /files/{fileId}

        Args:
            file_id: A file id, shared through a component parameter.

        `PUT /files/{fileId}`
        """
        return cast(
            "None",
            await self._client._request(
                _REPLACE_FILE,
                path={
                    "fileId": file_id,
                },
                body=body,
                options=options,
            ),
        )

    async def get_files_file_id_preview(
        self,
        file_id: str,
        **options: Unpack[RequestOptions],
    ) -> bytes:
        """GET /files/{fileId}/preview

        No operationId, so the method is named from method and path.

        Args:
            file_id: A file id, shared through a component parameter.

        `GET /files/{fileId}/preview`
        """
        return cast(
            "bytes",
            await self._client._request(
                _GET_FILES_FILE_ID_PREVIEW,
                path={
                    "fileId": file_id,
                },
                options=options,
            ),
        )

    async def put_manifest(
        self,
        file_id: str,
        body: bytes | None = None,
        **options: Unpack[RequestOptions],
    ) -> str:
        """PUT /files/{fileId}/manifest

        Args:
            file_id: A file id, shared through a component parameter.

        `PUT /files/{fileId}/manifest`
        """
        return cast(
            "str",
            await self._client._request(
                _PUT_MANIFEST,
                path={
                    "fileId": file_id,
                },
                body=body,
                options=options,
            ),
        )


class AsyncFilesResourceWithRawResponse:
    """`AsyncFilesResource` operations that return `APIResponse` instead of the parsed body."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    async def upload_file(
        self,
        body: models.UploadFileBody,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[models.StoredFile]:
        """POST /files

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `POST /files`
        """
        return await self._client._request_raw(
            _UPLOAD_FILE,
            body=body,
            options=options,
        )

    async def download_file(
        self,
        file_id: str,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[bytes]:
        """GET /files/{fileId}

        Args:
            file_id: A file id, shared through a component parameter.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `GET /files/{fileId}`
        """
        return await self._client._request_raw(
            _DOWNLOAD_FILE,
            path={
                "fileId": file_id,
            },
            options=options,
        )

    async def replace_file(
        self,
        file_id: str,
        body: bytes,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[None]:
        """PUT /files/{fileId}

        Args:
            file_id: A file id, shared through a component parameter.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `PUT /files/{fileId}`
        """
        return await self._client._request_raw(
            _REPLACE_FILE,
            path={
                "fileId": file_id,
            },
            body=body,
            options=options,
        )

    async def get_files_file_id_preview(
        self,
        file_id: str,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[bytes]:
        """GET /files/{fileId}/preview

        No operationId, so the method is named from method and path.

        Args:
            file_id: A file id, shared through a component parameter.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `GET /files/{fileId}/preview`
        """
        return await self._client._request_raw(
            _GET_FILES_FILE_ID_PREVIEW,
            path={
                "fileId": file_id,
            },
            options=options,
        )

    async def put_manifest(
        self,
        file_id: str,
        body: bytes | None = None,
        **options: Unpack[RequestOptions],
    ) -> APIResponse[str]:
        """PUT /files/{fileId}/manifest

        Args:
            file_id: A file id, shared through a component parameter.

        Returns an `APIResponse`: status, headers, and `.parse()` for the body.

        `PUT /files/{fileId}/manifest`
        """
        return await self._client._request_raw(
            _PUT_MANIFEST,
            path={
                "fileId": file_id,
            },
            body=body,
            options=options,
        )
