"""The searchable text of a rendered page: what its HTML shows, tags dropped."""
from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser


def page_text(html: str) -> str:
    return LexborHTMLParser(html).text(separator=" ", strip=True)
