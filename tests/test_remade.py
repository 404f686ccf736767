"""Serve's loads reuse the stories, news and cards made from the very same reads (remade.py),
and what they give equals a fresh load and plan."""
from __future__ import annotations

import dataclasses
import shutil
from operator import attrgetter

from lantoa.load import load_corpus
from lantoa.plan import Settings
from lantoa.planning.planner import Planner
from lantoa.planning.site import plan_site
from lantoa.reading import Layout
from lantoa import remade
from lantoa.remade import Remade
from projects import Project


def serve_load(project: Project, kept: dict):
    return load_corpus(project.root, read_cache=kept["reads"], layout=kept["layout"], remade=kept["remade"])


def by_source(corpus) -> dict:
    return {s.source: s for s in [*corpus.stories, *corpus.news]}


def test_unchanged_items_are_the_same_objects_and_changed_ones_new(tmp_path):
    project = Project(tmp_path)
    mai = project.story("2024/chi-mai")
    project.story("2024/chi-lan", title="Chị Lan", subject="Lò Thị Lan")
    kept = {"reads": {}, "layout": Layout(), "remade": Remade()}
    first = by_source(serve_load(project, kept))
    again = by_source(serve_load(project, kept))
    assert all(again[k] is first[k] for k in first)

    mai.write_text(mai.read_text(encoding="utf-8").replace("title:", "title: Sửa", 1), encoding="utf-8")
    edited = serve_load(project, kept)
    after = by_source(edited)
    changed = [k for k in after if after[k] is not first[k]]
    assert changed == ["stories/people/2024/chi-mai/index.md"]
    fresh = load_corpus(project.root)
    assert edited.stories == fresh.stories and edited.news == fresh.news


def test_a_campaign_or_units_change_makes_every_item_again(tmp_path):
    project = Project(tmp_path)
    project.story("2024/chi-mai")
    kept = {"reads": {}, "layout": Layout(), "remade": Remade()}
    first = by_source(serve_load(project, kept))
    campaign = project.stories / "campaigns/thu/index.md"
    campaign.write_text(campaign.read_text(encoding="utf-8").replace("title:", "title: Mới", 1), encoding="utf-8")
    second = by_source(serve_load(project, kept))
    assert all(second[k] is not first[k] for k in first) and second == first

    units = project.stories / "units.yml"
    units.write_text(units.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # same units: reused
    assert all(v is second[k] for k, v in by_source(serve_load(project, kept)).items())


def test_cards_are_reused_for_the_same_items_and_equal_a_fresh_plan(tmp_path):
    project = Project(tmp_path)
    project.story("2024/chi-mai")
    mai_source = "stories/people/2024/chi-mai/index.md"
    project.story("2024/chi-lan", title="Chị Lan", subject="Lò Thị Lan")
    kept = {"reads": {}, "layout": Layout(), "remade": Remade()}
    settings = Settings()
    plan_site(serve_load(project, kept), settings, kept["remade"])
    cards = dict(kept["remade"].cards)
    lan = project.stories / "people/2024/chi-lan/index.md"
    lan.write_text(lan.read_text(encoding="utf-8").replace("title: Chị Lan", "title: Chị Lan mới"), encoding="utf-8")
    plan = plan_site(serve_load(project, kept), settings, kept["remade"])
    now = kept["remade"].cards
    assert now[mai_source][1] is cards[mai_source][1]
    assert now["stories/people/2024/chi-lan/index.md"][1].title == "Chị Lan mới"
    assert plan.pages == plan_site(load_corpus(project.root), settings).pages


def test_the_card_of_an_item_gone_is_forgotten(tmp_path):
    import shutil
    project = Project(tmp_path)
    project.story("2024/chi-mai")
    lan = project.story("2024/chi-lan", title="Chị Lan", subject="Lò Thị Lan")
    kept = {"reads": {}, "layout": Layout(), "remade": Remade()}
    plan_site(serve_load(project, kept), Settings(), kept["remade"])
    assert "stories/people/2024/chi-lan/index.md" in kept["remade"].cards
    shutil.rmtree(lan.parent)
    plan_site(serve_load(project, kept), Settings(), kept["remade"])
    assert "stories/people/2024/chi-lan/index.md" not in kept["remade"].cards
    assert "stories/people/2024/chi-mai/index.md" in kept["remade"].cards


def test_an_item_page_is_reused_only_while_what_it_shows_is_the_same(tmp_path, monkeypatch):
    project = Project(tmp_path)
    project.story("2024/chi-mai")
    lan = project.story("2024/chi-lan", title="Chị Lan", subject="Lò Thị Lan")
    project.story("2023/chi-hoa", title="Chị Hoa", subject="Lò Thị Hoa")
    for month in range(6, 11):  # in another place, between Lan and Xa by date: Lan is not among Xa's related
        project.story(f"2024/chi-{month}", title=f"Chị {month}", subject=f"Lò Thị {month}", unit="xa-my-tu",
                      date=f"2024-{month:02d}-01")
    far = project.story("2024/chi-xa", title="Chị Xa", subject="Lò Thị Xa", unit="xa-my-tu", date="2024-12-01")
    kept = {"reads": {}, "layout": Layout(), "remade": Remade()}
    settings = Settings()

    def story_pages():
        plan = plan_site(serve_load(project, kept), settings, kept["remade"])
        return plan, {p.source: p for p in plan.pages if p.role == "story"}

    _, first = story_pages()
    _, again = story_pages()
    assert all(again[k] is first[k] for k in first)
    assert str(far.relative_to(project.root)) in first

    lan.write_text(lan.read_text(encoding="utf-8").replace("title: Chị Lan", "title: Chị Lan mới"), encoding="utf-8")
    looked_at = []
    monkeypatch.setattr(Planner, "item_page", lambda self, item, shows, fields, make=Planner.item_page: (
        looked_at.append(item.source), make(self, item, shows, fields))[1])
    plan, after = story_pages()
    shown_with_lan = {k for k, page in first.items() if any(c.title == "Chị Lan" for c in page.context["related"])}
    assert shown_with_lan  # Lan's card is in her neighbours' related stories: they change with her title
    assert {k for k in after if after[k] is not first[k]} == {str(lan.relative_to(project.root))} | shown_with_lan
    assert str(far.relative_to(project.root)) not in shown_with_lan
    assert set(looked_at) == {str(lan.relative_to(project.root))} | shown_with_lan, "the others are taken as they were"
    monkeypatch.undo()
    assert plan.pages == plan_site(load_corpus(project.root), settings).pages


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_each_kind_of_change_gives_the_plan_a_fresh_plan_gives(tmp_path):
    """Item pages, their links and related stories kept between plans (remade.page,
    `remembered`) never stand for what changed: after each change the plan is a fresh one's."""
    project = Project(tmp_path)
    mai = project.story("2024/chi-mai")
    lan = project.story("2024/chi-lan", title="Chị Lan", subject="Lò Thị Lan", date="2024-05-01")
    project.story("2023/chi-hoa", title="Chị Hoa", subject="Lò Thị Hoa", date="2023-02-01")
    project.story("2024/chi-thu", title="Chị Thu", subject="Lò Thị Thu", unit="xa-my-huong", date="2024-06-01")
    campaign = project.stories / "campaigns/thu/index.md"
    news = project.write("news/2024/tin-thu/index.md", "---\ntitle: Tin thử\nkind: hoạt động\n"
                         "date: 2024-04-01\nunits: [huyen-my-tu]\nsummary: Tin.\n---\nNội dung.\n")
    kept = {"reads": {}, "layout": Layout(), "remade": Remade()}
    settings = Settings()
    changes = [
        lambda: _edit(news, "units: [huyen-my-tu]", "units: [xa-my-tu]"),  # a place gains a page by a news item
        lambda: _edit(campaign, "title: Phong trào thử", "title: Phong trào đổi tên"),  # every story's link
        lambda: _edit(lan, "date: '2024-05-01'", "date: '2022-05-01'"),  # the order: related stories
        lambda: _edit(mai, "unit: huyen-my-tu", "unit: xa-my-huong"),  # place, and who is near
        lambda: _edit(lan, "unit: huyen-my-tu", "unit: xa-my-tu"),  # a place gains a page
        lambda: _edit(campaign, "name: Có tri thức", "name: Có tri thức mới"),  # criteria named on pages
        lambda: _edit(lan, "criteria:\n- tri-thuc", "criteria: []"),  # a campaign's count per criterion
        lambda: _edit(lan, "summary: Sapo.", "summary: Sapo.\nupdated: '2025-02-01'"),  # listings' newest change
        lambda: _edit(mai, "campaigns:\n- thu", "campaigns: []"),
        lambda: _edit(lan, "subject: Lò Thị Lan", "subject: Lò Thị Ánh"),  # the names page's order
        lambda: _edit(lan, "subject_kind: cá nhân", "subject_kind: tập thể"),  # who, on the names page
        lambda: _edit(project.stories / "units.yml", "  name: Mỹ Tú\n  level: huyện",
                      "  name: Mỹ Tú Cũ\n  level: huyện"),  # a place's name, on every page naming it
    ]
    plan_site(serve_load(project, kept), settings, kept["remade"])
    for number, change in enumerate(changes):
        change()
        plan = plan_site(serve_load(project, kept), settings, kept["remade"])
        assert plan.pages == plan_site(load_corpus(project.root), settings).pages, number


def test_the_names_page_does_not_change_with_a_title(tmp_path):
    """It shows who, not the story's title: a retitled story does not render it again."""
    project = Project(tmp_path)
    mai = project.story("2024/chi-mai")
    project.story("2024/chi-lan", title="Chị Lan", subject="Lò Thị Lan")

    def names_page():
        return next(p for p in plan_site(load_corpus(project.root), Settings()).pages if p.role == "names")
    before = names_page()
    _edit(mai, "title: Chị Mai", "title: Chị Mai và vườn quế")
    assert names_page() == before
    _edit(mai, "subject: Hoàng Thị Mai", "subject: Hoàng Thị Ánh")
    assert names_page() != before


def test_a_listing_is_reused_only_while_it_lists_the_same_items(tmp_path):
    """Serve plans each listing again only if what it lists changed (`Planner.listing`): a listing
    of the very same items, with an equal context, is the previous plan's pages themselves."""
    project = Project(tmp_path)
    project.story("2024/chi-mai")
    lan = project.story("2023/chi-lan", title="Chị Lan", subject="Lò Thị Lan", date="2023-05-01")
    kept = {"reads": {}, "layout": Layout(), "remade": Remade()}
    settings = Settings()

    def listings():
        plan = plan_site(serve_load(project, kept), settings, kept["remade"])
        return plan, {p.url: p for p in plan.pages if "pager" in p.context}

    _, first = listings()
    _, again = listings()
    assert first and all(again[url] is first[url] for url in first)

    _edit(lan, "title: Chị Lan", "title: Chị Lan mới")
    plan, after = listings()
    showing_lan = {url for url, page in first.items() if any(c.title == "Chị Lan" for c in page.context["cards"])}
    assert {"luu-tru/2023/", "luu-tru/2023/05/"} <= showing_lan
    assert all(after[url] is not first[url] for url in showing_lan)
    assert after["luu-tru/2024/"] is first["luu-tru/2024/"] and after["luu-tru/2024/03/"] is first["luu-tru/2024/03/"]
    assert plan.pages == plan_site(load_corpus(project.root), settings).pages


def test_units_are_read_again_only_when_their_file_changed(tmp_path):
    project = Project(tmp_path)
    project.story("2024/chi-mai")
    kept = {"reads": {}, "layout": Layout(), "remade": Remade()}
    first = serve_load(project, kept)
    second = serve_load(project, kept)
    assert second.units is first.units  # not read again: the same registry
    units = project.stories / "units.yml"
    units.write_text(units.read_text(encoding="utf-8").replace("- key:", "- key: ", 1) + "\n- bad: true\n",
                     encoding="utf-8")
    third = serve_load(project, kept)
    assert third.units is not first.units
    fresh = load_corpus(project.root)
    assert [d.code for d in third.diagnostics] == [d.code for d in fresh.diagnostics] != []
    assert [d.code for d in serve_load(project, kept).diagnostics] == [d.code for d in fresh.diagnostics], \
        "a kept registry's problems are reported again, once"


def test_sorted_reuses_the_order_only_while_every_key_is_the_same():
    from dataclasses import dataclass, replace
    from operator import attrgetter

    @dataclass(frozen=True)
    class Item:
        date: int
        source: str
        title: str = ""

    key, remade = attrgetter("date", "source"), Remade()
    items = [Item(d, f"s{n}") for n, d in enumerate([5, 3, 9, 1, 3, 7])]
    for reverse in (False, True, True):
        assert remade.sorted("x", items, key, reverse) == sorted(items, key=key, reverse=reverse)
    retitled = [replace(i, title="mới") if n == 2 else i for n, i in enumerate(items)]
    assert remade.sorted("x", retitled, key, True) == sorted(retitled, key=key, reverse=True)
    moved = [replace(i, date=0) if n == 2 else i for n, i in enumerate(retitled)]
    assert remade.sorted("x", moved, key, True) == sorted(moved, key=key, reverse=True)
    more = [*moved, Item(4, "s9")]
    assert remade.sorted("x", more, key, True) == sorted(more, key=key, reverse=True)
    assert remade.sorted("x", more[1:], key, True) == sorted(more[1:], key=key, reverse=True)


def test_a_duplicate_address_is_found_again_when_one_comes_and_goes(tmp_path):
    project = Project(tmp_path)
    project.story("2024/chi-mai")
    kept = {"reads": {}, "layout": Layout(), "remade": Remade()}
    assert "LT030" not in [d.code for d in serve_load(project, kept).diagnostics]
    twin = project.story("2024/Chi-Mai", title="Chị Mai khác")  # the same address, /cau-chuyen/2024/chi-mai/
    assert [d.code for d in serve_load(project, kept).diagnostics].count("LT030") == 1
    assert [d.code for d in serve_load(project, kept).diagnostics].count("LT030") == 1, "reported again, once"
    shutil.rmtree(twin.parent)  # its photo too
    assert "LT030" not in [d.code for d in serve_load(project, kept).diagnostics]


def test_a_listing_of_the_same_length_makes_again_only_the_pages_whose_items_changed(tmp_path):
    """Of a listing whose items changed but not their number, order or newest change, the pages
    listing the very same items stand (`planner._standing`); its first page also announces its feeds (their address and title).
    The plan is always a fresh one's."""
    project = Project(tmp_path)
    paths = [project.story(f"2024/chi-{n}", title=f"Chị số {n}", subject=f"Lò Thị Số {n}", date=f"2024-0{n}-02")
             for n in range(1, 8)]
    kept = {"reads": {}, "layout": Layout(), "remade": Remade()}
    settings = Settings(page_size=2)

    def listing(url: str) -> list:
        plan = plan_site(serve_load(project, kept), settings, kept["remade"])
        assert plan.pages == plan_site(load_corpus(project.root), settings).pages
        first = next(p for p in plan.pages if p.url == url)
        return [first, *(p for p in plan.pages if p.url.startswith(f"{url}trang-"))]

    year, place = listing("luu-tru/2024/"), listing("dia-ban/huyen-my-tu/")
    assert len(year) == len(place) == 4
    _edit(paths[2], "title: Chị số 3", "title: Chị số 3 đã sửa")  # the 5th newest: on page 3
    year_after, place_after = listing("luu-tru/2024/"), listing("dia-ban/huyen-my-tu/")
    assert [a is b for a, b in zip(year, year_after)] == [True, True, False, True]
    # page 1 announces the place's feed, whose items changed: by its address and title (FeedRef), which did not
    assert [a is b for a, b in zip(place, place_after)] == [True, True, False, True]
    _edit(paths[2], "summary: Sapo.", "summary: Sapo.\nupdated: '2025-02-01'")  # the listing's newest change
    assert not any(a is b for a, b in zip(year_after, listing("luu-tru/2024/")))


def test_what_every_page_of_a_listing_shows_lets_none_stand():
    from types import SimpleNamespace

    from lantoa.planning.planner import _standing
    items = [object() for _ in range(6)]
    pages = [SimpleNamespace(context={"modified": None}) for _ in range(3)]
    inputs = ("tag", "Thẻ: quế", "t.html", items, {"parent": 1}, {"summary": "6 câu chuyện"})
    last = (inputs, pages)
    assert _standing(last, inputs, None, 2) == {1, 2, 3}
    assert _standing(last, (*inputs[:5], {"summary": "6 bài"}), None, 2) == set(), "page 2 says: (trang 2)"
    assert _standing(last, (*inputs[:5], {"summary": "6 câu chuyện", "feeds": ()}), None, 2) == {2, 3}
    assert _standing(last, (*inputs[:4], {"parent": 2}, inputs[5]), None, 2) == set()
    assert _standing(last, (*inputs[:3], [*items[:5], object()], *inputs[4:]), None, 2) == {1, 2}
    assert _standing(last, (*inputs[:3], items[:5], *inputs[4:]), None, 2) == set()
    assert _standing(last, inputs, "2025-01-01", 2) == set()
    assert _standing(None, inputs, None, 2) == set()


def test_drafts_and_later_dates_are_held_back_as_they_change(tmp_path):
    """Which items are held back is remembered between serve's loads (`load._held`), never past
    a change of a draft flag or a date."""
    import datetime as dt
    project = Project(tmp_path)
    mai = project.story("2024/chi-mai")
    project.story("2024/chi-lan", title="Chị Lan", subject="Lò Thị Lan")
    kept = {"read_cache": {}, "layout": Layout(), "remade": Remade()}
    source = str(mai.relative_to(project.root))

    def held() -> list[str]:
        corpus = load_corpus(project.root, **kept, today=dt.date(2025, 1, 1))
        assert all(s.source not in [i.source for i in corpus.unpublished] for s in corpus.stories)
        return [i.source for i in corpus.unpublished]
    assert held() == [] and held() == []
    _edit(mai, "summary: Sapo.", "draft: true\nsummary: Sapo.")
    assert held() == [source]
    _edit(mai, "draft: true\n", "")
    assert held() == []
    date = next(line for line in mai.read_text(encoding="utf-8").splitlines() if line.startswith("date:"))
    _edit(mai, date, "date: '2025-06-01'")
    assert held() == [source]


def test_items_made_only_for_the_reads_that_changed_in_place():
    """`Remade.items`: a read in place of another of the same file is made again, alone; other
    files, or units changed, go the long way, which still takes each file's item when its read
    is the same; the problems come in the reads' order, whichever way."""
    made: list[str] = []

    def make(read, units, problems):
        made.append(read["file"])
        if read.get("bad"):
            problems.append(f"bad {read['file']}")
            return None
        problems.extend(read.get("warn", []))
        return (read["file"], read["v"])

    reads = [{"file": f"f{n}", "v": 0} for n in range(8)]
    reads[2]["warn"], reads[5]["bad"] = ["w2"], True
    remade, problems = Remade(), []
    remade.start({"u": 1}, [])
    first = remade.items("stories", reads, make, ({"u": 1},), problems)
    remade.finish()
    assert [i[0] for i in first] == ["f0", "f1", "f2", "f3", "f4", "f6", "f7"]
    assert problems == ["w2", "bad f5"] and len(made) == 8

    def load(now: list[dict], units=None) -> tuple[list, list, list]:
        made.clear()
        found: list = []
        remade.start(units or {"u": 1}, [])
        items = remade.items("stories", now, make, ({"u": 1},), found)
        remade.finish()
        return items, found, list(made)

    again = [*reads]
    again[6] = {"file": "f6", "v": 1, "warn": ["w6"]}
    again[2] = {"file": "f2", "v": 1}
    items, found, made_now = load(again)
    assert made_now == ["f2", "f6"] and found == ["bad f5", "w6"]
    assert [i[1] for i in items] == [0, 0, 1, 0, 0, 1, 0] and items[0] is first[0]

    swapped = [again[1], again[0], *again[2:]]  # two files trade places: the long way, nothing made
    items, found, made_now = load(swapped)
    assert made_now == [] and found == ["bad f5", "w6"] and items[0] is first[1]

    fewer = swapped[:-1]
    items, found, made_now = load(fewer)
    assert made_now == [] and len(items) == 6
    items, found, made_now = load(fewer, units={"u": 2})
    assert sorted(made_now) == sorted(r["file"] for r in fewer) and found == ["bad f5", "w6"]

    same, found, made_now = load(fewer, units={"u": 2})  # the very reads again: the very items
    assert same is items and made_now == [] and found == ["bad f5", "w6"]
    from lantoa.read_lists import Patched
    told = Patched(fewer)  # read_lists says which places it read again: only those are looked at
    told[4] = {"file": "f4", "v": 2}
    told[6] = {"file": "f7", "v": 2}
    told.since = (fewer, [4])
    items, found, made_now = load(told, units={"u": 2})
    values = dict(items)
    assert made_now == ["f4"] and values["f4"] == 2 and values["f6"] == 1, "the place not told: not looked at"


def test_cards_of_items_gone_are_forgotten():
    remade = Remade()

    def load(reads):
        remade.start({}, [])
        remade.items("stories", reads, lambda read, problems: read["file"], (), [])
        remade.finish()

    reads = [{"file": "a"}, {"file": "b"}]
    load(reads)
    remade.cards = {"a": ("a", "card a"), "b": ("b", "card b")}
    load([reads[0], {"file": "b", "v": 2}])  # a read of the same file in place
    assert set(remade.cards) == {"a", "b"}
    load([reads[0]])
    assert set(remade.cards) == {"a"}


def test_same_items_looks_into_every_run_of_items():
    """The lists are compared a run at a time: a change is found in any run, and at its ends."""
    @dataclasses.dataclass(frozen=True)
    class Item:
        key: int
        title: str

    key = attrgetter("key")
    size = remade.SAME_ITEMS_RUN * 2 + 5
    before = [Item(i, f"t{i}") for i in range(size)]
    assert remade.same_items(before, list(before), key)
    for place in (0, remade.SAME_ITEMS_RUN - 1, remade.SAME_ITEMS_RUN, size - 1):
        retitled, moved = list(before), list(before)
        retitled[place] = Item(place, "another title")  # not the same object, equal in `key`
        moved[place] = Item(place + 1, f"t{place}")
        assert remade.same_items(before, retitled, key)
        assert not remade.same_items(before, moved, key)
        assert not remade.same_items(before, moved, attrgetter("key", "title"))
    assert not remade.same_items(before, before[:-1], key)
    assert remade.same_items([], [], key)


def test_a_place_feed_whose_lists_are_the_same_is_the_last_plans_and_equals_a_fresh_one(tmp_path):
    project = Project(tmp_path)
    project.story("2024/chi-mai")
    lan = project.story("2025/chi-lan", title="Chị Lan", subject="Lò Thị Lan", unit="xa-my-tu", date="2025-08-01")
    kept = {"reads": {}, "layout": Layout(), "remade": Remade()}
    settings = Settings()
    feeds = {f.url: f for f in plan_site(serve_load(project, kept), settings, kept["remade"]).feeds}
    lan.write_text(lan.read_text(encoding="utf-8").replace("title: Chị Lan", "title: Chị Lan mới"), encoding="utf-8")
    plan = plan_site(serve_load(project, kept), settings, kept["remade"])
    now = {f.url: f for f in plan.feeds}
    assert now["dia-ban/huyen-my-tu/rss.xml"] is feeds["dia-ban/huyen-my-tu/rss.xml"]  # the same lists
    assert [i.title for i in now["dia-ban/xa-my-tu/rss.xml"].items] == ["Chị Lan mới"]
    assert plan.feeds == plan_site(load_corpus(project.root), settings).feeds
    same = [1]
    assert remade.same_lists((same, []), (same, [])) and not remade.same_lists(([1], []), ([1], []))  # not looked into


def test_same_items_compares_only_the_places_found_for_the_same_two_lists():
    """`not_the_same` found the places of the objects made anew for two lists: `same_items` on
    those very lists looks at those places only (the planner's stories, compared by several)."""
    @dataclasses.dataclass(frozen=True)
    class Item:
        source: str
        n: int

    class Runs(list):
        """A list that counts the runs taken out of it."""
        taken = 0

        def __getitem__(self, place):
            Runs.taken += isinstance(place, slice)
            return super().__getitem__(place)

    before = Runs(Item(f"s{n}", n) for n in range(2000))
    now = Runs(before)
    now[1500] = Item("s1500", 99)
    fields = attrgetter("n")
    assert not remade.same_items(before, now, fields) and Runs.taken > 0
    assert remade.not_the_same(before, now) == [1500]
    assert remade.not_the_same(before, now) is remade.not_the_same(before, now)
    Runs.taken = 0
    assert not remade.same_items(before, now, fields) and Runs.taken == 0, "the places found, not runs"
    equal = Runs(before)
    equal[7] = Item("s7", 7)
    assert remade.not_the_same(before, equal) == [7] and remade.same_items(before, equal, fields)
    assert Runs.taken == 0
