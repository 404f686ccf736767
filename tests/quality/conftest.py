"""Quality gates: the Lighthouse score table at the end of the run."""
from __future__ import annotations


def pytest_terminal_summary(terminalreporter):
    """Print the Lighthouse scores the tests recorded, with or without -s, and under xdist."""
    rows = {value["page"]: value["scores"] for reports in terminalreporter.stats.values()
            for report in reports for name, value in getattr(report, "user_properties", ())
            if name == "lighthouse"}
    if rows:
        terminalreporter.section("Lighthouse scores")
        for page, scores in sorted(rows.items()):
            listed = "  ".join(f"{name} {score}" for name, score in scores.items())
            terminalreporter.write_line(f"{page:<40} {listed}")


