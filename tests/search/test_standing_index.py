"""serve's standing search index (search/standing.py): after every kind of change its folder holds
the very bytes build_index writes from the same documents, and a change of a few documents
writes only the files that show them."""
from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from lantoa.search import build_index
from lantoa.search import standing
from lantoa.search.model import Facets, SearchDoc
from lantoa.search.standing import StandingIndex

SYLLABLES = ("hoa mai lan cúc đào nghề dệt vải bưởi vườn chị em hội viên thoát nghèo vốn vay tiết kiệm "
             "phụ nữ sáng tạo khởi nghiệp chăn nuôi trồng trọt thổ cẩm chợ phiên bản làng xã huyện "
             "gương điển hình làm giàu học tập miến dong rượu men lá hồi quế na").split()
UNITS = (("huyen-bac-son", "huyện Bắc Sơn"), ("huyen-loc-binh", "huyện Lộc Bình"), ("xa-tan-thanh", "xã Tân Thành"))
CAMPAIGNS = (("khoi-nghiep", "Phụ nữ khởi nghiệp"), ("5-khong-3-sach", "Gia đình 5 không 3 sạch"))
FACETS = Facets(campaigns=CAMPAIGNS, units=UNITS, years=(2025, 2024, 2023), subject_kinds=("cá nhân", "tập thể"))


def words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(SYLLABLES) for _ in range(n))


def make_doc(rng: random.Random, i: int) -> SearchDoc:
    unit, unit_label = rng.choice(UNITS)
    campaign, campaign_label = rng.choice(CAMPAIGNS)
    subject = f"Nguyễn Thị {rng.choice(SYLLABLES).capitalize()} {i}"
    return SearchDoc(
        url=f"cau-chuyen/{2023 + i % 3}/bai-{i}/", title=f"{subject}: {words(rng, 6)}", kind="story",
        kind_label="Gương điển hình", date=dt.date(2023 + i % 3, 1 + i % 12, 1 + i % 28),
        subject_kind=rng.choice(("cá nhân", "tập thể")), subject=subject, unit_keys=(unit,),
        unit_label=unit_label, unit_terms=(unit_label,), campaign_keys=(campaign,),
        campaign_terms=(campaign_label,), criteria=(words(rng, 2),), tags=(words(rng, 1),),
        summary=words(rng, 15), body=words(rng, rng.randint(60, 140)))


@pytest.fixture
def corpus():
    rng = random.Random(7)
    return rng, [make_doc(rng, i) for i in range(120)]


def tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def stamps(folder):
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def check(index: StandingIndex, docs, tmp_path, facets=FACETS):
    """Update the standing index; it must hold what build_index writes. Returns the files written."""
    before = stamps(tmp_path / "standing") if (tmp_path / "standing").exists() else {}
    stats = index.update(list(docs), facets, tmp_path / "standing")
    fresh = tmp_path / "fresh"
    expected = build_index(list(docs), facets, fresh)
    assert tree(tmp_path / "standing") == tree(fresh)
    assert stats == expected
    after = stamps(tmp_path / "standing")
    return {name for name, stamp in after.items() if before.get(name) != stamp}


def retitled(doc: SearchDoc, title: str) -> SearchDoc:
    return dataclasses.replace(doc, title=title)


def test_a_title_edit_writes_its_record_some_shards_and_the_meta(corpus, tmp_path):
    rng, docs = corpus
    index = StandingIndex()
    first = check(index, docs, tmp_path)
    assert len(first) == len(tree(tmp_path / "standing"))
    docs[40] = retitled(docs[40], docs[40].title + " dệt thổ cẩm mới")
    written = check(index, docs, tmp_path)
    shards = {n for n in written if n.startswith("s/")}
    assert "meta.json" in written and any(n.startswith("d/") for n in written)
    assert len([n for n in written if n.startswith("d/")]) == 1
    assert 0 < len(shards) < len([n for n in first if n.startswith("s/")])
    assert not any(n.startswith("f/") for n in written)


@pytest.mark.parametrize("change", ["body", "subject", "summary", "campaign", "unit", "kind", "a new word",
                                    "words gone", "nothing"])
def test_every_kind_of_edit_gives_build_index_bytes(corpus, tmp_path, change):
    rng, docs = corpus
    index = StandingIndex()
    check(index, docs, tmp_path)
    for step in range(4):
        i = rng.randrange(len(docs))
        doc = docs[i]
        docs[i] = {
            "body": lambda: dataclasses.replace(doc, body=doc.body + " " + words(rng, 5)),
            "subject": lambda: dataclasses.replace(doc, subject=f"Hoàng Thị Xuân {step}"),
            "summary": lambda: dataclasses.replace(doc, summary=words(rng, 12)),
            "campaign": lambda: dataclasses.replace(doc, campaign_keys=("khoi-nghiep", "5-khong-3-sach")),
            "unit": lambda: dataclasses.replace(doc, unit_keys=("huyen-loc-binh",), unit_label="huyện Lộc Bình"),
            "kind": lambda: dataclasses.replace(doc, subject_kind="tập thể" if doc.subject_kind == "cá nhân" else "cá nhân"),
            "a new word": lambda: retitled(doc, doc.title + f" xkcdword{step}"),
            "words gone": lambda: dataclasses.replace(doc, criteria=(), tags=(), summary=""),
            "nothing": lambda: dataclasses.replace(doc),  # an equal record, not the same object
        }[change]()
        written = check(index, docs, tmp_path)
        if change == "nothing":
            assert written == set()


@pytest.mark.parametrize("change", ["added", "removed", "date", "renamed", "many", "facets"])
def test_changes_that_renumber_are_made_whole_and_the_same(corpus, tmp_path, change):
    rng, docs = corpus
    index = StandingIndex()
    check(index, docs, tmp_path)
    facets = FACETS
    if change == "added":
        docs.append(make_doc(rng, 500))
    elif change == "removed":
        del docs[3]
    elif change == "date":
        docs[10] = dataclasses.replace(docs[10], date=dt.date(2025, 12, 31))
    elif change == "renamed":
        docs[10] = dataclasses.replace(docs[10], url="cau-chuyen/2023/doi-ten/")
    elif change == "many":
        docs[:] = [retitled(d, d.title + " mới") for d in docs]
    else:
        facets = dataclasses.replace(FACETS, years=(2025, 2024))
    check(index, docs, tmp_path, facets)
    docs[5] = retitled(docs[5], "và sau đó một lần sửa nữa")
    assert len(check(index, docs, tmp_path, facets)) < len(docs)  # and patched again


def test_an_edit_that_moves_an_average_makes_the_weights_again(tmp_path):
    """The fields' averages are rounded; one that moves changes every document's weights."""
    rng = random.Random(3)
    docs = [make_doc(rng, i) for i in range(6)]
    index = StandingIndex()
    check(index, docs, tmp_path)
    docs[2] = dataclasses.replace(docs[2], body=words(rng, 2000))
    averages = list(index.averages)
    check(index, docs, tmp_path)
    assert index.averages != averages


def test_the_number_of_shards_grows_and_shrinks(corpus, tmp_path):
    rng, docs = corpus
    index = StandingIndex()
    check(index, docs, tmp_path)
    shards = index.shards
    names = [f"xa{n}{chr(97 + n % 26)}" for n in range(3000)]  # 3,000 new keys: more shards
    docs[7] = dataclasses.replace(docs[7], body=docs[7].body + " " + " ".join(names))
    check(index, docs, tmp_path)
    assert index.shards > shards
    docs[7] = dataclasses.replace(docs[7], body="ngắn")
    check(index, docs, tmp_path)
    assert index.shards <= shards


def test_shards_come_and_go_in_a_patch(corpus, tmp_path):
    """As many words, all new: the same lengths (averages), more keys and shards; then back."""
    rng, docs = corpus
    index = StandingIndex()
    check(index, docs, tmp_path)
    shards, averages, original = index.shards, list(index.averages), list(docs)
    for i in range(0, 28):
        length = len(docs[i].body.split())
        unique = " ".join(f"tu{i}x{n}y" + "abcdefghij"[n % 10] for n in range(length))
        docs[i] = dataclasses.replace(docs[i], body=unique)
    check(index, docs, tmp_path)
    assert index.shards > shards and index.averages == averages
    docs[:] = original
    written = check(index, docs, tmp_path)
    assert index.shards == shards and not any(n.startswith("f/") for n in written)


def test_a_moved_document_changes_the_places_between(corpus, tmp_path):
    rng, docs = corpus
    index = StandingIndex()
    check(index, docs, tmp_path)
    newest = max(d.date for d in docs)
    docs[0] = dataclasses.replace(docs[0], date=newest)  # from near the end to the top
    check(index, docs, tmp_path)


def test_a_folder_emptied_between_updates_is_written_whole(corpus, tmp_path):
    import shutil
    rng, docs = corpus
    index = StandingIndex()
    check(index, docs, tmp_path)
    shutil.rmtree(tmp_path / "standing")
    docs[1] = retitled(docs[1], "tiêu đề khác")
    check(index, docs, tmp_path)


def test_a_first_update_clears_what_an_older_index_left(corpus, tmp_path):
    rng, docs = corpus
    build_index(docs + [make_doc(rng, i) for i in range(200, 260)], FACETS, tmp_path / "standing")
    check(StandingIndex(), docs, tmp_path)


def test_a_random_walk_of_edits(corpus, tmp_path):
    rng, docs = corpus
    index = StandingIndex()
    check(index, docs, tmp_path)
    for step in range(12):
        i = rng.randrange(len(docs))
        roll = rng.random()
        if roll < 0.6:
            docs[i] = retitled(docs[i], words(rng, rng.randint(2, 12)))
        elif roll < 0.8:
            docs[i] = dataclasses.replace(docs[i], body=words(rng, rng.randint(20, 200)))
        elif roll < 0.9:
            docs.append(make_doc(rng, 1000 + step))
        else:
            docs.pop(i)
        check(index, docs, tmp_path)


def test_patching_is_what_a_few_changes_take(corpus, tmp_path, monkeypatch):
    rng, docs = corpus
    index = StandingIndex()
    check(index, docs, tmp_path)
    made = []
    monkeypatch.setattr(index, "_make", lambda *a: made.append(a))
    docs[9] = retitled(docs[9], "sửa một chút")
    index.update(docs, FACETS, tmp_path / "standing")
    assert made == []
    assert standing.PATCH_AT_MOST < 1


def test_a_whole_index_pauses_as_it_goes_and_is_the_same(tmp_path, monkeypatch):
    """`pause` (the keeper's wait while the server rebuilds) is called at the start and between
    chunks of documents and files, whatever it does, the bytes are build_index's."""
    monkeypatch.setattr(standing, "PAUSE_EVERY", 16)
    rng = random.Random(5)
    docs = [make_doc(rng, i) for i in range(70)]
    paused = []
    index = StandingIndex(pause=lambda: paused.append(len(paused)))
    check(index, docs, tmp_path)
    assert len(paused) >= 3 * (70 // 16)
