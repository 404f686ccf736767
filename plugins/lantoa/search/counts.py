"""What a text holds for the index: its length in syllables and how often each key (folded
syllable, syllable pair) occurs in it, counted once per distinct text."""
from __future__ import annotations

from array import array
from collections import Counter
from itertools import chain

from lantoa.search.tokens import PairKeys, SyllableReader
from lantoa.text import digest

LONG_TEXT = 512  # characters: a text this long is counted under its digest (TextCounts)


class Tally:
    """The count of each key in one text, kept compact: the ids of the keys (`KeyIds`) in the
    order first seen, and their counts, in arrays of the smallest C type (a Counter per text took
    450 MB of the index process at 10,000 stories; the keys as a tuple of strs, 71 MB; this, 30 MB)."""

    __slots__ = ("ids", "counts")

    def __init__(self, counted: Counter, key_ids: KeyIds) -> None:
        self.ids = array("I", map(key_ids.__getitem__, counted))
        self.counts = array(smallest_type(max(counted.values(), default=0)), counted.values())

    def __len__(self) -> int:
        return len(self.ids)

    def items(self):
        return zip(self.ids, self.counts)

    def values(self) -> array:
        return self.counts

    def as_dict(self) -> dict[int, int]:
        return dict(zip(self.ids, self.counts))


class KeyIds(dict):
    """Key → its number, given in the order keys are first seen; `keys[number]` is the key."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[str] = []

    def __missing__(self, key: str) -> int:
        self[key] = number = len(self.keys)
        self.keys.append(key)
        return number


class TextCounts:
    """Per field text: its length in syllables and the count of each key. One per index build,
    or kept across the rebuilds of `mkdocs serve`, where most texts come back unchanged. A text
    of LONG_TEXT characters or more is known by its digest: the text itself need not stay."""

    def __init__(self) -> None:
        self._counted: dict[str | bytes, tuple[int, Tally]] = {}
        self.reader = SyllableReader()
        self.pair_keys = PairKeys()
        self.key_ids = KeyIds()

    def __getitem__(self, text: str) -> tuple[int, Tally]:
        known = _known_as(text)
        counted = self._counted.get(known)
        if counted is None:
            phrases = self.reader.phrases(text)
            self._counted[known] = counted = (sum(map(len, phrases)), Tally(_counts(phrases, self.pair_keys), self.key_ids))
        return counted

    def __len__(self) -> int:
        return len(self._counted)

    def clear(self) -> None:
        self._counted.clear()

    def keep_only(self, texts: set[str]) -> None:
        kept = {_known_as(t) for t in texts}
        for gone in [t for t in self._counted if t not in kept]:
            del self._counted[gone]


def _known_as(text: str) -> str | bytes:
    return text if len(text) < LONG_TEXT else digest(text)


def _counts(phrases: list[list[str]], pair_keys: PairKeys) -> Counter:
    """Occurrences of each syllable and of each pair of adjacent syllables."""
    pair_key = pair_keys.__getitem__
    return Counter(chain.from_iterable(chain(words, map(pair_key, zip(words, words[1:]))) for words in phrases))


def smallest_type(largest: int) -> str:
    """The array typecode of the smallest unsigned C type holding numbers up to `largest`."""
    return next(code for code in ("B", "H", "I", "L", "Q") if largest < 2 ** (8 * array(code).itemsize))
