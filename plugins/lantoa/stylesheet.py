"""The site's one stylesheet (issue 20): `assets/lantoa/lantoa.css` as published is Lan Tỏa's own
rules followed by those of the parts any page may show (the share buttons, the search box), so a page
waits for one file of ours before it paints, not three. The parts keep their own files in
`assets/` (each owned by its feature, and published as well); only the order here is decided.
"""
from __future__ import annotations

from pathlib import Path

PUBLISHED = "lantoa.css"  # under assets/lantoa/
PARTS = ("lantoa.css", "share/share.css", "search/search.css")  # in cascade order


def bundle(assets: Path) -> str:
    """The published stylesheet: every part that exists, in order, each under a comment naming it."""
    texts = [f"/* ---- {part} ---- */\n{(assets / part).read_text(encoding='utf-8').rstrip()}\n"
             for part in PARTS if (assets / part).is_file()]
    return "\n".join(texts)
