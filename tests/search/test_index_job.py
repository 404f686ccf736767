"""The search index built in its own process gives the files build_index writes in-process,
and a failure there fails the build with a message instead of hanging it."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from lantoa.search import build_index, page_text
from lantoa.search.job import BATCH_TEXTS, IndexJob, IndexJobFailed

from search_harness import DOCS, FACETS, doc


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


def test_texts_sent_in_several_batches_make_the_same_index(tmp_path):
    docs = DOCS + [doc(f"s/{i}/", f"Chuyện {i}", dt.date(2021, 1, 1) + dt.timedelta(days=i),
                       body=f"Chị Hoa {i} nuôi bò sữa, trồng rau sạch; hội viên {i % 7} học theo.")
                   for i in range(3 * BATCH_TEXTS + 5)]
    build_index(docs, FACETS, tmp_path / "here")
    job = IndexJob()
    for d in docs:
        job.add_text(d.url, d.body)
    job.start_build([dataclasses.replace(d, body="") for d in docs], FACETS, tmp_path / "there")
    assert job.wait().documents == len(docs)
    assert tree(tmp_path / "there") == tree(tmp_path / "here")


def test_pages_sent_as_html_make_the_index_of_their_page_text(tmp_path):
    pages = {d.url: f"<h2>{d.title}</h2><p>{d.body}</p><p>Chị <b>Hoa</b>&nbsp;kể</p>" for d in DOCS}
    build_index([dataclasses.replace(d, body=page_text(pages[d.url])) for d in DOCS], FACETS, tmp_path / "here")
    job = IndexJob()
    for url, html in pages.items():
        job.add_html(url, html)
    job.start_build([dataclasses.replace(d, body="") for d in DOCS], FACETS, tmp_path / "there")
    job.wait()
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
