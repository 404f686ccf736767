"""Vietnamese text: NFC, diacritic folding, ASCII slugs, collation, dates.

Plain functions, no state. Everything that compares, sorts, slugs or prints
Vietnamese goes through here so the rules live in one place.
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import hashlib
import re
import unicodedata

from slugify import slugify as _slugify

__all__ = [
    "nfc", "is_nfc", "fold", "slugify", "tag_slug", "sort_key", "name_sort_key",
    "format_date", "format_date_long", "parse_date", "date_problem",
]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


def fold(text: str) -> str:
    """Lower-case, tone marks and vowel marks removed, đ → d: what readers type.

    "Phụ nữ Định Quán" → "phu nu dinh quan". NFD input folds like NFC input.
    """
    folded = unicodedata.normalize("NFC", text).translate(_FOLD_TABLE)
    if not folded.isascii() and any(c > "\x7f" and (unicodedata.combining(c) or unicodedata.normalize("NFD", c) != c)
                                    for c in set(folded)):
        return _fold_slowly(text)  # a mark the table does not know (other scripts): the general way
    return folded.casefold()


def _fold_slowly(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped).casefold()


# Every precomposed Latin letter (Vietnamese ones included) → its folded form, so that
# fold() is one C-level translate instead of a Python loop over characters.
_FOLD_TABLE = {code: _fold_slowly(chr(code)) for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]
               if _fold_slowly(chr(code)) != chr(code)}


@functools.lru_cache(maxsize=8192)  # tags and names repeat: a plan slugs each story's tags (2,000 a save)
def slugify(text: str) -> str:
    """ASCII URL slug: "Đồng Nai" → "dong-nai" (đ has no decomposition; map it first)."""
    return _slugify(fold(text))


TAG_SLUG_LENGTH = 80  # a folder's name may not pass 255 bytes: a tag of 256 letters ended the build


@functools.lru_cache(maxsize=8192)
def tag_slug(tag: str) -> str:
    """A tag's address: its slug, cut at a word to TAG_SLUG_LENGTH characters; a tag without a
    letter or digit ("🌸", "!!!") is named by its digest (its page was missing, its chip led to the list)."""
    return _slugify(fold(tag), max_length=TAG_SLUG_LENGTH, word_boundary=True) or slugify(tag)[:TAG_SLUG_LENGTH] \
        or "the-" + hashlib.sha256(nfc(tag).encode()).hexdigest()[:10]


def blank(text: str) -> bool:
    """No character a reader sees: spaces, and invisible ones (a zero-width space, a joiner, a BOM)."""
    stripped = text.strip()
    return not stripped or all(unicodedata.category(char) in ("Cf", "Cc", "Zs") for char in stripped)


# Vietnamese alphabet order (CLDR "vi"): letters with breve, circumflex, horn
# and stroke are letters of their own; tones are a secondary difference.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
# Tone order: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn


@functools.lru_cache(maxsize=4096)
def _letter_key(ch: str) -> tuple[tuple[int, int], int]:
    """One character's (letter rank, tone): letter marks kept, tone split off."""
    parts = unicodedata.normalize("NFD", ch)
    tone = 0
    kept = parts[0]
    for mark in parts[1:]:
        if mark in _TONES:
            tone = _TONES[mark]
        elif mark in _LETTER_MARKS:
            kept += mark
    letter = unicodedata.normalize("NFC", kept)
    rank = _LETTER_RANK.get(letter)
    return ((0, rank) if rank is not None else (1, ord(letter))), tone


# Listings sort the same titles and names again and again; keys are pure, so they are kept.
@functools.lru_cache(maxsize=1 << 16)
def sort_key(text: str) -> tuple:
    """Collation key: letters first (a < ă < â < b … d < đ), then tones, then case."""
    keys = [_letter_key(ch) for ch in unicodedata.normalize("NFC", text.casefold())]
    return (tuple(letter for letter, _ in keys), tuple(tone for _, tone in keys), text)


@functools.lru_cache(maxsize=1 << 16)
def name_sort_key(name: str) -> tuple:
    """Vietnamese names sort by given name (last word), then the rest in order."""
    words = name.split()
    if not words:
        return sort_key("")
    return (sort_key(words[-1]), sort_key(" ".join(words[:-1])))


def format_date(value: dt.date | None) -> str:
    """20/9/2022: day and month without leading zeros, as Vietnamese lists print dates."""
    if value is None:
        return ""
    return f"{value.day}/{value.month}/{value.year}"


def format_date_long(value: dt.date | None) -> str:
    """ngày 20 tháng 9 năm 2022, for formal text."""
    if value is None:
        return ""
    return f"ngày {value.day} tháng {value.month} năm {value.year}"


_DMY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
# ISO dates, with the time YAML allows after them (2024-03-08 10:00:00, 2024-03-08T10:00:00+07:00).
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})"
                  r"(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d*)?)?"
                  r"(?:[ \t]*(?:Z|[-+]\d{1,2}(?::?\d{2})?))?)?\s*$")


def parse_date(value: object) -> dt.date | None:
    """Accept a YAML date, ISO `2022-09-20` (a time after it is ignored) or `20/9/2022`;
    None when it is neither or names a day that does not exist (see `date_problem`)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    parts = _date_parts(value)
    if parts is None or _impossible(*parts):
        return None
    return dt.date(*parts[:3])


def _date_parts(value: object) -> tuple[int, ...] | None:
    """(year, month, day, hour, minute, second) as written, not yet checked; None if not a date's shape."""
    if not isinstance(value, str):
        return None
    match = _ISO.match(value)
    if match:
        return tuple(int(g) if g else 0 for g in match.groups())
    match = _DMY.match(value)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return year, month, day, 0, 0, 0
    return None


def _impossible(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> str | None:
    """Why this day (and time) does not exist, in Vietnamese; None when it does."""
    if year < 1:
        return "năm 0 không có"
    if not 1 <= month <= 12:
        return f"tháng {month} không có (tháng chỉ từ 1 đến 12)"
    if day < 1:
        return f"ngày {day} không có"
    last = calendar.monthrange(year, month)[1]
    if day > last:
        return f"tháng {month} năm {year} chỉ có {last} ngày"
    if hour > 23:
        return f"giờ {hour} không có (giờ chỉ từ 0 đến 23)"
    if minute > 59 or second > 60:
        return f"phút, giây «{minute}:{second}» không có (chỉ từ 0 đến 59)"
    return None


def date_problem(value: object) -> str:
    """Why `value` is not a date, in Vietnamese, for the writer: the impossible part named
    ("tháng 2 năm 2023 chỉ có 28 ngày"), or the shape to use."""
    parts = _date_parts(value)
    if parts is not None:
        reason = _impossible(*parts)
        if reason:
            return reason
    if isinstance(value, str) and re.match(r"^\s*\d{1,2}-\d{1,2}-\d{4}\s*$", value):
        return "ngày viết bằng dấu gạch ngang phải bắt đầu bằng năm (2024-03-08); hoặc viết 8/3/2024"
    return "Lan Tỏa không đọc được cách viết ngày này"


def to_utf8(value: str) -> bytes:
    """A text to send to another process, or to digest. Pickling a str instead leaves its UTF-8
    form cached inside it for as long as it lives (CPython's pickler asks for it); this does not."""
    return value.encode("utf-8", "surrogatepass")


def from_utf8(data: bytes) -> str:
    return data.decode("utf-8", "surrogatepass")


def digest(value: str) -> bytes:
    """A text's digest (16 bytes of BLAKE2b over its UTF-8), for comparing without keeping it."""
    return hashlib.blake2b(to_utf8(value), digest_size=16).digest()
