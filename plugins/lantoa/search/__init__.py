"""Site search: an index of folded syllables built offline, read by assets/search/search.js."""
from lantoa.search.counts import TextCounts
from lantoa.search.index import build_index
from lantoa.search.model import INDEX_URL, SEARCH_PAGE_URL, Facets, IndexStats, SearchDoc
from lantoa.search.page_text import page_text

__all__ = ["build_index", "TextCounts", "SearchDoc", "Facets", "IndexStats", "INDEX_URL", "SEARCH_PAGE_URL",
           "page_text"]
