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
from collections import defaultdict, deque
from functools import partial
from itertools import repeat
from pathlib import Path
from typing import Callable, Mapping

from lantoa.overwrite import write_over
from lantoa.search.model import Facets, IndexStats, SearchDoc
from lantoa.search.counts import Tally, TextCounts, smallest_type
from lantoa.search.tokens import name_key, shard_of
from lantoa.text import format_date, from_utf8, nfc

FIELD_WEIGHTS = {
    "subject": 12.0, "title": 6.0, "units": 4.0, "campaigns": 3.0,
    "criteria": 3.0, "tags": 3.0, "summary": 2.0, "body": 1.0,
}
SHARD_TARGET_BYTES = 12_000  # average shard size before compression
BODY_LIMIT = 20_000  # characters of body kept for excerpts
VOCABULARY_MIN = 4  # a word typed with a typo has five letters or more, its neighbours four or more
FORMAT = 1
AVERAGE_STEP = 2 ** 0.25  # the fields' average lengths are rounded to its powers (_averages)


def build_index(docs: list[SearchDoc], facets: Facets, out_dir: Path,
                counts: TextCounts | None = None, written: dict[str, bytes] | None = None,
                keep_counts: bool = True, bodies: Mapping[str, bytes] | None = None) -> IndexStats:
    """Write the whole index into out_dir; same input gives byte-identical files.

    Each file is written as soon as it is made, and only its digest kept (holding every file
    until the version was known took 70 MB at 10,000 stories). With `written` (file name →
    digest of what an earlier call wrote into out_dir, which still holds it, as `mkdocs serve`
    arranges), only the files that changed are written. `keep_counts=False`: `counts` is emptied,
    each text's counts freed as its postings are made (a process that builds one index).
    `bodies`: the body of each document whose own is empty, by url, as UTF-8 (a str for each
    held 20 MB more of the index process at 10,000 stories)."""
    ordered = sorted(docs, key=_doc_order)
    body = partial(_body, bodies or {})
    postings = _postings(ordered, TextCounts() if counts is None else counts, keep_counts, body)
    shards = shard_count(_estimated_bytes(postings))
    terms = len(postings)
    facet_labels, facet_files = _facet_files(ordered, facets)
    files = _Files(out_dir, written)
    files.put("v.json", _vocabulary(postings))
    files.put_all(_shard_files(postings, shards))  # delta-encodes the postings in place, and frees them
    files.put_all(_doc_files(ordered, body))
    files.put_all(facet_files.items())
    files.put("meta.json", _dump({
        "format": FORMAT, "version": files.version(), "documents": len(ordered),
        "shards": shards, "facets": facet_labels,
    }))
    files.finish()
    return IndexStats(documents=len(ordered), terms=terms, shards=shards, files=len(files.digests),
                      bytes=files.bytes)


def _doc_order(doc: SearchDoc):
    ordinal = doc.date.toordinal() if doc.date else 0
    return (-ordinal, doc.url)


def _body(bodies: Mapping[str, bytes], doc: SearchDoc) -> str:
    return doc.body or from_utf8(bodies.get(doc.url, b""))


def _field_texts(doc: SearchDoc, body: Callable[[SearchDoc], str]) -> tuple[str, ...]:
    """The texts of FIELD_WEIGHTS' fields, in that order (body last)."""
    return (
        doc.subject or "", doc.title, " \n ".join(doc.unit_terms), " \n ".join(doc.campaign_terms),
        " \n ".join(doc.criteria), " \n ".join(doc.tags), doc.summary, body(doc),
    )


def _postings(docs: list[SearchDoc], counts: TextCounts, keep_counts: bool,
              body: Callable[[SearchDoc], str]) -> dict[str, array]:
    """key → [doc id, weight 1..255, doc id, weight, …] in doc order, as an array of the smallest C
    ints that hold them (a list of Python ints took 150 MB of the index process at 10,000 stories;
    this, a sixth)."""
    counted = _counted(docs, counts, body)
    if not keep_counts:
        counts.clear()
    elif len(counts) > 4 * len(FIELD_WEIGHTS) * max(1, len(docs)):
        counts.keep_only({text for d in docs for text in _field_texts(d, body)})
    averages = _average_lengths(counted)
    postings: dict[int, array] = _new_postings(len(docs))  # by key id
    key_ids = counts.key_ids
    weight_of = _Weights()
    for doc_id, fields in enumerate(counted):
        _add_document(postings, doc_id, docs[doc_id], fields, averages, weight_of, key_ids)
        counted[doc_id] = None  # the last reference to its counts, unless `counts` keeps them
    return {key_ids.keys[number]: flat for number, flat in postings.items()}


def _counted(docs: list[SearchDoc], counts: TextCounts, body: Callable[[SearchDoc], str]) -> list[list]:
    """Each document's fields as (length, Tally), in FIELD_WEIGHTS order."""
    return [[counts[text] for text in _field_texts(d, body)] for d in docs]


def _new_postings(documents: int) -> defaultdict:
    return defaultdict(partial(array, _typecode(documents)))


def _add_document(postings, doc_id: int, doc: SearchDoc, fields, averages: list[float], weight_of, key_ids) -> None:
    """Append this document's entries: its fields' keys, then its subject's name (both can be one key)."""
    _add_doc(postings, doc_id, fields, averages, weight_of)
    if doc.subject:
        postings[key_ids[name_key(doc.subject)]].extend((doc_id, 255))


def _average_lengths(counted) -> list[float]:
    totals = [0] * len(FIELD_WEIGHTS)
    for fields in counted:
        for i, (length, _) in enumerate(fields):
            totals[i] += length
    return _averages(totals, len(counted))


def _averages(totals: list[int], documents: int) -> list[float]:
    """Each field's average length, rounded to a power of AVERAGE_STEP: an edit of one text seldom
    moves it from one to the next, so every other document's weights stay as they were
    (`standing.StandingIndex` then writes only the edited document's postings again). Ranking
    by lengths against a pivot 9 % off at most is ranking all the same."""
    count = max(1, documents)
    return [AVERAGE_STEP ** round(math.log(max(1.0, total / count), AVERAGE_STEP)) for total in totals]


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
            postings[key].extend((doc_id, weight_of[score]))
        else:
            postings[key][-1] = weight_of[score + body_score[tf]]


def _typecode(documents: int) -> str:
    """The smallest unsigned C type holding a document id and a weight (up to 255)."""
    return smallest_type(max(documents - 1, 255))


def _append_all(postings, keys, entries) -> None:
    """postings[key].extend(entry) for each key and entry, in one C-level pass (no Python loop)."""
    deque(map(array.extend, map(postings.__getitem__, keys), entries), maxlen=0)


def _field_scores(field: tuple[int, Tally], weight: float, average: float) -> tuple[Tally, dict[int, float]]:
    """Term frequency per key (shared: never changed here), and the field's score per term frequency."""
    length, counts = field
    if not counts:
        return counts, {}
    saturation = 1.2 * (0.25 + 0.75 * length / average)
    return counts, {tf: weight * tf / (tf + saturation) for tf in set(counts.values())}


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


def shard_count(estimated_bytes: int) -> int:
    """How many shards hold postings of that estimated size (SHARD_TARGET_BYTES each, at least one)."""
    return max(1, math.ceil(estimated_bytes / SHARD_TARGET_BYTES))


def _estimated_bytes(postings) -> int:
    return sum(len(k) + 6 + 5 * len(flat) // 2 for k, flat in postings.items())


def _shard_files(postings, shards: int):
    """(name, content) of each shard; a shard's postings are freed once it is made."""
    grouped: dict[int, list[str]] = defaultdict(list)
    for key in postings:
        grouped[shard_of(key, shards)].append(key)
    numbers = _Numbers()
    for n in range(shards):
        keys = grouped.pop(n, [])
        yield f"s/{n}.json", _shard_json(keys, postings, numbers)
        for key in keys:
            del postings[key]


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


def _delta_encoded(flat: array) -> array:
    """[id, weight, id, weight, …] → the same array, each id replaced (in place) by its gap to the previous one."""
    if len(flat) > 2:
        ids = flat[0::2]
        flat[2::2] = array(flat.typecode, map(operator.sub, ids[1:], ids))
    return flat


def _deltas(ids: list[int]) -> list[int]:
    return [b - a for a, b in zip([0] + ids, ids)]


def _doc_files(docs: list[SearchDoc], body: Callable[[SearchDoc], str]):
    return ((f"d/{i}.json", _dump(_record(doc, body(doc)))) for i, doc in enumerate(docs))


def _record(doc: SearchDoc, body: str) -> dict:
    return {
        "url": doc.url.lstrip("/"), "title": nfc(doc.title), "kind": doc.kind,
        "kind_label": nfc(doc.kind_label), "date": format_date(doc.date),
        "subject": nfc(doc.subject or ""), "subject_kind": nfc(doc.subject_kind or ""),
        "unit": nfc(doc.unit_label), "summary": nfc(doc.summary),
        "body": nfc(body)[:BODY_LIMIT],
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


class _Files:
    """The index's files, written into out_dir as they come; only their digests are kept.

    Fresh (`written` None): the folders this builder owns are emptied first. In place: a file
    is written only when its digest differs from the one `written` lists (or it is missing), and
    files `written` lists that this build did not make are removed at `finish()`."""

    def __init__(self, out_dir: Path, written: dict[str, bytes] | None) -> None:
        self.prefix = str(out_dir) + os.sep
        self.written, self.digests, self.bytes = written, {}, 0
        out_dir.mkdir(parents=True, exist_ok=True)
        for folder in ("s", "d", "f"):
            if written is None:
                shutil.rmtree(out_dir / folder, ignore_errors=True)
            (out_dir / folder).mkdir(exist_ok=True)

    def put(self, name: str, content: bytes) -> None:
        self.digests[name] = digest = _file_digest(content)
        self.bytes += len(content)
        path = self.prefix + name
        if self.written is None:
            write_over(path, content)
        elif self.written.get(name) != digest or not os.path.isfile(path):
            write_over(path, content)
            self.written[name] = digest

    def put_all(self, files) -> None:
        for name, content in files:
            self.put(name, content)

    def version(self) -> str:
        """A digest of every file put so far, by name."""
        return _version(self.digests)

    def finish(self) -> None:
        if self.written is None:
            return
        for name in [n for n in self.written if n not in self.digests]:
            Path(self.prefix + name).unlink(missing_ok=True)
            del self.written[name]


def _file_digest(content: bytes) -> bytes:
    return hashlib.blake2b(content, digest_size=16).digest()


def _version(digests: Mapping[str, bytes]) -> str:
    """meta.json's "version": a digest of the files' digests, by name."""
    digest = hashlib.sha256()
    for name in sorted(digests):
        digest.update(name.encode() + b"\0" + digests[name])
    return digest.hexdigest()[:16]
