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
