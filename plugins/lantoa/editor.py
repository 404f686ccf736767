"""The web editor's configuration (Decap CMS `config.yml`), made from the schema.

Generated at build time, because the unit and campaign pickers list what the
registries hold today: the adapter serves `config_yaml(...)` as `admin/config.yml`, and
`index_html(...)` as `admin/index.html` (with a Content-Security-Policy naming the backend).

Decap itself is served from the site (`admin/decap/`), never from a CDN: the files of the npm
package pinned in package.json / package-lock.json are vendored as one xz archive
(`vendor/decap-cms-<version>.tar.xz`, made by `scripts/vendor-decap`), unpacked once into the
cache and copied into the site by the build, so the editor works where a CDN is slow or blocked.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import lzma
import re
import tarfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import markupsafe
import yaml

from . import text
from .model import Corpus
from .project import STORIES_DIR
from .schema import KIND_LABELS, KINDS, Field

CONFIG_URI = "admin/config.yml"
INDEX_URI = "admin/index.html"
DECAP_URI = "admin/decap/"
DECAP_VERSION = "3.16.3"  # = package.json's decap-cms pin (a test compares them)
VENDOR = Path(__file__).parent / "vendor"
# Collection name → (schema kind, folder under stories/, path of an entry inside it).
COLLECTIONS = {
    "stories": ("story", "people", "{{year}}/{{slug}}/index"),
    "news": ("news", "news", "{{year}}/{{slug}}/index"),
    "campaigns": ("campaign", "campaigns", "{{slug}}/index"),
}
BODY = {"name": "body", "label": "Nội dung", "widget": "markdown",
        "hint": "Thân bài: các đoạn văn, có thể có tiêu đề nhỏ. Sapo viết ở ô riêng phía trên."}
_DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "DD/MM/YYYY", "time_format": False,
         "picker_utc": True}


def backend(repo_url: str | None, branch: str = "main") -> dict[str, Any]:
    """GitHub or GitLab from the site's `repo_url`; Git Gateway when none is set."""
    match = re.match(r"^https?://([^/]+)/(.+?)(?:\.git)?/?$", repo_url or "")
    if not match:
        return {"name": "git-gateway", "branch": branch}
    host, repo = match.groups()
    if host == "github.com":
        return {"name": "github", "repo": repo, "branch": branch}
    out = {"name": "gitlab", "repo": repo, "branch": branch}
    if host != "gitlab.com":
        out["api_root"] = f"https://{host}/api/v4"
        out["base_url"] = f"https://{host}"
    return out


class _Options:
    """Picker options fed by the registries of one corpus."""

    def __init__(self, corpus: Corpus, today: dt.date | None = None):
        units, today = corpus.units, today or dt.date.today()
        # Places that exist today first (what a new story names), then the abolished and the future ones.
        self.units = [{"label": _unit_label(units, u), "value": u.key}
                      for u in sorted(units.units.values(),
                                      key=lambda u: (not u.exists_on(today), text.sort_key(units.full_label(u.key))))]
        campaigns = sorted(corpus.campaigns.values(), key=lambda c: text.sort_key(c.title))
        self.campaigns = [{"label": c.title, "value": c.slug} for c in campaigns]
        criteria: dict[str, list[str]] = {}
        names: dict[str, str] = {}
        for campaign in campaigns:
            for criterion in campaign.criteria:
                criteria.setdefault(criterion.id, []).append(campaign.title)
                names.setdefault(criterion.id, criterion.name)
        self.criteria = [{"label": f"{names[i]} ({'; '.join(titles)})", "value": i}
                         for i, titles in sorted(criteria.items())]

    def widget(self, field: Field) -> dict[str, Any]:
        kind = field.type
        if kind in ("unit", "units", "campaign", "campaigns", "criteria"):
            options = {"unit": self.units, "units": self.units, "campaign": self.campaigns,
                       "campaigns": self.campaigns, "criteria": self.criteria}[kind]
            if not options:  # an empty registry: a select with no options is invalid
                return {"widget": "list"} if kind.endswith("s") else {"widget": "string"}
            multiple = kind in ("units", "campaigns", "criteria")
            return {"widget": "select", "options": options, "multiple": multiple,
                    **({"min": 1} if multiple and field.required else {})}
        if kind == "records":
            return {"widget": "list", "fields": [self.field(f) for f in field.fields],
                    "summary": "{{fields." + field.fields[1].name + "}}"}
        if kind == "file":
            return _file_widget(field)
        if kind == "choice":
            return {"widget": "select", "options": list(field.choices)}
        if kind == "bool":
            return {"widget": "boolean", "default": bool(field.default)}
        if kind == "date":
            return dict(_DATE)
        return {"widget": {"string": "string", "text": "text", "strings": "list"}[kind]}

    def field(self, field: Field) -> dict[str, Any]:
        return {"name": field.name, "label": field.label, "required": field.required, "hint": field.help,
                **self.widget(field)}


def _file_widget(field: Field) -> dict[str, Any]:
    if field.name == "cover":  # a name among the photos already added, not a new upload
        return {"widget": "string"}
    if field.name == "file" and field.example and field.example.endswith(".jpg"):
        return {"widget": "image", "choose_url": False}
    return {"widget": "file", "choose_url": False}


def _unit_label(units, unit) -> str:
    label = units.full_label(unit.key)
    if unit.valid_to:
        return f"{label} (đến {text.format_date(unit.valid_to)})"
    if unit.valid_from:
        return f"{label} (từ {text.format_date(unit.valid_from)})"
    return label


def collection(name: str, options: _Options) -> dict[str, Any]:
    kind, folder, path = COLLECTIONS[name]
    return {
        "name": name, "label": KIND_LABELS[kind], "label_singular": KIND_LABELS[kind].lower(),
        "folder": f"{STORIES_DIR}/{folder}", "path": path, "extension": "md", "format": "frontmatter",
        "create": True, "slug": "{{slug}}", "identifier_field": "title", "summary": "{{title}}",
        # Photos are saved beside the entry's index.md and written as bare file names.
        "media_folder": "", "public_folder": "",
        "fields": [options.field(f) for f in KINDS[kind]] + [dict(BODY)],
    }


def config(corpus: Corpus, repo_url: str | None = None, branch: str = "main", site_url: str = "",
           today: dt.date | None = None) -> dict:
    options = _Options(corpus, today)
    out: dict[str, Any] = {
        "backend": backend(repo_url, branch),
        "publish_mode": "editorial_workflow",  # every save is a pull/merge request, reviewed before publishing
        "local_backend": True,  # only used on localhost, with `npx decap-server`
        # The form alone, full width: a 412 px phone has no room for the preview beside it.
        "editor": {"preview": False},
        "locale": "vi",
        "media_folder": f"{STORIES_DIR}/media",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [collection(name, options) for name in COLLECTIONS],
    }
    if site_url:
        out["site_url"] = site_url
        out["display_url"] = site_url
    return out


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml's emitter: same text, 5× faster
    def ignore_aliases(self, data) -> bool:  # shared option lists written out in full, no &id001
        return True


def config_yaml(corpus: Corpus, repo_url: str | None = None, branch: str = "main", site_url: str = "",
                today: dt.date | None = None) -> str:
    """The text of admin/config.yml."""
    head = "# Sinh tự động bởi Lan Tỏa (plugins/lantoa/editor.py) từ schema và danh mục; đừng sửa tay.\n"
    return head + yaml.dump(config(corpus, repo_url, branch, site_url, today), Dumper=_Dumper, allow_unicode=True,
                            sort_keys=False, width=1000)


# ---------------------------------------------------------------- Decap, from the site itself

def decap_archive() -> Path:
    return VENDOR / f"decap-cms-{DECAP_VERSION}.tar.xz"


def decap_files_in(dist: Path) -> list[Path]:
    """What the browser loads from the package's dist/: the bundle, its lazily loaded chunks and
    WebAssembly, the licence (not the source maps, nor the same bundle again as cms.js)."""
    keep = re.compile(r"^(decap-cms\.js|\d+\.decap-cms\.js|[0-9a-f]+\.wasm|decap-cms\.js\.LICENSE\.txt)$")
    return sorted(p for p in dist.iterdir() if p.is_file() and keep.match(p.name))


# Decap's bundle, changed where it would evaluate strings as code, so that /admin/ runs under a
# Content-Security-Policy without 'unsafe-eval'. Each anchor is in the pinned bundle exactly once.
BUNDLE_CHANGES = (
    # Its config check (AJV) compiles JSON schemas into functions with `new Function`, from the
    # constructor on. The config is made by this build from the schema; the tests run Decap's own,
    # unchanged check on it (tests/discovery/test_web_editor.py).
    ("!function(e){const t=new(nl())({allErrors:!0,$data:!0,strict:!1});",
     "!function(e){return;const t=new(nl())({allErrors:!0,$data:!0,strict:!1});"),
    # @iarna/toml looks for Node's util.inspect with eval, in a try; in a browser it always fails
    # there (no `require`) and the library falls back to "inspect", as it still does.
    ("const utilInspect=eval(\"require('util').inspect\");", "const utilInspect=void 0;"),
)
BUNDLE = "decap-cms.js"


def without_eval(bundle: str) -> str:
    """The bundle with BUNDLE_CHANGES made; a ValueError names an anchor not found exactly once
    (a new Decap version: find its equivalent before bumping the pin)."""
    for anchor, replacement in BUNDLE_CHANGES:
        if bundle.count(anchor) != 1:
            raise ValueError(f"{BUNDLE}: {anchor!r} found {bundle.count(anchor)} times, not once")
        bundle = bundle.replace(anchor, replacement)
    return bundle


def decap_files(cache_dir: Path) -> dict[str, Path]:
    """Site URI (admin/decap/…) → file: the vendored archive, unpacked once into `cache_dir`.
    Empty when the archive is missing (the page then says, in Vietnamese, that the editor could
    not load)."""
    archive = decap_archive()
    if not archive.is_file():
        return {}
    folder = Path(cache_dir) / f"decap-cms-{DECAP_VERSION}"
    done = folder / ".unpacked"
    stamp = f"{DECAP_VERSION} {hashlib.sha256(repr(BUNDLE_CHANGES).encode()).hexdigest()[:12]}"
    if not done.is_file() or done.read_text() != stamp:
        folder.mkdir(parents=True, exist_ok=True)
        with tarfile.open(fileobj=io.BytesIO(lzma.decompress(archive.read_bytes()))) as tar:
            for member in tar.getmembers():
                name = Path(member.name).name  # flat: no path from the archive is trusted
                if member.isfile() and name == member.name:
                    data = tar.extractfile(member).read()
                    if name == BUNDLE:
                        data = without_eval(data.decode("utf-8")).encode("utf-8")
                    (folder / name).write_bytes(data)
        done.write_text(stamp)
    return {DECAP_URI + p.name: p for p in sorted(folder.iterdir()) if p.is_file() and p.name != done.name}


def content_security_policy(backend_config: dict[str, Any]) -> str:
    """Scripts from the site alone: no inline script, no eval (see BUNDLE_CHANGES), no CDN, no
    plugins, no <base>. WebAssembly from the site may compile ('wasm-unsafe-eval' runs no string
    as script). Inline styles stay allowed: Decap's components write theirs at run time (emotion).
    Connections go to the site, the Git host's API and, on a staff member's own machine,
    decap-server."""
    hosts = {"github": ["https://api.github.com"], "gitlab": ["https://gitlab.com"]}.get(backend_config["name"], [])
    for key in ("api_root", "base_url"):
        if backend_config.get(key):
            parts = urlsplit(backend_config[key])
            hosts.append(f"{parts.scheme}://{parts.netloc}")
    connect = " ".join(["'self'", *dict.fromkeys(hosts), "http://localhost:8081"])
    return "; ".join([
        "default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob: https:", "font-src 'self' data:",
        f"connect-src {connect}", "media-src 'self' blob: https:", "frame-src 'self' blob:",
        "worker-src 'self' blob:", "object-src 'none'", "base-uri 'none'", "form-action 'self'",
    ])


def index_html(repo_url: str | None = None, branch: str = "main", site_name: str = "Lan Tỏa") -> str:
    """The editor's page: Decap from admin/decap/, the Vietnamese message when it cannot load
    (admin/editor.js), nothing inline, under a Content-Security-Policy."""
    e = markupsafe.escape
    csp = content_security_policy(backend(repo_url, branch))
    return f"""<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="Content-Security-Policy" content="{e(csp)}">
  <meta name="referrer" content="same-origin">
  <!-- The editor is for staff only: never indexed, never in the sitemap or the site's search. -->
  <meta name="robots" content="noindex, nofollow">
  <title>Soạn bài — {e(site_name)}</title>
  <!-- Made at build time by plugins/lantoa/editor.py from the schema and the registries. -->
  <link href="config.yml" type="text/yaml" rel="cms-config-url">
  <link rel="stylesheet" href="editor.css">
</head>
<body>
  <noscript>Trang soạn bài cần bật JavaScript. Bạn vẫn có thể viết bài theo hướng dẫn ở trang «Hướng dẫn viết bài».</noscript>
  <div id="lt-editor-failed" class="lt-editor-failed" role="alert" hidden>
    <h1>Không tải được trình soạn bài</h1>
    <p>Trang soạn bài (Decap CMS {e(DECAP_VERSION)}, nằm ngay trên trang web này) không tải được: mạng chập
       chờn làm tệp tải về bị lỗi, hoặc trình duyệt đã quá cũ.</p>
    <p>Hãy tải lại trang. Trong lúc chờ, bạn vẫn viết bài được bằng tệp Markdown theo
       <a href="../huong-dan/">Hướng dẫn viết bài</a>.</p>
  </div>
  <script src="editor.js"></script>
  <script src="decap/decap-cms.js"></script>
</body>
</html>
"""
