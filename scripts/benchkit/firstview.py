"""`scripts/bench firstview [--site DIR]`: what a phone downloads to show the first screen of each page kind.

Chromium at 412×915, DPR 2.6 (touch, a fresh cache per page), on the example site with one story's
three photos at the size phones make (scripts/benchkit/_phone.py; built into a temporary folder
unless --site names a built one), served gzip-compressed as a host serves it. A page is opened and
left alone until the network is quiet (no scrolling, no tap): every byte received until then is its
first view, headers included, by type. Goal (issue 20): a story with three phone-size photos ≤ 200 KB,
cover included. Figures are printed, never asserted.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from benchkit._phone import PAGE_KINDS, PHONE, make_phone_project, page_of_kind, serve_like_a_host

GOAL_KB = {"story": 200}
TYPES = {"document": "html", "stylesheet": "css", "script": "js", "image": "img", "fetch": "data", "xhr": "data",
         "font": "font"}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench firstview", description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a site built from the phone project (default: build one)")
    parser.add_argument("--repeat", type=int, default=3, help="first views per page, the median printed (default 3)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lantoa-bench-firstview-") as folder:
        site = args.site or build(Path(folder))
        base, server = serve_like_a_host(site)
        try:
            rows = measure(site, base, args.repeat)
        finally:
            server.shutdown()
    report(rows)
    return 0


def build(folder: Path) -> Path:
    print("building the example with phone-size photos …", file=sys.stderr)
    project = make_phone_project(folder / "project")
    site = folder / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                             "-d", str(site)], cwd=project, capture_output=True, text=True,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    if result.returncode:
        raise SystemExit(result.stdout + result.stderr)
    return site


def measure(site: Path, base: str, repeat: int) -> list[tuple[str, str, int, dict[str, int]]]:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                         args=["--no-sandbox", "--disable-gpu", "--disable-quic"])
        for kind in PAGE_KINDS:
            url = page_of_kind(site, kind)
            views = [first_view(browser, base + url) for _ in range(repeat)]
            middle = sorted(views, key=lambda v: sum(v[1].values()))[len(views) // 2]
            rows.append((kind, url, *middle))
        browser.close()
    return rows


def first_view(browser, url: str) -> tuple[int, dict[str, int]]:
    """(requests, bytes received by type) until the network is quiet, in a fresh context."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)
    by_type: dict[str, int] = defaultdict(int)
    for request in finished:
        sizes = request.sizes()
        by_type[TYPES.get(request.resource_type, "other")] += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    context.close()
    return len(finished), dict(by_type)


def report(rows) -> None:
    columns = ("html", "css", "js", "img", "data", "other")
    print("First view on a phone (412×915, DPR 2.6, fresh cache, no scroll), KB received, headers included")
    print(f"{'page kind':<16}{'requests':>9}{'total':>9}" + "".join(f"{c:>8}" for c in columns) + "  page")
    for kind, url, requests, by_type in rows:
        total = sum(by_type.values()) / 1024
        goal = GOAL_KB.get(kind)
        mark = f"  (goal ≤ {goal}: {'met' if total <= goal else 'NOT met'})" if goal else ""
        print(f"{kind:<16}{requests:>9}{total:>9.1f}" + "".join(f"{by_type.get(c, 0) / 1024:>8.1f}" for c in columns)
              + f"  {url}{mark}")
    totals = [sum(b.values()) / 1024 for *_, b in rows]
    print(f"median over page kinds: {statistics.median(totals):.1f} KB")
