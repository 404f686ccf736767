import datetime as dt
import unicodedata

import pytest

from lantoa import text


@pytest.mark.parametrize("name, slug", [
    ("Đồng Nai", "dong-nai"), ("Định Quán", "dinh-quan"), ("Hội LHPN tỉnh Lạng Sơn", "hoi-lhpn-tinh-lang-son"),
    ("Chị Hoàng Thị Mai: đưa cây hồi lên núi!", "chi-hoang-thi-mai-dua-cay-hoi-len-nui"),
    (unicodedata.normalize("NFD", "Đồng Nai"), "dong-nai"),
])
def test_slugs_are_ascii_with_d_for_dd(name, slug):
    assert text.slugify(name) == slug


def test_fold_matches_what_readers_type():
    assert text.fold("Phụ nữ") == "phu nu"
    assert text.fold("Đào") == "dao"
    assert text.fold(unicodedata.normalize("NFD", "Mỹ Tú")) == "my tu"
    assert text.fold("ĐỊNH QUÁN") == "dinh quan"


def test_nfc():
    decomposed = unicodedata.normalize("NFD", "Lạng Sơn")
    assert not text.is_nfc(decomposed)
    assert text.nfc(decomposed) == "Lạng Sơn"


def test_vietnamese_alphabet_order():
    words = ["đá", "da", "ân", "ăn", "an", "bé", "ê", "e", "ơ", "ô", "o", "ư", "u"]
    assert sorted(words, key=text.sort_key) == ["an", "ăn", "ân", "bé", "da", "đá", "e", "ê", "o", "ô", "ơ", "u", "ư"]


def test_tones_are_secondary_in_traditional_order():
    # ngang, huyền, hỏi, ngã, sắc, nặng; and the letter decides before the tone does
    assert sorted(["mạ", "má", "mã", "mả", "mà", "ma"], key=text.sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert sorted(["bà", "ba", "bác"], key=text.sort_key) == ["ba", "bà", "bác"]


def test_names_sort_by_given_name():
    names = ["Nguyễn Thị Đào", "Lê Thị Dung", "Trần Thị Ánh", "Hoàng Thị An", "Lý Thị Ân", "Vi Thị Ăn", "Lê Văn An"]
    assert sorted(names, key=text.name_sort_key) == [
        "Hoàng Thị An", "Lê Văn An", "Trần Thị Ánh", "Vi Thị Ăn", "Lý Thị Ân", "Lê Thị Dung", "Nguyễn Thị Đào"]


def test_dates():
    assert text.format_date(dt.date(2022, 9, 20)) == "20/9/2022"
    assert text.format_date_long(dt.date(2022, 9, 20)) == "ngày 20 tháng 9 năm 2022"
    assert text.parse_date("20/09/2022") == dt.date(2022, 9, 20)
    assert text.parse_date("2022-09-20") == dt.date(2022, 9, 20)
    assert text.parse_date(dt.date(2022, 9, 20)) == dt.date(2022, 9, 20)
    for bad in ("20-9-2022", "31/2/2024", "tháng 9", 2022, "2022/09/20"):
        assert text.parse_date(bad) is None


def test_utf8_round_trip_and_digest_leave_the_text_as_it_was():
    """What workers are sent instead of a str: pickling the str would cache a UTF-8 copy in it."""
    import pickle
    import sys

    from lantoa.text import digest, from_utf8, to_utf8
    body = "Chị Lương Thị An, xã Tú Đoạn, huyện Lộc Bình. \ud800" * 50  # a lone surrogate survives too
    size = sys.getsizeof(body)
    assert from_utf8(to_utf8(body)) == body and sys.getsizeof(body) == size
    assert digest(body) == digest("".join(list(body))) != digest(body + " ") and sys.getsizeof(body) == size
    pickled = body.replace("\ud800", "")
    before = sys.getsizeof(pickled)
    pickle.dumps(pickled)
    assert sys.getsizeof(pickled) > before  # the reason: CPython keeps the UTF-8 it pickled
