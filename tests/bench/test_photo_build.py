"""`scripts/bench build --photos K` says, before writing anything, when its sources and output
cannot fit on the disk (20,000 phone photos are about 100 GB of sources)."""
from __future__ import annotations

import shutil
import sys
from collections import namedtuple
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "plugins"))

from benchkit import _photo_build  # noqa: E402

Usage = namedtuple("Usage", "total used free")


def test_a_run_that_cannot_fit_says_so_before_writing(tmp_path, monkeypatch):
    pool = [b"x" * 5_000_000, b"y" * 3_000_000]  # 4 MB on average
    monkeypatch.setattr(shutil, "disk_usage", lambda path: Usage(0, 0, 100 * 10**9))
    assert _photo_build.disk_shortfall(tmp_path, 2_000, pool) is None  # 10 GB of 100
    short = _photo_build.disk_shortfall(tmp_path, 20_000, pool)
    assert short.startswith("needs about 100 GB (20,000 sources of 4.0 MB") and "100 GB free" in short
    monkeypatch.setattr(_photo_build, "pool_bytes", lambda folder: pool)
    assert _photo_build.run(20_000, 1, tmp_path, 1, None, None) == [f"  not run: {short}"]
    assert not (tmp_path / "corpus-20000-photos-1").exists()
