"""One build of a Lan Tỏa site, as plain steps the MkDocs adapter calls in order.

load() → plan → prepare_media() (photos and cards, before pages are read; cards are drawn in a
process pool) → MkDocs turns every page's Markdown into HTML (collect_text) → texts_collected()
(a build's search index is made in its own process from here) → templates render → finish()
(publish photos, cards, feeds, sitemap; wait for the index). Nothing here knows MkDocs: the
engine adapter (`lantoa.engine`) calls these steps.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import multiprocessing
import multiprocessing.forkserver
import os
import sys
import time
from pathlib import Path
from typing import Any, Sequence

import markupsafe
import nh3

from . import diagnostics as diag
from . import lifeline
from . import photos as photo_pipeline
from . import sitesize, text
from .cards.job import CardJob
from .cards.model import HEIGHT as CARD_HEIGHT, WIDTH as CARD_WIDTH, CardSpec
from .feeds import Enclosure, FeedEntry, FeedSpec, feed_bytes
from .load import item_url, load_corpus
from .model import Campaign, News, Story
from .plan import Page, Settings, SitePlan
from .planning.site import plan_site
from .search import INDEX_URL, Facets, SearchDoc, TextCounts, build_index, page_text
from .search.job import IndexJob
from .sitemap import write_sitemap
from .audit import build_date, held_back_line, settings_problems  # noqa: F401  (build_date: the engine's)
from .social import FeedLink, SocialImage, SocialMeta, absolute, describe

CARDS_URL = "the-chia-se"
SLOT = "\x00lantoa-slot\x00"  # in a fragment, where each page's own text goes (Build.fragment)
ARTICLE_ROLES = ("story", "news")

_ALLOWED_TAGS = nh3.ALLOWED_TAGS | {"figure", "figcaption", "picture", "source", "mark", "details", "summary",
                                     "span", "div", "sup", "sub", "table", "thead", "tbody", "tr", "th", "td"}
_ALLOWED_ATTRIBUTES = {"*": {"id", "class", "title", "lang"}, "a": {"href"}, "img": {"src", "alt", "width", "height",
                       "loading", "decoding"}, "source": {"srcset", "type", "sizes"}, "th": {"align"},
                       "td": {"align"}}


# What the worker processes run: imported once, by the server they are forked from.
WORKER_MODULES = ("lantoa.photos.render", "lantoa.cards.job", "lantoa.search.job")


def start_worker_server(first: Sequence[str] = (), then: Sequence[str] = ()) -> None:
    """Start the server that photo, card, search and body workers are forked from (forkserver,
    not fork: `mkdocs serve` runs threads, and forking them can deadlock), with their modules
    (and the engine's: `first` before them, `then` after) imported, while this process reads
    the stories: the workers are ready when the plan is."""
    lifeline.announce()  # workers end when this process dies (a killed build)
    multiprocessing.get_context("forkserver").set_forkserver_preload([*first, *WORKER_MODULES, *then])
    multiprocessing.forkserver.ensure_running()


def sanitize(html: str) -> str:
    """Keep the Markdown body's structure, drop scripts, event handlers and javascript: URLs."""
    return nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES, link_rel=None,
                     url_schemes={"http", "https", "mailto", "tel"})


@dataclasses.dataclass
class Kept:
    """What `mkdocs serve` keeps from one rebuild to the next (the plugin holds it)."""
    reads: dict = dataclasses.field(default_factory=dict)  # parsed story files, for load_corpus
    feeds: dict[str, tuple[Any, bytes]] = dataclasses.field(default_factory=dict)  # url → (inputs, XML)
    search_counts: TextCounts = dataclasses.field(default_factory=TextCounts)  # tokenised texts
    index_files: dict[str, bytes] = dataclasses.field(default_factory=dict)  # search file → digest written
    placed: dict[Path, bytes] = dataclasses.field(default_factory=dict)  # data file or feed → digest written


@dataclasses.dataclass
class Build:
    root: Path
    stories_dir: str
    settings: Settings
    options: dict[str, Any]
    site_url: str = ""
    site_description: str = ""
    plan: SitePlan | None = None
    photos: dict[Path, photo_pipeline.ProcessedPhoto] = dataclasses.field(default_factory=dict)
    texts: dict[str, str] = dataclasses.field(default_factory=dict)
    cards: dict[str, Any] = dataclasses.field(default_factory=dict)  # page url → cards.Card
    card_job: Any = None  # cards.CardJob, from prepare_media() to finish()
    index_job: IndexJob | None = None  # builds (not serve): the search index, from prepare_media() to finish()
    sitemap: dict[str, Any] = dataclasses.field(default_factory=dict)  # absolute url → date
    kept: "Kept | None" = None  # under `mkdocs serve`: what the previous rebuilds worked out
    _pages: dict[str, Page] = dataclasses.field(default_factory=dict)
    _fragments: dict[tuple, str] = dataclasses.field(default_factory=dict)
    _filling_slot: bool = False
    left_in_place: list[Path] = dataclasses.field(default_factory=list)  # see published_files()

    # ---- before rendering -------------------------------------------------------
    def load(self) -> list[diag.Diagnostic]:
        started = time.perf_counter()
        corpus = load_corpus(self.root, self.stories_dir, self.kept.reads if self.kept else None,
                             today=self.settings.today, publish_future=bool(self.options.get("publish_future")))
        self.plan = plan_site(corpus, self.settings)
        self._pages = {p.src_uri: p for p in self.plan.pages}
        self.load_seconds = time.perf_counter() - started
        corpus.diagnostics += settings_problems(self.site_url, self.options)
        return diag.sort(corpus.diagnostics)

    def held_back(self) -> str | None:
        """One line for the build's summary: the stories and news held back until their date."""
        return held_back_line(self.plan.corpus, self.settings.today) if self.plan else None

    @property
    def diagnostics(self) -> list[diag.Diagnostic]:
        return self.plan.corpus.diagnostics if self.plan else []

    def photo_options(self) -> photo_pipeline.PhotoOptions:
        cache = Path(self.options["cache_dir"])
        formats = tuple(self.options.get("photo_formats") or photo_pipeline.PhotoOptions.formats)
        return photo_pipeline.PhotoOptions(widths=tuple(self.options["photo_widths"]), formats=formats,
                                           max_pixels=self.options["photo_max_pixels"],
                                           cache_dir=cache if cache.is_absolute() else self.root / cache)

    def prepare_media(self, site_dir: Path) -> list[diag.Diagnostic]:
        if self.kept is None:  # a build: the search index is made in its own process meanwhile
            self.index_job = IndexJob()
        requests = [photo_pipeline.PhotoRequest(photo.path, item_file, photo.line)
                    for photo, item_file in self.plan.photos]
        self.photos, problems = photo_pipeline.process(requests, self.photo_options())
        self.plan.corpus.diagnostics.extend(problems)
        specs = {p.url: self.card_spec(p) for p in self.plan.pages if self._has_card(p)}
        # Cards are drawn in the background while MkDocs renders; finish() collects them.
        # Without site_url no page links a card, so none is drawn.
        self.card_job = CardJob(specs if self.site_url else {}, self.photo_options().cache_dir / "cards",
                                site_dir / CARDS_URL, url_prefix=CARDS_URL)
        return diag.sort(problems)

    @staticmethod
    def _has_card(page: Page) -> bool:
        first = "pager" not in page.context or page.context["pager"].number == 1
        return page.role in ("story", "news", "campaign", "unit", "home") and first

    def card_spec(self, page: Page) -> CardSpec:
        item = page.context.get("item")
        units = self.plan.corpus.units
        photo = page.cover.path if page.cover and page.cover.path in self.photos else None
        # The renditions' names already carry a digest of the photo: no need to read it again.
        photo_id = "|".join(r.url for r in self.photos[photo].renditions) if photo else None
        if page.role == "story":
            campaigns = page.context["campaigns"]
            kicker = campaigns[0].label if campaigns else "Gương điển hình"
            return CardSpec(page.title, kicker, page.context["place"], self.settings.union_name, photo,
                            photo_id=photo_id)
        if page.role == "news":
            place = ", ".join(u.label for u in page.context["units"]) or None
            return CardSpec(page.title, item.kind.capitalize(), place, self.settings.union_name, photo,
                            photo_id=photo_id)
        if page.role == "campaign":
            place = units.full_label(item.unit) if item.unit in units else None
            return CardSpec(page.title, item.kind.capitalize(), place, self.settings.union_name, photo,
                            photo_id=photo_id)
        if page.role == "unit":
            return CardSpec(page.title, "Địa bàn", None, self.settings.union_name, None)
        return CardSpec(self.settings.site_name, "Lan tỏa gương sáng", None, self.settings.union_name, None)

    @property
    def serving(self) -> bool:
        """Under `mkdocs serve` (the plugin hands over what it keeps between rebuilds)."""
        return self.kept is not None

    def page(self, src_uri: str) -> Page | None:
        return self._pages.get(src_uri)

    def description(self, page: Page) -> str:
        return describe(page.summary)

    def page_inputs(self, page: Page) -> tuple:
        """What a page's HTML depends on besides its plan and `digest_parts()`: its card."""
        return self.card_job.url(page.url), self.card_job.url("")

    def digest_parts(self) -> list:
        """Build-wide inputs of every page, as plain values (for `plugin.site_digest`, then `reuse.digest_of`)."""
        return [self.settings, sorted(self.options.items()), self.site_url, self.site_description,
                self.serving, len(self.diagnostics), sorted({d.code for d in self.diagnostics})]

    # ---- while rendering ------------------------------------------------------
    def keep_text(self, src_uri: str, text: str | None) -> None:
        """The search text of a page reused from the previous rebuild."""
        if text is not None:
            self.texts[src_uri] = text

    def collect_text(self, src_uri: str, html: str) -> None:
        page = self._pages.get(src_uri)
        if page is not None and page.role in ("story", "news", "campaign") and page.markdown:
            if self.index_job is not None:
                self.index_job.add_html(page.url, html)  # its text is taken in the index process
            else:
                self.texts[src_uri] = page_text(html)

    def social(self, planned: Page | None, url: str, title: str) -> SocialMeta | None:
        if not self.site_url:
            return None
        card_url = self.card_job.url(planned.url if planned else "") or self.card_job.url("")
        image = SocialImage(absolute(self.site_url, card_url), CARD_WIDTH, CARD_HEIGHT,
                            f"{title} — {self.settings.union_name}") if card_url else None
        item = planned.context.get("item") if planned else None
        article = planned is not None and planned.role in ARTICLE_ROLES
        campaigns = planned.context.get("campaigns") if planned else None
        return SocialMeta(
            title=title, url=absolute(self.site_url, url), site_name=self.settings.site_name,
            description=describe(planned.summary) if planned and planned.summary else self.site_description,
            type="article" if article else "website", image=image,
            published_time=planned.date if article else None,
            section=campaigns[0].label if article and campaigns else None,
            tags=tuple(item.tags) if article else (),
            feeds=tuple(FeedLink(f.title, absolute(self.site_url, f.url)) for f in planned.feeds) if planned else ())

    def list_in_sitemap(self, planned: Page | None, page_url: str) -> None:
        if self.site_url and (planned is None or planned.role not in ("problems", "held")):
            self.sitemap[absolute(self.site_url, page_url)] = planned.date if planned else None

    def context(self, src_uri: str, page_url: str, title: str) -> dict[str, Any]:
        planned = self._pages.get(src_uri)
        social = self.social(planned, page_url, title)
        self.list_in_sitemap(planned, page_url)
        return dict(
            social=social, zalo_oa_id=self.options.get("zalo_oa_id"),
            share=planned is not None and planned.role in ("story", "news", "campaign"),
            page=planned.context if planned else {},
            role=planned.role if planned else "doc",
            planned=planned,
            photos=self.photos,
            settings=self.settings,
            problems=sum(1 for d in self.diagnostics) if self.serving else 0,
            problem_codes=sorted({d.code for d in self.diagnostics}) if self.serving else [],
            union_name=self.settings.union_name,
        )

    def fragment(self, name: str, key: Any, slot: Any = None, caller=None) -> str:
        """A template fragment rendered once per build and key (`{% call lantoa_fragment(…) %}`).
        `slot`: what this page shows where the fragment calls `lantoa_slot(…)` (the page title in
        the header); the fragment keeps a marker there."""
        known = self._fragments.get((name, key))
        if known is None:
            outer, self._filling_slot = self._filling_slot, slot is not None  # fragments may nest
            try:
                known = self._fragments[(name, key)] = caller()
            finally:
                self._filling_slot = outer
        return known if slot is None else known.replace(SLOT, slot)

    def slot(self, value: Any) -> Any:
        """`value`, or the marker `fragment()` replaces on each page."""
        return markupsafe.Markup(SLOT) if self._filling_slot else value

    def abandon(self) -> None:
        """A failed build: stop background work."""
        if self.card_job is not None:
            self.card_job.cancel()
        if self.index_job is not None:
            self.index_job.cancel()

    # ---- after rendering -------------------------------------------------------
    def texts_collected(self, site_dir: Path) -> None:
        """Every page's Markdown is HTML now (templates come next): a build's index process can
        start making the index while the main process renders the templates."""
        if self.index_job is not None:
            docs, facets = self.search_docs()
            self.index_job.start_build(docs, facets, site_dir / INDEX_URL)

    def finish(self, site_dir: Path) -> list[diag.Diagnostic]:
        if self.index_job is None:
            docs, facets = self.search_docs()
            build_index(docs, facets, site_dir / INDEX_URL, self.kept.search_counts if self.kept else None,
                        self.kept.index_files if self.kept else None)
        photo_pipeline.publish(self.photos.values(), self.photo_options(), site_dir)
        self.cards = self.card_job.finish()
        for path, data in self.plan.data_files.items():
            self._place(site_dir / path, data)
        if self.site_url:
            self.write_feeds(site_dir)
            write_sitemap(sorted(self.sitemap.items()), site_dir / "sitemap.xml")
        if self.index_job is not None:
            self.index_job.wait()
        held = self.held_back()
        if held:
            print(held, file=sys.stderr)  # beside the photos' summary line
        return self.size_report(site_dir) if self.kept is None else []

    def size_report(self, site_dir: Path) -> list[diag.Diagnostic]:
        """The size line; LT150 beside it (a site near its host's limit must still publish), LT151
        returned (an error: a strict build keeps the previous site)."""
        line, problems = sitesize.report(site_dir, self.options.get("host_limit"))
        print(line, file=sys.stderr)
        for warning in (d for d in problems if not d.is_error):
            print(warning.format(), file=sys.stderr)
        return [d for d in problems if d.is_error]

    def published_files(self, site_dir: Path) -> list[Path]:
        """What finish() leaves in place when it is already there (serve carries the previous
        output over): photo renditions, cards, unchanged data files, feeds and search index files."""
        files = [site_dir / r.url for photo in self.photos.values() for r in photo.renditions]
        files += [card.path for card in self.cards.values()]
        files += self.left_in_place
        if self.kept is not None:
            files += [site_dir / INDEX_URL / name for name in self.kept.index_files]
        return files

    def write_feeds(self, site_dir: Path) -> None:
        for feed in self.plan.feeds:
            spec = FeedSpec(title=feed.title, link=absolute(self.site_url, feed.page_url),
                            feed_url=absolute(self.site_url, feed.url),
                            description=f"{feed.title} — {self.settings.union_name}")
            inputs = (spec, [self._feed_entry(item) for item in feed.items])
            known = self.kept.feeds.get(feed.url) if self.kept else None
            data = known[1] if known and known[0] == inputs else feed_bytes(*inputs)
            if self.kept:
                self.kept.feeds[feed.url] = (inputs, data)
            self._place(site_dir / feed.url, data)

    def _place(self, path: Path, data: bytes) -> None:
        """Write `data` at `path`; under serve, not when the previous rebuild wrote the same there."""
        digest = hashlib.blake2b(data, digest_size=16).digest()
        if self.kept is not None and self.kept.placed.get(path) == digest and path.is_file():
            self.left_in_place.append(path)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        if self.kept is not None:
            self.kept.placed[path] = digest

    def _feed_entry(self, item) -> FeedEntry:
        kind = "story" if isinstance(item, Story) else "news"
        url = item_url(kind, item.slug, item.year)
        card = self.cards.get(url)
        return FeedEntry(title=item.title, url=absolute(self.site_url, url), summary=describe(item.summary, 500),
                         published=item.date, author=item.byline,
                         card=Enclosure(absolute(self.site_url, card.url), card.bytes) if card else None,
                         categories=tuple(item.tags))

    def search_docs(self) -> tuple[list[SearchDoc], Facets]:
        corpus, units = self.plan.corpus, self.plan.corpus.units
        docs = []
        for page in self.plan.pages:
            item = page.context.get("item") if page.role in ("story", "news", "campaign") else None
            if item is None or (page.role == "campaign" and page.context["pager"].number > 1):
                continue
            docs.append(self._search_doc(page, item, units, corpus.campaigns))
        years = sorted({d.date.year for d in docs if d.date}, reverse=True)
        campaign_facets = tuple((c.slug, c.title) for c in corpus.campaigns.values() if not c.draft)
        unit_keys = sorted({k for d in docs for k in d.unit_keys if k in units},
                           key=lambda k: (not units[k].is_district, text.sort_key(units[k].name),
                                          text.sort_key(units[k].label), k))
        return docs, Facets(campaigns=campaign_facets,
                            units=tuple((k, units[k].label) for k in unit_keys),
                            years=tuple(years), subject_kinds=("cá nhân", "tập thể", "mô hình"))

    def _search_doc(self, page: Page, item, units, campaigns) -> SearchDoc:
        if isinstance(item, Story):
            unit_keys = [item.unit] if item.unit in units else []
        elif isinstance(item, News):
            unit_keys = [u for u in item.units if u in units]
        else:
            unit_keys = [item.unit] if item.unit and item.unit in units else []
        for key in list(unit_keys):
            unit_keys += [a.key for a in units.ancestors(key) if a.is_district]
        unit_keys = list(dict.fromkeys(unit_keys))
        terms = [s for k in unit_keys for s in units.spellings(units[k]) if s != k]
        slugs = item.campaigns if not isinstance(item, Campaign) else (item.slug,)
        criteria = ([c.name for slug, cid in item.criteria for c in campaigns[slug].criteria if c.id == cid]
                    if isinstance(item, Story) else [c.name for c in getattr(item, "criteria", ())])
        return SearchDoc(
            url=page.url, title=item.title, kind=page.role,
            kind_label={"story": "Gương điển hình", "news": "Tin tức", "campaign": "Phong trào"}[page.role],
            date=page.date, subject_kind=getattr(item, "subject_kind", None) or None,
            subject=getattr(item, "subject", None) or None,
            unit_keys=tuple(unit_keys),
            unit_label=units.full_label(unit_keys[0]) if unit_keys else "",
            unit_terms=tuple(dict.fromkeys(terms)),
            campaign_keys=tuple(slugs),
            campaign_terms=tuple(campaigns[s].title for s in slugs if s in campaigns),
            criteria=tuple(dict.fromkeys(criteria)), tags=item.tags, summary=item.summary,
            body=self.texts.get(page.src_uri, ""),
        )
