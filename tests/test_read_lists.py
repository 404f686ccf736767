"""Serve: a load takes the last load's reads over as a list, reading again only the files a
save touched (lantoa.read_lists), and gives what a fresh load gives, problems in the same order."""
from __future__ import annotations

from pathlib import Path

import pytest

from lantoa import read_lists, reading
from lantoa.load import load_corpus
from lantoa.reading import Layout
from projects import Project

SLUGS = ("chi-an", "chi-binh", "chi-cuc", "chi-dao", "chi-em")


@pytest.fixture
def project(tmp_path) -> Project:
    made = Project(tmp_path)
    for number, slug in enumerate(SLUGS):
        made.story(f"2024/{slug}", title=f"Chị số {number}", subject=f"Lò Thị {slug}")
    return made


def index(project: Project, slug: str) -> Path:
    return next(project.root.glob(f"stories/people/*/{slug}/index.md"))


def retitle(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("title:"))
    path.write_text(text.replace(line, f"title: {title}"), encoding="utf-8")


def problems(corpus) -> list[tuple]:
    return [(d.code, d.file, d.line, d.message) for d in corpus.diagnostics]


class Loads:
    """Serve's loads of one project: each compared with a fresh load; `whole` counts the loads
    `load_all` made for stories (not taken over)."""

    def __init__(self, project: Project, monkeypatch):
        self.project, self.reads, self.layout, self.whole = project, {}, Layout(), 0
        real = reading.load_all

        def counted(paths, root, fields, problems, read_cache=None, *args):
            self.whole += read_cache is not None and any("/people/" in str(path) for path in paths)
            return real(paths, root, fields, problems, read_cache, *args)
        monkeypatch.setattr(reading, "load_all", counted)
        self.load(None)

    def load(self, *saved: Path | None):
        known = None if saved == (None,) else {str(path) for path in saved}
        corpus = load_corpus(self.project.root, read_cache=self.reads, layout=self.layout, saved=known)
        fresh = load_corpus(self.project.root)
        assert [(s.source, s.title) for s in corpus.stories] == [(s.source, s.title) for s in fresh.stories]
        assert problems(corpus) == problems(fresh)
        return corpus


def test_a_save_reads_again_only_the_saved_file(project, monkeypatch):
    loads = Loads(project, monkeypatch)
    before = loads.layout.reads["story"].reads
    bình = index(project, "chi-binh")
    retitle(bình, "Chị Bình sửa tên")
    loads.load(bình)
    assert loads.whole == 1, "the save was loaded whole"
    after = loads.layout.reads["story"]
    changed = [i for i, (a, b) in enumerate(zip(before, after.reads)) if a is not b]
    assert [after.reads[i]["file"] for i in changed] == ["stories/people/2024/chi-binh/index.md"]


def test_problems_come_and_go_in_the_order_of_a_fresh_load(project, monkeypatch):
    loads = Loads(project, monkeypatch)
    cúc, an, em = index(project, "chi-cuc"), index(project, "chi-an"), index(project, "chi-em")
    for path in (cúc, an):  # a problem in a later file first, then an earlier one
        path.write_text(path.read_text(encoding="utf-8").replace("date:", "date: 2024-13-45\nx_date:"), encoding="utf-8")
        loads.load(path)
    retitle(em, "Chị Em")
    assert {d.file for d in loads.load(em).diagnostics} >= {
        "stories/people/2024/chi-an/index.md", "stories/people/2024/chi-cuc/index.md"}
    retitle(cúc, "Chị Cúc")
    cúc.write_text(cúc.read_text(encoding="utf-8").replace("date: 2024-13-45\nx_date:", "date:"), encoding="utf-8")
    loads.load(cúc)
    assert loads.whole == 1


def test_a_file_that_becomes_unreadable_or_readable_again_is_loaded_whole(project, monkeypatch):
    loads = Loads(project, monkeypatch)
    đào = index(project, "chi-dao")
    text = đào.read_bytes()
    đào.write_bytes(b"\xff\xfe" + text)  # not UTF-8: no read, and the places after it move
    assert "LT001" in [d.code for d in loads.load(đào).diagnostics]
    assert loads.whole == 2
    đào.write_bytes(text)
    loads.load(đào)
    assert loads.whole == 3
    retitle(đào, "Chị Đào")
    loads.load(đào)
    assert loads.whole == 3


def test_a_walked_layout_loads_whole_and_the_plain_load_keeps_nothing(project, monkeypatch):
    loads = Loads(project, monkeypatch)
    new = project.story("2024/chi-moi", title="Chị Mới")
    loads.load(new)  # a new item: the layout is walked
    assert loads.whole == 2
    plain = Layout()
    assert read_lists.load("story", [], project.root, None, [], None, lambda path: False, plain) == []
    assert plain.reads == {}
