"""Build the search index: postings per folded syllable, syllable pair and exact name,
spread over hashed shards, plus one small record per document and one list per filter value.

Layout of `out_dir` (read by assets/search/search.js):
  meta.json          version, document count, shard count, facet labels
  s/<n>.json         shard n: {key: [doc delta, weight, doc delta, weight, …]}
  d/<id>.json        document id: what a result shows and the accented text for its excerpt
  f/<facet>-<i>.json filter value i of a facet: [doc delta, …]
  v.json             the vocabulary for near matches (fuzzy.js): folded words of VOCABULARY_MIN
                     letters or more, most frequent first, in one space-separated string
Documents are numbered newest first, so lower ids win ties and deltas stay small.
"""
from __future__ import annotations

import hashlib
import json
import math
import operator
import os
import shutil
from array import array
from collections import Counter, defaultdict, deque
from itertools import chain, repeat
from pathlib import Path

from lantoa.search.model import Facets, IndexStats, SearchDoc
from lantoa.search.tokens import PairKeys, SyllableReader, name_key, shard_of
from lantoa.text import format_date, nfc

FIELD_WEIGHTS = {
    "subject": 12.0, "title": 6.0, "units": 4.0, "campaigns": 3.0,
    "criteria": 3.0, "tags": 3.0, "summary": 2.0, "body": 1.0,
}
SHARD_TARGET_BYTES = 12_000  # average shard size before compression
BODY_LIMIT = 20_000  # characters of body kept for excerpts
VOCABULARY_MIN = 4  # a word typed with a typo has five letters or more, its neighbours four or more
FORMAT = 1


class Tally:
    """The count of each key in one text, kept compact: the keys in the order first seen, and
    their counts in an array (a Counter per text took 450 MB of the index process at 10,000
    stories; this, about a quarter)."""

    __slots__ = ("keys", "counts")

    def __init__(self, counted: Counter) -> None:
        self.keys = tuple(counted)
        self.counts = array("I", counted.values())

    def __len__(self) -> int:
        return len(self.keys)

    def items(self):
        return zip(self.keys, self.counts)

    def values(self) -> array:
        return self.counts

    def as_dict(self) -> dict[str, int]:
        return dict(zip(self.keys, self.counts))


class TextCounts(dict):
    """Per field text: its length in syllables and the count of each key. One per index build,
    or kept across the rebuilds of `mkdocs serve`, where most texts come back unchanged."""

    def __init__(self) -> None:
        super().__init__()
        self.reader = SyllableReader()
        self.pair_keys = PairKeys()

    def __missing__(self, text: str) -> tuple[int, Tally]:
        phrases = self.reader.phrases(text)
        self[text] = counted = (sum(map(len, phrases)), Tally(_counts(phrases, self.pair_keys)))
        return counted

    def keep_only(self, texts: set[str]) -> None:
        for gone in [t for t in self if t not in texts]:
            del self[gone]


def build_index(docs: list[SearchDoc], facets: Facets, out_dir: Path,
                counts: TextCounts | None = None, written: dict[str, bytes] | None = None) -> IndexStats:
    """Write the whole index into out_dir; same input gives byte-identical files.

    With `written` (file name → digest of what an earlier call wrote into out_dir, which still
    holds it, as `mkdocs serve` arranges), only the files that changed are written."""
    ordered = sorted(docs, key=_doc_order)
    postings = _postings(ordered, TextCounts() if counts is None else counts)
    vocabulary = _vocabulary(postings)
    shards = max(1, math.ceil(_estimated_bytes(postings) / SHARD_TARGET_BYTES))
    files = _shard_files(postings, shards)
    files.update(_doc_files(ordered))
    facet_labels, facet_files = _facet_files(ordered, facets)
    files.update(facet_files)
    files["v.json"] = vocabulary
    version = _version(files)
    files["meta.json"] = _dump({
        "format": FORMAT, "version": version, "documents": len(ordered),
        "shards": shards, "facets": facet_labels,
    })
    if written is None:
        _write(out_dir, files)
    else:
        _update(out_dir, files, written)
    return IndexStats(
        documents=len(ordered), terms=len(postings), shards=shards, files=len(files),
        bytes=sum(len(b) for b in files.values()),
    )


def _doc_order(doc: SearchDoc):
    ordinal = doc.date.toordinal() if doc.date else 0
    return (-ordinal, doc.url)


def _field_texts(doc: SearchDoc) -> tuple[str, ...]:
    """The texts of FIELD_WEIGHTS' fields, in that order (body last)."""
    return (
        doc.subject or "", doc.title, " \n ".join(doc.unit_terms), " \n ".join(doc.campaign_terms),
        " \n ".join(doc.criteria), " \n ".join(doc.tags), doc.summary, doc.body,
    )


def _postings(docs: list[SearchDoc], counts: TextCounts) -> dict[str, list[int]]:
    """key → [doc id, weight 1..255, doc id, weight, …] in doc order."""
    counted = [[counts[text] for text in _field_texts(d)] for d in docs]
    if len(counts) > 4 * len(FIELD_WEIGHTS) * max(1, len(docs)):
        counts.keep_only({text for d in docs for text in _field_texts(d)})
    averages = _average_lengths(counted)
    postings: dict[str, list[int]] = defaultdict(list)
    weight_of = _Weights()
    for doc_id, fields in enumerate(counted):
        _add_doc(postings, doc_id, fields, averages, weight_of)
        if docs[doc_id].subject:
            postings[name_key(docs[doc_id].subject)] += (doc_id, 255)
    return postings


def _average_lengths(counted) -> list[float]:
    totals = [0] * len(FIELD_WEIGHTS)
    for fields in counted:
        for i, (length, _) in enumerate(fields):
            totals[i] += length
    count = max(1, len(counted))
    return [max(1.0, total / count) for total in totals]


def _add_doc(postings, doc_id: int, fields: list[tuple[int, Tally]], averages: list[float], weight_of) -> None:
    """Append this document to the postings of its keys.

    A key's score is the sum over its fields, in FIELD_WEIGHTS order. Within a field the
    score depends on the term frequency alone, so it is computed once per distinct tf. Every
    key of the body is appended with the weight of its body score, in one C-level pass; the
    fewer keys of the other fields then get theirs, replacing the body's where they are in both.
    """
    *heads, (tally, body_score) = [_field_scores(field, weight, average) for field, weight, average
                                   in zip(fields, FIELD_WEIGHTS.values(), averages)]
    body = tally.as_dict()
    summed: dict[str, float] = {}
    for counts, score_of in heads:
        for key, tf in counts.items():
            summed[key] = summed.get(key, 0.0) + score_of[tf]
    body_weight = {tf: weight_of[score] for tf, score in body_score.items()}
    _append_all(postings, body, zip(repeat(doc_id), map(body_weight.__getitem__, body.values())))
    for key, score in summed.items():
        tf = body.get(key)
        if tf is None:
            postings[key] += (doc_id, weight_of[score])
        else:
            postings[key][-1] = weight_of[score + body_score[tf]]


def _append_all(postings, keys, entries) -> None:
    """postings[key] += entry for each key and entry, in one C-level pass (no Python loop)."""
    deque(map(list.extend, map(postings.__getitem__, keys), entries), maxlen=0)


def _field_scores(field: tuple[int, Tally], weight: float, average: float) -> tuple[Tally, dict[int, float]]:
    """Term frequency per key (shared: never changed here), and the field's score per term frequency."""
    length, counts = field
    if not counts:
        return counts, {}
    saturation = 1.2 * (0.25 + 0.75 * length / average)
    return counts, {tf: weight * tf / (tf + saturation) for tf in set(counts.values())}


def _counts(phrases: list[list[str]], pair_keys: PairKeys) -> Counter:
    """Occurrences of each syllable and of each pair of adjacent syllables."""
    pair_key = pair_keys.__getitem__
    return Counter(chain.from_iterable(chain(words, map(pair_key, zip(words, words[1:]))) for words in phrases))


class _Weights(dict):
    """Posting weight 1..255 of a score, computed once per distinct score."""

    def __missing__(self, score: float) -> int:
        self[score] = weight = max(1, min(255, round(score * 10)))
        return weight


def _vocabulary(postings) -> bytes:
    """Words a query word may have meant (prefix or one edit): plain ASCII letters, no pairs, names
    or numbers; the more documents have a word, the earlier it comes (ties alphabetical)."""
    words = [key for key in postings
             if len(key) >= VOCABULARY_MIN and key.isascii() and key.isalpha() and key.islower()]
    words.sort(key=lambda key: (-len(postings[key]), key))
    return _dump(" ".join(words))


def _estimated_bytes(postings) -> int:
    return sum(len(k) + 6 + 5 * len(flat) // 2 for k, flat in postings.items())


def _shard_files(postings, shards: int) -> dict[str, bytes]:
    grouped: dict[int, list[str]] = defaultdict(list)
    for key in postings:
        grouped[shard_of(key, shards)].append(key)
    numbers = _Numbers()
    return {f"s/{n}.json": _shard_json(grouped.get(n, []), postings, numbers) for n in range(shards)}


def _shard_json(keys: list[str], postings, numbers: _Numbers) -> bytes:
    """What _dump gives for {key: delta-encoded postings}, written out directly: much faster for
    millions of small numbers, which it takes from a table instead of converting each."""
    number = numbers.__getitem__
    entries = (json.dumps(key, ensure_ascii=False) + ":[" + ",".join(map(number, _delta_encoded(postings[key]))) + "]"
               for key in sorted(keys))
    return ("{" + ",".join(entries) + "}").encode()


class _Numbers(dict):
    """Decimal text of an int, made once per distinct int."""

    def __missing__(self, number: int) -> str:
        self[number] = text = str(number)
        return text


def _delta_encoded(flat: list[int]) -> list[int]:
    """[id, weight, id, weight, …] → the same list, each id replaced (in place) by its gap to the previous one."""
    if len(flat) > 2:
        ids = flat[0::2]
        flat[2::2] = map(operator.sub, ids[1:], ids)
    return flat


def _deltas(ids: list[int]) -> list[int]:
    return [b - a for a, b in zip([0] + ids, ids)]


def _doc_files(docs: list[SearchDoc]) -> dict[str, bytes]:
    return {f"d/{i}.json": _dump(_record(doc)) for i, doc in enumerate(docs)}


def _record(doc: SearchDoc) -> dict:
    return {
        "url": doc.url.lstrip("/"), "title": nfc(doc.title), "kind": doc.kind,
        "kind_label": nfc(doc.kind_label), "date": format_date(doc.date),
        "subject": nfc(doc.subject or ""), "subject_kind": nfc(doc.subject_kind or ""),
        "unit": nfc(doc.unit_label), "summary": nfc(doc.summary),
        "body": nfc(doc.body)[:BODY_LIMIT],
    }


def _facet_files(docs: list[SearchDoc], facets: Facets):
    values = {
        "campaign": (list(facets.campaigns), lambda d: d.campaign_keys),
        "unit": (list(facets.units), lambda d: d.unit_keys),
        "year": ([(str(y), str(y)) for y in facets.years],
                 lambda d: (str(d.date.year),) if d.date else ()),
        "kind": ([(k, _capitalize(k)) for k in facets.subject_kinds],
                 lambda d: (d.subject_kind,) if d.subject_kind else ()),
    }
    labels, files = {}, {}
    for facet, (options, keys_of) in values.items():
        members = defaultdict(list)
        for doc_id, doc in enumerate(docs):
            for key in set(keys_of(doc)):
                members[key].append(doc_id)
        labels[facet] = [[key, nfc(label)] for key, label in options]
        for i, (key, _) in enumerate(options):
            files[f"f/{facet}-{i}.json"] = _dump(_deltas(members.get(key, [])))
    return labels, files


def _capitalize(text: str) -> str:
    return nfc(text[:1].upper() + text[1:])


def _dump(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def _version(files: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name] + b"\0")
    return digest.hexdigest()[:16]


def _update(out_dir: Path, files: dict[str, bytes], written: dict[str, bytes]) -> None:
    """Bring out_dir from what `written` lists to `files`, writing only new or changed files."""
    for folder in ("s", "d", "f"):
        (out_dir / folder).mkdir(parents=True, exist_ok=True)
    for name in [n for n in written if n not in files]:
        (out_dir / name).unlink(missing_ok=True)
        del written[name]
    for name, content in files.items():
        digest = hashlib.blake2b(content, digest_size=16).digest()
        if written.get(name) != digest or not (out_dir / name).is_file():
            (out_dir / name).write_bytes(content)
            written[name] = digest


def _write(out_dir: Path, files: dict[str, bytes]) -> None:
    """Replace only what this builder owns inside out_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for folder in ("s", "d", "f"):
        shutil.rmtree(out_dir / folder, ignore_errors=True)
        (out_dir / folder).mkdir()
    prefix = str(out_dir) + os.sep
    for name, content in files.items():
        _write_file(prefix + name, content)


def _write_file(path: str, content: bytes) -> None:
    """Path.write_bytes without its Python-level file object: ~13,000 files at 10,000 stories."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o666)
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)
