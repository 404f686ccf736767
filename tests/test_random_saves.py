"""Saves of every kind in random order, each rebuilt as `mkdocs serve` rebuilds it (the partial
rebuild where `partial.eligible`, else the full build it falls back to), and the served site
compared byte for byte with a fresh full build after each: what the kept values of a session
(`read_lists.Patched`, `remade.DictSince`, the archive's kept runs, `not_the_same`'s places, the
sweep's `Kept`) take over from one save to the next must never show.

`LANTOA_RANDOM_SAVES=<seeds>x<steps>[+<first seed>]` (e.g. `20x12+100`) runs more than CI does."""
from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from lantoa.engine import partial
from lantoa.schema import CAMPAIGN_KINDS, CAMPAIGN_LEVELS
from support import ROOT
from test_reuse import ServeSession, assert_same_as_a_fresh_build

_ASKED = re.fullmatch(r"(\d+)x(\d+)(?:\+(\d+))?", os.environ.get("LANTOA_RANDOM_SAVES", "3x8"))
SEEDS, STEPS, FIRST_SEED = int(_ASKED[1]), int(_ASKED[2]), int(_ASKED[3] or 0)

NEWS = """---
title: "{title}"
kind: {kind}
date: {date}
campaigns: [{campaign}]
summary: Tin thử của đợt phát động.
---
Nội dung tin: chị em hưởng ứng phong trào.
"""

AWARDS = ["Giấy khen của Hội LHPN huyện năm 2023", "Bằng khen của Hội LHPN tỉnh năm 2024",
          "Bằng khen của Trung ương Hội LHPN Việt Nam", "Danh hiệu «Phụ nữ tiêu biểu» năm 2025"]
BYLINES = ["Thu Hà (Hội LHPN huyện Lộc Bình)", "Minh Phương", "Ban Tuyên giáo Hội LHPN tỉnh", "Nông Thị Huệ"]
CREDITS = ["Thu Hà", "Phóng viên", "Hội LHPN xã cung cấp", None]
TAGS = ["khởi nghiệp", "nông thôn mới", "dân tộc thiểu số", "chuyển đổi số", "gia đình"]

WORDS = ["vườn quế", "chi hội", "Đồng Đăng", "mô hình", "hồi", "khởi nghiệp", "Lạng Sơn", "chị Mai",
         "\"trích dẫn\"", "<b>đậm</b>", "a & b", "Ngọc", "ĐỔI MỚI", "tổ hợp tác"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "scripts"))
    from benchkit import corpus as kit

    project = kit.write(kit.generate(40, seed=11), tmp_path_factory.mktemp("corpus") / "corpus")["lantoa"]
    campaign = sorted(p.name for p in (project / "stories/campaigns").iterdir())[0]
    news = project / "stories/news/2025/tin-dau-tien/index.md"
    news.parent.mkdir(parents=True)
    news.write_text(NEWS.format(title="Tin đầu tiên", kind="phát động", date="2025-03-02", campaign=campaign),
                    encoding="utf-8")
    rng = random.Random(11)
    for story in sorted(project.glob("stories/people/*/*/index.md"))[::6]:  # a few stories with two photos
        for name in ("anh-1.jpg", "anh-2.jpg"):
            picture(story.parent / name, rng)
        photos = photo_entries([{"file": "anh-1.jpg", "caption": "Chị em trong vườn", "credit": "Thu Hà"},
                                {"file": "anh-2.jpg", "caption": "Buổi sinh hoạt chi hội"}])
        story.write_text(story.read_text(encoding="utf-8").replace("\nsummary:", f"\nphotos:\n{photos}\nsummary:", 1),
                         encoding="utf-8")
    return project


def picture(path: Path, rng: random.Random) -> None:
    """A small JPEG of a colour and size of its own: saved over a photo, other pixels."""
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    colour = tuple(rng.randrange(256) for _ in range(3))
    Image.new("RGB", (600 + rng.randrange(300), 400 + rng.randrange(200)), colour).save(path, "JPEG")


def photo_entries(photos: list[dict]) -> str:
    """The entries of a `photos:` list as the scaffold writes them (a record each)."""
    lines = []
    for entry in photos:
        lines += [f"  - file: {entry['file']}", f"    caption: {quoted(entry['caption'])}"]
        if entry.get("credit"):
            lines.append(f"    credit: {quoted(entry['credit'])}")
    return "\n".join(lines)


def quoted(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


class Editor:
    """Random edits of the project's item files, as staff make them; returns the paths saved
    (a folder's as the watcher reports one: with a separator at the end, `folder`)."""

    def __init__(self, project: Path, rng: random.Random):
        self.project, self.rng = project, rng
        self.units = [u["key"] for u in yaml.safe_load((project / "stories/units.yml").read_text(encoding="utf-8"))
                      if u["level"] not in ("tỉnh",)]
        self.count = 0
        self.broken: dict[Path, str] = {}  # a file `mistake` broke → its text before
        self.linked: set[Path] = set()  # stories another story's text links to (`link`)
        self.deleted: dict[str, str] = {}  # a campaign `campaign_delete` deleted → its text

    @property
    def campaigns(self) -> list[str]:
        return sorted(p.parent.name for p in self.project.glob("stories/campaigns/*/index.md"))

    def stories(self) -> list[Path]:
        return sorted(self.project.glob("stories/people/*/*/index.md"))

    def news(self) -> list[Path]:
        return sorted(self.project.glob("stories/news/*/*/index.md"))

    def words(self, n: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(n))

    def date(self) -> dt.date:
        return dt.date(2019, 1, 1) + dt.timedelta(days=self.rng.randrange(0, 365 * 7 + 60))  # past 1/1/2026 too

    def edit(self) -> tuple[str, list[str | Path]]:
        kinds = [self.title, self.body, self.redate, self.move, self.campaign_set, self.tags, self.featured,
                 self.draft, self.updated, self.add, self.delete, self.rename, self.news_edit, self.news_add,
                 self.campaign_edit, self.two_at_once, self.subject_kind, self.mistake, self.photo,
                 self.photo_gone, self.criteria,
                 # the other fields of a story, its photos and its text's links
                 self.subject, self.summary, self.byline, self.awards, self.cover, self.photo_caption,
                 self.photo_order, self.photo_pixels, self.photo_second, self.link, self.link_target,
                 self.year_move, self.same_address, self.stray_file,
                 # news
                 self.news_units, self.news_summary, self.news_featured, self.news_tags, self.news_draft,
                 self.news_delete, self.news_photo,
                 # campaigns
                 self.campaign_add, self.campaign_delete, self.campaign_draft, self.campaign_criteria,
                 self.campaign_dates, self.campaign_parent, self.campaign_kind, self.campaign_tags,
                 self.campaign_more]
        kind = self.rng.choice(kinds)
        return kind.__name__, kind()

    def _front(self, path: Path, key: str, value: str | None) -> None:
        """Sets (or with None removes) a front-matter key's line, and the indented lines of a list
        of records under it; a `value` beginning with a line break is such a list."""
        text = path.read_text(encoding="utf-8")
        head, body = text[4:].split("\n---\n", 1)
        lines, under = [], False
        for line in head.splitlines():
            under = line.startswith(f"{key}:") or (under and line.startswith(" "))
            if not under:
                lines.append(line)
        if value is not None:
            lines.append(f"{key}:{value}" if value.startswith("\n") else f"{key}: {value}")
        path.write_text("---\n" + "\n".join(lines) + "\n---\n" + body, encoding="utf-8")

    def _data(self, path: Path) -> dict:
        """The front matter as YAML reads it ({} while a `mistake` leaves it unreadable)."""
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")[4:].split("\n---\n", 1)[0])
        except (yaml.YAMLError, ValueError):  # ValueError: the date 2024-02-30
            return {}
        return data if isinstance(data, dict) else {}

    def _retag(self, path: Path) -> list[Path]:
        """None, one or two tags on the item."""
        tags = self.rng.sample(TAGS, self.rng.randint(0, 2))
        self._front(path, "tags", "[" + ", ".join(map(self._quoted, tags)) + "]" if tags else None)
        return [path]

    def _quoted(self, text: str) -> str:
        return quoted(text)

    @staticmethod
    def folder(path: Path) -> str:
        """A folder's path as the watcher reports a folder created, moved or deleted."""
        return os.path.join(path, "")

    def story(self) -> Path:
        """A story; a third of the time one another story links to (so that its rename, deletion,
        draft or new title reaches the page that links to it)."""
        linked = sorted(p for p in self.linked if p.exists())
        if linked and self.rng.random() < 1 / 3:
            return self.rng.choice(linked)
        return self.rng.choice(self.stories())

    def title(self) -> list[Path]:
        path = self.story()
        self._front(path, "title", self._quoted(f"Chị {self.words(2)} {self.count}"))
        self.count += 1
        return [path]

    def body(self) -> list[Path]:
        path = self.story()
        path.write_text(path.read_text(encoding="utf-8") + f"\nĐoạn thêm: {self.words(6)}.\n", encoding="utf-8")
        return [path]

    def redate(self) -> list[Path]:
        path = self.story()
        self._front(path, "date", self.date().isoformat())
        return [path]

    def move(self) -> list[Path]:
        path = self.story()
        self._front(path, "unit", self._quoted(self.rng.choice(self.units)))
        return [path]

    def campaign_set(self) -> list[Path]:
        path = self.story()
        chosen = self.rng.sample(self.campaigns, self.rng.randint(1, 2))
        self._front(path, "criteria", None)
        self._front(path, "campaigns", "[" + ", ".join(chosen) + "]")
        return [path]

    def tags(self) -> list[Path]:
        return self._retag(self.story())

    def featured(self) -> list[Path]:
        path = self.story()
        self._front(path, "featured", self.rng.choice(["true", "false", None]))
        return [path]

    def draft(self, path: Path | None = None) -> list[Path]:
        path = path or self.story()
        self._front(path, "draft", "true" if "\ndraft: true" not in path.read_text(encoding="utf-8") else None)
        return [path]

    def updated(self) -> list[Path]:
        path = self.story()
        date = re.search(r"^date: (\S+)", path.read_text(encoding="utf-8"), re.M).group(1)
        try:
            later = dt.date.fromisoformat(date) + dt.timedelta(days=self.rng.randint(1, 400))
        except ValueError:  # the date `mistake` wrote
            later = self.date()
        self._front(path, "updated", self.rng.choice([later.isoformat(), None]))
        return [path]

    def subject_kind(self) -> list[Path]:
        path = self.story()
        self._front(path, "subject_kind", self.rng.choice(["cá nhân", "tập thể"]))
        return [path]

    def mistake(self) -> list[Path]:
        """A mistake in a story (a date that does not exist, a quote left open, a place or a
        criterion nobody knows), or one made before mended: `serve` shows the rest of the site
        and the problems on every page, and a save that keeps their number is still partial."""
        while self.broken and self.rng.random() < 0.6:
            path, text = self.broken.popitem()
            if path.exists():
                path.write_text(text, encoding="utf-8")
                return [path]
        path = self.story()
        self.broken.setdefault(path, path.read_text(encoding="utf-8"))
        key, value = self.rng.choice([("date", "2024-02-30"), ("title", '"Chị Lan chưa đóng ngoặc'),
                                      ("unit", "xa-khong-co-that"), ("criteria", "[khong-co-tieu-chi]")])
        self._front(path, key, value)
        return [path]

    def criteria(self) -> list[Path]:
        """Criteria of the story's own campaigns (the campaigns' `criteria` ids)."""
        path = self.story()
        found = re.search(r"^campaigns: \[(.*)\]", path.read_text(encoding="utf-8"), re.M)
        ids = []
        for slug in (found[1].split(", ") if found else []):
            campaign = self.project / f"stories/campaigns/{slug.strip()}/index.md"
            if campaign.exists():
                ids += re.findall(r"^  - id: (\S+)", campaign.read_text(encoding="utf-8"), re.M)
        chosen = self.rng.sample(ids, min(len(ids), self.rng.randint(0, 2)))
        self._front(path, "criteria", "[" + ", ".join(chosen) + "]" if chosen else None)
        return [path]

    def photo_gone(self) -> list[Path]:
        """A photo file a story names, deleted (a missing photo: LT040), or none if no story has one."""
        photos = sorted(p for p in self.project.glob("stories/people/*/*/anh-*.jpg")
                        if p.name in p.with_name("index.md").read_text(encoding="utf-8"))
        if not photos:
            return self.photo()
        gone = self.rng.choice(photos)
        gone.unlink()
        return [gone]

    def photo(self) -> list[Path]:
        from projects import photo

        path = self.story()
        name = f"anh-{self.count}.jpg"
        self.count += 1
        photo(path.parent / name, (900 + self.rng.randrange(400), 700))
        self._front(path, "photos", f'[{{file: {name}, caption: "Ảnh số {self.count}"}}]')
        return [path.parent / name, path]

    def add(self) -> list[Path]:
        source = self.story()
        year = self.rng.choice(sorted({p.parent.parent.name for p in self.stories()}))
        added = self.project / f"stories/people/{year}/bai-them-{self.count}/index.md"
        added.parent.mkdir(parents=True)
        added.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
        self._front(added, "title", self._quoted(f"Bài thêm {self.words(2)} {self.count}"))
        self._front(added, "date", f"{year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}")
        self.count += 1
        return [added]

    def delete(self, path: Path | None = None) -> list[Path]:
        folder = (path or self.story()).parent
        shutil.rmtree(folder)
        return [folder]

    def rename(self, path: Path | None = None) -> list[Path]:
        folder = (path or self.story()).parent
        renamed = folder.with_name(f"{folder.name[:30]}-doi-{self.count}")
        self.count += 1
        folder.rename(renamed)
        return [folder, renamed]

    def news_edit(self) -> list[Path]:
        if not self.news():
            return self.news_add()
        path = self.rng.choice(self.news())
        choice = self.rng.randrange(4)
        if choice == 0:
            self._front(path, "title", self._quoted(f"Tin {self.words(3)} {self.count}"))
            self.count += 1
        elif choice == 1:
            self._front(path, "date", self.date().isoformat())
        elif choice == 2:
            self._front(path, "campaigns", "[" + ", ".join(self.rng.sample(self.campaigns, 1)) + "]")
        else:
            self._front(path, "kind", self.rng.choice(["phát động", "sơ kết", "tổng kết", "tuyên dương"]))
        return [path]

    def news_add(self) -> list[Path]:
        date = self.date()
        path = self.project / f"stories/news/{date.year}/tin-them-{self.count}/index.md"
        path.parent.mkdir(parents=True)
        path.write_text(NEWS.format(title=f"Tin thêm {self.count}", kind="hoạt động", date=date.isoformat(),
                                    campaign=self.rng.choice(self.campaigns)), encoding="utf-8")
        self.count += 1
        return [path]

    def campaign_edit(self) -> list[Path]:
        path = self.campaign()
        choice = self.rng.randrange(3)
        if choice == 0:
            self._front(path, "title", self._quoted(f"Phong trào {self.words(2)} {self.count}"))
            self.count += 1
        elif choice == 1:
            self._front(path, "summary", self._quoted(f"Tóm tắt {self.words(4)}"))
        else:
            self._front(path, "end", self.rng.choice([None, "2027-06-30", "2024-12-31"]))
        return [path]

    def two_at_once(self) -> list[Path]:
        """Two saves the watcher reports together (a rebuild still running when the second came)."""
        return [*self.title(), *self.rng.choice([self.redate, self.move, self.body])()]

    # ---- a story's other fields ----------------------------------------------------------

    def subject(self) -> list[Path]:
        path = self.story()
        self._front(path, "subject", self._quoted(f"Chị {self.words(2)}"))
        return [path]

    def summary(self) -> list[Path]:
        path = self.story()
        self._front(path, "summary", self._quoted(f"Chị {self.words(5)}."))
        return [path]

    def byline(self) -> list[Path]:
        path = self.story()
        self._front(path, "byline", self.rng.choice([*map(self._quoted, BYLINES), None]))
        return [path]

    def awards(self) -> list[Path]:
        path = self.story()
        awards = self.rng.sample(AWARDS, self.rng.randint(0, 2))
        self._front(path, "awards", "[" + ", ".join(map(self._quoted, awards)) + "]" if awards else None)
        return [path]

    # ---- photos --------------------------------------------------------------------------

    def _photos(self, path: Path) -> list[dict]:
        photos = self._data(path).get("photos")
        return [p for p in photos if isinstance(p, dict) and isinstance(p.get("file"), str)] \
            if isinstance(photos, list) else []

    def _set_photos(self, path: Path, photos: list[dict]) -> None:
        self._front(path, "photos", "\n" + photo_entries(photos))

    def pictured(self) -> tuple[Path, list[Path]]:
        """A story that lists photos, and what was saved to give it one when none did."""
        listed = [p for p in self.stories() if self._photos(p)]
        if listed:
            return self.rng.choice(listed), []
        saved = self.photo()
        return saved[-1], saved

    def cover(self) -> list[Path]:
        """Another of the story's photos for its cover, none (the first photo), or a file not in
        its list (LT043)."""
        path, saved = self.pictured()
        files = [p["file"] for p in self._photos(path)]
        self._front(path, "cover", self.rng.choice([*files, "anh-bia.jpg", None]))
        return [*saved, path]

    def photo_caption(self) -> list[Path]:
        """A photo's caption or credit written again (or its credit taken out)."""
        path, saved = self.pictured()
        photos = self._photos(path)
        entry = self.rng.choice(photos)
        if self.rng.random() < 0.5:
            entry["caption"] = f"Chị {self.words(3)}"
        else:
            entry["credit"] = self.rng.choice(CREDITS)
        self._set_photos(path, photos)
        return [*saved, path]

    def photo_order(self) -> list[Path]:
        """The story's photos listed in another order (the first is the cover unless one is named)."""
        path, saved = self.pictured()
        photos = self._photos(path)
        if len(photos) < 2:
            return [*saved, *self.photo_second(path)]
        self._set_photos(path, photos[::-1])
        return [*saved, path]

    def photo_pixels(self) -> list[Path]:
        """A photo the story lists, saved over by another picture under the same name."""
        path, saved = self.pictured()
        photo = path.parent / self.rng.choice(self._photos(path))["file"]
        picture(photo, self.rng)
        return [*saved, photo]

    def photo_second(self, path: Path | None = None) -> list[Path]:
        """One more photo in a story's folder and at the end of its list."""
        path = path or self.story()
        photos = self._photos(path)
        name = f"anh-them-{self.count}.jpg"
        self.count += 1
        picture(path.parent / name, self.rng)
        photos.append({"file": name, "caption": f"Ảnh {self.words(2)}", "credit": self.rng.choice(CREDITS)})
        self._set_photos(path, photos)
        return [path.parent / name, path]

    # ---- a story's text linking others, and its folder -----------------------------------

    def link(self) -> list[Path]:
        """A paragraph linking another story by its relative path, as MkDocs links pages (and, in
        a story with photos, one of them shown in the text): later saves rename, delete or hold
        back the story linked to (`story`)."""
        path, other = self.rng.sample(self.stories(), 2)
        year, slug = other.parent.parent.name, other.parent.name
        href = f"../{slug}/index.md" if year == path.parent.parent.name else f"../../{year}/{slug}/index.md"
        text = f"\nXem thêm [câu chuyện {self.words(2)}]({href}).\n"
        photos = self._photos(path)
        if photos and self.rng.random() < 0.5:
            text += f"\n![{self.words(2)}]({self.rng.choice(photos)['file']})\n"
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
        self.linked.add(other)
        return [path]

    def year_move(self, path: Path | None = None) -> list[str | Path]:
        """A story's folder moved to another year's folder (maybe a new one), its date changed to
        that year or not (LT014: the folder's year and the date's differ)."""
        path = path or self.story()
        year = self.rng.choice(sorted({p.parent.parent.name for p in self.stories()} | {"2018"}))
        target = self.project / "stories/people" / year / path.parent.name
        if target.exists():
            target = target.with_name(f"{target.name}-{self.count}")
            self.count += 1
        made = [] if target.parent.exists() else [self.folder(target.parent)]
        target.parent.mkdir(parents=True, exist_ok=True)
        path.parent.rename(target)
        if self.rng.random() < 0.5:
            date = dt.date(int(year), self.rng.randint(1, 12), self.rng.randint(1, 28))
            self._front(target / "index.md", "date", date.isoformat())
            made.append(target / "index.md")
        return [*made, self.folder(path.parent), self.folder(target)]

    def link_target(self) -> list[str | Path]:
        """A story another's text links to (`link`; one written first if there is none) renamed,
        deleted, held back or published again, or moved to another year: the link is then to
        another address, or to no page (MkDocs leaves it as written)."""
        linked = sorted(p for p in self.linked if p.exists())
        if not linked:
            return self.link()
        change = self.rng.choice([self.rename, self.delete, self.draft, self.year_move])
        return change(self.rng.choice(linked))

    def same_address(self) -> list[str | Path]:
        """A story copied into a folder named as its own but with a capital (the same address: LT030
        holds one back), or such a folder deleted again."""
        twins = [p for p in self.stories() if p.parent.name != p.parent.name.lower()]
        if twins and self.rng.random() < 0.5:
            folder = self.rng.choice(twins).parent
            shutil.rmtree(folder)
            return [self.folder(folder)]
        source = self.story().parent
        twin = source.with_name(source.name.capitalize())
        if twin.exists():
            return self.body()
        shutil.copytree(source, twin)
        self._front(twin / "index.md", "title", self._quoted(f"Chị {self.words(2)} (bản sao)"))
        return [self.folder(twin), twin / "index.md"]

    def stray_file(self) -> list[Path]:
        """A file beside a story's index.md that is not read (notes: LT013 for Markdown, LT076 for
        a copy of index.md), or one such taken away again."""
        strays = sorted(p for name in ("ghi-chu.md", "ban-nhap.txt", "index.md.bak")
                        for p in self.project.glob(f"stories/people/*/*/{name}"))
        if strays and self.rng.random() < 0.5:
            gone = self.rng.choice(strays)
            gone.unlink()
            return [gone]
        path = self.story()
        stray = path.with_name(self.rng.choice(["ghi-chu.md", "ban-nhap.txt", "index.md.bak"]))
        stray.write_text(f"Ghi chú: {self.words(4)}\n", encoding="utf-8")
        return [stray]

    # ---- news ----------------------------------------------------------------------------

    def a_news(self) -> Path:
        return self.rng.choice(self.news())  # `news_delete` leaves one

    def news_units(self) -> list[Path]:
        path = self.a_news()
        units = self.rng.sample(self.units, self.rng.randint(0, 2))
        self._front(path, "units", "[" + ", ".join(units) + "]" if units else None)
        return [path]

    def news_summary(self) -> list[Path]:
        path = self.a_news()
        self._front(path, "summary", self._quoted(f"Tin {self.words(4)}."))
        return [path]

    def news_featured(self) -> list[Path]:
        path = self.a_news()
        self._front(path, "featured", self.rng.choice(["true", "false", None]))
        return [path]

    def news_tags(self) -> list[Path]:
        return self._retag(self.a_news())

    def news_draft(self) -> list[Path]:
        path = self.a_news()
        self._front(path, "draft", None if self._data(path).get("draft") else "true")
        return [path]

    def news_delete(self) -> list[str | Path]:
        """A news item's folder deleted, while another is left; else one added."""
        if len(self.news()) < 2:
            return self.news_add()
        folder = self.a_news().parent
        shutil.rmtree(folder)
        return [self.folder(folder)]

    def news_photo(self) -> list[Path]:
        """A photo in a news item's folder, added to its list (the first: its cover)."""
        return self.photo_second(self.a_news())

    # ---- campaigns -----------------------------------------------------------------------

    def campaign(self) -> Path:
        return self.project / f"stories/campaigns/{self.rng.choice(self.campaigns)}/index.md"

    def campaign_add(self) -> list[str | Path]:
        """A campaign deleted before put back, or a new one: another's file with a new title."""
        if self.deleted and self.rng.random() < 0.5:
            slug, text = self.deleted.popitem()
            path = self.project / f"stories/campaigns/{slug}/index.md"
        else:
            text = self.campaign().read_text(encoding="utf-8")
            path = self.project / f"stories/campaigns/dot-thi-dua-{self.count}/index.md"
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
        if "dot-thi-dua" in path.parent.name:
            self._front(path, "title", self._quoted(f"Đợt thi đua {self.words(2)} {self.count}"))
            self.count += 1
        return [self.folder(path.parent), path]

    def campaign_delete(self) -> list[str | Path]:
        """A campaign's folder deleted, stories and news still naming it (LT022), while three are
        left; else one put back."""
        if len(self.campaigns) <= 3:
            return self.campaign_add()
        path = self.campaign()
        self.deleted[path.parent.name] = path.read_text(encoding="utf-8")
        shutil.rmtree(path.parent)
        return [self.folder(path.parent)]

    def campaign_draft(self) -> list[Path]:
        """A campaign held back (stories and news linking to it: LT073), or published again."""
        path = self.campaign()
        self._front(path, "draft", None if self._data(path).get("draft") else "true")
        return [path]

    def campaign_criteria(self) -> list[Path]:
        """A criterion's id written otherwise (stories naming the old one: LT023), one added, or one
        taken out."""
        path = self.campaign()
        text = path.read_text(encoding="utf-8")
        ids = re.findall(r"^  - id: (\S+)$", text, re.M)
        choice = self.rng.randrange(3) if ids else 1
        if choice == 0:
            old = self.rng.choice(ids)
            text = text.replace(f"  - id: {old}\n", f"  - id: {old}-moi\n", 1)
        elif choice == 1:
            added = f"  - id: tieu-chi-{self.count}\n    name: {self._quoted(f'Tiêu chí {self.words(2)}')}\n"
            self.count += 1
            text = text.replace("\ncriteria:\n", "\ncriteria:\n" + added, 1) if "\ncriteria:\n" in text else \
                text.replace("\n---\n", "\ncriteria:\n" + added.rstrip("\n") + "\n---\n", 1)
        else:
            text = re.sub(rf"^  - id: {re.escape(self.rng.choice(ids))}\n(    .*\n)*", "", text, count=1, flags=re.M)
        path.write_text(text, encoding="utf-8")
        return [path]

    def campaign_dates(self) -> list[Path]:
        """The start, or the nomination window (sometimes before the start: a mistake)."""
        path = self.campaign()
        start = dt.date(2015, 1, 1) + dt.timedelta(days=self.rng.randrange(365 * 10))
        key = self.rng.choice(["start", "nomination_start", "nomination_end"])
        if key == "start":
            self._front(path, "start", start.isoformat())
        else:
            day = self._data(path).get("start")
            day = day if isinstance(day, dt.date) else start
            later = day + dt.timedelta(days=self.rng.randint(-30, 400) + (60 if key == "nomination_end" else 0))
            self._front(path, key, self.rng.choice([later.isoformat(), None]))
        return [path]

    def campaign_parent(self) -> list[Path]:
        """The campaign it carries out: another, none, or itself (LT025; two naming each other too)."""
        path = self.campaign()
        self._front(path, "parent", self.rng.choice([*self.campaigns, None]))
        return [path]

    def campaign_kind(self) -> list[Path]:
        path = self.campaign()
        if self.rng.random() < 0.5:
            self._front(path, "kind", self.rng.choice(CAMPAIGN_KINDS))
        else:
            self._front(path, "level", self.rng.choice(CAMPAIGN_LEVELS))
        return [path]

    def campaign_tags(self) -> list[Path]:
        return self._retag(self.campaign())

    def campaign_more(self) -> list[Path]:
        """Another of a campaign's fields: issuer, document number and date, place, targets, awards."""
        path = self.campaign()
        key, value = self.rng.choice([
            ("issuer", self._quoted(f"Ban Thường vụ Hội LHPN {self.words(1)}")),
            ("document_number", self.rng.choice([f"{self.rng.randint(1, 200)}/KH-BTV", None])),
            ("issued", self.rng.choice([self.date().isoformat(), None])),
            ("unit", self.rng.choice([*self.units[:5], None])),
            ("targets", self.rng.choice(['["100% cơ sở Hội triển khai", "Mỗi chi hội một mô hình"]', None])),
            ("awards", self.rng.choice(["[" + self._quoted(AWARDS[1]) + "]", None]))])
        self._front(path, key, value)
        return [path]


def rebuild(session: ServeSession, saved: list[str | Path]) -> str:
    """As the server: the partial rebuild where it is eligible and does it, else a full build."""
    changed = {str(p) for p in saved}
    stories = session.project / "stories"
    if partial.eligible(session.plugin.site, changed, stories) and partial.rebuild_changed(session.plugin, changed):
        keeper = session.plugin.rebuilds.kept.search_index
        keeper.release()
        partial.settle(session.plugin.site, wait=True)
        return "partial"
    session.rebuild()
    return "full"


@pytest.mark.parametrize("seed", range(FIRST_SEED, FIRST_SEED + SEEDS))
def test_random_saves_give_the_site_a_full_build_gives(generated, seed, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    project = tmp_path / "project"
    shutil.copytree(generated, project)
    monkeypatch.chdir(project)
    session = ServeSession(project, tmp_path / "served")
    session.rebuild()
    editor, done = Editor(project, random.Random(seed)), []
    try:
        for _ in range(STEPS):
            kind, saved = editor.edit()
            done.append(f"{kind}:{rebuild(session, saved)}")
            try:
                assert_same_as_a_fresh_build(session, tmp_path)
            except AssertionError as error:
                raise AssertionError(f"seed {seed}, after {' → '.join(done)}: {error}") from error
    finally:
        session.close()
    assert STEPS < 4 or any(step.endswith(":partial") for step in done), done
