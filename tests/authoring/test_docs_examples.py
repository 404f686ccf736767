"""Every front-matter example in the staff guide (docs/**/*.md) and every example the scaffolder's
prompts show uses codes that exist in the example site: each example is written as an item of a
copy of the example project and `scripts/check` must find nothing wrong with it."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from projects import photo

from lantoa.load import load_corpus
from lantoa.schema import KINDS

ROOT = Path(__file__).resolve().parents[2]
FENCE = re.compile(r"^```(?:yaml|markdown|md)\n(.*?)^```", re.M | re.S)


def examples() -> list[tuple[str, str]]:
    found = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for number, block in enumerate(FENCE.findall(page.read_text(encoding="utf-8")), 1):
            found.append((f"{page.relative_to(ROOT).as_posix()}#{number}", block))
    return found


FRONT_MATTER = [(name, block) for name, block in examples() if block.startswith("---\n")]
UNIT_BLOCKS = [(name, block) for name, block in examples() if block.lstrip().startswith("- key:")]


def test_the_guide_has_examples():
    assert len(FRONT_MATTER) >= 4 and UNIT_BLOCKS


def kind_of(data: dict) -> str:
    if "issuer" in data or "level" in data:
        return "campaign"
    return "story" if "subject" in data else "news"


@pytest.mark.parametrize("name,block", FRONT_MATTER, ids=[n for n, _ in FRONT_MATTER])
def test_front_matter_example_passes_the_checker(name, block, tmp_path):
    project = tmp_path / "site"
    shutil.copytree(ROOT / "stories", project / "stories", ignore=shutil.ignore_patterns("*.jpg", "*.jpeg"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    head, _, body = block[4:].partition("\n---")
    data = yaml.safe_load(head)
    kind = kind_of(data)
    text = block if body.strip() else block.rstrip("\n") + "\n\nNội dung bài viết.\n"
    date = str(data.get("date") or "")
    year = re.search(r"\d{4}", date).group(0) if kind != "campaign" else ""
    folder = {"campaign": "campaigns/vi-du", "story": f"people/{year}/vi-du", "news": f"news/{year}/vi-du"}[kind]
    index = project / "stories" / folder / "index.md"
    index.parent.mkdir(parents=True)
    index.write_text(text, encoding="utf-8")
    for entry in data.get("photos") or ():
        photo(index.parent / entry["file"], (1200, 900))
    for entry in data.get("attachments") or ():  # the signed document the example names, beside it
        (index.parent / entry["file"]).write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    done = subprocess.run([sys.executable, "-m", "lantoa.check", str(index)], cwd=project,
                          capture_output=True, text=True)
    said = done.stdout + done.stderr
    assert done.returncode == 0 and "LT0" not in done.stdout and "LT1" not in done.stdout, f"{name}:\n{said}"


@pytest.mark.parametrize("name,block", UNIT_BLOCKS, ids=[n for n, _ in UNIT_BLOCKS])
def test_unit_examples_name_existing_units(name, block):
    known = set(load_corpus(ROOT).units.units)
    entries = yaml.safe_load(block)
    defined = {e["key"] for e in entries}
    for entry in entries:
        for code in [entry.get("parent"), *(entry.get("successors") or ())]:
            assert code is None or code in known | defined, f"{name}: «{code}» is no unit of the example site"


def test_scaffolder_examples_exist_in_the_example_site():
    corpus = load_corpus(ROOT)
    criteria = {c.id for campaign in corpus.campaigns.values() for c in campaign.criteria}
    for kind, fields in KINDS.items():
        for field in fields:
            values = field.example if isinstance(field.example, list) else [field.example]
            for value in values if field.example is not None else ():
                if field.type in ("unit", "units"):
                    assert corpus.units.resolve(value)[0] is not None, (kind, field.name, value)
                elif field.type in ("campaign", "campaigns"):
                    assert value in corpus.campaigns, (kind, field.name, value)
                elif field.type == "criteria":
                    assert value in criteria, (kind, field.name, value)
