"""Gate 4: Lighthouse (mobile emulation, Debian's Chromium, offline) on home, a story, a campaign, and
a story whose three photos are the size phones make (issue 20: its own, higher bar, always the median
of three runs). The site is the example with that story's photos replaced (`phone_site`)."""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from quality_gates import CHROMIUM, node_tool, pick_page, section_page, serve

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from benchkit._phone import PHONE_STORY_URL  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.alone]

MINIMUM = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 100}
# A story with three phone-size photos: what most readers open first, from a shared link.
PHONE_STORY_MINIMUM = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
PHONE_STORY_LCP_GOAL_MS = 2000  # issue 20's goal: printed beside the median, a figure like the bench's, not asserted
PAGES = {
    "home": lambda site: section_page(site, "/"),
    "story": lambda site: pick_page(site, "/cau-chuyen/", deepest=True),
    "campaign": lambda site: pick_page(site, "/phong-trao/"),
}
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --no-first-run --disable-sync "
                "--disable-background-networking --disable-component-update --disable-default-apps")


def lighthouse(url: str, report_path) -> dict:
    cli = node_tool("lighthouse/cli/index.js")
    result = subprocess.run(
        ["node", str(cli), url, "--quiet", "--output=json", f"--output-path={report_path}",
         f"--only-categories={','.join(MINIMUM)}", f"--chrome-flags={CHROME_FLAGS}",
         "--disable-full-page-screenshot"],
        capture_output=True, text=True, timeout=240, env=dict(os.environ, CHROME_PATH=CHROMIUM))
    assert result.returncode == 0, f"lighthouse failed on {url}:\n{result.stderr[-3000:]}"
    return json.loads(report_path.read_text())


def scores(report: dict) -> dict[str, int]:
    return {name: round((category["score"] or 0) * 100)
            for name, category in report["categories"].items()}


def losing_audits(report: dict, category: str) -> list[str]:
    """The weighted audits that cost a category points, with what Lighthouse says about them."""
    lines = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
            value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
            lines.append(f"    {ref['id']}: score {audit['score']:.2f}{value}")
    return lines


@pytest.fixture(scope="module")
def compressed_url(phone_site):
    """The example site (with the phone-size story) served gzip-compressed, as a production host serves it."""
    base, server = serve(phone_site, compress=True)
    yield base
    server.shutdown()


@pytest.mark.parametrize("kind", PAGES)
def test_lighthouse_scores(kind, phone_site, compressed_url, tmp_path, record_property):
    """One run; when a score is under its minimum, two more and the median of the three
    (Lighthouse's own advice on run-to-run variance: performance moves with the machine's load)."""
    path = PAGES[kind](phone_site)
    report = lighthouse(compressed_url + path, tmp_path / "lighthouse.json")
    got = scores(report)
    if any(got.get(name, 0) < minimum for name, minimum in MINIMUM.items()):
        runs = [got] + [scores(lighthouse(compressed_url + path, tmp_path / f"lighthouse-{n}.json")) for n in (2, 3)]
        got = {name: sorted(run.get(name, 0) for run in runs)[1] for name in MINIMUM}
    record_property("lighthouse", {"page": f"{kind} {path}", "scores": got})
    print(f"Lighthouse {kind} {path}: {got}")
    runtime_error = report.get("runtimeError", {}).get("message")
    assert not runtime_error, f"lighthouse could not audit {path}: {runtime_error}"
    below = [f"  {name} {got.get(name, 0)} < {minimum}\n" + "\n".join(losing_audits(report, name))
             for name, minimum in MINIMUM.items() if got.get(name, 0) < minimum]
    if below:
        pytest.fail(f"Lighthouse on the {kind} page {path}:\n" + "\n".join(below), pytrace=False)


def test_lighthouse_story_with_phone_photos(compressed_url, tmp_path, record_property):
    """The median of three runs on the story whose three photos are phone-size: Performance ≥ 98,
    Accessibility, Best Practices and SEO 100 (issue 20). Its LCP is printed against the 2.0 s goal,
    never asserted: a time in milliseconds is a speed figure, and speed is measured, not asserted."""
    reports = [lighthouse(compressed_url + PHONE_STORY_URL, tmp_path / f"lighthouse-{n}.json") for n in (1, 2, 3)]
    for report in reports:
        runtime_error = report.get("runtimeError", {}).get("message")
        assert not runtime_error, f"lighthouse could not audit {PHONE_STORY_URL}: {runtime_error}"
    runs = [scores(report) for report in reports]
    got = {name: sorted(run.get(name, 0) for run in runs)[1] for name in PHONE_STORY_MINIMUM}
    lcp = statistics.median(r["audits"]["largest-contentful-paint"]["numericValue"] for r in reports)
    record_property("lighthouse", {"page": f"story, phone photos {PHONE_STORY_URL}", "scores": {**got, "LCP ms": round(lcp)}})
    print(f"Lighthouse story with phone photos: {got}, LCP {lcp:.0f} ms (goal ≤ {PHONE_STORY_LCP_GOAL_MS} ms)")
    middle = sorted(reports, key=lambda r: r["categories"]["performance"]["score"] or 0)[1]
    below = [f"  {name} {got.get(name, 0)} < {minimum}\n" + "\n".join(losing_audits(middle, name))
             for name, minimum in PHONE_STORY_MINIMUM.items() if got.get(name, 0) < minimum]
    if below:
        pytest.fail(f"Lighthouse on the story with phone photos {PHONE_STORY_URL}:\n" + "\n".join(below), pytrace=False)
