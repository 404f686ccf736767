"""Gate 5: two builds of the same input, from two folders, are byte-identical."""
from __future__ import annotations

import pytest

from lantoa.cards import keep as card_keep
from benchkit.copying import copy_project
from quality_gates import ROOT, build, file_hashes

pytestmark = pytest.mark.slow

SOURCE_DATE_EPOCH = "1717200000"  # 1/6/2024, any fixed instant


def test_two_builds_are_byte_identical(example_site, tmp_path):
    """The example built in place (warm photo cache) and a copy built elsewhere (cold cache):
    absolute paths, cache state and wall-clock time must not show in the output."""
    sites = []
    for project in (ROOT, copy_project(ROOT, tmp_path / "copy" / "project")):
        site = tmp_path / f"site-{len(sites)}"
        result = build(project, site, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
        assert result.returncode == 0, result.stdout + result.stderr
        sites.append(file_hashes(site))
    first, second = sites
    assert first, "the build wrote no files"
    # Cards published by earlier builds are carried forward from the cache (cards/keep.py): the
    # warm build has them and the cold one not. They are the only files allowed in one build alone.
    carried = set(card_keep.read_ledger(ROOT / ".cache" / "lantoa" / "cards"))
    only = sorted(path for path in set(first) ^ set(second)
                  if not (path.startswith("the-chia-se/") and path.rsplit("/", 1)[1] in carried))
    differing = sorted(path for path in set(first) & set(second) if first[path] != second[path])
    if only or differing:
        pytest.fail(f"{len(differing)} files differ between two builds of the same input:\n  "
                    + "\n  ".join(differing[:50])
                    + ("\nfiles written by only one build:\n  " + "\n  ".join(only[:50]) if only else ""),
                    pytrace=False)
