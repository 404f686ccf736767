"""A disk that fills up in the middle of a build: one Vietnamese line, no traceback, no half site."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from support import ROOT, engine


@pytest.fixture
def small_disk(tmp_path):
    """A 400 KB tmpfs: enough for the staging folder's first write, not for a site."""
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)


def test_a_full_disk_mid_build_is_one_line_and_leaves_nothing_half_written(tmp_path, small_disk):
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "benchkit"), "corpus", "--n", "60", "--out", str(corpus)],
                   check=True, capture_output=True)
    site = small_disk / "site"
    result = subprocess.run(engine("build", "-d", str(site)), cwd=corpus / "lantoa", capture_output=True, text=True,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert "đã đầy" in result.stderr + result.stdout
    assert not (small_disk / "site.lantoa-new").exists() and not site.exists()
