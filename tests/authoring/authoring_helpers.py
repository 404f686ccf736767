"""Helpers shared by the authoring tests (imported by name: pytest puts this folder on sys.path)."""
from __future__ import annotations

import contextlib
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "fixtures" / "small"


def check(project: Path, *args: str):
    """Run lantoa.check in-process; returns (exit code, stdout, stderr)."""
    from lantoa import check as checker
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = checker.main([str(project), *args])
    return code, out.getvalue(), err.getvalue()
