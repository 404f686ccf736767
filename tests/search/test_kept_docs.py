"""Serve's rebuilds take a search record again when it is made from the very same item, with an
equal page and body text (search.records.KeptDocs); what they give equals fresh records."""
from __future__ import annotations

from lantoa.load import load_corpus
from lantoa.plan import Settings
from lantoa.planning.site import plan_site
from lantoa.reading import Layout
from lantoa.remade import Remade
from lantoa.search.records import KeptDocs, search_docs
from projects import Project


def test_records_are_taken_again_only_for_the_same_item_and_text(tmp_path):
    project = Project(tmp_path)
    project.story("2024/chi-mai")
    lan = project.story("2024/chi-lan", title="Chị Lan", subject="Lò Thị Lan")
    reads, layout, remade, kept = {}, Layout(), Remade(), KeptDocs()

    def records(texts):
        plan = plan_site(load_corpus(project.root, read_cache=reads, layout=layout, remade=remade), Settings(), remade)
        return plan, {d.url: d for d in search_docs(plan, texts, kept)[0]}

    plan, first = records({})
    texts = {p.src_uri: f"văn bản {p.url}" for p in plan.pages}
    _, second = records(texts)  # the body texts came: every record made again
    assert all(second[url] is not first[url] for url in first)
    _, third = records(texts)
    stories = [url for url in second if url.startswith("cau-chuyen/")]  # campaigns are made anew (few)
    assert len(stories) == 2 and all(third[url] is second[url] for url in stories)

    lan.write_text(lan.read_text(encoding="utf-8").replace("title: Chị Lan", "title: Chị Lan đổi"), encoding="utf-8")
    plan, fourth = records(texts)
    again = [url for url in stories if fourth[url] is not third[url]]
    assert len(again) == 1 and fourth[again[0]].title == "Chị Lan đổi"
    fresh_plan = plan_site(load_corpus(project.root), Settings())
    assert list(fourth.values()) == search_docs(fresh_plan, texts)[0]
