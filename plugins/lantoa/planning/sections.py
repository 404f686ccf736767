"""The folders above the item pages, `cau-chuyen/`, `cau-chuyen/2024/`, `tin-tuc/`…, lead to the
archive. A reader who shortens a story's address, or a link written to the year's folder, finds
the year in the archive (`luu-tru/2024/`) instead of the host's 404: a small page that sends the
browser there (`lantoa/redirect.html`: refresh, canonical, noindex), out of the sitemap, search
and share cards, as Hugo's aliases and the mkdocs-redirects plugin make them."""
from __future__ import annotations

from operator import attrgetter

from .planner import Planner

ROLE = "redirect"
SECTIONS = (("cau-chuyen", "Câu chuyện"), ("tin-tuc", "Tin tức"))
_YEARS = attrgetter("year", "date")


def section_pages(p: Planner) -> None:
    """A page at each section and year folder that holds an item page, leading to the archive's
    year (the archive itself for a year it has no page of: a folder's year may not be the date's),
    unless docs/ has a page there. Under serve, the years are remembered while the items are the
    same in their years and dates."""
    found = [p.remembered(f"{section} years", None, items, _YEARS,
                          lambda items=items: ({i.year for i in items}, {i.date.year for i in items}))
             for (section, _), items in zip(SECTIONS, (p.stories, p.news))]
    archived = set().union(*(dated for _, dated in found))
    for (section, label), (years, _) in zip(SECTIONS, found):
        if years:
            _redirect(p, f"{section}/", label, "luu-tru/", "Lưu trữ")
        for year in sorted(years, reverse=True):
            _redirect(p, f"{section}/{year}/", f"{label} năm {year}", *((f"luu-tru/{year}/", f"Lưu trữ năm {year}")
                      if year in archived else ("luu-tru/", "Lưu trữ")))


def _redirect(p: Planner, url: str, title: str, target: str, target_title: str) -> None:
    if url not in p.settings.documents:
        p.add(url=url, role=ROLE, title=title, template="lantoa/redirect.html",
              context=dict(target=target, target_title=target_title))
