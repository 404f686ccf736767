"""The web editor's config is the schema: every field, nothing else; pickers fed by the registries."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest
import yaml
from authoring_helpers import ROOT, SMALL

from lantoa import editor
from lantoa.load import load_corpus
from lantoa.schema import KINDS


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(SMALL)


@pytest.fixture(scope="module")
def config(corpus):
    return yaml.safe_load(editor.config_yaml(corpus, "https://github.com/hoi-lhpn/lan-toa", site_url="https://x.vn/"))


def names(fields) -> list[str]:
    return [f["name"] for f in fields]


@pytest.mark.parametrize("collection, kind", [("stories", "story"), ("news", "news"), ("campaigns", "campaign")])
def test_every_schema_field_and_nothing_else(config, collection, kind):
    found = {c["name"]: c for c in config["collections"]}[collection]
    schema = KINDS[kind]
    assert names(found["fields"]) == [f.name for f in schema] + ["body"]
    for field, entry in zip(schema, found["fields"]):
        assert entry["required"] == field.required and entry["label"] == field.label
        if field.type == "records":
            assert names(entry["fields"]) == [f.name for f in field.fields]
            assert [e["required"] for e in entry["fields"]] == [f.required for f in field.fields]
        if field.choices:
            assert entry["options"] == list(field.choices)


def test_only_the_three_collections(config):
    assert [c["name"] for c in config["collections"]] == ["stories", "news", "campaigns"]
    folders = [c["folder"] for c in config["collections"]]
    assert folders == ["stories/people", "stories/news", "stories/campaigns"]


def test_pickers_list_the_registries(config, corpus):
    stories = {f["name"]: f for f in config["collections"][0]["fields"]}
    assert stories["unit"]["widget"] == "select" and stories["unit"]["multiple"] is False
    assert sorted(o["value"] for o in stories["unit"]["options"]) == sorted(corpus.units.units)
    assert {o["label"] for o in stories["unit"]["options"]} >= {"huyện Mỹ Tú (đến 30/6/2025)", "xã Mỹ Tú (từ 1/7/2025)"}
    assert sorted(o["value"] for o in stories["campaigns"]["options"]) == sorted(corpus.campaigns)
    assert stories["campaigns"]["multiple"] is True and stories["campaigns"]["min"] == 1
    criteria = {c.id for campaign in corpus.campaigns.values() for c in campaign.criteria}
    assert {o["value"] for o in stories["criteria"]["options"]} == criteria
    news = {f["name"]: f for f in config["collections"][1]["fields"]}
    assert news["units"]["multiple"] is True


def test_photos_saved_beside_the_entry_and_editorial_workflow(config):
    assert config["publish_mode"] == "editorial_workflow" and config["locale"] == "vi"
    for collection in config["collections"]:
        assert collection["media_folder"] == "" and collection["public_folder"] == ""
        assert collection["path"].endswith("{{slug}}/index")
    photos = {f["name"]: f for f in config["collections"][0]["fields"]}["photos"]
    assert photos["fields"][0]["widget"] == "image"
    assert config["slug"]["encoding"] == "ascii" and config["slug"]["clean_accents"] is True


@pytest.mark.parametrize("url, expected", [
    ("https://github.com/hoi-lhpn/lan-toa", {"name": "github", "repo": "hoi-lhpn/lan-toa", "branch": "main"}),
    ("https://gitlab.com/hoi/lan-toa.git", {"name": "gitlab", "repo": "hoi/lan-toa", "branch": "main"}),
    ("https://git.langson.vn/hoi/web/", {"name": "gitlab", "repo": "hoi/web", "branch": "main",
                                         "api_root": "https://git.langson.vn/api/v4",
                                         "base_url": "https://git.langson.vn"}),
    (None, {"name": "git-gateway", "branch": "main"}),
])
def test_backend_from_repo_url(url, expected):
    assert editor.backend(url) == expected


def test_generated_text_is_plain_yaml(corpus):
    text = editor.config_yaml(corpus)
    assert "&id" not in text and "*id" not in text
    assert editor.config_yaml(corpus) == text  # deterministic


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts, self.meta = [], {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts.append(attrs)
        if tag == "meta" and "name" in attrs:
            self.meta[attrs["name"]] = attrs.get("content")


def test_admin_page_loads_only_the_editor_from_the_site():
    parser = _Scripts()
    parser.feed(editor.index_html("https://github.com/hoi-lhpn/lan-toa"))
    assert parser.meta["robots"] == "noindex, nofollow"
    # Decap from the site itself (admin/decap/, vendored from the pinned npm package), the page's own
    # script first (it reports a failed load): nothing from a CDN, nothing inline.
    assert [s.get("src") for s in parser.scripts] == ["editor.js", "decap/decap-cms.js"]
    assert editor.decap_archive().is_file() and editor.DECAP_VERSION.count(".") == 2  # an exact version
    assert not (ROOT / "docs/admin/config.yml").exists()  # generated at build time, never committed


def test_current_places_come_before_abolished_ones(corpus):
    import datetime as dt
    options = editor._Options(corpus, dt.date(2026, 1, 1)).units
    current = [corpus.units.units[o["value"]].exists_on(dt.date(2026, 1, 1)) for o in options]
    assert True in current and False in current
    assert current == sorted(current, reverse=True), "an abolished place is listed before a current one"


@pytest.mark.browser
def test_admin_page_says_in_vietnamese_when_decap_cannot_load(page, tmp_path):
    (tmp_path / "index.html").write_text(editor.index_html(), encoding="utf-8")
    (tmp_path / "editor.js").write_bytes((ROOT / "docs/admin/editor.js").read_bytes())  # no decap/ beside it
    page.goto((tmp_path / "index.html").as_uri())
    alert = page.locator("#lt-editor-failed")
    alert.wait_for(state="visible", timeout=15_000)
    assert "Không tải được trình soạn bài" in alert.inner_text()
