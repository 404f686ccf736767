"""What a build holds and lets go of (issue 23: peak memory): a planned page's Markdown is the
plan's string, not MkDocs' copy of it, and is let go of once converted (the page's, its file's and
the plan's); its HTML is held as UTF-8 until it is rendered, and let go of once MkDocs has written it. (The search index's counts: tests/search/test_search_index.py.)"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from projects import copy_small

pytestmark = pytest.mark.slow

# In a process of its own: MkDocs keeps a plugin that has on_startup for the rest of the process,
# and a build's plugin must not become the next test's serve session's.
WATCHED_BUILD = """
import json, sys
sys.path[:0] = [sys.argv[3]]
import support  # the engine under test
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin
from lantoa.engine.pages import PlannedPage


class Watch(BasePlugin):
    def __init__(self):
        self.with_body, self.pages, self.copied, self.as_str, self.markdown = [], [], [], [], []

    def on_env(self, env, *, config, files):  # every page converted, none rendered yet
        for file in files.documentation_pages():
            page = file.page
            if isinstance(page, PlannedPage) and page.body and not page.held_as_utf8:
                self.as_str.append(file.src_uri)
            if isinstance(page, PlannedPage) and page.body and (
                    page.markdown or file.content_string or not page.body.released):
                self.markdown.append(file.src_uri)
        return env

    def on_page_markdown(self, markdown, *, page, config, files):
        if isinstance(page, PlannedPage) and markdown and markdown is not page.file.content_string:
            self.copied.append(page.file.src_uri)
        return markdown

    def on_post_page(self, output, *, page, config):  # before Lan Tỏa's own, at priority -100
        if isinstance(page, PlannedPage):
            self.pages.append(page)
            if page.body and page.content:
                self.with_body.append(page.file.dest_uri)
        return output


config = load_config(config_file=sys.argv[1], site_dir=sys.argv[2])
watch = config.plugins["watch"] = Watch()
build(config)
print(json.dumps({"with_body": watch.with_body, "pages": len(watch.pages), "copied": watch.copied,
                  "as_str": watch.as_str, "markdown": watch.markdown, "kept": [p.file.src_uri for p in watch.pages
                                                   if p.markdown is not None or p.content is not None or p.kept is not None]}))
"""


def test_a_build_lets_go_of_each_planned_page_once_it_is_written(tmp_path):
    project = copy_small(tmp_path / "project")
    for index in sorted(project.glob("stories/*/*/*/index.md"))[::2]:  # a blank line after the front matter
        head, _, body = index.read_text(encoding="utf-8").partition("\n---\n")
        index.write_text(f"{head}\n---\n\n\n{body}", encoding="utf-8")
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-c", WATCHED_BUILD, str(project / "mkdocs.yml"), str(site), str(Path(__file__).parents[1])],
        capture_output=True, text=True, cwd=project, env=dict(os.environ, SOURCE_DATE_EPOCH="1767225600"))
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert len(seen["with_body"]) >= 3, f"pages with a body when written: {seen['with_body']}"
    assert seen["pages"] > len(seen["with_body"]) and seen["kept"] == [], f"still held: {seen['kept'][:5]}"
    assert seen["copied"] == [], f"bodies held twice while the pages render: {seen['copied'][:5]}"
    assert seen["as_str"] == [], f"HTML held as a str until rendered: {seen['as_str'][:5]}"
    assert seen["markdown"] == [], f"Markdown held once converted: {seen['markdown'][:5]}"
    for uri in seen["with_body"]:  # and each was written whole
        assert "</html>" in (site / uri).read_text(encoding="utf-8")
