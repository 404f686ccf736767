"""Folded syllables: the unit of the index. Must match `tokens()` in search.js."""
from __future__ import annotations

import re

from lantoa.text import fold, nfc

_TOKEN = re.compile(r"[^\W_]+")


def syllables(text: str) -> list[str]:
    """Folded syllables (and numbers) of a text, in order: "Phụ nữ, Đào" → ["phu", "nu", "dao"]."""
    return _TOKEN.findall(fold(nfc(text)))


def pairs(words: list[str]) -> list[str]:
    """Adjacent syllable pairs, the keys of phrase postings: ["phu nu", "nu dao"]."""
    return [f"{a} {b}" for a, b in zip(words, words[1:])]


def name_key(name: str) -> str:
    """Key of an exact-name posting: "=nguyen thi mai"."""
    return "=" + " ".join(syllables(name))


def shard_of(key: str, shards: int) -> int:
    """FNV-1a (32 bit) of the key's UTF-8 bytes, modulo the shard count (same in search.js)."""
    value = 0x811C9DC5
    for byte in key.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % shards
