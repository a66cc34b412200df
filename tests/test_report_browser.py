"""The report in a real browser: Debian's headless Chromium, driven by Playwright (never its own browser build).

Skips with the reason where chromium is not installed (`.ci/run` installs it where it can).
"""

from __future__ import annotations

import io
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import RAW

pytestmark = pytest.mark.slow

CHROMIUM = os.environ.get("NEWSFACTS_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
# Quiet, offline Chromium: no background requests of its own that could be mistaken for the page's.
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]

# An article whose every field tries to run code in the report.
HOSTILE_ARTICLE = """Title: Breaking <script>window.__pwned = 'title'</script> news
URL: javascript:window.__pwned='url'
Author: <img src=x onerror="window.__pwned = 'author'">

"We will never accept <script>window.__pwned = 'quote'</script> this deal," said John Smith, the minister.

Smith said the <img src=x onerror="window.__pwned = 'img'"> plan had failed, according to <a href="javascript:window.__pwned='link'">the ministry</a>.
"""


@dataclass
class PageVisit:
    """What happened when Chromium opened a page."""

    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    screenshot: bytes = b""
    load_ms: float = 0.0
    pwned: object = None
    body_text: str = ""


def visit(path: Path, screenshot: Path | None = None, actions=None) -> PageVisit:
    """Open a file in headless Chromium; record console errors, requests, dialogs, load time and a screenshot."""
    from playwright.sync_api import sync_playwright

    seen = PageVisit()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", lambda message: seen.console_errors.append(message.text) if message.type == "error" else None)
            page.on("pageerror", lambda error: seen.console_errors.append(f"page error: {error}"))
            page.on("request", lambda request: seen.requests.append(request.url))
            page.on("dialog", lambda dialog: (seen.dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(path.resolve().as_uri(), wait_until="load")
            seen.load_ms = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
            seen.pwned = page.evaluate("window.__pwned === undefined ? null : String(window.__pwned)")
            seen.body_text = page.inner_text("body")
            if actions:
                actions(page)
            seen.screenshot = page.screenshot(full_page=True, path=str(screenshot) if screenshot else None)
        finally:
            browser.close()
    return seen


def distinct_colours(png: bytes) -> int:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    return len(image.getcolors(maxcolors=1 << 24))


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run does it where it runs as root)")
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e .[dev])")
    return CHROMIUM


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory) -> Path:
    from newsfacts.pipeline import curate
    from newsfacts.settings import Settings

    raw = tmp_path_factory.mktemp("browser-seeds") / "raw"
    shutil.copytree(RAW, raw)
    curate(Settings(raw_dir=raw, out_dir=raw.parent / "outputs", workers=1))
    return raw.parent / "outputs" / "report.html"


def test_the_seeds_report_loads_offline_without_errors(chromium, seeds_report, tmp_path):
    def use_the_quotes_table(page):
        rows = page.locator("#quotes tbody tr")
        assert rows.count() > 3
        page.fill("#quotes-search", "Putin")
        matching = rows.all_inner_texts()
        assert matching and all("putin" in row.lower() for row in matching)
        page.fill("#quotes-search", "")
        page.click("#quotes th:has-text('confidence')")
        page.click("#quotes th:has-text('confidence')")  # descending
        confidences = [float(c) for c in page.locator("#quotes tbody tr td:nth-child(6)").all_inner_texts()]
        assert confidences == sorted(confidences, reverse=True)

    seen = visit(seeds_report, tmp_path / "seeds.png", use_the_quotes_table)
    assert seen.console_errors == []
    assert seen.requests == [seeds_report.resolve().as_uri()]  # the page itself, and nothing else
    assert seen.dialogs == []
    assert "Who is quoted" in seen.body_text and "Melania Trump" in seen.body_text
    # Not blank: a drawn page has text, bars and a matrix in many colours; a blank one has one or two.
    assert distinct_colours(seen.screenshot) > 50


@pytest.fixture(params=["pipeline", "synthetic"])
def hostile_report(request, tmp_path) -> tuple[Path, str]:
    """A report holding hostile text: from a real run over a hostile article (its title, URL and quote), or
    from a synthetic dataset that puts it in every section (speakers, entities, claims, clusters)."""
    from newsfacts.report import write_report
    from tests import report_data

    if request.param == "synthetic":
        return write_report(report_data.write_dataset(tmp_path / "dataset", with_claims=True)), report_data.SCRIPT
    from newsfacts.pipeline import curate
    from newsfacts.settings import Settings

    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    (raw / "hostile.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    out = tmp_path / "outputs"
    curate(Settings(raw_dir=raw, out_dir=out, workers=1))
    return out / "report.html", "<script>window.__pwned = 'quote'</script>"


def test_hostile_article_text_runs_nothing_in_the_browser(chromium, hostile_report):
    path, shown = hostile_report
    injected = []

    def count(page):
        injected.extend(page.evaluate(
            "[document.querySelectorAll('img').length, document.querySelectorAll('a[href^=\"javascript\" i]').length,"
            " document.querySelectorAll('script:not([type])').length]"
        ))

    seen = visit(path, actions=count)
    assert seen.pwned is None
    assert seen.dialogs == [] and seen.console_errors == []  # a blocked inline script would log a CSP error
    assert injected == [0, 0, 1]  # no image, no javascript: link, one script: the page's own
    assert shown in seen.body_text  # shown to the reader, as text
    assert seen.requests == [path.resolve().as_uri()]
