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
    return project


class Editor:
    """Random edits of the project's item files, as staff make them; returns the paths saved."""

    def __init__(self, project: Path, rng: random.Random):
        self.project, self.rng = project, rng
        self.units = [u["key"] for u in yaml.safe_load((project / "stories/units.yml").read_text(encoding="utf-8"))
                      if u["level"] not in ("tỉnh",)]
        self.campaigns = sorted(p.name for p in (project / "stories/campaigns").iterdir())
        self.count = 0
        self.broken: dict[Path, str] = {}  # a file `mistake` broke → its text before

    def stories(self) -> list[Path]:
        return sorted(self.project.glob("stories/people/*/*/index.md"))

    def news(self) -> list[Path]:
        return sorted(self.project.glob("stories/news/*/*/index.md"))

    def words(self, n: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(n))

    def date(self) -> dt.date:
        return dt.date(2019, 1, 1) + dt.timedelta(days=self.rng.randrange(0, 365 * 7 + 60))  # past 1/1/2026 too

    def edit(self) -> tuple[str, list[Path]]:
        kinds = [self.title, self.body, self.redate, self.move, self.campaign_set, self.tags, self.featured,
                 self.draft, self.updated, self.add, self.delete, self.rename, self.news_edit, self.news_add,
                 self.campaign_edit, self.two_at_once, self.subject_kind, self.mistake, self.photo,
                 self.photo_gone, self.criteria]
        kind = self.rng.choice(kinds)
        return kind.__name__, kind()

    def _front(self, path: Path, key: str, value: str | None) -> None:
        """Sets (or with None removes) a front-matter key's line."""
        text = path.read_text(encoding="utf-8")
        head, body = text[4:].split("\n---\n", 1)
        lines = [line for line in head.splitlines() if not line.startswith(f"{key}:")]
        if value is not None:
            lines.append(f"{key}: {value}")
        path.write_text("---\n" + "\n".join(lines) + "\n---\n" + body, encoding="utf-8")

    def _quoted(self, text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    def story(self) -> Path:
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
        path = self.story()
        tags = self.rng.sample(["khởi nghiệp", "nông thôn mới", "dân tộc thiểu số", "chuyển đổi số", "gia đình"],
                               self.rng.randint(0, 2))
        self._front(path, "tags", "[" + ", ".join(self._quoted(t) for t in tags) + "]" if tags else None)
        return [path]

    def featured(self) -> list[Path]:
        path = self.story()
        self._front(path, "featured", self.rng.choice(["true", "false", None]))
        return [path]

    def draft(self) -> list[Path]:
        path = self.story()
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

    def delete(self) -> list[Path]:
        folder = self.story().parent
        shutil.rmtree(folder)
        return [folder]

    def rename(self) -> list[Path]:
        folder = self.story().parent
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
        path = self.project / f"stories/campaigns/{self.rng.choice(self.campaigns)}/index.md"
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


def rebuild(session: ServeSession, saved: list[Path]) -> str:
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
