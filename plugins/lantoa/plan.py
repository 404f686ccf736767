"""The site plan: every generated page (url, template, context), derived from the corpus once.

Plain data in, plain data out. The plugin hands these pages to MkDocs as
virtual files kept out of the navigation tree; templates read `lantoa` (the
page's context) and never reach back into the corpus.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections import defaultdict
from typing import Any

from . import insight, text
from .diagnostics import Diagnostic
from .load import item_url
from .model import Campaign, Corpus, News, Photo, Story
from .schema import KIND_LABELS, SUBJECT_KINDS
from .units import Unit


@dataclasses.dataclass(frozen=True)
class Settings:
    site_name: str = "Lan Tỏa"
    union_name: str = "Hội Liên hiệp Phụ nữ"
    page_size: int = 24
    today: dt.date = dt.date(2026, 1, 1)
    related: int = 4
    quota: int = 2  # stories expected per unit per month (statistics)


@dataclasses.dataclass(frozen=True)
class Card:
    """One item as listings show it."""
    url: str
    kind: str  # story | news | campaign
    kind_label: str
    title: str
    subject: str | None
    subject_kind: str | None
    place: str | None
    date: dt.date | None
    summary: str
    cover: Photo | None

    @property
    def date_text(self) -> str:
        return text.format_date(self.date)


@dataclasses.dataclass(frozen=True)
class Link:
    url: str | None  # None when the target has no page
    label: str


@dataclasses.dataclass(frozen=True)
class Pager:
    number: int
    total: int
    urls: tuple[str, ...]  # url of every page of the listing

    @property
    def previous(self) -> str | None:
        return self.urls[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.urls[self.number] if self.number < self.total else None


@dataclasses.dataclass(frozen=True)
class Feed:
    """An RSS feed: the site's, a campaign's or a unit's (so a district union can follow its own)."""
    url: str  # site-relative, e.g. "phong-trao/x/rss.xml"
    title: str
    page_url: str  # the page the feed belongs to
    items: tuple  # Story | News, newest first


@dataclasses.dataclass(frozen=True)
class Page:
    url: str  # "phong-trao/x/" (site-relative, folder style)
    role: str  # home, campaigns, campaign, units, unit, story, news, archive, year, month, tags, tag, names,
    #            problems, search
    title: str
    template: str
    context: dict[str, Any]
    markdown: str = ""  # the body, for story, news and campaign pages
    summary: str = ""
    date: dt.date | None = None
    cover: Photo | None = None
    source: str | None = None  # the index.md it comes from
    feeds: tuple[Feed, ...] = ()

    @property
    def src_uri(self) -> str:
        return (self.url + "index.md") if self.url else "index.md"


@dataclasses.dataclass
class SitePlan:
    pages: list[Page]
    photos: list[tuple[Photo, str]]  # every photo the site shows, with the item file naming it
    attachments: list[tuple[str, Any]]  # (site-relative url, Attachment)
    feeds: list[Feed]
    corpus: Corpus
    data_files: dict[str, bytes]  # site-relative path → bytes (statistics as CSV and JSON)

    def by_url(self) -> dict[str, Page]:
        return {p.url: p for p in self.pages}


def plan_site(corpus: Corpus, settings: Settings) -> SitePlan:
    return _Planner(corpus, settings).run()


class _Planner:
    def __init__(self, corpus: Corpus, settings: Settings):
        self.corpus = corpus
        self.settings = settings
        self.units = corpus.units
        self.campaigns = {k: c for k, c in corpus.campaigns.items() if not c.draft}
        self.stories = [s for s in corpus.stories if not s.draft]
        self.news = [n for n in corpus.news if not n.draft]
        newest_first = lambda items: sorted(items, key=lambda i: (i.date, i.source), reverse=True)  # noqa: E731
        self.stories = newest_first(self.stories)
        self.news = newest_first(self.news)
        self.pages: list[Page] = []
        self.campaign_insights: dict[str, Any] = {}
        self.data_files: dict[str, bytes] = {}
        self.site_feed = Feed("rss.xml", f"{settings.site_name}: bài mới", "",
                              tuple(sorted([*self.stories, *self.news], key=lambda i: (i.date, i.source),
                                           reverse=True)[:50]))
        self.feeds: list[Feed] = [self.site_feed]
        self.unit_pages = self._units_with_pages()
        self.found = insight.index(corpus)
        self.cards: dict[str, Card] = {}

    # ---- links and cards -------------------------------------------------
    def unit_link(self, key: str) -> Link:
        unit = self.units.units.get(key)
        if unit is None:
            return Link(None, key)
        return Link(f"dia-ban/{key}/" if key in self.unit_pages else None, unit.label)

    def campaign_link(self, slug: str) -> Link:
        campaign = self.campaigns.get(slug)
        return Link(item_url("campaign", slug), campaign.title) if campaign else Link(None, slug)

    def place(self, key: str) -> str | None:
        return self.units.full_label(key) if key in self.units else None

    def card(self, item) -> Card:
        """The item's card, made once: the same story shows in many listings."""
        card = self.cards.get(item.source)
        if card is None:
            card = self.cards[item.source] = self._card(item)
        return card

    def _card(self, item) -> Card:
        if isinstance(item, Story):
            return Card(item_url("story", item.slug, item.year), "story", KIND_LABELS["story"], item.title,
                        item.subject, item.subject_kind, self.place(item.unit), item.date, item.summary, item.cover)
        if isinstance(item, News):
            place = ", ".join(self.units[u].label for u in item.units) or None
            return Card(item_url("news", item.slug, item.year), "news", item.kind.capitalize(), item.title,
                        None, None, place, item.date, item.summary, item.cover)
        return Card(item_url("campaign", item.slug), "campaign", item.kind.capitalize(), item.title, None, None,
                    self.place(item.unit) if item.unit else None, item.start, item.summary, item.cover)

    # ---- the whole plan ----------------------------------------------------
    def run(self) -> SitePlan:
        self.story_pages()
        self.news_pages()
        self.campaign_pages()
        self.unit_pages_()
        self.archive_pages()
        self.tag_pages()
        self.names_page()
        self.home_page()
        self.search_page()
        self.stats_page()
        self.problems_page()
        photos = [(p, i.source) for i in [*self.stories, *self.news, *self.campaigns.values()] for p in i.photos]
        attachments = [(item_url("campaign", c.slug) + a.file, a) for c in self.campaigns.values()
                       for a in c.attachments]
        return SitePlan(self.pages, photos, attachments, self.feeds, self.corpus, self.data_files)

    def feed(self, page_url: str, title: str, items: list) -> tuple[Feed, ...]:
        """The page's own feed (newest 50 items) plus the site's."""
        ordered = sorted(items, key=lambda i: (i.date, i.source), reverse=True)[:50]
        own = Feed(page_url + "rss.xml", title, page_url, tuple(ordered))
        self.feeds.append(own)
        return (own, self.site_feed)

    def add(self, **fields) -> None:
        self.pages.append(Page(**fields))

    def listing(self, base_url: str, role: str, title: str, template: str, items: list, context: dict,
                **extra) -> None:
        """Paginated listing: page 1 at base_url, page n at base_url + 'trang-n/'."""
        size = self.settings.page_size
        chunks = [items[i:i + size] for i in range(0, len(items), size)] or [[]]
        urls = tuple(base_url if n == 1 else f"{base_url}trang-{n}/" for n in range(1, len(chunks) + 1))
        for number, chunk in enumerate(chunks, 1):
            page_title = title if number == 1 else f"{title} (trang {number})"
            ctx = dict(context, cards=[self.card(i) for i in chunk], pager=Pager(number, len(chunks), urls),
                       total=len(items))
            self.add(url=urls[number - 1], role=role, title=page_title, template=template, context=ctx,
                     **(extra if number == 1 else {}))

    # ---- items ---------------------------------------------------------------
    def _related(self) -> dict[str, list]:
        """Up to N neighbours by date in the same place, then the same campaign: O(N), no pairwise scan."""
        groups: dict[tuple, list[Story]] = defaultdict(list)
        for story in self.stories:
            groups[("unit", story.unit)].append(story)
            for slug in story.campaigns:
                groups[("campaign", slug)].append(story)
        position = {key: {s.source: i for i, s in enumerate(members)} for key, members in groups.items()}
        related = {}
        for story in self.stories:
            chosen: dict[str, Story] = {}
            for key in [("unit", story.unit), *(("campaign", c) for c in story.campaigns)]:
                members, here = groups[key], position[key][story.source]
                for offset in (1, -1, 2, -2, 3, -3):
                    j = here + offset
                    if 0 <= j < len(members) and members[j].source != story.source:
                        chosen.setdefault(members[j].source, members[j])
                    if len(chosen) >= self.settings.related:
                        break
            related[story.source] = [self.card(s) for s in list(chosen.values())[:self.settings.related]]
        return related

    def story_pages(self) -> None:
        related = self._related()
        for story in self.stories:
            criteria = self._criteria_names(story)
            self.add(url=item_url("story", story.slug, story.year), role="story", title=story.title,
                     template="lantoa/story.html", markdown=story.body, summary=story.summary, date=story.date,
                     cover=story.cover, source=story.source,
                     context=dict(item=story, date_text=text.format_date(story.date),
                                  unit=self.unit_link(story.unit), place=self.place(story.unit),
                                  unit_as_written=story.unit_as_written,
                                  campaigns=[self.campaign_link(c) for c in story.campaigns],
                                  criteria=criteria, related=related[story.source],
                                  tags=[Link(f"the/{text.slugify(t)}/", t) for t in story.tags]))

    def _criteria_names(self, story: Story) -> list[str]:
        names = []
        for slug, cid in story.criteria:
            campaign = self.corpus.campaigns.get(slug)
            for criterion in campaign.criteria if campaign else ():
                if criterion.id == cid and criterion.name not in names:
                    names.append(criterion.name)
        return names

    def news_pages(self) -> None:
        for news in self.news:
            self.add(url=item_url("news", news.slug, news.year), role="news", title=news.title,
                     template="lantoa/news.html", markdown=news.body, summary=news.summary, date=news.date,
                     cover=news.cover, source=news.source,
                     context=dict(item=news, date_text=text.format_date(news.date),
                                  units=[self.unit_link(u) for u in news.units],
                                  campaigns=[self.campaign_link(c) for c in news.campaigns],
                                  tags=[Link(f"the/{text.slugify(t)}/", t) for t in news.tags]))

    # ---- campaigns -------------------------------------------------------------
    def campaign_pages(self) -> None:
        stories_of: dict[str, list[Story]] = defaultdict(list)
        news_of: dict[str, list[News]] = defaultdict(list)
        for story in self.stories:
            for slug in story.campaigns:
                stories_of[slug].append(story)
        for news in self.news:
            for slug in news.campaigns:
                news_of[slug].append(news)
        children: dict[str, list[Campaign]] = defaultdict(list)
        for campaign in self.campaigns.values():
            if campaign.parent in self.campaigns:
                children[campaign.parent].append(campaign)
        today = self.settings.today
        ordered = sorted(self.campaigns.values(), key=lambda c: (c.start or dt.date.min, c.slug), reverse=True)
        groups = [(status, [self.card(c) for c in ordered if c.status(today) == status])
                  for status in ("đang diễn ra", "sắp diễn ra", "đã kết thúc")]
        self.add(url="phong-trao/", role="campaigns", title="Phong trào thi đua, cuộc vận động",
                 template="lantoa/campaigns.html",
                 context=dict(groups=[g for g in groups if g[1]],
                              statuses={c.slug: c.status(today) for c in self.campaigns.values()}))
        for campaign in self.campaigns.values():
            stories = stories_of[campaign.slug]
            self.listing(item_url("campaign", campaign.slug), "campaign", campaign.title, "lantoa/campaign.html",
                         stories, self._campaign_context(campaign, stories, news_of[campaign.slug],
                                                         children[campaign.slug]),
                         markdown=campaign.body, summary=campaign.summary, date=campaign.date,
                         cover=campaign.cover, source=campaign.source,
                         feeds=self.feed(item_url("campaign", campaign.slug), f"Phong trào: {campaign.title}",
                                         [*stories, *news_of[campaign.slug]]))

    def _campaign_context(self, campaign: Campaign, stories: list[Story], news: list[News], children) -> dict:
        today = self.settings.today
        figures = insight.campaign_insight(self.corpus, campaign.slug, today, self.settings.quota, self.found)
        self.campaign_insights[campaign.slug] = figures
        per_criterion = defaultdict(int)
        for story in stories:
            for slug, cid in story.criteria:
                if slug == campaign.slug:
                    per_criterion[cid] += 1
        return dict(
            item=campaign, status=campaign.status(today), nomination_open=campaign.nomination_open(today),
            dates={k: text.format_date(getattr(campaign, k)) for k in
                   ("issued", "start", "end", "nomination_start", "nomination_end")},
            unit=self.unit_link(campaign.unit) if campaign.unit else None,
            parent=self.campaign_link(campaign.parent) if campaign.parent else None,
            children=[self.campaign_link(c.slug) for c in sorted(children, key=lambda c: text.sort_key(c.title))],
            criteria=[(c, per_criterion[c.id]) for c in campaign.criteria],
            attachments=[(item_url("campaign", campaign.slug) + a.file, a) for a in campaign.attachments],
            news=[self.card(n) for n in news],
            insight=figures,
            per_kind={k: sum(1 for s in stories if s.subject_kind == k) for k in SUBJECT_KINDS},
        )

    def _unit_order(self, key: str) -> tuple:
        unit = self.units.units.get(key)
        return (text.sort_key(unit.name), text.sort_key(unit.label), key) if unit else ((), (), key)

    # ---- places ----------------------------------------------------------------
    def _units_with_pages(self) -> set[str]:
        keys = {u.key for u in self.units.units.values() if u.is_district}
        for story in self.stories:
            keys.add(story.unit)
        for news in self.news:
            keys.update(news.units)
        return {k for k in keys if k in self.units}

    def _descendants(self, key: str) -> list[str]:
        out, stack = [], [key]
        while stack:
            current = stack.pop()
            out.append(current)
            stack.extend(self.units.children.get(current, ()))
        return out

    def unit_pages_(self) -> None:
        stories_at: dict[str, list[Story]] = defaultdict(list)
        news_at: dict[str, list[News]] = defaultdict(list)
        for story in self.stories:
            stories_at[story.unit].append(story)
        for news in self.news:
            for key in news.units:
                news_at[key].append(news)
        totals = {}
        for key in sorted(self.unit_pages):
            unit = self.units[key]
            keys = self._descendants(key) if unit.is_district else [key]
            stories = sorted((s for k in keys for s in stories_at[k]), key=lambda s: (s.date, s.source),
                             reverse=True)
            news = sorted({n.source: n for k in keys for n in news_at[k]}.values(),
                          key=lambda n: (n.date, n.source), reverse=True)
            totals[key] = len(stories)
            title = unit.label[:1].upper() + unit.label[1:]
            self.listing(f"dia-ban/{key}/", "unit", title, "lantoa/unit.html", stories,
                         self._unit_context(unit, stories, news),
                         feeds=self.feed(f"dia-ban/{key}/", f"Địa bàn: {title}", [*stories, *news]))
        self._units_index(totals)

    def _unit_context(self, unit: Unit, stories: list[Story], news: list[News]) -> dict:
        communes = [self.unit_link(k) for k in sorted(self.units.children.get(unit.key, ()),
                                                      key=self._unit_order) if k in self.unit_pages]
        return dict(
            unit=unit, parent=self.unit_link(unit.parent) if unit.parent and unit.parent in self.unit_pages else None,
            valid_from=text.format_date(unit.valid_from), valid_to=text.format_date(unit.valid_to),
            successors=[self.unit_link(k) for k in unit.successors],
            successor_since=text.format_date(unit.valid_to + dt.timedelta(days=1)) if unit.valid_to else "",
            predecessors=[self.unit_link(k) for k in sorted(self.units.predecessors.get(unit.key, ()))],
            communes=communes, aliases=list(unit.aliases),
            news=[self.card(n) for n in news[:10]],
            insight=insight.unit_insight(self.corpus, unit.key, self.settings.today, self.settings.quota, self.found),
        )

    def _units_index(self, totals: dict[str, int]) -> None:
        districts = sorted((self.units[k] for k in self.unit_pages if self.units[k].is_district),
                           key=lambda u: self._unit_order(u.key))
        newer = sorted((self.units[k] for k in self.unit_pages
                        if not self.units[k].is_district and self.units.district_of(k) is None),
                       key=lambda u: self._unit_order(u.key))
        rows = [dict(link=self.unit_link(u.key), total=totals.get(u.key, 0), abolished=u.abolished,
                     communes=[(self.unit_link(c), totals.get(c, 0))
                               for c in sorted(self.units.children.get(u.key, ()), key=self._unit_order)
                               if c in self.unit_pages]) for u in districts]
        self.add(url="dia-ban/", role="units", title="Địa bàn", template="lantoa/units.html",
                 context=dict(districts=rows, communes=[(self.unit_link(u.key), totals.get(u.key, 0)) for u in newer]))

    # ---- archive, tags, names ---------------------------------------------------
    def archive_pages(self) -> None:
        items = sorted([*self.stories, *self.news], key=lambda i: (i.date, i.source), reverse=True)
        by_year: dict[int, list] = defaultdict(list)
        for item in items:
            by_year[item.date.year].append(item)
        years = []
        for year in sorted(by_year, reverse=True):
            by_month: dict[int, list] = defaultdict(list)
            for item in by_year[year]:
                by_month[item.date.month].append(item)
            months = [(m, f"luu-tru/{year}/{m:02d}/", len(by_month[m])) for m in sorted(by_month)]
            years.append((year, f"luu-tru/{year}/", len(by_year[year]), months))
            self.listing(f"luu-tru/{year}/", "year", f"Lưu trữ năm {year}", "lantoa/listing.html", by_year[year],
                         dict(months=months))
            for month, url, _ in months:
                self.listing(url, "month", f"Tháng {month}/{year}", "lantoa/listing.html", by_month[month],
                             dict(parent=Link(f"luu-tru/{year}/", f"Năm {year}")))
        self.add(url="luu-tru/", role="archive", title="Lưu trữ", template="lantoa/archive.html",
                 context=dict(years=years))

    def tag_pages(self) -> None:
        tagged: dict[str, list] = defaultdict(list)
        names: dict[str, str] = {}
        for item in [*self.stories, *self.news]:
            for tag in item.tags:
                slug = text.slugify(tag)
                names.setdefault(slug, tag)
                tagged[slug].append(item)
        for slug, items in tagged.items():
            items.sort(key=lambda i: (i.date, i.source), reverse=True)
            self.listing(f"the/{slug}/", "tag", f"Thẻ: {names[slug]}", "lantoa/listing.html", items,
                         dict(parent=Link("the/", "Tất cả thẻ")))
        ordered = sorted(tagged, key=lambda s: text.sort_key(names[s]))
        self.add(url="the/", role="tags", title="Thẻ", template="lantoa/tags.html",
                 context=dict(tags=[(Link(f"the/{s}/", names[s]), len(tagged[s])) for s in ordered]))

    def names_page(self) -> None:
        """Everyone celebrated, A–Z by given name, as Vietnamese lists are ordered."""
        ordered = sorted(self.stories, key=lambda s: (text.name_sort_key(s.subject), s.source))
        groups: dict[str, list] = {}
        for story in ordered:
            given = story.subject.split()[-1] if story.subject.split() else "?"
            letter = _initial(given)
            groups.setdefault(letter, []).append(self.card(story))
        self.add(url="nhan-vat/", role="names", title="Gương điển hình theo tên", template="lantoa/names.html",
                 context=dict(groups=list(groups.items())))

    # ---- home, search, problems -------------------------------------------------
    def home_page(self) -> None:
        today = self.settings.today
        running = sorted((c for c in self.campaigns.values() if c.status(today) == "đang diễn ra"),
                         key=lambda c: (c.start or dt.date.min, c.slug), reverse=True)
        self.add(url="", role="home", title=self.settings.site_name, template="lantoa/home.html",
                 summary=f"Gương điển hình, phong trào thi đua và tin hoạt động của {self.settings.union_name}.",
                 feeds=(self.site_feed,),
                 context=dict(featured=[self.card(s) for s in self.stories if s.featured][:6],
                              running=[self.card(c) for c in running],
                              statuses={c.slug: c.status(today) for c in self.campaigns.values()},
                              latest=[self.card(s) for s in self.stories[:12]],
                              news=[self.card(n) for n in self.news[:6]],
                              totals=dict(stories=len(self.stories), news=len(self.news),
                                          campaigns=len(self.campaigns),
                                          units=len({s.unit for s in self.stories}))))

    def stats_page(self) -> None:
        stats = insight.statistics(self.corpus, self.settings.today, self.settings.quota, self.found)
        self.add(url="thong-ke/", role="stats", title="Thống kê", template="lantoa/stats.html",
                 summary="Gương điển hình theo địa bàn và tháng, theo phong trào, tiêu chí và nhóm đặc thù.",
                 context=dict(stats=stats))
        self.data_files = insight.data_files(stats, self.campaign_insights)

    def search_page(self) -> None:
        self.add(url="tim-kiem/", role="search", title="Tìm kiếm", template="lantoa/search.html", context={})

    def problems_page(self) -> None:
        diagnostics: list[Diagnostic] = self.corpus.diagnostics
        if not diagnostics:
            return
        by_file: dict[str, list[Diagnostic]] = defaultdict(list)
        for d in sorted(diagnostics, key=lambda d: (d.file, d.line or 0, d.code)):
            by_file[d.file].append(d)
        self.add(url="loi-noi-dung/", role="problems", title="Lỗi nội dung", template="lantoa/problems.html",
                 context=dict(files=list(by_file.items()),
                              errors=sum(d.is_error for d in diagnostics),
                              warnings=sum(not d.is_error for d in diagnostics)))


@functools.lru_cache(maxsize=4096)
def _initial(word: str) -> str:
    letter = text.nfc(word)[:1].upper()
    base = text.fold(letter).upper()
    # Vietnamese letters of their own keep their mark (Ă, Â, Đ, Ê, Ô, Ơ, Ư); tones are dropped.
    for keep in "ĂÂĐÊÔƠƯ":
        if text.fold(keep).upper() == base and _letter_mark(letter) == keep:
            return keep
    return base


def _letter_mark(letter: str) -> str:
    for ch in "ĂÂĐÊÔƠƯ":
        if text.sort_key(letter)[0] == text.sort_key(ch)[0]:
            return ch
    return ""
