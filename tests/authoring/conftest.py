"""Authoring tests work on a copy of tests/fixtures/small (never on the fixture itself)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from authoring_helpers import SMALL


@pytest.fixture
def project(tmp_path) -> Path:
    target = tmp_path / "site"
    shutil.copytree(SMALL, target, ignore=shutil.ignore_patterns(".cache", "site"))
    return target
