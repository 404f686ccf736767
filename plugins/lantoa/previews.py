"""What each page previews as when its link is shared, and the date it last changed.

Every kind of page has its own title, description and card: a place says what it is, its
period and what succeeded it, and how many stories it has (so the old and the new unit of one
name are told apart); listings say what they list; generic titles carry the site's name. Plain
data in, plain data out: `build.Build` asks here for the card specs, the Open Graph values and
the sitemap's dates, and the plan (`planning/places.py`) for places' titles and descriptions.
"""
from __future__ import annotations

import datetime as dt
import functools
from typing import Any, Iterable

from . import text
from .cards.model import CardSpec
from .plan import UNLISTED, Page, Settings
from .social import describe

__all__ = ["place_title", "place_summary", "place_details", "og_title", "card_key", "card_spec",
           "has_card", "changed", "newest_change", "lastmod", "GUIDE_URL", "doc_description", "announced_feeds"]

GUIDE_URL = "huong-dan/"  # the staff guide: its pages share one card of their own
NO_CARD = UNLISTED
OWN_TITLE = ("home", "story", "news", "campaign", "unit")  # titles that name the page without the site
KICKERS = {"campaigns": "Phong trào", "units": "Địa bàn", "archive": "Lưu trữ", "year": "Lưu trữ",
           "month": "Lưu trữ", "tags": "Thẻ", "tag": "Thẻ", "names": "Gương điển hình",
           "search": "Tìm kiếm", "stats": "Thống kê", "unit": "Địa bàn"}


def _capital(value: str) -> str:
    return value[:1].upper() + value[1:]


# ---------------------------------------------------------------- places

def place_title(unit) -> str:
    """"Huyện Văn Quan (đến 30/6/2025)", "Phường Tam Thanh (từ 1/7/2025)", "Huyện Lộc Bình": the
    period tells apart the old and the new unit of one name."""
    label = _capital(unit.label)
    if unit.valid_to:
        return f"{label} (đến {text.format_date(unit.valid_to)})"
    if unit.valid_from:
        return f"{label} (từ {text.format_date(unit.valid_from)})"
    return label


def _period(unit, units) -> str:
    if unit.valid_to:
        successors = [units[k].label for k in unit.successors if k in units]
        return f"đến {text.format_date(unit.valid_to)}" + (f", nay thuộc {', '.join(successors)}" if successors else "")
    if unit.valid_from:
        return f"từ {text.format_date(unit.valid_from)}"
    return ""


def _counts(stories: int, news: int) -> str:
    parts = ([f"{stories} gương điển hình"] if stories else []) + ([f"{news} tin"] if news else [])
    return ", ".join(parts) or "chưa có bài"


def place_summary(unit, units, stories: int, news: int, union_name: str) -> str:
    """"Huyện Văn Quan · đến 30/6/2025, nay thuộc xã Văn Quan, … · 5 gương điển hình, 2 tin của
    Hội …": what a place page says when shared."""
    where = _capital(units.full_label(unit.key)) if unit.key in units else _capital(unit.label)
    parts = [where, _period(unit, units), f"{_counts(stories, news)} của {union_name}"]
    return " · ".join(p for p in parts if p)


def place_details(unit, units, stories: int, news: int) -> tuple[str, ...]:
    """A place card's lines under its name: its period, what succeeded it, and its stories."""
    lines = []
    if unit.valid_to:
        lines.append(f"Đến {text.format_date(unit.valid_to)}")
        successors = [units[k].label for k in unit.successors if k in units]
        if successors:
            lines.append(f"Nay thuộc {', '.join(successors)}")
    elif unit.valid_from:
        lines.append(f"Từ {text.format_date(unit.valid_from)}")
    return (*lines, _capital(_counts(stories, news)))


# ---------------------------------------------------------------- titles and descriptions

def og_title(page: Page | None, title: str, site_name: str) -> str:
    """The title a shared link shows: a place with its period; a generic page with the site's name."""
    if page is not None and page.role == "unit" and page.context.get("unit") is not None:
        own = place_title(page.context["unit"])
        number = page.context["pager"].number if "pager" in page.context else 1
        return own if number == 1 else f"{own} (trang {number})"
    if page is not None and page.role in OWN_TITLE:
        return title
    return title if site_name in title else f"{title} · {site_name}"


def doc_description(url: str, title: str, site_name: str, site_description: str) -> str:
    """A page of docs/ (not planned): the guide's pages say what they are; others the site's."""
    if url.startswith(GUIDE_URL):
        return f"{title}: hướng dẫn cán bộ Hội viết bài cho trang {site_name}."
    return site_description


def announced_feeds(page: Page | None, by_page: dict[str, Any]) -> list:
    """The feeds a page announces (`by_page`: the plan's feeds by the URL of their page): its own
    (a campaign's, a place's), a story's or news item's campaigns' and places', and the site's."""
    own = list(page.feeds) if page else []
    if page is not None and page.role in ("story", "news"):
        links = [*page.context.get("campaigns", ()), page.context.get("unit"), *page.context.get("units", ())]
        own += [by_page[link.url] for link in links if link and link.url in by_page]
    site = [by_page[""]] if "" in by_page else []
    return list({feed.url: feed for feed in [*own, *site]}.values())


# ---------------------------------------------------------------- cards

def has_card(page: Page) -> bool:
    """Every page has a card but the problems and held pages; later pages of a listing use the first's."""
    first = "pager" not in page.context or page.context["pager"].number == 1
    return page.role not in NO_CARD and first


def card_key(page: Page | None, url: str = "") -> str:
    """The key of the card a page shows (`build.Build.card_job`): its own URL, its listing's first
    page, the guide's for the guide, the home page's for other docs."""
    if page is None:
        return GUIDE_URL if url.startswith(GUIDE_URL) else ""
    if "pager" in page.context and page.context["pager"].number > 1:
        return page.context["pager"].urls[0]
    return page.url


COMMON_NAMES = ("Việt Nam", "Hội LHPN", "Hội Liên hiệp Phụ nữ", "Hội Phụ nữ")  # kept whole in every title


def keep_phrases(title: str, phrases: Iterable[str], more: Iterable[str] = ()) -> tuple[str, ...]:
    """Those of `phrases` and `more` (names of people, places, campaigns) and of COMMON_NAMES that
    the title holds: the card keeps each on one line when it fits."""
    return _kept_in(title, phrases if isinstance(phrases, tuple) else tuple(phrases), tuple(more))


# Serve asks again for every card on every save (10,000 titles × 300 place names). `phrases` is
# the same tuple of place names on every call: the cache holds a reference to it, not a copy.
@functools.lru_cache(maxsize=65536)
def _kept_in(title: str, phrases: tuple[str, ...], more: tuple[str, ...]) -> tuple[str, ...]:
    folded = text.nfc(title).casefold()
    return tuple(sorted({p for p in [*phrases, *more, *COMMON_NAMES] if (key := _phrase_key(p)) and key in folded}))


@functools.lru_cache(maxsize=4096)
def _phrase_key(phrase: str) -> str:
    """The phrase as titles are compared with it; '' for one that is never kept (one word)."""
    return text.nfc(phrase).casefold() if phrase and " " in phrase.strip() else ""


def card_spec(page: Page, settings: Settings, units, photo, photo_id, names: tuple[str, ...] = ()) -> CardSpec:
    """What the card of `page` shows. `names`: every place's name (units.yml), kept whole in titles."""
    item = page.context.get("item")
    union = settings.union_name
    if page.role in ("story", "news", "campaign"):
        campaigns = [c.label for c in page.context.get("campaigns") or ()]
        if page.role == "story":
            kicker = campaigns[0] if campaigns else "Gương điển hình"
            place = page.context["place"]
        elif page.role == "news":
            kicker = item.kind.capitalize()
            place = ", ".join(u.label for u in page.context["units"]) or None
        else:
            kicker = item.kind.capitalize()
            place = units.full_label(item.unit) if item.unit in units else None
        keep = keep_phrases(page.title, names, (*campaigns, getattr(item, "subject", "")))
        return CardSpec(page.title, kicker, place, union, photo, photo_id=photo_id, keep=keep)
    if page.role == "unit":
        unit = page.context["unit"]
        details = place_details(unit, units, page.context.get("total", 0), page.context.get("news_total", 0))
        district = units.district_of(unit.key) if unit.key in units else None
        above = district if district and district.key != unit.key else units.units.get(unit.parent or "")
        return CardSpec(_capital(unit.label), "Địa bàn", _capital(above.label) if above else None, union,
                        keep=(_capital(unit.label),), details=details)
    if page.role == "home":
        # "Lan tỏa gương sáng — Hội LHPN tỉnh …": the union's name is the card's last line already.
        name = settings.site_name.split(" — ")[0]
        return CardSpec(name, "Trang chủ", None, union, keep=(name,),
                        details=("Gương điển hình, phong trào thi đua", "và tin hoạt động"))
    return CardSpec(page.title, KICKERS.get(page.role, settings.site_name), None, union,
                    keep=keep_phrases(page.title, names), details=_listing_details(page))


def _listing_details(page: Page) -> tuple[str, ...]:
    """What a listing's card says under its title: how much it lists, or what it offers."""
    context = page.context
    if page.role in ("year", "month", "tag"):
        return (f"{context['total']} câu chuyện và tin",)
    if page.role == "archive":
        return (f"{sum(year[2] for year in context['years'])} câu chuyện và tin, {len(context['years'])} năm",)
    if page.role == "tags":
        return (f"{len(context['tags'])} thẻ",)
    if page.role == "campaigns":
        return tuple(f"{len(cards)} {status}" for status, cards in context["groups"])
    if page.role == "units":
        return (f"{len(context['districts'])} huyện, thành phố", f"{len(context['communes'])} xã, phường mới")
    if page.role == "names":
        return (f"{sum(len(cards) for _, cards in context['groups'])} gương điển hình, xếp theo tên",)
    if page.role == "search":
        return ("Theo tên người, địa bàn, phong trào", "Gõ có dấu hay không dấu đều được")
    if page.role == "stats":
        return ("Theo địa bàn và tháng, phong trào,", "tiêu chí và nhóm đặc thù")
    return ()


def guide_card(settings: Settings) -> CardSpec:
    return CardSpec("Hướng dẫn viết bài", "Dành cho cán bộ Hội", None, settings.union_name,
                    details=("Các trường khai báo", "Mã lỗi và cách sửa"))


# ---------------------------------------------------------------- dates

def changed(item) -> dt.date | None:
    """The day an item last changed: `updated` when given, else its date (a campaign's record date)."""
    return getattr(item, "updated", None) or getattr(item, "date", None)


def newest_change(items: Iterable[Any]) -> dt.date | None:
    return max(filter(None, (changed(i) for i in items)), default=None)


def lastmod(page: Page | None, newest: dt.date | None) -> dt.date | None:
    """The sitemap date of a page, from content: an item's change; a listing's newest change among
    what it lists (a campaign's the newest of its record and its stories); any other page's the
    site's newest change (`newest`). Never the build's date."""
    if page is None:
        return newest
    item = page.context.get("item")
    if page.role in ("story", "news"):
        return changed(item)
    listed = page.context.get("modified")
    if page.role == "campaign":
        return max(filter(None, (listed, changed(item))), default=newest)
    if "pager" in page.context:
        return listed or newest
    return newest
