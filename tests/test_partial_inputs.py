"""`unchanged.inputs_compared`: two equal pages' inputs (their card, the feeds they announce) are
compared by the page's card name while no feed's head and not the default card changed, else
made and compared whole. `unchanged.to_compare`: the pages a save may have changed."""
from __future__ import annotations

from types import SimpleNamespace

from lantoa.engine.unchanged import inputs_compared, to_compare
from lantoa.plan import Feed, Page, Pager
from lantoa.plan_delta import LastPlan


class Job:
    prefix = "the-chia-se"

    def __init__(self, names: dict[str, str]):
        self.names = names

    def url(self, key: str) -> str | None:
        return f"{self.prefix}/{self.names[key]}" if key in self.names else None

    def named_anew(self, before) -> None:
        return None  # not known: the names are compared


def a_build(names: dict[str, str], feeds: list[Feed], pages: list[Page] = (), photos: dict | None = None,
            last: LastPlan | None = None):
    """`last`: the plans so far (what serve keeps: `Build.load`); a build of its own by default."""
    build = SimpleNamespace(card_job=Job(names), plan=SimpleNamespace(feeds=feeds, pages=list(pages)), made=[],
                            photos=photos or {}, kept=SimpleNamespace(plan=last or LastPlan()))
    build.planned = build.kept.plan.take(build.plan.pages)
    build.page = build.planned.get

    def page_inputs(page):
        build.made.append(page.url)
        return (build.card_job.url(page.url), tuple((f.url, f.title) for f in feeds))
    build.page_inputs = page_inputs
    return build


def listing(number: int) -> Page:
    urls = ("dia-ban/xa-a/", "dia-ban/xa-a/trang-2/")
    return Page(url=urls[number - 1], role="unit", title="Xã A", template="lantoa/unit.html",
                context={"pager": Pager(number, 2, urls)})


SITE_FEED = Feed("rss.xml", "Bài mới", "", ())


def test_an_equal_page_whose_card_changed_is_not_the_same():
    before = a_build({"": "home.jpg", "dia-ban/xa-a/": "a1.jpg"}, [SITE_FEED])
    after = a_build({"": "home.jpg", "dia-ban/xa-a/": "a2.jpg"}, [SITE_FEED])
    same = inputs_compared(before, after)
    assert not same(listing(1), listing(1))
    assert not same(listing(2), listing(2)), "page 2 shows its listing's first page's card"
    assert before.made == after.made == [], "inputs made where the card names tell"


def test_an_equal_page_with_the_same_card_is_the_same():
    names = {"": "home.jpg", "dia-ban/xa-a/": "a1.jpg"}
    same = inputs_compared(a_build(dict(names), [SITE_FEED]), a_build(dict(names), [SITE_FEED]))
    assert same(listing(2), listing(2))


def test_a_feed_renamed_or_the_default_card_changed_compares_the_inputs_whole():
    names = {"": "home.jpg", "dia-ban/xa-a/": "a1.jpg"}
    renamed = Feed("rss.xml", "Bài mới nhất", "", ())
    before, after = a_build(dict(names), [SITE_FEED]), a_build(dict(names), [renamed])
    assert not inputs_compared(before, after)(listing(1), listing(1))
    assert after.made == ["dia-ban/xa-a/"]
    before, after = a_build(dict(names), [SITE_FEED]), a_build(dict(names, **{"": "home2.jpg"}), [SITE_FEED])
    assert inputs_compared(before, after)(listing(1), listing(1))  # its own card and feeds are the same
    assert after.made == ["dia-ban/xa-a/"]


def story(slug: str, title: str = "Chị Mai") -> Page:
    return Page(url=f"cau-chuyen/2024/{slug}/", role="story", title=title, template="lantoa/story.html", context={})


def test_only_pages_made_anew_or_showing_a_card_drawn_anew_are_compared():
    kept, retitled, first, second = story("a"), story("b"), listing(1), listing(2)
    names = {"": "home.jpg", kept.url: "a.jpg", retitled.url: "b.jpg", first.url: "x.jpg"}
    before = a_build(names, [SITE_FEED], [kept, story("b", "Chị Lan"), first, second])
    after = a_build(dict(names, **{retitled.url: "b2.jpg"}), [SITE_FEED], [kept, retitled, first, second])
    assert to_compare(before, after, carried=True) == [retitled]
    redrawn = a_build(dict(names, **{first.url: "x2.jpg"}), [SITE_FEED], [kept, story("b", "Chị Lan"), first, second])
    before.plan.pages[1] = redrawn.plan.pages[1]
    before.planned = {p.src_uri: p for p in before.plan.pages}
    before.page = before.planned.get
    assert to_compare(before, redrawn, carried=True) == [first, second], "a listing's pages all show its card"


def test_the_pages_made_anew_are_known_from_the_plans_kept():
    """Serve keeps each plan's pages (plan_delta.LastPlan): a plan listing the same addresses in
    the same order gives the pages made anew without looking at each page."""
    kept, first, second = story("a"), listing(1), listing(2)
    names = {"": "home.jpg", kept.url: "a.jpg", "cau-chuyen/2024/b/": "b.jpg", first.url: "x.jpg"}
    plans = LastPlan()
    before = a_build(names, [SITE_FEED], [kept, story("b", "Chị Lan"), first, second], last=plans)
    retitled = story("b")
    after = a_build(dict(names, **{retitled.url: "b2.jpg"}), [SITE_FEED], [kept, retitled, first, second], last=plans)
    assert plans.fresh == [1]
    assert to_compare(before, after, carried=True) == [retitled]
    again = story("b", "Chị Hoa")
    redrawn = a_build(dict(names, **{first.url: "x2.jpg", again.url: "b3.jpg"}), [SITE_FEED],
                      [kept, again, first, second], last=plans)
    assert to_compare(after, redrawn, carried=True) == [again, first, second], "in the plan's order"
    assert to_compare(before, redrawn, carried=True) == [again, first, second], "against another plan than the last"
    added = story("c")
    grown = a_build(redrawn.card_job.names | {added.url: "c.jpg"}, [SITE_FEED], [kept, added, again, first, second], last=plans)
    assert plans.fresh is None and to_compare(redrawn, grown, carried=True) == [added]


def test_pages_made_anew_since_another_plan_than_the_last_are_looked_for():
    """A rebuild that planned and then stopped (a full build took over) planned last: the pages
    are compared with the last *rendered* plan's."""
    names = {"": "home.jpg", "cau-chuyen/2024/a/": "a.jpg", "cau-chuyen/2024/b/": "b.jpg"}
    plans, kept, retitled = LastPlan(), story("a"), story("b", "Chị Hoa")
    rendered = a_build(names, [SITE_FEED], [kept, story("b")], last=plans)
    a_build(names, [SITE_FEED], [kept, retitled], last=plans)  # planned, never rendered
    again = a_build(names, [SITE_FEED], [kept, retitled], last=plans)
    assert plans.fresh == [] and to_compare(rendered, again, carried=True) == [retitled]


def test_every_page_is_compared_when_what_all_depend_on_changed():
    pages = [story("a"), listing(1), listing(2)]
    names = {"": "home.jpg"}
    before = a_build(names, [SITE_FEED], pages)
    assert to_compare(before, a_build(names, [SITE_FEED], pages), carried=False) == pages  # no sitemap taken over
    assert to_compare(before, a_build(names, [Feed("rss.xml", "Khác", "", ())], pages), carried=True) == pages
    assert to_compare(before, a_build({"": "home2.jpg"}, [SITE_FEED], pages), carried=True) == pages
    assert to_compare(before, a_build(names, [SITE_FEED], pages, photos={"a.jpg": 1}), carried=True) == pages
    assert to_compare(before, a_build(names, [SITE_FEED], pages), carried=True) == []


def test_the_pages_served_are_listed_again_after_each_change():
    """`partial.Shown`: the lists a render hands to templates follow every change of the pages
    served, and are not made again without one."""
    from mkdocs.structure.files import InclusionLevel

    from lantoa.engine.partial import Shown

    def file(name: str, inclusion=InclusionLevel.INCLUDED):
        return SimpleNamespace(src_uri=name, inclusion=inclusion)
    a, b, draft = file("a.md"), file("b.md"), file("nhap.md", InclusionLevel.DRAFT)
    shown = Shown({"a.md": a})
    first = shown.lists()
    assert first == ([a], [a]) and shown.lists() is first
    shown["nhap.md"] = draft
    assert shown.lists() == ([a, draft], [a])
    shown["b.md"] = b
    assert shown.lists() == ([a, draft, b], [a, b])
    shown.pop("a.md")
    assert shown.lists() == ([draft, b], [b])
    del shown["b.md"]
    shown.update({"a.md": a})
    assert shown.lists() == ([draft, a], [a])
