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

import os
from pathlib import Path
from typing import Any, Callable


def _stamp(path: Path) -> tuple | None:
    """What says a file (and the link it may be) is as it was; None if it cannot be looked at."""
    try:
        found, link = os.stat(path), os.lstat(path)
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size, found.st_ino, link.st_mtime_ns, link.st_ino


def same_items(before: list, now: list, fields: Callable[[Any], Any]) -> bool:
    """Item by item, the very same objects or equal in `fields` (an attrgetter): what a save left
    is the same object (`Remade.item`), so comparing 10,000 items this way costs no tuple each."""
    return len(before) == len(now) and all(a is b or fields(a) == fields(b) for a, b in zip(before, now))


def _same_objects(a: tuple, b: tuple) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b))


class Remade:
    """What one load made, for the next (the caller keeps it across loads)."""

    def __init__(self):
        self._units: dict = {}
        self._campaigns: tuple = ()
        self._items: dict[str, tuple[dict, Any, list]] = {}  # file → (read, item or None, its problems)
        self._made: dict[str, tuple[dict, Any, list]] = {}
        self._valid = False
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
        self._units, self._campaigns, self._made = units, campaigns, {}

    def item(self, read: dict, make: Callable[..., Any], links: tuple, problems: list) -> Any:
        """The item made from `read` (`make(read, *links, problems)`), or the previous one made from
        this very read."""
        kept = self._items.get(read["file"]) if self._valid else None
        if kept is None or kept[0] is not read:
            found: list = []
            kept = (read, make(read, *links, found), found)
        self._made[read["file"]] = kept
        problems += kept[2]
        return kept[1]

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
        return [items[i] for i in order]

    def finish(self) -> None:
        """The load is done: only what it made is kept (items gone are forgotten, and their cards;
        campaigns' cards are made again by each plan, a handful)."""
        self._items, self._made = self._made, {}
        self.cards = {source: card for source, card in self.cards.items() if source in self._items}


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
        (a caller that took it over whole: `planning.items`)."""
        self._made = {**self._before, **self._made}

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
