"""The one module that talks to the object store, through boto3 (the AWS SDK for Python, which every
S3-compatible store documents: AWS S3, Cloudflare R2, Google Cloud Storage's XML API, MinIO,
SeaweedFS).

Credentials are taken from the environment only (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
optionally `AWS_SESSION_TOKEN`) and handed to boto3 explicitly, so no profile or credentials file is
read; every message this package prints passes through `redact`, which blanks them.
"""
from __future__ import annotations

import datetime as dt
import os

from .plan import Remote

ENV_KEY, ENV_SECRET, ENV_TOKEN = "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"


class MissingCredentials(Exception):
    pass


def credentials() -> dict[str, str]:
    key, secret = os.environ.get(ENV_KEY, ""), os.environ.get(ENV_SECRET, "")
    if not key or not secret:
        raise MissingCredentials(f"thiếu biến môi trường {ENV_KEY} và {ENV_SECRET} (khóa truy cập kho lưu trữ)")
    found = {"aws_access_key_id": key, "aws_secret_access_key": secret}
    if os.environ.get(ENV_TOKEN):
        found["aws_session_token"] = os.environ[ENV_TOKEN]
    return found


def redact(text: str) -> str:
    """`text` with every credential of the environment replaced by ***."""
    for name in (ENV_KEY, ENV_SECRET, ENV_TOKEN):
        value = os.environ.get(name)
        if value and len(value) >= 4:
            text = text.replace(value, "***")
    return text


class Store:
    def __init__(self, bucket: str, prefix: str = "", endpoint: str | None = None, region: str | None = None):
        import boto3
        from botocore.config import Config

        self.bucket, self.prefix = bucket, prefix.strip("/") + "/" if prefix.strip("/") else ""
        config = Config(
            # Checksums only where the API requires them: third-party stores reject the newer defaults.
            request_checksum_calculation="when_required", response_checksum_validation="when_required",
            retries={"max_attempts": 5, "mode": "standard"}, max_pool_connections=32,
            s3={"addressing_style": "path"} if endpoint else None)
        self.client = boto3.session.Session(**credentials()).client(
            "s3", endpoint_url=endpoint or None, region_name=region or "us-east-1", config=config)

    def listing(self) -> dict[str, Remote]:
        """Every object under the prefix, keyed by its path in the site."""
        found: dict[str, Remote] = {}
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=self.prefix)
        for page in pages:
            for item in page.get("Contents", ()):
                modified = item["LastModified"]
                if modified.tzinfo is None:
                    modified = modified.replace(tzinfo=dt.timezone.utc)
                found[item["Key"][len(self.prefix):]] = Remote(item["ETag"].strip('"'), modified)
        return found

    def put(self, path: str, data: bytes, content_type: str, cache_control: str, gzip: bool) -> None:
        extra = {"ContentEncoding": "gzip"} if gzip else {}
        self.client.put_object(Bucket=self.bucket, Key=self.prefix + path, Body=data, ContentType=content_type,
                               CacheControl=cache_control, **extra)

    def delete(self, paths: list[str]) -> None:
        for start in range(0, len(paths), 1000):  # DeleteObjects takes at most 1,000 keys
            chunk = [{"Key": self.prefix + p} for p in paths[start:start + 1000]]
            answer = self.client.delete_objects(Bucket=self.bucket, Delete={"Objects": chunk, "Quiet": True})
            if answer.get("Errors"):
                first = answer["Errors"][0]
                raise RuntimeError(f"không xóa được {first.get('Key')}: {first.get('Message')}")
