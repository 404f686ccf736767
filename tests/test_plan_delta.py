"""Serve's pages of a plan by address and their cards' specs, taken over from the last plan for
the pages that are its very pages (plan_delta.py): always what looking at every page gives."""
from __future__ import annotations

import dataclasses

from lantoa.plan import Page, Pager
from lantoa.plan_delta import LastPlan, card_specs, fresh_pages
from lantoa.previews import has_card


def page(url: str, title: str = "", role: str = "story", **context) -> Page:
    return Page(url=url, role=role, title=title or url, template="t.html", context=context)


def plan(n: int = 6) -> list[Page]:
    pages = [page(f"cau-chuyen/{i}/") for i in range(n)]
    urls = ("luu-tru/", "luu-tru/trang-2/")
    pages += [page(u, "Lưu trữ", "year", pager=Pager(k, 2, urls)) for k, u in enumerate(urls, 1)]
    return pages + [page("van-de/", "Vấn đề", "problems")]


def test_fresh_pages_are_the_places_of_pages_made_anew():
    """(A plan's lists are never changed once made: each step below makes a new one.)"""
    before = plan()
    now = list(before)
    assert fresh_pages(before, now) == []
    now = list(now)
    now[2] = dataclasses.replace(now[2], title="Đã sửa")
    now[7] = page("luu-tru/trang-2/", "Lưu trữ", "year", pager=Pager(2, 2, ("luu-tru/", "luu-tru/trang-2/")))
    assert fresh_pages(before, now) == [2, 7]
    assert fresh_pages(before, now) == [2, 7]  # the same two lists again: the places found last
    assert fresh_pages(now, before) == [2, 7] and fresh_pages(before, now) == [2, 7]
    assert fresh_pages(before, now[:-1]) is None  # a page gone
    now = list(now)
    now[3] = page("cau-chuyen/khac/")  # another address in its place
    assert fresh_pages(before, now) is None


class Specs:
    """make(): a spec, counted."""

    def __init__(self):
        self.made = []

    def __call__(self, p: Page):
        self.made.append(p.url)
        return ("spec", p.url, p.title)


def plain(pages, make):
    return {p.url: make(p) for p in pages if has_card(p)}


def check(last: LastPlan, pages: list[Page], shared="same") -> list[str]:
    """Take `pages` as the next plan; what was made anew. The result is always the plain one."""
    by_uri = last.take(pages)
    assert list(by_uri.items()) == [(p.src_uri, p) for p in pages]
    make = Specs()
    specs = card_specs(last, shared, has_card, make)
    assert list(specs.items()) == list(plain(pages, lambda p: ("spec", p.url, p.title)).items())
    return make.made


def test_specs_are_made_for_the_pages_made_anew_only():
    last, first = LastPlan(), plan()
    assert check(last, first) == [p.url for p in first if has_card(p)]
    assert check(last, list(first)) == []
    edited = list(first)
    edited[1] = dataclasses.replace(first[1], title="Tiêu đề mới")
    edited[4] = dataclasses.replace(first[4])  # equal, not the same object: its spec stands
    assert check(last, edited) == ["cau-chuyen/1/"]
    assert check(last, edited, shared="other photos") == [p.url for p in first if has_card(p)]


def test_pages_that_come_go_or_gain_a_card_are_looked_at_one_by_one():
    last, first = LastPlan(), plan()
    check(last, first)
    grown = [*first[:3], page("cau-chuyen/moi/"), *first[3:]]
    assert check(last, grown) == ["cau-chuyen/moi/"]
    assert last.fresh is None
    shrunk = [p for p in grown if p.url != "cau-chuyen/0/"]
    assert check(last, shrunk) == []
    carded = list(shrunk)
    carded[-1] = page("van-de/", "Vấn đề", "story")  # the same address, now with a card
    assert check(last, carded) == ["van-de/"] and last.fresh == [len(carded) - 1]
    uncarded = list(carded)
    uncarded[-1] = page("van-de/", "Vấn đề", "problems")
    assert check(last, uncarded) == []


def test_specs_after_a_plan_whose_specs_were_never_asked_for():
    """A rebuild that planned and stopped before its cards (a full build took over): the next
    specs are not patched from a plan they were not made for."""
    last, first = LastPlan(), plan()
    check(last, first)
    edited = list(first)
    edited[0] = dataclasses.replace(first[0], title="Lần một")
    last.take(edited)  # planned, no specs
    again = list(edited)
    again[1] = dataclasses.replace(first[1], title="Lần hai")
    assert check(last, again) == ["cau-chuyen/0/", "cau-chuyen/1/"]


@dataclasses.dataclass(frozen=True)
class Item:
    source: str
    tags: tuple = ()


def naive(items, keys) -> dict:
    groups: dict = {}
    for item in items:
        for key in keys(item):
            groups.setdefault(key, []).append(item)
    return groups


def test_groups_are_the_last_ones_with_the_items_made_anew_in_place():
    from lantoa.plan_delta import grouped
    keys = lambda item: item.tags  # noqa: E731
    items = [Item(f"s{n}", ("a", "b") if n % 3 == 0 else ("b",) if n % 2 else ("c", "c")) for n in range(12)]
    first = grouped(None, "units", items, keys)
    assert first.groups == naive(items, keys)
    same = grouped(first, "units", list(items), keys)
    assert same.groups is first.groups
    before = {key: list(members) for key, members in first.groups.items()}
    edited = list(items)
    edited[3] = Item("s3", ("a", "b"))  # made anew, in the same groups
    patched = grouped(same, "units", edited, keys)
    assert patched.groups == naive(edited, keys) and patched.groups["a"][1] is edited[3]
    assert patched.groups["c"] is first.groups["c"], "a group without it is the last one"
    assert {k: list(m) for k, m in first.groups.items()} == before, "the last groups are not changed"
    assert first.groups["a"][1] is items[3] and first.groups["b"][2] is items[3]
    edited = list(edited)  # the planner's lists are new each plan, never changed afterwards
    edited[4] = Item("s4", ("b",))  # in another group now: grouped again
    moved = grouped(patched, "units", edited, keys)
    assert moved.groups == naive(edited, keys) and moved.places is None
    edited = list(edited)
    edited[8] = Item("s8", ("c", "c"))  # twice in one group: both places
    twice = grouped(grouped(moved, "units", list(moved.items), keys), "units", edited, keys)
    assert twice.groups == naive(edited, keys) and twice.groups["c"].count(edited[8]) == 2
    assert grouped(twice, "other units", edited, keys).places is None, "what keys reads changed"
    assert grouped(twice, "units", edited[:-1], keys).groups == naive(edited[:-1], keys)
    regrouped = grouped(None, "units", edited, keys)
    regrouped.ready()  # after a full build under serve: the places, before the first save asks
    assert regrouped.places is not None
    edited = list(edited)
    edited[5] = Item("s5", edited[5].tags)
    assert grouped(regrouped, "units", edited, keys).groups == naive(edited, keys)


def test_a_page_made_anew_whose_spec_is_equal_keeps_the_spec_object():
    """The card job names again only specs that are not the very objects of the last: a listing
    that shows an edited story is a page made anew, its card's spec equal to the last."""
    for reorder in (False, True):  # patched, and looked at one by one
        last, first = LastPlan(), plan()
        check(last, first)
        before = dict(last.specs[3])
        edited = list(first)
        edited[2] = dataclasses.replace(first[2], context={"shows": "a story retitled"})  # the spec reads no context
        edited[3] = dataclasses.replace(first[3], title="Đã sửa")
        if reorder:
            edited = [page("cau-chuyen/moi/"), *edited]
        assert check(last, edited) == ["cau-chuyen/2/", "cau-chuyen/3/"] or reorder
        specs = last.specs[3]
        assert specs["cau-chuyen/2/"] is before["cau-chuyen/2/"]
        assert specs["cau-chuyen/3/"] is not before["cau-chuyen/3/"]
        assert specs["cau-chuyen/3/"] == ("spec", "cau-chuyen/3/", "Đã sửa")
