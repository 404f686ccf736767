"""Work shared with worker processes gives what this process alone gives, in the same order."""
from __future__ import annotations

import sys
from pathlib import Path

from lantoa import load, reading, shared

ROOT = Path(__file__).resolve().parents[1]


def test_a_corpus_read_with_workers_is_the_corpus_read_alone(tmp_path, monkeypatch):
    sys.path.insert(0, str(ROOT / "scripts"))
    from benchkit import corpus as kit

    project = kit.write(kit.generate(240, seed=11), tmp_path / "corpus")["lantoa"]
    stories = sorted(project.glob("stories/people/*/*/index.md"))
    stories[3].write_text("---\ntitle: [không đóng\n---\nNội dung.\n", encoding="utf-8")  # LT003
    stories[200].write_text(stories[200].read_text(encoding="utf-8").replace("title:", "tittle:", 1), encoding="utf-8")
    alone = load.load_corpus(project)
    monkeypatch.setattr(reading, "SHARED_MINIMUM", 1)
    monkeypatch.setattr(reading, "SHARED_CHUNK", 7)
    together = load.load_corpus(project)
    assert [d.code for d in alone.diagnostics] == [d.code for d in together.diagnostics]
    assert {"LT003"} <= {d.code for d in together.diagnostics}
    assert together.stories == alone.stories and len(together.stories) == 238
    assert together.campaigns == alone.campaigns


def _double(chunk, offset):
    return [n * 2 + offset for n in chunk]


def test_shared_chunks_come_back_in_order_whoever_did_them():
    chunks = shared.chunked(list(range(100)), 3)
    work = shared.SharedChunks(_double, chunks, (1,))
    try:
        assert [n for number in range(len(chunks)) for n in work.result(number)] == [n * 2 + 1 for n in range(100)]
    finally:
        work.close()


def test_a_chunk_is_let_go_once_its_result_is_taken():
    """A body job's chunks hold every body's Markdown: each is let go as its result is taken."""
    chunks = shared.chunked([f"thân bài {n}" * 100 for n in range(12)], 4)
    work = shared.SharedChunks(_double_text, chunks, ())
    try:
        assert work.result(1) == [t * 2 for t in chunks[1]]
        assert work.chunks[1] is None and work.chunks[0] is chunks[0]
        assert work.result(0) == [t * 2 for t in chunks[0]] and work.chunks[0] is None
    finally:
        work.close()


def _double_text(chunk):
    return [t * 2 for t in chunk]
