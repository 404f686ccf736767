"""The names page (planning/names.py): A–Z by given name; under serve, the last plan's order
with the stories in or out put in place, the very page a fresh plan makes."""
from __future__ import annotations

import shutil

from lantoa.load import load_corpus
from lantoa.plan import Settings
from lantoa.planning import names
from lantoa.planning.site import plan_site
from lantoa.reading import Layout
from lantoa.remade import Remade
from projects import Project

SUBJECTS = ["Lò Thị Lan", "Hoàng Thị Mai", "Đinh Thị Ánh", "Vi Thị Ánh", "Nông Thị Ân", "Triệu Thị Đào",
            "Hợp tác xã Na Rì", "Tổ phụ nữ Bản Chang", "Lục Thị Ưng", "Hà Thị Ơn", "Ma Thị An", "Sầm Thị Ánh"]


def names_of(plan) -> list:
    return next(p for p in plan.pages if p.role == "names").context["groups"]


def test_stories_in_and_out_give_the_names_a_fresh_plan_gives(tmp_path, monkeypatch):
    project = Project(tmp_path)
    made = [project.story(f"2024/chi-{n}", title=f"Chị {n}", subject=s, date=f"2024-0{1 + n % 9}-1{n % 9}")
            for n, s in enumerate(SUBJECTS)]
    kept, settings = {"reads": {}, "layout": Layout(), "remade": Remade()}, Settings()
    resorted = []
    real = names._resorted
    monkeypatch.setattr(names, "_resorted", lambda p, last: resorted.append(real(p, last)) or resorted[-1])

    def check(step):
        plan = plan_site(load_corpus(project.root, read_cache=kept["reads"], layout=kept["layout"],
                                     remade=kept["remade"]), settings, kept["remade"])
        assert names_of(plan) == names_of(plan_site(load_corpus(project.root), settings)), step

    check("first")
    shutil.rmtree(made[3].parent)  # Vi Thị Ánh out
    check("one out")
    project.story("2025/chi-moi", title="Chị mới", subject="Bế Thị Ánh", date="2025-02-01")
    check("one in, beside the other Ánh")
    text = made[0].read_text(encoding="utf-8")
    made[0].write_text(text.replace("subject: Lò Thị Lan", "subject: Lò Thị Yến"), encoding="utf-8")
    check("renamed: out of L, into Y")
    project.story("2025/chi-nhap", title="Chị nháp", subject="Mông Thị Ánh", draft=True)
    check("a draft: not on the page")
    shutil.rmtree(made[7].parent), shutil.rmtree(made[8].parent)
    project.story("2025/chi-ung", title="Chị Ưng", subject="La Thị Ưng", date="2025-03-01")
    check("two out, one in")
    assert len(resorted) >= 4 and all(found is not None for found in resorted)


def test_many_stories_in_at_once_are_sorted_again(tmp_path, monkeypatch):
    monkeypatch.setattr(names, "RESORT_AT_MOST", 2)
    project = Project(tmp_path)
    for n, subject in enumerate(SUBJECTS[:4]):
        project.story(f"2024/chi-{n}", title=f"Chị {n}", subject=subject)
    kept, settings = {"reads": {}, "layout": Layout(), "remade": Remade()}, Settings()

    def plan():
        return plan_site(load_corpus(project.root, read_cache=kept["reads"], layout=kept["layout"],
                                     remade=kept["remade"]), settings, kept["remade"])
    plan()
    for n, subject in enumerate(SUBJECTS[4:], 4):
        project.story(f"2025/chi-{n}", title=f"Chị {n}", subject=subject)
    assert names_of(plan()) == names_of(plan_site(load_corpus(project.root), settings))
