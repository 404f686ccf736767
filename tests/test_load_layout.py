"""`mkdocs serve` loads the stories again on every save; where the items are is looked for again
only when a save could have changed it (reading.discover_again)."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from lantoa import reading
from lantoa.load import load_corpus
from lantoa.reading import Layout
from projects import Project


@pytest.fixture
def project(tmp_path) -> Project:
    made = Project(tmp_path)
    made.story("2024/chi-mai")
    made.story("2024/chi-lan", title="Chị Lan", subject="Lò Thị Lan")
    return made


def loads(project: Project, monkeypatch, saved_steps) -> list[int]:
    """How many times `discover` walked the folders, after each step's files were saved."""
    walks, real = [], reading.discover
    monkeypatch.setattr(reading, "discover", lambda *a: walks.append(1) or real(*a))
    layout, reads, counts = Layout(), {}, []
    for step in saved_steps:
        saved = step() if callable(step) else step
        corpus = load_corpus(project.root, read_cache=reads, layout=layout, saved=saved)
        counts.append(len(walks))
        assert all(path.is_file() for path in reads), "the kept reads hold an item gone"
        fresh = load_corpus(project.root)
        assert [s.source for s in corpus.stories] == [s.source for s in fresh.stories]
        assert sorted(d.code for d in corpus.diagnostics) == sorted(d.code for d in fresh.diagnostics)
    return counts


def index(project: Project, slug: str) -> Path:
    return next(project.root.glob(f"stories/people/*/{slug}/index.md"))


def test_a_saved_story_or_photo_keeps_the_layout(project, monkeypatch):
    mai = index(project, "chi-mai")
    assert loads(project, monkeypatch, [None, {str(mai)}, {str(mai.parent / "anh-1.jpg")}]) == [1, 1, 1]


def test_what_can_change_the_layout_patches_it_or_walks_again(project, monkeypatch):
    """A story added, a stray file in a story's folder, a story's index.md removed: the item
    folders are read again (relayout.py), not all folders walked; unknown saves walk."""
    mai = index(project, "chi-mai")

    def new_story():
        return {str(project.story("2024/chi-moi", title="Chị Mới"))}

    def stray_markdown():
        (mai.parent / "ghi-chu.md").write_text("ghi chú", encoding="utf-8")
        return {str(mai.parent / "ghi-chu.md")}

    def removed():
        lan = index(project, "chi-lan")
        lan.unlink()
        return {str(lan)}

    steps = [None, new_story, stray_markdown, removed, None, set()]
    assert loads(project, monkeypatch, steps) == [1, 1, 1, 1, 2, 2]


def test_an_editors_save_through_a_file_beside_keeps_the_layout(project, monkeypatch):
    """Written to a file beside index.md, then renamed over it: the file beside is gone by the
    load, and was a file (the watcher marks folders with a separator at the end)."""
    mai = index(project, "chi-mai")

    def save_beside(name: str):
        def step():
            beside = mai.with_name(name)
            beside.write_text(mai.read_text(encoding="utf-8").replace("Chị Mai", "Chị Mai sửa"), encoding="utf-8")
            os.replace(beside, mai)
            return {str(beside), str(mai)}
        return step

    def folder_gone():
        folder = mai.parent / "ghi-chu"
        folder.mkdir()
        (folder / "y.md").write_text("ghi chú", encoding="utf-8")
        counted = {os.path.join(folder, "")}
        shutil.rmtree(folder)
        return counted

    def now_a_folder():
        folder = mai.parent / "sed1234"
        folder.mkdir()
        return {str(folder)}

    def stray_markdown_gone():
        return {str(mai.parent / "ghi-chu.md")}

    steps = [None, save_beside(".index.md.swp"), save_beside("sedAb12Q"), save_beside("index.md~"),
             folder_gone, now_a_folder, stray_markdown_gone, {str(mai.parent / "index.md.bak")}]
    # the folder gone from an item's: patched (relayout.py); a folder in an item's: walked while it is there
    assert loads(project, monkeypatch, steps) == [1, 1, 1, 1, 1, 2, 3, 4]


def test_serves_first_load_is_shared_with_workers_and_kept(project, monkeypatch):
    """Serve's first load reads with worker processes, as a build does, and keeps what it read:
    the next load parses only the file saved since."""
    for n in range(6):
        project.story(f"2023/chi-so-{n}", title=f"Chị số {n}")
    monkeypatch.setattr(reading, "SHARED_MINIMUM", 2)
    monkeypatch.setattr(reading, "SHARED_CHUNK", 2)
    shared, real_shared = [], reading._load_shared
    monkeypatch.setattr(reading, "_load_shared", lambda *a: shared.append(1) or real_shared(*a))
    reads, layout = {}, Layout()
    first = load_corpus(project.root, read_cache=reads, layout=layout, saved=None)
    assert shared == [1] and len(reads) == 9  # 8 stories and the campaign
    parsed, real_load_one = [], reading.load_one
    monkeypatch.setattr(reading, "load_one", lambda path, *a: parsed.append(path) or real_load_one(path, *a))
    again = load_corpus(project.root, read_cache=reads, layout=layout, saved=set())
    assert parsed == [] and shared == [1]
    assert [s.title for s in again.stories] == [s.title for s in first.stories]
    mai = index(project, "chi-mai")
    mai.write_text(re.sub(r"(?m)^title: .*$", "title: Chị Mai đã sửa", mai.read_text(encoding="utf-8"), count=1),
                   encoding="utf-8")
    edited = load_corpus(project.root, read_cache=reads, layout=layout, saved={str(mai)})
    assert parsed == [mai]
    assert "Chị Mai đã sửa" in [s.title for s in edited.stories]


def test_kept_reads_are_taken_without_a_look_when_every_save_is_known(project, monkeypatch):
    """With `saved`, only the items whose folder holds a saved path are looked at again (a stat
    and a folder walk each); without it, every item is."""
    reads, layout = {}, Layout()
    load_corpus(project.root, read_cache=reads, layout=layout)
    looked: list[Path] = []
    real = reading._stamp
    monkeypatch.setattr(reading, "_stamp", lambda path: looked.append(path) or real(path))
    mai, lan = index(project, "chi-mai"), index(project, "chi-lan")
    photo = mai.parent / "anh" / "moi.jpg"  # a save in a subfolder of the item's folder
    photo.parent.mkdir()
    photo.write_bytes(b"x")
    lan.write_text(lan.read_text(encoding="utf-8").replace("Chị Lan", "Chị Lan sửa"), encoding="utf-8")

    corpus = load_corpus(project.root, read_cache=reads, layout=layout, saved={str(photo)})
    assert looked == [mai]
    assert "Chị Lan sửa" not in [s.title for s in corpus.stories]  # a save nobody reported is not seen
    looked.clear()
    corpus = load_corpus(project.root, read_cache=reads, layout=layout, saved=None)
    assert {mai, lan} <= set(looked) and "Chị Lan sửa" in [s.title for s in corpus.stories]


def test_untouched_needs_the_read_kept_and_the_folder_unsaved(tmp_path):
    kept = tmp_path / "a" / "index.md"
    reads = {kept: ("stamp", {}, [])}
    assert not reading.untouched(None, set())(kept)
    assert not reading.untouched(reads, None)(kept)
    assert reading.untouched(reads, {str(tmp_path / "b" / "index.md")})(kept)
    assert not reading.untouched(reads, {str(tmp_path / "a")})(kept)  # the folder itself (a rename)
    assert not reading.untouched(reads, {str(tmp_path)})(kept)  # a folder above it (moved away and back)
    assert not reading.untouched(reads, {str(tmp_path / "a" / "x" / "y.jpg")})(kept)
    assert not reading.untouched(reads, {str(tmp_path / "c" / "index.md")})(tmp_path / "c" / "index.md")
