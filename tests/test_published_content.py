"""Issue 19's loader codes, one test each (the bad-more fixture runs them all through the checker
and the build): what is read, what is refused, what is held back."""
from __future__ import annotations

import os
from pathlib import Path

from support import ROOT

from lantoa.load import load_corpus

MORE = ROOT / "tests" / "fixtures" / "bad-more"


def codes_for(part: str) -> set[str]:
    return {d.code for d in load_corpus(MORE).diagnostics if part in d.file}


def test_lt054_parent_cycle():
    assert "LT054" in codes_for("units.yml")


def test_lt055_successors_cycle():
    assert "LT055" in codes_for("units.yml")


def test_lt070_content_file_linking_out_of_the_project():
    assert codes_for("lien-ket-ra-ngoai") == {"LT070"}
    assert os.path.islink(MORE / "stories/people/2024/lien-ket-ra-ngoai/index.md")


def test_lt070_units_yml_linking_out(tmp_path):
    (tmp_path / "stories").mkdir()
    (tmp_path / "outside.yml").write_text("- key: x\n  name: X\n  level: xã\n", encoding="utf-8")
    project = tmp_path / "p"
    (project / "stories").mkdir(parents=True)
    os.symlink(tmp_path / "outside.yml", project / "stories" / "units.yml")
    corpus = load_corpus(project)
    assert [d.code for d in corpus.diagnostics] == ["LT070"] and not corpus.units.units


def test_lt071_attachments_off_the_allow_list():
    assert codes_for("campaigns/dinh-kem/index.md") == {"LT071"}


def test_lt073_links_to_a_draft_are_dropped():
    corpus = load_corpus(MORE)
    assert codes_for("noi-nhap") == {"LT073"} and codes_for("cap-tren-nhap") == {"LT073"}
    story = next(s for s in corpus.stories if s.slug == "noi-nhap")
    assert story.campaigns == () and "nhap" not in corpus.campaigns
    assert corpus.campaigns["cap-tren-nhap"].parent is None


def test_lt075_folder_name_without_letters():
    assert codes_for("🌸") == {"LT075"}
    assert "" not in {s.slug for s in load_corpus(MORE).stories}


def test_lt076_look_alike_files_and_folders_without_index():
    for part in ("ten-hoa/index.MD", "ten-dai/index.markdown", "ten-txt/index.md.txt", "chi-co-anh",
                 "dinh-kem/index.html"):
        assert codes_for(part) == {"LT076"}, part


def test_a_link_to_a_folder_inside_the_project_is_read(tmp_path):
    project = tmp_path / "p"
    source = MORE / "stories" / "people" / "2024" / "the-script"
    target = project / "stories" / "people" / "2024"
    target.mkdir(parents=True)
    (project / "stories" / "units.yml").write_text("- key: tinh\n  name: Thử\n  level: tỉnh\n", encoding="utf-8")
    (project / "ban-goc").mkdir()
    (project / "ban-goc" / "index.md").write_bytes((source / "index.md").read_bytes())
    os.symlink(Path("../../../ban-goc"), target / "lien-ket-trong")
    codes = {d.code for d in load_corpus(project).diagnostics}
    assert "LT070" not in codes and "LT013" not in codes


def test_the_checker_reads_the_plugin_options_with_the_builds_defaults():
    """Both take every option's default from options.DEFAULTS (MkDocs takes them as written): the
    names MkDocs knows are the ones with a default, and the project's defaults are among them."""
    from lantoa.engine.config import OPTION_NAMES
    from lantoa.options import DEFAULTS
    from lantoa.project import OPTION_DEFAULTS
    assert OPTION_NAMES == set(DEFAULTS) and OPTION_DEFAULTS.items() <= DEFAULTS.items()
