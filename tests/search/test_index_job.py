"""The search index built in its own process gives the files build_index writes in-process,
and a failure there fails the build with a message instead of hanging it."""
from __future__ import annotations

import dataclasses

import pytest

from lantoa.search import build_index
from lantoa.search.job import IndexJob, IndexJobFailed

from search_harness import DOCS, FACETS


def tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_texts_sent_while_pages_render_make_the_same_index(tmp_path):
    build_index(DOCS, FACETS, tmp_path / "here")
    job = IndexJob()
    for doc in DOCS:
        job.add_text(doc.url, doc.body)
    job.start_build([dataclasses.replace(d, body="") for d in DOCS], FACETS, tmp_path / "there")
    stats = job.wait()
    assert stats.documents == len(DOCS)
    assert tree(tmp_path / "there") == tree(tmp_path / "here")


def test_a_failure_in_the_index_process_is_reported(tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    job = IndexJob()
    job.start_build(list(DOCS), FACETS, blocked / "index")
    with pytest.raises(IndexJobFailed, match="could not be built"):
        job.wait()


def test_a_cancelled_job_stops_its_process():
    job = IndexJob()
    job.cancel()
    assert not job._process.is_alive()
