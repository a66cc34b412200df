"""The HTML report: its sections, its escaping of article text, and its place in a run."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from newsfacts import report
from newsfacts.cli import app
from tests import report_data as data


class PageParser(HTMLParser):
    """Every element's tag and attributes, the text content, and each inline script's source."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.scripts: list[tuple[dict, str]] = []
        self.styles: list[str] = []
        self._open: tuple[str, dict] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag in ("script", "style"):
            self._open = (tag, attributes)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._open = None

    def handle_data(self, content):
        if self._open and self._open[0] == "script":
            self.scripts.append((self._open[1], content))
        elif self._open and self._open[0] == "style":
            self.styles.append(content)
        else:
            self.text.append(content)


def parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture
def dataset(tmp_path) -> Path:
    return data.write_dataset(tmp_path / "dataset")


@pytest.fixture
def dataset_with_claims(tmp_path) -> Path:
    return data.write_dataset(tmp_path / "dataset", with_claims=True)


def render(folder: Path) -> str:
    return report.render_report(report.load_dataset(folder))


# --- untrusted text ---------------------------------------------------------------------------------


@pytest.mark.parametrize("with_claims", [False, True])
def test_hostile_article_text_is_shown_as_text_never_as_markup(tmp_path, with_claims):
    page = parse(render(data.write_dataset(tmp_path / "d", with_claims=with_claims)))
    tags = [tag for tag, _ in page.elements]
    # The only script that runs is the page's own (the other is a JSON data block); no image at all.
    assert [attrs.get("type") for tag, attrs in page.elements if tag == "script"] == ["application/json", None]
    assert "img" not in tags
    assert not [(tag, name) for tag, attrs in page.elements for name in attrs if name.lower().startswith("on")]
    assert not [attrs for _, attrs in page.elements if any((v or "").strip().lower().startswith("javascript:") for v in attrs.values())]
    assert not [attrs for _, attrs in page.elements if "src" in attrs]
    # ...and the hostile strings are there for the reader, as text.
    text = "".join(page.text)
    assert f"John {data.IMG}" in text  # a speaker's name, in the charts
    if with_claims:
        assert f"Unemployment fell by 3% {data.SCRIPT}" in text  # a claim, in the claims table


def test_the_quotes_json_cannot_close_its_script_block(dataset):
    html = render(dataset)
    block = html.split('<script id="quotes-data" type="application/json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block  # tojson writes them as \u003c and \u003e
    rows = json.loads(block)["rows"]
    assert any(data.SCRIPT in cell for row in rows for cell in row if isinstance(cell, str))


def test_only_http_urls_become_links(dataset_with_claims):
    page = parse(render(dataset_with_claims))
    hrefs = [attrs["href"] for tag, attrs in page.elements if tag == "a" and not attrs["href"].startswith("#")]
    assert hrefs and set(hrefs) == {"https://example.org/b"}
    assert all("noopener" in attrs.get("rel", "") for tag, attrs in page.elements if tag == "a" and not attrs["href"].startswith("#"))


def test_the_content_security_policy_allows_exactly_the_inline_script_and_style(dataset):
    page = parse(render(dataset))
    csp = next(attrs["content"] for tag, attrs in page.elements if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp

    def digest(source: str) -> str:
        return "sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()

    script = next(source for attrs, source in page.scripts if attrs.get("type") is None)
    assert f"script-src '{digest(script)}'" in csp
    assert f"style-src '{digest(page.styles[0])}'" in csp
    # Self-contained: nothing refers to another file or host.
    assert not [tag for tag, attrs in page.elements if tag == "link" or "src" in attrs]


# --- sections -----------------------------------------------------------------------------------------


def test_absent_tables_are_named_not_failed(dataset):
    text = " ".join("".join(parse(render(dataset)).text).split())
    assert "Not in this dataset: it has no claims table." in text
    assert "Not in this dataset: it has no quote_clusters table." in text


def test_claims_and_clusters_render_from_their_tables(dataset_with_claims):
    html = render(dataset_with_claims)
    text = " ".join("".join(parse(html).text).split())
    assert "Not in this dataset" not in text
    # Claims: highest check-worthiness first, with claimants; one hedged, one negated.
    claims = html.split('id="claims"', 1)[1].split("</section>", 1)[0]
    assert claims.index("0.91") < claims.index("0.55") < claims.index("0.15")
    assert "The same claim in several articles" in claims
    context = report.claims_section(data.claims(), data.documents(), data.claim_clusters())
    assert [(c["n_claims"], c["n_docs"]) for c in context["largest_clusters"]] == [(2, 2)]
    assert (context["n"], context["hedged"], context["negated"], context["with_claimant"]) == (3, 1, 1, 2)
    assert context["clustered"] == {"clusters": 1, "multi_doc": 1}
    # The cluster lists both of its articles, in date order.
    clusters = report.clusters_section(data.quote_clusters(), data.quotes(), data.documents())
    assert [a["name"] for a in clusters["rows"][0]["articles"]] == [f"Breaking {data.SCRIPT}", "Second article"]
    assert clusters["rows"][0]["first"] == "2025-08-17"


def test_speakers_are_ranked_with_the_unknown_share():
    section = report.speakers_section(data.quotes())
    assert section["unknown"] == 1 and section["unknown_share"] == 0.25
    assert [(b["full_label"], b["value"]) for b in section["by_quotes"]["bars"]] == [(f"John {data.IMG}", "2"), ("Ann Jones", "1")]
    assert section["by_quotes"]["bars"][0]["width"] > section["by_quotes"]["bars"][1]["width"]


def test_cooccurrence_counts_articles_shared_by_two_people_or_organisations():
    section = report.cooccurrence_section(data.mentions(), data.entities())
    smith, jones = f"John {data.IMG} (PERSON)", "Ann Jones (PERSON)"
    assert section["pairs"] == [{"a": smith, "b": jones, "n": 2}]  # the place is left out
    assert len(section["matrix"]["cells"]) == 2 * 1  # every ordered pair, no diagonal
    # With no two people or organisations, every type counts.
    places = data.entities().with_columns(pl.lit("GPE").alias("type"))
    pairs = {(p["a"], p["b"]): p["n"] for p in report.cooccurrence_section(data.mentions(), places)["pairs"]}
    assert pairs == {(smith.replace("PERSON", "GPE"), jones.replace("PERSON", "GPE")): 2, (smith.replace("PERSON", "GPE"), "United Kingdom (GPE)"): 2, (jones.replace("PERSON", "GPE"), "United Kingdom (GPE)"): 1}


def test_quotes_per_article_counts_articles_without_quotes(dataset):
    section = report.quality_section(report.load_dataset(dataset))
    counts = {bar["full_label"]: bar["value"] for bar in section["per_article"]["chart"]["bars"]}
    assert (counts["0 quotes"], counts["1 quote"], counts["2 quotes"]) == ("1", "0", "2")


def test_the_quotes_table_keeps_the_most_confident_rows_when_capped():
    table = report.quotes_table(data.quotes(), data.documents(), cap=2)
    assert (table["shown"], table["total"]) == (2, 4)
    assert sorted(row[5] for row in table["rows"]) == [0.8, 0.9]
    unknown = report.quotes_table(data.quotes(), data.documents())["rows"]
    assert ["(an official)", "It is over"] in [row[:2] for row in unknown]  # an unresolved speaker, as the text names it


def test_validation_shows_quarantine_and_broken_rules_across_tables(dataset):
    html = render(dataset)
    quality = " ".join(" ".join(parse(html.split('id="quality"', 1)[1].split("</section>", 1)[0]).text).split())
    assert "speaker_entity_id is found in entities.entity_id 2" in quality
    assert "nothing quarantined" in quality
    assert "keep every rule across tables" not in quality


def test_the_run_section_counts_fates_and_time():
    run = report.run_section(data.manifest())
    assert (run["files_in"], run["seconds"], run["rejected_reasons"]) == (5, 12.5, [("binary", 1)])


# --- writing, the CLI and the run -----------------------------------------------------------------


def test_newsfacts_report_writes_the_page_into_a_plain_folder(dataset):
    result = CliRunner().invoke(app, ["report", str(dataset)])
    assert result.exit_code == 0, result.output
    page = (dataset / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Who is quoted" in page
    assert not list(dataset.glob(".*.tmp"))


def test_newsfacts_report_writes_elsewhere_with_html(dataset, tmp_path):
    target = tmp_path / "pages" / "today.html"
    result = CliRunner().invoke(app, ["report", str(dataset), "--html", str(target)])
    assert result.exit_code == 0, result.output
    assert "Who is quoted" in target.read_text(encoding="utf-8")
    assert not (dataset / "report.html").exists()


def test_newsfacts_report_on_a_folder_without_a_dataset_says_so(tmp_path):
    result = CliRunner().invoke(app, ["report", str(tmp_path)])
    assert result.exit_code == 1
    assert "not a newsfacts dataset" in result.output


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory):
    """One local run over the seeds."""
    import shutil

    from newsfacts.pipeline import curate
    from newsfacts.settings import Settings
    from tests.conftest import RAW

    raw = tmp_path_factory.mktemp("report-run") / "raw"
    shutil.copytree(RAW, raw)
    out = raw.parent / "outputs"
    return curate(Settings(raw_dir=raw, out_dir=out, workers=1)), out


@pytest.mark.slow
def test_a_run_publishes_its_report_with_its_tables(seeds_run):
    summary, out = seeds_run
    link = out / "report.html"
    assert link.is_symlink() and os.readlink(link) == ".current/report.html"
    assert (out / ".runs" / summary.run_id / "report.html").is_file()
    assert summary.report_error is None
    page = link.read_text(encoding="utf-8")
    quotes = pl.read_parquet(out / "quotes.parquet")
    assert f"All {quotes.height:,} quotes." in page
    assert "Melania Trump" in page


@pytest.mark.slow
def test_newsfacts_report_rewrites_the_current_runs_page(seeds_run):
    summary, out = seeds_run
    before = (out / "report.html").stat().st_mtime_ns
    result = CliRunner().invoke(app, ["report", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / ".current").resolve().name == summary.run_id
    assert (out / "report.html").stat().st_mtime_ns > before


@pytest.mark.slow
def test_newsfacts_report_waits_for_no_run_and_says_so(seeds_run):
    from newsfacts.publishing import OutputLock

    _, out = seeds_run
    with OutputLock(out):  # a run is writing
        result = CliRunner().invoke(app, ["report", str(out)])
    assert result.exit_code == 1
    assert "another run" in result.output


@pytest.mark.slow
def test_a_report_failure_is_recorded_and_the_dataset_still_published(raw_copy, tmp_path, monkeypatch):
    from newsfacts.pipeline import curate
    from newsfacts.settings import Settings

    def broken(dataset):
        raise RuntimeError("chart exploded")

    monkeypatch.setattr(report, "render_report", broken)
    out = tmp_path / "outputs"
    summary = curate(Settings(raw_dir=raw_copy, out_dir=out, workers=1))
    assert summary.report_error == "RuntimeError: chart exploded"
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["report_error"] == "RuntimeError: chart exploded"
    assert pl.read_parquet(out / "documents.parquet").height == 2
    assert not (out / "report.html").exists()
    assert re.fullmatch(r".+Z-[0-9a-f]{6}", (out / ".current").resolve().name)
