"""Fixtures of the deploy tests: a SeaweedFS server for the session (s3_server.py)."""
from __future__ import annotations

import json
import os
import signal
import subprocess

import pytest

from s3_server import KEY, SECRET, S3, client, free_ports, wait_until_ready, weed


@pytest.fixture(scope="session")
def s3(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seaweedfs")
    config = folder / "s3.json"
    config.write_text(json.dumps({"identities": [
        {"name": "deployer", "credentials": [{"accessKey": KEY, "secretKey": SECRET}],
         "actions": ["Admin", "Read", "List", "Tagging", "Write"]},
        {"name": "anonymous", "actions": ["Read"]},
    ]}))
    # Every port chosen here: two servers (pytest-xdist's workers) must not meet on a default one.
    master, volume, filer, s3_port, iceberg, lance = free_ports(6)
    command = [weed(), "server", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", f"-dir={folder}",
               f"-master.port={master}", f"-volume.port={volume}", f"-filer.port={filer}",
               "-s3", f"-s3.port={s3_port}", f"-s3.port.iceberg={iceberg}", f"-s3.port.lance={lance}",
               f"-s3.config={config}", "-volume.max=20", "-master.volumeSizeLimitMB=64"]
    log = (folder / "weed.log").open("w")
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    endpoint = f"http://127.0.0.1:{s3_port}"
    try:
        admin = client(endpoint)
        wait_until_ready(admin, server, folder / "weed.log")
        admin.create_bucket(Bucket="site")
        yield S3(endpoint, "site")
    finally:
        stop(server)
        log.close()


def stop(server: subprocess.Popen) -> None:
    """The server and anything it started (its own process group)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(server.pid, sig)
        except ProcessLookupError:
            return
        try:
            server.wait(timeout=20)
            return
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope="session")
def s3_client(s3):
    return client(s3.endpoint)


