"""Gate 6: a build that fails or is killed leaves the previous site untouched."""
from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from benchkit.copying import copy_project
from quality_gates import ROOT, build, build_env, file_hashes, mkdocs_command

pytestmark = pytest.mark.slow

EPOCH = "1717200000"
BROKEN_STORY = "---\ntitle: Bài hỏng\ndate: 32/13/2024\n---\n\nThiếu nhân vật, địa bàn, phong trào và sapo.\n"


def a_story(project: Path) -> Path:
    stories = sorted((project / "stories" / "people").glob("*/*/index.md"))
    assert stories, "the example has no story under stories/people/"
    return stories[0]


def built_project(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the example (with its warm photo cache) and its site, built once into out/site."""
    project = copy_project(ROOT, tmp_path / "project", with_cache=True)
    site = tmp_path / "out" / "site"
    result = build(project, site, SOURCE_DATE_EPOCH=EPOCH)
    assert result.returncode == 0, result.stdout + result.stderr
    return project, site


def test_failed_build_leaves_previous_site(example_site, tmp_path):
    project, site = built_project(tmp_path)
    before = file_hashes(site)
    a_story(project).write_text(BROKEN_STORY, encoding="utf-8")
    result = build(project, site, SOURCE_DATE_EPOCH=EPOCH)
    assert result.returncode != 0, "a broken story must fail the strict build"
    after = file_hashes(site)
    changed = sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))
    assert not changed, "the failed build changed the previous site:\n  " + "\n  ".join(changed[:50])
    assert sorted(os.listdir(site.parent)) == ["site"], (
        f"the failed build left files beside the site: {sorted(os.listdir(site.parent))}")


def snapshot(folder: Path) -> dict[Path, int]:
    return {path: path.stat().st_mtime_ns for path in folder.rglob("*")}


def kill_once_writing(command: list[str], cwd: Path, watched: Path) -> bool:
    """Start a build, SIGKILL it (and its workers) at its first change under watched.

    Returns False if the build ended before any change was seen."""
    before = snapshot(watched)
    process = subprocess.Popen(command, cwd=cwd, env=build_env(SOURCE_DATE_EPOCH=EPOCH),
                               start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while process.poll() is None:
            if snapshot(watched) != before:
                os.killpg(process.pid, signal.SIGKILL)
                return True
            time.sleep(0.005)
        return False
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def test_killed_build_leaves_a_whole_site(example_site, tmp_path):
    """Killed at its first change beside the site, the build leaves the previous site, or,
    if the swap already happened, the complete new one: never a mix or nothing."""
    project, site = built_project(tmp_path)
    before = file_hashes(site)
    story = a_story(project)
    story.write_text(story.read_text(encoding="utf-8") + "\nMột đoạn mới để trang đổi.\n", encoding="utf-8")
    interrupted = kill_once_writing(mkdocs_command(project, site), project, site.parent)
    assert interrupted, "the build finished without changing anything beside the site"
    after = file_hashes(site) if site.is_dir() else {}
    reference = tmp_path / "reference"
    result = build(project, reference, SOURCE_DATE_EPOCH=EPOCH)
    assert result.returncode == 0, "a build after a killed one fails:\n" + result.stdout + result.stderr
    if after != file_hashes(reference):
        changed = sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))
        assert not changed, ("the killed build left a site that is neither the previous nor the new one:\n  "
                             + "\n  ".join(changed[:50]))
