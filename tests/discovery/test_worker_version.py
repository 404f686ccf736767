"""`discovery.version_of`: the service worker's version moves with every change a deploy makes
to the site (a page's text, title, summary or address, a sitemap date, a card, a photo), and
only then: not with the order the sitemap was filled in (a partial rebuild fills it in another
order than a full build)."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from lantoa.discovery import version_of
from lantoa.model import Body


def site():
    pages = [SimpleNamespace(url=f"cau-chuyen/2025/chi-{n}/", title=f"Chị {n}", summary="Tóm tắt",
                             markdown=Body(f"Nội dung {n}")) for n in range(3)]
    sitemap = {f"https://x.vn/{p.url}": dt.date(2025, 1, 1 + n) for n, p in enumerate(pages)}
    cards = {p.url: SimpleNamespace(url=f"the-chia-se/{n}.jpg") for n, p in enumerate(pages)}
    photos = {"a.jpg": SimpleNamespace(renditions=[SimpleNamespace(url="anh/a-480.webp")])}
    return pages, sitemap, cards, photos


def test_the_same_site_has_the_same_version_whatever_the_sitemap_order():
    pages, sitemap, cards, photos = site()
    backwards = dict(reversed(list(sitemap.items())))
    assert version_of(pages, sitemap, cards, photos) == version_of(pages, backwards, cards, photos)


def test_every_change_moves_the_version():
    first = version_of(*site())
    changes = [
        lambda pages, sitemap, cards, photos: setattr(pages[1], "title", "Chị 1 đổi tên"),
        lambda pages, sitemap, cards, photos: setattr(pages[1], "summary", "Tóm tắt khác"),
        lambda pages, sitemap, cards, photos: setattr(pages[2], "url", "cau-chuyen/2025/chi-moi/"),
        lambda pages, sitemap, cards, photos: setattr(pages[0], "markdown", Body("Nội dung đã sửa")),
        lambda pages, sitemap, cards, photos: pages.pop(),
        lambda pages, sitemap, cards, photos: sitemap.update({next(iter(sitemap)): dt.date(2026, 1, 1)}),
        lambda pages, sitemap, cards, photos: setattr(cards[pages[0].url], "url", "the-chia-se/moi.jpg"),
        lambda pages, sitemap, cards, photos: photos["a.jpg"].renditions.append(SimpleNamespace(url="anh/a-960.webp")),
    ]
    seen = {tuple(first)}
    for change in changes:
        parts = site()
        change(*parts)
        version = tuple(version_of(*parts))
        assert version not in seen
        seen.add(version)


def test_a_released_body_counts_by_its_digest():
    pages, sitemap, cards, photos = site()
    before = version_of(pages, sitemap, cards, photos)
    for page in pages:
        page.markdown.release()
    assert version_of(pages, sitemap, cards, photos) == before
