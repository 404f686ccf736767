"""The pre-commit hook stops a broken story; CI runs the checker with annotations and builds strictly."""
from __future__ import annotations

import shlex
import subprocess

import yaml
from authoring_helpers import ROOT


def local_hook() -> dict:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    (hook,) = repo["hooks"]
    return hook


def test_hook_runs_on_stories_and_stops_a_broken_one(project):
    hook = local_hook()
    assert hook["files"] == "^stories/" and hook["pass_filenames"] is False
    command = [str(ROOT / shlex.split(hook["entry"])[0]), *shlex.split(hook["entry"])[1:]]
    assert subprocess.run(command, cwd=project, capture_output=True).returncode == 0
    index = project / "stories/people/2024/chi-an/index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("subject_kind: cá nhân", "subject_kind: ca nhann"),
                     encoding="utf-8")
    result = subprocess.run(command, cwd=project, capture_output=True, text=True)
    assert result.returncode == 1 and "LT009" in result.stdout


def test_hook_definition_for_other_repositories():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["entry"] == "python -m lantoa.check" and hook["language"] == "python"
    assert hook["files"] == "^stories/" and hook["pass_filenames"] is False


def test_github_workflow():
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    check = runs.index("scripts/check --format github")
    build = next(i for i, r in enumerate(runs) if "mkdocs build --strict" in r)
    cache = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/cache@"))
    assert check < cache < build
    assert steps[cache]["with"]["path"] == ".cache/lantoa"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["steps"][-1]["uses"].startswith("actions/deploy-pages@")
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_gitlab_pipeline():
    pipeline = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    script = [line for line in pipeline["check"]["script"] if isinstance(line, str)]
    assert any(line.startswith("scripts/check --format gitlab") for line in script)
    assert pipeline["check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    pages = pipeline["pages"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert any("mkdocs build --strict -d public" in line for line in pages["script"] if isinstance(line, str))
    assert {"key": "lantoa-photos", "paths": [".cache/lantoa"]} in pages["cache"]
