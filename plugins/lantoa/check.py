"""`scripts/check`: what `mkdocs build --strict` would report, without building: the content,
the site's settings in mkdocs.yml and the photos (header and a cheap decode, no renditions), from
the same code as the build (`audit.py`). Exit 1 on any error or warning, as `--strict` fails;
`--no-strict`: exit 1 on errors only (as a plain `mkdocs build`).

Formats: text (people), github (Actions annotations `::error file=…,line=…::`),
gitlab (a Code Quality report, JSON). `--explain LT020` prints how to fix a code.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

from .cli import Parser
from .diagnostics import Diagnostic, all_codes, sort
from .guide import fix_text
from .audit import build_date, check_project, held_back_line
from .project import STORIES_DIR, find_root, read_settings, settings_problem

GUIDE_URL = "huong-dan/ma-loi/"


def gitlab_report(problems: list[Diagnostic]) -> str:
    """GitLab Code Quality JSON: each problem shown on the merge request's changed lines."""
    entries = []
    for p in problems:
        fingerprint = hashlib.sha256(f"{p.file}:{p.line}:{p.code}:{p.message}".encode()).hexdigest()
        entries.append({"description": f"{p.code} {p.message} — {p.hint}", "check_name": p.code,
                        "fingerprint": fingerprint, "severity": "major" if p.is_error else "minor",
                        "location": {"path": p.file, "lines": {"begin": p.line or 1}}})
    return json.dumps(entries, ensure_ascii=False, indent=1)


def explain(code: str) -> int:
    spec = all_codes().get(code.upper())
    if spec is None:
        print(f"Không có mã {code}. Các mã: " + ", ".join(all_codes()), file=sys.stderr)
        return 2
    print(f"{spec.code} ({'lỗi' if spec.severity == 'error' else 'cảnh báo'}): {spec.title}")
    # Markdown links of the guide read as plain words in a terminal.
    print("Cách sửa: " + re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", fix_text(spec)))
    return 0


def parse_args(argv):
    parser = Parser(prog="scripts/check", description=(
        "Kiểm tra bài viết trong stories/ mà không dựng trang (check the content without building)."))
    parser.add_argument("paths", nargs="*", default=["."], metavar="PATH",
                        help="project folder, its stories/ folder, or files and folders inside it (report narrowed)")
    parser.add_argument("--format", choices=("text", "github", "gitlab"), default="text",
                        help="github: GitHub Actions annotations; gitlab: Code Quality JSON on stdout")
    parser.add_argument("--explain", metavar="CODE", help="cách sửa một mã lỗi, ví dụ LT020")
    parser.add_argument("--strict", action=argparse.BooleanOptionalAction, default=True,
                        help="cảnh báo cũng làm kiểm tra thất bại, như mkdocs build --strict (mặc định); "
                             "--no-strict: chỉ lỗi")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.explain is not None:
        return explain(args.explain)
    targets = [Path(p).resolve() for p in args.paths]
    missing = [p for p, t in zip(args.paths, targets) if not t.exists()]
    root = find_root(targets[0])
    if missing or not (root / STORIES_DIR).is_dir():  # a typo passed as "0 lỗi"
        print(f"Lỗi: không có «{missing[0]}»; kiểm tra lại đường dẫn." if missing else
              "Lỗi: không thấy thư mục stories/ ở đây hay ở các thư mục chứa nó: chạy lệnh trong thư mục dự án.",
              file=sys.stderr)
        return 2
    config, options = read_settings(root)
    if options is not None:
        options = {**options, "docs_dir": config.get("docs_dir") or "docs", "site_dir": config.get("site_dir") or "site"}
    corpus, found = check_project(root, config.get("site_url"), options, build_date())
    # Paths below the project narrow the report to their files; the registries are always read whole.
    prefixes = [t.relative_to(root).as_posix() if t != root and t.is_relative_to(root) else "" for t in targets]
    found += filter(None, [settings_problem(root)])
    problems = [p for p in sort(found) if any(not x or p.file == x or p.file.startswith(x + "/") for x in prefixes)]
    if args.format == "gitlab":
        print(gitlab_report(problems))
    for problem in problems if args.format != "gitlab" else ():
        print(problem.format_github() if args.format == "github" else problem.format())
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    summary = (f"{len(corpus.stories)} câu chuyện, {len(corpus.news)} tin, {len(corpus.campaigns)} phong trào, "
               f"{len(corpus.units.units)} địa bàn: {errors} lỗi, {warnings} cảnh báo")
    print(summary, file=sys.stderr)
    held = held_back_line(corpus, build_date())
    if held:
        print(held, file=sys.stderr)
    if problems and args.format == "text":
        print(f"Cách sửa từng mã: scripts/check --explain {problems[0].code}, hoặc trang "
              f"Hướng dẫn › Mã lỗi (/{GUIDE_URL}).", file=sys.stderr)
    return 1 if errors or (args.strict and warnings) else 0


if __name__ == "__main__":
    sys.exit(main())
