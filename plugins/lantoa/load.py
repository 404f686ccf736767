"""Load stories/ into a Corpus: raw records (`reading.py`) → typed records + every problem found.

Pure function of the files: nothing is written, nothing downstream re-reads front matter. An
item with an error is left out of the corpus (its problems say why); warnings keep it in. What
is not published (drafts; stories and news dated after today unless `publish_future`) is kept
apart in `Corpus.unpublished`, and a published item's links to it are dropped with LT073: no
field of an unpublished record can reach a page, a feed, the search index or a data file.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Callable

from . import read_lists, text
from .diagnostics import Diagnostic, define, make
from .frontmatter import Parsed, Plain
from .model import Attachment, Body, Campaign, Corpus, Criterion, News, Story
from .project import STORIES_DIR
from .remade import Remade
from .reading import Layout, discover, discover_again, named_file, untouched
from .schema import CAMPAIGN, NEWS, STORY
from .units import Registry, load_registry
from .validate import nearest

define("LT014", "warning", "Thư mục năm khác năm đăng",
       "Bài nằm trong thư mục năm {folder} nhưng ngày đăng là {date}",
       "chuyển thư mục bài sang thư mục {year}/ hoặc sửa lại ngày đăng")
define("LT022", "error", "Phong trào không có",
       "Không có phong trào mã «{value}»{maybe}",
       "{hint}")
define("LT023", "error", "Tiêu chí không thuộc phong trào",
       "Tiêu chí «{value}» không thuộc các phong trào của bài ({campaigns}){maybe}",
       "{hint}")
define("LT025", "error", "Phong trào cấp trên lặp vòng",
       "Phong trào «{slug}» lấy chính nó làm cấp trên (qua: {chain})",
       "trường «parent» ghi phong trào cấp trên mà phong trào này triển khai, không ghi chính nó hay phong trào cấp dưới")
define("LT030", "error", "Trùng địa chỉ trang",
       "Hai mục cùng ra địa chỉ /{url}: tệp này và {other}",
       "đổi tên thư mục của một trong hai mục")
define("LT031", "error", "Trùng mã tiêu chí",
       "Mã tiêu chí «{value}» xuất hiện hai lần trong phong trào",
       "đặt cho mỗi tiêu chí một mã riêng")
define("LT071", "error", "Loại tệp đính kèm không được phép",
       "Tệp đính kèm «{value}» ({kind}) không được đưa lên trang: {why}",
       "{fix} (đính kèm được: PDF, Word, Excel, OpenDocument, ảnh, ZIP)")
define("LT073", "warning", "Liên kết tới mục chưa đăng",
       "«{field}» trỏ tới {what} «{value}» chưa được đăng ({why}); liên kết này bị bỏ khỏi trang",
       "đăng {what} đó trước (bỏ «draft: true»), hoặc xóa «{value}» khỏi «{field}»")

# Attachments readers may download: documents, images, archives. Anything else could run in the
# site's own origin (.html, .svg, .js) or is not meant for readers.
ATTACHMENT_TYPES = {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods", ".odp", ".ppt", ".pptx",
                    ".jpg", ".jpeg", ".png", ".webp", ".gif", ".heic", ".avif", ".zip", ".7z", ".rar"}
ALLOWED_NAMES = "PDF, DOCX, XLSX, ODT, ODS, ảnh JPEG/PNG/WebP hoặc ZIP"


def load_corpus(root: Path, stories_dir: str = STORIES_DIR, read_cache: dict | None = None, *,
                today: dt.date | None = None, publish_future: bool = False, layout: Layout | None = None,
                saved: set[str] | None = None, remade: Remade | None = None) -> Corpus:
    """Read `root/stories_dir` entirely; never raises for content mistakes.

    `read_cache` (kept by the caller across loads, as `mkdocs serve` does) skips parsing files
    whose index.md and folder are unchanged since the previous load (without looking at them when
    `saved` lists every path saved since); `layout` (kept too) skips looking for items when the
    files `saved` since are all of items found before; `remade` (kept too) gives the stories and
    news made from those same reads before. Stories and
    news dated after `today` (default: no limit) are held back unless `publish_future`."""
    base = root / stories_dir
    registry, problems = load_registry(base / "units.yml", root) if remade is None else \
        remade.registry(base / "units.yml", root, load_registry)
    found = discover(base, root, problems) if layout is None else discover_again(base, root, problems, layout, saved)
    if read_cache is not None and (layout is None or layout.walked):  # else the same items as the last load
        present = {*found["campaign"], *found["story"], *found["news"]}
        for gone in [p for p in read_cache if p not in present]:
            del read_cache[gone]
    unsaved = untouched(read_cache, saved)
    campaigns = read_lists.load("campaign", found["campaign"], root, CAMPAIGN, problems, read_cache, unsaved, layout)
    known_campaigns: dict[str, dict] = {}
    for raw in sorted(campaigns, key=itemgetter("file")):  # of two at one address, the first by file (LT030)
        known_campaigns.setdefault(raw["slug"], raw)
    ok_campaigns, elsewhere = {}, []  # `elsewhere`: campaigns at another's address, for LT030
    for raw in campaigns:
        campaign = _campaign(raw, registry, known_campaigns, problems)
        if campaign is not None:
            (ok_campaigns.setdefault(campaign.slug, campaign) if known_campaigns[raw["slug"]] is raw else
             elsewhere.append(campaign))
    _check_cycles(ok_campaigns, known_campaigns, problems)
    if remade is None:
        remade = Remade()  # makes everything anew
    remade.start(registry.units, campaigns)
    story_raws = read_lists.load("story", found["story"], root, STORY, problems, read_cache, unsaved, layout)
    links = (registry, known_campaigns)
    stories = remade.items("stories", story_raws, _story, links, problems)
    news_raws = read_lists.load("news", found["news"], root, NEWS, problems, read_cache, unsaved, layout)
    news = remade.items("news", news_raws, _news, links, problems)
    remade.finish()
    every = list(ok_campaigns.values()) + elsewhere + stories + news
    problems += remade.remembered_items("urls", None, every, _address, lambda: _duplicate_urls(every))
    bad = {d.file for d in problems if d.is_error}
    corpus = Corpus(
        root=root, units=registry,
        campaigns={k: c for k, c in sorted(ok_campaigns.items()) if c.source not in bad},
        stories=remade.sorted("stories", _without(bad, stories), _BY_DATE),
        news=remade.sorted("news", _without(bad, news), _BY_DATE),
        diagnostics=problems,
        unpublished_files=_unpublished_files(bad, [*campaigns, *story_raws, *news_raws],
                                             None if publish_future else today),
    )
    _set_unpublished_aside(corpus, None if publish_future else today,
                           lambda: {raw["file"]: raw["parsed"] for raw in [*campaigns, *story_raws, *news_raws]}, remade)
    return corpus


def _unpublished_files(bad: set[str], raws: list[dict], today: dt.date | None) -> frozenset[str]:
    """The files of `bad` (left out for an error) that would not be published without it: a
    `draft:` written (unless `false`), or a date after `today`."""
    return frozenset(raw["file"] for raw in raws if raw["file"] in bad and _unpublished_raw(raw, today)) \
        if bad else frozenset()


def _unpublished_raw(raw: dict, today: dt.date | None) -> bool:
    data = getattr(raw.get("parsed"), "data", None)
    written = data.get("draft", False) if isinstance(data, dict) else False
    if isinstance(written, Plain) and written.kind in ("bool", "null"):  # `draft: false`, `no`, `~`: as typed
        written = written.kind == "bool" and written.lower() in ("true", "yes", "on")
    later = today is not None and isinstance(raw.get("date"), dt.date) and raw["date"] > today
    return bool(raw.get("draft")) or written not in (False, None) or later


def _without(files: set[str], items: list) -> list:
    """`items` but those of `files` (the files with an error: usually none, and 10,000 items)."""
    return [i for i in items if i.source not in files] if files else items


def unpublished_reason(item, today: dt.date | None) -> str | None:
    """Why `item` is not on the site, or None when it is."""
    if item.draft:
        return "bản nháp"
    date = getattr(item, "date", None)
    if today is not None and date is not None and date > today:
        return f"hẹn đăng ngày {text.format_date(date)}"
    return None


def _set_unpublished_aside(corpus: Corpus, today: dt.date | None, reads: Callable[[], dict], remade: Remade) -> None:
    """Move drafts and future items to `corpus.unpublished`; drop published items' links to them
    (LT073, on the line `reads()` gives: each item file's parsed front matter). `remade`: which
    items are held back, remembered while they are the same (`_held`)."""
    why: dict[str, str] = {}
    for slug, campaign in list(corpus.campaigns.items()):
        reason = unpublished_reason(campaign, today)
        if reason:
            why[slug] = reason
            corpus.unpublished.append(corpus.campaigns.pop(slug))
    parsed = reads() if why else {}  # only links to an unpublished campaign are reported
    corpus.stories, corpus.news = (_published(corpus, items, today, why, parsed) if why else
                                   _held(corpus, items, today, remade, name)
                                   for name, items in (("stories", corpus.stories), ("news", corpus.news)))
    for slug, campaign in list(corpus.campaigns.items()):
        if campaign.parent in why:
            corpus.diagnostics.append(make("LT073", campaign.source, parsed[campaign.source].line("parent"),
                                           field="parent", what="phong trào", value=campaign.parent,
                                           why=why[campaign.parent]))
            corpus.campaigns[slug] = dataclasses.replace(campaign, parent=None)


_HOLDS = attrgetter("draft", "date")  # what `unpublished_reason` reads of a story or news item


def _held(corpus: Corpus, items: list, today: dt.date | None, remade: Remade, name: str) -> list:
    """`items` but drafts and items dated after `today` (into `corpus.unpublished`), while no
    campaign is unpublished: their places remembered while the items are the same (serve: looking
    at 10,000 stories cost a save 0.006 s)."""
    held = remade.remembered_items(f"held {name}", today, items, _HOLDS,
                                   lambda: [i for i, item in enumerate(items) if unpublished_reason(item, today)])
    if not held:
        return items
    corpus.unpublished += [items[i] for i in held]
    skip = set(held)
    return [item for i, item in enumerate(items) if i not in skip]


def _published(corpus: Corpus, items: list, today: dt.date | None, why: dict[str, str], parsed: dict) -> list:
    """`items` but drafts and items dated after `today` (into `corpus.unpublished`), without their
    links to the campaigns `why` names (LT073). One pass, and the links looked at only where a
    campaign is unpublished (at 10,000 stories, a save's load: 13 → 7 ms)."""
    published = []
    for item in items:
        if unpublished_reason(item, today):
            corpus.unpublished.append(item)
            continue
        links = [c for c in item.campaigns if c in why] if why else ()
        for slug in links:
            line = parsed[item.source].line("campaigns", item.campaigns.index(slug))
            corpus.diagnostics.append(make("LT073", item.source, line, field="campaigns", what="phong trào",
                                           value=slug, why=why[slug]))
        if links:
            item = dataclasses.replace(item, campaigns=tuple(c for c in item.campaigns if c not in why),
                                       **({"criteria": tuple(c for c in item.criteria if c[0] not in why)}
                                          if isinstance(item, Story) else {}))
        published.append(item)
    return published


def item_url(kind: str, slug: str, year: int | None = None) -> str:
    """Site-relative URL of an item page (folder style, trailing slash)."""
    if kind == "campaign":
        return f"phong-trao/{slug}/"
    section = "cau-chuyen" if kind == "story" else "tin-tuc"
    return f"{section}/{year}/{slug}/"


def _common(raw: dict) -> dict:
    return dict(slug=raw["slug"], source=raw["file"], folder=raw["folder"], title=raw.get("title") or "",
                summary=raw.get("summary") or "", body=Body(raw["body"]), photos=raw["photos"], cover=raw["cover"],
                tags=tuple(raw.get("tags") or ()), draft=bool(raw.get("draft")),
                updated=raw.get("updated"), body_photos=raw.get("body_photos", ()),
                body_line=raw.get("body_line"))


def _campaign_refs(raw: dict, key: str, known: dict, problems, path_key: str | None = None) -> tuple[str, ...]:
    values = raw.get(key) or ()
    if isinstance(values, str):
        values = (values,)
    out = []
    for index, value in enumerate(values):
        line = raw["parsed"].line(path_key or key, index) if not isinstance(raw.get(key), str) \
            else raw["parsed"].line(key)
        if value in known:
            out.append(value)
            continue
        by_title = {c.get("title"): slug for slug, c in known.items() if c.get("title")}
        near_title = nearest(value, list(by_title), cutoff=0.7)
        near = by_title[near_title] if near_title else nearest(value, list(known))
        problems.append(make("LT022", raw["file"], line, value=value,
                             maybe=f"; có phải «{near}»?" if near else "",
                             hint=(f"ghi mã phong trào (tên thư mục của nó): «{near}»" if near else
                                   "ghi tên thư mục của một phong trào trong stories/campaigns/")))
    return tuple(out)


def _campaign(raw: dict, registry: Registry, known: dict, problems) -> Campaign | None:
    parsed: Parsed = raw["parsed"]
    criteria, seen = [], set()
    for index, entry in enumerate(raw.get("criteria") or ()):
        if not entry.get("id") or not entry.get("name"):
            continue
        if entry["id"] in seen:
            problems.append(make("LT031", raw["file"], parsed.line("criteria", index, "id"), value=entry["id"]))
        seen.add(entry["id"])
        criteria.append(Criterion(entry["id"], entry["name"], entry.get("description")))
    attachments = []
    for index, entry in enumerate(raw.get("attachments") or ()):
        if not entry.get("file") or not _allowed_attachment(raw, entry["file"], index, problems):
            continue
        path = named_file(raw, entry["file"], ("attachments", index, "file"), problems)
        if path is not None and entry.get("title"):
            found = path.stat()
            attachments.append(Attachment(entry["file"], path, entry["title"], found.st_size,
                                          parsed.line("attachments", index), (found.st_mtime_ns, found.st_ino)))
    unit = None
    if raw.get("unit"):
        found, issues = registry.check_reference(raw["unit"], raw["file"], parsed.line("unit"), None)
        problems += issues
        unit = found.key if found else None
    parent = None
    if raw.get("parent"):
        refs = _campaign_refs({**raw, "parent": [raw["parent"]]}, "parent", known, problems)
        parent = refs[0] if refs else None
    return Campaign(**_common(raw), kind=raw.get("kind") or "", level=raw.get("level") or "",
                    issuer=raw.get("issuer") or "", document_number=raw.get("document_number"),
                    issued=raw.get("issued"), start=raw.get("start"), end=raw.get("end"),
                    nomination_start=raw.get("nomination_start"), nomination_end=raw.get("nomination_end"),
                    unit=unit, parent=parent, criteria=tuple(criteria), targets=tuple(raw.get("targets") or ()),
                    awards=tuple(raw.get("awards") or ()), attachments=tuple(attachments))


def _allowed_attachment(raw: dict, name: str, index: int, problems) -> bool:
    """LT071 unless the attachment's type is on the allow-list (an SVG or a web page could run
    script in the site's own origin; a Markdown file would become a page)."""
    suffix = Path(name).suffix.lower()
    if suffix in ATTACHMENT_TYPES:
        return True
    if suffix in (".svg", ".svgz"):
        why, fix = ("ảnh SVG có thể chứa mã chạy trên trang",
                    f"xuất «{name}» sang PDF hoặc PNG rồi đính kèm tệp đó")
    else:
        why, fix = (f"chỉ nhận {ALLOWED_NAMES}",
                    f"lưu «{name}» thành PDF (hoặc nén vào tệp ZIP) rồi ghi tên tệp mới vào «attachments»")
    problems.append(make("LT071", raw["file"], raw["parsed"].line("attachments", index, "file"), value=name,
                         kind=suffix.lstrip(".").upper() or "không có đuôi", why=why, fix=fix))
    return False


def _check_cycles(campaigns: dict[str, Campaign], known: dict, problems) -> None:
    for slug, campaign in campaigns.items():
        chain, current = [slug], campaign.parent
        while current and current in campaigns:
            if current == slug:
                problems.append(make("LT025", campaign.source, known[slug]["parsed"].line("parent"),
                                     slug=slug, chain=" → ".join(chain + [slug])))
                break
            if current in chain:
                break
            chain.append(current)
            current = campaigns[current].parent


def _year_check(raw: dict, problems) -> None:
    date, folder_year = raw.get("date"), raw.get("folder_year")
    if date and folder_year is not None and date.year != folder_year:
        problems.append(make("LT014", raw["file"], raw["parsed"].line("date"), folder=f"{folder_year:04d}",
                             date=text.format_date(date), year=date.year))


def _story(raw: dict, registry: Registry, known: dict, problems) -> Story | None:
    parsed: Parsed = raw["parsed"]
    _year_check(raw, problems)
    unit = None
    if raw.get("unit"):
        unit, issues = registry.check_reference(raw["unit"], raw["file"], parsed.line("unit"), raw.get("date"))
        problems += issues
    campaigns = _campaign_refs(raw, "campaigns", known, problems)
    listed = raw.get("campaigns") or ()
    written = parsed.data.get("campaigns") if isinstance(parsed.data, dict) else None
    # With an unknown or wrongly written campaign the criteria cannot be checked: its error says it all.
    criteria = _criteria(raw, campaigns, known, problems) \
        if len(campaigns) == len(listed) and (listed or not written) else ()
    if not raw.get("date"):
        return None
    return Story(**_common(raw), subject=raw.get("subject") or "", subject_kind=raw.get("subject_kind") or "",
                 unit=unit.key if unit else "", unit_as_written=raw.get("unit") or "", date=raw["date"],
                 year=raw["folder_year"] or raw["date"].year, campaigns=campaigns, criteria=criteria,
                 awards=tuple(raw.get("awards") or ()), byline=raw.get("byline"),
                 featured=bool(raw.get("featured")))


def _criteria(raw: dict, campaigns: tuple[str, ...], known: dict, problems) -> tuple[tuple[str, str], ...]:
    available = {}
    for slug in campaigns:
        for entry in known[slug].get("criteria") or ():
            if entry.get("id"):
                available.setdefault(entry["id"], []).append(slug)
    out = []
    for index, value in enumerate(raw.get("criteria") or ()):
        if value in available:
            out.extend((slug, value) for slug in available[value])
            continue
        names = {e.get("name"): e["id"] for slug in campaigns for e in known[slug].get("criteria") or ()
                 if e.get("id") and e.get("name")}
        near_name = nearest(value, list(names), cutoff=0.7)
        near = names[near_name] if near_name else nearest(value, list(available))
        problems.append(make("LT023", raw["file"], raw["parsed"].line("criteria", index), value=value,
                             campaigns=", ".join(campaigns) or "chưa có phong trào",
                             maybe=f"; có phải «{near}»?" if near else "",
                             hint=(f"ghi mã tiêu chí «{near}»" if near else
                                   "ghi một mã trong mục «criteria» của các phong trào của bài")))
    return tuple(dict.fromkeys(out))


def _news(raw: dict, registry: Registry, known: dict, problems) -> News | None:
    parsed: Parsed = raw["parsed"]
    _year_check(raw, problems)
    units = []
    for index, value in enumerate(raw.get("units") or ()):
        unit, issues = registry.check_reference(value, raw["file"], parsed.line("units", index), raw.get("date"))
        problems += issues
        if unit:
            units.append(unit.key)
    campaigns = _campaign_refs(raw, "campaigns", known, problems)
    if not raw.get("date"):
        return None
    return News(**_common(raw), kind=raw.get("kind") or "", date=raw["date"],
                year=raw["folder_year"] or raw["date"].year, campaigns=campaigns, units=tuple(units),
                byline=raw.get("byline"), featured=bool(raw.get("featured")))


_BY_DATE = attrgetter("date", "source")


def _address(item) -> tuple:
    """All `_duplicate_urls` reads of an item."""
    return type(item), item.source, item.slug, getattr(item, "year", None)


def _duplicate_urls(items) -> list[Diagnostic]:
    """LT030 for each item whose address another item (first by file name) already has."""
    seen: dict[str, str] = {}
    found = []
    for item in sorted(items, key=lambda i: i.source):
        kind = "campaign" if isinstance(item, Campaign) else "story" if isinstance(item, Story) else "news"
        url = item_url(kind, item.slug, getattr(item, "year", None))
        if url in seen:
            found.append(make("LT030", item.source, 1, url=url, other=seen[url]))
        else:
            seen[url] = item.source
    return found
