"""The tools' command lines answer in Vietnamese, and refuse numbers out of range (found by fuzzing:
`scripts/new stori`, `--format xml`, `--years abc` were argparse's English; `prune-cards --years -1`
deleted cards used five weeks before, `--years 5000` was a traceback)."""
from __future__ import annotations

import pytest

from lantoa import check, scaffold
from lantoa.cards.prune import main as prune_main


@pytest.mark.parametrize("tool, argv, said", [
    (scaffold.main, ["stori"], "không có «stori»; chọn một trong: story, news, campaign"),
    (check.main, ["--format", "xml"], "không có «xml»"),
    (check.main, ["--khong-co"], "không hiểu: --khong-co"),
    (prune_main, ["--years", "abc"], "cần một số nguyên, không phải «abc»"),
    (prune_main, ["--years", "-1"], "cần một số từ 0 đến 100"),
    (prune_main, ["--years", "5000"], "cần một số từ 0 đến 100"),
])
def test_a_wrong_argument_is_said_in_vietnamese(tool, argv, said, capsys):
    with pytest.raises(SystemExit) as ended:
        tool(argv)
    err = capsys.readouterr().err
    assert ended.value.code == 2 and said in err and "cách dùng:" in err
    assert "invalid" not in err and "usage:" not in err and "Traceback" not in err


def test_prune_without_a_built_site_says_so(tmp_path, capsys):
    (tmp_path / "stories").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Thử\n", encoding="utf-8")
    assert prune_main([str(tmp_path)]) == 2
    assert "scripts/site" in capsys.readouterr().err and not (tmp_path / ".cache").exists()


def test_the_deploy_speaks_vietnamese_too(capsys):
    from lantoa.deploy.run import arguments
    with pytest.raises(SystemExit):
        arguments(["--help"])
    said = capsys.readouterr().out
    assert "cách dùng:" in said and "trang đã dựng" in said and "the built site" not in said
    with pytest.raises(SystemExit) as ended:
        arguments(["--workers", "abc"])
    assert ended.value.code == 2 and "cần một số nguyên" in capsys.readouterr().err
