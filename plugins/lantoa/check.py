"""`scripts/check`: validate stories/ without building. Exit 1 on errors, 0 otherwise."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .diagnostics import sort
from .load import STORIES_DIR, load_corpus


def find_root(path: Path) -> Path:
    """The project folder (the one holding stories/) for a path inside it or at it."""
    path = path.resolve()
    for candidate in [path, *path.parents]:
        if (candidate / STORIES_DIR).is_dir():
            return candidate
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/check", description=(
        "Kiểm tra bài viết trong stories/ mà không dựng trang (check the content without building)."))
    parser.add_argument("path", nargs="?", default=".", help="project folder or its stories/ folder")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="github: GitHub Actions annotations (::error file=…,line=…::)")
    args = parser.parse_args(argv)
    target = Path(args.path).resolve()
    root = find_root(target)
    corpus = load_corpus(root, STORIES_DIR)
    # A path below the project narrows the report to its files; the registries are always read whole.
    prefix = target.relative_to(root).as_posix() if target != root else ""
    problems = [p for p in sort(corpus.diagnostics) if p.file.startswith(prefix)]
    for problem in problems:
        print(problem.format_github() if args.format == "github" else problem.format())
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    summary = (f"{len(corpus.stories)} câu chuyện, {len(corpus.news)} tin, {len(corpus.campaigns)} phong trào, "
               f"{len(corpus.units.units)} địa bàn: {errors} lỗi, {warnings} cảnh báo")
    print(summary, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
