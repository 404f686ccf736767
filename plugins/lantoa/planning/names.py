"""The names page: everyone celebrated, A–Z by given name, as Vietnamese lists are ordered."""
from __future__ import annotations

import bisect
import dataclasses
import functools
from operator import attrgetter

from .. import text
from ..model import Story
from ..plan import Person
from .planner import Planner

RESORT_AT_MOST = 64  # stories in or out of the A–Z list put in place; more: sorted again


def names_page(p: Planner) -> None:
    """Under serve, the previous plan's groups while all they show is the same (a retitle: 0.05 s
    at 10,000 stories)."""
    groups = p.remembered("names", p.units.units, p.stories,
                          attrgetter("source", "subject", "subject_kind", "unit", "slug", "year"), lambda: _name_groups(p))
    p.add(url="nhan-vat/", role="names", title="Gương điển hình theo tên", template="lantoa/names.html",
          summary=f"{len(p.stories)} gương điển hình của {p.settings.union_name}: cá nhân, tập thể, mô hình, "
                  f"xếp theo tên.",
          context=dict(groups=groups))


@dataclasses.dataclass
class _Line:
    """A story's line on the page, with where it goes."""
    story: Story
    key: tuple  # `_key`
    initial: str
    person: Person


def _line(p: Planner, story: Story) -> _Line:
    card, words = p.card(story), story.subject.split()
    return _Line(story, _key(story), _initial(words[-1] if words else "?"),
                 Person(card.url, card.subject, card.subject_kind, card.place))


def _key(story: Story) -> tuple:
    return text.name_sort_key(story.subject), story.source


def _name_groups(p: Planner) -> list[tuple[str, tuple[Person, ...]]]:
    """The people by initial. Under serve, a letter's people are the last plan's very tuple while
    they are equal: its part of the page is then the one rendered last (`lantoa_lasting`; a story
    in or out re-rendered all 10,000 names, 0.06 s at 10,000 stories)."""
    groups: dict[str, list] = {}
    for line in _a_to_z(p):
        groups.setdefault(line.initial, []).append(line.person)
    made = [(letter, tuple(people)) for letter, people in groups.items()]
    if p.kept is None:
        return made
    last = dict(p.kept.swap("name groups", None) or ())
    made = [(letter, last[letter] if last.get(letter) == people else people) for letter, people in made]
    p.kept.swap("name groups", made)
    return made


def _a_to_z(p: Planner) -> list[_Line]:
    """Every story's line, A–Z. Under serve, the last plan's lines with those of the stories gone
    taken out and those of the stories new (or made anew) put in place, while the places are
    the same (sorting 10,000 again cost a save that put one in or took one out 0.05 s)."""
    last = p.kept.swap("names A-Z", None) if p.kept is not None else None
    lines = _resorted(p, last[1]) if last is not None and last[0] == p.units.units else None
    if lines is None:
        lines = sorted((_line(p, story) for story in p.stories), key=attrgetter("key"))
    if p.kept is not None:
        p.kept.swap("names A-Z", (p.units.units, lines))
    return lines


def _resorted(p: Planner, last: list[_Line]) -> list[_Line] | None:
    """`last` with the stories no longer in `p.stories` out and those new to it in; None: too many."""
    now = {id(story) for story in p.stories}
    lines = [line for line in last if id(line.story) in now]
    kept = {id(line.story) for line in lines}
    new = [story for story in p.stories if id(story) not in kept]
    if len(new) + len(last) - len(lines) > RESORT_AT_MOST:
        return None
    keys = [line.key for line in lines]
    for story in new:
        line = _line(p, story)
        at = bisect.bisect(keys, line.key)
        keys.insert(at, line.key)
        lines.insert(at, line)
    return lines


@functools.lru_cache(maxsize=4096)
def _initial(word: str) -> str:
    letter = text.nfc(word)[:1].upper()
    base = text.fold(letter).upper()
    # Vietnamese letters of their own keep their mark (Ă, Â, Đ, Ê, Ô, Ơ, Ư); tones are dropped.
    for keep in "ĂÂĐÊÔƠƯ":
        if text.fold(keep).upper() == base and _letter_mark(letter) == keep:
            return keep
    return base


def _letter_mark(letter: str) -> str:
    for ch in "ĂÂĐÊÔƠƯ":
        if text.sort_key(letter)[0] == text.sort_key(ch)[0]:
            return ch
    return ""
