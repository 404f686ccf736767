"""Site search: an index of folded syllables built offline, read by assets/search/search.js."""
from lantoa.search.index import build_index
from lantoa.search.model import INDEX_URL, SEARCH_PAGE_URL, Facets, IndexStats, SearchDoc

__all__ = ["build_index", "SearchDoc", "Facets", "IndexStats", "INDEX_URL", "SEARCH_PAGE_URL"]
