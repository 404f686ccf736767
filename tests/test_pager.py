"""The pager under a paged listing links the pages near this one, the first and the last."""
import pytest

from lantoa.plan import PAGER_REACH, Pager


def pager(number: int, total: int) -> Pager:
    return Pager(number, total, tuple("x/" if n == 1 else f"x/trang-{n}/" for n in range(1, total + 1)))


def numbers(p: Pager) -> list:
    return [None if shown is None else shown[0] for shown in p.shown]


def test_a_short_listing_shows_every_number():
    assert numbers(pager(1, 1)) == [1]
    assert numbers(pager(3, 5)) == [1, 2, 3, 4, 5]
    assert numbers(pager(1, 2 * PAGER_REACH + 3)) == list(range(1, PAGER_REACH + 2)) + [None, 2 * PAGER_REACH + 3]


def test_a_long_listing_shows_the_ends_and_the_neighbours():
    assert numbers(pager(1, 107)) == [1, 2, 3, None, 107]
    assert numbers(pager(50, 107)) == [1, None, 48, 49, 50, 51, 52, None, 107]
    assert numbers(pager(107, 107)) == [1, None, 105, 106, 107]


def test_a_gap_of_one_page_shows_that_page():
    assert numbers(pager(5, 107)) == [1, 2, 3, 4, 5, 6, 7, None, 107]
    assert numbers(pager(103, 107)) == [1, None, 101, 102, 103, 104, 105, 106, 107]


@pytest.mark.parametrize("total", [1, 2, 3, 6, 7, 8, 9, 30])
def test_every_page_is_reachable_and_numbers_go_with_their_addresses(total):
    for number in range(1, total + 1):
        p = pager(number, total)
        shown = [s for s in p.shown if s is not None]
        assert [n for n, _ in shown] == sorted({n for n, _ in shown})  # in order, once each
        assert all(url == p.urls[n - 1] for n, url in shown)
        assert {1, total, number} <= {n for n, _ in shown}
        assert {n for n, _ in shown} >= set(range(max(1, number - PAGER_REACH), min(total, number + PAGER_REACH) + 1))
        assert p.shown[0] is not None and p.shown[-1] is not None  # a gap only between numbers
        assert all(a is not None or b is not None for a, b in zip(p.shown, p.shown[1:]))
