"""Rooms a newcomer can read: no module of the plugin or the scripts over 400 lines, no function
over 80 (issue 15). Split by what the parts are for when one grows past these."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted([*(ROOT / "plugins" / "lantoa").rglob("*.py"), *(ROOT / "scripts").rglob("*.py")])


def test_no_module_over_400_lines():
    assert {p.relative_to(ROOT).as_posix(): n for p in SOURCES
            if (n := p.read_text(encoding="utf-8").count("\n")) > 400} == {}


def test_no_function_over_80_lines():
    long = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno >= 80:
                long.append(f"{path.relative_to(ROOT).as_posix()}:{node.lineno} {node.name}")
    assert long == []
