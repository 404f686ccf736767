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
import multiprocessing
import multiprocessing.forkserver
import sys
import time
from operator import attrgetter
from pathlib import Path
from typing import Any, Sequence

import markupsafe

from . import diagnostics as diag
from . import lifeline, memory, overwrite, previews, sitesize
from . import photos as photo_pipeline
from .cards import keep as card_keep
from .cards.job import CardJob
from .cards.model import HEIGHT as CARD_HEIGHT, WIDTH as CARD_WIDTH, CardSpec
from .discovery import Discovery
from .load import load_corpus
from .reading import Layout
from .plan import UNLISTED, Page, Settings, SitePlan
from .plan_delta import LastPlan, card_specs
from .insight.kept import KeptFigures
from .lasting import LastingFragments
from .remade import Remade
from .planning.held import PROBLEMS_SUMMARY
from .planning.site import plan_site
from .planning.sitewide import problems_page
from .search import INDEX_URL, build_index, page_text
from .search.job import IndexJob
from .search.records import KeptDocs, search_docs
from .site_feeds import KeptFeeds, feed_files
from .sitemap import Entries, sitemap_files, write_files
from .audit import held_back_line, settings_problems
from .recent import Recent
from .social import FeedLink, SocialImage, SocialMeta, absolute, describe

CARDS_URL = "the-chia-se"
SLOT = "\x00lantoa-slot\x00"  # in a fragment, where each page's own text goes (Build.fragment)
ARTICLE_ROLES = ("story", "news")
# Listing cards are used again by listings rendered near each other: at 10,000 stories, 93,000
# uses of 41,000 cards, each kept for the whole build held 64 MB; keeping the 16,384 used last
# rendered 192 more (8,192: 8,353 more).
FRAGMENTS_KEPT = 16_384

# What the worker processes run: imported once, by the server they are forked from.
WORKER_MODULES = ("lantoa.photos.render", "lantoa.cards.job", "lantoa.search.job")


def start_worker_server(first: Sequence[str] = (), then: Sequence[str] = (), serving: bool = False) -> None:
    """Start the server that photo, card, search and body workers are forked from (forkserver,
    not fork: `mkdocs serve` runs threads, and forking them can deadlock), with `first` imported
    (what the engine needs before Lan Tỏa's modules). Under serve, which forks workers again for
    every save, with their modules imported too (and `then` after them), while this process reads
    the stories: each save's workers are ready when its plan is. A build forks each worker once:
    there the server's copy of the modules would only be counted again in every worker's memory
    (a cold build at 10,000 stories: 610 → 567 MB together, 532 → 521 MB proportional set size)."""
    lifeline.announce()  # workers end when this process dies (a killed build)
    modules = [*first, *WORKER_MODULES, *then] if serving else [*first]
    multiprocessing.get_context("forkserver").set_forkserver_preload(modules)
    multiprocessing.forkserver.ensure_running()


@dataclasses.dataclass
class Kept:
    """What `mkdocs serve` keeps from one rebuild to the next (the plugin holds it)."""
    reads: dict = dataclasses.field(default_factory=dict)  # parsed story files, for load_corpus
    layout: Layout = dataclasses.field(default_factory=Layout)  # where the items are, for load_corpus
    saved: set[str] | None = None  # files saved since the last load (None: unknown), for load_corpus
    remade: Remade = dataclasses.field(default_factory=Remade)  # items and cards made last time, for load and plan
    figures: KeptFigures = dataclasses.field(default_factory=KeptFigures)  # the last plan's figures, for plan
    plan: LastPlan = dataclasses.field(default_factory=LastPlan)  # the last plan's pages, and their cards' specs
    card_job: Any = None  # the last rebuild's cards.CardJob: its names, for the same specs
    feeds: KeptFeeds = dataclasses.field(default_factory=KeptFeeds)  # the last rebuild's feeds
    placed: dict[Path, bytes] = dataclasses.field(default_factory=dict)  # data file or feed → the bytes written
    sitemap: tuple | None = None  # (its entries, [(path, bytes)], stamps) of the last sitemap
    search_docs: KeptDocs = dataclasses.field(default_factory=KeptDocs)  # the last rebuild's search records
    editor: tuple | None = None  # (what it lists, the text) of the editor's last configuration (engine.partial)
    search_index: Any = None  # search.keeper.IndexKeeper: the standing index's process (engine.partial)
    fragments: LastingFragments = dataclasses.field(default_factory=LastingFragments)  # pages' figures, as HTML


@dataclasses.dataclass
class Build:
    root: Path
    stories_dir: str
    settings: Settings
    options: dict[str, Any]
    site_url: str = ""
    site_description: str = ""
    logo: str | None = None  # mkdocs.yml's theme.logo: the feeds' <image> if a PNG, JPEG or GIF (else cards.logo's)
    plan: SitePlan | None = None
    photos: dict[Path, photo_pipeline.ProcessedPhoto] = dataclasses.field(default_factory=dict)
    texts: dict[str, str] = dataclasses.field(default_factory=dict)
    cards: dict[str, Any] = dataclasses.field(default_factory=dict)  # page url → cards.Card
    card_job: Any = None  # cards.CardJob, from prepare_media() to finish()
    index_job: IndexJob | None = None  # builds (not serve): the search index, from prepare_media() to finish()
    previous: Any = None  # builds: engine.previous_site's: its index_reuse (IndexJob.start_build), file_reuse (feeds)
    discovery: Discovery | None = None  # structured data, icons, manifest, offline reading: from prepare_media()
    sitemap: Entries = dataclasses.field(default_factory=Entries)  # absolute url → date
    kept: "Kept | None" = None  # under `mkdocs serve`: what the previous rebuilds worked out
    _pages: dict[str, Page] = dataclasses.field(default_factory=dict)
    _fragments: Recent = dataclasses.field(default_factory=lambda: Recent(FRAGMENTS_KEPT))
    _inputs: dict[str, tuple[Page, tuple]] = dataclasses.field(default_factory=dict)  # page_inputs()
    _filling_slot: bool = False
    placed_files: list[Path] = dataclasses.field(default_factory=list)  # placed by finish(): see published_files()
    card_ledger: card_keep.Ledger | None = None  # builds: written once the site is in place (cards/keep.py)

    # ---- before rendering -------------------------------------------------------
    def load(self, option_problems: Sequence[diag.Diagnostic] = ()) -> list[diag.Diagnostic]:
        started = time.perf_counter()
        corpus = load_corpus(self.root, self.stories_dir, self.kept.reads if self.kept else None,
                             today=self.settings.today, publish_future=bool(self.options.get("publish_future")),
                             layout=self.kept.layout if self.kept else None, saved=self.kept and self.kept.saved,
                             remade=self.kept.remade if self.kept else None)
        if self.kept:
            self.kept.saved = None  # known for one load only
        self.plan = plan_site(corpus, self.settings, *((self.kept.remade, self.kept.figures) if self.kept else ()))
        self.load_seconds = time.perf_counter() - started
        corpus.diagnostics += [*option_problems, *settings_problems(self.site_url, self.options)]
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
        requests = [photo_pipeline.PhotoRequest(photo.path, file, photo.line) for photo, file in self.plan.photos]
        self.photos, problems = photo_pipeline.process(requests, self.photo_options())
        self.plan.corpus.diagnostics.extend(problems)
        self.plan.pages += filter(None, [problems_page(self.diagnostics)])  # every problem known now: photos' too
        self._pages = self.kept.plan.take(self.plan.pages) if self.kept else {p.src_uri: p for p in self.plan.pages}
        specs = {p.url: self.card_spec(p) for p in self.plan.pages if previews.has_card(p)} if self.kept is None \
            else self.kept_card_specs()
        if (self.root / "docs" / previews.GUIDE_URL).is_dir():
            specs[previews.GUIDE_URL] = previews.guide_card(self.settings)
        self.card_job = CardJob(specs if self.site_url else {}, self.photo_options().cache_dir / "cards",
                                site_dir / CARDS_URL, url_prefix=CARDS_URL, keep_caches=self.serving,
                                before=self.kept.card_job if self.kept else None)  # drawn while pages render
        if self.kept:
            self.kept.card_job = self.card_job
        self.discovery = Discovery(self.root, self.settings, self.options, self.site_url, self.site_description)
        self.discovery.start(self.plan.pages, self.plan.corpus.units, self.photos, self.photo_options().cache_dir,
                             site_dir, self.card_job.url, self.kept.remade if self.kept else None)
        return diag.sort(problems)

    def card_spec(self, page: Page) -> CardSpec:
        """What the card of `page` shows (`previews.card_spec`): its cover, if any, beside the text."""
        units = self.plan.corpus.units
        photo = page.cover.path if page.cover and page.cover.path in self.photos else None
        # The renditions' names already carry a digest of the photo: no need to read it again.
        photo_id = "|".join(r.url for r in self.photos[photo].renditions) if photo else None
        if not hasattr(self, "_place_names"):
            self._place_names = tuple(sorted({u.name for u in units.units.values()}))
        return previews.card_spec(page, self.settings, units, photo, photo_id, self._place_names)

    def kept_card_specs(self) -> dict:
        """`card_spec` of every page with a card, the previous rebuild's for the very same page
        while the photos, settings and units are the same (`plan_delta.card_specs`)."""
        return card_specs(self.kept.plan, (self.photos, self.settings, self.plan.corpus.units.units),
                          previews.has_card, self.card_spec)

    def newest_change(self) -> dt.date | None:
        """The newest change of any published item: the date of pages that list the whole site."""
        if not hasattr(self, "_newest"):  # what the planner publishes: not drafts
            items = [*self.plan.corpus.stories, *self.plan.corpus.news]
            newest = lambda: previews.newest_change(i for i in items if not i.draft)  # noqa: E731
            self._newest = newest() if self.kept is None else self.kept.remade.remembered_items(  # serve: while the
                "newest change", None, items, attrgetter("draft", "updated", "date"), newest)  # items are the same
        return self._newest

    @property
    def serving(self) -> bool:
        """Under `mkdocs serve` (the plugin hands over what it keeps between rebuilds)."""
        return self.kept is not None

    def page(self, src_uri: str) -> Page | None:
        return self._pages.get(src_uri)

    @property
    def planned(self) -> dict[str, Page]:  # the plan's pages by src_uri (not to be changed)
        return self._pages

    def description(self, page: Page) -> str:
        return describe(page.summary)

    def page_inputs(self, page: Page) -> tuple:
        """What a page's HTML depends on besides its plan and `digest_parts()`: its card and the
        feeds it announces (a story's include its place's, whose title has the place's period).
        Remembered: serve's next rebuild asks again for every page of this one's plan."""
        known = self._inputs.get(page.src_uri)
        if known is None or known[0] is not page:
            inputs = (self.card_job.url(previews.card_key(page)), self.card_job.url(""),
                      tuple((f.url, f.title) for f in self.feeds_of(page)))
            known = self._inputs[page.src_uri] = (page, inputs)
        return known[1]

    def digest_parts(self) -> list:
        """Build-wide inputs of every page, as plain values (for `plugin.site_digest`, then `reuse.digest_of`):
        the union's icons (from its logo), every place (a page's JSON-LD names its place's predecessors)."""
        return [self.settings, sorted(self.options.items()), self.site_url, self.site_description, self.serving,
                self.discovery.head(None) if self.discovery else None, self.plan.corpus.units.units if self.plan else None]

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
        """What the page previews as (`previews`): its own title, description and card."""
        if not self.site_url:
            return None
        card_url = self.card_job.url(previews.card_key(planned, url)) or self.card_job.url("")
        shown = previews.og_title(planned, title, self.settings.site_name)
        image = SocialImage(absolute(self.site_url, card_url), CARD_WIDTH, CARD_HEIGHT,
                            f"{shown} — {self.settings.union_name}") if card_url else None
        item = planned.context.get("item") if planned else None
        article = planned is not None and planned.role in ARTICLE_ROLES
        campaigns = planned.context.get("campaigns") if planned else None
        description = describe(planned.summary) if planned and planned.summary else \
            previews.doc_description(url, title, self.settings.site_name, self.site_description)
        return SocialMeta(
            title=shown, url=absolute(self.site_url, url), site_name=self.settings.site_name,
            description=description, type="article" if article else "website", image=image,
            published_time=planned.date if article else None,
            modified_time=item.updated if article and item.updated else None,
            section=campaigns[0].label if article and campaigns else None,
            tags=tuple(item.tags) if article else (),
            feeds=tuple(FeedLink(f.title, absolute(self.site_url, f.url)) for f in self.feeds_of(planned)))

    def feeds_of(self, planned: Page | None) -> list:
        if not hasattr(self, "_feeds_by_page"):
            self._feeds_by_page = {f.page_url: f for f in self.plan.feeds}
        return previews.announced_feeds(planned, self._feeds_by_page)

    def list_in_sitemap(self, planned: Page | None, page_url: str) -> None:
        if self.site_url and (planned is None or planned.role not in UNLISTED):
            self.sitemap[absolute(self.site_url, page_url)] = previews.lastmod(planned, self.newest_change())

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
            union_name=self.settings.union_name,
            discovery=self.discovery.head(planned) if self.discovery else None,
            preview=self.serving,  # `mkdocs serve`: no service worker (livereload's long poll is not for it)
        )

    def fragment(self, name: str, key: Any, slot: Any = None, caller=None) -> str:
        """A template fragment rendered once per build and key (`{% call lantoa_fragment(…) %}`),
        while it is among the FRAGMENTS_KEPT used last.
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
        if self.discovery is not None:
            self.discovery.cancel()

    # ---- after rendering -------------------------------------------------------
    def texts_collected(self, site_dir: Path) -> None:
        """Every page's Markdown is HTML now (templates come next): a build's index process can
        start making the index while the main process renders the templates."""
        if self.index_job is not None:
            docs, facets = search_docs(self.plan, self.texts)
            self.index_job.start_build(docs, facets, site_dir / INDEX_URL, reuse=self.previous and self.previous.index_reuse)
            memory.give_back()  # the pages' texts, sent

    def finish(self, site_dir: Path, with_index: bool = True) -> list[diag.Diagnostic]:
        """`with_index=False`: the caller makes the search index (serve: `partial.index_later`)."""
        if not self.serving:
            memory.give_back()  # the pages, written and let go (`PlannedPage.release`)
        if self.index_job is None and with_index:
            build_index(*search_docs(self.plan, self.texts), site_dir / INDEX_URL)
        photo_pipeline.publish(self.photos.values(), self.photo_options(), site_dir)
        self.cards = self.card_job.finish()
        if self.site_url and not self.serving:  # cards once published stay (cards/keep.py)
            self.card_ledger = card_keep.carry_cards(self.cards, self.photo_options().cache_dir / "cards",
                                                     site_dir / CARDS_URL, self.settings.today)
            self.placed_files += self.card_ledger.carried
        for path, data in self.plan.data_files.items():
            self._place(site_dir / path, data)
        if self.serving:  # the preview's banner (base.html): not in any page, so no page changes with it
            self._place(site_dir / PROBLEMS_SUMMARY, diag.summary(self.diagnostics))
        if self.site_url:
            self.write_feeds(site_dir)
            self.write_sitemap(site_dir)
        self.discovery.finish(site_dir, self.photo_options().cache_dir, self._place,
                              None if self.serving else (self.plan.pages, self.sitemap, self.cards, self.photos))
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

    def published_files(self, site_dir: Path, cards: bool = True) -> list[Path]:
        """What finish() places, written or left as it was (serve carries the previous output
        over): photo renditions, cards (unless not `cards`), data files and feeds (serve's search
        index is its own process's: `partial.index_later`)."""
        files = [site_dir / r.url for photo in self.photos.values() for r in photo.renditions]
        return files + ([card.path for card in self.cards.values()] if cards else []) + self.placed_files + \
            (self.discovery.placed if self.discovery else [])

    def write_feeds(self, site_dir: Path) -> None:
        for path, data in feed_files(self.plan, self.cards, self.site_url, self.logo,
                                     self.kept and self.kept.feeds, self.previous and self.previous.file_reuse):
            self._place(site_dir / path, data)

    def write_sitemap(self, site_dir: Path) -> None:
        """sitemap.xml and its .gz; serve makes them again for other entries only (and writes them:
        a full build under serve has written the theme's sitemap.xml there)."""
        known = self.kept.sitemap if self.kept else None  # the same entries: not sorted again (12,300)
        same = known is not None and known[0] is self.sitemap and not self.sitemap.changed()
        files = known[1] if same else \
            sitemap_files(sorted(self.sitemap.items()), site_dir / "sitemap.xml", index_base=absolute(self.site_url, ""))
        stamps = write_files(files, known[2] if same else {})  # not again where they stand (2 MB)
        if self.kept:
            self.kept.sitemap = (self.sitemap.written(), files, stamps)
        self.placed_files += [path for path, _ in files]

    def _place(self, path: Path, data: bytes | None) -> None:
        """Write `data` at `path` (None: linked there from the previous site); under serve, not when the
        previous rebuild wrote the same there (kept feeds and figures are the very bytes written last)."""
        self.placed_files.append(path)
        known = self.kept.placed.get(path) if self.kept is not None else None
        if data is None or known is not None and (known is data or known == data) and path.is_file():
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        overwrite.write_over(path, data)  # under serve, over the last rebuild's file
        if self.kept is not None:
            self.kept.placed[path] = data
