"""scripts/bench corpus [--n 1000] [--seed 1] [--photos] [--out bench-out/corpus-1000]

Writes one benchmark corpus of N stories as four projects over the same Markdown:
  lantoa/  mkdocs.yml + docs/ + stories/ (units.yml, campaigns, people/<year>/<slug>/index.md)
  blog/    stock mkdocs-material with its blog plugin (docs/blog/posts/*.md)
  plain/   plain MkDocs, the same bodies as pages kept out of the nav (the floor)
  hugo/    a Hugo site with two taxonomies (campaigns, units)
Deterministic: the same N, seed and --photos give byte-identical files.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # scripts/, when run on its own

from benchkit._generate import PROJECTS, PROVINCE, ROOT, Campaign, Corpus, Story, generate  # noqa: E402
from lantoa.text import format_date  # noqa: E402  (_generate put plugins/ on the path)

# ---- writing the four projects ------------------------------------------------------
def write(corpus: Corpus, out: Path) -> dict[str, Path]:
    """Write every project under `out` (replaced); returns {project: folder}."""
    if out.exists():
        shutil.rmtree(out)
    folders = {name: out / name for name in PROJECTS}
    write_lantoa(corpus, folders["lantoa"])
    write_blog(corpus, folders["blog"])
    write_plain(corpus, folders["plain"])
    write_hugo(corpus, folders["hugo"])
    return folders


def _put(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")


def _yaml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _yaml_list(values) -> str:
    return "[" + ", ".join(_yaml_str(v) for v in values) + "]"


MARKDOWN_EXTENSIONS = """markdown_extensions:
  - admonition
  - attr_list
  - toc:
      permalink: false
"""


def write_lantoa(corpus: Corpus, folder: Path) -> None:
    _put(folder / "mkdocs.yml", f"""site_name: Lan tỏa gương sáng — Hội LHPN tỉnh {PROVINCE}
site_url: https://phunu.example.vn/
theme:
  name: material
  language: vi
  font: false
plugins:
  - lantoa:
      union_name: Hội Liên hiệp Phụ nữ tỉnh {PROVINCE}
{MARKDOWN_EXTENSIONS}nav:
  - Trang chủ: index.md
  - Phong trào: phong-trao/index.md
  - Địa bàn: dia-ban/index.md
  - Lưu trữ: luu-tru/index.md
  - Giới thiệu: gioi-thieu.md
""")
    _put(folder / "docs" / "gioi-thieu.md", f"# Giới thiệu\n\nTrang của Hội LHPN tỉnh {PROVINCE} (dữ liệu thử).\n")
    _put(folder / "stories" / "units.yml", units_yaml(corpus.units))
    for campaign in corpus.campaigns:
        _put(folder / "stories" / "campaigns" / campaign.slug / "index.md", campaign_markdown(campaign))
    for story in corpus.stories:
        item = folder / "stories" / "people" / str(story.year) / story.slug
        _put(item / "index.md", story_markdown(story))
        for number, (file, _) in enumerate(story.photos):
            write_photo(item / file, corpus.seed, story.slug, number)


def units_yaml(units) -> str:
    lines = []
    for unit in units:
        lines += [f"- key: {unit.key}", f"  name: {unit.name}", f"  level: {unit.level}"]
        if unit.parent:
            lines.append(f"  parent: {unit.parent}")
        if unit.valid_from:
            lines.append(f"  valid_from: {unit.valid_from.isoformat()}")
        if unit.valid_to:
            lines.append(f"  valid_to: {unit.valid_to.isoformat()}")
        if unit.successors:
            lines.append(f"  successors: [{', '.join(unit.successors)}]")
    return "\n".join(lines) + "\n"


def campaign_markdown(campaign: Campaign) -> str:
    lines = ["---", f"title: {_yaml_str(campaign.title)}", f"kind: {campaign.kind}", f"level: {campaign.level}",
             f"issuer: {_yaml_str(campaign.issuer)}", f"start: {campaign.start.isoformat()}"]
    if campaign.end:
        lines.append(f"end: {campaign.end.isoformat()}")
    lines.append("criteria:")
    for cid, name in campaign.criteria:
        lines += [f"  - id: {cid}", f"    name: {_yaml_str(name)}"]
    lines += [f"summary: {_yaml_str('Phát động ' + campaign.kind + ' «' + campaign.title + '».')}", "---", "",
              f"{campaign.issuer} phát động {campaign.kind} «{campaign.title}» từ ngày "
              f"{format_date(campaign.start)}.", ""]
    return "\n".join(lines)


def story_markdown(story: Story) -> str:
    lines = ["---", f"title: {_yaml_str(story.title)}", f"subject: {_yaml_str(story.subject)}",
             f"subject_kind: {story.subject_kind}", f"unit: {_yaml_str(story.unit_written)}",
             f"date: {story.date.isoformat()}", f"campaigns: [{', '.join(story.campaigns)}]",
             f"criteria: [{', '.join(story.criteria)}]"]
    if story.photos:
        lines.append("photos:")
        for file, caption in story.photos:
            lines += [f"  - file: {file}", f"    caption: {_yaml_str(caption)}", "    credit: Phóng viên"]
    lines += [f"summary: {_yaml_str(story.summary)}", f"byline: {_yaml_str(story.byline)}"]
    if story.tags:
        lines.append(f"tags: {_yaml_list(story.tags)}")
    if story.featured:
        lines.append("featured: true")
    return "\n".join(lines + ["---", "", story.body])


def _peer_body(story: Story, separator: str = "") -> str:
    """The same Markdown for the MkDocs peers: a title, the sapo, then the body."""
    return f"# {story.title}\n\n{story.summary}\n\n{separator}{story.body}"


def _categories(corpus: Corpus, story: Story) -> list[str]:
    titles = {c.slug: c.title for c in corpus.campaigns}
    return [titles[s] for s in story.campaigns] + [corpus.unit(story.unit).label]


def write_blog(corpus: Corpus, folder: Path) -> None:
    _put(folder / "mkdocs.yml", f"""site_name: Blog — Hội LHPN tỉnh {PROVINCE}
site_url: https://phunu.example.vn/
theme:
  name: material
  language: vi
  font: false
plugins:
  - blog:
      blog_dir: blog
      pagination_per_page: 24
{MARKDOWN_EXTENSIONS}nav:
  - Trang chủ: index.md
  - Tin bài: blog/index.md
""")
    _put(folder / "docs" / "index.md", f"# Hội LHPN tỉnh {PROVINCE}\n\nGương điển hình (dữ liệu thử).\n")
    _put(folder / "docs" / "blog" / "index.md", "# Tin bài\n")
    _put(folder / "docs" / "blog" / ".authors.yml",
         "authors:\n  bientap:\n    name: Ban biên tập\n    description: Hội LHPN tỉnh\n"
         "    avatar: https://phunu.example.vn/logo.png\n")
    for story in corpus.stories:
        front = ["---", "date:", f"  created: {story.date.isoformat()}", "categories:",
                 *[f"  - {_yaml_str(c)}" for c in _categories(corpus, story)],
                 "authors:", "  - bientap", f"slug: {story.slug}", "---", ""]
        _put(folder / "docs" / "blog" / "posts" / f"{story.year}-{story.slug}.md",
             "\n".join(front) + _peer_body(story, "<!-- more -->\n\n"))


def write_plain(corpus: Corpus, folder: Path) -> None:
    _put(folder / "mkdocs.yml", f"""site_name: Trang thường — Hội LHPN tỉnh {PROVINCE}
site_url: https://phunu.example.vn/
theme:
  name: material
  language: vi
  font: false
plugins: []
{MARKDOWN_EXTENSIONS}nav:
  - Trang chủ: index.md
not_in_nav: |
  /stories/
""")
    _put(folder / "docs" / "index.md", f"# Hội LHPN tỉnh {PROVINCE}\n\nGương điển hình (dữ liệu thử).\n")
    for story in corpus.stories:
        _put(folder / "docs" / "stories" / str(story.year) / f"{story.slug}.md", _peer_body(story))


HUGO_BASEOF = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><header><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header><main>{{ block "main" . }}{{ end }}</main>
</body></html>
"""
HUGO_SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Date.Format "2/1/2006" }}</p>
<p>{{ range .GetTerms "campaigns" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}
{{ range .GetTerms "units" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
{{ .Content }}</article>{{ end }}
"""
HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
{{ $pager := .Paginate .Pages }}<ul>{{ range $pager.Pages }}
<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ .Date.Format "2/1/2006" }}<p>{{ .Params.summary }}</p></li>
{{ end }}</ul>
{{ with $pager.Prev }}<a href="{{ .URL }}">Trang trước</a>{{ end }}
{{ with $pager.Next }}<a href="{{ .URL }}">Trang sau</a>{{ end }}{{ end }}
"""


def write_hugo(corpus: Corpus, folder: Path) -> None:
    _put(folder / "hugo.toml", f"""baseURL = "https://phunu.example.vn/"
languageCode = "vi"
title = "Hội LHPN tỉnh {PROVINCE}"

[taxonomies]
campaign = "campaigns"
unit = "units"

[pagination]
pagerSize = 24
""")
    _put(folder / "layouts" / "_default" / "baseof.html", HUGO_BASEOF)
    _put(folder / "layouts" / "_default" / "single.html", HUGO_SINGLE)
    _put(folder / "layouts" / "_default" / "list.html", HUGO_LIST)
    _put(folder / "content" / "_index.md", "---\ntitle: Trang chủ\n---\n")
    titles = {c.slug: c.title for c in corpus.campaigns}
    for story in corpus.stories:
        front = ["---", f"title: {_yaml_str(story.title)}", f"date: {story.date.isoformat()}",
                 f"campaigns: {_yaml_list(titles[s] for s in story.campaigns)}",
                 f"units: {_yaml_list([corpus.unit(story.unit).label])}",
                 f"summary: {_yaml_str(story.summary)}", f"slug: {story.slug}", "---", ""]
        _put(folder / "content" / "stories" / str(story.year) / f"{story.slug}.md",
             "\n".join(front) + story.body)


def write_photo(path: Path, seed: int, slug: str, number: int) -> None:
    """A small JPEG (640×480: sky, hills, a sun) drawn from the seed, so reruns give the same bytes."""
    from PIL import Image, ImageDraw

    rng = random.Random(f"{seed}/{slug}/{number}")
    image = Image.new("RGB", (640, 480), tuple(rng.randint(120, 230) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for layer in range(3):
        top = 200 + layer * 70 + rng.randint(-30, 30)
        colour = (rng.randint(20, 90), rng.randint(90, 170), rng.randint(20, 90))
        draw.polygon([(0, 480), (0, top), (rng.randint(150, 490), top - rng.randint(40, 120)), (640, top),
                      (640, 480)], fill=colour)
    x, y = rng.randint(60, 580), rng.randint(40, 140)
    draw.ellipse((x - 30, y - 30, x + 30, y + 30), fill=(250, 220, 90))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=80)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench corpus", description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of stories (default 1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--photos", action="store_true", help="give each story one or two small JPEGs")
    parser.add_argument("--out", type=Path, default=None, help="folder to write (default bench-out/corpus-N)")
    args = parser.parse_args(argv)
    out = args.out or ROOT / "bench-out" / f"corpus-{args.n}"
    folders = write(generate(args.n, args.seed, args.photos), out)
    for name, folder in folders.items():
        print(f"{name:7} {folder}")
    return 0
