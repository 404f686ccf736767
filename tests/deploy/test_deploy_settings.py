"""scripts/deploy reads the card retention the build keeps, or stops (found by fuzzing: run from
another folder, or with a mistyped --config, it took 3 years and deleted cards a site keeps 10)."""
from __future__ import annotations

import pytest

from lantoa.deploy.run import main, retention_years


def project(tmp_path, retention: str = "      card_retention: 10\n"):
    (tmp_path / "mkdocs.yml").write_text("site_name: Thử\nplugins:\n  - lantoa:\n" + retention, encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<p>trang</p>", encoding="utf-8")
    return tmp_path


def test_the_retention_is_the_projects(tmp_path):
    assert retention_years(project(tmp_path) / "mkdocs.yml") == 10.0


@pytest.mark.parametrize("config", ["khong-co.yml", "hong"])
def test_no_readable_mkdocs_yml_stops_the_deploy_before_the_store(tmp_path, config, capsys):
    root = project(tmp_path)
    if config == "hong":
        (root / "mkdocs.yml").write_text("site_name: [chưa đóng\n", encoding="utf-8")
        argv = []
    else:
        argv = ["--config", str(root / config)]
    with pytest.raises(ValueError):
        retention_years(root / config if config != "hong" else root / "mkdocs.yml")
    assert main(["--site", str(root / "site"), "--bucket", "x", *argv]) == 2
    assert "card_retention" in capsys.readouterr().err


def test_the_default_config_is_the_one_beside_the_site(tmp_path, monkeypatch, capsys):
    (tmp_path / "du-an").mkdir()
    root = project(tmp_path / "du-an")
    monkeypatch.chdir(tmp_path)  # no mkdocs.yml here
    monkeypatch.delenv("AWS_ACCESS_KEY_ID", raising=False)
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY", raising=False)
    main(["--site", str(root / "site"), "--bucket", "x", "--dry-run"])
    assert "card_retention" not in capsys.readouterr().err  # got past the settings, to the store
