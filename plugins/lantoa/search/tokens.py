"""Folded syllables: the unit of the index. Must match `tokens()` in search.js."""
from __future__ import annotations

import re
from itertools import chain

from lantoa.text import fold, nfc

_TOKEN = re.compile(r"[^\W_]+")


def syllables(text: str) -> list[str]:
    """Folded syllables (and numbers) of a text, in order: "Phụ nữ, Đào" → ["phu", "nu", "dao"]."""
    return _TOKEN.findall(fold(nfc(text)))


def pairs(words: list[str]) -> list[str]:
    """Adjacent syllable pairs, the keys of phrase postings: ["phu nu", "nu dao"]."""
    return [f"{a} {b}" for a, b in zip(words, words[1:])]


class PairKeys(dict):
    """(syllable, syllable) → their pair key, as `pairs()` makes it, made once per distinct pair."""

    def __missing__(self, pair: tuple[str, str]) -> str:
        self[pair] = key = " ".join(pair)
        return key


def name_key(name: str) -> str:
    """Key of an exact-name posting: "=nguyen thi mai"."""
    return "=" + " ".join(syllables(name))


def shard_of(key: str, shards: int) -> int:
    """FNV-1a (32 bit) of the key's UTF-8 bytes, modulo the shard count (same in search.js)."""
    value = 0x811C9DC5
    for byte in key.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % shards


def _folds_alone(char: str) -> bool:
    """fold() treats this character on its own: a word character becomes ASCII word characters,
    anything else stays as it is. Text made only of such characters folds word by word."""
    folded = fold(char)
    if _TOKEN.fullmatch(char):
        return folded.isascii() and _TOKEN.fullmatch(folded) is not None
    return folded == char


_CANDIDATES = [*range(0x00, 0x250), *range(0x1E00, 0x1F00), *range(0x2000, 0x2070)]
_OTHER_CHARACTER = re.compile("[^" + "".join(re.escape(chr(c)) for c in _CANDIDATES if _folds_alone(chr(c))) + "]")


class SyllableReader:
    """Syllables per line, reading each distinct whitespace-separated chunk once (one reader
    per index build).

    Same result as `syllables()` on each line: text whose characters all fold on their own is
    read chunk by chunk ("Nữ," → ["nu"]); any other text goes the general way.
    """

    def __init__(self) -> None:
        self._chunk = _ChunkSyllables().__getitem__

    def phrases(self, text: str) -> list[list[str]]:
        """Syllables per line: pairs never join the end of one list item to the next."""
        text = nfc(text)
        if _OTHER_CHARACTER.search(text):
            return [words for line in text.split("\n") if (words := syllables(line))]
        return [words for line in text.split("\n")
                if (words := list(chain.from_iterable(map(self._chunk, line.split()))))]


class _ChunkSyllables(dict):
    def __missing__(self, chunk: str) -> tuple[str, ...]:
        self[chunk] = words = tuple(syllables(chunk))
        return words
