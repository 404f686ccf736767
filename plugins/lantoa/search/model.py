"""What the index builder is given: plain records made from the site plan."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

SEARCH_PAGE_URL = "tim-kiem/"  # site-relative URL of the search page
INDEX_URL = "assets/lantoa/search-index/"  # where the plugin writes the index, site-relative


@dataclass(frozen=True)
class SearchDoc:
    url: str  # site-relative page URL, no leading slash
    title: str
    kind: str  # "story" | "news" | "campaign" | "unit" | "page"
    kind_label: str
    date: dt.date | None
    subject_kind: str | None  # "cá nhân" | "tập thể" | "mô hình" (stories only)
    subject: str | None
    unit_keys: tuple[str, ...]
    unit_label: str
    unit_terms: tuple[str, ...]
    campaign_keys: tuple[str, ...]
    campaign_terms: tuple[str, ...]
    criteria: tuple[str, ...]
    tags: tuple[str, ...]
    summary: str
    body: str


@dataclass(frozen=True)
class Facets:
    campaigns: tuple[tuple[str, str], ...]  # (key, label), display order
    units: tuple[tuple[str, str], ...]
    years: tuple[int, ...]
    subject_kinds: tuple[str, ...]


@dataclass(frozen=True)
class IndexStats:
    documents: int
    terms: int  # distinct keys: syllables, syllable pairs, names
    shards: int
    files: int
    bytes: int  # total size on disk, uncompressed
