"""`mkdocs serve`: the stories, news, cards and item pages of the previous load, reused when
made again from the very same inputs (`SameInputs`, for other values kept that way).

Every rebuild under serve loads and plans the whole site. Most items come from reads kept
unchanged (`reading.load_all`), so making a `Story` from the same read, with the same units and
campaigns, gives an equal story: the previous object is taken instead. It also makes the pages
planned from it hold the same objects as the previous plan's, so comparing the two plans
(`engine.unchanged`) mostly meets identical objects, and stops there.

Relies on: a read kept unchanged is the same dict object (`reading.load_all`'s cache); items and
cards and pages are frozen dataclasses (a page's context is never changed once planned); an
item depends on its read, the units and the campaigns' reads only (`load._story`, `load._news`),
a card on its item and the units (`Planner._card`), an item's page on what `planning.items` lists
as what it shows.

The plain path (a build, `audit`, `scaffold`) passes no `Remade` and makes everything anew.
Saves (a partial rebuild at 10,000 stories, README "Speed"): see `engine/partial.py`.
"""
from __future__ import annotations

import dataclasses
import os
from functools import partial
from itertools import chain, compress, count
from operator import is_not, itemgetter
from pathlib import Path
from typing import Any, Callable


def _stamp(path: Path) -> tuple | None:
    """What says a file (and the link it may be) is as it was; None if it cannot be looked at."""
    try:
        found, link = os.stat(path), os.lstat(path)
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size, found.st_ino, link.st_mtime_ns, link.st_ino


_FOUND: dict[tuple[int, int], tuple[list, list, list[int]]] = {}  # the last pairs of lists compared


def not_the_same(before: list, now: list) -> list[int]:
    """The places where `now` holds another object than `before`, found in C; for the same two
    lists again, the places found last (the planner's stories are compared by three groupings
    and the story pages, between its news, and `same_items` uses them: 0.3 ms each at 10,000
    stories). Relies on the lists not being changed once made."""
    key = (id(before), id(now))
    found = _FOUND.get(key)  # the lists are kept with the places: their ids stay theirs
    if found is None:
        if len(_FOUND) >= 4:
            _FOUND.clear()
        found = _FOUND[key] = (before, now, list(compress(count(), map(is_not, before, now))))
    return found[2]


class DictSince(dict):
    """A dict made from another (`since`), which records the keys set after (`set`): what
    compares the two (`CardJob._names`, the card specs) looks at those keys only while the two
    have as many (then the same keys, in the same order). Not to be changed otherwise."""

    def __init__(self, since: dict):
        super().__init__(since)
        self.since, self.set = since, []
        if isinstance(since, DictSince):  # only the newest says what it was made from: no chain kept
            since.since, since.set = None, []

    def __setitem__(self, key, value) -> None:
        self.set.append(key)
        super().__setitem__(key, value)

    def set_since(self, before: dict) -> list | None:
        """The keys set since `before` (the same keys in the same order); None: not known."""
        return self.set if self.since is before and len(self) == len(before) else None


SAME_ITEMS_RUN = 512


def same_items(before: list, now: list, fields: Callable[[Any], Any]) -> bool:
    """Item by item, the very same objects or equal in `fields` (an attrgetter): what a save left
    is the same object (`Remade.items`), so the two lists are compared in C, a run of items at a
    time (list equality looks at identity first), and only in a run that differs are the items
    that are not the very same compared in `fields`. Equal items are equal in `fields`: items are
    frozen dataclasses, and `fields` reads what their equality compares. (The ~100 lists a save
    compares at 10,000 stories, sampled: 0.009 s by identity through `map(is_not, …)`, 0.0017 s
    by runs. Where the places of the objects not the very same were found for these two lists
    (`not_the_same`), only those are compared.)"""
    if before is now:
        return True
    if len(before) != len(now):
        return False
    found = _FOUND.get((id(before), id(now)))  # the places found for these two lists
    if found is not None:
        return all(fields(before[i]) == fields(now[i]) for i in found[2])
    for start in range(0, len(now), SAME_ITEMS_RUN):
        old, new = before[start:start + SAME_ITEMS_RUN], now[start:start + SAME_ITEMS_RUN]
        if old != new and not all(fields(a) == fields(b) for a, b in zip(old, new) if a is not b):
            return False
    return True


def same_lists(before: tuple[list, ...], now: tuple[list, ...]) -> bool:
    """Whether each list is the very list of `before`, or both are empty (lists not changed once
    made: `plan_delta.grouped`'s)."""
    return len(before) == len(now) and all(a is b or not (a or b) for a, b in zip(before, now))


def _same_objects(a: tuple, b: tuple) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b))


_NOT_NONE = partial(is_not, None)


@dataclasses.dataclass
class _Kept:
    """One kind's reads of the last load, with (read, item or None, its problems) for each, and
    the places of those with problems."""
    reads: list[dict]
    kepts: list[tuple[dict, Any, list]]
    noisy: list[int]
    items: list  # what `Remade.items` gave: not changed afterwards


def _moved_in_place(before: list[dict], now: list[dict]) -> list[int] | None:
    """The places where `now` holds another read than `before`, each of the same file (found in
    C: a save reads again one file or two of 10,000; or those `read_lists` says it read again);
    None when the lists differ otherwise."""
    if before is now:
        return []
    if len(before) != len(now):
        return None
    since = getattr(now, "since", None)  # made from `before`, places known (`read_lists.Patched`)
    changed = [i for i in since[1] if before[i] is not now[i]] if since and since[0] is before else \
        list(compress(count(), map(is_not, before, now)))
    if len(changed) > len(now) // 4 + 1 or any(before[i]["file"] != now[i]["file"] for i in changed):
        return None
    return changed


class Remade:
    """What one load made, for the next (the caller keeps it across loads)."""

    def __init__(self):
        self._units: dict = {}
        self._campaigns: tuple = ()
        self._lists: dict[str, _Kept] = {}  # kind → its reads and items, in the order of the last load
        self._valid = False
        self._same_files = False  # every kind's items made from reads of the same files, in place
        self.cards: dict[str, tuple[Any, Any]] = {}  # item source → (item, card), for the planner
        self.pages = SameInputs()  # item source → its page, for the planner (`start_plan`)
        self.listings = SameInputs()  # listing URL → its pages, for the planner (`start_plan`)
        self._remembered: dict[str, Any] = {}  # name → (inputs, value), or what `swap` keeps
        self._registry: tuple | None = None  # (units.yml's stamp, (registry, problems))

    def registry(self, path: Path, root: Path, make: Callable[[Path, Path], tuple]) -> tuple:
        """`make(path, root)`: the units and their problems, or those made last load while the file
        (and the link it may be) is as it was (reading units.yml cost a save at 10,000 stories 0.01 s;
        a save of it is a full build, which looks at the file again)."""
        stamp = (_stamp(path), root)
        if stamp[0] is None or self._registry is None or self._registry[0] != stamp:
            self._registry = (stamp, make(path, root))
        registry, problems = self._registry[1]
        return registry, list(problems)  # the load adds its own problems to the list

    def start(self, units: dict, campaign_reads: list[dict]) -> None:
        """A load begins: what was made before stands if the units and the campaigns' reads are
        the same."""
        campaigns, same_units = tuple(campaign_reads), units == self._units
        self._valid = same_units and _same_objects(campaigns, self._campaigns)
        if not same_units:
            self.cards = {}
        self._units, self._campaigns, self._same_files = units, campaigns, self._valid

    def items(self, kind: str, reads: list[dict], make: Callable[..., Any], links: tuple, problems: list) -> list:
        """The items made from `reads` (`make(read, *links, problems)`; None for a read with an
        error, left out), or the previous ones made from these very reads. When the reads are the
        last load's of `kind` in the same places but for a few of the same files (a save that adds,
        deletes and moves no item), only those few are made and the rest taken over as a list (at
        10,000 stories, a read at a time cost a save 0.02 s)."""
        last = self._lists.get(kind) if self._valid else None
        changed = _moved_in_place(last.reads, reads) if last is not None else None
        if changed is None:
            kept = {one[0]["file"]: one for one in last.kepts} if last is not None else {}
            kepts = [self._one(kept.get(read["file"]), read, make, links) for read in reads]
            noisy = [index for index, one in enumerate(kepts) if one[2]]
            self._same_files = False
        elif not changed:  # the very reads: the very items (a story's save, for the news)
            kepts, noisy = last.kepts, last.noisy
        else:
            kepts = last.kepts.copy()
            for index in changed:
                kepts[index] = self._one(None, reads[index], make, links)
            noisy = sorted({*last.noisy, *changed} - {index for index in changed if not kepts[index][2]})
        items = last.items if changed == [] else list(filter(_NOT_NONE, map(itemgetter(1), kepts)))
        self._lists[kind] = _Kept(reads, kepts, noisy, items)
        problems += chain.from_iterable(kepts[index][2] for index in noisy)
        return items

    @staticmethod
    def _one(kept: tuple | None, read: dict, make: Callable[..., Any], links: tuple) -> tuple:
        if kept is None or kept[0] is not read:
            found: list = []
            kept = (read, make(read, *links, found), found)
        return kept

    def start_plan(self, links: Any) -> None:
        """A plan begins: the item pages planned before stand if what the plan links them to
        (`links`: the units, the campaigns, the places with a page, the settings) is the same;
        each for the same item and related cards (`Planner.add_item_page`). So do the pages of
        each listing, for the very same items (whose cards are then the same) and an equal context
        (`Planner.listing`)."""
        self.pages.start(links)
        self.listings.start(links)

    def swap(self, name: str, value: Any) -> Any:
        """What the last plan kept under `name` (None the first time); `value` is kept for the next."""
        before, self._remembered[name] = self._remembered.get(name), value
        return before

    def ready(self) -> None:
        """What the values kept for the next plan make when the next save asks for it (the groups'
        places, the story pages' index), made now: after a full build under serve, before the
        writer's first save (`partial.after_full_build`)."""
        for value in self._remembered.values():
            if hasattr(value, "ready"):
                value.ready()

    def remembered_items(self, name: str, shared: Any, items: list, fields: Callable[[Any], Any],
                         make: Callable[[], Any]) -> Any:
        """`make()`, or what it gave last time if `shared` is equal and `items` are the same, item
        by item (`same_items`): all `make` reads of them is `fields`. `items` is kept, not copied:
        a list the caller does not change afterwards."""
        kept = self._remembered.get(name)
        if kept is None or not (kept[0][0] == shared and same_items(kept[0][1], items, fields)):
            kept = self._remembered[name] = ((shared, items), make())
        return kept[1]

    def sorted(self, name: str, items: list, key: Callable[[Any], Any], reverse: bool = False) -> list:
        """`sorted(items, key=key, reverse=reverse)`, in the order found last time under `name`
        while the items' keys are the same, item by item (a save moves no story: 10,000 keys
        compared, not sorted)."""
        kept = self._remembered.get(name)
        if kept is not None and kept[2] == reverse and same_items(kept[0], items, key):
            order = kept[1]
        else:
            order = sorted(range(len(items)), key=lambda i: key(items[i]), reverse=reverse)
        self._remembered[name] = (items, order, reverse)
        return list(map(items.__getitem__, order))

    def finish(self) -> None:
        """The load is done: only what it made is kept (items gone are forgotten, and their cards;
        campaigns' cards are made again by each plan, a handful)."""
        if self._same_files:  # the same files as the last load: the same items, by file
            return
        files = {one[0]["file"] for kept in self._lists.values() for one in kept.kepts}
        self.cards = {source: card for source, card in self.cards.items() if source in files}


def card(cards: dict[str, tuple[Any, Any]] | None, item, make: Callable[[Any], Any]):
    """`make(item)`, or the card made last plan for this very item."""
    if cards is None:
        return make(item)
    kept = cards.get(item.source)
    if kept is None or kept[0] is not item:
        kept = cards[item.source] = (item, make(item))
    return kept[1]


class SameInputs:
    """Values made in one rebuild, for the next while the inputs they all share are equal
    (`start`); each is kept by name with what it was made from, and given again for that very
    object, or an equal one (`get`). What the last rebuild did not ask for is forgotten."""

    def __init__(self):
        self._shared: Any = None
        self._made: dict[Any, tuple[Any, Any]] = {}
        self._before: dict[Any, tuple[Any, Any]] = {}

    carried = False  # whether what was made last time stands (`carry`)

    def start(self, shared: Any) -> None:
        same = shared == self._shared
        self._shared = shared
        self.carry(same)

    def carry(self, same: bool) -> None:
        """Begin again, keeping what was made last time if `same` (the inputs all share are equal)."""
        self._before = self._made if same else {}
        self._made, self.carried = {}, same

    def keep_all(self) -> None:
        """What was made last time and not asked for this time is kept for the next all the same
        (a caller that took it over whole: `planning.items`): the last's, updated in place (a
        copy of 10,000 entries cost a save 0.001 s)."""
        self._before.update(self._made)
        self._made = self._before

    def take(self, name: Any) -> Any:
        """What was made last time under `name`, as it was (None: nothing, or the shared inputs
        changed), for a caller that knows it was made from the same inputs."""
        kept = self._made.get(name) or self._before.get(name)
        if kept is None:
            return None
        self._made[name] = kept
        return kept[1]

    def last(self, name: Any) -> tuple[Any, Any] | None:
        """(what it was made from, the value) last time under `name`, while the shared inputs are
        equal; None: nothing."""
        return self._made.get(name) or self._before.get(name)

    def get(self, name: Any, source: Any, make: Callable[[], Any]) -> Any:
        kept = self._made.get(name) or self._before.get(name)
        if kept is None or (kept[0] is not source and kept[0] != source):
            kept = (source, make())
        self._made[name] = kept
        return kept[1]
