"""Debian's Chromium, driven by Playwright, and axe-core inside it."""

import json
import shutil
from pathlib import Path

from django.conf import settings

AXE_SOURCE = (
    Path(settings.BASE_DIR) / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
)
# WCAG 2.2 A and AA, with the 2.0 and 2.1 rules they include.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        raise RuntimeError(
            "Debian's chromium is needed for the browser tests: run "
            "scripts/ensure-chromium (make test does)."
        )
    return path


def axe_violations(page) -> list[dict]:
    """Run axe-core in the page and return its violations (empty is good)."""
    # Evaluated through the DevTools protocol, so the page's CSP (which forbids
    # inline scripts) does not block it.
    page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return result["violations"]


def describe_violations(violations: list[dict]) -> str:
    return json.dumps(
        [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]][:5],
            }
            for v in violations
        ],
        indent=2,
    )


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    if violations:
        raise AssertionError(
            f"axe-core found WCAG 2.2 A/AA violations on {page.url}:\n"
            + describe_violations(violations)
        )
