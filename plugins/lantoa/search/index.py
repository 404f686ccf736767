"""Build the search index: postings per folded syllable, syllable pair and exact name,
spread over hashed shards, plus one small record per document and one list per filter value.

Layout of `out_dir` (read by assets/search/search.js):
  meta.json          version, document count, shard count, facet labels
  s/<n>.json         shard n: {key: [doc delta, weight, doc delta, weight, …]}
  d/<id>.json        document id: what a result shows and the accented text for its excerpt
  f/<facet>-<i>.json filter value i of a facet: [doc delta, …]
Documents are numbered newest first, so lower ids win ties and deltas stay small.
"""
from __future__ import annotations

import hashlib
import json
import math
import shutil
from collections import Counter, defaultdict
from pathlib import Path

from lantoa.search.model import Facets, IndexStats, SearchDoc
from lantoa.search.tokens import name_key, shard_of, syllables
from lantoa.text import format_date, nfc

FIELD_WEIGHTS = {
    "subject": 12.0, "title": 6.0, "units": 4.0, "campaigns": 3.0,
    "criteria": 3.0, "tags": 3.0, "summary": 2.0, "body": 1.0,
}
SHARD_TARGET_BYTES = 12_000  # average shard size before compression
BODY_LIMIT = 20_000  # characters of body kept for excerpts
FORMAT = 1


def build_index(docs: list[SearchDoc], facets: Facets, out_dir: Path) -> IndexStats:
    """Write the whole index into out_dir; same input gives byte-identical files."""
    ordered = sorted(docs, key=_doc_order)
    postings = _postings(ordered)
    shards = max(1, math.ceil(_estimated_bytes(postings) / SHARD_TARGET_BYTES))
    files = {}
    files.update(_shard_files(postings, shards))
    files.update(_doc_files(ordered))
    facet_labels, facet_files = _facet_files(ordered, facets)
    files.update(facet_files)
    version = _version(files)
    files["meta.json"] = _dump({
        "format": FORMAT, "version": version, "documents": len(ordered),
        "shards": shards, "facets": facet_labels,
    })
    _write(out_dir, files)
    return IndexStats(
        documents=len(ordered), terms=len(postings), shards=shards, files=len(files),
        bytes=sum(len(b) for b in files.values()),
    )


def _doc_order(doc: SearchDoc):
    ordinal = doc.date.toordinal() if doc.date else 0
    return (-ordinal, doc.url)


def _fields(doc: SearchDoc) -> dict[str, str]:
    return {
        "subject": doc.subject or "", "title": doc.title,
        "units": " \n ".join(doc.unit_terms), "campaigns": " \n ".join(doc.campaign_terms),
        "criteria": " \n ".join(doc.criteria), "tags": " \n ".join(doc.tags),
        "summary": doc.summary, "body": doc.body,
    }


def _postings(docs: list[SearchDoc]) -> dict[str, list[tuple[int, int]]]:
    """key → [(doc id, weight 1..255)] in doc order."""
    tokenized = [{f: _phrases(text) for f, text in _fields(d).items()} for d in docs]
    average = _average_lengths(tokenized)
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for doc_id, fields in enumerate(tokenized):
        scores: dict[str, float] = defaultdict(float)
        for field, phrases in fields.items():
            _score_field(scores, field, phrases, average[field])
        for key, score in scores.items():
            postings[key].append((doc_id, _quantize(score)))
        if docs[doc_id].subject:
            postings[name_key(docs[doc_id].subject)].append((doc_id, 255))
    return postings


def _phrases(text: str) -> list[list[str]]:
    """Syllables per line: pairs never join the end of one list item to the next."""
    return [words for line in nfc(text).split("\n") if (words := syllables(line))]


def _average_lengths(tokenized) -> dict[str, float]:
    totals = Counter()
    for fields in tokenized:
        for field, phrases in fields.items():
            totals[field] += sum(len(p) for p in phrases)
    count = max(1, len(tokenized))
    return {f: max(1.0, totals[f] / count) for f in FIELD_WEIGHTS}


def _score_field(scores, field: str, phrases: list[list[str]], average: float) -> None:
    length = sum(len(p) for p in phrases)
    if not length:
        return
    counts = Counter()
    for words in phrases:
        counts.update(words)
        counts.update(f"{a} {b}" for a, b in zip(words, words[1:]))
    saturation = 1.2 * (0.25 + 0.75 * length / average)
    weight = FIELD_WEIGHTS[field]
    for key, tf in counts.items():
        scores[key] += weight * tf / (tf + saturation)


def _quantize(score: float) -> int:
    return max(1, min(255, round(score * 10)))


def _estimated_bytes(postings) -> int:
    return sum(len(k) + 6 + 5 * len(p) for k, p in postings.items())


def _shard_files(postings, shards: int) -> dict[str, bytes]:
    grouped: dict[int, dict[str, list[int]]] = defaultdict(dict)
    for key in sorted(postings):
        grouped[shard_of(key, shards)][key] = _flatten(postings[key])
    return {f"s/{n}.json": _dump(grouped.get(n, {})) for n in range(shards)}


def _flatten(entries: list[tuple[int, int]]) -> list[int]:
    flat, previous = [], 0
    for doc_id, weight in entries:
        flat += (doc_id - previous, weight)
        previous = doc_id
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


def _write(out_dir: Path, files: dict[str, bytes]) -> None:
    """Replace only what this builder owns inside out_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for folder in ("s", "d", "f"):
        shutil.rmtree(out_dir / folder, ignore_errors=True)
        (out_dir / folder).mkdir()
    for name, content in files.items():
        (out_dir / name).write_bytes(content)
