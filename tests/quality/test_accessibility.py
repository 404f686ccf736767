"""Gate 3: axe-core finds no WCAG 2.1 A/AA violation on each kind of page, in Chromium."""
from __future__ import annotations

import pytest

from quality_gates import node_tool, pick_page, section_page

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = {
    "home": lambda site: section_page(site, "/"),
    "campaign": lambda site: pick_page(site, "/phong-trao/"),
    "unit": lambda site: pick_page(site, "/dia-ban/"),
    "story": lambda site: pick_page(site, "/cau-chuyen/", deepest=True),
    "search": lambda site: section_page(site, "/tim-kiem/"),
    "statistics": lambda site: section_page(site, "/thong-ke/"),
}
RUN_AXE = """options => axe.run(document, options).then(result => result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')), count: v.nodes.length})))"""


def axe_violations(page, url: str) -> list[dict]:
    page.goto(url, wait_until="load")
    page.add_script_tag(path=str(node_tool("axe-core/axe.min.js")))
    return page.evaluate(RUN_AXE, {"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                   "resultTypes": ["violations"]})


def describe(path: str, violation: dict) -> str:
    targets = "; ".join(violation["targets"])
    more = f" (+{violation['count'] - 5} more)" if violation["count"] > 5 else ""
    return f"{path}: {violation['id']} [{violation['impact']}] {violation['help']}: {targets}{more}"


@pytest.mark.parametrize("kind", PAGES)
def test_page_has_no_wcag21aa_violation(kind, example_site, example_url, page):
    path = PAGES[kind](example_site)
    violations = axe_violations(page, example_url + path)
    if violations:
        listed = "\n".join(describe(path, v) for v in violations)
        pytest.fail(f"axe-core: {len(violations)} WCAG 2.1 AA violations on the {kind} page:\n{listed}",
                    pytrace=False)
