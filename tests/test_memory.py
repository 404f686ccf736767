"""Freed memory handed back to the system (glibc's malloc_trim), where the C library allows it, and
no module a build's workers import counted twice."""
from __future__ import annotations

import platform
import subprocess
import sys
from pathlib import Path

import pytest

from lantoa import build, memory


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


FORKED = """
import multiprocessing, sys
sys.path[:0] = [sys.argv[1]]
import support  # the engine under test
from lantoa import build
from lantoa.engine import internals
build.start_worker_server(first=internals.WORKER_PRELOAD, then=["lantoa.engine.converter"],
                          serving=sys.argv[2] == "serve")
with multiprocessing.get_context("forkserver").Pool(1) as pool:  # a worker, as the build forks them
    print(pool.apply(eval, ("sorted(set(__import__('sys').modules) & {" + repr(build.WORKER_MODULES)[1:-1] + "})",)))
"""


@pytest.mark.parametrize("command, imported", [("build", []), ("serve", sorted(build.WORKER_MODULES))])
def test_a_builds_workers_are_forked_from_a_server_that_preloads_nothing_of_theirs(command, imported):
    """Serve forks workers for every save: they come with their modules imported. A build forks each
    once: the server's copy of the modules would be counted again in every worker (43 MB)."""
    result = subprocess.run([sys.executable, "-c", FORKED, str(Path(__file__).parent), command],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == repr(imported)
