"""Gate 4: Lighthouse (mobile emulation, Debian's Chromium, offline) on home, a story, a campaign."""
from __future__ import annotations

import json
import os
import subprocess

import pytest

from quality_gates import CHROMIUM, node_tool, pick_page, section_page, serve

pytestmark = [pytest.mark.slow, pytest.mark.browser]

MINIMUM = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 100}
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
def compressed_url(example_site):
    """The example site served gzip-compressed, as a production host serves it."""
    base, server = serve(example_site, compress=True)
    yield base
    server.shutdown()


@pytest.mark.parametrize("kind", PAGES)
def test_lighthouse_scores(kind, example_site, compressed_url, tmp_path, record_property):
    """One run; when a score is under its minimum, two more and the median of the three
    (Lighthouse's own advice on run-to-run variance: performance moves with the machine's load)."""
    path = PAGES[kind](example_site)
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
