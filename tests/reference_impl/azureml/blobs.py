"""Blob storage as Azure answers it, for the commands that read training data or collected files.

Two accounts stand for the dev workspace's store (the training CSV) and the monitored
workspace's store (what the data collector wrote). Answers follow the Blob service REST API:
an XML listing for ``?restype=container&comp=list``, ``206`` with ``Content-Range`` for a
download, ``404 BlobNotFound`` otherwise.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

from reference_impl.data import TRAINING_DATA
from tests.reference_impl.azureml.fake_azure import FakeAzure, workspace_path
from tests.reference_impl.azureml.model_versions import DATA_ASSET

CONTAINER = "azureml-blobstore"
TRAINING_BLOB = "LocalUpload/0a1b/customers.csv"
DEV = workspace_path("rg-mlops-dev", "mlw-mlops-dev")


def datastore(account: str) -> dict[str, Any]:
    return {
        "properties": {
            "datastoreType": "AzureBlob",
            "accountName": account,
            "containerName": CONTAINER,
            "endpoint": "core.windows.net",
            "protocol": "https",
            "credentials": {"credentialsType": "None"},
            "isDefault": True,
        }
    }


class Blobs:
    """Blob storage of two accounts: the dev store (training CSV), the monitored store."""

    def __init__(self) -> None:
        self.files: dict[tuple[str, str], bytes] = {}

    def put(self, account: str, name: str, content: bytes) -> None:
        self.files[(account, name)] = content

    def answer(self, request: Any) -> tuple[int, Any, dict[str, str]]:
        url = urlsplit(request.url)
        account = url.netloc.split(".")[0]
        path = url.path.removeprefix(f"/{CONTAINER}").lstrip("/")
        if not path:  # list blobs
            prefix = parse_qs(url.query).get("prefix", [""])[0]
            names = sorted(n for (a, n) in self.files if a == account and n.startswith(prefix))
            blobs = "".join(
                f"<Blob><Name>{n}</Name><Properties><Content-Length>"
                f"{len(self.files[(account, n)])}</Content-Length><BlobType>BlockBlob"
                "</BlobType></Properties></Blob>"
                for n in names
            )
            xml = (
                '<?xml version="1.0" encoding="utf-8"?><EnumerationResults ContainerName='
                f'"{CONTAINER}"><Blobs>{blobs}</Blobs><NextMarker /></EnumerationResults>'
            )
            return 200, xml.encode(), {"Content-Type": "application/xml"}
        content = self.files.get((account, path))
        if content is None:
            return 404, b"", {"x-ms-error-code": "BlobNotFound"}
        size = len(content)
        return (
            206,
            content,
            {
                "Content-Type": "application/octet-stream",
                "Content-Length": str(size),
                "Content-Range": f"bytes 0-{size - 1}/{size}",
                "x-ms-blob-type": "BlockBlob",
            },
        )


def serve_training_data(azure: FakeAzure, blobs: Blobs, version: str = "3") -> None:
    """The training data asset ``version`` in dev, its datastore, and its CSV in blob storage."""
    azure.add(
        f"{DEV}/data/{DATA_ASSET}/versions/{version}",
        {"properties": {"dataType": "uri_file", "dataUri": "azureml://subscriptions/x/"
                        f"resourcegroups/rg-mlops-dev/workspaces/mlw-mlops-dev/datastores/"
                        f"workspaceblobstore/paths/{TRAINING_BLOB}"}},
    )  # fmt: skip
    azure.add(f"{DEV}/datastores/workspaceblobstore", datastore("stdev"))
    blobs.put("stdev", TRAINING_BLOB, TRAINING_DATA.read_bytes())
    azure.handlers.append(("GET", rf"^/{CONTAINER}", blobs.answer))
