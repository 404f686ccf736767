from __future__ import annotations

import pytest

from insight_corpus import make_project
from lantoa.load import load_corpus


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("insight") / "site")


@pytest.fixture(scope="module")
def corpus(project):
    loaded = load_corpus(project)
    errors = [d for d in loaded.diagnostics if d.is_error]
    assert not errors, [d.format() for d in errors]
    return loaded
