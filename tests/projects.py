"""Small projects written into a temporary folder, for validation and build tests."""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "fixtures" / "small"

UNITS = """\
- key: tinh
  name: Thử
  level: tỉnh
- key: huyen-my-tu
  name: Mỹ Tú
  level: huyện
  parent: tinh
  aliases: [H. Mỹ Tú]
  valid_to: 2025-06-30
  successors: [xa-my-tu]
- key: xa-my-tu
  name: Mỹ Tú
  level: xã
  parent: tinh
  valid_from: 2025-07-01
"""

CAMPAIGN = dict(title="Phong trào thử", kind="phong trào thi đua", level="tỉnh", issuer="Ban Thường vụ",
                start="2022-01-01", summary="Tóm tắt.", criteria=[dict(id="tri-thuc", name="Có tri thức")])
STORY = dict(title="Chị Mai", subject="Hoàng Thị Mai", subject_kind="cá nhân", unit="huyen-my-tu",
             date="2024-03-08", campaigns=["thu"], criteria=["tri-thuc"], summary="Sapo.",
             photos=[dict(file="anh-1.jpg", caption="Chị Mai", credit="Hà")])


def front_matter(data: dict, body: str = "Nội dung bài.\n") -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body


def photo(path: Path, size=(800, 600)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (160, 40, 90)).save(path, "JPEG")
    return path


class Project:
    """A project folder with a unit registry, one campaign and whatever items a test writes."""

    def __init__(self, root: Path):
        self.root = root
        self.stories = root / "stories"
        self.stories.mkdir(parents=True, exist_ok=True)
        (self.stories / "units.yml").write_text(UNITS, encoding="utf-8")
        self.write("campaigns/thu/index.md", front_matter(CAMPAIGN, "Nội dung phát động.\n"))

    def write(self, relative: str, content: str | bytes) -> Path:
        path = self.stories / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def story(self, folder: str = "2024/chi-mai", body: str = "Nội dung bài.\n", **changes) -> Path:
        data = {**STORY, **changes}
        data = {k: v for k, v in data.items() if v is not None}
        path = self.write(f"people/{folder}/index.md", front_matter(data, body))
        photos = data.get("photos")
        for entry in photos if isinstance(photos, list) else ():
            if isinstance(entry, dict) and isinstance(entry.get("file"), str) and "/" not in entry["file"]:
                photo(path.parent / entry["file"])
        return path


def copy_small(destination: Path) -> Path:
    """The small fixture site, copied, with its photos generated."""
    shutil.copytree(SMALL, destination, ignore=shutil.ignore_patterns(".cache", "*.jpg"))
    for index in sorted(destination.glob("stories/people/*/*/index.md")):
        photo(index.parent / "anh-1.jpg", (1200, 900))
    return destination
