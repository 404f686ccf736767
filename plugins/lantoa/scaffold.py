"""`scripts/new`: a new story, news item or campaign, ready for its text.

Asks for the item's fields (`interview`), then makes the item's folder under
stories/, copies the photos in as anh-1.jpg, …, and writes the front matter
(`draft`). The body is left empty on purpose: `scripts/check` reports LT011
until the text is written, and nothing else.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from . import guide
from .cli import Parser
from .draft import Draft, ScaffoldError, create
from .interview import Session
from .load import load_corpus
from .project import STORIES_DIR, find_root


def parse_args(argv):
    parser = Parser(prog="scripts/new", description=(
        "Tạo bài mới trong stories/: hỏi từng mục, hoặc nhận các mục qua tùy chọn (create a new item)."))
    parser.add_argument("kind", nargs="?", choices=("story", "news", "campaign"),
                        help="story: gương điển hình; news: tin tức; campaign: phong trào")
    parser.add_argument("--title", help="tiêu đề")
    parser.add_argument("--subject", help="nhân vật (story)")
    parser.add_argument("--kind", dest="kind_value", metavar="KIND",
                        help="story: cá nhân | tập thể | mô hình; news: phát động | sơ kết | …; campaign: phong trào thi đua | …")
    parser.add_argument("--level", help="cấp phát động (campaign): trung ương | tỉnh | huyện | xã")
    parser.add_argument("--issuer", help="cơ quan ban hành (campaign)")
    parser.add_argument("--document-number", help="số văn bản (campaign)")
    parser.add_argument("--unit", action="append", default=[], help="địa bàn: tên, tên không dấu hoặc mã")
    parser.add_argument("--campaign", action="append", default=[], help="phong trào: tên hoặc mã (lặp lại được)")
    parser.add_argument("--date", help="ngày đăng (campaign: ngày bắt đầu), 8/3/2024 hoặc 2024-03-08")
    parser.add_argument("--summary", help="sapo")
    parser.add_argument("--byline", help="tác giả")
    parser.add_argument("--photo", action="append", default=[], help="tệp ảnh (lặp lại được)")
    parser.add_argument("--caption", action="append", default=[], help="chú thích, theo thứ tự các --photo")
    parser.add_argument("--credit", help="nguồn ảnh, cho mọi ảnh")
    parser.add_argument("--slug", help="tên thư mục (mặc định: từ tiêu đề)")
    parser.add_argument("--root", help="thư mục dự án (chứa stories/); mặc định: thư mục đang đứng hoặc dự án của lệnh")
    parser.add_argument("--yes", action="store_true", help="không hỏi: thiếu mục bắt buộc thì báo lỗi")
    parser.add_argument("--write-guide", action="store_true",
                        help="viết lại các trang sinh tự động của docs/huong-dan/ rồi thoát")
    args = parser.parse_args(argv)
    if not args.kind and not args.write_guide:
        parser.error("hãy chọn loại bài: story, news hoặc campaign")
    return args


def given_values(kind: str, args) -> dict[str, list[str]]:
    """Flags as schema field names, for the kind being made."""
    one = {"title": args.title, "subject": args.subject, "level": args.level, "issuer": args.issuer,
           "document_number": args.document_number, "summary": args.summary, "byline": args.byline,
           "subject_kind" if kind == "story" else "kind": args.kind_value,
           "start" if kind == "campaign" else "date": args.date}
    given = {k: [v] for k, v in one.items() if v}
    given["units" if kind == "news" else "unit"] = args.unit
    given["parent" if kind == "campaign" else "campaigns"] = args.campaign
    return {k: v for k, v in given.items() if v}


def main(argv: list[str] | None = None, ask=input, say=print) -> int:
    args = parse_args(argv)
    root = _project(args.root)
    if root is None:
        print("Lỗi: không thấy thư mục stories/ ở đây hay ở các thư mục chứa nó: chạy lệnh trong thư mục dự án, "
              "hoặc ghi --root <thư mục dự án>.", file=sys.stderr)
        return 2
    if args.write_guide:
        for path in guide.write(root):
            say(f"Đã viết {path.relative_to(root).as_posix()}")
        return 0
    corpus = load_corpus(root, STORIES_DIR)
    titles = {slug: c.title for slug, c in corpus.campaigns.items()}
    criteria = {slug: [(c.id, c.name) for c in campaign.criteria] for slug, campaign in corpus.campaigns.items()}
    session = Session(args.kind, corpus.units, titles, given_values(args.kind, args),
                      interactive=not args.yes, ask=ask, say=say, criteria=criteria)
    try:
        values = session.fill()
        photos = session.photos(args.photo, args.caption, args.credit)
        draft = Draft(args.kind, values, photos, slug=args.slug or "", notes=session.notes)
        path = create(root, draft)
    except ScaffoldError as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 2
    except (EOFError, KeyboardInterrupt):
        print("\nĐã hủy, chưa tạo gì.", file=sys.stderr)
        return 130
    say(f"Đã tạo {path.relative_to(root).as_posix()}")
    say("Bước tiếp: viết nội dung bài bên dưới dòng «---» cuối cùng, rồi chạy scripts/check.")
    return 0


def _project(written: str | None) -> Path | None:
    """The project folder: `--root`'s, else the one holding the current folder, else the one
    `scripts/new` belongs to (LANTOA_PROJECT); None when none has stories/ (a stray stories/ was made)."""
    for candidate in ([written] if written else [".", os.environ.get("LANTOA_PROJECT")]):
        if candidate and (find_root(Path(candidate)) / STORIES_DIR).is_dir():
            return find_root(Path(candidate))
    return None


if __name__ == "__main__":
    raise SystemExit(main())
