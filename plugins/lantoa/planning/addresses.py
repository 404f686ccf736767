"""One page per address. Items are checked against each other when loaded (LT030); here every
planned page is, so an item whose address is also a generated page's (a campaign folder named
`trang-2` beside the campaigns' second listing page) or a hand-written page's is an error naming
both, and the item waits, as items with errors do, instead of one page silently replacing the other.
"""
from __future__ import annotations

from operator import attrgetter

from ..diagnostics import Diagnostic, define, make
from ..plan import Page
from .planner import Planner

define("LT032", "error", "Trùng địa chỉ với trang khác",
       "Địa chỉ /{url} của mục này trùng với {other}; mục này chưa được đưa lên trang",
       "đổi tên thư mục của mục (ví dụ thêm tên người hoặc tên xã) để nó có địa chỉ riêng")


define("LT033", "warning", "Trang viết tay trùng trang tự tạo",
       "Trang viết tay {document} ở địa chỉ /{url}, nơi Lan Tỏa đặt trang «{title}»; trang viết tay không được "
       "đưa lên", "đổi tên hoặc chuyển tệp ấy trong docs/ sang địa chỉ khác, hoặc xóa nó nếu chỉ để giữ chỗ")


def describe(page: Page) -> str:
    return f"tệp {page.source}" if page.source else f"trang «{page.title}» do Lan Tỏa tạo"


_URL = attrgetter("url")


def one_page_per_address(p: Planner) -> None:
    """Keep the first page planned at each address, or the generated one where an item's page
    clashes with it; report each item page left out. (Most plans have none: their addresses are
    counted in C first; looking at 12,300 pages one by one cost a save 0.006 s; counting them,
    0.005 s: under serve, remembered while the pages are the same, page by page. `p.pages` is
    kept as it grows afterwards (`held`), so a plan after one with held pages counts again.)"""
    if p.remembered("one page per address", None, p.pages, _URL, lambda: len(set(map(_URL, p.pages))) == len(p.pages)):
        return
    first: dict[str, Page] = {}
    dropped: set[int] = set()
    for page in p.pages:
        other = first.get(page.url)
        if other is None:
            first[page.url] = page
            continue
        loser, winner = (other, page) if other.source and not page.source else (page, other)
        if loser.source is None:  # two generated pages: the plan's own mistake, not the writer's
            continue
        first[page.url] = winner
        dropped.add(id(loser))
        p.corpus.diagnostics.append(make("LT032", loser.source, 1, url=page.url, other=describe(winner)))
    if dropped:
        p.pages[:] = [page for page in p.pages if id(page) not in dropped]


def clash_with_document(page: Page, document: str) -> Diagnostic:
    """A page planned where a hand-written page of docs/ already is: an item's waits (LT032); a
    generated page takes the place of the hand-written one, which is said (LT033)."""
    if page.source is None:
        return make("LT033", document, None, document=document, url=page.url, title=page.title)
    return make("LT032", page.source, 1, url=page.url, other=f"trang viết tay {document}")
