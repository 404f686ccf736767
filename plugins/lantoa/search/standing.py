"""`mkdocs serve`: the search index kept standing between rebuilds, patched where a save changed it.

`build_index` makes the whole index from every document: at 10,000 stories 9–13 s of CPU
(tokenising the texts about 5 s, the postings about 6 s, the files 2 s), which under serve a
process spent after every save, on one of the machine's cores, while the writer saved again.
`StandingIndex` keeps what it made the index from (each document's counted fields, the postings,
the shards' keys, each file's digest) and, when a rebuild changed a few documents only, takes out
their entries and puts the new ones in, and writes only the shards, document records, filters and
vocabulary whose bytes changed (a title edit at 10,000 stories: about 0.1 s); another
number of shards, every shard.

The files are the very bytes `build_index` writes from the same documents (tests/search/
test_standing_index.py compares them after every kind of change). That holds because a document's
entries depend on nothing but the document, its number and the fields' average lengths, which
are rounded (`index._averages`) so that an edit seldom moves them. Another average, another
number of documents (a document added or removed renumbers every later one) or more than a
quarter of them changed: the index is made whole as `build_index` makes it, from the kept counts.
"""
from __future__ import annotations

import os
import shutil
from bisect import bisect_left, bisect_right
from array import array
from pathlib import Path
from typing import Callable

from lantoa.overwrite import write_over
from lantoa.search import index as made
from lantoa.search.counts import TextCounts
from lantoa.search.model import Facets, IndexStats, SearchDoc
from lantoa.search.tokens import shard_of

PATCH_AT_MOST = 0.25  # of the documents: more changed, and the whole index is made again
PAUSE_EVERY = 256  # documents or files between two calls of `pause`


class StandingIndex:
    """The index in `out_dir` and what it was made from; `update()` brings it to new documents."""

    def __init__(self, pause: Callable[[], object] | None = None) -> None:
        self.pause = pause or (lambda: None)  # called every PAUSE_EVERY documents or files: may wait
        self.counts = TextCounts()
        self.out_dir: Path | None = None
        self.docs: list[SearchDoc] = []  # in index order (newest first): a document's place is its id
        self.fields: list[list] = []  # each document's counted fields, as index._counted gives them
        self.postings: dict[int, array] = {}  # key id → [doc id, weight, …]
        self.averages: list[float] = []
        self.shards = 0
        self.by_shard: dict[int, set[int]] = {}  # shard → the key ids in it
        self.estimated = 0  # index._estimated_bytes of the postings
        self.facets: Facets | None = None
        self.facet_labels: dict = {}
        self.words: set[int] = set()  # the key ids that are words of the vocabulary (v.json)
        self.words_moved = False  # a word came, went or is in more or fewer documents
        self.numbers = made._Numbers()
        self.files = _Files()

    def update(self, docs: list[SearchDoc], facets: Facets, out_dir: Path) -> IndexStats:
        """The index of `docs` written into `out_dir`, as build_index(docs, facets, out_dir) writes it."""
        ordered = sorted(docs, key=made._doc_order)
        changed = self._patchable(ordered, facets, out_dir)
        if changed is None:
            self._make(ordered, facets, out_dir)
        elif changed:
            self._patch(ordered, changed)
        return IndexStats(documents=len(self.docs), terms=len(self.postings), shards=self.shards,
                          files=len(self.files.digests), bytes=self.files.bytes)

    # ---- the whole index ------------------------------------------------------------------
    def _make(self, ordered: list[SearchDoc], facets: Facets, out_dir: Path) -> None:
        fresh = out_dir != self.out_dir or not self.files.stand(out_dir)
        if fresh:
            self.files = _Files()
        self.out_dir, self.docs, self.facets = out_dir, ordered, facets
        self.fields = []
        for start in range(0, len(ordered), PAUSE_EVERY):
            self.pause()
            self.fields += made._counted(ordered[start:start + PAUSE_EVERY], self.counts, _body)
        if len(self.counts) > 4 * len(made.FIELD_WEIGHTS) * max(1, len(ordered)):
            self.counts.keep_only({text for d in ordered for text in made._field_texts(d, _body)})
        self.averages = made._average_lengths(self.fields)
        self.postings = made._new_postings(len(ordered))
        weight_of = made._Weights()
        for doc_id, (doc, fields) in enumerate(zip(ordered, self.fields)):
            if doc_id % PAUSE_EVERY == 0:
                self.pause()
            made._add_document(self.postings, doc_id, doc, fields, self.averages, weight_of, self.counts.key_ids)
        self.postings = dict(self.postings)
        keys = self.counts.key_ids.keys
        self.estimated = sum(map(_estimate, map(keys.__getitem__, self.postings), map(len, self.postings.values())))
        self.words = {key_id for key_id in self.postings if _is_word(keys[key_id])}
        self._group_shards()
        written = self.files.begin(out_dir, fresh)
        written.put("v.json", self._vocabulary())
        for n in range(self.shards):
            if n % PAUSE_EVERY == 0:
                self.pause()
            written.put(f"s/{n}.json", self._shard(n))
        for doc_id, doc in enumerate(ordered):
            if doc_id % PAUSE_EVERY == 0:
                self.pause()
            written.put(f"d/{doc_id}.json", _record(doc))
        self._put_facets(written)
        written.remove_others()
        written.put("meta.json", self._meta())

    def _group_shards(self) -> None:
        self.shards = made.shard_count(self.estimated)
        keys = self.counts.key_ids.keys
        self.by_shard = {}
        for key_id in self.postings:
            self.by_shard.setdefault(shard_of(keys[key_id], self.shards), set()).add(key_id)

    # ---- a few documents ------------------------------------------------------------------
    def _patchable(self, ordered: list[SearchDoc], facets: Facets, out_dir: Path) -> list[int] | None:
        """The ids (places) whose document changed, or None when the whole index must be made. A
        document moved (another date) changes the places between its old and new one: each is a
        change, patched as any other."""
        if (out_dir != self.out_dir or facets != self.facets or len(ordered) != len(self.docs)
                or not self.files.stand(out_dir)):
            return None
        changed = [i for i, (new, old) in enumerate(zip(ordered, self.docs)) if new is not old and new != old]
        return None if len(changed) > PATCH_AT_MOST * len(ordered) else changed

    def _patch(self, ordered: list[SearchDoc], changed: list[int]) -> None:
        fields = {i: made._counted([ordered[i]], self.counts, _body)[0] for i in changed}
        totals = [sum(length for length, _ in column) for column in zip(*self.fields)]
        for i in changed:
            for f, ((old, _), (new, _)) in enumerate(zip(self.fields[i], fields[i])):
                totals[f] += new - old
        if made._averages(totals, len(ordered)) != self.averages:
            self._make(ordered, self.facets, self.out_dir)
            return
        touched: set[int] = set()
        for i in changed:
            touched |= self._replace_entries(i, ordered[i], fields[i])
        old_docs, self.docs = self.docs, ordered
        if self.shards != made.shard_count(self.estimated):
            self._group_shards()
            touched = set(range(self.shards))
        written = self.files.begin(self.out_dir)
        for n in sorted(touched):
            written.put(f"s/{n}.json", self._shard(n))
        for i in changed:
            written.put(f"d/{i}.json", _record(ordered[i]))
        if any(_facet_keys(ordered[i]) != _facet_keys(old_docs[i]) for i in changed):
            self._put_facets(written)
        if self.words_moved:
            written.put("v.json", self._vocabulary())
        written.remove_others(shards=self.shards)
        written.put("meta.json", self._meta())

    def _replace_entries(self, doc_id: int, doc: SearchDoc, fields: list) -> set[int]:
        """Take out the document's entries and put in its new ones; the shards touched."""
        key_ids, keys = self.counts.key_ids, self.counts.key_ids.keys
        entries = []
        for own_doc, own_fields in ((self.docs[doc_id], self.fields[doc_id]), (doc, fields)):
            own = made._new_postings(len(self.docs))
            made._add_document(own, doc_id, own_doc, own_fields, self.averages, made._Weights(), key_ids)
            entries.append(own)
        old, new = entries
        self.fields[doc_id] = fields
        touched = set()
        empty = array(made._typecode(len(self.docs)))
        for key_id in old.keys() | new.keys():
            if old.get(key_id) == new.get(key_id):
                continue
            key = keys[key_id]
            flat = self.postings.get(key_id)
            before = len(flat) if flat is not None else 0
            shard = shard_of(key, self.shards)
            if flat is None:
                self.postings[key_id] = flat = array(empty.typecode)
                self.by_shard.setdefault(shard, set()).add(key_id)
            ids = flat[0::2]
            flat[2 * bisect_left(ids, doc_id):2 * bisect_right(ids, doc_id)] = new.get(key_id, empty)
            self.estimated += (_estimate(key, len(flat)) if flat else 0) - (_estimate(key, before) if before else 0)
            if not flat:
                del self.postings[key_id]
                self.by_shard[shard].discard(key_id)
            touched.add(shard)
            if len(flat) != before and _is_word(key):
                self.words_moved = True
                (self.words.add if flat else self.words.discard)(key_id)
        return touched

    # ---- the files ------------------------------------------------------------------------
    def _shard(self, n: int) -> bytes:
        keys = self.counts.key_ids.keys
        ids = self.by_shard.get(n, ())
        return made._shard_json([keys[i] for i in ids], {keys[i]: self.postings[i][:] for i in ids},
                                self.numbers)

    def _vocabulary(self) -> bytes:
        self.words_moved = False
        keys = self.counts.key_ids.keys
        return made._vocabulary({keys[i]: self.postings[i] for i in self.words})

    def _put_facets(self, written: _Writing) -> None:
        self.facet_labels, files = made._facet_files(self.docs, self.facets)
        for name, content in files.items():
            written.put(name, content)

    def _meta(self) -> bytes:
        return made._dump({"format": made.FORMAT, "version": self.files.version(), "documents": len(self.docs),
                           "shards": self.shards, "facets": self.facet_labels})


def _body(doc: SearchDoc) -> str:
    return doc.body


def _record(doc: SearchDoc) -> bytes:
    return made._dump(made._record(doc, doc.body))


def _estimate(key: str, length: int) -> int:
    """index._estimated_bytes of one key whose postings have `length` numbers."""
    return len(key) + 6 + 5 * length // 2


def _is_word(key: str) -> bool:
    """What index._vocabulary keeps of a key (the others never reach v.json)."""
    return len(key) >= made.VOCABULARY_MIN and key.isascii() and key.isalpha() and key.islower()


def _facet_keys(doc: SearchDoc) -> tuple:
    return doc.campaign_keys, doc.unit_keys, doc.date.year if doc.date else None, doc.subject_kind


class _Files:
    """The digest and size of every file of the index in its folder, kept between updates."""

    def __init__(self) -> None:
        self.digests: dict[str, bytes] = {}
        self.sizes: dict[str, int] = {}

    @property
    def bytes(self) -> int:
        return sum(self.sizes.values())

    def stand(self, out_dir: Path) -> bool:
        """Whether out_dir still holds the meta.json put last (the folder was not emptied since)."""
        try:
            meta = (out_dir / "meta.json").read_bytes()
        except OSError:
            return False
        return _digest(meta) == self.digests.get("meta.json")

    def begin(self, out_dir: Path, fresh: bool = False) -> _Writing:
        """`fresh`: what the folders hold is not known (a first index, or emptied): emptied first,
        as build_index does."""
        return _Writing(self, out_dir, fresh)

    def version(self) -> str:
        """As build_index's: of every file but meta.json."""
        return made._version({name: d for name, d in self.digests.items() if name != "meta.json"})


class _Writing:
    """One update's writes: a file only where its bytes changed; `remove_others` ends it."""

    def __init__(self, files: _Files, out_dir: Path, fresh: bool) -> None:
        self.files, self.prefix, self.put_names = files, str(out_dir) + os.sep, set()
        for folder in ("s", "d", "f"):
            if fresh:
                shutil.rmtree(out_dir / folder, ignore_errors=True)
            (out_dir / folder).mkdir(parents=True, exist_ok=True)

    def put(self, name: str, content: bytes) -> None:
        self.put_names.add(name)
        digest = _digest(content)
        if self.files.digests.get(name) != digest or not os.path.isfile(self.prefix + name):
            write_over(self.prefix + name, content)
            self.files.digests[name], self.files.sizes[name] = digest, len(content)

    def remove_others(self, shards: int | None = None) -> None:
        """The whole index was put (`shards` None): every file not put goes. A patch: the shards
        beyond the number of shards go (documents, filters: their number did not change)."""
        if shards is None:
            gone = [n for n in self.files.digests if n not in self.put_names and n != "meta.json"]
        else:
            gone = [n for n in self.files.digests if n.startswith("s/") and int(n[2:-5]) >= shards]
        for name in gone:
            Path(self.prefix + name).unlink(missing_ok=True)
            del self.files.digests[name], self.files.sizes[name]


_digest = made._file_digest
