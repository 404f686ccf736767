"""Lan Tỏa benchmarks. `scripts/bench SUBCOMMAND [options]`; `scripts/bench --help` lists them.

Each subcommand is a module in scripts/benchkit/ with a `main(argv) -> int`.
Figures are printed, never asserted: tests do not time anything.
"""
import importlib
import pkgutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent  # scripts/
sys.path.insert(0, str(HERE))


def subcommands() -> list[str]:
    import benchkit
    return sorted(m.name for m in pkgutil.iter_modules(benchkit.__path__) if not m.name.startswith("_"))


def main(argv: list[str]) -> int:
    names = subcommands()
    if not argv or argv[0] in {"-h", "--help"} or argv[0] not in names:
        print(__doc__.strip())
        print("subcommands:", ", ".join(names) or "(none yet)")
        return 0 if argv[:1] in ([], ["-h"], ["--help"]) else 2
    module = importlib.import_module(f"benchkit.{argv[0]}")
    return module.main(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
