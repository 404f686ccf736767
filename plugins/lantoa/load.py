"""Load stories/ into a Corpus: files → typed records + every problem found.

Pure function of the files: nothing is written, nothing downstream re-reads
front matter. An item with an error is left out of the corpus (its problems say
why); warnings keep it in.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from . import text
from .diagnostics import Diagnostic, define, make, os_reason
from .frontmatter import Parsed, parse
from .model import Attachment, Campaign, Corpus, Criterion, News, Photo, Story
from .project import STORIES_DIR
from .schema import CAMPAIGN, NEWS, STORY
from .shared import SharedChunks, chunked
from .units import Registry, load_registry
from .validate import Checker, nearest

define("LT013", "error", "Tệp đặt sai chỗ",
       "Tệp «{name}» không nằm ở vị trí Lan Tỏa đọc nên sẽ không có trên trang",
       "đặt mỗi bài vào một thư mục riêng, tên tệp là index.md: {expected}")
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
define("LT040", "error", "Thiếu tệp",
       "Không thấy tệp «{value}» trong thư mục của bài{maybe}",
       "đặt tệp cạnh index.md hoặc sửa tên tệp cho khớp, kể cả chữ hoa, chữ thường")
define("LT041", "error", "Đường dẫn ra ngoài thư mục bài",
       "Tệp «{value}» nằm ngoài thư mục của bài",
       "chép tệp vào thư mục của bài và chỉ ghi tên tệp, ví dụ «anh-1.jpg»")
define("LT043", "error", "Ảnh đại diện không có trong danh sách ảnh",
       "Ảnh đại diện «{value}» không có trong danh sách photos",
       "ghi tên tệp của một ảnh trong danh sách photos{maybe}")
define("LT060", "warning", "Mã nguy hiểm trong bài",
       "Nội dung có {what}; phần này đã bị loại bỏ khi dựng trang",
       "chỉ viết Markdown thường: liên kết bắt đầu bằng https://, không có thẻ <script> hay thuộc tính on…=")

SHARED_MINIMUM = 2000  # fewer files: reading them here costs less than starting a worker
SHARED_CHUNK = 100
_YEAR = re.compile(r"^\d{4}$")
# (pattern, characters it cannot match without, what it finds): a body without any of those
# characters is not scanned at all (Vietnamese prose has no "j"; "=" and "<" are rare).
_UNSAFE = [(re.compile(r"<\s*script", re.I), "<", "thẻ <script>"),
           (re.compile(r"\bon[a-z]+\s*=", re.I), "=", "thuộc tính on…= (JavaScript)"),
           (re.compile(r"javascript\s*:", re.I), "jJ", "liên kết javascript:")]


def load_corpus(root: Path, stories_dir: str = STORIES_DIR, read_cache: dict | None = None) -> Corpus:
    """Read `root/stories_dir` entirely; never raises for content mistakes.

    `read_cache` (kept by the caller across loads, as `mkdocs serve` does) skips parsing files
    whose index.md and folder are unchanged since the previous load."""
    base = root / stories_dir
    registry, problems = load_registry(base / "units.yml", root)
    found = _discover(base, root, problems)
    if read_cache is not None:
        present = {*found["campaign"], *found["story"], *found["news"]}
        for gone in [p for p in read_cache if p not in present]:
            del read_cache[gone]
    campaigns = _load_all(found["campaign"], root, CAMPAIGN, problems, read_cache)
    known_campaigns = {c["slug"]: c for c in campaigns}
    ok_campaigns = {}
    for raw in campaigns:
        campaign = _campaign(raw, registry, known_campaigns, problems)
        if campaign is not None:
            ok_campaigns[campaign.slug] = campaign
    _check_cycles(ok_campaigns, known_campaigns, problems)
    stories = [s for raw in _load_all(found["story"], root, STORY, problems, read_cache)
               if (s := _story(raw, registry, known_campaigns, problems)) is not None]
    news = [n for raw in _load_all(found["news"], root, NEWS, problems, read_cache)
            if (n := _news(raw, registry, known_campaigns, problems)) is not None]
    _check_urls(list(ok_campaigns.values()) + stories + news, problems)
    bad = {d.file for d in problems if d.is_error}
    return Corpus(
        root=root, units=registry,
        campaigns={k: c for k, c in sorted(ok_campaigns.items()) if c.source not in bad},
        stories=sorted((s for s in stories if s.source not in bad), key=lambda s: (s.date, s.source)),
        news=sorted((n for n in news if n.source not in bad), key=lambda n: (n.date, n.source)),
        diagnostics=problems,
    )


def item_url(kind: str, slug: str, year: int | None = None) -> str:
    """Site-relative URL of an item page (folder style, trailing slash)."""
    if kind == "campaign":
        return f"phong-trao/{slug}/"
    section = "cau-chuyen" if kind == "story" else "tin-tuc"
    return f"{section}/{year}/{slug}/"


def _discover(base: Path, root: Path, problems: list[Diagnostic]) -> dict[str, list[Path]]:
    found: dict[str, list[Path]] = {"campaign": [], "story": [], "news": []}
    expected = {"campaigns": ("campaign", 3), "people": ("story", 4), "news": ("news", 4)}
    for path in sorted(base.rglob("*.md"), key=lambda p: p.parts):
        parts = _parts_below(path, base)
        kind, depth = expected.get(parts[0], (None, 0)) if len(parts) > 1 else (None, 0)
        ok = kind and len(parts) == depth and parts[-1] == "index.md" and (depth == 3 or _YEAR.match(parts[1]))
        if ok:
            found[kind].append(path)
        else:
            problems.append(make("LT013", _rel(path, root), None, name=path.name, expected=(
                "stories/people/<năm>/<tên-bài>/index.md, stories/news/<năm>/<tên-bài>/index.md "
                "hoặc stories/campaigns/<mã-phong-trào>/index.md")))
    return found


def _rel(path: Path, root: Path) -> str:
    try:
        return "/".join(_parts_below(path, root))
    except ValueError:
        return path.as_posix()


def _parts_below(path: Path, parent: Path) -> tuple[str, ...]:
    """`path.relative_to(parent).parts`, without parsing paths again when parent is a prefix."""
    size = len(parent.parts)
    if path.parts[:size] == parent.parts:
        return path.parts[size:]
    return path.relative_to(parent).parts


def _load_all(paths: list[Path], root: Path, fields, problems, read_cache: dict | None = None) -> list[dict]:
    if read_cache is None and len(paths) >= SHARED_MINIMUM:
        return _load_shared(paths, root, fields, problems)
    out = []
    for path in paths:
        raw = _load_one(path, root, fields, problems) if read_cache is None else \
            _load_kept(path, root, fields, problems, read_cache)
        if raw is not None:
            out.append(raw)
    return out


def _load_shared(paths: list[Path], root: Path, fields, problems) -> list[dict]:
    """`_load_all` with worker processes reading from the end of the list (a build's start has
    a core to spare), in the same order."""
    shared = SharedChunks(_load_chunk, chunked(paths, SHARED_CHUNK), (root, fields))
    out = []
    try:
        for number in range(len(shared.chunks)):
            for raw, found in shared.result(number):
                problems += found
                if raw is not None:
                    out.append(raw)
    finally:
        shared.close()
    return out


def _load_chunk(paths: tuple[Path, ...], root: Path, fields) -> list[tuple[dict | None, list[Diagnostic]]]:
    done = []
    for path in paths:
        found: list[Diagnostic] = []
        done.append((_load_one(path, root, fields, found), found))
    return done


def _folder_stamps(folder: Path) -> tuple:
    """When the story folder and each folder under it last changed (photos may sit in subfolders)."""
    return tuple((here, os.stat(here).st_mtime_ns) for here, _, _ in os.walk(folder))


def _load_kept(path: Path, root: Path, fields, problems, read_cache: dict) -> dict | None:
    """`_load_one`, or its result from the previous load if neither the file nor its folder
    (photos added, removed or renamed) changed since."""
    try:
        file = path.stat()
        stamp = (file.st_mtime_ns, file.st_size, _folder_stamps(path.parent))
    except OSError:
        return _load_one(path, root, fields, problems)
    kept = read_cache.get(path)
    if kept is None or kept[0] != stamp:
        found: list[Diagnostic] = []
        kept = read_cache[path] = (stamp, _load_one(path, root, fields, found), found)
    problems += kept[2]
    return kept[1]


def _load_one(path: Path, root: Path, fields, problems) -> dict | None:
    file = _rel(path, root)
    try:
        source = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        problems.append(make("LT001", file, None, reason="tệp không phải văn bản UTF-8",
                             extra=" (Notepad: Lưu thành…, Mã hóa: UTF-8)"))
        return None
    except OSError as error:
        problems.append(make("LT001", file, None, reason=os_reason(error), extra=""))
        return None
    parsed, found = parse(source, file)
    problems += found
    if parsed is None:
        return None
    checker = Checker(parsed, file)
    clean = checker.record(parsed.data, fields)
    body = checker.normalise(parsed.body, "nội dung", ())
    problems += checker.problems
    if not body.strip():
        problems.append(make("LT011", file, parsed.body_line))
    for pattern, needs, what in _UNSAFE:
        match = any(c in body for c in needs) and pattern.search(body)
        if match:
            line = parsed.body_line + body.count("\n", 0, match.start())
            problems.append(make("LT060", file, line, what=what))
    folder = path.parent
    parts = _parts_below(folder, root / STORIES_DIR)
    clean.update(file=file, parsed=parsed, folder=folder, slug=text.slugify(folder.name),
                 folder_year=int(parts[1]) if len(parts) == 3 else None, body=body)
    clean["photos"] = _photos(clean, problems)
    clean["cover"] = _cover(clean, problems)
    return clean


def _inside(folder: Path, name: str) -> Path | None:
    """The file `name` if it stays inside `folder` (no absolute path, no '..', no symlink out)."""
    if Path(name).is_absolute() or name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return None
    candidate = folder / name
    try:
        resolved = candidate.resolve()
    except OSError:
        return None
    return candidate if resolved.is_relative_to(folder.resolve()) else None


def _file(raw: dict, name: str, path: tuple, problems) -> Path | None:
    parsed: Parsed = raw["parsed"]
    line = parsed.line(*path)
    target = _inside(raw["folder"], name)
    if target is None:
        problems.append(make("LT041", raw["file"], line, value=name))
        return None
    if not target.is_file():
        siblings = [p.name for p in raw["folder"].iterdir() if p.is_file() and p.name != "index.md"]
        near = nearest(name, siblings)
        problems.append(make("LT040", raw["file"], line, value=name,
                             maybe=f"; có phải «{near}»?" if near else ""))
        return None
    return target


def _photos(raw: dict, problems) -> tuple[Photo, ...]:
    out = []
    for index, entry in enumerate(raw.get("photos") or ()):
        name = entry.get("file")
        if not name:
            continue
        path = _file(raw, name, ("photos", index, "file"), problems)
        if path is not None and entry.get("caption"):
            out.append(Photo(file=name, path=path, caption=entry["caption"], credit=entry.get("credit"),
                             line=raw["parsed"].line("photos", index)))
    return tuple(out)


def _cover(raw: dict, problems) -> Photo | None:
    photos = raw["photos"]
    name = raw.get("cover")
    if not name:
        return photos[0] if photos else None
    for photo in photos:
        if photo.file == name:
            return photo
    names = [p.file for p in photos]
    problems.append(make("LT043", raw["file"], raw["parsed"].line("cover"), value=name,
                         maybe=(": " + ", ".join(names)) if names else ", hoặc thêm ảnh đó vào photos trước"))
    return None


def _common(raw: dict) -> dict:
    return dict(slug=raw["slug"], source=raw["file"], folder=raw["folder"], title=raw.get("title") or "",
                summary=raw.get("summary") or "", body=raw["body"], photos=raw["photos"], cover=raw["cover"],
                tags=tuple(raw.get("tags") or ()), draft=bool(raw.get("draft")))


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
        path = _file(raw, entry["file"], ("attachments", index, "file"), problems) if entry.get("file") else None
        if path is not None and entry.get("title"):
            attachments.append(Attachment(entry["file"], path, entry["title"], path.stat().st_size,
                                          parsed.line("attachments", index)))
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
    if date and folder_year and date.year != folder_year:
        problems.append(make("LT014", raw["file"], raw["parsed"].line("date"), folder=folder_year,
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
    # With an unknown campaign the criteria cannot be checked: the campaign's error says it all.
    criteria = _criteria(raw, campaigns, known, problems) if len(campaigns) == len(listed) else ()
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


def _check_urls(items, problems) -> None:
    seen: dict[str, str] = {}
    for item in sorted(items, key=lambda i: i.source):
        kind = "campaign" if isinstance(item, Campaign) else "story" if isinstance(item, Story) else "news"
        url = item_url(kind, item.slug, getattr(item, "year", None))
        if url in seen:
            problems.append(make("LT030", item.source, 1, url=url, other=seen[url]))
        else:
            seen[url] = item.source
