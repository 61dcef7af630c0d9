"""The Nu HTML checker (vnu.jar, from npm's vnu-jar) over many pages.

Java starts once for all the pages: each page is written to a file in a
temporary folder and one checker run reads them all.
"""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

JAVA_MISSING = (
    "The valid-HTML test needs Java to run the Nu HTML checker: install it "
    "(on Debian: apt-get install default-jre-headless; .ci/run does this)."
)


VNU_JAR = (
    Path(settings.BASE_DIR)
    / "frontend"
    / "node_modules"
    / "vnu-jar"
    / "build"
    / "dist"
    / "vnu.jar"
)


def java() -> str | None:
    return shutil.which("java")


def missing_tool() -> str | None:
    """Why the checker cannot run here, or None when it can."""
    if java() is None:
        return JAVA_MISSING
    if not VNU_JAR.exists():
        return f"The Nu HTML checker is missing ({VNU_JAR}): run make setup."
    return None


def errors_by_page(pages: dict[str, str]) -> dict[str, list[str]]:
    """``{name: html}`` in; ``{name: [error, ...]}`` out, for pages with errors."""
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for number, (name, html) in enumerate(pages.items()):
            path = Path(folder) / f"page-{number:03d}.html"
            path.write_text(html, encoding="utf-8")
            files[str(path)] = name
        run = subprocess.run(  # noqa: S603 - our own arguments
            [
                java(),
                "-Xss1024k",
                "-jar",
                str(VNU_JAR),
                "--format",
                "json",
                "--exit-zero-always",
                *sorted(str(path) for path in Path(folder).iterdir()),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    report = json.loads(run.stderr or run.stdout)
    errors: dict[str, list[str]] = {}
    for message in report["messages"]:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        url = message.get("url", "")
        name = files.get(urlsplit(url).path, url)
        where = f"line {message.get('lastLine', '?')}"
        extract = message.get("extract", "").strip().replace("\n", " ")
        errors.setdefault(name, []).append(
            f"{where}: {message['message']} [{extract[:120]}]"
        )
    return errors
