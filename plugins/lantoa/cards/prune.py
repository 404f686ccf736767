"""`scripts/site prune-cards`: remove the share cards no page has used for longer than the
retention (`card_retention` in mkdocs.yml, in years; 3 by default), from site/ and the cache.

    scripts/site prune-cards [--years N] [--today YYYY-MM-DD]

Builds never remove a card (see `keep`); this is the one way to, on request. It says how many
cards it removed and how many bytes they took.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..cli import Parser, whole_number
from ..options import check_options, published_folders
from ..project import find_root, read_settings
from .keep import prune

CARDS_URL = "the-chia-se"


def human_size(size: int) -> str:
    """Bytes the Vietnamese way: "1,8 MB", "240 KB"."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB".replace(".", ",")
    return f"{round(size / 1000)} KB"


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="scripts/site prune-cards", description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=whole_number(0, 100), default=None,
                        help="thời hạn giữ thẻ (năm, 0–100; mặc định: card_retention)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(), help=argparse.SUPPRESS)
    parser.add_argument("root", nargs="?", default=".", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root = find_root(Path(args.root))
    data, options = read_settings(root)
    options = check_options(options or {}, root, published_folders(data))[0]  # a wrong value: its default
    years = args.years if args.years is not None else options["card_retention"]
    cache = Path(options["cache_dir"])
    cache = (cache if cache.is_absolute() else root / cache) / "cards"
    site = Path(data.get("site_dir") or "site")
    site = site if site.is_absolute() else root / site
    if not (root / "mkdocs.yml").is_file() or not site.is_dir():  # (it made a .cache/ where no project was)
        print(f"Lỗi: không thấy {'trang đã dựng ' + str(site) if (root / 'mkdocs.yml').is_file() else 'mkdocs.yml'}"
              "; chạy lệnh trong thư mục dự án, sau khi dựng trang (scripts/site).", file=sys.stderr)
        return 2
    count, size = prune(site / CARDS_URL, cache, years, args.today)
    if count:
        print(f"Đã xóa {count} thẻ chia sẻ không trang nào dùng quá {years} năm ({human_size(size)}), "
              f"trong {site / CARDS_URL} và {cache}.")
    else:
        print(f"Không có thẻ chia sẻ nào bỏ dùng quá {years} năm: không xóa gì.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
