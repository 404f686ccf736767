"""What the checker and the build both find, from one place: the content (load), the site's
settings (site_url, Zalo id) and the photos of what is published. The build renders the photos
(`photos.process`); the checker only looks at them (`photos.inspect`), with the same codes."""
from __future__ import annotations

import datetime as dt
import errno
import os
from pathlib import Path
from typing import Any

from .body_links import document_urls
from .diagnostics import Diagnostic, make, os_hint, os_reason
from .options import check_options, published_folders
from . import text
from .load import load_corpus, unpublished_reason
from .model import Corpus
from .photos import PhotoOptions, PhotoRequest
from .photos.inspect import inspect
from .plan import Settings
from .planning.addresses import clash_with_document
from .planning.site import plan_site
from .social import check_site_url, check_zalo_oa_id


def build_date() -> dt.date:
    """Today, or SOURCE_DATE_EPOCH's day for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def settings_problems(site_url: str | None, options: dict[str, Any]) -> list[Diagnostic]:
    """LT131–LT133: the site's settings in mkdocs.yml."""
    problems = check_site_url(site_url or None)
    if options.get("zalo_oa_id"):
        problems += check_zalo_oa_id(options["zalo_oa_id"])
    return problems


def published_photos(corpus: Corpus) -> list[PhotoRequest]:
    """Each photo of a published item, once per item that shows it (the build renders these)."""
    items = [*corpus.stories, *corpus.news, *corpus.campaigns.values()]
    return [PhotoRequest(photo.path, item.source, photo.line) for item in items for photo in item.photos]


def photo_options(root: Path, options: dict[str, Any]) -> PhotoOptions:
    """`options`: as `check_options` gives them (a wrong value's default in its place)."""
    cache = Path(options["cache_dir"])
    return PhotoOptions(widths=tuple(options["photo_widths"]), max_pixels=options["photo_max_pixels"],
                        cache_dir=cache if cache.is_absolute() else root / cache)


def check_project(root: Path, site_url: str | None, options: dict[str, Any] | None,
                  today: dt.date) -> tuple[Corpus, list[Diagnostic]]:
    """Everything a strict build would report about the project's content and settings, without
    building. `options`: the plugin's options (None: mkdocs.yml not read, settings not checked)."""
    settings, option_problems = check_options(options or {}, root, published_folders(options or {}))  # as the build
    corpus = load_corpus(root, settings["stories_dir"], today=today,
                         publish_future=bool(settings.get("publish_future")))
    problems = list(corpus.diagnostics)
    if options is not None:
        problems += [*option_problems, *settings_problems(site_url, settings)]
    problems += inspect(published_photos(corpus), photo_options(root, settings))
    problems += plan_problems(corpus, root / settings.get("docs_dir", "docs"), settings, today, site_url)
    return corpus, problems


def plan_problems(corpus: Corpus, docs_dir: Path, settings: dict[str, Any], today: dt.date,
                  site_url: str | None = None) -> list[Diagnostic]:
    """What the plan finds, as a build finds it: pages planned at one address (LT032: the plan
    keeps one and reports the others), item pages where a hand-written page of docs/ is, and
    links in bodies to pages that are not there (LT046, LT047)."""
    before = len(corpus.diagnostics)
    plan = plan_site(corpus, Settings(page_size=settings.get("page_size") or Settings.page_size, today=today,
                                      site_url=site_url or None, documents=document_urls(docs_dir)))
    found = corpus.diagnostics[before:]
    del corpus.diagnostics[before:]
    return found + list(unreadable_documents(docs_dir).values()) + [
        clash_with_document(page, f"{docs_dir.name}/{page.src_uri}") for page in plan.pages
        if (docs_dir / page.src_uri).is_file()]


def unreadable_documents(docs_dir: Path, uris: list[str] | None = None) -> dict[str, Diagnostic]:
    """The pages of docs/ MkDocs cannot read, by their path in docs/, each LT001: not UTF-8 text, or a
    named pipe or device (MkDocs ends in a traceback, or waits for ever). `uris`: the pages MkDocs
    reads (the build knows them); else every `*.md` it would (no folder, nothing under a dot)."""
    if uris is None:
        uris = [path.relative_to(docs_dir).as_posix() for path in sorted(docs_dir.rglob("*.md"))
                if not path.is_dir() and not any(part.startswith(".") for part in path.relative_to(docs_dir).parts)
                ] if docs_dir.is_dir() else []
    found = {}
    for uri in uris:
        path = docs_dir / uri
        try:
            if not path.is_file():
                raise OSError(errno.ENODEV, "not a regular file")
            path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            found[uri] = make("LT001", f"{docs_dir.name}/{uri}", None,
                              reason=os_reason(error), hint=os_hint(error))
    return found


HELD_BACK_NAMED = 10  # the soonest; a line naming thousands of files is read by nobody


def held_back_line(corpus: Corpus, today: dt.date) -> str | None:
    """"Hẹn đăng: 2 bài …": stories and news dated after `today`, kept off the site until then
    (the soonest HELD_BACK_NAMED named, the rest counted)."""
    held = sorted((i for i in corpus.unpublished if not i.draft and unpublished_reason(i, today)),
                  key=lambda i: (i.date, i.source))
    if not held:
        return None
    named = "; ".join(f"{i.source} ({text.format_date(i.date)})" for i in held[:HELD_BACK_NAMED])
    rest = f"; và {len(held) - HELD_BACK_NAMED} bài sau nữa" if len(held) > HELD_BACK_NAMED else ""
    return (f"Hẹn đăng: {len(held)} bài có ngày sau hôm nay, chưa đưa lên trang (publish_future: true để đăng ngay): "
            + named + rest)
