"""scripts/deploy against a real S3-compatible server (SeaweedFS on 127.0.0.1, see conftest.py):
every file of the example served with its type, cache and encoding headers; a second deploy of
the same site uploads nothing; after a one-story edit only the files that changed go up; a deploy
killed halfway never leaves a served page without its images; credentials never reach the output."""
from __future__ import annotations

import gzip
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from s3_server import KEY, SECRET, get
from projects import copy_small
from support import ROOT, mkdocs_build

pytestmark = pytest.mark.slow


def deploy(s3, site: Path, prefix: str, *extra: str, config: Path | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "lantoa.deploy.run", "--site", str(site), "--bucket", s3.bucket,
               "--prefix", prefix, "--endpoint", s3.endpoint, *(["--config", str(config)] if config else []), *extra]
    result = subprocess.run(command, capture_output=True, text=True, env=s3.env(), timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert_no_secret(result.stdout + result.stderr)
    return result


def assert_no_secret(output: str) -> None:
    assert SECRET not in output and KEY not in output


def uploaded(result) -> set[str]:
    return {line[2:] for line in result.stdout.splitlines() if line.startswith("↑ ")}


def count(result, what: str) -> int:
    return int(re.search(rf"(\d+) {what}", result.stdout.splitlines()[-1]).group(1))


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_example_is_served_with_types_and_cache_headers(example_site, s3):
    first = deploy(s3, example_site, "example", config=ROOT / "mkdocs.yml")
    local = files(example_site)
    assert count(first, "tệp") == len(local)
    for path, data in local.items():
        status, headers, raw = get(s3.url("example/", path))
        assert status == 200, path
        body = gzip.decompress(raw) if headers.get("content-encoding") == "gzip" else raw
        assert body == data, path
        assert_headers(path, headers)
    again = deploy(s3, example_site, "example", config=ROOT / "mkdocs.yml")
    assert "đã tải lên 0 tệp" in again.stdout.splitlines()[-1]
    assert count(again, "không đổi") == len(local)


def assert_headers(path: str, headers: dict[str, str]) -> None:
    """What a host must say, stated here independently of the deploy's own rules."""
    cache, kind = headers.get("cache-control", ""), headers.get("content-type", "")
    extension = path.rsplit(".", 1)[-1]
    expected = {"html": "text/html", "avif": "image/avif", "jpg": "image/jpeg", "webp": "image/webp",
                "css": "text/css", "js": "text/javascript", "json": "application/json", "svg": "image/svg+xml",
                "woff2": "font/woff2", "pdf": "application/pdf", "csv": "text/csv"}.get(extension)
    if path.endswith("rss.xml"):
        expected = "application/rss+xml"
    elif extension == "xml":
        expected = "application/xml"
    if expected:
        assert kind.startswith(expected), (path, kind)
    addressed = re.search(r"^(anh/[0-9a-f]{16}-\d+\.(avif|jpg|webp)|the-chia-se/[0-9a-f]{20}\.jpg)$", path)
    if addressed:
        assert cache == "public, max-age=31536000, immutable", (path, cache)
    if extension in {"html", "xml"} or path.endswith("search-index/meta.json"):
        assert cache == "public, max-age=300", (path, cache)
    if extension in {"html", "css", "js", "json", "xml", "svg"}:
        assert headers.get("content-encoding") == "gzip", path
    if extension in {"avif", "jpg", "webp", "woff2", "png", "pdf"}:
        assert "content-encoding" not in headers, path


def build(project: Path, site: Path) -> Path:
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def edit_title(project: Path, story: str, title: str) -> None:
    index = project / "stories" / "people" / story / "index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(re.sub(r"(?m)^title: .*$", f"title: {title}", text, count=1), encoding="utf-8")


def test_one_story_edit_uploads_only_what_changed(tmp_path, s3, s3_client):
    project = copy_small(tmp_path / "project")
    before = files(build(project, tmp_path / "v1"))
    deploy(s3, tmp_path / "v1", "small", config=project / "mkdocs.yml")
    edit_title(project, "2024/chi-an", "Chị An đổi tên bài")
    after_site = build(project, tmp_path / "v2")
    after = files(after_site)
    changed = {p for p, data in after.items() if before.get(p) != data}
    gone = set(before) - set(after)
    assert changed and len(changed) < len(after) / 2
    result = deploy(s3, after_site, "small", "--verbose", config=project / "mkdocs.yml")
    assert uploaded(result) == changed
    assert count(result, "không đổi") == len(after) - len(changed)
    listing = {o["Key"][len("small/"):] for page in s3_client.get_paginator("list_objects_v2").paginate(
        Bucket=s3.bucket, Prefix="small/") for o in page.get("Contents", ())}
    old_cards = {p for p in gone if p.startswith("the-chia-se/")}
    assert listing == set(after) | old_cards  # gone files deleted, but cards kept for card_retention
    for card in old_cards:  # a post shared before the edit still shows its picture
        assert get(s3.url("small/", card))[0] == 200


def linked_media(page_url: str, html: bytes, site_url: str, base: str) -> set[str]:
    """Every image a page shows or previews with: img src/srcset, source srcset, og:image, lightbox
    links; `site_url` (absolute URLs) is read as `base`, where the bucket serves the site."""
    soup = BeautifulSoup(html, "lxml")
    found = set()
    for tag in soup.find_all(["img", "source"]):
        for candidate in [tag.get("src")] + (tag.get("srcset") or "").split(","):
            if candidate and candidate.strip():
                found.add(urljoin(page_url, candidate.strip().split()[0]))
    for link in soup.select("a.glightbox[href]"):
        found.add(urljoin(page_url, link["href"]))
    for meta in soup.select('meta[property="og:image"]'):
        found.add(meta["content"].replace(site_url, base))
    return {u for u in found if urlparse(u).path.rsplit(".", 1)[-1] in {"avif", "jpg", "webp", "png"}}


def assert_every_page_has_its_images(s3, s3_client, prefix: str, site_url: str) -> int:
    keys = [o["Key"] for page in s3_client.get_paginator("list_objects_v2").paginate(
        Bucket=s3.bucket, Prefix=prefix) for o in page.get("Contents", ())]
    pages = [k for k in keys if k.endswith(".html")]
    for key in pages:
        url = f"{s3.endpoint}/{s3.bucket}/{key}"
        status, headers, raw = get(url)
        html = gzip.decompress(raw) if headers.get("content-encoding") == "gzip" else raw
        for media in linked_media(url, html, site_url, f"{s3.endpoint}/{s3.bucket}/{prefix}"):
            assert get(media)[0] == 200, (key, media)
    return len(pages)


def run_and_kill(s3, site: Path, prefix: str, config: Path, after_pages: int) -> str:
    """Start a deploy, kill it (SIGKILL) once `after_pages` HTML files are up."""
    command = [sys.executable, "-m", "lantoa.deploy.run", "--site", str(site), "--bucket", s3.bucket, "--prefix",
               prefix, "--endpoint", s3.endpoint, "--config", str(config), "--verbose", "--workers", "2"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=s3.env())
    seen, pages = [], 0
    for line in process.stdout:
        seen.append(line)
        pages += line.startswith("↑ ") and line.rstrip().endswith(".html")
        if pages >= after_pages:
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=60)
    assert pages >= after_pages, "".join(seen)
    return "".join(seen)


def test_killed_deploy_leaves_no_page_without_its_images(tmp_path, s3, s3_client):
    project = copy_small(tmp_path / "project")
    site_url = "https://example.org/thu/"
    deploy(s3, build(project, tmp_path / "v1"), "kill", config=project / "mkdocs.yml")
    photo = project / "stories" / "people" / "2024" / "chi-an" / "anh-1.jpg"
    from PIL import Image
    Image.new("RGB", (1400, 1000), (20, 120, 60)).save(photo, "JPEG")  # a new photo: new renditions
    edit_title(project, "2024/chi-an", "Chị An với ảnh mới")
    output = run_and_kill(s3, build(project, tmp_path / "v2"), "kill", project / "mkdocs.yml", after_pages=3)
    assert_no_secret(output)
    assert assert_every_page_has_its_images(s3, s3_client, "kill/", site_url) > 3


def test_killed_first_deploy_of_the_example(example_site, s3, s3_client):
    run_and_kill(s3, example_site, "cold", ROOT / "mkdocs.yml", after_pages=10)
    assert assert_every_page_has_its_images(s3, s3_client, "cold/", "https://phunu.langson.example.vn/") >= 10


def test_missing_credentials_say_so_without_a_traceback(tmp_path, s3):
    shutil.copytree(ROOT / "tests" / "fixtures" / "small" / "docs", tmp_path / "site")
    (tmp_path / "site" / "index.html").write_text("<p>x</p>")
    shutil.copy(ROOT / "tests" / "fixtures" / "small" / "mkdocs.yml", tmp_path)  # its card_retention, read first
    env = {k: v for k, v in s3.env().items() if k != "AWS_SECRET_ACCESS_KEY"}
    result = subprocess.run([sys.executable, "-m", "lantoa.deploy.run", "--site", str(tmp_path / "site"),
                             "--bucket", s3.bucket, "--endpoint", s3.endpoint], capture_output=True, text=True,
                            env=env)
    assert result.returncode == 2
    assert "AWS_SECRET_ACCESS_KEY" in result.stderr and "Traceback" not in result.stderr
    assert_no_secret(result.stdout + result.stderr)
