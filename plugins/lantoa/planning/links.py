"""The links in published items' bodies checked against the pages planned so far (`body_links`):
every item page, listing, place and tag page, and the hand-written pages (`Settings.documents`)."""
from __future__ import annotations

from operator import attrgetter

from .. import body_links, body_refs
from ..load import item_url, unpublished_reason
from ..model import Campaign, News, Story
from ..plan import src_uri_of
from . import held
from .planner import Planner

_BODY = attrgetter("body")
_URL = attrgetter("url")
_WHAT = {Story: ("story", "bài"), News: ("news", "tin"), Campaign: ("campaign", "phong trào")}
_KIND_WORD = {kind: word for kind, word in _WHAT.values()}


def check_links(p: Planner) -> None:
    """LT046/LT047 for each published item whose body links a page of this site that is not there.
    Under serve, which bodies have links at all is remembered while the items are the same in
    their bodies (most have none; looking into 10,000 is 20 ms): as places in the list, so that an
    item moved to another folder with the same body is read as it is now."""
    items = [*p.stories, *p.news, *p.campaigns.values()]
    linking = p.remembered("bodies with links", None, items, _BODY, lambda: _linking(p, items))
    if not linking:
        return
    site = _site(p)
    for item in map(items.__getitem__, linking):
        src_uri = src_uri_of(_url(item))
        for url, diagnostic in body_links.problems(item, src_uri, site):
            if diagnostic is not None:
                p.corpus.diagnostics.append(diagnostic)
            p.reported_links.add((src_uri, url))  # said in Vietnamese, or a page that is there


def _linking(p: Planner, items: list) -> list[int]:
    """The places in `items` of those whose body links a page. Under serve, a body is looked into
    once (a story in or out made all 10,000 looked into again: 0.065 s)."""
    if p.kept is None:
        return [at for at, item in enumerate(items) if _links_a_page(item.body.text)]
    last = p.kept.swap("links in bodies", None) or {}
    known = {}  # id(body) → (body, whether it links a page): the body is kept, so its id is its own
    for item in items:
        seen = last.get(id(item.body))
        known[id(item.body)] = seen if seen is not None else (item.body, _links_a_page(item.body.text))
    p.kept.swap("links in bodies", known)
    return [at for at, item in enumerate(items) if known[id(item.body)][1]]


def _links_a_page(body: str) -> bool:
    return any(not target.image for target in body_refs.targets(body))


def _url(item) -> str:
    kind = _WHAT[type(item)][0]
    return item_url(kind, item.slug, getattr(item, "year", None))


def _site(p: Planner) -> body_links.Site:
    """The pages links may go to; the items (published or not) only if a link goes to none of them
    (naming the 10,000 stories' pages cost a save 15 ms)."""
    def item_pages() -> dict[str, body_links.Linked]:
        items = {}
        for file in sorted({d.file for d in p.corpus.diagnostics if d.is_error}):  # left out for their errors
            address = held.address_of(file)
            if address is not None:
                items[address[1]] = body_links.Linked(file, _KIND_WORD[address[0]], "đang có lỗi")
        for item in p.corpus.unpublished:
            if type(item) in _WHAT:
                items[_url(item)] = body_links.Linked(item.title, _WHAT[type(item)][1],
                                                      unpublished_reason(item, p.settings.today) or "bản nháp")
        for item in [*p.stories, *p.news, *p.campaigns.values()]:
            items[_url(item)] = body_links.Linked(item.title, _WHAT[type(item)][1])
        return items
    pages = p.remembered("page addresses", p.settings.documents, p.pages, _URL,
                         lambda: frozenset(map(_URL, p.pages)).union(p.settings.documents))
    own, root = body_links.site_addresses(p.settings.site_url)
    return body_links.Site(pages, item_pages, own, root)
