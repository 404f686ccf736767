"""scripts/bench check [--n 1000] [--runs 3] [--keep DIR] [--profile]

Generates N synthetic stories (with units, campaigns, one photo file each) in a
temporary project and times `scripts/check` on it, as staff and CI run it: a
fresh process, imports included. Goal: ≤ 1 s for 1,000 stories.
--profile prints where the time goes inside one in-process run.
"""
from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "small" / "stories"
PARAGRAPH = ("Chị cho biết, từ năm 2015 với số vốn ban đầu vay từ tổ tiết kiệm của chi hội, gia đình chị "
             "chuyển sang trồng cây ăn quả và nuôi gà thả vườn; đến nay mỗi năm thu về hơn 200 triệu đồng. "
             "Chị còn hướng dẫn chị em trong thôn cách làm, giúp nhiều hộ thoát nghèo bền vững.")
NAMES = "Nguyễn Trần Lê Phạm Hoàng Vũ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đinh Nông Hà Triệu".split()
GIVEN = "Mai Lan Hoa Hương Thu Hà Nga Dung Đào Hạnh Thủy Yến Thảo Liên Xuân".split()


def story(index: int, rng: random.Random) -> str:
    name = f"{rng.choice(NAMES)} Thị {rng.choice(GIVEN)}"
    unit = rng.choice(["xa-my-huong", "huyen-my-tu", "H. Mỹ Tú", "huyen-dinh-quan"])
    body = "\n\n".join([PARAGRAPH] * rng.randint(3, 8))
    return (f"---\ntitle: Chị {name} vươn lên làm giàu (bài {index})\nsubject: {name}\nsubject_kind: cá nhân\n"
            f"unit: {unit}\ndate: 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n"
            f"campaigns: [quoc-gia, dot-20-10]\ncriteria: [tri-thuc]\nawards: [Giấy khen của Hội LHPN tỉnh]\n"
            f"photos:\n  - file: anh-1.jpg\n    caption: Chị {name} bên vườn cây\n    credit: Thu Hà\n"
            f"summary: Chị {name} là tấm gương sáng trong phong trào thi đua của Hội.\n"
            f"byline: Thu Hà (Hội LHPN huyện Mỹ Tú)\ntags: [dân tộc thiểu số]\n---\n\n{body}\n")


def generate(project: Path, n: int) -> None:
    stories = project / "stories"
    stories.mkdir(parents=True)
    shutil.copy(FIXTURE / "units.yml", stories / "units.yml")
    shutil.copytree(FIXTURE / "campaigns", stories / "campaigns")
    rng = random.Random(7)
    for index in range(n):
        folder = stories / "people" / "2024" / f"bai-{index:05d}"
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(story(index, rng), encoding="utf-8")
        (folder / "anh-1.jpg").write_bytes(b"\xff\xd8\xff\xd9")  # check never opens photos


def time_check(project: Path) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    result = subprocess.run([str(ROOT / "scripts" / "check"), str(project)], capture_output=True, text=True)
    return time.perf_counter() - started, result


def profile(project: Path) -> None:
    import cProfile
    import pstats
    sys.path.insert(0, str(ROOT / "plugins"))
    from lantoa.load import load_corpus
    profiler = cProfile.Profile()
    profiler.runcall(load_corpus, project)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench check")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    temp = None if args.keep else tempfile.TemporaryDirectory(prefix="lantoa-bench-check-")
    project = args.keep or Path(temp.name)
    try:
        if args.keep and args.keep.exists():
            shutil.rmtree(args.keep)
        generate(project, args.n)
        times = []
        for _ in range(args.runs):
            seconds, result = time_check(project)
            times.append(seconds)
        print(result.stderr.strip())
        if result.returncode != 0:
            print(result.stdout[:2000])
            print("scripts/check reported errors on generated stories: fix the generator or the checker")
            return 1
        print(f"scripts/check on {args.n} stories: best {min(times):.2f} s, worst {max(times):.2f} s "
              f"({args.runs} runs, fresh process each; goal ≤ 1 s per 1,000)")
        if args.profile:
            profile(project)
        return 0
    finally:
        if temp is not None:
            temp.cleanup()
