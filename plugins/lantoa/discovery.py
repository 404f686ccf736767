"""Found, kept and read on a phone (issue 16): what `build.Build` adds for search engines and
for readers without signal, as one piece with three moments.

- `start()` (with the photos and cards, before pages render): the icons' and cover crops' names
  are known at once (every page's head links them); the crops are drawn in the background.
- `head()` (each page): robots, icons, manifest, theme colour, JSON-LD and the breadcrumb.
- `finish()` (after rendering): crops, icons, manifest, service worker, offline page, robots.txt.
"""
from __future__ import annotations

import hashlib
from operator import attrgetter
from pathlib import Path
from typing import Any, Callable

from . import crops, icons, structured, webapp
from .plan import UNLISTED, Page, Settings
from .remade import Remade
from .social import absolute

__all__ = ["Discovery"]

_COVER = attrgetter("role", "cover", "url")  # what `covers` reads of a page


def covers(pages: list[Page], photos: dict) -> dict[str, tuple[Path, str]]:
    """The pages with a cover the photo pipeline accepted: URL → (the photo, its renditions)."""
    wanted = {}
    for page in pages:
        if page.role in ("story", "news", "campaign") and page.cover and page.cover.path in photos:
            renditions = photos[page.cover.path].renditions
            wanted[page.url] = (page.cover.path, "|".join(r.url for r in renditions))
    return wanted


class Discovery:
    def __init__(self, root: Path, settings: Settings, options: dict[str, Any], site_url: str,
                 site_description: str):
        self.root, self.settings, self.options = root, settings, options
        self.site_url, self.site_description = site_url, site_description
        logo = options.get("logo")
        self.icons = icons.plan_icons(settings.site_name, (root / logo) if logo else None)
        same_as = [options.get("facebook_url") or None]
        if options.get("zalo_oa_id"):
            same_as.append(f"https://zalo.me/{str(options['zalo_oa_id']).strip()}")
        self.site = structured.Site(
            url=site_url, name=settings.site_name, union_name=settings.union_name, description=site_description,
            logo=structured.Image(self.icons.url("512"), 512, 512), same_as=tuple(u for u in same_as if u))
        self.crop_job: crops.CropJob | None = None
        self.card_url: Callable[[str], str | None] = lambda url: None
        self.placed: list[Path] = []
        self.units = None  # the corpus' registry (place names), from start()

    def start(self, pages: list[Page], units, photos: dict, cache_dir: Path, site_dir: Path,
              card_url: Callable[[str], str | None], remade: Remade | None = None) -> None:
        """Cover crops for the pages whose cover the photo pipeline accepted. `remade` (serve):
        which those are is remembered while the pages and photos are the same (looking at 12,300
        pages cost a save 0.004 s at 10,000 stories)."""
        self.card_url, self.units = card_url, units
        wanted = {}
        if self.site_url:
            wanted = covers(pages, photos) if remade is None else \
                remade.remembered_items("covers", photos, pages, _COVER, lambda: covers(pages, photos))
        self.crop_job = crops.CropJob(wanted, cache_dir / "crops", site_dir / crops.URL_PREFIX)

    def images(self, page: Page) -> list[structured.Image]:
        found = [structured.Image(*size) for size in self.crop_job.urls(page.url)] if self.crop_job else []
        if not found:
            card = self.card_url(page.url)
            found = [structured.Image(card, 1200, 630)] if card else []
        return found

    def head(self, planned: Page | None) -> dict[str, Any] | None:
        """What `lantoa/partials/discovery-head.html` and `breadcrumb.html` show for a page."""
        if not self.site_url:
            return None
        objects = []
        if planned is not None and planned.role not in UNLISTED:  # kept out of search engines
            objects = structured.graph(self.site, planned, self.images(planned), self.units)
        return dict(
            robots=webapp.ROBOTS_META, favicon=icons.FAVICON, icon=self.icons.url("192"),
            touch_icon=self.icons.url("180"), manifest=webapp.MANIFEST, colour=self.icons.colour,
            jsonld=structured.script_tag(objects), site_url=absolute(self.site_url, ""),
            trail=[(s.label, s.url) for s in structured.trail(planned)] if planned is not None else None,
        )

    def cancel(self) -> None:
        if self.crop_job is not None:
            self.crop_job.cancel()

    def finish(self, site_dir: Path, cache_dir: Path, place: Callable[[Path, bytes], None],
               site: tuple | None) -> None:
        """Write what pages link: crops, icons, manifest, service worker, offline page, robots.txt.
        `site`: the build's (pages, sitemap, cards, photos), what the worker's version is made of;
        None under serve, whose preview registers no worker (register.js removes any): its version
        is PREVIEW, not made again from every page on every save (60 ms at 10,000 stories)."""
        self.placed = self.crop_job.finish() if self.crop_job else []
        if not self.site_url:
            return
        self.placed += icons.write_icons(self.icons, site_dir, cache_dir)
        name = self.settings.site_name
        place(site_dir / webapp.MANIFEST,
              webapp.manifest_bytes(name, self.site_description, self.icons, self.icons.colour))
        home = "/" + absolute(self.site_url, "").split("://", 1)[-1].partition("/")[2]
        offline = webapp.offline_page_bytes(name, self.settings.union_name, self.icons.colour, home)
        place(site_dir / webapp.OFFLINE_PAGE, offline)
        version = version_of(*site) if site is not None else PREVIEW
        place(site_dir / webapp.WORKER, webapp.worker_bytes([offline, *version]))
        place(site_dir / "robots.txt", webapp.robots_bytes(
            self.site_url, absolute(self.site_url, "sitemap.xml"), ("admin/", "loi-noi-dung/")))


PREVIEW = ["preview"]  # the worker's version under serve


def version_of(pages: list[Page], sitemap: dict, cards: dict, photos: dict) -> list[str]:
    """What changes with every deploy that changes the site, as digests: every page's text and
    date, the cards' and photos' content-addressed names. (Digests, not the values: the worker's
    version is a digest of this list, and encoding 12,000 sitemap dates in it as JSON cost a save
    at 10,000 stories 15 ms.)"""
    heads = "\0".join(f"{page.url}\0{page.title}\0{page.summary}" for page in pages)
    bodies = b"".join(page.markdown.digest if page.markdown is not None else bytes(16)  # a build let go of its text
                      for page in pages)
    return [_hex(heads.encode(), bodies),
            _hex("\n".join(f"{url} {day}" for url, day in sorted(sitemap.items())).encode()),
            _hex("\n".join(sorted(c.url for c in cards.values())).encode()),
            _hex("\n".join(sorted(r.url for photo in photos.values() for r in photo.renditions)).encode())]


def _hex(*parts: bytes) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part)
    return digest.hexdigest()
