"""The query set of issue 22 (queries.yml) and its measures, shared by the browser test
(test_query_set.py) and `scripts/bench search`: recall in the first ten, the best item in the
top 3, mean reciprocal rank of the best item, per class."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import yaml

QUERIES = Path(__file__).resolve().parent / "queries.yml"


@dataclass(frozen=True)
class Query:
    klass: str
    typed: str  # as written in queries.yml ("nfd:" asks for the NFD form)
    want: tuple[str, ...]
    same_as: str | None = None
    absent: bool = False

    @property
    def text(self) -> str:
        if self.typed.startswith("nfd:"):
            return unicodedata.normalize("NFD", self.typed[4:])
        return self.typed


def load() -> list[Query]:
    entries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    return [Query(e["class"], e["q"], tuple(e["want"]), e.get("same_as"), bool(e.get("absent")))
            for e in entries]


def slug(url: str) -> str:
    return url.split("?")[0].split("#")[0].rstrip("/").rsplit("/", 1)[-1]


@dataclass
class Outcome:
    query: Query
    found: list[str]  # slugs, best first (at most ten)
    full: int = 0  # how many the engine says contain every word (Lan Tỏa only)

    @property
    def recall(self) -> tuple[int, int]:
        return len(set(self.query.want) & set(self.found[:10])), len(self.query.want)

    @property
    def best_rank(self) -> int | None:
        if not self.query.want or self.query.want[0] not in self.found:
            return None
        return self.found.index(self.query.want[0]) + 1


def lantoa_search(page, search_url: str, query: str) -> tuple[list[str], int]:
    """The search page opened with ?q=: the slugs it shows (first ten) and its full-hit count."""
    page.goto(f"{search_url}?q={quote(query)}")
    page.wait_for_function("document.querySelector('[data-lantoa-status]').textContent !== ''")
    page.wait_for_function("!document.querySelector('[data-lantoa-search-page]').hasAttribute('aria-busy')")
    urls = page.eval_on_selector_all(
        "[data-lantoa-results] li, [data-lantoa-partial] li", "lis => lis.map(li => li.dataset.url)")
    full = page.eval_on_selector_all("[data-lantoa-results] li", "lis => lis.length")
    return [slug(u) for u in urls][:10], full


@dataclass
class Table:
    """Per class: queries, recall hits / wanted, best in top 3, reciprocal ranks."""
    rows: dict[str, dict] = field(default_factory=dict)

    def add(self, outcome: Outcome) -> None:
        row = self.rows.setdefault(outcome.query.klass, {"n": 0, "hit": 0, "wanted": 0, "top3": 0, "best": 0,
                                                         "rr": 0.0})
        row["n"] += 1
        hit, wanted = outcome.recall
        row["hit"] += hit
        row["wanted"] += wanted
        if outcome.query.want:
            row["best"] += 1
            rank = outcome.best_rank
            row["top3"] += bool(rank and rank <= 3)
            row["rr"] += 1 / rank if rank else 0.0

    def figures(self, klass: str | None = None) -> tuple[int, float, float, float]:
        rows = [self.rows[klass]] if klass else list(self.rows.values())
        n = sum(r["n"] for r in rows)
        wanted = sum(r["wanted"] for r in rows) or 1
        best = sum(r["best"] for r in rows) or 1
        return (n, sum(r["hit"] for r in rows) / wanted, sum(r["top3"] for r in rows) / best,
                sum(r["rr"] for r in rows) / best)
