"""After a rebuild under serve, what the site no longer uses is deleted, and the folders it
leaves empty, without walking the site (engine.output.sweep_known)."""
from __future__ import annotations

import os
import time

from lantoa.engine import output


def test_sweep_known_deletes_what_is_not_kept_and_the_folders_left_empty(tmp_path):
    site = tmp_path / "site"
    old = {name: site / name for name in ("a/b/cu.html", "a/giu.html", "c/d/cu.jpg", "the-chia-se/cu.jpg")}
    for path in old.values():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    (site / "the-chia-se/moi.jpg").write_text("y", encoding="utf-8")
    past = time.time_ns() - 10**9
    for path in [*old.values(), site / "the-chia-se/moi.jpg"]:
        os.utime(path, ns=(past, past))
    started = time.time_ns()
    written_now = site / "c/d/vua-viet.html"  # written by this rebuild, kept by nobody: stays
    written_now.write_text("z", encoding="utf-8")
    candidates = {os.fspath(p) for p in [*old.values(), site / "the-chia-se/moi.jpg", written_now]}
    kept = [old["a/giu.html"], site / "the-chia-se/moi.jpg"]

    others = output.sweep_known(site, started, {os.fspath(p) for p in kept}, candidates)

    assert others == {os.fspath(written_now)}  # left, kept by nobody: looked at again next time
    assert not (site / "a/b").exists() and (site / "a/giu.html").exists()
    assert not old["c/d/cu.jpg"].exists() and written_now.exists()
    assert not old["the-chia-se/cu.jpg"].exists() and (site / "the-chia-se").is_dir()
    output.sweep_known(site, time.time_ns() + 1, {os.fspath(p) for p in kept}, others)  # the next rebuild keeps it no more
    assert not (site / "c").exists() and site.is_dir()


def test_only_what_a_keeper_let_go_and_what_nobody_kept_is_looked_at_again():
    """`left.Kept`: after a partial rebuild the sweep looks at the files the last one left that
    may have gone (a page's, a card's, a placed file's, and those nobody kept), not at all of them."""
    from lantoa.engine.left import Kept, candidates
    pages = {"/s/a.html", "/s/b.html"}
    before = Kept(pages, {"/s/c/1.jpg", "/s/c/2.jpg"}, {"/s/rss.xml", "/s/old.xml"}, others={"/s/404.html"})
    now = Kept(pages, {"/s/c/1.jpg", "/s/c/3.jpg"}, {"/s/rss.xml"})
    assert candidates(now, before) == {"/s/404.html", "/s/c/2.jpg", "/s/old.xml"}
    fewer = Kept({"/s/a.html"}, now.cards, now.published)  # a page went: its set is another
    assert candidates(fewer, now) == {"/s/b.html"}
    walked = {"/s/a.html", "/s/b.html", "/s/c/2.jpg", "/s/x.html"}  # after a full build's walk: all not kept now
    assert candidates(fewer, walked) == {"/s/b.html", "/s/c/2.jpg", "/s/x.html"}
    assert "/s/c/3.jpg" in now and "/s/rss.xml" in now and "/s/a.html" in now and "/s/old.xml" not in now
