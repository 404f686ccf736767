"""The example site built by MkDocs 1.6.1 and by ProperDocs (its maintained fork) is the same
site, file by file, but for the generator tag naming the engine (README, "Two engines")."""
from __future__ import annotations

import difflib
import os
import subprocess
from pathlib import Path

import pytest

from benchkit.copying import copy_project
from support import ENGINE, ROOT

PROPERDOCS = ROOT / ".venv-properdocs" / "bin" / "python"
EXPLAINED = ('<meta name="generator" content="Lan Tỏa, MkDocs ', '<meta name="generator" content="Lan Tỏa, ProperDocs ')

pytestmark = pytest.mark.skipif(ENGINE != "mkdocs", reason="compares the two engines once, from the main venv")


def build(python: Path, engine: str, project: Path, site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1767225600")
    result = subprocess.run([str(python), "-m", engine, "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"),
                             "-d", str(site)], cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{engine}: {result.stderr[-3000:]}"


def unexplained(a: bytes, b: bytes) -> list[str]:
    """The changed lines of two versions of a file that are not the generator tag."""
    lines = difflib.unified_diff(a.decode("utf-8", "replace").splitlines(),
                                 b.decode("utf-8", "replace").splitlines(), lineterm="", n=0)
    return [line for line in lines if line[:1] in "+-" and not line.startswith(("+++", "---"))
            and not line[1:].lstrip().startswith(EXPLAINED)]


def test_mkdocs_and_properdocs_build_the_same_site(tmp_path):
    assert PROPERDOCS.exists(), "ProperDocs' venv is missing: run scripts/setup-properdocs"
    # A copy: other tests build the example in place meanwhile, and a build with another date adds
    # cards to the cache's ledger, which the next build carries (cards/keep.py).
    project = copy_project(ROOT, tmp_path / "project", with_cache=True)
    build(ROOT / ".venv" / "bin" / "python", "mkdocs", project, tmp_path / "mkdocs")
    build(PROPERDOCS, "properdocs", project, tmp_path / "properdocs")
    trees = [{p.relative_to(tmp_path / name).as_posix(): p for p in (tmp_path / name).rglob("*") if p.is_file()}
             for name in ("mkdocs", "properdocs")]
    assert trees[0].keys() == trees[1].keys()
    differing = [name for name in trees[0] if trees[0][name].read_bytes() != trees[1][name].read_bytes()]
    assert differing, "the generator tag should name each engine"
    problems = {name: unexplained(trees[0][name].read_bytes(), trees[1][name].read_bytes())[:4] for name in differing}
    assert {name: lines for name, lines in problems.items() if lines} == {}
