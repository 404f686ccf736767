"""Cards outlive edits: a card once published stays at its URL for `card_retention` years.

A changed title, place, font or layout gives a card a new name (`job.card_name`); posts shared
earlier still point at the old one, and Facebook and Zalo show a blank area where it is gone. So a
build (not `mkdocs serve`, whose cards are previews) links into the new site every card it has
published before, from two places: the previous site's `the-chia-se/` (a build beside the last
one) and the cache (`<cache_dir>/cards/`, which CI keeps between runs). Which cards were
published, the last day a page used each, the pages that used it and which the last build used is
the ledger `published.json` in the cache; a card found in the previous site and not in the ledger
counts from its file's date. A card is carried only while a page that used it is still published:
the cards of a story deleted, or taken back as a draft, go with it.

The ledger is written once the new site is in place (`published`): the cards a failed or killed
build drew (its titles, counts and drafts never published) are in the cache and not in the ledger,
so no later build carries them.

Nothing here removes a card but `prune` (`scripts/site prune-cards`): cards no page has used for
longer than the retention, never one the last build used.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
from pathlib import Path
from typing import Iterable, Mapping

LEDGER = "published.json"
PATTERN = "*.jpg"
DEFAULT_YEARS = 3


STAGING_SUFFIX = ".lantoa-new"  # a build writes into `<site>.lantoa-new/` (engine/output.staging)


def previous_folder(site_dir: Path, folder: str) -> Path | None:
    """`folder` of the site this build replaces: beside the staging folder it writes into."""
    site_dir = Path(site_dir)
    if site_dir.name.endswith(STAGING_SUFFIX):
        return site_dir.with_name(site_dir.name[:-len(STAGING_SUFFIX)]) / folder
    return None


def _read(cache_dir: Path) -> dict:
    try:
        data = json.loads((Path(cache_dir) / LEDGER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def read_ledger(cache_dir: Path) -> dict[str, str]:
    """Card name → ISO date of the last build whose pages used it ({} when missing or unreadable)."""
    used = _read(cache_dir).get("used")
    return {str(k): str(v) for k, v in used.items()} if isinstance(used, dict) else {}


def last_build(cache_dir: Path) -> set[str]:
    """The cards the last build's pages used."""
    current = _read(cache_dir).get("current")
    return {str(name) for name in current} if isinstance(current, list) else set()


def read_pages(cache_dir: Path) -> dict[str, list[str]]:
    """Card name → the site-relative URLs of the pages that have used it."""
    pages = _read(cache_dir).get("pages")
    if not isinstance(pages, dict):
        return {}
    return {str(k): [str(url) for url in v] for k, v in pages.items() if isinstance(v, list)}


def write_ledger(cache_dir: Path, ledger: dict[str, str], current: set[str] | None = None,
                 pages: dict[str, list[str]] | None = None) -> None:
    path = Path(cache_dir) / LEDGER
    path.parent.mkdir(parents=True, exist_ok=True)
    pages = read_pages(cache_dir) if pages is None else pages
    data = {"used": dict(sorted(ledger.items())),
            "pages": {name: sorted(pages[name]) for name in sorted(pages) if name in ledger},
            "current": sorted(last_build(cache_dir) if current is None else current)}
    temporary = path.with_name(f".{LEDGER}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")
    os.replace(temporary, path)


@dataclasses.dataclass
class Ledger:
    """What `carry_forward` links, and the ledger to write once the site is published."""
    cache_dir: Path
    used: dict[str, str]
    current: set[str]
    pages: dict[str, list[str]]
    carried: list[Path]

    def write(self) -> None:
        write_ledger(self.cache_dir, self.used, self.current, self.pages)


def published(ledger: Ledger | None) -> None:
    """The site `ledger` was made for is in place (None: a build without cards to keep)."""
    if ledger is not None:
        ledger.write()


def carry_cards(cards: Mapping[str, object], cache_dir: Path, out_dir: Path, today: dt.date) -> Ledger:
    """`carry_forward` for a build's cards (page URL → its `job.Card`), written into `out_dir`."""
    in_use: dict[str, set[str]] = {}
    for url, card in cards.items():
        in_use.setdefault(Path(card.url).name, set()).add(url)
    out_dir = Path(out_dir)
    return carry_forward(in_use, cache_dir, out_dir, previous_folder(out_dir.parent, out_dir.name), today)


def carry_forward(current: Mapping[str, Iterable[str]], cache_dir: Path, out_dir: Path,
                  previous_dir: Path | None, today: dt.date) -> Ledger:
    """Link into `out_dir` (where this build's cards already are) every earlier published card
    whose page is still published; the ledger records `current` (card name → URLs of the pages
    using it) as used `today` once written."""
    cache_dir, out_dir = Path(cache_dir), Path(out_dir)
    ledger, pages = read_ledger(cache_dir), read_pages(cache_dir)
    live = {url for urls in current.values() for url in urls}
    sources: dict[str, Path] = {}
    if previous_dir is not None and Path(previous_dir).is_dir() and Path(previous_dir) != out_dir:
        for path in Path(previous_dir).glob(PATTERN):
            sources[path.name] = path
            ledger.setdefault(path.name, _file_day(path).isoformat())
    for name in list(ledger):
        if (cache_dir / name).is_file():
            sources.setdefault(name, cache_dir / name)
        elif name not in sources and name not in current:
            del ledger[name]  # gone from everywhere: nothing left to carry
    for name, urls in current.items():
        ledger[name] = today.isoformat()
        pages[name] = sorted({*pages.get(name, ()), *urls})
    carried = []
    for name, source in sorted(sources.items()):
        target = out_dir / name
        if name in current or target.exists():
            continue
        if pages.get(name) and not live.intersection(pages[name]):
            continue  # every page that showed it is gone (deleted, or a draft again): so is the card
        out_dir.mkdir(parents=True, exist_ok=True)
        _link_or_copy(source, target)
        carried.append(target)
    return Ledger(cache_dir, ledger, set(current), pages, carried)


def cutoff(today: dt.date, years: int) -> dt.date:
    """The day `years` before `today` (28 February for a 29 February in a common year)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def prune(site_cards: Path, cache_dir: Path, years: int, today: dt.date) -> tuple[int, int]:
    """Remove the cards no page has used for more than `years` from the site's card folder and
    the cache; (how many cards, how many bytes). The last build's cards are never removed."""
    site_cards, cache_dir = Path(site_cards), Path(cache_dir)
    ledger = read_ledger(cache_dir)
    for path in site_cards.glob(PATTERN) if site_cards.is_dir() else ():
        ledger.setdefault(path.name, _file_day(path).isoformat())
    in_use = last_build(cache_dir)
    limit = cutoff(today, years).isoformat()
    count = size = 0
    for name, used in sorted(ledger.items()):
        if used >= limit or name in in_use:
            continue
        paths = [path for path in (site_cards / name, cache_dir / name) if path.is_file()]
        if paths:  # a card linked into the site from the cache is one card
            count, size = count + 1, size + paths[0].stat().st_size
        for path in paths:
            path.unlink()
        del ledger[name]
    write_ledger(cache_dir, ledger)
    return count, size


def _file_day(path: Path) -> dt.date:
    return dt.date.fromtimestamp(path.stat().st_mtime)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed
        shutil.copy2(source, target)
