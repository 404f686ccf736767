"""`partial.inputs_compared`: two equal pages' inputs (their card, the feeds they announce) are
compared by the page's card name while no feed's head and not the default card changed, else
made and compared whole."""
from __future__ import annotations

from types import SimpleNamespace

from lantoa.engine.partial import inputs_compared
from lantoa.plan import Feed, Page, Pager


class Job:
    prefix = "the-chia-se"

    def __init__(self, names: dict[str, str]):
        self.names = names

    def url(self, key: str) -> str | None:
        return f"{self.prefix}/{self.names[key]}" if key in self.names else None


def a_build(names: dict[str, str], feeds: list[Feed]):
    build = SimpleNamespace(card_job=Job(names), plan=SimpleNamespace(feeds=feeds), made=[])

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
