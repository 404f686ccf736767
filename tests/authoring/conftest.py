"""Authoring tests work on a copy of tests/fixtures/small (never on the fixture itself)."""
from __future__ import annotations

from pathlib import Path

import pytest
from projects import copy_small


@pytest.fixture
def project(tmp_path) -> Path:
    """The small fixture copied, with its photos generated (they are not committed)."""
    return copy_small(tmp_path / "site")
