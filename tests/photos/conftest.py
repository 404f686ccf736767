"""Fixtures of the photo tests; the sample images are made in photo_samples."""
from __future__ import annotations

from pathlib import Path

import pytest

from lantoa.photos import PhotoOptions
from photo_samples import ITEM

@pytest.fixture
def options(tmp_path) -> PhotoOptions:
    return PhotoOptions(cache_dir=tmp_path / "cache", workers=2)


@pytest.fixture
def item_dir(tmp_path) -> Path:
    folder = tmp_path / "stories" / ITEM.rsplit("/", 1)[0]
    folder.mkdir(parents=True)
    return folder

