"""The site's size, seen before it hurts: one line per build (bytes by kind, files) and the
`host_limit` check (LT150 near the host's limit, LT151 over it).

A Pages host stops a site at a size or a file count (GitHub Pages 1 GB; Cloudflare Pages 20,000
files; GitLab Pages 1 GB and 200,000 files; Netlify 54,000 files in one folder): an archive that
grows by ~1,500 stories a year reaches them within months unless it is told in time. Plain data:
a folder in, a `SiteSize` and diagnostics out.
"""
from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, define, make

KINDS = ("pages", "renditions", "cards", "search", "other")
LABELS = {"pages": "trang HTML", "renditions": "ảnh", "cards": "thẻ chia sẻ", "search": "chỉ mục tìm kiếm",
          "other": "khác"}
# The first folder of a path → its kind (pages are told by their .html ending, anywhere else).
# Photos' renditions and their crops for search engines (crops.URL_PREFIX) are both "ảnh".
FOLDERS = {"anh": "renditions", "anh-bia": "renditions", "the-chia-se": "cards"}
SEARCH_FOLDER = "assets/lantoa/search-index"
WARN_AT = 0.8

GB = 1_000_000_000
# Each host's published limits (README "Deploy"): total bytes, files, files in one folder.
HOSTS: dict[str, tuple[int | None, int | None, int | None]] = {
    "github-pages": (GB, 100_000, None),
    "gitlab-pages": (GB, 200_000, None),
    "cloudflare-pages": (None, 20_000, None),
    "cloudflare-pages-paid": (None, 100_000, None),
    "netlify": (None, None, 54_000),
    "object-storage": (None, None, None),
}
DEFAULT_HOST = "github-pages"

NEAR = define(
    "LT150", "warning", "Trang sắp vượt giới hạn của nơi đăng",
    "Trang đã dùng {percent} % giới hạn của nơi đăng ({what}); lớn nhất là {largest}.",
    "Bớt một cỡ ảnh trong `photo_widths`, hoặc chuyển sang đăng lên kho lưu trữ đối tượng (S3, R2…) bằng "
    "`scripts/deploy` (xem README, mục Deploy) trước khi bản dựng bị từ chối.")
OVER = define(
    "LT151", "error", "Trang vượt giới hạn của nơi đăng",
    "Trang đã vượt giới hạn của nơi đăng: {what}; lớn nhất là {largest}. Nơi đăng sẽ từ chối trang này.",
    "Đăng lên kho lưu trữ đối tượng (S3, R2…) bằng `scripts/deploy` (xem README, mục Deploy) và đặt "
    "`host_limit: object-storage`, hoặc bớt một cỡ ảnh trong `photo_widths`.")


@dataclasses.dataclass(frozen=True)
class HostLimit:
    name: str
    bytes: int | None = None
    files: int | None = None
    files_per_folder: int | None = None


@dataclasses.dataclass(frozen=True)
class SiteSize:
    bytes: dict[str, int]  # kind → bytes
    files: dict[str, int]  # kind → files
    largest_folder: tuple[str, int] = ("", 0)  # the folder holding most files, and how many

    @property
    def total_bytes(self) -> int:
        return sum(self.bytes.values())

    @property
    def total_files(self) -> int:
        return sum(self.files.values())


def host_limit(value: Any) -> HostLimit:
    """`host_limit` from mkdocs.yml: a host's name (HOSTS) or {bytes|size, files, files_per_folder}."""
    if value is None or value == "":
        value = DEFAULT_HOST
    if isinstance(value, str):
        if value not in HOSTS:
            raise ValueError(f"host_limit: «{value}» không phải một nơi đăng đã biết ({', '.join(HOSTS)})")
        return HostLimit(value, *HOSTS[value])
    if isinstance(value, dict):
        size = value.get("bytes", value.get("size"))
        return HostLimit("tùy chỉnh", _bytes(size) if size is not None else None,
                         _int(value.get("files")), _int(value.get("files_per_folder")))
    raise ValueError("host_limit: ghi tên nơi đăng (github-pages…) hoặc {size: 1 GB, files: 100000}")


def _int(value) -> int | None:
    return None if value is None else int(value)


def _bytes(value) -> int:
    """1000000000, "1 GB", "500 MB", "2GiB" → bytes."""
    if isinstance(value, (int, float)):
        return int(value)
    text = str(value).strip().upper().replace(" ", "")
    for unit, factor in (("GIB", 2**30), ("MIB", 2**20), ("KIB", 2**10), ("GB", GB), ("MB", 10**6), ("KB", 10**3),
                         ("B", 1)):
        if text.endswith(unit):
            return int(float(text[: -len(unit)].replace(",", ".")) * factor)
    return int(text)


def measure(site_dir: Path) -> SiteSize:
    """Bytes and files of every kind under `site_dir` (logical sizes: what a host counts)."""
    sizes = dict.fromkeys(KINDS, 0)
    counts = dict.fromkeys(KINDS, 0)
    most = ("", 0)
    stack = [(Path(site_dir), "")]
    while stack:
        folder, relative = stack.pop()
        here = 0
        with os.scandir(folder) as entries:
            for entry in entries:
                path = f"{relative}{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    stack.append((Path(entry.path), path + "/"))
                    continue
                kind = kind_of(path)
                sizes[kind] += entry.stat(follow_symlinks=False).st_size
                counts[kind] += 1
                here += 1
        if here > most[1]:
            most = (relative or "/", here)
    return SiteSize(sizes, counts, most)


def kind_of(path: str) -> str:
    """A site-relative path's kind: pages, renditions, cards, search or other."""
    if path.endswith(".html"):
        return "pages"
    if path.startswith(SEARCH_FOLDER + "/"):
        return "search"
    return FOLDERS.get(path.split("/", 1)[0], "other") if "/" in path else "other"


def human(size: int) -> str:
    """Decimal units, as hosts state their limits: 1.15 GB, 312 MB, 48 KB."""
    for unit, factor in (("GB", GB), ("MB", 10**6), ("KB", 10**3)):
        if size >= factor:
            value = size / factor
            return f"{value:.2f} {unit}" if value < 10 else f"{value:.0f} {unit}"
    return f"{size} B"


def summary(size: SiteSize, limit: HostLimit) -> str:
    """The build's one line: total, files, and bytes by kind, against the host's limit."""
    parts = ", ".join(f"{LABELS[k]} {human(size.bytes[k])} ({size.files[k]:,} tệp)".replace(",", ".")
                      for k in KINDS if size.files[k])
    bound = []
    if limit.bytes:
        bound.append(f"{100 * size.total_bytes / limit.bytes:.0f} % của {human(limit.bytes)}")
    if limit.files:
        bound.append(f"{100 * size.total_files / limit.files:.0f} % của {limit.files:,} tệp".replace(",", "."))
    against = f" — {'; '.join(bound)} ({limit.name})" if bound else ""
    total_files = f"{size.total_files:,}".replace(",", ".")
    return f"Kích thước trang: {human(size.total_bytes)} trong {total_files} tệp ({parts}){against}"


def check(size: SiteSize, limit: HostLimit, config_file: str = "mkdocs.yml") -> list[Diagnostic]:
    """LT151 when a limit is passed, else LT150 from 80 % of one."""
    shares = []  # (share of the limit, what it says)
    if limit.bytes:
        shares.append((size.total_bytes / limit.bytes,
                       f"{human(size.total_bytes)} trên {human(limit.bytes)} của {limit.name}"))
    if limit.files:
        shares.append((size.total_files / limit.files,
                       f"{size.total_files:,} tệp trên {limit.files:,} tệp của {limit.name}".replace(",", ".")))
    if limit.files_per_folder:
        folder, count = size.largest_folder
        shares.append((count / limit.files_per_folder,
                       f"{count:,} tệp trong thư mục {folder} trên {limit.files_per_folder:,} tệp mỗi thư mục "
                       f"của {limit.name}".replace(",", ".")))
    if not shares:
        return []
    share, what = max(shares)
    largest = ", ".join(f"{LABELS[k]} {human(size.bytes[k])}"
                        for k in sorted(KINDS, key=lambda k: -size.bytes[k])[:2] if size.bytes[k])
    if share > 1:
        return [make("LT151", config_file, None, what=what, largest=largest)]
    if share >= WARN_AT:
        return [make("LT150", config_file, None, percent=f"{100 * share:.0f}", what=what, largest=largest)]
    return []


def report(site_dir: Path, option: Any, config_file: str = "mkdocs.yml") -> tuple[str, list[Diagnostic]]:
    """What a build says at its end: the size line, and LT150/LT151 against `host_limit`."""
    try:
        limit = host_limit(option)
    except (ValueError, TypeError) as error:
        limit = host_limit(DEFAULT_HOST)
        print(f"{config_file}: {error}; dùng giới hạn mặc định {DEFAULT_HOST}")
    size = measure(site_dir)
    return summary(size, limit), check(size, limit, config_file)
