"""scripts/bench serve [--n 1000 [10000]] [--edits 3] [--seed 1] [--out bench-out/] [--no-browser]

Starts `mkdocs serve` (full rebuilds, no --dirty) on a generated N-story Lan Tỏa project on a loopback
port, waits until it is idle (its first search index made), changes the title of the newest story (saved in place on odd edits, as VS Code and vim do; on even
ones written to a file beside index.md and renamed over it, as gedit, sed -i and JetBrains' safe write
do: both kinds are reported apart), and measures the time from the save until the new title
is served on the story page and on every listing that shows it: home, campaign, unit, archive year and
month; and until the story page open in Chromium (Playwright, reloaded by MkDocs' livereload) shows it.
Then a mistake and its fix, as a writer makes them: a field the story's form does not have (LT006,
an error: the story is held back) until the story's address shows why and no listing shows it any
more, and the line taken out again until every page shows the story again.
Prints the figures for each edit and the worst, and the server process's peak memory; never
asserts them. Given two sizes, serves both at once and alternates their edits (neither size always
first), so that a slow spell of the machine falls on both, and prints the ratio of their figures.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchkit import corpus as corpus_kit  # noqa: E402
from benchkit.build import BUILD_EPOCH  # noqa: E402

STARTUP_LIMIT = 1800.0  # seconds for the first build at 10,000 stories on a slow machine
EDIT_LIMIT = 300.0
IDLE_LIMIT = 120.0  # seconds waited at most for the servers to be idle before the first edit
IDLE_CPU = 0.05  # CPU seconds in a second below which the servers are idle


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def watched_pages(corpus: corpus_kit.Corpus) -> tuple[corpus_kit.Story, dict[str, str]]:
    """The newest story (first on every listing) and the pages that must show its title."""
    story = max(corpus.stories, key=lambda s: (s.date, s.slug))
    year, month = story.date.year, story.date.month
    return story, {
        "story": f"cau-chuyen/{story.year}/{story.slug}/",
        "home": "",
        "campaign": f"phong-trao/{story.campaigns[0]}/",
        "unit": f"dia-ban/{story.unit}/",
        "archive year": f"luu-tru/{year}/",
        "archive month": f"luu-tru/{year}/{month:02d}/",
    }


def wait_until(base: str, pages: dict[str, str], needle: str, started: float, limit: float,
               browser_page=None) -> dict[str, float]:
    """Seconds from `started` until each page's HTML contains `needle`, and until the heading of
    the page open in the browser does."""
    return wait_for(base, pages, lambda name, html: needle in html, started, limit, browser_page,
                    lambda shown: needle in shown)


def wait_for(base: str, pages: dict[str, str], served: Callable[[str, str], bool], started: float,
             limit: float, browser_page=None, tab_shows: Callable[[str], bool] | None = None) -> dict[str, float]:
    """Seconds from `started` until `served(name, html)` holds for each page, and until
    `tab_shows(heading)` for the page open in the browser: the pages fetched in a thread of their
    own, the browser asked here, each every 20 ms (neither waits on the other: a reloading tab can
    take 250 ms to answer, which would have counted against the pages)."""
    seen: dict[str, float] = {}  # the pages' times, written by the fetching thread only
    browser: dict[str, float] = {}

    def fetch_pages() -> None:
        while len(seen) < len(pages) and time.perf_counter() - started < limit:
            for name, path in pages.items():
                if name not in seen and served(name, fetch(base + path) or ""):
                    seen[name] = time.perf_counter() - started
            time.sleep(0.02)
    fetcher = threading.Thread(target=fetch_pages, daemon=True)
    fetcher.start()
    while browser_page is not None and tab_shows and not browser and time.perf_counter() - started < limit:
        if tab_shows(heading(browser_page)):
            browser["browser"] = time.perf_counter() - started
        time.sleep(0.02)
    fetcher.join()
    return {**seen, **browser}


def heading(page) -> str:
    """The page's first heading, or '' (reloading). Bounded: an evaluate() sent while livereload
    replaces the document could wait forever (it did once, at 10,000 stories)."""
    try:
        return page.locator("h1").first.text_content(timeout=250) or ""
    except Exception:  # the page is reloading: its old document is gone, or not there yet
        return ""


def open_browser(urls: list[str]):
    """Chromium (Debian's, as the browser tests use), a tab on each of `urls`; (None, []) when
    Playwright or Chromium is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("Playwright is not installed (scripts/test installs it): browser timing skipped")
        return None, [None for _ in urls]
    if shutil.which("chromium") is None:
        print("Chromium is not installed (scripts/install-test-tools installs it): browser timing skipped")
        return None, [None for _ in urls]
    driver = sync_playwright().start()
    browser = driver.chromium.launch(executable_path=shutil.which("chromium"),
                                     args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
    tabs = []
    for url in urls:
        tabs.append(browser.new_page())
        tabs[-1].goto(url, wait_until="load")
    return driver, tabs


SAVES = ("in place", "beside")  # odd edits, even edits


def retitle(index: Path, old: str, new: str, save: str = "in place") -> None:
    text = index.read_text(encoding="utf-8")
    text = text.replace(f"title: {corpus_kit._yaml_str(old)}", f"title: {corpus_kit._yaml_str(new)}", 1)
    if save == "in place":
        index.write_text(text, encoding="utf-8")
        return
    beside = index.with_name(f".{index.name}.{os.getpid()}.tmp")
    beside.write_text(text, encoding="utf-8")
    os.replace(beside, index)


def start_server(project: Path, port: int, log: Path) -> subprocess.Popen:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=BUILD_EPOCH)
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f",
                             str(project / "mkdocs.yml")], cwd=project, env=env,
                            stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)


def peak_memory_mb(pid: int) -> float | None:
    """The process's peak resident size (VmHWM, Linux), in MB; None where /proc does not say."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def stop_server(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@dataclasses.dataclass
class Served:
    """One size's server, the story its edits retitle, and what they measured."""
    n: int
    server: subprocess.Popen
    base: str
    pages: dict[str, str]
    index: Path
    title: str
    subject: str
    tab: object = None
    pages_seen: list[float] = dataclasses.field(default_factory=list)
    worst: list[float] = dataclasses.field(default_factory=list)
    kinds: dict[str, list[float]] = dataclasses.field(default_factory=dict)
    mistakes: dict[str, float] = dataclasses.field(default_factory=dict)  # "made", "mended": every page served


def serve(n: int, seed: int, out: Path) -> Served | None:
    """A generated n-story project served, once its first build is; None if it is not in time."""
    corpus = corpus_kit.generate(n, seed)
    project = out / f"serve-{n}"
    corpus_kit.write(corpus, project)
    project = project / "lantoa"
    story, pages = watched_pages(corpus)
    port, log = free_port(), out / f"serve-{n}.log"
    started = time.perf_counter()
    served = Served(n, start_server(project, port, log), f"http://127.0.0.1:{port}/", pages,
                    project / "stories" / "people" / str(story.year) / story.slug / "index.md",
                    story.title, story.subject)
    first = wait_until(served.base, pages, story.title.split(":")[0][:20], started, STARTUP_LIMIT)
    if len(first) < len(pages):
        print(f"mkdocs serve did not serve every page within {STARTUP_LIMIT:.0f} s; see {log}")
        stop_server(served.server)
        return None
    print(f"{n} stories: first build served after {max(first.values()):.1f} s")
    return served


def session_cpu(session: int) -> float:
    """CPU seconds used so far by the processes of a session (the server, its workers, its
    search index process), from /proc."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[3]) == session:  # field 6, the session id, after pid and (comm)
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def wait_idle(servers: list[Served], limit: float = IDLE_LIMIT) -> None:
    """Until the servers use less than IDLE_CPU of a core over a second (a server makes its first
    search index after its first build: 10-13 s of CPU at 10,000 stories), or `limit` seconds."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        before = sum(session_cpu(s.server.pid) for s in servers)
        time.sleep(1.0)
        if sum(session_cpu(s.server.pid) for s in servers) - before < IDLE_CPU:
            print(f"the server{'s' if len(servers) > 1 else ''} idle after {time.perf_counter() - started:.0f} s")
            return
    print(f"the servers were not idle within {limit:.0f} s: edits begin all the same")


def edit(served: Served, number: int) -> bool:
    """One title edit, its figures printed and kept; False if a page stayed stale."""
    time.sleep(1.0)  # let the watcher settle after the previous build
    new = f"Sửa lần {number} {time.time_ns() % 10**9}: {served.subject}"
    save = SAVES[(number - 1) % len(SAVES)]
    saved = time.perf_counter()
    retitle(served.index, served.title, new, save)
    served.title = new
    seen = wait_until(served.base, served.pages, new.split(":")[0], saved, EDIT_LIMIT, served.tab)
    if not told(served, f"edit {number} ({save})", seen):
        return False
    served.worst.append(max(seen.values()))
    served.pages_seen.append(max(seen[name] for name in served.pages))
    served.kinds.setdefault(save, []).append(served.pages_seen[-1])
    return True


def told(served: Served, save: str, seen: dict[str, float]) -> bool:
    """A save's figures printed; False (and why) if a page or the tab was not as it should be in time."""
    names = [*served.pages, *(["browser"] if served.tab is not None else [])]
    figures = ", ".join(f"{name} {seen[name]:.2f} s" if name in seen else f"{name} STALE" for name in names)
    print(f"  {served.n} stories, {save}: {figures}")
    if len(seen) < len(names):
        print(f"  some pages were not as they should be after {EDIT_LIMIT:.0f} s (stale)")
        return False
    return True


MISTAKE = "ghi_chu_rieng: chưa hỏi ý kiến chị\n"  # a field no story has: LT006, an error
HELD = "đang có lỗi nên chưa hiện được"  # the heading of the page at a held story's address (held.html)


def mistake(served: Served, made: bool) -> bool:
    """A mistake saved in the story's front matter (`made`), or taken out again; its figures printed
    and kept; False if a page stayed stale."""
    time.sleep(1.0)
    text = served.index.read_text(encoding="utf-8")
    text = text.replace("\ntitle: ", f"\n{MISTAKE}title: ", 1) if made else text.replace(MISTAKE, "", 1)
    title = served.title.split(":")[0]
    saved = time.perf_counter()
    served.index.write_text(text, encoding="utf-8")
    if made:  # the story's address explains, the listings leave it out
        seen = wait_for(served.base, served.pages, lambda name, html: (
            "LT006" in html and HELD in html if name == "story" else bool(html) and title not in html),
            saved, EDIT_LIMIT, served.tab, lambda shown: HELD in shown)
    else:
        seen = wait_until(served.base, served.pages, title, saved, EDIT_LIMIT, served.tab)
    if not told(served, "a mistake saved (LT006)" if made else "the mistake mended", seen):
        return False
    served.mistakes["made" if made else "mended"] = max(seen[name] for name in served.pages)
    return True


def report(served: Served) -> None:
    print(f"{served.n} stories: save → every page served: median {statistics.median(served.pages_seen):.2f} s, "
          f"worst {max(served.pages_seen):.2f} s (goal ≤ 1.0 s); → the open tab too: median "
          f"{statistics.median(served.worst):.2f} s, worst {max(served.worst):.2f} s (goal ≤ 1.2 s)")
    print("  every page served, by kind of save: " + "; ".join(
        f"{kind} median {statistics.median(times):.2f} s, worst {max(times):.2f} s" for kind, times in served.kinds.items()))
    if served.mistakes:
        print(f"  a mistake saved → every page served: {served.mistakes['made']:.2f} s; mended: "
              f"{served.mistakes['mended']:.2f} s")
    peak = peak_memory_mb(served.server.pid)
    if peak is not None:
        print(f"  the server's process: peak memory {peak:.0f} MB (its workers and the search index process apart)")


def compare(small: Served, large: Served) -> None:
    """The two sizes' figures side by side: their medians, and each round's (the two edits made
    one after the other, so that a slow spell of the machine falls on both)."""
    def ratios(a: list[float], b: list[float]) -> str:
        return ", ".join(f"{y / x:.2f}" for x, y in zip(a, b))
    pages = statistics.median(large.pages_seen) / statistics.median(small.pages_seen)
    tab = statistics.median(large.worst) / statistics.median(small.worst)
    print(f"{large.n} ÷ {small.n} stories, medians: every page {pages:.2f}×, the tab {tab:.2f}× "
          f"(goal: within 20 %); each round: every page {ratios(small.pages_seen, large.pages_seen)}; "
          f"the tab {ratios(small.worst, large.worst)}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench serve", description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000],
                        help="stories; two sizes (--n 1000 10000) are served together, their edits alternating")
    parser.add_argument("--edits", type=int, default=3, help="successive title edits (default 3)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "bench-out")
    parser.add_argument("--no-browser", action="store_true", help="time HTTP fetches only")
    args = parser.parse_args(argv)
    if len(args.n) > 2:
        parser.error("one size, or two")
    if args.edits < 1:
        parser.error("--edits: one edit at least")
    servers: list[Served] = []
    driver = None
    try:
        for n in args.n:
            served = serve(n, args.seed, args.out)
            if served is None:
                return 1
            servers.append(served)
        wait_idle(servers)
        if not args.no_browser:
            driver, tabs = open_browser([s.base + s.pages["story"] for s in servers])
            for served, tab in zip(servers, tabs):
                served.tab = tab
        for number in range(1, args.edits + 1):
            for served in servers if number % 2 else servers[::-1]:  # neither size always first
                if not edit(served, number):
                    return 1
        for made in (True, False):
            for served in servers if made else servers[::-1]:  # neither size always first
                if not mistake(served, made):
                    return 1
        for served in servers:
            report(served)
        if len(servers) == 2:
            compare(*sorted(servers, key=lambda s: s.n))
    finally:
        if driver is not None:
            driver.stop()
        for served in servers:
            stop_server(served.server)
    return 0
