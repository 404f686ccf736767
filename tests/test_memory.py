"""Freed memory handed back to the system (glibc's malloc_trim), where the C library allows it."""
from __future__ import annotations

import platform

import pytest

from lantoa import memory


def read_rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


def test_freed_heap_memory_goes_back_to_the_system():
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        pytest.skip("malloc_trim is glibc's")
    keep = []
    held = [bytearray(3000) for _ in range(40_000)]  # ~120 MB of heap chunks, under mmap's threshold
    for i in range(0, len(held), 50):
        keep.append(held[i])  # a few stay: the heap's top cannot shrink on its own
    del held
    before = read_rss_kb()
    assert memory.give_back() is True
    assert before - read_rss_kb() > 50_000, (before, read_rss_kb())
    assert keep
