"""The staff guide's generated pages match the code; every code and field is documented."""
from __future__ import annotations

from authoring_helpers import ROOT

from lantoa import guide
from lantoa.diagnostics import all_codes
from lantoa.schema import KINDS, UNIT


def test_committed_pages_are_up_to_date():
    stale = guide.stale(ROOT)
    assert not stale, f"regenerate with `python -m lantoa.guide` (or scripts/new --write-guide): {stale}"


def test_every_code_has_vietnamese_advice():
    codes = set(all_codes())
    assert codes - set(guide.FIXES) == set(), "write how to fix these codes in lantoa/guide.py FIXES"
    assert set(guide.FIXES) - codes == set(), "FIXES names codes that no longer exist"


def test_codes_page_has_an_anchor_and_the_advice_per_code():
    page = guide.codes_page(all_codes())
    for code in all_codes().values():
        assert f"{{#{code.code.lower()}}}" in page
        assert guide.FIXES[code.code] in page
    assert "{" not in page.replace("{#lt", "")  # no placeholder left unfilled


def test_fields_page_lists_every_field_with_its_help():
    page = guide.fields_page()
    for fields in [*KINDS.values(), UNIT]:
        for field in fields:
            assert f"| `{field.name}` | {field.label} |" in page
            for sub in field.fields:
                assert f"| `{sub.name}` | {sub.label} |" in page


def test_hand_written_pages_link_only_to_existing_pages_and_anchors():
    import re
    folder = ROOT / guide.GUIDE_DIR
    pages = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.md")}
    for name, text in pages.items():
        for target, anchor in re.findall(r"\]\(([a-z-]+\.md)(?:#([a-z0-9-]+))?\)", text):
            assert target in pages, (name, target)
            if anchor:
                assert f"{{#{anchor}}}" in pages[target], (name, target, anchor)
