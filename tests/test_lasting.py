"""Serve's fragments kept across rebuilds (lasting.py): the last HTML of a fragment on a page,
while it shows the very same value and equal extras."""
from __future__ import annotations

from lantoa.lasting import LastingFragments


class Renders:
    def __init__(self):
        self.count = 0

    def __call__(self) -> str:
        self.count += 1
        return f"<p>{self.count}</p>"


def test_a_fragment_is_kept_for_the_very_value_and_equal_extras_on_the_same_page():
    kept, render = LastingFragments(), Renders()
    figures = ["figures"]
    assert kept.get("insight", ("phong-trao/a/", ".."), figures, (3,), render) == "<p>1</p>"
    assert kept.get("insight", ("phong-trao/a/", ".."), figures, (3,), render) == "<p>1</p>"
    assert kept.get("insight", ("phong-trao/a/", ".."), ["figures"], (3,), render) == "<p>2</p>"  # equal, not the same
    assert kept.get("insight", ("phong-trao/a/", ".."), figures, (3,), render) == "<p>3</p>"
    assert kept.get("insight", ("phong-trao/a/", ".."), figures, (4,), render) == "<p>4</p>"  # another extra
    assert kept.get("insight", ("phong-trao/b/", ".."), figures, (4,), render) == "<p>5</p>"  # another page
    assert kept.get("other", ("phong-trao/b/", ".."), figures, (4,), render) == "<p>6</p>"  # another fragment
    assert kept.get("insight", ("phong-trao/b/", ".."), figures, (4,), render) == "<p>5</p>"
    kept.clear()
    assert kept.get("insight", ("phong-trao/b/", ".."), figures, (4,), render) == "<p>7</p>"


def test_a_card_is_kept_where_it_was_seen_for_the_very_card_and_an_equal_photo():
    kept, render = LastingFragments(), Renders()
    card, photo = ["card"], ("anh/a-320.jpg", 320)
    seen = ("cau-chuyen/2025/a/", "h3", False, "../..", "../a/")
    assert kept.card(seen, card, photo, render) == "<p>1</p>"
    assert kept.card(seen, card, ("anh/a-320.jpg", 320), render) == "<p>1</p>"  # made again, equal
    assert kept.card(seen[:3] + ("../../..", "../../a/"), card, photo, render) == "<p>2</p>"  # seen elsewhere
    assert kept.card(seen, ["card"], photo, render) == "<p>3</p>"  # an equal card is not the card
    assert kept.card(seen, card, photo, render) == "<p>4</p>"
    assert kept.card(seen, card, ("anh/b-320.jpg", 320), render) == "<p>5</p>"  # another cover
    assert kept.card(seen, card, None, render) == "<p>6</p>"
    kept.clear()
    assert kept.card(seen, card, None, render) == "<p>7</p>"


def test_only_the_cards_seen_last_are_kept(monkeypatch):
    monkeypatch.setattr("lantoa.lasting.CARDS_KEPT", 3)
    kept, render, card = LastingFragments(), Renders(), ["card"]
    for at in range(4):
        kept.card(("x/", at), card, None, render)
    assert kept.card(("x/", 3), card, None, render) == "<p>4</p>"
    assert kept.card(("x/", 0), card, None, render) == "<p>5</p>"  # dropped, drawn again
