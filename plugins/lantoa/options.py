"""The `lantoa` plugin's options as written in mkdocs.yml (`plugins: - lantoa: …`), each checked
the same way by the build and by `scripts/check`: a wrong value is LT136, with what to write, and
its default is used meanwhile, so a preview still builds (MkDocs' own checks said it in English
and stopped; a few wrong values made a traceback, or listings without stories).
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any, Callable

from PIL import Image, UnidentifiedImageError

from . import sitesize
from .diagnostics import Diagnostic, define, make
from .project import CONFIG_FILE, OPTION_DEFAULTS

define("LT136", "error", "Tùy chọn của Lan Tỏa không hợp lệ",
       "Tùy chọn «{name}» (plugins → lantoa) đang là «{value}»: {problem}; tạm dùng giá trị mặc định",
       "{hint}")
define("LT137", "warning", "Tùy chọn lạ",
       "Lan Tỏa không có tùy chọn «{name}» (plugins → lantoa), nên dòng này không có tác dụng",
       "sửa tên cho đúng{maybe}, hoặc xóa dòng này (các tùy chọn: README, mục Configuration)")

DEFAULTS: dict[str, Any] = {**OPTION_DEFAULTS, "union_name": "Hội Liên hiệp Phụ nữ", "page_size": 24, "quota": 2,
                            "logo": None, "facebook_url": None, "card_retention": 3}


class Wrong(ValueError):
    """(what is wrong, what to write instead), in Vietnamese."""


def _whole(low: int, high: int, example: str) -> Callable[[Any, Path], Any]:
    between = f"từ {low:,} đến {high:,}".replace(",", ".")
    def check(value, root):  # noqa: E306
        if isinstance(value, bool) or not isinstance(value, int):
            raise Wrong("không phải một số nguyên", f"viết một số {between}{example}")
        if not low <= value <= high:
            raise Wrong(f"phải {between}", "sửa lại số" + example)
        return value
    return check


def _text(value, root) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Wrong("phải là một dòng chữ", "viết tên đầy đủ, ví dụ: Hội Liên hiệp Phụ nữ tỉnh Lạng Sơn")
    return value.strip()


def _folder(value, root) -> str:
    if not isinstance(value, str) or not value.strip() or Path(value).is_absolute() or ".." in Path(value).parts:
        raise Wrong("phải là một thư mục trong dự án", "viết đường dẫn tương đối, ví dụ: stories")
    return value.strip()


def _cache(value, root, published: tuple[str, ...] = ("docs", "site")) -> str:
    if not isinstance(value, str) or not value.strip() or "\0" in value:
        raise Wrong("phải là một thư mục", "viết đường dẫn, ví dụ: .cache/lantoa")
    cache = (root / value).resolve()
    for folder in published:
        inside = (root / folder).resolve()
        if cache == inside or inside in cache.parents:
            raise Wrong(f"nằm trong {folder}/, nên bộ nhớ đệm (có đường dẫn trên máy) bị đăng lên trang",
                        f"đặt ngoài {' và '.join(f + '/' for f in published)}, ví dụ: .cache/lantoa")
    return value


def _widths(value, root) -> list[int]:
    whole = _whole(100, 6000, ", ví dụ: [480, 1000, 1200]")
    if not isinstance(value, list) or not value:
        raise Wrong("phải là danh sách bề rộng ảnh", "viết ví dụ: [480, 1000, 1200]")
    return sorted({whole(width, root) for width in value})


def _formats(value, root) -> list[str]:
    known = ("avif", "webp", "jpeg")
    if not isinstance(value, list) or not value or any(f not in known for f in value) or len(set(value)) < len(value):
        raise Wrong("phải là danh sách các dạng ảnh avif, webp, jpeg", "viết ví dụ: [avif, jpeg]")
    return value


def _yes_no(value, root) -> bool:
    if not isinstance(value, bool):
        raise Wrong("phải là true hoặc false", "viết true (đăng cả bài hẹn ngày) hoặc false")
    return value


def _logo(value, root) -> str:
    try:
        with Image.open(root / str(value)) as image:
            image.verify()
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError):
        raise Wrong("không phải một tệp ảnh đọc được (đường dẫn tính từ mkdocs.yml)",
                    "đặt ảnh biểu trưng PNG hoặc JPEG cạnh mkdocs.yml, ví dụ: logo: docs/anh/logo.png") from None
    return str(value)


def _web_address(value, root) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"https?://[^\s/]+\.[^\s/]+(/\S*)?", value.strip()):
        raise Wrong("không phải một địa chỉ web", "viết địa chỉ trang, ví dụ: https://www.facebook.com/hoiphunu")
    return value.strip()


def _host(value, root) -> Any:
    if isinstance(value, dict) and (set(value) - {"bytes", "size", "files", "files_per_folder"} or not value):
        raise Wrong("có khóa lạ", "viết {size: 1 GB, files: 100000} (size, files, files_per_folder)")
    try:
        limit = sitesize.host_limit(value)
    except (ValueError, TypeError, OverflowError):
        raise Wrong("không phải một nơi đăng đã biết", "viết một trong " + ", ".join(sitesize.HOSTS) +
                    ", hoặc {size: 1 GB, files: 100000}") from None
    if any(n is not None and n <= 0 for n in (limit.bytes, limit.files, limit.files_per_folder)):
        raise Wrong("có giới hạn không dương", "viết số lớn hơn 0, ví dụ: {size: 1 GB, files: 100000}")
    return value


RULES: dict[str, Callable[[Any, Path], Any]] = {
    "stories_dir": _folder, "union_name": _text, "page_size": _whole(1, 500, ", ví dụ: 24"),
    "photo_widths": _widths, "photo_max_pixels": _whole(1_000_000, 2_000_000_000, ", ví dụ: 250000000"),
    "cache_dir": _cache, "quota": _whole(0, 1000, ", ví dụ: 2"), "publish_future": _yes_no,
    "logo": _logo, "facebook_url": _web_address, "card_retention": _whole(0, 100, " (năm), ví dụ: 3"),
    "host_limit": _host, "photo_formats": _formats,
}
OPTIONAL = {"logo", "facebook_url"}  # "": not set (zalo_oa_id: LT133, social.py)
PASSED = {"zalo_oa_id", "docs_dir", "site_dir"}  # checked elsewhere (LT133), or the checker's own (its folders)


def published_folders(config: dict[str, Any]) -> tuple[str, ...]:
    """mkdocs.yml's docs_dir and site_dir, as written (their defaults when not)."""
    return tuple(str(config.get(name) or default) for name, default in (("docs_dir", "docs"), ("site_dir", "site")))


def check_options(written: dict[str, Any], root: Path, published: tuple[str, ...] = ("docs", "site"),
                  ) -> tuple[dict[str, Any], list[Diagnostic]]:
    """(every option's value: as written, or its default where that is wrong; LT136 for each wrong one).
    `published`: mkdocs.yml's docs_dir and site_dir (the cache may be in neither)."""
    values, problems = dict(DEFAULTS), []
    rules = {**RULES, "cache_dir": lambda value, root: _cache(value, root, published)}
    for name, value in written.items():
        if value is None:  # `page_size:` with nothing after it: MkDocs gives the default too
            continue
        rule = rules.get(name)
        if rule is None and name not in PASSED:
            near = difflib.get_close_matches(name, RULES, n=1)
            problems.append(make("LT137", CONFIG_FILE, _line(root, name), name=name,
                                 maybe=f" (có phải «{near[0]}»?)" if near else ""))
        if rule is None or (name in OPTIONAL and value == ""):
            values[name] = value
            continue
        try:
            values[name] = rule(value, root)
        except Wrong as wrong:
            problem, hint = wrong.args
            problems.append(make("LT136", CONFIG_FILE, _line(root, name), name=name, value=_shown(value),
                                 problem=problem, hint=hint))
    return values, problems


def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 80 else text[:79] + "…"


def _line(root: Path, name: str) -> int | None:
    """The line of mkdocs.yml where `name:` is written after `lantoa` (None when not found)."""
    try:
        lines = (root / CONFIG_FILE).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    plugin = next((n for n, line in enumerate(lines) if re.match(r"\s*-?\s*lantoa\s*:", line)), None)
    if plugin is None:
        return None
    found = next((n for n in range(plugin + 1, len(lines)) if re.match(rf"\s+{re.escape(name)}\s*:", lines[n])), None)
    return None if found is None else found + 1
