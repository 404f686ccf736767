"""A Lan Tỏa project copied while other processes may be building it (the tests' xdist workers
build the example in place): the bench's phone project and the tests' copies are made with it."""
from __future__ import annotations

import shutil
from pathlib import Path


def copy_project(source: Path, target: Path, *, with_cache: bool = False) -> Path:
    """A copy of a Lan Tỏa project (config, docs, stories; its cache if asked) to break or rebuild
    freely; with its cache, no test building the source meanwhile (xdist workers build the example
    in place) changes a copy's inputs half way (the cards' ledger in the cache, say)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("docs", "stories", *([".cache"] if with_cache else [])):
        if (source / folder).is_dir():  # a file another build's process replaces meanwhile: not copied
            shutil.copytree(source / folder, target / folder, ignore=shutil.ignore_patterns("*.tmp"),
                            copy_function=_copy_if_there, symlinks=True)
    return target


def _copy_if_there(source: str, target: str) -> str:
    try:
        return shutil.copy2(source, target)
    except FileNotFoundError:
        return target
