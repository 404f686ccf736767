"""The index builder: folding, postings, sharding, records, filters, determinism."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import unicodedata
from pathlib import Path

import pytest

from lantoa.search import Facets, TextCounts, build_index
from lantoa.search.tokens import PairKeys, SyllableReader, name_key, pairs, shard_of, syllables

from search_harness import DOCS, FACETS, doc


def load(out: Path):
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))

    def postings(key):
        shard = json.loads((out / f"s/{shard_of(key, meta['shards'])}.json").read_text("utf-8"))
        flat, ids, at = shard.get(key, []), [], 0
        for delta in flat[::2]:
            at += delta
            ids.append(at)
        return ids, flat[1::2]

    def record(doc_id):
        return json.loads((out / f"d/{doc_id}.json").read_text(encoding="utf-8"))

    def facet(name, value):
        keys = [k for k, _ in meta["facets"][name]]
        deltas = json.loads((out / f"f/{name}-{keys.index(value)}.json").read_text("utf-8"))
        return [sum(deltas[: i + 1]) for i in range(len(deltas))]

    return meta, postings, record, facet


@pytest.fixture
def index(tmp_path):
    build_index(DOCS, FACETS, tmp_path)
    return load(tmp_path)


def urls(record, ids):
    return [record(i)["url"] for i in ids]


def test_syllables_fold_marks_case_and_d():
    assert syllables("Phụ nữ Định Quán, ĐÀO!") == ["phu", "nu", "dinh", "quan", "dao"]
    assert syllables(unicodedata.normalize("NFD", "Mỹ Tú")) == ["my", "tu"]
    assert syllables("5 không, 3 sạch") == ["5", "khong", "3", "sach"]
    assert name_key("Nguyễn  Thị Mai") == "=nguyen thi mai"


def test_shard_of_is_fnv1a():
    assert shard_of("", 1 << 32) == 0x811C9DC5
    assert shard_of("a", 1 << 32) == 0xE40C292C  # published FNV-1a test vector


def test_postings_find_folded_syllables(index):
    meta, postings, record, _ = index
    ids, weights = postings("dao")
    assert "cau-chuyen/2022/dao-thi-hoa/" in urls(record, ids)
    assert all(1 <= w <= 255 for w in weights)
    assert postings("đao") == ([], [])  # keys are folded; the client folds the query too


def test_pair_postings_only_for_adjacent_syllables(index):
    _, postings, record, _ = index
    assert "cau-chuyen/2024/to-tiet-kiem-my-tu/" in urls(record, postings("my tu")[0])
    assert postings("tu my")[0] == []
    # list items are not joined: "xã Tân Thành" and "huyện Bắc Sơn" never make a pair
    assert postings("thanh huyen")[0] == []


def test_old_alias_is_searchable(index):
    _, postings, record, _ = index
    found = urls(record, postings("h bac")[0])
    assert set(found) == {"cau-chuyen/2022/dao-thi-hoa/", "cau-chuyen/2021/mo-hinh-bac-son/"}


def test_exact_name_key_and_weights_favour_subject(index):
    _, postings, record, _ = index
    assert urls(record, postings("=nguyen thi mai")[0]) == ["cau-chuyen/2023/nguyen-thi-mai/"]
    ids, weights = postings("dao")
    by_url = dict(zip(urls(record, ids), weights))
    assert by_url["cau-chuyen/2022/dao-thi-hoa/"] == max(weights)


def test_documents_numbered_newest_first_with_display_fields(index):
    meta, _, record, _ = index
    assert meta["documents"] == len(DOCS)
    dates = [record(i)["date"] for i in range(meta["documents"])]
    assert dates == ["20/10/2024", "1/5/2023", "8/3/2023", "20/9/2022", "28/6/2021", ""]
    hoa = record(3)
    assert hoa["unit"] == "xã Tân Thành, huyện Bắc Sơn"
    assert hoa["kind_label"] == "Gương điển hình"
    assert "Đào Thị Hoa" in hoa["body"]


def test_records_are_nfc(tmp_path):
    nfd = doc("a/", unicodedata.normalize("NFD", "Phụ nữ Mỹ Tú"), body=unicodedata.normalize("NFD", "Đào"))
    build_index([nfd], FACETS, tmp_path)
    _, postings, record, _ = load(tmp_path)
    assert record(0)["title"] == "Phụ nữ Mỹ Tú"
    assert postings("my")[0] == [0]


def test_facets_list_members_including_old_districts(index):
    meta, _, record, facet = index
    assert meta["facets"]["unit"][0] == ["huyen-bac-son", "huyện Bắc Sơn (cũ)"]
    assert set(urls(record, facet("unit", "huyen-bac-son"))) == {
        "cau-chuyen/2022/dao-thi-hoa/", "cau-chuyen/2021/mo-hinh-bac-son/"}
    assert urls(record, facet("campaign", "khoi-nghiep")) == ["cau-chuyen/2023/nguyen-thi-mai/"]
    assert urls(record, facet("year", "2023")) == [
        "tin-tuc/2023/hoc-tap-nguyen-thi-mai/", "cau-chuyen/2023/nguyen-thi-mai/"]
    assert urls(record, facet("kind", "mô hình")) == ["cau-chuyen/2021/mo-hinh-bac-son/"]
    assert meta["facets"]["kind"][1] == ["tập thể", "Tập thể"]


def _many(n: int):
    rng = random.Random(7)
    words = "phụ nữ gia đình chăn nuôi bò sữa vườn rau hội viên tiết kiệm đường hoa".split()
    return [doc(f"s/{i}/", f"Chuyện {i}", dt.date(2020, 1, 1) + dt.timedelta(days=i % 900),
                body=" ".join(rng.choice(words) + str(rng.randint(0, 300)) for _ in range(300)))
            for i in range(n)]


def test_every_key_sits_in_the_shard_its_hash_names(tmp_path):
    stats = build_index(_many(200), FACETS, tmp_path)
    meta, *_ = load(tmp_path)
    assert stats.shards == meta["shards"] > 1
    assert stats.documents == 200
    for path in (tmp_path / "s").iterdir():
        for key in json.loads(path.read_text(encoding="utf-8")):
            assert shard_of(key, meta["shards"]) == int(path.stem), key


def test_shards_are_compact_json_with_sorted_keys(tmp_path):
    build_index(_many(200) + DOCS, FACETS, tmp_path)
    for path in (tmp_path / "s").iterdir():
        written = path.read_bytes()
        again = json.dumps(json.loads(written), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        assert written == again.encode(), path.name


def test_same_input_gives_identical_bytes_whatever_the_order(tmp_path):
    docs = _many(120) + DOCS
    build_index(docs, FACETS, tmp_path / "a")
    shuffled = docs[:]
    random.Random(3).shuffle(shuffled)
    build_index(shuffled, FACETS, tmp_path / "b")
    a = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*") if p.is_file()}
    b = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*") if p.is_file()}
    assert a == b


def test_rebuild_replaces_stale_files_and_changes_version(tmp_path):
    build_index(DOCS, FACETS, tmp_path)
    first = json.loads((tmp_path / "meta.json").read_text())["version"]
    build_index(DOCS[:2], FACETS, tmp_path)
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == ["0.json", "1.json"]
    assert json.loads((tmp_path / "meta.json").read_text())["version"] != first


def test_empty_site_builds_an_empty_index(tmp_path):
    stats = build_index([], Facets((), (), (), ()), tmp_path)
    assert stats.documents == 0
    assert json.loads((tmp_path / "meta.json").read_text())["documents"] == 0


def test_pair_keys_are_the_pairs_of_syllables():
    words = syllables("Phụ nữ Đào Thị Hoa")
    keys = PairKeys()
    assert [keys[p] for p in zip(words, words[1:])] == pairs(words) == ["phu nu", "nu dao", "dao thi", "thi hoa"]


def test_reader_reads_like_syllables_per_line():
    pool = list("aeoudđĐĂÂƠƯ ạếỗửỹ,.;«»–—“”…_-'\n\t\u00a0\u2003") + [
        "\u0301", "\u0323", "\u0306", "K", "ß", "İ", "ǅ", "ﬀ", "日本", "한", "\u1100\u1161", "x\u0338",
        "e\u0302\u0301", "5", "²", "½", "Ω", "ω"]
    rng = random.Random(11)
    reader = SyllableReader()
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 12)))
        expected = [words for line in unicodedata.normalize("NFC", text).split("\n") if (words := syllables(line))]
        assert reader.phrases(text) == expected, repr(text)


def test_reader_reads_vietnamese_with_punctuation_by_chunks():
    text = "Chị «Đào Thị Hoa», hội viên—xã Tân_Thành…\nPhụ nữ  5 không, 3 sạch"
    assert SyllableReader().phrases(text) == [
        ["chi", "dao", "thi", "hoa", "hoi", "vien", "xa", "tan", "thanh"], ["phu", "nu", "5", "khong", "3", "sach"]]


def test_an_update_in_place_gives_the_files_of_a_fresh_build(tmp_path):
    """Under `mkdocs serve` the index folder is carried over and only changed files are written."""
    def tree(folder):
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    written: dict = {}
    build_index(DOCS, FACETS, tmp_path / "served", written=written)
    assert tree(tmp_path / "served").keys() == {*written}
    (tmp_path / "served" / "meta.json").unlink()  # missing files are written again even if listed
    build_index(DOCS[:2], FACETS, tmp_path / "served", written=written)
    build_index(DOCS[:2], FACETS, tmp_path / "fresh")
    assert tree(tmp_path / "served") == tree(tmp_path / "fresh")


def test_vocabulary_lists_words_of_four_letters_or_more_most_frequent_first(tmp_path):
    build_index(DOCS, FACETS, tmp_path)
    words = json.loads((tmp_path / "v.json").read_text(encoding="utf-8")).split(" ")
    assert len(words) == len(set(words))
    assert all(len(w) >= 4 and w.isascii() and w.isalpha() for w in words)
    assert "nghiep" in words and "phu" not in words and "nguyen thi" not in words
    assert not [w for w in words if w.startswith("=")]
    shards = {}
    for path in (tmp_path / "s").iterdir():
        shards.update(json.loads(path.read_text(encoding="utf-8")))
    frequency = [len(shards[w]) // 2 for w in words]
    assert frequency == sorted(frequency, reverse=True)
    assert set(words) == {k for k in shards if len(k) >= 4 and k.isascii() and k.isalpha()}


def test_counts_given_away_give_the_same_index_and_are_emptied(tmp_path):
    """The index process hands its counts over (`keep_counts=False`): each text's counts are freed
    as its postings are made, and the files are those of an index made with counts kept."""
    def tree(folder):
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    kept, given = TextCounts(), TextCounts()
    first = build_index(DOCS, FACETS, tmp_path / "kept", kept)
    second = build_index(DOCS, FACETS, tmp_path / "given", given, keep_counts=False)
    assert len(kept) > 0 and len(given) == 0
    assert tree(tmp_path / "given") == tree(tmp_path / "kept")
    assert first == second
    files = tree(tmp_path / "kept")
    assert (first.files, first.bytes) == (len(files), sum(map(len, files.values())))
    meta = json.loads(files["meta.json"])
    assert (meta["documents"], meta["shards"]) == (len(DOCS), first.shards)
    assert len([f for f in files if f.startswith("s/")]) == first.shards


def test_a_long_text_is_counted_without_being_kept(tmp_path):
    """The index process counts each page's text as it comes and keeps it only as UTF-8
    (`bodies`): the counts must not hold the str (a long text is known by its digest)."""
    import sys
    counts = TextCounts()
    long_text, short = "Chị Hoàng Thị Mai nuôi gà đồi ở Lộc Bình. " * 40, "Phụ nữ Lạng Sơn"
    before = sys.getrefcount(long_text), sys.getrefcount(short)
    first = counts[long_text]
    assert sys.getrefcount(long_text) == before[0]
    assert counts["".join(long_text)] is first and counts[long_text[:-1]] is not first
    counts[short]
    assert sys.getrefcount(short) == before[1] + 1  # short texts are their own key
    bodies = {d.url: d.body.encode() for d in DOCS}
    given = build_index([dataclasses.replace(d, body="") for d in DOCS], FACETS, tmp_path / "given", bodies=bodies)
    assert given == build_index(DOCS, FACETS, tmp_path / "own")
    assert _tree(tmp_path / "given") == _tree(tmp_path / "own")


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("documents", [1, 2, 256, 65_535, 65_536, 65_537, 2**32])
def test_postings_hold_every_document_id_and_weight_in_the_smallest_type(documents):
    from array import array

    from lantoa.search.index import _typecode
    code = _typecode(documents)
    array(code, [documents - 1, 255])  # OverflowError if the largest id does not fit
    smaller = [c for c in ("B", "H", "I", "L", "Q") if array(c).itemsize < array(code).itemsize]
    for c in smaller:
        with pytest.raises(OverflowError):
            array(c, [documents - 1])


@pytest.mark.parametrize("times", [1, 255, 256, 70_000])
def test_a_key_counted_more_often_than_a_small_type_holds_keeps_its_count(times):
    counts = TextCounts()
    length, tally = counts["Mai " * times]
    words = {counts.key_ids.keys[number]: count for number, count in tally.items()}
    assert length == times and words["mai"] == times
    assert words.get("mai mai", 0) == times - 1
