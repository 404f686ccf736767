"""The engine seam holds: only `lantoa/engine/` knows MkDocs, nothing else imports it, and only
`internals.py` touches the engine's private names."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "plugins" / "lantoa"
ENGINE = PACKAGE / "engine"
ENGINES = ("mkdocs", "properdocs")


def modules(folder: Path):
    return sorted(p for p in folder.rglob("*.py"))


def imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(module, names, level) of every import in `path`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, [], 0) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.module or "", [alias.name for alias in node.names], node.level))
    return found


def test_only_the_engine_folder_imports_the_engine():
    outside = [(p.relative_to(PACKAGE).as_posix(), module) for p in modules(PACKAGE) if ENGINE not in p.parents
               for module, _, level in imports(p) if level == 0 and module.split(".")[0] in ENGINES]
    assert outside == []


def absolute(path: Path, module: str, level: int) -> str:
    """The absolute name of an import in `path` (`from ..x import y` in lantoa/a/b.py: lantoa.x)."""
    if level == 0:
        return module
    package = list(path.relative_to(PACKAGE.parent).parent.parts)
    return ".".join([*package[:len(package) - level + 1], *([module] if module else [])])


def test_nothing_outside_the_engine_folder_imports_from_it():
    offenders = [path.relative_to(PACKAGE).as_posix() for path in modules(PACKAGE) if ENGINE not in path.parents
                 for module, names, level in imports(path)
                 if absolute(path, module, level).startswith("lantoa.engine")
                 or (absolute(path, module, level) == "lantoa" and "engine" in names)]
    assert offenders == []


def test_private_engine_names_are_used_only_in_internals():
    offenders = []
    for path in modules(ENGINE):
        if path.name == "internals.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for module, names, level in imports(path):
            if level == 0 and module.split(".")[0] in ENGINES and any(n.startswith("_") for n in names):
                offenders.append(f"{path.name}: from {module} import {names}")
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
                    and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))):
                offenders.append(f"{path.name}:{node.lineno}: .{node.attr}")
    assert offenders == []


def test_the_plugin_only_maps_events():
    lines = (ENGINE / "plugin.py").read_text(encoding="utf-8").count("\n")
    assert lines <= 200, f"engine/plugin.py has {lines} lines: move logic into a module of its own"


def test_tests_run_the_engine_under_test():
    """Whole-build tests start the engine through support.engine(), so that scripts/test's second
    pass really builds with ProperDocs."""
    tests = Path(__file__).resolve().parents[1]
    spelled = [p.relative_to(tests).as_posix() for p in tests.rglob("*.py")
               if p.name not in ("support.py", "test_seam.py") and '"-m", "mkdocs"' in p.read_text(encoding="utf-8")]
    assert spelled == []
