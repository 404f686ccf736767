"""Social cards: size, weight, crop, EXIF, content addressing, and Vietnamese drawn with our font."""
from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from lantoa.cards import job as naming  # card names: monkeypatched below
from lantoa.cards.draw import (PATTERN_LEFT, _contrast_with_white, _panel_colour, _pattern, _pattern_variant, check_accent,
                               render)
from lantoa.cards.job import CardJob, card_name, draw_card, draw_cards
from lantoa.cards.jpeg import QUALITIES, encode_with_restarts
from lantoa.cards.layout import MARGIN, TITLE_BOTTOM, TITLE_SIZES, text_pieces, title_layout
from lantoa.cards.model import PANEL_W, CardSpec
from lantoa.cards.photo import crop_box

FONTS = Path(__file__).resolve().parents[2] / "plugins" / "lantoa" / "fonts"
BOLD = FONTS / "BeVietnamPro-Bold.ttf"  # named here, not taken from the module under test
REGULAR = FONTS / "BeVietnamPro-Regular.ttf"
VIETNAMESE = (
    "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
)
TITLE = "Chị Đặng Thị Hường: người phụ nữ Tày giữ nghề dệt thổ cẩm ở Nguyên Bình"


def spec(photo: Path | None = None, **changes) -> CardSpec:
    values = dict(title=TITLE, kicker="Gương điển hình", place="Xã Thành Công, huyện Nguyên Bình",
                  union_name="Hội LHPN tỉnh Cao Bằng", photo=photo, accent=None)
    values.update(changes)
    return CardSpec(**values)


def noise_photo(path: Path, size=(4000, 3000)) -> Path:
    """The worst case for JPEG size: pure noise."""
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(path, quality=95)
    return path


def halves_photo(path: Path, orientation: int | None = None) -> Path:
    """Landscape 600×400: left half red, right half blue; optionally an EXIF orientation."""
    image = Image.new("RGB", (600, 400), (220, 0, 0))
    image.paste((0, 0, 220), (300, 0, 600, 400))
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"  # Make: must not survive into the card
    image.save(path, exif=exif.tobytes())
    return path


def open_card(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_card_is_a_1200x630_jpeg_within_300_kb_even_for_a_noisy_photo(tmp_path):
    card = draw_card(spec(noise_photo(tmp_path / "noise.jpg")), tmp_path / "out")
    image = Image.open(card.path)
    assert (image.format, image.size) == ("JPEG", (1200, 630))
    assert (card.width, card.height, card.mime) == (1200, 630, "image/jpeg")
    assert card.bytes == card.path.stat().st_size <= 300_000
    assert card.url == f"the-chia-se/{card.path.name}"


def test_exif_orientation_is_applied_and_no_metadata_is_kept(tmp_path):
    # Orientation 6: displayed turned 90° clockwise, so the red half is on top.
    image = open_card(render(spec(halves_photo(tmp_path / "p.jpg", orientation=6))))
    x = PANEL_W + (1200 - PANEL_W) // 2
    top, bottom = image.getpixel((x, 20)), image.getpixel((x, 610))
    assert top[0] > 150 and top[2] < 80, top
    assert bottom[2] > 150 and bottom[0] < 80, bottom
    assert not image.getexif()
    assert "exif" not in image.info and "icc_profile" not in image.info


def test_without_orientation_the_landscape_photo_is_centred(tmp_path):
    image = open_card(render(spec(halves_photo(tmp_path / "p.jpg"))))
    left = image.getpixel((PANEL_W + 20, 300))
    right = image.getpixel((1180, 300))
    assert left[0] > 150 and right[2] > 150


def test_portrait_crop_keeps_the_upper_middle_part():
    left, top, right, bottom = crop_box((1000, 3000), (560, 630))
    assert (left, right) == (0, 1000)
    assert bottom - top == round(1000 * 630 / 560)
    assert top < (3000 - (bottom - top)) / 2  # above the centre
    assert top <= 0.38 * 3000 <= bottom  # the face band is in view
    assert top > 0  # and not simply the top of the photo


def test_landscape_crop_is_centred_and_fills():
    assert crop_box((4000, 1000), (560, 630)) == (1555, 0, 2444, 1000)


def test_card_without_photo_is_designed_not_blank(tmp_path):
    image = open_card(render(spec(None)))
    right = image.crop((PANEL_W, 0, 1200, 630)).convert("RGB")
    colours = right.getcolors(maxcolors=1 << 16) or []
    assert len(colours) > 20  # shapes and dots, not a flat fill
    assert ImageChops.difference(right, Image.new("RGB", right.size, right.getpixel((0, 0)))).getbbox()


def test_designed_cards_of_different_titles_mostly_differ():
    rights = {open_card(render(spec(None, title=f"{TITLE} {n}"))).crop((700, 0, 1200, 630)).tobytes()
              for n in range(8)}
    assert len(rights) >= 4


def test_unreadable_photo_falls_back_to_the_designed_card(tmp_path):
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a jpeg at all")
    assert render(spec(broken)) == render(spec(None))


def test_name_changes_with_what_the_card_shows_and_its_photo(tmp_path):
    photo = halves_photo(tmp_path / "p.jpg")
    base = card_name(spec(photo))
    assert card_name(spec(photo)) == base
    assert card_name(spec(photo, title=TITLE + "!")) != base
    assert card_name(spec(photo, place=None)) != base
    assert card_name(spec(photo, accent="#1565C0")) != base
    assert card_name(spec(None)) != base
    photo.write_bytes(photo.read_bytes() + b"\0")
    assert card_name(spec(photo)) != base


def test_font_and_layout_version_are_part_of_the_name(monkeypatch):
    base = card_name(spec(None))
    monkeypatch.setattr(naming, "_font_digest", lambda: "another font")
    assert card_name(spec(None)) != base
    monkeypatch.undo()
    monkeypatch.setattr(naming, "LAYOUT_VERSION", "999")
    assert card_name(spec(None)) != base


def test_an_existing_card_is_not_redrawn(tmp_path):
    first = draw_card(spec(None), tmp_path)
    first.path.write_bytes(b"sentinel")
    again = draw_card(spec(None), tmp_path)
    assert again.path == first.path and again.path.read_bytes() == b"sentinel"


@pytest.mark.parametrize("count", [3, 12], ids=["alone", "with-a-pool"])
def test_draw_cards_uses_the_cache_and_a_pool(tmp_path, count):
    specs = {f"page-{n}": spec(None, title=f"{TITLE} {n}") for n in range(count)}
    specs["same-as-0"] = specs["page-0"]
    result = draw_cards(specs, tmp_path / "cache", tmp_path / "site" / "the-chia-se", workers=2)
    assert set(result) == set(specs)
    assert result["same-as-0"].url == result["page-0"].url
    assert len({card.url for card in result.values()}) == count
    for card in result.values():
        assert card.path.parent == tmp_path / "site" / "the-chia-se" and card.path.exists()
        assert card.bytes == card.path.stat().st_size
    cached = tmp_path / "cache" / result["page-1"].path.name
    cached.write_bytes(b"sentinel")
    again = draw_cards(specs, tmp_path / "cache", tmp_path / "site2", workers=2)
    assert again["page-1"].path.read_bytes() == b"sentinel"


def test_job_in_chunks_draws_every_card_once_between_pool_and_finish(tmp_path):
    specs = {f"page-{n}": spec(None, title=f"{TITLE} {n}") for n in range(40)}
    job = CardJob(specs, tmp_path / "cache", tmp_path / "site", workers=1)
    assert 1 < len(job.chunks) < 40  # one task per chunk, not per card
    assert sorted(s.title for chunk in job.chunks for _, s in chunk) == sorted(s.title for s in specs.values())
    assert job.url("page-3") == f"the-chia-se/{card_name(specs['page-3'])}"
    result = job.finish()
    assert len({card.url for card in result.values()}) == 40
    for card in result.values():
        assert open_card(card.path.read_bytes()).size == (1200, 630)
    assert not list((tmp_path / "cache").glob(".*.tmp"))


def test_big_portrait_photo_turned_by_exif_keeps_the_face_band(tmp_path):
    """A 1500×4000 portrait stored sideways (orientation 6), as phones do: decoded at a
    reduced scale, it still shows the band at 38 % of its height in the middle of the card."""
    shown = Image.new("RGB", (1500, 4000), (128, 128, 128))
    shown.paste((220, 0, 0), (0, 1440, 1500, 1600))
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "portrait.jpg"
    shown.transpose(Image.Transpose.ROTATE_90).save(path, exif=exif.tobytes(), quality=90)
    image = open_card(render(spec(path)))
    x = PANEL_W + (1200 - PANEL_W) // 2
    band, above, below = image.getpixel((x, 315)), image.getpixel((x, 60)), image.getpixel((x, 580))
    assert band[0] > 180 and band[1] < 60, band
    assert abs(above[0] - 128) < 20 and abs(below[0] - 128) < 20, (above, below)


def test_light_accent_is_darkened_until_white_text_reads():
    image = open_card(render(spec(None, accent="#FFEB3B")))
    panel = image.getpixel((20, 600))
    assert _contrast_with_white(panel) >= 4.0  # JPEG moves colours a little
    assert check_accent("#FFEB3B") and not check_accent("hồng nhạt")


# ---------------------------------------------------------------- the title

def test_title_is_wrapped_between_words_and_fits():
    layout = title_layout(TITLE)
    assert " ".join(layout.lines) == TITLE
    font = ImageFont.truetype(str(BOLD), layout.size)
    for line in layout.lines:
        assert font.getlength(line) <= PANEL_W - MARGIN - 48


def test_short_title_gets_the_largest_size_and_long_title_an_ellipsis():
    assert title_layout("Ngày hội phụ nữ").size == max(TITLE_SIZES)
    words = ("Phát động phong trào thi đua xây dựng người phụ nữ Việt Nam thời đại mới " * 6).split()
    layout = title_layout(" ".join(words))
    assert layout.size == min(TITLE_SIZES)
    assert layout.lines[-1].endswith("…")
    shown = " ".join(layout.lines)[:-1].split()
    assert shown == words[:len(shown)]  # whole words only, never cut mid-word
    bottom = layout.top + len(layout.lines) * layout.line_height
    assert bottom <= TITLE_BOTTOM


NOT_IN_ANY_FONT = "\U000F0000"  # private use, plane 15


def glyph(font: ImageFont.FreeTypeFont, text: str) -> tuple:
    mask = font.getmask(text)
    return mask.size, bytes(mask)


@pytest.mark.parametrize("path", [BOLD, REGULAR], ids=["bold", "regular"])
def test_every_vietnamese_letter_has_a_glyph(path):
    font = ImageFont.truetype(str(path), 40)
    notdef = glyph(font, NOT_IN_ANY_FONT)
    assert glyph(font, "中") == notdef  # the check can see a missing glyph
    missing = [ch for ch in VIETNAMESE + VIETNAMESE.upper() + "…–“”" if glyph(font, ch) == notdef]
    assert missing == []


def ink(image: Image.Image, box) -> set:
    """Pixels of near-white text inside `box` of an RGB image."""
    region = image.crop(box).convert("L").tobytes()
    return {i for i, value in enumerate(region) if value > 200}


def title_reference(layout, font_path: Path) -> Image.Image:
    reference = Image.new("RGB", (1200, 630), (0, 0, 0))
    draw = ImageDraw.Draw(reference)
    font = ImageFont.truetype(str(font_path), layout.size)
    for index, line in enumerate(layout.lines):
        draw.text((layout.left, layout.top + index * layout.line_height), line, font=font, fill="white")
    return reference


def overlap(a: set, b: set) -> float:
    return len(a & b) / len(a | b)


@pytest.mark.parametrize("with_photo", [True, False], ids=["photo", "designed"])
def test_title_is_drawn_with_be_vietnam_pro(tmp_path, with_photo):
    """The card's title pixels match the same lines drawn with Be Vietnam Pro Bold, and
    clearly not the same lines drawn with another face (so a wrong font fails)."""
    photo = halves_photo(tmp_path / "p.jpg") if with_photo else None
    card = open_card(render(spec(photo)))
    layout = title_layout(TITLE)
    box = (0, layout.top - 10, PANEL_W, layout.top + len(layout.lines) * layout.line_height + 10)
    drawn = ink(card, box)
    right = overlap(drawn, ink(title_reference(layout, BOLD), box))
    wrong = overlap(drawn, ink(title_reference(layout, REGULAR), box))
    print(f"overlap with Bold {right:.3f}, with Regular {wrong:.3f}")
    assert right > 0.85, right
    assert wrong < right - 0.2, (right, wrong)


# ---------------------------------------------------------------- the designed card's JPEG

def whole_card(spec_: CardSpec) -> Image.Image:
    """The designed card drawn in full, every piece of text blended through its mask (as
    `render` draws only its text rows, and pastes most pieces blended in advance)."""
    panel = _panel_colour(spec_.accent)
    canvas = Image.new("RGB", (1200, 630), panel)
    canvas.paste(_pattern(panel, _pattern_variant(spec_.title)), (PATTERN_LEFT, 0))
    for mask, x, y, fill, _ in text_pieces(spec_):
        canvas.paste(fill, (x, y), mask)  # the rule above the union's name is one of the pieces
    return canvas


@pytest.mark.parametrize("changes", [
    {}, {"place": None}, {"accent": "#1565C0"}, {"title": "Ngày hội"},
    {"kicker": "Phụ nữ khởi nghiệp, phát triển kinh tế Ở Ễ"},  # stacked accents above the kicker's line
    {"title": "Phát động phong trào thi đua xây dựng người phụ nữ Việt Nam thời đại mới " * 6},
], ids=["story", "no-place", "accent", "short", "accents-above", "ellipsis"])
def test_designed_card_is_the_whole_card_encoded_with_restarts(changes):
    """Only the text rows are encoded per card and spliced into the background's JPEG:
    the bytes are those of encoding the whole card, and it decodes to the same pixels as
    a plain encoding of it."""
    drawn = spec(None, **changes)
    data = render(drawn)
    whole = whole_card(drawn)
    assert data == encode_with_restarts(whole)
    plain = io.BytesIO()
    whole.save(plain, "JPEG", quality=QUALITIES[0])
    assert open_card(data).tobytes() == open_card(plain.getvalue()).tobytes()


def test_bands_kept_from_card_to_card_give_the_bytes_of_the_whole_card():
    """Cards sharing a kicker, a place or a whole title, in several colours and patterns: each
    card, drawn from the bands kept (bands.py) or coded only as wide as its text, is the whole
    card encoded with restarts, byte for byte."""
    import random

    from lantoa.cards import bands, draw

    rng = random.Random(5)
    titles = ["Ngày hội", TITLE, "Chị Hoàng Thị Mai, người giữ lửa nghề dệt thổ cẩm ở Đồng Đăng",
              "Phát động phong trào thi đua xây dựng người phụ nữ Việt Nam thời đại mới " * 3]
    kickers = ["Gương điển hình", "Phụ nữ khởi nghiệp, phát triển kinh tế Ở Ễ", "Tin hoạt động"]
    places = [None, "Xã Thành Công, huyện Nguyên Bình", "Phường Đông Kinh, thành phố Lạng Sơn, tỉnh Lạng Sơn"]
    kept = bands.Bands()
    for _ in range(60):
        drawn = spec(None, title=rng.choice(titles), kicker=rng.choice(kickers), place=rng.choice(places),
                     accent=rng.choice([None, "#1565C0"]))
        panel, variant = _panel_colour(drawn.accent), _pattern_variant(drawn.title)
        assert draw._render_designed(drawn, panel, variant, kept) == encode_with_restarts(whole_card(drawn))
        assert draw._render_designed(drawn, panel, variant, draw.PLAIN) == encode_with_restarts(whole_card(drawn))
    assert 0 < len(kept.kept) and len(kept.seen) > len(kept.kept)  # some kept; titles seen once only remembered


def test_serve_keeps_what_drawing_learnt_and_a_build_lets_it_go(tmp_path):
    """A build goes on after its cards and frees the patterns and glyphs; serve draws a card or
    two a save in its own process, and drawing the pattern again cost each of them 20 ms."""
    from lantoa.cards import draw
    for number, keep in enumerate((False, True)):
        specs = {"page": spec(None, title=f"{TITLE} {number}")}  # fewer than POOL_MINIMUM: drawn here
        CardJob(specs, tmp_path / "cache", tmp_path / f"site-{number}", keep_caches=keep).finish()
        assert (draw._background.cache_info().currsize > 0) is keep
    draw.clear_caches()


def test_a_ready_job_draws_no_pattern_for_a_designed_card_of_its_colours(tmp_path, monkeypatch):
    """Serve's full build draws its cards in the pool: `CardJob.ready` (partial.after_full_build)
    draws every pattern's background in each colour the specs use, so that a save's card of a new
    title (a pattern picked by the title) draws none; a photo card's accent counts for nothing."""
    from lantoa.cards import draw
    draw.clear_caches()
    Image.new("RGB", (800, 600), (40, 120, 60)).save(tmp_path / "anh.jpg")
    specs = {"a": spec(None, title=TITLE), "b": spec(None, title=f"{TITLE} 2", accent="#1565C0"),
             "c": spec(tmp_path / "anh.jpg", accent="teal")}
    job = CardJob(specs, tmp_path / "cache", tmp_path / "site", keep_caches=True)
    job.ready()
    assert draw._background.cache_info().currsize == 2 * draw.PATTERN_VARIANTS
    drawn = [draw._pattern_variant(f"{TITLE} {n}") for n in range(80)]
    assert set(drawn) == set(range(draw.PATTERN_VARIANTS))  # every pattern is asked for below

    def no_pattern(*args):
        raise AssertionError("a pattern drawn during a save")
    monkeypatch.setattr(draw, "_pattern", no_pattern)
    for number in range(80):
        for accent in (None, "#1565C0"):
            draw.render(spec(None, title=f"{TITLE} {number}", accent=accent))
    monkeypatch.undo()
    draw.clear_caches()


def test_serve_names_again_only_the_specs_that_are_new(tmp_path, monkeypatch):
    """Serve hands each job the one before: the very same spec keeps its name without being named
    again; a new spec, or one named by its photo file's bytes (which may have changed), is named."""
    photo = noise_photo(tmp_path / "anh.jpg", (800, 600))
    specs = {"a": spec(None, title=f"{TITLE} a"), "b": spec(None, title=f"{TITLE} b"), "p": spec(photo)}
    first = CardJob(specs, tmp_path / "cache", tmp_path / "site")
    first.finish()
    named = []
    monkeypatch.setattr(naming, "card_name", lambda s: named.append(s.title) or card_name(s))
    Image.effect_noise((800, 600), 40).convert("RGB").save(photo)  # the same path, other bytes
    now = {**specs, "b": spec(None, title=f"{TITLE} b, sửa")}
    job = CardJob(now, tmp_path / "cache", tmp_path / "site", before=first)
    assert sorted(named) == sorted([now["b"].title, specs["p"].title])
    assert job.names == {key: card_name(s) for key, s in now.items()}
    assert job.names["p"] != first.names["p"]
    assert job.named_anew(first) == {"b", "p"} and first.named_anew(job) is None is first.named_anew(first)
    assert job.gone_since(first) == set() and first.gone_since(job) is None  # the same keys, in order
    cards = job.finish()
    assert all(card.path.is_file() for card in cards.values())
    from lantoa.engine.unchanged import redrawn
    later = CardJob({"a": specs["a"], "b": now["b"], "c": spec(None, title=f"{TITLE} c")},
                    tmp_path / "cache", tmp_path / "site", before=job)
    assert redrawn(job, later) == {"c", "p"}, "new, and gone"
    assert later.gone_since(job) is None  # other keys: looked for
    assert redrawn(first, later) == {"b", "c", "p"}, "against another job: the names compared"


def test_a_name_taken_from_the_job_before_is_drawn_again_if_pruned(tmp_path):
    specs = {"a": spec(None, title=f"{TITLE} a")}
    first = CardJob(specs, tmp_path / "cache", tmp_path / "site")
    first.finish()
    (tmp_path / "cache" / first.names["a"]).unlink()  # `scripts/site prune` while serving
    cards = CardJob(specs, tmp_path / "cache", tmp_path / "site-2", before=first).finish()
    assert open_card(cards["a"].path.read_bytes()).size == (1200, 630)


def test_a_job_that_did_not_finish_gives_no_names(tmp_path, monkeypatch):
    specs = {"a": spec(None, title=f"{TITLE} a")}
    first = CardJob(specs, tmp_path / "cache", tmp_path / "site")
    first.cancel()  # a failed build: its cards may not be drawn
    named = []
    monkeypatch.setattr(naming, "card_name", lambda s: named.append(s.title) or card_name(s))
    CardJob(specs, tmp_path / "cache", tmp_path / "site", before=first).finish()
    assert named == [specs["a"].title]


def test_serve_places_only_the_cards_named_anew_while_the_folder_is_the_same(tmp_path, monkeypatch):
    """The cards of the job before stand in the very same folder: only those named anew are
    looked for and linked; a folder made again (a full build's clean) has every card linked again."""
    specs = {"a": spec(None, title=f"{TITLE} a"), "b": spec(None, title=f"{TITLE} b"),
             "c": spec(None, title=f"{TITLE} c")}
    site = tmp_path / "site" / "the-chia-se"
    first = CardJob(specs, tmp_path / "cache", site)
    cards = first.finish()
    listed = []
    real_names_in = naming._names_in
    monkeypatch.setattr(naming, "_names_in", lambda folder: listed.append(folder) or real_names_in(folder))
    now = {"a": specs["a"], "b": spec(None, title=f"{TITLE} b, sửa")}  # c gone, b retitled
    job = CardJob(now, tmp_path / "cache", site, before=first)
    again = job.finish()
    assert listed == [] and set(again) == {"a", "b"} and again["a"] is cards["a"]
    assert again["b"].url != cards["b"].url and again["b"].path.is_file()
    shutil.rmtree(site.parent)  # emptied, as MkDocs does before a full build
    site.mkdir(parents=True)
    later = CardJob({**now, "d": spec(None, title=f"{TITLE} d")}, tmp_path / "cache", site, before=job).finish()
    assert listed == [site] and all(card.path.is_file() for card in later.values())


def test_serve_knows_where_every_card_is_as_cards_come_go_and_are_shared(tmp_path):
    """`paths()` (the sweep keeps them) is where the job's cards are, after each job taken over
    from the one before: a card two keys show stays while one of them does; `left_since` the
    paths no card shows any more."""
    same = spec(None, title=f"{TITLE} chung")
    site = tmp_path / "site" / "the-chia-se"
    steps = [{"a": same, "b": same, "c": spec(None, title=f"{TITLE} c")},
             {"a": same, "c": spec(None, title=f"{TITLE} c, sửa")},  # b gone: a still shows the card
             {"a": spec(None, title=f"{TITLE} a, sửa"), "c": same},  # a's card now c's
             {"c": spec(None, title=f"{TITLE} c, lần nữa")}]
    jobs = [None]  # serve keeps the job before alive (the build before holds it)
    for specs in steps:
        job = CardJob(specs, tmp_path / "cache", site, before=jobs[-1])
        jobs.append(job)
        cards = job.finish()
        assert job.named_anew(jobs[-2]) is not None or jobs[-2] is None, "not taken over from the job before"
        assert set(job.paths()) == {os.fspath(card.path) for card in cards.values()}
        if jobs[-2] is not None and jobs[-2]._paths is not None:  # what went, known without comparing
            assert job.left_since(jobs[-2]) == set(jobs[-2].paths()) - set(job.paths())
            assert job.left_since(jobs[0] or job) is None


def test_specs_made_from_the_last_say_which_to_name_again(tmp_path, monkeypatch):
    """Serve's card specs are the last job's with a few set again (`remade.DictSince`, made by
    `plan_delta.card_specs`): the job names those only, without comparing every spec."""
    from lantoa.remade import DictSince
    specs = {key: spec(None, title=f"{TITLE} {key}") for key in "abc"}
    first = CardJob(specs, tmp_path / "cache", tmp_path / "site")
    first.finish()
    now = DictSince(first.specs)
    now["b"] = spec(None, title=f"{TITLE} b, sửa")
    dict.__setitem__(now, "c", spec(None, title=f"{TITLE} c, không báo"))  # not told: not looked at
    assert now.set_since(first.specs) == ["b"] and now.set_since(specs | {}) is None
    named = []
    monkeypatch.setattr(naming, "card_name", lambda s: named.append(s.title) or card_name(s))
    job = CardJob(now, tmp_path / "cache", tmp_path / "site", before=first)
    assert named == [now["b"].title] and job.named_anew(first) == {"b"}
    assert job.names["c"] == first.names["c"] and job.gone_since(first) == set()
    later = DictSince(now)  # made from the last: the one before is let go
    assert later.set_since(now) == [] and now.since is None
    grown = DictSince(first.specs)
    grown["d"] = spec(None, title=f"{TITLE} d")  # a key more: the keys are compared
    assert grown.set_since(first.specs) is None
    assert CardJob(grown, tmp_path / "cache", tmp_path / "site", before=first).named_anew(first) == {"d"}
