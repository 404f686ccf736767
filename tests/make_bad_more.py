"""Writes tests/fixtures/bad-more/: the bad inputs of issue 19 that the checker used to pass or
the build used to publish (broken photos, strict-only warnings, settings, unit cycles, names that
slug to nothing, look-alike files, future and draft items, links out, attachments).
`python tests/make_bad_more.py` rewrites it; `expected.txt` is scripts/check's output on it."""
from __future__ import annotations

import io
import os
import shutil
import struct
import zlib
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent / "fixtures" / "bad-more"

UNITS = """\
- key: tinh
  name: Thử
  level: tỉnh
- key: huyen-cu
  name: Cũ
  level: huyện
  parent: tinh
  valid_to: 2025-06-30
  successors: [xa-moi]
- key: xa-moi
  name: Mới
  level: xã
  parent: tinh
  valid_from: 2025-07-01
# a cycle of parent: vong-a ⊂ vong-b ⊂ vong-a
- key: vong-a
  name: Vòng A
  level: xã
  parent: vong-b
- key: vong-b
  name: Vòng B
  level: xã
  parent: vong-a
# a cycle of successors: ke-a → ke-b → ke-a
- key: ke-a
  name: Kế A
  level: xã
  parent: tinh
  successors: [ke-b]
- key: ke-b
  name: Kế B
  level: xã
  parent: tinh
  successors: [ke-a]
"""

CAMPAIGN = """\
---
title: {title}
kind: phong trào thi đua
level: tỉnh
issuer: Ban Thường vụ
start: '2022-01-01'
summary: Tóm tắt.
{extra}---
Nội dung phát động.
"""

STORY = """\
---
title: {title}
subject: Hoàng Thị Mai
subject_kind: cá nhân
unit: {unit}
date: '{date}'
campaigns: [{campaign}]
summary: Sapo.
{extra}---
{body}
"""


def photo_entry(name: str) -> str:
    return f"photos:\n- file: {name}\n  caption: Chị Mai\n  credit: Hà\n"


def jpeg(size=(640, 480)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 80)).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header says width×height (a decompression bomb as Pillow sees it)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + \
        chunk(b"IEND", b"")


def story(folder: str, *, title="Chị Mai", unit="tinh", date="2024-03-08", campaign="thu", extra="",
          body="Nội dung.", files: dict[str, bytes] | None = None, index_name="index.md") -> None:
    path = HERE / "stories" / "people" / folder
    path.mkdir(parents=True, exist_ok=True)
    (path / index_name).write_text(STORY.format(title=title, unit=unit, date=date, campaign=campaign,
                                                extra=extra, body=body), encoding="utf-8")
    for name, data in (files or {}).items():
        (path / name).write_bytes(data)


def main() -> None:
    shutil.rmtree(HERE, ignore_errors=True)
    (HERE / "docs").mkdir(parents=True)
    (HERE / "docs" / "gioi-thieu.md").write_text("# Giới thiệu\n\nBộ bài lỗi thứ hai.\n", encoding="utf-8")
    # No site_url: LT131 (previews and feeds need absolute URLs).
    (HERE / "mkdocs.yml").write_text("site_name: Bài lỗi (thêm)\ntheme:\n  name: material\n  language: vi\n"
                                     "plugins:\n  - lantoa\n", encoding="utf-8")
    stories = HERE / "stories"
    stories.mkdir()
    (stories / "units.yml").write_text(UNITS, encoding="utf-8")
    campaigns = stories / "campaigns"
    for slug, extra in [("thu", ""), ("nhap", "draft: true\n"),
                        ("dinh-kem", "attachments:\n- file: trang.html\n  title: Trang\n"
                                     "- file: hinh.svg\n  title: Hình\n- file: quyet-dinh.pdf\n  title: Quyết định\n"),
                        ("cap-tren-nhap", "parent: nhap\n")]:
        (campaigns / slug).mkdir(parents=True)
        (campaigns / slug / "index.md").write_text(CAMPAIGN.format(title=f"Phong trào {slug}", extra=extra),
                                                   encoding="utf-8")
    (campaigns / "dinh-kem" / "trang.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (campaigns / "dinh-kem" / "hinh.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
                                                     encoding="utf-8")
    (campaigns / "dinh-kem" / "quyet-dinh.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (campaigns / "dinh-kem" / "index.html").write_text("<p>trang</p>", encoding="utf-8")
    good = jpeg()
    # Photos the checker used to pass.
    story("2024/anh-la-van-ban", extra=photo_entry("anh-1.jpg"), files={"anh-1.jpg": b"Day la van ban.\n"})
    story("2024/anh-cut", extra=photo_entry("anh-1.jpg"), files={"anh-1.jpg": good[: len(good) // 2]})
    story("2024/anh-rong", extra=photo_entry("anh-1.jpg"), files={"anh-1.jpg": b""})
    story("2024/anh-bom", extra=photo_entry("anh-1.png"), files={"anh-1.png": png_claiming(30000, 30000)})
    buffer = io.BytesIO()
    Image.new("P", (640, 480)).save(buffer, "GIF")
    story("2024/anh-gif", extra=photo_entry("anh-1.gif"), files={"anh-1.gif": buffer.getvalue()})
    # A photo written as its file name alone (LT019).
    story("2024/anh-chi-ten", extra="photos:\n- anh-1.jpg\n", files={"anh-1.jpg": good})
    # A link to a file beside index.md that is not published (LT048).
    story("2024/lien-ket-tep", body="Xem [kế hoạch](ke-hoach.pdf).", files={"ke-hoach.pdf": b"%PDF-1.4\n%%EOF\n"})
    # Warnings only --strict fails on.
    story("2024/the-script", body="Chào.\n\n<script>alert(1)</script>\n")
    story("2025/dia-ban-da-bo", unit="huyen-cu", date="2025-09-02")
    story("2024/dia-ban-chua-co", unit="xa-moi", date="2024-03-08")
    story("2024/chu-nfd", title="Chi\u0323 Mai")
    # Names and look-alikes.
    story("2024/\U0001F338")
    story("2024/ten-hoa", index_name="index.MD")
    story("2024/ten-dai", index_name="index.markdown")
    story("2024/ten-txt", index_name="index.md.txt")
    (stories / "people" / "2024" / "chi-co-anh").mkdir(parents=True)
    (stories / "people" / "2024" / "chi-co-anh" / "anh-1.jpg").write_bytes(good)
    # Held back until its date; a link to a draft campaign.
    story("2099/hen-ngay", date="2099-01-01")
    story("2024/noi-nhap", campaign="nhap")
    # Files that link out of the project.
    out = stories / "people" / "2024" / "lien-ket-ra-ngoai"
    out.mkdir(parents=True)
    os.symlink("../../../../../../../README.md", out / "index.md")
    story("2024/anh-lien-ket", extra=photo_entry("anh-1.jpg"))
    os.symlink("../../../../../../../README.md", stories / "people" / "2024" / "anh-lien-ket" / "anh-1.jpg")


if __name__ == "__main__":
    main()
