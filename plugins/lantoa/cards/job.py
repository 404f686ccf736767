"""A build's cards: named by what they show, drawn in a background process pool into the cache, linked into the site.

A card's file name is a digest of what it shows, the photo bytes, the fonts and
`LAYOUT_VERSION`: a changed card gets a new URL (Facebook caches images by URL) and an
unchanged one is never redrawn.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import weakref
from collections import Counter
from functools import lru_cache
from itertools import compress
from operator import is_, is_not
from pathlib import Path
from typing import Hashable, KeysView, Mapping

from lantoa.shared import SharedChunks
from lantoa.text import nfc

from . import draw
from .draw import render
from .layout import BOLD, REGULAR
from .model import Card, CardSpec

LAYOUT_VERSION = "7"  # bump when the drawing or the encoding changes: every card gets a new URL
CHUNK = 24  # cards per pool task
WORKER_NICENESS = 10
POOL_MINIMUM = 8  # fewer missing cards are drawn by `finish()` alone: starting a pool costs more


def card_name(spec: CardSpec) -> str:
    """`<digest>.jpg`: what the card shows, its photo, the fonts and the layout version."""
    if spec.photo is not None and not spec.photo_id:  # named by the photo file's bytes: read them
        return _card_name(spec, LAYOUT_VERSION, _font_digest())
    return _known_card_name(spec, LAYOUT_VERSION, _font_digest())


@lru_cache(maxsize=65536)  # serve names every card again on every save: 10,000 digests
def _known_card_name(spec: CardSpec, version: str, fonts: str) -> str:
    return _card_name(spec, version, fonts)


def _card_name(spec: CardSpec, version: str, fonts: str) -> str:
    parts = [
        version, nfc(spec.title), nfc(spec.kicker), nfc(spec.place or ""),
        nfc(spec.union_name), spec.accent or "", _photo_identity(spec),
        fonts, [nfc(k) for k in spec.keep], [nfc(d) for d in spec.details],
    ]
    digest = hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()
    return f"{digest[:20]}.jpg"


def _photo_identity(spec: CardSpec) -> str:
    if spec.photo is None:
        return ""
    return spec.photo_id or _file_digest(spec.photo)


def _file_digest(path: Path) -> str:
    hasher = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            hasher.update(block)
    return hasher.hexdigest()


@lru_cache(maxsize=1)
def _font_digest() -> str:
    return "".join(_file_digest(path)[:16] for path in (BOLD, REGULAR))


def draw_card(spec: CardSpec, out_dir: Path, url_prefix: str = "the-chia-se") -> Card:
    """Write the card of `spec` into `out_dir` unless a file of that name is already there."""
    name = card_name(spec)
    path = Path(out_dir) / name
    if not path.exists():
        _write_atomically(path, render(spec))
    return Card(url=f"{url_prefix.strip('/')}/{name}", path=path, bytes=path.stat().st_size)


def draw_cards(
    specs: Mapping[Hashable, CardSpec], cache_dir: Path, out_dir: Path,
    workers: int | None = None, url_prefix: str = "the-chia-se",
) -> dict[Hashable, Card]:
    """Cards for many pages: drawn into `cache_dir` (kept between builds) in a process
    pool, then linked or copied into `out_dir`. Identical specs are drawn once."""
    return CardJob(specs, cache_dir, out_dir, url_prefix, workers).finish()


class CardJob:
    """Cards drawn in a background process pool while the pages render.

    Names (hence URLs) are known at once from the specs; `finish()` draws the chunks no
    worker has begun itself (`SharedChunks`), waits for the others, links the cards into
    `out_dir` and returns them."""

    def __init__(self, specs: Mapping[Hashable, CardSpec], cache_dir: Path, out_dir: Path,
                 url_prefix: str = "the-chia-se", workers: int | None = None, keep_caches: bool = False,
                 before: CardJob | None = None):
        """`keep_caches`: serve, which draws a card or two a save in this process: the patterns and
        glyphs drawing keeps (a few MB) spare drawing them again (a designed card: 22 → 2 ms).
        `before`: serve's previous job, whose names hold for the very same specs (`_names`)."""
        self.cache_dir, self.out_dir, self.prefix = Path(cache_dir), Path(out_dir), url_prefix.strip("/")
        self.keep_caches, self.specs, self.drawn = keep_caches, specs, False
        self.cards: dict[Hashable, Card] = {}
        self.placed_in: tuple | None = None  # the folder and the prefix the cards were placed in (`finish`)
        self._paths: Counter | None = None  # `paths`: each card's path, and how many keys show it
        self._left: tuple | None = None  # (the job before, the paths of its cards gone since): `left_since`
        self._by_bytes: list[Hashable] = []  # the keys of cards named by their photo file's bytes (`_names`)
        self._keys_kept = False  # the keys are `before`'s, in its order (`_names`)
        self.names, fresh = self._names(specs, before)
        # The keys named anew since `before` (the others have its names), for `named_anew`.
        self._anew = (weakref.ref(before), set(fresh)) if fresh is not self.names else None
        # One listing, not a look per card (10,000 at 10,000 stories), unless only a few are new
        # (listing 10,000 names took 4.3 ms, looking at 1,000 of them 5.1 ms).
        drawn = _names_in(self.cache_dir) if len(fresh) > max(POOL_MINIMUM, len(specs) // 12) else \
            {name for name in fresh.values() if (self.cache_dir / name).is_file()}
        missing = {}
        for key, name in fresh.items():
            if name not in drawn:
                missing.setdefault(name, specs[key])
        # One core stays with MkDocs, which renders pages meanwhile.
        workers = workers or max(1, (os.cpu_count() or 2) - 1)
        self.chunks = _chunks(list(missing.items()), workers)
        # Niced: the cards are wanted only at the end, the pages and their bodies first.
        self.shared = SharedChunks(_draw_chunk, self.chunks, (self.cache_dir,), workers, WORKER_NICENESS) \
            if len(missing) >= POOL_MINIMUM else None

    def _names(self, specs: Mapping[Hashable, CardSpec], before: CardJob | None) -> tuple[dict, dict]:
        """Every card's name, and those not known drawn: the names `before` gave the same spec
        objects (serve keeps them: `Build.kept_card_specs`) when it drew all its cards into the
        same cache. Naming 10,000 specs again (hashing each for `_known_card_name`) cost a save 0.02 s."""
        if before is None or not before.drawn or before.cache_dir != self.cache_dir:
            names = {key: card_name(spec) for key, spec in specs.items()}
            self._by_bytes = [key for key, spec in specs.items() if _by_bytes(spec)]
            return names, names
        old_specs, old_names = before.specs, before.names
        told = specs.set_since(old_specs) if hasattr(specs, "set_since") else None  # remade.DictSince
        if told is not None or (len(specs) == len(old_specs) and all(map(is_, specs, old_specs))):
            self._keys_kept = True  # the same keys, in order (told, or found in C)
            changed = [key for key in dict.fromkeys(told) if specs[key] is not old_specs[key]] if told is not None \
                else list(compress(specs, map(is_not, specs.values(), old_specs.values())))
            self._by_bytes = [*(key for key in before._by_bytes if specs[key] is old_specs[key]),
                              *(key for key in changed if _by_bytes(specs[key]))]
            fresh = {key: card_name(specs[key]) for key in (*changed, *before._by_bytes)}
            return {**old_names, **fresh}, fresh
        names, fresh = {}, {}
        for key, spec in specs.items():
            if old_specs.get(key) is spec and not _by_bytes(spec):
                names[key] = old_names[key]
            else:
                names[key] = fresh[key] = card_name(spec)
        self._by_bytes = [key for key, spec in specs.items() if _by_bytes(spec)]
        return names, fresh

    def named_anew(self, before: CardJob) -> set | None:
        """The keys this job named otherwise than from `before` (whose names the others have);
        None: not known (then compare the names)."""
        if self._anew is None or self._anew[0]() is not before:
            return None
        return self._anew[1]

    def gone_since(self, before: CardJob) -> set | None:
        """The keys of `before` this job has not, when known without looking (the same keys in
        the same order: none; looking among 10,000 cost a save 0.0004 s, twice); else None."""
        return set() if self._keys_kept and self.named_anew(before) is not None else None

    def ready(self) -> None:
        """What drawing a designed card of these specs' colours in this process needs first (serve's
        saves draw theirs here: `keep_caches`), made now (`draw.prepare`)."""
        draw.prepare(spec.accent for spec in self.specs.values() if spec.photo is None)

    def cancel(self) -> None:
        """Stop drawing (a failed build); cards already drawn stay in the cache."""
        if self.shared:
            self.shared.close()

    def url(self, key: Hashable) -> str | None:
        name = self.names.get(key)
        return f"{self.prefix}/{name}" if name else None

    def finish(self) -> dict[Hashable, Card]:
        """Every card, linked into `out_dir` (in no particular order under serve)."""
        self._draw_rest()
        self.drawn = True
        self.out_dir.mkdir(parents=True, exist_ok=True)
        folder = (self.out_dir, self.prefix)
        before = self._anew[0]() if self._anew is not None else None
        if before is not None and before.placed_in == folder and _still_there(before.cards):
            cards = self._placed_since(before)
        else:
            placed, known = _names_in(self.out_dir), _PLACED.setdefault((self.out_dir, self.prefix), {})
            cards = {key: self._placed_card(name, self.specs[key], placed, known) for key, name in self.names.items()}
        self.cards, self.placed_in = cards, folder
        return cards

    def paths(self) -> KeysView[str]:
        """Where the cards are, as strings (serve's sweep keeps them): the job before's, changed
        where a card was named anew or went, while they stand (looking at 10,000 cards cost a save 0.002 s)."""
        if self._paths is None:
            self._paths = Counter(os.fspath(card.path) for card in self.cards.values())
        return self._paths.keys()

    def left_since(self, before: CardJob) -> set[str] | None:
        """The paths of `before`'s cards that no card of this job has (serve's sweep looks at
        these only), when known without comparing all of them; else None."""
        if self._left is None or self._left[0]() is not before:
            return None
        return self._left[1]

    def _placed_since(self, before: CardJob) -> dict[Hashable, Card]:
        """Serve: `before`'s cards, placed in this very folder, and those named anew since (a
        listing of 10,000 names and a look at each cost a save 0.009 s at 10,000 stories)."""
        cards, known = dict(before.cards), _PLACED.setdefault((self.out_dir, self.prefix), {})
        paths = before._paths.copy() if before._paths is not None else None
        left = set()
        for key in () if self._keys_kept else before.cards.keys() - self.names.keys():  # 10,000 keys
            left.add(_leave(paths, cards.pop(key)))
        for key in self._anew[1]:
            name = self.names[key]
            placed = {name} if (self.out_dir / name).is_file() else set()
            left.add(_leave(paths, cards.get(key)))
            cards[key] = self._placed_card(name, self.specs[key], placed, known)
            if paths is not None:
                paths[os.fspath(cards[key].path)] += 1
        self._paths = paths
        if paths is not None:
            left.discard(None)
            self._left = (weakref.ref(before), {path for path in left if path not in paths})
        return cards

    def _placed_card(self, name: str, spec: CardSpec, placed: set[str], known: dict[str, Card]) -> Card:
        """The card `name`, linked into `out_dir` unless `placed` has it; `known`: cards placed there before."""
        if name not in placed:
            self._place(name, spec)
            placed.add(name)
        card = known.get(name)
        if card is None:
            card = known[name] = self._card(name)
        return card

    def _place(self, name: str, spec: CardSpec) -> None:
        try:
            _link_or_copy(self.cache_dir / name, self.out_dir / name)
        except FileNotFoundError:  # a name taken from the job before, its card since pruned from the cache
            _write_atomically(self.cache_dir / name, render(spec))
            _link_or_copy(self.cache_dir / name, self.out_dir / name)

    def _card(self, name: str) -> Card:
        target = self.out_dir / name
        size = _SIZES.get(name)
        if size is None:
            size = _SIZES[name] = target.stat().st_size
        return Card(url=f"{self.prefix}/{name}", path=target, bytes=size)

    def _draw_rest(self) -> None:
        try:
            for number, chunk in enumerate(self.chunks):
                if self.shared:
                    self.shared.result(number)
                else:
                    _draw_chunk(chunk, self.cache_dir)
        finally:
            if self.shared:
                self.shared.close()
            if not self.keep_caches:  # the build goes on in this process: free what its drawing kept
                draw.clear_caches()


def _by_bytes(spec: CardSpec) -> bool:
    """Whether the card is named by its photo file's bytes (which may change under the same spec)."""
    return spec.photo is not None and not spec.photo_id


def _leave(paths: Counter | None, card: Card | None) -> str | None:
    """One key fewer shows `card` (a card's file can be several keys' own: the same spec); its
    path when no key shows it any more."""
    if paths is None or card is None:
        return None
    path = os.fspath(card.path)
    paths[path] -= 1
    if paths[path] > 0:
        return None
    del paths[path]
    return path


def _chunks(cards: list[tuple[str, CardSpec]], workers: int) -> list[tuple[tuple[str, CardSpec], ...]]:
    """(name, spec) pairs, at most CHUNK each (one task per card costs more than drawing it),
    and small enough that every worker and the main process get several."""
    size = max(1, min(CHUNK, math.ceil(len(cards) / (4 * (workers + 1)))))
    return [tuple(cards[start:start + size]) for start in range(0, len(cards), size)]


def _draw_chunk(cards: tuple[tuple[str, CardSpec], ...], cache_dir: Path) -> None:
    Path(cache_dir).mkdir(parents=True, exist_ok=True)
    for name, spec in cards:
        _write_atomically(Path(cache_dir) / name, render(spec))


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


_SIZES: dict[str, int] = {}  # card name → its file's size: a name is the digest of what is drawn
_PLACED: dict[tuple[Path, str], dict[str, Card]] = {}  # (folder, prefix) → name → the card placed there before
# (serve places 10,000 cards a save)


def _still_there(cards: dict) -> bool:
    """Whether the folder the cards were placed in still holds them (not emptied since, as MkDocs
    empties the site before a full build): the first and the last are looked at (not listed:
    10,000 cards)."""
    ends = (next(iter(cards.values()), None), next(reversed(cards.values()), None))
    return all(card.path.is_file() for card in ends if card is not None)


def _names_in(folder: Path) -> set[str]:
    try:
        return set(os.listdir(folder))
    except FileNotFoundError:
        return set()


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(source, target)
