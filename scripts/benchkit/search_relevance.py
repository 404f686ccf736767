"""Relevance half of `scripts/bench search`: the query set of issue 22 (tests/search/queries.yml)
run in Chromium on the built example site, by Lan Tỏa's search page and by Pagefind on the same
pages, stock (every page, defaults) and tuned. Per class: recall in the first ten, best item in the
top 3, mean reciprocal rank.

Tuned is what a site built for Pagefind 1.5 would do, chosen before any run, not fitted to the set:
- only the items Lan Tỏa indexes (its records' URLs) carry `data-pagefind-body`, on their article,
  so listing, month, tag and place pages no longer compete with the stories (Pagefind then skips
  every page without it); the sharing buttons and heading anchors are excluded;
- the title weighs more than Pagefind's default for h1 (`data-pagefind-weight="10"` on it);
- ranking `{pageLength: 0.3, termSaturation: 1.0}` (`pagefind.options`): a long story is not
  pushed down for its length, a word repeated in a list of names counts less.
`--force-language vi` is not passed: the pages say `lang="vi"` and stock already indexes in vi
(the same "vi" bundle, no stemmer for Vietnamese either way). The earlier "tuned" column
(`--root-selector` the article, `--force-language vi`) differed from stock only in the order of a
few lower results, and on none of the 53 queries in the figures.

Pagefind is installed, pinned, in the bench's own venv under .cache/bench/ (never in .venv).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGEFIND = "pagefind[extended]==1.5.2"
PAGEFIND_VENV = ROOT / ".cache" / "bench" / "pagefind-1.5.2"
TUNED = ["--exclude-selectors", ".md-source-file, .lt-share, .headerlink"]
TUNED_RANKING = {"pageLength": 0.3, "termSaturation": 1.0}
ARTICLE = '<article class="md-content__inner md-typeset">'


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


def mark_items_for_pagefind(site: Path) -> int:
    """Adds data-pagefind-body to the article of every page Lan Tỏa's index has a record of (and
    a weight to its title); returns how many pages were marked."""
    records = site / "assets" / "lantoa" / "search-index" / "d"
    marked = 0
    for record in records.glob("*.json"):
        page = site / json.loads(record.read_text(encoding="utf-8"))["url"] / "index.html"
        html = page.read_text(encoding="utf-8")
        if html.count(ARTICLE) != 1 or html.count("<h1") != 1:
            raise SystemExit(f"{page}: not one {ARTICLE} and one <h1>: the bench needs updating")
        html = html.replace(ARTICLE, ARTICLE[:-1] + " data-pagefind-body>").replace(
            "<h1", '<h1 data-pagefind-weight="10"')
        page.write_text(html, encoding="utf-8")
        marked += 1
    return marked


PAGEFIND_QUERY = """async ([bundle, q, ranking]) => {
  const pf = window['pf_' + bundle] || (window['pf_' + bundle] = await import('/' + bundle + '/pagefind.js'));
  if (ranking) await pf.options({ranking});
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
        mark_items_for_pagefind(copy)  # stock is built from the pages as they are
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
                for bundle, name, ranking in (("pagefind-stock", "Pagefind stock", None),
                                              ("pagefind-tuned", "Pagefind tuned", TUNED_RANKING)):
                    for q in queries:
                        urls = page.evaluate(PAGEFIND_QUERY, [bundle, q.text, ranking])
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
