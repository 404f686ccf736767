"""Benchmark subcommands of scripts/bench: one module each, with main(argv) -> int."""
