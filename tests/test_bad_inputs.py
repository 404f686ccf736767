"""The bad-input set: one broken item per diagnostic code of the checker, its output compared line by line."""
import os
import shutil
import subprocess
import sys

from lantoa.diagnostics import all_codes
from support import ROOT, engine

BAD = ROOT / "tests" / "fixtures" / "bad"
# Codes found only while building: photo decoding (LT1xx) and site settings (LT13x) have their own tests.
BUILD_ONLY_PREFIXES = ("LT1",)


def check_output() -> list[str]:
    result = subprocess.run([sys.executable, "-m", "lantoa.check", str(BAD)], capture_output=True, text=True)
    assert result.returncode == 1
    return result.stdout.splitlines()


def test_check_output_matches_expected_line_by_line():
    expected = (BAD / "expected.txt").read_text(encoding="utf-8").splitlines()
    actual = check_output()
    for number, (want, got) in enumerate(zip(expected, actual), 1):
        assert got == want, f"line {number}"
    assert len(actual) == len(expected)


def test_every_checker_code_has_a_broken_item():
    more = (ROOT / "tests" / "fixtures" / "bad-more" / "expected.txt").read_text(encoding="utf-8").splitlines()
    seen = {line.split(": ", 1)[1].split()[0] for line in check_output() + more}
    checker_codes = {c for c in all_codes() if not c.startswith(BUILD_ONLY_PREFIXES)}
    assert checker_codes - seen == set()


def test_the_strict_build_reports_the_same_problems(tmp_path):
    project = tmp_path / "bad"
    shutil.copytree(BAD, project, symlinks=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(engine("build", "--strict", "-d", str(tmp_path / "site")),
                            cwd=project, capture_output=True, text=True, env=env)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    for line in (BAD / "expected.txt").read_text(encoding="utf-8").splitlines():
        assert line in result.stderr
