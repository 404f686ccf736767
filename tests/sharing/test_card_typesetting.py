"""Cards typeset for Vietnamese: names, places and campaign names kept on one line when they fit,
no syllable alone on the last line when the line above can give one, every line of text at least
10 px tall on a 400 px wide thumbnail, and place cards filled. On the example's titles and on a
stress set of long and short ones."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from PIL import ImageFont

from lantoa.cards.layout import TEXT_WIDTH, TITLE_BOTTOM, TITLE_TOP, text_pieces, title_layout, union_line
from lantoa.cards.model import HEIGHT, WIDTH, CardSpec
from lantoa.previews import keep_phrases

ROOT = Path(__file__).resolve().parents[2]
BOLD = ROOT / "plugins" / "lantoa" / "fonts" / "BeVietnamPro-Bold.ttf"
PLACES = tuple(sorted({u["name"] for u in yaml.safe_load((ROOT / "stories" / "units.yml").read_text("utf-8"))}))
CAMPAIGNS = tuple(yaml.safe_load(p.read_text("utf-8").split("---")[1])["title"]
                  for p in sorted((ROOT / "stories" / "campaigns").glob("*/index.md")))


def example_titles() -> list[tuple[str, tuple[str, ...]]]:
    out = []
    for path in sorted((ROOT / "stories").glob("*/*/*/index.md")):
        data = yaml.safe_load(path.read_text("utf-8").split("---")[1])
        out.append((data["title"], keep_phrases(data["title"], [*PLACES, *CAMPAIGNS, data.get("subject") or ""])))
    return out


STRESS = [
    "Ngày hội",
    "Chị Hoàng Thị Mai",
    "Bà Lan và nếp nhà ba thế hệ ở Đồng Đăng",
    "Chưng cất tinh dầu hồi, giữ hương rừng Văn Quan",
    "Những ngày đầu của Hội Phụ nữ phường Tam Thanh mới ở Lạng Sơn",
    "Cô giáo Nguyễn Thị Thanh Hương và mười hai mùa nương ở điểm trường Khau Lặn, xã Bắc Xa",
    "Tổ tiết kiệm \"Chung tay\" và những đồng vốn nhỏ làm nên quýt vàng Bắc Sơn",
    "Hội viên phụ nữ Na Sầm, Văn Lãng, Tràng Định, Bình Gia, Bắc Sơn, Hữu Lũng, Chi Lăng, Cao Lộc, "
    "Lộc Bình, Đình Lập cùng nhau xây dựng gia đình 5 không, 3 sạch",
    "Phát động phong trào thi đua xây dựng người phụ nữ Việt Nam thời đại mới " * 4,
]


def broken_phrases(lines: tuple[str, ...], keep: tuple[str, ...], size: int) -> list[str]:
    """The phrases of `keep` that the title holds and that fit a line at `size`, but no line holds whole."""
    font = ImageFont.truetype(str(BOLD), size)
    whole = " ".join(lines).casefold()
    return [p for p in keep if p.casefold() in whole and font.getlength(p) <= TEXT_WIDTH
            and not any(p.casefold() in line.casefold() for line in lines)]


@pytest.mark.parametrize("title,keep", example_titles() + [(t, keep_phrases(t, [*PLACES, *CAMPAIGNS,
                                                                                 "Nguyễn Thị Thanh Hương"]))
                                                           for t in STRESS])
def test_names_kept_whole_and_no_lone_last_syllable(title, keep):
    layout = title_layout(title, keep)
    assert layout.bottom <= TITLE_BOTTOM
    if layout.lines[-1].endswith("…"):
        return  # too long for the card at any size: cut, as the ellipsis says
    assert " ".join(layout.lines) == " ".join(title.split())
    assert broken_phrases(layout.lines, keep, layout.size) == [], layout.lines
    if len(layout.lines) > 1:
        assert len(layout.lines[-1].split()) > 1 or len(layout.lines[-2].split()) == 1, layout.lines


def test_place_names_come_from_the_registry():
    assert {"Văn Quan", "Lạng Sơn", "Đồng Đăng", "Mẫu Sơn"} <= set(PLACES)
    assert keep_phrases("Giữ hương rừng Văn Quan", PLACES) == ("Văn Quan",)


@pytest.mark.parametrize("spec", [
    CardSpec("Chị Mai", "Gương điển hình", "Xã Tân Thành, huyện Bắc Sơn", "Hội Liên hiệp Phụ nữ tỉnh Lạng Sơn"),
    CardSpec("Huyện Văn Quan", "Địa bàn", "Tỉnh Lạng Sơn", "Hội Liên hiệp Phụ nữ tỉnh Lạng Sơn",
             details=("Đến 30/6/2025, nay thuộc xã Văn Quan, xã Điềm He", "5 gương điển hình, 2 tin")),
], ids=["story", "place"])
def test_every_line_is_at_least_10_px_tall_on_a_400_px_thumbnail(spec):
    scale = 400 / WIDTH
    for _, _, _, _, key in text_pieces(spec):
        if key is not None:
            text, _, size = key
            assert size * scale >= 10, (text, size)


def test_a_long_union_name_is_abbreviated_rather_than_cut():
    line = union_line("Hội Liên hiệp Phụ nữ tỉnh Lạng Sơn")
    assert not line.endswith("…") and "Lạng Sơn" in line


def test_place_cards_fill_their_middle():
    spec = CardSpec("Huyện Văn Quan", "Địa bàn", "Tỉnh Lạng Sơn", "Hội LHPN tỉnh Lạng Sơn",
                    details=("Đến 30/6/2025, nay thuộc xã Văn Quan", "5 gương điển hình, 2 tin"))
    pieces = text_pieces(spec)
    middle = [(y, y + mask.height) for mask, _, y, _, key in pieces if key and TITLE_TOP <= y < TITLE_BOTTOM]
    top, bottom = min(a for a, _ in middle), max(b for _, b in middle)
    box = TITLE_BOTTOM - TITLE_TOP
    assert bottom - top >= box / 2, (top, bottom)  # title and details take at least half the middle
    assert abs((top - TITLE_TOP) - (TITLE_BOTTOM - bottom)) < box / 4  # and sit in its middle
    assert HEIGHT - bottom > 100


@pytest.mark.parametrize("text", ["Ạ" * 3000, "Chị Hoàng Thị Mai " * 400, "Đ", "Một, hai; ba: bốn. " * 60])
def test_a_line_too_long_is_cut_where_cutting_letter_by_letter_cut_it(text):
    """Found by fuzzing: a 100,000-letter title was shortened one letter at a time, for minutes;
    halving finds the same place."""
    from lantoa.cards.layout import BOLD, ELLIPSIS, _fit_line, _font, _shorten_word

    font, width = _font(BOLD, 40), 500
    word = text.replace(" ", "")
    linear = word
    while linear and font.getlength(linear + ELLIPSIS) > width:
        linear = linear[:-1]
    assert _shorten_word(word, font, width) == linear + ELLIPSIS
    words, fitted = text.split(), None
    for count in range(len(words), 0, -1):
        candidate = " ".join(words[:count]).rstrip(",;:.–-") + ELLIPSIS
        if font.getlength(candidate) <= width:
            fitted = candidate
            break
    assert _fit_line(text, font, width, always_ellipsis=True) == (fitted or _shorten_word(" ".join(words), font, width))
