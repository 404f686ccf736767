"""Relevance half of `scripts/bench search`: the query set of issue 22 (tests/search/queries.yml)
run in Chromium on the built example site, by Lan Tỏa's search page and by Pagefind on the same
pages, stock (every page, defaults) and tuned (the article only, Vietnamese, the site's chrome
excluded). Per class: recall in the first ten, best item in the top 3, mean reciprocal rank.

Pagefind is installed, pinned, in the bench's own venv under .cache/bench/ (never in .venv).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGEFIND = "pagefind[extended]==1.5.2"
PAGEFIND_VENV = ROOT / ".cache" / "bench" / "pagefind-1.5.2"
TUNED = ["--root-selector", "article.md-content__inner", "--force-language", "vi",
         "--exclude-selectors", "nav, .md-source-file, .lt-share, .headerlink, script"]


def pagefind_python() -> Path:
    python = PAGEFIND_VENV / "bin" / "python"
    if not (PAGEFIND_VENV / ".installed").exists():
        venv.create(PAGEFIND_VENV, with_pip=True, clear=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", PAGEFIND],
                       check=True)
        (PAGEFIND_VENV / ".installed").write_text(PAGEFIND)
    return python


def build_example(into: Path) -> Path:
    sys.path.insert(0, str(ROOT / "tests"))
    from support import mkdocs_build
    subprocess.run([sys.executable, str(ROOT / "scripts" / "example-photos")], check=True)
    site = into / "site"
    result = mkdocs_build(ROOT, site)
    if result.returncode:
        raise SystemExit(result.stdout + result.stderr)
    return site


def index_with_pagefind(site: Path, subdir: str, options: list[str]) -> None:
    subprocess.run([str(pagefind_python()), "-m", "pagefind", "--site", str(site), "--output-subdir", subdir,
                    "--silent", *options], check=True)


PAGEFIND_QUERY = """async ([bundle, q]) => {
  const pf = window['pf_' + bundle] || (window['pf_' + bundle] = await import('/' + bundle + '/pagefind.js'));
  await pf.init();
  const search = await pf.search(q);
  const data = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
  return data.map(d => d.url);
}"""


def run(site: Path | None = None) -> dict[str, "object"]:
    """Tables per engine (query_set.Table), and the list of Lan Tỏa outcomes."""
    sys.path.insert(0, str(ROOT / "tests"))
    sys.path.insert(0, str(ROOT / "tests" / "search"))
    import query_set
    from support import CHROMIUM_ARGS, serve
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="lantoa-relevance-"))
    try:
        site = site or build_example(work)
        copy = work / "served"
        shutil.copytree(site, copy)
        index_with_pagefind(copy, "pagefind-stock", [])
        index_with_pagefind(copy, "pagefind-tuned", TUNED)
        queries = query_set.load()
        tables = {name: query_set.Table() for name in ("Lan Tỏa", "Pagefind stock", "Pagefind tuned")}
        base, server = serve(copy)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                            args=CHROMIUM_ARGS)
                page = browser.new_page()
                for q in queries:
                    found, full = query_set.lantoa_search(page, f"{base}/tim-kiem/", q.text)
                    tables["Lan Tỏa"].add(query_set.Outcome(q, found, full))
                page.goto(base + "/index.html")
                for bundle, name in (("pagefind-stock", "Pagefind stock"), ("pagefind-tuned", "Pagefind tuned")):
                    for q in queries:
                        urls = page.evaluate(PAGEFIND_QUERY, [bundle, q.text])
                        tables[name].add(query_set.Outcome(q, [query_set.slug(u) for u in urls]))
                browser.close()
        finally:
            server.shutdown()
        return tables
    finally:
        shutil.rmtree(work, ignore_errors=True)


def print_tables(tables) -> None:
    engines = list(tables)
    classes = list(next(iter(tables.values())).rows)
    print("Relevance: the issue-22 query set on the example site (recall@10 / best in top 3 / MRR)")
    header = f"  {'class':<12}{'n':>3}  " + "  ".join(f"{e:^22}" for e in engines)
    print(header)
    for klass in classes + [None]:
        cells = []
        for engine in engines:
            n, recall, top3, mrr = tables[engine].figures(klass)
            cells.append(f"{recall * 100:5.0f}% {top3 * 100:5.0f}% {mrr:5.2f}  ")
        n = tables[engines[0]].figures(klass)[0]
        print(f"  {klass or 'all':<12}{n:>3}  " + "  ".join(f"{c:^22}" for c in cells))
