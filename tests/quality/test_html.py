"""Gate 1: every page of the example site is valid HTML for the current Nu HTML Checker."""
from __future__ import annotations

import json
import subprocess

import pytest

from quality_gates import html_files, node_tool

MAX_LISTED = 50


def vnu_errors(site) -> list[dict]:
    """Errors the Nu HTML Checker reports on every HTML file under site."""
    jar = node_tool("vnu-jar/build/dist/vnu.jar")
    result = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", "--format", "json", "--skip-non-html", str(site)],
        capture_output=True, text=True)
    report = json.loads(result.stderr or result.stdout)
    assert result.returncode in (0, 1), result.stderr
    errors = [m for m in report["messages"] if m["type"] in ("error", "non-document-error")]
    return sorted(errors, key=lambda m: (m.get("url", ""), m.get("lastLine", 0)))


def describe(site, message: dict) -> str:
    where = message.get("url", "").removeprefix("file:").removeprefix(str(site) + "/")
    return f"{where}:{message.get('lastLine', '?')}: {message['message']}"


def test_every_page_is_valid_html(example_site):
    assert html_files(example_site), "the built site has no HTML pages"
    errors = vnu_errors(example_site)
    listed = "\n".join(describe(example_site, m) for m in errors[:MAX_LISTED])
    more = f"\n… and {len(errors) - MAX_LISTED} more" if len(errors) > MAX_LISTED else ""
    if errors:
        pytest.fail(f"{len(errors)} HTML errors (Nu HTML Checker):\n{listed}{more}", pytrace=False)
